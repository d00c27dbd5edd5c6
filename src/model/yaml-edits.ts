import { isScalar, isSeq, parseDocument } from 'yaml';
import { inFlow, isAliased, isEmbedded, isKey, styleOf, type Loc } from './loc.js';
import type { View } from './view.js';

/** A text edit on the original text of a file: replace [start, end) with text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /**
   * The edit changes a node an alias also uses (`&x` ... `*x`), so it applies in those places too:
   * such a fix is only ever a suggestion (`withFix`). Set by the functions here; never output.
   */
  aliased?: true;
}

const marked = (edit: Edit, aliased: boolean): Edit => (aliased ? { ...edit, aliased: true } : edit);

/**
 * The edit as safe wherever an alias uses the node: for a value that breaks a policy wherever it
 * is (an app.harness.io registry URL or image), so changing every use of it is the fix.
 */
export const evenIfAliased = (edit: Edit | undefined): Edit | undefined => edit && plainEdit(edit);

/** An edit as it is output: where and what, without `aliased`. */
export const plainEdit = ({ start, end, text }: Edit): Edit => ({ start, end, text });

/**
 * Text edits on the original bytes of a YAML file. Nothing here re-serialises a document: a fix
 * replaces one scalar or inserts one `key: value`, and every other byte (comments, quoting,
 * indentation, key order, CRLF) stays as it was. Offsets are those of `SourceFile.text`, which has
 * no BOM; the writer puts a BOM back where the file had one.
 */

/** A scalar value as written in YAML: strings keep the node's quote style, booleans and numbers are plain. */
export type ScalarValue = string | boolean | number;

/** Replaces a scalar, keeping its quote style. Block scalars and collections are not replaced (undefined). */
export function replaceScalar(view: View, value: ScalarValue): Edit | undefined {
  if (!view.isScalar) return undefined;
  const [start, end] = view.range;
  const text = formatScalar(view.style, view.inFlow, start === end, value);
  if (text === undefined || view.file.text.slice(start, end) === text) return undefined;
  return marked({ start, end, text }, view.aliased);
}

/** `replaceScalar` for a node known by its loc (the model keeps no text): no edit when the value is already `value`. */
export function replaceScalarAt(loc: Loc, value: ScalarValue): Edit | undefined {
  if (isEmbedded(loc) || isKey(loc) || String(loc.value) === String(value)) return undefined;
  const text = formatScalar(styleOf(loc), inFlow(loc), loc.start === loc.end, value);
  return text === undefined ? undefined : marked({ start: loc.start, end: loc.end, text }, isAliased(loc));
}

function formatScalar(style: string | undefined, inFlow: boolean, empty: boolean, value: ScalarValue): string | undefined {
  // An empty plain scalar (`key:` with no value) has no range to replace in place (see `setMapValue`).
  if (empty) return undefined;
  if (typeof value !== 'string') return String(value);
  switch (style) {
    case 'QUOTE_DOUBLE':
      return doubleQuoted(value);
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return undefined;
    default:
      return isPlainSafe(value, inFlow) ? value : doubleQuoted(value);
  }
}

/** JSON string escapes are valid in a YAML double-quoted scalar. */
const doubleQuoted = (s: string) => JSON.stringify(s);

/**
 * True when `s` can be written as a plain scalar in block and flow context alike and still reads
 * back as the same string (not a number, boolean or null, no indicator that changes the parse).
 * Checked by parsing it (in flow context too unless `flow` is false), under the YAML 1.2 and 1.1 schemas.
 */
export function isPlainSafe(s: string, flow = true): boolean {
  const key = `${flow ? 'f' : 'b'}${s}`;
  let safe = plainSafe.get(key);
  if (safe === undefined) {
    if (plainSafe.size > 10_000) plainSafe.clear();
    plainSafe.set(key, (safe = checkPlainSafe(s, flow)));
  }
  return safe;
}

/** Answers of `isPlainSafe`, which parses: a repo asks the same few replacement values thousands of times. */
const plainSafe = new Map<string, boolean>();

function checkPlainSafe(s: string, flow: boolean): boolean {
  // A `#` is a comment only after a space (or at the start): the parses below tell.
  if (!s || s !== s.trim() || /[\r\n\t]/.test(s)) return false;
  const contexts: Array<[string, Array<string | number>]> = [[`k: ${s}`, ['k']]];
  if (flow) contexts.push([`[${s}]`, [0]]);
  for (const version of ['1.2', '1.1'] as const)
    for (const [text, path] of contexts) {
      const doc = parseDocument(text, { version });
      if (doc.errors.length || doc.warnings.length) return false;
      const node = doc.getIn(path, true);
      if (!isScalar(node) || node.type !== 'PLAIN' || node.value !== s) return false;
      if (isSeq(doc.contents) && doc.contents.items.length !== 1) return false;
    }
  return true;
}

