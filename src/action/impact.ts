import path from 'node:path';
import type { Finding, RelatedLocation } from '../engine/finding.js';
import { lint, type LintResult } from '../engine/lint.js';
import type { ChangedFiles } from '../github/changed-files.js';
import { findDiffBase, gitShow } from '../github/git.js';
import type { Checked } from './check.js';
import type { ChangeDetection } from './detect-changes.js';
import type { RunState } from './state.js';

/** What a changed connector does to stages in files the change did not touch. */
export interface ConnectorImpact {
  ruleId: string;
  connector: string;
  file: string;
  line: number;
  /** Stages in unchanged files that fail because of the connector (only the new failures when `compared`). */
  breaks: RelatedLocation[];
  /** Stages in unchanged files that failed before the change and still do (only when `compared`). */
  stillBroken: RelatedLocation[];
  /** Stages in unchanged files that failed before the change and no longer do (only when `compared`). */
  fixes: RelatedLocation[];
  /** The base version was linted too, so breaks, stillBroken and fixes are told apart. */
  compared: boolean;
}

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

/**
 * The connector-impact step: the stages in unchanged files that the changed connectors affect,
 * told apart by linting the changed files' base versions when git has them. Never fails the run.
 */
export async function changedConnectorImpacts(state: RunState, checked: Checked, detection: ChangeDetection): Promise<ConnectorImpact[]> {
  const { result, lintSettings } = checked;
  const changed = detection.changed;
  if (!changed || !changesConnectors(result, changed)) return [];
  const ctx = state.ctx;
  let base: LintResult | undefined;
  try {
    const overlay = baseOverlay(lintSettings.cwd, changed, detection.gitBase, ctx.pullRequest?.baseSha ?? ctx.push?.before);
    if (overlay) base = await lint({ ...lintSettings, overlay, images: false });
  } catch (e) {
    state.notes.add(
      `Linting the base versions of the changed files failed (${(e as Error).message}); connector users are listed without comparison.`,
    );
  }
  const impacts = connectorImpacts(result.findings, changed, base?.findings);
  if (!base && impacts.length)
    state.notes.add(
      'The base versions of the changed connectors are not in the checkout, so the stages they break are not told apart from stages that were broken before (check out with `fetch-depth: 2` or more).',
    );
  return impacts;
}
