import path from 'node:path';
import { messageOf, type OptionValues, type ProjectContext, type RelatedReport, type Rule, type RuleMeta } from './rule.js';
import { applyBaseline, readBaseline, type BaselineSummary } from './baseline.js';
import { builtinRules, fileFinding, UNRESOLVED_REFERENCE, yamlSyntax } from './builtins.js';
import { applyLevel, levelOf, optionsOf, resolveConfig, type LoadedConfig } from './config.js';
import { discover, isInside, realPathOf, repoRootOf, type DiscoverOptions } from './discover.js';
import { withFix } from './edits.js';
import { compareFindings, findingAt, isSuppressed, sortAndDedupe, type Finding } from './finding.js';
import {
  DEFAULT_MAX_FILE_SIZE,
  serialScanner,
  type FileInput,
  type FileScan,
  type ImageFact,
  type Scanner,
  type ScanSpec,
} from './scan-file.js';
import { Project } from '../model/project.js';
import type { Entity } from '../model/entities.js';
import { collectAfterScan } from './heap.js';
import { forgetShared, placeIn, type LineTable, type Placer } from '../model/loc.js';
import type { HarnessFacts } from '../model/harness-side.js';
import { applyInlineSuppressions, isoDay, type Directive } from './suppressions.js';

export { looksLikeHarness } from './scan-file.js';
export type { ImageFact, Scanner, ScanSpec } from './scan-file.js';

export interface LintSettings extends DiscoverOptions {
  /** Files over this many bytes are skipped with a notice, unread (default: the config's, else 10 MB). */
  maxFileSize?: number;
  /** The policy rules to run (the registry of src/rules); the engine never picks them itself. */
  rules: readonly Rule[];
  /** Rule options given on the command line, by rule id; they win over the config's. */
  ruleOptions?: Readonly<Record<string, OptionValues>>;
  /**
   * `.harness-registry-guard.yml` to use (relative to cwd; it must exist). By default the one in the
   * scanned root (the first path), else in cwd, if any; `false` reads none. Settings given here win
   * over the config's.
   */
  configPath?: string | false;
  /** Baseline file whose entries mark existing findings as accepted (relative to cwd). */
  baselinePath?: string;
  /** The date `until=` in suppression comments is compared with (default: now). */
  now?: Date;
  /** Text to check instead of a file's bytes on disk, by absolute path (`fix` re-checks its edits with it). */
  overlay?: ReadonlyMap<string, string>;
  /** Also collect every image reference (`LintResult.images`), for the migration report. */
  images?: boolean;
  /**
   * Scans the files; by default one after another in this thread. The CLI and the Action pass a
   * pool of worker threads for large repos. Must return one scan per input, in order.
   */
  scanner?: Scanner;
  /**
   * Looks up in Harness the connectors the repo refers to but does not hold (src/harness/lookups.ts
   * makes one). `lint` calls it once, after the project is built and before the project rules run;
   * `lintSync` never does. It throws to stop the run (a refused API key).
   */
  harness?: (project: Project) => Promise<HarnessFacts>;
  /** What an earlier `lint` of the same files learnt from Harness: used as it is, without asking again (`fix` re-checks with it). */
  harnessFacts?: HarnessFacts;
  /** Keep `LintResult.scope.scanned` (`check --write-baseline` needs it); a baseline given keeps it too. */
  keepScanned?: boolean;
}

/**
 * What the run covered. On a partial scan (no PATH holds `root`) a cross-file rule's finding may
 * be missing only because the other file was not read, so its absence proves nothing.
 */
export interface ScanScope {
  /** The repository the first PATH is in (the folder holding `.git`), else the current directory. */
  root: string;
  partial: boolean;
  /** Rules whose findings depend on more than one file (they check the project). */
  crossFileRules: ReadonlySet<string>;
  /** The absolute paths of the files read, when kept (see `keepScanned`). */
  scanned?: ReadonlySet<string>;
}

