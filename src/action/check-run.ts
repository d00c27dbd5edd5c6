import type { LintResult } from '../engine/lint.js';
import { changeScope } from '../github/changed-files.js';
import { capAnnotations, MAX_CHECK_RUN_ANNOTATIONS, publishCheckRun, toCheckRunAnnotation } from '../github/checks.js';
import { ApiError, type CheckRunAnnotation } from '../github/client.js';
import type { AnnotationPlan } from '../formats/github.js';
import { plural, totals } from '../formats/totals.js';
import type { ChangeDetection } from './detect-changes.js';
import type { GateChange, GateSources } from './gate.js';
import type { HeadFiles } from './head-files.js';
import type { ConnectorImpact } from './impact.js';
import { linkBase, ruleDocsBase } from './links.js';
import type { Verdict } from './outputs.js';
import { redactSecrets, type RunState } from './state.js';
import { renderSummary } from './summary.js';

export const CHECK_RUN_NAME = 'harness-registry-guard';
/** The check run's `output.summary` holds at most 65,535 characters. */
const CHECK_SUMMARY_MAX_BYTES = 60_000;

export interface CheckRunOptions {
  detection: ChangeDetection;
  impacts: readonly ConnectorImpact[];
  verdict: Verdict;
  plan: AnnotationPlan;
  gateChanges?: readonly GateChange[];
  gateWarning?: GateSources['unverified'];
  /** Which files the checkout holds as the pull request's head does: the check run, on the head, names lines only in those. */
  head?: Pick<HeadFiles, 'checkoutSha' | 'atHead'>;
}

/** The gate's warning and changes as check-run annotations, before the findings' (a check run has no 10-per-level cap). */
function gateAnnotations(o: CheckRunOptions): CheckRunAnnotation[] {
  const at = (file: string, line: number, title: string, message: string): CheckRunAnnotation => ({
    path: file,
    start_line: line,
    end_line: line,
    annotation_level: 'warning',
    title,
    message,
  });
  return [
    ...(o.gateWarning?.file ? [at(o.gateWarning.file, 1, 'gate not compared', o.gateWarning.message)] : []),
    ...(o.gateChanges ?? []).map((c) => at(c.file, c.line, 'gate change', c.message)),
  ];
}

/** What the check run's summary says of the annotations past {@link MAX_CHECK_RUN_ANNOTATIONS}: how many, and where every finding is. */
function leftOutNote(left: readonly CheckRunAnnotation[], settings: RunState['settings']): string {
  const levels = (['failure', 'warning', 'notice'] as const)
    .map((l) => [l === 'failure' ? 'error' : l, left.filter((a) => a.annotation_level === l).length] as const)
    .filter(([, n]) => n)
    .map(([word, n]) => plural(n, word));
  // The job summary is cut to fit GitHub's limit too, so it is not said to hold every finding.
  const where = settings.sarifFile ? 'the step log and the SARIF file' : 'the step log';
  const summary = settings.summary ? ' (the job summary lists as many as it has room for)' : '';
  const cap = `which holds at most ${MAX_CHECK_RUN_ANNOTATIONS} (errors first, then warnings, then notices)`;
  return `${plural(left.length, 'annotation')} (${levels.join(', ')}) ${left.length === 1 ? 'is' : 'are'} left out of this check run, ${cap}: every finding is in ${where}${summary}.`;
}

/**
 * The check-run step (`check-run: true`): one check run on the PR head holding every annotation
 * in scope (at most {@link MAX_CHECK_RUN_ANNOTATIONS}), 50 per request. A refusal (a fork's
 * read-only token) becomes a note, never a failure.
 * False when a check run was asked for and none was made, so the closing message does not name it.
 */
export async function createCheckRun(state: RunState, result: LintResult, o: CheckRunOptions): Promise<boolean> {
  const { settings, ctx, api, notes } = state;
  if (!settings.checkRun) return true;
  if (!api || !ctx.repo || !ctx.headSha) {
    notes.add('`check-run: true` but no token, repository or commit is known: no check run was created.');
    return false;
  }
  const t = totals(result.findings);
  // The checkout's lines of a file it holds otherwise than the head (the test-merge commit) are not the head's.
  const atHead = o.plan.inScope.filter((f) => !o.head || o.head.atHead(f.file));
  const elsewhere = o.plan.inScope.length - atHead.length;
  const all = [...gateAnnotations(o), ...atHead.map(toCheckRunAnnotation)];
  const { kept, left } = capAnnotations(all);
  // What goes to the API is not masked by the runner: a finding that quotes a secret is redacted here.
  const annotations = kept.map((a) => ({ ...a, message: redactSecrets(a.message, settings) }));
  try {
    const { requests } = await publishCheckRun(api, ctx.repo, {
      name: CHECK_RUN_NAME,
      headSha: ctx.headSha,
      conclusion: o.verdict.willFail ? 'failure' : 'success',
      title: `${plural(t.errors + t.warnings + t.notices, 'finding')}: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')}`,
      summary: redactSecrets(
        renderSummary(result, {
          links: linkBase(ctx, o.head),
          changed: changeScope(o.detection.changed),
          impacts: o.impacts,
          gateChanges: o.gateChanges ?? [],
          notes: [
            o.verdict.text,
            ...(o.gateWarning ? [`⚠️ ${o.gateWarning.message}`] : []),
            ...(elsewhere
              ? [
                  `${plural(elsewhere, 'finding')} in files the checkout (the test-merge commit) holds otherwise than the pull request's head: not annotated here, as the head's lines differ; the tables link them in the commit checked out.`,
                ]
              : []),
            ...(left.length ? [leftOutNote(left, settings)] : []),
          ],
          maxBytes: CHECK_SUMMARY_MAX_BYTES,
          docsBaseUrl: ruleDocsBase(ctx),
          seeAlso: settings.summary ? 'the job summary' : 'the step log',
        }),
        settings,
      ),
      annotations,
    });
    notes.add(
      left.length
        ? `Check run "${CHECK_RUN_NAME}" holds ${annotations.length} of ${plural(all.length, 'annotation')} (capped at ${MAX_CHECK_RUN_ANNOTATIONS}, errors first; ${plural(requests, 'API request')}).`
        : `Check run "${CHECK_RUN_NAME}" holds all ${plural(annotations.length, 'annotation')} (${plural(requests, 'API request')}).`,
    );
    return true;
  } catch (e) {
    const why =
      e instanceof ApiError && e.rateLimited
        ? "the token's API rate limit is spent; "
        : (e as { status?: number }).status === 403
          ? 'the token is read-only (a pull request from a fork?) or lacks `checks: write`; '
          : '';
    // With `summary: false` this note is read in the step log only.
    const rest = settings.summary
      ? 'the annotations and this summary are all there is'
      : 'the annotations and the step log are all there is';
    notes.add(`Could not create the check run (${(e as Error).message}); ${why}${rest}.`);
    return false;
  }
}
