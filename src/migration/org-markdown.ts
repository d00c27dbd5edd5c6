import { linkTarget } from '../formats/markdown.js';
import { noHtml } from '../formats/markdown.js';
import { fitBlocks, someOf, type Block, type Namer } from './budget.js';
import { cellList, code, HOW, plain, row } from './markdown.js';
import type { OrgConnector, OrgPlace, OrgReport, OrgUse } from './org-types.js';

const MAX_TABLE_ROWS = 200;
/** Up to this many repositories, findings by rule are a matrix with one column per repository. */
const MAX_MATRIX_REPOS = 8;

/** Renders the organisation report as GitHub-flavoured Markdown, within a job summary's size. */
export function renderOrgMarkdown(r: OrgReport): string {
  const t = r.totals;
  const head: string[] = [];
  head.push('# Harness registry migration: organisation report', '');
  const versions = [...new Set(r.repositories.map((x) => x.toolVersion))].sort();
  head.push(
    `${n(t.repositories, 'repository', 'repositories')} scanned ${dateRange(r.scanned.from, r.scanned.to)} by ${r.tool.name} ${versions.map(plain).join(', ')}: ` +
      `${n(t.files, 'file')}, ${n(t.pipelines, 'pipeline')}, ${n(t.templates, 'template')}, ${n(t.stages, 'stage')} (${t.cloudStages} on Harness Cloud), ` +
      `${n(t.connectors, 'account or org connector')} (${t.sharedConnectors} in more than one repository), ${n(t.images, 'image reference')}.`,
    '',
  );
  head.push(
    `> The \`app.harness.io\` Docker registry reached end of life on **15 May 2024**, ${r.eol.daysSince} days ago (${plain(r.eol.since)}).`,
    '',
  );
  head.push('| To do | Count |', '|---|---|');
  head.push(`| Safe fixes: run \`harness-registry-guard fix\` in each repository | ${t.safeFixes} |`);
  head.push(`| Suggestions to review | ${t.suggestions} |`);
  head.push(`| Manual changes | ${t.manual} |`);
  head.push(`| Checks in Harness, once for the account | ${t.harnessSteps} |`);
  head.push(
    `| Findings | ${n(t.findings.errors, 'error')}, ${n(t.findings.warnings, 'warning')}, ${n(t.findings.notices, 'notice')} |`,
    '',
  );
  const missing = r.repositories.filter((x) => x.sourceMissing).map((x) => code(x.repository));
  if (missing.length)
    head.push(`Reports without \`source\` (made before it existed), named after their files and without links: ${missing.join(', ')}.`, '');

  head.push('## Repositories', '');
  table(
    head,
    ['Repository', 'Commit', 'Pipelines', 'Stages', 'Errors', 'Warnings', 'Notices', 'Safe fixes', 'Suggestions', 'Manual'],
    r.repositories,
    (x) => [
      x.url ? `[${code(x.repository)}](${linkTarget(x.url.replace(/\/tree\/[^/]+$/, ''))})` : code(x.repository),
      x.commit ? (x.url ? `[${code(x.commit.slice(0, 12))}](${linkTarget(x.url)})` : code(x.commit.slice(0, 12))) : '—',
      String(x.summary.pipelines),
      String(x.summary.stages),
      String(x.summary.findings.errors),
      String(x.summary.findings.warnings),
      String(x.summary.findings.notices),
      String(x.summary.safeFixes),
      String(x.summary.suggestions),
      String(x.summary.manual),
    ],
    [
      '**Total**',
      '',
      String(t.pipelines),
      String(t.stages),
      String(t.findings.errors),
      String(t.findings.warnings),
      String(t.findings.notices),
      String(t.safeFixes),
      String(t.suggestions),
      String(t.manual),
    ],
  );

  head.push('## Findings by rule', '');
  if (!r.rules.length) head.push('No policy finding in any repository.', '');
  else if (r.repositories.length <= MAX_MATRIX_REPOS) {
    const names = r.repositories.map((x) => x.repository);
    table(head, ['Rule', 'Total', ...names.map(code)], r.rules, (rule) => [
      code(rule.ruleId),
      String(rule.total),
      ...names.map((name) => String(rule.repositories.find((x) => x.repository === name)?.count ?? 0)),
    ]);
  } else
    table(head, ['Rule', 'Total', 'Repositories'], r.rules, (rule) => [
      code(rule.ruleId),
      String(rule.total),
      rule.repositories.map((x) => `${code(x.repository)} ${x.count}`).join('<br>'),
    ]);

  // In the order a platform team acts on them: the account's checks and shared connectors, then each repository.
  const blocks: Block[] = [];
  const connectorsIntro = [
    '## Account and org connectors',
    '',
    'Each is one connector in Harness for every repository of the account (or org): a change to it touches every repository, pipeline and stage below.',
    '',
  ];
  if (!r.connectors.length) connectorsIntro.push('No account- or org-scope connector is used or defined in these repositories.', '');
  else
    table(connectorsIntro, ['Connector', 'Scope', 'Repositories', 'Pipelines', 'Stages', 'Failing uses', 'In Git'], r.connectors, (c) => [
      code(c.ref),
      scopeText(c),
      String(c.repositories.length),
      String(pipelinesOf(c).length),
      String(stagesOf(c)),
      String(c.failingUses),
      c.definitions.length
        ? `${c.definitions.length}${c.definitionsDiffer ? ' (they differ)' : ''}`
        : c.notInHarness
          ? 'no, nor in Harness (fails at run time)'
          : 'no (kept in Harness)',
    ]);
  const connectorBlocks = r.connectors.map((c) => ({ section: 'connectors', label: c.ref, lines: connectorBlock(c) }));

  const steps = ['## Checks in Harness, once for the account', ''];
  if (!r.harnessSteps.length) steps.push('None: the repositories settle every reference.', '');
  else
    table(steps, ['Subject', 'Scope', 'What to check', 'Repositories', 'Where'], r.harnessSteps, (s) => [
      code(s.subject),
      plain(s.scope),
      s.actions.map(noHtml).join('<br>') +
        (s.definedIn ? `<br>Its YAML is in Git: ${s.definedIn.map((d) => `${code(d.repository)} ${placeText(d)}`).join(', ')}.` : ''),
      s.repositories.map(code).join('<br>'),
      places(s.from.flatMap((f) => f.places)),
    ]);
  blocks.push({ section: 'steps', lines: steps }, { section: 'connectors', lines: connectorsIntro });

  if (r.harnessConnectors?.length) {
    const hc = ['## Connectors in Harness', ''];
    table(hc, ['Reference', 'Scope', 'Type', 'URL', 'Connectivity', 'Reported by'], r.harnessConnectors, (h) => [
      code(h.ref),
      plain(h.scope),
      typeof h.type === 'string' ? plain(h.type) : '—',
      typeof h.url === 'string' ? code(h.url) : '—',
      typeof h.connectivity === 'string' ? plain(h.connectivity) : '—',
      h.repositories.map(code).join('<br>'),
    ]);
    blocks.push({ section: 'harness', lines: hc });
  }
  blocks.push(...connectorBlocks);

  blocks.push({ section: 'repositories', lines: ['## What to change, by repository', ''] });
  for (const x of r.repositories) {
    const lines = [`### ${x.url ? `[${code(x.repository)}](${linkTarget(x.url)})` : code(x.repository)}`, ''];
    if (x.notChecked?.length) {
      lines.push('Not checked (errors and warnings that are no policy finding):', '');
      table(lines, ['Where', 'Rule', 'Severity', 'Message'], x.notChecked, (u) => [
        placeText(u),
        code(u.ruleId),
        plain(u.severity),
        noHtml(u.message),
      ]);
    }
    if (!x.changes.length) lines.push(x.notChecked?.length ? 'Nothing the checks found.' : 'Nothing to change.', '');
    else
      table(lines, ['Where', 'Rule', 'Severity', 'Fix', 'Change'], x.changes, (ch) => [
        placeText(ch),
        code(ch.ruleId),
        plain(ch.severity),
        plain(ch.fix),
        noHtml(ch.title),
      ]);
    blocks.push({ section: 'repositories', label: x.repository, lines });
  }

  return fitBlocks(head, blocks, nameBlocks);
}