export interface LintResult {
  findings: Finding[];
  /** Files read and parsed. */
  filesScanned: number;
  /** Files that hold Harness YAML (entities, v1 YAML, execution-config payloads). */
  harnessFiles: number;
  entities: number;
  /**
   * Files left out because they are not Harness YAML and do not parse as YAML (Helm and Go
   * templates, Jinja, Terraform templates, merge leftovers in other tools' files), or are templates of Harness YAML
   * (`{{ x }}` where a value belongs). No finding; the summary line counts them.
   */
  skippedNotHarness: string[];
  /** Our own bugs, caught per rule; they make the run fail with exit code 2. */
  internalErrors: string[];
  /** The Harness model the rules read (facts, not trees); the migration report describes it. */
  project: Project;
  /** Lines and columns of the project's locs (for the report's places). */
  place: Placer;
  /** Every rule a finding of this run can carry: the policy rules given, then the built-ins. */
  rules: readonly RuleMeta[];
  /** Every rule's options as the run used them, by rule id. */
  options: Record<string, OptionValues>;
  /** Every image reference, when `images` was asked for. */
  images?: ImageFact[];
  /** The directory paths in findings are relative to. */
  cwd: string;
  /** The config file that was applied, if any. */
  config?: LoadedConfig;
  /** The suppression comments the run obeyed, by file (named as findings name them). */
  directives: ReadonlyMap<string, readonly Directive[]>;
  /** What the baseline did, when one was given; its stale entries are also `suppression` findings. */
  baseline?: BaselineSummary;
  /** What was learnt from Harness about connectors the repo does not hold, when it was asked. */
  harness?: HarnessFacts;
  scope: ScanScope;
}

/** Every rule a finding can carry: the policy rules given, then the built-ins the engine reports itself. */
export const allRulesOf = (rules: readonly Rule[]): readonly RuleMeta[] => [...rules, ...builtinRules];

/**
 * The whole check: find the files, scan each (parse, file rules, facts), build the project model
 * from the facts, look up in Harness what the repo does not hold (when asked to), run the project
 * rules, then apply levels, suppressions and the baseline.
 */
export async function lint(settings: LintSettings): Promise<LintResult> {
  const prepared = prepare(settings);
  const scans = await (settings.scanner ?? serialScanner(settings.rules))(prepared.inputs, prepared.spec);
  // Nor need the 100,000 inputs of a large repo (the baseline keeps the paths it needs), and once
  // their facts are in `built`, their scans.
  prepared.inputs = [];
  const built = build(prepared, scans);
  scans.length = 0;
  forgetShared();
  collectAfterScan();
  const facts = settings.harness ? await settings.harness(built.project) : settings.harnessFacts;
  return finish(settings, prepared, built, facts);
}

/**
 * `lint` without workers and without asking Harness (facts already known are used), for callers
 * that cannot wait: the fixer's re-check, tests.
 */
export function lintSync(settings: Omit<LintSettings, 'scanner' | 'harness'>): LintResult {
  const prepared = prepare(settings);
  const built = build(prepared, serialScanner(settings.rules)(prepared.inputs, prepared.spec) as FileScan[]);
  return finish(settings, prepared, built, settings.harnessFacts);
}

interface Prepared {
  all: readonly RuleMeta[];
  config?: LoadedConfig;
  inputs: FileInput[];
  scope: ScanScope;
  spec: ScanSpec;
  options: Record<string, OptionValues>;
  findings: Finding[];
}

function prepare(settings: LintSettings): Prepared {
  const all = allRulesOf(settings.rules);
  const config =
    settings.configPath === false ? undefined : resolveConfig(settings.cwd, settings.paths, all, settings.configPath, settings.overlay);
  const findings: Finding[] = [];
  const { files: discovered, skipped } = discover({
    ...settings,
    include: settings.include ?? config?.include,
    exclude: settings.exclude ?? config?.exclude,
    includeFrom: settings.include?.length ? '--include' : config?.include?.length ? `include in ${config.file}` : undefined,
    excludeFrom: settings.exclude ? '--exclude' : config?.exclude ? `exclude in ${config.file}` : undefined,
    ...(config && !settings.include ? { includeBase: path.dirname(config.absPath) } : {}),
    ...(config && !settings.exclude ? { excludeBase: path.dirname(config.absPath) } : {}),
  });
  // The config and the baseline are ours, not Harness YAML.
  const own = new Set([config?.absPath, settings.baselinePath && path.resolve(settings.cwd, settings.baselinePath)].filter(Boolean));
  const inputs = discovered
    .filter((f) => !own.has(f.absPath))
    .map((f): FileInput => {
      const overlay = settings.overlay?.get(f.absPath);
      return { shown: f.path, absPath: f.absPath, ...(overlay !== undefined ? { overlay } : {}) };
    });
  for (const s of skipped)
    findings.push(fileFinding(s.path, s.severity ?? 'notice', s.severity ? `Path ${s.reason}.` : `File ${s.reason}; skipped.`));

  const options: Record<string, OptionValues> = {};
  for (const rule of settings.rules) options[rule.id] = optionsOf(rule, config, settings.ruleOptions?.[rule.id]);
  const spec: ScanSpec = {
    // A rule turned off is not run at all: its findings would be dropped anyway.
    fileRules: settings.rules
      .filter((r) => r.checkFile && levelOf(config, r.id) !== 'off')
      .map((r) => ({ id: r.id, options: options[r.id]! })),
    ruleIds: all.map((r) => r.id),
    maxFileSize: settings.maxFileSize ?? config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    ...(settings.images ? { images: true } : {}),
  };
  const scanned = settings.baselinePath || settings.keepScanned ? new Set(inputs.map((f) => f.absPath)) : undefined;
  const root = projectRoot(settings);
  const scope: ScanScope = {
    root,
    partial: isPartial(settings, root),
    crossFileRules: new Set([...settings.rules.filter((r) => r.checkProject).map((r) => r.id), UNRESOLVED_REFERENCE]),
    ...(scanned ? { scanned } : {}),
  };
  return { all, ...(config ? { config } : {}), inputs, scope, spec, options, findings };
}

