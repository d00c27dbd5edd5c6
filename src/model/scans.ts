import type { SourceFile } from '../parse/source.js';
import { defaultCatalogue, executionConfigMap, parseImage, type ImageRef } from './images.js';
import { classifyValue } from './runtime-input.js';
import { View } from './view.js';
import { findUnderKeys, semanticPath, walk } from './walk.js';

const IMAGE = new Set(['image']);
const IMAGE_CONNECTOR = new Set(['harnessImageConnectorRef']);
/** What reads a stage's or step group's variables: an image field, and a step group's variables (a value `<+stage.variables.x>`). */
const READS_VARIABLES = new Set(['image', 'variables']);

export interface ImageUse {
  /** The scalar that holds the image (or, for Helm-style maps, its `repository`). */
  view: View;
  raw: string;
  image: ImageRef;
  kind: 'image' | 'helm' | 'executionConfig';
  /** The execution-config field, for `executionConfig` uses. */
  field?: string;
  /** The `registry` scalar of a Helm-style image map, for `helm` uses that have one. */
  registryView?: View;
  /** The image is a `.default()` or allowed value of a runtime input: report it, but no fix rewrites the scalar. */
  runtimeInput?: boolean;
  /** For a pipeline, stage or step-group variable's value (`view`): the image fields that pull it (`image: <+pipeline.variables.x>`). */
  pulledBy?: View[];
}

/** For a report on a variable's image: each field that pulls it, as a related location (message `pulledBy`). */
export function pulledByRelated(use: ImageUse): { related?: Array<{ at: View; messageId: 'pulledBy'; data: { expression: string } }> } {
  return use.pulledBy ? { related: use.pulledBy.map((at) => ({ at, messageId: 'pulledBy', data: { expression: at.str! } })) } : {};
}

/**
 * Every container image reference in a file, Harness or not: `image:` scalars (steps, service
 * dependencies, Kubernetes manifests, Compose), Helm-style `image: {registry, repository}` maps,
 * and execution-config override payloads (`[{field, value}]`).
 */
export function imageUses(file: SourceFile): readonly ImageUse[] {
  return ((file as WithUses)[USES] ??= findImageUses(file));
}

/**
 * Two rules and the report's image list read the same file's images: found once per parse and
 * kept on the parsed file, so that they are dropped with it. (In a WeakMap keyed by the file, whose
 * entries point back at it through their views, peak RSS on the 10k repo rose by about 90 MB.)
 */
const USES = Symbol('imageUses');
type WithUses = SourceFile & { [USES]?: readonly ImageUse[] };

