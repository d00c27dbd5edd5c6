import { locateRange } from '../parse/locate.js';
import { linesOf, loneCrAsLf, type SourceFile } from '../parse/source.js';
import { Info, KIND_MASK, ownCopy, RECORD, STYLE_NAMES, trimEnd, type ScalarStyle } from '../parse/tree.js';
import type { Position } from '../parse/locate.js';
import { View } from './view.js';
import { semanticPath } from './walk.js';

/**
 * A YAML node the cross-file rules may report, reduced to what they and the fixes need: where it
 * is, what it says and how it is written. The model of a scan keeps these instead of the parsed
 * trees, so memory follows the facts, not the bytes, and a worker can hand them over as plain data.
 * A scan keeps one per fact (millions on a large repo): `makeLoc` packs them (see `PackedLoc`).
 * Lines and columns come from the file's line table when a finding needs them (`positionIn`).
 * Copy one with `withRange`, not with a spread (a packed loc's `start` and `flags` are getters).
 */
export interface Loc {
  /** POSIX path of the file, relative to the current directory. */
  file: string;
  /** Offsets in the file's text (for a node inside a trigger's `inputYaml`, the range it maps to). */
  start: number;
  end: number;
  /** The scalar's value (a key's text for a key); null for maps and sequences. */
  value: string | number | boolean | null;
  /**
   * Semantic path of the node: inside its pipeline or template (`stages/stage=build/spec/...`,
   * and then `yamlPathOf` gives it), else inside its document (`connector/spec/url`, keys as
   * `.../key@key`). Baselines and SARIF fingerprints key findings by it; input sets and
   * `templateInputs` fill runtime inputs by it.
   */
  path: string | undefined;
  /** How it is written: see `isKey`, `inFlow`, `isEmbedded`, `styleOf`, `yamlPathOf`. */
  flags: number;
}

const KEY = 1;
const IN_FLOW = 2;
const EMBEDDED = 4;
const YAML_PATH = 8;
const ALIASED = 128;
const STYLE_SHIFT = 4;

/** A map key, not a value. */
export const isKey = (loc: Loc) => (loc.flags & KEY) !== 0;
/** Inside a flow collection, where `,[]{}` end a plain scalar. */
export const inFlow = (loc: Loc) => (loc.flags & IN_FLOW) !== 0;
/** Inside YAML embedded in a string (a trigger's `inputYaml`): it cannot be edited in place. */
export const isEmbedded = (loc: Loc) => (loc.flags & EMBEDDED) !== 0;
/** The scalar's style. */
export const styleOf = (loc: Loc): ScalarStyle => STYLE_NAMES[(loc.flags >> STYLE_SHIFT) & 7] ?? 'PLAIN';
/** Anchored and also used through an alias (see `View.aliased`). */
export const isAliased = (loc: Loc) => (loc.flags & ALIASED) !== 0;
/** The path inside the pipeline or template, when the node is in one. */
export const yamlPathOf = (loc: Loc) => (loc.flags & YAML_PATH ? loc.path : undefined);

/** Offsets below this are packed with the flags into one small integer (8 MB; see `PackedLoc`). */
const PACKED_LIMIT = 2 ** 23;

/**
 * A loc with `start` and `flags` in one field, `start * 256 + flags`: five fields instead of six,
 * 8 bytes less on each of a large repo's millions of locs (64 bytes, not 72). The field stays a
 * small integer, which V8 keeps in the object itself, because only offsets under 8 MB are packed.
 * A worker hands locs over as lists (see engine/hand-over.ts).
 */
class PackedLoc implements Loc {
  constructor(
    public file: string,
    readonly pos: number,
    public end: number,
    public value: Loc['value'],
    public path: string | undefined,
  ) {}
  get start(): number {
    return this.pos >>> 8;
  }
  get flags(): number {
    return this.pos & 255;
  }
}

/** A loc, packed when its offset allows. */
export function makeLoc(file: string, start: number, end: number, value: Loc['value'], path: string | undefined, flags: number): Loc {
  return start < PACKED_LIMIT ? new PackedLoc(file, start * 256 + flags, end, value, path) : { file, start, end, value, path, flags };
}

