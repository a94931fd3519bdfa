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

export type { LoadOptions, PrecompiledValidators } from "./load-procedure.js";
export type { Procedure, ExpressionTemplate, ResolvedRead } from "./procedure.js";
export { fieldNode } from "./procedure.js";
export type { FieldNode, FieldKind } from "./model.js";
export { ProcedureError } from "./procedure-error.js";
export type { ProcedureProblem } from "./procedure-error.js";
export { createForm, Form, DEFAULT_TIME_ZONE } from "./form.js";
export type { CreateFormOptions, DraftStatus, FieldState, FormChange, SubmissionResult } from "./form.js";
export { validateSubmission } from "./validate-submission.js";
export type { ValidateSubmissionOptions, SubmissionValidation } from "./validate-submission.js";
export { schemaErrorMessage, engineMessage, localize } from "./messages.js";
export type { EngineMessageCode } from "./messages.js";
export { TOKHAI_FORMATS, KNOWN_FORMATS, VN_PERSONAL_ID, VN_PHONE, VN_TAX_CODE } from "./formats.js";
export { DEFAULT_BUDGET } from "./expressions.js";
export type { ExpressionBudget } from "./expressions.js";
export type { SchemaValidator, SchemaErrorObject } from "./validator.js";
export { ANY_ROW, parsePointer, formatPointer, appendPointer, escapeSegment, unescapeSegment } from "./pointer.js";
export { LOCALES } from "./types.js";
export type {
  Locale,
  LocalizedText,
  SchemaNode,
  RuleDocument,
  SourceDocument,
  StepDocument,
  LocaleTexts,
  FieldTexts,
  ProcedureDocument,
  Provenance,
  FormError,
  FieldOption,
  AttachmentMeta,
  Attachment,
  SubmissionEnvelope,
  Diagnostic,
  Draft,
  FormContext,
} from "./types.js";
