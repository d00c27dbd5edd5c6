import type { LintResult } from '../core/lint.js';
import { plural, totals } from './summary.js';

/** `file:line:col: severity: message [rule-id]`, one finding a line, then a count. */
export function formatText(result: LintResult): string {
  const lines = result.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]`);
  const t = totals(result.findings);
  lines.push(
    `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')} in ${plural(result.filesScanned, 'file')}.`,
  );
  return lines.join('\n') + '\n';
}
