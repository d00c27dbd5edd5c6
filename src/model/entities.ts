import { jacksonBoolean } from './booleans.js';
import { executionConfigMap } from './images.js';
import { linesOf, parseSource, type SourceFile } from '../parse/source.js';
import { setMapValue, type Edit } from './yaml-edits.js';
import type { Loc } from './loc.js';
import { imageConnectorFields } from './scans.js';
import { scopeOf, type Scope } from './scope.js';
import { View } from './view.js';
import { walk } from './walk.js';

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

/**
 * The entities are typed over the node reference `N`: a `View` while their file is parsed (the
 * file rules and the extraction read those), a `Loc` in the scan's model (the cross-file rules
 * read those, and a worker hands them over as plain data).
 */
interface EntityBase<N> {
  identifier: string;
  name?: string;
  /** From `orgIdentifier`/`projectIdentifier`; for pipelines, input sets and triggers without them, from a Git Experience path. */
  scope: Scope;
  /** The top-level key node, e.g. `pipeline:`. */
  rootKey: N;
}

export interface Connector<N = Loc> extends EntityBase<N> {
  kind: 'connector';
  type: string;
  /** The `spec:` key. */
  specKey?: N;
  /** Every URL field in the connector spec (`dockerRegistryUrl`, `artifactoryServerUrl`, ...). */
  urls: N[];
  executeOnDelegate?: N;
  delegateSelectors: string[];
  /** `spec.providerType`, and the authentication or credential type: what the report shows. */
  provider?: string;
  authType?: string;
  /** `spec.credential.type` (AWS, GCP, Azure), and whether it assumes a role: credentials Harness Cloud cannot use. */
  credentialType?: string;
  crossAccountAccess?: boolean;
  /** The edit that sets `executeOnDelegate: false` (replaced or inserted): the platform-connectivity fix. */
  platformEdit?: Edit;
}

export interface TemplateLink<N = Loc> {
  templateRef: N;
  /** As written (see `versionLabelOf`). */
  versionLabel?: string;
  /** The user's `templateInputs`, whose semantic paths mirror the template's `spec`. */
  inputs?: TemplateInputs<N>;
}

export interface TemplateInputs<N = Loc> {
  /**
   * Every scalar under `templateInputs`, by semantic path (`spec/execution/steps/step=a/spec/connectorRef`),
   * and every list of scalars as its items (`baseImageConnectorRefs: [a, b]` fills a `<+input>`).
   */
  byPath: Record<string, N | N[]>;
  /** The inputs read as a stage, and as steps: what is known when the template is not in the repo. */
  stage: Stage<N>;
  steps: StepFact<N>[];
}

export type InfraKind = 'KubernetesDirect' | 'VM' | 'Docker' | 'Cloud' | 'KubernetesHosted' | 'UseFromStage' | 'Other' | 'None';

export interface Infrastructure<N = Loc> {
  kind: InfraKind;
  /** The node that decides the kind (`type: Cloud`, `useFromStage: x`). */
  kindNode?: N;
  /** The stage's Override Image Connector, where it sits for this kind. */
  imageConnectorRef?: N;
  useFromStage?: N;
}

export interface Step<N = Loc> {
  identifier: string;
  type?: string;
  /** `stepGroup`: a step group made from a StepGroup template (its steps are the template's). */
  role: 'step' | 'serviceDependency' | 'stepGroup';
  connectorRef?: N;
  baseImageConnectorRefs: N[];
  template?: TemplateLink<N>;
}

/**
 * A step as the model keeps it. A plain step (a `step`, not from a template, without base image
 * connectors) is kept as its `connectorRef` alone, which is all the rules read of it: a large repo
 * has a million such steps, and the object around the loc doubled their cost. A plain step that
 * refers to no connector is not kept at all.
 */
export type StepFact<N = Loc> = Step<N> | N;
/** A step kept whole, not as its `connectorRef` alone. */
export const isWholeStep = <N>(s: StepFact<N>): s is Step<N> => typeof (s as Partial<Step<N>>).role === 'string';
/**
 * A step's identifier; a plain step's is in its connectorRef's semantic path (`.../step=test/spec/connectorRef`),
 * read once per path (the same few paths recur in every pipeline).
 */
