/**
 * Harness lookups for the checker: which connector references to ask Harness about and at which
 * scope (Harness's own rule), each (scope, identifier) once, and the answers turned into facts that
 * the project rules judge like connectors in Git. The engine calls `lookUp` between building the
 * project and running the project rules (`LintSettings.harness`); nothing here decides a policy.
 */
import type { HarnessFacts, HarnessImageOverrides, HarnessLookup, HarnessSideConnector } from '../model/harness-side.js';
import { defaultCatalogue, executionConfigMismatch, isAppHarnessImage, parseImage } from '../model/images.js';
import { str, type Loc } from '../model/loc.js';
import type { Project } from '../model/project.js';
import { lookupScope, parseRef, scopedKey, type Scope } from '../model/scope.js';
import { createHarnessClient, type CiInfra, type HarnessClientOptions, type HarnessConnector } from './client.js';
import { normaliseBaseUrl } from './urls.js';

export interface HarnessLookups {
  /**
   * The engine's hook: looks up what the project refers to and the repo does not hold. Throws a
   * HarnessAuthError on a refused key (401); a missing permission (403) fails that lookup only.
   */
  lookUp(project: Project): Promise<HarnessFacts>;
  /** The account's CI image overrides (both infrastructures) that break a policy, for the migration report. */
  imageOverrides(): Promise<HarnessImageOverrides>;
}

/** One connector to ask Harness about: where Harness holds it, and the first place in the repo referring to it. */
export interface Need {
  identifier: string;
  scope: Scope;
  at: Loc;
}

export function createHarnessLookups(options: HarnessClientOptions): HarnessLookups {
  const client = createHarnessClient(options);
  const host = new URL(normaliseBaseUrl(options.baseUrl)).host;
  return {
    async lookUp(project) {
      const needs = connectorsToLookUp(project);
      const lookups = await Promise.all(
        needs.map(async ({ identifier, scope, at }): Promise<HarnessLookup> => {
          const result = await client.getConnector({
            identifier,
            ...(scope.org ? { orgIdentifier: scope.org } : {}),
            ...(scope.project ? { projectIdentifier: scope.project } : {}),
          });
          const answer =
            result.kind === 'found' ? { kind: 'found' as const, connector: connectorFacts(result.connector, scope, result.uiUrl) } : result;
          return { identifier, scope, answer, at };
        }),
      );
      return { host, lookups, requests: client.stats().made };
    },

    async imageOverrides() {
      const out: HarnessImageOverrides = { overrides: [], unread: [] };
      // Each infrastructure is asked and reported on its own (a 403 on one says nothing of the other); a 401 still stops the run.
      for (const infra of ['K8', 'VM'] as const) {
        const result = await client.getImageOverrides(infra);
        if (result.kind === 'failed') out.unread.push(`${infra}: ${result.reason}`);
        else out.overrides.push(...judgeOverrides(infra, result.overrides));
      }
      out.requests = client.stats().made;
      return out;
    },
  };
}

/**
 * Every connector reference a policy reads that the repo does not hold, at the scope Harness looks
 * it up at, once each: what stages use (steps, codebase, the Override Image Connector) and the
 * built-in `account.harnessImage` of every Harness Cloud stage and CI stage without an override.
 * For an org or project Override Image Connector (which policy 3 says must be account-scope),
 * also `account.<id>`: when Harness has it, the fix that points the stage at it is safe.
 */
export function connectorsToLookUp(project: Project): Need[] {
  const needs = new Map<string, Need>();
  const need = (ref: string, from: Scope, at: Loc) => {
    if (project.findConnector(ref, from)) return;
    const target = lookupScope(ref, from);
    if (!target) return;
    const key = scopedKey(target.scope, target.identifier);
    const known = needs.get(key);
    if (!known || before(at, known.at)) needs.set(key, { ...target, at });
  };
  for (const run of project.runs())
    for (const eff of run.stages)
      for (const ref of project.connectorReferences(eff)) {
        need(ref.ref, run.root.scope, ref.at);
        const parsed = parseRef(ref.ref);
        if (ref.how === 'overrideImageConnector' && parsed && parsed.level !== 'account')
          need(`account.${parsed.identifier}`, run.root.scope, ref.at);
      }
  // An input set for a pipeline the repo does not hold has its overrides judged where it writes them
  // (policy 3): their `account.<id>` is asked about too, so the suggestion can say whether Harness has it.
  // Not a trigger's: its values sit in `inputYaml`, a string no suggestion can edit.
  for (const set of project.inputSets) {
    if (set.kind === 'trigger' || project.pipelineOf(set)) continue;
    for (const { at } of set.imageConnectorFields) {
      const value = str(at)?.trim();
      const parsed = value && !value.includes('<+') ? parseRef(value) : undefined;
      if (parsed && parsed.level !== 'account') need(`account.${parsed.identifier}`, set.scope, at);
    }
  }
  return [...needs.values()];
}

const before = (a: Loc, b: Loc) => (a.file < b.file ? true : a.file > b.file ? false : a.start < b.start);

/** `data.connector` as the facts the rules read, like a connector's YAML: an absent `executeOnDelegate` stays absent (= delegate). */
export function connectorFacts(c: HarnessConnector, scope: Scope, uiUrl: string): HarnessSideConnector {
  const spec = c.spec;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const field = (o: unknown, key: string) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined);
  const auth = text(field(field(spec, 'auth'), 'type')) ?? text(field(field(spec, 'credential'), 'type'));
  const provider = text(spec.providerType);
  const selectors = Array.isArray(spec.delegateSelectors) ? spec.delegateSelectors.filter((s): s is string => typeof s === 'string') : [];
  return {
    identifier: c.identifier,
    ...(c.name ? { name: c.name } : {}),
    scope,
    type: c.type,
    urls: urlsOf(spec),
    ...('executeOnDelegate' in spec && spec.executeOnDelegate !== null ? { executeOnDelegate: spec.executeOnDelegate } : {}),
    delegateSelectors: selectors,
    ...(provider ? { provider } : {}),
    ...(auth ? { authType: auth } : {}),
    uiUrl,
  };
}

/** Every `…Url` string in a spec, a few levels deep, as the YAML scan collects them from connector files. */
function urlsOf(spec: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 4) return;
    for (const [k, x] of Object.entries(v)) {
      if (/url$/i.test(k) && typeof x === 'string' && x) out.push(x);
      // A list where a URL belongs is not what Harness documents, but its URLs are still judged.
      else if (/url$/i.test(k) && Array.isArray(x)) out.push(...x.filter((u): u is string => typeof u === 'string' && !!u));
      else walk(x, depth + 1);
    }
  };
  walk(spec, 0);
  return out;
}

/** Overrides that pull from the retired registry or rename a Harness image: what policies 1 and 4 say of the same values in Git. */
export function judgeOverrides(infra: CiInfra, overrides: Record<string, string>) {
  const rows: HarnessImageOverrides['overrides'] = [];
  for (const [field, image] of Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parsed = parseImage(image);
    if (!parsed) continue;
    if (isAppHarnessImage(parsed)) rows.push({ infra, field, image, problem: 'pulls from the app.harness.io registry' });
    const expected = executionConfigMismatch(field, image, defaultCatalogue);
    if (expected) rows.push({ infra, field, image, problem: `renames the Harness image \`${expected}\`` });
  }
  return rows;
}
