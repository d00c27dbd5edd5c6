/**
 * What the Action reports after the check (annotations, job summary, outputs, check run, connector
 * impact, suggested changes, run state, inputs), pinned down by mutation testing: each test fails
 * when the behaviour it names changes.
 */
import { describe, expect, test } from '@jest/globals';
import {
  cloudPipeline,
  connector,
  git,
  gitRepo,
  HARNESS_IMAGE,
  HEAD_SHA,
  TOKEN,
  pullRequestEvent,
  tmpDir,
  writeFiles,
} from '../e2e/harness.js';
import type { NewReviewComment } from '../../src/github/client.js';
import { MAX_SUGGESTIONS } from '../../src/github/suggestions.js';
import { getSettings } from '../../src/action/inputs.js';
import { fakeApi } from './fake-api.js';
import { runInProcess } from './in-process.js';
import { bad, badConnectors, checkRuns, failureMessage, noToken, push, titled, workspace as workspaceWith } from './run-helpers.js';

const workspace = (files: Record<string, string>) => workspaceWith(files, 's16');

describe('where the failure message says the findings can be read', () => {
  test('with summary: false, the step log only; with a SARIF file, that too', async () => {
    const ws = workspace(badConnectors(1));
    const off = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, summary: 'false' } });
    expect(failureMessage(off)).toEqual(['harness-registry-guard: 1 finding reaches fail-on: error. See the step log.']);
    const sarif = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, 'sarif-file': 'hrg.sarif' } });
    expect(failureMessage(sarif)).toEqual([
      'harness-registry-guard: 1 finding reaches fail-on: error. See the job summary, the SARIF file, the step log.',
    ]);
  });

  test('the check run is named only when it was created', async () => {
    const ws = workspace(badConnectors(1));
    const made = fakeApi({ createCheckRun: async () => 1, updateCheckRun: async () => {} });
    const refused = fakeApi({
      createCheckRun: async () => {
        throw Object.assign(new Error('forbidden'), { status: 403 });
      },
    });
    const ok = await runInProcess({ workspace: ws, ...push, api: made, inputs: { 'check-run': 'true' } });
    expect(failureMessage(ok)).toEqual([
      'harness-registry-guard: 1 finding reaches fail-on: error. See the job summary, the check run "harness-registry-guard", the step log.',
    ]);
    const no = await runInProcess({ workspace: ws, ...push, api: refused, inputs: { 'check-run': 'true' } });
    expect(failureMessage(no)).toEqual(['harness-registry-guard: 1 finding reaches fail-on: error. See the job summary, the step log.']);
  });
});

describe("the annotations within the runner's 10 per level", () => {
  test('12 errors: 9 are annotated, so the failure message is the tenth error; a notice counts the rest', async () => {
    const r = await runInProcess({ workspace: workspace(badConnectors(12)), ...push, inputs: noToken });
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.filter((a) => a.props.file)).toHaveLength(9);
    expect(errors.at(-1)!.message).toMatch(/^harness-registry-guard: 12 findings reach fail-on: error\./);
    expect(r.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
      '3 more findings (3 errors) not annotated: GitHub shows at most 10 annotations of each level per step. See the job summary, the step log.',
    ]);
    expect(r.summary).toContain(
      '> Annotated 9 of 12 findings in the scanned files. 3 more findings (3 errors) not annotated: GitHub shows at most 10 annotations of each level per step. The findings tables below list them.\n',
    );
    // The log's line says where the rest is, not "below".
    expect(r.stdout).toMatch(
      /^Annotated 9 of 12 findings in the scanned files\. 3 more findings \(3 errors\) not annotated: GitHub shows at most 10 annotations of each level per step\. See the job summary, the step log\.$/m,
    );
  });

  test('a pull request with only-changed: false annotates "in the scanned files"', async () => {
    const ws = workspace(badConnectors(1));
    const api = fakeApi({ listPullFiles: async () => [{ path: '.harness/connectors/bad_0.yaml', status: 'added' }] });
    const r = await runInProcess({ workspace: ws, api, inputs: { 'only-changed': 'false' }, event: pullRequestEvent() });
    expect(r.summary).toContain('> Annotated 1 of 1 finding in the scanned files.\n');
  });
});