export function identifierOfStep(s: StepFact): string {
  if (isWholeStep(s)) return s.identifier;
  const path = s.path ?? '';
  let id = stepIdentifiers.get(path);
  if (id === undefined) {
    if (stepIdentifiers.size >= 10_000) stepIdentifiers.clear();
    stepIdentifiers.set(path, (id = /(?:^|\/)step=([^/]*)\/spec\/connectorRef$/.exec(path)?.[1] ?? ''));
  }
  return id;
}
const stepIdentifiers = new Map<string, string>();

export interface Stage<N = Loc> {
  identifier: string;
  name?: string;
  type?: string;
  /** The stage's map, and its `identifier` value: where findings about the stage point. */
  at: N;
  identifierAt?: N;
  infrastructure: Infrastructure<N>;
  /** Whether the stage clones; a value known only at run time (a runtime input, an expression) is its node, which the run resolves. */
  cloneCodebase: boolean | N;
  steps: StepFact<N>[];
  template?: TemplateLink<N>;
}

/** A `harnessImageConnectorRef` field anywhere under an entity, with its semantic path. */
export interface ImageConnectorField<N = Loc> {
  at: N;
  path: string;
}

export interface Pipeline<N = Loc> extends EntityBase<N> {
  kind: 'pipeline';
  stages: Stage<N>[];
  codebaseConnectorRef?: N;
  template?: TemplateLink<N>;
  /** Pipeline variables' `value` nodes by name, for fields that are exactly `<+pipeline.variables.x>`. */
  variables: Record<string, N>;
  imageConnectorFields: ImageConnectorField<N>[];
}

export interface Template<N = Loc> extends EntityBase<N> {
  kind: 'template';
  templateType?: string;
  versionLabel?: string;
  /** A Stage template's body as a stage, or the stages of a Pipeline template. */
  stages: Stage<N>[];
  /** Steps of a Step or StepGroup template. */
  steps: StepFact<N>[];
  codebaseConnectorRef?: N;
  /** A Pipeline template's variables' `value` nodes by name: what `<+pipeline.variables.x>` takes in the pipelines made from it. */
  variables?: Record<string, N>;
  imageConnectorFields: ImageConnectorField<N>[];
}

export interface InputSet<N = Loc> extends EntityBase<N> {
  kind: 'inputSet' | 'trigger';
  pipelineIdentifier?: string;
  /** A trigger with `enabled: false`: it never starts a run, so it fills nothing. */
  disabled?: true;
  /** What the sparse pipeline fills: each scalar with its semantic path in the pipeline. */
  fills: Array<{ path: string; at: N }>;
  imageConnectorFields: ImageConnectorField<N>[];
}

export interface OverlayInputSet<N = Loc> extends EntityBase<N> {
  kind: 'overlayInputSet';
  pipelineIdentifier?: string;
}

export type Entity<N = Loc> = Connector<N> | Pipeline<N> | Template<N> | InputSet<N> | OverlayInputSet<N>;

export type Classified =
  /** `root` is the map under the top-level key; `embedded`, a trigger's parsed `inputYaml`. */
  | { kind: 'entity'; entity: Entity<View>; root: View; embedded?: SourceFile }
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
/** `scopePath` is the file's whole path: Git Experience folders in it give scopes the YAML leaves out. */
export function classify(file: SourceFile, docIndex: number, scopePath: string): Classified {
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
    if (executionConfigMap(top)) return { kind: 'harness-other' };
    const single = entries.length === 1 ? entries[0] : undefined;
    if (!single?.value?.isMap || !single.value.has('identifier')) return { kind: 'other' };
    return UNCHECKED.has(single.key) ? { kind: 'harness-other' } : { kind: 'unknown-harness', at: single.keyView, key: single.key };
  }
  const root = main.value!;
  const kind = main.key as EntityKind;
  const base = {
    identifier: root.text('identifier') ?? '',
    name: root.text('name'),
    scope: entityScope(kind, root, scopePath),
    rootKey: main.keyView,
  };
  const entity = (e: Entity<View>): Classified => ({ kind: 'entity', entity: e, root });
  switch (kind) {
    case 'connector':
      return entity(connector(base, root));
    case 'pipeline':
      return entity({
        ...base,
        kind: 'pipeline',
        stages: collectStages(root.get('stages')),
        codebaseConnectorRef: root.getIn(['properties', 'ci', 'codebase', 'connectorRef']),
        template: templateLink(root.get('template')),
        variables: variablesOf(root),
        imageConnectorFields: imageConnectorFields(root),
      });
    case 'template':
      return entity(template(base, root));
    case 'inputSet':
      return entity(inputSet(base, 'inputSet', root.get('pipeline'), root.get('pipeline')?.text('identifier')));
    case 'overlayInputSet':
      return entity({ ...base, kind: 'overlayInputSet', pipelineIdentifier: root.text('pipelineIdentifier') });
    case 'trigger': {
      const embedded = triggerInputs(file, root.get('inputYaml'));
      const set = inputSet(base, 'trigger', embedded?.pipeline, root.text('pipelineIdentifier'));
      if (isFalse(root.get('enabled'))) set.disabled = true;
      return { kind: 'entity', entity: set, root, ...(embedded ? { embedded: embedded.source } : {}) };
    }
  }
}

