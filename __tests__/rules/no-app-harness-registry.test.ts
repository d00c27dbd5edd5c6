import { describe, expect, test } from '@jest/globals';
import rule from '../../src/rules/no-app-harness-registry.js';
import { crlf, lintFiles } from '../helpers/lint-files.js';
import { fromHarness, harnessConnector, testRule } from '../helpers/rule-tester.js';

const dockerConnector = (url: string, extra = '') => `connector:
  name: Harness image registry
  identifier: harnessImage
  type: DockerRegistry
  spec:
    dockerRegistryUrl: ${url}
    providerType: Other
    auth:
      type: Anonymous
    executeOnDelegate: false
${extra}`;

/** A CI pipeline whose one step runs `image`, at line 12, column 75. */
const stepImage = (image: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: ${image} } }
`;

/** A saved execution-config payload (the body of Harness's update-config API); the value is at line 3, column 10. */
const executionConfig = (field: string, value: string) => `# Saved payload for PUT /execution-config/update-config?infra=K8
- field: ${field}
  value: ${value}
`;

/** A pipeline whose variable \`img\` (its value at line 7, column 14) two steps pull, at line 16, column 75 and line 17, column 75. */
const variableImage = (value: string) => `pipeline:
  name: p
  identifier: p
  variables:
    - name: img
      type: String
      value: ${value}
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: "<+pipeline.variables.img>" } }
              - step: { type: Run, name: b, identifier: b, spec: { image: <+pipeline.variables.img> } }
`;

/**
 * A pipeline whose stage \`build\` has variable \`img\` (its value at line 12, column 20) that two steps pull, at line 19,
 * column 75 and line 20, column 75; stage \`other\` has its own \`img\`, which its step pulls.
 */
const stageVariableImage = (value: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        variables:
          - name: img
            type: String
            value: ${value}
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: { connectorRef: account.k8s, namespace: ci }
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: "<+stage.variables.img>" } }
              - step: { type: Run, name: b, identifier: b, spec: { image: <+stage.variables.img> } }
    - stage:
        name: other
        identifier: other
        type: CI
        variables:
          - name: img
            type: String
            value: alpine:3
        spec:
          execution:
            steps:
              - step: { type: Run, name: c, identifier: c, spec: { image: <+stage.variables.img> } }
`;

/**
 * Stages \`a\` and \`c\`, each with its own variable \`img\` (values at line 12, column 20 and line 27, column 20), whose
 * steps share one image field through a YAML alias: the \`image\` scalar (\`image: &i\`, its value at line 19, column 78)
 * or the whole step (\`step: &st\`, its image at line 19, column 79).
 */
const aliasedStageImage = (shared: 'image' | 'step', a: string, c: string) => {
  const stage = (id: string, value: string, step: string) => `    - stage:
        name: ${id}
        identifier: ${id}
        type: CI
        variables:
          - name: img
            type: String
            value: ${value}
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: { connectorRef: account.k8s, namespace: ci }
          execution:
            steps:
              - ${step}
`;
  const [first, again] =
    shared === 'image'
      ? [
          'step: { type: Run, name: a, identifier: a, spec: { image: &i <+stage.variables.img> } }',
          'step: { type: Run, name: c, identifier: c, spec: { image: *i } }',
        ]
      : ['step: &st { type: Run, name: a, identifier: a, spec: { image: <+stage.variables.img> } }', 'step: *st'];
  return `pipeline:\n  name: p\n  identifier: p\n  stages:\n${stage('a', a, first)}${stage('c', c, again)}`;
};

/**
 * A stage whose step group \`g\` has variable \`img\` (its value at line 18, column 30) that two of its steps pull, at
 * line 20, column 81 and line 21, column 81; the group \`inner\` inside it has its own \`img\`, which its step pulls; a
 * step outside any group names a step-group variable too.
 */
const stepGroupVariableImage = (value: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - stepGroup:
                  name: g
                  identifier: g
                  variables:
                    - name: img
                      type: String
                      value: ${value}
                  steps:
                    - step: { type: Run, name: a, identifier: a, spec: { image: "<+stepGroup.variables.img>" } }
                    - step: { type: Run, name: b, identifier: b, spec: { image: <+stepGroup.variables.img> } }
                    - stepGroup:
                        name: inner
                        identifier: inner
                        variables:
                          - name: img
                            type: String
                            value: alpine:3
                        steps:
                          - step: { type: Run, name: c, identifier: c, spec: { image: <+stepGroup.variables.img> } }
              - step: { type: Run, name: d, identifier: d, spec: { image: <+stepGroup.variables.img> } }
`;

/**
 * Pipeline variable \`pimg\` (its value at line 7, column 14), pulled directly, through stage variable \`simg\` and
 * through step-group variables (one naming it, one naming \`simg\`), at lines 20, 21, 29 and 30; stage \`other\`'s
 * variable \`img\` (its value at line 38, column 20) pulled through its step group's \`gimg\`, at line 47.
 */
const variableNamingVariable = (pimg: string, img: string) => `pipeline:
  name: p
  identifier: p
  variables:
    - name: pimg
      type: String
      value: ${pimg}
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        variables:
          - name: simg
            type: String
            value: <+pipeline.variables.pimg>
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: <+pipeline.variables.pimg> } }
              - step: { type: Run, name: b, identifier: b, spec: { image: <+stage.variables.simg> } }
              - stepGroup:
                  name: g
                  identifier: g
                  variables:
                    - { name: fromPipeline, type: String, value: <+pipeline.variables.pimg> }
                    - { name: fromStage, type: String, value: <+stage.variables.simg> }
                  steps:
                    - step: { type: Run, name: c, identifier: c, spec: { image: <+stepGroup.variables.fromPipeline> } }
                    - step: { type: Run, name: d, identifier: d, spec: { image: <+stepGroup.variables.fromStage> } }
    - stage:
        name: other
        identifier: other
        type: CI
        variables:
          - name: img
            type: String
            value: ${img}
        spec:
          execution:
            steps:
              - stepGroup:
                  name: g
                  identifier: g
                  variables: [{ name: gimg, type: String, value: <+stage.variables.img> }]
                  steps:
                    - step: { type: Run, name: e, identifier: e, spec: { image: <+stepGroup.variables.gimg> } }
