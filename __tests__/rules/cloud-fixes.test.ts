import { describe, expect, it } from '@jest/globals';
import { lintFiles } from '../helpers/lint-files.js';

// Policy 2 (and 3) as the model builds a run: which connectors a Harness Cloud stage uses when
// runtime inputs are filled by templateInputs, input sets and triggers.

/** Findings of `rule` (and its unresolved-reference notices): `file:line:col severity message`, related locations indented. */
function findings(files: Record<string, string>, rule = 'require-platform-connectivity'): string[] {
  return lintFiles(files)
    .findings.filter((f) => f.ruleId === rule || f.forRule === rule)
    .flatMap((f) => [
      `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`,
      ...(f.related ?? []).map((r) => `  ${r.file}:${r.line}:${r.column} ${r.message}`),
    ]);
}

/** A connector of project default/proj (`type`, then `spec` lines indented four spaces). */
const connector = (id: string, type: string, spec: string) => `connector:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: proj
  type: ${type}
  spec:
${spec}`;

const HARNESS_IMAGE = `connector:
  name: harnessImage
  identifier: harnessImage
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth: { type: Anonymous }
    executeOnDelegate: false
`;

/** Github connector `code1`, through a delegate. */
const CODE1 = connector(
  'code1',
  'Github',
  `    url: https://github.com/acme
    type: Account
    authentication: { type: Http, spec: { type: UsernameToken, spec: { username: bot, tokenRef: tok } } }
    apiAccess: { type: Token, spec: { tokenRef: tok } }
    executeOnDelegate: true
`,
);

/** Docker connector `id` of project default/proj, through a delegate. */
const onDelegate = (id: string) =>
  connector(
    id,
    'DockerRegistry',
    `    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth: { type: Anonymous }
    executeOnDelegate: true
`,
  );

/** Pipeline `p` of default/proj cloning through `code1`, with `stages` (list items indented four spaces). */
const pipeline = (stages: string) => `pipeline:
  name: p
  identifier: p
  orgIdentifier: default
  projectIdentifier: proj
  properties:
    ci:
      codebase:
        connectorRef: code1
        build: <+input>
  stages:
${stages}`;

/** Account Stage template `st` (version v1): a Harness Cloud CI stage whose `cloneCodebase` is `clone`. */
const cloudStageTemplate = (clone: string) => `template:
  name: st
  identifier: st
  versionLabel: v1
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: ${clone}
      platform: { os: Linux, arch: Amd64 }
      runtime: { type: Cloud, spec: {} }
      execution:
        steps:
          - step: { type: Run, name: t, identifier: t, spec: { command: make } }
`;

/** Stage `s` made from template `st`, with `templateInputs` when given. */
const fromTemplate = (inputs?: string) =>
  `    - stage: { name: s, identifier: s, template: { templateRef: account.st, versionLabel: v1${inputs ? `, templateInputs: ${inputs}` : ''} } }\n`;

/** Stage `s` of pipeline `p`: Harness Cloud, with `cloneCodebase: clone`. */
const cloudStage = (clone: string) => `    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          cloneCodebase: ${clone}
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
              - step: { type: Run, name: t, identifier: t, spec: { command: make } }
`;

/** An input set of pipeline `p` that fills stage `s`'s `cloneCodebase` with `clone`. */
const cloneSet = (clone: string) => `inputSet:
  name: fill
  identifier: fill
  orgIdentifier: default
  projectIdentifier: proj
  pipeline:
    identifier: p
    stages:
      - stage: { identifier: s, type: CI, spec: { cloneCodebase: ${clone} } }
`;

