import fs from 'node:fs';
import path from 'node:path';
import { ArgError, UsageError } from '../engine/errors.js';
import { cmp } from '../engine/compare.js';
import { readRegularFile } from '../engine/file-text.js';
import { jsonPieces, REPORT_DEPTH } from '../formats/json-pieces.js';
import { terminalSafe } from '../formats/style.js';
import { urlSegment } from '../formats/markdown.js';
import { parseRef } from '../model/scope.js';
import { VERSION } from '../version.js';
import type { ReportFormat } from './index.js';
import { changesInHarness } from './harness-side.js';
import { judgeSharedUses } from './org-failing.js';
import { renderOrgMarkdown } from './org-markdown.js';
import type {
  OrgChange,
  OrgConnector,
  OrgDefinition,
  OrgHarnessStep,
  OrgPlace,
  OrgReport,
  OrgRepository,
  OrgRuleTotal,
  OrgUse,
} from './org-types.js';
import { isRepoName, serverUrlOf } from './source.js';
import { usedByStages } from './steps.js';
import type { ConnectorUse, HarnessConnector, HarnessStep, MigrationReport, Place, ReportSummary } from './types.js';
import { groupBy } from '../model/group-by.js';

export type { OrgReport } from './org-types.js';

/** One repository's report, as read from its file. */
export interface NamedReport {
  /** How the file was named on the command line; error messages use it. */
  name: string;
  report: MigrationReport;
}

/** Reads and checks `report --format json` files; anything else is a usage error naming the file. */
function readReports(files: string[], cwd: string): NamedReport[] {
  if (!files.length) throw new ArgError('--merge needs the JSON reports to merge (report --format json of each repository)');
  return files.map((name) => {
    let text: string;
    try {
      if (fs.statSync(path.resolve(cwd, name), { throwIfNoEntry: false })?.isDirectory())
        throw new ArgError(`${name}: a folder; --merge takes the JSON report files of \`report --format json\`, not folders to scan`);
      // A regular file only: a FIFO would hang the merge, a link to /dev/zero fill the memory.
      text = readRegularFile(path.resolve(cwd, name));
    } catch (e) {
      if (e instanceof ArgError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`${name}: cannot be read (${code === 'ENOTREG' ? 'not a regular file' : (code ?? (e as Error).message)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      // The parser quotes the file's text: its line breaks, escaped, keep the error on one line, and no
      // other control character (an escape sequence) reaches the terminal.
      const why = terminalSafe((e as Error).message.replace(/[\r\n\u2028\u2029]/g, (c) => LINE_BREAKS[c]!));
      throw new UsageError(`${name}: not JSON (${why}); --merge takes the output of \`report --format json\``);
    }
    // Our reports nest a few levels: a deeper one would overflow the stack of the merge's recursive steps.
    if (nestsDeeperThan(json, MAX_REPORT_DEPTH))
      throw new UsageError(`${name}: nests deeper than ${MAX_REPORT_DEPTH} levels; --merge takes the output of \`report --format json\``);
    return { name, report: checkReport(json, name) };
  });
}

/** Deeper than any report of ours (they nest about 8 levels), far below what overflows a stack. */
const MAX_REPORT_DEPTH = 64;

