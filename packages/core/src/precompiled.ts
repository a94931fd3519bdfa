/**
 * @tokhai/core/precompiled — the same API for compiled procedures only (`tokhai compile`): nothing is
 * parsed, checked or compiled at run time, so this entry carries neither JSONata's parser (once bundled
 * as dist/tokhai.precompiled.js) nor the load checks nor ajv. For portals in production, under a strict
 * Content-Security-Policy, and for the smallest bundle and the quickest first paint.
 */
import { isCompiledProcedure } from "./compiled.js";
import { loadCompiled } from "./load-compiled.js";
import type { LoadOptions } from "./load-procedure.js";
import type { Procedure } from "./procedure.js";

/**
 * Loads a compiled procedure (the default export of a module made by `tokhai compile`); see
 * `loadCompiled`. A procedure document is refused: this build cannot check or parse one.
 */
export function loadProcedure(compiled: unknown, options: Pick<LoadOptions, "budget"> = {}): Promise<Procedure> {
  if (!isCompiledProcedure(compiled)) {
    return Promise.reject(
      new TypeError(
        "tokhai: @tokhai/core/precompiled (dist/tokhai.precompiled.js) loads compiled procedures only: the default export of the module `tokhai compile` writes. Use @tokhai/core (dist/tokhai.js) to load a procedure document.",
      ),
    );
  }
  try {
    return Promise.resolve(loadCompiled(compiled, options));
  } catch (error) {
    return Promise.reject(error);
  }
}

export * from "./api.js";
