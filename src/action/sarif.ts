import type { LintResult } from '../engine/lint.js';
import { writeWithoutLinks } from '../engine/safe-write.js';
import { formatSarif } from '../formats/sarif.js';
import { workspaceRoot, writeFailure } from './inputs.js';
import { ruleDocsBase } from './links.js';
import type { RunState } from './state.js';

/**
 * The SARIF step, first of the reports so the file exists even if a later surface fails.
 * Returns the path written, or '' when `sarif-file` is empty; a file that cannot be written fails the step.
 */
export function writeSarif(state: RunState, result: LintResult): string {
  const file = state.settings.sarifFile;
  if (!file) return '';
  try {
    writeWithoutLinks(file, formatSarif(result, { docsBaseUrl: ruleDocsBase(state.ctx) }), workspaceRoot(state.settings.workspace));
  } catch (e) {
    throw writeFailure('sarif-file', file, e);
  }
  state.log(`SARIF written to ${file}.`);
  return file;
}
