import fs from 'node:fs';
import path from 'node:path';
import { FAIL_ON, type Severity } from '../engine/finding.js';
import { PULL_REQUEST_EVENTS } from '../github/context.js';
import { accountIdFromKey } from '../harness/client.js';
import { normaliseBaseUrl } from '../harness/urls.js';
import { LinkRefusal, refuseLinks, type WriteRoot } from '../engine/safe-write.js';
import { isSymlink, LEADS_NOWHERE } from '../engine/file-text.js';

/** Where lookups go when `harness-url` is empty. */
export const DEFAULT_HARNESS_URL = 'https://app.harness.io';

/** Every input of action.yml, read once and validated. Nothing else reads `INPUT_*`. */
export interface ActionSettings {
  /** Absolute: GITHUB_WORKSPACE, where the repository is checked out and paths are relative to. */
  workspace: string;
  /** Paths to scan, relative to the workspace. */
  paths: string[];
  /** `.harness-registry-guard.yml` to use (absolute), or undefined for the default lookup. */
  configPath?: string;
  /** Baseline file (absolute) whose entries mark existing findings as accepted. */
  baselinePath?: string;
  failOn: Severity | 'never';
  /** Annotate only findings in files the pull request (or push) changed. */
  onlyChanged: boolean;
  /** Empty when none was given; never printed. */
  token: string;
  /** Absolute path to write SARIF to (relative inputs are taken from the workspace), or undefined for none. */
  sarifFile?: string;
  summary: boolean;
  checkRun: boolean;
  /** Add the migration report to the job summary. */
  report: boolean;
  /** Absolute path to write the Markdown migration report to, or undefined for none. */
  reportFile?: string;
  /** Post fixes as suggested changes on the pull request. */
  suggestions: boolean;
  /** On pull requests, read the config file and the baseline from the base commit (default) or the PR's head. */
  configFrom: 'base' | 'head';
  /** Lookups in Harness, when `harness-api-key` is given; undefined otherwise (a fork's pull request gets no secrets). */
  harness?: HarnessSettings;
}

/** Where and as whom to look connectors up in Harness. The key is never printed. */
export interface HarnessSettings {
  apiKey: string;
  accountId: string;
  baseUrl: string;
}

