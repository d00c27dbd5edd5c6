/**
 * The gate and the changed files, through `run()` in this process: a pull request cannot loosen its
 * own gate when the changed files are only partly known, when the base is not in the checkout, or
 * when the repository is checked out into a subfolder; and when the base cannot be read, it says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import {
  BASE_SHA,
  connector,
  git,
  gitRepo,
  HARNESS_IMAGE,
  fakeGitHubPerTest,
  pullRequestEvent,
  tmpDir,
  writeFiles,
  type MockOptions,
} from '../e2e/harness.js';
import { runInProcess } from './in-process.js';
import { titled } from './run-helpers.js';
import { fakeApi } from './fake-api.js';
import { addedSuppressions } from '../../src/action/gate.js';

const server = fakeGitHubPerTest();

const CFG_ON = 'rules:\n  no-app-harness-registry: error\n';
const CFG_OFF = 'rules:\n  no-app-harness-registry: off\n';
const bad = (id: string) => connector(id, { url: 'https://app.harness.io/registry', executeOnDelegate: false });
const BASE = { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness-registry-guard.yml': CFG_ON };
const HEAD = { '.harness-registry-guard.yml': CFG_OFF, '.harness/connectors/a.yaml': bad('a') };

/** What `actions/checkout` with depth 1 gives: the head tree as one commit, its base unreachable. */
function shallowCheckout(): string {
  const ws = tmpDir('shallow');
  writeFiles(ws, { ...BASE, ...HEAD });
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'merge');
  git(ws, 'remote', 'add', 'origin', 'https://127.0.0.1:9/acme/shop.git');
  return ws;
}

describe('a pull request cannot loosen its own gate', () => {
  test('3,000 listed files, a depth-1 checkout: the base config is read through the API and decides', async () => {
    const files = [
      { filename: '.harness-registry-guard.yml', patch: '@@ -2 +2 @@\n-  no-app-harness-registry: error\n+  no-app-harness-registry: off' },
      { filename: '.harness/connectors/a.yaml', status: 'added' },
      ...Array.from({ length: 2998 }, (_, i) => ({ filename: `junk/f${i}.txt`, status: 'added' })),
    ];
    const gh = await server({ files, baseFiles: { '.harness-registry-guard.yml': CFG_ON } });
    const r = await runInProcess({ workspace: shallowCheckout(), apiUrl: gh.url, event: pullRequestEvent({ changedFiles: 3001 }) });

    expect(r.code).toBe(1);
    expect(r.outputs.errors).toBe('1');
    expect(titled(r, 'gate change').map((a) => `${a.props.file}:${a.props.line}`)).toEqual(['.harness-registry-guard.yml:2']);
    const read = gh.requests.filter((q) => q.path.includes('/contents/'));
    expect(read.map((q) => `${q.path} ${q.query.get('ref')}`)).toContain(
      `/repos/acme/shop/contents/.harness-registry-guard.yml ${BASE_SHA}`,
    );
  });

  test('3,000 listed files that leave out a file whose suppression the pull request may add: the suppression is annotated', async () => {
    const ws = shallowCheckout();
    writeFiles(ws, { '.harness/connectors/b.yaml': `# harness-registry-guard-disable no-app-harness-registry -- nope\n${bad('b')}` });
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'more');
    const files = [
      { filename: '.harness/connectors/a.yaml', status: 'added' },
      ...Array.from({ length: 2999 }, (_, i) => ({ filename: `junk/f${i}.txt`, status: 'added' })),
    ];
    const gh = await server({ files, baseFiles: { '.harness-registry-guard.yml': CFG_ON } });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ changedFiles: 3002 }) });
    const gate = titled(r, 'gate change').filter((a) => a.props.file === '.harness/connectors/b.yaml');
    expect(gate.map((a) => a.props.line)).toEqual(['1']);
    // The checkout is not the event's head here (a test-merge, as on a runner): its comments are compared
    // with the base's versions, read through the API, and the base has no b.yaml.
    expect(gate[0]!.message).toContain('adds a suppression of `no-app-harness-registry` for the whole file');
  });

  test('the API lists every file, the base is not in the checkout: the contents endpoint gives the base config', async () => {
    const gh = await server({
      files: [{ filename: '.harness-registry-guard.yml' }, { filename: '.harness/connectors/a.yaml', status: 'added' }],
      baseFiles: { '.harness-registry-guard.yml': CFG_ON },
    });
    const r = await runInProcess({ workspace: shallowCheckout(), apiUrl: gh.url, event: pullRequestEvent({ changedFiles: 2 }) });
    expect(r.code).toBe(1);
    expect(titled(r, 'gate change')).toHaveLength(1);
    expect(titled(r, 'gate not compared')).toEqual([]);
  });

  test.each([
    ['the API answers 500', { failAll: 500 } as MockOptions, {}],
    ['there is no token', undefined, { 'github-token': '' }],
  ])('%s and the base is not in the checkout: a warning says the pull request’s own config was used', async (_, gh, inputs) => {
    const api = gh && (await server(gh));
    const r = await runInProcess({
      workspace: shallowCheckout(),
      ...(api ? { apiUrl: api.url } : {}),
      inputs,
      event: pullRequestEvent({ changedFiles: 2 }),
    });
    const warning = titled(r, 'gate not compared');
    expect(warning).toHaveLength(1);
    expect(warning[0]!.props.file).toBe('.harness-registry-guard.yml');
    expect(warning[0]!.message).toMatch(/this run used the pull request's own config file and baseline, which could not be compared/);
    expect(r.summary).toMatch(/> ⚠️ The files this pull request changes are not known/);
  });
});

