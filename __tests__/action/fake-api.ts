import type { GitHubApi } from '../../src/github/client.js';

/** A GitHubApi whose methods are those given; any other call fails the test. */
export function fakeApi(methods: Partial<GitHubApi>): GitHubApi {
  const unexpected = (name: string) => async () => {
    throw new Error(`unexpected call: ${name}`);
  };
  return {
    listPullFiles: unexpected('listPullFiles'),
    createCheckRun: unexpected('createCheckRun'),
    updateCheckRun: unexpected('updateCheckRun'),
    listReviewComments: unexpected('listReviewComments'),
    createReviewComment: unexpected('createReviewComment'),
    updateReviewComment: unexpected('updateReviewComment'),
    deleteReviewComment: unexpected('deleteReviewComment'),
    readFileAt: unexpected('readFileAt'),
    authenticatedLogin: unexpected('authenticatedLogin'),
    ...methods,
  };
}
