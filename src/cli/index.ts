import { runCli } from './main.js';

// A reader that stops early (`check . | head -1`) closes the pipe: the remaining output has nowhere
// to go, which is not an error of the check. End quietly with the exit code the command gave.
// Any other failure to write (a full disk) is: one line, and exit 2, never 1 ("findings").
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout)
      try {
        process.stderr.write(`harness-registry-guard: cannot write standard output (${e.code ?? e.message})\n`);
      } catch {
        // stderr is gone too: the exit code says it
      }
    process.exit(2);
  });

process.exitCode = await runCli(
  process.argv.slice(2),
  process.cwd(),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
  { env: process.env, stdoutIsTTY: process.stdout.isTTY === true },
);
