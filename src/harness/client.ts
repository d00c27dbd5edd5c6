/**
 * A small read-only client for the Harness REST API: connectors by scope and identifier
 * (`GET /ng/api/connectors/{id}`, v0: the v1 API lacks Docker/GitHub/GCP connector types) and the
 * account's CI image overrides (`GET /ci/execution-config/get-customer-config`). Each lookup
 * resolves to a result, never throws, except a HarnessAuthError when the key is refused (401); a
 * missing permission (403) is a `failed` result that names it. Policy
 * (rate, retries, budget) lives in ./transport.ts; URL shapes in ./urls.ts.
 */
import { clip, defaultSleep, errorBody, HarnessAuthError, isRecord, NOT_FOUND_CODES, Transport } from './transport.js';
import type { HarnessClientStats, Reply, Sleep } from './transport.js';
import type { HarnessScope } from './urls.js';
import { apiUrl, connectorUiUrl, describeScope, normaliseBaseUrl, scopeParams } from './urls.js';

export { HarnessAuthError };
export type { HarnessClientStats, HarnessScope, Sleep };
export { accountIdFromKey, connectorUiUrl } from './urls.js';

export interface HarnessClientOptions {
  /** `https://app.harness.io`, `…/gateway`, a regional, vanity or self-managed host. */
  baseUrl: string;
  accountId: string;
  apiKey: string;
  /** Requests in flight at once. */
  concurrency?: number;
  /** One HTTP request, body included. */
  requestTimeoutMs?: number;
  /** Everything this client does, from its first request: past it, lookups resolve to `failed`. */
  budgetMs?: number;
  /** Least time between two request starts (a floor on the rate for the whole client). */
  minIntervalMs?: number;
  /** Retries after a timeout, connection error or 5xx (429s retry on their own, within the budget). */
  retries?: number;
  /** First backoff wait; doubles on each retry. A 429's Retry-After, when sent, decides that wait instead. */
  backoffMs?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
}

/**
 * The defaults, and why:
 * - minIntervalMs 250: at most 240 requests/min, 60% of Harness's 400/min per key, leaving room
 *   for other jobs sharing the key.
 * - concurrency 4: enough to overlap latency at that pace, polite to the gateway.
 * - requestTimeoutMs 10 s: a single GET answers in well under a second when Harness is healthy.
 * - budgetMs 40 s: a CI step that cannot reach Harness is done in under a minute; at the
 *   default pace that is room for about 160 requests.
 * - retries 2, backoffMs 1 s (then 2 s): rides out a blip without burning the budget; 429s back
 *   off 1, 2, 4, 8, 16 s as Harness's own MCP server does (or as long as a Retry-After asks).
 */
export const HARNESS_CLIENT_DEFAULTS = {
  concurrency: 4,
  requestTimeoutMs: 10_000,
  budgetMs: 40_000,
  minIntervalMs: 250,
  retries: 2,
  backoffMs: 1_000,
} as const;

/** Permissions named in auth errors. */
export const CONNECTOR_VIEW_PERMISSION = 'core_connector_view';
/**
 * get-customer-config is guarded by the account view permission (harness-core's
 * ExecutionConfigResource: resource ACCOUNT, VIEW_ACCOUNT_PERMISSION = "core_account_view"); the
 * public docs do not name it.
 */
export const ACCOUNT_VIEW_PERMISSION = 'core_account_view';

export interface ConnectorRef extends HarnessScope {
  identifier: string;
}

/** `data.connector` of the v0 API, reduced to what a checker reads; `spec` is the raw, type-specific object. */
export interface HarnessConnector {
  identifier: string;
  name?: string;
  orgIdentifier?: string;
  projectIdentifier?: string;
  type: string;
  spec: Record<string, unknown>;
}

/** No answer, and why; `refused` names the permission when a 403 said the key lacks it at that scope. */
export type FailedResult = { kind: 'failed'; reason: string; refused?: string };

export type ConnectorResult = { kind: 'found'; connector: HarnessConnector; uiUrl: string } | { kind: 'notFound' } | FailedResult;

export type ImageOverridesResult = { kind: 'found'; overrides: Record<string, string> } | FailedResult;

export type CiInfra = 'K8' | 'VM';

export interface HarnessClient {
  /** The connector at exactly this scope (no params = account). Asked once per client; later calls share the answer. */
  getConnector(ref: ConnectorRef): Promise<ConnectorResult>;
  /** The account's CI image overrides for one infrastructure type (field → "image:tag"; empty when none). */
  getImageOverrides(infra: CiInfra): Promise<ImageOverridesResult>;
  stats(): HarnessClientStats;
}

const positive = (v: number | undefined, fallback: number, min: number): number =>
  v !== undefined && Number.isFinite(v) ? Math.max(min, v) : fallback;

