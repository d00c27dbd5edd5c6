import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBaseline, writeBaseline, type Baseline } from '../../engine/baseline.js';
import { UsageError } from '../../engine/errors.js';
import { failingFindings } from '../../engine/finding.js';
import { lintSync, type LintSettings } from '../../engine/lint.js';
import { formatters } from '../../formats/index.js';
import { plural } from '../../formats/totals.js';
import { FAIL_ON, oneOf, SCAN_OPTIONS, SCAN_USAGE, scanSettings, type CliIo } from '../args.js';

export const checkUsage = () => `Usage: harness-registry-guard check [PATH...] [options]

Checks Harness YAML under each PATH (default: .) against Harness's image-registry policies.

Options:
  --format FORMAT             ${Object.keys(formatters).join('|')} (default: text)
  --fail-on LEVEL             error|warning|notice|never: exit 1 when a finding that is not suppressed reaches LEVEL (default: error)
  --baseline FILE             mark the findings FILE accepts as suppressed; report its stale entries
  --write-baseline FILE       accept every current finding: write them all to FILE (replacing it), then check with it
  --output FILE               write the report to FILE instead of standard output
${SCAN_USAGE}

Flags override the same setting in the config file.
`;

/** `check`: lint, print one format, exit 0/1 by --fail-on (2 on a usage or internal error). */
export function check(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      ...SCAN_OPTIONS,
      output: { type: 'string' },
    },
  });
  const format = oneOf('--format', values.format!, Object.keys(formatters));
  const failOn = oneOf('--fail-on', values['fail-on']!, FAIL_ON);
  const writeTo = values['write-baseline'];
  if (writeTo !== undefined && values.baseline !== undefined) throw new UsageError('use either --baseline or --write-baseline, not both');
  for (const flag of ['baseline', 'write-baseline', 'output'] as const)
    if (values[flag] === '') throw new UsageError(`--${flag} needs a file name`);

  const settings: LintSettings = { ...scanSettings(values, positionals, io.cwd), baselinePath: values.baseline };
  let result = lintSync(settings);
  if (writeTo !== undefined && !result.internalErrors.length) {
    const abs = path.resolve(io.cwd, writeTo);
    const baseline = createBaseline(result.findings, {
      cwd: io.cwd,
      baselinePath: abs,
      forbid: new Set(result.config?.forbidSuppression ?? []),
      previous: previousBaseline(abs),
    });
    writeBaseline(abs, baseline);
    const accepted = baseline.entries.reduce((n, e) => n + e.count, 0);
    const n = baseline.entries.length;
    io.err(`harness-registry-guard: wrote ${plural(accepted, 'accepted finding')} (${n} ${n === 1 ? 'entry' : 'entries'}) to ${writeTo}\n`);
    result = lintSync({ ...settings, baselinePath: abs });
  }
  const report = formatters[format]!(result);
  if (values.output) fs.writeFileSync(path.resolve(io.cwd, values.output), report);
  else io.out(report);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${e}\n`);
    return 2;
  }
  return failingFindings(result.findings, failOn).length ? 1 : 0;
}

/** The baseline being replaced, to keep the reasons written into it by hand; none if unreadable. */
function previousBaseline(abs: string): Baseline | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(abs, 'utf8')) as Baseline;
    return Array.isArray(value?.entries) ? value : undefined;
  } catch {
    return undefined;
  }
}
