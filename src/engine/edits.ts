import { isScalar, isSeq, parseDocument } from 'yaml';
import type { Report, RuleMeta } from './rule.js';
import type { Edit, Finding } from './finding.js';
import type { View } from '../model/view.js';

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
  const text = formatScalar(view, value);
  if (text === undefined) return undefined;
  const [start, end] = view.range;
  if (view.file.text.slice(start, end) === text) return undefined;
  return { start, end, text };
}

function formatScalar(view: View, value: ScalarValue): string | undefined {
  if (typeof value !== 'string') return String(value);
  switch (view.style) {
    case 'QUOTE_DOUBLE':
      return doubleQuoted(value);
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return undefined;
    default:
      // An empty plain scalar (`key:` with no value) has no range to replace in place.
      if (view.range[0] === view.range[1]) return undefined;
      return isPlainSafe(value, view.inFlow) ? value : doubleQuoted(value);
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
  if (!s || s !== s.trim() || /[\r\n\t#]/.test(s)) return false;
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
  if (existing) return existing.value ? replaceScalar(existing.value, value) : undefined;
  const flow = map.isFlow || map.inFlow;
  const scalar = typeof value === 'string' && !isPlainSafe(value, flow) ? doubleQuoted(value) : String(value);
  return insertPair(map, `${key}: ${scalar}`);
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
  // After the last visible character of the last entry, at the end of its line (past any comment).
  let at = lastNonSpace(text, firstKey, lastEnd) + 1;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return { start: at, end: at, text: eolAt(text, at) + indent + pairText };
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

/** True when two edits touch the same text (an insertion at the edge of a replacement counts). */
export function overlaps(a: Edit, b: Edit): boolean {
  const lo = Math.max(a.start, b.start);
  const hi = Math.min(a.end, b.end);
  return lo < hi || ((a.start === a.end || b.start === b.end) && lo <= hi);
}

const sameEdit = (a: Edit, b: Edit) => a.start === b.start && a.end === b.end && a.text === b.text;

/**
 * Chooses, in order, the groups of edits (one group per fix) that do not overlap an earlier chosen
 * group. A group is taken whole or not at all; an edit identical to one already chosen is shared.
 */
export function chooseEdits(groups: ReadonlyArray<readonly Edit[]>): { chosen: Edit[]; taken: number[] } {
  const chosen: Edit[] = [];
  const taken: number[] = [];
  groups.forEach((group, i) => {
    const fresh = group.filter((e) => !chosen.some((c) => sameEdit(c, e)));
    const selfOverlap = fresh.some((e, j) => fresh.some((f, k) => j < k && overlaps(e, f)));
    if (selfOverlap || fresh.some((e) => chosen.some((c) => overlaps(c, e)))) return;
    chosen.push(...fresh);
    taken.push(i);
  });
  return { chosen: chosen.sort((a, b) => a.start - b.start), taken };
}

/** Applies non-overlapping edits to a text. Throws on overlap: callers choose edits first. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) throw new Error(`overlapping or out-of-range edit at ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Carries a report's fix onto its finding, as the rule's `fixable` allows: a `suggestion` rule's fix
 * becomes a suggestion, a `none` rule's edits are dropped. Inside a trigger's `inputYaml` (an embedded
 * YAML text) offsets are not the file's, so no edit is kept there.
 */
export function withFix(rule: RuleMeta, report: Pick<Report<string>, 'at' | 'fix' | 'fixTitle' | 'suggestion'>, finding: Finding): Finding {
  if (report.at.file.embedding || rule.fixable === 'none') return finding;
  const title = report.fixTitle ?? report.suggestion?.title;
  if (report.fix?.length && rule.fixable === 'safe') {
    finding.fix = report.fix;
    if (title) finding.fixTitle = title;
  } else if (report.fix?.length && title) finding.suggestion = { title, edits: report.fix };
  if (report.suggestion?.edits.length && !finding.fix) finding.suggestion = report.suggestion;
  return finding;
}
