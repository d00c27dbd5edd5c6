import fs from 'node:fs';
import path from 'node:path';
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { ruleMeta } from '../rules/index.js';
import { toPosix, UsageError } from './discover.js';
import { severityRank, type Finding, type Severity } from './finding.js';
import { locate, locateRange } from '../parse/locate.js';
import { defaultCatalogue, type ImageCatalogue } from '../model/images.js';
import { View } from '../model/view.js';
import { validateSchema } from './schema.js';
import { parseSource } from '../parse/source.js';

/** The config file's name, looked up in the scanned root and then in the current directory. */
export const CONFIG_FILE = '.harness-registry-guard.yml';

export type Level = 'off' | Severity;

/** `.harness-registry-guard.yml`, as validated against schemas/config.schema.json. */
export interface Config {
  rules?: Record<string, Level>;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  replacementRegistryUrl?: string;
  harnessImages?: string[];
  assumeHarnessCloudImageConnector?: boolean;
  forbidSuppression?: string[];
}

export interface LoadedConfig extends Config {
  /** The file, POSIX and relative to the current directory, as messages show it. */
  file: string;
  absPath: string;
}

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** An invalid config file: a usage error (exit 2) that says where each problem is. */
export class ConfigError extends UsageError {
  constructor(readonly problems: ConfigProblem[]) {
    const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    super(lines.length === 1 ? `invalid config: ${lines[0]}` : `invalid config (${lines.length} problems):\n  ${lines.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Rule ids the config's `rules` may name: every id in the schema (a test keeps it equal to the registry). */
export const CONFIGURABLE_RULES: readonly string[] = Object.keys(configSchema.properties.rules.properties);

/**
 * The config to use: `configPath` when given (it must exist), otherwise `.harness-registry-guard.yml`
 * in the scanned root (the first path, or its folder when it is a file), then in `cwd`.
 */
export function findConfig(
  cwd: string,
  paths: readonly string[],
  configPath?: string,
  overlay?: ReadonlyMap<string, string>,
): string | undefined {
  if (configPath !== undefined) {
    const abs = path.resolve(cwd, configPath);
    if (!overlay?.has(abs) && !fs.existsSync(abs)) throw new UsageError(`config file not found: ${configPath}`);
    return abs;
  }
  for (const candidate of configCandidates(cwd, paths)) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Where a config file is looked for, in order: the scanned root (the first path, or its folder), then `cwd`. */
export function configCandidates(cwd: string, paths: readonly string[]): string[] {
  const dirs: string[] = [];
  const first = paths[0];
  if (first !== undefined) {
    const abs = path.resolve(cwd, first);
    let isDir = false;
    try {
      isDir = fs.statSync(abs).isDirectory();
    } catch {
      // discovery reports a missing path
    }
    dirs.push(isDir ? abs : path.dirname(abs));
  }
  dirs.push(path.resolve(cwd));
  return [...new Set(dirs.map((dir) => path.join(dir, CONFIG_FILE)))];
}

/** Reads, parses and validates a config file. Throws `ConfigError` naming the file and line of each problem. */
export function loadConfig(absPath: string, cwd: string, overlay?: string): LoadedConfig {
  const file = toPosix(path.relative(cwd, absPath)) || path.basename(absPath);
  let text: string;
  try {
    text = overlay ?? fs.readFileSync(absPath, 'utf8');
  } catch (e) {
    throw new UsageError(`config file cannot be read: ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const source = parseSource(file, text);
  const at = (start: number, end: number, message: string): ConfigProblem => {
    const pos = locateRange(source, start, end);
    return { file, line: pos.line, column: pos.column, message };
  };
  const syntax = source.problems.filter((p) => p.kind !== 'aliases').map((p) => at(p.start, p.end, p.message));
  if (syntax.length) throw new ConfigError(syntax);
  // Documents left out for their aliases still count as documents.
  const aliases = source.problems.filter((p) => p.kind === 'aliases');
  const starts = [...source.docs.map((d) => d.range[0]), ...aliases.map((p) => p.start)].sort((a, b) => a - b);
  if (starts.length > 1) throw new ConfigError([at(starts[1]!, starts[1]!, `the config holds ${starts.length} YAML documents; write one`)]);
  if (aliases.length) throw new ConfigError([at(0, 0, `cannot be read: ${aliases[0]!.message}`)]);
  const doc = source.docs[0];
  let value = doc?.json ?? {};
  if (value === null) value = {};
  const root = doc && View.root(source, doc);
  if (!root) {
    if (typeof value === 'object' && !Array.isArray(value)) return { file, absPath };
    throw new ConfigError([at(0, 0, 'must be a map of settings')]);
  }
  const problems = validateSchema('config', value, root).map((p) => {
    const pos = locate(p.at);
    return { file, line: pos.line, column: pos.column, message: explain(p.message) };
  });
  if (problems.length) throw new ConfigError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return { ...(value as Config), file, absPath };
}

/** Config lookup and load in one step; undefined when there is no config file. */
export function resolveConfig(
  cwd: string,
  paths: readonly string[],
  configPath?: string,
  overlay?: ReadonlyMap<string, string>,
): LoadedConfig | undefined {
  const abs = findConfig(cwd, paths, configPath, overlay);
  return abs === undefined ? undefined : loadConfig(abs, cwd, overlay?.get(abs));
}

const TOP_KEYS = Object.keys(configSchema.properties);

/** Turns the generic schema messages into config-specific ones. */
function explain(message: string): string {
  const unknown = /^(?:`(rules)` )?has unknown key `(.+)`\.$/.exec(message);
  if (unknown) {
    const inRules = unknown[1];
    const key = unknown[2]!;
    const known = inRules ? CONFIGURABLE_RULES : TOP_KEYS;
    const near = closest(key, known);
    const what = inRules ? `unknown rule id \`${key}\`` : `unknown key \`${key}\``;
    return `${what}${near ? `; did you mean \`${near}\`` : ''} (known: ${known.join(', ')}).`;
  }
  if (/^`forbidSuppression\[\d+\]` must be one of /.test(message))
    return message.replace(' must be one of ', ' must be a rule id: one of ');
  if (/^`harnessImages\[\d+\]` must match pattern/.test(message))
    return message.replace(
      /must match pattern .*$/,
      'must be an image name `namespace/name` in lower case, such as `harness/ci-addon`, without registry or tag.',
    );
  if (/^`replacementRegistryUrl` must match pattern/.test(message))
    return message.replace(
      /must match pattern .*$/,
      'must be an http:// or https:// registry URL, such as `https://registry.hub.docker.com`.',
    );
  return message;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The built-in image catalogue plus the config's `harnessImages`. */
export function catalogueWith(extra: readonly string[] | undefined, base: ImageCatalogue = defaultCatalogue): ImageCatalogue {
  if (!extra?.length) return base;
  const names = new Set(base.images.map((e) => e.name));
  return { ...base, images: [...base.images, ...extra.filter((n) => !names.has(n)).map((name) => ({ name }))] };
}

/**
 * Applies the config's level for the finding's rule: undefined for `off`. The level replaces the
 * rule's default severity; a finding the rule gives below its default (a notice for a value that
 * cannot be known statically) is lowered to the level but never raised.
 */
export function applyLevel(f: Finding, rules: Config['rules']): Finding | undefined {
  // A notice that a policy could not be decided goes with that policy.
  if (f.forRule && rules?.[f.forRule] === 'off') return undefined;
  const level = rules?.[f.ruleId];
  if (level === undefined) return f;
  if (level === 'off') return undefined;
  const meta = ruleMeta(f.ruleId);
  const severity = !meta || f.severity === meta.severity || severityRank[level] < severityRank[f.severity] ? level : f.severity;
  if (severity !== f.severity) f.severity = severity;
  return f;
}
