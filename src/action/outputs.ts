import * as core from '@actions/core';
import { ConfigError } from '../engine/config.js';
import { UsageError } from '../engine/errors.js';
import { failingFindings } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { redact } from '../github/client.js';
import { HarnessAuthError } from '../harness/client.js';
import { internalErrorText, terminalSafe, usageErrorText } from '../formats/style.js';
import { plural, totals } from '../formats/totals.js';
import { InputError, type ActionSettings } from './inputs.js';
import type { RunState } from './state.js';

/** Exit codes, also the `exit-code` output: 0 nothing reaches fail-on, 1 something does, 2 bad input or internal error. */
export type ExitCode = 0 | 1 | 2;

/** Whether the step fails, decided once from the findings and `fail-on`. */
export interface Verdict {
  /** Findings that reach `fail-on`. */
  failing: number;
  /** Findings reach `fail-on`, or the checker had an internal error. */
  willFail: boolean;
  /** The verdict in one sentence, first in the summaries. */
  text: string;
}

export function judge(result: LintResult, settings: ActionSettings): Verdict {
  const failing = failingFindings(result.findings, settings.failOn).length;
  const text =
    settings.failOn === 'never'
      ? `\`fail-on: never\`: the step passes whatever is found.`
      : failing
        ? `❌ ${reach(failing)} \`fail-on: ${settings.failOn}\`: the step fails.`
        : `✅ Nothing reaches \`fail-on: ${settings.failOn}\`.`;
  return { failing, willFail: failing > 0 || result.internalErrors.length > 0, text };
}

/** The last step: the counts as outputs, then the exit code. `seeAlso` says where the findings can be read. */
export function finish(state: RunState, result: LintResult, verdict: Verdict, sarifFile: string, seeAlso: string): ExitCode {
  const { settings } = state;
  const t = totals(result.findings);
  const counts = { findings: t.errors + t.warnings + t.notices, errors: t.errors, warnings: t.warnings, notices: t.notices };
  const broken = setOutputs({ ...counts, 'sarif-file': sarifFile });
  if (broken) return outputsBroken(broken, settings.token);
  if (result.internalErrors.length) {
    for (const e of result.internalErrors) state.log(`Internal error: ${terminalSafe(e)}`);
    return fail(2, `internal error: ${result.internalErrors.map((e) => terminalSafe(e.split('\n')[0]!)).join('; ')}`, settings.token);
  }
  if (verdict.failing) return fail(1, `${reach(verdict.failing)} fail-on: ${settings.failOn}. See ${seeAlso}.`, settings.token);
  const unwritten = setOutputs({ 'exit-code': 0 });
  return unwritten ? outputsBroken(unwritten, settings.token) : 0;
}

/** `N finding(s) reach(es)`. */
const reach = (n: number) => `${plural(n, 'finding')} ${n === 1 ? 'reaches' : 'reach'}`;

/** Sets step outputs; why not, when GITHUB_OUTPUT cannot be written. */
function setOutputs(values: Record<string, string | number>): string | undefined {
  try {
    for (const [name, value] of Object.entries(values)) core.setOutput(name, value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Not "findings reach fail-on" (1): the runner's own output file is broken. */
const outputsBroken = (why: string, token: string) => fail(2, `cannot write the step outputs to GITHUB_OUTPUT (${why})`, token);

export function fail(code: ExitCode, message: string, token: string): ExitCode {
  // With GITHUB_OUTPUT unwritable, the failure below still reaches the log and the exit code.
  setOutputs({ 'exit-code': code });
  core.setFailed(`harness-registry-guard: ${redact(message, token)}`);
  process.exitCode = code;
  return code;
}

/** An exception out of a step: a bad input or config fails the step naming it; anything else is an internal error. */
export function failure(e: unknown, settings: ActionSettings): ExitCode {
  if (e instanceof InputError) return fail(2, e.message, settings.token);
  // The Harness API refused the key (401; a 403 fails only its scope's lookups): the message names the status, never the key.
  if (e instanceof HarnessAuthError) return fail(2, `input \`harness-api-key\`: ${e.message}`, settings.token);
  if (e instanceof UsageError) return configFailure(e, settings);
  // A file name in it comes from the repository: no escape sequence, no line of its own (a workflow command).
  core.info(redact(`Internal error: ${internalErrorText(String((e as Error).stack ?? e))}`, settings.token));
  return fail(2, `internal error: ${terminalSafe(String((e as Error).message))}`, settings.token);
}

/** A bad config or baseline file: each config problem is annotated at its line, and the step fails naming the input. */
function configFailure(e: UsageError, settings: ActionSettings): ExitCode {
  if (e instanceof ConfigError)
    for (const p of e.problems.slice(0, 9))
      core.error(redact(p.message, settings.token), { title: 'config', file: p.file, startLine: p.line, startColumn: p.column });
  const input =
    /baseline/i.test(e.message) && settings.baselinePath
      ? 'baseline'
      : /config/i.test(e.message) && settings.configPath
        ? 'config'
        : undefined;
  // It may quote a file or folder name or a pattern from the repository (escape sequences in the log).
  const message = usageErrorText(e.message);
  return fail(2, input ? `input \`${input}\`: ${message}` : message, settings.token);
}
