import type { Finding } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { lookupFailureWarning, type HarnessFacts } from '../model/harness-side.js';
import { jsonPieces, mapped } from './json-pieces.js';
import { totals } from './totals.js';

/**
 * The documented JSON contract: findings sorted by file, line, column and rule, plus a summary.
 * Suppressed findings carry `suppressed: {kind, reason}`; `summary` counts leave them out and
 * `summary.suppressed` counts them. With a baseline, `baseline` says what it matched. With Harness
 * lookups, `harness` says what was asked and answered, and findings about connectors only Harness
 * holds carry `harnessUrl`, the connector's page in the Harness UI.
 */
export function formatJson(result: LintResult): string {
  return [...formatJsonPieces(result)].join('');
}

/**
 * `formatJson`'s text in pieces of about 64 KB, for writing as they come: a large repo's report
 * (tens of MB) is then never held whole, as a string and again as the bytes written.
 */
export function formatJsonPieces(result: LintResult): Generator<string> {
  const { errors, warnings, notices, byRule, suppressed } = totals(result.findings);
  const summary = {
    files: result.filesScanned,
    harnessFiles: result.harnessFiles,
    entities: result.entities,
    skippedNotHarness: result.skippedNotHarness.length,
    findings: result.findings.length - suppressed,
    errors,
    warnings,
    notices,
    byRule,
    suppressed,
  };
  return jsonPieces({
    findings: mapped(result.findings, findingJson),
    summary,
    ...(result.baseline ? { baseline: result.baseline } : {}),
    ...(result.harness ? { harness: harnessJson(result.harness) } : {}),
  });
}

/** A finding as the JSON contract gives it. */
const findingJson = (f: Finding) => ({
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
  ...(f.harnessUrl ? { harnessUrl: f.harnessUrl } : {}),
  ...(f.suppressed ? { suppressed: f.suppressed } : {}),
});

/** What was asked of Harness: counts by answer, requests, and the warning when lookups got no answer. */
function harnessJson(facts: HarnessFacts) {
  const n = (kind: string) => facts.lookups.filter((l) => l.answer.kind === kind).length;
  const warning = lookupFailureWarning(facts);
  return {
    host: facts.host,
    lookups: facts.lookups.length,
    found: n('found'),
    notFound: n('notFound'),
    failed: n('failed'),
    requests: facts.requests,
    ...(warning ? { warning } : {}),
  };
}
