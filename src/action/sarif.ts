import fs from 'node:fs';
import type { LintResult } from '../engine/lint.js';
import { makeParentFolders } from '../engine/folders.js';
import { formatSarif } from '../formats/sarif.js';
import { InputError } from './inputs.js';
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
    makeParentFolders(file);
    fs.writeFileSync(file, formatSarif(result, { docsBaseUrl: ruleDocsBase(state.ctx) }));
  } catch (e) {
    throw new InputError('sarif-file', `cannot write "${file}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  state.log(`SARIF written to ${file}.`);
  return file;
}
