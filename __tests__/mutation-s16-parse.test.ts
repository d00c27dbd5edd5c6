import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { fastParse } from '../src/parse/fast-yaml.js';
import { linesOf, parseSource, type SourceFile } from '../src/parse/source.js';
import { ADDR, RECORD, type TreeMap } from '../src/parse/tree.js';
import { fastParserDiff } from './helpers/tree-compare.js';
import { View } from '../src/model/view.js';
import { semanticPath } from '../src/model/walk.js';

// Behaviour of the YAML parsing layer that no other test pinned down, found by mutation testing.

/** What `yaml` makes of a text: its error codes, or its documents as `toJS()` gives them. */
function yamlReading(text: string): { errors: string[]; values?: unknown[] } {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const errors = docs.flatMap((d) => d.errors.map((e) => e.code));
  return errors.length ? { errors } : { errors, values: docs.map((d) => d.toJS()) };
}

describe('the fast parser agrees with yaml or leaves the text to it', () => {
  // Texts that `yaml` reports as broken: the fast parser must not take them (it would miss the error).
  it.each([
    ['a document end marker followed by content', 'a: 1\n... x: 1\n'],
    ['an implicit key over 1024 characters', `${'k'.repeat(1030)}: 1\n`],
    ['a tab as indentation', '\ta: 1\n'],
    ['text after an empty flow map', 'a: {} x\n'],
    ['a lone dash as a value', 'a: -\n'],
    ['a value ending in a colon (a nested map on a key line)', 'a: b:\n'],
    ['a comment right after a closing quote', 'a: "x"# c\n'],
    ['a literal block whose leading blank line is indented deeper than its text', 'a: |\n    \n  x\n'],
    ['a literal block whose text is not indented', 'a: |\nx\n'],
  ])('%s is a syntax error, not a value', (_what, text) => {
    expect(yamlReading(text).errors.length).toBeGreaterThan(0);
    expect(fastParse(text)).toBeUndefined();
    expect(parseSource('x.yaml', text).problems.map((p) => p.kind)).toContain('syntax');
  });

  // Texts `yaml` reads, where a plain reading of the characters gives another value or other places.
  it.each([
    ['a BOM before the first key', '\ufeffa: 1\n'],
    ['a tab before a comment', 'a: x\t# c\n'],
    ['a line separator (U+2028) inside a value', 'a: x\u2028y\n'],
    ['a C1 control character (NEL) inside a value', 'a: x\u0085y\n'],
    ['a key followed by a comment holding a colon', 'a #b: 1\n'],
    ['a __proto__ key', '__proto__: 1\nb: 2\n'],
    ['a null key', '~: 1\nb: 2\n'],
    ['boolean keys', 'true: x\nfalse: y\n'],
    ['a multi-line double-quoted value', 'a: "x\n  y"\nb: 1\n'],
    ['an empty value followed by an indented comment', 'a:\n  # c\nb: 1\n'],
    ['an empty value followed by a comment', 'a:\n# c\nb: 1\n'],
    ['a comment between a literal block and the next key, indented less than the text', 'k:\n  a: |\n      x\n    # c\nb: 1\n'],
  ])('%s: same value and positions as yaml', (_what, text) => {
    expect(yamlReading(text).errors).toEqual([]);
    expect(fastParserDiff(text)).toBeUndefined();
    expect(parseSource('x.yaml', text).docs.map((d) => d.json)).toEqual(yamlReading(text).values);
  });
});

