import type { ChangeScope } from '../formats/github.js';
import type { HunkRange } from './hunks.js';

/**
 * What a pull request (or push) changed: the files, and for each the lines on the new side that
 * were added or edited. Pure data; fetching lives in client.ts and git.ts, patches are parsed by hunks.ts.
 */

export interface ChangedFile {
  /** POSIX path relative to the repository root (the workspace). */
  path: string;
  /** `added`, `modified`, `renamed`, `removed`, ... as the REST API or `git diff --name-status` says. */
  status: string;
  previousPath?: string;
  /** New-side lines added or edited. Undefined when unknown (binary, huge, or patch not sent): treat every line as changed. */
  lines?: ReadonlySet<number>;
  /** New-side line ranges of the diff's hunks, from the API's patch: where review comments may go. Undefined without a patch. */
  hunks?: readonly HunkRange[];
}

export interface ChangedFiles {
  /** Where the list came from. */
  source: 'api' | 'git';
  files: ReadonlyMap<string, ChangedFile>;
}

export function changedFiles(source: ChangedFiles['source'], list: readonly ChangedFile[]): ChangedFiles {
  return { source, files: new Map(list.map((f) => [f.path, f])) };
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

/**
 * The change as the formats need it (which files and lines it touched); undefined when unknown.
 * `atHead`: the files the checkout holds as the pull request's head does. The API's patches number
 * the head's lines, so in a file the checkout holds otherwise (a test-merge commit) no line matches.
 */
export function changeScope(changed: ChangedFiles | undefined, atHead?: (file: string) => boolean): ChangeScope | undefined {
  const numbered = (file: string) => changed?.source !== 'api' || !atHead || atHead(file);
  return changed && { file: (path) => changed.files.has(path), line: (f) => numbered(f.file) && touchesChangedLine(changed, f) };
}
