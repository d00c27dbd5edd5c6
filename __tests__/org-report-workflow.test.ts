import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import type { OrgReport } from '../src/migration/org-types.js';
import type { MigrationReport } from '../src/migration/types.js';

// The reusable workflow .github/workflows/org-report.yml: its shape (what actionlint cannot say),
// and its `run:` scripts executed with bash the way a runner executes them (GITHUB_* and
// RUNNER_TEMP set, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), on the fixture repositories of
// __tests__/migration/org, with the built CLI in place of the `tool` checkout. The actions between
// the scripts (checkout, upload and download of artifacts) are played by copying files.

const ROOT = path.resolve(import.meta.dirname, '..');
const FILE = path.join(ROOT, '.github', 'workflows', 'org-report.yml');
const FIXTURES = path.join(import.meta.dirname, 'migration', 'org');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  needs?: string;
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  steps: Step[];
}
const text = fs.readFileSync(FILE, 'utf8');
const wf = parse(text) as {
  on: { workflow_call: { inputs: Record<string, { required?: boolean; type: string }>; secrets: Record<string, { required?: boolean }> } };
  permissions: Record<string, string>;
  jobs: { scan: Job; merge: Job };
};
const step = (job: Job, pred: (s: Step) => boolean) => job.steps.find(pred)!;
const uses = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));

