import { LineCounter, parseAllDocuments, type Document } from 'yaml';

/** Where an embedded YAML text (a trigger's `inputYaml` block) sits inside its parent file. */
export interface Embedding {
  parent: SourceFile;
  /** Line in the parent of the embedded text's first line, minus one. */
  lineOffset: number;
  /** Indentation stripped from every embedded line. */
  columnOffset: number;
  /** For a quoted or folded scalar, whose lines do not map: every position becomes this range of the parent. */
  collapseTo?: [number, number];
}

export interface SourceFile {
  /** POSIX path relative to the current directory, as shown in findings. */
  path: string;
  text: string;
  lineCounter: LineCounter;
  docs: Document.Parsed[];
  embedding?: Embedding;
}

/** yaml's own cap on alias expansion; a document over it is an alias bomb and is not modelled. */
export const MAX_ALIAS_COUNT = 100;

export function parseSource(path: string, text: string, embedding?: Embedding): SourceFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const docs = Array.isArray(parsed) ? parsed : [];
  return { path, text, lineCounter, docs, embedding };
}
