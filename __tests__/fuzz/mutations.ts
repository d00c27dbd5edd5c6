/**
 * fast-check arbitraries for the fuzz test: a seed, mutations on its structure (parse with `yaml`,
 * change the tree, stringify with random options), then mutations on its text, then on its bytes.
 * Every case is a plain JSON value (printable, replayable, shrinkable); `build` turns it into the
 * bytes of one file. Positions in mutations are fractions in millionths, so they fit any text and
 * shrink towards the start.
 */
import fc from 'fast-check';
import { Alias, Document, isAlias, isMap, isPair, isSeq, Pair, parseAllDocuments, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { SEEDS } from './seeds.js';

const FRACTION = 1_000_000;
const at = (fraction: number, length: number) => Math.floor((fraction * length) / FRACTION);

/** Scalar sizes: mostly small, sometimes long lines, rarely a few MB. */
const size = (max: number) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 2_000 }) },
    { weight: 3, arbitrary: fc.integer({ min: 2_000, max: 200_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 200_000, max }) },
  );
/** Nesting depths: mostly shallow, sometimes thousands. */
const depth = (max: number) =>
  fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: 64, max }) });

const fraction = fc.integer({ min: 0, max: FRACTION });
const anchorName = fc.constantFrom('a', 'b', 'x', 'step', 'infra', 'mirror', 'img', 'cloud');

/** Text worth inserting: YAML syntax, policy keywords, control characters, unicode and random strings. */
const TOKENS = [
  ':',
  ': ',
  '- ',
  '-',
  '{',
  '}',
  '[',
  ']',
  ',',
  '#',
  ' #c',
  '&a ',
  '*a',
  '*step',
  '&x',
  '!',
  '!!map ',
  '!!binary ',
  '!custom ',
  '|',
  '|-',
  '>+',
  '"',
  "'",
  '\\',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\n---\n',
  '\n...\n',
  '? ',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2024:\n',
  '<<: *a\n',
  '<<: [*a, *b]\n',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\ud83d\ude80',
  '\ud83d\udc68\u200d\ud83d\udcbb',
  '\ud800',
  '\udc00',
  'é',
  '𝕏',
  '漢字',
  '\u0301',
  '<+input>',
  '<+input>.default(org.x)',
  'app.harness.io/registry/',
  'app.harness.io/registry/harness/ci-addon:1',
  'account.',
  'org.',
  'harnessImageConnectorRef: org.m',
  'executeOnDelegate: true',
  'useFromStage: nope',
  'useFromStage: build',
  'templateInputs:',
  'inputYaml: |\n  x: [',
  'type: Cloud',
  'type: KubernetesDirect',
  'stages:',
  'steps:',
  'parallel:',
  'stepGroup:',
  '~',
  'null',
  'true',
  '0x1F',
  '.inf',
  '1e400',
  '-0',
  '"\\u0000"',
  '"\\ud800"',
];
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }) },
);

export type TreeMutation =
  | {
      k: 'swap';
      pick: number;
      to: 'string' | 'map' | 'seq' | 'null' | 'number' | 'bool' | 'emptyMap' | 'emptySeq' | 'huge' | 'tagged';
      n: number;
    }
  | { k: 'delete'; pick: number }
  | { k: 'dupKey'; pick: number }
  | { k: 'alias'; pick: number; target: number; name: string }
  | { k: 'selfAlias'; pick: number; name: string }
  | { k: 'nest'; pick: number; depth: number; flow: boolean }
  | { k: 'bomb'; pick: number; levels: number; width: number }
  | { k: 'merge'; pick: number; target: number };

export type TextMutation =
  | { k: 'truncate'; at: number }
  | { k: 'insert'; at: number; text: string }
  | { k: 'delete'; at: number; length: number }
  | { k: 'dupLine'; line: number; count: number }
  | { k: 'delLine'; line: number }
  | { k: 'indent'; line: number; delta: number; tab: boolean }
  | { k: 'hugeValue'; line: number; length: number; quote: '' | '"' | "'" | '|' }
  | { k: 'longLine'; line: number; length: number }
  | { k: 'nestFlow'; at: number; depth: number; open: '[' | '{'; balanced: boolean }
  | { k: 'nestBlock'; line: number; depth: number; style: 'seq' | 'map' | 'mixed' }
  | { k: 'docSplit'; line: number }
  | { k: 'anchor'; line: number; name: string }
  | { k: 'alias'; line: number; name: string }
  | { k: 'bomb'; line: number; levels: number; width: number }
  | { k: 'selfAlias'; line: number };

export interface StringifyOptions {
  indent: number;
  indentSeq: boolean;
  lineWidth: number;
  flow: boolean;
  quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';
}

