import {
  catalogueEntriesNamed,
  catalogueNamesFor,
  DOCKER_HUB_HOSTS,
  findRenamedHarnessImage,
  imageSuffix,
  isAppHarnessImage,
  isOnDockerHub,
  normaliseRegistryUrl,
  parseImage,
  type ImageCatalogue,
  type ImageRef,
} from './images.js';

/**
 * The new values the fixes write for image references: the registry prefix that replaces
 * app.harness.io/registry, and a Harness image's canonical name under the same prefix.
 */

/**
 * The public registries Harness publishes its CI images to (Docker Hub, GCR, ECR Public, GAR): an
 * image moved there, or a connector pointed there, needs nothing else to exist first.
 */
const HARNESS_PUBLIC = ['gcr.io/gcr-prod', 'public.ecr.aws/harness', 'us-docker.pkg.dev/gar-prod-setup/harness-public'];

export function isHarnessPublicRegistry(url: string): boolean {
  const u = normaliseRegistryUrl(url);
  return !!u && ((DOCKER_HUB_HOSTS.has(u.host) && u.path === '') || HARNESS_PUBLIC.includes(`${u.host}${u.path}`.toLowerCase()));
}

/** An image prefix (registry host and path) under which Harness publishes its images; '' is Docker Hub. */
export function isHarnessPublicPrefix(prefix: string): boolean {
  return prefix === '' || isHarnessPublicRegistry(`https://${prefix}`);
}

export function isDockerHubUrl(url: string): boolean {
  const u = normaliseRegistryUrl(url);
  return !!u && DOCKER_HUB_HOSTS.has(u.host) && u.path === '';
}

/**
 * The prefix images get when pulled through a registry URL, the way Harness builds it: host and
 * path, or nothing for Docker Hub (`harness/ci-addon` is a Docker Hub reference).
 */
function imagePrefixFor(registryUrl: string): string | undefined {
  const u = normaliseRegistryUrl(registryUrl);
  if (!u || !u.host) return undefined;
  return DOCKER_HUB_HOSTS.has(u.host) && u.path === '' ? '' : `${u.host}${u.path}`;
}

// `//registry` too: an empty path segment is still the retired registry (as for connector URLs).
const APP_HARNESS_IMAGE = /^([a-z]+:\/\/)?app[0-9]*\.harness\.io(?::443)?\/+registry\/+(.+)$/i;

/** `app.harness.io/registry/harness/drone-git:1.6.9` → `harness/drone-git:1.6.9` (Docker Hub) or `<prefix>/harness/drone-git:1.6.9`. */
export function swapAppHarnessImage(raw: string, replacementUrl: string): string | undefined {
  const m = APP_HARNESS_IMAGE.exec(raw.trim());
  const prefix = imagePrefixFor(replacementUrl);
  if (!m || prefix === undefined) return undefined;
  const rest = m[2]!;
  if (prefix) return `${prefix}/${rest}`;
  // A single-segment name on Docker Hub means `library/<name>`, a different image: no safe swap.
  return rest.split(/[:@]/)[0]!.includes('/') ? rest : undefined;
}

/** The `registry` value of a Helm-style `image: {registry, repository}` map pulling from the replacement. */
export function helmRegistryFor(replacementUrl: string): string | undefined {
  const prefix = imagePrefixFor(replacementUrl);
  return prefix === undefined ? undefined : prefix || 'docker.io';
}

export interface RestoredName {
  value: string;
  /** One catalogue name fits, and what is registry prefix and what is image name is not in doubt. */
  unambiguous: boolean;
}

const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');

/**
 * On Docker Hub the namespace before the name is someone's own (`myorg/harness-ci-addon`): swapping
 * it for Harness's drops their image for one whose tag may not exist. Only a reference already under
 * Harness's namespaces is Harness's own image under another spelling.
 */
function foreignDockerHubNamespace(image: ImageRef, retired = false): boolean {
  // Under the retired registry a name with no namespace is no one's own (it held Harness's images only).
  if (retired && image.path.length === 1) return false;
  const ns = image.path.length > 1 ? image.path[image.path.length - 2]!.toLowerCase() : '';
  return isOnDockerHub(image) && !['harness', 'plugins'].includes(ns);
}

/**
 * The retired registry held Harness's Docker Hub images: the path after `registry/` is a Docker Hub
 * one (namespace/name), not a mirror prefix. `app.harness.io/registry/harness/kaniko-ecr:1.0` is
 * split into `app.harness.io/registry` and the Docker Hub reference `harness/kaniko-ecr:1.0`.
 */
function underRetiredRegistry(image: ImageRef): { prefix: string; image: ImageRef } | undefined {
  if (!isAppHarnessImage(image) || image.path.length < 2) return undefined;
  return { prefix: `${image.registry}/${image.path[0]}`, image: { ...image, registry: undefined, path: image.path.slice(1) } };
}

