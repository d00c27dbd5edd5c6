import type { Edit, Finding } from '../engine/finding.js';
import { isSuppressed } from '../engine/finding.js';
import { cmp } from '../engine/compare.js';
import type { Connector, Entity, InputSet, Template } from '../model/entities.js';
import { redactUserInfo } from '../model/images.js';
import type { Project } from '../model/project.js';
import { ruleMeta } from '../rules/index.js';
import { HARNESS_IMAGE_CONNECTOR } from '../model/scope.js';
import { connectorRef, type Inventory } from './inventory.js';
import type { Change, ChangeItem, EditChange, NotChecked } from './types.js';
import { groupBy } from '../model/group-by.js';

/** Policy findings (errors and warnings), one entry per connector or file, with what to change and what it affects. */
export function buildChanges(
  project: Project,
  findings: Finding[],
  inv: Inventory,
  daysSinceEol: number,
  textOf: (file: string) => string | undefined,
  execConfigFiles: ReadonlySet<string>,
): Change[] {
  const groups = new Map<string, Change>();
  // Indexed once: searched per finding (or per file), 20,000 files with findings took 20 s.
  const connectorsAt = new Map<string, Connector>();
  for (const c of project.connectors) {
    const key = `${c.rootKey.file}\0${c.identifier}`;
    if (!connectorsAt.has(key)) connectorsAt.set(key, c);
  }
  const entitiesIn = groupBy(project.entities, (e) => e.rootKey.file);
  const owners = ownersOf(project);
  for (const f of findings) {
    const meta = ruleMeta(f.ruleId);
    if (!meta?.policy || f.severity === 'notice' || isSuppressed(f)) continue;
    const connector = f.entity === undefined ? undefined : connectorsAt.get(`${f.file}\0${f.entity}`);
    const key = connector ? `${f.file}\0${connector.identifier}` : `${f.file}\0`;
    let group = groups.get(key);
    if (!group) {
      group = {
        target: connector ? { kind: 'connector', identifier: connector.identifier, file: f.file } : { kind: 'file', file: f.file },
        items: [],
        blastRadius: connector
          ? connectorRadius(project, inv, connector, owners)
          : fileRadius(project, entitiesIn.get(f.file) ?? [], execConfigFiles.has(f.file)),
      };
      groups.set(key, group);
    }
    group.items.push(changeItem(textOf(f.file) ?? '', f, meta.remediation, meta.harnessDocs));
    if (meta.aboutRetiredRegistry) group.daysSinceEol = daysSinceEol;
  }
  return [...groups.values()].sort(
    (a, b) =>
      cmp(a.target.file, b.target.file) ||
      cmp(a.target.kind === 'connector' ? a.target.identifier : '', b.target.kind === 'connector' ? b.target.identifier : ''),
  );
}

/** Errors and warnings that are no policy finding: what they sit on could not be checked, and the report names them. */
export function buildNotChecked(findings: Finding[]): NotChecked[] {
  return findings
    .filter((f) => !ruleMeta(f.ruleId)?.policy && f.severity !== 'notice' && !isSuppressed(f))
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity as NotChecked['severity'], message: f.message, file: f.file, line: f.line }))
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.ruleId, b.ruleId));
}

function changeItem(text: string, f: Finding, remediation: string, docs: string): ChangeItem {
  const edits = f.fix ?? f.suggestion?.edits ?? [];
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    why: f.message,
    fix: f.fix ? 'safe' : f.suggestion ? 'suggestion' : 'manual',
    title: f.fixTitle ?? f.suggestion?.title ?? remediation,
    edits: edits.map((e) => editChange(text, e)),
    docs,
    ...(f.harnessUrl ? { harnessUrl: f.harnessUrl } : {}),
  };
}

/** An edit as "field: current → proposed"; an insertion has no current value. */
function editChange(text: string, e: Edit): EditChange {
  const proposed = e.text.replace(/^[\s,]+/, '').trimEnd();
  if (e.start === e.end) {
    const m = /^([\w.-]+):\s*(.*)$/.exec(proposed);
    return m ? { field: m[1]!, current: null, proposed: m[2]! } : { current: null, proposed };
  }
  const key = keyBefore(text, e.start);
  return { ...(key ? { field: key } : {}), current: redactUserInfo(text.slice(e.start, e.end)), proposed };
}