function findImageUses(file: SourceFile): ImageUse[] {
  const out: ImageUse[] = [];
  // Stages (step groups) are looked for only in a file that names a stage (step-group) variable.
  const namesStageVariables = file.text.includes('<+stage.variables.');
  const namesGroupVariables = file.text.includes('<+stepGroup.variables.');
  /** An execution-config field and its value, from the update-config list or a field→image map. */
  const pushField = (field: string, value: View | undefined) => {
    const raw = value?.str?.trim();
    const image = raw ? parseImage(raw) : undefined;
    if (image) out.push({ view: value!, raw: raw!, image, kind: 'executionConfig', field });
  };
  for (const doc of file.docs) {
    const root = View.root(file, doc);
    if (!root) continue;
    if (root.isSeq) {
      for (const item of root.items()) {
        const field = item.text('field');
        if (field) pushField(field, item.get('value'));
      }
    }
    const variables = root.isMap ? root.get('pipeline')?.get('variables') : undefined;
    const scopes: Record<Scope, ((at: View) => View[] | undefined) | undefined> = {
      pipeline: variables ? () => [variables] : undefined,
      stage: namesStageVariables ? lookup(scopeVariables(root, 'stage')) : undefined,
      stepGroup: namesGroupVariables ? lookup(scopeVariables(root, 'stepGroup')) : undefined,
    };
    const pullVariable = variableImages(out);
    /**
     * The variables (list and name) whose value an image, or a variable's value, that is exactly `<+pipeline.variables.x>`,
     * `<+stage.variables.x>` or `<+stepGroup.variables.x>` reads at `at`: one per stage (step group) that reaches it. A
     * String variable whose value names a variable of an outer scope (a stage's or step group's a pipeline's, a step
     * group's its stage's) is read through: the image is the named one's. Only outer scopes are followed, so a chain
     * ends: a variable naming itself or another of its own scope is read as written (an expression, no image).
     */
    const variablesOf = (raw: string, at: View): Array<{ list: View; name: string }> => {
      const ref = variableReference(raw);
      return (
        (ref && scopes[ref.scope]?.(at))?.flatMap((list) => {
          // Only a stage's or step group's variable is read through: a pipeline's is not looked at twice.
          const value = OUTER[ref.scope].length ? stringVariable(list, ref.name)?.get('value')?.str : undefined;
          const next = value !== undefined ? variableReference(value) : undefined;
          return next && OUTER[ref.scope].includes(next.scope) ? variablesOf(value!, list) : [{ list, name: ref.name }];
        }) ?? []
      );
    };
    const fields = root.isMap ? executionConfigMap(root) : undefined;
    // In a map, only the keys that are execution-config fields: the rest (`status`, `metaData`) is the answer's.
    for (const { key, value } of fields?.entries() ?? [])
      if (Object.hasOwn(defaultCatalogue.executionConfigFields, key)) pushField(key, value);
    findUnderKeys(root, IMAGE, (view) => {
      // Shown in messages and parsed without the line break a block scalar (`image: |`) ends with.
      const raw = view.str?.trim();
      if (raw !== undefined) {
        const value = classifyValue(raw);
        let pulled = false;
        if (value.kind === 'expression')
          for (const { list, name } of variablesOf(raw, view)) pulled = pullVariable(list, name, view) || pulled;
        if (pulled) return;
        if (value.kind === 'input') {
          for (const option of [value.default, ...(value.allowedValues ?? [])]) {
            const image = option ? parseImage(option) : undefined;
            if (image) out.push({ view, raw: option!, image, kind: 'image', runtimeInput: true });
          }
          return;
        }
        const image = parseImage(raw);
        if (image) out.push({ view, raw, image, kind: 'image' });
        return;
      }
      const repository = view.get('repository');
      const repo = repository?.str;
      if (!repository || !repo) return;
      const registry = view.text('registry')?.trim();
      const full = registry ? `${registry.replace(/\/+$/, '')}/${repo.trim()}` : repo.trim();
      const image = parseImage(full);
      const registryView = view.get('registry');
      if (image) out.push({ view: repository, raw: full, image, kind: 'helm', ...(registryView ? { registryView } : {}) });
    });
  }
  return out;
}

type Scope = 'pipeline' | 'stage' | 'stepGroup';
/** The scopes a variable's value may name a variable of and be read through (see `variablesOf`). */
const OUTER: Record<Scope, readonly Scope[]> = { pipeline: [], stage: ['pipeline'], stepGroup: ['pipeline', 'stage'] };

/** `<+pipeline.variables.x>`, `<+stage.variables.x>` or `<+stepGroup.variables.x>` as the whole value: its scope and `x`. */
function variableReference(raw: string): { scope: Scope; name: string } | undefined {
  const m = /^<\+(pipeline|stage|stepGroup)\.variables\.([\w-]+)>$/.exec(raw.trim());
  return m ? { scope: m[1] as Scope, name: m[2]! } : undefined;
}

const lookup = (map: Map<number, View[]>) => (at: View) => map.get(at.addr);

/**
 * For each image field (or `variables` list) in a stage, or step group, that has variables (a `stage:`
 * (`stepGroup:`), a Stage (StepGroup) template's body, or the `templateInputs` of one that uses such a
 * template: the part of that body it sets), by the field's node: the `variables` of each one that
 * reaches it, which `<+stage.variables.x>` (`<+stepGroup.variables.x>`) reads. A field two stages
 * share through an alias reads each one's; a field in a stage inside another's (a chained pipeline's,
 * or the stage's own `templateInputs`) reads the inner one's, and likewise for step groups.
 */