/**
 * An image reference with the Harness name it was renamed from restored under the same prefix.
 * `registry.example.com/harness-ci-addon:1` and `harness/ci_addon:1` map unambiguously;
 * `registry.example.com/mirror/ci-addon:1` does not (`mirror` may be a renamed `harness`).
 * Under the retired registry the whole Docker Hub path gives way to the Harness name:
 * `app.harness.io/registry/harness/kaniko-ecr:1.0` → `app.harness.io/registry/plugins/kaniko-ecr:1.0`.
 */
export function restoreHarnessName(raw: string, catalogue: ImageCatalogue): RestoredName | undefined {
  const image = parseImage(raw);
  if (!image) return undefined;
  const renamed = findRenamedHarnessImage(image, catalogue);
  if (!renamed) return undefined;
  const retired = underRetiredRegistry(image);
  const path = retired?.image.path ?? image.path;
  const last = norm(path[path.length - 1]!);
  const [ns, name] = renamed.expected.split('/') as [string, string];
  const flattened = last === norm(`${ns}-${name}`);
  const clearPrefix = flattened || path.length === 1 || path[path.length - 2]!.toLowerCase() === ns;
  return {
    value: retired ? `${retired.prefix}/${renamed.expected}${imageSuffix(image)}` : renamed.suggestion,
    unambiguous:
      catalogueEntriesNamed(last, catalogue) === 1 &&
      clearPrefix &&
      (!retired || path.length <= 2) &&
      !foreignDockerHubNamespace(retired?.image ?? image, !!retired),
  };
}

/**
 * An execution-config value with the image name its field requires, under the same prefix and tag
 * (on Docker Hub, which has no prefix, the field's own image; under the retired registry, whose path
 * is a Docker Hub one, the field's own image there).
 * `field` is the execution-config field (`gitCloneTag`): its own name also marks a renamed image.
 */
export function restoreExecutionConfigName(raw: string, expected: string, catalogue: ImageCatalogue, field = ''): RestoredName | undefined {
  const image = parseImage(raw);
  if (!image) return undefined;
  const retired = underRetiredRegistry(image);
  if (!retired) return restoreExecutionConfigImage(image, expected, catalogue, field, false);
  const restored = restoreExecutionConfigImage(retired.image, expected, catalogue, field, true);
  return { ...restored, value: `${retired.prefix}/${restored.value}` };
}

/**
 * `retired`: the image is the Docker Hub path under the retired registry, which held Harness's own
 * images: one under a Harness namespace with the field's image name (`harness/kaniko-ecr` as
 * buildAndPushECRTag) can only be meant as the field's image.
 */
function restoreExecutionConfigImage(
  image: ImageRef,
  expected: string,
  catalogue: ImageCatalogue,
  field: string,
  retired: boolean,
): RestoredName {
  const [ns, name] = expected.split('/') as [string, string];
  const path = image.path;
  const last = norm(path[path.length - 1]!);
  const flattened = last === norm(`${ns}-${name}`);
  // Another Harness image in the field (`harness/ci-addon` as the git-clone image) is not a renamed
  // one: swapping it keeps a tag the expected image may not have, so it is never unambiguous.
  const named = catalogueNamesFor(last, catalogue);
  const other = named.length > 0 && !named.includes(expected);
  // Nor is an image whose name is not the expected one's, flattened or not, or its field's
  // (`harness/git-clone` as gitCloneTag): `alpine:3.19` as addonTag is someone's mistake, not a mirror.
  const bare = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');
  const renamedName = [name, `${ns}${name}`, field.replace(/Tag$/, '')].some((n) => n && bare(last) === bare(n));
  const nsKept = path.length > 1 && path[path.length - 2]!.toLowerCase() === ns;
  // The namespace goes with the name it belongs to: this image's, or the other catalogue image's (`plugins/kaniko`).
  const otherNs = path.length > 1 && named.some((n) => n.split('/')[0] === path[path.length - 2]!.toLowerCase());
  // On Docker Hub the first segment is a namespace, not a mirror prefix: the field's own image is the one there.
  const keep = isOnDockerHub(image) ? [] : nsKept || otherNs ? path.slice(0, -2) : path.slice(0, -1);
  const prefix = [image.registry, ...keep].filter(Boolean).join('/');
  const clearName = flattened || nsKept || path.length === 1 || (retired && path.length === 2);
  return {
    value: `${prefix ? prefix + '/' : ''}${expected}${imageSuffix(image)}`,
    unambiguous: !other && renamedName && clearName && (!retired || path.length <= 2) && !foreignDockerHubNamespace(image, retired),
  };
}
