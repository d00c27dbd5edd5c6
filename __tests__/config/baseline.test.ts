import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { Baseline } from '../../src/engine/baseline.js';
import { formatJson } from '../../src/formats/json.js';
import { formatText } from '../../src/formats/text.js';
import { APP_IMAGE, RENAMED_IMAGE, Repo, brief, connector, pipeline } from './helpers.js';

const repos: Repo[] = [];
const repo = (files: Record<string, string>) => {
  const r = new Repo(files);
  repos.push(r);
  return r;
};
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

const BASELINE = 'baseline.json';
const files = () => ({
  '.harness/pipelines/build.yaml': pipeline([APP_IMAGE, 'golang:1.23', RENAMED_IMAGE]),
  '.harness/connectors/hub.yaml': connector('hub'),
});

/** A repo whose current findings are all written to the baseline. */
async function baselined(extra: Record<string, string> = {}) {
  const r = repo({ ...files(), ...extra });
  const written = await r.cli(['check', '.', '--write-baseline', BASELINE]);
  expect(written.code).toBe(0);
  expect(written.err).toBe(`harness-registry-guard: wrote 4 accepted findings (4 entries) to ${BASELINE}\n`);
  return r;
}

const check = (r: Repo) => r.lint({ baselinePath: BASELINE });
const active = async (r: Repo) => brief(await check(r)).filter((l) => !l.includes('suppressed:'));

