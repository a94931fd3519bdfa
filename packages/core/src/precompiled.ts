/**
 * @tokhai/core/precompiled — the same API, without the ajv compiler: `loadProcedure` takes the
 * precompiled validators made by `tokhai compile`, and nothing generates code at run time. For
 * portals under a strict Content-Security-Policy, and for the smallest bundle.
 */
import { loadProcedureWith, type LoadOptions, type PrecompiledValidators } from "./load-procedure.js";
import type { Procedure } from "./procedure.js";

/**
 * Loads a procedure whose validators were compiled ahead of time. Without `options.validators` it
 * throws: this build cannot compile schemas.
 */
export function loadProcedure(document: unknown, options: LoadOptions & { readonly validators?: PrecompiledValidators } = {}): Promise<Procedure> {
  if (!options.validators) {
    return Promise.reject(
      new TypeError("tokhai: @tokhai/core/precompiled needs options.validators (made by `tokhai compile`); use @tokhai/core to compile schemas at run time."),
    );
  }
  return loadProcedureWith(document, options, undefined);
}

export * from "./api.js";
