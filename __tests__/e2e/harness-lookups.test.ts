/**
 * End to end: the built CLI (dist/cli/index.js) and the built Action (dist/index.js, run as the
 * runner runs it) look connectors up in a loopback server that plays the Harness API with its
 * documented shapes. One block per bullet of issue 11's "Done when"; every run checks that the
 * planted key appears nowhere in what it wrote.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { multitoolValidate, schemaErrors } from '../formats/sarif-validators.js';
import { fakeHarness, type FakeHarness, type FakeHarnessOptions } from '../helpers/fake-harness.js';
import { actionCopy, everythingWritten, pullRequestEvent, runAction, tmpDir, writeFiles, type ActionRun } from './harness.js';

const ACCOUNT = 'AcCt_e2e_42';
/** Planted in every run: no output may contain it, whole or its secret part. */
// Letters only: the redaction masks any run of 4 of its characters, and a random port's digits must not be one.
const SECRET = 'PLANTEDsecretKEYqzXwvBnmRtYuiop';
const KEY = `pat.${ACCOUNT}.tokenIdE2E.${SECRET}`;

let action: string;
let cliBin: string;
beforeAll(() => {
  action = actionCopy();
  cliBin = path.join(path.dirname(action), 'cli', 'index.js');
});

let servers: FakeHarness[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const docker = (url: string, executeOnDelegate?: boolean) => ({
  dockerRegistryUrl: url,
  providerType: 'DockerHub',
  auth: { type: 'Anonymous' },
  ...(executeOnDelegate === undefined ? {} : { executeOnDelegate }),
});
const HUB = 'https://registry.hub.docker.com';

/**
 * Harness as the tests see it. The same identifier lives at two scopes with different settings
 * (`hub`: platform at account, delegate in project default/shop; `mirror`: platform in org default,
 * delegate at account), so a lookup at the wrong scope changes the findings.
 */
const HARNESS: Pick<FakeHarnessOptions, 'connectors' | 'behaviours' | 'overrides'> = {
  connectors: [
    // The built-in image connector, still on the retired registry and without executeOnDelegate (= delegate).
    { identifier: 'harnessImage', type: 'DockerRegistry', spec: docker('https://app.harness.io/registry') },
    { identifier: 'hub', type: 'DockerRegistry', spec: docker(HUB, false) },
    { identifier: 'hub', orgIdentifier: 'default', projectIdentifier: 'shop', type: 'DockerRegistry', spec: docker(HUB, true) },
    { identifier: 'mirror', orgIdentifier: 'default', type: 'DockerRegistry', spec: docker('https://mirror.example.com', false) },
    { identifier: 'mirror', type: 'DockerRegistry', spec: docker('https://mirror.example.com', true) },
    { identifier: 'busy', type: 'DockerRegistry', spec: docker(HUB, false) },
    // In the repo too, set up differently: the repo's version wins and Harness is not asked.
    { identifier: 'local', type: 'DockerRegistry', spec: docker(HUB, true) },
  ],
  behaviours: {
    ghost: { kind: 'notFound', status: 200, code: 'ENTITY_NOT_FOUND' },
    gone: { kind: 'notFound', status: 404, code: 'RESOURCE_NOT_FOUND_EXCEPTION' },
    busy: { kind: 'rateLimit', times: 1 },
  },
  overrides: {
    K8: { addonTag: 'app.harness.io/registry/harness/ci-addon:1.16.4', liteEngineTag: 'mirror.example.com/harness/lite-engine:1.16.4' },
    VM: {},
  },
};

async function serve(opts: Partial<FakeHarnessOptions> = {}): Promise<FakeHarness> {
  const s = await fakeHarness({ apiKey: KEY, accountId: ACCOUNT, ...HARNESS, ...opts });
  servers.push(s);
  return s;
}

const step = (id: string, ref: string) => `              - step:
                  type: Run
                  name: ${id}
                  identifier: ${id}
                  spec:
                    connectorRef: ${ref}
                    image: alpine:3
                    command: "true"
`;

/** A pipeline of project default/shop: a Harness Cloud stage using these connectors, and maybe a Kubernetes stage with an override. */
const pipeline = (id: string, cloudRefs: string[], override?: string) => `pipeline:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: shop
  stages:
    - stage:
        name: cloud
        identifier: cloud
        type: CI
        spec:
          cloneCodebase: false
          platform:
            os: Linux
            arch: Amd64
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
${cloudRefs.map((r, i) => step(`s${i}`, r)).join('')}${
  override
    ? `    - stage:
        name: k8s
        identifier: k8s
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: ci
              harnessImageConnectorRef: ${override}
          execution:
            steps:
${step('k0', 'account.hub')}`
    : ''
}`;

const LOCAL = `connector:
  name: local
  identifier: local
  type: DockerRegistry
  spec:
    dockerRegistryUrl: ${HUB}
    providerType: DockerHub
    executeOnDelegate: false
`;

/** The repo of most tests: two pipelines sharing connectors, one in-repo connector. */
const REPO: Record<string, string> = {
  '.harness/connectors/local.yaml': LOCAL,
  '.harness/pipelines/build.yaml': pipeline(
    'build',
    ['hub', 'org.mirror', 'account.local', 'ghost', 'account.gone', 'account.busy'],
    'org.mirror',
  ),
  '.harness/pipelines/deploy.yaml': pipeline('deploy', ['hub', 'ghost']),
};
/** Lines in REPO's pipelines. */
const LINE = { runtime: 17, s0: 26, s1: 34, s3: 50, s4: 58, override: 80 };

function repo(files: Record<string, string> = REPO): string {
  const dir = tmpDir('lookups');
  writeFiles(dir, files);
  return dir;
}

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process (asynchronously: the fake server runs in this one). */
function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [cliBin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** No planted key, nor its secret segment, in anything written. */
function expectNoKey(...texts: string[]): void {
  for (const t of texts) {
    expect(t).not.toContain(KEY);
    expect(t).not.toContain(SECRET);
  }
}

const withKey = (server: FakeHarness, args: string[], cwd: string, env: Record<string, string> = {}) =>
  cli([...args, '--harness-url', server.url], cwd, { HARNESS_API_KEY: KEY, ...env });

/** Requests per connector: `identifier@org/project`. */
function connectorRequests(server: FakeHarness): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of server.requests) {
    const m = /\/ng\/api\/connectors\/(.+)$/.exec(r.path);
    if (!m) continue;
    const key = `${m[1]}@${r.query.get('orgIdentifier') ?? ''}/${r.query.get('projectIdentifier') ?? ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  harnessUrl?: string;
}

const ui = (server: FakeHarness, tail: string) => `${server.url}/ng/account/${ACCOUNT}/${tail}`;

describe('the CLI with HARNESS_API_KEY against a Harness API', () => {
  test('judges connectors only Harness holds at the scope Harness gives them, asking once per connector', async () => {
    const server = await serve();
    const dir = repo();
    const r = await withKey(server, ['check', '.', '--format', 'json'], dir);
    expectNoKey(r.stdout, r.stderr);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; harness: unknown };
    const rows = out.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.harnessUrl ?? '-'}`);
    const image = ui(server, 'settings/resources/connectors/harnessImage');
    const hub = ui(server, 'home/orgs/default/projects/shop/setup/resources/connectors/hub');
    const b = '.harness/pipelines/build.yaml';
    const d = '.harness/pipelines/deploy.yaml';
    expect(rows).toEqual([
      `${b}:${LINE.runtime} error no-app-harness-registry ${image}`,
      `${b}:${LINE.runtime} error require-platform-connectivity ${image}`,
      `${b}:${LINE.s0} error require-platform-connectivity ${hub}`,
      `${b}:${LINE.s3} warning unresolved-reference -`,
      `${b}:${LINE.s4} warning unresolved-reference -`,
      `${b}:${LINE.override} error require-account-image-connector -`,
      `${d}:${LINE.runtime} error no-app-harness-registry ${image}`,
      `${d}:${LINE.runtime} error require-platform-connectivity ${image}`,
      `${d}:${LINE.s0} error require-platform-connectivity ${hub}`,
      `${d}:${LINE.s1} warning unresolved-reference -`,
    ]);
    const message = (file: string, line: number, rule: string) =>
      out.findings.find((f) => f.file === file && f.line === line && f.ruleId === rule)!.message;
    expect(message(b, LINE.runtime, 'require-platform-connectivity')).toBe(
      'Connector `account.harnessImage` (in Harness, account scope) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud stage `cloud` of pipeline `build` uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    );
    expect(message(b, LINE.runtime, 'no-app-harness-registry')).toBe(
      'Connector `account.harnessImage` (in Harness, account scope) points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024, and stage `cloud` of pipeline `build` pulls through it; in Harness, point it at `https://registry.hub.docker.com` instead.',
    );
    expect(message(b, LINE.s0, 'require-platform-connectivity')).toContain('Connector `hub` (in Harness, project default/shop)');
    expect(message(b, LINE.s3, 'unresolved-reference')).toBe(
      'Connector `ghost` is neither in the repo nor in Harness (project default/shop), but stage `cloud` of pipeline `build` uses it, so it fails at run time; create the connector in Harness or correct the reference.',
    );
    expect(message(b, LINE.s4, 'unresolved-reference')).toContain(
      'Connector `account.gone` is neither in the repo nor in Harness (account scope)',
    );
    // Every reference was settled: no unresolved-reference notice is left.
    expect(out.findings.filter((f) => f.severity === 'notice')).toEqual([]);
    expect(out.harness).toEqual({ host: new URL(server.url).host, lookups: 8, found: 6, notFound: 2, failed: 0, requests: 9 });
    // Each (scope, identifier) once, the 429 retried once; the repo's own `local` never asked.
    expect(connectorRequests(server)).toEqual({
      'harnessImage@/': 1,
      'hub@default/shop': 1,
      'hub@/': 1,
      'mirror@default/': 1,
      'mirror@/': 1,
      'ghost@default/shop': 1,
      'gone@/': 1,
      'busy@/': 2,
    });
    expect(server.requests.every((q) => q.headers['x-api-key'] === KEY && q.query.get('accountIdentifier') === ACCOUNT)).toBe(true);
    expect(r.status).toBe(1);
  }, 30_000);

  test('without the key nothing is sent and nothing changes; --no-harness-api turns lookups off with it', async () => {
    const server = await serve();
    const dir = repo();
    const plain = await cli(['check', '.', '--format', 'json'], dir);
    const flagsOnly = await cli(['check', '.', '--format', 'json', '--harness-url', server.url, '--harness-account', ACCOUNT], dir);
    const off = await withKey(server, ['check', '.', '--format', 'json', '--no-harness-api'], dir);
    expect(server.requests).toEqual([]);
    expect(flagsOnly.stdout).toBe(plain.stdout);
    expect(off.stdout).toBe(plain.stdout);
    expect(flagsOnly.stderr).toBe(
      'harness-registry-guard: --harness-url and --harness-account do nothing: HARNESS_API_KEY is not set, so nothing is looked up in Harness.\n',
    );
    const notices = (JSON.parse(plain.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === 'unresolved-reference');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((f) => f.severity === 'notice')).toBe(true);
    expectNoKey(off.stdout, off.stderr);
  }, 30_000);

  test('the planted key is in no output format, and the text line says "in Harness"', async () => {
    const server = await serve({ echoKey: true });
    const dir = repo();
    const outputs: Record<string, string> = {};
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown', 'junit']) {
      const r = await withKey(server, ['check', '.', '--format', format, '--fail-on', 'never'], dir);
      expect(r.status).toBe(0);
      expectNoKey(r.stdout, r.stderr);
      outputs[format] = r.stdout;
    }
    const report = await withKey(server, ['report', '.', '--format', 'markdown'], dir);
    const reportJson = await withKey(server, ['report', '.', '--format', 'json'], dir);
    expectNoKey(report.stdout, report.stderr, reportJson.stdout, reportJson.stderr);

    expect(outputs.text).toContain(
      `.harness/pipelines/build.yaml:${LINE.s0}:35: error: Connector \`hub\` (in Harness, project default/shop) connects through a delegate`,
    );
    expect(outputs.text).toContain(`Looked up 8 connectors in Harness (${new URL(server.url).host}): 6 found, 2 not found; 9 requests.`);
    expect(outputs.github).toContain(`In Harness: ${ui(server, 'settings/resources/connectors/harnessImage')}`);
    expect(outputs.markdown).toContain(`[Open in Harness](${ui(server, 'settings/resources/connectors/harnessImage')})`);
    // SARIF: the link is a property of the result; the log stays valid for code scanning.
    const sarif = JSON.parse(outputs.sarif!);
    expect(schemaErrors(sarif)).toEqual([]);
    const file = path.join(dir, 'out.sarif');
    fs.writeFileSync(file, outputs.sarif!);
    expect(multitoolValidate(file).problems).toEqual([]);
    const hub = sarif.runs[0].results.find((x: { message: { text: string } }) => x.message.text.includes('`hub` (in Harness'));
    expect(hub.properties.harnessUrl).toBe(ui(server, 'home/orgs/default/projects/shop/setup/resources/connectors/hub'));
  }, 90_000);

  test('401 exits 2 with one line naming the status and the permission, never the key', async () => {
    const server = await serve({ echoKey: true });
    const dir = repo();
    const r = await cli(['check', '.', '--harness-url', server.url], dir, { HARNESS_API_KEY: `pat.${ACCOUNT}.tokenIdE2E.WRONG${SECRET}` });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^harness-registry-guard: Harness API at 127\.0\.0\.1:\d+ answered HTTP 401 to reading connector /);
    expect(r.stderr).toContain('The key needs core_connector_view');
    // The server echoed the key it got; the message shows it redacted.
    expect(r.stderr).toContain('(x-api-key: ***)');
    expectNoKey(r.stderr);
  }, 30_000);

  test('403 at account scope: the other lookups and findings go on, harnessImage keeps its notice, one warning', async () => {
    const server = await serve({ deniedScopes: ['account'] });
    const dir = repo({ '.harness/pipelines/build.yaml': pipeline('build', ['hub']) });
    const r = await withKey(server, ['check', '.', '--format', 'json'], dir);
    expectNoKey(r.stdout, r.stderr);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; harness: { warning: string } };
    expect(out.findings.map((f) => `${f.severity} ${f.ruleId}`).sort()).toEqual([
      'error require-platform-connectivity',
      'notice unresolved-reference',
    ]);
    expect(out.harness.warning).toMatch(/was refused \(HTTP 403\): the API key lacks core_connector_view for them at account scope;/);
    expect(r.stderr).toBe(`harness-registry-guard: warning: ${out.harness.warning}\n`);
  }, 30_000);

  test('a key without an account id and no --harness-account exits 2 naming the option', async () => {
    const r = await cli(['check', '.'], repo(), { HARNESS_API_KEY: 'sk-PLANTEDsecretKEYqzXwvBnmRtYuiop' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('set --harness-account or HARNESS_ACCOUNT_ID');
    expectNoKey(r.stderr);
    expect(r.stderr).not.toContain('PLANTEDsecret');
  });

  test('500s leave the references as notices and one warning says how many lookups failed and why; the run completes', async () => {
    const server = await serve({ behaviours: { ...HARNESS.behaviours, hub: { kind: 'error', status: 500 } } });
    const dir = repo({ '.harness/pipelines/build.yaml': pipeline('build', ['hub', 'org.mirror']) });
    const r = await withKey(server, ['check', '.', '--format', 'json'], dir);
    expectNoKey(r.stdout, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; harness: { warning: string } };
    const warning =
      '1 of 3 connector lookups in Harness (' +
      new URL(server.url).host +
      ') got no answer (HTTP 500 UNKNOWN_ERROR (3 attempts)); nothing is judged about what they refer to: references in Harness Cloud stages stay unresolved-reference notices, others get no finding.';
    expect(out.harness.warning).toBe(warning);
    expect(r.stderr).toBe(`harness-registry-guard: warning: ${warning}\n`);
    // `hub` is still undecided; harnessImage and org.mirror were answered.
    const notices = out.findings.filter((f) => f.severity === 'notice');
    expect(notices.map((f) => f.line)).toEqual([LINE.s0]);
    expect(notices[0]!.message).toMatch(/^Connector `hub` \(project default\/shop\) is not in the repo/);
    expect(connectorRequests(server)['hub@default/shop']).toBe(3);
    expect(r.status).toBe(1); // harnessImage's errors
  }, 30_000);

  test('report: Harness-side connectors with the change to make there, and the account image overrides that break a policy', async () => {
    const server = await serve();
    const dir = repo();
    const json = await withKey(server, ['report', '.', '--format', 'json', '--now', '2026-01-01'], dir);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(
      report.harnessConnectors.map((c: { ref: string; scope: string; connectivity: string }) => `${c.scope} ${c.ref} ${c.connectivity}`),
    ).toEqual([
      'account account.busy platform',
      'account account.harnessImage delegate (default)',
      'account account.hub platform',
      'account account.mirror delegate',
      'org default org.mirror platform',
      'project default/shop hub delegate',
    ]);
    expect(report.harnessConnectors[1]).toEqual({
      ref: 'account.harnessImage',
      scope: 'account',
      identifier: 'harnessImage',
      name: 'harnessImage',
      type: 'DockerRegistry',
      url: 'https://app.harness.io/registry',
      urls: ['https://app.harness.io/registry'],
      provider: 'DockerHub',
      authType: 'Anonymous',
      connectivity: 'delegate (default)',
      delegateSelectors: [],
      harnessUrl: ui(server, 'settings/resources/connectors/harnessImage'),
    });
    expect(report.harnessImageOverrides).toEqual([
      {
        infra: 'K8',
        field: 'addonTag',
        image: 'app.harness.io/registry/harness/ci-addon:1.16.4',
        problem: 'pulls from the app.harness.io registry',
      },
      {
        infra: 'K8',
        field: 'liteEngineTag',
        image: 'mirror.example.com/harness/lite-engine:1.16.4',
        problem: 'renames the Harness image `harness/ci-lite-engine`',
      },
    ]);
    expect(report.harnessLookups.notFound).toEqual([
      { ref: 'account.gone', scope: 'account' },
      { ref: 'ghost', scope: 'project default/shop' },
    ]);
    // Answered references are no longer "checks in Harness".
    expect(report.harnessSteps.map((s: { subject: string }) => s.subject)).toEqual([]);
    // Their uses break the policies as Harness holds them: marked failing, as uses of connectors in Git are.
    const uses = (ref: string) =>
      report.externalConnectors.find((x: { ref: string }) => x.ref === ref).usedBy as Array<{ cloud: boolean; failing?: string }>;
    expect(
      uses('account.harnessImage')
        .filter((u) => u.cloud)
        .map((u) => u.failing),
    ).toEqual(
      uses('account.harnessImage')
        .filter((u) => u.cloud)
        .map(() => 'app.harness.io registry; connects through a delegate'),
    );
    expect(uses('account.harnessImage').some((u) => u.cloud)).toBe(true);
    expect(uses('account.busy').every((u) => u.failing === undefined)).toBe(true);
    const overrideRequests = server.requests.filter((q) => q.path.endsWith('/get-customer-config'));
    expect(overrideRequests.map((q) => `${q.query.get('infra')} ${q.query.get('overridesOnly')}`)).toEqual(['K8 true', 'VM true']);

    const md = (await withKey(server, ['report', '.', '--now', '2026-01-01'], dir)).stdout;
    expect(md).toContain('## Harness-side connectors');
    expect(md).toContain(
      `| [\`account.harnessImage\`](${ui(server, 'settings/resources/connectors/harnessImage')}) | account | DockerRegistry | \`https://app.harness.io/registry\` | delegate (default) |`,
    );
    expect(md).toMatch(
      /account\.harnessImage.*\| Point it at `https:\/\/registry\.hub\.docker\.com`\.<br>Connect through Harness Platform \(`executeOnDelegate: false`\)\. \|/,
    );
    expect(md).toContain(
      '| K8 | `liteEngineTag` | `mirror.example.com/harness/lite-engine:1.16.4` | renames the Harness image `harness/ci-lite-engine` |',
    );
    expect(md).toContain('### Referenced but in neither the repo nor Harness');
  }, 60_000);

  test('report --merge lists a connector Harness holds once for every repository that uses it', async () => {
    const server = await serve();
    const files: string[] = [];
    for (const name of ['payments', 'search']) {
      const dir = repo({ '.harness/pipelines/build.yaml': pipeline('build', ['hub']) });
      const r = await withKey(server, ['report', '.', '--format', 'json', '--now', '2026-01-01'], dir, {
        GITHUB_REPOSITORY: `acme/${name}`,
      });
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, r.stdout);
      files.push(file);
    }
    const merged = await cli(['report', '--merge', ...files, '--format', 'json'], path.dirname(files[0]!));
    expect(merged.status).toBe(0);
    const org = JSON.parse(merged.stdout);
    const image = org.harnessConnectors.filter((h: { ref: string }) => h.ref === 'account.harnessImage');
    expect(image).toHaveLength(1);
    expect(image[0].repositories).toEqual(['acme/payments', 'acme/search']);
    const connector = org.connectors.find((c: { ref: string }) => c.ref === 'account.harnessImage');
    expect(connector.harness[0]).toMatchObject({ connectivity: 'delegate (default)', url: 'https://app.harness.io/registry' });
    // Each repository's Cloud stages pull through it, and Harness holds it on the retired registry.
    expect(connector.failingUses).toBeGreaterThan(0);
    expect(connector.failingUses).toBe(connector.usedBy.length);
  }, 30_000);

  test('fix uses the facts: an org override becomes the account connector Harness has; nothing is written to Harness', async () => {
    const server = await serve();
    const files = { '.harness/pipelines/build.yaml': pipeline('build', ['account.hub'], 'org.mirror') };
    const offline = repo(files);
    await cli(['fix', '.'], offline);
    expect(fs.readFileSync(path.join(offline, '.harness/pipelines/build.yaml'), 'utf8')).toContain('harnessImageConnectorRef: org.mirror');

    const dir = repo(files);
    const r = await withKey(server, ['fix', '.'], dir);
    expectNoKey(r.stdout, r.stderr);
    expect(r.stdout).toContain(
      `line ${LINE.override - 5 * 8}: Reference the account-scope connector \`account.mirror\` (in Harness) instead of \`org.mirror\`. [require-account-image-connector]`,
    );
    expect(fs.readFileSync(path.join(dir, '.harness/pipelines/build.yaml'), 'utf8')).toContain('harnessImageConnectorRef: account.mirror');
    expect(server.requests.every((q) => q.method === 'GET')).toBe(true);
    expect(Object.values(connectorRequests(server)).every((n) => n === 1)).toBe(true);
  }, 30_000);
});

