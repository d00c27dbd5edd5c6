// The worker thread's entry (dist/worker/index.js): scans the batches of files the CLI or the
// Action sends it, with the same rule registry.
import { serveScans } from '../engine/pool.js';
import { rules } from '../rules/index.js';

serveScans(rules);
