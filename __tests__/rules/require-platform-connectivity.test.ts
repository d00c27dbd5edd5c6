import rule from '../../src/rules/require-platform-connectivity.js';
import { crlf } from '../helpers/lint-files.js';
import { fromHarness, harnessConnector, testRule } from '../helpers/rule-tester.js';

/** A Docker connector whose `spec` ends with `extra` (indented four spaces); `scope` adds org/project lines. */
const connector = (id: string, extra: string, scope = '') => `connector:
  name: ${id}
  identifier: ${id}
${scope}  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth:
      type: Anonymous
${extra}`;

const PLATFORM = '    executeOnDelegate: false\n';
const DELEGATE = '    executeOnDelegate: true\n';
const IN_PROJECT = '  orgIdentifier: default\n  projectIdentifier: proj\n';
/** Harness Cloud pulls its images through account.harnessImage: on the platform, it gives no finding. */
const HARNESS_IMAGE = connector('harnessImage', PLATFORM);

/** A Harness Cloud stage whose Run steps pull through `refs`, one a line from the stage's 11th line. */
const cloudStage = (id: string, ...refs: string[]) => `    - stage:
        name: ${id}
        identifier: ${id}
        type: CI
        spec:
          cloneCodebase: false
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
${refs.map((ref, i) => `              - step: { type: Run, name: r${i}, identifier: r${i}, spec: { connectorRef: ${ref}, image: golang:1.23 } }\n`).join('')}`;

/** Pipeline `p` in project default/proj; its first stage starts at line 7, so that stage's first step is at line 17, column 84. */
const pipeline = (...stages: string[]) => `pipeline:
  name: p
  identifier: p
  orgIdentifier: default
  projectIdentifier: proj
  stages:
${stages.join('')}`;

/** The pipeline with pipeline variables (`name: value`) before its stages: 3 lines each, from line 7. */
const withVariables = (text: string, vars: Record<string, string>) =>
  text.replace(
    '  stages:\n',
    `  variables:\n${Object.entries(vars)
      .map(([name, value]) => `    - name: ${name}\n      type: String\n      value: ${value}\n`)
      .join('')}  stages:\n`,
  );

/** Version `label` of account Stage template `st`: a CI stage with `infra` (its infrastructure lines) and one Run step. */
const stageTemplate = (label: string, infra: string) => `template:
  name: st
  identifier: st
  versionLabel: ${label}
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: false
${infra.replaceAll(/^ {10}/gm, '      ')}      execution:
        steps:
          - step: { type: Run, name: t, identifier: t, spec: { command: make } }
`;

const K8S_INFRA = '          infrastructure: { type: KubernetesDirect, spec: { connectorRef: account.k8s, namespace: ci } }\n';
const CLOUD_INFRA = '          platform: { os: Linux, arch: Amd64 }\n          runtime: { type: Cloud, spec: {} }\n';

/**
 * Stage `a` made from Stage template `st` (`link`: the template's fields), then stage `b` on a's
 * infrastructure (`useFromStage`) with a Run step through `hub` at line 17, column 84.
 */
const followsTemplateStage = (link: string) =>
  pipeline(`    - stage: { name: a, identifier: a, template: { ${link} } }
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
`);

/** Pipeline variables whose values are only known at run time: a runtime input and an expression. */
const RUNTIME_VARIABLES = { input: '<+input>', expr: '<+trigger.payload.registry>' };

/** Project connector `hub` after HARNESS_IMAGE, without executeOnDelegate, used by the one Cloud stage of `pipeline.yaml`. */
const HUB_ABSENT = () => [
  {
    file: 'connectors.yaml',
    messageId: 'delegateAbsent',
    line: 18,
    column: 3,
    related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
  },
];
/**
 * Project connector `hub` (`executeOnDelegate: true`, after HARNESS_IMAGE in `connectors.yaml`)
 * used by one Harness Cloud stage at `use`: the error, and the fix.
 */
const hubOnDelegate = (use: { file: string; messageId: string; line: number; column: number }) => ({
  errors: [{ file: 'connectors.yaml', messageId: 'delegateTrue', line: 23, column: 24, related: [use] }],
  output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
});
const PROJECT_SCOPE = { level: 'project' as const, org: 'default', project: 'proj' };
const ui = (id: string) => `https://app.harness.io/ng/connectors/${id}`;

