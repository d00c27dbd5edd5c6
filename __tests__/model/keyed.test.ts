import { describe, expect, it } from '@jest/globals';
import { parseSource } from '../../src/parse/source.js';
import { View } from '../../src/model/view.js';
import { findUnderKeys, walk } from '../../src/model/walk.js';

// `findUnderKeys` answers from the maps the fast parser listed (`TreeDoc.keyed`) for `image` and
// `harnessImageConnectorRef`: it must find what a walk finds, from any root, for either key or both.

const texts = {
  pipeline: `pipeline:
  identifier: p
  stages:
    - stage:
        identifier: a
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              harnessImageConnectorRef: account.mirror
          execution:
            steps:
              - step:
                  identifier: s
                  spec:
                    image: golang:1.22
              - parallel:
                  - step:
                      identifier: t
                      spec:
                        image: node:22
                        settings:
                          image: not/a/step/image
    - stage:
        identifier: b
        spec:
          runtime:
            type: Docker
            spec:
              harnessImageConnectorRef: org.mirror
          serviceDependencies:
            - identifier: db
              spec:
                image: postgres:16
image: top/level:1
`,
  values: 'image:\n  registry: gcr.io\n  repository: app\nsidecar:\n  image: busybox\n',
  none: 'connector:\n  identifier: c\n  spec:\n    url: x\n',
};

/** What a walk reaches under one of `keys`: the reference `findUnderKeys` must agree with. */
function walked(root: View, keys: ReadonlySet<string>): number[] {
  const out: number[] = [];
  walk(root, ({ view, key, parent }) => {
    if (key !== undefined && parent && keys.has(key)) out.push(view.addr);
  });
  return out;
}

/** The root and every map and list under it. */
function containers(root: View): View[] {
  const out = [root];
  walk(root, ({ view }) => {
    if (!view.isScalar && !view.same(root)) out.push(view);
  });
  return out;
}

const keySets = [new Set(['image']), new Set(['harnessImageConnectorRef']), new Set(['image', 'harnessImageConnectorRef'])];

describe('findUnderKeys from the keys the fast parser listed', () => {
  it.each(Object.entries(texts))('%s: finds what a walk finds, in its order, from every container', (_, text) => {
    const file = parseSource('x.yaml', text);
    expect(file.docs[0]!.keyed).toBeDefined();
    const root = View.root(file, file.docs[0]!)!;
    for (const keys of keySets)
      for (const from of containers(root)) {
        const found: number[] = [];
        findUnderKeys(from, keys, (v) => found.push(v.addr));
        expect([[...keys], from.addr, found]).toEqual([[...keys], from.addr, walked(from, keys)]);
      }
  });

  it('lists the maps in the order their keys are written (the fast parser takes no key a map would put first: `10`, `"2"`)', () => {
    const file = parseSource('x.yaml', texts.pipeline);
    const found: string[] = [];
    findUnderKeys(View.root(file, file.docs[0]!)!, keySets[2]!, (v) => found.push(String(v.str)));
    expect(found).toEqual(['account.mirror', 'golang:1.22', 'node:22', 'not/a/step/image', 'org.mirror', 'postgres:16', 'top/level:1']);
    for (const key of ['10', '"2"']) expect(parseSource('x.yaml', `a:\n  ${key}:\n    image: x\n`).docs[0]!.keyed).toBeUndefined();
  });

  it('a file the fast parser leaves to `yaml` has no list, and is walked', () => {
    const file = parseSource('x.yaml', 'a: &x\n  image: golang\nb: *x\nc:\n  image: node\n');
    expect(file.docs[0]!.keyed).toBeUndefined();
    const found: string[] = [];
    findUnderKeys(View.root(file, file.docs[0]!)!, keySets[0]!, (v) => found.push(String(v.str)));
    expect(found).toEqual(['golang', 'node']);
  });

  it('keys it does not list are found by a scan', () => {
    const file = parseSource('x.yaml', texts.pipeline);
    const root = View.root(file, file.docs[0]!)!;
    const found: number[] = [];
    findUnderKeys(root, new Set(['image', 'identifier']), (v) => found.push(v.addr));
    expect(found.sort()).toEqual(walked(root, new Set(['image', 'identifier'])).sort());
  });
});
