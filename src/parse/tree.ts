/**
 * The parsed form of a YAML document that the model reads: plain JS values (what `yaml`'s
 * `toJS()` gives, so JSON Schema validation reads them directly) plus, per file, a flat table of
 * node positions. Maps and sequences carry the index of their record in that table under a
 * symbol, which JSON, `Object.keys` and Ajv do not see.
 *
 * Record layout (4 ints): start offset, end offset (trailing whitespace trimmed), info, owner.
 * A container's header record is followed by one record per item (sequences) or two per entry,
 * key then value (maps). A value record of a nested container is unused: the container's own
 * header holds its range. `owner` is the header of the container the node sits in (-1 at the
 * root), so a node's ancestors can be found without keeping them in views.
 */

export const ADDR = Symbol('hrg.addr');
/**
 * Maps built from the `yaml` fallback keep their entries here, in document order, because a JS
 * object cannot hold what YAML allows (keys that collide once stringified, integer-like keys,
 * keys without a string form). `slot` is the entry's index among the map's records.
 */
export const ENTRIES = Symbol('hrg.entries');

export interface MapEntry {
  key: string;
  value: unknown;
  slot: number;
  /** The key has no value node at all (`? key`), as opposed to an empty (null) one. */
  absent?: boolean;
  /** The key's own value when it is not a string (`1:`, `true:`). */
  keyValue?: unknown;
}

export type TreeMap = { [key: string]: unknown; [ADDR]: number; [ENTRIES]?: MapEntry[] };
export type TreeSeq = unknown[] & { [ADDR]: number };
export type Container = TreeMap | TreeSeq;

export const RECORD = 4;

/** Scalar styles, as `yaml` names them; containers and redirects use the other codes. */
export const Info = {
  Plain: 0,
  QuoteSingle: 1,
  QuoteDouble: 2,
  BlockLiteral: 3,
  BlockFolded: 4,
  Map: 5,
  Seq: 6,
  /** A value slot whose value is a container: the container's header is the record to read. */
  Nested: 7,
  /** Bit set on a record whose node sits inside a flow collection (`{...}` / `[...]`). */
  InFlow: 16,
  /** Bit set on a container written in flow style. */
  Flow: 32,
  /** Bit set on an anchored node that an alias also refers to: it is used in more than one place. */
  Aliased: 64,
} as const;
/** Mask of the kind/style bits of `info`. */
export const KIND_MASK = 15;

export const STYLE_NAMES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
export type ScalarStyle = (typeof STYLE_NAMES)[number];

/** One YAML document of a file. */
export interface TreeDoc {
  /** The document's content as JS; undefined for an empty document. */
  value: unknown;
  /** Record of the content node (a container's header, or the root scalar's record). */
  addr: number;
  /** Start and end of the document in the file text. */
  range: [number, number];
  /** The document as `yaml`'s `toJS()` gives it, for schema validation: `value` itself, unless the fallback parsed it. */
  json: unknown;
  /**
   * From the fast parser: each map that holds one of `INDEXED_KEYS`, with the key, in the order the
   * keys are written. Undefined from `yaml` (the walks look for the keys themselves).
   */
  keyed?: Array<{ map: TreeMap; key: string }>;
}

/**
 * The keys the fast parser lists the maps of as it meets them (`TreeDoc.keyed`): `image` and
 * `harnessImageConnectorRef`, which the model looks for in every file. Finding them meant two more
 * walks over every node of each tree: without them `check` on the 10,000-pipeline repo took 0.98×
 * the time in one thread, 0.99× with a worker.
 */
export const INDEXED_KEYS: ReadonlySet<string> = new Set(['image', 'harnessImageConnectorRef']);

/** Growable record table, filled by a parser and frozen into an Int32Array. */
export class RecordTable {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(RECORD * 16, capacity * RECORD));
  }

  /** Appends a record and returns its index. */
  push(start: number, end: number, info: number, owner = -1): number {
    if (this.length * RECORD + RECORD > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const i = this.length * RECORD;
    this.data[i] = start;
    this.data[i + 1] = end;
    this.data[i + 2] = info;
    this.data[i + 3] = owner;
    return this.length++;
  }

  /** Sets a record's position and info, keeping its owner. */
  set(index: number, start: number, end: number, info: number): void {
    const i = index * RECORD;
    this.data[i] = start;
    this.data[i + 1] = end;
    this.data[i + 2] = info;
  }

  /** Sets `bit` in a record's info. */
  mark(index: number, bit: number): void {
    this.data[index * RECORD + 2]! |= bit;
  }

  setOwner(index: number, owner: number): void {
    this.data[index * RECORD + 3] = owner;
  }

  /** The records: the table itself when it is mostly used (no copy), else a copy that leaves the unused room behind. */
  freeze(): Int32Array {
    const used = this.length * RECORD;
    return used * 2 >= this.data.length ? this.data.subarray(0, used) : this.data.slice(0, used);
  }
}

