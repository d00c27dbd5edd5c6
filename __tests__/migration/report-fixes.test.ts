import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runCli } from '../../src/cli/main.js';
import { renderMarkdown } from '../../src/migration/markdown.js';
import { mergeReports } from '../../src/migration/merge.js';
import type { MigrationReport } from '../../src/migration/types.js';
import { rawTags } from '../helpers/render-markdown.js';
import { cleanup, pipeline, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

/** A CI stage: `infra` is the YAML under `spec:` before the steps (6 spaces deep). */
const ciStage = (id: string, infra: string) =>
  `    - stage:\n        name: s\n        identifier: ${JSON.stringify(id)}\n        type: CI\n        spec:\n${infra}` +
  `          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n` +
  `                  spec:\n                    image: alpine:3\n                    command: echo\n`;
const k8s = (more = '') =>
  `          infrastructure:\n            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n${more}`;
const pipelineOf = (id: string, stages: string) =>
  `pipeline:\n  name: ${id}\n  identifier: ${id}\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n${stages}`;

describe('the Stages table shows repo values as text', () => {
  test('a useFromStage stage identifier and a template versionLabel holding HTML are escaped', () => {
    const bad = '<img src=x onerror=alert(1)>';
    const label = 'v1<img src=https://evil.example/pixel.png>';
    const dir = repo({
      'p.yaml': pipelineOf(
        'p',
        ciStage(bad, k8s()) +
          ciStage('b', `          infrastructure:\n            useFromStage: ${JSON.stringify(bad)}\n`) +
          `    - stage:\n        name: t\n        identifier: t\n        template:\n          templateRef: tpl_x\n          versionLabel: ${JSON.stringify(label)}\n`,
      ),
      'tpl.yaml':
        `template:\n  name: x\n  identifier: tpl_x\n  versionLabel: ${JSON.stringify(label)}\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n` +
        `    type: CI\n    spec:\n      infrastructure:\n        type: KubernetesDirect\n        spec:\n          connectorRef: account.k8s\n          namespace: ci\n` +
        `      execution:\n        steps:\n          - step:\n              type: Run\n              name: r\n              identifier: r\n              spec:\n                image: alpine:3\n                command: echo\n`,
    });
    const r = reportOf(dir);
    expect(r.stages.map((s) => s.infrastructureFrom).filter(Boolean)).toEqual(
      expect.arrayContaining([`stage ${bad}`, `template tpl_x ${label}`]),
    );
    const md = renderMarkdown(r);
    const stages = md.slice(md.indexOf('## Stages'), md.indexOf('## Images by registry'));
    expect(stages).toContain('(from stage &lt;img src=x onerror=alert(1)&gt;)');
    expect(stages).toContain('(from template tpl_x v1&lt;img src=https://evil.example/pixel.png&gt;)');
    expect(rawTags(md)).toEqual([]);
  });
});

describe('a report of a checkout beside the current folder links its places', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], {
      cwd,
      encoding: 'utf8',
    }).trim();
  /** Folder `b`, a checkout of acme/b, beside folder `a`, a checkout of its own or a plain folder. */
  function siblings(aIsCheckout: boolean): { a: string; head: string } {
    const parent = repo({ 'b/.harness/p.yaml': pipeline('p', 'account.legacy', 'app.harness.io/registry/harness/drone-git:1.0') });
    const [a, b] = [path.join(parent, 'a'), path.join(parent, 'b')];
    fs.mkdirSync(a);
    for (const dir of aIsCheckout ? [a, b] : [b]) {
      git(dir, 'init', '-q');
      git(dir, 'remote', 'add', 'origin', `https://github.com/acme/${path.basename(dir)}.git`);
      git(dir, 'commit', '-q', '--allow-empty', '-m', 'init');
    }
    git(b, 'add', '.');
    git(b, 'commit', '-q', '-m', 'pipeline');
    return { a, head: git(b, 'rev-parse', 'HEAD') };
  }

  test.each([
    ['a sibling checkout', true],
    ['a folder outside any checkout', false],
  ])('`report ../b --format json` run from %s records the way to the checkout', async (_, aIsCheckout) => {
    const { a, head } = siblings(aIsCheckout);
    let out = '';
    const saved = Object.fromEntries(['GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_SERVER_URL'].map((k) => [k, process.env[k]]));
    for (const k of Object.keys(saved)) delete process.env[k];
    try {
      expect(
        await runCli(
          ['report', '../b', '--format', 'json', '--now', '2026-02-01'],
          a,
          (s) => (out += s),
          () => {},
        ),
      ).toBe(0);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
    const report = JSON.parse(out) as MigrationReport;
    expect(report.source).toMatchObject({ repository: 'acme/b', commit: head, checkout: '../b' });
    const org = mergeReports([{ name: 'b.json', report }]);
    const change = org.repositories[0]!.changes[0]!;
    expect(change.file).toBe('../b/.harness/p.yaml');
    expect(change.link).toBe(`https://github.com/acme/b/blob/${head}/.harness/p.yaml#L${change.line}`);
  });
});

