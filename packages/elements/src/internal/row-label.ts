import type { FieldState, Locale } from "@tokhai/core";
import { chrome } from "../i18n.js";

/**
 * The label of a row of a repeatable group, as the group's legend, the review page and the error
 * summary all show it: the row's title from its array's `x-row-title` (the member's name), else its
 * position, "Mục 2" / "Item 2".
 */
export function rowLabel(row: FieldState | undefined, index: number, locale: Locale): string {
  return row?.rowTitle ?? chrome("row", locale, { n: index + 1 });
}
