import catalogueData from './harness-images.json' with { type: 'json' };
import { ownCopy } from '../parse/tree.js';

export interface ImageRef {
  /** Registry host (with port), when the reference names one. */
  registry?: string;
  /** Repository path segments after the registry. */
  path: string[];
  tag?: string;
  digest?: string;
}

export interface CatalogueEntry {
  name: string;
  generic?: boolean;
}

export interface ImageCatalogue {
  images: CatalogueEntry[];
  executionConfigFields: Record<string, string>;
}

export const defaultCatalogue: ImageCatalogue = catalogueData;

/** The built-in image catalogue plus extra names (the config's `harnessImages`). */
export function catalogueWith(extra: readonly string[] | undefined, base: ImageCatalogue = defaultCatalogue): ImageCatalogue {
  if (!extra?.length) return base;
  const names = new Set(base.images.map((e) => e.name));
  return { ...base, images: [...base.images, ...extra.filter((n) => !names.has(n)).map((name) => ({ name }))] };
}

/**
 * Parses an image reference such as `gcr.io/gcr-prod/harness/ci-addon:1.16@sha256:...`. A Harness
 * expression may stand for the tag or digest (`ci-addon:<+pipeline.sequenceId>`): the registry and
 * name are still literal, so the image is known. One in the registry or name leaves it unknown.
 */
export function parseImage(raw: string): ImageRef | undefined {
  let image = parsedImages.get(raw);
  if (image === undefined) {
    if (parsedImages.size >= 10_000) parsedImages.clear();
    // Kept from a copy: a slice of the file's text would keep the whole text alive.
    const own = ownCopy(raw);
    image = readImage(own) ?? null;
    if (image) Object.freeze(Object.freeze(image).path);
    parsedImages.set(own, image);
  }
  return image ?? undefined;
}

/**
 * Each image text parsed once: a repo names the same few images in thousands of steps (the
 * 10,000-pipeline repo parses 106,000 image fields, of five texts). Frozen, as they are shared.
 */
const parsedImages = new Map<string, ImageRef | null>();

function readImage(raw: string): ImageRef | undefined {
  const s = raw.trim().replace(/^[a-z]+:\/\//i, '');
  const masked = maskExpressions(s);
  if (!masked || /\s/.test(masked)) return undefined;
  let end = masked.length;
  let digest: string | undefined;
  const at = masked.indexOf('@');
  if (at >= 0) {
    digest = s.slice(at + 1);
    end = at;
  }
  let tag: string | undefined;
  const colon = masked.lastIndexOf(':', end - 1);
  if (colon > masked.lastIndexOf('/', end - 1)) {
    tag = s.slice(colon + 1, end);
    end = colon;
  }
  const name = s.slice(0, end);
  if (name.includes('<+')) return undefined;
  const parts = name.split('/').filter(Boolean);
  if (!parts.length) return undefined;
  let registry: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) registry = parts.shift()!.toLowerCase();
  return { registry, path: parts, tag, digest };
}

/**
 * The text with each Harness expression (`<+...>`, nested ones too) blanked out character for
 * character, so that a `:`, `/` or `@` inside one is not read as part of the reference. Undefined
 * for an expression left open.
 */
function maskExpressions(s: string): string | undefined {
  if (!s.includes('<+')) return s;
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('<+', i)) {
      depth++;
      out += '__';
      i++;
    } else if (depth > 0) {
      if (s[i] === '>') depth--;
      out += '_';
    } else out += s[i];
  }
  return depth === 0 ? out : undefined;
}

/** The tag and digest as written after the name: `:1.16@sha256:…`. */
export const imageSuffix = (image: ImageRef) => (image.tag ? ':' + image.tag : '') + (image.digest ? '@' + image.digest : '');

/** True for the Harness-hosted registry that reached end of life on 15 May 2024. */
function isAppHarnessRegistryHost(host: string | undefined): boolean {
  return !!host && /^app[0-9]*\.harness\.io(:443)?$/.test(host.toLowerCase());
}

export function isAppHarnessImage(image: ImageRef): boolean {
  return isAppHarnessRegistryHost(image.registry) && image.path[0]?.toLowerCase() === 'registry';
}

