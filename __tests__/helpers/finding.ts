import type { Finding } from '../../src/engine/finding.js';

/** A policy-1 error on one line of a pipeline, with the fields given replaced: what format tests feed the formatters. */
export const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'no-app-harness-registry',
  severity: 'error',
  message: 'Image `app.harness.io/registry/harness/ci-addon:1` is pulled from the retired registry.',
  file: '.harness/pipelines/p.yaml',
  line: 3,
  column: 7,
  endLine: 3,
  endColumn: 20,
  range: [10, 20],
  ...over,
});
