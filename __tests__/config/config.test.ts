import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { ConfigError, applyLevel, configSchema as buildSchema, loadConfig } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/finding.js';
import { allRules } from '../../src/rules/index.js';
import { lint } from '../helpers/lint.js';
import { APP_IMAGE, RENAMED_IMAGE, Repo, brief, connector, pipeline } from './helpers.js';

const repos: Repo[] = [];
const repo = (files: Record<string, string> = {}) => {
  const r = new Repo(files);
  repos.push(r);
  return r;
};
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

const CONFIG = '.harness-registry-guard.yml';

interface PublishedSchema {
  properties: { rules: { properties: object }; forbidSuppression: { items: { enum: string[] } } };
}
/** schemas/config.schema.json as it is on disk now: `npm run docs` rewrites it during the run. */
const published = () =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'schemas', 'config.schema.json'), 'utf8')) as PublishedSchema;

/** The problems loading `text` as a config gives, as `line:col: message`. */
function problems(text: string): string[] {
  const r = repo({ [CONFIG]: text });
  try {
    loadConfig(path.join(r.dir, CONFIG), r.dir, allRules);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return (e as ConfigError).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
  }
  return [];
}

describe('finding the config file', () => {
  const files = { 'c.yaml': connector('hub'), [CONFIG]: 'rules:\n  no-app-harness-registry: warning\n' };

  test('in the scanned root', () => {
    const r = repo(files);
    expect(brief(r.lint())).toEqual(['c.yaml:6:24 warning [no-app-harness-registry]']);
    expect(r.lint().config?.file).toBe(CONFIG);
  });

  test('without one, nothing changes', () => {
    const r = repo({ 'c.yaml': connector('hub') });
    expect(brief(r.lint())).toEqual(['c.yaml:6:24 error [no-app-harness-registry]']);
    expect(r.lint().config).toBeUndefined();
  });

  test('in the first PATH, before the current directory', () => {
    const r = repo({
      'sub/c.yaml': connector('hub'),
      'sub/.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: notice\n',
      [CONFIG]: 'rules:\n  no-app-harness-registry: warning\n',
    });
    expect(brief(r.lint({ paths: ['sub'] }))).toEqual(['sub/c.yaml:6:24 notice [no-app-harness-registry]']);
  });

  test("in the current directory when the first PATH has none, and in a file PATH's folder", () => {
    const r = repo({ 'sub/c.yaml': connector('hub'), [CONFIG]: 'rules:\n  no-app-harness-registry: warning\n' });
    expect(brief(r.lint({ paths: ['sub'] }))).toEqual(['sub/c.yaml:6:24 warning [no-app-harness-registry]']);
    r.write({ 'sub/.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: notice\n' });
    expect(brief(r.lint({ paths: ['sub/c.yaml'] }))).toEqual(['sub/c.yaml:6:24 notice [no-app-harness-registry]']);
  });

  test('in a folder above the current one only inside a repository (a .git marks its root)', () => {
    const r = repo({ '.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: warning\n', 'inner/c.yaml': connector('hub') });
    const inner = path.join(r.dir, 'inner');
    const run = () => brief(lint({ cwd: inner, paths: ['.'] }));
    // No repository: the config two folders up (a home directory, /tmp) is nobody's here.
    expect(run()).toEqual(['c.yaml:6:24 error [no-app-harness-registry]']);
    r.write({ '.git/HEAD': 'ref: refs/heads/main\n' });
    expect(run()).toEqual(['c.yaml:6:24 warning [no-app-harness-registry]']);
  });

  test('--config names another file; a missing one is a usage error', async () => {
    const r = repo({ ...files, 'ci/strict.yml': 'rules:\n  no-app-harness-registry: notice\n' });
    expect(brief(r.lint({ configPath: 'ci/strict.yml' }))).toEqual(['c.yaml:6:24 notice [no-app-harness-registry]']);
    const cli = await r.cli(['check', '.', '--config', 'ci/strict.yml', '--fail-on', 'warning']);
    expect(cli.code).toBe(0);
    const missing = await r.cli(['check', '.', '--config', 'nope.yml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('config file not found: nope.yml');
  });

  test('configPath: false reads none', () => {
    expect(brief(repo(files).lint({ configPath: false }))).toEqual(['c.yaml:6:24 error [no-app-harness-registry]']);
  });

  test('a folder holding both names is a usage error; either name alone is read', async () => {
    const r = repo({ ...files, '.harness-registry-guard.yaml': 'rules:\n  no-app-harness-registry: notice\n' });
    expect(await r.cli(['check', '.'])).toMatchObject({
      code: 2,
      err: 'harness-registry-guard: two config files in .: .harness-registry-guard.yml and .harness-registry-guard.yaml; keep one\n',
    });
    r.remove(CONFIG);
    expect(brief(r.lint())).toEqual(['c.yaml:6:24 notice [no-app-harness-registry]']);
  });

  test('a config given by path is read from the overlay (the base text the Action passes) even when the file is gone', () => {
    const r = repo({ 'c.yaml': connector('hub') });
    const abs = path.join(r.dir, CONFIG);
    const overlay = new Map([[abs, 'rules:\n  no-app-harness-registry: notice\n']]);
    expect(brief(r.lint({ configPath: abs, overlay }))).toEqual(['c.yaml:6:24 notice [no-app-harness-registry]']);
  });

  test('a config found by the search is read from the overlay, not through the link that is on disk in its place', () => {
    const r = repo({ 'c.yaml': connector('hub'), '.git/HEAD': 'ref: refs/heads/main\n' });
    const abs = path.join(r.dir, CONFIG);
    const elsewhere = repo({ 'other.yml': 'rules:\n  no-app-harness-registry: warning\n' });
    fs.symlinkSync(path.join(elsewhere.dir, 'other.yml'), abs);
    expect(() => r.lint()).toThrow(/leaves the repository/);
    const overlay = new Map([[abs, 'rules:\n  no-app-harness-registry: notice\n']]);
    // (The link itself is still reported where the scan meets it; only the level is asserted here.)
    expect(brief(r.lint({ overlay })).filter((l) => l.startsWith('c.yaml'))).toEqual(['c.yaml:6:24 notice [no-app-harness-registry]']);
  });

  test('the config file itself is not checked as Harness YAML', () => {
    const r = repo({ ...files, [CONFIG]: 'rules:\n  no-app-harness-registry: warning\nexclude: [ "a: b: c" ]\n' });
    expect(r.lint().filesScanned).toBe(1);
  });
});

describe('each key', () => {
  test('rules: off drops a rule, a level replaces its default severity', () => {
    const files = { 'c.yaml': connector('hub'), 'p.yaml': pipeline([APP_IMAGE, RENAMED_IMAGE]) };
    const r = repo({
      ...files,
      [CONFIG]: 'rules:\n  no-app-harness-registry: off\n  no-renamed-harness-image: warning\n  unresolved-reference: error\n',
    });
    expect(brief(r.lint())).toEqual(['p.yaml:14:19 error [unresolved-reference]', 'p.yaml:33:28 warning [no-renamed-harness-image]']);
  });

  test("rules: a level never raises findings the rule gives below its default; off drops the policy's undecided notices too", () => {
    const tpl = `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: <+pipeline.variables.mirror>
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { command: docker pull app.harness.io/registry/harness/ci-addon:1 } }
---
connector:
  name: hub
  identifier: hub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://app.harness.io/registry
    providerType: Other
    auth:
      type: Anonymous
    executeOnDelegate: false
`;
    const base = brief(repo({ 'p.yaml': tpl }).lint());
    expect(base).toEqual([
      'p.yaml:15:41 notice [unresolved-reference]',
      'p.yaml:18:89 warning [no-app-harness-registry]',
      'p.yaml:25:24 error [no-app-harness-registry]',
    ]);
    const up = repo({ 'p.yaml': tpl, [CONFIG]: 'rules:\n  no-app-harness-registry: error\n' });
    expect(brief(up.lint())).toEqual(base);
    const down = repo({ 'p.yaml': tpl, [CONFIG]: 'rules:\n  no-app-harness-registry: notice\n' });
    expect(brief(down.lint())).toEqual([
      'p.yaml:15:41 notice [unresolved-reference]',
      'p.yaml:18:89 notice [no-app-harness-registry]',
      'p.yaml:25:24 notice [no-app-harness-registry]',
    ]);
    const off = repo({ 'p.yaml': tpl, [CONFIG]: 'rules:\n  require-account-image-connector: off\n' });
    expect(brief(off.lint())).toEqual(base.slice(1));
  });

  test('a rule set to its default level gives what it gives with no config, above its default too', () => {
    const finding = { ruleId: 'unresolved-reference', severity: 'warning' } as Finding;
    const meta = (id: string) => allRules.find((r) => r.id === id);
    expect(applyLevel({ ...finding }, { rules: { 'unresolved-reference': 'notice' } }, meta)?.severity).toBe('warning');
    expect(applyLevel({ ...finding, severity: 'notice' }, { rules: { 'unresolved-reference': 'error' } }, meta)?.severity).toBe('error');
  });

  test("off drops a rule's findings, and the undecided notices given for it, wherever they come from", () => {
    const meta = (id: string) => allRules.find((r) => r.id === id);
    const notice = { ruleId: 'unresolved-reference', severity: 'notice', forRule: 'require-account-image-connector' } as Finding;
    expect(applyLevel({ ...notice }, { rules: { 'require-account-image-connector': 'off' } }, meta)).toBeUndefined();
    expect(applyLevel({ ...notice }, { rules: { 'require-account-image-connector': 'warning' } }, meta)?.severity).toBe('notice');
    expect(applyLevel({ ruleId: 'suppression', severity: 'error' } as Finding, { rules: { suppression: 'off' } }, meta)).toBeUndefined();
  });

  test('include and exclude; --include and --exclude replace them', async () => {
    const r = repo({
      '.harness/c.yaml': connector('a'),
      '.harness/legacy/c.yaml': connector('b'),
      'other/c.yaml': connector('c'),
      [CONFIG]: 'include: [".harness/**/*.yaml"]\nexclude: ["legacy"]\n',
    });
    expect(brief(r.lint()).map((l) => l.split(':')[0])).toEqual(['.harness/c.yaml']);
    expect(brief(r.lint({ exclude: [] })).map((l) => l.split(':')[0])).toEqual(['.harness/c.yaml', '.harness/legacy/c.yaml']);
    expect(brief(r.lint({ include: ['other/*.yaml'] })).map((l) => l.split(':')[0])).toEqual(['other/c.yaml']);
    const cli = (await r.cli(['check', '.', '--exclude', '.harness/c.yaml', '--format', 'json'])).json();
    expect(cli.findings.map((f) => f.file)).toEqual(['.harness/legacy/c.yaml']);
    // A trailing `/`, as in a .gitignore, names the folder.
    expect(brief(r.lint({ exclude: ['legacy/'] })).map((l) => l.split(':')[0])).toEqual(['.harness/c.yaml']);
    expect(brief(r.lint({ exclude: ['.harness/legacy//'] })).map((l) => l.split(':')[0])).toEqual(['.harness/c.yaml']);
  });

  test("the config's globs select the same files from a folder below it or on a folder given as PATH", () => {
    const r = repo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.harness/pipelines/c.yaml': connector('a'),
      '.harness/connectors/c.yaml': connector('b'),
      [CONFIG]: 'exclude: [".harness/pipelines/**"]\ninclude: [".harness/**/*.yaml"]\n',
    });
    const files = (settings: Parameters<typeof r.lint>[0]) => brief(r.lint(settings)).map((l) => l.split(':')[0]);
    expect(files({})).toEqual(['.harness/connectors/c.yaml']);
    expect(files({ paths: ['.harness'] })).toEqual(['.harness/connectors/c.yaml']);
    expect(brief(lint({ cwd: path.join(r.dir, '.harness'), paths: ['.'] })).map((l) => l.split(':')[0])).toEqual(['connectors/c.yaml']);
    // And only from its folder: a pattern for a root folder does not catch a deeper one when run lower down.
    r.write({ [CONFIG]: 'exclude: ["pipelines/**"]\n' });
    const all = ['.harness/connectors/c.yaml', '.harness/pipelines/c.yaml'];
    expect(files({})).toEqual(all);
    expect(files({ paths: ['.harness'] })).toEqual(all);
    expect(brief(lint({ cwd: path.join(r.dir, '.harness'), paths: ['.'] })).map((l) => l.split(':')[0])).toEqual(
      all.map((f) => f.replace('.harness/', '')),
    );
  });

  test('an empty pattern (also once `!` or `./` is taken off) is a usage error naming where it came from', async () => {
    const r = repo({ 'c.yaml': connector('a') });
    for (const [args, from] of [
      [['--include='], '--include'],
      [['--exclude', '!'], '--exclude'],
      [['--include', './'], '--include'],
    ] as const) {
      const run = await r.cli(['check', '.', ...args]);
      expect([run.code, run.err.split('\n')[0]]).toEqual([2, expect.stringContaining(`${from}: "`)]);
      expect(run.err).not.toContain('    at ');
    }
    r.write({ [CONFIG]: 'exclude: ["!"]\n' });
    const run = await r.cli(['check', '.']);
    expect([run.code, run.err.trim()]).toEqual([2, expect.stringContaining(`exclude in ${CONFIG}: "!" is not a pattern`)]);
  });

  test('maxFileSize; --max-file-size wins', async () => {
    const r = repo({ 'c.yaml': connector('hub'), [CONFIG]: 'maxFileSize: 100\n' });
    expect(r.lint().findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^File is \d+ bytes, over the 100-byte size cap; skipped\.$/),
    ]);
    expect(brief(r.lint({ maxFileSize: 10_000 }))).toEqual(['c.yaml:6:24 error [no-app-harness-registry]']);
    expect((await r.cli(['check', '.', '--max-file-size', '10000'])).code).toBe(1);
    expect((await r.cli(['check', '.'])).code).toBe(0);
  });

  test('replacementRegistryUrl goes into messages and fixes; --replacement-registry wins', async () => {
    const r = repo({ 'c.yaml': connector('hub'), [CONFIG]: 'replacementRegistryUrl: https://gcr.io/gcr-prod\n' });
    const [f] = r.lint().findings;
    expect(f!.message).toContain('use `https://gcr.io/gcr-prod` instead');
    expect(f!.fix?.map((e) => e.text)).toContain('https://gcr.io/gcr-prod');
    expect(
      r.lint({ ruleOptions: { 'no-app-harness-registry': { replacementRegistryUrl: 'https://public.ecr.aws/harness' } } }).findings[0]!
        .message,
    ).toContain('`https://public.ecr.aws/harness`');
    expect((await r.cli(['check', '.', '--replacement-registry', 'https://public.ecr.aws/harness'])).out).toContain(
      '`https://public.ecr.aws/harness`',
    );
  });

  test('harnessImages adds names to the catalogue', () => {
    const files = { 'p.yaml': pipeline(['mirror.example.com/acme-build-plugin:2']) };
    expect(brief(repo(files).lint())).toEqual(['p.yaml:14:19 notice [unresolved-reference]']);
    const r = repo({ ...files, [CONFIG]: 'harnessImages:\n  - acme/build-plugin\n' });
    const found = r.lint().findings.filter((f) => f.ruleId === 'no-renamed-harness-image');
    expect(found.map((f) => `${f.line}:${f.column}`)).toEqual(['26:28']);
    expect(found[0]!.message).toContain('`mirror.example.com/acme/build-plugin:2`');
  });

  test('assumeHarnessCloudImageConnector silences only the account.harnessImage notice', () => {
    const step = pipeline(['golang:1.23']).replace(
      'image: golang:1.23',
      'connectorRef: account.dockerhub\n                    image: golang:1.23',
    );
    expect(brief(repo({ 'p.yaml': step }).lint())).toEqual([
      'p.yaml:14:19 notice [unresolved-reference]',
      'p.yaml:26:35 notice [unresolved-reference]',
    ]);
    const r = repo({ 'p.yaml': step, [CONFIG]: 'assumeHarnessCloudImageConnector: true\n' });
    expect(brief(r.lint())).toEqual(['p.yaml:26:35 notice [unresolved-reference]']);
    const off = repo({ 'p.yaml': step, [CONFIG]: 'assumeHarnessCloudImageConnector: false\n' });
    expect(brief(off.lint())).toHaveLength(2);
  });

  test('a level or an option given in the map form under rules.<id> holds, over the same option at the top', async () => {
    const r = repo({
      'c.yaml': connector('hub'),
      [CONFIG]:
        'replacementRegistryUrl: https://gcr.io/gcr-prod\nrules:\n  no-app-harness-registry: { level: warning, replacementRegistryUrl: https://public.ecr.aws/harness }\n',
    });
    const result = r.lint();
    expect(brief(result)).toEqual(['c.yaml:6:24 warning [no-app-harness-registry]']);
    expect(result.findings[0]!.message).toContain('`https://public.ecr.aws/harness`');
    expect(result.findings[0]!.message).not.toContain('gcr.io');
  });

  test('harnessImages set under either rule that declares it holds for both', () => {
    const files = { 'p.yaml': pipeline(['mirror.example.com/acme-build-plugin:2']) };
    for (const rule of ['no-app-harness-registry', 'no-renamed-harness-image']) {
      const r = repo({ ...files, [CONFIG]: `rules:\n  ${rule}: { harnessImages: [acme/build-plugin] }\n` });
      const found = r.lint().findings.filter((f) => f.ruleId === 'no-renamed-harness-image');
      expect([rule, found.map((f) => `${f.line}:${f.column}`)]).toEqual([rule, ['26:28']]);
    }
  });

  test('harnessImages set differently under both rules: each rule takes its own, whatever the order', () => {
    const files = { 'p.yaml': pipeline(['mirror.example.com/acme-build-plugin:2']) };
    const config =
      'rules:\n  no-renamed-harness-image: { harnessImages: [acme/build-plugin] }\n  no-app-harness-registry: { harnessImages: [other/thing] }\n';
    const found = repo({ ...files, [CONFIG]: config })
      .lint()
      .findings.filter((f) => f.ruleId === 'no-renamed-harness-image');
    expect(found.map((f) => `${f.line}:${f.column}`)).toEqual(['26:28']);
  });

  test('an empty config or one holding only comments is valid', () => {
    expect(problems('')).toEqual([]);
    expect(problems('# yaml-language-server: $schema=./schemas/config.schema.json\n')).toEqual([]);
  });
});

