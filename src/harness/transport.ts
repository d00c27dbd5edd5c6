/**
 * The HTTP side of the Harness client: one `send()` per lookup that holds every policy in one
 * place — at most `concurrency` requests in flight, starts spaced `minIntervalMs` apart (Harness
 * allows 400 requests/min per key), retries with exponential backoff or as a 429's Retry-After
 * says, one time budget for the whole run, a refused key (401) that stops everything, and a
 * missing permission (403) that fails only its own request. Nothing it
 * returns or throws contains the API key.
 */
import { UsageError } from '../engine/errors.js';
import { VERSION } from '../version.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportOptions {
  apiKey: string;
  accountId: string;
  concurrency: number;
  requestTimeoutMs: number;
  budgetMs: number;
  minIntervalMs: number;
  retries: number;
  backoffMs: number;
  fetch: typeof fetch;
  sleep: Sleep;
  now: () => number;
}

/** What a request is for, to word an auth failure: "reading connectors at account scope" needs `core_connector_view`. */
export interface RequestPurpose {
  what: string;
  permission: string;
  /**
   * Where the permission is checked ("account scope", "org o1"), for messages. A 403 refuses this
   * request only: Harness resource groups can grant a permission on some connectors of a scope.
   */
  scope: string;
}

/**
 * A final HTTP answer (2xx, 4xx other than 401/403/429, or a not-found body), or why there is none.
 * `notJson` says the body was there but did not parse (cut short, or not the API); `refused`
 * names the permission a 403 said the key lacks at the request's scope.
 */
export type Reply = { ok: true; status: number; body: unknown; notJson?: true } | { ok: false; reason: string; refused?: string };

export interface HarnessClientStats {
  /** HTTP requests sent, retries included. */
  made: number;
  /** Of those, how many were retries (after a 429, 5xx, timeout or connection error). */
  retried: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Lookups (connectors, image overrides) that ended as `failed`. */
  failed: number;
}

/**
 * The API key was refused (401). Thrown by every pending and later lookup of the client: without a
 * working key no answer can be trusted, so the run should stop, as on any bad setting (a
 * UsageError: exit 2, its one-line message). A 403 is not this: the key works, it only lacks a
 * permission somewhere (see `Reply.refused`).
 */
export class HarnessAuthError extends UsageError {
  constructor(
    message: string,
    readonly status: 401 | 403,
    readonly permission: string,
    readonly host: string,
  ) {
    super(message);
    this.name = 'HarnessAuthError';
  }
}

/** Harness error codes meaning "no such entity", whatever the HTTP status they come with. */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['ENTITY_NOT_FOUND', 'RESOURCE_NOT_FOUND_EXCEPTION']);

