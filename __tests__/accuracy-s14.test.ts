/** Accuracy of what findings and messages say (fourteenth session). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { connector, fakeGitHubPerTest, git, HARNESS_IMAGE, pullRequestEvent, tmpDir, writeFiles } from './e2e/harness.js';
import { runInProcess } from './action/in-process.js';
import { lint as engineLint } from '../src/engine/lint.js';
import { connectorsToLookUp } from '../src/harness/lookups.js';
import type { HarnessAnswer } from '../src/model/harness-side.js';
import { rules } from '../src/rules/index.js';
import { lintFiles } from './helpers/lint-files.js';

const push = { eventName: 'push', event: { before: '0'.repeat(40), after: 'f'.repeat(40) } };

describe('the Action with `path:` a symlinked folder inside the repository', () => {
  /** A repository whose `.harness` holds one bad connector, with `hlink` a link to it. */
  function linkedRepo() {
    const ws = tmpDir('pathlink');
    fs.mkdirSync(path.join(ws, '.git'));
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/connectors/a.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }),
    });
    fs.symlinkSync('.harness', path.join(ws, 'hlink'));
    return ws;
  }
  const annotatedFiles = (r: { annotations: Array<{ props: { file?: string } }> }) =>
    r.annotations.flatMap((a) => (a.props.file ? [a.props.file] : []));

  test.each(['hlink', 'hlink/connectors', 'hlink/connectors/a.yaml'])(
    'path %j: findings name the file by its path in the repository, which GitHub annotates',
    async (given) => {
      const r = await runInProcess({ workspace: linkedRepo(), ...push, inputs: { path: given, 'github-token': '' } });
      expect(r.code).toBe(1);
      expect(annotatedFiles(r)).toEqual(['.harness/connectors/a.yaml']);
    },
  );

  test('a `path:` link that leaves the repository is still refused, unread', async () => {
    const ws = linkedRepo();
    const outside = tmpDir('pathlink-out');
    writeFiles(outside, { 'a.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }) });
    fs.symlinkSync(outside, path.join(ws, 'out'));
    const r = await runInProcess({ workspace: ws, ...push, inputs: { path: 'out', 'github-token': '' } });
    expect(r.code).toBe(0);
    expect(r.annotations.filter((a) => a.props.file).map((a) => `${a.props.file} ${a.message}`)).toEqual([
      'out File is reached through a symlink that leaves the repository; not followed; skipped.',
    ]);
  });

  test('a `path:` link into .git is still refused, unread', async () => {
    const ws = linkedRepo();
    writeFiles(ws, { '.git/x.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }) });
    fs.symlinkSync('.git', path.join(ws, 'glink'));
    const r = await runInProcess({ workspace: ws, ...push, inputs: { path: 'glink', 'github-token': '' } });
    expect(r.code).toBe(0);
    expect(r.annotations.filter((a) => a.props.file).map((a) => `${a.props.file} ${a.message}`)).toEqual([
      'glink File is a symlink into .git, which is never read; not followed; skipped.',
    ]);
  });
});

describe('policy 3: the override suggestion never says to create an account connector Harness was not known to lack', () => {
  const stage = (override: string) => `    - stage:
        name: st
        identifier: st
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: ci
              harnessImageConnectorRef: ${override}
          execution:
            steps:
              - step:
                  type: Run
                  name: r
                  identifier: r
                  spec:
                    image: alpine
                    command: "true"
`;
  const PIPELINE = `pipeline:\n  name: p\n  identifier: p\n  orgIdentifier: o\n  projectIdentifier: pr\n  stages:\n${stage('org.mirror')}`;
  /** An input set for a pipeline the repo does not hold: no stage in the repo runs with its value. */
  const ORPHAN_INPUT_SET = `inputSet:
  name: i
  identifier: i
  orgIdentifier: o
  projectIdentifier: pr
  pipeline:
    identifier: elsewhere
    stages:
      - stage:
          identifier: st
          type: CI
          spec:
            infrastructure:
              type: KubernetesDirect
              spec:
                harnessImageConnectorRef: org.mirror
`;
  /** The suggestion's title, linted with every lookup the engine asks for answered by `answer` (or with lookups off). */
  async function titleOf(files: Record<string, string>, answer?: HarnessAnswer): Promise<string | undefined> {
    const dir = tmpDir('acct');
    writeFiles(dir, files);
    const result = await engineLint({
      cwd: dir,
      paths: ['.'],
      rules,
      configPath: false,
      ...(answer
        ? { harness: async (project) => ({ host: 'h', requests: 1, lookups: connectorsToLookUp(project).map((n) => ({ ...n, answer })) }) }
        : {}),
    });
    const [f] = result.findings.filter((x) => x.ruleId === 'require-account-image-connector');
    return f?.suggestion?.title;
  }

  test('a lookup a 403 refused: the suggestion says it was refused, not that the connector is missing', async () => {
    expect(await titleOf({ 'p.yaml': PIPELINE }, { kind: 'failed', reason: 'HTTP 403', refused: 'core_connector_view' })).toBe(
      'Reference an account-scope connector as `account.mirror` instead of `org.mirror` once Harness is known to have one (the repo has no account-scope `mirror`, and Harness refused the lookup with HTTP 403).',
    );
  });

  test('a value for a pipeline the repo does not hold: Harness is asked about its `account.<id>` too', async () => {
    expect(await titleOf({ 'i.yaml': ORPHAN_INPUT_SET }, { kind: 'failed', reason: 'HTTP 403', refused: 'core_connector_view' })).toBe(
      'Reference an account-scope connector as `account.mirror` instead of `org.mirror` once Harness is known to have one (the repo has no account-scope `mirror`, and Harness refused the lookup with HTTP 403).',
    );
    expect(await titleOf({ 'i.yaml': ORPHAN_INPUT_SET }, { kind: 'notFound' })).toBe(
      'Create connector `mirror` at account scope in Harness (the repo has no account-scope `mirror`), then reference it as `account.mirror`.',
    );
  });

  test("a trigger's value (in `inputYaml`, which no suggestion edits) is not looked up", async () => {
    const trigger = `trigger:
  name: t
  identifier: t
  orgIdentifier: o
  projectIdentifier: pr
  pipelineIdentifier: elsewhere
  source:
    type: Webhook
  inputYaml: |
    pipeline:
      identifier: elsewhere
      stages:
        - stage:
            identifier: st
            type: CI
            spec:
              infrastructure:
                type: KubernetesDirect
                spec:
                  harnessImageConnectorRef: org.trigger_mirror
`;
    const dir = tmpDir('acct');
    writeFiles(dir, { 't.yaml': trigger, 'i.yaml': ORPHAN_INPUT_SET });
    let asked: string[] = [];
    await engineLint({
      cwd: dir,
      paths: ['.'],
      rules,
      configPath: false,
      harness: async (project) => {
        const needs = connectorsToLookUp(project);
        asked = needs.map((n) => `${n.at.file} ${n.scope.level}.${n.identifier}`);
        return { host: 'h', requests: 0, lookups: [] };
      },
    });
    expect(asked).toEqual(['i.yaml account.mirror']);
  });

  test('lookups ran but this connector was not among them (facts from an earlier run): not "Create connector"', async () => {
    const dir = tmpDir('acct');
    writeFiles(dir, { 'p.yaml': PIPELINE });
    const result = await engineLint({
      cwd: dir,
      paths: ['.'],
      rules,
      configPath: false,
      harnessFacts: { host: 'h', requests: 0, lookups: [] },
    });
    const [f] = result.findings.filter((x) => x.ruleId === 'require-account-image-connector');
    expect(f?.suggestion?.title).toBe(
      'Reference an account-scope connector as `account.mirror` instead of `org.mirror` once Harness is known to have one (the repo has no account-scope `mirror`, and Harness was not asked about it).',
    );
  });

  test('unchanged: Harness said there is none, or lookups are off', async () => {
    const create =
      'Create connector `mirror` at account scope in Harness (the repo has no account-scope `mirror`), then reference it as `account.mirror`.';
    expect(await titleOf({ 'p.yaml': PIPELINE }, { kind: 'notFound' })).toBe(create);
    expect(await titleOf({ 'p.yaml': PIPELINE })).toBe(create);
    expect(await titleOf({ 'i.yaml': ORPHAN_INPUT_SET })).toBe(create);
  });
});

describe('policy 2: related locations name a step group made from a StepGroup template as a step group', () => {
  const CONNECTORS = `connector:
  name: harnessImage
  identifier: harnessImage
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    executeOnDelegate: false
    auth:
      type: Anonymous
---
connector:
  name: hub
  identifier: hub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    executeOnDelegate: true
    auth:
      type: Anonymous
`;
  const STEP_GROUP_TEMPLATE = `template:
  name: sgt
  identifier: sgt
  versionLabel: v1
  type: StepGroup
  spec:
    steps:
      - step: { type: Run, name: a, identifier: a, spec: { connectorRef: account.hub, image: alpine, command: "true" } }
      - step: { type: Run, name: b, identifier: b, spec: { connectorRef: <+input>, image: alpine, command: "true" } }
      - step: { name: c, identifier: c, template: { templateRef: account.st, versionLabel: v1 } }
`;
  const STEP_TEMPLATE = `template:
  name: st
  identifier: st
  versionLabel: v1
  type: Step
  spec:
    type: Run
    spec: { connectorRef: account.hub, image: alpine, command: "true" }
`;
  const PIPELINE = `pipeline:
  name: p
  identifier: p
  orgIdentifier: o
  projectIdentifier: pr
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          cloneCodebase: false
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
              - stepGroup: { name: sg, identifier: sg, template: { templateRef: account.sgt, versionLabel: v1 } }
              - step: { name: one, identifier: one, template: { templateRef: account.st, versionLabel: v1 } }
    - stage:
        name: t
        identifier: t
        type: CI
        spec:
          cloneCodebase: false
          platform: { os: Linux, arch: Amd64 }
          runtime: { type: Cloud, spec: {} }
          execution:
            steps:
              - stepGroup: { name: sg2, identifier: sg2, template: { templateRef: account.sgt, versionLabel: v1 } }
`;

  test('"step group `sg` from template `sgt`", as it is written in the stage; steps from Step templates as before', () => {
    const result = lintFiles({ 'c.yaml': CONNECTORS, 'sgt.yaml': STEP_GROUP_TEMPLATE, 'st.yaml': STEP_TEMPLATE, 'p.yaml': PIPELINE });
    // The delegate connector's uses, then the open runtime input's (an unresolved-reference notice).
    const related = result.findings.flatMap((f) => (f.related ?? []).map((r) => r.message));
    expect(related).toEqual([
      'Used by Harness Cloud stage `s` of pipeline `p`, step group `sg` from template `sgt` version v1.',
      'Used by Harness Cloud stage `t` of pipeline `p`, step group `sg2` from template `sgt` version v1.',
      // A Step template inside the StepGroup template: the step group as written in the stage, and its template.
      'Used by Harness Cloud stage `s` of pipeline `p`, step group `sg` from template `sgt` version v1.',
      'Used by Harness Cloud stage `s` of pipeline `p`, step `one` from template `st` version v1.',
      'Used by Harness Cloud stage `t` of pipeline `p`, step group `sg2` from template `sgt` version v1.',
      'The connector of Harness Cloud stage `s` of pipeline `p`, step group `sg` from template `sgt` version v1.',
      'The connector of Harness Cloud stage `t` of pipeline `p`, step group `sg2` from template `sgt` version v1.',
    ]);
  });
});

describe('policy 3: a value written outside the stages names every stage that takes it', () => {
  const stage = (id: string) => `    - stage:
        name: ${id}
        identifier: ${id}
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: ci
              harnessImageConnectorRef: <+pipeline.variables.conn>
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: alpine, command: "true" } }
`;
  const STAGE_TEMPLATE = `template:
  name: t
  identifier: t
  versionLabel: v1
  type: Stage
  orgIdentifier: o
  projectIdentifier: pr
  spec:
    type: CI
    spec:
      cloneCodebase: false
      infrastructure:
        type: KubernetesDirect
        spec:
          connectorRef: account.cluster
          namespace: ci
          harnessImageConnectorRef: <+pipeline.variables.conn>
      execution:
        steps:
          - step: { type: Run, name: r, identifier: r, spec: { image: alpine, command: "true" } }
`;
  const user = (id: string) =>
    `    - stage:\n        name: ${id}\n        identifier: ${id}\n        template:\n          templateRef: t\n          versionLabel: v1\n`;
  const pipeline = (value: string, ...stages: string[]) => `pipeline:
  name: p
  identifier: p
  orgIdentifier: o
  projectIdentifier: pr
  variables:
    - name: conn
      type: String
      value: ${value}
  stages:
${stages.join('')}`;
  const INPUT_SET = `inputSet:
  name: i
  identifier: i
  orgIdentifier: o
  projectIdentifier: pr
  pipeline:
    identifier: p
    variables:
      - name: conn
        type: String
        value: org.mirror
`;
  const messages = (files: Record<string, string>) =>
    lintFiles(files, { configPath: false })
      .findings.filter((f) => f.ruleId === 'require-account-image-connector')
      .map((f) => `${f.file}:${f.line} ${f.message.split(' sets ')[0]}`);

  test.each([
    [
      'a pipeline variable that Stage-template stages take',
      { 't.yaml': STAGE_TEMPLATE, 'p.yaml': pipeline('org.mirror', user('a'), user('b')) },
      ['p.yaml:9 Each of stage `a` and stage `b` of pipeline `p`'],
    ],
    [
      'one Stage-template stage',
      { 't.yaml': STAGE_TEMPLATE, 'p.yaml': pipeline('org.mirror', user('a')) },
      ['p.yaml:9 Stage `a` of pipeline `p`'],
    ],
    [
      "an input set's value for a variable two stages take",
      { 'p.yaml': pipeline('<+input>', stage('a'), stage('b')), 'i.yaml': INPUT_SET },
      ['i.yaml:11 Each of stage `a` and stage `b` of input set `i`'],
    ],
    [
      "an input set's value for a variable two Stage-template stages take",
      { 't.yaml': STAGE_TEMPLATE, 'p.yaml': pipeline('<+input>', user('a'), user('b')), 'i.yaml': INPUT_SET },
      ['i.yaml:11 Each of stage `a` and stage `b` of input set `i`'],
    ],
    // Unchanged: a pipeline variable that the pipeline's own stages take already named them.
    [
      'a pipeline variable that two stages take',
      { 'p.yaml': pipeline('org.mirror', stage('a'), stage('b')) },
      ['p.yaml:9 Each of stage `a` and stage `b` of pipeline `p`'],
    ],
    [
      "an input set's value for one stage",
      { 'p.yaml': pipeline('<+input>', stage('a')), 'i.yaml': INPUT_SET },
      ['i.yaml:11 Stage `a` of input set `i`'],
    ],
  ])('%s', (_, files, expected) => {
    expect(messages(files)).toEqual(expected);
  });
});

describe('the gate with `path:` a symlinked folder', () => {
  const server = fakeGitHubPerTest();

  // The gate looks for config files from the same (real) path the check reads: a config the pull
  // request adds between the link's target and the repository root is a gate change, never obeyed.
  test.each(['hlink', 'ci/harness'])(
    'path %j: a config the pull request adds in ci/ is named as a gate change and not obeyed',
    async (given) => {
      const ws = tmpDir('gatelink');
      writeFiles(ws, {
        'ci/harness/connectors/harness_image.yaml': HARNESS_IMAGE,
        'ci/harness/connectors/a.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }),
        'ci/.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: off\n',
      });
      fs.symlinkSync('ci/harness', path.join(ws, 'hlink'));
      git(ws, 'init', '-q');
      git(ws, 'add', '-A');
      git(ws, 'commit', '-qm', 'merge');
      const files = [
        { filename: 'ci/.harness-registry-guard.yml', status: 'added', patch: '@@ -0,0 +1,2 @@\n+rules:\n+  no-app-harness-registry: off' },
      ];
      const gh = await server({ files, baseFiles: {} });
      const r = await runInProcess({
        workspace: ws,
        apiUrl: gh.url,
        event: pullRequestEvent({ changedFiles: 1 }),
        inputs: { path: given },
      });
      expect(r.code).toBe(1);
      expect(r.outputs.errors).toBe('1');
      expect(r.annotations.map((a) => `${a.props.title} ${a.props.file}`)).toContain('gate change ci/.harness-registry-guard.yml');
    },
  );
});
