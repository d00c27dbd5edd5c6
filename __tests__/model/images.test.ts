import { describe, expect, test } from '@jest/globals';
import { isAppHarnessRegistryUrl, normaliseRegistryUrl, parseImage } from '../../src/model/images.js';

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