`;

/** Variables that name themselves or each other, at every level, each pulled by a step: none is an image. */
const variableCycles = `pipeline:
  name: p
  identifier: p
  variables:
    - { name: x, type: String, value: <+pipeline.variables.y> }
    - { name: y, type: String, value: <+pipeline.variables.x> }
    - { name: self, type: String, value: <+pipeline.variables.self> }
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        variables:
          - { name: a, type: String, value: <+stage.variables.a> }
          - { name: b, type: String, value: <+stage.variables.c> }
          - { name: c, type: String, value: <+stage.variables.b> }
          - { name: viaPipeline, type: String, value: <+pipeline.variables.x> }
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: <+pipeline.variables.self> } }
              - step: { type: Run, name: b, identifier: b, spec: { image: <+stage.variables.a> } }
              - step: { type: Run, name: c, identifier: c, spec: { image: <+stage.variables.b> } }
              - step: { type: Run, name: d, identifier: d, spec: { image: <+stage.variables.viaPipeline> } }
              - stepGroup:
                  name: g
                  identifier: g
                  variables:
                    - { name: g, type: String, value: <+stepGroup.variables.g> }
                    - { name: h, type: String, value: <+stepGroup.variables.i> }
                    - { name: i, type: String, value: <+stepGroup.variables.h> }
                    - { name: s, type: String, value: <+stage.variables.b> }
                  steps:
                    - step: { type: Run, name: e, identifier: e, spec: { image: <+stepGroup.variables.g> } }
                    - step: { type: Run, name: f, identifier: f, spec: { image: <+stepGroup.variables.h> } }
                    - step: { type: Run, name: g, identifier: g, spec: { image: <+stepGroup.variables.s> } }
`;

/** A pipeline whose one Run step runs \`command\`, at line 13, column 20. */
const stepCommand = (command: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: alpine:3,
                  command: ${command} } }
`;

const HUB = 'https://registry.hub.docker.com';
const OLD = 'https://app.harness.io/registry';
const ACCOUNT = { level: 'account' as const };
const ui = (id: string) => `https://app.harness.io/ng/connectors/${id}`;

/** A Kubernetes CI stage whose step pulls through `ref`, and whose Harness images come through `imageRef`. */
const k8sStage = (id: string, ref: string, imageRef: string) => `    - stage:
        name: ${id}
        identifier: ${id}
        type: CI
        spec:
          cloneCodebase: true
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: ${imageRef}
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { connectorRef: ${ref}, image: golang:1.23 } }
`;

/** Pipeline `id` with a codebase cloned through `account.git`, and pipeline variables `reg` and `img` (values at lines 12 and 15). */
const k8sPipeline = (id: string, reg: string, img: string, ...stages: string[]) => `pipeline:
  name: ${id}
  identifier: ${id}
  properties:
    ci:
      codebase:
        connectorRef: account.git
        build: <+input>
  variables:
    - name: reg
      type: String
      value: ${reg}
    - name: img
      type: String
      value: ${img}
  stages:
${stages.join('')}`;

