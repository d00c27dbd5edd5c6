import { ApiError, MAX_PULL_FILES, type GitHubApi } from '../github/client.js';
import { changedFiles, type ChangedFile, type ChangedFiles } from '../github/changed-files.js';
import type { RunContext } from '../github/context.js';
import { findDiffBase, gitChangedFiles } from '../github/git.js';

export interface ChangeDetection {
  /** Undefined: unknown, so every file counts as changed. */
  changed?: ChangedFiles;
  /**
   * The run's one listing of the pull request's files through the API, with their hunks, even when
   * it is cut at 3,000 files and `changed` comes from git instead. Suggestions are placed with it.
   */
  pullFiles?: readonly ChangedFile[];
  /** Git revision of the base, when git could find one (for the base versions of changed files). */
  gitBase?: string;
  /** Why git could not find the base, when it was tried and failed (so it is not tried, and fetched, again). */
  gitFailure?: string;
  /** What happened, for the log and the summary (fallbacks, truncation). */
  notes: string[];
}

/**
 * The files a pull request changed: through the REST API (paginated, up to 3,000), else from
 * `git diff` against the base. For a push, `git diff before..HEAD`. Never throws: when neither
 * works, `changed` is undefined and the notes say why.
 */
export async function detectChanges(
  /** The repository root: git runs there, and paths are named from it. */
  root: string,
  ctx: RunContext,
  api: Pick<GitHubApi, 'listPullFiles'> | undefined,
): Promise<ChangeDetection> {
  const notes: string[] = [];
  const pr = ctx.pullRequest;
  let pullFiles: ChangedFile[] | undefined;
  if (pr && ctx.repo && api) {
    try {
      const files = (pullFiles = await api.listPullFiles(ctx.repo, pr.number));
      const incomplete = files.length >= MAX_PULL_FILES || (pr.changedFiles !== undefined && files.length < pr.changedFiles);
      if (!incomplete) return { changed: changedFiles('api', files), pullFiles, notes };
      notes.push(
        `The API listed ${files.length} of the pull request's ${pr.changedFiles ?? 'more than ' + MAX_PULL_FILES} files (GitHub stops at ${MAX_PULL_FILES}); using git diff instead.`,
      );
    } catch (e) {
      const status = e instanceof ApiError ? e.status : undefined;
      const why =
        e instanceof ApiError && e.rateLimited
          ? "the token's API rate limit is spent"
          : status === 403
            ? 'the token is read-only or lacks `pull-requests: read` (a pull request from a fork?)'
            : 'the API call failed';
      notes.push(`Could not list the pull request's files through the API (${why}: ${(e as Error).message}); using git diff instead.`);
    }
  } else if (pr && !api) notes.push('No `github-token`: the changed files come from git diff.');
  const listed = pullFiles ? { pullFiles } : {};

  const baseSha = pr ? pr.baseSha : ctx.push?.before && !/^0+$/.test(ctx.push.before) ? ctx.push.before : undefined;
  if (!pr && !baseSha) {
    notes.push('No base commit to compare with (not a pull request, or a new branch): every file counts as changed.');
    return { ...listed, notes };
  }
  const tried: string[] = [];
  const base = findDiffBase(root, baseSha, tried);
  if (!base) {
    notes.push(
      `git diff is not possible (${tried.join('; ')}): every file counts as changed. Use \`actions/checkout\` with \`fetch-depth: 2\` or more.`,
    );
    return { ...listed, gitFailure: tried.join('; '), notes };
  }
  try {
    return { changed: changedFiles('git', gitChangedFiles(root, base.base, base.head)), ...listed, gitBase: base.base, notes };
  } catch (e) {
    notes.push(`git diff failed (${(e as Error).message.split('\n')[0]}): every file counts as changed.`);
    return { ...listed, notes };
  }
}
