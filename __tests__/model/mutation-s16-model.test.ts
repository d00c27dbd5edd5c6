import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseSource } from '../../src/parse/source.js';
import { View } from '../../src/model/view.js';
import { findUnderKeys, semanticPath, walk } from '../../src/model/walk.js';
import { classifyValue, pipelineVariableName } from '../../src/model/runtime-input.js';
import { formatScope, lookupScope, parseRef, refAt, refMatches, scopeName, scopeOf } from '../../src/model/scope.js';
import { lookupFailureWarning, lookupSummary, type HarnessFacts, type HarnessLookup } from '../../src/model/harness-side.js';
import { locOf, type Loc } from '../../src/model/loc.js';
import { replaceScalarAt, setMapValue } from '../../src/model/yaml-edits.js';
import { ruleMeta } from '../../src/rules/index.js';

// Behaviour of the model's small modules (runtime inputs, scopes, views, walks, the lookup
// summaries) that no other test pinned down, found by mutation testing: a change to the decision
// each case names left every other test passing.

/** The root view of the first document of a text. */
const rootOf = (text: string, name = 'x.yaml') => {
  const file = parseSource(name, text);
  return View.root(file, file.docs[0]!)!;
};

describe('classifyValue: what a Harness field value is', () => {
  it('reads a runtime input written with spaces around it, and its default without the spaces in the parentheses', () => {
    expect(classifyValue('  <+input>.default( account.x )  ')).toEqual({ kind: 'input', default: 'account.x' });
  });

  it('a literal is its text without surrounding spaces', () => {
    expect(classifyValue(' golang:1.23 ')).toEqual({ kind: 'literal', value: 'golang:1.23' });
  });

  it('selectOneFrom and selectManyFrom offer values like allowedValues', () => {
    expect(classifyValue('<+input>.selectOneFrom(a, b)')).toEqual({ kind: 'input', allowedValues: ['a', 'b'] });
    expect(classifyValue('<+input>.selectManyFrom(c,d)')).toEqual({ kind: 'input', allowedValues: ['c', 'd'] });
  });

  it('an empty option of allowedValues is no value', () => {
    expect(classifyValue('<+input>.allowedValues(a, ,b,)')).toEqual({ kind: 'input', allowedValues: ['a', 'b'] });
  });

  it('an argument runs to the parenthesis before the next call, so it may hold parentheses itself', () => {
    expect(classifyValue('<+input>.default(f(x)).allowedValues(f(x),y)')).toEqual({
      kind: 'input',
      default: 'f(x)',
      allowedValues: ['f(x)', 'y'],
    });
  });
});

describe('pipelineVariableName', () => {
  it('names the variable of a value that is exactly <+pipeline.variables.x>, spaces around it allowed, hyphens in the name kept', () => {
    expect(pipelineVariableName(' <+pipeline.variables.image-connector> ')).toBe('image-connector');
    expect(pipelineVariableName('<+pipeline.variables.a>.b')).toBeUndefined();
  });
});

