/**
 * CLI behaviour that mutation testing found no test pinning down (commands, argument parsing, the
 * lint run, the worker pool). Each test states the behaviour; the CLI runs in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
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
