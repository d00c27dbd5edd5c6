import * as core from '@actions/core';
import type { Severity } from '../core/finding.js';

export interface ActionSettings {
  workspace: string;
  paths: string[];
  failOn: Severity | 'never';
}

const FAIL_ON = ['error', 'warning', 'notice', 'never'];

/** Reads and validates every input once. A bad value fails the step with a message naming the input. */
export function getSettings(): ActionSettings {
  const failOn = core.getInput('fail-on') || 'error';
  if (!FAIL_ON.includes(failOn)) throw new Error(`input fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  const paths = (core.getInput('path') || '.').split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  return { workspace: process.env.GITHUB_WORKSPACE || process.cwd(), paths, failOn: failOn as ActionSettings['failOn'] };
}
