import { executionConfigMismatch, findRenamedHarnessImage } from '../core/model/images.js';
import { imageUses } from '../core/model/references.js';
import { DOCS_CONNECT_REGISTRY, defineRule } from './rule.js';

export default defineRule({
  id: 'no-renamed-harness-image',
  policy: 4,
  severity: 'error',
  description: 'A mirrored Harness image may change its registry prefix and tag, never its image name.',
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Mirror Harness images under their own names (for example `<mirror>/harness/ci-addon`), because Harness builds the pulled reference from the connector URL plus the exact image name.',
  fixable: 'suggestion',
  messages: {
    renamed: 'Image `{{image}}` looks like the Harness image `{{expected}}` under another name; a mirror must keep the name: `{{suggestion}}`.',
    executionConfig:
      'Execution-config field `{{field}}` sets `{{image}}`, but the image name must stay `{{expected}}`; only the registry prefix and tag may change.',
  },
  check({ project, options, report }) {
    for (const file of project.files)
      for (const use of imageUses(file)) {
        if (use.kind === 'executionConfig') {
          const expected = executionConfigMismatch(use.field!, use.raw, options.catalogue);
          if (expected) report({ at: use.view.at, messageId: 'executionConfig', data: { field: use.field!, image: use.raw, expected } });
          continue;
        }
        const renamed = findRenamedHarnessImage(use.image, options.catalogue);
        if (renamed)
          report({ at: use.view.at, messageId: 'renamed', data: { image: use.raw, expected: renamed.expected, suggestion: renamed.suggestion } });
      }
  },
});