/** `false`, as Harness reads a boolean with Jackson: the strings "false", "False" and "FALSE", and an unquoted `no` or `off`, too. */
const isFalse = (v: View | undefined) => jacksonBoolean(v?.value, v?.style) === false;

/** An execution-config override payload: a list of `{field, value}` (what `update-config` takes). */
function isExecutionConfig(top: View): boolean {
  const items = top.items();
  return items.length > 0 && items.every((i) => i.isMap && i.has('field') && i.has('value'));
}

/** Folders of Git Experience's layout, `.harness/orgs/<org>/projects/<project>/...`. */
const GIT_EXPERIENCE_PATH = /(?:^|\/)\.harness\/orgs\/([^/]+)\/projects\/([^/]+)\//;

const GIT_EXPERIENCE_ORG_TEMPLATE = /(?:^|\/)\.harness\/orgs\/([^/]+)\/templates\//;

/**
 * An entity's scope from its `orgIdentifier`/`projectIdentifier`. When the YAML leaves them out,
 * a Git Experience path names it: pipelines, input sets and triggers always live in a project,
 * and templates sit under `.harness/orgs/<org>/[projects/<p>/]templates/` (else account-level).
 * Connectors are not Git Experience entities: without the fields they are account-level,
 * whatever the folder.
 */
function entityScope(kind: EntityKind, root: View, path: string): Scope {
  const org = root.text('orgIdentifier');
  const project = root.text('projectIdentifier');
  if (org || kind === 'connector') return scopeOf(org, project);
  const m = GIT_EXPERIENCE_PATH.exec(path);
  if (m) return scopeOf(m[1], m[2]);
  const orgTemplate = kind === 'template' ? GIT_EXPERIENCE_ORG_TEMPLATE.exec(path) : null;
  return orgTemplate ? scopeOf(orgTemplate[1], undefined) : scopeOf(org, project);
}

function connector(base: EntityBase<View>, root: View): Connector<View> {
  const spec = root.get('spec');
  const urls: View[] = [];
  const collectUrls = (v: View | undefined, depth: number) => {
    if (!v?.isMap || depth > 4) return;
    for (const e of v.entries()) {
      if (/url$/i.test(e.key) && e.value?.str) urls.push(e.value);
      else collectUrls(e.value, depth + 1);
    }
  };
  collectUrls(spec, 0);
  const credential = spec?.get('credential');
  const auth = spec?.getIn(['auth', 'type'])?.str ?? credential?.text('type') ?? spec?.getIn(['authentication', 'type'])?.str;
  const platformEdit = spec && setMapValue(spec, 'executeOnDelegate', false);
  return {
    ...base,
    kind: 'connector',
    type: root.text('type') ?? '',
    ...(root.keyOf('spec') ? { specKey: root.keyOf('spec') } : {}),
    urls,
    executeOnDelegate: spec?.get('executeOnDelegate'),
    delegateSelectors: (spec?.get('delegateSelectors')?.items() ?? []).map((v) => v.str ?? '').filter(Boolean),
    ...(spec?.text('providerType') ? { provider: spec.text('providerType') } : {}),
    ...(auth ? { authType: auth } : {}),
    ...(credential?.text('type') ? { credentialType: credential.text('type') } : {}),
    // A role to assume: `crossAccountAccess: null` or `{}` (as the UI saves an unset one) assumes none.
    ...(credential?.get('crossAccountAccess')?.text('crossAccountRoleArn')?.trim() ? { crossAccountAccess: true } : {}),
    ...(platformEdit ? { platformEdit } : {}),
  };
}

