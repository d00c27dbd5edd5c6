import { EMPTY, locWith, makeLoc, NONE, shared, type LineTable, type Loc, type LocMaker } from '../model/loc.js';
import { View } from '../model/view.js';
import { scopeOf, type Scope } from '../model/scope.js';
import type { FileScan } from './scan-file.js';

/**
 * How a worker hands a batch's scans to the main thread: JSON text (JSON and structured cloning
 * measured alike on Node 24), with the facts (entities and images) packed, and the line tables apart.
 *
 * In the packed facts, every string is an index into the batch's `strings`, as a negative number
 * (`-1 - index`): the same paths, references and scopes recur in every pipeline of a batch, so the
 * main thread shares each distinct one once (a batch of 64 pipelines has about 4,300 strings and 730
 * distinct). A loc is a list, `[start * 256 + flags, end, value, path]`, with its file's name after
 * them when that is not the scan's own file. A number JSON cannot carry, or that would read as a
 * string's index (a negative number, `-0`, `.inf`, `.nan`), travels as its text: in packed facts a
 * JSON string is never anything else. On the 10,000-pipeline repo this halved the JSON (15 MB to
 * 7.6 MB) and cut the main thread's time taking it in by a third (190 ms to 125 ms); the worker
 * spends about what it did (115 ms to 120 ms).
 */
export interface PackedBatch {
  json: string;
  strings: string[];
  lines: Array<LineTable | undefined>;
}

/** A loc as packed: `[pos, end, value, path]` or `[pos, end, value, path, file]`. */
type LocOnWire = [number, number, Packed, number | null, number?];
type Packed = number | string | boolean | null | Packed[] | { [key: string]: Packed };

const isLoc = (o: object): o is Loc => typeof (o as Loc).start === 'number' && typeof (o as Loc).flags === 'number';

/**
 * Packs a batch in a worker. Each entity's facts are packed as the scan makes them, straight from
 * the parsed file's views (`facts`), as `toLocs` and then packing its locs would give them, without
 * the locs between (on the 10,000-pipeline repo the worker's facts and packing took 347 ms that
 * way, 304 ms this way). Facts already made as locs (the images a report collects) are packed from them.
 */
export class BatchPacker {
  private readonly strings: string[] = [];
  private readonly indexes = new Map<string, number>();
  /** Objects packed in place (see `pack`). */
  private readonly packed = new Set<object>();

  private string(s: string): number {
    let i = this.indexes.get(s);
    if (i === undefined) this.indexes.set(s, (i = this.strings.push(s) - 1));
    return -1 - i;
  }

  /** An entity of file `file`, its views as packed locs (`root` as for `toLocs`). For `ScanOptions.facts`. */
  readonly facts = (entity: unknown, root: View | undefined, file: string): unknown => {
    const seen = new Map<object, Packed>();
    const loc: LocMaker<LocOnWire> = (at, start, end, value, path, flags) => this.wire(file, at, start, end, value, path, flags);
    const go = (v: unknown): Packed => {
      if (v instanceof View) return locWith(v, root, loc) as Packed;
      if (typeof v === 'string') return this.string(v);
      if (typeof v === 'number') return number(v);
      // Booleans, null, and undefined (which JSON leaves out of an object).
      if (typeof v !== 'object' || v === null) return v as Packed;
      if (Array.isArray(v)) return notNumbers(v.map(go));
      // An object met again (a stage's infrastructure) is the same packed object; a frozen one (an
      // empty list or object, a scope) is packed as a copy.
      const known = seen.get(v);
      if (known !== undefined) return known;
      const out: Record<string, Packed> = { ...(v as Record<string, Packed>) };
      seen.set(v, out);
      for (const k in out) out[k] = go(out[k]);
      return out;
    };
    return go(entity);
  };

  /** A loc of scan `file`, packed: `[pos, end, value, path]`, and its own file when that is another. */
  private wire(
    file: string,
    at: string,
    start: number,
    end: number,
    value: Loc['value'],
    path: string | undefined,
    flags: number,
  ): LocOnWire {
    const packedValue = typeof value === 'string' ? this.string(value) : typeof value === 'number' ? number(value) : value;
    const loc: LocOnWire = [start * 256 + flags, end, packedValue, path === undefined ? null : this.string(path)];
    if (at !== file) loc.push(this.string(at));
    return loc;
  }

