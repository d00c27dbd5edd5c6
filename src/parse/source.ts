import { Composer, LineCounter, Lexer, Parser, isAlias, isScalar, visit, type Document, type ParsedNode, type YAMLError } from 'yaml';
import { fastParse } from './fast-yaml.js';
import type { TreeDoc } from './tree.js';
import { YamlTreeBuilder } from './yaml-tree.js';

/** Where an embedded YAML text (a trigger's `inputYaml` block) sits inside its parent file. */
export interface Embedding {
  parent: SourceFile;
  /** Where the scalar that holds the embedded text is written in the parent. */
  range: [number, number];
  /** Line in the parent of the embedded text's first line, minus one. */
  lineOffset: number;
  /** Indentation stripped from every embedded line. */
  columnOffset: number;
  /** For a quoted or folded scalar, whose lines do not map: every position becomes this range of the parent. */
  collapseTo?: [number, number];
}

/** Why a document, or the whole file, could not be modelled. */
export interface SourceProblem {
  kind: 'syntax' | 'too-deep' | 'aliases';
  /** The first line of the parser's message. */
  message: string;
  start: number;
  end: number;
}

export interface SourceFile {
  /** POSIX path relative to the current directory, as shown in findings. */
  path: string;
  /**
   * The file's text, with each lone CR made LF (YAML 1.2 and Harness's parser count a lone CR as
   * a line break; `yaml` does not): one character for another, so every offset is the file's.
   */
  text: string;
  /** The documents that parsed cleanly, in order. */
  docs: TreeDoc[];
  /** Node positions of every document (see tree.ts). */
  records: Int32Array;
  /**
   * Syntax errors (all of them, but those an unclosed quote run over `---` puts in the documents after
   * it), and documents left out because their aliases expand too far.
   */
  problems: SourceProblem[];
  /** Some node is reached through an alias, so the tree may hold a node twice. */
  aliased: boolean;
  /** Nesting stays well under the walk's depth cap (`MAX_WALK_DEPTH`). */
  shallow: boolean;
  /**
   * Where the first map key that is itself a map or a sequence is: `{{ x }}` in a Go or Jinja
   * template parses that way, and Harness cannot read such a key either.
   */
  complexKey?: [number, number];
  /** Holds Harness YAML (set once classified); other YAML, such as Kubernetes manifests, only gets warnings. */
  harness?: boolean;
  embedding?: Embedding;
  /** What the walks of model/walk.ts keep for this file, kept with it so it goes with it. */
  walks?: unknown;
}

/** Nesting depth (in maps and sequences) up to which a file counts as shallow; the fast parser never goes deeper. */
const SHALLOW = 200;

/** yaml's own cap on alias expansion; a document over it is an alias bomb and is not modelled. */
const MAX_ALIAS_COUNT = 100;

/**
 * Nesting of maps, sequences and flow collections past which a file is not parsed. `yaml` and the
 * walks over its nodes recurse per level, and a stack overflow would depend on the thread's stack
 * and on the JIT: a fixed cap, counted on the parser's stack before any recursion, gives the same
 * verdict everywhere. `yaml` alone takes about 1,200 levels on Node's smallest (main thread) stack;
 * real Harness files nest under 50.
 */
export const MAX_NESTING = 200;

const PARSE_OPTIONS = { prettyErrors: false, logLevel: 'error' } as const;

/**
 * Parses a file: with the fast parser when it takes the text, else with `yaml`, whose documents
 * are converted to the same tree. Both give the same values and positions.
 */
