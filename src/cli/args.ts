import fs from 'node:fs';
import path from 'node:path';
import type { LintSettings } from '../engine/lint.js';
import { poolScanner, workerScriptBeside } from '../engine/pool.js';
import { isValid } from '../engine/schema.js';
import { rules } from '../rules/index.js';
import noAppHarnessRegistry from '../rules/no-app-harness-registry.js';
import { ArgError, type OptionSpecs } from './parse.js';

export { FAIL_ON } from '../engine/finding.js';

/** What the entry point gives a command: where to write, and what it knows about the terminal. */
export interface CliIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
  /** Environment variables the CLI reads (`NO_COLOR`, `FORCE_COLOR`, `TERM`); none when not given. */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal. */
  stdoutIsTTY: boolean;
}

export function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ArgError(`${flag} must be a positive whole number (got "${value}")`);
  return n;
}

/** Options every command that scans takes: which files, which config, which replacement registry. */
export const SCAN_OPTIONS = {
  config: { type: 'string' },
  'replacement-registry': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
} as const satisfies OptionSpecs;

export const SCAN_USAGE = `  --config FILE               config file (default: .harness-registry-guard.yml in the first PATH or the nearest folder
                              above it up to the repository root, else in the current directory)
  --replacement-registry URL  registry that replaces app.harness.io/registry (default: https://registry.hub.docker.com)
  --include GLOB              files to read (repeatable; default: **/*.yaml, **/*.yml, **/*.json)
  --exclude GLOB              files or folders to skip (repeatable)
  --max-file-size BYTES       skip larger files with a notice (default: 10485760)`;

interface ScanValues {
  config?: string;
  'replacement-registry'?: string;
  include?: string[];
  exclude?: string[];
  'max-file-size'?: string;
}

/** `--replacement-registry`, checked against the same schema as the config key it stands for. */
function replacementRegistry(value: string): string {
  const option = noAppHarnessRegistry.options!.replacementRegistryUrl!;
  if (!isValid(option.schema, value))
    throw new ArgError(
      `--replacement-registry must be an http:// or https:// registry URL, such as https://registry.hub.docker.com (got "${value}")`,
    );
  return value;
}

/** The lint settings the scan options and PATHs give. */
export function scanSettings(values: ScanValues, paths: string[], cwd: string, env: NodeJS.ProcessEnv = {}): LintSettings {
  if (values.config === '') throw new ArgError('`--config` needs a file name');
  return {
    cwd,
    // Large repos are scanned on worker threads (dist/worker/index.js, beside this bundle's folder).
    scanner: poolScanner(rules, { script: workerScriptBeside(import.meta.url, '../worker/index.js'), env }),
    paths,
    include: values.include,
    exclude: values.exclude,
    maxFileSize: values['max-file-size'] === undefined ? undefined : positiveInt('--max-file-size', values['max-file-size']),
    rules,
    ...(values['replacement-registry'] === undefined
      ? {}
      : { ruleOptions: { [noAppHarnessRegistry.id]: { replacementRegistryUrl: replacementRegistry(values['replacement-registry']) } } }),
    configPath: values.config,
  };
}

/** Writes a report to `file` (relative to cwd), creating missing folders on the way. */
export function writeOutput(cwd: string, file: string, text: string): void {
  const abs = path.resolve(cwd, file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

/** The scan options as they were given, for a command line that repeats them (the fix hint). */
export function scanArgs(values: ScanValues): string[] {
  const out: string[] = [];
  if (values.config !== undefined) out.push('--config', values.config);
  if (values['replacement-registry'] !== undefined) out.push('--replacement-registry', values['replacement-registry']);
  for (const g of values.include ?? []) out.push('--include', g);
  for (const g of values.exclude ?? []) out.push('--exclude', g);
  if (values['max-file-size'] !== undefined) out.push('--max-file-size', values['max-file-size']);
  return out;
}

/** Quotes an argument for a POSIX shell when it needs it. */
export const shellQuote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
