import type { Finding, Severity } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { allRules, ruleMeta } from '../rules/index.js';
import { defaultDocsBaseUrl } from './links.js';
import { plural, scanNotes, totals } from './totals.js';
import { noControl } from './style.js';

/**
 * The CLI's `--format markdown`: totals by rule and severity, what to change per rule with its
 * Harness doc, then a table of findings (linked to file and line when a commit is known), cut to
 * stay under GitHub's 1 MiB step-summary limit with the cut stated. The pieces are exported for
 * the Action's job summary (src/action/summary.ts), which adds what only a pull request has.
 */

/** GitHub rejects a step summary over 1 MiB; stay clearly below it. */
export const SUMMARY_MAX_BYTES = 1_000_000;

export interface LinkBase {
  serverUrl: string;
  /** `owner/name`. */
  repository: string;
  /** Commit the links point at: the PR head. */
  sha: string;
  /** The commit to link a file at, when not every file is at `sha` (the Action's test-merge checkout). */
  shaOf?: (file: string) => string;
}

export interface MarkdownOptions {
  title?: string;
  links?: LinkBase;
  docsBaseUrl?: string;
  /** Byte budget for the whole text (UTF-8). */
  maxBytes?: number;
  /** Where findings cut from the table can be read. */
  seeAlso?: string;
}

/** Findings under one heading of the findings tables. */
export interface FindingGroup {
  title: string;
  list: readonly Finding[];
}

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', notice: '🔵 notice' };

/**
 * A table cell: one line, pipes escaped, no raw HTML. A lone CR ends a line in Markdown as LF does,
 * and the Unicode line and paragraph separators may in an editor (NEL is a control `noHtml` replaces).
 */
export function cell(s: string): string {
  return noHtml(s.replace(/[\r\n\u2028\u2029]+/g, ' ')).replace(/\|/g, '\\|');
}

/**
 * Markdown text with no raw HTML and no link: `<`, `>` and `&` become entities outside code spans
 * (`[` and `]` are escaped, and `\\` is doubled there, so it escapes nothing), and stay
 * literal inside them, where entities are not decoded. A code span is found as CommonMark finds
 * it: a run of backticks closed by the next run of the same length (a value holding backticks,
 * as in `` `a`<img>` ``, cannot pair runs of different lengths and leave the `<img>` outside).
 */
export function noHtml(text: string): string {
  const s = noControl(text);
  // A backslash is doubled too: `\`` would otherwise escape a backtick this scan took for a code span's.
  // Brackets too: a value must not make a link or an image (`![t](https://tracker)`) in the summary.
  const escape = (t: string) =>
    t.replace(/\\/g, '\\\\').replace(/[[\]]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('`', i);
    if (open < 0) break;
    let n = open;
    while (s[n] === '`') n++;
    const run = n - open;
    // The closing run: exactly `run` backticks, not part of a longer run.
    const close = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
    close.lastIndex = n;
    const m = close.exec(s);
    if (!m) {
      out += escape(s.slice(i, n));
      i = n;
      continue;
    }
    out += escape(s.slice(i, open)) + s.slice(open, m.index + run);
    i = m.index + run;
  }
  return out + escape(s.slice(i));
}
/** Link text: a backtick would pair with one of a code span later on the line and break the link. */
const linkText = (s: string) =>
  s
    .replace(/[\\[\]`]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|');
/** A path segment for a link target: `(`, `)` and the other marks encodeURIComponent keeps would end or break it. */
export const urlSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, percent);
/** A whole URL as a link target: what would end it (`)`, a space) or open HTML is percent-encoded. */
export const linkTarget = (url: string) => url.replace(/[()<>\s]/g, percent);
const percent = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function location(file: string, line: number, endLine: number, links?: LinkBase): string {
  const text = noControl(`${file}:${line}`.replace(/[\r\n\u2028\u2029]+/g, ' '));
  if (!links) return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  const path = file.split('/').map(urlSegment).join('/');
  const anchor = endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `[${linkText(text)}](${links.serverUrl}/${links.repository}/blob/${links.shaOf?.(file) ?? links.sha}/${path}${anchor})`;
}

function totalsTable(findings: readonly Finding[]): string[] {
  const rows: string[] = ['| Rule | Errors | Warnings | Notices | Total |', '| --- | ---: | ---: | ---: | ---: |'];
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  for (const id of ids) {
    const of = findings.filter((f) => f.ruleId === id);
    const n = (s: Severity) => of.filter((f) => f.severity === s).length;
    rows.push(`| \`${id}\` | ${n('error')} | ${n('warning')} | ${n('notice')} | ${of.length} |`);
  }
  const t = totals(findings);
  rows.push(`| **Total** | **${t.errors}** | **${t.warnings}** | **${t.notices}** | **${findings.length}** |`);
  return rows;
}

const ruleIndex = new Map(allRules.map((r, i) => [r.id, i]));
const order = (id: string) => ruleIndex.get(id) ?? allRules.length;

export function remediationSection(findings: readonly Finding[], docsBaseUrl: string): string[] {
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  if (!ids.length) return [];
  const out = ['### What to change', ''];
  for (const id of ids) {
    const meta = ruleMeta(id);
    if (!meta) continue;
    out.push(`- **\`${id}\`**: ${meta.remediation} [Harness docs](${meta.harnessDocs}) · [rule page](${docsBaseUrl}/${id}.md)`);
  }
  out.push('');
  return out;
}

