import { html, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { FieldNode, FieldOption } from "@tokhai/core";
import type { ControlContext } from "../../field.js";
import { TkChoiceField } from "../../internal/choice-field.js";
import { best, rankWith, widgetIs, type WidgetDefinition } from "../../registry.js";
import { sameOptionValue } from "../field-select/field-select.js";

/**
 * A group of checkboxes in a fieldset, for a list of values chosen among fixed options (an array whose
 * `items` have `enum` or `oneOf` labels). The value is the array of the checked options' values, in
 * the options' order; nothing checked is `[]`, which a required list treats as empty. With a native
 * form, each checked value is submitted under the element's `name`, as native checkboxes are.
 *
 * @summary Checkboxes for a multiple choice: "select all that apply".
 * @csspart control - each `<input type="checkbox">`
 * @csspart choice - the wrapper of one checkbox and its label
 * @csspart choice-label - the `<label>` of one checkbox
 * @tagname tk-field-checkboxes
 */
export class TkFieldCheckboxes extends TkChoiceField {
  static override group = true;



  private get checkedValues(): readonly unknown[] {
    const value = this.currentValue;
    return Array.isArray(value) ? value : [];
  }

  private isChecked(option: FieldOption): boolean {
    return this.checkedValues.some((v) => sameOptionValue(v, option.value));
  }

  protected onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const changed = Number(input.value);
    const next = this.options.filter((o, i) => (i === changed ? input.checked : this.isChecked(o))).map((o) => o.value);
    this.commit(next);
  }

  protected override updated(): void {
    super.updated();
    // Several entries under one name, like native checkboxes, rather than the base's JSON text.
    const data = new FormData();
    if (this.name) for (const v of this.checkedValues) data.append(this.name, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
    this.internals.setFormValue(data);
  }

  protected renderControl(c: ControlContext): TemplateResult {
    return html`<div class="choices">
      ${this.options.map((o, i) => {
        const id = i === 0 ? c.id : `${c.id}-${i}`;
        return html`<div part="choice" class="choice">
          <input
            part="control"
            type="checkbox"
            id=${id}
            value=${i}
            .checked=${live(this.isChecked(o))}
            ?disabled=${c.disabled || c.readonly}
            aria-invalid=${c.invalid ? "true" : "false"}
            @change=${this.onChange}
          />
          <label part="choice-label" for=${id}>${o.label}</label>
        </div>`;
      })}
    </div>`;
  }
}

/** An array whose items are fixed choices (`enum`, or `oneOf`/`anyOf` of `const`s), or an array with `x-options`. */
function isMultipleChoice(node: FieldNode): boolean {
  if (node.kind !== "array") return false;
  if (node.schema["x-options"] !== undefined) return true;
  const items = node.items?.schema;
  if (!items) return false;
  if (Array.isArray(items.enum) && items.enum.length > 0) return true;
  const list = items.oneOf ?? items.anyOf;
  return Array.isArray(list) && list.length > 0 && list.every((o) => o && typeof o === "object" && "const" in o);
}

export const checkboxesWidget: WidgetDefinition = {
  tag: "tk-field-checkboxes",
  rank: best(rankWith(100, widgetIs("checkboxes")), rankWith(20, isMultipleChoice)),
};
