import crypto from 'node:crypto';
import { cmp } from './compare.js';
import { yamlPathOf, type Loc, type Placer } from '../model/loc.js';
import type { View } from '../model/view.js';
import { locateRange, type Position } from '../parse/locate.js';

export type { Position } from '../parse/locate.js';

export type Severity = 'error' | 'warning' | 'notice';
export const severityRank: Record<Severity, number> = { error: 3, warning: 2, notice: 1 };

/** A YAML node in a parsed file (a view of it), as the parsers' users hold it. */
export type Located = View;

/** The position of a view. */
export function locate(at: Located) {
  const [start, end] = at.range;
  return locateRange(at.file, start, end);
}

export const hashOf = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * The identity hash of a node's value. The last one is kept: every mention of the retired registry
 * in one long script is a finding on the same scalar, and hashing it for each would take time
 * quadratic in its length.
 */
const valueHashOf = (() => {
  let last: { value: Loc['value']; hash: string } | undefined;
  return (value: Loc['value']): string => {
    if (last?.value !== value) last = { value, hash: hashOf(JSON.stringify(value ?? null)) };
    return last.hash;
  };
})();

/**
 * A finding at a loc: position, semantic path and identity all come from it. The identity (path
 * and a hash of the value) is what baselines and SARIF fingerprints match on, never the line.
 */
export function findingAt(
  ruleId: string,
  severity: Severity,
  message: string,
  at: Loc,
  place: Placer,
  extra: {
    messageId?: string;
    entity?: string;
    related?: ReadonlyArray<{ at: Loc; message: string }>;
    forRule?: string;
    harnessUrl?: string;
  } = {},
): Finding {
  const out: Finding = {
    ruleId,
    severity,
    message,
    ...(extra.messageId ? { messageId: extra.messageId } : {}),
    file: at.file,
    ...place(at),
    range: [at.start, at.end],
  };
  if (extra.entity) out.entity = extra.entity;
  if (extra.forRule) out.forRule = extra.forRule;
  if (extra.harnessUrl) out.harnessUrl = extra.harnessUrl;
  const yamlPath = yamlPathOf(at);
  if (yamlPath) out.yamlPath = yamlPath;
  out.identity = { path: at.path ?? '', valueHash: valueHashOf(at.value) };
  if (extra.related?.length) out.related = extra.related.map(({ at: r, message: m }) => ({ file: r.file, ...place(r), message: m }));
  return out;
}

export interface RelatedLocation extends Position {
  file: string;
  message: string;
}

export type { Edit } from '../model/yaml-edits.js';
import type { Edit } from '../model/yaml-edits.js';

export interface Finding extends Position {
  ruleId: string;
  severity: Severity;
  message: string;
  /**
   * The id of the rule's message the finding was made from, for code that asks what kind of finding
   * it is (never the message text). Set for every rule report; the built-ins' findings have none.
   */
  messageId?: string;
  /** POSIX path relative to the current directory. */
  file: string;
  /** Identifier of the Harness entity the finding is in, when known. */
  entity?: string;
  /**
   * For an `unresolved-reference` notice: the policy rule that could not be decided. Turning that
   * rule off in the config drops the notice too.
   */
  forRule?: string;
  /** Offsets of the reported node in the file text; used for dedupe and fixes. */
  range: [number, number];
  /** Semantic YAML path of the reported node (stable across line moves). */
  yamlPath?: string;
  related?: RelatedLocation[];
  /**
   * For a finding about a connector only Harness holds (looked up through its API): the connector's
   * page in the Harness UI. The finding itself sits on the line in the repo that refers to it.
   */
  harnessUrl?: string;
  /** Safe fix: edits on this finding's file, applied by `fix`. Never set inside a trigger's `inputYaml`. */
  fix?: Edit[];
  /** What the safe fix changes, in one sentence, for `fix` output and the migration report. */
  fixTitle?: string;
  /** A change a human must confirm: shown (report, PR suggestions), never applied by `fix`. */
  suggestion?: Suggestion;
  /**
   * Set when an inline comment or the baseline accepts the finding. Suppressed findings stay in
   * every output, marked, and never count towards totals or the exit code (see `failingFindings`).
   */
  suppressed?: Suppressed;
  /**
   * What identifies the finding without its position, for baselines and fingerprints: the node's
   * semantic path in its document (`yamlPath` when set) and a hash of the node's value. Absent for
   * findings about a whole file.
   */
  identity?: { path: string; valueHash: string };
}

export interface Suppressed {
  kind: 'inline' | 'baseline';
  /** The comment's text after ` -- `; for a baseline entry, its `reason` if it has one. */
  reason?: string;
}

export interface Suggestion {
  title: string;
  edits: Edit[];
}

export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

/** Sorts and removes findings that repeat the same rule on the same range (reached through aliases). */
export function sortAndDedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of [...findings].sort(compareFindings)) {
    const key = `${f.ruleId}\0${f.file}\0${f.range[0]}\0${f.range[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** The levels a run can fail at (`--fail-on`, the Action's `fail-on`): a severity, or `never`. */
export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function reaches(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && severityRank[severity] >= severityRank[threshold];
}

/** The findings that make a run fail at `failOn`: not suppressed, and at or above the threshold. Exit 1 when any. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => !f.suppressed && reaches(f.severity, failOn));
}

/** A finding an inline comment or the baseline accepts: `fix` leaves it alone. */
export function isSuppressed(f: Finding): boolean {
  return !!(f as Finding & { suppressed?: unknown }).suppressed;
}
