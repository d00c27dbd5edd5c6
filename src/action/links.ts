import type { RunContext } from '../github/context.js';
import type { LinkBase } from '../formats/markdown.js';
import { defaultDocsBaseUrl } from '../formats/links.js';

/** Rule pages of the Action version that runs, when the runner says which one it is. */
export function ruleDocsBase(ctx: RunContext): string {
  if (ctx.actionRepository && ctx.actionRef) return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${ctx.actionRef}/docs/rules`;
  return defaultDocsBaseUrl();
}

/** Where file links in the summaries point: the PR head (else the commit the run is on). */
export function linkBase(ctx: RunContext): LinkBase | undefined {
  return ctx.repo && ctx.headSha
    ? { serverUrl: ctx.serverUrl, repository: `${ctx.repo.owner}/${ctx.repo.repo}`, sha: ctx.headSha }
    : undefined;
}
