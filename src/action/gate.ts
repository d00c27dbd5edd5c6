import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError, configCandidates, exists, loadConfig } from '../engine/config.js';
import { readText } from '../engine/file-text.js';
import { isInside, linksIntoSkipped, realPathOf, toPosix } from '../engine/discover.js';
import { locateRange } from '../parse/locate.js';
import { View } from '../model/view.js';
import { parseSource } from '../parse/source.js';
import { parseDirectives, type Directive } from '../engine/suppressions.js';
import { changedFiles, type ChangedFiles } from '../github/changed-files.js';
import { gitLineOf } from '../github/hunks.js';
import { allRules } from '../rules/index.js';
import type { ChangeDetection } from './detect-changes.js';
import { baseVersions, type BaseVersions } from './gate-base.js';
import type { HeadFiles } from './head-files.js';
import type { RunState } from './state.js';

/**
 * The config file and the baseline decide what fails, so on a pull request the check reads them
 * from the base commit: a pull request cannot switch its own gate off. What it changes in them,
 * and every suppression comment it adds, is reported for the reviewers instead.
 */

/** A change to what the gate lets through, at the line a reviewer should look at. */
export interface GateChange {
  file: string;
  line: number;
  message: string;
}

export interface GateSources {
  /** Base-commit texts of the config and baseline, by absolute path, for `lint({ overlay })`. */
  overlay: Map<string, string>;
  /** `false` when the config exists only in the pull request: the base had none. */
  configPath?: string | false;
  /** Undefined when the baseline exists only in the pull request. */
  baselinePath?: string;
  changes: GateChange[];
  notes: string[];
  /**
   * The base versions could not be read, so the pull request's own config or baseline decided and
   * its changes to them were not compared: a warning annotation (at `file` when known) and a summary line.
   */
  unverified?: { message: string; file?: string };
  /** The files the gate knows the pull request changed (for the suppression comments it adds). */
  changed: ChangedFiles;
  /**
   * Set when `changed` may miss files (a list cut at 3,000, no list): suppression comments in the
   * other files are then compared with the base (`readBase`, from git) or called unverified.
   */
  partial?: { readBase?: (file: string) => string | undefined };
}

export interface GateOptions {
  /** The repository root; paths in `changed` are relative to it. */
  root: string;
  /** Scanned paths, relative to `root`. */
  paths: string[];
  configPath?: string;
  baselinePath?: string;
  changed: ChangedFiles;
  /** Where the base versions come from, or why they cannot be read. */
  base: BaseVersions;
  /** `config-from: head`: use the pull request's versions (the changes are still reported). */
  trustHead: boolean;
}

/**
 * The gate step, on every pull request: where the config and the baseline are read from, and what
 * the pull request changes in them. When the changed files are unknown (no API list, no git
 * diff), each gate file counts as changed when its base text differs from the checkout's. When
 * the base texts cannot be read at all, the run says so loudly. Undefined when not a pull request.
 */
