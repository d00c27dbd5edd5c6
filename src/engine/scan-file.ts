import fs from 'node:fs';
import path from 'node:path';
import { classify, ENTITY_KINDS, isHarness, KNOWN_UNCHECKED, type Classified, type Entity } from '../model/entities.js';
import { lineTable, locOf, placerOf, toLocs, withRange, type LineTable, type Loc, type Placer } from '../model/loc.js';
import { imageUses } from '../model/scans.js';
import { isAppHarnessImage, mentionsExecutionConfigField } from '../model/images.js';
import { View } from '../model/view.js';
import { locateRange } from '../parse/locate.js';
import { parseSource, type SourceFile } from '../parse/source.js';
import { fileFinding, schema as schemaRule, yamlSyntax } from './builtins.js';
import { withFix } from './edits.js';
import { findingAt, type Finding, type Severity } from './finding.js';
import { messageOf, type Rule, type OptionValues, type Report } from './rule.js';
import { validateSchema } from './schema.js';
import { parseDirectives, type Directive } from './suppressions.js';
import { decodeUtf8 } from './file-text.js';
import { tuneHeapForScan } from './heap.js';

/**
 * Everything that needs one file's parsed tree happens here, once per file, in whichever thread
 * reads it: read and parse, classify, validate the fields the policies read, run the file rules,
 * and reduce the Harness entities to the facts (locs) the cross-file rules need. The tree is
 * dropped afterwards; what comes back is plain data a worker can post.
 */

/** A file to scan: its path as findings show it, where it is, and text to use instead of its bytes. */
export interface FileInput {
  shown: string;
  absPath: string;
  overlay?: string;
}

export interface ScanOptions {
  /** The file rules and their options (by rule id). */
  fileRules: ReadonlyArray<{ rule: Rule; options: OptionValues }>;
  /** Every rule id a suppression comment may name. */
  ruleIds: readonly string[];
  /** Files over this many bytes are skipped with a notice, unread. */
  maxFileSize: number;
  /** Also collect every image reference, for the migration report. */
  images?: boolean;
  /**
   * What an entity's facts are made as, from its views and the root its paths count from: its
   * locs (`toLocs`, the default), or a worker's packed form of them (`BatchPacker.facts`), which
   * only the hand-over reads.
   */
  facts?: (entity: Entity<View>, root: View | undefined, file: string) => unknown;
}

/** An image reference in a file, for the migration report's "images by registry". */
export interface ImageFact {
  image: string;
  kind: 'image' | 'helm' | 'executionConfig';
  field?: string;
  /** `registry/path` the image is pulled from (`docker.io` when it names none). */
  registry?: string;
  appHarness: boolean;
  at: Loc;
}

export interface FileScan {
  file: string;
  /** Parsed as YAML (or skipped before: unreadable, binary, not UTF-8, JSON that is not an execution-config payload). */
  parsed: boolean;
  /** Holds Harness YAML. */
  harness: boolean;
  /** Not Harness YAML and does not parse (or is a template of Harness YAML): no finding, only counted. */
  skippedNotHarness?: true;
  findings: Finding[];
  entities: Entity[];
  /** Suppression comments, applied once every finding is known. */
  directives: Directive[];
  images?: ImageFact[];
  /** Where the file's lines start: what places its facts in lines and columns. Only with entities or images. */
  lines?: LineTable;
  /** A rule that threw on this file: our own bug, never a green run. */
  internalErrors: string[];
}

/** Scans files with the given options: in this thread, or spread over workers. */
export type Scanner = (inputs: readonly FileInput[], options: ScanSpec) => FileScan[] | Promise<FileScan[]>;

/**
 * What a worker needs to scan files: rule ids (it loads the rules itself, since functions do not
 * cross threads) and their options. Plain data.
 */
export interface ScanSpec {
  fileRules: ReadonlyArray<{ id: string; options: OptionValues }>;
  ruleIds: readonly string[];
  maxFileSize: number;
  images?: boolean;
}

/** Scans in this thread, with the rule objects at hand. */
export const serialScanner =
  (rules: readonly Rule[]): Scanner =>
  (inputs, spec) =>
    scanFiles(inputs, scanOptions(rules, spec));

/**
 * Files are read a run at a time, up to this many files or bytes, before the run is parsed and
 * checked. A read between two parses cost about three times a read beside other reads (its system
 * calls run cold): on the 10,000-pipeline repo, 35 µs a file against 12 (CPU profiles, both
 * threads), and `check` took 0.97× the time (0.95× in one thread). Runs of 64 gained nothing more.
 */
