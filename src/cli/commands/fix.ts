import path from 'node:path';
import { unifiedDiff } from '../../formats/diff.js';
import { failingFindings } from '../../engine/finding.js';
import { applyFixes, type FixResult } from '../../engine/fix.js';
import { internalErrorText, terminalSafe } from '../../formats/style.js';
import { plural, totals } from '../../formats/totals.js';
import { lint } from '../../engine/lint.js';
import { FAIL_ON, harnessWarnings, SCAN_OPTIONS, SCAN_USAGE, scanSettings, type CliIo } from '../args.js';
import type { Command } from '../command.js';
import { ArgError, parseCommandLine } from '../parse.js';

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  format: { type: 'string', default: 'text', choices: ['text', 'json'] },
  'fail-on': { type: 'string', default: 'error', choices: FAIL_ON },
  baseline: { type: 'string' },
  ...SCAN_OPTIONS,
} as const;

const usage = () => `Usage: harness-registry-guard fix [PATH...] [options]

Applies the safe fixes to Harness YAML under each PATH (default: .), as text edits that keep
comments, quoting, indentation, CRLF and the BOM. Suggestions are listed, never applied.

Options:
  --dry-run                   print a unified diff of the fixes and write nothing
  --format FORMAT             text|json (default: text)
  --fail-on LEVEL             error|warning|notice|never: exit 1 when a finding left after fixing reaches LEVEL (default: error)
  --baseline FILE             leave the findings FILE accepts as they are, as check --baseline FILE does
${SCAN_USAGE}
  -h, --help                  show this help

Exit codes: 0 nothing left reaches --fail-on, 1 something does or a file was left unfixed, 2 usage
or internal error.
`;

/**
 * `fix`: apply safe fixes (or show them with --dry-run); exit 1 when findings remain at --fail-on or
 * a file was left unfixed. With lookups on, Harness is asked once, before fixing; every re-check
 * uses those facts. Nothing is ever written to Harness.
 */
async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, 'fix');
  const format = values.format;
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  const dryRun = values['dry-run'];

  if (values.baseline === '') throw new ArgError('`--baseline` needs a file name');
  const { harness, lookups: _lookups, ...scan } = scanSettings(values, positionals, io);
  const settings = { ...scan, ...(values.baseline !== undefined ? { baselinePath: values.baseline } : {}) };
  const harnessFacts = harness && (await lint({ ...settings, harness })).harness;
  for (const w of harnessFacts ? harnessWarnings({ harness: harnessFacts }) : [])
    io.err(`harness-registry-guard: warning: ${terminalSafe(w)}\n`);
  const fixed = applyFixes({ ...settings, dryRun, ...(harnessFacts ? { harnessFacts } : {}) });
  if (format === 'json') io.out(JSON.stringify(fixJson(fixed, dryRun), null, 2) + '\n');
  else if (dryRun) {
    const { base, names } = diffPaths(
      io.cwd,
      fixed.files.map((f) => f.file),
    );
    // With the BOM the file has (and keeps), or `git apply` finds line 1 changed.
    const bom = (f: { bom: boolean }) => (f.bom ? '\uFEFF' : '');
    fixed.files.forEach((f, i) => io.out(unifiedDiff(bom(f) + f.original, bom(f) + f.fixed, `a/${names[i]}`, `b/${names[i]}`)));
    io.err(summary(fixed, dryRun));
    if (base)
      io.err(terminalSafe(`The diff's paths are relative to ${base}: apply it there (git -C ${JSON.stringify(base)} apply).`) + '\n');
  } else io.out(summary(fixed, dryRun));

  const { result } = fixed;
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${internalErrorText(e)}\n`);
    return 2;
  }
  return fixed.skipped.length || failingFindings(result.findings, failOn).length ? 1 : 0;
}

/**
 * The paths a dry run's diff names. `git apply` takes them relative to where it runs and refuses
 * any that go up (`../`): files under the current folder keep the paths `check` shows; when one is
 * outside it, every path is made relative to the deepest folder that holds them all, which is named.
 */
export function diffPaths(cwd: string, files: readonly string[]): { base?: string; names: string[] } {
  const outside = (f: string) => path.isAbsolute(f) || f === '..' || f.startsWith('../') || f.startsWith('..' + path.sep);
  if (!files.some(outside)) return { names: [...files] };
  const abs = files.map((f) => path.resolve(cwd, f));
  let base = path.dirname(abs[0]!);
  while (!abs.every((a) => a.startsWith(base.endsWith(path.sep) ? base : base + path.sep))) base = path.dirname(base);
  return { base, names: abs.map((a) => path.relative(base, a).split(path.sep).join('/')) };
}

function summary(fixed: FixResult, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would fix' : 'fixed';
  for (const f of fixed.files) {
    lines.push(`${verb} ${f.file}`);
    for (const a of f.applied) lines.push(`  line ${a.line}: ${a.title} [${a.ruleId}]`);
  }
  for (const s of fixed.skipped) lines.push(`left unchanged ${s.file}: ${s.reason}`);
  const suggestions = fixed.result.findings.filter((f) => f.suggestion);
  if (suggestions.length) {
    lines.push('suggestions (review them; fix never applies these):');
    for (const f of suggestions) lines.push(`  ${f.file}:${f.line}:${f.column}: ${f.suggestion!.title} [${f.ruleId}]`);
  }
  const applied = fixed.files.reduce((n, f) => n + f.applied.length, 0);
  const t = totals(fixed.result.findings);
  lines.push(
    `${dryRun ? 'Would apply' : 'Applied'} ${applied} ${applied === 1 ? 'fix' : 'fixes'} in ${plural(fixed.files.length, 'file')} (${fixed.passes} ${fixed.passes === 1 ? 'pass' : 'passes'}${fixed.converged ? '' : ', not converged'}); ` +
      `left: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')}.`,
  );
  // File names and values from the scanned files, shown as check shows them: no control character
  // can start a line a CI log reads as a command, or reach the terminal as an escape sequence.
  return lines.map(terminalSafe).join('\n') + '\n';
}

/** The `--format json` shape: edits are on the original text (UTF-16 offsets, BOM excluded). */
export function fixJson(fixed: FixResult, dryRun: boolean) {
  const t = totals(fixed.result.findings);
  return {
    dryRun,
    passes: fixed.passes,
    converged: fixed.converged,
    files: fixed.files.map((f) => ({ file: f.file, bom: f.bom, edits: f.edits, fixes: f.applied })),
    skipped: fixed.skipped,
    suggestions: fixed.result.findings
      .filter((f) => f.suggestion)
      .map((f) => ({
        ruleId: f.ruleId,
        file: f.file,
        line: f.line,
        column: f.column,
        title: f.suggestion!.title,
        edits: f.suggestion!.edits,
      })),
    remaining: { errors: t.errors, warnings: t.warnings, notices: t.notices, byRule: t.byRule },
  };
}

export const fix: Command = {
  name: 'fix',
  synopsis: 'fix [PATH...]',
  summary: 'apply the safe fixes (--dry-run shows them as a diff)',
  usage,
  run,
};