export async function readGate(state: RunState, detection: ChangeDetection): Promise<GateSources | undefined> {
  const { settings, ctx, root, paths } = state;
  if (!ctx.pullRequest) return undefined;
  const rel = (abs: string) => toPosix(path.relative(root, abs));
  // A gate file outside the repository cannot be changed by the pull request, nor compared: it decides as it is.
  const gateFiles = [...(settings.configPath ? [settings.configPath] : configCandidates(root, paths)), settings.baselinePath]
    .filter((f): f is string => !!f)
    .map(rel)
    .filter((f) => !f.startsWith('../'));
  // A list cut at 3,000 files still says which files changed, just not all of them.
  const known = detection.changed ?? changedFiles('api', detection.pullFiles ?? []);
  const previous = gateFiles.flatMap((f) => known.files.get(f)?.previousPath ?? []);
  const base = await baseVersions(state, detection, [...gateFiles, ...previous]);
  let changed = known;
  if (!detection.changed && base.from) {
    // Unknown list: compare each gate file with its base version instead.
    const files = new Map(known.files);
    for (const f of gateFiles) {
      if (files.has(f)) continue;
      const before = base.read(f);
      const after = readText(path.join(root, f));
      if (before !== after)
        files.set(f, { path: f, status: before === undefined ? 'added' : after === undefined ? 'removed' : 'modified' });
    }
    changed = { source: known.source, files };
    state.notes.add(
      `The changed files are not all known, so the config file and the baseline were compared with the base branch's versions (read through ${base.from === 'git' ? 'git' : 'the API'}).`,
    );
  }
  const gate = gateSources({
    root,
    paths,
    ...(settings.configPath ? { configPath: settings.configPath } : {}),
    ...(settings.baselinePath ? { baselinePath: settings.baselinePath } : {}),
    changed,
    base,
    trustHead: settings.configFrom === 'head',
  });
  if (!detection.changed && !base.from && !gate.unverified) {
    const atHead = gateFiles.find((f) => fs.existsSync(path.join(root, f)));
    gate.unverified = {
      message: `The files this pull request changes are not known, and the base branch's config file and baseline could not be read (${base.why}): this run used the pull request's own config file and baseline, which could not be compared with the base branch's, so a rule turned off or a finding accepted by this pull request would pass unnoticed. Check out with \`fetch-depth: 2\` or more, or give the Action a \`github-token\`.`,
      ...(atHead ? { file: atHead } : {}),
    };
  }
  if (!detection.changed) gate.partial = base.from === 'git' ? { readBase: base.read } : {};
  state.notes.addAll(gate.notes);
  if (gate.unverified) state.notes.add(`⚠️ ${gate.unverified.message}`);
  return gate;
}

