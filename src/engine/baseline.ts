import fs from 'node:fs';
import path from 'node:path';
import { toPosix } from './discover.js';
import { cmp } from './compare.js';
import { UsageError } from './errors.js';
import { isSymlink, LEADS_NOWHERE, readRegularFile } from './file-text.js';
import { writeWithoutLinks, type WriteRoot } from './safe-write.js';
import baselineSchema from '../../schemas/baseline.schema.json' with { type: 'json' };
import { hashOf, locate, type Finding, type Position } from './finding.js';
import { jsonErrorOffset, jsonListItemRanges } from './json-text.js';
import { isValid, validateAgainst } from './schema.js';
import { locateRange } from '../parse/locate.js';
import { View } from '../model/view.js';
import { parseSource, type SourceFile } from '../parse/source.js';
import { SUPPRESSION_RULE } from './suppressions.js';

/**
 * A baseline accepts the findings a repository has today, so that a gate blocks only new ones.
 * Entries are keyed by rule, file, entity, the node's semantic path and a hash of its value, never
 * by line: moving or reformatting YAML keeps them matching, and a new instance of the same problem
 * (another node, or another value) is not hidden. `count` is how many findings share one key.
 */

/** The format `createBaseline` writes: the only one the schema accepts. */
const BASELINE_VERSION = baselineSchema.properties.version.const;

export interface BaselineEntry {
  ruleId: string;
  /** POSIX path relative to the baseline file's folder. */
  file: string;
  entity?: string;
  /** Semantic path of the node in its document (`stages/stage=build/spec/...`); absent for findings about a whole file. */
  path?: string;
  /** First 16 hex digits of the SHA-256 of the node's value (of the message, for findings about a whole file). */
  valueHash: string;
  /** Findings with this key that the entry accepts. */
  count: number;
  /** The finding's message when the entry was written; informational, not matched. */
  message?: string;
  /** Why the finding is accepted; written by hand, kept when the baseline is rewritten. */
  reason?: string;
}

export interface Baseline {
  $comment?: string;
  version: number;
  entries: BaselineEntry[];
}

/** What applying a baseline did, for reporters: the stale entries are also `suppression` findings. */
export interface BaselineSummary {
  /** The baseline file, relative to the current directory. */
  file: string;
  /** Findings the entries accept in all (sum of counts). */
  entries: number;
  /** Findings the baseline suppressed in this run. */
  matched: number;
  /** Entries (or parts of their counts) that matched nothing. */
  stale: number;
}

const keyOf = (e: Pick<BaselineEntry, 'ruleId' | 'file' | 'entity' | 'path' | 'valueHash'>) =>
  [e.ruleId, e.file, e.entity ?? '', e.path ?? '', e.valueHash].join('\0');

function entryFor(f: Finding, cwd: string, baselineDir: string): Omit<BaselineEntry, 'count'> {
  const identity = f.identity ?? { path: '', valueHash: hashOf(`message:${f.message}`) };
  const file = toPosix(path.relative(baselineDir, path.resolve(cwd, f.file)));
  return {
    ruleId: f.ruleId,
    file,
    ...(f.entity ? { entity: f.entity } : {}),
    ...(identity.path ? { path: identity.path } : {}),
    valueHash: identity.valueHash,
  };
}

/**
 * A baseline of every finding that is not already suppressed, except `suppression` findings and
 * rules in `forbid`. Reasons of matching entries in `previous` are kept, and so are its entries
 * this run cannot judge: for files that were not read but still exist, and for `unjudged` rules
 * (cross-file ones on a partial scan) that found nothing to replace them.
 */
export function createBaseline(
  findings: readonly Finding[],
  opts: {
    cwd: string;
    baselinePath: string;
    forbid?: ReadonlySet<string>;
    previous?: Baseline;
    scanned?: ReadonlySet<string>;
    unjudged?: ReadonlySet<string>;
  },
): Baseline {
  const dir = path.dirname(path.resolve(opts.cwd, opts.baselinePath));
  const reasons = new Map((opts.previous?.entries ?? []).filter((e) => e.reason).map((e) => [keyOf(e), e.reason!]));
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (f.suppressed || f.ruleId === SUPPRESSION_RULE || opts.forbid?.has(f.ruleId)) continue;
    const e = entryFor(f, opts.cwd, dir);
    const key = keyOf(e);
    const existing = byKey.get(key);
    if (existing) existing.count++;
    else byKey.set(key, { ...e, count: 1, message: f.message, ...(reasons.has(key) ? { reason: reasons.get(key)! } : {}) });
  }
  for (const e of opts.previous?.entries ?? []) {
    if (opts.forbid?.has(e.ruleId) || byKey.has(keyOf(e))) continue;
    const abs = path.resolve(dir, e.file);
    const unread = opts.scanned !== undefined && !opts.scanned.has(abs) && fs.existsSync(abs);
    if (unread || opts.unjudged?.has(e.ruleId)) byKey.set(keyOf(e), { ...e });
  }
  const entries = [...byKey.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.path ?? '', b.path ?? '') || cmp(a.valueHash, b.valueHash),
  );
  return {
    $comment:
      'Findings accepted by harness-registry-guard. `check --baseline` marks them suppressed; rewrite with `check --write-baseline`.',
    version: BASELINE_VERSION,
    entries,
  };
}

