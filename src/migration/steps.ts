import type { Finding } from '../engine/finding.js';
import type { ImageFact } from '../engine/lint.js';
import { UNRESOLVED_REFERENCE } from '../engine/builtins.js';
import { cmp } from '../engine/compare.js';
import type { Placer } from '../model/loc.js';
import { DOCKER_HUB_HOSTS, isAppHarnessImage, parseImage } from '../model/images.js';
import { HARNESS_IMAGE_CONNECTOR } from '../model/scope.js';
import { rules } from '../rules/index.js';
import type { Inventory } from './inventory.js';
import type { ConnectorUse, HarnessStep, ImageEntry, Place, RegistryGroup } from './types.js';

type Checks = Record<'platform' | 'images' | 'both', string>;
const HARNESS_IMAGE_CHECKS: Checks = {
  platform: 'Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
  images: 'Check in Account Settings that it does not use app.harness.io, and that any mirror it points at keeps Harness image names.',
  both: 'Check in Account Settings that it connects through the Harness Platform, does not use app.harness.io, and that any mirror it points at keeps Harness image names.',
};
const CONNECTOR_CHECKS: Checks = {
  platform: 'Check in Harness that this connector connects through the Harness Platform (`executeOnDelegate: false`).',
  images:
    'Check in Harness that this account-scope Docker connector does not point at app.harness.io/registry and that its registry keeps Harness image names.',
  both: 'Check in Harness that this account-scope Docker connector connects through the Harness Platform (`executeOnDelegate: false`), does not point at app.harness.io/registry, and that its registry keeps Harness image names.',
};

/** What must be checked in Harness because the repo cannot settle it. */
export function buildHarnessSteps(findings: Finding[], inv: Inventory): HarnessStep[] {
  const steps: HarnessStep[] = [];
  for (const ext of inv.external) {
    const cloud = ext.usedBy.filter((u) => u.cloud);
    const places = uniquePlaces(ext.usedBy);
    const reason = `Not in the repo; ${usedByStages(ext.usedBy, inv.counts)}.`;
    // Policy 2 for Cloud stages, policies 1 and 4 where it pulls other stages' Harness images: every check that applies.
    const platform = cloud.length > 0;
    const images = ext.usedBy.some((u) => !u.cloud && (u.how === 'harnessImage' || (u.how === 'overrideImageConnector' && !u.failing)));
    const checks = ext.ref === HARNESS_IMAGE_CONNECTOR ? HARNESS_IMAGE_CHECKS : CONNECTOR_CHECKS;
    // account.harnessImage is always checked: without a Cloud stage, for the images.
    const which =
      platform && images ? 'both' : platform ? 'platform' : images || ext.ref === HARNESS_IMAGE_CONNECTOR ? 'images' : undefined;
    const action = which && checks[which];
    if (action) steps.push({ subject: ext.ref, scope: ext.scope, action, reason, places });
  }
  // Values the repo leaves to run time (runtime inputs nothing fills, expressions).
  const rule = (id: string | undefined) => rules.find((r) => r.id === id);
  for (const f of findings) {
    const policyNotice = rule(f.ruleId)?.policy !== undefined && f.severity === 'notice';
    const openValue = f.ruleId === UNRESOLVED_REFERENCE && !!f.messageId && !!rule(f.forRule)?.runtimeValueMessages?.includes(f.messageId);
    if (policyNotice || openValue)
      steps.push({
        subject: f.entity ?? f.file,
        action: 'Check the value supplied at run time.',
        reason: f.message,
        places: [{ file: f.file, line: f.line }],
      });
  }
  return steps;
}

/**
 * `used by 2 stages, 1 on Harness Cloud`: the stages the uses come from. The stages of the runs
 * through a template count its uses, not the template's own stage (`counts` says which uses
 * count); a connector used only there counts it.
 */
export function usedByStages(uses: readonly ConnectorUse[], counts: (u: ConnectorUse) => boolean): string {
  const counted = uses.some(counts) ? uses.filter(counts) : uses;
  const stage = (u: ConnectorUse) => `${u.owner}/${u.stage ?? ''}`;
  const stages = new Set(counted.map(stage)).size;
  const cloud = new Set(counted.filter((u) => u.cloud).map(stage)).size;
  return `used by ${stages} stage${stages === 1 ? '' : 's'}${cloud ? `, ${cloud} on Harness Cloud` : ''}`;
}

