/** Everything @tokhai/core exports besides `loadProcedure`, shared by its two entries. */
export type { LoadOptions, PrecompiledValidators } from "./load-procedure.js";
export type { Procedure, ExpressionTemplate, ResolvedRead } from "./procedure.js";
export { loadCompiled } from "./load-compiled.js";
export type { LoadCompiledOptions } from "./load-compiled.js";
export { COMPILED_FORMAT, isCompiledProcedure } from "./compiled.js";
export type { CompiledExpressionData, CompiledProcedure } from "./compiled.js";
export type { ExpressionAst } from "./evaluator.js";
export { fieldNode } from "./procedure.js";
export { isSafeHref, stepFields } from "./steps.js";
export type { FieldNode, FieldKind } from "./model.js";
export { keywordPointer } from "./model.js";
export { ProcedureError } from "./procedure-error.js";
export type { ProcedureProblem, RefStep } from "./procedure-error.js";
export { BLOCK_LIMITS, originOf } from "./block-origin.js";
export type { BlockUse, Origin } from "./block-origin.js";
export type { ResolveDocument } from "./blocks.js";
export { createForm, DEFAULT_TIME_ZONE, DRAFT_LIMITS } from "./form.js";
export type { BadInput, CreateFormOptions, DraftStatus, FieldLookup, FieldState, Form, FormChange, SubmissionResult } from "./form.js";
export { LOOKUP_DELAY, LOOKUP_LIMITS, LOOKUP_TIMEOUT } from "./lookups.js";
export type { LookupResolver, LookupSignal, LookupSignalLike, LookupState, LookupStatus } from "./lookups.js";
export { datePartsOf, datePartsOfValue, readDateInput } from "./date-input.js";
export type { DateInput, DateInputFormat, DatePart, DateParts, DateProblem } from "./date-input.js";
export { validateSubmission, VERIFY_BUDGET } from "./validate-submission.js";
export { salvageDraft } from "./draft.js";
export { dataUse, usedData, type DataRead, type DataUseOptions, type RegisterUse } from "./data-use.js";
export type { SalvagedDraft } from "./draft.js";
export type { ValidateSubmissionOptions, SubmissionValidation } from "./validate-submission.js";
export { ENVELOPE_LIMITS } from "./envelope.js";
export { canonicalEnvelope, envelopeDigest } from "./digest.js";
export { ENVELOPE_ID, isEnvelopeId } from "./envelope-id.js";
export type { SignatureToVerify, SignatureVerifier } from "./verify-signature.js";
export type { EnvelopeLimits } from "./envelope.js";
export type { JsonLimits } from "./json-bounds.js";
export { schemaErrorMessage, engineMessage, localize, addMessages } from "./messages.js";
export type { EngineMessageCode, MessageId, Messages } from "./messages.js";
export { submissionMessage, addSubmissionMessages } from "./submission-messages.js";
export type { SubmissionMessageCode, SubmissionMessageId, SubmissionMessages } from "./submission-messages.js";
export { DEFAULT_LOCALE, BAD_LOCALE, LANGUAGE_TAG, canonicalLocale, localeFallbacks, pickLocale } from "./locale.js";
export { stepTexts, translate } from "./translations.js";
export { Dictionaries } from "./dictionaries.js";
export type { Message, PluralMessage } from "./dictionaries.js";
export { formatDate, formatDateTime, formatList, formatMoney, formatNumber, formatTime, formatYearMonth } from "./intl.js";
export { TOKHAI_FORMATS, KNOWN_FORMATS, VN_PERSONAL_ID, VN_PHONE, VN_TAX_CODE, YEAR_MONTH } from "./formats.js";
export { attachmentError, attachmentLimits, attachmentProblem, describeAccept, fileAccepted, formatBytes } from "./attachments.js";
export type { AttachmentLimits, AttachmentProblem } from "./attachments.js";
export { DEFAULT_BUDGET, SIZE_BUDGET_EXCEEDED, STEP_BUDGET_EXCEEDED } from "./budget.js";
export type { ExpressionBudget } from "./budget.js";
export type { SchemaValidator, SchemaErrorObject } from "./validator.js";
export { ANY_ROW, parsePointer, formatPointer, appendPointer, escapeSegment, unescapeSegment, isPrefixPointer } from "./pointer.js";
export { LOCALES } from "./types.js";
export type {
  Locale,
  LocalizedText,
  SchemaNode,
  RuleDocument,
  SourceDocument,
  LookupDocument,
  StepDocument,
  StepTexts,
  LocaleTexts,
  RegisterTexts,
  FieldTexts,
  ProcedureDocument,
  Provenance,
  FormError,
  FieldOption,
  AttachmentMeta,
  Attachment,
  SubmissionEnvelope,
  EnvelopeSignature,
  Diagnostic,
  Draft,
  FormContext,
} from "./types.js";