describe('what the annotations and the log say of each finding', () => {
  test('a finding in a folded value is annotated from its first line to its last', async () => {
    const folded = bad('multi').replace(
      'dockerRegistryUrl: https://app.harness.io/registry',
      'dockerRegistryUrl: >-\n      https://app.harness.io/registry',
    );
    const r = await runInProcess({ workspace: workspace({ '.harness/connectors/multi.yaml': folded }), ...push, inputs: noToken });
    expect(titled(r, 'no-app-harness-registry').map((a) => a.props)).toEqual([
      { title: 'no-app-harness-registry', file: '.harness/connectors/multi.yaml', line: '8', endLine: '9' },
    ]);
  });

  test('in a pull request, findings in files it does not change are counted as summary only', async () => {
    const ws = workspace(badConnectors(2));
    const api = fakeApi({ listPullFiles: async () => [{ path: '.harness/connectors/bad_0.yaml', status: 'added' }] });
    const r = await runInProcess({ workspace: ws, api, event: pullRequestEvent() });
    expect(titled(r, 'no-app-harness-registry').map((a) => a.props.file)).toEqual(['.harness/connectors/bad_0.yaml']);
    expect(r.summary).toContain('> Annotated 1 of 1 finding in changed files (1 finding in unchanged files: summary only).\n');
  });

  test('every finding is logged in one group, suppressed ones marked; a token in a message is never printed', async () => {
    const suppressedOne = `# harness-registry-guard-disable no-app-harness-registry -- legacy\n${bad('old')}`;
    const ws = workspace({
      ...badConnectors(1),
      '.harness/connectors/old.yaml': suppressedOne,
      '.harness/connectors/tok.yaml': bad(TOKEN),
    });
    const r = await runInProcess({ workspace: ws, ...push, inputs: { 'sarif-file': 'hrg.sarif' } });
    const group = r.stdout.slice(r.stdout.indexOf('::group::'), r.stdout.indexOf('::endgroup::'));
    expect(group).toMatch(/^::group::All 3 findings\n/);
    expect(group).toContain(
      '\n.harness/connectors/bad_0.yaml:8:24: error: Connector `bad_0` points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024; use `https://registry.hub.docker.com` instead. [no-app-harness-registry]\n',
    );
    expect(group).toMatch(
      /\n\.harness\/connectors\/old\.yaml:9:24: error: Connector `old` .* \[no-app-harness-registry\] \(suppressed: inline\)\n/,
    );
    expect(group).toContain('Connector `***` points at');
    expect(titled(r, 'no-app-harness-registry').map((a) => a.message)).toContainEqual(
      expect.stringMatching(/^Connector `\*\*\*` points at/),
    );
    expect(r.summary).toContain('Connector `***` points at');
    expect(`${r.stdout}${r.summary}`).not.toContain(TOKEN);
  });
});

describe('changes to the gate', () => {
  const suppressed = (id: string) =>
    bad(id).replace(
      '    dockerRegistryUrl:',
      '    # harness-registry-guard-disable-next-line no-app-harness-registry -- nope\n    dockerRegistryUrl:',
    );

  test('7 added suppressions: 5 warnings at their lines, all 7 in the summary and the step log', async () => {
    const ws = tmpDir('s16-gate');
    const head = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`.harness/connectors/s_${i}.yaml`, suppressed(`s_${i}`)]));
    const { baseSha, headSha } = gitRepo(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE }, head);
    const r = await runInProcess({ workspace: ws, inputs: noToken, event: pullRequestEvent({ baseSha, headSha, changedFiles: 7 }) });
    const gate = titled(r, 'gate change');
    expect(gate.map((a) => `${a.props.file}:${a.props.line}`)).toEqual([0, 1, 2, 3, 4].map((i) => `.harness/connectors/s_${i}.yaml:8`));
    expect(r.summary.match(/^- \[\.harness\/connectors\/s_\d\.yaml:8\]/gm)).toHaveLength(7);
    expect(r.stdout.match(/^Gate change: \.harness\/connectors\/s_\d\.yaml:8: This pull request adds a suppression/gm)).toHaveLength(7);
  });
});

describe('the warning that the gate was not compared', () => {
  test('is said at line 1 of the config file, and kept within the 10 warnings (9 findings annotated)', async () => {
    // A depth-1 checkout without a token: the base's config cannot be read.
    const ws = workspace({ '.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: warning\n', ...badConnectors(12) });
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'merge');
    const r = await runInProcess({ workspace: ws, inputs: noToken, event: pullRequestEvent({ changedFiles: 13 }) });
    const warnings = r.annotations.filter((a) => a.level === 'warning');
    expect(warnings.map((a) => a.props.title)).toEqual(['gate not compared', ...Array<string>(9).fill('no-app-harness-registry')]);
    expect(warnings[0]!.props).toEqual({ title: 'gate not compared', file: '.harness-registry-guard.yml', line: '1' });
  });
});

