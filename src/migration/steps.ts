import type { Finding } from '../engine/finding.js';
import type { ImageFact } from '../engine/lint.js';
import { UNRESOLVED_REFERENCE } from '../engine/builtins.js';
import { cmp } from '../engine/compare.js';
import type { Placer } from '../model/loc.js';
import { HARNESS_IMAGE_CONNECTOR } from '../model/scope.js';
import { rules } from '../rules/index.js';
import type { Inventory } from './inventory.js';
import type { HarnessStep, ImageEntry, Place, RegistryGroup } from './types.js';

const MAX_PLACES = 10;

/** What must be checked in Harness because the repo cannot settle it. */
export function buildHarnessSteps(findings: Finding[], inv: Inventory): HarnessStep[] {
  const steps: HarnessStep[] = [];
  for (const ext of inv.external) {
    const cloud = ext.usedBy.filter((u) => u.cloud);
    const override = ext.usedBy.filter((u) => u.how === 'overrideImageConnector');
    const places = uniquePlaces(ext.usedBy);
    const stages = new Set(ext.usedBy.map((u) => `${u.owner}/${u.stage ?? ''}`)).size;
    const cloudStages = new Set(cloud.map((u) => `${u.owner}/${u.stage ?? ''}`)).size;
    const reason = `Not in the repo; used by ${stages} stage${stages === 1 ? '' : 's'}${cloudStages ? `, ${cloudStages} on Harness Cloud` : ''}.`;
    if (ext.ref === HARNESS_IMAGE_CONNECTOR)
      steps.push({
        subject: ext.ref,
        scope: ext.scope,
        action: cloud.length
          ? 'Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.'
          : 'Check in Account Settings that it does not use app.harness.io, and that any mirror it points at keeps Harness image names.',
        reason,
        places,
      });
    else if (cloud.length)
      steps.push({
        subject: ext.ref,
        scope: ext.scope,
        action: 'Check in Harness that this connector connects through the Harness Platform (`executeOnDelegate: false`).',
        reason,
        places,
      });
    else if (override.some((u) => !u.failing))
      steps.push({
        subject: ext.ref,
        scope: ext.scope,
        action:
          'Check in Harness that this account-scope Docker connector does not point at app.harness.io/registry and that its registry keeps Harness image names.',
        reason,
        places,
      });
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

function uniquePlaces(places: Place[]): Place[] {
  const seen = new Set<string>();
  const out: Place[] = [];
  for (const p of [...places].sort((a, b) => cmp(a.file, b.file) || a.line - b.line)) {
    const key = `${p.file}:${p.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length < MAX_PLACES) out.push({ file: p.file, line: p.line });
  }
  return out;
}

/** Every image reference in the repo's files, grouped by the registry it is pulled from. */
export function buildRegistries(images: readonly ImageFact[], findings: Finding[], place: Placer): RegistryGroup[] {
  const groups = new Map<string, ImageEntry[]>();
  const key = (file: string, start: number, end: number) => `${file}\0${start}\0${end}`;
  const rulesAt = new Map<string, string[]>();
  for (const f of findings)
    if (f.severity !== 'notice') rulesAt.set(key(f.file, ...f.range), [...(rulesAt.get(key(f.file, ...f.range)) ?? []), f.ruleId]);
  for (const use of images) {
    const { at } = use;
    const rules = rulesAt.get(key(at.file, at.start, at.end)) ?? [];
    const registry = use.appHarness ? `${use.registry}/registry` : (use.registry ?? 'docker.io');
    const list = groups.get(registry) ?? [];
    list.push({
      image: use.image,
      kind: use.kind,
      ...(use.field ? { field: use.field } : {}),
      findings: [...new Set(rules)].sort(),
      file: at.file,
      line: place(at).line,
    });
    groups.set(registry, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([registry, images]) => ({ registry, images: images.sort((a, b) => cmp(a.file, b.file) || a.line - b.line) }));
}
