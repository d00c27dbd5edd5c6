import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../core/discover.js';
import { reaches, type Severity } from '../core/finding.js';
import { lint } from '../core/lint.js';
import { formatters } from '../reporters/index.js';
import { VERSION } from '../version.js';

export const USAGE = `Usage: harness-registry-guard check [PATH...] [options]

Checks Harness YAML under each PATH (default: .) against Harness's image-registry policies.

Options:
  --format FORMAT           ${Object.keys(formatters).join('|')} (default: text)
  --fail-on LEVEL           error|warning|notice|never: exit 1 when a finding reaches LEVEL (default: error)
  --include GLOB            files to read (repeatable; default: **/*.yaml, **/*.yml, **/*.json)
  --exclude GLOB            files or folders to skip (repeatable)
  --max-file-size BYTES     skip larger files with a notice (default: 10485760)
  --output FILE             write the report to FILE instead of standard output
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or internal error.
`;

const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

/** Runs the CLI and returns the exit code. Output goes through the given writers, never console. */
export function runCli(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  try {
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
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.help) return out(USAGE), 0;
    if (values.version) return out(`${VERSION}\n`), 0;
    const [command, ...paths] = positionals;
    if (command !== 'check') throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
    const format = oneOf('--format', values.format!, Object.keys(formatters));
    const failOn = oneOf('--fail-on', values['fail-on']!, FAIL_ON);
    const maxFileSize = values['max-file-size'] === undefined ? undefined : positiveInt('--max-file-size', values['max-file-size']);

    const result = lint({ cwd, paths, include: values.include, exclude: values.exclude, maxFileSize });
    const report = formatters[format]!(result);
    if (values.output) fs.writeFileSync(path.resolve(cwd, values.output), report);
    else out(report);
    if (result.internalErrors.length) {
      for (const e of result.internalErrors) err(`harness-registry-guard: internal error: ${e}\n`);
      return 2;
    }
    return result.findings.some((f) => reaches(f.severity, failOn as Severity | 'never')) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`harness-registry-guard: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    err(`harness-registry-guard: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number of bytes (got "${value}")`);
  return n;
}
