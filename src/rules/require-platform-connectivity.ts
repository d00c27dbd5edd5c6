import { isYaml11Boolean, jacksonBoolean } from '../model/booleans.js';
import type { Connector } from '../model/entities.js';
import type { HarnessSideConnector } from '../model/harness-side.js';
import { isEmbedded, sameLoc, str, styleOf, type Loc } from '../model/loc.js';
import { templateName, type EffectiveStage, type MissingStepTemplate, type Project } from '../model/project.js';
import { formatScope, HARNESS_IMAGE_CONNECTOR, lookupScope, parseRef, refAt, scopedKey, scopeName, type Scope } from '../model/scope.js';
import { defineRule, type MessageData, type RelatedReport, type UnresolvedReport } from '../engine/rule.js';
import { DOCS_HARNESS_CLOUD } from '../model/harness-docs.js';

/** Related locations listed per finding; the message counts them all. */
const MAX_RELATED = 50;

/**
 * Policy 2's test of a connector: it connects through the Harness Platform (`executeOnDelegate` is
 * `false`). Harness reads the field into a Java Boolean with Jackson, which takes the strings
 * "false", "False" and "FALSE" as false too: wrong YAML (the schema check says so), but not a delegate.
 */
export const connectsThroughPlatform = ({ executeOnDelegate: field }: Connector) =>
  !!field && jacksonBoolean(field.value, styleOf(field)) === false;

/**
 * How a connector's credentials come from where Harness Cloud has none: AWS IRSA, an assumed role
 * (`crossAccountAccess`), or AWS, GCP or Azure credentials inherited from the delegate. The Harness
 * Cloud page rules these out even when the connector connects through the Harness Platform.
 * Undefined for credentials Harness holds.
 */
export function cloudIncompatibleCredentials(connector: Connector): string | undefined {
  const type = connector.type.toLowerCase();
  const credential = connector.credentialType?.toLowerCase();
  if (credential === 'inheritfromdelegate' && ['aws', 'gcp', 'azure'].includes(type)) return 'the delegate (`InheritFromDelegate`)';
  if (type !== 'aws') return undefined;
  if (credential === 'irsa') return 'IRSA (`Irsa`)';
  return connector.crossAccountAccess ? 'an assumed role (`crossAccountAccess`)' : undefined;
}

/**
 * `executeOnDelegate: false`, set or inserted in the connector's `spec`. Safe only when nothing
 * outside the repo has to change with it: delegate selectors hint at a registry only the delegates
 * can reach (a suggestion), and credentials inherited from a delegate cannot move at all (manual).
 */
function platformFix(connector: Connector) {
  if (/^(InheritFromDelegate|Irsa)$/i.test(connector.credentialType ?? '') || connector.crossAccountAccess) return {};
  const edit = connector.platformEdit;
  if (!edit || isEmbedded(connector.rootKey)) return {};
  const title = `Set \`executeOnDelegate: false\` on connector \`${connector.identifier}\` (Connect through Harness Platform).`;
  if (!connector.delegateSelectors.length) return { fix: [edit], fixTitle: title };
  const selectors = connector.delegateSelectors.map((s) => `\`${s}\``).join(', ');
  return {
    suggestion: {
      title: `${title} Its delegate selectors (${selectors}) suggest a registry only your delegates can reach: check first that the Harness Platform can reach it and that its secrets are in the Harness Secret Manager.`,
      edits: [edit],
    },
  };
}

/**
 * One use of a connector by a stage: a related location, with the message the rule gives it, and
 * who uses it. A large repo has hundreds of thousands of uses: they name the stage rather than
 * hold it, so that its run need not outlive the loop that made it.
 */
export interface Use<M extends string = string> extends RelatedReport<M> {
  user: StageUser;
  /**
   * Where the reference is written, when the use points elsewhere: a codebase connector is written
   * once, and each stage that clones through it is a use at the stage. A finding about the
   * reference itself (not in the repo, or only in Harness) sits here.
   */
  ref?: Loc;
}

