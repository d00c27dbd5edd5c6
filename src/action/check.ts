import { lint, type LintResult, type LintSettings } from '../engine/lint.js';
import { poolScanner, workerScriptBeside } from '../engine/pool.js';
import { lookupSummary } from '../model/harness-side.js';
import { rules } from '../rules/index.js';
import type { GateSources } from './gate.js';
import type { RunState } from './state.js';

export interface Checked {
  result: LintResult;
  /** What lint ran with, to lint the base versions of changed files the same way. */
  lintSettings: LintSettings;
}

/** The lint step: the whole workspace, with the config and baseline the gate chose (the base commit's on a pull request). */
export async function checkWorkspace(state: RunState, gate: GateSources | undefined): Promise<Checked> {
  const { settings } = state;
  const lintSettings: LintSettings = {
    // From the repository root, so findings name files as git, the API and the runner do.
    cwd: state.root,
    paths: state.paths,
    rules,
    // Large repos are scanned on worker threads (dist/worker/index.js, beside this bundle).
    scanner: poolScanner(rules, { script: workerScriptBeside(import.meta.url, './worker/index.js'), env: process.env }),
  };
  const configPath = gate ? gate.configPath : settings.configPath;
  const baselinePath = gate ? gate.baselinePath : settings.baselinePath;
  if (configPath !== undefined) lintSettings.configPath = configPath;
  if (baselinePath) lintSettings.baselinePath = baselinePath;
  if (gate?.overlay.size) lintSettings.overlay = gate.overlay;
  // The files read, to find the suppression comments a pull request adds in them.
  if (gate) lintSettings.keepScanned = true;
  // The migration report lists every image by registry.
  if (settings.report || settings.reportFile) lintSettings.images = true;
  const { harness } = state;
  if (harness) lintSettings.harness = (project) => harness.lookUp(project);
  const result = await lint(lintSettings);
  if (result.harness) state.log(lookupSummary(result.harness));
  return { result, lintSettings };
}
