// Rollup plugins that make the browser bundles (rollup.config.mjs) smaller without changing what they do.
// They apply to the bundles only: Node resolves @tokhai/core's dependencies as published.
//
//   uriResolver         ajv's URI resolver: fast-uri (~5.5 KB gzip) → core's uri-resolver.js (same results, 2.5 KB)
//   ajvFormatsOn2020    ajv-formats' `require("ajv")` → ajv/dist/2020.js, the class core already bundles
//   noDiscriminator     ajv's `discriminator` keyword, which no tokhai ajv instance enables → a stub
//   metaSchemas         the bundled meta-schemas without `title`, `description` and `$comment`
//   sharedDecorate      one copy of TypeScript's `__decorate` helper instead of one per decorated module
//   jsonataWithoutParser  (dist/tokhai.precompiled.js only) JSONata's parser → a function that takes the
//                       ASTs of compiled procedures: the bundle evaluates, and never parses, expressions
//
// packages/core/test/bundle-plugins.test.ts bundles @tokhai/core with the first four and checks that it
// behaves as @tokhai/core does in Node; packages/core/test/uri-resolver.test.ts holds the resolver to fast-uri.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const AJV_DIST = /[\\/]node_modules[\\/]ajv[\\/]dist[\\/]/;

/**
 * ajv's core imports fast-uri as its default `uriResolver` whatever the options say, so only an alias
 * keeps fast-uri out: ajv/dist/core.js's `require("./runtime/uri")` gets packages/core/dist/uri-resolver.js,
 * whose default export has the same `parse`, `serialize` and `resolve` (see its header).
 */
export const uriResolver = {
  name: "tokhai-uri-resolver",
  resolveId(source, importer) {
    if (source !== "./runtime/uri" || !importer || !AJV_DIST.test(importer) || !/[\\/]core\.js$/.test(importer)) return null;
    return fileURLToPath(new URL("../packages/core/dist/uri-resolver.js", import.meta.url));
  },
};

/**
 * ajv-formats' limit.js requires the package `ajv` (the draft-07 class, its vocabulary and meta-schema)
 * only for `KeywordCxt`, which ajv/dist/2020.js exports too: the same class from the same module.
 */
export const ajvFormatsOn2020 = {
  name: "tokhai-ajv-formats-on-2020",
  resolveId(source, importer, options) {
    if (source !== "ajv" || !importer || !/[\\/]node_modules[\\/]ajv-formats[\\/]/.test(importer)) return null;
    return this.resolve("ajv/dist/2020.js", importer, { ...options, skipSelf: true });
  },
};

const NO_DISCRIMINATOR = "\0tokhai-no-discriminator";

/**
 * ajv/dist/2020.js adds the OpenAPI `discriminator` keyword only with ajv's `discriminator` option, which
 * no ajv instance of @tokhai/core sets (compiler.ts): the vocabulary is replaced by a definition that
 * says so, should it ever be added.
 */
export const noDiscriminator = {
  name: "tokhai-no-discriminator",
  resolveId(source, importer) {
    if (source !== "./vocabularies/discriminator" || !importer || !AJV_DIST.test(importer)) return null;
    return NO_DISCRIMINATOR;
  },
  load(id) {
    if (id !== NO_DISCRIMINATOR) return null;
    return [
      "// Stands for ajv's discriminator vocabulary (scripts/bundle-plugins.mjs): tokhai never enables it.",
      'export default { keyword: "discriminator", schemaType: "object", code() {',
      '  throw new Error("discriminator: not in the tokhai bundle (ajv\'s discriminator option is not supported)");',
      "} };",
    ].join("\n");
  },
};

// Keywords of a schema object whose values are schemas, maps of schemas, arrays of schemas.
const SUBSCHEMA = new Set(["additionalProperties", "additionalItems", "contains", "contentSchema", "else", "if", "items", "not", "propertyNames", "then", "unevaluatedItems", "unevaluatedProperties"]);
const SUBSCHEMA_MAP = new Set(["$defs", "definitions", "dependentSchemas", "patternProperties", "properties"]);
const SUBSCHEMA_ARRAY = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
// Annotations no validator reads (ajv's `$comment` option is off).
const ANNOTATIONS = new Set(["title", "description", "$comment"]);

/**
 * A copy of a JSON Schema without annotations. Only keywords of schema objects go: the walk follows
 * the keywords that hold subschemas and copies every other value (`enum`, `const`, `default`, property
 * names of `properties`…) as it is.
 */
export function stripAnnotations(schema) {
  if (Array.isArray(schema)) return schema.map(stripAnnotations); // `items` as an array (draft-07)
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SUBSCHEMA.has(key) || (SUBSCHEMA_ARRAY.has(key) && Array.isArray(value))) out[key] = stripAnnotations(value);
    else if (SUBSCHEMA_MAP.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripAnnotations(sub)]));
    } else out[key] = value;
  }
  return out;
}

/** The JSON files `metaSchemas` loads: tokhai's procedure schema, ajv's JSON Schema meta-schemas. */
export const META_SCHEMA = /(?:[\\/]procedure\.v1\.schema|[\\/]node_modules[\\/]ajv[\\/]dist[\\/]refs[\\/].*)\.json$/;

