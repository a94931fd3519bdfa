import { property } from "lit/decorators.js";
import { readDateInput, schemaErrorMessage, type DateInputFormat } from "@tokhai/core";
import { TkDatePartsField } from "../../internal/date-parts-field.js";
import { and, best, formatIs, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const read = readDateInput({ day: m[3]!, month: m[2]!, year: m[1]! }, "date");
  return read.state === "value" && read.value === text;
}

/**
 * A date, typed as GOV.UK's date input asks for it: Day, Month and Year (Ngày, Tháng, Năm), three
 * text inputs with a numeric keyboard, in that order in every locale, inside a fieldset whose legend
 * is the field's title. The value is `YYYY-MM-DD`; every part empty is `undefined`.
 *
 * What cannot be a date is said precisely: a missing part ("Ngày sinh phải có tháng"), a year that is
 * not four digits ("Năm phải gồm 4 chữ số"), a month outside 1–12, a day the month does not have
 * ("Ngày sinh phải là một ngày có thật"), a part that is not a number. The field has no value
 * meanwhile, and the form reports the problem when it is validated (the model's `setBadInput`); only
 * the inputs in error are `aria-invalid`, and focusing the element focuses the first of them.
 *
 * @summary Date input for a `format: "date"` field: a birth date, a move-in date.
 * @csspart control - each of the three inputs (also `day`, `month` and `year`)
 * @csspart date-label - the label of each input (Ngày, Tháng, Năm)
 * @tagname tk-field-date
 */
export class TkFieldDate extends TkDatePartsField {
  protected readonly dateFormat: DateInputFormat = "date";

  /** Standalone: earliest date, `YYYY-MM-DD`. Bound fields use the schema's `formatMinimum`. */
  @property() min?: string;
  /** Standalone: latest date, `YYYY-MM-DD`. Bound fields use the schema's `formatMaximum`. */
  @property() max?: string;

  protected override constraintError(value: unknown): { flags: ValidityStateFlags; message: string } | undefined {
    const locale = this.currentLocale;
    if (typeof value !== "string" || !isIsoDate(value)) {
      return { flags: { badInput: true }, message: schemaErrorMessage({ keyword: "format", params: { format: "date" } }, locale) };
    }
    if (this.min && value < this.min) {
      return { flags: { rangeUnderflow: true }, message: schemaErrorMessage({ keyword: "formatMinimum", params: { limit: this.min, comparison: ">=" } }, locale) };
    }
    if (this.max && value > this.max) {
      return { flags: { rangeOverflow: true }, message: schemaErrorMessage({ keyword: "formatMaximum", params: { limit: this.max, comparison: "<=" } }, locale) };
    }
    return undefined;
  }
}

export const dateWidget: WidgetDefinition = {
  tag: "tk-field-date",
  rank: best(rankWith(100, widgetIs("date")), rankWith(10, and(typeIs("string", "any"), formatIs("date")))),
};