export function parseSource(path: string, fileText: string, embedding?: Embedding): SourceFile {
  const text = loneCrAsLf(fileText);
  const fast = fastParse(text);
  if (fast)
    return {
      path,
      text,
      docs: fast.docs,
      records: fast.records,
      problems: [],
      aliased: false,
      shallow: true,
      ...(embedding ? { embedding } : {}),
    };
  const problems: SourceProblem[] = [];
  const builder = new YamlTreeBuilder(text);
  const docs: TreeDoc[] = [];
  let all: Document.Parsed[] = [];
  let tooDeep: { message: string; at: number } | undefined;
  try {
    const parsed = parseCapped(text);
    all = parsed.docs;
    if (parsed.tooDeep !== undefined) tooDeep = { message: `YAML nests more than ${MAX_NESTING} levels deep`, at: parsed.tooDeep };
    // `yaml` turns a stack overflow in its composer into a document error. Not expected under the cap either.
    const overflow = all.flatMap((d) => d.errors).find((e) => /call stack/i.test(e.message));
    if (overflow) tooDeep = { message: 'YAML nests too deeply to parse', at: overflow.pos[0] };
  } catch (e) {
    // Not expected under the cap; kept so that a stack already deep in the caller is a finding, not a crash.
    if (!(e instanceof RangeError)) throw e;
    tooDeep = { message: 'YAML nests too deeply to parse', at: 0 };
  }
  if (tooDeep) problems.push({ kind: 'too-deep', message: tooDeep.message, start: tooDeep.at, end: tooDeep.at });
  else
    for (const doc of all) {
      for (const e of doc.errors) {
        const [start, end] = (isUnclosedQuote(e) && openingQuote(doc, e.pos[0])) || e.pos;
        problems.push({ kind: 'syntax', message: firstLine(e.message), start, end });
      }
      if (doc.errors.length) continue;
      try {
        builder.shortenAliases(doc);
        docs.push(builder.add(doc, doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })));
      } catch (e) {
        const [start, end] = contentsRange(doc);
        problems.push({ kind: 'aliases', message: firstLine((e as Error).message), start, end });
      }
    }
  return {
    path,
    text,
    docs,
    records: builder.records(),
    problems,
    aliased: builder.aliased,
    shallow: builder.maxDepth <= SHALLOW,
    ...(builder.complexKey ? { complexKey: builder.complexKey } : {}),
    ...(embedding ? { embedding } : {}),
  };
}

/** A text with each CR that is not followed by LF made LF; the same string when there is none. */
export function loneCrAsLf(text: string): string {
  let i = text.indexOf('\r');
  while (i >= 0 && text.charCodeAt(i + 1) === 10) i = text.indexOf('\r', i + 2);
  return i < 0 ? text : text.replace(/\r(?!\n)/g, '\n');
}

/**
 * `parseAllDocuments`, with the nesting checked as it grows (see `parseNesting`). `yaml` runs an
 * unclosed quote to the end of the file, over `---`, which YAML does not allow in a quoted scalar:
 * the documents after it are parsed again from there (the text before blanked, so offsets hold),
 * so that only the broken document is left out. A few times at most: each parse reads the rest.
 */
function parseCapped(text: string): { docs: Document.Parsed[]; tooDeep?: number } {
  const docs: Document.Parsed[] = [];
  let from = 0;
  for (let resumed = 0; ; resumed++) {
    const part = parseNesting(from ? text.slice(0, from).replace(/[^\n]/g, ' ') + text.slice(from) : text);
    if (part.tooDeep !== undefined) return part;
    // A loop, not `push(...)`: spreading 125,000 documents overflows the call stack.
    for (const doc of part.docs) docs.push(doc);
    const last = part.docs[part.docs.length - 1];
    const swallowed = last && resumed < MAX_RESUMES ? swallowedMarker(text, last) : undefined;
    if (!swallowed) return { docs };
    keepErrorsBefore(last!, swallowed.marker, swallowed.error);
    from = swallowed.next;
  }
}

const MAX_RESUMES = 10;

/**
 * The errors of a document whose unclosed quote ran over a document marker, kept out of the
 * documents after it: `yaml` puts those it found at the end of the scalar (a flow collection left
 * without its `]`) at the end of the file, in a document parsed again that may be fine. The quote's
 * own error, reported at the opening quote, says what went wrong there: the others are dropped.
 */
function keepErrorsBefore(doc: Document.Parsed, marker: number, quoteError: YAMLError): void {
  doc.errors = doc.errors.filter((e) => e === quoteError || e.pos[0] <= marker);
}

/** Parses, fed token by token: stops at the first map, sequence or flow collection deeper than `MAX_NESTING` and gives its offset. */
function parseNesting(text: string): { docs: Document.Parsed[]; tooDeep?: number } {
  const parser = new Parser();
  let tooDeep: number | undefined;
  function* tokens() {
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      // The stack holds the document, the open collections and at most a scalar or two on top.
      if (parser.stack.length > MAX_NESTING + 1 && (tooDeep = pastCap(parser.stack)) !== undefined) return;
    }
    yield* parser.end();
  }
  const docs = [...uniqueKeysComposer().compose(tokens())] as Document.Parsed[];
  return tooDeep === undefined ? { docs } : { docs: [], tooDeep };
}

