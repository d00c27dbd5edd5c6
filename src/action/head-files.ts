import path from 'node:path';
import { readText } from '../engine/file-text.js';
import type { LintResult } from '../engine/lint.js';
import type { ChangedFiles } from '../github/changed-files.js';
import { commitOf, filesDifferingFrom, gitShow } from '../github/git.js';
import type { RunState } from './state.js';

/**
 * On `pull_request`, `actions/checkout` checks out the test-merge commit, not the pull request's
 * head. Where the base branch changed a file too, the checkout's lines are not the head's, and the
 * head's are the ones the API's patches, the check run (on the head) and links to the head name.
 */
export interface HeadFiles {
  /** The commit checked out, when it is not the head: links to files not at the head point there. */
  checkoutSha?: string;
  /** The file's checkout equals its version at the head (false when that could not be told). */
  atHead(file: string): boolean;
  /** The head's text of a file, when it was read (undefined too when the head has no such file). */
  headText(file: string): string | undefined;
}

/** The head's versions read through the API at most: each is one request. */
const MAX_API_READS = 100;

/**
 * Which files of the checkout are the head's: all of them outside pull requests, when the head is
 * checked out, or when the workspace is no git checkout (then taken as the head, as before). Else
 * git compares them with the head when it has the head commit (`fetch-depth: 2`); without it, the
 * API gives the head's versions of `wanted` (the files that need theirs, most needed first).
 */
export async function headFiles(state: RunState, wanted: () => Iterable<string>): Promise<HeadFiles> {
  const { root, ctx, api } = state;
  const headSha = ctx.pullRequest?.headSha;
  const checkoutSha = commitOf(root, 'HEAD');
  if (!headSha || !checkoutSha || checkoutSha === headSha) return { atHead: () => true, headText: () => undefined };
  const differ = filesDifferingFrom(root, headSha);
  if (differ) return { checkoutSha, atHead: (f) => !differ.has(f), headText: (f) => gitShow(root, headSha, f) };
  const texts = new Map<string, string | undefined>();
  if (api && ctx.repo)
    for (const f of [...new Set(wanted())].slice(0, MAX_API_READS)) {
      try {
        texts.set(f, await api.readFileAt(ctx.repo, f, headSha));
      } catch (e) {
        // A file the head lacks is an answer (undefined); an error is the API failing (a spent rate limit, 5xx
        // after retries, a timeout), which the next file would only wait for again: the rest stay unread.
        state.log(
          `Could not read ${f} at the pull request's head (${(e as Error).message}): it and the files after it are taken as not the head's.`,
        );
        break;
      }
    }
  return {
    checkoutSha,
    // Line ends aside: a checkout that converts them (`.gitattributes` `eol=crlf`) keeps the head's lines.
    atHead: (f) => texts.has(f) && sameLines(texts.get(f), readText(path.join(root, f))),
    headText: (f) => texts.get(f),
  };
}

/**
 * The changed files whose head versions may be asked for: those holding a suppression comment
 * first (the gate needs their head's lines), then those with findings (the check run's lines).
 */
export function filesToCompare(root: string, changed: ChangedFiles | undefined, result: Pick<LintResult, 'findings' | 'scope'>): string[] {
  if (!changed) return [];
  const { findings, scope } = result;
  const suppressing = [...changed.files.keys()].filter((f) => {
    const abs = path.join(root, f);
    return scope.scanned?.has(abs) && readText(abs)?.includes('harness-registry-guard-disable');
  });
  return [...new Set([...suppressing, ...findings.map((f) => f.file).filter((f) => changed.files.has(f))])];
}

const sameLines = (a: string | undefined, b: string | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n'));