describe('an invalid config', () => {
  test('unknown keys are named at their line, with a suggestion', () => {
    expect(problems('rules:\n  schema: warning\nforbidSupression: [schema]\n')).toEqual([
      expect.stringMatching(/^3:1: unknown key `forbidSupression`; did you mean `forbidSuppression` \(known: rules, include, /),
    ]);
  });

  test('unknown rule ids are named at their line', () => {
    expect(problems('rules:\n  schema: warning\n  no-app-harness-registy: off\n')).toEqual([
      expect.stringMatching(
        /^3:3: unknown rule id `no-app-harness-registy`; did you mean `no-app-harness-registry` \(known: no-app-harness-registry, /,
      ),
    ]);
    expect(problems('forbidSuppression:\n  - schema\n  - made-up\n')).toEqual([
      expect.stringMatching(/^3:5: `forbidSuppression\[1\]` must be a rule id: one of no-app-harness-registry, /),
    ]);
  });

  test('wrong types and values, each at its line', () => {
    const text = [
      'rules:',
      '  schema: fatal', // 2
      'include: "**/*.yaml"', // 3
      'exclude:',
      '  - 7', // 5
      'maxFileSize: "10"', // 6
      'replacementRegistryUrl: registry.hub.docker.com', // 7
      'harnessImages: [ "gcr.io/harness/ci-addon:1" ]', // 8
      'assumeHarnessCloudImageConnector: "yes"', // 9
      'forbidSuppression: schema', // 10
    ].join('\n');
    expect(problems(text)).toEqual([
      "2:11: `rules.schema` must be a level (off, notice, warning, error) or a map of `level` and the rule's options.",
      '3:10: `include` must be a list.',
      '5:5: `exclude[0]` must be a string.',
      '6:14: `maxFileSize` must be a whole number.',
      '7:25: `replacementRegistryUrl` must be an http:// or https:// registry URL without credentials, such as `https://registry.hub.docker.com`.',
      '8:18: `harnessImages[0]` must be an image name `namespace/name` in lower case, such as `harness/ci-addon`, without registry or tag.',
      '9:35: `assumeHarnessCloudImageConnector` must be true or false.',
      '10:20: `forbidSuppression` must be a list.',
    ]);
    // The config is YAML 1.2: an unquoted `no` is a string here, not the boolean Harness's own files would read.
    expect(problems('assumeHarnessCloudImageConnector: no\n')).toEqual(['1:35: `assumeHarnessCloudImageConnector` must be true or false.']);
    expect(problems('maxFileSize: 0\n')).toEqual(['1:14: `maxFileSize` must be >= 1.']);
    expect(problems('- rules\n')).toEqual(['1:1: must be a map.']);
    // A rule with options may take a map; anything else that is not a level names both forms.
    // Every rule takes the map form, options or not.
    expect(problems('rules:\n  unresolved-reference: { level: warning }\n  schema: { level: off }\n')).toEqual([]);
    expect(problems('rules:\n  schema: { level: off, extra: 1 }\n')).toEqual(['2:25: unknown option `extra` of schema (known: level).']);
    for (const setting of ['false', '[error, {}]', 'high'])
      expect(problems(`rules:\n  no-app-harness-registry: ${setting}\n`)).toEqual([
        "2:28: `rules.no-app-harness-registry` must be a level (off, notice, warning, error) or a map of `level` and the rule's options.",
      ]);
  });

  test('several problems are listed in the order of the file, by line and then column', () => {
    expect(problems('rules:\n  schema: fatal\nbogus: 1\n')).toEqual([
      "2:11: `rules.schema` must be a level (off, notice, warning, error) or a map of `level` and the rule's options.",
      expect.stringMatching(/^3:1: unknown key `bogus` /),
    ]);
    expect(problems('rules:\n  schema: { level: loud, bogus: 1 }\n')).toEqual([
      '2:20: `rules.schema.level` must be one of off, notice, warning, error.',
      '2:26: unknown option `bogus` of schema (known: level).',
    ]);
  });

  test.each([
    ['a transposition', 'incldue', 'include'],
    ['in capitals', 'INCLUDE', 'include'],
    ['too far from any key to be a typo', 'exclusions', undefined],
    ['as far from a short key as the word is long', 'excl', undefined],
  ])('an unknown key %s gets a suggestion only when it is near one', (_, key, near) => {
    const [problem] = problems(`${key}: []\n`);
    expect(problem).toMatch(new RegExp(`^1:1: unknown key \`${key}\`${near ? `; did you mean \`${near}\`` : ''} \\(known: `));
  });

  test('a config whose aliases expand without bound is an error, not read as no config', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(problems(`${bomb}\n`)).toEqual(['1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack']);
  });

  test('YAML errors and several documents are reported at their line', () => {
    expect(problems('rules:\n  schema: warning\n  schema: off\n')).toEqual([expect.stringMatching(/^3:3: Map keys must be unique/)]);
    expect(problems('rules: {}\n---\nrules: {}\n')).toEqual(['2:1: the config holds 2 YAML documents; write one']);
  });

  test('is a usage error: exit 2, naming the file, line and problem', async () => {
    const r = repo({ 'c.yaml': connector('hub'), [CONFIG]: 'rules:\n  schema: warning\nmaxFileSize: big\n' });
    const { code, out, err } = await r.cli(['check', '.']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(
      'harness-registry-guard: invalid config: .harness-registry-guard.yml:3:14: `maxFileSize` must be a whole number.',
    );
    const many = await repo({ [CONFIG]: 'a: 1\nb: 2\n' }).cli(['check', '.']);
    expect(many.code).toBe(2);
    expect(many.err).toMatch(
      /invalid config \(2 problems\):\n {2}\.harness-registry-guard\.yml:1:1: unknown key `a`.*\n {2}\.harness-registry-guard\.yml:2:1: unknown key `b`/,
    );
  });

  test('a key with a line break in it is quoted with the break escaped: it cannot start a line (a workflow command) of its own', async () => {
    const r = repo({ [CONFIG]: 'a: 1\n"x\\n::error::injected\\u2028y": 2\nrules:\n  "z\\r\\n::warning::w":\n    level: off\n' });
    const { code, err } = await r.cli(['check', '.']);
    expect(code).toBe(2);
    expect(err.split('\n').filter((line) => line.trim().startsWith('::'))).toEqual([]);
    expect(err).not.toMatch(/[\r\u2028]/);
    expect(err).toContain('unknown key `x\\u000a::error::injected\\u2028y`');
    expect(err).toContain('unknown rule id `z\\u000d\\u000a::warning::w`');
  });

  test('through lint() it throws ConfigError with the problems', () => {
    const r = repo({ [CONFIG]: 'rules:\n  bogus: off\n' });
    expect(() => r.lint()).toThrow(ConfigError);
    expect(() => r.lint()).toThrow(/\.harness-registry-guard\.yml:2:3: unknown rule id `bogus`/);
  });
});

describe('the published schema', () => {
  const file = path.join(import.meta.dirname, '..', '..', 'schemas', 'config.schema.json');
  test('schemas/config.schema.json is what the rules make it (npm run docs writes it)', () => {
    const built = JSON.stringify(buildSchema(allRules), null, 2) + '\n';
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(file, built);
    expect(fs.readFileSync(file, 'utf8')).toBe(built);
  });

  test('names every rule id, and forbidSuppression every one but suppression', () => {
    const schema = published();
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(allRules.map((r) => r.id).sort());
    expect([...schema.properties.forbidSuppression.items.enum].sort()).toEqual(
      allRules
        .map((r) => r.id)
        .filter((id) => id !== 'suppression')
        .sort(),
    );
  });

  test('a rule takes its options under rules.<id>, or at the top for the ones that were there before', () => {
    const r = repo({
      'p.yaml': pipeline([RENAMED_IMAGE]),
      [CONFIG]: 'rules:\n  no-renamed-harness-image:\n    level: error\n    harnessImages: [acme/ci-plugin]\n',
    });
    expect(r.lint().options['no-renamed-harness-image']).toEqual({ harnessImages: ['acme/ci-plugin'] });
    expect(problems('rules:\n  no-renamed-harness-image:\n    harnessImage: [x/y]\n')).toEqual([
      '3:5: unknown option `harnessImage` of no-renamed-harness-image; did you mean `harnessImages` (known: level, harnessImages).',
    ]);
  });

  test('the README example config is valid and carries the $schema line', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    expect(block).toMatch(/^# yaml-language-server: \$schema=\S+config\.schema\.json$/m);
    expect(problems(block!)).toEqual([]);
    const keys = Object.keys(parse(block!) as object).sort();
    expect(keys).toEqual(Object.keys(published().properties).sort());
  });
});
