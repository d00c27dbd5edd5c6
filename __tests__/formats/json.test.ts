import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import type { Finding } from '../../src/engine/finding.js';
import type { HarnessFacts } from '../../src/model/harness-side.js';
import { scopeOf } from '../../src/model/scope.js';
import { runCli } from '../../src/cli/main.js';
import { formatJson, formatJsonPieces } from '../../src/formats/json.js';
import { jsonPieces, mapped } from '../../src/formats/json-pieces.js';
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
    const text = [...formatJsonPieces(result)].join('');
    expect(text).toBe(formatJson(result));
    expect(text).toBe(wholeText(text));
    const parsed = JSON.parse(text) as { findings: unknown[]; summary: { suppressed: number } };
    expect(parsed.findings).toHaveLength(result.findings.length);
    expect(parsed.summary.suppressed).toBe(1);
  });

  test('a large report comes in pieces of about 64 KB, and no report is lost between them', () => {
    const pieces = [...formatJsonPieces({ ...result, findings: many })];
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(65_536);
    const text = pieces.join('');
    expect(text).toBe(wholeText(text));
    const parsed = JSON.parse(text) as { findings: Array<{ message: string }> };
    expect(parsed.findings.map((f) => f.message)).toEqual(many.map((f) => f.message));
  });

  test('no findings: an empty list, in one piece', () => {
    const pieces = [...formatJsonPieces({ ...result, findings: [] })];
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

describe('any value in JSON pieces', () => {
  /** A random value of the kinds reports hold, and of those JSON.stringify treats apart. */
  function valueOf(seed: number, depth: number): unknown {
    const r = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const leaf = (): unknown =>
      [null, true, 0, -1.5, 1e21, 'text', 'a "quote", a \\ and a\nnewline', '', 'é→✓', new Date(0), undefined][r(11)];
    const go = (d: number): unknown => {
      if (d === 0 || r(4) === 0) return leaf();
      if (r(2) === 0) return Array.from({ length: r(5) }, () => go(d - 1));
      const o: Record<string, unknown> = {};
      for (let i = r(5); i > 0; i--) o[['a', 'b c', '1', '"k"', 'z'][r(5)]!] = go(d - 1);
      return o;
    };
    return go(depth);
  }

  test('200 random values, at every depth of pieces: the pieces are JSON.stringify(value, null, 2)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const value = valueOf(seed, 5);
      for (const depth of [0, 1, 2, 4])
        expect([...jsonPieces(value, depth)].join('')).toBe(`${JSON.stringify(value, null, 2) ?? 'null'}\n`);
    }
  });

  test('a generator stands for an array, mapped without a copy', () => {
    const list = [{ a: 1 }, { a: 2 }];
    const text = [...jsonPieces({ list: mapped(list, (x) => ({ b: x.a })), n: 2 })].join('');
    expect(text).toBe(`${JSON.stringify({ list: [{ b: 1 }, { b: 2 }], n: 2 }, null, 2)}\n`);
  });

  test('a Map, a Set and an object with toJSON are written as JSON.stringify writes them', () => {
    const value = { m: new Map([['a', 1]]), s: new Set([1]), t: { toJSON: () => 'x' }, list: [new Map()] };
    expect([...jsonPieces(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});

describe('the JSON report and schemas/check-report.schema.json', () => {
  const root = path.join(import.meta.dirname, '..', '..');
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'check-report.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
  const errorsOf = (report: unknown) => (validate(report) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));
  const result = lintFixture();
  const at = result.findings[0]!;
  const lookup = (identifier: string, answer: HarnessFacts['lookups'][number]['answer']) => ({
    identifier,
    scope: scopeOf(undefined, undefined),
    answer,
    at: { file: at.file, start: 0, end: 1, value: identifier, flags: 0, path: undefined },
  });
  const facts = {
    host: 'app.harness.io',
    requests: 4,
    lookups: [lookup('a', { kind: 'notFound' }), lookup('b', { kind: 'failed', reason: 'timed out' })],
  } as unknown as HarnessFacts;
  const full = {
    ...result,
    findings: [
      ...result.findings,
      {
        ...at,
        harnessUrl: 'https://app.harness.io/ng/account/x/settings/resources/connectors/a',
        forRule: 'require-platform-connectivity',
      },
      { ...at, related: [{ file: at.file, line: 2, column: 3, endLine: 2, endColumn: 9, message: 'Used here.' }] },
      { ...at, suppressed: { kind: 'baseline' as const } },
    ],
    baseline: { file: 'baseline.json', entries: 3, matched: 1, stale: 2 },
    harness: facts,
  };

  test('a report with every optional part (suppressed, related, harnessUrl, forRule, baseline, lookups) is valid', () => {
    expect(result.findings.some((f) => f.suppressed)).toBe(true);
    expect(errorsOf(JSON.parse(formatJson(full)))).toEqual([]);
    expect(errorsOf(JSON.parse(formatJson({ ...result, findings: [] })))).toEqual([]);
  });

  test('the example in the README is valid', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const example = /### JSON and the CI formats[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(errorsOf(JSON.parse(example!))).toEqual([]);
  });

  test('it is strict: an unknown field, a missing count or a bad severity is an error', () => {
    const report = JSON.parse(formatJson(full)) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    report.findings[0]!.lines = 3;
    report.findings[1]!.severity = 'info';
    delete report.summary.errors;
    expect(errorsOf(report)).toEqual([
      '/findings/0 must NOT have additional properties',
      '/findings/1/severity must be equal to one of the allowed values',
      "/summary must have required property 'errors'",
    ]);
  });
});
