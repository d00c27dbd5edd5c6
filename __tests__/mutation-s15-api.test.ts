/**
 * Behaviour the Harness client and file discovery promise that no other test pinned down, found by
 * mutation testing (round 15): the 429 retry cap and backoff ceiling, waits that end exactly at the
 * time bound, the key's shorter and encoded forms, and which files discovery reads or skips.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHarnessClient, HarnessAuthError } from '../src/harness/client.js';
import type { HarnessClientOptions } from '../src/harness/client.js';
import { redactKey, retryAfterMs } from '../src/harness/transport.js';
import { connectorFacts, connectorsToLookUp, judgeOverrides } from '../src/harness/lookups.js';
import { fakeHarness } from './helpers/fake-harness.js';
import { BAD_IMAGE_PIPELINE } from './helpers/fixtures.js';
import { lint, type LintResult } from './helpers/lint.js';
import { lintFiles } from './helpers/lint-files.js';
import type { FakeHarness, FakeHarnessOptions } from './helpers/fake-harness.js';

const ACCOUNT = 'AcCt1234_xyz';
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

/** Virtual time, as in client.test.ts: sleep() records its delay and moves the clock. */
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

/**
 * One virtual clock for sleeps and answers alike: `after(ms)` resolves when `run` moves the clock
 * there, which it does, timer by timer, each time everything else has settled.
 */
function simClock() {
  let t = 0;
  const timers: Array<{ at: number; fire: () => void }> = [];
  const after = (ms: number) => new Promise<void>((fire) => timers.push({ at: t + ms, fire }));
  const run = async <T>(p: Promise<T>): Promise<T> => {
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      for (let i = 0; i < 20 && !done; i++) await new Promise((r) => setImmediate(r));
      if (done) return p;
      timers.sort((x, y) => x.at - y.at);
      const next = timers.shift();
      if (!next) throw new Error('nothing left to wait for, and not done');
      t = Math.max(t, next.at);
      next.fire();
    }
  };
  return { now: () => t, after, run };
}

/** A client on virtual time whose fetch is `answer` (no server): each call's start time is recorded. */
function scripted(
  answer: (url: URL, n: number, signal?: AbortSignal) => Response | Promise<Response>,
  over: Partial<HarnessClientOptions> = {},
) {
  const clock = virtualClock();
  const starts: Array<[string, number]> = [];
  const c = createHarnessClient({
    baseUrl: 'https://app.harness.io',
    accountId: ACCOUNT,
    apiKey: KEY,
    minIntervalMs: 0,
    now: clock.now,
    sleep: clock.sleep,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      starts.push([url.pathname.split('/').pop()!, clock.now()]);
      return answer(url, starts.length, init?.signal ?? undefined);
    },
    ...over,
  });
  return { c, clock, starts };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const found = (identifier: string) =>
  json(200, { status: 'SUCCESS', data: { connector: { identifier, name: identifier, type: 'DockerRegistry', spec: DOCKER } } });
const tooMany = () => new Response('Too Many Requests', { status: 429, headers: { 'content-type': 'text/plain' } });
const serverError = () => json(500, { status: 'ERROR', code: 'UNKNOWN_ERROR', message: 'Oops' });

