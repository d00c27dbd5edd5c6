import { replaceScalarAt } from '../model/yaml-edits.js';
import type { Entity } from '../model/entities.js';
import { str, yamlPathOf, type Loc } from '../model/loc.js';
import type { Project, ResolvedValue } from '../model/project.js';
import { parseRef } from '../model/scope.js';
import { pipelineVariableName, replaceInputOption } from '../model/runtime-input.js';
import { defineRule } from '../engine/rule.js';
import { DOCS_CONNECT_REGISTRY } from '../model/harness-docs.js';
import { isAppHarnessRegistryUrl, redactUserInfo } from '../model/images.js';

/**
 * Policy 3's test of an Override Image Connector reference: it names an account-scope connector,
 * `account.<id>` with an identifier Harness takes (`account.`, `account.org.x`, `account.a b` do not).
 */
const isAccountScopeRef = (ref: string) => {
  const parsed = parseRef(ref);
  return parsed?.level === 'account' && HARNESS_IDENTIFIER.test(parsed.identifier);
};
/** Harness's identifier pattern: a letter or `_`, then letters, digits, `_` and `$`. */
const HARNESS_IDENTIFIER = /^[A-Za-z_][0-9A-Za-z_$]{0,127}$/;

/**
 * Connector types that can serve container images (Docker registries, Artifactory, Nexus, and the
 * cloud providers' registries): what an Override Image Connector can be.
 */
const IMAGE_REGISTRY_TYPES = new Set(['dockerregistry', 'artifactory', 'nexus', 'aws', 'gcp', 'azure']);
const servesImages = (type: string) => IMAGE_REGISTRY_TYPES.has(type.toLowerCase());

/**
 * `x`/`org.x` → `account.x`: safe when account connector `x` is in the repo or in Harness and can
 * serve images; a suggestion when there is none, or when it pulls from app.harness.io/registry
 * (pointing the stage at it would break policy 1); neither when the account connector of that name
 * is a Git or cluster connector (another connector, not this one at account scope).
 */
function accountFix(project: Project, entity: Entity, value: string, at: Loc, source: ResolvedValue['source']) {
  const ref = parseRef(value);
  if (!ref || ref.level === 'account') return {};
  const to = `account.${ref.identifier}`;
  const raw = str(at) ?? '';
  const text = source === 'default' || source === 'allowedValues' ? replaceInputOption(raw, value, to) : to;
  const edit = text === undefined ? undefined : replaceScalarAt(at, text);
  if (!edit) return {};
  const inRepo = project.findConnector(to, entity.scope);
  const answer = inRepo ? undefined : project.inHarness(to, entity.scope);
  const found = inRepo ?? (answer?.kind === 'found' ? answer.connector : undefined);
  const where = inRepo ? '' : ' (in Harness)';
  // Another kind of connector with that name: nothing to point the stage at.
  if (found && !servesImages(found.type)) return {};
  // Every copy in the repo counts: the fix must not lean on whichever file sorts first.
  const urls = inRepo
    ? project.connectorCopies(to, entity.scope).flatMap((c) => c.urls.map((u) => str(u) ?? ''))
    : answer?.kind === 'found'
      ? answer.connector.urls
      : [];
  const retired = urls.find(isAppHarnessRegistryUrl);
  if (found && retired)
    return {
      suggestion: {
        title: `Point the account-scope connector \`${to}\`${where} away from the app.harness.io registry (it uses \`${redactUserInfo(retired)}\`), then reference it as \`${to}\` instead of \`${value}\`.`,
        edits: [edit],
      },
    };
  if (found) return { fix: [edit], fixTitle: `Reference the account-scope connector \`${to}\`${where} instead of \`${value}\`.` };
  // Harness did not answer, refused, or was not asked about this one while lookups ran (facts from an
  // earlier run, as `fix` re-checks with): it may have the connector, so creating one is not the advice.
  const unchecked =
    answer?.kind === 'failed'
      ? answer.refused
        ? 'Harness refused the lookup with HTTP 403'
        : 'the lookup in Harness got no answer'
      : !answer && project.harnessFacts
        ? 'Harness was not asked about it'
        : undefined;
  if (unchecked)
    return {
      suggestion: {
        title: `Reference an account-scope connector as \`${to}\` instead of \`${value}\` once Harness is known to have one (the repo has no account-scope \`${ref.identifier}\`, and ${unchecked}).`,
        edits: [edit],
      },
    };
  return {
    suggestion: {
      title: `Create connector \`${ref.identifier}\` at account scope in Harness (the repo has no account-scope \`${ref.identifier}\`), then reference it as \`${to}\`.`,
      edits: [edit],
    },
  };
}

