/**
 * The GitHub layer, found by mutation testing (API client, check runs, suggested changes, changed
 * files and hunks, git helpers, the run context): each test fails when the behaviour it names changes.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/engine/finding.js';
import { checkRunAnnotation, publishCheckRun } from '../../src/github/checks.js';
import {
  ApiError,
  CHECK_RUN_TEXT_MAX,
  createGitHubApi,
  redact,
  type CheckRunAnnotation,
  type NewReviewComment,
  type ReviewComment,
} from '../../src/github/client.js';
import {
  SUGGESTION_MARKER,
  suggestedChanges,
  suggestionBody,
  syncSuggestions,
  type SuggestedChange,
} from '../../src/github/suggestions.js';
import { fakeApi } from './fake-api.js';
import { changedFiles, changeScope, touchesChangedLine } from '../../src/github/changed-files.js';
import { readRunContext } from '../../src/github/context.js';
import { filesDifferingFrom, findDiffBase, gitChangedFiles, gitShow } from '../../src/github/git.js';
import { gitLineOf, insideHunk, parsePatch } from '../../src/github/hunks.js';
import { git, gitRepo, OWNER, PULL, pullRequestEvent, REPO, tmpDir, TOKEN, writeFiles } from '../e2e/harness.js';
import { mockClients } from './mock-client.js';

const repo = { owner: OWNER, repo: REPO };
const client = mockClients({ msPerSecond: 1 });

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e as ApiError,
  );

const secondary = (status: number, retryAfter: string) => ({
  status,
  body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
  headers: { 'retry-after': retryAfter },
});

describe('the API client', () => {
  test('an answer whose body stops coming is a timeout, not an empty list', async () => {
    // Headers and the start of a JSON body, then nothing: the abort cuts the body.
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.write('[{"filename": "a.yaml"');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = createGitHubApi(TOKEN, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, { timeoutMs: 300, msPerSecond: 1 });
    const error = await rejection(api.listPullFiles(repo, PULL)).finally(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/^listing the pull request files failed: no complete answer within 0\.3 s \(GET \/repos\//);
  });

  test('a rate limit logged on a page whose link holds the token does not log the token', async () => {
    let host = '';
    const { api, gh, log } = await client({
      override: (q, i) => {
        if (q.query.get('page') === null)
          return {
            status: 200,
            body: [{ filename: 'a.yaml', status: 'added' }],
            headers: { link: `<${host}${q.path}?per_page=100&page=2&echo=${TOKEN}>; rel="next"` },
          };
        return i === 1 ? secondary(403, '1') : { status: 200, body: [{ filename: 'b.yaml', status: 'added' }] };
      },
    });
    host = gh.url;
    const list = await api.listPullFiles(repo, PULL);
    expect(list.map((f) => f.path)).toEqual(['a.yaml', 'b.yaml']);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^GitHub API secondary rate limit on GET .*: retrying in 1 s/);
    expect(log[0]).toContain('echo=***');
    expect(log[0]).not.toContain(TOKEN);
  });

  test('a wait of exactly 60 s is still taken', async () => {
    const { api, gh, log } = await client({
      files: [{ filename: 'a.yaml' }],
      override: (_q, i) => (i === 0 ? secondary(403, '60') : undefined),
    });
    expect(await api.listPullFiles(repo, PULL)).toHaveLength(1);
    expect(gh.requests).toHaveLength(2);
    expect(log).toEqual([expect.stringMatching(/: retrying in 60 s \(retry 1 of 2\)\.$/)]);
  });

  test('a secondary rate limit given up on is an error marked rate limited, though the remaining count is not 0', async () => {
    const { api } = await client({ override: () => secondary(403, '3600') });
    const error = await rejection(api.listPullFiles(repo, PULL));
    expect([error.status, error.rateLimited]).toEqual([403, true]);
  });

  test('a renamed file is listed with its previous path', async () => {
    const { api } = await client({
      files: [
        { filename: 'new.yaml', status: 'renamed', previous_filename: 'old.yaml', patch: '@@ -1 +1 @@\n-a\n+b' } as never,
        { filename: 'same.yaml', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
      ],
    });
    expect(await api.listPullFiles(repo, PULL)).toEqual([
      { path: 'new.yaml', status: 'renamed', previousPath: 'old.yaml', lines: new Set([1]), hunks: [[1, 1]] },
      { path: 'same.yaml', status: 'modified', lines: new Set([1]), hunks: [[1, 1]] },
    ]);
  });

  test('the list stops at 3,000 files even when pages do not divide 3,000', async () => {
    const files = Array.from({ length: 3010 }, (_, i) => ({ filename: `f${i}.yaml` }));
    const { api, gh } = await client({ files, pageSize: 1001 });
    const list = await api.listPullFiles(repo, PULL);
    expect(list).toHaveLength(3000);
    expect(list.at(-1)!.path).toBe('f2999.yaml');
    expect(gh.requests).toHaveLength(3);
  });

  test("review comments come with their author's login and type; a deleted account is null", async () => {
    const { api } = await client({
      override: () => ({
        status: 200,
        body: [
          { id: 1, body: 'a', path: 'x.yaml', user: { login: 'github-actions[bot]', type: 'Bot', id: 41898282 } },
          { id: 2, body: 'b', path: 'y.yaml', user: null },
        ],
      }),
    });
    expect(await api.listReviewComments(repo, PULL)).toEqual([
      { id: 1, body: 'a', path: 'x.yaml', user: { login: 'github-actions[bot]', type: 'Bot' } },
      { id: 2, body: 'b', path: 'y.yaml', user: null },
    ]);
  });

  test('a review comment goes on the new side; a range only when it spans lines', async () => {
    const { api, gh } = await client({ files: [{ filename: 'a.yaml', patch: '@@ -1,3 +1,4 @@\n a\n+b\n c\n d' }] });
    const base = { pullNumber: PULL, commitId: 'abc', path: 'a.yaml', body: 'B' };
    expect(await api.createReviewComment(repo, { ...base, line: 3, startLine: 2 })).toBe(4242);
    await api.createReviewComment(repo, { ...base, line: 3, startLine: 3 });
    expect(gh.requests.map((q) => q.body)).toEqual([
      { commit_id: 'abc', path: 'a.yaml', body: 'B', line: 3, side: 'RIGHT', start_line: 2, start_side: 'RIGHT' },
      { commit_id: 'abc', path: 'a.yaml', body: 'B', line: 3, side: 'RIGHT' },
    ]);
  });

  test("the token's login is that of /user; a token that may not read it has none", async () => {
    const me = await client({ override: (q) => (q.path === '/user' ? { status: 200, body: { login: 'octocat' } } : undefined) });
    expect(await me.api.authenticatedLogin()).toBe('octocat');
    const app = await client({ override: () => ({ status: 403, body: { message: 'Resource not accessible by integration' } }) });
    expect(await app.api.authenticatedLogin()).toBeUndefined();
  });

  test('reading a file at a commit: its text; undefined for a 404 or a folder; other errors are errors', async () => {
    const contents = (answer: { status: number; body?: unknown; headers?: Record<string, string> }) =>
      client({ override: (q) => (q.path.includes('/contents/') ? answer : undefined) });
    const raw = await client({ baseFiles: { 'a.yaml': 'a: 1\n' } });
    expect(await raw.api.readFileAt(repo, 'a.yaml', 'abc')).toBe('a: 1\n');
    expect(await raw.api.readFileAt(repo, 'b.yaml', 'abc')).toBeUndefined();
    // A server that ignores the raw media type: the JSON form, base64.
    const json = await contents({
      status: 200,
      body: { type: 'file', encoding: 'base64', content: Buffer.from('b: 2\n').toString('base64') },
    });
    expect(await json.api.readFileAt(repo, 'a.yaml', 'abc')).toBe('b: 2\n');
    const folder = await contents({ status: 200, body: [{ type: 'file', name: 'x' }] });
    expect(await folder.api.readFileAt(repo, 'dir', 'abc')).toBeUndefined();
    // Over 1 MB the JSON form has no content: the file is there, but not readable this way.
    const large = await contents({ status: 200, body: { type: 'file', encoding: 'none', content: '' } });
    expect((await rejection(large.api.readFileAt(repo, 'big.yaml', '0123456789abcdef'))).message).toBe(
      'reading big.yaml at 0123456789ab failed: the file is too large for the contents API',
    );
    const bytes = await contents({ status: 200, body: 'c: 3', headers: { 'content-type': 'application/octet-stream' } });
    expect(await bytes.api.readFileAt(repo, 'a.yaml', 'abc')).toBe('"c: 3"');
    const denied = await contents({ status: 403, body: { message: 'Resource not accessible by integration' } });
    expect((await rejection(denied.api.readFileAt(repo, 'a.yaml', 'abc'))).status).toBe(403);
  });
});

describe('redact', () => {
  test('no secret: the text unchanged', () => {
    expect(redact('a: b', '')).toBe('a: b');
  });
  test('the token, and both of its Basic-auth base64 forms', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(redact(`t=${TOKEN} basic ${b64(`x-access-token:${TOKEN}`)} plain ${b64(TOKEN)}`, TOKEN)).toBe('t=*** basic *** plain ***');
  });
});

describe('check runs', () => {
  const annotation = (message: string) =>
    checkRunAnnotation({ file: 'a.yaml', startLine: 1, endLine: 1, level: 'error', message, title: 't' } as never);

  test("a message of GitHub's 65,535 characters is kept whole; a longer one is cut to 65,535 ending in …", () => {
    const fits = 'm'.repeat(65535);
    expect(annotation(fits).message).toBe(fits);
    const cut = annotation('m'.repeat(70000)).message;
    expect(cut).toHaveLength(65535);
    expect(cut.endsWith('m…')).toBe(true);
  });

  test('each level maps to its Checks API level', () => {
    const level = (l: string) =>
      checkRunAnnotation({ file: 'a', startLine: 1, endLine: 1, level: l, message: 'm' } as never).annotation_level;
    expect(['error', 'warning', 'notice'].map(level)).toEqual(['failure', 'warning', 'notice']);
  });

  type Body = { status?: string; output: { title: string; summary: string; annotations?: CheckRunAnnotation[] } };
  const recording = () => {
    const bodies: Body[] = [];
    const api = fakeApi({
      createCheckRun: async (_r, b) => (bodies.push(b), 9),
      updateCheckRun: async (_r, _id, b) => void bodies.push(b),
    });
    return { api, bodies };
  };
  const request = (o: { summary?: string; title?: string; annotations?: number }) => ({
    name: 'n',
    headSha: 'h',
    conclusion: 'failure' as const,
    title: o.title ?? 't',
    summary: o.summary ?? 's',
    annotations: Array<CheckRunAnnotation>(o.annotations ?? 0).fill(annotation('m')),
  });

  test('a summary of exactly 65,535 characters is sent whole; one longer is cut to 65,535; the title to 255', async () => {
    const { api, bodies } = recording();
    const whole = 's'.repeat(CHECK_RUN_TEXT_MAX);
    await publishCheckRun(api, repo, request({ summary: whole, title: 'T'.repeat(300) }));
    expect(bodies[0]!.output.summary).toBe(whole);
    expect(bodies[0]!.output.title).toBe('T'.repeat(255));
    await publishCheckRun(api, repo, request({ summary: 's'.repeat(CHECK_RUN_TEXT_MAX + 1) }));
    expect(bodies[1]!.output.summary).toBe(`${'s'.repeat(CHECK_RUN_TEXT_MAX - 1)}…`);
  });

  test('the number of requests made: the create and each update', async () => {
    const { api } = recording();
    expect(await publishCheckRun(api, repo, request({ annotations: 101 }))).toEqual({ id: 9, requests: 3 });
    expect(await publishCheckRun(api, repo, request({}))).toEqual({ id: 9, requests: 1 });
  });

  test('a failed update completes the run with a summary that still fits, and the error of that update is the one thrown', async () => {
    const summaries: string[] = [];
    let updates = 0;
    const api = fakeApi({
      createCheckRun: async () => 9,
      updateCheckRun: async (_r, _id, b) => {
        summaries.push(b.output.summary);
        throw new ApiError(`update ${++updates} failed`, 502);
      },
    });
    const err = await rejection(publishCheckRun(api, repo, request({ summary: 's'.repeat(CHECK_RUN_TEXT_MAX), annotations: 60 })));
    // The completing update failed too: what is reported is the first failure, not that one.
    expect(err.message).toBe('update 1 failed');
    expect(summaries).toHaveLength(2);
    expect(summaries[1]).toHaveLength(CHECK_RUN_TEXT_MAX);
    expect(summaries[1]!.endsWith('\n\n50 or fewer annotations could not be added; see the job summary.')).toBe(true);
  });
});

const finding = (file: string, fix: Array<{ start: number; end: number; text: string }>, o: Partial<Finding> = {}): Finding => ({
  ruleId: 'r1',
  severity: 'error',
  message: 'm',
  file,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  range: [0, 0],
  fix,
  fixTitle: 'fix it',
  ...o,
});

describe('suggested changes from findings', () => {
  const one = (text: string, f: Finding) => suggestedChanges([f], () => text);

  test('a suppressed finding suggests nothing', () => {
    expect(one('a: 1\n', finding('a.yaml', [{ start: 3, end: 4, text: '2' }], { suppressed: { kind: 'comment' } as never }))).toEqual([]);
  });

  test("a leading BOM is not counted in the edits' offsets", () => {
    expect(one('\uFEFFa: 1\nb: 2\n', finding('a.yaml', [{ start: 8, end: 9, text: '3' }]))).toMatchObject([
      { startLine: 2, endLine: 2, replacement: 'b: 3' },
    ]);
  });

  test('an edit at the very end of a file without a final newline is suggested; one past its end (a stale text) is not', () => {
    expect(one('a: 1', finding('a.yaml', [{ start: 3, end: 4, text: '2' }]))).toMatchObject([
      { startLine: 1, endLine: 1, replacement: 'a: 2' },
    ]);
    expect(one('a: 1\n', finding('a.yaml', [{ start: 30, end: 31, text: '2' }]))).toEqual([]);
  });

  test('fixes on the same line merge (rules named once, titles joined, safe only if all are fixes); an overlapping one is dropped', () => {
    const text = 'a: 1 b: 2 c: 3\n';
    const changes = suggestedChanges(
      [
        finding('a.yaml', [{ start: 3, end: 4, text: 'X' }], { fixTitle: 'first.' }),
        finding('a.yaml', [{ start: 8, end: 9, text: 'Y' }], { fixTitle: 'second.' }),
        finding('a.yaml', [{ start: 13, end: 14, text: 'Z' }], {
          ruleId: 'r2',
          fix: undefined,
          fixTitle: undefined,
          suggestion: { title: 'third.', edits: [{ start: 13, end: 14, text: 'Z' }] } as never,
        }),
        finding('a.yaml', [{ start: 3, end: 9, text: 'no' }], { ruleId: 'r3', fixTitle: 'clash.' }),
      ],
      () => text,
    );
    expect(changes).toEqual([
      {
        path: 'a.yaml',
        startLine: 1,
        endLine: 1,
        replacement: 'a: X b: Y c: Z',
        title: 'first. second. third.',
        ruleIds: ['r1', 'r2'],
        safe: false,
      },
    ]);
  });

  test('changes are ordered by file, then by line', () => {
    const text = 'a: 1\nb: 2\n';
    const changes = suggestedChanges(
      [
        finding('b.yaml', [{ start: 8, end: 9, text: '3' }]),
        finding('b.yaml', [{ start: 3, end: 4, text: '3' }]),
        finding('a.yaml', [{ start: 8, end: 9, text: '3' }]),
      ],
      () => text,
    );
    expect(changes.map((c) => `${c.path}:${c.startLine}`)).toEqual(['a.yaml:2', 'b.yaml:1', 'b.yaml:2']);
  });

  test('the comment body: marker, rules, kind, title, and a fence longer than any backtick run in the text', () => {
    const c: SuggestedChange = {
      path: 'a',
      startLine: 1,
      endLine: 1,
      replacement: 'x: ```` y ```',
      title: 'T',
      ruleIds: ['r1', 'r2'],
      safe: true,
    };
    expect(suggestionBody(c).split('\n').slice(1)).toEqual([
      '**harness-registry-guard** · `r1`, `r2` · safe fix (what `harness-registry-guard fix` applies)',
      '',
      'T',
      '',
      '`````suggestion',
      'x: ```` y ```',
      '`````',
    ]);
    expect(
      suggestionBody({ ...c, replacement: 'a ``` b', safe: false })
        .split('\n')
        .slice(1),
    ).toEqual([
      '**harness-registry-guard** · `r1`, `r2` · suggestion: review before committing',
      '',
      'T',
      '',
      '````suggestion',
      'a ``` b',
      '````',
    ]);
  });
});

describe('syncing suggestions on the pull request', () => {
  const files = [{ path: 'a.yaml', hunks: [[1, 20] as const] }];
  const base = { repo, pullNumber: PULL, headSha: 'abc', files };
  const change = (o: Partial<SuggestedChange> = {}): SuggestedChange => ({
    path: 'a.yaml',
    startLine: 3,
    endLine: 3,
    replacement: 'x',
    title: 'T',
    ruleIds: ['r1'],
    safe: true,
    ...o,
  });
  /** Review comments on a fake API: authors as given, the calls made. */
  const store = (comments: ReviewComment[], login?: string) => {
    const calls: string[] = [];
    const created: NewReviewComment[] = [];
    const api = {
      listReviewComments: async () => comments,
      createReviewComment: async (_r: unknown, c: NewReviewComment) => (calls.push('create'), created.push(c), 1),
      updateReviewComment: async (_r: unknown, id: number) => void calls.push(`update ${id}`),
      deleteReviewComment: async (_r: unknown, id: number) => void calls.push(`delete ${id}`),
      authenticatedLogin: async () => (calls.push('whoami'), login),
    };
    return { api, calls, created };
  };
  const bot = { login: 'github-actions[bot]', type: 'Bot' };

  test('a single-line change is commented on its line with no range; a multi-line one with its first line', async () => {
    const s = store([]);
    await syncSuggestions({ ...base, api: s.api, changes: [change(), change({ startLine: 5, endLine: 7 })] });
    expect(s.created.map((c) => [c.startLine, c.line])).toEqual([
      [undefined, 3],
      [5, 7],
    ]);
    expect('startLine' in s.created[0]!).toBe(false);
  });

  test('the same rules in another order are the same suggestion: its comment is updated, not replaced', async () => {
    const first = change({ ruleIds: ['r1', 'r2'] });
    const s = store([{ id: 5, body: suggestionBody(first), path: 'a.yaml', user: bot }]);
    const r = await syncSuggestions({ ...base, api: s.api, changes: [change({ ruleIds: ['r2', 'r1'] })] });
    expect(r).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect(s.calls).toEqual(['update 5']);
  });

  test("the token's login is not asked when every marked comment is a bot's", async () => {
    const s = store([{ id: 5, body: suggestionBody(change()), path: 'a.yaml', user: bot }]);
    const r = await syncSuggestions({ ...base, api: s.api, changes: [change()] });
    expect(r).toMatchObject({ unchanged: 1 });
    expect(s.calls).toEqual([]);
  });

  test("a marked comment of a deleted account is never ours, even when the token's login is unknown", async () => {
    const s = store([{ id: 5, body: `<!-- ${SUGGESTION_MARKER} key=0123456789abcdef -->\nold`, path: 'a.yaml', user: null }]);
    const r = await syncSuggestions({ ...base, api: s.api, changes: [] });
    expect(r).toMatchObject({ deleted: 0 });
    expect(s.calls).toEqual(['whoami']);
  });

  test('past the cap, a change that already has a comment keeps it before one that has none', async () => {
    const posted = change({ startLine: 9, endLine: 9 });
    const s = store([{ id: 5, body: suggestionBody(posted), path: 'a.yaml', user: bot }]);
    const r = await syncSuggestions({ ...base, api: s.api, changes: [change(), posted], max: 1 });
    expect(r).toMatchObject({ created: 0, unchanged: 1, deleted: 0, leftOut: 1 });
    expect(s.calls).toEqual([]);
  });
});

