import {
  type Connector,
  type Entity,
  type InfraKind,
  type InputSet,
  type OverlayInputSet,
  type Pipeline,
  type Stage,
  identifierOfStep,
  isWholeStep,
  type StepFact,
  type Template,
  type TemplateInputs,
  type TemplateLink,
} from './entities.js';
import { jacksonBoolean } from './booleans.js';
import type { HarnessAnswer, HarnessFacts } from './harness-side.js';
import { NONE, str, styleOf, type Loc } from './loc.js';
import { formatScope, HARNESS_IMAGE_CONNECTOR, lookupScope, parseRef, refMatches, scopedKey, type Scope } from './scope.js';
import { classifyValue, pipelineVariableName, type FieldValue } from './runtime-input.js';
import { groupBy } from './group-by.js';

/** An entity that holds stages: a pipeline, or a Stage or Pipeline template. */
export type StageOwner = Pipeline | Template;

/**
 * A template in use: the stage, step or pipeline that names it supplies its runtime inputs in
 * `templateInputs`, whose semantic paths mirror the template's `spec`.
 */
export interface TemplateUse {
  template: Template;
  /** The user's `templateInputs`. */
  inputs?: TemplateInputs;
  /** The entity where `inputs` is written. */
  user: StageOwner;
  /** How the user's own runtime inputs are filled, when the user is itself a template in use. */
  outer?: TemplateUse;
  /** The reference has no `versionLabel`: it means the stable version, one of `versions`. */
  stable: boolean;
  /** Version labels the repo holds for the reference. */
  versions: string[];
}

/** Where a field is written, and how its runtime inputs are filled. */
export interface FieldContext {
  entity: Entity;
  via?: TemplateUse;
}

/** One run of a pipeline (or of a template checked on its own): its stages as they run. */
export interface Run {
  root: StageOwner;
  stages: EffectiveStage[];
  /** The codebase connector the run's cloning stages use, and where it is written. */
  codebase?: { ref: Loc; ctx: FieldContext };
  /** Every template the run goes through (stage, pipeline, step and step-group templates). */
  templates: ReadonlySet<Template>;
}

/** A stage as it runs in one run. A stage made from a template has one per template version in the repo. */
export interface EffectiveStage {
  run: Run;
  /** Where the stage is written: the pipeline, or the Pipeline template it is made from. */
  owner: StageOwner;
  stage: Stage;
  /** What runs: the stage itself, or the stage of a Stage template version. */
  body: Stage;
  /** The entity holding `body`, and how its runtime inputs are filled. */
  ctx: FieldContext & { entity: StageOwner };
  /** The templates the stage comes through, outermost first. */
  templates: readonly TemplateUse[];
  /**
   * For a stage whose infrastructure is `useFromStage` of a stage with several template versions:
   * the version it is checked against (the stage has one copy per version).
   */
  infraFrom?: EffectiveStage;
}

export interface ConnectorUse {
  ref: Loc;
  ctx: FieldContext;
  how: 'codebase' | 'step' | 'serviceDependency' | 'baseImage';
  /** The step as written in the stage. */
  stepIdentifier?: string;
  /**
   * The step or step-group template the reference comes through: the one the step (or step group)
   * written in the stage names, which may hold step templates of its own.
   */
  stepTemplate?: TemplateUse;
}

/**
 * A step or step group made from a template the repo does not hold (nor the version it names): its
 * connectors are unknown, bar those its templateInputs set.
 */
export interface MissingStepTemplate {
  link: TemplateLink;
  /** The identifier of the step or step group that names the template. */
  step: string;
  group: boolean;
}

/** A value a field takes, and where that value is written. */
export interface ResolvedValue {
  value: string;
  at: Loc;
  source: 'literal' | 'templateInputs' | 'default' | 'allowedValues' | 'inputSet' | 'trigger';
  entity: Entity;
}

export interface Resolution {
  values: ResolvedValue[];
  /** Why no value, or not every value, could be known from the repo. */
  unknown?: 'expression' | 'runtime-input';
  /** Where the unknown value is written: the field, or the pipeline variable or template input it comes through. */
  unknownAt?: Loc;
}

/** How a CI stage pulls Harness's own images: through its Override Image Connector, or the built-in `account.harnessImage`. */
export type ImageConnector =
  /** The stage's `harnessImageConnectorRef`, and how its runtime inputs are filled. */
  | { override: Loc; ctx: FieldContext }
  /** No override (or Harness Cloud, which has none): `account.harnessImage`, reported at the node that decides the infrastructure. */
  | { builtIn: Loc };

/** A connector reference a stage makes, with a value known from the repo. */
export interface ConnectorReference {
  /** `account.x`, `org.x` or `x`. */
  ref: string;
  /** Where the value is written; for the built-in image connector, the node that decides the infrastructure. */
  at: Loc;
  how: ConnectorUse['how'] | 'overrideImageConnector' | 'harnessImage';
}

/** The templates of a run that goes through none: one shared, empty set. */
const NO_TEMPLATES: ReadonlySet<Template> = new Set();

/** Infrastructures of CI build stages: they pull Harness images (lite-engine, addon, git clone). */
export const CI_INFRA: ReadonlySet<InfraKind> = new Set(['KubernetesDirect', 'VM', 'Docker', 'Cloud', 'KubernetesHosted']);

