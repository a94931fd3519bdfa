/**
 * The messages of the back end's check (`validateSubmission`): what is wrong with an envelope, its data
 * and its provenance. Kept apart from `messages.ts`, whose messages the form shows in the browser: a
 * page that only fills in forms does not carry these. Vietnamese and English are shipped; a back end
 * adds another locale with `addSubmissionMessages` (and core's own messages with `addMessages`).
 */
import { Dictionaries, type Message } from "./dictionaries.js";
import { engineMessage, messageLocale, quote, str, type EngineMessageCode } from "./messages.js";
import type { Locale } from "./locale.js";

type Params = Record<string, unknown>;

const vi = {
  unknownProperty: "Thông tin này không thuộc biểu mẫu",
  cannotVerify: "Không kiểm tra được thông tin này nên chưa thể tiếp nhận hồ sơ; vui lòng thử lại sau",
  provenanceLocked: "Giá trị này là dữ liệu đã được xác thực từ nguồn dữ liệu và phải được khai đúng nguồn",
  provenanceUnknown: "Hồ sơ khai nguồn gốc cho một giá trị không có trong dữ liệu",
  provenanceMissing: "Hồ sơ không khai nguồn gốc của giá trị này",
  provenanceRow: "Dòng này được khai là lấy từ nhiều bản ghi, hoặc từ một bản ghi mà dòng khác đã dùng",
  // The signature (procedure keyword `signature`), at /signature.
  signatureMissing: "Tờ khai này phải được ký số trước khi nộp",
  signatureDigest: "Tờ khai đã bị thay đổi sau khi ký nên chữ ký không còn giá trị",
  signatureInvalid: "Chữ ký số không hợp lệ",
  signatureUnverifiable: "Không kiểm tra được chữ ký số nên chưa thể tiếp nhận hồ sơ; vui lòng thử lại sau",
  // What is wrong with the envelope's shape or size, after `badEnvelope` ("…: {detail}").
  /** {max}: the deepest nesting allowed. */
  envelopeDepth: "dữ liệu lồng nhau quá {max} cấp",
  envelopeValues: "dữ liệu có quá {max} giá trị",
  envelopeString: "có đoạn văn bản hoặc tên dài quá {max} ký tự",
  /** {what}: what the value is (`undefined`, `a function`…). */
  envelopeJson: "dữ liệu chứa giá trị không phải JSON ({what})",
  envelopeArray: "mục này phải là một danh sách",
  envelopeObject: "mục này phải là một đối tượng",
  /** {name}: the name of the member, quoted. */
  envelopeUnknown: "{name} không thuộc cấu trúc hồ sơ",
  envelopeMissing: "thiếu mục {name}",
  envelopeProcedureId: "mã thủ tục phải là văn bản dài từ 1 đến 200 ký tự",
  envelopeVersion: "phiên bản phải có dạng như 1.2.0",
  /** {key}: the provenance key, quoted. */
  envelopePointer: "{key} không phải con trỏ JSON tới một giá trị",
  envelopeClaim: "mỗi mục nguồn gốc phải có dạng { source, path, locked, edited }, { source: \"default\", edited } hoặc { source: \"computed\" | \"user\" }",
  envelopeAttachments: "danh sách tệp đính kèm không khớp với các tệp có trong dữ liệu",
  envelopeAttachment: "mỗi tệp đính kèm phải có dạng { pointer, name, type, size }",
  envelopeLocale: "ngôn ngữ phải là một thẻ ngôn ngữ BCP-47, ví dụ \"vi\" hoặc \"en-GB\"",
  envelopeDateTime: "submittedAt phải là ngày giờ, ví dụ 2026-12-01T08:00:00.000Z",
  envelopeId: "id phải là một UUID viết thường, ví dụ 3b241101-e2bb-4255-8caf-4136c566a962",
  envelopeSignature: "chữ ký phải có dạng { alg, value, digest, signedAt, signer?, certificate? }, với digest dạng \"sha256:\" và 64 chữ số hệ 16",
} as const;

/** The id of one of the back end's messages. */
export type SubmissionMessageId = keyof typeof vi;

/** A dictionary of the back end's messages: one text for every id (see `vi` in this module for their parameters). */
export type SubmissionMessages = { readonly [K in SubmissionMessageId]: Message };

