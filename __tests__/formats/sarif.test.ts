import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { lint } from '../helpers/lint.js';
import { SourceTexts } from '../../src/engine/file-text.js';
import { allRules } from '../../src/rules/index.js';
import { fingerprints, formatSarif, toSarif, toUri } from '../../src/formats/sarif.js';
import { expectGolden, FIXTURE, lintFixture } from './golden.js';
import { multitoolValidate, schemaErrors } from './sarif-validators.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-sarif-'));

describe('SARIF reporter', () => {
  const result = lintFixture();
  const text = formatSarif(result);
  const log = JSON.parse(text);

  test('matches the golden file', () => {
    expectGolden('report.sarif', text);
  });

  test('is one SARIF 2.1.0 run whose rules are the ones that ran, with help and helpUri to docs/rules/<id>.md', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(result.rules.map((r) => r.id));
    for (const r of rules) {
      expect(r.helpUri).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`));
      expect(r.help.text).toContain(allRules.find((m) => m.id === r.id)!.remediation);
      expect(r.shortDescription.text.length).toBeLessThanOrEqual(1024);
    }
    for (const res of log.runs[0].results) expect(rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  test('each result has a region with start and end line and column, and a fingerprint', () => {
    const r = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'require-account-image-connector');
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.harness/pipelines/ship.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 48, startColumn: 41, endLine: 48, endColumn: 51 },
    });
    for (const x of log.runs[0].results) expect(x.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}:\d+$/);
  });

  test('a cross-file finding carries the stage that uses the connector as a related location, linked from the message', () => {
    const r = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'require-platform-connectivity');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('.harness/connectors/docker_hub.yaml');
    expect(r.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: '.harness/pipelines/ship.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 26, startColumn: 35, endLine: 26, endColumn: 45 },
        },
        message: { text: 'Used by Harness Cloud stage `test_cloud` of pipeline `ship`.' },
      },
    ]);
    expect(r.message.text).toContain('[.harness/pipelines/ship.yaml:26](1)');
  });

  test('a suppressed finding stays in the log with a SARIF suppression and its justification', () => {
    const r = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'no-renamed-harness-image');
    expect(r.suppressions).toEqual([{ kind: 'inSource', justification: 'the mirror keeps the old name | until the Q3 move' }]);
    expect(log.runs[0].results.filter((x: { suppressions?: unknown }) => x.suppressions)).toHaveLength(1);
  });

  test('file paths are percent-encoded URIs (a space in a file name)', () => {
    expect(toUri('.harness/connectors/old registry.yaml')).toBe('.harness/connectors/old%20registry.yaml');
    const uris = log.runs[0].results.map(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        x.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('.harness/connectors/old%20registry.yaml');
  });

  test('validates against the SARIF 2.1.0 JSON Schema shipped in @microsoft/sarif-multitool', () => {
    expect(schemaErrors(log)).toEqual([]);
    // The validator can fail: a result without a message is rejected.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(schemaErrors(broken).join('\n')).toMatch(/message/);
  });

  test('passes `sarif-multitool validate --rule-kind Gh` with no errors or warnings', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'report.sarif'), text);
    const v = multitoolValidate(path.join(dir, 'report.sarif'));
    expect(v.problems).toEqual([]);
    // ... and the same validator does reject what GitHub cannot ingest (a result without locations).
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].locations;
    fs.writeFileSync(path.join(dir, 'broken.sarif'), JSON.stringify(broken));
    expect(multitoolValidate(path.join(dir, 'broken.sarif')).problems.join('\n')).toMatch(/error GH\d+: runs\[0\]\.results\[0\]/);
  }, 60_000);

  test("no rule's name is its id in other case (SARIF1001); rules turned off are not listed as run", () => {
    for (const r of log.runs[0].tool.driver.rules) expect(String(r.name ?? '').toLowerCase()).not.toBe(r.id);
    const dir = tmp();
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.harness-registry-guard.yml'), 'rules:\n  schema: off\n  no-renamed-harness-image: off\n');
    const off = JSON.parse(formatSarif(lint({ cwd: dir, paths: ['.'] })));
    const ids = off.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).not.toContain('schema');
    expect(ids).not.toContain('no-renamed-harness-image');
    for (const res of off.runs[0].results) expect(ids[res.ruleIndex]).toBe(res.ruleId);
  });

  test('paths are from the repository root whichever folder the check ran from; a file outside it is an absolute file URI', () => {
    const uris = (sarif: string) =>
      JSON.parse(sarif).runs[0].results.map(
        (x: { locations: Array<{ physicalLocation: { artifactLocation: object } }> }) => x.locations[0]!.physicalLocation.artifactLocation,
      );
    const below = uris(formatSarif(lint({ cwd: path.join(FIXTURE, '.harness'), paths: ['.'] })));
    expect(below).toEqual(uris(text));
    const outside = tmp();
    fs.cpSync(path.join(FIXTURE, '.harness', 'connectors'), outside, { recursive: true });
    const fromRepo = uris(formatSarif(lint({ cwd: FIXTURE, paths: [path.relative(FIXTURE, outside)] })));
    expect(fromRepo[0]).toEqual({ uri: expect.stringMatching(/^file:\/\/\/.*\.yaml$/) });
    // A repository checked out inside another: paths are from the one the PATH is in.
    const outer = tmp();
    fs.mkdirSync(path.join(outer, '.git'));
    fs.cpSync(FIXTURE, path.join(outer, 'inner'), { recursive: true });
    expect(uris(formatSarif(lint({ cwd: outer, paths: ['inner'] })))).toEqual(uris(text));
  });

  test('an empty result still has a results array and validates', () => {
    const empty = toSarif({ findings: [], internalErrors: [], rules: allRules });
    expect(empty.runs[0]!.results).toEqual([]);
    expect(schemaErrors(empty)).toEqual([]);
  });

  test('internal errors make the invocation unsuccessful', () => {
    const s = toSarif({ findings: [], internalErrors: ['rule x failed: boom\n  at stack'], rules: allRules });
    expect(s.runs[0]!.invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: 'rule x failed: boom' } }],
    });
    expect(schemaErrors(s)).toEqual([]);
  });
});

describe('SARIF fingerprints', () => {
  const pipeline = (prefix: string) => `${prefix}pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              harnessImageConnectorRef: org.mirror
          execution:
            steps:
              - step:
                  type: Run
                  name: a
                  identifier: a
                  spec:
                    image: app.harness.io/registry/harness/ci-addon:1.0
`;
  const run = (prefix: string) => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, '.harness'));
    fs.writeFileSync(path.join(dir, '.harness/p.yaml'), pipeline(prefix));
    const result = lint({ cwd: dir, paths: ['.'] });
    return { result, prints: fingerprints(result.findings, (f) => new SourceTexts(result.cwd).get(f)) };
  };

  test('do not change when unrelated lines move the finding', () => {
    const a = run('');
    const b = run('# a comment\n# and another\n\n');
    expect(a.result.findings.length).toBeGreaterThanOrEqual(2);
    expect(b.result.findings.map((f) => f.line)).toEqual(a.result.findings.map((f) => f.line + 3));
    expect(b.prints).toEqual(a.prints);
  });

  test('change when the offending text changes, and differ between findings', () => {
    const a = run('');
    expect(new Set(a.prints).size).toBe(a.prints.length);
    const dir = tmp();
    fs.mkdirSync(path.join(dir, '.harness'));
    fs.writeFileSync(path.join(dir, '.harness/p.yaml'), pipeline('').replace('org.mirror', 'org.other_mirror'));
    const changed = lint({ cwd: dir, paths: ['.'] });
    const c = fingerprints(changed.findings, (f) => new SourceTexts(changed.cwd).get(f));
    const idx = a.result.findings.findIndex((f) => f.ruleId === 'require-account-image-connector');
    expect(c[idx]).not.toBe(a.prints[idx]);
  });

  test('repeat keys are numbered in order', () => {
    const f = {
      ruleId: 'r',
      severity: 'error' as const,
      message: 'm',
      file: 'a.yaml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      range: [0, 1] as [number, number],
    };
    const [x, y] = fingerprints([f, { ...f, line: 9, endLine: 9 }]);
    expect(x!.split(':')[0]).toBe(y!.split(':')[0]);
    expect([x!.split(':')[1], y!.split(':')[1]]).toEqual(['1', '2']);
  });
});