/** The same node's loc over another range of its file (a finding on part of a scalar). */
export const withRange = (loc: Loc, start: number, end: number): Loc => makeLoc(loc.file, start, end, loc.value, loc.path, loc.flags);

/** Two locs of the same node. */
export const sameLoc = (a: Loc | undefined, b: Loc | undefined) =>
  !!a && !!b && a.file === b.file && a.start === b.start && isKey(a) === isKey(b);

/** The scalar's value as a string; undefined for null and collections. */
export const str = (loc: Loc | undefined): string | undefined =>
  loc?.value === null || loc?.value === undefined ? undefined : String(loc.value);

/**
 * Where a file's lines start, and whether it starts with a BOM: what turns offsets into lines and
 * columns. A scan keeps one per file with facts (100,000 on a large repo), so the line lengths are
 * packed one character each into a string (most lines are under 256 characters, which makes it
 * one byte a line): a quarter of a Uint32Array of offsets, and no typed-array objects.
 */
export interface LineTable {
  lengths: string;
  bom: boolean;
}

/** A length that does not fit one character is this mark, then its high and low 16 bits. */
const LONG = 0xffff;

/**
 * The line table of a parsed file (of the file a trigger's `inputYaml` sits in, for embedded YAML),
 * read from its text: nearly every file scanned needs one, and few need their line starts.
 */
export function lineTable(file: SourceFile): LineTable {
  const outer = file.embedding?.parent ?? file;
  // Line breaks as `linesOf` counts them (a text from `parseSource` has no lone CR left).
  const text = loneCrAsLf(outer.text);
  // Room for a line of every 24 characters; a table that needs more grows.
  let codes = new Uint16Array(Math.ceil(text.length / 24) + 16);
  let n = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (n + 3 > codes.length) {
      const more = new Uint16Array(codes.length * 2);
      more.set(codes);
      codes = more;
    }
    const length = i + 1 - lineStart;
    lineStart = i + 1;
    if (length < LONG) codes[n++] = length;
    else {
      codes[n++] = LONG;
      codes[n++] = length >>> 16;
      codes[n++] = length & 0xffff;
    }
  }
  let lengths = '';
  for (let i = 0; i < n; i += 8192)
    lengths += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return { lengths, bom: text.charCodeAt(0) === 0xfeff };
}

/** Where a parsed file's locs are, from its own line starts (no table packed), found when a loc is first placed. */
export function placerOf(file: SourceFile): Placer {
  let lines: ReturnType<typeof linesOfOuter> | undefined;
  return (loc) => {
    lines ??= linesOfOuter(file);
    return positionAt(lines.starts, lines.bom, loc.start, loc.end);
  };
}

function linesOfOuter(file: SourceFile): { starts: readonly number[]; bom: boolean } {
  const outer = file.embedding?.parent ?? file;
  return { starts: linesOf(outer).lineStarts, bom: outer.text.charCodeAt(0) === 0xfeff };
}

/**
 * The offsets where a table's lines start. The last few tables unpacked are kept: a finding and
 * its related locations alternate between a pipeline and its connector's file, and unpacking a
 * large file for each would cost its length every time.
 */
function startsOf(table: LineTable): Uint32Array {
  const known = unpacked.get(table);
  if (known) return known;
  const { lengths } = table;
  const starts = new Uint32Array(lengths.length + 1);
  let n = 1;
  for (let i = 0; i < lengths.length; i += widthAt(lengths, i)) {
    starts[n] = starts[n - 1]! + lengthAt(lengths, i);
    n++;
  }
  if (unpacked.size >= 8) unpacked.clear();
  unpacked.set(table, starts.subarray(0, n));
  return unpacked.get(table)!;
}
const unpacked = new Map<LineTable, Uint32Array>();

/** The line length packed at index `i` of a table's `lengths` (see `LONG`), and how many characters it takes. */
const lengthAt = (lengths: string, i: number) =>
  lengths.charCodeAt(i) === LONG ? lengths.charCodeAt(i + 1) * 0x10000 + lengths.charCodeAt(i + 2) : lengths.charCodeAt(i);
const widthAt = (lengths: string, i: number) => (lengths.charCodeAt(i) === LONG ? 3 : 1);