/** Whether JSON nests deeper than `limit` levels: walked with a list, not by recursion. */
function nestsDeeperThan(json: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[json, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const LINE_BREAKS: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Throws a usage error naming the file and the field when `json` is not a migration report this version can merge. */
function checkReport(json: unknown, name: string): MigrationReport {
  const bad = (what: string): never => {
    throw new UsageError(`${name}: ${what}`);
  };
  const notReport = 'not a harness-registry-guard migration report; --merge takes the output of `report --format json`';
  if (!isObject(json)) return bad(notReport);
  if (json.kind === 'organisation')
    return bad('is an organisation report (the output of `report --merge`); merge the repositories’ own reports');
  if (!isObject(json.tool) || json.tool.name !== 'harness-registry-guard' || !('schemaVersion' in json)) return bad(notReport);
  if (json.schemaVersion !== 1)
    return bad(`has schemaVersion ${JSON.stringify(json.schemaVersion)}; this version (${VERSION}) reads schemaVersion 1`);

  const str = (v: unknown, at: string) => (typeof v === 'string' ? v : bad(`${at} is not a string`));
  const num = (v: unknown, at: string) => (typeof v === 'number' && Number.isFinite(v) ? v : bad(`${at} is not a number`));
  const count = (v: unknown, at: string) => (Number.isInteger(num(v, at)) && (v as number) >= 0 ? v : bad(`${at} is not a count`));
  const arr = (v: unknown, at: string) => (Array.isArray(v) ? (v as unknown[]) : bad(`${at} is not an array`));
  const obj = (v: unknown, at: string) => (isObject(v) ? v : bad(`${at} is not an object`));
  const optStr = (v: unknown, at: string) => v === undefined || str(v, at);
  const place = (v: unknown, at: string) => {
    const p = obj(v, at);
    str(p.file, `${at}.file`);
    num(p.line, `${at}.line`);
    return p;
  };
  const uses = (v: unknown, at: string) =>
    arr(v, at).forEach((u, i) => {
      const use = place(u, `${at}[${i}]`);
      str(use.ownerKind, `${at}[${i}].ownerKind`);
      str(use.owner, `${at}[${i}].owner`);
      str(use.how, `${at}[${i}].how`);
      for (const k of ['stage', 'step', 'source', 'via', 'failing']) optStr(use[k], `${at}[${i}].${k}`);
      if (use.cloud !== undefined && typeof use.cloud !== 'boolean') bad(`${at}[${i}].cloud is not true or false`);
    });

  if (Number.isNaN(Date.parse(str(json.generatedAt, 'generatedAt')))) bad('generatedAt is not a date');
  str(json.tool.version, 'tool.version');
  const eol = obj(json.eol, 'eol');
  str(eol.date, 'eol.date');
  num(eol.daysSince, 'eol.daysSince');
  str(eol.since, 'eol.since');
  const summary = obj(json.summary, 'summary');
  for (const k of SUMMARY_NUMBERS) count(summary[k], `summary.${k}`);
  const findings = obj(summary.findings, 'summary.findings');
  for (const k of ['errors', 'warnings', 'notices']) count(findings[k], `summary.findings.${k}`);
  if (json.source !== undefined) {
    const s = obj(json.source, 'source');
    if (!str(s.repository, 'source.repository').trim()) bad('source.repository is empty');
    optStr(s.commit, 'source.commit');
    optStr(s.serverUrl, 'source.serverUrl');
    optStr(s.directory, 'source.directory');
    optStr(s.checkout, 'source.checkout');
  }
  arr(json.changes, 'changes').forEach((c, i) =>
    arr(obj(c, `changes[${i}]`).items, `changes[${i}].items`).forEach((it, j) => {
      const at = `changes[${i}].items[${j}]`;
      const item = place(it, at);
      for (const k of ['ruleId', 'severity', 'fix', 'title']) str(item[k], `${at}.${k}`);
    }),
  );
  if (json.notChecked !== undefined)
    arr(json.notChecked, 'notChecked').forEach((x, i) => {
      const item = place(x, `notChecked[${i}]`);
      for (const k of ['ruleId', 'severity', 'message']) str(item[k], `notChecked[${i}].${k}`);
    });
  arr(json.harnessSteps, 'harnessSteps').forEach((s, i) => {
    const step = obj(s, `harnessSteps[${i}]`);
    for (const k of ['subject', 'action', 'reason']) str(step[k], `harnessSteps[${i}].${k}`);
    optStr(step.scope, `harnessSteps[${i}].scope`);
    arr(step.places, `harnessSteps[${i}].places`).forEach((p, j) => place(p, `harnessSteps[${i}].places[${j}]`));
  });
  arr(json.connectors, 'connectors').forEach((c, i) => {
    const at = `connectors[${i}]`;
    const con = place(c, at);
    for (const k of ['ref', 'identifier', 'type', 'connectivity']) str(con[k], `${at}.${k}`);
    const scope = obj(con.scope, `${at}.scope`);
    if (!['account', 'org', 'project'].includes(scope.level as string)) bad(`${at}.scope.level is not account, org or project`);
    optStr(scope.org, `${at}.scope.org`);
    arr(con.urls, `${at}.urls`).forEach((u, j) => str(u, `${at}.urls[${j}]`));
    arr(con.findings, `${at}.findings`).forEach((u, j) => str(u, `${at}.findings[${j}]`));
    uses(con.usedBy, `${at}.usedBy`);
  });
  arr(json.externalConnectors, 'externalConnectors').forEach((x, i) => {
    const ext = obj(x, `externalConnectors[${i}]`);
    str(ext.ref, `externalConnectors[${i}].ref`);
    str(ext.scope, `externalConnectors[${i}].scope`);
    uses(ext.usedBy, `externalConnectors[${i}].usedBy`);
  });
  if (json.harnessConnectors !== undefined)
    arr(json.harnessConnectors, 'harnessConnectors').forEach((h, i) => {
      const hc = obj(h, `harnessConnectors[${i}]`);
      str(hc.ref, `harnessConnectors[${i}].ref`);
      str(hc.scope, `harnessConnectors[${i}].scope`);
    });
  // What the merge reads of the lookups: the references Harness has no connector for, and the account's image overrides.
  if (json.harnessLookups !== undefined) {
    const lookups = obj(json.harnessLookups, 'harnessLookups');
    if (lookups.notFound !== undefined)
      arr(lookups.notFound, 'harnessLookups.notFound').forEach((x, i) => {
        const missing = obj(x, `harnessLookups.notFound[${i}]`);
        for (const k of ['ref', 'scope']) str(missing[k], `harnessLookups.notFound[${i}].${k}`);
      });
  }
  if (json.harnessImageOverrides !== undefined)
    arr(json.harnessImageOverrides, 'harnessImageOverrides').forEach((x, i) => {
      const o = obj(x, `harnessImageOverrides[${i}]`);
      for (const k of ['infra', 'field', 'image', 'problem']) str(o[k], `harnessImageOverrides[${i}].${k}`);
    });
  return json as unknown as MigrationReport;
}

const SUMMARY_NUMBERS = [
  'files',
  'pipelines',
  'templates',
  'stages',
  'cloudStages',
  'images',
  'changes',
  'safeFixes',
  'suggestions',
  'manual',
] as const satisfies ReadonlyArray<keyof ReportSummary>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A repository's identity in the merge: its report's `source`, else the file's name without `.json`. */
interface Repo {
  name: string;
  file: string;
  report: MigrationReport;
  /** `{serverUrl}/{repository}/blob/{commit}/`, when links can be made. */
  blob?: string;
  directory: string;
  checkout: string;
}

function repoOf({ name, report }: NamedReport): Repo {
  const s = report.source;
  const repository = s?.repository.trim() || path.basename(name).replace(/\.json$/i, '');
  const serverUrl = s?.serverUrl === undefined ? undefined : serverUrlOf(s.serverUrl);
  // Links only from values that cannot break out of a Markdown link or point elsewhere.
  const linkable =
    s?.commit &&
    /^[0-9a-f]{7,64}$/i.test(s.commit) &&
    isRepoName(repository) &&
    serverUrl &&
    /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~-]+)*$/.test(serverUrl);
  return {
    name: repository,
    file: name,
    report,
    ...(linkable ? { blob: `${serverUrl}/${repository}/blob/${s!.commit}/` } : {}),
    directory: s?.directory ?? '',
    checkout: s?.checkout ?? '',
  };
}

