import path from 'node:path';
import type { LintResult, LintSettings } from '../engine/lint.js';
import { realPathOf } from '../engine/discover.js';
import { TOOL_NAME } from '../version.js';
import { poolScanner, workerScriptBeside } from '../engine/pool.js';
import { lookupFailureWarning } from '../model/harness-side.js';
import type { HarnessLookups } from '../harness/lookups.js';
import { UsageError } from '../engine/errors.js';
import { readRegularFile } from '../engine/file-text.js';
import { LinkRefusal, writeWithoutLinks, type WriteRoot } from '../engine/safe-write.js';
import { isValid } from '../engine/schema.js';
import { rules } from '../rules/index.js';
import noAppHarnessRegistry from '../rules/no-app-harness-registry.js';
import { harnessLookups, type HarnessValues } from './harness.js';
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
  // Digits only: `Number` would also take `1e3`, `0x10` and ` 12 `.
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new ArgError(`${flag} must be a positive whole number (got "${value}")`);
  return n;
}

/** Options every command that scans takes: which files, which config, which replacement registry. */
export const SCAN_OPTIONS = {
  config: { type: 'string' },
  'replacement-registry': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  'harness-url': { type: 'string' },
  'harness-account': { type: 'string' },
  'no-harness-api': { type: 'boolean' },
} as const satisfies OptionSpecs;

export const SCAN_USAGE = `  --config FILE               config file (default: .harness-registry-guard.yml in the first PATH or the nearest folder
                              above it up to the repository root, else in the current directory)
  --replacement-registry URL  registry that replaces app.harness.io/registry (default: https://registry.hub.docker.com)
  --include GLOB              files to read (repeatable; default: **/*.yaml, **/*.yml, **/*.json)
  --exclude GLOB              files or folders to skip (repeatable)
  --max-file-size BYTES       skip larger files with a notice (default: 10485760)
  --harness-url URL           with HARNESS_API_KEY set, connectors the repo does not hold are read from Harness (the key
                              needs core_connector_view) and judged too; this is where (default: HARNESS_URL, else
                              https://app.harness.io)
  --harness-account ID        Harness account id (default: HARNESS_ACCOUNT_ID, else the one in the API key)
  --no-harness-api            do not look connectors up in Harness, even with HARNESS_API_KEY set`;

interface ScanValues extends HarnessValues {
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
      `--replacement-registry must be an http:// or https:// registry URL without credentials, such as https://registry.hub.docker.com (got "${value.replace(/\/\/[^/]*@/, '//***@')}")`,
    );
  return value;
}

/**
 * The lint settings the scan options, the PATHs and the environment give: with `HARNESS_API_KEY`
 * set, the lookups in Harness (`harness`; their `imageOverrides` too, for the report).
 */