describe('--write-baseline', () => {
  test('accepts every current finding, keyed without lines, then checks with it', async () => {
    const r = repo(files());
    const before = (await r.cli(['check', '.', '--format', 'json'])).json();
    expect(before.summary).toMatchObject({ errors: 2, warnings: 1, notices: 1, suppressed: 0 });
    const { code, json } = await r.cli(['check', '.', '--write-baseline', BASELINE, '--format', 'json']);
    expect(code).toBe(0);
    expect(json().summary).toMatchObject({ findings: 0, errors: 0, notices: 0, suppressed: 4 });
    expect(json().baseline).toEqual({ file: BASELINE, entries: 4, matched: 4, stale: 0 });
    expect(json().findings.map((f) => f.suppressed)).toEqual(Array(4).fill({ kind: 'baseline' }));

    const baseline = JSON.parse(r.read(BASELINE)) as Baseline;
    expect(baseline.version).toBe(1);
    expect(baseline.entries.map(({ ruleId, file, entity, path: p, count }) => ({ ruleId, file, entity, path: p, count }))).toEqual([
      {
        ruleId: 'no-app-harness-registry',
        file: '.harness/connectors/hub.yaml',
        entity: 'hub',
        path: 'connector/spec/dockerRegistryUrl',
        count: 1,
      },
      {
        ruleId: 'no-app-harness-registry',
        file: '.harness/pipelines/build.yaml',
        entity: undefined,
        path: 'stages/stage=build/spec/execution/steps/step=step_0/spec/image',
        count: 1,
      },
      {
        ruleId: 'no-renamed-harness-image',
        file: '.harness/pipelines/build.yaml',
        entity: undefined,
        path: 'stages/stage=build/spec/execution/steps/step=step_2/spec/image',
        count: 1,
      },
      {
        ruleId: 'unresolved-reference',
        file: '.harness/pipelines/build.yaml',
        entity: 'build',
        path: 'stages/stage=build/spec/runtime/type',
        count: 1,
      },
    ]);
    for (const e of baseline.entries) {
      expect(e.valueHash).toMatch(/^[0-9a-f]{16}$/);
      expect(JSON.stringify(e)).not.toMatch(/"line"|"column"/);
    }
  });

  test('never replaces a file that is not a baseline (a scanned pipeline, say); an empty one is fine', async () => {
    const r = repo(files());
    const before = r.read('.harness/pipelines/build.yaml');
    const { code, err } = await r.cli(['check', '.', '--write-baseline', '.harness/pipelines/build.yaml']);
    expect(code).toBe(2);
    expect(err).toContain(
      '`--write-baseline .harness/pipelines/build.yaml`: the file exists and is not a baseline, so it is not replaced; remove it or choose another file',
    );
    expect(r.read('.harness/pipelines/build.yaml')).toBe(before);
    r.write({ 'empty.json': '' });
    expect((await r.cli(['check', '.', '--write-baseline', 'empty.json'])).code).toBe(0);
    expect((JSON.parse(r.read('empty.json')) as Baseline).entries).toHaveLength(4);
  });

  test('replaces a baseline with a BOM, in YAML or with merge-conflict lines, keeping reasons of entries written as ./path', async () => {
    const r = await baselined();
    const baseline = JSON.parse(r.read(BASELINE)) as Baseline;
    for (const e of baseline.entries) {
      e.file = `./${e.file}`;
      e.reason = 'kept';
    }
    r.write({ [BASELINE]: `\uFEFF${JSON.stringify(baseline, null, 2)}` });
    expect((await r.cli(['check', '.', '--write-baseline', BASELINE])).code).toBe(0);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => e.reason)).toEqual(Array(4).fill('kept'));
    r.write({ 'b.yaml': stringify(baseline) });
    expect((await r.cli(['check', '.', '--write-baseline', 'b.yaml'])).code).toBe(0);
    r.remove('b.yaml');
    const conflicted = r.read(BASELINE).replace('"entries": [', '<<<<<<< ours\n"entries": [\n=======\n>>>>>>> theirs');
    r.write({ [BASELINE]: conflicted });
    expect((await r.cli(['check', '.', '--write-baseline', BASELINE])).code).toBe(0);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries).toHaveLength(4);
  });

  test('refuses valid JSON that is not a baseline, even if it mentions entries and valueHash', async () => {
    const r = repo({ ...files(), 'notes.json': '{"note":"entries of valueHash"}\n' });
    expect((await r.cli(['check', '.', '--write-baseline', 'notes.json'])).code).toBe(2);
    expect(r.read('notes.json')).toBe('{"note":"entries of valueHash"}\n');
  });

  test('on part of the repo, keeps the entries it cannot judge: other files, and cross-file rules', async () => {
    const r = await baselined();
    const partial = await r.cli(['check', '.harness/connectors', '--baseline', BASELINE, '--format', 'json']);
    expect(partial.json().findings.filter((f) => f.ruleId === 'suppression')).toEqual([]);
    const rewritten = await r.cli(['check', '.harness/connectors', '--write-baseline', BASELINE]);
    expect(rewritten.err).toBe(`harness-registry-guard: wrote 4 accepted findings (4 entries) to ${BASELINE}\n`);
    expect(await active(r)).toEqual([]);
  });

  test('and --baseline together are a usage error', async () => {
    const r = repo(files());
    const { code, err } = await r.cli(['check', '.', '--baseline', 'a.json', '--write-baseline', 'b.json']);
    expect(code).toBe(2);
    expect(err).toContain('use either --baseline or --write-baseline, not both');
  });

  test('leaves out findings already suppressed inline and rules in forbidSuppression', async () => {
    const r = repo({
      ...files(),
      '.harness/connectors/hub.yaml': `# harness-registry-guard-disable no-app-harness-registry -- accepted inline\n${connector('hub')}`,
      '.harness-registry-guard.yml': 'forbidSuppression: [no-renamed-harness-image]\n',
    });
    expect((await r.cli(['check', '.', '--write-baseline', BASELINE, '--fail-on', 'warning'])).code).toBe(1);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => e.ruleId)).toEqual([
      'no-app-harness-registry',
      'unresolved-reference',
    ]);
    expect(await active(r)).toEqual(['.harness/pipelines/build.yaml:40:28 warning [no-renamed-harness-image]']);
  });

  test('keeps reasons written into the entries by hand', async () => {
    const r = await baselined();
    const b = JSON.parse(r.read(BASELINE)) as Baseline;
    b.entries[0]!.reason = 'hub is replaced in PLAT-42';
    r.write({ [BASELINE]: JSON.stringify(b) });
    expect((await check(r)).findings.find((f) => f.file.endsWith('hub.yaml'))!.suppressed).toEqual({
      kind: 'baseline',
      reason: 'hub is replaced in PLAT-42',
    });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries[0]!.reason).toBe('hub is replaced in PLAT-42');
  });
});