/** A bad input value: the message names the input. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`input \`${input}\`: ${message}`);
    this.name = 'InputError';
  }
}

type Env = Record<string, string | undefined>;

/** The runner's name for an input's variable: `INPUT_` + upper case, spaces to `_`, hyphens kept. */
const inputVar = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** An input's trimmed value; '' when unset (the runner fills action.yml defaults, tests may not). */
export const readInput = (env: Env, name: string) => (env[inputVar(name)] ?? '').trim();

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function bool(env: Env, name: string, fallback: boolean, extra: Record<string, () => boolean> = {}): boolean {
  const v = readInput(env, name);
  if (v === '') return fallback;
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  if (v in extra) return extra[v]!();
  const allowed = ['true', 'false', ...Object.keys(extra)].join(', ');
  throw new InputError(name, `must be one of ${allowed} (got "${v}")`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = readInput(env, name) || fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(name, `must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

/** A path inside the workspace; an absolute path or one leaving the workspace is refused. */
function insideWorkspace(workspace: string, name: string, value: string): string {
  if (value.includes('\0')) throw new InputError(name, 'contains a NUL character');
  const abs = path.resolve(workspace, value);
  const rel = path.relative(workspace, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new InputError(name, `"${value}" is outside the workspace (${workspace})`);
  return abs;
}

/** The workspace as the root that written files are judged against. */
export const workspaceRoot = (workspace: string): WriteRoot => ({ dir: workspace, name: 'the workspace' });

/**
 * Refuses, before anything runs, a file to write that is a link, or reached through a folder link
 * leading out of the workspace: a pull request commits links, and the step must not write through them.
 */
function noLinks(workspace: string, name: string, value: string): void {
  try {
    refuseLinks(value, workspaceRoot(workspace));
  } catch (e) {
    if (e instanceof LinkRefusal) throw new InputError(name, `"${value}" cannot be written: ${e.message}`);
    throw e;
  }
}

/** A file an input names that could not be written: the step fails naming the input, the file and why. */
export function writeFailure(name: string, file: string, e: unknown): InputError {
  if (e instanceof LinkRefusal) return new InputError(name, `cannot write "${file}": ${e.message}`);
  return new InputError(name, `cannot write "${file}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
}

function reportFile(workspace: string, value: string): string {
  const abs = insideWorkspace(workspace, 'report-file', value);
  noLinks(workspace, 'report-file', value);
  return abs;
}

function existingFile(workspace: string, name: string, value: string, mayBeRemoved = false): string | undefined {
  if (!value) return undefined;
  if (value.includes('\0')) throw new InputError(name, 'contains a NUL character');
  const abs = path.resolve(workspace, value);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    // A pull request may remove the file: the gate then reads it from the base commit.
    if (mayBeRemoved) return abs;
    throw new InputError(name, isSymlink(abs) ? `"${value}" is ${LEADS_NOWHERE}` : `file "${value}" does not exist`);
  }
  if (!st.isFile()) throw new InputError(name, `"${value}" is not a file`);
  return abs;
}

/**
 * Reads and validates every input once, from the runner's `INPUT_*` variables. A bad value
 * throws {@link InputError}, which fails the step with a message naming the input.
 */
export function getSettings(env: Env = process.env): ActionSettings {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());

  const paths = (readInput(env, 'path') || '.')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of paths) {
    const abs = insideWorkspace(workspace, 'path', p);
    if (!fs.existsSync(abs))
      throw new InputError('path', isSymlink(abs) ? `"${p}" is ${LEADS_NOWHERE}` : `"${p}" does not exist in the workspace`);
  }

  const failOn = oneOf(env, 'fail-on', FAIL_ON, 'error');

  const isPullRequest = PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '');
  const onlyChanged = bool(env, 'only-changed', isPullRequest, { auto: () => isPullRequest });

  const sarifInput = readInput(env, 'sarif-file');
  let sarifFile: string | undefined;
  if (sarifInput) {
    if (sarifInput.includes('\0')) throw new InputError('sarif-file', 'contains a NUL character');
    sarifFile = path.resolve(workspace, sarifInput);
    noLinks(workspace, 'sarif-file', sarifInput);
    if (fs.existsSync(sarifFile) && fs.statSync(sarifFile).isDirectory())
      throw new InputError('sarif-file', `"${sarifInput}" is a directory`);
  }

  return {
    workspace,
    paths,
    configPath: existingFile(workspace, 'config', readInput(env, 'config')),
    baselinePath: existingFile(workspace, 'baseline', readInput(env, 'baseline'), /^pull_request/.test(env.GITHUB_EVENT_NAME ?? '')),
    failOn: failOn as ActionSettings['failOn'],
    onlyChanged,
    token: readInput(env, 'github-token'),
    sarifFile,
    summary: bool(env, 'summary', true),
    checkRun: bool(env, 'check-run', false),
    report: bool(env, 'report', false),
    ...(readInput(env, 'report-file') ? { reportFile: reportFile(workspace, readInput(env, 'report-file')) } : {}),
    suggestions: bool(env, 'suggestions', false),
    configFrom: oneOf(env, 'config-from', ['base', 'head'] as const, 'base'),
    ...harnessInputs(env),
  };
}

/** `harness-api-key`, `harness-account-id` and `harness-url`; nothing when the key is empty. */
function harnessInputs(env: Env): { harness?: HarnessSettings } {
  const apiKey = readInput(env, 'harness-api-key');
  if (!apiKey) return {};
  const accountId = readInput(env, 'harness-account-id') || accountIdFromKey(apiKey);
  if (!accountId)
    throw new InputError(
      'harness-account-id',
      'is needed: the Harness API key does not carry the account id (only pat.<account>.<id>.<secret> and sat.<account>.… keys do)',
    );
  let baseUrl: string;
  try {
    baseUrl = normaliseBaseUrl(readInput(env, 'harness-url') || DEFAULT_HARNESS_URL);
  } catch (e) {
    throw new InputError('harness-url', (e as Error).message);
  }
  return { harness: { apiKey, accountId, baseUrl } };
}
