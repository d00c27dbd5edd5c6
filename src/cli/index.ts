import { runCli } from './main.js';

// A reader that stops early (`check . | head -1`) closes the pipe: the remaining output has nowhere
// to go, which is not an error of the check. End quietly with the exit code the command gave.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });

process.exitCode = await runCli(
  process.argv.slice(2),
  process.cwd(),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
  { env: process.env, stdoutIsTTY: process.stdout.isTTY === true },
);
