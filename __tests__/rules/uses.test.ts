import { describe, expect, it } from '@jest/globals';
import platformRule, { Uses, type Use } from '../../src/rules/require-platform-connectivity.js';
import accountRule from '../../src/rules/require-account-image-connector.js';
import type { ConnectorUseFacts } from '../../src/engine/rule.js';
import type { Connector } from '../../src/model/entities.js';
import type { HarnessAnswer, HarnessFacts } from '../../src/model/harness-side.js';
import type { Loc } from '../../src/model/loc.js';
import { lintFiles } from '../helpers/lint-files.js';
import { harnessConnector } from '../helpers/rule-tester.js';

const at = (file: string, start: number): Loc => ({ file, start, end: start + 1, value: null, path: undefined, flags: 0 });
/** A use; `entity` tells apart uses that are otherwise equal (the first met is the one kept). */
const use = (file: string, start: number, messageId: string, stage: string, entity = 'first'): Use => ({
  at: at(file, start),
  messageId,
  data: { stage },
  user: { stage, entity, key: stage },
});
const shown = (uses: Use[]) => uses.map((u) => `${u.at.file}:${u.at.start} ${u.messageId} ${String(u.data?.stage)} ${u.user.entity}`);

describe('Uses', () => {
  it.each([
    {
      what: 'a use met again (a template stage in a second run) is kept once, the first time',
      add: [use('b.yaml', 5, 'usedBy', 's', 'first'), use('b.yaml', 5, 'usedBy', 's', 'second')],
      want: ['b.yaml:5 usedBy s first'],
    },
    {
      what: 'the same place with another message or other data is another use',
      add: [use('b.yaml', 5, 'usedBy', 's'), use('b.yaml', 5, 'clonesCodebase', 's'), use('b.yaml', 5, 'usedBy', 't')],
      want: ['b.yaml:5 usedBy s first', 'b.yaml:5 clonesCodebase s first', 'b.yaml:5 usedBy t first'],
    },
    {
      what: 'uses come by file and offset; a repeat after other places is still dropped',
      add: [
        use('b.yaml', 9, 'usedBy', 's'),
        use('a.yaml', 7, 'usedBy', 's'),
        use('b.yaml', 2, 'usedBy', 's'),
        use('b.yaml', 9, 'usedBy', 'u'),
        use('b.yaml', 9, 'usedBy', 's', 'second'),
      ],
      want: ['a.yaml:7 usedBy s first', 'b.yaml:2 usedBy s first', 'b.yaml:9 usedBy s first', 'b.yaml:9 usedBy u first'],
    },
  ])('$what', ({ add, want }) => {
    const uses = new Uses<string>();
    for (const u of add) uses.add('k', u);
    expect(uses.entries().map(([k, list]) => [k, shown(list)])).toEqual([['k', want]]);
  });

  it('keeps each key to itself: equal uses of two connectors are both kept', () => {
    const uses = new Uses<string>();
    uses.add('one', use('a.yaml', 1, 'usedBy', 's'));
    uses.add('two', use('a.yaml', 1, 'usedBy', 's'));
    expect(uses.entries().map(([k, list]) => [k, list.length])).toEqual([
      ['one', 1],
      ['two', 1],
    ]);
  });
});

describe('connectorUseFailure: why the migration report calls a use failing', () => {
  const SCOPE = { level: 'account' as const };
  const facts = (extra: Partial<ConnectorUseFacts>): ConnectorUseFacts => ({
    ref: 'account.hub',
    cloud: true,
    imageConnector: false,
    findings: [],
    ...extra,
  });
  // Policy 3 looks only at whether the repo holds a connector here, not at its fields.
  const inRepo = {} as Connector;
  /** An AWS connector whose credentials come from IRSA: Harness Cloud has no such role. */
  const IRSA = { type: 'Aws', credentialType: 'Irsa' } as Connector;

  it.each([
    [
      'a Harness-side connector without executeOnDelegate, on Harness Cloud',
      { inHarness: harnessConnector('hub', SCOPE) },
      'connects through a delegate',
    ],
    [
      'a Harness-side connector with executeOnDelegate: false',
      { inHarness: harnessConnector('hub', SCOPE, { executeOnDelegate: false }) },
      undefined,
    ],
    [
      'a Harness-side connector through a delegate, off Harness Cloud',
      { inHarness: harnessConnector('hub', SCOPE), cloud: false },
      undefined,
    ],
    ['a reference nobody holds (nothing known)', {}, undefined],
    // Harness Cloud rules these credentials out; on a delegate's infrastructure they are fine.
    ['credentials Harness Cloud cannot use (IRSA), off Harness Cloud', { connector: IRSA, cloud: false }, undefined],
  ])('policy 2: %s', (_, extra, want) => {
    expect(platformRule.connectorUseFailure!(facts(extra))).toBe(want);
  });

  it.each([
    [
      'an org-scope Override Image Connector the repo holds',
      { ref: 'org.hub', connector: inRepo, imageConnector: true },
      'not an account-scope reference',
    ],
    [
      'an org-scope Override Image Connector the repo does not hold',
      { ref: 'org.hub', imageConnector: true },
      'not an account-scope connector',
    ],
    ['an account-scope Override Image Connector', { ref: 'account.hub', imageConnector: true }, undefined],
    ['an org-scope connector that is not an Override Image Connector', { ref: 'org.hub', connector: inRepo }, undefined],
  ])('policy 3: %s', (_, extra, want) => {
    expect(accountRule.connectorUseFailure!(facts({ cloud: false, ...extra }))).toBe(want);
  });
});

describe("policy 3's fix and suggestion titles (what `fix` and the migration report say)", () => {
  const ACCOUNT = { level: 'account' as const };
  const PIPELINE = `pipeline:
  name: build
  identifier: build
  orgIdentifier: default
  projectIdentifier: proj
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: org.mirror
`;
  const lookup = (answer: HarnessAnswer): HarnessFacts => ({
    host: 'app.harness.io',
    lookups: [{ identifier: 'mirror', scope: ACCOUNT, at: at('(harness)', 0), answer }],
    requests: 1,
  });
  const titleOf = (facts: HarnessFacts) => {
    const [f] = lintFiles({ 'pipeline.yaml': PIPELINE }, { rules: [accountRule], configPath: false, harnessFacts: facts }).findings;
    return f?.fix ? `safe: ${f.fixTitle}` : `suggestion: ${f?.suggestion?.title}`;
  };

  it('an account connector only Harness holds: the fix says it is in Harness', () => {
    expect(titleOf(lookup({ kind: 'found', connector: harnessConnector('mirror', ACCOUNT) }))).toBe(
      'safe: Reference the account-scope connector `account.mirror` (in Harness) instead of `org.mirror`.',
    );
  });

  it('a lookup in Harness that got no answer: the advice is to reference it once Harness is known to have it, not to create it', () => {
    expect(titleOf(lookup({ kind: 'failed', reason: 'timed out' }))).toBe(
      'suggestion: Reference an account-scope connector as `account.mirror` instead of `org.mirror` once Harness is known to have one (the repo has no account-scope `mirror`, and the lookup in Harness got no answer).',
    );
  });
});
