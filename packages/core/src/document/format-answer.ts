/**
 * An answer as text for the declaration: the label of a choice (never its code), yes or no, dates as
 * the locale writes them (`07/12/2026`, `7 December 2026`), months of a year, moments, numbers with the
 * locale's separators (`135.000`), a file by its name, a list item by item. Whatever else the data holds
 * (an envelope not validated against this procedure) is written out as JSON text, never dropped.
 */
import { formatDate, formatDateTime, formatList, formatNumber, formatTime, formatYearMonth } from "../intl.js";
import type { Locale } from "../locale.js";
import type { FieldOption } from "../types.js";
import { documentText } from "./document-messages.js";

/** The same JSON value (options may be objects): compared by their JSON text. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An answer as text; "" for no answer. `format` is the schema's `format` (of the items, for a list). */
export function formatAnswer(value: unknown, locale: Locale, options: readonly FieldOption[] = [], format: string | undefined, timeZone: string): string {
  if (value === undefined || value === null || value === "") return "";
  const option = options.find((o) => sameValue(o.value, value));
  if (option) return option.label;
  if (typeof value === "boolean") return documentText(value ? "yes" : "no", locale);
  if (typeof value === "number") return Number.isFinite(value) ? formatNumber(value, locale, { maximumFractionDigits: 20 }) : String(value);
  if (typeof value === "string") {
    switch (format) {
      case "date":
        return formatDate(value, locale);
      case "year-month":
        return formatYearMonth(value, locale);
      case "date-time":
        return formatDateTime(value, locale, timeZone);
      case "time":
        return formatTime(value, locale);
      default:
        return value;
    }
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => formatAnswer(v, locale, options, format, timeZone)).filter((t) => t !== "");
    return items.length > 0 ? formatList(items, locale) : "";
  }
  const name = (value as { name?: unknown }).name;
  if (typeof name === "string" && typeof (value as { type?: unknown }).type === "string") return name; // a file
  return JSON.stringify(value);
}
