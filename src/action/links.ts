import type { RunContext } from '../github/context.js';
import type { LinkBase } from '../formats/markdown.js';
import { defaultDocsBaseUrl } from '../formats/links.js';
import type { HeadFiles } from './head-files.js';

/** Rule pages of the Action version that runs, when the runner says which one it is. */
export function ruleDocsBase(ctx: RunContext): string {
  if (ctx.actionRepository && ctx.actionRef) return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${ctx.actionRef}/docs/rules`;
  return defaultDocsBaseUrl();
}

/**
 * Where file links in the summaries point: the PR head (else the commit the run is on). A file the
 * checkout holds otherwise (the test-merge commit, where the base branch changed it too) is linked
 * in the commit checked out, where its lines are.
 */
export function linkBase(ctx: RunContext, head?: Pick<HeadFiles, 'checkoutSha' | 'atHead'>): LinkBase | undefined {
  const { headSha } = ctx;
  if (!ctx.repo || !headSha) return undefined;
  const links = { serverUrl: ctx.serverUrl, repository: `${ctx.repo.owner}/${ctx.repo.repo}`, sha: headSha };
  const checkout = head?.checkoutSha;
  return checkout ? { ...links, shaOf: (file: string) => (head.atHead(file) ? headSha : checkout) } : links;
}
