/**
 * The gate and the line numbers on the default `pull_request` checkout: the test-merge commit, whose
 * lines differ from the pull request head's where the base branch changed the same file above.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { connector, git, gitRepo, HARNESS_IMAGE, fakeGitHubPerTest, pullRequestEvent, tmpDir, writeFiles } from '../e2e/harness.js';
import { changedFiles, changeScope } from '../../src/github/changed-files.js';
import { fakeApi } from './fake-api.js';
import { runInProcess } from './in-process.js';
import { titled } from './run-helpers.js';

const server = fakeGitHubPerTest();

const A = '.harness/connectors/a.yaml';
const good = connector('a', { executeOnDelegate: false });
const suppressed = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }).replace(
  '    dockerRegistryUrl',
  '    # harness-registry-guard-disable-next-line no-app-harness-registry -- temporary\n    dockerRegistryUrl',
);
/** The API's patch of a.yaml: head lines 8 and 9 added. */
const PATCH =
  '@@ -6,7 +6,8 @@\n   type: DockerRegistry\n   spec:\n-    dockerRegistryUrl: https://registry.hub.docker.com\n+    # harness-registry-guard-disable-next-line no-app-harness-registry -- temporary\n+    dockerRegistryUrl: https://app.harness.io/registry\n     providerType: DockerHub\n     auth:\n       type: Anonymous';
const ABOVE = '# owned by platform\n# see wiki\n# do not edit\n';

/**
 * The pull request changes a.yaml to `head`; the base branch meanwhile puts three lines above it
 * (`shift`); the checkout is the --no-ff merge of the two, as `actions/checkout` gives on `pull_request`.
 */
function mergeCheckout(head: string, shift = true): { ws: string; baseSha: string; headSha: string; mergeSha: string } {
  const ws = tmpDir('merge');
  const g = (...a: string[]) => git(ws, ...a);
  g('init', '-q');
  writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, [A]: good });
  g('add', '-A');
  g('commit', '-qm', 'b0');
  g('checkout', '-qb', 'feature');
  writeFiles(ws, { [A]: head });
  g('commit', '-qam', 'pr');
  const headSha = g('rev-parse', 'HEAD');
  g('checkout', '-q', 'main');
  if (shift) {
    writeFiles(ws, { [A]: ABOVE + good });
    g('commit', '-qam', 'b1');
  }
  const baseSha = g('rev-parse', 'HEAD');
  g('merge', '-q', '--no-ff', '-m', 'merge', 'feature');
  return { ws, baseSha, headSha, mergeSha: g('rev-parse', 'HEAD') };
}

/** The same merge as `actions/checkout` with `fetch-depth: 1` has it: one commit, no parents. */
function depthOne(ws: string): string {
  const shallow = tmpDir('depth1');
  git(shallow, 'clone', '-q', '--depth=1', `file://${ws}`, '.');
  return shallow;
}

