import rule from '../../src/rules/no-renamed-harness-image.js';
import { describe, expect, test } from '@jest/globals';
import { crlf, lintFiles } from '../helpers/lint-files.js';
import { testRule } from '../helpers/rule-tester.js';

/** A CI pipeline whose steps run `images`, one a line from line 12, each at column 77. */
const stepImages = (...images: string[]) => `pipeline:
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
${images.map((image, i) => `              - step: { type: Run, name: s${i}, identifier: s${i}, spec: { image: ${image} } }\n`).join('')}`;

/**
 * A pipeline with Secret and Number variables (pipeline and stage) whose values look like images, and a String
 * variable (its type in lower case) that holds one, each pulled by a step image.
 */
const typedVariables = `pipeline:
  name: p
  identifier: p
  variables:
    - name: psec
      type: Secret
      value: harness_ci_addon
    - name: pnum
      type: Number
      value: 5
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        variables:
          - name: sec
            type: secret
            value: harness_ci_addon
          - name: num
            type: Number
            value: 5
          - name: img
            type: string
            value: alpine:3
        spec:
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: <+pipeline.variables.psec> } }
              - step: { type: Run, name: b, identifier: b, spec: { image: <+pipeline.variables.pnum> } }
              - step: { type: Run, name: c, identifier: c, spec: { image: <+stage.variables.sec> } }
              - step: { type: Run, name: d, identifier: d, spec: { image: <+stage.variables.num> } }
              - step: { type: Run, name: e, identifier: e, spec: { image: <+stage.variables.img> } }
`;

/**
 * A step group whose variable \`img\` (its value at line 22, column 30) its step pulls (line 28, column 81), and Secret,
 * Number and runtime-input variables whose values look like renamed images (in the group, and a stage variable
 * naming a pipeline variable), each pulled by a step.
 */
const stepGroupVariables = (img: string) => `pipeline:
  name: p
  identifier: p
  variables:
    - { name: pimg, type: String, value: registry.example.com/harness-ci-addon:1 }
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        variables:
          - { name: sec, type: Secret, value: <+pipeline.variables.pimg> }
        spec:
          execution:
            steps:
              - stepGroup:
                  name: g
                  identifier: g
                  variables:
                    - name: img
                      type: String
                      value: ${img}
                    - { name: sec, type: Secret, value: harness_ci_addon }
                    - { name: num, type: Number, value: 5 }
                    - { name: input, type: String, value: "<+input>.default(registry.example.com/harness-ci-addon:1)" }
                    - { name: viaSecret, type: String, value: <+stage.variables.sec> }
                  steps:
                    - step: { type: Run, name: a, identifier: a, spec: { image: <+stepGroup.variables.img> } }
                    - step: { type: Run, name: b, identifier: b, spec: { image: <+stepGroup.variables.sec> } }
                    - step: { type: Run, name: c, identifier: c, spec: { image: <+stepGroup.variables.num> } }
                    - step: { type: Run, name: d, identifier: d, spec: { image: <+stepGroup.variables.input> } }
                    - step: { type: Run, name: e, identifier: e, spec: { image: <+stepGroup.variables.viaSecret> } }
                    - step: { type: Run, name: f, identifier: f, spec: { image: <+stage.variables.sec> } }
`;

/**
 * Pipeline variable \`pimg\` (its value at line 7, column 14) that stage variable \`simg\` names, and step-group variable
 * \`gimg\` naming \`simg\`: the steps pull \`simg\` (line 20, column 75) and \`gimg\` (line 26, column 81).
 */
const variableNamingVariable = (value: string) => `pipeline:
  name: p
  identifier: p
  variables:
    - name: pimg
      type: String
      value: ${value}
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
              - step: { type: Run, name: a, identifier: a, spec: { image: <+stage.variables.simg> } }
              - stepGroup:
                  name: g
                  identifier: g
                  variables: [{ name: gimg, type: String, value: <+stage.variables.simg> }]
                  steps:
                    - step: { type: Run, name: b, identifier: b, spec: { image: <+stepGroup.variables.gimg> } }
`;