export function gateSources(o: GateOptions): GateSources {
  const out: GateSources = {
    overlay: new Map(),
    changes: [],
    notes: [],
    changed: o.changed,
    ...(o.configPath ? { configPath: o.configPath } : {}),
    ...(o.baselinePath ? { baselinePath: o.baselinePath } : {}),
  };
  const rel = (abs: string) => toPosix(path.relative(o.root, abs));
  const root = realPathOf(o.root);
  /**
   * A symlink in the pull request that points out of the repository (at a credentials file, say), or
   * into its `.git` or `node_modules` (`.git/config` may hold a token): never read, never quoted. How it leads there, else undefined.
   */
  const leavesRepo = (abs: string): string | undefined => {
    if (!isInside(root, realPathOf(abs))) return 'leaves the workspace';
    const into = linksIntoSkipped(abs, false, o.root);
    return into ? `leads into \`${into}\`` : undefined;
  };
  const { base } = o;
  /** The gate files the pull request changes whose base versions could not be read. */
  const unverified: Array<{ kind: 'config' | 'baseline'; file: string }> = [];

  const guard = (abs: string | undefined, kind: 'config' | 'baseline') => {
    if (!abs) return;
    const file = rel(abs);
    const change = o.changed.files.get(file);
    if (!change) return;
    const outside = leavesRepo(abs);
    if (!base.from && outside) {
      // No base version to use instead: the check runs without this file.
      out.changes.push(symlinkOut(file, kind, outside));
      if (kind === 'config') out.configPath = false;
      else delete out.baselinePath;
      return;
    }
    if (!base.from) {
      unverified.push({ kind, file });
      return;
    }
    const before = change.status === 'added' ? undefined : base.read(change.previousPath ?? file);
    const after = outside ? undefined : readText(abs);
    if (outside) out.changes.push(symlinkOut(file, kind, outside));
    else out.changes.push(...(kind === 'config' ? configChanges(file, before, after) : baselineChanges(file, before, after)));
    // A file outside the repository is never read, not even when the head is trusted: the base's decides.
    if (o.trustHead && !outside) return;
    if (kind === 'config' && after !== undefined) out.changes.push(...invalidConfig(abs, file, after, o.root));
    if (before === undefined) {
      if (kind === 'config') out.configPath = false;
      else delete out.baselinePath;
    } else {
      out.overlay.set(abs, before);
      if (kind === 'config') out.configPath = abs;
    }
  };
  // The config the check reads: the input's, else the first default place that holds one. Unless
  // the head is trusted, that is the first place that held one at the base: a config file the pull
  // request adds earlier in the search (a `.yml` beside the base's `.yaml`, one in the scanned
  // folder below the base's) must not take the base's place.
  const candidates = o.configPath ? [o.configPath] : configCandidates(o.root, o.paths);
  const movedAway = new Set([...o.changed.files.values()].flatMap((c) => (c.previousPath ? [c.previousPath] : [])));
  const atBase = (c: string) => {
    const change = o.changed.files.get(rel(c));
    if (change) return change.status !== 'added' && (!change.previousPath || change.previousPath === rel(c));
    return fs.existsSync(c) || movedAway.has(rel(c));
  };
  const atHead = candidates.find((c) => fs.existsSync(c) || o.changed.files.has(rel(c)));
  const atBaseConfig = o.trustHead ? undefined : candidates.find(atBase);
  if (o.trustHead || !atHead || atHead === atBaseConfig) {
    guard(atHead, 'config');
    // A twin beside the base's config (a `.yaml` after its `.yml`) would make the search find two:
    // the base's is named instead, and a twin the pull request adds or changes is reported.
    // Anything by a twin's name counts, as the config search counts it: a folder, a link leading nowhere.
    const twins =
      o.trustHead || !atHead ? [] : candidates.filter((c) => c !== atHead && path.dirname(c) === path.dirname(atHead) && exists(c));
    for (const t of twins) {
      if (!o.changed.files.has(rel(t)) && atBase(t)) continue;
      const before = base.from && o.changed.files.get(rel(t))?.status !== 'added' ? base.read(rel(t)) : undefined;
      // A twin that leads out of the repo is not read.
      const link = leavesRepo(t);
      const text = link ? undefined : readText(t);
      if (link) out.changes.push(symlinkOut(rel(t), 'config', link));
      else if (text === undefined)
        out.changes.push({
          file: rel(t),
          line: 1,
          message: `This pull request adds \`${rel(t)}\` beside the base branch's config file, and it is no file the check can read (a folder, or a link that leads nowhere): once merged, every check stops with exit 2 (two config files in one folder).`,
        });
      else out.changes.push(...configChanges(rel(t), before, text));
    }
    if (twins.length) out.configPath ??= atHead;
  } else {
    // The pull request's own config file is reported and ignored; the base's, if any, decides.
    const link = leavesRepo(atHead);
    out.changes.push(...(link ? [symlinkOut(rel(atHead), 'config', link)] : configChanges(rel(atHead), undefined, readText(atHead))));
    out.configPath = atBaseConfig ?? false;
    if (atBaseConfig) guard(atBaseConfig, 'config');
    // Renamed away, it has no change of its own to guard: its base text is read here.
    const before = atBaseConfig && movedAway.has(rel(atBaseConfig)) && base.from ? base.read(rel(atBaseConfig)) : undefined;
    if (before !== undefined) out.overlay.set(atBaseConfig!, before);
  }
  guard(o.baselinePath, 'baseline');
  if (unverified.length && !base.from) {
    const files = unverified.map(({ kind, file }) => `the ${kind} file \`${file}\``).join(' and ');
    const kinds = unverified.map(({ kind }) => kind).join(' and ');
    const one = unverified.length === 1;
    out.unverified ??= {
      file: unverified[0]!.file,
      message: `This pull request changes ${files}, and ${one ? 'its base version' : 'their base versions'} could not be read (${base.why}): this run used the pull request's own ${kinds} ${one ? 'file, which' : 'files, which'} could not be compared with the base branch's. Check out with \`fetch-depth: 2\` or more, or give the Action a \`github-token\`, so the base ${one ? 'version decides' : 'versions decide'}.`,
    };
  }
  if (out.changes.length && !o.trustHead)
    out.notes.push(
      'The config file and the baseline come from the base commit, so changes this pull request makes to them take effect only once it is merged.',
    );
  return out;
}