describe('the reusable workflow’s shape', () => {
  test('called with the repositories (JSON array), an optional ref and an optional token', () => {
    const call = wf.on.workflow_call;
    expect(Object.keys(wf.on)).toEqual(['workflow_call']);
    expect(call.inputs.repositories).toMatchObject({ required: true, type: 'string' });
    expect(call.inputs.ref).toMatchObject({ required: false, type: 'string' });
    expect(call.secrets.token).toMatchObject({ required: false });
  });

  test('one scan job per repository, none cancelling the others; the merge runs after them even when some failed', () => {
    const { scan, merge } = wf.jobs;
    expect(scan.strategy).toMatchObject({ 'fail-fast': false, matrix: { repository: '${{ fromJSON(inputs.repositories) }}' } });
    expect(merge).toMatchObject({ needs: 'scan', if: '${{ !cancelled() }}' });
  });

  test('least permissions: nothing for the workflow, contents: read for each job', () => {
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.scan.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.merge.permissions).toEqual({ contents: 'read' });
  });

  test('the tool is checked out at this workflow’s own commit; the scanned repository with the token, which is not kept', () => {
    for (const job of [wf.jobs.scan, wf.jobs.merge]) {
      expect(step(job, (s) => s.id === 'tool').env).toEqual({
        TOOL_REPOSITORY: '${{ fromJSON(toJSON(job)).workflow_repository }}',
        TOOL_SHA: '${{ fromJSON(toJSON(job)).workflow_sha }}',
      });
      expect(uses(job, 'actions/checkout')[0]!.with).toEqual({
        repository: '${{ steps.tool.outputs.repository }}',
        ref: '${{ steps.tool.outputs.sha }}',
        path: 'tool',
        'persist-credentials': false,
      });
    }
    expect(uses(wf.jobs.scan, 'actions/checkout')[1]!.with).toEqual({
      repository: '${{ matrix.repository }}',
      ref: '${{ inputs.ref }}',
      token: '${{ secrets.token || github.token }}',
      path: 'repo',
      'persist-credentials': false,
    });
  });

  test('each scan uploads its report as an artifact named after its repository; the merge downloads them all into one folder', () => {
    expect(uses(wf.jobs.scan, 'actions/upload-artifact')[0]!.with).toMatchObject({
      name: '${{ steps.scan.outputs.artifact }}',
      path: '${{ steps.scan.outputs.file }}',
      'if-no-files-found': 'error',
    });
    expect(uses(wf.jobs.merge, 'actions/download-artifact')[0]!.with).toEqual({
      pattern: 'harness-registry-guard-report-*',
      path: '${{ runner.temp }}/reports',
      'merge-multiple': true,
    });
    expect(uses(wf.jobs.merge, 'actions/upload-artifact')[0]!.with).toMatchObject({
      name: 'harness-registry-guard-org-report',
      path: '${{ runner.temp }}/org-report/',
    });
    // The merged report's artifact does not match the pattern of the repositories' reports.
    expect('harness-registry-guard-org-report'.startsWith('harness-registry-guard-report-')).toBe(false);
  });

  test('the artifact actions are v4 or newer (pinned by SHA, checked for all workflows by workflows.test.ts)', () => {
    const versions = text
      .split('\n')
      .filter((l) => /uses: actions\/(upload|download)-artifact@/.test(l))
      .map((l) => Number(/# v(\d+)\./.exec(l)![1]));
    expect(versions).toHaveLength(3);
    for (const v of versions) expect(v).toBeGreaterThanOrEqual(4);
  });

  test('no expression inside a script: values reach the shell through env', () => {
    for (const job of [wf.jobs.scan, wf.jobs.merge]) for (const s of job.steps) if (s.run) expect(s.run).not.toContain('${{');
  });
});

describe('the workflow’s scripts, run as a runner runs them', () => {
  let tmp: string;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], {
      cwd,
      encoding: 'utf8',
    }).trim();

  /** A runner's job: a workspace with the tool (this checkout, built) and the files GitHub gives a step. */
  function runner(name: string) {
    const dir = path.join(tmp, name);
    const ws = path.join(dir, 'workspace');
    const temp = path.join(dir, 'runner-temp');
    fs.mkdirSync(ws, { recursive: true });
    fs.mkdirSync(temp);
    fs.symlinkSync(ROOT, path.join(ws, 'tool'));
    const output = path.join(dir, 'output');
    const summary = path.join(dir, 'summary');
    fs.writeFileSync(summary, '');
    /** Runs one step's script; returns its outputs (GITHUB_OUTPUT) and what it printed. */
    const run = (script: string, env: Record<string, string>) => {
      fs.writeFileSync(output, '');
      const file = path.join(dir, 'step.sh');
      fs.writeFileSync(file, script);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-e', file], {
        cwd: ws,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          TMPDIR: os.tmpdir(),
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_WORKSPACE: ws,
          RUNNER_TEMP: temp,
          GITHUB_OUTPUT: output,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_SERVER_URL: 'https://github.com',
          // The caller's repository and commit, which the scan must not record.
          GITHUB_REPOSITORY: 'acme/platform-tools',
          GITHUB_SHA: 'c'.repeat(40),
          ...env,
        },
      });
      const outputs = Object.fromEntries(
        fs
          .readFileSync(output, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      return { code: r.status, out: r.stdout, err: r.stderr, outputs, summary: () => fs.readFileSync(summary, 'utf8'), ws, temp };
    };
    return { run, ws, temp };
  }

  const script = (job: Job, id: string) => step(job, (s) => s.id === id).run!;
  const TOOL = { TOOL_REPOSITORY: 'harness-registry-guard/harness-registry-guard', TOOL_SHA: 'a'.repeat(40) };
  const heads: Record<string, string> = {};
  const scans: Record<string, ReturnType<ReturnType<typeof runner>['run']>> = {};

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'index.js')))
      throw new Error('dist/cli/index.js is missing: run `npm run build` first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-org-workflow-'));
    for (const name of ['platform', 'payments', 'search']) {
      const job = runner(`scan-${name}`);
      // actions/checkout of the repository into `repo`.
      const repo = path.join(job.ws, 'repo');
      fs.cpSync(path.join(FIXTURES, name), repo, { recursive: true });
      git(repo, 'init', '-q');
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'fixture');
      heads[name] = git(repo, 'rev-parse', 'HEAD');
      expect(job.run(script(wf.jobs.scan, 'tool'), TOOL)).toMatchObject({
        code: 0,
        outputs: { repository: TOOL.TOOL_REPOSITORY, sha: TOOL.TOOL_SHA },
      });
      scans[name] = job.run(script(wf.jobs.scan, 'scan'), { REPOSITORY: `acme/${name}` });
    }
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test.each(['platform', 'payments', 'search'])(
    'scan acme/%s: the report names the scanned repository and its commit, not the caller’s',
    (name) => {
      const scan = scans[name]!;
      expect(scan.err).toBe('');
      expect(scan.code).toBe(0);
      expect(scan.outputs).toEqual({
        artifact: `harness-registry-guard-report-acme__${name}`,
        file: path.join(scan.temp, 'report', `acme__${name}.json`),
      });
      const report = JSON.parse(fs.readFileSync(scan.outputs.file!, 'utf8')) as MigrationReport;
      expect(report.source).toEqual({ repository: `acme/${name}`, commit: heads[name], serverUrl: 'https://github.com' });
    },
  );

  test('merge: the reports downloaded into one folder become the organisation report, in the job summary and as files', () => {
    const job = runner('merge');
    // actions/download-artifact with merge-multiple: every artifact's files in one folder.
    fs.mkdirSync(path.join(job.temp, 'reports'));
    for (const s of Object.values(scans)) fs.copyFileSync(s.outputs.file!, path.join(job.temp, 'reports', path.basename(s.outputs.file!)));
    const r = job.run(script(wf.jobs.merge, 'merge'), { REPOSITORIES: '["acme/platform", "acme/payments", "acme/search"]' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Merged 3 reports');
    const org = JSON.parse(fs.readFileSync(path.join(job.temp, 'org-report', 'org-report.json'), 'utf8')) as OrgReport;
    expect(org.repositories.map((x) => [x.repository, x.commit])).toEqual(
      ['payments', 'platform', 'search'].map((n) => [`acme/${n}`, heads[n]]),
    );
    expect(org.connectors.find((c) => c.ref === 'account.mirror')!.repositories).toEqual(['acme/payments', 'acme/platform', 'acme/search']);
    const md = fs.readFileSync(path.join(job.temp, 'org-report', 'org-report.md'), 'utf8');
    expect(r.summary()).toBe(md);
    expect(md).toContain(`https://github.com/acme/search/blob/${heads.search}/.harness/pipelines/index.yaml#L18`);
  });

  test('merge: a repository whose scan failed is named, in a warning and in the summary; the others are merged', () => {
    const job = runner('merge-partial');
    fs.mkdirSync(path.join(job.temp, 'reports'));
    fs.copyFileSync(scans.payments!.outputs.file!, path.join(job.temp, 'reports', 'acme__payments.json'));
    const r = job.run(script(wf.jobs.merge, 'merge'), { REPOSITORIES: '["acme/payments", "acme/gone", "not a repo"]' });
    expect(r.code).toBe(0);
    const gaps = ' Repositories whose scan failed: `acme/gone`. Entries of inputs.repositories that are not owner/name: 1.';
    expect(r.out).toContain(`::warning::Not in this report.${gaps}\n`);
    expect(r.summary()).toContain(`\n> **Not in this report.**${gaps}\n`);
    expect(r.summary()).toContain('1 repository scanned');
  });

  test('merge: no report at all fails the job with an error', () => {
    const job = runner('merge-none');
    const r = job.run(script(wf.jobs.merge, 'merge'), { REPOSITORIES: '["acme/gone"]' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::No repository report to merge');
  });

  test('a runner without job.workflow_sha, or a repository that is not owner/name, stops the job', () => {
    const job = runner('refusals');
    const noSha = job.run(script(wf.jobs.scan, 'tool'), { TOOL_REPOSITORY: '', TOOL_SHA: '' });
    expect(noSha.code).toBe(1);
    expect(noSha.out).toContain('::error::This runner gives no job.workflow_repository / job.workflow_sha');
    expect(noSha.outputs).toEqual({});
    const bad = job.run(script(wf.jobs.scan, 'scan'), { REPOSITORY: 'acme/payments\n::set-output name=x::y' });
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('::error::inputs.repositories holds an entry that is not owner/name.\n');
  });
});
