/** Pieces are handed out once they reach this many characters. */
const PIECE = 65_536;

/**
 * How deep the migration reports (of a repository, and merged) are written member by member: down
 * to each use of a connector and each image of a registry. One level less, a connector that every
 * stage uses was one string: the 10,000-pipeline repo's JSON report peaked at 518 MB, not 388.
 * Not the default: `check`'s findings are small, and writing them member by member made `check
 * --format json` on that repo 1.04× slower.
 */
export const REPORT_DEPTH = 4;

/**
 * `JSON.stringify(value, null, 2) + '\n'` in pieces of about 64 KB, for writing a large report as
 * it is made: the text is never held whole (a 100,000-pipeline repo's migration report would be
 * longer than V8's longest string). The top object, and the arrays and objects in it down to
 * `depth` levels, are written member by member; a generator stands for an array, so that a caller
 * can map a long list without copying it. Anything deeper is one `JSON.stringify`, indented to its
 * place (JSON strings hold no raw newline): the text is the same as the whole value's.
 */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  let piece = '';
  for (const part of parts(value, '', depth)) {
    piece += part;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}\n`;
}

/** Maps a list lazily, for `jsonPieces`. */
export function* mapped<T, U>(list: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of list) yield f(item);
}

/** What `JSON.stringify` leaves out of an object and writes as `null` in an array. */
const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

const isGenerator = (v: unknown) => Object.prototype.toString.call(v) === '[object Generator]';

/** An object `JSON.stringify` writes member by member (not a Map, a Date or anything with `toJSON`). */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && !('toJSON' in v);

function* parts(value: unknown, pad: string, depth: number): Generator<string> {
  if (depth > 0 && (Array.isArray(value) || isGenerator(value))) {
    let n = 0;
    for (const item of value as Iterable<unknown>) {
      yield `${n++ ? ',' : '['}\n${pad}  `;
      yield* parts(skipped(item) ? null : item, `${pad}  `, depth - 1);
    }
    yield n ? `\n${pad}]` : '[]';
    return;
  }
  if (depth > 0 && isPlainObject(value)) {
    let n = 0;
    for (const [key, v] of Object.entries(value)) {
      if (skipped(v)) continue;
      yield `${n++ ? ',' : '{'}\n${pad}  ${JSON.stringify(key)}: `;
      yield* parts(v, `${pad}  `, depth - 1);
    }
    yield n ? `\n${pad}}` : '{}';
    return;
  }
  yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${pad}`);
}
