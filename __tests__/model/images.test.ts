import { describe, expect, test } from '@jest/globals';
import {
  catalogueEntriesNamed,
  catalogueNamesFor,
  catalogueWith,
  defaultCatalogue,
  executionConfigMismatch,
  findRenamedHarnessImage,
  isAppHarnessImage,
  isAppHarnessRegistryUrl,
  mentionsExecutionConfigField,
  normaliseRegistryUrl,
  parseImage,
  redactUserInfo,
} from '../../src/model/images.js';

describe('parseImage with Harness expressions', () => {
  test.each([
    [
      'app.harness.io/registry/harness/ci-addon:<+pipeline.sequenceId>',
      'app.harness.io',
      ['registry', 'harness', 'ci-addon'],
      '<+pipeline.sequenceId>',
    ],
    ['harness/ci-addon:<+a.b(<+c.d>)>', undefined, ['harness', 'ci-addon'], '<+a.b(<+c.d>)>'],
    ['harness/ci-addon:<+input>', undefined, ['harness', 'ci-addon'], '<+input>'],
  ])('an expression in the tag leaves the name literal: %s', (raw, registry, path, tag) => {
    expect(parseImage(raw)).toEqual({ registry, path, tag, digest: undefined });
  });

  test('an expression in the digest, with a colon, slash and space inside it', () => {
    expect(parseImage('gcr.io/gcr-prod/plugins/kaniko:1@<+x.split("a: /")>')).toEqual({
      registry: 'gcr.io',
      path: ['gcr-prod', 'plugins', 'kaniko'],
      tag: '1',
      digest: '<+x.split("a: /")>',
    });
  });

  test.each([
    '<+input>',
    '<+input>.default(app.harness.io/registry/harness/ci-addon:1)',
    '<+pipeline.variables.img>',
    '<+pipeline.variables.reg>/harness/ci-addon:1',
    'app.harness.io/registry/<+pipeline.variables.ns>/ci-addon:1',
    'harness/ci-addon:<+unclosed',
    'harness/ci-addon :1',
  ])('unknown when an expression is in the registry or name, or the text is not one reference: %s', (raw) => {
    expect(parseImage(raw)).toBeUndefined();
  });
});

describe('registry URLs with empty path segments', () => {
  test('`//` counts as one slash', () => {
    expect(normaliseRegistryUrl('https://app.harness.io//registry//v2/')).toEqual({ host: 'app.harness.io', path: '/registry' });
    expect(isAppHarnessRegistryUrl('https://app.harness.io//registry')).toBe(true);
    expect(isAppHarnessRegistryUrl('https://app.harness.io/gateway//registry')).toBe(false);
  });
});

describe('parseImage: what is a registry host', () => {
  test('a one-segment name with a dot is a Docker Hub name, not a registry', () => {
    expect(parseImage('my.tool:1')).toEqual({ registry: undefined, path: ['my.tool'], tag: '1', digest: undefined });
  });

  test('`localhost` is a registry host though it has no dot or port', () => {
    expect(parseImage('localhost/harness/ci-addon:1')).toEqual({
      registry: 'localhost',
      path: ['harness', 'ci-addon'],
      tag: '1',
      digest: undefined,
    });
    expect(parseImage('localhosts/ci-addon:1')?.registry).toBeUndefined();
  });

  test('a nested expression is masked to its outer end: a `/` after the inner one is still inside', () => {
    expect(parseImage('harness/ci-addon:<+<+pipeline.variables.v>.replace("/", "-")>')).toEqual({
      registry: undefined,
      path: ['harness', 'ci-addon'],
      tag: '<+<+pipeline.variables.v>.replace("/", "-")>',
      digest: undefined,
    });
  });
});

describe('redactUserInfo', () => {
  test('hides user info in a URL, quoted as YAML writes it or not', () => {
    expect(redactUserInfo('https://user:pw@app.harness.io/registry')).toBe('https://***@app.harness.io/registry');
    expect(redactUserInfo('"https://user:pw@app.harness.io/registry"')).toBe('"https://***@app.harness.io/registry"');
    expect(redactUserInfo("'https://user:pw@app.harness.io/registry'")).toBe("'https://***@app.harness.io/registry'");
  });
});

describe('isAppHarnessRegistryUrl', () => {
  test('the path must be `/registry` or under it, not a longer name that starts with it', () => {
    expect(isAppHarnessRegistryUrl('https://app.harness.io/registry/harness')).toBe(true);
    expect(isAppHarnessRegistryUrl('https://app.harness.io/registry-mirror')).toBe(false);
  });
});

describe('findRenamedHarnessImage', () => {
  test('an exact Harness name is not renamed, on Docker Hub or behind a mirror', () => {
    expect(findRenamedHarnessImage(parseImage('harness/ci-addon:1.16')!, defaultCatalogue)).toBeUndefined();
    expect(findRenamedHarnessImage(parseImage('registry.example.com/harness/ci-addon:1.16')!, defaultCatalogue)).toBeUndefined();
  });
});

