import { annotate, whereToRead } from './annotations.js';
import { checkWorkspace } from './check.js';
import { createCheckRun } from './check-run.js';
import { detectChanges } from './detect-changes.js';
import { addedSuppressions, readGate } from './gate.js';
import { baseVersions } from './gate-base.js';
import { changedConnectorImpacts } from './impact.js';
import { filesToCompare, headFiles } from './head-files.js';
import * as core from '@actions/core';
import { redactKey } from '../harness/transport.js';
import { getSettings, InputError, readInput, type ActionSettings } from './inputs.js';
import { fail, failure, finish, judge, type ExitCode } from './outputs.js';
import { migrationReport } from './report.js';
import { writeSarif } from './sarif.js';
import { startRun, type Env, type RunDeps } from './state.js';
import { postSuggestions } from './suggestions.js';
import { writeJobSummary } from './summary.js';

export type { ExitCode } from './outputs.js';
export type { RunDeps } from './state.js';

/**
 * The Action: read the inputs once, work out what the pull request changed, lint the whole
 * workspace, then report through every surface GitHub rations (SARIF, annotations within
 * 10/10/10, one check run, suggested changes, the job summary) and fail the step when findings
 * reach `fail-on` or anything goes wrong inside. Each step is a function of its own module.
 */
export async function run(env: Env = process.env, deps: RunDeps = {}): Promise<ExitCode> {
  // Masked before anything else runs, so no later log line can show it.
  const harnessKey = readInput(env, 'harness-api-key');
  if (harnessKey) core.setSecret(harnessKey);
  let settings: ActionSettings;
  try {
    settings = getSettings(env);
  } catch (e) {
    // An input's value can be a token pasted into the wrong input: never printed.
    const message = e instanceof InputError ? e.message : `reading inputs failed: ${(e as Error).message}`;
    return fail(2, harnessKey ? redactKey(message, harnessKey) : message, readInput(env, 'github-token'));
  }
  try {
    return await steps(settings, env, deps);
  } catch (e) {
    return failure(e, settings);
  }
}

async function steps(settings: ActionSettings, env: Env, deps: RunDeps): Promise<ExitCode> {
  const state = startRun(settings, env, deps);
  const detection = await detectChanges(state.root, state.ctx, state.api);
  state.notes.addAll(detection.notes);
  const gate = await readGate(state, detection);
  const checked = await checkWorkspace(state, gate);
  const { result } = checked;
  const head = await headFiles(state, () => filesToCompare(state.root, gate?.changed ?? detection.changed, result));
  // Suppression comments count in the files the check read, which only lint knows.
  // On a test-merge checkout the comments lint obeyed are compared with the base branch's (each file read once).
  const obeyed = result.directives;
  const atBase =
    gate && head.checkoutSha
      ? { versions: await baseVersions(state, detection, [...obeyed.keys()].filter((f) => !f.startsWith('../')).slice(0, 100)), obeyed }
      : undefined;
  const gateChanges = gate
    ? [...gate.changes, ...addedSuppressions(state.root, { ...gate, head, obeyed, ...(atBase ? { atBase } : {}) }, result.scope.scanned)]
    : [];
  const gateWarning = gate?.unverified;
  const impacts = await changedConnectorImpacts(state, checked, detection);
  const verdict = judge(result, settings);
  const sarifFile = writeSarif(state, result);
  const seeAlso = whereToRead(state, sarifFile);
  const plan = annotate(state, result, { detection, gateChanges, gateWarning, seeAlso, head });
  const checkRun = await createCheckRun(state, result, { detection, impacts, verdict, plan, gateChanges, gateWarning, head });
  await postSuggestions(state, result, detection, head);
  const report = await migrationReport(state, result);
  const summary = await writeJobSummary(state, result, { detection, impacts, gateChanges, verdict, sarifFile, report, head });
  // The last word names only the places that were written.
  return finish(state, result, verdict, sarifFile, whereToRead(state, sarifFile, { summary, checkRun }));
}