export default testRule(import.meta.filename, rule, {
  valid: [
    {
      name: 'every connector of a Harness Cloud stage connects through the Harness Platform',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub', '<+input>.default(hub)')),
      },
    },
    {
      name: 'a delegate connector used only by a Kubernetes stage',
      files: {
        'connectors.yaml': connector('private', `${DELEGATE}    delegateSelectors: [inside]\n`, IN_PROJECT),
        'pipeline.yaml': pipeline(`    - stage:
        name: k8s
        identifier: k8s
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: private
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { connectorRef: private, image: golang:1.23 } }
`),
      },
    },
    {
      name: 'assumeHarnessCloudImageConnector: account.harnessImage may be left out of the repo',
      files: pipeline(cloudStage('cloud')),
      options: { assumeHarnessCloudImageConnector: true },
    },
    {
      name: 'a runtime input that an input set fills with a connector on the platform',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', '<+input>')),
        'input-set.yaml': inputSet('hub'),
      },
    },
    {
      name: 'a stage made from a Stage template the repo does not hold, whose inputs make it a Deployment: it never runs on Harness Cloud',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': pipeline(
          '    - stage: { name: d, identifier: d, template: { templateRef: account.deploy, templateInputs: { type: Deployment } } }\n',
        ),
      },
    },
    {
      name: 'a Stage template checked on its own: `useFromStage` names a stage of the pipelines that will use it',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'template.yaml': stageTemplate('v1', '          infrastructure: { useFromStage: build }\n'),
      },
    },
    {
      name: 'a step made from a template the repo does not hold, in a stage that does not run on Harness Cloud',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': pipeline(
          cloudStage('k8s')
            .replace('          platform: { os: Linux, arch: Amd64 }\n          runtime: { type: Cloud, spec: {} }\n', K8S_INFRA)
            .replace(
              '            steps:\n',
              '            steps:\n              - step: { name: s, identifier: s, template: { templateRef: account.remote_step } }\n',
            ),
        ),
      },
    },
    ...['no', 'No', 'OFF', 'off'].map((value) => ({
      name: `executeOnDelegate: ${value} unquoted: Harness's YAML parser (Jackson 2, YAML 1.1 words) reads it as false`,
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', `    executeOnDelegate: ${value}\n`, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
    })),
    ...['"false"', "'False'", '"FALSE"'].map((value) => ({
      name: `executeOnDelegate as the string ${value}: Harness (Jackson) reads it as false, so the connector connects through the Harness Platform`,
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', `    executeOnDelegate: ${value}\n`, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
    })),
  ],
  invalid: [
    ...['a', 'z'].map((name) => ({
      name: `two files define one connector, one of them through a delegate (that one named ${name}.yaml): the delegate copy is an error whichever sorts first`,
      files: {
        'harness-image.yaml': HARNESS_IMAGE,
        'm.yaml': connector('hub', PLATFORM, IN_PROJECT),
        [`${name}.yaml`]: connector('hub', DELEGATE, IN_PROJECT),
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: [
        {
          file: `${name}.yaml`,
          messageId: 'delegateTrue',
          line: 12,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
        },
      ],
      output: { [`${name}.yaml`]: connector('hub', PLATFORM, IN_PROJECT) },
    })),
    {
      name: 'one Harness Cloud stage using the connector in two steps is one stage, with both steps related',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub', 'hub')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 23,
          column: 24,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 18, column: 84 },
          ],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
    },
    {
      name: 'executeOnDelegate: true, one Harness Cloud stage: fixed',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      ...hubOnDelegate({ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }),
    },
    {
      name: 'executeOnDelegate absent, the last value keeps its blank lines (|+): inserted above the comments over the first key, not between them and it',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', '    note: |+\n      kept\n\n', IN_PROJECT).replace('    dockerRegistryUrl', '    # harness-registry-guard-disable-next-line no-app-harness-registry -- kept until the cutover\n    dockerRegistryUrl')}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: HUB_ABSENT(),
      output: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', '    note: |+\n      kept\n\n', IN_PROJECT).replace('    dockerRegistryUrl', '    executeOnDelegate: false\n    # harness-registry-guard-disable-next-line no-app-harness-registry -- kept until the cutover\n    dockerRegistryUrl')}`,
      },
    },
    {
      name: 'executeOnDelegate absent, in a CRLF file: inserted, keeping the line endings',
      files: {
        'connectors.yaml': crlf(`${HARNESS_IMAGE}---\n${connector('hub', '', IN_PROJECT)}`),
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: HUB_ABSENT(),
      output: { 'connectors.yaml': crlf(`${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}`) },
    },
    ...[
      [
        'with a comment after it',
        '    executeOnDelegate:   # set by the platform team\n',
        '    executeOnDelegate: false   # set by the platform team\n',
      ],
      ['last in the file', '    executeOnDelegate:\n', PLATFORM],
    ].map(([where, before, after]) => ({
      name: `executeOnDelegate with no value (null: delegate), ${where}: the value goes after the colon, the comment stays`,
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', before!, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateAbsent',
          line: 23,
          column: before!.indexOf(':') + 2 + (before!.includes('#') ? 3 : 0),
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', after!, IN_PROJECT)}` },
    })),
    {
      name: 'executeOnDelegate as the string "true": replaced by the boolean false',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', '    executeOnDelegate: "true"\n', IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateString',
          message:
            'Connector `hub` connects through a delegate (`executeOnDelegate` is the string "true", not the boolean `false`), but Harness Cloud stage `cloud` of pipeline `p` uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
          line: 23,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
    },
    ...[
      ['yes', 'delegateTrue'],
      ['On', 'delegateTrue'],
      ['"no"', 'delegateString'],
    ].map(([value, messageId]) => ({
      name: `executeOnDelegate: ${value}: ${messageId === 'delegateTrue' ? 'unquoted, Harness reads it as true' : 'quoted, Harness does not read it as false'}; replaced by the boolean false`,
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', `    executeOnDelegate: ${value}\n`, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId,
          line: 23,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
    })),
    {
      name: 'several stages use each connector of a multi-document file: one finding per connector, listing them',
      files: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          connector('absent', '', IN_PROJECT),
          connector('yes', DELEGATE, IN_PROJECT),
          connector('text', '    executeOnDelegate: "no"\n', IN_PROJECT),
        ].join('---\n'),
        'pipeline.yaml': pipeline(cloudStage('one', 'absent', 'yes', 'text'), cloudStage('two', 'absent', 'yes', 'text')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateAbsentMany',
          line: 18,
          column: 3,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 30, column: 84 },
          ],
        },
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrueMany',
          line: 35,
          column: 24,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 18, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 31, column: 84 },
          ],
        },
        {
          file: 'connectors.yaml',
          messageId: 'delegateStringMany',
          line: 48,
          column: 24,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 19, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 32, column: 84 },
          ],
        },
      ],
      output: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          connector('absent', PLATFORM, IN_PROJECT),
          connector('yes', PLATFORM, IN_PROJECT),
          connector('text', PLATFORM, IN_PROJECT),
        ].join('---\n'),
      },
    },
    {
      name: 'delegate selectors make the fix a suggestion',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', `${DELEGATE}    delegateSelectors: [inside]\n`, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 23,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
          suggestion: `${HARNESS_IMAGE}---\n${connector('hub', `${PLATFORM}    delegateSelectors: [inside]\n`, IN_PROJECT)}`,
        },
      ],
    },
    {
      name: 'account.harnessImage through a delegate',
      files: { 'connectors.yaml': connector('harnessImage', DELEGATE), 'pipeline.yaml': pipeline(cloudStage('cloud')) },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 10,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'pullsHarnessImages', line: 14, column: 28 }],
        },
      ],
      output: { 'connectors.yaml': HARNESS_IMAGE },
    },
    {
      name: 'account.harnessImage not in the repo',
      files: pipeline(cloudStage('cloud')),
      errors: [{ messageId: 'harnessImageNotInRepo', line: 14, column: 28, unresolved: true }],
    },
    {
      name: 'account.harnessImage not in the repo, for two stages of two pipelines: one notice for the scan',
      files: { 'one.yaml': pipeline(cloudStage('a')), 'two.yaml': pipeline(cloudStage('b')).replace(/\bp\b/g, 'q') },
      errors: [
        {
          file: 'one.yaml',
          messageId: 'harnessImageNotInRepoMany',
          line: 14,
          column: 28,
          unresolved: true,
          related: [
            { file: 'one.yaml', messageId: 'pullsHarnessImages', line: 14, column: 28 },
            { file: 'two.yaml', messageId: 'pullsHarnessImages', line: 14, column: 28 },
          ],
        },
      ],
    },
    {
      name: 'connectors not in the repo: one notice each, at the first use, naming the scope unless it is the account',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': pipeline(cloudStage('one', 'account.acc', 'org.shared', 'local'), cloudStage('two', 'org.shared', 'account.both')),
        'other.yaml': pipeline(cloudStage('three', 'account.both')).replace(/\bp\b/g, 'q'),
      },
      errors: [
        {
          file: 'other.yaml',
          messageId: 'accountNotInRepoMany',
          line: 17,
          column: 84,
          unresolved: true,
          related: [
            { file: 'other.yaml', messageId: 'usedBy', line: 17, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 31, column: 84 },
          ],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'accountNotInRepo',
          message:
            'Connector `account.acc` is not in the repo; Harness Cloud stage `one` of pipeline `p` uses it. Check in Harness that it connects through the Harness Platform.',
          line: 17,
          column: 84,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'notInRepoMany',
          line: 18,
          column: 84,
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 18, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 30, column: 84 },
          ],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'notInRepo',
          message:
            'Connector `local` (project default/proj) is not in the repo; Harness Cloud stage `one` of pipeline `p` uses it. Check in Harness that it connects through the Harness Platform.',
          line: 19,
          column: 84,
          unresolved: true,
        },
      ],
    },
    ...['true', '<+input>', '<+pipeline.variables.clone>'].map((clone) => ({
      name: `the codebase connector: each stage that clones (cloneCodebase: ${clone}) uses it`,
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('github', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud'))
          .replace(
            '  stages:\n',
            '  properties:\n    ci:\n      codebase:\n        connectorRef: github\n        build: <+input>\n  stages:\n',
          )
          .replace('cloneCodebase: false', `cloneCodebase: ${clone}`),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 23,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'clonesCodebase', line: 14, column: 21 }],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('github', PLATFORM, IN_PROJECT)}` },
    })),
    {
      name: 'a codebase connector that is not in the repo: the notice is on the codebase connectorRef, the stages that clone are related',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': pipeline(cloudStage('one'), cloudStage('two'))
          .replace('  stages:\n', '  properties:\n    ci:\n      codebase:\n        connectorRef: account.github\n  stages:\n')
          .replaceAll('cloneCodebase: false', 'cloneCodebase: true'),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'accountNotInRepoMany',
          line: 9,
          column: 23,
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'clonesCodebase', line: 13, column: 21 },
            { file: 'pipeline.yaml', messageId: 'clonesCodebase', line: 23, column: 21 },
          ],
        },
      ],
    },
    {
      name: 'a codebase connector only Harness holds, through a delegate: one error at the codebase connectorRef, the stages that clone are related',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': pipeline(cloudStage('one'), cloudStage('two'))
          .replace('  stages:\n', '  properties:\n    ci:\n      codebase:\n        connectorRef: account.github\n  stages:\n')
          .replaceAll('cloneCodebase: false', 'cloneCodebase: true'),
      },
      harness: fromHarness([harnessConnector('github', { level: 'account' }, { type: 'Github', urls: ['https://github.com/acme'] })]),
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'harnessDelegateAbsentMany',
          line: 9,
          column: 23,
          harnessUrl: ui('github'),
          related: [
            { file: 'pipeline.yaml', messageId: 'clonesCodebase', line: 13, column: 21 },
            { file: 'pipeline.yaml', messageId: 'clonesCodebase', line: 23, column: 21 },
          ],
        },
      ],
    },
    {
      name: 'step templates two stages use: the step and the template are named',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE)}`,
        'templates.yaml': `template:
  name: push
  identifier: push
  versionLabel: "1"
  type: Step
  spec:
    type: Run
    spec:
      connectorRef: account.hub
      image: golang:1.23
---
template:
  name: open
  identifier: open
  versionLabel: "1"
  type: Step
  spec:
    type: Run
    spec:
      connectorRef: <+input>
      image: golang:1.23
`,
        'pipeline.yaml': pipeline(cloudStage('one'), cloudStage('two')).replaceAll(
          '            steps:\n',
          `            steps:
              - step: { name: push, identifier: push, template: { templateRef: account.push, versionLabel: "1" } }
              - step: { name: open, identifier: open, template: { templateRef: account.open, versionLabel: "1" } }
`,
        ),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrueMany',
          line: 21,
          column: 24,
          related: [
            { file: 'templates.yaml', messageId: 'usedByStep', line: 9, column: 21 },
            { file: 'templates.yaml', messageId: 'usedByStep', line: 9, column: 21 },
          ],
        },
        {
          file: 'templates.yaml',
          messageId: 'openInputSharedMany',
          line: 20,
          column: 21,
          unresolved: true,
          related: [
            { file: 'templates.yaml', messageId: 'openUseStep', line: 20, column: 21 },
            { file: 'templates.yaml', messageId: 'openUseStep', line: 20, column: 21 },
          ],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM)}` },
    },
    {
      name: 'a StepGroup template two stages use: the step group and the template are named',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE)}`,
        'templates.yaml': `template:
  name: group
  identifier: group
  versionLabel: "1"
  type: StepGroup
  spec:
    steps:
      - step: { type: Run, name: push, identifier: push, spec: { connectorRef: account.hub, image: golang:1.23 } }
      - step: { type: Run, name: open, identifier: open, spec: { connectorRef: <+input>, image: golang:1.23 } }
`,
        'pipeline.yaml': pipeline(cloudStage('one'), cloudStage('two')).replaceAll(
          '            steps:\n',
          `            steps:
              - stepGroup: { name: sg, identifier: sg, template: { templateRef: account.group, versionLabel: "1" } }
`,
        ),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrueMany',
          line: 21,
          column: 24,
          related: [
            { file: 'templates.yaml', messageId: 'usedByStepGroup', line: 8, column: 80 },
            { file: 'templates.yaml', messageId: 'usedByStepGroup', line: 8, column: 80 },
          ],
        },
        {
          file: 'templates.yaml',
          messageId: 'openInputSharedMany',
          line: 9,
          column: 80,
          unresolved: true,
          related: [
            { file: 'templates.yaml', messageId: 'openUseStepGroup', line: 9, column: 80 },
            { file: 'templates.yaml', messageId: 'openUseStepGroup', line: 9, column: 80 },
          ],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM)}` },
    },
    ...(
      [
        [
          'an unquoted versionLabel `1.0` is the label "1.0", as Harness reads it (not the number 1)',
          { 'templates/one.yaml': stageTemplate('1', K8S_INFRA), 'templates/one-point-o.yaml': stageTemplate('1.0', CLOUD_INFRA) },
          'templateRef: account.st, versionLabel: "1.0"',
        ],
        ...['v1.yaml', 'z1.yaml'].map((older) => [
          `a stage on the infrastructure of a stage template's stable version (Cloud in v2 only; v1 in ${older})`,
          { [`templates/${older}`]: stageTemplate('v1', K8S_INFRA), 'templates/v2.yaml': stageTemplate('v2', CLOUD_INFRA) },
          'templateRef: account.st',
        ]),
      ] as Array<[string, Record<string, string>, string]>
    ).map(([name, templates, link]) => ({
      name,
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        ...templates,
        'pipeline.yaml': followsTemplateStage(link),
      },
      ...hubOnDelegate({ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }),
    })),
    {
      name: "each version of a Pipeline template: a stage on another's infrastructure follows its own version's stage",
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE)}`,
        ...Object.fromEntries(
          [
            ['v1', CLOUD_INFRA],
            ['v2', K8S_INFRA],
          ].map(([label, infra]) => [
            `pt-${label}.yaml`,
            `template:
  name: pt
  identifier: pt
  versionLabel: ${label}
  type: Pipeline
  spec:
    stages:
      - stage:
          name: a
          identifier: a
          type: CI
          spec:
            cloneCodebase: false
