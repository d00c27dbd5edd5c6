import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { allRules } from '../src/rules/index.js';

// examples/harness-ci is a Harness CI pipeline that runs this checker on its own repository and
// uploads the JUnit report. It must pass the project's own policies: zero findings, exit 0. The
// CLI runs from dist/ (the bundle npx users get), so run `npm run build` after changing src/.

const ROOT = path.join(import.meta.dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'harness-ci');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

interface Step {
  step: {
    type: string;
    identifier: string;
    spec: {
      connectorRef?: string;
      image?: string;
      shell?: string;
      command?: string;
      reports?: { type: string; spec: { paths: string[] } };
    };
  };
}

describe('examples/harness-ci', () => {
  test('scanning it finds nothing and exits 0 (text and JSON)', async () => {
    const text = await cli('check', 'examples/harness-ci');
    expect([text.status, text.stdout, text.stderr]).toEqual([0, '0 errors, 0 warnings, 0 notices in 3 files.\n', '']);
    const json = await cli('check', 'examples/harness-ci', '--format', 'json', '--fail-on', 'notice');
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as { findings: unknown[]; summary: { files: number; entities: number; suppressed: number } };
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ files: 3, entities: 3, suppressed: 0 });
  });

  test('its JUnit report is all passing: one test per rule', async () => {
    const r = await cli('check', 'examples/harness-ci', '--format', 'junit');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`<testsuites name="harness-registry-guard" tests="${allRules.length}" failures="0" errors="0" time="0">`);
    expect(r.stdout).not.toMatch(/<(failure|error|skipped)\b/);
  });

  test('without its settings file the only thing left is the account.harnessImage notice', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-harness-ci-'));
    fs.cpSync(path.join(EXAMPLE, '.harness'), path.join(copy, '.harness'), { recursive: true });
    const bare = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), 'check', '.', '--format', 'json'], {
      cwd: copy,
      encoding: 'utf8',
    });
    expect(bare.status).toBe(0);
    const findings = (JSON.parse(bare.stdout) as { findings: Array<{ ruleId: string; severity: string; message: string }> }).findings;
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['unresolved-reference', 'notice']]);
    expect(findings[0]!.message).toContain('account.harnessImage');
  });

  test('the pipeline runs the published CLI in a Node 22+ image and uploads the JUnit report it writes', () => {
    const doc = parse(fs.readFileSync(path.join(EXAMPLE, '.harness', 'pipelines', 'harness_registry_guard.yaml'), 'utf8')) as {
      pipeline: {
        properties: { ci: { codebase: { connectorRef: string } } };
        stages: Array<{
          stage: { type: string; spec: { cloneCodebase: boolean; runtime?: { type: string }; execution: { steps: Step[] } } };
        }>;
      };
    };
    const stage = doc.pipeline.stages[0]!.stage;
    expect([stage.type, stage.spec.cloneCodebase, stage.spec.runtime?.type]).toEqual(['CI', true, 'Cloud']);
    const run = stage.spec.execution.steps.map((s) => s.step).find((s) => s.type === 'Run')!;
    expect(Number(/^node:(\d+)/.exec(run.spec.image ?? '')?.[1])).toBeGreaterThanOrEqual(22);
    const output = 'reports/harness-registry-guard.xml';
    expect(run.spec.command).toContain(`npx --yes harness-registry-guard@1 check . --format junit --output ${output}`);
    expect(run.spec.reports).toEqual({ type: 'JUnit', spec: { paths: [output] } });
    // The connectors it uses are in the repo and connect through the Harness Platform.
    for (const ref of [doc.pipeline.properties.ci.codebase.connectorRef, run.spec.connectorRef!]) {
      const id = ref.replace(/^account\./, '');
      const file = fs.readdirSync(path.join(EXAMPLE, '.harness', 'connectors')).find((f) => f.startsWith(id));
      const connector = (
        parse(fs.readFileSync(path.join(EXAMPLE, '.harness', 'connectors', file!), 'utf8')) as {
          connector: { identifier: string; orgIdentifier?: string; spec: { executeOnDelegate: boolean } };
        }
      ).connector;
      expect([ref, connector.identifier, connector.orgIdentifier, connector.spec.executeOnDelegate]).toEqual([ref, id, undefined, false]);
    }
  });

  test('npm start (check examples --fail-on never) still scans every example and exits 0', async () => {
    const r = await cli('check', 'examples', '--fail-on', 'never');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ errors, 2 warnings, 1 notice in 11 files\.$/m);
    expect(r.stdout).not.toMatch(/^examples\/harness-ci\//m);
  });
});
