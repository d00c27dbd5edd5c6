import type { Loc } from './loc.js';
import type { Scope } from './scope.js';

/**
 * Connectors only Harness holds, as its API describes them: facts with no place in the repo,
 * which the project rules judge like connectors in Git and report at the referring line.
 * src/harness/lookups.ts makes them; the model only carries them.
 */
export interface HarnessSideConnector {
  identifier: string;
  name?: string;
  /** Where it lives in Harness: the scope it was looked up at. */
  scope: Scope;
  type: string;
  /** Every URL field of its spec (`dockerRegistryUrl`, `artifactoryServerUrl`, ...), as Harness has them. */
  urls: string[];
  /** `spec.executeOnDelegate` as Harness sent it; absent means delegate (Harness's own default). */
  executeOnDelegate?: unknown;
  delegateSelectors: string[];
  /** `spec.providerType`, and the authentication or credential type: what the report shows. */
  provider?: string;
  authType?: string;
  /** The connector's page in the Harness UI. */
  uiUrl: string;
}

/** Harness's answer about one (scope, identifier). */
export type HarnessAnswer =
  | { kind: 'found'; connector: HarnessSideConnector }
  /** Harness says there is no such connector at that scope. */
  | { kind: 'notFound' }
  /**
   * No answer (timeout, connection error, 5xx after retries, budget spent, or a 403): the reference
   * stays undecided. `refused` names the permission a 403 said the key lacks at that scope.
   */
  | { kind: 'failed'; reason: string; refused?: string };

export interface HarnessLookup {
  identifier: string;
  scope: Scope;
  answer: HarnessAnswer;
  /** The first place in the repo that refers to it (for the warning about failed lookups). */
  at: Loc;
}

/** What a run learnt from Harness: plain data, so a later check of the same files can reuse it without asking again. */
export interface HarnessFacts {
  /** The API's host, for messages (`app.harness.io`). */
  host: string;
  lookups: HarnessLookup[];
  /** HTTP requests sent, retries included. */
  requests: number;
}

/** An account-wide CI image override Harness holds (execution-config) that breaks a policy: a report row, with no line in the repo. */
export interface HarnessImageOverride {
  infra: 'K8' | 'VM';
  /** The execution-config field, e.g. `addonTag`. */
  field: string;
  /** Its value, `image:tag`. */
  image: string;
  /** What is wrong, in a few words: "pulls from the app.harness.io registry", "renames harnessImage `harness/ci-addon`". */
  problem: string;
}

/** The account's image overrides that break a policy, and why some could not be read. */
export interface HarnessImageOverrides {
  overrides: HarnessImageOverride[];
  /** One line per infrastructure whose overrides could not be read. */
  unread: string[];
  /** HTTP requests the lookups have sent so far, these included (retries too). */
  requests?: number;
}

const countOf = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What the lookups did, in one line: "Looked up 5 connectors in Harness (app.harness.io): 3 found,
 * 1 not found, 1 without an answer; 7 requests."
 */
export function lookupSummary(facts: HarnessFacts): string {
  const n = (kind: HarnessAnswer['kind']) => facts.lookups.filter((l) => l.answer.kind === kind).length;
  const parts = [`${n('found')} found`, `${n('notFound')} not found`, ...(n('failed') ? [`${n('failed')} without an answer`] : [])];
  return `Looked up ${countOf(facts.lookups.length, 'connector')} in Harness (${facts.host}): ${parts.join(', ')}; ${countOf(facts.requests, 'request')}.`;
}

/**
 * The one warning about lookups that got no answer (how many, and why); undefined when each got one.
 * Lookups a 403 refused are named by permission and scope rather than by their (repeated) reason.
 */
export function lookupFailureWarning(facts: HarnessFacts): string | undefined {
  const failed = facts.lookups.filter((l) => l.answer.kind === 'failed');
  if (!failed.length) return undefined;
  const of = `of ${countOf(facts.lookups.length, 'connector lookup')} in Harness (${facts.host})`;
  const refused = failed.filter((l) => refusedPermission(l));
  const unanswered = failed.filter((l) => !refusedPermission(l));
  const parts: string[] = [];
  if (refused.length)
    parts.push(`${refused.length} ${of} ${refused.length === 1 ? 'was' : 'were'} refused (HTTP 403): ${lacking(refused)}`);
  if (unanswered.length) {
    const reasons = [...new Set(unanswered.map((l) => (l.answer as { reason: string }).reason))];
    const more = reasons.length - 3;
    const why = reasons.slice(0, 3).join('; ') + (more > 0 ? `; and ${more} other reason${more === 1 ? '' : 's'}` : '');
    const count = refused.length ? `${unanswered.length} other${unanswered.length === 1 ? '' : 's'}` : `${unanswered.length} ${of}`;
    parts.push(`${count} got no answer (${why})`);
  }
  // Only a Harness Cloud stage's connectors are notices without an answer; elsewhere an unknown connector is not reported.
  return `${parts.join('; ')}; nothing is judged about what they refer to: references in Harness Cloud stages stay unresolved-reference notices, others get no finding.`;
}

const refusedPermission = (l: HarnessLookup) => (l.answer.kind === 'failed' ? l.answer.refused : undefined);

/** "the API key lacks core_connector_view for them at account scope and in org o2": each permission with the scopes it was refused at. */
function lacking(refused: HarnessLookup[]): string {
  const scopes = new Map<string, string[]>();
  for (const l of refused) {
    const permission = refusedPermission(l)!;
    const where =
      l.scope.level === 'account'
        ? 'at account scope'
        : l.scope.level === 'org'
          ? `in org ${l.scope.org}`
          : `in project ${l.scope.org}/${l.scope.project}`;
    const list = scopes.get(permission) ?? [];
    if (!list.includes(where)) list.push(where);
    scopes.set(permission, list);
  }
  const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? ''));
  return `the API key lacks ${and([...scopes].map(([permission, where]) => `${permission} for them ${and(where)}`))}`;
}
