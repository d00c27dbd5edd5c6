/**
 * Seeds for the fuzz test: small, valid Harness YAML files written for it, covering what the rules
 * read (every CI infrastructure kind, steps, step groups, parallel, templates, input sets, triggers,
 * connectors, execution-config payloads) and the YAML features that make positions hard (anchors
 * and aliases, flow collections, quoting, block scalars, comments, multiple documents). Some break
 * a policy on purpose, so the rules report findings (with related locations) on the mutated files.
 */

export interface Seed {
  name: string;
  /** Where the seed is written in the temp repo. */
  file: string;
  text: string;
}

/** Always in the temp repo beside the mutated file: connectors and a template it may reference. */
export const SUPPORT_FILES: Record<string, string> = {
  '.harness/connectors/hub.yaml': `connector:
  name: Docker Hub
  identifier: hub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth:
      type: Anonymous
    executeOnDelegate: false
`,
  '.harness/connectors/harness_image.yaml': `connector:
  name: Harness Docker Connector
  identifier: harnessImage
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://app.harness.io/registry
    providerType: Other
    auth:
      type: Anonymous
`,
  '.harness/templates/k8s_stage.yaml': `template:
  name: k8s stage
  identifier: k8s_stage
  versionLabel: v1
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: true
      infrastructure:
        type: KubernetesDirect
        spec:
          connectorRef: account.cluster
          namespace: ci
          harnessImageConnectorRef: <+input>
      execution:
        steps:
          - step:
              type: Run
              name: test
              identifier: test
              spec:
                connectorRef: account.hub
                image: maven:3.9
                command: mvn verify
`,
};

