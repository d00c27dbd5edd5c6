import type { Finding } from '../engine/finding.js';

/**
 * A finding's related locations as text lines, `related: file:line:col: message`, at most `max`
 * of them and a count of the rest: how the text, GitHub and JUnit formats list them.
 */
export function relatedLines(f: Finding, max: number): string[] {
  const related = f.related ?? [];
  const out = related.slice(0, max).map((r) => `related: ${r.file}:${r.line}:${r.column}: ${r.message}`);
  if (related.length > max) out.push(`related: and ${related.length - max} more`);
  return out;
}