/** Connectors or repositories named in the closing note: enough for any organisation's report, within its reserve. */
const MAX_NAMED = 200;

/** What a block cut short or left out was, in the closing note: connectors and repositories by name. */
const nameBlocks: Namer = (section, labels, cut) => {
  const names = labels.filter(Boolean).map(code);
  if (section === 'steps') return 'the checks in Harness';
  if (section === 'harness') return 'the connectors in Harness';
  if (!names.length) return section === 'connectors' ? 'the account and org connectors' : 'what to change, by repository';
  if (section === 'connectors')
    return cut ? `connector ${names[0]}` : `${n(names.length, 'connector section')} (${someOf(names, MAX_NAMED)})`;
  return cut
    ? `what to change in ${names[0]}`
    : `what to change in ${n(names.length, 'repository', 'repositories')} (${someOf(names, MAX_NAMED)})`;
};

/**
 * The pipelines using a connector: every user but templates, whose own stage entries repeat the
 * pipeline stages that instantiate them (an input set or trigger of a pipeline outside the
 * repository stands for that pipeline).
 */
const pipelinesOf = (c: OrgConnector) => c.affects.filter((a) => a.ownerKind !== 'template');
const stagesOf = (c: OrgConnector) => pipelinesOf(c).reduce((k, a) => k + a.stages.length, 0);

