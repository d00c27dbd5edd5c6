import * as core from '@actions/core';
import { createGitHubApi, redact, type ClientOptions, type GitHubApi } from '../github/client.js';
import { readRunContext, type RunContext } from '../github/context.js';
import type { ActionSettings } from './inputs.js';

export type Env = Record<string, string | undefined>;

export interface RunDeps {
  /** Builds the API client; tests pass a fake or short timeouts. */
  createApi?: (token: string, baseUrl: string, options: ClientOptions) => GitHubApi;
}

/** What the job summary states under its heading (fallbacks, results of the API calls); each is logged when added. */
export class Notes {
  readonly list: string[] = [];
  constructor(private readonly log: (line: string) => void) {}

  /** Records a note for the summary and logs it (or `logLine`, when the log should read differently). */
  add(note: string, logLine = note): void {
    this.log(logLine);
    this.list.push(note);
  }

  addAll(notes: readonly string[]): void {
    for (const n of notes) this.add(n);
  }
}

/** What every step of a run shares. The token only ever goes to the API client; `log` redacts it. */
export interface RunState {
  settings: ActionSettings;
  ctx: RunContext;
  /** Undefined without a token or a repository. */
  api?: GitHubApi;
  /** A line in the step log, with the token removed. */
  log: (line: string) => void;
  notes: Notes;
}

/** Reads the runner's context and builds the one API client of the run. */
export function startRun(settings: ActionSettings, env: Env, deps: RunDeps): RunState {
  const log = (line: string) => core.info(redact(line, settings.token));
  const ctx = readRunContext(env);
  const api = settings.token && ctx.repo ? (deps.createApi ?? createGitHubApi)(settings.token, ctx.apiUrl, { log }) : undefined;
  const notes = new Notes(log);
  notes.addAll(ctx.warnings.map((w) => `Event payload: ${w}.`));
  return { settings, ctx, api, log, notes };
}
