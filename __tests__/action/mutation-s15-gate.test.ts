/**
 * The gate through `run()` where the checkout is the pull request's head but not its base (a
 * depth-1 checkout of the head): the changed files come from the API (whole, or cut at 3,000), the
 * base versions from the contents endpoint (or not at all). Each case pins a decision no other
 * in-process test reached: which files are compared with the base, and what decides when a file
 * leaves the workspace or the base cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import {
  BASE_SHA,
  connector,
  git,
  gitRepo,
  HARNESS_IMAGE,
  OWNER,
  pullRequestEvent,
  REPO,
  tmpDir,
  writeFiles,
  type Annotation,
} from '../e2e/harness.js';
import type { ChangedFile } from '../../src/github/changed-files.js';
import { cli } from '../cli/helpers.js';
import { detectChanges } from '../../src/action/detect-changes.js';
import { addedSuppressions, baselineChanges, configChanges } from '../../src/action/gate.js';
import { filesToCompare, headFiles } from '../../src/action/head-files.js';
import type { RunState } from '../../src/action/state.js';
import { ApiError } from '../../src/github/client.js';
import { readRunContext } from '../../src/github/context.js';
import { parseDirectives } from '../../src/engine/suppressions.js';
import { parseSource } from '../../src/parse/source.js';
import { allRules } from '../../src/rules/index.js';
import { fakeApi } from './fake-api.js';
import { runInProcess } from './in-process.js';
import { titled } from './run-helpers.js';

const CFG = '.harness-registry-guard.yml';
const CFG_ON = 'rules:\n  no-app-harness-registry: error\n';
const CFG_OFF = 'rules:\n  no-app-harness-registry: "off"\n';
const A = '.harness/connectors/a.yaml';
const bad = (id: string) => connector(id, { url: 'https://app.harness.io/registry', executeOnDelegate: false });
const suppressed = (id: string) => `# harness-registry-guard-disable no-app-harness-registry -- ${id} later\n${bad(id)}`;
const at = (as: Annotation[]) => as.map((a) => `${a.props.file}:${a.props.line}`);

/** A depth-1 checkout of the head: one commit holding `files` (and the image connector); its SHA. */
function headOnly(files: Record<string, string>, links: Record<string, string> = {}): { ws: string; headSha: string } {
  const ws = tmpDir('s15-head');
  writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, ...files });
  for (const [name, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.symlinkSync(target, path.join(ws, name));
  }
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'head');
  return { ws, headSha: git(ws, 'rev-parse', 'HEAD') };
}

/** 2,999 filler entries: with them the API's list is cut at 3,000 and so not trusted. */
const filler = (n: number): ChangedFile[] => Array.from({ length: n }, (_, i) => ({ path: `junk/f${i}.txt`, status: 'added' }));

/** The API: `list` as the pull request's files, `base` as the base commit's contents (`'fail'`: every read fails). */
function api(list: ChangedFile[], base: Record<string, string> | 'fail') {
  return fakeApi({
    listPullFiles: async () => list,
    readFileAt: async (_repo, file, ref) => {
      if (base === 'fail') throw new Error('contents: 502 Bad Gateway');
      if (ref !== BASE_SHA) throw new Error(`unexpected read of ${file} at ${ref}`);
      return base[file];
    },
  });
}