describe('the Action with harness-api-key', () => {
  const inputs = (server: FakeHarness, more: Record<string, string> = {}) => ({
    'harness-api-key': KEY,
    'harness-url': server.url,
    'github-token': '',
    'fail-on': 'never',
    ...more,
  });
  const push = { eventName: 'push', event: { ref: 'refs/heads/main', before: '0'.repeat(40), after: '1'.repeat(40) } };

  /** Every byte the step wrote, but the `::add-mask::` command the runner consumes (it is how the key gets masked). */
  function expectMaskedOnly(r: ActionRun, extra: string[] = []): void {
    const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(masks).toEqual([`::add-mask::${KEY}`]);
    // Masked before anything else is written.
    expect(r.stdout.startsWith(`::add-mask::${KEY}\n`)).toBe(true);
    const written = everythingWritten({ ...r, stdout: r.stdout.replace(`::add-mask::${KEY}\n`, '') }, extra);
    expectNoKey(written);
  }

  test('annotates the referring lines with the link to Harness, summarises the lookups, and writes the report section', async () => {
    const server = await serve();
    const ws = repo();
    const report = path.join(ws, 'report.md');
    const sarif = path.join(ws, 'out.sarif');
    const r = await runAction({
      action,
      workspace: ws,
      ...push,
      inputs: inputs(server, { 'report-file': 'report.md', 'sarif-file': 'out.sarif', 'fail-on': 'error' }),
      env: { RUNNER_DEBUG: '1' },
    });
    expectMaskedOnly(r, [report, sarif]);
    expect(r.status).toBe(1);
    const annotation = r.annotations.find((a) => a.props.line === String(LINE.s0) && a.props.file === '.harness/pipelines/build.yaml')!;
    expect(annotation.level).toBe('error');
    expect(annotation.message).toContain('Connector `hub` (in Harness, project default/shop)');
    expect(annotation.message).toContain(`In Harness: ${ui(server, 'home/orgs/default/projects/shop/setup/resources/connectors/hub')}`);
    const summary = `Looked up 8 connectors in Harness (${new URL(server.url).host}): 6 found, 2 not found; 9 requests.`;
    expect(r.stdout).toContain(summary);
    expect(r.summary).toContain(summary);
    expect(fs.readFileSync(report, 'utf8')).toContain('## Harness-side connectors');
    expect(connectorRequests(server)['hub@default/shop']).toBe(1);
    expect(r.outputs.notices).toBe('0');
  }, 60_000);

  test('a pull request from a fork has an empty secret: no lookups, said once in the log and the summary', async () => {
    const server = await serve();
    const ws = repo();
    const r = await runAction({
      action,
      workspace: ws,
      event: pullRequestEvent({ headRepo: 'someone/shop' }),
      inputs: inputs(server, { 'harness-api-key': '', 'harness-account-id': ACCOUNT }),
    });
    expect(server.requests).toEqual([]);
    const note = 'Harness lookups are off: this pull request comes from a fork';
    expect(r.stdout.split(note)).toHaveLength(2);
    expect(r.summary.split(note)).toHaveLength(2);
    expect(r.status).toBe(0);
    expect(Number(r.outputs.notices)).toBeGreaterThan(0);
  }, 30_000);

  test('401 fails the step with exit 2 naming the status and the permission, never the key', async () => {
    const server = await serve({ apiKey: 'pat.other.key.value', echoKey: true });
    const r = await runAction({ action, workspace: repo(), ...push, inputs: inputs(server) });
    expectMaskedOnly(r);
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    const failure = r.annotations.filter((a) => a.level === 'error' && !a.props.file).map((a) => a.message);
    expect(failure).toEqual([
      expect.stringMatching(
        /^harness-registry-guard: input `harness-api-key`: Harness API at 127\.0\.0\.1:\d+ answered HTTP 401 .*core_connector_view/,
      ),
    ]);
  }, 30_000);
});

