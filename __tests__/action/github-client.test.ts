/**
 * The one GitHub client against a loopback server that misbehaves: a page that never answers,
 * server errors, rate limits. Octokit's pagination, retry and throttling do the work; the client
 * bounds them (a timeout on every request, a few retries, short waits only) and wraps every error.
 */
import { describe, expect, test } from '@jest/globals';
import { ApiError, createGitHubApi, RATE_LIMIT_RETRIES, SERVER_ERROR_RETRIES, type GitHubApi } from '../../src/github/client.js';
import { mockGitHub, OWNER, PULL, REPO, TOKEN, type Recorded } from '../e2e/harness.js';
import { mockClients } from './mock-client.js';

const repo = { owner: OWNER, repo: REPO };
const client = mockClients();

/** Runs a call that must fail; returns the error and how long it took. */
async function failing(call: () => Promise<unknown>): Promise<{ error: ApiError; ms: number }> {
  const start = Date.now();
  const error = await call().then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return { error: error as ApiError, ms: Date.now() - start };
}

const files = (n: number) => Array.from({ length: n }, (_, i) => ({ filename: `f${i}.yaml`, patch: '@@ -1 +1 @@\n-a\n+b' }));
const pageOf = (q: Recorded) => q.query.get('page') ?? '1';
const isFiles = (q: Recorded) => q.path === `/repos/${OWNER}/${REPO}/pulls/${PULL}/files`;

