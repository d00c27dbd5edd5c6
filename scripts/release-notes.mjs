#!/usr/bin/env node
// Prints one version's section of CHANGELOG.md (Keep a Changelog 1.1.0), for a GitHub release's notes.
//
//   node scripts/release-notes.mjs VERSION [--changelog FILE]
//
// VERSION is `1.2.3` or the tag `v1.2.3` (a pre-release or build suffix is kept). The section is the
// text between `## [VERSION]` (with or without ` - YYYY-MM-DD`) and the next `## ` heading or the
// link reference definitions at the end, without its heading and surrounding blank lines.
// Exit 1 (with a message on standard error) when the version is malformed, has no section, or its
// section is empty: a release must not go out with no notes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The version without a leading `v`; throws when it is not SemVer. */
export function normaliseVersion(input) {
  const version = String(input ?? '').replace(/^v/, '');
  if (!SEMVER.test(version)) throw new Error(`not a version: ${JSON.stringify(input)} (expected 1.2.3 or v1.2.3)`);
  return version;
}

/** The body of `## [version]` in the changelog text; throws when there is none or it is empty. */
export function releaseNotes(changelog, input) {
  const version = normaliseVersion(input);
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^##\\s+\\[${escaped}\\](?:\\s+-\\s+\\S.*)?\\s*$`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) throw new Error(`CHANGELOG has no section for ${version} (a line "## [${version}] - YYYY-MM-DD")`);
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++)
    if (/^##\s/.test(lines[i]) || /^\[[^\]]+\]:\s*\S/.test(lines[i])) {
      end = i;
      break;
    }
  const body = lines
    .slice(start + 1, end)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  if (!body.trim()) throw new Error(`the CHANGELOG section for ${version} is empty`);
  return body + '\n';
}

function main(argv) {
  const args = [...argv];
  let file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'CHANGELOG.md');
  const at = args.indexOf('--changelog');
  if (at >= 0) {
    file = args[at + 1];
    args.splice(at, 2);
  }
  if (args.length !== 1 || !file) {
    process.stderr.write('usage: node scripts/release-notes.mjs VERSION [--changelog FILE]\n');
    return 2;
  }
  try {
    process.stdout.write(releaseNotes(fs.readFileSync(file, 'utf8'), args[0]));
    return 0;
  } catch (e) {
    process.stderr.write(`release-notes: ${e.message}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
