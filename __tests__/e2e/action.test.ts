/**
 * End to end: the built dist/index.js, run like the GitHub runner runs it, against a loopback
 * server playing the REST API. One test per "Done when" bullet of the PR issue, and every run
 * checks that the planted token appears nowhere in what the step wrote.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { runCli } from '../../src/cli/main.js';
import { SERVER_ERROR_RETRIES } from '../../src/github/client.js';
import { multitoolValidate, schemaErrors } from '../formats/sarif-validators.js';
import {
  actionCopy,
  cloudPipeline,
  connector,
  everythingWritten,
  gitRepo,
  HARNESS_IMAGE,
  HEAD_SHA,
  fakeGitHubPerTest,
  OWNER,
  pullRequestEvent,
  REPO,
  runAction,
  tmpDir,
  TOKEN,
  writeFiles,
  type ActionRun,
  type RunOptions,
} from './harness.js';

let action: string;
beforeAll(() => {
  action = actionCopy();
});

const server = fakeGitHubPerTest();

/** Runs the action and asserts the planted token never appears in anything it wrote. */
async function run(o: Omit<RunOptions, 'action'>, extraFiles: string[] = []): Promise<ActionRun> {
  const r = await runAction({ action, ...o });
  expect(everythingWritten(r, extraFiles)).not.toContain(TOKEN);
  return r;
}

const count = (r: ActionRun, level: string) => r.annotations.filter((a) => a.level === level).length;
const findingAnnotations = (r: ActionRun) => r.annotations.filter((a) => a.props.file);
const badConnector = (id: string) => connector(id, { url: 'https://app.harness.io/registry', executeOnDelegate: false });

/** 25 error connectors and a Cloud pipeline with 15 unresolved connectors: 25 errors + 15 notices = 40 findings. */
function fortyFindings(): { dir: string; files: string[] } {
  const dir = tmpDir('forty');
  const files: Record<string, string> = { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE };
  for (let i = 0; i < 25; i++) files[`.harness/connectors/old_${i}.yaml`] = badConnector(`old_${i}`);
  files['.harness/pipelines/p.yaml'] = cloudPipeline(
    'p',
    Array.from({ length: 15 }, (_, i) => `account.missing_${i}`),
  );
  writeFiles(dir, files);
  return { dir, files: Object.keys(files) };
}

