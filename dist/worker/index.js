import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6214:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
// https://mathiasbynens.be/notes/javascript-encoding
// https://github.com/bestiejs/punycode.js - punycode.ucs2.decode
function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
}
exports.A = ucs2length;
ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
//# sourceMappingURL=ucs2length.js.map

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



exports.Dk = composer.Composer;
exports.yo = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
exports.x1 = Alias.Alias;
exports.Vj = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
exports.tO = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
exports.JG = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
exports.iX = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
exports.YR = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_namespaceObject);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/engine/errors.ts
/** Bad command-line or configuration input: exit code 2, with a message that says what to change. */
class errors_UsageError extends Error {
}
/** A mistake on the command line: exit 2, with a second line that says where to read more (by default the command's `--help`). */
class ArgError extends errors_UsageError {
    hint;
    constructor(message, hint) {
        super(message);
        this.hint = hint;
        this.name = 'ArgError';
    }
}

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
var external_node_v8_default = /*#__PURE__*/__nccwpck_require__.n(external_node_v8_namespaceObject);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
;// CONCATENATED MODULE: ./src/engine/heap.ts


/**
 * V8 settings for a scan, which allocates a tree per file that dies at once and facts that live
 * on. Set from the first file scanned; V8 reads these flags as it goes, and they apply to every
 * thread of the process.
 *
 * - Pretenuring off. V8 may decide, from how many objects survived the first collections, to
 *   allocate the parser's objects in the old generation straight away. On the 10,000-pipeline repo
 *   it did so in about one run in three (it depends on timing), and those runs peaked at 310–420 MB
 *   instead of 205 MB: trees that die at once filled the old generation until a full collection.
 * - Once the heap holds over 100 MB, or a file of 1 MB or more is read (its tree takes about 12
 *   times that), the old generation may grow by half over what the last full collection kept.
 *   V8's own factor goes up to 4 for a heap that grows as fast as a scan's facts: on the
 *   100,000-pipeline repo the main thread ran no full collection between 136 MB and 340 MB of heap
 *   (300 MB of it facts). With this and `collectAfterScan`, that repo peaked at 550–566 MB instead
 *   of 620–629 (20% and 35% measured alike); each collection pauses 10–30 ms, the marking runs
 *   concurrently. Below 100 MB (the 10,000-pipeline repo peaks near 70) V8's factor costs no memory
 *   that counts, and the extra collections cost 4% of the time with a worker beside. A 50 MB file
 *   alone peaked at 564–648 MB without the second trigger (as V8 happened to collect), 570–581 MB
 *   with it.
 * - The young generation capped at 32 MB. Node 24's V8 lets it grow to 64 MB per semi-space on a
 *   64-bit machine (Node 22's stops at 16 MB); the facts that live on make it grow to its maximum
 *   and stay there: about 110 MB more peak RSS on the same repo, for no speed (measured).
 * - No scavenges run as tasks between messages. The main thread turns to its workers' messages
 *   every few files, and V8 ran a young collection there whenever the young generation was 80%
 *   full: on the 10,000-pipeline repo 73 of them instead of 63, each as costly.
 */
const YOUNG_CAP_BYTES = 32 * 2 ** 20;
const SLOW_GROWTH_ABOVE_BYTES = 100 * 2 ** 20;
/** How often (in calls: files scanned) the heap's size is looked at. */
const LOOK_EVERY = 32;
let capped = false;
let slowed = false;
let calls = 0;
/** Call once per file read, before it is parsed, with its size in bytes. */
function tuneHeapForScan(bytes) {
    if (calls === 0)
        external_node_v8_default().setFlagsFromString('--no-allocation-site-pretenuring --no-minor-gc-task');
    if (!slowed && bytes >= BIG_FILE_BYTES)
        slowHeapGrowth();
    if ((capped && slowed) || calls++ % LOOK_EVERY !== 0)
        return;
    if (!slowed && external_node_v8_default().getHeapStatistics().used_heap_size > SLOW_GROWTH_ABOVE_BYTES)
        slowHeapGrowth();
    if (capped)
        return;
    const space = external_node_v8_default().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!space || space.space_size < YOUNG_CAP_BYTES)
        return;
    external_node_v8_default().setFlagsFromString('--semi-space-growth-factor=1');
    capped = true;
}
/**
 * Call before starting a scan worker. V8 makes a worker's heap with the flags of that moment, and
 * the cap above is a flag of the whole process: once the main thread has set it, a worker's young
 * generation never grew past the 4 MB it started with, and the worker ran 142 young collections
 * on the 10,000-pipeline repo where it now runs 69 (160 ms against 90). It starts at 8 MB instead.
 */
function heap_sizeWorkerHeap() {
    v8.setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
}
const WORKER_SEMI_SPACE_MB = 8;
/**
 * Call before starting scan workers, with the number of files and of threads that scan them (the
 * workers and the main thread). V8's top compiler, TurboFan, is turned off for the rest of the run
 * when each thread gets fewer than 10,000 files. Each thread's isolate compiles the same hot code
 * again, on background threads that a parallel scan leaves no idle core for, and a short scan does
 * not earn those compiles back. Measured on 2 cores, paired, with TurboFan off against on:
 * - 11,000 files (the 10,000-pipeline repo): 0.92× the time;
 * - 33,000 files: even;
 * - 110,000 files: 1.14× the time.
 * In one thread the compiles run on the idle core, and TurboFan stays on (off: 1.08× the time).
 *
 * Young collections run on the thread that needs them alone, without V8's helper tasks, for the
 * same reason: with every core scanning, the helpers only wait for a core. On the 10,000-pipeline
 * repo the background threads' CPU time fell from 0.45–0.52 s to 0.29–0.35 s, and `check` took
 * 0.993× the time (16 pairs, 0.96–1.02).
 */
function heap_tuneForParallelScan(files, threads) {
    if (turbofanOffFor(files, threads))
        v8.setFlagsFromString('--no-turbofan');
    if (threads > 1)
        v8.setFlagsFromString('--no-parallel-scavenge');
}
const turbofanOffFor = (files, threads) => threads > 1 && files < TURBOFAN_MIN_FILES_PER_THREAD * threads;
const TURBOFAN_MIN_FILES_PER_THREAD = 10_000;
/** A file at least this large makes a large tree (see `tuneHeapForScan`). */
const BIG_FILE_BYTES = 2 ** 20;
/** Slows the old generation's growth for the rest of the run. */
function slowHeapGrowth() {
    external_node_v8_default().setFlagsFromString('--heap-growing-percent=50');
    slowed = true;
}
/** Below this much heap in use, a collection between phases is not worth its pause. */
const COLLECT_ABOVE_BYTES = (/* unused pure expression or super */ null && (128 * 2 ** 20));
/**
 * A full collection once the scan's facts are built: what the scan and the build left behind is
 * freed before the cross-file rules and the output allocate, so they reuse that space instead of
 * growing the heap past the scan's peak (on the 100,000-pipeline repo, 20–30 MB less peak RSS).
 */
function collectAfterScan(above = COLLECT_ABOVE_BYTES) {
    if (process.memoryUsage().heapUsed < above)
        return;
    // The flag stays on: contexts made after this (none in a run) would also get a global `gc`.
    v8.setFlagsFromString('--expose-gc');
    vm.runInNewContext('gc')();
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/parse/tree.ts
/**
 * The parsed form of a YAML document that the model reads: plain JS values (what `yaml`'s
 * `toJS()` gives, so JSON Schema validation reads them directly) plus, per file, a flat table of
 * node positions. Maps and sequences carry the index of their record in that table under a
 * symbol, which JSON, `Object.keys` and Ajv do not see.
 *
 * Record layout (4 ints): start offset, end offset (trailing whitespace trimmed), info, owner.
 * A container's header record is followed by one record per item (sequences) or two per entry,
 * key then value (maps). A value record of a nested container is unused: the container's own
 * header holds its range. `owner` is the header of the container the node sits in (-1 at the
 * root), so a node's ancestors can be found without keeping them in views.
 */
const ADDR = Symbol('hrg.addr');
/**
 * Maps built from the `yaml` fallback keep their entries here, in document order, because a JS
 * object cannot hold what YAML allows (keys that collide once stringified, integer-like keys,
 * keys without a string form). `slot` is the entry's index among the map's records.
 */
const ENTRIES = Symbol('hrg.entries');
const RECORD = 4;
/** Scalar styles, as `yaml` names them; containers and redirects use the other codes. */
const Info = {
    Plain: 0,
    QuoteSingle: 1,
    QuoteDouble: 2,
    BlockLiteral: 3,
    BlockFolded: 4,
    Map: 5,
    Seq: 6,
    /** A value slot whose value is a container: the container's header is the record to read. */
    Nested: 7,
    /** Bit set on a record whose node sits inside a flow collection (`{...}` / `[...]`). */
    InFlow: 16,
    /** Bit set on a container written in flow style. */
    Flow: 32,
    /** Bit set on an anchored node that an alias also refers to: it is used in more than one place. */
    Aliased: 64,
};
/** Mask of the kind/style bits of `info`. */
const KIND_MASK = 15;
const STYLE_NAMES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];
/**
 * The keys the fast parser lists the maps of as it meets them (`TreeDoc.keyed`): `image` and
 * `harnessImageConnectorRef`, which the model looks for in every file. Finding them meant two more
 * walks over every node of each tree: without them `check` on the 10,000-pipeline repo took 0.98×
 * the time in one thread, 0.99× with a worker.
 */
const INDEXED_KEYS = new Set(['image', 'harnessImageConnectorRef']);
/** Growable record table, filled by a parser and frozen into an Int32Array. */
class RecordTable {
    data;
    length = 0;
    constructor(capacity = 1024) {
        this.data = new Int32Array(Math.max(RECORD * 16, capacity * RECORD));
    }
    /** Appends a record and returns its index. */
    push(start, end, info, owner = -1) {
        if (this.length * RECORD + RECORD > this.data.length) {
            const next = new Int32Array(this.data.length * 2);
            next.set(this.data);
            this.data = next;
        }
        const i = this.length * RECORD;
        this.data[i] = start;
        this.data[i + 1] = end;
        this.data[i + 2] = info;
        this.data[i + 3] = owner;
        return this.length++;
    }
    /** Sets a record's position and info, keeping its owner. */
    set(index, start, end, info) {
        const i = index * RECORD;
        this.data[i] = start;
        this.data[i + 1] = end;
        this.data[i + 2] = info;
    }
    /** Sets `bit` in a record's info. */
    mark(index, bit) {
        this.data[index * RECORD + 2] |= bit;
    }
    setOwner(index, owner) {
        this.data[index * RECORD + 3] = owner;
    }
    /** The records: the table itself when it is mostly used (no copy), else a copy that leaves the unused room behind. */
    freeze() {
        const used = this.length * RECORD;
        return used * 2 >= this.data.length ? this.data.subarray(0, used) : this.data.slice(0, used);
    }
}
/**
 * A string of one's own: V8 slices substrings of 13 or more characters, and a slice (or a string
 * joined from one) keeps the whole text it was cut from alive.
 */
const ownCopy = (s) => (s.length < 13 ? s : JSON.parse(JSON.stringify(s)));
/** A map or sequence of the tree: scalars in it are primitives (see yaml-tree.ts), so any object is one. */
function isContainer(v) {
    return typeof v === 'object' && v !== null;
}
const mapIndexes = new WeakMap();
/** Maps with more keys than this are indexed; smaller ones (nearly all) are searched. */
const INDEX_OVER = 32;
function indexOf(map) {
    let index = mapIndexes.get(map);
    if (!index) {
        index = { position: new Map(), byHeader: new Map() };
        let i = 0;
        for (const key in map) {
            index.position.set(key, i++);
            const v = map[key];
            if (isContainer(v))
                index.byHeader.set(v[ADDR], key);
        }
        mapIndexes.set(map, index);
    }
    return index;
}
/** Position of `key` among a fast-parsed map's keys (document order), or -1. No key list is made: this runs for every scalar placed. */
function keyPosition(map, key) {
    // Checked first: `for...in` lists every key of a big map before it yields one.
    const index = mapIndexes.get(map);
    if (index)
        return index.position.get(key) ?? -1;
    let i = 0;
    for (const k in map) {
        if (k === key)
            return i;
        if (++i > INDEX_OVER)
            return indexOf(map).position.get(key) ?? -1;
    }
    return -1;
}
/** The key of a fast-parsed map whose value is the container with header `header`. */
function keyOfContainer(map, header) {
    const index = mapIndexes.get(map);
    if (index)
        return index.byHeader.get(header);
    let i = 0;
    for (const k in map) {
        const v = map[k];
        if (isContainer(v) && v[ADDR] === header)
            return k;
        if (++i > INDEX_OVER)
            return indexOf(map).byHeader.get(header);
    }
    return undefined;
}
/** A fast-parsed map's key when it has exactly one. */
function onlyKeyOf(map) {
    if (mapIndexes.has(map))
        return undefined;
    let only;
    let i = 0;
    for (const k in map) {
        // Counted on past the second key so that a big map is indexed, and costs nothing next time.
        if (++i > INDEX_OVER) {
            indexOf(map);
            return undefined;
        }
        only = k;
    }
    return i === 1 ? only : undefined;
}
/** The entry of a fallback map at record slot `slot`: entries are in slot order, so it is found by halves. */
function entryAtSlot(entries, slot) {
    let lo = 0;
    let hi = Math.min(entries.length, slot + 1);
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (entries[mid].slot < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return entries[lo]?.slot === slot ? entries[lo] : undefined;
}
const headerIndexes = new WeakMap();
/** The header of the container an entry holds, or -1. */
const headerOf = (e) => (!e.absent && isContainer(e.value) ? e.value[ADDR] : -1);
/**
 * The entry of a fallback map whose value is the container with header `header` (the first, as a
 * search finds it); a big map is indexed once.
 */
function entryWithHeader(entries, header) {
    if (entries.length <= INDEX_OVER)
        return entries.find((e) => headerOf(e) === header);
    let index = headerIndexes.get(entries);
    if (!index) {
        index = new Map();
        for (const e of entries)
            if (!index.has(headerOf(e)))
                index.set(headerOf(e), e);
        headerIndexes.set(entries, index);
    }
    return index.get(header);
}
/** The end of `[start, end)` with trailing whitespace removed (as positions are reported). */
function trimEnd(text, start, end) {
    while (end > start) {
        const c = text.charCodeAt(end - 1);
        if (c === 32 || c === 10 || c === 13 || c === 9)
            end--;
        else if ((c < 32 || c > 127) && /\s/.test(text[end - 1]))
            end--;
        else
            break;
    }
    return end;
}

;// CONCATENATED MODULE: ./src/parse/fast-yaml.ts


/**
 * A parser for the plain block YAML that nearly every Harness file is written in: block maps and
 * sequences, one-line plain and quoted scalars, literal block scalars, `{}` and `[]`, comments,
 * LF or CRLF. It gives the same values and node ranges as `yaml` would (the tests compare them on
 * the corpus, the synthetic repo and fuzzed input), about ten times faster and without building
 * a CST. Anything else (anchors, tags, flow content, multi-line plain or quoted scalars, folded
 * scalars, several documents, tabs, odd keys) makes it give up, and the caller parses the file
 * with `yaml` instead. Giving up is always safe; guessing is not.
 */
function fastParse(text) {
    if (UNSUPPORTED.test(text) || !crlfOnly(text))
        return undefined;
    try {
        return new FastParser(text).parse();
    }
    catch (e) {
        if (e === GIVE_UP)
            return undefined;
        throw e;
    }
}
/** Characters whose handling in `yaml` we do not reproduce: tabs, control characters, odd line breaks, BOM. */
const UNSUPPORTED = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\u2028\u2029\ufeff]/;
const GIVE_UP = Symbol('give up');
const MAX_DEPTH = 100;
/** `yaml` rejects implicit keys longer than 1024 characters. */
const MAX_KEY = 1000;
/** Keys seen lately, by a hash of their length and end characters (see `FastParser.key`). */
const KEY_CACHE_MASK = 1023;
const keyCache = new Array(KEY_CACHE_MASK + 1).fill(undefined);
function crlfOnly(text) {
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1))
        if (text.charCodeAt(i + 1) !== 10)
            return false;
    return true;
}
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const SINGLE_QUOTE = 39;
const DASH = 45;
const COLON = 58;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const PIPE = 124;
const CLOSE_CURLY = 125;
/** The core-schema tags that can turn a plain scalar into something other than a string, in `yaml`'s order. */
const resolvers = new dist/* Document */.yo().schema.tags.flatMap((t) => t.default && t.test && 'resolve' in t
    ? [{ test: t.test, resolve: t.resolve }]
    : []);
/** First characters with which a plain scalar may be a null, boolean or number. */
const MAYBE_TYPED = new Set('~nNtTfF0123456789+-.'.split('').map((c) => c.charCodeAt(0)));
const NUMERIC_START = new Set('0123456789+-.'.split('').map((c) => c.charCodeAt(0)));
/** The null and boolean spellings of the core schema, resolved by its tags. */
const WORDS = new Map(['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((w) => [w, resolveByTags(w)]));
/** Characters a plain scalar or key may not start with (`-` is handled on its own). */
const INDICATORS = new Set('?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));
/** What a plain scalar means, resolved by `yaml`'s own core-schema tags. */
function resolvePlain(s) {
    const c = s.charCodeAt(0);
    if (!MAYBE_TYPED.has(c))
        return s;
    // Words starting like null or a boolean (`name`, `type`, `false`): only those words are not strings.
    if (!NUMERIC_START.has(c))
        return WORDS.has(s) ? WORDS.get(s) : s;
    return resolveByTags(s);
}
function resolveByTags(s) {
    for (const tag of resolvers)
        if (tag.test.test(s)) {
            const r = tag.resolve(s, () => undefined, { intAsBigInt: false });
            return (0,dist/* isScalar */.jn)(r) ? r.value : r;
        }
    return s;
}
class FastParser {
    text;
    len;
    table;
    /** Entry records of the containers being parsed, innermost last; flushed when a container ends. */
    scratch = [];
    /** Where the used part of `scratch` ends (the array is reused, not shrunk: shrinking it is slow). */
    top = 0;
    /** The next line to look at. */
    pos = 0;
    /** Comment lines since the last content line, as [indent, end] pairs; or what a nested container passed up. */
    comments = [];
    /** The current content line, once peeked. */
    lineStart = -1;
    indent = 0;
    content = 0;
    /** End of the peeked line, before its line break. */
    lineEnd = 0;
    /** See `TreeDoc.keyed`. */
    keyed = [];
    constructor(text) {
        this.text = text;
        this.len = text.length;
        this.table = new RecordTable(Math.ceil(text.length / 12));
    }
    parse() {
        if (!this.peek() || this.indent !== 0)
            throw GIVE_UP;
        const root = { end: 0, kind: 'container' };
        const value = this.blockNode(0, root, 0);
        if (this.peek())
            throw GIVE_UP;
        return { docs: [{ value, addr: value[ADDR], range: [0, this.len], json: value, keyed: this.keyed }], records: this.table.freeze() };
    }
    /** Adds an entry record to `scratch`: start, end, info, and the header of a nested container (else -1). */
    put(start, end, info, nested) {
        const scratch = this.scratch;
        let top = this.top;
        scratch[top++] = start;
        scratch[top++] = end;
        scratch[top++] = info;
        scratch[top++] = nested;
        this.top = top;
    }
    // ---- lines
    /** End of the line holding `i`, before its line break. */
    eol(i) {
        let n = this.text.indexOf('\n', i);
        if (n < 0)
            n = this.len;
        if (n > i && this.text.charCodeAt(n - 1) === CR)
            n--;
        return n;
    }
    /** Start of the next line, given where a line ends (`eol`): past its CRLF or LF, without searching again. */
    after(lineEnd) {
        return lineEnd >= this.len ? this.len : lineEnd + (this.text.charCodeAt(lineEnd) === CR ? 2 : 1);
    }
    /** Moves to the next content line, collecting the comment lines on the way; false at the end. */
    peek() {
        if (this.lineStart === this.pos)
            return true;
        const text = this.text;
        while (this.pos < this.len) {
            let i = this.pos;
            while (text.charCodeAt(i) === SPACE)
                i++;
            const end = this.eol(this.pos);
            if (i >= end) {
                this.pos = this.after(end);
                continue;
            }
            if (text.charCodeAt(i) === HASH) {
                this.comments.push(i - this.pos, trimEnd(text, i, end));
                this.pos = this.after(end);
                continue;
            }
            if (i === this.pos && (text.startsWith('---', i) || text.startsWith('...', i) || text.charCodeAt(i) === PERCENT)) {
                const after = text.charCodeAt(i + 3);
                if (text.charCodeAt(i) === PERCENT || i + 3 >= this.len || after === SPACE || after === LF || after === CR)
                    throw GIVE_UP;
            }
            this.lineStart = this.pos;
            this.indent = i - this.pos;
            this.content = i;
            this.lineEnd = end;
            return true;
        }
        return false;
    }
    /** Marks the peeked line as read: the next `peek` starts after it. */
    consume() {
        this.pos = this.after(this.lineEnd);
        this.lineStart = -1;
        if (this.comments.length)
            this.comments.length = 0;
    }
    // ---- nodes
    /** A block map or sequence whose first line is the peeked line, at its indentation. */
    blockNode(indent, out, depth) {
        if (depth > MAX_DEPTH)
            throw GIVE_UP;
        if (this.isSeqItem(this.content))
            return this.seq(indent, out, depth);
        if (this.keyEnd(this.content) >= 0)
            return this.map(indent, this.content, out, depth);
        throw GIVE_UP;
    }
    isSeqItem(i) {
        if (this.text.charCodeAt(i) !== DASH)
            return false;
        const c = this.text.charCodeAt(i + 1);
        return i + 1 >= this.len || c === SPACE || c === LF || c === CR;
    }
    /** Offset of the `:` ending a plain implicit key that starts at `i` on the peeked line, or -1. */
    keyEnd(i) {
        const text = this.text;
        const first = text.charCodeAt(i);
        if (INDICATORS.has(first) || first === DASH)
            return -1;
        const end = this.lineEnd;
        for (let j = i; j < end; j++) {
            const c = text.charCodeAt(j);
            if (c === COLON) {
                const n = text.charCodeAt(j + 1);
                if (j + 1 >= end || n === SPACE)
                    return j;
            }
            else if (c === HASH && text.charCodeAt(j - 1) === SPACE)
                return -1;
        }
        return -1;
    }
    seq(indent, out, depth) {
        const seq = [];
        const base = this.top;
        const start = this.content;
        const last = { end: 0, kind: 'empty' };
        while (this.peek() && this.indent === indent && this.isSeqItem(this.content)) {
            const dash = this.content;
            let p = dash + 1;
            while (this.text.charCodeAt(p) === SPACE)
                p++;
            const end = this.lineEnd;
            if (p >= end) {
                this.consume();
                seq.push(this.blockValue(p, indent, false, last, depth));
            }
            else if (this.isSeqItem(p) || this.text.charCodeAt(p) === HASH) {
                throw GIVE_UP;
            }
            else if (this.keyEnd(p) >= 0) {
                const map = this.map(p - this.lineStart, p, last, depth + 1);
                this.put(p, last.end, Info.Nested, map[ADDR]);
                seq.push(map);
            }
            else {
                seq.push(this.inline(p, end, last, indent));
                if (last.kind === 'inline')
                    this.consume();
            }
        }
        if (this.peek() && this.indent > indent)
            throw GIVE_UP;
        return this.flush(seq, Info.Seq, start, base, indent, last, out);
    }
    map(indent, first, out, depth) {
        const map = {};
        const base = this.top;
        const last = { end: 0, kind: 'empty' };
        let keyStart = first;
        for (;;) {
            const colon = this.keyEnd(keyStart);
            if (colon < 0 || colon - keyStart > MAX_KEY)
                throw GIVE_UP;
            const key = this.key(keyStart, colon);
            // A key given twice (`yaml` keeps the last, with an error). Most keys are new: one property
            // read tells, and only a name every object inherits (`toString`) needs the own-key test.
            if (map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key))
                throw GIVE_UP;
            if (INDEXED_KEYS.has(key))
                this.keyed.push({ map, key });
            this.put(keyStart, colon, Info.Plain, -1);
            let p = colon + 1;
            while (this.text.charCodeAt(p) === SPACE)
                p++;
            const end = this.lineEnd;
            if (p >= end || this.text.charCodeAt(p) === HASH) {
                const trailingComment = p < end;
                this.consume();
                map[key] = this.blockValue(p, indent, true, last, depth, trailingComment);
            }
            else {
                map[key] = this.inline(p, end, last, indent);
                if (last.kind === 'inline')
                    this.consume();
            }
            if (!this.peek() || this.indent < indent)
                break;
            if (this.indent > indent)
                throw GIVE_UP;
            keyStart = this.content;
        }
        return this.flush(map, Info.Map, first, base, indent, last, out);
    }
    /**
     * The plain key between `start` and `colon`. Keys recur (`identifier`, `spec`, `stage`, ...): a
     * key seen before is matched in place against the text and its string reused, so the common
     * case makes no slice and resolves nothing.
     */
    key(start, colon) {
        const slot = ((colon - start) * 31 + this.text.charCodeAt(start) * 7 + this.text.charCodeAt(colon - 1)) & KEY_CACHE_MASK;
        const known = keyCache[slot];
        if (known !== undefined && known.length === colon - start && this.text.startsWith(known, start))
            return known;
        const keyText = this.text.slice(start, colon);
        if (endsInWhitespace(keyText) || keyText === '__proto__' || keyText === '<<')
            throw GIVE_UP;
        const key = resolvePlain(keyText);
        if (typeof key !== 'string')
            throw GIVE_UP;
        // Kept for later files: a copy, not a slice that would keep this file's text alive.
        return (keyCache[slot] = ownCopy(key));
    }
    /**
     * The value of a key or `-` with nothing after it on its line: a block node on the next lines,
     * an indentless sequence (for keys), or an empty (null) scalar at `at`.
     */
    blockValue(at, indent, forKey, last, depth, trailingComment = false) {
        const nested = this.peek() && (this.indent > indent || (forKey && this.indent === indent && this.isSeqItem(this.content)));
        if (nested) {
            const value = this.blockNode(this.indent, last, depth + 1);
            this.put(at, last.end, Info.Nested, value[ADDR]);
            return value;
        }
        // An empty value with comments after it: `yaml` stretches the empty node over them. Rare; not reproduced.
        if (trailingComment || this.comments.length)
            throw GIVE_UP;
        this.put(at, at, Info.Plain, -1);
        last.end = at;
        last.kind = 'empty';
        return null;
    }
    /** A value that starts on its key's or dash's line at `p` (before `end`, the line's end). */
    inline(p, end, last, indent) {
        const text = this.text;
        const c = text.charCodeAt(p);
        let value;
        let valueEnd;
        let info = Info.Plain;
        if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
            const double = c === DOUBLE_QUOTE;
            const close = double ? text.indexOf('"', p + 1) : closingSingleQuote(text, p + 1, end);
            if (close < 0 || close >= end)
                throw GIVE_UP;
            const raw = text.slice(p + 1, close);
            if (double && raw.includes('\\'))
                throw GIVE_UP;
            value = double ? raw : raw.replace(/''/g, "'");
            valueEnd = close + 1;
            info = double ? Info.QuoteDouble : Info.QuoteSingle;
        }
        else if (c === OPEN_CURLY || c === OPEN_SQUARE) {
            const isMap = c === OPEN_CURLY;
            if (text.charCodeAt(p + 1) !== (isMap ? CLOSE_CURLY : CLOSE_SQUARE))
                throw GIVE_UP;
            valueEnd = p + 2;
            const empty = (isMap ? {} : []);
            empty[ADDR] = this.table.push(p, valueEnd, (isMap ? Info.Map : Info.Seq) | Info.Flow);
            this.put(p, valueEnd, Info.Nested, empty[ADDR]);
            this.restOfLine(valueEnd, end);
            last.end = trimEnd(text, p, end);
            last.kind = 'inline';
            return empty;
        }
        else if (c === PIPE) {
            return this.literal(p, end, last, indent);
        }
        else {
            if (INDICATORS.has(c) || (c === DASH && (p + 1 >= end || text.charCodeAt(p + 1) === SPACE)))
                throw GIVE_UP;
            let stop = end;
            for (let j = p + 1; j < end; j++)
                if (text.charCodeAt(j) === HASH && text.charCodeAt(j - 1) === SPACE) {
                    stop = j;
                    break;
                }
            valueEnd = stop;
            while (valueEnd > p && text.charCodeAt(valueEnd - 1) === SPACE)
                valueEnd--;
            const raw = text.slice(p, valueEnd);
            // `yaml` trims only spaces: a value ending in another blank (U+00A0) keeps it, while positions
            // drop it. Rare; not reproduced.
            if (endsInWhitespace(raw))
                throw GIVE_UP;
            // `a: b: c` is an error in `yaml`; `b:` at the end is a nested key.
            if (raw.includes(': ') || raw.charCodeAt(raw.length - 1) === COLON)
                throw GIVE_UP;
            value = resolvePlain(raw);
            this.put(p, valueEnd, info, -1);
            last.end = trimEnd(text, p, end);
            last.kind = 'inline';
            return value;
        }
        this.restOfLine(valueEnd, end);
        this.put(p, valueEnd, info, -1);
        last.end = trimEnd(text, p, end);
        last.kind = 'inline';
        return value;
    }
    /** After a quoted scalar or `{}`: only spaces and a comment may follow on the line. */
    restOfLine(i, end) {
        const text = this.text;
        let j = i;
        while (j < end && text.charCodeAt(j) === SPACE)
            j++;
        if (j < end && !(text.charCodeAt(j) === HASH && j > i))
            throw GIVE_UP;
    }
    /** A literal block scalar (`|` or `|-`) whose header is at `p`, in a container at `indent`; consumes its lines. */
    literal(p, end, last, indent) {
        const text = this.text;
        let q = p + 1;
        const strip = text.charCodeAt(q) === DASH;
        if (strip)
            q++;
        this.restOfLine(q, end);
        this.consume();
        // Content lines: the first non-blank one sets the indentation.
        const lines = [];
        let contentIndent = -1;
        let lastContentEnd = -1;
        let leadingBlank = 0;
        let i = this.pos;
        while (i < this.len) {
            let s = i;
            while (text.charCodeAt(s) === SPACE)
                s++;
            const lineEnd = this.eol(i);
            const spaces = s - i;
            if (s >= lineEnd) {
                // A blank line with more spaces than the content's indentation holds text (or is an error).
                if (contentIndent >= 0 && spaces > contentIndent)
                    throw GIVE_UP;
                if (contentIndent < 0)
                    leadingBlank = Math.max(leadingBlank, spaces);
                lines.push('');
                i = this.after(lineEnd);
                continue;
            }
            if (contentIndent < 0) {
                if (spaces <= indent || leadingBlank > spaces)
                    throw GIVE_UP;
                contentIndent = spaces;
            }
            if (spaces < contentIndent)
                break;
            lines.push(text.slice(i + contentIndent, lineEnd));
            lastContentEnd = lineEnd;
            i = this.after(lineEnd);
        }
        if (lastContentEnd < 0)
            throw GIVE_UP;
        while (lines[lines.length - 1] === '')
            lines.pop();
        this.pos = this.after(lastContentEnd);
        this.lineStart = -1;
        if (this.comments.length)
            this.comments.length = 0;
        const valueEnd = trimEnd(text, p, lastContentEnd);
        this.put(p, valueEnd, Info.BlockLiteral, -1);
        last.end = valueEnd;
        last.kind = 'block';
        return lines.join('\n') + (strip ? '' : '\n');
    }
    /**
     * Ends a container: writes its header and entry records, and settles the comment lines after
     * its last item the way `yaml` does. Comments indented deeper than the container right after
     * an inline scalar belong to that scalar; the rest stay with the container if it is indented
     * and one of them is at least as deep as it, else they pass to the parent.
     */
    flush(node, kind, start, base, indent, last, out) {
        const comments = this.comments;
        let end = last.end;
        let i = 0;
        if (last.kind === 'inline')
            for (; i < comments.length && comments[i] > indent; i += 2)
                end = comments[i + 1];
        else if (last.kind !== 'container' && comments.length && comments[0] > indent)
            throw GIVE_UP;
        let outer = end;
        let stays = false;
        if (indent > 0)
            for (let j = i; j < comments.length; j += 2)
                if (comments[j] >= indent)
                    stays = true;
        if (stays) {
            outer = comments[comments.length - 1];
            comments.length = 0;
        }
        else if (i)
            comments.splice(0, i);
        const header = this.table.push(start, trimEnd(this.text, start, end), kind);
        node[ADDR] = header;
        const scratch = this.scratch;
        // Scratch entries: start, end, info, and the header of a nested container (else -1).
        for (let j = base; j < this.top; j += 4) {
            this.table.push(scratch[j], scratch[j + 1], scratch[j + 2], header);
            if (scratch[j + 3] >= 0)
                this.table.setOwner(scratch[j + 3], header);
        }
        this.top = base;
        out.end = outer;
        out.kind = 'container';
        return node;
    }
}
/** Ends in a space or in any other character `/\s/` matches (where `yaml` and our positions differ). */
function endsInWhitespace(s) {
    const c = s.charCodeAt(s.length - 1);
    return c === SPACE || ((c < 33 || c > 127) && /\s$/.test(s));
}
function closingSingleQuote(text, from, end) {
    for (let i = from; i < end; i++)
        if (text.charCodeAt(i) === SINGLE_QUOTE) {
            if (text.charCodeAt(i + 1) === SINGLE_QUOTE)
                i++;
            else
                return i;
        }
    return -1;
}

;// CONCATENATED MODULE: ./src/parse/yaml-tree.ts


/**
 * Converts documents parsed by `yaml` (the fallback for what the fast parser does not take) into
 * the tree the model reads. Aliases become shared values: an aliased map is the same object, an
 * aliased scalar's record points at the anchored one, so a node reached twice is the same node.
 * Maps keep their entries as the model sees them: keys that are scalars with a value, as strings.
 */
class YamlTreeBuilder {
    text;
    table = new RecordTable();
    containers = new Map();
    scalars = new Map();
    /** Some node was reached a second time (through an alias). */
    aliased = false;
    /** The deepest nesting of maps and sequences seen. */
    maxDepth = 0;
    /** Where the first map key that is a map or a sequence is, if any. */
    complexKey;
    constructor(text) {
        this.text = text;
    }
    /** Adds a document that parsed without errors; `json` is its `toJS()` value. */
    add(doc, json) {
        const contents = this.resolve(doc, doc.contents);
        const range = [doc.range[0], doc.range[2]];
        if (!contents)
            return { value: undefined, addr: -1, range, json };
        const slot = this.table.push(0, 0, Info.Nested);
        const value = this.node(doc, contents, slot, false);
        return { value, addr: (0,dist/* isScalar */.jn)(contents) ? slot : value[ADDR], range, json };
    }
    records() {
        return this.table.freeze();
    }
    resolve(doc, node) {
        const n = (0,dist/* isAlias */.Vj)(node) ? this.aliasTargets(doc).get(node) : node;
        return n && typeof n === 'object' && 'range' in n ? n : undefined;
    }
    targets;
    /**
     * Makes `doc.toJS()` linear in the aliases: yaml's `Alias.resolve` scans every anchor and alias
     * before the one it resolves (16,000 aliases took 16–18 s). Each alias is given its list to scan
     * as just the node it refers to (found here in one pass, as yaml would find it) and itself, so
     * yaml's own code still resolves it and counts it against `maxAliasCount`.
     */
    shortenAliases(doc) {
        const resolve = dist/* Alias */.x1.prototype.resolve;
        for (const [alias, target] of this.aliasTargets(doc))
            alias.resolve = function (within, ctx) {
                if (!ctx)
                    return target;
                const cache = ctx.aliasResolveCache;
                ctx.aliasResolveCache = target ? [target, this] : [this];
                try {
                    const found = resolve.call(this, within, ctx);
                    // yaml counts an anchored node's aliases again on every alias while its count is 0 (empty
                    // collections: an alias of one costs the node's size, each time): counted once, as 1, like a scalar's.
                    const data = found && ctx.anchors.get(found);
                    if (data && data.aliasCount === 0)
                        data.aliasCount = 1;
                    return found;
                }
                finally {
                    ctx.aliasResolveCache = cache;
                }
            };
    }
    /**
     * What each alias of `doc` refers to: the last node with its anchor before it, as `Alias.resolve`
     * finds it. Found in one pass: `resolve(doc)` walks the whole document for every alias.
     */
    aliasTargets(doc) {
        if (this.targets?.doc === doc)
            return this.targets.of;
        const of = new Map();
        const last = new Map();
        (0,dist/* visit */.YR)(doc, {
            Node: (_key, node) => {
                if ((0,dist/* isAlias */.Vj)(node))
                    of.set(node, last.get(node.source));
                else if (node.anchor)
                    last.set(node.anchor, node);
            },
        });
        this.targets = { doc, of };
        return of;
    }
    /** Fills record `slot` for `node` (reached directly or through an alias) and returns its value. */
    node(doc, node, slot, inFlow, depth = 0, owner = -1) {
        const flowBit = inFlow ? Info.InFlow : 0;
        if ((0,dist/* isScalar */.jn)(node)) {
            const anchored = this.scalars.get(node);
            const [start, end] = node.range ?? [0, 0];
            if (anchored !== undefined) {
                this.table.set(slot, start, end, -anchored - 1);
                this.table.mark(anchored, Info.Aliased);
                this.aliased = true;
            }
            else {
                this.scalars.set(node, slot);
                const style = Math.max(0, STYLE_NAMES.indexOf((node.type ?? 'PLAIN')));
                this.table.set(slot, start, trimEnd(this.text, start, end), style | flowBit);
            }
            // Scalars stay primitives, so anything that is an object in the tree is a map or a sequence:
            // a tagged scalar that `yaml` makes an object (`!!binary`, `!!timestamp`) is kept as its string
            // (a date in UTC: its value is hashed for baselines, which must not depend on the machine's time zone).
            const v = node.value;
            return v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? String(v) : v;
        }
        const seen = this.containers.get(node);
        if (seen) {
            this.table.mark(seen[ADDR], Info.Aliased);
            this.aliased = true;
            return seen;
        }
        const [start, end] = node.range ?? [0, 0];
        this.table.set(slot, start, end, Info.Nested);
        if (depth > this.maxDepth)
            this.maxDepth = depth;
        const flow = !!node.flow;
        const childFlow = inFlow || flow;
        if ((0,dist/* isSeq */.oP)(node)) {
            const seq = [];
            this.containers.set(node, seq);
            const items = node.items.map((item) => this.resolve(doc, item)).filter((n) => !!n);
            const header = this.reserve(seq, start, end, Info.Seq | (flow ? Info.Flow : 0) | flowBit, items.length, owner);
            items.forEach((item, i) => seq.push(this.node(doc, item, header + 1 + i, childFlow, depth + 1, header)));
            return seq;
        }
        const map = {};
        this.containers.set(node, map);
        const pairs = (0,dist/* isMap */.jh)(node) ? node.items.filter(dist/* isPair */.tO) : [];
        const header = this.reserve(map, start, end, Info.Map | (flow ? Info.Flow : 0) | flowBit, pairs.length * 2, owner);
        const entries = [];
        pairs.forEach((pair, i) => {
            const keySlot = header + 1 + 2 * i;
            const keyNode = this.resolve(doc, pair.key);
            const key = keyNode ? this.node(doc, keyNode, keySlot, childFlow, depth + 1, header) : undefined;
            const valueNode = this.resolve(doc, pair.value);
            const value = valueNode ? this.node(doc, valueNode, keySlot + 1, childFlow, depth + 1, header) : undefined;
            // The object's own properties are what `toJS()` makes (JSON of a map hashes it for baselines):
            // a null key is "", a missing value null, the last of two equal keys wins. defineProperty: a
            // `__proto__` key is data here, not the prototype.
            const jsKey = key === null || key === undefined ? '' : typeof key !== 'object' ? String(key) : undefined;
            if (jsKey !== undefined)
                Object.defineProperty(map, jsKey, { value: valueNode ? value : null, enumerable: true, writable: true, configurable: true });
            // The entries are what the model sees: keys that are scalars with a value, as strings.
            if (keyNode && !(0,dist/* isScalar */.jn)(keyNode) && keyNode.range)
                this.complexKey ??= [keyNode.range[0], keyNode.range[1]];
            if (!keyNode || !(0,dist/* isScalar */.jn)(keyNode) || key === null || key === undefined)
                return;
            entries.push({
                key: String(key),
                value,
                slot: i,
                ...(typeof key === 'string' ? {} : { keyValue: key }),
                ...(valueNode ? {} : { absent: true }),
            });
        });
        map[ENTRIES] = entries;
        return map;
    }
    /** Writes a container's header and reserves its item records right after it. */
    reserve(container, start, end, info, items, owner) {
        const header = this.table.push(start, trimEnd(this.text, start, end), info, owner);
        for (let i = 0; i < items; i++)
            this.table.push(0, 0, Info.Nested, header);
        container[ADDR] = header;
        return header;
    }
}

;// CONCATENATED MODULE: ./src/parse/source.ts



/** Nesting depth (in maps and sequences) up to which a file counts as shallow; the fast parser never goes deeper. */
const SHALLOW = 200;
/** yaml's own cap on alias expansion; a document over it is an alias bomb and is not modelled. */
const MAX_ALIAS_COUNT = 100;
/**
 * Nesting of maps, sequences and flow collections past which a file is not parsed. `yaml` and the
 * walks over its nodes recurse per level, and a stack overflow would depend on the thread's stack
 * and on the JIT: a fixed cap, counted on the parser's stack before any recursion, gives the same
 * verdict everywhere. `yaml` alone takes about 1,200 levels on Node's smallest (main thread) stack;
 * real Harness files nest under 50.
 */
const MAX_NESTING = 200;
const PARSE_OPTIONS = { prettyErrors: false, logLevel: 'error' };
/**
 * Parses a file: with the fast parser when it takes the text, else with `yaml`, whose documents
 * are converted to the same tree. Both give the same values and positions.
 */
function parseSource(path, fileText, embedding) {
    const text = source_loneCrAsLf(fileText);
    const fast = fastParse(text);
    if (fast)
        return {
            path,
            text,
            docs: fast.docs,
            records: fast.records,
            problems: [],
            aliased: false,
            shallow: true,
            ...(embedding ? { embedding } : {}),
        };
    const problems = [];
    const builder = new YamlTreeBuilder(text);
    const docs = [];
    let all = [];
    let tooDeep;
    try {
        const parsed = parseCapped(text);
        all = parsed.docs;
        if (parsed.tooDeep !== undefined)
            tooDeep = { message: `YAML nests more than ${MAX_NESTING} levels deep`, at: parsed.tooDeep };
        // `yaml` turns a stack overflow in its composer into a document error. Not expected under the cap either.
        const overflow = all.flatMap((d) => d.errors).find((e) => /call stack/i.test(e.message));
        if (overflow)
            tooDeep = { message: 'YAML nests too deeply to parse', at: overflow.pos[0] };
    }
    catch (e) {
        // Not expected under the cap; kept so that a stack already deep in the caller is a finding, not a crash.
        if (!(e instanceof RangeError))
            throw e;
        tooDeep = { message: 'YAML nests too deeply to parse', at: 0 };
    }
    if (tooDeep)
        problems.push({ kind: 'too-deep', message: tooDeep.message, start: tooDeep.at, end: tooDeep.at });
    else
        for (const doc of all) {
            for (const e of doc.errors) {
                const [start, end] = (isUnclosedQuote(e) && openingQuote(doc, e.pos[0])) || e.pos;
                problems.push({ kind: 'syntax', message: firstLine(e.message), start, end });
            }
            if (doc.errors.length)
                continue;
            try {
                builder.shortenAliases(doc);
                docs.push(builder.add(doc, doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })));
            }
            catch (e) {
                const [start, end] = contentsRange(doc);
                problems.push({ kind: 'aliases', message: firstLine(e.message), start, end });
            }
        }
    return {
        path,
        text,
        docs,
        records: builder.records(),
        problems,
        aliased: builder.aliased,
        shallow: builder.maxDepth <= SHALLOW,
        ...(builder.complexKey ? { complexKey: builder.complexKey } : {}),
        ...(embedding ? { embedding } : {}),
    };
}
/** A text with each CR that is not followed by LF made LF; the same string when there is none. */
function source_loneCrAsLf(text) {
    let i = text.indexOf('\r');
    while (i >= 0 && text.charCodeAt(i + 1) === 10)
        i = text.indexOf('\r', i + 2);
    return i < 0 ? text : text.replace(/\r(?!\n)/g, '\n');
}
/**
 * `parseAllDocuments`, with the nesting checked as it grows (see `parseNesting`). `yaml` runs an
 * unclosed quote to the end of the file, over `---`, which YAML does not allow in a quoted scalar:
 * the documents after it are parsed again from there (the text before blanked, so offsets hold),
 * so that only the broken document is left out. A few times at most: each parse reads the rest.
 */
function parseCapped(text) {
    const docs = [];
    let from = 0;
    for (let resumed = 0;; resumed++) {
        const part = parseNesting(from ? text.slice(0, from).replace(/[^\n]/g, ' ') + text.slice(from) : text);
        if (part.tooDeep !== undefined)
            return part;
        // A loop, not `push(...)`: spreading 125,000 documents overflows the call stack.
        for (const doc of part.docs)
            docs.push(doc);
        const last = part.docs[part.docs.length - 1];
        const swallowed = last && resumed < MAX_RESUMES ? swallowedMarker(text, last) : undefined;
        if (!swallowed)
            return { docs };
        keepErrorsBefore(last, swallowed.marker, swallowed.error);
        from = swallowed.next;
    }
}
const MAX_RESUMES = 10;
/**
 * The errors of a document whose unclosed quote ran over a document marker, kept out of the
 * documents after it: `yaml` puts those it found at the end of the scalar (a flow collection left
 * without its `]`) at the end of the file, in a document parsed again that may be fine. The quote's
 * own error, reported at the opening quote, says what went wrong there: the others are dropped.
 */
function keepErrorsBefore(doc, marker, quoteError) {
    doc.errors = doc.errors.filter((e) => e === quoteError || e.pos[0] <= marker);
}
/** Parses, fed token by token: stops at the first map, sequence or flow collection deeper than `MAX_NESTING` and gives its offset. */
function parseNesting(text) {
    const parser = new dist/* Parser */.iX();
    let tooDeep;
    function* tokens() {
        for (const lexeme of new dist/* Lexer */.JG().lex(text)) {
            yield* parser.next(lexeme);
            // The stack holds the document, the open collections and at most a scalar or two on top.
            if (parser.stack.length > MAX_NESTING + 1 && (tooDeep = pastCap(parser.stack)) !== undefined)
                return;
        }
        yield* parser.end();
    }
    const docs = [...uniqueKeysComposer().compose(tokens())];
    return tooDeep === undefined ? { docs } : { docs: [], tooDeep };
}
/**
 * A composer that reports a map key equal to an earlier one of its map as `yaml`'s `uniqueKeys`
 * does (same error, place and order), in constant time per key: `yaml` compares each key with
 * every earlier one (minutes for a map of 100,000 keys). Its check, `items.some(pair =>
 * uniqueKeys(pair.key, key))` followed at once by the DUPLICATE_KEY error when true, is given a
 * function that answers true on its first call, whose first argument is the map's first key, and
 * notes whether the key really is a duplicate; the error is dropped when it is not. Keys are equal
 * as `yaml` has it: scalars with the same value (`===`: never NaN, never a `<<` merge key of YAML
 * 1.1, which is a symbol of its own); an alias or a collection equals no other key.
 */
function uniqueKeysComposer() {
    const seen = new WeakMap();
    let duplicate = false;
    const uniqueKeys = (first, key) => {
        let values = seen.get(first);
        if (!values)
            seen.set(first, (values = new Set([comparable(first)])));
        const value = comparable(key);
        duplicate = value !== UNEQUAL && values.has(value);
        values.add(value);
        return true;
    };
    const composer = new dist/* Composer */.Dk({ ...PARSE_OPTIONS, uniqueKeys });
    // `onError` is private in yaml's types; it is read anew for every document it composes.
    const own = composer;
    const report = own.onError;
    own.onError = (source, code, message, warning) => {
        if (code !== 'DUPLICATE_KEY' || duplicate)
            report(source, code, message, warning);
    };
    return composer;
}
/**
 * Where the document marker that a document's unclosed quote runs over is (the line break before
 * it), where the next document starts after it, and the quote's error; undefined if none.
 */
function swallowedMarker(text, doc) {
    const error = doc.errors.find(isUnclosedQuote);
    const quote = error && openingQuote(doc, error.pos[0]);
    if (!error || !quote)
        return undefined;
    const marker = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;
    marker.lastIndex = quote[0];
    const found = marker.exec(text);
    if (!found)
        return undefined;
    // After `...` (document end) the next document starts on the next line; `---` starts one itself.
    const eol = text.indexOf('\n', found.index + 1);
    const next = text.startsWith('---', found.index + 1) ? found.index + 1 : eol < 0 ? text.length : eol + 1;
    return { marker: found.index, next, error };
}
const UNEQUAL = Symbol('unequal');
/** A map key's value as `yaml` compares keys (`===`), or UNEQUAL for a key equal to none (NaN, an alias, a collection). */
const comparable = (node) => ((0,dist/* isScalar */.jn)(node) && !Number.isNaN(node.value) ? node.value : UNEQUAL);
function pastCap(stack) {
    let depth = 0;
    for (const token of stack)
        if ((token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') && ++depth > MAX_NESTING)
            return token.offset;
    return undefined;
}
/**
 * Where the quote that a "Missing closing quote" error is about opens: `yaml` reports it where the
 * scalar ends, which is the end of the file (past its last line, after any `---`).
 */
/** `yaml`'s error for a quote never closed (its code, MISSING_CHAR, also marks a comment with no space before it). */
const isUnclosedQuote = (e) => e.code === 'MISSING_CHAR' && e.message.startsWith('Missing closing');
function openingQuote(doc, errorAt) {
    let at;
    (0,dist/* visit */.YR)(doc, {
        Scalar(_, node) {
            if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === errorAt) {
                at = [node.range[0], node.range[0] + 1];
                return dist/* visit */.YR.BREAK;
            }
            return undefined;
        },
    });
    return at;
}
function contentsRange(doc) {
    const contents = doc.contents;
    // A root alias that resolves to nothing: the alias itself, not the top of the file.
    const node = (0,dist/* isAlias */.Vj)(contents) ? (contents.resolve(doc) ?? contents) : contents;
    const range = node && 'range' in node ? node.range : undefined;
    return range ? [range[0], range[1]] : [doc.range[0], doc.range[0]];
}
const firstLine = (s) => s.split('\n')[0].trim();
const lineCounters = new WeakMap();
/** The file's line starts (after LF, CRLF or a lone CR), found when a position is first needed. */
function linesOf(file) {
    let lc = lineCounters.get(file);
    if (!lc) {
        lc = new dist/* LineCounter */.HN();
        lc.addNewLine(0);
        // Texts from `parseSource` have no lone CR left; one built elsewhere (a baseline's) may.
        const text = source_loneCrAsLf(file.text);
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
            lc.addNewLine(i + 1);
        lineCounters.set(file, lc);
    }
    return lc;
}

;// CONCATENATED MODULE: ./src/parse/locate.ts


/**
 * The one place that turns offsets in a parsed file into 1-based line and column
 * (UTF-16 code units, as SARIF expects). Rules never compute positions.
 */
function locate_locateRange(file, start, end) {
    const text = file.text;
    // Nothing is placed after the last line break (a line no editor shows): an error at the end of the file is at the end of its last line.
    start = Math.max(0, Math.min(start, lastLineEnd(text)));
    end = Math.max(start, Math.min(end, text.length));
    // A collection's or block scalar's range may run over trailing blank lines: end at the last visible char.
    end = trimEnd(text, start, end);
    const lines = linesOf(file);
    const s = lines.linePos(start);
    const e = lines.linePos(end);
    const bom = text.charCodeAt(0) === 0xfeff;
    const col = (line, c) => (bom && line === 1 ? Math.max(1, c - 1) : c);
    let pos = { line: s.line, column: col(s.line, s.col), endLine: e.line, endColumn: col(e.line, e.col) };
    let range = [start, end];
    const emb = file.embedding;
    if (emb?.collapseTo)
        return locate_locateRange(emb.parent, emb.collapseTo[0], emb.collapseTo[1]);
    if (emb) {
        pos = {
            line: pos.line + emb.lineOffset,
            column: pos.column + emb.columnOffset,
            endLine: pos.endLine + emb.lineOffset,
            endColumn: pos.endColumn + emb.columnOffset,
        };
        const parentOffset = (line, column) => {
            const starts = linesOf(emb.parent).lineStarts;
            return (starts[line - 1] ?? emb.parent.text.length) + column - 1;
        };
        range = [parentOffset(pos.line, pos.column), parentOffset(pos.endLine, pos.endColumn)];
        return { ...pos, range, file: emb.parent.path };
    }
    return { ...pos, range, file: file.path };
}
/** The offset at the end of the last line: before a line break that ends the text. */
function lastLineEnd(text) {
    const n = text.length;
    if (text.charCodeAt(n - 1) === 13)
        return n - 1;
    return text.charCodeAt(n - 1) === 10 ? n - (text.charCodeAt(n - 2) === 13 ? 2 : 1) : n;
}

;// CONCATENATED MODULE: ./src/model/view.ts

/**
 * A read-only view of one YAML node that remembers its file and document, so every value the
 * model hands to a rule can still be located. A view is also what a finding points at (`Located`).
 * Aliases are already resolved in the tree: an aliased node is the anchored node.
 *
 * A scalar's record is looked up only when its position is asked for, from the container that
 * holds it, so walking the model costs no position work.
 */
class View {
    file;
    doc;
    raw;
    parent;
    slot;
    isKey;
    addrCache = -1;
    constructor(file, doc, 
    /** The node's JS value: a scalar, or a map object / array of the tree. */
    raw, 
    /** For a scalar: the container holding it and where (a key for maps, an index for sequences). */
    parent, slot, 
    /** For a map key: the key's own node rather than its value. */
    isKey = false) {
        this.file = file;
        this.doc = doc;
        this.raw = raw;
        this.parent = parent;
        this.slot = slot;
        this.isKey = isKey;
    }
    /** The root node of a document; undefined for an empty document. */
    static root(file, doc) {
        if (doc.value === undefined)
            return undefined;
        const v = new View(file, doc, doc.value);
        if (!isContainer(doc.value))
            v.addrCache = doc.addr;
        return v;
    }
    child(value, slot, isKey = false) {
        return new View(this.file, this.doc, value, isContainer(value) && !isKey ? undefined : this.raw, slot, isKey);
    }
    /** The value at `place` (a key, an index, or a fallback map's slot) of `container`, in `within`'s document. */
    static entry(within, container, place) {
        const value = Array.isArray(container)
            ? container[place]
            : typeof place === 'number'
                ? entryAtSlot(container[ENTRIES] ?? [], place)?.value
                : container[place];
        return new View(within.file, within.doc, value, isContainer(value) ? undefined : container, place);
    }
    /** For a scalar or key: where it sits in its container, as a key (maps) or an index (sequences). */
    get place() {
        const parent = this.parent;
        if (!parent || Array.isArray(parent) || typeof this.slot === 'string')
            return this.slot;
        return entryAtSlot(parent[ENTRIES], this.slot)?.key;
    }
    /** Rules report `someView.at`: a view is its own location. */
    get at() {
        return this;
    }
    /** The node's record in its file's table: the same number for the same node, however it was reached. */
    get addr() {
        if (this.addrCache >= 0)
            return this.addrCache;
        let addr;
        if (isContainer(this.raw) && !this.isKey)
            addr = this.raw[ADDR];
        else {
            const parent = this.parent;
            const base = parent[ADDR];
            const slot = this.slot;
            // Maps from the fallback name entries by their record slot; fast-parsed maps by key.
            if (Array.isArray(parent))
                addr = base + 1 + slot;
            else
                addr = base + 1 + 2 * (typeof slot === 'number' ? slot : keyPosition(parent, slot)) + (this.isKey ? 0 : 1);
        }
        const records = this.file.records;
        while (records[addr * RECORD + 2] < 0)
            addr = -records[addr * RECORD + 2] - 1;
        return (this.addrCache = addr);
    }
    /** Start and end offsets of the node in its file's text (end without trailing whitespace). */
    get range() {
        const i = this.addr * RECORD;
        return [this.file.records[i], this.file.records[i + 1]];
    }
    get info() {
        return this.file.records[this.addr * RECORD + 2];
    }
    /**
     * The node, or a map or list it is in, is anchored and also reached through an alias: an edit
     * here changes every place that uses it.
     */
    get aliased() {
        if (!this.file.aliased)
            return false;
        const records = this.file.records;
        for (let a = this.addr; a >= 0; a = records[a * RECORD + 3])
            if (records[a * RECORD + 2] & Info.Aliased)
                return true;
        return false;
    }
    /** Two views of the same node. */
    same(other) {
        return !!other && other.file === this.file && other.addr === this.addr;
    }
    get isMap() {
        return !this.isKey && isContainer(this.raw) && !Array.isArray(this.raw);
    }
    get isSeq() {
        return Array.isArray(this.raw) && !this.isKey;
    }
    get isScalar() {
        return !isContainer(this.raw) || this.isKey;
    }
    /** The scalar's style (`PLAIN`, `QUOTE_DOUBLE`, ...); undefined for collections. */
    get style() {
        return this.isScalar ? STYLE_NAMES[this.info & KIND_MASK] : undefined;
    }
    /** A collection written in flow style (`{...}`, `[...]`). */
    get isFlow() {
        return !this.isScalar && (this.info & Info.Flow) !== 0;
    }
    /** The node sits inside a flow collection, where `,[]{}` end a plain scalar. */
    get inFlow() {
        return (this.info & Info.InFlow) !== 0;
    }
    /** The scalar as a string (numbers and booleans stringified); undefined for null and collections. */
    get str() {
        if (!this.isScalar)
            return undefined;
        const v = this.raw;
        return v === null || v === undefined ? undefined : String(v);
    }
    /** The scalar's raw JS value (boolean stays boolean). */
    get value() {
        return this.isScalar ? this.raw : undefined;
    }
    /** Key/value pairs of a map, keys as strings, in document order. */
    entries() {
        if (!this.isMap)
            return [];
        const map = this.raw;
        const listed = map[ENTRIES];
        if (listed)
            return listed.map((e) => ({
                key: e.key,
                keyView: this.child(e.keyValue ?? e.key, e.slot, true),
                value: e.absent ? undefined : this.child(e.value, e.slot),
            }));
        return Object.keys(map).map((key) => ({ key, keyView: this.child(key, key, true), value: this.child(map[key], key) }));
    }
    /** Calls `fn` for each entry of a map in document order, like `entries()` without the key views. */
    forEachEntry(fn) {
        if (!this.isMap)
            return;
        const map = this.raw;
        const listed = map[ENTRIES];
        if (listed)
            for (const e of listed)
                fn(e.key, e.absent ? undefined : this.child(e.value, e.slot));
        else
            for (const key in map)
                fn(key, this.child(map[key], key));
    }
    /** The keys of a map, in document order (a key given twice, twice). */
    keys() {
        if (!this.isMap)
            return [];
        const map = this.raw;
        const listed = map[ENTRIES];
        return listed ? listed.map((e) => e.key) : Object.keys(map);
    }
    get(key) {
        if (!this.isMap)
            return undefined;
        const map = this.raw;
        const listed = map[ENTRIES];
        if (listed) {
            const e = listed.find((x) => x.key === key);
            return e && !e.absent ? this.child(e.value, e.slot) : undefined;
        }
        const value = ownValue(map, key);
        return value === undefined ? undefined : this.child(value, key);
    }
    /** The key node of `key`, for reporting a missing or empty value at its key. */
    keyOf(key) {
        if (!this.isMap)
            return undefined;
        const map = this.raw;
        const listed = map[ENTRIES];
        if (listed) {
            const e = listed.find((x) => x.key === key);
            return e ? this.child(e.keyValue ?? e.key, e.slot, true) : undefined;
        }
        return Object.prototype.hasOwnProperty.call(map, key) ? this.child(key, key, true) : undefined;
    }
    has(key) {
        if (!this.isMap)
            return false;
        const map = this.raw;
        const listed = map[ENTRIES];
        return listed ? listed.some((x) => x.key === key) : Object.prototype.hasOwnProperty.call(map, key);
    }
    /** Follows a path of keys (strings) and sequence indexes (numbers). */
    getIn(path) {
        let cur = this;
        for (const seg of path) {
            if (!cur)
                return undefined;
            cur = typeof seg === 'number' ? cur.item(seg) : cur.get(seg);
        }
        return cur;
    }
    items() {
        if (!this.isSeq)
            return [];
        return this.raw.map((v, i) => this.child(v, i));
    }
    item(i) {
        if (!this.isSeq)
            return undefined;
        const seq = this.raw;
        return i >= 0 && i < seq.length ? this.child(seq[i], i) : undefined;
    }
    /** A string field of a map (as `get(key)?.str`, without the view). */
    text(key) {
        if (!this.isMap)
            return undefined;
        const map = this.raw;
        const listed = map[ENTRIES];
        let value;
        if (listed) {
            const e = listed.find((x) => x.key === key);
            value = e && !e.absent ? e.value : undefined;
        }
        else
            value = ownValue(map, key);
        return value === null || value === undefined || isContainer(value) ? undefined : String(value);
    }
}
/**
 * The value of a fast-parsed map's own key; undefined when it has none. One property read: a tree
 * holds no functions and no undefined, so only a key the map inherits (`toString`, `__proto__`)
 * needs the slower test of whether it is the map's own.
 */
function ownValue(map, key) {
    const value = map[key];
    if (value === undefined)
        return undefined;
    if (typeof value !== 'function' && key !== '__proto__')
        return value;
    return Object.prototype.hasOwnProperty.call(map, key) ? value : undefined;
}

;// CONCATENATED MODULE: ./src/model/walk.ts


/** Deeper than this, the walk stops: no real Harness YAML nests so far, and hostile input must not cost more. */
const MAX_WALK_DEPTH = 256;
const WRAPPERS = new Set(['stage', 'step', 'stepGroup']);
function itemStep(item, index) {
    if (!isContainer(item) || Array.isArray(item))
        return { kind: 'item', segment: String(index) };
    const only = onlyKey(item);
    if (only === 'parallel' && valueAt(item, only) !== undefined)
        return { kind: 'parallel' };
    if (only !== undefined && WRAPPERS.has(only)) {
        const value = valueAt(item, only);
        const id = isContainer(value) && !Array.isArray(value) ? textAt(value, 'identifier') : undefined;
        if (id !== undefined)
            return { kind: 'wrapper', key: only, segment: `${only}=${id}` };
    }
    const id = textAt(item, 'identifier');
    const name = id === undefined ? textAt(item, 'name') : undefined;
    return { kind: 'item', segment: id !== undefined ? `id=${id}` : name !== undefined ? `name=${name}` : String(index) };
}
const join = (path, segment) => (path ? `${path}/${segment}` : segment);
/** The last segment of a map's key node's path (`connector/spec/url@key`), for baseline identities. */
const keySegment = (key) => `${key}@key`;
const keyPath = (mapPath, key) => join(mapPath, keySegment(key));
/** A visited node; its path is built only when a visitor reads it (most visitors look at keys only). */
class Step {
    view;
    up;
    segment;
    depth;
    key;
    parent;
    built;
    constructor(view, up, 
    /** The path segment this node adds; undefined when it shares its parent's path (`parallel`). */
    segment, depth, key, parent, base = '') {
        this.view = view;
        this.up = up;
        this.segment = segment;
        this.depth = depth;
        this.key = key;
        this.parent = parent;
        if (!up)
            this.built = base;
    }
    get path() {
        if (this.built === undefined)
            this.built = this.segment === undefined ? this.up.path : join(this.up.path, this.segment);
        return this.built;
    }
}
/**
 * Visits every node under `root`, depth first, with its semantic path. A map or list reached again
 * through an alias is visited only the first time, so alias bombs and self-referencing anchors
 * cost nothing extra. A scalar is visited under every key it is reached by: `image: *img` is an
 * image even when the anchor sits under `description` (a scalar has nothing under it to repeat).
 */
function walk(root, visit, base = '') {
    // Only a file with aliases can reach a node twice.
    const seen = root.file.aliased ? new Set() : undefined;
    const stack = [new Step(root, undefined, undefined, 0, undefined, undefined, base)];
    const children = [];
    while (stack.length) {
        const cur = stack.pop();
        if (seen && !cur.view.isScalar) {
            if (seen.has(cur.view.addr))
                continue;
            seen.add(cur.view.addr);
        }
        visit(cur);
        if (cur.depth >= MAX_WALK_DEPTH)
            continue;
        const view = cur.view;
        const depth = cur.depth + 1;
        if (view.isMap) {
            view.forEachEntry((key, value) => {
                if (value)
                    children.push(new Step(value, cur, key, depth, key, view));
            });
        }
        else if (view.isSeq) {
            view.items().forEach((item, i) => {
                const step = itemStep(item.raw, i);
                if (step.kind === 'parallel')
                    children.push(new Step(item.get('parallel'), cur, undefined, depth));
                else if (step.kind === 'wrapper')
                    children.push(new Step(item.get(step.key), cur, step.segment, depth, step.key, item));
                else
                    children.push(new Step(item, cur, step.segment, depth));
            });
        }
        for (let i = children.length - 1; i >= 0; i--)
            stack.push(children[i]);
        children.length = 0;
    }
}
/**
 * Calls `visit` for every node under `root` that sits under one of `keys`, as `walk` would reach
 * it. For a shallow file without shared nodes, a recursive scan of the plain values that makes
 * views only for the nodes it reports, or no scan at all where the fast parser listed the keys'
 * maps (see `INDEXED_KEYS`); else `walk`. (`walk` visits the list of a `- parallel:` item without a
 * key, so `parallel` itself is not a key this can look for.)
 */
function findUnderKeys(root, keys, visit) {
    const keyed = root.doc.keyed;
    if (keyed && isContainer(root.raw) && allIndexed(keys)) {
        const whole = root.raw === root.doc.value;
        for (const { map, key } of keyed)
            if (keys.has(key) && (whole || isUnder(root, map)))
                visit(View.entry(root, map, key));
        return;
    }
    if (root.file.aliased || !root.file.shallow) {
        walk(root, ({ view, key, parent }) => {
            if (key !== undefined && parent && keys.has(key))
                visit(view);
        });
        return;
    }
    // Views only for the nodes reported: the scan itself reads the plain values.
    const scan = (node) => {
        if (!isContainer(node))
            return;
        if (Array.isArray(node)) {
            for (const item of node)
                scan(item);
            return;
        }
        const listed = node[ENTRIES];
        if (listed)
            for (const e of listed) {
                if (e.absent)
                    continue;
                if (keys.has(e.key))
                    visit(View.entry(root, node, e.slot));
                scan(e.value);
            }
        else
            for (const key in node) {
                if (keys.has(key))
                    visit(View.entry(root, node, key));
                scan(node[key]);
            }
    };
    scan(root.raw);
}
const allIndexed = (keys) => {
    for (const k of keys)
        if (!INDEXED_KEYS.has(k))
            return false;
    return true;
};
/** Whether `map` is `root`'s container or one inside it (the owner links of the record table lead up to it). */
function isUnder(root, map) {
    const records = root.file.records;
    const top = root.addr;
    for (let a = map[ADDR]; a >= 0; a = records[a * RECORD + 3])
        if (a === top)
            return true;
    return false;
}
/**
 * The path `walk(root)` gives `target` (map keys as `key@key` when `keys` is set), or undefined
 * when the walk does not reach it. Found from the target's ancestors (the owner links of the
 * record table), which is what a walk finds as long as no node can be reached twice; with
 * aliases, a walk decides (once per root). The path is a string of its own (no part of a longer
 * one, see `ownCopy`), the same string for the same path while the table of paths keeps it.
 */
function semanticPath(root, target, keys = false) {
    if (root.file !== target.file || root.doc !== target.doc)
        return undefined;
    if (root.file.aliased)
        return walkedPaths(root, keys).get(`${target.isKey ? 'k' : 'v'}${target.addr}`);
    const memo = memoOf(root.file);
    const path = pathOf(root, target, keys, memo);
    // Joined outside the table (see `joinShared`): a copy, so that it holds no other path alive.
    return path === undefined || memo.keepPaths ? path : ownCopy(path);
}
function pathOf(root, target, keys, memo) {
    if (root.isScalar)
        return !target.isKey && target.same(root) ? '' : undefined;
    const targetIsContainer = !target.isScalar;
    const at = descent(root, targetIsContainer ? target.addr : root.file.records[target.addr * RECORD + 3], memo);
    if (!at)
        return undefined;
    // A `parallel` or wrapper item has no path of its own: its one value has it.
    if (targetIsContainer)
        return at.skippedHere ? undefined : at.path;
    const { path, skipped, depth, node } = at;
    if (target.isKey)
        return keys && !skipped ? joinShared(path, keySegment(String(target.place)), memo) : undefined;
    if (depth >= MAX_WALK_DEPTH)
        return undefined;
    return Array.isArray(node) ? joinShared(path, String(target.place), memo) : intoMap(path, String(target.place), skipped, memo);
}
/**
 * The descent from `root` to the container with header `header`, or null when it is not under
 * `root` (or deeper than a walk goes). Down from the root over the tree's own maps and lists: no
 * view is made on the way. Each container's is kept, per file and root: the facts of a pipeline
 * ask for the paths of hundreds of nodes in the same few stages and steps, and each descent looked
 * up the same keys and items again.
 */
function descent(root, header, memo) {
    let known = memo.descents?.get(root.addr);
    if (memo.descents && !known)
        memo.descents.set(root.addr, (known = []));
    const records = root.file.records;
    // Up from the container to the root or to a container whose descent is known.
    const chain = CHAIN;
    let n = 0;
    let h = header;
    let from;
    for (;; h = records[h * RECORD + 3]) {
        if (h === root.addr) {
            from = { node: root.raw, path: '', skipped: undefined, depth: 0, skippedHere: false };
            break;
        }
        if (h < 0)
            return null;
        from = known?.[h];
        if (from !== undefined)
            break;
        chain[n++] = h;
    }
    for (let i = n - 1; i >= 0; i--) {
        from = from && stepInto(from, chain[i], memo);
        if (known)
            known[chain[i]] = from;
    }
    // A file of 100,000 steps would keep as many descents beside its tree, each needed once.
    if (known && (memo.known += n) > MAX_KNOWN_DESCENTS)
        memo.descents = undefined;
    return from;
}
const MAX_KNOWN_DESCENTS = 4096;
/** The containers a descent passes on its way up, reused (a descent does not nest). */
const CHAIN = [];
const memoOf = (file) => (file.walks ??= { descents: new Map(), known: 0, keepPaths: true });
/** One step of a descent: into the container with header `header`, a child of `from`'s. */
function stepInto(from, header, memo) {
    const cur = from.node;
    if (Array.isArray(cur)) {
        const index = seqIndexOf(cur, header);
        if (index < 0)
            return null;
        const next = cur[index];
        const item = itemStep(next, index);
        if (item.kind !== 'item')
            return { node: next, path: from.path, skipped: item, depth: from.depth, skippedHere: true };
        const depth = from.depth + 1;
        if (depth > MAX_WALK_DEPTH)
            return null;
        return { node: next, path: joinShared(from.path, item.segment, memo), skipped: from.skipped, depth, skippedHere: false };
    }
    const key = keyWithHeader(cur, header);
    if (key === undefined)
        return null;
    const depth = from.depth + 1;
    if (depth > MAX_WALK_DEPTH)
        return null;
    const path = intoMap(from.path, key.key, from.skipped, memo);
    return { node: key.value, path, skipped: undefined, depth, skippedHere: false };
}
/** The path one step into a map under `key`, or, right after a wrapper or `parallel` item, the item's. */
const intoMap = (path, key, skipped, memo) => skipped === undefined ? joinShared(path, key, memo) : skipped.kind === 'parallel' ? path : joinShared(path, skipped.segment, memo);
/**
 * `join`, with each path made once and kept, by its parent's path and its last segment: thousands
 * of pipelines share their paths, and joining them again for every fact, then looking each up to
 * share it, cost more than finding the descent. Past `MAX_KEPT_PATHS` the table starts again, and
 * the file that filled it keeps no more (see `WalkMemo`).
 */
function joinShared(path, segment, memo) {
    if (!memo.keepPaths)
        return join(path, segment);
    let children = keptPaths.get(path);
    if (!children)
        keptPaths.set(path, (children = new Map()));
    let full = children.get(segment);
    if (full === undefined) {
        if (++keptCount > MAX_KEPT_PATHS) {
            keptPaths.clear();
            keptCount = 0;
            memo.keepPaths = false;
            return join(path, segment);
        }
        // Copies, not slices or joins of the file's text, which they would keep alive (see `ownCopy`).
        full = ownCopy(join(path, segment));
        children.set(ownCopy(segment), full);
    }
    return full;
}
const keptPaths = new Map();
let keptCount = 0;
const MAX_KEPT_PATHS = 10_000;
/** A map's key when it has exactly one (a key given twice counts twice). */
function onlyKey(map) {
    const listed = map[ENTRIES];
    return listed ? (listed.length === 1 ? listed[0].key : undefined) : onlyKeyOf(map);
}
/** The value under `key` (the first such entry of a fallback map); undefined when there is none. */
function valueAt(map, key) {
    const listed = map[ENTRIES];
    if (listed) {
        const e = listed.find((x) => x.key === key);
        return e && !e.absent ? e.value : undefined;
    }
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
/** A scalar field of a map as text, as `View.text` gives it. */
function textAt(map, key) {
    const v = valueAt(map, key);
    return v === null || v === undefined || isContainer(v) ? undefined : String(v);
}
/** The key of a map whose value is the container with header `header`, and that value. */
function keyWithHeader(map, header) {
    const listed = map[ENTRIES];
    if (listed) {
        // By slot: two entries of a fallback map can have the same key text (`true` and "true").
        const e = entryWithHeader(listed, header);
        return e ? { key: e.key, value: e.value } : undefined;
    }
    const key = keyOfContainer(map, header);
    return key === undefined ? undefined : { key, value: map[key] };
}
const hasHeader = (v, header) => isContainer(v) && v[ADDR] === header;
/**
 * Index of the item with header `header`. Items' headers grow with their index (both parsers
 * write a container's records in document order), so a long list is searched by halves; a
 * scalar item in the way falls back to a scan.
 */
function seqIndexOf(items, header) {
    let lo = 0;
    let hi = items.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const item = items[mid];
        if (!isContainer(item))
            return items.findIndex((v) => hasHeader(v, header));
        if (item[ADDR] === header)
            return mid;
        if (item[ADDR] < header)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return items.findIndex((v) => hasHeader(v, header));
}
const walked = new WeakMap();
function walkedPaths(root, keys) {
    let byRoot = walked.get(root.doc);
    if (!byRoot)
        walked.set(root.doc, (byRoot = new Map()));
    const id = `${root.addr}${keys ? 'k' : ''}`;
    let paths = byRoot.get(id);
    if (paths)
        return paths;
    const found = (paths = new Map());
    walk(root, ({ view, path }) => {
        // A scalar reached through aliases keeps the path it was first reached by.
        if (found.has(`v${view.addr}`))
            return;
        // Copies, each made once: the locs of a node share its path (see `semanticPath`).
        found.set(`v${view.addr}`, ownCopy(path));
        if (keys)
            for (const e of view.entries())
                found.set(`k${e.keyView.addr}`, ownCopy(keyPath(path, e.key)));
    });
    byRoot.set(id, paths);
    return paths;
}

;// CONCATENATED MODULE: ./src/model/loc.ts





const KEY = 1;
const IN_FLOW = 2;
const EMBEDDED = 4;
const YAML_PATH = 8;
const ALIASED = 128;
const STYLE_SHIFT = 4;
/** A map key, not a value. */
const isKey = (loc) => (loc.flags & KEY) !== 0;
/** Inside a flow collection, where `,[]{}` end a plain scalar. */
const inFlow = (loc) => (loc.flags & IN_FLOW) !== 0;
/** Inside YAML embedded in a string (a trigger's `inputYaml`): it cannot be edited in place. */
const isEmbedded = (loc) => (loc.flags & EMBEDDED) !== 0;
/** The scalar's style. */
const loc_styleOf = (loc) => STYLE_NAMES[(loc.flags >> STYLE_SHIFT) & 7] ?? 'PLAIN';
/** Anchored and also used through an alias (see `View.aliased`). */
const isAliased = (loc) => (loc.flags & ALIASED) !== 0;
/** The path inside the pipeline or template, when the node is in one. */
const yamlPathOf = (loc) => (loc.flags & YAML_PATH ? loc.path : undefined);
/** Offsets below this are packed with the flags into one small integer (8 MB; see `PackedLoc`). */
const PACKED_LIMIT = 2 ** 23;
/**
 * A loc with `start` and `flags` in one field, `start * 256 + flags`: five fields instead of six,
 * 8 bytes less on each of a large repo's millions of locs (64 bytes, not 72). The field stays a
 * small integer, which V8 keeps in the object itself, because only offsets under 8 MB are packed.
 * A worker hands locs over as lists (see engine/hand-over.ts).
 */
class PackedLoc {
    file;
    pos;
    end;
    value;
    path;
    constructor(file, pos, end, value, path) {
        this.file = file;
        this.pos = pos;
        this.end = end;
        this.value = value;
        this.path = path;
    }
    get start() {
        return this.pos >>> 8;
    }
    get flags() {
        return this.pos & 255;
    }
}
/** A loc, packed when its offset allows. */
function loc_makeLoc(file, start, end, value, path, flags) {
    return start < PACKED_LIMIT ? new PackedLoc(file, start * 256 + flags, end, value, path) : { file, start, end, value, path, flags };
}
/** The same node's loc over another range of its file (a finding on part of a scalar). */
const withRange = (loc, start, end) => loc_makeLoc(loc.file, start, end, loc.value, loc.path, loc.flags);
/** Two locs of the same node. */
const sameLoc = (a, b) => !!a && !!b && a.file === b.file && a.start === b.start && isKey(a) === isKey(b);
/** The scalar's value as a string; undefined for null and collections. */
const loc_str = (loc) => loc?.value === null || loc?.value === undefined ? undefined : String(loc.value);
/** A length that does not fit one character is this mark, then its high and low 16 bits. */
const LONG = 0xffff;
/**
 * The line table of a parsed file (of the file a trigger's `inputYaml` sits in, for embedded YAML),
 * read from its text: nearly every file scanned needs one, and few need their line starts.
 */
function lineTable(file) {
    const outer = file.embedding?.parent ?? file;
    // Line breaks as `linesOf` counts them (a text from `parseSource` has no lone CR left).
    const text = source_loneCrAsLf(outer.text);
    // Room for a line of every 24 characters; a table that needs more grows.
    let codes = new Uint16Array(Math.ceil(text.length / 24) + 16);
    let n = 0;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (n + 3 > codes.length) {
            const more = new Uint16Array(codes.length * 2);
            more.set(codes);
            codes = more;
        }
        const length = i + 1 - lineStart;
        lineStart = i + 1;
        if (length < LONG)
            codes[n++] = length;
        else {
            codes[n++] = LONG;
            codes[n++] = length >>> 16;
            codes[n++] = length & 0xffff;
        }
    }
    let lengths = '';
    for (let i = 0; i < n; i += 8192)
        lengths += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 8192)));
    return { lengths, bom: text.charCodeAt(0) === 0xfeff };
}
/** Where a parsed file's locs are, from its own line starts (no table packed), found when a loc is first placed. */
function placerOf(file) {
    let lines;
    return (loc) => {
        lines ??= linesOfOuter(file);
        return positionAt(lines.starts, lines.bom, loc.start, loc.end);
    };
}
function linesOfOuter(file) {
    const outer = file.embedding?.parent ?? file;
    return { starts: linesOf(outer).lineStarts, bom: outer.text.charCodeAt(0) === 0xfeff };
}
/**
 * The offsets where a table's lines start. The last few tables unpacked are kept: a finding and
 * its related locations alternate between a pipeline and its connector's file, and unpacking a
 * large file for each would cost its length every time.
 */
function startsOf(table) {
    const known = unpacked.get(table);
    if (known)
        return known;
    const { lengths } = table;
    const starts = new Uint32Array(lengths.length + 1);
    let n = 1;
    for (let i = 0; i < lengths.length; i += widthAt(lengths, i)) {
        starts[n] = starts[n - 1] + lengthAt(lengths, i);
        n++;
    }
    if (unpacked.size >= 8)
        unpacked.clear();
    unpacked.set(table, starts.subarray(0, n));
    return unpacked.get(table);
}
const unpacked = new Map();
/** The line length packed at index `i` of a table's `lengths` (see `LONG`), and how many characters it takes. */
const lengthAt = (lengths, i) => lengths.charCodeAt(i) === LONG ? lengths.charCodeAt(i + 1) * 0x10000 + lengths.charCodeAt(i + 2) : lengths.charCodeAt(i);
const widthAt = (lengths, i) => (lengths.charCodeAt(i) === LONG ? 3 : 1);
/** 1-based line and column (UTF-16 code units) of a range, as parse/locate.ts counts them. */
function positionIn(table, start, end) {
    if (table.lengths.length > SMALL_TABLE)
        return positionAt(startsOf(table), table.bom, start, end);
    // A file of a few hundred lines is walked line by line: unpacking it would allocate a typed
    // array per finding and related location (tens of MB outside the heap on a large repo's report).
    // The walk to the end goes on from the start's line.
    const at = walkTo(table, start, 0, 0, 1);
    const to = end < start ? walkTo(table, end, 0, 0, 1) : walkTo(table, end, at.index, at.lineStart, at.line);
    const column = (w, offset) => Math.max(1, offset - w.lineStart + 1 - (w.line === 1 && table.bom ? 1 : 0));
    return { line: at.line, column: column(at, start), endLine: to.line, endColumn: column(to, end) };
}
/** Tables with more lines than this are unpacked (and the last few kept) rather than walked. */
const SMALL_TABLE = 2048;
/** The line holding an offset, walking on from a line at or before it (its index in `lengths`, its offset and number). */
function walkTo({ lengths }, offset, index, lineStart, line) {
    let i = index;
    for (; i < lengths.length; i += widthAt(lengths, i)) {
        const length = lengthAt(lengths, i);
        if (lineStart + length > offset)
            break;
        lineStart += length;
        line++;
    }
    return { line, lineStart, index: i };
}
function positionAt(starts, hasBom, start, end) {
    const bom = hasBom ? 1 : 0;
    const line = lineAt(starts, start);
    const endLine = end === start ? line : lineAt(starts, end);
    const column = start - starts[line - 1] + 1 - (line === 1 ? bom : 0);
    const endColumn = end - starts[endLine - 1] + 1 - (endLine === 1 ? bom : 0);
    return { line, column: Math.max(1, column), endLine, endColumn: Math.max(1, endColumn) };
}
/** Positions from the files' line tables, by file; a file without one (never scanned) is placed at 1:1. */
function placeIn(tables) {
    return (loc) => {
        const table = tables.get(loc.file);
        return table ? positionIn(table, loc.start, loc.end) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    };
}
/** Turns a view into a loc. `root` is the pipeline or template the view belongs to, by whose paths runtime inputs are filled. */
const locOf = (view, root) => locWith(view, root, loc_makeLoc);
/** `locOf`, with the loc made by `make`. */
function locWith(view, root, make) {
    const file = view.file;
    const text = (file.embedding?.parent ?? file).text;
    // The node's record, read once (a scan makes a loc for every fact).
    const at = view.addr * RECORD;
    const records = file.records;
    const range = file.embedding ? embeddedRange(view) : undefined;
    const start = Math.max(0, Math.min(range ? range[0] : records[at], text.length));
    // A collection's or block scalar's range may run over trailing blank lines: end at the last visible char.
    const end = range ? range[1] : trimEnd(text, start, Math.max(start, Math.min(records[at + 1], text.length)));
    const info = records[at + 2];
    let flags = 0;
    let value = null;
    if (view.isScalar) {
        const v = view.raw;
        if (typeof v === 'string')
            value = loc_shared(v);
        else if (v !== undefined && v !== null)
            value = v;
        // The record's kind is the style's index (as `View.style` reads it).
        const style = info & KIND_MASK;
        if (style < STYLE_NAMES.length)
            flags |= style << STYLE_SHIFT;
    }
    if (info & Info.InFlow)
        flags |= IN_FLOW;
    if (view.isKey)
        flags |= KEY;
    if (file.embedding)
        flags |= EMBEDDED;
    if (view.aliased)
        flags |= ALIASED;
    // Paths are shared as they are made (see `semanticPath`).
    let path = root && !view.isKey ? semanticPath(root, view) : undefined;
    if (path !== undefined)
        flags |= YAML_PATH;
    else {
        const docRoot = View.root(view.file, view.doc);
        path = docRoot && semanticPath(docRoot, view, true);
    }
    return make(file.embedding?.parent.path ?? file.path, start, end, value, path, flags);
}
/** A node of a trigger's `inputYaml`: the range it maps to in the file. */
function embeddedRange(view) {
    return locate_locateRange(view.file, view.range[0], view.range[1]).range;
}
/**
 * One copy of each semantic path, value and other fact string in this thread, up to 200,000
 * strings (then it starts again): the same paths and references recur across thousands of
 * pipelines (`stages/stage=build/spec/...`, `account.harnessImage`), and a string joined or sliced
 * from parts keeps the parts alive (see `ownCopy`). A scan worker shares nothing (see `stopSharing`).
 */
function loc_shared(s) {
    if (!sharing)
        return s;
    const known = sharedStrings.get(s);
    if (known !== undefined)
        return known;
    if (sharedStrings.size >= 200_000)
        forgetShared();
    const copy = ownCopy(s);
    sharedStrings.set(copy, copy);
    return copy;
}
const sharedStrings = new Map();
let sharing = true;
/**
 * `shared` gives each string back as it is, from now on in this thread. For a scan worker: its
 * facts become JSON at the end of each batch and are gone, and the main thread shares their
 * strings as it takes them in. Sharing them in the worker too cost its time (1–3% of a default
 * `check` on the 10,000-pipeline repo) and its memory (a table of up to 200,000 strings each).
 */
function stopSharing() {
    sharing = false;
    forgetShared();
}
/** Lets go of the table `shared` keeps (the strings stay where facts hold them), once the facts of a scan are made. */
function forgetShared() {
    sharedStrings.clear();
}
/** The 1-based line holding an offset, given the offsets where lines start (sorted, starting with 0). */
function lineAt(starts, offset) {
    let low = 0;
    let high = starts.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (starts[mid] <= offset)
            low = mid + 1;
        else
            high = mid;
    }
    return Math.max(1, low);
}
/**
 * An object built from views (an entity, a stage) with every view turned into a loc: plain data.
 * Views of the same node (a stage's Override Image Connector is also one of the entity's image
 * connector fields) share one loc; empty objects are `EMPTY`; frozen objects (`NONE`, interned
 * scopes) are shared facts already and are kept as they are.
 */
function toLocs(value, root, isView) {
    const seen = new Map();
    const locs = new Map();
    const loc = (view) => {
        let byNode = locs.get(view.file);
        if (!byNode)
            locs.set(view.file, (byNode = new Map()));
        const node = 2 * view.addr + (view.isKey ? 1 : 0);
        let known = byNode.get(node);
        if (!known)
            byNode.set(node, (known = locOf(view, root)));
        return known;
    };
    const go = (v) => {
        if (isView(v))
            return loc(v);
        if (typeof v === 'string')
            return loc_shared(v);
        if (Array.isArray(v))
            return v.length ? v.map(go) : loc_NONE;
        if (v && typeof v === 'object') {
            const known = seen.get(v);
            if (known !== undefined)
                return known;
            if (Object.isFrozen(v))
                return v;
            // A copy of the object's own shape (its fields stay in the object), then each field converted.
            const out = { ...v };
            seen.set(v, out);
            let empty = true;
            for (const k in out) {
                empty = false;
                out[k] = go(out[k]);
            }
            if (!empty)
                return out;
            seen.set(v, loc_EMPTY);
            return loc_EMPTY;
        }
        return v;
    };
    return go(value);
}
/** The one empty list facts share (a repo's facts hold hundreds of thousands of empty lists). */
const loc_NONE = Object.freeze([]);
/** The one empty object facts share (a pipeline without variables, templateInputs without scalars). */
const loc_EMPTY = Object.freeze({});

;// CONCATENATED MODULE: ./src/model/scope.ts

/**
 * The built-in account connector Harness pulls its CI images through when a stage sets no Override
 * Image Connector (always, on Harness Cloud).
 */
const scope_HARNESS_IMAGE_CONNECTOR = 'account.harnessImage';
/**
 * Scope of an entity from its own `orgIdentifier` / `projectIdentifier` fields. One frozen object
 * per scope, shared by every entity in it (a large repo has 100,000 entities and a few scopes).
 */
function scope_scopeOf(org, project) {
    const key = org ? (project ? `${org}\0${project}` : org) : '';
    let scope = scopes.get(key);
    if (!scope) {
        if (scopes.size >= 10_000)
            scopes.clear();
        scope = Object.freeze(org && project ? { level: 'project', org, project } : org ? { level: 'org', org } : { level: 'account' });
        scopes.set(key, scope);
    }
    return scope;
}
const scopes = new Map();
/** Parses `account.x`, `org.x` or `x`; undefined for anything with more dots or none at all. */
function scope_parseRef(ref) {
    const known = parsedRefs.get(ref);
    if (known !== undefined || parsedRefs.has(ref))
        return known;
    if (parsedRefs.size >= 10_000)
        parsedRefs.clear();
    // A copy: a slice of a file's text would keep the whole text alive.
    const copy = ownCopy(ref);
    const parsed = parse(copy);
    parsedRefs.set(copy, parsed && Object.freeze(parsed));
    return parsedRefs.get(copy);
}
/**
 * References parsed lately (frozen: each is handed to every caller). The cross-file rules parse
 * the same few hundred references tens of thousands of times on a large repo.
 */
const parsedRefs = new Map();
function parse(ref) {
    const parts = ref.trim().split('.');
    if (parts.some((p) => p === ''))
        return undefined;
    if (parts.length === 1)
        return { level: 'project', identifier: parts[0] };
    if (parts.length === 2 && (parts[0] === 'account' || parts[0] === 'org'))
        return { level: parts[0], identifier: parts[1] };
    return undefined;
}
function scope_formatScope(scope) {
    if (scope.level === 'account')
        return 'account';
    if (scope.level === 'org')
        return `org ${scope.org}`;
    return `project ${scope.org}/${scope.project}`;
}
/** Does an entity at `target` answer `ref` when referred to from `from`? */
function scope_refMatches(ref, from, target) {
    if (ref.level !== target.level)
        return false;
    if (ref.level === 'account')
        return true;
    if (ref.level === 'org')
        return !from.org || from.org === target.org;
    return (!from.org || from.org === target.org) && (!from.project || from.project === target.project);
}
/**
 * Where Harness looks a reference up, by its own rule (harness-core's connector-ref expansion):
 * `account.x` at account scope, `org.x` in the referring entity's org, bare `x` in its org and
 * project. Undefined when the reference is malformed or the referring entity's scope lacks the
 * org or project the reference needs.
 */
function scope_lookupScope(ref, from) {
    const parsed = scope_parseRef(ref);
    if (!parsed)
        return undefined;
    const { identifier, level } = parsed;
    if (level === 'account')
        return { identifier, scope: { level } };
    if (!from.org)
        return undefined;
    if (level === 'org')
        return { identifier, scope: { level, org: from.org } };
    return from.project ? { identifier, scope: { level, org: from.org, project: from.project } } : undefined;
}
/** One key per (scope, identifier): what Harness answers once. */
const scope_scopedKey = (scope, identifier) => JSON.stringify([scope.level, scope.org ?? null, scope.project ?? null, identifier]);
/** How a reference from inside `scope` names an entity at `scope`: `account.x`, `org.x` or `x`. */
const refAt = (scope, identifier) => scope.level === 'account' ? `account.${identifier}` : scope.level === 'org' ? `org.${identifier}` : identifier;
/** "account scope", "org O", "project O/P": where an entity lives, for messages. */
const scopeName = (scope) => (scope.level === 'account' ? 'account scope' : scope_formatScope(scope));

;// CONCATENATED MODULE: ./src/engine/hand-over.ts



const isLoc = (o) => typeof o.start === 'number' && typeof o.flags === 'number';
/**
 * Packs a batch in a worker. Each entity's facts are packed as the scan makes them, straight from
 * the parsed file's views (`facts`), as `toLocs` and then packing its locs would give them, without
 * the locs between (on the 10,000-pipeline repo the worker's facts and packing took 347 ms that
 * way, 304 ms this way). Facts already made as locs (the images a report collects) are packed from them.
 */
class BatchPacker {
    strings = [];
    indexes = new Map();
    /** Objects packed in place (see `pack`). */
    packed = new Set();
    string(s) {
        let i = this.indexes.get(s);
        if (i === undefined)
            this.indexes.set(s, (i = this.strings.push(s) - 1));
        return -1 - i;
    }
    /** An entity of file `file`, its views as packed locs (`root` as for `toLocs`). For `ScanOptions.facts`. */
    facts = (entity, root, file) => {
        const seen = new Map();
        const loc = (at, start, end, value, path, flags) => this.wire(file, at, start, end, value, path, flags);
        const go = (v) => {
            if (v instanceof View)
                return locWith(v, root, loc);
            if (typeof v === 'string')
                return this.string(v);
            if (typeof v === 'number')
                return number(v);
            // Booleans, null, and undefined (which JSON leaves out of an object).
            if (typeof v !== 'object' || v === null)
                return v;
            if (Array.isArray(v))
                return notNumbers(v.map(go));
            // An object met again (a stage's infrastructure) is the same packed object; a frozen one (an
            // empty list or object, a scope) is packed as a copy.
            const known = seen.get(v);
            if (known !== undefined)
                return known;
            const out = { ...v };
            seen.set(v, out);
            for (const k in out)
                out[k] = go(out[k]);
            return out;
        };
        return go(entity);
    };
    /** A loc of scan `file`, packed: `[pos, end, value, path]`, and its own file when that is another. */
    wire(file, at, start, end, value, path, flags) {
        const packedValue = typeof value === 'string' ? this.string(value) : typeof value === 'number' ? number(value) : value;
        const loc = [start * 256 + flags, end, packedValue, path === undefined ? null : this.string(path)];
        if (at !== file)
            loc.push(this.string(at));
        return loc;
    }
    /** Facts of scan `file` made as locs, packed in place (the objects are thrown away after). */
    pack(v, file) {
        if (typeof v === 'string')
            return this.string(v);
        if (typeof v === 'number')
            return number(v);
        if (typeof v !== 'object' || v === null)
            return v;
        if (isLoc(v))
            return this.wire(file, v.file, v.start, v.end, v.value, v.path, v.flags);
        // Facts share objects (a stage's infrastructure, a scope): each is packed once, in place, and
        // a frozen one (an empty list or object, a scope) as a copy.
        if (this.packed.has(v))
            return v;
        if (Object.isFrozen(v))
            return this.pack(Array.isArray(v) ? [...v] : { ...v }, file);
        this.packed.add(v);
        if (Array.isArray(v)) {
            for (let i = 0; i < v.length; i++)
                v[i] = this.pack(v[i], file);
            return notNumbers(v);
        }
        const o = v;
        for (const k in o)
            o[k] = this.pack(o[k], file);
        return o;
    }
    /** The batch, ready to post: its entities packed already (by `facts`), its images packed here. */
    finish(scans) {
        const lines = scans.map((scan) => {
            const { lines } = scan;
            delete scan.lines;
            if (scan.images)
                scan.images = this.pack(scan.images, scan.file);
            return lines;
        });
        return { json: JSON.stringify(scans), strings: this.strings, lines };
    }
}
/** Packs a batch of scans whose facts are locs. The scans are thrown away after: they are packed in place. */
function packScans(scans) {
    const packer = new BatchPacker();
    for (const scan of scans)
        scan.entities = packer.pack(scan.entities, scan.file);
    return packer.finish(scans);
}
/** A number as packed: as its text when JSON cannot carry it or it would read as a string's index. */
const number = (n) => (Object.is(n, -0) ? '-0' : Number.isFinite(n) && n >= 0 ? n : String(n));
/** A packed list, unless it is a list of numbers, which would read as a loc: facts hold none. */
function notNumbers(list) {
    if (typeof list[0] === 'number' && list[0] >= 0)
        throw new Error('a scan fact is a list of numbers, which the hand-over cannot carry');
    return list;
}
/**
 * The scans of a packed batch (in the main thread), with their facts as facts made in this thread
 * are: each string kept once (`shared`), every empty list `NONE`, every empty object `EMPTY`, each
 * scope the one `scopeOf` gives, and a loc the worker shared between facts (the same node) one loc again.
 */
function hand_over_unpackScans(batch) {
    const strings = batch.strings.map(shared);
    const scans = JSON.parse(batch.json);
    scans.forEach((scan, i) => {
        const file = (scan.file = shared(scan.file));
        /** This file's locs by start and flags (a key and the map it opens start together; their flags differ). */
        const locs = new Map();
        const unpack = (v) => {
            if (typeof v === 'number')
                return v < 0 ? strings[-1 - v] : v;
            if (typeof v === 'string')
                return Number(v);
            if (typeof v !== 'object' || v === null)
                return v;
            if (Array.isArray(v)) {
                if (!v.length)
                    return NONE;
                if (typeof v[0] === 'number' && v[0] >= 0)
                    return unpackLoc(v);
                for (let k = 0; k < v.length; k++)
                    v[k] = unpack(v[k]);
                return v;
            }
            let empty = true;
            for (const k in v) {
                empty = false;
                const x = unpack(v[k]);
                v[k] = (k === 'scope' && isScope(x) ? scopeOf(x.org, x.project) : x);
            }
            return empty ? EMPTY : v;
        };
        const unpackLoc = ([pos, end, value, path, other]) => {
            const own = other === undefined;
            const loc = makeLoc(own ? file : strings[-1 - other], Math.floor(pos / 256), end, unpack(value), path === null ? undefined : strings[-1 - path], pos % 256);
            const known = own ? locs.get(pos) : undefined;
            if (known && known.end === loc.end && known.value === loc.value && known.path === loc.path)
                return known;
            if (own && !known)
                locs.set(pos, loc);
            return loc;
        };
        scan.entities = unpack(scan.entities);
        if (scan.images)
            scan.images = unpack(scan.images);
        const lines = batch.lines[i];
        if (lines)
            scan.lines = lines;
    });
    return scans;
}
const isScope = (x) => !!x && typeof x === 'object' && typeof x.level === 'string';

;// CONCATENATED MODULE: ./src/model/booleans.ts
/**
 * How Harness reads a boolean field: Jackson 2, into a Java Boolean. Its YAML parser resolves
 * plain scalars as YAML 1.1 does, so an unquoted `yes`, `no`, `on` or `off` (in any of their three
 * spellings) is a boolean there, where YAML 1.2 reads a string. Its boolean reader also takes the
 * strings "true", "True" and "TRUE" (and "false", "False", "FALSE"), quoted or filled in by an input
 * set. Undefined for any other value (a quoted "no", `1`, a runtime input). `style` is how the
 * value is written, when it is written as a whole scalar; without it only the second rule applies.
 */
function booleans_jacksonBoolean(value, style) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value !== 'string')
        return undefined;
    if (JACKSON_TRUE.has(value) || (style === 'PLAIN' && YAML11_TRUE.has(value)))
        return true;
    if (JACKSON_FALSE.has(value) || (style === 'PLAIN' && YAML11_FALSE.has(value)))
        return false;
    return undefined;
}
/** A plain scalar that YAML 1.2 reads as a string and Harness as a boolean (`no`, `On`, `YES`). */
const isYaml11Boolean = (value, style) => typeof value === 'string' && style === 'PLAIN' && (YAML11_TRUE.has(value) || YAML11_FALSE.has(value));
const spellings = (...words) => new Set(words.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()]));
const JACKSON_TRUE = spellings('true');
const JACKSON_FALSE = spellings('false');
/** SnakeYAML's YAML 1.1 boolean words, which Jackson 2's YAML parser takes as booleans (its `_matchYAMLBoolean`). */
const YAML11_TRUE = spellings('yes', 'on');
const YAML11_FALSE = spellings('no', 'off');

;// CONCATENATED MODULE: ./src/model/harness-images.json
const harness_images_namespaceObject = /*#__PURE__*/JSON.parse('{"$comment":"Harness CI image names (harness-yaml.md section 5, from the Harness CI images docs page). \'generic\' names are only flagged when flattened with their namespace. executionConfigFields maps execution-config fields to the image name each must keep.","images":[{"name":"harness/ci-addon"},{"name":"harness/ci-lite-engine"},{"name":"harness/drone-git"},{"name":"harness/harness-cache-server"},{"name":"harness/sto-plugin"},{"name":"harness/ssca-plugin"},{"name":"harness/ssca-artifact-signing-plugin"},{"name":"harness/ssca-cdxgen-plugin"},{"name":"harness/slsa-plugin"},{"name":"harness/ssca-compliance-plugin"},{"name":"harness/cookiecutter","generic":true},{"name":"harness/createrepo","generic":true},{"name":"harness/directpush"},{"name":"harness/registercatalog"},{"name":"harness/createcatalog"},{"name":"harness/slacknotify"},{"name":"harness/createorganisation"},{"name":"harness/createproject","generic":true},{"name":"harness/createresource","generic":true},{"name":"harness/updatecatalogproperty"},{"name":"harness/twistlock-job-runner"},{"name":"harness/owasp-dependency-check-job-runner"},{"name":"harness/veracode-agent-job-runner"},{"name":"plugins/kaniko"},{"name":"plugins/kaniko-ecr"},{"name":"plugins/kaniko-acr"},{"name":"plugins/kaniko-gcr"},{"name":"plugins/kaniko-gar"},{"name":"plugins/docker","generic":true},{"name":"plugins/ecr","generic":true},{"name":"plugins/acr","generic":true},{"name":"plugins/gar","generic":true},{"name":"plugins/buildx","generic":true},{"name":"plugins/buildx-ecr"},{"name":"plugins/buildx-acr"},{"name":"plugins/buildx-gar"},{"name":"plugins/cache","generic":true},{"name":"plugins/s3","generic":true},{"name":"plugins/gcs","generic":true},{"name":"plugins/artifactory","generic":true},{"name":"plugins/download-artifactory"},{"name":"plugins/test-analysis"},{"name":"plugins/artifact-metadata-publisher"},{"name":"plugins/aws-oidc"},{"name":"plugins/gcp-oidc"},{"name":"plugins/buildah-docker"},{"name":"plugins/drone-liquibase"},{"name":"plugins/image-migration"},{"name":"plugins/email","generic":true},{"name":"plugins/githubaction","generic":true},{"name":"plugins/harness_terraform"},{"name":"plugins/harness_checkov"},{"name":"plugins/harness_tf_compliance"},{"name":"plugins/harness_tf_lint"},{"name":"plugins/harness_tf_sec"}],"executionConfigFields":{"addonTag":"harness/ci-addon","liteEngineTag":"harness/ci-lite-engine","addonTagRootless":"harness/ci-addon","liteEngineTagRootless":"harness/ci-lite-engine","gitCloneTag":"harness/drone-git","gitClone":"harness/drone-git","buildAndPushDockerRegistryTag":"plugins/kaniko","buildAndPushDockerRegistry":"plugins/kaniko","buildAndPushECRTag":"plugins/kaniko-ecr","buildAndPushECR":"plugins/kaniko-ecr","buildAndPushACRTag":"plugins/kaniko-acr","buildAndPushACR":"plugins/kaniko-acr","buildAndPushGCRTag":"plugins/kaniko-gcr","buildAndPushGCR":"plugins/kaniko-gcr","buildAndPushGARTag":"plugins/kaniko-gar","buildAndPushBuildxDockerRegistryTag":"plugins/buildx","buildAndPushBuildxECRTag":"plugins/buildx-ecr","buildAndPushBuildxGARTag":"plugins/buildx-gar","buildAndPushBuildxACRTag":"plugins/buildx-acr","gcsUploadTag":"plugins/gcs","gcsUpload":"plugins/gcs","s3UploadTag":"plugins/s3","s3Upload":"plugins/s3","artifactoryUploadTag":"plugins/artifactory","artifactoryUpload":"plugins/artifactory","cacheGCSTag":"plugins/cache","cacheGCS":"plugins/cache","cacheS3Tag":"plugins/cache","cacheS3":"plugins/cache","cacheProxyImage":"harness/harness-cache-server","securityTag":"harness/sto-plugin","security":"harness/sto-plugin","sscaOrchestrationTag":"harness/ssca-plugin","sscaEnforcementTag":"harness/ssca-plugin","sscaArtifactSigningTag":"harness/ssca-artifact-signing-plugin","sscaArtifactVerificationTag":"harness/ssca-artifact-signing-plugin","sscaCdxgenOrchestrationTag":"harness/ssca-cdxgen-plugin","provenanceTag":"harness/slsa-plugin","slsaVerificationTag":"harness/slsa-plugin","sscaComplianceTag":"harness/ssca-compliance-plugin","iacmTerraform":"plugins/harness_terraform","iacmCheckov":"plugins/harness_checkov","iacmTFCompliance":"plugins/harness_tf_compliance","iacmTFLint":"plugins/harness_tf_lint","iacmTFSec":"plugins/harness_tf_sec","cookieCutter":"harness/cookiecutter","createRepo":"harness/createrepo","directPush":"harness/directpush","registerCatalog":"harness/registercatalog","createCatalog":"harness/createcatalog","slackNotify":"harness/slacknotify","createOrganisation":"harness/createorganisation","createProject":"harness/createproject","createResource":"harness/createresource","updateCatalogProperty":"harness/updatecatalogproperty"}}');
;// CONCATENATED MODULE: ./src/model/images.ts


const defaultCatalogue = harness_images_namespaceObject;
/** The built-in image catalogue plus extra names (the config's `harnessImages`). */
function catalogueWith(extra, base = defaultCatalogue) {
    if (!extra?.length)
        return base;
    const names = new Set(base.images.map((e) => e.name));
    return { ...base, images: [...base.images, ...extra.filter((n) => !names.has(n)).map((name) => ({ name }))] };
}
/**
 * Parses an image reference such as `gcr.io/gcr-prod/harness/ci-addon:1.16@sha256:...`. A Harness
 * expression may stand for the tag or digest (`ci-addon:<+pipeline.sequenceId>`): the registry and
 * name are still literal, so the image is known. One in the registry or name leaves it unknown.
 */
function parseImage(raw) {
    let image = parsedImages.get(raw);
    if (image === undefined) {
        if (parsedImages.size >= 10_000)
            parsedImages.clear();
        // Kept from a copy: a slice of the file's text would keep the whole text alive.
        const own = ownCopy(raw);
        image = readImage(own) ?? null;
        if (image)
            Object.freeze(Object.freeze(image).path);
        parsedImages.set(own, image);
    }
    return image ?? undefined;
}
/**
 * Each image text parsed once: a repo names the same few images in thousands of steps (the
 * 10,000-pipeline repo parses 106,000 image fields, of five texts). Frozen, as they are shared.
 */
const parsedImages = new Map();
function readImage(raw) {
    const s = raw.trim().replace(/^[a-z]+:\/\//i, '');
    const masked = maskExpressions(s);
    if (!masked || /\s/.test(masked))
        return undefined;
    let end = masked.length;
    let digest;
    const at = masked.indexOf('@');
    if (at >= 0) {
        digest = s.slice(at + 1);
        end = at;
    }
    let tag;
    const colon = masked.lastIndexOf(':', end - 1);
    if (colon > masked.lastIndexOf('/', end - 1)) {
        tag = s.slice(colon + 1, end);
        end = colon;
    }
    const name = s.slice(0, end);
    if (name.includes('<+'))
        return undefined;
    const parts = name.split('/').filter(Boolean);
    if (!parts.length)
        return undefined;
    let registry;
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]))
        registry = parts.shift().toLowerCase();
    return { registry, path: parts, tag, digest };
}
/**
 * The text with each Harness expression (`<+...>`, nested ones too) blanked out character for
 * character, so that a `:`, `/` or `@` inside one is not read as part of the reference. Undefined
 * for an expression left open.
 */
function maskExpressions(s) {
    if (!s.includes('<+'))
        return s;
    let out = '';
    let depth = 0;
    for (let i = 0; i < s.length; i++) {
        if (s.startsWith('<+', i)) {
            depth++;
            out += '__';
            i++;
        }
        else if (depth > 0) {
            if (s[i] === '>')
                depth--;
            out += '_';
        }
        else
            out += s[i];
    }
    return depth === 0 ? out : undefined;
}
/** The tag and digest as written after the name: `:1.16@sha256:…`. */
const imageSuffix = (image) => (image.tag ? ':' + image.tag : '') + (image.digest ? '@' + image.digest : '');
/** True for the Harness-hosted registry that reached end of life on 15 May 2024. */
function isAppHarnessRegistryHost(host) {
    return !!host && /^app[0-9]*\.harness\.io(:443)?$/.test(host.toLowerCase());
}
function isAppHarnessImage(image) {
    return isAppHarnessRegistryHost(image.registry) && image.path[0]?.toLowerCase() === 'registry';
}
/** Normalises a registry URL: scheme optional, case, empty path segments (`//`), trailing slash and `/v2` do not matter. */
function normaliseRegistryUrl(raw) {
    const s = raw.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    if (!s || /\s|<\+/.test(s))
        return undefined;
    const slash = s.indexOf('/');
    // `user:password@host`: the user info is not part of the host.
    const authority = slash < 0 ? s : s.slice(0, slash);
    const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
    let path = slash < 0
        ? ''
        : s
            .slice(slash)
            .split(/[?#]/)[0]
            .replace(/\/{2,}/g, '/');
    path = path.replace(/\/+$/, '').replace(/\/v2$/i, '').replace(/\/+$/, '');
    return { host, path };
}
/**
 * A URL (or the YAML text of one, quotes and all) as a message or report may quote it: a password
 * or token written into it (`https://user:pw@host`) is hidden. Only a URL with a scheme: an image
 * pinned by digest (`ci-addon@sha256:…`) has an `@` too.
 */
const redactUserInfo = (raw) => raw.replace(/^(\s*["']?[a-z][a-z0-9+.-]*:\/\/)[^/\s"']*@/i, '$1***@');
function isAppHarnessRegistryUrl(raw) {
    const url = normaliseRegistryUrl(raw);
    return !!url && isAppHarnessRegistryHost(url.host) && /^\/registry(\/|$)/i.test(url.path);
}
const norm = (s) => s.toLowerCase().replace(/_/g, '-');
/** The names Docker Hub goes by: an image under one of them is a Docker Hub image. */
const DOCKER_HUB_HOSTS = new Set([
    'registry.hub.docker.com',
    'index.docker.io',
    'docker.io',
    'registry-1.docker.io',
    'hub.docker.com',
]);
/** On Docker Hub (no registry, or one of its names) a reference is `namespace/name`: no mirror prefix can come before. */
const isOnDockerHub = (image) => !image.registry || DOCKER_HUB_HOSTS.has(image.registry.toLowerCase());
/**
 * Finds a Harness image whose name a mirror changed: only the registry prefix and the tag may
 * differ from the catalogue name. Returns undefined for exact Harness names and users' own images.
 */
function findRenamedHarnessImage(image, catalogue) {
    // Parsed images are shared (see `parseImage`): each is judged once per catalogue.
    let judged = renamedIn.get(catalogue);
    if (!judged)
        renamedIn.set(catalogue, (judged = new WeakMap()));
    let renamed = judged.get(image);
    if (renamed === undefined) {
        renamed = findRenamed(image, catalogue) ?? null;
        judged.set(image, renamed && Object.freeze(renamed));
    }
    return renamed ?? undefined;
}
const renamedIn = new WeakMap();
function findRenamed(image, catalogue) {
    const path = image.path;
    const joined = path.join('/').toLowerCase();
    const index = images_indexOf(catalogue);
    if (index.names.has(joined))
        return undefined;
    for (let i = joined.indexOf('/'); i >= 0; i = joined.indexOf('/', i + 1))
        if (index.names.has(joined.slice(i + 1)))
            return undefined;
    const last = norm(path[path.length - 1]);
    const namespace = path.length > 1 ? path[path.length - 2].toLowerCase() : undefined;
    // The first catalogue entry (in catalogue order) that the last path segment names.
    const candidates = [...(index.byFlattened.get(last) ?? []), ...(index.byName.get(last) ?? [])].sort((a, b) => a - b);
    for (const i of candidates) {
        const entry = catalogue.images[i];
        const [ns, name] = entry.name.split('/');
        const flattened = last === norm(`${ns}-${name}`);
        // The bare name alone is only a renamed Harness image behind a mirror host or under Harness's own
        // namespace: `bitnami/kaniko` or `drone/drone-git` on Docker Hub are other people's images.
        const dockerHub = isOnDockerHub(image);
        const sameName = last === norm(name) && !entry.generic && (!dockerHub || namespace === ns);
        if (!flattened && !sameName)
            continue;
        const keep = dockerHub ? [] : namespace === ns ? path.slice(0, -2) : path.slice(0, -1);
        const prefix = [image.registry, ...keep].filter(Boolean).join('/');
        return { expected: entry.name, suggestion: `${prefix ? prefix + '/' : ''}${entry.name}${imageSuffix(image)}` };
    }
    return undefined;
}
/**
 * How many catalogue entries a normalised image name (`harness-ci-addon`, `ci-addon`) can stand
 * for: as an entry's flattened `ns-name`, or as its bare name when that name is Harness's alone.
 */
function catalogueEntriesNamed(last, catalogue) {
    return catalogueNamesFor(last, catalogue).length;
}
/** The catalogue names (`harness/ci-addon`) a normalised image name can stand for (see `catalogueEntriesNamed`). */
function catalogueNamesFor(last, catalogue) {
    const index = images_indexOf(catalogue);
    const found = new Set(index.byFlattened.get(last));
    for (const i of index.byName.get(last) ?? [])
        if (!catalogue.images[i].generic)
            found.add(i);
    return [...found].map((i) => catalogue.images[i].name);
}
const indexes = new WeakMap();
/** Lookups for `findRenamedHarnessImage`, built once per catalogue: it runs for every image in the repo. */
function images_indexOf(catalogue) {
    let index = indexes.get(catalogue);
    if (index)
        return index;
    index = { names: new Set(catalogue.images.map((e) => e.name)), byFlattened: new Map(), byName: new Map() };
    const add = (map, key, i) => map.set(key, [...(map.get(key) ?? []), i]);
    catalogue.images.forEach((entry, i) => {
        const [ns, name] = entry.name.split('/');
        add(index.byFlattened, norm(`${ns}-${name}`), i);
        add(index.byName, norm(name), i);
    });
    indexes.set(catalogue, index);
    return index;
}
/**
 * The field→image map of an execution-config document that is not the update-config list: the
 * `data` of a get-customer-config or get-default-config answer saved as it came, or such a map on
 * its own. Undefined unless some key is an execution-config field Harness documents.
 */
function executionConfigMap(root) {
    const data = root.get('data');
    const map = data?.isMap ? data : root;
    return map.isMap && map.entries().some((e) => Object.hasOwn(defaultCatalogue.executionConfigFields, e.key)) ? map : undefined;
}
/** A cheap test of a JSON text for a field of that map, before it is parsed (JSON is otherwise read only as a list). */
const mentionsExecutionConfigField = (text) => EXECUTION_CONFIG_FIELD.test(text);
const EXECUTION_CONFIG_FIELD = new RegExp(`"(${Object.keys(defaultCatalogue.executionConfigFields).join('|')})"\\s*:`);
/** For an execution-config override value: the name it must keep, if it does not. */
function executionConfigMismatch(field, value, catalogue) {
    // Own keys only: a field named `toString` is no field of the map.
    const expected = Object.hasOwn(catalogue.executionConfigFields, field) ? catalogue.executionConfigFields[field] : undefined;
    const image = parseImage(value);
    if (!image)
        return undefined;
    // A field this catalogue does not map still names a Harness image: one renamed is as wrong here.
    if (!expected)
        return findRenamedHarnessImage(image, catalogue)?.expected;
    const joined = image.path.join('/').toLowerCase();
    return joined === expected || joined.endsWith('/' + expected) ? undefined : expected;
}

;// CONCATENATED MODULE: ./src/model/yaml-edits.ts


const marked = (edit, aliased) => (aliased ? { ...edit, aliased: true } : edit);
/**
 * The edit as safe wherever an alias uses the node: for a value that breaks a policy wherever it
 * is (an app.harness.io registry URL or image), so changing every use of it is the fix.
 */
const evenIfAliased = (edit) => edit && plainEdit(edit);
/** An edit as it is output: where and what, without `aliased`. */
const plainEdit = ({ start, end, text }) => ({ start, end, text });
/** Replaces a scalar, keeping its quote style. Block scalars and collections are not replaced (undefined). */
function replaceScalar(view, value) {
    if (!view.isScalar)
        return undefined;
    const [start, end] = view.range;
    const text = formatScalar(view.style, view.inFlow, start === end, value);
    if (text === undefined || view.file.text.slice(start, end) === text)
        return undefined;
    return marked({ start, end, text }, view.aliased);
}
/** `replaceScalar` for a node known by its loc (the model keeps no text): no edit when the value is already `value`. */
function replaceScalarAt(loc, value) {
    if (isEmbedded(loc) || isKey(loc) || String(loc.value) === String(value))
        return undefined;
    const text = formatScalar(loc_styleOf(loc), inFlow(loc), loc.start === loc.end, value);
    return text === undefined ? undefined : marked({ start: loc.start, end: loc.end, text }, isAliased(loc));
}
function formatScalar(style, inFlow, empty, value) {
    // An empty plain scalar (`key:` with no value) has no range to replace in place (see `setMapValue`).
    if (empty)
        return undefined;
    if (typeof value !== 'string')
        return String(value);
    switch (style) {
        case 'QUOTE_DOUBLE':
            return doubleQuoted(value);
        case 'QUOTE_SINGLE':
            return `'${value.replace(/'/g, "''")}'`;
        case 'BLOCK_FOLDED':
        case 'BLOCK_LITERAL':
            return undefined;
        default:
            return isPlainSafe(value, inFlow) ? value : doubleQuoted(value);
    }
}
/** JSON string escapes are valid in a YAML double-quoted scalar. */
const doubleQuoted = (s) => JSON.stringify(s);
/**
 * True when `s` can be written as a plain scalar in block and flow context alike and still reads
 * back as the same string (not a number, boolean or null, no indicator that changes the parse).
 * Checked by parsing it (in flow context too unless `flow` is false), under the YAML 1.2 and 1.1 schemas.
 */
function isPlainSafe(s, flow = true) {
    const key = `${flow ? 'f' : 'b'}${s}`;
    let safe = plainSafe.get(key);
    if (safe === undefined) {
        if (plainSafe.size > 10_000)
            plainSafe.clear();
        plainSafe.set(key, (safe = checkPlainSafe(s, flow)));
    }
    return safe;
}
/** Answers of `isPlainSafe`, which parses: a repo asks the same few replacement values thousands of times. */
const plainSafe = new Map();
function checkPlainSafe(s, flow) {
    // A `#` is a comment only after a space (or at the start): the parses below tell.
    if (!s || s !== s.trim() || /[\r\n\t]/.test(s))
        return false;
    const contexts = [[`k: ${s}`, ['k']]];
    if (flow)
        contexts.push([`[${s}]`, [0]]);
    for (const version of ['1.2', '1.1'])
        for (const [text, path] of contexts) {
            const doc = (0,dist/* parseDocument */.Tp)(text, { version });
            if (doc.errors.length || doc.warnings.length)
                return false;
            const node = doc.getIn(path, true);
            if (!(0,dist/* isScalar */.jn)(node) || node.type !== 'PLAIN' || node.value !== s)
                return false;
            if ((0,dist/* isSeq */.oP)(doc.contents) && doc.contents.items.length !== 1)
                return false;
        }
    return true;
}
/**
 * Sets `key` in a map to `value`: replaces the value when the key exists (keeping its quotes),
 * otherwise inserts `key: value` after the map's last entry at the map's indentation (block maps)
 * or before the closing brace (flow maps), with the line ending used where it is inserted.
 */
function setMapValue(map, key, value) {
    if (!map.isMap)
        return undefined;
    const existing = map.entries().find((e) => e.key === key);
    const flow = map.isFlow || map.inFlow;
    const scalar = typeof value === 'string' && !isPlainSafe(value, flow) ? doubleQuoted(value) : String(value);
    if (existing?.value?.isScalar && existing.value.range[0] === existing.value.range[1] && existing.value.value == null) {
        // `key:` with nothing after it but spaces or a comment: the value goes right after the colon.
        // Anything else there (a tag, an anchor, a flow map's `,`) is left to a person.
        const text = map.file.text;
        const colon = text.indexOf(':', existing.keyView.range[1]);
        const rest = colon < 0 ? undefined : (flow ? /^[^,}\r\n]*/ : /^[^\r\n]*/).exec(text.slice(colon + 1))[0];
        if (rest === undefined || !/^[ \t]*(?:#.*)?$/.test(rest))
            return undefined;
        return marked({ start: colon + 1, end: colon + 1, text: ` ${scalar}` }, existing.value.aliased);
    }
    if (existing)
        return existing.value ? replaceScalar(existing.value, value) : undefined;
    const edit = insertPair(map, `${key}: ${scalar}`);
    return edit && marked(edit, map.aliased);
}
function insertPair(map, pairText) {
    const text = map.file.text;
    const [mapStart, mapEnd] = map.range;
    const entries = map.entries();
    const last = entries.at(-1);
    if (map.isFlow) {
        const close = lastNonSpace(text, mapStart, mapEnd);
        if (text[close] !== '}')
            return undefined;
        if (!last)
            return { start: close, end: close, text: pairText };
        const lastEnd = (last.value ?? last.keyView).range[1];
        return { start: lastEnd, end: lastEnd, text: `, ${pairText}` };
    }
    const first = entries[0];
    if (!first || !last)
        return undefined;
    const firstKey = first.keyView.range[0];
    const lastEnd = (last.value ?? last.keyView).range[1];
    const lineStart = text.lastIndexOf('\n', firstKey - 1) + 1;
    const indent = ' '.repeat(firstKey - lineStart);
    // A last value that keeps its trailing blank lines (`|+`, `>+`), at any depth, owns them: a pair
    // after it would change the value, so the pair goes before the first one, and above the comment
    // lines right over it (a `disable-next-line` comment must stay on the line before its key).
    if (endsWithKeptLines(last.value)) {
        // Only for a key that starts its line: above a `- key:` line the comments belong to the list.
        const at = text.slice(lineStart, firstKey).trim() === '' ? commentsAbove(text, lineStart, indent.length) + indent.length : firstKey;
        return { start: at, end: at, text: pairText + eolAt(text, lineEndAt(text, firstKey)) + indent };
    }
    // After the last visible character of the last entry, at the end of its line (past any comment).
    let at = lastNonSpace(text, firstKey, lastEnd) + 1;
    while (at < text.length && text[at] !== '\n' && text[at] !== '\r')
        at++;
    return { start: at, end: at, text: eolAt(text, at) + indent + pairText };
}
/**
 * The node's text ends with a block scalar that keeps its trailing blank lines: it is one, or the
 * last value of a block map or the last item of a block list ends with one.
 */
function endsWithKeptLines(node) {
    while (node && !node.isScalar && !node.isFlow)
        node = node.isMap ? node.entries().at(-1)?.value : node.items().at(-1);
    if (!node?.isScalar)
        return false;
    const start = node.range[0];
    return /^[|>](?:[1-9]?\+|\+[1-9]?)/.test(node.file.text.slice(start, start + 3));
}
/** The start of the first of the comment lines, at `indent` spaces, right above the line starting at `lineStart` (or that line). */
function commentsAbove(text, lineStart, indent) {
    let start = lineStart;
    while (start > 0) {
        const prev = text.lastIndexOf('\n', start - 2) + 1;
        const line = text.slice(prev, start - 1).replace(/\r$/, '');
        if (line.length <= indent || line[indent] !== '#' || line.slice(0, indent).trim() !== '')
            break;
        start = prev;
    }
    return start;
}
/** Where the line holding `offset` ends (at its `\r\n` or `\n`), or the end of the text. */
function lineEndAt(text, offset) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0)
        return text.length;
    return text[nl - 1] === '\r' ? nl - 1 : nl;
}
function lastNonSpace(text, from, to) {
    let i = Math.min(to, text.length) - 1;
    while (i > from && /\s/.test(text[i]))
        i--;
    return i;
}
/** The line ending at `offset`, or the file's first one when `offset` is at the end of the text. */
function eolAt(text, offset) {
    if (text[offset] === '\r' && text[offset + 1] === '\n')
        return '\r\n';
    if (text[offset] === '\n')
        return '\n';
    const first = text.indexOf('\n');
    return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

;// CONCATENATED MODULE: ./src/model/runtime-input.ts
const INPUT = '<+input>';
function runtime_input_classifyValue(raw) {
    const s = raw.trim();
    if (s.startsWith(INPUT)) {
        const out = { kind: 'input' };
        for (const m of s.slice(INPUT.length).matchAll(/\.(\w+)\((.*?)\)(?=\.\w+\(|$)/g)) {
            const [, name, arg] = m;
            if (name === 'default')
                out.default = arg.trim();
            else if (name === 'allowedValues' || name === 'selectOneFrom' || name === 'selectManyFrom')
                out.allowedValues = arg
                    .split(',')
                    .map((v) => v.trim())
                    .filter(Boolean);
        }
        return out;
    }
    if (s.includes('<+'))
        return { kind: 'expression' };
    return { kind: 'literal', value: s };
}
/** The variable a value that is exactly `<+pipeline.variables.x>` names, else undefined. */
const runtime_input_pipelineVariableName = (raw) => /^<\+pipeline\.variables\.([\w-]+)>$/.exec(raw.trim())?.[1];
/**
 * A field's raw text with one value of its runtime input's `.default()` or `allowedValues()` (and
 * `selectOneFrom`/`selectManyFrom`) replaced; undefined when the value is not there as a whole argument.
 * A list that already offers `to` drops `from` instead: the same option twice is no choice.
 */
function replaceInputOption(raw, from, to) {
    let found = false;
    const out = raw.replace(/(\.(default|allowedValues|selectOneFrom|selectManyFrom)\()(.*?)(\))/g, (_m, open, name, args, close) => {
        const list = name !== 'default';
        const offered = args.split(',').some((a) => a.trim() === to);
        let dropped = false;
        const parts = args.split(',').flatMap((a) => {
            if (a.trim() !== from)
                return [a];
            found = true;
            dropped = list && offered;
            return dropped ? [] : [a.replace(from, to)];
        });
        const joined = parts.join(',');
        return open + (dropped ? joined.trimStart() : joined) + close;
    });
    return found ? out : undefined;
}

;// CONCATENATED MODULE: ./src/model/scans.ts




const IMAGE = new Set(['image']);
const IMAGE_CONNECTOR = new Set(['harnessImageConnectorRef']);
/** What reads a stage's or step group's variables: an image field, and a step group's variables (a value `<+stage.variables.x>`). */
const READS_VARIABLES = new Set(['image', 'variables']);
/** For a report on a variable's image: each field that pulls it, as a related location (message `pulledBy`). */
function pulledByRelated(use) {
    return use.pulledBy ? { related: use.pulledBy.map((at) => ({ at, messageId: 'pulledBy', data: { expression: at.str } })) } : {};
}
/**
 * Every container image reference in a file, Harness or not: `image:` scalars (steps, service
 * dependencies, Kubernetes manifests, Compose), Helm-style `image: {registry, repository}` maps,
 * and execution-config override payloads (`[{field, value}]`).
 */
function imageUses(file) {
    return (file[USES] ??= findImageUses(file));
}
/**
 * Two rules and the report's image list read the same file's images: found once per parse and
 * kept on the parsed file, so that they are dropped with it. (In a WeakMap keyed by the file, whose
 * entries point back at it through their views, peak RSS on the 10k repo rose by about 90 MB.)
 */
const USES = Symbol('imageUses');
function findImageUses(file) {
    const out = [];
    // Stages (step groups) are looked for only in a file that names a stage (step-group) variable.
    const namesStageVariables = file.text.includes('<+stage.variables.');
    const namesGroupVariables = file.text.includes('<+stepGroup.variables.');
    /** An execution-config field and its value, from the update-config list or a field→image map. */
    const pushField = (field, value) => {
        const raw = value?.str?.trim();
        const image = raw ? parseImage(raw) : undefined;
        if (image)
            out.push({ view: value, raw: raw, image, kind: 'executionConfig', field });
    };
    for (const doc of file.docs) {
        const root = View.root(file, doc);
        if (!root)
            continue;
        if (root.isSeq) {
            for (const item of root.items()) {
                const field = item.text('field');
                if (field)
                    pushField(field, item.get('value'));
            }
        }
        const variables = root.isMap ? root.get('pipeline')?.get('variables') : undefined;
        const scopes = {
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
        const variablesOf = (raw, at) => {
            const ref = variableReference(raw);
            return ((ref && scopes[ref.scope]?.(at))?.flatMap((list) => {
                // Only a stage's or step group's variable is read through: a pipeline's is not looked at twice.
                const value = OUTER[ref.scope].length ? stringVariable(list, ref.name)?.get('value')?.str : undefined;
                const next = value !== undefined ? variableReference(value) : undefined;
                return next && OUTER[ref.scope].includes(next.scope) ? variablesOf(value, list) : [{ list, name: ref.name }];
            }) ?? []);
        };
        const fields = root.isMap ? executionConfigMap(root) : undefined;
        // In a map, only the keys that are execution-config fields: the rest (`status`, `metaData`) is the answer's.
        for (const { key, value } of fields?.entries() ?? [])
            if (Object.hasOwn(defaultCatalogue.executionConfigFields, key))
                pushField(key, value);
        findUnderKeys(root, IMAGE, (view) => {
            // Shown in messages and parsed without the line break a block scalar (`image: |`) ends with.
            const raw = view.str?.trim();
            if (raw !== undefined) {
                const value = runtime_input_classifyValue(raw);
                let pulled = false;
                if (value.kind === 'expression')
                    for (const { list, name } of variablesOf(raw, view))
                        pulled = pullVariable(list, name, view) || pulled;
                if (pulled)
                    return;
                if (value.kind === 'input') {
                    for (const option of [value.default, ...(value.allowedValues ?? [])]) {
                        const image = option ? parseImage(option) : undefined;
                        if (image)
                            out.push({ view, raw: option, image, kind: 'image', runtimeInput: true });
                    }
                    return;
                }
                const image = parseImage(raw);
                if (image)
                    out.push({ view, raw, image, kind: 'image' });
                return;
            }
            const repository = view.get('repository');
            const repo = repository?.str;
            if (!repository || !repo)
                return;
            const registry = view.text('registry')?.trim();
            const full = registry ? `${registry.replace(/\/+$/, '')}/${repo.trim()}` : repo.trim();
            const image = parseImage(full);
            const registryView = view.get('registry');
            if (image)
                out.push({ view: repository, raw: full, image, kind: 'helm', ...(registryView ? { registryView } : {}) });
        });
    }
    return out;
}
/** The scopes a variable's value may name a variable of and be read through (see `variablesOf`). */
const OUTER = { pipeline: [], stage: ['pipeline'], stepGroup: ['pipeline', 'stage'] };
/** `<+pipeline.variables.x>`, `<+stage.variables.x>` or `<+stepGroup.variables.x>` as the whole value: its scope and `x`. */
function variableReference(raw) {
    const m = /^<\+(pipeline|stage|stepGroup)\.variables\.([\w-]+)>$/.exec(raw.trim());
    return m ? { scope: m[1], name: m[2] } : undefined;
}
const lookup = (map) => (at) => map.get(at.addr);
/**
 * For each image field (or `variables` list) in a stage, or step group, that has variables (a `stage:`
 * (`stepGroup:`), a Stage (StepGroup) template's body, or the `templateInputs` of one that uses such a
 * template: the part of that body it sets), by the field's node: the `variables` of each one that
 * reaches it, which `<+stage.variables.x>` (`<+stepGroup.variables.x>`) reads. A field two stages
 * share through an alias reads each one's; a field in a stage inside another's (a chained pipeline's,
 * or the stage's own `templateInputs`) reads the inner one's, and likewise for step groups.
 */
function scopeVariables(root, key) {
    const scopes = [];
    const template = root.get('template');
    const body = template?.text('type')?.toLowerCase() === key.toLowerCase() ? template.get('spec') : undefined;
    if (body?.isMap)
        scopes.push(body);
    findUnderKeys(root, new Set([key]), (view) => {
        if (!view.isMap)
            return;
        scopes.push(view);
        const inputs = view.get('template')?.get('templateInputs');
        if (inputs?.isMap)
            scopes.push(inputs);
    });
    const withVariables = scopes.filter((scope) => scope.get('variables')?.isSeq);
    const addrs = new Set(withVariables.map((scope) => scope.addr));
    // Keys a body sits under: its `stage:` (`stepGroup:`), or the `templateInputs` of one that uses a template.
    const bodyKeys = new Set([key, 'templateInputs']);
    const out = new Map();
    for (const scope of withVariables) {
        const fields = new Set();
        findUnderKeys(scope, READS_VARIABLES, (view) => fields.add(view.addr));
        findUnderKeys(scope, bodyKeys, (inner) => {
            if (addrs.has(inner.addr))
                findUnderKeys(inner, READS_VARIABLES, (view) => fields.delete(view.addr));
        });
        for (const addr of fields)
            out.set(addr, [...(out.get(addr) ?? []), scope.get('variables')]);
    }
    return out;
}
/**
 * `image: <+pipeline.variables.x>` (or `<+stage.variables.x>`, `<+stepGroup.variables.x>`) pulls the
 * variable's value: one written in the same pipeline (or stage, step group) is known. The image is the
 * variable's `value`, where a fix changes it, once however many fields pull it; each of those is kept in `pulledBy`. Returns whether the
 * variable holds such an image.
 */
function variableImages(out) {
    const uses = new Map();
    return (variables, name, pulledAt) => {
        // By the list as well as the name: each stage and step group has its own variables.
        const key = `${variables.addr}\0${name}`;
        if (!uses.has(key))
            uses.set(key, variableImage(variables, name, out));
        const use = uses.get(key);
        // A field reached twice through an alias (`image: *i`) is one place: its anchor's.
        if (use && !(pulledAt.file.aliased && use.pulledBy.some((at) => at.same(pulledAt))))
            use.pulledBy.push(pulledAt);
        return !!use;
    };
}
/** The variable `name` of a list, when it is one that can hold an image name: a String variable (or one without a type). */
function stringVariable(variables, name) {
    const variable = variables.items().find((v) => v.text('name') === name);
    // Only a String variable holds an image name: a Secret's value names a secret, a Number's is a number.
    const type = variable?.text('type');
    return type === undefined || type.toLowerCase() === 'string' ? variable : undefined;
}
function variableImage(variables, name, out) {
    const value = stringVariable(variables, name)?.get('value');
    const raw = value?.str?.trim();
    // Read as the same value written in `image:` would be (an expression in the tag keeps it known); a runtime input is not known.
    const image = raw && runtime_input_classifyValue(raw).kind !== 'input' ? parseImage(raw) : undefined;
    if (!image)
        return undefined;
    const use = { view: value, raw: raw, image, kind: 'image', pulledBy: [] };
    out.push(use);
    return use;
}
/**
 * Where an Override Image Connector is: a stage's `infrastructure.spec` (Kubernetes),
 * `infrastructure.spec.spec` (VM pool) or `runtime.spec` (Docker runner), and a containerized step
 * group's `stepGroupInfra`. The same paths hold in templates, `templateInputs`, input sets and
 * triggers; a key of that name elsewhere (a Plugin setting, an environment variable) is not one.
 */
const IMAGE_CONNECTOR_PATH = /(?:^|\/)(?:spec\/(?:infrastructure\/spec(?:\/spec)?|runtime\/spec)|stepGroupInfra\/spec(?:\/spec)?)\/harnessImageConnectorRef$/;
/** Every Override Image Connector field (`harnessImageConnectorRef`) under an entity, with its path. */
function imageConnectorFields(root) {
    const out = [];
    const add = (at, path, anywhere = false) => {
        if (at.isScalar && path !== undefined && (anywhere || IMAGE_CONNECTOR_PATH.test(path)))
            out.push({ at, path });
    };
    // Through an alias (`harnessImageConnectorRef: *ref`), the place the key is at: `semanticPath` gives the anchor's.
    // A map reached again through an alias is walked once, by its first place: `spec: *infra` may make a map first
    // met as a step's `settings` an infrastructure's spec too. So a field inside an anchored node that an alias
    // uses counts wherever it is first met (a false positive there is rarer, and safer for a gate, than an
    // override hidden behind an alias).
    if (root.file.aliased)
        walk(root, ({ view, key, parent, path }) => {
            if (parent && key !== undefined && IMAGE_CONNECTOR.has(key))
                add(view, path, view.aliased);
        });
    else
        findUnderKeys(root, IMAGE_CONNECTOR, (view) => add(view, semanticPath(root, view)));
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
function listKey(path) {
    const segments = path.split('/');
    const item = segments.pop();
    const key = segments.pop();
    return item !== undefined && /^\d+$/.test(item) && key && !key.includes('=') ? key : undefined;
}
/** The text without the slashes it ends with (a regex would try each slash of a long text in turn). */
function withoutSlashes(text) {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 0x2f)
        end--;
    return text.slice(0, end);
}
/** Keys whose text is prose, not configuration. */
const PROSE_KEYS = new Set(['description', 'name']);
/** Except the `name` of an image map: an STO step's scan target (`image: {type: docker_v2, name: ...}`). */
const isProse = (key, path) => PROSE_KEYS.has(key) && !(key === 'name' && /(?:^|\/)image\/name$/.test(path));
/**
 * References to the retired registry inside strings that are not image or connector URL fields:
 * `docker pull app.harness.io/registry/...` in a command, an environment variable, a plugin
 * setting, `delegateDockerImage` in delegate Helm values. Found in the text of each scalar's own
 * range, so the offsets are exact. A mention counts when it names an image path, is the whole
 * value, or follows a container tool on its line: prose that merely names the host is left alone.
 */
function registryLeftovers(file, handled) {
    if (!/harness\.io(?::443)?\/+registry/i.test(file.text))
        return [];
    const out = [];
    for (const doc of file.docs) {
        const root = View.root(file, doc);
        if (!root)
            continue;
        walk(root, (visit) => {
            const { view } = visit;
            if (!view.isScalar || typeof view.value !== 'string')
                return;
            const key = visit.key ?? listKey(visit.path);
            if (key === undefined || isProse(key, visit.path) || handled(view))
                return;
            const [start, end] = view.range;
            const text = file.text.slice(start, end);
            // Worked out once per scalar, not per mention: a script can name the registry thousands of times.
            const bare = withoutSlashes(view.value.trim().replace(/^[a-z]+:\/\//i, ''));
            for (const m of text.matchAll(LEFTOVER)) {
                const whole = bare === withoutSlashes(m[0]);
                if (!m[1] && !whole && !TOOL_BEFORE.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index)))
                    continue;
                out.push({ view, key, start: start + m.index, end: start + m.index + m[0].length, match: m[0] });
            }
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/model/entities.ts








const ENTITY_KINDS = ['pipeline', 'connector', 'template', 'inputSet', 'overlayInputSet', 'trigger'];
/** Harness entities we recognise but whose YAML the policies do not read. */
const KNOWN_UNCHECKED = [
    'service',
    'environment',
    'infrastructureDefinition',
    'secret',
    'overrides',
    'policy',
    'policySet',
    'monitoredService',
    'featureFlags',
    'serviceOverrides',
];
const UNCHECKED = new Set(KNOWN_UNCHECKED);
/** A step kept whole, not as its `connectorRef` alone. */
const entities_isWholeStep = (s) => typeof s.role === 'string';
/**
 * A step's identifier; a plain step's is in its connectorRef's semantic path (`.../step=test/spec/connectorRef`),
 * read once per path (the same few paths recur in every pipeline).
 */
function entities_identifierOfStep(s) {
    if (entities_isWholeStep(s))
        return s.identifier;
    const path = s.path ?? '';
    let id = stepIdentifiers.get(path);
    if (id === undefined) {
        if (stepIdentifiers.size >= 10_000)
            stepIdentifiers.clear();
        stepIdentifiers.set(path, (id = /(?:^|\/)step=([^/]*)\/spec\/connectorRef$/.exec(path)?.[1] ?? ''));
    }
    return id;
}
const stepIdentifiers = new Map();
/** Kinds that make a file Harness YAML. */
const isHarness = (c) => c.kind !== 'other';
/**
 * Classifies one document by its top-level key and builds the typed entity. A Harness entity is a
 * map under its kind's key with an `identifier` (or a `name`) in it: Azure Pipelines' `trigger:`
 * list or Helm values' `service:` settings are not Harness entities.
 */
/** `scopePath` is the file's whole path: Git Experience folders in it give scopes the YAML leaves out. */
function classify(file, docIndex, scopePath) {
    const doc = file.docs[docIndex];
    const top = View.root(file, doc);
    if (top?.isSeq)
        return isExecutionConfig(top) ? { kind: 'harness-other' } : { kind: 'other' };
    if (!top?.isMap)
        return { kind: 'other' };
    const entries = top.entries();
    const version = top.get('version');
    if (version?.str === '1' && (top.has('pipeline') || top.has('kind') || top.has('spec')))
        return { kind: 'v1', at: version };
    const main = entries.find((e) => ENTITY_KINDS.includes(e.key) && e.value?.isMap && (e.value.has('identifier') || e.value.has('name')));
    if (!main) {
        if (executionConfigMap(top))
            return { kind: 'harness-other' };
        const single = entries.length === 1 ? entries[0] : undefined;
        if (!single?.value?.isMap || !single.value.has('identifier'))
            return { kind: 'other' };
        return UNCHECKED.has(single.key) ? { kind: 'harness-other' } : { kind: 'unknown-harness', at: single.keyView, key: single.key };
    }
    const root = main.value;
    const kind = main.key;
    const base = {
        identifier: root.text('identifier') ?? '',
        name: root.text('name'),
        scope: entityScope(kind, root, scopePath),
        rootKey: main.keyView,
    };
    const entity = (e) => ({ kind: 'entity', entity: e, root });
    switch (kind) {
        case 'connector':
            return entity(connector(base, root));
        case 'pipeline':
            return entity({
                ...base,
                kind: 'pipeline',
                stages: collectStages(root.get('stages')),
                codebaseConnectorRef: root.getIn(['properties', 'ci', 'codebase', 'connectorRef']),
                template: templateLink(root.get('template')),
                variables: variablesOf(root),
                imageConnectorFields: imageConnectorFields(root),
            });
        case 'template':
            return entity(template(base, root));
        case 'inputSet':
            return entity(inputSet(base, 'inputSet', root.get('pipeline'), root.get('pipeline')?.text('identifier')));
        case 'overlayInputSet':
            return entity({ ...base, kind: 'overlayInputSet', pipelineIdentifier: root.text('pipelineIdentifier') });
        case 'trigger': {
            const embedded = triggerInputs(file, root.get('inputYaml'));
            const set = inputSet(base, 'trigger', embedded?.pipeline, root.text('pipelineIdentifier'));
            if (isFalse(root.get('enabled')))
                set.disabled = true;
            return { kind: 'entity', entity: set, root, ...(embedded ? { embedded: embedded.source } : {}) };
        }
    }
}
/** `false`, as Harness reads a boolean with Jackson: the strings "false", "False" and "FALSE", and an unquoted `no` or `off`, too. */
const isFalse = (v) => booleans_jacksonBoolean(v?.value, v?.style) === false;
/** An execution-config override payload: a list of `{field, value}` (what `update-config` takes). */
function isExecutionConfig(top) {
    const items = top.items();
    return items.length > 0 && items.every((i) => i.isMap && i.has('field') && i.has('value'));
}
/** Folders of Git Experience's layout, `.harness/orgs/<org>/projects/<project>/...`. */
const GIT_EXPERIENCE_PATH = /(?:^|\/)\.harness\/orgs\/([^/]+)\/projects\/([^/]+)\//;
const GIT_EXPERIENCE_ORG_TEMPLATE = /(?:^|\/)\.harness\/orgs\/([^/]+)\/templates\//;
/**
 * An entity's scope from its `orgIdentifier`/`projectIdentifier`. When the YAML leaves them out,
 * a Git Experience path names it: pipelines, input sets and triggers always live in a project,
 * and templates sit under `.harness/orgs/<org>/[projects/<p>/]templates/` (else account-level).
 * Connectors are not Git Experience entities: without the fields they are account-level,
 * whatever the folder.
 */
function entityScope(kind, root, path) {
    const org = root.text('orgIdentifier');
    const project = root.text('projectIdentifier');
    if (org || kind === 'connector')
        return scope_scopeOf(org, project);
    const m = GIT_EXPERIENCE_PATH.exec(path);
    if (m)
        return scope_scopeOf(m[1], m[2]);
    const orgTemplate = kind === 'template' ? GIT_EXPERIENCE_ORG_TEMPLATE.exec(path) : null;
    return orgTemplate ? scope_scopeOf(orgTemplate[1], undefined) : scope_scopeOf(org, project);
}
function connector(base, root) {
    const spec = root.get('spec');
    const urls = [];
    const collectUrls = (v, depth) => {
        if (!v?.isMap || depth > 4)
            return;
        for (const e of v.entries()) {
            if (/url$/i.test(e.key) && e.value?.str)
                urls.push(e.value);
            else
                collectUrls(e.value, depth + 1);
        }
    };
    collectUrls(spec, 0);
    const credential = spec?.get('credential');
    const auth = spec?.getIn(['auth', 'type'])?.str ?? credential?.text('type') ?? spec?.getIn(['authentication', 'type'])?.str;
    const platformEdit = spec && setMapValue(spec, 'executeOnDelegate', false);
    return {
        ...base,
        kind: 'connector',
        type: root.text('type') ?? '',
        ...(root.keyOf('spec') ? { specKey: root.keyOf('spec') } : {}),
        urls,
        executeOnDelegate: spec?.get('executeOnDelegate'),
        delegateSelectors: (spec?.get('delegateSelectors')?.items() ?? []).map((v) => v.str ?? '').filter(Boolean),
        ...(spec?.text('providerType') ? { provider: spec.text('providerType') } : {}),
        ...(auth ? { authType: auth } : {}),
        ...(credential?.text('type') ? { credentialType: credential.text('type') } : {}),
        // A role to assume: `crossAccountAccess: null` or `{}` (as the UI saves an unset one) assumes none.
        ...(credential?.get('crossAccountAccess')?.text('crossAccountRoleArn')?.trim() ? { crossAccountAccess: true } : {}),
        ...(platformEdit ? { platformEdit } : {}),
    };
}
/**
 * Whether a stage clones its codebase: `true` (as Jackson reads it, so "True" too), or a value
 * known only at run time (a runtime input, an expression), kept as its node: templateInputs, input
 * sets or triggers may fill it.
 */
function cloneCodebaseOf(v) {
    if (v?.str?.includes('<+'))
        return v;
    return booleans_jacksonBoolean(v?.value, v?.style) === true;
}
/**
 * A `versionLabel` as written: Harness reads it into a string from its text, so an unquoted `1.0`
 * is "1.0" (not the number 1) and `1.10` is not `1.1`.
 */
function versionLabelOf(map) {
    const label = map.get('versionLabel');
    if (label?.isScalar && typeof label.value === 'number' && label.style === 'PLAIN')
        return label.file.text.slice(label.range[0], label.range[1]).trim();
    return label?.str;
}
function templateLink(v) {
    const templateRef = v?.get('templateRef');
    if (!v || !templateRef)
        return undefined;
    const inputs = v.get('templateInputs');
    const versionLabel = versionLabelOf(v);
    return {
        templateRef,
        ...(versionLabel ? { versionLabel } : {}),
        ...(inputs?.isMap
            ? {
                inputs: {
                    byPath: scalarsByPath(inputs),
                    stage: buildStage(inputs),
                    steps: inputs.has('steps') ? collectSteps(inputs.get('steps')) : keep([], buildStep(inputs, 'step')),
                },
            }
            : {}),
    };
}
/**
 * Every scalar under a map, and every list of scalars, by semantic path relative to it (the first
 * one for a path given twice).
 */
function scalarsByPath(root) {
    const out = {};
    walk(root, ({ view, path }) => {
        if (Object.hasOwn(out, path))
            return;
        if (view.isScalar)
            out[path] = view;
        else if (view.isSeq && view.items().every((i) => i.isScalar))
            out[path] = view.items();
    });
    return out;
}
/** Pipeline variables' `value` nodes by variable name. */
function variablesOf(root) {
    const out = {};
    for (const item of root.get('variables')?.items() ?? []) {
        const name = item.text('name');
        const value = item.get('value');
        // `in` would see `toString` and `constructor` on every object.
        if (name && value && !Object.hasOwn(out, name))
            out[name] = value;
    }
    return out;
}
/** Stages of a `stages:` list, through `parallel` and `insert` wrappers. */
function collectStages(list, out = []) {
    for (const item of list?.items() ?? []) {
        const stage = item.get('stage');
        if (stage?.isMap)
            out.push(buildStage(stage, stage.text('identifier') ?? ''));
        const parallel = item.get('parallel');
        if (parallel)
            collectStages(parallel, out);
        const insert = item.get('insert');
        if (insert)
            collectStages(insert.get('stages'), out);
    }
    return out;
}
function buildStage(stage, identifier = stage.text('identifier') ?? '') {
    const spec = stage.get('spec');
    return {
        identifier,
        name: stage.text('name'),
        type: stage.text('type'),
        at: stage,
        identifierAt: stage.get('identifier'),
        infrastructure: infrastructureOf(spec),
        cloneCodebase: cloneCodebaseOf(spec?.get('cloneCodebase')),
        steps: [
            ...collectSteps(spec?.getIn(['execution', 'steps'])),
            ...collectSteps(spec?.getIn(['execution', 'rollbackSteps'])),
            ...(spec?.get('serviceDependencies')?.items() ?? []).map((d) => buildStep(d, 'serviceDependency')),
        ],
        template: templateLink(stage.get('template')),
    };
}
const eq = (a, b) => a?.toLowerCase() === b.toLowerCase();
function infrastructureOf(spec) {
    const infra = spec?.get('infrastructure');
    const runtime = spec?.get('runtime');
    if (infra?.isMap) {
        const type = infra.get('type');
        const useFromStage = infra.get('useFromStage');
        if (useFromStage && !type)
            return { kind: 'UseFromStage', kindNode: useFromStage, useFromStage };
        if (eq(type?.str, 'KubernetesDirect'))
            return { kind: 'KubernetesDirect', kindNode: type, imageConnectorRef: infra.getIn(['spec', 'harnessImageConnectorRef']) };
        if (eq(type?.str, 'VM'))
            return { kind: 'VM', kindNode: type, imageConnectorRef: infra.getIn(['spec', 'spec', 'harnessImageConnectorRef']) };
        if (eq(type?.str, 'KubernetesHosted'))
            return { kind: 'KubernetesHosted', kindNode: type };
        if (eq(type?.str, 'UseFromStage'))
            return { kind: 'UseFromStage', kindNode: type, useFromStage: infra.getIn(['spec', 'useFromStage']) ?? useFromStage };
        if (type)
            return { kind: 'Other', kindNode: type };
    }
    const rtype = runtime?.get('type');
    if (eq(rtype?.str, 'Cloud'))
        return { kind: 'Cloud', kindNode: rtype };
    if (eq(rtype?.str, 'Docker'))
        return { kind: 'Docker', kindNode: rtype, imageConnectorRef: runtime?.getIn(['spec', 'harnessImageConnectorRef']) };
    if (rtype)
        return { kind: 'Other', kindNode: rtype };
    return { kind: 'None' };
}
/** Steps of an `execution.steps` list, through `parallel`, `stepGroup` (nested) and `insert`. */
function collectSteps(list, out = []) {
    for (const item of list?.items() ?? []) {
        const step = item.get('step');
        if (step?.isMap)
            keep(out, buildStep(step, 'step'));
        const parallel = item.get('parallel');
        if (parallel)
            collectSteps(parallel, out);
        const group = item.get('stepGroup');
        if (group?.isMap) {
            const template = templateLink(group.get('template'));
            if (template)
                out.push({ ...buildStep(group, 'stepGroup'), template });
            else
                collectSteps(group.get('steps'), out);
        }
        const insert = item.get('insert');
        if (insert)
            collectSteps(insert.get('steps'), out);
    }
    return out;
}
/** Adds a step to a list as the model keeps it (see `StepFact`). */
function keep(out, step) {
    if (step.role !== 'step' || step.template || step.baseImageConnectorRefs.length)
        out.push(step);
    else if (step.connectorRef)
        out.push(step.connectorRef);
    return out;
}
function buildStep(step, role) {
    const spec = step.get('spec');
    const base = spec?.get('baseImageConnectorRefs');
    return {
        identifier: step.text('identifier') ?? '',
        type: step.text('type'),
        role,
        connectorRef: spec?.get('connectorRef'),
        baseImageConnectorRefs: base?.isSeq ? base.items() : base ? [base] : [],
        template: templateLink(step.get('template')),
    };
}
function template(base, root) {
    const templateType = root.text('type');
    const spec = root.get('spec');
    const out = {
        ...base,
        kind: 'template',
        templateType,
        versionLabel: versionLabelOf(root),
        stages: [],
        steps: [],
        imageConnectorFields: imageConnectorFields(root),
    };
    if (!spec?.isMap)
        return out;
    if (eq(templateType, 'Stage'))
        out.stages.push(buildStage(spec, base.identifier));
    else if (eq(templateType, 'Pipeline')) {
        out.stages = collectStages(spec.get('stages'));
        out.codebaseConnectorRef = spec.getIn(['properties', 'ci', 'codebase', 'connectorRef']);
        out.variables = variablesOf(spec);
    }
    else if (eq(templateType, 'Step'))
        keep(out.steps, buildStep(spec, 'step'));
    else if (eq(templateType, 'StepGroup'))
        collectSteps(spec.get('steps'), out.steps);
    return out;
}
/** An input set or trigger: what its sparse pipeline fills, by semantic path. */
function inputSet(base, kind, pipeline, pipelineIdentifier) {
    const fills = [];
    // A list of scalars also fills its own path, item by item: `baseImageConnectorRefs: [a, b]` fills a `<+input>`.
    const fill = (path, view) => {
        if (view.isScalar && view.str !== undefined)
            fills.push({ path, at: view });
    };
    if (pipeline)
        walk(pipeline, ({ view, path }) => {
            fill(path, view);
            if (view.isSeq)
                for (const item of view.items())
                    fill(path, item);
        });
    return { ...base, kind, pipelineIdentifier, fills, imageConnectorFields: pipeline ? imageConnectorFields(pipeline) : [] };
}
/** A trigger's `inputYaml`, parsed as the sparse pipeline it holds; undefined when it does not parse. */
function triggerInputs(file, inputYaml) {
    const text = inputYaml?.str;
    if (!inputYaml || !text)
        return undefined;
    const embedded = parseSource(file.path, text, embeddingOf(inputYaml));
    // A syntax error or an alias bomb inside the trigger's inputYaml: not modelled.
    const doc = embedded.docs[0];
    if (!doc || embedded.problems.some((p) => p.start <= doc.range[1]))
        return undefined;
    const root = View.root(embedded, doc);
    return { source: embedded, pipeline: root?.get('pipeline') ?? root?.get('inputSet')?.get('pipeline') };
}
/** Where a block scalar's text sits in its file, so findings inside it get the file's lines. */
function embeddingOf(scalar) {
    const parent = scalar.file;
    const [start, end] = scalar.range;
    const raw = parent.text.slice(start, end);
    const range = [start, end];
    const header = linesOf(parent).linePos(start).line;
    if (!raw.startsWith('|'))
        return { parent, range, lineOffset: 0, columnOffset: 0, collapseTo: range };
    // `|4-`: the content is indented by the indicator beyond the key's own indentation (a `- ` before
    // the key counts); without one, by as much as its first line that is not blank.
    const indicator = /^\|[+-]?([1-9])/.exec(raw)?.[1];
    if (indicator) {
        const lineStart = parent.text.lastIndexOf('\n', start - 1) + 1;
        const keyIndent = /^[ \t]*(?:-[ \t]+)*/.exec(parent.text.slice(lineStart, start))[0].length;
        return { parent, range, lineOffset: header, columnOffset: keyIndent + Number(indicator) };
    }
    const firstContent = raw
        .split(/\r?\n/)
        .slice(1)
        .find((l) => l.trim() !== '') ?? '';
    const indent = firstContent.length - firstContent.trimStart().length;
    return { parent, range, lineOffset: header, columnOffset: indent };
}

;// CONCATENATED MODULE: ./src/model/harness-docs.ts
/** The Harness docs pages the policies come from. */
const DOCS_CONNECT_REGISTRY = 'https://developer.harness.io/docs/platform/connectors/artifact-repositories/connect-to-harness-container-image-registry-using-docker-connector';
const DOCS_HARNESS_CLOUD = 'https://developer.harness.io/docs/continuous-integration/use-ci/set-up-build-infrastructure/use-harness-cloud-build-infrastructure';

;// CONCATENATED MODULE: ./src/engine/builtins.ts

const DOCS_YAML = 'https://developer.harness.io/docs/platform/pipelines/harness-yaml-quickstart';
const UNRESOLVED_REFERENCE = 'unresolved-reference';
/** Findings the core itself makes. They have metadata like any rule, so reports and SARIF treat them alike. */
const yamlSyntax = {
    id: 'yaml-syntax',
    severity: 'error',
    description: 'A file could not be read or parsed as YAML, or was skipped (too large, binary, a symlink out of the root).',
    harnessDocs: DOCS_YAML,
    remediation: 'Fix the YAML at the reported position; Harness cannot load the entity either.',
    fixable: 'none',
};
const schema = {
    id: 'schema',
    severity: 'error',
    description: 'A connector or CI stage field that the policies read has the wrong shape.',
    harnessDocs: DOCS_YAML,
    remediation: 'Give the field the type and value the Harness YAML reference expects.',
    fixable: 'none',
};
const unresolvedReference = {
    id: UNRESOLVED_REFERENCE,
    severity: 'notice',
    description: 'A policy could not be decided because the connector or value it depends on is not in the repo.',
    harnessDocs: DOCS_CONNECT_REGISTRY,
    remediation: 'Check the named connector in Harness, or commit its YAML so the check can decide.',
    fixable: 'none',
};
const suppression = {
    id: 'suppression',
    severity: 'error',
    description: 'A suppression comment or baseline entry is malformed, lacks a reason, has expired, is forbidden, or suppresses nothing.',
    harnessDocs: DOCS_YAML,
    remediation: 'Give the comment a known rule id and a reason after ` -- `, renew or remove an expired `until=`, fix findings whose rule is in `forbidSuppression`, and delete suppressions and baseline entries that no longer match.',
    fixable: 'none',
};
const builtinRules = [yamlSyntax, schema, unresolvedReference, suppression];
/** A `yaml-syntax` finding about a whole file (unreadable, binary, skipped), placed at its start. */
function fileFinding(file, severity, message) {
    return { ruleId: yamlSyntax.id, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] };
}

;// CONCATENATED MODULE: ./src/engine/edits.ts


/** True when two edits touch the same text (an insertion at the edge of a replacement counts). */
function overlaps(a, b) {
    const lo = Math.max(a.start, b.start);
    const hi = Math.min(a.end, b.end);
    return lo < hi || ((a.start === a.end || b.start === b.end) && lo <= hi);
}
/**
 * Overlap within one fix: its own insertion at the edge of its own replacement is fine (a URL
 * replaced and a pair inserted right after it), since `applyEdits` orders them by position; two
 * insertions at one place are not (their order would be a guess).
 */
const clashWithin = (a, b) => Math.max(a.start, b.start) < Math.min(a.end, b.end) || insideOrSame(a, b) || insideOrSame(b, a);
/** `a` is an insertion strictly inside `b`, or at the same place as insertion `b`. */
const insideOrSame = (a, b) => a.start === a.end && (b.start === b.end ? a.start === b.start : b.start < a.start && a.start < b.end);
const sameEdit = (a, b) => a.start === b.start && a.end === b.end && a.text === b.text;
/**
 * Chooses, in order, the groups of edits (one group per fix) that do not overlap an earlier chosen
 * group. A group is taken whole or not at all; an edit identical to one already chosen is shared.
 * The chosen edits are kept sorted, so each group is checked against its neighbours only: a file
 * can hold thousands of fixes.
 */
function chooseEdits(groups) {
    const chosen = [];
    const taken = [];
    groups.forEach((group, i) => {
        const fresh = group.filter((e) => !hasSame(chosen, e));
        const selfOverlap = fresh.some((e, j) => fresh.some((f, k) => j < k && clashWithin(e, f)));
        if (selfOverlap || fresh.some((e) => overlapsChosen(chosen, e)))
            return;
        // Sorted by start, then end (an insertion before the replacement it starts), so their ends are sorted too.
        for (const e of fresh)
            chosen.splice(placeOf(chosen, e), 0, e);
        taken.push(i);
    });
    return { chosen, taken };
}
/** Index of the first edit that starts after `offset`, in edits sorted by start. */
function firstAfter(sorted, offset) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (sorted[mid].start <= offset)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
/** Where `e` goes in edits sorted by start, then end. */
function placeOf(sorted, e) {
    let k = firstAfter(sorted, e.start);
    while (k > 0 && sorted[k - 1].start === e.start && sorted[k - 1].end > e.end)
        k--;
    return k;
}
/** Whether an edit overlaps one of the chosen: those are sorted and do not overlap each other, so their ends are sorted too. */
function overlapsChosen(chosen, e) {
    for (let k = firstAfter(chosen, e.end) - 1; k >= 0 && chosen[k].end >= e.start; k--)
        if (overlaps(chosen[k], e))
            return true;
    return false;
}
function hasSame(chosen, e) {
    for (let k = firstAfter(chosen, e.start) - 1; k >= 0 && chosen[k].start === e.start; k--)
        if (sameEdit(chosen[k], e))
            return true;
    return false;
}
/** Applies non-overlapping edits to a text. Throws on overlap: callers choose edits first. */
function applyEdits(text, edits) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let pos = 0;
    for (const e of sorted) {
        if (e.start < pos || e.end < e.start || e.end > text.length)
            throw new Error(`overlapping or out-of-range edit at ${e.start}`);
        out += text.slice(pos, e.start) + e.text;
        pos = e.end;
    }
    return out + text.slice(pos);
}
/**
 * Carries a report's fix onto its finding, as the rule's `fixable` allows: a `suggestion` rule's fix
 * becomes a suggestion, a `none` rule's edits are dropped. Inside a trigger's `inputYaml` (an embedded
 * YAML text) offsets are not the file's, so no edit is kept there.
 */
function withFix(rule, report, finding) {
    if (isEmbedded(report.at) || rule.fixable === 'none')
        return finding;
    const title = report.fixTitle ?? report.suggestion?.title;
    // A fix of an anchored node that an alias uses elsewhere would change that place too: shown, not applied.
    const aliased = !!report.fix?.some((e) => e.aliased);
    if (report.fix?.length && rule.fixable === 'safe' && !aliased) {
        finding.fix = report.fix;
        if (title)
            finding.fixTitle = title;
    }
    else if (report.fix?.length && title)
        finding.suggestion = { title: aliased ? `${title} ${ALIASED_NOTE}` : title, edits: report.fix.map(plainEdit) };
    if (report.suggestion?.edits.length && !finding.fix)
        finding.suggestion = report.suggestion.edits.some((e) => e.aliased)
            ? { title: `${report.suggestion.title} ${ALIASED_NOTE}`, edits: report.suggestion.edits.map(plainEdit) }
            : report.suggestion;
    return finding;
}
const ALIASED_NOTE = 'The value is anchored and also used through an alias elsewhere, where the change applies too: check those places first.';

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
var external_node_crypto_default = /*#__PURE__*/__nccwpck_require__.n(external_node_crypto_namespaceObject);
;// CONCATENATED MODULE: ./src/engine/finding.ts




const severityRank = { error: 3, warning: 2, notice: 1 };
/** The position of a view. */
function locate(at) {
    const [start, end] = at.range;
    return locateRange(at.file, start, end);
}
const hashOf = (s) => external_node_crypto_default().createHash('sha256').update(s).digest('hex').slice(0, 16);
/**
 * The identity hash of a node's value. The last one is kept: every mention of the retired registry
 * in one long script is a finding on the same scalar, and hashing it for each would take time
 * quadratic in its length.
 */
const valueHashOf = (() => {
    let last;
    return (value) => {
        if (last?.value !== value)
            last = { value, hash: hashOf(JSON.stringify(value ?? null)) };
        return last.hash;
    };
})();
/**
 * A finding at a loc: position, semantic path and identity all come from it. The identity (path
 * and a hash of the value) is what baselines and SARIF fingerprints match on, never the line.
 */
function findingAt(ruleId, severity, message, at, place, extra = {}) {
    const out = {
        ruleId,
        severity,
        message,
        ...(extra.messageId ? { messageId: extra.messageId } : {}),
        file: at.file,
        ...place(at),
        range: [at.start, at.end],
    };
    if (extra.entity)
        out.entity = extra.entity;
    if (extra.forRule)
        out.forRule = extra.forRule;
    if (extra.harnessUrl)
        out.harnessUrl = extra.harnessUrl;
    const yamlPath = yamlPathOf(at);
    if (yamlPath)
        out.yamlPath = yamlPath;
    out.identity = { path: at.path ?? '', valueHash: valueHashOf(at.value) };
    if (extra.related?.length)
        out.related = extra.related.map(({ at: r, message: m }) => ({ file: r.file, ...place(r), message: m }));
    return out;
}
function compareFindings(a, b) {
    return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}
/** Sorts and removes findings that repeat the same rule on the same range (reached through aliases). */
function sortAndDedupe(findings) {
    const seen = new Set();
    const out = [];
    for (const f of [...findings].sort(compareFindings)) {
        const key = `${f.ruleId}\0${f.file}\0${f.range[0]}\0${f.range[1]}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(f);
    }
    return out;
}
/** The levels a run can fail at (`--fail-on`, the Action's `fail-on`): a severity, or `never`. */
const FAIL_ON = (/* unused pure expression or super */ null && (['error', 'warning', 'notice', 'never']));
function reaches(severity, threshold) {
    return threshold !== 'never' && severityRank[severity] >= severityRank[threshold];
}
/** The findings that make a run fail at `failOn`: not suppressed, and at or above the threshold. Exit 1 when any. */
function failingFindings(findings, failOn) {
    return findings.filter((f) => !f.suppressed && reaches(f.severity, failOn));
}
/** A finding an inline comment or the baseline accepts: `fix` leaves it alone. */
function isSuppressed(f) {
    return !!f.suppressed;
}

;// CONCATENATED MODULE: ./src/engine/rule.ts
/**
 * Typed rule definition: a report with an unknown messageId, or a use of an option the rule does not
 * declare, does not compile. Option values are typed from the declared defaults.
 */
function defineRule(rule) {
    if (!rule.checkFile && !rule.checkProject)
        throw new Error(`rule ${rule.id} has no check`);
    return rule;
}
/** The value of each of a rule's options: its default, then the config's, then the command line's. */
function optionDefaults(meta) {
    return Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, o]) => [k, o.default]));
}
/** A rule's message `id`, filled from `data`. */
function messageOf(rule, id, data) {
    return formatMessage(rule.messages[id] ?? id, data);
}
function formatMessage(template, data = {}) {
    const parts = partsOf(template);
    if (parts.length === 1)
        return template;
    // Joined, not concatenated: `+` makes a rope of the parts, and a large repo keeps hundreds of
    // thousands of these messages (the 100,000-pipeline repo peaked 55 MB higher).
    const out = [parts[0]];
    for (let i = 1; i < parts.length; i += 2) {
        const k = parts[i];
        out.push(k in data ? String(data[k]) : `{{${k}}}`, parts[i + 1]);
    }
    return out.join('');
}
/**
 * A message template split at its placeholders: text, name, text, ... Found once per template: a
 * large repo's findings list thousands of related locations, each with its message.
 */
function partsOf(template) {
    let parts = templateParts.get(template);
    if (!parts) {
        if (templateParts.size >= 1000)
            templateParts.clear();
        templateParts.set(template, (parts = template.split(/\{\{\s*(\w+)\s*\}\}/)));
    }
    return parts;
}
const templateParts = new Map();

// EXTERNAL MODULE: ./node_modules/ajv/dist/runtime/ucs2length.js
var ucs2length = __nccwpck_require__(6214);
;// CONCATENATED MODULE: ./src/engine/validators.generated.ts
/* eslint-disable */
// @ts-nocheck
// Generated by scripts/validators.mjs from schemas/pipeline.schema.json and schemas/connector.schema.json
// (ajv standalone code): do not edit; `npm run build` writes it again.

const pipeline = validate0;
const schema0 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://harness-registry-guard.dev/schemas/pipeline.schema.json", "title": "Harness pipeline: the CI stage infrastructure harness-registry-guard reads", "type": "object", "required": ["pipeline"], "properties": { "pipeline": { "type": "object", "properties": { "identifier": { "type": "string" }, "stages": { "type": "array", "items": { "$ref": "#/definitions/stageItem" } } } } }, "definitions": { "stageItem": { "type": "object", "properties": { "stage": { "$ref": "#/definitions/stage" }, "parallel": { "type": "array", "items": { "$ref": "#/definitions/stageItem" } } } }, "stage": { "type": "object", "properties": { "identifier": { "type": "string" }, "type": { "type": "string" }, "spec": { "type": "object" } }, "if": { "properties": { "type": { "enum": ["CI", "SecurityTests", "IACM", "IDP"] } }, "required": ["type"] }, "then": { "properties": { "spec": { "$ref": "#/definitions/ciStageSpec" } } } }, "ciStageSpec": { "type": "object", "properties": { "cloneCodebase": { "type": ["boolean", "string"] }, "infrastructure": { "$ref": "#/definitions/infrastructure" }, "runtime": { "type": "object", "required": ["type"], "properties": { "type": { "type": "string" }, "spec": { "type": "object", "properties": { "harnessImageConnectorRef": { "type": ["string", "null"] } } } } }, "serviceDependencies": { "type": ["array", "string"] } } }, "infrastructure": { "type": "object", "properties": { "type": { "enum": ["KubernetesDirect", "VM", "KubernetesHosted", "UseFromStage"] }, "useFromStage": { "type": "string" }, "spec": { "type": "object" } }, "allOf": [{ "if": { "properties": { "type": { "const": "KubernetesDirect" } }, "required": ["type"] }, "then": { "required": ["spec"], "properties": { "spec": { "type": "object", "properties": { "harnessImageConnectorRef": { "type": ["string", "null"] }, "connectorRef": { "type": "string" } } } } } }, { "if": { "properties": { "type": { "const": "VM" } }, "required": ["type"] }, "then": { "required": ["spec"], "properties": { "spec": { "type": "object", "properties": { "type": { "type": "string" }, "spec": { "type": "object", "properties": { "harnessImageConnectorRef": { "type": ["string", "null"] } } } } } } } }] } } };
const schema1 = { "type": "object", "properties": { "stage": { "$ref": "#/definitions/stage" }, "parallel": { "type": "array", "items": { "$ref": "#/definitions/stageItem" } } } };
const schema2 = { "type": "object", "properties": { "identifier": { "type": "string" }, "type": { "type": "string" }, "spec": { "type": "object" } }, "if": { "properties": { "type": { "enum": ["CI", "SecurityTests", "IACM", "IDP"] } }, "required": ["type"] }, "then": { "properties": { "spec": { "$ref": "#/definitions/ciStageSpec" } } } };
const schema3 = { "type": "object", "properties": { "cloneCodebase": { "type": ["boolean", "string"] }, "infrastructure": { "$ref": "#/definitions/infrastructure" }, "runtime": { "type": "object", "required": ["type"], "properties": { "type": { "type": "string" }, "spec": { "type": "object", "properties": { "harnessImageConnectorRef": { "type": ["string", "null"] } } } } }, "serviceDependencies": { "type": ["array", "string"] } } };
const schema4 = { "type": "object", "properties": { "type": { "enum": ["KubernetesDirect", "VM", "KubernetesHosted", "UseFromStage"] }, "useFromStage": { "type": "string" }, "spec": { "type": "object" } }, "allOf": [{ "if": { "properties": { "type": { "const": "KubernetesDirect" } }, "required": ["type"] }, "then": { "required": ["spec"], "properties": { "spec": { "type": "object", "properties": { "harnessImageConnectorRef": { "type": ["string", "null"] }, "connectorRef": { "type": "string" } } } } } }, { "if": { "properties": { "type": { "const": "VM" } }, "required": ["type"] }, "then": { "required": ["spec"], "properties": { "spec": { "type": "object", "properties": { "type": { "type": "string" }, "spec": { "type": "object", "properties": { "harnessImageConnectorRef": { "type": ["string", "null"] } } } } } } } }] };
function validate3(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.cloneCodebase !== undefined) {
            let data0 = data.cloneCodebase;
            if ((typeof data0 !== "boolean") && (typeof data0 !== "string")) {
                const err0 = { instancePath: instancePath + "/cloneCodebase", schemaPath: "#/properties/cloneCodebase/type", keyword: "type", params: { type: schema3.properties.cloneCodebase.type }, message: "must be boolean,string" };
                if (vErrors === null) {
                    vErrors = [err0];
                }
                else {
                    vErrors.push(err0);
                }
                errors++;
            }
        }
        if (data.infrastructure !== undefined) {
            let data1 = data.infrastructure;
            const _errs7 = errors;
            let valid3 = true;
            const _errs8 = errors;
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                let missing0;
                if ((data1.type === undefined) && (missing0 = "type")) {
                    const err1 = {};
                    if (vErrors === null) {
                        vErrors = [err1];
                    }
                    else {
                        vErrors.push(err1);
                    }
                    errors++;
                }
                else {
                    if (data1.type !== undefined) {
                        if ("KubernetesDirect" !== data1.type) {
                            const err2 = {};
                            if (vErrors === null) {
                                vErrors = [err2];
                            }
                            else {
                                vErrors.push(err2);
                            }
                            errors++;
                        }
                    }
                }
            }
            var _valid0 = _errs8 === errors;
            errors = _errs7;
            if (vErrors !== null) {
                if (_errs7) {
                    vErrors.length = _errs7;
                }
                else {
                    vErrors = null;
                }
            }
            if (_valid0) {
                const _errs10 = errors;
                if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                    if (data1.spec === undefined) {
                        const err3 = { instancePath: instancePath + "/infrastructure", schemaPath: "#/definitions/infrastructure/allOf/0/then/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property '" + "spec" + "'" };
                        if (vErrors === null) {
                            vErrors = [err3];
                        }
                        else {
                            vErrors.push(err3);
                        }
                        errors++;
                    }
                    if (data1.spec !== undefined) {
                        let data3 = data1.spec;
                        if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                            if (data3.harnessImageConnectorRef !== undefined) {
                                let data4 = data3.harnessImageConnectorRef;
                                if ((typeof data4 !== "string") && (data4 !== null)) {
                                    const err4 = { instancePath: instancePath + "/infrastructure/spec/harnessImageConnectorRef", schemaPath: "#/definitions/infrastructure/allOf/0/then/properties/spec/properties/harnessImageConnectorRef/type", keyword: "type", params: { type: schema4.allOf[0].then.properties.spec.properties.harnessImageConnectorRef.type }, message: "must be string,null" };
                                    if (vErrors === null) {
                                        vErrors = [err4];
                                    }
                                    else {
                                        vErrors.push(err4);
                                    }
                                    errors++;
                                }
                            }
                            if (data3.connectorRef !== undefined) {
                                if (typeof data3.connectorRef !== "string") {
                                    const err5 = { instancePath: instancePath + "/infrastructure/spec/connectorRef", schemaPath: "#/definitions/infrastructure/allOf/0/then/properties/spec/properties/connectorRef/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err5];
                                    }
                                    else {
                                        vErrors.push(err5);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err6 = { instancePath: instancePath + "/infrastructure/spec", schemaPath: "#/definitions/infrastructure/allOf/0/then/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err6];
                            }
                            else {
                                vErrors.push(err6);
                            }
                            errors++;
                        }
                    }
                }
                var _valid0 = _errs10 === errors;
                valid3 = _valid0;
            }
            if (!valid3) {
                const err7 = { instancePath: instancePath + "/infrastructure", schemaPath: "#/definitions/infrastructure/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema" };
                if (vErrors === null) {
                    vErrors = [err7];
                }
                else {
                    vErrors.push(err7);
                }
                errors++;
            }
            const _errs18 = errors;
            let valid7 = true;
            const _errs19 = errors;
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                let missing1;
                if ((data1.type === undefined) && (missing1 = "type")) {
                    const err8 = {};
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
                else {
                    if (data1.type !== undefined) {
                        if ("VM" !== data1.type) {
                            const err9 = {};
                            if (vErrors === null) {
                                vErrors = [err9];
                            }
                            else {
                                vErrors.push(err9);
                            }
                            errors++;
                        }
                    }
                }
            }
            var _valid1 = _errs19 === errors;
            errors = _errs18;
            if (vErrors !== null) {
                if (_errs18) {
                    vErrors.length = _errs18;
                }
                else {
                    vErrors = null;
                }
            }
            if (_valid1) {
                const _errs21 = errors;
                if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                    if (data1.spec === undefined) {
                        const err10 = { instancePath: instancePath + "/infrastructure", schemaPath: "#/definitions/infrastructure/allOf/1/then/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property '" + "spec" + "'" };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                    if (data1.spec !== undefined) {
                        let data7 = data1.spec;
                        if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                            if (data7.type !== undefined) {
                                if (typeof data7.type !== "string") {
                                    const err11 = { instancePath: instancePath + "/infrastructure/spec/type", schemaPath: "#/definitions/infrastructure/allOf/1/then/properties/spec/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err11];
                                    }
                                    else {
                                        vErrors.push(err11);
                                    }
                                    errors++;
                                }
                            }
                            if (data7.spec !== undefined) {
                                let data9 = data7.spec;
                                if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
                                    if (data9.harnessImageConnectorRef !== undefined) {
                                        let data10 = data9.harnessImageConnectorRef;
                                        if ((typeof data10 !== "string") && (data10 !== null)) {
                                            const err12 = { instancePath: instancePath + "/infrastructure/spec/spec/harnessImageConnectorRef", schemaPath: "#/definitions/infrastructure/allOf/1/then/properties/spec/properties/spec/properties/harnessImageConnectorRef/type", keyword: "type", params: { type: schema4.allOf[1].then.properties.spec.properties.spec.properties.harnessImageConnectorRef.type }, message: "must be string,null" };
                                            if (vErrors === null) {
                                                vErrors = [err12];
                                            }
                                            else {
                                                vErrors.push(err12);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err13 = { instancePath: instancePath + "/infrastructure/spec/spec", schemaPath: "#/definitions/infrastructure/allOf/1/then/properties/spec/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                                    if (vErrors === null) {
                                        vErrors = [err13];
                                    }
                                    else {
                                        vErrors.push(err13);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err14 = { instancePath: instancePath + "/infrastructure/spec", schemaPath: "#/definitions/infrastructure/allOf/1/then/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                    }
                }
                var _valid1 = _errs21 === errors;
                valid7 = _valid1;
            }
            if (!valid7) {
                const err15 = { instancePath: instancePath + "/infrastructure", schemaPath: "#/definitions/infrastructure/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema" };
                if (vErrors === null) {
                    vErrors = [err15];
                }
                else {
                    vErrors.push(err15);
                }
                errors++;
            }
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                if (data1.type !== undefined) {
                    let data11 = data1.type;
                    if (!((((data11 === "KubernetesDirect") || (data11 === "VM")) || (data11 === "KubernetesHosted")) || (data11 === "UseFromStage"))) {
                        const err16 = { instancePath: instancePath + "/infrastructure/type", schemaPath: "#/definitions/infrastructure/properties/type/enum", keyword: "enum", params: { allowedValues: schema4.properties.type.enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                            vErrors = [err16];
                        }
                        else {
                            vErrors.push(err16);
                        }
                        errors++;
                    }
                }
                if (data1.useFromStage !== undefined) {
                    if (typeof data1.useFromStage !== "string") {
                        const err17 = { instancePath: instancePath + "/infrastructure/useFromStage", schemaPath: "#/definitions/infrastructure/properties/useFromStage/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err17];
                        }
                        else {
                            vErrors.push(err17);
                        }
                        errors++;
                    }
                }
                if (data1.spec !== undefined) {
                    let data13 = data1.spec;
                    if (!(data13 && typeof data13 == "object" && !Array.isArray(data13))) {
                        const err18 = { instancePath: instancePath + "/infrastructure/spec", schemaPath: "#/definitions/infrastructure/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                        if (vErrors === null) {
                            vErrors = [err18];
                        }
                        else {
                            vErrors.push(err18);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err19 = { instancePath: instancePath + "/infrastructure", schemaPath: "#/definitions/infrastructure/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err19];
                }
                else {
                    vErrors.push(err19);
                }
                errors++;
            }
        }
        if (data.runtime !== undefined) {
            let data14 = data.runtime;
            if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
                if (data14.type === undefined) {
                    const err20 = { instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property '" + "type" + "'" };
                    if (vErrors === null) {
                        vErrors = [err20];
                    }
                    else {
                        vErrors.push(err20);
                    }
                    errors++;
                }
                if (data14.type !== undefined) {
                    if (typeof data14.type !== "string") {
                        const err21 = { instancePath: instancePath + "/runtime/type", schemaPath: "#/properties/runtime/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                }
                if (data14.spec !== undefined) {
                    let data16 = data14.spec;
                    if (data16 && typeof data16 == "object" && !Array.isArray(data16)) {
                        if (data16.harnessImageConnectorRef !== undefined) {
                            let data17 = data16.harnessImageConnectorRef;
                            if ((typeof data17 !== "string") && (data17 !== null)) {
                                const err22 = { instancePath: instancePath + "/runtime/spec/harnessImageConnectorRef", schemaPath: "#/properties/runtime/properties/spec/properties/harnessImageConnectorRef/type", keyword: "type", params: { type: schema3.properties.runtime.properties.spec.properties.harnessImageConnectorRef.type }, message: "must be string,null" };
                                if (vErrors === null) {
                                    vErrors = [err22];
                                }
                                else {
                                    vErrors.push(err22);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err23 = { instancePath: instancePath + "/runtime/spec", schemaPath: "#/properties/runtime/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                        if (vErrors === null) {
                            vErrors = [err23];
                        }
                        else {
                            vErrors.push(err23);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err24 = { instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err24];
                }
                else {
                    vErrors.push(err24);
                }
                errors++;
            }
        }
        if (data.serviceDependencies !== undefined) {
            let data18 = data.serviceDependencies;
            if ((!(Array.isArray(data18))) && (typeof data18 !== "string")) {
                const err25 = { instancePath: instancePath + "/serviceDependencies", schemaPath: "#/properties/serviceDependencies/type", keyword: "type", params: { type: schema3.properties.serviceDependencies.type }, message: "must be array,string" };
                if (vErrors === null) {
                    vErrors = [err25];
                }
                else {
                    vErrors.push(err25);
                }
                errors++;
            }
        }
    }
    else {
        const err26 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err26];
        }
        else {
            vErrors.push(err26);
        }
        errors++;
    }
    validate3.errors = vErrors;
    return errors === 0;
}
function validate2(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    const _errs1 = errors;
    let valid0 = true;
    const _errs2 = errors;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        let missing0;
        if ((data.type === undefined) && (missing0 = "type")) {
            const err0 = {};
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        else {
            if (data.type !== undefined) {
                let data0 = data.type;
                if (!((((data0 === "CI") || (data0 === "SecurityTests")) || (data0 === "IACM")) || (data0 === "IDP"))) {
                    const err1 = {};
                    if (vErrors === null) {
                        vErrors = [err1];
                    }
                    else {
                        vErrors.push(err1);
                    }
                    errors++;
                }
            }
        }
    }
    var _valid0 = _errs2 === errors;
    errors = _errs1;
    if (vErrors !== null) {
        if (_errs1) {
            vErrors.length = _errs1;
        }
        else {
            vErrors = null;
        }
    }
    if (_valid0) {
        const _errs4 = errors;
        if (data && typeof data == "object" && !Array.isArray(data)) {
            if (data.spec !== undefined) {
                if (!(validate3(data.spec, { instancePath: instancePath + "/spec", parentData: data, parentDataProperty: "spec", rootData }))) {
                    vErrors = vErrors === null ? validate3.errors : vErrors.concat(validate3.errors);
                    errors = vErrors.length;
                }
            }
        }
        var _valid0 = _errs4 === errors;
        valid0 = _valid0;
    }
    if (!valid0) {
        const err2 = { instancePath, schemaPath: "#/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema" };
        if (vErrors === null) {
            vErrors = [err2];
        }
        else {
            vErrors.push(err2);
        }
        errors++;
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.identifier !== undefined) {
            if (typeof data.identifier !== "string") {
                const err3 = { instancePath: instancePath + "/identifier", schemaPath: "#/properties/identifier/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
        }
        if (data.type !== undefined) {
            if (typeof data.type !== "string") {
                const err4 = { instancePath: instancePath + "/type", schemaPath: "#/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                    vErrors = [err4];
                }
                else {
                    vErrors.push(err4);
                }
                errors++;
            }
        }
        if (data.spec !== undefined) {
            let data4 = data.spec;
            if (!(data4 && typeof data4 == "object" && !Array.isArray(data4))) {
                const err5 = { instancePath: instancePath + "/spec", schemaPath: "#/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err5];
                }
                else {
                    vErrors.push(err5);
                }
                errors++;
            }
        }
    }
    else {
        const err6 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err6];
        }
        else {
            vErrors.push(err6);
        }
        errors++;
    }
    validate2.errors = vErrors;
    return errors === 0;
}
const wrapper0 = { validate: validate1 };
function validate1(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.stage !== undefined) {
            if (!(validate2(data.stage, { instancePath: instancePath + "/stage", parentData: data, parentDataProperty: "stage", rootData }))) {
                vErrors = vErrors === null ? validate2.errors : vErrors.concat(validate2.errors);
                errors = vErrors.length;
            }
        }
        if (data.parallel !== undefined) {
            let data1 = data.parallel;
            if (Array.isArray(data1)) {
                const len0 = data1.length;
                for (let i0 = 0; i0 < len0; i0++) {
                    if (!(wrapper0.validate(data1[i0], { instancePath: instancePath + "/parallel/" + i0, parentData: data1, parentDataProperty: i0, rootData }))) {
                        vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
                        errors = vErrors.length;
                    }
                }
            }
            else {
                const err0 = { instancePath: instancePath + "/parallel", schemaPath: "#/properties/parallel/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                    vErrors = [err0];
                }
                else {
                    vErrors.push(err0);
                }
                errors++;
            }
        }
    }
    else {
        const err1 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err1];
        }
        else {
            vErrors.push(err1);
        }
        errors++;
    }
    validate1.errors = vErrors;
    return errors === 0;
}
function validate0(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    /*# sourceURL="https://harness-registry-guard.dev/schemas/pipeline.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.pipeline === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "pipeline" }, message: "must have required property '" + "pipeline" + "'" };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.pipeline !== undefined) {
            let data0 = data.pipeline;
            if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
                if (data0.identifier !== undefined) {
                    if (typeof data0.identifier !== "string") {
                        const err1 = { instancePath: instancePath + "/pipeline/identifier", schemaPath: "#/properties/pipeline/properties/identifier/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err1];
                        }
                        else {
                            vErrors.push(err1);
                        }
                        errors++;
                    }
                }
                if (data0.stages !== undefined) {
                    let data2 = data0.stages;
                    if (Array.isArray(data2)) {
                        const len0 = data2.length;
                        for (let i0 = 0; i0 < len0; i0++) {
                            if (!(validate1(data2[i0], { instancePath: instancePath + "/pipeline/stages/" + i0, parentData: data2, parentDataProperty: i0, rootData }))) {
                                vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);
                                errors = vErrors.length;
                            }
                        }
                    }
                    else {
                        const err2 = { instancePath: instancePath + "/pipeline/stages", schemaPath: "#/properties/pipeline/properties/stages/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                        if (vErrors === null) {
                            vErrors = [err2];
                        }
                        else {
                            vErrors.push(err2);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err3 = { instancePath: instancePath + "/pipeline", schemaPath: "#/properties/pipeline/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
        }
    }
    else {
        const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err4];
        }
        else {
            vErrors.push(err4);
        }
        errors++;
    }
    validate0.errors = vErrors;
    return errors === 0;
}
const validators_generated_connector = validate7;
const schema5 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://harness-registry-guard.dev/schemas/connector.schema.json", "title": "Harness connector (the fields harness-registry-guard reads)", "type": "object", "required": ["connector"], "properties": { "connector": { "type": "object", "required": ["identifier", "type"], "properties": { "identifier": { "type": "string", "minLength": 1 }, "name": { "type": "string" }, "orgIdentifier": { "type": "string" }, "projectIdentifier": { "type": "string" }, "type": { "type": "string", "minLength": 1 }, "spec": { "type": "object", "properties": { "executeOnDelegate": { "$comment": "As Harness reads it (Jackson 2): a boolean, or its words as strings. An unquoted yes/no/on/off is a boolean to it too: src/engine/schema.ts lets those pass.", "enum": [true, false, "true", "True", "TRUE", "false", "False", "FALSE"] }, "delegateSelectors": { "type": "array", "items": { "type": "string" } }, "dockerRegistryUrl": { "type": "string", "minLength": 1 }, "providerType": { "enum": ["DockerHub", "Harbor", "Quay", "Other"] } } } }, "if": { "properties": { "type": { "const": "DockerRegistry" } }, "required": ["type"] }, "then": { "required": ["spec"], "properties": { "spec": { "type": "object", "required": ["dockerRegistryUrl"] } } } } } };
const func0 = ucs2length/* default.default */.A["default"] ?? ucs2length/* default */.A;
function validate7(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    /*# sourceURL="https://harness-registry-guard.dev/schemas/connector.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.connector === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "connector" }, message: "must have required property '" + "connector" + "'" };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.connector !== undefined) {
            let data0 = data.connector;
            const _errs3 = errors;
            let valid1 = true;
            const _errs4 = errors;
            if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
                let missing0;
                if ((data0.type === undefined) && (missing0 = "type")) {
                    const err1 = {};
                    if (vErrors === null) {
                        vErrors = [err1];
                    }
                    else {
                        vErrors.push(err1);
                    }
                    errors++;
                }
                else {
                    if (data0.type !== undefined) {
                        if ("DockerRegistry" !== data0.type) {
                            const err2 = {};
                            if (vErrors === null) {
                                vErrors = [err2];
                            }
                            else {
                                vErrors.push(err2);
                            }
                            errors++;
                        }
                    }
                }
            }
            var _valid0 = _errs4 === errors;
            errors = _errs3;
            if (vErrors !== null) {
                if (_errs3) {
                    vErrors.length = _errs3;
                }
                else {
                    vErrors = null;
                }
            }
            if (_valid0) {
                const _errs6 = errors;
                if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
                    if (data0.spec === undefined) {
                        const err3 = { instancePath: instancePath + "/connector", schemaPath: "#/properties/connector/then/required", keyword: "required", params: { missingProperty: "spec" }, message: "must have required property '" + "spec" + "'" };
                        if (vErrors === null) {
                            vErrors = [err3];
                        }
                        else {
                            vErrors.push(err3);
                        }
                        errors++;
                    }
                    if (data0.spec !== undefined) {
                        let data2 = data0.spec;
                        if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
                            if (data2.dockerRegistryUrl === undefined) {
                                const err4 = { instancePath: instancePath + "/connector/spec", schemaPath: "#/properties/connector/then/properties/spec/required", keyword: "required", params: { missingProperty: "dockerRegistryUrl" }, message: "must have required property '" + "dockerRegistryUrl" + "'" };
                                if (vErrors === null) {
                                    vErrors = [err4];
                                }
                                else {
                                    vErrors.push(err4);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err5 = { instancePath: instancePath + "/connector/spec", schemaPath: "#/properties/connector/then/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err5];
                            }
                            else {
                                vErrors.push(err5);
                            }
                            errors++;
                        }
                    }
                }
                var _valid0 = _errs6 === errors;
                valid1 = _valid0;
            }
            if (!valid1) {
                const err6 = { instancePath: instancePath + "/connector", schemaPath: "#/properties/connector/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema" };
                if (vErrors === null) {
                    vErrors = [err6];
                }
                else {
                    vErrors.push(err6);
                }
                errors++;
            }
            if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
                if (data0.identifier === undefined) {
                    const err7 = { instancePath: instancePath + "/connector", schemaPath: "#/properties/connector/required", keyword: "required", params: { missingProperty: "identifier" }, message: "must have required property '" + "identifier" + "'" };
                    if (vErrors === null) {
                        vErrors = [err7];
                    }
                    else {
                        vErrors.push(err7);
                    }
                    errors++;
                }
                if (data0.type === undefined) {
                    const err8 = { instancePath: instancePath + "/connector", schemaPath: "#/properties/connector/required", keyword: "required", params: { missingProperty: "type" }, message: "must have required property '" + "type" + "'" };
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
                if (data0.identifier !== undefined) {
                    let data3 = data0.identifier;
                    if (typeof data3 === "string") {
                        if (func0(data3) < 1) {
                            const err9 = { instancePath: instancePath + "/connector/identifier", schemaPath: "#/properties/connector/properties/identifier/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                            if (vErrors === null) {
                                vErrors = [err9];
                            }
                            else {
                                vErrors.push(err9);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err10 = { instancePath: instancePath + "/connector/identifier", schemaPath: "#/properties/connector/properties/identifier/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                }
                if (data0.name !== undefined) {
                    if (typeof data0.name !== "string") {
                        const err11 = { instancePath: instancePath + "/connector/name", schemaPath: "#/properties/connector/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err11];
                        }
                        else {
                            vErrors.push(err11);
                        }
                        errors++;
                    }
                }
                if (data0.orgIdentifier !== undefined) {
                    if (typeof data0.orgIdentifier !== "string") {
                        const err12 = { instancePath: instancePath + "/connector/orgIdentifier", schemaPath: "#/properties/connector/properties/orgIdentifier/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err12];
                        }
                        else {
                            vErrors.push(err12);
                        }
                        errors++;
                    }
                }
                if (data0.projectIdentifier !== undefined) {
                    if (typeof data0.projectIdentifier !== "string") {
                        const err13 = { instancePath: instancePath + "/connector/projectIdentifier", schemaPath: "#/properties/connector/properties/projectIdentifier/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                }
                if (data0.type !== undefined) {
                    let data7 = data0.type;
                    if (typeof data7 === "string") {
                        if (func0(data7) < 1) {
                            const err14 = { instancePath: instancePath + "/connector/type", schemaPath: "#/properties/connector/properties/type/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err15 = { instancePath: instancePath + "/connector/type", schemaPath: "#/properties/connector/properties/type/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err15];
                        }
                        else {
                            vErrors.push(err15);
                        }
                        errors++;
                    }
                }
                if (data0.spec !== undefined) {
                    let data8 = data0.spec;
                    if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
                        if (data8.executeOnDelegate !== undefined) {
                            let data9 = data8.executeOnDelegate;
                            if (!((((((((data9 === true) || (data9 === false)) || (data9 === "true")) || (data9 === "True")) || (data9 === "TRUE")) || (data9 === "false")) || (data9 === "False")) || (data9 === "FALSE"))) {
                                const err16 = { instancePath: instancePath + "/connector/spec/executeOnDelegate", schemaPath: "#/properties/connector/properties/spec/properties/executeOnDelegate/enum", keyword: "enum", params: { allowedValues: schema5.properties.connector.properties.spec.properties.executeOnDelegate.enum }, message: "must be equal to one of the allowed values" };
                                if (vErrors === null) {
                                    vErrors = [err16];
                                }
                                else {
                                    vErrors.push(err16);
                                }
                                errors++;
                            }
                        }
                        if (data8.delegateSelectors !== undefined) {
                            let data10 = data8.delegateSelectors;
                            if (Array.isArray(data10)) {
                                const len0 = data10.length;
                                for (let i0 = 0; i0 < len0; i0++) {
                                    if (typeof data10[i0] !== "string") {
                                        const err17 = { instancePath: instancePath + "/connector/spec/delegateSelectors/" + i0, schemaPath: "#/properties/connector/properties/spec/properties/delegateSelectors/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                        if (vErrors === null) {
                                            vErrors = [err17];
                                        }
                                        else {
                                            vErrors.push(err17);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            else {
                                const err18 = { instancePath: instancePath + "/connector/spec/delegateSelectors", schemaPath: "#/properties/connector/properties/spec/properties/delegateSelectors/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                                if (vErrors === null) {
                                    vErrors = [err18];
                                }
                                else {
                                    vErrors.push(err18);
                                }
                                errors++;
                            }
                        }
                        if (data8.dockerRegistryUrl !== undefined) {
                            let data12 = data8.dockerRegistryUrl;
                            if (typeof data12 === "string") {
                                if (func0(data12) < 1) {
                                    const err19 = { instancePath: instancePath + "/connector/spec/dockerRegistryUrl", schemaPath: "#/properties/connector/properties/spec/properties/dockerRegistryUrl/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                    if (vErrors === null) {
                                        vErrors = [err19];
                                    }
                                    else {
                                        vErrors.push(err19);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err20 = { instancePath: instancePath + "/connector/spec/dockerRegistryUrl", schemaPath: "#/properties/connector/properties/spec/properties/dockerRegistryUrl/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                if (vErrors === null) {
                                    vErrors = [err20];
                                }
                                else {
                                    vErrors.push(err20);
                                }
                                errors++;
                            }
                        }
                        if (data8.providerType !== undefined) {
                            let data13 = data8.providerType;
                            if (!((((data13 === "DockerHub") || (data13 === "Harbor")) || (data13 === "Quay")) || (data13 === "Other"))) {
                                const err21 = { instancePath: instancePath + "/connector/spec/providerType", schemaPath: "#/properties/connector/properties/spec/properties/providerType/enum", keyword: "enum", params: { allowedValues: schema5.properties.connector.properties.spec.properties.providerType.enum }, message: "must be equal to one of the allowed values" };
                                if (vErrors === null) {
                                    vErrors = [err21];
                                }
                                else {
                                    vErrors.push(err21);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err22 = { instancePath: instancePath + "/connector/spec", schemaPath: "#/properties/connector/properties/spec/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                        if (vErrors === null) {
                            vErrors = [err22];
                        }
                        else {
                            vErrors.push(err22);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err23 = { instancePath: instancePath + "/connector", schemaPath: "#/properties/connector/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err23];
                }
                else {
                    vErrors.push(err23);
                }
                errors++;
            }
        }
    }
    else {
        const err24 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err24];
        }
        else {
            vErrors.push(err24);
        }
        errors++;
    }
    validate7.errors = vErrors;
    return errors === 0;
}

;// CONCATENATED MODULE: ./src/engine/schema.ts



/**
 * The schemas every Harness file is checked against, compiled ahead of time from schemas/ by
 * scripts/validators.mjs (compiling them cost each thread about 30 ms at start).
 */
const compiled = {
    connector: validators_generated_connector,
    pipeline: pipeline,
};
const validators = new WeakMap();
let ajv;
/**
 * Compiles a schema built at run time (the config's, from the rules) on its first use. Our schemas
 * are not checked against the meta-schema here: __tests__/schemas.test.ts does that.
 */
function validatorFor(schema) {
    ajv ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: false });
    let v = validators.get(schema);
    if (!v)
        validators.set(schema, (v = ajv.compile(schema)));
    return v;
}
/** True when a value is valid against a schema (command-line flags are checked like the config keys they stand for). */
function isValid(schema, value) {
    return validatorFor(schema)(value);
}
/** Validates a document's JS value and maps each error to the YAML node at its instancePath. */
function validateSchema(name, value, root) {
    return problems(compiled[name], value, root, true);
}
/** Validates against a schema object (the config's, built from the rules). */
function validateAgainst(schema, value, root) {
    return problems(validatorFor(schema), value, root);
}
/** `harness`: the document is Harness YAML, which Harness reads with YAML 1.1's booleans (our config is read as YAML 1.2). */
function problems(validate, value, root, harness = false) {
    if (validate(value))
        return [];
    return (validate.errors ?? [])
        .filter((e) => e.keyword !== 'if' && !(harness && yaml11Boolean(e, root)))
        .map((e) => ({ at: nodeFor(e, root), message: describe(e) }));
}
/**
 * A boolean the schema asks for, written as an unquoted `yes`, `no`, `on` or `off`: YAML 1.2 reads a
 * string, Harness's parser (Jackson 2, YAML 1.1) a boolean, so it is no error.
 */
function yaml11Boolean(error, root) {
    const params = error.params;
    const wantsBoolean = (error.keyword === 'type' && [params.type].flat().includes('boolean')) ||
        (error.keyword === 'enum' && !!params.allowedValues?.includes(true) && params.allowedValues.includes(false));
    if (!wantsBoolean)
        return false;
    const node = root.getIn(segments(error.instancePath));
    return !!node && isYaml11Boolean(node.value, node.style);
}
function segments(pointer) {
    return pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
/** The node an error is about; for a missing property, the key of the map that lacks it. */
function nodeFor(error, root) {
    const path = segments(error.instancePath);
    if (error.keyword === 'additionalProperties') {
        // The error is on the map; point at the unknown key itself.
        const key = root.getIn(path)?.keyOf(error.params.additionalProperty);
        if (key)
            return key.at;
    }
    if (error.keyword === 'required') {
        const last = path[path.length - 1];
        const parent = root.getIn(path.slice(0, -1));
        const key = typeof last === 'string' ? parent?.keyOf(last) : undefined;
        if (key)
            return key.at;
    }
    let cur;
    for (let n = path.length; n >= 0 && !cur; n--)
        cur = root.getIn(path.slice(0, n));
    return (cur ?? root).at;
}
/**
 * A key from the document as a message quotes it: a control character or line break in it is
 * written as its `\uXXXX` escape, so that printed (a usage error names a config's keys) it cannot
 * start a line of its own, such as a workflow command in a CI log.
 */
const printable = (key) => key.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
function describe(error) {
    const where = segments(error.instancePath)
        .map((s) => (typeof s === 'number' ? `[${s}]` : `.${printable(s)}`))
        .join('')
        .replace(/^\./, '');
    let what = error.message ?? 'is invalid';
    if (error.keyword === 'enum') {
        const allowed = error.params.allowedValues;
        // A boolean's enum also lists the words Harness takes for one: the user needs only the two.
        what = allowed.includes(true) && allowed.includes(false) ? 'must be true or false' : `must be one of ${allowed.join(', ')}`;
    }
    if (error.keyword === 'const')
        what = `must be ${JSON.stringify(error.params.allowedValue)}`;
    if (error.keyword === 'type')
        what = `must be ${typeNames(error.params)}`;
    if (error.keyword === 'minLength' && error.params.limit === 1)
        what = 'must not be empty';
    if (error.keyword === 'additionalProperties')
        what = `has unknown key \`${printable(error.params.additionalProperty)}\``;
    return `${where ? `\`${where}\` ` : ''}${what}.`;
}
/** JSON Schema types as YAML's words: `string,null` is "a string or null", `object` "a map". */
const TYPE_NAMES = {
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    object: 'a map',
    array: 'a list',
    null: 'null',
};
const typeNames = ({ type }) => (Array.isArray(type) ? type : type.split(',')).map((t) => TYPE_NAMES[t] ?? t).join(' or ');

;// CONCATENATED MODULE: ./src/engine/suppressions.ts



/**
 * Inline suppressions, on a comment line of their own:
 *
 *   # harness-registry-guard-disable-next-line <rule-id>[, <rule-id>...] [until=YYYY-MM-DD] -- <reason>
 *   # harness-registry-guard-disable <rule-id>[, <rule-id>...] [until=YYYY-MM-DD] -- <reason>
 *
 * The first accepts the named rules' findings that start on the next line holding YAML (blank lines
 * and other comments are skipped, so several can be stacked); the second, written at the top of the
 * file before any YAML, accepts them in the whole file. Every problem with one is reported under the
 * `suppression` rule: a malformed or reasonless comment, an unknown rule id or date, and a comment
 * that is misplaced, expired or forbidden (all ignored: the finding stands), or that accepts nothing.
 */
const SUPPRESSION_RULE = 'suppression';
const PREFIX = 'harness-registry-guard-';
const DIRECTIVE = /^(\uFEFF?[ \t]*)#[ \t]*harness-registry-guard-([A-Za-z-]*)(.*)$/;
/**
 * Comment text (after `#`) that is a suppression in all but its place or case: the directive word,
 * in any case, then a known rule id and a reason. Prose that merely names the tool is not one.
 */
function looksLikeSuppression(comment, known) {
    const m = /^[ \t]*harness-registry-guard-disable(?:-next-line)?[ \t]+(.*)$/i.exec(comment);
    if (!m || !/(?:^|\s)--(?:\s|$)/.test(m[1]))
        return false;
    const first = m[1].split(/[\s,]+/)[0].toLowerCase();
    return known.includes(first);
}
/** Where a comment starts on a line holding YAML: a `#` after a space, outside quotes; -1 when none. */
function commentStart(line) {
    let quote = '';
    // The last character before `i` that is not a space or tab ('' when none): kept as the scan goes,
    // not found again by looking back, so a long line of quotes takes linear time.
    let before = '';
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === quote && !(quote === '"' && line[i - 1] === '\\'))
                quote = '';
        }
        else if (c === '"' || c === "'") {
            // A quote opens a scalar only where one can start (after `: `, `- `, `[`, `{`, `,`, or at the start).
            if (before === '' || ':-[{,'.includes(before))
                quote = c;
        }
        else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t'))
            return i;
        if (c !== ' ' && c !== '\t')
            before = c;
    }
    return -1;
}
/** A key with no value on its line (`url:`, `- url:`, maybe a comment): its value starts below. */
const EMPTY_KEY = /^(-[ \t]+)?[^#\s-][^#]*?:[ \t]*(#.*)?$/;
/** A line that starts a key or a list item, not a value continued from the line above. */
const KEY_OR_ITEM = /^(-([ \t]|$)|[^#'"\s][^#]*?:([ \t]|$)|("[^"]*"|'[^']*')[ \t]*:([ \t]|$)|[[{?])/;
/**
 * Reads the file's suppression comments, marks the findings they accept as suppressed (in place),
 * and returns the `suppression` findings about the comments themselves.
 */
function applyInlineSuppressions(findings, directivesByFile, options) {
    const meta = [];
    const byFile = new Map();
    for (const f of findings) {
        if (f.ruleId === SUPPRESSION_RULE)
            continue;
        const list = byFile.get(f.file) ?? [];
        list.push(f);
        byFile.set(f.file, list);
    }
    for (const [file, directives] of directivesByFile) {
        const report = (d, severity, message) => meta.push({ ruleId: SUPPRESSION_RULE, severity, message, file, ...d.position, range: d.range });
        // The file's findings by rule and by rule and line, so that a comment looks up its own, not every
        // finding; a list an earlier comment marked is not walked again (its first reason stays anyway).
        const index = new Map();
        for (const f of byFile.get(file) ?? [])
            for (const key of [f.ruleId, `${f.ruleId}\0${f.line}`]) {
                const list = index.get(key);
                if (list)
                    list.push(f);
                else
                    index.set(key, [f]);
            }
        const marked = new Set();
        /** Marks the findings under `key` as suppressed; whether there are any. */
        const accept = (key, reason) => {
            const list = index.get(key) ?? [];
            if (!marked.has(key))
                for (const f of list)
                    f.suppressed ??= { kind: 'inline', reason };
            marked.add(key);
            return list.length > 0;
        };
        // Line-specific comments first, so that a finding's reason is the one written next to it.
        for (const d of [...directives].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'next-line' ? -1 : 1))) {
            const where = d.kind === 'file' ? 'in this file' : d.target === undefined ? '(no YAML line follows it)' : `on line ${d.target}`;
            if (d.until !== undefined && d.until < options.today) {
                report(d, 'warning', `Suppression of ${ids(d.ruleIds)} was valid until ${d.until} and has expired; it no longer suppresses anything. Fix the finding, or set a new date if the exception still holds.`);
                if (d.kind === 'next-line')
                    d.suppressesNothing = true;
                continue;
            }
            const forbidden = d.ruleIds.filter((id) => options.forbid.has(id));
            if (forbidden.length)
                report(d, 'error', `${ids(forbidden)} may not be suppressed (forbidSuppression in ${options.configFile ?? 'the config'}); the comment is ignored for ${forbidden.length === 1 ? 'it' : 'them'} and the findings stand.`);
            const unused = [];
            const allowed = d.ruleIds.filter((id) => !options.forbid.has(id));
            for (const ruleId of allowed) {
                const lines = d.kind === 'file' ? [] : [d.target, d.valueLine].filter((l) => l !== undefined);
                const keys = d.kind === 'file' ? [ruleId] : lines.map((l) => `${ruleId}\0${l}`);
                const matched = keys.map((key) => accept(key, d.reason)).some(Boolean);
                if (!matched && !options.unjudged?.has(ruleId))
                    unused.push(ruleId);
            }
            if (d.kind === 'next-line' && unused.length === allowed.length)
                d.suppressesNothing = true;
            if (unused.length)
                report(d, 'warning', `Suppression of ${ids(unused)} matches no finding ${where}; remove it.`);
        }
    }
    return meta;
}
const ids = (list) => list.map((id) => `\`${id}\``).join(', ');
/** The well-formed suppression comments of a file, and what is wrong with the others. */
function parseDirectives(source, ruleIds) {
    // A comment may name every rule but `suppression` itself.
    const known = ruleIds.filter((id) => id !== SUPPRESSION_RULE);
    const directives = [];
    const problems = [];
    const text = source.text;
    const starts = linesOf(source).lineStarts;
    const inScalar = multiLineScalars(source);
    let header = true;
    const pendingNextLine = [];
    // Directives above a key with nothing after it, waiting for the line its value starts on.
    const awaitingValue = [];
    for (let i = 0; i < starts.length; i++) {
        const start = starts[i];
        const end = i + 1 < starts.length ? starts[i + 1] : text.length;
        const line = text
            .slice(start, end)
            .replace(/\r?\n$/, '')
            .replace(/\r$/, '');
        const bare = line.replace(/^\uFEFF/, '').trim();
        // Lines inside a multi-line scalar are text; document markers and YAML directives hold no node.
        if (!bare || inScalar(start) || /^(---|\.\.\.)(\s+#.*)?$/.test(bare) || (header && bare.startsWith('%')))
            continue;
        if (!bare.startsWith('#')) {
            for (const d of awaitingValue.splice(0))
                if (!KEY_OR_ITEM.test(bare))
                    d.valueLine = i + 1;
            for (const d of pendingNextLine.splice(0)) {
                d.target = i + 1;
                if (EMPTY_KEY.test(bare))
                    awaitingValue.push(d);
            }
            header = false;
            const hash = /registry-guard-disable/i.test(line) ? commentStart(line) : -1;
            if (hash >= 0 && looksLikeSuppression(line.slice(hash + 1), known))
                problems.push({
                    range: [start + hash, start + line.length],
                    message: `A suppression comment must be on a line of its own, above the line it is for; this one, after YAML on line ${i + 1}, is ignored.`,
                });
            continue;
        }
        if (!DIRECTIVE.test(line)) {
            const hash = line.indexOf('#');
            if (looksLikeSuppression(line.slice(hash + 1), known))
                problems.push({
                    range: [start + hash, start + line.length],
                    message: `\`${line
                        .slice(hash + 1)
                        .trim()
                        .split(/\s/)[0]}\` is not a directive: directives are lower case, \`# ${PREFIX}disable-next-line <rule-id> -- <reason>\`; it is ignored.`,
                });
            continue;
        }
        const m = DIRECTIVE.exec(line);
        const from = start + m[1].length;
        const range = [from, start + line.length];
        const word = m[2];
        const body = m[3];
        if ((word !== 'disable' && word !== 'disable-next-line') || (body && !/^\s/.test(body))) {
            problems.push({
                range,
                message: `Unknown directive \`${PREFIX}${word}${body.split(/\s/)[0]}\`; write \`# ${PREFIX}disable-next-line <rule-id> -- <reason>\` or, at the top of the file, \`# ${PREFIX}disable <rule-id> -- <reason>\`.`,
            });
            continue;
        }
        const parsed = parseBody(body, known);
        if ('problem' in parsed) {
            problems.push({ range, message: parsed.problem });
            continue;
        }
        if (word === 'disable' && !header) {
            problems.push({
                range,
                message: `\`# ${PREFIX}disable\` must be at the top of the file, before any YAML; it is ignored here. Use \`# ${PREFIX}disable-next-line\` above the line instead.`,
            });
            continue;
        }
        const { file: _file, range: _range, ...position } = locate_locateRange(source, range[0], range[1]);
        const d = { kind: word === 'disable' ? 'file' : 'next-line', ...parsed, line: i + 1, range, position };
        directives.push(d);
        if (d.kind === 'next-line')
            pendingNextLine.push(d);
    }
    return { directives, problems };
}
function parseBody(body, known) {
    const sep = /(?:^|\s)--(?:\s|$)/.exec(body);
    const spec = sep ? body.slice(0, sep.index) : body;
    const reason = sep ? body.slice(sep.index + sep[0].length).trim() : '';
    const ruleIds = [];
    let until;
    for (const token of spec.split(/[\s,]+/).filter(Boolean)) {
        const date = /^until=(.*)$/.exec(token);
        if (date) {
            if (until !== undefined)
                return { problem: 'Suppression gives `until=` twice; give one date.' };
            if (!isDate(date[1]))
                return { problem: `Suppression has \`until=${date[1]}\`, which is not a date YYYY-MM-DD; it is ignored.` };
            until = date[1];
        }
        else if (!known.includes(token)) {
            const hint = token === SUPPRESSION_RULE ? ' (suppression findings cannot be suppressed)' : '';
            return { problem: `Suppression names \`${token}\`, which is not a rule id${hint}; it is ignored. Rule ids: ${known.join(', ')}.` };
        }
        else if (!ruleIds.includes(token))
            ruleIds.push(token);
    }
    if (!ruleIds.length)
        return { problem: 'Suppression names no rule id; name the rules it accepts, for example `no-app-harness-registry`. It is ignored.' };
    if (!reason)
        return {
            problem: `Suppression of ${ids(ruleIds)} has no reason; write one after \` -- \`, for example \`-- mirror retired in Q3\`. It is ignored until it has one.`,
        };
    return { ruleIds, until, reason };
}
function isDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m)
        return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
}
/** Whether an offset lies inside a block or multi-line quoted scalar, where `#` lines are text, not comments. */
function multiLineScalars(source) {
    const ranges = [];
    const records = source.records;
    for (let i = 0; i < records.length; i += RECORD) {
        const [start, end, info] = [records[i], records[i + 1], records[i + 2]];
        if (info >= 0 && (info & KIND_MASK) <= Info.BlockFolded && end > start && source.text.lastIndexOf('\n', end - 1) >= start)
            ranges.push([start, end]);
    }
    // Sorted and merged, so each of the file's lines is looked up by binary search, not against every range.
    ranges.sort((p, q) => p[0] - q[0]);
    const merged = [];
    for (const [s, e] of ranges) {
        const last = merged[merged.length - 1];
        if (last && s < last[1])
            last[1] = Math.max(last[1], e);
        else
            merged.push([s, e]);
    }
    return (offset) => {
        // The last range starting before the offset is the only one that can hold it.
        let lo = 0;
        let hi = merged.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (merged[mid][0] < offset)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo > 0 && offset < merged[lo - 1][1];
    };
}
/** Today's date, YYYY-MM-DD in UTC. */
const isoDay = (d) => d.toISOString().slice(0, 10);

;// CONCATENATED MODULE: ./src/engine/file-text.ts



/**
 * The texts of scanned files, read again from disk (the scan keeps facts, not texts) by their path relative to `cwd` (as findings name
 * them), once each, with lone CRs made LF as `parseSource` does. A file that is gone or unreadable has no text: its findings get no
 * code frame.
 */
class SourceTexts {
    cwd;
    #texts = new Map();
    constructor(cwd) {
        this.cwd = cwd;
    }
    get(file) {
        if (!this.#texts.has(file)) {
            let text;
            try {
                // Lines as findings count them: a lone CR ends one, as LF does (same length, so offsets hold).
                text = loneCrAsLf(fs.readFileSync(path.resolve(this.cwd, file), 'utf8'));
            }
            catch {
                text = undefined;
            }
            this.#texts.set(file, text);
        }
        return this.#texts.get(file);
    }
}
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** A file's bytes as text: throws on bytes that are not UTF-8 (never guessed), and drops a BOM. */
const decodeUtf8 = (bytes) => UTF8.decode(bytes);
/** Whether `abs` is a symlink itself (not where it leads); false when it is not there. */
function isSymlink(abs) {
    try {
        return fs.lstatSync(abs).isSymbolicLink();
    }
    catch {
        return false; // not there, or a part of the path is no folder (ENOTDIR)
    }
}
/** What a symlink is when nothing is found where it leads (it dangles, or it is in a loop of links: ENOENT or ELOOP). */
const LEADS_NOWHERE = 'a symlink that leads nowhere';
/** A file's text, or undefined when it cannot be read (gone, a folder, a link leading nowhere, no regular file). */
function readText(abs) {
    try {
        return readRegularFile(abs);
    }
    catch {
        return undefined;
    }
}
/**
 * A regular file's text, of at most `maxBytes` when given. Anything else throws, with code
 * `ENOTREG` (a folder, a FIFO, a device: a FIFO's open and read would wait forever, /dev/zero's
 * never end) or `EFBIG` (larger); a file that cannot be opened throws as `fs` does. Opened without
 * blocking, then checked on the open file, so what is checked is what is read.
 */
function readRegularFile(abs, maxBytes = Infinity) {
    const fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
        const st = fs.fstatSync(fd);
        if (!st.isFile())
            throw Object.assign(new Error(`${abs}: not a regular file`), { code: 'ENOTREG', directory: st.isDirectory() });
        if (st.size > maxBytes)
            throw Object.assign(new Error(`${abs}: ${st.size} bytes`), { code: 'EFBIG', size: st.size });
        return fs.readFileSync(fd, 'utf8');
    }
    finally {
        fs.closeSync(fd);
    }
}

;// CONCATENATED MODULE: ./src/engine/scan-file.ts

















/** Scans in this thread, with the rule objects at hand. */
const scan_file_serialScanner = (rules) => (inputs, spec) => scan_file_scanFiles(inputs, scan_file_scanOptions(rules, spec));
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
function scan_file_scanFiles(inputs, opts, onFile) {
    const scans = [];
    for (let first = 0; first < inputs.length;) {
        const run = readRun(inputs, first, opts.maxFileSize, onFile);
        run.forEach((ahead, k) => {
            onFile?.(first + k);
            scans.push(scanFile(inputs[first + k], opts, ahead));
        });
        first += run.length;
    }
    return scans;
}
/** The next run of files from `first`, read (see `READ_AHEAD_FILES`). */
function readRun(inputs, first, maxFileSize, onFile) {
    const run = [];
    for (let i = first, bytes = 0; i < inputs.length && run.length < READ_AHEAD_FILES && bytes < READ_AHEAD_BYTES; i++) {
        onFile?.(i);
        const ahead = { bytes: readInput(inputs[i], maxFileSize) };
        run.push(ahead);
        if (Buffer.isBuffer(ahead.bytes))
            bytes += ahead.bytes.length;
    }
    return run;
}
/** The scan options for a spec, with the file rules looked up by id. */
function scan_file_scanOptions(rules, spec) {
    const fileRules = spec.fileRules.map(({ id, options }) => {
        const rule = rules.find((r) => r.id === id);
        if (!rule?.checkFile)
            throw new Error(`unknown file rule ${id}`);
        return { rule, options };
    });
    return { fileRules, ruleIds: spec.ruleIds, maxFileSize: spec.maxFileSize, ...(spec.images ? { images: true } : {}) };
}
const MAX_SYNTAX_ERRORS_PER_FILE = 10;
/** Files over this many bytes are skipped unread, unless the config or `--max-file-size` says otherwise. */
const DEFAULT_MAX_FILE_SIZE = (/* unused pure expression or super */ null && (10 * 1024 * 1024));
/** Scans one file; `ahead`: what reading it gave, when it was read ahead (see `scanFiles`). */
function scanFile(input, opts, ahead) {
    const out = {
        file: input.shown,
        parsed: false,
        harness: false,
        findings: [],
        entities: [],
        directives: [],
        internalErrors: [],
    };
    const read = readSource(input, ahead, opts.maxFileSize, out);
    if (!read)
        return out;
    const { source, classified } = read;
    out.parsed = true;
    out.harness = !!source.harness;
    const place = placerOf(source);
    // The entities, and the roots their semantic paths are counted from.
    const parsed = [];
    const roots = new Map();
    source.docs.forEach((doc, i) => {
        const c = classified[i];
        if (!source.harness)
            return;
        const notice = (what, at) => out.findings.push(findingAt('schema', 'notice', `${what}: only its image references are checked (policies 1 and 4).`, locOf(at), place));
        if (c.kind === 'v1')
            notice('Harness v1 YAML (`version: 1`)', c.at);
        if (c.kind === 'unknown-harness')
            notice(`Unknown Harness entity kind \`${c.key}\``, c.at);
        if (c.kind !== 'entity')
            return;
        parsed.push({ entity: c.entity, root: c.root, ...(c.embedded ? { embedded: c.embedded } : {}) });
        if (c.entity.kind === 'pipeline' || c.entity.kind === 'template')
            roots.set(doc, c.root);
        const schemaName = c.entity.kind === 'connector' ? 'connector' : c.entity.kind === 'pipeline' ? 'pipeline' : undefined;
        const top = View.root(source, doc);
        if (schemaName && top)
            for (const p of validateSchema(schemaName, doc.json, top)) {
                const what = `${capitalise(c.entity.kind)}${c.entity.identifier ? ` \`${c.entity.identifier}\`` : ''}`;
                out.findings.push(findingAt('schema', schema.severity, `${what}: ${p.message}`, locOf(p.at), place));
            }
    });
    // The last view's loc is kept: a rule reports each mention in a long script at the same scalar,
    // and making its loc again each time (its value shared, a hash of the whole text) is quadratic.
    let last;
    const loc = (v) => (last?.view === v ? last.loc : (last = { view: v, loc: locOf(v, roots.get(v.doc)) }).loc);
    const embedded = parsed.flatMap((p) => (p.embedded ? [p.embedded] : []));
    for (const { rule, options } of opts.fileRules) {
        try {
            rule.checkFile({
                file: source,
                embedded,
                entities: parsed,
                options,
                report: (r) => out.findings.push(fromReport(rule, r, loc, place)),
            });
        }
        catch (e) {
            out.internalErrors.push(`rule ${rule.id} failed on ${input.shown}: ${e.stack ?? e}`);
        }
    }
    for (const p of parsed) {
        const root = roots.get(p.root.doc);
        out.entities.push((opts.facts ? opts.facts(p.entity, root, input.shown) : toLocs(p.entity, root, isView)));
    }
    // Suppressions are comments: a text without `#` has none (and `includes` is many times faster than the regex).
    if (source.text.includes('#') && /registry-guard-/i.test(source.text)) {
        const { directives, problems } = parseDirectives(source, opts.ruleIds);
        out.directives = directives;
        for (const problem of problems)
            out.findings.push({ ruleId: 'suppression', severity: 'error', message: problem.message, ...locate_locateRange(source, ...problem.range) });
    }
    if (opts.images)
        out.images = [source, ...embedded].flatMap((s) => imageFacts(s, loc));
    if (out.entities.length || out.images?.length)
        out.lines = lineTable(source);
    return out;
}
const isView = (v) => v instanceof View;
const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);
/** A file rule's report as a finding: positions and identity from the view, fixes as the rule's `fixable` allows. */
function fromReport(rule, r, loc, place) {
    let at = loc(r.at);
    if (r.span) {
        const range = locate_locateRange(r.at.file, r.span[0], r.span[1]).range;
        at = withRange(at, range[0], range[1]);
    }
    const f = findingAt(rule.id, r.severity ?? rule.severity, messageOf(rule, r.messageId, r.data), at, place, {
        messageId: r.messageId,
        ...(r.entity ? { entity: r.entity } : {}),
        ...(r.related ? { related: r.related.map((rel) => ({ at: loc(rel.at), message: messageOf(rule, rel.messageId, rel.data) })) } : {}),
    });
    return withFix(rule, { ...r, at }, f);
}
function imageFacts(source, loc) {
    return imageUses(source).map((use) => ({
        image: use.raw,
        kind: use.kind,
        ...(use.field ? { field: use.field } : {}),
        ...(use.image.registry ? { registry: use.image.registry } : {}),
        appHarness: isAppHarnessImage(use.image),
        at: loc(use.view),
    }));
}
/** What reading a file gives (its overlay's bytes when it has one). */
function readInput(input, maxFileSize) {
    if (input.overlay !== undefined)
        return Buffer.from(input.overlay, 'utf8');
    try {
        return readCapped(input.absPath, maxFileSize);
    }
    catch (e) {
        return { unreadable: e?.code ?? 'error' };
    }
}
/** A file's bytes, or its size when that is over `max` (then it is not read). */
function readCapped(absPath, max) {
    const fd = external_node_fs_default().openSync(absPath, 'r');
    try {
        const size = external_node_fs_default().fstatSync(fd).size;
        if (size > max)
            return size;
        // One read of a byte more than the size says, where `readFileSync` would look at the size again
        // and read once more to find the end. Read to the end all the same: a file whose size says 0
        // (procfs, some FUSE mounts), or that grew since, may hold more.
        const bytes = Buffer.allocUnsafe(size + 1);
        const read = external_node_fs_default().readSync(fd, bytes, 0, size + 1, null);
        return read <= size ? bytes.subarray(0, read) : Buffer.concat([bytes, external_node_fs_default().readFileSync(fd)]);
    }
    finally {
        external_node_fs_default().closeSync(fd);
    }
}
/** A line Git writes into a file with a merge conflict. */
const CONFLICT_MARKER = /^(?:<{7}|>{7})(?: |$)|^={7}$/m;
/** A top-level key only Harness uses, alone on its line. */
const HARNESS_ONLY_KEY = /^(?:pipeline|connector|inputSet|overlayInputSet|infrastructureDefinition|serviceOverrides|monitoredService|policySet)[ \t]*:(?:[ \t]|\r?$)/m;
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
function looksLikeHarness(text) {
    if (TEMPLATE_SYNTAX.test(text))
        return false;
    return HARNESS_ONLY_KEY.test(text) || (SHARED_KEY.test(text) && /^[ \t]+identifier[ \t]*:/m.test(text));
}
/**
 * The encoding and text of a UTF-16 or UTF-32 file (YAML allows both): told by its byte-order mark,
 * or without one by the NUL bytes around its first character, which YAML 1.2 (5.2) takes to be
 * ASCII. Undefined for any other file, and for bytes that only look like that (binary).
 */
function wideText(bytes) {
    const at = (i, ...b) => b.every((x, k) => bytes[i + k] === x);
    const ascii = (i) => bytes[i] > 0 && bytes[i] < 0x80;
    const bom32 = at(0, 0xff, 0xfe, 0, 0) || at(0, 0, 0, 0xfe, 0xff);
    const le32 = at(0, 0xff, 0xfe, 0, 0) || (ascii(0) && at(1, 0, 0, 0));
    if (bom32 || le32 || (at(0, 0, 0, 0) && ascii(3))) {
        const points = [];
        for (let i = bom32 ? 4 : 0; i + 4 <= bytes.length && points.length < 65536; i += 4) {
            const c = le32 ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
            if (c <= 0x10ffff && (c > 0 || bom32))
                points.push(c);
            else if (!bom32)
                return undefined;
        }
        return { encoding: 'UTF-32', text: String.fromCodePoint(...points) };
    }
    if (at(0, 0xff, 0xfe))
        return { encoding: 'UTF-16', text: new TextDecoder('utf-16le').decode(bytes) };
    if (at(0, 0xfe, 0xff))
        return { encoding: 'UTF-16', text: new TextDecoder('utf-16be').decode(bytes) };
    const le16 = ascii(0) && bytes[1] === 0;
    if ((!le16 && !(bytes[0] === 0 && ascii(1))) || bytes.length % 2)
        return undefined;
    try {
        const text = new TextDecoder(le16 ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
        return text.includes('\0') ? undefined : { encoding: 'UTF-16', text };
    }
    catch {
        return undefined;
    }
}
/**
 * Parses one file from what reading it gave. Unreadable, binary and non-UTF-8 files become findings; a file that
 * does not parse becomes syntax errors only when it is meant as Harness YAML, and is otherwise
 * skipped without a finding (`skippedNotHarness`).
 */
function readSource(input, ahead, maxFileSize, out) {
    const { absPath, shown } = input;
    const bytes = ahead?.bytes ?? readInput(input, maxFileSize);
    if (ahead)
        ahead.bytes = undefined;
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
        out.findings.push(fileFinding(shown, harness ? 'error' : 'notice', `File is ${wide.encoding} encoded; only UTF-8 is read, so it is ${harness ? 'not checked: save it as UTF-8' : 'skipped'}.`));
        return undefined;
    }
    if (bytes.includes(0)) {
        out.findings.push(fileFinding(shown, 'notice', 'File contains NUL bytes (binary); skipped.'));
        return undefined;
    }
    let text;
    try {
        text = decodeUtf8(bytes);
    }
    catch {
        const harness = looksLikeHarness(bytes.toString('latin1'));
        out.findings.push(fileFinding(shown, harness ? 'error' : 'notice', `File is not valid UTF-8; ${harness ? 'YAML must be Unicode' : 'skipped'}.`));
        return undefined;
    }
    // JSON files are read only when they hold an execution-config payload (the update-config list, or
    // a field→image map as get-customer-config answers).
    if (external_node_path_default().extname(absPath).toLowerCase() === '.json' && !/^\s*\[/.test(text.replace(/^\uFEFF/, '')) && !mentionsExecutionConfigField(text))
        return undefined;
    const source = parseSource(shown, text);
    // The Git Experience folders that give a scope are read from the whole path, not the one from cwd
    // (run inside `.harness`, that one starts at `orgs/`).
    const classified = source.docs.map((_, i) => classify(source, i, absPath.split((external_node_path_default()).sep).join('/')));
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
            ...locate_locateRange(source, ...source.complexKey),
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
            message: "The file holds an unresolved merge conflict (Git's `<<<<<<<`, `=======` and `>>>>>>>` lines); resolve it to have the file checked.",
            ...locate_locateRange(source, conflict.index, conflict.index + 7),
        });
    }
    for (const p of source.problems) {
        const pos = locate_locateRange(source, p.start, p.end);
        // Hostile input is worth a word even outside Harness YAML; an error only inside it.
        const report = (message, severity = 'error') => out.findings.push({ ruleId: yamlSyntax.id, severity, message, ...pos });
        if (p.kind === 'too-deep')
            report(`${p.message}; the file is not checked.`, harness ? 'error' : 'notice');
        else if (p.kind === 'aliases')
            report(`Document not checked: ${p.message}.`, harness ? 'error' : 'notice');
        else if (syntaxErrors++ < MAX_SYNTAX_ERRORS_PER_FILE)
            report(`${p.message}.`.replace(/\.\.$/, '.'));
    }
    return { source, classified };
}

;// CONCATENATED MODULE: ./src/engine/pool.ts










/**
 * Scanning files on worker threads. Each worker parses and checks a batch of files and posts back
 * their facts; the main thread scans files too between gathering them, and the cross-file rules
 * run once, over the facts.
 * A worker that crashes, runs out of memory or hangs on a file costs that file an internal error
 * (exit code 2, the file named) and is replaced; the rest of the scan goes on.
 */
/**
 * Each thread that scans (the main thread and each worker) gets at least this many files: with
 * fewer, starting a worker costs more than it saves. On 2 cores, the default `check` with a worker
 * against without: 550 files 1.04× the time, 770 even, 1,100 0.91×, 3,300 0.87×.
 */
const MIN_FILES_PER_THREAD = 500;
/** The environment variable that sets the number of worker threads (0: scan in the main thread). */
const WORKERS_ENV = 'HARNESS_REGISTRY_GUARD_WORKERS';
const MAX_WORKERS = 8;
const BATCH = 64;
/**
 * Near the end of the queue batches shrink, down to this many files: the main thread cannot take
 * back files already posted, and it would wait while its worker scanned two full batches.
 */
const MIN_BATCH = 8;
/** Files the main thread scans between looks at its workers' messages. */
const MAIN_STEP = 4;
/** A file that takes longer than this is taken to hang its worker. */
const FILE_TIMEOUT_MS = 30_000;
/**
 * How many worker threads to start for `files` files: none (scan in this thread) for small repos
 * and on a single core, where a worker only adds its start-up; else one per core beside the main
 * thread's (which scans too), up to 8, as long as each thread gets `MIN_FILES_PER_THREAD` files.
 */
function workerCount(files, requested, env = process.env, cores = os.availableParallelism()) {
    const asked = requested ?? workersFromEnv(env);
    if (asked !== undefined)
        return Math.min(asked, MAX_WORKERS, files);
    return Math.max(0, Math.min(cores - 1, MAX_WORKERS, Math.floor(files / MIN_FILES_PER_THREAD) - 1));
}
/**
 * The number of workers `HARNESS_REGISTRY_GUARD_WORKERS` asks for; undefined when it is unset or
 * empty (as a workflow's `env:` leaves a variable it gives no value). Anything but digits is a usage
 * error: ignored, it would leave the user believing it took effect.
 */
function workersFromEnv(env = process.env) {
    const value = env[WORKERS_ENV];
    if (value === undefined || !value.trim())
        return undefined;
    if (!/^\d+$/.test(value.trim()))
        throw new UsageError(`${WORKERS_ENV} must be a whole number of worker threads, 0 or more (got ${JSON.stringify(value)})`);
    return Number(value);
}
/**
 * A scanner that spreads the files over worker threads beside this one, or scans in this thread
 * alone when no worker is called for. `rules` serves the in-thread case and must be the registry the script loads.
 */
function poolScanner(rules, options) {
    // Read here, before any file: a bad value is an error even where there is nothing to scan.
    const requested = options.workers ?? workersFromEnv(options.env);
    return async (inputs, spec) => {
        const n = workerCount(inputs.length, requested, {});
        const asked = requested !== undefined;
        if (n > 0 && !options.script && asked)
            throw new Error(`${n} worker thread${n === 1 ? ' was' : 's were'} asked for, but the worker script (dist/worker/index.js) is not there`);
        if (n === 0 || !options.script)
            return serialScanner(rules)(inputs, spec);
        return runPool(rules, inputs, spec, n, { ...options, script: options.script });
    };
}
/** Batches sent to a worker at once: the one it scans and the next, so it never waits for the main thread. */
const IN_FLIGHT = 2;
/**
 * The worker script built beside a bundle (`dist/worker/index.js`), given the bundle's
 * `import.meta.url` and the script's path relative to it; undefined when it is not there, as when
 * the sources run under a test runner.
 */
function workerScriptBeside(bundleUrl, relative) {
    if (!bundleUrl.startsWith('file:'))
        return undefined;
    const script = path.resolve(path.dirname(fileURLToPath(bundleUrl)), relative);
    return fs.existsSync(script) ? script : undefined;
}
function runPool(rules, inputs, spec, n, options) {
    const results = new Array(inputs.length);
    const timeout = options.fileTimeoutMs ?? FILE_TIMEOUT_MS;
    // Work still to hand out, as runs of consecutive files; a lost worker's unscanned files go first.
    const queue = [];
    for (let i = 0; i < inputs.length; i += BATCH)
        queue.push({ first: i, inputs: inputs.slice(i, i + BATCH) });
    let pending = inputs.length;
    /** Files in the queue. */
    let queued = inputs.length;
    let batchIds = 0;
    return new Promise((resolve, reject) => {
        const slots = new Set();
        let finished = false;
        const finish = () => {
            finished = true;
            clearInterval(watchdog);
            for (const s of slots)
                void s.worker.terminate();
            resolve(results);
        };
        /** Tops up a worker's batches from the queue. */
        const give = (slot) => {
            while (slot.batches.length < IN_FLIGHT) {
                const work = queue[0];
                if (!work)
                    return;
                // A share of what is left for each thread, so all finish together.
                const size = Math.max(MIN_BATCH, Math.min(BATCH, Math.ceil(queued / (4 * (slots.size + 1)))));
                if (work.inputs.length <= size)
                    queue.shift();
                const batch = { id: ++batchIds, first: work.first, inputs: work.inputs.splice(0, size) };
                work.first += batch.inputs.length;
                queued -= batch.inputs.length;
                slot.batches.push(batch);
                slot.worker.postMessage({ batch: batch.id, inputs: batch.inputs });
            }
        };
        const feedIdle = () => {
            for (const s of slots)
                if (queue.length)
                    give(s);
        };
        /** A worker was lost: the file it was on is an internal error, the other files it held are queued again. */
        const lost = (slot, why) => {
            if (finished || !slots.has(slot))
                return;
            slots.delete(slot);
            void slot.worker.terminate();
            const onBatch = Atomics.load(slot.progress, 0);
            const onFile = Atomics.load(slot.progress, 1);
            if (slot.batches.length && onBatch === 0) {
                // It died before its first file: nothing to blame on the input, and a replacement would die too.
                finished = true;
                clearInterval(watchdog);
                for (const s of slots)
                    void s.worker.terminate();
                return reject(new Error(`a scan worker failed before scanning a file: ${why('(no file)')}`));
            }
            // The batch it was on; when it died between batches, the first it still held (so a crash always costs a file).
            const on = slot.batches.findIndex((b) => b.id === onBatch);
            const current = slot.batches[Math.max(0, on)];
            const requeue = [];
            for (const batch of slot.batches) {
                if (batch !== current) {
                    requeue.push(batch);
                    continue;
                }
                const at = on < 0 ? 0 : Math.min(onFile - 1, batch.inputs.length - 1);
                const input = batch.inputs[at];
                results[batch.first + at] = crashed(input, why(input.shown));
                pending--;
                // The files before it were scanned but their results went down with the worker.
                if (at > 0)
                    requeue.push({ first: batch.first, inputs: batch.inputs.slice(0, at) });
                if (at + 1 < batch.inputs.length)
                    requeue.push({ first: batch.first + at + 1, inputs: batch.inputs.slice(at + 1) });
            }
            slot.batches = [];
            queue.unshift(...requeue);
            for (const work of requeue)
                queued += work.inputs.length;
            if (pending === 0)
                return finish();
            if (queue.length)
                start();
            feedIdle();
        };
        const start = () => {
            const progress = new Int32Array(new SharedArrayBuffer(8));
            sizeWorkerHeap();
            const worker = new Worker(options.script, {
                workerData: { spec, progress },
                ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
            });
            const slot = { worker, progress, batches: [], since: Date.now(), lastSeen: '' };
            slots.add(slot);
            worker.on('message', (msg) => {
                const batch = slot.batches[0];
                if (finished || !batch || msg.batch !== batch.id)
                    return;
                const scans = unpackScans(msg);
                scans.forEach((scan, i) => (results[batch.first + i] = scan));
                pending -= scans.length;
                slot.batches.shift();
                if (pending === 0)
                    return finish();
                give(slot);
            });
            worker.on('error', (e) => lost(slot, (file) => `scanning ${file} crashed its worker: ${e.message}`));
            worker.on('exit', (code) => lost(slot, (file) => `the worker scanning ${file} exited with code ${code}`));
            give(slot);
        };
        const watchdog = setInterval(() => {
            const now = Date.now();
            for (const slot of [...slots]) {
                if (!slot.batches.length)
                    continue;
                const onBatch = Atomics.load(slot.progress, 0);
                const seen = `${onBatch}:${Atomics.load(slot.progress, 1)}`;
                // Batch 0: still starting up; the clock runs from its first file.
                if (onBatch === 0 || seen !== slot.lastSeen) {
                    slot.lastSeen = seen;
                    slot.since = now;
                }
                else if (now - slot.since > timeout)
                    lost(slot, (file) => `scanning ${file} did not finish within ${Math.round(timeout / 1000)} s; the file was skipped`);
            }
        }, Math.min(1000, timeout / 4));
        watchdog.unref();
        try {
            tuneForParallelScan(inputs.length, n + (options.mainThread === false ? 0 : 1));
            for (let i = 0; i < n && queue.length; i++)
                start();
        }
        catch (e) {
            clearInterval(watchdog);
            return reject(e);
        }
        if (options.mainThread === false)
            return;
        // The main thread scans too, a few files at a time from the end of the queue, so it is never
        // idle and answers the workers' messages between its own files.
        const local = scanOptions(rules, spec);
        const scanHere = () => {
            if (finished)
                return;
            const last = queue.at(-1);
            if (!last)
                return;
            const take = last.inputs.splice(-MAIN_STEP, MAIN_STEP);
            const first = last.first + last.inputs.length;
            if (!last.inputs.length)
                queue.pop();
            queued -= take.length;
            scanFiles(take, local).forEach((scan, i) => (results[first + i] = scan));
            pending -= take.length;
            if (pending === 0)
                return finish();
            setImmediate(scanHere);
        };
        setImmediate(scanHere);
    });
}
/** The scan of a file whose worker was lost: an internal error naming it, so the run exits 2. */
function crashed(input, message) {
    return { file: input.shown, parsed: false, harness: false, findings: [], entities: [], directives: [], internalErrors: [message] };
}
/**
 * The worker side: scans each batch it is sent with the given rule registry, and records which
 * file it is on so a crash or hang can be blamed on it. Call it from the worker entry script.
 */
function serveScans(rules) {
    if (external_node_worker_threads_namespaceObject.isMainThread || !external_node_worker_threads_namespaceObject.parentPort)
        throw new Error('serveScans runs in a worker thread');
    const { spec, progress } = external_node_worker_threads_namespaceObject.workerData;
    const options = scan_file_scanOptions(rules, spec);
    stopSharing();
    const port = external_node_worker_threads_namespaceObject.parentPort;
    port.on('message', (msg) => {
        const packer = new BatchPacker();
        const scans = scan_file_scanFiles(msg.inputs, { ...options, facts: packer.facts }, (i) => {
            Atomics.store(progress, 0, msg.batch);
            Atomics.store(progress, 1, i + 1);
        });
        port.postMessage({ batch: msg.batch, ...packer.finish(scans) });
    });
}

;// CONCATENATED MODULE: ./src/model/image-fixes.ts

/**
 * The new values the fixes write for image references: the registry prefix that replaces
 * app.harness.io/registry, and a Harness image's canonical name under the same prefix.
 */
/**
 * The public registries Harness publishes its CI images to (Docker Hub, GCR, ECR Public, GAR): an
 * image moved there, or a connector pointed there, needs nothing else to exist first.
 */
const HARNESS_PUBLIC = ['gcr.io/gcr-prod', 'public.ecr.aws/harness', 'us-docker.pkg.dev/gar-prod-setup/harness-public'];
function isHarnessPublicRegistry(url) {
    const u = normaliseRegistryUrl(url);
    return !!u && ((DOCKER_HUB_HOSTS.has(u.host) && u.path === '') || HARNESS_PUBLIC.includes(`${u.host}${u.path}`.toLowerCase()));
}
/** An image prefix (registry host and path) under which Harness publishes its images; '' is Docker Hub. */
function isHarnessPublicPrefix(prefix) {
    return prefix === '' || isHarnessPublicRegistry(`https://${prefix}`);
}
function isDockerHubUrl(url) {
    const u = normaliseRegistryUrl(url);
    return !!u && DOCKER_HUB_HOSTS.has(u.host) && u.path === '';
}
/**
 * The prefix images get when pulled through a registry URL, the way Harness builds it: host and
 * path, or nothing for Docker Hub (`harness/ci-addon` is a Docker Hub reference).
 */
function imagePrefixFor(registryUrl) {
    const u = normaliseRegistryUrl(registryUrl);
    if (!u || !u.host)
        return undefined;
    return DOCKER_HUB_HOSTS.has(u.host) && u.path === '' ? '' : `${u.host}${u.path}`;
}
// `//registry` too: an empty path segment is still the retired registry (as for connector URLs).
const APP_HARNESS_IMAGE = /^([a-z]+:\/\/)?app[0-9]*\.harness\.io(?::443)?\/+registry\/+(.+)$/i;
/** `app.harness.io/registry/harness/drone-git:1.6.9` → `harness/drone-git:1.6.9` (Docker Hub) or `<prefix>/harness/drone-git:1.6.9`. */
function swapAppHarnessImage(raw, replacementUrl) {
    const m = APP_HARNESS_IMAGE.exec(raw.trim());
    const prefix = imagePrefixFor(replacementUrl);
    if (!m || prefix === undefined)
        return undefined;
    const rest = m[2];
    if (prefix)
        return `${prefix}/${rest}`;
    // A single-segment name on Docker Hub means `library/<name>`, a different image: no safe swap.
    return rest.split(/[:@]/)[0].includes('/') ? rest : undefined;
}
/** The `registry` value of a Helm-style `image: {registry, repository}` map pulling from the replacement. */
function helmRegistryFor(replacementUrl) {
    const prefix = imagePrefixFor(replacementUrl);
    return prefix === undefined ? undefined : prefix || 'docker.io';
}
const image_fixes_norm = (s) => s.toLowerCase().replace(/_/g, '-');
/**
 * On Docker Hub the namespace before the name is someone's own (`myorg/harness-ci-addon`): swapping
 * it for Harness's drops their image for one whose tag may not exist. Only a reference already under
 * Harness's namespaces is Harness's own image under another spelling.
 */
function foreignDockerHubNamespace(image, retired = false) {
    // Under the retired registry a name with no namespace is no one's own (it held Harness's images only).
    if (retired && image.path.length === 1)
        return false;
    const ns = image.path.length > 1 ? image.path[image.path.length - 2].toLowerCase() : '';
    return isOnDockerHub(image) && !['harness', 'plugins'].includes(ns);
}
/**
 * The retired registry held Harness's Docker Hub images: the path after `registry/` is a Docker Hub
 * one (namespace/name), not a mirror prefix. `app.harness.io/registry/harness/kaniko-ecr:1.0` is
 * split into `app.harness.io/registry` and the Docker Hub reference `harness/kaniko-ecr:1.0`.
 */
function underRetiredRegistry(image) {
    if (!isAppHarnessImage(image) || image.path.length < 2)
        return undefined;
    return { prefix: `${image.registry}/${image.path[0]}`, image: { ...image, registry: undefined, path: image.path.slice(1) } };
}
/**
 * An image reference with the Harness name it was renamed from restored under the same prefix.
 * `registry.example.com/harness-ci-addon:1` and `harness/ci_addon:1` map unambiguously;
 * `registry.example.com/mirror/ci-addon:1` does not (`mirror` may be a renamed `harness`).
 * Under the retired registry the whole Docker Hub path gives way to the Harness name:
 * `app.harness.io/registry/harness/kaniko-ecr:1.0` → `app.harness.io/registry/plugins/kaniko-ecr:1.0`.
 */
function restoreHarnessName(raw, catalogue) {
    const image = parseImage(raw);
    if (!image)
        return undefined;
    const renamed = findRenamedHarnessImage(image, catalogue);
    if (!renamed)
        return undefined;
    const retired = underRetiredRegistry(image);
    const path = retired?.image.path ?? image.path;
    const last = image_fixes_norm(path[path.length - 1]);
    const [ns, name] = renamed.expected.split('/');
    const flattened = last === image_fixes_norm(`${ns}-${name}`);
    const clearPrefix = flattened || path.length === 1 || path[path.length - 2].toLowerCase() === ns;
    return {
        value: retired ? `${retired.prefix}/${renamed.expected}${imageSuffix(image)}` : renamed.suggestion,
        unambiguous: catalogueEntriesNamed(last, catalogue) === 1 &&
            clearPrefix &&
            (!retired || path.length <= 2) &&
            !foreignDockerHubNamespace(retired?.image ?? image, !!retired),
    };
}
/**
 * An execution-config value with the image name its field requires, under the same prefix and tag
 * (on Docker Hub, which has no prefix, the field's own image; under the retired registry, whose path
 * is a Docker Hub one, the field's own image there).
 * `field` is the execution-config field (`gitCloneTag`): its own name also marks a renamed image.
 */
function restoreExecutionConfigName(raw, expected, catalogue, field = '') {
    const image = parseImage(raw);
    if (!image)
        return undefined;
    const retired = underRetiredRegistry(image);
    if (!retired)
        return restoreExecutionConfigImage(image, expected, catalogue, field, false);
    const restored = restoreExecutionConfigImage(retired.image, expected, catalogue, field, true);
    return { ...restored, value: `${retired.prefix}/${restored.value}` };
}
/**
 * `retired`: the image is the Docker Hub path under the retired registry, which held Harness's own
 * images: one under a Harness namespace with the field's image name (`harness/kaniko-ecr` as
 * buildAndPushECRTag) can only be meant as the field's image.
 */
function restoreExecutionConfigImage(image, expected, catalogue, field, retired) {
    const [ns, name] = expected.split('/');
    const path = image.path;
    const last = image_fixes_norm(path[path.length - 1]);
    const flattened = last === image_fixes_norm(`${ns}-${name}`);
    // Another Harness image in the field (`harness/ci-addon` as the git-clone image) is not a renamed
    // one: swapping it keeps a tag the expected image may not have, so it is never unambiguous.
    const named = catalogueNamesFor(last, catalogue);
    const other = named.length > 0 && !named.includes(expected);
    // Nor is an image whose name is not the expected one's, flattened or not, or its field's
    // (`harness/git-clone` as gitCloneTag): `alpine:3.19` as addonTag is someone's mistake, not a mirror.
    const bare = (s) => s.toLowerCase().replace(/[-_.]/g, '');
    const renamedName = [name, `${ns}${name}`, field.replace(/Tag$/, '')].some((n) => n && bare(last) === bare(n));
    const nsKept = path.length > 1 && path[path.length - 2].toLowerCase() === ns;
    // The namespace goes with the name it belongs to: this image's, or the other catalogue image's (`plugins/kaniko`).
    const otherNs = path.length > 1 && named.some((n) => n.split('/')[0] === path[path.length - 2].toLowerCase());
    // On Docker Hub the first segment is a namespace, not a mirror prefix: the field's own image is the one there.
    const keep = isOnDockerHub(image) ? [] : nsKept || otherNs ? path.slice(0, -2) : path.slice(0, -1);
    const prefix = [image.registry, ...keep].filter(Boolean).join('/');
    const clearName = flattened || nsKept || path.length === 1 || (retired && path.length === 2);
    return {
        value: `${prefix ? prefix + '/' : ''}${expected}${imageSuffix(image)}`,
        unambiguous: !other && renamedName && clearName && (!retired || path.length <= 2) && !foreignDockerHubNamespace(image, retired),
    };
}

;// CONCATENATED MODULE: ./src/rules/no-renamed-harness-image.ts






/**
 * The canonical name under the same prefix. Safe only where Harness publishes the image under that
 * name (Docker Hub, or one of its public registries) and the mapping is unambiguous; a private
 * mirror must first hold the image under the new name, so there it is a suggestion. None on the
 * app.harness.io registry: nothing can be pulled there, and no-app-harness-registry's fix moves the
 * image to the replacement registry and restores its name in one edit.
 */
function nameFix(use, restored, allowSafe) {
    // A runtime input's option is not the scalar's whole text: no edit replaces it.
    if (use.runtimeInput || isAppHarnessImage(use.image))
        return {};
    const edit = restored && replaceScalar(use.view, restored.value);
    if (!edit)
        return {};
    const image = parseImage(restored.value);
    const prefix = image ? [image.registry, ...image.path.slice(0, -2)].filter(Boolean).join('/') : '?';
    if (allowSafe && restored.unambiguous && isHarnessPublicPrefix(prefix))
        return { fix: [edit], fixTitle: `Use \`${restored.value}\`.` };
    // No one but Harness can push to its Docker Hub namespaces: there the only way is Harness's own image.
    const title = image && isOnDockerHub(image)
        ? `Use Harness's own image \`${restored.value}\` instead, if it has ${image.digest ? 'that digest' : `the tag \`${image.tag ?? 'latest'}\``}.`
        : `Use \`${restored.value}\`, after mirroring the image under that name${restored.unambiguous ? '' : ' (check the registry prefix first)'}.`;
    return { suggestion: { title, edits: [edit] } };
}
/** Also an option of no-app-harness-registry, whose fix restores the same names: one setting for both (see `optionsOf`). */
const HARNESS_IMAGES = {
    description: 'Extra Harness image names (namespace/name) that mirrors must keep, added to the built-in catalogue.',
    schema: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+(?:[._-][a-z0-9]+)*/[a-z0-9]+(?:[._-][a-z0-9]+)*$' } },
    default: [],
    topLevel: true,
};
/* harmony default export */ const no_renamed_harness_image = (defineRule({
    id: 'no-renamed-harness-image',
    policy: 4,
    severity: 'error',
    description: 'A mirrored Harness image may change its registry prefix and tag, never its image name.',
    harnessDocs: DOCS_CONNECT_REGISTRY,
    remediation: 'Mirror Harness images under their own names (for example `<mirror>/harness/ci-addon`), because Harness builds the pulled reference from the connector URL plus the exact image name.',
    fixable: 'safe',
    options: {
        harnessImages: HARNESS_IMAGES,
    },
    messages: {
        renamed: 'Image `{{image}}` looks like the Harness image `{{expected}}` under another name. Harness pulls this step image as written, but a mirror that renames Harness images breaks the ones Harness pulls through it: keep the name, `{{suggestion}}`.',
        renamedOnRetiredRegistry: 'Image `{{image}}` looks like the Harness image `{{expected}}` under another name, on the app.harness.io registry that reached end of life on 15 May 2024: pull it from the registry that replaces it, as `{{expected}}`.',
        executionConfig: 'Execution-config field `{{field}}` sets `{{image}}`, but the image name must stay `{{expected}}`; only the registry prefix and tag may change.',
        // Related location: an image field that pulls a pipeline variable's value.
        pulledBy: 'Pulled here, as `{{expression}}`.',
    },
    checkFile({ file, embedded, options, report }) {
        // Kubernetes manifests, Compose files and the like name their own images.
        if (!file.harness)
            return;
        const catalogue = catalogueWith(options.harnessImages);
        for (const source of [file, ...embedded]) {
            for (const use of imageUses(source)) {
                if (use.kind === 'executionConfig') {
                    // Harness pulls these itself, through the image connector: the name must be exact.
                    const expected = executionConfigMismatch(use.field, use.raw, catalogue);
                    if (expected)
                        report({
                            at: use.view,
                            messageId: 'executionConfig',
                            data: { field: use.field, image: use.raw, expected },
                            ...nameFix(use, restoreExecutionConfigName(use.raw, expected, catalogue, use.field), true),
                        });
                    continue;
                }
                // A step's own image is pulled as written: a renamed mirror is a warning, not a broken policy.
                const renamed = findRenamedHarnessImage(use.image, catalogue);
                const retired = isAppHarnessImage(use.image);
                if (renamed)
                    report({
                        at: use.view,
                        messageId: retired ? 'renamedOnRetiredRegistry' : 'renamed',
                        severity: 'warning',
                        data: { image: use.raw, expected: renamed.expected, ...(retired ? {} : { suggestion: renamed.suggestion }) },
                        ...pulledByRelated(use),
                        ...nameFix(use, restoreHarnessName(use.raw, catalogue), false),
                    });
            }
        }
    },
}));

;// CONCATENATED MODULE: ./src/model/project.ts






/** The templates of a run that goes through none: one shared, empty set. */
const NO_TEMPLATES = new Set();
/** Infrastructures of CI build stages: they pull Harness images (lite-engine, addon, git clone). */
const CI_INFRA = new Set(['KubernetesDirect', 'VM', 'Docker', 'Cloud', 'KubernetesHosted']);
/** How messages name a template reference: `` `account.t` (version v1) ``. */
const templateName = (link) => `\`${loc_str(link.templateRef) ?? ''}\`` + (link.versionLabel ? ` (version ${link.versionLabel})` : '');
/** Stage types that can run on Harness Cloud (lowercase): a stage of another type never does. */
const CLOUD_STAGE_TYPES = new Set(['ci', 'securitytests', 'iacm', 'idp']);
/** Every entity in the scan, indexed for the cross-file questions the rules ask. */
class Project {
    connectors = [];
    pipelines = [];
    templates = [];
    /** Input sets and triggers: both supply values for a pipeline's `<+input>` fields. */
    inputSets = [];
    /** Triggers with `enabled: false`: they never start a run, so they fill nothing and are not in `inputSets`. */
    disabledTriggers = [];
    overlayInputSets = [];
    /** Connectors by identifier, built on the first lookup (rules ask once per reference). */
    #connectorsById;
    /** `connectorCopies`, by scope and reference. */
    #copies = new Map();
    /** What each pipeline's input sets and triggers supply, by semantic path. */
    #fills = new Map();
    #users;
    /** `usesOf`, per template asked about. */
    #uses = new Map();
    /** The stages each context of `usesOf` runs as. */
    #useStages = new WeakMap();
    /** Per run (runs are made as asked and not kept): stages by identifier, and each stage's infrastructure. */
    #runStages = new WeakMap();
    #infraOf = new WeakMap();
    #pipelineIds;
    /** Templates by identifier, built on the first lookup. */
    #templatesById;
    /** Harness's answers about connectors the repo does not hold, by scope and identifier. */
    #harness = new Map();
    #harnessFacts;
    constructor(entities) {
        for (const e of entities) {
            if (e.kind === 'connector')
                this.connectors.push(e);
            else if (e.kind === 'pipeline')
                this.pipelines.push(e);
            else if (e.kind === 'template')
                this.templates.push(e);
            else if (e.kind === 'overlayInputSet')
                this.overlayInputSets.push(e);
            else if (e.disabled)
                this.disabledTriggers.push(e);
            else
                this.inputSets.push(e);
        }
        for (const set of this.inputSets) {
            const pipeline = this.pipelineOf(set);
            if (!pipeline)
                continue;
            const byPath = this.#fills.get(pipeline) ?? new Map();
            this.#fills.set(pipeline, byPath);
            for (const { path, at } of set.fills) {
                const list = byPath.get(path) ?? [];
                list.push({ value: String(at.value), at, source: set.kind === 'trigger' ? 'trigger' : 'inputSet', entity: set });
                byPath.set(path, list);
            }
        }
    }
    get entities() {
        return [
            ...this.connectors,
            ...this.pipelines,
            ...this.templates,
            ...this.inputSets,
            ...this.disabledTriggers,
            ...this.overlayInputSets,
        ];
    }
    findConnector(ref, from) {
        return this.connectorCopies(ref, from)[0];
    }
    /**
     * Every definition in the repo of the connector `ref` names from `from`: one, normally; more when
     * several files define it at one scope (a stale copy, say), which Harness cannot hold. A policy
     * judges each copy, so the outcome does not hang on which file sorts first. Kept per scope and
     * reference: a large repo's stages ask about the same few thousand references tens of thousands of times.
     */
    connectorCopies(ref, from) {
        let byRef = this.#copies.get(from);
        if (!byRef)
            this.#copies.set(from, (byRef = new Map()));
        let copies = byRef.get(ref);
        if (!copies)
            byRef.set(ref, (copies = this.#copiesOf(ref, from)));
        return copies;
    }
    #copiesOf(ref, from) {
        const matches = this.#matches(ref, from);
        if (matches.length <= 1)
            return matches;
        const here = matches.filter((c) => c.scope.org === from.org && c.scope.project === from.project);
        if (here.length)
            return here;
        // From an unknown scope, copies in different projects are different connectors: none is the one.
        const [first] = matches;
        const same = (c) => c.scope.level === first.scope.level && c.scope.org === first.scope.org && c.scope.project === first.scope.project;
        return matches.every(same) ? matches : [];
    }
    /**
     * The connectors a reference could name when `connectorCopies` finds none for want of a scope:
     * from a pipeline whose org or project is unknown, copies in different projects (or orgs) are
     * each a candidate, and which one Harness uses cannot be told. Empty otherwise.
     */
    ambiguousConnector(ref, from) {
        if (this.connectorCopies(ref, from).length)
            return [];
        const matches = this.#matches(ref, from);
        return matches.length > 1 ? matches : [];
    }
    /** Connectors of the reference's identifier and level that `from` may refer to. */
    #matches(ref, from) {
        const parsed = parseRef(ref);
        if (!parsed)
            return [];
        this.#connectorsById ??= groupBy(this.connectors, (c) => c.identifier);
        return (this.#connectorsById.get(parsed.identifier) ?? []).filter((c) => refMatches(parsed, from, c.scope));
    }
    /**
     * Adds what Harness said about connectors the repo does not hold (looked up after the project was
     * built, before the project rules run). A connector in the repo still wins: rules ask
     * `findConnector` first.
     */
    addHarnessFacts(facts) {
        this.#harnessFacts = facts;
        for (const l of facts.lookups)
            this.#harness.set(scopedKey(l.scope, l.identifier), l.answer);
    }
    /** What was learnt from Harness in this run, if it was asked. */
    get harnessFacts() {
        return this.#harnessFacts;
    }
    /** Harness's answer for a reference made from `from`, at the scope Harness's own rule gives it; undefined when not asked. */
    inHarness(ref, from) {
        const at = lookupScope(ref, from);
        return at && this.#harness.get(scopedKey(at.scope, at.identifier));
    }
    /**
     * The versions of the template a link names, of the given type: the one its `versionLabel` names,
     * or, without one (the stable version, which only Harness knows), every version in the repo.
     */
    findTemplates(link, from, type) {
        const ref = str(link.templateRef);
        const parsed = ref ? parseRef(ref) : undefined;
        if (!parsed)
            return [];
        const label = link.versionLabel;
        // By identifier first: a repo with thousands of templates (or of versions of one) asks once per use.
        this.#templatesById ??= groupBy(this.templates, (t) => t.identifier);
        return (this.#templatesById.get(parsed.identifier) ?? []).filter((t) => t.templateType?.toLowerCase() === type.toLowerCase() && refMatches(parsed, from, t.scope) && (!label || t.versionLabel === label));
    }
    /** True when a pipeline, stage, step or step group in the repo uses the template. */
    isUsed(template) {
        return this.#templateUsers().has(template);
    }
    /** Pipelines whose runs go through the template, directly or through other templates. */
    pipelinesUsing(template) {
        return (this.#templateUsers().get(template) ?? []).filter((root) => root.kind === 'pipeline');
    }
    /**
     * The contexts a template's own fields are read in where runs go through it: one per use (of
     * each version of each user), so an expression in it can take the values of each pipeline's.
     */
    usesOf(template) {
        let out = this.#uses.get(template);
        if (out)
            return out;
        out = [];
        for (const root of this.#templateUsers().get(template) ?? []) {
            // The stages of one use share its context (all of a Pipeline template's stages).
            const seen = new Map();
            for (const eff of this.runOf(root).stages) {
                if (eff.ctx.entity !== template)
                    continue;
                let ctx = seen.get(eff.ctx.via);
                if (!ctx) {
                    seen.set(eff.ctx.via, (ctx = eff.ctx));
                    out.push(ctx);
                    this.#useStages.set(ctx, []);
                }
                this.#useStages.get(ctx).push(eff.stage);
            }
        }
        this.#uses.set(template, out);
        return out;
    }
    /** The stages a context of `usesOf` runs as: the one made from a Stage template, each of a Pipeline template's. */
    stagesOfUse(ctx) {
        return this.#useStages.get(ctx) ?? [];
    }
    /**
     * The runs to check: every pipeline's, and every template's on its own. By default a template
     * that something in the repo uses is left out: its users' runs check it with their inputs.
     * Each run is made as it is asked for and not kept: a large repo has 100,000 of them, and a rule
     * needs one at a time.
     */
    *runs(opts = { templates: 'unused' }) {
        for (const p of this.pipelines)
            yield this.runOf(p);
        for (const t of this.templates)
            if (t.stages.length && (opts.templates === 'all' || !this.isUsed(t)))
                yield this.runOf(t);
    }
    /** For each template that runs go through, the roots of those runs (other than itself), found once. */
    #templateUsers() {
        if (!this.#users) {
            const users = new Map();
            // Only templates make runs go through templates: without any, no run needs making.
            const roots = this.templates.length ? [...this.pipelines, ...this.templates.filter((t) => t.stages.length)] : [];
            for (const root of roots)
                for (const t of this.runOf(root).templates) {
                    if (t === root)
                        continue;
                    const list = users.get(t);
                    if (list)
                        list.push(root);
                    else
                        users.set(t, [root]);
                }
            this.#users = users;
        }
        return this.#users;
    }
    runOf(root) {
        const templates = new Set();
        const run = { root, stages: [], templates };
        if (root.kind === 'template')
            templates.add(root);
        const add = (owner, stages, ctx, through) => {
            for (const stage of stages)
                this.expandStage(run, templates, owner, stage, ctx, through);
        };
        if (root.kind === 'pipeline' && root.template) {
            const versions = this.findTemplates(root.template, root.scope, 'Pipeline');
            const labels = versionLabels(versions);
            for (const t of versions) {
                const via = this.templateUse(t, root.template, root, undefined, labels);
                templates.add(t);
                const ctx = { entity: t, via };
                if (t.codebaseConnectorRef)
                    run.codebase = { ref: t.codebaseConnectorRef, ctx };
                add(t, t.stages, ctx, [via]);
            }
        }
        else {
            // One context for the run's own fields, and no list of templates: a large repo keeps a run
            // per pipeline (as many as 100,000), and most go through no template.
            const ctx = { entity: root };
            if (root.codebaseConnectorRef && (root.kind === 'pipeline' || root.templateType?.toLowerCase() === 'pipeline'))
                run.codebase = { ref: root.codebaseConnectorRef, ctx };
            add(root, root.stages, ctx, NONE);
        }
        // Step templates are looked for only in a repo that holds templates.
        if (this.templates.length)
            for (const eff of run.stages)
                for (const step of eff.body.steps)
                    this.collectStepTemplates(step, eff.ctx.entity.scope, templates);
        if (!templates.size)
            run.templates = NO_TEMPLATES;
        else
            run.stages = withInfraSources(run.stages);
        return run;
    }
    expandStage(run, templates, owner, stage, ctx, through) {
        const versions = stage.template ? this.findTemplates(stage.template, owner.scope, 'Stage') : [];
        if (!versions.length) {
            run.stages.push({ run, owner, stage, body: stage, ctx, templates: through });
            return;
        }
        const labels = versionLabels(versions);
        for (const t of versions) {
            const via = this.templateUse(t, stage.template, ctx.entity, ctx.via, labels);
            templates.add(t);
            run.stages.push({ run, owner, stage, body: t.stages[0], ctx: { entity: t, via }, templates: [...through, via] });
        }
    }
    collectStepTemplates(step, scope, into, depth = 0) {
        if (!isWholeStep(step) || !step.template || depth > 8)
            return;
        for (const t of this.findTemplates(step.template, scope, step.role === 'stepGroup' ? 'StepGroup' : 'Step')) {
            into.add(t);
            for (const s of t.steps)
                this.collectStepTemplates(s, t.scope, into, depth + 1);
        }
    }
    /**
     * `versions` are the labels of every version `link` names from `user` (`versionLabels` of
     * `findTemplates`), found once by the caller and shared by its uses: a stage with no versionLabel
     * has one use per version, and listing them again for each was cubic in the versions.
     */
    templateUse(template, link, user, outer, versions) {
        return {
            template,
            ...(link.inputs ? { inputs: link.inputs } : {}),
            user,
            ...(outer ? { outer } : {}),
            stable: !link.versionLabel,
            versions,
        };
    }
    /** The infrastructure a stage runs on: its body's, or the one `useFromStage` takes from another stage of the run. */
    infrastructure(eff) {
        // A run of a few stages is searched directly: indexing it cost more than the search (3–5% of a scan).
        if (eff.run.stages.length <= SMALL_RUN)
            return this.#infrastructureThroughLoop(eff);
        // Every stage of a run asks, and a chain of `useFromStage` can be as long as the run: each
        // answer is kept, so a chain is followed once, not once per stage (cubic for 4,000 stages).
        const known = this.#infraOf.get(eff);
        if (known)
            return known;
        // Following each stage's first candidate (`firstNext`) leads, unless it loops, to a stage that
        // takes its infrastructure from no other: that stage is the answer for every stage on the way,
        // whichever stage the search starts from.
        const path = [];
        const onPath = new Set();
        let cur = eff;
        let found;
        while (cur && !onPath.has(cur)) {
            found = this.#infraOf.get(cur);
            if (found)
                break;
            path.push(cur);
            onPath.add(cur);
            const next = this.#firstNext(cur);
            if (!next)
                found = { stage: cur, infra: cur.body.infrastructure };
            cur = next;
        }
        if (found) {
            for (const s of path)
                this.#infraOf.set(s, found);
            return found;
        }
        // A loop: where the search stops depends on where it starts (and on copies of a stage passed).
        return this.#infrastructureThroughLoop(eff);
    }
    /** The stage `eff` takes its infrastructure from when none is passed yet; undefined when none. */
    #firstNext(eff) {
        if (eff.infraFrom)
            return eff.infraFrom;
        const infra = eff.body.infrastructure;
        const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
        return from ? this.#stagesNamed(eff.run, from)[0] : undefined;
    }
    /** The stages of a run with identifier `id`, in run order: a short run searched, a long one indexed once. */
    #stagesNamed(run, id) {
        if (run.stages.length <= SMALL_RUN)
            return run.stages.filter((s) => s.stage.identifier === id);
        let byId = this.#runStages.get(run);
        if (!byId)
            this.#runStages.set(run, (byId = groupBy(run.stages, (s) => s.stage.identifier)));
        return byId.get(id) ?? [];
    }
    #infrastructureThroughLoop(eff) {
        // Nearly every stage runs on its own (and each is asked about three times by one rule).
        if (!eff.infraFrom && eff.body.infrastructure.kind !== 'UseFromStage')
            return { stage: eff, infra: eff.body.infrastructure };
        let cur = eff;
        const seen = new Set([eff]);
        for (;;) {
            const infra = cur.body.infrastructure;
            const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
            const next = cur.infraFrom ?? (from ? this.#stagesNamed(cur.run, from).find((s) => !seen.has(s)) : undefined);
            if (!next || seen.has(next))
                return { stage: cur, infra };
            seen.add(next);
            cur = next;
        }
    }
    /**
     * Why the repo cannot tell what infrastructure a stage runs on: it, or the stage it takes its
     * infrastructure from, is made from a Stage template the repo does not hold (the stage is only a
     * stub), `useFromStage` names no stage of the run, or following `useFromStage` comes back to a
     * stage already passed (a loop, which holds no infrastructure). `at` is the stage's templateRef, or
     * its `useFromStage`. Undefined when the repo decides it, or when the template's inputs give a
     * stage type that never runs on Harness Cloud (a Deployment, an Approval).
     */
    undecidedInfrastructure(eff) {
        const { stage: last, infra } = this.infrastructure(eff);
        const own = eff.body.infrastructure;
        const link = last.body === last.stage ? last.stage.template : undefined;
        if (link) {
            const type = link.inputs?.stage.type;
            if (type && !CLOUD_STAGE_TYPES.has(type.toLowerCase()))
                return undefined;
            const template = templateName(link);
            if (last === eff)
                return { at: link.templateRef, template };
            return { at: own.useFromStage ?? own.kindNode ?? eff.stage.at, template, from: last.stage.identifier };
        }
        const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
        // A Stage template checked on its own names a stage of the pipelines that use it.
        const root = eff.run.root;
        const standalone = root.kind === 'template' && root.templateType?.toLowerCase() !== 'pipeline';
        if (from === undefined || standalone)
            return undefined;
        if (!this.#stagesNamed(last.run, from).length)
            return { at: infra.useFromStage ?? eff.stage.at, missingStage: from };
        // The search stopped at a stage that takes its infrastructure from one already passed.
        return { at: own.useFromStage ?? eff.stage.at, loopFrom: str(own.useFromStage) ?? from };
    }
    /** The link of a pipeline made from a Pipeline template the repo does not hold: its stages are unknown. */
    missingPipelineTemplate(run) {
        const root = run.root;
        if (root.kind !== 'pipeline' || !root.template)
            return undefined;
        return this.findTemplates(root.template, root.scope, 'Pipeline').length ? undefined : root.template;
    }
    /** True when the stage runs on Harness Cloud (`runtime.type: Cloud`, or the legacy `KubernetesHosted`). */
    runsOnHarnessCloud(eff) {
        const kind = this.infrastructure(eff).infra.kind;
        return kind === 'Cloud' || kind === 'KubernetesHosted';
    }
    /**
     * How a CI stage pulls Harness's own images: its Override Image Connector when it has one (not on
     * Harness Cloud, which has none), else `account.harnessImage`. Undefined for stages that are not
     * CI builds.
     */
    imageConnector(eff) {
        const { stage: from, infra } = this.infrastructure(eff);
        if (!CI_INFRA.has(infra.kind))
            return undefined;
        const field = this.runsOnHarnessCloud(eff) ? undefined : infra.imageConnectorRef;
        return field ? { override: field, ctx: from.ctx } : { builtIn: infra.kindNode ?? eff.stage.at };
    }
    /**
     * Every connector a stage refers to, as values the repo gives: its steps' and codebase's
     * (`connectorUses`, resolved), and the one it pulls Harness images through (`imageConnector`).
     */
    connectorReferences(eff) {
        const out = [];
        for (const use of this.connectorUses(eff))
            for (const v of this.resolve(use.ref, use.ctx).values)
                out.push({ ref: v.value, at: v.at, how: use.how });
        const image = this.imageConnector(eff);
        if (image && 'builtIn' in image)
            out.push({ ref: HARNESS_IMAGE_CONNECTOR, at: image.builtIn, how: 'harnessImage' });
        else if (image)
            for (const v of this.resolve(image.override, image.ctx).values)
                out.push({ ref: v.value, at: v.at, how: 'overrideImageConnector' });
        return out;
    }
    /**
     * Whether a stage may clone its codebase: `cloneCodebase` is true, or a runtime input or
     * expression that something fills with true (as Jackson reads it: "True" and "TRUE" too), or
     * that nothing in the repo settles (it may well be true, so the codebase connector is checked as
     * if it clones).
     */
    clones(eff) {
        const field = eff.body.cloneCodebase;
        if (typeof field === 'boolean')
            return field;
        const r = this.resolve(field, eff.ctx);
        // A value written as a whole scalar is read as Harness reads it (an unquoted `yes` is true); a `.default()` is text in an expression.
        const style = (v) => (v.source === 'default' || v.source === 'allowedValues' ? undefined : styleOf(v.at));
        return !!r.unknown || !r.values.length || r.values.some((v) => jacksonBoolean(v.value, style(v)) === true);
    }
    /**
     * The connectors a stage pulls or clones through, including those of its step templates. Step
     * and step-group templates whose connectors cannot be known go to `missing`, when given.
     */
    connectorUses(eff, missing) {
        const uses = [];
        const codebase = eff.run.codebase;
        if (codebase && this.clones(eff))
            uses.push({ ref: codebase.ref, ctx: codebase.ctx, how: 'codebase' });
        // A stage template that is not in the repo: its templateInputs are all that is known.
        const inputs = eff.body === eff.stage ? eff.stage.template?.inputs : undefined;
        const steps = inputs ? [...eff.body.steps, ...inputs.stage.steps] : eff.body.steps;
        for (const step of steps)
            this.stepUses(step, eff.ctx, uses, identifierOfStep(step), undefined, 0, missing);
        return uses;
    }
    stepUses(step, ctx, out, stepIdentifier, stepTemplate, depth = 0, missing) {
        const base = { ctx, stepIdentifier, ...(stepTemplate ? { stepTemplate } : {}) };
        if (!isWholeStep(step)) {
            out.push({ ...base, ref: step, how: 'step' });
            return;
        }
        if (step.template && depth < 8) {
            const group = step.role === 'stepGroup';
            const versions = this.findTemplates(step.template, ctx.entity.scope, group ? 'StepGroup' : 'Step');
            // The template is not in the repo: its templateInputs list only its runtime inputs, so a
            // connector fixed inside it is unknown. What they set is still checked.
            if (!versions.length) {
                missing?.push({ link: step.template, step: step.identifier, group });
                for (const s of step.template.inputs?.steps ?? [])
                    this.stepUses(s, ctx, out, stepIdentifier, stepTemplate, depth + 1, missing);
            }
            const labels = versionLabels(versions);
            for (const t of versions) {
                const via = this.templateUse(t, step.template, ctx.entity, ctx.via, labels);
                for (const s of t.steps)
                    this.stepUses(s, { entity: t, via }, out, stepIdentifier, stepTemplate ?? via, depth + 1, missing);
            }
            return;
        }
        if (step.connectorRef)
            out.push({ ...base, ref: step.connectorRef, how: step.role === 'serviceDependency' ? 'serviceDependency' : 'step' });
        for (const b of step.baseImageConnectorRefs)
            out.push({ ...base, ref: b, how: 'baseImage' });
    }
    /**
     * The values a field can take: its literal; for a runtime input, its `.default()` and allowed
     * values, what the template's user supplies in `templateInputs` (followed up the chain of
     * templates), and what the pipeline's input sets and triggers supply.
     */
    resolve(field, ctx, depth = 0) {
        const raw = str(field);
        if (raw === undefined)
            return { values: [] };
        const v = classifyValue(raw);
        const own = (value, source) => ({ value, at: field, source, entity: ctx.entity });
        if (v.kind === 'literal')
            return { values: v.value ? [own(v.value, 'literal')] : [] };
        if (v.kind === 'expression')
            return this.expression(raw, field, ctx, depth);
        const defaults = this.options(v, field, ctx, depth);
        const via = ctx.via;
        if (ctx.entity.kind === 'template' && via?.template === ctx.entity) {
            const supplied = this.supplied(via, field);
            const userCtx = { entity: via.user, ...(via.outer ? { via: via.outer } : {}) };
            // A list fills the runtime input with each of its items.
            if (Array.isArray(supplied))
                return this.resolveItems(supplied, userCtx, depth);
            if (supplied) {
                const r = this.resolve(supplied, userCtx, depth);
                const values = r.values.map(asTemplateInput);
                // Nothing fills the user's own runtime input: the template's default still applies.
                if (values.length)
                    return { values };
                return defaults.values.length || defaults.unknown
                    ? defaults
                    : { values, ...(r.unknown ? { unknown: r.unknown, unknownAt: r.unknownAt ?? supplied } : {}) };
            }
        }
        const values = [...defaults.values];
        if (ctx.entity.kind === 'pipeline') {
            for (const fill of (field.path !== undefined && this.#fills.get(ctx.entity)?.get(field.path)) || []) {
                const fv = classifyValue(fill.value);
                if (fv.kind === 'literal' && fv.value)
                    values.push({ ...fill, value: fv.value });
            }
        }
        if (defaults.unknown)
            return { values, unknown: defaults.unknown, unknownAt: defaults.unknownAt ?? field };
        return values.length ? { values } : { values, unknown: 'runtime-input', unknownAt: field };
    }
    /** The values of a list's items, each read as a field of its own: what a list in `templateInputs` gives a runtime input. */
    resolveItems(items, ctx, depth) {
        const out = { values: [] };
        for (const item of items) {
            const r = this.resolve(item, ctx, depth);
            absorb(out, r, item, r.values.map(asTemplateInput));
        }
        return out;
    }
    /**
     * The values a runtime input's `.default()` and allowed values give. An option is read as the
     * field itself would be: an expression is no connector name, `<+pipeline.variables.x>` takes the
     * variable's value, and any other expression is left open.
     */
    options(v, field, ctx, depth) {
        const out = { values: [] };
        const add = (option, source) => {
            const o = classifyValue(option);
            if (o.kind === 'literal') {
                if (o.value)
                    out.values.push({ value: o.value, at: field, source, entity: ctx.entity });
                return;
            }
            absorb(out, this.expression(option, field, ctx, depth), field);
        };
        if (v.default)
            add(v.default, 'default');
        for (const a of v.allowedValues ?? [])
            add(a, 'allowedValues');
        return out;
    }
    /** An expression's values: `<+pipeline.variables.x>` alone is the variable's value, wherever that comes from; any other is open. */
    expression(text, field, ctx, depth) {
        const variable = pipelineVariableName(text);
        const held = variable && depth < 4 ? pipelineVariable(ctx, variable) : undefined;
        return held ? this.resolve(held.value, held.ctx, depth + 1) : { values: [], unknown: 'expression', unknownAt: field };
    }
    /** The value the template's user writes in `templateInputs` for a field of the template's `spec`. */
    supplied(via, field) {
        const path = field.path;
        if (!via.inputs || path === undefined || !path.startsWith('spec/'))
            return undefined;
        const key = path.slice('spec/'.length);
        return Object.hasOwn(via.inputs.byPath, key) ? via.inputs.byPath[key] : undefined;
    }
    /** The pipeline an input set or trigger is for: same identifier, and same org and project when both say. */
    pipelineOf(set) {
        if (!set.pipelineIdentifier)
            return undefined;
        const candidates = (this.#pipelinesById().get(set.pipelineIdentifier) ?? []).filter((p) => sameProject(set.scope, p.scope));
        if (candidates.length <= 1)
            return candidates[0];
        const exact = candidates.filter((p) => p.scope.org === set.scope.org && p.scope.project === set.scope.project);
        return exact.length === 1 ? exact[0] : undefined;
    }
    #pipelinesById() {
        return (this.#pipelineIds ??= groupBy(this.pipelines, (p) => p.identifier));
    }
    /** How messages name an entity: `pipeline \`build\``, with its project when another pipeline shares the identifier. */
    label(entity) {
        const kind = entity.kind === 'template'
            ? `${(entity.templateType ?? '').replace(/(.)(?=[A-Z])/g, '$1 ').toLowerCase()} template`.trim()
            : KIND_NAMES[entity.kind];
        const twins = entity.kind === 'pipeline' && (this.#pipelinesById().get(entity.identifier)?.length ?? 0) > 1;
        const version = entity.kind === 'template' && entity.versionLabel ? ` (version ${entity.versionLabel})` : '';
        return `${kind} \`${entity.identifier}\`${version}${twins ? ` (${formatScope(entity.scope)})` : ''}`;
    }
    /** How messages name a stage as it runs: `stage \`build\` of pipeline \`p\``, and the templates it comes through. */
    stageLabel(eff) {
        const root = eff.run.root;
        const standaloneStageTemplate = root.kind === 'template' && root.templateType?.toLowerCase() === 'stage';
        const base = standaloneStageTemplate ? this.label(root) : `stage \`${eff.stage.identifier}\` of ${this.label(root)}`;
        return base + eff.templates.map((u) => ` through ${this.useLabel(u)}`).join('') + this.#infraFromLabel(eff);
    }
    /**
     * For a stage checked against one version of the stage whose infrastructure it takes (see
     * `infraFrom`): ` on the infrastructure of stage \`a\` through template ...`, naming that version,
     * as what is said of the stage holds only when it is the stable one. Empty otherwise.
     */
    #infraFromLabel(eff) {
        const seen = new Set([eff]);
        for (let from = eff.infraFrom; from && !seen.has(from); from = from.infraFrom) {
            seen.add(from);
            // A stage of a Pipeline template's version follows its own version's stage: the label already names it.
            const uses = from.templates.filter((u) => !eff.templates.includes(u));
            if (uses.length)
                return ` on the infrastructure of stage \`${from.stage.identifier}\`${uses.map((u) => ` through ${this.useLabel(u)}`).join('')}`;
        }
        return '';
    }
    /** `template \`t\` v2`, saying when the version is only one candidate for the stable one. */
    useLabel(use) {
        const t = use.template;
        const version = t.versionLabel ? ` version ${t.versionLabel}` : '';
        const stable = use.stable
            ? use.versions.length > 1
                ? ` (no versionLabel: the stable version is one of ${use.versions.join(', ')})`
                : ' (the stable version)'
            : '';
        return `template \`${t.identifier}\`${version}${stable}`;
    }
}
const KIND_NAMES = {
    pipeline: 'pipeline',
    connector: 'connector',
    inputSet: 'input set',
    trigger: 'trigger',
    overlayInputSet: 'overlay input set',
};
/**
 * Where `<+pipeline.variables.name>` takes its value in a context: the variable of the run's
 * pipeline, or of the Pipeline template the pipeline is made from (whose runtime inputs the
 * pipeline's `templateInputs` fill), read in its own context.
 */
function pipelineVariable(ctx, name) {
    const chain = [ctx];
    for (let via = ctx.via; via; via = via.outer)
        chain.push({ entity: via.user, ...(via.outer ? { via: via.outer } : {}) });
    // Outermost first: the pipeline's own variables, then its Pipeline template's.
    for (const c of chain.reverse()) {
        const e = c.entity;
        const vars = e.kind === 'pipeline' || e.kind === 'template' ? e.variables : undefined;
        // Own keys only: `<+pipeline.variables.constructor>` is no variable.
        const value = vars && Object.hasOwn(vars, name) ? vars[name] : undefined;
        if (value)
            return { value, ctx: c };
    }
    return undefined;
}
/** The labels of a template's versions, as a `TemplateUse` lists them. */
const versionLabels = (versions) => versions.map((t) => t.versionLabel ?? '?');
/** Scopes that can be the same project: equal where both name an org and a project. */
function sameProject(a, b) {
    if (a.org && b.org && a.org !== b.org)
        return false;
    return !(a.project && b.project && a.project !== b.project);
}
/** Runs of at most this many stages are searched directly (see `Project.infrastructure`). */
const SMALL_RUN = 16;
/**
 * A stage that takes its infrastructure from a stage with several template versions runs on
 * whichever version is stable, which only Harness knows: it gets one copy per version, each
 * following one, so every version's infrastructure is checked. Stages are taken in order, so a
 * chain (`c` from `b` from `a`) splits along it.
 */
function withInfraSources(stages) {
    const out = [];
    const byId = new Map();
    for (const eff of stages) {
        const infra = eff.body.infrastructure;
        const from = infra.kind === 'UseFromStage' ? str(infra.useFromStage) : undefined;
        const candidates = (from !== undefined && byId.get(from)?.filter((s) => s.stage !== eff.stage)) || [];
        // A stage of one version of a Pipeline template follows its own version's stage.
        const own = candidates.filter((s) => s.owner === eff.owner);
        const sources = own.length ? own : candidates;
        // With one candidate, the search in `infrastructure` finds it; with more, each copy names its own.
        const copies = candidates.length > 1 ? sources.map((source) => ({ ...eff, infraFrom: source })) : [eff];
        out.push(...copies);
        byId.set(eff.stage.identifier, [...(byId.get(eff.stage.identifier) ?? []), ...copies]);
    }
    return out;
}
/** A literal the user of a template writes in `templateInputs` is said to come from there. */
const asTemplateInput = (x) => (x.source === 'literal' ? { ...x, source: 'templateInputs' } : x);
/** Adds a resolution's values (as given) to `out`; the first open one says why `out` is open, at `at` when it names no place. */
function absorb(out, r, at, values = r.values) {
    out.values.push(...values);
    if (r.unknown && !out.unknown) {
        out.unknown = r.unknown;
        out.unknownAt = r.unknownAt ?? at;
    }
}

;// CONCATENATED MODULE: ./src/rules/require-platform-connectivity.ts






/** Related locations listed per finding; the message counts them all. */
const MAX_RELATED = 50;
/**
 * Policy 2's test of a connector: it connects through the Harness Platform (`executeOnDelegate` is
 * `false`). Harness reads the field into a Java Boolean with Jackson, which takes the strings
 * "false", "False" and "FALSE" as false too: wrong YAML (the schema check says so), but not a delegate.
 */
const connectsThroughPlatform = ({ executeOnDelegate: field }) => !!field && booleans_jacksonBoolean(field.value, loc_styleOf(field)) === false;
/**
 * How a connector's credentials come from where Harness Cloud has none: AWS IRSA, an assumed role
 * (`crossAccountAccess`), or AWS, GCP or Azure credentials inherited from the delegate. The Harness
 * Cloud page rules these out even when the connector connects through the Harness Platform.
 * Undefined for credentials Harness holds.
 */
function cloudIncompatibleCredentials(connector) {
    const type = connector.type.toLowerCase();
    const credential = connector.credentialType?.toLowerCase();
    if (credential === 'inheritfromdelegate' && ['aws', 'gcp', 'azure'].includes(type))
        return 'the delegate (`InheritFromDelegate`)';
    if (type !== 'aws')
        return undefined;
    if (credential === 'irsa')
        return 'IRSA (`Irsa`)';
    return connector.crossAccountAccess ? 'an assumed role (`crossAccountAccess`)' : undefined;
}
/**
 * `executeOnDelegate: false`, set or inserted in the connector's `spec`. Safe only when nothing
 * outside the repo has to change with it: delegate selectors hint at a registry only the delegates
 * can reach (a suggestion), and credentials inherited from a delegate cannot move at all (manual).
 */
function platformFix(connector) {
    if (/^(InheritFromDelegate|Irsa)$/i.test(connector.credentialType ?? '') || connector.crossAccountAccess)
        return {};
    const edit = connector.platformEdit;
    if (!edit || isEmbedded(connector.rootKey))
        return {};
    const title = `Set \`executeOnDelegate: false\` on connector \`${connector.identifier}\` (Connect through Harness Platform).`;
    if (!connector.delegateSelectors.length)
        return { fix: [edit], fixTitle: title };
    const selectors = connector.delegateSelectors.map((s) => `\`${s}\``).join(', ');
    return {
        suggestion: {
            title: `${title} Its delegate selectors (${selectors}) suggest a registry only your delegates can reach: check first that the Harness Platform can reach it and that its secrets are in the Harness Secret Manager.`,
            edits: [edit],
        },
    };
}
/** Where a finding about the reference the uses make goes: where it is written. */
const referenceAt = (uses) => uses[0].ref ?? uses[0].at;
/** The user of a stage's connectors. */
const userOf = (project, eff) => {
    const stage = project.stageLabel(eff);
    const root = eff.run.root.rootKey;
    return { stage, entity: eff.run.root.identifier, key: `${root.file}\0${root.start}\0${stage}` };
};
/** Uses of one connector, or of one reference the repo cannot resolve, by place. */
class Uses {
    map = new Map();
    add(key, use) {
        const list = this.map.get(key);
        if (list)
            list.push(use);
        else
            this.map.set(key, [use]);
    }
    /**
     * Each key's uses by place. A use met again (same place, message and data, as a template's stage
     * is met in each run that goes through it) is kept once, the first time: dropped here rather than
     * on `add`, so that a large repo's hundreds of thousands of uses need no identity strings.
     */
    entries() {
        return [...this.map].map(([k, list]) => [k, firstOfEach([...list].sort(byPlace))]);
    }
}
/** Uses sorted by place (stably, so the first met comes first), without repeats. */
function firstOfEach(sorted) {
    const out = [];
    // What the uses at the current place say, from its second use on (most places have one).
    let here;
    for (const use of sorted) {
        const last = out[out.length - 1];
        if (!last || byPlace(last, use) !== 0) {
            here = undefined;
            out.push(use);
            continue;
        }
        here ??= new Set([identity(last)]);
        const id = identity(use);
        if (here.has(id))
            continue;
        here.add(id);
        out.push(use);
    }
    return out;
}
const identity = (use) => `${use.messageId}\0${JSON.stringify(use.data)}`;
const byPlace = (a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.start - b.at.start);
/** The uses as related locations; none when the one use is where the finding already points. */
const related = (uses, at) => uses.length === 1 && sameLoc(uses[0].at, at) ? [] : uses.slice(0, MAX_RELATED).map(({ user: _, ref: __, ...r }) => r);
/**
 * How many stages the uses come from: one stage may use a connector in several steps. Counted once
 * per list: a finding asks for its message and its data, and a connector every stage uses has
 * thousands of uses.
 */
function stageCount(uses) {
    let count = stageCounts.get(uses);
    if (count === undefined) {
        const keys = new Set();
        for (const u of uses)
            keys.add(u.user.key);
        stageCounts.set(uses, (count = keys.size));
    }
    return count;
}
const stageCounts = new WeakMap();
/** Message data naming who uses something: the one stage, or how many (the related locations list them). */
const usersOf = (uses) => ({ stage: uses[0].user.stage, count: stageCount(uses) });
/** A message id for one stage, or its `Many` form. */
const oneOrMany = (id, uses) => (stageCount(uses) === 1 ? id : `${id}Many`);
/**
 * Uses of references the repo does not hold, grouped by what Harness answered for them and by the
 * place in the repo that refers to it: such a connector has no line of its own, so each referring
 * place gets its finding.
 */
class ByPlace {
    uses = new Uses();
    items = new Map();
    add(key, item, use) {
        const place = use.ref ?? use.at;
        const k = `${key}\0${place.file}\0${place.start}`;
        this.items.set(k, item);
        this.uses.add(k, use);
    }
    entries() {
        return this.uses.entries().map(([k, uses]) => [this.items.get(k), uses]);
    }
}
/** Harness's answer for a reference from `scope`: the connector's facts, `missing`, or undefined (not asked, or no answer). */
function harnessSide(project, ref, scope) {
    const answer = project.inHarness(ref, scope);
    if (answer?.kind === 'found')
        return { found: answer.connector };
    const at = scope_lookupScope(ref, scope);
    if (answer?.kind === 'notFound' && at)
        return { missing: { connector: ref, scope: scopeName(at.scope) } };
    return undefined;
}
/** A warning at each place that refers to a connector Harness does not have at that scope either. */
function warnNotInHarness(missing, unresolved) {
    for (const [gone, uses] of missing.entries())
        unresolved({
            at: referenceAt(uses),
            severity: 'warning',
            entity: uses[0].user.entity,
            related: related(uses, referenceAt(uses)),
            messageId: oneOrMany('notInHarness', uses),
            data: { ...gone, ...usersOf(uses) },
        });
}
/** Key of a connector only Harness holds. */
const harnessKey = (c) => scope_scopedKey(c.scope, c.identifier);
/** Message data naming a connector only Harness holds: how the stage refers to it, and where it lives. */
const harnessNames = (c) => ({ connector: refAt(c.scope, c.identifier), scope: scopeName(c.scope) });
/** The warning for references Harness has no connector for; both connector rules report it (the same text, so one remains per place). */
const NOT_IN_HARNESS_MESSAGES = {
    notInHarness: 'Connector `{{connector}}` is neither in the repo nor in Harness ({{scope}}), but {{stage}} uses it, so it fails at run time; create the connector in Harness or correct the reference.',
    notInHarnessMany: 'Connector `{{connector}}` is neither in the repo nor in Harness ({{scope}}), but {{count}} stages use it (listed as related locations), so they fail at run time; create the connector in Harness or correct the reference.',
};
/* harmony default export */ const require_platform_connectivity = (defineRule({
    id: 'require-platform-connectivity',
    policy: 2,
    severity: 'error',
    description: 'A connector used by a stage that runs on Harness Cloud must connect through the Harness Platform (`executeOnDelegate: false`).',
    harnessDocs: DOCS_HARNESS_CLOUD,
    remediation: 'Set `executeOnDelegate: false` (Connect through Harness Platform) on every connector a Harness Cloud stage uses, including `account.harnessImage`; delegate selectors then have no effect.',
    fixable: 'safe',
    options: {
        assumeHarnessCloudImageConnector: {
            description: 'When true, account.harnessImage is known to connect through the Harness Platform: Harness Cloud stages get no unresolved-reference notice when it is not in the repo.',
            schema: { type: 'boolean' },
            default: false,
            topLevel: true,
        },
    },
    messages: {
        delegateAbsent: 'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud {{stage}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
        delegateAbsentMany: 'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is absent, which means delegate), but {{count}} Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
        delegateTrue: 'Connector `{{connector}}` connects through a delegate (`executeOnDelegate: true`), but Harness Cloud {{stage}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
        delegateTrueMany: 'Connector `{{connector}}` connects through a delegate (`executeOnDelegate: true`), but {{count}} Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
        delegateString: 'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is the string "{{value}}", not the boolean `false`), but Harness Cloud {{stage}} uses it; set `executeOnDelegate: false` to connect through the Harness Platform.',
        delegateStringMany: 'Connector `{{connector}}` connects through a delegate (`executeOnDelegate` is the string "{{value}}", not the boolean `false`), but {{count}} Harness Cloud stages use it (listed as related locations); set `executeOnDelegate: false` to connect through the Harness Platform.',
        notInRepo: 'Connector `{{connector}}` ({{scope}}) is not in the repo; Harness Cloud {{stage}} uses it. Check in Harness that it connects through the Harness Platform.',
        notInRepoMany: 'Connector `{{connector}}` ({{scope}}) is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Harness that it connects through the Harness Platform.',
        accountNotInRepo: 'Connector `{{connector}}` is not in the repo; Harness Cloud {{stage}} uses it. Check in Harness that it connects through the Harness Platform.',
        accountNotInRepoMany: 'Connector `{{connector}}` is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Harness that it connects through the Harness Platform.',
        ambiguousRef: "Connector `{{connector}}` is in the repo {{copies}} times ({{scopes}}), and the pipeline's {{unknown}} unknown, so which one Harness uses cannot be told; Harness Cloud {{stage}} uses it. Set the pipeline's `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector it uses connects through the Harness Platform.",
        ambiguousRefMany: "Connector `{{connector}}` is in the repo {{copies}} times ({{scopes}}), and the pipeline's {{unknown}} unknown, so which one Harness uses cannot be told; {{count}} Harness Cloud stages use it (listed as related locations). Set the pipelines' `orgIdentifier` and `projectIdentifier`, or check in Harness that the connector they use connects through the Harness Platform.",
        invalidRef: 'Connector reference `{{connector}}` is not valid (Harness takes `<id>`, `org.<id>` or `account.<id>`); Harness Cloud {{stage}} uses it.',
        invalidRefMany: 'Connector reference `{{connector}}` is not valid (Harness takes `<id>`, `org.<id>` or `account.<id>`); {{count}} Harness Cloud stages use it (listed as related locations).',
        harnessImageNotInRepo: 'Connector `account.harnessImage`, which Harness Cloud stages pull Harness images through, is not in the repo; Harness Cloud {{stage}} uses it. Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
        harnessImageNotInRepoMany: 'Connector `account.harnessImage`, which Harness Cloud stages pull Harness images through, is not in the repo; {{count}} Harness Cloud stages use it (listed as related locations). Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
        openInput: 'The connector of Harness Cloud {{stage}} is a runtime input that nothing in the repo fills; check that it connects through the Harness Platform.',
        openInputShared: 'This runtime input, which nothing in the repo fills, is the connector of Harness Cloud {{stage}}; check that it connects through the Harness Platform.',
        openInputSharedMany: 'This runtime input, which nothing in the repo fills, is the connector of Harness Cloud stages ({{count}}, listed as related locations); check that they connect through the Harness Platform.',
        openExpression: 'The connector of Harness Cloud {{stage}} is an expression; check that it connects through the Harness Platform.',
        openExpressionShared: 'This expression is the connector of Harness Cloud {{stage}}; check that it connects through the Harness Platform.',
        openExpressionSharedMany: 'This expression is the connector of Harness Cloud stages ({{count}}, listed as related locations); check that they connect through the Harness Platform.',
        harnessDelegateAbsent: 'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but Harness Cloud {{stage}} uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
        harnessDelegateAbsentMany: 'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate` is absent, which means delegate), but {{count}} Harness Cloud stages use it (listed as related locations); in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
        harnessDelegateTrue: 'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate: true`), but Harness Cloud {{stage}} uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
        harnessDelegateTrueMany: 'Connector `{{connector}}` (in Harness, {{scope}}) connects through a delegate (`executeOnDelegate: true`), but {{count}} Harness Cloud stages use it (listed as related locations); in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
        harnessDelegateOther: 'Connector `{{connector}}` (in Harness, {{scope}}) has `executeOnDelegate` set to `{{value}}`, not the boolean `false`, and Harness Cloud {{stage}} uses it; in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
        harnessDelegateOtherMany: 'Connector `{{connector}}` (in Harness, {{scope}}) has `executeOnDelegate` set to `{{value}}`, not the boolean `false`, and {{count}} Harness Cloud stages use it (listed as related locations); in Harness, set it to connect through the Harness Platform (`executeOnDelegate: false`).',
        stageTemplateNotInRepo: 'Whether {{stage}} runs on Harness Cloud cannot be told: it is made from template {{template}}, which is not in the repo, so its connectors are not checked. If it runs on Harness Cloud, check in Harness that they connect through the Harness Platform.',
        infraFromTemplateNotInRepo: 'Whether {{stage}} runs on Harness Cloud cannot be told: it takes its infrastructure from stage `{{from}}`, made from template {{template}}, which is not in the repo, so its connectors are not checked. If it runs on Harness Cloud, check in Harness that they connect through the Harness Platform.',
        infraFromMissingStage: 'Whether {{stage}} runs on Harness Cloud cannot be told: it takes its infrastructure from stage `{{from}}`, which its pipeline does not have, so its connectors are not checked.',
        infraFromItself: 'Whether {{stage}} runs on Harness Cloud cannot be told: its `useFromStage` names the stage itself (a loop, which Harness cannot run), so its connectors are not checked.',
        infraFromLoop: 'Whether {{stage}} runs on Harness Cloud cannot be told: it takes its infrastructure from stage `{{from}}`, and `useFromStage` leads from there back to a stage already passed (a loop, which Harness cannot run), so its connectors are not checked.',
        stepTemplateNotInRepo: 'Step `{{step}}` of Harness Cloud {{stage}} is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
        stepGroupTemplateNotInRepo: 'Step group `{{step}}` of Harness Cloud {{stage}} is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
        stepTemplateNotInRepoMany: 'Step `{{step}}` of {{count}} Harness Cloud stages (listed as related locations) is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
        stepGroupTemplateNotInRepoMany: 'Step group `{{step}}` of {{count}} Harness Cloud stages (listed as related locations) is made from template {{template}}, which is not in the repo, so its connectors are not checked. Check in Harness that they connect through the Harness Platform.',
        pipelineTemplateNotInRepo: 'Whether the stages of {{pipeline}} run on Harness Cloud cannot be told: it is made from template {{template}}, which is not in the repo, so their connectors are not checked. If they run on Harness Cloud, check in Harness that they connect through the Harness Platform.',
        cloudCredentials: 'Connector `{{connector}}` takes its credentials from {{credential}}, which Harness Cloud cannot use, but Harness Cloud {{stage}} uses it; give it credentials stored in Harness (the Harness Secret Manager), or run the stage on your own infrastructure.',
        cloudCredentialsMany: 'Connector `{{connector}}` takes its credentials from {{credential}}, which Harness Cloud cannot use, but {{count}} Harness Cloud stages use it (listed as related locations); give it credentials stored in Harness (the Harness Secret Manager), or run the stages on your own infrastructure.',
        ...NOT_IN_HARNESS_MESSAGES,
        // Related locations: one use each.
        usedBy: 'Used by Harness Cloud {{stage}}.',
        usedByStep: 'Used by Harness Cloud {{stage}}, step `{{step}}` from {{template}}.',
        usedByStepGroup: 'Used by Harness Cloud {{stage}}, step group `{{step}}` from {{template}}.',
        clonesCodebase: 'Harness Cloud {{stage}} clones the codebase through it.',
        pullsHarnessImages: 'Harness Cloud {{stage}} pulls Harness images through it.',
        openUse: 'The connector of Harness Cloud {{stage}}.',
        openUseStep: 'The connector of Harness Cloud {{stage}}, step `{{step}}` from {{template}}.',
        openUseStepGroup: 'The connector of Harness Cloud {{stage}}, step group `{{step}}` from {{template}}.',
    },
    runtimeValueMessages: [
        'openInput',
        'openInputShared',
        'openInputSharedMany',
        'openExpression',
        'openExpressionShared',
        'openExpressionSharedMany',
    ],
    checkProject({ project, options, report, unresolved }) {
        const failing = new Uses();
        // Connectors on the platform whose credentials Harness Cloud still cannot use.
        const badCredentials = new Uses();
        const unknown = new Uses();
        // Runtime inputs and expressions nothing in the repo settles, by where they are written.
        const open = new Uses();
        const openSource = new Map();
        // References the repo does not hold, by scope and identifier: how the notice names each.
        const refs = new Map();
        // Connectors only Harness holds (looked up through its API), and references it has no connector for.
        const inHarness = new ByPlace();
        const missing = new ByPlace();
        // Step and step-group templates the repo does not hold, by where their `templateRef` is written.
        const missingStep = new Map();
        const missingStepUses = new Uses();
        const notInRepo = (ref, scope, use) => {
            const parsed = scope_parseRef(ref);
            if (!parsed) {
                refs.set(`\0${ref}`, { messageId: 'invalidRef', data: { connector: ref } });
                return unknown.add(`\0${ref}`, use);
            }
            const level = parsed.level;
            const unsaid = unknownScope(level, scope);
            // Copies in several projects, and no project to choose by: not missing, but ambiguous.
            const copies = unsaid ? project.ambiguousConnector(ref, scope) : [];
            if (unsaid && copies.length) {
                const scopes = [...new Set(copies.map((c) => scope_formatScope(c.scope)))].sort();
                const key = `ambiguous\0${ref}\0${scopes.join('\0')}`;
                refs.set(key, {
                    messageId: 'ambiguousRef',
                    data: { connector: ref, copies: copies.length, scopes: scopes.join(', '), unknown: unsaid },
                });
                return unknown.add(key, use);
            }
            const where = level === 'account'
                ? 'account'
                : unsaid
                    ? `${level === 'org' ? 'org scope' : scope.org ? `a project of org ${scope.org}` : 'project scope'}; the pipeline's ${unsaid} unknown`
                    : scope_formatScope({ level, org: scope.org, project: scope.project });
            const key = `${where}\0${parsed.identifier}`;
            const messageId = key === HARNESS_IMAGE_KEY ? 'harnessImageNotInRepo' : level === 'account' ? 'accountNotInRepo' : 'notInRepo';
            refs.set(key, { messageId, data: { connector: ref, scope: where } });
            unknown.add(key, use);
        };
        /** A reference the repo does not hold: judged on Harness's answer when there is one, else a notice (unless the option vouches). */
        const elsewhere = (ref, scope, use, vouched = false) => {
            const side = harnessSide(project, ref, scope);
            if (side && 'found' in side) {
                if (side.found.executeOnDelegate !== false)
                    inHarness.add(harnessKey(side.found), side.found, use);
            }
            else if (side)
                missing.add(JSON.stringify(side.missing), side.missing, use);
            else if (!vouched)
                notInRepo(ref, scope, use);
        };
        for (const run of project.runs()) {
            // What the repo does not hold cannot be judged: one notice per pipeline or stage says so.
            const pipelineTemplate = project.missingPipelineTemplate(run);
            if (pipelineTemplate)
                unresolved({
                    at: pipelineTemplate.templateRef,
                    entity: run.root.identifier,
                    messageId: 'pipelineTemplateNotInRepo',
                    data: { pipeline: project.label(run.root), template: templateName(pipelineTemplate) },
                });
            for (const eff of run.stages) {
                const undecided = project.undecidedInfrastructure(eff);
                if (undecided) {
                    const stage = project.stageLabel(eff);
                    unresolved({
                        at: undecided.at,
                        entity: run.root.identifier,
                        ...('missingStage' in undecided
                            ? { messageId: 'infraFromMissingStage', data: { stage, from: undecided.missingStage } }
                            : 'loopFrom' in undecided
                                ? undecided.loopFrom === eff.stage.identifier
                                    ? { messageId: 'infraFromItself', data: { stage } }
                                    : { messageId: 'infraFromLoop', data: { stage, from: undecided.loopFrom } }
                                : undecided.from !== undefined
                                    ? {
                                        messageId: 'infraFromTemplateNotInRepo',
                                        data: { stage, from: undecided.from, template: undecided.template },
                                    }
                                    : { messageId: 'stageTemplateNotInRepo', data: { stage, template: undecided.template } }),
                    });
                    continue;
                }
                if (!project.runsOnHarnessCloud(eff))
                    continue;
                const user = userOf(project, eff);
                const { stage } = user;
                // One message data for the stage's uses (a large repo has hundreds of thousands).
                const byStage = { stage };
                const scope = run.root.scope;
                // Step and step-group templates the repo does not hold: their connectors cannot be judged.
                const missingSteps = [];
                const uses = project.connectorUses(eff, missingSteps);
                // A step template's `templateRef` is written once for every stage made from its Stage template: each stage is a use.
                for (const m of missingSteps) {
                    const key = `${m.link.templateRef.file}\0${m.link.templateRef.start}`;
                    if (!missingStep.has(key))
                        missingStep.set(key, m);
                    missingStepUses.add(key, { at: eff.stage.identifierAt ?? eff.stage.at, messageId: 'usedBy', data: byStage, user });
                }
                for (const use of uses) {
                    const resolution = project.resolve(use.ref, use.ctx);
                    // A reference in a step that comes from a step template names the step and the template.
                    const step = use.stepTemplate && { stage, step: use.stepIdentifier ?? '', template: project.useLabel(use.stepTemplate) };
                    // A step group made from a StepGroup template is named as one, like the notice about a missing one.
                    const group = use.stepTemplate?.template.templateType?.toLowerCase() === 'stepgroup';
                    if (resolution.unknown) {
                        const at = resolution.unknownAt ?? use.ref;
                        const key = `${at.file}\0${at.start}`;
                        openSource.set(key, { at, expression: resolution.unknown === 'expression' });
                        open.add(key, {
                            at: use.ref,
                            ...(step ? { messageId: group ? 'openUseStepGroup' : 'openUseStep', data: step } : { messageId: 'openUse', data: byStage }),
                            user,
                        });
                    }
                    for (const value of resolution.values) {
                        // A codebase connector is written once for every stage that clones: each stage is its own use.
                        const codebase = use.how === 'codebase';
                        const at = codebase ? (eff.stage.identifierAt ?? eff.stage.at) : value.at;
                        const what = codebase
                            ? { messageId: 'clonesCodebase', data: byStage }
                            : step
                                ? { messageId: group ? 'usedByStepGroup' : 'usedByStep', data: step }
                                : { messageId: 'usedBy', data: byStage };
                        // Every copy is judged: which of two definitions Harness holds, the repo cannot say.
                        const copies = project.connectorCopies(value.value, scope);
                        if (!copies.length)
                            elsewhere(value.value, scope, { at, ...what, user, ...(codebase ? { ref: value.at } : {}) });
                        for (const c of copies)
                            if (!connectsThroughPlatform(c))
                                failing.add(c, { at, ...what, user });
                            else if (cloudIncompatibleCredentials(c))
                                badCredentials.add(c, { at, ...what, user });
                    }
                }
                const harnessImage = project.connectorCopies(scope_HARNESS_IMAGE_CONNECTOR, scope);
                // A stage on another stage's infrastructure pulls them where it says so: its own `useFromStage`.
                const own = eff.body.infrastructure;
                const at = (own.kind === 'UseFromStage' ? (own.useFromStage ?? own.kindNode) : project.infrastructure(eff).infra.kindNode) ?? eff.stage.at;
                const use = { at, messageId: 'pullsHarnessImages', data: byStage, user };
                if (!harnessImage.length)
                    elsewhere(scope_HARNESS_IMAGE_CONNECTOR, scope, use, options.assumeHarnessCloudImageConnector);
                for (const c of harnessImage)
                    if (!connectsThroughPlatform(c))
                        failing.add(c, use);
            }
        }
        for (const [key, uses] of missingStepUses.entries()) {
            const m = missingStep.get(key);
            const many = stageCount(uses) > 1;
            unresolved({
                at: m.link.templateRef,
                entity: uses[0].user.entity,
                ...(many ? { related: related(uses) } : {}),
                messageId: oneOrMany(m.group ? 'stepGroupTemplateNotInRepo' : 'stepTemplateNotInRepo', uses),
                data: { step: m.step, template: templateName(m.link), ...usersOf(uses) },
            });
        }
        for (const [key, uses] of open.entries()) {
            const { at, expression } = openSource.get(key);
            const here = uses.length === 1 && sameLoc(uses[0].at, at);
            const id = here
                ? expression
                    ? 'openExpression'
                    : 'openInput'
                : oneOrMany(expression ? 'openExpressionShared' : 'openInputShared', uses);
            unresolved({
                at,
                entity: uses[0].user.entity,
                related: related(uses, at),
                messageId: id,
                data: usersOf(uses),
            });
        }
        for (const [key, uses] of unknown.entries()) {
            const first = uses[0];
            const { messageId, data } = refs.get(key);
            unresolved({
                at: referenceAt(uses),
                entity: first.user.entity,
                related: related(uses, referenceAt(uses)),
                messageId: oneOrMany(messageId, uses),
                data: { ...data, ...usersOf(uses) },
            });
        }
        for (const [connector, uses] of inHarness.entries()) {
            const value = connector.executeOnDelegate;
            const state = value === undefined ? 'harnessDelegateAbsent' : value === true ? 'harnessDelegateTrue' : 'harnessDelegateOther';
            report({
                at: referenceAt(uses),
                messageId: oneOrMany(state, uses),
                entity: connector.identifier,
                harnessUrl: connector.uiUrl,
                related: related(uses, referenceAt(uses)),
                data: { ...harnessNames(connector), value: JSON.stringify(value) ?? '', ...usersOf(uses) },
            });
        }
        warnNotInHarness(missing, unresolved);
        for (const [connector, uses] of failing.entries()) {
            const field = connector.executeOnDelegate;
            // `executeOnDelegate:` with no value is null to Harness: unset, so delegate. An unquoted `yes` is true to it.
            const state = !field || field.value === null
                ? 'delegateAbsent'
                : typeof field.value === 'boolean' || isYaml11Boolean(field.value, loc_styleOf(field))
                    ? 'delegateTrue'
                    : 'delegateString';
            report({
                at: field ?? connector.specKey ?? connector.rootKey,
                messageId: oneOrMany(state, uses),
                entity: connector.identifier,
                related: related(uses),
                ...platformFix(connector),
                data: { connector: connector.identifier, value: loc_str(field) ?? '', ...usersOf(uses) },
            });
        }
        // No fix: the credentials must change in Harness, or the stage must leave Harness Cloud.
        for (const [connector, uses] of badCredentials.entries())
            report({
                at: connector.specKey ?? connector.rootKey,
                messageId: oneOrMany('cloudCredentials', uses),
                entity: connector.identifier,
                related: related(uses),
                data: { connector: connector.identifier, credential: cloudIncompatibleCredentials(connector), ...usersOf(uses) },
            });
    },
    connectorUseFailure: ({ connector, inHarness, cloud }) => cloud && (connector ? !connectsThroughPlatform(connector) : !!inHarness && inHarness.executeOnDelegate !== false)
        ? 'connects through a delegate'
        : cloud && connector && cloudIncompatibleCredentials(connector)
            ? 'credentials Harness Cloud cannot use'
            : undefined,
    changeInHarness: () => 'Connect through Harness Platform (`executeOnDelegate: false`).',
}));
/**
 * What a reference's scope lacks when referred to from `scope`: "org and project are", "project is"
 * or "org is" (for messages), or undefined when Harness's lookup scope is known.
 */
function unknownScope(level, scope) {
    if (level === 'account')
        return undefined;
    if (!scope.org)
        return level === 'org' ? 'org is' : 'org and project are';
    return level === 'project' && !scope.project ? 'project is' : undefined;
}
/** The key of `account.harnessImage` among the references not in the repo. */
const HARNESS_IMAGE_KEY = `account\0${scope_parseRef(scope_HARNESS_IMAGE_CONNECTOR).identifier}`;

;// CONCATENATED MODULE: ./src/rules/no-app-harness-registry.ts








/**
 * The connector URL becomes the replacement, with the provider type the docs give for it. Safe only
 * for a Docker Registry connector moving to a registry Harness publishes its images to; a private
 * mirror must hold the images first, so pointing a connector at it is a suggestion.
 */
function connectorFix(connector, spec, url, replacement) {
    // The app.harness.io URL is wrong wherever an alias uses it, and so is a spec map that holds it.
    const urlEdit = evenIfAliased(replaceScalar(url, replacement));
    // A URL the fixer cannot rewrite (a block scalar) gets no fix: a Provider Type changed alone would contradict it.
    if (!urlEdit)
        return {};
    const edits = [urlEdit];
    const dockerHub = isDockerHubUrl(replacement);
    const isDockerUrl = connector.type.toLowerCase() === 'dockerregistry' && url.same(spec?.get('dockerRegistryUrl'));
    if (isDockerUrl)
        edits.push(evenIfAliased(setMapValue(spec, 'providerType', dockerHub ? 'DockerHub' : 'Other')));
    const fix = edits.filter((e) => !!e);
    const title = `Point connector \`${connector.identifier}\` at \`${replacement}\`${isDockerUrl ? ` (Provider Type ${dockerHub ? 'Docker Hub' : 'Other'})` : ''}.`;
    if (isDockerUrl && isHarnessPublicRegistry(replacement))
        return { fix, fixTitle: title };
    const why = isDockerUrl
        ? ' Mirror the Harness images there first.'
        : ' Check that this connector type can pull Harness images from there.';
    return { suggestion: { title: title + why, edits: fix } };
}
/**
 * The image, or the Helm `registry` it is pulled from, moves to the replacement registry: safe for
 * a Harness image (`harness/...`, `plugins/...`) going to a registry Harness publishes to, a
 * suggestion otherwise (the image must be there first).
 */
function imageFix(use, replacement, catalogue) {
    if (use.runtimeInput)
        return {};
    if (use.kind === 'helm' && use.registryView)
        return helmFix(use, use.registryView, replacement);
    // A name no-renamed-harness-image would restore is restored in the same edit: both policies are met at once.
    const restored = restoredName(use, catalogue);
    const target = restored?.value ?? use.raw;
    const swapped = swapAppHarnessImage(target, replacement);
    // An app.harness.io image is wrong wherever an alias uses it: the swap fixes every use.
    const edit = swapped ? evenIfAliased(replaceScalar(use.view, swapped)) : undefined;
    if (!edit)
        return {};
    const title = restored
        ? `Pull \`${use.raw}\` from \`${replacement}\` under its Harness name: \`${swapped}\`.`
        : pullTitle(use, replacement);
    // Only an execution-config field has one right name; a step image may be another image of the same name.
    const sureName = !restored || (use.kind === 'executionConfig' && restored.unambiguous);
    return fixOrSuggestion(edit, title, isHarnessImageName(target) && sureName && isHarnessPublicRegistry(replacement));
}
/**
 * A Helm-style map's `registry` moves to the replacement's host and path, when it is the registry
 * alone (with a scheme or `:443` too): one that holds part of the image path is not simply swapped.
 */
function helmFix(use, registryView, replacement) {
    const registry = helmRegistryFor(replacement);
    const written = normaliseRegistryUrl(registryView.str ?? '');
    const registryAlone = isAppHarnessRegistryUrl(registryView.str ?? '') && written?.path.toLowerCase() === '/registry';
    const edit = registry && registryAlone ? evenIfAliased(replaceScalar(registryView, registry)) : undefined;
    return edit
        ? fixOrSuggestion(edit, pullTitle(use, replacement), isHarnessImageName(use.raw) && isHarnessPublicRegistry(replacement))
        : {};
}
const pullTitle = (use, replacement) => `Pull \`${use.raw}\` from \`${replacement}\`.`;
/** `app.harness.io/registry/harness/...` or `.../plugins/...`: an image Harness publishes. */
const isHarnessImageName = (raw) => ['harness', 'plugins'].includes(parseImage(raw)?.path[1]?.toLowerCase() ?? '');
function fixOrSuggestion(edit, title, safe) {
    if (safe)
        return { fix: [edit], fixTitle: title };
    return { suggestion: { title: `${title} Make sure the image is there first.`, edits: [edit] } };
}
/** The reference with the Harness image name it was renamed from, if it was renamed. */
function restoredName(use, catalogue) {
    if (use.kind !== 'executionConfig')
        return restoreHarnessName(use.raw, catalogue);
    const expected = executionConfigMismatch(use.field, use.raw, catalogue);
    return expected ? restoreExecutionConfigName(use.raw, expected, catalogue, use.field) : undefined;
}
const ID = 'no-app-harness-registry';
/* harmony default export */ const no_app_harness_registry = (defineRule({
    id: ID,
    policy: 1,
    severity: 'error',
    description: 'No connector URL and no image may point at the app.harness.io registry, which Harness shut down on 15 May 2024.',
    harnessDocs: DOCS_CONNECT_REGISTRY,
    remediation: 'Point the connector at https://registry.hub.docker.com (Provider Type Docker Hub), https://gcr.io/gcr-prod, https://public.ecr.aws/harness or https://us-docker.pkg.dev/gar-prod-setup/harness-public, and pull images from the same registry.',
    fixable: 'safe',
    aboutRetiredRegistry: true,
    options: {
        replacementRegistryUrl: {
            description: 'Registry URL that fixes and messages put in place of app.harness.io/registry.',
            schema: { type: 'string', pattern: '^https?://[^\\s/@]+(/|$)' },
            default: 'https://registry.hub.docker.com',
            topLevel: true,
        },
        // The names its fix restores are policy 4's: the built-in catalogue and the config's extra names.
        harnessImages: HARNESS_IMAGES,
    },
    messages: {
        connectorUrl: 'Connector `{{connector}}` points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024; use `{{replacement}}` instead.',
        image: 'Image `{{image}}` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from `{{replacement}}` instead.',
        leftover: '`{{key}}` refers to the app.harness.io registry (`{{match}}`), which reached end of life on 15 May 2024, so whatever uses it fails at run time; use `{{replacement}}` instead.',
        harnessConnectorUrl: 'Connector `{{connector}}` (in Harness, {{scope}}) points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024, and {{stage}} pulls through it; in Harness, point it at `{{replacement}}` instead.',
        harnessConnectorUrlMany: 'Connector `{{connector}}` (in Harness, {{scope}}) points at `{{url}}`, the app.harness.io registry that reached end of life on 15 May 2024, and {{count}} stages pull through it (listed as related locations); in Harness, point it at `{{replacement}}` instead.',
        ...NOT_IN_HARNESS_MESSAGES,
        // Related locations: one use each.
        pulledBy: 'Pulled here, as `{{expression}}`.',
        usedBy: 'Used by {{stage}}.',
        clonesCodebase: '{{stage}} clones the codebase through it.',
        pullsHarnessImages: '{{stage}} pulls Harness images through it.',
    },
    checkFile({ file, embedded, entities, options, report }) {
        const replacement = options.replacementRegistryUrl;
        const catalogue = catalogueWith(options.harnessImages);
        // Scalars already judged as images or connector URLs, by file: leftovers are everything else.
        const handled = new Map();
        const mark = (v) => handled.set(v.file, (handled.get(v.file) ?? new Set()).add(v.addr));
        for (const { entity: connector, root } of entities) {
            if (connector.kind !== 'connector')
                continue;
            for (const url of connector.urls) {
                // A URL that cannot be read as one (an expression, whitespace) is not judged here: the leftover scan still sees it.
                if (normaliseRegistryUrl(url.str))
                    mark(url);
                if (isAppHarnessRegistryUrl(url.str))
                    report({
                        at: url,
                        messageId: 'connectorUrl',
                        entity: connector.identifier,
                        data: { connector: connector.identifier, url: redactUserInfo(url.str), replacement },
                        ...connectorFix(connector, root.get('spec'), url, replacement),
                    });
            }
        }
        // A trigger's `inputYaml` is checked as the YAML it holds (its images, its leftovers), not again as text.
        const embeddedAt = new Set(embedded.map((e) => e.embedding.range[0]));
        const holdsEmbedded = (v) => v.file === file && embeddedAt.has(v.range[0]);
        // Outside Harness YAML (Kubernetes manifests, Helm values) the context is not ours to judge: warnings only.
        const severity = file.harness ? undefined : 'warning';
        for (const source of [file, ...embedded]) {
            for (const use of imageUses(source)) {
                mark(use.view);
                if (use.registryView)
                    mark(use.registryView);
                if (isAppHarnessImage(use.image))
                    report({
                        at: use.view.at,
                        messageId: 'image',
                        ...(severity ? { severity } : {}),
                        data: { image: use.raw, replacement },
                        ...pulledByRelated(use),
                        ...imageFix(use, replacement, catalogue),
                    });
            }
            for (const left of registryLeftovers(source, (v) => !!handled.get(v.file)?.has(v.addr) || holdsEmbedded(v)))
                report({
                    at: left.view.at,
                    span: [left.start, left.end],
                    messageId: 'leftover',
                    severity: 'warning',
                    data: { key: left.key, match: left.match, replacement },
                });
        }
    },
    // Connectors in the repo are judged in their files (above); those only Harness holds, at each line that uses them.
    checkProject({ project, options, report, unresolved }) {
        if (!project.harnessFacts)
            return;
        const inHarness = new ByPlace();
        const missing = new ByPlace();
        for (const run of project.runs())
            for (const eff of run.stages)
                for (const ref of project.connectorReferences(eff)) {
                    if (project.findConnector(ref.ref, run.root.scope))
                        continue;
                    const side = harnessSide(project, ref.ref, run.root.scope);
                    const use = useOf(project, ref, eff);
                    if (side && 'missing' in side)
                        missing.add(JSON.stringify(side.missing), side.missing, use);
                    else if (side && side.found.urls.some(isAppHarnessRegistryUrl))
                        inHarness.add(harnessKey(side.found), side.found, use);
                }
        for (const [connector, uses] of inHarness.entries())
            report({
                at: referenceAt(uses),
                messageId: oneOrMany('harnessConnectorUrl', uses),
                entity: connector.identifier,
                harnessUrl: connector.uiUrl,
                related: related(uses, referenceAt(uses)),
                data: {
                    ...harnessNames(connector),
                    url: redactUserInfo(connector.urls.find(isAppHarnessRegistryUrl)),
                    replacement: options.replacementRegistryUrl,
                    ...usersOf(uses),
                },
            });
        warnNotInHarness(missing, unresolved);
    },
    // Every use of a connector this rule reports pulls from the retired registry.
    connectorUseFailure: ({ findings, inHarness }) => findings.includes(ID) || inHarness?.urls.some(isAppHarnessRegistryUrl) ? 'app.harness.io registry' : undefined,
    changeInHarness: (replacement) => `Point it at \`${replacement}\`.`,
}));
/** A stage's reference as a use: where (a codebase is cloned by each stage, so its use is the stage), and how. */
function useOf(project, ref, eff) {
    const user = userOf(project, eff);
    // The label starts the sentence of the two messages that open with it.
    const opening = { stage: user.stage.charAt(0).toUpperCase() + user.stage.slice(1) };
    if (ref.how === 'codebase')
        return { at: eff.stage.identifierAt ?? eff.stage.at, ref: ref.at, messageId: 'clonesCodebase', data: opening, user };
    if (ref.how === 'harnessImage' || ref.how === 'overrideImageConnector')
        return { at: ref.at, messageId: 'pullsHarnessImages', data: opening, user };
    return { at: ref.at, messageId: 'usedBy', data: { stage: user.stage }, user };
}

;// CONCATENATED MODULE: ./src/rules/require-account-image-connector.ts







/**
 * Policy 3's test of an Override Image Connector reference: it names an account-scope connector,
 * `account.<id>` with an identifier Harness takes (`account.`, `account.org.x`, `account.a b` do not).
 */
const isAccountScopeRef = (ref) => {
    const parsed = scope_parseRef(ref);
    return parsed?.level === 'account' && HARNESS_IDENTIFIER.test(parsed.identifier);
};
/** Harness's identifier pattern: a letter or `_`, then letters, digits, `_` and `$`. */
const HARNESS_IDENTIFIER = /^[A-Za-z_][0-9A-Za-z_$]{0,127}$/;
/**
 * Connector types that can serve container images (Docker registries, Artifactory, Nexus, and the
 * cloud providers' registries): what an Override Image Connector can be.
 */
const IMAGE_REGISTRY_TYPES = new Set(['dockerregistry', 'artifactory', 'nexus', 'aws', 'gcp', 'azure']);
const servesImages = (type) => IMAGE_REGISTRY_TYPES.has(type.toLowerCase());
/**
 * `x`/`org.x` → `account.x`: safe when account connector `x` is in the repo or in Harness and can
 * serve images; a suggestion when there is none, or when it pulls from app.harness.io/registry
 * (pointing the stage at it would break policy 1); neither when the account connector of that name
 * is a Git or cluster connector (another connector, not this one at account scope).
 */
function accountFix(project, entity, value, at, source) {
    const ref = scope_parseRef(value);
    if (!ref || ref.level === 'account')
        return {};
    const to = `account.${ref.identifier}`;
    const raw = loc_str(at) ?? '';
    const text = source === 'default' || source === 'allowedValues' ? replaceInputOption(raw, value, to) : to;
    const edit = text === undefined ? undefined : replaceScalarAt(at, text);
    if (!edit)
        return {};
    const inRepo = project.findConnector(to, entity.scope);
    const answer = inRepo ? undefined : project.inHarness(to, entity.scope);
    const found = inRepo ?? (answer?.kind === 'found' ? answer.connector : undefined);
    const where = inRepo ? '' : ' (in Harness)';
    // Another kind of connector with that name: nothing to point the stage at.
    if (found && !servesImages(found.type))
        return {};
    // Every copy in the repo counts: the fix must not lean on whichever file sorts first.
    const urls = inRepo
        ? project.connectorCopies(to, entity.scope).flatMap((c) => c.urls.map((u) => loc_str(u) ?? ''))
        : answer?.kind === 'found'
            ? answer.connector.urls
            : [];
    const retired = urls.find(isAppHarnessRegistryUrl);
    if (found && retired)
        return {
            suggestion: {
                title: `Point the account-scope connector \`${to}\`${where} away from the app.harness.io registry (it uses \`${redactUserInfo(retired)}\`), then reference it as \`${to}\` instead of \`${value}\`.`,
                edits: [edit],
            },
        };
    if (found)
        return { fix: [edit], fixTitle: `Reference the account-scope connector \`${to}\`${where} instead of \`${value}\`.` };
    // Harness did not answer, refused, or was not asked about this one while lookups ran (facts from an
    // earlier run, as `fix` re-checks with): it may have the connector, so creating one is not the advice.
    const unchecked = answer?.kind === 'failed'
        ? answer.refused
            ? 'Harness refused the lookup with HTTP 403'
            : 'the lookup in Harness got no answer'
        : !answer && project.harnessFacts
            ? 'Harness was not asked about it'
            : undefined;
    if (unchecked)
        return {
            suggestion: {
                title: `Reference an account-scope connector as \`${to}\` instead of \`${value}\` once Harness is known to have one (the repo has no account-scope \`${ref.identifier}\`, and ${unchecked}).`,
                edits: [edit],
            },
        };
    return {
        suggestion: {
            title: `Create connector \`${ref.identifier}\` at account scope in Harness (the repo has no account-scope \`${ref.identifier}\`), then reference it as \`${to}\`.`,
            edits: [edit],
        },
    };
}
/* harmony default export */ const require_account_image_connector = (defineRule({
    id: 'require-account-image-connector',
    policy: 3,
    severity: 'error',
    description: "A Build stage's Override Image Connector (`harnessImageConnectorRef`) must name an account-scope connector (`account.<id>`).",
    harnessDocs: DOCS_CONNECT_REGISTRY,
    remediation: 'Create the Docker connector at account scope and reference it as `account.<identifier>` in `harnessImageConnectorRef`, in the stage, its template, its input sets and any runtime-input default.',
    fixable: 'safe',
    messages: {
        orgScope: '{{where}} sets the Override Image Connector to `{{ref}}`, an org-scope reference; Harness requires an account-scope connector (`account.<id>`).',
        projectScope: '{{where}} sets the Override Image Connector to `{{ref}}`, a project-scope reference; Harness requires an account-scope connector (`account.<id>`).',
        invalidRef: '{{where}} sets the Override Image Connector to `{{ref}}`, which is not a valid reference; Harness requires an account-scope connector (`account.<id>`).',
        unknownExpression: '{{where}} sets the Override Image Connector to the expression `{{value}}`, so its scope cannot be checked here.',
        unknownInput: '{{where}} sets the Override Image Connector to a runtime input that nothing in the repo fills, so its scope cannot be checked here.',
        unknownInputSomeUses: '{{where}} sets the Override Image Connector to a runtime input that some of its uses in the repo leave open (those that fill it are checked), so its scope cannot be checked for the others.',
    },
    runtimeValueMessages: ['unknownExpression', 'unknownInput', 'unknownInputSomeUses'],
    checkProject({ project, report, unresolved }) {
        /** The innermost step group and stage on a path, as `step group \`sg\` in stage \`build\``; none outside stages. */
        const placeIn = (path) => {
            const named = (prefix) => path
                .split('/')
                .filter((s) => s.startsWith(`${prefix}=`))
                .at(-1)
                ?.slice(prefix.length + 1);
            const stage = named('stage');
            const group = named('stepGroup');
            if (!stage && !group)
                return [];
            return [`${group ? `step group \`${group}\`` : ''}${group && stage ? ' in ' : ''}${stage ? `stage \`${stage}\`` : ''}`];
        };
        /**
         * How messages name where a value is set: `Step group \`sg\` in stage \`build\` of pipeline \`p\``, the
         * places in the entity (each of them, for a value several stages take), then the entity, and the
         * part of a runtime input the value comes from.
         */
        const placeLabel = (entity, places, source) => {
            const ofStage = places.every((p) => p.startsWith('stage ') || p.includes(' in stage '));
            const joined = places.length > 1 ? `each of ${places.slice(0, -1).join(', ')} and ${places.at(-1)}` : places[0];
            const text = joined ? `${joined} ${ofStage ? 'of' : 'in'} ${project.label(entity)}` : project.label(entity);
            const part = source === 'default' ? ' (through its runtime-input default)' : source === 'allowedValues' ? ' (through its allowed values)' : '';
            return text.charAt(0).toUpperCase() + text.slice(1) + part;
        };
        const checkValue = (entity, places, value, at, source = 'literal', own = true) => {
            if (isAccountScopeRef(value))
                return;
            const ref = scope_parseRef(value);
            report({
                at,
                messageId: !ref || ref.level === 'account' ? 'invalidRef' : ref.level === 'org' ? 'orgScope' : 'projectScope',
                entity: entity.identifier,
                ...accountFix(project, entity, value, at, source),
                data: { where: placeLabel(entity, places, own ? source : undefined), ref: value },
            });
        };
        /**
         * A value written outside the stages that take it (a pipeline variable, an input set's value):
         * reported once at the value, after every field is seen, naming each place that takes it.
         */
        const shared = new Map();
        for (const owner of [...project.pipelines, ...project.templates])
            for (const { at, path } of owner.imageConnectorFields) {
                let resolution = project.resolve(at, { entity: owner });
                /** Whether some use of the template fills what the template leaves open. */
                let filledBySome = false;
                // An expression in a template (`<+pipeline.variables.x>`) takes its value in each pipeline that uses it;
                // so does a Pipeline template's variable that is a runtime input (filled in the pipeline's `templateInputs`).
                const viaVariable = owner.kind === 'template' && runtime_input_pipelineVariableName(loc_str(at) ?? '') !== undefined;
                const byUses = resolution.unknown === 'expression' || (resolution.unknown === 'runtime-input' && viaVariable);
                /** For a value a use of a Stage template gives: the stages that use makes. */
                const useStages = new Map();
                if (byUses && owner.kind === 'template') {
                    const uses = project.usesOf(owner).map((ctx) => {
                        const r = project.resolve(at, ctx);
                        const stages = project.stagesOfUse(ctx).map((s) => `stage \`${s.identifier}\``);
                        for (const v of r.values)
                            useStages.set(v, stages);
                        return r;
                    });
                    filledBySome = uses.some((r) => r.values.length > 0);
                    if (uses.length)
                        resolution = {
                            values: [...resolution.values, ...uses.flatMap((r) => r.values)],
                            ...(uses.some((r) => r.unknown) ? { unknown: resolution.unknown } : {}),
                        };
                }
                for (const v of resolution.values) {
                    if (isAccountScopeRef(v.value))
                        continue;
                    const own = v.entity === owner;
                    const written = yamlPathOf(v.at);
                    const where = placeIn(written ?? path);
                    // Where the value is not written in a stage (a variable; an input set's, whose path is not
                    // known): the stages that take it, the field's own or (in a Stage template) its users'.
                    const fieldPlaces = placeIn(path);
                    const places = fieldPlaces.length || own ? fieldPlaces : (useStages.get(v) ?? []);
                    if ((!where.length || (!written && !own)) && places.length) {
                        const key = `${v.at.file}\0${v.at.start}\0${v.value}`;
                        const entry = shared.get(key) ?? { value: v, places: [], own };
                        for (const place of places)
                            if (!entry.places.includes(place))
                                entry.places.push(place);
                        entry.own ||= own;
                        shared.set(key, entry);
                        continue;
                    }
                    // Where the value is set in another entity (an input set, a template's user), that entity is named alone.
                    checkValue(v.entity, where, v.value, v.at, v.source, own);
                }
                if (!resolution.unknown)
                    continue;
                // A template's runtime input is filled by what uses it; those values are checked where they are written.
                if (owner.kind === 'template' && resolution.unknown === 'runtime-input' && !viaVariable && project.isUsed(owner))
                    continue;
                unresolved({
                    at,
                    entity: owner.identifier,
                    messageId: resolution.unknown === 'expression' ? 'unknownExpression' : filledBySome ? 'unknownInputSomeUses' : 'unknownInput',
                    data: { where: placeLabel(owner, placeIn(path)), value: loc_str(at) ?? '' },
                });
            }
        for (const { value: v, places, own } of shared.values())
            checkValue(v.entity, places, v.value, v.at, v.source, own);
        // Input sets and triggers for pipelines that are not in the repo are still checked where they set a value.
        // For a pipeline in the repo, Harness takes only what fills its runtime inputs: `resolve` above checks those.
        for (const set of project.inputSets) {
            if (project.pipelineOf(set))
                continue;
            for (const { at, path } of set.imageConnectorFields) {
                const value = loc_str(at)?.trim();
                if (value && !value.includes('<+'))
                    checkValue(set, placeIn(path), value, at);
            }
        }
    },
    connectorUseFailure: ({ ref, connector, imageConnector }) => imageConnector && !isAccountScopeRef(ref)
        ? connector
            ? 'not an account-scope reference'
            : 'not an account-scope connector'
        : undefined,
}));

;// CONCATENATED MODULE: ./src/rules/index.ts





/** The policy rules, in policy order. Their ids are fixed: configs, suppressions and SARIF depend on them. */
const rules = [
    no_app_harness_registry,
    require_platform_connectivity,
    require_account_image_connector,
    no_renamed_harness_image,
];
/** Every rule id a finding can carry, with its metadata. */
const allRules = [...rules, ...builtinRules];
function ruleMeta(id) {
    return allRules.find((r) => r.id === id);
}

;// CONCATENATED MODULE: ./src/worker/index.ts
// The worker thread's entry (dist/worker/index.js): scans the batches of files the CLI or the
// Action sends it, with the same rule registry.


serveScans(rules);

