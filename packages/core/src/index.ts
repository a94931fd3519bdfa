/**
 * @tokhai/core — procedures, JSONata bindings, validation, form state and submissions. DOM-free.
 */
import { isCompiledProcedure } from "./compiled.js";
import { ajvCompiler } from "./compiler.js";
import { loadCompiled } from "./load-compiled.js";
import { loadProcedureWith, type LoadOptions } from "./load-procedure.js";
import type { Procedure } from "./procedure.js";

/**
 * Checks a procedure document (object or JSON text) and compiles it. Throws one `ProcedureError`
 * listing every problem, each with the JSON pointer of the offending keyword and, for expressions,
 * the position in the expression. A compiled procedure (made by `tokhai compile`) is loaded as
 * `loadCompiled` loads it, with `options.budget`.
 */
export function loadProcedure(document: unknown, options: LoadOptions = {}): Promise<Procedure> {
  if (isCompiledProcedure(document)) {
    try {
      return Promise.resolve(loadCompiled(document, options.budget ? { budget: options.budget } : {}));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return loadProcedureWith(document, options, ajvCompiler);
}

export * from "./api.js";