describe('suggested changes', () => {
  const WARN = { '.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: warning\n' };
  /** The pull request adds these connectors; each file's lines are all in the diff. */
  const listed = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      path: `.harness/connectors/bad_${i}.yaml`,
      status: 'added',
      lines: new Set(Array.from({ length: 20 }, (_, l) => l + 1)),
      hunks: [[1, 20]] as Array<[number, number]>,
    }));
  function suggestionsApi(n: number, create: (c: NewReviewComment) => Promise<number>) {
    return fakeApi({
      listPullFiles: async () => listed(n),
      listReviewComments: async () => [],
      authenticatedLogin: async () => undefined,
      createReviewComment: async (_r, c) => create(c),
    });
  }
  const refuse = async (): Promise<number> => {
    throw new Error('HTTP 422');
  };

  test('none could be posted: one warning for all, kept within the 10 (9 findings annotated), each failure in the log', async () => {
    const ws = workspace({ ...WARN, ...badConnectors(12) });
    const r = await runInProcess({
      workspace: ws,
      api: suggestionsApi(12, refuse),
      inputs: { suggestions: 'true' },
      event: pullRequestEvent(),
    });
    const warnings = r.annotations.filter((a) => a.level === 'warning');
    expect(warnings).toHaveLength(10);
    expect(warnings.filter((a) => a.props.title === 'no-app-harness-registry')).toHaveLength(9);
    expect(titled(r, 'suggested changes').map((a) => a.message)).toEqual([
      '12 suggested changes could not be posted or cleaned up (comment on .harness/connectors/bad_0.yaml:8: HTTP 422); the step log lists them.',
    ]);
    expect(r.stdout.match(/^Suggested change not posted: comment on \.harness\/connectors\/bad_\d+\.yaml:8: HTTP 422$/gm)).toHaveLength(12);
    expect(r.summary).toContain(
      '> Suggested changes: 0 created, 0 updated, 0 removed, 0 unchanged; 0 outside the diff (see the findings); 12 failed.\n',
    );
  });

  test('one that could not be posted is "1 suggested change"', async () => {
    const ws = workspace({ ...WARN, ...badConnectors(1) });
    const r = await runInProcess({
      workspace: ws,
      api: suggestionsApi(1, refuse),
      inputs: { suggestions: 'true' },
      event: pullRequestEvent(),
    });
    expect(titled(r, 'suggested changes').map((a) => a.message)).toEqual([
      '1 suggested change could not be posted or cleaned up (comment on .harness/connectors/bad_0.yaml:8: HTTP 422); the step log lists them.',
    ]);
  });

  test(`past ${MAX_SUGGESTIONS} the rest are counted in the note; each is posted on the pull request's head commit`, async () => {
    const ws = workspace({ ...WARN, ...badConnectors(MAX_SUGGESTIONS + 2) });
    const posted: NewReviewComment[] = [];
    const api = suggestionsApi(MAX_SUGGESTIONS + 2, async (c) => (posted.push(c), posted.length));
    const r = await runInProcess({ workspace: ws, api, inputs: { suggestions: 'true' }, event: pullRequestEvent() });
    expect(r.summary).toContain(
      `> Suggested changes: ${MAX_SUGGESTIONS} created, 0 updated, 0 removed, 0 unchanged; 0 outside the diff (see the findings); 2 more left out (at most ${MAX_SUGGESTIONS} a run; \`harness-registry-guard fix\` applies the safe fixes, the findings list the rest).\n`,
    );
    expect(titled(r, 'suggested changes')).toEqual([]);
    expect(new Set(posted.map((c) => c.commitId))).toEqual(new Set([HEAD_SHA]));
  });

  test("a fork's pull request gets none, and the API is not asked", async () => {
    const ws = workspace({ ...WARN, ...badConnectors(1) });
    const r = await runInProcess({
      workspace: ws,
      api: suggestionsApi(1, refuse),
      inputs: { suggestions: 'true' },
      event: pullRequestEvent({ headRepo: 'someone/shop' }),
    });
    expect(r.summary).toContain('> This pull request comes from a fork, whose token is read-only: fixes are not posted as suggestions.');
    expect(r.stdout).not.toContain('Suggested change not posted');
  });
});

