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
    return { pattern: p, test: picomatch(glob, { dot: true, basename: !glob.includes('/') }), hit: false };
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
