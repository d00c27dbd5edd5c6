import { ownCopy } from '../parse/tree.js';

/**
 * The built-in account connector Harness pulls its CI images through when a stage sets no Override
 * Image Connector (always, on Harness Cloud).
 */
export const HARNESS_IMAGE_CONNECTOR = 'account.harnessImage';

/** Harness scopes: a reference `account.x`, `org.x` or bare `x` names an entity at one of them. */
export interface Scope {
  level: 'account' | 'org' | 'project';
  org?: string;
  project?: string;
}

export interface EntityRef {
  level: Scope['level'];
  identifier: string;
}

/**
 * Scope of an entity from its own `orgIdentifier` / `projectIdentifier` fields. One frozen object
 * per scope, shared by every entity in it (a large repo has 100,000 entities and a few scopes).
 */
export function scopeOf(org: string | undefined, project: string | undefined): Scope {
  const key = org ? (project ? `${org}\0${project}` : org) : '';
  let scope = scopes.get(key);
  if (!scope) {
    if (scopes.size >= 10_000) scopes.clear();
    scope = Object.freeze(org && project ? { level: 'project', org, project } : org ? { level: 'org', org } : { level: 'account' });
    scopes.set(key, scope);
  }
  return scope;
}
const scopes = new Map<string, Scope>();

/** Parses `account.x`, `org.x` or `x`; undefined for anything with more dots or none at all. */
export function parseRef(ref: string): EntityRef | undefined {
  const known = parsedRefs.get(ref);
  if (known !== undefined || parsedRefs.has(ref)) return known;
  if (parsedRefs.size >= 10_000) parsedRefs.clear();
  // A copy: a slice of a file's text would keep the whole text alive.
  const copy = ownCopy(ref);
  const parsed = parse(copy);
  parsedRefs.set(copy, parsed && Object.freeze(parsed));
  return parsedRefs.get(copy);
}
/**
 * References parsed lately (frozen: each is handed to every caller). The cross-file rules parse
 * the same few hundred references tens of thousands of times on a large repo.
 */
const parsedRefs = new Map<string, EntityRef | undefined>();

function parse(ref: string): EntityRef | undefined {
  const parts = ref.trim().split('.');
  if (parts.some((p) => p === '')) return undefined;
  if (parts.length === 1) return { level: 'project', identifier: parts[0]! };
  if (parts.length === 2 && (parts[0] === 'account' || parts[0] === 'org')) return { level: parts[0], identifier: parts[1]! };
  return undefined;
}

export function formatScope(scope: Scope): string {
  if (scope.level === 'account') return 'account';
  if (scope.level === 'org') return `org ${scope.org}`;
  return `project ${scope.org}/${scope.project}`;
}

/** Does an entity at `target` answer `ref` when referred to from `from`? */
export function refMatches(ref: EntityRef, from: Scope, target: Scope): boolean {
  if (ref.level !== target.level) return false;
  if (ref.level === 'account') return true;
  if (ref.level === 'org') return !from.org || from.org === target.org;
  return (!from.org || from.org === target.org) && (!from.project || from.project === target.project);
}

/**
 * Where Harness looks a reference up, by its own rule (harness-core's connector-ref expansion):
 * `account.x` at account scope, `org.x` in the referring entity's org, bare `x` in its org and
 * project. Undefined when the reference is malformed or the referring entity's scope lacks the
 * org or project the reference needs.
 */
export function lookupScope(ref: string, from: Scope): { identifier: string; scope: Scope } | undefined {
  const parsed = parseRef(ref);
  if (!parsed) return undefined;
  const { identifier, level } = parsed;
  if (level === 'account') return { identifier, scope: { level } };
  if (!from.org) return undefined;
  if (level === 'org') return { identifier, scope: { level, org: from.org } };
  return from.project ? { identifier, scope: { level, org: from.org, project: from.project } } : undefined;
}

/** One key per (scope, identifier): what Harness answers once. */
export const scopedKey = (scope: Scope, identifier: string): string =>
  JSON.stringify([scope.level, scope.org ?? null, scope.project ?? null, identifier]);

/** How a reference from inside `scope` names an entity at `scope`: `account.x`, `org.x` or `x`. */
export const refAt = (scope: Scope, identifier: string): string =>
  scope.level === 'account' ? `account.${identifier}` : scope.level === 'org' ? `org.${identifier}` : identifier;

/** "account scope", "org O", "project O/P": where an entity lives, for messages. */
export const scopeName = (scope: Scope): string => (scope.level === 'account' ? 'account scope' : formatScope(scope));
