import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Located } from '../finding.js';
import type { SourceFile } from '../source.js';

/**
 * A read-only view of one YAML node that remembers its file and document, so every value
 * the model hands to a rule can still be located. Aliases are followed to the anchored node.
 */
export class View {
  constructor(
    readonly file: SourceFile,
    readonly doc: Document.Parsed,
    readonly node: Node,
  ) {}

  static of(file: SourceFile, doc: Document.Parsed, node: unknown): View | undefined {
    let n = node;
    if (isAlias(n)) n = n.resolve(doc);
    if (!n || typeof n !== 'object' || !('range' in n)) return undefined;
    return new View(file, doc, n as Node);
  }

  get at(): Located {
    return { file: this.file, node: this.node };
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  get isSeq(): boolean {
    return isSeq(this.node);
  }

  get isScalar(): boolean {
    return isScalar(this.node);
  }

  /** The scalar as a string (numbers and booleans stringified); undefined for null and collections. */
  get str(): string | undefined {
    if (!isScalar(this.node)) return undefined;
    const v = this.node.value;
    return v === null || v === undefined ? undefined : String(v);
  }

  /** The scalar's raw JS value (boolean stays boolean). */
  get value(): unknown {
    return isScalar(this.node) ? this.node.value : undefined;
  }

  /** Key/value pairs of a map, keys as strings. */
  entries(): Array<{ key: string; keyView: View | undefined; value: View | undefined }> {
    if (!isMap(this.node)) return [];
    const out = [];
    for (const pair of this.node.items) {
      if (!isPair(pair)) continue;
      const keyView = View.of(this.file, this.doc, pair.key);
      const key = keyView?.str;
      if (key === undefined) continue;
      out.push({ key, keyView, value: View.of(this.file, this.doc, pair.value) });
    }
    return out;
  }

  get(key: string): View | undefined {
    return this.entries().find((e) => e.key === key)?.value;
  }

  /** The key node of `key`, for reporting a missing or empty value at its key. */
  keyOf(key: string): View | undefined {
    return this.entries().find((e) => e.key === key)?.keyView;
  }

  has(key: string): boolean {
    return this.entries().some((e) => e.key === key);
  }

  /** Follows a path of keys (strings) and sequence indexes (numbers). */
  getIn(path: ReadonlyArray<string | number>): View | undefined {
    let cur: View | undefined = this;
    for (const seg of path) {
      if (!cur) return undefined;
      cur = typeof seg === 'number' ? cur.items()[seg] : cur.get(seg);
    }
    return cur;
  }

  items(): View[] {
    if (!isSeq(this.node)) return [];
    const out: View[] = [];
    for (const item of this.node.items) {
      const v = View.of(this.file, this.doc, item);
      if (v) out.push(v);
    }
    return out;
  }

  /** A string field of a map. */
  text(key: string): string | undefined {
    return this.get(key)?.str;
  }
}