describe('a repository checked out into a subfolder (actions/checkout path: src)', () => {
  function subfolder(): { top: string; baseSha: string; headSha: string } {
    const top = tmpDir('sub');
    const repo = path.join(top, 'src');
    fs.mkdirSync(repo);
    // Something above the repository that is not part of it.
    writeFiles(top, { 'other/x.yaml': bad('x') });
    return { top, ...gitRepo(repo, BASE, HEAD) };
  }

  test('with the API: paths from the repository root, the config change is a gate change, links have no src/', async () => {
    const { top, baseSha, headSha } = subfolder();
    const gh = await server({
      files: [{ filename: '.harness-registry-guard.yml' }, { filename: '.harness/connectors/a.yaml', status: 'added' }],
    });
    const r = await runInProcess({
      workspace: top,
      apiUrl: gh.url,
      inputs: { path: 'src' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }),
    });

    expect(r.code).toBe(1);
    expect(titled(r, 'gate change').map((a) => a.props.file)).toEqual(['.harness-registry-guard.yml']);
    expect(titled(r, 'no-app-harness-registry').map((a) => a.props.file)).toEqual(['.harness/connectors/a.yaml']);
    expect(r.summary).toContain(`/blob/${headSha}/.harness/connectors/a.yaml#L`);
    expect(r.summary).not.toContain('/blob/' + headSha + '/src/');
    expect(r.summary).toContain('### Findings in changed files (1)');
  });

  test('a config outside the repository (input config: shared/cfg.yml) decides as it is, with the changed files only partly known', async () => {
    const { top } = subfolder();
    writeFiles(top, { 'shared/cfg.yml': CFG_OFF });
    const gh = await server({
      files: [
        { filename: '.harness/connectors/a.yaml', status: 'added' },
        ...Array.from({ length: 2999 }, (_, i) => ({ filename: `junk/f${i}.txt`, status: 'added' })),
      ],
    });
    const r = await runInProcess({
      workspace: top,
      apiUrl: gh.url,
      inputs: { path: 'src', config: 'shared/cfg.yml' },
      event: pullRequestEvent({ changedFiles: 3001 }),
    });
    expect(r.code).toBe(0);
    expect(titled(r, 'gate change')).toEqual([]);
    expect(titled(r, 'gate not compared')).toEqual([]);
  });

  test('without a token: git diff runs in the repository, not the workspace', async () => {
    const { top, baseSha, headSha } = subfolder();
    const r = await runInProcess({
      workspace: top,
      inputs: { path: 'src', 'github-token': '' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }),
    });
    expect(r.stdout).not.toContain('not a git checkout');
    expect(r.code).toBe(1);
    expect(titled(r, 'gate change').map((a) => a.props.file)).toEqual(['.harness-registry-guard.yml']);
    expect(titled(r, 'no-app-harness-registry').map((a) => a.props.file)).toEqual(['.harness/connectors/a.yaml']);
  });
});