describe('cloneCodebase as a runtime input', () => {
  const base = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}`, 'template.yaml': cloudStageTemplate('<+input>') };

  it('templateInputs that set it to false: the stage does not clone, so the codebase connector is not its use', () => {
    expect(findings({ ...base, 'pipeline.yaml': pipeline(fromTemplate('{ type: CI, spec: { cloneCodebase: false } }')) })).toEqual([]);
  });

  it('templateInputs that set it to true: the stage clones through the codebase connector', () => {
    expect(findings({ ...base, 'pipeline.yaml': pipeline(fromTemplate('{ type: CI, spec: { cloneCodebase: true } }')) })).toEqual([
      'connectors.yaml:22:24 error Connector `code1` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `s` of pipeline `p` through template `st` version v1 uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
      '  pipeline.yaml:12:37 Harness Cloud stage `s` of pipeline `p` through template `st` version v1 clones the codebase through it.',
    ]);
  });

  it('a runtime input nothing fills may clone: the codebase connector is checked', () => {
    expect(findings({ ...base, 'pipeline.yaml': pipeline(fromTemplate()) })).toHaveLength(2);
    expect(findings({ ...base, 'pipeline.yaml': pipeline(fromTemplate('{ type: CI, spec: { cloneCodebase: <+input> } }')) })).toHaveLength(
      2,
    );
  });

  it('an input set that sets the pipeline stage’s own runtime input to false', () => {
    const stage = `    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          cloneCodebase: <+input>
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
              - step: { type: Run, name: t, identifier: t, spec: { command: make } }
`;
    const set = (clone: string) => `inputSet:
  name: fill
  identifier: fill
  orgIdentifier: default
  projectIdentifier: proj
  pipeline:
    identifier: p
    stages:
      - stage: { identifier: s, type: CI, spec: { cloneCodebase: ${clone} } }
`;
    const files = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}`, 'pipeline.yaml': pipeline(stage) };
    expect(findings({ ...files, 'input-set.yaml': set('false') })).toEqual([]);
    expect(findings({ ...files, 'input-set.yaml': set('true') })).toHaveLength(2);
  });

  // Harness reads the field with Jackson, which takes "True" and "TRUE" (quoted) as true, as it takes "False" as false.
  it.each(['"True"', '"TRUE"', "'true'"])('an input set that fills it with the string %s: the stage clones', (clone) => {
    const stage = cloudStage('<+input>');
    const files = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}`, 'pipeline.yaml': pipeline(stage) };
    expect(findings({ ...files, 'input-set.yaml': cloneSet(clone) })).toHaveLength(2);
  });

  it.each(['"True"', '"TRUE"'])('cloneCodebase written as the string %s in the stage: it clones', (clone) => {
    const files = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}`, 'pipeline.yaml': pipeline(cloudStage(clone)) };
    expect(findings(files)).toHaveLength(2);
  });

  // Jackson 2's YAML parser reads unquoted scalars as YAML 1.1 does: `yes` and `on` are true, `no` and `off` false.
  it.each(['yes', 'Yes', 'ON'])('unquoted %s, in the stage or from an input set: it clones', (clone) => {
    const files = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}` };
    expect(findings({ ...files, 'pipeline.yaml': pipeline(cloudStage(clone)) })).toHaveLength(2);
    expect(findings({ ...files, 'pipeline.yaml': pipeline(cloudStage('<+input>')), 'input-set.yaml': cloneSet(clone) })).toHaveLength(2);
  });

  it.each(['no', 'OFF'])('unquoted %s, from an input set: it does not clone', (clone) => {
    const files = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}` };
    expect(findings({ ...files, 'pipeline.yaml': pipeline(cloudStage('<+input>')), 'input-set.yaml': cloneSet(clone) })).toEqual([]);
  });

  it.each(['"False"', '"FALSE"', '"yes"', '"1"'])('the string %s, in the stage or from an input set: it does not clone', (clone) => {
    const files = { 'connectors.yaml': `${HARNESS_IMAGE}---\n${CODE1}` };
    expect(findings({ ...files, 'pipeline.yaml': pipeline(cloudStage(clone)) })).toEqual([]);
    expect(findings({ ...files, 'pipeline.yaml': pipeline(cloudStage('<+input>')), 'input-set.yaml': cloneSet(clone) })).toEqual([]);
  });
});

/** A Harness Cloud stage `s` without cloning whose one step `kaniko` builds with `baseImageConnectorRefs: <+input>`. */
const BASE_IMAGE_STAGE = `    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          cloneCodebase: false
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
              - step:
                  identifier: kaniko
                  type: BuildAndPushDockerRegistry
                  spec: { connectorRef: account.push, repo: acme/app, tags: [v1], baseImageConnectorRefs: <+input> }
`;

