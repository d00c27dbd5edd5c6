import {
  catalogueWith,
  executionConfigMismatch,
  findRenamedHarnessImage,
  isAppHarnessImage,
  isOnDockerHub,
  parseImage,
} from '../model/images.js';
import { replaceScalar } from '../model/yaml-edits.js';
import { isHarnessPublicPrefix, restoreExecutionConfigName, restoreHarnessName, type RestoredName } from '../model/image-fixes.js';
import { imageUses, pulledByRelated, type ImageUse } from '../model/scans.js';
import { defineRule, type RuleOption } from '../engine/rule.js';
import { DOCS_CONNECT_REGISTRY } from '../model/harness-docs.js';

/**
 * The canonical name under the same prefix. Safe only where Harness publishes the image under that
 * name (Docker Hub, or one of its public registries) and the mapping is unambiguous; a private
 * mirror must first hold the image under the new name, so there it is a suggestion. None on the
 * app.harness.io registry: nothing can be pulled there, and no-app-harness-registry's fix moves the
 * image to the replacement registry and restores its name in one edit.
 */
function nameFix(use: ImageUse, restored: RestoredName | undefined, allowSafe: boolean) {
  // A runtime input's option is not the scalar's whole text: no edit replaces it.
  if (use.runtimeInput || isAppHarnessImage(use.image)) return {};
  const edit = restored && replaceScalar(use.view, restored.value);
  if (!edit) return {};
  const image = parseImage(restored.value);
  const prefix = image ? [image.registry, ...image.path.slice(0, -2)].filter(Boolean).join('/') : '?';
  if (allowSafe && restored.unambiguous && isHarnessPublicPrefix(prefix)) return { fix: [edit], fixTitle: `Use \`${restored.value}\`.` };
  // No one but Harness can push to its Docker Hub namespaces: there the only way is Harness's own image.
  const title =
    image && isOnDockerHub(image)
      ? `Use Harness's own image \`${restored.value}\` instead, if it has ${image.digest ? 'that digest' : `the tag \`${image.tag ?? 'latest'}\``}.`
      : `Use \`${restored.value}\`, after mirroring the image under that name${restored.unambiguous ? '' : ' (check the registry prefix first)'}.`;
  return { suggestion: { title, edits: [edit] } };
}

/** Also an option of no-app-harness-registry, whose fix restores the same names: one setting for both (see `optionsOf`). */
export const HARNESS_IMAGES: RuleOption<string[]> = {
  description: 'Extra Harness image names (namespace/name) that mirrors must keep, added to the built-in catalogue.',
  schema: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+(?:[._-][a-z0-9]+)*/[a-z0-9]+(?:[._-][a-z0-9]+)*$' } },
  default: [],
  topLevel: true,
};

export default defineRule({
  id: 'no-renamed-harness-image',
  policy: 4,
  severity: 'error',
  description: 'A mirrored Harness image may change its registry prefix and tag, never its image name.',
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Mirror Harness images under their own names (for example `<mirror>/harness/ci-addon`), because Harness builds the pulled reference from the connector URL plus the exact image name.',
  fixable: 'safe',
  options: {
    harnessImages: HARNESS_IMAGES,
  },
  messages: {
    renamed:
      'Image `{{image}}` looks like the Harness image `{{expected}}` under another name. Harness pulls this step image as written, but a mirror that renames Harness images breaks the ones Harness pulls through it: keep the name, `{{suggestion}}`.',
    renamedOnRetiredRegistry:
      'Image `{{image}}` looks like the Harness image `{{expected}}` under another name, on the app.harness.io registry that reached end of life on 15 May 2024: pull it from the registry that replaces it, as `{{expected}}`.',
    executionConfig:
      'Execution-config field `{{field}}` sets `{{image}}`, but the image name must stay `{{expected}}`; only the registry prefix and tag may change.',
    // Related location: an image field that pulls a pipeline variable's value.
    pulledBy: 'Pulled here, as `{{expression}}`.',
  },
  checkFile({ file, embedded, options, report }) {
    // Kubernetes manifests, Compose files and the like name their own images.
    if (!file.harness) return;
    const catalogue = catalogueWith(options.harnessImages);
    for (const source of [file, ...embedded]) {
      for (const use of imageUses(source)) {
        if (use.kind === 'executionConfig') {
          // Harness pulls these itself, through the image connector: the name must be exact.
          const expected = executionConfigMismatch(use.field!, use.raw, catalogue);
          if (expected)
            report({
              at: use.view,
              messageId: 'executionConfig',
              data: { field: use.field!, image: use.raw, expected },
              ...nameFix(use, restoreExecutionConfigName(use.raw, expected, catalogue, use.field), true),
            });
          continue;
        }
        // A step's own image is pulled as written: a renamed mirror is a warning, not a broken policy.
        const renamed = findRenamedHarnessImage(use.image, catalogue);
        const retired = isAppHarnessImage(use.image);
        if (renamed)
          report({
            at: use.view,
            messageId: retired ? 'renamedOnRetiredRegistry' : 'renamed',
            severity: 'warning',
            data: { image: use.raw, expected: renamed.expected, ...(retired ? {} : { suggestion: renamed.suggestion }) },
            ...pulledByRelated(use),
            ...nameFix(use, restoreHarnessName(use.raw, catalogue), false),
          });
      }
    }
  },
});
