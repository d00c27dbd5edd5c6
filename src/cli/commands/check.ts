import fs from 'node:fs';
import path from 'node:path';
import { createBaseline, readBaseline, writeBaseline, type Baseline } from '../../engine/baseline.js';
import { failingFindings, type Finding } from '../../engine/finding.js';
import { lint, type LintResult, type LintSettings } from '../../engine/lint.js';
import { formatPieces, formatters } from '../../formats/index.js';
import { internalErrorText, terminalSafe } from '../../formats/style.js';
import { formatText } from '../../formats/text.js';
import { plural } from '../../formats/totals.js';
import {
  checkOutputName,
  cwdRoot,
  FAIL_ON,
  harnessWarnings,
  SCAN_OPTIONS,
  SCAN_USAGE,
  scanArgs,
  scanSettings,
  shellQuote,
  writeOrExplain,
  writeOutput,
  readBy,
  type CliIo,
} from '../args.js';
import { changedSelection } from '../changed.js';
import type { Command } from '../command.js';
import { ArgError, parseCommandLine, type Values } from '../parse.js';
import { terminalForm } from '../terminal.js';

const OPTIONS = {
  format: { type: 'string', default: 'text', choices: Object.keys(formatters) },
  'fail-on': { type: 'string', default: 'error', choices: FAIL_ON },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  output: { type: 'string' },
  changed: { type: 'string', greedy: true },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  ...SCAN_OPTIONS,
} as const;

const usage = () => `Usage: harness-registry-guard check [PATH...] [options]

Checks Harness YAML under each PATH (default: .) against Harness's image-registry policies.

Options:
  --format FORMAT             ${Object.keys(formatters).join('|')} (default: text)
  --fail-on LEVEL             error|warning|notice|never: exit 1 when a finding that is not suppressed reaches LEVEL (default: error)
  --changed FILE...           report only the findings about these files and what they affect; the PATHs are still
                              checked in full. Every argument after --changed that is not an option is a FILE
  -q, --quiet                 report errors only (the text count line and the exit code still cover every finding)
  --baseline FILE             mark the findings FILE accepts as suppressed; report its stale entries
  --write-baseline FILE       accept every current finding: write them all to FILE (replacing a baseline, never another file), then check with it
  --output FILE               write the report to FILE (creating its folder) instead of standard output
  --color, --no-color         text: force or refuse code frames and colour (default: on a terminal, unless NO_COLOR is set)
${SCAN_USAGE}
  -h, --help                  show this help

Flags override the same setting in the config file. Exit codes: 0 nothing reported reaches
--fail-on, 1 something does, 2 usage or internal error.
`;