  /** Facts of scan `file` made as locs, packed in place (the objects are thrown away after). */
  pack(v: unknown, file: string): Packed {
    if (typeof v === 'string') return this.string(v);
    if (typeof v === 'number') return number(v);
    if (typeof v !== 'object' || v === null) return v as Packed;
    if (isLoc(v)) return this.wire(file, v.file, v.start, v.end, v.value, v.path, v.flags) as Packed;
    // Facts share objects (a stage's infrastructure, a scope): each is packed once, in place, and
    // a frozen one (an empty list or object, a scope) as a copy.
    if (this.packed.has(v)) return v as Packed;
    if (Object.isFrozen(v)) return this.pack(Array.isArray(v) ? [...v] : { ...v }, file);
    this.packed.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = this.pack(v[i], file);
      return notNumbers(v as Packed[]);
    }
    const o = v as Record<string, unknown>;
    for (const k in o) o[k] = this.pack(o[k], file);
    return o as Packed;
  }

  /** The batch, ready to post: its entities packed already (by `facts`), its images packed here. */
  finish(scans: FileScan[]): PackedBatch {
    const lines = scans.map((scan) => {
      const { lines } = scan;
      delete scan.lines;
      if (scan.images) scan.images = this.pack(scan.images, scan.file) as unknown as FileScan['images'];
      return lines;
    });
    return { json: JSON.stringify(scans), strings: this.strings, lines };
  }
}

/** Packs a batch of scans whose facts are locs. The scans are thrown away after: they are packed in place. */
export function packScans(scans: FileScan[]): PackedBatch {
  const packer = new BatchPacker();
  for (const scan of scans) scan.entities = packer.pack(scan.entities, scan.file) as unknown as FileScan['entities'];
  return packer.finish(scans);
}

/** A number as packed: as its text when JSON cannot carry it or it would read as a string's index. */
const number = (n: number): Packed => (Object.is(n, -0) ? '-0' : Number.isFinite(n) && n >= 0 ? n : String(n));

/** A packed list, unless it is a list of numbers, which would read as a loc: facts hold none. */
function notNumbers(list: Packed[]): Packed {
  if (typeof list[0] === 'number' && list[0] >= 0) throw new Error('a scan fact is a list of numbers, which the hand-over cannot carry');
  return list;
}

/**
 * The scans of a packed batch (in the main thread), with their facts as facts made in this thread
 * are: each string kept once (`shared`), every empty list `NONE`, every empty object `EMPTY`, each
 * scope the one `scopeOf` gives, and a loc the worker shared between facts (the same node) one loc again.
 */
export function unpackScans(batch: PackedBatch): FileScan[] {
  const strings = batch.strings.map(shared);
  const scans = JSON.parse(batch.json) as FileScan[];
  scans.forEach((scan, i) => {
    const file = (scan.file = shared(scan.file));
    /** This file's locs by start and flags (a key and the map it opens start together; their flags differ). */
    const locs = new Map<number, Loc>();
    const unpack = (v: Packed): unknown => {
      if (typeof v === 'number') return v < 0 ? strings[-1 - v] : v;
      if (typeof v === 'string') return Number(v);
      if (typeof v !== 'object' || v === null) return v;
      if (Array.isArray(v)) {
        if (!v.length) return NONE;
        if (typeof v[0] === 'number' && v[0] >= 0) return unpackLoc(v as LocOnWire);
        for (let k = 0; k < v.length; k++) v[k] = unpack(v[k]!) as Packed;
        return v;
      }
      let empty = true;
      for (const k in v) {
        empty = false;
        const x = unpack(v[k]!);
        v[k] = (k === 'scope' && isScope(x) ? scopeOf(x.org, x.project) : x) as Packed;
      }
      return empty ? EMPTY : v;
    };
    const unpackLoc = ([pos, end, value, path, other]: LocOnWire): Loc => {
      const own = other === undefined;
      const loc = makeLoc(
        own ? file : strings[-1 - other]!,
        Math.floor(pos / 256),
        end,
        unpack(value) as Loc['value'],
        path === null ? undefined : strings[-1 - path],
        pos % 256,
      );
      const known = own ? locs.get(pos) : undefined;
      if (known && known.end === loc.end && known.value === loc.value && known.path === loc.path) return known;
      if (own && !known) locs.set(pos, loc);
      return loc;
    };
    scan.entities = unpack(scan.entities as unknown as Packed) as FileScan['entities'];
    if (scan.images) scan.images = unpack(scan.images as unknown as Packed) as FileScan['images'];
    const lines = batch.lines[i];
    if (lines) scan.lines = lines;
  });
  return scans;
}

const isScope = (x: unknown): x is Scope => !!x && typeof x === 'object' && typeof (x as Scope).level === 'string';
