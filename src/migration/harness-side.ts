/**
 * The report's "Harness-side connectors": connectors the repo uses but only Harness holds, as the
 * lookups found them, with the stages using them and what to change in Harness; and the account's
 * CI image overrides that break a policy. Built only when lookups ran; nothing here asks Harness.
 */
import { linkTarget } from '../formats/markdown.js';
import { lookupFailureWarning, lookupSummary, type HarnessFacts, type HarnessImageOverrides } from '../model/harness-side.js';
import { redactUserInfo } from '../model/images.js';
import { formatScope, refAt } from '../model/scope.js';
import { cmp } from '../engine/compare.js';
import { rules as policyRules } from '../rules/index.js';
import type { ExternalConnector, HarnessConnector, HarnessLookups, MigrationReport } from './types.js';

/**
 * The fetched connectors as Harness has them: facts only (no uses, no findings), so that
 * `report --merge` finds the same connector in every repository's report and lists it once.
 */
export function harnessConnectorsOf(facts: HarnessFacts): HarnessConnector[] {
  const out: HarnessConnector[] = [];
  for (const { answer } of facts.lookups) {
    if (answer.kind !== 'found') continue;
    const c = answer.connector;
    const eod = c.executeOnDelegate;
    out.push({
      ref: refAt(c.scope, c.identifier),
      scope: formatScope(c.scope),
      identifier: c.identifier,
      ...(c.name ? { name: c.name } : {}),
      type: c.type,
      ...(c.urls[0] ? { url: redactUserInfo(c.urls[0]) } : {}),
      urls: c.urls.map(redactUserInfo),
      ...(c.provider ? { provider: c.provider } : {}),
      ...(c.authType ? { authType: c.authType } : {}),
      connectivity: eod === false ? 'platform' : eod === undefined ? 'delegate (default)' : 'delegate',
      delegateSelectors: c.delegateSelectors,
      harnessUrl: c.uiUrl,
    });
  }
  return out.sort((a, b) => cmp(a.scope, b.scope) || cmp(a.ref, b.ref));
}

/** `scope\0ref` of every reference Harness answered (found or not found): the repo need not ask anyone to check those. */
export function answeredRefs(facts: HarnessFacts): Set<string> {
  return new Set(
    facts.lookups.filter((l) => l.answer.kind !== 'failed').map((l) => `${formatScope(l.scope)}\0${refAt(l.scope, l.identifier)}`),
  );
}

/** What was asked of Harness, for the JSON: counts by answer, the references it has no connector for, the warning. */
export function harnessLookupsOf(facts: HarnessFacts, overrides?: HarnessImageOverrides): HarnessLookups {
  const n = (kind: string) => facts.lookups.filter((l) => l.answer.kind === kind).length;
  const warning = lookupFailureWarning(facts);
  return {
    host: facts.host,
    // The overrides are read after the connectors: their requests count in the total.
    summary: lookupSummary({ ...facts, requests: Math.max(facts.requests, overrides?.requests ?? 0) }),
    found: n('found'),
    notFound: facts.lookups
      .filter((l) => l.answer.kind === 'notFound')
      .map((l) => ({ ref: refAt(l.scope, l.identifier), scope: formatScope(l.scope) }))
      .sort((a, b) => cmp(a.scope, b.scope) || cmp(a.ref, b.ref)),
    failed: n('failed'),
    ...(warning ? { warning } : {}),
    ...(overrides?.unread.length ? { overridesUnread: overrides.unread } : {}),
  };
}

/** Why the table of connectors is empty: none found, or none (or not all) could be read; the warning above says why. */
function noConnectorText(lookups: HarnessLookups): string {
  if (!lookups.failed) return 'No connector the repo uses was found in Harness.';
  if (!lookups.notFound.length) return 'No connector the repo uses could be read from Harness (see the warning above).';
  return `No connector the repo uses was found in Harness, but ${lookups.failed} could not be read (see the warning above).`;
}