/** Writes a baseline as stable, diff-friendly JSON; never through a symbolic link (`root`: the folder the run works in). */
export function writeBaseline(absPath: string, baseline: Baseline, root: WriteRoot): void {
  writeWithoutLinks(absPath, JSON.stringify(baseline, null, 2) + '\n', root);
}

export interface LoadedBaseline {
  baseline: Baseline;
  /** Relative to the current directory, as findings show it. */
  file: string;
  absPath: string;
  /** Where entry `index` is in the file, to point a stale entry at its line. */
  entryAt(index: number): Position & { range: [number, number]; file: string };
}

/**
 * Reads a baseline file and checks it against schemas/baseline.schema.json. A missing or malformed
 * one is a usage error naming the file, and the line and column of each problem. The file is read
 * as JSON, and parsed as YAML (for positions) only when it is not valid: a large repo's baseline
 * has hundreds of thousands of entries.
 */
export function readBaseline(absPath: string, cwd: string, overlay?: string): LoadedBaseline {
  const file = toPosix(path.relative(cwd, absPath)) || path.basename(absPath);
  let text: string;
  try {
    // A regular file only: a FIFO would hang the run, a link to /dev/zero fill the memory.
    text = overlay ?? readRegularFile(absPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTREG' ? 'not a regular file' : (code === 'ENOENT' || code === 'ELOOP') && isSymlink(absPath) ? LEADS_NOWHERE : code;
    throw new UsageError(
      code === 'ENOENT' && why === code
        ? `baseline file not found: ${file} (create it with --write-baseline)`
        : `baseline file cannot be read: ${file} (${why ?? 'error'})`,
    );
  }
  const plain: SourceFile = { path: file, text, docs: [], records: new Int32Array(0), problems: [], aliased: false, shallow: true };
  const where = (at: Position) => `${file}:${at.line}:${at.column}`;
  let value: unknown;
  /** The YAML parse of a baseline that is not JSON, kept to place its stale entries. */
  let yaml: SourceFile | undefined;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // Not JSON: a YAML baseline (JSON is YAML) is still read; anything else is reported as JSON,
    // the format --write-baseline writes, where JSON breaks (JSON.parse names few places).
    const source = (yaml = parseSource(file, text));
    if (source.problems.length || source.docs.length !== 1) {
      const message = (e as Error).message;
      const at = /at position (\d+)/.exec(message);
      const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const found = at ? Number(at[1]) : jsonErrorOffset(text.slice(bom));
      const offset = found >= 0 ? found + bom : (source.problems[0]?.start ?? text.trimEnd().length);
      // V8's reason without its excerpt of the file or its own position.
      const why = message.replace(/,\s*(\.\.\.)?"[\s\S]*is not valid JSON$/, '').replace(/ (in JSON )?at position \d+.*$/, '');
      throw new UsageError(`invalid baseline: ${where(locateRange(plain, offset, offset))}: not valid JSON: ${why}`);
    }
    value = source.docs[0]!.json;
  }
  if (!isValid(baselineSchema, value)) {
    const source = parseSource(file, text);
    // Valid JSON can still be invalid YAML (a key given twice): say so, where.
    const syntax = source.problems[0];
    if (syntax) throw new UsageError(`invalid baseline: ${where(locateRange(plain, syntax.start, syntax.end))}: ${syntax.message}`);
    const doc = source.docs[0];
    const top = doc && View.root(source, doc);
    if (!doc || !top || source.docs.length > 1)
      throw new UsageError(
        `invalid baseline: ${where(locateRange(plain, 0, 0))}: must be one JSON object with \`version\` and \`entries\``,
      );
    const problems = validateAgainst(baselineSchema, doc.json, top)
      .map((p) => ({ pos: locate(p.at), message: p.message }))
      .sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column)
      .map((p) => `${where(p.pos)}: ${p.message}`);
    throw new UsageError(
      problems.length === 1
        ? `invalid baseline: ${problems[0]}`
        : `invalid baseline (${problems.length} problems):\n  ${problems.join('\n  ')}`,
    );
  }
  const baseline = value as Baseline;
  const dir = path.dirname(absPath);
  for (const e of baseline.entries) {
    e.count ??= 1;
    // `./a.yaml`, `a/../b.yaml` or an absolute path name the same file as the POSIX path relative
    // to the baseline that findings are keyed by.
    e.file = toPosix(path.relative(dir, path.resolve(dir, e.file)));
  }
  let ranges: Array<[number, number]> | undefined;
  const entryAt = (index: number) => {
    ranges ??= yaml ? yamlEntryRanges(yaml) : jsonListItemRanges(text, 'entries');
    const [start, end] = ranges[index] ?? [0, 0];
    return locateRange(plain, start, end);
  };
  return { baseline, file, absPath, entryAt };
}

