import { evenIfAliased, replaceScalar, setMapValue } from '../model/yaml-edits.js';
import type { Edit } from '../engine/finding.js';
import type { Connector } from '../model/entities.js';
import {
  helmRegistryFor,
  isDockerHubUrl,
  isHarnessPublicRegistry,
  restoreExecutionConfigName,
  restoreHarnessName,
  swapAppHarnessImage,
  type RestoredName,
} from '../model/image-fixes.js';
import {
  catalogueWith,
  executionConfigMismatch,
  isAppHarnessImage,
  isAppHarnessRegistryUrl,
  normaliseRegistryUrl,
  parseImage,
  redactUserInfo,
  type ImageCatalogue,
} from '../model/images.js';
import { imageUses, pulledByRelated, registryLeftovers, type ImageUse } from '../model/scans.js';
import type { View } from '../model/view.js';
import { HARNESS_IMAGES } from './no-renamed-harness-image.js';
import { defineRule } from '../engine/rule.js';
import { DOCS_CONNECT_REGISTRY } from '../model/harness-docs.js';
import type { HarnessSideConnector } from '../model/harness-side.js';
import type { ConnectorReference, EffectiveStage, Project } from '../model/project.js';
import {
  ByPlace,
  harnessKey,
  harnessNames,
  harnessSide,
  NOT_IN_HARNESS_MESSAGES,
  oneOrMany,
  referenceAt,
  related,
  userOf,
  usersOf,
  warnNotInHarness,
  type Missing,
  type Use,
} from './require-platform-connectivity.js';

/**
 * The connector URL becomes the replacement, with the provider type the docs give for it. Safe only
 * for a Docker Registry connector moving to a registry Harness publishes its images to; a private
 * mirror must hold the images first, so pointing a connector at it is a suggestion.
 */
function connectorFix(connector: Connector<View>, spec: View | undefined, url: View, replacement: string) {
  // The app.harness.io URL is wrong wherever an alias uses it, and so is a spec map that holds it.
  const urlEdit = evenIfAliased(replaceScalar(url, replacement));
  // A URL the fixer cannot rewrite (a block scalar) gets no fix: a Provider Type changed alone would contradict it.
  if (!urlEdit) return {};
  const edits: Array<Edit | undefined> = [urlEdit];
  const dockerHub = isDockerHubUrl(replacement);
  const isDockerUrl = connector.type.toLowerCase() === 'dockerregistry' && url.same(spec?.get('dockerRegistryUrl'));
  if (isDockerUrl) edits.push(evenIfAliased(setMapValue(spec!, 'providerType', dockerHub ? 'DockerHub' : 'Other')));
  const fix = edits.filter((e): e is Edit => !!e);
  const title = `Point connector \`${connector.identifier}\` at \`${replacement}\`${isDockerUrl ? ` (Provider Type ${dockerHub ? 'Docker Hub' : 'Other'})` : ''}.`;
  if (isDockerUrl && isHarnessPublicRegistry(replacement)) return { fix, fixTitle: title };
  const why = isDockerUrl
    ? ' Mirror the Harness images there first.'
    : ' Check that this connector type can pull Harness images from there.';
  return { suggestion: { title: title + why, edits: fix } };
}

/**
 * The image, or the Helm `registry` it is pulled from, moves to the replacement registry: safe for
 * a Harness image (`harness/...`, `plugins/...`) going to a registry Harness publishes to, a
 * suggestion otherwise (the image must be there first).
 */
function imageFix(use: ImageUse, replacement: string, catalogue: ImageCatalogue) {
  if (use.runtimeInput) return {};
  if (use.kind === 'helm' && use.registryView) return helmFix(use, use.registryView, replacement);
  // A name no-renamed-harness-image would restore is restored in the same edit: both policies are met at once.
  const restored = restoredName(use, catalogue);
  const target = restored?.value ?? use.raw;
  const swapped = swapAppHarnessImage(target, replacement);
  // An app.harness.io image is wrong wherever an alias uses it: the swap fixes every use.
  const edit = swapped ? evenIfAliased(replaceScalar(use.view, swapped)) : undefined;
  if (!edit) return {};
  const title = restored
    ? `Pull \`${use.raw}\` from \`${replacement}\` under its Harness name: \`${swapped}\`.`
    : pullTitle(use, replacement);
  // Only an execution-config field has one right name; a step image may be another image of the same name.
  const sureName = !restored || (use.kind === 'executionConfig' && restored.unambiguous);
  return fixOrSuggestion(edit, title, isHarnessImageName(target) && sureName && isHarnessPublicRegistry(replacement));
}

