import { noHtml } from '../formats/markdown.js';
import { noControl } from '../formats/style.js';
import { formatScope } from '../model/scope.js';
import { fitBlocks, someOf, type Block, type Namer } from './budget.js';
import { harnessSideMarkdown } from './harness-side.js';
import type { ConnectorUse, EditChange, MigrationReport, Place, StageEntry, ValueSource } from './types.js';

/** Tables longer than this are cut in Markdown (GitHub job summaries hold 1 MiB); the JSON has every row. */
export const MAX_TABLE_ROWS = 200;
/** Places or uses listed in one table cell; the JSON has them all. */
export const MAX_PER_CELL = 8;
/** Entries of "What to change" in Markdown, and pipelines named per entry; the JSON has them all. */
const MAX_CHANGES = 100;
const MAX_PIPELINES_NAMED = 20;

/** Renders the migration report as GitHub-flavoured Markdown, within a job summary's size. */
export function renderMarkdown(r: MigrationReport, maxBytes?: number): string {
  const head: string[] = [];
  const blocks: Block[] = [];
  let out = head;
  // Later lines go to a new block: the size budget cuts or leaves out whole blocks.
  const start = (section: string, label?: string, whole?: true) => {
    const b: Block = { section, lines: [], ...(label ? { label } : {}), ...(whole ? { whole } : {}) };
    blocks.push(b);
    out = b.lines;
  };
  const s = r.summary;
  out.push('# Harness registry migration report', '');
  out.push(
    `Generated ${r.generatedAt.slice(0, 10)} by ${r.tool.name} ${r.tool.version} from ${n(s.files, 'file')}: ${n(s.pipelines, 'pipeline')}, ` +
      `${n(s.templates, 'template')}, ${n(s.inputSets, 'input set')}, ${n(s.triggers, 'trigger')}, ${n(s.stages, 'stage')} (${s.cloudStages} on Harness Cloud), ` +
      `${n(s.connectors, 'connector')} in the repo and ${s.externalConnectors} referenced from Harness, ${n(s.images, 'image reference')}.`,
    '',
  );
  out.push(
    `> The \`app.harness.io\` Docker registry reached end of life on **15 May 2024**, ${r.eol.daysSince} days ago (${r.eol.since}).`,
    '',
  );
  out.push('| To do | Count |', '|---|---|');
  out.push(`| Safe fixes: run \`harness-registry-guard fix\` | ${s.safeFixes} |`);
  out.push(`| Suggestions to review | ${s.suggestions} |`);
  out.push(`| Manual changes | ${s.manual} |`);
  out.push(`| Checks in Harness | ${s.harnessSteps} |`);
  out.push(`| Findings | ${n(s.findings.errors, 'error')}, ${n(s.findings.warnings, 'warning')}, ${n(s.findings.notices, 'notice')} |`, '');

  const notChecked = r.notChecked ?? [];
  if (notChecked.length) {
    out.push(
      '## Not checked',
      '',
      'Errors and warnings that are no policy finding: what they sit on was not checked (a file that does not parse is not checked at all).',
      '',
    );
    table(out, ['Where', 'Rule', 'Severity', 'Message'], notChecked, (x) => [
      placeText(x),
      code(x.ruleId),
      plain(x.severity),
      noHtml(x.message),
    ]);
  }

  start('changes');
  out.push('## What to change', '');
  if (!r.changes.length)
    out.push(notChecked.length ? 'Nothing the checks found; see what was not checked above.' : 'Nothing: no policy finding.', '');
  r.changes.slice(0, MAX_CHANGES).forEach((c, i) => {
    start('changes', String(i + 1));
    const what = c.target.kind === 'connector' ? `Connector ${code(c.target.identifier)} (${code(c.target.file)})` : code(c.target.file);
    out.push(`### ${i + 1}. ${what}`, '');
    const radius = c.blastRadius.pipelines.length
      ? `Affects ${n(c.blastRadius.pipelines.length, 'pipeline')}: ${someOf(c.blastRadius.pipelines.map(code), MAX_PIPELINES_NAMED)}.`
      : '';
    const text = [radius, c.blastRadius.note ?? ''].filter(Boolean).join(' ');
    if (text) out.push(text, '');
    if (c.daysSinceEol !== undefined) out.push(`The app.harness.io registry has been shut down for ${c.daysSinceEol} days.`, '');
    table(out, ['Line', 'Change', 'Current → proposed', 'Fix', 'Why'], c.items, (item) => [
      String(item.line),
      noHtml(item.title),
      item.edits.map(editText).join('<br>') || '—',
      noHtml(item.fix),
      noHtml(item.why),
    ]);
    const docs = [...new Map(c.items.map((i) => [i.ruleId, i.docs])).entries()];
    out.push(`Docs: ${docs.map(([id, url]) => `[${id}](${url})`).join(', ')}`, '');
  });
  if (r.changes.length > MAX_CHANGES)
    out.push(`${r.changes.length - MAX_CHANGES} more entries (${r.changes.length} in all) are in the JSON report's \`changes\`.`, '');

  start('steps');
  out.push('## Checks in Harness', '');
  // With lookups, references Harness answered leave this list: their changes are in "Harness-side connectors".
  if (!r.harnessSteps.length)
    out.push(
      r.harnessLookups
        ? 'None: the repo and the answers from Harness settle every reference (what to change in Harness is under "Harness-side connectors").'
        : 'None: the repo settles every reference.',
      '',
    );
  else
    table(out, ['Subject', 'What to check', 'Why', 'Where'], r.harnessSteps, (st) => [
      code(st.subject) + (st.scope && st.scope !== 'account' ? `<br>${plain(st.scope)}` : ''),
      noHtml(st.action),
      noHtml(st.reason),
      cellList(st.places, placeText),
    ]);

  start('connectors');
  out.push('## Connectors', '');
  if (!r.connectors.length) out.push('No connector YAML in the repo.', '');
  else
    table(
      out,
      ['Connector', 'Scope', 'Type', 'URL', 'Provider', 'Auth', 'Connectivity', 'Delegate selectors', 'Used by'],
      r.connectors,
      (c) => [
        `${code(c.ref)}${c.findings.length ? ' ✗' : ''}<br>${placeText(c)}`,
        plain(formatScope(c.scope)),
        plain(c.type),
        c.urls.map(code).join('<br>') || '—',
        plain(c.provider ?? '—'),
        plain(c.authType ?? '—'),
        c.connectivity,
        c.delegateSelectors.map(code).join(', ') || '—',
        usesText(c.usedBy),
      ],
    );
  if (r.externalConnectors.length) {
    out.push('### Referenced but not in the repo', '');
    table(out, ['Reference', 'Scope', 'Used by'], r.externalConnectors, (x) => [code(x.ref), plain(x.scope), usesText(x.usedBy)]);
  }

  start('harness');
  out.push(...harnessSideMarkdown(r, { table, usesText, code, plain }));

  start('stages');
  out.push('## Stages', '');
  if (!r.stages.length) out.push('No pipeline or template stage in the repo.', '');
  else
    table(out, ['Pipeline or template', 'Stage', 'Infrastructure', 'Image connector', 'Comes from'], r.stages, (st) => [
      `${st.ownerKind} ${code(st.owner)}`,
      `${code(st.stage)}<br>${placeText(st)}`,
      // The kind, a stage identifier and a template's version label are the repo's text.
      noHtml(st.infrastructure + (st.infrastructureFrom ? ` (from ${st.infrastructureFrom})` : '')),
      ...stageConnectors(st),
    ]);

  start('images');
  out.push('## Images by registry', '');
  if (!r.registries.length) out.push('No image reference in the repo.', '');
  for (const g of r.registries) {
    out.push(`### ${code(g.registry)} (${g.images.length})`, '');
    table(out, ['Image', 'Where', 'Kind', 'Problem'], g.images, (img) => [
      code(img.image),
      placeText(img),
      img.field ? `${img.kind} ${code(img.field)}` : img.kind,
      img.findings.join(', ') || '—',
    ]);
  }

  start('diagram', undefined, true);
  out.push('## Diagram', '');
  const d = r.diagram;
  const how =
    d.mode === 'stages'
      ? 'Pipelines with their stages and the connectors they pull through.'
      : d.mode === 'pipelines'
        ? `One node per pipeline; with ${d.pipelinesTotal} pipelines, stages are not drawn.`
        : `${d.pipelinesTotal} pipelines: the ${d.pipelinesShown} with failing edges are drawn, the others are grouped.`;
  out.push(`${how} Red edges marked ✗ break a policy (${d.failingEdges}).`, '', '```mermaid', noControl(d.mermaid.trimEnd()), '```', '');
  return fitBlocks(head, blocks, nameBlocks, maxBytes);
}

