/**
 * ANSI styles for the terminal form of text output, and what makes untrusted text safe to show
 * there. Whether to use them is the caller's decision (the CLI: a TTY, `NO_COLOR`, `FORCE_COLOR`).
 */

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => (s ? `\x1b[${open}m${s}\x1b[${close}m` : s);

export const COLOR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};

const same = (s: string) => s;
export const NO_STYLE: Style = { bold: same, dim: same, red: same, yellow: same, cyan: same, green: same };

/**
 * Text from the repository made harmless wherever it is shown raw (a terminal, a log, Markdown read
 * as text): control characters, escape sequences and BEL included, become U+FFFD. So do the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would show
 * the text around them in another order than it is written ("Trojan Source"). Tabs and line breaks
 * are left to the caller.
 */
export const noControl = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');

/**
 * Text from a scanned file (a message quoting a value, a source line) made harmless for a terminal:
 * `noControl`, and line breaks become U+FFFD too; a tab becomes two spaces.
 */
export const terminalSafe = (s: string) => noControl(s.replace(/\t/g, '  ')).replace(/[\n\r\u2028\u2029]/g, '\uFFFD');

/** A message made `terminalSafe` line by line, its own line breaks kept before the lines `continues` matches. */
const safeLines = (text: string, continues: RegExp) => text.split(continues).map(terminalSafe).join('\n');

/**
 * An internal error as the CLI and the Action print it: made `terminalSafe`, as text output shows file names (a
 * file name in it comes from the repository and may hold an escape sequence, or a line break before
 * `::add-mask::`), its stack frames still one a line: a line that starts with spaces and `at` is
 * no workflow command.
 */
export const internalErrorText = (text: string) => safeLines(text, /\n(?= {4}at )/);

/**
 * A usage error as the CLI prints it: it may quote a file or folder name from the repository or an
 * argument, so it is made `terminalSafe`, its list of problems (indented lines) still one a line.
 */
export const usageErrorText = (text: string) => safeLines(text, /\n(?= {2}\S)/);

/** Columns a code point takes in a terminal: 0 for combining marks, 2 for wide East Asian characters and emoji, else 1. */
function width(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    (cp >= 0x231a && EMOJI.test(String.fromCodePoint(cp)))
  )
    return 2;
  return 1;
}
/** Emoji shown as emoji by default (🚀, ⌚, 🫠): two columns, as terminals draw them. */
const EMOJI = /^\p{Emoji_Presentation}$/u;

/** Terminal columns `s` takes once made `terminalSafe`. */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of terminalSafe(s)) n += width(ch.codePointAt(0)!);
  return n;
}