describe('changed lines and hunks', () => {
  test('no change known: no line is a changed one', () => {
    expect(touchesChangedLine(undefined, { file: 'a', line: 1, endLine: 1 })).toBe(false);
  });

  test("the API's line numbers count only in files the checkout holds as the head; git's count everywhere", () => {
    const list = [{ path: 'a.yaml', status: 'modified', lines: new Set([2]) }];
    const at = { file: 'a.yaml', line: 2, endLine: 2 };
    const notAtHead = () => false;
    expect(changeScope(changedFiles('api', list), notAtHead)!.line(at)).toBe(false);
    expect(changeScope(changedFiles('api', list))!.line(at)).toBe(true);
    expect(changeScope(changedFiles('git', list), notAtHead)!.line(at)).toBe(true);
  });

  test('a lone CR ends no line, as git counts them', () => {
    expect(gitLineOf('a\rb\nc', 4)).toBe(2);
    expect(gitLineOf('a\r\nb', 3)).toBe(2);
  });

  test("a whole file's diff, headers and all, gives the same lines as its hunks alone", () => {
    const hunk = '@@ -1,2 +1,3 @@\n a\n+b\n c';
    expect(parsePatch(`--- a/x.yaml\n+++ b/x.yaml\n${hunk}`)).toEqual(parsePatch(hunk));
    expect([...parsePatch(hunk).added]).toEqual([2]);
  });

  test('a blank context line that lost its leading space still counts', () => {
    expect([...parsePatch('@@ -1,3 +1,3 @@\n a\n\n-b\n+B').added]).toEqual([3]);
  });

  test("a range starting at a hunk's first line is inside it", () => {
    expect(insideHunk([[5, 9]], 5, 5)).toBe(true);
    expect(insideHunk([[5, 9]], 9, 9)).toBe(true);
    expect(insideHunk([[5, 9]], 4, 5)).toBe(false);
  });
});