function scopeVariables(root: View, key: 'stage' | 'stepGroup'): Map<number, View[]> {
  const scopes: View[] = [];
  const template = root.get('template');
  const body = template?.text('type')?.toLowerCase() === key.toLowerCase() ? template!.get('spec') : undefined;
  if (body?.isMap) scopes.push(body);
  findUnderKeys(root, new Set([key]), (view) => {
    if (!view.isMap) return;
    scopes.push(view);
    const inputs = view.get('template')?.get('templateInputs');
    if (inputs?.isMap) scopes.push(inputs);
  });
  const withVariables = scopes.filter((scope) => scope.get('variables')?.isSeq);
  const addrs = new Set(withVariables.map((scope) => scope.addr));
  // Keys a body sits under: its `stage:` (`stepGroup:`), or the `templateInputs` of one that uses a template.
  const bodyKeys = new Set([key, 'templateInputs']);
  const out = new Map<number, View[]>();
  for (const scope of withVariables) {
    const fields = new Set<number>();
    findUnderKeys(scope, READS_VARIABLES, (view) => fields.add(view.addr));
    findUnderKeys(scope, bodyKeys, (inner) => {
      if (addrs.has(inner.addr)) findUnderKeys(inner, READS_VARIABLES, (view) => fields.delete(view.addr));
    });
    for (const addr of fields) out.set(addr, [...(out.get(addr) ?? []), scope.get('variables')!]);
  }
  return out;
}

/**
 * `image: <+pipeline.variables.x>` (or `<+stage.variables.x>`, `<+stepGroup.variables.x>`) pulls the
 * variable's value: one written in the same pipeline (or stage, step group) is known. The image is the
 * variable's `value`, where a fix changes it, once however many fields pull it; each of those is kept in `pulledBy`. Returns whether the
 * variable holds such an image.
 */
function variableImages(out: ImageUse[]) {
  const uses = new Map<string, ImageUse | undefined>();
  return (variables: View, name: string, pulledAt: View): boolean => {
    // By the list as well as the name: each stage and step group has its own variables.
    const key = `${variables.addr}\0${name}`;
    if (!uses.has(key)) uses.set(key, variableImage(variables, name, out));
    const use = uses.get(key);
    // A field reached twice through an alias (`image: *i`) is one place: its anchor's.
    if (use && !(pulledAt.file.aliased && use.pulledBy!.some((at) => at.same(pulledAt)))) use.pulledBy!.push(pulledAt);
    return !!use;
  };
}

/** The variable `name` of a list, when it is one that can hold an image name: a String variable (or one without a type). */
function stringVariable(variables: View, name: string): View | undefined {
  const variable = variables.items().find((v) => v.text('name') === name);
  // Only a String variable holds an image name: a Secret's value names a secret, a Number's is a number.
  const type = variable?.text('type');
  return type === undefined || type.toLowerCase() === 'string' ? variable : undefined;
}

function variableImage(variables: View, name: string, out: ImageUse[]): ImageUse | undefined {
  const value = stringVariable(variables, name)?.get('value');
  const raw = value?.str?.trim();
  // Read as the same value written in `image:` would be (an expression in the tag keeps it known); a runtime input is not known.
  const image = raw && classifyValue(raw).kind !== 'input' ? parseImage(raw) : undefined;
  if (!image) return undefined;
  const use: ImageUse = { view: value!, raw: raw!, image, kind: 'image', pulledBy: [] };
  out.push(use);
  return use;
}

/**
 * Where an Override Image Connector is: a stage's `infrastructure.spec` (Kubernetes),
 * `infrastructure.spec.spec` (VM pool) or `runtime.spec` (Docker runner), and a containerized step
 * group's `stepGroupInfra`. The same paths hold in templates, `templateInputs`, input sets and
 * triggers; a key of that name elsewhere (a Plugin setting, an environment variable) is not one.
 */
const IMAGE_CONNECTOR_PATH =
  /(?:^|\/)(?:spec\/(?:infrastructure\/spec(?:\/spec)?|runtime\/spec)|stepGroupInfra\/spec(?:\/spec)?)\/harnessImageConnectorRef$/;

