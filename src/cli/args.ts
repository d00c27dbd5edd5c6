import { UsageError } from '../engine/errors.js';
import type { LintSettings } from '../engine/lint.js';
import { isValid } from '../engine/schema.js';
import { rules } from '../rules/index.js';
import noAppHarnessRegistry from '../rules/no-app-harness-registry.js';

export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Where a command writes: standard output and error, as given by the entry point. */
export interface CliIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number (got "${value}")`);
  return n;
}

/** Options every command that scans takes: which files, which config, which replacement registry. */
export const SCAN_OPTIONS = {
  config: { type: 'string' },
  'replacement-registry': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
} as const;

export const SCAN_USAGE = `  --config FILE               config file (default: .harness-registry-guard.yml in the first PATH, else in the current directory)
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
    throw new UsageError(
      `--replacement-registry must be an http:// or https:// registry URL, such as https://registry.hub.docker.com (got "${value}")`,
    );
  return value;
}

/** The lint settings the scan options and PATHs give. */
export function scanSettings(values: ScanValues, paths: string[], cwd: string): LintSettings {
  if (values.config === '') throw new UsageError('--config needs a file name');
  return {
    cwd,
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
