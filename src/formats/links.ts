import { VERSION } from '../version.js';

/**
 * Links into the project's canonical repository (package.json `repository`) at this version's tag:
 * the one place rule pages, the README and the config schema are linked from (SARIF helpUri, the
 * Markdown summary, text output, `rules`, `init`).
 */

/** `owner/name` of the canonical repository on GitHub. */
export const REPOSITORY = 'harness-registry-guard/harness-registry-guard';
/** Where the project (and its docs/rules pages) lives. */
export const PROJECT_URL = `https://github.com/${REPOSITORY}`;
/** The git tag this version is released under. */
const versionTag = () => `v${VERSION}`;
/** Base URL of the rule pages at this version's tag; `<base>/<rule-id>.md` is a rule's page. */
export const defaultDocsBaseUrl = () => `${PROJECT_URL}/blob/${versionTag()}/docs/rules`;
/** A rule's page, under `base` (default: the rule pages at this version's tag). */
export const ruleDocsUrl = (ruleId: string, base: string = defaultDocsBaseUrl()) => `${base.replace(/\/+$/, '')}/${ruleId}.md`;
/** A section of the README at this version's tag. */
export const readmeUrl = (anchor?: string) => `${PROJECT_URL}/blob/${versionTag()}/README.md${anchor ? `#${anchor}` : ''}`;
/** The config file's JSON Schema at this version's tag, raw, for `# yaml-language-server: $schema=`. */
export const configSchemaUrl = () => `https://raw.githubusercontent.com/${REPOSITORY}/${versionTag()}/schemas/config.schema.json`;