/** Where a finding about the reference the uses make goes: where it is written. */
export const referenceAt = (uses: readonly Use[]): Loc => uses[0]!.ref ?? uses[0]!.at;

/** A stage as findings name it (one per stage as it runs, shared by its uses). */
export interface StageUser {
  /** `project.stageLabel` of the stage. */
  stage: string;
  /** The identifier of its run's pipeline or template. */
  entity: string;
  /**
   * What tells stages apart when counting them: the label, and where the run's root is written.
   * Two copies of one pipeline in one project (two files) have the same label but are two stages.
   */
  key: string;
}

/** The user of a stage's connectors. */
export const userOf = (project: Project, eff: EffectiveStage): StageUser => {
  const stage = project.stageLabel(eff);
  const root = eff.run.root.rootKey;
  return { stage, entity: eff.run.root.identifier, key: `${root.file}\0${root.start}\0${stage}` };
};

/** Uses of one connector, or of one reference the repo cannot resolve, by place. */
export class Uses<K, M extends string = string> {
  private readonly map = new Map<K, Use<M>[]>();
  add(key: K, use: Use<M>): void {
    const list = this.map.get(key);
    if (list) list.push(use);
    else this.map.set(key, [use]);
  }
  /**
   * Each key's uses by place. A use met again (same place, message and data, as a template's stage
   * is met in each run that goes through it) is kept once, the first time: dropped here rather than
   * on `add`, so that a large repo's hundreds of thousands of uses need no identity strings.
   */
  entries(): Array<[K, Use<M>[]]> {
    return [...this.map].map(([k, list]) => [k, firstOfEach([...list].sort(byPlace))]);
  }
}

/** Uses sorted by place (stably, so the first met comes first), without repeats. */
function firstOfEach<M extends string>(sorted: Use<M>[]): Use<M>[] {
  const out: Use<M>[] = [];
  // What the uses at the current place say, from its second use on (most places have one).
  let here: Set<string> | undefined;
  for (const use of sorted) {
    const last = out[out.length - 1];
    if (!last || byPlace(last, use) !== 0) {
      here = undefined;
      out.push(use);
      continue;
    }
    here ??= new Set([identity(last)]);
    const id = identity(use);
    if (here.has(id)) continue;
    here.add(id);
    out.push(use);
  }
  return out;
}

const identity = (use: Use) => `${use.messageId}\0${JSON.stringify(use.data)}`;

const byPlace = (a: Use, b: Use) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.start - b.at.start);
/** The uses as related locations; none when the one use is where the finding already points. */
export const related = <M extends string>(uses: Use<M>[], at?: Loc): RelatedReport<M>[] =>
  uses.length === 1 && sameLoc(uses[0]!.at, at) ? [] : uses.slice(0, MAX_RELATED).map(({ user: _, ref: __, ...r }) => r);
/**
 * How many stages the uses come from: one stage may use a connector in several steps. Counted once
 * per list: a finding asks for its message and its data, and a connector every stage uses has
 * thousands of uses.
 */
function stageCount(uses: Use[]): number {
  let count = stageCounts.get(uses);
  if (count === undefined) {
    const keys = new Set<string>();
    for (const u of uses) keys.add(u.user.key);
    stageCounts.set(uses, (count = keys.size));
  }
  return count;
}
const stageCounts = new WeakMap<Use[], number>();
/** Message data naming who uses something: the one stage, or how many (the related locations list them). */
export const usersOf = (uses: Use[]) => ({ stage: uses[0]!.user.stage, count: stageCount(uses) });
/** A message id for one stage, or its `Many` form. */
export const oneOrMany = <M extends string>(id: M, uses: Use[]) => (stageCount(uses) === 1 ? id : (`${id}Many` as `${M}Many`));

/**
 * Uses of references the repo does not hold, grouped by what Harness answered for them and by the
 * place in the repo that refers to it: such a connector has no line of its own, so each referring
 * place gets its finding.
 */