/** The ranges of the items of `entries` in a baseline that is YAML, not JSON: from its tree. */
function yamlEntryRanges(source: SourceFile): Array<[number, number]> {
  const doc = source.docs[0];
  const items = (doc && View.root(source, doc)?.get('entries')?.items()) ?? [];
  return items.map((item) => item.range);
}

export interface ApplyBaselineOptions {
  cwd: string;
  /** Absolute paths of the files this run read: entries for other files that still exist are not judged. */
  scanned: ReadonlySet<string>;
  /** Rules whose findings may not be baselined (`forbidSuppression`). */
  forbid: ReadonlySet<string>;
  /** Rules turned off in the config: their entries are not judged either. */
  off: ReadonlySet<string>;
  /** Rules whose missing findings prove nothing this run (off, or cross-file on a partial scan): not called stale. */
  unjudged?: ReadonlySet<string>;
  configFile?: string;
}

/**
 * Marks the findings the baseline accepts as suppressed (in place) and returns `suppression`
 * findings, at the entry in the baseline file, for entries that matched nothing (stale) or that
 * name a rule in `forbidSuppression` (ignored).
 */
export function applyBaseline(
  findings: readonly Finding[],
  loaded: LoadedBaseline,
  opts: ApplyBaselineOptions,
): { meta: Finding[]; summary: BaselineSummary } {
  const dir = path.dirname(loaded.absPath);
  const remaining = new Map<string, { entry: BaselineEntry; index: number; total: number; left: number }>();
  loaded.baseline.entries.forEach((entry, index) => {
    const key = keyOf(entry);
    const prior = remaining.get(key);
    if (prior) {
      prior.total += entry.count;
      prior.left += entry.count;
    } else remaining.set(key, { entry, index, total: entry.count, left: entry.count });
  });
  let matched = 0;
  for (const f of findings) {
    if (f.suppressed || f.ruleId === SUPPRESSION_RULE || opts.forbid.has(f.ruleId)) continue;
    const slot = remaining.get(keyOf(entryFor(f, opts.cwd, dir)));
    if (!slot || slot.left <= 0) continue;
    slot.left--;
    matched++;
    f.suppressed = { kind: 'baseline', ...(slot.entry.reason ? { reason: slot.entry.reason } : {}) };
  }

  const meta: Finding[] = [];
  let stale = 0;
  for (const { entry, index, total, left } of remaining.values()) {
    if (left <= 0 || opts.off.has(entry.ruleId)) continue;
    const abs = path.resolve(dir, entry.file);
    const at = loaded.entryAt(index);
    const what = `Baseline entry for \`${entry.ruleId}\` in \`${entry.file}\`${entry.entity ? ` (entity \`${entry.entity}\`)` : ''}${entry.path ? ` at \`${entry.path}\`` : ''}`;
    if (opts.forbid.has(entry.ruleId)) {
      meta.push({
        ruleId: SUPPRESSION_RULE,
        severity: 'error',
        message: `${what} is ignored: \`${entry.ruleId}\` may not be suppressed (forbidSuppression in ${opts.configFile ?? 'the config'}); remove the entry.`,
        ...at,
      });
      continue;
    }
    if (!opts.scanned.has(abs) && fs.existsSync(abs)) continue; // not read this run: cannot tell
    if (opts.unjudged?.has(entry.ruleId)) continue;
    stale += left;
    const count = left === total ? 'matches no finding' : `accepts ${total} findings but only ${total - left} remain`;
    meta.push({
      ruleId: SUPPRESSION_RULE,
      severity: 'warning',
      message: `${what} ${count} (stale); remove it, or rewrite the baseline with \`check --write-baseline\`.`,
      ...at,
    });
  }
  const entries = loaded.baseline.entries.reduce((n, e) => n + e.count, 0);
  return { meta, summary: { file: loaded.file, entries, matched, stale } };
}