describe('baseImageConnectorRefs: <+input> filled with a list', () => {
  const connectors = { 'connectors.yaml': [HARNESS_IMAGE, onDelegate('b_is1'), onDelegate('b_is2')].join('---\n') };
  /** Each listed connector: an error at its `executeOnDelegate`, used (`use`) at the list item on `lines`, `columns`. */
  const errors = (
    file: string,
    lines: [number, number],
    columns: [number, number],
    use = 'Used by Harness Cloud stage `s` of pipeline `p`.',
  ) =>
    (['b_is1', 'b_is2'] as const).flatMap((id, i) => [
      `connectors.yaml:${[21, 33][i]}:24 error Connector \`${id}\` connects through a delegate (\`executeOnDelegate: true\`), but Harness Cloud stage \`s\` of pipeline \`p\` uses it; set \`executeOnDelegate: false\` to connect through the Harness Platform.`,
      `  ${file}:${lines[i]}:${columns[i]} ${use}`,
    ]);
  /** What `account.push` gives in every case: a connector the repo does not hold. */
  const push = (at: string) =>
    `${at} notice Connector \`account.push\` is not in the repo; Harness Cloud stage \`s\` of pipeline \`p\` uses it. Check in Harness that it connects through the Harness Platform.`;

  it('by an input set: each listed connector is checked', () => {
    const set = `inputSet:
  name: fill
  identifier: fill
  orgIdentifier: default
  projectIdentifier: proj
  pipeline:
    identifier: p
    stages:
      - stage:
          identifier: s
          type: CI
          spec:
            execution:
              steps:
                - step: { identifier: kaniko, type: BuildAndPushDockerRegistry, spec: { baseImageConnectorRefs: [b_is1, b_is2] } }
`;
    const files = { ...connectors, 'pipeline.yaml': pipeline(BASE_IMAGE_STAGE), 'input-set.yaml': set };
    expect(findings(files)).toEqual([...errors('input-set.yaml', [15, 15], [114, 121]), push('pipeline.yaml:25:41')]);
  });

  it('by the templateInputs of a stage made from a Stage template', () => {
    const template = `template:
  name: st
  identifier: st
  versionLabel: v1
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: false
      platform: { os: Linux, arch: Amd64 }
      runtime: { type: Cloud, spec: {} }
      execution:
        steps:
          - step:
              identifier: kaniko
              type: BuildAndPushDockerRegistry
              spec: { connectorRef: account.push, repo: acme/app, tags: [v1], baseImageConnectorRefs: <+input> }
`;
    const stage = `    - stage:
        name: s
        identifier: s
        template:
          templateRef: account.st
          versionLabel: v1
          templateInputs:
            type: CI
            spec:
              execution:
                steps:
                  - step: { identifier: kaniko, type: BuildAndPushDockerRegistry, spec: { baseImageConnectorRefs: [b_is1, b_is2] } }
`;
    const files = { ...connectors, 'template.yaml': template, 'pipeline.yaml': pipeline(stage) };
    const through = 'stage `s` of pipeline `p` through template `st` version v1';
    expect(findings(files)).toEqual([
      ...errors('pipeline.yaml', [23, 23], [116, 123], `Used by Harness Cloud ${through}.`).map((l) =>
        l.replace('stage `s` of pipeline `p` uses', `${through} uses`),
      ),
      `template.yaml:17:37 notice Connector \`account.push\` is not in the repo; Harness Cloud ${through} uses it. Check in Harness that it connects through the Harness Platform.`,
    ]);
  });

  it('by the templateInputs of a Step template', () => {
    const template = `template:
  name: kaniko
  identifier: kaniko
  versionLabel: v1
  type: Step
  spec:
    type: BuildAndPushDockerRegistry
    spec: { connectorRef: account.push, repo: acme/app, tags: [v1], baseImageConnectorRefs: <+input> }
`;
    const stage = BASE_IMAGE_STAGE.replace(
      /- step:\n.*\n.*\n.*\n/,
      `- step:
                  identifier: kaniko
                  template:
                    templateRef: account.kaniko
                    versionLabel: v1
                    templateInputs:
                      type: BuildAndPushDockerRegistry
                      spec:
                        baseImageConnectorRefs:
                          - b_is1
                          - b_is2
`,
    );
    const files = { ...connectors, 'template.yaml': template, 'pipeline.yaml': pipeline(stage) };
    const use = 'Used by Harness Cloud stage `s` of pipeline `p`, step `kaniko` from template `kaniko` version v1.';
    expect(findings(files)).toEqual([...errors('pipeline.yaml', [31, 32], [29, 29], use), push('template.yaml:8:27')]);
  });
});

