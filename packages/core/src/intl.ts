/**
 * Numbers, amounts of money, dates and times for people, in a locale, through `Intl`: the one
 * formatter of core's messages, the elements (review page, computed values, draft notice) and a
 * portal. Vietnamese writes dates as `07/12/2026`; English (`en` alone is British English, as the
 * messages are) as `7 December 2026`; any other locale as `Intl` writes it there, with the month in
 * words (`7 décembre 2026`).
 */
import { canonicalLocale, DEFAULT_LOCALE, type Locale } from "./locale.js";

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat | Intl.PluralRules>();

/** One `Intl` formatter per locale and options, made on first use. */
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat | Intl.PluralRules>(key: string, make: () => F): F {
  let f = formats.get(key) as F | undefined;
  if (f === undefined) {
    if (formats.size >= 256) formats.clear();
    f = make();
    formats.set(key, f);
  }
  return f;
}

/**
 * The locale `Intl` formats a tag in: the tag itself, except `en` alone, which is British English
 * (`en-GB`: "7 December 2026", 24-hour times), and a tag that is not well-formed, which is Vietnamese.
 */
export function intlLocale(locale: Locale): string {
  const tag = canonicalLocale(locale) ?? DEFAULT_LOCALE;
  return tag === "en" ? "en-GB" : tag;
}

function isVietnamese(tag: string): boolean {
  return tag === "vi" || tag.startsWith("vi-");
}

/** A number: `1.500.000,5` in Vietnamese, `1,500,000.5` in English. `options` as `Intl.NumberFormat`'s. */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  const tag = intlLocale(locale);
  return cached(`n|${tag}|${options ? JSON.stringify(options) : ""}`, () => new Intl.NumberFormat(tag, options)).format(value);
}

/** An amount of money, Vietnamese đồng unless `currency` (ISO 4217) says otherwise: `20.000 ₫`, `₫20,000`. */
export function formatMoney(amount: number, locale: Locale, currency = "VND"): string {
  return formatNumber(amount, locale, { style: "currency", currency });
}

/** @internal */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** @internal */
export const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** The date an ISO `YYYY-MM-DD` names, at midnight UTC; undefined unless it is a real date. */
function isoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  date.setUTCFullYear(y); // years 0–99 are not 1900–1999
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

/**
 * A date: an ISO date (`2026-12-07`, the calendar date as written) or a `Date` (in `timeZone`, by
 * default the runtime's). `07/12/2026` in Vietnamese, `7 December 2026` in English. A text that is
 * not a real ISO date is returned as it is.
 */
export function formatDate(value: string | Date, locale: Locale, timeZone?: string): string {
  const date = typeof value === "string" ? isoDate(value) : value;
  if (date === undefined || Number.isNaN(date.getTime())) return String(value);
  const zone = typeof value === "string" ? "UTC" : timeZone;
  const tag = intlLocale(locale);
  const style = isVietnamese(tag) ? "numeric" : "long";
  return cached(`d|${tag}|${style}|${zone ?? ""}`, () =>
    new Intl.DateTimeFormat(tag, {
      day: style === "numeric" ? "2-digit" : "numeric",
      month: style === "numeric" ? "2-digit" : "long",
      year: "numeric",
      ...(zone ? { timeZone: zone } : {}),
    }),
  ).format(date);
}

/** @internal */
export const ISO_YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A month of a year, ISO `YYYY-MM` (tokhai's `year-month` format): `05/2024` in Vietnamese (as its
 * dates are written, where `Intl` would say "tháng 05, 2024"), `May 2024` in English, and as `Intl`
 * writes a month and year in any other locale (`mai 2024`). A text that is not one is returned as it is.
 */
export function formatYearMonth(value: string, locale: Locale): string {
  const m = ISO_YEAR_MONTH.exec(value);
  const month = m ? Number(m[2]) : 0;
  if (m === null || month < 1 || month > 12) return value;
  const tag = intlLocale(locale);
  if (isVietnamese(tag)) return `${m[2]}/${m[1]}`;
  const date = new Date(Date.UTC(2000, month - 1, 1));
  date.setUTCFullYear(Number(m[1]));
  return cached(`ym|${tag}`, () => new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "UTC" })).format(date);
}

/**
 * A time of day written as ISO `HH:MM[:SS]` (an offset is not shown): `14:30`, `14:30:15` when the
 * seconds are not zero. A text that is not one is returned as it is.
 */
export function formatTime(value: string, locale: Locale): string {
  const m = ISO_TIME.exec(value);
  if (m === null) return value;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return value;
  const tag = intlLocale(locale);
  const seconds = s !== 0;
  return cached(`t|${tag}|${seconds}`, () =>
    new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), timeZone: "UTC" }),
  ).format(Date.UTC(1970, 0, 1, h, min, s));
}

/**
 * A moment, with the date in figures: `14:30 07/12/2026` in Vietnamese, `07/12/2026, 14:30` in
 * English. A `Date`, or a text `Date` reads (an ISO date-time), shown in `timeZone` (by default the
 * runtime's). A text that is no moment is returned as it is.
 */
export function formatDateTime(value: string | Date, locale: Locale, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const tag = intlLocale(locale);
  return cached(`dt|${tag}|${timeZone ?? ""}`, () =>
    new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric", ...(timeZone ? { timeZone } : {}) }),
  ).format(date);
}

/** Items joined as the locale joins a list: `a, b hoặc c`, `a, b or c` (`disjunction`), `a, b và c`. */
export function formatList(items: readonly string[], locale: Locale, type: "conjunction" | "disjunction" = "conjunction"): string {
  const tag = intlLocale(locale);
  return cached(`l|${tag}|${type}`, () => new Intl.ListFormat(tag, { type })).format(items);
}

/** @internal The plural category of `n` in a locale (`one`, `other`…), as `Intl.PluralRules` says. */
export function pluralOf(n: number, locale: Locale): Intl.LDMLPluralRule {
  const tag = intlLocale(locale);
  return cached(`p|${tag}`, () => new Intl.PluralRules(tag)).select(n);
}