/** A saved execution-config payload (the body of Harness's update-config API); the value is at line 3, column 10. */
const executionConfig = (field: string, value: string) => `# Saved payload for PUT /execution-config/update-config?infra=K8
- field: ${field}
  value: ${value}
`;

export default testRule(import.meta.filename, rule, {
  valid: [
    {
      name: 'Harness images under their own names, behind any registry prefix, and images that are not Harness images',
      files: `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          serviceDependencies:
            - identifier: dind
              name: dind
              type: Service
              spec:
                image: docker:dind
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { image: gcr.io/gcr-prod/harness/ci-addon:1.16.92 } }
              - step: { type: Run, name: b, identifier: b, spec: { image: "artifactory.example.com/harness-remote/plugins/kaniko:1.10.6" } }
              - step: { type: Run, name: c, identifier: c, spec: { image: plugins/docker:18 } }
              - step: { type: Run, name: d, identifier: d, spec: { image: myorg/docker:1 } }
              - step: { type: Run, name: e, identifier: e, spec: { image: "<+input>" } }
              - step: { type: Run, name: f, identifier: f, spec: { image: golang:1.23 } }
              - step: { type: Run, name: g, identifier: g, spec: { image: "localhost:5000/myorg/cache:2" } }
              - step: { type: Run, name: h, identifier: h, spec: { image: "bitnami/kaniko:1.23.2" } }
              - step: { type: Run, name: i, identifier: i, spec: { image: "drone/drone-git:latest" } }
              - step: { type: Run, name: j, identifier: j, spec: { image: "<+input>.default(golang:1.23).allowedValues(golang:1.23,node:20)" } }
`,
    },
    { name: "a Secret or Number variable's value is no image, whatever it looks like", files: typedVariables },
    {
      name: "a step group's Secret, Number and runtime-input variables are no image, nor is one read through a Secret variable",
      files: stepGroupVariables('alpine:3'),
    },
    {
      name: "other people's images written with a Docker Hub host are still other people's",
      files: stepImages('docker.io/bitnami/kaniko:1', 'index.docker.io/drone/drone-git:1', 'registry.hub.docker.com/drone/drone-git:1'),
    },
    {
      name: 'an execution-config payload in JSON that keeps the names',
      files: {
        'execution-config.json':
          '[{"field": "addonTag", "value": "us-docker.pkg.dev/gar-prod-setup/harness-public/harness/ci-addon:1.16.92"}]\n',
      },
    },
    {
      name: 'a Kubernetes manifest names its own images',
      files: {
        'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: addon
spec:
  template:
    spec:
      containers:
        - name: addon
          image: registry.example.com/mirror/ci-addon:1.16.92
`,
      },
    },
  ],
  invalid: [
    {
      name: 'step images whose mirror dropped, joined or misspelled the Harness name: warnings with suggestions',
      files: stepImages(
        'registry.example.com/mirror/ci-addon:1.16.92',
        'registry.example.com/harness-ci-lite-engine:1.16.92',
        '"harness/drone_git:1.6.9@sha256:0123456789abcdef"',
        'registry.example.com/plugins-docker:20',
      ),
      errors: [
        {
          messageId: 'renamed',
          line: 12,
          column: 77,
          severity: 'warning',
          suggestion: stepImages(
            'registry.example.com/mirror/harness/ci-addon:1.16.92',
            'registry.example.com/harness-ci-lite-engine:1.16.92',
            '"harness/drone_git:1.6.9@sha256:0123456789abcdef"',
            'registry.example.com/plugins-docker:20',
          ),
        },
        {
          messageId: 'renamed',
          line: 13,
          column: 77,
          severity: 'warning',
          suggestion: stepImages(
            'registry.example.com/mirror/ci-addon:1.16.92',
            'registry.example.com/harness/ci-lite-engine:1.16.92',
            '"harness/drone_git:1.6.9@sha256:0123456789abcdef"',
            'registry.example.com/plugins-docker:20',
          ),
        },
        {
          messageId: 'renamed',
          line: 14,
          column: 77,
          severity: 'warning',
          suggestion: stepImages(
            'registry.example.com/mirror/ci-addon:1.16.92',
            'registry.example.com/harness-ci-lite-engine:1.16.92',
            '"harness/drone-git:1.6.9@sha256:0123456789abcdef"',
            'registry.example.com/plugins-docker:20',
          ),
        },
        {
          messageId: 'renamed',
          line: 15,
          column: 77,
          severity: 'warning',
          suggestion: stepImages(
            'registry.example.com/mirror/ci-addon:1.16.92',
            'registry.example.com/harness-ci-lite-engine:1.16.92',
            '"harness/drone_git:1.6.9@sha256:0123456789abcdef"',
            'registry.example.com/plugins/docker:20',
          ),
        },
      ],
    },
    {
      name: "a runtime input's default",
      files: stepImages('<+input>.default(registry.example.com/mirror/ci-lite-engine:1.16.92)'),
      errors: [{ messageId: 'renamed', line: 12, column: 77, severity: 'warning' }],
    },
    {
      name: 'an anchored image is reported once, at its value after the anchor',
      files: stepImages('&addon registry.example.com/ci-addon:1', '*addon'),
      errors: [
        {
          messageId: 'renamed',
          line: 12,
          column: 84,
          severity: 'warning',
          suggestion: stepImages('&addon registry.example.com/harness/ci-addon:1', '*addon'),
        },
      ],
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
      image: harness/drone_git:1.6.9
      command: echo
`,
      },
      errors: [
        {
          file: 'template.yaml',
          messageId: 'renamed',
          line: 9,
          column: 14,
          severity: 'warning',
          suggestion: `template:
  name: addon step
  identifier: addon_step
  versionLabel: v1
  type: Step
  spec:
    type: Run
    spec:
      image: harness/drone-git:1.6.9
      command: echo
`,
        },
      ],
    },
    {
      name: 'an execution-config payload on a private mirror: an error, with a suggestion',
      files: { 'execution-config.yaml': executionConfig('gitCloneTag', 'mirror.example.com/harness/git-clone:1.6.9-rootless') },
      errors: [
        {
          file: 'execution-config.yaml',
          messageId: 'executionConfig',
          line: 3,
          column: 10,
          suggestion: executionConfig('gitCloneTag', 'mirror.example.com/harness/drone-git:1.6.9-rootless'),
        },
      ],
    },
    ...[
      ['iacmTerraform', 'mirror.example.com/plugins-harness-terraform:1', 'mirror.example.com/plugins/harness_terraform:1'],
      ['someNewField', 'mirror.example.com/mirror/ci-addon:1.16.92', 'mirror.example.com/mirror/harness/ci-addon:1.16.92'],
    ].map(([field, value, suggestion]) => ({
      name: `execution-config field ${field}, which the field map ${field === 'iacmTerraform' ? 'names' : 'does not name'}: a renamed Harness image is an error`,
      files: { 'execution-config.yaml': executionConfig(field!, value!) },
      errors: [
        {
          file: 'execution-config.yaml',
          messageId: 'executionConfig',
          line: 3,
          column: 10,
          suggestion: executionConfig(field!, suggestion!),
        },
      ],
    })),
    {
      name: 'a get-customer-config answer saved as it came (JSON), and a field→image map in YAML',
      files: {
        'customer.json':
          '{"status":"SUCCESS","data":{"addonTag":"mirror.io/ci-addon:1.16.92","liteEngineTag":"harness/ci-lite-engine:1.16.92"}}\n',
        'overrides.yaml': 'addonTag: mirror.io/harness-ci-addon:1.16.92\ngitCloneTag: harness/drone-git:1.6.9\n',
      },
      errors: [
        {
          file: 'customer.json',
          messageId: 'executionConfig',
          line: 1,
          column: 40,
          suggestion:
            '{"status":"SUCCESS","data":{"addonTag":"mirror.io/harness/ci-addon:1.16.92","liteEngineTag":"harness/ci-lite-engine:1.16.92"}}\n',
        },
        {
          file: 'overrides.yaml',
          messageId: 'executionConfig',
          line: 1,
          column: 11,
          suggestion: 'addonTag: mirror.io/harness/ci-addon:1.16.92\ngitCloneTag: harness/drone-git:1.6.9\n',
        },
      ],
    },
    {
      name: 'an execution-config payload on a public Harness registry: fixed',
      files: { 'execution-config.yaml': crlf(executionConfig('addonTag', 'gcr.io/gcr-prod/harness-ci-addon:1.16.92')) },
      errors: [{ file: 'execution-config.yaml', messageId: 'executionConfig', line: 3, column: 10 }],
      output: { 'execution-config.yaml': crlf(executionConfig('addonTag', 'gcr.io/gcr-prod/harness/ci-addon:1.16.92')) },
    },
    ...[
      ['addonTag', 'gcr.io/gcr-prod/harness/ci-lite-engine:1.16.92', 'gcr.io/gcr-prod/harness/ci-addon:1.16.92'],
      ['gitCloneTag', 'harness/ci-addon:1.16.92', 'harness/drone-git:1.16.92'],
      ['addonTag', 'ci-lite-engine:1.16.92', 'harness/ci-addon:1.16.92'],
    ].map(([field, value, other]) => ({
      name: `another Harness image in ${field} (${value}) is not a renamed one: a suggestion, never a fix (its tag may not exist)`,
      files: { 'execution-config.yaml': executionConfig(field!, value!) },
      errors: [
        { file: 'execution-config.yaml', messageId: 'executionConfig', line: 3, column: 10, suggestion: executionConfig(field!, other!) },
      ],
    })),
    ...[
      ['addonTag', 'alpine:3.19', 'harness/ci-addon:3.19'],
      ['addonTag', 'harness/git-clone:1.6.9', 'harness/ci-addon:1.6.9'],
      ['gitCloneTag', 'harness/ci-addon-custom:7.0', 'harness/drone-git:7.0'],
      ['addonTag', 'plugins/kaniko:1.10.6', 'harness/ci-addon:1.10.6'],
    ].map(([field, value, other]) => ({
      name: `an image in ${field} whose name is not the expected one's (${value}) is not a renamed one: a suggestion, never a fix`,
      files: { 'execution-config.yaml': executionConfig(field!, value!) },
      errors: [
        { file: 'execution-config.yaml', messageId: 'executionConfig', line: 3, column: 10, suggestion: executionConfig(field!, other!) },
      ],
    })),
    {
      name: 'an expression in the tag: the name is literal, so it is judged (the suggestion keeps the expression)',
      files: stepImages('myreg.io/mirror/ci-addon:<+pipeline.variables.tag>'),
      errors: [
        {
          messageId: 'renamed',
          line: 12,
          column: 77,
          severity: 'warning',
          suggestion: stepImages('myreg.io/mirror/harness/ci-addon:<+pipeline.variables.tag>'),
        },
      ],
    },
    {
      name: 'an execution-config value with an expression in the tag is judged by its name',
      files: { 'execution-config.yaml': executionConfig('addonTag', 'mirror.example.com/harness-ci-addon:<+pipeline.variables.tag>') },
      errors: [
        {
          file: 'execution-config.yaml',
          messageId: 'executionConfig',
          line: 3,
          column: 10,
          suggestion: executionConfig('addonTag', 'mirror.example.com/harness/ci-addon:<+pipeline.variables.tag>'),
        },
      ],
    },
    ...[
      ['addonTag', 'plugins/ci-addon:1.16.92', 'harness/ci-addon:1.16.92'],
      ['liteEngineTag', 'mycompany/ci-lite-engine:1.16.92', 'harness/ci-lite-engine:1.16.92'],
      ['gitCloneTag', 'docker.io/mycompany/drone-git:1.6.9', 'docker.io/harness/drone-git:1.6.9'],
      ['buildAndPushDockerRegistryTag', 'harness/kaniko:1.10.6', 'plugins/kaniko:1.10.6'],
    ].map(([field, value, suggestion]) => ({
      name: `on Docker Hub the first segment is a namespace, not a mirror prefix: ${value} as ${field} suggests ${suggestion}`,
      files: { 'execution-config.yaml': executionConfig(field!, value!) },
      errors: [
        {
          file: 'execution-config.yaml',
          messageId: 'executionConfig',
          line: 3,
          column: 10,
          suggestion: executionConfig(field!, suggestion!),
        },
      ],
    })),
    ...[
      ['addonTag', 'myorg/harness-ci-addon:1.2', 'harness/ci-addon:1.2'],
      ['addonTag', 'docker.io/myorg/harness-ci-addon:1.2', 'docker.io/harness/ci-addon:1.2'],
      ['addonTag', 'harness-ci-addon:1.2', 'harness/ci-addon:1.2'],
    ].map(([field, value, suggestion]) => ({
      name: `a Docker Hub namespace of the user's own (${value} as ${field}) is not swapped for Harness's image by a fix: a suggestion`,
      files: { 'execution-config.yaml': executionConfig(field!, value!) },
      errors: [
        {
          file: 'execution-config.yaml',
          messageId: 'executionConfig',
          line: 3,
          column: 10,
          suggestion: executionConfig(field!, suggestion!),
        },
      ],
    })),
    ...[
      ['addonTag', 'harness/harness-ci-addon:1.2', 'harness/ci-addon:1.2'],
      ['addonTag', 'docker.io/plugins/harness_ci_addon:1.2', 'docker.io/harness/ci-addon:1.2'],
    ].map(([field, value, output]) => ({
      name: `Harness's own Docker Hub namespace under another spelling (${value} as ${field}): fixed`,
      files: { 'execution-config.yaml': executionConfig(field!, value!) },
      errors: [{ file: 'execution-config.yaml', messageId: 'executionConfig', line: 3, column: 10 }],
      output: { 'execution-config.yaml': executionConfig(field!, output!) },
    })),
    {
      name: 'a step image on Docker Hub under another namespace: the suggestion is the Harness image there',
      files: stepImages('mycompany/harness-ci-addon:1'),
      errors: [{ messageId: 'renamed', line: 12, column: 77, severity: 'warning', suggestion: stepImages('harness/ci-addon:1') }],
    },
    {
      name: "on the app.harness.io registry: reported, but no edit of this rule's (no-app-harness-registry's fix moves the image and restores the name)",
      files: {
        'execution-config.yaml': executionConfig('addonTag', 'app.harness.io/registry/harness-ci-addon:1.2'),
        'pipeline.yaml': stepImages('app.harness.io/registry/mirror/ci-addon:1'),
      },
      errors: [
        { file: 'execution-config.yaml', messageId: 'executionConfig', line: 3, column: 10 },
        {
          file: 'pipeline.yaml',
          messageId: 'renamedOnRetiredRegistry',
          line: 12,
          column: 77,
          severity: 'warning',
          message:
            'Image `app.harness.io/registry/mirror/ci-addon:1` looks like the Harness image `harness/ci-addon` under another name, on the app.harness.io registry that reached end of life on 15 May 2024: pull it from the registry that replaces it, as `harness/ci-addon`.',
        },
      ],
    },
    {
      name: 'a pipeline variable a step pulls: reported at the variable value, with the step as a related location',
      files: stepImages('<+pipeline.variables.img>').replace(
        '  stages:\n',
        '  variables:\n    - name: img\n      type: String\n      value: registry.example.com/harness-ci-addon:1\n  stages:\n',
      ),
      errors: [
        {
          messageId: 'renamed',
          line: 7,
          column: 14,
          severity: 'warning',
          related: [{ messageId: 'pulledBy', line: 16, column: 77 }],
          suggestion: stepImages('<+pipeline.variables.img>').replace(
            '  stages:\n',
            '  variables:\n    - name: img\n      type: String\n      value: registry.example.com/harness/ci-addon:1\n  stages:\n',
          ),
        },
      ],
    },
    ((withVariable: (value: string) => string) => ({
      name: 'a pipeline variable with an expression in the tag: judged by its name, as when written in the step',
      files: withVariable('registry.example.com/harness-ci-addon:<+pipeline.variables.tag>'),
      errors: [
        {
          messageId: 'renamed',
          line: 7,
          column: 14,
          severity: 'warning',
          related: [{ messageId: 'pulledBy', line: 16, column: 77 }],
          suggestion: withVariable('registry.example.com/harness/ci-addon:<+pipeline.variables.tag>'),
        },
      ],
    }))((value) =>
      stepImages('<+pipeline.variables.img>').replace(
        '  stages:\n',
        `  variables:\n    - name: img\n      type: String\n      value: ${value}\n  stages:\n`,
      ),
    ),
    {
      name: 'a step-group variable a step pulls: reported at the variable value, with the step as a related location',
      files: stepGroupVariables('registry.example.com/harness-ci-addon:1'),
      errors: [
        {
          messageId: 'renamed',
          line: 22,
          column: 30,
          severity: 'warning',
          related: [{ messageId: 'pulledBy', line: 28, column: 81 }],
          suggestion: stepGroupVariables('registry.example.com/harness/ci-addon:1'),
        },
      ],
    },
    {
      name: 'a stage or step-group variable naming another variable: reported at the value it names, with the steps as related locations',
      files: variableNamingVariable('registry.example.com/harness-ci-addon:1'),
      errors: [
        {
          messageId: 'renamed',
          line: 7,
          column: 14,
          severity: 'warning',
          related: [
            { messageId: 'pulledBy', line: 20, column: 75 },
            { messageId: 'pulledBy', line: 26, column: 81 },
          ],
          suggestion: variableNamingVariable('registry.example.com/harness/ci-addon:1'),
        },
      ],
    },
    {
      name: 'the harnessImages option adds names mirrors must keep',
      files: stepImages('registry.example.com/acme-builder:2'),
      options: { harnessImages: ['acme/builder'] },
      errors: [
        { messageId: 'renamed', line: 12, column: 77, severity: 'warning', suggestion: stepImages('registry.example.com/acme/builder:2') },
      ],
    },
  ],
});

