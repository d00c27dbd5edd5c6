import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits, chooseEdits } from './edits.js';
import { cmp } from './compare.js';
import { isSuppressed, type Edit, type Finding } from './finding.js';
import { lintSync, type LintResult, type LintSettings } from './lint.js';
import { parseSource } from '../parse/source.js';
import { decodeUtf8 } from './file-text.js';

/** ESLint's MAX_AUTOFIX_PASSES: fixes that keep producing fixes stop here. */
const MAX_FIX_PASSES = 10;

export interface FixSettings extends LintSettings {
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  maxPasses?: number;
  /** The check to run between passes; `lint` unless a test substitutes it. */
  check?: (settings: LintSettings) => LintResult;
}

export interface AppliedFix {
  ruleId: string;
  /** The fix's title, or the finding's message when the rule gave none. */
  title: string;
  /** Line of the finding in the text the fix was applied to. */
  line: number;
}

export interface FileFix {
  /** POSIX path relative to cwd, as in findings. */
  file: string;
  absPath: string;
  /** Text before and after (no BOM; `bom` says whether the file has one, and keeps it). */
  original: string;
  fixed: string;
  bom: boolean;
  /** The net change as non-overlapping edits on `original`: applying them gives `fixed`. */
  edits: Edit[];
  applied: AppliedFix[];
}

export interface FixResult {
  /** Files whose text the fixes changed (written unless dry run). */
  files: FileFix[];
  /** Files left untouched because a pass would have made them unparseable, or changed on disk meanwhile. */
  skipped: Array<{ file: string; reason: string }>;
  /** Passes that applied at least one edit. */
  passes: number;
  /** False when safe fixes were still left after the last pass. */
  converged: boolean;
  /** The check of the fixed text: what is left, including suggestions that `fix` never applies. */
  result: LintResult;
}

/** Net edits of a file so far: original [start, end) now spans `len` characters of the current text. */
interface NetRange {
  start: number;
  end: number;
  len: number;
}

interface FileState {
  file: string;
  absPath: string;
  bytes: Buffer;
  original: string;
  current: string;
  bom: boolean;
  net: NetRange[];
  applied: AppliedFix[];
}

/**
 * Applies the safe fixes: per file, the fixes whose edits do not overlap, then re-parses and
 * re-checks everything and repeats (at most `maxPasses` times) until no safe fix is left. A pass
 * that would make a file unparseable is dropped and that file is left as it was. Suggestions are
 * never applied. Files are written once, at the end (see `writeFixed`).
 */
