import { applyFixes as engineApplyFixes, type FixSettings } from '../../src/engine/fix.js';
import { lintSync as engineLint, type LintSettings } from '../../src/engine/lint.js';
import { rules } from '../../src/rules/index.js';

/** The engine with the project's rule registry, as the CLI and the Action run it. */
export const lint = (settings: Omit<LintSettings, 'rules'> & Partial<Pick<LintSettings, 'rules'>>) => engineLint({ rules, ...settings });
export const applyFixes = (settings: Omit<FixSettings, 'rules'> & Partial<Pick<FixSettings, 'rules'>>) =>
  engineApplyFixes({ rules, ...settings });
export type { LintResult, LintSettings } from '../../src/engine/lint.js';