/**
 * A Helm-style map's `registry` moves to the replacement's host and path, when it is the registry
 * alone (with a scheme or `:443` too): one that holds part of the image path is not simply swapped.
 */
function helmFix(use: ImageUse, registryView: View, replacement: string) {
  const registry = helmRegistryFor(replacement);
  const written = normaliseRegistryUrl(registryView.str ?? '');
  const registryAlone = isAppHarnessRegistryUrl(registryView.str ?? '') && written?.path.toLowerCase() === '/registry';
  const edit = registry && registryAlone ? evenIfAliased(replaceScalar(registryView, registry)) : undefined;
  return edit
    ? fixOrSuggestion(edit, pullTitle(use, replacement), isHarnessImageName(use.raw) && isHarnessPublicRegistry(replacement))
    : {};
}

const pullTitle = (use: ImageUse, replacement: string) => `Pull \`${use.raw}\` from \`${replacement}\`.`;

/** `app.harness.io/registry/harness/...` or `.../plugins/...`: an image Harness publishes. */
const isHarnessImageName = (raw: string) => ['harness', 'plugins'].includes(parseImage(raw)?.path[1]?.toLowerCase() ?? '');

function fixOrSuggestion(edit: Edit, title: string, safe: boolean) {
  if (safe) return { fix: [edit], fixTitle: title };
  return { suggestion: { title: `${title} Make sure the image is there first.`, edits: [edit] } };
}

/** The reference with the Harness image name it was renamed from, if it was renamed. */
function restoredName(use: ImageUse, catalogue: ImageCatalogue): RestoredName | undefined {
  if (use.kind !== 'executionConfig') return restoreHarnessName(use.raw, catalogue);
  const expected = executionConfigMismatch(use.field!, use.raw, catalogue);
  return expected ? restoreExecutionConfigName(use.raw, expected, catalogue, use.field) : undefined;
}

const ID = 'no-app-harness-registry';

