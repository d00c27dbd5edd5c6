// `node --import ./__tests__/fuzz/ts-register.mjs x.mjs` can import the TypeScript sources in src/.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
