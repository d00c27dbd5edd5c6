import type { Finding, RelatedLocation, Severity } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import type { ChangeScope } from './github.js';
import { allRules, ruleMeta } from '../rules/index.js';
import { defaultDocsBaseUrl } from './sarif.js';
import { plural, scanNotes, totals } from './totals.js';

/**
 * The Markdown report: the Action's job summary and the CLI's `--format markdown`. Totals by rule
 * and severity, what changed connectors do to pipelines the PR did not touch, what to change per
 * rule with its Harness doc, then a table of findings linked to file and line, cut to stay under
 * GitHub's 1 MiB step-summary limit with the cut stated.
 */

/** GitHub rejects a step summary over 1 MiB; stay clearly below it. */
export const SUMMARY_MAX_BYTES = 1_000_000;

export interface LinkBase {
  serverUrl: string;
  /** `owner/name`. */
  repository: string;
  /** Commit the links point at: the PR head. */
  sha: string;
}

/** What a changed connector does to stages in files the change did not touch. */
export interface ConnectorImpact {
  ruleId: string;
  connector: string;
  file: string;
  line: number;
  /** Stages in unchanged files that fail because of the connector (only the new failures when `compared`). */
  breaks: RelatedLocation[];
  /** Stages in unchanged files that failed before the change and still do (only when `compared`). */
  stillBroken: RelatedLocation[];
  /** Stages in unchanged files that failed before the change and no longer do (only when `compared`). */
  fixes: RelatedLocation[];
  /** The base version was linted too, so breaks, stillBroken and fixes are told apart. */
  compared: boolean;
}

export interface MarkdownOptions {
  title?: string;
  links?: LinkBase;
  docsBaseUrl?: string;
  changed?: ChangeScope;
  impacts?: readonly ConnectorImpact[];
  /** What a pull request changes in the gate's own files and suppression comments. */
  gateChanges?: ReadonlyArray<{ file: string; line: number; message: string }>;
  /** Lines stated under the heading: fallbacks, the fail-on verdict, where the rest is. */
  notes?: readonly string[];
  /** Byte budget for the whole text (UTF-8). */
  maxBytes?: number;
  /** Where findings cut from the table can be read. */
  seeAlso?: string;
}

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', notice: '🔵 notice' };

