import { describe, expect, test } from '@jest/globals';
import { renderSummary } from '../../src/action/summary.js';
import { changedFiles as files, changeScope } from '../../src/github/changed-files.js';
import { formatMarkdown, SUMMARY_MAX_BYTES } from '../../src/formats/markdown.js';
import { expectGolden, lintFixture } from '../formats/golden.js';

const changedFiles = (...args: Parameters<typeof files>) => changeScope(files(...args))!;
const links = { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' };

describe('the job summary (the CLI Markdown report plus what a pull request knows)', () => {
  const result = lintFixture();

  test('links at the head SHA, the fail-on verdict, changed files first and a changed connector: golden file', () => {
    const changed = changedFiles('api', [{ path: '.harness/connectors/docker_hub.yaml', status: 'modified', lines: new Set([12]) }]);
    const related = result.findings.find((f) => f.ruleId === 'require-platform-connectivity')!.related!;
    const md = renderSummary(result, {
      links,
      changed,
      docsBaseUrl: 'https://github.com/acme/guard/blob/v1/docs/rules',
      notes: ['❌ 4 findings reach `fail-on: error`: the step fails.'],
      impacts: [
        {
          ruleId: 'require-platform-connectivity',
          connector: 'docker_hub',
          file: '.harness/connectors/docker_hub.yaml',
          line: 12,
          breaks: related,
          stillBroken: [],
          fixes: [],
          compared: true,
        },
      ],
    });
    expectGolden('summary.md', md);
    expect(md).toContain(
      '[.harness/pipelines/ship.yaml:26](https://github.com/acme/shop/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/.harness/pipelines/ship.yaml#L26): Used by Harness Cloud stage `test_cloud` of pipeline `ship`.',
    );
    expect(md).toContain('### Findings in changed files (1)');
    expect(md).toContain('### Findings elsewhere in the repository (5)');
    expect(md).toContain(
      '(https://github.com/acme/shop/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/.harness/connectors/old%20registry.yaml#L6)',
    );
    expect(md).toContain(
      '[Harness docs](https://developer.harness.io/docs/continuous-integration/use-ci/set-up-build-infrastructure/use-harness-cloud-build-infrastructure) · [rule page](https://github.com/acme/guard/blob/v1/docs/rules/require-platform-connectivity.md)',
    );
    expect(md).toContain('| `require-platform-connectivity` | 1 | 0 | 0 | 1 |');
    expect(md).toContain('| **Total** | **4** | **0** | **2** | **6** |');
  });

  test('gate changes and notes are stated; without them and without a change the summary is the CLI report', () => {
    const md = renderSummary(result, {
      links,
      notes: ['first note', 'second\nnote'],
      gateChanges: [{ file: '.harness-registry-guard.yml', line: 3, message: 'This pull request changes `rules.x`.' }],
    });
    expect(md).toContain('> first note\n>\n> second note\n\n');
    expect(md).toContain(
      '### Changes to the gate in this pull request\n\n- [.harness-registry-guard.yml:3](https://github.com/acme/shop/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/.harness-registry-guard.yml#L3): This pull request changes `rules.x`.',
    );
    expect(md).toContain('CODEOWNERS');
    expect(renderSummary(result)).toBe(formatMarkdown(result));
  });

  test("a pull request with thousands of gate changes and changed connectors keeps the summary under GitHub's 1 MiB, findings first", () => {
    const related = result.findings.find((f) => f.ruleId === 'require-platform-connectivity')!.related!;
    const many = Array.from({ length: 200 }, () => related).flat();
    const md = renderSummary(result, {
      links,
      changed: changedFiles('api', []),
      gateChanges: Array.from({ length: 5000 }, (_, i) => ({
        file: 'ci/baseline.json',
        line: i + 2,
        message: `This pull request adds an accepted finding to the baseline: \`no-app-harness-registry\` in \`.harness/pipelines/p${i}.yaml\` at \`stages/stage=build/spec/execution/steps/step=s${i}/spec/image\`.`,
      })),
      impacts: Array.from({ length: 200 }, (_, i) => ({
        ruleId: 'require-platform-connectivity',
        connector: `hub_${i}`,
        file: `.harness/connectors/hub_${i}.yaml`,
        line: 12,
        breaks: many,
        stillBroken: [],
        fixes: [],
        compared: true,
      })),
    });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(md).toMatch(/- … and \d+ more, not listed here to keep the summary under GitHub's 1 MiB/);
    expect(md).toMatch(/- … and \d+ more changed connectors, not listed here/);
    // Room is left for the findings themselves.
    expect(md).toContain('### Findings elsewhere in the repository');
    for (const f of result.findings.filter((x) => !x.suppressed)) expect(md).toContain(`${f.file}:${f.line}`);
  });

  test('one changed connector whose list alone is over the section budget is still named, with the stages that fit', () => {
    const related = result.findings.find((f) => f.ruleId === 'require-platform-connectivity')!.related!;
    const impact = (connector: string) => ({
      ruleId: 'require-platform-connectivity',
      connector,
      file: `.harness/connectors/${connector}.yaml`,
      line: 12,
      breaks: Array.from({ length: 3000 }, () => related).flat(),
      stillBroken: [],
      fixes: [],
      compared: true,
    });
    const md = renderSummary(result, { links, changed: changedFiles('api', []), impacts: [impact('the_one')] });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(md).toContain('  - now breaks:');
    // The stages that fit the section's 192 KiB, then a line that says the rest of them are left out.
    const start = md.indexOf('- Connector `the_one`');
    const end = md.indexOf(
      "\n- … the rest of its stages, not listed here to keep the summary under GitHub's 1 MiB: their findings are in the tables below and in the step log.",
    );
    expect([start > 0, end > start]).toEqual([true, true]);
    const listed = Buffer.byteLength(md.slice(start, end + 1));
    expect(listed).toBeLessThanOrEqual(192 * 1024);
    expect(listed).toBeGreaterThan(192 * 1024 - 1000);
    // With another connector after it, that one is counted.
    const two = renderSummary(result, { impacts: [impact('c0'), impact('c1')] });
    expect(two).toContain('\n- … the rest of its stages and 1 more changed connector, not listed here');
    expect(two).not.toContain('Connector `c1`');
  });

  test('the check run size budget holds', () => {
    const md = renderSummary(result, { maxBytes: 4000, links, changed: changedFiles('api', []), notes: ['verdict'] });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4000);
  });
});
