import { replaceScalar, setMapValue } from '../core/edits.js';
import type { Edit } from '../core/finding.js';
import type { Connector } from '../core/model/entities.js';
import { helmRegistryFor, isDockerHubUrl, swapAppHarnessImage } from '../core/model/image-fixes.js';
import { isAppHarnessImage, isAppHarnessRegistryUrl } from '../core/model/images.js';
import { imageUses, type ImageUse } from '../core/model/references.js';
import type { View } from '../core/model/view.js';
import { DOCS_CONNECT_REGISTRY, defineRule } from './rule.js';

/** The connector URL becomes the replacement, with the provider type the docs give for it. */
function connectorFix(connector: Connector, url: View, replacement: string) {
  const edits = [replaceScalar(url, replacement)];
  const dockerHub = isDockerHubUrl(replacement);
  const isDockerUrl = connector.type.toLowerCase() === 'dockerregistry' && url.same(connector.spec?.get('dockerRegistryUrl'));
  if (isDockerUrl) edits.push(setMapValue(connector.spec!, 'providerType', dockerHub ? 'DockerHub' : 'Other'));
  const fix = edits.filter((e): e is Edit => !!e);
  const title = `Point connector \`${connector.identifier}\` at \`${replacement}\`${isDockerUrl ? ` (Provider Type ${dockerHub ? 'Docker Hub' : 'Other'})` : ''}.`;
  // Only a Docker Registry connector can simply pull Harness images from the replacement.
  return isDockerUrl ? { fix, fixTitle: title } : { suggestion: { title, edits: fix } };
}

/** The image, or the Helm `registry` it is pulled from, moves to the replacement registry. */
function imageFix(use: ImageUse, replacement: string): Edit | undefined {
  if (use.runtimeInput) return undefined;
  if (use.kind === 'helm' && use.registryView) {
    const registry = helmRegistryFor(replacement);
    return /^app[0-9]*\.harness\.io\/registry\/?$/i.test(use.registryView.str?.trim() ?? '') && registry ? replaceScalar(use.registryView, registry) : undefined;
  }
  const swapped = use.view.str && swapAppHarnessImage(use.view.str, replacement);
  return swapped ? replaceScalar(use.view, swapped) : undefined;
}

export default defineRule({
  id: 'no-app-harness-registry',
  policy: 1,
  severity: 'error',
  description: 'No connector URL and no image may point at the app.harness.io registry, which Harness shut down on 15 May 2024.',
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Point the connector at https://registry.hub.docker.com (Provider Type Docker Hub), https://gcr.io/gcr-prod, https://public.ecr.aws/harness or https://us-docker.pkg.dev/gar-prod-setup/harness-public, and pull images from the same registry.',
  fixable: 'safe',
  messages: {
    connectorUrl:
      'Connector `{{connector}}` points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024; use `{{replacement}}` instead.',
    image:
      'Image `{{image}}` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from `{{replacement}}` instead.',
  },
  check({ project, options, report }) {
    for (const connector of project.connectors)
      for (const url of connector.urls)
        if (isAppHarnessRegistryUrl(url.str!))
          report({
            at: url.at,
            messageId: 'connectorUrl',
            entity: connector.identifier,
            data: { connector: connector.identifier, url: url.str!, replacement: options.replacementRegistryUrl },
            ...connectorFix(connector, url, options.replacementRegistryUrl),
          });
    for (const file of project.files)
      for (const use of imageUses(file))
        if (isAppHarnessImage(use.image)) {
          const edit = imageFix(use, options.replacementRegistryUrl);
          report({
            at: use.view.at,
            messageId: 'image',
            data: { image: use.raw, replacement: options.replacementRegistryUrl },
            ...(edit ? { fix: [edit], fixTitle: `Pull \`${use.raw}\` from \`${options.replacementRegistryUrl}\`.` } : {}),
          });
        }
  },
});