function row(f: Finding, links?: LinkBase): string {
  const severity = f.suppressed ? `⚪ ${f.severity}, suppressed (${f.suppressed.kind})` : ICON[f.severity];
  const why = f.suppressed?.reason ? ` _Suppressed: ${cell(f.suppressed.reason)}_` : '';
  const inHarness = f.harnessUrl ? ` [Open in Harness](${linkTarget(f.harnessUrl)})` : '';
  return `| ${severity} | \`${f.ruleId}\` | ${location(f.file, f.line, f.endLine, links)} | ${cell(f.message)}${inHarness}${why} |`;
}

type Scan = Pick<LintResult, 'findings' | 'filesScanned' | 'harnessFiles' | 'skippedNotHarness' | 'internalErrors'> &
  Partial<Pick<LintResult, 'harness'>>;

/** The findings that count (suppressed ones are listed apart and counted nowhere else). */
export const activeFindings = (result: Pick<LintResult, 'findings'>) => result.findings.filter((f) => !f.suppressed);

/** Heading, counts, what the scan covered, and how many findings are suppressed. */
export function reportHead(result: Scan, title = 'harness-registry-guard'): string[] {
  const findings = activeFindings(result);
  const suppressed = result.findings.length - findings.length;
  const t = totals(findings);
  const head: string[] = [`## ${title}`, ''];
  head.push(
    findings.length
      ? `**${plural(findings.length, 'finding')}**: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')} in ${plural(result.filesScanned, 'file')} scanned.`
      : `**No findings** in ${plural(result.filesScanned, 'file')} scanned.`,
    '',
  );
  for (const note of scanNotes(result)) head.push(note, '');
  if (suppressed)
    head.splice(
      head.length - 1,
      0,
      '',
      `${plural(suppressed, 'suppressed finding')} (inline comments or the baseline) ${suppressed === 1 ? 'is' : 'are'} listed apart and not counted.`,
    );
  return head;
}

/** The first internal error, which fails the step; nothing when there is none. */
export function internalErrorLines(result: Pick<LintResult, 'internalErrors'>): string[] {
  return result.internalErrors.length
    ? [`**Internal error** (a bug in harness-registry-guard; the step fails): ${cell(result.internalErrors[0]!.split('\n')[0]!)}`, '']
    : [];
}

export function totalsSection(findings: readonly Finding[]): string[] {
  return findings.length ? ['### Totals', '', ...totalsTable(findings), ''] : [];
}

/** The group of suppressed findings, when there are any. */
export function suppressedGroup(result: Pick<LintResult, 'findings'>): FindingGroup[] {
  const suppressed = result.findings.filter((f) => f.suppressed);
  return suppressed.length ? [{ title: `### Suppressed findings (${suppressed.length})`, list: suppressed }] : [];
}

/**
 * `head` followed by one findings table per group, each row linked to file and line, cut so that
 * the whole text stays within `maxBytes`; the cut is stated, with where to read the rest.
 */
export function withFindingsTables(head: readonly string[], groups: readonly FindingGroup[], opts: MarkdownOptions = {}): string {
  const max = opts.maxBytes ?? SUMMARY_MAX_BYTES;
  const text: string[] = [...head];
  let size = bytes(text.join('\n'));
  const footerReserve = 600;
  let cut = 0;
  const tableHead = ['| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |'];
  for (const g of groups) {
    if (!g.list.length) continue;
    const start = [g.title, '', ...tableHead];
    const startBytes = bytes(start.join('\n')) + 1;
    if (cut || size + startBytes + footerReserve > max) {
      cut += g.list.length;
      continue;
    }
    text.push(...start);
    size += startBytes;
    for (let i = 0; i < g.list.length; i++) {
      const r = row(g.list[i]!, opts.links);
      const b = bytes(r) + 1;
      if (size + b + footerReserve > max) {
        cut += g.list.length - i;
        break;
      }
      text.push(r);
      size += b;
    }
    text.push('');
    size += 1;
  }
  if (cut)
    text.push(
      `_${plural(cut, 'more finding')} not listed: the summary is kept under ${Math.ceil(max / 1024)} KiB.${opts.seeAlso ? ` See ${opts.seeAlso}.` : ''}_`,
      '',
    );
  return text.join('\n');
}

export const docsBase = (opts: Pick<MarkdownOptions, 'docsBaseUrl'>) => (opts.docsBaseUrl ?? defaultDocsBaseUrl()).replace(/\/+$/, '');

/** The Markdown report of a scan: head, totals, what to change, and the findings table. */
export function renderMarkdown(result: Scan, opts: MarkdownOptions = {}): string {
  const findings = activeFindings(result);
  const head = [
    ...reportHead(result, opts.title),
    ...internalErrorLines(result),
    ...totalsSection(findings),
    ...remediationSection(findings, docsBase(opts)),
  ];
  const groups = findings.length ? [{ title: `### Findings (${findings.length})`, list: findings }] : [];
  return withFindingsTables(head, [...groups, ...suppressedGroup(result)], opts);
}

/** `--format markdown` for the CLI: the report without links. */
export function formatMarkdown(result: LintResult): string {
  return renderMarkdown(result);
}
