// Memory and time of the built CLI on one ~50 MB Harness pipeline YAML.
// Writes a temp repo holding a single valid pipeline file (many CI stages on every infrastructure
// kind, each with several steps, a few policy violations), then runs `check` on it twice as a child
// process:
//   1. with --max-file-size raised above the file's size, so the file is read, parsed and checked;
//   2. with the default size cap (10 MB), so the file is skipped with a notice.
// Prints wall time, peak RSS (the child's own process.resourceUsage().maxRSS, written on exit by an
// --import hook; /proc/PID/status VmHWM, polled, if the child dies first), exit code and findings.
// The documented memory bound (README, "Limits"): peak RSS at most 100 MB + 12 × the YAML scanned,
// and the default size cap keeps any one file out of the scan past 10 MB. Exit 1 when run 1 goes
// over the bound (or --cap-mb, if given), when run 2 goes over 100 MB, or when a run fails (exit 2,
// killed, timed out).
// Usage: npm run build && npm run memory -- [--cap-mb MB] [--size-mb 50] [--timeout-s 900]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'cap-mb': { type: 'string' },
    'size-mb': { type: 'string', default: '50' },
    'timeout-s': { type: 'string', default: '900' },
  },
});
const sizeMb = Number(values['size-mb']);
const capMb = values['cap-mb'] === undefined ? 100 + 12 * sizeMb : Number(values['cap-mb']);
const timeoutS = Number(values['timeout-s']);
for (const [flag, n] of [
  ['--cap-mb', capMb],
  ['--size-mb', sizeMb],
  ['--timeout-s', timeoutS],
])
  if (!(n > 0)) {
    console.error(`${flag} must be a positive number`);
    process.exit(2);
  }