/** A trigger of pipeline `p` (`enabled` as written, or left out) whose inputYaml gives step `r0` of stage `cloud` the connector `ref`. */
const trigger = (enabled: string | undefined, ref: string) => `trigger:
  name: on push
  identifier: on_push
${enabled === undefined ? '' : `  enabled: ${enabled}\n`}  orgIdentifier: default
  projectIdentifier: proj
  pipelineIdentifier: p
  source:
    type: Webhook
    spec:
      type: Github
  inputYaml: |
    pipeline:
      identifier: p
      stages:
        - stage:
            identifier: cloud
            type: CI
            spec:
              execution:
                steps:
                  - step: { identifier: r0, type: Run, spec: { connectorRef: ${ref} } }
`;

describe('disabled triggers supply nothing', () => {
  const cloudStage = `    - stage:
        name: cloud
        identifier: cloud
        type: CI
        spec:
          cloneCodebase: false
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
              - step: { type: Run, name: r0, identifier: r0, spec: { connectorRef: <+input>, image: golang:1.23 } }
`;
  const files = (enabled: string | undefined) => ({
    'connectors.yaml': `${HARNESS_IMAGE}---\n${onDelegate('hub')}`,
    'pipeline.yaml': pipeline(cloudStage),
    'trigger.yaml': trigger(enabled, 'hub'),
  });
  const open =
    'pipeline.yaml:22:84 notice The connector of Harness Cloud stage `cloud` of pipeline `p` is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform.';

  it.each(['true', undefined])('enabled: %s — the trigger fills the runtime input', (enabled) => {
    expect(findings(files(enabled))).toEqual([
      'connectors.yaml:21:24 error Connector `hub` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud stage `cloud` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
      `  trigger.yaml:${enabled === undefined ? 21 : 22}:78 Used by Harness Cloud stage \`cloud\` of pipeline \`p\`.`,
    ]);
  });

  it.each(['false', '"false"', 'False', '"FALSE"', 'no', 'Off'])(
    'enabled: %s — a trigger that never starts a run fills nothing (policy 2)',
    (enabled) => {
      expect(findings(files(enabled))).toEqual([open]);
    },
  );

  it('policy 3 does not check what a disabled trigger sets for a pipeline outside the repo', () => {
    const set = (enabled: string) =>
      trigger(enabled, 'hub').replace(
        '              execution:\n                steps:\n                  - step: { identifier: r0, type: Run, spec: { connectorRef: hub } }\n',
        '              infrastructure: { type: KubernetesDirect, spec: { harnessImageConnectorRef: mirror } }\n',
      );
    const rule = 'require-account-image-connector';
    expect(findings({ 'trigger.yaml': set('true') }, rule)).toHaveLength(1);
    expect(findings({ 'trigger.yaml': set('false') }, rule)).toEqual([]);
  });
});

describe('a stage on another stage’s infrastructure (useFromStage)', () => {
  it('pulls Harness images at its own useFromStage, not at the other stage’s runtime', () => {
    const files = {
      'connectors.yaml': HARNESS_IMAGE.replace('executeOnDelegate: false', 'executeOnDelegate: true'),
      'pipeline.yaml': pipeline(`    - stage:
        name: a
        identifier: a
        type: CI
        spec:
          cloneCodebase: false
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution: { steps: [{ step: { type: Run, name: t, identifier: t, spec: { command: make } } }] }
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          cloneCodebase: false
          infrastructure: { useFromStage: a }
          execution: { steps: [{ step: { type: Run, name: t, identifier: t, spec: { command: make } } }] }
`),
    };
    expect(findings(files)).toEqual([
      'connectors.yaml:9:24 error Connector `harnessImage` connects through a delegate (`executeOnDelegate: true`), but 2 Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
      '  pipeline.yaml:19:28 Harness Cloud stage `a` of pipeline `p` pulls Harness images through it.',
      '  pipeline.yaml:27:43 Harness Cloud stage `b` of pipeline `p` pulls Harness images through it.',
    ]);
  });
});

