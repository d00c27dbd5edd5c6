import { EMPTY, makeLoc, NONE, shared, type LineTable, type Loc } from '../model/loc.js';
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

/** Packs a batch's scans (in the worker). The scans are thrown away after: they are packed in place. */
export function packScans(scans: FileScan[]): PackedBatch {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const string = (s: string): number => {
    let i = indexes.get(s);
    if (i === undefined) indexes.set(s, (i = strings.push(s) - 1));
    return -1 - i;
  };
  const packed = new Set<object>();
  const number = (n: number): Packed => (Object.is(n, -0) ? '-0' : Number.isFinite(n) && n >= 0 ? n : String(n));
  const pack = (v: unknown, file: string): Packed => {
    if (typeof v === 'string') return string(v);
    if (typeof v === 'number') return number(v);
    // Booleans, null, and undefined (which JSON leaves out of an object).
    if (typeof v !== 'object' || v === null) return v as Packed;
    if (isLoc(v)) {
      const value = typeof v.value === 'string' ? string(v.value) : pack(v.value, file);
      const loc: LocOnWire = [v.start * 256 + v.flags, v.end, value, v.path === undefined ? null : string(v.path)];
      if (v.file !== file) loc.push(string(v.file));
      return loc as Packed;
    }
    // Facts share objects (a stage's infrastructure, a scope): each is packed once, in place, and
    // a frozen one (an empty list or object, a scope) as a copy.
    if (packed.has(v)) return v as Packed;
    if (Object.isFrozen(v)) return pack(Array.isArray(v) ? [...v] : { ...v }, file);
    packed.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = pack(v[i], file);
      // A list of numbers would read as a loc; facts hold none.
      if (typeof v[0] === 'number' && v[0] >= 0) throw new Error('a scan fact is a list of numbers, which the hand-over cannot carry');
      return v as Packed;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) o[k] = pack(o[k], file);
    return o as Packed;
  };
  const lines = scans.map((scan) => {
    const { lines } = scan;
    delete scan.lines;
    scan.entities = pack(scan.entities, scan.file) as unknown as FileScan['entities'];
    if (scan.images) scan.images = pack(scan.images, scan.file) as unknown as FileScan['images'];
    return lines;
  });
  return { json: JSON.stringify(scans), strings, lines };
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
