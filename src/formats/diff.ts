/**
 * A unified diff (`diff -u` / `git diff` format) of two texts, line by line, with 3 lines of
 * context. Line endings are part of each line (a CRLF line keeps its \r), so the patch applies as is.
 */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    // A hunk runs from `context` lines before the first change to `context` lines after the last
    // change that is no more than 2*context unchanged lines from the next.
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1]!.kind === ' ') start--;
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ') gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(end + context, gap);
        break;
      }
    }
    const slice = ops.slice(start, end);
    const first = ops[start]!;
    const oldLen = slice.filter((o) => o.kind !== '+').length;
    const newLen = slice.filter((o) => o.kind !== '-').length;
    const oldStart = oldLen ? first.oldLine : first.oldLine - 1;
    const newStart = newLen ? first.newLine : first.newLine - 1;
    hunks.push(`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`);
    for (const o of slice) {
      hunks.push(o.kind + o.text.replace(/\n$/, ''));
      if (!o.text.endsWith('\n')) hunks.push('\\ No newline at end of file');
    }
    i = end;
  }
  return `--- ${gitQuoted(oldName)}\n+++ ${gitQuoted(newName)}\n${hunks.join('\n')}\n`;
}

const C_ESCAPES: Record<string, string> = {
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '"': '"',
  '\\': '\\',
};

/**
 * A name with a control character, C0, DEL or C1 (which would end the header line or reach the
 * terminal), in double quotes with C-style escapes, as git writes it and `git apply` reads it: a C1
 * control as the octal of its UTF-8 bytes (U+0085 is `\302\205`). Other names as they are, as
 * before (git takes spaces, quotes, backslashes and UTF-8 unquoted).
 */
function gitQuoted(name: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f]/.test(name)) return name;
  const escaped = name.replace(/[\u0000-\u001f\u007f-\u009f"\\]/g, (c) =>
    c in C_ESCAPES ? `\\${C_ESCAPES[c]}` : [...Buffer.from(c)].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join(''),
  );
  return `"${escaped}"`;
}

const range = (start: number, len: number) => (len === 1 ? `${start}` : `${start},${len}`);

function splitLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  /** 1-based line numbers where this op sits in the old and new text. */
  oldLine: number;
  newLine: number;
}

/**
 * Past this many edits in one stretch of changed lines, the exact diff, whose trace grows with the
 * square of the edits, gives way to anchors (see `diffBetween`), so memory stays linear.
 */
const MAX_EDITS = 1000;

/** The edit script of two line arrays: Myers' O(ND) diff of the lines between their common prefix and suffix. */
function diffLines(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  diffBetween(a, 0, a.length, b, 0, b.length, ops, true);
  return ops;
}

/**
 * Appends the edit script of a[x..xEnd) and b[y..yEnd). Trimming the common prefix and suffix gives
 * Myers' own script; a middle with more than MAX_EDITS edits is split at the lines found once in
 * each side (in the same order, patience style), and each gap diffed on its own.
 */
function diffBetween(a: string[], x: number, xEnd: number, b: string[], y: number, yEnd: number, ops: Op[], anchored: boolean): void {
  const push = (kind: Op['kind'], i: number, j: number) =>
    ops.push({ kind, text: kind === '+' ? b[j]! : a[i]!, oldLine: i + 1, newLine: j + 1 });
  for (; x < xEnd && y < yEnd && a[x] === b[y]; x++, y++) push(' ', x, y);
  let suffix = 0;
  while (xEnd - suffix > x && yEnd - suffix > y && a[xEnd - suffix - 1] === b[yEnd - suffix - 1]) suffix++;
  xEnd -= suffix;
  yEnd -= suffix;
  if (!myers(a, x, xEnd, b, y, yEnd, ops)) {
    if (anchored) {
      for (const [i, j] of anchors(a, x, xEnd, b, y, yEnd)) {
        diffBetween(a, x, i, b, y, j, ops, false);
        push(' ', i, j);
        x = i + 1;
        y = j + 1;
      }
      diffBetween(a, x, xEnd, b, y, yEnd, ops, false);
    } else {
      for (let i = x; i < xEnd; i++) push('-', i, y);
      for (let j = y; j < yEnd; j++) push('+', xEnd, j);
    }
  }
  for (let k = 0; k < suffix; k++) push(' ', xEnd + k, yEnd + k);
}

/** Myers' O(ND) diff of a[x0..x1) and b[y0..y1), appended to `ops`; false (and nothing appended) past MAX_EDITS edits. */
function myers(a: string[], x0: number, x1: number, b: string[], y0: number, y1: number, ops: Op[]): boolean {
  const n = x1 - x0;
  const m = y1 - y0;
  const max = Math.min(n + m, MAX_EDITS);
  // v[k + off] is the furthest x on diagonal k; trace[d] keeps diagonals -d-1..d+1 as they were before step d.
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x0 + x] === b[y0 + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break outer;
      }
    }
  }
  if (!done) return false;
  // Walk back through the trace to recover the edit script.
  const rev: Array<{ kind: Op['kind']; x: number; y: number }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (k: number) => vd[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) rev.push({ kind: ' ', x: --x, y: --y });
    if (d > 0) {
      if (x === prevX) rev.push({ kind: '+', x, y: --y });
      else rev.push({ kind: '-', x: --x, y });
    }
  }
  for (let i = rev.length - 1; i >= 0; i--) {
    const r = rev[i]!;
    ops.push({ kind: r.kind, text: r.kind === '+' ? b[y0 + r.y]! : a[x0 + r.x]!, oldLine: x0 + r.x + 1, newLine: y0 + r.y + 1 });
  }
  return true;
}

/**
 * Pairs (i, j) of lines found exactly once in a[x0..x1) and once in b[y0..y1), equal, and in the same
 * order on both sides: the longest such chain (patience sorting, n log n).
 */
function anchors(a: string[], x0: number, x1: number, b: string[], y0: number, y1: number): Array<[number, number]> {
  const once = (lines: string[], from: number, to: number) => {
    const at = new Map<string, number>();
    for (let i = from; i < to; i++) at.set(lines[i]!, at.has(lines[i]!) ? -1 : i);
    return at;
  };
  const inA = once(a, x0, x1);
  const inB = once(b, y0, y1);
  const pairs: Array<[number, number]> = [];
  for (const [line, i] of inA) {
    const j = inB.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  // Longest chain increasing in j: tails[len] is the pair ending the best chain of length len + 1.
  const tails: number[] = [];
  const prev: number[] = [];
  for (let p = 0; p < pairs.length; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < pairs[p]![1]) lo = mid + 1;
      else hi = mid;
    }
    prev[p] = lo ? tails[lo - 1]! : -1;
    tails[lo] = p;
  }
  const chain: Array<[number, number]> = [];
  for (let p = tails.length ? tails[tails.length - 1]! : -1; p >= 0; p = prev[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}
