/** Places in JSON text without building a tree: for files too large to parse twice (a baseline). */

/**
 * The ranges of the items of the list under top-level key `key` in a text `JSON.parse` accepted
 * (the last such key, as `JSON.parse` keeps), found by tracking strings and nesting: no tree of a
 * large file is built to place a few of its items.
 */
export function jsonListItemRanges(text: string, key: string): Array<[number, number]> {
  let found: Array<[number, number]> = [];
  let current: Array<[number, number]> | undefined;
  let depth = 0;
  let lastKey: string | undefined;
  let itemStart = -1;
  /** Ends the current item at `end`, less the spaces before a `,` or `]`. */
  const push = (end: number) => {
    while (end > itemStart && /\s/.test(text[end - 1]!)) end--;
    current!.push([itemStart, end]);
    itemStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) lastKey = JSON.parse(text.slice(i, j + 1)) as string;
      if (depth === 2 && current && itemStart < 0) itemStart = i;
      i = j;
    } else if (c === '{' || c === '[') {
      if (depth === 1 && c === '[' && lastKey === key) current = found = [];
      else if (depth === 2 && current && itemStart < 0) itemStart = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      // A list or map item just closed; or the list itself, after a last item that is a scalar.
      if (depth === 2 && current && itemStart >= 0) push(i + 1);
      else if (depth === 1 && current) {
        if (itemStart >= 0) push(i);
        current = undefined;
      }
    } else if (c === ',') {
      if (depth === 1) lastKey = undefined;
      else if (depth === 2 && current && itemStart >= 0) push(i);
    } else if (depth === 2 && current && itemStart < 0 && !/\s/.test(c)) itemStart = i;
  }
  return found;
}

/**
 * Where a text that `JSON.parse` rejects first breaks JSON's grammar (V8 names no position for most
 * of its errors), or -1 if it cannot tell (nesting too deep to follow).
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c !== 92) i++;
      else if (text[i + 1] === 'u') {
        i += 2;
        for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
      } else if (i + 1 < text.length && '"\\/bfnrt'.includes(text[i + 1]!)) i += 2;
      else {
        i++;
        fail();
      }
    }
    fail();
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const items = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{')
      items('}', () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    else if (c === '[') items(']', value);
    else if (c === '"') string();
    else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail();
    } else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (e) {
    if (e instanceof JsonStop) return e.offset;
    if (e instanceof RangeError) return -1; // nested deeper than the stack
    throw e;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
