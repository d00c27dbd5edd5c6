import * as core from '@actions/core';
import { reaches } from '../core/finding.js';
import { lint } from '../core/lint.js';
import { formatText } from '../reporters/text.js';
import { getSettings } from './inputs.js';

/** The Action: read inputs once, lint, annotate, set outputs, fail the step when findings reach `fail-on`. */
export async function run(): Promise<void> {
  try {
    const settings = getSettings();
    const result = lint({ cwd: settings.workspace, paths: settings.paths });
    for (const f of result.findings) {
      const props = { title: f.ruleId, file: f.file, startLine: f.line, endLine: f.endLine, startColumn: f.column, endColumn: f.endColumn };
      if (f.severity === 'error') core.error(f.message, props);
      else if (f.severity === 'warning') core.warning(f.message, props);
      else core.notice(f.message, props);
    }
    core.info(formatText(result));
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.filter((f) => f.severity === 'warning').length;
    core.setOutput('findings', result.findings.length);
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    if (result.internalErrors.length) throw new Error(result.internalErrors.join('\n'));
    const failing = result.findings.filter((f) => reaches(f.severity, settings.failOn)).length;
    core.setOutput('exit-code', failing ? 1 : 0);
    if (failing) core.setFailed(`${failing} finding(s) reach fail-on: ${settings.failOn}.`);
  } catch (e) {
    core.setOutput('exit-code', 2);
    core.setFailed(`harness-registry-guard: ${(e as Error).message}`);
  }
}
