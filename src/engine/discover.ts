import fs from 'node:fs';
import path from 'node:path';
import { ArgError, UsageError } from './errors.js';
import { cmp } from './compare.js';
import { globSet } from './glob.js';
import { isSymlink, LEADS_NOWHERE } from './file-text.js';

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml', '**/*.json'];
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  include?: string[];
  exclude?: string[];
  /** Where `include` came from (`--include`, the config file), for the error when a pattern matches nothing. */
  includeFrom?: string;
  excludeFrom?: string;
  /**
   * The config file's folder, for the globs that came from it: they match paths relative to it,
   * so one config selects the same files whichever folder `check` is run from or given.
   */
  includeBase?: string;
  excludeBase?: string;
}

export interface DiscoveredFile {
  /** POSIX, relative to cwd. */
  path: string;
  absPath: string;
}

/** A file that was not read, and why. Becomes a notice, or an error when it may hold Harness YAML we cannot read. */
export interface SkippedFile {
  path: string;
  reason: string;
  severity?: 'error';
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

export const toPosix = (p: string) => p.split(path.sep).join('/');
/** A folder's entry: `path.join` without its normalising, for a folder path that is normalised already and a name from its listing. */
const joinName = (dir: string, name: string) => (dir.endsWith(path.sep) ? dir + name : dir + path.sep + name);

export function discover(opts: DiscoverOptions): Discovery {
  const given = opts.include?.length ? opts.include : undefined;
  const include = globSet(given ?? DEFAULT_INCLUDE, opts.includeFrom);
  const exclude = globSet(opts.exclude ?? [], opts.excludeFrom);
  // The config's globs match paths from its folder only, so one config selects the same files
  // wherever `check` runs; `--include`/`--exclude` (and a file outside that folder) match paths
  // from the scanned root or the current directory.
  const candidates = (base: string | undefined, abs: string, p: string[]) => {
    const r = base === undefined ? undefined : toPosix(path.relative(base, abs));
    return r && !r.startsWith('../') && r !== '..' && !path.isAbsolute(r) ? [r] : p;
  };
  const includes = (abs: string, ...p: string[]) => include.test(...candidates(opts.includeBase, abs, p));
  const excludes = (abs: string, ...p: string[]) => !!opts.exclude?.length && exclude.test(...candidates(opts.excludeBase, abs, p));
  const files = new Map<string, DiscoveredFile>();
  const skipped: SkippedFile[] = [];
  const rel = (abs: string) => toPosix(path.relative(opts.cwd, abs)) || '.';

  /**
   * `regular`: the directory listing already says it is a regular file, so it is not stat'ed (on
   * 11,000 files that was most of discovery's time); the scan learns its size when it opens it.
   */
  const consider = (
    abs: string,
    root: string,
    explicit: boolean,
    regular = false,
    shown = rel(abs),
    inRoot = toPosix(path.relative(root, abs)),
  ) => {
    if (!explicit && !includes(abs, inRoot, shown)) return;
    if (excludes(abs, inRoot, shown)) return;
    if (regular) {
      files.set(shown, { path: shown, absPath: abs });
      return;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      skipped.push({ path: shown, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (!st.isFile()) {
      skipped.push({ path: shown, reason: 'is not a regular file' });
      return;
    }
    files.set(shown, { path: shown, absPath: abs });
  };

  for (const given of opts.paths.length ? opts.paths : ['.']) {
    const abs = path.resolve(opts.cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      if (!isSymlink(abs)) throw new ArgError(`path not found: ${given}`);
      skipped.push({ path: rel(abs), reason: `is ${LEADS_NOWHERE} (dangling, or a loop of links)` });
      continue;
    }
    const outside = leavesItsRoot(abs, st.isDirectory(), opts.cwd);
    if (outside) {
      skipped.push({ path: rel(abs), reason: `is reached through a symlink that leaves ${outside}; not followed` });
      continue;
    }
    const into = linksIntoSkipped(abs, st.isDirectory(), opts.cwd);
    if (into) {
      skipped.push({ path: rel(abs), reason: `is a symlink into ${into}, which is never read; not followed` });
      continue;
    }
    if (!st.isDirectory()) {
      consider(abs, path.dirname(abs), true);
      continue;
    }
    const realRoot = fs.realpathSync(abs);
    const visited = new Set<string>([realRoot]);
    // Symlinked files, by where they lead: one read twice under two names is one file.
    const linkedFiles: Array<{ shown: string; real: string }> = [];
    // Each folder with its real path: a real folder's real subfolder is its real path and the
    // name. Asking realpathSync for each (it lstats every part of the path) was cubic in the depth.
    // And its path from `abs` (POSIX; '' for `abs`): its files' paths are the folder's and their
    // names, not `path.relative` for each (most of discovery's time on 11,000 files).
    const stack: Array<[string, string, string]> = [[abs, realRoot, '']];
    // Symlinked directories are walked last, so a real directory always wins over a link to it.
    const linkedDirs: Array<[string, string, string]> = [];
    while (stack.length || linkedDirs.length) {
      if (!stack.length) {
        const [link, real, linkInRoot] = linkedDirs.shift()!;
        if (!visited.has(real)) {
          visited.add(real);
          stack.push([link, real, linkInRoot]);
        }
        continue;
      }
      const [dir, dirReal, dirInRoot] = stack.pop()!;
      // A file's path from cwd is its folder's and its name (a file cannot be cwd or lie above it).
      const dirShown = rel(dir);
      const shownOf = (name: string) => (dirShown === '.' ? name : `${dirShown}/${name}`);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name));
      } catch (e) {
        skipped.push({
          path: rel(dir),
          reason: `is a directory that cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); its files are not checked`,
          severity: 'error',
        });
        continue;
      }
      for (const entry of entries) {
        const child = joinName(dir, entry.name);
        const childInRoot = dirInRoot ? `${dirInRoot}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          const real = joinName(dirReal, entry.name);
          if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !visited.has(real) && !excludes(child, childInRoot)) {
            visited.add(real);
            stack.push([child, real, childInRoot]);
          }
          continue;
        }
        if (entry.isSymbolicLink()) {
          let real: string;
          try {
            real = fs.realpathSync(child);
          } catch {
            // A dangling link or a loop of links: nothing to read, but a YAML name deserves a word.
            if (include.test(entry.name)) skipped.push({ path: rel(child), reason: `is ${LEADS_NOWHERE} (dangling, or a loop of links)` });
            continue;
          }
          if (!isInside(realRoot, real)) {
            if (include.test(entry.name) || fs.statSync(real).isDirectory())
              skipped.push({ path: rel(child), reason: 'is a symlink that leaves the scanned root; not followed' });
            continue;
          }
          // A link into .git or node_modules (`e.yaml -> .git`) would read what those folders' names keep out.
          const into = toPosix(path.relative(realRoot, real))
            .split('/')
            .find((part) => ALWAYS_SKIPPED_DIRS.has(part));
          const isDir = fs.statSync(real).isDirectory();
          if (into) {
            if (include.test(entry.name) || (isDir && !ALWAYS_SKIPPED_DIRS.has(entry.name)))
              skipped.push({ path: rel(child), reason: `is a symlink into ${into}, which is never read; not followed` });
            continue;
          }
          if (isDir) {
            if (!ALWAYS_SKIPPED_DIRS.has(entry.name)) linkedDirs.push([child, real, childInRoot]);
            continue;
          }
          consider(child, abs, false);
          linkedFiles.push({ shown: rel(child), real });
          continue;
        }
        consider(child, abs, false, entry.isFile(), shownOf(entry.name), childInRoot);
      }
    }
    dropRepeatedLinks(linkedFiles, (real) => rel(path.join(abs, path.relative(realRoot, real))));
  }
  /**
   * A symlink to a file that is checked under its own name (or under an earlier link's) is left
   * out: its findings would come twice, and `fix` would edit the file twice. `direct` is the name a
   * real path has when reached through real directories.
   */
  function dropRepeatedLinks(links: ReadonlyArray<{ shown: string; real: string }>, direct: (real: string) => string) {
    const kept = new Map<string, string>();
    for (const { shown, real } of links) {
      if (!files.has(shown)) continue;
      const own = direct(real);
      const other = own !== shown && files.has(own) ? own : kept.get(real);
      if (other === undefined) {
        kept.set(real, shown);
        continue;
      }
      files.delete(shown);
      skipped.push({ path: shown, reason: `is a symlink to ${other}, which is checked under that name` });
    }
  }

  // A pattern someone wrote that matches nothing is a typo far more often than an empty folder; but
  // a config's pattern is only judged by a run whose PATHs hold the config's folder (`check .harness`
  // or a pre-commit run on a few files sees part of what it selects).
  const holdsBase = (p: string) => isInside(path.resolve(opts.cwd, p), opts.includeBase!);
  const judged = opts.includeBase === undefined || (opts.paths.length ? opts.paths : ['.']).some(holdsBase);
  // A default pattern written out (as `init`'s file offers them) is no typo while another pattern
  // selects files: most repos have no JSON. With nothing selected at all, every unmatched one is named.
  const unmatched = given && judged ? include.unmatched().filter((p) => !files.size || !DEFAULT_INCLUDE.includes(p)) : [];
  if (unmatched.length)
    throw new UsageError(
      `${opts.includeFrom ?? '--include'} pattern${unmatched.length > 1 ? 's' : ''} ${unmatched.map((p) => `"${p}"`).join(', ')} match${unmatched.length > 1 ? '' : 'es'} no file under ${opts.paths.join(', ') || '.'}`,
    );
  const list = [...files.values()].sort((a, b) => cmp(a.path, b.path));
  return { files: list, skipped: skipped.sort((a, b) => cmp(a.path, b.path)) };
}

/**
 * For a PATH reached through a symlink (itself, or a folder on the way): what it leaves (its
 * repository, else the current directory, else its own folder), when it really lies outside;
 * undefined when it stays inside. The repository is looked for above the highest link of the path
 * as written: a link to another repository would otherwise be its own root. Otherwise
 * `fix linkdir/x.yaml` would write through a link to a file outside the repository, as `check .`
 * never does.
 */
export function leavesItsRoot(abs: string, isDirectory: boolean, cwd: string): string | undefined {
  const [root, name] = rootOf(abs, isDirectory, cwd);
  return isInside(realPathOf(root), realPathOf(abs)) ? undefined : name;
}

/**
 * For a PATH (or a config the search found) that a symlink leads into `.git` or `node_modules` of
 * its root, which are never read: that folder's name; undefined otherwise. A path written with
 * `.git` in it (`check .git/x.yaml`) is the user's own choice.
 */
export function linksIntoSkipped(abs: string, isDirectory: boolean, cwd: string): string | undefined {
  const [root] = rootOf(abs, isDirectory, cwd);
  const parts = (from: string, to: string) => toPosix(path.relative(from, to)).split('/');
  const into = parts(realPathOf(root), realPathOf(abs)).find((part) => ALWAYS_SKIPPED_DIRS.has(part));
  return into && !parts(root, abs).includes(into) ? into : undefined;
}

/** The root a PATH is judged against (see `leavesItsRoot`), and its name in messages. */
function rootOf(abs: string, isDirectory: boolean, cwd: string): [string, string] {
  const start = isDirectory ? abs : path.dirname(abs);
  let above = start;
  // Links above the current directory (a /tmp that is a link) are where the user works, not a way out.
  for (let d = abs; path.dirname(d) !== d && !isInside(d, path.resolve(cwd)); d = path.dirname(d))
    if (isSymlink(d)) above = path.dirname(d);
  const repo = repoRootOf(above);
  return repo ? [repo, 'the repository'] : isInside(path.resolve(cwd), start) ? [cwd, 'the current directory'] : [start, 'its folder'];
}

/** A real path at or under a real root (symlinks resolved on both sides). */
export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/** The repository `dir` is in (the nearest folder at or above it holding `.git`); undefined outside one. */
export function repoRootOf(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * A finding's file (relative to `cwd`) as a path from the repository root, which SARIF's
 * `%SRCROOT%` and GitHub's annotations mean, whatever folder the check ran from; undefined for a
 * file outside the repository.
 */
export function fromRepoRoot(cwd: string, root = repoRootOf(cwd) ?? path.resolve(cwd)): (file: string) => string | undefined {
  return (file) => {
    const rel = toPosix(path.relative(root, path.resolve(cwd, file)));
    return rel.startsWith('../') || rel === '..' || path.isAbsolute(rel) ? undefined : rel;
  };
}

/** The path with its symlinks resolved; for a path that does not exist (yet), the path itself, absolute. */
export function realPathOf(p: string): string {
  try {
    return fs.realpathSync.native(path.resolve(p));
  } catch {
    return path.resolve(p);
  }
}
