import type { Position } from '../parse/locate.js';
import type { Finding, Severity } from './finding.js';
import { locateRange } from '../parse/locate.js';
import { linesOf, type SourceFile } from '../parse/source.js';
import { Info, KIND_MASK, RECORD } from '../parse/tree.js';

/**
 * Inline suppressions, on a comment line of their own:
 *
 *   # harness-registry-guard-disable-next-line <rule-id>[, <rule-id>...] [until=YYYY-MM-DD] -- <reason>
 *   # harness-registry-guard-disable <rule-id>[, <rule-id>...] [until=YYYY-MM-DD] -- <reason>
 *
 * The first accepts the named rules' findings that start on the next line holding YAML (blank lines
 * and other comments are skipped, so several can be stacked); the second, written at the top of the
 * file before any YAML, accepts them in the whole file. Every problem with one is reported under the
 * `suppression` rule: a malformed or reasonless comment, an unknown rule id or date, and a comment
 * that is misplaced, expired or forbidden (all ignored: the finding stands), or that accepts nothing.
 */

export const SUPPRESSION_RULE = 'suppression';
const PREFIX = 'harness-registry-guard-';
const DIRECTIVE = /^(\uFEFF?[ \t]*)#[ \t]*harness-registry-guard-([A-Za-z-]*)(.*)$/;
/**
 * Comment text (after `#`) that is a suppression in all but its place or case: the directive word,
 * in any case, then a known rule id and a reason. Prose that merely names the tool is not one.
 */
function looksLikeSuppression(comment: string, known: readonly string[]): boolean {
  const m = /^[ \t]*harness-registry-guard-disable(?:-next-line)?[ \t]+(.*)$/i.exec(comment);
  if (!m || !/(?:^|\s)--(?:\s|$)/.test(m[1]!)) return false;
  const first = m[1]!.split(/[\s,]+/)[0]!.toLowerCase();
  return known.includes(first);
}