/**
 * Suppression comments the pull request adds, in the changed files the check read (YAML, and the
 * JSON execution-config payloads whose comments it honours too: whatever the scan included).
 */
export function addedSuppressions(
  root: string,
  /**
   * `head`: the pull request's head versions of files, where the checkout is not the head (see head-files.ts).
   * `atBase`: on a test-merge checkout, the suppression comments the check obeyed, by file, and the
   * base branch's versions of those files, with which they are compared.
   */
  gate: Pick<GateSources, 'changed' | 'partial'> & {
    head?: Pick<HeadFiles, 'headText'>;
    atBase?: { versions: BaseVersions; obeyed: ReadonlyMap<string, readonly Directive[]> };
    /** The suppression comments the check read, by file: a `next-line` one that suppresses nothing adds nothing. */
    obeyed?: ReadonlyMap<string, readonly Directive[]>;
  },
  scanned: ReadonlySet<string> | undefined,
  ruleIds: readonly string[] = allRules.map((r) => r.id),
): GateChange[] {
  const out: GateChange[] = [];
  const realRoot = realPathOf(root);
  // A `next-line` comment that suppresses nothing now (the pull request fixed its line, say) weakens
  // nothing: the check already warns that it matches no finding, and once it does suppress one, the
  // line it covers has changed, which makes it an added comment then.
  const quiet = new Set<string>();
  for (const [file, list] of gate.obeyed ?? gate.atBase?.obeyed ?? [])
    for (const d of list) if (d.suppressesNothing) quiet.add(`${file}\0${d.line}`);
  const directivesIn = (file: string, text: string | undefined) =>
    text?.includes('harness-registry-guard-disable') ? parseDirectives(parseSource(file, text), ruleIds).directives : [];
  /** The comments of the checkout's version of a file that may suppress something. */
  const checkedOut = (file: string, text: string | undefined) => directivesIn(file, text).filter((d) => !quiet.has(`${file}\0${d.line}`));
  const what = (d: Directive) =>
    `${d.ruleIds.map((r) => `\`${r}\``).join(', ')}${d.kind === 'file' ? ' for the whole file' : ''}${d.until ? ` until ${d.until}` : ''}`;
  const added = (file: string, d: Directive, line = d.line): GateChange => ({
    file,
    line,
    message: `This pull request adds a suppression of ${what(d)}: "${d.reason}".`,
  });
  /**
   * What makes a comment the same as the base's, for comments read from `text`: its kind, rule ids,
   * date (moved on, it revives an expired suppression) and reason, and for a next-line comment the
   * line it covers (moved above another line, the same words suppress something else).
   */
  const keyIn = (text: string | undefined) => {
    const lines = text?.split(/\r\n|\r|\n/) ?? [];
    return (d: Directive) =>
      `${d.kind}\0${[...d.ruleIds].sort().join(',')}\0${d.until ?? ''}\0${d.reason}\0${d.target ? (lines[d.target - 1] ?? '').trim() : ''}`;
  };
  const keysIn = (file: string, text: string | undefined) => directivesIn(file, text).map(keyIn(text));
  const uncompared = (file: string, d: Directive, why: string): GateChange => ({
    file,
    line: d.line,
    message: `This suppression of ${what(d)} could not be compared with the base branch (${why}): check that the pull request does not add it.`,
  });
  if (gate.atBase) {
    // A test-merge checkout: what lint obeys is the merge's comments, and what the pull request adds is
    // what the base branch does not have, wherever git's merge put it (a file the base renamed, a comment
    // that only the merge's text makes a file-level one). Lines are the head's where its text has the comment.
    const { versions: atBase, obeyed } = gate.atBase;
    for (const [file, all] of obeyed) {
      if (file.startsWith('../') || !isInside(realRoot, realPathOf(path.resolve(root, file)))) continue;
      const directives = all.filter((d) => !quiet.has(`${file}\0${d.line}`));
      let before: Map<string, number> | undefined;
      try {
        before = atBase.from ? countKeys(keysIn(file, atBase.read(file))) : undefined;
      } catch {
        before = undefined;
      }
      const headText = gate.head?.headText(file);
      const headKey = keyIn(headText);
      const headLines = new Map<string, number[]>();
      for (const d of directivesIn(file, headText)) headLines.set(headKey(d), [...(headLines.get(headKey(d)) ?? []), d.line]);
      const key = keyIn(readText(path.resolve(root, file)));
      for (const d of directives) {
        if (!before) {
          out.push(uncompared(file, d, atBase.from ? 'it was not read at the base' : atBase.why));
          continue;
        }
        if (!takeOne(before, key(d))) out.push(added(file, d, headLines.get(key(d))?.shift() ?? d.line));
      }
    }
    return out;
  }
  for (const [file, change] of gate.changed.files) {
    const abs = path.resolve(root, file);
    if (change.status === 'removed' || !scanned?.has(abs) || !isInside(realRoot, realPathOf(abs))) continue;
    const text = readText(abs);
    // The checkout is the head here (a test-merge checkout is compared with the base above).
    for (const d of checkedOut(file, text)) {
      // The diff counts lines as git does, by LF only; a lone CR before the comment is a line break to the parser.
      const line = gitLineOf(text!, d.range[0]);
      // The lines it covers count too: a line changed under the base's comment is suppressed anew.
      const covered = [d.target, d.valueLine].flatMap((n) => (n === undefined ? [] : [gitLineOf(text!, lineStart(text!, n))]));
      if (!change.lines || [line, ...covered].some((l) => change.lines!.has(l))) out.push(added(file, d, line));
    }
  }
  if (!gate.partial) return out;
  // The other files may have changed too: a suppression not in the base's version of its file is new.
  const { readBase } = gate.partial;
  for (const abs of scanned ?? []) {
    const file = toPosix(path.relative(root, abs));
    if (gate.changed.files.has(file) || file.startsWith('../') || !isInside(realRoot, realPathOf(abs))) continue;
    const text = readText(abs);
    const directives = checkedOut(file, text);
    if (!directives.length) continue;
    // Counted, not a set: a copy of a base comment above a copy of its line suppresses one more finding.
    const before = readBase && countKeys(keysIn(file, readBase(file)));
    const key = keyIn(text);
    for (const d of directives) {
      if (!before) {
        out.push(uncompared(file, d, 'the files this pull request changes are not all known'));
        continue;
      }
      if (!takeOne(before, key(d))) out.push(added(file, d));
    }
  }
  return out;
}

/** The offset where the parser's line `n` starts (1-based; a lone CR ends a line too). */
function lineStart(text: string, n: number): number {
  const breaks = /\r\n|\r|\n/g;
  for (let i = 1; i < n; i++) if (!breaks.exec(text)) return text.length;
  return breaks.lastIndex;
}

const countKeys = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

/** Takes one of `key` from the counts: false when none is left (the comment is not the base's). */
function takeOne(counts: Map<string, number>, key: string): boolean {
  const left = counts.get(key) ?? 0;
  if (left > 0) counts.set(key, left - 1);
  return left > 0;
}

/**
 * The pull request's version of the config, when it is invalid: the gate reads the base's, so the
 * check passes, but once merged every run fails (exit 2). Reviewers see each problem at its line.
 */
function invalidConfig(abs: string, file: string, text: string, root: string): GateChange[] {
  try {
    loadConfig(abs, root, allRules, text);
    return [];
  } catch (e) {
    const problems = e instanceof ConfigError ? e.problems : [{ line: 1, message: (e as Error).message }];
    return problems.map((p) => ({
      file,
      line: p.line,
      message: `This pull request makes the config file invalid: ${p.message} Once merged, every check fails (exit 2) until it is corrected.`,
    }));
  }
}

const symlinkOut = (file: string, kind: 'config' | 'baseline', how: string): GateChange => ({
  file,
  line: 1,
  message: `This pull request makes the ${kind} file \`${file}\` a symlink that ${how}; it is not read, and the base branch's ${kind} decides.`,
});

