import { describe, expect, it } from '@jest/globals';
import { isAliased, isKey, makeLoc, styleOf, withRange, yamlPathOf, type Loc } from '../../src/model/loc.js';
import { packScans, unpackScans } from '../../src/engine/hand-over.js';
import type { Entity } from '../../src/model/entities.js';

/** Every field a rule reads of a loc. */
const fields = (l: Loc) => ({ file: l.file, start: l.start, end: l.end, value: l.value, path: l.path, flags: l.flags });

describe('locs as facts keep them', () => {
  it('the aliased bit sits above the style bits: a quoted, aliased value keeps its style', () => {
    for (const style of [0, 1, 2, 3, 4]) {
      const loc = makeLoc('a.yaml', 3, 9, 'x', undefined, (style << 4) | 128);
      expect([styleOf(loc), isAliased(loc)]).toEqual([
        ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'][style],
        true,
      ]);
    }
    expect(isAliased(makeLoc('a.yaml', 3, 9, 'x', undefined, 2 << 4))).toBe(false);
  });

  it.each([
    { what: 'at the start of a file', start: 0, flags: 0 },
    { what: 'a key, in a pipeline, double-quoted', start: 1234, flags: 1 | 8 | (2 << 4) },
    { what: 'just under the packed limit (8 MB), every flag bit set', start: 2 ** 23 - 1, flags: 255 },
    { what: 'at the packed limit: kept as six fields', start: 2 ** 23, flags: 9 },
    { what: 'far past it (a file over the size cap let in)', start: 3e9, flags: 17 },
  ])('$what: start and flags read back, and through the hand-over from a worker too', ({ start, flags }) => {
    const loc = makeLoc('a.yaml', start, start + 10, 'account.hub', 'stages/stage=b/spec/connectorRef', flags);
    const want = { file: 'a.yaml', start, end: start + 10, value: 'account.hub', path: 'stages/stage=b/spec/connectorRef', flags };
    expect(fields(loc)).toEqual(want);
    const scan = { file: 'a.yaml', parsed: true, harness: true, findings: [], directives: [], internalErrors: [] };
    const entity = { kind: 'overlayInputSet', identifier: 'o', scope: { level: 'account' }, rootKey: loc } as Entity;
    const [back] = unpackScans(packScans([{ ...scan, entities: [entity] }]));
    expect(fields(back!.entities[0]!.rootKey)).toEqual(want);
  });

  it('a loc over part of its node keeps how the node is written', () => {
    const loc = makeLoc('a.yaml', 40, 90, 'docker pull app.harness.io/registry/x', 'stages/stage=b/spec/command', 8 | (1 << 4));
    const part = withRange(loc, 52, 80);
    expect(fields(part)).toEqual({ ...fields(loc), start: 52, end: 80 });
    expect([isKey(part), styleOf(part), yamlPathOf(part)]).toEqual([isKey(loc), styleOf(loc), 'stages/stage=b/spec/command']);
  });

  it('a packed loc is smaller: five fields, not six', () => {
    expect(Object.keys(makeLoc('a.yaml', 7, 9, null, undefined, 0))).toHaveLength(5);
    expect(Object.keys(makeLoc('a.yaml', 2 ** 23, 2 ** 23 + 2, null, undefined, 0))).toHaveLength(6);
  });
});
