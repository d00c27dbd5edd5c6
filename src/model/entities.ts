import { linesOf, parseSource, type SourceFile } from '../parse/source.js';
import { scopeOf, type Scope } from './scope.js';
import { View } from './view.js';

export const ENTITY_KINDS = ['pipeline', 'connector', 'template', 'inputSet', 'overlayInputSet', 'trigger'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
/** Harness entities we recognise but whose YAML the policies do not read. */
export const KNOWN_UNCHECKED = [
  'service',
  'environment',
  'infrastructureDefinition',
  'secret',
  'overrides',
  'policy',
  'policySet',
  'monitoredService',
  'featureFlags',
  'serviceOverrides',
] as const;
const UNCHECKED = new Set<string>(KNOWN_UNCHECKED);

interface EntityBase {
  identifier: string;
  name?: string;
  /** From `orgIdentifier`/`projectIdentifier`; for pipelines, input sets and triggers without them, from a Git Experience path. */
  scope: Scope;
  file: SourceFile;
  /** The value under the top-level key. */
  root: View;
  /** The top-level key node, e.g. `pipeline:`. */
  rootKey: View;
}

export interface Connector extends EntityBase {
  kind: 'connector';
  type: string;
  spec?: View;
  /** Every URL field in the connector spec (`dockerRegistryUrl`, `artifactoryServerUrl`, ...). */
  urls: View[];
  executeOnDelegate?: View;
  delegateSelectors: string[];
}

export interface TemplateLink {
  templateRef: View;
  versionLabel?: View;
  templateInputs?: View;
}

export type InfraKind = 'KubernetesDirect' | 'VM' | 'Docker' | 'Cloud' | 'KubernetesHosted' | 'UseFromStage' | 'Other' | 'None';

export interface Infrastructure {
  kind: InfraKind;
  /** The node that decides the kind (`type: Cloud`, `useFromStage: x`). */
  kindNode?: View;
  /** The stage's Override Image Connector, where it sits for this kind. */
  imageConnectorRef?: View;
  useFromStage?: View;
}

export interface Step {
  identifier: string;
  type?: string;
  view: View;
  /** `stepGroup`: a step group made from a StepGroup template (its steps are the template's). */
  role: 'step' | 'serviceDependency' | 'stepGroup';
  image?: View;
  connectorRef?: View;
  baseImageConnectorRefs: View[];
  template?: TemplateLink;
}

export interface Stage {
  identifier: string;
  name?: string;
  type?: string;
  view: View;
  /** Semantic path inside the owner's root, e.g. `stages/stage=build`. */
  path: string;
  infrastructure: Infrastructure;
  cloneCodebase: boolean;
  steps: Step[];
  template?: TemplateLink;
}

export interface Pipeline extends EntityBase {
  kind: 'pipeline';
  stages: Stage[];
  codebaseConnectorRef?: View;
  template?: TemplateLink;
}

export interface Template extends EntityBase {
  kind: 'template';
  templateType?: string;
  versionLabel?: string;
  /** A Stage template's body as a stage, or the stages of a Pipeline template. */
  stages: Stage[];
  /** Steps of a Step or StepGroup template. */
  steps: Step[];
  codebaseConnectorRef?: View;
}

export interface InputSet extends EntityBase {
  kind: 'inputSet' | 'trigger';
  pipelineIdentifier?: string;
  /** The sparse pipeline whose values fill `<+input>` fields. */
  pipeline?: View;
  /** A trigger's `inputYaml`, parsed: its positions map to the trigger's file. */
  embedded?: SourceFile;
}

export interface OverlayInputSet extends EntityBase {
  kind: 'overlayInputSet';
  pipelineIdentifier?: string;
}

export type Entity = Connector | Pipeline | Template | InputSet | OverlayInputSet;

export type Classified =
  | { kind: 'entity'; entity: Entity }
  | { kind: 'v1'; at: View }
  | { kind: 'unknown-harness'; at: View; key: string }
  /** A Harness entity the policies do not read (a service, an environment...), or an execution-config payload. */
  | { kind: 'harness-other' }
  | { kind: 'other' };

/** Kinds that make a file Harness YAML. */
export const isHarness = (c: Classified) => c.kind !== 'other';

/**
 * Classifies one document by its top-level key and builds the typed entity. A Harness entity is a
 * map under its kind's key with an `identifier` (or a `name`) in it: Azure Pipelines' `trigger:`
 * list or Helm values' `service:` settings are not Harness entities.
 */
export function classify(file: SourceFile, docIndex: number): Classified {
  const doc = file.docs[docIndex]!;
  const top = View.root(file, doc);
  if (top?.isSeq) return isExecutionConfig(top) ? { kind: 'harness-other' } : { kind: 'other' };
  if (!top?.isMap) return { kind: 'other' };
  const entries = top.entries();
  const version = top.get('version');
  if (version?.str === '1' && (top.has('pipeline') || top.has('kind') || top.has('spec'))) return { kind: 'v1', at: version };
  const main = entries.find(
    (e) => (ENTITY_KINDS as readonly string[]).includes(e.key) && e.value?.isMap && (e.value.has('identifier') || e.value.has('name')),
  );
  if (!main) {
    const single = entries.length === 1 ? entries[0] : undefined;
    if (!single?.value?.isMap || !single.value.has('identifier')) return { kind: 'other' };
    return UNCHECKED.has(single.key) ? { kind: 'harness-other' } : { kind: 'unknown-harness', at: single.keyView, key: single.key };
  }
  const root = main.value!;
  const kind = main.key as EntityKind;
  const base = {
    identifier: root.text('identifier') ?? '',
    name: root.text('name'),
    scope: entityScope(kind, root, file.embedding?.parent.path ?? file.path),
    file,
    root,
    rootKey: main.keyView,
  };
  switch (kind) {
    case 'connector':
      return { kind: 'entity', entity: connector(base) };
    case 'pipeline':
      return { kind: 'entity', entity: { ...base, kind: 'pipeline', ...pipelineBody(root) } };
    case 'template':
      return { kind: 'entity', entity: template(base) };
    case 'inputSet':
      return {
        kind: 'entity',
        entity: { ...base, kind: 'inputSet', pipeline: root.get('pipeline'), pipelineIdentifier: root.get('pipeline')?.text('identifier') },
      };
    case 'overlayInputSet':
      return { kind: 'entity', entity: { ...base, kind: 'overlayInputSet', pipelineIdentifier: root.text('pipelineIdentifier') } };
    case 'trigger':
      return { kind: 'entity', entity: trigger(base) };
  }
}

/** An execution-config override payload: a list of `{field, value}` (what `update-config` takes). */
function isExecutionConfig(top: View): boolean {
  const items = top.items();
  return items.length > 0 && items.every((i) => i.isMap && i.has('field') && i.has('value'));
}

/** Folders of Git Experience's layout, `.harness/orgs/<org>/projects/<project>/...`. */
const GIT_EXPERIENCE_PATH = /(?:^|\/)\.harness\/orgs\/([^/]+)\/projects\/([^/]+)\//;

/**
 * An entity's scope from its `orgIdentifier`/`projectIdentifier`. Pipelines, input sets and
 * triggers always live in a project: when the YAML leaves the fields out, a Git Experience path
 * names it. Connectors and templates without the fields are account-level, whatever the folder.
 */
function entityScope(kind: EntityKind, root: View, path: string): Scope {
  const org = root.text('orgIdentifier');
  const project = root.text('projectIdentifier');
  if (org || kind === 'connector' || kind === 'template') return scopeOf(org, project);
  const m = GIT_EXPERIENCE_PATH.exec(path);
  return m ? scopeOf(m[1], m[2]) : scopeOf(org, project);
}

function connector(base: EntityBase): Connector {
  const spec = base.root.get('spec');
  const urls: View[] = [];
  const collectUrls = (v: View | undefined, depth: number) => {
    if (!v?.isMap || depth > 4) return;
    for (const e of v.entries()) {
      if (/url$/i.test(e.key) && e.value?.str) urls.push(e.value);
      else collectUrls(e.value, depth + 1);
    }
  };
  collectUrls(spec, 0);
  return {
    ...base,
    kind: 'connector',
    type: base.root.text('type') ?? '',
    spec,
    urls,
    executeOnDelegate: spec?.get('executeOnDelegate'),
    delegateSelectors: (spec?.get('delegateSelectors')?.items() ?? []).map((v) => v.str ?? '').filter(Boolean),
  };
}

function templateLink(v: View | undefined): TemplateLink | undefined {
  const templateRef = v?.get('templateRef');
  if (!v || !templateRef) return undefined;
  return { templateRef, versionLabel: v.get('versionLabel'), templateInputs: v.get('templateInputs') };
}

function pipelineBody(root: View): { stages: Stage[]; codebaseConnectorRef?: View; template?: TemplateLink } {
  return {
    stages: collectStages(root.get('stages'), 'stages'),
    codebaseConnectorRef: root.getIn(['properties', 'ci', 'codebase', 'connectorRef']),
    template: templateLink(root.get('template')),
  };
}

/** Stages of a `stages:` list, through `parallel` and `insert` wrappers. */
export function collectStages(list: View | undefined, path: string, out: Stage[] = []): Stage[] {
  for (const item of list?.items() ?? []) {
    const stage = item.get('stage');
    if (stage?.isMap) {
      const id = stage.text('identifier') ?? '';
      out.push(buildStage(stage, id, `${path}/stage=${id}`));
    }
    const parallel = item.get('parallel');
    if (parallel) collectStages(parallel, path, out);
    const insert = item.get('insert');
    if (insert) collectStages(insert.get('stages'), path, out);
  }
  return out;
}

export function buildStage(stage: View, identifier: string, path: string): Stage {
  const spec = stage.get('spec');
  return {
    identifier,
    name: stage.text('name'),
    type: stage.text('type'),
    view: stage,
    path,
    infrastructure: infrastructureOf(spec),
    cloneCodebase: spec?.get('cloneCodebase')?.value === true,
    steps: [
      ...collectSteps(spec?.getIn(['execution', 'steps'])),
      ...collectSteps(spec?.getIn(['execution', 'rollbackSteps'])),
      ...(spec?.get('serviceDependencies')?.items() ?? []).map((d) => buildStep(d, 'serviceDependency')),
    ],
    template: templateLink(stage.get('template')),
  };
}

const eq = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

export function infrastructureOf(spec: View | undefined): Infrastructure {
  const infra = spec?.get('infrastructure');
  const runtime = spec?.get('runtime');
  if (infra?.isMap) {
    const type = infra.get('type');
    const useFromStage = infra.get('useFromStage');
    if (useFromStage && !type) return { kind: 'UseFromStage', kindNode: useFromStage, useFromStage };
    if (eq(type?.str, 'KubernetesDirect'))
      return { kind: 'KubernetesDirect', kindNode: type, imageConnectorRef: infra.getIn(['spec', 'harnessImageConnectorRef']) };
    if (eq(type?.str, 'VM'))
      return { kind: 'VM', kindNode: type, imageConnectorRef: infra.getIn(['spec', 'spec', 'harnessImageConnectorRef']) };
    if (eq(type?.str, 'KubernetesHosted')) return { kind: 'KubernetesHosted', kindNode: type };
    if (eq(type?.str, 'UseFromStage'))
      return { kind: 'UseFromStage', kindNode: type, useFromStage: infra.getIn(['spec', 'useFromStage']) ?? useFromStage };
    if (type) return { kind: 'Other', kindNode: type };
  }
  const rtype = runtime?.get('type');
  if (eq(rtype?.str, 'Cloud')) return { kind: 'Cloud', kindNode: rtype };
  if (eq(rtype?.str, 'Docker'))
    return { kind: 'Docker', kindNode: rtype, imageConnectorRef: runtime?.getIn(['spec', 'harnessImageConnectorRef']) };
  if (rtype) return { kind: 'Other', kindNode: rtype };
  return { kind: 'None' };
}

/** Steps of an `execution.steps` list, through `parallel`, `stepGroup` (nested) and `insert`. */
export function collectSteps(list: View | undefined, out: Step[] = []): Step[] {
  for (const item of list?.items() ?? []) {
    const step = item.get('step');
    if (step?.isMap) out.push(buildStep(step, 'step'));
    const parallel = item.get('parallel');
    if (parallel) collectSteps(parallel, out);
    const group = item.get('stepGroup');
    if (group?.isMap) {
      const template = templateLink(group.get('template'));
      if (template) out.push({ ...buildStep(group, 'stepGroup'), template });
      else collectSteps(group.get('steps'), out);
    }
    const insert = item.get('insert');
    if (insert) collectSteps(insert.get('steps'), out);
  }
  return out;
}

function buildStep(step: View, role: Step['role']): Step {
  const spec = step.get('spec');
  const base = spec?.get('baseImageConnectorRefs');
  return {
    identifier: step.text('identifier') ?? '',
    type: step.text('type'),
    view: step,
    role,
    image: spec?.get('image'),
    connectorRef: spec?.get('connectorRef'),
    baseImageConnectorRefs: base?.isSeq ? base.items() : base ? [base] : [],
    template: templateLink(step.get('template')),
  };
}

function template(base: EntityBase): Template {
  const templateType = base.root.text('type');
  const spec = base.root.get('spec');
  const out: Template = { ...base, kind: 'template', templateType, versionLabel: base.root.text('versionLabel'), stages: [], steps: [] };
  if (!spec?.isMap) return out;
  if (eq(templateType, 'Stage')) out.stages.push(buildStage(spec, base.identifier, 'spec'));
  else if (eq(templateType, 'Pipeline')) {
    out.stages = collectStages(spec.get('stages'), 'spec/stages');
    out.codebaseConnectorRef = spec.getIn(['properties', 'ci', 'codebase', 'connectorRef']);
  } else if (eq(templateType, 'Step')) out.steps.push(buildStep(spec, 'step'));
  else if (eq(templateType, 'StepGroup')) collectSteps(spec.get('steps'), out.steps);
  return out;
}

function trigger(base: EntityBase): InputSet {
  const pipelineIdentifier = base.root.text('pipelineIdentifier');
  const inputYaml = base.root.get('inputYaml');
  const out: InputSet = { ...base, kind: 'trigger', pipelineIdentifier };
  const text = inputYaml?.str;
  if (!inputYaml || !text) return out;
  const embedded = parseSource(base.file.path, text, embeddingOf(inputYaml));
  // A syntax error or an alias bomb inside the trigger's inputYaml: not modelled.
  const doc = embedded.docs[0];
  if (!doc || embedded.problems.some((p) => p.start <= doc.range[1])) return out;
  const root = View.root(embedded, doc);
  out.pipeline = root?.get('pipeline') ?? root?.get('inputSet')?.get('pipeline');
  out.embedded = embedded;
  return out;
}

/** Where a block scalar's text sits in its file, so findings inside it get the file's lines. */
function embeddingOf(scalar: View) {
  const parent = scalar.file;
  const [start, end] = scalar.range;
  const raw = parent.text.slice(start, end);
  const header = linesOf(parent).linePos(start).line;
  if (!raw.startsWith('|')) return { parent, lineOffset: 0, columnOffset: 0, collapseTo: [start, end] as [number, number] };
  const firstContent =
    raw
      .split(/\r?\n/)
      .slice(1)
      .find((l) => l.trim() !== '') ?? '';
  const indent = firstContent.length - firstContent.trimStart().length;
  return { parent, lineOffset: header, columnOffset: indent };
}