describe('an unreachable Harness', () => {
  test('a server that never answers: CLI and Action both finish well under a minute, references stay notices, one warning each', async () => {
    const server = await serve({ behaviours: { harnessImage: { kind: 'hang' }, hub: { kind: 'hang' }, mirror: { kind: 'hang' } } });
    const dir = repo({ '.harness/pipelines/build.yaml': pipeline('build', ['hub', 'org.mirror']) });
    const started = Date.now();
    const [c, a] = await Promise.all([
      withKey(server, ['check', '.', '--format', 'json'], dir),
      runAction({
        action,
        workspace: dir,
        eventName: 'push',
        event: { ref: 'refs/heads/main', before: '0'.repeat(40), after: '1'.repeat(40) },
        inputs: { 'harness-api-key': KEY, 'harness-url': server.url, 'github-token': '' },
      }),
    ]);
    // The spec's bound: a run against an unreachable Harness ends well under a minute.
    expect(Date.now() - started).toBeLessThan(50_000);
    expectNoKey(c.stdout, c.stderr);
    const out = JSON.parse(c.stdout) as { findings: JsonFinding[]; harness: { warning: string; failed: number } };
    expect(out.harness.failed).toBe(3);
    expect(out.harness.warning).toMatch(
      /^3 of 3 connector lookups in Harness \(127\.0\.0\.1:\d+\) got no answer \(.*timed out after 10 s.*\); nothing is judged about what they refer to: .*\.$/,
    );
    expect(out.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'notice unresolved-reference',
      'notice unresolved-reference',
      'notice unresolved-reference',
    ]);
    expect(c.status).toBe(0);
    expect(a.status).toBe(0);
    expect(a.annotations.filter((x) => x.level === 'warning' && x.props.title === 'Harness lookups')).toHaveLength(1);
    expect(a.summary).toContain('Warning: 3 of 3 connector lookups in Harness');
  }, 90_000);
});
