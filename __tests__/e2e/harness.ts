/**
 * Runs the built Action (dist/index.js) the way the GitHub runner does: `node <action>/dist/index.js`
 * with the workspace as working directory, every input as an `INPUT_<NAME>` variable (hyphens
 * kept), `GITHUB_EVENT_PATH` pointing at a pull_request payload, and `GITHUB_OUTPUT` /
 * `GITHUB_STEP_SUMMARY` files, against a loopback HTTP server that plays the GitHub REST API.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterEach } from '@jest/globals';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const OWNER = 'acme';
export const REPO = 'shop';
export const PULL = 7;
export const HEAD_SHA = '1111111111111111111111111111111111111111';
export const MERGE_SHA = '2222222222222222222222222222222222222222';
export const BASE_SHA = '3333333333333333333333333333333333333333';
/** Every run gets this token; no output may ever contain it. */
export const TOKEN = 'ghs_PLANTEDtoken0123456789abcdefABCDEF';

export const tmpDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `hrg-e2e-${prefix}-`));

/**
 * A private copy of the bundle, as the runner has one under `_actions/<owner>/<repo>/<ref>/`, so a
 * concurrent `npm run build` cannot swap it mid-test.
 */
export function actionCopy(): string {
  // dist/cli comes along: tests use the CLI to write baselines, as a user would.
  // HRG_ACTION_DIST: a bundle built elsewhere (ncc -o /tmp/...), to test src without touching dist/.
  const dist = process.env.HRG_ACTION_DIST || path.join(ROOT, 'dist');
  const main = path.join(dist, 'index.js');
  if (!fs.existsSync(main))
    throw new Error(`${main} is missing: run \`npm run build\` first (or rerun if another build was replacing dist/).`);
  const dir = tmpDir('action');
  fs.cpSync(dist, path.join(dir, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'action.yml'), path.join(dir, 'action.yml'));
  return path.join(dir, 'dist', 'index.js');
}

// ---------- workspace ----------

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const gitEnv = (home: string) => ({
  PATH: process.env.PATH,
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
});

export function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: gitEnv(dir),
    },
  ).trim();
}

/** A git repo whose base commit holds `base` and whose HEAD (the PR head) applies `head` on top; returns both SHAs. */
export function gitRepo(
  dir: string,
  base: Record<string, string>,
  head: Record<string, string | null>,
): { baseSha: string; headSha: string } {
  git(dir, 'init', '-q');
  writeFiles(dir, base);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  for (const [name, text] of Object.entries(head)) {
    if (text === null) fs.rmSync(path.join(dir, name));
    else writeFiles(dir, { [name]: text });
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'head');
  return { baseSha, headSha: git(dir, 'rev-parse', 'HEAD') };
}

// ---------- Harness YAML ----------

export const connector = (id: string, o: { url?: string; executeOnDelegate?: boolean } = {}) => `connector:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: shop
  type: DockerRegistry
  spec:
    dockerRegistryUrl: ${o.url ?? 'https://registry.hub.docker.com'}
    providerType: DockerHub
    auth:
      type: Anonymous
${o.executeOnDelegate === undefined ? '' : `    executeOnDelegate: ${o.executeOnDelegate}\n`}`;

/** A pipeline with one Harness Cloud stage whose Run steps use these connectors (one step each). */
export const cloudPipeline = (id: string, connectorRefs: string[]) => `pipeline:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: shop
  stages:
    - stage:
        name: Cloud
        identifier: cloud
        type: CI
        spec:
          cloneCodebase: false
          platform:
            os: Linux
            arch: Amd64
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
${connectorRefs
  .map(
    (ref, i) => `              - step:
                  type: Run
                  name: step${i}
                  identifier: step${i}
                  spec:
                    connectorRef: ${ref}
                    image: alpine:3
                    command: "true"
`,
  )
  .join('')}`;

/** The account.harnessImage connector a Cloud stage pulls Harness images through, set up correctly. */
export const HARNESS_IMAGE = connector('harnessImage', { executeOnDelegate: false }).replace(
  '  orgIdentifier: default\n  projectIdentifier: shop\n',
  '',
);

// ---------- mock GitHub REST API ----------

export interface PullFile {
  filename: string;
  status?: string;
  patch?: string;
}

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: unknown;
}

export interface MockOptions {
  files?: PullFile[];
  /** Files (and review comments) per page, whatever per_page says, to exercise Link pagination. */
  pageSize?: number;
  /** Tokens that are read-only (a fork's): writes answer 403, and so does listing files when `forbidFiles`. */
  readOnlyTokens?: readonly string[];
  forbidFiles?: boolean;
  /** The base commit's files, by path from the repository root, for the contents endpoint (any other path: 404). */
  baseFiles?: Record<string, string>;
  /** Answer every request with this status (a broken API). */
  failAll?: number;
  /** Put the request's Authorization header into error messages (an API that leaks it back). */
  echoAuthorization?: boolean;
  /**
   * Consulted first for every request (already recorded): an answer to send instead of the usual
   * one, `'hang'` to never answer, or undefined for the usual answer.
   */
  override?: (request: Recorded, index: number) => Override | 'hang' | undefined;
}

