import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reaches } from '../../core/finding.js';
import { lint } from '../../core/lint.js';
import { formatters } from '../../reporters/index.js';
import { FAIL_ON, oneOf, positiveInt, type CliIo } from '../args.js';

export const checkUsage = () => `Usage: harness-registry-guard check [PATH...] [options]

Checks Harness YAML under each PATH (default: .) against Harness's image-registry policies.

Options:
  --format FORMAT           ${Object.keys(formatters).join('|')} (default: text)
  --fail-on LEVEL           error|warning|notice|never: exit 1 when a finding reaches LEVEL (default: error)
  --include GLOB            files to read (repeatable; default: **/*.yaml, **/*.yml, **/*.json)
  --exclude GLOB            files or folders to skip (repeatable)
  --max-file-size BYTES     skip larger files with a notice (default: 10485760)
  --output FILE             write the report to FILE instead of standard output
`;

/** `check`: lint, print one format, exit 0/1 by --fail-on (2 on an internal error). */
export function check(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      output: { type: 'string' },
    },
  });
  const format = oneOf('--format', values.format!, Object.keys(formatters));
  const failOn = oneOf('--fail-on', values['fail-on']!, FAIL_ON);
  const maxFileSize = values['max-file-size'] === undefined ? undefined : positiveInt('--max-file-size', values['max-file-size']);

  const result = lint({ cwd: io.cwd, paths: positionals, include: values.include, exclude: values.exclude, maxFileSize });
  const report = formatters[format]!(result);
  if (values.output) fs.writeFileSync(path.resolve(io.cwd, values.output), report);
  else io.out(report);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) io.err(`harness-registry-guard: internal error: ${e}\n`);
    return 2;
  }
  return result.findings.some((f) => reaches(f.severity, failOn)) ? 1 : 0;
}