/** Where a comment starts on a line holding YAML: a `#` after a space, outside quotes; -1 when none. */
function commentStart(line: string): number {
  let quote = '';
  // The last character before `i` that is not a space or tab ('' when none): kept as the scan goes,
  // not found again by looking back, so a long line of quotes takes linear time.
  let before = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote && !(quote === '"' && line[i - 1] === '\\')) quote = '';
    } else if (c === '"' || c === "'") {
      // A quote opens a scalar only where one can start (after `: `, `- `, `[`, `{`, `,`, or at the start).
      if (before === '' || ':-[{,'.includes(before)) quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
    if (c !== ' ' && c !== '\t') before = c;
  }
  return -1;
}
/** A key with no value on its line (`url:`, `- url:`, maybe a comment): its value starts below. */
const EMPTY_KEY = /^(-[ \t]+)?[^#\s-][^#]*?:[ \t]*(#.*)?$/;
/** A line that starts a key or a list item, not a value continued from the line above. */
const KEY_OR_ITEM = /^(-([ \t]|$)|[^#'"\s][^#]*?:([ \t]|$)|("[^"]*"|'[^']*')[ \t]*:([ \t]|$)|[[{?])/;

export interface Directive {
  kind: 'next-line' | 'file';
  ruleIds: string[];
  until?: string;
  reason: string;
  /** 1-based line of the comment. */
  line: number;
  /** For `next-line`: the line it applies to, if a YAML line follows. */
  target?: number;
  /** For `next-line` above a key whose value starts on a later line: that line, which it covers too. */
  valueLine?: number;
  /** Offsets of the comment text in the file. */
  range: [number, number];
  /** Where the comment is, for findings about it. */
  position: Position;
  /**
   * Set once findings are known: a `next-line` comment that suppresses nothing in this run (every
   * rule id it names matches no finding, has expired or may not be suppressed).
   */
  suppressesNothing?: true;
}

export interface SuppressionOptions {
  /** Today as YYYY-MM-DD (UTC); an `until=` date before it has expired. */
  today: string;
  /** Rule ids that may not be suppressed (`forbidSuppression`). */
  forbid: ReadonlySet<string>;
  /** The config file that forbids, for messages. */
  configFile?: string;
  /** Every rule id a finding can carry. */
  ruleIds: readonly string[];
  /** Rules turned off, or whose findings a partial scan cannot tell: a comment naming them is not called unused. */
  unjudged?: ReadonlySet<string>;
}

/**
 * Reads the file's suppression comments, marks the findings they accept as suppressed (in place),
 * and returns the `suppression` findings about the comments themselves.
 */
export function applyInlineSuppressions(
  findings: readonly Finding[],
  directivesByFile: ReadonlyMap<string, readonly Directive[]>,
  options: SuppressionOptions,
): Finding[] {
  const meta: Finding[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ruleId === SUPPRESSION_RULE) continue;
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, directives] of directivesByFile) {
    const report = (d: Directive, severity: Severity, message: string) =>
      meta.push({ ruleId: SUPPRESSION_RULE, severity, message, file, ...d.position, range: d.range });
    // The file's findings by rule and by rule and line, so that a comment looks up its own, not every
    // finding; a list an earlier comment marked is not walked again (its first reason stays anyway).
    const index = new Map<string, Finding[]>();
    for (const f of byFile.get(file) ?? [])
      for (const key of [f.ruleId, `${f.ruleId}\0${f.line}`]) {
        const list = index.get(key);
        if (list) list.push(f);
        else index.set(key, [f]);
      }
    const marked = new Set<string>();
    /** Marks the findings under `key` as suppressed; whether there are any. */
    const accept = (key: string, reason: string): boolean => {
      const list = index.get(key) ?? [];
      if (!marked.has(key)) for (const f of list) f.suppressed ??= { kind: 'inline', reason };
      marked.add(key);
      return list.length > 0;
    };
    // Line-specific comments first, so that a finding's reason is the one written next to it.
    for (const d of [...directives].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'next-line' ? -1 : 1))) {
      const where = d.kind === 'file' ? 'in this file' : d.target === undefined ? '(no YAML line follows it)' : `on line ${d.target}`;
      if (d.until !== undefined && d.until < options.today) {
        report(
          d,
          'warning',
          `Suppression of ${ids(d.ruleIds)} was valid until ${d.until} and has expired; it no longer suppresses anything. Fix the finding, or set a new date if the exception still holds.`,
        );
        if (d.kind === 'next-line') d.suppressesNothing = true;
        continue;
      }
      const forbidden = d.ruleIds.filter((id) => options.forbid.has(id));
      if (forbidden.length)
        report(
          d,
          'error',
          `${ids(forbidden)} may not be suppressed (forbidSuppression in ${options.configFile ?? 'the config'}); the comment is ignored for ${forbidden.length === 1 ? 'it' : 'them'} and the findings stand.`,
        );
      const unused: string[] = [];
      const allowed = d.ruleIds.filter((id) => !options.forbid.has(id));
      for (const ruleId of allowed) {
        const lines = d.kind === 'file' ? [] : [d.target, d.valueLine].filter((l) => l !== undefined);
        const keys = d.kind === 'file' ? [ruleId] : lines.map((l) => `${ruleId}\0${l}`);
        const matched = keys.map((key) => accept(key, d.reason)).some(Boolean);
        if (!matched && !options.unjudged?.has(ruleId)) unused.push(ruleId);
      }
      if (d.kind === 'next-line' && unused.length === allowed.length) d.suppressesNothing = true;
      if (unused.length) report(d, 'warning', `Suppression of ${ids(unused)} matches no finding ${where}; remove it.`);
    }
  }
  return meta;
}

const ids = (list: string[]) => list.map((id) => `\`${id}\``).join(', ');

interface Problem {
  range: [number, number];
  message: string;
}