describe('the list of changed files cut at 3,000 (git cannot diff either)', () => {
  test('a config change the list leaves out is found by comparing with the base version, which decides', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a') });
    const r = await runInProcess({
      workspace: ws,
      api: api([{ path: A, status: 'added' }, ...filler(2999)], { [CFG]: CFG_ON }),
      event: pullRequestEvent({ headSha, changedFiles: 3001 }),
    });
    expect(r.code).toBe(1);
    const gate = titled(r, 'gate change');
    expect(at(gate)).toEqual([`${CFG}:2`]);
    expect(gate[0]!.message).toContain('changes `rules.no-app-harness-registry`');
    expect(r.summary).toContain("compared with the base branch's versions (read through the API)");
    expect(r.summary).toContain('The config file and the baseline come from the base commit');
  });

  test('a suppression in a listed file is one the pull request adds; one in a file the list leaves out could not be compared', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_ON, 'b.yaml': suppressed('b'), 'c.yaml': suppressed('c') });
    const r = await runInProcess({
      workspace: ws,
      api: api([{ path: 'b.yaml', status: 'added' }, ...filler(2999)], { [CFG]: CFG_ON }),
      event: pullRequestEvent({ headSha, changedFiles: 3001 }),
    });
    const gate = titled(r, 'gate change');
    expect(gate.map((a) => [a.props.file, a.message.split(':')[0]])).toEqual([
      ['b.yaml', 'This pull request adds a suppression of `no-app-harness-registry` for the whole file'],
      [
        'c.yaml',
        'This suppression of `no-app-harness-registry` for the whole file could not be compared with the base branch (the files this pull request changes are not all known)',
      ],
    ]);
  });

  test('a baseline the pull request renames (input baseline) is judged with the base version of its old name', async () => {
    // The base's ci/old.json accepts a.yaml's finding; the pull request renames it and empties it.
    const dir = tmpDir('s15-baseline');
    writeFiles(dir, { [A]: bad('a'), '.harness/connectors/harness_image.yaml': HARNESS_IMAGE });
    expect((await cli(['check', '.', '--write-baseline', 'ci/old.json'], dir)).code).toBe(0);
    const { ws, headSha } = headOnly({ [A]: bad('a'), 'ci/baseline.json': '{ "version": 1, "entries": [] }\n' });
    const r = await runInProcess({
      workspace: ws,
      inputs: { baseline: 'ci/baseline.json' },
      api: api(
        [{ path: A, status: 'added' }, { path: 'ci/baseline.json', status: 'renamed', previousPath: 'ci/old.json' }, ...filler(2998)],
        { 'ci/old.json': fs.readFileSync(path.join(dir, 'ci/old.json'), 'utf8') },
      ),
      event: pullRequestEvent({ headSha, changedFiles: 3001 }),
    });
    expect([r.code, r.outputs.errors]).toEqual([0, '0']);
    expect(titled(r, 'gate not compared')).toEqual([]);
  });

  test('the base unreadable and the config changed: the warning names the config file and says its base version was not read', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a') });
    const r = await runInProcess({
      workspace: ws,
      api: api([{ path: A, status: 'added' }, { path: CFG, status: 'modified' }, ...filler(2998)], 'fail'),
      event: pullRequestEvent({ headSha, changedFiles: 3001 }),
    });
    const warning = titled(r, 'gate not compared');
    expect(at(warning)).toEqual([`${CFG}:1`]);
    expect(warning[0]!.message).toMatch(
      /^This pull request changes the config file `\.harness-registry-guard\.yml`, and its base version could not be read/,
    );
  });

  test('the base unreadable and both the config and the baseline changed: the warning names both', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a'), 'ci/baseline.json': '{ "version": 1, "entries": [] }\n' });
    const r = await runInProcess({
      workspace: ws,
      inputs: { baseline: 'ci/baseline.json' },
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'modified' },
          { path: 'ci/baseline.json', status: 'modified' },
          ...filler(2997),
        ],
        'fail',
      ),
      event: pullRequestEvent({ headSha, changedFiles: 3001 }),
    });
    const warning = titled(r, 'gate not compared');
    expect(at(warning)).toEqual([`${CFG}:1`]);
    expect(warning[0]!.message).toMatch(
      /^This pull request changes the config file `\.harness-registry-guard\.yml` and the baseline file `ci\/baseline\.json`, and their base versions could not be read \(.*\): this run used the pull request's own config and baseline files, which could not be compared with the base branch's\. .* so the base versions decide\.$/,
    );
  });
});

test('every changed file listed and none is the config: an unreadable base is no warning (the config is the base’s)', async () => {
  const { ws, headSha } = headOnly({ [CFG]: CFG_ON, [A]: bad('a') });
  const r = await runInProcess({
    workspace: ws,
    api: api([{ path: A, status: 'added' }], 'fail'),
    event: pullRequestEvent({ headSha, changedFiles: 1 }),
  });
  expect(r.code).toBe(1);
  expect(titled(r, 'gate not compared')).toEqual([]);
  expect(r.summary).not.toContain('The files this pull request changes are not known');
  // No change to the config or the baseline: nothing to say about where they come from.
  expect(r.summary).not.toContain('come from the base commit');
});