describe('the catalogue', () => {
  test('an extra name the built-in catalogue already has is not added twice: the name stays unambiguous', () => {
    const catalogue = catalogueWith(['harness/ci-addon', 'acme/builder']);
    expect(catalogue.images.length).toBe(defaultCatalogue.images.length + 1);
    expect(catalogueEntriesNamed('ci-addon', catalogue)).toBe(1);
  });

  test('a generic bare name (`docker`, `gcs`) stands for no catalogue entry; its flattened name does', () => {
    expect(catalogueNamesFor('docker', defaultCatalogue)).toEqual([]);
    expect(catalogueNamesFor('plugins-docker', defaultCatalogue)).toEqual(['plugins/docker']);
    expect(catalogueNamesFor('ci-addon', defaultCatalogue)).toEqual(['harness/ci-addon']);
  });

  test('a name two entries can stand for is the first in catalogue order, the built-in before an extra', () => {
    // `harness-cache-server` is the built-in's bare name and the extra `harness/cache-server` flattened.
    const catalogue = catalogueWith(['harness/cache-server']);
    expect(findRenamedHarnessImage(parseImage('registry.example.com/mirror/harness-cache-server:1')!, catalogue)?.expected).toBe(
      'harness/harness-cache-server',
    );
  });
});

describe('execution-config fields', () => {
  test('a JSON text is noticed with spaces before the colon', () => {
    expect(mentionsExecutionConfigField('{ "addonTag" : "harness/ci-addon:1" }')).toBe(true);
    expect(mentionsExecutionConfigField('{ "image": "harness/ci-addon:1" }')).toBe(false);
  });

  test('only own fields of the map count: `toString` is no field', () => {
    expect(executionConfigMismatch('toString', 'alpine:3', defaultCatalogue)).toBeUndefined();
  });
});

describe('names restored under a mirror', () => {
  test('a misspelled name under the Harness namespace keeps the mirror prefix and the namespace once', () => {
    expect(findRenamedHarnessImage(parseImage('registry.example.com/harness/ci_addon:1')!, defaultCatalogue)).toEqual({
      expected: 'harness/ci-addon',
      suggestion: 'registry.example.com/harness/ci-addon:1',
    });
  });

  test('an execution-config value keeps its name only under a whole namespace segment', () => {
    expect(executionConfigMismatch('addonTag', 'registry.example.com/harness/ci-addon:1', defaultCatalogue)).toBeUndefined();
    expect(executionConfigMismatch('addonTag', 'registry.example.com/myharness/ci-addon:1', defaultCatalogue)).toBe('harness/ci-addon');
  });
});

describe('the retired registry', () => {
  test('any numbered app host (app3.harness.io) is the retired registry too', () => {
    expect(isAppHarnessRegistryUrl('https://app3.harness.io/registry')).toBe(true);
    expect(isAppHarnessImage(parseImage('app3.harness.io/registry/harness/ci-addon:1')!)).toBe(true);
  });

  test('an image on the app host but not under `registry` is not on the retired registry', () => {
    expect(isAppHarnessImage(parseImage('app.harness.io/harness/ci-addon:1')!)).toBe(false);
  });

  test('a query or fragment is no part of a registry URL; an expression leaves it unknown', () => {
    expect(normaliseRegistryUrl('https://app.harness.io/registry?tab=1#top')).toEqual({ host: 'app.harness.io', path: '/registry' });
    expect(normaliseRegistryUrl('https://app.harness.io/registry/<+pipeline.variables.ns>')).toBeUndefined();
  });
});

describe('parseImage, asked again', () => {
  test('gives the same answer, frozen, and none for what is not an image', () => {
    const texts = ['gcr.io/gcr-prod/harness/ci-addon:1.16', ' harness/ci-addon:1.16 ', 'harness/ci-addon:1.16', '<+input>', ''];
    const first = texts.map((t) => parseImage(t));
    const again = texts.map((t) => parseImage(t));
    expect(again).toEqual(first);
    expect(again[0]).toBe(first[0]);
    expect(first[0]).toEqual({ registry: 'gcr.io', path: ['gcr-prod', 'harness', 'ci-addon'], tag: '1.16', digest: undefined });
    expect(first[1]).toEqual({ registry: undefined, path: ['harness', 'ci-addon'], tag: '1.16', digest: undefined });
    expect(first.slice(3)).toEqual([undefined, undefined]);
    // Shared between every field that names it: a change to one would change them all.
    expect(Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.path)).toBe(true);
  });
});

describe('findRenamedHarnessImage, asked again', () => {
  test('gives the same answer for the same image, and judges each catalogue apart', () => {
    const image = parseImage('mirror.example.com/ci-addon:1.16')!;
    const first = findRenamedHarnessImage(image, defaultCatalogue);
    expect(first?.expected).toBe('harness/ci-addon');
    expect(findRenamedHarnessImage(image, defaultCatalogue)).toBe(first);
    // A catalogue with more names is another question: a name of its own is not renamed.
    const own = parseImage('mirror.example.com/acme/builder:1')!;
    expect(findRenamedHarnessImage(own, defaultCatalogue)).toBeUndefined();
    expect(findRenamedHarnessImage(own, catalogueWith(['harness/builder']))?.expected).toBe('harness/builder');
    expect(findRenamedHarnessImage(own, defaultCatalogue)).toBeUndefined();
  });
});