/** What a config change does, key by key, at the key's line in the pull request's version. */
export function configChanges(file: string, before: string | undefined, after: string | undefined): GateChange[] {
  const a = asObject(before);
  const b = asObject(after);
  const lineOf = keyLines(file, after);
  const out: GateChange[] = [];
  const show = (v: unknown) => (v === undefined ? 'unset' : `\`${JSON.stringify(v)}\``);
  const say = (key: string, line: number, was: unknown, now: unknown) =>
    out.push({
      file,
      line,
      message: `This pull request changes \`${key}\` in \`${file}\` from ${show(was)} to ${show(now)}; the gate uses the base branch's value until it is merged.`,
    });
  if (before === undefined && after !== undefined)
    out.push({ file, line: 1, message: `This pull request adds the config file \`${file}\`; the gate ignores it until it is merged.` });
  if (after === undefined && before !== undefined)
    out.push({
      file,
      line: 1,
      message: `This pull request removes the config file \`${file}\`; the gate uses the base branch's version until it is merged.`,
    });
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'rules') {
      const ra = asObject(a.rules);
      const rb = asObject(b.rules);
      for (const id of new Set([...Object.keys(ra), ...Object.keys(rb)]))
        if (JSON.stringify(ra[id]) !== JSON.stringify(rb[id])) say(`rules.${id}`, lineOf(['rules', id]), ra[id], rb[id]);
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) say(key, lineOf([key]), a[key], b[key]);
  }
  return before !== undefined && after !== undefined ? out : out.slice(0, 1);
}