/**
 * Whether a stage clones its codebase: `true` (as Jackson reads it, so "True" too), or a value
 * known only at run time (a runtime input, an expression), kept as its node: templateInputs, input
 * sets or triggers may fill it.
 */
function cloneCodebaseOf(v: View | undefined): boolean | View {
  if (v?.str?.includes('<+')) return v;
  return jacksonBoolean(v?.value, v?.style) === true;
}

/**
 * A `versionLabel` as written: Harness reads it into a string from its text, so an unquoted `1.0`
 * is "1.0" (not the number 1) and `1.10` is not `1.1`.
 */
function versionLabelOf(map: View): string | undefined {
  const label = map.get('versionLabel');
  if (label?.isScalar && typeof label.value === 'number' && label.style === 'PLAIN')
    return label.file.text.slice(label.range[0], label.range[1]).trim();
  return label?.str;
}

function templateLink(v: View | undefined): TemplateLink<View> | undefined {
  const templateRef = v?.get('templateRef');
  if (!v || !templateRef) return undefined;
  const inputs = v.get('templateInputs');
  const versionLabel = versionLabelOf(v);
  return {
    templateRef,
    ...(versionLabel ? { versionLabel } : {}),
    ...(inputs?.isMap
      ? {
          inputs: {
            byPath: scalarsByPath(inputs),
            stage: buildStage(inputs),
            steps: inputs.has('steps') ? collectSteps(inputs.get('steps')) : keep([], buildStep(inputs, 'step')),
          },
        }
      : {}),
  };
}

/**
 * Every scalar under a map, and every list of scalars, by semantic path relative to it (the first
 * one for a path given twice).
 */
function scalarsByPath(root: View): Record<string, View | View[]> {
  const out: Record<string, View | View[]> = {};
  walk(root, ({ view, path }) => {
    if (Object.hasOwn(out, path)) return;
    if (view.isScalar) out[path] = view;
    else if (view.isSeq && view.items().every((i) => i.isScalar)) out[path] = view.items();
  });
  return out;
}

/** Pipeline variables' `value` nodes by variable name. */
function variablesOf(root: View): Record<string, View> {
  const out: Record<string, View> = {};
  for (const item of root.get('variables')?.items() ?? []) {
    const name = item.text('name');
    const value = item.get('value');
    // `in` would see `toString` and `constructor` on every object.
    if (name && value && !Object.hasOwn(out, name)) out[name] = value;
  }
  return out;
}

/** Stages of a `stages:` list, through `parallel` and `insert` wrappers. */
function collectStages(list: View | undefined, out: Stage<View>[] = []): Stage<View>[] {
  for (const item of list?.items() ?? []) {
    const stage = item.get('stage');
    if (stage?.isMap) out.push(buildStage(stage, stage.text('identifier') ?? ''));
    const parallel = item.get('parallel');
    if (parallel) collectStages(parallel, out);
    const insert = item.get('insert');
    if (insert) collectStages(insert.get('stages'), out);
  }
  return out;
}

function buildStage(stage: View, identifier = stage.text('identifier') ?? ''): Stage<View> {
  const spec = stage.get('spec');
  return {
    identifier,
    name: stage.text('name'),
    type: stage.text('type'),
    at: stage,
    identifierAt: stage.get('identifier'),
    infrastructure: infrastructureOf(spec),
    cloneCodebase: cloneCodebaseOf(spec?.get('cloneCodebase')),
    steps: [
      ...collectSteps(spec?.getIn(['execution', 'steps'])),
      ...collectSteps(spec?.getIn(['execution', 'rollbackSteps'])),
      ...(spec?.get('serviceDependencies')?.items() ?? []).map((d) => buildStep(d, 'serviceDependency')),
    ],
    template: templateLink(stage.get('template')),
  };
}

const eq = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

