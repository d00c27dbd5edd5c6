import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { applyEdits, chooseEdits, clashWithin, overlaps, withFix } from '../../src/engine/edits.js';
import type { Edit, Finding } from '../../src/engine/finding.js';
import type { RuleMeta } from '../../src/engine/rule.js';
import type { Loc } from '../../src/model/loc.js';
import { eolAt, isPlainSafe, replaceScalar, setMapValue } from '../../src/model/yaml-edits.js';
import { unifiedDiff } from '../../src/formats/diff.js';
import { View } from '../../src/model/view.js';
import { parseSource } from '../../src/parse/source.js';
import { runInChild } from '../helpers/child.js';

/** The View at a path in a one-document text. */
function at(text: string, ...p: Array<string | number>): View {
  const file = parseSource('t.yaml', text);
  expect(file.problems).toEqual([]);
  return View.root(file, file.docs[0]!)!.getIn(p)!;
}

const apply = (text: string, e: ReturnType<typeof replaceScalar>) => applyEdits(text, e ? [e] : []);

describe('replaceScalar keeps the quote style', () => {
  test.each([
    ['plain', 'a: x # c\n', 'a: https://h/p # c\n'],
    ['double', 'a: "x"\n', 'a: "https://h/p"\n'],
    ['single', "a: 'x'\n", "a: 'https://h/p'\n"],
  ])('%s', (_, text, expected) => {
    expect(apply(text, replaceScalar(at(text, 'a'), 'https://h/p'))).toBe(expected);
  });

  test('a single-quoted value with a quote doubles it; a double-quoted one escapes', () => {
    expect(apply("a: 'x'\n", replaceScalar(at("a: 'x'\n", 'a'), "it's"))).toBe("a: 'it''s'\n");
    expect(apply('a: "x"\n', replaceScalar(at('a: "x"\n', 'a'), 'say "hi"'))).toBe('a: "say \\"hi\\""\n');
  });

  test('a plain scalar that would change meaning is double-quoted; booleans are written plain', () => {
    expect(apply('a: x\n', replaceScalar(at('a: x\n', 'a'), 'true'))).toBe('a: "true"\n');
    expect(apply('a: x\n', replaceScalar(at('a: x\n', 'a'), 'a: b'))).toBe('a: "a: b"\n');
    expect(apply('a: "true"\n', replaceScalar(at('a: "true"\n', 'a'), false))).toBe('a: false\n');
  });

  test('in a flow collection a comma forces quotes; in block context it does not', () => {
    const flow = '{a: x}\n';
    expect(apply(flow, replaceScalar(at(flow, 'a'), 'p,q'))).toBe('{a: "p,q"}\n');
    expect(apply('a: x\n', replaceScalar(at('a: x\n', 'a'), 'p,q'))).toBe('a: p,q\n');
  });

  test('the anchor stays; block scalars and unchanged values give no edit', () => {
    expect(apply('a: &k x\nb: *k\n', replaceScalar(at('a: &k x\nb: *k\n', 'b'), 'z'))).toBe('a: &k z\nb: *k\n');
    expect(replaceScalar(at('a: |\n  x\n', 'a'), 'y')).toBeUndefined();
    expect(replaceScalar(at('a: x\n', 'a'), 'x')).toBeUndefined();
  });

  test('isPlainSafe rejects what reads back as another type or another string', () => {
    for (const s of ['https://registry.hub.docker.com', 'account.mirror', '<+input>.default(account.x)', 'harness/ci-addon:1.16.92', 'harness/y:1#tag']) expect(isPlainSafe(s)).toBe(true);
    for (const s of ['yes', 'y', 'null', '1.5', '0x1F', '- a', '*x', '&y', 'a #b', '#a', ' a', '', '!t', '{a}', 'x:']) expect(isPlainSafe(s)).toBe(false);
    expect(isPlainSafe('a,b')).toBe(false);
    expect(isPlainSafe('a,b', false)).toBe(true);
  });
});