/** A link to a line of a repository at the commit scanned; none for a path that leaves the repository. */
function link(repo: Repo, p: Place): string | undefined {
  if (!repo.blob) return undefined;
  const file = pathInCheckout(repo, p.file);
  if (file === '.' || file.startsWith('../') || file === '..' || path.posix.isAbsolute(file)) return undefined;
  const encoded = file.split('/').map(urlSegment).join('/');
  return `${repo.blob}${encoded}#L${Math.max(1, Math.trunc(p.line))}`;
}

/**
 * A report's path as a path from the checkout's root. A report made from a folder above the
 * checkout has paths that start with the way down to it (`checkout`, `repos/alpha`): that is
 * dropped, and a path that does not start with it is not in the checkout.
 */
function pathInCheckout(repo: Pick<Repo, 'directory' | 'checkout'>, file: string): string {
  if (repo.checkout) return file.startsWith(`${repo.checkout}/`) ? path.posix.normalize(file.slice(repo.checkout.length + 1)) : '..';
  return path.posix.normalize(repo.directory ? `${repo.directory}/${file}` : file);
}

const placeOf = (repo: Repo, p: Place): OrgPlace => {
  const l = link(repo, p);
  return { repository: repo.name, file: p.file, line: p.line, ...(l ? { link: l } : {}) };
};

