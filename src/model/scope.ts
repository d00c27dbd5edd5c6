/** Harness scopes: a reference `account.x`, `org.x` or bare `x` names an entity at one of them. */

/**
 * The built-in account connector Harness pulls its CI images through when a stage sets no Override
 * Image Connector (always, on Harness Cloud).
 */
export const HARNESS_IMAGE_CONNECTOR = 'account.harnessImage';

export interface Scope {
  level: 'account' | 'org' | 'project';
  org?: string;
  project?: string;
}

export interface EntityRef {
  level: Scope['level'];
  identifier: string;
}

/** Scope of an entity from its own `orgIdentifier` / `projectIdentifier` fields. */
export function scopeOf(org: string | undefined, project: string | undefined): Scope {
  if (org && project) return { level: 'project', org, project };
  if (org) return { level: 'org', org };
  return { level: 'account' };
}

/** Parses `account.x`, `org.x` or `x`; undefined for anything with more dots or none at all. */
export function parseRef(ref: string): EntityRef | undefined {
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
