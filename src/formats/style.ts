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
 * Text from a scanned file (a message quoting a value, a source line) made harmless for a terminal:
 * control characters, escape sequences included, become U+FFFD; a tab becomes two spaces.
 */
export const terminalSafe = (s: string) =>
  s.replace(/\t/g, '  ').replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');

/**
 * An internal error as the CLI and the Action print it: made `terminalSafe`, as text output shows file names (a
 * file name in it comes from the repository and may hold an escape sequence, or a line break before
 * `::add-mask::`), its stack frames still one a line: a line that starts with spaces and `at` is
 * no workflow command.
 */
export const internalErrorText = (text: string) =>
  text
    .split(/\n(?= {4}at )/)
    .map(terminalSafe)
    .join('\n');

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
