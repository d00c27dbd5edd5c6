import type { Finding } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { plural, scanNotes, totals } from './totals.js';

/**
 * `file:line:col: severity: message [rule-id]`, one finding a line, then a count. A suppressed
 * finding reads `severity (suppressed): ...` or `severity (suppressed by baseline): ...`, with its
 * reason after ` -- `; the counts leave it out.
 */
export function formatText(result: LintResult): string {
  const lines = result.findings.map(line);
  const t = totals(result.findings);
  const counts = `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')} in ${plural(result.filesScanned, 'file')}`;
  lines.push(t.suppressed ? `${counts}; ${t.suppressed} suppressed (${suppressedBreakdown(result.findings)}).` : `${counts}.`);
  lines.push(...scanNotes(result));
  const b = result.baseline;
  if (b) lines.push(`Baseline ${b.file}: ${b.matched} of ${plural(b.entries, 'accepted finding')} matched, ${b.stale} stale.`);
  return lines.join('\n') + '\n';
}

function line(f: Finding): string {
  const s = f.suppressed;
  const severity = s ? `${f.severity} (suppressed${s.kind === 'baseline' ? ' by baseline' : ''})` : f.severity;
  return `${f.file}:${f.line}:${f.column}: ${severity}: ${f.message} [${f.ruleId}]${s?.reason ? ` -- ${s.reason}` : ''}`;
}

function suppressedBreakdown(findings: readonly Finding[]): string {
  const inline = findings.filter((f) => f.suppressed?.kind === 'inline').length;
  const baseline = findings.filter((f) => f.suppressed?.kind === 'baseline').length;
  return [inline ? `${inline} inline` : '', baseline ? `${baseline} by baseline` : ''].filter(Boolean).join(', ');
}