/**
 * Loads the meta-schemas the bundle validates with without their annotations (~2 KB gzip; the published
 * `@tokhai/core/procedure.v1.schema.json` keeps them for editors), as `export default {…}` with a source
 * map, so that `npm run size` counts their bytes where they belong (@rollup/plugin-json, told to leave
 * them alone with `exclude: META_SCHEMA`, gives its modules an empty map). ajv requires them from
 * CommonJS and gets the default export, as it did from @rollup/plugin-json.
 */
export const metaSchemas = {
  name: "tokhai-meta-schemas",
  load(id) {
    if (!META_SCHEMA.test(id)) return null;
    const schema = stripAnnotations(JSON.parse(readFileSync(id, "utf8")));
    return { code: `export default ${JSON.stringify(schema)};\n`, map: { version: 3, sources: [id], names: [], mappings: "AAAA" } };
  },
};

// TypeScript's `__decorate` helper (experimentalDecorators), as tsc emits it at the top of every module
// with decorators.
const DECORATE_HELPER = `var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
`;
const SHARED_DECORATE = "\0tokhai-decorate";

/**
 * tsc (without `importHelpers`) writes its `__decorate` helper into every module that uses decorators:
 * nine copies in the bundle. Each module imports one shared copy instead. In an ES module `this` is
 * undefined, so `(this && this.__decorate) || function …` always was that function. The import takes the
 * helper's first line and blank lines its other lines, so the module's source map still holds.
 */
export const sharedDecorate = {
  name: "tokhai-shared-decorate",
  resolveId(source) {
    return source === SHARED_DECORATE ? SHARED_DECORATE : null;
  },
  load(id) {
    if (id !== SHARED_DECORATE) return null;
    const helper = DECORATE_HELPER.replace("var __decorate = (this && this.__decorate) || function", "export function __decorate");
    return helper.replace(/\n};\n$/, "\n}\n");
  },
  transform(code, id) {
    if (!code.startsWith(DECORATE_HELPER) || !/[\\/]packages[\\/][^\\/]+[\\/]dist[\\/]/.test(id)) return null;
    const lines = DECORATE_HELPER.split("\n").length - 1;
    return { code: `import { __decorate } from "${SHARED_DECORATE}";${"\n".repeat(lines)}${code.slice(DECORATE_HELPER.length)}`, map: null };
  },
};


const JSONATA = /[\\/]node_modules[\\/]jsonata[\\/]jsonata\.js$/;
/** Where jsonata.js's parser module (module 4 of its browserify bundle, which requires only ./signature) starts and ends. */
const PARSER_START = "4:[function(require,module,exports){";
const PARSER_END = '},{"./signature":5}],5:[function(require,module,exports){';

/**
 * What JSONata's evaluator itself parses at run time, besides `$eval` (which tokhai refuses): the
 * lambda that chains two functions (`$f ~> $g`), parsed once when the module loads, and the lambda
 * `function($a, $b){ _ }` that wraps a built-in function applied partially (`$substring(?, 0, 2)`).
 */
const CHAIN = "function($f, $g) { function($x){ $g($f($x)) } }";

/**
 * In place of JSONata's parser (its module 4: the tokenizer, the Pratt parser and the AST's
 * post-processing, about 4.5 KB gzip), a function that takes an AST and returns it, and says so
 * (`takesAst`): core's evaluator.ts then hands it the ASTs of a compiled procedure, and turns their
 * signatures back into JSONata's objects with `signature` (JSONata's own signature parser, which its
 * built-in functions need anyway). Of text, it knows the two lambdas JSONata's evaluator parses
 * itself (the chain's AST is JSONata's own, parsed here at build time); any other text is refused
 * with the error a syntax error would give. Fails the build if jsonata.js is not laid out as this
 * expects (another version of JSONata).
 */
export const jsonataWithoutParser = {
  name: "tokhai-jsonata-without-parser",
  transform(code, id) {
    if (!JSONATA.test(id)) return null;
    const start = code.indexOf(PARSER_START);
    const end = code.indexOf(PARSER_END);
    if (start < 0 || end < start) this.error("jsonata.js is not laid out as tokhai-jsonata-without-parser expects (its parser module was not found): check the plugin against this version of JSONata");
    const parsedChain = createRequire(id)(id).parser(CHAIN);
    const stub = `
var parseSignature = require('./signature');
var CHAIN = ${JSON.stringify(CHAIN)};
var CHAIN_AST = ${JSON.stringify(parsedChain)};
var NATIVE = /^function\\(((?:\\$\\w+(?:, )?)*)\\)\\{ _ \\}$/;
function parser(source) {
    if (typeof source !== 'string') return source;
    if (source === CHAIN) return CHAIN_AST;
    var native = NATIVE.exec(source);
    if (native) {
        var args = native[1] ? native[1].split(', ') : [];
        return { type: 'lambda', position: 9, arguments: args.map(function (name) { return { type: 'variable', value: name.slice(1), position: 0 }; }), body: { type: 'path', steps: [{ type: 'name', value: '_', position: 0 }] } };
    }
    throw { code: 'S0500', position: 0, message: 'tokhai: this bundle evaluates compiled procedures only and cannot parse expressions' };
}
parser.takesAst = true;
parser.signature = parseSignature;
module.exports = parser;
`;
    return { code: code.slice(0, start + PARSER_START.length) + stub + code.slice(end), map: null };
  },
};
