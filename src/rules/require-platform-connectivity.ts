import type { Connector } from '../model/entities.js';
import { sameLoc, str, type Loc } from '../model/loc.js';
import type { EffectiveStage, Project } from '../model/project.js';
import { formatScope, HARNESS_IMAGE_CONNECTOR, parseRef, type Scope } from '../model/scope.js';
import { defineRule, type MessageData, type RelatedReport } from '../engine/rule.js';
import { DOCS_HARNESS_CLOUD } from '../model/harness-docs.js';

/** Related locations listed per finding; the message counts them all. */
const MAX_RELATED = 50;

/** Policy 2's test of a connector: it connects through the Harness Platform (`executeOnDelegate` is the boolean `false`). */
export const connectsThroughPlatform = (connector: Connector) => connector.executeOnDelegate?.value === false;

/**
 * `executeOnDelegate: false`, set or inserted in the connector's `spec`. Safe only when nothing
 * outside the repo has to change with it: delegate selectors hint at a registry only the delegates
 * can reach (a suggestion), and credentials inherited from a delegate cannot move at all (manual).
 */
function platformFix(connector: Connector) {
  if (/^(InheritFromDelegate|Irsa)$/i.test(connector.credentialType ?? '') || connector.crossAccountAccess) return {};
  const edit = connector.platformEdit;
  if (!edit || connector.rootKey.embedded) return {};
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

type UseMessage = 'usedBy' | 'usedByStep' | 'clonesCodebase' | 'pullsHarnessImages' | 'openUse' | 'openUseStep';

interface Use extends RelatedReport<UseMessage> {
  eff: EffectiveStage;
}

/** Uses of one connector, or of one reference the repo cannot resolve, first one first. */
class Uses<K> {
  private readonly map = new Map<K, Use[]>();
  private readonly seen = new Set<string>();
  add(key: K, use: Use): void {
    const id = `${String(key)}\0${use.at.file}\0${use.at.start}\0${use.messageId}\0${JSON.stringify(use.data)}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const list = this.map.get(key);
    if (list) list.push(use);
    else this.map.set(key, [use]);
  }
  keys(): K[] {
    return [...this.map.keys()];
  }
  entries(): Array<[K, Use[]]> {
    return [...this.map].map(([k, list]) => [k, [...list].sort(byPlace)]);
  }
}

const byPlace = (a: Use, b: Use) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.start - b.at.start);
/** The uses as related locations; none when the one use is where the finding already points. */
const related = (uses: Use[], at?: Loc) =>
  uses.length === 1 && sameLoc(uses[0]!.at, at) ? [] : uses.slice(0, MAX_RELATED).map(({ eff: _, ...r }) => r);
/** Message data naming who uses something: the one stage, or how many (the related locations list them). */
const usersOf = (project: Project, uses: Use[]) => ({ stage: project.stageLabel(uses[0]!.eff), count: uses.length });
/** A message id for one user, or its `Many` form. */
const oneOrMany = <M extends string>(id: M, uses: Use[]) => (uses.length === 1 ? id : (`${id}Many` as `${M}Many`));

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
    harnessImageNotInRepo:
      'Connector `account.harnessImage`, which Harness Cloud stages pull Harness images through, is not in the repo; Harness Cloud {{stage}} uses it. Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    harnessImageNotInRepoMany:
      'Connector `account.harnessImage`, which Harness Cloud stages pull Harness images through, is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    openInput:
      'The connector of Harness Cloud {{stage}} is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform.',
    openInputShared:
      'This runtime input, which nothing in the repo fills, is the connector of Harness Cloud stages ({{count}}, listed as related locations); check that they connect through the Harness Platform.',
    openExpression: 'The connector of Harness Cloud {{stage}} is an expression; check that it connects through the Harness Platform.',
    openExpressionShared:
      'This expression is the connector of Harness Cloud stages ({{count}}, listed as related locations); check that they connect through the Harness Platform.',
    // Related locations: one use each.
    usedBy: 'Used by Harness Cloud {{stage}}.',
    usedByStep: 'Used by Harness Cloud {{stage}}, step `{{step}}` from {{template}}.',
    clonesCodebase: 'Harness Cloud {{stage}} clones the codebase through it.',
    pullsHarnessImages: 'Harness Cloud {{stage}} pulls Harness images through it.',
    openUse: 'The connector of Harness Cloud {{stage}}.',
    openUseStep: 'The connector of Harness Cloud {{stage}}, step `{{step}}` from {{template}}.',
  },
  runtimeValueMessages: ['openInput', 'openInputShared', 'openExpression', 'openExpressionShared'],
  checkProject({ project, options, report, unresolved }) {
    const failing = new Uses<Connector>();
    const unknown = new Uses<string>();
    // Runtime inputs and expressions nothing in the repo settles, by where they are written.
    const open = new Uses<string>();
    const openSource = new Map<string, { at: Loc; expression: boolean }>();
    // References the repo does not hold, by scope and identifier: how the notice names each.
    const refs = new Map<string, { messageId: 'notInRepo' | 'accountNotInRepo' | 'harnessImageNotInRepo'; data: MessageData }>();
    const notInRepo = (ref: string, scope: Scope, use: Use) => {
      const parsed = parseRef(ref);
      const level = parsed?.level ?? 'project';
      const where = level === 'account' ? 'account' : formatScope({ level, org: scope.org ?? '?', project: scope.project ?? '?' });
      const key = `${where}\0${parsed?.identifier ?? ref}`;
      const messageId = key === HARNESS_IMAGE_KEY ? 'harnessImageNotInRepo' : level === 'account' ? 'accountNotInRepo' : 'notInRepo';
      refs.set(key, { messageId, data: { connector: ref, scope: where } });
      unknown.add(key, use);
    };

    for (const run of project.runs())
      for (const eff of run.stages) {
        if (!project.runsOnHarnessCloud(eff)) continue;
        const stage = project.stageLabel(eff);
        const scope = run.root.scope;
        for (const use of project.connectorUses(eff)) {
          const resolution = project.resolve(use.ref, use.ctx);
          // A reference in a step that comes from a step template names the step and the template.
          const step = use.stepTemplate && { stage, step: use.stepIdentifier ?? '', template: project.useLabel(use.stepTemplate) };
          if (resolution.unknown) {
            const at = resolution.unknownAt ?? use.ref;
            const key = `${at.file}\0${at.start}`;
            openSource.set(key, { at, expression: resolution.unknown === 'expression' });
            open.add(key, {
              at: use.ref,
              ...(step ? { messageId: 'openUseStep', data: step } : { messageId: 'openUse', data: { stage } }),
              eff,
            });
          }
          for (const value of resolution.values) {
            // A codebase connector is written once for every stage that clones: each stage is its own use.
            const codebase = use.how === 'codebase';
            const at = codebase ? (eff.stage.identifierAt ?? eff.stage.at) : value.at;
            const what = codebase
              ? { messageId: 'clonesCodebase' as const, data: { stage } }
              : step
                ? { messageId: 'usedByStep' as const, data: step }
                : { messageId: 'usedBy' as const, data: { stage } };
            const connector = project.findConnector(value.value, scope);
            if (!connector) notInRepo(value.value, scope, { at, ...what, eff });
            else if (!connectsThroughPlatform(connector)) failing.add(connector, { at, ...what, eff });
          }
        }
        const harnessImage = project.findConnector(HARNESS_IMAGE_CONNECTOR, scope);
        const at = project.infrastructure(eff).infra.kindNode ?? eff.stage.at;
        const use: Use = { at, messageId: 'pullsHarnessImages', data: { stage }, eff };
        if (harnessImage) {
          if (!connectsThroughPlatform(harnessImage)) failing.add(harnessImage, use);
        } else if (!options.assumeHarnessCloudImageConnector) notInRepo(HARNESS_IMAGE_CONNECTOR, scope, use);
      }

    for (const [key, uses] of open.entries()) {
      const { at, expression } = openSource.get(key)!;
      const here = uses.length === 1 && sameLoc(uses[0]!.at, at);
      const id = expression ? (here ? 'openExpression' : 'openExpressionShared') : here ? 'openInput' : 'openInputShared';
      unresolved({
        at,
        entity: uses[0]!.eff.run.root.identifier,
        related: related(uses, at),
        messageId: id,
        data: usersOf(project, uses),
      });
    }

    for (const [key, uses] of unknown.entries()) {
      const first = uses[0]!;
      const { messageId, data } = refs.get(key)!;
      unresolved({
        at: first.at,
        entity: first.eff.run.root.identifier,
        related: related(uses, first.at),
        messageId: oneOrMany(messageId, uses),
        data: { ...data, ...usersOf(project, uses) },
      });
    }

    for (const [connector, uses] of failing.entries()) {
      const field = connector.executeOnDelegate;
      const state = !field ? 'delegateAbsent' : typeof field.value === 'boolean' ? 'delegateTrue' : 'delegateString';
      report({
        at: field ?? connector.specKey ?? connector.rootKey,
        messageId: oneOrMany(state, uses),
        entity: connector.identifier,
        related: related(uses),
        ...platformFix(connector),
        data: { connector: connector.identifier, value: str(field) ?? '', ...usersOf(project, uses) },
      });
    }
  },
  connectorUseFailure: ({ connector, cloud }) =>
    connector && cloud && !connectsThroughPlatform(connector) ? 'connects through a delegate' : undefined,
});

/** The key of `account.harnessImage` among the references not in the repo. */
const HARNESS_IMAGE_KEY = `account\0${parseRef(HARNESS_IMAGE_CONNECTOR)!.identifier}`;