/** 1-based line and column (UTF-16 code units) of a range, as parse/locate.ts counts them. */
export function positionIn(table: LineTable, start: number, end: number): Position {
  if (table.lengths.length > SMALL_TABLE) return positionAt(startsOf(table), table.bom, start, end);
  // A file of a few hundred lines is walked line by line: unpacking it would allocate a typed
  // array per finding and related location (tens of MB outside the heap on a large repo's report).
  // The walk to the end goes on from the start's line.
  const at = walkTo(table, start, 0, 0, 1);
  const to = end < start ? walkTo(table, end, 0, 0, 1) : walkTo(table, end, at.index, at.lineStart, at.line);
  const column = (w: Walked, offset: number) => Math.max(1, offset - w.lineStart + 1 - (w.line === 1 && table.bom ? 1 : 0));
  return { line: at.line, column: column(at, start), endLine: to.line, endColumn: column(to, end) };
}

/** Where a walk over a table's lines stopped: the line (1-based), its offset, and its index in `lengths`. */
interface Walked {
  line: number;
  lineStart: number;
  index: number;
}

/** Tables with more lines than this are unpacked (and the last few kept) rather than walked. */
const SMALL_TABLE = 2048;

/** The line holding an offset, walking on from a line at or before it (its index in `lengths`, its offset and number). */
function walkTo({ lengths }: LineTable, offset: number, index: number, lineStart: number, line: number): Walked {
  let i = index;
  for (; i < lengths.length; i += widthAt(lengths, i)) {
    const length = lengthAt(lengths, i);
    if (lineStart + length > offset) break;
    lineStart += length;
    line++;
  }
  return { line, lineStart, index: i };
}

function positionAt(starts: ArrayLike<number>, hasBom: boolean, start: number, end: number): Position {
  const bom = hasBom ? 1 : 0;
  const line = lineAt(starts, start);
  const endLine = end === start ? line : lineAt(starts, end);
  const column = start - starts[line - 1]! + 1 - (line === 1 ? bom : 0);
  const endColumn = end - starts[endLine - 1]! + 1 - (endLine === 1 ? bom : 0);
  return { line, column: Math.max(1, column), endLine, endColumn: Math.max(1, endColumn) };
}

/** Where a loc is, in lines and columns; from the line tables of the scanned files. */
export type Placer = (loc: Loc) => Position;

/** Positions from the files' line tables, by file; a file without one (never scanned) is placed at 1:1. */
export function placeIn(tables: ReadonlyMap<string, LineTable>): Placer {
  return (loc) => {
    const table = tables.get(loc.file);
    return table ? positionIn(table, loc.start, loc.end) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  };
}

/** Turns a view into a loc. `root` is the pipeline or template the view belongs to, by whose paths runtime inputs are filled. */
export const locOf = (view: View, root?: View): Loc => locWith(view, root, makeLoc);

/** What makes a loc of its parts (`makeLoc`, or a worker's packed form of one; see engine/hand-over.ts). */
export type LocMaker<T> = (file: string, start: number, end: number, value: Loc['value'], path: string | undefined, flags: number) => T;

/** `locOf`, with the loc made by `make`. */
export function locWith<T>(view: View, root: View | undefined, make: LocMaker<T>): T {
  const file = view.file;
  const text = (file.embedding?.parent ?? file).text;
  // The node's record, read once (a scan makes a loc for every fact).
  const at = view.addr * RECORD;
  const records = file.records;
  const range = file.embedding ? embeddedRange(view) : undefined;
  const start = Math.max(0, Math.min(range ? range[0] : records[at]!, text.length));
  // A collection's or block scalar's range may run over trailing blank lines: end at the last visible char.
  const end = range ? range[1] : trimEnd(text, start, Math.max(start, Math.min(records[at + 1]!, text.length)));
  const info = records[at + 2]!;
  let flags = 0;
  let value: Loc['value'] = null;
  if (view.isScalar) {
    const v = view.raw;
    if (typeof v === 'string') value = shared(v);
    else if (v !== undefined && v !== null) value = v as Loc['value'];
    // The record's kind is the style's index (as `View.style` reads it).
    const style = info & KIND_MASK;
    if (style < STYLE_NAMES.length) flags |= style << STYLE_SHIFT;
  }
  if (info & Info.InFlow) flags |= IN_FLOW;
  if (view.isKey) flags |= KEY;
  if (file.embedding) flags |= EMBEDDED;
  if (view.aliased) flags |= ALIASED;
  // Paths are shared as they are made (see `semanticPath`).
  let path = root && !view.isKey ? semanticPath(root, view) : undefined;
  if (path !== undefined) flags |= YAML_PATH;
  else {
    const docRoot = View.root(view.file, view.doc);
    path = docRoot && semanticPath(docRoot, view, true);
  }
  return make(file.embedding?.parent.path ?? file.path, start, end, value, path, flags);
}

