import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/main.js';
import { applyFixes } from '../helpers/lint.js';
import { tempRepo } from './helpers.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});
const track = (dir: string) => (temps.push(dir), dir);

/** A Cloud stage pulling through connector `e3`: policy 2 wants `executeOnDelegate: false` on it. */
const CLOUD_PIPELINE = `pipeline:
  name: cloud
  identifier: cloud
  orgIdentifier: default
  projectIdentifier: proj
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
              - step:
                  type: Run
                  name: r
                  identifier: r
                  spec:
                    connectorRef: e3
                    image: golang:1.23
`;

const connector = (url: string, providerType: string, tail: string) =>
  `connector:\n  name: e3\n  identifier: e3\n  orgIdentifier: default\n  projectIdentifier: proj\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: ${url}\n${providerType}${tail}`;

describe('an inserted key keeps the blank lines a nested `|+` or `>+` value keeps', () => {
  const tails: Array<[string, string]> = [
    ['the last value of a nested map', '    auth:\n      type: Anonymous\n      note: |+\n        keep\n\n'],
    ['the last item of a nested list', '    auth:\n      type: Anonymous\n    tags:\n      - a\n      - >+\n        block\n\n\n'],
    ['deeper down, with a map after it at the top', '    auth:\n      type: Anonymous\n      more:\n        - x: 1\n          note: |2+\n            keep\n\n# done\n'],
  ];
  const cases = tails.flatMap(([where, tail]): Array<[string, string, string]> => [
    [`policy 2's executeOnDelegate (${where})`, connector('https://registry.hub.docker.com', '    providerType: DockerHub\n', tail), 'executeOnDelegate'],
    [`policy 1's providerType (${where})`, connector('https://app.harness.io/registry', '', tail), 'providerType'],
  ]);

  test.each(cases)('%s', (_, text, key) => {
    const dir = track(tempRepo({ 'connector.yaml': text, 'pipeline.yaml': CLOUD_PIPELINE }));
    const r = applyFixes({ cwd: dir, paths: ['.'] });
    expect(r.converged).toBe(true);
    const after = fs.readFileSync(path.join(dir, 'connector.yaml'), 'utf8');
    expect(after).not.toBe(text);
    // The data is the same but for the fix: the key inserted and (policy 1) the URL replaced.
    const before = parse(text);
    const fixed = parse(after);
    expect(fixed.connector.spec[key]).toBeDefined();
    // A connector of a Cloud stage gets executeOnDelegate too, in the same run.
    for (const k of ['providerType', 'executeOnDelegate']) if (!(k in before.connector.spec)) delete fixed.connector.spec[k];
    fixed.connector.spec.dockerRegistryUrl = before.connector.spec.dockerRegistryUrl;
    expect(fixed).toEqual(before);
  });
});

