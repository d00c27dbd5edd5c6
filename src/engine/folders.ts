import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates the missing folders above `file`, outermost first. Not `mkdirSync(…, { recursive: true })`:
 * Node's loops forever where a parent cannot hold folders and answers ENOENT (under /proc).
 */
export function makeParentFolders(file: string): void {
  const missing: string[] = [];
  for (let dir = path.dirname(path.resolve(file)); !fs.existsSync(dir); dir = path.dirname(dir)) {
    missing.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    try {
      fs.mkdirSync(dir);
    } catch (e) {
      // Made meanwhile by another process: fine if it is a folder.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(dir).isDirectory()) throw e;
    }
  }
}