describe('the timeout reaches every request', () => {
  test('a paginated listing whose page 2 never answers ends with a timeout, without a retry', async () => {
    const { api, gh } = await client(
      { files: files(3), pageSize: 2, override: (q) => (isFiles(q) && pageOf(q) === '2' ? 'hang' : undefined) },
      { timeoutMs: 300, msPerSecond: 1 },
    );
    const { error, ms } = await failing(() => api.listPullFiles(repo, PULL));
    expect(error.message).toBe(
      `listing the pull request files failed: no complete answer within 0.3 s (GET /repos/${OWNER}/${REPO}/pulls/${PULL}/files?per_page=100&page=2)`,
    );
    expect(error.status).toBeUndefined();
    expect(ms).toBeLessThan(3000);
    // Page 2 came from Octokit's pagination (the Link header), which passes no signal of its own.
    expect(gh.requests.map(pageOf)).toEqual(['1', '2']);
  });

  test('each attempt has its own timeout: a slow 500 and a slow retry together take longer than one timeout, and succeed', async () => {
    const { api, gh } = await client(
      {
        files: files(1),
        override: (_q, i) => (i === 0 ? { status: 500, body: { message: 'Server Error' }, delayMs: 250 } : undefined),
      },
      { timeoutMs: 400, msPerSecond: 200 },
    );
    const start = Date.now();
    expect(await api.listPullFiles(repo, PULL)).toHaveLength(1);
    // 250 ms for the 500, 200 ms of back-off: past the 400 ms a single timeout for both would allow.
    expect(Date.now() - start).toBeGreaterThan(400);
    expect(gh.requests).toHaveLength(2);
  });

  const calls: Array<[string, (api: GitHubApi) => Promise<unknown>]> = [
    ['listPullFiles', (api) => api.listPullFiles(repo, PULL)],
    [
      'createCheckRun',
      (api) => api.createCheckRun(repo, { name: 'n', head_sha: 'h', status: 'completed', output: { title: 't', summary: 's' } }),
    ],
    ['updateCheckRun', (api) => api.updateCheckRun(repo, 1, { output: { title: 't', summary: 's' } })],
    ['listReviewComments', (api) => api.listReviewComments(repo, PULL)],
    ['createReviewComment', (api) => api.createReviewComment(repo, { pullNumber: PULL, commitId: 'h', path: 'a', body: 'b', line: 1 })],
    ['updateReviewComment', (api) => api.updateReviewComment(repo, 1, 'b')],
    ['deleteReviewComment', (api) => api.deleteReviewComment(repo, 1)],
  ];
  test.each(calls)('%s times out against a server that never answers', async (_name, call) => {
    const { api, gh } = await client({ override: () => 'hang' }, { timeoutMs: 200, msPerSecond: 1 });
    const { error, ms } = await failing(() => call(api));
    expect(error.message).toMatch(/ failed: no complete answer within 0\.2 s \((GET|POST|PATCH|DELETE) \/repos\//);
    expect(ms).toBeLessThan(3000);
    expect(gh.requests).toHaveLength(1);
  });
});

describe("Octokit's pagination", () => {
  test('review comments are listed through every Link page', async () => {
    const { api, gh } = await client({ pageSize: 2 });
    for (let i = 0; i < 5; i++) gh.comments.push({ id: i + 1, path: 'a.yaml', line: 1, body: `c${i}`, commit_id: 'h' });
    expect((await api.listReviewComments(repo, PULL)).map((c) => c.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(gh.requests.map(pageOf)).toEqual(['1', '2', '3']);
  });
});

describe('server errors: the retry plugin', () => {
  test('a 500 is retried, and the listing then succeeds', async () => {
    const { api, gh } = await client(
      { files: files(2), override: (_q, i) => (i === 0 ? { status: 500, body: { message: 'Server Error' } } : undefined) },
      { msPerSecond: 1 },
    );
    const list = await api.listPullFiles(repo, PULL);
    expect(list.map((f) => f.path)).toEqual(['f0.yaml', 'f1.yaml']);
    expect(gh.requests.map(pageOf)).toEqual(['1', '1']);
  });

  test(`a server that keeps failing is given up after ${SERVER_ERROR_RETRIES} retries`, async () => {
    const { api, gh } = await client({ failAll: 502 }, { msPerSecond: 1 });
    const { error } = await failing(() => api.listPullFiles(repo, PULL));
    expect(error.status).toBe(502);
    expect(gh.requests).toHaveLength(1 + SERVER_ERROR_RETRIES);
  });

  test('a request that gets no answer (connection refused) is a network error, not an HTTP 500', async () => {
    const gh = await mockGitHub({});
    const url = gh.url;
    await gh.close();
    const api = createGitHubApi(TOKEN, url, { msPerSecond: 1 });
    const { error } = await failing(() => api.listPullFiles(repo, PULL));
    expect(error.message).toMatch(/^listing the pull request files failed \(no answer: ECONNREFUSED\): /);
    expect(error.message).not.toContain('500');
    expect(error.status).toBeUndefined();
  });

  test('a 404 is not retried', async () => {
    const { api, gh } = await client({ override: () => ({ status: 404, body: { message: 'Not Found' } }) }, { msPerSecond: 1 });
    expect((await failing(() => api.deleteReviewComment(repo, 1))).error.status).toBe(404);
    expect(gh.requests).toHaveLength(1);
  });
});

describe('rate limits: the throttling plugin', () => {
  // What GitHub answers (403 or 429, `retry-after` in seconds); the plugin recognises "secondary rate".
  const secondary = (status: number, retryAfter: string) => ({
    status,
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    },
    headers: { 'retry-after': retryAfter },
  });

  test('a secondary rate limit is retried after retry-after, then the call succeeds', async () => {
    const { api, gh, log } = await client(
      { files: files(1), override: (_q, i) => (i === 0 ? secondary(403, '2') : undefined) },
      { msPerSecond: 10 },
    );
    expect(await api.listPullFiles(repo, PULL)).toHaveLength(1);
    expect(gh.requests).toHaveLength(2);
    expect(log).toEqual([expect.stringMatching(/^GitHub API secondary rate limit on GET .*: retrying in 2 s \(retry 1 of 2\)\.$/)]);
  });

  test.each([403, 429])(
    `a secondary rate limit that persists (HTTP %i) is retried ${RATE_LIMIT_RETRIES} times, then given up quickly`,
    async (status) => {
      const { api, gh, log } = await client({ override: () => secondary(status, '1') }, { msPerSecond: 10 });
      const { error, ms } = await failing(() => api.listPullFiles(repo, PULL));
      expect(error.status).toBe(status);
      expect(error.message).toContain('You have exceeded a secondary rate limit');
      // Only the throttling plugin retries: the retry plugin leaves 403 and 429 alone, so no 3 x 3.
      expect(gh.requests).toHaveLength(1 + RATE_LIMIT_RETRIES);
      expect(log).toHaveLength(RATE_LIMIT_RETRIES + 1);
      expect(log.at(-1)).toMatch(/: giving up \(2 retries made\)\.$/);
      expect(ms).toBeLessThan(1000);
      expect(log.join('\n')).not.toContain(TOKEN);
    },
  );

  test('a wait longer than a minute is not taken: the call fails at once', async () => {
    const { api, gh, log } = await client({ override: () => secondary(403, '3600') }, { msPerSecond: 10 });
    const { ms } = await failing(() => api.listPullFiles(repo, PULL));
    expect(gh.requests).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
    expect(log).toEqual([expect.stringMatching(/giving up \(GitHub asks to wait 3600 s, more than 60 s\)\.$/)]);
  });

  test('a spent primary rate limit with its reset an hour away fails at once, as a rate limit, not as a missing permission', async () => {
    const limited = {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) },
    };
    const { api } = await client({ override: () => limited }, { msPerSecond: 10 });
    const { error } = await failing(() => api.listPullFiles(repo, PULL));
    expect([error.status, error.rateLimited]).toEqual([403, true]);
    // A 403 for a missing permission is not one.
    const denied = await client({ override: () => ({ status: 403, body: { message: 'Resource not accessible by integration' } }) });
    const refused = await failing(() => denied.api.listPullFiles(repo, PULL));
    expect([refused.error.status, refused.error.rateLimited]).toEqual([403, false]);
  });

  test('the primary rate limit (remaining 0) is retried once its reset comes', async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    const limited = {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    };
    const { api, gh, log } = await client({ files: files(1), override: (_q, i) => (i === 0 ? limited : undefined) }, { msPerSecond: 10 });
    expect(await api.listPullFiles(repo, PULL)).toHaveLength(1);
    expect(gh.requests).toHaveLength(2);
    expect(log[0]).toMatch(/^GitHub API rate limit on GET .*: retrying in \d s/);
  });
});