const READ_AHEAD_FILES = 16;
const READ_AHEAD_BYTES = 2 ** 20;

/**
 * Scans files in order, reading each run of them ahead (see `READ_AHEAD_FILES`). `onFile` is told
 * the index of each file as it is read and again as it is scanned, so that a hang can be blamed on it.
 */
export function scanFiles(inputs: readonly FileInput[], opts: ScanOptions, onFile?: (index: number) => void): FileScan[] {
  const scans: FileScan[] = [];
  for (let first = 0; first < inputs.length;) {
    const run = readRun(inputs, first, opts.maxFileSize, onFile);
    run.forEach((ahead, k) => {
      onFile?.(first + k);
      scans.push(scanFile(inputs[first + k]!, opts, ahead));
    });
    first += run.length;
  }
  return scans;
}

/** The next run of files from `first`, read (see `READ_AHEAD_FILES`). */
function readRun(inputs: readonly FileInput[], first: number, maxFileSize: number, onFile?: (index: number) => void): ReadAhead[] {
  const run: ReadAhead[] = [];
  for (let i = first, bytes = 0; i < inputs.length && run.length < READ_AHEAD_FILES && bytes < READ_AHEAD_BYTES; i++) {
    onFile?.(i);
    const ahead = { bytes: readInput(inputs[i]!, maxFileSize) };
    run.push(ahead);
    if (Buffer.isBuffer(ahead.bytes)) bytes += ahead.bytes.length;
  }
  return run;
}

/** The scan options for a spec, with the file rules looked up by id. */
export function scanOptions(rules: readonly Rule[], spec: ScanSpec): ScanOptions {
  const fileRules = spec.fileRules.map(({ id, options }) => {
    const rule = rules.find((r) => r.id === id);
    if (!rule?.checkFile) throw new Error(`unknown file rule ${id}`);
    return { rule, options };
  });
  return { fileRules, ruleIds: spec.ruleIds, maxFileSize: spec.maxFileSize, ...(spec.images ? { images: true } : {}) };
}

