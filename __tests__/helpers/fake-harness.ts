/**
 * A loopback server that plays the Harness REST API with its documented shapes: the v0 connector
 * GET (`{status, data: {connector}}`, errors `{status, code, message, correlationId}`) and
 * get-customer-config, with or without the `/gateway` prefix. Behaviours per identifier make it
 * fail the ways Harness can; every request is recorded for assertions.
 */
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeConnector {
  identifier: string;
  orgIdentifier?: string;
  projectIdentifier?: string;
  name?: string;
  type: string;
  spec: Record<string, unknown>;
}

export type FakeBehaviour =
  /** Not found, in one of the forms Harness uses (the code decides, not the status). */
  | { kind: 'notFound'; status: number; code: 'ENTITY_NOT_FOUND' | 'RESOURCE_NOT_FOUND_EXCEPTION' }
  /** 429 for the first `times` requests (per scope and identifier), then the normal answer; with `retryAfter`, that header too. */
  | { kind: 'rateLimit'; times: number; retryAfter?: string }
  /** A 200 with this body as is (truncated JSON, say). */
  | { kind: 'raw'; text: string }
  /** This error on every request. */
  | { kind: 'error'; status: number; code?: string; message?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** A 302 to `location`. */
  | { kind: 'redirect'; location: string }
  /** A 200 whose body is `mb` MiB of spaces before `{}`, written in 1 MiB pieces (a proxy's endless page). */
  | { kind: 'huge'; mb: number };

/** Key of `behaviours` for the get-customer-config endpoint. */
export const EXECUTION_CONFIG = 'execution-config';

export interface FakeHarnessOptions {
  apiKey: string;
  accountId: string;
  connectors?: FakeConnector[];
  /** By connector identifier (every scope), or {@link EXECUTION_CONFIG}. */
  behaviours?: Record<string, FakeBehaviour>;
  /** get-customer-config `data` per infra; absent infra answers `data: {}`. */
  overrides?: Partial<Record<'K8' | 'VM', Record<string, string> | null>>;
  /** Every answer waits this long (to make requests overlap). */
  latencyMs?: number;
  /** Error messages quote the x-api-key received: a server that leaks the key back. */
  echoKey?: boolean;
  /**
   * Scopes where the key lacks core_connector_view: every connector GET there answers 403
   * NG_ACCESS_DENIED, as Harness does. `account`, `org O`, `project O/P`.
   */
  deniedScopes?: string[];
  /** Connectors (by identifier) a resource group keeps from the key: 403 for those alone. */
  deniedConnectors?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeHarness {
  url: string;
  requests: RecordedRequest[];
  /** Most requests in flight at once so far. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

const scopeKey = (id: string, org?: string | null, project?: string | null) => JSON.stringify([id, org || null, project || null]);

export async function fakeHarness(opts: FakeHarnessOptions): Promise<FakeHarness> {
  const requests: RecordedRequest[] = [];
  const table = new Map((opts.connectors ?? []).map((c) => [scopeKey(c.identifier, c.orgIdentifier, c.projectIdentifier), c]));
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('finish', done);
    res.on('close', done);

    const key = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : '';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (opts.latencyMs) setTimeout(answer, opts.latencyMs);
      else answer();
    };
    const error = (status: number, code: string, message: string) =>
      send(status, {
        status: 'ERROR',
        code,
        message: opts.echoKey ? `${message} (x-api-key: ${key})` : message,
        correlationId: 'fake-correlation-id',
        detailedMessage: null,
        responseMessages: [],
      });
    const success = (data: unknown) => send(200, { status: 'SUCCESS', data, metaData: null, correlationId: 'fake-correlation-id' });

    if (req.method !== 'GET') return error(405, 'INVALID_REQUEST', 'Method not allowed');
    if (key !== opts.apiKey) return error(401, 'INVALID_TOKEN', 'Token is not valid.');
    if (url.searchParams.get('accountIdentifier') !== opts.accountId)
      return error(403, 'NG_ACCESS_DENIED', 'Not authorized for this account');
    const path = url.pathname.replace(/^\/gateway(?=\/)/, '');

    const behave = (name: string, counter: string, normal: () => void) => {
      const b = opts.behaviours?.[name];
      if (!b) return normal();
      switch (b.kind) {
        case 'hang':
          return; // the socket stays open until the client gives up or close() destroys it
        case 'error':
          return error(b.status, b.code ?? 'UNKNOWN_ERROR', b.message ?? 'Oops, something went wrong on our end.');
        case 'notFound':
          return error(b.status, b.code, `${name} not found`);
        case 'redirect':
          return send(302, '', { location: b.location });
        case 'raw':
          return send(200, b.text);
        case 'huge': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const piece = Buffer.alloc(1024 * 1024, 0x20);
          let left = b.mb;
          const more = () => {
            while (left > 0 && !res.destroyed) {
              left--;
              if (!res.write(piece)) return void res.once('drain', more);
            }
            if (!res.destroyed) res.end('{}');
          };
          res.on('error', () => {});
          return more();
        }
        case 'rateLimit': {
          const n = (seen.get(counter) ?? 0) + 1;
          seen.set(counter, n);
          // Harness's limiter (Cloud Armor) answers 429 without Retry-After.
          if (n <= b.times)
            return send(429, 'Too Many Requests', {
              'content-type': 'text/plain',
              ...(b.retryAfter ? { 'retry-after': b.retryAfter } : {}),
            });
          return normal();
        }
      }
    };

    const m = /^\/ng\/api\/connectors\/([^/]+)$/.exec(path);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      const org = url.searchParams.get('orgIdentifier');
      const project = url.searchParams.get('projectIdentifier');
      const k = scopeKey(id, org, project);
      const scope = project ? `project ${org}/${project}` : org ? `org ${org}` : 'account';
      if (opts.deniedScopes?.includes(scope))
        return error(403, 'NG_ACCESS_DENIED', `Missing permission core_connector_view on ${scope.split(' ')[0]}`);
      if (opts.deniedConnectors?.includes(id))
        return error(403, 'NG_ACCESS_DENIED', `Missing permission core_connector_view on connector ${id}`);
      return behave(id, k, () => {
        const c = table.get(k);
        if (!c) return error(404, 'RESOURCE_NOT_FOUND_EXCEPTION', `Connector ${id} not found`);
        success({
          connector: {
            name: c.name ?? c.identifier,
            identifier: c.identifier,
            description: '',
            orgIdentifier: c.orgIdentifier ?? null,
            projectIdentifier: c.projectIdentifier ?? null,
            tags: {},
            type: c.type,
            spec: c.spec,
          },
          createdAt: 1636476303660,
          lastModifiedAt: 1636476303657,
          status: null,
          harnessManaged: false,
          entityValidityDetails: { valid: true, invalidYaml: null },
        });
      });
    }
    if (path === '/ci/execution-config/get-customer-config') {
      const infra = url.searchParams.get('infra');
      if (infra !== 'K8' && infra !== 'VM') return error(400, 'INVALID_REQUEST', 'infra must be K8 or VM');
      return behave(EXECUTION_CONFIG, `${EXECUTION_CONFIG}:${infra}`, () =>
        success(opts.overrides?.[infra] === undefined ? {} : opts.overrides[infra]),
      );
    }
    // An unknown path answers like a web server, not like the API: no Harness error code.
    send(404, '<html>Not Found</html>', { 'content-type': 'text/html' });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep their sockets open: destroy them so close() returns.
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