describe('Checks in Harness combine the checks that apply', () => {
  const cloud = '          runtime:\n            type: Cloud\n            spec: {}\n';
  // A Cloud stage whose step pulls through `account.ext`; a Kubernetes stage whose image connector is `override` (none: built in).
  const mixed = (override?: string) =>
    pipelineOf(
      'p',
      ciStage('c', cloud).replace('image: alpine:3', 'connectorRef: account.ext\n                    image: alpine:3') +
        ciStage('k', k8s(override ? `              harnessImageConnectorRef: ${override}\n` : '')),
    );
  const action = (files: Record<string, string>, subject: string) =>
    reportOf(repo(files))
      .harnessSteps.filter((s) => s.subject === subject)
      .map((s) => s.action);

  test('a connector used by a Cloud stage and as an Override Image Connector: both checks', () => {
    expect(action({ 'p.yaml': mixed('account.ext') }, 'account.ext')).toEqual([
      'Check in Harness that this account-scope Docker connector connects through the Harness Platform (`executeOnDelegate: false`), does not point at app.harness.io/registry, and that its registry keeps Harness image names.',
    ]);
  });

  test('account.harnessImage used by a Cloud stage and a Kubernetes stage: both checks', () => {
    expect(action({ 'p.yaml': mixed() }, 'account.harnessImage')).toEqual([
      'Check in Account Settings that it connects through the Harness Platform, does not use app.harness.io, and that any mirror it points at keeps Harness image names.',
    ]);
  });

  test('one kind of use: the check as before', () => {
    const only = (stages: string) => ({ 'p.yaml': pipelineOf('p', stages) });
    expect(action(only(ciStage('k', k8s('              harnessImageConnectorRef: account.ext\n'))), 'account.ext')).toEqual([
      'Check in Harness that this account-scope Docker connector does not point at app.harness.io/registry and that its registry keeps Harness image names.',
    ]);
    expect(action(only(ciStage('k', k8s())), 'account.harnessImage')).toEqual([
      'Check in Account Settings that it does not use app.harness.io, and that any mirror it points at keeps Harness image names.',
    ]);
    expect(action(only(ciStage('c', cloud)), 'account.harnessImage')).toEqual([
      'Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    ]);
  });
});

describe('stage counts count the stages of pipelines, through templates', () => {
  /** A stage template with a step pulling through `account.ext`, on Harness Cloud or Kubernetes. */
  const stageTemplate = (id: string, onCloud: boolean) =>
    `template:\n  name: ${id}\n  identifier: ${id}\n  versionLabel: v1\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n    type: CI\n    spec:\n` +
    (onCloud
      ? '      runtime:\n        type: Cloud\n        spec: {}\n'
      : '      infrastructure:\n        type: KubernetesDirect\n        spec:\n          connectorRef: account.k8s\n          namespace: ci\n') +
    `      execution:\n        steps:\n          - step:\n              type: Run\n              name: r\n              identifier: r\n              spec:\n` +
    `                connectorRef: account.ext\n                image: alpine:3\n                command: echo\n`;
  const uses = (stage: string, template: string) =>
    `    - stage:\n        name: ${stage}\n        identifier: ${stage}\n        template:\n          templateRef: ${template}\n          versionLabel: v1\n`;

  test('a template’s own stage is not counted beside the pipeline stages using it; an unused template’s is', () => {
    const r = reportOf(
      repo({
        'cloud_tpl.yaml': stageTemplate('cloud_tpl', true),
        'k8s_tpl.yaml': stageTemplate('k8s_tpl', false),
        'lonely.yaml': stageTemplate('lonely', false),
        'a.yaml': pipelineOf('a', uses('one', 'cloud_tpl') + uses('two', 'k8s_tpl')),
        'b.yaml': pipelineOf('b', uses('three', 'k8s_tpl')),
      }),
    );
    expect(r.harnessSteps.find((s) => s.subject === 'account.ext')?.reason).toBe('Not in the repo; used by 4 stages, 1 on Harness Cloud.');
    expect(r.summary).toMatchObject({ stages: 4, cloudStages: 1 });
    // The Stages table still lists every template's stage.
    expect(r.stages.filter((s) => s.ownerKind === 'template').map((s) => s.owner)).toEqual(['cloud_tpl', 'k8s_tpl', 'lonely']);
  });

  test('nested templates: a pipeline template’s stage through a stage template counts once, in the pipeline', () => {
    const r = reportOf(
      repo({
        'k8s_tpl.yaml': stageTemplate('k8s_tpl', false),
        'ptpl.yaml':
          'template:\n  name: ptpl\n  identifier: ptpl\n  versionLabel: v1\n  type: Pipeline\n  projectIdentifier: proj\n  orgIdentifier: default\n' +
          `  spec:\n    stages:\n${uses('inner', 'k8s_tpl').replace(/^ {4}/gm, '      ')}`,
        'c.yaml':
          'pipeline:\n  name: c\n  identifier: c\n  projectIdentifier: proj\n  orgIdentifier: default\n  template:\n    templateRef: ptpl\n    versionLabel: v1\n',
      }),
    );
    expect(r.stages.map((s) => `${s.ownerKind} ${s.owner}/${s.stage}`)).toEqual(
      expect.arrayContaining(['pipeline c/inner', 'template ptpl/inner', 'template k8s_tpl/k8s_tpl']),
    );
    // The Kubernetes stage pulls Harness images through account.harnessImage.
    expect(r.harnessSteps.find((s) => s.subject === 'account.harnessImage')?.reason).toBe('Not in the repo; used by 1 stage.');
    expect(r.summary).toMatchObject({ stages: 1, cloudStages: 0 });
  });
});

describe('Images by registry: one group a registry', () => {
  test('Docker Hub’s names are docker.io; the HTTPS port :443 names the same registry', () => {
    const images = [
      'alpine:3',
      'docker.io/library/node:20',
      'index.docker.io/library/golang:1.23',
      'registry.hub.docker.com/library/maven:3',
      'app.harness.io/registry/harness/drone-git:1.0',
      'app.harness.io:443/registry/harness/ci-addon:1.0',
      'gcr.io/acme/tool:1',
      'gcr.io:443/acme/other:1',
      'mirror.example.com:5000/harness/ci-addon:1.0',
    ];
    const files = Object.fromEntries(images.map((image, i) => [`p${i}.yaml`, pipeline(`p${i}`, 'account.x', image)]));
    const r = reportOf(repo(files));
    const by = Object.fromEntries(r.registries.map((g) => [g.registry, g.images.map((i) => i.image)]));
    expect(by).toEqual({
      'app.harness.io/registry': ['app.harness.io/registry/harness/drone-git:1.0', 'app.harness.io:443/registry/harness/ci-addon:1.0'],
      'docker.io': [
        'alpine:3',
        'docker.io/library/node:20',
        'index.docker.io/library/golang:1.23',
        'registry.hub.docker.com/library/maven:3',
      ],
      'gcr.io': ['gcr.io/acme/tool:1', 'gcr.io:443/acme/other:1'],
      'mirror.example.com:5000': ['mirror.example.com:5000/harness/ci-addon:1.0'],
    });
  });
});

describe('a runtime input with a default and allowed values, and a trigger', () => {
  const field = '<+input>.default(account.dockerhub_mirror).allowedValues(account.dockerhub_mirror,account.ecr_mirror)';
  const trigger =
    'trigger:\n  name: t\n  identifier: nightly\n  projectIdentifier: proj\n  orgIdentifier: default\n  pipelineIdentifier: p\n' +
    '  source:\n    type: Scheduled\n    spec:\n      type: Cron\n      spec:\n        expression: 0 2 * * *\n  inputYaml: |\n' +
    '    pipeline:\n      identifier: p\n      stages:\n        - stage:\n            identifier: k8s\n            type: CI\n            spec:\n' +
    '              infrastructure:\n                type: KubernetesDirect\n                spec:\n                  harnessImageConnectorRef: account.ecr_mirror\n';
  const r = reportOf(
    repo({
      'p.yaml': pipelineOf('p', ciStage('k8s', k8s(`              harnessImageConnectorRef: ${JSON.stringify(field)}\n`))),
      't.yaml': trigger,
    }),
  );
  const md = renderMarkdown(r);
  const cells = (line: string) => line.slice(2, -2).split(' | ');

  test('the Stages table lists each connector once, beside where it comes from', () => {
    const row = cells(md.split('\n').find((l) => l.startsWith('| pipeline `p` | `k8s`'))!);
    expect(row[3]!.split('<br>')).toEqual(['`account.dockerhub_mirror`', '`account.ecr_mirror`']);
    expect(row[4]!.split('<br>')).toEqual([
      'the runtime input’s `.default()`, the runtime input’s allowed values',
      'the runtime input’s allowed values, trigger `nightly`',
    ]);
  });

  test('the connector tables list a use they cannot tell apart from another once', () => {
    const row = cells(md.split('\n').find((l) => l.startsWith('| `account.dockerhub_mirror` | account |'))!);
    expect(row.at(-1)).toBe('`p` / `k8s`: Override Image Connector');
    const ecr = cells(md.split('\n').find((l) => l.startsWith('| `account.ecr_mirror` | account |'))!);
    expect(ecr.at(-1)).toBe('`p` / `k8s`: Override Image Connector<br>`p` / `k8s`: Override Image Connector via `nightly`');
  });
});

describe('the summary counts every trigger', () => {
  test('a disabled trigger (which fills no runtime input) is still a trigger in the repo', () => {
    const trigger = (id: string, enabled: string) =>
      `trigger:\n  name: ${id}\n  identifier: ${id}\n  enabled: ${enabled}\n  orgIdentifier: default\n  projectIdentifier: proj\n` +
      `  pipelineIdentifier: p\n  inputYaml: |\n    pipeline:\n      identifier: p\n`;
    const dir = repo({ 'p.yaml': pipeline('p', 'account.hub'), 'on.yaml': trigger('on', 'true'), 'off.yaml': trigger('off', 'false') });
    expect(reportOf(dir).summary.triggers).toBe(2);
  });
});

describe('an input set for a pipeline of another project that has the same identifier', () => {
  test('still names the connectors it sets (its pipeline is not in the repo)', () => {
    const inputSet =
      `inputSet:\n  name: s\n  identifier: s\n  orgIdentifier: default\n  projectIdentifier: other\n  pipeline:\n    identifier: p\n` +
      `    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            infrastructure:\n` +
      `              type: KubernetesDirect\n              spec:\n                harnessImageConnectorRef: account.from_set\n`;
    const dir = repo({ 'p.yaml': pipeline('p', 'account.hub'), 'set.yaml': inputSet });
    const uses = reportOf(dir).externalConnectors.filter((c) => c.ref === 'account.from_set');
    expect(uses.flatMap((c) => c.usedBy.map((u) => u.ownerKind))).toEqual(['inputSet']);
  });
});
