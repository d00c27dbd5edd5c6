import { cmp } from '../engine/compare.js';
import type { Inventory } from './inventory.js';
import type { ConnectorUse, Diagram } from './types.js';

/** Up to this many pipelines, the diagram shows every stage; up to MAX_PIPELINES, one node per pipeline. */
const MAX_DETAILED_PIPELINES = 30;
const MAX_PIPELINES = 100;
/** Past MAX_PIPELINES: failing pipelines are shown one by one up to this many, the rest grouped. */
const MAX_CAPPED_PIPELINES = 50;

const HOW: Record<ConnectorUse['how'], string> = {
  overrideImageConnector: 'image connector',
  harnessImage: 'Harness images',
  codebase: 'codebase',
  step: 'step',
  serviceDependency: 'service',
  baseImage: 'base image',
};

interface Edge {
  from: string;
  to: string;
  labels: Set<string>;
  failing: Set<string>;
  count: number;
}

/**
 * A Mermaid flowchart of pipelines (and their stages) and the connectors they pull through;
 * edges that break a policy are red and say why. Sized for GitHub to render: grouped past
 * MAX_DETAILED_PIPELINES pipelines and capped past MAX_PIPELINES.
 */
export function buildDiagram(inv: Inventory, pipelineStages: Map<string, Array<{ stage: string; infrastructure: string }>>): Diagram {
  const pipelines = [...pipelineStages.keys()].sort(cmp);
  const targets: Array<{ id: string; label: string; external: boolean; uses: ConnectorUse[] }> = [
    ...inv.connectors.map((c, i) => ({ id: `c${i}`, label: `${c.ref} · ${c.type || 'connector'}`, external: false, uses: c.usedBy })),
    ...inv.external.map((x, i) => ({ id: `x${i}`, label: `${x.ref} · not in repo`, external: true, uses: x.usedBy })),
  ];
  const failingPipelines = new Set<string>();
  for (const t of targets) for (const u of t.uses) if (u.ownerKind === 'pipeline' && u.failing) failingPipelines.add(u.owner);

  const mode: Diagram['mode'] =
    pipelines.length <= MAX_DETAILED_PIPELINES ? 'stages' : pipelines.length <= MAX_PIPELINES ? 'pipelines' : 'capped';
  const ordered =
    mode === 'capped'
      ? [...pipelines].sort((a, b) => Number(failingPipelines.has(b)) - Number(failingPipelines.has(a)) || cmp(a, b))
      : pipelines;
  const shown = mode === 'capped' ? ordered.filter((p) => failingPipelines.has(p)).slice(0, MAX_CAPPED_PIPELINES) : ordered;
  const shownSet = new Set(shown);
  const pid = new Map(shown.map((p, i) => [p, `p${i}`]));
  const rest = pipelines.length - shown.length;

  const lines = ['flowchart LR'];
  if (mode === 'stages')
    for (const p of shown) {
      lines.push(`  subgraph ${pid.get(p)}["pipeline ${esc(p)}"]`);
      pipelineStages.get(p)!.forEach((s, i) => lines.push(`    ${pid.get(p)}s${i}["${esc(s.stage)} · ${esc(s.infrastructure)}"]`));
      lines.push('  end');
    }
  else {
    for (const p of shown) lines.push(`  ${pid.get(p)}["${esc(p)} (${pipelineStages.get(p)!.length} stages)"]`);
    if (rest) lines.push(`  more["${rest} more pipeline${rest === 1 ? '' : 's'}${mode === 'capped' ? ' without failing edges' : ''}"]`);
  }

  const edges = new Map<string, Edge>();
  const used = new Set<string>();
  for (const t of targets)
    for (const u of t.uses) {
      if (u.ownerKind !== 'pipeline' || !pipelineStages.has(u.owner)) continue;
      let from: string;
      if (!shownSet.has(u.owner)) from = 'more';
      else if (mode === 'stages') {
        const i = pipelineStages.get(u.owner)!.findIndex((s) => s.stage === u.stage);
        from = i >= 0 ? `${pid.get(u.owner)}s${i}` : pid.get(u.owner)!;
      } else from = pid.get(u.owner)!;
      const key = `${from}>${t.id}`;
      const e = edges.get(key) ?? { from, to: t.id, labels: new Set(), failing: new Set(), count: 0 };
      e.labels.add(HOW[u.how]);
      if (u.failing) e.failing.add(u.failing);
      e.count++;
      edges.set(key, e);
      used.add(t.id);
    }
  for (const t of targets) if (used.has(t.id)) lines.push(`  ${t.id}(["${esc(t.label)}"])${t.external ? ':::external' : ''}`);

  const red: number[] = [];
  [...edges.values()].forEach((e, i) => {
    const label = [...e.labels].sort(cmp).join(', ') + (e.from === 'more' && e.count > 1 ? ` ×${e.count}` : '');
    const text = e.failing.size ? `✗ ${[...e.failing].sort(cmp).join('; ')}` : label;
    lines.push(`  ${e.from} -->|"${esc(text)}"| ${e.to}`);
    if (e.failing.size) red.push(i);
  });
  const failingTargets = targets.filter((t) => used.has(t.id) && t.uses.some((u) => u.failing)).map((t) => t.id);
  lines.push('  classDef external stroke-dasharray: 4 3');
  lines.push('  classDef failing stroke:#d32f2f,stroke-width:2px');
  if (failingTargets.length) lines.push(`  class ${failingTargets.join(',')} failing`);
  if (red.length) lines.push(`  linkStyle ${red.join(',')} stroke:#d32f2f,stroke-width:2px`);
  return {
    mode,
    pipelinesShown: shown.length,
    pipelinesTotal: pipelines.length,
    failingEdges: red.length,
    mermaid: lines.join('\n') + '\n',
  };
}

/**
 * Mermaid label text: one line (U+2028 and U+2029 break lines in JavaScript too), with quotes,
 * angle brackets and backticks (which could close the fence) as entity codes.
 */
function esc(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}
