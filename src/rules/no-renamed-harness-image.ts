import { executionConfigMismatch, findRenamedHarnessImage } from '../core/model/images.js';
import { replaceScalar } from '../core/edits.js';
import { restoreExecutionConfigName, restoreHarnessName, type RestoredName } from '../core/model/image-fixes.js';
import { imageUses } from '../core/model/references.js';
import type { View } from '../core/model/view.js';
import { DOCS_CONNECT_REGISTRY, defineRule } from './rule.js';

/** The canonical name under the same prefix: a safe fix when the mapping is unambiguous, else a suggestion. */
function nameFix(view: View, restored: RestoredName | undefined) {
  const edit = restored && replaceScalar(view, restored.value);
  if (!edit) return {};
  const title = `Use \`${restored.value}\`, and mirror the image under that name.`;
  return restored.unambiguous ? { fix: [edit], fixTitle: title } : { suggestion: { title: `${title} Check the registry prefix first.`, edits: [edit] } };
}

export default defineRule({
  id: 'no-renamed-harness-image',
  policy: 4,
  severity: 'error',
  description: 'A mirrored Harness image may change its registry prefix and tag, never its image name.',
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Mirror Harness images under their own names (for example `<mirror>/harness/ci-addon`), because Harness builds the pulled reference from the connector URL plus the exact image name.',
  fixable: 'safe',
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
          if (expected)
            report({
              at: use.view.at,
              messageId: 'executionConfig',
              data: { field: use.field!, image: use.raw, expected },
              ...nameFix(use.view, restoreExecutionConfigName(use.raw, expected)),
            });
          continue;
        }
        const renamed = findRenamedHarnessImage(use.image, options.catalogue);
        if (renamed)
          report({
            at: use.view.at,
            messageId: 'renamed',
            data: { image: use.raw, expected: renamed.expected, suggestion: renamed.suggestion },
            ...nameFix(use.view, use.view.str === undefined ? undefined : restoreHarnessName(use.view.str, options.catalogue)),
          });
      }
  },
});
