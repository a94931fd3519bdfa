/**
 * Reading a date typed in parts (day, month, year), as GOV.UK's date input asks for it: what the
 * citizen typed either is a date, or is nothing at all, or says precisely what is wrong and in which
 * parts. DOM-free, so that every renderer (tokhai's elements, a React form, a test) reads dates the
 * same way and reports the same localised messages (`engineMessage`, with the codes below).
 */

/** A part of a date, as the citizen types it. */
export type DatePart = "day" | "month" | "year";

/** The parts as typed (any text; a part left out is empty). */
export type DateParts = { readonly [part in DatePart]?: string };

/** What is asked: a calendar date (`YYYY-MM-DD`, format `date`) or a month of a year (`YYYY-MM`, format `year-month`). */
export type DateInputFormat = "date" | "year-month";

/** Why typed parts are not a date. Each is an `engineMessage` code. */
export type DateProblem =
  /** A part is missing (params: `missing`, the parts left empty, in order). */
  | "dateMissing"
  /** A part is not a number (params: `parts`). */
  | "dateNotNumbers"
  /** The year is not four digits (1000 to 9999). */
  | "yearDigits"
  /** The month is not 1 to 12. */
  | "monthRange"
  /** The day is not a day of that month (31/02, 0/05, 32/01). */
  | "dateNotReal";

/** What typed parts are. */
export type DateInput =
  | { readonly state: "empty" }
  | { readonly state: "value"; readonly value: string }
  | {
      readonly state: "bad";
      readonly code: DateProblem;
      /** The parts in error, in the order they are asked (to highlight and to focus). */
      readonly parts: readonly DatePart[];
      /** The message's parameters (`engineMessage(code, params, locale)`, with `field` added). */
      readonly params: { readonly format: DateInputFormat; readonly missing?: readonly DatePart[]; readonly parts: readonly DatePart[] };
    };

/** The parts asked for a format, in the order they are shown in every locale. */
export function datePartsOf(format: DateInputFormat): readonly DatePart[] {
  return format === "year-month" ? ["month", "year"] : ["day", "month", "year"];
}

const SPACES = /[\s\u00a0\u202f]+/g;
const DIGITS = /^\d+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_YEAR_MONTH = /^(\d{4})-(\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads typed parts. Spaces are ignored, and leading zeros are optional (`5` is May). Every part
 * empty is no value (`empty`), so that a required field reports "required" as any other; otherwise
 * the first problem, in this order: a missing part, a part that is not a number, a year that is not
 * four digits, a month outside 1–12, a day the month does not have.
 */
export function readDateInput(parts: DateParts, format: DateInputFormat = "date"): DateInput {
  const asked = datePartsOf(format);
  const text: Partial<Record<DatePart, string>> = {};
  for (const part of asked) text[part] = String(parts[part] ?? "").replace(SPACES, "");
  const missing = asked.filter((p) => text[p] === "");
  if (missing.length === asked.length) return { state: "empty" };
  const bad = (code: DateProblem, inError: readonly DatePart[], extra: { missing?: readonly DatePart[] } = {}): DateInput => ({
    state: "bad",
    code,
    parts: inError,
    params: { format, parts: inError, ...extra },
  });
  if (missing.length > 0) return bad("dateMissing", missing, { missing });
  const notNumbers = asked.filter((p) => !DIGITS.test(text[p]!));
  if (notNumbers.length > 0) return bad("dateNotNumbers", notNumbers);
  const year = Number(text.year);
  if (text.year!.length !== 4 || year < 1000) return bad("yearDigits", ["year"]);
  const month = Number(text.month);
  if (month < 1 || month > 12) return bad("monthRange", ["month"]);
  const mm = String(month).padStart(2, "0");
  if (format === "year-month") return { state: "value", value: `${text.year}-${mm}` };
  const day = Number(text.day);
  if (day < 1 || day > daysIn(year, month)) return bad("dateNotReal", ["day"]);
  return { state: "value", value: `${text.year}-${mm}-${String(day).padStart(2, "0")}` };
}

/**
 * The parts of a value, to show it in the inputs: `2026-02-01` → day `01`, month `02`, year `2026`
 * (`2024-05` for a month of a year). Anything else shows as empty parts.
 */
export function datePartsOfValue(value: unknown, format: DateInputFormat = "date"): DateParts {
  if (typeof value !== "string") return {};
  if (format === "year-month") {
    const m = ISO_YEAR_MONTH.exec(value);
    return m ? { month: m[2]!, year: m[1]! } : {};
  }
  const m = ISO_DATE.exec(value);
  return m ? { day: m[3]!, month: m[2]!, year: m[1]! } : {};
}
