// Preloaded into every measured node process (run.mjs puts it in NODE_OPTIONS, so forked workers
// load it too). On exit it appends "pid peakRSS-KiB" to $HRG_BENCH_RSS_FILE: peak memory without
// /usr/bin/time, which a fresh machine may not have. Worker threads share the pid; run.mjs keeps
// the largest value per pid.
import fs from 'node:fs';

const file = process.env.HRG_BENCH_RSS_FILE;
if (file) process.on('exit', () => fs.appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`));
