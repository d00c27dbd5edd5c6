import { describe, expect, it } from '@jest/globals';
import { identifierOfStep, isWholeStep } from '../../src/model/entities.js';
import { lintFiles } from '../helpers/lint-files.js';

const PIPELINE = `pipeline:
  identifier: p
  orgIdentifier: default
  projectIdentifier: shop
  stages:
    - stage:
        identifier: build
        type: CI
        spec:
          runtime:
            type: Cloud
            spec: {}
          serviceDependencies:
            - identifier: db
              type: Service
              spec:
                connectorRef: account.hub
                image: postgres:16
          execution:
            steps:
              - step:
                  identifier: plain
                  type: Run
                  spec:
                    connectorRef: account.hub
                    image: node:20
              - step:
                  identifier: noConnector
                  type: Run
                  spec:
                    command: make
              - parallel:
                  - step:
                      identifier: inParallel
                      type: Run
                      spec:
                        connectorRef: org.hub
                        image: node:20
              - stepGroup:
                  identifier: group
                  steps:
                    - step:
                        identifier: inGroup
                        type: Run
                        spec:
                          connectorRef: hub
                          image: node:20
                    - step:
                        type: Run
                        spec:
                          connectorRef: noId
                          image: node:20
              - step:
                  identifier: kaniko
                  type: BuildAndPushDockerRegistry
                  spec:
                    connectorRef: account.hub
                    baseImageConnectorRefs: [account.base]
              - step:
                  identifier: fromTemplate
                  template:
                    templateRef: account.runTests
                    versionLabel: v1
`;

describe('steps as the model keeps them', () => {
  const { project } = lintFiles({ '.harness/p.yaml': PIPELINE });
  const steps = project.pipelines[0]!.stages[0]!.steps;

  it('a plain step is its connectorRef alone; one without a connector is not kept; the others are whole', () => {
    expect(steps.map((s) => (isWholeStep(s) ? `step ${s.identifier} (${s.role})` : `ref ${String(s.value)}`))).toEqual([
      'ref account.hub',
      'ref org.hub',
      'ref hub',
      'ref noId',
      'step kaniko (step)',
      'step fromTemplate (step)',
      'step db (serviceDependency)',
    ]);
  });

  it('a plain step keeps its identifier, read from the semantic path (none when the step has none)', () => {
    expect(steps.map(identifierOfStep)).toEqual(['plain', 'inParallel', 'inGroup', '', 'kaniko', 'fromTemplate', 'db']);
  });

  it('every connector the steps refer to is still a use of the stage, in order, with how it is used', () => {
    const [run] = [...project.runs()];
    const uses = project.connectorUses(run!.stages[0]!);
    expect(uses.map((u) => `${String(u.ref.value)} ${u.how}`)).toEqual([
      'account.hub step',
      'org.hub step',
      'hub step',
      'noId step',
      'account.hub step',
      'account.base baseImage',
      'account.hub serviceDependency',
    ]);
  });
});
