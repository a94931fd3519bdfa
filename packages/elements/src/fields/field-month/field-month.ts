import { schemaErrorMessage, YEAR_MONTH, type DateInputFormat } from "@tokhai/core";
import { TkDatePartsField } from "../../internal/date-parts-field.js";
import { and, best, formatIs, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

/**
 * A month of a year ("since 05/2024"), typed as GOV.UK asks for one: Month and Year (Tháng, Năm), two
 * text inputs with a numeric keyboard, in a fieldset whose legend is the field's title. The value is
 * `YYYY-MM`, tokhai's `year-month` format; both parts empty is `undefined`.
 *
 * As `tk-field-date` does, it says what cannot be a month precisely (a missing part, a month outside
 * 1–12, a year that is not four digits), leaves the field without a value meanwhile and reports the
 * problem to the form (`setBadInput`), with only the inputs in error `aria-invalid`.
 *
 * @summary Month-and-year input for a `format: "year-month"` field: since when, a period of work.
 * @csspart control - each of the two inputs (also `month` and `year`)
 * @csspart date-label - the label of each input (Tháng, Năm)
 * @tagname tk-field-month
 */
export class TkFieldMonth extends TkDatePartsField {
  protected readonly dateFormat: DateInputFormat = "year-month";

  protected override constraintError(value: unknown): { flags: ValidityStateFlags; message: string } | undefined {
    if (typeof value === "string" && YEAR_MONTH.test(value)) return undefined;
    return { flags: { badInput: true }, message: schemaErrorMessage({ keyword: "format", params: { format: "year-month" } }, this.currentLocale) };
  }
}

export const monthWidget: WidgetDefinition = {
  tag: "tk-field-month",
  rank: best(rankWith(100, widgetIs("month")), rankWith(10, and(typeIs("string", "any"), formatIs("year-month")))),
};
