import path from 'node:path';
import { toPosix } from '../engine/discover.js';
import type { Finding } from '../engine/finding.js';
import type { LintResult } from '../engine/lint.js';
import type { Loc } from '../model/loc.js';
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
 * A template in a given file stands for the stages that run through it (a stage template changed
 * to run on Harness Cloud breaks the stages made from it): rules 1 and 2 take their lines too, and
 * a pipeline's other stages stay out. (What an input set or trigger fills is reported at the value
 * it writes already.)
 *
 * When the config file in use is one of the given files, every finding is reported: the config
 * decides what every file gets. Given paths are relative to the current directory, as findings
 * name files; names of files that are not scanned (deleted, not YAML) match nothing.
 */
export function changedSelection(result: LintResult, given: readonly string[], cwd: string): (f: Finding) => boolean {
  const files = new Set(given.map((g) => toPosix(path.relative(cwd, path.resolve(cwd, g)))));
  if (result.config && files.has(result.config.file)) return () => true;
  const { project } = result;
  const texts = new SourceTexts(cwd);
  const throughChanged = stagesThroughChanged(result, files, texts);
  const inGiven = (file: string, line: number) => files.has(file) || !!throughChanged.get(file)?.some(([a, b]) => a <= line && line <= b);
  const changedConnectors = new Set(project.connectors.filter((c) => files.has(c.rootKey.file)));
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
  return (f) => inGiven(f.file, f.line) || (f.related ?? []).some((r) => inGiven(r.file, r.line)) || refersToChanged(f);
}

/**
 * The lines, by file, of the stages that run through a template in a given file (a stage made from
 * a changed Stage template, every stage of a pipeline made from a changed Pipeline template):
 * what the change affects beyond its own file.
 */
function stagesThroughChanged(result: LintResult, files: ReadonlySet<string>, texts: SourceTexts): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  const { project } = result;
  if (!project.templates.some((t) => files.has(t.rootKey.file))) return out;
  const add = (file: string, lines: [number, number]) => out.set(file, [...(out.get(file) ?? []), lines]);
  const addLoc = (at: Loc) => {
    const text = texts.get(at.file);
    if (text === undefined) return;
    const lineOf = (offset: number) => 1 + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
    add(at.file, [lineOf(at.start), lineOf(at.end)]);
  };
  for (const run of project.runs())
    for (const eff of run.stages) {
      const through = eff.templates.find((u) => files.has(u.template.rootKey.file));
      if (!through) continue;
      // Where the template is taken in: the stage written in the pipeline that names it, or the
      // whole of a pipeline made from a Pipeline template.
      if (run.root.kind === 'pipeline' && run.root.template) add(run.root.rootKey.file, [1, Number.MAX_SAFE_INTEGER]);
      else addLoc(eff.stage.at);
    }
  return out;
}
