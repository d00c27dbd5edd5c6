import fs from 'node:fs';
import path from 'node:path';
import { leavesItsRoot, linksIntoSkipped, realPathOf, toPosix } from '../engine/discover.js';
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
    paths: state.paths.map((p) => inRepository(state.root, p)),
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

/**
 * A path through a symlink that stays in the repository (`path: hlink`, a link to `.harness`), as
 * the real path there: GitHub annotates a file by its path in the repository, never by a link's.
 * A link that leaves the repository or leads into .git is kept as given, for discovery to refuse.
 */
function inRepository(root: string, given: string): string {
  const abs = path.resolve(root, given);
  let isDirectory: boolean;
  try {
    isDirectory = fs.statSync(abs).isDirectory();
  } catch {
    return given;
  }
  if (leavesItsRoot(abs, isDirectory, root) || linksIntoSkipped(abs, isDirectory, root)) return given;
  const real = path.relative(realPathOf(root), realPathOf(abs));
  return real === '..' || real.startsWith(`..${path.sep}`) || path.isAbsolute(real) ? given : toPosix(real) || '.';
}
