import type { HarnessSideConnector } from '../model/harness-side.js';
import { failingReason } from './inventory.js';
import type { OrgConnector, OrgUse } from './org-types.js';
import type { HarnessConnector } from './types.js';

/** A state of the connector to judge a use against, and the rule ids with findings on it. */
interface Judge {
  connector: HarnessSideConnector;
  findings: readonly string[];
}

/**
 * Judges every use of an account or org connector the same way, whichever repository it is in.
 * Where a report has Harness's own answer for it (`harness`), that is the connector that runs:
 * every use is judged against it alone, and a Git copy (perhaps stale) does not count. Otherwise
 * each repository's copy may be the one Harness has: a use fails if it fails with any copy, on top
 * of its own report's verdict. Without either, uses keep their own reports' verdicts.
 */
export function judgeSharedUses(c: OrgConnector, harness: readonly HarnessConnector[] = []): void {
  if (harness.length) {
    const judges = harness.map((h) => asHarnessHasIt(c, h));
    const reasons = byUseFacts((u) => judges.flatMap((j) => reasonsWith(c, j, u)));
    c.usedBy = c.usedBy.map((u) => withReasons(u, reasons(u)));
    return;
  }
  if (!c.definitions.length) return;
  // A copy stands in for the connector only: its URLs were judged where it is defined (`findings`
  // carries that verdict, and a rule turned off there stays off).
  const judges = c.definitions.map((d) => ({ connector: connectorOf(c, d.type, [], d.connectivity !== 'platform'), findings: d.findings }));
  const fromCopies = byUseFacts((u) => {
    // What the use fails with whatever the connector's state (its reference): its own verdict says it already, in its words.
    const any = reasonsWith(c, { connector: connectorOf(c, '', [], false), findings: [] }, u);
    return judges.flatMap((j) => reasonsWith(c, j, u).filter((r) => !any.includes(r)));
  });
  c.usedBy = c.usedBy.map((u) => withReasons(u, [...(u.failing ? u.failing.split('; ') : []), ...fromCopies(u)]));
}

/**
 * `judge` of a use, asked once for each of the few use facts it reads, without repeats (a reason
 * counts once): a connector shared by every repository has a copy and many uses in each, and
 * judging each use against every copy was quadratic (400 repositories: over a minute).
 */
function byUseFacts(judge: (u: OrgUse) => string[]): (u: OrgUse) => string[] {
  const known = new Map<string, string[]>();
  return (u) => {
    const key = `${u.cloud}\0${u.how === 'overrideImageConnector'}`;
    let reasons = known.get(key);
    if (!reasons) known.set(key, (reasons = [...new Set(judge(u))]));
    return reasons;
  };
}

function withReasons(u: OrgUse, reasons: string[]): OrgUse {
  if (reasons.length) return { ...u, failing: [...new Set(reasons)].join('; ') };
  const { failing: _, ...use } = u;
  return use;
}

const connectorOf = (c: OrgConnector, type: string, urls: string[], executeOnDelegate: boolean): HarnessSideConnector => ({
  identifier: c.identifier,
  scope: c.scope,
  type,
  urls,
  executeOnDelegate,
  delegateSelectors: [],
  uiUrl: '',
});

/** The connector as a report's lookups found it in Harness (`harnessConnectors`): judged from its URLs and connectivity. */
function asHarnessHasIt(c: OrgConnector, h: HarnessConnector): Judge {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const urls = Array.isArray(h.urls) ? strings(h.urls) : typeof h.url === 'string' ? [h.url] : [];
  return { connector: connectorOf(c, typeof h.type === 'string' ? h.type : '', urls, h.connectivity !== 'platform'), findings: [] };
}

/** Why the use fails with this state of the connector: the rules' own judgement, with it standing in for the connector. */
function reasonsWith(c: OrgConnector, j: Judge, u: OrgUse): string[] {
  const reason = failingReason({
    ref: c.ref,
    inHarness: j.connector,
    cloud: u.cloud,
    imageConnector: u.how === 'overrideImageConnector',
    findings: j.findings,
  });
  return reason ? reason.split('; ') : [];
}
