import fs from 'node:fs';
import path from 'node:path';
import { formatMessage, type OptionValues, type Rule, type RuleContext, type RuleMeta } from './rule.js';
import { applyBaseline, identityOf, readBaseline, type BaselineSummary } from './baseline.js';
import { builtinRules, schema as schemaRule, UNRESOLVED_REFERENCE } from './builtins.js';
import { applyLevel, levelOf, optionsOf, resolveConfig, type LoadedConfig } from './config.js';
import { discover, type DiscoverOptions } from './discover.js';
import { withFix } from './edits.js';
import { compareFindings, locate, sortAndDedupe, type Finding, type Located, type Severity } from './finding.js';
import { locateRange } from '../parse/locate.js';
import { classify, isHarness, KNOWN_UNCHECKED, ENTITY_KINDS, type Classified, type Entity } from '../model/entities.js';
import { Project } from '../model/project.js';
import { View } from '../model/view.js';
import { validateSchema } from './schema.js';
import { parseSource, type SourceFile } from '../parse/source.js';
import { applyInlineSuppressions, isoDay } from './suppressions.js';

export interface LintSettings extends DiscoverOptions {
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
   * templates, Jinja, merge leftovers in other tools' files), or are templates of Harness YAML
   * (`{{ x }}` where a value belongs). No finding; the summary line counts them.
   */
  skippedNotHarness: string[];
  /** Our own bugs, caught per rule; they make the run fail with exit code 2. */
  internalErrors: string[];
  /** The Harness model the rules read; the migration report describes it. */
  project: Project;
  /** Every rule's options as the run used them, by rule id. */
  options: Record<string, OptionValues>;
  /** The config file that was applied, if any. */
  config?: LoadedConfig;
  /** What the baseline did, when one was given; its stale entries are also `suppression` findings. */
  baseline?: BaselineSummary;
}

const MAX_SYNTAX_ERRORS_PER_FILE = 10;

/** Every rule a finding can carry: the policy rules given, then the built-ins the engine reports itself. */
export const allRulesOf = (rules: readonly Rule[]): readonly RuleMeta[] => [...rules, ...builtinRules];

export function lint(settings: LintSettings): LintResult {
  const all = allRulesOf(settings.rules);
  const metaOf = (id: string) => all.find((r) => r.id === id);
  const config =
    settings.configPath === false ? undefined : resolveConfig(settings.cwd, settings.paths, all, settings.configPath, settings.overlay);
  const findings: Finding[] = [];
  const { files: discovered, skipped } = discover({
    ...settings,
    include: settings.include ?? config?.include,
    exclude: settings.exclude ?? config?.exclude,
    maxFileSize: settings.maxFileSize ?? config?.maxFileSize,
    includeFrom: settings.include?.length ? '--include' : config?.include?.length ? `include in ${config.file}` : undefined,
  });
  // The config and the baseline are ours, not Harness YAML.
  const own = new Set([config?.absPath, settings.baselinePath && path.resolve(settings.cwd, settings.baselinePath)].filter(Boolean));
  const files = discovered.filter((f) => !own.has(f.absPath));
  for (const s of skipped)
    findings.push(fileFinding(s.path, s.severity ?? 'notice', s.severity ? `Path ${s.reason}.` : `File ${s.reason}; skipped.`));

  const sources: SourceFile[] = [];
  const entities: Entity[] = [];
  const skippedNotHarness: string[] = [];
  for (const f of files) {
    const read = readSource(f.absPath, f.path, findings, skippedNotHarness, settings.overlay?.get(f.absPath));
    if (!read) continue;
    sources.push(read.source);
    entities.push(...modelFile(read.source, read.classified, findings));
  }

  const project = new Project(entities, sources);
  const options: Record<string, OptionValues> = {};
  const internalErrors: string[] = [];
  for (const rule of settings.rules) {
    options[rule.id] = optionsOf(rule, config, settings.ruleOptions?.[rule.id]);
    try {
      rule.check(contextFor(rule, project, options[rule.id]!, findings));
    } catch (e) {
      internalErrors.push(`rule ${rule.id} failed: ${(e as Error).stack ?? e}`);
    }
  }

  // Config levels, then inline suppressions, then the baseline; findings about those come last.
  const levelled = (list: Finding[]) => list.flatMap((f) => applyLevel(f, config, metaOf) ?? []);
  const out = levelled(sortAndDedupe(findings));
  const forbid = new Set(config?.forbidSuppression ?? []);
  const meta = applyInlineSuppressions(out, sources, {
    today: isoDay(settings.now ?? new Date()),
    forbid,
    configFile: config?.file,
    ruleIds: all.map((r) => r.id),
  });
  let baseline: BaselineSummary | undefined;
  if (settings.baselinePath) {
    const baselineAbs = path.resolve(settings.cwd, settings.baselinePath);
    const loaded = readBaseline(baselineAbs, settings.cwd, settings.overlay?.get(baselineAbs));
    const off = new Set(all.filter((r) => levelOf(config, r.id) === 'off').map((r) => r.id));
    const applied = applyBaseline(out, loaded, {
      cwd: settings.cwd,
      scanned: new Set(files.map((f) => f.absPath)),
      forbid,
      off,
      configFile: config?.file,
    });
    meta.push(...applied.meta);
    baseline = applied.summary;
  }
  return {
    findings: [...out, ...levelled(meta)].sort(compareFindings),
    filesScanned: sources.length,
    harnessFiles: sources.filter((s) => s.harness).length,
    entities: entities.length,
    skippedNotHarness,
    internalErrors,
    project,
    options,
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
  };
}