/** Every Override Image Connector field (`harnessImageConnectorRef`) under an entity, with its path. */
export function imageConnectorFields(root: View): Array<{ at: View; path: string }> {
  const out: Array<{ at: View; path: string }> = [];
  const add = (at: View, path: string | undefined, anywhere = false) => {
    if (at.isScalar && path !== undefined && (anywhere || IMAGE_CONNECTOR_PATH.test(path))) out.push({ at, path });
  };
  // Through an alias (`harnessImageConnectorRef: *ref`), the place the key is at: `semanticPath` gives the anchor's.
  // A map reached again through an alias is walked once, by its first place: `spec: *infra` may make a map first
  // met as a step's `settings` an infrastructure's spec too. So a field inside an anchored node that an alias
  // uses counts wherever it is first met (a false positive there is rarer, and safer for a gate, than an
  // override hidden behind an alias).
  if (root.file.aliased)
    walk(root, ({ view, key, parent, path }) => {
      if (parent && key !== undefined && IMAGE_CONNECTOR.has(key)) add(view, path, view.aliased);
    });
  else findUnderKeys(root, IMAGE_CONNECTOR, (view) => add(view, semanticPath(root, view)));
  return out;
}

/**
 * `app.harness.io/registry` (or `app<N>.`, or `//registry` as connector URLs are also read) and the
 * image path after it, inside any string. The host starts at a host boundary: `my-app.harness.io`
 * and `registry.app.harness.io` are other hosts.
 */
const LEFTOVER = /(?<![\w.-])app[0-9]*\.harness\.io(?::443)?\/+registry\b(\/[^\s'"`,;)\]}]*)?/gi;
/** A container tool's command right before the reference, on the same line: `docker login app.harness.io/registry`. */
const TOOL_BEFORE = /\b(?:docker|podman|nerdctl|buildah|crane|skopeo|oras|helm)\b[^\n]*$/i;
/** For a list item's semantic path (`.../matrix/image/0`), the key of the list it is in. */
function listKey(path: string): string | undefined {
  const segments = path.split('/');
  const item = segments.pop();
  const key = segments.pop();
  return item !== undefined && /^\d+$/.test(item) && key && !key.includes('=') ? key : undefined;
}

/** The text without the slashes it ends with (a regex would try each slash of a long text in turn). */
function withoutSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}
/** Keys whose text is prose, not configuration. */
const PROSE_KEYS = new Set(['description', 'name']);
/** Except the `name` of an image map: an STO step's scan target (`image: {type: docker_v2, name: ...}`). */
const isProse = (key: string, path: string) => PROSE_KEYS.has(key) && !(key === 'name' && /(?:^|\/)image\/name$/.test(path));

export interface Leftover {
  /** The scalar that holds the text. */
  view: View;
  /** Its key; for an item of a list (a matrix axis, a plugin setting's list), the list's key. */
  key: string;
  /** Offsets of the reference in the file's text. */
  start: number;
  end: number;
  match: string;
}

/**
 * References to the retired registry inside strings that are not image or connector URL fields:
 * `docker pull app.harness.io/registry/...` in a command, an environment variable, a plugin
 * setting, `delegateDockerImage` in delegate Helm values. Found in the text of each scalar's own
 * range, so the offsets are exact. A mention counts when it names an image path, is the whole
 * value, or follows a container tool on its line: prose that merely names the host is left alone.
 */
export function registryLeftovers(file: SourceFile, handled: (view: View) => boolean): Leftover[] {
  if (!/harness\.io(?::443)?\/+registry/i.test(file.text)) return [];
  const out: Leftover[] = [];
  for (const doc of file.docs) {
    const root = View.root(file, doc);
    if (!root) continue;
    walk(root, (visit) => {
      const { view } = visit;
      if (!view.isScalar || typeof view.value !== 'string') return;
      const key = visit.key ?? listKey(visit.path);
      if (key === undefined || isProse(key, visit.path) || handled(view)) return;
      const [start, end] = view.range;
      const text = file.text.slice(start, end);
      // Worked out once per scalar, not per mention: a script can name the registry thousands of times.
      const bare = withoutSlashes(view.value.trim().replace(/^[a-z]+:\/\//i, ''));
      for (const m of text.matchAll(LEFTOVER)) {
        const whole = bare === withoutSlashes(m[0]);
        if (!m[1] && !whole && !TOOL_BEFORE.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index))) continue;
        out.push({ view, key, start: start + m.index, end: start + m.index + m[0].length, match: m[0] });
      }
    });
  }
  return out;
}
