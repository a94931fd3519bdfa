/**
 * Localised validation and engine messages. Their texts come from dictionaries by locale: Vietnamese
 * (`messages-vi.ts`, the default) and English (`messages-en.ts`) are shipped, and a portal adds any
 * other locale with `addMessages`. This module chooses which message fits an error and fills it in.
 *
 * Messages never name the field: the UI shows them next to the field's label.
 */
import { describeAccept, formatBytes } from "./attachments.js";
import { Dictionaries, type Message } from "./dictionaries.js";
import { formatDate, formatList, formatNumber, formatTime, ISO_DATE, ISO_TIME } from "./intl.js";
import { localeFallbacks, type Locale } from "./locale.js";
import { en } from "./messages-en.js";
import { vi } from "./messages-vi.js";

type Params = Record<string, unknown>;

/** The id of one of core's messages: a key of every dictionary. */
export type MessageId = keyof typeof vi;

/** A dictionary of core's messages: one text for every message id (see `messages-vi.ts` for their parameters). */
export type Messages = { readonly [K in MessageId]: Message };

const MESSAGES = new Dictionaries<Messages>(vi, { en });

/**
 * Adds (or completes) the dictionary of core's messages for a locale: any BCP-47 tag (`fr`, `km`,
 * `en-US`). A form in that locale, or in a region of its language, then shows its messages from it;
 * a key it lacks falls back to the language's dictionary, then to Vietnamese. Throws a `RangeError`
 * for a tag that is not well-formed.
 */
export function addMessages(locale: Locale, messages: Messages): void {
  MESSAGES.add(locale, messages);
}

/** The text of a message in `l` (a locale from `messageLocale`), its parameters filled in. */
function t(id: MessageId, l: Locale, params?: Params): string {
  return MESSAGES.text(id, l, params);
}

/** @internal The locale a message for `locale` is written and formatted in (see `Dictionaries.localeFor`). */
export function messageLocale(locale: Locale): Locale {
  return MESSAGES.localeFor(locale);
}

const ALL_DIGITS: Intl.NumberFormatOptions = { maximumFractionDigits: 20 };

/** @internal A count, formatted for the locale. */
export function count(value: unknown, locale: Locale): string {
  return typeof value === "number" ? formatNumber(value, locale, ALL_DIGITS) : String(value);
}

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)$/;

type Temporal = { kind: "date" | "time" | "date-time"; text: string };

/**
 * Recognises ISO dates, times and date-times and writes them as people read them (`01/02/2026`,
 * `1 February 2026`). A time zone offset is not shown.
 */
function temporal(value: unknown, l: Locale): Temporal | undefined {
  if (typeof value !== "string") return undefined;
  if (ISO_DATE.test(value)) return { kind: "date", text: formatDate(value, l) };
  const match = DATE_TIME_RE.exec(value);
  if (match !== null) {
    return { kind: "date-time", text: t("dateTime", l, { date: formatDate(match[1]!, l), time: formatTime(match[2]!, l) }) };
  }
  if (ISO_TIME.test(value)) return { kind: "time", text: formatTime(value, l) };
  return undefined;
}

/** @internal A text in quotation marks, as messages quote names and values. */
export function quote(text: string, l: Locale): string {
  return t("quote", l, { text });
}