export const SEEDS: Seed[] = [
  {
    name: 'kubernetes stage, step group, parallel steps, comments',
    file: '.harness/pipelines/k8s.yaml',
    text: `# Build on our own cluster.
pipeline:
  name: k8s build   # trailing comment
  identifier: k8s_build
  orgIdentifier: default
  projectIdentifier: payments
  properties:
    ci:
      codebase:
        connectorRef: account.github
        repoName: payments
        build: <+input>
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          cloneCodebase: true
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: harness-builds
              harnessImageConnectorRef: org.mirror
              os: Linux
          execution:
            steps:
              - step:
                  type: Run
                  name: unit
                  identifier: unit
                  spec:
                    connectorRef: account.hub
                    image: golang:1.23
                    shell: Sh
                    command: |
                      go vet ./...
                      go test ./...
              - parallel:
                  - step:
                      type: Plugin
                      name: clone helper
                      identifier: clone_helper
                      spec:
                        connectorRef: account.mirror
                        image: app.harness.io/registry/harness/drone-git:1.6.9
                  - step:
                      type: Run
                      name: addon
                      identifier: addon
                      spec:
                        image: artifactory.example.com/harness-remote/ci-addon:1.16.92
              - stepGroup:
                  name: group
                  identifier: group
                  stepGroupInfra:
                    type: KubernetesDirect
                    spec:
                      connectorRef: account.cluster
                      harnessImageConnectorRef: mirror
                  steps:
                    - step:
                        type: BuildAndPushDockerRegistry
                        name: push
                        identifier: push
                        spec:
                          connectorRef: account.hub
                          repo: acme/app
                          tags: [latest, "<+pipeline.sequenceId>"]
                          baseImageConnectorRefs: [account.hub]
`,
  },
  {
    name: 'VM pool stage with a service dependency',
    file: '.harness/pipelines/vm.yml',
    text: `pipeline:
  name: vm
  identifier: vm
  stages:
    - stage:
        name: mac
        identifier: mac
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: VM
            spec:
              type: Pool
              spec:
                poolName: macos-pool
                os: MacOS
                harnessImageConnectorRef: <+input>
          serviceDependencies:
            - identifier: db
              name: db
              type: Service
              spec:
                connectorRef: account.hub
                image: postgres:16
          execution:
            steps:
              - step:
                  type: Run
                  name: build
                  identifier: build
                  spec:
                    command: xcodebuild
`,
  },
  {
    name: 'Harness Cloud stage, flow maps, quoted scalars',
    file: '.harness/pipelines/cloud.yaml',
    text: `pipeline:
  name: "cloud: quoted"
  identifier: 'cloud'
  properties: { ci: { codebase: { connectorRef: hub, repoName: app, build: <+input> } } }
  stages:
    - stage:
        name: cloud
        identifier: cloud
        type: CI
        spec:
          cloneCodebase: true
          platform: { os: Linux, arch: Amd64 }
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
              - step: { type: Run, name: "a \\"b\\"", identifier: a, spec: { connectorRef: hub, image: "node:20", command: 'echo ''hi''' } }
              - step: {type: Run, name: c, identifier: c, spec: {connectorRef: account.hub, image: plugins/kaniko:1.10.1}}
`,
  },
  {
    name: 'useFromStage and a stage template with templateInputs',
    file: '.harness/pipelines/template_use.yaml',
    text: `pipeline:
  name: uses template
  identifier: uses_template
  stages:
    - stage:
        name: integration
        identifier: integration
        template:
          templateRef: k8s_stage
          versionLabel: v1
          templateInputs:
            type: CI
            spec:
              infrastructure:
                type: KubernetesDirect
                spec:
                  harnessImageConnectorRef: org.mirror
    - stage:
        name: follow
        identifier: follow
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            useFromStage: integration
          execution:
            steps:
              - step:
                  type: Run
                  name: b
                  identifier: b
                  spec:
                    connectorRef: account.hub
                    image: >-
                      registry.example.com/mirror/ci-addon:1.2
                    command: b
`,
  },
  {
    name: 'a stage template',
    file: '.harness/templates/cloud_stage.yaml',
    text: `template:
  name: cloud stage
  identifier: cloud_stage
  versionLabel: "1"
  type: Stage
  spec:
    type: CI
    spec:
      runtime:
        type: Cloud
        spec: {}
      execution:
        steps:
          - step:
              type: Run
              name: scan
              identifier: scan
              spec:
                connectorRef: org.quay
                image: quay.io/acme/scan:1
                command: scan
`,
  },
  {
    name: 'connectors, two documents',
    file: '.harness/connectors/more.yaml',
    text: `connector:
  name: mirror
  identifier: mirror
  orgIdentifier: default
  type: DockerRegistry
  spec:
    dockerRegistryUrl: "https://app.harness.io/registry/"
    providerType: Other
    auth:
      type: UsernamePassword
      spec:
        username: ci
        passwordRef: account.pat
    delegateSelectors:
      - build
    executeOnDelegate: true
---
connector:
  name: quay
  identifier: quay
  orgIdentifier: default
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://quay.io
    providerType: Other
    auth: { type: Anonymous }
    executeOnDelegate: "false"
`,
  },
  {
    name: 'input set and overlay input set',
    file: '.harness/pipelines/input_sets/nightly.yaml',
    text: `inputSet:
  name: Nightly
  identifier: nightly
  orgIdentifier: default
  projectIdentifier: payments
  pipeline:
    identifier: vm
    properties:
      ci:
        codebase:
          build:
            type: branch
            spec:
              branch: main
    stages:
      - stage:
          identifier: mac
          type: CI
          spec:
            infrastructure:
              type: VM
              spec:
                type: Pool
                spec:
                  harnessImageConnectorRef: macos_mirror
---
overlayInputSet:
  name: all
  identifier: all
  pipelineIdentifier: vm
  inputSetReferences:
    - nightly
`,
  },
  {
    name: 'trigger with a block inputYaml',
    file: '.harness/triggers/on_push.yaml',
    text: `trigger:
  name: on push
  identifier: on_push
  enabled: true
  pipelineIdentifier: k8s_build
  source:
    type: Webhook
    spec:
      type: Github
  inputYaml: |
    pipeline:
      identifier: k8s_build
      stages:
        - stage:
            identifier: build
            type: CI
            spec:
              infrastructure:
                type: KubernetesDirect
                spec:
                  harnessImageConnectorRef: trigger_mirror
              execution:
                steps:
                  - step: { identifier: unit, type: Run, spec: { image: app.harness.io/registry/harness/ci-addon:1 } }
`,
  },
  {
    name: 'anchors and aliases',
    file: '.harness/pipelines/anchors.yaml',
    text: `pipeline:
  name: anchors
  identifier: anchors
  stages:
    - stage:
        name: a
        identifier: a
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: &infra
              connectorRef: account.cluster
              namespace: ci
              harnessImageConnectorRef: &mirror org.mirror
          execution:
            steps:
              - step: &step { type: Run, name: r, identifier: r, spec: { image: &img app.harness.io/registry/harness/ci-addon:1 } }
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          runtime: &cloud { type: Cloud, spec: {} }
          execution:
            steps:
              - step: *step
              - step: { type: Run, name: s, identifier: s, spec: { connectorRef: *mirror, image: *img } }
    - stage:
        name: c
        identifier: c
        type: CI
        spec:
          infrastructure: { type: KubernetesDirect, spec: *infra }
          execution: { steps: [] }
`,
  },
  {
    name: 'block scalars, quoting, tags and comments',
    file: '.harness/pipelines/scalars.yaml',
    text: `%YAML 1.2
---
pipeline: # comment after a key
  name: |-
    multi
    line
  identifier: "scalars"
  description: >
    folded
    text
  tags: { team: "a:b", "quoted key": 'single ''quoted''' }
  stages:
    - stage:
        name: s
        identifier: s
        type: !!str CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: "ci"
              harnessImageConnectorRef: "account.mirror"
          execution:
            steps:
              - step:
                  type: Run
                  name: "unicode é ✓ 🚀"
                  identifier: u
                  spec:
                    image: 'docker.io/harness/ci-lite-engine:1.16.92'
                    command: "line one\\nline two\\t🚀"
...
`,
  },
  {
    name: 'execution-config payload (YAML)',
    file: '.harness/execution-config.yaml',
    text: `# Saved payload for PUT /execution-config/update-config?infra=K8
- field: gitCloneTag
  value: mirror.example.com/harness/git-clone:1.6.9-rootless
- field: addonTag
  value: "app.harness.io/registry/harness/ci-addon:1.16.92"
`,
  },
  {
    name: 'execution-config payload (JSON)',
    file: 'execution-config.json',
    text: `[
  { "field": "addonTag", "value": "mirror.example.com/harness-ci-addon:1.16.92" },
  { "field": "gitCloneTag", "value": "mirror.example.com/harness/drone-git:1.6.9-rootless" }
]
`,
  },
];
