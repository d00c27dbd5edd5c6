import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@jest/globals';
import { lint } from '../helpers/lint.js';
import { fromHarness, harnessConnector } from '../helpers/rule-tester.js';

const ACCOUNT = { level: 'account' as const };

/** A pipeline whose Cloud stage clones the codebase through `ref`, written once under `properties`. */
const pipeline = (ref: string) => `pipeline:
  name: p
  identifier: p
  orgIdentifier: o1
  projectIdentifier: pr1
  properties:
    ci:
      codebase:
        connectorRef: ${ref}
        repoName: r
        build: <+input>
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          cloneCodebase: true
          platform: {os: Linux, arch: Amd64}
          runtime: {type: Cloud, spec: {}}
          execution:
            steps:
              - step: {type: Run, name: a, identifier: a, spec: {image: alpine, command: "true"}}
`;

test('a codebase connector Harness does not have: one warning, at the connectorRef, from both connector rules', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-codebase-'));
  fs.writeFileSync(path.join(dir, 'p.yaml'), pipeline('account.gone'));
  const harness = fromHarness([harnessConnector('harnessImage', ACCOUNT)], [{ identifier: 'gone', scope: ACCOUNT }]);
  const { findings } = lint({ cwd: dir, paths: ['.'], configPath: false, harnessFacts: harness });
  const warnings = findings
    .filter((f) => f.severity === 'warning')
    .map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message.slice(0, 35)}`);
  expect(warnings).toEqual(['9:23 unresolved-reference Connector `account.gone` is neither']);
  expect(findings.find((f) => f.severity === 'warning')?.related?.map((r) => `${r.line}:${r.column}`)).toEqual(['15:21']);
});