export default testRule(import.meta.filename, rule, {
  valid: [
    {
      name: 'other app.harness.io URLs (UI, API, webhooks) and Docker Hub connectors',
      files: {
        'api.yaml': `connector:
  name: Harness API
  identifier: harness_api
  type: HttpHelmRepo
  spec:
    helmRepoUrl: https://app.harness.io/gateway/api
    auth:
      type: Anonymous
`,
        'connector.yaml': dockerConnector(HUB),
        'pipeline.yaml': `pipeline:
  name: p
  identifier: p
  description: Runs at https://app.harness.io/ng/account/abc/cd/orgs/default/projects/proj
  stages:
    - stage:
        name: notify
        identifier: notify
        type: Custom
        spec:
          execution:
            steps:
              - step:
                  type: Http
                  name: webhook
                  identifier: webhook
                  spec:
                    url: https://app.harness.io/gateway/ng/api/webhook?accountIdentifier=abc
                    method: POST
              - step:
                  type: ShellScript
                  name: registry mirror
                  identifier: mirror
                  spec:
                    source:
                      type: Inline
                      spec:
                        script: docker pull registry.hub.docker.com/harness/ci-addon:1.16.92
`,
      },
    },
    { name: 'a Harness image from Docker Hub', files: stepImage('harness/ci-addon:1.16.92') },
    { name: 'a step-group variable that holds another image', files: stepGroupVariableImage('alpine:3') },
    { name: 'variables that name variables holding other images', files: variableNamingVariable('alpine:3', 'alpine:3') },
    { name: 'variables that name themselves or each other: no image, and no endless loop', files: variableCycles },
    {
      name: 'a runtime input whose allowed values are all elsewhere',
      files: stepImage('<+input>.allowedValues(harness/ci-addon:1,gcr.io/gcr-prod/harness/ci-addon:1)'),
    },
    {
      name: 'an expression in the registry or the name: the image is not known, and the host alone names no registry',
      files: stepImage('<+pipeline.variables.reg>/harness/ci-addon:<+pipeline.sequenceId>'),
    },
    ...['docker pull my-app.harness.io/registry/team/tool:1', 'docker pull registry.app.harness.io/registry/harness/ci-addon:1'].map(
      (command) => ({ name: `a host that only ends in app.harness.io is another host: ${command}`, files: stepCommand(command) }),
    ),
    {
      name: 'the registry named as text in a Kubernetes ConfigMap',
      files: {
        'notes.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
data:
  note: "app.harness.io/registry is only text here"
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a Docker connector without scheme, in upper case, with /v2: fixed to Docker Hub',
      files: { 'docker.yaml': dockerConnector('APP.HARNESS.IO/registry/v2/') },
      errors: [{ messageId: 'connectorUrl', line: 6, column: 24 }],
      output: { 'docker.yaml': dockerConnector(HUB).replace('providerType: Other', 'providerType: DockerHub') },
    },
    ...[
      ['flow', '  spec: {dockerRegistryUrl: "URL"}\n', '  spec: {dockerRegistryUrl: "URL", providerType: DockerHub}\n', 5, 29],
      [
        'block',
        '  spec:\n    auth: {type: Anonymous}\n    dockerRegistryUrl: URL\n',
        '  spec:\n    auth: {type: Anonymous}\n    dockerRegistryUrl: URL\n    providerType: DockerHub\n',
        7,
        24,
      ],
    ].map(([style, before, after, line, column]) => ({
      name: `the URL last in a ${style} spec without providerType: fixed (the pair goes right after the replaced URL)`,
      files: { 'docker.yaml': `connector:\n  name: a\n  identifier: a\n  type: DockerRegistry\n${(before as string).replace('URL', OLD)}` },
      errors: [{ messageId: 'connectorUrl', line: line as number, column: column as number }],
      output: { 'docker.yaml': `connector:\n  name: a\n  identifier: a\n  type: DockerRegistry\n${(after as string).replace('URL', HUB)}` },
    })),
    {
      name: 'a URL with an expression in it: left to the leftover scan, as a warning, as an image with one is',
      files: { 'docker.yaml': dockerConnector('https://app.harness.io/registry/<+pipeline.variables.ns>') },
      errors: [{ messageId: 'leftover', line: 6, column: 32, severity: 'warning' }],
    },
    {
      name: 'a URL with an empty path segment (`//registry`): reported and fixed',
      files: { 'docker.yaml': dockerConnector('https://app.harness.io//registry/') },
      errors: [{ messageId: 'connectorUrl', line: 6, column: 24 }],
      output: { 'docker.yaml': dockerConnector(HUB).replace('providerType: Other', 'providerType: DockerHub') },
    },
    {
      name: 'a URL with a user and password in it: reported and fixed, the password never quoted',
      files: { 'docker.yaml': dockerConnector('https://robot:s3cret@app.harness.io/registry') },
      errors: [
        {
          messageId: 'connectorUrl',
          line: 6,
          column: 24,
          message:
            'Connector `harnessImage` points at `https://***@app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024; use `https://registry.hub.docker.com` instead.',
        },
      ],
      output: { 'docker.yaml': dockerConnector(HUB).replace('providerType: Other', 'providerType: DockerHub') },
    },
    {
      name: 'a URL written as a block scalar: reported, and not half fixed (no Provider Type change without the URL)',
      files: { 'docker.yaml': dockerConnector('>-\n      https://app.harness.io/registry') },
      errors: [{ messageId: 'connectorUrl', line: 6, column: 24 }],
    },
    {
      name: 'a CRLF connector keeps its line endings when fixed',
      files: { 'docker.yaml': crlf(dockerConnector('https://app.harness.io/registry')) },
      errors: [{ messageId: 'connectorUrl', line: 6, column: 24 }],
      output: { 'docker.yaml': crlf(dockerConnector(HUB).replace('providerType: Other', 'providerType: DockerHub')) },
    },
    {
      name: 'any connector URL field counts; another connector type is only a suggestion',
      files: {
        'artifactory.yaml': `connector:
  name: Artifactory remote
  identifier: artifactory_remote
  orgIdentifier: default
  type: Artifactory
  spec:
    artifactoryServerUrl: "https://app.harness.io/registry/"
    auth:
      type: Anonymous
`,
      },
      errors: [
        {
          messageId: 'connectorUrl',
          line: 7,
          column: 27,
          suggestion: `connector:
  name: Artifactory remote
  identifier: artifactory_remote
  orgIdentifier: default
  type: Artifactory
  spec:
    artifactoryServerUrl: "https://registry.hub.docker.com"
    auth:
      type: Anonymous
`,
        },
      ],
    },
    {
      name: 'the replacementRegistryUrl option names the registry in messages and fixes',
      files: { 'docker.yaml': dockerConnector('https://app.harness.io/registry') },
      options: { replacementRegistryUrl: 'https://gcr.io/gcr-prod' },
      errors: [{ messageId: 'connectorUrl', line: 6, column: 24 }],
      output: { 'docker.yaml': dockerConnector('https://gcr.io/gcr-prod') },
    },
    {
      name: 'step images that are a pipeline variable: one error, at the variable value (fixed there), the steps as related locations',
      files: variableImage('app.harness.io/registry/harness/ci-addon:1.16.92'),
      errors: [
        {
          messageId: 'image',
          line: 7,
          column: 14,
          related: [
            { messageId: 'pulledBy', line: 16, column: 75 },
            { messageId: 'pulledBy', line: 17, column: 75 },
          ],
        },
      ],
      output: variableImage('harness/ci-addon:1.16.92'),
    },
    {
      name: "step images that are a stage variable: as for a pipeline variable, each step reads its own stage's variables",
      files: stageVariableImage('app.harness.io/registry/harness/ci-addon:1.16.4'),
      errors: [
        {
          messageId: 'image',
          line: 12,
          column: 20,
          related: [
            { messageId: 'pulledBy', line: 19, column: 75 },
            { messageId: 'pulledBy', line: 20, column: 75 },
          ],
        },
      ],
      output: stageVariableImage('harness/ci-addon:1.16.4'),
    },
    {
      name: 'a pipeline variable with an expression in the tag: an error as when written in the step, fixed with the expression kept',
      files: variableImage('app.harness.io/registry/harness/ci-addon:<+pipeline.sequenceId>'),
      errors: [
        {
          messageId: 'image',
          line: 7,
          column: 14,
          related: [
            { messageId: 'pulledBy', line: 16, column: 75 },
            { messageId: 'pulledBy', line: 17, column: 75 },
          ],
        },
      ],
      output: variableImage('harness/ci-addon:<+pipeline.sequenceId>'),
    },
    {
      name: 'a stage variable with an expression in the tag: the same',
      files: stageVariableImage('app.harness.io/registry/harness/ci-addon:<+pipeline.sequenceId>'),
      errors: [
        {
          messageId: 'image',
          line: 12,
          column: 20,
          related: [
            { messageId: 'pulledBy', line: 19, column: 75 },
            { messageId: 'pulledBy', line: 20, column: 75 },
          ],
        },
      ],
      output: stageVariableImage('harness/ci-addon:<+pipeline.sequenceId>'),
    },
    ...(['image', 'step'] as const).map((shared) => ({
      name: `${shared === 'image' ? 'an image field' : 'a step'} two stages share through a YAML alias: each stage pulls its own variable, both fixed`,
      files: aliasedStageImage(
        shared,
        'app.harness.io/registry/harness/ci-addon:1.16.4',
        'app.harness.io/registry/harness/ci-lite-engine:1.16.4',
      ),
      errors: [
        { messageId: 'image', line: 12, column: 20, related: [{ messageId: 'pulledBy', line: 19, column: shared === 'image' ? 78 : 79 }] },
        { messageId: 'image', line: 27, column: 20, related: [{ messageId: 'pulledBy', line: 19, column: shared === 'image' ? 78 : 79 }] },
      ],
      output: aliasedStageImage(shared, 'harness/ci-addon:1.16.4', 'harness/ci-lite-engine:1.16.4'),
    })),
    {
      name: "step images that are a step-group variable: as for a stage variable, each step reads its own (innermost) group's",
      files: stepGroupVariableImage('app.harness.io/registry/harness/ci-addon:1.16.4'),
      errors: [
        {
          messageId: 'image',
          line: 18,
          column: 30,
          related: [
            { messageId: 'pulledBy', line: 20, column: 81 },
            { messageId: 'pulledBy', line: 21, column: 81 },
          ],
        },
      ],
      output: stepGroupVariableImage('harness/ci-addon:1.16.4'),
    },
    ((stepGroupTemplate) => ({
      name: "a StepGroup template's steps read its own variables",
      files: { 'template.yaml': stepGroupTemplate('app.harness.io/registry/harness/ci-addon:1.16.4') },
      errors: [{ messageId: 'image', line: 10, column: 16, related: [{ messageId: 'pulledBy', line: 12, column: 67 }] }],
      output: { 'template.yaml': stepGroupTemplate('harness/ci-addon:1.16.4') },
    }))(
      (value: string) => `template:
  name: t
  identifier: t
  versionLabel: v1
  type: StepGroup
  spec:
    variables:
      - name: img
        type: String
        value: ${value}
    steps:
      - step: { type: Run, name: a, identifier: a, spec: { image: <+stepGroup.variables.img> } }
`,
    ),
    {
      name: 'a stage or step-group variable that names another variable: one error at the value it names (fixed there), every step that pulls it related',
      files: variableNamingVariable(
        'app.harness.io/registry/harness/ci-addon:1.16.4',
        'app.harness.io/registry/harness/ci-lite-engine:1.16.4',
      ),
      errors: [
        {
          messageId: 'image',
          line: 7,
          column: 14,
          related: [
            { messageId: 'pulledBy', line: 20, column: 75 },
            { messageId: 'pulledBy', line: 21, column: 75 },
            { messageId: 'pulledBy', line: 29, column: 81 },
            { messageId: 'pulledBy', line: 30, column: 81 },
          ],
        },
        { messageId: 'image', line: 38, column: 20, related: [{ messageId: 'pulledBy', line: 47, column: 81 }] },
      ],
      output: variableNamingVariable('harness/ci-addon:1.16.4', 'harness/ci-lite-engine:1.16.4'),
    },
    ((chained) => ({
      name: "a stage inside another's (a chained pipeline's inputs) reads its own variables, not the outer stage's",
      files: chained('app.harness.io/registry/harness/ci-addon:1.16.4'),
      errors: [{ messageId: 'image', line: 24, column: 30, related: [{ messageId: 'pulledBy', line: 28, column: 76 }] }],
      output: chained('harness/ci-addon:1.16.4'),
    }))(
      (value: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: chain
        identifier: chain
        type: Pipeline
        variables:
          - name: img
            type: String
            value: alpine:3
        spec:
          pipeline: child
          inputs:
            identifier: child
            stages:
              - stage:
                  identifier: build
                  type: CI
                  variables:
                    - name: img
                      type: String
                      value: ${value}
                  spec:
                    execution:
                      steps:
                        - step: { identifier: a, type: Run, spec: { image: <+stage.variables.img> } }
`,
    ),
    ((stageTemplate) => ({
      name: "a Stage template's steps read its own stage variables",
      files: { 'template.yaml': stageTemplate('app.harness.io/registry/harness/ci-addon:1.16.4') },
      errors: [{ messageId: 'image', line: 11, column: 16, related: [{ messageId: 'pulledBy', line: 15, column: 71 }] }],
      output: { 'template.yaml': stageTemplate('harness/ci-addon:1.16.4') },
    }))(
      (value: string) => `template:
  name: t
  identifier: t
  versionLabel: v1
  type: Stage
  spec:
    type: CI
    variables:
      - name: img
        type: String
        value: ${value}
    spec:
      execution:
        steps:
          - step: { type: Run, name: a, identifier: a, spec: { image: <+stage.variables.img> } }
`,
    ),
    ((templated) => ({
      name: 'a stage that uses a Stage template: the steps in its templateInputs read the variables there',
      files: templated('app.harness.io/registry/harness/ci-addon:1.16.4'),
      errors: [{ messageId: 'image', line: 16, column: 24, related: [{ messageId: 'pulledBy', line: 20, column: 70 }] }],
      output: templated('harness/ci-addon:1.16.4'),
    }))(
      (value: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        template:
          templateRef: account.build
          versionLabel: v1
          templateInputs:
            type: CI
            variables:
              - name: img
                type: String
                value: ${value}
            spec:
              execution:
                steps:
                  - step: { identifier: a, type: Run, spec: { image: <+stage.variables.img> } }
`,
    ),
    {
      name: 'an expression in the tag: the registry and name are literal, so an error, fixed with the expression kept',
      files: stepImage('app.harness.io/registry/harness/ci-addon:<+pipeline.sequenceId>'),
      errors: [
        {
          messageId: 'image',
          line: 12,
          column: 75,
          message:
            'Image `app.harness.io/registry/harness/ci-addon:<+pipeline.sequenceId>` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from `https://registry.hub.docker.com` instead.',
        },
      ],
      output: stepImage('harness/ci-addon:<+pipeline.sequenceId>'),
    },
    {
      name: 'an expression in the digest, with a space inside it: still an error, fixed',
      files: stepImage("\"app.harness.io/registry/plugins/kaniko@<+pipeline.variables.digest.replace(' ', '')>\""),
      errors: [{ messageId: 'image', line: 12, column: 75 }],
      output: stepImage("\"plugins/kaniko@<+pipeline.variables.digest.replace(' ', '')>\""),
    },
    {
      name: 'an expression in the image path: left to the leftover scan, as a warning',
      files: stepImage('app.harness.io/registry/<+pipeline.variables.ns>/ci-addon:1'),
      errors: [{ messageId: 'leftover', line: 12, column: 75, severity: 'warning' }],
    },
    {
      name: 'an image written as a block scalar: the message shows it without the line break, and there is no fix',
      files: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: Run
                  name: r
                  identifier: r
                  spec:
                    image: |
                      app.harness.io/registry/harness/ci-addon:1
`,
      errors: [
        {
          messageId: 'image',
          line: 17,
          column: 28,
          message:
            'Image `app.harness.io/registry/harness/ci-addon:1` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from `https://registry.hub.docker.com` instead.',
        },
      ],
    },
    {
      name: 'a step image: fixed to the same image on Docker Hub',
      files: stepImage('app.harness.io/registry/harness/ci-addon:1.16.92'),
      errors: [{ messageId: 'image', line: 12, column: 75 }],
      output: stepImage('harness/ci-addon:1.16.92'),
    },
    {
      name: 'images in a step group and a service dependency',
      files: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: account.harnessImage
          execution:
            steps:
              - stepGroup:
                  name: group
                  identifier: group
                  steps:
                    - step:
                        type: Run
                        name: addon
                        identifier: addon
                        spec:
                          image: app.harness.io/registry/harness/ci-addon:1.16.92
                          command: echo
          serviceDependencies:
            - identifier: db
              name: db
              type: Service
              spec:
                image: https://app.harness.io/registry/harness/harness-cache-server:1.7.4
`,
      errors: [
        { messageId: 'image', line: 27, column: 34 },
        { messageId: 'image', line: 34, column: 24 },
      ],
      output: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: account.harnessImage
          execution:
            steps:
              - stepGroup:
                  name: group
                  identifier: group
                  steps:
                    - step:
                        type: Run
                        name: addon
                        identifier: addon
                        spec:
                          image: harness/ci-addon:1.16.92
                          command: echo
          serviceDependencies:
            - identifier: db
              name: db
              type: Service
              spec:
                image: harness/harness-cache-server:1.7.4
`,
    },
    {
      name: 'an anchored image is reported once, at its value after the anchor, not at its alias',
      files: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: &addon app.harness.io/registry/harness/ci-addon:1 } }
              - step: { type: Run, name: b, identifier: b, spec: { image: *addon } }
`,
      errors: [{ messageId: 'image', line: 12, column: 82 }],
      output: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: &addon harness/ci-addon:1 } }
              - step: { type: Run, name: b, identifier: b, spec: { image: *addon } }
`,
    },
    {
      name: 'an image whose anchor sits under another key (a description, a variable) is still an image, reported at the anchor',
      files: `pipeline:
  name: p
  identifier: p
  description: &addon app.harness.io/registry/harness/ci-addon:1
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: *addon } }
`,
      errors: [{ messageId: 'image', line: 4, column: 23 }],
      output: `pipeline:
  name: p
  identifier: p
  description: &addon harness/ci-addon:1
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: *addon } }
`,
    },
    {
      name: 'a runtime input default and allowed value: no fix inside the input',
      files: stepImage(
        '<+input>.default(app.harness.io/registry/harness/ci-addon:1).allowedValues(harness/ci-addon:1,app.harness.io/registry/harness/ci-addon:1)',
      ),
      errors: [{ messageId: 'image', line: 12, column: 75 }],
    },
    {
      name: 'a step template',
      files: {
        'template.yaml': `template:
  name: addon step
  identifier: addon_step
  versionLabel: v1
  type: Step
  spec:
    type: Run
    spec:
      image: app.harness.io/registry/harness/ci-addon:1
      command: echo
`,
      },
      errors: [{ file: 'template.yaml', messageId: 'image', line: 9, column: 14 }],
      output: {
        'template.yaml': `template:
  name: addon step
  identifier: addon_step
  versionLabel: v1
  type: Step
  spec:
    type: Run
    spec:
      image: harness/ci-addon:1
      command: echo
`,
      },
    },
    {
      name: 'a trigger inputYaml: reported at its place in the file, never fixed there',
      files: {
        'trigger.yaml': `trigger:
  name: on push
  identifier: on_push
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
            identifier: build
            type: CI
            spec:
              execution:
                steps:
                  - step: { type: Run, identifier: r, spec: { image: app.harness.io/registry/harness/ci-addon:1 } }
`,
      },
      errors: [{ file: 'trigger.yaml', messageId: 'image', line: 19, column: 70 }],
    },
    {
      name: 'a quoted or folded trigger inputYaml: one error per image, at the inputYaml value, and no leftover warning on the same text',
      files: {
        'trigger.yaml': `trigger:
  name: quoted
  identifier: quoted
  pipelineIdentifier: p
  inputYaml: "pipeline:\\n  identifier: p\\n  stages:\\n    - stage:\\n        identifier: b\\n        spec:\\n          execution:\\n            steps:\\n              - step:\\n                  identifier: r\\n                  spec:\\n                    image: app.harness.io/registry/harness/ci-addon:1\\n"
---
trigger:
  name: folded
  identifier: folded
  pipelineIdentifier: p
  inputYaml: >
    pipeline: {identifier: p, stages: [{stage: {identifier: b, spec: {execution: {steps: [{step: {identifier: r, spec: {image: app.harness.io/registry/harness/ci-addon:2}}}]}}}}]}
`,
      },
      errors: [
        { file: 'trigger.yaml', messageId: 'image', line: 5, column: 14 },
        { file: 'trigger.yaml', messageId: 'image', line: 11, column: 14 },
      ],
    },
    {
      name: 'a multi-document Kubernetes manifest: a warning, outside Harness YAML',
      files: {
        'delegate.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: harness-delegate
spec:
  template:
    spec:
      containers:
        - name: delegate
          image: app.harness.io/registry/harness/delegate:24.04.82804
`,
      },
      errors: [{ file: 'delegate.yaml', messageId: 'image', line: 15, column: 18, severity: 'warning' }],
      output: {
        'delegate.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: harness-delegate
spec:
  template:
    spec:
      containers:
        - name: delegate
          image: harness/delegate:24.04.82804
`,
      },
    },
    {
      name: 'Helm values: a registry with its repository',
      files: {
        'values.yaml': `image:
  registry: app.harness.io/registry
  repository: harness/delegate
  tag: latest
`,
      },
      errors: [{ file: 'values.yaml', messageId: 'image', line: 3, column: 15, severity: 'warning' }],
      output: { 'values.yaml': 'image:\n  registry: docker.io\n  repository: harness/delegate\n  tag: latest\n' },
    },
    {
      name: 'Helm values: a registry written with a scheme and port, fixed; one that holds part of the path is not swapped',
      files: {
        'values.yaml': `image:
  registry: https://app.harness.io:443/registry/
  repository: harness/delegate
  tag: latest
`,
        'other.yaml': `image:
  registry: app.harness.io/registry/harness
  repository: delegate
`,
      },
      errors: [
        { file: 'other.yaml', messageId: 'image', line: 3, column: 15, severity: 'warning' },
        { file: 'values.yaml', messageId: 'image', line: 3, column: 15, severity: 'warning' },
      ],
      output: {
        'values.yaml': 'image:\n  registry: docker.io\n  repository: harness/delegate\n  tag: latest\n',
      },
    },
    {
      name: "an STO step's scan target (`image.name`) on the registry: a leftover warning, though `name` is otherwise prose",
      files: stepImage('{ type: docker_v2, name: app.harness.io/registry/harness/ci-addon, tag: "1" }'),
      errors: [{ messageId: 'leftover', line: 12, column: 100, severity: 'warning' }],
    },
    {
      name: 'an execution-config value on the registry under a renamed name: fixed to the replacement, with the Harness name restored',
      files: { 'execution-config.yaml': executionConfig('addonTag', 'app.harness.io/registry/harness-ci-addon:1.2') },
      errors: [{ file: 'execution-config.yaml', messageId: 'image', line: 3, column: 10 }],
      output: { 'execution-config.yaml': executionConfig('addonTag', 'harness/ci-addon:1.2') },
    },
    {
      name: 'the same, with the replacementRegistryUrl option',
      files: { 'execution-config.yaml': executionConfig('addonTag', 'app.harness.io/registry/harness-ci-addon:1.2') },
      options: { replacementRegistryUrl: 'https://gcr.io/gcr-prod' },
      errors: [{ file: 'execution-config.yaml', messageId: 'image', line: 3, column: 10 }],
      output: { 'execution-config.yaml': executionConfig('addonTag', 'gcr.io/gcr-prod/harness/ci-addon:1.2') },
    },
    {
      name: "an execution-config value on the registry under another Harness namespace: fixed to the field's image (the path after registry/ is a Docker Hub one, no mirror prefix)",
      files: { 'execution-config.yaml': executionConfig('buildAndPushECRTag', 'app.harness.io/registry/harness/kaniko-ecr:1.0') },
      errors: [{ file: 'execution-config.yaml', messageId: 'image', line: 3, column: 10 }],
      output: { 'execution-config.yaml': executionConfig('buildAndPushECRTag', 'plugins/kaniko-ecr:1.0') },
    },
    {
      name: 'the same, with an empty path segment and the replacementRegistryUrl option',
      files: { 'execution-config.yaml': executionConfig('buildAndPushECRTag', 'https://app.harness.io//registry/harness/kaniko-ecr:1.0') },
      options: { replacementRegistryUrl: 'https://public.ecr.aws/harness' },
      errors: [{ file: 'execution-config.yaml', messageId: 'image', line: 3, column: 10 }],
      output: { 'execution-config.yaml': executionConfig('buildAndPushECRTag', 'public.ecr.aws/harness/plugins/kaniko-ecr:1.0') },
    },
    {
      name: "the same under a namespace not Harness's: the field's image, as a suggestion",
      files: { 'execution-config.yaml': executionConfig('buildAndPushECRTag', 'app.harness.io/registry/myorg/kaniko-ecr:1.0') },
      errors: [
        {
          file: 'execution-config.yaml',
          messageId: 'image',
          line: 3,
          column: 10,
          suggestion: executionConfig('buildAndPushECRTag', 'plugins/kaniko-ecr:1.0'),
        },
      ],
    },
    {
      name: "a step image on the registry under another Harness namespace: the catalogue's name as a suggestion, not a three-segment Docker Hub name",
      files: stepImage('app.harness.io/registry/harness/kaniko-ecr:1.0'),
      errors: [{ messageId: 'image', line: 12, column: 75, suggestion: stepImage('plugins/kaniko-ecr:1.0') }],
    },
    {
      name: 'an image with an empty path segment (`app.harness.io//registry/...`): fixed like a connector URL',
      files: stepImage('app.harness.io//registry/harness/ci-addon:1.1'),
      errors: [{ messageId: 'image', line: 12, column: 75 }],
      output: stepImage('harness/ci-addon:1.1'),
    },
    {
      name: "the harnessImages option: a name it adds is restored as the image moves (a suggestion: it is the user's own image)",
      files: stepImage('app.harness.io/registry/acme-ci-plugin:1.0'),
      options: { harnessImages: ['acme/ci-plugin'] },
      errors: [{ messageId: 'image', line: 12, column: 75, suggestion: stepImage('acme/ci-plugin:1.0') }],
    },
    {
      name: 'the harnessImages option: an execution-config value under a Harness name it adds is fixed, the name restored',
      files: { 'execution-config.yaml': executionConfig('newThingTag', 'app.harness.io/registry/harness-ci-newthing:1.0') },
      options: { harnessImages: ['harness/ci-newthing'] },
      errors: [{ file: 'execution-config.yaml', messageId: 'image', line: 3, column: 10 }],
      output: { 'execution-config.yaml': executionConfig('newThingTag', 'harness/ci-newthing:1.0') },
    },
    {
      name: 'a leftover after a scheme or a space still counts',
      files: stepCommand('curl -fsS https://app.harness.io/registry/v2/_catalog'),
      errors: [{ messageId: 'leftover', line: 13, column: 46, severity: 'warning' }],
    },
    {
      name: 'a leftover with a doubled slash before `registry` (as connector URLs are read) still counts',
      files: stepCommand('curl -fsS https://app.harness.io//registry/v2/_catalog'),
      errors: [{ messageId: 'leftover', line: 13, column: 46, severity: 'warning' }],
    },
    {
      // Hostnames are case-insensitive and 443 is HTTPS's port: Docker pulls these from the retired registry.
      name: 'a leftover with the host in capitals or with port 443 still counts',
      files: stepCommand('docker pull APP.HARNESS.IO/registry/harness/x:1 && docker pull app.harness.io:443/registry/harness/y:1'),
      errors: [
        { messageId: 'leftover', line: 13, column: 40, severity: 'warning' },
        { messageId: 'leftover', line: 13, column: 91, severity: 'warning' },
      ],
    },
    {
      name: 'a leftover in a command: a warning at the registry, inside the string',
      files: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: Run
                  name: pull
                  identifier: pull
                  spec:
                    image: alpine:3
                    command: docker pull app.harness.io/registry/harness/ci-addon:1
`,
      errors: [{ messageId: 'leftover', line: 18, column: 42, severity: 'warning' }],
    },
    {
      name: 'leftovers in lists (a matrix axis the step pulls, a plugin setting): each named by the list key',
      files: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: Plugin
                  name: scan
                  identifier: scan
                  strategy:
                    matrix:
                      img: [alpine:3, app.harness.io/registry/harness/ci-addon:1]
                  spec:
                    image: <+matrix.img>
                    settings:
                      mirrors:
                        - app.harness.io/registry/harness/ci-lite-engine:1
`,
      errors: [
        {
          messageId: 'leftover',
          line: 18,
          column: 39,
          severity: 'warning',
          message:
            '`img` refers to the app.harness.io registry (`app.harness.io/registry/harness/ci-addon:1`), which reached end of life on 15 May 2024, so whatever uses it fails at run time; use `https://registry.hub.docker.com` instead.',
        },
        { messageId: 'leftover', line: 23, column: 27, severity: 'warning' },
      ],
    },
    {
      name: "connectors only Harness holds that point at the registry: an error at each referring line, with the connector's page",
      files: k8sPipeline('p', 'account.old', 'account.old', k8sStage('one', 'account.old', 'account.old')),
      harness: fromHarness([harnessConnector('old', ACCOUNT, { urls: [OLD] }), harnessConnector('git', ACCOUNT, { urls: [OLD] })]),
      errors: [
        // The codebase, at its connectorRef with the stage that clones it related; the override; the step.
        {
          messageId: 'harnessConnectorUrl',
          message:
            'Connector `account.git` (in Harness, account scope) points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024, and stage `one` of pipeline `p` pulls through it; in Harness, point it at `https://registry.hub.docker.com` instead.',
          line: 7,
          column: 23,
          harnessUrl: ui('git'),
          related: [{ messageId: 'clonesCodebase', line: 19, column: 21 }],
        },
        { messageId: 'harnessConnectorUrl', line: 28, column: 41, harnessUrl: ui('old') },
        { messageId: 'harnessConnectorUrl', line: 31, column: 82, harnessUrl: ui('old') },
      ],
    },
    {
      name: 'connectors only Harness holds, named once in pipeline variables two stages use, and a codebase each stage clones',
      files: k8sPipeline(
        'p',
        'account.old',
        'account.old',
        k8sStage('one', '<+pipeline.variables.reg>', '<+pipeline.variables.img>'),
        k8sStage('two', '<+pipeline.variables.reg>', '<+pipeline.variables.img>'),
      ),
      harness: fromHarness([harnessConnector('old', ACCOUNT, { urls: [OLD] }), harnessConnector('git', ACCOUNT, { urls: [OLD] })]),
      errors: [
        // The codebase is written once: one finding there, each stage that clones it related.
        {
          messageId: 'harnessConnectorUrlMany',
          line: 7,
          column: 23,
          harnessUrl: ui('git'),
          related: [
            { messageId: 'clonesCodebase', line: 19, column: 21 },
            { messageId: 'clonesCodebase', line: 34, column: 21 },
          ],
        },
        {
          messageId: 'harnessConnectorUrlMany',
          line: 12,
          column: 14,
          harnessUrl: ui('old'),
          related: [
            { messageId: 'usedBy', line: 12, column: 14 },
            { messageId: 'usedBy', line: 12, column: 14 },
          ],
        },
        {
          messageId: 'harnessConnectorUrlMany',
          line: 15,
          column: 14,
          harnessUrl: ui('old'),
          related: [
            { messageId: 'pullsHarnessImages', line: 15, column: 14 },
            { messageId: 'pullsHarnessImages', line: 15, column: 14 },
          ],
        },
      ],
    },
    {
      name: 'a codebase connector only Harness holds, cloned by the stage of a pipeline template two pipelines use',
      files: {
        'template.yaml': `template:
  name: ci
  identifier: ci
  versionLabel: v1
  type: Pipeline
  spec:
    properties:
      ci:
        codebase:
          connectorRef: account.git
          build: <+input>
    stages:
${k8sStage('build', 'account.mirror', 'account.mirror').replace(/^/gm, '  ').trimEnd()}
`,
        'a.yaml': 'pipeline:\n  name: a\n  identifier: a\n  template:\n    templateRef: account.ci\n    versionLabel: v1\n',
        'b.yaml': 'pipeline:\n  name: b\n  identifier: b\n  template:\n    templateRef: account.ci\n    versionLabel: v1\n',
      },
      harness: fromHarness([harnessConnector('mirror', ACCOUNT), harnessConnector('git', ACCOUNT, { urls: [OLD] })]),
      errors: [
        {
          file: 'template.yaml',
          messageId: 'harnessConnectorUrlMany',
          line: 10,
          column: 25,
          harnessUrl: ui('git'),
          related: [
            { file: 'template.yaml', messageId: 'clonesCodebase', line: 15, column: 23 },
            { file: 'template.yaml', messageId: 'clonesCodebase', line: 15, column: 23 },
          ],
        },
      ],
    },
    {
      name: 'references Harness has no connector for: a warning, once per referring place',
      files: k8sPipeline(
        'p',
        'account.gone',
        'account.mirror',
        k8sStage('one', '<+pipeline.variables.reg>', 'account.gone'),
        k8sStage('two', '<+pipeline.variables.reg>', 'account.mirror'),
      ),
      harness: fromHarness(
        [harnessConnector('mirror', ACCOUNT), harnessConnector('git', ACCOUNT)],
        [{ identifier: 'gone', scope: ACCOUNT }],
      ),
      errors: [
        {
          messageId: 'notInHarnessMany',
          line: 12,
          column: 14,
          severity: 'warning',
          unresolved: true,
          related: [
            { messageId: 'usedBy', line: 12, column: 14 },
            { messageId: 'usedBy', line: 12, column: 14 },
          ],
        },
        { messageId: 'notInHarness', line: 28, column: 41, severity: 'warning', unresolved: true },
      ],
    },
    {
      name: 'a Docker connector moving to a private mirror: only a suggestion (the mirror must hold the Harness images first)',
      files: { 'docker.yaml': dockerConnector(OLD) },
      options: { replacementRegistryUrl: 'https://registry.example.com/mirror' },
      errors: [{ messageId: 'connectorUrl', line: 6, column: 24, suggestion: dockerConnector('https://registry.example.com/mirror') }],
    },
    {
      name: "a Docker connector's URL in a field other than dockerRegistryUrl: only a suggestion, the Provider Type left alone",
      files: { 'docker.yaml': dockerConnector(HUB, '    proxy:\n      proxyUrl: https://app.harness.io/registry\n') },
      errors: [
        {
          messageId: 'connectorUrl',
          line: 12,
          column: 17,
          suggestion: dockerConnector(HUB, '    proxy:\n      proxyUrl: https://registry.hub.docker.com\n'),
        },
      ],
    },
    {
      name: 'a step image on the registry under a renamed Harness name: the name restored, but only as a suggestion (a step may mean another image)',
      files: stepImage('app.harness.io/registry/harness-ci-addon:1.2'),
      errors: [{ messageId: 'image', line: 12, column: 75, suggestion: stepImage('harness/ci-addon:1.2') }],
    },
    {
      name: 'a step image on the registry that is not a Harness image: only a suggestion (it must be on Docker Hub first)',
      files: stepImage('app.harness.io/registry/myorg/tool:1'),
      errors: [{ messageId: 'image', line: 12, column: 75, suggestion: stepImage('myorg/tool:1') }],
    },
    {
      name: 'a Harness step image moving to a private mirror: only a suggestion',
      files: stepImage('app.harness.io/registry/harness/ci-addon:1'),
      options: { replacementRegistryUrl: 'https://registry.example.com/mirror' },
      errors: [{ messageId: 'image', line: 12, column: 75, suggestion: stepImage('registry.example.com/mirror/harness/ci-addon:1') }],
    },
    {
      name: 'Helm values: a registry whose repository is not a Harness image: only a suggestion',
      files: { 'values.yaml': 'image:\n  registry: app.harness.io/registry\n  repository: myorg/tool\n' },
      errors: [
        {
          file: 'values.yaml',
          messageId: 'image',
          line: 3,
          column: 15,
          severity: 'warning',
          suggestion: 'image:\n  registry: docker.io\n  repository: myorg/tool\n',
        },
      ],
    },
    {
      name: 'a connector both in the repo and in Harness: judged in its file only, not again at the lines that use it',
      files: {
        'docker.yaml': dockerConnector(OLD),
        'pipeline.yaml': k8sPipeline(
          'p',
          'account.harnessImage',
          'account.harnessImage',
          k8sStage('one', 'account.harnessImage', 'account.harnessImage'),
        ),
      },
      harness: fromHarness([harnessConnector('harnessImage', ACCOUNT, { urls: [OLD] }), harnessConnector('git', ACCOUNT)]),
      errors: [{ file: 'docker.yaml', messageId: 'connectorUrl', line: 6, column: 24 }],
      output: { 'docker.yaml': dockerConnector(HUB).replace('providerType: Other', 'providerType: DockerHub') },
    },
  ],
});

