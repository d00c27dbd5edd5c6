import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { ChangedFile } from './changed-files.js';
import { parsePatch } from './hunks.js';

/** GitHub returns at most this many files for a pull request (REST "List pull requests files"). */
export const MAX_PULL_FILES = 3000;
/** The Checks API takes at most 50 annotations per request. */
export const CHECK_RUN_BATCH = 50;
/** `output.summary` and `output.text` of a check run: "Maximum length: 65535 characters". */
export const CHECK_RUN_TEXT_MAX = 65535;

/** Ends any single HTTP request (one page, one attempt) that takes longer than this, so a hung API cannot hang the step. */
export const REQUEST_TIMEOUT_MS = 60_000;
/** Retries of a request that failed with a server error (5xx) or on the network: 2, after 1 s and 4 s (Octokit's back-off). */
export const SERVER_ERROR_RETRIES = 2;
/** Retries after a rate limit or a secondary rate limit (403 or 429)... */
export const RATE_LIMIT_RETRIES = 2;
/** ...each only when GitHub asks to wait at most this many seconds (`retry-after`, or until the reset). */
export const RATE_LIMIT_MAX_WAIT_S = 60;

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

/** The fields of a pull-request review comment the Action reads. */
export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  /**
   * Who wrote it: `type` is `Bot` for the GITHUB_TOKEN's `github-actions[bot]` and for GitHub Apps;
   * null for a deleted account. Undefined only where the author is not given (test doubles).
   */
  user?: { login: string; type?: string } | null;
}

/** A review comment on lines [startLine ?? line, line] of the new side of a file, on the PR's head commit. */
export interface NewReviewComment {
  pullNumber: number;
  commitId: string;
  path: string;
  body: string;
  line: number;
  startLine?: number;
}

/**
 * Every REST call the Action makes. A fake implements it in unit tests; {@link createGitHubApi}
 * implements it with Octokit. Errors are always {@link ApiError}.
 */
export interface GitHubApi {
  /** Every file of a pull request with its changed lines and hunks, following pagination, up to {@link MAX_PULL_FILES}. */
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
  /** Every review comment of a pull request, following pagination. */
  listReviewComments(repo: Repo, pullNumber: number): Promise<ReviewComment[]>;
  /** Returns the new comment's id. */
  createReviewComment(repo: Repo, comment: NewReviewComment): Promise<number>;
  updateReviewComment(repo: Repo, commentId: number, body: string): Promise<void>;
  deleteReviewComment(repo: Repo, commentId: number): Promise<void>;
  /** The login the token acts as (a personal access token's user); undefined when GitHub does not say (an installation token). */
  authenticatedLogin(): Promise<string | undefined>;
  /** A file's text at a commit (the contents endpoint, raw); undefined when it is not a file there (404, a folder). */
  readFileAt(repo: Repo, file: string, ref: string): Promise<string | undefined>;
}

/** An API call failed: `status` is the HTTP status when there was a response (403 for a fork's read-only token). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** GitHub refused for a spent rate limit (a 403 that is not about the token's permissions). */
    readonly rateLimited = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A request got no complete answer within its timeout. Not an Octokit RequestError, so the retry plugin leaves it alone. */
export class RequestTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestTimeoutError';
  }
}

export interface ClientOptions {
  /** Per HTTP request (each page, each attempt); default {@link REQUEST_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Where retries after rate limits are reported. Messages never hold the token. */
  log?: (message: string) => void;
  /** Milliseconds per second of the waits GitHub asks for (`retry-after`) and of the retry back-off: 1000, except in tests. */
  msPerSecond?: number;
}

type Octokit = ReturnType<typeof getOctokit>;

/**
 * Octokit plugin: every attempt of every request (each page of a listing, each retry) gets its
 * own `AbortSignal.timeout`, unless the caller passed a signal. It runs inside the retry and
 * throttling plugins, so their waits do not eat into a request's time; a timeout is final.
 */
function requestTimeout(ms: number) {
  return (octokit: Pick<Octokit, 'hook' | 'request'>) => {
    const ours = new WeakSet<AbortSignal>();
    octokit.hook.wrap('request', async (request, options) => {
      const given = options.request?.signal;
      if (given && !ours.has(given)) return request(options);
      const signal = AbortSignal.timeout(ms);
      ours.add(signal);
      // Hooks share this options object (retries reuse it); its `request` may be the client's defaults, so replace, never mutate.
      options.request = { ...options.request, signal };
      const timedOut = () => {
        const { method, url } = octokit.request.endpoint.parse(options);
        const where = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
        return new RequestTimeoutError(`no complete answer within ${ms / 1000} s (${method} ${where})`);
      };
      try {
        const response = await request(options);
        // Octokit reads a body cut by the abort as an empty one: never take that for an answer.
        if (signal.aborted) throw timedOut();
        return response;
      } catch (e) {
        throw signal.aborted ? timedOut() : e;
      }
    });
  };
}