/**
 * A string of one's own: V8 slices substrings of 13 or more characters, and a slice (or a string
 * joined from one) keeps the whole text it was cut from alive.
 */
export const ownCopy = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));

/** A map or sequence of the tree: scalars in it are primitives (see yaml-tree.ts), so any object is one. */
export function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/** A big map's lookups, built once: the order of its keys, and which key holds each nested container. */
interface MapIndex {
  position: Map<string, number>;
  byHeader: Map<number, string>;
}
const mapIndexes = new WeakMap<TreeMap, MapIndex>();
/** Maps with more keys than this are indexed; smaller ones (nearly all) are searched. */
const INDEX_OVER = 32;

function indexOf(map: TreeMap): MapIndex {
  let index = mapIndexes.get(map);
  if (!index) {
    index = { position: new Map(), byHeader: new Map() };
    let i = 0;
    for (const key in map) {
      index.position.set(key, i++);
      const v = map[key];
      if (isContainer(v)) index.byHeader.set(v[ADDR], key);
    }
    mapIndexes.set(map, index);
  }
  return index;
}

/** Position of `key` among a fast-parsed map's keys (document order), or -1. No key list is made: this runs for every scalar placed. */
export function keyPosition(map: TreeMap, key: string): number {
  // Checked first: `for...in` lists every key of a big map before it yields one.
  const index = mapIndexes.get(map);
  if (index) return index.position.get(key) ?? -1;
  let i = 0;
  for (const k in map) {
    if (k === key) return i;
    if (++i > INDEX_OVER) return indexOf(map).position.get(key) ?? -1;
  }
  return -1;
}

/** The key of a fast-parsed map whose value is the container with header `header`. */
export function keyOfContainer(map: TreeMap, header: number): string | undefined {
  const index = mapIndexes.get(map);
  if (index) return index.byHeader.get(header);
  let i = 0;
  for (const k in map) {
    const v = map[k];
    if (isContainer(v) && v[ADDR] === header) return k;
    if (++i > INDEX_OVER) return indexOf(map).byHeader.get(header);
  }
  return undefined;
}

/** A fast-parsed map's key when it has exactly one. */
export function onlyKeyOf(map: TreeMap): string | undefined {
  if (mapIndexes.has(map)) return undefined;
  let only: string | undefined;
  let i = 0;
  for (const k in map) {
    // Counted on past the second key so that a big map is indexed, and costs nothing next time.
    if (++i > INDEX_OVER) {
      indexOf(map);
      return undefined;
    }
    only = k;
  }
  return i === 1 ? only : undefined;
}

/** The entry of a fallback map at record slot `slot`: entries are in slot order, so it is found by halves. */
export function entryAtSlot(entries: readonly MapEntry[], slot: number): MapEntry | undefined {
  let lo = 0;
  let hi = Math.min(entries.length, slot + 1);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.slot < slot) lo = mid + 1;
    else hi = mid;
  }
  return entries[lo]?.slot === slot ? entries[lo] : undefined;
}

const headerIndexes = new WeakMap<readonly MapEntry[], Map<number, MapEntry>>();
/** The header of the container an entry holds, or -1. */
const headerOf = (e: MapEntry) => (!e.absent && isContainer(e.value) ? e.value[ADDR] : -1);

/**
 * The entry of a fallback map whose value is the container with header `header` (the first, as a
 * search finds it); a big map is indexed once.
 */
export function entryWithHeader(entries: readonly MapEntry[], header: number): MapEntry | undefined {
  if (entries.length <= INDEX_OVER) return entries.find((e) => headerOf(e) === header);
  let index = headerIndexes.get(entries);
  if (!index) {
    index = new Map();
    for (const e of entries) if (!index.has(headerOf(e))) index.set(headerOf(e), e);
    headerIndexes.set(entries, index);
  }
  return index.get(header);
}

/** The end of `[start, end)` with trailing whitespace removed (as positions are reported). */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c === 32 || c === 10 || c === 13 || c === 9) end--;
    else if ((c < 32 || c > 127) && /\s/.test(text[end - 1]!)) end--;
    else break;
  }
  return end;
}
