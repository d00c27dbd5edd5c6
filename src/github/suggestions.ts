import crypto from 'node:crypto';
import { overlaps } from '../engine/edits.js';
import type { Edit, Finding } from '../engine/finding.js';
import type { ChangedFile } from './changed-files.js';
import type { GitHubApi, Repo, ReviewComment } from './client.js';
import { gitLineOf, insideHunk } from './hunks.js';
import { cmp } from '../engine/compare.js';

/**
 * Posts fixes and suggestions as GitHub "suggested changes" on a pull request: review comments
 * holding a ```suggestion block, only on lines inside the PR's diff hunks (GitHub rejects others).
 * Every comment carries a hidden marker with a key, so a re-run updates its own comments, deletes
 * the ones whose finding is gone, and never posts the same suggestion twice.
 */

export const SUGGESTION_MARKER = 'harness-registry-guard:suggestion';
/** Our comments start with the marker; one that only holds it (a reviewer quoting ours) is not ours. */
const MARKER_RE = new RegExp(`^<!-- ${SUGGESTION_MARKER} key=([0-9a-f]+) -->\r?\n`);

/** The REST calls this module makes, all through the client's error wrapper. */
export type ReviewCommentsApi = Pick<
  GitHubApi,
  'listReviewComments' | 'createReviewComment' | 'updateReviewComment' | 'deleteReviewComment'
> &
  Partial<Pick<GitHubApi, 'authenticatedLogin'>>;

/**
 * Suggested changes per run: each comment is a throttled write (about 3 s), and a pull request
 * with hundreds of fixes is better served by `harness-registry-guard fix`.
 */
export const MAX_SUGGESTIONS = 25;

/** Whole lines [startLine, endLine] of a file (1-based, new side) and the text that replaces them. */
export interface SuggestedChange {
  path: string;
  startLine: number;
  endLine: number;
  replacement: string;
  title: string;
  ruleIds: string[];
  /** All edits are safe fixes (else at least one needs review). */
  safe: boolean;
}

interface Pending {
  path: string;
  text: string;
  start: number;
  end: number;
  edits: Edit[];
  titles: string[];
  ruleIds: string[];
  safe: boolean;
}

/**
 * Turns findings' fixes and suggestions into whole-line changes. `readText` returns a file's text
 * by the finding's path (a leading BOM is ignored, as the edits' offsets exclude it). Changes on
 * the same lines are merged when their edits do not overlap; otherwise the later one is dropped.
 */
export function suggestedChanges(findings: readonly Finding[], readText: (file: string) => string | undefined): SuggestedChange[] {
  const byFile = new Map<string, Pending[]>();
  for (const f of findings) {
    const edits = f.fix ?? f.suggestion?.edits;
    if (!edits?.length || (f as Finding & { suppressed?: unknown }).suppressed) continue;
    const raw = readText(f.file);
    if (raw === undefined) continue;
    const text = raw.replace(/^\uFEFF/, '');
    if (edits.some((e) => e.end > text.length)) continue;
    const start = gitLineOf(text, Math.min(...edits.map((e) => e.start)));
    const end = gitLineOf(text, Math.max(...edits.map((e) => e.end)));
    const title = f.fixTitle ?? f.suggestion?.title ?? f.message;
    const list = byFile.get(f.file) ?? [];
    const clash = list.find((p) => p.start <= end && start <= p.end);
    if (!clash) list.push({ path: f.file, text, start, end, edits: [...edits], titles: [title], ruleIds: [f.ruleId], safe: !!f.fix });
    else if (!edits.some((e) => clash.edits.some((c) => overlaps(c, e)))) {
      clash.start = Math.min(clash.start, start);
      clash.end = Math.max(clash.end, end);
      clash.edits.push(...edits);
      clash.titles.push(title);
      if (!clash.ruleIds.includes(f.ruleId)) clash.ruleIds.push(f.ruleId);
      clash.safe &&= !!f.fix;
    }
    byFile.set(f.file, list);
  }
  const out: SuggestedChange[] = [];
  for (const list of byFile.values())
    for (const p of list) {
      const from = lineStart(p.text, p.start);
      const to = lineEndOf(p.text, p.end);
      let replacement = p.text.slice(from, to);
      for (const e of [...p.edits].sort((a, b) => b.start - a.start))
        replacement = replacement.slice(0, e.start - from) + e.text + replacement.slice(e.end - from);
      out.push({
        path: p.path,
        startLine: p.start,
        endLine: p.end,
        replacement: replacement.replace(/\r\n/g, '\n'),
        title: p.titles.join(' '),
        ruleIds: p.ruleIds,
        safe: p.safe,
      });
    }
  return out.sort((a, b) => cmp(a.path, b.path) || a.startLine - b.startLine);
}

function lineStart(text: string, line: number): number {
  let pos = 0;
  for (let l = 1; l < line; l++) pos = text.indexOf('\n', pos) + 1;
  return pos;
}

