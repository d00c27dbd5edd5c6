import type { Finding, Severity } from '../core/finding.js';

export interface Totals {
  errors: number;
  warnings: number;
  notices: number;
  byRule: Record<string, number>;
}

export function totals(findings: readonly Finding[]): Totals {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const byRule: Record<string, number> = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return { errors: count('error'), warnings: count('warning'), notices: count('notice'), byRule };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
