import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { fromRepoRoot } from '../engine/discover.js';
import { relatedLines } from './related.js';
import { allRules } from '../rules/index.js';
import { lookupFailureWarning } from '../model/harness-side.js';
import { plural } from './totals.js';
import { noControl } from './style.js';

/**
 * GitHub annotations within GitHub's budget. The runner turns only the first 10 error, 10 warning
 * and 10 notice workflow commands of a step into annotations and drops the rest silently
 * (actions/runner ExecutionContext `_maxCountPerIssueType = 10`). So we rank the findings, emit at
 * most that many of each level, and say how many more there are and where to read them.
 */

/** Annotations the runner keeps per level and step. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface Annotation {
  level: Severity;
  message: string;
  /** Carries the rule id. */
  title: string;
  file: string;
  startLine: number;
  endLine: number;
  /** Only for single-line findings: the runner drops columns when line != endLine. */
  startColumn?: number;
  endColumn?: number;
}

/** What a pull request or push changed, as annotations and summaries need it. */
export interface ChangeScope {
  /** The file is one the change touched. */
  file(path: string): boolean;
  /** Some line of the finding was added or edited by the change. */
  line(f: { file: string; line: number; endLine: number }): boolean;
}

export interface AnnotationPlanOptions {
  /** What the change touched: findings on changed lines rank first. */
  changed?: ChangeScope;
  /** Annotate only findings in `changed` files (default true; without `changed`, every file). */
  onlyChanged?: boolean;
  /** Keep one error slot free for the step's own failure message (`core.setFailed`). */
  reserveErrorSlot?: boolean;
  /** Warning slots already taken by other annotations (changes to the gate). */
  reserveWarnings?: number;
  /** Where the findings that are not annotated can be read, for the overflow notice. */
  seeAlso?: string;
}

export interface AnnotationPlan {
  /** In emission order: errors, then warnings, then notices, each ranked. */
  annotations: Annotation[];
  /** Findings in annotated files left out by the budget, per level. */
  overflow: Record<Severity, number>;
  /** Findings (not suppressed) left unannotated because their file is not changed. */
  unchangedFiles: number;
  /** One notice summarising what was left out; undefined when nothing was. Counted in the notice budget. */
  overflowNotice?: string;
  /** Every finding, not suppressed, in an annotated file, ranked (the check run gets all of them). */
  inScope: Finding[];
}

const LEVELS: readonly Severity[] = ['error', 'warning', 'notice'];
const ruleOrder = new Map(allRules.map((r, i) => [r.id, i]));

/**
 * Ranks findings for the annotation budget: on a changed line first, then by rule (policy rules
 * in policy order before the built-ins), then by file and position. Stable, so equal findings
 * keep the core's order.
 */
export function rankFindings(findings: readonly Finding[], changed?: ChangeScope): Finding[] {
  const key = (f: Finding) => [changed?.line(f) ? 0 : 1, ruleOrder.get(f.ruleId) ?? allRules.length] as const;
  return findings
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.f);
}

/** Related locations an annotation lists under its message (the rest are counted). */
const MAX_RELATED = 5;

export function toAnnotation(f: Finding): Annotation {
  const a: Annotation = {
    level: f.severity,
    message: [f.harnessUrl ? `${f.message} In Harness: ${f.harnessUrl}` : f.message, ...relatedLines(f, MAX_RELATED)].join('\n'),
    title: f.ruleId,
    file: f.file,
    startLine: f.line,
    endLine: Math.max(f.line, f.endLine),
  };
  if (a.startLine === a.endLine) {
    a.startColumn = f.column;
    a.endColumn = Math.max(f.column, f.endColumn);
  }
  return a;
}