function contextFor(rule: Rule, project: Project, options: OptionValues, out: Finding[]): RuleContext<string> {
  return {
    project,
    options,
    report: (r) => {
      const message = formatMessage(rule.messages[r.messageId] ?? r.messageId, r.data);
      const f = finding(
        rule.id,
        r.severity ?? rule.severity,
        message,
        r.at,
        project,
        r.entity,
        r.related?.map((rel) => ({ ...locate(rel.at), message: rel.message })),
      );
      if (r.span) Object.assign(f, locateRange(r.at.file, r.span[0], r.span[1]));
      out.push(withFix(rule, r, f));
    },
    unresolved: (r) => {
      const f = finding(
        UNRESOLVED_REFERENCE,
        'notice',
        formatMessage(rule.messages[r.messageId] ?? r.messageId, r.data),
        r.at,
        project,
        r.entity,
        r.related?.map((rel) => ({ ...locate(rel.at), message: rel.message })),
      );
      out.push({ ...f, forRule: rule.id });
    },
  };
}

function finding(
  ruleId: string,
  severity: Severity,
  message: string,
  at: Located,
  project?: Project,
  entity?: string,
  related?: Finding['related'],
): Finding {
  const pos = locate(at);
  const out: Finding = { ruleId, severity, message, ...pos };
  if (entity) out.entity = entity;
  const yamlPath = project?.pathOf(at);
  if (yamlPath) out.yamlPath = yamlPath;
  out.identity = identityOf(at, yamlPath);
  if (related?.length)
    out.related = related.map(({ file, line, column, endLine, endColumn, message: m }) => ({
      file,
      line,
      column,
      endLine,
      endColumn,
      message: m,
    }));
  return out;
}