describe('a config or baseline the pull request makes a symlink out of the workspace', () => {
  const outside = () => {
    const dir = tmpDir('s15-outside');
    writeFiles(dir, { 'cfg.yml': `${CFG_OFF}token: FAKESECRET\n` });
    return path.join(dir, 'cfg.yml');
  };

  test('the base readable: the link is not read, the base’s config decides', async () => {
    const { ws, headSha } = headOnly({ [A]: bad('a') }, { [CFG]: outside() });
    const r = await runInProcess({
      workspace: ws,
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'modified' },
        ],
        { [CFG]: CFG_ON },
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect(r.code).toBe(1);
    expect(titled(r, 'gate change').map((a) => a.message)).toEqual([
      `This pull request makes the config file \`${CFG}\` a symlink that leaves the workspace; it is not read, and the base branch's config decides.`,
    ]);
    expect(JSON.stringify(r)).not.toContain('FAKESECRET');
  });

  test('the base unreadable: the link is still not read, and the check runs without a config', async () => {
    const { ws, headSha } = headOnly({ [A]: bad('a') }, { [CFG]: outside() });
    const r = await runInProcess({
      workspace: ws,
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'modified' },
        ],
        'fail',
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect(r.code).toBe(1);
    expect(at(titled(r, 'gate change'))).toEqual([`${CFG}:1`]);
    expect(titled(r, 'gate change')[0]!.message).toContain('a symlink that leaves the workspace');
    expect(JSON.stringify(r)).not.toContain('FAKESECRET');
  });

  test('a baseline, the base unreadable: the baseline it leads to accepts nothing', async () => {
    // A baseline that accepts a.yaml's finding, written where the link leads.
    const dir = tmpDir('s15-outside');
    writeFiles(dir, { [A]: bad('a'), '.harness/connectors/harness_image.yaml': HARNESS_IMAGE });
    expect((await cli(['check', '.', '--write-baseline', 'ci/baseline.json'], dir)).code).toBe(0);
    const { ws, headSha } = headOnly({ [A]: bad('a') }, { 'ci/baseline.json': path.join(dir, 'ci/baseline.json') });
    const r = await runInProcess({
      workspace: ws,
      inputs: { baseline: 'ci/baseline.json' },
      api: api(
        [
          { path: A, status: 'added' },
          { path: 'ci/baseline.json', status: 'modified' },
        ],
        'fail',
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect([r.code, r.outputs.errors]).toEqual([1, '1']);
    expect(titled(r, 'gate change').map((a) => a.message)).toEqual([
      "This pull request makes the baseline file `ci/baseline.json` a symlink that leaves the workspace; it is not read, and the base branch's baseline decides.",
    ]);
  });
});

describe('config-from: head', () => {
  test('the pull request’s config decides, and its change is still reported', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a') });
    const r = await runInProcess({
      workspace: ws,
      inputs: { 'config-from': 'head' },
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'modified' },
        ],
        { [CFG]: CFG_ON },
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect([r.code, r.outputs.errors]).toEqual([0, '0']);
    expect(at(titled(r, 'gate change'))).toEqual([`${CFG}:2`]);
    expect(r.summary).not.toContain('come from the base commit');
  });

  test('a config the pull request makes a symlink out of the workspace is not read: the base’s decides', async () => {
    const dir = tmpDir('s15-outside');
    writeFiles(dir, { 'cfg.yml': CFG_OFF });
    const { ws, headSha } = headOnly({ [A]: bad('a') }, { [CFG]: path.join(dir, 'cfg.yml') });
    const r = await runInProcess({
      workspace: ws,
      inputs: { 'config-from': 'head' },
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'modified' },
        ],
        { [CFG]: CFG_ON },
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect([r.code, r.outputs.errors]).toEqual([1, '1']);
    expect(titled(r, 'gate change')[0]!.message).toContain('a symlink that leaves the workspace');
  });
});

test('a config the pull request makes invalid is a gate change at the line, and the base’s decides', async () => {
  const { ws, headSha } = headOnly({ [CFG]: 'rules:\n  no-app-harness-registry: error\n  no-such-rule: error\n', [A]: bad('a') });
  const r = await runInProcess({
    workspace: ws,
    api: api(
      [
        { path: A, status: 'added' },
        { path: CFG, status: 'modified' },
      ],
      { [CFG]: CFG_ON },
    ),
    event: pullRequestEvent({ headSha, changedFiles: 2 }),
  });
  expect(r.code).toBe(1);
  const gate = titled(r, 'gate change').filter((a) => a.message.includes('makes the config file invalid'));
  expect(at(gate)).toEqual([`${CFG}:3`]);
});

describe('a config or baseline the API lists as modified that the base commit does not have (the base branch deleted it since)', () => {
  test('the config: the check runs without one, not with the pull request’s', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a') });
    const r = await runInProcess({
      workspace: ws,
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'modified' },
        ],
        {},
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect([r.code, r.outputs.errors]).toEqual([1, '1']);
    expect(titled(r, 'gate change')[0]!.message).toContain('adds the config file');
  });

  test('the baseline: the check runs without one, and what it accepts is reported', async () => {
    const dir = tmpDir('s15-baseline');
    writeFiles(dir, { [A]: bad('a'), '.harness/connectors/harness_image.yaml': HARNESS_IMAGE });
    expect((await cli(['check', '.', '--write-baseline', 'ci/baseline.json'], dir)).code).toBe(0);
    const { ws, headSha } = headOnly({ [A]: bad('a'), 'ci/baseline.json': fs.readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8') });
    const r = await runInProcess({
      workspace: ws,
      inputs: { baseline: 'ci/baseline.json' },
      api: api(
        [
          { path: A, status: 'added' },
          { path: 'ci/baseline.json', status: 'modified' },
        ],
        {},
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect([r.code, r.outputs.errors]).toEqual([1, '1']);
    expect(titled(r, 'gate change')[0]!.message).toMatch(/^This pull request adds an accepted finding to the baseline/);
  });
});

test('a config the pull request removes still decides as the base wrote it', async () => {
  const { ws, headSha } = headOnly({ [A]: bad('a') });
  const r = await runInProcess({
    workspace: ws,
    api: api(
      [
        { path: A, status: 'added' },
        { path: CFG, status: 'removed' },
      ],
      { [CFG]: 'rules:\n  no-app-harness-registry: warning\n' },
    ),
    event: pullRequestEvent({ headSha, changedFiles: 2 }),
  });
  expect([r.code, r.outputs.errors, r.outputs.warnings]).toEqual([0, '0', '1']);
  expect(titled(r, 'gate change')[0]!.message).toContain('removes the config file');
});

describe('the base’s config keeps deciding when the pull request puts one earlier in the search', () => {
  const WARN = 'rules:\n  no-app-harness-registry: warning\n';
  const YAML = '.harness-registry-guard.yaml';

  test('renamed from the base’s .yaml to .yml: reported as added, the base’s text decides (each base version asked for once)', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a') });
    const asked: string[] = [];
    const fake = api(
      [
        { path: A, status: 'added' },
        { path: CFG, status: 'renamed', previousPath: YAML },
      ],
      { [YAML]: WARN },
    );
    const r = await runInProcess({
      workspace: ws,
      api: { ...fake, readFileAt: (repo, file, ref) => (asked.push(file), fake.readFileAt(repo, file, ref)) },
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect(asked.filter((f) => f === YAML)).toEqual([YAML]);
    expect([r.code, r.outputs.errors, r.outputs.warnings]).toEqual([0, '0', '1']);
    expect(titled(r, 'gate change').map((a) => a.message.split(';')[0])).toEqual([`This pull request adds the config file \`${CFG}\``]);
  });

  test('a .yml added beside the base’s .yaml: the base’s .yaml decides', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [YAML]: WARN, [A]: bad('a') });
    const r = await runInProcess({
      workspace: ws,
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'added' },
        ],
        { [YAML]: WARN },
      ),
      event: pullRequestEvent({ headSha, changedFiles: 2 }),
    });
    expect([r.code, r.outputs.errors, r.outputs.warnings]).toEqual([0, '0', '1']);
  });

  test('a .yml added and the base’s .yaml changed as well: the base’s text of the .yaml decides, both are reported', async () => {
    const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [YAML]: CFG_OFF, [A]: bad('a') });
    const r = await runInProcess({
      workspace: ws,
      api: api(
        [
          { path: A, status: 'added' },
          { path: CFG, status: 'added' },
          { path: YAML, status: 'modified' },
        ],
        { [YAML]: WARN },
      ),
      event: pullRequestEvent({ headSha, changedFiles: 3 }),
    });
    expect([r.code, r.outputs.errors, r.outputs.warnings]).toEqual([0, '0', '1']);
    expect(at(titled(r, 'gate change'))).toEqual([`${CFG}:1`, `${YAML}:2`]);
  });
});