describe('a suppression comment the pull request adds, on the test-merge checkout', () => {
  test.each([
    ['the base branch changed the file above it', true, 12],
    ['the base branch left the file alone', false, 9],
  ])('%s: it is a gate change, at its line in the head', async (_, shift, line) => {
    const { ws, baseSha, headSha } = mergeCheckout(suppressed, shift);
    const gh = await server({ files: [{ filename: A, patch: PATCH }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    const gate = titled(r, 'gate change');
    expect(gate.map((a) => `${a.props.file}:${a.props.line}`)).toEqual([`${A}:8`]);
    expect(gate[0]!.message).toContain('adds a suppression of `no-app-harness-registry`');
    expect(r.summary).toContain('### Changes to the gate in this pull request');
    // The finding it suppresses is where the checkout has it.
    expect(r.summary).toContain(`${A}:${line}`);
  });

  test('a depth-1 checkout (no parents): the head version comes from the API', async () => {
    const { ws, baseSha, headSha } = mergeCheckout(suppressed);
    const asked: string[] = [];
    const api = fakeApi({
      listPullFiles: async () => [{ path: A, status: 'modified', lines: new Set([8, 9]) }],
      readFileAt: async (_repo, file, ref) => {
        asked.push(`${file}@${ref === headSha ? 'head' : ref === baseSha ? 'base' : ref}`);
        return ref === headSha && file === A ? suppressed : undefined;
      },
    });
    const r = await runInProcess({ workspace: depthOne(ws), api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    expect(titled(r, 'gate change').map((a) => `${a.props.file}:${a.props.line}`)).toEqual([`${A}:8`]);
    expect(asked).toContain(`${A}@head`);
  });

  test('a depth-1 checkout whose head version cannot be read: every suppression in the changed file is reported', async () => {
    const { ws, baseSha, headSha } = mergeCheckout(suppressed);
    const api = fakeApi({
      listPullFiles: async () => [{ path: A, status: 'modified', lines: new Set([8, 9]) }],
      readFileAt: async () => {
        throw new Error('boom');
      },
    });
    const r = await runInProcess({ workspace: depthOne(ws), api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    expect(titled(r, 'gate change').map((a) => `${a.props.file}:${a.props.line}`)).toEqual([`${A}:11`]);
  });
});

test('findings rank as on a changed line only where the checkout numbers lines as the patch does', () => {
  const list = [{ path: A, status: 'modified', lines: new Set([9]) }];
  const at9 = { file: A, line: 9, endLine: 9 };
  // The API's patches number the head's lines: a file the checkout holds otherwise matches none.
  expect(changeScope(changedFiles('api', list), () => false)!.line(at9)).toBe(false);
  expect(changeScope(changedFiles('api', list), () => true)!.line(at9)).toBe(true);
  expect(changeScope(changedFiles('api', list))!.line(at9)).toBe(true);
  // git diff against the base numbers the checkout's lines.
  expect(changeScope(changedFiles('git', list), () => false)!.line(at9)).toBe(true);
});

describe('a config file the pull request adds beside the base’s', () => {
  const CFG = 'rules:\n  unresolved-reference: notice\n';
  const OFF = 'rules:\n  no-app-harness-registry: "off"\n';
  const bad = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false });
  test.each([
    ['.yaml beside the base’s .yml', '.harness-registry-guard.yml', '.harness-registry-guard.yaml'],
    ['.yml beside the base’s .yaml', '.harness-registry-guard.yaml', '.harness-registry-guard.yml'],
    ['.yaml beside the base’s .yml, listed as modified', '.harness-registry-guard.yml', '.harness-registry-guard.yaml', 'modified'],
  ])('%s: the base’s decides, the twin is a gate change', async (_, baseName, twin, status = 'added') => {
    const ws = tmpDir('twin');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, [A]: good, [baseName]: CFG },
      { [A]: bad, [twin]: OFF },
    );
    const gh = await server({ files: [{ filename: A }, { filename: twin, status }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }) });
    expect(r.code).toBe(1);
    expect(r.outputs.errors).toBe('1');
    const gate = titled(r, 'gate change');
    expect(gate.map((a) => `${a.props.file}:${a.props.line}`)).toEqual([`${twin}:1`]);
    expect(gate[0]!.message).toContain(`adds the config file \`${twin}\``);
    expect(r.summary).toContain('### Changes to the gate in this pull request');
  });

  test.each([
    ['a link that leads nowhere', (ws: string) => fs.symlinkSync('nowhere.yml', path.join(ws, '.harness-registry-guard.yaml'))],
    ['a folder', (ws: string) => writeFiles(ws, { '.harness-registry-guard.yaml/x.txt': 'x\n' })],
  ])('a twin that is %s: the base’s config decides, the twin is a gate change', async (_, makeTwin) => {
    const ws = tmpDir('twin');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, [A]: good, '.harness-registry-guard.yml': CFG },
      { [A]: bad },
    );
    makeTwin(ws);
    const gh = await server({ files: [{ filename: A }, { filename: '.harness-registry-guard.yaml', status: 'added' }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }) });
    expect(r.code).toBe(1);
    const gate = titled(r, 'gate change');
    expect(gate.map((a) => a.props.file)).toEqual(['.harness-registry-guard.yaml']);
    expect(gate[0]!.message).toContain('once merged, every check stops with exit 2');
  });
});