const givenPaths = (settings: LintSettings) => (settings.paths.length ? settings.paths : ['.']).map((p) => path.resolve(settings.cwd, p));

/** See `ScanScope.root`. */
const projectRoot = (settings: LintSettings) => repoRootOf(givenPaths(settings)[0]!) ?? path.resolve(settings.cwd);

/** True when no PATH holds the project's root (see `ScanScope`). */
function isPartial(settings: LintSettings, root: string): boolean {
  const realRoot = realPathOf(root);
  return !givenPaths(settings).some((p) => isInside(realPathOf(p), realRoot));
}

/** The scans put together: their findings and counts, and the project model built from their facts. */
interface Built {
  project: Project;
  place: Placer;
  findings: Finding[];
  entities: number;
  directives: Map<string, readonly Directive[]>;
  internalErrors: string[];
  skippedNotHarness: string[];
  images: ImageFact[];
  filesScanned: number;
  harnessFiles: number;
}

function build(prepared: Prepared, scans: readonly FileScan[]): Built {
  const findings = [...prepared.findings];
  const entities: Entity[] = [];
  const directives = new Map<string, readonly Directive[]>();
  const internalErrors: string[] = [];
  const skippedNotHarness: string[] = [];
  const images: ImageFact[] = [];
  const lines = new Map<string, LineTable>();
  let filesScanned = 0;
  let harnessFiles = 0;
  for (const scan of scans) {
    // A loop, not push(...list): one file can give more findings than a call can take arguments.
    for (const f of scan.findings) findings.push(f);
    for (const e of scan.entities) entities.push(e);
    internalErrors.push(...scan.internalErrors);
    if (scan.directives.length) directives.set(scan.file, scan.directives);
    if (scan.skippedNotHarness) skippedNotHarness.push(scan.file);
    if (scan.images) for (const i of scan.images) images.push(i);
    if (scan.lines) lines.set(scan.file, scan.lines);
    if (scan.parsed) filesScanned++;
    if (scan.harness) harnessFiles++;
  }
  const project = new Project(entities);
  return {
    project,
    place: placeIn(lines),
    findings,
    entities: entities.length,
    directives,
    internalErrors,
    skippedNotHarness,
    images,
    filesScanned,
    harnessFiles,
  };
}

/**
 * `fix` leaves a file with a syntax error as it is (what its broken part means is unknown), so
 * its findings offer no edit, safe or suggested: `check` would promise a fix that `fix` then
 * refuses, and a pull request would get suggestions for a file that does not parse.
 */
function withoutFixesInBrokenFiles(findings: Finding[]): Finding[] {
  const broken = new Set(findings.filter((f) => f.ruleId === yamlSyntax.id).map((f) => f.file));
  if (!broken.size) return findings;
  return findings.map((f) => {
    if (!(f.fix || f.suggestion) || !broken.has(f.file)) return f;
    const { fix: _fix, fixTitle: _title, suggestion: _suggestion, ...rest } = f;
    return rest;
  });
}

/**
 * A safe fix that changes its node, where another finding on that node is accepted by a suppression
 * comment or the baseline, is not applied: it would change what was accepted (policy 1's fix
 * restoring the name of an image whose policy-4 finding is accepted; a baseline entry matches the
 * value too). It is offered as a suggestion instead, so
 * `check`, pull-request suggestions and `fix` agree.
 */