describe('setMapValue on a key with no value', () => {
  test.each([
    ['a comment after it stays', 'spec:\n  e:   # why\n  u: x\n', 'spec:\n  e: false   # why\n  u: x\n'],
    ['last in the file', 'spec:\n  u: x\n  e:\n', 'spec:\n  u: x\n  e: false\n'],
    ['CRLF', 'spec:\r\n  e:\r\n  u: x\r\n', 'spec:\r\n  e: false\r\n  u: x\r\n'],
    ['in a flow map (its space stays)', 'spec: {e: , u: x}\n', 'spec: {e: false , u: x}\n'],
    ['a tag there: no edit', 'spec:\n  e: !!null\n  u: x\n', undefined],
    ['an anchor there: no edit', 'spec:\n  e: &a\n  u: x\n', undefined],
  ])('%s', (_, text, after) => {
    const edit = setMapValue(at(text, 'spec'), 'e', false);
    expect(edit ? apply(text, edit) : undefined).toBe(after);
  });
});

describe('setMapValue inserts at the right indentation and line ending', () => {
  test('after the last entry of a nested block map, past its trailing comment', () => {
    const text = 'spec:\n  url: x\n  auth:\n    type: A # t\nnext: 1\n';
    expect(apply(text, setMapValue(at(text, 'spec'), 'executeOnDelegate', false))).toBe('spec:\n  url: x\n  auth:\n    type: A # t\n  executeOnDelegate: false\nnext: 1\n');
  });

  test('a map that is a sequence item takes the column of its first key', () => {
    const text = 'list:\n  - name: a\n    url: x\n';
    expect(apply(text, setMapValue(at(text, 'list', 0), 'k', 'v'))).toBe('list:\n  - name: a\n    url: x\n    k: v\n');
  });

  test('CRLF files get CRLF; a file without a final newline keeps none', () => {
    const text = 'spec:\r\n  url: x\r\n';
    expect(apply(text, setMapValue(at(text, 'spec'), 'k', true))).toBe('spec:\r\n  url: x\r\n  k: true\r\n');
    const bare = 'spec:\r\n  url: x';
    expect(apply(bare, setMapValue(at(bare, 'spec'), 'k', true))).toBe('spec:\r\n  url: x\r\n  k: true');
  });

  test('flow maps get `, key: value` before the brace; an empty one gets the pair alone', () => {
    const text = 'spec: {url: x, auth: {type: A}}\n';
    expect(apply(text, setMapValue(at(text, 'spec'), 'k', false))).toBe('spec: {url: x, auth: {type: A}, k: false}\n');
    const empty = 'spec: {}\n';
    expect(apply(empty, setMapValue(at(empty, 'spec'), 'k', false))).toBe('spec: {k: false}\n');
  });

  test.each([
    ['|+', 'spec:\n  url: x\n  note: |+\n    keep\n\n\nnext: 1\n'],
    ['>2+', 'spec:\n  url: x\n  note: >2+\n    keep\n\nnext: 1\n'],
    ['|+ with CRLF', 'spec:\r\n  url: x\r\n  note: |+\r\n    keep\r\n\r\nnext: 1\r\n'],
    ['|+ as the last value of a nested map', 'spec:\n  url: x\n  auth:\n    note: |+\n      keep\n\nnext: 1\n'],
    ['>+ as the last item of a nested list', 'spec:\n  url: x\n  tags:\n    - a\n    - >+\n      keep\n\n'],
    ['|+ deeper down', 'spec:\n  url: x\n  a:\n    - b:\n        - |+\n          keep\n\n\n# end\n'],
  ])('a last value that keeps its trailing blank lines (%s) keeps them: the pair goes first', (_, text) => {
    const out = apply(text, setMapValue(at(text, 'spec'), 'k', false));
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    expect(out).toBe(text.replace(`spec:${eol}  url`, `spec:${eol}  k: false${eol}  url`));
    const { k, ...rest } = (parse(out) as { spec: Record<string, unknown> }).spec;
    expect([k, rest]).toEqual([false, (parse(text) as { spec: unknown }).spec]);
  });

  test('a last value that ends with a clipped block scalar, or a flow list, gets the pair after it', () => {
    const text = 'spec:\n  url: x\n  auth:\n    note: |\n      keep\n\n  tags: [a]\n';
    expect(apply(text, setMapValue(at(text, 'spec'), 'k', false))).toBe('spec:\n  url: x\n  auth:\n    note: |\n      keep\n\n  tags: [a]\n  k: false\n');
    const clip = 'spec:\n  url: x\n  auth:\n    note: |\n      keep\n\nnext: 1\n';
    expect(apply(clip, setMapValue(at(clip, 'spec'), 'k', false))).toBe('spec:\n  url: x\n  auth:\n    note: |\n      keep\n  k: false\n\nnext: 1\n');
  });

  test('an existing key is replaced in place', () => {
    const text = 'spec:\n  k: "Other"\n  z: 1\n';
    expect(apply(text, setMapValue(at(text, 'spec'), 'k', 'DockerHub'))).toBe('spec:\n  k: "DockerHub"\n  z: 1\n');
  });

  test('eolAt reads the ending at an offset, else the file’s first', () => {
    expect(eolAt('a\r\nb', 1)).toBe('\r\n');
    expect(eolAt('a\nb', 1)).toBe('\n');
    expect(eolAt('a\r\nb', 4)).toBe('\r\n');
    expect(eolAt('ab', 2)).toBe('\n');
  });
});

