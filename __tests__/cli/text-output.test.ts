import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { terminalForm } from '../../src/cli/terminal.js';
import { lintSync as lint } from '../../src/engine/lint.js';
import { formatText } from '../../src/formats/text.js';
import { rules } from '../../src/rules/index.js';
import { codeFrame } from '../../src/formats/code-frame.js';
import { COLOR, NO_STYLE, displayWidth, terminalSafe } from '../../src/formats/style.js';
import { cli, expectGolden, stripAnsi, tmpDir, writeTree } from './helpers.js';

// The formats' shared fixture: errors, notices, a related location, a suppressed warning, a file
// name with a space.
const FIXTURE = path.join(import.meta.dirname, '..', 'formats', 'fixture');
const check = async (env: Record<string, string> = {}, stdoutIsTTY = false, ...args: string[]) =>
  await cli(['check', '.', ...args], FIXTURE, { env, stdoutIsTTY });
const contractLine = /^(.+):(\d+):(\d+): (error|warning|notice)(?: \(suppressed(?: by baseline)?\))?: (.*) \[([a-z-]+)\](?: -- .*)?$/;

describe('check: plain text (pipes, files, NO_COLOR)', () => {
  test('golden', async () => {
    const r = await check();
    expect(r.code).toBe(1);
    expectGolden('check.plain.txt', r.out);
    expect(r.out).not.toMatch(/\x1b/);
  });

  test('finding lines keep the documented contract file:line:col: severity: message [rule-id]; related locations follow, indented', async () => {
    const lines = (await check()).out.split('\n');
    const findings = lines.filter((l) => contractLine.test(l));
    expect(findings).toHaveLength(7);
    const head = lines.slice(0, lines.indexOf('Rule docs:'));
    expect(head.filter((l) => !contractLine.test(l))).toEqual([
      '  related: .harness/pipelines/ship.yaml:26:35: Used by Harness Cloud stage `test_cloud` of pipeline `ship`.',
    ]);
    // None of them reads as a finding line.
    expect(head.filter((l) => l.startsWith('  ')).some((l) => contractLine.test(l))).toBe(false);
  });

  test.each<[string, Record<string, string>, boolean, string[]]>([
    ['a pipe', {}, false, []],
    ['a terminal with NO_COLOR', { NO_COLOR: '1' }, true, []],
    ['a terminal with FORCE_COLOR=0', { FORCE_COLOR: '0' }, true, []],
    ['a terminal with FORCE_COLOR=false', { FORCE_COLOR: 'false' }, true, []],
    ['a dumb terminal', { TERM: 'dumb' }, true, []],
    ['--no-color over FORCE_COLOR', { FORCE_COLOR: '1' }, true, ['--no-color']],
  ])('%s gets the plain form', async (_, env, tty, args) => {
    expect((await check(env, tty, ...args)).out).toBe((await check()).out);
  });

  test('--output FILE is plain even with FORCE_COLOR; --color forces it there too', async () => {
    const dir = tmpDir();
    await check({ FORCE_COLOR: '1' }, true, '--output', path.join(dir, 'plain.txt'));
    expect(fs.readFileSync(path.join(dir, 'plain.txt'), 'utf8')).toBe((await check()).out);
    await check({}, false, '--output', path.join(dir, 'color.txt'), '--color');
    expect(fs.readFileSync(path.join(dir, 'color.txt'), 'utf8')).toBe((await check({ FORCE_COLOR: '1' })).out);
  });
});

