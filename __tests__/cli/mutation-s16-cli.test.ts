/**
 * CLI behaviour that mutation testing found no test pinning down (commands, argument parsing, the
 * lint run, the worker pool). Each test states the behaviour; the CLI runs in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { initialConfig } from '../../src/cli/commands/init.js';
import { lint } from '../../src/engine/lint.js';
import { poolScanner, workerCount } from '../../src/engine/pool.js';
import { rules } from '../../src/rules/index.js';
import { fakeHarness, type FakeHarness } from '../helpers/fake-harness.js';
import { cli, CONNECTOR_REPO, tmpDir, writeTree } from './helpers.js';

const repo = () => writeTree(tmpDir(), CONNECTOR_REPO);
const hint = (c: string) => `Run \`harness-registry-guard ${c} --help\` for its options.`;

let servers: FakeHarness[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('scan options', () => {
  test.each(['1e3', '0x10', ' 12 '])('--max-file-size %j is a usage error: digits only', async (value) => {
    expect(await cli(['check', '.', '--max-file-size', value], repo())).toEqual({
      code: 2,
      out: '',
      err: `harness-registry-guard: --max-file-size must be a positive whole number (got "${value}")\n${hint('check')}\n`,
    });
  });

  test('--config with an empty value is a usage error, not a run on the config found', async () => {
    const dir = writeTree(repo(), { '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: off\n' });
    expect(await cli(['check', '.', '--config='], dir)).toEqual({
      code: 2,
      out: '',
      err: `harness-registry-guard: \`--config\` needs a file name\n${hint('check')}\n`,
    });
  });

  test('with HARNESS_API_KEY set, check judges a connector the repo does not hold by what Harness says about it', async () => {
    const ACCOUNT = 'acct16';
    const KEY = `pat.${ACCOUNT}.tok.secretpart`;
    const server = await fakeHarness({
      apiKey: KEY,
      accountId: ACCOUNT,
      connectors: [
        {
          identifier: 'hub',
          type: 'DockerRegistry',
          spec: { dockerRegistryUrl: 'https://registry.hub.docker.com', executeOnDelegate: true },
        },
      ],
    });
    servers.push(server);
    const files = { ...CONNECTOR_REPO };
    delete files['.harness/connectors/hub.yaml'];
    const dir = writeTree(tmpDir(), files);
    const r = await cli(['check', '.', '--format', 'json', '--harness-url', server.url], dir, { env: { HARNESS_API_KEY: KEY } });
    const findings = JSON.parse(r.out).findings as Array<{ file: string; line: number; ruleId: string; message: string }>;
    expect(r.code).toBe(1);
    expect(findings.find((f) => f.line === 26 && f.file === '.harness/pipelines/build.yaml')).toMatchObject({
      ruleId: 'require-platform-connectivity',
      message: expect.stringContaining('Connector `account.hub` (in Harness, account scope) connects through a delegate'),
    });
    expect(server.requests.some((q) => q.path.endsWith('/connectors/hub'))).toBe(true);
    expect(r.out + r.err).not.toContain('secretpart');
  });
});

describe('the fix hint repeats every scan option given', () => {
  test('--max-file-size, --harness-url and --no-harness-api go along', async () => {
    const r = await cli(['check', '.', '--no-harness-api', '--max-file-size', '5000', '--harness-url', 'https://h.example.com'], repo());
    expect(r.out).toContain(
      'run `harness-registry-guard fix . --max-file-size 5000 --harness-url https://h.example.com --no-harness-api` (add --dry-run',
    );
  });
});

describe('command line', () => {
  test.each<[string[], string]>([
    // A lone `-` is a PATH (then not found), not an option.
    [['check', '-'], 'path not found: -\n' + hint('check')],
    [['check', '-q=yes'], '`-q` takes no value (got "yes")\n' + hint('check')],
    [['check', '-fail-on', 'warning'], 'unknown option `-f` for `check`; did you mean `--fail-on`?\n' + hint('check')],
    // After `--`, `--help` is a PATH, not a request for help.
    [['check', '--', '--help'], 'path not found: --help\n' + hint('check')],
    [['LINT'], 'unknown command `LINT`; did you mean `check`?\nRun `harness-registry-guard --help` for usage.'],
    [['Scan'], 'unknown command `Scan`; did you mean `check`?\nRun `harness-registry-guard --help` for usage.'],
    [['--verison=1'], 'unknown option `--verison=1`; did you mean `--version`?\nRun `harness-registry-guard --help` for usage.'],
    [['check', '--baseline='], '`--baseline` needs a file name\n' + hint('check')],
    [['check', '--write-baseline='], '`--write-baseline` needs a file name\n' + hint('check')],
  ])('%j: exit 2 and says what is wrong', async (args, message) => {
    expect(await cli(args, repo())).toEqual({ code: 2, out: '', err: `harness-registry-guard: ${message}\n` });
  });

  test('--changed given twice takes the files of both', async () => {
    const r = await cli(
      ['check', '--format', 'json', '--changed', '.harness/connectors/hub.yaml', '--changed', '.harness/connectors/mirror.yaml'],
      repo(),
    );
    const findings = JSON.parse(r.out).findings as Array<{ file: string; line: number }>;
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['.harness/connectors/hub.yaml:8', '.harness/pipelines/other.yaml:18']);
  });

  test('fix --format json says dryRun: false when --dry-run is not given', async () => {
    const r = await cli(['fix', '--format', 'json', '--fail-on', 'never'], repo());
    expect(JSON.parse(r.out)).toMatchObject({ dryRun: false });
  });

  test("help lists each command's summary two columns after the longest synopsis", async () => {
    const { out } = await cli(['--help']);
    expect(out).toContain("\n  explain RULE-ID   print a rule's page\n  init [DIR]        write a commented .harness-registry-guard.yml\n");
    expect(out).toContain('\n  -h, --help        show this help;');
  });
});

describe('writing a file', () => {
  test('a place the file system refuses (EACCES) is "permission denied", exit 2', async () => {
    let target = '/sys/hrg-report.txt'; // root writes anywhere else
    if (process.getuid?.() !== 0) {
      const ro = tmpDir();
      fs.chmodSync(ro, 0o555);
      target = path.join(ro, 'r.txt');
    }
    expect(await cli(['check', '.', '--output', target], repo())).toMatchObject({
      code: 2,
      err: `harness-registry-guard: cannot write ${target}: permission denied\n`,
    });
  });

  test('--write-baseline says how many findings and entries it wrote, "1 entry" for one', async () => {
    const dir = writeTree(tmpDir(), {
      '.harness/old.yaml':
        'connector:\n  name: old\n  identifier: old\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    providerType: Other\n    executeOnDelegate: false\n',
    });
    expect(await cli(['check', '.', '--write-baseline', 'b.json'], dir)).toMatchObject({
      code: 0,
      err: 'harness-registry-guard: wrote 1 accepted finding (1 entry) to b.json\n',
    });
  });
});

describe('suppressed findings in --changed and --quiet', () => {
  // other.yaml's image finding (line 26, an error) is suppressed for the whole file.
  const suppressed = () =>
    writeTree(repo(), {
      '.harness/pipelines/other.yaml': `# harness-registry-guard-disable no-app-harness-registry -- mirror pending\n${CONNECTOR_REPO['.harness/pipelines/other.yaml']}`,
    });

  test('--changed counts the other findings left out without suppressed ones', async () => {
    const { out } = await cli(['check', '--changed', '.harness/pipelines/other.yaml'], suppressed());
    expect(out).toContain('--changed: reported the findings about 1 given file; 2 other findings in the scan are not shown.\n');
    const one = await cli(['check', '--changed', '.harness/pipelines/build.yaml'], suppressed());
    expect(one.out).toContain('--changed: reported the findings about 1 given file; 1 other finding in the scan is not shown.\n');
  });

  test('--quiet with a machine format keeps the errors that are not suppressed, and only those', async () => {
    const r = await cli(['check', '.', '--quiet', '--format', 'json'], suppressed());
    const findings = JSON.parse(r.out).findings as Array<{ file: string; line: number; severity: string; suppressed?: unknown }>;
    expect(findings.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual([
      '.harness/connectors/hub.yaml:8 error',
      '.harness/pipelines/other.yaml:19 error',
    ]);
  });
});

const OLD =
  'connector:\n  name: old\n  identifier: old\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    providerType: Other\n    executeOnDelegate: false\n';

describe('lookups in Harness that get no answer', () => {
  test('with a machine format the warning goes to stderr (text lists it with the counts)', async () => {
    const KEY = 'pat.acct16.tok.secretpart';
    const server = await fakeHarness({ apiKey: KEY, accountId: 'acct16', deniedScopes: ['account'] });
    servers.push(server);
    const files = { ...CONNECTOR_REPO };
    delete files['.harness/connectors/hub.yaml'];
    const run = (...args: string[]) =>
      cli(['check', '.', ...args, '--harness-url', server.url], writeTree(tmpDir(), files), { env: { HARNESS_API_KEY: KEY } });
    const json = await run('--format', 'json');
    expect(json.err).toMatch(
      /^harness-registry-guard: warning: 3 of 3 connector lookups in Harness \(127\.0\.0\.1:\d+\) were refused \(HTTP 403\): the API key lacks core_connector_view/,
    );
    expect(json.err.split('\n')).toHaveLength(2);
    expect((await run()).err).toBe('');
  });
});

describe('check: more of the fix hint and the counts', () => {
  test('--write-baseline: the hint takes the baseline along when findings it cannot accept are left to fix', async () => {
    const dir = writeTree(repo(), { '.harness-registry-guard.yml': 'forbidSuppression:\n  - no-app-harness-registry\n' });
    const { out } = await cli(['check', '.', '--write-baseline', 'bl.json'], dir);
    expect(out).toContain('1 finding can be fixed automatically: run `harness-registry-guard fix . --baseline bl.json`');
  });

  test('files skipped for their size are not counted as files read', async () => {
    const { out } = await cli(['check', '.', '--max-file-size', '10'], repo());
    expect(out).toContain('\n0 errors, 0 warnings, 4 notices in 0 files.\n');
  });
});

describe('fix: files left unchanged, counts and paths', () => {
  test('a read-only file is named as left unchanged and makes the exit code 1, whatever --fail-on', async () => {
    const dir = writeTree(tmpDir(), { 'old.yaml': OLD });
    fs.chmodSync(path.join(dir, 'old.yaml'), 0o444);
    const r = await cli(['fix', '.', '--fail-on', 'never'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^left unchanged old\.yaml: it is read-only\nApplied 0 fixes in 0 files /);
    // Its fixes are left because it was not written, not because fixing does not settle.
    expect(r.out).toContain('Applied 0 fixes in 0 files (1 pass); ');
    const dry = await cli(['fix', '.', '--dry-run', '--fail-on', 'never'], dir);
    expect(dry.err).toContain('Would apply 0 fixes in 0 files (1 pass); ');
  });

  test('--dry-run of sibling folders whose names share a prefix (a, ab): the diff paths are relative to their parent', async () => {
    const top = writeTree(tmpDir(), { 'a/old.yaml': OLD, 'ab/old.yaml': OLD, 'cwd/.keep': '' });
    const r = await cli(['fix', '--dry-run', '../a', '../ab'], path.join(top, 'cwd'));
    expect(r.out.match(/^\+\+\+ .*$/gm)).toEqual(['+++ b/a/old.yaml', '+++ b/ab/old.yaml']);
    expect(r.err).toMatch(/^would fix \.\.\/a\/old\.yaml\n/);
    expect(r.err).toContain(`The diff's paths are relative to ${top}: apply it there`);
  });
});

describe('report, init, rules', () => {
  test('report --merge refuses a scan option, which would do nothing there', async () => {
    expect(await cli(['report', '--merge', 'a.json', '--include', '*.yaml'], repo())).toEqual({
      code: 2,
      out: '',
      err: `harness-registry-guard: --include does not apply to --merge\n${hint('report')}\n`,
    });
  });

  test('init: comments are wrapped at 100 columns, a word that ends at column 100 staying on its line', () => {
    // The first line (the schema for editors) is not a wrapped comment.
    const comments = initialConfig()
      .split('\n')
      .slice(1)
      .filter((l) => /^\s*# /.test(l));
    // Only a single word longer than the width (a URL) passes it.
    expect(comments.filter((l) => l.length > 100 && /^\s*# \S+ /.test(l))).toEqual([]);
    expect(comments.some((l) => l.length === 100)).toBe(true);
  });

  test('init: a blank line before each rule, and one heading before the first check the tool makes itself', () => {
    const text = initialConfig();
    expect(text.split('  # Checks the tool makes itself.\n')).toHaveLength(2);
    const entries = text.slice(text.indexOf('rules:\n'), text.indexOf('\n\n# ', text.indexOf('rules:\n')));
    for (const block of entries.split('\n\n').slice(1)) expect(block).toMatch(/^ {2}# /);
    expect(entries.split('\n\n').length).toBeGreaterThan(5);
  });

  test('rules --format json marks an option set at the top of the config (topLevel)', async () => {
    const listed = JSON.parse((await cli(['rules', '--format', 'json'])).out) as {
      rules: Array<{ id: string; options: Array<{ name: string; topLevel?: boolean }> }>;
    };
    const registry = listed.rules.find((r) => r.id === 'no-app-harness-registry')!;
    expect(registry.options.find((o) => o.name === 'replacementRegistryUrl')).toMatchObject({ topLevel: true });
  });
});

test('more worker threads than 8 are never started, however many are asked for', () => {
  expect(workerCount(100_000, 12, {}, 64)).toBe(8);
  expect(workerCount(100_000, undefined, { HARNESS_REGISTRY_GUARD_WORKERS: '20' }, 64)).toBe(8);
});

test('without a worker script, a repo large enough for workers is scanned in this thread when no count was asked for', async () => {
  const dir = tmpDir();
  for (let i = 0; i < 4_000; i++) fs.writeFileSync(path.join(dir, `f${i}.yaml`), 'a: 1\n');
  // With 2+ cores, 4,000 files call for a worker; with none asked for, its absence is no error.
  const r = await lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: undefined, env: {} }) });
  expect([r.filesScanned, r.internalErrors]).toEqual([4_000, []]);
}, 120_000);

test('fix --format json says which files have a BOM', async () => {
  const dir = writeTree(tmpDir(), { 'old.yaml': `\uFEFF${OLD}` });
  const r = await cli(['fix', '.', '--dry-run', '--format', 'json'], dir);
  expect((JSON.parse(r.out) as { files: Array<{ file: string; bom: boolean }> }).files).toMatchObject([{ file: 'old.yaml', bom: true }]);
});

test('check --changed CONNECTOR reports a quoted reference to it in another file', async () => {
  const other = CONNECTOR_REPO['.harness/pipelines/other.yaml']!.replace(
    'harnessImageConnectorRef: org.mirror',
    'harnessImageConnectorRef: "org.mirror"',
  );
  const dir = writeTree(repo(), { '.harness/pipelines/other.yaml': other });
  const r = await cli(['check', '--format', 'json', '--changed', '.harness/connectors/mirror.yaml'], dir);
  const findings = JSON.parse(r.out).findings as Array<{ file: string; line: number; ruleId: string }>;
  expect(findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
    '.harness/pipelines/other.yaml:18 require-account-image-connector',
  ]);
});