/** `check`: lint, print one format, exit 0/1 by --fail-on (2 on a usage or internal error). */
async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, 'check');
  const format = values.format;
  const writeTo = values['write-baseline'];
  if (writeTo !== undefined && values.baseline !== undefined) throw new ArgError('use either --baseline or --write-baseline, not both');
  for (const flag of ['baseline', 'write-baseline'] as const)
    if (values[flag] === '') throw new ArgError(`\`--${flag}\` needs a file name`);
  checkOutputName(values.output);
  if (values.color && values['no-color']) throw new ArgError('use either --color or --no-color, not both');

  const previous = writeTo === undefined ? undefined : replaceableBaseline(path.resolve(io.cwd, writeTo), writeTo, io.cwd);

  const settings: LintSettings = {
    ...scanSettings(values, positionals, io),
    baselinePath: values.baseline,
    ...(writeTo !== undefined || values.output ? { keepScanned: true } : {}),
  };
  let result = await lint(settings);
  if (writeTo !== undefined && !result.internalErrors.length) {
    const abs = path.resolve(io.cwd, writeTo);
    const baseline = createBaseline(result.findings, {
      cwd: io.cwd,
      baselinePath: abs,
      forbid: new Set(result.config?.forbidSuppression ?? []),
      previous,
      ...(result.scope.scanned ? { scanned: result.scope.scanned } : {}),
      ...(result.scope.partial ? { unjudged: result.scope.crossFileRules } : {}),
    });
    writeOrExplain(writeTo, () => writeBaseline(abs, baseline, cwdRoot(io.cwd)));
    const accepted = baseline.entries.reduce((n, e) => n + e.count, 0);
    const n = baseline.entries.length;
    io.err(`harness-registry-guard: wrote ${plural(accepted, 'accepted finding')} (${n} ${n === 1 ? 'entry' : 'entries'}) to ${writeTo}\n`);
    result = await lint({ ...settings, baselinePath: abs });
  }

  const notes: string[] = [];
  const all = result.findings;
  if (values.changed !== undefined) {
    const reported = all.filter(changedSelection(result, values.changed, io.cwd));
    const others = all.filter((f) => !f.suppressed).length - reported.filter((f) => !f.suppressed).length;
    notes.push(
      values.changed.length
        ? `--changed: reported the findings about ${plural(values.changed.length, 'given file')}; ${plural(others, 'other finding')} in the scan ${others === 1 ? 'is' : 'are'} not shown.`
        : '--changed: no file was given, so no finding is reported.',
    );
    result = { ...result, findings: reported };
  }
  // Text lists it with the counts; JSON, SARIF, Markdown and GitHub carry it too; stderr makes sure a person sees it.
  if (format !== 'text') for (const w of harnessWarnings(result)) io.err(`harness-registry-guard: warning: ${terminalSafe(w)}\n`);
  const report = render(format, result, values, positionals, notes, io, values.changed !== undefined ? all : undefined);
  if (values.output) writeOutput(io.cwd, values.output, report, readBy(result, io.cwd, settings.baselinePath, writeTo));
  else for (const piece of report) io.out(piece);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${internalErrorText(e)}\n`);
    return 2;
  }
  return failingFindings(result.findings, values['fail-on'] as (typeof FAIL_ON)[number]).length ? 1 : 0;
}

function render(
  format: string,
  result: LintResult,
  values: Values<typeof OPTIONS>,
  positionals: string[],
  notes: string[],
  io: CliIo,
  /** Every finding of the scan, when fewer are shown (`--changed`): `fix` applies all their fixes. */
  scanned?: readonly Finding[],
): Iterable<string> {
  if (format !== 'text') {
    const shown = values.quiet ? { ...result, findings: result.findings.filter((f) => !f.suppressed && f.severity === 'error') } : result;
    return formatPieces(format, shown);
  }
  const terminal = terminalForm(
    { color: values.color, noColor: values['no-color'], toFile: values.output !== undefined },
    io.env,
    io.stdoutIsTTY,
  );
  const fixCommand = fixCommandLine(values, positionals);
  return [
    formatText(result, {
      ...(terminal ? { terminal: { cwd: io.cwd, color: true } } : {}),
      quiet: values.quiet,
      docsLinks: true,
      fixCommand,
      ...(scanned ? { fixFindings: scanned } : {}),
      notes,
    }),
  ];
}

/**
 * The `fix` command line that applies the fixes this check counted: the same scan settings and
 * baseline (findings it accepts are left alone), and `--` before PATHs that look like options.
 */
function fixCommandLine(values: Values<typeof OPTIONS>, positionals: string[]): string {
  const baseline = values.baseline ?? values['write-baseline'];
  const pairs: Array<[string, string?]> = [
    ...scanArgs(values),
    ...(baseline !== undefined ? [['--baseline', baseline] as [string, string]] : []),
  ];
  // A value that starts with `-` would be read as an option: it goes after `=`.
  const options = pairs.flatMap(([flag, value]) =>
    value === undefined ? [flag] : value.startsWith('-') ? [`${flag}=${value}`] : [flag, value],
  );
  const args = positionals.some((p) => p.startsWith('-')) ? [...options, '--', ...positionals] : [...positionals, ...options];
  return ['harness-registry-guard', 'fix', ...args].map(shellQuote).join(' ');
}

/**
 * The baseline `--write-baseline` is about to replace (its hand-written reasons are kept), or
 * undefined when there is none yet. It replaces a baseline, a damaged one (a merge conflict, say)
 * or an empty file, never another file: a slip such as `--write-baseline
 * .harness/pipelines/build.yaml` would otherwise overwrite a pipeline.
 */
function replaceableBaseline(abs: string, shown: string, cwd: string): Baseline | undefined {
  let text: string;
  try {
    if (!fs.statSync(abs).isFile()) return undefined; // a folder: writing it says so
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined; // not there yet (or unreadable: writing it will say so)
  }
  try {
    return readBaseline(abs, cwd, text).baseline;
  } catch {
    if (!text.trim() || (text.includes('entries') && text.includes('valueHash') && !parsesAsJson(text))) return undefined;
    throw new ArgError(
      `\`--write-baseline ${shown}\`: the file exists and is not a baseline, so it is not replaced; remove it or choose another file`,
    );
  }
}

/** A damaged baseline does not parse; JSON that does and is not a baseline is some other file. */
function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const check: Command = {
  name: 'check',
  synopsis: 'check [PATH...]',
  summary: 'check Harness YAML; exit 1 when a finding reaches --fail-on',
  usage,
  run,
};