const MAX_SYNTAX_ERRORS_PER_FILE = 10;
/** Files over this many bytes are skipped unread, unless the config or `--max-file-size` says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** Scans one file; `ahead`: what reading it gave, when it was read ahead (see `scanFiles`). */
export function scanFile(input: FileInput, opts: ScanOptions, ahead?: ReadAhead): FileScan {
  const out: FileScan = {
    file: input.shown,
    parsed: false,
    harness: false,
    findings: [],
    entities: [],
    directives: [],
    internalErrors: [],
  };
  const read = readSource(input, ahead, opts.maxFileSize, out);
  if (!read) return out;
  const { source, classified } = read;
  out.parsed = true;
  out.harness = !!source.harness;
  const place = placerOf(source);

  // The entities, and the roots their semantic paths are counted from.
  const parsed: Array<{ entity: Entity<View>; root: View; embedded?: SourceFile }> = [];
  const roots = new Map<object, View>();
  source.docs.forEach((doc, i) => {
    const c = classified[i]!;
    if (!source.harness) return;
    const notice = (what: string, at: View) =>
      out.findings.push(
        findingAt('schema', 'notice', `${what}: only its image references are checked (policies 1 and 4).`, locOf(at), place),
      );
    if (c.kind === 'v1') notice('Harness v1 YAML (`version: 1`)', c.at);
    if (c.kind === 'unknown-harness') notice(`Unknown Harness entity kind \`${c.key}\``, c.at);
    if (c.kind !== 'entity') return;
    parsed.push({ entity: c.entity, root: c.root, ...(c.embedded ? { embedded: c.embedded } : {}) });
    if (c.entity.kind === 'pipeline' || c.entity.kind === 'template') roots.set(doc, c.root);
    const schemaName = c.entity.kind === 'connector' ? 'connector' : c.entity.kind === 'pipeline' ? 'pipeline' : undefined;
    const top = View.root(source, doc);
    if (schemaName && top)
      for (const p of validateSchema(schemaName, doc.json, top)) {
        const what = `${capitalise(c.entity.kind)}${c.entity.identifier ? ` \`${c.entity.identifier}\`` : ''}`;
        out.findings.push(findingAt('schema', schemaRule.severity, `${what}: ${p.message}`, locOf(p.at), place));
      }
  });
  // The last view's loc is kept: a rule reports each mention in a long script at the same scalar,
  // and making its loc again each time (its value shared, a hash of the whole text) is quadratic.
  let last: { view: View; loc: Loc } | undefined;
  const loc = (v: View) => (last?.view === v ? last.loc : (last = { view: v, loc: locOf(v, roots.get(v.doc)) }).loc);
  const embedded = parsed.flatMap((p) => (p.embedded ? [p.embedded] : []));

  for (const { rule, options } of opts.fileRules) {
    try {
      rule.checkFile!({
        file: source,
        embedded,
        entities: parsed,
        options,
        report: (r) => out.findings.push(fromReport(rule, r, loc, place)),
      });
    } catch (e) {
      out.internalErrors.push(`rule ${rule.id} failed on ${input.shown}: ${(e as Error).stack ?? e}`);
    }
  }

  for (const p of parsed) {
    const root = roots.get(p.root.doc);
    out.entities.push((opts.facts ? opts.facts(p.entity, root, input.shown) : toLocs(p.entity, root, isView)) as Entity);
  }
  // Suppressions are comments: a text without `#` has none (and `includes` is many times faster than the regex).
  if (source.text.includes('#') && /registry-guard-/i.test(source.text)) {
    const { directives, problems } = parseDirectives(source, opts.ruleIds);
    out.directives = directives;
    for (const problem of problems)
      out.findings.push({ ruleId: 'suppression', severity: 'error', message: problem.message, ...locateRange(source, ...problem.range) });
  }
  if (opts.images) out.images = [source, ...embedded].flatMap((s) => imageFacts(s, loc));
  if (out.entities.length || out.images?.length) out.lines = lineTable(source);
  return out;
}

const isView = (v: unknown): v is View => v instanceof View;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A file rule's report as a finding: positions and identity from the view, fixes as the rule's `fixable` allows. */
function fromReport(rule: Rule, r: Report<string, View>, loc: (v: View) => Loc, place: Placer): Finding {
  let at = loc(r.at);
  if (r.span) {
    const range = locateRange(r.at.file, r.span[0], r.span[1]).range;
    at = withRange(at, range[0], range[1]);
  }
  const f = findingAt(rule.id, r.severity ?? rule.severity, messageOf(rule, r.messageId, r.data), at, place, {
    messageId: r.messageId,
    ...(r.entity ? { entity: r.entity } : {}),
    ...(r.related ? { related: r.related.map((rel) => ({ at: loc(rel.at), message: messageOf(rule, rel.messageId, rel.data) })) } : {}),
  });
  return withFix(rule, { ...r, at }, f);
}

function imageFacts(source: SourceFile, loc: (v: View) => Loc): ImageFact[] {
  return imageUses(source).map((use) => ({
    image: use.raw,
    kind: use.kind,
    ...(use.field ? { field: use.field } : {}),
    ...(use.image.registry ? { registry: use.image.registry } : {}),
    appHarness: isAppHarnessImage(use.image),
    at: loc(use.view),
  }));
}

/** A file's bytes; its size when that is over the size cap (then it is not read); or why it could not be read (the error's code). */
type FileBytes = Buffer | number | { unreadable: string };

/**
 * What reading a file ahead gave, in a box that its scan empties once the text is decoded: a
 * variable or argument holding the bytes would keep them alive until its function returned, and
 * a 50 MB file's through its rules and facts (50 MB more at the peak).
 */
interface ReadAhead {
  bytes: FileBytes | undefined;
}

/** What reading a file gives (its overlay's bytes when it has one). */
function readInput(input: FileInput, maxFileSize: number): FileBytes {
  if (input.overlay !== undefined) return Buffer.from(input.overlay, 'utf8');
  try {
    return readCapped(input.absPath, maxFileSize);
  } catch (e) {
    return { unreadable: (e as NodeJS.ErrnoException | undefined)?.code ?? 'error' };
  }
}

/** A file's bytes, or its size when that is over `max` (then it is not read). */
function readCapped(absPath: string, max: number): Buffer | number {
  const fd = fs.openSync(absPath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > max) return size;
    // One read of a byte more than the size says, where `readFileSync` would look at the size again
    // and read once more to find the end. Read to the end all the same: a file whose size says 0
    // (procfs, some FUSE mounts), or that grew since, may hold more.
    const bytes = Buffer.allocUnsafe(size + 1);
    const read = fs.readSync(fd, bytes, 0, size + 1, null);
    return read <= size ? bytes.subarray(0, read) : Buffer.concat([bytes, fs.readFileSync(fd)]);
  } finally {
    fs.closeSync(fd);
  }
}

/** A line Git writes into a file with a merge conflict. */
const CONFLICT_MARKER = /^(?:<{7}|>{7})(?: |$)|^={7}$/m;

/** A top-level key only Harness uses, alone on its line. */
const HARNESS_ONLY_KEY =
  /^(?:pipeline|connector|inputSet|overlayInputSet|infrastructureDefinition|serviceOverrides|monitoredService|policySet)[ \t]*:(?:[ \t]|\r?$)/m;
/** Top-level keys other tools use too (`service:` in Helm values, `trigger:` in Azure Pipelines): Harness only with an `identifier`. */
const SHARED_KEY = new RegExp(`^(?:${[...ENTITY_KINDS, ...KNOWN_UNCHECKED].join('|')})[ \\t]*:(?:[ \\t]|\\r?$)`, 'm');
/**
 * Template syntax where YAML structure belongs: a line or a value that starts `{{` or `{%` (Go, as in
 * Helm, and Jinja), or a line that starts `%{` (a Terraform `templatefile` directive).
 */
const TEMPLATE_SYNTAX = /^[ \t]*(?:-[ \t]+)?\{[{%]|:[ \t]+\{\{|^[ \t]*%\{/m;

/**
 * Whether a text that does not parse is still meant as a Harness entity: a top-level key only
 * Harness uses, or a shared one with an `identifier` below it, and no template syntax (a Helm,
 * Jinja or Terraform template of a pipeline is not Harness YAML yet). Only then is a syntax error ours to report.
 */
export function looksLikeHarness(text: string): boolean {
  if (TEMPLATE_SYNTAX.test(text)) return false;
  return HARNESS_ONLY_KEY.test(text) || (SHARED_KEY.test(text) && /^[ \t]+identifier[ \t]*:/m.test(text));
}

/**
 * The encoding and text of a UTF-16 or UTF-32 file (YAML allows both): told by its byte-order mark,
 * or without one by the NUL bytes around its first character, which YAML 1.2 (5.2) takes to be
 * ASCII. Undefined for any other file, and for bytes that only look like that (binary).
 */
function wideText(bytes: Buffer): { encoding: 'UTF-16' | 'UTF-32'; text: string } | undefined {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x);
  const ascii = (i: number) => bytes[i]! > 0 && bytes[i]! < 0x80;
  const bom32 = at(0, 0xff, 0xfe, 0, 0) || at(0, 0, 0, 0xfe, 0xff);
  const le32 = at(0, 0xff, 0xfe, 0, 0) || (ascii(0) && at(1, 0, 0, 0));
  if (bom32 || le32 || (at(0, 0, 0, 0) && ascii(3))) {
    const points: number[] = [];
    for (let i = bom32 ? 4 : 0; i + 4 <= bytes.length && points.length < 65536; i += 4) {
      const c = le32 ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
      if (c <= 0x10ffff && (c > 0 || bom32)) points.push(c);
      else if (!bom32) return undefined;
    }
    return { encoding: 'UTF-32', text: String.fromCodePoint(...points) };
  }
  if (at(0, 0xff, 0xfe)) return { encoding: 'UTF-16', text: new TextDecoder('utf-16le').decode(bytes) };
  if (at(0, 0xfe, 0xff)) return { encoding: 'UTF-16', text: new TextDecoder('utf-16be').decode(bytes) };
  const le16 = ascii(0) && bytes[1] === 0;
  if ((!le16 && !(bytes[0] === 0 && ascii(1))) || bytes.length % 2) return undefined;
  try {
    const text = new TextDecoder(le16 ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
    return text.includes('\0') ? undefined : { encoding: 'UTF-16', text };
  } catch {
    return undefined;
  }
}

/**
 * Parses one file from what reading it gave. Unreadable, binary and non-UTF-8 files become findings; a file that
 * does not parse becomes syntax errors only when it is meant as Harness YAML, and is otherwise
 * skipped without a finding (`skippedNotHarness`).
 */
function readSource(
  input: FileInput,
  ahead: ReadAhead | undefined,
  maxFileSize: number,
  out: FileScan,
): { source: SourceFile; classified: Classified[] } | undefined {
  const { absPath, shown } = input;
  const bytes = ahead?.bytes ?? readInput(input, maxFileSize);
  if (ahead) ahead.bytes = undefined;
  if (typeof bytes === 'number') {
    out.findings.push(fileFinding(shown, 'notice', `File is ${bytes} bytes, over the ${maxFileSize}-byte size cap; skipped.`));
    return undefined;
  }
  if (!Buffer.isBuffer(bytes)) {
    out.findings.push(fileFinding(shown, 'error', `File cannot be read (${bytes.unreadable}).`));
    return undefined;
  }
  tuneHeapForScan(bytes.length);
  const wide = wideText(bytes);
  if (wide) {
    // Saved as UTF-16 (a Windows editor's "Unicode") or UTF-32: read only to tell whether it is
    // Harness YAML that goes unchecked; positions and fixes are UTF-8 throughout.
    const harness = looksLikeHarness(wide.text);
    out.findings.push(
      fileFinding(
        shown,
        harness ? 'error' : 'notice',
        `File is ${wide.encoding} encoded; only UTF-8 is read, so it is ${harness ? 'not checked: save it as UTF-8' : 'skipped'}.`,
      ),
    );
    return undefined;
  }
  if (bytes.includes(0)) {
    out.findings.push(fileFinding(shown, 'notice', 'File contains NUL bytes (binary); skipped.'));
    return undefined;
  }
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    const harness = looksLikeHarness(bytes.toString('latin1'));
    out.findings.push(
      fileFinding(shown, harness ? 'error' : 'notice', `File is not valid UTF-8; ${harness ? 'YAML must be Unicode' : 'skipped'}.`),
    );
    return undefined;
  }
  // JSON files are read only when they hold an execution-config payload (the update-config list, or
  // a field→image map as get-customer-config answers).
  if (path.extname(absPath).toLowerCase() === '.json' && !/^\s*\[/.test(text.replace(/^\uFEFF/, '')) && !mentionsExecutionConfigField(text))
    return undefined;
  const source = parseSource(shown, text);
  // The Git Experience folders that give a scope are read from the whole path, not the one from cwd
  // (run inside `.harness`, that one starts at `orgs/`).
  const classified = source.docs.map((_, i) => classify(source, i, absPath.split(path.sep).join('/')));
  const harness = classified.some(isHarness) || (source.problems.length > 0 && looksLikeHarness(text));
  const syntax = source.problems.filter((p) => p.kind === 'syntax');
  if ((syntax.length && !harness) || (harness && source.complexKey && TEMPLATE_SYNTAX.test(text))) {
    out.skippedNotHarness = true;
    return undefined;
  }
  if (harness && source.complexKey) {
    out.findings.push({
      ruleId: yamlSyntax.id,
      severity: 'error',
      message: 'A map key is itself a map or a list, which Harness YAML cannot have; the file is not checked.',
      ...locateRange(source, ...source.complexKey),
    });
    return undefined;
  }
  source.harness = harness;
  let syntaxErrors = 0;
  // Git's conflict markers make the parser's errors noise: one error at the first marker says what to do.
  const conflict = syntax.length ? CONFLICT_MARKER.exec(text) : null;
  if (conflict) {
    syntaxErrors = MAX_SYNTAX_ERRORS_PER_FILE;
    out.findings.push({
      ruleId: yamlSyntax.id,
      severity: 'error',
      message:
        "The file holds an unresolved merge conflict (Git's `<<<<<<<`, `=======` and `>>>>>>>` lines); resolve it to have the file checked.",
      ...locateRange(source, conflict.index, conflict.index + 7),
    });
  }
  for (const p of source.problems) {
    const pos = locateRange(source, p.start, p.end);
    // Hostile input is worth a word even outside Harness YAML; an error only inside it.
    const report = (message: string, severity: Severity = 'error') =>
      out.findings.push({ ruleId: yamlSyntax.id, severity, message, ...pos });
    if (p.kind === 'too-deep') report(`${p.message}; the file is not checked.`, harness ? 'error' : 'notice');
    else if (p.kind === 'aliases') report(`Document not checked: ${p.message}.`, harness ? 'error' : 'notice');
    else if (syntaxErrors++ < MAX_SYNTAX_ERRORS_PER_FILE) report(`${p.message}.`.replace(/\.\.$/, '.'));
  }
  return { source, classified };
}
