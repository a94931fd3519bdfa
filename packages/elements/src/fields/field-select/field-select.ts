import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { FieldOption } from "@tokhai/core";
import type { ControlContext } from "../../field.js";
import { TkChoiceField } from "../../internal/choice-field.js";
import { chrome } from "../../i18n.js";
import { and, best, hasChoices, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

/** Whether two option values are the same: `===`, or equal JSON for objects and arrays. */
export function sameOptionValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Position of `value` among `options`, or -1. Option values may be any JSON, so controls carry indices. */
export function optionIndex(options: readonly FieldOption[], value: unknown): number {
  if (value === undefined || value === null) return -1;
  return options.findIndex((o) => sameOptionValue(o.value, value));
}

/**
 * A drop-down list. Option values can be strings, numbers, booleans or objects: the `<option>`s carry
 * their index, and the element maps it back to the value.
 *
 * A field with more than twenty fixed choices, or with `x-options`, is a searchable combobox
 * (`tk-field-combobox`) instead, unless its `x-widget` says `select`.
 *
 * @summary Drop-down list for a field with five to twenty fixed choices (enum, `oneOf` labels), or `x-widget: "select"`.
 * @csspart control - the `<select>`
 * @tagname tk-field-select
 */
export class TkFieldSelect extends TkChoiceField {


  protected onChange(event: Event): void {
    const index = (event.target as HTMLSelectElement).value;
    this.commit(index === "" ? undefined : this.options[Number(index)]?.value);
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const options = this.options;
    const selected = optionIndex(options, this.currentValue);
    return html`<select
      part="control"
      class="control"
      id=${c.id}
      name=${this.name || nothing}
      ?required=${c.required}
      ?disabled=${c.disabled || c.readonly}
      aria-invalid=${c.invalid ? "true" : "false"}
      aria-describedby=${c.describedBy ?? nothing}
      @change=${this.onChange}
    >
      <option value="" .selected=${live(selected === -1)}>${chrome("select", this.currentLocale)}</option>
      ${options.map((o, i) => html`<option value=${i} .selected=${live(selected === i)}>${o.label}</option>`)}
    </select>`;
  }
}

export const selectWidget: WidgetDefinition = {
  tag: "tk-field-select",
  rank: best(rankWith(100, widgetIs("select")), rankWith(10, and(hasChoices, typeIs("string", "number", "integer", "any")))),
};
