import type { LintResult } from '../core/lint.js';
import { totals } from './summary.js';

/** The documented JSON contract: findings sorted by file, line, column and rule, plus a summary. */
export function formatJson(result: LintResult): string {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.entity ? { entity: f.entity } : {}),
  }));
  const t = totals(result.findings);
  const summary = { files: result.filesScanned, entities: result.entities, findings: findings.length, ...t };
  return JSON.stringify({ findings, summary }, null, 2) + '\n';
}