export function scanSettings(values: ScanValues, paths: string[], io: CliIo): LintSettings & { lookups?: HarnessLookups } {
  if (values.config === '') throw new ArgError('`--config` needs a file name');
  const lookups = harnessLookups(values, io.env, (line) => io.err(`harness-registry-guard: ${line}\n`));
  return {
    ...(lookups ? { harness: (project) => lookups.lookUp(project), lookups } : {}),
    cwd: io.cwd,
    // Large repos are scanned on worker threads (dist/worker/index.js, beside this bundle's folder).
    scanner: poolScanner(rules, { script: workerScriptBeside(import.meta.url, '../worker/index.js'), env: io.env }),
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

/** The warning about lookups in Harness that got no answer, when there is one: for outputs that do not carry it. */
export const harnessWarnings = (result: Pick<LintResult, 'harness'>): string[] => {
  const warning = result.harness && lookupFailureWarning(result.harness);
  return warning ? [warning] : [];
};

/** `--output` names a file; `-` would make one named `-`, where a user means standard output. */
export function checkOutputName(output: string | undefined): void {
  if (output === '') throw new ArgError('`--output` needs a file name');
  if (output === '-') throw new ArgError('`--output -`: the report goes to standard output when --output is left out');
}

/**
 * Writes a report, whole or in pieces, to `file` (relative to cwd), creating missing folders on the way;
 * never through a symbolic link the repository may have committed (see {@link writeWithoutLinks}).
 */
export function writeOutput(cwd: string, file: string, text: string | Iterable<string>, isInput?: (abs: string) => boolean): void {
  const abs = path.resolve(cwd, file);
  if (isInput?.(abs)) throw new UsageError(`\`--output ${file}\` is a file this run reads, so it is not replaced; choose another file`);
  writeOrExplain(file, () => writeWithoutLinks(abs, text, cwdRoot(cwd)));
}

/** What a written path is judged against: the current directory, the project a CLI run works in. */
export const cwdRoot = (cwd: string): WriteRoot => ({ dir: cwd, name: 'the current directory' });

/**
 * The files a run read that `--output` must not replace: its config, its baseline (read or
 * written), and every file it scanned, except a JSON report of ours from an earlier run (scanned
 * as JSON, since the default globs take `*.json`). Compared by real path: a link to an input is one.
 */
export function readBy(result: LintResult, cwd: string, ...baselines: Array<string | undefined>): (abs: string) => boolean {
  const own = [result.config?.absPath, ...baselines.map((b) => b && path.resolve(cwd, b))].filter((p): p is string => !!p).map(realPathOf);
  const scanned = new Set([...(result.scope.scanned ?? [])].map(realPathOf));
  return (abs) => {
    const real = realPathOf(abs);
    return own.includes(real) || (scanned.has(real) && !isOurReport(real));
  };
}

/** A JSON report this tool writes (check's JSON, SARIF, the migration report), by its shape. */
function isOurReport(file: string): boolean {
  try {
    const doc = JSON.parse(readRegularFile(file)) as Record<string, unknown>;
    const sarifTool = (doc.runs as Array<{ tool?: { driver?: { name?: unknown } } }> | undefined)?.[0]?.tool?.driver?.name;
    return (
      (Array.isArray(doc.findings) && typeof doc.summary === 'object') ||
      (doc.tool as { name?: unknown } | undefined)?.name === TOOL_NAME ||
      sarifTool === TOOL_NAME
    );
  } catch {
    return false;
  }
}

/** Runs a write to `file`; a file system refusal (a folder, no permission) is a usage error that names the file. */
export function writeOrExplain(file: string, write: () => void): void {
  try {
    write();
  } catch (e) {
    if (e instanceof LinkRefusal) throw new UsageError(`cannot write ${file}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    const why = code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new UsageError(`cannot write ${file}: ${why}`);
  }
}

/** The scan options as they were given, flag and value, for a command line that repeats them (the fix hint). */
export function scanArgs(values: ScanValues): Array<[flag: string, value?: string]> {
  const out: Array<[string, string?]> = [];
  if (values.config !== undefined) out.push(['--config', values.config]);
  if (values['replacement-registry'] !== undefined) out.push(['--replacement-registry', values['replacement-registry']]);
  for (const g of values.include ?? []) out.push(['--include', g]);
  for (const g of values.exclude ?? []) out.push(['--exclude', g]);
  if (values['max-file-size'] !== undefined) out.push(['--max-file-size', values['max-file-size']]);
  if (values['harness-url'] !== undefined) out.push(['--harness-url', values['harness-url']]);
  if (values['harness-account'] !== undefined) out.push(['--harness-account', values['harness-account']]);
  if (values['no-harness-api']) out.push(['--no-harness-api']);
  return out;
}

/** Quotes an argument for a POSIX shell when it needs it. */
export const shellQuote = (arg: string) =>
  /^[\w@%+=:,./-]+$/.test(arg)
    ? arg
    : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(arg)
      ? // Bash's $'…': a line break in a file name stays inside the one line of the hint.
        `$'${arg.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
          const n = c.charCodeAt(0);
          return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16)}`;
        })}'`
      : `'${arg.replace(/'/g, `'\\''`)}'`;