function lineEndOf(text: string, line: number): number {
  const start = lineStart(text, line);
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** The comment body: hidden marker with the change's key, a title line, and the suggestion block. */
export function suggestionBody(c: SuggestedChange): string {
  const fence = '`'.repeat(Math.max(3, ...(c.replacement.match(/`{3,}/g) ?? []).map((t) => t.length + 1)));
  const kind = c.safe ? 'safe fix (what `harness-registry-guard fix` applies)' : 'suggestion: review before committing';
  return [
    `<!-- ${SUGGESTION_MARKER} key=${changeKey(c)} -->`,
    `**harness-registry-guard** · ${c.ruleIds.map((r) => `\`${r}\``).join(', ')} · ${kind}`,
    '',
    c.title,
    '',
    `${fence}suggestion`,
    c.replacement,
    fence,
  ].join('\n');
}

/** Same file, lines and rules ⇒ same key, so a re-run finds the comment it posted before. */
export function changeKey(c: Pick<SuggestedChange, 'path' | 'startLine' | 'endLine' | 'ruleIds'>): string {
  return crypto
    .createHash('sha256')
    .update([c.path, c.startLine, c.endLine, [...c.ruleIds].sort().join(',')].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

export interface SyncOptions {
  api: ReviewCommentsApi;
  repo: Repo;
  pullNumber: number;
  /** The PR head commit the comments are made on. */
  headSha: string;
  /** The pull request's files as the one listing of the run gave them, with their hunks. */
  files: ReadonlyArray<Pick<ChangedFile, 'path' | 'hunks'>>;
  changes: readonly SuggestedChange[];
  /** At most this many suggestions are kept on the pull request; default {@link MAX_SUGGESTIONS}. */
  max?: number;
}

export interface SyncResult {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Changes not posted because their lines are not inside the PR's diff hunks. */
  outsideDiff: SuggestedChange[];
  /** Changes inside the diff not posted because of the cap per run. */
  leftOut: number;
  /** Calls that failed, with what was attempted; the rest still ran. */
  errors: string[];
}

/**
 * Our earlier comments: the marker first in the body, and written by the token that writes ours.
 * A bot (the GITHUB_TOKEN's `github-actions[bot]`, an App) or the token's own user (a personal
 * access token); a person who pastes our marker is neither, and their comment is never touched.
 * A comment whose author is not given at all (test doubles) is judged by the marker alone.
 */
async function ownComments(api: ReviewCommentsApi, all: readonly ReviewComment[]): Promise<Array<{ c: ReviewComment; key: string }>> {
  const marked = all
    .map((c) => ({ c, key: MARKER_RE.exec(c.body)?.[1] }))
    .filter((x): x is { c: ReviewComment; key: string } => x.key !== undefined);
  const byBot = (c: ReviewComment) => c.user === undefined || c.user?.type === 'Bot';
  // Asked only when a person's comment carries the marker.
  const me = marked.some((x) => !byBot(x.c)) ? await api.authenticatedLogin?.() : undefined;
  return marked.filter((x) => byBot(x.c) || (me !== undefined && x.c.user?.login === me));
}

/** Creates, updates and deletes this tool's suggestion comments so that they match `changes`. */
export async function syncSuggestions(o: SyncOptions): Promise<SyncResult> {
  const result: SyncResult = { created: 0, updated: 0, deleted: 0, unchanged: 0, outsideDiff: [], leftOut: 0, errors: [] };
  const hunks = new Map(o.files.map((f) => [f.path, f.hunks]));
  const inDiff = new Map<string, SuggestedChange>();
  for (const c of o.changes) {
    if (insideHunk(hunks.get(c.path), c.startLine, c.endLine)) inDiff.set(changeKey(c), c);
    else result.outsideDiff.push(c);
  }
  const ours = await ownComments(o.api, await o.api.listReviewComments(o.repo, o.pullNumber));
  // The cap: changes that already have a comment first (a re-run keeps them), then in file order.
  const max = o.max ?? MAX_SUGGESTIONS;
  const posted = new Set(ours.map((x) => x.key));
  const order = [...inDiff.keys()].sort((a, b) => Number(posted.has(b)) - Number(posted.has(a)));
  const wanted = new Map(order.slice(0, max).map((k) => [k, inDiff.get(k)!]));
  result.leftOut = inDiff.size - wanted.size;
  const kept = new Set<string>();
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      return true;
    } catch (e) {
      result.errors.push(`${what}: ${(e as Error).message}`);
      return false;
    }
  };
  for (const { c, key } of ours) {
    const want = wanted.get(key);
    if (!want || kept.has(key)) {
      if (await attempt(`delete comment ${c.id}`, () => o.api.deleteReviewComment(o.repo, c.id))) result.deleted++;
      continue;
    }
    kept.add(key);
    const body = suggestionBody(want);
    if (c.body === body) result.unchanged++;
    else if (await attempt(`update comment ${c.id}`, () => o.api.updateReviewComment(o.repo, c.id, body))) result.updated++;
  }
  for (const [key, c] of wanted) {
    if (kept.has(key)) continue;
    const ok = await attempt(`comment on ${c.path}:${c.startLine}`, () =>
      o.api.createReviewComment(o.repo, {
        pullNumber: o.pullNumber,
        commitId: o.headSha,
        path: c.path,
        body: suggestionBody(c),
        line: c.endLine,
        ...(c.startLine < c.endLine ? { startLine: c.startLine } : {}),
      }),
    );
    if (ok) result.created++;
  }
  return result;
}
