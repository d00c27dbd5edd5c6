/**
 * Addresses of the Harness REST API and UI, and the account id carried in an API key. Pure
 * functions, no I/O.
 */

/** Where a connector lives: exactly the query parameters Harness takes (none = account scope). */
export interface HarnessScope {
  orgIdentifier?: string;
  projectIdentifier?: string;
}

/**
 * The account id inside a `pat.<account>.<tokenId>.<secret>` or `sat.<account>.…` key, else
 * undefined. Only 4-segment keys are trusted: an older 3-segment PAT format carries something
 * else in its 2nd segment (Harness's own MCP server reads the same segment).
 */
export function accountIdFromKey(key: string): string | undefined {
  const parts = key.trim().split('.');
  if (parts.length !== 4 || (parts[0] !== 'pat' && parts[0] !== 'sat')) return undefined;
  return parts[1] || undefined;
}

/**
 * `baseUrl` without query, hash, credentials or trailing slashes, keeping any path prefix
 * (`/gateway`, a self-managed install's prefix). Throws on anything but http(s).
 */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError('Harness base URL is not a URL (expected e.g. https://app.harness.io)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`Harness base URL must be http(s), not ${url.protocol}`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Scope query parameters, empty strings dropped so `orgIdentifier=` is never sent. */
export function scopeParams(scope: HarnessScope): HarnessScope {
  const out: HarnessScope = {};
  if (scope.orgIdentifier) out.orgIdentifier = scope.orgIdentifier;
  if (scope.projectIdentifier) out.projectIdentifier = scope.projectIdentifier;
  return out;
}

/**
 * An API URL: `{base}{path}?accountIdentifier=A&routingId=A&…`. `routingId` is sent because
 * Harness's own UI and MCP server send it on every call (a gateway routing hint).
 */
export function apiUrl(base: string, path: string, accountId: string, params: Record<string, string | undefined> = {}): URL {
  const url = new URL(`${base}${path}`);
  url.searchParams.set('accountIdentifier', accountId);
  url.searchParams.set('routingId', accountId);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

/**
 * A link to the connector's page in the Harness UI (for reports). The UI is served from the API
 * host without the `/gateway` API prefix, under `/ng/`. Route shapes, from the route definitions
 * of Harness's UI (`getScopeBasedRoute`, current revision):
 *   account  /ng/account/A/settings/resources/connectors/ID
 *   org      /ng/account/A/settings/organizations/O/setup/resources/connectors/ID
 *   project  /ng/account/A/home/orgs/O/projects/P/setup/resources/connectors/ID
 * Not verified against a live account: older UI revisions used `/admin/resources/connectors/…`
 * and hash routes, and whether accounts.harness.io / self-managed hosts serve the UI at the same
 * host and prefix as their API is unknown. Treat the link as a convenience, not a fact.
 */
export function connectorUiUrl(baseUrl: string, accountId: string, scope: HarnessScope, identifier: string): string {
  const ui = normaliseBaseUrl(baseUrl).replace(/\/gateway$/, '');
  const e = encodeURIComponent;
  const { orgIdentifier: org, projectIdentifier: project } = scopeParams(scope);
  const root = `${ui}/ng/account/${e(accountId)}`;
  const tail = `resources/connectors/${e(identifier)}`;
  if (org && project) return `${root}/home/orgs/${e(org)}/projects/${e(project)}/setup/${tail}`;
  if (org) return `${root}/settings/organizations/${e(org)}/setup/${tail}`;
  return `${root}/settings/${tail}`;
}

/** "account scope", "org O", "project O/P": for messages. */
export function describeScope(scope: HarnessScope): string {
  const { orgIdentifier: org, projectIdentifier: project } = scopeParams(scope);
  if (project) return `project ${org ?? '?'}/${project}`;
  if (org) return `org ${org}`;
  return 'account scope';
}