/** Why the table of overrides is empty: none breaks a policy, or some (or all) infrastructures could not be read. */
function noOverrideText(unread: string[]): string {
  if (!unread.length) return 'No override breaks a policy.';
  const allUnread = CI_INFRAS.every((infra) => unread.some((u) => u.startsWith(`${infra}:`)));
  return allUnread ? 'No override could be read.' : 'No problem in the overrides that were read.';
}

/** The infrastructures whose overrides are read (`imageOverrides` in src/harness/lookups.ts), as their unread lines start. */
const CI_INFRAS = ['K8', 'VM'] as const;

/** The Markdown section; empty when no lookups ran. */
export function harnessSideMarkdown(
  r: MigrationReport,
  render: {
    table: <T>(out: string[], header: string[], rows: T[], cells: (row: T) => string[]) => void;
    usesText: (uses: ExternalConnector['usedBy']) => string;
    code: (s: string) => string;
    /** Text from the repo or from Harness, shown as text (scopes name the repo's orgs and projects). */
    plain: (s: string) => string;
  },
): string[] {
  const lookups = r.harnessLookups;
  if (!lookups) return [];
  const { table, usesText, code, plain } = render;
  const out = ['## Harness-side connectors', '', lookups.summary, ''];
  if (lookups.warning) out.push(`> Warning: ${lookups.warning}`, '');
  const usesOf = (x: { ref: string; scope: string }) =>
    r.externalConnectors.find((e) => e.ref === x.ref && e.scope === x.scope)?.usedBy ?? [];
  const connectors = r.harnessConnectors ?? [];
  if (!connectors.length) out.push(noConnectorText(lookups), '');
  else
    table(out, ['Connector', 'Scope', 'Type', 'URL', 'Connectivity', 'Used by', 'Change in Harness'], connectors, (c) => {
      const uses = usesOf(c);
      const changes = changesInHarness(r, c.harnessUrl);
      return [
        typeof c.harnessUrl === 'string' ? `[${code(c.ref)}](${linkTarget(c.harnessUrl)})` : code(c.ref),
        plain(c.scope),
        c.type ? plain(c.type) : '—',
        c.url ? code(c.url) : '—',
        c.connectivity ? plain(c.connectivity) : '—',
        usesText(uses),
        changes.join('<br>') || 'None',
      ];
    });
  // An `account.x` looked up only to tell whether a fix can point at it is not a reference in the repo.
  const missing = lookups.notFound.filter((x) => usesOf(x).length);
  if (missing.length) {
    out.push('### Referenced but in neither the repo nor Harness', '');
    table(out, ['Reference', 'Scope', 'Used by'], missing, (x) => [code(x.ref), plain(x.scope), usesText(usesOf(x))]);
  }
  const overrides = r.harnessImageOverrides;
  if (!overrides) return out;
  out.push('### CI image overrides in Harness', '');
  for (const u of lookups.overridesUnread ?? []) out.push(`> Not read: ${u}`, '');
  if (!overrides.length) out.push(noOverrideText(lookups.overridesUnread ?? []), '');
  else
    table(out, ['Infrastructure', 'Field', 'Image', 'Problem'], overrides, (o) => [
      plain(o.infra),
      code(o.field),
      code(o.image),
      o.problem,
    ]);
  return out;
}

/** What the rules with findings on a connector Harness holds (by its page) ask to change there, in policy order. */
export function changesInHarness(r: MigrationReport, harnessUrl: unknown): string[] {
  if (typeof harnessUrl !== 'string') return [];
  const rules = new Set(r.changes.flatMap((ch) => ch.items.filter((i) => i.harnessUrl === harnessUrl).map((i) => i.ruleId)));
  return policyRules.flatMap((rule) =>
    rules.has(rule.id) && rule.changeInHarness ? [rule.changeInHarness(r.replacementRegistryUrl)] : [],
  );
}
