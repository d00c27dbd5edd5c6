/**
 * Runs the Action's `run()` from src in this process, with the real checker, against the loopback
 * GitHub API of the e2e harness: what the e2e tests check of dist/index.js, without a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { jest } from '@jest/globals';
import { run } from '../../src/action/main.js';
import { createGitHubApi, type GitHubApi } from '../../src/github/client.js';
import {
  DEFAULT_INPUTS,
  HEAD_SHA,
  MERGE_SHA,
  OWNER,
  parseAnnotations,
  parseOutputs,
  PULL,
  pullRequestEvent,
  REPO,
  tmpDir,
  type ActionRun,
} from '../e2e/harness.js';

export interface InProcessOptions {
  workspace: string;
  apiUrl?: string;
  inputs?: Record<string, string>;
  event?: unknown;
  eventName?: string;
  /** Replaces the API client (a fake); else the real one at `apiUrl`, with retries that do not wait. */
  api?: GitHubApi;
  /** GITHUB_OUTPUT, when it must be something else than a writable file. */
  outputFile?: string;
}

export async function runInProcess(o: InProcessOptions): Promise<ActionRun & { code: number }> {
  const dir = tmpDir('inproc');
  const eventPath = path.join(dir, 'event.json');
  const outputFile = o.outputFile ?? path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  fs.writeFileSync(eventPath, JSON.stringify(o.event ?? pullRequestEvent()));
  if (!o.outputFile) fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const inputs = { ...DEFAULT_INPUTS, 'config-from': 'base', ...o.inputs };
  const eventName = o.eventName ?? 'pull_request';
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: eventName.startsWith('pull_request') ? MERGE_SHA : HEAD_SHA,
    GITHUB_REF: `refs/pull/${PULL}/merge`,
    GITHUB_API_URL: o.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  // @actions/core writes outputs and the summary to the files named in process.env.
  const saved = { out: process.env.GITHUB_OUTPUT, sum: process.env.GITHUB_STEP_SUMMARY };
  process.env.GITHUB_OUTPUT = outputFile;
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  // The toolkit keeps the first summary file it saw; each run has its own.
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (chunks.push(String(s)), true));
  let code: number;
  try {
    code = await run(env, {
      createApi: (token, url, options) => o.api ?? createGitHubApi(token, url, { ...options, msPerSecond: 1 }),
    });
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
    for (const [k, v] of [
      ['GITHUB_OUTPUT', saved.out],
      ['GITHUB_STEP_SUMMARY', saved.sum],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
  const stdout = chunks.join('');
  const outputText = fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : '';
  return {
    code,
    status: code,
    stdout,
    stderr: '',
    outputs: parseOutputs(outputText),
    outputFile: outputText,
    summary: fs.readFileSync(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
  };
}
