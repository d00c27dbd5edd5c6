import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import type { getOctokit } from '@actions/github';
import { lint } from '../helpers/lint.js';
import {
  SUGGESTION_MARKER,
  fetchPatches,
  hunkRanges,
  suggestedChanges,
  suggestionBody,
  syncSuggestions,
  type PullsApi,
  type ReviewComment,
  type SuggestedChange,
} from '../../src/github/suggestions.js';
import { tempRepo } from './helpers.js';

/** Compile-time check: Octokit's `rest.pulls` is a PullsApi, so the Action passes it as is. */
export const wire = (octokit: ReturnType<typeof getOctokit>): PullsApi => octokit.rest.pulls;

/** An in-memory PR review-comment store with the REST calls of PullsApi. */
class FakePulls implements PullsApi {
  comments: Array<ReviewComment & { line: number; start_line?: number; commit_id: string }> = [];
  calls: string[] = [];
  private next = 1;
  constructor(private files: Array<{ filename: string; patch?: string }> = []) {}
  async listReviewComments(p: { page?: number; per_page?: number }) {
    this.calls.push(`list ${p.page}`);
    const size = p.per_page ?? 30;
    return { data: this.comments.slice(((p.page ?? 1) - 1) * size, (p.page ?? 1) * size) };
  }
  async createReviewComment(p: Parameters<PullsApi['createReviewComment']>[0]) {
    this.calls.push(`create ${p.path}:${p.start_line ?? p.line}-${p.line}`);
    const range = p.start_line ? { start_line: p.start_line } : {};
    const c = { id: this.next++, body: p.body, path: p.path, line: p.line, commit_id: p.commit_id, ...range };
    this.comments.push(c);
    return { data: { id: c.id } };
  }
  async updateReviewComment(p: { comment_id: number; body: string }) {
    this.calls.push(`update ${p.comment_id}`);
    this.comments.find((c) => c.id === p.comment_id)!.body = p.body;
    return {};
  }
  async deleteReviewComment(p: { comment_id: number }) {
    this.calls.push(`delete ${p.comment_id}`);
    this.comments = this.comments.filter((c) => c.id !== p.comment_id);
    return {};
  }
  async listFiles(p: { page?: number; per_page?: number }) {
    const size = p.per_page ?? 30;
    return { data: this.files.slice(((p.page ?? 1) - 1) * size, (p.page ?? 1) * size) };
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

describe('hunkRanges', () => {
  test('new-side ranges; a pure deletion hunk has none', () => {
    expect(hunkRanges('@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20 +21,0 @@\n-x\n@@ -30,2 +30 @@ ctx\n-y\n z')).toEqual([
      [1, 4],
      [30, 30],
    ]);
    expect(hunkRanges(undefined)).toEqual([]);
  });
});

describe('syncSuggestions against a fake REST client', () => {
  const changes = (): SuggestedChange[] => [
    { path: 'a.yaml', startLine: 6, endLine: 7, replacement: 'x\ny', title: 'T1', ruleIds: ['no-app-harness-registry'], safe: true },
    { path: 'a.yaml', startLine: 40, endLine: 40, replacement: 'z', title: 'T2', ruleIds: ['require-platform-connectivity'], safe: true },
    { path: 'b.yaml', startLine: 3, endLine: 3, replacement: 'w', title: 'T3', ruleIds: ['no-renamed-harness-image'], safe: false },
  ];
  // a.yaml's hunk covers lines 5-9 only; b.yaml is not in the PR.
  const patches = [{ path: 'a.yaml', patch: '@@ -5,4 +5,5 @@\n a\n+b\n c\n d\n e' }];
  const base = { owner: 'o', repo: 'r', pullNumber: 7, headSha: 'abc123', patches };

  test('comments only on lines inside diff hunks, as multi-line suggestions on the head commit', async () => {
    const api = new FakePulls();
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
    const api = new FakePulls();
    await syncSuggestions({ ...base, api, changes: changes() });
    api.calls = [];
    const r = await syncSuggestions({ ...base, api, changes: changes() });
    expect(r).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 1 });
    expect(api.comments).toHaveLength(1);
    expect(api.calls).toEqual(['list 1']);
  });

  test('a changed fix updates its comment; a fix that is gone deletes it; other people’s comments are untouched', async () => {
    const api = new FakePulls();
    api.comments.push({ id: 100, body: 'LGTM, but see line 6', path: 'a.yaml', line: 6, commit_id: 'abc123' });
    await syncSuggestions({ ...base, api, changes: changes() });
    const ours = api.comments.find((c) => c.id !== 100)!;

    const edited = changes();
    edited[0] = { ...edited[0]!, replacement: 'x\nY' };
    const r1 = await syncSuggestions({ ...base, api, changes: edited });
    expect(r1).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect(api.comments.find((c) => c.id === ours.id)!.body).toContain('x\nY');

    const r2 = await syncSuggestions({ ...base, api, changes: [] });
    expect(r2).toMatchObject({ created: 0, updated: 0, deleted: 1 });
    expect(api.comments.map((c) => c.id)).toEqual([100]);
  });

  test('duplicates left by an earlier run are removed, keeping one', async () => {
    const api = new FakePulls();
    await syncSuggestions({ ...base, api, changes: changes() });
    api.comments.push({ ...api.comments[0]!, id: 50 });
    const r = await syncSuggestions({ ...base, api, changes: changes() });
    expect(r).toMatchObject({ deleted: 1, unchanged: 1, created: 0 });
    expect(api.comments).toHaveLength(1);
  });

  test('a failing call is reported and the rest still run', async () => {
    const api = new FakePulls();
    api.createReviewComment = async () => {
      throw new Error('Validation Failed: line must be part of the diff');
    };
    const wide = [{ path: 'a.yaml', patch: '@@ -1,50 +1,50 @@\n' }];
    const r = await syncSuggestions({ ...base, patches: wide, api, changes: changes() });
    expect(r.created).toBe(0);
    expect(r.errors).toEqual([
      'comment on a.yaml:6: Validation Failed: line must be part of the diff',
      'comment on a.yaml:40: Validation Failed: line must be part of the diff',
    ]);
  });

  test('listing pages through every review comment and every changed file', async () => {
    const api = new FakePulls(Array.from({ length: 230 }, (_, i) => ({ filename: `f${i}.yaml`, patch: '@@ -1 +1 @@\n-a\n+b' })));
    for (let i = 0; i < 150; i++) api.comments.push({ id: 1000 + i, body: 'human', path: 'x', line: 1, commit_id: 'c' });
    await syncSuggestions({ ...base, api, changes: [] });
    expect(api.calls).toEqual(['list 1', 'list 2']);
    const files = await fetchPatches(api, 'o', 'r', 7);
    expect(files).toHaveLength(230);
    expect(files[229]).toEqual({ path: 'f229.yaml', patch: '@@ -1 +1 @@\n-a\n+b' });
  });
});
