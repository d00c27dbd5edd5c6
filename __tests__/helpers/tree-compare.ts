import { LineCounter, parseAllDocuments } from 'yaml';
import { fastParse } from '../../src/parse/fast-yaml.js';
import { linesOf, parseSource } from '../../src/parse/source.js';
import { ADDR, ENTRIES, KIND_MASK, RECORD, isContainer, type TreeMap } from '../../src/parse/tree.js';
import { YamlTreeBuilder } from '../../src/parse/yaml-tree.js';

/**
 * Parses `text` with the fast parser and with `yaml` (converted by the fallback builder) and
 * returns how they differ, or undefined when they agree or the fast parser declined the text.
 */
export function fastParserDiff(text: string, tamper?: (records: Int32Array) => void): string | undefined {
  const fast = fastParse(text);
  if (!fast) return undefined;
  tamper?.(fast.records);
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error', lineCounter: lc });
  if (!Array.isArray(docs)) return 'yaml gave an empty stream';
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length) return `yaml reports an error the fast parser missed: ${errors[0]!.message.split('\n')[0]}`;
  if (docs.length !== fast.docs.length) return `documents: yaml ${docs.length}, fast ${fast.docs.length}`;
  const builder = new YamlTreeBuilder(text);
  const slow = docs.map((d) => builder.add(d, d.toJS({ maxAliasCount: 100 })));
  const slowRecords = builder.records();
  const ourLines = linesOf(parseSource('x', text)).lineStarts;
  if (JSON.stringify(ourLines) !== JSON.stringify(lc.lineStarts))
    return `line starts differ: ${ourLines.slice(0, 5)} vs ${lc.lineStarts.slice(0, 5)}`;
  for (let d = 0; d < slow.length; d++) {
    const a = fast.docs[d]!;
    const b = slow[d]!;
    if (JSON.stringify(a.json) !== JSON.stringify(b.json)) return 'toJS values differ';
    const diff = compare(text, a.value, fast.records, a.addr, b.value, slowRecords, b.addr, '');
    if (diff) return diff;
  }
  return undefined;
}

function record(records: Int32Array, addr: number): [number, number, number] {
  let i = addr;
  // Follow an alias redirect to the anchored record.
  while (records[i * RECORD + 2]! < 0) i = -records[i * RECORD + 2]! - 1;
  return [records[i * RECORD]!, records[i * RECORD + 1]!, records[i * RECORD + 2]!];
}

function compare(
  text: string,
  a: unknown,
  ra: Int32Array,
  aa: number,
  b: unknown,
  rb: Int32Array,
  ab: number,
  path: string,
): string | undefined {
  const where = (what: string, x: [number, number, number], y: [number, number, number]) =>
    `${path || '(root)'}: ${what}: fast [${x}] ${JSON.stringify(text.slice(x[0], x[1]))} vs yaml [${y}] ${JSON.stringify(text.slice(y[0], y[1]))}`;
  if (isContainer(a) !== isContainer(b)) return `${path}: container vs scalar`;
  if (!isContainer(a) || !isContainer(b)) {
    if (!Object.is(a, b)) return `${path}: value ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    const x = record(ra, aa);
    const y = record(rb, ab);
    if (x[0] !== y[0] || x[1] !== y[1] || (x[2] & KIND_MASK) !== (y[2] & KIND_MASK)) return where('scalar', x, y);
    return undefined;
  }
  const x = record(ra, a[ADDR]);
  const y = record(rb, b[ADDR]);
  if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2]) return where('container', x, y);
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: map vs seq`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = compare(text, a[i], ra, a[ADDR] + 1 + i, b[i], rb, b[ADDR] + 1 + i, `${path}/${i}`);
      if (d) return d;
    }
    return undefined;
  }
  const am = a as TreeMap;
  const bm = b as TreeMap;
  const keys = Object.keys(am);
  const entries = bm[ENTRIES] ?? [];
  if (keys.join('\0') !== entries.map((e) => e.key).join('\0')) return `${path}: keys ${keys} vs ${entries.map((e) => e.key)}`;
  for (let i = 0; i < keys.length; i++) {
    const e = entries[i]!;
    const kx = record(ra, am[ADDR] + 1 + 2 * i);
    const ky = record(rb, bm[ADDR] + 1 + 2 * e.slot);
    if (kx[0] !== ky[0] || kx[1] !== ky[1] || kx[2] !== ky[2]) return where(`key ${keys[i]}`, kx, ky);
    const d = compare(text, am[keys[i]!], ra, am[ADDR] + 2 + 2 * i, e.value, rb, bm[ADDR] + 2 + 2 * e.slot, `${path}/${keys[i]}`);
    if (d) return d;
  }
  return undefined;
}
