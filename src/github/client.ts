import { getOctokit } from '@actions/github';
import type { PullsApi } from './suggestions.js';
import type { ChangedFile } from './changed-files.js';
import { addedLines } from './changed-files.js';

/** GitHub returns at most this many files for a pull request (REST "List pull requests files"). */
export const MAX_PULL_FILES = 3000;
/** The Checks API takes at most 50 annotations per request. */
export const CHECK_RUN_BATCH = 50;
/** `output.summary` and `output.text` of a check run: "Maximum length: 65535 characters". */
export const CHECK_RUN_TEXT_MAX = 65535;

export interface Repo {
  owner: string;
  repo: string;
}

export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  annotations?: CheckRunAnnotation[];
}

/** The REST calls the Action makes. A fake implements it in unit tests; the real one is Octokit. */
export interface GitHubApi {
  /** Every file of a pull request, following `Link` pagination, up to {@link MAX_PULL_FILES}. */
  listPullFiles(repo: Repo, pullNumber: number): Promise<ChangedFile[]>;
  createCheckRun(
    repo: Repo,
    body: { name: string; head_sha: string; status: 'in_progress' | 'completed'; conclusion?: CheckConclusion; output: CheckRunOutput },
  ): Promise<number>;
  updateCheckRun(
    repo: Repo,
    id: number,
    body: { status?: 'completed'; conclusion?: CheckConclusion; output: CheckRunOutput },
  ): Promise<void>;
  /** Review-comment endpoints, for posting fixes as suggested changes. */
  pulls?: PullsApi;
}

/** An API call failed: `status` is the HTTP status when there was a response (403 for a fork's read-only token). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Ends any single request that takes longer than this, so a hung API cannot hang the step. */
const REQUEST_TIMEOUT_MS = 60_000;

interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

/**
 * The Octokit-backed API at `baseUrl` (GITHUB_API_URL). Errors become {@link ApiError} whose
 * message is the API's own message with the token removed; Octokit's own logging is silenced.
 */
export function createGitHubApi(token: string, baseUrl: string): GitHubApi {
  const octokit = getOctokit(token, {
    baseUrl,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const request = () => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const wrap = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      const status = typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : undefined;
      const message = redact(String((e as Error).message ?? e), token);
      throw new ApiError(`${what} failed${status ? ` (HTTP ${status})` : ''}: ${message}`, status);
    }
  };
  return {
    pulls: octokit.rest.pulls,
    listPullFiles: (repo, pullNumber) =>
      wrap('listing the pull request files', async () => {
        const files: ChangedFile[] = [];
        const params = { ...repo, pull_number: pullNumber, per_page: 100, request: request() };
        for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, params)) {
          for (const f of page.data as PullFile[]) {
            files.push({
              path: f.filename,
              status: f.status,
              ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
              ...(typeof f.patch === 'string' ? { lines: addedLines(f.patch) } : {}),
            });
          }
          if (files.length >= MAX_PULL_FILES) break;
        }
        return files.slice(0, MAX_PULL_FILES);
      }),
    createCheckRun: (repo, body) =>
      wrap('creating the check run', async () => {
        const res = await octokit.rest.checks.create({ ...repo, ...body, request: request() });
        return res.data.id;
      }),
    updateCheckRun: (repo, id, body) =>
      wrap('updating the check run', async () => {
        await octokit.rest.checks.update({ ...repo, check_run_id: id, ...body, request: request() });
      }),
  };
}

/** Removes every occurrence of the secret (and its Basic-auth base64 forms) from a text. */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  let out = text;
  for (const s of [secret, Buffer.from(`x-access-token:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')])
    out = out.split(s).join('***');
  return out;
}
