import type { MigrationMarkdown } from './report.js';
import path from 'node:path';
import * as core from '@actions/core';
import type { Finding, RelatedLocation } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { changeScope } from '../github/changed-files.js';
import type { ChangeScope } from '../formats/github.js';
import {
  activeFindings,
  cell,
  docsBase,
  internalErrorLines,
  location,
  remediationSection,
  reportHead,
  suppressedGroup,
  SUMMARY_MAX_BYTES,
  totalsSection,
  withFindingsTables,
  type FindingGroup,
  type LinkBase,
  type MarkdownOptions,
} from '../formats/markdown.js';
import type { ChangeDetection } from './detect-changes.js';
import type { GateChange } from './gate.js';
import type { HeadFiles } from './head-files.js';
import type { ConnectorImpact } from './impact.js';
import { linkBase, ruleDocsBase } from './links.js';
import type { Verdict } from './outputs.js';
import { redactSecrets, type RunState } from './state.js';

/**
 * The pull request's job summary (and the check run's summary): the CLI's Markdown report
 * (src/formats/markdown.ts) plus what only a run on a pull request knows: notes on how the run
 * went, changes to the gate, what changed connectors do to pipelines the PR did not touch, and
 * the findings in changed files listed first.
 */

export interface SummaryOptions extends MarkdownOptions {
  changed?: ChangeScope;
  impacts?: readonly ConnectorImpact[];
  /** What a pull request changes in the gate's own files and suppression comments. */
  gateChanges?: readonly GateChange[];
  /** Lines stated under the heading: the fail-on verdict, fallbacks, where the rest is. */
  notes?: readonly string[];
}

export function renderSummary(
  result: Pick<LintResult, 'findings' | 'filesScanned' | 'harnessFiles' | 'skippedNotHarness' | 'internalErrors'>,
  opts: SummaryOptions = {},
): string {
  const findings = activeFindings(result);
  const head = [
    ...reportHead(result, opts.title),
    ...noteLines(opts.notes ?? []),
    ...internalErrorLines(result),
    ...totalsSection(findings),
    // The pull request's own changes are named at the head's lines (a suppression comment's are looked for there).
    ...gateSection(opts.gateChanges ?? [], opts.links && { ...opts.links, shaOf: undefined }),
    ...impactSection(opts.impacts ?? [], opts.links),
    ...remediationSection(findings, docsBase(opts)),
  ];
  return withFindingsTables(head, [...findingGroups(findings, opts.changed), ...suppressedGroup(result)], opts);
}

function noteLines(notes: readonly string[]): string[] {
  const out = notes.flatMap((n) => [`> ${n.replace(/\r?\n/g, ' ')}`, '>']);
  if (out.length) out[out.length - 1] = '';
  return out;
}

/**
 * The gate and impact sections get at most these many bytes each: a pull request that rewrites a
 * 5,000-entry baseline or 200 connectors must not push the findings, or the whole summary, past
 * GitHub's 1 MiB.
 */
const SECTION_MAX_BYTES = 192 * 1024;

/** Whole blocks of lines while they fit in `max` bytes, then one line saying how many were left out. */
function withinBytes(blocks: readonly string[][], max: number, leftOut: (n: number, cutShort: boolean) => string): string[] {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < blocks.length; i++) {
    const size = blocks[i]!.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    if (used + size > max) {
      // A first block larger than the room is shown in part, so the section never says nothing of its own.
      if (i === 0)
        for (const line of blocks[0]!) {
          if (used + Buffer.byteLength(line) + 1 > max) break;
          out.push(line);
          used += Buffer.byteLength(line) + 1;
        }
      // The block shown in part is cut short, not left out: the count is of the blocks after it.
      const cutShort = out.length > 0 && i === 0;
      return [...out, leftOut(blocks.length - i - (cutShort ? 1 : 0), cutShort)];
    }
    out.push(...blocks[i]!);
    used += size;
  }
  return out;
}

function gateSection(changes: readonly GateChange[], links?: LinkBase): string[] {
  if (!changes.length) return [];
  return [
    '### Changes to the gate in this pull request',
    '',
    ...withinBytes(
      changes.map((c) => [`- ${location(c.file, c.line, c.line, links)}: ${cell(c.message)}`]),
      SECTION_MAX_BYTES,
      (n) =>
        `- … and ${n} more, not listed here to keep the summary under GitHub's 1 MiB: the step log has them all (\`Gate change:\` lines).`,
    ),
    '',
    'Protect `.harness-registry-guard.yml` and the baseline with CODEOWNERS so that such changes need a review.',
    '',
  ];
}

