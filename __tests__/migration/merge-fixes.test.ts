import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { HarnessFacts, HarnessImageOverride } from '../../src/model/harness-side.js';
import { buildReport } from '../../src/migration/index.js';
import { mergeReports } from '../../src/migration/merge.js';
import { renderOrgMarkdown } from '../../src/migration/org-markdown.js';
import type { MigrationReport } from '../../src/migration/types.js';
import { cli } from '../cli/helpers.js';
import { lint } from '../helpers/lint.js';
import { fromHarness, harnessConnector } from '../helpers/rule-tester.js';
import { cleanup, connector, NOW, pipeline, repo } from './repo-fixture.js';

afterAll(cleanup);

const cloud = '          runtime:\n            type: Cloud\n            spec: {}\n';

/** A repository's `report --format json`, made with Harness's answers (and its image overrides) when given. */
function reportOf(dir: string, repository: string, facts?: HarnessFacts, overrides?: HarnessImageOverride[]): MigrationReport {
  const source = { repository, commit: '0123456789abcdef0123456789abcdef01234567', serverUrl: 'https://github.com' };
  const result = lint({ cwd: dir, paths: ['.'], images: true, ...(facts ? { harnessFacts: facts } : {}) });
  return buildReport(result, { now: NOW, source, ...(overrides ? { harnessOverrides: { overrides, unread: [] } } : {}) });
}
const merge = (...reports: MigrationReport[]) => mergeReports(reports.map((report, i) => ({ name: `${i}.json`, report })));

describe('what Harness answered is carried into the organisation report', () => {
  // Two repositories made with lookups: Harness has no `account.gone`, and its `account.harnessImage`
  // points at the retired registry; the account's K8 addon image override pulls from it too.
  const facts = fromHarness(
    [harnessConnector('harnessImage', { level: 'account' }, { urls: ['https://app.harness.io/registry'], executeOnDelegate: false })],
    [{ identifier: 'gone', scope: { level: 'account' } }],
  );
  const override: HarnessImageOverride = {
    infra: 'K8',
    field: 'addonTag',
    image: 'app.harness.io/registry/harness/ci-addon:1.16',
    problem: 'pulls from the app.harness.io registry',
  };
  const files = (id: string) => ({
    'a.yaml': pipeline(`${id}_a`, 'account.gone', 'alpine:3', cloud),
    'b.yaml': pipeline(`${id}_b`, 'account.gone', 'alpine:3', cloud),
  });
  const app = reportOf(repo(files('app')), 'acme/app', facts, [override]);
  const web = reportOf(repo(files('web')), 'acme/web', facts, [override]);
  const org = merge(app, web);
  const md = renderOrgMarkdown(org);

  test('the repositories’ own reports: not found, and the changes Harness needs', () => {
    expect(app.harnessLookups!.notFound).toEqual([{ ref: 'account.gone', scope: 'account' }]);
    expect(app.harnessSteps).toEqual([]);
  });

  test('a reference Harness has no connector for is missing there, never "kept in Harness"', () => {
    const gone = org.connectors.find((c) => c.ref === 'account.gone')!;
    expect(gone.notInHarness).toEqual(['acme/app', 'acme/web']);
    expect(md).not.toMatch(/`account\.gone`.*kept in Harness/);
    expect(md).not.toMatch(/### `account\.gone`[^#]*kept in Harness/);
    expect(md).toContain('| `account.gone` | account | 2 | 4 | 4 | 0 | no, nor in Harness (fails at run time) |');
    expect(md).toContain(
      'Not in any repository’s Git, and Harness has no such connector (reported by `acme/app`, `acme/web`): references to it fail at run time.',
    );
  });

  test('the change to the connector in Harness and the image override are checks once for the account', () => {
    expect(org.harnessSteps.map((s) => [s.subject, s.scope, s.actions, s.repositories])).toEqual([
      [
        'K8 addonTag',
        'account',
        [
          'Change the account’s CI image override `addonTag` (K8) in Harness: `app.harness.io/registry/harness/ci-addon:1.16` pulls from the app.harness.io registry.',
        ],
        ['acme/app', 'acme/web'],
      ],
      ['account.harnessImage', 'account', ['Point it at `https://registry.hub.docker.com`.'], ['acme/app', 'acme/web']],
    ]);
    // One entry per repository, not one per stage.
    const image = org.harnessSteps[1]!;
    expect(image.from.map((f) => [f.repository, f.places.map((p) => `${p.file}:${p.line}`)])).toEqual([
      ['acme/app', ['a.yaml:13', 'b.yaml:13']],
      ['acme/web', ['a.yaml:13', 'b.yaml:13']],
    ]);
    expect(org.totals.harnessSteps).toBe(2);
    expect(md).not.toContain('None: the repositories settle every reference.');
    expect(md).toContain('| Checks in Harness, once for the account | 2 |');
    expect(md.match(/Point it at `https:\/\/registry\.hub\.docker\.com`\./g)).toHaveLength(1);
  });

  test('a check from a repository without lookups and the change from one with them are one entry', () => {
    const offline = reportOf(repo({ 'a.yaml': pipeline('off', 'account.gone', 'alpine:3', cloud) }), 'acme/offline');
    const steps = merge(app, offline).harnessSteps.filter((s) => s.subject === 'account.harnessImage');
    expect(steps.map((s) => [s.scope, s.actions, s.repositories])).toEqual([
      [
        'account',
        [
          'Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
          'Point it at `https://registry.hub.docker.com`.',
        ],
        ['acme/app', 'acme/offline'],
      ],
    ]);
  });

  test('a connector one repository keeps in Git that Harness does not have: said beside its YAML', () => {
    const holder = reportOf(repo({ 'c.yaml': connector('gone', 'https://registry.example.com') }), 'acme/holder');
    const md = renderOrgMarkdown(merge(holder, app));
    expect(md).toContain('| `account.gone` | account | 2 | 2 | 2 | 2 | 1 |');
    expect(md).toMatch(
      /In Git: `acme\/holder` .*\n\nHarness has no such connector \(reported by `acme\/app`\): references to it fail at run time\.\n/,
    );
  });

  test('what the merge reads of the lookups must have its shape: else a usage error naming the field', async () => {
    const dir = repo({});
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ ...app, harnessImageOverrides: [{ ...override, image: 5 }] }));
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ ...app, harnessLookups: { ...app.harnessLookups, notFound: [{}] } }));
    const a = await cli(['report', '--merge', 'a.json'], dir);
    expect([a.code, a.err.split('\n')[0]]).toEqual([2, 'harness-registry-guard: a.json: harnessImageOverrides[0].image is not a string']);
    const b = await cli(['report', '--merge', 'b.json'], dir);
    expect([b.code, b.err.split('\n')[0]]).toEqual([2, 'harness-registry-guard: b.json: harnessLookups.notFound[0].ref is not a string']);
    // A check's scope, when there is one, is text too (a number made the merge crash).
    const step = { subject: 'org.x', scope: 42, action: 'a', reason: 'r', places: [] };
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ ...app, harnessSteps: [step] }));
    const c = await cli(['report', '--merge', 'c.json'], dir);
    expect([c.code, c.err.split('\n')[0]]).toEqual([2, 'harness-registry-guard: c.json: harnessSteps[0].scope is not a string']);
  });

  test('without lookups nothing changes', () => {
    const plain = merge(reportOf(repo(files('p')), 'acme/p'));
    expect(plain.connectors.find((c) => c.ref === 'account.gone')!.notInHarness).toBeUndefined();
    expect(renderOrgMarkdown(plain)).toContain('Not in any repository’s Git: kept in Harness.');
  });
});