/** Connector identity across repositories: `account/x` or `org/<org>/x`; undefined for project scope or an org the report does not know. */
function keyOf(level: string, org: string | undefined, identifier: string): string | undefined {
  if (level === 'account') return `account\0${identifier}`;
  if (level === 'org' && org && org !== '?') return `org\0${org}\0${identifier}`;
  return undefined;
}

/** `account`, `org default` (the external connectors' and harness connectors' scope text) to level and org. */
function parseScopeText(scope: string): { level: string; org?: string } {
  const [level, ...rest] = scope.trim().split(/\s+/);
  return level === 'org' && rest.length === 1 ? { level, org: rest[0]! } : { level: level! };
}

/** Merges repositories' reports into one organisation report. Usage error on two reports of one repository. */
export function mergeReports(inputs: NamedReport[]): OrgReport {
  const repos = inputs.map(repoOf);
  const seen = new Map<string, Repo>();
  for (const r of repos) {
    const other = seen.get(r.name.toLowerCase());
    // The name is the report's text: shown without control characters or line breaks (a workflow command of its own).
    if (other)
      throw new UsageError(`${r.file}: repository ${terminalSafe(r.name)} is already merged from ${other.file}; give each repository once`);
    seen.set(r.name.toLowerCase(), r);
  }
  repos.sort((a, b) => cmp(a.name, b.name));

  const repositories = repos.map(repository);
  const rules = ruleTotals(repos);
  const harnessConnectors = mergeHarnessConnectors(repos);
  const connectors = mergeConnectors(repos, harnessConnectors ?? []);
  const harnessSteps = mergeSteps(repos);
  // Indexed once: searched for each check, it made thousands of connectors and checks quadratic.
  const byRef = new Map<string, OrgConnector>();
  for (const c of connectors) {
    const key = `${c.ref}\0${connectorScope(c)}`;
    if (!byRef.has(key)) byRef.set(key, c);
  }
  for (const step of harnessSteps) {
    const c = byRef.get(`${step.subject}\0${step.scope}`);
    if (c?.definitions.length)
      step.definedIn = c.definitions.map(({ repository, file, line, link }) => ({ repository, file, line, ...(link ? { link } : {}) }));
  }

  // By time, not text: dates written with different offsets sort otherwise.
  const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b) || cmp(a, b);
  const dates = repos.map((r) => r.report.generatedAt).sort(byTime);
  const newest = [...repos].sort((a, b) => byTime(b.report.generatedAt, a.report.generatedAt))[0]!;
  const sum = (f: (s: ReportSummary) => number) => repos.reduce((n, r) => n + f(r.report.summary), 0);
  return {
    schemaVersion: 1,
    kind: 'organisation',
    tool: { name: 'harness-registry-guard', version: VERSION },
    scanned: { from: dates[0]!, to: dates.at(-1)! },
    eol: newest.report.eol,
    totals: {
      repositories: repos.length,
      files: sum((s) => s.files),
      pipelines: sum((s) => s.pipelines),
      templates: sum((s) => s.templates),
      stages: sum((s) => s.stages),
      cloudStages: sum((s) => s.cloudStages),
      images: sum((s) => s.images),
      findings: {
        errors: sum((s) => s.findings.errors),
        warnings: sum((s) => s.findings.warnings),
        notices: sum((s) => s.findings.notices),
      },
      changes: sum((s) => s.changes),
      safeFixes: sum((s) => s.safeFixes),
      suggestions: sum((s) => s.suggestions),
      manual: sum((s) => s.manual),
      connectors: connectors.length,
      sharedConnectors: connectors.filter((c) => c.repositories.length > 1).length,
      harnessSteps: harnessSteps.length,
    },
    repositories,
    rules,
    connectors,
    harnessSteps,
    ...(harnessConnectors ? { harnessConnectors } : {}),
  };
}

