import {
  ADDR,
  ENTRIES,
  INDEXED_KEYS,
  RECORD,
  entryWithHeader,
  isContainer,
  keyOfContainer,
  onlyKeyOf,
  ownCopy,
  type Container,
  type TreeDoc,
  type TreeMap,
} from '../parse/tree.js';
import type { SourceFile } from '../parse/source.js';
import { View } from './view.js';

/** Deeper than this, the walk stops: no real Harness YAML nests so far, and hostile input must not cost more. */
export const MAX_WALK_DEPTH = 256;
const WRAPPERS = new Set(['stage', 'step', 'stepGroup']);

export interface Visit {
  view: View;
  /** Semantic path: keys, with list items named by identifier (`stages/stage=build/spec`) where they have one. */
  readonly path: string;
  /** The key this node sits under, if any. */
  key?: string;
  /** The map that holds this node under `key`. */
  parent?: View;
}

/**
 * How a sequence item appears in semantic paths: `- parallel: [...]` is looked through (its list
 * takes the sequence's path), `- stage: {identifier: x}` is named `stage=x` and its wrapper map
 * skipped, any other item is named by identifier, name or index. Read from the tree itself, as both
 * `walk` and `semanticPath` need it and the second runs for every fact.
 */
type ItemStep = { kind: 'parallel' } | { kind: 'wrapper'; key: string; segment: string } | { kind: 'item'; segment: string };

function itemStep(item: unknown, index: number): ItemStep {
  if (!isContainer(item) || Array.isArray(item)) return { kind: 'item', segment: String(index) };
  const only = onlyKey(item);
  if (only === 'parallel' && valueAt(item, only) !== undefined) return { kind: 'parallel' };
  if (only !== undefined && WRAPPERS.has(only)) {
    const value = valueAt(item, only);
    const id = isContainer(value) && !Array.isArray(value) ? textAt(value, 'identifier') : undefined;
    if (id !== undefined) return { kind: 'wrapper', key: only, segment: `${only}=${id}` };
  }
  const id = textAt(item, 'identifier');
  const name = id === undefined ? textAt(item, 'name') : undefined;
  return { kind: 'item', segment: id !== undefined ? `id=${id}` : name !== undefined ? `name=${name}` : String(index) };
}

const join = (path: string, segment: string) => (path ? `${path}/${segment}` : segment);
/** The last segment of a map's key node's path (`connector/spec/url@key`), for baseline identities. */
const keySegment = (key: string) => `${key}@key`;
const keyPath = (mapPath: string, key: string) => join(mapPath, keySegment(key));

/** A visited node; its path is built only when a visitor reads it (most visitors look at keys only). */
class Step implements Visit {
  private built?: string;

  constructor(
    readonly view: View,
    private readonly up: Step | undefined,
    /** The path segment this node adds; undefined when it shares its parent's path (`parallel`). */
    private readonly segment: string | undefined,
    readonly depth: number,
    readonly key?: string,
    readonly parent?: View,
    base = '',
  ) {
    if (!up) this.built = base;
  }

  get path(): string {
    if (this.built === undefined) this.built = this.segment === undefined ? this.up!.path : join(this.up!.path, this.segment);
    return this.built;
  }
}

/**
 * Visits every node under `root`, depth first, with its semantic path. A map or list reached again
 * through an alias is visited only the first time, so alias bombs and self-referencing anchors
 * cost nothing extra. A scalar is visited under every key it is reached by: `image: *img` is an
 * image even when the anchor sits under `description` (a scalar has nothing under it to repeat).
 */
export function walk(root: View, visit: (v: Visit) => void, base = ''): void {
  // Only a file with aliases can reach a node twice.
  const seen = root.file.aliased ? new Set<number>() : undefined;
  const stack: Step[] = [new Step(root, undefined, undefined, 0, undefined, undefined, base)];
  const children: Step[] = [];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen && !cur.view.isScalar) {
      if (seen.has(cur.view.addr)) continue;
      seen.add(cur.view.addr);
    }
    visit(cur);
    if (cur.depth >= MAX_WALK_DEPTH) continue;
    const view = cur.view;
    const depth = cur.depth + 1;
    if (view.isMap) {
      view.forEachEntry((key, value) => {
        if (value) children.push(new Step(value, cur, key, depth, key, view));
      });
    } else if (view.isSeq) {
      view.items().forEach((item, i) => {
        const step = itemStep(item.raw, i);
        if (step.kind === 'parallel') children.push(new Step(item.get('parallel')!, cur, undefined, depth));
        else if (step.kind === 'wrapper') children.push(new Step(item.get(step.key)!, cur, step.segment, depth, step.key, item));
        else children.push(new Step(item, cur, step.segment, depth));
      });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    children.length = 0;
  }
}

