import type { ProcedureProblem } from "./procedure-error.js";

/** One error of a schema validator, as ajv reports it. */
export interface SchemaErrorObject {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/**
 * A compiled validator of the submission data: ajv's function shape. A standalone module made by
 * `tokhai compile` exports one; so does `ajv.compile`.
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaErrorObject[] | null;
}

/** What `loadProcedure` needs to check and compile schemas at run time. */
export interface SchemaCompiler {
  checkDocument(doc: unknown): ProcedureProblem[];
  checkSchema(schema: unknown, pointer: string): ProcedureProblem[];
  compile(schema: unknown): SchemaValidator;
}
