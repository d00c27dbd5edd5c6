import { runCli } from './main.js';

process.exitCode = runCli(
  process.argv.slice(2),
  process.cwd(),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
);
