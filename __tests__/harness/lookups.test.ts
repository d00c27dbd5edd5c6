/**
 * Lookups in Harness, in process: which references are asked about and at which scope, how API
 * answers become facts, how the rules judge those facts, and how the engine calls the hook. The
 * built CLI and Action against a fake API are in __tests__/e2e/harness-lookups.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, test } from '@jest/globals';
import { lint as engineLint } from '../../src/engine/lint.js';
import { connectorFacts, connectorsToLookUp, createHarnessLookups, judgeOverrides } from '../../src/harness/lookups.js';
import { HarnessAuthError } from '../../src/harness/client.js';
import type { HarnessAnswer, HarnessFacts, HarnessLookup } from '../../src/model/harness-side.js';
import { lookupFailureWarning, lookupSummary } from '../../src/model/harness-side.js';
import type { Loc } from '../../src/model/loc.js';
import type { Scope } from '../../src/model/scope.js';
import { rules } from '../../src/rules/index.js';
import { fakeHarness, type FakeHarness } from '../helpers/fake-harness.js';
import { lintFiles } from '../helpers/lint-files.js';

const ACCOUNT = 'acct1';
// Letters only in the secret: the redaction masks any run of 4 of its characters, and a random port's digits must not be one.
const KEY = `pat.${ACCOUNT}.tok.PLANTEDsecretQzXwvBnm`;

const step = (ref: string, i: number) => `              - step:
                  type: Run
                  name: s${i}
                  identifier: s${i}
                  spec:
                    connectorRef: ${ref}
                    image: alpine
                    command: "true"
`;

/** A pipeline with one CI stage on `infra` (Cloud, or Kubernetes with an optional override) whose steps use `refs`. */
function pipeline(o: { id?: string; scope?: string; infra?: 'Cloud' | 'K8s'; override?: string; refs?: string[]; type?: string }): string {
  const { id = 'p', scope = '  orgIdentifier: o\n  projectIdentifier: pr\n', infra = 'Cloud', override, refs = [], type = 'CI' } = o;
  const where =
    infra === 'Cloud'
      ? `          platform:
            os: Linux
            arch: Amd64
          runtime:
            type: Cloud
            spec: {}
`
      : `          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: ci
${override ? `              harnessImageConnectorRef: ${override}\n` : ''}`;
  return `pipeline:
  name: ${id}
  identifier: ${id}
${scope}  stages:
    - stage:
        name: st
        identifier: st
        type: ${type}
        spec:
          cloneCodebase: false
${where}          execution:
            steps:
${refs.map(step).join('')}`;
}

const CONNECTOR = (id: string, level: 'account' | 'org', eod: boolean) => `connector:
  name: ${id}
  identifier: ${id}
${level === 'org' ? '  orgIdentifier: o\n' : ''}  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    executeOnDelegate: ${eod}
`;

const scopeText = (s: Scope) => [s.level, s.org, s.project].filter(Boolean).join(' ');

