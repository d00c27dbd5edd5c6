import path from 'node:path';
import { toPosix } from '../engine/discover.js';
import type { Finding } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import { SourceTexts } from '../engine/file-text.js';

/**
 * `check --changed FILE...`: the whole scan is linted (rules follow connectors, templates and input
 * sets across files), and a finding is reported when
 *
 * 1. its file is one of the given files; or
 * 2. one of its related locations is in one of them (a pipeline changed to use a connector that
 *    breaks a policy: the finding is on the connector, the changed stage is a related location); or
 * 3. it is about a connector defined in one of them: it sits on a reference (`connectorRef`,
 *    `harnessImageConnectorRef`, ...) that resolves to such a connector (a changed connector that
 *    now breaks pipelines elsewhere); a connector's own findings are in its file (rule 1).
 *
 * A template in a given file stands for the pipelines that use it (a stage template changed to run
 * on Harness Cloud breaks them): rules 1 and 2 take their files too. (What an input set or trigger
 * fills is reported at the value it writes already.)
 *
 * When the config file in use is one of the given files, every finding is reported: the config
 * decides what every file gets. Given paths are relative to the current directory, as findings
 * name files; names of files that are not scanned (deleted, not YAML) match nothing.
 */
export function changedSelection(result: LintResult, given: readonly string[], cwd: string): (f: Finding) => boolean {
  const files = new Set(given.map((g) => toPosix(path.relative(cwd, path.resolve(cwd, g)))));
  if (result.config && files.has(result.config.file)) return () => true;
  const { project } = result;
  const affected = new Set(files);
  for (const t of project.templates) if (files.has(t.rootKey.file)) for (const p of project.pipelinesUsing(t)) affected.add(p.rootKey.file);
  const changedConnectors = new Set(project.connectors.filter((c) => files.has(c.rootKey.file)));
  const texts = new SourceTexts(cwd);
  const refersToChanged = (f: Finding) => {
    if (!changedConnectors.size) return false;
    const text = texts.get(f.file);
    if (text === undefined) return false;
    const ref = text
      .slice(f.range[0], f.range[1])
      .trim()
      .replace(/^(['"])(.*)\1$/s, '$2')
      .trim();
    if (!/^(?:(?:account|org)\.)?[\w-]+$/.test(ref)) return false;
    const from = project.entities.find((e) => e.identifier === f.entity && e.rootKey.file === f.file)?.scope ?? {
      level: 'account' as const,
    };
    const connector = project.findConnector(ref, from);
    return connector !== undefined && changedConnectors.has(connector);
  };
  return (f) => affected.has(f.file) || (f.related ?? []).some((r) => affected.has(r.file)) || refersToChanged(f);
}
