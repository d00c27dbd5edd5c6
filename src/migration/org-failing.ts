import type { HarnessSideConnector } from '../model/harness-side.js';
import { failingReason } from './inventory.js';
import type { OrgConnector, OrgDefinition, OrgUse } from './org-types.js';

/**
 * A repository that only references an account or org connector cannot judge its uses: it has no
 * definition. Another repository may keep the connector's YAML; its uses are judged here against
 * that definition, as the repository holding it judges its own. When the definitions differ
 * (Harness has one of them), a use fails if it fails with any.
 */
export function judgeSharedUses(c: OrgConnector): void {
  if (!c.definitions.length) return;
  const holders = new Set(c.definitions.map((d) => d.repository));
  c.usedBy = c.usedBy.map((u) => {
    if (holders.has(u.repository)) return u;
    const reasons = new Set(u.failing ? u.failing.split('; ') : []);
    for (const d of c.definitions) for (const r of reasonsWith(c, d, u)) reasons.add(r);
    return reasons.size ? { ...u, failing: [...reasons].join('; ') } : u;
  });
}

/** Why the use fails with this definition: the rules' own judgement, with the definition standing in for the connector. */
function reasonsWith(c: OrgConnector, d: OrgDefinition, u: OrgUse): string[] {
  const connector: HarnessSideConnector = {
    identifier: c.identifier,
    scope: c.scope,
    type: d.type,
    // Its URLs were judged where it is defined: `findings` carries that verdict (a rule turned off there stays off).
    urls: [],
    executeOnDelegate: d.connectivity !== 'platform',
    delegateSelectors: [],
    uiUrl: '',
  };
  const reason = failingReason({
    ref: c.ref,
    inHarness: connector,
    cloud: u.cloud,
    imageConnector: u.how === 'overrideImageConnector',
    findings: d.findings,
  });
  return reason ? reason.split('; ') : [];
}