describe('a stage on the infrastructure of a stage with several template versions', () => {
  /** Version `label` of account Stage template `st`, a CI stage on `infra`. */
  const version = (label: string, infra: string) => `template:
  name: st
  identifier: st
  versionLabel: ${label}
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: false
${infra}      execution:
        steps:
          - step: { type: Run, name: t, identifier: t, spec: { command: make } }
`;
  const files = {
    'connectors.yaml': `${HARNESS_IMAGE}---\n${onDelegate('hub')}`,
    'st-v1.yaml': version('v1', '      platform: { os: Linux, arch: Amd64 }\n      runtime: { type: Cloud, spec: {} }\n'),
    'st-v2.yaml': version('v2', '      infrastructure: { type: KubernetesDirect, spec: { connectorRef: account.k8s, namespace: ci } }\n'),
    'pipeline.yaml': pipeline(`    - stage: { name: a, identifier: a, template: { templateRef: account.st } }
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          cloneCodebase: false
          infrastructure: { useFromStage: a }
          execution:
            steps:
              - step: { type: Run, name: r0, identifier: r0, spec: { connectorRef: hub, image: golang:1.23 } }
    - stage:
        name: c
        identifier: c
        type: CI
        spec:
          cloneCodebase: false
          infrastructure: { useFromStage: b }
          execution:
            steps:
              - step: { type: Run, name: r0, identifier: r0, spec: { connectorRef: hub, image: golang:1.23 } }
`),
  };

  it('the message says it holds only when the Cloud version is the stable one, along a chain too', () => {
    const on = 'on the infrastructure of stage `a` through template `st` version v1 (no versionLabel: the stable version is one of v1, v2)';
    expect(findings(files)).toEqual([
      'connectors.yaml:21:24 error Connector `hub` connects through a delegate (`executeOnDelegate: true`), but 2 Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
      `  pipeline.yaml:22:84 Used by Harness Cloud stage \`b\` of pipeline \`p\` ${on}.`,
      `  pipeline.yaml:32:84 Used by Harness Cloud stage \`c\` of pipeline \`p\` ${on}.`,
    ]);
  });
});

describe('a step made from a Step template the repo does not hold, with templateInputs', () => {
  /** Project Stage template `st` (v1): a Harness Cloud stage whose one step `x` is made from `account.remote_step` v1. */
  const template = `template:
  name: st
  identifier: st
  versionLabel: v1
  orgIdentifier: default
  projectIdentifier: proj
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: false
      platform: { os: Linux, arch: Amd64 }
      runtime: { type: Cloud, spec: {} }
      execution:
        steps:
          - step: { identifier: x, name: x, template: { templateRef: account.remote_step, versionLabel: v1, templateInputs: { type: Run, spec: { command: <+input> } } } }
`;
  /** Pipeline `id` of default/proj whose stage `s` is made from `st`. */
  const user = (id: string) => `pipeline:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: proj
  stages:
    - stage: { name: s, identifier: s, template: { templateRef: st, versionLabel: v1 } }
`;
  const notice = (stage: string) =>
    `template.yaml:16:70 notice Step \`x\` of Harness Cloud ${stage} is made from template \`account.remote_step\` (version v1), which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.`;

  it('still gets a notice: templateInputs list only runtime inputs, not a connector fixed in the template', () => {
    const files = { 'connectors.yaml': HARNESS_IMAGE, 'template.yaml': template, 'p1.yaml': user('p1') };
    expect(findings(files)).toEqual([notice('stage `s` of pipeline `p1` through template `st` version v1')]);
  });

  it('used by two pipelines: one notice that counts the stages and lists them as related locations', () => {
    const files = { 'connectors.yaml': HARNESS_IMAGE, 'template.yaml': template, 'p1.yaml': user('p1'), 'p2.yaml': user('p2') };
    expect(findings(files)).toEqual([
      'template.yaml:16:70 notice Step `x` of 2 Harness Cloud stages (listed as related locations) is made from template `account.remote_step` (version v1), which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
      '  p1.yaml:7:37 Used by Harness Cloud stage `s` of pipeline `p1` through template `st` version v1.',
      '  p2.yaml:7:37 Used by Harness Cloud stage `s` of pipeline `p2` through template `st` version v1.',
    ]);
  });
});
