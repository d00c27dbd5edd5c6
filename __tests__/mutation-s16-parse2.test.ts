import { describe, expect, it } from '@jest/globals';
import { parseSource } from '../src/parse/source.js';
import { locateRange } from '../src/parse/locate.js';
import { readBaseline } from '../src/engine/baseline.js';
import { View } from '../src/model/view.js';
import { inFlow, isAliased, isEmbedded, isKey, lineTable, locOf, positionIn, styleOf, yamlPathOf } from '../src/model/loc.js';
import { lintFiles } from './helpers/lint-files.js';

// Behaviour of the yaml fallback's tree, positions and locs that no other test pinned down, found by mutation testing.

/** The root view of the first document of a text. */
const rootOf = (text: string) => {
  const file = parseSource('x.yaml', text);
  return View.root(file, file.docs[0]!)!;
};

/**
 * A Kubernetes pipeline of two stages, whose image connector overrides are `a` and `b`; their
 * infrastructure specs are written `specA` and `specB`.
 */
const twoStages = (
  a: string,
  b: string,
  specA = 'spec:',
  specB = `spec:\n              connectorRef: account.k8s\n              harnessImageConnectorRef: ${b}`,
) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: a
        identifier: a
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            ${specA}
              connectorRef: account.k8s
              harnessImageConnectorRef: ${a}
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            ${specB}
`;

const ALIASED_NOTE =
  'The value is anchored and also used through an alias elsewhere, where the change applies too: check those places first.';

describe('aliases in the yaml fallback', () => {
  const fixesOf = (text: string) =>
    lintFiles({ 'p.yaml': text })
      .findings.filter((f) => f.ruleId === 'require-account-image-connector')
      .map((f) => [f.line, f.suggestion?.title.endsWith(ALIASED_NOTE)]);

  it('a finding on an anchored value that an alias also uses says its change applies there too', () => {
    expect(fixesOf(twoStages('&m org.mirror', '*m'))).toEqual([[14, true]]);
    expect(fixesOf(twoStages('org.mirror', 'org.mirror'))).toEqual([
      [14, false],
      [24, false],
    ]);
  });

  it('a finding inside an anchored map that an alias also uses says its change applies there too', () => {
    expect(fixesOf(twoStages('org.mirror', '', 'spec: &infra', 'spec: *infra'))).toEqual([[14, true]]);
  });

  it.each([
    ['a scalar', 'x'],
    ['an empty map', '{}'],
    ['an empty list', '[]'],
  ])('aliases of %s count one each against the cap of 100: 99 are read, 100 are an alias bomb', (_what, anchored) => {
    const text = (n: number) => `e: &e ${anchored}\nl: [${Array(n).fill('*e').join(', ')}]\n`;
    expect(parseSource('x.yaml', text(99)).problems).toEqual([]);
    expect(parseSource('x.yaml', text(100)).problems.map((p) => p.kind)).toEqual(['aliases']);
  });

  it('an alias refers to the last node with its anchor before it', () => {
    expect(parseSource('x.yaml', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n').docs[0]!.json).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });
});

describe('nodes of the yaml fallback, as the model sees them', () => {
  // The anchor leaves each text to the fallback.
  it('a scalar reached through an alias is the anchored node: same record, place and style', () => {
    const root = rootOf("a: &x 'q'\nb: *x\n");
    const [a, b] = [root.get('a')!, root.get('b')!];
    expect(b.same(a)).toBe(true);
    expect([b.range, b.style, b.value]).toEqual([a.range, 'QUOTE_SINGLE', 'q']);
  });

  it('collections written in flow style are flow, and every node inside one is in flow; block ones are not', () => {
    const root = rootOf('a: &x 1\nb: [c, {d: e}]\nf:\n  - g\n');
    const [b, f] = [root.get('b')!, root.get('f')!];
    expect([b.isFlow, b.inFlow, b.item(0)!.inFlow]).toEqual([true, false, true]);
    expect([b.item(1)!.isFlow, b.item(1)!.inFlow, b.item(1)!.get('d')!.inFlow]).toEqual([true, true, true]);
    expect([f.isFlow, f.inFlow, f.item(0)!.inFlow, root.get('a')!.inFlow]).toEqual([false, false, false, false]);
    expect(rootOf('a: &x 1\nb: {c: d}\n').get('b')!.isFlow).toBe(true);
  });
});

describe('maps of the yaml fallback, as the model sees them', () => {
  it('a null key is no key of the model', () => {
    expect(rootOf('~: 1\nb: 2\n').keys()).toEqual(['b']);
  });

  it('a key that is not a string keeps its value on its key node', () => {
    const root = rootOf('1: x\ntrue: y\n');
    expect(root.keys()).toEqual(['1', 'true']);
    expect(root.entries().map((e) => e.keyView.value)).toEqual([1, true]);
    expect(root.get('1')!.value).toBe('x');
  });

  it('an explicit key with no value has no value node, unlike an empty value', () => {
    const file = parseSource('x.yaml', '? a\nb:\n');
    const root = View.root(file, file.docs[0]!)!;
    expect(file.docs[0]!.json).toEqual({ a: null, b: null });
    // The tree's map is what JSON hashes (a baseline's value hash): the same JSON as yaml's.
    expect(JSON.stringify(file.docs[0]!.value)).toBe('{"a":null,"b":null}');
    expect([root.has('a'), root.get('a')]).toEqual([true, undefined]);
    expect(root.get('b')!.isScalar).toBe(true);
  });

  it('a tagged scalar that yaml makes an object (!!binary, !!timestamp) is a scalar holding a string', () => {
    for (const text of ['a: !!binary aGVsbG8=\n', 'a: !!timestamp 2001-12-14\n']) {
      const a = rootOf(text).get('a')!;
      expect([a.isScalar, typeof a.value]).toEqual([true, 'string']);
    }
  });

  it('a !!timestamp is kept as its time in UTC (ISO 8601), so its value hash is the same in every time zone', () => {
    expect(rootOf('a: !!timestamp 2001-12-14\n').get('a')!.value).toBe('2001-12-14T00:00:00.000Z');
    expect(rootOf('a: !!timestamp 2001-12-14t21:59:43.10-05:00\n').get('a')!.value).toBe('2001-12-15T02:59:43.100Z');
  });

  it('the first key that is a map or a list is the one reported', () => {
    const text = 'a: 1\n? [x]\n: 1\n? {y: 1}\n: 2\n';
    expect(parseSource('x.yaml', text).complexKey).toEqual([text.indexOf('['), text.indexOf(']') + 1]);
  });
});

describe('positions of problems', () => {
  const problemsOf = (text: string) => {
    const file = parseSource('x.yaml', text);
    return file.problems.map((p) => {
      const { line, column, endLine, endColumn } = locateRange(file, p.start, p.end);
      return [line, column, endLine, endColumn];
    });
  };

  it('an error on the first line of a file with a BOM does not count the BOM, at its start or its end', () => {
    expect(problemsOf('\ufeffa: "x"y\n')).toEqual([[1, 7, 1, 8]]);
    expect(problemsOf('a: "x"y\n')).toEqual([[1, 7, 1, 8]]);
  });

  it('the BOM counts on the first line only', () => {
    expect(problemsOf('\ufeffa: 1\nb: "x"y\n')).toEqual([[2, 7, 2, 8]]);
  });

  it('the BOM itself is placed at column 1, not 0', () => {
    const file = parseSource('x.yaml', '\ufeffa: 1\n');
    expect(locateRange(file, 0, 0)).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(positionIn(lineTable(file), 0, 0)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it.each([
    ['without a final line break', 'a: [1', [1, 6, 1, 6]],
    ['after a final LF', 'a: [1\n', [1, 6, 1, 6]],
    ['after a final CRLF', 'a: [1\r\n', [1, 6, 1, 6]],
    ['after blank lines', 'a: [1\n\n\n', [3, 1, 3, 1]],
  ])('an error at the end of a file %s is on its last line, not past it', (_what, text, at) => {
    expect(problemsOf(text)).toEqual([at]);
  });

  it('a baseline that ends in a lone CR gets its error at the end of its last line', () => {
    expect(() => readBaseline('/x/nope.json', '/x', '{"version": 1,\r')).toThrow(/^invalid baseline: nope\.json:1:15: not valid JSON/);
  });
});

describe('documents after an unclosed quote', () => {
  it.each([
    ['a flow map', '--- {c: 1}\n', { c: 1 }],
    ['a quoted scalar', '--- "y"\n', 'y'],
    ['a literal block', '--- |\n  text\n', 'text\n'],
  ])('a document that starts with %s on its `---` line is read whole', (_what, next, value) => {
    const file = parseSource('x.yaml', `a: "x\n${next}`);
    expect(file.problems.map((p) => [p.start, p.message])).toEqual([[3, 'Missing closing "quote']]);
    expect(file.docs.map((d) => d.json)).toEqual([value]);
  });
});