test('config-from: head and the base’s .yaml renamed to .yml: the pull request’s .yml decides', async () => {
  const { ws, headSha } = headOnly({ [CFG]: CFG_OFF, [A]: bad('a') });
  const r = await runInProcess({
    workspace: ws,
    inputs: { 'config-from': 'head' },
    api: api(
      [
        { path: A, status: 'added' },
        { path: CFG, status: 'renamed', previousPath: '.harness-registry-guard.yaml' },
      ],
      {
        '.harness-registry-guard.yaml': 'rules:\n  no-app-harness-registry: warning\n',
      },
    ),
    event: pullRequestEvent({ headSha, changedFiles: 2 }),
  });
  expect([r.code, r.outputs.errors, r.outputs.warnings]).toEqual([0, '0', '0']);
});

test('a config in a folder above the one the search stops at is no twin: changing it is no gate change', async () => {
  const { ws, headSha } = headOnly({ [`sub/${CFG}`]: CFG_ON, [CFG]: CFG_OFF, [`sub/${A}`]: bad('a') });
  const r = await runInProcess({
    workspace: ws,
    inputs: { path: 'sub' },
    api: api(
      [
        { path: `sub/${A}`, status: 'added' },
        { path: CFG, status: 'modified' },
      ],
      { [`sub/${CFG}`]: CFG_ON, [CFG]: CFG_ON },
    ),
    event: pullRequestEvent({ headSha, changedFiles: 2 }),
  });
  expect(r.code).toBe(1);
  expect(titled(r, 'gate change')).toEqual([]);
});

