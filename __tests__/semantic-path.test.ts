import { describe, expect, it } from '@jest/globals';
import { View } from '../src/model/view.js';
import { semanticPath, walk } from '../src/model/walk.js';
import { parseSource } from '../src/parse/source.js';
import { yamlInputs } from './helpers/yaml-inputs.js';

/** Every node `walk` visits, and every key of the maps it visits, with the path the walk gives. */
function walkedPaths(root: View): Array<{ view: View; path: string }> {
  const out: Array<{ view: View; path: string }> = [];
  walk(root, ({ view, path: p }) => {
    out.push({ view, path: p });
    for (const e of view.entries()) out.push({ view: e.keyView, path: `${p ? p + '/' : ''}${e.key}@key` });
  });
  return out;
}

function mismatches(name: string, text: string): string[] {
  const file = parseSource(name, text);
  const out: string[] = [];
  for (const doc of file.docs) {
    const root = View.root(file, doc);
    if (!root) continue;
    // From the document root, and from the value under the top-level key (an entity's root).
    const roots = [root, ...(root.isMap ? root.entries().flatMap((e) => (e.value && !e.value.isScalar ? [e.value] : [])) : [])];
    for (const r of roots)
      for (const { view, path: p } of walkedPaths(r)) {
        const found = semanticPath(r, view, true);
        if (found !== p) out.push(`${name}: walk says ${JSON.stringify(p)}, semanticPath ${JSON.stringify(found)}`);
      }
  }
  return out;
}

describe('semanticPath gives the path walk gives', () => {
  it('for every node of every real YAML file (examples, fixtures, and the shared corpus when present)', () => {
    const bad = yamlInputs().flatMap(({ name, text }) => mismatches(name, text));
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it.each([
    [
      'stage and step wrappers, parallel, names, indexes',
      'pipeline:\n  stages:\n    - stage:\n        identifier: b\n        spec:\n          steps:\n            - parallel:\n                - step:\n                    identifier: s\n                    image: x\n            - name: n\n              image: y\n            - plain\n    - stage:\n        name: no id\n',
    ],
    ['aliases: the first visit decides', 'a: &x\n  k: v\nb: *x\nc:\n  - *x\n'],
    ['a wrapper without identifier is an ordinary item', 'stages:\n  - stage:\n      name: x\n  - step: scalar\n'],
    ['two keys with the same text (true and "true")', 'true:\n  - image: a\n"true":\n  - image: b\n'],
    ['empty keys: one at the top leaves no trace in the path, a later one does', '"":\n  "":\n    a: 1\nb:\n  "":\n    - c: 2\n'],
    ['a map with more keys than are searched (indexed)', Array.from({ length: 40 }, (_, i) => `k${i}:\n  - image: x${i}\n`).join('')],
    [
      'thousands of steps, each its own: past the descents and the paths a file may keep',
      'pipeline:\n  stages:\n    - stage:\n        identifier: b\n        spec:\n          steps:\n' +
        Array.from(
          { length: 3000 },
          (_, i) =>
            `            - step:\n                identifier: s${i}\n                spec:\n                  image: x${i}\n                  connectorRef: c\n`,
        ).join(''),
    ],
  ])('%s', (_name, text) => {
    expect(mismatches('t.yaml', text)).toEqual([]);
  });

  it('asked in any order: a wrapper map gone through on the way to a step still has no path of its own', () => {
    const text =
      'pipeline:\n  stages:\n    - stage:\n        identifier: b\n        spec:\n          steps:\n            - step:\n                identifier: s\n                image: x\n';
    const file = parseSource('t.yaml', text);
    const root = View.root(file, file.docs[0]!)!.get('pipeline')!;
    const stepItem = root.get('stages')!.item(0)!.get('stage')!.get('spec')!.get('steps')!.item(0)!;
    const image = stepItem.get('step')!.get('image')!;
    expect(semanticPath(root, image)).toBe('stages/stage=b/spec/steps/step=s/image');
    expect(semanticPath(root, stepItem)).toBeUndefined();
    expect(semanticPath(root, stepItem.get('step')!)).toBe('stages/stage=b/spec/steps/step=s');
    // Asked backwards through a fresh parse, the paths are the walk's too.
    const again = parseSource('t.yaml', text);
    const fresh = View.root(again, again.docs[0]!)!.get('pipeline')!;
    for (const { view, path: p } of walkedPaths(fresh).reverse()) expect(semanticPath(fresh, view, true)).toBe(p);
  });

  it('names wrappers, items and parallel lists as documented (walk and semanticPath share how items are named)', () => {
    const text =
      'pipeline:\n  stages:\n    - stage:\n        identifier: b\n        spec:\n          steps:\n            - parallel:\n                - step:\n                    identifier: s\n                    image: x\n            - name: n\n              image: y\n            - plain\n    - stage:\n        name: no id\n';
    const file = parseSource('t.yaml', text);
    const root = View.root(file, file.docs[0]!)!.get('pipeline')!;
    const paths = new Map<unknown, string>();
    walk(root, ({ view, path: p }) => {
      if (view.isScalar) paths.set(view.value, p);
    });
    expect(paths.get('x')).toBe('stages/stage=b/spec/steps/step=s/image');
    expect(paths.get('y')).toBe('stages/stage=b/spec/steps/name=n/image');
    expect(paths.get('plain')).toBe('stages/stage=b/spec/steps/2');
    expect(paths.get('no id')).toBe('stages/1/stage/name');
  });

  it('a node outside the root has no path', () => {
    const file = parseSource('t.yaml', 'a:\n  b: 1\nc: 2\n');
    const root = View.root(file, file.docs[0]!)!;
    expect(semanticPath(root.get('a')!, root.get('c')!)).toBeUndefined();
    expect(semanticPath(root.get('a')!, root.get('a')!.get('b')!)).toBe('b');
  });
});
