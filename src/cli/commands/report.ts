import { lint } from '../../engine/lint.js';
import { REPORT_FORMATS, renderReport } from '../../migration/index.js';
import { SCAN_OPTIONS, SCAN_USAGE, scanSettings, writeOutput, type CliIo } from '../args.js';
import type { Command } from '../command.js';
import { ArgError, parseCommandLine } from '../parse.js';

const OPTIONS = {
  format: { type: 'string', default: 'markdown', choices: REPORT_FORMATS },
  output: { type: 'string' },
  now: { type: 'string' },
  ...SCAN_OPTIONS,
} as const;

const usage = () => `Usage: harness-registry-guard report [PATH...] [options]

Writes the migration report for Harness YAML under each PATH (default: .): connector inventory,
stages and their image connectors, images by registry, what to change (with the fixes), checks to
make in Harness, and a Mermaid diagram.

Options:
  --format FORMAT             markdown|json (default: markdown)
  --output FILE               write the report to FILE (creating its folder) instead of standard output
  --now ISO-DATE              the date the report is for (default: now), for reproducible reports
${SCAN_USAGE}
  -h, --help                  show this help

Exit codes: 0 (findings do not fail it), 2 usage or internal error.
`;

/** `report`: lint, then render the migration report. Exit 0, or 2 on an internal error; findings do not fail it. */
function run(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, 'report');
  const format = values.format as (typeof REPORT_FORMATS)[number];
  if (values.output === '') throw new ArgError('`--output` needs a file name');
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new ArgError(`--now must be an ISO date such as 2025-01-31 (got "${values.now}")`);
  const result = lint(scanSettings(values, positionals, io.cwd));
  const text = renderReport(result, format, { now });
  if (values.output) writeOutput(io.cwd, values.output, text);
  else io.out(text);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${e}\n`);
    return 2;
  }
  return 0;
}

export const report: Command = {
  name: 'report',
  synopsis: 'report [PATH...]',
  summary: 'write the migration report (Markdown or JSON)',
  usage,
  run,
};
