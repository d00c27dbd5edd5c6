import type { Finding } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { allRules } from '../rules/index.js';
import { SourceTexts } from '../engine/file-text.js';
import { codeFrame } from './code-frame.js';
import { relatedLines } from './related.js';
import { ruleDocsUrl } from './links.js';
import { COLOR, NO_STYLE, terminalSafe, type Style } from './style.js';
import { plural, scanNotes, totals } from './totals.js';

export interface TextOptions {
  /**
   * The terminal form: under each finding a code frame (the file read from disk, by its path
   * relative to `cwd`; none when it cannot be read) and its related locations; with `color`, ANSI
   * colours. Text from the scanned files is shown with control characters replaced.
   */
  terminal?: { cwd: string; color: boolean };
  /** List only the errors that are not suppressed. The count line still counts every finding. */
  quiet?: boolean;
  /** After the findings, a link to the page of each rule they name. */
  docsLinks?: boolean;
  /** The command that applies safe fixes: when a listed finding has one, a closing hint names it. */
  fixCommand?: string;
  /** The findings whose fixes `fixCommand` applies, when more than those listed (`check --changed`). */
  fixFindings?: readonly Finding[];
  /** Lines to add after the counts and scan notes. */
  notes?: readonly string[];
}

/** Related locations shown under a finding in the terminal form; the rest are counted. */
const MAX_RELATED = 5;

/**
 * `file:line:col: severity: message [rule-id]`, one finding a line, then a count. A suppressed
 * finding reads `severity (suppressed): ...` or `severity (suppressed by baseline): ...`, with its
 * reason after ` -- `; the counts leave it out. Without options this is the documented plain
 * format; the options add rule links, a fix hint and the terminal form, and never change how a
 * finding's own line reads (apart from colour).
 */
export function formatText(result: LintResult, opts: TextOptions = {}): string {
  const term = opts.terminal;
  const style = term?.color ? COLOR : NO_STYLE;
  const texts = term && new SourceTexts(term.cwd);
  const listed = opts.quiet ? result.findings.filter((f) => !f.suppressed && f.severity === 'error') : result.findings;
  const lines: string[] = [];
  for (const f of listed) {
    if (!term) {
      // The plain form: the finding's line, then its related locations (lines that start with two spaces).
      lines.push(line(f));
      if (!f.suppressed) lines.push(...indentedRelated(f, NO_STYLE));
      continue;
    }
    lines.push(styledLine(f, style));
    if (!f.suppressed) {
      const text = texts!.get(f.file);
      if (text !== undefined) lines.push(...codeFrame(text, f, style, severityColor(f, style)));
      if (f.harnessUrl) lines.push(style.dim(`  in Harness: ${terminalSafe(f.harnessUrl)}`));
      lines.push(...indentedRelated(f, style));
    }
    lines.push('');
  }
  if (opts.docsLinks) lines.push(...docsLinks(listed, style));
  const t = totals(result.findings);
  const counts = `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')} in ${plural(result.filesScanned, 'file')}`;
  const countLine = t.suppressed ? `${counts}; ${t.suppressed} suppressed (${suppressedBreakdown(result.findings)}).` : `${counts}.`;
  lines.push(
    term ? (t.errors ? style.red(style.bold(countLine)) : t.warnings ? style.yellow(countLine) : style.green(countLine)) : countLine,
  );
  lines.push(...scanNotes(result).map(terminalSafe));
  const b = result.baseline;
  if (b)
    lines.push(`Baseline ${terminalSafe(b.file)}: ${b.matched} of ${plural(b.entries, 'accepted finding')} matched, ${b.stale} stale.`);
  lines.push(...(opts.notes ?? []).map(terminalSafe));
  if (opts.fixCommand) lines.push(...fixHint(opts.fixFindings ?? result.findings, terminalSafe(opts.fixCommand), style, result.findings));
  return lines.join('\n') + '\n';
}

/**
 * One finding, on one line whatever the scanned files hold: a newline in a quoted identifier or a
 * file name would otherwise start a line of its own, which a CI log reads as a workflow command
 * (`::warning ...`).
 */
function line(f: Finding): string {
  const s = f.suppressed;
  const severity = s ? `${f.severity} (suppressed${s.kind === 'baseline' ? ' by baseline' : ''})` : f.severity;
  return terminalSafe(`${f.file}:${f.line}:${f.column}: ${severity}: ${f.message} [${f.ruleId}]${s?.reason ? ` -- ${s.reason}` : ''}`);
}

const severityColor = (f: Finding, style: Style) =>
  f.severity === 'error' ? style.red : f.severity === 'warning' ? style.yellow : style.cyan;

/** The plain line, coloured, with text from the scanned files made safe for a terminal. */
function styledLine(f: Finding, style: Style): string {
  const s = f.suppressed;
  if (s) return style.dim(terminalSafe(line(f)));
  const color = severityColor(f, style);
  return `${style.bold(terminalSafe(`${f.file}:${f.line}:${f.column}:`))} ${style.bold(color(f.severity))}: ${terminalSafe(f.message)} ${style.dim(`[${f.ruleId}]`)}`;
}

/** A finding's related locations, indented under it: text from the files, made safe for a terminal. */
const indentedRelated = (f: Finding, style: Style) => relatedLines(f, MAX_RELATED).map((l) => style.dim(`  ${terminalSafe(l)}`));

/** `Rule docs:` and one `id: URL` line per rule the listed findings name, in registry order. */
function docsLinks(listed: readonly Finding[], style: Style): string[] {
  const named = new Set(listed.map((f) => f.ruleId));
  const ids = allRules.map((r) => r.id).filter((id) => named.has(id));
  if (!ids.length) return [];
  return ['Rule docs:', ...ids.map((id) => `  ${id}: ${style.cyan(ruleDocsUrl(id))}`)];
}

/**
 * The closing hint when findings have safe fixes (and how many more only suggestions): all of
 * them, as `fix` applies them whatever `--quiet` lists.
 */
function fixHint(findings: readonly Finding[], command: string, style: Style, shown: readonly Finding[]): string[] {
  const fixable = (list: readonly Finding[]) => list.filter((f) => !f.suppressed && f.fix?.length).length;
  const active = findings.filter((f) => !f.suppressed);
  const safe = fixable(findings);
  const wholeScan = safe > fixable(shown);
  if (!safe) return [];
  const suggestions = active.filter((f) => !f.fix?.length && f.suggestion).length;
  const more = suggestions ? `; it also lists ${plural(suggestions, 'suggested change')} to review, never applied` : '';
  const which = wholeScan ? `${plural(safe, 'finding')} in the whole scan, not only those shown,` : plural(safe, 'finding');
  return [`${which} can be fixed automatically: run ${style.bold(`\`${command}\``)} (add --dry-run to see the diff first)${more}.`];
}

function suppressedBreakdown(findings: readonly Finding[]): string {
  const inline = findings.filter((f) => f.suppressed?.kind === 'inline').length;
  const baseline = findings.filter((f) => f.suppressed?.kind === 'baseline').length;
  return [inline ? `${inline} inline` : '', baseline ? `${baseline} by baseline` : ''].filter(Boolean).join(', ');
}