/** A table cell: one line, pipes escaped, no raw HTML. */
export function cell(s: string): string {
  // `<` and `>` become entities outside code spans (raw HTML would be dropped), but stay literal
  // inside them, where entities are not decoded. `|` is escaped everywhere, as GFM tables require.
  return s
    .replace(/\r?\n/g, ' ')
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|');
}
const linkText = (s: string) =>
  s
    .replace(/[\\[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function location(file: string, line: number, endLine: number, links?: LinkBase): string {
  const text = `${file}:${line}`;
  if (!links) return `\`${text.replace(/`/g, "'")}\``;
  const path = file.split('/').map(encodeURIComponent).join('/');
  const anchor = endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `[${linkText(text)}](${links.serverUrl}/${links.repository}/blob/${links.sha}/${path}${anchor})`;
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

function impactSection(impacts: readonly ConnectorImpact[], links?: LinkBase): string[] {
  if (!impacts.length) return [];
  const out = ['### Changed connectors and the pipelines they affect', ''];
  out.push(
    'These stages are in files this change does not touch, so they carry no annotation; the change to the connector decides whether they pass.',
    '',
  );
  for (const c of impacts) {
    out.push(`- Connector \`${cell(c.connector)}\` (${location(c.file, c.line, c.line, links)}), rule \`${c.ruleId}\`:`);
    const list = (label: string, rel: readonly RelatedLocation[]) => {
      if (!rel.length) return;
      out.push(`  - ${label}:`);
      for (const r of rel) out.push(`    - ${location(r.file, r.line, r.endLine, links)}: ${cell(r.message)}`);
    };
    if (c.compared) {
      list('now breaks', c.breaks);
      list('still broken (already failing before this change)', c.stillBroken);
      list('now fixes', c.fixes);
    } else list('breaks (the base version could not be compared, so these may have failed before too)', c.breaks);
  }
  out.push('');
  return out;
}

function remediationSection(findings: readonly Finding[], docsBaseUrl: string): string[] {
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
  return `| ${severity} | \`${f.ruleId}\` | ${location(f.file, f.line, f.endLine, links)} | ${cell(f.message)}${why} |`;
}

export function renderMarkdown(
  result: Pick<LintResult, 'findings' | 'filesScanned' | 'harnessFiles' | 'skippedNotHarness' | 'internalErrors'>,
  opts: MarkdownOptions = {},
): string {
  const max = opts.maxBytes ?? SUMMARY_MAX_BYTES;
  const docsBaseUrl = (opts.docsBaseUrl ?? defaultDocsBaseUrl()).replace(/\/+$/, '');
  // Suppressed findings (inline comment or baseline) are listed apart and counted nowhere else.
  const findings = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  const t = totals(findings);
  const head: string[] = [`## ${opts.title ?? 'harness-registry-guard'}`, ''];
  head.push(
    findings.length
      ? `**${plural(findings.length, 'finding')}**: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')} in ${plural(result.filesScanned, 'file')} scanned.`
      : `**No findings** in ${plural(result.filesScanned, 'file')} scanned.`,
    '',
  );
  for (const note of scanNotes(result)) head.push(note, '');
  if (suppressed.length)
    head.splice(
      head.length - 1,
      0,
      '',
      `${plural(suppressed.length, 'suppressed finding')} (inline comments or the baseline) ${suppressed.length === 1 ? 'is' : 'are'} listed apart and not counted.`,
    );
  for (const n of opts.notes ?? []) head.push(`> ${n.replace(/\r?\n/g, ' ')}`, '>');
  if (opts.notes?.length) head[head.length - 1] = '';
  if (result.internalErrors.length)
    head.push(
      `**Internal error** (a bug in harness-registry-guard; the step fails): ${cell(result.internalErrors[0]!.split('\n')[0]!)}`,
      '',
    );
  if (findings.length) head.push('### Totals', '', ...totalsTable(findings), '');
  if (opts.gateChanges?.length) {
    head.push('### Changes to the gate in this pull request', '');
    for (const c of opts.gateChanges) head.push(`- ${location(c.file, c.line, c.line, opts.links)}: ${cell(c.message)}`);
    head.push('', 'Protect `.harness-registry-guard.yml` and the baseline with CODEOWNERS so that such changes need a review.', '');
  }
  head.push(...impactSection(opts.impacts ?? [], opts.links));
  head.push(...remediationSection(findings, docsBaseUrl));

  // The findings tables: in changed files first (when known), each row linked to file and line.
  const groups: Array<{ title: string; list: Finding[] }> = [];
  if (opts.changed) {
    const inChanged = findings.filter((f) => opts.changed!.file(f.file));
    const elsewhere = findings.filter((f) => !opts.changed!.file(f.file));
    groups.push({ title: `### Findings in changed files (${inChanged.length})`, list: inChanged });
    groups.push({ title: `### Findings elsewhere in the repository (${elsewhere.length})`, list: elsewhere });
  } else if (findings.length) groups.push({ title: `### Findings (${findings.length})`, list: findings });
  if (suppressed.length) groups.push({ title: `### Suppressed findings (${suppressed.length})`, list: suppressed });

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
      `_${plural(cut, 'more finding')} not listed: the summary is kept under ${Math.floor(max / 1024)} KiB.${opts.seeAlso ? ` See ${opts.seeAlso}.` : ''}_`,
      '',
    );
  return text.join('\n');
}

/** `--format markdown` for the CLI: the same report without links. */
export function formatMarkdown(result: LintResult): string {
  return renderMarkdown(result);
}
