import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { leavesItsRoot, linksIntoSkipped, realPathOf, repoRootOf, toPosix } from '../engine/discover.js';
import { createGitHubApi, redact, type ClientOptions, type GitHubApi } from '../github/client.js';
import { readRunContext, type RunContext } from '../github/context.js';
import { createHarnessLookups, type HarnessLookups } from '../harness/lookups.js';
import { redactKey } from '../harness/transport.js';
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
  /**
   * The repository root (the folder holding .git at or above the first path; else the workspace).
   * Git, the REST API and the runner name files from there, so the run does too, even when
   * `actions/checkout` put the repository in a subfolder (`path: src`).
   */
  root: string;
  /** `settings.paths`, relative to `root`. */
  paths: string[];
  ctx: RunContext;
  /** Undefined without a token or a repository. */
  api?: GitHubApi;
  /** A line in the step log, with the token and the Harness key removed. */
  log: (line: string) => void;
  notes: Notes;
  /** Lookups in Harness, one client for the run (each connector is asked once); undefined without a key. */
  harness?: HarnessLookups;
}

/** `text` without the GitHub token or the Harness API key. */
export function redactSecrets(text: string, settings: Pick<ActionSettings, 'token' | 'harness'>): string {
  const t = redact(text, settings.token);
  return settings.harness ? redactKey(t, settings.harness.apiKey) : t;
}

/** Reads the runner's context and builds the one API client of the run. */
export function startRun(settings: ActionSettings, env: Env, deps: RunDeps): RunState {
  // One line each: a newline in a logged message must not start a workflow command.
  const log = (line: string) => core.info(redactSecrets(line, settings).replace(/[\r\n]+/g, ' '));
  const ctx = readRunContext(env);
  const api = settings.token && ctx.repo ? (deps.createApi ?? createGitHubApi)(settings.token, ctx.apiUrl, { log }) : undefined;
  const notes = new Notes(log);
  notes.addAll(ctx.warnings.map((w) => `Event payload: ${w}.`));
  const harness = settings.harness && createHarnessLookups(settings.harness);
  // GitHub gives workflows run for a fork's pull request no secrets: say once why nothing is looked up.
  if (!harness && ctx.pullRequest?.isFork)
    notes.add(
      'Harness lookups are off: this pull request comes from a fork, and GitHub passes no secrets to its workflows, so `harness-api-key` is empty. Connectors that are not in the repository stay unresolved-reference notices.',
    );
  return { settings, ...repoScope(settings), ctx, api, log, notes, ...(harness ? { harness } : {}) };
}

/**
 * The repository root and the paths to scan from it (see {@link RunState.root}), each at its real
 * place in the repository: the gate, the check and the base's check all start from these.
 */
export function repoScope(settings: Pick<ActionSettings, 'workspace' | 'paths'>): { root: string; paths: string[] } {
  const abs = (settings.paths.length ? settings.paths : ['.']).map((p) => path.resolve(settings.workspace, p));
  const root = repoRootOf(abs[0]!) ?? settings.workspace;
  return { root, paths: abs.map((p) => inRepository(root, toPosix(path.relative(root, p)) || '.')) };
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