function fileFinding(file: string, severity: Severity, message: string): Finding {
  return { ruleId: 'yaml-syntax', severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A top-level key only Harness uses, alone on its line. */
const HARNESS_ONLY_KEY =
  /^(?:pipeline|connector|inputSet|overlayInputSet|infrastructureDefinition|serviceOverrides|monitoredService|policySet)[ \t]*:(?:[ \t]|\r?$)/m;
/** Top-level keys other tools use too (`service:` in Helm values, `trigger:` in Azure Pipelines): Harness only with an `identifier`. */
const SHARED_KEY = new RegExp(`^(?:${[...ENTITY_KINDS, ...KNOWN_UNCHECKED].join('|')})[ \\t]*:(?:[ \\t]|\\r?$)`, 'm');
/** Go (Helm) and Jinja template syntax where YAML structure belongs: a line or a value that starts `{{` or `{%`. */
const TEMPLATE_SYNTAX = /^[ \t]*(?:-[ \t]+)?\{[{%]|:[ \t]+\{\{/m;

/**
 * Whether a text that does not parse is still meant as a Harness entity: a top-level key only
 * Harness uses, or a shared one with an `identifier` below it, and no template syntax (a Helm or
 * Jinja template of a pipeline is not Harness YAML yet). Only then is a syntax error ours to report.
 */
export function looksLikeHarness(text: string): boolean {
  if (TEMPLATE_SYNTAX.test(text)) return false;
  return HARNESS_ONLY_KEY.test(text) || (SHARED_KEY.test(text) && /^[ \t]+identifier[ \t]*:/m.test(text));
}

/**
 * Reads and parses one file. Unreadable, binary and non-UTF-8 files become findings; a file that
 * does not parse becomes syntax errors only when it is meant as Harness YAML, and is otherwise
 * skipped without a finding (counted in `skippedNotHarness`).
 */
function readSource(
  absPath: string,
  shown: string,
  findings: Finding[],
  skippedNotHarness: string[],
  overlay?: string,
): { source: SourceFile; classified: Classified[] } | undefined {
  let bytes: Buffer;
  try {
    bytes = overlay === undefined ? fs.readFileSync(absPath) : Buffer.from(overlay, 'utf8');
  } catch (e) {
    findings.push(fileFinding(shown, 'error', `File cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`));
    return undefined;
  }
  if (bytes.includes(0)) {
    findings.push(fileFinding(shown, 'notice', 'File contains NUL bytes (binary); skipped.'));
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const harness = looksLikeHarness(bytes.toString('latin1'));
    findings.push(
      fileFinding(shown, harness ? 'error' : 'notice', `File is not valid UTF-8; ${harness ? 'YAML must be Unicode' : 'skipped'}.`),
    );
    return undefined;
  }
  // JSON files are read only when they hold an execution-config payload (a JSON array).
  if (path.extname(absPath).toLowerCase() === '.json' && !/^\s*\[/.test(text.replace(/^\uFEFF/, ''))) return undefined;
  const source = parseSource(shown, text);
  const classified = source.docs.map((_, i) => classify(source, i));
  const harness = classified.some(isHarness) || (source.problems.length > 0 && looksLikeHarness(text));
  const syntax = source.problems.filter((p) => p.kind === 'syntax');
  if ((syntax.length && !harness) || (harness && source.complexKeys)) {
    skippedNotHarness.push(shown);
    return undefined;
  }
  source.harness = harness;
  let syntaxErrors = 0;
  for (const p of source.problems) {
    const pos = locateRange(source, p.start, p.end);
    // Hostile input is worth a word even outside Harness YAML; an error only inside it.
    const yamlSyntax = (message: string, severity: Severity = 'error') =>
      findings.push({ ruleId: 'yaml-syntax', severity, message, ...pos });
    if (p.kind === 'too-deep') yamlSyntax('YAML nests too deeply to parse; the file is not checked.', harness ? 'error' : 'notice');
    else if (p.kind === 'aliases') yamlSyntax(`Document not checked: ${p.message}.`, harness ? 'error' : 'notice');
    else if (syntaxErrors++ < MAX_SYNTAX_ERRORS_PER_FILE) yamlSyntax(`${p.message}.`.replace(/\.\.$/, '.'));
  }
  return { source, classified };
}

/** Classifies each document, validates what the policies read, and returns the Harness entities. */
function modelFile(source: SourceFile, classified: Classified[], findings: Finding[]): Entity[] {
  const out: Entity[] = [];
  if (!source.harness) return out;
  source.docs.forEach((doc, i) => {
    const c = classified[i]!;
    if (c.kind === 'v1') findings.push(finding('schema', 'notice', 'Harness v1 YAML (`version: 1`) is not checked yet.', c.at.at));
    if (c.kind === 'unknown-harness')
      findings.push(finding('schema', 'notice', `Unknown Harness entity kind \`${c.key}\`; not checked.`, c.at.at));
    if (c.kind !== 'entity') return;
    out.push(c.entity);
    const schemaName = c.entity.kind === 'connector' ? 'connector' : c.entity.kind === 'pipeline' ? 'pipeline' : undefined;
    const top = View.root(source, doc);
    if (schemaName && top)
      for (const p of validateSchema(schemaName, doc.json, top))
        findings.push(
          finding(
            'schema',
            schemaRule.severity,
            `${capitalise(c.entity.kind)}${c.entity.identifier ? ` \`${c.entity.identifier}\`` : ''}: ${p.message}`,
            p.at,
          ),
        );
  });
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