function repository(r: Repo): OrgRepository {
  const s = r.report.source;
  const changes: OrgChange[] = r.report.changes
    .flatMap((c) => c.items)
    .map((it) => {
      const l = link(r, it);
      return {
        ruleId: it.ruleId,
        severity: it.severity,
        fix: it.fix,
        title: it.title,
        file: it.file,
        line: it.line,
        ...(l ? { link: l } : {}),
      };
    })
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.ruleId, b.ruleId) || cmp(a.title, b.title));
  const notChecked = (r.report.notChecked ?? []).map(({ ruleId, severity, message, file, line }) => {
    const l = link(r, { file, line });
    return { ruleId, severity, message, file, line, ...(l ? { link: l } : {}) };
  });
  return {
    repository: r.name,
    ...(s?.commit ? { commit: s.commit } : {}),
    ...(s?.serverUrl ? { serverUrl: serverUrlOf(s.serverUrl) } : {}),
    ...(s?.directory ? { directory: s.directory } : {}),
    ...(r.blob ? { url: r.blob.replace(/\/blob\/([^/]+)\/$/, '/tree/$1') } : {}),
    ...(s ? {} : { sourceMissing: true as const }),
    generatedAt: r.report.generatedAt,
    toolVersion: r.report.tool.version,
    summary: r.report.summary,
    changes,
    ...(notChecked.length ? { notChecked } : {}),
  };
}

function ruleTotals(repos: Repo[]): OrgRuleTotal[] {
  const byRule = new Map<string, Map<string, number>>();
  for (const r of repos)
    for (const item of r.report.changes.flatMap((c) => c.items)) {
      const counts = byRule.get(item.ruleId) ?? new Map<string, number>();
      counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
      byRule.set(item.ruleId, counts);
    }
  return [...byRule.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([ruleId, counts]) => {
      const repositories = [...counts.entries()].sort(([a], [b]) => cmp(a, b)).map(([repository, count]) => ({ repository, count }));
      return { ruleId, total: repositories.reduce((n, x) => n + x.count, 0), repositories };
    });
}

/** `account` or `org <org>`, as the checks in Harness name their scope. */
const connectorScope = (c: OrgConnector) => (c.scope.level === 'account' ? 'account' : `org ${c.scope.org}`);

const connectorKey = (c: Pick<OrgConnector, 'scope' | 'identifier'>) =>
  keyOf(c.scope.level, c.scope.level === 'org' ? c.scope.org : undefined, c.identifier)!;

const useOrder = (a: OrgUse, b: OrgUse) =>
  cmp(a.repository, b.repository) ||
  cmp(a.ownerKind, b.ownerKind) ||
  cmp(a.owner, b.owner) ||
  cmp(a.stage ?? '', b.stage ?? '') ||
  cmp(a.file, b.file) ||
  a.line - b.line ||
  cmp(a.how, b.how) ||
  cmp(a.step ?? '', b.step ?? '') ||
  cmp(a.via ?? '', b.via ?? '');

