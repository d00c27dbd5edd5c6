// js-yaml floor: read every .yaml/.yml under DIR and `load` it (no positions kept), doing nothing
// else; the fastest plain-JS parse, to set against the `yaml` parseDocument floor, which keeps
// the positions findings need. Walks like ../shared/bench/floor.mjs. node floor-jsyaml.mjs DIR
// js-yaml is not our dependency: it resolves from node_modules as a transitive dev dependency.
import fs from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';

let files = 0,
  bytes = 0,
  docs = 0;
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e.name)) {
      const text = fs.readFileSync(p, 'utf8');
      files++;
      bytes += text.length;
      if (jsyaml.load(text) != null) docs++;
    }
  }
}
walk(process.argv[2]);
console.log(`${files} files, ${bytes} bytes, ${docs} docs`);
