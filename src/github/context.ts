import fs from 'node:fs';
import type { Repo } from './client.js';

/** The pull request an event is about, from the `pull_request` / `pull_request_target` payload. */
export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha?: string;
  /** `owner/name` of the head and base repositories; the head repo is null when the fork was deleted. */
  headRepo?: string;
  baseRepo?: string;
  /** The head repository is not the base repository: the token is read-only and has no secrets. */
  isFork: boolean;
  /** `pull_request.changed_files`: the count GitHub reports, to tell a list cut at 3,000 files. */
  changedFiles?: number;
}

/** What the Action needs from the runner's `GITHUB_*` variables and the event payload. */
export interface RunContext {
  eventName: string;
  repo?: Repo;
  serverUrl: string;
  apiUrl: string;
  /** The commit the workflow runs on (for `pull_request`, the test-merge commit). */
  sha?: string;
  pullRequest?: PullRequestInfo;
  /** `before` and `after` of a `push` event. */
  push?: { before?: string; after?: string };
  /** Commit that annotations, links and the check run refer to: the PR head, else GITHUB_SHA. */
  headSha?: string;
  /** Repository and ref of this Action itself, for links to its rule docs. */
  actionRepository?: string;
  actionRef?: string;
  /** Problems reading the event payload; logged, never fatal. */
  warnings: string[];
}

export const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

type Env = Record<string, string | undefined>;

/** Reads the run context once. A missing or unreadable payload leaves the PR fields unset. */
export function readRunContext(env: Env = process.env): RunContext {
  const warnings: string[] = [];
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const [owner, name] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const ctx: RunContext = {
    eventName,
    repo: owner && name ? { owner, repo: name } : undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    sha: env.GITHUB_SHA || undefined,
    actionRepository: env.GITHUB_ACTION_REPOSITORY || undefined,
    actionRef: env.GITHUB_ACTION_REF || undefined,
    warnings,
  };
  let payload: Record<string, unknown> | undefined;
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      warnings.push(`could not read the event payload (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const pr = obj(payload?.pull_request);
  if (pr && PULL_REQUEST_EVENTS.has(eventName)) {
    const head = obj(pr.head);
    const base = obj(pr.base);
    const headRepo = str(obj(head?.repo)?.full_name);
    const baseRepo = str(obj(base?.repo)?.full_name);
    const number = typeof pr.number === 'number' ? pr.number : typeof payload?.number === 'number' ? payload.number : undefined;
    const headSha = str(head?.sha);
    if (number !== undefined && headSha) {
      ctx.pullRequest = {
        number,
        headSha,
        baseSha: str(base?.sha),
        headRepo,
        baseRepo,
        isFork: headRepo === undefined || (baseRepo !== undefined && headRepo !== baseRepo),
        changedFiles: typeof pr.changed_files === 'number' ? pr.changed_files : undefined,
      };
    } else warnings.push('the pull_request payload has no number or head SHA');
  }
  if (eventName === 'push' && payload) ctx.push = { before: str(payload.before), after: str(payload.after) };
  ctx.headSha = ctx.pullRequest?.headSha ?? ctx.sha;
  return ctx;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