describe('choosing and applying edits', () => {
  test('overlapping groups are skipped whole; an identical edit is shared; insertions at a replacement edge overlap', () => {
    const a = { start: 0, end: 2, text: 'X' };
    const b = { start: 1, end: 3, text: 'Y' };
    const c = { start: 5, end: 5, text: 'Z' };
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps({ start: 2, end: 2, text: '' }, a)).toBe(true);
    expect(overlaps({ start: 2, end: 4, text: '' }, a)).toBe(false);
    const { chosen, taken } = chooseEdits([[a], [b, c], [c], [{ ...a }]]);
    expect(taken).toEqual([0, 2, 3]);
    expect(chosen).toEqual([a, c]);
    expect(applyEdits('abcdefg', chosen)).toBe('XcdeZfg');
    expect(() => applyEdits('abc', [a, b])).toThrow(/overlapping/);
  });

  test("within one fix, an insertion at the edge of its own replacement is kept (a URL replaced, a pair inserted after it); two insertions at one place are not", () => {
    const url = { start: 0, end: 2, text: 'URL' };
    const pair = { start: 2, end: 2, text: ', p: 1' };
    expect(chooseEdits([[url, pair]])).toEqual({ chosen: [url, pair], taken: [0] });
    expect(applyEdits('ab}', [url, pair])).toBe('URL, p: 1}');
    expect(chooseEdits([[pair, { ...pair, text: 'q' }]])).toEqual({ chosen: [], taken: [] });
    // Another fix touching it still waits for the next pass.
    expect(chooseEdits([[url], [pair]]).taken).toEqual([0]);
  });

  test('chooses what checking every chosen edit would choose, on random groups (sorted lookups must not miss a neighbour)', () => {
    const everyChosen = (groups: Edit[][]) => {
      const chosen: Edit[] = [];
      const taken: number[] = [];
      groups.forEach((group, i) => {
        const fresh = group.filter((e) => !chosen.some((c) => c.start === e.start && c.end === e.end && c.text === e.text));
        const selfOverlap = fresh.some((e, j) => fresh.some((f, k) => j < k && clashWithin(e, f)));
        if (selfOverlap || fresh.some((e) => chosen.some((c) => overlaps(c, e)))) return;
        chosen.push(...fresh);
        taken.push(i);
      });
      return { chosen: chosen.sort((x, y) => x.start - y.start || x.end - y.end), taken };
    };
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 8) % n;
    for (let round = 0; round < 300; round++) {
      const groups = Array.from({ length: 1 + rand(12) }, () =>
        Array.from({ length: 1 + rand(3) }, () => {
          const start = rand(40);
          return { start, end: start + rand(4), text: 'xy'[rand(2)]! };
        }),
      );
      expect(chooseEdits(groups)).toEqual(everyChosen(groups));
    }
  });
});

describe('applyEdits', () => {
  test('an insertion at the start of a replacement goes before it, in whatever order the two are given', () => {
    const edits = [
      { start: 5, end: 8, text: 'X' },
      { start: 5, end: 5, text: 'I' },
    ];
    expect(applyEdits('abcdefgh', edits)).toBe('abcdeIX');
    expect(applyEdits('abcdefgh', [...edits].reverse())).toBe('abcdeIX');
  });
});

