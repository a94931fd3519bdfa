/**
 * `@tokhai/core/compile`: ahead-of-time compilation for build tools and the CLI (Node). Not for
 * browsers: it loads ajv's code generator and standalone emitter.
 */
import type { Ajv2020 } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import { createAjv } from "./compiler.js";
import { shrinkSchema } from "./schema-shrink.js";

// Under NodeNext the default import of a CommonJS module is the module object.
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as (
  ajv: Ajv2020,
  validate: unknown,
) => string;

/**
 * The data validator of a schema as the source of a JavaScript module (ajv standalone), compiled exactly
 * as at run time (same options, same shrunk schema), whose default export is the validator: for
 * `loadProcedure(doc, { validators: { data } })` where no code may be generated at run time. The module
 * may `require` ajv's small run-time helpers (string length, formats): bundle it. ES module by default.
 */
export function compileValidatorSource(schema: unknown, format: "esm" | "cjs" = "esm"): string {
  const shrunk = shrinkSchema(schema);
  const ajv = createAjv({ inlineRefs: shrunk.inlineRefs, source: format });
  return standaloneCode(ajv, ajv.compile(shrunk.schema as object));
}

export { schemaFingerprint } from "./fingerprint.js";
export { compileProcedure } from "./compile-procedure.js";
export { COMPILED_FORMAT, COMPILED_PROCEDURE } from "./compiled.js";
export type { CompiledExpressionData, CompiledProcedure } from "./compiled.js";