/**
 * Calls `visit` for every node under `root` that sits under one of `keys`, as `walk` would reach
 * it. For a shallow file without shared nodes, a recursive scan of the plain values that makes
 * views only for the nodes it reports, or no scan at all where the fast parser listed the keys'
 * maps (see `INDEXED_KEYS`); else `walk`. (`walk` visits the list of a `- parallel:` item without a
 * key, so `parallel` itself is not a key this can look for.)
 */
export function findUnderKeys(root: View, keys: ReadonlySet<string>, visit: (view: View) => void): void {
  const keyed = root.doc.keyed;
  if (keyed && isContainer(root.raw) && allIndexed(keys)) {
    const whole = root.raw === root.doc.value;
    for (const { map, key } of keyed) if (keys.has(key) && (whole || isUnder(root, map))) visit(View.entry(root, map, key));
    return;
  }
  if (root.file.aliased || !root.file.shallow) {
    walk(root, ({ view, key, parent }) => {
      if (key !== undefined && parent && keys.has(key)) visit(view);
    });
    return;
  }
  // Views only for the nodes reported: the scan itself reads the plain values.
  const scan = (node: unknown): void => {
    if (!isContainer(node)) return;
    if (Array.isArray(node)) {
      for (const item of node) scan(item);
      return;
    }
    const listed = node[ENTRIES];
    if (listed)
      for (const e of listed) {
        if (e.absent) continue;
        if (keys.has(e.key)) visit(View.entry(root, node, e.slot));
        scan(e.value);
      }
    else
      for (const key in node) {
        if (keys.has(key)) visit(View.entry(root, node, key));
        scan(node[key]);
      }
  };
  scan(root.raw);
}

const allIndexed = (keys: ReadonlySet<string>) => {
  for (const k of keys) if (!INDEXED_KEYS.has(k)) return false;
  return true;
};

/** Whether `map` is `root`'s container or one inside it (the owner links of the record table lead up to it). */
function isUnder(root: View, map: TreeMap): boolean {
  const records = root.file.records;
  const top = root.addr;
  for (let a = map[ADDR]; a >= 0; a = records[a * RECORD + 3]!) if (a === top) return true;
  return false;
}

/**
 * The path `walk(root)` gives `target` (map keys as `key@key` when `keys` is set), or undefined
 * when the walk does not reach it. Found from the target's ancestors (the owner links of the
 * record table), which is what a walk finds as long as no node can be reached twice; with
 * aliases, a walk decides (once per root). The path is a string of its own (no part of a longer
 * one, see `ownCopy`), the same string for the same path while the table of paths keeps it.
 */
export function semanticPath(root: View, target: View, keys = false): string | undefined {
  if (root.file !== target.file || root.doc !== target.doc) return undefined;
  if (root.file.aliased) return walkedPaths(root, keys).get(`${target.isKey ? 'k' : 'v'}${target.addr}`);
  const memo = memoOf(root.file);
  const path = pathOf(root, target, keys, memo);
  // Joined outside the table (see `joinShared`): a copy, so that it holds no other path alive.
  return path === undefined || memo.keepPaths ? path : ownCopy(path);
}

function pathOf(root: View, target: View, keys: boolean, memo: WalkMemo): string | undefined {
  if (root.isScalar) return !target.isKey && target.same(root) ? '' : undefined;
  const targetIsContainer = !target.isScalar;
  const at = descent(root, targetIsContainer ? target.addr : root.file.records[target.addr * RECORD + 3]!, memo);
  if (!at) return undefined;
  // A `parallel` or wrapper item has no path of its own: its one value has it.
  if (targetIsContainer) return at.skippedHere ? undefined : at.path;
  const { path, skipped, depth, node } = at;
  if (target.isKey) return keys && !skipped ? joinShared(path, keySegment(String(target.place)), memo) : undefined;
  if (depth >= MAX_WALK_DEPTH) return undefined;
  return Array.isArray(node) ? joinShared(path, String(target.place), memo) : intoMap(path, String(target.place), skipped, memo);
}