/** How messages name a template reference: `` `account.t` (version v1) ``. */
export const templateName = (link: TemplateLink): string =>
  `\`${str(link.templateRef) ?? ''}\`` + (link.versionLabel ? ` (version ${link.versionLabel})` : '');

/** Stage types that can run on Harness Cloud (lowercase): a stage of another type never does. */
const CLOUD_STAGE_TYPES: ReadonlySet<string> = new Set(['ci', 'securitytests', 'iacm', 'idp']);

/** Every entity in the scan, indexed for the cross-file questions the rules ask. */
export class Project {
  readonly connectors: Connector[] = [];
  readonly pipelines: Pipeline[] = [];
  readonly templates: Template[] = [];
  /** Input sets and triggers: both supply values for a pipeline's `<+input>` fields. */
  readonly inputSets: InputSet[] = [];
  /** Triggers with `enabled: false`: they never start a run, so they fill nothing and are not in `inputSets`. */
  readonly disabledTriggers: InputSet[] = [];
  readonly overlayInputSets: OverlayInputSet[] = [];
  /** Connectors by identifier, built on the first lookup (rules ask once per reference). */
  #connectorsById?: Map<string, Connector[]>;
  /** `connectorCopies`, by scope and reference. */
  readonly #copies = new Map<Scope, Map<string, readonly Connector[]>>();
  /** What each pipeline's input sets and triggers supply, by semantic path. */
  readonly #fills = new Map<Pipeline, Map<string, ResolvedValue[]>>();
  #users?: Map<Template, StageOwner[]>;
  /** `usesOf`, per template asked about. */
  readonly #uses = new Map<Template, FieldContext[]>();
  /** The stages each context of `usesOf` runs as. */
  readonly #useStages = new WeakMap<FieldContext, Stage[]>();
  /** Per run (runs are made as asked and not kept): stages by identifier, and each stage's infrastructure. */
  readonly #runStages = new WeakMap<Run, Map<string, EffectiveStage[]>>();
  readonly #infraOf = new WeakMap<EffectiveStage, { stage: EffectiveStage; infra: Stage['infrastructure'] }>();
  #pipelineIds?: Map<string, Pipeline[]>;
  /** Templates by identifier, built on the first lookup. */
  #templatesById?: Map<string, Template[]>;
  /** Harness's answers about connectors the repo does not hold, by scope and identifier. */
  readonly #harness = new Map<string, HarnessAnswer>();
  #harnessFacts?: HarnessFacts;

  constructor(entities: Iterable<Entity>) {
    for (const e of entities) {
      if (e.kind === 'connector') this.connectors.push(e);
      else if (e.kind === 'pipeline') this.pipelines.push(e);
      else if (e.kind === 'template') this.templates.push(e);
      else if (e.kind === 'overlayInputSet') this.overlayInputSets.push(e);
      else if (e.disabled) this.disabledTriggers.push(e);
      else this.inputSets.push(e);
    }
    for (const set of this.inputSets) {
      const pipeline = this.pipelineOf(set);
      if (!pipeline) continue;
      const byPath = this.#fills.get(pipeline) ?? new Map<string, ResolvedValue[]>();
      this.#fills.set(pipeline, byPath);
      for (const { path, at } of set.fills) {
        const list = byPath.get(path) ?? [];
        list.push({ value: String(at.value), at, source: set.kind === 'trigger' ? 'trigger' : 'inputSet', entity: set });
        byPath.set(path, list);
      }
    }
  }

  get entities(): Entity[] {
    return [
      ...this.connectors,
      ...this.pipelines,
      ...this.templates,
      ...this.inputSets,
      ...this.disabledTriggers,
      ...this.overlayInputSets,
    ];
  }

  findConnector(ref: string, from: Scope): Connector | undefined {
    return this.connectorCopies(ref, from)[0];
  }