test('the list cut at 3,000 and a link that leads nowhere added by a twin’s name: a gate change, though no list names it', async () => {
  const { ws, headSha } = headOnly({ [CFG]: CFG_ON, [A]: bad('a') }, { '.harness-registry-guard.yaml': 'nowhere.yml' });
  const r = await runInProcess({
    workspace: ws,
    api: api([{ path: A, status: 'added' }, ...filler(2999)], { [CFG]: CFG_ON }),
    event: pullRequestEvent({ headSha, changedFiles: 3001 }),
  });
  expect(r.code).toBe(1);
  const gate = titled(r, 'gate change');
  expect(gate.map((a) => a.props.file)).toEqual(['.harness-registry-guard.yaml']);
  expect(gate[0]!.message).toContain('once merged, every check stops with exit 2');
});

describe('which suppression comments are the pull request’s (addedSuppressions)', () => {
  const RULES = 'no-app-harness-registry, require-platform-connectivity';
  const nextLine = (rules: string, reason: string) => `# harness-registry-guard-disable-next-line ${rules} -- ${reason}\n`;
  const fileLevel = (rules: string, reason: string) => `# harness-registry-guard-disable ${rules} -- ${reason}\n`;
  /** The changed files only partly known, `c.yaml` not among them: its comments are compared with `base`. */
  const partly = (head: string, base: string) => {
    const ws = tmpDir('s15-sup');
    writeFiles(ws, { 'c.yaml': head });
    const gate = { changed: { source: 'api' as const, files: new Map() }, partial: { readBase: () => base } };
    return addedSuppressions(ws, gate, new Set([path.join(ws, 'c.yaml')])).map((c) => `${c.file}:${c.line} ${c.message}`);
  };

  test('the base’s comment with its rule ids in another order is not an added one', () => {
    expect(
      partly(`${nextLine(RULES, 'mirror')}a: 1\n`, `${nextLine('require-platform-connectivity, no-app-harness-registry', 'mirror')}a: 1\n`),
    ).toEqual([]);
  });

  test('the base’s comment with another reason is an added one', () => {
    expect(partly(`${nextLine(RULES, 'new reason')}a: 1\n`, `${nextLine(RULES, 'mirror')}a: 1\n`)).toEqual([
      'c.yaml:1 This pull request adds a suppression of `no-app-harness-registry`, `require-platform-connectivity`: "new reason".',
    ]);
  });

  test('the base’s next-line comment made a file-level one is an added one', () => {
    expect(
      partly(`${fileLevel('no-app-harness-registry', 'mirror')}a: 1\n`, `${nextLine('no-app-harness-registry', 'mirror')}a: 1\n`),
    ).toEqual(['c.yaml:1 This pull request adds a suppression of `no-app-harness-registry` for the whole file: "mirror".']);
  });

  test('a changed file the check did not read, or one whose path leads out of the repository, is not looked in', () => {
    const ws = tmpDir('s15-sup');
    const out = tmpDir('s15-outside');
    writeFiles(ws, { 'c.yaml': `${nextLine('no-app-harness-registry', 'SECRET')}a: 1\n` });
    writeFiles(out, { 'x.yaml': `${nextLine('no-app-harness-registry', 'SECRET')}a: 1\n` });
    fs.symlinkSync(path.join(out, 'x.yaml'), path.join(ws, 'l.yaml'));
    const files = new Map(['c.yaml', 'l.yaml'].map((f) => [f, { path: f, status: 'added' }]));
    const changed = { source: 'api' as const, files };
    expect(addedSuppressions(ws, { changed }, new Set())).toEqual([]);
    expect(addedSuppressions(ws, { changed }, new Set([path.join(ws, 'l.yaml')]))).toEqual([]);
  });

  test('in a changed file, only a comment on a line the diff adds is the pull request’s, and once, however partly the files are known', () => {
    const ws = tmpDir('s15-sup');
    writeFiles(ws, { 'c.yaml': `${nextLine('no-app-harness-registry', 'old')}a: 1\n${nextLine('no-app-harness-registry', 'new')}b: 2\n` });
    const changed = { source: 'api' as const, files: new Map([['c.yaml', { path: 'c.yaml', status: 'modified', lines: new Set([3]) }]]) };
    const scanned = new Set([path.join(ws, 'c.yaml')]);
    const want = ['c.yaml:3 This pull request adds a suppression of `no-app-harness-registry`: "new".'];
    const lines = (gate: Parameters<typeof addedSuppressions>[1]) =>
      addedSuppressions(ws, gate, scanned).map((c) => `${c.file}:${c.line} ${c.message}`);
    expect(lines({ changed })).toEqual(want);
    expect(lines({ changed, partial: { readBase: () => `${nextLine('no-app-harness-registry', 'old')}a: 1\nb: 2\n` } })).toEqual(want);
  });

  describe('on a test-merge checkout (the comments the check obeyed, compared with the base)', () => {
    const ids = allRules.map((r) => r.id);
    const obeyed = (file: string, text: string) => new Map([[file, parseDirectives(parseSource(file, text), ids).directives]]);
    const changed = { source: 'api' as const, files: new Map() };
    const text = `${fileLevel('no-app-harness-registry', 'mirror')}a: 1\n`;

    test('a base version that could not be read makes each comment one that could not be compared', () => {
      const ws = tmpDir('s15-sup');
      writeFiles(ws, { 'c.yaml': text });
      const versions = {
        from: 'api' as const,
        read: (): string | undefined => {
          throw new Error('internal: c.yaml was not read at the base commit');
        },
      };
      expect(
        addedSuppressions(ws, { changed, atBase: { versions, obeyed: obeyed('c.yaml', text) } }, undefined).map((c) => c.message),
      ).toEqual([
        'This suppression of `no-app-harness-registry` for the whole file could not be compared with the base branch (it was not read at the base): check that the pull request does not add it.',
      ]);
    });

    test('a comment the base has twice and the merge three times is added once', () => {
      const ws = tmpDir('s15-sup');
      const one = `${nextLine('no-app-harness-registry', 'mirror')}a: 1\n`;
      const merged = one + one.replace('a:', 'b:') + one.replace('a:', 'c:');
      writeFiles(ws, { 'c.yaml': merged });
      const versions = { from: 'api' as const, read: () => one + one.replace('a:', 'b:') };
      const lines = addedSuppressions(ws, { changed, atBase: { versions, obeyed: obeyed('c.yaml', merged) } }, undefined).map(
        (c) => c.line,
      );
      expect(lines).toEqual([5]);
    });

    test('a file outside the repository is not the pull request’s', () => {
      const ws = tmpDir('s15-sup');
      const versions = { from: 'api' as const, read: () => undefined };
      expect(addedSuppressions(ws, { changed, atBase: { versions, obeyed: obeyed('../c.yaml', text) } }, undefined)).toEqual([]);
    });
  });
});

