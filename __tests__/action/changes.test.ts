import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { detectChanges } from '../../src/action/detect-changes.js';
import { connectorImpacts } from '../../src/action/impact.js';
import type { Finding } from '../../src/engine/finding.js';
import { ApiError, createGitHubApi, MAX_PULL_FILES } from '../../src/github/client.js';
import { changedFiles, touchesChangedLine } from '../../src/github/changed-files.js';
import { insideHunk, parsePatch } from '../../src/github/hunks.js';
import { capAnnotations, MAX_CHECK_RUN_ANNOTATIONS, publishCheckRun } from '../../src/github/checks.js';
import { readRunContext } from '../../src/github/context.js';
import { findDiffBase, gitChangedFiles } from '../../src/github/git.js';
import { fakeApi } from './fake-api.js';
import { git, gitRepo, mockGitHub, OWNER, PULL, pullRequestEvent, REPO, tmpDir, type MockGitHub } from '../e2e/harness.js';

const servers: MockGitHub[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('patches', () => {
  test('one parse gives the added lines (+ lines only) and the hunks a review comment may go in', () => {
    const patch = [
      '@@ -1,4 +1,5 @@',
      ' a',
      '-b',
      '+B',
      '+C',
      ' d',
      '\\ No newline at end of file',
      '@@ -20,2 +21,0 @@',
      '-x',
      '-y',
      '@@ -30 +30 @@',
      '-old',
      '+new',
    ].join('\n');
    const parsed = parsePatch(patch);
    expect([...parsed.added]).toEqual([2, 3, 30]);
    // A pure deletion (+21,0) has no new side, so no hunk.
    expect(parsed.hunks).toEqual([
      [1, 5],
      [30, 30],
    ]);
    expect(insideHunk(parsed.hunks, 2, 5)).toBe(true);
    expect(insideHunk(parsed.hunks, 5, 30)).toBe(false);
    expect(insideHunk(undefined, 1, 1)).toBe(false);
    expect(parsePatch(undefined)).toEqual({ added: new Set(), hunks: [] });
  });

  test('touchesChangedLine: any line of a range; unknown lines (no patch) count as changed', () => {
    const c = changedFiles('api', [
      { path: 'a', status: 'modified', lines: new Set([5]) },
      { path: 'b', status: 'modified' },
    ]);
    expect(touchesChangedLine(c, { file: 'a', line: 3, endLine: 5 })).toBe(true);
    expect(touchesChangedLine(c, { file: 'a', line: 6, endLine: 6 })).toBe(false);
    expect(touchesChangedLine(c, { file: 'b', line: 99, endLine: 99 })).toBe(true);
    expect(touchesChangedLine(c, { file: 'z', line: 1, endLine: 1 })).toBe(false);
  });
});

describe('git', () => {
  test('changed files with added lines, renames, deletions and odd names, against the merge base', () => {
    const dir = tmpDir('git');
    const { baseSha } = gitRepo(
      dir,
      { 'keep.yaml': 'a: 1\nb: 2\nc: 3\n', 'old name.yaml': 'x: 1\ny: 2\nz: 3\nw: 4\n', 'gone.yaml': 'g: 1\n' },
      {
        'keep.yaml': 'a: 1\nb: 20\nc: 3\nd: 4\n',
        'old name.yaml': null,
        'new "name".yaml': 'x: 1\ny: 2\nz: 3\nw: 4\nv: 5\n',
        'gone.yaml': null,
        'ü/added.yaml': 'n: 1\n',
      },
    );
    const tried: string[] = [];
    const base = findDiffBase(dir, baseSha, tried);
    expect(base).toEqual({ base: baseSha, head: 'HEAD' });
    const files = Object.fromEntries(
      gitChangedFiles(dir, base!.base, base!.head).map((f) => [
        f.path,
        { status: f.status, previousPath: f.previousPath, lines: [...(f.lines ?? [])] },
      ]),
    );
    expect(files).toEqual({
      'keep.yaml': { status: 'modified', previousPath: undefined, lines: [2, 4] },
      'new "name".yaml': { status: 'renamed', previousPath: 'old name.yaml', lines: [5] },
      'gone.yaml': { status: 'removed', previousPath: undefined, lines: [] },
      'ü/added.yaml': { status: 'added', previousPath: undefined, lines: [1] },
    });
  });

  test('a test-merge commit (pull_request checkout with fetch-depth 2) diffs against its first parent', () => {
    const dir = tmpDir('merge');
    gitRepo(dir, { 'a.yaml': 'a: 1\n' }, {});
    git(dir, 'checkout', '-q', '-b', 'feature');
    fs.writeFileSync(path.join(dir, 'f.yaml'), 'f: 1\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'feature');
    git(dir, 'checkout', '-q', 'main');
    fs.writeFileSync(path.join(dir, 'm.yaml'), 'm: 1\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'main moved on');
    git(dir, 'merge', '-q', '--no-ff', '-m', 'merge', 'feature');
    const base = findDiffBase(dir, undefined, []);
    expect(base).toEqual({ base: 'HEAD^1', head: 'HEAD' });
    expect(gitChangedFiles(dir, base!.base, base!.head).map((f) => f.path)).toEqual(['f.yaml']);
  });

  test('no git checkout: no base, and the reason is given', () => {
    const tried: string[] = [];
    expect(findDiffBase(tmpDir('nogit'), 'abc', tried)).toBeUndefined();
    expect(tried).toEqual(['the workspace is not a git checkout']);
  });
});

describe('REST client and change detection', () => {
  test('listPullFiles follows Link pagination and stops at 3,000 files', async () => {
    const files = Array.from({ length: 3100 }, (_, i) => ({ filename: `f${i}.yaml`, patch: '@@ -0,0 +1 @@\n+a: 1' }));
    const gh = await mockGitHub({ files, pageSize: 100 });
    servers.push(gh);
    const api = createGitHubApi('t0k', gh.url);
    const list = await api.listPullFiles({ owner: OWNER, repo: REPO }, PULL);
    expect(list).toHaveLength(MAX_PULL_FILES);
    expect(list[2999]).toEqual({ path: 'f2999.yaml', status: 'modified', lines: new Set([1]), hunks: [[1, 1]] });
    expect(gh.requests.map((q) => q.query.get('page') ?? '1')).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
  });

  test('API errors carry the status and never the token', async () => {
    const gh = await mockGitHub({ failAll: 403, echoAuthorization: true });
    servers.push(gh);
    const err = await createGitHubApi('secret-token-123', gh.url)
      .listPullFiles({ owner: OWNER, repo: REPO }, PULL)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    expect((err as ApiError).message).toContain('token ***');
    expect((err as ApiError).message).not.toContain('secret-token-123');
  });

  test('a list cut at 3,000 (or shorter than changed_files) is not trusted: git diff is used', async () => {
    const dir = tmpDir('cut');
    const { baseSha, headSha } = gitRepo(dir, { 'a.yaml': 'a: 1\n' }, { 'b.yaml': 'b: 1\n' });
    const eventPath = path.join(dir, '..', `${path.basename(dir)}-event.json`);
    fs.writeFileSync(eventPath, JSON.stringify(pullRequestEvent({ headSha, baseSha, changedFiles: 5000 })));
    const ctx = readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: `${OWNER}/${REPO}` });
    const api = fakeApi({ listPullFiles: async () => [{ path: 'only-this.yaml', status: 'added' }] });
    const d = await detectChanges(dir, ctx, api);
    expect(d.changed?.source).toBe('git');
    expect([...d.changed!.files.keys()]).toEqual(['b.yaml']);
    // The listing is kept for placing suggestions: it is not made twice.
    expect(d.pullFiles).toEqual([{ path: 'only-this.yaml', status: 'added' }]);
    expect(d.notes[0]).toContain("The API listed 1 of the pull request's 5000 files");
  });

  test('the event payload: fork detection and the PR head SHA', () => {
    const dir = tmpDir('event');
    const p = path.join(dir, 'e.json');
    fs.writeFileSync(p, JSON.stringify(pullRequestEvent({ headRepo: 'someone/shop', headSha: 'abc' })));
    const ctx = readRunContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: p,
      GITHUB_SHA: 'merge',
      GITHUB_REPOSITORY: 'acme/shop',
    });
    expect(ctx.pullRequest).toMatchObject({ number: 7, headSha: 'abc', isFork: true, headRepo: 'someone/shop', baseRepo: 'acme/shop' });
    expect(ctx.headSha).toBe('abc');
    fs.writeFileSync(p, '{not json');
    expect(readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: p }).warnings[0]).toMatch(
      /could not read the event payload/,
    );
  });

  test('publishCheckRun: one create, then updates of 50, the last one completing the run', async () => {
    const calls: string[] = [];
    const api = fakeApi({
      createCheckRun: async (_r, b) => (calls.push(`create ${b.status} ${b.output.annotations!.length}`), 9),
      updateCheckRun: async (_r, id, b) =>
        void calls.push(`update ${id} ${b.status ?? '-'} ${b.conclusion ?? '-'} ${b.output.annotations!.length}`),
    });
    const annotation = { path: 'a', start_line: 1, end_line: 1, annotation_level: 'failure' as const, message: 'm' };
    await publishCheckRun(
      api,
      { owner: 'o', repo: 'r' },
      { name: 'n', headSha: 'h', conclusion: 'failure', title: 't', summary: 's', annotations: Array(101).fill(annotation) },
    );
    expect(calls).toEqual(['create in_progress 50', 'update 9 - - 50', 'update 9 completed failure 1']);
    calls.length = 0;
    await publishCheckRun(
      api,
      { owner: 'o', repo: 'r' },
      { name: 'n', headSha: 'h', conclusion: 'success', title: 't', summary: 's', annotations: [] },
    );
    expect(calls).toEqual(['create completed 0']);
  });

  test('capAnnotations: all of them up to the cap; past it errors, then warnings, then notices, each in the order given', () => {
    const a = (level: 'failure' | 'warning' | 'notice', line: number) => ({
      path: 'a',
      start_line: line,
      end_line: line,
      annotation_level: level,
      message: 'm',
    });
    const list = [a('notice', 1), a('warning', 2), a('failure', 3), a('notice', 4), a('failure', 5), a('warning', 6)];
    expect(capAnnotations(list, 6)).toEqual({ kept: list, left: [] });
    const { kept, left } = capAnnotations(list, 3);
    expect(kept.map((x) => x.start_line)).toEqual([3, 5, 2]);
    expect(left.map((x) => x.start_line)).toEqual([6, 1, 4]);
    expect(MAX_CHECK_RUN_ANNOTATIONS).toBe(1000);
    expect(capAnnotations(Array(1001).fill(a('notice', 1))).kept).toHaveLength(1000);
  });

  test('publishCheckRun: a failed update still completes the run, then reports the error', async () => {
    const calls: string[] = [];
    let updates = 0;
    const api = fakeApi({
      createCheckRun: async () => 9,
      updateCheckRun: async (_r, _id, b) => {
        if (updates++ === 0) throw new ApiError('boom', 502);
        calls.push(`${b.status} ${b.conclusion} ${b.output.annotations?.length ?? 'none'} ${b.output.summary}`);
      },
    });
    const annotation = { path: 'a', start_line: 1, end_line: 1, annotation_level: 'failure' as const, message: 'm' };
    const err = await publishCheckRun(
      api,
      { owner: 'o', repo: 'r' },
      { name: 'n', headSha: 'h', conclusion: 'failure', title: 't', summary: 's', annotations: Array(120).fill(annotation) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(calls).toEqual(['completed failure none s\n\n100 or fewer annotations could not be added; see the job summary.']);
  });
});