/** Where the descent from a root stands at a container: the container and its path. */
interface Descent {
  node: Container;
  path: string;
  /** A `parallel` or wrapper item passed on the way: it has no path; its one value does. */
  skipped: ItemStep | undefined;
  /** Containers passed, not counting skipped items. */
  depth: number;
  /** This container is such an item. */
  skippedHere: boolean;
}

/**
 * The descent from `root` to the container with header `header`, or null when it is not under
 * `root` (or deeper than a walk goes). Down from the root over the tree's own maps and lists: no
 * view is made on the way. Each container's is kept, per file and root: the facts of a pipeline
 * ask for the paths of hundreds of nodes in the same few stages and steps, and each descent looked
 * up the same keys and items again.
 */
function descent(root: View, header: number, memo: WalkMemo): Descent | null {
  let known = memo.descents?.get(root.addr);
  if (memo.descents && !known) memo.descents.set(root.addr, (known = []));
  const records = root.file.records;
  // Up from the container to the root or to a container whose descent is known.
  const chain = CHAIN;
  let n = 0;
  let h = header;
  let from: Descent | null | undefined;
  for (; ; h = records[h * RECORD + 3]!) {
    if (h === root.addr) {
      from = { node: root.raw as Container, path: '', skipped: undefined, depth: 0, skippedHere: false };
      break;
    }
    if (h < 0) return null;
    from = known?.[h];
    if (from !== undefined) break;
    chain[n++] = h;
  }
  for (let i = n - 1; i >= 0; i--) {
    from = from && stepInto(from, chain[i]!, memo);
    if (known) known[chain[i]!] = from;
  }
  // A file of 100,000 steps would keep as many descents beside its tree, each needed once.
  if (known && (memo.known += n) > MAX_KNOWN_DESCENTS) memo.descents = undefined;
  return from;
}
const MAX_KNOWN_DESCENTS = 4096;
/** The containers a descent passes on its way up, reused (a descent does not nest). */
const CHAIN: number[] = [];

/**
 * What the walks keep for a file (`SourceFile.walks`, so it goes with the file): the descents by
 * root and container header, and whether its paths are still worth keeping (see `joinShared`). In
 * a file whose nodes are nearly all its own (a generated pipeline of 100,000 steps) neither is:
 * kept, they only outlive the young generation to die soon after, and that file peaked 100 MB higher.
 */
interface WalkMemo {
  /** By root, then by container header (an array: headers are small integers, and a Map lookup cost more). */
  descents: Map<number, Array<Descent | null>> | undefined;
  /** Descents kept, over all roots. */
  known: number;
  keepPaths: boolean;
}
const memoOf = (file: SourceFile) => (file.walks ??= { descents: new Map(), known: 0, keepPaths: true }) as WalkMemo;

/** One step of a descent: into the container with header `header`, a child of `from`'s. */
function stepInto(from: Descent, header: number, memo: WalkMemo): Descent | null {
  const cur = from.node;
  if (Array.isArray(cur)) {
    const index = seqIndexOf(cur, header);
    if (index < 0) return null;
    const next = cur[index] as Container;
    const item = itemStep(next, index);
    if (item.kind !== 'item') return { node: next, path: from.path, skipped: item, depth: from.depth, skippedHere: true };
    const depth = from.depth + 1;
    if (depth > MAX_WALK_DEPTH) return null;
    return { node: next, path: joinShared(from.path, item.segment, memo), skipped: from.skipped, depth, skippedHere: false };
  }
  const key = keyWithHeader(cur, header);
  if (key === undefined) return null;
  const depth = from.depth + 1;
  if (depth > MAX_WALK_DEPTH) return null;
  const path = intoMap(from.path, key.key, from.skipped, memo);
  return { node: key.value as Container, path, skipped: undefined, depth, skippedHere: false };
}