test('a suppression comment added in a JSON execution-config payload is a gate change, as in YAML', async () => {
  const payload = '{"status":"SUCCESS","data":{"addonTag":"app.harness.io/registry/harness/ci-addon:1.16.92"}}\n';
  const ws = tmpDir('json');
  const { baseSha, headSha } = gitRepo(
    ws,
    { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE },
    { 'ci/customer.json': '# harness-registry-guard-disable no-app-harness-registry -- nothing to see\n' + payload },
  );
  const gh = await server({ files: [{ filename: 'ci/customer.json', status: 'added' }] });
  const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
  const gate = titled(r, 'gate change');
  expect(gate.map((a) => `${a.props.file}:${a.props.line}`)).toEqual(['ci/customer.json:1']);
  expect(gate[0]!.message).toContain('adds a suppression of `no-app-harness-registry` for the whole file');
});

test('the check run holds the gate changes, as annotations and in its summary', async () => {
  const ws = tmpDir('checkrun');
  const { baseSha, headSha } = gitRepo(ws, BASE, { ...HEAD, '.harness/connectors/b.yaml': bad('b') });
  const gh = await server({
    files: [
      { filename: '.harness-registry-guard.yml' },
      { filename: '.harness/connectors/a.yaml', status: 'added' },
      { filename: '.harness/connectors/b.yaml', status: 'added' },
    ],
  });
  const r = await runInProcess({
    workspace: ws,
    apiUrl: gh.url,
    inputs: { 'check-run': 'true' },
    event: pullRequestEvent({ baseSha, headSha, changedFiles: 3 }),
  });
  const post = gh.requests.find((q) => q.method === 'POST' && q.path.endsWith('/check-runs'))!;
  const output = (post.body as { output: { summary: string; annotations: Array<Record<string, unknown>> } }).output;
  expect(output.summary).toContain('### Changes to the gate in this pull request');
  expect(output.annotations.filter((a) => a.title === 'gate change').map((a) => `${a.annotation_level} ${a.path}:${a.start_line}`)).toEqual(
    ['warning .harness-registry-guard.yml:2'],
  );
  expect(output.annotations.filter((a) => a.title === 'no-app-harness-registry')).toHaveLength(2);
  expect(r.stdout).toContain('holds all 3 annotations');
});

test('with the changed files partly known and the base in git, only the suppressions the base lacks are added ones', () => {
  const ws = tmpDir('partial');
  const old = '# harness-registry-guard-disable-next-line no-app-harness-registry -- old\n';
  const added = '# harness-registry-guard-disable-next-line require-platform-connectivity -- new\n';
  writeFiles(ws, { 'c.yaml': `${old}a: 1\n${added}b: 2\n` });
  const abs = path.join(ws, 'c.yaml');
  const gate = { changed: { source: 'api' as const, files: new Map() }, partial: { readBase: () => `${old}a: 1\nb: 2\n` } };
  expect(addedSuppressions(ws, gate, new Set([abs])).map((c) => `${c.file}:${c.line} ${c.message}`)).toEqual([
    'c.yaml:3 This pull request adds a suppression of `require-platform-connectivity`: "new".',
  ]);
  // The same file in the known list is judged by the list alone.
  expect(addedSuppressions(ws, { changed: gate.changed }, new Set([abs]))).toEqual([]);
});

test('with the changed files partly known, a second copy of a suppression the base has once is an added one', () => {
  const ws = tmpDir('partial-copy');
  const comment = '# harness-registry-guard-disable-next-line no-app-harness-registry -- legacy mirror\n';
  const entry = `${comment}- image: app.harness.io/registry/harness/ci-addon\n`;
  // The pull request copies the suppressed entry: the same comment above the same text, one more time.
  writeFiles(ws, { 'c.yaml': `list:\n${entry}${entry}` });
  const abs = path.join(ws, 'c.yaml');
  const partial = (base: string) => ({ changed: { source: 'api' as const, files: new Map() }, partial: { readBase: () => base } });
  expect(addedSuppressions(ws, partial(`list:\n${entry}`), new Set([abs])).map((c) => `${c.file}:${c.line} ${c.message}`)).toEqual([
    'c.yaml:4 This pull request adds a suppression of `no-app-harness-registry`: "legacy mirror".',
  ]);
  // Both copies at the base: nothing added.
  expect(addedSuppressions(ws, partial(`list:\n${entry}${entry}`), new Set([abs]))).toEqual([]);
});

