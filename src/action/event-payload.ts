import fs from 'node:fs';
import * as core from '@actions/core';

/**
 * Checked when the Action's bundle starts, before the GitHub toolkit reads the event payload as it
 * loads (and would throw a bare `SyntaxError` with exit code 1, which means "findings reach
 * fail-on"): a payload that is not JSON fails the step as bad input, exit code 2. Imported first by
 * the entry point for that reason.
 */
const eventPath = process.env.GITHUB_EVENT_PATH;
if (eventPath && fs.existsSync(eventPath)) {
  try {
    JSON.parse(fs.readFileSync(eventPath, 'utf8'));
  } catch (e) {
    core.setOutput('exit-code', 2);
    core.setFailed(`harness-registry-guard: the event payload (GITHUB_EVENT_PATH) is not valid JSON: ${(e as Error).message}`);
    process.exit(2);
  }
}