/** A value shown inside a message: numbers formatted, strings quoted, dates written for people. */
function displayValue(value: unknown, l: Locale): string {
  if (value === undefined) return t("nothing", l);
  if (value === null) return t("emptyValue", l);
  if (typeof value === "number") return formatNumber(value, l, ALL_DIGITS);
  if (typeof value === "boolean") return t(value ? "yes" : "no", l);
  if (typeof value === "string") {
    const d = temporal(value, l);
    return d !== undefined ? d.text : quote(value, l);
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
function orList(items: readonly string[], l: Locale): string {
  return formatList(items, l, "disjunction");
}

/** @internal */
export function str(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
}

// ---------------------------------------------------------------------------
// type
// ---------------------------------------------------------------------------

const TYPE_WORDS = ["string", "number", "integer", "boolean", "object", "array"];

function typeMessage(type: unknown, l: Locale): string {
  const names = (Array.isArray(type) ? type.map(str) : str(type).split(","))
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const nullable = names.includes("null");
  const words = [...new Set(names.filter((name) => name !== "null"))].map((name) =>
    TYPE_WORDS.includes(name) ? t(`type${name[0]!.toUpperCase()}${name.slice(1)}` as MessageId, l) : name,
  );
  if (words.length === 0) return t(nullable ? "empty" : "invalid", l);
  return t(nullable ? "typeOrEmpty" : "type", l, { types: orList(words, l) });
}

// ---------------------------------------------------------------------------
// format
// ---------------------------------------------------------------------------

/** Formats that share another's message. Any other format `a-b` has the message `formatAB`, if there is one. */
const FORMAT_ALIASES: Record<string, string> = {
  "iso-time": "time",
  "iso-date-time": "date-time",
  "idn-email": "email",
  url: "uri",
  iri: "uri",
  "iri-reference": "uri-reference",
  "idn-hostname": "hostname",
  double: "float",
};

function formatMessage(format: unknown, l: Locale): string {
  const name = str(format);
  const id = `format${(Object.hasOwn(FORMAT_ALIASES, name) ? FORMAT_ALIASES[name]! : name).replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}`;
  return t(Object.hasOwn(vi, id) ? (id as MessageId) : "pattern", l);
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

const NUMBER_COMPARISONS: Record<Comparison, MessageId> = { ">=": "minimum", "<=": "maximum", ">": "exclusiveMinimum", "<": "exclusiveMaximum" };
const TEMPORAL_COMPARISONS: Record<Comparison, string> = { ">=": "min", "<=": "max", ">": "after", "<": "before" };
const TEMPORAL_KINDS: Record<Temporal["kind"], string> = { date: "Date", "date-time": "DateTime", time: "Time" };

function compareMessage(comparison: Comparison, limit: unknown, l: Locale): string {
  const d = temporal(limit, l);
  if (d !== undefined) return t(`${TEMPORAL_COMPARISONS[comparison]}${TEMPORAL_KINDS[d.kind]}` as MessageId, l, { limit: d.text });
  return t(NUMBER_COMPARISONS[comparison], l, { limit: displayValue(limit, l) });
}

function multipleOfMessage(step: unknown, l: Locale): string {
  if (step === 1) return t("integer", l);
  if (typeof step === "number" && step > 0 && step < 1) {
    // 0.1, 0.01, 0.001 …: a number of decimal places.
    const places = Math.round(-Math.log10(step));
    if (places >= 1 && places <= 15 && Math.abs(step - 10 ** -places) < 1e-15) return t("decimals", l, { n: places });
  }
  return t("multipleOf", l, { n: displayValue(step, l) });
}

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

const MAX_LISTED_VALUES = 6;

function enumMessage(allowed: unknown, l: Locale): string {
  const values = Array.isArray(allowed) ? allowed : [];
  const listable =
    values.length > 0 &&
    values.length <= MAX_LISTED_VALUES &&
    values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
  if (!listable) return t("chooseOption", l);
  if (values.length === 1) return constMessage(values[0], l);
  return t("oneOfValues", l, { values: orList(values.map((v) => displayValue(v, l)), l) });
}

function constMessage(allowed: unknown, l: Locale): string {
  if (allowed === true) return t("confirm", l);
  if (allowed === null) return t("empty", l);
  return t("constValue", l, { value: displayValue(allowed, l) });
}

// ---------------------------------------------------------------------------
// Arrays
// ---------------------------------------------------------------------------

function containsMessage(params: Params, l: Locale): string {
  const min = params["minContains"];
  const max = params["maxContains"];
  if (max === undefined || max === Infinity) return t("containsMin", l, { n: typeof min === "number" ? min : 1 });
  if (min === max) return t("containsExactly", l, { n: max });
  if (min === 0 || min === undefined) return t("containsMax", l, { n: max });
  return t("containsBetween", l, { min, max });
}

function uniqueItemsMessage(params: Params, l: Locale): string {
  const i = params["i"];
  const j = params["j"];
  if (typeof i === "number" && typeof j === "number") {
    // ajv's indices count from 0 and j < i; people count rows from 1.
    return t("sameRows", l, { a: Math.min(i, j) + 1, b: Math.max(i, j) + 1 });
  }
  return t("uniqueRows", l);
}

// ---------------------------------------------------------------------------
// Schema errors
// ---------------------------------------------------------------------------

/** Message for one ajv error object (ajv 8, JSON Schema 2020-12, allErrors), in `locale`. */
export function schemaErrorMessage(
  error: { keyword: string; params: Record<string, unknown> },
  locale: Locale,
): string {
  const l = messageLocale(locale);
  const params: Params = error.params ?? {};
  const limit = params["limit"];
  switch (error.keyword) {
    case "type":
      return typeMessage(params["type"], l);

    case "required":
      return t("required", l);

    case "dependentRequired":
    case "dependencies": {
      const property = str(params["property"]);
      if (property === "") return t("required", l);
      return t("requiredWhen", l, { property: quote(property, l) });
    }

    case "minLength":
      return t(limit === 1 ? "minLength1" : "minLength", l, { n: limit });

    case "maxLength":
      return t("maxLength", l, { n: limit });

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
      return t("pattern", l);

    case "format":
      return formatMessage(params["format"], l);

    case "enum":
      return enumMessage(params["allowedValues"], l);

    case "const":
      return constMessage(params["allowedValue"], l);

    case "minItems":
      return t("minItems", l, { n: limit });

    case "maxItems":
    case "items":
    case "additionalItems":
    case "unevaluatedItems":
      // In 2020-12, `items`, `additionalItems` and `unevaluatedItems` fail
      // when an array has more items than the schema allows ({limit}).
      return limit === undefined ? t("itemsNotAllowed", l) : t("maxItems", l, { n: limit });

    case "prefixItems":
      return t("prefixItems", l);

    case "uniqueItems":
      return uniqueItemsMessage(params, l);

    case "contains":
    case "minContains":
    case "maxContains":
      return containsMessage(params, l);

    case "minProperties":
      return t("minProperties", l, { n: limit });

    case "maxProperties":
      return t("maxProperties", l, { n: limit });

    case "additionalProperties":
    case "unevaluatedProperties": {
      const name = str(params[error.keyword === "additionalProperties" ? "additionalProperty" : "unevaluatedProperty"]);
      return name === "" ? t("notInForm", l) : t("nameNotInForm", l, { name: quote(name, l) });
    }

    case "propertyNames":
      return t("nameNotAllowed", l, { name: quote(str(params["propertyName"]), l) });

    case "not":
      return t("not", l);

    case "anyOf":
      return t("noOption", l);

    case "oneOf":
      return t(Array.isArray(params["passingSchemas"]) ? "manyOptions" : "noOption", l);

    case "if":
      return t("condition", l);

    case "false schema":
      return t("notAllowedHere", l);

    case "discriminator": {
      const tag = quote(str(params["tag"]), l);
      if (params["error"] === "tag") return t("tagNotText", l, { tag });
      return t("tagValue", l, { tag, value: displayValue(params["tagValue"], l) });
    }

    case "$ref":
    case "$dynamicRef":
    case "$recursiveRef":
    default:
      return t("invalid", l);
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
  // A lookup in a register (FieldState.lookups, and the error of a lookup that failed): params {register},
  // the register's title in the form's locale (absent: "the register").
  | "lookupPending"
  | "lookupNotFound"
  | "lookupFailed"
  // A date typed in parts (readDateInput): params {field, format, missing, parts}. `field` is the
  // field's title, which these messages name, as GOV.UK's do ("Ngày sinh phải có tháng").
  | "dateMissing" // a part left empty: params.missing
  | "dateNotNumbers" // a part that is not a number
  | "yearDigits" // a year that is not four digits
  | "monthRange" // a month outside 1–12
  | "dateNotReal"; // a day the month does not have (31/02)

/** `text`, then what went wrong (`detail`) when there is something to say. */
function withDetail(text: string, detail: unknown, l: Locale): string {
  const d = str(detail).trim();
  return d === "" ? text : t("withDetail", l, { text, detail: d });
}

/** A message of the engine's own checks (see `EngineMessageCode` for each one's parameters), in `locale`. */
export function engineMessage(code: EngineMessageCode, params: Record<string, unknown>, locale: Locale): string {
  const l = messageLocale(locale);
  const p: Params = params ?? {};
  const has = (key: string): boolean => p[key] !== undefined;
  switch (code) {
    case "required":
    case "options":
    case "hiddenSubmitted":
    case "provenanceMismatch":
    case "ruleFailed":
      return t(code, l);
    case "lockMismatch":
      return has("expected") ? t("lockedValue", l, { expected: displayValue(p["expected"], l) }) : t("locked", l);
    case "computeMismatch":
      return has("expected") ? t("computedValue", l, { expected: displayValue(p["expected"], l) }) : t("computed", l);
    case "exit":
      return withDetail(t("exit", l), p["title"], l);
    case "fileType": {
      const accept = describeAccept(Array.isArray(p["accept"]) ? p["accept"].map(str) : []);
      const name = str(p["name"]);
      return name ? t("fileTypeNamed", l, { name: quote(name, l), accept }) : t("fileType", l, { accept });
    }
    case "fileTooBig": {
      const name = str(p["name"]);
      const size = typeof p["size"] === "number" ? ` (${formatBytes(p["size"], l)})` : "";
      const max = formatBytes(Number(p["max"]), l);
      return name ? t("fileTooBigNamed", l, { name: quote(name, l), size, max }) : t("fileTooBig", l, { size, max });
    }
    case "wrongProcedure":
      return t("wrongProcedure", l, { expected: quote(str(p["expected"]), l), actual: quote(str(p["actual"]), l) });
    case "wrongVersion":
      return t("wrongVersion", l, { expected: str(p["expected"]), actual: str(p["actual"]) });
    case "badEnvelope":
    case "expressionFailed":
      return withDetail(t(code, l), p["detail"], l);
    case "dateMissing":
    case "dateNotNumbers":
    case "yearDigits":
    case "monthRange":
    case "dateNotReal":
      return dateMessage(code, p, l);
    case "lookupPending":
    case "lookupNotFound":
    case "lookupFailed": {
      const register = str(p["register"]).trim() || t("theRegister", l);
      const text = t(code, l, { register });
      // "{register} could not be reached": a sentence that starts with the register starts with a capital.
      return text.charAt(0).toLocaleUpperCase(l) + text.slice(1);
    }
    default:
      return t("invalid", l);
  }
}

// ---------------------------------------------------------------------------
// A date typed in parts
// ---------------------------------------------------------------------------

/** The message of each set of missing parts, in the order they are asked. */
const MISSING: Record<string, MessageId> = {
  day: "dateMissingDay",
  month: "dateMissingMonth",
  year: "dateMissingYear",
  "day month": "dateMissingDayMonth",
  "day year": "dateMissingDayYear",
  "month year": "dateMissingMonthYear",
};

/**
 * What the messages call the date: the field's title when it reads as the subject of a sentence
 * ("Ngày sinh", "Date of birth"), else "the date". A title that asks a question, or is long, is not
 * made the subject of a sentence.
 */
function dateSubject(field: unknown, format: unknown, l: Locale): string {
  const title = str(field).replace(/[\s.:;,…]+$/u, "");
  if (title !== "" && !/[?!]$/u.test(title) && title.length <= 60) return title;
  return t(format === "year-month" ? "theMonth" : "theDate", l);
}

/** The messages of a date typed in parts (`readDateInput`), which name the field as GOV.UK's do. */
function dateMessage(code: EngineMessageCode, p: Params, l: Locale): string {
  const field = dateSubject(p["field"], p["format"], l);
  switch (code) {
    case "dateMissing": {
      const missing = (Array.isArray(p["missing"]) ? p["missing"] : []).map(str).join(" ");
      return t(Object.hasOwn(MISSING, missing) ? MISSING[missing]! : "dateNotReal", l, { field });
    }
    case "dateNotNumbers":
    case "yearDigits":
    case "monthRange":
      return t(code, l, { field });
    default:
      return t("dateNotReal", l, { field });
  }
}

// ---------------------------------------------------------------------------
// Localised text
// ---------------------------------------------------------------------------

/**
 * Picks the text for a locale from a string or `{vi, en, …}` object, by the fallback rule: the tag,
 * its language, `defaultLocale`, Vietnamese; then the first text given.
 */
export function localize(
  text: string | { readonly [locale: string]: string } | undefined,
  locale: string,
  defaultLocale?: string,
): string | undefined {
  if (text === undefined || text === null) return undefined;
  if (typeof text === "string") return text;
  if (typeof text !== "object") return undefined;
  for (const tag of localeFallbacks(locale, defaultLocale)) {
    const value = Object.hasOwn(text, tag) ? text[tag] : undefined;
    if (typeof value === "string") return value;
  }
  for (const value of Object.values(text)) {
    if (typeof value === "string") return value;
  }
  return undefined;
}
