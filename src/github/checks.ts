import type { Finding } from '../engine/finding.js';
import { CHECK_RUN_BATCH, CHECK_RUN_TEXT_MAX, type CheckConclusion, type CheckRunAnnotation, type GitHubApi, type Repo } from './client.js';

const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const;
const MAX_MESSAGE = 64 * 1024 - 1;

export function toCheckRunAnnotation(f: Finding): CheckRunAnnotation {
  const endLine = Math.max(f.line, f.endLine);
  const a: CheckRunAnnotation = {
    path: f.file,
    start_line: f.line,
    end_line: endLine,
    annotation_level: LEVEL[f.severity],
    message: f.message.length > MAX_MESSAGE ? f.message.slice(0, MAX_MESSAGE - 1) + '…' : f.message,
    title: f.ruleId,
  };
  // The Checks API accepts columns only on single-line annotations.
  if (endLine === f.line) {
    a.start_column = f.column;
    a.end_column = Math.max(f.column, f.endColumn);
  }
  return a;
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
export async function publishCheckRun(api: GitHubApi, repo: Repo, r: CheckRunRequest): Promise<{ id: number; requests: number }> {
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