function holdBackFixesOfAccepted(findings: Finding[]): Finding[] {
  const nodeOf = (f: Finding) => `${f.file}\0${f.range[0]}\0${f.range[1]}`;
  const accepted = new Map<string, Finding>();
  for (const f of findings) if (isSuppressed(f)) accepted.set(nodeOf(f), f);
  if (!accepted.size) return findings;
  return findings.map((f) => {
    if (!f.fix?.length || isSuppressed(f)) return f;
    const held = accepted.get(nodeOf(f));
    if (!held || !f.fix.some((e) => e.start < f.range[1] && e.end > f.range[0])) return f;
    const { fix, fixTitle, ...rest } = f;
    const by = held.suppressed!.kind === 'baseline' ? 'the baseline' : 'a suppression comment';
    const title = `${fixTitle ?? f.message} Not applied: it would change the value of \`${held.ruleId}\`'s finding here, which ${by} accepts.`;
    return { ...rest, suggestion: { title, edits: fix } };
  });
}

/** Runs the project rules on the built project (with Harness's facts, when there are any), then levels, suppressions and the baseline. */
function finish(settings: LintSettings, prepared: Prepared, built: Built, harness: HarnessFacts | undefined): LintResult {
  const { all, config, options } = prepared;
  const { project, place, findings, directives, internalErrors } = built;
  if (harness) project.addHarnessFacts(harness);
  for (const rule of settings.rules) {
    if (!rule.checkProject || levelOf(config, rule.id) === 'off') continue;
    try {
      rule.checkProject(projectContext(rule, project, place, options[rule.id]!, findings));
    } catch (e) {
      internalErrors.push(`rule ${rule.id} failed: ${(e as Error).stack ?? e}`);
    }
  }

  // Config levels, then inline suppressions, then the baseline; findings about those come last.
  const metaOf = (id: string) => all.find((r) => r.id === id);
  const levelled = (list: Finding[]) => list.flatMap((f) => applyLevel(f, config, metaOf) ?? []);
  const out = levelled(withoutFixesInBrokenFiles(sortAndDedupe(findings)));
  const forbid = new Set(config?.forbidSuppression ?? []);
  const { scope } = prepared;
  const off = new Set(all.filter((r) => levelOf(config, r.id) === 'off').map((r) => r.id));
  // Rules whose missing findings prove nothing this run: a suppression or baseline entry of theirs is not called unused.
  const unjudged = new Set([...off, ...(scope.partial ? scope.crossFileRules : [])]);
  const meta = applyInlineSuppressions(out, directives, {
    today: isoDay(settings.now ?? new Date()),
    forbid,
    unjudged,
    configFile: config?.file,
    ruleIds: all.map((r) => r.id),
  });
  let baseline: BaselineSummary | undefined;
  if (settings.baselinePath) {
    const baselineAbs = path.resolve(settings.cwd, settings.baselinePath);
    const loaded = readBaseline(baselineAbs, settings.cwd, settings.overlay?.get(baselineAbs));
    const applied = applyBaseline(out, loaded, {
      cwd: settings.cwd,
      scanned: scope.scanned ?? new Set(),
      forbid,
      off,
      unjudged,
      configFile: config?.file,
    });
    for (const m of applied.meta) meta.push(m);
    baseline = applied.summary;
  }
  return {
    findings: [...holdBackFixesOfAccepted(out), ...levelled(meta)].sort(compareFindings),
    filesScanned: built.filesScanned,
    directives: built.directives,
    harnessFiles: built.harnessFiles,
    entities: built.entities,
    skippedNotHarness: built.skippedNotHarness,
    internalErrors,
    project,
    place,
    rules: all,
    options,
    ...(settings.images ? { images: built.images } : {}),
    cwd: settings.cwd,
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
    ...(harness ? { harness } : {}),
    scope,
  };
}

function projectContext(rule: Rule, project: Project, place: Placer, options: OptionValues, out: Finding[]): ProjectContext<string> {
  const related = (list: readonly RelatedReport[]) => list.map((r) => ({ at: r.at, message: messageOf(rule, r.messageId, r.data) }));
  return {
    project,
    options,
    report: (r) => {
      const f = findingAt(rule.id, r.severity ?? rule.severity, messageOf(rule, r.messageId, r.data), r.at, place, {
        messageId: r.messageId,
        ...(r.entity ? { entity: r.entity } : {}),
        ...(r.related ? { related: related(r.related) } : {}),
        ...(r.harnessUrl ? { harnessUrl: r.harnessUrl } : {}),
      });
      out.push(withFix(rule, r, f));
    },
    unresolved: (r) => {
      out.push(
        findingAt(UNRESOLVED_REFERENCE, r.severity ?? 'notice', messageOf(rule, r.messageId, r.data), r.at, place, {
          messageId: r.messageId,
          ...(r.entity ? { entity: r.entity } : {}),
          ...(r.related ? { related: related(r.related) } : {}),
          forRule: rule.id,
        }),
      );
    },
  };
}