  /**
   * Every definition in the repo of the connector `ref` names from `from`: one, normally; more when
   * several files define it at one scope (a stale copy, say), which Harness cannot hold. A policy
   * judges each copy, so the outcome does not hang on which file sorts first. Kept per scope and
   * reference: a large repo's stages ask about the same few thousand references tens of thousands of times.
   */
  connectorCopies(ref: string, from: Scope): readonly Connector[] {
    let byRef = this.#copies.get(from);
    if (!byRef) this.#copies.set(from, (byRef = new Map()));
    let copies = byRef.get(ref);
    if (!copies) byRef.set(ref, (copies = this.#copiesOf(ref, from)));
    return copies;
  }

  #copiesOf(ref: string, from: Scope): readonly Connector[] {
    const matches = this.#matches(ref, from);
    if (matches.length <= 1) return matches;
    const here = matches.filter((c) => c.scope.org === from.org && c.scope.project === from.project);
    if (here.length) return here;
    // From an unknown scope, copies in different projects are different connectors: none is the one.
    const [first] = matches;
    const same = (c: Connector) =>
      c.scope.level === first!.scope.level && c.scope.org === first!.scope.org && c.scope.project === first!.scope.project;
    return matches.every(same) ? matches : [];
  }

  /**
   * The connectors a reference could name when `connectorCopies` finds none for want of a scope:
   * from a pipeline whose org or project is unknown, copies in different projects (or orgs) are
   * each a candidate, and which one Harness uses cannot be told. Empty otherwise.
   */
  ambiguousConnector(ref: string, from: Scope): readonly Connector[] {
    if (this.connectorCopies(ref, from).length) return [];
    const matches = this.#matches(ref, from);
    return matches.length > 1 ? matches : [];
  }

  /** Connectors of the reference's identifier and level that `from` may refer to. */
  #matches(ref: string, from: Scope): Connector[] {
    const parsed = parseRef(ref);
    if (!parsed) return [];
    this.#connectorsById ??= groupBy(this.connectors, (c) => c.identifier);
    return (this.#connectorsById.get(parsed.identifier) ?? []).filter((c) => refMatches(parsed, from, c.scope));
  }

  /**
   * Adds what Harness said about connectors the repo does not hold (looked up after the project was
   * built, before the project rules run). A connector in the repo still wins: rules ask
   * `findConnector` first.
   */
  addHarnessFacts(facts: HarnessFacts): void {
    this.#harnessFacts = facts;
    for (const l of facts.lookups) this.#harness.set(scopedKey(l.scope, l.identifier), l.answer);
  }

  /** What was learnt from Harness in this run, if it was asked. */
  get harnessFacts(): HarnessFacts | undefined {
    return this.#harnessFacts;
  }

  /** Harness's answer for a reference made from `from`, at the scope Harness's own rule gives it; undefined when not asked. */
  inHarness(ref: string, from: Scope): HarnessAnswer | undefined {
    const at = lookupScope(ref, from);
    return at && this.#harness.get(scopedKey(at.scope, at.identifier));
  }

  /**
   * The versions of the template a link names, of the given type: the one its `versionLabel` names,
   * or, without one (the stable version, which only Harness knows), every version in the repo.
   */
  findTemplates(link: TemplateLink, from: Scope, type: string): Template[] {
    const ref = str(link.templateRef);
    const parsed = ref ? parseRef(ref) : undefined;
    if (!parsed) return [];
    const label = link.versionLabel;
    // By identifier first: a repo with thousands of templates (or of versions of one) asks once per use.
    this.#templatesById ??= groupBy(this.templates, (t) => t.identifier);
    return (this.#templatesById.get(parsed.identifier) ?? []).filter(
      (t) =>
        t.templateType?.toLowerCase() === type.toLowerCase() && refMatches(parsed, from, t.scope) && (!label || t.versionLabel === label),
    );
  }

  /** True when a pipeline, stage, step or step group in the repo uses the template. */
  isUsed(template: Template): boolean {
    return this.#templateUsers().has(template);
  }

  /** Pipelines whose runs go through the template, directly or through other templates. */
  pipelinesUsing(template: Template): Pipeline[] {
    return (this.#templateUsers().get(template) ?? []).filter((root): root is Pipeline => root.kind === 'pipeline');
  }

  /**
   * The contexts a template's own fields are read in where runs go through it: one per use (of
   * each version of each user), so an expression in it can take the values of each pipeline's.
   */
  usesOf(template: Template): FieldContext[] {
    let out = this.#uses.get(template);
    if (out) return out;
    out = [];
    for (const root of this.#templateUsers().get(template) ?? []) {
      // The stages of one use share its context (all of a Pipeline template's stages).
      const seen = new Map<TemplateUse | undefined, FieldContext>();
      for (const eff of this.runOf(root).stages) {
        if (eff.ctx.entity !== template) continue;
        let ctx = seen.get(eff.ctx.via);
        if (!ctx) {
          seen.set(eff.ctx.via, (ctx = eff.ctx));
          out.push(ctx);
          this.#useStages.set(ctx, []);
        }
        this.#useStages.get(ctx)!.push(eff.stage);
      }
    }
    this.#uses.set(template, out);
    return out;
  }

  /** The stages a context of `usesOf` runs as: the one made from a Stage template, each of a Pipeline template's. */
  stagesOfUse(ctx: FieldContext): readonly Stage[] {
    return this.#useStages.get(ctx) ?? [];
  }

  /**
   * The runs to check: every pipeline's, and every template's on its own. By default a template
   * that something in the repo uses is left out: its users' runs check it with their inputs.
   * Each run is made as it is asked for and not kept: a large repo has 100,000 of them, and a rule
   * needs one at a time.
   */
  *runs(opts: { templates: 'unused' | 'all' } = { templates: 'unused' }): Generator<Run> {
    for (const p of this.pipelines) yield this.runOf(p);
    for (const t of this.templates) if (t.stages.length && (opts.templates === 'all' || !this.isUsed(t))) yield this.runOf(t);
  }

  /** For each template that runs go through, the roots of those runs (other than itself), found once. */
  #templateUsers(): Map<Template, StageOwner[]> {
    if (!this.#users) {
      const users = new Map<Template, StageOwner[]>();
      // Only templates make runs go through templates: without any, no run needs making.
      const roots = this.templates.length ? [...this.pipelines, ...this.templates.filter((t) => t.stages.length)] : [];
      for (const root of roots)
        for (const t of this.runOf(root).templates) {
          if (t === root) continue;
          const list = users.get(t);
          if (list) list.push(root);
          else users.set(t, [root]);
        }
      this.#users = users;
    }
    return this.#users;
  }

  private runOf(root: StageOwner): Run {
    const templates = new Set<Template>();
    const run: Run = { root, stages: [], templates };
    if (root.kind === 'template') templates.add(root);
    const add = (owner: StageOwner, stages: Stage[], ctx: FieldContext & { entity: StageOwner }, through: readonly TemplateUse[]) => {
      for (const stage of stages) this.expandStage(run, templates, owner, stage, ctx, through);
    };
    if (root.kind === 'pipeline' && root.template) {
      const versions = this.findTemplates(root.template, root.scope, 'Pipeline');
      const labels = versionLabels(versions);
      for (const t of versions) {
        const via = this.templateUse(t, root.template, root, undefined, labels);
        templates.add(t);
        const ctx = { entity: t, via };
        if (t.codebaseConnectorRef) run.codebase = { ref: t.codebaseConnectorRef, ctx };
        add(t, t.stages, ctx, [via]);
      }
    } else {
      // One context for the run's own fields, and no list of templates: a large repo keeps a run
      // per pipeline (as many as 100,000), and most go through no template.
      const ctx = { entity: root };
      if (root.codebaseConnectorRef && (root.kind === 'pipeline' || root.templateType?.toLowerCase() === 'pipeline'))
        run.codebase = { ref: root.codebaseConnectorRef, ctx };
      add(root, root.stages, ctx, NONE);
    }
    // Step templates are looked for only in a repo that holds templates.
    if (this.templates.length)
      for (const eff of run.stages) for (const step of eff.body.steps) this.collectStepTemplates(step, eff.ctx.entity.scope, templates);
    if (!templates.size) run.templates = NO_TEMPLATES;
    else run.stages = withInfraSources(run.stages);
    return run;
  }

  private expandStage(
    run: Run,
    templates: Set<Template>,
    owner: StageOwner,
    stage: Stage,
    ctx: FieldContext & { entity: StageOwner },
    through: readonly TemplateUse[],
  ): void {
    const versions = stage.template ? this.findTemplates(stage.template, owner.scope, 'Stage') : [];
    if (!versions.length) {
      run.stages.push({ run, owner, stage, body: stage, ctx, templates: through });
      return;
    }
    const labels = versionLabels(versions);
    for (const t of versions) {
      const via = this.templateUse(t, stage.template!, ctx.entity, ctx.via, labels);
      templates.add(t);
      run.stages.push({ run, owner, stage, body: t.stages[0]!, ctx: { entity: t, via }, templates: [...through, via] });
    }
  }

  private collectStepTemplates(step: StepFact, scope: Scope, into: Set<Template>, depth = 0): void {
    if (!isWholeStep(step) || !step.template || depth > 8) return;
    for (const t of this.findTemplates(step.template, scope, step.role === 'stepGroup' ? 'StepGroup' : 'Step')) {
      into.add(t);
      for (const s of t.steps) this.collectStepTemplates(s, t.scope, into, depth + 1);
    }
  }

  /**
   * `versions` are the labels of every version `link` names from `user` (`versionLabels` of
   * `findTemplates`), found once by the caller and shared by its uses: a stage with no versionLabel
   * has one use per version, and listing them again for each was cubic in the versions.
   */
  private templateUse(
    template: Template,
    link: TemplateLink,
    user: StageOwner,
    outer: TemplateUse | undefined,
    versions: string[],
  ): TemplateUse {
    return {
      template,
      ...(link.inputs ? { inputs: link.inputs } : {}),
      user,
      ...(outer ? { outer } : {}),
      stable: !link.versionLabel,
      versions,
    };
  }

  /** The infrastructure a stage runs on: its body's, or the one `useFromStage` takes from another stage of the run. */
  infrastructure(eff: EffectiveStage): { stage: EffectiveStage; infra: Stage['infrastructure'] } {
    // A run of a few stages is searched directly: indexing it cost more than the search (3–5% of a scan).
    if (eff.run.stages.length <= SMALL_RUN) return this.#infrastructureThroughLoop(eff);
    // Every stage of a run asks, and a chain of `useFromStage` can be as long as the run: each
    // answer is kept, so a chain is followed once, not once per stage (cubic for 4,000 stages).
    const known = this.#infraOf.get(eff);
    if (known) return known;
    // Following each stage's first candidate (`firstNext`) leads, unless it loops, to a stage that
    // takes its infrastructure from no other: that stage is the answer for every stage on the way,
    // whichever stage the search starts from.
    const path: EffectiveStage[] = [];
    const onPath = new Set<EffectiveStage>();
    let cur: EffectiveStage | undefined = eff;
    let found: { stage: EffectiveStage; infra: Stage['infrastructure'] } | undefined;
    while (cur && !onPath.has(cur)) {
      found = this.#infraOf.get(cur);
      if (found) break;
      path.push(cur);
      onPath.add(cur);
      const next = this.#firstNext(cur);
      if (!next) found = { stage: cur, infra: cur.body.infrastructure };
      cur = next;
    }
    if (found) {
      for (const s of path) this.#infraOf.set(s, found);
      return found;
    }
    // A loop: where the search stops depends on where it starts (and on copies of a stage passed).
    return this.#infrastructureThroughLoop(eff);
  }

  /** The stage `eff` takes its infrastructure from when none is passed yet; undefined when none. */
  #firstNext(eff: EffectiveStage): EffectiveStage | undefined {
    if (eff.infraFrom) return eff.infraFrom;
    const infra = eff.body.infrastructure;
    const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
    return from ? this.#stagesNamed(eff.run, from)[0] : undefined;
  }

