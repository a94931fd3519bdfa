import { formatDate, formatNumber, formatYearMonth, type FieldOption, type Locale } from "@tokhai/core";
import { chrome } from "../i18n.js";

/** A value as text for people: option labels, yes/no, dates (`15/03/2026`, `15 March 2026`), months of a year (`05/2024`, `May 2024`), numbers, file names, lists. */
export function formatValue(value: unknown, locale: Locale, options: readonly FieldOption[] = [], format?: string): string {
  if (value === undefined || value === null || value === "") return "";
  const key = typeof value === "object" ? JSON.stringify(value) : undefined;
  const option = options.find((o) => o.value === value || (key !== undefined && typeof o.value === "object" && JSON.stringify(o.value) === key));
  if (option) return option.label;
  if (typeof value === "boolean") return chrome(value ? "yes" : "no", locale);
  if (format === "date" && typeof value === "string") return formatDate(value, locale);
  if (format === "year-month" && typeof value === "string") return formatYearMonth(value, locale);
  if (typeof value === "number") return formatNumber(value, locale);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, locale, options, format)).join(", ");
  if (typeof value === "object") {
    const name = (value as { name?: unknown }).name;
    return typeof name === "string" ? name : JSON.stringify(value);
  }
  return String(value);
}

/** Finds an element by selector through open shadow roots (for focusing a field from the error summary). */
export function deepQuery(root: ParentNode, selector: string): HTMLElement | undefined {
  const direct = root.querySelector<HTMLElement>(selector);
  if (direct) return direct;
  for (const el of root.querySelectorAll<HTMLElement>("*")) {
    if (el.shadowRoot) {
      const found = deepQuery(el.shadowRoot, selector);
      if (found) return found;
    }
  }
  return undefined;
}
