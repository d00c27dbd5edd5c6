import { Document, isScalar } from 'yaml';
import { ADDR, INDEXED_KEYS, Info, ownCopy, RecordTable, trimEnd, type TreeDoc, type TreeMap, type TreeSeq } from './tree.js';

/**
 * A parser for the plain block YAML that nearly every Harness file is written in: block maps and
 * sequences, one-line plain and quoted scalars, literal block scalars, `{}` and `[]`, comments,
 * LF or CRLF. It gives the same values and node ranges as `yaml` would (the tests compare them on
 * the corpus, the synthetic repo and fuzzed input), about ten times faster and without building
 * a CST. Anything else (anchors, tags, flow content, multi-line plain or quoted scalars, folded
 * scalars, several documents, tabs, odd keys) makes it give up, and the caller parses the file
 * with `yaml` instead. Giving up is always safe; guessing is not.
 */
export function fastParse(text: string): { docs: TreeDoc[]; records: Int32Array } | undefined {
  if (UNSUPPORTED.test(text) || !crlfOnly(text)) return undefined;
  try {
    return new FastParser(text).parse();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** Characters whose handling in `yaml` we do not reproduce: tabs, control characters, odd line breaks, BOM. */
const UNSUPPORTED = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\u2028\u2029\ufeff]/;
const GIVE_UP = Symbol('give up');
const MAX_DEPTH = 100;
/** `yaml` rejects implicit keys longer than 1024 characters. */
const MAX_KEY = 1000;

/** Keys seen lately, by a hash of their length and end characters (see `FastParser.key`). */
const KEY_CACHE_MASK = 1023;
const keyCache: Array<string | undefined> = new Array(KEY_CACHE_MASK + 1).fill(undefined);

function crlfOnly(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return false;
  return true;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const SINGLE_QUOTE = 39;
const DASH = 45;
const COLON = 58;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const PIPE = 124;
const CLOSE_CURLY = 125;

/** The core-schema tags that can turn a plain scalar into something other than a string, in `yaml`'s order. */
const resolvers = new Document().schema.tags.flatMap((t) =>
  t.default && t.test && 'resolve' in t
    ? [{ test: t.test, resolve: t.resolve as (s: string, onError: () => void, options: object) => unknown }]
    : [],
);
/** First characters with which a plain scalar may be a null, boolean or number. */
const MAYBE_TYPED = new Set('~nNtTfF0123456789+-.'.split('').map((c) => c.charCodeAt(0)));
const NUMERIC_START = new Set('0123456789+-.'.split('').map((c) => c.charCodeAt(0)));
/** The null and boolean spellings of the core schema, resolved by its tags. */
const WORDS = new Map(['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((w) => [w, resolveByTags(w)]));
/** Characters a plain scalar or key may not start with (`-` is handled on its own). */
const INDICATORS = new Set('?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));

/** What a plain scalar means, resolved by `yaml`'s own core-schema tags. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if (!MAYBE_TYPED.has(c)) return s;
  // Words starting like null or a boolean (`name`, `type`, `false`): only those words are not strings.
  if (!NUMERIC_START.has(c)) return WORDS.has(s) ? WORDS.get(s) : s;
  return resolveByTags(s);
}

function resolveByTags(s: string): unknown {
  for (const tag of resolvers)
    if (tag.test.test(s)) {
      const r = tag.resolve(s, () => undefined, { intAsBigInt: false });
      return isScalar(r) ? r.value : r;
    }
  return s;
}

interface Item {
  /** End (trimmed) of the item's node: what a parent's range ends with when this item is its last. */
  end: number;
  /** How the item ended, which decides where comments after it attach (see `finish`). */
  kind: 'inline' | 'block' | 'empty' | 'container';
}

class FastParser {
  private readonly len: number;
  private readonly table: RecordTable;
  /** Entry records of the containers being parsed, innermost last; flushed when a container ends. */
  private scratch: number[] = [];
  /** Where the used part of `scratch` ends (the array is reused, not shrunk: shrinking it is slow). */
  private top = 0;
  /** The next line to look at. */
  private pos = 0;
  /** Comment lines since the last content line, as [indent, end] pairs; or what a nested container passed up. */
  private comments: number[] = [];
  /** The current content line, once peeked. */
  private lineStart = -1;
  private indent = 0;
  private content = 0;
  /** End of the peeked line, before its line break. */
  private lineEnd = 0;
  /** See `TreeDoc.keyed`. */
  private readonly keyed: Array<{ map: TreeMap; key: string }> = [];

  constructor(private readonly text: string) {
    this.len = text.length;
    this.table = new RecordTable(Math.ceil(text.length / 12));
  }

  parse(): { docs: TreeDoc[]; records: Int32Array } {
    if (!this.peek() || this.indent !== 0) throw GIVE_UP;
    const root: Item = { end: 0, kind: 'container' };
    const value = this.blockNode(0, root, 0);
    if (this.peek()) throw GIVE_UP;
    return { docs: [{ value, addr: value[ADDR], range: [0, this.len], json: value, keyed: this.keyed }], records: this.table.freeze() };
  }

  /** Adds an entry record to `scratch`: start, end, info, and the header of a nested container (else -1). */
  private put(start: number, end: number, info: number, nested: number): void {
    const scratch = this.scratch;
    let top = this.top;
    scratch[top++] = start;
    scratch[top++] = end;
    scratch[top++] = info;
    scratch[top++] = nested;
    this.top = top;
  }

  // ---- lines

  /** End of the line holding `i`, before its line break. */
  private eol(i: number): number {
    let n = this.text.indexOf('\n', i);
    if (n < 0) n = this.len;
    if (n > i && this.text.charCodeAt(n - 1) === CR) n--;
    return n;
  }

  /** Start of the next line, given where a line ends (`eol`): past its CRLF or LF, without searching again. */
  private after(lineEnd: number): number {
    return lineEnd >= this.len ? this.len : lineEnd + (this.text.charCodeAt(lineEnd) === CR ? 2 : 1);
  }

  /** Moves to the next content line, collecting the comment lines on the way; false at the end. */
  private peek(): boolean {
    if (this.lineStart === this.pos) return true;
    const text = this.text;
    while (this.pos < this.len) {
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i++;
      const end = this.eol(this.pos);
      if (i >= end) {
        this.pos = this.after(end);
        continue;
      }
      if (text.charCodeAt(i) === HASH) {
        this.comments.push(i - this.pos, trimEnd(text, i, end));
        this.pos = this.after(end);
        continue;
      }
      if (i === this.pos && (text.startsWith('---', i) || text.startsWith('...', i) || text.charCodeAt(i) === PERCENT)) {
        const after = text.charCodeAt(i + 3);
        if (text.charCodeAt(i) === PERCENT || i + 3 >= this.len || after === SPACE || after === LF || after === CR) throw GIVE_UP;
      }
      this.lineStart = this.pos;
      this.indent = i - this.pos;
      this.content = i;
      this.lineEnd = end;
      return true;
    }
    return false;
  }

  /** Marks the peeked line as read: the next `peek` starts after it. */
  private consume(): void {
    this.pos = this.after(this.lineEnd);
    this.lineStart = -1;
    if (this.comments.length) this.comments.length = 0;
  }

  // ---- nodes

  /** A block map or sequence whose first line is the peeked line, at its indentation. */
  private blockNode(indent: number, out: Item, depth: number): TreeMap | TreeSeq {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    if (this.isSeqItem(this.content)) return this.seq(indent, out, depth);
    if (this.keyEnd(this.content) >= 0) return this.map(indent, this.content, out, depth);
    throw GIVE_UP;
  }

  private isSeqItem(i: number): boolean {
    if (this.text.charCodeAt(i) !== DASH) return false;
    const c = this.text.charCodeAt(i + 1);
    return i + 1 >= this.len || c === SPACE || c === LF || c === CR;
  }

  /** Offset of the `:` ending a plain implicit key that starts at `i` on the peeked line, or -1. */
  private keyEnd(i: number): number {
    const text = this.text;
    const first = text.charCodeAt(i);
    if (INDICATORS.has(first) || first === DASH) return -1;
    const end = this.lineEnd;
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === COLON) {
        const n = text.charCodeAt(j + 1);
        if (j + 1 >= end || n === SPACE) return j;
      } else if (c === HASH && text.charCodeAt(j - 1) === SPACE) return -1;
    }
    return -1;
  }

  private seq(indent: number, out: Item, depth: number): TreeSeq {
    const seq = [] as unknown as TreeSeq;
    const base = this.top;
    const start = this.content;
    const last: Item = { end: 0, kind: 'empty' };
    while (this.peek() && this.indent === indent && this.isSeqItem(this.content)) {
      const dash = this.content;
      let p = dash + 1;
      while (this.text.charCodeAt(p) === SPACE) p++;
      const end = this.lineEnd;
      if (p >= end) {
        this.consume();
        seq.push(this.blockValue(p, indent, false, last, depth));
      } else if (this.isSeqItem(p) || this.text.charCodeAt(p) === HASH) {
        throw GIVE_UP;
      } else if (this.keyEnd(p) >= 0) {
        const map = this.map(p - this.lineStart, p, last, depth + 1);
        this.put(p, last.end, Info.Nested, map[ADDR]);
        seq.push(map);
      } else {
        seq.push(this.inline(p, end, last, indent));
        if (last.kind === 'inline') this.consume();
      }
    }
    if (this.peek() && this.indent > indent) throw GIVE_UP;
    return this.flush(seq, Info.Seq, start, base, indent, last, out);
  }

  private map(indent: number, first: number, out: Item, depth: number): TreeMap {
    const map = {} as TreeMap;
    const base = this.top;
    const last: Item = { end: 0, kind: 'empty' };
    let keyStart = first;
    for (;;) {
      const colon = this.keyEnd(keyStart);
      if (colon < 0 || colon - keyStart > MAX_KEY) throw GIVE_UP;
      const key = this.key(keyStart, colon);
      // A key given twice (`yaml` keeps the last, with an error). Most keys are new: one property
      // read tells, and only a name every object inherits (`toString`) needs the own-key test.
      if (map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key)) throw GIVE_UP;
      if (INDEXED_KEYS.has(key)) this.keyed.push({ map, key });
      this.put(keyStart, colon, Info.Plain, -1);
      let p = colon + 1;
      while (this.text.charCodeAt(p) === SPACE) p++;
      const end = this.lineEnd;
      if (p >= end || this.text.charCodeAt(p) === HASH) {
        const trailingComment = p < end;
        this.consume();
        map[key] = this.blockValue(p, indent, true, last, depth, trailingComment);
      } else {
        map[key] = this.inline(p, end, last, indent);
        if (last.kind === 'inline') this.consume();
      }
      if (!this.peek() || this.indent < indent) break;
      if (this.indent > indent) throw GIVE_UP;
      keyStart = this.content;
    }
    return this.flush(map, Info.Map, first, base, indent, last, out);
  }

  /**
   * The plain key between `start` and `colon`. Keys recur (`identifier`, `spec`, `stage`, ...): a
   * key seen before is matched in place against the text and its string reused, so the common
   * case makes no slice and resolves nothing.
   */
  private key(start: number, colon: number): string {
    const slot = ((colon - start) * 31 + this.text.charCodeAt(start) * 7 + this.text.charCodeAt(colon - 1)) & KEY_CACHE_MASK;
    const known = keyCache[slot];
    if (known !== undefined && known.length === colon - start && this.text.startsWith(known, start)) return known;
    const keyText = this.text.slice(start, colon);
    if (endsInWhitespace(keyText) || keyText === '__proto__' || keyText === '<<') throw GIVE_UP;
    const key = resolvePlain(keyText);
    if (typeof key !== 'string') throw GIVE_UP;
    // Kept for later files: a copy, not a slice that would keep this file's text alive.
    return (keyCache[slot] = ownCopy(key));
  }

  /**
   * The value of a key or `-` with nothing after it on its line: a block node on the next lines,
   * an indentless sequence (for keys), or an empty (null) scalar at `at`.
   */
  private blockValue(at: number, indent: number, forKey: boolean, last: Item, depth: number, trailingComment = false): unknown {
    const nested = this.peek() && (this.indent > indent || (forKey && this.indent === indent && this.isSeqItem(this.content)));
    if (nested) {
      const value = this.blockNode(this.indent, last, depth + 1);
      this.put(at, last.end, Info.Nested, value[ADDR]);
      return value;
    }
    // An empty value with comments after it: `yaml` stretches the empty node over them. Rare; not reproduced.
    if (trailingComment || this.comments.length) throw GIVE_UP;
    this.put(at, at, Info.Plain, -1);
    last.end = at;
    last.kind = 'empty';
    return null;
  }

  /** A value that starts on its key's or dash's line at `p` (before `end`, the line's end). */
  private inline(p: number, end: number, last: Item, indent: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(p);
    let value: unknown;
    let valueEnd: number;
    let info: number = Info.Plain;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const double = c === DOUBLE_QUOTE;
      const close = double ? text.indexOf('"', p + 1) : closingSingleQuote(text, p + 1, end);
      if (close < 0 || close >= end) throw GIVE_UP;
      const raw = text.slice(p + 1, close);
      if (double && raw.includes('\\')) throw GIVE_UP;
      value = double ? raw : raw.replace(/''/g, "'");
      valueEnd = close + 1;
      info = double ? Info.QuoteDouble : Info.QuoteSingle;
    } else if (c === OPEN_CURLY || c === OPEN_SQUARE) {
      const isMap = c === OPEN_CURLY;
      if (text.charCodeAt(p + 1) !== (isMap ? CLOSE_CURLY : CLOSE_SQUARE)) throw GIVE_UP;
      valueEnd = p + 2;
      const empty = (isMap ? {} : []) as TreeMap;
      empty[ADDR] = this.table.push(p, valueEnd, (isMap ? Info.Map : Info.Seq) | Info.Flow);
      this.put(p, valueEnd, Info.Nested, empty[ADDR]);
      this.restOfLine(valueEnd, end);
      last.end = trimEnd(text, p, end);
      last.kind = 'inline';
      return empty;
    } else if (c === PIPE) {
      return this.literal(p, end, last, indent);
    } else {
      if (INDICATORS.has(c) || (c === DASH && (p + 1 >= end || text.charCodeAt(p + 1) === SPACE))) throw GIVE_UP;
      let stop = end;
      for (let j = p + 1; j < end; j++)
        if (text.charCodeAt(j) === HASH && text.charCodeAt(j - 1) === SPACE) {
          stop = j;
          break;
        }
      valueEnd = stop;
      while (valueEnd > p && text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      const raw = text.slice(p, valueEnd);
      // `yaml` trims only spaces: a value ending in another blank (U+00A0) keeps it, while positions
      // drop it. Rare; not reproduced.
      if (endsInWhitespace(raw)) throw GIVE_UP;
      // `a: b: c` is an error in `yaml`; `b:` at the end is a nested key.
      if (raw.includes(': ') || raw.charCodeAt(raw.length - 1) === COLON) throw GIVE_UP;
      value = resolvePlain(raw);
      this.put(p, valueEnd, info, -1);
      last.end = trimEnd(text, p, end);
      last.kind = 'inline';
      return value;
    }
    this.restOfLine(valueEnd, end);
    this.put(p, valueEnd, info, -1);
    last.end = trimEnd(text, p, end);
    last.kind = 'inline';
    return value;
  }

  /** After a quoted scalar or `{}`: only spaces and a comment may follow on the line. */
  private restOfLine(i: number, end: number): void {
    const text = this.text;
    let j = i;
    while (j < end && text.charCodeAt(j) === SPACE) j++;
    if (j < end && !(text.charCodeAt(j) === HASH && j > i)) throw GIVE_UP;
  }

  /** A literal block scalar (`|` or `|-`) whose header is at `p`, in a container at `indent`; consumes its lines. */
  private literal(p: number, end: number, last: Item, indent: number): string {
    const text = this.text;
    let q = p + 1;
    const strip = text.charCodeAt(q) === DASH;
    if (strip) q++;
    this.restOfLine(q, end);
    this.consume();
    // Content lines: the first non-blank one sets the indentation.
    const lines: string[] = [];
    let contentIndent = -1;
    let lastContentEnd = -1;
    let leadingBlank = 0;
    let i = this.pos;
    while (i < this.len) {
      let s = i;
      while (text.charCodeAt(s) === SPACE) s++;
      const lineEnd = this.eol(i);
      const spaces = s - i;
      if (s >= lineEnd) {
        // A blank line with more spaces than the content's indentation holds text (or is an error).
        if (contentIndent >= 0 && spaces > contentIndent) throw GIVE_UP;
        if (contentIndent < 0) leadingBlank = Math.max(leadingBlank, spaces);
        lines.push('');
        i = this.after(lineEnd);
        continue;
      }
      if (contentIndent < 0) {
        if (spaces <= indent || leadingBlank > spaces) throw GIVE_UP;
        contentIndent = spaces;
      }
      if (spaces < contentIndent) break;
      lines.push(text.slice(i + contentIndent, lineEnd));
      lastContentEnd = lineEnd;
      i = this.after(lineEnd);
    }
    if (lastContentEnd < 0) throw GIVE_UP;
    while (lines[lines.length - 1] === '') lines.pop();
    this.pos = this.after(lastContentEnd);
    this.lineStart = -1;
    if (this.comments.length) this.comments.length = 0;
    const valueEnd = trimEnd(text, p, lastContentEnd);
    this.put(p, valueEnd, Info.BlockLiteral, -1);
    last.end = valueEnd;
    last.kind = 'block';
    return lines.join('\n') + (strip ? '' : '\n');
  }

  /**
   * Ends a container: writes its header and entry records, and settles the comment lines after
   * its last item the way `yaml` does. Comments indented deeper than the container right after
   * an inline scalar belong to that scalar; the rest stay with the container if it is indented
   * and one of them is at least as deep as it, else they pass to the parent.
   */
  private flush<T extends TreeMap | TreeSeq>(node: T, kind: number, start: number, base: number, indent: number, last: Item, out: Item): T {
    const comments = this.comments;
    let end = last.end;
    let i = 0;
    if (last.kind === 'inline') for (; i < comments.length && comments[i]! > indent; i += 2) end = comments[i + 1]!;
    else if (last.kind !== 'container' && comments.length && comments[0]! > indent) throw GIVE_UP;
    let outer = end;
    let stays = false;
    if (indent > 0) for (let j = i; j < comments.length; j += 2) if (comments[j]! >= indent) stays = true;
    if (stays) {
      outer = comments[comments.length - 1]!;
      comments.length = 0;
    } else if (i) comments.splice(0, i);
    const header = this.table.push(start, trimEnd(this.text, start, end), kind);
    node[ADDR] = header;
    const scratch = this.scratch;
    // Scratch entries: start, end, info, and the header of a nested container (else -1).
    for (let j = base; j < this.top; j += 4) {
      this.table.push(scratch[j]!, scratch[j + 1]!, scratch[j + 2]!, header);
      if (scratch[j + 3]! >= 0) this.table.setOwner(scratch[j + 3]!, header);
    }
    this.top = base;
    out.end = outer;
    out.kind = 'container';
    return node;
  }
}

/** Ends in a space or in any other character `/\s/` matches (where `yaml` and our positions differ). */
function endsInWhitespace(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return c === SPACE || ((c < 33 || c > 127) && /\s$/.test(s));
}

function closingSingleQuote(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++)
    if (text.charCodeAt(i) === SINGLE_QUOTE) {
      if (text.charCodeAt(i + 1) === SINGLE_QUOTE) i++;
      else return i;
    }
  return -1;
}
