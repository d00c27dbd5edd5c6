import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildReport } from '../src/migration/index.js';
import { lint } from './helpers/lint.js';
import { goldenLines, lintFiles } from './helpers/lint-files.js';
import { fromHarness, harnessConnector } from './helpers/rule-tester.js';
import type { HarnessFacts } from '../src/model/harness-side.js';

// What the cross-file model (src/model/project.ts, entities.ts, scans.ts) decides, pinned through
// the findings a whole scan gives: which stages run on Harness Cloud, which connector or template a
// reference names, and what templateInputs, input sets, triggers and variables fill. Each case was
// found by mutation testing: a change to the decision it names left every other test passing.

/** Every finding of a scan of `files`, in the golden-file format. */
const lines = (files: Record<string, string>, harnessFacts?: HarnessFacts) =>
  goldenLines(lintFiles(files, harnessFacts ? { harnessFacts } : {}));

const APP_REGISTRY = { urls: ['https://app.harness.io/registry'] };
/** Harness holds account.harnessImage and account.mirror (both pointing at the retired registry) and account.k8s. */
const FACTS = fromHarness([
  harnessConnector('harnessImage', { level: 'account' }, APP_REGISTRY),
  harnessConnector('mirror', { level: 'account' }, APP_REGISTRY),
  harnessConnector('k8s', { level: 'account' }),
]);

/** Lines that put an entity in project default/proj. */
const IN_PROJECT = '  orgIdentifier: default\n  projectIdentifier: proj\n';
/** A Docker Hub connector; `delegate` sets executeOnDelegate (absent when undefined). */
const connector = (id: string, delegate?: boolean, scope = '') => `connector:
  name: ${id}
  identifier: ${id}
${scope}  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth:
      type: Anonymous
${delegate === undefined ? '' : `    executeOnDelegate: ${delegate}\n`}`;
const HARNESS_IMAGE = connector('harnessImage', false);
const CLOUD = '      platform: { os: Linux, arch: Amd64 }\n      runtime: { type: Cloud, spec: {} }\n';
const K8S = '      infrastructure: { type: KubernetesDirect, spec: { connectorRef: account.k8s, namespace: ci } }\n';
/** A CI stage's `spec` (6 spaces deep): `infra` lines, then one Run step through `ref`. */
const ciSpec = (infra: string, ref: string, clone = 'false') => `      cloneCodebase: ${clone}
${infra}      execution:
        steps:
          - step: { type: Run, name: r, identifier: r, spec: { connectorRef: ${ref}, image: golang:1.23 } }
`;
/** `s` with every line indented `n` more spaces. */
const indent = (s: string, n: number) => s.replace(/^/gm, ' '.repeat(n)).replace(/ +$/, '');
/** A CI stage `id` of a `stages:` list, with `body` as its `spec`. */
const stage = (id: string, body: string) => `    - stage:
        name: ${id}
        identifier: ${id}
        type: CI
        spec:
${indent(body, 4)}`;
/** Pipeline `p` (in default/proj unless `scope` says otherwise) with `stages`. */
const pipeline = (stages: string, scope = IN_PROJECT) => `pipeline:
  name: p
  identifier: p
${scope}  stages:
${stages}`;
/** Version `label` of Stage template `id` (account-level unless `scope` says otherwise): a CI stage whose `spec` is `body`. */
const stageTemplate = (id: string, label: string, body: string, scope = '') => `template:
  name: ${id}
  identifier: ${id}
  versionLabel: ${label}
  type: Stage
${scope}  spec:
    type: CI
    spec:
${indent(body, 2)}`;

