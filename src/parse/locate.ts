import { linesOf, type SourceFile } from './source.js';
import { trimEnd } from './tree.js';

/** A place in a file: 1-based lines and columns (UTF-16 code units, as SARIF counts). */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The one place that turns offsets in a parsed file into 1-based line and column
 * (UTF-16 code units, as SARIF expects). Rules never compute positions.
 */
export function locateRange(file: SourceFile, start: number, end: number): Position & { range: [number, number]; file: string } {
  const text = file.text;
  // Nothing is placed after the last line break (a line no editor shows): an error at the end of the file is at the end of its last line.
  start = Math.max(0, Math.min(start, lastLineEnd(text)));
  end = Math.max(start, Math.min(end, text.length));
  // A collection's or block scalar's range may run over trailing blank lines: end at the last visible char.
  end = trimEnd(text, start, end);
  const lines = linesOf(file);
  const s = lines.linePos(start);
  const e = lines.linePos(end);
  const bom = text.charCodeAt(0) === 0xfeff;
  const col = (line: number, c: number) => (bom && line === 1 ? Math.max(1, c - 1) : c);
  let pos: Position = { line: s.line, column: col(s.line, s.col), endLine: e.line, endColumn: col(e.line, e.col) };
  let range: [number, number] = [start, end];
  const emb = file.embedding;
  if (emb?.collapseTo) return locateRange(emb.parent, emb.collapseTo[0], emb.collapseTo[1]);
  if (emb) {
    pos = {
      line: pos.line + emb.lineOffset,
      column: pos.column + emb.columnOffset,
      endLine: pos.endLine + emb.lineOffset,
      endColumn: pos.endColumn + emb.columnOffset,
    };
    const parentOffset = (line: number, column: number) => {
      const starts = linesOf(emb.parent).lineStarts;
      return (starts[line - 1] ?? emb.parent.text.length) + column - 1;
    };
    range = [parentOffset(pos.line, pos.column), parentOffset(pos.endLine, pos.endColumn)];
    return { ...pos, range, file: emb.parent.path };
  }
  return { ...pos, range, file: file.path };
}

/** The offset at the end of the last line: before a line break that ends the text. */
function lastLineEnd(text: string): number {
  const n = text.length;
  if (text.charCodeAt(n - 1) === 13) return n - 1;
  return text.charCodeAt(n - 1) === 10 ? n - (text.charCodeAt(n - 2) === 13 ? 2 : 1) : n;
}
