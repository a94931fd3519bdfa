import type { FieldOption, Locale } from "@tokhai/core";
import { chrome } from "../i18n.js";

const CALENDAR = new Map<string | undefined, RegExp>([
  ["date", /^(\d{4})-(\d{2})-(\d{2})$/],
  ["year-month", /^(\d{4})-(\d{2})$/],
]);

/** A value as text for people: option labels, yes/no, dates (`15/03/2026`, `15 March 2026`), months of a year (`05/2024`, `May 2024`), numbers, file names, lists. */
export function formatValue(value: unknown, locale: Locale, options: readonly FieldOption[] = [], format?: string): string {
  if (value === undefined || value === null || value === "") return "";
  const key = typeof value === "object" ? JSON.stringify(value) : undefined;
  const option = options.find((o) => o.value === value || (key !== undefined && typeof o.value === "object" && JSON.stringify(o.value) === key));
  if (option) return option.label;
  if (typeof value === "boolean") return chrome(value ? "yes" : "no", locale);
  // A date (YYYY-MM-DD) or a month of a year (YYYY-MM), as the locale writes it.
  const calendar = typeof value === "string" ? CALENDAR.get(format)?.exec(value) : null;
  if (calendar) {
    const [, y, m, d] = calendar as unknown as [string, string, string, string | undefined];
    return locale === "vi"
      ? [d, m, y].filter(Boolean).join("/")
      : new Date(Date.UTC(Number(y), Number(m) - 1, Number(d ?? 1))).toLocaleDateString("en-GB", { ...(d ? { day: "numeric" } : {}), month: "long", year: "numeric", timeZone: "UTC" });
  }
  if (typeof value === "number") return new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN").format(value);
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
