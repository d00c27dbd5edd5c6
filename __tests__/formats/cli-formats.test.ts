import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runCli } from '../../src/cli/main.js';
import { FIXTURE } from './golden.js';
import { schemaErrors } from './sarif-validators.js';

const cli = async (...argv: string[]) => {
  let out = '';
  let err = '';
  const code = await runCli(
    argv,
    FIXTURE,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
};

describe('CLI --format sarif|github|markdown', () => {
  test('the formats are offered', async () => {
    expect((await cli('check', '--help')).out).toMatch(/--format FORMAT +text\|json\|sarif\|github\|markdown/);
  });

  test('--format sarif --output FILE writes valid SARIF and keeps the exit code', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-cli-')), 'r.sarif');
    const r = await cli('check', '.', '--format', 'sarif', '--output', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(7);
  });

  test('--format github prints workflow commands; --format markdown the summary', async () => {
    const gh = await cli('check', '.', '--format', 'github');
    expect(gh.out.split('\n').filter((l) => l.startsWith('::error title='))).toHaveLength(4);
    const md = await cli('check', '.', '--format', 'markdown', '--fail-on', 'never');
    expect(md.code).toBe(0);
    expect(md.out).toContain('| **Total** | **4** | **0** | **2** | **6** |');
  });
});