describe("policy 1's fix leaves a renamed image whose policy-4 finding is accepted as it is", () => {
  const PAYLOAD = `# execution-config overrides (update-config body)
- field: gitCloneTag
  value: app.harness.io/registry/harness/git-clone:1.6.9
- field: addonTag
  value: harness/ci-addon:1.16.4
`;
  const SUPPRESSED = PAYLOAD.replace(
    '  value: app',
    '  # harness-registry-guard-disable-next-line no-renamed-harness-image -- our own git-clone build, keep the name\n  value: app',
  );
  const FILE = 'ci/execution-config.yaml';

  async function cli(args: string[], cwd: string) {
    let out = '';
    const code = await runCli(args, cwd, (s) => (out += s), () => {});
    return { code, out };
  }

  /** Runs fix (JSON), then check on what it left: the file, the suggestions, and what check says. */
  async function fixThenCheck(dir: string, baseline: string[]) {
    const fixed = JSON.parse((await cli(['fix', '--format', 'json', ...baseline], dir)).out);
    const checked = JSON.parse((await cli(['check', '--format', 'json', ...baseline], dir)).out);
    return { fixed, text: fs.readFileSync(path.join(dir, FILE), 'utf8'), checked };
  }

  const expectLeftAlone = ({ fixed, text, checked }: Awaited<ReturnType<typeof fixThenCheck>>, original: string) => {
    expect(text).toBe(original);
    expect(fixed).toMatchObject({ files: [], converged: true });
    // The fix is offered for review, not applied.
    expect(fixed.suggestions).toEqual([expect.objectContaining({ ruleId: 'no-app-harness-registry', file: FILE })]);
    expect(fixed.suggestions[0].title).toMatch(/not applied.*`no-renamed-harness-image`/i);
    // What was accepted still is, and nothing says a suppression or baseline entry matches nothing.
    const rules = (checked.findings as Array<{ ruleId: string; suppressed?: unknown }>).map((f) => [f.ruleId, !!f.suppressed]);
    expect(rules).toEqual([
      ['no-app-harness-registry', false],
      ['no-renamed-harness-image', true],
    ]);
  };

  test('accepted by a suppression comment', async () => {
    const dir = track(tempRepo({ [FILE]: SUPPRESSED }));
    expectLeftAlone(await fixThenCheck(dir, []), SUPPRESSED);
  });

  test("check does not promise the held-back fix (it is the same lint fix runs)", async () => {
    const dir = track(tempRepo({ [FILE]: SUPPRESSED }));
    const { code, out } = await cli(['check'], dir);
    expect(code).toBe(1);
    expect(out).not.toMatch(/fixed automatically|harness-registry-guard fix/);
  });

  test('accepted by the baseline', async () => {
    const dir = track(tempRepo({ [FILE]: PAYLOAD }));
    expect((await cli(['check', '--write-baseline', 'b.json'], dir)).code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'));
    baseline.entries = baseline.entries.filter((e: { ruleId: string }) => e.ruleId === 'no-renamed-harness-image');
    expect(baseline.entries).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify(baseline));
    const result = await fixThenCheck(dir, ['--baseline', 'b.json']);
    expectLeftAlone(result, PAYLOAD);
    expect(result.checked.baseline).toMatchObject({ matched: 1, stale: 0 });
  });

  test('not accepted: both policies are met in one edit, as before', async () => {
    const dir = track(tempRepo({ [FILE]: PAYLOAD }));
    const { fixed, text, checked } = await fixThenCheck(dir, []);
    expect(text).toBe(PAYLOAD.replace('app.harness.io/registry/harness/git-clone', 'harness/drone-git'));
    expect(fixed.files[0].fixes[0].title).toBe(
      'Pull `app.harness.io/registry/harness/git-clone:1.6.9` from `https://registry.hub.docker.com` under its Harness name: `harness/drone-git:1.6.9`.',
    );
    expect(checked.findings).toEqual([]);
  });
});

describe('a file scanned under two names (hard links)', () => {
  test('is fixed once, then checked as fixed under both: converged, nothing left, exit 0', async () => {
    const dir = track(tempRepo({ 'a.yaml': 'image: app.harness.io/registry/harness/drone-git:1.6.9\n' }));
    fs.linkSync(path.join(dir, 'a.yaml'), path.join(dir, 'second.yaml'));
    const r = applyFixes({ cwd: dir, paths: ['.'], dryRun: true });
    expect(r).toMatchObject({ passes: 1, converged: true, skipped: [] });
    expect(r.files.map((f) => f.file)).toEqual(['a.yaml']);
    expect(r.result.findings).toEqual([]);

    let out = '';
    const code = await runCli(['fix'], dir, (s) => (out += s), () => {});
    expect(out).toBe(
      'fixed a.yaml\n  line 1: Pull `app.harness.io/registry/harness/drone-git:1.6.9` from `https://registry.hub.docker.com`. [no-app-harness-registry]\n' +
        'Applied 1 fix in 1 file (1 pass); left: 0 errors, 0 warnings, 0 notices.\n',
    );
    expect(code).toBe(0);
    for (const name of ['a.yaml', 'second.yaml']) expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe('image: harness/drone-git:1.6.9\n');
  });
});
