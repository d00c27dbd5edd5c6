import picomatch from 'picomatch';
import { UsageError } from './errors.js';

/**
 * Glob patterns as people write them (picomatch: `**`, `*`, `?`, `{a,b}`, `[ab]`, `!negation`),
 * matching dot files and folders too. A pattern without `/` matches the base name, so `legacy`
 * or `*.yml` apply at any depth. A path matches the set when some pattern matches it and no `!`
 * pattern does; a set of only `!` patterns matches everything they do not exclude.
 */
export interface GlobSet {
  /** True when any of the paths (the same file seen from different roots) matches. */
  test(...paths: string[]): boolean;
  /** Positive patterns that have matched no path so far. */
  unmatched(): string[];
}

/** `from` names where the patterns came from (`--exclude`, `exclude in FILE`), for the error on an empty one. */
export function globSet(patterns: readonly string[], from = 'a glob'): GlobSet {
  for (const p of patterns)
    if (!p.replace(/^!/, '').replace(/^(\.\/)+/, ''))
      throw new UsageError(`${from}: ${JSON.stringify(p)} is not a pattern (nothing is left once \`!\` and \`./\` are taken off)`);
  const compile = (p: string) => {
    // `legacy/` as in a .gitignore: the folder, wherever it is (a folder's contents are never read once it is skipped).
    const glob = p.replace(/^\.\//, '').replace(/(?<=.)\/+$/, '');
    return { pattern: p, test: matcher(glob), hit: false };
  };
  const positive = patterns.filter((p) => !p.startsWith('!')).map(compile);
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => compile(p.slice(1)));
  return {
    test(...paths) {
      if (negative.some((n) => paths.some((p) => n.test(p)))) return false;
      if (!positive.length) return negative.length > 0;
      let any = false;
      for (const g of positive)
        if (paths.some((p) => g.test(p))) {
          g.hit = true;
          any = true;
        }
      return any;
    },
    unmatched: () => positive.filter((g) => !g.hit).map((g) => g.pattern),
  };
}

/**
 * A pattern of any file with an extension (letters and digits) at any depth (`**`, then `/*.yaml`):
 * the default include patterns. Other characters make picomatch build another expression.
 */
const ANY_DEPTH_EXTENSION = /^\*\*\/\*(\.[A-Za-z0-9]+)$/;
/** A `.` or `..` segment, which picomatch's `**` and `*` never match. */
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

/**
 * A glob's test. An extension at any depth (see `ANY_DEPTH_EXTENSION`) is a test of the path's
 * end, with picomatch's answers (a test compares them on paths with dot segments, and slashes at
 * either end and doubled): picomatch's regular expression for each of the three default patterns
 * took a third of discovery's time on 11,000 files (discovery there: 49 → 34 ms, medians of 7 profiles).
 */
export function matcher(glob: string): (path: string) => boolean {
  const extension = ANY_DEPTH_EXTENSION.exec(glob)?.[1];
  if (extension === undefined) return picomatch(glob, { dot: true, basename: !glob.includes('/') });
  return (p) => {
    const path = p.endsWith('/') ? p.slice(0, -1) : p;
    return path.endsWith(extension) && !DOT_SEGMENT.test(path);
  };
}
