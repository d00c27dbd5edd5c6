import rule from '../../src/rules/require-account-image-connector.js';
import { crlf } from '../helpers/lint-files.js';
import { testRule } from '../helpers/rule-tester.js';

/** A Kubernetes CI stage whose Override Image Connector is `ref`, 11 lines. */
const k8sStage = (ref: string, id = 'build') => `    - stage:
        name: ${id}
        identifier: ${id}
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: ${ref}
`;

/** Pipeline `build` in project default/proj: the first stage's reference is at line 17, column 41; each stage is 11 lines. */
const pipeline = (...stages: string[]) => `pipeline:
  name: build
  identifier: build
  orgIdentifier: default
  projectIdentifier: proj
  stages:
${stages.join('')}`;

/** A stage that takes its infrastructure from stage `build`. */
const FOLLOWER = `    - stage:
        name: follower
        identifier: follower
        type: CI
        spec:
          infrastructure:
            useFromStage: build
`;

/** An account-scope Docker connector. */
const accountConnector = (id: string) => `connector:
  name: ${id}
  identifier: ${id}
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth:
      type: Anonymous
    executeOnDelegate: false
`;

/** An input set for pipeline `build` whose stage `build` sets `ref`, at line 16, column 43. */
const inputSet = (id: string, ref: string) => `inputSet:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: proj
  pipeline:
    identifier: build
    stages:
      - stage:
          identifier: build
          type: CI
          spec:
            infrastructure:
              type: KubernetesDirect
              spec:
                harnessImageConnectorRef: ${ref}
`;

/** A VM pool stage (reference at line 16) and a step group's infrastructure (line 32). */
const vmAndStepGroup = (vmRef: string, groupRef: string) => `pipeline:
  name: build
  identifier: build
  stages:
    - stage:
        name: vm
        identifier: vm
        type: CI
        spec:
          infrastructure:
            type: VM
            spec:
              type: Pool
              spec:
                poolName: linux
                harnessImageConnectorRef: ${vmRef}
    - stage:
        name: step group infra
        identifier: sg
        type: Custom
        spec:
          execution:
            steps:
              - stepGroup:
                  name: containerized
                  identifier: containerized
                  stepGroupInfra:
                    type: KubernetesDirect
                    spec:
                      connectorRef: account.k8s
                      namespace: ci
                      harnessImageConnectorRef: ${groupRef}
                  steps: []
`;

/** Two stage templates: one leaves the reference to its users, the other sets `fixedRef` (line 31). */
const stageTemplates = (fixedRef: string) => `template:
  name: k8s stage
  identifier: k8s_stage
  versionLabel: v2
  type: Stage
  orgIdentifier: default
  projectIdentifier: proj
  spec:
    type: CI
    spec:
      infrastructure:
        type: KubernetesDirect
        spec:
          connectorRef: account.k8s
          namespace: ci
          harnessImageConnectorRef: <+input>
---
template:
  name: fixed stage
  identifier: fixed_stage
  versionLabel: v1
  type: Stage
  spec:
    type: CI
    spec:
      infrastructure:
        type: KubernetesDirect
        spec:
          connectorRef: account.k8s
          namespace: ci
          harnessImageConnectorRef: ${fixedRef}
`;

/** A pipeline whose stage comes from `k8s_stage` and passes `ref` in its templateInputs (line 19). */
const templateUser = (ref: string) => `pipeline:
  name: uses templates
  identifier: uses_templates
  orgIdentifier: default
  projectIdentifier: proj
  stages:
    - stage:
        name: from template
        identifier: from_template
        template:
          templateRef: k8s_stage
          versionLabel: v2
          templateInputs:
            type: CI
            spec:
              infrastructure:
                type: KubernetesDirect
                spec:
                  harnessImageConnectorRef: ${ref}
`;

