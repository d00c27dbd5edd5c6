import { LineCounter, parseAllDocuments, isAlias, type Document } from 'yaml';
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
  text: string;
  /** The documents that parsed cleanly, in order. */
  docs: TreeDoc[];
  /** Node positions of every document (see tree.ts). */
  records: Int32Array;
  /** Syntax errors (all of them), and documents left out because their aliases expand too far. */
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
}

/** Nesting depth (in maps and sequences) up to which a file counts as shallow; the fast parser never goes deeper. */
const SHALLOW = 200;

/** yaml's own cap on alias expansion; a document over it is an alias bomb and is not modelled. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a file: with the fast parser when it takes the text, else with `yaml`, whose documents
 * are converted to the same tree. Both give the same values and positions.
 */
export function parseSource(path: string, text: string, embedding?: Embedding): SourceFile {
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
  let overflow: { message: string; pos: [number, number] } | undefined;
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
    all = Array.isArray(parsed) ? parsed : [];
    overflow = all.flatMap((d) => d.errors).find((e) => /call stack/i.test(e.message));
  } catch (e) {
    // Deep nesting closed by a dedent overflows the stack inside yaml's parser instead of becoming a document error.
    if (!(e instanceof RangeError)) throw e;
    overflow = { message: e.message, pos: [0, 0] };
  }
  if (overflow) problems.push({ kind: 'too-deep', message: firstLine(overflow.message), start: overflow.pos[0], end: overflow.pos[1] });
  else
    for (const doc of all) {
      for (const e of doc.errors) problems.push({ kind: 'syntax', message: firstLine(e.message), start: e.pos[0], end: e.pos[1] });
      if (doc.errors.length) continue;
      try {
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

function contentsRange(doc: Document.Parsed): [number, number] {
  const node = isAlias(doc.contents) ? doc.contents.resolve(doc) : doc.contents;
  const range = node && 'range' in node ? node.range : undefined;
  return range ? [range[0], range[1]] : [0, 0];
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();

const lineCounters = new WeakMap<SourceFile, LineCounter>();

/** The file's line starts, found when a position is first needed. */
export function linesOf(file: SourceFile): LineCounter {
  let lc = lineCounters.get(file);
  if (!lc) {
    lc = new LineCounter();
    lc.addNewLine(0);
    const text = file.text;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    lineCounters.set(file, lc);
  }
  return lc;
}
