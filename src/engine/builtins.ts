import type { Finding, Severity } from './finding.js';
import type { RuleMeta } from './rule.js';
import { DOCS_CONNECT_REGISTRY } from '../model/harness-docs.js';

const DOCS_YAML = 'https://developer.harness.io/docs/platform/pipelines/harness-yaml-quickstart';
export const UNRESOLVED_REFERENCE = 'unresolved-reference';

/** Findings the core itself makes. They have metadata like any rule, so reports and SARIF treat them alike. */
export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  severity: 'error',
  description: 'A file could not be read or parsed as YAML, or was skipped (too large, binary, a symlink out of the root).',
  harnessDocs: DOCS_YAML,
  remediation: 'Fix the YAML at the reported position; Harness cannot load the entity either.',
  fixable: 'none',
};

export const schema: RuleMeta = {
  id: 'schema',
  severity: 'error',
  description: 'A connector or CI stage field that the policies read has the wrong shape.',
  harnessDocs: DOCS_YAML,
  remediation: 'Give the field the type and value the Harness YAML reference expects.',
  fixable: 'none',
};

const unresolvedReference: RuleMeta = {
  id: UNRESOLVED_REFERENCE,
  severity: 'notice',
  description: 'A policy could not be decided because the connector or value it depends on is not in the repo.',
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation: 'Check the named connector in Harness, or commit its YAML so the check can decide.',
  fixable: 'none',
};

export const suppression: RuleMeta = {
  id: 'suppression',
  severity: 'error',
  description: 'A suppression comment or baseline entry is malformed, lacks a reason, has expired, is forbidden, or suppresses nothing.',
  harnessDocs: DOCS_YAML,
  remediation:
    'Give the comment a known rule id and a reason after ` -- `, renew or remove an expired `until=`, fix findings whose rule is in `forbidSuppression`, and delete suppressions and baseline entries that no longer match.',
  fixable: 'none',
};

export const builtinRules: readonly RuleMeta[] = [yamlSyntax, schema, unresolvedReference, suppression];

/** A `yaml-syntax` finding about a whole file (unreadable, binary, skipped), placed at its start. */
export function fileFinding(file: string, severity: Severity, message: string): Finding {
  return { ruleId: yamlSyntax.id, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] };
}
