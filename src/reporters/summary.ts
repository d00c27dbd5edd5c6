import type { Finding, Severity } from '../core/finding.js';

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
  return { errors: count('error'), warnings: count('warning'), notices: count('notice'), byRule, suppressed: findings.length - active.length };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