describe('a file the checkout (the test-merge commit) holds otherwise than the pull request head', () => {
  test('its annotation names no line, the check run leaves it out and says so, the summary links it in the commit checked out', async () => {
    const ws = tmpDir('s16-merge');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE },
      { '.harness/connectors/bad_0.yaml': bad('bad_0'), '.harness/connectors/bad_1.yaml': bad('bad_1') },
    );
    // The base branch changed bad_1.yaml too: the test-merge commit's lines there are not the head's.
    writeFiles(ws, { '.harness/connectors/bad_1.yaml': `# moved\n# down\n${bad('bad_1')}` });
    git(ws, 'commit', '-qam', 'merge');
    const mergeSha = git(ws, 'rev-parse', 'HEAD');
    const runs: Array<{ output: { summary: string; annotations?: Array<{ path: string }> } }> = [];
    const api = fakeApi({
      listPullFiles: async () => ['bad_0', 'bad_1'].map((f) => ({ path: `.harness/connectors/${f}.yaml`, status: 'added' })),
      createCheckRun: async (_r, b) => (runs.push(b), 1),
      updateCheckRun: async (_r, _id, b) => void runs.push(b),
    });
    const r = await runInProcess({
      workspace: ws,
      api,
      inputs: { 'check-run': 'true' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }),
    });

    const found = titled(r, 'no-app-harness-registry');
    expect(found.map((a) => [a.props.file, a.props.line])).toEqual([
      ['.harness/connectors/bad_0.yaml', '8'],
      ['.harness/connectors/bad_1.yaml', undefined],
    ]);
    expect(found[1]!.message).toMatch(/ \(line 10 of the commit checked out, whose lines in this file are not the pull request's\)$/);
    expect(runs.flatMap((b) => b.output.annotations ?? []).map((a) => a.path)).toEqual(['.harness/connectors/bad_0.yaml']);
    expect(runs[0]!.output.summary).toContain(
      "> 1 finding in files the checkout (the test-merge commit) holds otherwise than the pull request's head: not annotated here, as the head's lines differ; the tables link them in the commit checked out.",
    );
    expect(r.summary).toContain(`https://github.com/acme/shop/blob/${headSha}/.harness/connectors/bad_0.yaml#L8`);
    expect(r.summary).toContain(`https://github.com/acme/shop/blob/${mergeSha}/.harness/connectors/bad_1.yaml#L10`);
  });
});

describe('outputs, the verdict and the check run', () => {
  const mixed = () =>
    workspace({
      '.harness-registry-guard.yml': 'rules:\n  require-platform-connectivity: warning\n',
      ...badConnectors(1),
      '.harness/connectors/ondel.yaml': connector('ondel', { executeOnDelegate: true }),
      '.harness/pipelines/p.yaml': cloudPipeline('p', ['ondel', 'account.missing']),
    });

  test('the outputs count each level; a failing step sets exit-code 1', async () => {
    const r = await runInProcess({ workspace: mixed(), ...push, inputs: noToken });
    expect(r.outputs).toEqual({ findings: '3', errors: '1', warnings: '1', notices: '1', 'sarif-file': '', 'exit-code': '1' });
  });

  test('fail-on: never passes with exit-code 0 and says so first in the summary', async () => {
    const r = await runInProcess({ workspace: mixed(), ...push, inputs: { ...noToken, 'fail-on': 'never' } });
    expect([r.code, r.outputs['exit-code'], r.outputs.findings]).toEqual([0, '0', '3']);
    expect(r.summary).toContain('\n> `fail-on: never`: the step passes whatever is found.\n');
  });

  test("the check run's title counts every level, its conclusion follows the verdict", async () => {
    const { api, bodies } = checkRuns();
    const r = await runInProcess({ workspace: mixed(), ...push, api, inputs: { 'check-run': 'true' } });
    expect(bodies.map((b) => [b.conclusion, b.output.title])).toEqual([['failure', '3 findings: 1 error, 1 warning, 1 notice']]);
    expect(r.stdout).toContain('Check run "harness-registry-guard" holds all 3 annotations (1 API request).');
    const never = checkRuns();
    await runInProcess({ workspace: mixed(), ...push, api: never.api, inputs: { 'check-run': 'true', 'fail-on': 'never' } });
    expect(never.bodies.map((b) => b.conclusion)).toEqual(['success']);
  });

  test("a check run's summary stays within GitHub's 65,535 characters, and says the rest is in the job summary", async () => {
    const { api, bodies } = checkRuns();
    const ws = workspace({
      '.harness/pipelines/p.yaml': cloudPipeline(
        'p',
        Array.from({ length: 400 }, (_, i) => `account.missing_connector_with_a_long_name_${i}`),
      ),
    });
    await runInProcess({ workspace: ws, ...push, api, inputs: { 'check-run': 'true' } });
    const summary = bodies[0]!.output.summary;
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary).toMatch(/\n_\d+ more findings not listed: the summary is kept under 59 KiB\. See the job summary\._\n*$/);
    const off = checkRuns();
    await runInProcess({ workspace: ws, ...push, api: off.api, inputs: { 'check-run': 'true', summary: 'false' } });
    expect(off.bodies[0]!.output.summary).toMatch(/ See the step log\._\n*$/);
  });
});