function mergeConnectors(repos: Repo[], harnessConnectors: NonNullable<OrgConnector['harness']>): OrgConnector[] {
  const byKey = new Map<string, OrgConnector>();
  const get = (level: 'account' | 'org', org: string | undefined, identifier: string): OrgConnector => {
    const key = keyOf(level, org, identifier)!;
    let c = byKey.get(key);
    if (!c) {
      c = {
        ref: `${level}.${identifier}`,
        identifier,
        scope: level === 'account' ? { level } : { level, org: org! },
        repositories: [],
        affects: [],
        failingUses: 0,
        definitions: [],
        usedBy: [],
      };
      byKey.set(key, c);
    }
    return c;
  };
  const addUses = (c: OrgConnector, repo: Repo, uses: ConnectorUse[]) => {
    for (const u of uses) {
      const l = link(repo, u);
      c.usedBy.push({ repository: repo.name, ...u, ...(l ? { link: l } : {}) });
    }
  };

  for (const repo of repos) {
    for (const c of repo.report.connectors) {
      if (c.scope.level === 'project' || !keyOf(c.scope.level, c.scope.org, c.identifier)) continue;
      const entry = get(c.scope.level, c.scope.org, c.identifier);
      const def: OrgDefinition = {
        ...placeOf(repo, c),
        ...(c.name ? { name: c.name } : {}),
        type: c.type,
        urls: c.urls,
        connectivity: c.connectivity,
        findings: c.findings,
      };
      entry.definitions.push(def);
      addUses(entry, repo, c.usedBy);
    }
    for (const x of repo.report.externalConnectors) {
      const ref = parseRef(x.ref);
      const scope = parseScopeText(x.scope);
      if (!ref || ref.level === 'project' || ref.level !== scope.level || !keyOf(scope.level, scope.org, ref.identifier)) continue;
      addUses(get(ref.level, scope.org, ref.identifier), repo, x.usedBy);
    }
  }

  // What Harness says about each, when a report looked it up; grouped once: searching them for each
  // connector took 90 s for 10,000 connectors Harness holds.
  const factsOf = groupBy(harnessConnectors, (h) => {
    const scope = parseScopeText(h.scope);
    return keyOf(scope.level, scope.org, parseRef(h.ref)?.identifier ?? h.ref);
  });
  for (const c of byKey.values()) {
    c.usedBy = [...new Map(c.usedBy.map((u) => [canonical(u), u])).values()].sort(useOrder);
    c.definitions.sort((a, b) => cmp(a.repository, b.repository) || cmp(a.file, b.file) || a.line - b.line);
    const facts = factsOf.get(connectorKey(c)) ?? [];
    judgeSharedUses(c, facts);
    c.repositories = [...new Set([...c.definitions.map((d) => d.repository), ...c.usedBy.map((u) => u.repository)])].sort(cmp);
    const owners = new Map<string, OrgConnector['affects'][number]>();
    for (const u of c.usedBy) {
      const key = JSON.stringify([u.repository, u.ownerKind, u.owner]);
      const o = owners.get(key) ?? { repository: u.repository, ownerKind: u.ownerKind, owner: u.owner, stages: [] };
      if (u.stage && !o.stages.includes(u.stage)) o.stages.push(u.stage);
      owners.set(key, o);
    }
    c.affects = [...owners.values()].map((o) => ({ ...o, stages: o.stages.sort(cmp) }));
    // A template's own stage entry repeats the pipeline stages that instantiate it: count those.
    c.failingUses = c.usedBy.filter((u) => u.failing && u.ownerKind !== 'template').length;
    const shapes = new Set(c.definitions.map((d) => JSON.stringify([d.type, [...d.urls].sort(cmp), d.connectivity])));
    if (shapes.size > 1) c.definitionsDiffer = true;
    if (facts.length) c.harness = facts;
  }
  // References Harness answered it has no connector for: their uses fail at run time.
  for (const repo of repos)
    for (const x of repo.report.harnessLookups?.notFound ?? []) {
      const scope = parseScopeText(x.scope);
      const key = keyOf(scope.level, scope.org, parseRef(x.ref)?.identifier ?? x.ref);
      const c = key && byKey.get(key);
      // A repository's names come one after another: the last is the only one to check.
      if (c && c.notInHarness?.at(-1) !== repo.name) (c.notInHarness ??= []).push(repo.name);
    }
  for (const c of byKey.values()) c.notInHarness?.sort(cmp);
  const rank = (c: OrgConnector) => (c.scope.level === 'account' ? '0' : `1${c.scope.org}`);
  return [...byKey.values()].sort((a, b) => cmp(rank(a), rank(b)) || cmp(a.identifier, b.identifier));
}

/** The scope a check in Harness belongs to: an account or org connector is one check for every repository. */
function stepScope(repo: Repo, step: HarnessStep): string {
  const ref = parseRef(step.subject);
  // An account connector, or a setting of the account itself (its CI image overrides).
  if (ref?.level === 'account' || step.scope === 'account') return 'account';
  if (ref?.level === 'org') {
    // Reports from before steps carried their scope: the first external connector of that reference.
    const scope = step.scope ?? repo.report.externalConnectors.find((x) => x.ref === step.subject)?.scope;
    const org = scope ? parseScopeText(scope).org : undefined;
    if (org && org !== '?') return `org ${org}`;
  }
  // Project connectors (and values set at run time) are the repository's own; two of one name in
  // different projects are two checks.
  return `repository ${repo.name}${step.scope && ref?.level === 'project' ? `, ${step.scope}` : ''}`;
}

function mergeSteps(repos: Repo[]): OrgHarnessStep[] {
  const byKey = new Map<string, OrgHarnessStep>();
  for (const repo of repos)
    for (const s of [...repo.report.harnessSteps, ...harnessSideSteps(repo.report)]) {
      const scope = stepScope(repo, s);
      const key = JSON.stringify([scope, s.subject]);
      const step = byKey.get(key) ?? { subject: s.subject, scope, actions: [], repositories: [], from: [] };
      step.from.push({ repository: repo.name, action: s.action, reason: s.reason, places: s.places.map((p) => placeOf(repo, p)) });
      byKey.set(key, step);
    }
  const rank = (s: OrgHarnessStep) => (s.scope === 'account' ? '0' : s.scope.startsWith('org ') ? '1' : '2');
  return [...byKey.values()]
    .map((s) => {
      s.from.sort((a, b) => cmp(a.repository, b.repository) || cmp(a.action, b.action) || cmp(a.reason, b.reason));
      s.actions = [...new Set(s.from.map((f) => f.action))].sort(cmp);
      s.repositories = [...new Set(s.from.map((f) => f.repository))].sort(cmp);
      return s;
    })
    .sort((a, b) => cmp(rank(a), rank(b)) || cmp(a.scope, b.scope) || cmp(a.subject, b.subject));
}