describe('line tables', () => {
  it.each([65_534, 65_535, 65_536])(
    'a line of %d characters with its line break is counted whole: the next line starts after it',
    (length) => {
      const text = `# ${'x'.repeat(length - 3)}\nb: 1\n`;
      const b = text.indexOf('b');
      expect(positionIn(lineTable(parseSource('x.yaml', text)), b, b + 1)).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 2 });
    },
  );
});

describe('locs of nodes', () => {
  const text =
    "pipeline:\n  identifier: p\n  stages:\n    - stage:\n        identifier: s\n        spec:\n          image: 'x'\n          tags: [a]\n";
  const file = parseSource('p.yaml', text);
  const pipeline = View.root(file, file.docs[0]!)!.get('pipeline')!;
  const spec = pipeline.getIn(['stages', 0, 'stage', 'spec'])!;
  const flags = (l: ReturnType<typeof locOf>) => [isKey(l), inFlow(l), isEmbedded(l), isAliased(l), styleOf(l)];

  it('a value in a pipeline has its path in the pipeline, its place and how it is written', () => {
    const loc = locOf(spec.get('image')!, pipeline);
    expect([loc.file, loc.start, loc.end, loc.value, loc.path, yamlPathOf(loc)]).toEqual([
      'p.yaml',
      text.indexOf("'x'"),
      text.indexOf("'x'") + 3,
      'x',
      'stages/stage=s/spec/image',
      'stages/stage=s/spec/image',
    ]);
    expect(flags(loc)).toEqual([false, false, false, false, 'QUOTE_SINGLE']);
    expect(flags(locOf(spec.get('tags')!.item(0)!, pipeline))).toEqual([false, true, false, false, 'PLAIN']);
  });

  it("a key has its path in the document, marked as a key, and no path in the pipeline: a finding there is not its value's", () => {
    const loc = locOf(spec.keyOf('image')!, pipeline);
    expect([loc.start, loc.path, yamlPathOf(loc), isKey(loc)]).toEqual([
      text.indexOf('image'),
      'pipeline/stages/stage=s/spec/image@key',
      undefined,
      true,
    ]);
  });

  it('a node outside any pipeline or template has its path in the document only', () => {
    const loc = locOf(spec.get('image')!);
    expect([loc.path, yamlPathOf(loc)]).toEqual(['pipeline/stages/stage=s/spec/image', undefined]);
  });
});