describe('what a change to the config or the baseline says', () => {
  test('config: an unchanged list is no change; neither version is nothing to report', () => {
    expect(configChanges('c.yml', 'include:\n  - a/**\nrules: {}\n', 'include:\n  - a/**\nrules: {}\n')).toEqual([]);
    expect(configChanges('c.yml', undefined, undefined)).toEqual([]);
  });

  const entry = (o: Record<string, unknown>) => ({
    ruleId: 'no-app-harness-registry',
    file: '../x.yaml',
    entity: 'connector:a',
    path: 'spec.url',
    valueHash: 'h1',
    ...o,
  });
  const baseline = (...entries: Array<Record<string, unknown>>) => JSON.stringify({ version: 1, entries }, null, 2) + '\n';
  const said = (before: string | undefined, after: string | undefined) =>
    baselineChanges('ci/baseline.json', before, after).map((c) => `${c.line} ${c.message}`);

  test('baseline: an entry is the same only with the same rule, file, entity, path and value', () => {
    const before = baseline(entry({}));
    expect(said(before, baseline(entry({})))).toEqual([]);
    expect(said(before, baseline(entry({}), entry({ valueHash: 'h2' })))).toEqual([
      '11 This pull request adds an accepted finding to the baseline: `no-app-harness-registry` in `x.yaml` at `spec.url`.',
    ]);
    expect(said(before, baseline(entry({}), entry({ path: 'spec.other' })))).toEqual([
      '11 This pull request adds an accepted finding to the baseline: `no-app-harness-registry` in `x.yaml` at `spec.other`.',
    ]);
  });

  test('baseline: counts are compared, so raising one accepts the difference and keeping it accepts nothing new', () => {
    expect(said(baseline(entry({ count: 2 })), baseline(entry({ count: 2 })))).toEqual([]);
    expect(said(baseline(entry({ count: 1 })), baseline(entry({ count: 3 })))).toEqual([
      '4 This pull request adds 2 accepted findings to the baseline: `no-app-harness-registry` in `x.yaml` at `spec.url`.',
    ]);
  });

  test('baseline: removing it is said once, at line 1', () => {
    expect(said(baseline(entry({})), undefined)).toEqual([
      "1 This pull request removes the baseline `ci/baseline.json`; the gate uses the base branch's version until it is merged.",
    ]);
    expect(said(undefined, undefined)).toEqual([]);
  });
});

