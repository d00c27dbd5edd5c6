import { findDiffBase, gitShow } from '../github/git.js';
import type { ChangeDetection } from './detect-changes.js';
import type { RunState } from './state.js';

/**
 * The base branch's versions of the gate's files (the config and the baseline), so a pull request
 * is checked with them: from git at the base commit when the checkout has it, else from the REST
 * API's contents endpoint at the base SHA. When neither can be had, `why` says so; the gate then
 * warns that the pull request's own versions were used.
 */
export type BaseVersions =
  | {
      from: 'git' | 'api';
      /** A file's text at the base (path from the repository root); undefined when it did not exist there. */
      read(file: string): string | undefined;
    }
  | { from?: undefined; why: string };

/** `files`: every path `read` may be asked for (the API is asked for these only, once each). */
export async function baseVersions(state: RunState, detection: ChangeDetection, files: readonly string[]): Promise<BaseVersions> {
  const { root, ctx, api } = state;
  const baseSha = ctx.pullRequest?.baseSha;
  const tried: string[] = [];
  // detect-changes already tried git (and a fetch) when it fell back to it: not twice.
  const rev = detection.gitBase ?? (detection.gitFailure ? undefined : findDiffBase(root, baseSha, tried)?.base);
  if (rev) return { from: 'git', read: (f) => gitShow(root, rev, f) };
  const gitWhy = detection.gitFailure ?? tried.join('; ');
  if (!baseSha) return { why: `${gitWhy}; the event names no base commit` };
  if (!api || !ctx.repo) return { why: `${gitWhy}; and without a \`github-token\` the API cannot be asked` };
  const texts = new Map<string, string | undefined>();
  try {
    for (const f of new Set(files)) if (!f.startsWith('../')) texts.set(f, await api.readFileAt(ctx.repo, f, baseSha));
  } catch (e) {
    return { why: `${gitWhy}; ${(e as Error).message}` };
  }
  return {
    from: 'api',
    read: (f) => {
      // A path not asked for is a bug here, never "absent at the base" (that would drop the base's gate).
      if (!texts.has(f) && !f.startsWith('../')) throw new Error(`internal: ${f} was not read at the base commit`);
      return texts.get(f);
    },
  };
}