const SECTIONS: Record<string, string> = {
  steps: 'the checks in Harness',
  connectors: 'the connectors',
  harness: 'the Harness-side connectors',
  stages: 'the stages',
  images: 'the images by registry',
  diagram: 'the diagram',
};

/** Blocks of "What to change" are labelled with their entry's number (its heading has none). */
const nameBlocks: Namer = (section, labels, cut) => {
  if (section !== 'changes') return SECTIONS[section]!;
  const entries = labels.filter(Boolean);
  if (!entries.length) return 'what to change';
  if (cut) return `what to change, entry ${entries[0]}`;
  return `what to change, ${entries.length === 1 ? 'entry' : 'entries'} ${entries[0]}${entries.length > 1 ? ` to ${entries.at(-1)}` : ''}`;
};

const SOURCE: Record<ValueSource, string> = {
  stage: 'the stage',
  template: 'the template',
  templateInputs: 'the stage’s templateInputs',
  default: 'the runtime input’s `.default()`',
  allowedValues: 'the runtime input’s allowed values',
  inputSet: 'input set',
  trigger: 'trigger',
  builtIn: 'built-in `account.harnessImage` (no override)',
};

const UNKNOWN: Record<NonNullable<StageEntry['imageConnectorUnknown']>, string> = {
  expression: 'an expression, known at run time',
  'runtime-input': 'a runtime input nothing in the repo fills',
  templateUsers: 'a runtime input the stages using the template fill',
};