describe('429s: how often and how long the client waits', () => {
  it('endless 429s under a generous budget: backs off 1, 2, 4, 8, 16, 16 s (capped at 16 s), then gives up after 7 requests', async () => {
    const { c, clock, starts } = scripted(() => tooMany(), { budgetMs: 600_000 });
    expect(await c.getConnector({ identifier: 'busy' })).toEqual({ kind: 'failed', reason: 'HTTP 429 (rate limited) (7 attempts)' });
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16_000, 16_000]);
    expect(starts.map(([, t]) => t)).toEqual([0, 1000, 3000, 7000, 15_000, 31_000, 47_000]);
    expect(c.stats()).toEqual({ made: 7, retried: 6, rateLimited: 7, failed: 1 });
  });

  it('after a 429 the retry goes out when the pause ends, not a spacing interval later', async () => {
    const { c, starts } = scripted((_url, n) => (n === 1 ? tooMany() : found('busy')), { minIntervalMs: 250 });
    expect((await c.getConnector({ identifier: 'busy' })).kind).toBe('found');
    expect(starts).toEqual([
      ['busy', 0],
      ['busy', 1000],
    ]);
  });

  it('a shorter Retry-After from a later 429 does not cut short the longer pause already in force', async () => {
    // Everything on one virtual clock: `a` (sent at 0) gets "429, wait 3 s" at 1.3 s; `b` (sent at 1.2 s) gets
    // "429, wait 1 s" at 1.4 s; `x` sleeps in its turn (2.4 s) meanwhile. Nothing may go out before 4.3 s.
    const sim = simClock();
    const sent: Array<[string, number]> = [];
    const c = createHarnessClient({
      baseUrl: 'https://app.harness.io',
      accountId: ACCOUNT,
      apiKey: KEY,
      concurrency: 3,
      minIntervalMs: 1200,
      now: sim.now,
      sleep: sim.after,
      fetch: async (input) => {
        const id = new URL(String(input)).pathname.split('/').pop()!;
        sent.push([id, sim.now()]);
        if (sent.filter(([x]) => x === id).length > 1 || id === 'x') return found(id);
        await sim.after(id === 'a' ? 1300 : 200);
        return new Response('', { status: 429, headers: { 'retry-after': id === 'a' ? '3' : '1' } });
      },
    });
    const results = await sim.run(Promise.all(['a', 'b', 'x'].map((identifier) => c.getConnector({ identifier }))));
    expect(results.map((r) => r.kind)).toEqual(['found', 'found', 'found']);
    expect(sent).toEqual([
      ['a', 0],
      ['b', 1200],
      ['a', 4300],
      ['b', 5500],
      ['x', 6700],
    ]);
  });
});

describe('5xx and the reasons a failure gives', () => {
  it('a failure after one retry says it took 2 attempts', async () => {
    const { c } = scripted(() => serverError(), { retries: 1 });
    expect(await c.getConnector({ identifier: 'broken' })).toEqual({ kind: 'failed', reason: 'HTTP 500 UNKNOWN_ERROR (2 attempts)' });
  });

  it('a budget spent on a retry still names what went wrong before it (not the cut-short retry)', async () => {
    // 500 at 0 ms, the retry after 1 s has 500 ms of a 1.5 s budget left and gets no answer in it.
    const { c } = scripted(
      (_url, n, signal) =>
        n === 1
          ? serverError()
          : // never answers: the budget's timeout ends it
            new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error))),
      { budgetMs: 1500 },
    );
    expect(await c.getConnector({ identifier: 'flaky' })).toEqual({
      kind: 'failed',
      reason: 'time budget of 1.5 s spent (last: HTTP 500 UNKNOWN_ERROR)',
    });
  });
});