describe('a config file the pull request links into .git', () => {
  // .git/config may hold a token (an `extraheader`): a link to it is never read, so never quoted.
  test.each([
    ['its own config', '.harness-registry-guard.yml', false],
    ['a twin beside the base’s config', '.harness-registry-guard.yaml', true],
  ])('%s: not read, a gate change that says where the link leads', async (_, name, twin) => {
    const ws = tmpDir('into-git');
    const base = {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      [A]: good,
      ...(twin ? { '.harness-registry-guard.yml': 'rules: {}\n' } : {}),
    };
    const { baseSha, headSha } = gitRepo(ws, base, { [A]: good });
    execFileSync('git', ['-C', ws, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic FAKESECRET']);
    fs.symlinkSync('.git/config', path.join(ws, name));
    const gh = await server({ files: [{ filename: A }, { filename: name, status: 'added' }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }) });
    const gate = titled(r, 'gate change');
    expect(gate.map((a) => [a.props.file, a.message])).toEqual([
      [
        name,
        `This pull request makes the config file \`${name}\` a symlink that leads into \`.git\`; it is not read, and the base branch's config decides.`,
      ],
    ]);
    expect(JSON.stringify(r)).not.toContain('FAKESECRET');
  });
});

describe('findings in a file the test-merge checkout holds otherwise than the head', () => {
  const bad = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false });
  const PATCH9 =
    '@@ -6,7 +6,7 @@\n   type: DockerRegistry\n   spec:\n-    dockerRegistryUrl: https://registry.hub.docker.com\n+    dockerRegistryUrl: https://app.harness.io/registry\n     providerType: DockerHub\n     auth:\n       type: Anonymous';
  test.each([
    ['the base branch changed the file above', true],
    ['the base branch left the file alone', false],
  ])('%s: linked where its lines are, on the check run only at the head’s lines', async (_, shift) => {
    const { ws, baseSha, headSha, mergeSha } = mergeCheckout(bad, shift);
    const gh = await server({ files: [{ filename: A, patch: PATCH9 }] });
    const r = await runInProcess({
      workspace: ws,
      apiUrl: gh.url,
      inputs: { 'check-run': 'true' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }),
    });
    expect(r.code).toBe(1);
    const post = gh.requests.find((q) => q.method === 'POST' && q.path.endsWith('/check-runs'))!;
    const { annotations, summary } = (post.body as { output: { summary: string; annotations: Array<Record<string, unknown>> } }).output;
    const onA = annotations.filter((a) => a.path === A).map((a) => a.start_line);
    const own = r.annotations.filter((a) => a.props.file === A && a.props.title !== 'gate change');
    if (shift) {
      // The step's own annotation names the file only, saying where the line is in the checkout.
      expect(own.map((a) => [a.props.line, /line 11 of the commit checked out/.test(a.message)])).toEqual([[undefined, true]]);
      expect(r.summary).toContain(`/blob/${mergeSha}/${A}#L11)`);
      expect(r.summary).not.toContain(`/blob/${headSha}/${A}`);
      expect(onA).toEqual([]);
      expect(summary).toContain('not annotated here');
    } else {
      expect(own.map((a) => a.props.line)).toEqual(['8']);
      expect(r.summary).toContain(`/blob/${headSha}/${A}#L8)`);
      expect(onA).toEqual([8]);
      expect(summary).not.toContain('not annotated here');
    }
  });
});

describe('a depth-1 test-merge checkout whose head versions come from the API', () => {
  const bad = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false });

  test('no suggested change is placed at the checkout’s lines of a file the head holds otherwise', async () => {
    const { ws, baseSha, headSha } = mergeCheckout(bad);
    const posted: number[] = [];
    const api = fakeApi({
      // The head's hunk runs from line 5 to 12: a comment may sit on line 11.
      listPullFiles: async () => [{ path: A, status: 'modified', lines: new Set([8]), hunks: [[5, 12]] }],
      readFileAt: async (_repo, file, ref) => (ref === headSha && file === A ? bad : undefined),
      listReviewComments: async () => [],
      createReviewComment: async (_repo, comment) => {
        posted.push(comment.line);
        return 1;
      },
    });
    const r = await runInProcess({
      workspace: depthOne(ws),
      api,
      inputs: { suggestions: 'true' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }),
    });
    expect(r.code).toBe(1);
    // The checkout has the URL at line 11, the head at line 8: a suggestion at 11 would replace `type: Anonymous`.
    expect(posted).toEqual([]);
  });

  test('after the first failed read the API is not asked again (a spent rate limit or an outage costs one wait)', async () => {
    const { ws, baseSha, headSha } = mergeCheckout(suppressed);
    const B = '.harness/connectors/b.yaml';
    const shallow = depthOne(ws);
    writeFiles(shallow, { [B]: suppressed.replace('name: a', 'name: b').replace('identifier: a', 'identifier: b') });
    let reads = 0;
    const api = fakeApi({
      listPullFiles: async () => [
        { path: A, status: 'modified', lines: new Set([8, 9]) },
        { path: B, status: 'added', lines: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) },
      ],
      readFileAt: async () => {
        reads++;
        throw new Error('API rate limit exceeded');
      },
    });
    const r = await runInProcess({ workspace: shallow, api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }) });
    expect(reads).toBe(1);
    // Unread files count conservatively: both added suppressions are gate changes.
    expect(
      titled(r, 'gate change')
        .map((a) => a.props.file)
        .sort(),
    ).toEqual([A, B]);
  });
});