function impactSection(impacts: readonly ConnectorImpact[], links?: LinkBase): string[] {
  if (!impacts.length) return [];
  const out = ['### Changed connectors and the pipelines they affect', ''];
  out.push(
    'These stages are in files this change does not touch, so they carry no annotation; the change to the connector decides whether they pass.',
    '',
  );
  const blocks = impacts.map((c) => {
    const block = [`- Connector \`${cell(c.connector)}\` (${location(c.file, c.line, c.line, links)}), rule \`${c.ruleId}\`:`];
    const list = (label: string, rel: readonly RelatedLocation[]) => {
      if (!rel.length) return;
      block.push(`  - ${label}:`);
      for (const r of rel) block.push(`    - ${location(r.file, r.line, r.endLine, links)}: ${cell(r.message)}`);
    };
    if (c.compared) {
      list('now breaks', c.breaks);
      list('still broken (already failing before this change)', c.stillBroken);
      list('now fixes', c.fixes);
    } else list('breaks (the base version could not be compared, so these may have failed before too)', c.breaks);
    return block;
  });
  out.push(
    ...withinBytes(blocks, SECTION_MAX_BYTES, (n, cutShort) => {
      const more = n ? `${n} more changed connector${n === 1 ? '' : 's'}` : '';
      const what = cutShort ? `the rest of its stages${more ? ` and ${more}` : ''}` : `and ${more}`;
      return `- … ${what}, not listed here to keep the summary under GitHub's 1 MiB: their findings are in the tables below and in the step log.`;
    }),
  );
  out.push('');
  return out;
}

/** Findings in changed files first, when the change is known; else one table. */
function findingGroups(findings: readonly Finding[], changed?: ChangeScope): FindingGroup[] {
  if (!changed) return findings.length ? [{ title: `### Findings (${findings.length})`, list: findings }] : [];
  const inChanged = findings.filter((f) => changed.file(f.file));
  const elsewhere = findings.filter((f) => !changed.file(f.file));
  return [
    { title: `### Findings in changed files (${inChanged.length})`, list: inChanged },
    { title: `### Findings elsewhere in the repository (${elsewhere.length})`, list: elsewhere },
  ];
}

export interface JobSummaryOptions {
  detection: ChangeDetection;
  impacts: readonly ConnectorImpact[];
  gateChanges: readonly GateChange[];
  verdict: Verdict;
  sarifFile: string;
  /** Which files the checkout holds as the pull request's head does (the others are linked in the commit checked out). */
  head?: Pick<HeadFiles, 'checkoutSha' | 'atHead'>;
  /** The migration report, appended in the room the 1 MiB a step summary may hold leaves (cut to fit). */
  report?: MigrationMarkdown;
}

/**
 * The job-summary step (`summary`, `report`). A summary that cannot be written is logged, never
 * fatal, and gives false.
 */
/** Less room than this left in the job summary: the report is named, not cut to nearly nothing. */
const MIN_REPORT_BYTES = 32 * 1024;

export async function writeJobSummary(state: RunState, result: LintResult, o: JobSummaryOptions): Promise<boolean> {
  const { settings, ctx } = state;
  if (!settings.summary && !settings.report) return true;
  let md = settings.summary
    ? renderSummary(result, {
        links: linkBase(ctx, o.head),
        changed: changeScope(o.detection.changed),
        impacts: o.impacts,
        gateChanges: o.gateChanges,
        notes: [o.verdict.text, ...state.notes.list],
        docsBaseUrl: ruleDocsBase(ctx),
        seeAlso: o.sarifFile ? 'the SARIF file and the step log' : 'the step log',
      })
    : '';
  if (o.report) {
    const room = SUMMARY_MAX_BYTES - Buffer.byteLength(md);
    const kept = settings.reportFile
      ? `; it is in \`${path.relative(settings.workspace, settings.reportFile)}\``
      : '; set `report-file` to keep it as a file';
    const whole = o.report.text;
    // Cut to the room left rather than dropped; below a useful size, named instead.
    const fitted = Buffer.byteLength(whole) + 2 <= room ? whole : room > MIN_REPORT_BYTES ? o.report.within(room - 2) : undefined;
    md += fitted
      ? `\n\n${fitted}`
      : `\n\nThe migration report (${Buffer.byteLength(whole)} bytes) does not fit in the job summary's 1 MiB${kept}.\n`;
  }
  try {
    await core.summary.addRaw(redactSecrets(md, settings), true).write();
    return true;
  } catch (e) {
    state.log(`Job summary not written: ${(e as Error).message}`);
    return false;
  }
}
