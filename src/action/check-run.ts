import type { LintResult } from '../engine/lint.js';
import { changeScope } from '../github/changed-files.js';
import { publishCheckRun, toCheckRunAnnotation } from '../github/checks.js';
import type { AnnotationPlan } from '../formats/github.js';
import { plural, totals } from '../formats/totals.js';
import type { ChangeDetection } from './detect-changes.js';
import type { ConnectorImpact } from './impact.js';
import { linkBase, ruleDocsBase } from './links.js';
import type { Verdict } from './outputs.js';
import type { RunState } from './state.js';
import { renderSummary } from './summary.js';

export const CHECK_RUN_NAME = 'harness-registry-guard';
/** The check run's `output.summary` holds at most 65,535 characters. */
const CHECK_SUMMARY_MAX_BYTES = 60_000;

export interface CheckRunOptions {
  detection: ChangeDetection;
  impacts: readonly ConnectorImpact[];
  verdict: Verdict;
  plan: AnnotationPlan;
}

/**
 * The check-run step (`check-run: true`): one check run on the PR head holding every annotation
 * in scope, 50 per request. A refusal (a fork's read-only token) becomes a note, never a failure.
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
  try {
    const { requests } = await publishCheckRun(api, ctx.repo, {
      name: CHECK_RUN_NAME,
      headSha: ctx.headSha,
      conclusion: o.verdict.willFail ? 'failure' : 'success',
      title: `${plural(t.errors + t.warnings + t.notices, 'finding')}: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')}`,
      summary: renderSummary(result, {
        links: linkBase(ctx),
        changed: changeScope(o.detection.changed),
        impacts: o.impacts,
        notes: [o.verdict.text],
        maxBytes: CHECK_SUMMARY_MAX_BYTES,
        docsBaseUrl: ruleDocsBase(ctx),
        seeAlso: 'the job summary',
      }),
      annotations: o.plan.inScope.map(toCheckRunAnnotation),
    });
    notes.add(
      `Check run "${CHECK_RUN_NAME}" holds all ${plural(o.plan.inScope.length, 'annotation')} (${plural(requests, 'API request')}).`,
    );
    return true;
  } catch (e) {
    const readOnly = (e as { status?: number }).status === 403;
    notes.add(
      `Could not create the check run (${(e as Error).message}); ${readOnly ? 'the token is read-only (a pull request from a fork?) or lacks `checks: write`; ' : ''}the annotations and this summary are all there is.`,
    );
    return false;
  }
}