/**
 * What a report made with lookups asks of Harness outside its `harnessSteps` (which leave out what
 * Harness answered): the changes to connectors only Harness holds, as its Harness-side section
 * lists them (one per connector, not per stage), and the account's CI image overrides that break a
 * policy. As checks, they merge with other repositories' checks of the same subject.
 */
function harnessSideSteps(report: MigrationReport): HarnessStep[] {
  const items = report.changes.flatMap((c) => c.items);
  const steps: HarnessStep[] = [];
  for (const h of report.harnessConnectors ?? []) {
    const changes = changesInHarness(report, h.harnessUrl);
    if (!changes.length) continue;
    const mine = items.filter((i) => i.harnessUrl === h.harnessUrl);
    const uses = report.externalConnectors.find((x) => x.ref === h.ref && x.scope === h.scope)?.usedBy ?? [];
    const places = [...new Map(mine.map((i) => [`${i.file}:${i.line}`, { file: i.file, line: i.line }])).values()].sort(
      (a, b) => cmp(a.file, b.file) || a.line - b.line,
    );
    steps.push({
      subject: h.ref,
      scope: h.scope,
      action: changes.join(' '),
      reason: `Only in Harness; ${usedByStages(uses, notRepeated(uses))}.`,
      places,
    });
  }
  for (const o of report.harnessImageOverrides ?? [])
    steps.push({
      subject: `${o.infra} ${o.field}`,
      scope: 'account',
      action: `Change the account’s CI image override \`${o.field}\` (${o.infra}) in Harness: \`${o.image}\` ${o.problem}.`,
      reason: 'An execution-config override in Harness: it has no line in the repository.',
      places: [],
    });
  return steps;
}

/**
 * Which uses count in a report's stage counts, as the report's own `inv.counts` says, from its
 * JSON: a template's own use does not when a run through the template (another owner) makes the
 * same use, at the same place.
 */
function notRepeated(uses: readonly ConnectorUse[]): (u: ConnectorUse) => boolean {
  const owners = new Map<string, Set<string>>();
  for (const u of uses) {
    const place = `${u.file}\0${u.line}`;
    owners.set(place, (owners.get(place) ?? new Set()).add(`${u.ownerKind}\0${u.owner}`));
  }
  return (u) => u.ownerKind !== 'template' || owners.get(`${u.file}\0${u.line}`)!.size === 1;
}

/** JSON with keys sorted, to compare facts whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort(cmp)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function mergeHarnessConnectors(repos: Repo[]): Array<HarnessConnector & { repositories: string[] }> | undefined {
  if (!repos.some((r) => r.report.harnessConnectors)) return undefined;
  const byFacts = new Map<string, HarnessConnector & { repositories: string[] }>();
  for (const repo of repos)
    for (const h of repo.report.harnessConnectors ?? []) {
      const key = canonical(h);
      const entry = byFacts.get(key) ?? { ...h, repositories: [] };
      if (entry.repositories.at(-1) !== repo.name) entry.repositories.push(repo.name);
      byFacts.set(key, entry);
    }
  return [...byFacts.entries()]
    .sort(([ka, a], [kb, b]) => cmp(a.scope, b.scope) || cmp(a.ref, b.ref) || cmp(ka, kb))
    .map(([, h]) => ({ ...h, repositories: h.repositories.sort(cmp) }));
}

/** `report --merge`: the files' reports merged, as Markdown or JSON text, in pieces to write as they come. */
export function mergeReportFiles(files: string[], cwd: string, format: ReportFormat): Iterable<string> {
  const org = mergeReports(readReports(files, cwd));
  // In pieces: an organisation's JSON can be longer than V8's longest string (400 repositories of 1,000 pipelines).
  return format === 'json' ? jsonPieces(org, REPORT_DEPTH) : [renderOrgMarkdown(org)];
}
