/** The GitHub client against a loopback server that plays the API, closed after each test. */
import { afterEach } from '@jest/globals';
import { createGitHubApi } from '../../src/github/client.js';
import { mockGitHub, TOKEN, type MockOptions } from '../e2e/harness.js';

/** Call at the top of a test file: returns a maker of clients whose servers close after each test. */
export function mockClients(defaults: Parameters<typeof createGitHubApi>[2] = {}) {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (mock: MockOptions, options: Parameters<typeof createGitHubApi>[2] = {}) => {
    const gh = await mockGitHub(mock);
    servers.push(gh);
    const log: string[] = [];
    const api = createGitHubApi(TOKEN, gh.url, { log: (s) => log.push(s), ...defaults, ...options });
    return { api, gh, log };
  };
}
