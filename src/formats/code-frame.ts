import type { Position } from '../engine/finding.js';
import { displayWidth, terminalSafe, type Style } from './style.js';

/** Source lines wider than this many columns are shown as a window around the finding. */
const MAX_WIDTH = 120;
/** Columns kept before the finding when a line is cut. */
const LEAD = 40;

/** The lines of a file's text as positions count them (`\n` ends a line; a BOM is not a column). */
const sourceLines = (text: string) => text.replace(/^\uFEFF/, '').split('\n');

/**
 * Two lines that show where a finding is: the source line with its number, and a caret under each
 * column of the range (one caret for an empty range; to the end of the line when the range goes on,
 * with the line it ends on). Empty when the position is not in the text.
 */
export function codeFrame(text: string, pos: Position, style: Style, caret: (s: string) => string): string[] {
  const lines = sourceLines(text);
  if (pos.line < 1 || pos.line > lines.length) return [];
  const line = lines[pos.line - 1]!.replace(/\r$/, '');
  const start = Math.min(Math.max(pos.column - 1, 0), line.length);
  const multiline = pos.endLine > pos.line;
  const end = multiline ? line.length : Math.min(Math.max(pos.endColumn - 1, start), line.length);

  let from = 0;
  let to = line.length;
  if (displayWidth(line) > MAX_WIDTH) {
    from = Math.max(0, start - LEAD);
    to = Math.min(line.length, from + MAX_WIDTH);
  }
  const before = from > 0 ? '…' : '';
  const shown = before + terminalSafe(line.slice(from, to)) + (to < line.length ? '…' : '');
  const pad = before.length + displayWidth(line.slice(from, start));
  const carets = Math.max(1, displayWidth(line.slice(start, Math.min(end, to))));
  const number = String(pos.line);
  const bar = style.dim('|');
  return [
    `  ${style.dim(number)} ${bar} ${shown}`.trimEnd(),
    `  ${' '.repeat(number.length)} ${bar} ${' '.repeat(pad)}${caret('^'.repeat(carets))}${multiline ? style.dim(` to line ${pos.endLine}`) : ''}`,
  ];
}
