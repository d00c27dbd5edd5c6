import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { rulesDocsDir } from '../../src/cli/docs.js';
import { initialConfig } from '../../src/cli/commands/init.js';
import { CONFIG_FILE, loadConfig } from '../../src/engine/config.js';
import { configSchemaUrl, PROJECT_URL, REPOSITORY, ruleDocsUrl } from '../../src/formats/links.js';
import { allRules, rules } from '../../src/rules/index.js';
import { VERSION } from '../../src/version.js';
import { cli, CONNECTOR_REPO, ROOT, tmpDir, writeTree } from './helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
  homepage: string;
};
const COMMANDS = ['check', 'fix', 'report', 'rules', 'explain', 'init', 'help'];

describe('version and links', () => {
  test('VERSION is package.json version; --version, -V and -v print it', async () => {
    expect(VERSION).toBe(pkg.version);
    for (const flag of ['--version', '-V', '-v']) expect(await cli([flag])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  test("links are built from package.json's canonical repository at the version's tag", () => {
    expect(pkg.repository.url).toBe(`git+https://github.com/${REPOSITORY}.git`);
    expect(pkg.homepage.startsWith(PROJECT_URL)).toBe(true);
    expect(ruleDocsUrl('schema')).toBe(`https://github.com/${REPOSITORY}/blob/v${pkg.version}/docs/rules/schema.md`);
    expect(configSchemaUrl()).toBe(`https://raw.githubusercontent.com/${REPOSITORY}/v${pkg.version}/schemas/config.schema.json`);
  });
});

describe('help', () => {
  test('--help, -h and help list every command, and exit 0', async () => {
    const { code, out, err } = await cli(['--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const c of COMMANDS) expect(out).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(out).toContain('-V, --version');
    expect((await cli(['-h'])).out).toBe(out);
    expect((await cli(['help'])).out).toBe(out);
  });

  test.each(COMMANDS)('`help %s` and `%s --help` print the same usage', async (name) => {
    const viaHelp = await cli(['help', name]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.out).toMatch(new RegExp(`^Usage: harness-registry-guard ${name}\\b`));
    // In an empty folder: `fix --help` that ran `fix` would otherwise rewrite the repository's examples.
    expect(await cli([name, '--help'], tmpDir())).toEqual(viaHelp);
    expect((await cli([name, '-h'], tmpDir())).out).toBe(viaHelp.out);
  });

  test('--help anywhere before `--` wins over the other arguments', async () => {
    expect((await cli(['check', '--format', 'bogus', '--help'])).code).toBe(0);
    expect((await cli(['check', '--help'])).out).toContain('--changed FILE...');
  });
});

describe('usage errors: two lines, exit 2, no usage dump', () => {
  const hint = (c?: string) =>
    c ? `Run \`harness-registry-guard ${c} --help\` for its options.` : 'Run `harness-registry-guard --help` for usage.';
  test.each<[string[], string, string]>([
    [[], 'missing command: one of check, fix, report, rules, explain, init, help', hint()],
    [['chek'], 'unknown command `chek`; did you mean `check`?', hint()],
    [['lint', '.'], 'unknown command `lint`; did you mean `check`?', hint()],
    [['rule'], 'unknown command `rule`; did you mean `rules`?', hint()],
    [['frobnicate'], 'unknown command `frobnicate`', hint()],
    [['help', 'chek'], 'unknown command `chek`; did you mean `check`?', hint()],
    [['--verison'], 'unknown option `--verison`; did you mean `--version`?', hint()],
    [['--format', 'json', 'check'], 'unknown option `--format`; options go after the command', hint()],
    [
      ['check', '--format', 'JSON'],
      '--format must be one of text, json, sarif, github, markdown, junit (got "JSON"); did you mean `json`?',
      hint('check'),
    ],
    [
      ['check', '--format=sarf'],
      '--format must be one of text, json, sarif, github, markdown, junit (got "sarf"); did you mean `sarif`?',
      hint('check'),
    ],
    [['check', '--format', 'xml'], '--format must be one of text, json, sarif, github, markdown, junit (got "xml")', hint('check')],
    [['check', '--fail_on', 'warning'], 'unknown option `--fail_on` for `check`; did you mean `--fail-on`?', hint('check')],
    [
      ['check', '--fail-on', 'warnings'],
      '--fail-on must be one of error, warning, notice, never (got "warnings"); did you mean `warning`?',
      hint('check'),
    ],
    [['check', '--fail-on', 'fatal'], '--fail-on must be one of error, warning, notice, never (got "fatal")', hint('check')],
    [['check', '--format'], '`--format` needs a value: one of text, json, sarif, github, markdown, junit', hint('check')],
    [['check', '--output', '--quiet'], '`--output` needs a value', hint('check')],
    [['check', '--output='], '`--output` needs a file name', hint('check')],
    [['check', '--output', '-'], '`--output -`: the report goes to standard output when --output is left out', hint('check')],
    [['report', '--output', '-'], '`--output -`: the report goes to standard output when --output is left out', hint('report')],
    [['check', '--quiet=yes'], '`--quiet` takes no value (got "yes")', hint('check')],
    [['check', '-x'], 'unknown option `-x` for `check`', hint('check')],
    [['check', '--colour'], 'unknown option `--colour` for `check`; did you mean `--color`?', hint('check')],
    [['check', '--color', '--no-color'], 'use either --color or --no-color, not both', hint('check')],
    [['check', '--baseline', 'a', '--write-baseline', 'b'], 'use either --baseline or --write-baseline, not both', hint('check')],
    [['check', '--max-file-size', '0'], '--max-file-size must be a positive whole number (got "0")', hint('check')],
    [
      ['check', '--replacement-registry', 'ftp://mirror'],
      '--replacement-registry must be an http:// or https:// registry URL without credentials, such as https://registry.hub.docker.com (got "ftp://mirror")',
      hint('check'),
    ],
    [
      // Credentials would be written into every fixed connector and printed in fix titles.
      ['fix', '--replacement-registry', 'https://user:s3cret@registry.hub.docker.com'],
      '--replacement-registry must be an http:// or https:// registry URL without credentials, such as https://registry.hub.docker.com (got "https://***@registry.hub.docker.com")',
      hint('fix'),
    ],
    [['fix', '--dryrun'], 'unknown option `--dryrun` for `fix`; did you mean `--dry-run`?', hint('fix')],
    [['fix', '--format', 'sarif'], '--format must be one of text, json (got "sarif")', hint('fix')],
    [
      ['report', '--format', 'MARKDOWN'],
      '--format must be one of markdown, json (got "MARKDOWN"); did you mean `markdown`?',
      hint('report'),
    ],
    [['report', '--now', 'yesterday'], '--now must be an ISO date such as 2025-01-31 (got "yesterday")', hint('report')],
    [['rules', '--format', 'yaml'], '--format must be one of text, json (got "yaml")', hint('rules')],
    [['rules', 'extra'], '`rules` takes no arguments (got "extra")', hint('rules')],
    [
      ['explain'],
      `\`explain\` needs a rule id: one of ${allRules.map((r) => r.id).join(', ')}`,
      'Run `harness-registry-guard rules` to list the rules.',
    ],
    [['explain', 'a', 'b'], '`explain` takes one rule id (got 2)', hint('explain')],
    [
      ['explain', 'no-app-harnes-registry'],
      'unknown rule `no-app-harnes-registry`; did you mean `no-app-harness-registry`?',
      'Run `harness-registry-guard rules` to list the rules.',
    ],
    [['init', 'a', 'b'], '`init` takes at most one folder (got 2)', hint('init')],
    [['help', 'check', 'fix'], '`help` takes one command (got 2)', hint('help')],
  ])('%j', async (args, message, second) => {
    // In an empty folder, not the repository: should a check ever let one of these run, it writes nothing here.
    const { code, out, err } = await cli(args, tmpDir());
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toBe(`harness-registry-guard: ${message}\n${second}\n`);
  });

  test('a PATH or file named on the command line that cannot be used: two lines too', async () => {
    const dir = writeTree(tmpDir(), { 'a.yaml': 'a: 1\n', 'r/x': '' });
    const two = (c: string, message: string) => ({ code: 2, out: '', err: `harness-registry-guard: ${message}\n${hint(c)}\n` });
    expect(await cli(['check', 'no/such/dir'], dir)).toEqual(two('check', 'path not found: no/such/dir'));
    expect(await cli(['check', '--config', 'nope.yml'], dir)).toEqual(two('check', 'config file not found: nope.yml'));
    expect(await cli(['init', 'no/such/dir'], dir)).toEqual(two('init', 'folder not found: no/such/dir'));
    expect(await cli(['init', 'a.yaml'], dir)).toEqual(two('init', 'not a folder: a.yaml (`init` writes the config file into a folder)'));
    expect(await cli(['report', '--merge'], dir)).toEqual(
      two('report', '--merge needs the JSON reports to merge (report --format json of each repository)'),
    );
    expect(await cli(['report', '--merge', 'r'], dir)).toEqual(
      two('report', 'r: a folder; --merge takes the JSON report files of `report --format json`, not folders to scan'),
    );
  });

  test('errors that are not about the command line stay one line', async () => {
    const dir = writeTree(tmpDir(), { '.harness-registry-guard.yml': 'rules: [\n' });
    const { code, err } = await cli(['check', '.'], dir);
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('rules', () => {
  test('text: id, severity, policy, fixable and docs link of every rule, from the registry', async () => {
    const { code, out } = await cli(['rules']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]!.split(/\s+/)).toEqual(['id', 'severity', 'policy', 'fixable', 'docs']);
    allRules.forEach((r, i) =>
      expect(lines[i + 1]!.split(/\s+/)).toEqual([r.id, r.severity, r.policy ? String(r.policy) : '-', r.fixable, ruleDocsUrl(r.id)]),
    );
  });

  test('--format json: the same, with descriptions and options', async () => {
    const json = JSON.parse((await cli(['rules', '--format', 'json'])).out);
    expect(json.version).toBe(VERSION);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(allRules.map((r) => r.id));
    for (const [i, r] of allRules.entries())
      expect(json.rules[i]).toMatchObject({
        id: r.id,
        severity: r.severity,
        policy: r.policy ?? null,
        fixable: r.fixable,
        description: r.description,
        docs: ruleDocsUrl(r.id),
        options: Object.entries(r.options ?? {}).map(([name, o]) => ({ name, default: o.default, schema: o.schema })),
      });
  });
});

describe('explain', () => {
  test('the docs folder is found from the module, as from the bundle', () => {
    expect(rulesDocsDir()).toBe(path.join(ROOT, 'docs', 'rules') + path.sep);
  });

  test.each(allRules.map((r) => r.id))('explain %s prints docs/rules/%s.md without its front matter', async (id) => {
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
    const end = page.indexOf('\n---\n', 4);
    const body = page.slice(end + 5).trimStart();
    expect(page.slice(4, end)).toMatch(new RegExp(`^id: ${id}$`, 'm'));
    expect(page.startsWith('---\n')).toBe(true);
    expect(await cli(['explain', id])).toEqual({ code: 0, out: body, err: '' });
  });
});

describe('init', () => {
  test('writes a commented config that the config loader accepts, listing every rule at its default level', async () => {
    const dir = tmpDir();
    const { code, out, err } = await cli(['init'], dir);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe(`Wrote ${CONFIG_FILE}: every rule at its default level. Edit it, then run \`harness-registry-guard check\`.\n`);
    const file = path.join(dir, CONFIG_FILE);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(initialConfig());
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${configSchemaUrl()}`);
    const loaded = loadConfig(file, dir, allRules);
    expect(Object.keys(loaded.rules!)).toEqual(allRules.map((r) => r.id));
    for (const r of allRules) {
      const setting = loaded.rules![r.id];
      expect(typeof setting === 'string' ? setting : setting?.level).toBe(r.severity);
      for (const name of Object.keys(r.options ?? {})) expect(text).toMatch(new RegExp(`^    # ${name}: `, 'm'));
    }
    for (const key of ['include', 'exclude', 'maxFileSize', 'forbidSuppression']) expect(text).toMatch(new RegExp(`^# ${key}:`, 'm'));
  });

  test('with every commented setting switched on, the file still loads (the defaults it shows are valid)', () => {
    const dir = tmpDir();
    const text = initialConfig()
      .replace(/^ {4}# (\w+: .*)$/gm, '    $1')
      .replace(/^# (\w+:(?: \d+)?)$/gm, '$1')
      .replace(/^#( {3}- .*)$/gm, '$1');
    fs.writeFileSync(path.join(dir, CONFIG_FILE), text);
    const loaded = loadConfig(path.join(dir, CONFIG_FILE), dir, allRules);
    // Compared as JSON: the loader's values come from the YAML tree, with their own prototypes.
    expect(JSON.parse(JSON.stringify(loaded))).toMatchObject({
      include: ['**/*.yaml', '**/*.yml', '**/*.json'],
      exclude: ['vendor/**'],
      maxFileSize: 10485760,
      forbidSuppression: [rules[0]!.id],
      rules: { 'no-app-harness-registry': { level: 'error', replacementRegistryUrl: 'https://registry.hub.docker.com' } },
    });
  });

  test('the written config changes nothing: check finds the same with it as without', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    const before = JSON.parse((await cli(['check', '.', '--format', 'json'], dir)).out).findings;
    expect((await cli(['init'], dir)).code).toBe(0);
    expect(JSON.parse((await cli(['check', '.', '--format', 'json'], dir)).out).findings).toEqual(before);
  });

  test('never overwrites a config file, .yml or .yaml; writes into the folder given', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, CONFIG_FILE), 'rules: {}\n');
    expect(await cli(['init'], dir)).toEqual({
      code: 2,
      out: '',
      err: `harness-registry-guard: ${CONFIG_FILE} already exists; edit it, or delete it to write a new one\n`,
    });
    expect(fs.readFileSync(path.join(dir, CONFIG_FILE), 'utf8')).toBe('rules: {}\n');
    writeTree(dir, { 'sub/.harness-registry-guard.yaml': '{}\n' });
    expect((await cli(['init', 'sub'], dir)).err).toBe(
      'harness-registry-guard: sub/.harness-registry-guard.yaml already exists; edit it, or delete it to write a new one\n',
    );
    fs.mkdirSync(path.join(dir, 'other'));
    expect((await cli(['init', 'other'], dir)).out).toBe(
      `Wrote other/${CONFIG_FILE}: every rule at its default level. Edit it, then run \`harness-registry-guard check\`.\n`,
    );
    expect(fs.existsSync(path.join(dir, 'other', CONFIG_FILE))).toBe(true);
  });
});

describe('check: text extras, --quiet, --output', () => {
  test('a docs link for each rule the listed findings name, and a closing hint that repeats the scan options', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    const { out } = await cli(['check', '.', '--replacement-registry', 'https://gcr.io/gcr-prod', '--exclude', 'vendor dir'], dir);
    const lines = out.trimEnd().split('\n');
    const docs = lines.indexOf('Rule docs:');
    expect(lines.slice(docs + 1, docs + 5)).toEqual(
      ['no-app-harness-registry', 'require-platform-connectivity', 'require-account-image-connector', 'unresolved-reference'].map(
        (id) => `  ${id}: ${ruleDocsUrl(id)}`,
      ),
    );
    expect(lines.at(-2)).toBe('3 errors, 0 warnings, 1 notice in 4 files.');
    expect(lines.at(-1)).toBe(
      "2 findings can be fixed automatically: run `harness-registry-guard fix . --replacement-registry https://gcr.io/gcr-prod --exclude 'vendor dir'` (add --dry-run to see the diff first); it also lists 1 suggested change to review, never applied.",
    );
  });

  test('--quiet lists errors only; the count line and the exit code still cover everything', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    const full = await cli(['check', '.', '--fail-on', 'notice'], dir);
    const quiet = await cli(['check', '.', '--fail-on', 'notice', '-q'], dir);
    expect(quiet.code).toBe(full.code);
    const findingLines = (s: string) => s.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    expect(findingLines(full.out)).toHaveLength(4);
    expect(findingLines(quiet.out)).toEqual(findingLines(full.out).filter((l) => l.includes(': error: ')));
    expect(quiet.out).toContain('3 errors, 0 warnings, 1 notice in 4 files.');
    expect(quiet.out).not.toContain('unresolved-reference');
    const json = JSON.parse((await cli(['check', '.', '--format', 'json', '--quiet'], dir)).out);
    expect(json.findings.map((f: { severity: string }) => f.severity)).toEqual(['error', 'error', 'error']);
    // Notices alone: nothing listed, still exit 1 at --fail-on notice.
    const notices = writeTree(tmpDir(), { 'v1.yaml': 'version: 1\nkind: pipeline\nspec: {}\n' });
    expect(await cli(['check', '.', '-q', '--fail-on', 'notice'], notices)).toMatchObject({
      code: 1,
      out: '0 errors, 0 warnings, 1 notice in 1 file.\n',
    });
  });

  test.each([['check'], ['report']])('%s --output creates missing parent folders', async (command) => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    const r = await cli([command, '.', '--output', 'out/deep/report.txt'], dir);
    expect(r.out).toBe('');
    expect(r.code).toBe(command === 'check' ? 1 : 0);
    expect(fs.readFileSync(path.join(dir, 'out', 'deep', 'report.txt'), 'utf8').length).toBeGreaterThan(100);
  });
});

describe('writing to a place that cannot take a file', () => {
  test.each([[['check', '.', '--output', 'sub']], [['check', '.', '--write-baseline', 'sub']], [['report', '.', '--output', 'sub']]])(
    '%j is a usage error naming the file, not an internal error',
    async (args) => {
      const dir = writeTree(tmpDir(), { ...CONNECTOR_REPO, 'sub/keep.txt': 'x\n' });
      const r = await cli(args, dir);
      expect(r.code).toBe(2);
      expect(r.err).toBe('harness-registry-guard: cannot write sub: it is a folder\n');
    },
  );
});

describe('symbolic links a repository commits are never written through', () => {
  /** A checkout in `repo` holding links out to `outside` (a file `victim`, a folder `dir`). */
  function checkout() {
    const top = tmpDir();
    const outside = path.join(top, 'outside');
    writeTree(outside, { victim: '', 'dir/keep': 'x\n' });
    const dir = writeTree(path.join(top, 'repo'), CONNECTOR_REPO);
    fs.symlinkSync('../outside/victim', path.join(dir, 'out.json'));
    fs.symlinkSync(path.join(outside, 'victim'), path.join(dir, 'bl.json'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(dir, 'reports'));
    return { dir, outside };
  }

  test.each([
    [
      ['check', '.', '--format', 'junit', '--output', 'reports/hrg.xml'],
      'the folder "reports" is a symbolic link leading outside the current directory',
    ],
    [['report', '.', '--format', 'json', '--output', 'out.json'], 'it is a symbolic link, and links are not written through'],
    [['report', '.', '--output', 'reports/sub/r.md'], 'the folder "reports" is a symbolic link leading outside the current directory'],
    [['check', '.', '--output', 'out.json'], 'it is a symbolic link, and links are not written through'],
    [['check', '.', '--write-baseline', 'bl.json'], 'it is a symbolic link, and links are not written through'],
  ])('%j is refused (exit 2), naming the file, and nothing outside is written', async (args, why) => {
    const { dir, outside } = checkout();
    const r = await cli(args, dir);
    expect([r.code, r.err]).toEqual([2, `harness-registry-guard: cannot write ${args.at(-1)}: ${why}\n`]);
    expect(fs.readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('');
    expect(fs.readdirSync(path.join(outside, 'dir'))).toEqual(['keep']);
  });

  test('an --output path given outside the current directory, and a folder link inside it, are written as before', async () => {
    const { dir, outside } = checkout();
    fs.mkdirSync(path.join(dir, 'build'));
    fs.symlinkSync('build', path.join(dir, 'out'));
    expect((await cli(['report', '.', '--output', path.join(outside, 'dir', 'r.md')], dir)).code).toBe(0);
    expect((await cli(['check', '.', '--write-baseline', 'out/bl.json', '--output', 'out/r.txt'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(outside, 'dir', 'r.md'), 'utf8')).toContain('#');
    expect(fs.readdirSync(path.join(dir, 'build')).sort()).toEqual(['bl.json', 'r.txt']);
  });
});

describe('inputs are never written over', () => {
  test.each([['check'], ['report']])(
    '%s --output refuses a Harness file it reads and its config; its own last JSON report is fine',
    async (command) => {
      const dir = writeTree(tmpDir(), { ...CONNECTOR_REPO, [CONFIG_FILE]: 'rules: {}\n' });
      for (const file of ['.harness/connectors/hub.yaml', CONFIG_FILE]) {
        const before = fs.readFileSync(path.join(dir, file), 'utf8');
        const r = await cli([command, '.', '--output', file], dir);
        expect([r.code, r.err]).toEqual([
          2,
          `harness-registry-guard: \`--output ${file}\` is a file this run reads, so it is not replaced; choose another file\n`,
        ]);
        expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(before);
      }
      for (let i = 0; i < 2; i++) expect((await cli([command, '.', '--format', 'json', '--output', 'r.json'], dir)).err).toBe('');
      if (command === 'check')
        for (let i = 0; i < 2; i++) expect((await cli([command, '.', '--format', 'sarif', '--output', 'r.sarif.json'], dir)).err).toBe('');
      // Other files it reads (an execution-config payload, delegate values), and links to inputs.
      writeTree(dir, {
        'execution-config.json': '[{"field": "addonTag", "value": "harness/ci-addon:1.16.4"}]\n',
        'values.yaml': 'image: nginx:1\n',
      });
      fs.symlinkSync(CONFIG_FILE, path.join(dir, 'link.txt'));
      for (const file of ['execution-config.json', 'values.yaml', 'link.txt']) {
        const before = fs.readFileSync(path.join(dir, file), 'utf8');
        expect((await cli([command, '.', '--output', file], dir)).code).toBe(2);
        expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(before);
      }
    },
  );

  test('check --write-baseline FILE --output FILE: the report does not replace the baseline just written', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    expect((await cli(['check', '.', '--write-baseline', 'b.json', '--output', 'b.json', '--format', 'json'], dir)).code).toBe(2);
  });

  test('report --merge --output refuses one of the reports it merges', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    expect((await cli(['report', '.', '--format', 'json', '--output', 'a.json'], dir)).code).toBe(0);
    const before = fs.readFileSync(path.join(dir, 'a.json'), 'utf8');
    expect((await cli(['report', '--merge', 'a.json', '--output', 'a.json'], dir)).code).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe(before);
  });

  test('a config name that is a folder or a dangling symlink is an error, not a silent run on defaults', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    fs.mkdirSync(path.join(dir, CONFIG_FILE));
    expect(await cli(['check', '.'], dir)).toMatchObject({
      code: 2,
      err: `harness-registry-guard: config file cannot be read: ${CONFIG_FILE} (a folder)\n`,
    });
    fs.rmdirSync(path.join(dir, CONFIG_FILE));
    fs.symlinkSync('nowhere.yml', path.join(dir, CONFIG_FILE));
    expect(await cli(['check', '.'], dir)).toMatchObject({
      code: 2,
      err: `harness-registry-guard: config file cannot be read: ${CONFIG_FILE} (a symlink that leads nowhere)\n`,
    });
    // init does not write through it either.
    expect(await cli(['init'], dir)).toMatchObject({ code: 2, err: expect.stringContaining(`${CONFIG_FILE} already exists`) });
    expect(fs.existsSync(path.join(dir, 'nowhere.yml'))).toBe(false);
  });

  test('a config or baseline named by a symlink loop or a dangling link says so, not "not found" or ELOOP', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    fs.symlinkSync('nowhere.json', path.join(dir, 'dangling'));
    for (const link of ['loop-a', 'dangling']) {
      expect(await cli(['check', '--config', link, '.'], dir)).toMatchObject({
        code: 2,
        err: `harness-registry-guard: config file cannot be read: ${link} (a symlink that leads nowhere)\n`,
      });
      expect(await cli(['check', '--baseline', link, '.'], dir)).toMatchObject({
        code: 2,
        err: `harness-registry-guard: baseline file cannot be read: ${link} (a symlink that leads nowhere)\n`,
      });
    }
    // Found rather than named: a loop is told as a dangling link is.
    fs.symlinkSync('loop-a', path.join(dir, CONFIG_FILE));
    expect(await cli(['check', '.'], dir)).toMatchObject({
      code: 2,
      err: `harness-registry-guard: config file cannot be read: ${CONFIG_FILE} (a symlink that leads nowhere)\n`,
    });
  });
});

describe('check: the fix hint names a command that applies the fixes it counts', () => {
  const hintOf = (out: string) => out.split('\n').find((l) => l.includes('can be fixed automatically'));
  const commandOf = (out: string) => /run `([^`]*)`/.exec(hintOf(out) ?? '')?.[1];
  // The hint's command, run: how many fixes it applies.
  const applied = async (dir: string, command: string) => {
    const [name, ...args] = command.replace(/^harness-registry-guard /, '').split(' ');
    const { err } = await cli([name!, '--dry-run', ...args], dir);
    return Number(/Would apply (\d+) fix/.exec(err)?.[1] ?? 0);
  };

  test('--baseline and --write-baseline: the baseline goes along, so accepted findings are left alone', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    await cli(['check', '.', '--write-baseline', 'bl.json'], dir);
    const old =
      'connector:\n  name: old\n  identifier: old\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n';
    writeTree(dir, { '.harness/connectors/old.yaml': `${old}    providerType: Other\n    executeOnDelegate: false\n` });
    const { out } = await cli(['check', '.', '--baseline', 'bl.json'], dir);
    expect(hintOf(out)).toMatch(/^1 finding can be fixed/);
    expect(commandOf(out)).toBe('harness-registry-guard fix . --baseline bl.json');
    expect(await applied(dir, commandOf(out)!)).toBe(1);
    const written = await cli(['check', '.', '--write-baseline', 'bl2.json'], dir);
    expect(hintOf(written.out)).toBeUndefined(); // every finding accepted: nothing to fix
    fs.rmSync(path.join(dir, 'bl2.json'));
  });

  test('--changed: the count is of the whole scan, as the command fixes the whole scan', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    const { out } = await cli(['check', '.', '--changed', '.harness/connectors/mirror.yaml'], dir);
    const all = await applied(dir, 'harness-registry-guard fix .');
    expect(all).toBeGreaterThan(0);
    expect(hintOf(out)).toMatch(new RegExp(`^${all} findings? in the whole scan, not only those shown, can be fixed automatically`));
    // Every fixable finding shown: nothing to add.
    const every = await cli(['check', '.', '--changed', ...Object.keys(CONNECTOR_REPO)], dir);
    expect(hintOf(every.out)).toMatch(new RegExp(`^${all} findings? can be fixed automatically`));
  });

  test('a PATH that starts with `-` comes after `--`', async () => {
    const dir = writeTree(tmpDir(), Object.fromEntries(Object.entries(CONNECTOR_REPO).map(([f, t]) => [`-dir/${f}`, t])));
    const { out } = await cli(['check', '--exclude', 'x', '--', '-dir'], dir);
    expect(commandOf(out)).toBe('harness-registry-guard fix --exclude x -- -dir');
    expect(await applied(dir, commandOf(out)!)).toBeGreaterThan(0);
  });

  test('an option value that starts with `-` is written after `=`, so the command still parses', async () => {
    const dir = writeTree(tmpDir(), CONNECTOR_REPO);
    await cli(['check', '.', '--write-baseline=-b.json'], dir);
    const old =
      'connector:\n  name: old\n  identifier: old\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n';
    writeTree(dir, { '.harness/connectors/old.yaml': `${old}    providerType: Other\n    executeOnDelegate: false\n` });
    const { out } = await cli(['check', '.', '--baseline=-b.json', '--exclude=-none'], dir);
    expect(commandOf(out)).toBe('harness-registry-guard fix . --exclude=-none --baseline=-b.json');
    expect(await applied(dir, commandOf(out)!)).toBe(1);
  });
});

test('check --quiet: the fix hint counts every safe fix, as fix applies them, not only those of the errors listed', async () => {
  const hint = async (...extra: string[]) =>
    (await cli(['check', 'examples', ...extra], ROOT)).out.split('\n').find((l) => l.includes('can be fixed automatically'));
  const all = await hint();
  expect(all).toMatch(/^\d+ findings can be fixed/);
  expect(await hint('--quiet')).toBe(all);
});

describe('check --changed FILE...', () => {
  const repo = () => writeTree(tmpDir(), CONNECTOR_REPO);
  const reported = async (dir: string, ...args: string[]) => {
    const r = await cli(['check', '--format', 'json', ...args], dir);
    const findings = JSON.parse(r.out).findings as Array<{ file: string; line: number; ruleId: string }>;
    return { code: r.code, findings: findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`) };
  };
  const HUB = '.harness/connectors/hub.yaml:8 require-platform-connectivity';
  const NOTICE = '.harness/pipelines/build.yaml:17 unresolved-reference';
  const MIRROR_REF = '.harness/pipelines/other.yaml:18 require-account-image-connector';
  const IMAGE = '.harness/pipelines/other.yaml:26 no-app-harness-registry';

  test('without it, everything is reported', async () => {
    expect((await reported(repo())).findings).toEqual([HUB, NOTICE, MIRROR_REF, IMAGE]);
  });

  test('a finding in a given file', async () => {
    expect(await reported(repo(), '--changed', '.harness/connectors/hub.yaml')).toEqual({ code: 1, findings: [HUB] });
    expect(await reported(repo(), '--changed', '.harness/pipelines/other.yaml')).toEqual({ code: 1, findings: [MIRROR_REF, IMAGE] });
  });

  test('a finding whose related location is in a given file (the changed pipeline now uses a broken connector)', async () => {
    expect(await reported(repo(), '--changed', '.harness/pipelines/build.yaml')).toEqual({ code: 1, findings: [HUB, NOTICE] });
  });

  test('a finding about a connector defined in a given file (the changed connector affects a pipeline elsewhere)', async () => {
    expect(await reported(repo(), '--changed', '.harness/connectors/mirror.yaml')).toEqual({ code: 1, findings: [MIRROR_REF] });
  });

  test('a template in a given file stands for the stages made from it (a stage template changed to run on Harness Cloud)', async () => {
    const dir = writeTree(repo(), {
      '.harness/templates/cloud.yaml': `template:
  name: cloud
  identifier: cloud
  versionLabel: v1
  type: Stage
  spec:
    type: CI
    spec:
      cloneCodebase: false
      platform: { os: Linux, arch: Amd64 }
      runtime: { type: Cloud, spec: {} }
      execution:
        steps:
          - step: { type: Run, name: run, identifier: run, spec: { connectorRef: <+input>, image: alpine:3 } }
`,
      '.harness/pipelines/uses.yaml': `pipeline:
  name: uses
  identifier: uses
  stages:
    - stage:
        name: s
        identifier: s
        template:
          templateRef: account.cloud
          versionLabel: v1
          templateInputs:
            type: CI
            spec:
              execution:
                steps:
                  - step: { identifier: run, type: Run, spec: { connectorRef: account.hub } }
    - stage:
        name: other
        identifier: other
        type: CI
        spec:
          cloneCodebase: false
          infrastructure: { type: KubernetesDirect, spec: { connectorRef: account.k8s, namespace: ci } }
          execution:
            steps:
              - step: { type: Run, name: old, identifier: old, spec: { image: app.harness.io/registry/harness/ci-addon:1.0 } }
`,
    });
    // Without --changed, the other stage's own finding is there too; the template's change does not reach it.
    expect((await reported(dir)).findings).toContain('.harness/pipelines/uses.yaml:26 no-app-harness-registry');
    // The pipeline's stage now runs on Harness Cloud: its connector, and account.harnessImage (not in the repo).
    expect(await reported(dir, '--changed', '.harness/templates/cloud.yaml')).toEqual({ code: 1, findings: [HUB, NOTICE] });
  });

  test('exit code from the reported findings only', async () => {
    const dir = writeTree(repo(), {
      'README.md': '# hi\n',
      '.harness/connectors/clean.yaml': 'connector:\n  name: c\n  identifier: c\n  type: Git\n',
    });
    expect(await reported(dir, '--changed', '.harness/connectors/clean.yaml', 'README.md', 'gone.yaml')).toEqual({ code: 0, findings: [] });
    expect(await reported(dir, '--changed')).toEqual({ code: 0, findings: [] });
    expect((await reported(dir, '--changed', '.harness/pipelines/build.yaml', '--fail-on', 'never')).code).toBe(0);
  });

  test('the config file in use is given: everything is reported', async () => {
    const dir = writeTree(repo(), { '.harness-registry-guard.yml': 'rules:\n  unresolved-reference: warning\n' });
    expect((await reported(dir, '--changed', '.harness-registry-guard.yml')).findings).toEqual([HUB, NOTICE, MIRROR_REF, IMAGE]);
  });

  test('every argument after --changed that is not an option is a changed file; PATHs come before it', async () => {
    const dir = repo();
    const expected = { code: 1, findings: [HUB] };
    expect(await reported(dir, '--changed', '--fail-on', 'warning', './.harness/connectors/hub.yaml')).toEqual(expected);
    expect(await reported(dir, '.', '--changed', '.harness/connectors/hub.yaml', '--fail-on', 'error')).toEqual(expected);
    expect(await reported(dir, '--changed=.harness/connectors/hub.yaml')).toEqual(expected);
    expect(await reported(dir, '--changed', '--', '.harness/connectors/hub.yaml')).toEqual(expected);
    expect((await reported(path.join(dir, '.harness'), '..', '--changed', '../.harness/connectors/hub.yaml')).findings).toEqual([
      'connectors/hub.yaml:8 require-platform-connectivity',
    ]);
  });

  test('text output says what was left out', async () => {
    const { out } = await cli(['check', '--changed', '.harness/connectors/hub.yaml'], repo());
    expect(out).toContain(
      '\n1 error, 0 warnings, 0 notices in 4 files.\n--changed: reported the findings about 1 given file; 3 other findings in the scan are not shown.\n',
    );
    expect((await cli(['check', '--changed'], repo())).out).toContain('--changed: no file was given, so no finding is reported.\n');
  });
});
