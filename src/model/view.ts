import type { SourceFile } from '../parse/source.js';
import {
  ADDR,
  ENTRIES,
  Info,
  KIND_MASK,
  RECORD,
  STYLE_NAMES,
  entryAtSlot,
  isContainer,
  keyPosition,
  type Container,
  type ScalarStyle,
  type TreeDoc,
  type TreeMap,
} from '../parse/tree.js';

/**
 * A read-only view of one YAML node that remembers its file and document, so every value the
 * model hands to a rule can still be located. A view is also what a finding points at (`Located`).
 * Aliases are already resolved in the tree: an aliased node is the anchored node.
 *
 * A scalar's record is looked up only when its position is asked for, from the container that
 * holds it, so walking the model costs no position work.
 */
export class View {
  private addrCache = -1;

  private constructor(
    readonly file: SourceFile,
    readonly doc: TreeDoc,
    /** The node's JS value: a scalar, or a map object / array of the tree. */
    readonly raw: unknown,
    /** For a scalar: the container holding it and where (a key for maps, an index for sequences). */
    private readonly parent?: Container,
    private readonly slot?: string | number,
    /** For a map key: the key's own node rather than its value. */
    readonly isKey = false,
  ) {}

  /** The root node of a document; undefined for an empty document. */
  static root(file: SourceFile, doc: TreeDoc): View | undefined {
    if (doc.value === undefined) return undefined;
    const v = new View(file, doc, doc.value);
    if (!isContainer(doc.value)) v.addrCache = doc.addr;
    return v;
  }

  private child(value: unknown, slot: string | number, isKey = false): View {
    return new View(this.file, this.doc, value, isContainer(value) && !isKey ? undefined : (this.raw as Container), slot, isKey);
  }

  /** The value at `place` (a key, an index, or a fallback map's slot) of `container`, in `within`'s document. */
  static entry(within: View, container: Container, place: string | number): View {
    const value = Array.isArray(container)
      ? container[place as number]
      : typeof place === 'number'
        ? entryAtSlot(container[ENTRIES] ?? [], place)?.value
        : container[place];
    return new View(within.file, within.doc, value, isContainer(value) ? undefined : container, place);
  }

  /** For a scalar or key: where it sits in its container, as a key (maps) or an index (sequences). */
  get place(): string | number | undefined {
    const parent = this.parent;
    if (!parent || Array.isArray(parent) || typeof this.slot === 'string') return this.slot;
    return entryAtSlot((parent as TreeMap)[ENTRIES]!, this.slot as number)?.key;
  }

  /** Rules report `someView.at`: a view is its own location. */
  get at(): View {
    return this;
  }

  /** The node's record in its file's table: the same number for the same node, however it was reached. */
  get addr(): number {
    if (this.addrCache >= 0) return this.addrCache;
    let addr: number;
    if (isContainer(this.raw) && !this.isKey) addr = this.raw[ADDR];
    else {
      const parent = this.parent!;
      const base = parent[ADDR];
      const slot = this.slot!;
      // Maps from the fallback name entries by their record slot; fast-parsed maps by key.
      if (Array.isArray(parent)) addr = base + 1 + (slot as number);
      else addr = base + 1 + 2 * (typeof slot === 'number' ? slot : keyPosition(parent, slot)) + (this.isKey ? 0 : 1);
    }
    const records = this.file.records;
    while (records[addr * RECORD + 2]! < 0) addr = -records[addr * RECORD + 2]! - 1;
    return (this.addrCache = addr);
  }

  /** Start and end offsets of the node in its file's text (end without trailing whitespace). */
  get range(): [number, number] {
    const i = this.addr * RECORD;
    return [this.file.records[i]!, this.file.records[i + 1]!];
  }

  private get info(): number {
    return this.file.records[this.addr * RECORD + 2]!;
  }

  /**
   * The node, or a map or list it is in, is anchored and also reached through an alias: an edit
   * here changes every place that uses it.
   */
  get aliased(): boolean {
    if (!this.file.aliased) return false;
    const records = this.file.records;
    for (let a = this.addr; a >= 0; a = records[a * RECORD + 3]!) if (records[a * RECORD + 2]! & Info.Aliased) return true;
    return false;
  }

  /** Two views of the same node. */
  same(other: View | undefined): boolean {
    return !!other && other.file === this.file && other.addr === this.addr;
  }

  get isMap(): boolean {
    return !this.isKey && isContainer(this.raw) && !Array.isArray(this.raw);
  }

  get isSeq(): boolean {
    return Array.isArray(this.raw) && !this.isKey;
  }

  get isScalar(): boolean {
    return !isContainer(this.raw) || this.isKey;
  }