/** The path one step into a map under `key`, or, right after a wrapper or `parallel` item, the item's. */
const intoMap = (path: string, key: string, skipped: ItemStep | undefined, memo: WalkMemo) =>
  skipped === undefined ? joinShared(path, key, memo) : skipped.kind === 'parallel' ? path : joinShared(path, skipped.segment, memo);

/**
 * `join`, with each path made once and kept, by its parent's path and its last segment: thousands
 * of pipelines share their paths, and joining them again for every fact, then looking each up to
 * share it, cost more than finding the descent. Past `MAX_KEPT_PATHS` the table starts again, and
 * the file that filled it keeps no more (see `WalkMemo`).
 */
function joinShared(path: string, segment: string, memo: WalkMemo): string {
  if (!memo.keepPaths) return join(path, segment);
  let children = keptPaths.get(path);
  if (!children) keptPaths.set(path, (children = new Map()));
  let full = children.get(segment);
  if (full === undefined) {
    if (++keptCount > MAX_KEPT_PATHS) {
      keptPaths.clear();
      keptCount = 0;
      memo.keepPaths = false;
      return join(path, segment);
    }
    // Copies, not slices or joins of the file's text, which they would keep alive (see `ownCopy`).
    full = ownCopy(join(path, segment));
    children.set(ownCopy(segment), full);
  }
  return full;
}
const keptPaths = new Map<string, Map<string, string>>();
let keptCount = 0;
const MAX_KEPT_PATHS = 10_000;

/** A map's key when it has exactly one (a key given twice counts twice). */
function onlyKey(map: TreeMap): string | undefined {
  const listed = map[ENTRIES];
  return listed ? (listed.length === 1 ? listed[0]!.key : undefined) : onlyKeyOf(map);
}

/** The value under `key` (the first such entry of a fallback map); undefined when there is none. */
function valueAt(map: TreeMap, key: string): unknown {
  const listed = map[ENTRIES];
  if (listed) {
    const e = listed.find((x) => x.key === key);
    return e && !e.absent ? e.value : undefined;
  }
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** A scalar field of a map as text, as `View.text` gives it. */
function textAt(map: TreeMap, key: string): string | undefined {
  const v = valueAt(map, key);
  return v === null || v === undefined || isContainer(v) ? undefined : String(v);
}

/** The key of a map whose value is the container with header `header`, and that value. */
function keyWithHeader(map: TreeMap, header: number): { key: string; value: unknown } | undefined {
  const listed = map[ENTRIES];
  if (listed) {
    // By slot: two entries of a fallback map can have the same key text (`true` and "true").
    const e = entryWithHeader(listed, header);
    return e ? { key: e.key, value: e.value } : undefined;
  }
  const key = keyOfContainer(map, header);
  return key === undefined ? undefined : { key, value: map[key] };
}

const hasHeader = (v: unknown, header: number) => isContainer(v) && v[ADDR] === header;

/**
 * Index of the item with header `header`. Items' headers grow with their index (both parsers
 * write a container's records in document order), so a long list is searched by halves; a
 * scalar item in the way falls back to a scan.
 */
function seqIndexOf(items: unknown[], header: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid];
    if (!isContainer(item)) return items.findIndex((v) => hasHeader(v, header));
    if (item[ADDR] === header) return mid;
    if (item[ADDR] < header) lo = mid + 1;
    else hi = mid - 1;
  }
  return items.findIndex((v) => hasHeader(v, header));
}

const walked = new WeakMap<TreeDoc, Map<string, Map<string, string>>>();

function walkedPaths(root: View, keys: boolean): Map<string, string> {
  let byRoot = walked.get(root.doc);
  if (!byRoot) walked.set(root.doc, (byRoot = new Map()));
  const id = `${root.addr}${keys ? 'k' : ''}`;
  let paths = byRoot.get(id);
  if (paths) return paths;
  const found = (paths = new Map<string, string>());
  walk(root, ({ view, path }) => {
    // A scalar reached through aliases keeps the path it was first reached by.
    if (found.has(`v${view.addr}`)) return;
    // Copies, each made once: the locs of a node share its path (see `semanticPath`).
    found.set(`v${view.addr}`, ownCopy(path));
    if (keys) for (const e of view.entries()) found.set(`k${e.keyView.addr}`, ownCopy(keyPath(path, e.key)));
  });
  byRoot.set(id, paths);
  return paths;
}