/** The well-formed suppression comments of a file, and what is wrong with the others. */
export function parseDirectives(source: SourceFile, ruleIds: readonly string[]): { directives: Directive[]; problems: Problem[] } {
  // A comment may name every rule but `suppression` itself.
  const known = ruleIds.filter((id) => id !== SUPPRESSION_RULE);
  const directives: Directive[] = [];
  const problems: Problem[] = [];
  const text = source.text;
  const starts = linesOf(source).lineStarts;
  const inScalar = multiLineScalars(source);
  let header = true;
  const pendingNextLine: Directive[] = [];
  // Directives above a key with nothing after it, waiting for the line its value starts on.
  const awaitingValue: Directive[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const line = text
      .slice(start, end)
      .replace(/\r?\n$/, '')
      .replace(/\r$/, '');
    const bare = line.replace(/^\uFEFF/, '').trim();
    // Lines inside a multi-line scalar are text; document markers and YAML directives hold no node.
    if (!bare || inScalar(start) || /^(---|\.\.\.)(\s+#.*)?$/.test(bare) || (header && bare.startsWith('%'))) continue;
    if (!bare.startsWith('#')) {
      for (const d of awaitingValue.splice(0)) if (!KEY_OR_ITEM.test(bare)) d.valueLine = i + 1;
      for (const d of pendingNextLine.splice(0)) {
        d.target = i + 1;
        if (EMPTY_KEY.test(bare)) awaitingValue.push(d);
      }
      header = false;
      const hash = /registry-guard-disable/i.test(line) ? commentStart(line) : -1;
      if (hash >= 0 && looksLikeSuppression(line.slice(hash + 1), known))
        problems.push({
          range: [start + hash, start + line.length],
          message: `A suppression comment must be on a line of its own, above the line it is for; this one, after YAML on line ${i + 1}, is ignored.`,
        });
      continue;
    }
    if (!DIRECTIVE.test(line)) {
      const hash = line.indexOf('#');
      if (looksLikeSuppression(line.slice(hash + 1), known))
        problems.push({
          range: [start + hash, start + line.length],
          message: `\`${
            line
              .slice(hash + 1)
              .trim()
              .split(/\s/)[0]
          }\` is not a directive: directives are lower case, \`# ${PREFIX}disable-next-line <rule-id> -- <reason>\`; it is ignored.`,
        });
      continue;
    }
    const m = DIRECTIVE.exec(line)!;
    const from = start + m[1]!.length;
    const range: [number, number] = [from, start + line.length];
    const word = m[2]!;
    const body = m[3]!;
    if ((word !== 'disable' && word !== 'disable-next-line') || (body && !/^\s/.test(body))) {
      problems.push({
        range,
        message: `Unknown directive \`${PREFIX}${word}${body.split(/\s/)[0]}\`; write \`# ${PREFIX}disable-next-line <rule-id> -- <reason>\` or, at the top of the file, \`# ${PREFIX}disable <rule-id> -- <reason>\`.`,
      });
      continue;
    }
    const parsed = parseBody(body, known);
    if ('problem' in parsed) {
      problems.push({ range, message: parsed.problem });
      continue;
    }
    if (word === 'disable' && !header) {
      problems.push({
        range,
        message: `\`# ${PREFIX}disable\` must be at the top of the file, before any YAML; it is ignored here. Use \`# ${PREFIX}disable-next-line\` above the line instead.`,
      });
      continue;
    }
    const { file: _file, range: _range, ...position } = locateRange(source, range[0], range[1]);
    const d: Directive = { kind: word === 'disable' ? 'file' : 'next-line', ...parsed, line: i + 1, range, position };
    directives.push(d);
    if (d.kind === 'next-line') pendingNextLine.push(d);
  }
  return { directives, problems };
}

function parseBody(body: string, known: readonly string[]): { ruleIds: string[]; until?: string; reason: string } | { problem: string } {
  const sep = /(?:^|\s)--(?:\s|$)/.exec(body);
  const spec = sep ? body.slice(0, sep.index) : body;
  const reason = sep ? body.slice(sep.index + sep[0].length).trim() : '';
  const ruleIds: string[] = [];
  let until: string | undefined;
  for (const token of spec.split(/[\s,]+/).filter(Boolean)) {
    const date = /^until=(.*)$/.exec(token);
    if (date) {
      if (until !== undefined) return { problem: 'Suppression gives `until=` twice; give one date.' };
      if (!isDate(date[1]!)) return { problem: `Suppression has \`until=${date[1]}\`, which is not a date YYYY-MM-DD; it is ignored.` };
      until = date[1]!;
    } else if (!known.includes(token)) {
      const hint = token === SUPPRESSION_RULE ? ' (suppression findings cannot be suppressed)' : '';
      return { problem: `Suppression names \`${token}\`, which is not a rule id${hint}; it is ignored. Rule ids: ${known.join(', ')}.` };
    } else if (!ruleIds.includes(token)) ruleIds.push(token);
  }
  if (!ruleIds.length)
    return { problem: 'Suppression names no rule id; name the rules it accepts, for example `no-app-harness-registry`. It is ignored.' };
  if (!reason)
    return {
      problem: `Suppression of ${ids(ruleIds)} has no reason; write one after \` -- \`, for example \`-- mirror retired in Q3\`. It is ignored until it has one.`,
    };
  return { ruleIds, until, reason };
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Whether an offset lies inside a block or multi-line quoted scalar, where `#` lines are text, not comments. */
function multiLineScalars(source: SourceFile): (offset: number) => boolean {
  const ranges: Array<[number, number]> = [];
  const records = source.records;
  for (let i = 0; i < records.length; i += RECORD) {
    const [start, end, info] = [records[i]!, records[i + 1]!, records[i + 2]!];
    if (info >= 0 && (info & KIND_MASK) <= Info.BlockFolded && end > start && source.text.lastIndexOf('\n', end - 1) >= start)
      ranges.push([start, end]);
  }
  // Sorted and merged, so each of the file's lines is looked up by binary search, not against every range.
  ranges.sort((p, q) => p[0] - q[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return (offset) => {
    // The last range starting before the offset is the only one that can hold it.
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[mid]![0] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && offset < merged[lo - 1]![1];
  };
}

/** Today's date, YYYY-MM-DD in UTC. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