  /** The scalar's style (`PLAIN`, `QUOTE_DOUBLE`, ...); undefined for collections. */
  get style(): ScalarStyle | undefined {
    return this.isScalar ? STYLE_NAMES[this.info & KIND_MASK] : undefined;
  }

  /** A collection written in flow style (`{...}`, `[...]`). */
  get isFlow(): boolean {
    return !this.isScalar && (this.info & Info.Flow) !== 0;
  }

  /** The node sits inside a flow collection, where `,[]{}` end a plain scalar. */
  get inFlow(): boolean {
    return (this.info & Info.InFlow) !== 0;
  }

  /** The scalar as a string (numbers and booleans stringified); undefined for null and collections. */
  get str(): string | undefined {
    if (!this.isScalar) return undefined;
    const v = this.raw;
    return v === null || v === undefined ? undefined : String(v);
  }

  /** The scalar's raw JS value (boolean stays boolean). */
  get value(): unknown {
    return this.isScalar ? this.raw : undefined;
  }

  /** Key/value pairs of a map, keys as strings, in document order. */
  entries(): Array<{ key: string; keyView: View; value: View | undefined }> {
    if (!this.isMap) return [];
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    if (listed)
      return listed.map((e) => ({
        key: e.key,
        keyView: this.child(e.keyValue ?? e.key, e.slot, true),
        value: e.absent ? undefined : this.child(e.value, e.slot),
      }));
    return Object.keys(map).map((key) => ({ key, keyView: this.child(key, key, true), value: this.child(map[key], key) }));
  }

  /** Calls `fn` for each entry of a map in document order, like `entries()` without the key views. */
  forEachEntry(fn: (key: string, value: View | undefined) => void): void {
    if (!this.isMap) return;
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    if (listed) for (const e of listed) fn(e.key, e.absent ? undefined : this.child(e.value, e.slot));
    else for (const key in map) fn(key, this.child(map[key], key));
  }

  /** The keys of a map, in document order (a key given twice, twice). */
  keys(): string[] {
    if (!this.isMap) return [];
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    return listed ? listed.map((e) => e.key) : Object.keys(map);
  }

  get(key: string): View | undefined {
    if (!this.isMap) return undefined;
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    if (listed) {
      const e = listed.find((x) => x.key === key);
      return e && !e.absent ? this.child(e.value, e.slot) : undefined;
    }
    const value = ownValue(map, key);
    return value === undefined ? undefined : this.child(value, key);
  }

  /** The key node of `key`, for reporting a missing or empty value at its key. */
  keyOf(key: string): View | undefined {
    if (!this.isMap) return undefined;
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    if (listed) {
      const e = listed.find((x) => x.key === key);
      return e ? this.child(e.keyValue ?? e.key, e.slot, true) : undefined;
    }
    return Object.prototype.hasOwnProperty.call(map, key) ? this.child(key, key, true) : undefined;
  }

  has(key: string): boolean {
    if (!this.isMap) return false;
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    return listed ? listed.some((x) => x.key === key) : Object.prototype.hasOwnProperty.call(map, key);
  }

  /** Follows a path of keys (strings) and sequence indexes (numbers). */
  getIn(path: ReadonlyArray<string | number>): View | undefined {
    let cur: View | undefined = this as View;
    for (const seg of path) {
      if (!cur) return undefined;
      cur = typeof seg === 'number' ? cur.item(seg) : cur.get(seg);
    }
    return cur;
  }

  items(): View[] {
    if (!this.isSeq) return [];
    return (this.raw as unknown[]).map((v, i) => this.child(v, i));
  }

  item(i: number): View | undefined {
    if (!this.isSeq) return undefined;
    const seq = this.raw as unknown[];
    return i >= 0 && i < seq.length ? this.child(seq[i], i) : undefined;
  }

  /** A string field of a map (as `get(key)?.str`, without the view). */
  text(key: string): string | undefined {
    if (!this.isMap) return undefined;
    const map = this.raw as TreeMap;
    const listed = map[ENTRIES];
    let value: unknown;
    if (listed) {
      const e = listed.find((x) => x.key === key);
      value = e && !e.absent ? e.value : undefined;
    } else value = ownValue(map, key);
    return value === null || value === undefined || isContainer(value) ? undefined : String(value);
  }
}

/**
 * The value of a fast-parsed map's own key; undefined when it has none. One property read: a tree
 * holds no functions and no undefined, so only a key the map inherits (`toString`, `__proto__`)
 * needs the slower test of whether it is the map's own.
 */
function ownValue(map: TreeMap, key: string): unknown {
  const value = map[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'function' && key !== '__proto__') return value;
  return Object.prototype.hasOwnProperty.call(map, key) ? value : undefined;
}
