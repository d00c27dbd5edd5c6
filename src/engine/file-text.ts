import fs from 'node:fs';
import path from 'node:path';
import { loneCrAsLf } from '../parse/source.js';

/**
 * The texts of scanned files, read again from disk (the scan keeps facts, not texts) by their path relative to `cwd` (as findings name
 * them), once each, with lone CRs made LF as `parseSource` does. A file that is gone or unreadable has no text: its findings get no
 * code frame.
 */
export class SourceTexts {
  readonly #texts = new Map<string, string | undefined>();
  constructor(readonly cwd: string) {}

  get(file: string): string | undefined {
    if (!this.#texts.has(file)) {
      let text: string | undefined;
      try {
        // Lines as findings count them: a lone CR ends one, as LF does (same length, so offsets hold).
        text = loneCrAsLf(fs.readFileSync(path.resolve(this.cwd, file), 'utf8'));
      } catch {
        text = undefined;
      }
      this.#texts.set(file, text);
    }
    return this.#texts.get(file);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A file's bytes as text: throws on bytes that are not UTF-8 (never guessed), and drops a BOM. */
export const decodeUtf8 = (bytes: Uint8Array): string => UTF8.decode(bytes);

/** Whether `abs` is a symlink itself (not where it leads); false when it is not there. */
export function isSymlink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false; // not there, or a part of the path is no folder (ENOTDIR)
  }
}

/** What a symlink is when nothing is found where it leads (it dangles, or it is in a loop of links: ENOENT or ELOOP). */
export const LEADS_NOWHERE = 'a symlink that leads nowhere';

/** A file's text, or undefined when it cannot be read (gone, a folder, a link leading nowhere, no regular file). */
export function readText(abs: string): string | undefined {
  try {
    return readRegularFile(abs);
  } catch {
    return undefined;
  }
}

/**
 * A regular file's text, of at most `maxBytes` when given. Anything else throws, with code
 * `ENOTREG` (a folder, a FIFO, a device: a FIFO's open and read would wait forever, /dev/zero's
 * never end) or `EFBIG` (larger); a file that cannot be opened throws as `fs` does. Opened without
 * blocking, then checked on the open file, so what is checked is what is read.
 */
export function readRegularFile(abs: string, maxBytes = Infinity): string {
  const fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(`${abs}: not a regular file`), { code: 'ENOTREG', directory: st.isDirectory() });
    if (st.size > maxBytes) throw Object.assign(new Error(`${abs}: ${st.size} bytes`), { code: 'EFBIG', size: st.size });
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
