import type { Finding } from '../engine/finding.js';
import { cmp } from '../engine/compare.js';
import type { ConnectorUseFacts } from '../engine/rule.js';
import type { Connector } from '../model/entities.js';
import { redactUserInfo } from '../model/images.js';
import { str, type Loc, type Placer } from '../model/loc.js';
import { CI_INFRA, type EffectiveStage, type Project, type Resolution, type ResolvedValue } from '../model/project.js';
import { formatScope, HARNESS_IMAGE_CONNECTOR, parseRef, refAt, type Scope } from '../model/scope.js';
import { rules } from '../rules/index.js';
import { connectsThroughPlatform } from '../rules/require-platform-connectivity.js';
import type { ConnectorEntry, ConnectorUse, EntityKind, ExternalConnector, Place, StageEntry, ValueSource } from './types.js';
import { groupBy } from '../model/group-by.js';

/** A loc as the report shows it: file and line. */
type PlaceOf = (at: Loc) => Place;
export const placer =
  (place: Placer): PlaceOf =>
  (at) => ({ file: at.file, line: place(at).line });

/** How a stage in the connector's own scope refers to it: `account.x`, `org.x` or `x`. */
export const connectorRef = (c: Connector): string => refAt(c.scope, c.identifier);

export interface Inventory {
  connectors: ConnectorEntry[];
  external: ExternalConnector[];
  stages: StageEntry[];
  /** Connector entry by model connector, for changes and the diagram. */
  byConnector: Map<Connector, ConnectorEntry>;
  /**
   * Whether a stage or a use counts in the report's stage counts: not when it is a template's own,
   * and runs of the repo go through that template (their stages count it).
   */
  counts: (x: StageEntry | ConnectorUse) => boolean;
}

/** Connectors and who uses them how, every stage's infrastructure and image connector, and references the repo cannot settle. */
export function buildInventory(project: Project, findings: Finding[], place: Placer): Inventory {
  const placeOf = placer(place);
  const byConnector = new Map<Connector, ConnectorEntry>();
  // The rules that flag each connector, by file and identifier, gathered once: filtering every
  // finding for each connector was quadratic (16,000 flagged connectors: 15 s).
  const flagged = groupBy(
    findings.filter((f) => f.entity !== undefined && f.severity !== 'notice' && f.ruleId !== 'unresolved-reference'),
    (f) => `${f.file}\0${f.entity}`,
  );
  for (const c of project.connectors) {
    const rules = (flagged.get(`${c.rootKey.file}\0${c.identifier}`) ?? []).map((f) => f.ruleId);
    byConnector.set(c, connectorEntry(c, rules, placeOf));
  }
  const external = new Map<string, ExternalConnector>();
  const seen = new Set<string>();
  const templatesOwn = new Set<StageEntry | ConnectorUse>();
  let inUsedTemplate = false;

  const addUse = (ref: string, from: Scope, use: ConnectorUse) => {
    const connector = project.findConnector(ref, from);
    const key = JSON.stringify([ref, from.org, from.project, use]);
    if (seen.has(key)) return;
    seen.add(key);
    const entry = connector && byConnector.get(connector);
    // A connector only Harness holds is judged as Harness has it at the scope the reference resolves to.
    const answer = connector ? undefined : project.inHarness(ref, from);
    const failing = failingReason({
      ref,
      ...(connector ? { connector } : {}),
      ...(answer?.kind === 'found' ? { inHarness: answer.connector } : {}),
      cloud: use.cloud,
      imageConnector: use.how === 'overrideImageConnector',
      findings: entry?.findings ?? [],
    });
    const used = failing ? { ...use, failing } : use;
    if (inUsedTemplate) templatesOwn.add(used);
    if (entry) {
      entry.usedBy.push(used);
      return;
    }
    const parsed = parseRef(ref);
    if (!parsed) return;
    const scope = formatScope({ level: parsed.level, org: from.org ?? '?', project: from.project ?? '?' });
    const ext = external.get(`${scope}\0${parsed.identifier}`) ?? { ref, scope, usedBy: [] };
    ext.usedBy.push(used);
    external.set(`${scope}\0${parsed.identifier}`, ext);
  };

  const stages: StageEntry[] = [];
  for (const run of project.runs({ templates: 'all' })) {
    inUsedTemplate = run.root.kind === 'template' && project.isUsed(run.root);
    for (const eff of run.stages) {
      const entry = stageEntry(project, eff, addUse, placeOf);
      if (inUsedTemplate) templatesOwn.add(entry);
      stages.push(entry);
    }
  }
  inUsedTemplate = false;

  // Input sets and triggers for pipelines that are not in the repo still name connectors.
  for (const set of project.inputSets) {
    if (project.pipelineOf(set)) continue;
    for (const { at, path } of set.imageConnectorFields) {
      const ref = str(at)?.trim();
      if (!ref || ref.includes('<+')) continue;
      const stage = path
        .split('/')
        .filter((s) => s.startsWith('stage='))
        .at(-1)
        ?.slice(6);
      addUse(ref, set.scope, {
        ownerKind: set.kind,
        owner: set.identifier,
        ...(stage ? { stage } : {}),
        how: 'overrideImageConnector',
        source: set.kind,
        cloud: false,
        ...placeOf(at),
      });
    }
  }

  const connectors = [...byConnector.values()].sort(byPlace);
  const ext = [...external.values()].sort((a, b) => cmp(a.ref, b.ref) || cmp(a.scope, b.scope));
  return { connectors, external: ext, stages, byConnector, counts: (x) => !templatesOwn.has(x) };
}