export default defineRule({
  id: ID,
  policy: 1,
  severity: 'error',
  description: 'No connector URL and no image may point at the app.harness.io registry, which Harness shut down on 15 May 2024.',
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Point the connector at https://registry.hub.docker.com (Provider Type Docker Hub), https://gcr.io/gcr-prod, https://public.ecr.aws/harness or https://us-docker.pkg.dev/gar-prod-setup/harness-public, and pull images from the same registry.',
  fixable: 'safe',
  aboutRetiredRegistry: true,
  options: {
    replacementRegistryUrl: {
      description: 'Registry URL that fixes and messages put in place of app.harness.io/registry.',
      schema: { type: 'string', pattern: '^https?://[^\\s/@]+(/|$)' },
      default: 'https://registry.hub.docker.com',
      topLevel: true,
    },
    // The names its fix restores are policy 4's: the built-in catalogue and the config's extra names.
    harnessImages: HARNESS_IMAGES,
  },
  messages: {
    connectorUrl:
      'Connector `{{connector}}` points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024; use `{{replacement}}` instead.',
    image:
      'Image `{{image}}` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from `{{replacement}}` instead.',
    leftover:
      '`{{key}}` refers to the app.harness.io registry (`{{match}}`), which reached end of life on 15 May 2024, so whatever uses it fails at run time; use `{{replacement}}` instead.',
    harnessConnectorUrl:
      'Connector `{{connector}}` (in Harness, {{scope}}) points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024, and {{stage}} pulls through it; in Harness, point it at `{{replacement}}` instead.',
    harnessConnectorUrlMany:
      'Connector `{{connector}}` (in Harness, {{scope}}) points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024, and {{count}} stages pull through it (listed as related locations); in Harness, point it at `{{replacement}}` instead.',
    ...NOT_IN_HARNESS_MESSAGES,
    // Related locations: one use each.
    pulledBy: 'Pulled here, as `{{expression}}`.',
    usedBy: 'Used by {{stage}}.',
    clonesCodebase: '{{stage}} clones the codebase through it.',
    pullsHarnessImages: '{{stage}} pulls Harness images through it.',
  },
  checkFile({ file, embedded, entities, options, report }) {
    const replacement = options.replacementRegistryUrl;
    const catalogue = catalogueWith(options.harnessImages);
    // Scalars already judged as images or connector URLs, by file: leftovers are everything else.
    const handled = new Map<object, Set<number>>();
    const mark = (v: View) => handled.set(v.file, (handled.get(v.file) ?? new Set()).add(v.addr));
    for (const { entity: connector, root } of entities) {
      if (connector.kind !== 'connector') continue;
      for (const url of connector.urls) {
        // A URL that cannot be read as one (an expression, whitespace) is not judged here: the leftover scan still sees it.
        if (normaliseRegistryUrl(url.str!)) mark(url);
        if (isAppHarnessRegistryUrl(url.str!))
          report({
            at: url,
            messageId: 'connectorUrl',
            entity: connector.identifier,
            data: { connector: connector.identifier, url: redactUserInfo(url.str!), replacement },
            ...connectorFix(connector, root.get('spec'), url, replacement),
          });
      }
    }
    // A trigger's `inputYaml` is checked as the YAML it holds (its images, its leftovers), not again as text.
    const embeddedAt = new Set(embedded.map((e) => e.embedding!.range[0]));
    const holdsEmbedded = (v: View) => v.file === file && embeddedAt.has(v.range[0]);
    // Outside Harness YAML (Kubernetes manifests, Helm values) the context is not ours to judge: warnings only.
    const severity = file.harness ? undefined : 'warning';
    for (const source of [file, ...embedded]) {
      for (const use of imageUses(source)) {
        mark(use.view);
        if (use.registryView) mark(use.registryView);
        if (isAppHarnessImage(use.image))
          report({
            at: use.view.at,
            messageId: 'image',
            ...(severity ? { severity } : {}),
            data: { image: use.raw, replacement },
            ...pulledByRelated(use),
            ...imageFix(use, replacement, catalogue),
          });
      }
      for (const left of registryLeftovers(source, (v) => !!handled.get(v.file)?.has(v.addr) || holdsEmbedded(v)))
        report({
          at: left.view.at,
          span: [left.start, left.end],
          messageId: 'leftover',
          severity: 'warning',
          data: { key: left.key, match: left.match, replacement },
        });
    }
  },
  // Connectors in the repo are judged in their files (above); those only Harness holds, at each line that uses them.
  checkProject({ project, options, report, unresolved }) {
    if (!project.harnessFacts) return;
    const inHarness = new ByPlace<HarnessSideConnector, UseMessage>();
    const missing = new ByPlace<Missing, UseMessage>();
    for (const run of project.runs())
      for (const eff of run.stages)
        for (const ref of project.connectorReferences(eff)) {
          if (project.findConnector(ref.ref, run.root.scope)) continue;
          const side = harnessSide(project, ref.ref, run.root.scope);
          const use = useOf(project, ref, eff);
          if (side && 'missing' in side) missing.add(JSON.stringify(side.missing), side.missing, use);
          else if (side && side.found.urls.some(isAppHarnessRegistryUrl)) inHarness.add(harnessKey(side.found), side.found, use);
        }
    for (const [connector, uses] of inHarness.entries())
      report({
        at: referenceAt(uses),
        messageId: oneOrMany('harnessConnectorUrl', uses),
        entity: connector.identifier,
        harnessUrl: connector.uiUrl,
        related: related(uses, referenceAt(uses)),
        data: {
          ...harnessNames(connector),
          url: redactUserInfo(connector.urls.find(isAppHarnessRegistryUrl)!),
          replacement: options.replacementRegistryUrl,
          ...usersOf(uses),
        },
      });
    warnNotInHarness(missing, unresolved);
  },
  // Every use of a connector this rule reports pulls from the retired registry.
  connectorUseFailure: ({ findings, inHarness }) =>
    findings.includes(ID) || inHarness?.urls.some(isAppHarnessRegistryUrl) ? 'app.harness.io registry' : undefined,
  changeInHarness: (replacement) => `Point it at \`${replacement}\`.`,
});

/** The messages of a related location: how one stage uses the connector. */
type UseMessage = 'usedBy' | 'clonesCodebase' | 'pullsHarnessImages';

/** A stage's reference as a use: where (a codebase is cloned by each stage, so its use is the stage), and how. */
function useOf(project: Project, ref: ConnectorReference, eff: EffectiveStage): Use<UseMessage> {
  const user = userOf(project, eff);
  // The label starts the sentence of the two messages that open with it.
  const opening = { stage: user.stage.charAt(0).toUpperCase() + user.stage.slice(1) };
  if (ref.how === 'codebase')
    return { at: eff.stage.identifierAt ?? eff.stage.at, ref: ref.at, messageId: 'clonesCodebase', data: opening, user };
  if (ref.how === 'harnessImage' || ref.how === 'overrideImageConnector')
    return { at: ref.at, messageId: 'pullsHarnessImages', data: opening, user };
  return { at: ref.at, messageId: 'usedBy', data: { stage: user.stage }, user };
}