describe('nesting past the cap', () => {
  const maps = (levels: number) =>
    Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}k:\n`).join('') + `${'  '.repeat(levels)}x: 1\n`;
  const seqsOfMaps = (levels: number) =>
    Array.from({ length: levels / 2 }, (_, i) => `${'    '.repeat(i)}- k:\n`).join('') + `${'    '.repeat(levels / 2)}- x\n`;

  it.each([
    ['block maps', maps(250)],
    ['block maps, deeper than a plain recursion survives', maps(5000)],
    ['list items that are maps (201 levels)', seqsOfMaps(200)],
  ])('%s nested past 200 levels are one too-deep problem, not a tree', (_what, text) => {
    const file = parseSource('deep.yaml', text);
    expect(file.docs).toEqual([]);
    expect(file.problems.map((p) => [p.kind, p.message])).toEqual([['too-deep', 'YAML nests more than 200 levels deep']]);
  });

  it('block maps nested 150 levels deep are read whole', () => {
    const file = parseSource('deep.yaml', maps(150));
    expect(file.problems).toEqual([]);
    expect(file.docs).toHaveLength(1);
  });
});

describe('problems the yaml fallback reports', () => {
  it('an error right after a closing quote is placed where yaml places it, not at the opening quote', () => {
    // Only a missing closing quote is moved to the quote that opens it.
    const text = 'a: "x"y\n';
    expect(parseSource('x.yaml', text).problems.map((p) => [p.kind, p.start, p.end])).toEqual([['syntax', 6, 7]]);
  });

  it('each of several documents with an unclosed quote is one error at its quote, and the document after them is read', () => {
    const broken = (v: string) => `k:\n  u: "${v}\n---\n`;
    const text = broken('w') + broken('x') + broken('y') + broken('z') + 'c: 1\n';
    const file = parseSource('x.yaml', text);
    const quotes = [...text.matchAll(/"/g)].map((m) => m.index);
    expect(file.problems.map((p) => [p.kind, p.start, p.message])).toEqual(quotes.map((q) => ['syntax', q, 'Missing closing "quote']));
    expect(file.docs.map((d) => d.json)).toEqual([{ c: 1 }]);
  });

  it('aliases that expand past 100 nodes leave their document out as one aliases problem; fewer are read', () => {
    const levels = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i
          ? `a${i}: &a${i} [${Array(10)
              .fill(`*a${i - 1}`)
              .join(', ')}]`
          : 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
      ).join('\n') + '\n';
    const bomb = parseSource('x.yaml', levels(3));
    expect(bomb.docs).toEqual([]);
    expect(bomb.problems.map((p) => [p.kind, p.start])).toEqual([['aliases', 0]]);
    const fine = parseSource('x.yaml', levels(2));
    expect(fine.problems).toEqual([]);
    expect((fine.docs[0]!.json as { a1: unknown[][] }).a1).toHaveLength(10);
  });
});

describe('positions of the yaml fallback', () => {
  it.each([
    ['a tab', '\t'],
    ['a no-break space', '\u00a0'],
    ['an ideographic space', '\u3000'],
  ])('a map ends at its last visible character, before %s at the end of its last line', (_what, blank) => {
    // The anchor leaves the file to yaml, whose node range runs to the next line.
    const text = `a: &x 1\nb:\n  c: d${blank}\ne: *x\n`;
    const file = parseSource('x.yaml', text);
    const b = (file.docs[0]!.value as TreeMap).b as TreeMap;
    expect(file.records[b[ADDR] * RECORD + 1]).toBe(text.indexOf('d') + 1);
  });

  it("a text that still holds a lone CR (a baseline's) counts it as a line break", () => {
    const file = { path: 'x.yaml', text: 'a: 1\rb: 2\r\nc: 3\n' } as SourceFile;
    expect(linesOf(file).lineStarts).toEqual([0, 5, 11, 16]);
  });
});

describe('paths in fast-parsed maps', () => {
  it('a list item with a step and another key is no step wrapper: its path is its index, then its keys', () => {
    const text = 'pipeline:\n  steps:\n    - when: y\n      step:\n        identifier: s\n        image: x\n';
    const file = parseSource('t.yaml', text);
    const root = View.root(file, file.docs[0]!)!.get('pipeline')!;
    const item = root.get('steps')!.item(0)!;
    expect(semanticPath(root, item.get('step')!.get('image')!)).toBe('steps/0/step/image');
    expect(semanticPath(root, item.get('when')!)).toBe('steps/0/when');
  });
});
