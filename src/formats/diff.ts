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
 * A name with a control character (which would end the header line or reach the terminal), in
 * double quotes with C-style escapes, as git writes it and `git apply` reads it; other names as
 * they are, as before (git takes spaces, quotes, backslashes and UTF-8 unquoted).
 */
function gitQuoted(name: string): string {
  if (!/[\u0000-\u001f\u007f]/.test(name)) return name;
  const escaped = name.replace(/[\u0000-\u001f\u007f"\\]/g, (c) =>
    c in C_ESCAPES ? `\\${C_ESCAPES[c]}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`,
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

/** Myers' O(ND) diff of two line arrays. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk back through the trace to recover the edit script.
  const rev: Array<{ kind: Op['kind']; x: number; y: number }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? 0) < (vd.get(k + 1) ?? 0)) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) rev.push({ kind: ' ', x: --x, y: --y });
    if (d > 0) {
      if (x === prevX) rev.push({ kind: '+', x, y: --y });
      else rev.push({ kind: '-', x: --x, y });
    }
  }
  const ops: Op[] = [];
  for (const r of rev.reverse()) {
    const text = r.kind === '+' ? b[r.y]! : a[r.x]!;
    ops.push({ kind: r.kind, text, oldLine: r.x + 1, newLine: r.y + 1 });
  }
  return ops;
}
