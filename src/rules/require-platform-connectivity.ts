import type { Located } from '../core/finding.js';
import type { Connector, Stage } from '../core/model/entities.js';
import type { StageOwner } from '../core/model/project.js';
import { setMapValue } from '../core/edits.js';
import { DOCS_HARNESS_CLOUD, defineRule, type RelatedReport } from './rule.js';

/** `executeOnDelegate: false`, set or inserted in the connector's `spec`; delegate selectors stay and are named. */
function platformFix(connector: Connector) {
  const edit = connector.spec && setMapValue(connector.spec, 'executeOnDelegate', false);
  if (!edit) return {};
  const selectors = connector.delegateSelectors.map((s) => `\`${s}\``).join(', ');
  const note = selectors ? ` Its delegate selectors (${selectors}) are kept but no longer apply; remove them when convenient.` : '';
  return { fix: [edit], fixTitle: `Set \`executeOnDelegate: false\` on connector \`${connector.identifier}\` (Connect through Harness Platform).${note}` };
}

/** The built-in account connector Harness Cloud pulls Harness images through. */
export const HARNESS_IMAGE_CONNECTOR = 'account.harnessImage';
const MAX_RELATED = 20;

export default defineRule({
  id: 'require-platform-connectivity',
  policy: 2,
  severity: 'error',
  description: 'A connector used by a stage that runs on Harness Cloud must connect through the Harness Platform (`executeOnDelegate: false`).',
  harnessDocs: DOCS_HARNESS_CLOUD,
  remediation:
    'Set `executeOnDelegate: false` (Connect through Harness Platform) on every connector a Harness Cloud stage uses, including `account.harnessImage`; delegate selectors then have no effect.',
  fixable: 'safe',
  messages: {
    delegate:
      'Connector `{{connector}}` connects through a delegate ({{state}}), but Harness Cloud stage `{{stage}}` of {{ownerKind}} `{{owner}}`{{more}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
  },
  check({ project, options, report, unresolved }) {
    const users = new Map<Connector, Array<{ owner: StageOwner; stage: Stage; at: Located }>>();
    const addUse = (connector: Connector, owner: StageOwner, stage: Stage, at: Located) => {
      const list = users.get(connector) ?? [];
      // A stage's uses are added together, so a repeat can only be the last one.
      const last = list.at(-1);
      if (last?.owner !== owner || last.stage !== stage) list.push({ owner, stage, at });
      users.set(connector, list);
    };
    const owners: StageOwner[] = [...project.pipelines, ...project.templates];
    for (const owner of owners)
      for (const stage of owner.stages) {
        if (!project.runsOnHarnessCloud(owner, stage)) continue;
        const where = `Harness Cloud stage \`${stage.identifier}\` of ${owner.kind} \`${owner.identifier}\``;
        for (const use of project.connectorUses(owner, stage)) {
          const resolution = project.resolve(owner, use.ref);
          if (resolution.unknown)
            unresolved(use.ref.at, `The connector of ${where} is ${resolution.unknown === 'expression' ? 'an expression' : 'a runtime input that nothing in the repo fills'}; check that it connects through the Harness Platform.`, owner.identifier);
          for (const value of resolution.values) {
            const connector = project.findConnector(value.value, owner.scope);
            if (!connector) {
              unresolved(value.at.at, `Connector \`${value.value}\` used by ${where} is not in the repo; check in Harness that it connects through the Harness Platform.`, owner.identifier);
              continue;
            }
            if (connector.executeOnDelegate?.value !== false) addUse(connector, owner, stage, value.at.at);
          }
        }
        const harnessImage = project.findConnector(HARNESS_IMAGE_CONNECTOR, owner.scope);
        const infra = project.infrastructureOf(owner, stage).stage.infrastructure;
        const at = (infra.kindNode ?? stage.view).at;
        if (!harnessImage) {
          if (!options.assumeHarnessCloudImageConnector)
            unresolved(at, `${where} pulls Harness images through \`${HARNESS_IMAGE_CONNECTOR}\`, which is not in the repo; check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.`, owner.identifier);
        } else if (harnessImage.executeOnDelegate?.value !== false)
          addUse(harnessImage, owner, stage, at);
      }
    for (const [connector, uses] of users) {
      const first = uses[0]!;
      const field = connector.executeOnDelegate;
      const related: RelatedReport[] = uses.slice(0, MAX_RELATED).map((u) => ({
        at: u.at,
        message: `Used by Harness Cloud stage \`${u.stage.identifier}\` of ${u.owner.kind} \`${u.owner.identifier}\`.`,
      }));
      report({
        at: (field ?? connector.root.keyOf('spec') ?? connector.rootKey).at,
        messageId: 'delegate',
        entity: connector.identifier,
        related,
        ...platformFix(connector),
        data: {
          connector: connector.identifier,
          state: !field
            ? '`executeOnDelegate` is absent, which means delegate'
            : typeof field.value === 'boolean'
              ? `\`executeOnDelegate: ${field.value}\``
              : `\`executeOnDelegate\` is the string "${field.str}", not the boolean \`false\``,
          stage: first.stage.identifier,
          ownerKind: first.owner.kind,
          owner: first.owner.identifier,
          more: uses.length > 1 ? ` (and ${uses.length - 1} more)` : '',
        },
      });
    }
  },
});