const en: SubmissionMessages = {
  unknownProperty: "This information is not part of this form",
  cannotVerify: "This answer could not be checked, so the submission cannot be accepted; try again later",
  provenanceLocked: "This value is verified data from official records and must be declared as such",
  provenanceUnknown: "The submission says where this value came from, but it holds no such value",
  provenanceMissing: "The submission does not say where this value came from",
  provenanceRow: "This row is declared as coming from more than one record, or from a record another row already comes from",
  signatureMissing: "This declaration must be signed before it is submitted",
  signatureDigest: "The declaration changed after it was signed, so the signature no longer holds",
  signatureInvalid: "The signature is not valid",
  signatureUnverifiable: "The signature could not be checked, so the submission cannot be accepted; try again later",
  envelopeDepth: "it is nested more than {max} levels deep",
  envelopeValues: "it holds more than {max} values",
  envelopeString: "a text or name is longer than {max} characters",
  envelopeJson: "it holds {what}, which is not JSON",
  envelopeArray: "this must be a list",
  envelopeObject: "this must be an object",
  envelopeUnknown: "{name} is not part of a submission",
  envelopeMissing: "{name} is missing",
  envelopeProcedureId: "the procedure id must be a text of 1 to 200 characters",
  envelopeVersion: "the version must be a semantic version such as 1.2.0",
  envelopePointer: "{key} is not a JSON pointer to a value",
  envelopeClaim: "a provenance entry must be { source, path, locked, edited }, { source: \"default\", edited } or { source: \"computed\" | \"user\" }",
  envelopeAttachments: "the attachments list is not the list of the files the data holds",
  envelopeAttachment: "an attachment must be { pointer, name, type, size }",
  envelopeLocale: "the locale must be a BCP-47 language tag, such as \"vi\" or \"en-GB\"",
  envelopeDateTime: "submittedAt must be a date and time such as 2026-12-01T08:00:00.000Z",
  envelopeId: "id must be a lower-case UUID such as 3b241101-e2bb-4255-8caf-4136c566a962",
  envelopeSignature: "the signature must be { alg, value, digest, signedAt, signer?, certificate? }, its digest \"sha256:\" and 64 hexadecimal digits",
};

const MESSAGES = new Dictionaries<SubmissionMessages>(vi, { en });

/**
 * Adds (or completes) the dictionary of the back end's messages for a locale (any BCP-47 tag), by the
 * same rule as `addMessages`. Throws a `RangeError` for a tag that is not well-formed.
 */
export function addSubmissionMessages(locale: Locale, messages: SubmissionMessages): void {
  MESSAGES.add(locale, messages);
}

/** The codes of the back end's messages, beside the engine's own. */
export type SubmissionMessageCode =
  | EngineMessageCode
  | "unknownProperty" // a property the procedure's schema does not declare (closed world)
  | "cannotVerify" // an expression could not be evaluated, so what it guards cannot be verified. params: {keyword}
  | "provenanceLocked" // a verified value declared as something else
  | "provenanceUnknown" // a provenance claim for a value the data does not have
  | "provenanceMissing" // a value of the data without a provenance claim
  | "provenanceRow" // a row declared as coming from several source rows, or from one another row also claims
  | "signatureMissing" // the procedure requires a signature and the envelope has none
  | "signatureDigest" // signature.digest is not the envelope's digest: it changed after signing
  | "signatureInvalid" // the host's verifier said the signature does not verify
  | "signatureUnverifiable"; // no verifier was given, or it threw: cannot be verified

/** A message of `validateSubmission`. `badEnvelope` with `{problem}` says what is wrong with the envelope. */
export function submissionMessage(code: SubmissionMessageCode, params: Params, locale: Locale): string {
  switch (code) {
    case "badEnvelope":
      if (params["problem"] === undefined) return engineMessage(code, params, locale);
      return engineMessage(code, { detail: envelopeProblem(params, messageLocale(locale)) }, locale);
    case "unknownProperty":
    case "cannotVerify":
    case "provenanceLocked":
    case "provenanceUnknown":
    case "provenanceMissing":
    case "provenanceRow":
    case "signatureMissing":
    case "signatureDigest":
    case "signatureInvalid":
    case "signatureUnverifiable":
      return MESSAGES.text(code, messageLocale(locale));
    default:
      return engineMessage(code, params, locale);
  }
}

const PROBLEMS: Record<string, SubmissionMessageId> = {
  depth: "envelopeDepth",
  values: "envelopeValues",
  string: "envelopeString",
  json: "envelopeJson",
  unknown: "envelopeUnknown",
  missing: "envelopeMissing",
  procedureId: "envelopeProcedureId",
  version: "envelopeVersion",
  pointer: "envelopePointer",
  claim: "envelopeClaim",
  attachments: "envelopeAttachments",
  attachment: "envelopeAttachment",
  locale: "envelopeLocale",
  dateTime: "envelopeDateTime",
  id: "envelopeId",
  signature: "envelopeSignature",
};

/** What is wrong with an envelope's shape or size (`badEnvelope` with `{problem}`), for people. */
function envelopeProblem(p: Params, l: Locale): string {
  const problem = str(p["problem"]);
  if (problem === "type") return MESSAGES.text(p["expected"] === "array" ? "envelopeArray" : "envelopeObject", l);
  if (!Object.hasOwn(PROBLEMS, problem)) return problem;
  return MESSAGES.text(PROBLEMS[problem]!, l, {
    max: p["max"],
    what: str(p["what"]),
    name: quote(str(p["name"]), l),
    key: quote(str(p["key"]), l),
  });
}
