import fs from 'node:fs';
import path from 'node:path';
import type { LintResult } from '../engine/lint.js';
import { renderReport } from '../migration/index.js';
import { InputError } from './inputs.js';
import type { RunState } from './state.js';

/**
 * The migration-report step: rendered when `report` or `report-file` asks for it, and written to
 * `report-file`; the job summary step appends it. A file that cannot be written fails the step.
 */
export function migrationReport(state: RunState, result: LintResult): string | undefined {
  const { settings } = state;
  if (!settings.report && !settings.reportFile) return undefined;
  const report = renderReport(result, 'markdown');
  if (settings.reportFile) {
    try {
      fs.mkdirSync(path.dirname(settings.reportFile), { recursive: true });
      fs.writeFileSync(settings.reportFile, report);
    } catch (e) {
      throw new InputError(
        'report-file',
        `cannot write "${settings.reportFile}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    state.notes.add(`Migration report written to \`${path.relative(settings.workspace, settings.reportFile)}\`.`);
  }
  return report;
}