export function applyFixes(settings: FixSettings): FixResult {
  const maxPasses = settings.maxPasses ?? MAX_FIX_PASSES;
  const overlay = new Map<string, string>();
  const states = new Map<string, FileState>();
  const frozen = new Set<string>();
  const skipped: FixResult['skipped'] = [];
  const realPaths = new Map<string, string>();
  const secondNames = new Map<string, Set<string>>();
  // A second name of a file (a hard link) is checked with the text its first name has now, not the old one on disk.
  const syncSecondNames = () => {
    let synced = false;
    for (const [owner, names] of secondNames) {
      const text = overlay.get(owner);
      for (const name of names) {
        if (overlay.get(name) === text) continue;
        if (text === undefined) overlay.delete(name);
        else overlay.set(name, text);
        synced = true;
      }
    }
    return synced;
  };
  const check = settings.check ?? lintSync;
  let result = check({ ...settings, overlay });
  let passes = 0;

  while (passes < maxPasses) {
    const byFile = groupFixes(result.findings, settings.cwd, frozen, realPaths, secondNames);
    let changed = false;
    let reread = false;
    for (const [absPath, findings] of byFile) {
      const state = states.get(absPath);
      if (!state) {
        // These fixes were made from the file as the check read it, and it may have changed since.
        // Its text is read once, here, and its fixes are taken from a check of exactly that text.
        const read = readState(absPath, findings[0]!.file);
        if (read) {
          states.set(absPath, read);
          overlay.set(absPath, read.original);
          reread = true;
        }
        continue;
      }
      const { chosen, taken } = chooseEdits(findings.map((f) => f.fix!));
      if (!chosen.length) continue;
      const next = applyEdits(state.current, chosen);
      if (next === state.current) continue;
      if (parseProblems(next) > parseProblems(state.current)) {
        frozen.add(absPath);
        overlay.delete(absPath);
        states.delete(absPath);
        skipped.push({ file: state.file, reason: 'the fixes would make it unparseable' });
        continue;
      }
      state.net = compose(state.net, chosen);
      state.current = next;
      state.applied.push(
        ...taken.map((i) => ({
          ruleId: findings[i]!.ruleId,
          title: findings[i]!.fixTitle ?? findings[i]!.message,
          line: findings[i]!.line,
        })),
      );
      overlay.set(absPath, next);
      changed = true;
    }
    if (syncSecondNames()) reread = true;
    if (!changed && !reread) break;
    if (changed) passes++;
    result = check({ ...settings, overlay });
  }

  const files: FileFix[] = [];
  let unwritten = false;
  for (const s of states.values()) {
    if (s.current === s.original) continue;
    // A dry run says what a run would do: a file it could not write is left unchanged there too.
    const problem = settings.dryRun ? (writableNow(s.absPath) ? undefined : 'it is read-only') : writeFixed(s);
    if (problem) {
      // Left as it is on disk, with its findings; frozen, so its fixes left undone do not count as unsettled.
      skipped.push({ file: s.file, reason: problem });
      overlay.delete(s.absPath);
      frozen.add(s.absPath);
      unwritten = true;
      continue;
    }
    files.push({
      file: s.file,
      absPath: s.absPath,
      original: s.original,
      fixed: s.current,
      bom: s.bom,
      edits: netEdits(s),
      applied: s.applied,
    });
  }
  files.sort((a, b) => cmp(a.file, b.file));
  // What is left is what is on disk: a file that could not be written keeps its findings.
  if (unwritten) {
    syncSecondNames();
    result = check({ ...settings, overlay });
  }
  // Fresh maps: a file written by rename has a new inode, maybe one another file had before.
  const converged = groupFixes(result.findings, settings.cwd, frozen, new Map(), new Map()).size === 0;
  return { files, skipped, passes, converged, result };
}

/** Safe fixes by absolute path, skipping frozen files and second names (symlinks, hard links) of a file already claimed. */
function groupFixes(
  findings: Finding[],
  cwd: string,
  frozen: Set<string>,
  realPaths: Map<string, string>,
  secondNames: Map<string, Set<string>>,
): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.fix?.length || isSuppressed(f)) continue;
    const abs = path.resolve(cwd, f.file);
    if (frozen.has(abs)) continue;
    // One file by its identity: a symlink or a hard link to it is a second name, not a second file.
    let real: string;
    try {
      const st = fs.statSync(abs);
      real = `${st.dev}:${st.ino}`;
    } catch {
      continue;
    }
    const owner = realPaths.get(real) ?? abs;
    realPaths.set(real, owner);
    if (owner !== abs) {
      secondNames.set(owner, (secondNames.get(owner) ?? new Set()).add(abs));
      continue;
    }
    const list = out.get(abs) ?? [];
    list.push(f);
    out.set(abs, list);
  }
  return out;
}

function readState(absPath: string, file: string): FileState | undefined {
  try {
    const bytes = fs.readFileSync(absPath);
    const original = decodeUtf8(bytes);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { file, absPath, bytes, original, current: original, bom, net: [], applied: [] };
  } catch {
    return undefined;
  }
}

/** Syntax errors plus documents whose aliases expand too far: a pass may not add any. */
function parseProblems(text: string): number {
  return parseSource('fix', text).problems.length;
}

