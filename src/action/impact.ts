import path from 'node:path';
import type { Finding, RelatedLocation } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import type { ChangedFiles } from '../github/changed-files.js';
import { findDiffBase, gitShow } from '../github/git.js';
import type { ConnectorImpact } from '../formats/markdown.js';

const key = (f: Finding) => `${f.ruleId}\0${f.file}\0${f.entity ?? ''}`;
const relKey = (r: RelatedLocation) => `${r.file}\0${r.line}\0${r.message}`;

/**
 * For each connector finding in a changed file, the stages in unchanged files it names (its
 * `related` locations). With the base version's findings, tells the stages the change newly
 * breaks from those that were already broken and those it fixes (connectors that had a finding
 * before the change and have none, or fewer users, after).
 */
export function connectorImpacts(head: readonly Finding[], changed: ChangedFiles, base?: readonly Finding[]): ConnectorImpact[] {
  const unchanged = (r: RelatedLocation) => !changed.files.has(r.file);
  const relevant = (f: Finding) =>
    !f.suppressed && changed.files.has(f.file) && f.entity !== undefined && (f.related ?? []).some(unchanged);
  const heads = head.filter(relevant);
  const bases = new Map((base ?? []).filter(relevant).map((f) => [key(f), f]));
  const out: ConnectorImpact[] = [];
  for (const f of heads) {
    const now = (f.related ?? []).filter(unchanged);
    const before = (bases.get(key(f))?.related ?? []).filter(unchanged);
    bases.delete(key(f));
    const beforeKeys = new Set(before.map(relKey));
    const nowKeys = new Set(now.map(relKey));
    out.push({
      ruleId: f.ruleId,
      connector: f.entity!,
      file: f.file,
      line: f.line,
      breaks: base ? now.filter((r) => !beforeKeys.has(relKey(r))) : now,
      stillBroken: base ? now.filter((r) => beforeKeys.has(relKey(r))) : [],
      fixes: base ? before.filter((r) => !nowKeys.has(relKey(r))) : [],
      compared: base !== undefined,
    });
  }
  // Connectors whose finding the change removed altogether: every user it had is fixed.
  for (const f of bases.values())
    out.push({
      ruleId: f.ruleId,
      connector: f.entity!,
      file: f.file,
      line: f.line,
      breaks: [],
      stillBroken: [],
      fixes: (f.related ?? []).filter(unchanged),
      compared: true,
    });
  return out;
}

/** True when a changed file holds a connector. */
export function changesConnectors(result: LintResult, changed: ChangedFiles): boolean {
  return result.project.connectors.some((c) => changed.files.has(c.rootKey.file));
}

/**
 * The text each changed file had at the base revision, keyed by absolute path in the workspace,
 * for `lint({ overlay })`: files the change added are empty there. Undefined when git has no base.
 */
export function baseOverlay(
  workspace: string,
  changed: ChangedFiles,
  gitBase: string | undefined,
  baseSha: string | undefined,
): Map<string, string> | undefined {
  const base = gitBase ?? findDiffBase(workspace, baseSha, [])?.base;
  if (!base) return undefined;
  const overlay = new Map<string, string>();
  for (const c of changed.files.values()) {
    if (c.status === 'removed') continue;
    const old = c.status === 'added' ? undefined : gitShow(workspace, base, c.previousPath ?? c.path);
    overlay.set(path.resolve(workspace, c.path), old ?? '');
  }
  return overlay;
}
