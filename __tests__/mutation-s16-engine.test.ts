import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, describe, expect, it } from '@jest/globals';
import { tuneHeapForScan } from '../src/engine/heap.js';
import { applyEdits, chooseEdits, withFix } from '../src/engine/edits.js';
import type { Finding } from '../src/engine/finding.js';
import { findingAt, sortAndDedupe } from '../src/engine/finding.js';
import { globSet } from '../src/engine/glob.js';
import { jsonErrorOffset, jsonListItemRanges } from '../src/engine/json-text.js';
import { messageOf, type RuleMeta } from '../src/engine/rule.js';
import { LinkRefusal, writeWithoutLinks } from '../src/engine/safe-write.js';
import { validateAgainst } from '../src/engine/schema.js';
import { makeLoc } from '../src/model/loc.js';
import { View } from '../src/model/view.js';
import { parseSource } from '../src/parse/source.js';

// Behaviour of the engine's small modules that no other test pinned down, found by mutation testing.

/** Replaces `obj[key]` until the test ends. */
const restores: Array<() => void> = [];
function replace<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): void {
  const old = obj[key];
  obj[key] = value;
  restores.push(() => (obj[key] = old));
}
afterEach(() => {
  while (restores.length) restores.pop()!();
});

// First in the file: the heap tuning keeps its state in the module, and nothing here has scanned a file yet.
describe('tuneHeapForScan', () => {
  it('turns pretenuring off on the first file; every 32 files caps the young generation once it reaches 32 MB, and slows the old generation growth once the heap holds 100 MB', () => {
    const flags: string[] = [];
    let looks = 0;
    let youngBytes = 16 * 2 ** 20;
    let usedBytes = 40 * 2 ** 20;
    replace(v8, 'setFlagsFromString', (f: string) => void flags.push(f));
    replace(v8, 'getHeapSpaceStatistics', () => {
      looks++;
      return [{ space_name: 'new_space', space_size: youngBytes } as v8.HeapSpaceInfo];
    });
    replace(v8, 'getHeapStatistics', () => ({ used_heap_size: usedBytes }) as v8.HeapInfo);
    tuneHeapForScan(0);
    expect([flags, looks]).toEqual([['--no-allocation-site-pretenuring --no-minor-gc-task'], 1]);
    for (let n = 2; n <= 32; n++) tuneHeapForScan(0);
    expect([flags.length, looks]).toEqual([1, 1]);
    youngBytes = 32 * 2 ** 20;
    tuneHeapForScan(0); // the 33rd file
    expect([flags.slice(1), looks]).toEqual([['--semi-space-growth-factor=1'], 2]);
    for (let n = 34; n <= 64; n++) tuneHeapForScan(0);
    usedBytes = 100 * 2 ** 20 + 1;
    expect(flags.length).toBe(2);
    tuneHeapForScan(0); // the 65th file
    expect(flags.slice(2)).toEqual(['--heap-growing-percent=50']);
    for (let n = 66; n <= 200; n++) tuneHeapForScan(0);
    expect([flags.length, looks]).toEqual([3, 2]);
  });
});

describe('chooseEdits and applyEdits', () => {
  const url = { start: 10, end: 20, text: 'https://mirror' };
  it('keeps a fix whose insertion sits at the start of its own replacement', () => {
    const before = { start: 10, end: 10, text: '# moved\n' };
    expect(chooseEdits([[url, before]])).toEqual({ chosen: [before, url], taken: [0] });
  });

  it('refuses an edit that ends past the text or before it starts, instead of writing a garbled file', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: 'x' }])).toThrow('out-of-range edit at 2');
    expect(() => applyEdits('abc', [{ start: 2, end: 1, text: 'x' }])).toThrow('out-of-range edit at 2');
  });
});

describe('withFix', () => {
  const rule = { fixable: 'suggestion' } as RuleMeta;
  it('turns no untitled fix of a suggestion rule into a suggestion', () => {
    const at = View.root(parseSource('t.yaml', 'a: 1\n'), parseSource('t.yaml', 'a: 1\n').docs[0]!)!;
    const finding = withFix(rule, { at: at as never, fix: [{ start: 3, end: 4, text: '2' }] }, {} as Finding);
    expect(finding).toEqual({});
  });
});

describe('writeWithoutLinks', () => {
  function workspace() {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-s16-engine-'));
    const ws = path.join(top, 'ws');
    fs.mkdirSync(ws);
    return { top, ws, root: { dir: ws, name: 'the workspace' } };
  }

  it('refuses a folder on the way that is a link leading nowhere, naming it, and creates nothing', () => {
    const { top, ws, root } = workspace();
    fs.symlinkSync(path.join(top, 'gone'), path.join(ws, 'reports'));
    expect(() => writeWithoutLinks('reports/x.md', 'x', root)).toThrow(
      new LinkRefusal('the folder "reports" is a symbolic link leading outside the workspace'),
    );
    expect(fs.existsSync(path.join(top, 'gone'))).toBe(false);
  });

  it('refuses a folder on the way that links to the workspace’s parent', () => {
    const { top, ws, root } = workspace();
    fs.symlinkSync('..', path.join(ws, 'up'));
    expect(() => writeWithoutLinks('up/x.md', 'x', root)).toThrow(LinkRefusal);
    expect(fs.readdirSync(top)).toEqual(['ws']);
  });

  it('refuses the file itself as a link to a folder: refused as a link, not failing on the folder', () => {
    const { ws, root } = workspace();
    fs.mkdirSync(path.join(ws, 'dir'));
    fs.symlinkSync('dir', path.join(ws, 'out.json'));
    expect(() => writeWithoutLinks('out.json', 'x', root)).toThrow(LinkRefusal);
  });

  it('opens the file without following a link, so a link made after the check is refused too and its target kept', () => {
    const { top, ws, root } = workspace();
    fs.writeFileSync(path.join(top, 'victim'), 'precious\n');
    fs.symlinkSync(path.join(top, 'victim'), path.join(ws, 'out.sarif'));
    // The check sees no link (as if the link were made between the check and the open).
    const lstat = fs.lstatSync;
    replace(fs, 'lstatSync', ((p: fs.PathLike) => (String(p).endsWith('out.sarif') ? lstat(top) : lstat(p))) as typeof fs.lstatSync);
    expect(() => writeWithoutLinks('out.sarif', 'x', root)).toThrow(
      new LinkRefusal('it is a symbolic link, and links are not written through'),
    );
    expect(fs.readFileSync(path.join(top, 'victim'), 'utf8')).toBe('precious\n');
  });

  it('reports a folder it cannot create with the reason mkdir gave', () => {
    const { root } = workspace();
    replace(fs, 'mkdirSync', (() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    }) as unknown as typeof fs.mkdirSync);
    expect(() => writeWithoutLinks('new/x.md', 'x', root)).toThrow(expect.objectContaining({ code: 'EACCES' }));
  });
});