describe('the changed files (detectChanges)', () => {
  /** A pull request's run context from `event` (changed_files left out when `undefined`). */
  const context = (changedFiles: number | undefined, shas: { baseSha: string; headSha: string }) => {
    const event = pullRequestEvent(shas);
    if (changedFiles === undefined) delete (event.pull_request as { changed_files?: number }).changed_files;
    else event.pull_request.changed_files = changedFiles;
    const eventPath = path.join(tmpDir('s15-event'), 'e.json');
    fs.writeFileSync(eventPath, JSON.stringify(event));
    return readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: `${OWNER}/${REPO}` });
  };
  const repo = () => {
    const dir = tmpDir('s15-git');
    return { dir, ...gitRepo(dir, { 'a.yaml': 'a: 1\n' }, { 'b.yaml': 'b: 1\n' }) };
  };

  test('a push diffs against its before commit; a new branch (before all zeros) has none, so every file counts', async () => {
    const { dir, baseSha, headSha } = repo();
    const push = (before: string) => {
      const eventPath = path.join(tmpDir('s15-event'), 'e.json');
      fs.writeFileSync(eventPath, JSON.stringify({ before, after: headSha }));
      return readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: `${OWNER}/${REPO}` });
    };
    const d = await detectChanges(dir, push(baseSha), undefined);
    expect([...d.changed!.files.keys()]).toEqual(['b.yaml']);
    const fresh = await detectChanges(dir, push('0'.repeat(40)), undefined);
    expect(fresh.changed).toBeUndefined();
    expect(fresh.notes).toEqual(['No base commit to compare with (not a pull request, or a new branch): every file counts as changed.']);
  });

  test('3,000 listed files and no changed_files in the event: the list may be cut, so git diff is used', async () => {
    const { dir, ...shas } = repo();
    const api = fakeApi({ listPullFiles: async () => filler(3000) });
    const d = await detectChanges(dir, context(undefined, shas), api);
    expect(d.changed?.source).toBe('git');
    expect(d.notes[0]).toContain("The API listed 3000 of the pull request's more than 3000 files");
  });

  test('a 403 listing the files is told as a token without `pull-requests: read`; no token at all is told so too', async () => {
    const { dir, ...shas } = repo();
    const forbidden = fakeApi({
      listPullFiles: async () => {
        throw new ApiError('403 Forbidden', 403);
      },
    });
    const d = await detectChanges(dir, context(1, shas), forbidden);
    expect(d.notes[0]).toContain('the token is read-only or lacks `pull-requests: read`');
    expect(d.changed?.source).toBe('git');
    expect((await detectChanges(dir, context(1, shas), undefined)).notes).toEqual([
      'No `github-token`: the changed files come from git diff.',
    ]);
  });
});