/** The system error code (`ECONNREFUSED`, `ENOTFOUND`) somewhere down an error's causes, if any. */
function networkCode(e: unknown): string | undefined {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The Octokit-backed API at `baseUrl` (GITHUB_API_URL): Octokit's pagination, its retry plugin for
 * server errors and its throttling plugin for rate limits (both bounded, see the constants), and a
 * timeout on every request. Errors become {@link ApiError} whose message is the API's own with the
 * token removed; no Octokit object leaves this function.
 */
export function createGitHubApi(token: string, baseUrl: string, o: ClientOptions = {}): GitHubApi {
  const log = (s: string) => o.log?.(redact(s, token));
  const msPerSecond = o.msPerSecond ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${kind} on ${options.method} ${options.url}`;
      if (retryCount < RATE_LIMIT_RETRIES && retryAfter <= RATE_LIMIT_MAX_WAIT_S) {
        log(`GitHub API ${what}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`);
        return true;
      }
      log(
        `GitHub API ${what}: giving up (${retryCount >= RATE_LIMIT_RETRIES ? `${RATE_LIMIT_RETRIES} retries made` : `GitHub asks to wait ${retryAfter} s, more than ${RATE_LIMIT_MAX_WAIT_S} s`}).`,
      );
      return false;
    };
  const octokit = getOctokit(
    token,
    {
      baseUrl,
      log: { debug: () => {}, info: () => {}, warn: log, error: log },
      // 429 is left to the throttling plugin, which honours `retry-after`.
      retry: { retries: SERVER_ERROR_RETRIES, retryAfterBaseValue: msPerSecond, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        retryAfterBaseValue: msPerSecond,
      },
    },
    requestTimeout(o.timeoutMs ?? REQUEST_TIMEOUT_MS),
    retry,
    throttling,
  );
  const wrap = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      const err = e as { status?: unknown; response?: unknown; name?: unknown; message?: unknown };
      // Octokit reports a request that got no answer (connection refused or reset, DNS) as HTTP 500
      // without a response: say so, with the system's code, rather than blame the server.
      const unanswered = err.name === 'HttpError' && err.response === undefined;
      const status = !unanswered && typeof err.status === 'number' ? err.status : undefined;
      const message = redact(String(err.message ?? e), token);
      const why = status ? ` (HTTP ${status})` : unanswered ? ` (no answer: ${networkCode(e) ?? 'a network error'})` : '';
      const headers = (err.response as { headers?: Record<string, unknown> } | undefined)?.headers;
      const rateLimited = String(headers?.['x-ratelimit-remaining']) === '0' || /\brate limit/i.test(message);
      throw new ApiError(`${what} failed${why}: ${message}`, status, rateLimited);
    }
  };
  return {
    listPullFiles: (repo, pullNumber) =>
      wrap('listing the pull request files', async () => {
        const files: ChangedFile[] = [];
        const params = { ...repo, pull_number: pullNumber, per_page: 100 };
        for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, params)) {
          for (const f of page.data) {
            const patch = typeof f.patch === 'string' ? parsePatch(f.patch) : undefined;
            files.push({
              path: f.filename,
              status: f.status,
              ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
              ...(patch ? { lines: patch.added, hunks: patch.hunks } : {}),
            });
          }
          if (files.length >= MAX_PULL_FILES) break;
        }
        return files.slice(0, MAX_PULL_FILES);
      }),
    createCheckRun: (repo, body) =>
      wrap('creating the check run', async () => (await octokit.rest.checks.create({ ...repo, ...body })).data.id),
    updateCheckRun: (repo, id, body) =>
      wrap('updating the check run', async () => {
        await octokit.rest.checks.update({ ...repo, check_run_id: id, ...body });
      }),
    listReviewComments: (repo, pullNumber) =>
      wrap('listing the review comments', async () =>
        (await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: pullNumber, per_page: 100 })).map((c) => ({
          id: c.id,
          body: c.body,
          path: c.path,
          user: c.user ? { login: c.user.login, type: c.user.type } : null,
        })),
      ),
    createReviewComment: (repo, c) =>
      wrap('creating a review comment', async () => {
        const range = c.startLine !== undefined && c.startLine < c.line ? { start_line: c.startLine, start_side: 'RIGHT' as const } : {};
        const res = await octokit.rest.pulls.createReviewComment({
          ...repo,
          pull_number: c.pullNumber,
          commit_id: c.commitId,
          path: c.path,
          body: c.body,
          line: c.line,
          side: 'RIGHT',
          ...range,
        });
        return res.data.id;
      }),
    updateReviewComment: (repo, commentId, body) =>
      wrap('updating a review comment', async () => {
        await octokit.rest.pulls.updateReviewComment({ ...repo, comment_id: commentId, body });
      }),
    deleteReviewComment: (repo, commentId) =>
      wrap('deleting a review comment', async () => {
        await octokit.rest.pulls.deleteReviewComment({ ...repo, comment_id: commentId });
      }),
    authenticatedLogin: async () => {
      try {
        return (await octokit.rest.users.getAuthenticated()).data.login;
      } catch {
        // GITHUB_TOKEN and App tokens may not read /user (403): their comments are a Bot's.
        return undefined;
      }
    },
    readFileAt: (repo, file, ref) =>
      wrap(`reading ${file} at ${ref.slice(0, 12)}`, async () => {
        try {
          const res = await octokit.rest.repos.getContent({ ...repo, path: file, ref, mediaType: { format: 'raw' } });
          return contentText(res.data);
        } catch (e) {
          if ((e as { status?: unknown }).status === 404) return undefined;
          throw e;
        }
      }),
  };
}

/**
 * The text of a contents answer: raw media type gives a string (or bytes, by content type); a
 * server that ignores it gives the JSON form, base64 up to 1 MB. A folder (an array) is no file.
 */
function contentText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  const d = data as { type?: unknown; encoding?: unknown; content?: unknown } | undefined;
  if (d && d.type === 'file' && d.encoding === 'base64' && typeof d.content === 'string')
    return Buffer.from(d.content, 'base64').toString('utf8');
  if (d && d.type === 'file') throw new Error('the file is too large for the contents API');
  return undefined;
}

/** Removes every occurrence of the secret (and its Basic-auth base64 forms) from a text. */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  let out = text;
  for (const s of [secret, Buffer.from(`x-access-token:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')])
    out = out.split(s).join('***');
  return out;
}