test('with the changed files partly known, an added next-line comment that suppresses nothing in the run is no gate change', () => {
  const ws = tmpDir('partial-quiet');
  const comment = '# harness-registry-guard-disable-next-line no-app-harness-registry -- legacy mirror\n';
  writeFiles(ws, { 'c.yaml': `${comment}a: 1\n` });
  const abs = path.join(ws, 'c.yaml');
  const gate = { changed: { source: 'api' as const, files: new Map() }, partial: { readBase: () => 'a: 1\n' } };
  const directive = (suppressesNothing: boolean) =>
    new Map([
      [
        'c.yaml',
        [
          {
            kind: 'next-line' as const,
            ruleIds: ['no-app-harness-registry'],
            reason: 'legacy mirror',
            line: 1,
            target: 2,
            range: [0, 1] as [number, number],
            position: { line: 1, column: 1, endLine: 1, endColumn: 2 },
            ...(suppressesNothing ? { suppressesNothing: true as const } : {}),
          },
        ],
      ],
    ]);
  expect(addedSuppressions(ws, { ...gate, obeyed: directive(true) }, new Set([abs]))).toEqual([]);
  expect(addedSuppressions(ws, { ...gate, obeyed: directive(false) }, new Set([abs]))).toHaveLength(1);
});

test('a suppression whose until= date the pull request moves on is an added one: it revives an expired suppression', () => {
  const ws = tmpDir('until');
  const comment = (until: string) => `# harness-registry-guard-disable-next-line no-app-harness-registry until=${until} -- mirror\na: 1\n`;
  writeFiles(ws, { 'c.yaml': comment('2099-12-31') });
  const abs = path.join(ws, 'c.yaml');
  const partial = (base: string) => ({ changed: { source: 'api' as const, files: new Map() }, partial: { readBase: () => base } });
  expect(addedSuppressions(ws, partial(comment('2020-01-01')), new Set([abs])).map((c) => `${c.file}:${c.line} ${c.message}`)).toEqual([
    'c.yaml:1 This pull request adds a suppression of `no-app-harness-registry` until 2099-12-31: "mirror".',
  ]);
  // The same date at the base: nothing added.
  expect(addedSuppressions(ws, partial(comment('2099-12-31')), new Set([abs]))).toEqual([]);
});

test('on the test-merge checkout, a pull request that renews an expired suppression is a gate change at its line', async () => {
  const withComment = (until: string) =>
    connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }).replace(
      '    dockerRegistryUrl',
      `    # harness-registry-guard-disable-next-line no-app-harness-registry until=${until} -- mirror\n    dockerRegistryUrl`,
    );
  const ws = tmpDir('until-merge');
  const file = '.harness/connectors/a.yaml';
  const { baseSha, headSha } = gitRepo(
    ws,
    { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, [file]: withComment('2020-01-01') },
    { [file]: withComment('2099-12-31') },
  );
  git(ws, 'commit', '-q', '--allow-empty', '-m', 'test-merge'); // the checkout is not the head
  const api = fakeApi({ listPullFiles: async () => [{ path: file, status: 'modified', lines: new Set([8]) }] });
  const r = await runInProcess({ workspace: ws, api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
  const changes = r.annotations.filter((a) => a.props.title === 'gate change');
  expect(changes.map((a) => [a.props.file, a.props.line])).toEqual([[file, '8']]);
  expect(changes[0]!.message).toContain('adds a suppression of `no-app-harness-registry` until 2099-12-31: "mirror"');
});

test('a next-line suppression the pull request moves above another line is an added one: the same words now cover something else', () => {
  const ws = tmpDir('moved');
  const comment = '# harness-registry-guard-disable-next-line no-app-harness-registry -- legacy mirror\n';
  const base = `${comment}a: app.harness.io/registry/old\nb: app.harness.io/registry/new\n`;
  // The pull request fixes a and reuses its comment for b.
  writeFiles(ws, { 'c.yaml': `a: docker.io/fixed\n${comment}b: app.harness.io/registry/new\n` });
  const abs = path.join(ws, 'c.yaml');
  const partial = (text: string) => ({ changed: { source: 'api' as const, files: new Map() }, partial: { readBase: () => text } });
  expect(addedSuppressions(ws, partial(base), new Set([abs])).map((c) => `${c.file}:${c.line} ${c.message}`)).toEqual([
    'c.yaml:2 This pull request adds a suppression of `no-app-harness-registry`: "legacy mirror".',
  ]);
  // Where only the indentation changed (the block moved under another key), it is the base's comment.
  writeFiles(ws, { 'c.yaml': `x:\n${base.replace(/^/gm, '  ').trimEnd()}\n` });
  expect(addedSuppressions(ws, partial(base), new Set([abs]))).toEqual([]);
});