describe('connector impact', () => {
  const rel = (file: string, line: number) => ({ file, line, column: 1, endLine: line, endColumn: 5, message: `used at ${file}:${line}` });
  const f = (file: string, entity: string, related: ReturnType<typeof rel>[]): Finding => ({
    ruleId: 'require-platform-connectivity',
    severity: 'error',
    message: 'm',
    file,
    entity,
    line: 12,
    column: 1,
    endLine: 12,
    endColumn: 5,
    range: [0, 1],
    related,
  });
  const changed = changedFiles('api', [
    { path: 'c/hub.yaml', status: 'modified' },
    { path: 'c/old.yaml', status: 'modified' },
    { path: 'p/changed.yaml', status: 'modified' },
  ]);

  test('without the base: users in unchanged files are listed as broken, users in changed files left out', () => {
    const out = connectorImpacts(
      [f('c/hub.yaml', 'hub', [rel('p/a.yaml', 3), rel('p/changed.yaml', 4)]), f('c/untouched.yaml', 'u', [rel('p/a.yaml', 9)])],
      changed,
    );
    expect(out).toEqual([
      {
        ruleId: 'require-platform-connectivity',
        connector: 'hub',
        file: 'c/hub.yaml',
        line: 12,
        breaks: [rel('p/a.yaml', 3)],
        stillBroken: [],
        fixes: [],
        compared: false,
      },
    ]);
  });

  test('with the base: new, still broken and fixed users, and connectors whose finding is gone', () => {
    const head = [f('c/hub.yaml', 'hub', [rel('p/a.yaml', 3), rel('p/b.yaml', 5)])];
    const base = [f('c/hub.yaml', 'hub', [rel('p/b.yaml', 5), rel('p/c.yaml', 7)]), f('c/old.yaml', 'old', [rel('p/d.yaml', 1)])];
    const out = connectorImpacts(head, changed, base);
    expect(
      out.map((i) => [i.connector, i.breaks.map((r) => r.file), i.stillBroken.map((r) => r.file), i.fixes.map((r) => r.file)]),
    ).toEqual([
      ['hub', ['p/a.yaml'], ['p/b.yaml'], ['p/c.yaml']],
      ['old', [], [], ['p/d.yaml']],
    ]);
  });
});