/**
 * The map key whose value starts at `at` on the same line (`url: x`, `"addonTag": "x"` → the
 * key), read backwards from `at`: a regex over the line would backtrack on a long run of word
 * characters (a line of 300 KB took 40 s).
 */
function keyBefore(text: string, at: number): string | undefined {
  const blank = (i: number) => text[i] === ' ' || text[i] === '\t';
  let i = at - 1;
  while (blank(i)) i--;
  if (text[i] !== ':') return undefined;
  i--;
  while (blank(i)) i--;
  const quote = text[i] === '"' || text[i] === "'" ? text[i--] : '';
  const end = i + 1;
  while (i >= 0 && /[\w.-]/.test(text[i]!)) i--;
  if (end === i + 1 || (quote && text[i] !== quote)) return undefined;
  return text.slice(i + 1, end);
}

/** Templates and input sets (and triggers) by identifier, the first of each, as the uses of a connector name their owners. */
interface Owners {
  templates: Map<string, Template>;
  inputSets: Map<string, InputSet>;
}

function ownersOf(project: Project): Owners {
  const templates = new Map<string, Template>();
  for (const t of project.templates) if (!templates.has(t.identifier)) templates.set(t.identifier, t);
  const inputSets = new Map<string, InputSet>();
  for (const set of project.inputSets) {
    const key = `${set.kind}\0${set.identifier}`;
    if (!inputSets.has(key)) inputSets.set(key, set);
  }
  return { templates, inputSets };
}

// Owners are looked up in maps, and each template's pipelines listed once: searching the
// project's templates and input sets for each use was quadratic in a connector's users.
function connectorRadius(project: Project, inv: Inventory, c: Connector, owners: Owners): Change['blastRadius'] {
  const entry = inv.byConnector.get(c);
  const pipelines = new Set<string>();
  const templates = new Set<Template>();
  for (const u of entry?.usedBy ?? []) {
    if (u.ownerKind === 'pipeline') pipelines.add(u.owner);
    else if (u.ownerKind === 'template') {
      const tpl = owners.templates.get(u.owner);
      if (tpl && !templates.has(tpl)) {
        templates.add(tpl);
        for (const p of pipelinesUsing(project, tpl)) pipelines.add(p);
      }
    } else {
      const set = owners.inputSets.get(`${u.ownerKind}\0${u.owner}`);
      if (set?.pipelineIdentifier) pipelines.add(set.pipelineIdentifier);
    }
  }
  const out: Change['blastRadius'] = { pipelines: [...pipelines].sort(cmp) };
  if (connectorRef(c) === HARNESS_IMAGE_CONNECTOR)
    out.note =
      'Every stage without an Override Image Connector, and every Harness Cloud stage, pulls Harness images through this connector.';
  else if (!pipelines.size) out.note = 'No pipeline in the repo uses this connector; others in Harness may.';
  return out;
}

/** `entities`: those the file holds. */
function fileRadius(project: Project, entities: readonly Entity[], execConfig: boolean): Change['blastRadius'] {
  const pipelines = new Set<string>();
  for (const e of entities) {
    if (e.kind === 'pipeline') pipelines.add(e.identifier);
    else if (e.kind === 'template') for (const p of pipelinesUsing(project, e)) pipelines.add(p);
    else if ((e.kind === 'inputSet' || e.kind === 'trigger') && e.pipelineIdentifier) pipelines.add(e.pipelineIdentifier);
    else if (e.kind === 'overlayInputSet' && e.pipelineIdentifier) pipelines.add(e.pipelineIdentifier);
  }
  const out: Change['blastRadius'] = { pipelines: [...pipelines].sort(cmp) };
  if (!entities.length) {
    out.note = execConfig
      ? 'An execution-config override applies account-wide, to every pipeline on that infrastructure type.'
      : 'Not a Harness entity (for example Helm values or a Kubernetes manifest): it affects whatever deploys it.';
  } else if (!pipelines.size) out.note = 'No pipeline in the repo uses it.';
  return out;
}

/** Pipelines whose runs go through a template. */
function pipelinesUsing(project: Project, template: Template): string[] {
  return [...new Set(project.pipelinesUsing(template).map((p) => p.identifier))];
}