describe('a use of a connector held in Git elsewhere is judged the same way in every repository', () => {
  // acme/a keeps account.dockerhub_mirror through a delegate, acme/b keeps it on the platform; acme/c only refers to it.
  const mirror = (eod: boolean) => connector('dockerhub_mirror', 'https://mirror.example.com', `    executeOnDelegate: ${eod}\n`);
  const a = reportOf(repo({ 'c.yaml': mirror(true), 'p.yaml': pipeline('pa', 'account.dockerhub_mirror') }), 'acme/a');
  const b = reportOf(repo({ 'c.yaml': mirror(false), 'p.yaml': pipeline('pb', 'account.dockerhub_mirror', 'alpine:3', cloud) }), 'acme/b');
  const files = { 'p.yaml': pipeline('pc', 'account.dockerhub_mirror', 'alpine:3', cloud) };
  const failing = (...reports: MigrationReport[]) =>
    Object.fromEntries(
      merge(...reports)
        .connectors.find((c) => c.ref === 'account.dockerhub_mirror')!
        .usedBy.map((u) => [u.repository, u.failing ?? null]),
    );

  test('Harness’s own answer judges every use, not a stale copy in another repository', () => {
    const facts = fromHarness([
      harnessConnector('dockerhub_mirror', { level: 'account' }, { urls: ['https://mirror.example.com'], executeOnDelegate: false }),
    ]);
    const c = reportOf(repo(files), 'acme/c', facts);
    expect(c.externalConnectors.flatMap((x) => x.usedBy).map((u) => u.failing)).toEqual([undefined]);
    expect(failing(a, b, c)).toEqual({ 'acme/a': null, 'acme/b': null, 'acme/c': null });
    const org = merge(a, b, c);
    expect(org.connectors.find((x) => x.ref === 'account.dockerhub_mirror')!.failingUses).toBe(0);
  });

  test('Harness saying it connects through a delegate fails the Cloud uses of every repository, copies or not', () => {
    const facts = fromHarness([harnessConnector('dockerhub_mirror', { level: 'account' }, { executeOnDelegate: true })]);
    const c = reportOf(repo(files), 'acme/c', facts);
    expect(failing(a, b, c)).toEqual({ 'acme/a': null, 'acme/b': 'connects through a delegate', 'acme/c': 'connects through a delegate' });
  });

  test('without Harness’s answer, the copies judge every repository alike: a use fails if it fails with any', () => {
    const c = reportOf(repo(files), 'acme/c');
    expect(failing(a, b, c)).toEqual({ 'acme/a': null, 'acme/b': 'connects through a delegate', 'acme/c': 'connects through a delegate' });
    // One copy, or copies that agree: as before.
    expect(failing(b, c)).toEqual({ 'acme/b': null, 'acme/c': null });
  });
});