describe('git', () => {
  test('a base commit missing from a shallow checkout is fetched from origin', () => {
    const origin = tmpDir('origin');
    const { baseSha } = gitRepo(origin, { 'a.yaml': 'a: 1\n' }, { 'a.yaml': 'a: 2\n' });
    const clone = tmpDir('shallow');
    git(clone, 'clone', '-q', '--depth=1', `file://${origin}`, '.');
    const tried: string[] = [];
    expect(findDiffBase(clone, baseSha, tried)).toEqual({ base: baseSha, head: 'HEAD' });
    expect(tried).toEqual([`base commit ${baseSha.slice(0, 12)} is not in the checkout; fetching it`]);
  });

  test('a base branch that moved on: diffed against the merge base, so its commits are not counted as the change', () => {
    const dir = tmpDir('moved');
    gitRepo(dir, { 'a.yaml': 'a: 1\n' }, {});
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFiles(dir, { 'f.yaml': 'f: 1\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'feature');
    git(dir, 'checkout', '-q', 'main');
    writeFiles(dir, { 'm.yaml': 'm: 1\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'main moved on');
    const baseSha = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', 'feature');
    const base = findDiffBase(dir, baseSha, [])!;
    expect(base.base).toBe(git(dir, 'merge-base', baseSha, 'HEAD'));
    expect(gitChangedFiles(dir, base.base, base.head).map((f) => f.path)).toEqual(['f.yaml']);
  });

  test('added lines of files whose names hold a space or a control character', () => {
    const dir = tmpDir('names');
    const { baseSha } = gitRepo(
      dir,
      { 'a b.yaml': 'a: 1\n', 'c\u0001d.yaml': 'c: 1\n' },
      { 'a b.yaml': 'a: 1\nb: 2\n', 'c\u0001d.yaml': 'c: 2\n' },
    );
    const files = gitChangedFiles(dir, baseSha, 'HEAD').map((f) => [f.path, [...(f.lines ?? [])]]);
    expect(files).toEqual([
      ['a b.yaml', [2]],
      ['c\u0001d.yaml', [1]],
    ]);
  });

  test('files differing from a commit: none when the tree is clean, else those changed', () => {
    const dir = tmpDir('differ');
    gitRepo(dir, { 'a.yaml': 'a: 1\n' }, { 'b.yaml': 'b: 1\n' });
    expect(filesDifferingFrom(dir, 'HEAD')).toEqual(new Set());
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 2\n');
    expect(filesDifferingFrom(dir, 'HEAD')).toEqual(new Set(['a.yaml']));
  });

  test("a file's text at a commit, by its path from a workspace that is a folder of the repository", () => {
    const dir = tmpDir('prefix');
    gitRepo(dir, { 'sub/a.yaml': 'a: 1\n' }, { 'sub/a.yaml': 'a: 2\n' });
    expect(gitShow(path.join(dir, 'sub'), 'HEAD~1', 'a.yaml')).toBe('a: 1\n');
  });
});

describe('the run context', () => {
  const context = (event: unknown, env: Record<string, string> = {}) => {
    const p = path.join(tmpDir('ctx'), 'event.json');
    fs.writeFileSync(p, JSON.stringify(event));
    return readRunContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: p,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: 'merge',
      ...env,
    });
  };

  test('a repository without an owner or a name is none; URLs lose trailing slashes', () => {
    const ctx = readRunContext({
      GITHUB_REPOSITORY: 'acme',
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3//',
    });
    expect([ctx.repo, ctx.serverUrl, ctx.apiUrl]).toEqual([undefined, 'https://ghe.example.com', 'https://ghe.example.com/api/v3']);
  });

  test('another event about a pull request (a review) is no pull request run', () => {
    const ctx = context(pullRequestEvent(), { GITHUB_EVENT_NAME: 'pull_request_review' });
    expect([ctx.pullRequest, ctx.headSha]).toEqual([undefined, 'merge']);
  });

  test("the number from the payload when the pull request's own is missing; changed_files as given", () => {
    const event = pullRequestEvent({ changedFiles: 12 });
    delete (event.pull_request as { number?: number }).number;
    expect(context(event).pullRequest).toMatchObject({ number: PULL, changedFiles: 12 });
  });

  test('a deleted fork is a fork; a payload without the base repository is not', () => {
    expect(context(pullRequestEvent({ headRepo: null })).pullRequest!.isFork).toBe(true);
    const event = pullRequestEvent();
    delete (event.pull_request.base as { repo?: unknown }).repo;
    expect(context(event).pullRequest!.isFork).toBe(false);
  });

  test('a payload naming neither repository is taken for a fork (read-only token, no secrets)', () => {
    const event = pullRequestEvent();
    delete (event.pull_request.head as { repo?: unknown }).repo;
    delete (event.pull_request.base as { repo?: unknown }).repo;
    expect(context(event).pullRequest!.isFork).toBe(true);
  });
});
