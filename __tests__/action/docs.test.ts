import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
  branding: { icon: string; color: string };
};
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const between = (name: string) => {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme);
  if (!m) throw new Error(`README has no ${name} markers`);
  return m[1]!
    .split('\n')
    .filter((l) => /^\| `/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()));
};

describe('action.yml and its README section', () => {
  test('runs on node24 from dist/index.js, with branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding.icon).toBeTruthy();
  });

  test('the inputs the issue asks for, with their defaults', () => {
    expect(Object.keys(action.inputs)).toEqual([
      'path',
      'config',
      'baseline',
      'fail-on',
      'only-changed',
      'github-token',
      'sarif-file',
      'summary',
      'check-run',
      'report',
      'report-file',
      'config-from',
      'suggestions',
      'harness-api-key',
      'harness-account-id',
      'harness-url',
    ]);
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(action.inputs['check-run']!.default).toBe('false');
    expect(Object.keys(action.outputs)).toEqual(['findings', 'errors', 'warnings', 'notices', 'sarif-file', 'exit-code']);
  });

  test('the README tables of inputs and outputs are generated from action.yml (UPDATE_DOCS=1 rewrites them)', () => {
    const cell = (t: string) => t.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
    const tables: Record<string, string> = {
      'action-inputs': [
        '| input | default | description |',
        '|---|---|---|',
        ...Object.entries(action.inputs).map(
          ([k, v]) => `| \`${k}\` | ${v.default ? `\`${v.default}\`` : '(none)'} | ${cell(v.description)} |`,
        ),
      ].join('\n'),
      'action-outputs': [
        '| output | description |',
        '|---|---|',
        ...Object.entries(action.outputs).map(([k, v]) => `| \`${k}\` | ${cell(v.description)} |`),
      ].join('\n'),
    };
    let text = readme;
    for (const [name, table] of Object.entries(tables))
      text = text.replace(
        new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`),
        (_, a: string, b: string) => `${a}${table}\n${b}`,
      );
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(path.join(ROOT, 'README.md'), text);
    expect(readme).toBe(text);
    expect(between('action-inputs').map((r) => r[1])).toEqual(Object.keys(action.inputs).map((k) => `\`${k}\``));
  });

  test('the repository runs the Action on examples/ in its own workflow', () => {
    const wf = parse(fs.readFileSync(path.join(ROOT, '.github/workflows/examples.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
    };
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    expect(steps.find((s) => s.uses === './')?.with?.path).toBe('examples');
  });
});
