import type { Finding } from '../engine/finding.js';
import { toAnnotation, type Annotation } from '../formats/github.js';
import { CHECK_RUN_BATCH, CHECK_RUN_TEXT_MAX, type CheckConclusion, type CheckRunAnnotation, type GitHubApi, type Repo } from './client.js';

const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const;
const MAX_MESSAGE = 64 * 1024 - 1;

/**
 * A finding as a Checks API annotation: the same annotation a workflow command gets
 * ({@link toAnnotation} decides lines and columns for both), in the Checks API's field names.
 */
export function toCheckRunAnnotation(f: Finding): CheckRunAnnotation {
  return checkRunAnnotation(toAnnotation(f));
}

export function checkRunAnnotation(a: Annotation): CheckRunAnnotation {
  return {
    path: a.file,
    start_line: a.startLine,
    end_line: a.endLine,
    annotation_level: LEVEL[a.level],
    message: a.message.length > MAX_MESSAGE ? a.message.slice(0, MAX_MESSAGE - 1) + '…' : a.message,
    title: a.title,
    // The Checks API, like the runner, takes columns only on single-line annotations; toAnnotation leaves them out otherwise.
    ...(a.startColumn !== undefined ? { start_column: a.startColumn } : {}),
    ...(a.endColumn !== undefined ? { end_column: a.endColumn } : {}),
  };
}

/**
 * The most annotations one check run carries: 20 requests of 50. A file with tens of thousands of
 * findings would otherwise spend the token's hourly request budget, a second a request.
 */
export const MAX_CHECK_RUN_ANNOTATIONS = 1000;

const RANK = { failure: 0, warning: 1, notice: 2 } as const;

/**
 * The annotations a check run carries: all of them up to `max`; past it, errors first, then
 * warnings, then notices, each level in the order given. `left` is the rest, in the same order.
 */
export function capAnnotations(
  annotations: readonly CheckRunAnnotation[],
  max = MAX_CHECK_RUN_ANNOTATIONS,
): { kept: CheckRunAnnotation[]; left: CheckRunAnnotation[] } {
  if (annotations.length <= max) return { kept: [...annotations], left: [] };
  // Array.prototype.sort is stable: each level keeps its order.
  const ranked = [...annotations].sort((a, b) => RANK[a.annotation_level] - RANK[b.annotation_level]);
  return { kept: ranked.slice(0, max), left: ranked.slice(max) };
}

export interface CheckRunRequest {
  name: string;
  headSha: string;
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations: CheckRunAnnotation[];
}

/**
 * Creates one check run holding every annotation: the first 50 with the create request, the rest
 * appended by updates of 50 each (the Checks API limit per request); the last request completes it.
 * Returns the check run id and the number of requests made.
 */
export async function publishCheckRun(
  api: Pick<GitHubApi, 'createCheckRun' | 'updateCheckRun'>,
  repo: Repo,
  r: CheckRunRequest,
): Promise<{ id: number; requests: number }> {
  const summary = r.summary.length > CHECK_RUN_TEXT_MAX ? r.summary.slice(0, CHECK_RUN_TEXT_MAX - 1) + '…' : r.summary;
  const title = r.title.slice(0, 255);
  const batches: CheckRunAnnotation[][] = [];
  for (let i = 0; i < r.annotations.length; i += CHECK_RUN_BATCH) batches.push(r.annotations.slice(i, i + CHECK_RUN_BATCH));
  const [first = [], ...rest] = batches;
  const done = { status: 'completed' as const, conclusion: r.conclusion };
  const id = await api.createCheckRun(repo, {
    name: r.name,
    head_sha: r.headSha,
    ...(rest.length ? { status: 'in_progress' as const } : done),
    output: { title, summary, annotations: first },
  });
  let requests = 1;
  for (let i = 0; i < rest.length; i++) {
    const last = i === rest.length - 1;
    try {
      await api.updateCheckRun(repo, id, { ...(last ? done : {}), output: { title, summary, annotations: rest[i]! } });
    } catch (e) {
      // Never leave the run "in progress" on the PR: complete it, saying annotations are missing.
      const note = `\n\n${(rest.length - i) * CHECK_RUN_BATCH} or fewer annotations could not be added; see the job summary.`;
      await api
        .updateCheckRun(repo, id, { ...done, output: { title, summary: summary.slice(0, CHECK_RUN_TEXT_MAX - note.length) + note } })
        .catch(() => undefined);
      throw e;
    }
    requests++;
  }
  return { id, requests };
}
