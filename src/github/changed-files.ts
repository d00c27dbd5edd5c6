import type { ChangeScope } from '../formats/github.js';

/**
 * What a pull request (or push) changed: the files, and for each the lines on the new side that
 * were added or edited. Pure data and parsing; fetching lives in client.ts and git.ts.
 */

export interface ChangedFile {
  /** POSIX path relative to the repository root (the workspace). */
  path: string;
  /** `added`, `modified`, `renamed`, `removed`, ... as the REST API or `git diff --name-status` says. */
  status: string;
  previousPath?: string;
  /** New-side lines added or edited. Undefined when unknown (binary, huge, or patch not sent): treat every line as changed. */
  lines?: ReadonlySet<number>;
}

export interface ChangedFiles {
  /** Where the list came from. */
  source: 'api' | 'git';
  files: ReadonlyMap<string, ChangedFile>;
}

export function changedFiles(source: ChangedFiles['source'], list: readonly ChangedFile[]): ChangedFiles {
  return { source, files: new Map(list.map((f) => [f.path, f])) };
}

export function isChangedFile(changed: ChangedFiles | undefined, file: string): boolean {
  return changed === undefined || changed.files.has(file);
}

/** True when any line of [line, endLine] was added or edited by the change (or when that is unknown for a changed file). */
export function touchesChangedLine(changed: ChangedFiles | undefined, f: { file: string; line: number; endLine: number }): boolean {
  if (!changed) return false;
  const c = changed.files.get(f.file);
  if (!c) return false;
  if (!c.lines) return true;
  for (let l = f.line; l <= Math.max(f.line, f.endLine); l++) if (c.lines.has(l)) return true;
  return false;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * New-side line numbers that a unified-diff patch adds (`+` lines). Context lines advance the
 * counter, `-` lines do not. `\ No newline at end of file` markers are ignored.
 */
export function addedLines(patch: string): Set<number> {
  const out = new Set<number>();
  let next = 0;
  let inHunk = false;
  for (const line of patch.split(/\r?\n/)) {
    const h = HUNK.exec(line);
    if (h) {
      next = Number(h[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) out.add(next++);
    else if (line.startsWith(' ')) next++;
    else if (line.startsWith('-') || line.startsWith('\\')) continue;
    else if (line === '') next++;
  }
  return out;
}

/** The change as the formats need it (which files and lines it touched); undefined when unknown. */
export function changeScope(changed: ChangedFiles | undefined): ChangeScope | undefined {
  return changed && { file: (path) => changed.files.has(path), line: (f) => touchesChangedLine(changed, f) };
}
