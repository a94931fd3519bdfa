// The submission envelope as the back end keeps it: only the members an envelope defines, in the
// shape it defines, and the server's receipt time. The outer shape is checked here, so that what the
// server stores never depends on what the client added; what is inside `data`, `provenance` and
// `attachments` is for `validateSubmission` to judge.
import { LANGUAGE_TAG, pickLocale } from "@tokhai/core";

/** The members of an envelope and what each must be; `submittedAt` is the server's to set. */
const MEMBERS = {
  procedure: "object",
  data: "object",
  provenance: "object",
  attachments: "array",
  locale: "locale",
  submittedAt: "any",
};
const PROCEDURE_MEMBERS = { id: "string", version: "string" };

const MESSAGES = {
  vi: {
    notObject: () => "Hồ sơ gửi lên phải là một đối tượng JSON",
    unknown: (name) => `Hồ sơ gửi lên có mục “${name}” không thuộc cấu trúc hồ sơ`,
    missing: (name) => `Hồ sơ gửi lên thiếu mục “${name}”`,
    object: (name) => `Mục “${name}” của hồ sơ phải là một đối tượng`,
    array: (name) => `Mục “${name}” của hồ sơ phải là một danh sách`,
    string: (name) => `Mục “${name}” của hồ sơ phải là một chuỗi ký tự`,
    locale: (name) => `Mục “${name}” của hồ sơ phải là một thẻ ngôn ngữ BCP-47, ví dụ “vi” hoặc “en-GB”`,
    unknownProcedure: (id) => `Không có thủ tục “${id}”`,
  },
  en: {
    notObject: () => "The envelope must be a JSON object",
    unknown: (name) => `The envelope has a member "${name}" that is not part of an envelope`,
    missing: (name) => `The envelope lacks "${name}"`,
    object: (name) => `The envelope's "${name}" must be an object`,
    array: (name) => `The envelope's "${name}" must be an array`,
    string: (name) => `The envelope's "${name}" must be a string`,
    locale: (name) => `The envelope's "${name}" must be a BCP-47 language tag such as "vi" or "en-GB"`,
    unknownProcedure: (id) => `There is no procedure "${id}"`,
  },
};

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const fits = { object: isObject, array: Array.isArray, string: (v) => typeof v === "string", locale: (v) => typeof v === "string" && v.length <= 100 && LANGUAGE_TAG.test(v), any: () => true };
const has = (object, name) => Object.prototype.hasOwnProperty.call(object, name);
/** JSON pointer of a member (RFC 6901). */
const pointer = (...names) => names.map((name) => `/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/**
 * The language of an envelope's messages: its `locale` by tokhai's fallback rule (`en-GB` → English),
 * Vietnamese when the server has no messages in that language or the locale is not a language tag.
 */
export const localeOf = (value) => (isObject(value) && typeof value.locale === "string" ? pickLocale(MESSAGES, value.locale)?.locale ?? "vi" : "vi");

/** An error located in the envelope, in its language (`locale`, any tag: see `localeOf`). */
export const envelopeError = (locale, path, message, ...params) => ({ pointer: pointer(...path), keyword: "envelope", message: MESSAGES[localeOf({ locale })][message](...params) });

/**
 * The envelope to validate and store, made of the members `value` must have, with `submittedAt`
 * set to `receivedAt`: `{ envelope }`; or `{ errors }` located in `value` when its outer shape is not
 * an envelope's (unknown, missing or mistyped members), every one of them.
 */
export function normaliseEnvelope(value, receivedAt) {
  const locale = localeOf(value);
  if (!isObject(value)) return { errors: [envelopeError(locale, [], "notObject")] };
  const errors = [];
  const check = (object, members, path) => {
    for (const [name, type] of Object.entries(members)) {
      if (!has(object, name)) {
        if (name !== "submittedAt") errors.push(envelopeError(locale, [...path, name], "missing", name));
      } else if (!fits[type](object[name])) errors.push(envelopeError(locale, [...path, name], type, name));
    }
    for (const name of Object.keys(object)) if (!has(members, name)) errors.push(envelopeError(locale, [...path, name], "unknown", name));
  };
  if (isObject(value.procedure)) check(value.procedure, PROCEDURE_MEMBERS, ["procedure"]);
  check(value, MEMBERS, []);
  if (errors.length) return { errors };
  const { procedure, data, provenance, attachments } = value;
  return {
    envelope: { procedure: { id: procedure.id, version: procedure.version }, data, provenance, attachments, locale: value.locale, submittedAt: receivedAt.toISOString() },
  };
}