describe('withFix: what a report\'s edits become on its finding', () => {
  const rule = (fixable: RuleMeta['fixable']) => ({ id: 'r', fixable }) as RuleMeta;
  const at = (embedded = false): Loc => ({ file: 'a.yaml', start: 0, end: 1, value: null, path: undefined, flags: embedded ? 4 : 0 });
  const edit = { start: 0, end: 1, text: 'x' };
  const aliasedEdit = { ...edit, aliased: true as const };
  const NOTE = 'The value is anchored and also used through an alias elsewhere, where the change applies too: check those places first.';
  const made = (r: RuleMeta, report: Parameters<typeof withFix>[1]) => {
    const { fix, fixTitle, suggestion } = withFix(r, report, {} as Finding);
    return { fix, fixTitle, suggestion };
  };

  test("a safe rule's fix is a fix, with its title", () => {
    expect(made(rule('safe'), { at: at(), fix: [edit], fixTitle: 'T' })).toEqual({ fix: [edit], fixTitle: 'T', suggestion: undefined });
  });

  test('a fix of an anchored value an alias uses too is only a suggestion, which says so', () => {
    expect(made(rule('safe'), { at: at(), fix: [aliasedEdit], fixTitle: 'T' })).toEqual({
      fix: undefined,
      fixTitle: undefined,
      suggestion: { title: `T ${NOTE}`, edits: [edit] },
    });
    expect(made(rule('safe'), { at: at(), suggestion: { title: 'S', edits: [aliasedEdit] } }).suggestion).toEqual({
      title: `S ${NOTE}`,
      edits: [edit],
    });
  });

  test("a fix wins over the report's suggestion", () => {
    expect(made(rule('safe'), { at: at(), fix: [edit], fixTitle: 'T', suggestion: { title: 'S', edits: [edit] } }).suggestion).toBeUndefined();
  });

  test("no edit inside an embedded YAML text, and none of a rule that fixes nothing", () => {
    const empty = { fix: undefined, fixTitle: undefined, suggestion: undefined };
    expect(made(rule('safe'), { at: at(true), fix: [edit], fixTitle: 'T', suggestion: { title: 'S', edits: [edit] } })).toEqual(empty);
    expect(made(rule('none'), { at: at(), fix: [edit], fixTitle: 'T', suggestion: { title: 'S', edits: [edit] } })).toEqual(empty);
  });
});