${infra!.replaceAll(/^ {10}/gm, '            ')}            execution:
              steps:
                - step: { type: Run, name: t, identifier: t, spec: { command: make } }
      - stage:
          name: b
          identifier: b
          type: CI
          spec:
            cloneCodebase: false
            infrastructure: { useFromStage: a }
            execution:
              steps:
                - step: { type: Run, name: r, identifier: r, spec: { connectorRef: account.hub, image: golang:1.23 } }
`,
          ]),
        ),
        'pipeline.yaml': 'pipeline:\n  name: p\n  identifier: p\n  template: { templateRef: account.pt }\n',
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 21,
          column: 24,
          related: [{ file: 'pt-v1.yaml', messageId: 'usedBy', line: 28, column: 84 }],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM)}` },
    },
    {
      name: "a Pipeline template's variable, a runtime input the pipeline's templateInputs fill, names a step's connector",
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'template.yaml': `template:
  name: pt
  identifier: pt
  versionLabel: v1
  type: Pipeline
  orgIdentifier: default
  projectIdentifier: proj
  spec:
    variables:
      - name: registry
        type: String
        value: <+input>
    stages:
${cloudStage('cloud', '<+pipeline.variables.registry>').replaceAll(/^/gm, '  ')}`,
        'pipeline.yaml': `pipeline:
  name: p
  identifier: p
  orgIdentifier: default
  projectIdentifier: proj
  template:
    templateRef: pt
    versionLabel: v1
    templateInputs:
      variables:
        - name: registry
          type: String
          value: hub
`,
      },
      ...hubOnDelegate({ file: 'pipeline.yaml', messageId: 'usedBy', line: 13, column: 18 }),
    },
    {
      name: 'a reference that is not valid (three parts) is said to be so, not looked for in a project',
      files: { 'connectors.yaml': HARNESS_IMAGE, 'pipeline.yaml': pipeline(cloudStage('cloud', 'account.org.x')) },
      errors: [{ file: 'pipeline.yaml', messageId: 'invalidRef', line: 17, column: 84, unresolved: true }],
    },
    {
      name: 'a reference that is not valid, in two stages: one notice, the stages as related locations',
      files: { 'connectors.yaml': HARNESS_IMAGE, 'pipeline.yaml': pipeline(cloudStage('one', 'org.a.b'), cloudStage('two', 'org.a.b')) },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'invalidRefMany',
          line: 17,
          column: 84,
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 28, column: 84 },
          ],
        },
      ],
    },
    {
      name: 'a runtime input or an expression nothing in the repo settles',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': pipeline(cloudStage('cloud', '<+input>', '<+stage.variables.registry>')),
      },
      errors: [
        { file: 'pipeline.yaml', messageId: 'openInput', line: 17, column: 84, unresolved: true },
        { file: 'pipeline.yaml', messageId: 'openExpression', line: 18, column: 84, unresolved: true },
      ],
    },
    {
      name: 'a runtime-input option that is an expression: `<+pipeline.variables.x>` takes the variable, another is an open expression',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': withVariables(
          pipeline(
            cloudStage('cloud', '<+input>.default(<+pipeline.variables.reg>)', '<+input>.allowedValues(<+trigger.payload.registry>)'),
          ),
          { reg: 'hub' },
        ),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 23,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 9, column: 14 }],
        },
        { file: 'pipeline.yaml', messageId: 'openExpression', line: 22, column: 84, unresolved: true },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
    },
    {
      name: '`useFromStage` in a loop (a from b, b from a; c from a; d from itself): no stage of it has infrastructure, one notice each',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(
          ...[
            ['a', 'b'],
            ['b', 'a'],
            ['c', 'a'],
            ['d', 'd'],
          ].map(
            ([id, from]) =>
              `    - stage: { name: ${id}, identifier: ${id}, type: CI, spec: { infrastructure: { useFromStage: ${from} }, execution: { steps: [ { step: { type: Run, name: r, identifier: r, spec: { connectorRef: hub, image: golang:1.23 } } } ] } } }\n`,
          ),
        ),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'infraFromLoop',
          message:
            'Whether stage `a` of pipeline `p` runs on Harness Cloud cannot be told: it takes its infrastructure from stage `b`, and `useFromStage` leads from there back to a stage already passed (a loop, which Harness cannot run), so its connectors are not checked.',
          line: 7,
          column: 90,
          unresolved: true,
        },
        { file: 'pipeline.yaml', messageId: 'infraFromLoop', line: 8, column: 90, unresolved: true },
        { file: 'pipeline.yaml', messageId: 'infraFromLoop', line: 9, column: 90, unresolved: true },
        {
          file: 'pipeline.yaml',
          messageId: 'infraFromItself',
          message:
            'Whether stage `d` of pipeline `p` runs on Harness Cloud cannot be told: its `useFromStage` names the stage itself (a loop, which Harness cannot run), so its connectors are not checked.',
          line: 10,
          column: 90,
          unresolved: true,
        },
      ],
    },
    {
      name: 'a stage made from a Stage template the repo does not hold, and stages on its infrastructure or on a stage that is not there: one notice each',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': followsTemplateStage(
          'templateRef: account.remote, versionLabel: v1, templateInputs: { type: CI, spec: { execution: { steps: [ { step: { identifier: t, type: Run, spec: { connectorRef: hub } } } ] } } }',
        ).replace(
          '  stages:\n',
          '  stages:\n    - stage: { name: c, identifier: c, type: CI, spec: { infrastructure: { useFromStage: typo }, execution: { steps: [] } } }\n',
        ),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'infraFromMissingStage',
          message:
            'Whether stage `c` of pipeline `p` runs on Harness Cloud cannot be told: it takes its infrastructure from stage `typo`, which its pipeline does not have, so its connectors are not checked.',
          line: 7,
          column: 90,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'stageTemplateNotInRepo',
          message:
            'Whether stage `a` of pipeline `p` runs on Harness Cloud cannot be told: it is made from template `account.remote` (version v1), which is not in the repo, so its connectors are not checked. If it runs on Harness Cloud, check in Harness that they connect through the Harness Platform.',
          line: 8,
          column: 65,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'infraFromTemplateNotInRepo',
          line: 15,
          column: 43,
          unresolved: true,
        },
      ],
    },
    {
      name: 'a Harness Cloud stage with a step and a step group made from templates the repo does not hold (or not at that version): a notice at each templateRef',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'template.yaml': `template:
  name: kaniko
  identifier: kaniko
  versionLabel: v1
  type: Step
  spec:
    type: Run
    spec: { command: make }
`,
        'pipeline.yaml': pipeline(
          cloudStage('cloud').replace(
            '            steps:\n',
            `            steps:
              - step: { name: s, identifier: s, template: { templateRef: account.remote_step } }
              - stepGroup: { name: g, identifier: g, template: { templateRef: account.remote_group, versionLabel: v1 } }
              - step: { name: k, identifier: k, template: { templateRef: account.kaniko, versionLabel: v2 } }
              - step: { name: i, identifier: i, template: { templateRef: account.remote_step, templateInputs: { type: Run, spec: { connectorRef: account.hub } } } }
`,
          ),
        ),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'stepTemplateNotInRepo',
          message:
            'Step `s` of Harness Cloud stage `cloud` of pipeline `p` is made from template `account.remote_step`, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
          line: 17,
          column: 74,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'stepGroupTemplateNotInRepo',
          message:
            'Step group `g` of Harness Cloud stage `cloud` of pipeline `p` is made from template `account.remote_group` (version v1), which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
          line: 18,
          column: 79,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'stepTemplateNotInRepo',
          line: 19,
          column: 74,
          unresolved: true,
        },
        // templateInputs list only the template's runtime inputs: a connector fixed in it is still unknown.
        { file: 'pipeline.yaml', messageId: 'stepTemplateNotInRepo', line: 20, column: 74, unresolved: true },
        // What they set is checked (the connector `account.hub`, not in the repo).
        { file: 'pipeline.yaml', messageId: 'accountNotInRepo', line: 20, column: 146, unresolved: true },
      ],
    },
    {
      name: 'a step and a step group from templates the repo does not hold, in a Stage template two pipelines use: one notice each, listing the stages',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'template.yaml': stageTemplate('v1', CLOUD_INFRA).replace(
          '        steps:\n',
          `        steps:
          - step: { name: s, identifier: s, template: { templateRef: account.remote_step } }
          - stepGroup: { name: g, identifier: g, template: { templateRef: account.remote_group } }
`,
        ),
        'one.yaml': pipeline('    - stage: { name: a, identifier: a, template: { templateRef: account.st, versionLabel: v1 } }\n'),
        'two.yaml': pipeline('    - stage: { name: b, identifier: b, template: { templateRef: account.st, versionLabel: v1 } }\n').replace(
          /identifier: p$/m,
          'identifier: q',
        ),
      },
      errors: [
        {
          file: 'template.yaml',
          messageId: 'stepTemplateNotInRepoMany',
          message:
            'Step `s` of 2 Harness Cloud stages (listed as related locations) is made from template `account.remote_step`, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
          line: 14,
          column: 70,
          unresolved: true,
          related: [
            { file: 'one.yaml', messageId: 'usedBy', line: 7, column: 37 },
            { file: 'two.yaml', messageId: 'usedBy', line: 7, column: 37 },
          ],
        },
        {
          file: 'template.yaml',
          messageId: 'stepGroupTemplateNotInRepoMany',
          line: 15,
          column: 75,
          unresolved: true,
          related: [
            { file: 'one.yaml', messageId: 'usedBy', line: 7, column: 37 },
            { file: 'two.yaml', messageId: 'usedBy', line: 7, column: 37 },
          ],
        },
      ],
    },
    {
      name: 'a pipeline made from a Pipeline template the repo does not hold: one notice',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': `pipeline:
  name: p
  identifier: p
  template:
    templateRef: org.remote_pipeline
    templateInputs:
      stages:
        - stage: { identifier: b, type: CI, spec: { execution: { steps: [ { step: { identifier: r, type: Run, spec: { connectorRef: hub } } } ] } } }
`,
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'pipelineTemplateNotInRepo',
          message:
            'Whether the stages of pipeline `p` run on Harness Cloud cannot be told: it is made from template `org.remote_pipeline`, which is not in the repo, so their connectors are not checked. If they run on Harness Cloud, check in Harness that they connect through the Harness Platform.',
          line: 5,
          column: 18,
          unresolved: true,
        },
      ],
    },
    {
      name: 'a pipeline with no org or project: copies of the connector in two projects make it ambiguous, and a missing one names the unknown scope plainly',
      files: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          connector('hub', PLATFORM, '  orgIdentifier: o1\n  projectIdentifier: pA\n'),
          connector('hub', DELEGATE, '  orgIdentifier: o1\n  projectIdentifier: pB\n'),
        ].join('---\n'),
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub', 'org.gone', 'gone')).replace(
          '  orgIdentifier: default\n  projectIdentifier: proj\n',
          '',
        ),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'ambiguousRef',
          message:
            "Connector `hub` is in the repo 2 times (project o1/pA, project o1/pB), and the pipeline's org and project are unknown, so which one Harness uses cannot be told; Harness Cloud stage `cloud` of pipeline `p` uses it. Set the pipeline's `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector it uses connects through the Harness Platform.",
          line: 15,
          column: 84,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'notInRepo',
          message:
            "Connector `org.gone` (org scope; the pipeline's org is unknown) is not in the repo; Harness Cloud stage `cloud` of pipeline `p` uses it. Check in Harness that it connects through the Harness Platform.",
          line: 16,
          column: 84,
          unresolved: true,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'notInRepo',
          message:
            "Connector `gone` (project scope; the pipeline's org and project are unknown) is not in the repo; Harness Cloud stage `cloud` of pipeline `p` uses it. Check in Harness that it connects through the Harness Platform.",
          line: 17,
          column: 84,
          unresolved: true,
        },
      ],
    },
    {
      name: 'two copies of one pipeline in one project (two files): two stages use the connector, as the related locations show',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'a.yaml': pipeline(cloudStage('cloud', 'hub')),
        'b.yaml': pipeline(cloudStage('cloud', 'hub')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrueMany',
          message:
            'Connector `hub` connects through a delegate (`executeOnDelegate: true`), but 2 Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
          line: 23,
          column: 24,
          related: [
            { file: 'a.yaml', messageId: 'usedBy', line: 17, column: 84 },
            { file: 'b.yaml', messageId: 'usedBy', line: 17, column: 84 },
          ],
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
    },
    {
      name: 'AWS IRSA, an assumed AWS role and GCP credentials from the delegate: errors without a fix even on the Harness Platform',
      files: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          ...[
            ['keys', 'Aws', 'type: ManualConfig\n      spec: { accessKey: a, secretKeyRef: s }'],
            [
              'role',
              'Aws',
              'type: ManualConfig\n      crossAccountAccess: { crossAccountRoleArn: arn }\n      spec: { accessKey: a, secretKeyRef: s }',
            ],
            ['irsa', 'Aws', 'type: Irsa'],
            ['gcp', 'Gcp', 'type: InheritFromDelegate'],
            // No role to assume: an unset crossAccountAccess, as saved empty or null.
            ['nullrole', 'Aws', 'type: ManualConfig\n      crossAccountAccess: null\n      spec: { accessKey: a, secretKeyRef: s }'],
            ['emptyrole', 'Aws', 'type: ManualConfig\n      crossAccountAccess: {}\n      spec: { accessKey: a, secretKeyRef: s }'],
          ].map(
            ([id, type, credential]) =>
              `connector:\n  name: ${id}\n  identifier: ${id}\n  type: ${type}\n  spec:\n    credential:\n      ${credential}\n    executeOnDelegate: false\n`,
          ),
        ].join('---\n'),
        'pipeline.yaml': pipeline(
          cloudStage('cloud', 'account.keys', 'account.role', 'account.irsa', 'account.gcp', 'account.nullrole', 'account.emptyrole'),
        ),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'cloudCredentials',
          message:
            'Connector `role` takes its credentials from an assumed role (`crossAccountAccess`), which Harness Cloud cannot use, but Harness Cloud stage `cloud` of pipeline `p` uses it; give it credentials stored in Harness (the Harness Secret Manager), or run the stage on your own infrastructure.',
          line: 26,
          column: 3,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 18, column: 84 }],
        },
        {
          file: 'connectors.yaml',
          messageId: 'cloudCredentials',
          line: 37,
          column: 3,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 19, column: 84 }],
        },
        {
          file: 'connectors.yaml',
          messageId: 'cloudCredentials',
          line: 46,
          column: 3,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 20, column: 84 }],
        },
      ],
    },
    {
      name: 'two stages of a pipeline with no org or project: one ambiguous reference and one connector with cloud-incompatible credentials, each listing them',
      files: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          connector('hub', PLATFORM, '  orgIdentifier: o1\n  projectIdentifier: pA\n'),
          connector('hub', DELEGATE, '  orgIdentifier: o1\n  projectIdentifier: pB\n'),
          'connector:\n  name: role\n  identifier: role\n  type: Aws\n  spec:\n    credential:\n      type: Irsa\n    executeOnDelegate: false\n',
        ].join('---\n'),
        'pipeline.yaml': pipeline(cloudStage('one', 'hub', 'account.role'), cloudStage('two', 'hub', 'account.role')).replace(
          '  orgIdentifier: default\n  projectIdentifier: proj\n',
          '',
        ),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'cloudCredentialsMany',
          line: 42,
          column: 3,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 16, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 28, column: 84 },
          ],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'ambiguousRefMany',
          line: 15,
          column: 84,
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 15, column: 84 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 27, column: 84 },
          ],
        },
      ],
    },
    {
      name: 'a pipeline variable left to run time, shared by two stages',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': withVariables(
          pipeline(
            cloudStage('one', '<+pipeline.variables.input>', '<+pipeline.variables.expr>'),
            cloudStage('two', '<+pipeline.variables.input>', '<+pipeline.variables.expr>'),
          ),
          RUNTIME_VARIABLES,
        ),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'openInputSharedMany',
          line: 9,
          column: 14,
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'openUse', line: 24, column: 84 },
            { file: 'pipeline.yaml', messageId: 'openUse', line: 36, column: 84 },
          ],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'openExpressionSharedMany',
          line: 12,
          column: 14,
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'openUse', line: 25, column: 84 },
            { file: 'pipeline.yaml', messageId: 'openUse', line: 37, column: 84 },
          ],
        },
      ],
    },
    {
      name: 'a pipeline variable left to run time, used by one stage elsewhere',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': withVariables(
          pipeline(cloudStage('one', '<+pipeline.variables.input>', '<+pipeline.variables.expr>')),
          RUNTIME_VARIABLES,
        ),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'openInputShared',
          line: 9,
          column: 14,
          unresolved: true,
          related: [{ file: 'pipeline.yaml', messageId: 'openUse', line: 24, column: 84 }],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'openExpressionShared',
          line: 12,
          column: 14,
          unresolved: true,
          related: [{ file: 'pipeline.yaml', messageId: 'openUse', line: 25, column: 84 }],
        },
      ],
    },
    {
      name: 'an anchored reference and its alias are one use',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', '&hub hub', '*hub')),
      },
      ...hubOnDelegate({ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 89 }),
    },
    {
      name: 'a runtime input an input set fills: the use is where the input set sets it',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', '<+input>')),
        'input-set.yaml': inputSet('hub'),
      },
      ...hubOnDelegate({ file: 'input-set.yaml', messageId: 'usedBy', line: 15, column: 76 }),
    },
    {
      name: "connectors only Harness holds, through a delegate: an error at each referring line, with the connector's page",
      files: { 'connectors.yaml': HARNESS_IMAGE, 'pipeline.yaml': pipeline(cloudStage('cloud', 'absent', 'yes', 'text')) },
      harness: fromHarness([
        harnessConnector('absent', PROJECT_SCOPE),
        harnessConnector('yes', PROJECT_SCOPE, { executeOnDelegate: true }),
        harnessConnector('text', PROJECT_SCOPE, { executeOnDelegate: 'false' }),
      ]),
      errors: [
        { file: 'pipeline.yaml', messageId: 'harnessDelegateAbsent', line: 17, column: 84, harnessUrl: ui('absent') },
        { file: 'pipeline.yaml', messageId: 'harnessDelegateTrue', line: 18, column: 84, harnessUrl: ui('yes') },
        {
          file: 'pipeline.yaml',
          messageId: 'harnessDelegateOther',
          message:
            'Connector `text` (in Harness, project default/proj) has `executeOnDelegate` set to `"false"`, not the boolean `false`, and Harness Cloud stage `cloud` of pipeline `p` uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
          line: 19,
          column: 84,
          harnessUrl: ui('text'),
        },
      ],
    },
    {
      name: 'connectors only Harness holds, named once in pipeline variables two stages use',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': withVariables(
          pipeline(
            cloudStage('one', '<+pipeline.variables.a>', '<+pipeline.variables.y>', '<+pipeline.variables.t>'),
            cloudStage('two', '<+pipeline.variables.a>', '<+pipeline.variables.y>', '<+pipeline.variables.t>'),
          ),
          { a: 'absent', y: 'yes', t: 'text' },
        ),
      },
      harness: fromHarness([
        harnessConnector('absent', PROJECT_SCOPE),
        harnessConnector('yes', PROJECT_SCOPE, { executeOnDelegate: true }),
        harnessConnector('text', PROJECT_SCOPE, { executeOnDelegate: 'false' }),
      ]),
      // Each use is at the variable's value; the related locations differ in the stage they name.
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'harnessDelegateAbsentMany',
          line: 9,
          column: 14,
          harnessUrl: ui('absent'),
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 9, column: 14 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 9, column: 14 },
          ],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'harnessDelegateTrueMany',
          line: 12,
          column: 14,
          harnessUrl: ui('yes'),
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 12, column: 14 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 12, column: 14 },
          ],
        },
        {
          file: 'pipeline.yaml',
          messageId: 'harnessDelegateOtherMany',
          line: 15,
          column: 14,
          harnessUrl: ui('text'),
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 15, column: 14 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 15, column: 14 },
          ],
        },
      ],
    },
    {
      name: 'references Harness has no connector for: a warning, once per referring place',
      files: {
        'connectors.yaml': HARNESS_IMAGE,
        'pipeline.yaml': withVariables(
          pipeline(cloudStage('one', 'gone', '<+pipeline.variables.g>'), cloudStage('two', '<+pipeline.variables.g>')),
          {
            g: 'org.gone',
          },
        ),
      },
      harness: fromHarness(
        [],
        [
          { identifier: 'gone', scope: PROJECT_SCOPE },
          { identifier: 'gone', scope: { level: 'org', org: 'default' } },
        ],
      ),
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'notInHarnessMany',
          line: 9,
          column: 14,
          severity: 'warning',
          unresolved: true,
          related: [
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 9, column: 14 },
            { file: 'pipeline.yaml', messageId: 'usedBy', line: 9, column: 14 },
          ],
        },
        { file: 'pipeline.yaml', messageId: 'notInHarness', line: 21, column: 84, severity: 'warning', unresolved: true },
      ],
    },
    {
      name: 'an IRSA connector and one that assumes a role, through a delegate: errors, and no fix (their credentials cannot move to the platform)',
      files: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          ...[
            ['irsa', 'type: Irsa'],
            [
              'role',
              'type: ManualConfig\n      crossAccountAccess: { crossAccountRoleArn: arn }\n      spec: { accessKey: a, secretKeyRef: s }',
            ],
          ].map(
            ([id, credential]) =>
              `connector:\n  name: ${id}\n  identifier: ${id}\n  type: Aws\n  spec:\n    credential:\n      ${credential}\n    executeOnDelegate: true\n`,
          ),
        ].join('---\n'),
        'pipeline.yaml': pipeline(cloudStage('cloud', 'account.irsa', 'account.role')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 19,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
        },
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 30,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 18, column: 84 }],
        },
      ],
    },
    {
      name: 'Azure credentials from the delegate: an error without a fix even on the Harness Platform',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\nconnector:\n  name: az\n  identifier: az\n  type: Azure\n  spec:\n    credential:\n      type: InheritFromDelegate\n    azureEnvironmentType: AZURE\n    executeOnDelegate: false\n`,
        'pipeline.yaml': pipeline(cloudStage('cloud', 'account.az')),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'cloudCredentials',
          message:
            'Connector `az` takes its credentials from the delegate (`InheritFromDelegate`), which Harness Cloud cannot use, but Harness Cloud stage `cloud` of pipeline `p` uses it; give it credentials stored in Harness (the Harness Secret Manager), or run the stage on your own infrastructure.',
          line: 16,
          column: 3,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 17, column: 84 }],
        },
      ],
    },
    {
      name: 'a pipeline with no org: an org reference is judged by the copy an org of the repo holds',
      files: {
        'connectors.yaml': [HARNESS_IMAGE, connector('hub', DELEGATE, '  orgIdentifier: o1\n')].join('---\n'),
        'pipeline.yaml': pipeline(cloudStage('cloud', 'org.hub')).replace('  orgIdentifier: default\n  projectIdentifier: proj\n', ''),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 22,
          column: 24,
          related: [{ file: 'pipeline.yaml', messageId: 'usedBy', line: 15, column: 84 }],
        },
      ],
      output: { 'connectors.yaml': [HARNESS_IMAGE, connector('hub', PLATFORM, '  orgIdentifier: o1\n')].join('---\n') },
    },
    {
      name: 'ambiguous copies are named by scope in order, not in the order of their files',
      files: {
        'connectors.yaml': [
          HARNESS_IMAGE,
          connector('hub', DELEGATE, '  orgIdentifier: o1\n  projectIdentifier: pZ\n'),
          connector('hub', PLATFORM, '  orgIdentifier: o1\n  projectIdentifier: pA\n'),
        ].join('---\n'),
        'pipeline.yaml': pipeline(cloudStage('cloud', 'hub')).replace('  orgIdentifier: default\n  projectIdentifier: proj\n', ''),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'ambiguousRef',
          message:
            "Connector `hub` is in the repo 2 times (project o1/pA, project o1/pZ), and the pipeline's org and project are unknown, so which one Harness uses cannot be told; Harness Cloud stage `cloud` of pipeline `p` uses it. Set the pipeline's `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector it uses connects through the Harness Platform.",
          line: 15,
          column: 84,
          unresolved: true,
        },
      ],
    },
    {
      name: "a stage on another stage's infrastructure pulls Harness images where its useFromStage is written",
      files: {
        'connectors.yaml': connector('harnessImage', DELEGATE),
        'pipeline.yaml': pipeline(
          cloudStage('a', 'account.harnessImage').replace(
            /\n {14}- step.*\n$/,
            '\n              - step: { type: Run, name: r, identifier: r, spec: { command: make } }\n',
          ),
          `    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          cloneCodebase: false
          infrastructure: { useFromStage: a }
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { command: make } }
`,
        ),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrueMany',
          line: 10,
          column: 24,
          related: [
            { file: 'pipeline.yaml', messageId: 'pullsHarnessImages', line: 14, column: 28 },
            { file: 'pipeline.yaml', messageId: 'pullsHarnessImages', line: 24, column: 43 },
          ],
        },
      ],
      output: { 'connectors.yaml': connector('harnessImage', PLATFORM) },
    },
    {
      name: 'a connector used 51 times by one stage: the first 50 uses are related locations',
      files: {
        'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', DELEGATE, IN_PROJECT)}`,
        'pipeline.yaml': pipeline(cloudStage('cloud', ...Array.from({ length: 51 }, () => 'hub'))),
      },
      errors: [
        {
          file: 'connectors.yaml',
          messageId: 'delegateTrue',
          line: 23,
          column: 24,
          related: Array.from({ length: 50 }, (_, i) => ({
            file: 'pipeline.yaml',
            messageId: 'usedBy',
            line: 17 + i,
            column: i < 10 ? 84 : 86,
          })),
        },
      ],
      output: { 'connectors.yaml': `${HARNESS_IMAGE}---\n${connector('hub', PLATFORM, IN_PROJECT)}` },
    },
  ],
});

/** An input set for pipeline `p` that gives step `r0` of stage `cloud` the connector `ref`. */
function inputSet(ref: string) {
  return `inputSet:
  name: fill
  identifier: fill
  orgIdentifier: default
  projectIdentifier: proj
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
}