const cli = path.resolve('dist/cli/index.js');
if (!fs.existsSync(cli)) {
  console.error(`${cli} is missing: run \`npm run build\` first`);
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-memory-'));
const repo = path.join(work, 'repo'); // holds only the pipeline; the hook and the reports stay outside
const file = path.join(repo, '.harness', 'pipelines', 'huge.yaml');
fs.mkdirSync(path.dirname(file), { recursive: true });
const hook = path.join(work, 'maxrss-hook.mjs');
fs.writeFileSync(
  hook,
  `import fs from 'node:fs';\nprocess.on('exit', () => fs.writeFileSync(process.env.HRG_MAXRSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
);

/** One CI stage, cycling through the infrastructure kinds; about 1 in 500 breaks a policy. */
function stage(i) {
  const ind = '    ';
  const bad = i % 500 === 7;
  const lines = [
    `${ind}- stage:`,
    `${ind}    name: stage ${i}`,
    `${ind}    identifier: stage_${i}`,
    `${ind}    type: CI`,
    `${ind}    spec:`,
    `${ind}      cloneCodebase: true`,
  ];
  const kind = i % 4;
  if (kind === 0)
    lines.push(
      `${ind}      platform:`,
      `${ind}        os: Linux`,
      `${ind}        arch: Amd64`,
      `${ind}      runtime:`,
      `${ind}        type: Cloud`,
      `${ind}        spec: {}`,
    );
  if (kind === 1)
    lines.push(
      `${ind}      infrastructure:`,
      `${ind}        type: KubernetesDirect`,
      `${ind}        spec:`,
      `${ind}          connectorRef: account.cluster`,
      `${ind}          namespace: ci`,
      `${ind}          harnessImageConnectorRef: ${bad ? 'org.mirror' : 'account.harnessImage'}`,
      `${ind}          os: Linux`,
    );
  if (kind === 2)
    lines.push(
      `${ind}      infrastructure:`,
      `${ind}        type: VM`,
      `${ind}        spec:`,
      `${ind}          type: Pool`,
      `${ind}          spec:`,
      `${ind}            poolName: pool`,
      `${ind}            os: Linux`,
      `${ind}            harnessImageConnectorRef: account.harnessImage`,
    );
  if (kind === 3) lines.push(`${ind}      infrastructure:`, `${ind}        useFromStage: stage_${i - 2}`);
  lines.push(`${ind}      execution:`, `${ind}        steps:`);
  for (let s = 0; s < 5; s++) {
    const image =
      bad && s === 0
        ? 'app.harness.io/registry/harness/ci-addon:1.16.22'
        : ['node:20', 'golang:1.22', 'plugins/cache:1.9.0', 'python:3.12', 'maven:3.9'][s];
    const st = `${ind}          `;
    lines.push(
      `${st}- step:`,
      `${st}    type: Run`,
      `${st}    name: step ${s}`,
      `${st}    identifier: step_${s}`,
      `${st}    spec:`,
      `${st}      connectorRef: account.hub`,
      `${st}      image: ${image}`,
      `${st}      shell: Sh`,
      `${st}      command: |`,
      `${st}        echo building ${i}.${s}`,
      `${st}        make test-${s}`,
    );
  }
  return lines.join('\n') + '\n';
}

const fd = fs.openSync(file, 'w');
fs.writeSync(
  fd,
  'pipeline:\n  name: huge\n  identifier: huge\n  properties:\n    ci:\n      codebase:\n        connectorRef: account.github\n        repoName: app\n        build: <+input>\n  stages:\n',
);
let size = 0;
let stages = 0;
while (size < sizeMb * 1024 * 1024) {
  const text = stage(stages++);
  size += Buffer.byteLength(text);
  fs.writeSync(fd, text);
}
fs.closeSync(fd);
size = fs.statSync(file).size;
console.log(`wrote ${path.relative(repo, file)}: ${(size / 1024 / 1024).toFixed(1)} MB, ${stages} stages, ${stages * 5} steps`);

const vmHwmKb = (pid) => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

function check(label, extra) {
  const rssFile = path.join(work, `maxrss-${label}`);
  const out = path.join(work, `out-${label}.json`);
  const outFd = fs.openSync(out, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', hook, cli, 'check', '.', '--format', 'json', '--fail-on', 'never', ...extra], {
    cwd: repo,
    env: { ...process.env, HRG_MAXRSS_FILE: rssFile },
    stdio: ['ignore', outFd, 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  let polled = 0;
  const poll = setInterval(() => (polled = Math.max(polled, vmHwmKb(child.pid))), 50);
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), timeoutS * 1000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      fs.closeSync(outFd);
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      const maxRssKb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : polled;
      let findings = 'no report';
      let notice = '';
      try {
        const report = JSON.parse(fs.readFileSync(out, 'utf8'));
        findings = `${report.findings.length} findings (${report.summary.errors} errors)`;
        notice = report.findings.find((f) => /size cap/.test(f.message))?.message ?? '';
      } catch {
        /* no report: the run failed */
      }
      const ok = !timedOut && code !== null && code !== 2;
      console.log(
        `${label}: wall ${wallS.toFixed(2)} s, peak RSS ${(maxRssKb / 1024).toFixed(0)} MB, exit ${code ?? signal}${timedOut ? ` (killed after ${timeoutS} s)` : ''}, ${findings}` +
          (notice ? ` (${notice})` : ''),
      );
      if (!ok && stderr) console.log(`  stderr: ${stderr.trim().split('\n').slice(-5).join('\n  ')}`);
      resolve({ ok, maxRssKb });
    });
  });
}

const raised = await check('raised size cap', ['--max-file-size', String(size + 1024 * 1024)]);
const skipped = await check('default size cap', []);
fs.rmSync(work, { recursive: true, force: true });
const overCap = raised.maxRssKb / 1024 > capMb;
const skipOverCap = skipped.maxRssKb / 1024 > 100;
console.log(`bound: ${capMb.toFixed(0)} MB with the cap raised (100 MB + 12 × ${sizeMb} MB, or --cap-mb), 100 MB when the file is skipped`);
if (overCap) console.log(`FAIL: peak RSS ${(raised.maxRssKb / 1024).toFixed(0)} MB is over the ${capMb.toFixed(0)} MB bound`);
if (skipOverCap) console.log(`FAIL: skipping the file took ${(skipped.maxRssKb / 1024).toFixed(0)} MB, over 100 MB`);
process.exit(raised.ok && skipped.ok && !overCap && !skipOverCap ? 0 : 1);