/** Baseline entries the pull request adds: findings it accepts on its own behalf. */
export function baselineChanges(file: string, before: string | undefined, after: string | undefined): GateChange[] {
  const entries = (text: string | undefined) => {
    const v = asObject(text === undefined ? undefined : safeParse(text));
    return Array.isArray(v.entries) ? (v.entries as Array<Record<string, unknown>>) : [];
  };
  const key = (e: Record<string, unknown>) => JSON.stringify([e.ruleId, e.file, e.entity, e.path, e.valueHash]);
  const known = new Map(entries(before).map((e) => [key(e), Number(e.count ?? 1)]));
  const source = after === undefined ? undefined : parseSource(file, after);
  const items = source?.docs[0] ? (View.root(source, source.docs[0])?.get('entries')?.items() ?? []) : [];
  const out: GateChange[] = [];
  if (after === undefined && before !== undefined)
    out.push({
      file,
      line: 1,
      message: `This pull request removes the baseline \`${file}\`; the gate uses the base branch's version until it is merged.`,
    });
  entries(after).forEach((e, i) => {
    const added = Number(e.count ?? 1) - (known.get(key(e)) ?? 0);
    if (added <= 0) return;
    const line = items[i] ? locateRange(source!, items[i]!.range[0], items[i]!.range[0]).line : 1;
    // Entries name files relative to the baseline's folder; reviewers read repository paths.
    const target = path.posix.join(path.posix.dirname(file), String(e.file));
    out.push({
      file,
      line,
      message: `This pull request adds ${added === 1 ? 'an accepted finding' : `${added} accepted findings`} to the baseline: \`${String(e.ruleId)}\` in \`${target}\`${e.path ? ` at \`${String(e.path)}\`` : ''}.`,
    });
  });
  return out;
}

function safeParse(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

const asObject = (v: unknown): Record<string, unknown> => {
  const parsed = typeof v === 'string' ? safeParse(v) : v;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
};

/** The line of a key path in a YAML text (its parent's line when the key is gone, else 1). */
function keyLines(file: string, text: string | undefined): (keys: string[]) => number {
  const source = text === undefined ? undefined : parseSource(file, text);
  const root = source?.docs[0] ? View.root(source, source.docs[0]) : undefined;
  return (keys) => {
    let cur = root;
    let line = 1;
    for (const k of keys) {
      const at = cur?.keyOf(k);
      if (!at) break;
      line = locateRange(source!, at.range[0], at.range[0]).line;
      cur = cur!.get(k);
    }
    return line;
  };
}