describe('on a test-merge checkout, what the pull request adds is what the base branch does not have', () => {
  /** b0, then the pull request's commit and the base's (each given the workspace), merged as `actions/checkout` gives it. */
  function scenario(b0: Record<string, string>, pr: (ws: string) => void, base: (ws: string) => void) {
    const ws = tmpDir('merge');
    const g = (...a: string[]) => git(ws, ...a);
    g('init', '-q');
    writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, ...b0 });
    g('add', '-A');
    g('commit', '-qm', 'b0');
    g('checkout', '-qb', 'feature');
    pr(ws);
    g('add', '-A');
    g('commit', '-qm', 'pr');
    const headSha = g('rev-parse', 'HEAD');
    g('checkout', '-q', 'main');
    base(ws);
    g('add', '-A');
    g('commit', '-qm', 'b1');
    const baseSha = g('rev-parse', 'HEAD');
    g('merge', '-q', '--no-ff', '-m', 'merge', 'feature');
    return { ws, baseSha, headSha };
  }
  const bad = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false });
  const FILE_LEVEL = '# harness-registry-guard-disable no-app-harness-registry -- legacy mirror\n';

  test('a comment that only the merge makes a file-level suppression (the base removed the YAML above it)', async () => {
    const { ws, baseSha, headSha } = scenario(
      { [A]: `owner: platform\n# a\n${good}` },
      (w) => writeFiles(w, { [A]: `owner: platform\n# a\n${FILE_LEVEL}${bad}` }),
      (w) => writeFiles(w, { [A]: `# a\n${good}` }),
    );
    const gh = await server({ files: [{ filename: A, patch: '@@ -1,3 +1,4 @@\n owner: platform\n # a\n+' + FILE_LEVEL }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    const gate = titled(r, 'gate change').filter((a) => a.props.file === A);
    expect(gate.map((a) => a.message)).toEqual([
      expect.stringContaining('adds a suppression of `no-app-harness-registry` for the whole file'),
    ]);
  });

  test('a comment git carried into a file the base renamed, which the API does not list', async () => {
    const B = '.harness/connectors/b.yaml';
    const withComment = bad.replace(
      '    dockerRegistryUrl',
      '    # harness-registry-guard-disable-next-line no-app-harness-registry -- temporary\n    dockerRegistryUrl',
    );
    const { ws, baseSha, headSha } = scenario(
      { [A]: good },
      (w) => writeFiles(w, { [A]: withComment }),
      (w) => git(w, 'mv', A, B),
    );
    const gh = await server({ files: [{ filename: A, patch: PATCH }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    expect(titled(r, 'gate change').map((a) => a.props.file)).toEqual([B]);
  });

  test('a suppression the base already had is not the pull request’s', async () => {
    const { ws, baseSha, headSha } = scenario(
      { [A]: suppressed },
      (w) => writeFiles(w, { 'other.txt': 'x\n' }),
      (w) => writeFiles(w, { [A]: ABOVE + suppressed }),
    );
    const gh = await server({ files: [{ filename: 'other.txt', patch: '@@ -0,0 +1 @@\n+x' }] });
    const r = await runInProcess({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    expect(titled(r, 'gate change')).toEqual([]);
  });
});

test('a file the checkout holds with CRLF line ends and the head with LF is the head’s (its lines are the same)', async () => {
  const bad = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false });
  const { ws, baseSha, headSha } = mergeCheckout(bad, false);
  const shallow = depthOne(ws);
  writeFiles(shallow, { [A]: bad.replace(/\n/g, '\r\n') });
  const api = fakeApi({
    listPullFiles: async () => [{ path: A, status: 'modified', lines: new Set([8]), hunks: [[5, 12]] }],
    readFileAt: async (_repo, file, ref) => (ref === headSha && file === A ? bad : undefined),
  });
  const r = await runInProcess({ workspace: shallow, api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
  expect(r.code).toBe(1);
  expect(r.summary).toContain(`/blob/${headSha}/${A}#L8)`);
});
