import type { LintResult } from '../engine/lint.js';
import { totals } from './totals.js';

/**
 * The documented JSON contract: findings sorted by file, line, column and rule, plus a summary.
 * Suppressed findings carry `suppressed: {kind, reason}`; `summary` counts leave them out and
 * `summary.suppressed` counts them. With a baseline, `baseline` says what it matched.
 */
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
    ...(f.forRule ? { forRule: f.forRule } : {}),
    ...(f.related?.length ? { related: f.related } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  }));
  const { errors, warnings, notices, byRule, suppressed } = totals(result.findings);
  const summary = {
    files: result.filesScanned,
    harnessFiles: result.harnessFiles,
    entities: result.entities,
    skippedNotHarness: result.skippedNotHarness.length,
    findings: findings.length - suppressed,
    errors,
    warnings,
    notices,
    byRule,
    suppressed,
  };
  return JSON.stringify({ findings, summary, ...(result.baseline ? { baseline: result.baseline } : {}) }, null, 2) + '\n';
}
