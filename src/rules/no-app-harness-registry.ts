import { isAppHarnessImage, isAppHarnessRegistryUrl } from '../core/model/images.js';
import { imageUses } from '../core/model/references.js';
import { DOCS_CONNECT_REGISTRY, defineRule } from './rule.js';

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
          });
    for (const file of project.files)
      for (const use of imageUses(file))
        if (isAppHarnessImage(use.image))
          report({ at: use.view.at, messageId: 'image', data: { image: use.raw, replacement: options.replacementRegistryUrl } });
  },
});
