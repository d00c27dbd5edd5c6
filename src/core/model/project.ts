import type { SourceFile } from '../source.js';
import type { TreeDoc } from '../tree.js';
import { buildStage, type Connector, type Entity, type InputSet, type OverlayInputSet, type Pipeline, type Stage, type Template, type TemplateLink } from './entities.js';
import { parseRef, refMatches, type Scope } from './refs.js';
import { classifyValue } from './runtime-input.js';
import type { View } from './view.js';
import { semanticPath, walk } from './walk.js';

/** An entity that holds stages: a pipeline, or a Stage or Pipeline template. */
export type StageOwner = Pipeline | Template;

export interface ConnectorUse {
  ref: View;
  how: 'codebase' | 'step' | 'serviceDependency' | 'baseImage';
  stepIdentifier?: string;
}

/** A value a field takes, and where that value is written. */
export interface ResolvedValue {
  value: string;
  at: View;
  source: 'literal' | 'default' | 'allowedValues' | 'inputSet' | 'trigger';
  entity: Entity;
}

export interface Resolution {
  values: ResolvedValue[];
  /** Why no value, or not every value, could be known from the repo. */
  unknown?: 'expression' | 'runtime-input';
}

/** Every entity in the scan, indexed for the cross-file questions the rules ask. */
export class Project {
  readonly connectors: Connector[] = [];
  readonly pipelines: Pipeline[] = [];
  readonly templates: Template[] = [];
  /** Input sets and triggers: both supply values for a pipeline's `<+input>` fields. */
  readonly inputSets: InputSet[] = [];
  readonly overlayInputSets: OverlayInputSet[] = [];
  /** Every parsed file, Harness or not (Kubernetes manifests, Helm values, execution-config payloads). */
  readonly files: SourceFile[] = [];
  /** Entity roots whose nodes have semantic paths (pipelines and templates), by document. */
  private readonly pathRoots = new Map<TreeDoc, View>();
  /** Connectors by identifier, built on the first lookup (rules ask once per reference). */
  private connectorsById?: Map<string, Connector[]>;
  private readonly stageIndex = new Map<StageOwner, Map<string, Stage>>();
  private readonly fills = new Map<string, ResolvedValue[]>();

  constructor(entities: Entity[], files: SourceFile[]) {
    this.files.push(...files);
    for (const e of entities) {
      if (e.kind === 'connector') this.connectors.push(e);
      else if (e.kind === 'pipeline') this.pipelines.push(e);
      else if (e.kind === 'template') this.templates.push(e);
      else if (e.kind === 'overlayInputSet') this.overlayInputSets.push(e);
      else this.inputSets.push(e);
    }
    for (const e of [...this.pipelines, ...this.templates]) this.pathRoots.set(e.root.doc, e.root);
    for (const set of this.inputSets) {
      if (!set.pipeline || !set.pipelineIdentifier) continue;
      walk(set.pipeline, ({ view, path }) => {
        const value = view.str;
        if (value === undefined || !view.isScalar) return;
        const key = `${set.pipelineIdentifier}\0${path}`;
        const list = this.fills.get(key) ?? [];
        list.push({ value, at: view, source: set.kind === 'trigger' ? 'trigger' : 'inputSet', entity: set });
        this.fills.set(key, list);
      });
    }
  }

  get entities(): Entity[] {
    return [...this.connectors, ...this.pipelines, ...this.templates, ...this.inputSets, ...this.overlayInputSets];
  }

  /** Semantic path of a node inside its pipeline or template. */
  pathOf(view: View): string | undefined {
    const root = this.pathRoots.get(view.doc);
    return root ? semanticPath(root, view) : undefined;
  }

  findConnector(ref: string, from: Scope): Connector | undefined {
    const parsed = parseRef(ref);
    if (!parsed) return undefined;
    if (!this.connectorsById) {
      this.connectorsById = new Map();
      for (const c of this.connectors) this.connectorsById.set(c.identifier, [...(this.connectorsById.get(c.identifier) ?? []), c]);
    }
    const matches = (this.connectorsById.get(parsed.identifier) ?? []).filter((c) => refMatches(parsed, from, c.scope));
    return matches.length === 1 ? matches[0] : matches.find((c) => c.scope.org === from.org && c.scope.project === from.project);
  }

