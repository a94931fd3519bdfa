/**
 * The compiled procedure: what `tokhai compile` writes (as the default export of an ES module) and
 * `loadCompiled` loads without parsing or analysing anything. Everything the load of a document works
 * out is in it as plain data: the document as checked, each expression's parsed AST, what it reads
 * (resolved to the form's fields), the evaluation order, and the validator of the data (code).
 */
import type { BlockUse } from "./block-origin.js";
import type { ExpressionAst } from "./evaluator.js";
import type { PathRead } from "./expressions.js";
import type { ExpressionKeyword } from "./keywords.js";
import type { PrecompiledValidators } from "./load-procedure.js";
import type { ResolvedRead } from "./procedure.js";
import type { ProcedureDocument } from "./types.js";

/** The `tokhai` member of a compiled procedure: what tells it from a procedure document. */
export const COMPILED_PROCEDURE = "compiled-procedure";

/**
 * The version of the compiled format this core reads. A module of another format (made by another
 * version of `tokhai compile`) is refused at load: compile again.
 */
export const COMPILED_FORMAT = 1;

/** One expression of a compiled procedure, in evaluation order (see `ExpressionTemplate`). */
export interface CompiledExpressionData {
  readonly keyword: ExpressionKeyword;
  /** Template pointer of the field it sits on (for `x-row-title`, the array's items: `/members/-`). */
  readonly field: string;
  readonly keywordPointer: string;
  readonly text: string;
  /** Its place in document order. */
  readonly id: number;
  readonly ruleIndex?: number;
  readonly step?: number;
  /** For `lookup`: the lookup whose input it is. */
  readonly lookup?: string;
  readonly reads: readonly ResolvedRead[];
  readonly sourceReads: readonly { readonly source: string; readonly path: readonly string[] }[];
  readonly usesIndex?: boolean;
  /** The expression is a plain path: it is read without JSONata unless it meets an array. */
  readonly simplePath?: PathRead;
  readonly ast: ExpressionAst;
  /** The size budget must watch it (see `mayGrow`). */
  readonly grows?: boolean;
}

export interface CompiledProcedure {
  readonly tokhai: typeof COMPILED_PROCEDURE;
  readonly format: number;
  /** The procedure document, as `tokhai compile` checked it. */
  readonly document: ProcedureDocument;
  /** `documentFingerprint` of the document. */
  readonly fingerprint: string;
  /** The validator of the submission data, and what it was compiled from. */
  readonly validators: PrecompiledValidators;
  /** Every expression, in evaluation order. */
  readonly expressions: readonly CompiledExpressionData[];
  /** The building blocks its document was bundled from (their schemas are in the document): what they were, for the record. */
  readonly blocks?: readonly BlockUse[];
}

/** A compiled procedure (or what claims to be one: `loadCompiled` checks the rest). */
export function isCompiledProcedure(value: unknown): value is CompiledProcedure {
  return value !== null && typeof value === "object" && (value as { tokhai?: unknown }).tokhai === COMPILED_PROCEDURE;
}
