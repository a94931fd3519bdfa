/**
 * Run-time schema compilation with ajv (JSON Schema 2020-12). This module is the only one that
 * imports the ajv compiler: hosts under a strict Content-Security-Policy pass precompiled
 * validators instead (see `tokhai compile`), and nothing on that path generates code.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { TOKHAI_FORMATS } from "./formats.js";
import type { ProcedureProblem } from "./procedure-error.js";
import metaSchema from "./procedure.v1.schema.json" with { type: "json" };
import type { SchemaValidator, SchemaCompiler } from "./validator.js";
import { X_KEYWORDS } from "./keywords.js";
import { appendPointer, unescapeSegment } from "./pointer.js";
import { shrinkSchema } from "./schema-shrink.js";

// Under NodeNext the default import of ajv-formats is the CommonJS module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/** Options of `createAjv`. */
export interface CreateAjvOptions {
  /** Keep the generated source for ajv standalone; `"esm"` or `"cjs"` for the module format. */
  readonly source?: "esm" | "cjs";
  /**
   * ajv's `inlineRefs`: false generates every `$ref`erenced schema once, as a function of its own,
   * instead of copying its code at every reference. Default true (ajv's default).
   */
  readonly inlineRefs?: boolean;
}

/**
 * The ajv instance that compiles a procedure's data schema. The schema was already checked against the
 * JSON Schema meta-schema (`checkSchema`), so ajv does not check it again; generated code is not
 * optimised and carries no English messages (tokhai localises them): compiling is 3-4x faster.
 * `required` lists of two names or more are checked in a loop rather than one block of code per name
 * (the same errors, in the same order): with 2,000 required fields that is 0.5 MB less source code.
 */
export function createAjv(options: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateFormats: true,
    validateSchema: false,
    messages: false,
    inlineRefs: options.inlineRefs ?? true,
    loopRequired: 2,
    code: { optimize: false, ...(options.source ? { source: true, esm: options.source === "esm" } : {}) },
  });
  addFormats(ajv);
  for (const [name, re] of Object.entries(TOKHAI_FORMATS)) ajv.addFormat(name, re);
  ajv.addVocabulary([...X_KEYWORDS]);
  return ajv;
}

type MetaValidator = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The two load-time checkers (tokhai's meta-schema compiled, and an ajv instance holding the compiled
 * JSON Schema meta-schema) are about 0.5 MB of heap that a page needs only while it loads a procedure.
 * They are held weakly: reused by loads close together, collected once the page has settled, and
 * compiled again (tens of milliseconds) by a later load.
 */
let metaValidatorRef: WeakRef<MetaValidator> | undefined;
let schemaCheckerRef: WeakRef<Ajv2020> | undefined;

function errorPointer(e: ErrorObject): string {
  if (e.propertyName !== undefined && e.keyword !== "propertyNames") return appendPointer(e.instancePath, e.propertyName);
  if (e.keyword === "required") return appendPointer(e.instancePath, String(e.params["missingProperty"]));
  if (e.keyword === "additionalProperties") return appendPointer(e.instancePath, String(e.params["additionalProperty"]));
  return e.instancePath;
}

function describe(e: ErrorObject): string {
  if (e.propertyName !== undefined && e.keyword !== "propertyNames") return `"${e.propertyName}" is not an allowed name here`;
  switch (e.keyword) {
    case "required":
      return `missing required property "${String(e.params["missingProperty"])}"`;
    case "additionalProperties":
      return `unknown property "${String(e.params["additionalProperty"])}"`;
    case "enum":
      return `must be one of ${(e.params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "propertyNames":
      return `invalid name "${String(e.params["propertyName"])}"`;
    case "false schema": {
      const last = unescapeSegment(e.instancePath.slice(e.instancePath.lastIndexOf("/") + 1));
      return last.startsWith("x-") ? `unknown tokhai keyword "${last}"` : `"${last}" is not allowed here`;
    }
    default:
      return e.message ?? `fails "${e.keyword}"`;
  }
}

/**
 * Keeps the most useful errors: drops the `if`/`anyOf`/`oneOf` summaries when a precise error sits
 * below, and of the failed alternatives of one `anyOf`/`oneOf` keeps the first ("type" must be one of
 * the simple types, rather than that and "must be array").
 */
function prune(errors: readonly ErrorObject[]): ErrorObject[] {
  // ajv reports the alternatives' errors before the anyOf/oneOf error of the same value; their schema
  // paths do not always show the branch (a `$ref`'d alternative reports its target's path).
  const alternatives = new Set(errors.filter((e) => (e.keyword === "anyOf" || e.keyword === "oneOf") && e.propertyName === undefined).map((e) => e.instancePath));
  const firstAt = new Set<string>();
  errors = errors.filter((e) => {
    if (!alternatives.has(e.instancePath) || e.keyword === "anyOf" || e.keyword === "oneOf") return true;
    if (firstAt.has(e.instancePath)) return false;
    firstAt.add(e.instancePath);
    return true;
  });
  const precise = errors.filter((e) => !["if", "anyOf", "oneOf", "not", "propertyNames"].includes(e.keyword) || e.propertyName !== undefined);
  const kept = precise.length > 0 ? precise : [...errors];
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = errorPointer(e) + "\u0000" + describe(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const ajvCompiler: SchemaCompiler = {
  checkDocument(doc: unknown): ProcedureProblem[] {
    let metaValidator = metaValidatorRef?.deref();
    if (!metaValidator) {
      // tokhai's own meta-schema is valid JSON Schema (a test checks it): ajv need not compile the
      // 2020-12 meta-schema to check it again. Unoptimised code compiles faster and reports the same
      // errors: the first load of a page is ~40 % quicker.
      const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, code: { optimize: false } });
      metaValidator = ajv.compile(metaSchema as object) as MetaValidator;
      metaValidatorRef = new WeakRef(metaValidator);
    }
    if (metaValidator(doc)) return [];
    return prune(metaValidator.errors ?? []).map((e) => ({
      pointer: errorPointer(e),
      code: "document",
      message: describe(e),
    }));
  },
  checkSchema(schema: unknown, pointer: string): ProcedureProblem[] {
    // One instance for the checks of a load: it compiles the JSON Schema meta-schema once.
    let ajv = schemaCheckerRef?.deref();
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: false, messages: true, code: { optimize: false } });
      schemaCheckerRef = new WeakRef(ajv);
    }
    if (ajv.validateSchema(schema as object) === true) return [];
    return prune((ajv.errors ?? []) as ErrorObject[]).map((e) => ({
      pointer: pointer + e.instancePath,
      code: "json-schema",
      message: `not valid JSON Schema 2020-12: ${e.keyword === "enum" ? describe(e) : (e.message ?? e.keyword)}`,
    }));
  },
  /**
   * Compiles a smaller copy of the schema (see schema-shrink.ts): no annotations or `x-*` keywords,
   * repeated leaf schemas generated once in `$defs` and called by reference. The errors are the same
   * (`instancePath`, `keyword`, `params`, order); their `schemaPath` points into the copy. Without
   * moved leaves (and without deeply nested arrays: see `ShrunkSchema.inlineRefs`), ajv inlines the
   * schema's own `$ref`s as it always did.
   */
  compile(schema: unknown): SchemaValidator {
    const shrunk = shrinkSchema(schema);
    const ajv = createAjv({ inlineRefs: shrunk.inlineRefs });
    return ajv.compile(shrunk.schema as object) as unknown as SchemaValidator;
  },
};
