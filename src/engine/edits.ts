import { isEmbedded } from '../model/loc.js';
import { plainEdit } from '../model/yaml-edits.js';
import type { Report, RuleMeta } from './rule.js';
import type { Edit, Finding } from './finding.js';

/** True when two edits touch the same text (an insertion at the edge of a replacement counts). */
export function overlaps(a: Edit, b: Edit): boolean {
  const lo = Math.max(a.start, b.start);
  const hi = Math.min(a.end, b.end);
  return lo < hi || ((a.start === a.end || b.start === b.end) && lo <= hi);
}

/**
 * Overlap within one fix: its own insertion at the edge of its own replacement is fine (a URL
 * replaced and a pair inserted right after it), since `applyEdits` orders them by position; two
 * insertions at one place are not (their order would be a guess).
 */
export const clashWithin = (a: Edit, b: Edit): boolean =>
  Math.max(a.start, b.start) < Math.min(a.end, b.end) || insideOrSame(a, b) || insideOrSame(b, a);
/** `a` is an insertion strictly inside `b`, or at the same place as insertion `b`. */
const insideOrSame = (a: Edit, b: Edit) =>
  a.start === a.end && (b.start === b.end ? a.start === b.start : b.start < a.start && a.start < b.end);

const sameEdit = (a: Edit, b: Edit) => a.start === b.start && a.end === b.end && a.text === b.text;

/**
 * Chooses, in order, the groups of edits (one group per fix) that do not overlap an earlier chosen
 * group. A group is taken whole or not at all; an edit identical to one already chosen is shared.
 * The chosen edits are kept sorted, so each group is checked against its neighbours only: a file
 * can hold thousands of fixes.
 */
export function chooseEdits(groups: ReadonlyArray<readonly Edit[]>): { chosen: Edit[]; taken: number[] } {
  const chosen: Edit[] = [];
  const taken: number[] = [];
  groups.forEach((group, i) => {
    const fresh = group.filter((e) => !hasSame(chosen, e));
    const selfOverlap = fresh.some((e, j) => fresh.some((f, k) => j < k && clashWithin(e, f)));
    if (selfOverlap || fresh.some((e) => overlapsChosen(chosen, e))) return;
    // Sorted by start, then end (an insertion before the replacement it starts), so their ends are sorted too.
    for (const e of fresh) chosen.splice(placeOf(chosen, e), 0, e);
    taken.push(i);
  });
  return { chosen, taken };
}

/** Index of the first edit that starts after `offset`, in edits sorted by start. */
function firstAfter(sorted: readonly Edit[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where `e` goes in edits sorted by start, then end. */
function placeOf(sorted: readonly Edit[], e: Edit): number {
  let k = firstAfter(sorted, e.start);
  while (k > 0 && sorted[k - 1]!.start === e.start && sorted[k - 1]!.end > e.end) k--;
  return k;
}

/** Whether an edit overlaps one of the chosen: those are sorted and do not overlap each other, so their ends are sorted too. */
function overlapsChosen(chosen: readonly Edit[], e: Edit): boolean {
  for (let k = firstAfter(chosen, e.end) - 1; k >= 0 && chosen[k]!.end >= e.start; k--) if (overlaps(chosen[k]!, e)) return true;
  return false;
}

function hasSame(chosen: readonly Edit[], e: Edit): boolean {
  for (let k = firstAfter(chosen, e.start) - 1; k >= 0 && chosen[k]!.start === e.start; k--) if (sameEdit(chosen[k]!, e)) return true;
  return false;
}

/** Applies non-overlapping edits to a text. Throws on overlap: callers choose edits first. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) throw new Error(`overlapping or out-of-range edit at ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Carries a report's fix onto its finding, as the rule's `fixable` allows: a `suggestion` rule's fix
 * becomes a suggestion, a `none` rule's edits are dropped. Inside a trigger's `inputYaml` (an embedded
 * YAML text) offsets are not the file's, so no edit is kept there.
 */
export function withFix(rule: RuleMeta, report: Pick<Report<string>, 'at' | 'fix' | 'fixTitle' | 'suggestion'>, finding: Finding): Finding {
  if (isEmbedded(report.at) || rule.fixable === 'none') return finding;
  const title = report.fixTitle ?? report.suggestion?.title;
  // A fix of an anchored node that an alias uses elsewhere would change that place too: shown, not applied.
  const aliased = !!report.fix?.some((e) => e.aliased);
  if (report.fix?.length && rule.fixable === 'safe' && !aliased) {
    finding.fix = report.fix;
    if (title) finding.fixTitle = title;
  } else if (report.fix?.length && title)
    finding.suggestion = { title: aliased ? `${title} ${ALIASED_NOTE}` : title, edits: report.fix.map(plainEdit) };
  if (report.suggestion?.edits.length && !finding.fix)
    finding.suggestion = report.suggestion.edits.some((e) => e.aliased)
      ? { title: `${report.suggestion.title} ${ALIASED_NOTE}`, edits: report.suggestion.edits.map(plainEdit) }
      : report.suggestion;
  return finding;
}

const ALIASED_NOTE =
  'The value is anchored and also used through an alias elsewhere, where the change applies too: check those places first.';