describe('the run state and the inputs', () => {
  test('a report file that cannot be written fails the step naming the input, the file and the error code', async () => {
    const ws = workspace({ ...badConnectors(1), afile: 'not a folder\n' });
    const r = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, 'report-file': 'afile/report.md' } });
    expect(r.code).toBe(2);
    expect(failureMessage(r)).toEqual([`harness-registry-guard: input \`report-file\`: cannot write "${ws}/afile/report.md" (ENOTDIR)`]);
  });

  test('a pull_request payload without its number is a note, and the run goes on', async () => {
    const r = await runInProcess({ workspace: workspace(badConnectors(1)), inputs: noToken, event: { pull_request: { state: 'open' } } });
    expect(r.code).toBe(1);
    expect(r.summary).toContain('\n> Event payload: the pull_request payload has no number or head SHA.\n');
  });

  test("a fork's pull request with a Harness key gets no note that lookups are off", async () => {
    const inputs = { ...noToken, 'harness-api-key': 'pat.acc1.tok.secretsecret', 'harness-url': 'http://127.0.0.1:9' };
    const fork = pullRequestEvent({ headRepo: 'someone/shop' });
    const r = await runInProcess({ workspace: workspace(badConnectors(1)), inputs, event: fork });
    expect(r.summary).not.toContain('Harness lookups are off');
    const without = await runInProcess({ workspace: workspace(badConnectors(1)), inputs: noToken, event: fork });
    expect(without.summary).toContain('> Harness lookups are off: this pull request comes from a fork');
  });

  test('boolean inputs take True and TRUE; a bad one lists what it may be', () => {
    const ws = workspace({});
    const env = (inputs: Record<string, string>) => ({
      GITHUB_WORKSPACE: ws,
      GITHUB_EVENT_NAME: 'push',
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    });
    expect(getSettings(env({ summary: 'False', 'check-run': 'TRUE', report: 'True' }))).toMatchObject({
      summary: false,
      checkRun: true,
      report: true,
    });
    expect(() => getSettings(env({ 'only-changed': 'yes' }))).toThrow('input `only-changed`: must be one of true, false, auto (got "yes")');
    expect(() => getSettings(env({ path: 'a\0b' }))).toThrow('input `path`: contains a NUL character');
    expect(() => getSettings(env({ 'sarif-file': 'a\0b' }))).toThrow('input `sarif-file`: contains a NUL character');
  });
});

describe('changed connectors and the pipelines they affect', () => {
  const HUB_OK = connector('hub', { executeOnDelegate: false });
  const HUB_BAD = connector('hub', { executeOnDelegate: true });
  const PIPE = { '.harness/pipelines/p.yaml': cloudPipeline('p', ['hub']) };

  test('with the base in git: a connector the change breaks lists the stage as newly broken', async () => {
    const ws = tmpDir('s16-impact');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, ...PIPE, '.harness/connectors/hub.yaml': HUB_OK },
      { '.harness/connectors/hub.yaml': HUB_BAD },
    );
    const r = await runInProcess({ workspace: ws, inputs: noToken, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    const section = r.summary.slice(r.summary.indexOf('### Changed connectors'));
    expect(section).toMatch(
      /^### Changed connectors and the pipelines they affect\n\n.*\n\n- Connector `hub` \(.*hub\.yaml:12\]\(.*\)\), rule `require-platform-connectivity`:\n {2}- now breaks:\n {4}- \[\.harness\/pipelines\/p\.yaml:/,
    );
    expect(r.summary).not.toContain('The base versions of the changed connectors are not in the checkout');
  });

  test('a renamed connector that was broken before is "still broken", compared with its old path', async () => {
    const ws = tmpDir('s16-rename');
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, ...PIPE, '.harness/connectors/hub.yaml': HUB_BAD },
      { '.harness/connectors/hub.yaml': null, '.harness/connectors/renamed.yaml': HUB_BAD },
    );
    const r = await runInProcess({ workspace: ws, inputs: noToken, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    expect(r.summary).toContain('  - still broken (already failing before this change):\n');
    expect(r.summary).not.toContain('  - now breaks:');
  });
});