// Only when this file runs: the meta test imports it for its table.
if (expect.getState().testPath === import.meta.filename)
  test("the report's image list holds only String variables' values", () => {
    const images = lintFiles({ 'pipeline.yaml': typedVariables }, { images: true }).images!;
    expect(images.map((i) => i.image)).toEqual(['alpine:3']);
    const ofGroup = lintFiles({ 'pipeline.yaml': stepGroupVariables('alpine:3') }, { images: true }).images!;
    expect(ofGroup.map((i) => i.image)).toEqual(['alpine:3']);
  });

if (expect.getState().testPath === import.meta.filename)
  describe('suggestion titles', () => {
    const titleFor = (files: Record<string, string>) => lintFiles(files).findings.find((f) => f.ruleId === rule.id)?.suggestion?.title;

    test("on Docker Hub no one can mirror into Harness's namespace: the title says to use Harness's own image", () => {
      expect(titleFor({ 'execution-config.yaml': executionConfig('liteEngineTag', 'docker.io/myorg/ci-lite-engine:1.16') })).toBe(
        "Use Harness's own image `docker.io/harness/ci-lite-engine:1.16` instead, if it has the tag `1.16`.",
      );
      expect(titleFor({ 'execution-config.yaml': executionConfig('addonTag', 'myorg/harness-ci-addon:1.2') })).toBe(
        "Use Harness's own image `harness/ci-addon:1.2` instead, if it has the tag `1.2`.",
      );
    });

    test('on Docker Hub with no tag written, the tag Harness would pull is `latest`', () => {
      expect(titleFor({ 'execution-config.yaml': executionConfig('addonTag', 'myorg/harness-ci-addon') })).toBe(
        "Use Harness's own image `harness/ci-addon` instead, if it has the tag `latest`.",
      );
    });

    test('behind a mirror host the title still asks for the image to be mirrored under that name', () => {
      expect(titleFor({ 'execution-config.yaml': executionConfig('addonTag', 'registry.example.com/harness-ci-addon:1.2') })).toBe(
        'Use `registry.example.com/harness/ci-addon:1.2`, after mirroring the image under that name.',
      );
    });
  });