describe('jsonListItemRanges', () => {
  it('gives each item its exact range, without the spaces and line breaks around it', () => {
    const text = '{\n  "entries": [\n    {"a": 1} ,\n    "s"\n  ]\n}';
    const ranges = jsonListItemRanges(text, 'entries');
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['{"a": 1}', '"s"']);
  });

  it('ignores a later top-level list under another key', () => {
    const text = '{"entries": [1, 2], "other": [3]}';
    expect(jsonListItemRanges(text, 'entries').map(([s, e]) => text.slice(s, e))).toEqual(['1', '2']);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['CRLF line breaks are spaces', '[1,\r\n x]', 6],
    ['an uppercase \\u escape is valid', '["\\u00E9", x]', 11],
    ['an escaped slash is valid', '["\\/", x]', 7],
    ['a leading zero is not', '[01]', 2],
    ['an exponent may have a + sign', '[1e+5, x]', 7],
  ])('%s: %j breaks at %d', (_, text, offset) => {
    // V8 names no position for these: the offset is the first character JSON's grammar rejects.
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});

describe('schema messages (validateAgainst)', () => {
  const check = (schema: object, yaml: string) => {
    const file = parseSource('c.yml', yaml);
    const root = View.root(file, file.docs[0]!)!;
    return validateAgainst(schema, file.docs[0]!.json, root).map((p) => p.message);
  };

  it('names a key holding a `/` as written', () => {
    expect(check({ type: 'object', additionalProperties: { type: 'string' } }, 'a/b: 1\n')).toEqual(['`a/b` must be a string.']);
  });

  it('escapes a C1 control character in an unknown key, so a printed message cannot start a line', () => {
    expect(check({ type: 'object', additionalProperties: false }, '"x\\u0085y": 1\n')).toEqual(['has unknown key `x\\u0085y`.']);
  });

  it('lists an enum that holds true but not false as its values', () => {
    expect(check({ type: 'object', properties: { k: { enum: [true, 'auto'] } } }, 'k: 1\n')).toEqual(['`k` must be one of true, auto.']);
  });

  it('says "must not be empty" only for a minimum length of 1', () => {
    expect(check({ type: 'object', properties: { k: { type: 'string', minLength: 2 } } }, 'k: a\n')).toEqual([
      '`k` must NOT have fewer than 2 characters.',
    ]);
  });
});

describe('globSet', () => {
  it('matches when any of the paths given for one file matches', () => {
    expect(globSet(['legacy/**']).test('repo/legacy/a.yaml', 'legacy/a.yaml')).toBe(true);
  });

  it('counts every pattern that matched a path as used, not only the first', () => {
    const set = globSet(['*.yaml', 'x*']);
    expect(set.test('x.yaml')).toBe(true);
    expect(set.unmatched()).toEqual([]);
  });
});

describe('findings', () => {
  const loc = (start: number, end: number) => makeLoc('a.yaml', start, end, 'v', 'p', 0);
  const place = () => ({ line: 1, column: 1, endLine: 1, endColumn: 2 });
  const f = (ruleId: string, message: string, start = 0, end = 1) => findingAt(ruleId, 'error', message, loc(start, end), place);

  it('sort by rule, then message, on the same position, whatever order they come in', () => {
    const sorted = sortAndDedupe([f('r2', 'a'), f('r1', 'b', 2), f('r1', 'a', 4)]);
    expect(sorted.map((x) => `${x.ruleId} ${x.message}`)).toEqual(['r1 a', 'r1 b', 'r2 a']);
  });

  it('are deduplicated only when the rule and the whole range repeat', () => {
    expect(sortAndDedupe([f('r', 'm', 0, 1), f('r', 'm', 0, 5), f('r', 'm', 0, 1)])).toHaveLength(2);
  });

  it('carry no related list when there is nothing related', () => {
    expect('related' in findingAt('r', 'error', 'm', loc(0, 1), place, { related: [] })).toBe(false);
  });
});

describe('messageOf', () => {
  const rule = { messages: { m: 'a {{ x }} b {{y}} c {{ missing }}' } };
  it('fills `{{ name }}` with or without spaces, keeps a placeholder it has no data for, and gives an unknown id as is', () => {
    expect(messageOf(rule, 'm', { x: 1, y: 'two' })).toBe('a 1 b two c {{missing}}');
    expect(messageOf(rule, 'nope')).toBe('nope');
  });
});
