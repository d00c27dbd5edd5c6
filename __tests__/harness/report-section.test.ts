/**
 * The report's "Harness-side connectors" section says what the lookups learnt, and no more: when
 * nothing could be read it does not claim that nothing was found.
 */
import { describe, expect, it, test } from '@jest/globals';
import { harnessConnectorsOf, harnessLookupsOf, harnessSideMarkdown } from '../../src/migration/harness-side.js';
import { plain } from '../../src/migration/markdown.js';
import { renderReport } from '../../src/migration/index.js';
import { lint } from '../helpers/lint.js';
import { cleanup, NOW, pipeline, repo } from '../migration/repo-fixture.js';
import type { MigrationReport } from '../../src/migration/types.js';
import type { HarnessAnswer, HarnessFacts } from '../../src/model/harness-side.js';
import type { Loc } from '../../src/model/loc.js';

const AT: Loc = { file: 'x', start: 0, end: 0, value: null, path: undefined, flags: 0 };

const factsOf = (...answers: HarnessAnswer[]): HarnessFacts => ({
  host: 'app.harness.io',
  lookups: answers.map((answer, i) => ({ identifier: `c${i}`, scope: { level: 'account' }, at: AT, answer })),
  requests: answers.length,
});

/** The section's line under the summary and warning: what it says of the (empty) connector table. */
function emptyTableLine(facts: HarnessFacts): string | undefined {
  const report = { harnessLookups: harnessLookupsOf(facts), harnessConnectors: [], externalConnectors: [], changes: [] };
  const lines = harnessSideMarkdown(report as unknown as MigrationReport, {
    table: () => {},
    usesText: () => '',
    code: (s) => `\`${s}\``,
    plain: (s) => s,
  });
  return lines.find((l) => l.startsWith('No connector'));
}

describe('Harness-side connectors with an empty table', () => {
  const timeout: HarnessAnswer = { kind: 'failed', reason: 'connection refused (3 attempts)' };
  test.each<[string, HarnessFacts, string]>([
    ['every lookup answered "not found"', factsOf({ kind: 'notFound' }), 'No connector the repo uses was found in Harness.'],
    [
      'Harness could not be reached',
      factsOf(timeout, timeout),
      'No connector the repo uses could be read from Harness (see the warning above).',
    ],
    [
      'some not found, some unread',
      factsOf({ kind: 'notFound' }, timeout),
      'No connector the repo uses was found in Harness, but 1 could not be read (see the warning above).',
    ],
  ])('%s', (_, facts, expected) => {
    expect(emptyTableLine(facts)).toBe(expected);
  });
});

describe('CI image overrides in Harness with an empty table', () => {
  const lineOf = (unread: string[]) => {
    const facts = factsOf({ kind: 'notFound' });
    const report = {
      harnessLookups: harnessLookupsOf(facts, { overrides: [], unread }),
      harnessConnectors: [],
      harnessImageOverrides: [],
      externalConnectors: [],
      changes: [],
    };
    const lines = harnessSideMarkdown(report as unknown as MigrationReport, {
      table: () => {},
      usesText: () => '',
      code: (s) => s,
      plain: (s) => s,
    });
    return lines.slice(lines.indexOf('### CI image overrides in Harness') + 1).filter(Boolean);
  };

  it('says no override could be read when neither infrastructure was', () => {
    expect(lineOf(['K8: HTTP 403: …', 'VM: HTTP 403: …'])).toEqual([
      '> Not read: K8: HTTP 403: …',
      '> Not read: VM: HTTP 403: …',
      'No override could be read.',
    ]);
  });

  it('speaks of the overrides that were read when one infrastructure was', () => {
    expect(lineOf(['VM: timed out after 10 s']).at(-1)).toBe('No problem in the overrides that were read.');
    expect(lineOf([]).at(-1)).toBe('No override breaks a policy.');
  });
});

describe('Harness-side connectors as text', () => {
  test("a scope naming the repo's org, and Harness's own fields, are shown as text, not HTML", () => {
    const found: HarnessAnswer = {
      kind: 'found',
      connector: {
        identifier: 'hub',
        scope: { level: 'org', org: '<img src=x>' },
        type: 'Docker<b>Registry</b>',
        urls: ['https://registry.hub.docker.com'],
        delegateSelectors: [],
        uiUrl: 'https://ui/hub',
      },
    };
    const facts = factsOf(found);
    const report = {
      harnessLookups: harnessLookupsOf(facts),
      harnessConnectors: harnessConnectorsOf(facts),
      externalConnectors: [],
      changes: [],
    };
    const rows: string[][] = [];
    harnessSideMarkdown(report as unknown as MigrationReport, {
      table: (_out, _header, items, cells) => items.forEach((x) => rows.push(cells(x))),
      usesText: () => '',
      code: (s) => `\`${s}\``,
      plain,
    });
    expect(rows.length).toBe(1);
    expect(rows.flat().filter((cell) => /<[a-z]/i.test(cell))).toEqual([]);
  });
});

describe('"Checks in Harness" when the lookups answered every reference', () => {
  test('does not say the repo alone settled them', () => {
    const dir = repo({ 'p.yaml': pipeline('p', 'account.hub') });
    const answered: HarnessAnswer = {
      kind: 'found',
      connector: {
        identifier: 'hub',
        scope: { level: 'account' },
        type: 'DockerRegistry',
        urls: ['https://registry.hub.docker.com'],
        delegateSelectors: [],
        uiUrl: 'https://ui/hub',
        executeOnDelegate: false,
      },
    };
    const facts: HarnessFacts = {
      host: 'app.harness.io',
      lookups: ['hub', 'k8s', 'harnessImage'].map((identifier) => ({ identifier, scope: { level: 'account' }, at: AT, answer: answered })),
      requests: 3,
    };
    const markdown = renderReport(lint({ cwd: dir, paths: ['.'], images: true, harnessFacts: facts }), 'markdown', { now: NOW });
    const section = markdown.slice(markdown.indexOf('## Checks in Harness'));
    expect(section.split('\n')[2]).toBe(
      'None: the repo and the answers from Harness settle every reference (what to change in Harness is under "Harness-side connectors").',
    );
    cleanup();
  });
});
