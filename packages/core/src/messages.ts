/**
 * Localised validation and engine messages (Vietnamese by default, English).
 *
 * Messages never name the field: the UI shows them next to the field's label.
 * Vietnamese follows the polite administrative register ("Vui lòng …");
 * English follows the GOV.UK style (plain, short, no "please", no "invalid").
 */
import { describeAccept, formatBytes } from "./attachments.js";
import type { Locale } from "./types.js";

type Params = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------

const numberFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};

function isEn(locale: string): boolean {
  return typeof locale === "string" && (locale === "en" || locale.startsWith("en-"));
}

/** @internal The locale of a message: English for `en` and `en-…`, else Vietnamese. */
export function lang(locale: string): Locale {
  return isEn(locale) ? "en" : "vi";
}

/** Formats a number for humans: `1.000,5` in Vietnamese, `1,000.5` in English. */
function formatNumber(n: number, locale: Locale): string {
  let format = numberFormats[locale];
  if (format === undefined) {
    format = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 20 });
    numberFormats[locale] = format;
  }
  return format.format(n);
}

/** A count, as a number when it is one, formatted. */
/** @internal A count, formatted for the locale. */
export function count(value: unknown, locale: Locale): string {
  return typeof value === "number" ? formatNumber(value, locale) : String(value);
}

/** English noun with its count: "1 character", "2 characters". */
function nounEn(value: unknown, singular: string, plural = `${singular}s`): string {
  return `${count(value, "en")} ${value === 1 ? singular : plural}`;
}

const MONTHS_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)$/;

type Temporal = { kind: "date" | "time" | "date-time"; text: string };

function formatDate(y: string, m: string, d: string, locale: Locale): string {
  if (locale === "en") {
    const month = MONTHS_EN[Number(m) - 1];
    return month === undefined ? `${y}-${m}-${d}` : `${Number(d)} ${month} ${y}`;
  }
  return `${d}/${m}/${y}`;
}

function formatTime(text: string): string | undefined {
  const match = TIME_RE.exec(text);
  if (match === null) return undefined;
  const [, h, min, s] = match;
  return s !== undefined && s !== "00" ? `${h}:${min}:${s}` : `${h}:${min}`;
}

/**
 * Recognises ISO dates, times and date-times and writes them as people read
 * them (`01/02/2026`, `1 February 2026`). A time zone offset is not shown.
 */
function temporal(value: unknown, locale: Locale): Temporal | undefined {
  if (typeof value !== "string") return undefined;
  let match = DATE_RE.exec(value);
  if (match !== null) {
    const [, y, m, d] = match as unknown as [string, string, string, string];
    return { kind: "date", text: formatDate(y, m, d, locale) };
  }
  match = DATE_TIME_RE.exec(value);
  if (match !== null) {
    const [, y, m, d, t] = match as unknown as [string, string, string, string, string];
    const date = formatDate(y, m, d, locale);
    const time = formatTime(t) ?? t;
    return { kind: "date-time", text: locale === "en" ? `${date} at ${time}` : `${time} ngày ${date}` };
  }
  const time = formatTime(value);
  if (time !== undefined) return { kind: "time", text: time };
  return undefined;
}

/** @internal A text in quotation marks, as messages quote names and values. */
export function quote(text: string): string {
  return `“${text}”`;
}