function connectorBlock(c: OrgConnector): string[] {
  const out: string[] = [];
  const stages = stagesOf(c);
  out.push(
    `### ${code(c.ref)} (${scopeText(c)}): ${n(c.repositories.length, 'repository', 'repositories')}, ${n(c.affects.length, 'pipeline or template', 'pipelines or templates')}, ${n(stages, 'stage')}`,
    '',
  );
  // Harness answered that it has no such connector: not "kept in Harness", whatever a repository keeps in Git.
  const missing =
    c.notInHarness &&
    `Harness has no such connector (reported by ${c.notInHarness.map(code).join(', ')}): references to it fail at run time.`;
  if (!c.definitions.length)
    out.push(missing ? `Not in any repository’s Git, and ${missing}` : 'Not in any repository’s Git: kept in Harness.', '');
  else {
    out.push(
      `In Git: ${c.definitions
        .map(
          (d) =>
            `${code(d.repository)} ${placeLink(d)} (${plain(d.type)}, ${d.urls.map(code).join(', ') || 'no URL'}, ${plain(d.connectivity)}${d.findings.length ? `; ✗ ${d.findings.map(code).join(', ')}` : ''})`,
        )
        .join('; ')}.`,
      '',
    );
    if (c.definitionsDiffer)
      out.push('> The repositories’ definitions differ: Harness has one of them. Make them agree before changing it.', '');
    if (missing) out.push(missing, '');
  }
  for (const h of c.harness ?? [])
    out.push(
      `In Harness (reported by ${h.repositories.map(code).join(', ')}): ${[
        typeof h.type === 'string' ? plain(h.type) : undefined,
        h.url === undefined ? undefined : code(String(h.url)),
        typeof h.connectivity === 'string' ? plain(h.connectivity) : undefined,
      ]
        .filter((v) => v !== undefined)
        .join(', ')}.`,
      '',
    );
  table(out, ['Repository', 'Pipeline or template', 'Stages', 'Uses'], c.affects, (a) => {
    const uses = c.usedBy.filter((u) => u.repository === a.repository && u.ownerKind === a.ownerKind && u.owner === a.owner);
    return [
      code(a.repository),
      `${a.ownerKind === 'pipeline' ? '' : plain(a.ownerKind) + ' '}${code(a.owner)}`,
      a.stages.map(code).join(', ') || '—',
      usesText(uses),
    ];
  });
  return out;
}

function usesText(uses: OrgUse[]): string {
  return cellList(uses, (u) => {
    const how = (Object.hasOwn(HOW, u.how) ? HOW[u.how] : undefined) ?? plain(u.how);
    const detail = (u.step ? ` ${code(u.step)}` : '') + (u.via ? ` via ${code(u.via)}` : '') + (u.cloud ? ', Cloud' : '');
    return `${placeLink(u)} ${how}${detail}${u.failing ? ` ✗ ${plain(u.failing)}` : ''}`;
  });
}

const places = (ps: OrgPlace[]) => cellList(ps, (p) => `${code(p.repository)} ${placeLink(p)}`);

const placeText = (p: OrgPlace | (Pick<OrgPlace, 'file' | 'line'> & { link?: string })) =>
  p.link ? `[${code(`${p.file}:${p.line}`)}](${linkTarget(p.link)})` : code(`${p.file}:${p.line}`);
const placeLink = placeText;

const scopeText = (c: OrgConnector) => (c.scope.level === 'account' ? 'account' : `org ${code(c.scope.org ?? '')}`);

function dateRange(from: string, to: string): string {
  const [a, b] = [from.slice(0, 10), to.slice(0, 10)];
  return a === b ? `on ${plain(a)}` : `from ${plain(a)} to ${plain(b)}`;
}

const n = (count: number, word: string, plural = `${word}s`) => `${count} ${count === 1 ? word : plural}`;

/** A table with at most MAX_TABLE_ROWS rows (then a line saying how many more the JSON has), and an optional last row. */
function table<T>(out: string[], header: string[], rows: T[], render: (r: T) => string[], last?: string[]): void {
  out.push(row(header), `|${header.map(() => '---|').join('')}`);
  for (const r of rows.slice(0, MAX_TABLE_ROWS)) out.push(row(render(r)));
  if (last) out.push(row(last));
  if (rows.length > MAX_TABLE_ROWS) out.push('', `${rows.length - MAX_TABLE_ROWS} more rows are in the JSON report.`);
  out.push('');
}
