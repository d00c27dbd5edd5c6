import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A path relative to this module, resolved at run time. The bundle is dist/cli/index.js and this
 * file is src/cli/docs.ts: both are two folders below the package root, so `../../` is the root
 * from either. (A parameter rather than a literal inside `new URL(...)`: ncc rewrites the literal
 * form into an asset path that does not exist.)
 */
const fromHere = (relative: string) => new URL(relative, import.meta.url);

/** The folder of rule pages the npm package ships (docs/rules/). */
export const rulesDocsDir = () => fileURLToPath(fromHere('../../docs/rules/'));

/** A rule's page (docs/rules/<id>.md), or undefined when the package has no docs folder. */
export function readRulePage(ruleId: string): string | undefined {
  try {
    return fs.readFileSync(`${rulesDocsDir()}${ruleId}.md`, 'utf8');
  } catch {
    return undefined;
  }
}