/** A node of a trigger's `inputYaml`: the range it maps to in the file. */
function embeddedRange(view: View): [number, number] {
  return locateRange(view.file, view.range[0], view.range[1]).range;
}

/**
 * One copy of each semantic path, value and other fact string in this thread, up to 200,000
 * strings (then it starts again): the same paths and references recur across thousands of
 * pipelines (`stages/stage=build/spec/...`, `account.harnessImage`), and a string joined or sliced
 * from parts keeps the parts alive (see `ownCopy`). A scan worker shares nothing (see `stopSharing`).
 */
export function shared(s: string): string {
  if (!sharing) return s;
  const known = sharedStrings.get(s);
  if (known !== undefined) return known;
  if (sharedStrings.size >= 200_000) forgetShared();
  const copy = ownCopy(s);
  sharedStrings.set(copy, copy);
  return copy;
}
const sharedStrings = new Map<string, string>();
let sharing = true;

/**
 * `shared` gives each string back as it is, from now on in this thread. For a scan worker: its
 * facts become JSON at the end of each batch and are gone, and the main thread shares their
 * strings as it takes them in. Sharing them in the worker too cost its time (1–3% of a default
 * `check` on the 10,000-pipeline repo) and its memory (a table of up to 200,000 strings each).
 */
export function stopSharing(): void {
  sharing = false;
  forgetShared();
}

/** Lets go of the table `shared` keeps (the strings stay where facts hold them), once the facts of a scan are made. */
export function forgetShared(): void {
  sharedStrings.clear();
}

/** The 1-based line holding an offset, given the offsets where lines start (sorted, starting with 0). */
function lineAt(starts: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return Math.max(1, low);
}

/**
 * An object built from views (an entity, a stage) with every view turned into a loc: plain data.
 * Views of the same node (a stage's Override Image Connector is also one of the entity's image
 * connector fields) share one loc; empty objects are `EMPTY`; frozen objects (`NONE`, interned
 * scopes) are shared facts already and are kept as they are.
 */
export function toLocs(value: unknown, root: View | undefined, isView: (v: unknown) => v is View): unknown {
  const seen = new Map<unknown, unknown>();
  const locs = new Map<SourceFile, Map<number, Loc>>();
  const loc = (view: View): Loc => {
    let byNode = locs.get(view.file);
    if (!byNode) locs.set(view.file, (byNode = new Map()));
    const node = 2 * view.addr + (view.isKey ? 1 : 0);
    let known = byNode.get(node);
    if (!known) byNode.set(node, (known = locOf(view, root)));
    return known;
  };
  const go = (v: unknown): unknown => {
    if (isView(v)) return loc(v);
    if (typeof v === 'string') return shared(v);
    if (Array.isArray(v)) return v.length ? v.map(go) : NONE;
    if (v && typeof v === 'object') {
      const known = seen.get(v);
      if (known !== undefined) return known;
      if (Object.isFrozen(v)) return v;
      // A copy of the object's own shape (its fields stay in the object), then each field converted.
      const out: Record<string, unknown> = { ...v };
      seen.set(v, out);
      let empty = true;
      for (const k in out) {
        empty = false;
        out[k] = go(out[k]);
      }
      if (!empty) return out;
      seen.set(v, EMPTY);
      return EMPTY;
    }
    return v;
  };
  return go(value);
}

/** The one empty list facts share (a repo's facts hold hundreds of thousands of empty lists). */
export const NONE: readonly never[] = Object.freeze([]);
/** The one empty object facts share (a pipeline without variables, templateInputs without scalars). */
export const EMPTY: Record<string, never> = Object.freeze({});