describe('unifiedDiff', () => {
  const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const cases: Array<[string, string, string]> = [
    ['one line changed', 'a\nb\nc\n', 'a\nB\nc\n'],
    ['insertion at the end, no final newline', 'a\nb', 'a\nb\nc'],
    ['CRLF lines and two hunks far apart', Array.from({ length: 30 }, (_, i) => `l${i}\r\n`).join(''), Array.from({ length: 30 }, (_, i) => (i === 2 || i === 25 ? `L${i}\r\n` : `l${i}\r\n`)).join('')],
    ['deletion and insertion', 'x\ny\nz\n', 'y\nz\nw\n'],
  ];
  test.each(cases)('%s: git apply turns the old text into the new', (_, before, after) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-diff-'));
    try {
      fs.writeFileSync(path.join(dir, 'f.yaml'), before);
      fs.writeFileSync(path.join(dir, 'p.diff'), unifiedDiff(before, after, 'a/f.yaml', 'b/f.yaml'));
      git(['init', '-q'], dir);
      git(['apply', '--whitespace=nowarn', 'p.diff'], dir);
      expect(fs.readFileSync(path.join(dir, 'f.yaml'), 'utf8')).toBe(after);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a name with control characters is quoted as git quotes it, and git apply finds the file', () => {
    const name = 'x\t"q"\\b\u007f\u001bé.yaml';
    const diff = unifiedDiff('a\n', 'b\n', `a/${name}`, `b/${name}`);
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- "a/x\\t\\"q\\"\\\\b\\177\\033é.yaml"', '+++ "b/x\\t\\"q\\"\\\\b\\177\\033é.yaml"']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-diff-'));
    try {
      fs.writeFileSync(path.join(dir, name), 'a\n');
      fs.writeFileSync(path.join(dir, 'p.diff'), diff);
      git(['init', '-q'], dir);
      git(['apply', 'p.diff'], dir);
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe('b\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Names git takes as they are stay as they are: spaces, quotes and backslashes with no control character.
    expect(unifiedDiff('a\n', 'b\n', 'a/x "y"\\z é', 'b/x "y"\\z é').split('\n')[0]).toBe('--- a/x "y"\\z é');
  });

  test('a name with C1 control characters (U+0080 to U+009F) is quoted as git diff quotes it, byte for byte, and git apply finds the file', () => {
    const name = 'c1\u0085nel\u009b31m\u0080.yaml';
    const diff = unifiedDiff('a\n', 'b\n', `a/${name}`, `b/${name}`);
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- "a/c1\\302\\205nel\\302\\23331m\\302\\200.yaml"', '+++ "b/c1\\302\\205nel\\302\\23331m\\302\\200.yaml"']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-diff-'));
    try {
      fs.writeFileSync(path.join(dir, name), 'a\n');
      git(['init', '-q'], dir);
      git(['add', '.'], dir);
      git(['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgSign=false', 'commit', '-q', '-m', 'a'], dir);
      fs.writeFileSync(path.join(dir, name), 'b\n');
      // What git diff writes with core.quotePath at its default (true), whatever the user's config says.
      const gitDiff = git(['-c', 'core.quotePath=true', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', 'diff'], dir);
      expect(gitDiff.match(/^(---|\+\+\+) .*$/gm)).toEqual(diff.split('\n').slice(0, 2));
      git(['checkout', '-q', '--', '.'], dir);
      fs.writeFileSync(path.join(dir, 'p.diff'), diff);
      git(['apply', 'p.diff'], dir);
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe('b\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the header and hunk of a one-line change', () => {
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'a/f', 'b/f')).toBe('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('same\n', 'same\n', 'a/f', 'b/f')).toBe('');
  });

  /** n steps of 8 lines, each with its image line changed by `after`, and the diff expected: one hunk per step. */
  const steps = (n: number) => {
    const step = (i: number, image: string) =>
      `  - step:\n      identifier: s${i}\n      name: step ${i}\n      type: Run\n      spec:\n        image: ${image}\n        shell: Sh\n        command: echo\n`;
    const before = Array.from({ length: n }, (_, i) => step(i, 'app.harness.io/registry/harness/ci-addon:1')).join('');
    const after = Array.from({ length: n }, (_, i) => step(i, 'mirror.example.com/harness/ci-addon:1')).join('');
    const hunks = Array.from({ length: n }, (_, i) => {
      const l = 8 * i + 6;
      return [
        `@@ -${l - 3},7 +${l - 3},7 @@`,
        `       name: step ${i}`,
        '       type: Run',
        '       spec:',
        '-        image: app.harness.io/registry/harness/ci-addon:1',
        '+        image: mirror.example.com/harness/ci-addon:1',
        '         shell: Sh',
        '         command: echo',
        '   - step:',
      ].slice(0, i === n - 1 ? 8 : 9);
    });
    hunks[n - 1]![0] = `@@ -${8 * n - 5},6 +${8 * n - 5},6 @@`;
    return { before, after, diff: `--- a/f\n+++ b/f\n${hunks.flat().join('\n')}\n` };
  };

  test('a few changed lines get one hunk each', () => {
    const { before, after, diff } = steps(3);
    expect(unifiedDiff(before, after, 'a/f', 'b/f')).toBe(diff);
  });

  test('16,000 changed lines are diffed in linear memory, with the same hunks', () => {
    // The diff kept a copy of its frontier for every edit: 8,000 changed lines ran out of memory and
    // 4,000 took 12 s and 2.7 GB. Jest cannot stop a synchronous test, so the diff runs in a child
    // process with a memory cap and a time limit far above the linear run (about a second).
    const script = `
      import fs from 'node:fs';
      import { unifiedDiff } from './src/formats/diff.ts';
      const [before, after] = JSON.parse(fs.readFileSync(0, 'utf8'));
      process.stdout.write(unifiedDiff(before, after, 'a/f', 'b/f'));`;
    const { before, after, diff } = steps(16_000);
    const out = runInChild(script, { nodeArgs: ['--max-old-space-size=512'], input: JSON.stringify([before, after]), limitMs: 60_000 });
    expect(out === diff).toBe(true);
  }, 120_000);
});