describe('--baseline', () => {
  test('survives a reformat: indentation, quoting, flow style, comments', async () => {
    const r = await baselined();
    const reformat = (text: string) =>
      '# reformatted\n' +
      parseAllDocuments(text)
        .map((d) =>
          stringify(d.toJS(), { indent: 4, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', flowCollectionPadding: false }),
        )
        .join('---\n');
    const flow = (text: string) => stringify(parse(text), { collectionStyle: 'flow', defaultStringType: 'QUOTE_SINGLE' });
    r.write({
      '.harness/pipelines/build.yaml': reformat(r.read('.harness/pipelines/build.yaml')),
      '.harness/connectors/hub.yaml': flow(r.read('.harness/connectors/hub.yaml')),
    });
    const result = await check(r);
    expect(r.read('.harness/connectors/hub.yaml')).toMatch(/^\{\s*'connector':\s*\{/);
    expect(brief(result).map((l) => l.replace(/:\d+:\d+ /, ' '))).toEqual([
      '.harness/connectors/hub.yaml error [no-app-harness-registry] suppressed:baseline',
      '.harness/pipelines/build.yaml notice [unresolved-reference] suppressed:baseline',
      '.harness/pipelines/build.yaml error [no-app-harness-registry] suppressed:baseline',
      '.harness/pipelines/build.yaml warning [no-renamed-harness-image] suppressed:baseline',
    ]);
    expect(result.baseline).toEqual({ file: BASELINE, entries: 4, matched: 4, stale: 0 });
  });

  test('survives a line move: lines inserted above, keys and steps reordered, documents added', async () => {
    const r = await baselined();
    const before = brief(await check(r));
    let text = r.read('.harness/pipelines/build.yaml');
    // Swap step_0 and step_1, and put `command` before `image` in every step.
    const steps = text.split(/(?= {14}- step:\n)/);
    text = [steps[0], steps[2], steps[1], steps[3]].join('').replace(/( +)(image: .*)\n( +)(command: .*)\n/g, '$1$4\n$3$2\n');
    r.write({
      '.harness/pipelines/build.yaml': `# Owned by the payments team.\n# See PLAT-1.\n\n${text}`,
      '.harness/connectors/hub.yaml': `${connector('other', 'https://registry.hub.docker.com')}---\n${connector('hub').replace('    providerType: Other\n', '').replace('  spec:\n', '  spec:\n    providerType: Other\n')}`,
    });
    const after = await check(r);
    expect(brief(after)).not.toEqual(before);
    expect(brief(after).every((l) => l.endsWith('suppressed:baseline'))).toBe(true);
    expect(brief(after)).toHaveLength(4);
    expect(after.findings.find((f) => f.ruleId === 'no-app-harness-registry' && f.file.endsWith('build.yaml'))!.line).toBe(37);
    expect(after.baseline).toMatchObject({ matched: 4, stale: 0 });
    expect((await r.cli(['check', '.', '--baseline', BASELINE])).code).toBe(0);
  });

  test('a new instance of the same problem is not hidden', async () => {
    const r = await baselined();
    r.write({ '.harness/pipelines/build.yaml': pipeline([APP_IMAGE, 'golang:1.23', RENAMED_IMAGE, APP_IMAGE]) });
    expect(await active(r)).toEqual(['.harness/pipelines/build.yaml:47:28 error [no-app-harness-registry]']);
    const { code, out } = await r.cli(['check', '.', '--baseline', BASELINE]);
    expect(code).toBe(1);
    expect(out).toContain('.harness/pipelines/build.yaml:47:28: error: Image `app.harness.io/registry/harness/drone-git:1.6.9`');
    expect(out).toContain('1 error, 0 warnings, 0 notices in 2 files; 4 suppressed (4 by baseline).');
  });

  test('the same node with a new offending value is new, and its old entry is stale', async () => {
    const r = await baselined();
    r.write({ '.harness/connectors/hub.yaml': connector('hub', 'https://app2.harness.io/registry/') });
    expect(await active(r)).toEqual([
      '.harness/connectors/hub.yaml:6:24 error [no-app-harness-registry]',
      `${BASELINE}:5:5 warning [suppression]`,
    ]);
  });

  test('the same value in another file is new', async () => {
    const r = await baselined();
    r.write({ '.harness/connectors/hub2.yaml': connector('hub') });
    expect(await active(r)).toEqual(['.harness/connectors/hub2.yaml:6:24 error [no-app-harness-registry]']);
  });

  test('a fixed finding leaves a stale entry, reported at its line in text and JSON', async () => {
    const r = await baselined();
    r.write({ '.harness/pipelines/build.yaml': pipeline(['golang:1.22', 'golang:1.23', RENAMED_IMAGE]) });
    const result = await check(r);
    expect(await active(r)).toEqual([`${BASELINE}:14:5 warning [suppression]`]);
    const stale = result.findings.find((f) => f.ruleId === 'suppression')!;
    expect(stale.message).toBe(
      'Baseline entry for `no-app-harness-registry` in `.harness/pipelines/build.yaml` at `stages/stage=build/spec/execution/steps/step=step_0/spec/image` matches no finding (stale); remove it, or rewrite the baseline with `check --write-baseline`.',
    );
    expect(r.read(BASELINE).split('\n')[13]).toBe('    {');
    expect(result.baseline).toEqual({ file: BASELINE, entries: 4, matched: 3, stale: 1 });
    expect(formatText(result)).toContain(`${BASELINE}:14:5: warning: Baseline entry for \`no-app-harness-registry\``);
    expect(formatText(result).trim().split('\n').slice(-2)).toEqual([
      '0 errors, 1 warning, 0 notices in 2 files; 3 suppressed (3 by baseline).',
      `Baseline ${BASELINE}: 3 of 4 accepted findings matched, 1 stale.`,
    ]);
    const json = JSON.parse(formatJson(result));
    expect(json.baseline).toEqual({ file: BASELINE, entries: 4, matched: 3, stale: 1 });
    expect(json.findings.filter((f: { ruleId: string }) => f.ruleId === 'suppression')).toHaveLength(1);
    // Stale entries warn; they fail only --fail-on warning.
    expect((await r.cli(['check', '.', '--baseline', BASELINE])).code).toBe(0);
    expect((await r.cli(['check', '.', '--baseline', BASELINE, '--fail-on', 'warning'])).code).toBe(1);
    // Rewriting drops it.
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    expect((await check(r)).baseline).toEqual({ file: BASELINE, entries: 3, matched: 3, stale: 0 });
  });

  test('counts: two findings with one key need two; one fewer leaves part of the entry stale', async () => {
    const twice = `${connector('hub')}---\n${connector('hub')}`;
    const r = repo({ 'c.yaml': twice });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => e.count)).toEqual([2]);
    expect(await active(r)).toEqual([]);
    r.write({ 'c.yaml': `${twice}---\n${connector('hub')}` });
    expect(await active(r)).toEqual(['c.yaml:28:24 error [no-app-harness-registry]']);
    r.write({ 'c.yaml': connector('hub') });
    expect(await active(r)).toEqual([`${BASELINE}:5:5 warning [suppression]`]);
    expect((await check(r)).findings.find((f) => f.ruleId === 'suppression')!.message).toContain(
      'accepts 2 findings but only 1 remain (stale)',
    );
  });

  test('entries for files not read this run are not stale; for deleted files they are', async () => {
    const r = await baselined();
    expect(brief(r.lint({ paths: ['.harness/connectors'], baselinePath: BASELINE }))).toEqual([
      '.harness/connectors/hub.yaml:6:24 error [no-app-harness-registry] suppressed:baseline',
    ]);
    r.remove('.harness/pipelines/build.yaml');
    expect(await active(r)).toEqual([
      `${BASELINE}:14:5 warning [suppression]`,
      `${BASELINE}:22:5 warning [suppression]`,
      `${BASELINE}:30:5 warning [suppression]`,
    ]);
  });

  test('file paths are relative to the baseline, so another working directory matches', async () => {
    const r = await baselined();
    const parent = path.dirname(r.dir);
    const sub = path.basename(r.dir);
    const result = r.lint({ cwd: parent, paths: [sub], baselinePath: `${sub}/${BASELINE}` });
    expect(result.baseline).toEqual({ file: `${sub}/${BASELINE}`, entries: 4, matched: 4, stale: 0 });
  });

  test('an entry naming its file as an absolute path or with ./ matches (and a stale one is still reported)', async () => {
    const r = await baselined();
    const baseline = JSON.parse(r.read(BASELINE)) as Baseline;
    baseline.entries[0]!.file = path.join(r.dir, baseline.entries[0]!.file);
    baseline.entries[1]!.file = `./${baseline.entries[1]!.file}`;
    r.write({ [BASELINE]: JSON.stringify(baseline, null, 2) });
    expect((await check(r)).baseline).toEqual({ file: BASELINE, entries: 4, matched: 4, stale: 0 });
    r.remove('.harness/connectors/hub.yaml');
    const result = await check(r);
    expect(result.baseline).toEqual({ file: BASELINE, entries: 4, matched: 3, stale: 1 });
    expect(result.findings.find((f) => f.ruleId === 'suppression')!.message).toContain('in `.harness/connectors/hub.yaml`');
  });

  test.each([
    ['one line', (b: Baseline) => JSON.stringify(b)],
    ['a BOM and tabs', (b: Baseline) => `\uFEFF${JSON.stringify(b, null, '\t')}`],
    ['block YAML', (b: Baseline) => stringify(b)],
  ])('a stale entry is placed at its item in a baseline written as %s', async (_, write) => {
    const r = await baselined();
    const baseline = JSON.parse(r.read(BASELINE)) as Baseline;
    baseline.entries.push({ ruleId: 'schema', file: 'gone.yaml', valueHash: 'x', count: 1, message: 'a "quoted" {tricky} [text], too' });
    const text = write(baseline);
    r.write({ [BASELINE]: text });
    const result = await check(r);
    const stale = result.findings.filter((f) => f.ruleId === 'suppression');
    expect(stale.map((f) => f.message)).toEqual([expect.stringContaining('`schema` in `gone.yaml`')]);
    // Where the last item starts, counted on the text itself.
    const lastRule = text.lastIndexOf('ruleId');
    const start = text.includes('"ruleId"') ? text.lastIndexOf('{', lastRule) : lastRule;
    const before = text
      .slice(0, start)
      .replace(/^\uFEFF/, '')
      .split('\n');
    expect([stale[0]!.line, stale[0]!.column]).toEqual([before.length, before.at(-1)!.length + 1]);
  });

  test.each([
    ['flow YAML', (b: Baseline) => stringify(b, { collectionStyle: 'flow' })],
    [
      'JSON with a tab inside a string (which JSON.parse refuses and YAML reads)',
      (b: Baseline) => JSON.stringify({ $comment: 'a\tb', ...b }, null, 2),
    ],
  ])('a stale entry is placed at its item in a baseline written as %s', async (_, write) => {
    const r = await baselined();
    const baseline = JSON.parse(r.read(BASELINE)) as Baseline;
    baseline.entries.unshift({ ruleId: 'schema', file: 'gone.yaml', valueHash: 'x', count: 1 });
    const text = write(baseline);
    r.write({ [BASELINE]: text });
    const stale = (await check(r)).findings.filter((f) => f.ruleId === 'suppression');
    expect(stale).toHaveLength(1);
    const start = text.lastIndexOf('{', text.indexOf('gone.yaml'));
    const before = text.slice(0, start).split('\n');
    expect([stale[0]!.line, stale[0]!.column]).toEqual([before.length, before.at(-1)!.length + 1]);
  });

  test('entries for a rule in forbidSuppression are ignored and reported', async () => {
    const r = await baselined({});
    r.write({ '.harness-registry-guard.yml': 'forbidSuppression: [no-renamed-harness-image]\n' });
    const lines = await active(r);
    expect(lines).toEqual(
      [`${BASELINE}:22:5 error [suppression]`, '.harness/pipelines/build.yaml:40:28 warning [no-renamed-harness-image]'].sort(),
    );
    expect((await check(r)).findings.find((f) => f.ruleId === 'suppression')!.message).toMatch(
      /is ignored: `no-renamed-harness-image` may not be suppressed \(forbidSuppression in \.harness-registry-guard\.yml\); remove the entry\.$/,
    );
  });

  test('entries for a rule turned off are neither matched nor stale', async () => {
    const r = await baselined();
    r.write({ '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: off\n' });
    expect((await check(r)).baseline).toEqual({ file: BASELINE, entries: 4, matched: 3, stale: 0 });
    expect(await active(r)).toEqual([]);
  });

  test.each([
    ['missing', undefined, /baseline file not found: nope\.json \(create it with --write-baseline\)/],
    [
      'not JSON',
      '{ "version": 1,\n  "entries": [\n    { "ruleId": ] }',
      /invalid baseline: nope\.json:3:17: not valid JSON: Unexpected token '\]'$/m,
    ],
    [
      'truncated',
      '{ "version": 1,\n  "entries": [\n    { "ruleId": "schema", "file": "a.yaml", "valueHash": "x" },\n',
      // At the end of the last line, not on the line after the final line break.
      /invalid baseline: nope\.json:3:64: not valid JSON: Unexpected end of JSON input$/m,
    ],
    [
      'long, with a bad token',
      `{ "version": 1,\n  "entries": [\n    { "ruleId": ] },\n${'    { "ruleId": "schema", "file": "a.yaml", "valueHash": "x" },\n'.repeat(20)}  ] }`,
      /invalid baseline: nope\.json:3:\d+: not valid JSON: Unexpected token '\]'\n/,
    ],
    [
      'with a key given twice',
      '{ "version": 1, "version": 2, "entries": [] }',
      /invalid baseline: nope\.json:1:\d+: Map keys must be unique/,
    ],
    [
      'with a single-quoted value and a broken list',
      `{ "version": 1,\n  "note": 'by hand',\n  "entries": [ },, ] }`,
      /invalid baseline: nope\.json:2:11: not valid JSON: Unexpected token/,
    ],
    [
      'missing a comma',
      '{ "version": 1\n  "entries": [] }',
      /invalid baseline: nope\.json:2:3: not valid JSON: Expected ',' or '}' after property value$/m,
    ],
    ['wrong version', '{ "version": 2, "entries": [] }', /invalid baseline: nope\.json:1:14: `version` must be 1/],
    [
      'entry without hash',
      '{ "version": 1,\n  "entries": [\n    { "ruleId": "schema", "file": "a.yaml" }\n  ] }',
      /invalid baseline: nope\.json:3:5: `entries\[0\]` must have required property 'valueHash'\./,
    ],
    [
      'bad count',
      '{ "version": 1, "entries": [ { "ruleId": "schema", "file": "a.yaml", "valueHash": "x", "count": 0 } ] }',
      /invalid baseline: nope\.json:1:97: `entries\[0\]\.count` must be >= 1\./,
    ],
    [
      'several bad entries',
      '{ "version": 1,\n  "entries": [\n    { "ruleId": "", "file": "a.yaml", "valueHash": "x" },\n    { "ruleId": "schema", "file": "a.yaml", "valueHash": "x", "count": "2" }\n  ] }',
      /invalid baseline \(2 problems\):\n {2}nope\.json:3:17: `entries\[0\]\.ruleId` must not be empty\.\n {2}nope\.json:4:72: `entries\[1\]\.count` must be a whole number\./,
    ],
    ['not an object', '[]', /invalid baseline: nope\.json:1:1: must be a map\./],
    [
      'misspelt key (a count that would silently be 1)',
      '{ "version": 1, "entries": [ { "ruleId": "schema", "file": "a.yaml", "valueHash": "x", "cout": 5 } ] }',
      /invalid baseline: nope\.json:1:\d+: `entries\[0\]` has unknown key `cout`/,
    ],
  ])('a %s baseline is a usage error (exit 2)', async (_, text, message) => {
    const r = repo(files());
    if (text !== undefined) r.write({ 'nope.json': text });
    const { code, err } = await r.cli(['check', '.', '--baseline', 'nope.json']);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('baseline entries and counts (what each entry accepts)', () => {
  /** The baseline as written, with `edit` applied to it. */
  const rewrite = (r: Repo, edit: (b: Baseline) => void) => {
    const b = JSON.parse(r.read(BASELINE)) as Baseline;
    edit(b);
    r.write({ [BASELINE]: JSON.stringify(b, null, 2) });
  };
  const twice = `${connector('hub')}---\n${connector('hub')}`;

  test('--write-baseline orders entries by file first, then by rule', async () => {
    const r = repo({ 'a/build.yaml': pipeline([APP_IMAGE]), 'z/hub.yaml': connector('hub') });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => `${e.file} ${e.ruleId}`)).toEqual([
      'a/build.yaml no-app-harness-registry',
      'a/build.yaml unresolved-reference',
      'z/hub.yaml no-app-harness-registry',
    ]);
  });

  test('an entry written without `count` accepts one finding, not every finding with its key', async () => {
    const r = repo({ 'c.yaml': twice });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    rewrite(r, (b) => delete (b.entries[0] as Partial<Baseline['entries'][0]>).count);
    expect(await active(r)).toEqual(['c.yaml:17:24 error [no-app-harness-registry]']);
    expect((await check(r)).baseline).toEqual({ file: BASELINE, entries: 1, matched: 1, stale: 0 });
  });

  test('two entries with one key (a merge of two branches) add up: together they accept both findings', async () => {
    const r = repo({ 'c.yaml': twice });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    rewrite(r, (b) => {
      b.entries[0]!.count = 1;
      b.entries.push({ ...b.entries[0]! });
    });
    expect(await active(r)).toEqual([]);
    expect((await check(r)).baseline).toEqual({ file: BASELINE, entries: 2, matched: 2, stale: 0 });
  });

  test('the summary counts findings, not entries: a stale entry of count 2 is 2 entries and 2 stale', async () => {
    const r = repo({ 'c.yaml': twice, 'd.yaml': connector('hub', 'https://registry.hub.docker.com') });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    r.write({ 'c.yaml': connector('hub', 'https://registry.hub.docker.com') });
    const result = await check(r);
    expect(result.baseline).toEqual({ file: BASELINE, entries: 2, matched: 0, stale: 2 });
    expect(result.findings.find((f) => f.ruleId === 'suppression')!.message).toMatch(
      /^Baseline entry for `no-app-harness-registry` in `c\.yaml` \(entity `hub`\) at `[^`]+` matches no finding \(stale\)/,
    );
  });

  test('on part of the repo, an entry of a cross-file rule in a file it read is kept and not stale; one for a deleted file is stale and goes', async () => {
    const r = await baselined();
    rewrite(r, (b) =>
      b.entries.push(
        { ruleId: 'require-platform-connectivity', file: '.harness/connectors/hub.yaml', valueHash: '0123456789abcdef', count: 1 },
        { ruleId: 'schema', file: 'gone.yaml', valueHash: '0123456789abcdef', count: 1 },
      ),
    );
    const partial = r.lint({ paths: ['.harness/connectors'], baselinePath: BASELINE });
    expect(partial.findings.filter((f) => f.ruleId === 'suppression').map((f) => f.message)).toEqual([
      expect.stringMatching(/^Baseline entry for `schema` in `gone\.yaml` matches no finding \(stale\)/),
    ]);
    await r.cli(['check', '.harness/connectors', '--write-baseline', BASELINE]);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => `${e.file} ${e.ruleId}`)).toEqual([
      '.harness/connectors/hub.yaml no-app-harness-registry',
      '.harness/connectors/hub.yaml require-platform-connectivity',
      '.harness/pipelines/build.yaml no-app-harness-registry',
      '.harness/pipelines/build.yaml no-renamed-harness-image',
      '.harness/pipelines/build.yaml unresolved-reference',
    ]);
  });

  test('on part of the repo, a cross-file rule that still finds its finding gets a fresh entry, not the old one', async () => {
    const r = await baselined();
    rewrite(r, (b) => {
      const notice = b.entries.find((e) => e.ruleId === 'unresolved-reference')!;
      notice.count = 3;
      notice.message = 'old';
    });
    await r.cli(['check', '.harness/pipelines', '--write-baseline', BASELINE]);
    const notice = (JSON.parse(r.read(BASELINE)) as Baseline).entries.find((e) => e.ruleId === 'unresolved-reference')!;
    expect([notice.count, notice.message]).toEqual([1, expect.stringContaining('account.harnessImage')]);
  });

  test('a rule both turned off and in forbidSuppression leaves its entries alone: no error about them', async () => {
    const r = await baselined();
    r.write({ '.harness-registry-guard.yml': 'rules:\n  no-renamed-harness-image: off\nforbidSuppression: [no-renamed-harness-image]\n' });
    expect(await active(r)).toEqual([]);
  });

  test("the same value at the same path in another entity of the file is new, and the old entity's entry is stale", async () => {
    const r = await baselined();
    r.write({ '.harness/connectors/hub.yaml': connector('hub2') });
    expect(await active(r)).toEqual([
      '.harness/connectors/hub.yaml:6:24 error [no-app-harness-registry]',
      `${BASELINE}:5:5 warning [suppression]`,
    ]);
  });

  test("the same value at another node of the same entity is new, and the old node's entry is stale", async () => {
    const r = await baselined();
    r.write({ '.harness/pipelines/build.yaml': pipeline(['golang:1.22', 'golang:1.23', RENAMED_IMAGE, APP_IMAGE]) });
    expect(await active(r)).toEqual([
      '.harness/pipelines/build.yaml:47:28 error [no-app-harness-registry]',
      `${BASELINE}:14:5 warning [suppression]`,
    ]);
  });

  test('--write-baseline leaves out suppression findings: an unused comment stays reported, not baselined', async () => {
    const r = repo({
      'c.yaml': `# harness-registry-guard-disable no-renamed-harness-image -- nothing to accept\n${connector('hub')}`,
    });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => e.ruleId)).toEqual(['no-app-harness-registry']);
    expect(await active(r)).toEqual(['c.yaml:1:1 warning [suppression]']);
  });

  test('a partial --write-baseline drops the entries of a rule in forbidSuppression, in files it did not read too', async () => {
    const r = await baselined();
    r.write({ '.harness-registry-guard.yml': 'forbidSuppression: [no-app-harness-registry]\n' });
    await r.cli(['check', '.harness/pipelines', '--write-baseline', BASELINE]);
    expect((JSON.parse(r.read(BASELINE)) as Baseline).entries.map((e) => `${e.file} ${e.ruleId}`)).toEqual([
      '.harness/pipelines/build.yaml no-renamed-harness-image',
      '.harness/pipelines/build.yaml unresolved-reference',
    ]);
  });

  test('two entries with one key that accept more than remain are one stale entry that says how many of their findings remain', async () => {
    const r = repo({ 'c.yaml': twice });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    rewrite(r, (b) => {
      b.entries[0]!.count = 1;
      b.entries.push({ ...b.entries[0]! });
    });
    r.write({ 'c.yaml': connector('hub') });
    const result = await check(r);
    expect(result.baseline).toEqual({ file: BASELINE, entries: 2, matched: 1, stale: 1 });
    expect(result.findings.filter((f) => f.ruleId === 'suppression').map((f) => f.message)).toEqual([
      expect.stringMatching(/ accepts 2 findings but only 1 remain \(stale\)/),
    ]);
  });

  test('a finding suppressed inline stays suppressed inline: it does not use up a baseline entry, which is stale', async () => {
    const r = await baselined();
    r.write({
      '.harness/connectors/hub.yaml': `# harness-registry-guard-disable no-app-harness-registry -- inline now\n${connector('hub')}`,
    });
    const result = await check(r);
    expect(result.findings.find((f) => f.file.endsWith('hub.yaml'))!.suppressed).toEqual({ kind: 'inline', reason: 'inline now' });
    expect(await active(r)).toEqual([`${BASELINE}:5:5 warning [suppression]`]);
    expect(result.baseline).toEqual({ file: BASELINE, entries: 4, matched: 3, stale: 1 });
  });

  test.each([
    [
      'two YAML documents',
      '{ version: 1, entries: [] }\n---\n{ version: 1, entries: [] }\n',
      "1:3: not valid JSON: Expected property name or '}'",
    ],
    ['an empty file', '', '1:1: not valid JSON: Unexpected end of JSON input'],
    ['only a comment', '# nothing\n', "1:1: not valid JSON: Unexpected token '#'"],
    [
      'a BOM, then JSON broken on line 2',
      '\uFEFF{\n  "version": 1,,\n  "entries": []\n}\n',
      '2:16: not valid JSON: Expected double-quoted property name',
    ],
  ])('a baseline that is %s is a usage error that says where', async (_, text, message) => {
    const r = repo({ ...files(), [BASELINE]: text });
    const { code, err } = await r.cli(['check', '.', '--baseline', BASELINE]);
    expect([code, err]).toEqual([2, `harness-registry-guard: invalid baseline: ${BASELINE}:${message}\n`]);
  });

  test('the problems of an invalid baseline are listed in the order of the file', async () => {
    const text = '{\n  "entries": [{ "file": "a.yaml", "valueHash": "x" }],\n  "version": 2\n}\n';
    const r = repo({ ...files(), [BASELINE]: text });
    const { code, err } = await r.cli(['check', '.', '--baseline', BASELINE]);
    expect([code, err]).toEqual([
      2,
      'harness-registry-guard: invalid baseline (2 problems):\n' +
        `  ${BASELINE}:2:15: \`entries[0]\` must have required property 'ruleId'.\n` +
        `  ${BASELINE}:3:14: \`version\` must be 1.\n`,
    ]);
  });

  test('an entry for a finding about a whole file has no path and a fingerprint of its message that stays the same across versions', async () => {
    const r = repo({ 'broken.yaml': 'pipeline: [\n' });
    await r.cli(['check', '.', '--write-baseline', BASELINE]);
    const entries = (JSON.parse(r.read(BASELINE)) as Baseline).entries.map(({ ruleId, file, path: p, valueHash }) => ({
      ruleId,
      file,
      path: p,
      valueHash,
    }));
    expect(entries).toEqual([{ ruleId: 'yaml-syntax', file: 'broken.yaml', path: undefined, valueHash: '22640f6b789d0776' }]);
  });
});