function infrastructureOf(spec: View | undefined): Infrastructure<View> {
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
function collectSteps(list: View | undefined, out: StepFact<View>[] = []): StepFact<View>[] {
  for (const item of list?.items() ?? []) {
    const step = item.get('step');
    if (step?.isMap) keep(out, buildStep(step, 'step'));
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

/** Adds a step to a list as the model keeps it (see `StepFact`). */
function keep(out: StepFact<View>[], step: Step<View>): StepFact<View>[] {
  if (step.role !== 'step' || step.template || step.baseImageConnectorRefs.length) out.push(step);
  else if (step.connectorRef) out.push(step.connectorRef);
  return out;
}

function buildStep(step: View, role: Step['role']): Step<View> {
  const spec = step.get('spec');
  const base = spec?.get('baseImageConnectorRefs');
  return {
    identifier: step.text('identifier') ?? '',
    type: step.text('type'),
    role,
    connectorRef: spec?.get('connectorRef'),
    baseImageConnectorRefs: base?.isSeq ? base.items() : base ? [base] : [],
    template: templateLink(step.get('template')),
  };
}

function template(base: EntityBase<View>, root: View): Template<View> {
  const templateType = root.text('type');
  const spec = root.get('spec');
  const out: Template<View> = {
    ...base,
    kind: 'template',
    templateType,
    versionLabel: versionLabelOf(root),
    stages: [],
    steps: [],
    imageConnectorFields: imageConnectorFields(root),
  };
  if (!spec?.isMap) return out;
  if (eq(templateType, 'Stage')) out.stages.push(buildStage(spec, base.identifier));
  else if (eq(templateType, 'Pipeline')) {
    out.stages = collectStages(spec.get('stages'));
    out.codebaseConnectorRef = spec.getIn(['properties', 'ci', 'codebase', 'connectorRef']);
    out.variables = variablesOf(spec);
  } else if (eq(templateType, 'Step')) keep(out.steps, buildStep(spec, 'step'));
  else if (eq(templateType, 'StepGroup')) collectSteps(spec.get('steps'), out.steps);
  return out;
}

/** An input set or trigger: what its sparse pipeline fills, by semantic path. */
function inputSet(
  base: EntityBase<View>,
  kind: InputSet['kind'],
  pipeline: View | undefined,
  pipelineIdentifier: string | undefined,
): InputSet<View> {
  const fills: InputSet<View>['fills'] = [];
  // A list of scalars also fills its own path, item by item: `baseImageConnectorRefs: [a, b]` fills a `<+input>`.
  const fill = (path: string, view: View) => {
    if (view.isScalar && view.str !== undefined) fills.push({ path, at: view });
  };
  if (pipeline)
    walk(pipeline, ({ view, path }) => {
      fill(path, view);
      if (view.isSeq) for (const item of view.items()) fill(path, item);
    });
  return { ...base, kind, pipelineIdentifier, fills, imageConnectorFields: pipeline ? imageConnectorFields(pipeline) : [] };
}

/** A trigger's `inputYaml`, parsed as the sparse pipeline it holds; undefined when it does not parse. */
function triggerInputs(file: SourceFile, inputYaml: View | undefined): { source: SourceFile; pipeline?: View } | undefined {
  const text = inputYaml?.str;
  if (!inputYaml || !text) return undefined;
  const embedded = parseSource(file.path, text, embeddingOf(inputYaml));
  // A syntax error or an alias bomb inside the trigger's inputYaml: not modelled.
  const doc = embedded.docs[0];
  if (!doc || embedded.problems.some((p) => p.start <= doc.range[1])) return undefined;
  const root = View.root(embedded, doc);
  return { source: embedded, pipeline: root?.get('pipeline') ?? root?.get('inputSet')?.get('pipeline') };
}
/** Where a block scalar's text sits in its file, so findings inside it get the file's lines. */
function embeddingOf(scalar: View) {
  const parent = scalar.file;
  const [start, end] = scalar.range;
  const raw = parent.text.slice(start, end);
  const range: [number, number] = [start, end];
  const header = linesOf(parent).linePos(start).line;
  if (!raw.startsWith('|')) return { parent, range, lineOffset: 0, columnOffset: 0, collapseTo: range };
  // `|4-`: the content is indented by the indicator beyond the key's own indentation (a `- ` before
  // the key counts); without one, by as much as its first line that is not blank.
  const indicator = /^\|[+-]?([1-9])/.exec(raw)?.[1];
  if (indicator) {
    const lineStart = parent.text.lastIndexOf('\n', start - 1) + 1;
    const keyIndent = /^[ \t]*(?:-[ \t]+)*/.exec(parent.text.slice(lineStart, start))![0].length;
    return { parent, range, lineOffset: header, columnOffset: keyIndent + Number(indicator) };
  }
  const firstContent =
    raw
      .split(/\r?\n/)
      .slice(1)
      .find((l) => l.trim() !== '') ?? '';
  const indent = firstContent.length - firstContent.trimStart().length;
  return { parent, range, lineOffset: header, columnOffset: indent };
}
