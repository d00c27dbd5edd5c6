import { locateRange } from '../parse/locate.js';
import { linesOf } from '../parse/source.js';
import { trimEnd } from '../parse/tree.js';
import { copyString } from '../parse/fast-yaml.js';
import type { ScalarStyle } from '../parse/tree.js';
import { View } from './view.js';
import { semanticPath } from './walk.js';

/**
 * A YAML node the cross-file rules may report, reduced to what they and the fixes need: where it
 * is, what it says and how it is written. The model of a scan keeps these instead of the parsed
 * trees, so memory follows the facts, not the bytes, and a worker can hand them over as plain data.
 */
export interface Loc {
  /** POSIX path of the file, relative to the current directory. */
  file: string;
  /** Offsets in the file's text (for a node inside a trigger's `inputYaml`, the range it maps to). */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The scalar's value (a key's text for a key); null for maps and sequences. */
  value: string | number | boolean | null;
  style?: ScalarStyle;
  /** Inside a flow collection, where `,[]{}` end a plain scalar. */
  inFlow?: true;
  /** Inside YAML embedded in a string (a trigger's `inputYaml`): it cannot be edited in place. */
  embedded?: true;
  /** A map key, not a value. */
  key?: true;
  /**
   * Semantic path of the node: inside its pipeline or template (`stages/stage=build/spec/...`,
   * and then `yamlPath` is set), else inside its document (`connector/spec/url`, keys as
   * `.../key@key`). Baselines and SARIF fingerprints key findings by it; input sets and
   * `templateInputs` fill runtime inputs by it.
   */
  path?: string;
  yamlPath?: true;
}

/** Two locs of the same node. */
export const sameLoc = (a: Loc | undefined, b: Loc | undefined) =>
  !!a && !!b && a.file === b.file && a.start === b.start && a.key === b.key;

/** The scalar's value as a string; undefined for null and collections. */
export const str = (loc: Loc | undefined): string | undefined =>
  loc?.value === null || loc?.value === undefined ? undefined : String(loc.value);

/** Turns a view into a loc. `root` is the pipeline or template the view belongs to, by whose paths runtime inputs are filled. */
export function locOf(view: View, root?: View): Loc {
  const file = view.file;
  let loc: Loc;
  if (file.embedding) {
    const pos = locateRange(file, view.range[0], view.range[1]);
    loc = {
      file: pos.file,
      start: pos.range[0],
      end: pos.range[1],
      line: pos.line,
      column: pos.column,
      endLine: pos.endLine,
      endColumn: pos.endColumn,
      value: null,
    };
    loc.embedded = true;
  } else {
    // locateRange's arithmetic, without its objects: a scan makes a loc for every fact.
    const text = file.text;
    const start = Math.max(0, Math.min(view.range[0], text.length));
    const end = trimEnd(text, start, Math.max(start, Math.min(view.range[1], text.length)));
    const starts = linesOf(file).lineStarts;
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const line = lineAt(starts, start);
    const endLine = end === start ? line : lineAt(starts, end);
    const column = start - starts[line - 1]! + 1 - (line === 1 ? bom : 0);
    const endColumn = end - starts[endLine - 1]! + 1 - (endLine === 1 ? bom : 0);
    loc = { file: file.path, start, end, line, column: Math.max(1, column), endLine, endColumn: Math.max(1, endColumn), value: null };
  }
  if (view.isScalar) {
    const value = view.value;
    if (value !== undefined && value !== null) loc.value = value as Loc['value'];
    if (view.style && view.style !== 'PLAIN') loc.style = view.style;
  }
  if (view.inFlow) loc.inFlow = true;
  if (view.isKey) loc.key = true;
  const inEntity = root && !view.isKey ? semanticPath(root, view) : undefined;
  if (inEntity !== undefined) {
    loc.path = sharedPath(inEntity);
    loc.yamlPath = true;
  } else {
    const docRoot = View.root(view.file, view.doc);
    const path = docRoot && semanticPath(docRoot, view, true);
    if (path !== undefined) loc.path = sharedPath(path);
  }
  return loc;
}

/**
 * One copy of each semantic path in this thread: the same paths recur across thousands of
 * pipelines (`stages/stage=build/spec/...`), and a path joined from parts keeps the parts alive.
 */
const paths = new Map<string, string>();
function sharedPath(path: string): string {
  const known = paths.get(path);
  if (known !== undefined) return known;
  if (paths.size >= 200_000) paths.clear();
  const copy = copyString(path);
  paths.set(copy, copy);
  return copy;
}

/** The 1-based line holding an offset, given the offsets where lines start (sorted, starting with 0). */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return Math.max(1, low);
}

/** An object built from views (an entity, a stage) with every view turned into a loc: plain data. */
export function toLocs(value: unknown, root: View | undefined, isView: (v: unknown) => v is View): unknown {
  const seen = new Map<unknown, unknown>();
  const go = (v: unknown): unknown => {
    if (isView(v)) return locOf(v, root);
    if (Array.isArray(v)) return v.map(go);
    if (v && typeof v === 'object') {
      if (seen.has(v)) return seen.get(v);
      const out: Record<string, unknown> = {};
      seen.set(v, out);
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = go(x);
      return out;
    }
    return v;
  };
  return go(value);
}
