import { describe, expect, it } from '@jest/globals';
import { parseSource } from '../../src/parse/source.js';
import { View } from '../../src/model/view.js';

const rootOf = (text: string): View => {
  const source = parseSource('a.yaml', text);
  return View.root(source, source.docs[0]!)!;
};

describe("a map's fields", () => {
  // Both parsers: the fast one, and `yaml` (a flow map and an anchor send the file to it).
  it.each([
    { parser: 'fast', text: 'a: x\nb: 1\nc:\n  d: 2\n' },
    { parser: 'fallback', text: 'a: &x x\nb: 1\nc: {d: 2}\ne: *x\n' },
  ])('are its own keys only, never what every object inherits ($parser parser)', ({ text }) => {
    const root = rootOf(text);
    expect(root.get('a')?.str).toBe('x');
    expect(root.text('a')).toBe('x');
    expect(root.text('b')).toBe('1');
    expect(root.get('c')?.isMap).toBe(true);
    expect(root.text('c')).toBeUndefined();
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'missing']) {
      expect(root.get(key)).toBeUndefined();
      expect(root.text(key)).toBeUndefined();
    }
  });

  it('include keys named like what objects inherit, when the file has them', () => {
    const root = rootOf('toString: a\nconstructor: b\nvalueOf: {c: 1}\n');
    expect(root.text('toString')).toBe('a');
    expect(root.get('constructor')?.str).toBe('b');
    expect(root.get('valueOf')?.isMap).toBe(true);
    const proto = rootOf('__proto__: x\nb: 1\n');
    expect(proto.text('__proto__')).toBe('x');
    expect(proto.text('b')).toBe('1');
  });
});
