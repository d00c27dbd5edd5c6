/**
 * Bugs the fuzz test (fuzz.test.ts) found, as minimal reproductions, kept as regression tests.
 */
import { describe, expect, test } from '@jest/globals';
import { BAD_IMAGE as IMAGE, BAD_IMAGE_PIPELINE as PIPELINE } from '../helpers/fixtures.js';
import { lintFiles } from '../helpers/lint-files.js';

/** Line and column (1-based, UTF-16) of the first `needle` in `text`. */
function where(text: string, needle: string): [number, number] {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

describe('found by fuzzing', () => {
  // Lines once came from yaml's LineCounter, which yaml's Parser feeds the newlines inside a scalar
  // token only when it takes the token as a block or flow scalar. A multi-line token it rejects
  // (here the block scalar body after a stray `*a` / `|`) was not counted, so every later line in
  // the file was short by its newlines. Line starts now come from the text itself.
  test('positions after a rejected multi-line YAML token stay on their lines', () => {
    const text = `*a\n|\n b\n c\n---\n${PIPELINE}`;
    const f = lintFiles({ 'p.yaml': text }).findings;
    const [line, column] = where(text, IMAGE);
    expect(f.filter((x) => x.ruleId === 'no-app-harness-registry').map((x) => [x.line, x.column])).toEqual([[line, column]]);
    const lines = text.split('\n');
    for (const x of f) expect(x.column).toBeLessThanOrEqual(lines[x.line - 1]!.length + 1);
  });

  // Nesting ~2,000 block maps deep and then dedenting makes yaml's Parser.pop recurse past the
  // stack; the RangeError escaped parseAllDocuments, so lint() threw and `check` exited 2.
  test('deep block nesting followed by a dedent is a yaml-syntax finding, and the scan goes on', () => {
    let deep = '';
    for (let i = 0; i < 3000; i++) deep += ' '.repeat(i) + 'k:\n';
    deep += ' '.repeat(3000) + 'v: 1\nafter: dedent\n';
    const f = lintFiles({ 'deep.yaml': deep, 'good.yaml': PIPELINE }).findings;
    expect(f.filter((x) => x.file === 'deep.yaml').map((x) => x.message)).toEqual([
      'YAML nests more than 200 levels deep; the file is not checked.',
    ]);
    expect(f.some((x) => x.file === 'good.yaml' && x.ruleId === 'no-app-harness-registry')).toBe(true);
  });

  // A scalar whose value is an object (`!!binary` gives a Uint8Array, `!!timestamp` a Date) was
  // taken for a map, and a schema finding about it had no line (0) and no column.
  test('a tagged scalar whose value is an object is located like any scalar', () => {
    const text =
      'connector:\n  identifier: c\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://r.io\n    delegateSelectors: !!binary |-\n      aGVsbG8=\n    when: !!timestamp 2024-05-15\n';
    const f = lintFiles({ 'c.yaml': text }).findings.filter((x) => x.ruleId === 'schema');
    expect(f.map((x) => [x.line, x.column, x.message])).toEqual([
      [6, 33, 'Connector `c`: `connector.spec.delegateSelectors` must be a list.'],
    ]);
  });
});
