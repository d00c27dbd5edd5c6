import { Alias, isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import { ADDR, ENTRIES, Info, RecordTable, STYLE_NAMES, trimEnd, type MapEntry, type TreeDoc, type TreeMap, type TreeSeq } from './tree.js';

/**
 * Converts documents parsed by `yaml` (the fallback for what the fast parser does not take) into
 * the tree the model reads. Aliases become shared values: an aliased map is the same object, an
 * aliased scalar's record points at the anchored one, so a node reached twice is the same node.
 * Maps keep their entries as the model sees them: keys that are scalars with a value, as strings.
 */
export class YamlTreeBuilder {
  private readonly table = new RecordTable();
  private readonly containers = new Map<Node, TreeMap | TreeSeq>();
  private readonly scalars = new Map<Node, number>();
  /** Some node was reached a second time (through an alias). */
  aliased = false;
  /** The deepest nesting of maps and sequences seen. */
  maxDepth = 0;
  /** Where the first map key that is a map or a sequence is, if any. */
  complexKey: [number, number] | undefined;

  constructor(private readonly text: string) {}

  /** Adds a document that parsed without errors; `json` is its `toJS()` value. */
  add(doc: Document.Parsed, json: unknown): TreeDoc {
    const contents = this.resolve(doc, doc.contents);
    const range: [number, number] = [doc.range[0], doc.range[2]];
    if (!contents) return { value: undefined, addr: -1, range, json };
    const slot = this.table.push(0, 0, Info.Nested);
    const value = this.node(doc, contents, slot, false);
    return { value, addr: isScalar(contents) ? slot : (value as TreeMap)[ADDR], range, json };
  }

  records(): Int32Array {
    return this.table.freeze();
  }

  private resolve(doc: Document.Parsed, node: unknown): Node | undefined {
    const n = isAlias(node) ? this.aliasTargets(doc).get(node) : node;
    return n && typeof n === 'object' && 'range' in n ? (n as Node) : undefined;
  }

  private targets?: { doc: Document.Parsed; of: Map<Alias, Node | undefined> };

  /**
   * Makes `doc.toJS()` linear in the aliases: yaml's `Alias.resolve` scans every anchor and alias
   * before the one it resolves (16,000 aliases took 16–18 s). Each alias is given its list to scan
   * as just the node it refers to (found here in one pass, as yaml would find it) and itself, so
   * yaml's own code still resolves it and counts it against `maxAliasCount`.
   */
  shortenAliases(doc: Document.Parsed): void {
    const resolve = Alias.prototype.resolve;
    for (const [alias, target] of this.aliasTargets(doc))
      alias.resolve = function (this: Alias, within, ctx) {
        if (!ctx) return target as ReturnType<Alias['resolve']>;
        const cache = ctx.aliasResolveCache;
        ctx.aliasResolveCache = target ? [target, this] : [this];
        try {
          const found = resolve.call(this, within, ctx);
          // yaml counts an anchored node's aliases again on every alias while its count is 0 (empty
          // collections: an alias of one costs the node's size, each time): counted once, as 1, like a scalar's.
          const data = found && ctx.anchors.get(found);
          if (data && data.aliasCount === 0) data.aliasCount = 1;
          return found;
        } finally {
          ctx.aliasResolveCache = cache;
        }
      };
  }

  /**
   * What each alias of `doc` refers to: the last node with its anchor before it, as `Alias.resolve`
   * finds it. Found in one pass: `resolve(doc)` walks the whole document for every alias.
   */
  private aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
    if (this.targets?.doc === doc) return this.targets.of;
    const of = new Map<Alias, Node | undefined>();
    const last = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) of.set(node, last.get(node.source));
        else if (node.anchor) last.set(node.anchor, node);
      },
    });
    this.targets = { doc, of };
    return of;
  }

  /** Fills record `slot` for `node` (reached directly or through an alias) and returns its value. */
  private node(doc: Document.Parsed, node: Node, slot: number, inFlow: boolean, depth = 0, owner = -1): unknown {
    const flowBit = inFlow ? Info.InFlow : 0;
    if (isScalar(node)) {
      const anchored = this.scalars.get(node);
      const [start, end] = node.range ?? [0, 0];
      if (anchored !== undefined) {
        this.table.set(slot, start, end, -anchored - 1);
        this.table.mark(anchored, Info.Aliased);
        this.aliased = true;
      } else {
        this.scalars.set(node, slot);
        const style = Math.max(0, STYLE_NAMES.indexOf((node.type ?? 'PLAIN') as (typeof STYLE_NAMES)[number]));
        this.table.set(slot, start, trimEnd(this.text, start, end), style | flowBit);
      }
      // Scalars stay primitives, so anything that is an object in the tree is a map or a sequence:
      // a tagged scalar that `yaml` makes an object (`!!binary`, `!!timestamp`) is kept as its string
      // (a date in UTC: its value is hashed for baselines, which must not depend on the machine's time zone).
      const v = node.value;
      return v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? String(v) : v;
    }
    const seen = this.containers.get(node);
    if (seen) {
      this.table.mark(seen[ADDR], Info.Aliased);
      this.aliased = true;
      return seen;
    }
    const [start, end] = node.range ?? [0, 0];
    this.table.set(slot, start, end, Info.Nested);
    if (depth > this.maxDepth) this.maxDepth = depth;
    const flow = !!(node as { flow?: boolean }).flow;
    const childFlow = inFlow || flow;
    if (isSeq(node)) {
      const seq = [] as unknown as TreeSeq;
      this.containers.set(node, seq);
      const items = node.items.map((item) => this.resolve(doc, item)).filter((n): n is Node => !!n);
      const header = this.reserve(seq, start, end, Info.Seq | (flow ? Info.Flow : 0) | flowBit, items.length, owner);
      items.forEach((item, i) => seq.push(this.node(doc, item, header + 1 + i, childFlow, depth + 1, header)));
      return seq;
    }
    const map = {} as TreeMap;
    this.containers.set(node, map);
    const pairs = isMap(node) ? node.items.filter(isPair) : [];
    const header = this.reserve(map, start, end, Info.Map | (flow ? Info.Flow : 0) | flowBit, pairs.length * 2, owner);
    const entries: MapEntry[] = [];
    pairs.forEach((pair, i) => {
      const keySlot = header + 1 + 2 * i;
      const keyNode = this.resolve(doc, pair.key);
      const key = keyNode ? this.node(doc, keyNode, keySlot, childFlow, depth + 1, header) : undefined;
      const valueNode = this.resolve(doc, pair.value);
      const value = valueNode ? this.node(doc, valueNode, keySlot + 1, childFlow, depth + 1, header) : undefined;
      // The object's own properties are what `toJS()` makes (JSON of a map hashes it for baselines):
      // a null key is "", a missing value null, the last of two equal keys wins. defineProperty: a
      // `__proto__` key is data here, not the prototype.
      const jsKey = key === null || key === undefined ? '' : typeof key !== 'object' ? String(key) : undefined;
      if (jsKey !== undefined)
        Object.defineProperty(map, jsKey, { value: valueNode ? value : null, enumerable: true, writable: true, configurable: true });
      // The entries are what the model sees: keys that are scalars with a value, as strings.
      if (keyNode && !isScalar(keyNode) && keyNode.range) this.complexKey ??= [keyNode.range[0], keyNode.range[1]];
      if (!keyNode || !isScalar(keyNode) || key === null || key === undefined) return;
      entries.push({
        key: String(key),
        value,
        slot: i,
        ...(typeof key === 'string' ? {} : { keyValue: key }),
        ...(valueNode ? {} : { absent: true }),
      });
    });
    map[ENTRIES] = entries;
    return map;
  }

  /** Writes a container's header and reserves its item records right after it. */
  private reserve(container: TreeMap | TreeSeq, start: number, end: number, info: number, items: number, owner: number): number {
    const header = this.table.push(start, trimEnd(this.text, start, end), info, owner);
    for (let i = 0; i < items; i++) this.table.push(0, 0, Info.Nested, header);
    container[ADDR] = header;
    return header;
  }
}
