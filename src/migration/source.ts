import { execFileSync } from 'node:child_process';
import { realPathOf } from '../engine/discover.js';
import path from 'node:path';
import type { ReportSource } from './types.js';

const DEFAULT_SERVER_URL = 'https://github.com';

/** GitHub's names: owner (letters, digits, hyphens) and repository (also `.` and `_`). */
const REPO_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9._-]+$/;

export const isRepoName = (s: string) => REPO_NAME.test(s) && !s.endsWith('/.') && !s.endsWith('/..');

/** Git in `cwd`, or undefined when git is missing, `cwd` is no checkout, or the command fails. */
function git(cwd: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      timeout: 10_000,
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * The repository, commit and server URL of a scan, for the report's `source`:
 * `GITHUB_REPOSITORY`, else the `origin` remote of `root` when it is a GitHub URL (as
 * `owner/name`), else the name of the checkout's (or `root`'s) folder; `GITHUB_SHA`, else
 * `git rev-parse HEAD`, else none; `GITHUB_SERVER_URL`, else https://github.com. `directory` is
 * where the report's paths (relative to `cwd`) start, seen from the checkout's root; `checkout`, when
 * `cwd` is outside the checkout, is the way from `cwd` to it.
 */
export function detectSource(root: string, cwd: string, env: NodeJS.ProcessEnv = process.env): ReportSource {
  const serverUrl = serverUrlOf(env.GITHUB_SERVER_URL?.trim() || DEFAULT_SERVER_URL);
  const top = git(root, ['rev-parse', '--show-toplevel']);
  const fromEnv = env.GITHUB_REPOSITORY?.trim();
  const remote = fromEnv ? undefined : git(root, ['remote', 'get-url', 'origin']);
  const repository =
    fromEnv || (remote && githubRepository(remote, serverUrl)) || path.basename(top ? path.resolve(top) : path.resolve(root));
  const commit = env.GITHUB_SHA?.trim() || (top ? git(root, ['rev-parse', 'HEAD']) : undefined);
  // git prints the checkout's real path: it is compared with the real path of cwd (symlinked temp folders).
  const [realTop, realCwd] = top ? [realPathOf(top), realPathOf(cwd)] : ['', ''];
  const directory = top ? posix(path.relative(realTop, realCwd)) : '';
  // Run from outside the checkout (a folder above it, a sibling, a folder in no checkout): the report's paths go through it.
  const checkout = top && (directory === '..' || directory.startsWith('../')) ? posix(path.relative(realCwd, realTop)) : '';
  return { repository, ...(commit ? { commit } : {}), serverUrl, ...(directory ? { directory } : {}), ...(checkout ? { checkout } : {}) };
}

/** A server URL fit to keep and link to: no trailing slash, and no user or token (`https://bot:ghp_…@host`). */
export const serverUrlOf = (url: string) => url.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/\s]*@/i, '$1').replace(/\/+$/, '');

/**
 * `owner/name` for a GitHub remote URL (https, ssh, scp-like `git@host:owner/name.git`) on
 * github.com or on the host of `serverUrl`; undefined for any other remote. Credentials in the
 * URL are never kept.
 */
export function githubRepository(remote: string, serverUrl = DEFAULT_SERVER_URL): string | undefined {
  const hosts = new Set(['github.com', 'www.github.com', 'ssh.github.com']);
  try {
    hosts.add(new URL(serverUrl).hostname.toLowerCase());
  } catch {
    // not a URL: github.com only
  }
  let host: string;
  let repoPath: string;
  // scp-like syntax has no scheme: `git@github.com:owner/name.git`.
  const scp = remote.includes('://') ? null : /^(?:[^@/\s]+@)?([^:/\s]+):(.+)$/.exec(remote.trim());
  if (scp) {
    host = scp[1]!;
    repoPath = scp[2]!;
  } else {
    let url: URL;
    try {
      url = new URL(remote.trim());
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    host = url.hostname;
    repoPath = url.pathname;
  }
  if (!hosts.has(host.toLowerCase())) return undefined;
  const name = repoPath
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return isRepoName(name) ? name : undefined;
}