describe('connectors named across scopes', () => {
  it("from a pipeline with an org but no project, copies of a bare reference in two of the org's projects are ambiguous: neither is judged", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, '  orgIdentifier: default\n  projectIdentifier: a\n')}---\n${connector('hub', false, '  orgIdentifier: default\n  projectIdentifier: b\n')}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, 'hub')), '  orgIdentifier: default\n'),
    };
    expect(lines(files)).toEqual([
      "p.yaml:16:82: notice: Connector `hub` is in the repo 2 times (project default/a, project default/b), and the pipeline's project is unknown, so which one Harness uses cannot be told; Harness Cloud stage `s` of pipeline `p` uses it. Set the pipeline's `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector it uses connects through the Harness Platform. [unresolved-reference]",
    ]);
  });

  it('a connector without orgIdentifier is account-level even inside a Git Experience project folder', () => {
    const files = {
      '.harness/orgs/default/projects/proj/connectors/c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      '.harness/orgs/default/projects/proj/pipelines/p.yaml': pipeline(stage('s', ciSpec(CLOUD, 'account.hub')), ''),
    };
    expect(lines(files)).toEqual([
      '.harness/orgs/default/projects/proj/connectors/c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related .harness/orgs/default/projects/proj/pipelines/p.yaml:15:82: Used by Harness Cloud stage `s` of pipeline `p`.',
    ]);
  });
});

