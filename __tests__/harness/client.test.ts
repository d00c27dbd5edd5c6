import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  accountIdFromKey,
  ACCOUNT_VIEW_PERMISSION,
  CONNECTOR_VIEW_PERMISSION,
  connectorUiUrl,
  createHarnessClient,
  HARNESS_CLIENT_DEFAULTS,
  HarnessAuthError,
} from '../../src/harness/client.js';
import type { ConnectorResult, HarnessClientOptions } from '../../src/harness/client.js';
import { redactKey } from '../../src/harness/transport.js';
import { EXECUTION_CONFIG, fakeHarness } from '../helpers/fake-harness.js';
import type { FakeHarness, FakeHarnessOptions } from '../helpers/fake-harness.js';

const ACCOUNT = 'AcCt1234_xyz';
/** Planted in every client: no result, error or stats may ever contain it. */
// Letters only: the redaction masks any run of 4 of its characters, and a random port's digits must not be one.
const SECRET = 'SECRETplantedKEYqzXwvBnmRtYuiop';
const KEY = `pat.${ACCOUNT}.tokenIdPLANTED.${SECRET}`;

const DOCKER = { dockerRegistryUrl: 'https://registry.hub.docker.com', providerType: 'DockerHub', auth: { type: 'Anonymous' } };

let servers: FakeHarness[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(opts: Partial<FakeHarnessOptions> = {}): Promise<FakeHarness> {
  const s = await fakeHarness({ apiKey: KEY, accountId: ACCOUNT, ...opts });
  servers.push(s);
  return s;
}

/** Fast by default: no spacing, short backoff. Tests of the pacing set their own. */
const client = (server: FakeHarness, over: Partial<HarnessClientOptions> = {}) =>
  createHarnessClient({ baseUrl: server.url, accountId: ACCOUNT, apiKey: KEY, minIntervalMs: 0, backoffMs: 5, ...over });

/**
 * Virtual time: sleep() records its delay and moves the clock instead of waiting. Sleeps that
 * start together end together (the clock moves to the latest end, not the sum).
 */
function virtualClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      const until = t + ms;
      await new Promise((r) => setImmediate(r));
      t = Math.max(t, until);
    },
  };
}

describe('accountIdFromKey', () => {
  it('reads the 2nd segment of 4-segment pat./sat. keys only', () => {
    expect(accountIdFromKey('pat.abc123.tok.secret')).toBe('abc123');
    expect(accountIdFromKey(' sat.abc123.tok.secret\n')).toBe('abc123');
    expect(accountIdFromKey('pat.6186f434.HpGoSecret')).toBeUndefined(); // old 3-segment PAT: 2nd segment is not the account
    expect(accountIdFromKey('xyz.abc123.tok.secret')).toBeUndefined();
    expect(accountIdFromKey('pat..tok.secret')).toBeUndefined();
    expect(accountIdFromKey('pat.a.b.c.d')).toBeUndefined();
    expect(accountIdFromKey('')).toBeUndefined();
  });
});

describe('connectorUiUrl', () => {
  it('links the account, org and project connector pages, without /gateway', () => {
    expect(connectorUiUrl('https://app.harness.io/gateway/', 'A1', {}, 'harnessImage')).toBe(
      'https://app.harness.io/ng/account/A1/settings/resources/connectors/harnessImage',
    );
    expect(connectorUiUrl('https://app.harness.io', 'A1', { orgIdentifier: 'default' }, 'dh')).toBe(
      'https://app.harness.io/ng/account/A1/settings/organizations/default/setup/resources/connectors/dh',
    );
    expect(connectorUiUrl('https://acme.harness.io//', 'A1', { orgIdentifier: 'default', projectIdentifier: 'shop' }, 'dh')).toBe(
      'https://acme.harness.io/ng/account/A1/home/orgs/default/projects/shop/setup/resources/connectors/dh',
    );
    // An empty org counts as absent, like the API params.
    expect(connectorUiUrl('https://app.harness.io', 'A1', { orgIdentifier: '' }, 'x')).toBe(
      'https://app.harness.io/ng/account/A1/settings/resources/connectors/x',
    );
  });
});