export class ByPlace<T, M extends string = string> {
  private readonly uses = new Uses<string, M>();
  private readonly items = new Map<string, T>();
  add(key: string, item: T, use: Use<M>): void {
    const place = use.ref ?? use.at;
    const k = `${key}\0${place.file}\0${place.start}`;
    this.items.set(k, item);
    this.uses.add(k, use);
  }
  entries(): Array<[T, Use<M>[]]> {
    return this.uses.entries().map(([k, uses]) => [this.items.get(k)!, uses]);
  }
}

/** A reference Harness has no connector for, at the scope its own rule gives it. */
export interface Missing {
  connector: string;
  scope: string;
}

/** Harness's answer for a reference from `scope`: the connector's facts, `missing`, or undefined (not asked, or no answer). */
export function harnessSide(
  project: Project,
  ref: string,
  scope: Scope,
): { found: HarnessSideConnector } | { missing: Missing } | undefined {
  const answer = project.inHarness(ref, scope);
  if (answer?.kind === 'found') return { found: answer.connector };
  const at = lookupScope(ref, scope);
  if (answer?.kind === 'notFound' && at) return { missing: { connector: ref, scope: scopeName(at.scope) } };
  return undefined;
}

/** A warning at each place that refers to a connector Harness does not have at that scope either. */
export function warnNotInHarness<M extends string>(
  missing: ByPlace<Missing, M>,
  unresolved: (r: UnresolvedReport<M | 'notInHarness' | 'notInHarnessMany'>) => void,
): void {
  for (const [gone, uses] of missing.entries())
    unresolved({
      at: referenceAt(uses),
      severity: 'warning',
      entity: uses[0]!.user.entity,
      related: related(uses, referenceAt(uses)),
      messageId: oneOrMany('notInHarness', uses),
      data: { ...gone, ...usersOf(uses) },
    });
}

/** Key of a connector only Harness holds. */
export const harnessKey = (c: HarnessSideConnector) => scopedKey(c.scope, c.identifier);

/** Message data naming a connector only Harness holds: how the stage refers to it, and where it lives. */
export const harnessNames = (c: HarnessSideConnector) => ({ connector: refAt(c.scope, c.identifier), scope: scopeName(c.scope) });

/** The warning for references Harness has no connector for; both connector rules report it (the same text, so one remains per place). */
export const NOT_IN_HARNESS_MESSAGES = {
  notInHarness:
    'Connector `{{connector}}` is neither in the repo nor in Harness ({{scope}}), but {{stage}} uses it, so it fails at run time; create the connector in Harness or correct the reference.',
  notInHarnessMany:
    'Connector `{{connector}}` is neither in the repo nor in Harness ({{scope}}), but {{count}} stages use it (listed as related locations), so they fail at run time; create the connector in Harness or correct the reference.',
} as const;

