// The fuzz test's lint process: for each {id, dir} it receives, runs the core's lint() and the CLI's
// `check --format json` (both from src/, through ts-register.mjs) on the temp repo DIR and sends back
// what the test checks. A separate process so the test can kill a hang instead of stalling on it.
import { lint } from '../../src/engine/lint.ts';
import { rules } from '../../src/rules/index.ts';
import { runCli } from '../../src/cli/main.ts';

const pos = (p) => ({ file: p.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn });

process.on('message', async (msg) => {
  const reply = { id: msg.id };
  const started = performance.now();
  try {
    const result = await lint({ cwd: msg.dir, paths: ['.'], rules });
    reply.internalErrors = result.internalErrors;
    reply.filesScanned = result.filesScanned;
    reply.findings = result.findings.map((f) => ({
      ruleId: f.ruleId,
      message: f.message.slice(0, 2000),
      ...pos(f),
      related: (f.related ?? []).map(pos),
    }));
  } catch (e) {
    reply.threw = String(e?.stack ?? e).slice(0, 4000);
  }
  reply.lintMs = performance.now() - started;
  let out = '';
  let err = '';
  try {
    reply.checkExit = await runCli(
      ['check', '.', '--format', 'json', '--fail-on', 'never'],
      msg.dir,
      (s) => (out += s),
      (s) => (err += s),
    );
    if (reply.checkExit !== 2) reply.checkFindings = JSON.parse(out).findings.length;
  } catch (e) {
    reply.checkThrew = String(e?.stack ?? e).slice(0, 4000);
  }
  reply.checkErr = err.slice(0, 4000);
  process.send(reply);
});
process.send({ ready: true });
