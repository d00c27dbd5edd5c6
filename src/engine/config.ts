import fs from 'node:fs';
import path from 'node:path';
import { leavesItsRoot, linksIntoSkipped, toPosix } from './discover.js';
import { ArgError, UsageError } from './errors.js';
import { isSymlink, LEADS_NOWHERE, readRegularFile } from './file-text.js';
import { locate, severityRank, type Finding, type Severity } from './finding.js';
import { locateRange } from '../parse/locate.js';
import { View } from '../model/view.js';
import { optionDefaults, type OptionValues, type RuleMeta } from './rule.js';
import { validateAgainst } from './schema.js';
import { parseSource } from '../parse/source.js';

/** The config file's names: `.yml` first; a folder holding both is a usage error. */
export const CONFIG_FILES = ['.harness-registry-guard.yml', '.harness-registry-guard.yaml'] as const;
export const CONFIG_FILE = CONFIG_FILES[0];

export type Level = 'off' | Severity;
export const LEVELS: readonly Level[] = ['off', 'notice', 'warning', 'error'];

/** A rule's entry under `rules`: a level, or the level and the rule's options. */
export type RuleSetting = Level | ({ level?: Level } & OptionValues);

/** `.harness-registry-guard.yml`, as validated against the schema `configSchema` builds from the rules. */
export interface Config {
  rules?: Record<string, RuleSetting>;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  forbidSuppression?: string[];
  /** Rule options also accepted at the top (`replacementRegistryUrl`, ...): see each rule's `options`. */
  [topLevelOption: string]: unknown;
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

const SETTINGS = {
  include: {
    description:
      "Globs of files to read, relative to the config file's folder (default: **/*.yaml, **/*.yml, **/*.json). --include replaces them.",
    type: 'array',
    items: { type: 'string', minLength: 1 },
  },
  exclude: {
    description: "Globs of files or folders to skip, relative to the config file's folder. --exclude replaces them.",
    type: 'array',
    items: { type: 'string', minLength: 1 },
  },
  maxFileSize: {
    description: 'Files larger than this many bytes are skipped with a notice (default: 10485760).',
    type: 'integer',
    minimum: 1,
  },
};

/**
 * The config file's JSON Schema, built from the rules: `rules` names exactly their ids, each one a
 * level or an object with the level and the rule's options, and options marked `topLevel` may also
 * be given at the top. `npm run docs` writes it to schemas/config.schema.json for editors.
 */
export function configSchema(rules: readonly RuleMeta[]): object {
  const ids = rules.map((r) => r.id);
  // One object per set of rules: the validator compiled for it is reused.
  const key = ids.join('\0');
  const cached = schemas.get(key);
  if (cached) return cached;
  const schema = buildSchema(rules, ids);
  schemas.set(key, schema);
  return schema;
}

const schemas = new Map<string, object>();

function buildSchema(rules: readonly RuleMeta[], ids: string[]): object {
  const level = { enum: LEVELS };
  // A top-level option some rules share (`harnessImages`) is one key, naming every rule it sets.
  const owners = new Map<string, string[]>();
  for (const r of rules)
    for (const [name, o] of Object.entries(r.options ?? {})) if (o.topLevel) owners.set(name, [...(owners.get(name) ?? []), r.id]);
  const topLevel = Object.fromEntries(
    rules.flatMap((r) =>
      Object.entries(r.options ?? {})
        .filter(([name, o]) => o.topLevel && owners.get(name)![0] === r.id)
        .map(([name, o]) => [name, { description: `${o.description} (Option of ${owners.get(name)!.join(' and ')}.)`, ...o.schema }]),
    ),
  );
  const ruleSetting = (r: RuleMeta) => {
    const options = Object.entries(r.options ?? {});
    // Every rule takes the map form (`{ level: warning }`), as the README says, options or not.
    // if/then/else rather than oneOf: a mistake in the object form gets one message, not three.
    return {
      if: { type: 'string' },
      then: { $ref: '#/definitions/level' },
      else: {
        type: 'object',
        additionalProperties: false,
        properties: {
          level: { $ref: '#/definitions/level' },
          ...Object.fromEntries(options.map(([name, o]) => [name, { description: o.description, ...o.schema }])),
        },
      },
    };
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/harness-registry-guard/harness-registry-guard/schemas/config.schema.json',
    title: 'harness-registry-guard configuration (.harness-registry-guard.yml)',
    description: 'Settings for harness-registry-guard. Command-line flags override the same setting here.',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description:
          "Per rule id: its level (off, notice, warning or error), or an object with `level` and the rule's options. Findings a rule gives below its default level are never raised above it.",
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.id, ruleSetting(r)])),
      },
      ...SETTINGS,
      ...topLevel,
      forbidSuppression: {
        description: 'Rule ids whose findings may not be suppressed, inline or by a baseline: such suppressions are ignored and reported.',
        type: 'array',
        items: { enum: ids.filter((id) => id !== 'suppression') },
      },
    },
    definitions: { level },
  };
}

