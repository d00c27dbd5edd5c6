import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/engine/finding.js';
import { runCli } from '../../src/cli/main.js';
import { formatJson, jsonPieces } from '../../src/formats/json.js';
import { lintFixture } from './golden.js';

/** The text one `JSON.stringify` of the report's value gives: what the pieces must add up to. */
const wholeText = (json: string) => JSON.stringify(JSON.parse(json), null, 2) + '\n';

describe('JSON format in pieces', () => {
  const result = lintFixture();
  const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({
    ...result.findings[i % result.findings.length]!,
    message: `Finding ${i}: "quoted", a tab\there and a newline\nthere`,
    related: i % 2 ? [{ file: 'a.yaml', line: i, column: 1, endLine: i, endColumn: 9, message: 'Used by stage `x`.' }] : [],
  }));

  test('the pieces add up to the report as one JSON.stringify writes it, suppressed findings and summary included', () => {
    const text = [...jsonPieces(result)].join('');
    expect(text).toBe(formatJson(result));
    expect(text).toBe(wholeText(text));
    const parsed = JSON.parse(text) as { findings: unknown[]; summary: { suppressed: number } };
    expect(parsed.findings).toHaveLength(result.findings.length);
    expect(parsed.summary.suppressed).toBe(1);
  });

  test('a large report comes in pieces of about 64 KB, and no report is lost between them', () => {
    const pieces = [...jsonPieces({ ...result, findings: many })];
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(65_536);
    const text = pieces.join('');
    expect(text).toBe(wholeText(text));
    const parsed = JSON.parse(text) as { findings: Array<{ message: string }> };
    expect(parsed.findings.map((f) => f.message)).toEqual(many.map((f) => f.message));
  });

  test('no findings: an empty list, in one piece', () => {
    const pieces = [...jsonPieces({ ...result, findings: [] })];
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toBe(wholeText(pieces[0]!));
    expect(pieces[0]).toContain('"findings": [],\n  "summary": {');
  });

  test('the CLI writes the same report to standard output and to --output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-json-'));
    const file = path.join(dir, 'out', 'report.json');
    const run = async (...extra: string[]) => {
      const out: string[] = [];
      const cwd = path.join(import.meta.dirname, 'fixture');
      await runCli(
        ['check', '.', '--format', 'json', '--fail-on', 'never', ...extra],
        cwd,
        (s) => out.push(s),
        () => {},
        {},
      );
      return out.join('');
    };
    const stdout = await run();
    expect(await run('--output', file)).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe(stdout);
    expect(stdout).toBe(wholeText(stdout));
  });
});
