import { View } from './view.js';

/** Deeper than this, the walk stops: no real Harness YAML nests so far, and hostile input must not cost more. */
export const MAX_WALK_DEPTH = 256;
const WRAPPERS = ['stage', 'step', 'stepGroup'];

export interface Visit {
  view: View;
  /** Semantic path: keys, with list items named by identifier (`stages/stage=build/spec`) where they have one. */
  path: string;
  /** The key this node sits under, if any. */
  key?: string;
  /** The map that holds this node under `key`. */
  parent?: View;
}

/**
 * Visits every node under `root` once, depth first, with its semantic path. A node reached again
 * through an alias is visited only the first time, so alias bombs and self-referencing anchors
 * cost nothing extra.
 */
export function walk(root: View, visit: (v: Visit) => void, base = ''): void {
  // Only a file with aliases can reach a node twice.
  const seen = root.file.aliased ? new Set<number>() : undefined;
  const stack: Array<Visit & { depth: number }> = [{ view: root, path: base, depth: 0 }];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen) {
      if (seen.has(cur.view.addr)) continue;
      seen.add(cur.view.addr);
    }
    visit(cur);
    if (cur.depth >= MAX_WALK_DEPTH) continue;
    const children: Array<Visit & { depth: number }> = [];
    const join = (seg: string) => (cur.path ? `${cur.path}/${seg}` : seg);
    if (cur.view.isMap) {
      for (const e of cur.view.entries())
        if (e.value) children.push({ view: e.value, path: join(e.key), key: e.key, parent: cur.view, depth: cur.depth + 1 });
    } else if (cur.view.isSeq) {
      cur.view.items().forEach((item, i) => {
        const entries = item.isMap ? item.entries() : [];
        const only = entries.length === 1 ? entries[0] : undefined;
        if (only && only.key === 'parallel' && only.value) {
          children.push({ view: only.value, path: cur.path, depth: cur.depth + 1 });
          return;
        }
        if (only && WRAPPERS.includes(only.key) && only.value?.isMap) {
          const id = only.value.text('identifier');
          if (id !== undefined) {
            children.push({ view: only.value, path: join(`${only.key}=${id}`), key: only.key, parent: item, depth: cur.depth + 1 });
            return;
          }
        }
        const id = item.isMap ? (item.text('identifier') ?? (item.text('name') !== undefined ? `name=${item.text('name')}` : undefined)) : undefined;
        const seg = id === undefined ? String(i) : id.startsWith('name=') ? id : `id=${id}`;
        children.push({ view: item, path: join(seg), depth: cur.depth + 1 });
      });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