  findTemplate(link: TemplateLink, from: Scope): Template | undefined {
    const parsed = link.templateRef.str ? parseRef(link.templateRef.str) : undefined;
    if (!parsed) return undefined;
    const label = link.versionLabel?.str;
    const matches = this.templates.filter(
      (t) => t.identifier === parsed.identifier && refMatches(parsed, from, t.scope) && (!label || t.versionLabel === label),
    );
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Stages anywhere in the repo that use this template. */
  usersOf(template: Template): Array<{ owner: StageOwner; stage: Stage }> {
    const out = [];
    for (const owner of [...this.pipelines, ...this.templates])
      for (const stage of owner.stages)
        if (stage.template && this.findTemplate(stage.template, owner.scope) === template) out.push({ owner, stage });
    return out;
  }

  /**
   * The values a field can take: its literal, a runtime input's `.default()` and `allowedValues()`,
   * and what the repo's input sets and triggers supply for it.
   */
  resolve(owner: Entity, field: View): Resolution {
    const raw = field.str;
    if (raw === undefined) return { values: [] };
    const v = classifyValue(raw);
    if (v.kind === 'literal') return { values: v.value ? [{ value: v.value, at: field, source: 'literal', entity: owner }] : [] };
    if (v.kind === 'expression') return { values: [], unknown: 'expression' };
    const values: ResolvedValue[] = [];
    if (v.default) values.push({ value: v.default, at: field, source: 'default', entity: owner });
    for (const a of v.allowedValues ?? []) values.push({ value: a, at: field, source: 'allowedValues', entity: owner });
    const path = this.pathOf(field);
    if (owner.kind === 'pipeline' && path !== undefined)
      for (const fill of this.fills.get(`${owner.identifier}\0${path}`) ?? []) {
        const fv = classifyValue(fill.value);
        if (fv.kind === 'literal' && fv.value) values.push({ ...fill, value: fv.value });
      }
    return values.length ? { values } : { values, unknown: 'runtime-input' };
  }

  /** The stage's own infrastructure, or the one it takes from its template or through `useFromStage`. */
  infrastructureOf(owner: StageOwner, stage: Stage, seen = new Set<Stage>()): { stage: Stage; owner: StageOwner } {
    if (seen.has(stage)) return { stage, owner };
    seen.add(stage);
    if (stage.template) {
      const tpl = this.findTemplate(stage.template, owner.scope);
      const body = tpl?.stages[0];
      if (tpl && body && tpl.templateType?.toLowerCase() === 'stage') return this.infrastructureOf(tpl, body, seen);
    }
    const from = stage.infrastructure.useFromStage?.str;
    if (stage.infrastructure.kind === 'UseFromStage' && from) {
      const source = this.stageById(owner, from);
      if (source) return this.infrastructureOf(owner, source, seen);
    }
    return { stage, owner };
  }

  /** The owner's first stage with this identifier (a map per owner: a pipeline can hold thousands of stages). */
  private stageById(owner: StageOwner, identifier: string): Stage | undefined {
    let byId = this.stageIndex.get(owner);
    if (!byId) {
      byId = new Map();
      for (const s of owner.stages) if (!byId.has(s.identifier)) byId.set(s.identifier, s);
      this.stageIndex.set(owner, byId);
    }
    return byId.get(identifier);
  }

  /** True when the stage runs on Harness Cloud (`runtime.type: Cloud`, or the legacy `KubernetesHosted`). */
  runsOnHarnessCloud(owner: StageOwner, stage: Stage): boolean {
    const kind = this.infrastructureOf(owner, stage).stage.infrastructure.kind;
    return kind === 'Cloud' || kind === 'KubernetesHosted';
  }

  /** The connectors a stage pulls or clones through, including those in its template and step templates. */
  connectorUses(owner: StageOwner, stage: Stage): ConnectorUse[] {
    const uses: ConnectorUse[] = [];
    const stages = [stage];
    const tpl = stage.template ? this.findTemplate(stage.template, owner.scope) : undefined;
    if (tpl?.stages[0]) stages.push(tpl.stages[0]);
    const inputs = stage.template?.templateInputs;
    if (inputs?.isMap) stages.push(buildStage(inputs, stage.identifier, `${stage.path}/template/templateInputs`));
    const clones = stages.some((s) => s.cloneCodebase);
    const codebase = owner.kind === 'pipeline' || owner.templateType?.toLowerCase() === 'pipeline' ? owner.codebaseConnectorRef : undefined;
    if (clones && codebase) uses.push({ ref: codebase, how: 'codebase' });
    for (const s of stages)
      for (const step of s.steps) {
        const steps = [step];
        const stepTpl = step.template ? this.findTemplate(step.template, owner.scope) : undefined;
        if (stepTpl) steps.push(...stepTpl.steps);
        for (const st of steps) {
          if (st.connectorRef) uses.push({ ref: st.connectorRef, how: st.role === 'serviceDependency' ? 'serviceDependency' : 'step', stepIdentifier: st.identifier });
          for (const b of st.baseImageConnectorRefs) uses.push({ ref: b, how: 'baseImage', stepIdentifier: st.identifier });
        }
      }
    return uses;
  }
}
