// Measures what lookups in Harness do on real repositories: each chosen repository of
// ../shared/corpus is laid out in a temporary directory (never in this repo, as scripts/corpus.mjs
// does), checked without a key, then checked with HARNESS_API_KEY against a loopback server that
// plays the Harness API (the documented v0 shapes) and serves the connectors the repository
// refers to but does not hold. Prints unresolved-reference notices before and after, per repository.
//
//   node scripts/lookups-corpus.mjs [CORPUS_DIR] [--cli PATH] [--repos owner/a,owner/b] [--top N] [--show]
//
// What the fake Harness holds, so that the "after" numbers are about resolution, not about made-up
// breakage: every connector asked for exists at the scope the reference names, as a Docker Hub
// connector that connects through the Harness Platform (so lookups settle references and add no
// error of their own).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const cli = path.resolve(flag('--cli') ?? 'dist/cli/index.js');
const only = flag('--repos')?.split(',');
const top = Number(flag('--top') ?? 5);
/** Also print the notices left after the lookups. */
const show = args.includes('--show') && args.splice(args.indexOf('--show'), 1);
const corpus = path.resolve(args[0] ?? '../shared/corpus');
const ACCOUNT = 'corpusAccount';
const KEY = `pat.${ACCOUNT}.measure.notARealSecret0123456789`;

const repos = new Map();
for (const line of fs.readFileSync(path.join(corpus, 'manifest.tsv'), 'utf8').split('\n').slice(1)) {
  const [saved, repo, file] = line.split('\t');
  if (!saved || !repo || !file) continue;
  if (!repos.has(repo)) repos.set(repo, []);
  repos.get(repo).push({ saved, file });
}

/** The built CLI, asynchronously (the fake server lives in this process). */
function run(cwd, argv, env = {}) {
  const child = spawn(process.execPath, [cli, ...argv], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const count = (findings, pred) => findings.filter(pred).length;
const notices = (findings) => count(findings, (f) => f.ruleId === 'unresolved-reference' && f.severity === 'notice');

/** A loopback Harness that answers every connector GET as found, recording the requests. */
async function fakeHarness() {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url);
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['x-api-key'] !== KEY) return send(401, { status: 'ERROR', code: 'INVALID_TOKEN', message: 'Token is not valid.' });
    const m = /^\/ng\/api\/connectors\/([^/]+)$/.exec(url.pathname);
    if (!m) return send(404, { status: 'ERROR', code: 'RESOURCE_NOT_FOUND_EXCEPTION', message: 'not found' });
    const identifier = decodeURIComponent(m[1]);
    const spec = {
      dockerRegistryUrl: 'https://registry.hub.docker.com',
      providerType: 'DockerHub',
      auth: { type: 'Anonymous' },
      executeOnDelegate: false,
    };
    send(200, {
      status: 'SUCCESS',
      data: {
        connector: {
          name: identifier,
          identifier,
          orgIdentifier: url.searchParams.get('orgIdentifier'),
          projectIdentifier: url.searchParams.get('projectIdentifier'),
          type: 'DockerRegistry',
          spec,
        },
      },
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-lookups-corpus-'));
const rows = [];
try {
  // Lay every repository out once and count its notices without a key; measure the noisiest (or the named ones).
  const before = [];
  for (const [repo, list] of repos) {
    if (only && !only.includes(repo)) continue;
    const root = path.join(tmp, repo.replace('/', '__'));
    for (const { saved, file } of list) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.copyFileSync(path.join(corpus, 'files', saved), path.join(root, file));
    }
    const r = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) {
      console.error(`${repo}: exit ${r.status}\n${r.stderr}`);
      continue;
    }
    before.push({ repo, root, findings: JSON.parse(r.stdout).findings });
  }
  const chosen = only ? before : [...before].sort((a, b) => notices(b.findings) - notices(a.findings)).slice(0, top);
  for (const { repo, root, findings } of chosen) {
    const harness = await fakeHarness();
    const started = Date.now();
    const r = await run(root, ['check', '.', '--format', 'json', '--fail-on', 'never', '--harness-url', harness.url], {
      HARNESS_API_KEY: KEY,
    });
    const ms = Date.now() - started;
    await harness.close();
    if (r.status !== 0) {
      console.error(`${repo}: exit ${r.status} with lookups\n${r.stderr}`);
      continue;
    }
    const out = JSON.parse(r.stdout);
    const after = out.findings;
    if (show)
      for (const f of after.filter((x) => x.ruleId === 'unresolved-reference' && x.severity === 'notice'))
        console.log(`${repo} ${f.file}:${f.line}: ${f.message}`);
    rows.push({
      repo,
      noticesBefore: notices(findings),
      noticesAfter: notices(after),
      errorsBefore: count(findings, (f) => f.severity === 'error'),
      errorsAfter: count(after, (f) => f.severity === 'error'),
      warningsAfter: count(after, (f) => f.severity === 'warning'),
      lookups: out.harness.lookups,
      requests: harness.requests.length,
      ms,
    });
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log('repo | notices before | notices after | errors before | errors after | warnings after | lookups | requests | ms');
for (const r of rows)
  console.log(
    [r.repo, r.noticesBefore, r.noticesAfter, r.errorsBefore, r.errorsAfter, r.warningsAfter, r.lookups, r.requests, r.ms].join(' | '),
  );
const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
console.log(
  `total | ${sum('noticesBefore')} | ${sum('noticesAfter')} | ${sum('errorsBefore')} | ${sum('errorsAfter')} | ${sum('warningsAfter')} | ${sum('lookups')} | ${sum('requests')} |`,
);