/**
 * A composer that reports a map key equal to an earlier one of its map as `yaml`'s `uniqueKeys`
 * does (same error, place and order), in constant time per key: `yaml` compares each key with
 * every earlier one (minutes for a map of 100,000 keys). Its check, `items.some(pair =>
 * uniqueKeys(pair.key, key))` followed at once by the DUPLICATE_KEY error when true, is given a
 * function that answers true on its first call, whose first argument is the map's first key, and
 * notes whether the key really is a duplicate; the error is dropped when it is not. Keys are equal
 * as `yaml` has it: scalars with the same value (`===`: never NaN, never a `<<` merge key of YAML
 * 1.1, which is a symbol of its own); an alias or a collection equals no other key.
 */
function uniqueKeysComposer(): Composer {
  const seen = new WeakMap<ParsedNode, Set<unknown>>();
  let duplicate = false;
  const uniqueKeys = (first: ParsedNode, key: ParsedNode) => {
    let values = seen.get(first);
    if (!values) seen.set(first, (values = new Set([comparable(first)])));
    const value = comparable(key);
    duplicate = value !== UNEQUAL && values.has(value);
    values.add(value);
    return true;
  };
  const composer = new Composer({ ...PARSE_OPTIONS, uniqueKeys });
  // `onError` is private in yaml's types; it is read anew for every document it composes.
  const own = composer as unknown as { onError: (source: unknown, code: string, message: string, warning?: boolean) => void };
  const report = own.onError;
  own.onError = (source, code, message, warning) => {
    if (code !== 'DUPLICATE_KEY' || duplicate) report(source, code, message, warning);
  };
  return composer;
}

/**
 * Where the document marker that a document's unclosed quote runs over is (the line break before
 * it), where the next document starts after it, and the quote's error; undefined if none.
 */
function swallowedMarker(text: string, doc: Document.Parsed): { marker: number; next: number; error: YAMLError } | undefined {
  const error = doc.errors.find(isUnclosedQuote);
  const quote = error && openingQuote(doc, error.pos[0]);
  if (!error || !quote) return undefined;
  const marker = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;
  marker.lastIndex = quote[0];
  const found = marker.exec(text);
  if (!found) return undefined;
  // After `...` (document end) the next document starts on the next line; `---` starts one itself.
  const eol = text.indexOf('\n', found.index + 1);
  const next = text.startsWith('---', found.index + 1) ? found.index + 1 : eol < 0 ? text.length : eol + 1;
  return { marker: found.index, next, error };
}

const UNEQUAL = Symbol('unequal');

/** A map key's value as `yaml` compares keys (`===`), or UNEQUAL for a key equal to none (NaN, an alias, a collection). */
const comparable = (node: ParsedNode): unknown => (isScalar(node) && !Number.isNaN(node.value) ? node.value : UNEQUAL);

function pastCap(stack: ReadonlyArray<{ type: string; offset: number }>): number | undefined {
  let depth = 0;
  for (const token of stack)
    if ((token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') && ++depth > MAX_NESTING)
      return token.offset;
  return undefined;
}

/**
 * Where the quote that a "Missing closing quote" error is about opens: `yaml` reports it where the
 * scalar ends, which is the end of the file (past its last line, after any `---`).
 */
/** `yaml`'s error for a quote never closed (its code, MISSING_CHAR, also marks a comment with no space before it). */
const isUnclosedQuote = (e: YAMLError) => e.code === 'MISSING_CHAR' && e.message.startsWith('Missing closing');

function openingQuote(doc: Document.Parsed, errorAt: number): [number, number] | undefined {
  let at: [number, number] | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === errorAt) {
        at = [node.range[0], node.range[0] + 1];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return at;
}

function contentsRange(doc: Document.Parsed): [number, number] {
  const contents = doc.contents;
  // A root alias that resolves to nothing: the alias itself, not the top of the file.
  const node = isAlias(contents) ? (contents.resolve(doc) ?? contents) : contents;
  const range = node && 'range' in node ? node.range : undefined;
  return range ? [range[0], range[1]] : [doc.range[0], doc.range[0]];
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();

const lineCounters = new WeakMap<SourceFile, LineCounter>();

/** The file's line starts (after LF, CRLF or a lone CR), found when a position is first needed. */
export function linesOf(file: SourceFile): LineCounter {
  let lc = lineCounters.get(file);
  if (!lc) {
    lc = new LineCounter();
    lc.addNewLine(0);
    // Texts from `parseSource` have no lone CR left; one built elsewhere (a baseline's) may.
    const text = loneCrAsLf(file.text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    lineCounters.set(file, lc);
  }
  return lc;
}