/** Pipeline template `pt` in project default/proj whose stage `build` takes its override from its variable `mirror`, a runtime input. */
const PIPELINE_TEMPLATE = `template:
  name: pt
  identifier: pt
  versionLabel: v1
  type: Pipeline
  orgIdentifier: default
  projectIdentifier: proj
  spec:
    variables:
      - name: mirror
        type: String
        value: <+input>
    stages:
${k8sStage('<+pipeline.variables.mirror>').replace(/^/gm, '    ')}`;

/** Pipeline `p1` made from `pt`, filling `mirror` with `value` in its templateInputs (line 13, column 18). */
const pipelineTemplateUser = (value: string) => `pipeline:
  name: p
  identifier: p1
  orgIdentifier: default
  projectIdentifier: proj
  template:
    templateRef: pt
    versionLabel: v1
    templateInputs:
      variables:
        - name: mirror
          type: String
          value: ${value}
`;

export default testRule(import.meta.filename, rule, {
  valid: [
    {
      name: 'an account identifier of 128 characters, the longest Harness takes',
      files: pipeline(k8sStage(`account.a${'b'.repeat(127)}`)),
    },
    {
      name: 'account-scope references, literal and as a runtime-input default; an empty value sets none',
      files: pipeline(k8sStage('account.mirror'), k8sStage('<+input>.default(account.mirror)', 'defaulted'), k8sStage('""', 'unset')),
    },
    {
      name: 'a runtime-input default that is `<+pipeline.variables.x>` holding an account-scope reference',
      files: pipeline(k8sStage('<+input>.default(<+pipeline.variables.img>)')).replace(
        '  stages:\n',
        '  variables:\n    - name: img\n      type: String\n      value: account.mirror\n  stages:\n',
      ),
    },
    { name: 'a VM pool and step-group infrastructure', files: vmAndStepGroup('account.mirror', 'account.mirror') },
    {
      name: 'a runtime input an input set fills with an account-scope reference',
      files: {
        'pipeline.yaml': pipeline(k8sStage('<+input>')),
        'input-set.yaml': `inputSet:
  name: fill
  identifier: fill
  orgIdentifier: default
  projectIdentifier: proj
  pipeline:
    identifier: build
    stages:
      - stage:
          identifier: build
          type: CI
          spec:
            infrastructure:
              type: KubernetesDirect
              spec:
                harnessImageConnectorRef: account.mirror
`,
      },
    },
    {
      name: 'an input set cannot change a value the pipeline sets as a literal: only runtime inputs take its values',
      files: { 'pipeline.yaml': pipeline(k8sStage('account.ok')), 'input-set.yaml': inputSet('stale', 'org.not_an_input') },
    },
    {
      name: 'a key of that name in a Plugin setting of a file whose only alias is a scalar is still no Override Image Connector',
      files: {
        'pipeline.yaml': pipeline(k8sStage('account.mirror'))
          .replace('  name: build\n', '  name: &name build\n')
          .replace(
            '              harnessImageConnectorRef: account.mirror\n',
            `              harnessImageConnectorRef: account.mirror
          execution:
            steps:
              - step:
                  type: Plugin
                  name: plugin
                  identifier: plugin
                  description: *name
                  spec:
                    image: plugins/foo:1
                    settings:
                      harnessImageConnectorRef: org.setting
`,
          ),
      },
    },
    {
      name: 'a key of that name elsewhere (a Plugin setting, an environment variable, in a pipeline, a step template or an input set) is no Override Image Connector',
      files: {
        'pipeline.yaml': pipeline(k8sStage('account.mirror')).replace(
          '              harnessImageConnectorRef: account.mirror\n',
          `              harnessImageConnectorRef: account.mirror
          execution:
            steps:
              - step:
                  type: Plugin
                  name: plugin
                  identifier: plugin
                  spec:
                    image: plugins/foo:1
                    settings:
                      harnessImageConnectorRef: org.setting
                    envVariables:
                      harnessImageConnectorRef: env_value
`,
        ),
        'step-template.yaml': `template:
  name: plugin
  identifier: plugin
  versionLabel: v1
  type: Step
  spec:
    type: Plugin
    spec:
      image: plugins/foo:1
      settings:
        harnessImageConnectorRef: org.setting
`,
        'input-set.yaml': inputSet('other', 'account.mirror')
          .replace('identifier: build\n    stages', 'identifier: not_in_repo\n    stages')
          .concat(
            `            execution:
              steps:
                - step:
                    identifier: plugin
                    type: Plugin
                    spec:
                      settings:
                        harnessImageConnectorRef: org.setting
`,
          ),
      },
    },
    {
      name: 'an input set for a pipeline not in the repo that leaves the value to a runtime input or an expression sets no reference',
      files: {
        'input-sets.yaml': `${inputSet('open', '<+input>')}---\n${inputSet('expression', '<+pipeline.variables.mirror>')}`.replaceAll(
          'identifier: build\n    stages',
          'identifier: not_in_repo\n    stages',
        ),
      },
    },
  ],
  invalid: [
    {
      name: "a Pipeline template's variable that is a runtime input takes its value in the pipeline's templateInputs",
      files: { 'template.yaml': PIPELINE_TEMPLATE, 'pipeline.yaml': pipelineTemplateUser('org.from_pipe') },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'orgScope',
          line: 13,
          column: 18,
          suggestion: pipelineTemplateUser('account.from_pipe'),
        },
      ],
    },
    {
      name: "a Pipeline template's runtime-input variable one pipeline fills and another leaves open: that pipeline's stage that takes it is named, the template's field stays undecided",
      files: {
        'template.yaml': PIPELINE_TEMPLATE,
        'pipeline.yaml': pipelineTemplateUser('org.from_pipe'),
        'open.yaml': pipelineTemplateUser('x').replace('identifier: p1', 'identifier: p2').split('    templateInputs:')[0]!,
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'orgScope',
          message:
            'Stage `build` of pipeline `p1` sets the Override Image Connector to `org.from_pipe`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 13,
          column: 18,
          suggestion: pipelineTemplateUser('account.from_pipe'),
        },
        {
          file: 'template.yaml',
          messageId: 'unknownInputSomeUses',
          message:
            'Stage `build` of pipeline template `pt` (version v1) sets the Override Image Connector to a runtime input that some of its uses in the repo leave open (those that fill it are checked), so its scope cannot be checked for the others.',
          line: 24,
          column: 45,
          unresolved: true,
        },
      ],
    },
    ((yaml) => ({
      name: "a map first met as a step's settings that an alias makes a stage's infrastructure spec: still an override",
      files: { 'pipeline.yaml': yaml },
      errors: [{ messageId: 'orgScope', line: 29, column: 49, suggestion: yaml.replace('Ref: org.mirror', 'Ref: account.mirror') }],
    }))(
      pipeline(
        k8sStage('account.mirror').replace(
          '              harnessImageConnectorRef: account.mirror\n',
          `              harnessImageConnectorRef: account.mirror
          execution:
            steps:
              - step:
                  type: Plugin
                  name: plugin
                  identifier: plugin
                  spec:
                    image: plugins/foo:1
                    settings: &infra
                      connectorRef: account.k8s
                      namespace: ci
                      harnessImageConnectorRef: org.mirror
`,
        ),
        `    - stage:
        name: second
        identifier: second
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: *infra
`,
      ),
    ),
    ((files) => ({
      name: 'a stage template takes `<+pipeline.variables.x>` from the pipeline that uses it',
      files,
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'orgScope',
          line: 7,
          column: 14,
          suggestion: files['pipeline.yaml'].replace('org.mirror', 'account.mirror'),
        },
      ],
    }))({
      'template.yaml': `template:
  name: kst
  identifier: kst
  versionLabel: v1
  type: Stage
  spec:
${k8sStage('<+pipeline.variables.img>')
  .split('\n')
  .slice(3)
  .map((line) => line.slice(4))
  .join('\n')}`,
      'pipeline.yaml': `pipeline:
  name: build
  identifier: build
  variables:
    - name: img
      type: String
      value: org.mirror
  stages:
    - stage: { name: build, identifier: build, template: { templateRef: account.kst, versionLabel: v1 } }
`,
    }),
    ((files) => ({
      name: 'a Pipeline template takes `<+pipeline.variables.x>` from its own variables, checked on its own and in the pipeline made from it',
      files,
      errors: [
        {
          file: 'template.yaml',
          messageId: 'orgScope',
          line: 10,
          column: 16,
          suggestion: files['template.yaml'].replace('org.mirror', 'account.mirror'),
        },
      ],
    }))({
      'template.yaml': `template:
  name: pt
  identifier: pt
  versionLabel: v1
  type: Pipeline
  spec:
    variables:
      - name: img
        type: String
        value: org.mirror
    stages:
${k8sStage('<+pipeline.variables.img>')
  .split('\n')
  .map((line) => (line ? `  ${line.slice(2)}` : line))
  .join('\n')}`,
      'pipeline.yaml': `pipeline:
  name: build
  identifier: build
  template: { templateRef: account.pt, versionLabel: v1 }
`,
    }),
    {
      name: 'a project-scope reference: a suggestion while the repo has no account connector of that name',
      files: pipeline(k8sStage('mirror')),
      errors: [{ messageId: 'projectScope', line: 17, column: 41, suggestion: pipeline(k8sStage('account.mirror')) }],
    },
    {
      name: 'an org-scope reference: fixed when the account connector is in the repo',
      files: { 'pipeline.yaml': pipeline(k8sStage('org.mirror')), 'mirror.yaml': accountConnector('mirror') },
      errors: [{ file: 'pipeline.yaml', messageId: 'orgScope', line: 17, column: 41 }],
      output: { 'pipeline.yaml': pipeline(k8sStage('account.mirror')) },
    },
    {
      name: 'an account connector of that name that cannot serve images (a GitHub connector) is another connector: no fix, no suggestion',
      files: {
        'pipeline.yaml': pipeline(k8sStage('org.mirror')),
        'mirror.yaml': accountConnector('mirror').replace('type: DockerRegistry', 'type: Github'),
      },
      errors: [{ file: 'pipeline.yaml', messageId: 'orgScope', line: 17, column: 41 }],
    },
    {
      name: 'an anchored reference that a step also uses through an alias: the change would move the step too, so it is only a suggestion',
      files: {
        'pipeline.yaml': pipeline(k8sStage('&mirror org.mirror')).replace(
          '              harnessImageConnectorRef: &mirror org.mirror\n',
          '              harnessImageConnectorRef: &mirror org.mirror\n          execution:\n            steps:\n              - step: { type: Run, name: r, identifier: r, spec: { connectorRef: *mirror, image: acme/tool:1 } }\n',
        ),
        'mirror.yaml': accountConnector('mirror'),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'orgScope',
          line: 17,
          column: 49,
          suggestion: pipeline(k8sStage('&mirror account.mirror')).replace(
            '              harnessImageConnectorRef: &mirror account.mirror\n',
            '              harnessImageConnectorRef: &mirror account.mirror\n          execution:\n            steps:\n              - step: { type: Run, name: r, identifier: r, spec: { connectorRef: *mirror, image: acme/tool:1 } }\n',
          ),
        },
      ],
    },
    {
      name: 'a CRLF pipeline keeps its line endings when fixed',
      files: { 'pipeline.yaml': crlf(pipeline(k8sStage('org.mirror'))), 'mirror.yaml': accountConnector('mirror') },
      errors: [{ file: 'pipeline.yaml', messageId: 'orgScope', line: 17, column: 41 }],
      output: { 'pipeline.yaml': crlf(pipeline(k8sStage('account.mirror'))) },
    },
    {
      name: 'a stage that takes its infrastructure from another (useFromStage) adds no second finding',
      files: pipeline(k8sStage('mirror'), FOLLOWER),
      errors: [{ messageId: 'projectScope', line: 17, column: 41, suggestion: pipeline(k8sStage('account.mirror'), FOLLOWER) }],
    },
    {
      name: 'a reference that is not valid',
      files: pipeline(k8sStage('org.mirror.x')),
      errors: [
        {
          messageId: 'invalidRef',
          message:
            'Stage `build` of pipeline `build` sets the Override Image Connector to `org.mirror.x`, which is not a valid reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 17,
          column: 41,
        },
      ],
    },
    ...['account.', 'account.org.x', "'account.a b'", 'account.1x'].map((ref) => ({
      name: `an account reference Harness would not take: ${ref}`,
      files: pipeline(k8sStage(ref)),
      errors: [{ messageId: 'invalidRef', line: 17, column: 41 }],
    })),
    {
      name: 'a runtime-input default and allowed values: the value inside the input is replaced',
      files: {
        'pipeline.yaml': pipeline(
          k8sStage('<+input>.default(mirror)'),
          k8sStage('<+input>.allowedValues(account.mirror,org.mirror)', 'choices'),
        ),
        'mirror.yaml': accountConnector('mirror'),
      },
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'projectScope',
          message:
            'Stage `build` of pipeline `build` (through its runtime-input default) sets the Override Image Connector to `mirror`, a project-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 17,
          column: 41,
        },
        {
          file: 'pipeline.yaml',
          messageId: 'orgScope',
          message:
            'Stage `choices` of pipeline `build` (through its allowed values) sets the Override Image Connector to `org.mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 28,
          column: 41,
        },
      ],
      output: {
        'pipeline.yaml': pipeline(
          k8sStage('<+input>.default(account.mirror)'),
          k8sStage('<+input>.allowedValues(account.mirror)', 'choices'),
        ),
      },
    },
    {
      name: 'an expression and a runtime input nothing fills cannot be decided',
      files: pipeline(k8sStage('<+pipeline.variables.mirror>'), k8sStage('<+input>', 'unfilled')),
      errors: [
        {
          messageId: 'unknownExpression',
          message:
            'Stage `build` of pipeline `build` sets the Override Image Connector to the expression `<+pipeline.variables.mirror>`, so its scope cannot be checked here.',
          line: 17,
          column: 41,
          unresolved: true,
        },
        {
          messageId: 'unknownInput',
          message:
            'Stage `unfilled` of pipeline `build` sets the Override Image Connector to a runtime input that nothing in the repo fills, so its scope cannot be checked here.',
          line: 28,
          column: 41,
          unresolved: true,
        },
      ],
    },
    {
      name: 'a runtime-input option that is an expression is no reference: `<+pipeline.variables.x>` takes the variable, another is open',
      files: pipeline(
        k8sStage('<+input>.default(<+pipeline.variables.img>)'),
        k8sStage('<+input>.allowedValues(account.mirror, <+trigger.payload.mirror>)', 'open'),
      ).replace('  stages:\n', '  variables:\n    - name: img\n      type: String\n      value: org.mirror\n  stages:\n'),
      errors: [
        {
          messageId: 'orgScope',
          message:
            'Stage `build` of pipeline `build` sets the Override Image Connector to `org.mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 9,
          column: 14,
          suggestion: pipeline(
            k8sStage('<+input>.default(<+pipeline.variables.img>)'),
            k8sStage('<+input>.allowedValues(account.mirror, <+trigger.payload.mirror>)', 'open'),
          ).replace('  stages:\n', '  variables:\n    - name: img\n      type: String\n      value: account.mirror\n  stages:\n'),
        },
        { messageId: 'unknownExpression', line: 32, column: 41, unresolved: true },
      ],
    },
    ((withVariable) => ({
      name: 'a pipeline variable that stages take: reported once at its value, naming the stages that use it',
      files: {
        'one.yaml': withVariable(vmAndStepGroup('<+pipeline.variables.mirror>', 'account.mirror'), 'p1'),
        'two.yaml': withVariable(pipeline(k8sStage('<+pipeline.variables.mirror>', 'a'), k8sStage('<+pipeline.variables.mirror>', 'b'))),
      },
      errors: [
        {
          file: 'one.yaml',
          messageId: 'orgScope',
          message:
            'Stage `vm` of pipeline `p1` sets the Override Image Connector to `org.var_mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 7,
          column: 14,
          suggestion: withVariable(vmAndStepGroup('<+pipeline.variables.mirror>', 'account.mirror'), 'p1').replace(
            'org.var_mirror',
            'account.var_mirror',
          ),
        },
        {
          file: 'two.yaml',
          messageId: 'orgScope',
          message:
            'Each of stage `a` and stage `b` of pipeline `build` sets the Override Image Connector to `org.var_mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 7,
          column: 14,
          suggestion: withVariable(
            pipeline(k8sStage('<+pipeline.variables.mirror>', 'a'), k8sStage('<+pipeline.variables.mirror>', 'b')),
          ).replace('org.var_mirror', 'account.var_mirror'),
        },
      ],
    }))((yaml: string, id = 'build') =>
      yaml.replace(
        '  identifier: build\n',
        `  identifier: ${id}\n  variables:\n    - name: mirror\n      type: String\n      value: org.var_mirror\n`,
      ),
    ),
    {
      name: 'an anchored reference is reported once, at its value after the anchor',
      files: pipeline(k8sStage('&ref org.mirror'), k8sStage('*ref', 'again')),
      errors: [
        { messageId: 'orgScope', line: 17, column: 46, suggestion: pipeline(k8sStage('&ref account.mirror'), k8sStage('*ref', 'again')) },
      ],
    },
    {
      name: "a reference whose anchor sits on a pipeline variable is still the stage's Override Image Connector",
      files: pipeline(k8sStage('*ref')).replace(
        '  stages:\n',
        '  variables:\n    - name: mirror\n      type: String\n      value: &ref org.mirror\n  stages:\n',
      ),
      errors: [
        {
          messageId: 'orgScope',
          line: 9,
          column: 19,
          suggestion: pipeline(k8sStage('*ref')).replace(
            '  stages:\n',
            '  variables:\n    - name: mirror\n      type: String\n      value: &ref account.mirror\n  stages:\n',
          ),
        },
      ],
    },
    {
      name: 'step-group infrastructure and a VM pool',
      files: vmAndStepGroup('org.mirror', 'mirror'),
      errors: [
        { messageId: 'orgScope', line: 16, column: 43, suggestion: vmAndStepGroup('account.mirror', 'mirror') },
        { messageId: 'projectScope', line: 32, column: 49, suggestion: vmAndStepGroup('org.mirror', 'account.mirror') },
      ],
    },
    {
      name: 'a stage template and the value its user passes in templateInputs',
      files: { 'template.yaml': stageTemplates('org.mirror'), 'pipeline.yaml': templateUser('mirror') },
      errors: [
        { file: 'pipeline.yaml', messageId: 'projectScope', line: 19, column: 45, suggestion: templateUser('account.mirror') },
        { file: 'template.yaml', messageId: 'orgScope', line: 31, column: 37, suggestion: stageTemplates('account.mirror') },
      ],
    },
    {
      name: 'input sets in one multi-document file, and a trigger: reported where they set the value',
      files: {
        'pipeline.yaml': pipeline(k8sStage('<+input>')),
        'input-sets.yaml': `${inputSet('good', 'account.mirror')}---\n${inputSet('bad', 'org.mirror')}`,
        'trigger.yaml': `trigger:
  name: on push
  identifier: on_push
  orgIdentifier: default
  projectIdentifier: proj
  pipelineIdentifier: build
  source:
    type: Webhook
    spec:
      type: Github
  inputYaml: |
    pipeline:
      identifier: build
      stages:
        - stage:
            identifier: build
            type: CI
            spec:
              infrastructure:
                type: KubernetesDirect
                spec:
                  harnessImageConnectorRef: trigger_mirror
`,
      },
      errors: [
        {
          file: 'input-sets.yaml',
          messageId: 'orgScope',
          line: 33,
          column: 43,
          suggestion: `${inputSet('good', 'account.mirror')}---\n${inputSet('bad', 'account.mirror')}`,
        },
        // Inside the trigger's inputYaml text, no edit: its offsets are not the file's.
        { file: 'trigger.yaml', messageId: 'projectScope', line: 22, column: 45 },
      ],
    },
    ...[`account.a${'b'.repeat(128)}`, 'org.'].map((ref) => ({
      name: `a reference Harness would not take: ${ref.slice(0, 12)} (${ref.length} characters)`,
      files: pipeline(k8sStage(ref)),
      errors: [{ messageId: 'invalidRef', line: 17, column: 41 }],
    })),
    {
      name: 'an org-scope reference: fixed when the account connector of that name is a Nexus registry',
      files: {
        'pipeline.yaml': pipeline(k8sStage('org.mirror')),
        'mirror.yaml': accountConnector('mirror').replace('type: DockerRegistry', 'type: Nexus'),
      },
      errors: [{ file: 'pipeline.yaml', messageId: 'orgScope', line: 17, column: 41 }],
      output: { 'pipeline.yaml': pipeline(k8sStage('account.mirror')) },
    },
    {
      name: 'an account reference Harness would not take, among allowed values or padded with spaces: no suggestion, as `account.<id>` it stays invalid',
      files: pipeline(k8sStage('<+input>.allowedValues(account.1x,account.mirror)'), k8sStage('" account.1x"', 'padded')),
      errors: [
        { messageId: 'invalidRef', line: 17, column: 41 },
        { messageId: 'invalidRef', line: 28, column: 41 },
      ],
    },
    {
      name: 'every copy of the account connector counts: one on the app.harness.io registry makes the fix a suggestion, whichever file sorts first',
      files: {
        'pipeline.yaml': pipeline(k8sStage('org.mirror')),
        'a-mirror.yaml': accountConnector('mirror'),
        'z-mirror.yaml': accountConnector('mirror').replace('https://registry.hub.docker.com', 'https://app.harness.io/registry'),
      },
      errors: [{ file: 'pipeline.yaml', messageId: 'orgScope', line: 17, column: 41, suggestion: pipeline(k8sStage('account.mirror')) }],
    },
    ((template) => ({
      name: 'a containerized step group in a stage template is named in the template',
      files: { 'template.yaml': template('org.mirror') },
      errors: [
        {
          messageId: 'orgScope',
          message:
            'Step group `containerized` in stage template `custom_stage` (version v1) sets the Override Image Connector to `org.mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 19,
          column: 43,
          suggestion: template('account.mirror'),
        },
      ],
    }))(
      (ref: string) => `template:
  name: custom stage
  identifier: custom_stage
  versionLabel: v1
  type: Stage
  spec:
    type: Custom
    spec:
      execution:
        steps:
${vmAndStepGroup('account.mirror', ref)
  .split('\n')
  .slice(23)
  .map((line) => line.slice(6))
  .join('\n')}`,
    ),
    ((yaml) => ({
      name: 'a pipeline variable taken by a stage and a step group: the places are "in" the pipeline unless each is a stage (here one stage has no identifier)',
      files: yaml('org.mirror'),
      errors: [
        {
          messageId: 'orgScope',
          message:
            'Each of stage `build` and step group `containerized` in pipeline `build` sets the Override Image Connector to `org.mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 7,
          column: 14,
          suggestion: yaml('account.mirror'),
        },
      ],
    }))((value: string) =>
      vmAndStepGroup('account.mirror', '<+pipeline.variables.mirror>')
        .replace(/ {4}- stage:\n {8}name: vm\n[^]*?(?= {4}- stage:)/, k8sStage('<+pipeline.variables.mirror>'))
        .replace('        identifier: sg\n', '')
        .replace('  stages:\n', `  variables:\n    - name: mirror\n      type: String\n      value: ${value}\n  stages:\n`),
    ),
    ((files) => ({
      name: 'a runtime-input default in another entity (the variable of the pipeline that uses a stage template) names that entity, with the stage that takes it',
      files,
      errors: [
        {
          file: 'pipeline.yaml',
          messageId: 'orgScope',
          message:
            'Stage `build` of pipeline `build` sets the Override Image Connector to `org.mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 7,
          column: 14,
          suggestion: files['pipeline.yaml'].replace('default(org.mirror)', 'default(account.mirror)'),
        },
      ],
    }))({
      'template.yaml': stageTemplates('<+pipeline.variables.img>').split('---\n')[1]!,
      'pipeline.yaml': `pipeline:
  name: build
  identifier: build
  variables:
    - name: img
      type: String
      value: <+input>.default(org.mirror)
  stages:
    - stage: { name: build, identifier: build, template: { templateRef: account.fixed_stage, versionLabel: v1 } }
`,
    }),
    {
      name: 'templates nothing uses: a runtime input and `<+pipeline.variables.x>` in them cannot be decided',
      files: { 'template.yaml': stageTemplates('<+pipeline.variables.img>') },
      errors: [
        { messageId: 'unknownInput', line: 16, column: 37, unresolved: true },
        { messageId: 'unknownExpression', line: 31, column: 37, unresolved: true },
      ],
    },
    ((user) => ({
      name: 'a stage template whose `<+pipeline.variables.x>` one pipeline sets and another does not: the value is checked, the field stays undecided',
      files: {
        'template.yaml': stageTemplates('<+pipeline.variables.img>').split('---\n')[1]!,
        'set.yaml': user('set', 'org.mirror'),
        'unset.yaml': user('unset'),
      },
      errors: [
        { file: 'set.yaml', messageId: 'orgScope', line: 7, column: 14, suggestion: user('set', 'account.mirror') },
        { file: 'template.yaml', messageId: 'unknownExpression', line: 14, column: 37, unresolved: true },
      ],
    }))(
      (id: string, img?: string) => `pipeline:
  name: ${id}
  identifier: ${id}
${img ? `  variables:\n    - name: img\n      type: String\n      value: ${img}\n` : ''}  stages:
    - stage: { name: build, identifier: build, template: { templateRef: account.fixed_stage, versionLabel: v1 } }
`,
    ),
    {
      name: 'a runtime input whose default and allowed values take the same pipeline variable: the stage is named once',
      files: pipeline(k8sStage('<+input>.default(<+pipeline.variables.img>).allowedValues(<+pipeline.variables.img>,account.ok)')).replace(
        '  stages:\n',
        '  variables:\n    - name: img\n      type: String\n      value: org.mirror\n  stages:\n',
      ),
      errors: [
        {
          messageId: 'orgScope',
          message:
            'Stage `build` of pipeline `build` sets the Override Image Connector to `org.mirror`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
          line: 9,
          column: 14,
          suggestion: pipeline(
            k8sStage('<+input>.default(<+pipeline.variables.img>).allowedValues(<+pipeline.variables.img>,account.ok)'),
          ).replace('  stages:\n', '  variables:\n    - name: img\n      type: String\n      value: account.mirror\n  stages:\n'),
        },
      ],
    },
  ],
});
