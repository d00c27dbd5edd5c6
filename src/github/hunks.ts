/**
 * The one parser of unified-diff hunks, for both uses of a patch: which new-side lines a change
 * added (annotations rank them first, gate changes are looked for there) and which new-side lines
 * lie inside a hunk (the only lines GitHub accepts a review comment, hence a suggestion, on).
 */

/** The 1-based line of an offset as git and GitHub count lines (LF alone; a lone CR ends none): the lines hunks name. */
export const gitLineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** New-side lines [first, last] of one hunk, both inclusive. */
export type HunkRange = readonly [number, number];

export interface ParsedPatch {
  /** New-side line numbers of `+` lines. */
  added: Set<number>;
  /** New-side ranges of the hunks that have a new side (a pure deletion has none). */
  hunks: HunkRange[];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a unified-diff patch (a REST "list pull request files" `patch`, or one file of
 * `git diff`): context lines advance the new-side counter, `-` lines do not, and
 * `\ No newline at end of file` markers are ignored.
 */
export function parsePatch(patch: string | undefined): ParsedPatch {
  const added = new Set<number>();
  const hunks: HunkRange[] = [];
  let next = 0;
  let inHunk = false;
  for (const line of (patch ?? '').split(/\r?\n/)) {
    const h = HUNK.exec(line);
    if (h) {
      next = Number(h[1]);
      const count = h[2] === undefined ? 1 : Number(h[2]);
      if (count > 0) hunks.push([next, next + count - 1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) added.add(next++);
    else if (line.startsWith(' ')) next++;
    else if (line.startsWith('-') || line.startsWith('\\')) continue;
    else if (line === '') next++;
  }
  return { added, hunks };
}

/** Lines [start, end] lie inside one hunk (a review comment range must not span two). */
export function insideHunk(hunks: readonly HunkRange[] | undefined, start: number, end: number): boolean {
  return (hunks ?? []).some(([a, b]) => start >= a && end <= b);
}
