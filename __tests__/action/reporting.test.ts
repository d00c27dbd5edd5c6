/** The surfaces after the check: outputs, the check run's notes, suggested changes (cap and authorship). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ApiError, type NewReviewComment, type ReviewComment } from '../../src/github/client.js';
import { MAX_SUGGESTIONS, SUGGESTION_MARKER, syncSuggestions, type SuggestedChange } from '../../src/github/suggestions.js';
import { cloudPipeline, connector, HARNESS_IMAGE, tmpDir, writeFiles } from '../e2e/harness.js';
import { fakeApi } from './fake-api.js';
import { runInProcess } from './in-process.js';

const oneError = () => {
  const ws = tmpDir('report');
  writeFiles(ws, {
    '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
    '.harness/connectors/a.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }),
  });
  return ws;
};
const push = { eventName: 'push', event: { before: '0'.repeat(40), after: 'f'.repeat(40) } };

describe('outputs and the verdict', () => {
  test('an unwritable GITHUB_OUTPUT fails the step with exit code 2 and one line, not a stack trace', async () => {
    const r = await runInProcess({ workspace: oneError(), ...push, outputFile: '/nonexistent/dir/out' });
    expect(r.code).toBe(2);
    const failures = r.annotations.filter((a) => a.level === 'error' && !a.props.file);
    expect(failures.map((a) => a.message)).toEqual([
      expect.stringMatching(/^harness-registry-guard: cannot write the step outputs to GITHUB_OUTPUT \(.*\/nonexistent\/dir\/out/),
    ]);
  });

  test('one failing finding "reaches" fail-on', async () => {
    const r = await runInProcess({ workspace: oneError(), ...push, inputs: { 'github-token': '' } });
    expect(r.code).toBe(1);
    expect(r.summary).toContain('❌ 1 finding reaches `fail-on: error`: the step fails.');
    expect(r.annotations.at(-1)!.message).toMatch(/^harness-registry-guard: 1 finding reaches fail-on: error\./);
  });
});

describe('files the step writes', () => {
  /** A checkout whose pull request commits links out of the workspace, as in the audit. */
  function linked() {
    const ws = oneError();
    const outside = tmpDir('outside');
    writeFiles(outside, { victim1: 'precious\n', victim2: 'precious\n', 'dir/keep': 'x\n' });
    fs.symlinkSync(path.relative(ws, path.join(outside, 'victim1')), path.join(ws, 'harness-registry-guard.sarif'));
    fs.symlinkSync(path.join(outside, 'victim2'), path.join(ws, 'hrg-report.md'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(ws, 'reports'));
    const untouched = () => {
      expect(['victim1', 'victim2'].map((f) => fs.readFileSync(path.join(outside, f), 'utf8'))).toEqual(['precious\n', 'precious\n']);
      expect(fs.readdirSync(path.join(outside, 'dir'))).toEqual(['keep']);
    };
    return { ws, outside, untouched };
  }

  test.each([
    ['sarif-file', 'harness-registry-guard.sarif', 'it is a symbolic link, and links are not written through'],
    ['report-file', 'hrg-report.md', 'it is a symbolic link, and links are not written through'],
    ['report-file', 'reports/hrg.md', 'the folder "reports" is a symbolic link leading outside the workspace'],
    ['sarif-file', 'reports/hrg.sarif', 'the folder "reports" is a symbolic link leading outside the workspace'],
  ])('%s %j through a committed link fails the step (exit 2) and writes nothing outside', async (input, value, why) => {
    const { ws, untouched } = linked();
    const r = await runInProcess({ workspace: ws, ...push, inputs: { [input]: value, 'github-token': '' } });
    expect(r.code).toBe(2);
    expect(r.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      `harness-registry-guard: input \`${input}\`: "${value}" cannot be written: ${why}`,
    ]);
    untouched();
  });

  test('plain paths, a folder link inside the workspace, and a sarif-file outside it are written as before', async () => {
    const { ws, outside, untouched } = linked();
    fs.mkdirSync(path.join(ws, 'build'));
    fs.symlinkSync('build', path.join(ws, 'out'));
    const sarif = path.join(outside, 'temp', 'x.sarif');
    const r = await runInProcess({
      workspace: ws,
      ...push,
      inputs: { 'sarif-file': sarif, 'report-file': 'out/m/hrg.md', 'github-token': '' },
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
    expect(fs.readFileSync(path.join(ws, 'build', 'm', 'hrg.md'), 'utf8')).toContain('#');
    untouched();
  });
});