test('a depth-1 test-merge checkout asks the API for at most 100 head versions, each file once', async () => {
  const { ws } = headOnly({ 'a.yaml': 'a: 1\n' });
  const eventPath = path.join(tmpDir('s15-event'), 'e.json');
  fs.writeFileSync(eventPath, JSON.stringify(pullRequestEvent({ changedFiles: 150 })));
  const ctx = readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: `${OWNER}/${REPO}` });
  const asked: string[] = [];
  const api = fakeApi({ readFileAt: async (_repo, file) => (asked.push(file), 'x: 1\n') });
  // headFiles reads only these of the run's state.
  const state = { root: ws, ctx, api, log: () => {} } as unknown as RunState;
  const wanted = Array.from({ length: 150 }, (_, i) => `f${i}.yaml`);
  const head = await headFiles(state, () => ['f0.yaml', ...wanted]);
  expect(head.checkoutSha).toBe(git(ws, 'rev-parse', 'HEAD'));
  expect(asked).toEqual(wanted.slice(0, 100));
  expect([head.headText('f99.yaml'), head.headText('f100.yaml')]).toEqual(['x: 1\n', undefined]);
});

test('the head versions wanted: changed files the check read that hold a suppression comment first, then changed files with findings', () => {
  const ws = tmpDir('s15-compare');
  const comment = '# harness-registry-guard-disable no-app-harness-registry -- later\na: 1\n';
  writeFiles(ws, { 'c.yaml': comment, 'd.yaml': comment, 'e.yaml': 'a: 1\n', 'f.yaml': 'a: 1\n' });
  const changed = {
    source: 'api' as const,
    files: new Map(['c.yaml', 'd.yaml', 'e.yaml'].map((f) => [f, { path: f, status: 'modified' }])),
  };
  const result = {
    findings: [{ file: 'f.yaml' }, { file: 'e.yaml' }],
    scope: { scanned: new Set(['c.yaml', 'e.yaml', 'f.yaml'].map((f) => path.join(ws, f))) },
  } as unknown as Parameters<typeof filesToCompare>[2];
  expect(filesToCompare(ws, changed, result)).toEqual(['c.yaml', 'e.yaml']);
});