/** Folds one pass's edits (offsets in the current text) into the net ranges on the original. */
function compose(net: NetRange[], edits: Edit[]): NetRange[] {
  const delta = (r: NetRange) => r.len - (r.end - r.start);
  const toOrig = (pos: number, side: 'start' | 'end') => {
    let d = 0;
    for (const r of net) {
      const cs = r.start + d;
      if (pos < cs) break;
      if (pos <= cs + r.len) return side === 'start' ? r.start : r.end;
      d += delta(r);
    }
    return pos - d;
  };
  const spans = [
    ...net.map((r) => ({ start: r.start, end: r.end })),
    ...edits.map((e) => ({ start: toOrig(e.start, 'start'), end: toOrig(e.end, 'end') })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged.map((m) => {
    const before = net.filter((r) => r.end < m.start); // ranges that touch m were merged into it
    const inside = net.filter((r) => r.start >= m.start && r.end <= m.end);
    const cs = m.start + before.reduce((s, r) => s + delta(r), 0);
    const ce = cs + (m.end - m.start) + inside.reduce((s, r) => s + delta(r), 0);
    const grow = edits.filter((e) => e.start >= cs && e.end <= ce).reduce((s, e) => s + e.text.length - (e.end - e.start), 0);
    return { start: m.start, end: m.end, len: ce - cs + grow };
  });
}

/** The net ranges as edits on the original text, dropping any that end up unchanged. */
function netEdits(s: FileState): Edit[] {
  const out: Edit[] = [];
  let d = 0;
  for (const r of s.net) {
    const cs = r.start + d;
    const text = s.current.slice(cs, cs + r.len);
    if (text !== s.original.slice(r.start, r.end)) out.push({ start: r.start, end: r.end, text });
    d += r.len - (r.end - r.start);
  }
  return out;
}

/**
 * Writes the fixed text, refusing when the file changed on disk since it was read or has no write
 * permission. It is written next to the file and renamed over it, with the file's mode, owner and
 * group; a file with other hard links, or whose owner this process cannot give the new file, is
 * rewritten in place instead, so that it stays the same file.
 */
function writeFixed(s: FileState): string | undefined {
  let target: string;
  let stat: fs.Stats;
  try {
    target = fs.realpathSync(s.absPath);
    if (!fs.readFileSync(target).equals(s.bytes)) return 'it changed on disk while fixing';
    stat = fs.statSync(target);
  } catch (e) {
    return `it cannot be read again (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!isWritable(target, stat)) return 'it is read-only';
  const text = (s.bom ? '\uFEFF' : '') + s.current;
  if (stat.nlink > 1) return writeInPlace(target, text);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    if (!keepOwner(tmp, stat)) {
      fs.rmSync(tmp, { force: true });
      return writeInPlace(target, text);
    }
    fs.chmodSync(tmp, stat.mode & 0o7777);
    fs.renameSync(tmp, target);
    return undefined;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    return cannotWrite(e);
  }
}

const cannotWrite = (e: unknown) => `it cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`;

function writableNow(absPath: string): boolean {
  try {
    const target = fs.realpathSync(absPath);
    return isWritable(target, fs.statSync(target));
  } catch {
    return false;
  }
}

/** Write permission as the file's mode bits give it (a file no one may write is read-only even for root). */
function isWritable(target: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o222) === 0) return false;
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Gives the new file the old one's owner and group; false when this process may not. */
function keepOwner(tmp: string, stat: fs.Stats): boolean {
  // The new file's own owner: a setgid folder gives it the folder's group, not this process's.
  const made = fs.statSync(tmp);
  if (made.uid === stat.uid && made.gid === stat.gid) return true;
  try {
    fs.chownSync(tmp, stat.uid, stat.gid);
    return true;
  } catch {
    return false;
  }
}

function writeInPlace(target: string, text: string): string | undefined {
  try {
    fs.writeFileSync(target, text);
    return undefined;
  } catch (e) {
    return cannotWrite(e);
  }
}