test('on the test-merge checkout, a suppression moved above another line is a gate change when it suppresses something there', async () => {
  const comment = '    # harness-registry-guard-disable-next-line no-app-harness-registry -- legacy mirror\n';
  const APP = 'https://app.harness.io/registry';
  const HUB = 'https://registry.hub.docker.com';
  const above = (doc: string) => doc.replace(/( {4}dockerRegistryUrl: )/, `${comment}$1`);
  const a = (url: string) => connector('a', { url, executeOnDelegate: false });
  const b = connector('b', { url: `${APP}/`, executeOnDelegate: false });
  const file = '.harness/connectors/a.yaml';
  const run = async (head: string, testMerge = true) => {
    const ws = tmpDir('moved-merge');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, [file]: `${above(a(APP))}---\n${b}` },
      { [file]: head },
    );
    if (testMerge) git(ws, 'commit', '-q', '--allow-empty', '-m', 'test-merge');
    const lines = new Set(Array.from({ length: 40 }, (_, i) => i + 1));
    const api = fakeApi({ listPullFiles: async () => [{ path: file, status: 'modified', lines }] });
    const r = await runInProcess({ workspace: ws, api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    return { changes: r.annotations.filter((a) => a.props.title === 'gate change').map((a) => a.message), r };
  };
  // The pull request fixes a and reuses the comment for b's URL: it now suppresses b's finding.
  expect((await run(`${a(HUB)}---\n${above(b)}`)).changes).toEqual([
    'This pull request adds a suppression of `no-app-harness-registry`: "legacy mirror".',
  ]);
  // Left above a's fixed URL, it suppresses nothing: no gate change, and the check says to remove it.
  const fixed = await run(`${above(a(HUB))}---\n${b}`);
  expect(fixed.changes).toEqual([]);
  // So on the head checkout, where every comment on a changed line counts.
  expect((await run(`${above(a(HUB))}---\n${b}`, false)).changes).toEqual([]);
  expect((await run(`${a(HUB)}---\n${above(b)}`, false)).changes).toHaveLength(1);
  expect(fixed.r.annotations.map((a) => a.message)).toContainEqual(
    expect.stringMatching(/^Suppression of `no-app-harness-registry` matches no finding/),
  );
});

test('on the head checkout, a line the pull request changes under the base’s next-line comment is suppressed anew: a gate change', () => {
  const ws = tmpDir('covered');
  // A lone CR on line 1: the parser counts it as a line break, git does not.
  const text =
    '# owner\r# x\n# harness-registry-guard-disable-next-line no-app-harness-registry -- mirror\nurl:\n  app.harness.io/registry/other\nz: 1\n';
  writeFiles(ws, { 'c.yaml': text });
  const abs = path.join(ws, 'c.yaml');
  const changedLines = (lines: number[]) => ({
    source: 'api' as const,
    files: new Map([['c.yaml', { path: 'c.yaml', status: 'modified' as const, lines: new Set(lines) }]]),
  });
  const shown = (lines: number[]) =>
    addedSuppressions(ws, { changed: changedLines(lines) }, new Set([abs])).map((c) => `${c.file}:${c.line} ${c.message}`);
  const change = ['c.yaml:2 This pull request adds a suppression of `no-app-harness-registry`: "mirror".'];
  // git's lines: 1 the two comments, 2 the suppression, 3 `url:`, 4 its value below, 5 `z`.
  expect(shown([3])).toEqual(change);
  expect(shown([4])).toEqual(change);
  expect(shown([5])).toEqual([]);
});

test('a suppression after a lone CR is matched to the diff by the line git counts (LF only), so it cannot slip past the gate', () => {
  const ws = tmpDir('lonecr');
  const text = '# owner: team-a\r# harness-registry-guard-disable no-app-harness-registry -- later\nconnector:\n  identifier: a\n';
  writeFiles(ws, { 'a.yaml': text });
  const abs = path.join(ws, 'a.yaml');
  // git's hunk: line 1 changed (the parser sees the comment on line 2).
  const changed = {
    source: 'api' as const,
    files: new Map([['a.yaml', { path: 'a.yaml', status: 'modified' as const, lines: new Set([1]) }]]),
  };
  expect(addedSuppressions(ws, { changed }, new Set([abs])).map((c) => `${c.file}:${c.line} ${c.message}`)).toEqual([
    'a.yaml:1 This pull request adds a suppression of `no-app-harness-registry` for the whole file: "later".',
  ]);
});