/**
 * Sets `key` in a map to `value`: replaces the value when the key exists (keeping its quotes),
 * otherwise inserts `key: value` after the map's last entry at the map's indentation (block maps)
 * or before the closing brace (flow maps), with the line ending used where it is inserted.
 */
export function setMapValue(map: View, key: string, value: ScalarValue): Edit | undefined {
  if (!map.isMap) return undefined;
  const existing = map.entries().find((e) => e.key === key);
  const flow = map.isFlow || map.inFlow;
  const scalar = typeof value === 'string' && !isPlainSafe(value, flow) ? doubleQuoted(value) : String(value);
  if (existing?.value?.isScalar && existing.value.range[0] === existing.value.range[1] && existing.value.value == null) {
    // `key:` with nothing after it but spaces or a comment: the value goes right after the colon.
    // Anything else there (a tag, an anchor, a flow map's `,`) is left to a person.
    const text = map.file.text;
    const colon = text.indexOf(':', existing.keyView.range[1]);
    const rest = colon < 0 ? undefined : (flow ? /^[^,}\r\n]*/ : /^[^\r\n]*/).exec(text.slice(colon + 1))![0];
    if (rest === undefined || !/^[ \t]*(?:#.*)?$/.test(rest)) return undefined;
    return marked({ start: colon + 1, end: colon + 1, text: ` ${scalar}` }, existing.value.aliased);
  }
  if (existing) return existing.value ? replaceScalar(existing.value, value) : undefined;
  const edit = insertPair(map, `${key}: ${scalar}`);
  return edit && marked(edit, map.aliased);
}

function insertPair(map: View, pairText: string): Edit | undefined {
  const text = map.file.text;
  const [mapStart, mapEnd] = map.range;
  const entries = map.entries();
  const last = entries.at(-1);
  if (map.isFlow) {
    const close = lastNonSpace(text, mapStart, mapEnd);
    if (text[close] !== '}') return undefined;
    if (!last) return { start: close, end: close, text: pairText };
    const lastEnd = (last.value ?? last.keyView).range[1];
    return { start: lastEnd, end: lastEnd, text: `, ${pairText}` };
  }
  const first = entries[0];
  if (!first || !last) return undefined;
  const firstKey = first.keyView.range[0];
  const lastEnd = (last.value ?? last.keyView).range[1];
  const lineStart = text.lastIndexOf('\n', firstKey - 1) + 1;
  const indent = ' '.repeat(firstKey - lineStart);
  // A last value that keeps its trailing blank lines (`|+`, `>+`), at any depth, owns them: a pair
  // after it would change the value, so the pair goes before the first one, and above the comment
  // lines right over it (a `disable-next-line` comment must stay on the line before its key).
  if (endsWithKeptLines(last.value)) {
    // Only for a key that starts its line: above a `- key:` line the comments belong to the list.
    const at = text.slice(lineStart, firstKey).trim() === '' ? commentsAbove(text, lineStart, indent.length) + indent.length : firstKey;
    return { start: at, end: at, text: pairText + eolAt(text, lineEndAt(text, firstKey)) + indent };
  }
  // After the last visible character of the last entry, at the end of its line (past any comment).
  let at = lastNonSpace(text, firstKey, lastEnd) + 1;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return { start: at, end: at, text: eolAt(text, at) + indent + pairText };
}

/**
 * The node's text ends with a block scalar that keeps its trailing blank lines: it is one, or the
 * last value of a block map or the last item of a block list ends with one.
 */
function endsWithKeptLines(node: View | undefined): boolean {
  while (node && !node.isScalar && !node.isFlow) node = node.isMap ? node.entries().at(-1)?.value : node.items().at(-1);
  if (!node?.isScalar) return false;
  const start = node.range[0];
  return /^[|>](?:[1-9]?\+|\+[1-9]?)/.test(node.file.text.slice(start, start + 3));
}

/** The start of the first of the comment lines, at `indent` spaces, right above the line starting at `lineStart` (or that line). */
function commentsAbove(text: string, lineStart: number, indent: number): number {
  let start = lineStart;
  while (start > 0) {
    const prev = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(prev, start - 1).replace(/\r$/, '');
    if (line.length <= indent || line[indent] !== '#' || line.slice(0, indent).trim() !== '') break;
    start = prev;
  }
  return start;
}

/** Where the line holding `offset` ends (at its `\r\n` or `\n`), or the end of the text. */
function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function lastNonSpace(text: string, from: number, to: number): number {
  let i = Math.min(to, text.length) - 1;
  while (i > from && /\s/.test(text[i]!)) i--;
  return i;
}

/** The line ending at `offset`, or the file's first one when `offset` is at the end of the text. */
export function eolAt(text: string, offset: number): string {
  if (text[offset] === '\r' && text[offset + 1] === '\n') return '\r\n';
  if (text[offset] === '\n') return '\n';
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}
