import { describe, expect, test } from '@jest/globals';
import { jsonErrorOffset, jsonListItemRanges } from '../../src/engine/json-text.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

const ATOMS = ['0', '-1.5e3', 'true', 'false', 'null', '""', '"a\\"b"', '"\\\\"', '"\\u00e9 {[,]}"', '"tab\\there"'];
function randomJson(pick: (n: number) => number, depth = 0): string {
  const kind = depth > 3 ? 2 : pick(3);
  if (kind === 0) return `[${Array.from({ length: pick(4) }, () => randomJson(pick, depth + 1)).join(pick(2) ? ', ' : ',\n  ')}]`;
  if (kind === 1)
    return `{${Array.from({ length: pick(4) }, (_, i) => `"k${i}${pick(2) ? ' \\"x\\"' : ''}": ${randomJson(pick, depth + 1)}`).join(', ')}}`;
  return ATOMS[pick(ATOMS.length)]!;
}

/** V8's own position, where its message gives one. */
const v8Offset = (text: string): number | undefined => {
  try {
    JSON.parse(text);
    return -1;
  } catch (e) {
    const at = /at position (\d+)/.exec((e as Error).message);
    return at ? Number(at[1]) : undefined;
  }
};

describe('jsonErrorOffset', () => {
  test.each([
    ['{"a": 1 "b": 2}', 8],
    ['{"a": tru}', 9],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a": "b\tc"}', 8],
    ['{"a": "\\x"}', 8],
    ["{'a': 1}", 1],
    ['{"a": 1} x', 9],
    ['', 0],
  ])('%j breaks at %d', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  test('valid JSON has no break, and one character changed breaks it where V8 says (when V8 says)', () => {
    const pick = random(7);
    let compared = 0;
    for (let n = 0; n < 300; n++) {
      const text = randomJson(pick);
      expect(jsonErrorOffset(text)).toBe(-1);
      const at = pick(text.length + 1);
      const broken = text.slice(0, at) + '}],:"x\\'[pick(7)] + text.slice(at);
      const v8 = v8Offset(broken);
      if (v8 === undefined) continue;
      expect([broken, jsonErrorOffset(broken)]).toEqual([broken, v8]);
      if (v8 >= 0) compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  test('nesting deeper than the stack is not followed', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(-1);
  });
});

describe('jsonListItemRanges', () => {
  test('each range is the text of one item of the last top-level list under the key', () => {
    const pick = random(11);
    for (let n = 0; n < 100; n++) {
      const items = Array.from({ length: pick(5) }, () => JSON.parse(randomJson(pick)) as unknown);
      const space = pick(2) ? 2 : undefined;
      // Decoys: an earlier `entries` (JSON.parse keeps the last), one nested, one inside a string.
      const parts = [
        `"entries": [9]`,
        `"note": ${JSON.stringify('"entries": [3]')}`,
        `"nested": ${JSON.stringify({ entries: [1, 2] }, null, space)}`,
        `"entries": ${JSON.stringify(items, null, space)}`,
      ];
      const text = `\uFEFF{\n  ${parts.join(',\n  ')}\n}`;
      expect((JSON.parse(text.slice(1)) as { entries: unknown }).entries).toEqual(items);
      expect(jsonListItemRanges(text, 'entries').map(([s, e]) => JSON.parse(text.slice(s, e)) as unknown)).toEqual(items);
    }
  });
});