/** 429 retries stop here even under a generous budget; single waits are capped too. */
const MAX_RATE_LIMIT_RETRIES = 6;
const MAX_BACKOFF_MS = 16_000;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{code, message}` of a Harness error body (`{status, code, message, correlationId}`), if it is one. */
export function errorBody(body: unknown): { code?: string; message?: string } {
  if (!isRecord(body)) return {};
  return {
    ...(typeof body.code === 'string' ? { code: body.code } : {}),
    ...(typeof body.message === 'string' ? { message: body.message } : {}),
  };
}

/**
 * `text` with the key removed: the whole key, its URL-encoded and base64 forms, and its secret
 * (last) segment on its own. Errors from fetch/undici and echoed error bodies can carry any of them.
 */
export function redactKey(text: string, key: string): string {
  const out = withoutKey(text, key);
  // An echo may cut the secret short or start it late ("key pat.a.b.secretval expired"): any run
  // of 4 or more of its characters goes too.
  const last = key.trim().split('.').pop() ?? '';
  return last.length >= 8 ? maskPieces(out, last, 4) : out;
}

/**
 * `text` with the key's whole forms (see `redactKey`) replaced by `***`, and nothing else: for a
 * reply's body, whose values (a connector's name or URL) reach reports, and where masking short
 * pieces could change a value. None of the forms holds a character JSON gives a meaning to.
 */
function withoutKey(text: string, key: string): string {
  const k = key.trim();
  if (!k) return text;
  const secrets = new Set([key, k, encodeURIComponent(k), Buffer.from(k).toString('base64')]);
  const last = k.split('.').pop() ?? '';
  if (last.length >= 8) secrets.add(last);
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join('***');
  return out;
}

/** `text` with every run of at least `min` characters that also occurs in `secret` replaced by `***`. */
function maskPieces(text: string, secret: string, min: number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    let longest = 0;
    for (let j = 0; j + min <= secret.length; j++) {
      let k = 0;
      while (i + k < text.length && j + k < secret.length && text[i + k] === secret[j + k]) k++;
      if (k > longest) longest = k;
    }
    if (longest >= min) {
      out += '***';
      i += longest;
    } else out += text[i++];
  }
  return out;
}

/** The most of a response body read: a connector is a few KB; a proxy's page of gigabytes would exhaust memory. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readCapped(res: Response, limit: number): Promise<string | undefined> {
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** "10 s", "1.5 s", "200 ms". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A counting semaphore whose waiters give up when `signal` aborts (an auth failure). */
class Slots {
  private waiters: Array<() => void> = [];
  constructor(private free: number) {}

  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(this.releaser());
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(signal.reason);
      };
      this.waiters.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/** One attempt's outcome: a final reply, or a failure to retry (or not). */
type Outcome =
  | { kind: 'reply'; status: number; body: unknown; notJson?: true }
  /** `waitMs`: what a 429's Retry-After asked for. */
  | { kind: 'retry'; reason: string; rateLimited?: boolean; waitMs?: number }
  | { kind: 'fail'; reason: string }
  /** HTTP 403: the key lacks the purpose's permission at its scope. */
  | { kind: 'refused'; reason: string }
  /** Timed out on a timeout the budget had shortened. */
  | { kind: 'spent'; leftMs: number };

/** Connection error codes worth a retry; anything else (DNS name unknown, TLS) fails at once. */
const TRANSIENT_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  ETIMEDOUT: 'connect timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
};

export class Transport {
  readonly counts: HarnessClientStats = { made: 0, retried: 0, rateLimited: 0, failed: 0 };
  private readonly slots: Slots;
  /** Aborted with the HarnessAuthError: wakes every waiter and in-flight request. */
  private readonly stop = new AbortController();
  private fatal: HarnessAuthError | undefined;
  /** Set by the first send: the whole run shares one budget. */
  private deadline: number | undefined;
  private nextStart = -Infinity;
  /** After a 429 every request waits until here: the limit is per key, not per request. */
  private pausedUntil = -Infinity;

  constructor(
    private readonly o: TransportOptions,
    readonly host: string,
  ) {
    this.slots = new Slots(o.concurrency);
  }

  redact(text: string): string {
    return redactKey(text, this.o.apiKey);
  }

  /** Throws the auth error if one happened; every lookup calls this first. */
  checkAuth(): void {
    if (this.fatal) throw this.fatal;
  }

  /** GET `url`, retrying as the policy says. Throws only a HarnessAuthError (401). */
  async send(url: URL, purpose: RequestPurpose): Promise<Reply> {
    this.deadline ??= this.o.now() + this.o.budgetMs;
    const deadline = this.deadline;
    let attempts = 0;
    let transient = 0;
    let limited = 0;
    let last: string | undefined;
    const spent = () => ({
      ok: false as const,
      reason: `time budget of ${formatMs(this.o.budgetMs)} spent${last ? ` (last: ${last})` : ' before the request was sent'}`,
    });
    // Stopped early: the budget is not spent yet, but the wait before the next try would end past it.
    const tooLong = (waitMs: number, asked = false) => ({
      ok: false as const,
      reason:
        `gave up with ${formatMs(deadline - this.o.now())} of the time budget of ${formatMs(this.o.budgetMs)} left: ` +
        `the next wait (${formatMs(waitMs)}${asked ? ', as Retry-After asked' : ''}) would end past it${last ? ` (last: ${last})` : ''}`,
    });
    for (;;) {
      this.checkAuth();
      const release = await this.guard(() => this.slots.acquire(this.stop.signal));
      let outcome: Outcome;
      try {
        const late = await this.gate(deadline);
        if (late) return late.waitMs > 0 ? tooLong(late.waitMs) : spent();
        const left = deadline - this.o.now();
        if (left <= 0) return spent();
        const timeout = Math.min(this.o.requestTimeoutMs, left);
        this.counts.made++;
        if (attempts++ > 0) this.counts.retried++;
        outcome = await this.attempt(url, purpose, timeout, timeout < this.o.requestTimeoutMs);
      } finally {
        release();
      }
      if (outcome.kind === 'reply')
        return { ok: true, status: outcome.status, body: outcome.body, ...(outcome.notJson ? { notJson: true as const } : {}) };
      if (outcome.kind === 'refused') return { ok: false, reason: outcome.reason, refused: purpose.permission };
      if (outcome.kind === 'spent') {
        last ??= `no answer in the ${formatMs(outcome.leftMs)} left`;
        return spent();
      }
      last = outcome.reason;
      const times = attempts > 1 ? ` (${attempts} attempts)` : '';
      if (outcome.kind === 'fail') return { ok: false, reason: `${outcome.reason}${times}` };
      let delay: number;
      if (outcome.rateLimited) {
        this.counts.rateLimited++;
        if (limited >= MAX_RATE_LIMIT_RETRIES) return { ok: false, reason: `${outcome.reason}${times}` };
        delay = outcome.waitMs ?? Math.min(this.o.backoffMs * 2 ** limited, MAX_BACKOFF_MS);
        limited++;
      } else {
        if (transient >= this.o.retries) return { ok: false, reason: `${outcome.reason}${times}` };
        delay = Math.min(this.o.backoffMs * 2 ** transient++, MAX_BACKOFF_MS);
      }
      // A wait that would end past the deadline is not worth starting.
      if (this.o.now() + delay >= deadline) return tooLong(delay, outcome.waitMs !== undefined);
      if (outcome.rateLimited) this.pausedUntil = Math.max(this.pausedUntil, this.o.now() + delay);
      else await this.guard(() => this.o.sleep(delay, this.stop.signal));
    }
  }

  /**
   * Waits for this request's start: spaced from the previous one and past any 429 pause, including
   * one that began while it slept. Undefined when it may start; else the wait that would end past
   * the deadline (0 when the deadline has passed).
   */
  private async gate(deadline: number): Promise<{ waitMs: number } | undefined> {
    for (;;) {
      const now = this.o.now();
      const start = Math.max(now, this.nextStart, this.pausedUntil);
      if (start >= deadline) return { waitMs: Math.max(0, start - now) };
      this.nextStart = start + this.o.minIntervalMs;
      if (start <= now) return undefined;
      await this.guard(() => this.o.sleep(start - now, this.stop.signal));
      this.checkAuth();
      if (this.pausedUntil <= this.o.now()) return undefined;
    }
  }

  /** Runs a wait; if the auth error ended it, throws that error instead of the abort. */
  private async guard<T>(wait: () => Promise<T>): Promise<T> {
    try {
      return await wait();
    } catch (e) {
      this.checkAuth();
      throw e;
    }
  }

  private async attempt(url: URL, purpose: RequestPurpose, timeoutMs: number, cutByBudget: boolean): Promise<Outcome> {
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([this.stop.signal, timer]);
    let status: number;
    let body: unknown;
    let notJson = false;
    let retryAfter: string | null;
    try {
      const res = await this.o.fetch(url, {
        headers: {
          'x-api-key': this.o.apiKey,
          'Harness-Account': this.o.accountId,
          accept: 'application/json',
          'user-agent': `harness-registry-guard/${VERSION}`,
        },
        signal,
        // Following a redirect would send x-api-key to wherever it points (fetch strips only Authorization).
        redirect: 'manual',
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      if (status >= 300 && status < 400) {
        await res.body?.cancel().catch(() => {});
        return {
          kind: 'fail',
          reason: `HTTP ${status} redirect${redirectHost(res.headers.get('location'), url)} not followed: use the final address as the base URL`,
        };
      }
      const text = await readCapped(res, MAX_BODY_BYTES);
      if (text === undefined)
        return { kind: 'fail', reason: `HTTP ${status} with a body over ${MAX_BODY_BYTES / 1024 / 1024} MiB, not read` };
      try {
        // A server that echoes the key into a value (a name, a URL) must not put it into a report.
        body = text ? (JSON.parse(withoutKey(text, this.o.apiKey)) as unknown) : undefined;
      } catch {
        body = undefined;
        notJson = true;
      }
    } catch (e) {
      this.checkAuth();
      if (timer.aborted)
        return cutByBudget ? { kind: 'spent', leftMs: timeoutMs } : { kind: 'retry', reason: `timed out after ${formatMs(timeoutMs)}` };
      return this.networkFailure(e);
    }
    const { code, message } = errorBody(body);
    // Not found is told by the body's code, whatever the status (a 403 can carry one).
    if (code && NOT_FOUND_CODES.has(code)) return { kind: 'reply', status, body };
    if (status === 401) this.authFailed(purpose, code, message);
    if (status === 403) return { kind: 'refused', reason: this.refusalReason(purpose, code, message) };
    if (status === 429) {
      const waitMs = retryAfterMs(retryAfter);
      return { kind: 'retry', reason: 'HTTP 429 (rate limited)', rateLimited: true, ...(waitMs !== undefined ? { waitMs } : {}) };
    }
    if (status >= 500) return { kind: 'retry', reason: `HTTP ${status}${code ? ` ${code}` : ''}` };
    return { kind: 'reply', status, body, ...(notJson ? { notJson: true as const } : {}) };
  }

  /** " Harness said: CODE: message", redacted and clipped; empty when the body said nothing. */
  private said(code?: string, message?: string): string {
    return code || message ? ` Harness said: ${clip(this.redact([code, message].filter(Boolean).join(': ')))}` : '';
  }

  private authFailed(purpose: RequestPurpose, code?: string, message?: string): never {
    const why = 'the API key was not accepted (invalid, expired or revoked, or not for this account)';
    const text = `Harness API at ${this.host} answered HTTP 401 to ${purpose.what}: ${why}. The key needs ${purpose.permission} (a role that includes it, bound to the key's user or service account).${this.said(code, message)}`;
    this.fatal = new HarnessAuthError(this.redact(text), 401, purpose.permission, this.host);
    this.stop.abort(this.fatal);
    throw this.fatal;
  }

  /** Why a 403 refused this request: the permission, where, and Harness's words. */
  private refusalReason(purpose: RequestPurpose, code?: string, message?: string): string {
    return this.redact(`HTTP 403: the API key lacks the permission ${purpose.permission} (${purpose.scope}).${this.said(code, message)}`);
  }

  private networkFailure(e: unknown): Outcome {
    const cause = isRecord(e) || e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
    const code = [cause, e]
      .map((x) => (isRecord(x) || x instanceof Error ? (x as { code?: unknown }).code : undefined))
      .find((c): c is string => typeof c === 'string');
    if (code && TRANSIENT_CODES[code]) return { kind: 'retry', reason: TRANSIENT_CODES[code] };
    if (code === 'ENOTFOUND') return { kind: 'fail', reason: 'host not found (DNS)' };
    if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code)) return { kind: 'fail', reason: `TLS error (${code})` };
    const text = cause instanceof Error ? `${errText(e)}: ${cause.message}` : errText(e);
    return { kind: 'fail', reason: `request failed: ${clip(this.redact(text))}${code ? ` (${code})` : ''}` };
  }
}

/**
 * A 429's Retry-After in ms: delay-seconds or an HTTP date (RFC 9110 10.2.3); undefined when absent
 * or unreadable. The date is measured against the wall clock, as the server wrote it.
 */
export function retryAfterMs(value: string | null): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** First line, at most 200 characters: a reason, not a dump. */
export const clip = (s: string): string => {
  const line = s.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/** " to other.host" for a redirect's Location (host only: its query could carry anything). */
function redirectHost(location: string | null, from: URL): string {
  if (!location) return '';
  try {
    return ` to ${new URL(location, from).host}`;
  } catch {
    return '';
  }
}