export default defineRule({
  id: 'require-platform-connectivity',
  policy: 2,
  severity: 'error',
  description:
    'A connector used by a stage that runs on Harness Cloud must connect through the Harness Platform (`executeOnDelegate: false`).',
  harnessDocs: DOCS_HARNESS_CLOUD,
  remediation:
    'Set `executeOnDelegate: false` (Connect through Harness Platform) on every connector a Harness Cloud stage uses, including `account.harnessImage`; delegate selectors then have no effect.',
  fixable: 'safe',
  options: {
    assumeHarnessCloudImageConnector: {
      description:
        'When true, account.harnessImage is known to connect through the Harness Platform: Harness Cloud stages get no unresolved-reference notice when it is not in the repo.',
      schema: { type: 'boolean' },
      default: false,
      topLevel: true,
    },
  },
  messages: {
    delegateAbsent:
      'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud {{stage}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
    delegateAbsentMany:
      'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is absent, which means delegate), but {{count}} Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
    delegateTrue:
      'Connector `{{connector}}` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud {{stage}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
    delegateTrueMany:
      'Connector `{{connector}}` connects through a delegate (`executeOnDelegate: true`), but {{count}} Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
    delegateString:
      'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is the string "{{value}}", not the boolean `false`), but Harness Cloud {{stage}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
    delegateStringMany:
      'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is the string "{{value}}", not the boolean `false`), but {{count}} Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
    notInRepo:
      'Connector `{{connector}}` ({{scope}}) is not in the repo; Harness Cloud {{stage}} uses it. Check in Harness that it connects through the Harness Platform.',
    notInRepoMany:
      'Connector `{{connector}}` ({{scope}}) is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Harness that it connects through the Harness Platform.',
    accountNotInRepo:
      'Connector `{{connector}}` is not in the repo; Harness Cloud {{stage}} uses it. Check in Harness that it connects through the Harness Platform.',
    accountNotInRepoMany:
      'Connector `{{connector}}` is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Harness that it connects through the Harness Platform.',
    ambiguousRef:
      "Connector `{{connector}}` is in the repo {{copies}} times ({{scopes}}), and the pipeline's {{unknown}} unknown, so which one Harness uses cannot be told; Harness Cloud {{stage}} uses it. Set the pipeline's `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector it uses connects through the Harness Platform.",
    ambiguousRefMany:
      "Connector `{{connector}}` is in the repo {{copies}} times ({{scopes}}), and the pipeline's {{unknown}} unknown, so which one Harness uses cannot be told; {{count}} Harness Cloud stages use it (listed as related locations). Set the pipelines' `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector they use connects through the Harness Platform.",
    invalidRef:
      'Connector reference `{{connector}}` is not valid (Harness takes `<id>`, `org.<id>` or `account.<id>`); Harness Cloud {{stage}} uses it.',
    invalidRefMany:
      'Connector reference `{{connector}}` is not valid (Harness takes `<id>`, `org.<id>` or `account.<id>`); {{count}} Harness Cloud stages use it (listed as related locations).',
    harnessImageNotInRepo:
      'Connector `account.harnessImage`, which Harness Cloud stages pull Harness images through, is not in the repo; Harness Cloud {{stage}} uses it. Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    harnessImageNotInRepoMany:
      'Connector `account.harnessImage`, which Harness Cloud stages pull Harness images through, is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    openInput:
      'The connector of Harness Cloud {{stage}} is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform.',
    openInputShared:
      'This runtime input, which nothing in the repo fills, is the connector of Harness Cloud {{stage}}; check that it connects through the Harness Platform.',
    openInputSharedMany:
      'This runtime input, which nothing in the repo fills, is the connector of Harness Cloud stages ({{count}}, listed as related locations); check that they connect through the Harness Platform.',
    openExpression: 'The connector of Harness Cloud {{stage}} is an expression; check that it connects through the Harness Platform.',
    openExpressionShared:
      'This expression is the connector of Harness Cloud {{stage}}; check that it connects through the Harness Platform.',
    openExpressionSharedMany:
      'This expression is the connector of Harness Cloud stages ({{count}}, listed as related locations); check that they connect through the Harness Platform.',
    harnessDelegateAbsent:
      'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud {{stage}} uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    harnessDelegateAbsentMany:
      'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but {{count}} Harness Cloud stages use it (listed as related locations); in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    harnessDelegateTrue:
      'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate: true`), but Harness Cloud {{stage}} uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    harnessDelegateTrueMany:
      'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate: true`), but {{count}} Harness Cloud stages use it (listed as related locations); in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    harnessDelegateOther:
      'Connector `{{connector}}` (in Harness, {{scope}}) has `executeOnDelegate` set to `{{value}}`, not the boolean `false`, and Harness Cloud {{stage}} uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    harnessDelegateOtherMany:
      'Connector `{{connector}}` (in Harness, {{scope}}) has `executeOnDelegate` set to `{{value}}`, not the boolean `false`, and {{count}} Harness Cloud stages use it (listed as related locations); in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
    stageTemplateNotInRepo:
      'Whether {{stage}} runs on Harness Cloud cannot be told: it is made from template {{template}}, which is not in the repo, so its connectors are not checked. If it runs on Harness Cloud, check in Harness that they connect through the Harness Platform.',
    infraFromTemplateNotInRepo:
      'Whether {{stage}} runs on Harness Cloud cannot be told: it takes its infrastructure from stage `{{from}}`, made from template {{template}}, which is not in the repo, so its connectors are not checked. If it runs on Harness Cloud, check in Harness that they connect through the Harness Platform.',
    infraFromMissingStage:
      'Whether {{stage}} runs on Harness Cloud cannot be told: it takes its infrastructure from stage `{{from}}`, which its pipeline does not have, so its connectors are not checked.',
    infraFromItself:
      'Whether {{stage}} runs on Harness Cloud cannot be told: its `useFromStage` names the stage itself (a loop, which Harness cannot run), so its connectors are not checked.',
    infraFromLoop:
      'Whether {{stage}} runs on Harness Cloud cannot be told: it takes its infrastructure from stage `{{from}}`, and `useFromStage` leads from there back to a stage already passed (a loop, which Harness cannot run), so its connectors are not checked.',
    stepTemplateNotInRepo:
      'Step `{{step}}` of Harness Cloud {{stage}} is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
    stepGroupTemplateNotInRepo:
      'Step group `{{step}}` of Harness Cloud {{stage}} is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
    stepTemplateNotInRepoMany:
      'Step `{{step}}` of {{count}} Harness Cloud stages (listed as related locations) is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
    stepGroupTemplateNotInRepoMany:
      'Step group `{{step}}` of {{count}} Harness Cloud stages (listed as related locations) is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
    pipelineTemplateNotInRepo:
      'Whether the stages of {{pipeline}} run on Harness Cloud cannot be told: it is made from template {{template}}, which is not in the repo, so their connectors are not checked. If they run on Harness Cloud, check in Harness that they connect through the Harness Platform.',
    cloudCredentials:
      'Connector `{{connector}}` takes its credentials from {{credential}}, which Harness Cloud cannot use, but Harness Cloud {{stage}} uses it; give it credentials stored in Harness (the Harness Secret Manager), or run the stage on your own infrastructure.',
    cloudCredentialsMany:
      'Connector `{{connector}}` takes its credentials from {{credential}}, which Harness Cloud cannot use, but {{count}} Harness Cloud stages use it (listed as related locations); give it credentials stored in Harness (the Harness Secret Manager), or run the stages on your own infrastructure.',
    ...NOT_IN_HARNESS_MESSAGES,
    // Related locations: one use each.
    usedBy: 'Used by Harness Cloud {{stage}}.',
    usedByStep: 'Used by Harness Cloud {{stage}}, step `{{step}}` from {{template}}.',
    usedByStepGroup: 'Used by Harness Cloud {{stage}}, step group `{{step}}` from {{template}}.',
    clonesCodebase: 'Harness Cloud {{stage}} clones the codebase through it.',
    pullsHarnessImages: 'Harness Cloud {{stage}} pulls Harness images through it.',
    openUse: 'The connector of Harness Cloud {{stage}}.',
    openUseStep: 'The connector of Harness Cloud {{stage}}, step `{{step}}` from {{template}}.',
    openUseStepGroup: 'The connector of Harness Cloud {{stage}}, step group `{{step}}` from {{template}}.',
  },
  runtimeValueMessages: [
    'openInput',
    'openInputShared',
    'openInputSharedMany',
    'openExpression',
    'openExpressionShared',
    'openExpressionSharedMany',
  ],
  checkProject({ project, options, report, unresolved }) {
    const failing = new Uses<Connector, UseMessage>();
    // Connectors on the platform whose credentials Harness Cloud still cannot use.
    const badCredentials = new Uses<Connector, UseMessage>();
    const unknown = new Uses<string, UseMessage>();
    // Runtime inputs and expressions nothing in the repo settles, by where they are written.
    const open = new Uses<string, UseMessage>();
    const openSource = new Map<string, { at: Loc; expression: boolean }>();
    // References the repo does not hold, by scope and identifier: how the notice names each.
    const refs = new Map<
      string,
      { messageId: 'notInRepo' | 'accountNotInRepo' | 'harnessImageNotInRepo' | 'invalidRef' | 'ambiguousRef'; data: MessageData }
    >();
    // Connectors only Harness holds (looked up through its API), and references it has no connector for.
    const inHarness = new ByPlace<HarnessSideConnector, UseMessage>();
    const missing = new ByPlace<Missing, UseMessage>();
    // Step and step-group templates the repo does not hold, by where their `templateRef` is written.
    const missingStep = new Map<string, MissingStepTemplate>();
    const missingStepUses = new Uses<string, UseMessage>();
    const notInRepo = (ref: string, scope: Scope, use: Use<UseMessage>) => {
      const parsed = parseRef(ref);
      if (!parsed) {
        refs.set(`\0${ref}`, { messageId: 'invalidRef', data: { connector: ref } });
        return unknown.add(`\0${ref}`, use);
      }
      const level = parsed.level;
      const unsaid = unknownScope(level, scope);
      // Copies in several projects, and no project to choose by: not missing, but ambiguous.
      const copies = unsaid ? project.ambiguousConnector(ref, scope) : [];
      if (unsaid && copies.length) {
        const scopes = [...new Set(copies.map((c) => formatScope(c.scope)))].sort();
        const key = `ambiguous\0${ref}\0${scopes.join('\0')}`;
        refs.set(key, {
          messageId: 'ambiguousRef',
          data: { connector: ref, copies: copies.length, scopes: scopes.join(', '), unknown: unsaid },
        });
        return unknown.add(key, use);
      }
      const where =
        level === 'account'
          ? 'account'
          : unsaid
            ? `${level === 'org' ? 'org scope' : scope.org ? `a project of org ${scope.org}` : 'project scope'}; the pipeline's ${unsaid} unknown`
            : formatScope({ level, org: scope.org!, project: scope.project! });
      const key = `${where}\0${parsed.identifier}`;
      const messageId = key === HARNESS_IMAGE_KEY ? 'harnessImageNotInRepo' : level === 'account' ? 'accountNotInRepo' : 'notInRepo';
      refs.set(key, { messageId, data: { connector: ref, scope: where } });
      unknown.add(key, use);
    };
    /** A reference the repo does not hold: judged on Harness's answer when there is one, else a notice (unless the option vouches). */
    const elsewhere = (ref: string, scope: Scope, use: Use<UseMessage>, vouched = false) => {
      const side = harnessSide(project, ref, scope);
      if (side && 'found' in side) {
        if (side.found.executeOnDelegate !== false) inHarness.add(harnessKey(side.found), side.found, use);
      } else if (side) missing.add(JSON.stringify(side.missing), side.missing, use);
      else if (!vouched) notInRepo(ref, scope, use);
    };

    for (const run of project.runs()) {
      // What the repo does not hold cannot be judged: one notice per pipeline or stage says so.
      const pipelineTemplate = project.missingPipelineTemplate(run);
      if (pipelineTemplate)
        unresolved({
          at: pipelineTemplate.templateRef,
          entity: run.root.identifier,
          messageId: 'pipelineTemplateNotInRepo',
          data: { pipeline: project.label(run.root), template: templateName(pipelineTemplate) },
        });
      for (const eff of run.stages) {
        const undecided = project.undecidedInfrastructure(eff);
        if (undecided) {
          const stage = project.stageLabel(eff);
          unresolved({
            at: undecided.at,
            entity: run.root.identifier,
            ...('missingStage' in undecided
              ? { messageId: 'infraFromMissingStage' as const, data: { stage, from: undecided.missingStage } }
              : 'loopFrom' in undecided
                ? undecided.loopFrom === eff.stage.identifier
                  ? { messageId: 'infraFromItself' as const, data: { stage } }
                  : { messageId: 'infraFromLoop' as const, data: { stage, from: undecided.loopFrom } }
                : undecided.from !== undefined
                  ? {
                      messageId: 'infraFromTemplateNotInRepo' as const,
                      data: { stage, from: undecided.from, template: undecided.template },
                    }
                  : { messageId: 'stageTemplateNotInRepo' as const, data: { stage, template: undecided.template } }),
          });
          continue;
        }
        if (!project.runsOnHarnessCloud(eff)) continue;
        const user = userOf(project, eff);
        const { stage } = user;
        // One message data for the stage's uses (a large repo has hundreds of thousands).
        const byStage = { stage };
        const scope = run.root.scope;
        // Step and step-group templates the repo does not hold: their connectors cannot be judged.
        const missingSteps: MissingStepTemplate[] = [];
        const uses = project.connectorUses(eff, missingSteps);
        // A step template's `templateRef` is written once for every stage made from its Stage template: each stage is a use.
        for (const m of missingSteps) {
          const key = `${m.link.templateRef.file}\0${m.link.templateRef.start}`;
          if (!missingStep.has(key)) missingStep.set(key, m);
          missingStepUses.add(key, { at: eff.stage.identifierAt ?? eff.stage.at, messageId: 'usedBy', data: byStage, user });
        }
        for (const use of uses) {
          const resolution = project.resolve(use.ref, use.ctx);
          // A reference in a step that comes from a step template names the step and the template.
          const step = use.stepTemplate && { stage, step: use.stepIdentifier ?? '', template: project.useLabel(use.stepTemplate) };
          // A step group made from a StepGroup template is named as one, like the notice about a missing one.
          const group = use.stepTemplate?.template.templateType?.toLowerCase() === 'stepgroup';
          if (resolution.unknown) {
            const at = resolution.unknownAt ?? use.ref;
            const key = `${at.file}\0${at.start}`;
            openSource.set(key, { at, expression: resolution.unknown === 'expression' });
            open.add(key, {
              at: use.ref,
              ...(step ? { messageId: group ? 'openUseStepGroup' : 'openUseStep', data: step } : { messageId: 'openUse', data: byStage }),
              user,
            });
          }
          for (const value of resolution.values) {
            // A codebase connector is written once for every stage that clones: each stage is its own use.
            const codebase = use.how === 'codebase';
            const at = codebase ? (eff.stage.identifierAt ?? eff.stage.at) : value.at;
            const what = codebase
              ? { messageId: 'clonesCodebase' as const, data: byStage }
              : step
                ? { messageId: group ? ('usedByStepGroup' as const) : ('usedByStep' as const), data: step }
                : { messageId: 'usedBy' as const, data: byStage };
            // Every copy is judged: which of two definitions Harness holds, the repo cannot say.
            const copies = project.connectorCopies(value.value, scope);
            if (!copies.length) elsewhere(value.value, scope, { at, ...what, user, ...(codebase ? { ref: value.at } : {}) });
            for (const c of copies)
              if (!connectsThroughPlatform(c)) failing.add(c, { at, ...what, user });
              else if (cloudIncompatibleCredentials(c)) badCredentials.add(c, { at, ...what, user });
          }
        }
        const harnessImage = project.connectorCopies(HARNESS_IMAGE_CONNECTOR, scope);
        // A stage on another stage's infrastructure pulls them where it says so: its own `useFromStage`.
        const own = eff.body.infrastructure;
        const at =
          (own.kind === 'UseFromStage' ? (own.useFromStage ?? own.kindNode) : project.infrastructure(eff).infra.kindNode) ?? eff.stage.at;
        const use: Use<UseMessage> = { at, messageId: 'pullsHarnessImages', data: byStage, user };
        if (!harnessImage.length) elsewhere(HARNESS_IMAGE_CONNECTOR, scope, use, options.assumeHarnessCloudImageConnector);
        for (const c of harnessImage) if (!connectsThroughPlatform(c)) failing.add(c, use);
      }
    }

    for (const [key, uses] of missingStepUses.entries()) {
      const m = missingStep.get(key)!;
      const many = stageCount(uses) > 1;
      unresolved({
        at: m.link.templateRef,
        entity: uses[0]!.user.entity,
        ...(many ? { related: related(uses) } : {}),
        messageId: oneOrMany(m.group ? 'stepGroupTemplateNotInRepo' : 'stepTemplateNotInRepo', uses),
        data: { step: m.step, template: templateName(m.link), ...usersOf(uses) },
      });
    }

    for (const [key, uses] of open.entries()) {
      const { at, expression } = openSource.get(key)!;
      const here = uses.length === 1 && sameLoc(uses[0]!.at, at);
      const id = here
        ? expression
          ? 'openExpression'
          : 'openInput'
        : oneOrMany(expression ? 'openExpressionShared' : 'openInputShared', uses);
      unresolved({
        at,
        entity: uses[0]!.user.entity,
        related: related(uses, at),
        messageId: id,
        data: usersOf(uses),
      });
    }

    for (const [key, uses] of unknown.entries()) {
      const first = uses[0]!;
      const { messageId, data } = refs.get(key)!;
      unresolved({
        at: referenceAt(uses),
        entity: first.user.entity,
        related: related(uses, referenceAt(uses)),
        messageId: oneOrMany(messageId, uses),
        data: { ...data, ...usersOf(uses) },
      });
    }

    for (const [connector, uses] of inHarness.entries()) {
      const value = connector.executeOnDelegate;
      const state = value === undefined ? 'harnessDelegateAbsent' : value === true ? 'harnessDelegateTrue' : 'harnessDelegateOther';
      report({
        at: referenceAt(uses),
        messageId: oneOrMany(state, uses),
        entity: connector.identifier,
        harnessUrl: connector.uiUrl,
        related: related(uses, referenceAt(uses)),
        data: { ...harnessNames(connector), value: JSON.stringify(value) ?? '', ...usersOf(uses) },
      });
    }

    warnNotInHarness(missing, unresolved);

    for (const [connector, uses] of failing.entries()) {
      const field = connector.executeOnDelegate;
      // `executeOnDelegate:` with no value is null to Harness: unset, so delegate. An unquoted `yes` is true to it.
      const state =
        !field || field.value === null
          ? 'delegateAbsent'
          : typeof field.value === 'boolean' || isYaml11Boolean(field.value, styleOf(field))
            ? 'delegateTrue'
            : 'delegateString';
      report({
        at: field ?? connector.specKey ?? connector.rootKey,
        messageId: oneOrMany(state, uses),
        entity: connector.identifier,
        related: related(uses),
        ...platformFix(connector),
        data: { connector: connector.identifier, value: str(field) ?? '', ...usersOf(uses) },
      });
    }

    // No fix: the credentials must change in Harness, or the stage must leave Harness Cloud.
    for (const [connector, uses] of badCredentials.entries())
      report({
        at: connector.specKey ?? connector.rootKey,
        messageId: oneOrMany('cloudCredentials', uses),
        entity: connector.identifier,
        related: related(uses),
        data: { connector: connector.identifier, credential: cloudIncompatibleCredentials(connector)!, ...usersOf(uses) },
      });
  },
  connectorUseFailure: ({ connector, inHarness, cloud }) =>
    cloud && (connector ? !connectsThroughPlatform(connector) : !!inHarness && inHarness.executeOnDelegate !== false)
      ? 'connects through a delegate'
      : cloud && connector && cloudIncompatibleCredentials(connector)
        ? 'credentials Harness Cloud cannot use'
        : undefined,
  changeInHarness: () => 'Connect through Harness Platform (`executeOnDelegate: false`).',
});

/**
 * What a reference's scope lacks when referred to from `scope`: "org and project are", "project is"
 * or "org is" (for messages), or undefined when Harness's lookup scope is known.
 */
function unknownScope(level: Scope['level'], scope: Scope): string | undefined {
  if (level === 'account') return undefined;
  if (!scope.org) return level === 'org' ? 'org is' : 'org and project are';
  return level === 'project' && !scope.project ? 'project is' : undefined;
}

/** The messages of a related location: how one stage uses the connector. */
type UseMessage =
  'usedBy' | 'usedByStep' | 'usedByStepGroup' | 'clonesCodebase' | 'pullsHarnessImages' | 'openUse' | 'openUseStep' | 'openUseStepGroup';

/** The key of `account.harnessImage` among the references not in the repo. */
const HARNESS_IMAGE_KEY = `account\0${parseRef(HARNESS_IMAGE_CONNECTOR)!.identifier}`;
