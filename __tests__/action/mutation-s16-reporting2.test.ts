/**
 * What the Action reports after the check, second round of mutation testing (outputs, check run,
 * connector impact, suggested changes, run state, report, links, inputs): each test fails when the
 * behaviour it names changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { cloudPipeline, connector, git, gitRepo, HARNESS_IMAGE, pullRequestEvent, tmpDir, TOKEN, writeFiles } from '../e2e/harness.js';
import { EXECUTION_CONFIG, fakeHarness } from '../helpers/fake-harness.js';
import { ruleDocsBase } from '../../src/action/links.js';
import { run } from '../../src/action/main.js';
import { renderSummary } from '../../src/action/summary.js';
import { SUMMARY_MAX_BYTES } from '../../src/formats/markdown.js';
import { lintFixture } from '../formats/golden.js';
import { defaultDocsBaseUrl } from '../../src/formats/links.js';
import { readRunContext } from '../../src/github/context.js';
import { rules } from '../../src/rules/index.js';
import type { NewReviewComment } from '../../src/github/client.js';
import { fakeApi } from './fake-api.js';
import { runInProcess } from './in-process.js';
import {
  bad,
  badConnectors,
  checkRuns,
  failureMessage,
  noToken,
  push,
  titled,
  workspace as workspaceWith,
  type CheckRunBody as Body,
} from './run-helpers.js';

const workspace = (files: Record<string, string>) => workspaceWith(files, 's16b');

const WARN = { '.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: warning\n' };

describe('the outputs', () => {
  test('errors and warnings are counted each in its own output', async () => {
    const ws = workspace({
      '.harness-registry-guard.yml': 'rules:\n  require-platform-connectivity: warning\n',
      ...badConnectors(2),
      '.harness/connectors/ondel.yaml': connector('ondel', { executeOnDelegate: true }),
      '.harness/pipelines/p.yaml': cloudPipeline('p', ['ondel']),
    });
    const r = await runInProcess({ workspace: ws, ...push, inputs: noToken });
    expect(r.outputs).toEqual({ findings: '3', errors: '2', warnings: '1', notices: '0', 'sarif-file': '', 'exit-code': '1' });
  });
});

describe('a rule that crashes (an internal error)', () => {
  const platform = rules.find((r) => r.id === 'require-platform-connectivity')!;
  afterEach(() => void jest.restoreAllMocks());
  const crash = () =>
    jest.spyOn(platform, 'checkProject').mockImplementation(() => {
      throw new Error('boom');
    });

  test('fails the step with its first line, logs it whole, and the check run fails even with fail-on: never', async () => {
    crash();
    const { api, bodies } = checkRuns();
    const ws = workspace({});
    const r = await runInProcess({ workspace: ws, ...push, api, inputs: { 'check-run': 'true', 'fail-on': 'never' } });
    expect([r.code, r.outputs['exit-code']]).toEqual([2, '2']);
    expect(failureMessage(r)).toEqual(['harness-registry-guard: internal error: rule require-platform-connectivity failed: Error: boom']);
    // The log has the whole stack, on one line (its newlines would start workflow commands).
    expect(r.stdout).toMatch(/^Internal error: rule require-platform-connectivity failed: Error: boom\uFFFD {4}at .*\uFFFD {4}at /m);
    expect(bodies.map((b) => b.conclusion)).toEqual(['failure']);
  });
});

describe('Harness lookups that get no answer', () => {
  test('one warning titled "Harness lookups", kept within the 10 (9 findings annotated)', async () => {
    const ws = workspace({
      ...WARN,
      ...badConnectors(12),
      '.harness/pipelines/p.yaml': cloudPipeline('p', ['account.missing']),
    });
    const inputs = { ...noToken, 'harness-api-key': 'pat.acc1.tok.secretsecret', 'harness-url': 'http://127.0.0.1:9' };
    const r = await runInProcess({ workspace: ws, ...push, inputs });
    const warnings = r.annotations.filter((a) => a.level === 'warning');
    expect(warnings.map((a) => a.props.title)).toEqual(['Harness lookups', ...Array<string>(9).fill('no-app-harness-registry')]);
    expect(titled(r, 'Harness lookups')[0]!.message).toMatch(/^1 of 1 connector lookup in Harness \(127\.0\.0\.1:9\) got no answer/);
    expect(r.summary).not.toContain('secretsecret');
  });
});

describe('how the step fails', () => {
  const platform = rules.find((r) => r.id === 'require-platform-connectivity')!;
  afterEach(() => void jest.restoreAllMocks());

  test('the GitHub token in an internal error is never in the failure message', async () => {
    jest.spyOn(platform, 'checkProject').mockImplementation(() => {
      throw new Error(`boom ${TOKEN}`);
    });
    const r = await runInProcess({ workspace: workspace({}), ...push, inputs: { 'github-token': TOKEN } });
    expect(failureMessage(r)).toEqual([
      'harness-registry-guard: internal error: rule require-platform-connectivity failed: Error: boom ***',
    ]);
    expect(r.stdout).not.toContain(TOKEN);
  });

  test('a Harness key refused with 401 fails the step naming the input `harness-api-key`, never the key', async () => {
    const server = await fakeHarness({ apiKey: 'pat.other.key.value', accountId: 'acc1' });
    try {
      const ws = workspace({ '.harness/pipelines/p.yaml': cloudPipeline('p', ['account.missing']) });
      const inputs = { ...noToken, 'harness-api-key': 'pat.acc1.tok.secretsecret', 'harness-url': server.url };
      const r = await runInProcess({ workspace: ws, ...push, inputs });
      expect(r.code).toBe(2);
      expect(failureMessage(r)).toEqual([
        expect.stringMatching(/^harness-registry-guard: input `harness-api-key`: Harness API at 127\.0\.0\.1:\d+ answered HTTP 401 /),
      ]);
      expect(failureMessage(r)[0]).not.toContain('secretsecret');
    } finally {
      await server.close();
    }
  });
});

describe('a config file with problems', () => {
  const unknown = (n: number) => `rules:\n${Array.from({ length: n }, (_, i) => `  no-such-rule-${i}: error\n`).join('')}`;

  test('given as the input `config`: the failure names the input, and each problem is annotated at its line and column (at most 9)', async () => {
    const ws = workspace({ 'ci/guard.yml': unknown(10), ...badConnectors(1) });
    const r = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, config: 'ci/guard.yml' } });
    expect(r.code).toBe(2);
    expect(failureMessage(r)).toEqual([expect.stringMatching(/^harness-registry-guard: input `config`: /)]);
    const problems = titled(r, 'config');
    expect(problems.map((a) => `${a.props.file}:${a.props.line}:${a.props.col}`)).toEqual(
      Array.from({ length: 9 }, (_, i) => `ci/guard.yml:${i + 2}:3`),
    );
  });

  test('a config file whose name has "baseline" in it is still the input `config`', async () => {
    const ws = workspace({ 'ci/baseline-rules.yml': unknown(1), ...badConnectors(1) });
    const r = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, config: 'ci/baseline-rules.yml' } });
    expect(failureMessage(r)).toEqual([expect.stringMatching(/^harness-registry-guard: input `config`: .*ci\/baseline-rules\.yml/)]);
  });

  test('found by itself (no `config` input): the failure names no input', async () => {
    const ws = workspace({ '.harness-registry-guard.yml': unknown(1), ...badConnectors(1) });
    const r = await runInProcess({ workspace: ws, ...push, inputs: noToken });
    expect(r.code).toBe(2);
    expect(failureMessage(r)).toEqual([expect.not.stringMatching(/input `/)]);
    expect(failureMessage(r)[0]).toMatch(/^harness-registry-guard: .*\.harness-registry-guard\.yml/);
  });
});

describe('the check run', () => {
  const suppressed = (id: string) =>
    bad(id).replace(
      '    dockerRegistryUrl:',
      '    # harness-registry-guard-disable-next-line no-app-harness-registry -- nope\n    dockerRegistryUrl:',
    );
  type Note = { path: string; start_line: number; title?: string; annotation_level: string };
  const notes = (bodies: Body[]) => bodies.flatMap((b) => (b.output.annotations ?? []) as Note[]);

  test('holds every change to the gate as a warning at its line, past the 5 the step annotates', async () => {
    const ws = tmpDir('s16b-gate');
    const head = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`.harness/connectors/s_${i}.yaml`, suppressed(`s_${i}`)]));
    const { baseSha, headSha } = gitRepo(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE }, head);
    const bodies: Body[] = [];
    const api = fakeApi({
      listPullFiles: async () => Object.keys(head).map((p) => ({ path: p, status: 'added' })),
      createCheckRun: async (_r, b) => (bodies.push(b as Body), 1),
      updateCheckRun: async (_r, _id, b) => void bodies.push(b as Body),
    });
    await runInProcess({
      workspace: ws,
      api,
      inputs: { 'check-run': 'true' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 7 }),
    });
    expect(
      notes(bodies)
        .filter((a) => a.title === 'gate change')
        .map((a) => `${a.path}:${a.start_line}:${a.annotation_level}`),
    ).toEqual(Object.keys(head).map((p) => `${p}:8:warning`));
  });

  test('the gate not compared: a warning at line 1 of the config file, and said first in its summary', async () => {
    const CFG = '.harness-registry-guard.yml';
    const ws = workspace({ [CFG]: 'rules:\n  no-app-harness-registry: "off"\n', '.harness/connectors/a.yaml': bad('a') });
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'head');
    const headSha = git(ws, 'rev-parse', 'HEAD');
    const filler = Array.from({ length: 2998 }, (_, i) => ({ path: `junk/f${i}.txt`, status: 'added' }));
    const bodies: Body[] = [];
    const api = fakeApi({
      listPullFiles: async () => [{ path: '.harness/connectors/a.yaml', status: 'added' }, { path: CFG, status: 'modified' }, ...filler],
      readFileAt: async () => {
        throw new Error('contents: 502 Bad Gateway');
      },
      createCheckRun: async (_r, b) => (bodies.push(b as Body), 1),
      updateCheckRun: async (_r, _id, b) => void bodies.push(b as Body),
    });
    await runInProcess({ workspace: ws, api, inputs: { 'check-run': 'true' }, event: pullRequestEvent({ headSha, changedFiles: 3001 }) });
    expect(
      notes(bodies)
        .filter((a) => a.title === 'gate not compared')
        .map((a) => `${a.path}:${a.start_line}`),
    ).toEqual([`${CFG}:1`]);
    expect(bodies[0]!.output.summary).toMatch(
      /\n> ✅ Nothing reaches `fail-on: error`\.\n>\n> ⚠️ This pull request changes the config file/,
    );
  });

  test('past its 1,000 annotations, one left out "is"; with summary: false the job summary is not named', async () => {
    const { api, bodies } = checkRuns();
    // One error and 1,000 unresolved-reference notices.
    const refs = Array.from({ length: 1000 }, (_, i) => `account.missing_${i}`);
    const ws = workspace({ ...badConnectors(1), '.harness/pipelines/p.yaml': cloudPipeline('p', refs) });
    await runInProcess({ workspace: ws, ...push, api, inputs: { 'check-run': 'true', summary: 'false' } });
    expect(bodies[0]!.output.summary).toContain(
      '\n> 1 annotation (1 notice) is left out of this check run, which holds at most 1000 (errors first, then warnings, then notices): every finding is in the step log.\n',
    );
  }, 60_000);
});

describe('changed connectors and the pipelines they affect', () => {
  const HUB_OK = connector('hub', { executeOnDelegate: false });
  const HUB_BAD = connector('hub', { executeOnDelegate: true });
  const BASE = { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, '.harness/pipelines/p.yaml': cloudPipeline('p', ['hub']) };
  const section = (summary: string) => {
    const at = summary.indexOf('### Changed connectors');
    return at < 0 ? '' : summary.slice(at, summary.indexOf('\n### ', at + 1));
  };
  async function impactOf(base: Record<string, string>, head: Record<string, string | null>) {
    const ws = tmpDir('s16b-impact');
    const { baseSha, headSha } = gitRepo(ws, { ...BASE, ...base }, head);
    const changedFiles = Object.keys(head).length;
    const r = await runInProcess({ workspace: ws, inputs: noToken, event: pullRequestEvent({ baseSha, headSha, changedFiles }) });
    return section(r.summary);
  }

  test('a change that fixes a broken connector lists the stages it fixes, not those in files the change touches too', async () => {
    const text = await impactOf(
      { '.harness/connectors/hub.yaml': HUB_BAD, '.harness/pipelines/q.yaml': cloudPipeline('q', ['hub']) },
      { '.harness/connectors/hub.yaml': HUB_OK, '.harness/pipelines/q.yaml': cloudPipeline('q', ['hub', 'hub']) },
    );
    expect(text).toMatch(
      /- Connector `hub` \(.*\), rule `require-platform-connectivity`:\n {2}- now fixes:\n {4}- \[\.harness\/pipelines\/p\.yaml:/,
    );
    expect(text).not.toContain('q.yaml');
    expect(text).not.toContain('now breaks');
  });

  test('a connector broken before and after the change is listed once, as still broken', async () => {
    const text = await impactOf({ '.harness/connectors/hub.yaml': HUB_BAD }, { '.harness/connectors/hub.yaml': `# edited\n${HUB_BAD}` });
    expect(text.match(/^- Connector `hub`/gm)).toHaveLength(1);
    expect(text).toContain('  - still broken (already failing before this change):\n');
    expect(text).not.toContain('now fixes');
  });

  test('on a push, the commit before it is the base: the stages the change breaks are told apart', async () => {
    const ws = tmpDir('s16b-push');
    const { baseSha, headSha } = gitRepo(
      ws,
      { ...BASE, '.harness/connectors/hub.yaml': HUB_OK },
      { '.harness/connectors/hub.yaml': HUB_BAD },
    );
    const r = await runInProcess({ workspace: ws, eventName: 'push', event: { before: baseSha, after: headSha }, inputs: noToken });
    expect(section(r.summary)).toMatch(/rule `require-platform-connectivity`:\n {2}- now breaks:\n {4}- \[\.harness\/pipelines\/p\.yaml:/);
    expect(r.summary).not.toContain('The base versions of the changed connectors are not in the checkout');
  });

  test('without the base in the checkout, a changed connector no pipeline uses gets no note about comparing', async () => {
    const ws = workspace({ '.harness/connectors/hub.yaml': HUB_BAD });
    const api = fakeApi({ listPullFiles: async () => [{ path: '.harness/connectors/hub.yaml', status: 'modified' }] });
    const r = await runInProcess({ workspace: ws, api, event: pullRequestEvent({ changedFiles: 1 }) });
    expect(r.summary).not.toContain('The base versions of the changed connectors are not in the checkout');
    const used = workspace({ ...BASE, '.harness/connectors/hub.yaml': HUB_BAD });
    const r2 = await runInProcess({ workspace: used, api, event: pullRequestEvent({ changedFiles: 1 }) });
    expect(r2.summary).toContain('> The base versions of the changed connectors are not in the checkout');
    expect(section(r2.summary)).toContain('  - breaks (the base version could not be compared, so these may have failed before too):\n');
  });

  test('a suppressed finding on the changed connector lists no affected pipelines', async () => {
    const quiet = `# harness-registry-guard-disable require-platform-connectivity -- migrating\n${HUB_BAD}`;
    const text = await impactOf({ '.harness/connectors/hub.yaml': HUB_OK }, { '.harness/connectors/hub.yaml': quiet });
    expect(text).toBe('');
  });
});

describe('the step log', () => {
  test("the Harness API key is never in the step log's findings or the summary", async () => {
    const KEY = 'zq7Xk2Lm9Pw4Rt6Yv8Bn3Jd';
    const ws = workspace({ '.harness/connectors/k.yaml': bad(KEY) });
    const inputs = { ...noToken, 'harness-api-key': KEY, 'harness-account-id': 'acc1', 'harness-url': 'http://127.0.0.1:9' };
    const r = await runInProcess({ workspace: ws, ...push, inputs });
    expect(r.stdout).toMatch(/^\.harness\/connectors\/k\.yaml:8:24: error: Connector `\*\*\*` points at /m);
    expect(r.summary).toContain('Connector `***` points at');
    expect(r.summary).not.toContain(KEY);
  });

  test('the GitHub token and the Harness API key are never sent to GitHub in the check run or a suggested change', async () => {
    const KEY = 'zq7Xk2Lm9Pw4Rt6Yv8Bn3Jd';
    const ws = tmpDir('s16-secrets');
    const files = ['.harness/connectors/t.yaml', '.harness/connectors/k.yaml'];
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE },
      { [files[0]!]: bad(TOKEN), [files[1]!]: bad(KEY) },
    );
    const sent: unknown[] = [];
    const api = fakeApi({
      listPullFiles: async () =>
        files.map((path) => ({ path, status: 'added', lines: new Set(Array.from({ length: 20 }, (_, l) => l + 1)), hunks: [[1, 20]] })),
      listReviewComments: async () => [],
      authenticatedLogin: async () => undefined,
      createReviewComment: async (_r, c) => (sent.push(c), sent.length),
      createCheckRun: async (_r, b) => (sent.push(b), 1),
      updateCheckRun: async (_r, _id, b) => void sent.push(b),
    });
    const r = await runInProcess({
      workspace: ws,
      api,
      inputs: {
        'check-run': 'true',
        suggestions: 'true',
        'github-token': TOKEN,
        'harness-api-key': KEY,
        'harness-account-id': 'acc1',
        'harness-url': 'http://127.0.0.1:9',
      },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }),
    });
    const text = JSON.stringify(sent);
    expect(text).toContain('Connector `***` points at');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(KEY);
    expect(sent.filter((b) => (b as { path?: string }).path).length).toBeGreaterThan(0);
    // The step's own annotations too (the runner masks them, but not every runner is GitHub's).
    expect(JSON.stringify(r.annotations)).not.toContain(KEY);
  });

  test('a note whose text has line breaks is one line in the log, so it cannot issue a workflow command', async () => {
    const api = fakeApi({
      createCheckRun: async () => {
        throw new Error('denied\n::warning::injected');
      },
    });
    const r = await runInProcess({ workspace: workspace(badConnectors(1)), ...push, api, inputs: { 'check-run': 'true' } });
    expect(r.stdout).toMatch(/^Could not create the check run \(denied ::warning::injected\); /m);
    expect(r.annotations.map((a) => a.message)).not.toContain('injected');
  });
});

describe('the migration report', () => {
  test('written to report-file: a note names the file', async () => {
    const r = await runInProcess({
      workspace: workspace(badConnectors(1)),
      ...push,
      inputs: { ...noToken, 'report-file': 'out/report.md' },
    });
    expect(r.summary).toContain('\n> Migration report written to `out/report.md`.\n');
  });

  test('larger than the room the findings leave in the job summary: cut to fit it there, whole in report-file', async () => {
    // 2,500 notices fill most of the summary; the report (about 360 KB) gets the rest.
    const refs = Array.from({ length: 2500 }, (_, i) => `account.missing_connector_with_a_long_name_${i}`);
    const ws = workspace({ '.harness/pipelines/p.yaml': cloudPipeline('p', refs) });
    const r = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, report: 'true', 'report-file': 'report.md' } });
    const whole = fs.readFileSync(path.join(ws, 'report.md'), 'utf8');
    const head = whole.slice(0, whole.indexOf('\n'));
    expect(r.summary.split(`\n\n${head}\n`)).toHaveLength(2);
    expect(r.summary).not.toContain(whole.slice(-200));
    expect(r.summary).toContain('> This summary stops at GitHub’s job summary size;');
    expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
  }, 60_000);

  test("the account's CI image overrides that Harness would not give are a note, and the report says none could be read", async () => {
    const server = await fakeHarness({
      apiKey: 'pat.acc1.tok.secretsecret',
      accountId: 'acc1',
      behaviours: { [EXECUTION_CONFIG]: { kind: 'error', status: 400 } },
    });
    try {
      const inputs = { ...noToken, report: 'true', 'harness-api-key': 'pat.acc1.tok.secretsecret', 'harness-url': server.url };
      const r = await runInProcess({ workspace: workspace(badConnectors(1)), ...push, inputs });
      expect(r.summary).toMatch(/\n> CI image overrides not read: K8: .*\n>\n> CI image overrides not read: VM: /);
      expect(r.summary).toContain('No override could be read.');
    } finally {
      await server.close();
    }
  });
});

describe('links to the rule pages', () => {
  test('point at the docs of the Action version that runs, when the runner names it; else at the default', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.example.com', GITHUB_REPOSITORY: 'acme/shop' };
    const named = { ...env, GITHUB_ACTION_REPOSITORY: 'harness-registry-guard/harness-registry-guard', GITHUB_ACTION_REF: 'v1.2.3' };
    expect(ruleDocsBase(readRunContext(named))).toBe(
      'https://github.example.com/harness-registry-guard/harness-registry-guard/blob/v1.2.3/docs/rules',
    );
    expect(ruleDocsBase(readRunContext({ ...env, GITHUB_ACTION_REPOSITORY: 'harness-registry-guard/harness-registry-guard' }))).toBe(
      defaultDocsBaseUrl(),
    );
  });
});

describe('suggested changes', () => {
  test('with suggestions off (the default), nothing is said of them', async () => {
    const r = await runInProcess({ workspace: workspace(badConnectors(1)), ...push, inputs: noToken });
    expect(r.summary).not.toMatch(/suggest/i);
    expect(r.stdout).not.toMatch(/suggest/i);
  });

  test('none is posted in a file the checkout (the test-merge commit) holds otherwise than the pull request head', async () => {
    const ws = tmpDir('s16b-merge');
    const files = ['bad_0', 'bad_1'].map((f) => `.harness/connectors/${f}.yaml`);
    const { baseSha, headSha } = gitRepo(
      ws,
      { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, ...WARN },
      { [files[0]!]: bad('bad_0'), [files[1]!]: bad('bad_1') },
    );
    // The base branch changed bad_1.yaml too: the test-merge commit's lines there are not the head's.
    writeFiles(ws, { [files[1]!]: `# moved\n# down\n${bad('bad_1')}` });
    git(ws, 'commit', '-qam', 'merge');
    const posted: NewReviewComment[] = [];
    const api = fakeApi({
      listPullFiles: async () =>
        files.map((path) => ({
          path,
          status: 'added',
          lines: new Set(Array.from({ length: 20 }, (_, l) => l + 1)),
          hunks: [[1, 20]] as Array<[number, number]>,
        })),
      listReviewComments: async () => [],
      authenticatedLogin: async () => undefined,
      createReviewComment: async (_r, c) => (posted.push(c), posted.length),
    });
    const r = await runInProcess({
      workspace: ws,
      api,
      inputs: { suggestions: 'true' },
      event: pullRequestEvent({ baseSha, headSha, changedFiles: 2 }),
    });
    expect(posted.map((c) => `${c.path}:${c.line}`)).toEqual([`${files[0]}:8`]);
    expect(r.summary).toContain(
      '> Suggested changes: 1 created, 0 updated, 0 removed, 0 unchanged; 0 outside the diff (see the findings).\n',
    );
  });
});

describe('the job summary', () => {
  test('in a pull request, findings in the files it changes are listed first, the rest after', async () => {
    const api = fakeApi({ listPullFiles: async () => [{ path: '.harness/connectors/bad_0.yaml', status: 'added' }] });
    const r = await runInProcess({ workspace: workspace(badConnectors(2)), api, event: pullRequestEvent({ changedFiles: 1 }) });
    const changed = r.summary.indexOf('\n### Findings in changed files (1)\n');
    expect(changed).toBeGreaterThan(0);
    expect(r.summary.indexOf('\n### Findings elsewhere in the repository (1)\n')).toBeGreaterThan(changed);
  });

  test('findings past its size are said to be in the SARIF file and the step log, when there is a SARIF file', async () => {
    const refs = Array.from({ length: 3000 }, (_, i) => `account.missing_connector_with_a_long_name_${i}`);
    const ws = workspace({ '.harness/pipelines/p.yaml': cloudPipeline('p', refs) });
    const r = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, 'sarif-file': 'hrg.sarif' } });
    expect(r.summary).toMatch(
      /\n_\d+ more findings not listed: the summary is kept under 977 KiB\. See the SARIF file and the step log\._\n/,
    );
  }, 60_000);

  test('one that cannot be written is logged, and the failure message does not point at it', async () => {
    const write = jest.spyOn(core.summary, 'write').mockRejectedValue(new Error('disk full'));
    try {
      const r = await runInProcess({ workspace: workspace(badConnectors(1)), ...push, inputs: noToken });
      expect(r.stdout).toMatch(/^Job summary not written: disk full$/m);
      expect(failureMessage(r)).toEqual(['harness-registry-guard: 1 finding reaches fail-on: error. See the step log.']);
    } finally {
      write.mockRestore();
    }
  });

  test('its rule pages are those of the Action version that runs, as the runner names it', async () => {
    const dir = tmpDir('s16b-env');
    const [out, summary] = [path.join(dir, 'out'), path.join(dir, 'summary')];
    writeFiles(dir, { out: '', summary: '' });
    // @actions/core writes to the files named in process.env, and keeps the first summary file it saw.
    Object.assign(process.env, { GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary });
    (core.summary as unknown as { _filePath?: string })._filePath = undefined;
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await run({
        GITHUB_WORKSPACE: workspace(badConnectors(1)),
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: 'f'.repeat(40),
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_ACTION_REPOSITORY: 'harness-registry-guard/harness-registry-guard',
        GITHUB_ACTION_REF: 'v9.9.9',
        GITHUB_OUTPUT: out,
        GITHUB_STEP_SUMMARY: summary,
      });
    } finally {
      quiet.mockRestore();
      process.exitCode = undefined;
      delete process.env.GITHUB_OUTPUT;
      delete process.env.GITHUB_STEP_SUMMARY;
    }
    expect(fs.readFileSync(summary, 'utf8')).toContain(
      '[rule page](https://github.com/harness-registry-guard/harness-registry-guard/blob/v9.9.9/docs/rules/no-app-harness-registry.md)',
    );
  });

  test("a gate change in a file the checkout holds otherwise is linked at the pull request's head, where its line is", async () => {
    const ws = tmpDir('s16b-gate-merge');
    const file = '.harness/connectors/s_0.yaml';
    const quiet = bad('s_0').replace(
      '    dockerRegistryUrl:',
      '    # harness-registry-guard-disable-next-line no-app-harness-registry -- nope\n    dockerRegistryUrl:',
    );
    const { baseSha, headSha } = gitRepo(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE }, { [file]: quiet });
    writeFiles(ws, { [file]: `# moved\n# down\n${quiet}` });
    git(ws, 'commit', '-qam', 'merge');
    const api = fakeApi({ listPullFiles: async () => [{ path: file, status: 'added' }] });
    const r = await runInProcess({ workspace: ws, api, event: pullRequestEvent({ baseSha, headSha, changedFiles: 1 }) });
    const gate = r.summary.slice(r.summary.indexOf('### Changes to the gate'), r.summary.indexOf('Protect `'));
    expect(gate).toContain(`(https://github.com/acme/shop/blob/${headSha}/${file}#L8)`);
  });
});

describe("the summary's sections for gate changes and changed connectors, each within 192 KiB", () => {
  const MAX = 192 * 1024;
  const result = lintFixture();
  const change = (pad: number) => ({ file: 'ci/baseline.json', line: 2, message: 'x'.repeat(pad) });
  const gateLines = (md: string) => {
    const section = md.slice(md.indexOf('### Changes to the gate'), md.indexOf('Protect `.harness-registry-guard.yml`'));
    return section.split('\n').filter((l) => l.startsWith('- '));
  };

  test('changes that fill the budget to the byte are all listed; the rest are counted exactly', () => {
    // One line's bytes, with its newline: measured, not assumed.
    const per = Buffer.byteLength(gateLines(renderSummary(result, { gateChanges: [change(1000)] }))[0]!) + 1;
    const n = Math.floor(MAX / per);
    // The last one takes what is left, so the listed lines are exactly MAX bytes.
    const changes = [...Array.from({ length: n - 1 }, () => change(1000)), change(1000 + MAX - n * per)];
    const lines = gateLines(renderSummary(result, { gateChanges: [...changes, change(10), change(10)] }));
    expect(lines.slice(0, -1).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0)).toBe(MAX);
    expect(lines).toHaveLength(n + 1);
    expect(lines.at(-1)).toBe(
      "- … and 2 more, not listed here to keep the summary under GitHub's 1 MiB: the step log has them all (`Gate change:` lines).",
    );
  });
});

describe('the path input', () => {
  test('a link into .git is named as given, and skipped with a notice', async () => {
    const ws = workspace({});
    git(ws, 'init', '-q');
    fs.symlinkSync('.git', path.join(ws, 'glink'));
    const r = await runInProcess({ workspace: ws, ...push, inputs: { ...noToken, path: 'glink' } });
    expect(r.annotations.filter((a) => a.level === 'notice').map((a) => `${a.props.file}: ${a.message}`)).toEqual([
      'glink: File is a symlink into .git, which is never read; not followed; skipped.',
    ]);
  });
});
