import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fastParse } from '../src/core/fast-yaml.js';
import { Info, RECORD } from '../src/core/tree.js';
import { fastParserDiff } from './helpers/tree-compare.js';

const corpus = path.resolve('../shared/corpus/files');
const generator = path.resolve('../shared/bench/gen.mjs');

describe('fast parser agrees with yaml', () => {
  it('on every corpus file it takes', () => {
    const files = fs.readdirSync(corpus);
    let taken = 0;
    const diffs: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8').replace(/^\uFEFF/, '');
      if (fastParse(text)) taken++;
      const d = fastParserDiff(text);
      if (d) diffs.push(`${f}: ${d}`);
    }
    console.log(`fast parser took ${taken} of ${files.length} corpus files`);
    expect(diffs).toEqual([]);
    expect(taken).toBeGreaterThan(files.length * 0.8);
  });

  it('on every file of a synthetic monorepo, and takes them all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-synthetic-'));
    try {
      execFileSync(process.execPath, [generator, dir, '200']);
      const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml'));
      expect(files.length).toBe(220);
      for (const f of files) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        expect([f, fastParse(text) !== undefined]).toEqual([f, true]);
        expect([f, fastParserDiff(text)]).toEqual([f, undefined]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Layouts whose ranges `yaml` computes in non-obvious ways (comments after the last item, empty values, CRLF). */
const tricky = [
  'a: 1\nb:\nc: x # c\n',
  'k:\n  - a\n  - b: 1\n    c: |\n      x\n      y\n\n\n    d: |-\n      z\n  # comment\n\ne: f\n',
  'k:\n- a\n- b\n',
  'a: {}\nb: []\nc: "q"\nd: \'s\'\'t\'\n',
  'a:\n  b:\n    c: 1\n    # deep\n  # mid\n# top\nd: 2\n',
  'a:\n  b:\n    c: 1\n    # deep\n\n  # mid\n\n# top\n',
  'a:\n  b:\n    c: 1\n\n\n',
  'a:\n  b:\n    c: 1',
  'a:\n  b:\n    c: 1\n  # mid\n    # deeper after mid\nd: 1\n',
  'a:   \nb: 1\n',
  'a:\n  - x\n  -\n  - \n',
  'a: |\n  x\n\n  \n\nb: 1\n',
  'a: |\n  x\n  # not comment\n # comment?\nb: 1\n',
  'a: x\r\nb: |\r\n  y\r\n  z\r\nc: 1\r\n',
  'a:\r\nb: 1\r\n',
  '- a: 1\n  b:\n- c\n',
  'a: 1\n# end',
  'a:\n- x\n# c\n',
  'a: |-\n  x\n  y\n\nb: 2',
  'a:\n  b: x\n      # indented after a scalar\n  # at the map\nc: 1\n',
  'a:\n  - x\n      # indented after an item\n# top\n',
  'a:\n  b: {}   # c\n    # more\nc: 1\n',
  'p:\n  s:\n    - t:\n        n: 1\n        # c1\n      # c2\n    # c3\n  # c4\nq: 1\n',
  'a: 0x1F\nb: 0o17\nc: 1.5e3\nd: .inf\ne: -.INF\nf: .NaN\ng: ~\nh: Null\ni: TRUE\nj: 012\nk: +5\nl: -0\nm: 1_000\nn: 0b11\n',
  'a: "x # y"\nb: x#y\nc: http://x:80/y\nd: -x\ne: "a\'b"\n',
];

describe('fast parser on tricky layouts', () => {
  it.each(tricky.map((t) => [JSON.stringify(t), t]))('%s', (_name, text) => {
    expect(fastParserDiff(text)).toBeUndefined();
  });

  it('takes the common layouts (so the comparisons above compare something)', () => {
    const declined = tricky.filter((t) => !fastParse(t));
    expect(declined).toEqual([]);
  });

  it('gives up on what it does not reproduce', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: [1, 2]\n', 'a: >\n  x\n', '---\na: 1\n', 'a: b\n  c\n', 'a:\tb\n', '"k": 1\n', 'a: 1\na: 2\n', 'a: "x\\ty"\n', 'a:  # c\nb: 1\n'])
      expect(fastParse(text)).toBeUndefined();
  });

  it('the comparison notices a wrong position', () => {
    const text = 'a:\n  b: x\n';
    expect(fastParserDiff(text)).toBeUndefined();
    const records = fastParse(text)!.records;
    let tampered = 0;
    for (let i = 0; i < records.length; i++) {
      // A nested container's slot in its parent is not read (the container's own header is), and
      // owner links are checked by the semantic-path tests.
      if (records[i - (i % RECORD) + 2] === Info.Nested || i % RECORD === 3) continue;
      expect(fastParserDiff(text, (r) => (r[i] = r[i]! + 1))).toBeDefined();
      tampered++;
    }
    expect(tampered).toBe(15);
  });
});