export default defineRule({
  id: 'require-account-image-connector',
  policy: 3,
  severity: 'error',
  description:
    "A Build stage's Override Image Connector (`harnessImageConnectorRef`) must name an account-scope connector (`account.<id>`).",
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Create the Docker connector at account scope and reference it as `account.<identifier>` in `harnessImageConnectorRef`, in the stage, its template, its input sets and any runtime-input default.',
  fixable: 'safe',
  messages: {
    orgScope:
      '{{where}} sets the Override Image Connector to `{{ref}}`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
    projectScope:
      '{{where}} sets the Override Image Connector to `{{ref}}`, a project-scope reference; Harness requires an account-scope connector (`account.<id>`).',
    invalidRef:
      '{{where}} sets the Override Image Connector to `{{ref}}`, which is not a valid reference; Harness requires an account-scope connector (`account.<id>`).',
    unknownExpression: '{{where}} sets the Override Image Connector to the expression `{{value}}`, so its scope cannot be checked here.',
    unknownInput:
      '{{where}} sets the Override Image Connector to a runtime input that nothing in the repo fills, so its scope cannot be checked here.',
    unknownInputSomeUses:
      '{{where}} sets the Override Image Connector to a runtime input that some of its uses in the repo leave open (those that fill it are checked), so its scope cannot be checked for the others.',
  },
  runtimeValueMessages: ['unknownExpression', 'unknownInput', 'unknownInputSomeUses'],
  checkProject({ project, report, unresolved }) {
    /** The innermost step group and stage on a path, as `step group \`sg\` in stage \`build\``; none outside stages. */
    const placeIn = (path: string): string[] => {
      const named = (prefix: string) =>
        path
          .split('/')
          .filter((s) => s.startsWith(`${prefix}=`))
          .at(-1)
          ?.slice(prefix.length + 1);
      const stage = named('stage');
      const group = named('stepGroup');
      if (!stage && !group) return [];
      return [`${group ? `step group \`${group}\`` : ''}${group && stage ? ' in ' : ''}${stage ? `stage \`${stage}\`` : ''}`];
    };
    /**
     * How messages name where a value is set: `Step group \`sg\` in stage \`build\` of pipeline \`p\``, the
     * places in the entity (each of them, for a value several stages take), then the entity, and the
     * part of a runtime input the value comes from.
     */
    const placeLabel = (entity: Entity, places: string[], source?: ResolvedValue['source']) => {
      const ofStage = places.every((p) => p.startsWith('stage ') || p.includes(' in stage '));
      const joined = places.length > 1 ? `each of ${places.slice(0, -1).join(', ')} and ${places.at(-1)}` : places[0];
      const text = joined ? `${joined} ${ofStage ? 'of' : 'in'} ${project.label(entity)}` : project.label(entity);
      const part =
        source === 'default' ? ' (through its runtime-input default)' : source === 'allowedValues' ? ' (through its allowed values)' : '';
      return text.charAt(0).toUpperCase() + text.slice(1) + part;
    };
    const checkValue = (
      entity: Entity,
      places: string[],
      value: string,
      at: Loc,
      source: ResolvedValue['source'] = 'literal',
      own = true,
    ) => {
      if (isAccountScopeRef(value)) return;
      const ref = parseRef(value);
      report({
        at,
        messageId: !ref || ref.level === 'account' ? 'invalidRef' : ref.level === 'org' ? 'orgScope' : 'projectScope',
        entity: entity.identifier,
        ...accountFix(project, entity, value, at, source),
        data: { where: placeLabel(entity, places, own ? source : undefined), ref: value },
      });
    };
    /**
     * A value written outside the stages that take it (a pipeline variable, an input set's value):
     * reported once at the value, after every field is seen, naming each place that takes it.
     */
    const shared = new Map<string, { value: ResolvedValue; places: string[]; own: boolean }>();

    for (const owner of [...project.pipelines, ...project.templates])
      for (const { at, path } of owner.imageConnectorFields) {
        let resolution = project.resolve(at, { entity: owner });
        /** Whether some use of the template fills what the template leaves open. */
        let filledBySome = false;
        // An expression in a template (`<+pipeline.variables.x>`) takes its value in each pipeline that uses it;
        // so does a Pipeline template's variable that is a runtime input (filled in the pipeline's `templateInputs`).
        const viaVariable = owner.kind === 'template' && pipelineVariableName(str(at) ?? '') !== undefined;
        const byUses = resolution.unknown === 'expression' || (resolution.unknown === 'runtime-input' && viaVariable);
        /** For a value a use of a Stage template gives: the stages that use makes. */
        const useStages = new Map<ResolvedValue, string[]>();
        if (byUses && owner.kind === 'template') {
          const uses = project.usesOf(owner).map((ctx) => {
            const r = project.resolve(at, ctx);
            const stages = project.stagesOfUse(ctx).map((s) => `stage \`${s.identifier}\``);
            for (const v of r.values) useStages.set(v, stages);
            return r;
          });
          filledBySome = uses.some((r) => r.values.length > 0);
          if (uses.length)
            resolution = {
              values: [...resolution.values, ...uses.flatMap((r) => r.values)],
              ...(uses.some((r) => r.unknown) ? { unknown: resolution.unknown! } : {}),
            };
        }
        for (const v of resolution.values) {
          if (isAccountScopeRef(v.value)) continue;
          const own = v.entity === owner;
          const written = yamlPathOf(v.at);
          const where = placeIn(written ?? path);
          // Where the value is not written in a stage (a variable; an input set's, whose path is not
          // known): the stages that take it, the field's own or (in a Stage template) its users'.
          const fieldPlaces = placeIn(path);
          const places = fieldPlaces.length || own ? fieldPlaces : (useStages.get(v) ?? []);
          if ((!where.length || (!written && !own)) && places.length) {
            const key = `${v.at.file}\0${v.at.start}\0${v.value}`;
            const entry = shared.get(key) ?? { value: v, places: [], own };
            for (const place of places) if (!entry.places.includes(place)) entry.places.push(place);
            entry.own ||= own;
            shared.set(key, entry);
            continue;
          }
          // Where the value is set in another entity (an input set, a template's user), that entity is named alone.
          checkValue(v.entity, where, v.value, v.at, v.source, own);
        }
        if (!resolution.unknown) continue;
        // A template's runtime input is filled by what uses it; those values are checked where they are written.
        if (owner.kind === 'template' && resolution.unknown === 'runtime-input' && !viaVariable && project.isUsed(owner)) continue;
        unresolved({
          at,
          entity: owner.identifier,
          messageId: resolution.unknown === 'expression' ? 'unknownExpression' : filledBySome ? 'unknownInputSomeUses' : 'unknownInput',
          data: { where: placeLabel(owner, placeIn(path)), value: str(at) ?? '' },
        });
      }
    for (const { value: v, places, own } of shared.values()) checkValue(v.entity, places, v.value, v.at, v.source, own);

    // Input sets and triggers for pipelines that are not in the repo are still checked where they set a value.
    // For a pipeline in the repo, Harness takes only what fills its runtime inputs: `resolve` above checks those.
    for (const set of project.inputSets) {
      if (project.pipelineOf(set)) continue;
      for (const { at, path } of set.imageConnectorFields) {
        const value = str(at)?.trim();
        if (value && !value.includes('<+')) checkValue(set, placeIn(path), value, at);
      }
    }
  },
  connectorUseFailure: ({ ref, connector, imageConnector }) =>
    imageConnector && !isAccountScopeRef(ref)
      ? connector
        ? 'not an account-scope reference'
        : 'not an account-scope connector'
      : undefined,
});
