import type { SourceFile } from '../source.js';
import { parseImage, type ImageRef } from './images.js';
import { classifyValue } from './runtime-input.js';
import { View } from './view.js';
import { findUnderKeys, semanticPath } from './walk.js';

const IMAGE = new Set(['image']);
const IMAGE_CONNECTOR = new Set(['harnessImageConnectorRef']);

export interface ImageUse {
  /** The scalar that holds the image (or, for Helm-style maps, its `repository`). */
  view: View;
  raw: string;
  image: ImageRef;
  kind: 'image' | 'helm' | 'executionConfig';
  /** The execution-config field, for `executionConfig` uses. */
  field?: string;
  /** The `registry` scalar of a Helm-style image map, for `helm` uses that have one. */
  registryView?: View;
  /** The image is a `.default()` or allowed value of a runtime input: report it, but no fix rewrites the scalar. */
  runtimeInput?: boolean;
}

/**
 * Every container image reference in a file, Harness or not: `image:` scalars (steps, service
 * dependencies, Kubernetes manifests, Compose), Helm-style `image: {registry, repository}` maps,
 * and execution-config override payloads (`[{field, value}]`).
 */
export function imageUses(file: SourceFile): ImageUse[] {
  const out: ImageUse[] = [];
  for (const doc of file.docs) {
    const root = View.root(file, doc);
    if (!root) continue;
    if (root.isSeq) {
      for (const item of root.items()) {
        const field = item.text('field');
        const value = item.get('value');
        const raw = value?.str;
        const image = raw ? parseImage(raw) : undefined;
        if (field && value && raw && image) out.push({ view: value, raw, image, kind: 'executionConfig', field });
      }
    }
    findUnderKeys(root, IMAGE, (view) => {
      const raw = view.str;
      if (raw !== undefined) {
        const value = classifyValue(raw);
        if (value.kind === 'input') {
          for (const option of [value.default, ...(value.allowedValues ?? [])]) {
            const image = option ? parseImage(option) : undefined;
            if (image) out.push({ view, raw: option!, image, kind: 'image', runtimeInput: true });
          }
          return;
        }
        const image = parseImage(raw);
        if (image) out.push({ view, raw, image, kind: 'image' });
        return;
      }
      const repository = view.get('repository');
      const repo = repository?.str;
      if (!repository || !repo) return;
      const registry = view.text('registry');
      const full = registry ? `${registry.replace(/\/+$/, '')}/${repo}` : repo;
      const image = parseImage(full);
      const registryView = view.get('registry');
      if (image) out.push({ view: repository, raw: full, image, kind: 'helm', ...(registryView ? { registryView } : {}) });
    });
  }
  return out;
}

/** Every Override Image Connector field (`harnessImageConnectorRef`) under an entity, with its path. */
export function imageConnectorFields(root: View): Array<{ view: View; path: string }> {
  const out: Array<{ view: View; path: string }> = [];
  findUnderKeys(root, IMAGE_CONNECTOR, (view) => {
    if (view.isScalar) out.push({ view, path: semanticPath(root, view)! });
  });
  return out;
}

/** The stage identifier a semantic path runs through, if any. */
export function stageInPath(path: string): string | undefined {
  return path.split('/').filter((s) => s.startsWith('stage=')).at(-1)?.slice('stage='.length);
}
