import { execFileSync } from 'node:child_process';
import type { ChangedFile } from './changed-files.js';
import { parsePatch } from './hunks.js';

/** Git, run in `cwd` with no pager, no colour, no external diff and no prompt for credentials. */
function git(cwd: string, args: string[], maxBuffer = 256 * 1024 * 1024): string {
  return execFileSync('git', ['-c', 'core.quotepath=off', '-c', 'color.ui=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' },
  });
}

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return git(cwd, args);
  } catch {
    return undefined;
  }
}

const hasCommit = (cwd: string, rev: string) => tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) !== undefined;

/**
 * The base to diff HEAD against for a pull request checkout: the first parent of a test-merge
 * commit (`actions/checkout` with `fetch-depth: 2` or more), else the base SHA (fetched at depth 1
 * when missing). Undefined when none can be had; `tried` says what was attempted.
 */
export function findDiffBase(cwd: string, baseSha: string | undefined, tried: string[]): { base: string; head: string } | undefined {
  if (tryGit(cwd, ['rev-parse', '--is-inside-work-tree'])?.trim() !== 'true') {
    tried.push('the workspace is not a git checkout');
    return undefined;
  }
  if (hasCommit(cwd, 'HEAD^2') && hasCommit(cwd, 'HEAD^1')) return { base: 'HEAD^1', head: 'HEAD' };
  if (baseSha && !hasCommit(cwd, baseSha)) {
    tried.push(`base commit ${baseSha.slice(0, 12)} is not in the checkout; fetching it`);
    tryGit(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', baseSha]);
  }
  if (baseSha && hasCommit(cwd, baseSha)) {
    // The merge base when history allows, so base-branch commits are not counted as the PR's.
    const mergeBase = tryGit(cwd, ['merge-base', baseSha, 'HEAD'])?.trim();
    return { base: mergeBase || baseSha, head: 'HEAD' };
  }
  tried.push(baseSha ? `base commit ${baseSha.slice(0, 12)} could not be fetched` : 'no base commit is known');
  return undefined;
}

/** Files changed between two revisions, with their added lines, paths relative to `cwd` (the workspace). */
export function gitChangedFiles(cwd: string, base: string, head: string): ChangedFile[] {
  const range = [base, head];
  const nameStatus = git(cwd, ['diff', '--no-ext-diff', '--relative', '--find-renames', '--name-status', '-z', ...range, '--']);
  const files = new Map<string, ChangedFile>();
  const parts = nameStatus.split('\0');
  for (let i = 0; i < parts.length - 1;) {
    const status = parts[i++]!;
    if (!status) continue;
    const code = status[0]!;
    if (code === 'R' || code === 'C') {
      const from = parts[i++]!;
      const to = parts[i++]!;
      files.set(to, { path: to, status: code === 'R' ? 'renamed' : 'copied', previousPath: from });
    } else {
      const p = parts[i++]!;
      files.set(p, { path: p, status: code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified' });
    }
  }
  const patch = git(cwd, ['diff', '--no-ext-diff', '--relative', '--find-renames', '--unified=0', '--no-color', ...range, '--']);
  for (const [file, text] of splitPatch(patch)) {
    const f = files.get(file);
    if (f) files.set(file, { ...f, lines: parsePatch(text).added });
  }
  return [...files.values()];
}

/** Splits a multi-file `git diff` into (new path, hunks) pairs, using the `+++ b/<path>` headers. */
function splitPatch(patch: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let current: { file: string; lines: string[] } | undefined;
  let inHeader = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      if (current) out.push([current.file, current.lines.join('\n')]);
      current = undefined;
      inHeader = true;
      continue;
    }
    if (inHeader && line.startsWith('+++ ')) {
      // Git ends the name with a tab when it holds a space (for patch(1)).
      const name = unquote(line.slice(4).replace(/\t$/, ''));
      current = name === '/dev/null' ? undefined : { file: name.replace(/^b\//, ''), lines: [] };
      inHeader = false;
      continue;
    }
    if (!inHeader && current) current.lines.push(line);
  }
  if (current) out.push([current.file, current.lines.join('\n')]);
  return out;
}

/** Git C-quotes paths with quotes, backslashes or control characters even with core.quotepath off. */
function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(simple[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The commit `rev` names, when git has it (undefined outside a git checkout). */
export function commitOf(cwd: string, rev: string): string | undefined {
  return tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])?.trim() || undefined;
}

/** Files (paths relative to `cwd`) whose working tree differs from `rev`; undefined when git does not have `rev`. */
export function filesDifferingFrom(cwd: string, rev: string): Set<string> | undefined {
  if (!hasCommit(cwd, rev)) return undefined;
  const out = tryGit(cwd, ['diff', '--no-ext-diff', '--relative', '--no-renames', '--name-only', '-z', rev, '--']);
  return out === undefined ? undefined : new Set(out.split('\0').filter(Boolean));
}

/** A file's text at a revision, or undefined when it did not exist there (or git cannot tell). */
export function gitShow(cwd: string, rev: string, file: string): string | undefined {
  const prefix = tryGit(cwd, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  return tryGit(cwd, ['show', `${rev}:${prefix}${file}`]);
}