export function createHarnessClient(options: HarnessClientOptions): HarnessClient {
  const base = normaliseBaseUrl(options.baseUrl);
  if (!options.apiKey.trim()) throw new TypeError('Harness API key is empty');
  if (!options.accountId.trim()) throw new TypeError('Harness account id is empty');
  const accountId = options.accountId.trim();
  const d = HARNESS_CLIENT_DEFAULTS;
  const transport = new Transport(
    {
      apiKey: options.apiKey,
      accountId,
      concurrency: Math.floor(positive(options.concurrency, d.concurrency, 1)),
      requestTimeoutMs: positive(options.requestTimeoutMs, d.requestTimeoutMs, 1),
      budgetMs: positive(options.budgetMs, d.budgetMs, 1),
      minIntervalMs: positive(options.minIntervalMs, d.minIntervalMs, 0),
      retries: Math.floor(positive(options.retries, d.retries, 0)),
      backoffMs: positive(options.backoffMs, d.backoffMs, 0),
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? Date.now,
    },
    new URL(base).host,
  );
  const cache = new Map<string, Promise<ConnectorResult | ImageOverridesResult>>();

  /** One promise per key, marked handled so an abandoned rejection cannot crash the process. */
  const once = <T extends ConnectorResult | ImageOverridesResult>(key: string, run: () => Promise<T>): Promise<T> => {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = (async () => {
        transport.checkAuth();
        const result = await run();
        if (result.kind === 'failed') transport.counts.failed++;
        return result;
      })();
      p.catch(() => {});
      cache.set(key, p);
    }
    return p;
  };

  const failed = (reason: string, refused?: string): FailedResult => ({
    kind: 'failed',
    reason: clip(transport.redact(reason)),
    ...(refused ? { refused } : {}),
  });

  return {
    getConnector(ref) {
      const identifier = ref.identifier.trim();
      const scope = scopeParams(ref);
      if (!identifier) return Promise.reject(new TypeError('connector identifier is empty'));
      if (scope.projectIdentifier && !scope.orgIdentifier)
        return Promise.reject(new TypeError('a project-scope connector needs orgIdentifier too'));
      return once(JSON.stringify(['connector', scope.orgIdentifier ?? null, scope.projectIdentifier ?? null, identifier]), async () => {
        const url = apiUrl(base, `/ng/api/connectors/${encodeURIComponent(identifier)}`, accountId, { ...scope });
        const reply = await transport.send(url, {
          what: `reading connector ${identifier} (${describeScope(scope)})`,
          permission: CONNECTOR_VIEW_PERMISSION,
          scope: describeScope(scope),
        });
        if (!reply.ok) return failed(reply.reason, reply.refused);
        if (NOT_FOUND_CODES.has(errorBody(reply.body).code ?? '')) return { kind: 'notFound' };
        const connector = reply.status === 200 ? parseConnector(reply.body, identifier) : undefined;
        if (!connector) return failed(unexpected(reply, 'data.connector'));
        return { kind: 'found', connector, uiUrl: connectorUiUrl(base, accountId, scope, identifier) };
      });
    },

    getImageOverrides(infra) {
      return once(JSON.stringify(['overrides', infra]), async () => {
        const url = apiUrl(base, '/ci/execution-config/get-customer-config', accountId, { infra, overridesOnly: 'true' });
        const reply = await transport.send(url, {
          what: `reading the CI image overrides (infra ${infra})`,
          permission: ACCOUNT_VIEW_PERMISSION,
          scope: `account scope, infra ${infra}`,
        });
        if (!reply.ok) return failed(reply.reason, reply.refused);
        const overrides = reply.status === 200 ? parseOverrides(reply.body) : undefined;
        if (!overrides) return failed(unexpected(reply, 'data'));
        return { kind: 'found', overrides };
      });
    },

    stats: () => ({ ...transport.counts }),
  };
}

/** `data.connector` of a SUCCESS envelope, or undefined when the shape is not that. */
function parseConnector(body: unknown, requested: string): HarnessConnector | undefined {
  if (!isRecord(body) || body.status === 'ERROR' || !isRecord(body.data)) return undefined;
  const c = body.data.connector;
  if (!isRecord(c) || typeof c.type !== 'string' || !isRecord(c.spec)) return undefined;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const name = str(c.name);
  const org = str(c.orgIdentifier);
  const project = str(c.projectIdentifier);
  return {
    identifier: str(c.identifier) ?? requested,
    ...(name ? { name } : {}),
    ...(org ? { orgIdentifier: org } : {}),
    ...(project ? { projectIdentifier: project } : {}),
    type: c.type,
    spec: c.spec,
  };
}

/** `data` of get-customer-config: field → "image:tag". `data: null` or `{}` means no overrides. */
function parseOverrides(body: unknown): Record<string, string> | undefined {
  if (!isRecord(body) || body.status === 'ERROR') return undefined;
  if (body.data === null || body.data === undefined) return 'data' in body ? {} : undefined;
  if (!isRecord(body.data)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body.data)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Why a final reply is not an answer: "HTTP 400 INVALID_REQUEST: …", a body that is not JSON, or a shape mismatch. */
function unexpected(reply: Extract<Reply, { ok: true }>, field: string): string {
  const { code, message } = errorBody(reply.body);
  const said = [code, message].filter(Boolean).join(': ');
  if (reply.status !== 200)
    return `HTTP ${reply.status}${said ? ` ${said}` : reply.status === 404 ? ' without a Harness error code (is the base URL right?)' : ''}`;
  if (reply.notJson) return 'unexpected response: HTTP 200 with a body that is not JSON (cut short, or not from the Harness API)';
  if (said) return `Harness error ${said}`;
  return `unexpected response: no ${field} in the answer`;
}
