import fs from 'node:fs';
import path from 'node:path';
import { makeParentFolders } from './folders.js';

/**
 * A write refused because a symbolic link would carry it elsewhere. The message is the reason
 * alone ("it is a symbolic link…"); callers put the file name in front.
 */
export class LinkRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkRefusal';
  }
}

/** The folder a written path is judged against (the workspace, the current directory), and its name in messages. */
export interface WriteRoot {
  dir: string;
  name: string;
}

/** Windows has no O_NOFOLLOW; the lstat check below still refuses a link there. */
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Throws {@link LinkRefusal} when writing `file` (relative to `root.dir`), a path inside the root,
 * would go through a link a repository can commit: `file` itself a symbolic link, or a folder on the
 * way that is a link leading outside the root. A path written outside the root
 * (`${{ runner.temp }}/x.sarif`, `/tmp/x.json`, `/dev/stdout`) is the user's own choice and is not judged,
 * nor is a link to a device or a pipe. Returns whether the write must not follow a link (O_NOFOLLOW).
 */
export function refuseLinks(file: string, root: WriteRoot): boolean {
  const abs = path.resolve(root.dir, file);
  const rel = path.relative(root.dir, abs);
  if (!rel || !isInside(root.dir, abs)) return false;
  const realRoot = realPath(root.dir);
  let at = root.dir;
  for (const part of path
    .dirname(rel)
    .split(path.sep)
    .filter((p) => p !== '.')) {
    at = path.join(at, part);
    const st = lstat(at);
    if (!st) break; // missing from here on: makeParentFolders creates real folders
    const real = st.isSymbolicLink() ? realPath(at) : undefined;
    // A link that leads nowhere is refused too: where it would lead is not known.
    if (st.isSymbolicLink() && (!real || !isInside(realRoot ?? root.dir, real)))
      throw new LinkRefusal(`the folder "${path.relative(root.dir, at)}" is a symbolic link leading outside ${root.name}`);
  }
  if (lstat(abs)?.isSymbolicLink()) {
    // A link to a device or a pipe (`/dev/stdout` run from `/`, `out -> /dev/null`) overwrites no file.
    if (isSpecial(abs)) return false;
    throw new LinkRefusal('it is a symbolic link, and links are not written through');
  }
  return true;
}

/** Leads to something that is neither a file nor a folder: a device, a pipe, a socket. */
function isSpecial(p: string): boolean {
  try {
    const st = fs.statSync(p);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes `text` (whole or in pieces) to `file`, relative to `root.dir`, creating missing folders,
 * after {@link refuseLinks}; the file is opened with O_NOFOLLOW, so a link made meanwhile is refused too.
 */
export function writeWithoutLinks(file: string, text: string | Iterable<string>, root: WriteRoot): void {
  const judged = refuseLinks(file, root);
  const abs = path.resolve(root.dir, file);
  makeParentFolders(abs);
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (judged ? NOFOLLOW : 0), 0o666);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new LinkRefusal('it is a symbolic link, and links are not written through');
    throw e;
  }
  try {
    for (const piece of typeof text === 'string' ? [text] : text) fs.writeFileSync(fd, piece);
  } finally {
    fs.closeSync(fd);
  }
}

/** Undefined when missing or not reachable (a file on the way): the write then fails with its own code. */
function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

const isInside = (dir: string, p: string) => {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
};