describe('check: the terminal form (TTY, FORCE_COLOR, --color)', () => {
  test('golden, with its escape codes', async () => {
    const r = await check({ FORCE_COLOR: '1' });
    expect(r.code).toBe(1);
    expectGolden('check.terminal.txt', r.out);
    expectGolden('check.terminal.stripped.txt', stripAnsi(r.out));
  });

  test.each<[string, Record<string, string>, boolean, string[]]>([
    ['a terminal', {}, true, []],
    ['a terminal with an empty NO_COLOR', { NO_COLOR: '' }, true, []],
    ['FORCE_COLOR into a pipe', { FORCE_COLOR: '1' }, false, []],
    ['FORCE_COLOR= (empty) into a pipe', { FORCE_COLOR: '' }, false, []],
    ['FORCE_COLOR over NO_COLOR', { FORCE_COLOR: '3', NO_COLOR: '1' }, false, []],
    ['--color into a pipe', {}, false, ['--color']],
    ['--color over NO_COLOR', { NO_COLOR: '1' }, false, ['--color']],
  ])('%s gets it', async (_, env, tty, args) => {
    expect((await check(env, tty, ...args)).out).toBe((await check({ FORCE_COLOR: '1' })).out);
  });

  test('each finding line, without colour, is its plain line; a code frame with carets under the value follows', async () => {
    const plain = (await check()).out.split('\n').filter((l) => contractLine.test(l));
    const term = stripAnsi((await check({ FORCE_COLOR: '1' })).out).split('\n');
    for (const l of plain) expect(term).toContain(l);
    const i = term.indexOf(plain.find((l) => l.includes('old registry.yaml:6:24'))!);
    expect(term.slice(i + 1, i + 3)).toEqual([
      '  6 |     dockerRegistryUrl: https://app.harness.io/registry',
      '    |                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    ]);
  });

  test('--quiet keeps errors only in the terminal form too', async () => {
    const out = stripAnsi((await check({ FORCE_COLOR: '1' }, false, '--quiet')).out);
    expect(out).not.toMatch(/: (notice|warning)/);
    expect(out.split('\n').filter((l) => contractLine.test(l))).toHaveLength(4);
  });

  test('a file that is gone by the time the report is written gets no frame', () => {
    const dir = writeTree(tmpDir(), {
      'a.yaml':
        'connector:\n  name: a\n  identifier: a\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n',
    });
    const result = lint({ cwd: dir, paths: ['.'], rules });
    const withFile = stripAnsi(formatText(result, { terminal: { cwd: dir, color: true } }));
    expect(withFile).toContain('a.yaml:6:24: error: ');
    expect(withFile).toContain('  6 |     dockerRegistryUrl: https://app.harness.io/registry\n');
    fs.rmSync(path.join(dir, 'a.yaml'));
    const gone = stripAnsi(formatText(result, { terminal: { cwd: dir, color: true } }));
    expect(gone.split('\n').slice(0, 2)).toEqual([withFile.split('\n')[0], '']);
  });
});

describe('terminalForm', () => {
  const none = { color: false, noColor: false, toFile: false };
  test.each<[string, Partial<typeof none>, Record<string, string>, boolean, boolean]>([
    ['TTY', {}, {}, true, true],
    ['pipe', {}, {}, false, false],
    ['TTY, TERM=dumb', {}, { TERM: 'dumb' }, true, false],
    ['TTY, NO_COLOR=1', {}, { NO_COLOR: '1' }, true, false],
    ['TTY, NO_COLOR empty', {}, { NO_COLOR: '' }, true, true],
    ['pipe, FORCE_COLOR=1', {}, { FORCE_COLOR: '1' }, false, true],
    ['pipe, FORCE_COLOR=true', {}, { FORCE_COLOR: 'true' }, false, true],
    ['TTY, FORCE_COLOR=0', {}, { FORCE_COLOR: '0' }, true, false],
    ['TTY, FORCE_COLOR=false', {}, { FORCE_COLOR: 'false' }, true, false],
    ['pipe, FORCE_COLOR=1 and NO_COLOR=1', {}, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['file, FORCE_COLOR=1', { toFile: true }, { FORCE_COLOR: '1' }, true, false],
    ['file, --color', { toFile: true, color: true }, {}, false, true],
    ['TTY, --no-color', { noColor: true }, {}, true, false],
    ['pipe, --color, NO_COLOR', { color: true }, { NO_COLOR: '1' }, false, true],
  ])('%s', (_, flags, env, tty, expected) => {
    expect(terminalForm({ ...none, ...flags }, env, tty)).toBe(expected);
  });
});

describe('codeFrame', () => {
  const frame = (text: string, line: number, column: number, endLine: number, endColumn: number) =>
    codeFrame(text, { line, column, endLine, endColumn }, NO_STYLE, (s) => s);

  test('carets under the range; one caret for an empty range', () => {
    expect(frame('a: 1\nkey: value\n', 2, 6, 2, 11)).toEqual(['  2 | key: value', '    |      ^^^^^']);
    expect(frame('a: 1\n', 1, 1, 1, 1)).toEqual(['  1 | a: 1', '    | ^']);
  });

  test('CRLF and a BOM do not shift columns', () => {
    expect(frame('\uFEFFimage: x\r\nb: 2\r\n', 1, 8, 1, 9)).toEqual(['  1 | image: x', '    |        ^']);
    expect(frame('a: 1\r\nb: 22\r\n', 2, 4, 2, 6)).toEqual(['  2 | b: 22', '    |    ^^']);
  });

  test('a range over several lines: carets to the end of the first, and the line it ends on', () => {
    expect(frame('spec:\n  a: 1\n  b: 2\n', 2, 3, 3, 7)).toEqual(['  2 |   a: 1', '    |   ^^^^ to line 3']);
  });

  test('tabs, wide characters and control characters keep the carets aligned', () => {
    expect(frame('a:\tb: c\n', 1, 4, 1, 5)).toEqual(['  1 | a:  b: c', '    |     ^']);
    expect(frame('名前: x\n', 1, 5, 1, 6)).toEqual(['  1 | 名前: x', '    |       ^']);
    expect(frame('a: "\x1b[31m" x\n', 1, 11, 1, 12)).toEqual(['  1 | a: "\uFFFD[31m" x', '    |           ^']);
  });

  test('a long line is cut to a window around the finding', () => {
    const line = `key: ${'x'.repeat(300)}TARGET${'y'.repeat(300)}`;
    const [src, carets] = frame(`${line}\n`, 1, 306, 1, 312);
    expect(src).toBe(`  1 | …${'x'.repeat(40)}TARGET${'y'.repeat(74)}…`);
    expect(carets).toBe(`    | ${' '.repeat(41)}^^^^^^`);
  });

  test('a position outside the text gives no frame; line numbers widen the gutter', () => {
    expect(frame('a: 1\n', 5, 1, 5, 2)).toEqual([]);
    const text = Array.from({ length: 120 }, (_, i) => `k${i}: v`).join('\n');
    expect(frame(text, 100, 7, 100, 8)).toEqual(['  100 | k99: v', '      |       ^']);
  });

  test('colour: line numbers dim, carets in the given colour', () => {
    expect(codeFrame('a: 1\n', { line: 1, column: 4, endLine: 1, endColumn: 5 }, COLOR, COLOR.red)).toEqual([
      '  \x1b[2m1\x1b[22m \x1b[2m|\x1b[22m a: 1',
      '    \x1b[2m|\x1b[22m    \x1b[31m^\x1b[39m',
    ]);
  });

  test('terminalSafe and displayWidth', () => {
    expect(terminalSafe('a\x1b]8;;http://x\x07b\tc\u2028')).toBe('a\uFFFD]8;;http://x\uFFFDb  c\uFFFD');
    expect(displayWidth('ab名e\u0301')).toBe(5);
    // Emoji drawn as emoji take two columns, across the blocks (🚀 transport, 🫠 extended-A, ⌚); ☀ alone is text.
    expect(['🚀', '😀', '🫠', '⌚', '☀', '✅'].map(displayWidth)).toEqual([2, 2, 2, 2, 1, 2]);
  });
});
