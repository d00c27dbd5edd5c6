// First: a bad event payload must fail as bad input before the toolkit reads it on load.
import './event-payload.js';
import { run } from './main.js';

await run();
