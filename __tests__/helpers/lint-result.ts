import type { LintResult } from '../../src/engine/lint.js';
import { Project } from '../../src/model/project.js';

/** A `LintResult` of one clean file, with `over` in its place: what a mocked `lint` returns in tests of the shells. */
export const lintResult = (over: Partial<LintResult> = {}): LintResult => ({
  findings: [],
  filesScanned: 1,
  harnessFiles: 1,
  entities: 0,
  skippedNotHarness: [],
  internalErrors: [],
  directives: new Map(),
  project: new Project([]),
  place: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }),
  rules: [],
  options: {},
  cwd: '.',
  scope: { root: '.', partial: false, crossFileRules: new Set() },
  ...over,
});