describe('templates and their versions', () => {
  it('a stage whose templateRef names a Step template is made from a Stage template the repo does not hold', () => {
    const files = {
      'c.yaml': HARNESS_IMAGE,
      'p.yaml': pipeline('    - stage: { name: s, identifier: s, template: { templateRef: shared, versionLabel: v1 } }\n'),
      't.yaml': `template:\n  name: shared\n  identifier: shared\n  versionLabel: v1\n  type: Step\n${IN_PROJECT}  spec:\n    type: Run\n    spec:\n      connectorRef: hub\n      image: golang:1.23\n`,
    };
    expect(lines(files)).toEqual([
      'p.yaml:7:65: notice: Whether stage `s` of pipeline `p` runs on Harness Cloud cannot be told: it is made from template `shared` (version v1), which is not in the repo, so its connectors are not checked. If it runs on Harness Cloud, check in Harness that they connect through the Harness Platform. [unresolved-reference]',
    ]);
  });

  it("`account.st` names the account's template, not a project template with the same identifier (which is checked on its own)", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'p.yaml': pipeline('    - stage: { name: s, identifier: s, template: { templateRef: account.st, versionLabel: v1 } }\n'),
      'account.yaml': stageTemplate('st', 'v1', ciSpec(K8S, 'account.k8s')),
      'project.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, 'hub'), IN_PROJECT),
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage template `st` (version v1) uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related project.yaml:16:80: Used by Harness Cloud stage template `st` (version v1).',
    ]);
  });

  it('a Pipeline template checked on its own: its cloning stages use its codebase connector', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('gh', true, IN_PROJECT)}`,
      't.yaml': `template:\n  name: pt\n  identifier: pt\n  versionLabel: v1\n  type: Pipeline\n${IN_PROJECT}  spec:\n    properties:\n      ci:\n        codebase: { connectorRef: gh, build: <+input> }\n    stages:\n${indent(stage('s', ciSpec(CLOUD, 'account.harnessImage', 'true')), 2)}`,
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `gh` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline template `pt` (version v1) uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related t.yaml:15:23: Harness Cloud stage `s` of pipeline template `pt` (version v1) clones the codebase through it.',
    ]);
  });

  it("a Stage template's field read through a pipeline variable names only the stages made from the template, not the pipeline's other stages", () => {
    const files = {
      'st.yaml': stageTemplate(
        'st',
        'v1',
        ciSpec(K8S.replace('namespace: ci', 'namespace: ci, harnessImageConnectorRef: <+pipeline.variables.mirror>'), 'account.k8s'),
      ),
      'p.yaml': pipeline(
        '    - stage: { name: a, identifier: a, template: { templateRef: account.st, versionLabel: v1 } }\n' +
          stage('b', ciSpec(K8S, 'account.k8s')),
      ).replace('  stages:', '  variables:\n    - name: mirror\n      type: String\n      value: mirror\n  stages:'),
    };
    expect(lines(files)).toEqual([
      'p.yaml:9:14: error: Stage `a` of pipeline `p` sets the Override Image Connector to `mirror`, a project-scope reference; Harness requires an account-scope connector (`account.<id>`). [require-account-image-connector]',
    ]);
  });

  it('a StepGroup template a stage uses is used: its runtime input is filled where it is used, so no notice at the template', () => {
    const files = {
      'sg.yaml': `template:\n  name: sg\n  identifier: sg\n  versionLabel: v1\n  type: StepGroup\n${IN_PROJECT}  spec:\n    stepGroupInfra:\n      type: KubernetesDirect\n      spec:\n        connectorRef: account.k8s\n        namespace: ci\n        harnessImageConnectorRef: <+input>\n    steps:\n      - step: { type: Run, name: r, identifier: r, spec: { command: make } }\n`,
      'p.yaml': pipeline(
        stage(
          's',
          ciSpec(K8S, 'account.k8s').replace(
            '        steps:\n',
            '        steps:\n          - stepGroup: { name: g, identifier: g, template: { templateRef: sg, versionLabel: v1, templateInputs: { stepGroupInfra: { type: KubernetesDirect, spec: { harnessImageConnectorRef: account.mirror } } } } }\n',
          ),
        ),
      ),
    };
    expect(lines(files)).toEqual([]);
  });

  it('a StepGroup template used only inside another StepGroup template is used too', () => {
    const files = {
      'sgi.yaml': `template:\n  name: sgi\n  identifier: sgi\n  versionLabel: v1\n  type: StepGroup\n${IN_PROJECT}  spec:\n    stepGroupInfra:\n      type: KubernetesDirect\n      spec:\n        connectorRef: account.k8s\n        namespace: ci\n        harnessImageConnectorRef: <+input>\n    steps:\n      - step: { type: Run, name: r, identifier: r, spec: { command: make } }\n`,
      'sgo.yaml': `template:\n  name: sgo\n  identifier: sgo\n  versionLabel: v1\n  type: StepGroup\n${IN_PROJECT}  spec:\n    steps:\n      - stepGroup: { name: g, identifier: g, template: { templateRef: sgi, versionLabel: v1, templateInputs: { stepGroupInfra: { type: KubernetesDirect, spec: { harnessImageConnectorRef: account.mirror } } } } }\n`,
      'p.yaml': pipeline(
        stage(
          's',
          ciSpec(K8S, 'account.k8s').replace(
            '        steps:\n',
            '        steps:\n          - stepGroup: { name: o, identifier: o, template: { templateRef: sgo, versionLabel: v1 } }\n',
          ),
        ),
      ),
    };
    expect(lines(files)).toEqual([]);
  });

  it("each version of a Pipeline template: a stage following its own version's stage names no other infrastructure", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'pt-v1.yaml': `template:\n  name: pt\n  identifier: pt\n  versionLabel: v1\n  type: Pipeline\n  spec:\n    stages:\n${indent(stage('a', ciSpec(K8S, 'account.harnessImage')) + stage('b', ciSpec('      infrastructure: { useFromStage: a }\n', 'account.hub')), 2)}`,
      'pt-v2.yaml': `template:\n  name: pt\n  identifier: pt\n  versionLabel: v2\n  type: Pipeline\n  spec:\n    stages:\n${indent(stage('a', ciSpec(CLOUD, 'account.harnessImage')) + stage('b', ciSpec('      infrastructure: { useFromStage: a }\n', 'account.hub')), 2)}`,
      'p.yaml': 'pipeline:\n  name: p\n  identifier: p\n  template: { templateRef: account.pt }\n',
    };
    expect(lines(files)).toEqual([
      'c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `b` of pipeline `p` through template `pt` version v2 (no versionLabel: the stable version is one of v1, v2) uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related pt-v2.yaml:28:84: Used by Harness Cloud stage `b` of pipeline `p` through template `pt` version v2 (no versionLabel: the stable version is one of v1, v2).',
    ]);
  });

  it('a stage on the infrastructure of a stage made from a one-version template needs no `on the infrastructure of` in its label', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'v1.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, 'account.harnessImage')),
      'p.yaml': pipeline(
        '    - stage: { name: a, identifier: a, template: { templateRef: account.st } }\n' +
          stage('b', ciSpec('      infrastructure: { useFromStage: a }\n', 'hub')),
      ),
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `b` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:17:82: Used by Harness Cloud stage `b` of pipeline `p`.',
    ]);
  });

  it('no versionLabel and one version in the repo: the label says it is the stable version', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'v1.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, 'account.hub')),
      'p.yaml': pipeline('    - stage: { name: a, identifier: a, template: { templateRef: account.st } }\n'),
    };
    expect(lines(files)).toEqual([
      'c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `a` of pipeline `p` through template `st` version v1 (the stable version) uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related v1.yaml:14:80: Used by Harness Cloud stage `a` of pipeline `p` through template `st` version v1 (the stable version).',
    ]);
  });
});

describe('runtime inputs: templateInputs, input sets, triggers, variables', () => {
  it('`cloneCodebase: <+input>.default(yes)` does not clone: a default is text, and Jackson reads only true as true', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('gh', true, IN_PROJECT)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, 'account.harnessImage', '<+input>.default(yes)')), IN_PROJECT).replace(
        '  stages:',
        '  properties:\n    ci:\n      codebase: { connectorRef: gh, build: <+input> }\n  stages:',
      ),
    };
    expect(lines(files)).toEqual([]);
  });

  it('`cloneCodebase: yes` unquoted in an input set clones (YAML 1.1, as Harness reads it)', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('gh', true, IN_PROJECT)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, 'account.harnessImage', '<+input>')), IN_PROJECT).replace(
        '  stages:',
        '  properties:\n    ci:\n      codebase: { connectorRef: gh, build: <+input> }\n  stages:',
      ),
      'i.yaml':
        'inputSet:\n  name: i\n  identifier: i\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipeline:\n    identifier: p\n    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            cloneCodebase: yes\n',
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `gh` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:12:21: Harness Cloud stage `s` of pipeline `p` clones the codebase through it.',
    ]);
  });

  it('a templateInputs value for a field the template fixes is not used', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'p.yaml': pipeline(
        '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: account.st\n          versionLabel: v1\n          templateInputs:\n            type: CI\n            spec:\n              execution:\n                steps:\n                  - step: { identifier: r, type: Run, spec: { connectorRef: hub } }\n',
      ),
      't.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, 'account.harnessImage')),
    };
    expect(lines(files)).toEqual([]);
  });

  it("a template input the user leaves as `<+input>`, which nothing fills, takes the template's own default", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'p.yaml': pipeline(
        '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: account.st\n          versionLabel: v1\n          templateInputs:\n            type: CI\n            spec:\n              execution:\n                steps:\n                  - step: { identifier: r, type: Run, spec: { connectorRef: <+input> } }\n',
      ),
      't.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, '<+input>.default(hub)')),
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` through template `st` version v1 uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related t.yaml:14:80: Used by Harness Cloud stage `s` of pipeline `p` through template `st` version v1.',
    ]);
  });

  it("a Stage template's runtime input inside a Pipeline template is filled by the pipeline's templateInputs, through the Pipeline template's own", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'st.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, '<+input>')),
      'pt.yaml': `template:\n  name: pt\n  identifier: pt\n  versionLabel: v1\n  type: Pipeline\n${IN_PROJECT}  spec:\n    stages:\n      - stage:\n          name: s\n          identifier: s\n          template:\n            templateRef: account.st\n            versionLabel: v1\n            templateInputs:\n              type: CI\n              spec:\n                execution:\n                  steps:\n                    - step: { identifier: r, type: Run, spec: { connectorRef: <+input> } }\n`,
      'p.yaml': `pipeline:\n  name: p\n  identifier: p\n${IN_PROJECT}  template:\n    templateRef: pt\n    versionLabel: v1\n    templateInputs:\n      stages:\n        - stage:\n            identifier: s\n            template:\n              templateInputs:\n                type: CI\n                spec:\n                  execution:\n                    steps:\n                      - step: { identifier: r, type: Run, spec: { connectorRef: hub } }\n`,
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` through template `pt` version v1 through template `st` version v1 uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:19:81: Used by Harness Cloud stage `s` of pipeline `p` through template `pt` version v1 through template `st` version v1.',
    ]);
  });

  it("a templateInputs value naming a pipeline variable that nothing fills: the notice is at the variable's value", () => {
    const files = {
      'c.yaml': HARNESS_IMAGE,
      'p.yaml': pipeline(
        '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: account.st\n          versionLabel: v1\n          templateInputs:\n            type: CI\n            spec:\n              execution:\n                steps:\n                  - step: { identifier: r, type: Run, spec: { connectorRef: <+pipeline.variables.reg> } }\n',
      ).replace('  stages:', '  variables:\n    - name: reg\n      type: String\n      value: <+input>\n  stages:'),
      't.yaml': stageTemplate('st', 'v1', ciSpec(CLOUD, '<+input>')),
    };
    expect(lines(files)).toEqual([
      'p.yaml:9:14: notice: This runtime input, which nothing in the repo fills, is the connector of Harness Cloud stage `s` of pipeline `p` through template `st` version v1; check that it connects through the Harness Platform. [unresolved-reference]',
      '  related t.yaml:14:80: The connector of Harness Cloud stage `s` of pipeline `p` through template `st` version v1.',
    ]);
  });

  it("an input set's empty value fills nothing", () => {
    const files = {
      'c.yaml': HARNESS_IMAGE,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+input>'))),
      'i.yaml':
        'inputSet:\n  name: i\n  identifier: i\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipeline:\n    identifier: p\n    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            execution:\n              steps:\n                - step: { identifier: r, type: Run, spec: { connectorRef: "" } }\n',
    };
    expect(lines(files)).toEqual([
      'p.yaml:17:82: notice: The connector of Harness Cloud stage `s` of pipeline `p` is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform. [unresolved-reference]',
    ]);
  });

  it("a `.default()` naming a pipeline variable that nothing fills: the notice is at the variable's value", () => {
    const files = {
      'c.yaml': HARNESS_IMAGE,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+input>.default(<+pipeline.variables.reg>)'))).replace(
        '  stages:',
        '  variables:\n    - name: reg\n      type: String\n      value: <+input>\n  stages:',
      ),
    };
    expect(lines(files)).toEqual([
      'p.yaml:9:14: notice: This runtime input, which nothing in the repo fills, is the connector of Harness Cloud stage `s` of pipeline `p`; check that it connects through the Harness Platform. [unresolved-reference]',
      '  related p.yaml:21:82: The connector of Harness Cloud stage `s` of pipeline `p`.',
    ]);
  });

  it('a pipeline variable whose value is another pipeline variable is followed to its value', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+pipeline.variables.a>'))).replace(
        '  stages:',
        '  variables:\n    - name: a\n      type: String\n      value: <+pipeline.variables.b>\n    - name: b\n      type: String\n      value: hub\n  stages:',
      ),
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:12:14: Used by Harness Cloud stage `s` of pipeline `p`.',
    ]);
  });

  it("an input set of another org fills nothing in this org's pipeline of the same identifier", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+input>'))),
      'i.yaml':
        'inputSet:\n  name: i\n  identifier: i\n  orgIdentifier: other\n  projectIdentifier: proj\n  pipeline:\n    identifier: p\n    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            execution:\n              steps:\n                - step: { identifier: r, type: Run, spec: { connectorRef: account.hub } }\n',
    };
    expect(lines(files)).toEqual([
      'p.yaml:17:82: notice: The connector of Harness Cloud stage `s` of pipeline `p` is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform. [unresolved-reference]',
    ]);
  });

  it('an input set that names no org or project fills the one pipeline of its identifier', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+input>'))),
      'i.yaml':
        'inputSet:\n  name: i\n  identifier: i\n  pipeline:\n    identifier: p\n    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            execution:\n              steps:\n                - step: { identifier: r, type: Run, spec: { connectorRef: account.hub } }\n',
    };
    expect(lines(files)).toEqual([
      'c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related i.yaml:13:75: Used by Harness Cloud stage `s` of pipeline `p`.',
    ]);
  });

  it("a trigger's inputYaml wrapped in `inputSet:` fills the pipeline's runtime inputs", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+input>'))),
      't.yaml':
        'trigger:\n  name: t\n  identifier: t\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipelineIdentifier: p\n  inputYaml: |\n    inputSet:\n      identifier: x\n      pipeline:\n        identifier: p\n        stages:\n          - stage:\n              identifier: s\n              type: CI\n              spec:\n                execution:\n                  steps:\n                    - step: { identifier: r, type: Run, spec: { connectorRef: account.hub } }\n',
    };
    expect(lines(files)).toEqual([
      'c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related t.yaml:19:79: Used by Harness Cloud stage `s` of pipeline `p`.',
    ]);
  });
  it('a templateInputs list with two open items: the notice names the first one and why it is open', () => {
    const files = {
      'c.yaml': HARNESS_IMAGE,
      't.yaml': stageTemplate(
        'st',
        'v1',
        ciSpec(CLOUD, 'account.harnessImage').replace(
          '          - step: { type: Run',
          '          - step: { identifier: kaniko, name: k, type: BuildAndPushDockerRegistry, spec: { connectorRef: account.harnessImage, repo: acme/app, tags: [v1], baseImageConnectorRefs: <+input> } }\n          - step: { type: Run',
        ),
      ),
      'p.yaml': pipeline(
        '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: account.st\n          versionLabel: v1\n          templateInputs:\n            type: CI\n            spec:\n              execution:\n                steps:\n                  - step: { identifier: kaniko, type: BuildAndPushDockerRegistry, spec: { baseImageConnectorRefs: [<+trigger.payload.registry>, <+input>] } }\n',
      ),
    };
    expect(lines(files)).toEqual([
      'p.yaml:18:116: notice: This expression is the connector of Harness Cloud stage `s` of pipeline `p` through template `st` version v1; check that it connects through the Harness Platform. [unresolved-reference]',
      '  related t.yaml:14:182: The connector of Harness Cloud stage `s` of pipeline `p` through template `st` version v1.',
    ]);
  });

  it('`cloneCodebase` an input set sets to false, but whose default is an open expression, may still clone: its codebase connector is checked', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('gh', true, IN_PROJECT)}`,
      'p.yaml': pipeline(
        stage('s', ciSpec(CLOUD, 'account.harnessImage', '<+input>.default(<+trigger.payload.clone>)')),
        IN_PROJECT,
      ).replace('  stages:', '  properties:\n    ci:\n      codebase: { connectorRef: gh, build: <+input> }\n  stages:'),
      'i.yaml':
        'inputSet:\n  name: i\n  identifier: i\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipeline:\n    identifier: p\n    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            cloneCodebase: false\n',
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `gh` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:12:21: Harness Cloud stage `s` of pipeline `p` clones the codebase through it.',
    ]);
  });

  it('a trigger whose inputYaml does not parse fills nothing, even when a later document in it does', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'p.yaml': pipeline(stage('s', ciSpec(CLOUD, '<+input>'))),
      't.yaml':
        'trigger:\n  name: t\n  identifier: t\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipelineIdentifier: p\n  inputYaml: |\n    pipeline: [unclosed\n    ---\n    pipeline:\n      identifier: p\n      stages:\n        - stage:\n            identifier: s\n            type: CI\n            spec:\n              execution:\n                steps:\n                  - step: { identifier: r, type: Run, spec: { connectorRef: account.hub } }\n',
    };
    expect(lines(files)).toEqual([
      'p.yaml:17:82: notice: The connector of Harness Cloud stage `s` of pipeline `p` is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform. [unresolved-reference]',
    ]);
  });
});