describe('Retry-After', () => {
  it('a date in the past means no wait (0 ms), never a negative one', () => {
    expect(retryAfterMs(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('the time bound: a wait that would end at it is not started', () => {
  it('a retry wait that would end exactly at the deadline is not slept: the reason says it gave up early', async () => {
    const { c, clock } = scripted(() => serverError(), { budgetMs: 3000, retries: 5 });
    expect(await c.getConnector({ identifier: 'broken' })).toEqual({
      kind: 'failed',
      reason: 'gave up with 2 s of the time budget of 3 s left: the next wait (2 s) would end past it (last: HTTP 500 UNKNOWN_ERROR)',
    });
    expect(clock.sleeps).toEqual([1000]);
  });

  it('a request whose turn (request spacing) comes only at or after the deadline is not sent, and says why', async () => {
    const { c, clock, starts } = scripted((url) => found(url.pathname.split('/').pop()!), { budgetMs: 1000, minIntervalMs: 1000 });
    const [first, second] = await Promise.all([c.getConnector({ identifier: 'one' }), c.getConnector({ identifier: 'two' })]);
    expect(first.kind).toBe('found');
    expect(second).toEqual({
      kind: 'failed',
      reason: 'gave up with 1 s of the time budget of 1 s left: the next wait (1 s) would end past it',
    });
    expect(starts).toEqual([['one', 0]]);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('settings', () => {
  it('a setting below its least value (no request in flight, a negative budget) is raised to it, not obeyed', async () => {
    const { c } = scripted((url) => found(url.pathname.split('/').pop()!), { concurrency: 0, budgetMs: -1 });
    expect((await c.getConnector({ identifier: 'dh' })).kind).toBe('found');
  });
});

describe('answers: which statuses are what', () => {
  it('a 2xx other than 200 is not taken as an answer, even with a connector in it: the reason names the status', async () => {
    const { c } = scripted(() => new Response((found('dh') as Response).body, { status: 203 }));
    expect(await c.getConnector({ identifier: 'dh' })).toEqual({ kind: 'failed', reason: 'HTTP 203' });
  });

  it('a 200 whose envelope says ERROR is no answer, whatever its data holds: the reason quotes Harness', async () => {
    const { c } = scripted(() =>
      json(200, {
        status: 'ERROR',
        code: 'INVALID_REQUEST',
        message: 'stale',
        data: { connector: { identifier: 'dh', type: 'DockerRegistry', spec: DOCKER } },
      }),
    );
    expect(await c.getConnector({ identifier: 'dh' })).toEqual({ kind: 'failed', reason: 'Harness error INVALID_REQUEST: stale' });
  });

  it("the connector's identifier is the one Harness answers with; when the answer omits it, the one asked for", async () => {
    const answer = (identifier?: string) =>
      json(200, {
        status: 'SUCCESS',
        data: { connector: { ...(identifier ? { identifier } : {}), type: 'DockerRegistry', spec: DOCKER } },
      });
    const { c } = scripted((url) => (url.pathname.endsWith('/asked') ? answer('Answered') : answer()));
    const named = await c.getConnector({ identifier: 'asked' });
    const bare = await c.getConnector({ identifier: 'bare' });
    expect([named, bare].map((r) => r.kind === 'found' && r.connector.identifier)).toEqual(['Answered', 'bare']);
  });

  it('image overrides: a 200 that is not the API envelope (no data, or status ERROR) is no answer, not "no overrides"', async () => {
    const bodies = [
      {},
      { status: 'ERROR', code: 'INVALID_REQUEST', message: 'stale', data: { addonTag: 'x:1' } },
      { status: 'SUCCESS', data: null },
    ];
    const { c } = scripted((_url, n) => json(200, bodies[n - 1]));
    expect(await c.getImageOverrides('K8')).toEqual({ kind: 'failed', reason: 'unexpected response: no data in the answer' });
    expect(await c.getImageOverrides('VM')).toEqual({ kind: 'failed', reason: 'Harness error INVALID_REQUEST: stale' });
    const { c: c2 } = scripted(() => json(200, bodies[2]));
    expect(await c2.getImageOverrides('K8')).toEqual({ kind: 'found', overrides: {} });
    // Only a 200 is an answer, as for connectors.
    const { c: c3 } = scripted(() => json(203, { status: 'SUCCESS', data: { addonTag: 'x:1' } }));
    expect(await c3.getImageOverrides('K8')).toEqual({ kind: 'failed', reason: 'HTTP 203' });
  });

  it('a 300 answer is a redirect: not read, not followed', async () => {
    const { c } = scripted(() => new Response(null, { status: 300, headers: { location: 'https://elsewhere.example/x' } }));
    expect(await c.getConnector({ identifier: 'x' })).toEqual({
      kind: 'failed',
      reason: 'HTTP 300 redirect to elsewhere.example not followed: use the final address as the base URL',
    });
  });
});

describe('what is asked', () => {
  it('an identifier with URL-special characters is sent as one path segment: nothing leaks into the path or query', async () => {
    const { c, starts } = scripted(() => json(404, { status: 'ERROR', code: 'RESOURCE_NOT_FOUND_EXCEPTION', message: 'x' }));
    expect(await c.getConnector({ identifier: 'a/b?orgIdentifier=o#c' })).toEqual({ kind: 'notFound' });
    expect(starts).toEqual([['a%2Fb%3ForgIdentifier%3Do%23c', 0]]);
  });

  it('an empty org is account scope: no `orgIdentifier=` is sent, and it is the same lookup as the account one', async () => {
    const { c, starts } = scripted((url) => found(url.pathname.split('/').pop()!));
    const seen: string[] = [];
    const c2 = createHarnessClient({
      baseUrl: 'https://app.harness.io',
      accountId: ACCOUNT,
      apiKey: KEY,
      minIntervalMs: 0,
      fetch: async (input) => (seen.push(new URL(String(input)).search), found('dh')),
    });
    expect((await c2.getConnector({ identifier: 'dh', orgIdentifier: '' })).kind).toBe('found');
    expect(seen).toEqual([`?accountIdentifier=${ACCOUNT}&routingId=${ACCOUNT}`]);
    const [a, b] = await Promise.all([c.getConnector({ identifier: 'dh' }), c.getConnector({ identifier: 'dh', orgIdentifier: '' })]);
    expect(b).toBe(a);
    expect(starts).toHaveLength(1);
  });
});

describe('connection errors', () => {
  const failing = (code: string) => () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code} app.harness.io`), { code }) });
  };

  it('an unknown host (DNS ENOTFOUND) fails at once, saying so, without a retry', async () => {
    const { c } = scripted(failing('ENOTFOUND'));
    expect(await c.getConnector({ identifier: 'x' })).toEqual({ kind: 'failed', reason: 'host not found (DNS)' });
    expect(c.stats()).toEqual({ made: 1, retried: 0, rateLimited: 0, failed: 1 });
  });
});

describe('the API key never leaks: its shorter and encoded forms', () => {
  const SHORT = 'pat.acc1.tok1.AbCdEfGh'; // an 8-character secret: the shortest that is masked on its own

  it('an 8-character secret is removed on its own, and so is any 4-character run of it', () => {
    expect(redactKey('key AbCdEfGh expired', SHORT)).toBe('key *** expired');
    expect(redactKey('key xxCdEfyy expired', SHORT)).toBe('key xx***yy expired');
  });

  it('a run of exactly 4 characters of the secret is removed', () => {
    expect(redactKey(`a ${SECRET.slice(10, 14)} b`, KEY)).toBe('a *** b');
    expect(redactKey(`a ${SECRET.slice(10, 13)} b`, KEY)).toBe(`a ${SECRET.slice(10, 13)} b`);
  });

  it('a connector whose name echoes an 8-character secret, or the URL-encoded key, comes back with it replaced', async () => {
    const odd = 'pat.acc1.tok1.Ab+Cd/Ef=Gh'; // a secret with characters URL encoding changes
    for (const [key, echo] of [
      [SHORT, 'AbCdEfGh'],
      [odd, encodeURIComponent(odd)],
    ] as const) {
      const server = await serve({
        apiKey: key,
        accountId: 'acc1',
        connectors: [{ identifier: 'echo', name: `leak ${echo} end`, type: 'DockerRegistry', spec: DOCKER }],
      });
      const c = createHarnessClient({ baseUrl: server.url, accountId: 'acc1', apiKey: key, minIntervalMs: 0 });
      const answer = await c.getConnector({ identifier: 'echo' });
      expect(answer.kind === 'found' && answer.connector.name).toBe('leak *** end');
    }
  });

  it('a refused key (401) whose error echoes it: the message holds none of it', async () => {
    const { c } = scripted(() => json(401, { status: 'ERROR', code: 'INVALID_TOKEN', message: `Token ${KEY} is not valid` }));
    const e = await c.getConnector({ identifier: 'x' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HarnessAuthError);
    expect((e as Error).message).not.toContain(SECRET.slice(0, 4));
    expect((e as Error).message).toContain('Harness said: INVALID_TOKEN: Token *** is not valid');
  });

  it('a connector reference holding the key (pasted by mistake): the 401 message does not show it', async () => {
    const { c } = scripted(() => json(401, { status: 'ERROR', code: 'INVALID_TOKEN', message: 'No' }));
    const e = await c.getConnector({ identifier: KEY }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HarnessAuthError);
    const message = (e as Error).message;
    expect(message).toContain('HTTP 401 to reading connector *** (account scope)');
    for (let i = 0; i + 4 <= SECRET.length; i++) expect(message).not.toContain(SECRET.slice(i, i + 4));
  });

  it('a 400 whose message echoes a shortened secret: the reason holds none of it', async () => {
    const { c } = scripted(() => json(400, { status: 'ERROR', code: 'INVALID_REQUEST', message: `bad key ${SECRET.slice(0, 9)}` }));
    expect(await c.getConnector({ identifier: 'x' })).toEqual({ kind: 'failed', reason: 'HTTP 400 INVALID_REQUEST: bad key ***' });
  });

  it('a long fetch error quoting the key: the key is removed before the reason is cut to length', async () => {
    const { c } = scripted(() => {
      throw new Error(`boom ${'x'.repeat(150)} ${KEY}`);
    });
    expect(await c.getConnector({ identifier: 'x' })).toEqual({ kind: 'failed', reason: `request failed: boom ${'x'.repeat(150)} ***` });
  });
});

describe('lookups: what the repo makes the tool ask Harness about', () => {
  const inputSet = (ref: string, pipeline = 'build') => `inputSet:
  name: s
  identifier: s
  orgIdentifier: default
  projectIdentifier: proj
  pipeline:
    identifier: ${pipeline}
    stages:
      - stage:
          identifier: build
          type: CI
          spec:
            infrastructure:
              type: KubernetesDirect
              spec:
                harnessImageConnectorRef: ${ref}
`;
  const pipeline = (id: string, stepRef: string, override = 'account.mirror') => `pipeline:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: proj
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.cluster
              namespace: ci
              harnessImageConnectorRef: ${override}
          execution:
            steps:
              - step:
                  type: Run
                  name: s
                  identifier: s
                  spec:
                    connectorRef: ${stepRef}
                    image: alpine
                    command: "true"
`;
  const asked = (files: Record<string, string>) =>
    connectorsToLookUp(lintFiles(files).project)
      .map((n) => `${[n.scope.level, n.scope.org, n.scope.project].filter(Boolean).join(' ')} ${n.identifier}`)
      .sort();

  it('an input set for a pipeline the repo does not hold: an org override asks account.<id>; an account override or an expression asks nothing', () => {
    expect(asked({ '.harness/s.yaml': inputSet('org.mirror') })).toEqual(['account mirror']);
    expect(asked({ '.harness/s.yaml': inputSet('account.mirror') })).toEqual([]);
    expect(asked({ '.harness/s.yaml': inputSet('<+input>') })).toEqual([]);
  });

  it('an input set for a pipeline the repo holds asks nothing of its own: the pipeline decides', () => {
    expect(asked({ '.harness/p.yaml': pipeline('build', 'account.hub'), '.harness/s.yaml': inputSet('org.other') })).toEqual([
      'account hub',
      'account mirror',
    ]);
  });

  it('keeps the earliest place in the repo even when it is found after a later one (an input set before the pipeline)', () => {
    const { project } = lintFiles({ '.harness/b.yaml': pipeline('p', 'account.mirror'), '.harness/a.yaml': inputSet('org.mirror') });
    const mirror = connectorsToLookUp(project).find((n) => n.identifier === 'mirror')!;
    expect(mirror.at.file).toBe('.harness/a.yaml');
  });

  it('the auth type of a cloud connector is its credential type (AWS, GCP: InheritFromDelegate)', () => {
    const facts = connectorFacts(
      { identifier: 'aws', type: 'Aws', spec: { credential: { type: 'InheritFromDelegate', spec: null } } },
      { level: 'account' },
      'https://ui',
    );
    expect(facts.authType).toBe('InheritFromDelegate');
  });

  it('image overrides that break a policy are listed by field name, whatever order Harness sent them in', () => {
    const rows = judgeOverrides('VM', {
      liteEngineTag: 'mirror.io/harness/le:1',
      addonTag: 'app.harness.io/registry/harness/ci-addon:1.16',
      gitCloneTag: 'app.harness.io/registry/harness/drone-git:1',
    });
    expect(rows.map((r) => r.field)).toEqual(['addonTag', 'gitCloneTag', 'liteEngineTag']);
  });

  it('a URL nested four objects deep in the spec is collected', () => {
    const spec = { a: { b: { c: { d: { registryUrl: 'https://deep.example' } } } }, top: { serverUrl: 'https://top.example' } };
    expect(connectorFacts({ identifier: 'x', type: 'Nexus', spec }, { level: 'account' }, 'https://ui').urls).toEqual([
      'https://deep.example',
      'https://top.example',
    ]);
  });
});

describe('discovery: which files are read, and what is said about the rest', () => {
  /** A repository (with `.git`) in a fresh temp folder; `files` written into it. */
  function repo(files: Record<string, string> = {}) {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-s15-'));
    const dir = path.join(top, 'ws');
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    made.push(top);
    return { top, dir };
  }
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const files = (r: LintResult) => [...new Set(r.findings.map((f) => f.file))];

  it('a file named as a PATH is read whatever its name, even when no include pattern matches it', () => {
    const { dir } = repo({ 'pipe.txt': BAD_IMAGE_PIPELINE });
    expect(files(lint({ cwd: dir, paths: ['pipe.txt'] }))).toEqual(['pipe.txt']);
    expect(files(lint({ cwd: dir, paths: ['pipe.txt'], include: ['**/*.yaml'] }))).toEqual(['pipe.txt']);
  });

  it('a symlink named node_modules or .git is never walked, even to a folder inside the repository that the scan leaves out', () => {
    const { dir } = repo({ 'deps/x.yaml': BAD_IMAGE_PIPELINE, 'vendor/y.yaml': BAD_IMAGE_PIPELINE, 'good.yaml': BAD_IMAGE_PIPELINE });
    fs.symlinkSync('deps', path.join(dir, 'node_modules'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('../vendor', path.join(dir, 'sub', '.git'));
    const result = lint({ cwd: dir, paths: ['.'], exclude: ['deps/**', 'vendor/**'] });
    expect(files(result)).toEqual(['good.yaml']);
    expect(result.filesScanned).toBe(1);
  });

  it('a symlink the include or exclude patterns leave out gets no notice, even when it leads to a file that is checked', () => {
    const { dir } = repo({ 'good.yaml': BAD_IMAGE_PIPELINE });
    fs.symlinkSync('good.yaml', path.join(dir, 'alias.txt'));
    fs.symlinkSync('good.yaml', path.join(dir, 'left-out.yaml'));
    const result = lint({ cwd: dir, paths: ['.'], exclude: ['left-out.yaml'] });
    expect(result.findings.map((f) => f.file)).toEqual(['good.yaml']);
  });

  it('working in a folder reached through a symlink (from another repository) is not "leaving the repository"', () => {
    const { top, dir } = repo({ 'good.yaml': BAD_IMAGE_PIPELINE });
    // `top/mono` is a repository holding a link to the one the user works in, and they work through it.
    fs.mkdirSync(path.join(top, 'mono', '.git'), { recursive: true });
    fs.symlinkSync(dir, path.join(top, 'mono', 'linked'));
    const cwd = path.join(top, 'mono', 'linked');
    for (const paths of [['.'], ['good.yaml']]) expect(files(lint({ cwd, paths }))).toEqual(['good.yaml']);
  });

  it("a symlink to a sibling folder whose name starts with the root's name still leaves the root: not followed", () => {
    const { top, dir } = repo({ 'good.yaml': BAD_IMAGE_PIPELINE });
    fs.mkdirSync(path.join(top, 'ws-other'));
    fs.writeFileSync(path.join(top, 'ws-other', 'x.yaml'), BAD_IMAGE_PIPELINE);
    fs.symlinkSync('../ws-other/x.yaml', path.join(dir, 'l.yaml'));
    fs.symlinkSync('../ws-other', path.join(dir, 'ldir'));
    const result = lint({ cwd: dir, paths: ['.'] });
    expect(result.filesScanned).toBe(1);
    expect(result.findings.filter((f) => f.file !== 'good.yaml').map((f) => `${f.file}: ${f.message}`)).toEqual([
      'l.yaml: File is a symlink that leaves the scanned root; not followed; skipped.',
      'ldir: File is a symlink that leaves the scanned root; not followed; skipped.',
    ]);
  });
});
