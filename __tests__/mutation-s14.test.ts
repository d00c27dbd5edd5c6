import { describe, expect, test } from '@jest/globals';
import { catalogueWith, defaultCatalogue } from '../src/model/images.js';
import {
  isDockerHubUrl,
  isHarnessPublicRegistry,
  restoreExecutionConfigName,
  restoreHarnessName,
  swapAppHarnessImage,
} from '../src/model/image-fixes.js';

// Behaviour of the image fixes' building blocks that the rule tables do not reach one by one.

describe('registries a fix may move to without anything existing there first', () => {
  test("Docker Hub is a Harness registry only as itself: a namespace under it is someone's own", () => {
    expect(isHarnessPublicRegistry('https://registry.hub.docker.com')).toBe(true);
    expect(isHarnessPublicRegistry('https://registry.hub.docker.com/myorg')).toBe(false);
    expect(isDockerHubUrl('https://index.docker.io/v2/')).toBe(true);
    expect(isDockerHubUrl('https://registry.hub.docker.com/myorg')).toBe(false);
  });

  test('the path of a Harness registry is matched whatever its case', () => {
    expect(isHarnessPublicRegistry('https://gcr.io/GCR-Prod')).toBe(true);
    expect(isHarnessPublicRegistry('https://public.ecr.aws/Harness/')).toBe(true);
  });
});

describe('swapAppHarnessImage', () => {
  test('a Docker Hub URL with a path is a prefix, not Docker Hub itself', () => {
    expect(swapAppHarnessImage('app.harness.io/registry/harness/ci-addon:1', 'https://docker.io/myorg')).toBe(
      'docker.io/myorg/harness/ci-addon:1',
    );
  });

  test('the retired registry written with port 443 is swapped too', () => {
    expect(swapAppHarnessImage('app.harness.io:443/registry/harness/ci-addon:1', 'https://registry.hub.docker.com')).toBe(
      'harness/ci-addon:1',
    );
  });

  test('a one-segment name would become a `library/` image on Docker Hub: no swap', () => {
    expect(swapAppHarnessImage('app.harness.io/registry/alpine:3', 'https://registry.hub.docker.com')).toBeUndefined();
    expect(swapAppHarnessImage('app.harness.io/registry/alpine:3', 'https://gcr.io/gcr-prod')).toBe('gcr.io/gcr-prod/alpine:3');
  });
});

describe('restoreHarnessName: when the restored name is unambiguous', () => {
  const restore = (raw: string, catalogue = defaultCatalogue) => restoreHarnessName(raw, catalogue);

  test('a flattened name is clear behind any mirror path', () => {
    expect(restore('registry.example.com/mirror/harness-ci-addon:1')).toEqual({
      value: 'registry.example.com/mirror/harness/ci-addon:1',
      unambiguous: true,
    });
  });

  test('a name two catalogue entries can stand for is not', () => {
    expect(restore('registry.example.com/harness-cache-server:1', catalogueWith(['harness/cache-server']))?.unambiguous).toBe(false);
    expect(restore('registry.example.com/harness-cache-server:1')?.unambiguous).toBe(true);
  });

  test("under the retired registry: a bare name is Harness's, a path deeper than namespace/name is not clear", () => {
    expect(restore('app.harness.io/registry/harness-ci-addon:1')).toEqual({
      value: 'app.harness.io/registry/harness/ci-addon:1',
      unambiguous: true,
    });
    expect(restore('app.harness.io/registry/mirror/harness/ci_addon:1')?.unambiguous).toBe(false);
  });
});

describe("restoreExecutionConfigName: when the field's image is unambiguous", () => {
  const restore = (raw: string, expected: string, field: string, catalogue = defaultCatalogue) =>
    restoreExecutionConfigName(raw, expected, catalogue, field);

  test("the field's own name (gitCloneTag → git-clone) marks a renamed image, though no catalogue entry has that name", () => {
    expect(restore('registry.example.com/harness/git-clone:1.6.9', 'harness/drone-git', 'gitCloneTag')).toEqual({
      value: 'registry.example.com/harness/drone-git:1.6.9',
      unambiguous: true,
    });
  });

  test("another catalogue image's namespace goes with its name", () => {
    expect(restore('registry.example.com/plugins/kaniko:1', 'harness/ci-addon', 'addonTag')).toEqual({
      value: 'registry.example.com/harness/ci-addon:1',
      unambiguous: false,
    });
  });

  test('a name alone behind a mirror host is clear', () => {
    expect(restore('registry.example.com/ci_addon:1', 'harness/ci-addon', 'addonTag')).toEqual({
      value: 'registry.example.com/harness/ci-addon:1',
      unambiguous: true,
    });
  });

  test("an image the catalogue names otherwise is not the field's image renamed", () => {
    // `acme/ci.addon` is an image of its own, though it differs from `ci-addon` only by punctuation.
    const catalogue = catalogueWith(['acme/ci.addon']);
    expect(restore('registry.example.com/ci.addon:1', 'harness/ci-addon', 'addonTag', catalogue)?.unambiguous).toBe(false);
    expect(restore('registry.example.com/ci.addon:1', 'harness/ci-addon', 'addonTag')?.unambiguous).toBe(true);
  });

  test('under the retired registry a path deeper than namespace/name is not clear', () => {
    expect(restore('app.harness.io/registry/mirror/harness/ci_addon:1', 'harness/ci-addon', 'addonTag')?.unambiguous).toBe(false);
    expect(restore('app.harness.io/registry/harness/ci_addon:1', 'harness/ci-addon', 'addonTag')).toEqual({
      value: 'app.harness.io/registry/harness/ci-addon:1',
      unambiguous: true,
    });
  });

  test('the retired registry with no image path is no image under it', () => {
    expect(restore('app.harness.io/registry:1', 'harness/ci-addon', 'addonTag')?.unambiguous).toBe(false);
  });
});