/** Anything by that name, a dangling link too; not for a path through a file (ENOTDIR). */
export function exists(p: string): boolean {
  try {
    return !!fs.lstatSync(p, { throwIfNoEntry: false });
  } catch {
    return false;
  }
}

/**
 * The config to use: `configPath` when given (it must exist); otherwise the first config file found
 * going up from the scanned root (the first path, or its folder when it is a file) to the
 * repository's root (the folder holding `.git`), then in `cwd`.
 */
function findConfig(cwd: string, paths: readonly string[], configPath?: string, overlay?: ReadonlyMap<string, string>): string | undefined {
  if (configPath !== undefined) {
    const abs = path.resolve(cwd, configPath);
    if (!overlay?.has(abs) && !fs.existsSync(abs)) {
      if (isSymlink(abs)) throw new UsageError(`config file cannot be read: ${configPath} (${LEADS_NOWHERE})`);
      throw new ArgError(`config file not found: ${configPath}`);
    }
    return abs;
  }
  for (const dir of configDirs(cwd, paths)) {
    // A folder or a dangling link by that name is found too, so loading it says what is wrong instead of running on defaults.
    const found = CONFIG_FILES.map((name) => path.join(dir, name)).filter(exists);
    if (found.length > 1)
      throw new UsageError(`two config files in ${toPosix(path.relative(cwd, dir)) || '.'}: ${CONFIG_FILES.join(' and ')}; keep one`);
    if (found[0]) return found[0];
  }
  return undefined;
}

/** Where config files are looked for, in order (see `findConfig`), with either name. */
export function configCandidates(cwd: string, paths: readonly string[]): string[] {
  return configDirs(cwd, paths).flatMap((dir) => CONFIG_FILES.map((name) => path.join(dir, name)));
}

