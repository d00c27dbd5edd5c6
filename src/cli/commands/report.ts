import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../engine/errors.js';
import { lintSync } from '../../engine/lint.js';
import { REPORT_FORMATS, renderReport } from '../../migration/index.js';
import { oneOf, SCAN_OPTIONS, SCAN_USAGE, scanSettings, type CliIo } from '../args.js';

export const reportUsage = () => `Usage: harness-registry-guard report [PATH...] [options]

Writes the migration report for Harness YAML under each PATH (default: .): connector inventory,
stages and their image connectors, images by registry, what to change (with the fixes), checks to
make in Harness, and a Mermaid diagram.

Options:
  --format FORMAT             markdown|json (default: markdown)
  --output FILE               write the report to FILE instead of standard output
  --now ISO-DATE              the date the report is for (default: now), for reproducible reports
${SCAN_USAGE}
`;

/** `report`: lint, then render the migration report. Exit 0, or 2 on an internal error; findings do not fail it. */
export function report(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'markdown' },
      output: { type: 'string' },
      now: { type: 'string' },
      ...SCAN_OPTIONS,
    },
  });
  const format = oneOf('--format', values.format!, REPORT_FORMATS);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date such as 2025-01-31 (got "${values.now}")`);
  const result = lintSync({ ...scanSettings(values, positionals, io.cwd), images: true });
  const text = renderReport(result, format, { now });
  if (values.output) fs.writeFileSync(path.resolve(io.cwd, values.output), text);
  else io.out(text);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${e}\n`);
    return 2;
  }
  return 0;
}