export interface Override {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer this much later. */
  delayMs?: number;
}

export interface ReviewCommentState {
  id: number;
  path: string;
  line: number;
  start_line?: number;
  body: string;
  commit_id: string;
}

export interface MockGitHub {
  url: string;
  requests: Recorded[];
  /** Review comments on the pull request, as created, updated and deleted through the API. */
  comments: ReviewCommentState[];
  close(): Promise<void>;
}

/** A fake GitHub API per call, each closed after the test: call once at the top of a test file. */
export function fakeGitHubPerTest(): (o?: MockOptions) => Promise<MockGitHub> {
  const servers: MockGitHub[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (o = {}) => {
    const s = await mockGitHub(o);
    servers.push(s);
    return s;
  };
}

export async function mockGitHub(opts: MockOptions = {}): Promise<MockGitHub> {
  const requests: Recorded[] = [];
  const files = opts.files ?? [];
  const pageSize = opts.pageSize ?? 100;
  let nextId = 4242;
  const comments: ReviewCommentState[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorization = req.headers.authorization;
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization, body };
      requests.push(recorded);
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(data));
      };
      /** One page of `all` (`pageSize` items, whatever per_page says), with a `Link` header to the next and last pages. */
      const paginated = (all: unknown[]) => {
        const page = Number(url.searchParams.get('page') ?? '1');
        const last = Math.max(1, Math.ceil(all.length / pageSize));
        const link = (p: number) => {
          const q = new URLSearchParams(url.searchParams);
          q.set('page', String(p));
          return `<http://${req.headers.host}${url.pathname}?${q}>`;
        };
        const headers: Record<string, string> = {};
        if (page < last) headers.link = `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`;
        return send(200, all.slice((page - 1) * pageSize, page * pageSize), headers);
      };
      const override = opts.override?.(recorded, requests.length - 1);
      if (override === 'hang') return;
      if (override) {
        const answer = () => send(override.status, override.body ?? {}, override.headers);
        return override.delayMs ? void setTimeout(answer, override.delayMs) : answer();
      }
      const error = (status: number, message: string) =>
        send(status, {
          message: opts.echoAuthorization ? `${message} (you sent: ${authorization})` : message,
          documentation_url: 'https://docs.github.com/rest',
        });
      if (opts.failAll) return error(opts.failAll, 'Server Error');
      const token = authorization?.replace(/^(token|Bearer) /, '');
      const readOnly = token !== undefined && (opts.readOnlyTokens ?? []).includes(token);
      const base = `/repos/${OWNER}/${REPO}`;
      if (req.method === 'GET' && url.pathname === `${base}/pulls/${PULL}/files`) {
        if (readOnly && opts.forbidFiles) return error(403, 'Resource not accessible by integration');
        return paginated(files.map((f) => ({ sha: 'x', additions: 1, deletions: 0, changes: 1, status: 'modified', ...f })));
      }
      if (req.method === 'POST' && url.pathname === `${base}/check-runs`) {
        if (readOnly) return error(403, 'Resource not accessible by integration');
        return send(201, { id: nextId++, ...(body as object) });
      }
      if (url.pathname === `${base}/pulls/${PULL}/comments`) {
        if (req.method === 'GET') return paginated(comments.map((c) => ({ ...c, user: { login: 'github-actions[bot]', type: 'Bot' } })));
        if (req.method === 'POST') {
          if (readOnly) return error(403, 'Resource not accessible by integration');
          const b = body as Omit<ReviewCommentState, 'id'>;
          const patch = files.find((f) => f.filename === b.path)?.patch ?? '';
          if (!inHunk(patch, b.line)) return error(422, 'Pull request review thread line must be part of the diff');
          const c = {
            id: nextId++,
            path: b.path,
            line: b.line,
            body: b.body,
            commit_id: b.commit_id,
            ...(b.start_line ? { start_line: b.start_line } : {}),
          };
          comments.push(c);
          return send(201, c);
        }
      }
      const contents = new RegExp(`^${base}/contents/(.+)$`).exec(url.pathname);
      if (req.method === 'GET' && contents) {
        const text = opts.baseFiles?.[decodeURIComponent(contents[1]!)];
        if (text === undefined) return error(404, 'Not Found');
        res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
        return res.end(text);
      }
      const cm = /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)$/.exec(url.pathname);
      if (cm && (req.method === 'PATCH' || req.method === 'DELETE')) {
        if (readOnly) return error(403, 'Resource not accessible by integration');
        const i = comments.findIndex((c) => c.id === Number(cm[1]));
        if (i < 0) return error(404, 'Not Found');
        if (req.method === 'DELETE') {
          comments.splice(i, 1);
          res.writeHead(204);
          return res.end();
        }
        comments[i]!.body = (body as { body: string }).body;
        return send(200, comments[i]);
      }
      const m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(url.pathname);
      if (req.method === 'PATCH' && m) {
        if (readOnly) return error(403, 'Resource not accessible by integration');
        return send(200, { id: Number(m[1]) });
      }
      error(404, 'Not Found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    close: () =>
      new Promise<void>((resolve) => {
        // Requests left hanging on purpose would keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Is right-side line `line` an added or context line of one of the patch's hunks? */
function inHunk(patch: string, line: number): boolean {
  let right = 0;
  for (const l of patch.split('\n')) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
    if (h) right = Number(h[1]);
    else if (right && !l.startsWith('-')) {
      if (right === line) return true;
      right++;
    }
  }
  return false;
}

// ---------- the runner ----------

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  props: Record<string, string>;
  message: string;
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  outputFile: string;
  summary: string;
  /** Workflow-command annotations in stdout, in order (setFailed's `::error::` included, with no props). */
  annotations: Annotation[];
}

/** The defaults action.yml gives; the runner fills them in, so a faithful run sets every input. */
export const DEFAULT_INPUTS: Record<string, string> = {
  path: '.',
  config: '',
  baseline: '',
  'fail-on': 'error',
  'only-changed': 'auto',
  'github-token': TOKEN,
  'sarif-file': '',
  summary: 'true',
  'check-run': 'false',
  report: 'false',
  'report-file': '',
  suggestions: 'false',
  'harness-api-key': '',
  'harness-account-id': '',
  'harness-url': '',
};

export interface RunOptions {
  action: string;
  workspace: string;
  apiUrl?: string;
  inputs?: Record<string, string>;
  eventName?: string;
  /** The event payload; defaults to a pull_request `synchronize` payload for PR 7. A string is written as it is. */
  event?: unknown;
  env?: Record<string, string>;
}

export function pullRequestEvent(o: { headSha?: string; baseSha?: string; headRepo?: string | null; changedFiles?: number } = {}) {
  const repo = (fullName: string) => ({
    id: 1,
    name: fullName.split('/')[1],
    full_name: fullName,
    owner: { login: fullName.split('/')[0] },
    fork: fullName !== `${OWNER}/${REPO}`,
  });
  return {
    action: 'synchronize',
    number: PULL,
    pull_request: {
      number: PULL,
      state: 'open',
      title: 'Change Harness YAML',
      changed_files: o.changedFiles ?? 0,
      head: { ref: 'feature', sha: o.headSha ?? HEAD_SHA, repo: o.headRepo === null ? null : repo(o.headRepo ?? `${OWNER}/${REPO}`) },
      base: { ref: 'main', sha: o.baseSha ?? BASE_SHA, repo: repo(`${OWNER}/${REPO}`) },
    },
    repository: repo(`${OWNER}/${REPO}`),
    sender: { login: 'octocat' },
  };
}

export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProp = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=');
      props[kv.slice(0, i)] = unescapeProp(kv.slice(i + 1));
    }
    out.push({ level: m[1] as Annotation['level'], props, message: unescapeData(m[3]!) });
  }
  return out;
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = tmpDir('runner');
  const eventPath = path.join(dir, 'event.json');
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  fs.writeFileSync(eventPath, typeof o.event === 'string' ? o.event : JSON.stringify(o.event ?? pullRequestEvent()));
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const inputs = { ...DEFAULT_INPUTS, ...o.inputs };
  const eventName = o.eventName ?? 'pull_request';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_SHA: eventName.startsWith('pull_request') ? MERGE_SHA : HEAD_SHA,
    GITHUB_REF: eventName.startsWith('pull_request') ? `refs/pull/${PULL}/merge` : 'refs/heads/main',
    GITHUB_API_URL: o.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${o.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTION: 'guard',
    GITHUB_ACTION_REPOSITORY: 'acme/harness-registry-guard',
    GITHUB_ACTION_REF: 'v1',
    GITHUB_JOB: 'lint',
    GITHUB_RUN_ID: '99',
    GITHUB_WORKFLOW: 'Harness YAML',
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
    ...o.env,
  };
  const child = spawn(process.execPath, [o.action], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const outputText = fs.readFileSync(outputFile, 'utf8');
  return {
    status,
    stdout,
    stderr,
    outputs: parseOutputs(outputText),
    outputFile: outputText,
    summary: fs.readFileSync(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
  };
}

/** Every byte the step wrote: stdout, stderr, the output and summary files, and any extra files. */
export function everythingWritten(run: ActionRun, extraFiles: string[] = []): string {
  return [
    run.stdout,
    run.stderr,
    run.outputFile,
    run.summary,
    ...extraFiles.filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8')),
  ].join('\n');
}