export function planAnnotations(findings: readonly Finding[], opts: AnnotationPlanOptions = {}): AnnotationPlan {
  const filter = opts.onlyChanged === false ? undefined : opts.changed;
  // Suppressed findings (inline comment or baseline) are accepted: never annotated.
  const active = findings.filter((f) => !f.suppressed);
  const inScope = rankFindings(
    active.filter((f) => !filter || filter.file(f.file)),
    opts.changed,
  );
  const unchangedFiles = active.length - inScope.length;
  const byLevel = (l: Severity) => inScope.filter((f) => f.severity === l);
  const budget: Record<Severity, number> = {
    error: ANNOTATIONS_PER_LEVEL - (opts.reserveErrorSlot ? 1 : 0),
    warning: ANNOTATIONS_PER_LEVEL - (opts.reserveWarnings ?? 0),
    notice: ANNOTATIONS_PER_LEVEL,
  };
  const overflow: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  // The overflow notice takes a notice slot; decide that before picking notices.
  const overflows = (l: Severity, b: number) => byLevel(l).length > b;
  const needsNotice = overflows('error', budget.error) || overflows('warning', budget.warning) || overflows('notice', budget.notice);
  if (needsNotice) budget.notice -= 1;
  const annotations: Annotation[] = [];
  for (const level of LEVELS) {
    const list = byLevel(level);
    annotations.push(...list.slice(0, budget[level]).map(toAnnotation));
    overflow[level] = Math.max(0, list.length - budget[level]);
  }
  const omitted = overflow.error + overflow.warning + overflow.notice;
  let overflowNotice: string | undefined;
  if (omitted) {
    const parts = LEVELS.filter((l) => overflow[l]).map((l) => plural(overflow[l], l));
    overflowNotice =
      `${plural(omitted, 'more finding')} (${parts.join(', ')}) not annotated: GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each level per step.` +
      (opts.seeAlso ? ` See ${opts.seeAlso}.` : '');
  }
  return { annotations, overflow, unchangedFiles, overflowNotice, inScope };
}

// Workflow-command escaping, exactly as @actions/core's command.ts does it, after the control
// characters the log would act on (ESC starts colour codes) are made U+FFFD (`noControl`).
const escapeData = (s: string) => noControl(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One workflow command, with the properties in @actions/core's order and escaping. */
export function workflowCommand(a: Annotation): string {
  const props: Array<[string, string | number | undefined]> = [
    ['title', a.title],
    ['file', a.file],
    ['line', a.startLine],
    ['endLine', a.endLine],
    ['col', a.startColumn],
    ['endColumn', a.endColumn],
  ];
  const p = props
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${a.level} ${p}::${escapeData(a.message)}`;
}

/**
 * `--format github`: the annotation plan as workflow commands, for a CLI run inside an Actions
 * `run:` step. Findings past the budget follow as plain log lines, so none is lost.
 */
export function formatGithub(result: LintResult): string {
  const lookups = result.harness && lookupFailureWarning(result.harness);
  // The lookup warning takes a warning slot: as the 11th, the runner would drop it.
  // The runner reads `file=` from the repository root, whichever folder the step ran in.
  const inRepo = result.cwd === undefined ? undefined : fromRepoRoot(result.cwd, result.scope?.root);
  const named = (file: string) => inRepo?.(file) ?? file;
  const findings = inRepo
    ? result.findings.map((f) => ({
        ...f,
        file: named(f.file),
        ...(f.related ? { related: f.related.map((r) => ({ ...r, file: named(r.file) })) } : {}),
      }))
    : result.findings;
  const plan = planAnnotations(findings, { seeAlso: 'the plain log lines below', reserveWarnings: lookups ? 1 : 0 });
  const lines = plan.annotations.map(workflowCommand);
  if (lookups) lines.push(`::warning::${escapeData(lookups)}`);
  if (plan.overflowNotice) lines.push(`::notice::${escapeData(plan.overflowNotice)}`);
  const shown = new Set(plan.annotations.map((a) => `${a.file}\0${a.startLine}\0${a.startColumn}\0${a.title}\0${a.message}`));
  const listed: string[] = [];
  for (const f of findings) {
    const a = toAnnotation(f);
    if (shown.has(`${a.file}\0${a.startLine}\0${a.startColumn}\0${a.title}\0${a.message}`)) continue;
    const mark = f.suppressed ? ` (suppressed: ${f.suppressed.kind}${f.suppressed.reason ? ` -- ${f.suppressed.reason}` : ''})` : '';
    listed.push(`${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]${mark}`);
    if (!f.suppressed) listed.push(...relatedLines(f, MAX_RELATED).map((l) => `  ${l}`));
  }
  // A loop, not `push(...)`: a spread passes every line as an argument, which overflows the stack.
  for (const l of inertLines(listed)) lines.push(l);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * Log lines that hold text from the repository (file names, values, comments), made inert: each
 * on one line, and all between `::stop-commands::` and its end marker, so that a file named
 * `x\n::error::...` cannot issue a workflow command. The marker is a hash of the lines, which
 * they cannot contain, so nothing in them can end the block early.
 */
export function inertLines(lines: readonly string[]): string[] {
  if (!lines.length) return [];
  const flat = lines.map((l) => noControl(l.replace(/[\r\n]+/g, ' ')));
  const marker = createHash('sha256').update(flat.join('\n')).digest('hex');
  return [`::stop-commands::${marker}`, ...flat, `::${marker}::`];
}