export interface FuzzCase {
  seed: number;
  tree: TreeMutation[];
  stringify: StringifyOptions;
  text: TextMutation[];
  crlf: boolean;
  bom: boolean;
  bytes: Array<{ at: number; bytes: number[] }>;
}

const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  fc.record({
    k: fc.constant('swap' as const),
    pick: fraction,
    to: fc.constantFrom('string', 'map', 'seq', 'null', 'number', 'bool', 'emptyMap', 'emptySeq', 'huge', 'tagged'),
    n: size(3_000_000),
  }),
  fc.record({ k: fc.constant('delete' as const), pick: fraction }),
  fc.record({ k: fc.constant('dupKey' as const), pick: fraction }),
  fc.record({ k: fc.constant('alias' as const), pick: fraction, target: fraction, name: anchorName }),
  fc.record({ k: fc.constant('selfAlias' as const), pick: fraction, name: anchorName }),
  fc.record({ k: fc.constant('nest' as const), pick: fraction, depth: depth(300), flow: fc.boolean() }),
  fc.record({
    k: fc.constant('bomb' as const),
    pick: fraction,
    levels: fc.integer({ min: 1, max: 16 }),
    width: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({ k: fc.constant('merge' as const), pick: fraction, target: fraction }),
);

const line = fc.nat({ max: 400 });
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: fraction }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('insert' as const), at: fraction, text: token }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dupLine' as const), line, count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delLine' as const), line }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('indent' as const), line, delta: fc.integer({ min: -6, max: 6 }), tab: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('hugeValue' as const),
      line,
      length: size(3_000_000),
      quote: fc.constantFrom('' as const, '"' as const, "'" as const, '|' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('longLine' as const), line, length: size(1_000_000) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('nestFlow' as const),
      at: fraction,
      depth: depth(6_000),
      open: fc.constantFrom('[' as const, '{' as const),
      balanced: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('nestBlock' as const),
      line,
      depth: depth(3_000),
      style: fc.constantFrom('seq' as const, 'map' as const, 'mixed' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('docSplit' as const), line }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('anchor' as const), line, name: anchorName }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('alias' as const), line, name: anchorName }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('bomb' as const),
      line,
      levels: fc.integer({ min: 1, max: 16 }),
      width: fc.integer({ min: 1, max: 10 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('selfAlias' as const), line }) },
);

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  tree: fc.oneof(
    { weight: 2, arbitrary: fc.constant<TreeMutation[]>([]) },
    { weight: 1, arbitrary: fc.array(treeMutation, { minLength: 1, maxLength: 4 }) },
  ),
  stringify: fc.record({
    indent: fc.integer({ min: 1, max: 8 }),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 20, 80),
    flow: fc.boolean(),
    quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  }),
  text: fc.array(textMutation, { maxLength: 5 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  bytes: fc.oneof(
    { weight: 5, arbitrary: fc.constant<FuzzCase['bytes']>([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.record({ at: fraction, bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    },
  ),
});

// ---------------------------------------------------------------------------------------------
// Structure level

interface Slot {
  node: Node | Pair | null;
  set(n: Node): void;
  remove(): void;
  /** The map this slot is a value of (for duplicate keys). */
  map?: YAMLMap;
  pair?: Pair;
}

/** Every map value and sequence item, in document order. */
function slots(doc: Document): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (isMap(node)) {
      const map = node as YAMLMap;
      for (const pair of [...map.items]) {
        out.push({
          node: (pair.value as Node) ?? null,
          set: (n) => (pair.value = n),
          remove: () => map.items.includes(pair) && map.items.splice(map.items.indexOf(pair), 1),
          map,
          pair,
        });
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      const seq = node as YAMLSeq;
      seq.items.forEach((item, i) => {
        out.push({ node: item as Node, set: (n) => (seq.items[i] = n), remove: () => seq.items.splice(i, 1) });
        visit(item);
      });
    }
  };
  if (doc.contents) {
    out.push({ node: doc.contents as Node, set: (n) => (doc.contents = n), remove: () => (doc.contents = null) });
    visit(doc.contents);
  }
  return out;
}

function replacement(doc: Document, to: Extract<TreeMutation, { k: 'swap' }>['to'], n: number): Node {
  switch (to) {
    case 'string':
      return doc.createNode('x'.repeat(Math.min(n, 64)) + ': not a map') as Node;
    case 'map':
      return doc.createNode({
        type: 'KubernetesDirect',
        spec: { harnessImageConnectorRef: 'org.m', image: 'app.harness.io/registry/x:1' },
      }) as Node;
    case 'seq':
      return doc.createNode(['a', { stage: null }, ['b'], 1]) as Node;
    case 'null':
      return new Scalar(null);
    case 'number':
      return new Scalar(n % 2 ? -n / 7 : n);
    case 'bool':
      return new Scalar(n % 2 === 0);
    case 'emptyMap':
      return new YAMLMap();
    case 'emptySeq':
      return new YAMLSeq();
    case 'huge':
      return new Scalar('app.harness.io/registry/' + 'y'.repeat(n));
    case 'tagged': {
      const s = new Scalar('aGVsbG8=');
      s.tag = 'tag:yaml.org,2002:binary';
      return s;
    }
  }
}

function nested(depth: number, flow: boolean, leaf: Node): Node {
  let node: Node = leaf;
  for (let i = 0; i < depth; i++) {
    const wrap: YAMLMap | YAMLSeq = i % 2 ? new YAMLSeq() : new YAMLMap();
    if (wrap instanceof YAMLMap) wrap.items.push(new Pair(new Scalar(`k${i}`), node));
    else wrap.items.push(node);
    wrap.flow = flow;
    node = wrap;
  }
  return node;
}

function applyTree(doc: Document, m: TreeMutation): void {
  const all = slots(doc);
  if (!all.length) return;
  const slot = all[at(m.pick, all.length - 1)]!;
  switch (m.k) {
    case 'swap':
      return slot.set(replacement(doc, m.to, m.n));
    case 'delete':
      return void slot.remove();
    case 'dupKey':
      if (slot.map && slot.pair) slot.map.items.push(new Pair(slot.pair.key, doc.createNode('duplicate')));
      return;
    case 'alias': {
      const target = all[at(m.target, all.length - 1)]!.node;
      if (!target || isPair(target) || isAlias(target)) return;
      (target as Node & { anchor?: string }).anchor = m.name;
      return slot.set(new Alias(m.name));
    }
    case 'selfAlias': {
      const node = slot.node;
      if (!node || (!isMap(node) && !isSeq(node))) return;
      node.anchor = m.name;
      if (isMap(node)) node.items.push(new Pair(new Scalar('self'), new Alias(m.name)));
      else node.items.push(new Alias(m.name));
      return;
    }
    case 'nest':
      return slot.set(nested(m.depth, m.flow, slot.node && !isPair(slot.node) ? slot.node : new Scalar('leaf')));
    case 'bomb': {
      const chain = new YAMLSeq();
      const first = doc.createNode(Array(m.width).fill('lol')) as YAMLSeq;
      first.anchor = 'bomb0';
      first.flow = true;
      chain.items.push(first);
      for (let i = 1; i <= m.levels; i++) {
        const level = new YAMLSeq();
        level.flow = true;
        level.anchor = `bomb${i}`;
        for (let j = 0; j < m.width; j++) level.items.push(new Alias(`bomb${i - 1}`));
        chain.items.push(level);
      }
      return slot.set(chain);
    }
    case 'merge': {
      const target = all[at(m.target, all.length - 1)]!.node;
      if (!slot.map || !target || !isMap(target)) return;
      target.anchor = 'merged';
      slot.map.items.unshift(new Pair(new Scalar('<<'), new Alias('merged')));
      return;
    }
  }
}

/** The seed after the tree mutations, stringified with the case's options; the seed as is when there are none or yaml refuses. */
function structured(text: string, c: FuzzCase): string {
  if (!c.tree.length) return text;
  try {
    const docs = parseAllDocuments(text, { merge: true });
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return text;
    for (const m of c.tree) applyTree(docs[at(m.pick, docs.length - 1)]!, m);
    const o = c.stringify;
    return docs
      .map((d) =>
        d.toString({
          indent: o.indent,
          indentSeq: o.indentSeq,
          lineWidth: o.lineWidth,
          collectionStyle: o.flow ? 'flow' : 'any',
          defaultStringType: o.quote,
          defaultKeyType: 'PLAIN',
        }),
      )
      .join('---\n');
  } catch {
    return text; // e.g. an alias placed before its anchor: yaml will not write it
  }
}

// ---------------------------------------------------------------------------------------------
// Text level

const lineRange = (s: string, n: number) => {
  const lines = s.split('\n');
  const i = n % lines.length;
  let start = 0;
  for (let j = 0; j < i; j++) start += lines[j]!.length + 1;
  return { lines, i, start, end: start + lines[i]!.length };
};
const replaceLine = (s: string, n: number, f: (line: string) => string) => {
  const { lines, i } = lineRange(s, n);
  lines[i] = f(lines[i]!);
  return lines.join('\n');
};
/** The line with its value replaced by `value` (after the first `: ` or `- `), or `value` appended. */
const withValue = (l: string, value: string) => {
  const m = /^(\s*(?:- )?[^:#]*:\s)|^(\s*- )/.exec(l);
  return m ? m[0] + value : l + ' ' + value;
};
const indentOf = (l: string) => /^[ \t]*/.exec(l)![0];

function applyText(s: string, m: TextMutation): string {
  switch (m.k) {
    case 'truncate':
      return s.slice(0, at(m.at, s.length));
    case 'insert': {
      const i = at(m.at, s.length);
      return s.slice(0, i) + m.text + s.slice(i);
    }
    case 'delete': {
      const i = at(m.at, s.length);
      return s.slice(0, i) + s.slice(i + m.length);
    }
    case 'dupLine':
      return replaceLine(s, m.line, (l) =>
        Array(m.count + 1)
          .fill(l)
          .join('\n'),
      );
    case 'delLine': {
      const { lines, i } = lineRange(s, m.line);
      lines.splice(i, 1);
      return lines.join('\n');
    }
    case 'indent':
      return replaceLine(s, m.line, (l) =>
        m.delta < 0 ? l.replace(new RegExp(`^[ \\t]{0,${-m.delta}}`), '') : (m.tab ? '\t' : ' ').repeat(m.delta) + l,
      );
    case 'hugeValue': {
      const body = 'app.harness.io/registry/' + 'z'.repeat(m.length);
      return replaceLine(s, m.line, (l) =>
        m.quote === '|' ? withValue(l, `|\n${indentOf(l)}  ${body}`) : withValue(l, `${m.quote}${body}${m.quote}`),
      );
    }
    case 'longLine':
      return replaceLine(s, m.line, (l) => `${l} # ${'🚀é'.repeat(m.length >> 2)}`);
    case 'nestFlow': {
      const close = m.open === '[' ? ']' : '}';
      const open = m.open === '[' ? '[' : '{a: ';
      const nest = open.repeat(m.depth) + 'x' + (m.balanced ? close.repeat(m.depth) : '');
      const i = at(m.at, s.length);
      return s.slice(0, i) + nest + s.slice(i);
    }
    case 'nestBlock':
      // A new key at the line's indentation, after it, with DEPTH levels of block collections under
      // it, each as little indented as YAML allows, so 3,000 levels stay under the 10 MB size cap.
      return replaceLine(s, m.line, (l) => {
        const key = indentOf(l) + (/^[ \t]*- /.test(l) ? '  ' : ''); // the column of the line's key
        const out = [l, `${key}nested:`];
        const isSeq = (i: number) => m.style === 'seq' || (m.style === 'mixed' && i % 2 === 0);
        let pad = key + ' ';
        for (let i = 0; i < m.depth; i++) {
          out.push(isSeq(i) ? `${pad}- k${i}:` : `${pad}k${i}:`);
          // Under `- k:` the key is 2 columns in: a sequence may start there, a map one further.
          pad += ' '.repeat(isSeq(i) ? (isSeq(i + 1) ? 2 : 3) : 1);
        }
        out.push(`${pad}image: app.harness.io/registry/harness/ci-addon:1`);
        return out.join('\n');
      });
    case 'docSplit': {
      const { lines, i } = lineRange(s, m.line);
      lines.splice(i, 0, '---');
      return lines.join('\n');
    }
    case 'anchor':
      return replaceLine(s, m.line, (l) => (/:\s*\S/.test(l) ? l.replace(/:(\s+)/, `:$1&${m.name} `) : l.replace(/:\s*$/, `: &${m.name}`)));
    case 'alias':
      return replaceLine(s, m.line, (l) => withValue(l, `*${m.name}`));
    case 'bomb': {
      const { lines, i } = lineRange(s, m.line);
      const pad = indentOf(lines[i]!);
      const bomb = [`${pad}lol0: &l0 [${Array(m.width).fill('"lol"').join(', ')}]`];
      for (let j = 1; j <= m.levels; j++)
        bomb.push(
          `${pad}lol${j}: &l${j} [${Array(m.width)
            .fill(`*l${j - 1}`)
            .join(', ')}]`,
        );
      bomb.push(`${pad}name: *l${m.levels}`);
      lines.splice(i, 0, ...bomb);
      return lines.join('\n');
    }
    case 'selfAlias':
      return replaceLine(s, m.line, (l) => withValue(l, '&self { a: *self, b: [*self] }'));
  }
}

/** The mutated file's bytes. */
export function build(c: FuzzCase): { file: string; bytes: Buffer } {
  const seed = SEEDS[c.seed % SEEDS.length]!;
  let text = structured(seed.text, c);
  for (const m of c.text) text = applyText(text, m);
  if (c.crlf) text = text.replace(/\r?\n/g, '\r\n');
  if (c.bom) text = '\uFEFF' + text;
  let bytes = Buffer.from(text, 'utf8');
  for (const b of c.bytes) {
    const i = at(b.at, bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(b.bytes), bytes.subarray(i)]);
  }
  return { file: seed.file, bytes };
}

/** A case shown for a failure report: long strings cut. */
export const describeCase = (c: FuzzCase) =>
  JSON.stringify(c, (_, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v));
