import { replaceScalar } from '../core/edits.js';
import type { Entity } from '../core/model/entities.js';
import type { Project, ResolvedValue } from '../core/model/project.js';
import { imageConnectorFields, stageInPath } from '../core/model/references.js';
import { parseRef } from '../core/model/refs.js';
import { replaceInputOption } from '../core/model/runtime-input.js';
import type { View } from '../core/model/view.js';
import { DOCS_CONNECT_REGISTRY, defineRule } from './rule.js';

/** `x`/`org.x` → `account.x`: safe when the repo has account connector `x`, otherwise a suggestion. */
function accountFix(project: Project, entity: Entity, value: string, view: View, source: ResolvedValue['source']) {
  const ref = parseRef(value);
  if (!ref) return {};
  const to = `account.${ref.identifier}`;
  const raw = view.str ?? '';
  const text = source === 'default' || source === 'allowedValues' ? replaceInputOption(raw, value, to) : to;
  const edit = text === undefined ? undefined : replaceScalar(view, text);
  if (!edit) return {};
  if (project.findConnector(to, entity.scope)) return { fix: [edit], fixTitle: `Reference the account-scope connector \`${to}\` instead of \`${value}\`.` };
  return { suggestion: { title: `Create connector \`${ref.identifier}\` at account scope in Harness (it is not in the repo), then reference it as \`${to}\`.`, edits: [edit] } };
}

export default defineRule({
  id: 'require-account-image-connector',
  policy: 3,
  severity: 'error',
  description: "A Build stage's Override Image Connector (`harnessImageConnectorRef`) must name an account-scope connector (`account.<id>`).",
  harnessDocs: DOCS_CONNECT_REGISTRY,
  remediation:
    'Create the Docker connector at account scope and reference it as `account.<identifier>` in `harnessImageConnectorRef`, in the stage, its template, its input sets and any runtime-input default.',
  fixable: 'safe',
  messages: {
    notAccount:
      '{{where}} sets the Override Image Connector to `{{ref}}`, {{scope}}; Harness requires an account-scope connector (`account.<id>`).',
    unknown: '{{where}} sets the Override Image Connector to {{what}}, so its scope cannot be checked here.',
  },
  check({ project, report }) {
    const describe = (entity: Entity, path: string) => {
      const stage = stageInPath(path);
      const kind = entity.kind === 'inputSet' ? 'input set' : entity.kind;
      return `${stage ? `Stage \`${stage}\` in ` : ''}${kind} \`${entity.identifier}\``.replace(/^./, (c) => c.toUpperCase());
    };
    const checkValue = (entity: Entity, path: string, value: string, view: View, how: string, source: ResolvedValue['source'] = 'literal') => {
      if (value.startsWith('account.')) return;
      const ref = parseRef(value);
      report({
        at: view.at,
        messageId: 'notAccount',
        entity: entity.identifier,
        ...accountFix(project, entity, value, view, source),
        data: { where: describe(entity, path) + how, ref: value, scope: ref ? `${ref.level === 'org' ? 'an org' : 'a project'}-scope reference` : 'which is not a valid reference' },
      });
    };

    for (const owner of [...project.pipelines, ...project.templates])
      for (const { view, path } of imageConnectorFields(owner.root)) {
        const resolution = project.resolve(owner, view);
        for (const v of resolution.values) {
          const how = v.source === 'default' ? ' (through its runtime-input default)' : v.source === 'allowedValues' ? ' (through its allowed values)' : '';
          checkValue(v.entity, project.pathOf(v.at) ?? path, v.value, v.at, v.entity === owner ? how : '', v.source);
        }
        if (!resolution.unknown) continue;
        // A template's runtime input is filled by the stages that use it; those are checked where they are written.
        if (owner.kind === 'template' && resolution.unknown === 'runtime-input' && project.usersOf(owner).length) continue;
        report({
          at: view.at,
          messageId: 'unknown',
          severity: 'notice',
          entity: owner.identifier,
          data: {
            where: describe(owner, path),
            what: resolution.unknown === 'expression' ? `the expression \`${view.str}\`` : 'a runtime input that nothing in the repo fills',
          },
        });
      }

    // Input sets and triggers for pipelines that are not in the repo are still checked where they set a value.
    for (const set of project.inputSets)
      if (set.pipeline)
        for (const { view, path } of imageConnectorFields(set.pipeline)) {
          const value = view.str?.trim();
          if (value && !value.includes('<+')) checkValue(set, path, value, view, '');
        }
  },
});