describe('stages and their infrastructure', () => {
  it('in a run of more than 16 stages, a stage on the infrastructure of a two-version template stage follows each version', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true, IN_PROJECT)}`,
      'v1.yaml': stageTemplate('st', 'v1', ciSpec(K8S, 'account.k8s')),
      'v2.yaml': stageTemplate('st', 'v2', ciSpec(CLOUD, 'account.harnessImage')),
      'p.yaml': pipeline(
        '    - stage: { name: a, identifier: a, template: { templateRef: account.st } }\n' +
          stage('b', ciSpec('      infrastructure: { useFromStage: a }\n', 'hub')) +
          Array.from({ length: 16 }, (_, i) => stage(`k${i}`, ciSpec(K8S, 'account.k8s'))).join(''),
      ),
    };
    expect(lines(files)).toEqual([
      'c.yaml:23:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `b` of pipeline `p` on the infrastructure of stage `a` through template `st` version v2 (no versionLabel: the stable version is one of v1, v2) uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:17:82: Used by Harness Cloud stage `b` of pipeline `p` on the infrastructure of stage `a` through template `st` version v2 (no versionLabel: the stable version is one of v1, v2).',
    ]);
  });

  it('connectors only Harness holds: the override a stage takes from another stage is read where it is written, the built-in image connector is reported at `runtime.type`, and a non-CI stage pulls no Harness images', () => {
    const files = {
      'st.yaml': stageTemplate(
        'st',
        'v1',
        ciSpec(K8S.replace('namespace: ci', 'namespace: ci, harnessImageConnectorRef: <+input>'), 'account.k8s'),
      ),
      'p.yaml': pipeline(
        '    - stage:\n        name: a\n        identifier: a\n        template:\n          templateRef: account.st\n          versionLabel: v1\n          templateInputs:\n            type: CI\n            spec:\n              infrastructure:\n                spec:\n                  harnessImageConnectorRef: account.mirror\n' +
          stage('b', ciSpec('      infrastructure: { useFromStage: a }\n', 'account.k8s')) +
          stage('c', ciSpec(CLOUD, 'account.k8s')) +
          '    - stage:\n        name: d\n        identifier: d\n        type: Approval\n        spec:\n          execution:\n            steps:\n              - step: { type: HarnessApproval, name: ok, identifier: ok, spec: { approvalMessage: ok } }\n',
      ),
    };
    expect(lines(files, FACTS)).toEqual([
      'p.yaml:18:45: error: Connector `account.mirror` (in Harness, account scope) points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024, and 2 stages pull through it (listed as related locations); in Harness, point it at `https://registry.hub.docker.com` instead. [no-app-harness-registry]',
      '  related p.yaml:18:45: Stage `a` of pipeline `p` through template `st` version v1 pulls Harness images through it.',
      '  related p.yaml:18:45: Stage `b` of pipeline `p` pulls Harness images through it.',
      'p.yaml:36:28: error: Connector `account.harnessImage` (in Harness, account scope) points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024, and stage `c` of pipeline `p` pulls through it; in Harness, point it at `https://registry.hub.docker.com` instead. [no-app-harness-registry]',
      'p.yaml:36:28: error: Connector `account.harnessImage` (in Harness, account scope) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud stage `c` of pipeline `p` uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`). [require-platform-connectivity]',
      'p.yaml:39:82: error: Connector `account.k8s` (in Harness, account scope) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud stage `c` of pipeline `p` uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`). [require-platform-connectivity]',
    ]);
  });

  it('stages under `parallel` and `insert` are checked', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}---\n${connector('hub2', true)}`,
      'p.yaml': pipeline(
        '    - parallel:\n' +
          indent(stage('s', ciSpec(CLOUD, 'account.hub')), 4) +
          '    - insert:\n        identifier: ins\n        name: ins\n        stages:\n' +
          indent(stage('t', ciSpec(CLOUD, 'account.hub2')), 6),
      ),
    };
    expect(lines(files)).toEqual([
      'c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:18:86: Used by Harness Cloud stage `s` of pipeline `p`.',
      'c.yaml:32:24: error: Connector `hub2` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `t` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:33:88: Used by Harness Cloud stage `t` of pipeline `p`.',
    ]);
  });

  it('a step in `rollbackSteps` is a use of its connector', () => {
    const files = {
      'p.yaml': pipeline(
        '    - stage:\n        name: d\n        identifier: d\n        type: Deployment\n        spec:\n          deploymentType: Kubernetes\n          execution:\n            steps:\n              - step: { type: ShellScript, name: sh, identifier: sh, spec: { shell: Bash } }\n            rollbackSteps:\n              - step: { type: Run, name: rb, identifier: rb, spec: { connectorRef: account.mirror, image: alpine:3 } }\n',
      ),
    };
    expect(lines(files, FACTS)).toEqual([
      'p.yaml:17:84: error: Connector `account.mirror` (in Harness, account scope) points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024, and stage `d` of pipeline `p` pulls through it; in Harness, point it at `https://registry.hub.docker.com` instead. [no-app-harness-registry]',
    ]);
  });

  it('an infrastructure with a `type` is that type, though it also holds `useFromStage`', () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'p.yaml': pipeline(
        stage('a', ciSpec(CLOUD, 'account.harnessImage')) +
          stage(
            'b',
            ciSpec(
              '      infrastructure: { type: KubernetesDirect, useFromStage: a, spec: { connectorRef: account.k8s, namespace: ci } }\n',
              'account.hub',
            ),
          ),
      ),
    };
    expect(lines(files)).toEqual([]);
  });

  it("`type: UseFromStage` with `spec.useFromStage` takes that stage's infrastructure", () => {
    const files = {
      'c.yaml': `${HARNESS_IMAGE}---\n${connector('hub', true)}`,
      'p.yaml': pipeline(
        stage('a', ciSpec(CLOUD, 'account.harnessImage')) +
          stage('b', ciSpec('      infrastructure: { type: UseFromStage, spec: { useFromStage: a } }\n', 'account.hub')),
      ),
    };
    expect(lines(files)).toEqual([
      'c.yaml:21:24: error: Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `b` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform. [require-platform-connectivity]',
      '  related p.yaml:27:82: Used by Harness Cloud stage `b` of pipeline `p`.',
    ]);
  });
});

