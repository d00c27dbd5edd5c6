/**
 * The Markdown reports go into a GitHub job summary, which holds 1 MiB per step and is replaced
 * whole when it is larger. They are built as blocks in the order a reader acts on them, and kept
 * under the limit: the block that does not fit is cut at a line, the blocks after it are left out,
 * and a closing note says which. The JSON report has everything.
 */

/** Under GitHub's 1 MiB, with room for what the Action adds around the report. */
export const MAX_MARKDOWN_BYTES = 960 * 1024;
const NOTE_RESERVE = 8 * 1024;

export interface Block {
  /** What the block is part of, for the closing note. */
  section: string;
  /** What this block is, when the note should name it (a repository, a connector). */
  label?: string;
  lines: string[];
  /** Never cut at a line (a fenced diagram would stay open): left out whole instead. */
  whole?: boolean;
}

/** How the closing note names a section's blocks: `cut` the one cut short, else those left out. */
export type Namer = (section: string, labels: string[], cut: boolean) => string;

export function fitBlocks(head: readonly string[], blocks: readonly Block[], name: Namer, max = MAX_MARKDOWN_BYTES): string {
  const budget = max - NOTE_RESERVE;
  const text: string[] = [];
  let bytes = 0;
  let cut: Block | undefined;
  const left = new Map<string, string[]>();
  // The head (totals, what was not checked) is cut too, never let past the limit: then nothing else fits.
  for (const line of head) {
    if (bytes + size('\n' + line) > budget) {
      cut = { section: HEAD, lines: [] };
      break;
    }
    text.push(line);
    bytes += size('\n' + line);
  }
  for (const b of blocks) {
    if (cut) {
      left.set(b.section, [...(left.get(b.section) ?? []), b.label ?? '']);
      continue;
    }
    const whole = size('\n' + b.lines.join('\n'));
    if (bytes + whole <= budget) {
      text.push(...b.lines);
      bytes += whole;
      continue;
    }
    cut = b;
    if (b.whole) {
      left.set(b.section, [...(left.get(b.section) ?? []), b.label ?? '']);
      continue;
    }
    for (const line of b.lines) {
      if (bytes + size('\n' + line) > budget) break;
      text.push(line);
      bytes += size('\n' + line);
    }
  }
  if (cut) {
    const parts = [];
    if (cut.section === HEAD) parts.push('Cut short: the report’s first sections.');
    else if (!cut.whole) parts.push(`Cut short: ${name(cut.section, [cut.label ?? ''], true)}.`);
    if (left.size) parts.push(`Left out: ${[...left.entries()].map(([section, labels]) => name(section, labels, false)).join('; ')}.`);
    text.push(
      '',
      `> This summary stops at GitHub’s job summary size; the JSON report (\`--format json\`) has everything. ${parts.join(' ')}`,
      '',
    );
  }
  const out = text.join('\n');
  return out.endsWith('\n') ? out : out + '\n';
}

/** The section name of the head, when even it does not fit. */
const HEAD = '\0head';

/** Up to `max` names, then how many more. */
export function someOf(names: readonly string[], max = 30): string {
  return names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');
}

const size = (s: string) => Buffer.byteLength(s, 'utf8');