// Only when this file runs: the meta test imports it for its table.
if (expect.getState().testPath === import.meta.filename)
  describe('fix titles and related messages', () => {
    const findings = (files: Record<string, string>, extra: Parameters<typeof lintFiles>[1] = {}) =>
      lintFiles(files, { rules: [rule], ...extra }).findings.filter((f) => f.ruleId === rule.id);

    test("a Docker connector's fix names the Provider Type it sets", () => {
      expect(findings({ 'docker.yaml': dockerConnector(OLD) }).map((f) => f.fixTitle)).toEqual([
        'Point connector `harnessImage` at `https://registry.hub.docker.com` (Provider Type Docker Hub).',
      ]);
      const gcr = { ruleOptions: { [rule.id]: { replacementRegistryUrl: 'https://gcr.io/gcr-prod' } } };
      expect(findings({ 'docker.yaml': dockerConnector(OLD) }, gcr).map((f) => f.fixTitle)).toEqual([
        'Point connector `harnessImage` at `https://gcr.io/gcr-prod` (Provider Type Other).',
      ]);
    });

    test('related locations of a connector only Harness holds: a sentence opens with the stage, "Used by" names it in lower case', () => {
      const files = {
        'pipeline.yaml': k8sPipeline(
          'p',
          'account.old',
          'account.old',
          k8sStage('one', '<+pipeline.variables.reg>', '<+pipeline.variables.img>'),
          k8sStage('two', '<+pipeline.variables.reg>', '<+pipeline.variables.img>'),
        ),
      };
      const harnessFacts = fromHarness([
        harnessConnector('old', ACCOUNT, { urls: [OLD] }),
        harnessConnector('git', ACCOUNT, { urls: [OLD] }),
      ]);
      const related = findings(files, { harnessFacts }).map((f) => [f.line, (f.related ?? []).map((r) => r.message)]);
      expect(related).toEqual([
        [7, ['Stage `one` of pipeline `p` clones the codebase through it.', 'Stage `two` of pipeline `p` clones the codebase through it.']],
        [12, ['Used by stage `one` of pipeline `p`.', 'Used by stage `two` of pipeline `p`.']],
        [
          15,
          ['Stage `one` of pipeline `p` pulls Harness images through it.', 'Stage `two` of pipeline `p` pulls Harness images through it.'],
        ],
      ]);
    });
  });