/** Normalises a registry URL: scheme optional, case, empty path segments (`//`), trailing slash and `/v2` do not matter. */
export function normaliseRegistryUrl(raw: string): { host: string; path: string } | undefined {
  const s = raw.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (!s || /\s|<\+/.test(s)) return undefined;
  const slash = s.indexOf('/');
  // `user:password@host`: the user info is not part of the host.
  const authority = slash < 0 ? s : s.slice(0, slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  let path =
    slash < 0
      ? ''
      : s
          .slice(slash)
          .split(/[?#]/)[0]!
          .replace(/\/{2,}/g, '/');
  path = path.replace(/\/+$/, '').replace(/\/v2$/i, '').replace(/\/+$/, '');
  return { host, path };
}

/**
 * A URL (or the YAML text of one, quotes and all) as a message or report may quote it: a password
 * or token written into it (`https://user:pw@host`) is hidden. Only a URL with a scheme: an image
 * pinned by digest (`ci-addon@sha256:…`) has an `@` too.
 */
export const redactUserInfo = (raw: string) => raw.replace(/^(\s*["']?[a-z][a-z0-9+.-]*:\/\/)[^/\s"']*@/i, '$1***@');

export function isAppHarnessRegistryUrl(raw: string): boolean {
  const url = normaliseRegistryUrl(raw);
  return !!url && isAppHarnessRegistryHost(url.host) && /^\/registry(\/|$)/i.test(url.path);
}

const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');

export interface RenamedImage {
  /** The catalogue name the image should end with, e.g. `harness/ci-addon`. */
  expected: string;
  /** The same reference with the canonical name restored under the same registry prefix (on Docker Hub, the Harness image itself). */
  suggestion: string;
}

/** The names Docker Hub goes by: an image under one of them is a Docker Hub image. */
export const DOCKER_HUB_HOSTS = new Set([
  'registry.hub.docker.com',
  'index.docker.io',
  'docker.io',
  'registry-1.docker.io',
  'hub.docker.com',
]);

/** On Docker Hub (no registry, or one of its names) a reference is `namespace/name`: no mirror prefix can come before. */
export const isOnDockerHub = (image: ImageRef) => !image.registry || DOCKER_HUB_HOSTS.has(image.registry.toLowerCase());

/**
 * Finds a Harness image whose name a mirror changed: only the registry prefix and the tag may
 * differ from the catalogue name. Returns undefined for exact Harness names and users' own images.
 */
export function findRenamedHarnessImage(image: ImageRef, catalogue: ImageCatalogue): RenamedImage | undefined {
  // Parsed images are shared (see `parseImage`): each is judged once per catalogue.
  let judged = renamedIn.get(catalogue);
  if (!judged) renamedIn.set(catalogue, (judged = new WeakMap()));
  let renamed = judged.get(image);
  if (renamed === undefined) {
    renamed = findRenamed(image, catalogue) ?? null;
    judged.set(image, renamed && Object.freeze(renamed));
  }
  return renamed ?? undefined;
}
const renamedIn = new WeakMap<ImageCatalogue, WeakMap<ImageRef, RenamedImage | null>>();

function findRenamed(image: ImageRef, catalogue: ImageCatalogue): RenamedImage | undefined {
  const path = image.path;
  const joined = path.join('/').toLowerCase();
  const index = indexOf(catalogue);
  if (index.names.has(joined)) return undefined;
  for (let i = joined.indexOf('/'); i >= 0; i = joined.indexOf('/', i + 1)) if (index.names.has(joined.slice(i + 1))) return undefined;
  const last = norm(path[path.length - 1]!);
  const namespace = path.length > 1 ? path[path.length - 2]!.toLowerCase() : undefined;
  // The first catalogue entry (in catalogue order) that the last path segment names.
  const candidates = [...(index.byFlattened.get(last) ?? []), ...(index.byName.get(last) ?? [])].sort((a, b) => a - b);
  for (const i of candidates) {
    const entry = catalogue.images[i]!;
    const [ns, name] = entry.name.split('/') as [string, string];
    const flattened = last === norm(`${ns}-${name}`);
    // The bare name alone is only a renamed Harness image behind a mirror host or under Harness's own
    // namespace: `bitnami/kaniko` or `drone/drone-git` on Docker Hub are other people's images.
    const dockerHub = isOnDockerHub(image);
    const sameName = last === norm(name) && !entry.generic && (!dockerHub || namespace === ns);
    if (!flattened && !sameName) continue;
    const keep = dockerHub ? [] : namespace === ns ? path.slice(0, -2) : path.slice(0, -1);
    const prefix = [image.registry, ...keep].filter(Boolean).join('/');
    return { expected: entry.name, suggestion: `${prefix ? prefix + '/' : ''}${entry.name}${imageSuffix(image)}` };
  }
  return undefined;
}

/**
 * How many catalogue entries a normalised image name (`harness-ci-addon`, `ci-addon`) can stand
 * for: as an entry's flattened `ns-name`, or as its bare name when that name is Harness's alone.
 */
export function catalogueEntriesNamed(last: string, catalogue: ImageCatalogue): number {
  return catalogueNamesFor(last, catalogue).length;
}

/** The catalogue names (`harness/ci-addon`) a normalised image name can stand for (see `catalogueEntriesNamed`). */
export function catalogueNamesFor(last: string, catalogue: ImageCatalogue): string[] {
  const index = indexOf(catalogue);
  const found = new Set(index.byFlattened.get(last));
  for (const i of index.byName.get(last) ?? []) if (!catalogue.images[i]!.generic) found.add(i);
  return [...found].map((i) => catalogue.images[i]!.name);
}

interface CatalogueIndex {
  names: Set<string>;
  /** Entry indexes by normalised flattened name (`harness-ci-addon`) and by normalised bare name (`ci-addon`). */
  byFlattened: Map<string, number[]>;
  byName: Map<string, number[]>;
}

const indexes = new WeakMap<ImageCatalogue, CatalogueIndex>();

/** Lookups for `findRenamedHarnessImage`, built once per catalogue: it runs for every image in the repo. */
function indexOf(catalogue: ImageCatalogue): CatalogueIndex {
  let index = indexes.get(catalogue);
  if (index) return index;
  index = { names: new Set(catalogue.images.map((e) => e.name)), byFlattened: new Map(), byName: new Map() };
  const add = (map: Map<string, number[]>, key: string, i: number) => map.set(key, [...(map.get(key) ?? []), i]);
  catalogue.images.forEach((entry, i) => {
    const [ns, name] = entry.name.split('/') as [string, string];
    add(index!.byFlattened, norm(`${ns}-${name}`), i);
    add(index!.byName, norm(name), i);
  });
  indexes.set(catalogue, index);
  return index;
}

/**
 * The field→image map of an execution-config document that is not the update-config list: the
 * `data` of a get-customer-config or get-default-config answer saved as it came, or such a map on
 * its own. Undefined unless some key is an execution-config field Harness documents.
 */
export function executionConfigMap<V extends { isMap: boolean; get(key: string): V | undefined; entries(): Array<{ key: string }> }>(
  root: V,
): V | undefined {
  const data = root.get('data');
  const map = data?.isMap ? data : root;
  return map.isMap && map.entries().some((e) => Object.hasOwn(defaultCatalogue.executionConfigFields, e.key)) ? map : undefined;
}

/** A cheap test of a JSON text for a field of that map, before it is parsed (JSON is otherwise read only as a list). */
export const mentionsExecutionConfigField = (text: string) => EXECUTION_CONFIG_FIELD.test(text);
const EXECUTION_CONFIG_FIELD = new RegExp(`"(${Object.keys(defaultCatalogue.executionConfigFields).join('|')})"\\s*:`);

/** For an execution-config override value: the name it must keep, if it does not. */
export function executionConfigMismatch(field: string, value: string, catalogue: ImageCatalogue): string | undefined {
  // Own keys only: a field named `toString` is no field of the map.
  const expected = Object.hasOwn(catalogue.executionConfigFields, field) ? catalogue.executionConfigFields[field] : undefined;
  const image = parseImage(value);
  if (!image) return undefined;
  // A field this catalogue does not map still names a Harness image: one renamed is as wrong here.
  if (!expected) return findRenamedHarnessImage(image, catalogue)?.expected;
  const joined = image.path.join('/').toLowerCase();
  return joined === expected || joined.endsWith('/' + expected) ? undefined : expected;
}
