import path from 'node:path';
import type { LintResult } from '../engine/lint.js';
import { writeWithoutLinks } from '../engine/safe-write.js';
import { buildReport } from '../migration/index.js';
import { renderMarkdown } from '../migration/markdown.js';
import { workspaceRoot, writeFailure } from './inputs.js';
import type { RunState } from './state.js';

/**
 * The migration-report step: rendered when `report` or `report-file` asks for it, and written to
 * `report-file`; the job summary step appends it. A file that cannot be written fails the step.
 */
export async function migrationReport(state: RunState, result: LintResult): Promise<MigrationMarkdown | undefined> {
  const { settings } = state;
  if (!settings.report && !settings.reportFile) return undefined;
  // The account's image overrides live only in Harness: read them when lookups are on.
  const harnessOverrides = state.harness && (await state.harness.imageOverrides());
  for (const u of harnessOverrides?.unread ?? []) state.notes.add(`CI image overrides not read: ${u}`);
  const data = buildReport(result, harnessOverrides ? { harnessOverrides } : {});
  const report = renderMarkdown(data);
  if (settings.reportFile) {
    try {
      writeWithoutLinks(settings.reportFile, report, workspaceRoot(settings.workspace));
    } catch (e) {
      throw writeFailure('report-file', settings.reportFile, e);
    }
    state.notes.add(`Migration report written to \`${path.relative(settings.workspace, settings.reportFile)}\`.`);
  }
  return { text: report, within: (maxBytes) => renderMarkdown(data, maxBytes) };
}

/** The report's Markdown, and the same report cut to fit the room a job summary has left. */
export interface MigrationMarkdown {
  text: string;
  within(maxBytes: number): string;
}
