import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { BatchPacker, packScans, unpackScans } from '../../src/engine/hand-over.js';
import { scanFiles, scanOptions, serialScanner, type FileInput, type FileScan, type ScanSpec } from '../../src/engine/scan-file.js';
import { EMPTY, makeLoc, NONE, type Loc } from '../../src/model/loc.js';
import { scopeOf } from '../../src/model/scope.js';
import { classify, type Connector, type Entity } from '../../src/model/entities.js';
import { parseSource } from '../../src/parse/source.js';
import { rules } from '../../src/rules/index.js';
import { optionsOf } from '../../src/engine/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Every YAML file under the test fixtures, the test repos and the examples. */
function yamlFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  for (const d of ['__tests__/fixtures', '__tests__/repos', 'examples']) walk(path.join(root, d));
  return out.sort();
}

/** A pipeline whose connector references are numbers JSON cannot carry, or that would read as packed strings. */
const ODD_VALUES = ['-0', '-5', '1.5', '.inf', '-.inf', '.nan', '12345678901234567890', '"\\0number:7"', '"\\0"', '0'];
const oddPipeline = `pipeline:
  name: odd
  identifier: odd
  orgIdentifier: o
  projectIdentifier: p
  stages:
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: -7
              harnessImageConnectorRef: .nan
          execution:
            steps:
${ODD_VALUES.map((v, i) => `              - step:\n                  type: Run\n                  identifier: s${i}\n                  spec:\n                    connectorRef: ${v}\n                    image: app.harness.io/registry/x:${i}\n`).join('')}`;

/** Facts as plain data to compare: locs as their fields, numbers that JSON would blur (-0, NaN) as text. */
function plain(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) || !Number.isFinite(v) ? `number ${Object.is(v, -0) ? '-0' : v}` : v;
  if (Array.isArray(v)) return v.map(plain);
  if (!v || typeof v !== 'object') return v;
  const o = v as Loc;
  if (typeof o.start === 'number' && typeof o.flags === 'number')
    return { loc: [o.file, o.start, o.end, plain(o.value), o.path ?? 'no path', o.flags] };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

function inputsAndSpec(): { inputs: FileInput[]; spec: ScanSpec } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-hand-over-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'odd.yaml'), oddPipeline);
  const inputs: FileInput[] = [...yamlFiles(), path.join(dir, 'odd.yaml')].map((absPath) => ({
    shown: path.relative(root, absPath),
    absPath,
  }));
  const spec: ScanSpec = {
    fileRules: rules.filter((r) => r.checkFile).map((r) => ({ id: r.id, options: optionsOf(r, undefined) })),
    ruleIds: rules.map((r) => r.id),
    maxFileSize: 10 * 2 ** 20,
    images: true,
  };
  return { inputs, spec };
}

describe("a worker's scans handed to the main thread", () => {
  test('come back with the same facts, findings and line tables, for every fixture, test repo and example, and odd numbers', () => {
    const { inputs, spec } = inputsAndSpec();
    const scans = serialScanner(rules)(inputs, spec) as FileScan[];
    const want = plain(scans);
    const odd = JSON.stringify(want);
    // The odd pipeline's values reached the facts as numbers and as strings that look like marks.
    for (const v of ['number -0', 'number NaN', 'number Infinity', 'number -Infinity', '\u0000number:7', '\u0000', -5, 1.5])
      expect(odd).toContain(JSON.stringify(v));
    expect(scans.filter((s) => s.entities.length).length).toBeGreaterThan(40);
    expect(scans.some((s) => s.images?.length)).toBe(true);
    expect(scans.flatMap((s) => s.internalErrors)).toEqual([]);
    // In batches of 64, as the pool sends them: facts packed as they are made, as a worker does.
    const back: FileScan[] = [];
    for (let i = 0; i < inputs.length; i += 64) {
      const packer = new BatchPacker();
      const batch = scanFiles(inputs.slice(i, i + 64), { ...scanOptions(rules, spec), facts: packer.facts });
      back.push(...unpackScans(structuredClone(packer.finish(batch))));
    }
    expect(plain(back)).toEqual(want);
    // And packed from their locs.
    const fromLocs: FileScan[] = [];
    for (let i = 0; i < scans.length; i += 64) fromLocs.push(...unpackScans(structuredClone(packScans(scans.slice(i, i + 64)))));
    expect(plain(fromLocs)).toEqual(want);
  });

  test('keep one loc for a node that two facts share, NONE for empty lists, EMPTY for empty objects, and shared scopes', () => {
    const loc = makeLoc('a.yaml', 30, 40, 'account.harnessImage', 'stages/stage=b/spec/infrastructure/spec/harnessImageConnectorRef', 8);
    const far = makeLoc('a.yaml', 2 ** 23 + 5, 2 ** 23 + 9, null, undefined, 1);
    const other = makeLoc('b.yaml', 30, 40, 'x', 'p', 8);
    const pipeline = {
      kind: 'pipeline',
      identifier: 'p',
      scope: scopeOf('o', 'p'),
      rootKey: far,
      stages: [
        {
          identifier: 'b',
          at: other,
          infrastructure: { kind: 'KubernetesDirect', imageConnectorRef: loc },
          cloneCodebase: true,
          steps: [],
        },
      ],
      variables: {},
      imageConnectorFields: [{ at: loc, path: 'x' }],
    };
    const scan = { file: 'a.yaml', parsed: true, harness: true, findings: [], directives: [], internalErrors: [] };
    const [back] = unpackScans(
      JSON.parse(JSON.stringify(packScans([{ ...scan, entities: [pipeline] as unknown as FileScan['entities'] }]))),
    );
    const p = back!.entities[0] as unknown as typeof pipeline;
    expect(p.stages[0]!.infrastructure.imageConnectorRef).toBe(p.imageConnectorFields[0]!.at);
    expect(p.stages[0]!.steps).toBe(NONE);
    expect(p.variables).toBe(EMPTY);
    expect(p.scope).toBe(scopeOf('o', 'p'));
    expect(plain([p.rootKey, p.stages[0]!.at])).toEqual(plain([far, other]));
  });

  test("keep the file of a loc in another file than the scan's", () => {
    const source = parseSource(
      'a.yaml',
      'connector:\n  identifier: c\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://x\n',
    );
    const c = classify(source, 0, 'a.yaml');
    if (c.kind !== 'entity') throw new Error(`not an entity: ${c.kind}`);
    const packer = new BatchPacker();
    const facts = packer.facts(c.entity, undefined, 'b.yaml') as Entity;
    const scan = { file: 'b.yaml', parsed: true, harness: true, findings: [], entities: [facts], directives: [], internalErrors: [] };
    const [back] = unpackScans(structuredClone(packer.finish([scan])));
    expect((back!.entities[0] as Connector).rootKey.file).toBe('a.yaml');
  });

  test('a list of numbers in the facts is refused, not misread as a loc', () => {
    const scan = { file: 'a.yaml', parsed: true, harness: true, findings: [], directives: [], internalErrors: [] };
    expect(() => packScans([{ ...scan, entities: [{ kind: 'x', list: [1, 2] }] as unknown as FileScan['entities'] }])).toThrow(
      /list of numbers/,
    );
    expect(() => new BatchPacker().facts({ kind: 'x', list: [1, 2] }, undefined, 'a.yaml')).toThrow(/list of numbers/);
  });
});
