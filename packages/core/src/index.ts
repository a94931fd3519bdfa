/**
 * @tokhai/core — procedures, JSONata bindings, validation, form state and submissions. DOM-free.
 */
import { ajvCompiler } from "./compiler.js";
import { loadProcedureWith, type LoadOptions } from "./load-procedure.js";
import type { Procedure } from "./procedure.js";

/**
 * Checks a procedure document (object or JSON text) and compiles it. Throws one `ProcedureError`
 * listing every problem, each with the JSON pointer of the offending keyword and, for expressions,
 * the position in the expression.
 */
export function loadProcedure(document: unknown, options: LoadOptions = {}): Promise<Procedure> {
  return loadProcedureWith(document, options, ajvCompiler);
}

export * from "./api.js";
