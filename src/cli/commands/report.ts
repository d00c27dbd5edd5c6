import fs from 'node:fs';
import path from 'node:path';
import { realPathOf } from '../../engine/discover.js';
import { lint } from '../../engine/lint.js';
import { internalErrorText, terminalSafe } from '../../formats/style.js';
import { detectSource, REPORT_FORMATS, reportPieces } from '../../migration/index.js';
import { mergeReportFiles } from '../../migration/merge.js';
import { checkOutputName, harnessWarnings, readBy, SCAN_OPTIONS, SCAN_USAGE, scanSettings, writeOutput, type CliIo } from '../args.js';
import type { Command } from '../command.js';
import { ArgError, parseCommandLine } from '../parse.js';

const OPTIONS = {
  format: { type: 'string', default: 'markdown', choices: REPORT_FORMATS },
  output: { type: 'string' },
  now: { type: 'string' },
  merge: { type: 'boolean' },
  ...SCAN_OPTIONS,
} as const;

const usage = () => `Usage: harness-registry-guard report [PATH...] [options]
       harness-registry-guard report --merge FILE... [--format markdown|json] [--output FILE]

Writes the migration report for Harness YAML under each PATH (default: .): connector inventory,
stages and their image connectors, images by registry, what to change (with the fixes), checks to
make in Harness, and a Mermaid diagram. The JSON records the repository and commit scanned
(GITHUB_REPOSITORY and GITHUB_SHA, else git). --merge merges many repositories' JSON reports into
one organisation report: totals by repository and rule, every repository, pipeline and stage using
each account or org connector, and the checks in Harness once for the account.

Options:
  --format FORMAT             markdown|json (default: markdown)
  --output FILE               write the report to FILE (creating its folder) instead of standard output
  --now ISO-DATE              the date the report is for (default: now), for reproducible reports
  --merge                     the PATHs are JSON reports (report --format json) to merge
${SCAN_USAGE}
  -h, --help                  show this help

Exit codes: 0 (findings do not fail it), 2 usage or internal error.
`;

/** `report`: lint, then render the migration report; or merge reports. Exit 0, or 2 on an internal error; findings do not fail it. */
async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, 'report');
  const format = values.format as (typeof REPORT_FORMATS)[number];
  checkOutputName(values.output);
  if (values.merge) {
    for (const flag of ['now', ...Object.keys(SCAN_OPTIONS)]) {
      const value = values[flag as keyof typeof values];
      if (value !== undefined && value !== false) throw new ArgError(`--${flag} does not apply to --merge`);
    }
    const text = mergeReportFiles(positionals, io.cwd, format);
    if (values.output)
      writeOutput(io.cwd, values.output, text, (abs) => positionals.some((p) => realPathOf(path.resolve(io.cwd, p)) === realPathOf(abs)));
    else for (const piece of text) io.out(piece);
    return 0;
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new ArgError(`--now must be an ISO date such as 2025-01-31 (got "${values.now}")`);
  const settings = scanSettings(values, positionals, io);
  const result = await lint({ ...settings, images: true, ...(values.output ? { keepScanned: true } : {}) });
  // The account's image overrides live only in Harness: read them when lookups are on.
  const harnessOverrides = settings.lookups && (await settings.lookups.imageOverrides());
  for (const line of [...harnessWarnings(result), ...(harnessOverrides?.unread ?? []).map((u) => `CI image overrides not read: ${u}`)])
    io.err(`harness-registry-guard: warning: ${terminalSafe(line)}\n`);
  const text = reportPieces(result, format, {
    now,
    ...(harnessOverrides ? { harnessOverrides } : {}),
    ...(format === 'json' ? { source: detectSource(scannedRoot(settings.paths, io.cwd), io.cwd) } : {}),
  });
  if (values.output) writeOutput(io.cwd, values.output, text, readBy(result, io.cwd));
  else for (const piece of text) io.out(piece);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${internalErrorText(e)}\n`);
    return 2;
  }
  return 0;
}

/** The folder the scan starts from: the first PATH (its folder when it is a file), else the current directory. */
function scannedRoot(paths: string[], cwd: string): string {
  const first = path.resolve(cwd, paths[0] ?? '.');
  try {
    return fs.statSync(first).isDirectory() ? first : path.dirname(first);
  } catch {
    return path.dirname(first);
  }
}

export const report: Command = {
  name: 'report',
  synopsis: 'report [PATH...]',
  summary: 'write the migration report (Markdown or JSON), or merge many (--merge)',
  usage,
  run,
};