  /** The stages of a run with identifier `id`, in run order: a short run searched, a long one indexed once. */
  #stagesNamed(run: Run, id: string): readonly EffectiveStage[] {
    if (run.stages.length <= SMALL_RUN) return run.stages.filter((s) => s.stage.identifier === id);
    let byId = this.#runStages.get(run);
    if (!byId) this.#runStages.set(run, (byId = groupBy(run.stages, (s) => s.stage.identifier)));
    return byId.get(id) ?? [];
  }

  #infrastructureThroughLoop(eff: EffectiveStage): { stage: EffectiveStage; infra: Stage['infrastructure'] } {
    // Nearly every stage runs on its own (and each is asked about three times by one rule).
    if (!eff.infraFrom && eff.body.infrastructure.kind !== 'UseFromStage') return { stage: eff, infra: eff.body.infrastructure };
    let cur = eff;
    const seen = new Set<EffectiveStage>([eff]);
    for (;;) {
      const infra = cur.body.infrastructure;
      const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
      const next = cur.infraFrom ?? (from ? this.#stagesNamed(cur.run, from).find((s) => !seen.has(s)) : undefined);
      if (!next || seen.has(next)) return { stage: cur, infra };
      seen.add(next);
      cur = next;
    }
  }

  /**
   * Why the repo cannot tell what infrastructure a stage runs on: it, or the stage it takes its
   * infrastructure from, is made from a Stage template the repo does not hold (the stage is only a
   * stub), `useFromStage` names no stage of the run, or following `useFromStage` comes back to a
   * stage already passed (a loop, which holds no infrastructure). `at` is the stage's templateRef, or
   * its `useFromStage`. Undefined when the repo decides it, or when the template's inputs give a
   * stage type that never runs on Harness Cloud (a Deployment, an Approval).
   */
  undecidedInfrastructure(
    eff: EffectiveStage,
  ): { at: Loc; template: string; from?: string } | { at: Loc; missingStage: string } | { at: Loc; loopFrom: string } | undefined {
    const { stage: last, infra } = this.infrastructure(eff);
    const own = eff.body.infrastructure;
    const link = last.body === last.stage ? last.stage.template : undefined;
    if (link) {
      const type = link.inputs?.stage.type;
      if (type && !CLOUD_STAGE_TYPES.has(type.toLowerCase())) return undefined;
      const template = templateName(link);
      if (last === eff) return { at: link.templateRef, template };
      return { at: own.useFromStage ?? own.kindNode ?? eff.stage.at, template, from: last.stage.identifier };
    }
    const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
    // A Stage template checked on its own names a stage of the pipelines that use it.
    const root = eff.run.root;
    const standalone = root.kind === 'template' && root.templateType?.toLowerCase() !== 'pipeline';
    if (from === undefined || standalone) return undefined;
    if (!this.#stagesNamed(last.run, from).length) return { at: infra.useFromStage ?? eff.stage.at, missingStage: from };
    // The search stopped at a stage that takes its infrastructure from one already passed.
    return { at: own.useFromStage ?? eff.stage.at, loopFrom: str(own.useFromStage) ?? from };
  }

  /** The link of a pipeline made from a Pipeline template the repo does not hold: its stages are unknown. */
  missingPipelineTemplate(run: Run): TemplateLink | undefined {
    const root = run.root;
    if (root.kind !== 'pipeline' || !root.template) return undefined;
    return this.findTemplates(root.template, root.scope, 'Pipeline').length ? undefined : root.template;
  }

  /** True when the stage runs on Harness Cloud (`runtime.type: Cloud`, or the legacy `KubernetesHosted`). */
  runsOnHarnessCloud(eff: EffectiveStage): boolean {
    const kind = this.infrastructure(eff).infra.kind;
    return kind === 'Cloud' || kind === 'KubernetesHosted';
  }

  /**
   * How a CI stage pulls Harness's own images: its Override Image Connector when it has one (not on
   * Harness Cloud, which has none), else `account.harnessImage`. Undefined for stages that are not
   * CI builds.
   */
  imageConnector(eff: EffectiveStage): ImageConnector | undefined {
    const { stage: from, infra } = this.infrastructure(eff);
    if (!CI_INFRA.has(infra.kind)) return undefined;
    const field = this.runsOnHarnessCloud(eff) ? undefined : infra.imageConnectorRef;
    return field ? { override: field, ctx: from.ctx } : { builtIn: infra.kindNode ?? eff.stage.at };
  }

  /**
   * Every connector a stage refers to, as values the repo gives: its steps' and codebase's
   * (`connectorUses`, resolved), and the one it pulls Harness images through (`imageConnector`).
   */
  connectorReferences(eff: EffectiveStage): ConnectorReference[] {
    const out: ConnectorReference[] = [];
    for (const use of this.connectorUses(eff))
      for (const v of this.resolve(use.ref, use.ctx).values) out.push({ ref: v.value, at: v.at, how: use.how });
    const image = this.imageConnector(eff);
    if (image && 'builtIn' in image) out.push({ ref: HARNESS_IMAGE_CONNECTOR, at: image.builtIn, how: 'harnessImage' });
    else if (image)
      for (const v of this.resolve(image.override, image.ctx).values) out.push({ ref: v.value, at: v.at, how: 'overrideImageConnector' });
    return out;
  }

  /**
   * Whether a stage may clone its codebase: `cloneCodebase` is true, or a runtime input or
   * expression that something fills with true (as Jackson reads it: "True" and "TRUE" too), or
   * that nothing in the repo settles (it may well be true, so the codebase connector is checked as
   * if it clones).
   */
  private clones(eff: EffectiveStage): boolean {
    const field = eff.body.cloneCodebase;
    if (typeof field === 'boolean') return field;
    const r = this.resolve(field, eff.ctx);
    // A value written as a whole scalar is read as Harness reads it (an unquoted `yes` is true); a `.default()` is text in an expression.
    const style = (v: ResolvedValue) => (v.source === 'default' || v.source === 'allowedValues' ? undefined : styleOf(v.at));
    return !!r.unknown || !r.values.length || r.values.some((v) => jacksonBoolean(v.value, style(v)) === true);
  }

  /**
   * The connectors a stage pulls or clones through, including those of its step templates. Step
   * and step-group templates whose connectors cannot be known go to `missing`, when given.
   */
  connectorUses(eff: EffectiveStage, missing?: MissingStepTemplate[]): ConnectorUse[] {
    const uses: ConnectorUse[] = [];
    const codebase = eff.run.codebase;
    if (codebase && this.clones(eff)) uses.push({ ref: codebase.ref, ctx: codebase.ctx, how: 'codebase' });
    // A stage template that is not in the repo: its templateInputs are all that is known.
    const inputs = eff.body === eff.stage ? eff.stage.template?.inputs : undefined;
    const steps = inputs ? [...eff.body.steps, ...inputs.stage.steps] : eff.body.steps;
    for (const step of steps) this.stepUses(step, eff.ctx, uses, identifierOfStep(step), undefined, 0, missing);
    return uses;
  }

  private stepUses(
    step: StepFact,
    ctx: FieldContext,
    out: ConnectorUse[],
    stepIdentifier: string,
    stepTemplate?: TemplateUse,
    depth = 0,
    missing?: MissingStepTemplate[],
  ): void {
    const base = { ctx, stepIdentifier, ...(stepTemplate ? { stepTemplate } : {}) };
    if (!isWholeStep(step)) {
      out.push({ ...base, ref: step, how: 'step' });
      return;
    }
    if (step.template && depth < 8) {
      const group = step.role === 'stepGroup';
      const versions = this.findTemplates(step.template, ctx.entity.scope, group ? 'StepGroup' : 'Step');
      // The template is not in the repo: its templateInputs list only its runtime inputs, so a
      // connector fixed inside it is unknown. What they set is still checked.
      if (!versions.length) {
        missing?.push({ link: step.template, step: step.identifier, group });
        for (const s of step.template.inputs?.steps ?? []) this.stepUses(s, ctx, out, stepIdentifier, stepTemplate, depth + 1, missing);
      }
      const labels = versionLabels(versions);
      for (const t of versions) {
        const via = this.templateUse(t, step.template, ctx.entity as StageOwner, ctx.via, labels);
        for (const s of t.steps) this.stepUses(s, { entity: t, via }, out, stepIdentifier, stepTemplate ?? via, depth + 1, missing);
      }
      return;
    }
    if (step.connectorRef)
      out.push({ ...base, ref: step.connectorRef, how: step.role === 'serviceDependency' ? 'serviceDependency' : 'step' });
    for (const b of step.baseImageConnectorRefs) out.push({ ...base, ref: b, how: 'baseImage' });
  }

  /**
   * The values a field can take: its literal; for a runtime input, its `.default()` and allowed
   * values, what the template's user supplies in `templateInputs` (followed up the chain of
   * templates), and what the pipeline's input sets and triggers supply.
   */
  resolve(field: Loc, ctx: FieldContext, depth = 0): Resolution {
    const raw = str(field);
    if (raw === undefined) return { values: [] };
    const v = classifyValue(raw);
    const own = (value: string, source: ResolvedValue['source']): ResolvedValue => ({ value, at: field, source, entity: ctx.entity });
    if (v.kind === 'literal') return { values: v.value ? [own(v.value, 'literal')] : [] };
    if (v.kind === 'expression') return this.expression(raw, field, ctx, depth);
    const defaults = this.options(v, field, ctx, depth);
    const via = ctx.via;
    if (ctx.entity.kind === 'template' && via?.template === ctx.entity) {
      const supplied = this.supplied(via, field);
      const userCtx = { entity: via.user, ...(via.outer ? { via: via.outer } : {}) };
      // A list fills the runtime input with each of its items.
      if (Array.isArray(supplied)) return this.resolveItems(supplied, userCtx, depth);
      if (supplied) {
        const r = this.resolve(supplied, userCtx, depth);
        const values = r.values.map(asTemplateInput);
        // Nothing fills the user's own runtime input: the template's default still applies.
        if (values.length) return { values };
        return defaults.values.length || defaults.unknown
          ? defaults
          : { values, ...(r.unknown ? { unknown: r.unknown, unknownAt: r.unknownAt ?? supplied } : {}) };
      }
    }
    const values = [...defaults.values];
    if (ctx.entity.kind === 'pipeline') {
      for (const fill of (field.path !== undefined && this.#fills.get(ctx.entity)?.get(field.path)) || []) {
        const fv = classifyValue(fill.value);
        if (fv.kind === 'literal' && fv.value) values.push({ ...fill, value: fv.value });
      }
    }
    if (defaults.unknown) return { values, unknown: defaults.unknown, unknownAt: defaults.unknownAt ?? field };
    return values.length ? { values } : { values, unknown: 'runtime-input', unknownAt: field };
  }

  /** The values of a list's items, each read as a field of its own: what a list in `templateInputs` gives a runtime input. */
  private resolveItems(items: readonly Loc[], ctx: FieldContext, depth: number): Resolution {
    const out: Resolution = { values: [] };
    for (const item of items) {
      const r = this.resolve(item, ctx, depth);
      absorb(out, r, item, r.values.map(asTemplateInput));
    }
    return out;
  }

  /**
   * The values a runtime input's `.default()` and allowed values give. An option is read as the
   * field itself would be: an expression is no connector name, `<+pipeline.variables.x>` takes the
   * variable's value, and any other expression is left open.
   */
  private options(v: FieldValue & { kind: 'input' }, field: Loc, ctx: FieldContext, depth: number): Resolution {
    const out: Resolution = { values: [] };
    const add = (option: string, source: 'default' | 'allowedValues') => {
      const o = classifyValue(option);
      if (o.kind === 'literal') {
        if (o.value) out.values.push({ value: o.value, at: field, source, entity: ctx.entity });
        return;
      }
      absorb(out, this.expression(option, field, ctx, depth), field);
    };
    if (v.default) add(v.default, 'default');
    for (const a of v.allowedValues ?? []) add(a, 'allowedValues');
    return out;
  }

  /** An expression's values: `<+pipeline.variables.x>` alone is the variable's value, wherever that comes from; any other is open. */
  private expression(text: string, field: Loc, ctx: FieldContext, depth: number): Resolution {
    const variable = pipelineVariableName(text);
    const held = variable && depth < 4 ? pipelineVariable(ctx, variable) : undefined;
    return held ? this.resolve(held.value, held.ctx, depth + 1) : { values: [], unknown: 'expression', unknownAt: field };
  }

  /** The value the template's user writes in `templateInputs` for a field of the template's `spec`. */
  private supplied(via: TemplateUse, field: Loc): Loc | Loc[] | undefined {
    const path = field.path;
    if (!via.inputs || path === undefined || !path.startsWith('spec/')) return undefined;
    const key = path.slice('spec/'.length);
    return Object.hasOwn(via.inputs.byPath, key) ? via.inputs.byPath[key] : undefined;
  }

  /** The pipeline an input set or trigger is for: same identifier, and same org and project when both say. */
  pipelineOf(set: InputSet | OverlayInputSet): Pipeline | undefined {
    if (!set.pipelineIdentifier) return undefined;
    const candidates = (this.#pipelinesById().get(set.pipelineIdentifier) ?? []).filter((p) => sameProject(set.scope, p.scope));
    if (candidates.length <= 1) return candidates[0];
    const exact = candidates.filter((p) => p.scope.org === set.scope.org && p.scope.project === set.scope.project);
    return exact.length === 1 ? exact[0] : undefined;
  }

  #pipelinesById(): Map<string, Pipeline[]> {
    return (this.#pipelineIds ??= groupBy(this.pipelines, (p) => p.identifier));
  }

  /** How messages name an entity: `pipeline \`build\``, with its project when another pipeline shares the identifier. */
  label(entity: Entity): string {
    const kind =
      entity.kind === 'template'
        ? `${(entity.templateType ?? '').replace(/(.)(?=[A-Z])/g, '$1 ').toLowerCase()} template`.trim()
        : KIND_NAMES[entity.kind];
    const twins = entity.kind === 'pipeline' && (this.#pipelinesById().get(entity.identifier)?.length ?? 0) > 1;
    const version = entity.kind === 'template' && entity.versionLabel ? ` (version ${entity.versionLabel})` : '';
    return `${kind} \`${entity.identifier}\`${version}${twins ? ` (${formatScope(entity.scope)})` : ''}`;
  }

  /** How messages name a stage as it runs: `stage \`build\` of pipeline \`p\``, and the templates it comes through. */
  stageLabel(eff: EffectiveStage): string {
    const root = eff.run.root;
    const standaloneStageTemplate = root.kind === 'template' && root.templateType?.toLowerCase() === 'stage';
    const base = standaloneStageTemplate ? this.label(root) : `stage \`${eff.stage.identifier}\` of ${this.label(root)}`;
    return base + eff.templates.map((u) => ` through ${this.useLabel(u)}`).join('') + this.#infraFromLabel(eff);
  }

  /**
   * For a stage checked against one version of the stage whose infrastructure it takes (see
   * `infraFrom`): ` on the infrastructure of stage \`a\` through template ...`, naming that version,
   * as what is said of the stage holds only when it is the stable one. Empty otherwise.
   */
  #infraFromLabel(eff: EffectiveStage): string {
    const seen = new Set([eff]);
    for (let from = eff.infraFrom; from && !seen.has(from); from = from.infraFrom) {
      seen.add(from);
      // A stage of a Pipeline template's version follows its own version's stage: the label already names it.
      const uses = from.templates.filter((u) => !eff.templates.includes(u));
      if (uses.length)
        return ` on the infrastructure of stage \`${from.stage.identifier}\`${uses.map((u) => ` through ${this.useLabel(u)}`).join('')}`;
    }
    return '';
  }

  /** `template \`t\` v2`, saying when the version is only one candidate for the stable one. */
  useLabel(use: TemplateUse): string {
    const t = use.template;
    const version = t.versionLabel ? ` version ${t.versionLabel}` : '';
    const stable = use.stable
      ? use.versions.length > 1
        ? ` (no versionLabel: the stable version is one of ${use.versions.join(', ')})`
        : ' (the stable version)'
      : '';
    return `template \`${t.identifier}\`${version}${stable}`;
  }
}

const KIND_NAMES: Record<Exclude<Entity['kind'], 'template'>, string> = {
  pipeline: 'pipeline',
  connector: 'connector',
  inputSet: 'input set',
  trigger: 'trigger',
  overlayInputSet: 'overlay input set',
};

/**
 * Where `<+pipeline.variables.name>` takes its value in a context: the variable of the run's
 * pipeline, or of the Pipeline template the pipeline is made from (whose runtime inputs the
 * pipeline's `templateInputs` fill), read in its own context.
 */
function pipelineVariable(ctx: FieldContext, name: string): { value: Loc; ctx: FieldContext } | undefined {
  const chain: FieldContext[] = [ctx];
  for (let via = ctx.via; via; via = via.outer) chain.push({ entity: via.user, ...(via.outer ? { via: via.outer } : {}) });
  // Outermost first: the pipeline's own variables, then its Pipeline template's.
  for (const c of chain.reverse()) {
    const e = c.entity;
    const vars = e.kind === 'pipeline' || e.kind === 'template' ? e.variables : undefined;
    // Own keys only: `<+pipeline.variables.constructor>` is no variable.
    const value = vars && Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (value) return { value, ctx: c };
  }
  return undefined;
}

/** The labels of a template's versions, as a `TemplateUse` lists them. */
const versionLabels = (versions: readonly Template[]): string[] => versions.map((t) => t.versionLabel ?? '?');

/** Scopes that can be the same project: equal where both name an org and a project. */
function sameProject(a: Scope, b: Scope): boolean {
  if (a.org && b.org && a.org !== b.org) return false;
  return !(a.project && b.project && a.project !== b.project);
}

/** Runs of at most this many stages are searched directly (see `Project.infrastructure`). */
const SMALL_RUN = 16;

/**
 * A stage that takes its infrastructure from a stage with several template versions runs on
 * whichever version is stable, which only Harness knows: it gets one copy per version, each
 * following one, so every version's infrastructure is checked. Stages are taken in order, so a
 * chain (`c` from `b` from `a`) splits along it.
 */
function withInfraSources(stages: EffectiveStage[]): EffectiveStage[] {
  const out: EffectiveStage[] = [];
  const byId = new Map<string, EffectiveStage[]>();
  for (const eff of stages) {
    const infra = eff.body.infrastructure;
    const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
    const candidates = (from !== undefined && byId.get(from)?.filter((s) => s.stage !== eff.stage)) || [];
    // A stage of one version of a Pipeline template follows its own version's stage.
    const own = candidates.filter((s) => s.owner === eff.owner);
    const sources = own.length ? own : candidates;
    // With one candidate, the search in `infrastructure` finds it; with more, each copy names its own.
    const copies = candidates.length > 1 ? sources.map((source) => ({ ...eff, infraFrom: source })) : [eff];
    out.push(...copies);
    byId.set(eff.stage.identifier, [...(byId.get(eff.stage.identifier) ?? []), ...copies]);
  }
  return out;
}

/** A literal the user of a template writes in `templateInputs` is said to come from there. */
const asTemplateInput = (x: ResolvedValue): ResolvedValue => (x.source === 'literal' ? { ...x, source: 'templateInputs' } : x);

/** Adds a resolution's values (as given) to `out`; the first open one says why `out` is open, at `at` when it names no place. */
function absorb(out: Resolution, r: Resolution, at: Loc, values: readonly ResolvedValue[] = r.values): void {
  out.values.push(...values);
  if (r.unknown && !out.unknown) {
    out.unknown = r.unknown;
    out.unknownAt = r.unknownAt ?? at;
  }
}