function uniquePlaces(places: Place[]): Place[] {
  const seen = new Set<string>();
  const out: Place[] = [];
  for (const p of [...places].sort((a, b) => cmp(a.file, b.file) || a.line - b.line)) {
    const key = `${p.file}:${p.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: p.file, line: p.line });
  }
  return out;
}

/** Every image reference in the repo's files, grouped by the registry it is pulled from; a value a field lists twice is one entry. */
export function buildRegistries(images: readonly ImageFact[], findings: Finding[], place: Placer): RegistryGroup[] {
  const groups = new Map<string, ImageEntry[]>();
  const key = (file: string, start: number, end: number) => `${file}\0${start}\0${end}`;
  const atField = new Map<string, Finding[]>();
  for (const f of findings)
    if (f.severity !== 'notice') atField.set(key(f.file, ...f.range), [...(atField.get(key(f.file, ...f.range)) ?? []), f]);
  const valuesAt = new Map<string, Set<string>>();
  for (const { at, image } of images)
    valuesAt.set(key(at.file, at.start, at.end), (valuesAt.get(key(at.file, at.start, at.end)) ?? new Set()).add(image));
  const seen = new Set<string>();
  for (const use of images) {
    const { at } = use;
    const field = key(at.file, at.start, at.end);
    // A runtime input's `.default(x)` and `.allowedValues(x, …)` name x twice: one reference.
    if (seen.has(`${field}\0${use.kind}\0${use.image}`)) continue;
    seen.add(`${field}\0${use.kind}\0${use.image}`);
    const { image, registry } = withoutUserInfo(use);
    const list = groups.get(registry) ?? [];
    list.push({
      image,
      kind: use.kind,
      ...(use.field ? { field: use.field } : {}),
      findings: rulesOn(use.image, atField.get(field) ?? [], valuesAt.get(field)!),
      file: at.file,
      line: place(at).line,
    });
    groups.set(registry, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([registry, images]) => ({ registry, images: images.sort((a, b) => cmp(a.file, b.file) || a.line - b.line) }));
}

/**
 * The rules with findings on one value of a field. A field with several values (a runtime input's
 * default and allowed values) has its findings on the whole field; a finding is about the values
 * its message names (the rules name the image they judge), or about all of them when it names none.
 */
function rulesOn(image: string, fieldFindings: Finding[], values: ReadonlySet<string>): string[] {
  const named = (f: Finding) => [...values].filter((v) => f.message.includes(`\`${v}\``));
  const about = fieldFindings.filter((f) => values.size < 2 || !named(f).length || named(f).includes(image));
  return [...new Set(about.map((f) => f.ruleId))].sort();
}

/** `user:token@host/…`, with or without a scheme: the parser takes the credentials for a name and a digest. */
// Up to the last `@` before the first `/`: a password may hold `@` itself.
const USER_INFO = /^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)[^/\s]+@(?=[^/@\s]+\/)/i;

/** The image as the report shows it (credentials hidden) and the registry it is pulled from. */
function withoutUserInfo(use: ImageFact): { image: string; registry: string } {
  const bare = use.image.replace(USER_INFO, '$1');
  const parsed = bare === use.image ? undefined : parseImage(bare);
  const [host, appHarness] = parsed ? [parsed.registry, isAppHarnessImage(parsed)] : [use.registry, use.appHarness];
  return {
    image: bare === use.image ? use.image : use.image.replace(USER_INFO, '$1***@'),
    registry: appHarness ? `${registryName(host)}/registry` : registryName(host),
  };
}

/** One name a registry: Docker Hub's names are `docker.io`, and HTTPS's own port (`:443`) is left out. */
function registryName(host: string | undefined): string {
  const name = host?.toLowerCase().replace(/:443$/, '');
  return !name || DOCKER_HUB_HOSTS.has(name) ? 'docker.io' : name;
}