/** `rules`: the rule ids of the findings (bar notices and unresolved references) on the connector. */
function connectorEntry(c: Connector, rules: readonly string[], placeOf: PlaceOf): ConnectorEntry {
  return {
    ref: connectorRef(c),
    identifier: c.identifier,
    ...(c.name ? { name: c.name } : {}),
    scope: { level: c.scope.level, ...(c.scope.org ? { org: c.scope.org } : {}), ...(c.scope.project ? { project: c.scope.project } : {}) },
    type: c.type,
    urls: c.urls.map((u) => redactUserInfo(str(u)!)),
    ...(c.provider ? { provider: c.provider } : {}),
    ...(c.authType ? { authType: c.authType } : {}),
    connectivity: connectsThroughPlatform(c) ? 'platform' : c.executeOnDelegate ? 'delegate' : 'delegate (default)',
    delegateSelectors: c.delegateSelectors,
    usedBy: [],
    findings: [...new Set(rules)].sort(),
    ...placeOf(c.rootKey),
  };
}

/** Why a use breaks policies, in the rules' words and in policy order; undefined when it breaks none. */
export function failingReason(use: ConnectorUseFacts): string | undefined {
  const reasons = rules.flatMap((r) => r.connectorUseFailure?.(use) ?? []);
  return reasons.length ? reasons.join('; ') : undefined;
}

type AddUse = (ref: string, from: Scope, use: ConnectorUse) => void;

function stageEntry(project: Project, eff: EffectiveStage, addUse: AddUse, placeOf: PlaceOf): StageEntry {
  const { stage: from, infra } = project.infrastructure(eff);
  const cloud = project.runsOnHarnessCloud(eff);
  const root = eff.run.root;
  const through = eff.templates.at(-1);
  const entry: StageEntry = {
    ownerKind: root.kind,
    owner: root.identifier,
    stage: eff.stage.identifier,
    ...(eff.stage.name ? { name: eff.stage.name } : {}),
    infrastructure: infra.kind,
    ...(from !== eff
      ? { infrastructureFrom: `stage ${from.stage.identifier}` }
      : through
        ? {
            infrastructureFrom: `template ${through.template.identifier}${through.template.versionLabel ? ` ${through.template.versionLabel}` : ''}`,
          }
        : {}),
    cloud,
    imageConnector: [],
    ...placeOf(eff.stage.at),
  };
  const base = { ownerKind: root.kind as EntityKind, owner: root.identifier, stage: eff.stage.identifier, cloud };

  if (CI_INFRA.has(infra.kind)) {
    // Harness Cloud has no Override Image Connector: it always pulls through account.harnessImage.
    const field = cloud ? undefined : infra.imageConnectorRef;
    const resolution: Resolution = field ? project.resolve(field, from.ctx) : { values: [] };
    for (const v of resolution.values) {
      const source = valueSource(v);
      const via = v.source === 'inputSet' || v.source === 'trigger' ? v.entity.identifier : undefined;
      entry.imageConnector.push({ ref: v.value, source, ...(via ? { via } : {}), ...placeOf(v.at) });
      addUse(v.value, root.scope, { ...base, how: 'overrideImageConnector', source, ...(via ? { via } : {}), ...placeOf(v.at) });
    }
    if (resolution.unknown)
      entry.imageConnectorUnknown =
        root.kind === 'template' && resolution.unknown === 'runtime-input' && project.isUsed(root) ? 'templateUsers' : resolution.unknown;
    if (!field) {
      const at = placeOf(infra.kindNode ?? eff.stage.at);
      entry.imageConnector.push({ ref: HARNESS_IMAGE_CONNECTOR, source: 'builtIn', ...at });
      addUse(HARNESS_IMAGE_CONNECTOR, root.scope, { ...base, how: 'harnessImage', source: 'builtIn', ...at });
    }
  }

  for (const use of project.connectorUses(eff))
    for (const v of project.resolve(use.ref, use.ctx).values) {
      const via = v.source === 'inputSet' || v.source === 'trigger' ? v.entity.identifier : undefined;
      addUse(v.value, root.scope, {
        ...base,
        how: use.how,
        ...(use.stepIdentifier ? { step: use.stepIdentifier } : {}),
        ...(v.source !== 'literal' ? { source: v.source as ValueSource } : {}),
        ...(via ? { via } : {}),
        ...placeOf(v.at),
      });
    }
  return entry;
}

function valueSource(v: ResolvedValue): ValueSource {
  if (v.source === 'literal') return v.entity.kind === 'template' ? 'template' : 'stage';
  return v.source;
}

export const byPlace = (a: Place, b: Place) => cmp(a.file, b.file) || a.line - b.line;
