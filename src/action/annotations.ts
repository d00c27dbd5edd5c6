import * as core from '@actions/core';
import type { Finding } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { changeScope } from '../github/changed-files.js';
import { inertLines, planAnnotations, type AnnotationPlan } from '../formats/github.js';
import { plural } from '../formats/totals.js';
import { CHECK_RUN_NAME } from './check-run.js';
import type { ChangeDetection } from './detect-changes.js';
import type { GateChange, GateSources } from './gate.js';
import type { HeadFiles } from './head-files.js';
import { lookupFailureWarning } from '../model/harness-side.js';
import { redactSecrets, type RunState } from './state.js';

/** Warning annotations given to changes of the gate; the summary lists them all. */
const MAX_GATE_ANNOTATIONS = 5;

/** Where every finding can be read, for the overflow notice and the failure message. */
export function whereToRead(state: RunState, sarifFile: string, written = { summary: true, checkRun: true }): string {
  const { settings, api } = state;
  return [
    settings.summary && written.summary ? 'the job summary' : '',
    settings.checkRun && api && written.checkRun ? `the check run "${CHECK_RUN_NAME}"` : '',
    sarifFile ? 'the SARIF file' : '',
    'the step log',
  ]
    .filter(Boolean)
    .join(', ');
}

export interface AnnotateOptions {
  detection: ChangeDetection;
  gateChanges: readonly GateChange[];
  /** Which files the checkout holds as the pull request's head does (their changed lines rank first). */
  head?: Pick<HeadFiles, 'atHead'>;
  /** The base versions of the gate could not be read: said first, as a warning. */
  gateWarning?: GateSources['unverified'];
  seeAlso: string;
}

/** The workflow-command properties of the gate warning: at line 1 of the file it is about, if any. */
export const gateWarningAt = (w: NonNullable<GateSources['unverified']>) => ({
  title: 'gate not compared',
  ...(w.file ? { file: w.file, startLine: 1 } : {}),
});

/**
 * The annotations step: changes to the gate first, so reviewers see them, then the findings
 * within GitHub's 10 per level and step (one error slot kept for the failure message), ranked,
 * with one notice counting the rest; then every finding in the log. Returns the plan, whose
 * `inScope` findings the check run holds.
 */
export function annotate(state: RunState, result: LintResult, o: AnnotateOptions): AnnotationPlan {
  const { settings } = state;
  const gateAnnotations = o.gateChanges.slice(0, MAX_GATE_ANNOTATIONS);
  // Lookups in Harness that got no answer: one warning for the run, not tied to a line.
  const lookups = result.harness && lookupFailureWarning(result.harness);
  const plan = planAnnotations(result.findings, {
    changed: changeScope(o.detection.changed, o.head?.atHead),
    onlyChanged: settings.onlyChanged,
    // An error is kept for the step's failure message, which can come later (a report file that cannot be written).
    reserveErrorSlot: true,
    reserveWarnings:
      gateAnnotations.length + (o.gateWarning ? 1 : 0) + (lookups ? 1 : 0) + (settings.suggestions && state.ctx.pullRequest ? 1 : 0),
    seeAlso: o.seeAlso,
  });
  if (o.gateWarning) core.warning(redactSecrets(o.gateWarning.message, settings), gateWarningAt(o.gateWarning));
  for (const c of gateAnnotations)
    core.warning(redactSecrets(c.message, settings), { title: 'gate change', file: c.file, startLine: c.line });
  const logInert = (lines: string[]) => inertLines(lines.map((l) => redactSecrets(l, settings))).forEach(state.log);
  logInert(o.gateChanges.map((c) => `Gate change: ${c.file}:${c.line}: ${c.message}`));
  if (lookups) core.warning(redactSecrets(lookups, settings), { title: 'Harness lookups' });
  // @actions/core escapes the workflow commands.
  for (const a of plan.annotations) {
    const { title, file, startLine, endLine, startColumn, endColumn } = a;
    // GitHub shows a pull request's annotations on its head: a file the checkout (the test-merge commit)
    // holds otherwise has other lines there, so the annotation names the file and says where the line is.
    if (file && o.head && !o.head.atHead(file)) {
      const at = ` (line ${startLine} of the commit checked out, whose lines in this file are not the pull request's)`;
      core[a.level](redactSecrets(a.message + at, settings), { title, file });
    } else core[a.level](redactSecrets(a.message, settings), { title, file, startLine, endLine, startColumn, endColumn });
  }
  if (plan.overflowNotice) core.notice(plan.overflowNotice);

  const where = settings.onlyChanged && o.detection.changed ? 'changed files' : 'the scanned files';
  const unchanged = plan.unchangedFiles ? ` (${plural(plan.unchangedFiles, 'finding')} in unchanged files: summary only)` : '';
  const annotated = `Annotated ${plan.annotations.length} of ${plural(plan.inScope.length, 'finding')} in ${where}${unchanged}.`;
  // In the summary itself, the rest is "below", not "in the job summary".
  if (plan.overflowNotice)
    state.notes.add(
      `${annotated} ${plan.overflowNotice.replace(/ See .*$/, ' The findings tables below list them.')}`,
      `${annotated} ${plan.overflowNotice}`,
    );
  else state.notes.add(annotated);

  core.startGroup(`All ${plural(result.findings.length, 'finding')}`);
  logInert(result.findings.map(logLine));
  core.endGroup();
  return plan;
}

/** One finding per log line (`inertLines` keeps them from issuing workflow commands). */
const logLine = (f: Finding) =>
  `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]${f.suppressed ? ` (suppressed: ${f.suppressed.kind})` : ''}`;
