import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import type { NewReviewComment, Repo, ReviewComment } from '../../src/github/client.js';
import { parsePatch } from '../../src/github/hunks.js';
import { lint } from '../helpers/lint.js';
import {
  SUGGESTION_MARKER,
  suggestedChanges,
  suggestionBody,
  syncSuggestions,
  type ReviewCommentsApi,
  type SuggestedChange,
} from '../../src/github/suggestions.js';
import { tempRepo } from './helpers.js';

/** An in-memory PR review-comment store with the client's review-comment calls. */
class FakeComments implements ReviewCommentsApi {
  comments: Array<ReviewComment & { line: number; start_line?: number; commit_id: string }> = [];
  calls: string[] = [];
  private next = 1;
  async listReviewComments(_repo: Repo, _pull: number) {
    this.calls.push('list');
    return this.comments.map(({ id, body, path }) => ({ id, body, path }));
  }
  async createReviewComment(_repo: Repo, c: NewReviewComment) {
    this.calls.push(`create ${c.path}:${c.startLine ?? c.line}-${c.line}`);
    const range = c.startLine ? { start_line: c.startLine } : {};
    const comment = { id: this.next++, body: c.body, path: c.path, line: c.line, commit_id: c.commitId, ...range };
    this.comments.push(comment);
    return comment.id;
  }
  async updateReviewComment(_repo: Repo, id: number, body: string) {
    this.calls.push(`update ${id}`);
    this.comments.find((c) => c.id === id)!.body = body;
  }
  async deleteReviewComment(_repo: Repo, id: number) {
    this.calls.push(`delete ${id}`);
    this.comments = this.comments.filter((c) => c.id !== id);
  }
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

const CONNECTOR = [
  'connector:',
  '  name: hub',
  '  identifier: harnessImage',
  '  type: DockerRegistry',
  '  spec:',
  '    dockerRegistryUrl: https://app.harness.io/registry',
  '    providerType: Other',
  '    auth:',
  '      type: Anonymous',
  '',
].join('\n');
const PIPELINE = [
  'pipeline:',
  '  name: p',
  '  identifier: p',
  '  stages:',
  '    - stage:',
  '        name: s',
  '        identifier: s',
  '        type: CI',
  '        spec:',
  '          execution:',
  '            steps:',
  '              - step:',
  '                  type: Run',
  '                  name: r',
  '                  identifier: r',
  '                  spec:',
  '                    image: registry.example.com/mirror/ci-addon:1.16.92',
  '',
].join('\n');

/** Lints a two-file repo and turns its findings into suggested changes. */
function changesFor(files: Record<string, string>): SuggestedChange[] {
  const dir = tempRepo(files);
  temps.push(dir);
  const result = lint({ cwd: dir, paths: ['.'] });
  return suggestedChanges(result.findings, (f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

describe('suggestedChanges', () => {
  test('fixes on neighbouring lines of one connector merge into one suggestion; a suggestion-only finding is its own', () => {
    const changes = changesFor({ '.harness/hub.yaml': CONNECTOR, '.harness/p.yaml': PIPELINE });
    expect(changes).toEqual([
      {
        path: '.harness/hub.yaml',
        startLine: 6,
        endLine: 7,
        replacement: '    dockerRegistryUrl: https://registry.hub.docker.com\n    providerType: DockerHub',
        title: 'Point connector `harnessImage` at `https://registry.hub.docker.com` (Provider Type Docker Hub).',
        ruleIds: ['no-app-harness-registry'],
        safe: true,
      },
      {
        path: '.harness/p.yaml',
        startLine: 17,
        endLine: 17,
        replacement: '                    image: registry.example.com/mirror/harness/ci-addon:1.16.92',
        title: 'Use `registry.example.com/mirror/harness/ci-addon:1.16.92`, after mirroring the image under that name (check the registry prefix first).',
        ruleIds: ['no-renamed-harness-image'],
        safe: false,
      },
    ]);
  });

  test('an inserted key extends the line it follows; CRLF becomes LF in the suggestion', () => {
    const crlf = CONNECTOR.replace('https://app.harness.io/registry', 'https://registry.hub.docker.com').replace('providerType: Other', 'providerType: DockerHub').replace(/\n/g, '\r\n');
    const cloud = 'pipeline:\r\n  name: c\r\n  identifier: c\r\n  stages:\r\n    - stage:\r\n        name: s\r\n        identifier: s\r\n        type: CI\r\n        spec:\r\n          runtime:\r\n            type: Cloud\r\n            spec: {}\r\n';
    const [change] = changesFor({ 'hub.yaml': crlf, 'c.yaml': cloud });
    expect(change).toMatchObject({ path: 'hub.yaml', startLine: 9, endLine: 9, replacement: '      type: Anonymous\n    executeOnDelegate: false' });
  });
});

describe('hunks of a patch', () => {
  test('new-side ranges; a pure deletion hunk has none', () => {
    expect(parsePatch('@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20 +21,0 @@\n-x\n@@ -30,2 +30 @@ ctx\n-y\n z').hunks).toEqual([
      [1, 4],
      [30, 30],
    ]);
    expect(parsePatch(undefined).hunks).toEqual([]);
  });
});

describe('syncSuggestions against a fake client', () => {
  const changes = (): SuggestedChange[] => [
    { path: 'a.yaml', startLine: 6, endLine: 7, replacement: 'x\ny', title: 'T1', ruleIds: ['no-app-harness-registry'], safe: true },
    { path: 'a.yaml', startLine: 40, endLine: 40, replacement: 'z', title: 'T2', ruleIds: ['require-platform-connectivity'], safe: true },
    { path: 'b.yaml', startLine: 3, endLine: 3, replacement: 'w', title: 'T3', ruleIds: ['no-renamed-harness-image'], safe: false },
  ];
  // a.yaml's hunk covers lines 5-9 only; b.yaml is not in the PR.
  const files = [{ path: 'a.yaml', hunks: parsePatch('@@ -5,4 +5,5 @@\n a\n+b\n c\n d\n e').hunks }];
  const base = { repo: { owner: 'o', repo: 'r' }, pullNumber: 7, headSha: 'abc123', files };

  test('comments only on lines inside diff hunks, as multi-line suggestions on the head commit', async () => {
    const api = new FakeComments();
    const r = await syncSuggestions({ ...base, api, changes: changes() });
    expect(r).toMatchObject({ created: 1, updated: 0, deleted: 0, unchanged: 0, errors: [] });
    expect(r.outsideDiff.map((c) => `${c.path}:${c.startLine}`)).toEqual(['a.yaml:40', 'b.yaml:3']);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]).toMatchObject({ path: 'a.yaml', line: 7, start_line: 6, commit_id: 'abc123' });
    expect(api.comments[0]!.body).toBe(suggestionBody(changes()[0]!));
    expect(api.comments[0]!.body).toContain('```suggestion\nx\ny\n```');
    expect(api.comments[0]!.body).toMatch(new RegExp(`^<!-- ${SUGGESTION_MARKER} key=[0-9a-f]{16} -->\n`));
  });

  test('a second run with the same fixes changes nothing and posts no duplicate', async () => {
    const api = new FakeComments();
    await syncSuggestions({ ...base, api, changes: changes() });
    api.calls = [];
    const r = await syncSuggestions({ ...base, api, changes: changes() });
    expect(r).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 1 });
    expect(api.comments).toHaveLength(1);
    expect(api.calls).toEqual(['list']);
  });

  test('a changed fix updates its comment; a fix that is gone deletes it; other people’s comments are untouched', async () => {
    const api = new FakeComments();
    api.comments.push({ id: 100, body: 'LGTM, but see line 6', path: 'a.yaml', line: 6, commit_id: 'abc123' });
    await syncSuggestions({ ...base, api, changes: changes() });
    const ours = api.comments.find((c) => c.id !== 100)!;
    // A reviewer who quotes the tool's comment, marker and all, keeps their comment.
    api.comments.push({ id: 101, body: `> ${ours.body.replace(/\n/g, '\n> ')}\n\nWhy?`, path: 'a.yaml', line: 7, commit_id: 'abc123' });

    const edited = changes();
    edited[0] = { ...edited[0]!, replacement: 'x\nY' };
    const r1 = await syncSuggestions({ ...base, api, changes: edited });
    expect(r1).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect(api.comments.find((c) => c.id === ours.id)!.body).toContain('x\nY');

    const r2 = await syncSuggestions({ ...base, api, changes: [] });
    expect(r2).toMatchObject({ created: 0, updated: 0, deleted: 1 });
    expect(api.comments.map((c) => c.id)).toEqual([100, 101]);
  });

  test('duplicates left by an earlier run are removed, keeping one', async () => {
    const api = new FakeComments();
    await syncSuggestions({ ...base, api, changes: changes() });
    api.comments.push({ ...api.comments[0]!, id: 50 });
    const r = await syncSuggestions({ ...base, api, changes: changes() });
    expect(r).toMatchObject({ deleted: 1, unchanged: 1, created: 0 });
    expect(api.comments).toHaveLength(1);
  });

  test('a failing call is reported and the rest still run', async () => {
    const api = new FakeComments();
    api.createReviewComment = async () => {
      throw new Error('Validation Failed: line must be part of the diff');
    };
    const wide = [{ path: 'a.yaml', hunks: parsePatch('@@ -1,50 +1,50 @@\n').hunks }];
    const r = await syncSuggestions({ ...base, files: wide, api, changes: changes() });
    expect(r.created).toBe(0);
    expect(r.errors).toEqual([
      'comment on a.yaml:6: Validation Failed: line must be part of the diff',
      'comment on a.yaml:40: Validation Failed: line must be part of the diff',
    ]);
  });

  test('a file without a patch (binary, too large) has no hunks: its changes stay findings', async () => {
    const api = new FakeComments();
    const r = await syncSuggestions({ ...base, files: [{ path: 'a.yaml' }], api, changes: changes() });
    expect(r.created).toBe(0);
    expect(r.outsideDiff).toHaveLength(3);
    expect(api.calls).toEqual(['list']);
  });
});
