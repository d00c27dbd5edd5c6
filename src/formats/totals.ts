import type { Finding, Severity } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { lookupFailureWarning, lookupSummary } from '../model/harness-side.js';

export interface Totals {
  errors: number;
  warnings: number;
  notices: number;
  byRule: Record<string, number>;
  /** Findings an inline comment or the baseline accepts; the counts above leave them out. */
  suppressed: number;
}

/** Counts of the findings that are not suppressed, and how many are. */
export function totals(findings: readonly Finding[]): Totals {
  const active = findings.filter((f) => !f.suppressed);
  const count = (s: Severity) => active.filter((f) => f.severity === s).length;
  const byRule: Record<string, number> = {};
  for (const f of active) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return {
    errors: count('error'),
    warnings: count('warning'),
    notices: count('notice'),
    byRule,
    suppressed: findings.length - active.length,
  };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the scan covered, in plain words, when it is not simply "the Harness YAML in these files":
 * and what was looked up in Harness, with the one warning when lookups got no answer.
 */
export function scanNotes(
  result: Pick<LintResult, 'filesScanned' | 'harnessFiles' | 'skippedNotHarness'> & Partial<Pick<LintResult, 'harness'>>,
): string[] {
  const notes: string[] = [];
  if (!result.harnessFiles)
    notes.push(`No Harness YAML among the ${plural(result.filesScanned, 'file')} read: no pipeline or connector was checked.`);
  const skipped = result.skippedNotHarness.length;
  if (skipped)
    notes.push(
      `${plural(skipped, 'file')} that ${skipped === 1 ? 'is' : 'are'} not Harness YAML and do${skipped === 1 ? 'es' : ''} not parse as YAML (templates for Helm, Go, Jinja or Terraform, for example) ${skipped === 1 ? 'was' : 'were'} skipped.`,
    );
  if (result.harness) {
    notes.push(lookupSummary(result.harness));
    const warning = lookupFailureWarning(result.harness);
    if (warning) notes.push(`Warning: ${warning}`);
  }
  return notes;
}