describe('getConnector', () => {
  it('a connector whose values hold the API key (a server that echoes it) comes back with the key replaced', async () => {
    const secret = KEY.split('.').pop()!;
    const server = await serve({
      connectors: [
        { identifier: 'echo', name: `leak ${KEY}`, type: 'DockerRegistry', spec: { ...DOCKER, dockerRegistryUrl: `https://x/${secret}` } },
      ],
    });
    const answer = await client(server).getConnector({ identifier: 'echo' });
    expect(answer.kind).toBe('found');
    const text = JSON.stringify(answer);
    expect(text).not.toContain(secret);
    expect(answer.kind === 'found' && [answer.connector.name, answer.connector.spec.dockerRegistryUrl]).toEqual([
      'leak ***',
      'https://x/***',
    ]);
  });

  it('sends exactly the scope params given, and the same identifier at two scopes gives two answers', async () => {
    const server = await serve({
      connectors: [
        { identifier: 'dockerhub', type: 'DockerRegistry', spec: { ...DOCKER, executeOnDelegate: false } },
        {
          identifier: 'dockerhub',
          orgIdentifier: 'default',
          projectIdentifier: 'shop',
          name: 'Shop Docker',
          type: 'DockerRegistry',
          spec: { ...DOCKER, executeOnDelegate: true },
        },
        { identifier: 'gh', orgIdentifier: 'default', type: 'Github', spec: { url: 'https://github.com/acme' } },
      ],
    });
    const c = client(server);
    const account = await c.getConnector({ identifier: 'dockerhub' });
    const project = await c.getConnector({ identifier: 'dockerhub', orgIdentifier: 'default', projectIdentifier: 'shop' });
    const org = await c.getConnector({ identifier: 'gh', orgIdentifier: 'default' });

    expect(account).toEqual({
      kind: 'found',
      connector: { identifier: 'dockerhub', name: 'dockerhub', type: 'DockerRegistry', spec: { ...DOCKER, executeOnDelegate: false } },
      uiUrl: `${server.url}/ng/account/${ACCOUNT}/settings/resources/connectors/dockerhub`,
    });
    expect(project).toEqual({
      kind: 'found',
      connector: {
        identifier: 'dockerhub',
        name: 'Shop Docker',
        orgIdentifier: 'default',
        projectIdentifier: 'shop',
        type: 'DockerRegistry',
        spec: { ...DOCKER, executeOnDelegate: true },
      },
      uiUrl: `${server.url}/ng/account/${ACCOUNT}/home/orgs/default/projects/shop/setup/resources/connectors/dockerhub`,
    });
    expect(org.kind === 'found' && org.connector.orgIdentifier).toBe('default');

    const q = server.requests.map((r) => [r.path, Object.fromEntries(r.query)]);
    expect(q).toEqual([
      ['/ng/api/connectors/dockerhub', { accountIdentifier: ACCOUNT, routingId: ACCOUNT }],
      [
        '/ng/api/connectors/dockerhub',
        { accountIdentifier: ACCOUNT, routingId: ACCOUNT, orgIdentifier: 'default', projectIdentifier: 'shop' },
      ],
      ['/ng/api/connectors/gh', { accountIdentifier: ACCOUNT, routingId: ACCOUNT, orgIdentifier: 'default' }],
    ]);
    for (const r of server.requests) {
      expect(r.method).toBe('GET');
      expect(r.headers['x-api-key']).toBe(KEY);
      expect(r.headers['harness-account']).toBe(ACCOUNT);
    }
  });

  it('works against a /gateway base URL with a trailing slash', async () => {
    const server = await serve({ connectors: [{ identifier: 'harnessImage', type: 'DockerRegistry', spec: DOCKER }] });
    const c = createHarnessClient({ baseUrl: `${server.url}/gateway/`, accountId: ACCOUNT, apiKey: KEY, minIntervalMs: 0 });
    const r = await c.getConnector({ identifier: 'harnessImage' });
    expect(r.kind).toBe('found');
    expect(r.kind === 'found' && r.uiUrl).toBe(`${server.url}/ng/account/${ACCOUNT}/settings/resources/connectors/harnessImage`);
    expect(server.requests.map((q) => q.path)).toEqual(['/gateway/ng/api/connectors/harnessImage']);
  });

  it('asks for each (scope, identifier) once, even when asked concurrently', async () => {
    const server = await serve({ latencyMs: 30, connectors: [{ identifier: 'dh', type: 'DockerRegistry', spec: DOCKER }] });
    const c = client(server);
    const asks = [
      ...Array.from({ length: 5 }, () => c.getConnector({ identifier: 'dh' })),
      c.getConnector({ identifier: 'dh', orgIdentifier: 'default' }),
      c.getConnector({ identifier: 'dh', orgIdentifier: 'default', projectIdentifier: '' }), // '' = no project: same as the line above
    ];
    const results = await Promise.all(asks);
    expect(results.map((r) => r.kind)).toEqual(['found', 'found', 'found', 'found', 'found', 'notFound', 'notFound']);
    expect(results[1]).toBe(results[0]);
    expect(server.requests.map((r) => r.query.get('orgIdentifier'))).toEqual([null, 'default']);
    // Asked again later: still cached.
    await c.getConnector({ identifier: 'dh' });
    expect(server.requests).toHaveLength(2);
    expect(c.stats()).toEqual({ made: 2, retried: 0, rateLimited: 0, failed: 0 });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const table = { latencyMs: 40, connectors: ids.map((identifier) => ({ identifier, type: 'DockerRegistry', spec: DOCKER })) };
    const lookAll = async (concurrency: number) => {
      const server = await serve(table);
      const c = client(server, { concurrency });
      const results = await Promise.all(ids.map((identifier) => c.getConnector({ identifier })));
      expect(results.every((r) => r.kind === 'found')).toBe(true);
      return server.maxInFlight;
    };
    expect(await lookAll(3)).toBe(3);
    expect(await lookAll(HARNESS_CLIENT_DEFAULTS.concurrency)).toBe(4);
    expect(await lookAll(100)).toBeGreaterThan(4); // the fake does see overlap beyond the bound
  });

  it('spaces request starts by minIntervalMs (default 250 ms: at most 240 requests a minute)', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
    const server = await serve({ connectors: ids.map((identifier) => ({ identifier, type: 'DockerRegistry', spec: DOCKER })) });
    const clock = virtualClock();
    const starts: number[] = [];
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      now: clock.now,
      sleep: clock.sleep,
      fetch: (input, init) => (starts.push(clock.now()), fetch(input, init)),
    });
    await Promise.all(ids.map((identifier) => c.getConnector({ identifier })));
    expect(starts).toHaveLength(8);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(HARNESS_CLIENT_DEFAULTS.minIntervalMs);
    expect(HARNESS_CLIENT_DEFAULTS.minIntervalMs).toBeGreaterThanOrEqual(60_000 / 300);
  });

  it('backs off 1, 2, 4 s after 429s (no Retry-After) and then succeeds', async () => {
    const server = await serve({
      behaviours: { busy: { kind: 'rateLimit', times: 3 } },
      connectors: [{ identifier: 'busy', type: 'DockerRegistry', spec: DOCKER }],
    });
    const clock = virtualClock();
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      minIntervalMs: 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    const r = await c.getConnector({ identifier: 'busy' });
    expect(r.kind).toBe('found');
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(server.requests).toHaveLength(4);
    expect(c.stats()).toEqual({ made: 4, retried: 3, rateLimited: 3, failed: 0 });
  });

  it('a 429 pauses the other lookups too (the limit is per key)', async () => {
    const server = await serve({
      behaviours: { busy: { kind: 'rateLimit', times: 1 } },
      connectors: ['busy', 'other'].map((identifier) => ({ identifier, type: 'DockerRegistry', spec: DOCKER })),
    });
    const clock = virtualClock();
    const starts: Array<[string, number]> = [];
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      concurrency: 1,
      minIntervalMs: 0,
      now: clock.now,
      sleep: clock.sleep,
      fetch: (input, init) => (starts.push([String(input).split('?')[0]!.split('/').pop()!, clock.now()]), fetch(input, init)),
    });
    const [a, b] = await Promise.all([c.getConnector({ identifier: 'busy' }), c.getConnector({ identifier: 'other' })]);
    expect([a.kind, b.kind]).toEqual(['found', 'found']);
    expect(starts).toEqual([
      ['busy', 0],
      ['other', 1000],
      ['busy', 1000],
    ]);
  });

  it('gives up on endless 429s when the time budget is spent', async () => {
    const server = await serve({ behaviours: { busy: { kind: 'rateLimit', times: 1_000 } } });
    const clock = virtualClock();
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      minIntervalMs: 0,
      budgetMs: 10_000,
      now: clock.now,
      sleep: clock.sleep,
    });
    const started = Date.now();
    const r = await c.getConnector({ identifier: 'busy' });
    // It stopped with 3 s left, not at the end of the budget: the reason says so.
    expect(r).toEqual({
      kind: 'failed',
      reason: 'gave up with 3 s of the time budget of 10 s left: the next wait (8 s) would end past it (last: HTTP 429 (rate limited))',
    });
    expect(clock.now()).toBeLessThanOrEqual(10_000);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]); // the next wait (8 s) would end past the budget
    expect(Date.now() - started).toBeLessThan(2000);
    expect(c.stats()).toMatchObject({ made: 4, rateLimited: 4, failed: 1 });
  });

  it('waits as long as a 429’s Retry-After says, in seconds or as an HTTP date', async () => {
    const server = await serve({
      behaviours: {
        seconds: { kind: 'rateLimit', times: 1, retryAfter: '3' },
        date: { kind: 'rateLimit', times: 1, retryAfter: new Date(Date.now() + 6_000).toUTCString() },
      },
      connectors: ['seconds', 'date'].map((identifier) => ({ identifier, type: 'DockerRegistry', spec: DOCKER })),
    });
    const clock = virtualClock();
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      minIntervalMs: 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect((await c.getConnector({ identifier: 'seconds' })).kind).toBe('found');
    expect(clock.sleeps).toEqual([3000]); // not the 1 s backoff
    expect((await c.getConnector({ identifier: 'date' })).kind).toBe('found');
    // An HTTP date has whole seconds: 5 to 6 s from when it was written.
    expect(clock.sleeps[1]).toBeGreaterThan(4000);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(6000);
    expect(server.requests).toHaveLength(4);
  });

  it('a Retry-After past the time budget: gives up at once, saying why', async () => {
    const server = await serve({ behaviours: { busy: { kind: 'rateLimit', times: 1, retryAfter: '120' } } });
    const clock = virtualClock();
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      minIntervalMs: 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(await c.getConnector({ identifier: 'busy' })).toEqual({
      kind: 'failed',
      reason:
        'gave up with 40 s of the time budget of 40 s left: the next wait (120 s, as Retry-After asked) would end past it (last: HTTP 429 (rate limited))',
    });
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('a request already waiting for its turn when a 429 comes in waits out the pause too', async () => {
    const server = await serve({
      behaviours: { busy: { kind: 'rateLimit', times: 1 } },
      connectors: ['busy', 'other'].map((identifier) => ({ identifier, type: 'DockerRegistry', spec: DOCKER })),
    });
    const sent: Array<[string, number]> = [];
    const c = client(server, {
      concurrency: 2,
      minIntervalMs: 150, // `other` is asleep in its turn's wait when `busy` gets its 429
      backoffMs: 600,
      fetch: (input, init) => (sent.push([String(input).split('?')[0]!.split('/').pop()!, Date.now()]), fetch(input, init)),
    });
    const started = Date.now();
    const results = await Promise.all([c.getConnector({ identifier: 'busy' }), c.getConnector({ identifier: 'other' })]);
    expect(results.map((r) => r.kind)).toEqual(['found', 'found']);
    expect(sent.map(([id]) => id).sort()).toEqual(['busy', 'busy', 'other']);
    // Before the fix `other` went out at about 150 ms, inside the 600 ms pause.
    const other = sent.find(([id]) => id === 'other')!;
    expect(other[1] - started).toBeGreaterThanOrEqual(550);
  });

  it('a 200 whose body is cut short says the body is not JSON', async () => {
    const server = await serve({ behaviours: { cut: { kind: 'raw', text: '{"status":"SUCCESS","data":{"connector":{"type":"Dock' } } });
    expect(await client(server).getConnector({ identifier: 'cut' })).toEqual({
      kind: 'failed',
      reason: 'unexpected response: HTTP 200 with a body that is not JSON (cut short, or not from the Harness API)',
    });
  });

  it('classifies not-found by the body code: HTTP 200 ENTITY_NOT_FOUND and HTTP 404 RESOURCE_NOT_FOUND_EXCEPTION', async () => {
    const server = await serve({
      behaviours: {
        gone200: { kind: 'notFound', status: 200, code: 'ENTITY_NOT_FOUND' },
        gone404: { kind: 'notFound', status: 404, code: 'RESOURCE_NOT_FOUND_EXCEPTION' },
        gone400: { kind: 'notFound', status: 400, code: 'RESOURCE_NOT_FOUND_EXCEPTION' },
        bad: { kind: 'error', status: 400, code: 'INVALID_REQUEST', message: 'Invalid identifier' },
      },
    });
    const c = client(server);
    expect(await c.getConnector({ identifier: 'gone200' })).toEqual({ kind: 'notFound' });
    expect(await c.getConnector({ identifier: 'gone404' })).toEqual({ kind: 'notFound' });
    expect(await c.getConnector({ identifier: 'gone400' })).toEqual({ kind: 'notFound' });
    expect(await c.getConnector({ identifier: 'bad' })).toEqual({ kind: 'failed', reason: 'HTTP 400 INVALID_REQUEST: Invalid identifier' });
    expect(c.stats()).toMatchObject({ made: 4, retried: 0, failed: 1 });
  });

  it('a 403 that carries a not-found code is not found, not a refused key', async () => {
    const server = await serve({ behaviours: { hidden: { kind: 'notFound', status: 403, code: 'ENTITY_NOT_FOUND' } } });
    expect(await client(server).getConnector({ identifier: 'hidden' })).toEqual({ kind: 'notFound' });
  });

  it('a body over the size limit is not read into memory: the lookup fails, saying so', async () => {
    const server = await serve({ behaviours: { endless: { kind: 'huge', mb: 64 } } });
    const result = await client(server, { retries: 0 }).getConnector({ identifier: 'endless' });
    expect(result).toEqual({ kind: 'failed', reason: expect.stringMatching(/body over 4 MiB, not read/) });
  });

  it('a 404 without a Harness error code is a failure (wrong base URL), not "not found"', async () => {
    const server = await serve();
    const c = createHarnessClient({ baseUrl: `${server.url}/not-harness`, accountId: ACCOUNT, apiKey: KEY, minIntervalMs: 0 });
    expect(await c.getConnector({ identifier: 'x' })).toEqual({
      kind: 'failed',
      reason: 'HTTP 404 without a Harness error code (is the base URL right?)',
    });
  });

  it('401 throws a HarnessAuthError naming the status, permission and host, and stops the queued lookups', async () => {
    const server = await serve({ apiKey: 'pat.other.key.value', echoKey: true, latencyMs: 20 });
    const c = client(server, { concurrency: 1 });
    const started = Date.now();
    const asks = Array.from({ length: 10 }, (_, i) => c.getConnector({ identifier: `c${i}` }));
    const errors = await Promise.all(
      asks.map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
    for (const e of errors) expect(e).toBeInstanceOf(HarnessAuthError);
    const e = errors[0] as HarnessAuthError;
    expect(e.status).toBe(401);
    expect(e.permission).toBe(CONNECTOR_VIEW_PERMISSION);
    const host = new URL(server.url).host;
    expect(e.host).toBe(host);
    expect(e.message).toContain('HTTP 401');
    expect(e.message).toContain('core_connector_view');
    expect(e.message).toContain(host);
    expect(e.message).toContain('INVALID_TOKEN'); // Harness's own words, key removed
    expect(e.message).not.toContain(SECRET);
    // Later lookups fail at once, without a request.
    await expect(c.getConnector({ identifier: 'later' })).rejects.toBe(e);
    await expect(c.getImageOverrides('K8')).rejects.toBe(e);
    expect(server.requests).toHaveLength(1);
  });

  it('403 fails only its own lookup: other connectors of the scope, other scopes and requests in flight go on', async () => {
    const server = await serve({
      latencyMs: 30,
      deniedScopes: ['account', 'org o2'],
      connectors: [{ identifier: 'dh', orgIdentifier: 'o1', type: 'DockerRegistry', spec: DOCKER }],
    });
    const c = client(server, { concurrency: 1 });
    const [account, inO1, inO2, again, inO2b] = await Promise.all([
      c.getConnector({ identifier: 'harnessImage' }),
      c.getConnector({ identifier: 'dh', orgIdentifier: 'o1' }),
      c.getConnector({ identifier: 'dh', orgIdentifier: 'o2' }),
      c.getConnector({ identifier: 'other' }),
      c.getConnector({ identifier: 'x', orgIdentifier: 'o2' }),
    ]);
    expect(account).toEqual({
      kind: 'failed',
      reason:
        'HTTP 403: the API key lacks the permission core_connector_view (account scope). Harness said: NG_ACCESS_DENIED: Missing permission core_connector_view on account',
      refused: CONNECTOR_VIEW_PERMISSION,
    });
    expect(inO1.kind).toBe('found');
    expect(inO2).toMatchObject({ kind: 'failed', refused: CONNECTOR_VIEW_PERMISSION, reason: expect.stringContaining('(org o2)') });
    // Each is asked: a resource group may grant some connectors of a scope and not others.
    expect(again).toMatchObject({ kind: 'failed', refused: CONNECTOR_VIEW_PERMISSION });
    expect(inO2b).toMatchObject({ kind: 'failed', refused: CONNECTOR_VIEW_PERMISSION });
    expect(server.requests.map((r) => `${r.query.get('orgIdentifier') ?? 'account'} ${r.path.split('/').pop()}`)).toEqual([
      'account harnessImage',
      'o1 dh',
      'o2 dh',
      'account other',
      'o2 x',
    ]);
    expect(c.stats()).toMatchObject({ made: 5, failed: 4 });
  });

  it('a 403 for one connector does not stop the lookup of another at the same scope', async () => {
    const server = await serve({
      deniedConnectors: ['other'],
      connectors: [{ identifier: 'good', type: 'DockerRegistry', spec: DOCKER }],
    });
    const c = client(server, { concurrency: 1 });
    expect(await c.getConnector({ identifier: 'other' })).toMatchObject({ kind: 'failed', refused: CONNECTOR_VIEW_PERMISSION });
    expect((await c.getConnector({ identifier: 'good' })).kind).toBe('found');
  });

  it('a 403 does not abort a request in flight at another scope', async () => {
    const server = await serve({
      deniedScopes: ['account'],
      behaviours: { slow: { kind: 'hang' } },
    });
    const c = client(server, { concurrency: 2, requestTimeoutMs: 400, retries: 0 });
    const slow = c.getConnector({ identifier: 'slow', orgIdentifier: 'o1' });
    await new Promise((r) => setTimeout(r, 50));
    expect((await c.getConnector({ identifier: 'harnessImage' })).kind).toBe('failed');
    // Ended by its own timeout, not by the other scope's 403.
    expect(await slow).toEqual({ kind: 'failed', reason: 'timed out after 400 ms' });
  });

  it('5xx: retries twice with backoff, then fails', async () => {
    const server = await serve({ behaviours: { broken: { kind: 'error', status: 500 } } });
    const clock = virtualClock();
    const c = createHarnessClient({
      baseUrl: server.url,
      accountId: ACCOUNT,
      apiKey: KEY,
      minIntervalMs: 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(await c.getConnector({ identifier: 'broken' })).toEqual({ kind: 'failed', reason: 'HTTP 500 UNKNOWN_ERROR (3 attempts)' });
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(c.stats()).toEqual({ made: 3, retried: 2, rateLimited: 0, failed: 1 });
  });

  it('a hanging Harness: one lookup fails after its timeout', async () => {
    const server = await serve({ behaviours: { stuck: { kind: 'hang' } } });
    const c = client(server, { requestTimeoutMs: 200, retries: 0 });
    const started = Date.now();
    expect(await c.getConnector({ identifier: 'stuck' })).toEqual({ kind: 'failed', reason: 'timed out after 200 ms' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(190);
    // Far below a request without a timeout (it would hang); room for a loaded CI machine.
    expect(took).toBeLessThan(2000);
  });

  it('the budget cuts a request in flight when it ends before the request timeout', async () => {
    const server = await serve({ behaviours: { stuck: { kind: 'hang' } } });
    const c = client(server, { requestTimeoutMs: 5_000, budgetMs: 300 });
    const started = Date.now();
    const stuck = await c.getConnector({ identifier: 'stuck' });
    // The time left when the request went out is 300 ms or a millisecond or two less on a busy machine.
    expect(stuck).toEqual({
      kind: 'failed',
      reason: expect.stringMatching(/^time budget of 300 ms spent \(last: no answer in the \d+ ms left\)$/),
    });
    const leftMs = Number(/in the (\d+) ms left/.exec((stuck as { reason: string }).reason)?.[1]);
    expect(leftMs).toBeGreaterThan(250);
    expect(leftMs).toBeLessThanOrEqual(300);
    // Well below the 5 s request timeout: the budget cut it.
    expect(Date.now() - started).toBeLessThan(3000);
    // Budget spent: a later lookup fails without a request.
    expect(await c.getConnector({ identifier: 'later' })).toEqual({
      kind: 'failed',
      reason: 'time budget of 300 ms spent before the request was sent',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a hanging Harness: ten lookups with retries end within the time budget', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const server = await serve({ behaviours: Object.fromEntries(ids.map((id) => [id, { kind: 'hang' as const }])) });
    const c = client(server, { requestTimeoutMs: 150, budgetMs: 800, backoffMs: 20 });
    const started = Date.now();
    const results = await Promise.all(ids.map((identifier) => c.getConnector({ identifier })));
    const took = Date.now() - started;
    // The reasons below show the budget cut them; this bound only shows nothing hung, with room for a
    // machine whose timers run late under heavy load (2.5 s failed there).
    expect(took).toBeLessThan(5000);
    const reasons = results.map((r) => (r.kind === 'failed' ? r.reason : r.kind));
    for (const reason of reasons)
      expect(reason).toMatch(
        /^(timed out after 150 ms \(3 attempts\)|time budget of 800 ms spent \(last: (timed out after 150 ms|no answer in the \d+ ms left)\)|gave up with \d+ ms of the time budget of 800 ms left: the next wait \(\d+ ms\) would end past it \(last: timed out after 150 ms\))$/,
      );
    expect(reasons.some((r) => r.startsWith('time budget of 800 ms spent'))).toBe(true);
    // Every request was cut by its own timeout or by the budget: none outlived the budget.
    expect(server.requests.length).toBeGreaterThanOrEqual(10);
    expect(c.stats().failed).toBe(10);
  });

  it('connection refused: retried, then failed with a short reason', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const c = createHarnessClient({ baseUrl: `http://127.0.0.1:${port}`, accountId: ACCOUNT, apiKey: KEY, minIntervalMs: 0, backoffMs: 5 });
    expect(await c.getConnector({ identifier: 'x' })).toEqual({ kind: 'failed', reason: 'connection refused (3 attempts)' });
    expect(c.stats()).toEqual({ made: 3, retried: 2, rateLimited: 0, failed: 1 });
  });

  it('does not follow redirects (x-api-key would go along)', async () => {
    const elsewhere = await serve();
    const server = await serve({ behaviours: { moved: { kind: 'redirect', location: `${elsewhere.url}/ng/api/connectors/moved` } } });
    const r = await client(server).getConnector({ identifier: 'moved' });
    expect(r).toEqual({
      kind: 'failed',
      reason: `HTTP 302 redirect to ${new URL(elsewhere.url).host} not followed: use the final address as the base URL`,
    });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('rejects a project scope without an org, and an empty identifier', async () => {
    const server = await serve();
    const c = client(server);
    await expect(c.getConnector({ identifier: 'x', projectIdentifier: 'shop' })).rejects.toThrow('needs orgIdentifier');
    await expect(c.getConnector({ identifier: ' ' })).rejects.toThrow('identifier is empty');
    expect(server.requests).toHaveLength(0);
  });
});

describe('getImageOverrides', () => {
  it('reads get-customer-config with overridesOnly=true per infra', async () => {
    const server = await serve({
      overrides: { K8: { gitCloneTag: 'harness/drone-git:1.6.9-rootless', addonTag: 'mirror.acme.io/harness/ci-addon:1.16.92' }, VM: null },
    });
    const c = createHarnessClient({ baseUrl: `${server.url}/gateway`, accountId: ACCOUNT, apiKey: KEY, minIntervalMs: 0 });
    expect(await c.getImageOverrides('K8')).toEqual({
      kind: 'found',
      overrides: { gitCloneTag: 'harness/drone-git:1.6.9-rootless', addonTag: 'mirror.acme.io/harness/ci-addon:1.16.92' },
    });
    expect(await c.getImageOverrides('VM')).toEqual({ kind: 'found', overrides: {} });
    await c.getImageOverrides('K8');
    expect(server.requests.map((r) => [r.path, Object.fromEntries(r.query)])).toEqual([
      [
        '/gateway/ci/execution-config/get-customer-config',
        { accountIdentifier: ACCOUNT, routingId: ACCOUNT, infra: 'K8', overridesOnly: 'true' },
      ],
      [
        '/gateway/ci/execution-config/get-customer-config',
        { accountIdentifier: ACCOUNT, routingId: ACCOUNT, infra: 'VM', overridesOnly: 'true' },
      ],
    ]);
  });

  it('403 is a failed result naming the account view permission, and each infra is asked on its own', async () => {
    const server = await serve({
      behaviours: { [EXECUTION_CONFIG]: { kind: 'error', status: 403, code: 'NG_ACCESS_DENIED', message: 'Missing permission' } },
    });
    const c = client(server);
    const k8 = await c.getImageOverrides('K8');
    expect(k8).toEqual({
      kind: 'failed',
      reason:
        'HTTP 403: the API key lacks the permission core_account_view (account scope, infra K8). Harness said: NG_ACCESS_DENIED: Missing permission',
      refused: ACCOUNT_VIEW_PERMISSION,
    });
    expect(await c.getImageOverrides('VM')).toMatchObject({ kind: 'failed', reason: expect.stringContaining('(account scope, infra VM)') });
    expect(server.requests.map((r) => r.query.get('infra'))).toEqual(['K8', 'VM']);
    // The key works: connectors are still read.
    await expect(c.getConnector({ identifier: 'x' })).resolves.toEqual({ kind: 'notFound' });
  });

  it('a 503 fails after retries', async () => {
    const server = await serve({ behaviours: { [EXECUTION_CONFIG]: { kind: 'error', status: 503, code: 'SERVICE_UNAVAILABLE' } } });
    expect(await client(server).getImageOverrides('VM')).toEqual({ kind: 'failed', reason: 'HTTP 503 SERVICE_UNAVAILABLE (3 attempts)' });
  });
});

describe('the API key never leaks', () => {
  const dump = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) => (x instanceof Error ? { ...x, name: x.name, message: x.message, stack: x.stack } : x));
  const forms = [KEY, SECRET, Buffer.from(KEY).toString('base64'), encodeURIComponent(KEY)];

  it('from results, reasons, errors and stats, even when Harness or fetch echo it back', async () => {
    const server = await serve({
      echoKey: true,
      connectors: [{ identifier: 'ok', type: 'DockerRegistry', spec: DOCKER }],
      behaviours: {
        broken: { kind: 'error', status: 500 },
        bad: { kind: 'error', status: 400, code: 'INVALID_REQUEST', message: 'bad request' },
        // Long enough that a reason cut to 200 characters would end in the middle of the echoed secret.
        long: { kind: 'error', status: 400, code: 'INVALID_REQUEST', message: 'x'.repeat(112) },
        stuck: { kind: 'hang' },
        gone: { kind: 'notFound', status: 200, code: 'ENTITY_NOT_FOUND' },
      },
    });
    const c = client(server, { requestTimeoutMs: 100, retries: 1 });
    const outcomes: unknown[] = await Promise.all(
      ['ok', 'broken', 'bad', 'long', 'stuck', 'gone', 'missing'].map((identifier) => c.getConnector({ identifier })),
    );
    outcomes.push(await c.getImageOverrides('K8'), c.stats());
    expect(
      outcomes.find((o) => (o as ConnectorResult).kind === 'failed' && (o as { reason: string }).reason.includes('x-api-key: ***')),
    ).toBeDefined(); // the echo happened

    // A server that refuses the key and quotes it back.
    const refusing = await serve({ apiKey: 'pat.x.y.z', echoKey: true });
    outcomes.push(
      await client(refusing)
        .getConnector({ identifier: 'x' })
        .catch((e: unknown) => e),
    );

    // fetch errors that carry the request (undici can): with and without a known code.
    const leaky = (code?: string) => async () => {
      const cause = Object.assign(
        new Error(`connect failed; headers: x-api-key=${KEY}; b64 ${Buffer.from(KEY).toString('base64')}`),
        code ? { code } : {},
      );
      throw new TypeError(`fetch failed for ${KEY}`, { cause });
    };
    for (const code of [undefined, 'ECONNRESET', 'ENOTFOUND']) {
      const c2 = client(server, { fetch: leaky(code), retries: 1 });
      outcomes.push(await c2.getConnector({ identifier: 'x' }), c2.stats());
    }
    // A key that fetch refuses as a header value: its TypeError quotes the value.
    const badKey = `${KEY}\n`;
    const c3 = createHarnessClient({ baseUrl: server.url, accountId: ACCOUNT, apiKey: badKey, minIntervalMs: 0 });
    outcomes.push(await c3.getConnector({ identifier: 'x' }).catch((e: unknown) => e));

    const text = dump(outcomes);
    expect(text).toContain('request failed'); // the leaky fetch was used
    expect(text).toContain('connection reset');
    for (const f of forms) expect(text).not.toContain(f);
    // Nor any part of the secret long enough to matter (a reason is cut after it is redacted).
    expect(text).not.toContain(SECRET.slice(0, 8));
  });

  it('redactKey removes a shortened or late-starting echo of the secret too (4 characters or more of it)', () => {
    for (const echo of [KEY.slice(0, -3), `${SECRET.slice(0, 9)}`, `tokenIdPLANTED ${SECRET.slice(5, 20)}`, SECRET.slice(-6)]) {
      const out = redactKey(`key ${echo} expired`, KEY);
      for (let i = 0; i + 4 <= SECRET.length; i++) expect(out).not.toContain(SECRET.slice(i, i + 4));
      expect(out).toMatch(/^key .*\*\*\* expired$/);
    }
  });

  it('redactKey removes the key in every form it knows', () => {
    const text = `a ${KEY} b ${encodeURIComponent(KEY)} c ${Buffer.from(KEY).toString('base64')} d ${SECRET}`;
    const out = redactKey(text, KEY);
    for (const f of forms) expect(out).not.toContain(f);
    expect(out).toBe('a *** b *** c *** d ***');
  });
});

describe('fake Harness', () => {
  it('close() returns while a request hangs', async () => {
    const server = await fakeHarness({ apiKey: KEY, accountId: ACCOUNT, behaviours: { stuck: { kind: 'hang' } } });
    const req = http.get(`${server.url}/ng/api/connectors/stuck?accountIdentifier=${ACCOUNT}`, { headers: { 'x-api-key': KEY } });
    const ended = new Promise((r) => req.on('error', r));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(1);
    const started = Date.now();
    await server.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