describe('images named through variables', () => {
  it('a pipeline variable without a type holds a string: an image field that names it pulls its value', () => {
    const files = {
      'p.yaml': pipeline(stage('s', ciSpec(K8S, 'account.k8s').replace('image: golang:1.23', 'image: <+pipeline.variables.img>'))).replace(
        '  stages:',
        '  variables:\n    - name: img\n      value: app.harness.io/registry/harness/ci-addon:1.0\n  stages:',
      ),
    };
    expect(lines(files)).toEqual([
      'p.yaml:8:14: error: Image `app.harness.io/registry/harness/ci-addon:1.0` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from `https://registry.hub.docker.com` instead. [no-app-harness-registry]',
      '  related p.yaml:19:102: Pulled here, as `<+pipeline.variables.img>`.',
    ]);
  });
});

describe('which pipelines a change reaches (the migration report)', () => {
  it("a Stage template's change reaches the pipeline made from the Pipeline template that uses it, and no template is listed as a pipeline", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-s15-'));
    try {
      const files = {
        'st.yaml': stageTemplate(
          'st',
          'v1',
          ciSpec(K8S, 'account.k8s').replace('golang:1.23', 'app.harness.io/registry/harness/ci-addon:1.0'),
        ),
        'pt.yaml': `template:\n  name: pt\n  identifier: pt\n  versionLabel: v1\n  type: Pipeline\n  spec:\n    stages:\n      - stage: { name: s, identifier: s, template: { templateRef: account.st, versionLabel: v1 } }\n`,
        'p.yaml': 'pipeline:\n  name: p\n  identifier: p\n  template: { templateRef: account.pt, versionLabel: v1 }\n',
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      const report = buildReport(lint({ cwd: dir, paths: ['.'], images: true }), { now: new Date('2026-02-01T00:00:00Z') });
      const change = report.changes.find((c) => c.target.file === 'st.yaml');
      expect(change?.blastRadius.pipelines).toEqual(['p']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a value written in templateInputs is said to come from templateInputs, not from the stage', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-s15-'));
    try {
      const files = {
        'st.yaml': stageTemplate(
          'st',
          'v1',
          ciSpec(K8S.replace('namespace: ci', 'namespace: ci, harnessImageConnectorRef: <+input>'), 'account.k8s'),
        ),
        'p.yaml': pipeline(
          '    - stage:\n        name: s\n        identifier: s\n        template:\n          templateRef: account.st\n          versionLabel: v1\n' +
            '          templateInputs:\n            type: CI\n            spec:\n              infrastructure:\n                spec:\n                  harnessImageConnectorRef: account.mirror\n',
        ),
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      const report = buildReport(lint({ cwd: dir, paths: ['.'], images: true }), { now: new Date('2026-02-01T00:00:00Z') });
      const stage = report.stages.find((s) => s.stage === 's' && s.ownerKind === 'pipeline');
      expect(stage?.imageConnector.map((v) => [v.ref, v.source])).toEqual([['account.mirror', 'templateInputs']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
