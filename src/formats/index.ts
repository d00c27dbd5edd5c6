import type { LintResult } from '../engine/lint.js';
import { formatGithub } from './github.js';
import { formatJson, formatJsonPieces } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

/** A reporter turns a lint result into the text of one output format. */
export type Formatter = (result: LintResult) => string;

/** Output formats by name; the CLI's `--format` accepts exactly these keys. */
export const formatters: Record<string, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: (result) => formatSarif(result),
  github: formatGithub,
  markdown: formatMarkdown,
  junit: formatJunit,
};

/** A format's text in pieces to write as they come (JSON streams; the others are one piece). */
export const formatPieces = (format: string, result: LintResult): Iterable<string> =>
  format === 'json' ? formatJsonPieces(result) : [formatters[format]!(result)];
