import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { ROOT, tmpDir } from './helpers.js';

// What `npm install -g harness-registry-guard` gives: the packed tarball, installed into a temp
// prefix, run from its bin. The bundles hold everything they import, so the package has no
// runtime dependencies and the install brings nothing else.

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const work = tmpDir('hrg-pack-');
let files: string[] = [];
let bin = '';
let installed: string[] = [];
let nested = true;

const npm = (args: string[]) => execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const run = (args: string[], cwd = work) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH!, HOME: work } });

beforeAll(() => {
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work])) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  files = packed!.files.map((f) => f.path);
  const prefix = path.join(work, 'prefix');
  npm([
    'install',
    '-g',
    '--prefix',
    prefix,
    '--omit=dev',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    path.join(work, packed!.filename),
  ]);
  installed = fs.readdirSync(path.join(prefix, 'lib', 'node_modules'));
  nested = fs.existsSync(path.join(prefix, 'lib', 'node_modules', pkg.name, 'node_modules'));
  bin = path.join(prefix, 'bin', 'harness-registry-guard');
}, 180_000);

describe('npm pack', () => {
  test('installs alone: no runtime dependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
    expect(manifest.dependencies).toBeUndefined();
    expect(installed).toEqual([pkg.name]);
    expect(nested).toBe(false);
  });

  test('the tarball holds the bundles, the rule pages and the schemas, and no tests or sources', () => {
    expect(files).toEqual(
      expect.arrayContaining(['dist/cli/index.js', 'dist/index.js', 'docs/rules/no-app-harness-registry.md', 'schemas/config.schema.json']),
    );
    expect(files.filter((f) => /(^|\/)(__tests__|tests?|fixtures|src|bench|scripts)\/|\.test\.|\.spec\./.test(f))).toEqual([]);
  });

  test('the installed bin: --version, rules, explain, check on a fixture repo', () => {
    expect(run(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const rules = run(['rules']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/^no-app-harness-registry +error +1 +safe +https:\/\//m);
    const explain = run(['explain', 'no-app-harness-registry']);
    expect(explain.status).toBe(0);
    // The page as shipped, less its front matter.
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'no-app-harness-registry.md'), 'utf8');
    expect(explain.stdout).toBe(page.slice(page.indexOf('\n---\n', 4) + 5).trimStart());
    const repo = path.join(work, 'repo');
    fs.cpSync(path.join(ROOT, 'examples'), repo, { recursive: true });
    const check = run(['check', '.', '--format', 'json'], repo);
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).summary).toMatchObject({ files: 11, errors: 8, warnings: 2, notices: 1 });
    expect(run(['init'], repo)).toMatchObject({ status: 0, stderr: '' });
  });
});
