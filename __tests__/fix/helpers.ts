import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Edit } from '../../src/engine/finding.js';

export const FIX_CASES = import.meta.dirname;

/** Every file under `dir`, relative POSIX paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Copies a case folder without its `*.fixed.yaml` files into a fresh temp dir. */
export function copyCase(dir: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-fix-'));
  for (const f of listFiles(dir)) {
    if (f.endsWith('.fixed.yaml')) continue;
    fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
    fs.copyFileSync(path.join(dir, f), path.join(tmp, f));
  }
  return tmp;
}

/** Writes files (exact strings) into a fresh temp dir. */
export function tempRepo(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-fix-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * Characters of `after` that differ from `before` outside the edited ranges: 0 when the edits
 * explain every change. `edits` are on `before`, sorted and disjoint.
 */
export function changesOutside(before: string, after: string, edits: readonly Edit[]): number {
  let diff = 0;
  let pos = 0;
  let out = 0;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const gap = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (before[i] !== after[out + i - from]) diff++;
    out += to - from;
  };
  for (const e of sorted) {
    gap(pos, e.start);
    out += e.text.length;
    pos = e.end;
  }
  gap(pos, before.length);
  return diff + Math.abs(after.length - out);
}

export const bytes = (file: string) => fs.readFileSync(file);
export const hasBom = (b: Buffer) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
/** True when every LF is part of a CRLF. */
export const allCrlf = (s: string) => !/(^|[^\r])\n/.test(s);