describe('the Action, run like the runner runs it', () => {
  test('only changed files are annotated; the PR file list is read through Link pagination', async () => {
    const ws = tmpDir('changed');
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/connectors/a.yaml': badConnector('a'),
      '.harness/connectors/b.yaml': badConnector('b'),
      '.harness/connectors/untouched.yaml': badConnector('untouched'),
      'README.md': '# shop\n',
    });
    // Three changed files, two per page: b.yaml is only on page 2.
    const gh = await server({
      pageSize: 2,
      files: [
        {
          filename: '.harness/connectors/a.yaml',
          patch: '@@ -7,1 +7,1 @@\n-    dockerRegistryUrl: x\n+    dockerRegistryUrl: https://app.harness.io/registry',
        },
        { filename: 'README.md' },
        { filename: '.harness/connectors/b.yaml', status: 'added' },
      ],
    });
    const r = await run({ workspace: ws, apiUrl: gh.url });

    const lists = gh.requests.filter((q) => q.path === `/repos/${OWNER}/${REPO}/pulls/7/files`);
    expect(lists.map((q) => q.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(lists.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);

    const files = findingAnnotations(r).map((a) => a.props.file);
    expect(files.sort()).toEqual(['.harness/connectors/a.yaml', '.harness/connectors/b.yaml']);
    expect(r.stdout).not.toMatch(/^::\w+ .*file=\.harness\/connectors\/untouched\.yaml/m);
    // ...but the unchanged file is analysed, counted, and listed in the summary.
    expect(r.outputs.findings).toBe('3');
    expect(r.summary).toContain('### Findings elsewhere in the repository (1)');
    expect(r.summary).toContain(
      `[.harness/connectors/untouched.yaml:8](https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/.harness/connectors/untouched.yaml#L8)`,
    );
    expect(r.status).toBe(1);
  });

  test('the annotation budget holds with 40 findings: 10 errors, 10 notices at most, the rest counted and pointed to', async () => {
    const { dir, files } = fortyFindings();
    const gh = await server({ files: files.map((filename) => ({ filename, status: 'added' })) });
    const r = await run({ workspace: dir, apiUrl: gh.url, inputs: { 'check-run': 'true' } });

    expect(r.outputs.findings).toBe('40');
    expect(count(r, 'error')).toBe(10); // 9 findings + the step's failure message
    expect(count(r, 'warning')).toBe(0);
    expect(count(r, 'notice')).toBe(10); // 9 findings + the overflow notice
    expect(r.annotations.filter((a) => a.level === 'error' && !a.props.file)).toHaveLength(1);
    const overflow = '22 more findings (16 errors, 6 notices) not annotated: GitHub shows at most 10 annotations of each level per step.';
    expect(r.annotations.filter((a) => a.level === 'notice' && !a.props.file).map((a) => a.message)).toEqual([
      `${overflow} See the job summary, the check run "harness-registry-guard", the step log.`,
    ]);
    expect(r.summary).toContain(`> Annotated 18 of 40 findings in changed files. ${overflow} The findings tables below list them.`);
    expect(r.stdout).toContain(`Annotated 18 of 40 findings in changed files. ${overflow} See the job summary`);
    // Every annotation names its rule and a position.
    for (const a of findingAnnotations(r)) {
      expect(a.props.title).toMatch(/^(no-app-harness-registry|unresolved-reference)$/);
      expect(Number(a.props.line)).toBeGreaterThan(0);
      expect(Number(a.props.col)).toBeGreaterThan(0);
      expect(Number(a.props.endColumn)).toBeGreaterThan(Number(a.props.col));
    }
    // The log still lists all 40.
    expect(r.stdout.match(/^\.harness\/\S+:\d+:\d+: (error|notice): /gm)).toHaveLength(40);
    // The check run holds all 40, in one request (<= 50), on the PR head, not the merge commit.
    const posts = gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/check-runs'));
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as { head_sha: string; status: string; conclusion: string; output: { annotations: unknown[] } };
    expect(body).toMatchObject({ head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure', name: 'harness-registry-guard' });
    expect(body.output.annotations).toHaveLength(40);
    expect(r.status).toBe(1);
  });

  test('when the check run cannot be created, the closing message does not send the reader there', async () => {
    const ws = tmpDir('no-check-run');
    writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') });
    const gh = await server({ files: [{ filename: '.harness/connectors/old.yaml' }], readOnlyTokens: [TOKEN] });
    const r = await run({ workspace: ws, apiUrl: gh.url, inputs: { 'check-run': 'true' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Could not create the check run');
    const last = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('::error::'))
      .at(-1);
    expect(last).toBe('::error::harness-registry-guard: 1 finding reaches fail-on: error. See the job summary, the step log.');
  });

  test('check-run: true puts 120 annotations in one check run, 50 per request', async () => {
    const ws = tmpDir('many');
    const files: Record<string, string> = { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE };
    for (let i = 0; i < 120; i++) files[`.harness/connectors/c${i}.yaml`] = badConnector(`c${i}`);
    writeFiles(ws, files);
    const gh = await server({ files: Object.keys(files).map((filename) => ({ filename })) });
    const r = await run({ workspace: ws, apiUrl: gh.url, inputs: { 'check-run': 'true' } });

    const calls = gh.requests.filter((q) => q.path.includes('/check-runs'));
    expect(calls.map((q) => `${q.method} ${q.path}`)).toEqual([
      `POST /repos/${OWNER}/${REPO}/check-runs`,
      `PATCH /repos/${OWNER}/${REPO}/check-runs/4242`,
      `PATCH /repos/${OWNER}/${REPO}/check-runs/4242`,
    ]);
    const bodies = calls.map(
      (q) =>
        q.body as {
          status?: string;
          conclusion?: string;
          output: { annotations: Array<{ path: string; annotation_level: string; start_line: number; title: string }> };
        },
    );
    expect(bodies.map((b) => b.output.annotations.length)).toEqual([50, 50, 20]);
    expect(bodies.map((b) => b.status ?? '-')).toEqual(['in_progress', '-', 'completed']);
    expect(bodies[2]!.conclusion).toBe('failure');
    const all = bodies.flatMap((b) => b.output.annotations);
    expect(new Set(all.map((a) => a.path)).size).toBe(120);
    expect(all[0]).toMatchObject({ annotation_level: 'failure', start_line: 8, title: 'no-app-harness-registry' });
    expect(count(r, 'error')).toBe(10);
    expect(r.stdout).toContain('Check run "harness-registry-guard" holds all 120 annotations (3 API requests).');
    // The throttling plugin spaces writes by a second (GitHub's advice against secondary rate limits).
  }, 15_000);

  test('a changed connector reports the unchanged pipelines it now breaks and fixes, linked to file and line', async () => {
    const ws = tmpDir('connector');
    const { baseSha, headSha } = gitRepo(
      ws,
      {
        '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
        '.harness/connectors/hub.yaml': connector('hub', { executeOnDelegate: false }),
        '.harness/connectors/legacy.yaml': connector('legacy', { executeOnDelegate: true }),
        '.harness/pipelines/web.yaml': cloudPipeline('web', ['hub']),
        '.harness/pipelines/api.yaml': cloudPipeline('api', ['legacy']),
      },
      {
        '.harness/connectors/hub.yaml': connector('hub', { executeOnDelegate: true }),
        '.harness/connectors/legacy.yaml': connector('legacy', { executeOnDelegate: false }),
      },
    );
    const gh = await server({
      files: [
        { filename: '.harness/connectors/hub.yaml', patch: '@@ -12 +12 @@\n-    executeOnDelegate: false\n+    executeOnDelegate: true' },
        {
          filename: '.harness/connectors/legacy.yaml',
          patch: '@@ -12 +12 @@\n-    executeOnDelegate: true\n+    executeOnDelegate: false',
        },
      ],
    });
    const r = await run({ workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ headSha, baseSha }) });

    const link = (file: string, line: number) => `[${file}:${line}](https://github.com/${OWNER}/${REPO}/blob/${headSha}/${file}#L${line})`;
    expect(r.summary).toContain('### Changed connectors and the pipelines they affect');
    expect(r.summary).toContain(
      `- Connector \`hub\` (${link('.harness/connectors/hub.yaml', 12)}), rule \`require-platform-connectivity\`:\n  - now breaks:\n    - ${link('.harness/pipelines/web.yaml', 26)}: Used by Harness Cloud stage \`cloud\` of pipeline \`web\`.`,
    );
    expect(r.summary).toContain(
      `- Connector \`legacy\` (${link('.harness/connectors/legacy.yaml', 12)}), rule \`require-platform-connectivity\`:\n  - now fixes:\n    - ${link('.harness/pipelines/api.yaml', 26)}: Used by Harness Cloud stage \`cloud\` of pipeline \`api\`.`,
    );
    // The pipelines themselves are not annotated; the connector is, on its changed line.
    expect(findingAnnotations(r).map((a) => `${a.props.file}:${a.props.line}`)).toEqual(['.harness/connectors/hub.yaml:12']);
    expect(r.status).toBe(1);
  });

  test('writes every output and a job summary with totals, links at the head SHA, and what to change with the Harness doc', async () => {
    const ws = tmpDir('outputs');
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/connectors/old.yaml': badConnector('old'),
      '.harness/pipelines/p.yaml': cloudPipeline('p', ['account.elsewhere']),
    });
    const gh = await server({ files: [{ filename: '.harness/connectors/old.yaml' }, { filename: '.harness/pipelines/p.yaml' }] });
    const r = await run({ workspace: ws, apiUrl: gh.url, inputs: { 'sarif-file': 'out/guard.sarif' } });

    expect(r.outputs).toEqual({
      'sarif-file': path.join(ws, 'out/guard.sarif'),
      findings: '2',
      errors: '1',
      warnings: '0',
      notices: '1',
      'exit-code': '1',
    });
    expect(r.summary).toContain('**2 findings**: 1 error, 0 warnings, 1 notice in 3 files scanned.');
    expect(r.summary).toContain('| `no-app-harness-registry` | 1 | 0 | 0 | 1 |');
    expect(r.summary).toContain('| `unresolved-reference` | 0 | 0 | 1 | 1 |');
    expect(r.summary).toContain(
      `[.harness/connectors/old.yaml:8](https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/.harness/connectors/old.yaml#L8)`,
    );
    expect(r.summary).toContain('- **`no-app-harness-registry`**: Point the connector at https://registry.hub.docker.com');
    expect(r.summary).toContain(
      '[Harness docs](https://developer.harness.io/docs/platform/connectors/artifact-repositories/connect-to-harness-container-image-registry-using-docker-connector)',
    );
    // Rule pages of the Action version that ran (GITHUB_ACTION_REPOSITORY @ GITHUB_ACTION_REF).
    expect(r.summary).toContain(
      '[rule page](https://github.com/acme/harness-registry-guard/blob/v1/docs/rules/no-app-harness-registry.md)',
    );
    expect(r.summary).toContain('❌ 1 finding reaches `fail-on: error`: the step fails.');
  });

  // A suppression comment that matches nothing is a warning (rule `suppression`); an unresolved connector a notice.
  const unusedSuppression = connector('quiet', { executeOnDelegate: false }).replace(
    '  spec:\n',
    '  spec:\n    # harness-registry-guard-disable-next-line no-app-harness-registry -- kept for the migration\n',
  );
  test.each([
    ['a notice', 'error', 0],
    ['a notice', 'warning', 0],
    ['a notice', 'notice', 1],
    ['a notice', 'never', 0],
    ['a notice and a warning', 'error', 0],
    ['a notice and a warning', 'warning', 1],
    ['a notice and a warning', 'never', 0],
    ['a notice and an error', 'error', 1],
    ['a notice and an error', 'warning', 1],
    ['a notice and an error', 'never', 0],
  ] as const)('exit code with %s and fail-on: %s is %i', async (what, failOn, code) => {
    const ws = tmpDir('failon');
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/pipelines/p.yaml': cloudPipeline('p', ['account.elsewhere']),
      ...(what.endsWith('an error') ? { '.harness/connectors/old.yaml': badConnector('old') } : {}),
      ...(what.endsWith('a warning') ? { '.harness/connectors/quiet.yaml': unusedSuppression } : {}),
    });
    const r = await run({
      workspace: ws,
      eventName: 'push',
      event: { ref: 'refs/heads/main', before: '0'.repeat(40), after: HEAD_SHA },
      inputs: { 'fail-on': failOn, 'github-token': '' },
    });
    expect(r.status).toBe(code);
    expect(r.outputs['exit-code']).toBe(String(code));
    const failure = r.annotations.filter((a) => a.level === 'error' && !a.props.file);
    expect(failure.map((a) => a.message)).toEqual(
      code ? [expect.stringMatching(new RegExp(`^harness-registry-guard: 1 finding reaches fail-on: ${failOn}\\.`))] : [],
    );
    // Whatever the threshold, the findings are annotated and counted.
    expect(r.outputs.findings).toBe(what === 'a notice' ? '1' : '2');
    expect(
      findingAnnotations(r)
        .map((a) => a.level)
        .sort(),
    ).toEqual(what === 'a notice' ? ['notice'] : what.endsWith('a warning') ? ['notice', 'warning'] : ['error', 'notice']);
  });

  test('the baseline and config inputs reach the checker: accepted findings are listed as suppressed, never annotated nor failing', async () => {
    const ws = tmpDir('baseline');
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/connectors/old.yaml': badConnector('old'),
      'ci/guard.yml': 'rules:\n  unresolved-reference: off\n',
    });
    // Accept today's findings with the CLI, as a team adopting the gate would.
    execFileSync(
      process.execPath,
      [path.join(path.dirname(action), 'cli', 'index.js'), 'check', '.', '--write-baseline', 'ci/baseline.json'],
      { cwd: ws, stdio: 'ignore' },
    );
    writeFiles(ws, {
      '.harness/connectors/new.yaml': badConnector('new'),
      '.harness/pipelines/p.yaml': cloudPipeline('p', ['account.elsewhere']),
    });
    const sarif = path.join(ws, 'guard.sarif');
    const r = await run(
      {
        workspace: ws,
        // No token: the API plays no part here (an unreachable one would cost Octokit's retry back-off).
        inputs: {
          baseline: 'ci/baseline.json',
          config: 'ci/guard.yml',
          'sarif-file': 'guard.sarif',
          'only-changed': 'false',
          'github-token': '',
        },
      },
      [sarif],
    );

    // A pull request with neither git history nor a token: the gate says it could not compare the config with the base's.
    const notCompared = (a: { props: Record<string, string> }) => a.props.title === 'gate not compared';
    expect(r.annotations.filter(notCompared).map((a) => `${a.level} ${a.props.file}`)).toEqual(['warning ci/guard.yml']);
    expect(
      findingAnnotations(r)
        .filter((a) => !notCompared(a))
        .map((a) => `${a.level} ${a.props.file}`),
    ).toEqual(['error .harness/connectors/new.yaml']);
    expect(r.outputs.findings).toBe('1');
    expect(r.summary).toContain('### Suppressed findings (1)');
    expect(r.summary).toContain('| ⚪ error, suppressed (baseline) | `no-app-harness-registry` |');
    expect(r.summary).not.toContain('unresolved-reference'); // turned off by the config
    const old = JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0].results.find((x: { message: { text: string } }) =>
      x.message.text.includes('`old`'),
    );
    expect(old.suppressions).toEqual([{ kind: 'external' }]);
    expect(r.status).toBe(1); // new.yaml is not in the baseline
  });

  test('a pull request cannot switch its own gate off: config and baseline come from the base commit, and its changes to them and new suppressions are shown', async () => {
    const ws = tmpDir('gate');
    const pipeline = cloudPipeline('p', ['account.hub']);
    const { baseSha, headSha } = gitRepo(
      ws,
      {
        '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
        '.harness/connectors/hub.yaml': connector('hub', { executeOnDelegate: false }).replace(
          '  orgIdentifier: default\n  projectIdentifier: shop\n',
          '',
        ),
        '.harness/pipelines/p.yaml': pipeline,
        '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: off\n',
      },
      {
        '.harness/connectors/old.yaml': badConnector('old'),
        '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: off\n  no-app-harness-registry: off\n',
        '.harness/connectors/legacy.yaml': `# harness-registry-guard-disable no-app-harness-registry -- not used any more\n${badConnector('legacy')}`,
      },
    );
    const inputs = { 'github-token': '', 'only-changed': 'false' };
    const r = await run({ workspace: ws, event: pullRequestEvent({ headSha, baseSha }), inputs });
    // The base config has no `no-app-harness-registry: off`: the new bad connector fails the step.
    expect(
      findingAnnotations(r)
        .filter((a) => a.props.title === 'no-app-harness-registry')
        .map((a) => a.props.file),
    ).toEqual(['.harness/connectors/old.yaml']);
    expect(r.status).toBe(1);
    const gate = r.annotations.filter((a) => a.props.title === 'gate change');
    expect(gate.map((a) => `${a.level} ${a.props.file}:${a.props.line}`)).toEqual([
      'warning .harness-registry-guard.yml:3',
      'warning .harness/connectors/legacy.yaml:1',
    ]);
    expect(gate[0]!.message).toBe(
      'This pull request changes `rules.no-app-harness-registry` in `.harness-registry-guard.yml` from unset to `"off"`; the gate uses the base branch\'s value until it is merged.',
    );
    expect(gate[1]!.message).toBe(
      'This pull request adds a suppression of `no-app-harness-registry` for the whole file: "not used any more".',
    );
    expect(r.summary).toContain('### Changes to the gate in this pull request');
    expect(r.summary).toContain('CODEOWNERS');

    // config-from: head opts into the pull request's config: then only the inline suppression is left to judge.
    const trusted = await run({
      workspace: ws,
      event: pullRequestEvent({ headSha, baseSha }),
      inputs: { ...inputs, 'config-from': 'head' },
    });
    expect(trusted.status).toBe(0);
    expect(trusted.annotations.filter((a) => a.props.title === 'gate change')).toHaveLength(2);
  });

  test("a pull request that makes the config a symlink out of the workspace (at a credentials file): the file is never read or quoted, and the base's config decides", async () => {
    const ws = tmpDir('gate-symlink');
    const outside = tmpDir('gate-symlink-secrets');
    fs.writeFileSync(
      path.join(outside, 'config.json'),
      '{"auths": {"registry.example.com": {"auth": "U1VQRVJTRUNSRVQ="}}, "token": "SUPERSECRET"}\n',
    );
    const { baseSha } = gitRepo(
      ws,
      {
        '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
        '.harness/connectors/old.yaml': badConnector('old'),
        '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: off\n',
      },
      {},
    );
    fs.rmSync(path.join(ws, '.harness-registry-guard.yml'));
    fs.symlinkSync(path.join(outside, 'config.json'), path.join(ws, '.harness-registry-guard.yml'));
    execFileSync('git', ['add', '-A'], { cwd: ws });
    execFileSync('git', ['commit', '-q', '-m', 'symlink'], { cwd: ws });
    const headSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ws, encoding: 'utf8' }).trim();
    for (const configFrom of ['base', 'head']) {
      const r = await run({
        workspace: ws,
        event: pullRequestEvent({ headSha, baseSha }),
        inputs: { 'github-token': '', 'only-changed': 'false', 'config-from': configFrom },
      });
      const written = everythingWritten(r);
      expect(written).not.toContain('SUPERSECRET');
      expect(written).not.toContain('U1VQRVJTRUNSRVQ');
      const gate = r.annotations.filter((a) => a.props.title === 'gate change');
      expect(gate.map((a) => a.message)).toEqual([
        "This pull request makes the config file `.harness-registry-guard.yml` a symlink that leaves the workspace; it is not read, and the base branch's config decides.",
      ]);
      // The base config (unresolved-reference off) is the one applied; the bad connector fails the step,
      // and the symlink itself is skipped with a notice, unread.
      const findings = findingAnnotations(r).filter((a) => a.props.title !== 'gate change');
      expect(findings.map((a) => `${a.props.title} ${a.props.file}`)).toEqual([
        'no-app-harness-registry .harness/connectors/old.yaml',
        'yaml-syntax .harness-registry-guard.yml',
      ]);
      expect(findings[1]!.message).toBe('File is a symlink that leaves the scanned root; not followed; skipped.');
      expect(r.status).toBe(1);
    }
  });

  test.each([
    ["a .yml beside the base's .yaml", '.', '.harness-registry-guard.yaml', '.harness-registry-guard.yml', '.harness/connectors/new.yaml'],
    [
      "one in the scanned folder, below the base's",
      'sub',
      '.harness-registry-guard.yml',
      'sub/.harness-registry-guard.yml',
      'sub/.harness/connectors/new.yaml',
    ],
  ])(
    'a config file the pull request adds where the search finds it first (%s) does not replace the base config',
    async (_, scanned, baseConfig, added, bad) => {
      const ws = tmpDir('gate-added-config');
      const { baseSha, headSha } = gitRepo(
        ws,
        {
          [path.join(scanned, '.harness/connectors/harness_image.yaml')]: HARNESS_IMAGE,
          [baseConfig]: 'forbidSuppression:\n  - no-app-harness-registry\n',
        },
        {
          [added]: 'rules: {}\n',
          [bad]: `# harness-registry-guard-disable no-app-harness-registry -- the pull request says so\n${badConnector('new')}`,
        },
      );
      const r = await run({ workspace: ws, event: pullRequestEvent({ headSha, baseSha }), inputs: { 'github-token': '', path: scanned } });
      // The base config forbids suppressing the rule: the comment does not hide the finding.
      expect(r.status).toBe(1);
      expect(
        findingAnnotations(r)
          .filter((a) => a.props.title === 'no-app-harness-registry')
          .map((a) => a.props.file),
      ).toEqual([bad]);
      const gate = r.annotations.filter((a) => a.props.title === 'gate change');
      expect(gate[0]!.message).toBe(`This pull request adds the config file \`${added}\`; the gate ignores it until it is merged.`);
    },
  );

  test('a pull request that makes the config invalid is told so at the line, while the base config decides', async () => {
    const ws = tmpDir('gate-invalid-config');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: off\n' },
      { '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: of\n' },
    );
    const r = await run({ workspace: ws, event: pullRequestEvent({ headSha, baseSha }), inputs: { 'github-token': '' } });
    expect(r.status).toBe(0);
    const gate = r.annotations.filter((a) => a.props.title === 'gate change');
    expect(gate.map((a) => `${a.props.file}:${a.props.line}`)).toEqual(['.harness-registry-guard.yml:2', '.harness-registry-guard.yml:2']);
    expect(gate[1]!.message).toMatch(/^This pull request makes the config file invalid: .*Once merged, every check fails \(exit 2\)/);
  });

  test('a config file the pull request renames to a name searched first still decides as the base wrote it', async () => {
    const ws = tmpDir('gate-renamed-config');
    const notes = Array.from({ length: 12 }, (_, i) => `# note ${i}: kept as it was, so that git sees a rename\n`).join('');
    const { baseSha, headSha } = gitRepo(
      ws,
      {
        '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
        '.harness-registry-guard.yaml': `${notes}forbidSuppression:\n  - no-app-harness-registry\n`,
      },
      {
        '.harness-registry-guard.yaml': null,
        '.harness-registry-guard.yml': `${notes}rules: {}\n`,
        '.harness/connectors/new.yaml': `# harness-registry-guard-disable no-app-harness-registry -- the pull request says so\n${badConnector('new')}`,
      },
    );
    const r = await run({ workspace: ws, event: pullRequestEvent({ headSha, baseSha }), inputs: { 'github-token': '' } });
    expect(r.status).toBe(1);
    expect(
      findingAnnotations(r)
        .filter((a) => a.props.title === 'no-app-harness-registry')
        .map((a) => a.props.file),
    ).toEqual(['.harness/connectors/new.yaml']);
  });

  test('a baseline entry a pull request adds accepts nothing until merged, and is listed for review', async () => {
    const ws = tmpDir('gate-baseline');
    const base = { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, 'ci/baseline.json': '{ "version": 1, "entries": [] }\n' };
    writeFiles(ws, { ...base, '.harness/connectors/old.yaml': badConnector('old') });
    execFileSync(
      process.execPath,
      [path.join(path.dirname(action), 'cli', 'index.js'), 'check', '.', '--write-baseline', 'ci/accepting.json'],
      { cwd: ws, stdio: 'ignore' },
    );
    const accepting = fs.readFileSync(path.join(ws, 'ci/accepting.json'), 'utf8');
    fs.rmSync(ws, { recursive: true, force: true });
    fs.mkdirSync(ws);
    const { baseSha, headSha } = gitRepo(ws, base, { '.harness/connectors/old.yaml': badConnector('old'), 'ci/baseline.json': accepting });
    const r = await run({
      workspace: ws,
      event: pullRequestEvent({ headSha, baseSha }),
      inputs: { 'github-token': '', baseline: 'ci/baseline.json' },
    });
    expect(r.status).toBe(1);
    const gate = r.annotations.filter((a) => a.props.title === 'gate change');
    expect(gate.map((a) => a.props.file)).toEqual(['ci/baseline.json']);
    expect(gate[0]!.message).toMatch(
      /^This pull request adds an accepted finding to the baseline: `no-app-harness-registry` in `\.harness\/connectors\/old\.yaml`/,
    );
  });

  test("a pull request that removes the baseline is still judged with the base commit's baseline", async () => {
    const ws = tmpDir('gate-baseline-removed');
    writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') });
    execFileSync(
      process.execPath,
      [path.join(path.dirname(action), 'cli', 'index.js'), 'check', '.', '--write-baseline', 'ci/baseline.json'],
      {
        cwd: ws,
        stdio: 'ignore',
      },
    );
    const files = Object.fromEntries(
      ['.harness/connectors/harness_image.yaml', '.harness/connectors/old.yaml', 'ci/baseline.json'].map((f) => [
        f,
        fs.readFileSync(path.join(ws, f), 'utf8'),
      ]),
    );
    fs.rmSync(ws, { recursive: true, force: true });
    fs.mkdirSync(ws);
    const { baseSha, headSha } = gitRepo(ws, files, { 'ci/baseline.json': null });
    const r = await run({
      workspace: ws,
      event: pullRequestEvent({ headSha, baseSha }),
      inputs: { 'github-token': '', baseline: 'ci/baseline.json' },
    });
    // The base's baseline still accepts old.yaml's finding; removing it takes effect once merged.
    expect(r.status).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.annotations.filter((a) => a.props.title === 'gate change').map((a) => a.props.file)).toEqual(['ci/baseline.json']);
  });

  test('an invalid config file is annotated at its line and fails the step naming the input', async () => {
    const ws = tmpDir('badconfig');
    writeFiles(ws, {
      '.harness/connectors/ok.yaml': connector('ok', { executeOnDelegate: false }),
      'guard.yml': 'rules:\n  no-such-rule: error\n',
    });
    const r = await run({ workspace: ws, inputs: { config: 'guard.yml', 'github-token': '' } });
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    const [problem, failure] = r.annotations;
    expect(problem).toMatchObject({ level: 'error', props: { title: 'config', file: 'guard.yml', line: '2' } });
    expect(failure!.message).toMatch(/^harness-registry-guard: input `config`: invalid config: guard\.yml:2:\d+: /);
  });

  test.each([
    [
      'a fork (read-only token: 403, and the API echoes the token back)',
      { readOnlyTokens: [TOKEN], forbidFiles: true, echoAuthorization: true },
      'fork/shop',
    ],
    ['a broken API (HTTP 500)', { failAll: 500, echoAuthorization: true }, undefined],
  ] as const)(
    'falls back to git diff, annotations and the summary on %s, and still fails',
    async (_what, mock, headRepo) => {
      const ws = tmpDir('fork');
      const { baseSha, headSha } = gitRepo(
        ws,
        {
          '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
          '.harness/connectors/old.yaml': badConnector('old'),
          '.harness/connectors/new.yaml': connector('new'),
        },
        { '.harness/connectors/new.yaml': badConnector('new') },
      );
      const gh = await server(mock);
      const r = await run({
        workspace: ws,
        apiUrl: gh.url,
        event: pullRequestEvent({ headSha, baseSha, headRepo }),
        inputs: { 'check-run': 'true' },
        env: { RUNNER_DEBUG: '1' },
      });

      // Octokit's retry plugin retries a server error (after 1 s, then 4 s), never a 403.
      const attempts = 'failAll' in mock ? 1 + SERVER_ERROR_RETRIES : 1;
      expect(gh.requests.filter((q) => q.path.endsWith('/pulls/7/files'))).toHaveLength(attempts);
      expect(gh.requests.filter((q) => q.path.endsWith('/check-runs'))).toHaveLength(attempts);
      expect(r.stdout).toMatch(/Could not list the pull request's files through the API \(.*HTTP (403|500).*\); using git diff instead\./);
      expect(r.stdout).toMatch(
        /Could not create the check run \(.*HTTP (403|500).*\); .*the annotations and this summary are all there is\./,
      );
      expect(r.summary).toContain('using git diff instead');
      // git diff found the one changed file: only it is annotated, on the changed line.
      expect(findingAnnotations(r).map((a) => `${a.props.file}:${a.props.line}`)).toEqual(['.harness/connectors/new.yaml:8']);
      expect(r.outputs.findings).toBe('2');
      expect(r.status).toBe(1);
      // The API's error text was redacted: the echoed Authorization header shows as ***.
      expect(r.stdout).toContain('token ***');
    },
    30_000,
  );

  test('on a push with only-changed: true, git diff before..HEAD decides what is annotated', async () => {
    const ws = tmpDir('push');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') },
      { '.harness/connectors/new.yaml': badConnector('new') },
    );
    const r = await run({
      workspace: ws,
      eventName: 'push',
      event: { ref: 'refs/heads/main', before: baseSha, after: headSha },
      inputs: { 'only-changed': 'true', 'github-token': '' },
    });
    expect(findingAnnotations(r).map((a) => a.props.file)).toEqual(['.harness/connectors/new.yaml']);
    expect(r.outputs.findings).toBe('2');
    expect(r.status).toBe(1);
  });

  test('without git history or API, every file counts as changed and the log says why', async () => {
    const ws = tmpDir('nogit');
    writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') });
    const gh = await server({ failAll: 502 });
    const r = await run({ workspace: ws, apiUrl: gh.url });
    expect(r.stdout).toContain('every file counts as changed');
    expect(findingAnnotations(r).map((a) => a.props.file)).toEqual(['.harness/connectors/old.yaml']);
    expect(r.status).toBe(1);
  }, 20_000);

  test('writes SARIF that passes sarif-multitool --rule-kind Gh and the SARIF 2.1.0 schema', async () => {
    const ws = tmpDir('sarif');
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/connectors/hub.yaml': connector('hub', { executeOnDelegate: true }),
      '.harness/connectors/old.yaml': badConnector('old'),
      '.harness/pipelines/web.yaml': cloudPipeline('web', ['hub', 'account.elsewhere']),
    });
    const gh = await server({ files: [{ filename: '.harness/connectors/hub.yaml' }] });
    const sarif = path.join(ws, 'results.sarif');
    const r = await run({ workspace: ws, apiUrl: gh.url, inputs: { 'sarif-file': 'results.sarif', 'fail-on': 'never' } }, [sarif]);
    expect(r.status).toBe(0);
    expect(r.outputs['sarif-file']).toBe(sarif);
    const log = JSON.parse(fs.readFileSync(sarif, 'utf8'));
    expect(schemaErrors(log)).toEqual([]);
    expect(multitoolValidate(sarif).problems).toEqual([]);
    // All findings, not only the changed file's, with the cross-file user as a related location.
    expect(log.runs[0].results).toHaveLength(3);
    const hub = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'require-platform-connectivity');
    expect(hub.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('.harness/pipelines/web.yaml');
    expect(log.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'schema').helpUri).toBe(
      'https://github.com/acme/harness-registry-guard/blob/v1/docs/rules/schema.md',
    );
  }, 60_000);

  test('a planted token never shows up, even with debug logging and an API that echoes it', async () => {
    const { dir, files } = fortyFindings();
    const gh = await server({ files: files.map((filename) => ({ filename })), readOnlyTokens: [TOKEN], echoAuthorization: true });
    const sarif = path.join(dir, 'guard.sarif');
    const r = await run(
      {
        workspace: dir,
        apiUrl: gh.url,
        inputs: { 'check-run': 'true', 'sarif-file': 'guard.sarif' },
        env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' },
      },
      [sarif],
    );
    // The API got the token (so it was really in play) ...
    expect(gh.requests.find((q) => q.path.endsWith('/check-runs'))!.authorization).toBe(`token ${TOKEN}`);
    // ... and it was echoed back in the 403, but nothing written contains it (run() checks all outputs).
    expect(r.stdout).toContain('you sent: token ***');
    for (const text of [r.stdout, r.stderr, r.outputFile, r.summary, fs.readFileSync(sarif, 'utf8')]) expect(text).not.toContain(TOKEN);
    expect(r.status).toBe(1);
  });

  test.each([
    ['fail-on', 'sometimes', 'input `fail-on`: must be one of error, warning, notice, never (got "sometimes")'],
    ['only-changed', 'maybe', 'input `only-changed`: must be one of true, false, auto (got "maybe")'],
    ['summary', 'yes', 'input `summary`: must be one of true, false (got "yes")'],
    ['config', 'missing.yml', 'input `config`: file "missing.yml" does not exist'],
    ['path', '../outside', 'input `path`: "../outside" is outside the workspace'],
  ])('a bad %s fails the step naming the input', async (input, value, message) => {
    const ws = tmpDir('input');
    writeFiles(ws, { '.harness/connectors/ok.yaml': connector('ok') });
    const r = await run({ workspace: ws, inputs: { [input]: value } });
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.annotations.map((a) => a.message)).toEqual([expect.stringContaining(`harness-registry-guard: ${message}`)]);
  });

  test("a token given as another input's value is never printed, even in the message about that input", async () => {
    const ws = tmpDir('token-input');
    writeFiles(ws, { '.harness/connectors/ok.yaml': connector('ok') });
    const r = await run({ workspace: ws, inputs: { path: TOKEN } });
    expect(r.status).toBe(2);
    expect(r.annotations.map((a) => a.message)).toEqual(['harness-registry-guard: input `path`: "***" does not exist in the workspace']);
  });

  test('an event payload that is not JSON fails the step with exit code 2 and the exit-code output, not a stack trace', async () => {
    const ws = tmpDir('bad-event');
    writeFiles(ws, { '.harness/connectors/ok.yaml': connector('ok') });
    const r = await run({ workspace: ws, event: '{not json' });
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(/^harness-registry-guard: the event payload \(GITHUB_EVENT_PATH\) is not valid JSON: /),
    ]);
    expect(r.stderr).not.toMatch(/\bat .*dist\/index\.js/);
  });

  test('a baseline that is in neither the pull request nor its base fails the step naming the input', async () => {
    const ws = tmpDir('baseline-typo');
    const { baseSha, headSha } = gitRepo(ws, { '.harness/connectors/ok.yaml': connector('ok') }, {});
    const r = await run({
      workspace: ws,
      event: pullRequestEvent({ headSha, baseSha }),
      inputs: { 'github-token': '', baseline: 'missing.json' },
    });
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.annotations.map((a) => a.message)).toEqual([
      expect.stringMatching(/^harness-registry-guard: input `baseline`: .*missing\.json/),
    ]);
  });

  test('a SARIF file that cannot be written fails the step (exit 2), never passes green', async () => {
    const ws = tmpDir('unwritable');
    writeFiles(ws, { '.harness/connectors/ok.yaml': connector('ok', { executeOnDelegate: false }), blocker: 'a file, not a directory\n' });
    const r = await run({ workspace: ws, inputs: { 'sarif-file': 'blocker/out.sarif', 'fail-on': 'never', 'github-token': '' } });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error::harness-registry-guard: input `sarif-file`: cannot write/m);
  });
  test('sarif-file and report-file through links the pull request commits fail the step (exit 2); the files outside are untouched', async () => {
    const outside = tmpDir('outside');
    writeFiles(outside, { victim1: 'precious\n', victim2: 'precious\n', 'dir/keep': 'x\n' });
    const untouched = () => {
      expect(['victim1', 'victim2'].map((f) => fs.readFileSync(path.join(outside, f), 'utf8'))).toEqual(['precious\n', 'precious\n']);
      expect(fs.readdirSync(path.join(outside, 'dir'))).toEqual(['keep']);
    };
    const links = (ws: string) => {
      fs.symlinkSync(path.relative(ws, path.join(outside, 'victim1')), path.join(ws, 'harness-registry-guard.sarif'));
      fs.symlinkSync(path.join(outside, 'victim2'), path.join(ws, 'hrg-report.md'));
      fs.symlinkSync(path.join(outside, 'dir'), path.join(ws, 'reports'));
    };
    for (const [inputs, message] of [
      [
        { 'sarif-file': 'harness-registry-guard.sarif' },
        'input `sarif-file`: "harness-registry-guard.sarif" cannot be written: it is a symbolic link',
      ],
      [{ 'report-file': 'hrg-report.md' }, 'input `report-file`: "hrg-report.md" cannot be written: it is a symbolic link'],
      [
        { 'report-file': 'reports/hrg.md' },
        'input `report-file`: "reports/hrg.md" cannot be written: the folder "reports" is a symbolic link leading outside the workspace',
      ],
    ] as const) {
      const ws = tmpDir('links');
      writeFiles(ws, { '.harness/connectors/ok.yaml': connector('ok', { executeOnDelegate: false }) });
      links(ws);
      const r = await run({ workspace: ws, inputs: { ...inputs, 'fail-on': 'never', 'github-token': '' } });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain(`::error::harness-registry-guard: ${message}`);
      untouched();
    }
  });

  test('suggestions: true posts fixes only on diff lines, and a re-run updates instead of duplicating', async () => {
    const ws = tmpDir('suggest');
    const added = badConnector('new');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') },
      { '.harness/connectors/new.yaml': added },
    );
    const lines = added.trimEnd().split('\n');
    const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
    // One file per page, so the listing takes two requests.
    const gh = await server({
      pageSize: 1,
      files: [{ filename: '.harness/connectors/new.yaml', status: 'added', patch }, { filename: 'README.md' }],
    });
    const o = { workspace: ws, apiUrl: gh.url, event: pullRequestEvent({ headSha, baseSha }), inputs: { suggestions: 'true' } };
    const listings = () =>
      gh.requests.filter((q) => q.method === 'GET' && q.path.endsWith('/pulls/7/files')).map((q) => q.query.get('page') ?? '1');

    const first = await run(o);
    expect(first.status).toBe(1);
    // One listing of the PR's files per run, shared by change detection and the suggestions: pages 1 and 2, once.
    expect(listings()).toEqual(['1', '2']);
    expect(gh.comments.length).toBeGreaterThan(0);
    // old.yaml has the same fixable problem but is not in the diff: no comment there.
    expect(new Set(gh.comments.map((c) => c.path))).toEqual(new Set(['.harness/connectors/new.yaml']));
    expect(gh.comments.every((c) => c.commit_id === headSha && c.body.includes('```suggestion'))).toBe(true);
    expect(gh.comments.map((c) => c.body).join('\n')).toContain('https://registry.hub.docker.com');
    const ids = gh.comments.map((c) => c.id).sort();

    const posts = () => gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/comments')).length;
    const before = posts();
    const second = await run(o);
    expect(second.status).toBe(1);
    expect(listings()).toEqual(['1', '2', '1', '2']);
    expect(posts()).toBe(before);
    expect(gh.comments.map((c) => c.id).sort()).toEqual(ids);
    expect(second.stdout).toMatch(/Suggested changes: 0 created, \d+ updated, 0 removed, \d+ unchanged/);
  });

  test('a fork gets no suggestions and the step still reports and fails', async () => {
    const ws = tmpDir('suggest-fork');
    writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') });
    const gh = await server({
      readOnlyTokens: [TOKEN],
      files: [{ filename: '.harness/connectors/old.yaml', patch: '@@ -1,3 +1,3 @@\n connector:\n' }],
    });
    const r = await run({
      workspace: ws,
      apiUrl: gh.url,
      event: pullRequestEvent({ headRepo: 'someone/fork' }),
      inputs: { suggestions: 'true' },
    });
    expect(r.status).toBe(1);
    expect(gh.comments).toEqual([]);
    expect(r.stdout).toContain('comes from a fork');
    expect(findingAnnotations(r).length).toBeGreaterThan(0);
  });

  test('report: true adds the migration report to the summary, and report-file writes it', async () => {
    const ws = tmpDir('report');
    writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/connectors/old.yaml': badConnector('old') });
    const r = await run({ workspace: ws, inputs: { report: 'true', 'report-file': 'out/migration.md', 'github-token': '' } });
    expect(r.status).toBe(1);
    let cli = '';
    await runCli(
      ['report', '.', '--format', 'markdown'],
      ws,
      (s) => (cli += s),
      () => {},
    );
    expect(cli).toContain('old');
    expect(r.summary).toContain(cli.trim());
    expect(fs.readFileSync(path.join(ws, 'out/migration.md'), 'utf8')).toBe(cli);
  });
});