describe('counts of an account connector’s users count pipelines and their stages, not a template beside them', () => {
  // Stage template `ci` pulls through account.mirror (app.harness.io, in Git); pipelines `one` and `two` each instantiate it.
  const template =
    'template:\n  name: ci\n  identifier: ci\n  versionLabel: v1\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n' +
    '    type: CI\n    spec:\n      runtime:\n        type: Cloud\n        spec: {}\n      execution:\n        steps:\n          - step:\n' +
    '              type: Run\n              name: r\n              identifier: r\n              spec:\n                connectorRef: account.mirror\n' +
    '                image: alpine:3\n                command: echo\n';
  const user = (id: string) =>
    `pipeline:\n  name: ${id}\n  identifier: ${id}\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n` +
    '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: ci\n          versionLabel: v1\n';
  const report = reportOf(
    repo({
      'c.yaml': connector('mirror', 'https://app.harness.io/registry'),
      't.yaml': template,
      'one.yaml': user('one'),
      'two.yaml': user('two'),
    }),
    'acme/app',
  );
  const org = merge(report);
  const mirror = org.connectors.find((c) => c.ref === 'account.mirror')!;

  test('the template is listed with what it touches, but counted once, through the pipelines using it', () => {
    expect(mirror.affects.map((a) => [a.ownerKind, a.owner, a.stages])).toEqual([
      ['pipeline', 'one', ['s']],
      ['pipeline', 'two', ['s']],
      ['template', 'ci', ['ci']],
    ]);
    expect(mirror.usedBy.filter((u) => u.failing).length).toBe(3);
    expect(mirror.failingUses).toBe(2);
    const md = renderOrgMarkdown(org);
    expect(md).toContain('| `account.mirror` | account | 1 | 2 | 2 | 2 | 1 |');
    // The template's row stays in the table below; its stage `ci` is the stages `s` of the pipelines.
    expect(md).toContain('### `account.mirror` (account): 1 repository, 3 pipelines or templates, 2 stages');
  });
});

describe('a Harness-side check counts the stages of the pipelines through a template, not the template’s own', () => {
  // Project Stage template `ci` (Harness Cloud) pulls through `account.hub`, which only Harness holds (through a
  // delegate); pipeline `one` uses it.
  const template =
    'template:\n  name: ci\n  identifier: ci\n  versionLabel: v1\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n' +
    '    type: CI\n    spec:\n      cloneCodebase: false\n      platform:\n        os: Linux\n        arch: Amd64\n      runtime:\n        type: Cloud\n        spec: {}\n' +
    '      execution:\n        steps:\n          - step:\n              type: Run\n              name: r\n              identifier: r\n              spec:\n' +
    '                connectorRef: account.hub\n                image: alpine:3\n                command: echo\n';
  const user =
    'pipeline:\n  name: one\n  identifier: one\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n' +
    '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: ci\n          versionLabel: v1\n';
  const dir = repo({
    'image.yaml': connector('harnessImage', 'https://registry.hub.docker.com', '    executeOnDelegate: false\n'),
    't.yaml': template,
    'one.yaml': user,
  });
  const facts = fromHarness([harnessConnector('hub', { level: 'account' }, { executeOnDelegate: true })]);

  test('the same count as the repository’s own report', () => {
    const offline = reportOf(dir, 'acme/app');
    expect(offline.harnessSteps.find((s) => s.subject === 'account.hub')?.reason).toBe(
      'Not in the repo; used by 1 stage, 1 on Harness Cloud.',
    );
    const hub = merge(reportOf(dir, 'acme/app', facts)).harnessSteps.find((s) => s.subject === 'account.hub');
    expect(hub?.from.map((f) => f.reason)).toEqual(['Only in Harness; used by 1 stage, 1 on Harness Cloud.']);
  });
});

test('a file that is not JSON: the usage error stays on one line, whatever the file holds', async () => {
  const dir = repo({ 'bad.txt': 'nope\n', 'crlf.txt': 'a\r\nb' });
  const r = await cli(['report', '--merge', 'bad.txt'], dir);
  expect(r.code).toBe(2);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toContain(
    'bad.txt: not JSON (Unexpected token \'o\', "nope\\n" is not valid JSON); --merge takes the output of `report --format json`',
  );
  expect((await cli(['report', '--merge', 'crlf.txt'], dir)).err).toMatch(/^[^\r\n]*"a\\r\\nb" is not valid JSON[^\r\n]*\n$/);
});
