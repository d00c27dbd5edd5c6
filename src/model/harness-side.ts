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
  /** No answer (timeout, connection error, 5xx after retries, budget spent): the reference stays undecided. */
  | { kind: 'failed'; reason: string };

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

/** The one warning about lookups that got no answer (how many, and why); undefined when each got one. */
export function lookupFailureWarning(facts: HarnessFacts): string | undefined {
  const reasons: string[] = [];
  for (const l of facts.lookups) if (l.answer.kind === 'failed' && !reasons.includes(l.answer.reason)) reasons.push(l.answer.reason);
  const failed = facts.lookups.filter((l) => l.answer.kind === 'failed').length;
  if (!failed) return undefined;
  const why = reasons.slice(0, 3).join('; ') + (reasons.length > 3 ? `; and ${reasons.length - 3} other reasons` : '');
  return `${failed} of ${countOf(facts.lookups.length, 'connector lookup')} in Harness (${facts.host}) got no answer (${why}); their references stay unresolved-reference notices.`;
}