describe('connectorsToLookUp: what is asked, at which scope (Harness’s own rule), once each', () => {
  test.each([
    [
      'an account reference: account scope',
      { '.harness/p.yaml': pipeline({ refs: ['account.hub'] }) },
      ['account harnessImage', 'account hub'],
    ],
    ['an org reference: the pipeline’s org', { '.harness/p.yaml': pipeline({ refs: ['org.hub'] }) }, ['account harnessImage', 'org o hub']],
    [
      'a bare reference: the pipeline’s org and project',
      { '.harness/p.yaml': pipeline({ refs: ['hub'] }) },
      ['account harnessImage', 'project o pr hub'],
    ],
    [
      'a bare or org reference from a pipeline without org or project cannot be placed: not asked',
      { '.harness/p.yaml': pipeline({ scope: '', refs: ['hub', 'org.hub', 'account.hub'] }) },
      ['account harnessImage', 'account hub'],
    ],
    [
      'a Git Experience path gives the scope',
      { '.harness/orgs/g/projects/x/pipelines/p.yaml': pipeline({ scope: '', refs: ['hub'] }) },
      ['account harnessImage', 'project g x hub'],
    ],
    [
      'a connector in the repo is never asked about (the repo wins)',
      {
        '.harness/p.yaml': pipeline({ refs: ['account.hub', 'org.mirror'] }),
        '.harness/c.yaml': CONNECTOR('hub', 'account', false),
        '.harness/m.yaml': CONNECTOR('mirror', 'org', false),
      },
      ['account harnessImage'],
    ],
    [
      'the same connector from two pipelines and two steps: once',
      {
        '.harness/a.yaml': pipeline({ refs: ['account.hub', 'account.hub'] }),
        '.harness/b.yaml': pipeline({ id: 'q', refs: ['account.hub'] }),
      },
      ['account harnessImage', 'account hub'],
    ],
    [
      'a Kubernetes stage without an override pulls through account.harnessImage',
      { '.harness/p.yaml': pipeline({ infra: 'K8s' }) },
      ['account harnessImage'],
    ],
    [
      'an org override: the override, and the account connector of the same name (for the fix)',
      { '.harness/p.yaml': pipeline({ infra: 'K8s', override: 'org.mirror' }) },
      ['org o mirror', 'account mirror'],
    ],
    ['an account override: only it', { '.harness/p.yaml': pipeline({ infra: 'K8s', override: 'account.mirror' }) }, ['account mirror']],
    [
      'a runtime input nothing fills, or an expression: nothing to ask',
      { '.harness/p.yaml': pipeline({ infra: 'K8s', override: '<+input>', refs: ['<+pipeline.variables.c>'] }) },
      [],
    ],
    [
      'a stage that is not a CI build pulls no Harness images',
      { '.harness/p.yaml': pipeline({ type: 'Custom', infra: 'K8s' }).replace(/ {10}infrastructure:[\s\S]*?namespace: ci\n/, '') },
      [],
    ],
  ])('%s', (_, files, expected) => {
    const { project } = lintFiles(files);
    expect(
      connectorsToLookUp(project)
        .map((n) => `${scopeText(n.scope)} ${n.identifier}`)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('keeps the first place in the repo that refers to a connector', () => {
    const { project, place } = lintFiles({
      '.harness/b.yaml': pipeline({ refs: ['account.hub'] }),
      '.harness/a.yaml': pipeline({ id: 'q', refs: ['account.hub'] }),
    });
    const hub = connectorsToLookUp(project).find((n) => n.identifier === 'hub')!;
    expect(`${hub.at.file}:${place(hub.at).line}`).toBe('.harness/a.yaml:26');
  });
});

describe('connectorFacts: the API’s data.connector as the facts rules read', () => {
  const ui = 'https://app.harness.io/ng/account/a/settings/resources/connectors/x';
  test.each([
    ['executeOnDelegate absent stays absent (= delegate)', {}, {}],
    ['executeOnDelegate null is absent too', { executeOnDelegate: null }, {}],
    ['executeOnDelegate false', { executeOnDelegate: false }, { executeOnDelegate: false }],
    ['executeOnDelegate true', { executeOnDelegate: true }, { executeOnDelegate: true }],
    ['executeOnDelegate "false" is kept as the string it is', { executeOnDelegate: 'false' }, { executeOnDelegate: 'false' }],
  ])('%s', (_, extra, expected) => {
    const facts = connectorFacts(
      { identifier: 'x', type: 'DockerRegistry', spec: { dockerRegistryUrl: 'https://r', ...extra } },
      { level: 'account' },
      ui,
    );
    expect(facts).toEqual({
      identifier: 'x',
      scope: { level: 'account' },
      type: 'DockerRegistry',
      urls: ['https://r'],
      delegateSelectors: [],
      uiUrl: ui,
      ...expected,
    });
  });

  it('a URL field that came as a list is still judged: its URLs are collected', () => {
    const facts = connectorFacts(
      { identifier: 'x', type: 'DockerRegistry', spec: { dockerRegistryUrl: ['https://app.harness.io/registry', 3] } },
      { level: 'account' },
      ui,
    );
    expect(facts.urls).toEqual(['https://app.harness.io/registry']);
  });

  it('collects every URL field, the provider, the auth type and the delegate selectors', () => {
    const facts = connectorFacts(
      {
        identifier: 'art',
        name: 'Artifactory',
        type: 'Artifactory',
        spec: {
          artifactoryServerUrl: 'https://art.example.com',
          nested: { proxyUrl: 'https://proxy' },
          providerType: 'Other',
          auth: { type: 'UsernamePassword', spec: { passwordRef: 'account.pw' } },
          delegateSelectors: ['eu', 7],
        },
      },
      { level: 'org', org: 'o' },
      ui,
    );
    expect(facts).toMatchObject({
      name: 'Artifactory',
      urls: ['https://art.example.com', 'https://proxy'],
      provider: 'Other',
      authType: 'UsernamePassword',
      delegateSelectors: ['eu'],
      scope: { level: 'org', org: 'o' },
    });
  });
});

describe('judgeOverrides: account image overrides that break a policy', () => {
  test.each([
    [
      'an image on the retired registry',
      { addonTag: 'app.harness.io/registry/harness/ci-addon:1.16' },
      ['addonTag: pulls from the app.harness.io registry'],
    ],
    [
      'a renamed Harness image behind a mirror',
      { liteEngineTag: 'mirror.io/harness/le:1' },
      ['liteEngineTag: renames the Harness image `harness/ci-lite-engine`'],
    ],
    ['a mirror that keeps the name', { addonTag: 'mirror.io/harness/ci-addon:1.16' }, []],
    ['a field the catalogue does not know', { someNewTag: 'mirror.io/x/y:1' }, []],
    ['no overrides', {}, []],
  ])('%s', (_, overrides, expected) => {
    expect(judgeOverrides('K8', overrides).map((o) => `${o.field}: ${o.problem}`)).toEqual(expected);
  });
});

// ---------- the rules, judging facts ----------

const AT: Loc = { file: 'x', start: 0, end: 0, value: null, path: undefined, flags: 0 };
const ACCOUNT_SCOPE: Scope = { level: 'account' };
const PROJECT: Scope = { level: 'project', org: 'o', project: 'pr' };

const found = (identifier: string, scope: Scope, spec: Record<string, unknown>): HarnessLookup => ({
  identifier,
  scope,
  at: AT,
  answer: { kind: 'found', connector: connectorFacts({ identifier, type: 'DockerRegistry', spec }, scope, `https://ui/${identifier}`) },
});
const answered = (identifier: string, scope: Scope, answer: HarnessAnswer): HarnessLookup => ({ identifier, scope, at: AT, answer });
const facts = (...lookups: HarnessLookup[]): HarnessFacts => ({ host: 'app.harness.io', lookups, requests: lookups.length });
const HUB = 'https://registry.hub.docker.com';
const OLD = 'https://app.harness.io/registry';
const platformImage = found('harnessImage', ACCOUNT_SCOPE, { dockerRegistryUrl: HUB, executeOnDelegate: false });

/** `line severity rule messageStart`, for the step (line 26), the runtime (17) and the override (18). */
function judged(files: Record<string, string>, harnessFacts?: HarnessFacts, options = {}): string[] {
  const r = lintFiles(files, {
    ...(harnessFacts ? { harnessFacts } : {}),
    ...(Object.keys(options).length ? { ruleOptions: options } : {}),
  });
  return r.findings.map(
    (f) => `${f.line} ${f.severity} ${f.ruleId} ${f.message.split(/[,;]/)[0]}${f.harnessUrl ? ` <${f.harnessUrl}>` : ''}`,
  );
}

describe('rules judge connectors only Harness holds like connectors in the repo, at the referring line', () => {
  const cloud = { '.harness/p.yaml': pipeline({ refs: ['hub'] }) };
  test.each<[string, Record<string, string>, HarnessFacts | undefined, string[]]>([
    [
      'without lookups: notices, as before',
      cloud,
      undefined,
      [
        '17 notice unresolved-reference Connector `account.harnessImage`',
        '26 notice unresolved-reference Connector `hub` (project o/pr) is not in the repo',
      ],
    ],
    [
      'platform connectors: nothing left to say',
      cloud,
      facts(platformImage, found('hub', PROJECT, { dockerRegistryUrl: HUB, executeOnDelegate: false })),
      [],
    ],
    [
      'executeOnDelegate absent means delegate: an error on the step’s connectorRef, with the link',
      cloud,
      facts(platformImage, found('hub', PROJECT, { dockerRegistryUrl: HUB })),
      ['26 error require-platform-connectivity Connector `hub` (in Harness <https://ui/hub>'],
    ],
    [
      'executeOnDelegate "false" (a string) is not the boolean false',
      cloud,
      facts(platformImage, found('hub', PROJECT, { dockerRegistryUrl: HUB, executeOnDelegate: 'false' })),
      ['26 error require-platform-connectivity Connector `hub` (in Harness <https://ui/hub>'],
    ],
    [
      'account.harnessImage on the retired registry and on a delegate: two errors on the runtime type',
      cloud,
      facts(
        found('harnessImage', ACCOUNT_SCOPE, { dockerRegistryUrl: OLD }),
        found('hub', PROJECT, { dockerRegistryUrl: HUB, executeOnDelegate: false }),
      ),
      [
        '17 error no-app-harness-registry Connector `account.harnessImage` (in Harness <https://ui/harnessImage>',
        '17 error require-platform-connectivity Connector `account.harnessImage` (in Harness <https://ui/harnessImage>',
      ],
    ],
    [
      'not in Harness either: one warning (both rules say it; one remains)',
      cloud,
      facts(platformImage, answered('hub', PROJECT, { kind: 'notFound' })),
      ['26 warning unresolved-reference Connector `hub` is neither in the repo nor in Harness (project o/pr)'],
    ],
    [
      'no answer: the notice stays',
      cloud,
      facts(platformImage, answered('hub', PROJECT, { kind: 'failed', reason: 'HTTP 500' })),
      ['26 notice unresolved-reference Connector `hub` (project o/pr) is not in the repo'],
    ],
    [
      'the answer for another scope does not count',
      cloud,
      facts(platformImage, found('hub', ACCOUNT_SCOPE, { dockerRegistryUrl: HUB })),
      ['26 notice unresolved-reference Connector `hub` (project o/pr) is not in the repo'],
    ],
    [
      'a connector in the repo wins over Harness’s',
      {
        ...cloud,
        '.harness/c.yaml': CONNECTOR('hub', 'org', false).replace('  orgIdentifier: o\n', '  orgIdentifier: o\n  projectIdentifier: pr\n'),
      },
      facts(platformImage, found('hub', PROJECT, { dockerRegistryUrl: OLD })),
      [],
    ],
    [
      'a Kubernetes stage: connectivity does not matter, the retired registry does (override line)',
      { '.harness/p.yaml': pipeline({ infra: 'K8s', override: 'account.mirror' }) },
      facts(found('mirror', ACCOUNT_SCOPE, { dockerRegistryUrl: OLD, executeOnDelegate: true })),
      ['18 error no-app-harness-registry Connector `account.mirror` (in Harness <https://ui/mirror>'],
    ],
  ])('%s', (_, files, harnessFacts, expected) => {
    expect(judged(files, harnessFacts)).toEqual(expected);
  });

  it('assumeHarnessCloudImageConnector silences the notice, but facts from Harness still decide', () => {
    const files = { '.harness/p.yaml': pipeline({ refs: [] }) };
    const assume = { 'require-platform-connectivity': { assumeHarnessCloudImageConnector: true } };
    expect(judged(files, undefined, assume)).toEqual([]);
    expect(judged(files, facts(found('harnessImage', ACCOUNT_SCOPE, { dockerRegistryUrl: HUB })), assume)).toEqual([
      '17 error require-platform-connectivity Connector `account.harnessImage` (in Harness <https://ui/harnessImage>',
    ]);
  });

  it('a line that several stages run through (a stage template): one finding there, counting them and listing them', () => {
    const template = `template:
  name: build
  identifier: build
  versionLabel: v1
  type: Stage
  orgIdentifier: o
  projectIdentifier: pr
  spec:
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
          - step:
              type: Run
              name: a
              identifier: a
              spec:
                connectorRef: hub
                image: alpine
                command: "true"
`;
    const user = (id: string) => `pipeline:
  name: ${id}
  identifier: ${id}
  orgIdentifier: o
  projectIdentifier: pr
  stages:
    - stage:
        name: s
        identifier: s
        template:
          templateRef: build
          versionLabel: v1
`;
    const r = lintFiles(
      { '.harness/t.yaml': template, '.harness/a.yaml': user('a'), '.harness/b.yaml': user('b') },
      { harnessFacts: facts(platformImage, found('hub', PROJECT, { dockerRegistryUrl: HUB })) },
    );
    expect(r.findings).toHaveLength(1);
    const [f] = r.findings;
    expect(`${f!.file}:${f!.line}`).toBe('.harness/t.yaml:25');
    expect(f!.message).toContain('but 2 Harness Cloud stages use it (listed as related locations)');
    expect(f!.related!.map((x) => x.message)).toEqual([
      'Used by Harness Cloud stage `s` of pipeline `a` through template `build` version v1.',
      'Used by Harness Cloud stage `s` of pipeline `b` through template `build` version v1.',
    ]);
    expect(f!.harnessUrl).toBe('https://ui/hub');
  });

  it('the org override fix is safe only when Harness has the account connector', () => {
    const files = { '.harness/p.yaml': pipeline({ infra: 'K8s', override: 'org.mirror' }) };
    const org = found('mirror', { level: 'org', org: 'o' }, { dockerRegistryUrl: HUB });
    const fixOf = (f?: HarnessFacts) => {
      const finding = lintFiles(files, f ? { harnessFacts: f } : {}).findings.find((x) => x.ruleId === 'require-account-image-connector')!;
      return finding.fix ? `safe: ${finding.fixTitle}` : `suggestion: ${finding.suggestion?.title}`;
    };
    expect(fixOf()).toMatch(/^suggestion: Create connector `mirror` at account scope/);
    expect(fixOf(facts(org, answered('mirror', ACCOUNT_SCOPE, { kind: 'notFound' })))).toMatch(/^suggestion: Create connector `mirror`/);
    // No answer from Harness: it may have the connector, so the advice is not to create one.
    expect(fixOf(facts(org, answered('mirror', ACCOUNT_SCOPE, { kind: 'failed', reason: 'timed out' })))).toBe(
      'suggestion: Reference an account-scope connector as `account.mirror` instead of `org.mirror` once Harness is known to have one (the repo has no account-scope `mirror`, and the lookup in Harness got no answer).',
    );
    expect(fixOf(facts(org, found('mirror', ACCOUNT_SCOPE, { dockerRegistryUrl: HUB })))).toBe(
      'safe: Reference the account-scope connector `account.mirror` (in Harness) instead of `org.mirror`.',
    );
  });
});

describe('the override fix never points a stage at an account connector on the retired registry', () => {
  const files = { '.harness/p.yaml': pipeline({ infra: 'K8s', override: 'org.mirror' }) };
  const org = found('mirror', { level: 'org', org: 'o' }, { dockerRegistryUrl: 'https://mirror.example.com' });
  const fixOf = (extra: Record<string, string>, f?: HarnessFacts) => {
    const r = lintFiles({ ...files, ...extra }, f ? { harnessFacts: f } : {});
    const finding = r.findings.find((x) => x.ruleId === 'require-account-image-connector')!;
    return finding.fix ? `safe: ${finding.fixTitle}` : `suggestion: ${finding.suggestion?.title}`;
  };

  it('in Harness: a suggestion that says why', () => {
    expect(fixOf({}, facts(org, found('mirror', ACCOUNT_SCOPE, { dockerRegistryUrl: OLD })))).toBe(
      'suggestion: Point the account-scope connector `account.mirror` (in Harness) away from the app.harness.io registry (it uses `https://app.harness.io/registry`), then reference it as `account.mirror` instead of `org.mirror`.',
    );
  });

  it('in the repo: a suggestion too, whichever copy has the retired URL', () => {
    const onOld = CONNECTOR('mirror', 'account', false).replace(HUB, OLD);
    expect(fixOf({ '.harness/c.yaml': onOld })).toMatch(/^suggestion: Point the account-scope connector `account.mirror` away from/);
    expect(fixOf({ '.harness/a.yaml': CONNECTOR('mirror', 'account', false), '.harness/z.yaml': onOld })).toMatch(/^suggestion: Point/);
    expect(fixOf({ '.harness/c.yaml': CONNECTOR('mirror', 'account', false) })).toBe(
      'safe: Reference the account-scope connector `account.mirror` instead of `org.mirror`.',
    );
  });
});

describe('the engine’s hook', () => {
  it('lint asks once, with the project, before the project rules; its facts are in the result', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-hook-'));
    fs.mkdirSync(path.join(dir, '.harness'));
    fs.writeFileSync(path.join(dir, '.harness/p.yaml'), pipeline({ refs: ['hub'] }));
    const calls: string[][] = [];
    const given = facts(platformImage, found('hub', PROJECT, { dockerRegistryUrl: HUB }));
    const result = await engineLint({
      cwd: dir,
      paths: ['.'],
      rules,
      harness: async (project) => {
        calls.push(connectorsToLookUp(project).map((n) => n.identifier));
        return given;
      },
    });
    expect(calls.map((c) => c.sort())).toEqual([['harnessImage', 'hub']]);
    expect(result.harness).toBe(given);
    expect(result.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['26 require-platform-connectivity']);
  });

  it('a refused key stops the run', async () => {
    const refused = new HarnessAuthError('Harness API at h answered HTTP 401', 401, 'core_connector_view', 'h');
    await expect(
      engineLint({
        cwd: process.cwd(),
        paths: ['__tests__/fixtures/require-platform-connectivity'],
        rules,
        configPath: false,
        harness: () => Promise.reject(refused),
      }),
    ).rejects.toBe(refused);
  });
});

// ---------- against the fake API, in process ----------

let servers: FakeHarness[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('createHarnessLookups against a fake Harness', () => {
  const fast = { minIntervalMs: 0, backoffMs: 1 };

  it('asks at the right scope and returns facts, the host and the request count', async () => {
    const server = await fakeHarness({
      apiKey: KEY,
      accountId: ACCOUNT,
      connectors: [
        { identifier: 'harnessImage', type: 'DockerRegistry', spec: { dockerRegistryUrl: HUB, executeOnDelegate: false } },
        { identifier: 'hub', orgIdentifier: 'o', projectIdentifier: 'pr', type: 'DockerRegistry', spec: { dockerRegistryUrl: OLD } },
      ],
      behaviours: { hub: { kind: 'rateLimit', times: 2 } },
    });
    servers.push(server);
    const lookups = createHarnessLookups({ baseUrl: server.url, accountId: ACCOUNT, apiKey: KEY, ...fast });
    const { project } = lintFiles({ '.harness/p.yaml': pipeline({ refs: ['hub', 'ghost'] }) });
    const got = await lookups.lookUp(project);
    expect(got.host).toBe(new URL(server.url).host);
    expect(got.requests).toBe(5);
    expect(got.lookups.map((l) => `${scopeText(l.scope)} ${l.identifier} ${l.answer.kind}`)).toEqual([
      'project o pr hub found',
      'project o pr ghost notFound',
      'account harnessImage found',
    ]);
    const hub = got.lookups[0]!.answer as Extract<HarnessAnswer, { kind: 'found' }>;
    expect(hub.connector).toMatchObject({
      urls: [OLD],
      scope: PROJECT,
      uiUrl: `${server.url}/ng/account/${ACCOUNT}/home/orgs/o/projects/pr/setup/resources/connectors/hub`,
    });
    expect(hub.connector.executeOnDelegate).toBeUndefined();
    // A second check of the same files asks nothing new.
    await lookups.lookUp(project);
    expect(server.requests).toHaveLength(5);
  });

  it('image overrides: both infrastructures, judged; a 403 on them is reported, not fatal', async () => {
    const server = await fakeHarness({
      apiKey: KEY,
      accountId: ACCOUNT,
      overrides: { K8: { addonTag: 'app.harness.io/registry/harness/ci-addon:1' }, VM: { gitCloneTag: 'harness/drone-git:1.6' } },
    });
    servers.push(server);
    const ok = await createHarnessLookups({ baseUrl: server.url, accountId: ACCOUNT, apiKey: KEY, ...fast }).imageOverrides();
    expect(ok).toEqual({
      overrides: [
        {
          infra: 'K8',
          field: 'addonTag',
          image: 'app.harness.io/registry/harness/ci-addon:1',
          problem: 'pulls from the app.harness.io registry',
        },
      ],
      unread: [],
      // K8 and VM: counted with the connectors' in the report's total.
      requests: 2,
    });

    const denied = await fakeHarness({
      apiKey: KEY,
      accountId: ACCOUNT,
      behaviours: { 'execution-config': { kind: 'error', status: 403, code: 'NG_ACCESS_DENIED' } },
    });
    servers.push(denied);
    const partial = await createHarnessLookups({ baseUrl: denied.url, accountId: ACCOUNT, apiKey: KEY, ...fast }).imageOverrides();
    expect(partial.overrides).toEqual([]);
    expect(partial.unread).toEqual([
      expect.stringMatching(/^K8: HTTP 403: .*core_account_view \(account scope, infra K8\)/),
      expect.stringMatching(/^VM: HTTP 403: .*core_account_view \(account scope, infra VM\)/),
    ]);
    // Each infrastructure was asked: the VM line is VM's own answer, not K8's repeated.
    expect(denied.requests.map((r) => r.query.get('infra'))).toEqual(['K8', 'VM']);
    expect(partial.unread.join('\n')).not.toContain('PLANTEDsecret');
  });
});

const UNJUDGED =
  'nothing is judged about what they refer to: references in Harness Cloud stages stay unresolved-reference notices, others get no finding.';

describe('a key without core_connector_view somewhere: each refused lookup fails alone, the rest go on', () => {
  const fast = { minIntervalMs: 0, backoffMs: 1 };
  const hubInProject = {
    identifier: 'hub',
    orgIdentifier: 'o',
    projectIdentifier: 'pr',
    type: 'DockerRegistry',
    spec: { dockerRegistryUrl: HUB, executeOnDelegate: true },
  };

  it('403 on account.harnessImage: the project connector is still judged, harnessImage keeps its notice, one warning', async () => {
    const server = await fakeHarness({ apiKey: KEY, accountId: ACCOUNT, deniedScopes: ['account'], connectors: [hubInProject] });
    servers.push(server);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-403-'));
    fs.mkdirSync(path.join(dir, '.harness'));
    fs.writeFileSync(path.join(dir, '.harness/p.yaml'), pipeline({ refs: ['hub'] }));
    const lookups = createHarnessLookups({ baseUrl: server.url, accountId: ACCOUNT, apiKey: KEY, ...fast });
    const result = await engineLint({ cwd: dir, paths: ['.'], rules, configPath: false, harness: (p) => lookups.lookUp(p) });
    expect(result.findings.map((f) => `${f.line} ${f.severity} ${f.ruleId} ${f.message.split(/[,;]/)[0]}`)).toEqual([
      '17 notice unresolved-reference Connector `account.harnessImage`',
      '26 error require-platform-connectivity Connector `hub` (in Harness',
    ]);
    expect(lookupFailureWarning(result.harness!)).toBe(
      `1 of 2 connector lookups in Harness (${new URL(server.url).host}) was refused (HTTP 403): the API key lacks core_connector_view for them at account scope; ${UNJUDGED}`,
    );
  });

  it('a key bound to org o1, pipelines in o2: every o2 lookup is refused; o1 is read', async () => {
    const server = await fakeHarness({
      apiKey: KEY,
      accountId: ACCOUNT,
      deniedScopes: ['org o2', 'project o2/pr'],
      connectors: [
        { identifier: 'harnessImage', type: 'DockerRegistry', spec: { dockerRegistryUrl: HUB, executeOnDelegate: false } },
        { identifier: 'm', orgIdentifier: 'o1', type: 'DockerRegistry', spec: { dockerRegistryUrl: HUB, executeOnDelegate: false } },
      ],
    });
    servers.push(server);
    const lookups = createHarnessLookups({ baseUrl: server.url, accountId: ACCOUNT, apiKey: KEY, ...fast, concurrency: 1 });
    const o2 = '  orgIdentifier: o2\n  projectIdentifier: pr\n';
    const { project } = lintFiles({
      '.harness/a.yaml': pipeline({ scope: o2, refs: ['org.x', 'org.y', 'z'] }),
      '.harness/b.yaml': pipeline({ id: 'q', scope: '  orgIdentifier: o1\n  projectIdentifier: pr\n', refs: ['org.m'] }),
    });
    const got = await lookups.lookUp(project);
    expect(got.lookups.map((l) => `${scopeText(l.scope)} ${l.identifier} ${l.answer.kind}`).sort()).toEqual([
      'account harnessImage found',
      'org o1 m found',
      'org o2 x failed',
      'org o2 y failed',
      'project o2 pr z failed',
    ]);
    expect(server.requests.filter((r) => r.query.get('orgIdentifier') === 'o2' && !r.query.get('projectIdentifier'))).toHaveLength(2);
    expect(lookupFailureWarning(got)).toMatch(
      /were refused \(HTTP 403\): the API key lacks core_connector_view for them in org o2 and in project o2\/pr;/,
    );
  });
});

describe('what the run says about the lookups', () => {
  test.each([
    [facts(platformImage), 'Looked up 1 connector in Harness (app.harness.io): 1 found, 0 not found; 1 request.', undefined],
    [
      facts(
        platformImage,
        answered('a', ACCOUNT_SCOPE, { kind: 'failed', reason: 'timed out after 10 s' }),
        answered('b', ACCOUNT_SCOPE, { kind: 'failed', reason: 'timed out after 10 s' }),
        answered('c', ACCOUNT_SCOPE, { kind: 'notFound' }),
      ),
      'Looked up 4 connectors in Harness (app.harness.io): 1 found, 1 not found, 2 without an answer; 4 requests.',
      `2 of 4 connector lookups in Harness (app.harness.io) got no answer (timed out after 10 s); ${UNJUDGED}`,
    ],
    [
      facts(
        ...['HTTP 500', 'HTTP 502', 'HTTP 503', 'host not found (DNS)'].map((reason, i) =>
          answered(`c${i}`, ACCOUNT_SCOPE, { kind: 'failed', reason }),
        ),
      ),
      'Looked up 4 connectors in Harness (app.harness.io): 0 found, 0 not found, 4 without an answer; 4 requests.',
      `4 of 4 connector lookups in Harness (app.harness.io) got no answer (HTTP 500; HTTP 502; HTTP 503; and 1 other reason); ${UNJUDGED}`,
    ],
    [
      facts(
        ...['HTTP 500', 'HTTP 502', 'HTTP 503', 'HTTP 504', 'host not found (DNS)'].map((reason, i) =>
          answered(`c${i}`, ACCOUNT_SCOPE, { kind: 'failed', reason }),
        ),
      ),
      'Looked up 5 connectors in Harness (app.harness.io): 0 found, 0 not found, 5 without an answer; 5 requests.',
      `5 of 5 connector lookups in Harness (app.harness.io) got no answer (HTTP 500; HTTP 502; HTTP 503; and 2 other reasons); ${UNJUDGED}`,
    ],
    [
      facts(
        platformImage,
        answered('harnessImage', ACCOUNT_SCOPE, { kind: 'failed', reason: 'HTTP 403: …', refused: 'core_connector_view' }),
        answered('a', ACCOUNT_SCOPE, { kind: 'failed', reason: 'HTTP 403: …', refused: 'core_connector_view' }),
        answered('b', { level: 'org', org: 'o2' }, { kind: 'failed', reason: 'HTTP 403: …', refused: 'core_connector_view' }),
        answered('c', PROJECT, { kind: 'failed', reason: 'timed out after 10 s' }),
      ),
      'Looked up 5 connectors in Harness (app.harness.io): 1 found, 0 not found, 4 without an answer; 5 requests.',
      `3 of 5 connector lookups in Harness (app.harness.io) were refused (HTTP 403): the API key lacks core_connector_view for them at account scope and in org o2; 1 other got no answer (timed out after 10 s); ${UNJUDGED}`,
    ],
  ])('%#', (f, summary, warning) => {
    expect(lookupSummary(f)).toBe(summary);
    expect(lookupFailureWarning(f)).toBe(warning);
  });
});