describe('scopes', () => {
  it('one object per scope: org "ab" with project "c" is not org "a" with project "bc"', () => {
    const first = scopeOf('ab', 'c');
    expect(scopeOf('a', 'bc')).toEqual({ level: 'project', org: 'a', project: 'bc' });
    expect(scopeOf('ab', 'c')).toBe(first);
  });

  it('parseRef reads a reference with spaces around it', () => {
    expect(parseRef(' account.x ')).toEqual({ level: 'account', identifier: 'x' });
    expect(parseRef(' org.x')).toEqual({ level: 'org', identifier: 'x' });
  });

  it('parseRef gives one frozen answer per reference, however often it is asked (the cross-file rules ask tens of thousands of times)', () => {
    const first = parseRef('account.shared');
    expect(first).toEqual({ level: 'account', identifier: 'shared' });
    expect(parseRef('account.shared')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Malformed ones are remembered as such.
    expect([parseRef('a.b.c'), parseRef('a.b.c'), parseRef('org.'), parseRef('')]).toEqual([undefined, undefined, undefined, undefined]);
    // A full table starts again, and answers stay right.
    for (let i = 0; i < 10_050; i++) expect(parseRef(`org.c${i}`)!.identifier).toBe(`c${i}`);
    expect(parseRef('account.shared')).toEqual({ level: 'account', identifier: 'shared' });
  });

  it('a bare reference names the connector of the referring project only, not another project of the org', () => {
    const from = scopeOf('o', 'p');
    expect(refMatches({ level: 'project', identifier: 'x' }, from, scopeOf('o', 'p'))).toBe(true);
    expect(refMatches({ level: 'project', identifier: 'x' }, from, scopeOf('o', 'q'))).toBe(false);
    expect(refMatches({ level: 'project', identifier: 'x' }, from, scopeOf('o2', 'p'))).toBe(false);
  });

  it('a bare reference from an entity with an org but no project has nowhere to be looked up', () => {
    expect(lookupScope('x', scopeOf('o', undefined))).toBeUndefined();
    expect(lookupScope('org.x', scopeOf('o', undefined))).toEqual({ identifier: 'x', scope: { level: 'org', org: 'o' } });
  });

  it('refAt writes a reference by the scope of what it names', () => {
    expect([refAt(scopeOf(undefined, undefined), 'x'), refAt(scopeOf('o', undefined), 'x'), refAt(scopeOf('o', 'p'), 'x')]).toEqual([
      'account.x',
      'org.x',
      'x',
    ]);
  });

  it('messages name the org and project of a scope', () => {
    expect([formatScope(scopeOf('o', undefined)), scopeName(scopeOf('o', undefined)), scopeName(scopeOf('o', 'p'))]).toEqual([
      'org o',
      'org o',
      'project o/p',
    ]);
  });
});

describe('what the run says about the lookups', () => {
  const at = { file: 'x.yaml', start: 0, end: 0 } as unknown as Loc;
  const failed = (identifier: string, reason: string): HarnessLookup => ({
    identifier,
    scope: { level: 'account' },
    answer: { kind: 'failed', reason },
    at,
  });
  const facts = (lookups: HarnessLookup[], requests = lookups.length): HarnessFacts => ({ host: 'app.harness.io', lookups, requests });

  it('no lookups at all are counted in the plural', () => {
    expect(lookupSummary(facts([], 0))).toBe('Looked up 0 connectors in Harness (app.harness.io): 0 found, 0 not found; 0 requests.');
  });

  it('three reasons are all named, with no "and 0 other reasons"', () => {
    expect(lookupFailureWarning(facts([failed('a', 'HTTP 500'), failed('b', 'HTTP 502'), failed('c', 'HTTP 503')]))).toMatch(
      /^3 of 3 connector lookups in Harness \(app\.harness\.io\) got no answer \(HTTP 500; HTTP 502; HTTP 503\); nothing/,
    );
  });
});

describe('views', () => {
  it('views of two files are not the same node, even at the same place', () => {
    expect(rootOf('a: 1\n', 'a.yaml').same(rootOf('a: 1\n', 'b.yaml'))).toBe(false);
    const root = rootOf('a: 1\n');
    expect(root.same(root.get('a'))).toBe(false);
  });

  it('an empty or null value has no text', () => {
    const root = rootOf('a:\nb: null\nc: ~\n');
    expect([root.text('a'), root.text('b'), root.text('c')]).toEqual([undefined, undefined, undefined]);
  });

  it('entries() of a map with an explicit key and no value gives that entry no value view', () => {
    const root = rootOf('? a\nb: 1\n');
    expect(root.entries().map((e) => [e.key, e.value?.str])).toEqual([
      ['a', undefined],
      ['b', '1'],
    ]);
    expect(root.entries()[0]!.value).toBeUndefined();
  });

  it('a list has no item at a negative index', () => {
    const list = rootOf('- a\n- b\n');
    expect([list.item(-1), list.item(2), list.item(1)?.str]).toEqual([undefined, undefined, 'b']);
  });
});

describe('walks', () => {
  /** Path of every node `walk` visits. */
  const paths = (root: View) => {
    const out: string[] = [];
    walk(root, ({ path }) => out.push(path));
    return out;
  };

  it('an item with both identifier and name is named by its identifier', () => {
    expect(paths(rootOf('stages:\n  - identifier: a\n    name: b\n'))).toContain('stages/id=a');
    expect(paths(rootOf('stages:\n  - name: b\n'))).toContain('stages/name=b');
  });

  it('an item whose identifier is empty is named by its name', () => {
    expect(paths(rootOf('stages:\n  - identifier:\n    name: b\n'))).toContain('stages/name=b');
  });

  it('a scalar reached through aliases keeps the path it was first reached by', () => {
    const root = rootOf('a: &x golang\nb: *x\n');
    expect([semanticPath(root, root.get('a')!), semanticPath(root, root.get('b')!)]).toEqual(['a', 'a']);
  });

  it('a `- parallel` item with an explicit key and no value is an item, not a crash', () => {
    expect(paths(rootOf('stages:\n  - ? parallel\n'))).toEqual(['', 'stages', 'stages/0']);
  });

  it('the walk stops at depth 256, which a map reached through an alias can go past though the text nests less', () => {
    /** `n` nested `a:` maps from indent level `base`, ending in `leaf`. */
    const chain = (n: number, leaf: string, base: number) =>
      Array.from({ length: n }, (_, i) => `${'  '.repeat(base + i)}a:\n`).join('') + `${'  '.repeat(base + n)}${leaf}\n`;
    // From y's value: 150 maps of y, then the 150 of x through the alias, then x's scalar (depth 300).
    const root = rootOf(`x: &x\n${chain(150, '1', 1)}y:\n${chain(150, '*x', 1)}`).get('y')!;
    let visits = 0;
    walk(root, () => visits++);
    expect(visits).toBe(257);
  });

  it('findUnderKeys skips an explicit key with no value, as walk does', () => {
    const found: string[] = [];
    findUnderKeys(rootOf('? image\nstep:\n  image: golang\n'), new Set(['image']), (v) => found.push(String(v.str)));
    expect(found).toEqual(['golang']);
  });

  it('findUnderKeys reports a field of a map two aliases share once, as walk visits it', () => {
    const found: string[] = [];
    findUnderKeys(rootOf('a: &x\n  image: golang\nb: *x\n'), new Set(['image']), (v) => found.push(String(v.str)));
    expect(found).toEqual(['golang']);
  });

  it('semanticPath gives no path to the key of a wrapper map (`stage:` of `- stage:`), which walk does not visit', () => {
    const root = rootOf('stages:\n  - stage:\n      identifier: b\n');
    const item = root.get('stages')!.item(0)!;
    expect(semanticPath(root, item.keyOf('stage')!, true)).toBeUndefined();
    expect(semanticPath(root, item.get('stage')!.keyOf('identifier')!, true)).toBe('stages/stage=b/identifier@key');
  });
});

describe('replaceScalarAt', () => {
  it('gives no edit for a value that is already the one asked for, however it is quoted', () => {
    const root = rootOf('a: "account.x"\nb: account.x\n');
    expect([replaceScalarAt(locOf(root.get('a')!), 'account.x'), replaceScalarAt(locOf(root.get('b')!), 'account.x')]).toEqual([
      undefined,
      undefined,
    ]);
    expect(replaceScalarAt(locOf(root.get('b')!), 'account.y')).toEqual({ start: 18, end: 27, text: 'account.y' });
  });

  it('never replaces a key', () => {
    const root = rootOf('org.x: 1\n');
    expect(replaceScalarAt(locOf(root.keyOf('org.x')!), 'account.x')).toBeUndefined();
  });
});

describe('setMapValue before a last value that keeps its trailing blank lines', () => {
  /** `text` with `edit` applied. */
  const applied = (text: string, edit: { start: number; end: number; text: string } | undefined) =>
    edit ? text.slice(0, edit.start) + edit.text + text.slice(edit.end) : text;

  it('in a `- key:` item the pair goes before the first key, leaving an indented comment above the item alone', () => {
    const text = '  # keep\n- a: 1\n  b: |+\n    x\n\n';
    const item = rootOf(text).item(0)!;
    expect(applied(text, setMapValue(item, 'c', 'v'))).toBe('  # keep\n- c: v\n  a: 1\n  b: |+\n    x\n\n');
  });

  it('a top-level map takes comment lines right above its first key with it, never the `---` above them', () => {
    const text = '---\n# a\na: |+\n  x\n\n';
    expect(applied(text, setMapValue(rootOf(text), 'b', 'v'))).toBe('---\nb: v\n# a\na: |+\n  x\n\n');
  });
});

describe('Harness docs links', () => {
  it.each([['require-account-image-connector'], ['require-platform-connectivity'], ['no-app-harness-registry']])(
    "%s: the Harness docs link the reports give is one the rule's page cites",
    (id) => {
      const link = ruleMeta(id)!.harnessDocs;
      expect(link).toMatch(/^https:\/\/developer\.harness\.io\/docs\//);
      expect(fs.readFileSync(`docs/rules/${id}.md`, 'utf8')).toContain(link);
    },
  );
});
