import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { property } from "lit/decorators.js";
import { schemaErrorMessage } from "@tokhai/core";
import { TkField, type ControlContext } from "../../field.js";
import { and, formatIs, NOT_APPLICABLE, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date, with the browser's date picker. The value is `YYYY-MM-DD`; an empty field is `undefined`.
 *
 * @summary Date input for a `format: "date"` field: a birth date, a move-in date.
 * @csspart control - the `<input type="date">`
 * @tagname tk-field-date
 */
export class TkFieldDate extends TkField {
  /** Standalone: earliest date, `YYYY-MM-DD`. Bound fields use the schema's `formatMinimum`. */
  @property() min?: string;
  /** Standalone: latest date, `YYYY-MM-DD`. Bound fields use the schema's `formatMaximum`. */
  @property() max?: string;

  protected get minDate(): string | undefined {
    const m = this.fieldState?.node.schema["formatMinimum"];
    return typeof m === "string" && isIsoDate(m) ? m : this.min;
  }

  protected get maxDate(): string | undefined {
    const m = this.fieldState?.node.schema["formatMaximum"];
    return typeof m === "string" && isIsoDate(m) ? m : this.max;
  }

  protected onInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.commit(text === "" ? undefined : text, "input");
  }

  protected onChange(): void {
    this.dispatchEvent(new Event("change", { bubbles: true }));
  }

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

  protected renderControl(c: ControlContext): TemplateResult {
    const value = this.currentValue;
    return html`<input
      part="control"
      class="control"
      id=${c.id}
      name=${this.name || nothing}
      type="date"
      .value=${live(typeof value === "string" && ISO_DATE.test(value) ? value : "")}
      min=${this.minDate ?? nothing}
      max=${this.maxDate ?? nothing}
      ?required=${c.required}
      ?readonly=${c.readonly}
      ?disabled=${c.disabled}
      aria-invalid=${c.invalid ? "true" : "false"}
      aria-describedby=${c.describedBy ?? nothing}
      @input=${this.onInput}
      @change=${this.onChange}
    />`;
  }
}

export const dateWidget: WidgetDefinition = {
  tag: "tk-field-date",
  rank: (n) => Math.max(rankWith(100, widgetIs("date"))(n), rankWith(10, and(typeIs("string", "any"), formatIs("date")))(n), NOT_APPLICABLE),
};