describe('the check run', () => {
  const refused = (rateLimited: boolean) =>
    fakeApi({
      createCheckRun: async () => {
        throw new ApiError('creating the check run failed (HTTP 403): API rate limit exceeded', 403, rateLimited);
      },
    });

  test('a check run carries at most 1000 annotations (20 requests), errors first; its summary says how many were left out and where all are', async () => {
    const ws = tmpDir('capped');
    const bad = (i: number) => connector(`old_${i}`, { url: 'https://app.harness.io/registry', executeOnDelegate: false });
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      ...Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`.harness/connectors/old_${i}.yaml`, bad(i)])),
      // 1,100 notices: connectors the repository does not hold.
      '.harness/a/p.yaml': cloudPipeline(
        'p',
        Array.from({ length: 1100 }, (_, i) => `account.missing_${i}`),
      ),
    });
    const bodies: Array<{ status?: string; output: { summary: string; annotations?: Array<{ annotation_level: string }> } }> = [];
    const api = fakeApi({
      createCheckRun: async (_r, b) => (bodies.push(b), 9),
      updateCheckRun: async (_r, _id, b) => void bodies.push(b),
    });
    const r = await runInProcess({ workspace: ws, ...push, api, inputs: { 'check-run': 'true', 'sarif-file': 'hrg.sarif' } });
    expect(r.code).toBe(1);
    const sent = bodies.flatMap((b) => b.output.annotations ?? []);
    expect([bodies.length, sent.length, bodies.at(-1)!.status]).toEqual([20, 1000, 'completed']);
    expect(sent.filter((a) => a.annotation_level === 'failure')).toHaveLength(3);
    expect(sent.slice(0, 3).map((a) => a.annotation_level)).toEqual(['failure', 'failure', 'failure']);
    expect(bodies[0]!.output.summary).toContain(
      '103 annotations (103 notices) are left out of this check run, which holds at most 1000 (errors first, then warnings, then notices): every finding is in the step log and the SARIF file (the job summary lists as many as it has room for).',
    );
    expect(r.stdout).toContain(
      'Check run "harness-registry-guard" holds 1000 of 1103 annotations (capped at 1000, errors first; 20 API requests).',
    );
  }, 30_000);

  test('a spent rate limit is said to be one, not blamed on permissions', async () => {
    const r = await runInProcess({ workspace: oneError(), ...push, api: refused(true), inputs: { 'check-run': 'true' } });
    expect(r.summary).toContain("the token's API rate limit is spent; the annotations and this summary are all there is.");
    expect(r.summary).not.toContain('checks: write');
  });

  test('a 403 that is not a rate limit names the permission; with summary: false the note points at the step log', async () => {
    const r = await runInProcess({
      workspace: oneError(),
      ...push,
      api: refused(false),
      inputs: { 'check-run': 'true', summary: 'false' },
    });
    expect(r.stdout).toContain('lacks `checks: write`; the annotations and the step log are all there is.');
    expect(r.stdout).not.toContain('this summary');
  });
});

describe('suggested changes', () => {
  const change = (i: number): SuggestedChange => ({
    path: 'a.yaml',
    startLine: i,
    endLine: i,
    replacement: `line ${i}`,
    title: 'fix',
    ruleIds: ['no-app-harness-registry'],
    safe: true,
  });
  const marked = (id: number, user: ReviewComment['user']): ReviewComment => ({
    id,
    path: 'a.yaml',
    body: `<!-- ${SUGGESTION_MARKER} key=0123456789abcdef -->\nsomething`,
    user,
  });
  function comments(existing: ReviewComment[], me?: string) {
    const calls: string[] = [];
    const api = {
      listReviewComments: async () => existing,
      createReviewComment: async (_r: unknown, c: NewReviewComment) => (calls.push(`create ${c.line}`), 1),
      updateReviewComment: async (_r: unknown, id: number) => void calls.push(`update ${id}`),
      deleteReviewComment: async (_r: unknown, id: number) => void calls.push(`delete ${id}`),
      authenticatedLogin: async () => (calls.push('whoami'), me),
    };
    return { api, calls };
  }
  const sync = (api: ReturnType<typeof comments>['api'], changes: SuggestedChange[]) =>
    syncSuggestions({
      api,
      repo: { owner: 'acme', repo: 'shop' },
      pullNumber: 7,
      headSha: 'h',
      files: [{ path: 'a.yaml', hunks: [[1, 100]] }],
      changes,
    });

  test(`at most ${MAX_SUGGESTIONS} a run; the rest are counted`, async () => {
    const { api, calls } = comments([]);
    const r = await sync(
      api,
      Array.from({ length: 30 }, (_, i) => change(i + 1)),
    );
    expect(r.created).toBe(MAX_SUGGESTIONS);
    expect(r.leftOut).toBe(30 - MAX_SUGGESTIONS);
    expect(calls.filter((c) => c.startsWith('create'))).toHaveLength(MAX_SUGGESTIONS);
  });

  test("a person's comment that starts with our marker is never touched; a bot's (ours) is cleaned up", async () => {
    const { api, calls } = comments([
      marked(1, { login: 'alice', type: 'User' }),
      marked(2, { login: 'github-actions[bot]', type: 'Bot' }),
    ]);
    const r = await sync(api, []);
    expect(r.deleted).toBe(1);
    expect(calls).toEqual(['whoami', 'delete 2']);
  });

  test("with a personal access token, the token's own user's comments are ours", async () => {
    const { api, calls } = comments(
      [marked(1, { login: 'alice', type: 'User' }), marked(3, { login: 'ci-user', type: 'User' })],
      'ci-user',
    );
    await sync(api, []);
    expect(calls).toEqual(['whoami', 'delete 3']);
  });
});
