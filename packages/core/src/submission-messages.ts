/**
 * The messages of the back end's check (`validateSubmission`): what is wrong with an envelope, its data
 * and its provenance, in Vietnamese and English. Kept apart from `messages.ts`, whose messages the form
 * shows in the browser: a page that only fills in forms does not carry these.
 */
import { count, engineMessage, lang, quote, str, withDetail, type EngineMessageCode } from "./messages.js";
import type { Locale } from "./types.js";

type Params = Record<string, unknown>;

/** The codes of the back end's messages, beside the engine's own. */
export type SubmissionMessageCode =
  | EngineMessageCode
  | "unknownProperty" // a property the procedure's schema does not declare (closed world)
  | "cannotVerify" // an expression could not be evaluated, so what it guards cannot be verified. params: {keyword}
  | "provenanceLocked" // a verified value declared as something else
  | "provenanceUnknown" // a provenance claim for a value the data does not have
  | "provenanceMissing" // a value of the data without a provenance claim
  | "provenanceRow"; // a row declared as coming from several source rows, or from one another row also claims

/** A message of `validateSubmission`. `badEnvelope` with `{problem}` says what is wrong with the envelope. */
export function submissionMessage(code: SubmissionMessageCode, params: Params, locale: Locale): string {
  const l = lang(locale);
  const en = l === "en";
  switch (code) {
    case "badEnvelope":
      if (params["problem"] === undefined) return engineMessage(code, params, locale);
      return withDetail(en ? "The submission is not in the expected format" : "Dữ liệu gửi lên không đúng cấu trúc hồ sơ", envelopeProblem(params, l));
    case "unknownProperty":
      return en ? "This information is not part of this form" : "Thông tin này không thuộc biểu mẫu";
    case "cannotVerify":
      return en
        ? "This answer could not be checked, so the submission cannot be accepted; try again later"
        : "Không kiểm tra được thông tin này nên chưa thể tiếp nhận hồ sơ; vui lòng thử lại sau";
    case "provenanceLocked":
      return en
        ? "This value is verified data from official records and must be declared as such"
        : "Giá trị này là dữ liệu đã được xác thực từ nguồn dữ liệu và phải được khai đúng nguồn";
    case "provenanceUnknown":
      return en
        ? "The submission says where this value came from, but it holds no such value"
        : "Hồ sơ khai nguồn gốc cho một giá trị không có trong dữ liệu";
    case "provenanceMissing":
      return en ? "The submission does not say where this value came from" : "Hồ sơ không khai nguồn gốc của giá trị này";
    case "provenanceRow":
      return en
        ? "This row is declared as coming from more than one record, or from a record another row already comes from"
        : "Dòng này được khai là lấy từ nhiều bản ghi, hoặc từ một bản ghi mà dòng khác đã dùng";
    default:
      return engineMessage(code, params, locale);
  }
}

/** What is wrong with an envelope's shape or size (`badEnvelope` with `{problem}`), for people. */
function envelopeProblem(p: Params, l: Locale): string {
  const en = l === "en";
  const name = quote(str(p["name"]));
  const max = count(p["max"], l);
  switch (p["problem"]) {
    case "depth":
      return en ? `it is nested more than ${max} levels deep` : `dữ liệu lồng nhau quá ${max} cấp`;
    case "values":
      return en ? `it holds more than ${max} values` : `dữ liệu có quá ${max} giá trị`;
    case "string":
      return en ? `a text or name is longer than ${max} characters` : `có đoạn văn bản hoặc tên dài quá ${max} ký tự`;
    case "json":
      return en ? `it holds ${str(p["what"])}, which is not JSON` : `dữ liệu chứa giá trị không phải JSON (${str(p["what"])})`;
    case "type":
      return en ? `this must be ${p["expected"] === "array" ? "a list" : "an object"}` : `mục này phải là ${p["expected"] === "array" ? "một danh sách" : "một đối tượng"}`;
    case "unknown":
      return en ? `${name} is not part of a submission` : `${name} không thuộc cấu trúc hồ sơ`;
    case "missing":
      return en ? `${name} is missing` : `thiếu mục ${name}`;
    case "procedureId":
      return en ? "the procedure id must be a text of 1 to 200 characters" : "mã thủ tục phải là văn bản dài từ 1 đến 200 ký tự";
    case "version":
      return en ? "the version must be a semantic version such as 1.2.0" : "phiên bản phải có dạng như 1.2.0";
    case "pointer":
      return en ? `${quote(str(p["key"]))} is not a JSON pointer to a value` : `${quote(str(p["key"]))} không phải con trỏ JSON tới một giá trị`;
    case "claim":
      return en
        ? "a provenance entry must be { source, path, locked, edited }, { source: \"default\", edited } or { source: \"computed\" | \"user\" }"
        : "mỗi mục nguồn gốc phải có dạng { source, path, locked, edited }, { source: \"default\", edited } hoặc { source: \"computed\" | \"user\" }";
    case "attachments":
      return en
        ? "the attachments list is not the list of the files the data holds"
        : "danh sách tệp đính kèm không khớp với các tệp có trong dữ liệu";
    case "attachment":
      return en ? "an attachment must be { pointer, name, type, size }" : "mỗi tệp đính kèm phải có dạng { pointer, name, type, size }";
    case "locale":
      return en ? "the locale must be \"vi\" or \"en\"" : "ngôn ngữ phải là \"vi\" hoặc \"en\"";
    case "dateTime":
      return en ? "submittedAt must be a date and time such as 2026-12-01T08:00:00.000Z" : "submittedAt phải là ngày giờ, ví dụ 2026-12-01T08:00:00.000Z";
    default:
      return str(p["problem"]);
  }
}

