import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { lint } from './helpers/lint.js';
import { failingFindings } from '../src/engine/finding.js';
import { goldenLines } from './helpers/lint-files.js';

// Small repositories shaped like real ones (Git Experience layouts, templates, input sets,
// triggers, files other tools own). Each folder's expected.out holds every finding and related
// location it must give; UPDATE_GOLDEN=1 rewrites them.
const ROOT = path.join(import.meta.dirname, 'repos');
const cases = fs
  .readdirSync(ROOT)
  .filter((d) => fs.statSync(path.join(ROOT, d)).isDirectory())
  .sort();

const check = (dir: string, paths = ['.']) => lint({ cwd: dir, paths, configPath: false });

describe.each(cases)('repos/%s', (name) => {
  const dir = path.join(ROOT, name);
  test('gives exactly expected.out', () => {
    const lines = goldenLines(check(dir));
    const out = path.join(dir, 'expected.out');
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(out, lines.join('\n') + '\n');
    expect(lines).toEqual(fs.readFileSync(out, 'utf8').split('\n').filter(Boolean));
  });
});

describe('what the repos show', () => {
  const at = (name: string) => check(path.join(ROOT, name));

  test('scopes from Git Experience folders hold when the check runs inside .harness', () => {
    const dir = path.join(ROOT, 'git-experience-templates');
    const brief = (r: ReturnType<typeof check>) => r.findings.map((f) => `${f.file.replace(/^\.harness\//, '')}:${f.line} ${f.ruleId}`);
    expect(brief(lint({ cwd: path.join(dir, '.harness'), paths: ['.'], configPath: false }))).toEqual(brief(check(dir)));
  });

  test('files other tools own never change the outcome: findings and exit code come from .harness/ alone', () => {
    const dir = path.join(ROOT, 'non-harness-formats');
    const all = check(dir);
    const harnessOnly = check(dir, ['.harness']);
    const strip = (r: typeof all) =>
      r.findings.map(({ file, line, column, ruleId, severity, message }) => ({
        file: file.replace(/^\.harness\//, ''),
        line,
        column,
        ruleId,
        severity,
        message,
      }));
    expect(strip(all)).toEqual(strip(harnessOnly));
    expect(failingFindings(all.findings, 'notice').length).toBe(failingFindings(harnessOnly.findings, 'notice').length);
    expect(all.skippedNotHarness.sort()).toEqual([
      'ansible/playbook.yml',
      'chart/templates/service.yaml',
      'deploy/k8s/templates/deployment.yaml',
      'salt/top.yaml',
      'terraform/templates/pipeline.yaml',
    ]);
    expect(all.harnessFiles).toBe(2);
  });

  test("one project's input set never fills another project's pipeline of the same identifier", () => {
    const r = at('cross-project-input-sets');
    expect(r.findings.map((f) => f.entity)).toEqual(['web_hub']);
    expect(r.findings[0]!.message).toContain('pipeline `build` (project default/web)');
  });

  test('a pipeline made from a template is checked through its templateInputs, and the template gets no "nothing fills it" notice', () => {
    const r = at('pipeline-template');
    expect(r.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['require-platform-connectivity', '.harness/connectors/hubs.yaml', 12],
      ['require-account-image-connector', '.harness/pipelines/shop.yaml', 29],
    ]);
  });

  test('a stage template without versionLabel is checked against every version in the repo, naming the one that breaks', () => {
    const [f] = at('stable-version-templates').findings;
    expect(f!.message).toContain('template `cloud_build` version v2 (no versionLabel: the stable version is one of v1, v2, v3)');
    expect(f!.related!.map((r) => r.file)).toEqual(['.harness/templates/cloud_build/v2.yaml']);
  });

  test('an image a trigger supplies in inputYaml is checked at its line in the trigger file; the fix is not offered inside the string', () => {
    const [f] = at('trigger-input-yaml').findings;
    expect(f).toMatchObject({ ruleId: 'no-app-harness-registry', severity: 'error', file: '.harness/trigger.yaml', line: 28, column: 32 });
    expect(f!.fix).toBeUndefined();
  });

  test('registry leftovers inside strings are warnings at the exact place, without a fix; prose and descriptions are left alone', () => {
    const r = at('registry-leftovers');
    expect(r.findings.every((f) => f.severity === 'warning' && f.ruleId === 'no-app-harness-registry' && !f.fix && !f.suggestion)).toBe(
      true,
    );
    const text = fs.readFileSync(path.join(ROOT, 'registry-leftovers/.harness/pipeline.yaml'), 'utf8').split('\n');
    for (const f of r.findings.filter((x) => x.file === '.harness/pipeline.yaml'))
      expect(text[f.line - 1]!.slice(f.column - 1, f.endColumn - 1)).toMatch(/^app\.harness\.io\/registry/);
    expect(r.findings.some((f) => f.file === 'delegate/values.yaml' && f.line === 3)).toBe(true);
    const description = text.findIndex((l) => l.includes('description:')) + 1;
    expect(description).toBeGreaterThan(0);
    expect(
      r.findings.some(
        (f) => (f.file === '.harness/pipeline.yaml' && f.line === description) || (f.file === 'delegate/values.yaml' && f.line === 7),
      ),
    ).toBe(false);
    expect(r.findings.some((f) => f.file === '.harness/pipeline.yaml' && text[f.line - 1]!.includes('docker login'))).toBe(true);
  });

  test('an unknown connector gets one notice per repo, its other uses as related locations', () => {
    const r = at('unknown-connectors-once');
    expect(r.findings.map((f) => [f.ruleId, f.forRule, f.related?.length])).toEqual([
      ['unresolved-reference', 'require-platform-connectivity', 4],
      ['unresolved-reference', 'require-platform-connectivity', 4],
      ['unresolved-reference', 'require-platform-connectivity', 4],
    ]);
  });
});