/**
 * The Image connector and Comes from cells, line for line: each connector once, beside every place
 * it comes from (a runtime input's default may be one of its allowed values, and a trigger may set it too).
 */
function stageConnectors(st: StageEntry): [string, string] {
  const sources = new Map<string, Set<string>>();
  for (const v of st.imageConnector)
    sources.set(v.ref, (sources.get(v.ref) ?? new Set()).add(v.via ? `${SOURCE[v.source]} ${code(v.via)}` : SOURCE[v.source]));
  const refs = [...sources.keys()].map(code);
  const from = [...sources.values()].map((s) => [...s].join(', '));
  if (st.imageConnectorUnknown) {
    refs.push('?');
    from.push(UNKNOWN[st.imageConnectorUnknown]);
  }
  return [refs.join('<br>') || '—', from.join('<br>') || '—'];
}

/** How a stage uses a connector, as the report's tables say it. */
export const HOW: Record<ConnectorUse['how'], string> = {
  overrideImageConnector: 'Override Image Connector',
  harnessImage: 'Harness images (built-in)',
  codebase: 'codebase',
  step: 'step',
  serviceDependency: 'service dependency',
  baseImage: 'base image',
};

/** Uses that differ only in what the table does not show (a runtime input's default and allowed value) are one line. */
function usesText(uses: ConnectorUse[]): string {
  return cellList([...new Set(uses.map(useText))], (line) => line);
}

function useText(u: ConnectorUse): string {
  const where = `${u.ownerKind === 'pipeline' ? '' : u.ownerKind + ' '}${code(u.owner)}${u.stage ? ` / ${code(u.stage)}` : ''}`;
  const how = HOW[u.how] + (u.step ? ` ${code(u.step)}` : '') + (u.via ? ` via ${code(u.via)}` : '') + (u.cloud ? ', Cloud' : '');
  return `${where}: ${how}${u.failing ? ` ✗ ${plain(u.failing)}` : ''}`;
}

/** Up to MAX_PER_CELL items, one a line, then how many more there are. */
export function cellList<T>(items: readonly T[], render: (item: T) => string): string {
  const lines = items.slice(0, MAX_PER_CELL).map(render);
  if (items.length > MAX_PER_CELL) lines.push(`and ${items.length - MAX_PER_CELL} more`);
  return lines.join('<br>') || '—';
}

function editText(e: EditChange): string {
  const field = e.field ? `${code(e.field)}: ` : '';
  return `${field}${e.current === null ? '(absent)' : code(e.current)} → ${code(e.proposed)}`;
}

/** A table with at most MAX_TABLE_ROWS rows, then a line saying how many more the JSON report has. */
function table<T>(out: string[], header: string[], rows: T[], render: (r: T) => string[]): void {
  out.push(row(header), `|${header.map(() => '---|').join('')}`);
  for (const r of rows.slice(0, MAX_TABLE_ROWS)) out.push(row(render(r)));
  if (rows.length > MAX_TABLE_ROWS) out.push('', `${rows.length - MAX_TABLE_ROWS} more rows are in the JSON report.`);
  out.push('');
}

const placeText = (p: Place) => code(`${p.file}:${p.line}`);
const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Text from the repo shown as it is: one line, no control characters, no HTML, no emphasis, links or code. */
export function plain(value: string): string {
  return noControl(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]])/g, '\\$1');
}

/**
 * A code span that survives what a value from the repo may hold: backticks, line breaks (made
 * spaces: a line that starts with `#` or a fence would end the span and start a block) and control
 * characters (replaced). Inside it, `<` and `*` are literal.
 */
export function code(value: string): string {
  const s = noControl(value.replace(/[\r\n]+/g, ' '));
  const ticks = s.match(/`+/g)?.reduce((m, t) => Math.max(m, t.length), 0) ?? 0;
  const fence = '`'.repeat(ticks + 1);
  return ticks ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

/**
 * A table row; pipes and line breaks in cells cannot break the table: CRLF, LF, a lone CR (a line
 * break in Markdown too), NEL and the Unicode line and paragraph separators each become a space.
 */
export function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |`;
}