function configDirs(cwd: string, paths: readonly string[]): string[] {
  const dirs: string[] = [];
  const first = paths[0];
  if (first !== undefined) {
    const abs = path.resolve(cwd, first);
    const up: string[] = [];
    let inRepo = false;
    for (let dir = isDirectory(abs) ? abs : path.dirname(abs); ; dir = path.dirname(dir)) {
      up.push(dir);
      if (fs.existsSync(path.join(dir, '.git'))) {
        inRepo = true;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    // Outside a repository, no higher than the current directory: a config in some folder above
    // (a home directory, /tmp) belongs to no one here.
    const top = up.indexOf(path.resolve(cwd));
    dirs.push(...(inRepo ? up : top >= 0 ? up.slice(0, top + 1) : up.slice(0, 1)));
  }
  dirs.push(path.resolve(cwd));
  return [...new Set(dirs)];
}

const isDirectory = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The largest config file read: a real one is a few hundred bytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

const shownAs = (absPath: string, cwd: string) => toPosix(path.relative(cwd, absPath)) || path.basename(absPath);

/** Reads, parses and validates a config file. Throws `ConfigError` naming the file and line of each problem. */
export function loadConfig(absPath: string, cwd: string, rules: readonly RuleMeta[], overlay?: string): LoadedConfig {
  const file = shownAs(absPath, cwd);
  const text = overlay ?? readConfigText(absPath, file);
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
  const schema = configSchema(rules);
  const problems = validateAgainst(schema, value, root).map((p) => {
    const pos = locate(p.at);
    return { file, line: pos.line, column: pos.column, message: explain(p.message, schema) };
  });
  if (problems.length) throw new ConfigError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return { ...(value as Config), file, absPath };
}

/** Config lookup and load in one step; undefined when there is no config file. */
export function resolveConfig(
  cwd: string,
  paths: readonly string[],
  rules: readonly RuleMeta[],
  configPath?: string,
  overlay?: ReadonlyMap<string, string>,
): LoadedConfig | undefined {
  const abs = findConfig(cwd, paths, configPath, overlay);
  if (abs === undefined) return undefined;
  const text = overlay?.get(abs);
  // A config the search found is the project's own: a link out of it (to another repository's
  // secrets, say) is not read. One named with --config may be anywhere: the user chose it.
  const found = configPath === undefined && text === undefined;
  const outside = found ? leavesItsRoot(abs, false, cwd) : undefined;
  if (outside)
    throw new UsageError(
      `config file cannot be read: ${shownAs(abs, cwd)} (reached through a symlink that leaves ${outside}; not followed. To use a config from there, name it with --config or the Action's \`config\` input)`,
    );
  // A link into .git (its config may hold a token) is never read: its text would be quoted in errors.
  const into = found ? linksIntoSkipped(abs, false, cwd) : undefined;
  if (into) throw new UsageError(`config file cannot be read: ${shownAs(abs, cwd)} (a symlink into ${into}, which is never read)`);
  return loadConfig(abs, cwd, rules, text);
}

/** A config file's text, only from a regular file of at most `MAX_CONFIG_BYTES` (a FIFO would hang the run, /dev/zero fill the memory). */
function readConfigText(absPath: string, file: string): string {
  try {
    return readRegularFile(absPath, MAX_CONFIG_BYTES);
  } catch (e) {
    const { code = 'error', directory, size } = e as NodeJS.ErrnoException & { directory?: boolean; size?: number };
    const reasons: Record<string, string> = {
      EISDIR: 'a folder',
      ENOENT: LEADS_NOWHERE,
      ELOOP: LEADS_NOWHERE,
      ENOTREG: directory ? 'a folder' : 'not a regular file',
      EFBIG: `${size} bytes; a config file may be at most 1 MiB`,
    };
    const why = reasons[code] ?? code;
    throw new UsageError(`config file cannot be read: ${file} (${why})`);
  }
}

/** Turns the generic schema messages into config-specific ones. */
function explain(message: string, schema: object): string {
  const props = (schema as { properties: Record<string, { properties?: Record<string, { else?: { properties?: object } }> }> }).properties;
  const unknown = /^(?:`(rules)(?:\.([\w-]+))?` )?has unknown key `(.+)`\.$/.exec(message);
  if (unknown) {
    const [, inRules, ruleId, key] = unknown as unknown as [string, string | undefined, string | undefined, string];
    const known = Object.keys(
      (ruleId ? props.rules!.properties![ruleId]?.else?.properties : inRules ? props.rules!.properties : props) ?? {},
    );
    const near = closest(key, known);
    const what = ruleId ? `unknown option \`${key}\` of ${ruleId}` : inRules ? `unknown rule id \`${key}\`` : `unknown key \`${key}\``;
    return `${what}${near ? `; did you mean \`${near}\`` : ''} (known: ${known.join(', ')}).`;
  }
  // A rule's setting is a level or a map of `level` and options; each branch of the schema names only its own form.
  const setting = /^`rules\.([\w-]+)` must be (?:a map|one of off, notice, warning, error)\.$/.exec(message);
  if (setting) return `\`rules.${setting[1]}\` must be a level (off, notice, warning, error) or a map of \`level\` and the rule's options.`;
  if (/^`forbidSuppression\[\d+\]` must be one of /.test(message))
    return message.replace(' must be one of ', ' must be a rule id: one of ');
  if (/^`(?:rules\.[\w-]+\.)?harnessImages\[\d+\]` must match pattern/.test(message))
    return message.replace(
      /must match pattern .*$/,
      'must be an image name `namespace/name` in lower case, such as `harness/ci-addon`, without registry or tag.',
    );
  if (/^`(?:rules\.[\w-]+\.)?replacementRegistryUrl` must match pattern/.test(message))
    return message.replace(
      /must match pattern .*$/,
      'must be an http:// or https:// registry URL without credentials, such as `https://registry.hub.docker.com`.',
    );
  return message;
}

/** The candidate nearest to `word` by edit distance, when it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
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

/** The level the config gives a rule, if any. */
export function levelOf(config: Config | undefined, id: string): Level | undefined {
  const setting = config?.rules?.[id];
  return typeof setting === 'string' ? setting : setting?.level;
}

/**
 * A rule's options: defaults, then the config's top-level keys, then `rules.<id>`, then the command line.
 * A top-level option two rules declare (`harnessImages`) is one setting: set under either rule, it holds for both.
 */
export function optionsOf(rule: RuleMeta, config: Config | undefined, overrides: OptionValues = {}): OptionValues {
  const out = optionDefaults(rule);
  const setting = config?.rules?.[rule.id];
  for (const [name, o] of Object.entries(rule.options ?? {})) {
    if (o.topLevel && config?.[name] !== undefined) out[name] = config[name];
    // The schema lets `rules.<other>` hold the key only when that rule declares it too.
    for (const other of o.topLevel ? Object.values(config?.rules ?? {}) : [])
      if (typeof other === 'object' && other[name] !== undefined) out[name] = other[name];
    if (typeof setting === 'object' && setting[name] !== undefined) out[name] = setting[name];
    if (overrides[name] !== undefined) out[name] = overrides[name];
  }
  return out;
}

/**
 * Applies the config's level for the finding's rule: undefined for `off`. The level replaces the
 * rule's default severity; a finding the rule gives below its default (a notice for a value that
 * cannot be known statically) is lowered to the level but never raised.
 */
export function applyLevel(f: Finding, config: Config | undefined, meta: (id: string) => RuleMeta | undefined): Finding | undefined {
  // A notice that a policy could not be decided goes with that policy.
  if (f.forRule && levelOf(config, f.forRule) === 'off') return undefined;
  const level = levelOf(config, f.ruleId);
  if (level === undefined) return f;
  if (level === 'off') return undefined;
  const m = meta(f.ruleId);
  // The default level written out (as `init` does) changes nothing.
  if (m && level === m.severity) return f;
  const severity = !m || f.severity === m.severity || severityRank[level] < severityRank[f.severity] ? level : f.severity;
  if (severity !== f.severity) f.severity = severity;
  return f;
}
