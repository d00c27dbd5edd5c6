import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runCli } from '../src/cli/main.js';

const root = path.join(import.meta.dirname, '..');

async function cli(args: string[], cwd = root) {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    cwd,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('check command', () => {
  test('the bundled example breaks all four policies and exits 1', async () => {
    const { code, out } = await cli(['check', 'examples', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(out);
    const ids = new Set(json.findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of [
      'no-app-harness-registry',
      'require-platform-connectivity',
      'require-account-image-connector',
      'no-renamed-harness-image',
    ])
      expect(ids).toContain(id);
    const required = ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn'];
    for (const f of json.findings) {
      for (const k of required) expect(f).toHaveProperty(k);
      for (const k of Object.keys(f).filter((k) => !required.includes(k))) expect(['entity', 'forRule', 'related']).toContain(k);
    }
    expect(json.findings[0].file).toMatch(/^examples\//);
    // 7 files of the broken example, 4 of the clean examples/harness-ci (3 Harness YAML, its settings file).
    expect(json.summary).toMatchObject({
      files: 11,
      errors: json.findings.filter((f: { severity: string }) => f.severity === 'error').length,
    });
    const sorted = [...json.findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
    expect(json.findings).toEqual(sorted);
  });

  test('text output reads file:line:col: severity: message [rule-id]', async () => {
    const { out } = await cli(['check', 'examples']);
    expect(out).toContain(
      'examples/.harness/connectors/harness_image.yaml:7:24: error: Connector `harnessImage` points at `https://app.harness.io/registry`',
    );
    expect(out.trim().split('\n').at(-2)).toMatch(/^\d+ errors, 2 warnings, 1 notice in 11 files\.$/);
    expect(out.trim().split('\n').at(-1)).toMatch(/^4 findings can be fixed automatically: run `harness-registry-guard fix examples`/);
  });

  test.each([
    ['error', 1],
    ['warning', 1],
    ['notice', 1],
    ['never', 0],
  ])('--fail-on %s exits %i on the example', async (level, expected) => {
    expect((await cli(['check', 'examples', '--fail-on', level])).code).toBe(expected);
  });

  test('notices alone pass the default fail-on but fail --fail-on notice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-cli-'));
    fs.writeFileSync(path.join(dir, 'v1.yaml'), 'version: 1\nkind: pipeline\nspec: {}\n');
    expect((await cli(['check', '.'], dir)).code).toBe(0);
    expect((await cli(['check', '.', '--fail-on', 'notice'], dir)).code).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });

  test('a clean repo exits 0 and says so', async () => {
    const { code, out } = await cli(['check', '__tests__/fixtures/require-account-image-connector/valid']);
    expect(code).toBe(0);
    expect(out).toBe('0 errors, 0 warnings, 0 notices in 2 files.\n');
  });

  test('--output writes the report to a file', async () => {
    const file = path.join(os.tmpdir(), `hrg-out-${process.pid}.json`);
    const { code, out } = await cli(['check', 'examples', '--format', 'json', '--output', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).findings.length).toBeGreaterThan(5);
    fs.rmSync(file);
  });

  test.each([
    [['check', '--format', 'xml'], /--format must be one of/],
    [['check', '--fail-on', 'fatal'], /--fail-on must be one of/],
    [['check', '--max-file-size', '0'], /--max-file-size must be a positive whole number/],
    [['check', '--bogus'], /unknown option `--bogus` for `check`/],
    [['check', 'no/such/dir'], /path not found: no\/such\/dir/],
    [['lint'], /unknown command `lint`; did you mean `check`\?/],
    [[], /missing command: one of check, fix, report, rules, explain, init, help/],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, out, err } = await cli(args);
    expect(code).toBe(2);
    expect(err + out).toMatch(message);
  });

  test('--help and --version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['check', '--help'])).out).toContain('--fail-on LEVEL');
    expect((await cli(['--version'])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('the built CLI (dist/cli/index.js)', () => {
  test('runs as the package bin and exits like the in-process CLI', async () => {
    const bin = path.join(root, 'dist', 'cli', 'index.js');
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = spawnSync(process.execPath, [bin, 'check', 'examples', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse((await cli(['check', 'examples', '--format', 'json'])).out));
  });
});
