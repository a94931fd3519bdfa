// The submission envelope as the back end keeps it: only the members an envelope defines, in the
// shape it defines, exactly as sent (its digest, and the citizen's signature over it, cover all of it:
// the server's own time is the receipt's `receivedAt`, never written into the envelope). The outer shape
// is checked here, so that what the server stores never depends on what the client added; what is
// inside `data`, `provenance`, `attachments` and `signature` is for `validateSubmission` to judge. Text
// a database cannot store as JSON (U+0000, half of a UTF-16 surrogate pair) is refused here too.
import { LANGUAGE_TAG, pickLocale } from "@tokhai/core";

/** The members of an envelope and what each must be. */
const MEMBERS = {
  id: "uuid",
  procedure: "object",
  data: "object",
  provenance: "object",
  attachments: "array",
  locale: "locale",
  submittedAt: "string",
  signature: "object",
};
/** The members an envelope may leave out. */
const OPTIONAL = new Set(["signature"]);
/** The envelope's id: a lower-case UUID (RFC 9562 text form). */
export const ENVELOPE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
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
    uuid: (name) => `Mục “${name}” của hồ sơ phải là một mã UUID viết thường, ví dụ “3b241101-e2bb-4255-8caf-4136c566a962”`,
    text: () => "Hồ sơ gửi lên có ký tự không lưu được ở đây: ký tự NUL (U+0000) hoặc một nửa cặp thay thế UTF-16",
    unknownProcedure: (id) => `Không có thủ tục “${id}”`,
    idTaken: (id) => `Mã hồ sơ “${id}” đã được dùng cho một hồ sơ khác; hồ sơ này không được lưu. Hồ sơ mới cần một mã mới`,
    signer: (name) => `Người ký ghi trong chữ ký phải là công dân đã đăng nhập (${name}) hoặc để trống`,
    signedAt: () => "Thời điểm ký phải sau thời điểm nộp hồ sơ và không muộn hơn lúc máy chủ nhận hồ sơ",
  },
  en: {
    notObject: () => "The envelope must be a JSON object",
    unknown: (name) => `The envelope has a member "${name}" that is not part of an envelope`,
    missing: (name) => `The envelope lacks "${name}"`,
    object: (name) => `The envelope's "${name}" must be an object`,
    array: (name) => `The envelope's "${name}" must be an array`,
    string: (name) => `The envelope's "${name}" must be a string`,
    locale: (name) => `The envelope's "${name}" must be a BCP-47 language tag such as "vi" or "en-GB"`,
    uuid: (name) => `The envelope's "${name}" must be a lower-case UUID such as "3b241101-e2bb-4255-8caf-4136c566a962"`,
    text: () => "The envelope holds a character that cannot be stored: NUL (U+0000) or half of a UTF-16 surrogate pair",
    unknownProcedure: (id) => `There is no procedure "${id}"`,
    idTaken: (id) => `The envelope id "${id}" is already used by another submission; this one was not stored. A new declaration needs a new id`,
    signer: (name) => `The signer a signature names must be the signed-in citizen (${name}), or be left out`,
    signedAt: () => "The time of signing must come after the submission's time and not after the server received it",
  },
};

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const fits = {
  object: isObject,
  array: Array.isArray,
  string: (v) => typeof v === "string",
  locale: (v) => typeof v === "string" && v.length <= 100 && LANGUAGE_TAG.test(v),
  uuid: (v) => typeof v === "string" && ENVELOPE_ID.test(v),
};
const has = (object, name) => Object.prototype.hasOwnProperty.call(object, name);
/** JSON pointer of a member (RFC 6901). */
const pointer = (names) => names.map((name) => `/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/**
 * The language of an envelope's messages: its `locale` by tokhai's fallback rule (`en-GB` → English),
 * Vietnamese when the server has no messages in that language or the locale is not a language tag.
 */
export const localeOf = (value) => (isObject(value) && typeof value.locale === "string" ? pickLocale(MESSAGES, value.locale)?.locale ?? "vi" : "vi");

/** An error located in the envelope, in its language (`locale`, any tag: see `localeOf`). */
export const envelopeError = (locale, path, message, ...params) => ({ pointer: pointer(path), keyword: "envelope", message: MESSAGES[localeOf({ locale })][message](...params) });
/** An error of what a signature says beside its value (`signer`, `signedAt`): keyword `signature`, as core's. */
export const signatureError = (locale, member, message, ...params) => ({ ...envelopeError(locale, ["signature", member], message, ...params), keyword: "signature" });

/**
 * The envelope to validate and store, made of the members `value` may have, as they are: `{ envelope }`;
 * or `{ errors }` located in `value` when its outer shape is not an envelope's (unknown, missing or
 * mistyped members: every one of them), or when it holds text that cannot be stored (the first such).
 */
export function normaliseEnvelope(value) {
  const locale = localeOf(value);
  if (!isObject(value)) return { errors: [envelopeError(locale, [], "notObject")] };
  const errors = [];
  const check = (object, members, path) => {
    for (const [name, type] of Object.entries(members)) {
      if (!has(object, name)) {
        if (!OPTIONAL.has(name)) errors.push(envelopeError(locale, [...path, name], "missing", name));
      } else if (!fits[type](object[name])) errors.push(envelopeError(locale, [...path, name], type, name));
    }
    for (const name of Object.keys(object)) if (!has(members, name)) errors.push(envelopeError(locale, [...path, name], "unknown", name));
  };
  if (isObject(value.procedure)) check(value.procedure, PROCEDURE_MEMBERS, ["procedure"]);
  check(value, MEMBERS, []);
  if (errors.length) return { errors };
  const { id, procedure, data, provenance, attachments, locale: tag, submittedAt, signature } = value;
  const envelope = { id, procedure: { id: procedure.id, version: procedure.version }, data, provenance, attachments, locale: tag, submittedAt, ...(has(value, "signature") ? { signature } : {}) };
  const unstorable = unstorableText(envelope);
  if (unstorable !== undefined) return { errors: [envelopeError(locale, unstorable, "text")] };
  return { envelope };
}

/**
 * The path of the first key or string in `value` that JSON in PostgreSQL cannot hold (U+0000, or a lone
 * UTF-16 surrogate, which no UTF-8 can carry), or undefined. Walked without recursion: a body of a
 * megabyte may nest hundreds of thousands of levels, and it is checked before anything bounds its depth.
 */
export function unstorableText(value) {
  const bad = (text) => text.includes("\u0000") || !text.isWellFormed();
  // Each entry links to its parent: the path is built only for the text at fault.
  const pathOf = (entry) => {
    const path = [];
    for (let at = entry; at.parent; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack = [{ item: value, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const entry = stack.pop();
    const { item } = entry;
    if (typeof item === "string") {
      if (bad(item)) return pathOf(entry);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ item: item[i], parent: entry, key: String(i) });
    } else if (isObject(item)) {
      const keys = Object.keys(item);
      for (let i = keys.length - 1; i >= 0; i--) {
        if (bad(keys[i])) return [...pathOf(entry), keys[i]];
        stack.push({ item: item[keys[i]], parent: entry, key: keys[i] });
      }
    }
  }
  return undefined;
}
