import { micromark } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';

/**
 * Markdown as a CommonMark renderer with GFM tables turns it into HTML, raw HTML passed through
 * (as GitHub passes the tags its sanitiser keeps, such as `<img>`): the oracle for "no raw HTML".
 */
export const toHtml = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });

/** The tags in rendered HTML that Markdown syntax does not make: raw HTML from the text. */
export function rawTags(markdown: string): string[] {
  const made = /^\/?(a|br|code|em|strong|p|h[1-6]|table|thead|tbody|tr|th|td|ul|ol|li|pre|hr|blockquote|details|summary|sub|sup)$/;
  return [...toHtml(markdown).matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!).filter((tag) => !made.test(tag));
}
