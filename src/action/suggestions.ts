import path from 'node:path';
import { readText } from '../engine/file-text.js';
import * as core from '@actions/core';
import type { LintResult } from '../engine/lint.js';
import { MAX_SUGGESTIONS, suggestedChanges, syncSuggestions } from '../github/suggestions.js';
import type { ChangeDetection } from './detect-changes.js';
import type { HeadFiles } from './head-files.js';
import { redactSecrets, type RunState } from './state.js';

/**
 * The suggestions step (`suggestions: true`): fixes become suggested changes on lines inside the
 * pull request's diff, placed with the run's one listing of its files, and this Action's earlier
 * comments are updated or removed. Never fails the run; what happened becomes a note.
 */
export async function postSuggestions(state: RunState, result: LintResult, detection: ChangeDetection, head: HeadFiles): Promise<void> {
  if (state.settings.suggestions) state.notes.add(await suggest(state, result, detection, head));
}

async function suggest(state: RunState, result: LintResult, detection: ChangeDetection, head: HeadFiles): Promise<string> {
  const { settings, ctx, api } = state;
  const pr = ctx.pullRequest;
  if (!pr || !ctx.repo) return '`suggestions: true` applies to pull requests only: no suggestions posted.';
  if (!api) return '`suggestions: true` but no token: no suggestions posted.';
  if (pr.isFork) return 'This pull request comes from a fork, whose token is read-only: fixes are not posted as suggestions.';
  if (!detection.pullFiles) return "The API did not list the pull request's files, so no suggestions could be placed on its diff.";
  try {
    // Only files whose checkout equals the PR head get suggestions: a pull_request checkout is the
    // test-merge commit, and a suggestion placed at its lines would replace another line of the head.
    const atHead = (file: string) => (head.atHead(file) ? readText(path.join(state.root, file)) : undefined);
    const r = await syncSuggestions({
      api,
      repo: ctx.repo,
      pullNumber: pr.number,
      headSha: pr.headSha ?? '',
      files: detection.pullFiles,
      // A comment is not masked by the runner: titles are redacted, and a change whose text holds a secret is not posted.
      changes: suggestedChanges(result.findings, atHead)
        .filter((c) => redactSecrets(c.replacement, settings) === c.replacement)
        .map((c) => ({ ...c, title: redactSecrets(c.title, settings) })),
    });
    // One warning for all the calls that failed: the runner keeps only 10 warnings a step, and the findings' come first.
    for (const e of r.errors) state.log(`Suggested change not posted: ${e}`);
    if (r.errors.length)
      core.warning(
        redactSecrets(
          `${r.errors.length} suggested change${r.errors.length === 1 ? '' : 's'} could not be posted or cleaned up (${r.errors[0]}); the step log lists them.`,
          settings,
        ),
        { title: 'suggested changes' },
      );
    const leftOut = r.leftOut
      ? `; ${r.leftOut} more left out (at most ${MAX_SUGGESTIONS} a run; \`harness-registry-guard fix\` applies the safe fixes, the findings list the rest)`
      : '';
    return `Suggested changes: ${r.created} created, ${r.updated} updated, ${r.deleted} removed, ${r.unchanged} unchanged; ${r.outsideDiff.length} outside the diff (see the findings)${leftOut}${r.errors.length ? `; ${r.errors.length} failed` : ''}.`;
  } catch (e) {
    return `Suggested changes not posted (${redactSecrets((e as Error).message, settings)}).`;
  }
}