/** A value shown inside a message: numbers formatted, strings quoted, dates written for people. */
function displayValue(value: unknown, locale: Locale): string {
  if (value === undefined) return locale === "en" ? "nothing" : "(không có)";
  if (value === null) return locale === "en" ? "empty" : "(để trống)";
  if (typeof value === "number") return formatNumber(value, locale);
  if (typeof value === "boolean") {
    if (locale === "en") return value ? "yes" : "no";
    return value ? "“Có”" : "“Không”";
  }
  if (typeof value === "string") {
    const t = temporal(value, locale);
    return t !== undefined ? t.text : quote(value);
  }
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** "a, b or c" / "a, b hoặc c". */
function orList(items: readonly string[], locale: Locale): string {
  const or = locale === "en" ? "or" : "hoặc";
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${or} ${items[items.length - 1]}`;
}

/** @internal */
export function str(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
}

// ---------------------------------------------------------------------------
// type
// ---------------------------------------------------------------------------

const TYPE_WORDS: Record<Locale, Record<string, string>> = {
  vi: {
    string: "văn bản",
    number: "số",
    integer: "số nguyên",
    boolean: "giá trị Có/Không",
    object: "nhóm thông tin",
    array: "danh sách",
  },
  en: {
    string: "text",
    number: "a number",
    integer: "a whole number",
    boolean: "yes or no",
    object: "a group of answers",
    array: "a list",
  },
};

function typeMessage(type: unknown, locale: Locale): string {
  const names = (Array.isArray(type) ? type.map(str) : str(type).split(","))
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const nullable = names.includes("null");
  const words = [...new Set(names.filter((name) => name !== "null"))].map(
    (name) => TYPE_WORDS[locale][name] ?? name,
  );
  if (locale === "en") {
    if (words.length === 0) return nullable ? "Must be left empty" : "This value is not valid";
    return `Must be ${orList(words, "en")}${nullable ? ", or left empty" : ""}`;
  }
  if (words.length === 0) return nullable ? "Phải để trống" : "Giá trị không hợp lệ";
  return `Phải là ${orList(words, "vi")}${nullable ? ", hoặc để trống" : ""}`;
}

// ---------------------------------------------------------------------------
// format
// ---------------------------------------------------------------------------

const FORMAT_MESSAGES: Record<string, Record<Locale, string>> = {
  date: {
    vi: "Vui lòng nhập ngày hợp lệ (ngày/tháng/năm)",
    en: "Must be a real date",
  },
  time: {
    vi: "Vui lòng nhập giờ hợp lệ, ví dụ: 14:30",
    en: "Must be a real time, like 14:30",
  },
  "iso-time": {
    vi: "Vui lòng nhập giờ hợp lệ, ví dụ: 14:30",
    en: "Must be a real time, like 14:30",
  },
  "date-time": {
    vi: "Vui lòng nhập ngày và giờ hợp lệ",
    en: "Must be a real date and time",
  },
  "iso-date-time": {
    vi: "Vui lòng nhập ngày và giờ hợp lệ",
    en: "Must be a real date and time",
  },
  email: {
    vi: "Vui lòng nhập địa chỉ email đúng định dạng, ví dụ: ten@example.com",
    en: "Enter an email address in the correct format, like name@example.com",
  },
  "idn-email": {
    vi: "Vui lòng nhập địa chỉ email đúng định dạng, ví dụ: ten@example.com",
    en: "Enter an email address in the correct format, like name@example.com",
  },
  uri: {
    vi: "Vui lòng nhập địa chỉ trang web đúng định dạng, ví dụ: https://example.com",
    en: "Enter a web address in the correct format, like https://www.example.com",
  },
  url: {
    vi: "Vui lòng nhập địa chỉ trang web đúng định dạng, ví dụ: https://example.com",
    en: "Enter a web address in the correct format, like https://www.example.com",
  },
  iri: {
    vi: "Vui lòng nhập địa chỉ trang web đúng định dạng, ví dụ: https://example.com",
    en: "Enter a web address in the correct format, like https://www.example.com",
  },
  "uri-reference": {
    vi: "Vui lòng nhập địa chỉ hoặc đường dẫn đúng định dạng, ví dụ: https://example.com/trang hoặc /trang",
    en: "Enter a web address or link in the correct format, like https://www.example.com/page or /page",
  },
  "iri-reference": {
    vi: "Vui lòng nhập địa chỉ hoặc đường dẫn đúng định dạng, ví dụ: https://example.com/trang hoặc /trang",
    en: "Enter a web address or link in the correct format, like https://www.example.com/page or /page",
  },
  "uri-template": {
    vi: "Vui lòng nhập mẫu địa chỉ (URI template) đúng định dạng",
    en: "Enter a URI template in the correct format",
  },
  hostname: {
    vi: "Vui lòng nhập tên miền đúng định dạng, ví dụ: example.com",
    en: "Enter a domain name in the correct format, like example.com",
  },
  "idn-hostname": {
    vi: "Vui lòng nhập tên miền đúng định dạng, ví dụ: example.com",
    en: "Enter a domain name in the correct format, like example.com",
  },
  ipv4: {
    vi: "Vui lòng nhập địa chỉ IPv4 đúng định dạng, ví dụ: 192.168.1.1",
    en: "Enter an IPv4 address in the correct format, like 192.168.1.1",
  },
  ipv6: {
    vi: "Vui lòng nhập địa chỉ IPv6 đúng định dạng, ví dụ: 2001:db8::1",
    en: "Enter an IPv6 address in the correct format, like 2001:db8::1",
  },
  uuid: {
    vi: "Vui lòng nhập mã UUID đúng định dạng, ví dụ: 123e4567-e89b-12d3-a456-426614174000",
    en: "Enter a UUID in the correct format, like 123e4567-e89b-12d3-a456-426614174000",
  },
  regex: {
    vi: "Vui lòng nhập biểu thức chính quy hợp lệ",
    en: "Enter a valid regular expression",
  },
  duration: {
    vi: "Vui lòng nhập khoảng thời gian theo định dạng ISO 8601, ví dụ: P3D (3 ngày) hoặc PT2H (2 giờ)",
    en: "Enter a duration in ISO 8601 format, like P3D (3 days) or PT2H (2 hours)",
  },
  "json-pointer": {
    vi: "Vui lòng nhập JSON Pointer đúng định dạng, ví dụ: /a/b",
    en: "Enter a JSON Pointer in the correct format, like /a/b",
  },
  "json-pointer-uri-fragment": {
    vi: "Vui lòng nhập JSON Pointer đúng định dạng, ví dụ: #/a/b",
    en: "Enter a JSON Pointer in the correct format, like #/a/b",
  },
  "relative-json-pointer": {
    vi: "Vui lòng nhập JSON Pointer tương đối đúng định dạng, ví dụ: 1/a",
    en: "Enter a relative JSON Pointer in the correct format, like 1/a",
  },
  byte: {
    vi: "Phải là dữ liệu mã hoá base64",
    en: "Must be base64-encoded data",
  },
  int32: {
    vi: "Phải là số nguyên trong phạm vi cho phép (32 bit)",
    en: "Must be a whole number within the allowed range (32-bit)",
  },
  int64: {
    vi: "Phải là số nguyên trong phạm vi cho phép (64 bit)",
    en: "Must be a whole number within the allowed range (64-bit)",
  },
  float: {
    vi: "Phải là số",
    en: "Must be a number",
  },
  double: {
    vi: "Phải là số",
    en: "Must be a number",
  },
  "vn-personal-id": {
    vi: "Số định danh cá nhân phải gồm đúng 12 chữ số",
    en: "Enter a personal identification number of exactly 12 digits",
  },
  "vn-phone": {
    vi: "Vui lòng nhập số điện thoại Việt Nam gồm 10 chữ số, ví dụ: 0912345678",
    en: "Enter a Vietnamese phone number of 10 digits, like 0912345678",
  },
  "year-month": {
    vi: "Vui lòng nhập tháng và năm hợp lệ (tháng/năm), ví dụ: 05/2024",
    en: "Must be a real month and year, like 5 2024",
  },
  "vn-tax-code": {
    vi: "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số, ví dụ: 0101234567 hoặc 0101234567-001",
    en: "Enter a tax code of 10 digits, or 10 digits, a hyphen and 3 digits, like 0101234567 or 0101234567-001",
  },
};

function formatMessage(format: unknown, locale: Locale): string {
  const known = FORMAT_MESSAGES[str(format)];
  if (known !== undefined) return known[locale];
  return locale === "en" ? "Must be in the correct format" : "Vui lòng nhập đúng định dạng";
}

// ---------------------------------------------------------------------------
// Comparisons: minimum … and formatMinimum …
// ---------------------------------------------------------------------------

type Comparison = ">=" | "<=" | ">" | "<";

const KEYWORD_COMPARISON: Record<string, Comparison> = {
  minimum: ">=",
  maximum: "<=",
  exclusiveMinimum: ">",
  exclusiveMaximum: "<",
  formatMinimum: ">=",
  formatMaximum: "<=",
  formatExclusiveMinimum: ">",
  formatExclusiveMaximum: "<",
};

function comparisonOf(keyword: string, params: Params): Comparison {
  const c = params["comparison"];
  if (c === ">=" || c === "<=" || c === ">" || c === "<") return c;
  return KEYWORD_COMPARISON[keyword] ?? ">=";
}

function compareMessage(comparison: Comparison, limit: unknown, locale: Locale): string {
  const t = temporal(limit, locale);
  if (t !== undefined) {
    if (locale === "en") {
      const on = t.kind === "time" ? "at" : "on";
      switch (comparison) {
        case ">=": return `Must be ${on} or after ${t.text}`;
        case "<=": return `Must be ${on} or before ${t.text}`;
        case ">": return `Must be after ${t.text}`;
        case "<": return `Must be before ${t.text}`;
      }
    }
    const at = t.kind === "date" ? `ngày ${t.text}` : t.text;
    switch (comparison) {
      case ">=": return `Không được trước ${at}`;
      case "<=": return `Không được sau ${at}`;
      case ">": return `Phải sau ${at}`;
      case "<": return `Phải trước ${at}`;
    }
  }
  const n = displayValue(limit, locale);
  if (locale === "en") {
    switch (comparison) {
      case ">=": return `Must be ${n} or more`;
      case "<=": return `Must be ${n} or less`;
      case ">": return `Must be more than ${n}`;
      case "<": return `Must be less than ${n}`;
    }
  }
  switch (comparison) {
    case ">=": return `Phải lớn hơn hoặc bằng ${n}`;
    case "<=": return `Không được lớn hơn ${n}`;
    case ">": return `Phải lớn hơn ${n}`;
    case "<": return `Phải nhỏ hơn ${n}`;
  }
}

function multipleOfMessage(step: unknown, locale: Locale): string {
  if (step === 1) return locale === "en" ? "Must be a whole number" : "Phải là số nguyên";
  if (typeof step === "number" && step > 0 && step < 1) {
    // 0.1, 0.01, 0.001 …: a number of decimal places.
    const places = Math.round(-Math.log10(step));
    if (places >= 1 && places <= 15 && Math.abs(step - 10 ** -places) < 1e-15) {
      return locale === "en"
        ? `Must have no more than ${nounEn(places, "decimal place")}`
        : `Chỉ được có tối đa ${formatNumber(places, "vi")} chữ số sau dấu thập phân`;
    }
  }
  const n = displayValue(step, locale);
  return locale === "en" ? `Must be a multiple of ${n}` : `Phải là bội số của ${n}`;
}

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

const MAX_LISTED_VALUES = 6;

function enumMessage(allowed: unknown, locale: Locale): string {
  const values = Array.isArray(allowed) ? allowed : [];
  const listable =
    values.length > 0 &&
    values.length <= MAX_LISTED_VALUES &&
    values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
  if (!listable) {
    return locale === "en" ? "Select one of the options" : "Vui lòng chọn một giá trị trong danh sách";
  }
  if (values.length === 1) return constMessage(values[0], locale);
  const list = orList(values.map((v) => displayValue(v, locale)), locale);
  return locale === "en" ? `Must be ${list}` : `Vui lòng chọn một trong các giá trị: ${list}`;
}

function constMessage(allowed: unknown, locale: Locale): string {
  if (allowed === true) {
    return locale === "en" ? "Confirm this to continue" : "Vui lòng đánh dấu xác nhận mục này";
  }
  if (allowed === null) return locale === "en" ? "Must be left empty" : "Phải để trống";
  const v = displayValue(allowed, locale);
  return locale === "en" ? `Must be ${v}` : `Giá trị phải là ${v}`;
}

// ---------------------------------------------------------------------------
// Arrays
// ---------------------------------------------------------------------------

function maxItemsMessage(limit: unknown, locale: Locale): string {
  return locale === "en"
    ? `Must have no more than ${nounEn(limit, "item")}`
    : `Không được quá ${count(limit, "vi")} mục`;
}

function containsMessage(params: Params, locale: Locale): string {
  const min = params["minContains"];
  const max = params["maxContains"];
  if (max === undefined || max === Infinity) {
    const n = typeof min === "number" ? min : 1;
    return locale === "en"
      ? `Must include at least ${nounEn(n, "matching item")}`
      : `Cần có ít nhất ${count(n, "vi")} mục phù hợp`;
  }
  if (min === max) {
    return locale === "en"
      ? `Must include exactly ${nounEn(max, "matching item")}`
      : `Cần có đúng ${count(max, "vi")} mục phù hợp`;
  }
  if (min === 0 || min === undefined) {
    return locale === "en"
      ? `Must include no more than ${nounEn(max, "matching item")}`
      : `Không được có quá ${count(max, "vi")} mục phù hợp`;
  }
  return locale === "en"
    ? `Must include between ${count(min, "en")} and ${count(max, "en")} matching items`
    : `Cần có từ ${count(min, "vi")} đến ${count(max, "vi")} mục phù hợp`;
}

function uniqueItemsMessage(params: Params, locale: Locale): string {
  const i = params["i"];
  const j = params["j"];
  if (typeof i === "number" && typeof j === "number") {
    // ajv's indices count from 0 and j < i; people count rows from 1.
    const a = formatNumber(Math.min(i, j) + 1, locale);
    const b = formatNumber(Math.max(i, j) + 1, locale);
    return locale === "en" ? `Rows ${a} and ${b} are the same` : `Dòng ${a} và dòng ${b} bị trùng nhau`;
  }
  return locale === "en" ? "Each row must be different" : "Các dòng không được trùng nhau";
}

// ---------------------------------------------------------------------------
// Schema errors
// ---------------------------------------------------------------------------

const REQUIRED: Record<Locale, string> = {
  vi: "Thông tin bắt buộc, vui lòng không để trống",
  en: "This information is required",
};

const INVALID: Record<Locale, string> = {
  vi: "Giá trị không hợp lệ",
  en: "This value is not valid",
};

/** Message for one ajv error object (ajv 8, JSON Schema 2020-12, allErrors). */
export function schemaErrorMessage(
  error: { keyword: string; params: Record<string, unknown> },
  locale: Locale,
): string {
  const l = lang(locale);
  const en = l === "en";
  const params: Params = error.params ?? {};
  const limit = params["limit"];
  switch (error.keyword) {
    case "type":
      return typeMessage(params["type"], l);

    case "required":
      return REQUIRED[l];

    case "dependentRequired":
    case "dependencies": {
      const property = str(params["property"]);
      if (property === "") return REQUIRED[l];
      return en
        ? `This information is required when ${quote(property)} is given`
        : `Thông tin này là bắt buộc khi đã nhập ${quote(property)}`;
    }

    case "minLength":
      if (limit === 1) return en ? "Enter at least 1 character" : "Vui lòng không để trống";
      return en
        ? `Must be ${nounEn(limit, "character")} or more`
        : `Vui lòng nhập ít nhất ${count(limit, "vi")} ký tự`;

    case "maxLength":
      return en
        ? `Must be ${nounEn(limit, "character")} or less`
        : `Không được quá ${count(limit, "vi")} ký tự`;

    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "formatMinimum":
    case "formatMaximum":
    case "formatExclusiveMinimum":
    case "formatExclusiveMaximum":
      return compareMessage(comparisonOf(error.keyword, params), limit, l);

    case "multipleOf":
      return multipleOfMessage(params["multipleOf"], l);

    case "pattern":
      return en ? "Must be in the correct format" : "Vui lòng nhập đúng định dạng";

    case "format":
      return formatMessage(params["format"], l);

    case "enum":
      return enumMessage(params["allowedValues"], l);

    case "const":
      return constMessage(params["allowedValue"], l);

    case "minItems":
      return en
        ? `Add or select at least ${nounEn(limit, "item")}`
        : `Vui lòng thêm hoặc chọn ít nhất ${count(limit, "vi")} mục`;

    case "maxItems":
    case "items":
    case "additionalItems":
    case "unevaluatedItems":
      // In 2020-12, `items`, `additionalItems` and `unevaluatedItems` fail
      // when an array has more items than the schema allows ({limit}).
      if (limit === undefined) return en ? "This list has items that are not allowed" : "Danh sách có mục không được chấp nhận";
      return maxItemsMessage(limit, l);

    case "prefixItems":
      return en ? "One or more items in this list are not valid" : "Một hoặc nhiều mục trong danh sách không hợp lệ";

    case "uniqueItems":
      return uniqueItemsMessage(params, l);

    case "contains":
    case "minContains":
    case "maxContains":
      return containsMessage(params, l);

    case "minProperties":
      return en
        ? `Give at least ${nounEn(limit, "answer")} in this section`
        : `Vui lòng điền ít nhất ${count(limit, "vi")} thông tin trong phần này`;

    case "maxProperties":
      return en
        ? `Give no more than ${nounEn(limit, "answer")} in this section`
        : `Không được điền quá ${count(limit, "vi")} thông tin trong phần này`;

    case "additionalProperties":
    case "unevaluatedProperties": {
      const name = str(params[error.keyword === "additionalProperties" ? "additionalProperty" : "unevaluatedProperty"]);
      if (name === "") return en ? "Contains information that is not part of this form" : "Có thông tin không thuộc biểu mẫu này";
      return en
        ? `${quote(name)} is not part of this form`
        : `Thông tin ${quote(name)} không thuộc biểu mẫu này`;
    }

    case "propertyNames": {
      const name = str(params["propertyName"]);
      return en ? `The name ${quote(name)} is not allowed` : `Tên ${quote(name)} không được chấp nhận`;
    }

    case "not":
      return en ? "This value is not allowed" : "Giá trị này không được chấp nhận";

    case "anyOf":
      return en ? "Must match one of the allowed options" : "Giá trị không khớp với lựa chọn nào được chấp nhận";

    case "oneOf":
      if (Array.isArray(params["passingSchemas"])) {
        return en
          ? "Matches more than one of the allowed options"
          : "Giá trị khớp với nhiều hơn một lựa chọn được chấp nhận";
      }
      return en ? "Must match one of the allowed options" : "Giá trị không khớp với lựa chọn nào được chấp nhận";

    case "if":
      return en ? "Does not meet the conditions that apply to this answer" : "Giá trị chưa đáp ứng điều kiện áp dụng cho thông tin này";

    case "false schema":
      return en ? "This information is not allowed here" : "Không được cung cấp thông tin này";

    case "discriminator": {
      const tag = str(params["tag"]);
      if (params["error"] === "tag") {
        return en ? `${quote(tag)} must be text` : `Giá trị của ${quote(tag)} phải là văn bản`;
      }
      const value = displayValue(params["tagValue"], l);
      return en
        ? `${value} is not an accepted value for ${quote(tag)}`
        : `Giá trị ${value} của ${quote(tag)} không được chấp nhận`;
    }

    case "$ref":
    case "$dynamicRef":
    case "$recursiveRef":
    default:
      return INVALID[l];
  }
}

// ---------------------------------------------------------------------------
// Engine messages
// ---------------------------------------------------------------------------

/** Engine messages by code. */
export type EngineMessageCode =
  | "required" // dynamic x-required or static required
  | "options" // value not among the x-options / enum choices
  | "lockMismatch" // back end: locked value differs from source. params: {expected}
  | "computeMismatch" // back end: computed value differs from recomputation. params: {expected}
  | "hiddenSubmitted" // back end: a value was submitted for a field that is hidden
  | "provenanceMismatch" // back end: provenance claims source data that the source does not hold
  | "ruleFailed" // fallback when an x-rules message is missing
  | "fileType" // params: {name, accept: string[]}  a file of a type the field does not take
  | "fileTooBig" // params: {name, size, max}  a file larger than the field's x-max-size
  | "wrongProcedure" // params: {expected, actual}   envelope for another procedure id
  | "wrongVersion" // params: {expected, actual}   envelope for another major version
  | "badEnvelope" // params: {detail}  the envelope's shape (submission-messages.ts says what is wrong, by problem)
  | "expressionFailed" // params: {detail}
  | "exit" // params: {title}  an exit page applies: the citizen cannot apply through this procedure
  // A date typed in parts (readDateInput): params {field, format, missing, parts}. `field` is the
  // field's title, which these messages name, as GOV.UK's do ("Ngày sinh phải có tháng").
  | "dateMissing" // a part left empty: params.missing
  | "dateNotNumbers" // a part that is not a number
  | "yearDigits" // a year that is not four digits
  | "monthRange" // a month outside 1–12
  | "dateNotReal"; // a day the month does not have (31/02)

/** @internal */
export function withDetail(text: string, detail: unknown): string {
  const d = str(detail).trim();
  return d === "" ? text : `${text}: ${d}`;
}

export function engineMessage(code: EngineMessageCode, params: Record<string, unknown>, locale: Locale): string {
  const l = lang(locale);
  const en = l === "en";
  const p: Params = params ?? {};
  const has = (key: string): boolean => p[key] !== undefined;
  switch (code) {
    case "required":
      return REQUIRED[l];
    case "options":
      return en ? "Select an option from the list" : "Vui lòng chọn một giá trị trong danh sách";
    case "lockMismatch":
      if (en) {
        return has("expected")
          ? `Must be ${displayValue(p["expected"], l)}, the verified value from official records`
          : "This verified value cannot be changed";
      }
      return has("expected")
        ? `Giá trị đã được xác thực từ nguồn dữ liệu nên không được thay đổi; giá trị đúng là ${displayValue(p["expected"], l)}`
        : "Giá trị đã được xác thực từ nguồn dữ liệu nên không được thay đổi";
    case "computeMismatch":
      if (en) {
        return has("expected")
          ? `This value is calculated automatically and should be ${displayValue(p["expected"], l)}`
          : "This value is calculated automatically and does not match";
      }
      return has("expected")
        ? `Giá trị được tính tự động không khớp; giá trị đúng là ${displayValue(p["expected"], l)}`
        : "Giá trị được tính tự động không khớp";
    case "hiddenSubmitted":
      return en
        ? "This answer does not apply and must not be submitted"
        : "Thông tin này không áp dụng nên không được gửi kèm";
    case "provenanceMismatch":
      return en
        ? "This value is declared as coming from official records, but the records do not hold it"
        : "Giá trị được khai là lấy từ nguồn dữ liệu nhưng nguồn dữ liệu không có giá trị này";
    case "ruleFailed":
      return en ? "Check this answer" : "Vui lòng kiểm tra lại thông tin này";
    case "exit":
      return withDetail(en ? "This application cannot be submitted" : "Không thể nộp hồ sơ này", p["title"]);
    case "fileType": {
      const accept = describeAccept(Array.isArray(p["accept"]) ? p["accept"].map(str) : []);
      const name = str(p["name"]);
      return en
        ? `${name ? `${quote(name)} is not an accepted type of file` : "This type of file is not accepted"}: only ${accept}`
        : `${name ? `Tệp ${quote(name)}` : "Tệp"} không thuộc loại được chấp nhận: chỉ nhận ${accept}`;
    }
    case "fileTooBig": {
      const name = str(p["name"]);
      const size = typeof p["size"] === "number" ? ` (${formatBytes(p["size"], l)})` : "";
      const max = formatBytes(Number(p["max"]), l);
      return en
        ? `${name ? quote(name) : "The file"}${size} is too big: ${max} at most`
        : `${name ? `Tệp ${quote(name)}` : "Tệp"}${size} quá lớn: tối đa ${max}`;
    }
    case "wrongProcedure": {
      const expected = quote(str(p["expected"]));
      const actual = quote(str(p["actual"]));
      return en
        ? `This submission is for procedure ${actual}, not ${expected}`
        : `Hồ sơ thuộc thủ tục ${actual}, không phải thủ tục ${expected}`;
    }
    case "wrongVersion": {
      const expected = str(p["expected"]);
      const actual = str(p["actual"]);
      return en
        ? `This submission was made with version ${actual} of the form, which is not compatible with the current version ${expected}`
        : `Hồ sơ được lập theo phiên bản ${actual} của biểu mẫu, không tương thích với phiên bản hiện hành ${expected}`;
    }
    case "badEnvelope":
      return withDetail(
        en ? "The submission is not in the expected format" : "Dữ liệu gửi lên không đúng cấu trúc hồ sơ",
        p["detail"],
      );
    case "expressionFailed":
      return withDetail(en ? "The value could not be calculated" : "Không tính được giá trị", p["detail"]);
    case "dateMissing":
    case "dateNotNumbers":
    case "yearDigits":
    case "monthRange":
    case "dateNotReal":
      return dateMessage(code, p, l);
    default:
      return INVALID[l];
  }
}

// ---------------------------------------------------------------------------
// A date typed in parts
// ---------------------------------------------------------------------------

const DATE_PARTS: Record<Locale, Record<string, string>> = {
  vi: { day: "ngày", month: "tháng", year: "năm" },
  en: { day: "a day", month: "a month", year: "a year" },
};

/**
 * What the messages call the date: the field's title when it reads as the subject of a sentence
 * ("Ngày sinh", "Date of birth"), else "the date". A title that asks a question, or is long, is not
 * made the subject of a sentence.
 */
function dateSubject(field: unknown, format: unknown, locale: Locale): string {
  const title = str(field).replace(/[\s.:;,…]+$/u, "");
  if (title !== "" && !/[?!]$/u.test(title) && title.length <= 60) return title;
  if (locale === "en") return "The date";
  return format === "year-month" ? "Tháng, năm" : "Ngày, tháng, năm";
}

function dateMessage(code: EngineMessageCode, p: Params, l: Locale): string {
  const en = l === "en";
  const subject = dateSubject(p["field"], p["format"], l);
  switch (code) {
    case "dateMissing": {
      const names = (Array.isArray(p["missing"]) ? p["missing"] : []).map((part) => DATE_PARTS[l][str(part)] ?? str(part));
      if (en) {
        // "must include a day and month", as GOV.UK writes it: one article.
        const words = names.map((n, i) => (i === 0 ? n : n.replace(/^an? /, "")));
        return `${subject} must include ${words.join(" and ")}`;
      }
      return `${subject} phải có ${names.join(" và ")}`;
    }
    case "dateNotNumbers":
      return en ? `${subject} must only include numbers` : `${subject} chỉ được nhập bằng chữ số`;
    case "yearDigits":
      return en ? "Year must include 4 numbers" : "Năm phải gồm 4 chữ số";
    case "monthRange":
      return en ? "Month must be a number from 1 to 12" : "Tháng phải là số từ 1 đến 12";
    default:
      return en ? `${subject} must be a real date` : `${subject} phải là một ngày có thật`;
  }
}

// ---------------------------------------------------------------------------
// Localised text
// ---------------------------------------------------------------------------

/** Picks the text for a locale from a string or {vi, en, ...} object; falls back to vi, then the first value. */
export function localize(
  text: string | { readonly [locale: string]: string } | undefined,
  locale: string,
): string | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text === "string") return text;
  if (typeof text !== "object") return undefined;
  const exact = text[locale];
  if (typeof exact === "string") return exact;
  // "en-GB" → "en"
  const base = locale.split("-")[0];
  if (base !== undefined && base !== locale) {
    const byLanguage = text[base];
    if (typeof byLanguage === "string") return byLanguage;
  }
  const vi = text["vi"];
  if (typeof vi === "string") return vi;
  for (const value of Object.values(text)) {
    if (typeof value === "string") return value;
  }
  return undefined;
}
