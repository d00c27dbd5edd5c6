import { describe, expect, it } from '@jest/globals';
import { lineTable, positionIn } from '../../src/model/loc.js';
import { parseSource } from '../../src/parse/source.js';

/** Line and column of an offset, counted on the text itself (the BOM is not a column). */
function expected(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++)
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  const bom = line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [line, Math.max(1, offset - lineStart + 1 - bom)];
}

/**
 * A YAML text of `lines` lines of varied length; one line is longer than 65,535 characters (the
 * long form of a length). `short`: lines of a few characters and blank ones instead, more lines
 * than the table first makes room for.
 */
function textOf(lines: number, bom: boolean, crlf: boolean, short = false): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++)
    out.push(short ? (i % 3 ? `- ${i % 10}` : '') : i === 7 ? `long: ${'x'.repeat(70_000)}` : `key${i}: ${'v'.repeat((i * 7919) % 90)}`);
  return (bom ? '\ufeff' : '') + out.join(crlf ? '\r\n' : '\n') + '\n';
}

describe('positions from a line table', () => {
  it.each([
    { what: 'a small file, walked line by line', lines: 300, bom: false, crlf: false },
    { what: 'a small file with a BOM and CRLF', lines: 300, bom: true, crlf: true },
    { what: 'a large file, unpacked', lines: 5000, bom: false, crlf: false },
    { what: 'a large file with a BOM and CRLF', lines: 5000, bom: true, crlf: true },
    { what: 'a file of short and blank lines', lines: 5000, bom: false, crlf: false, short: true },
    { what: 'a small file of short and blank lines, CRLF', lines: 300, bom: true, crlf: true, short: true },
  ])('$what: every line and column is the one counted on the text', ({ lines, bom, crlf, short }) => {
    const text = textOf(lines, bom, crlf, short);
    const table = lineTable(parseSource('a.yaml', text));
    const offsets = [0, 1, text.length - 1, text.length];
    for (let i = 0; i < 400; i++) offsets.push((i * 104_729) % text.length);
    // Ranges within a line or two, over many lines (the walk to the end goes on from the start), and empty.
    for (const start of offsets)
      for (const end of [Math.min(text.length, start + 57), Math.min(text.length, start + 2_000), start]) {
        const got = positionIn(table, start, end);
        expect([got.line, got.column, got.endLine, got.endColumn]).toEqual([...expected(text, start), ...expected(text, end)]);
      }
  });
});
