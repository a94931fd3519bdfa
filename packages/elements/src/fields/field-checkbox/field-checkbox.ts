import { css, html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { TkField, type ControlContext } from "../../field.js";
import { fieldStyles, themeStyles } from "../../internal/styles.js";
import { best, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

/**
 * A single checkbox for a yes/no answer, with its label after the box (GOV.UK). Checked is `true`.
 * Unchecked is `false`, except on a required field, where it is "no answer" (`undefined`): a required
 * checkbox, like a `const: true` declaration, must be checked. With a native form, a checked box
 * submits `"true"` and an unchecked one submits nothing, as `<input type="checkbox">` does.
 *
 * @summary Checkbox for a boolean field: a consent, a declaration, a yes/no option.
 * @csspart control - the `<input type="checkbox">`
 * @tagname tk-field-checkbox
 */
export class TkFieldCheckbox extends TkField {
  /** An unticked box is an answer (no): an optional checkbox is not marked as such. */
  static override marksOptional = false;
  /** The base renders label, hint, error, box, origin in that order; the grid shows the box first. */
  static override styles = [
    themeStyles,
    fieldStyles,
    css`
      .field:has(> .checkbox) {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        column-gap: 0.75rem;
        align-items: start;
      }
      .field:has(> .checkbox) > .error {
        grid-row: 1;
        grid-column: 1 / -1;
      }
      .field:has(> .checkbox) > .checkbox {
        grid-row: 2;
        grid-column: 1;
      }
      .field:has(> .checkbox) > .label {
        grid-row: 2;
        grid-column: 2;
        font-weight: 400;
        margin: 0;
        padding-top: 0.05rem;
        cursor: pointer;
      }
      .field:has(> .checkbox) > .hint {
        grid-row: 3;
        grid-column: 2;
        margin: 0.25rem 0 0;
      }
      .field:has(> .checkbox) > .origin {
        grid-row: 4;
        grid-column: 2;
      }
      .checkbox {
        width: 1.5rem;
        height: 1.5rem;
        margin: 0;
        accent-color: var(--_text);
        cursor: pointer;
      }
      .checkbox:disabled {
        cursor: default;
      }
    `,
  ];

  protected onChange(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.commit(checked ? true : this.isRequired ? undefined : false);
  }

  /** Only a checked box answers a required checkbox: unchecked (`false`) counts as empty. */
  protected override isEmpty(value: unknown): boolean {
    return value !== true;
  }

  protected override formValue(value: unknown): string | null {
    return value === true ? "true" : null;
  }

  protected renderControl(c: ControlContext): TemplateResult {
    return html`<input
      part="control"
      class="checkbox"
      type="checkbox"
      id=${c.id}
      name=${this.name || nothing}
      .checked=${live(this.currentValue === true)}
      ?required=${c.required}
      ?disabled=${c.disabled || c.readonly}
      aria-invalid=${c.invalid ? "true" : "false"}
      aria-describedby=${c.describedBy ?? nothing}
      @change=${this.onChange}
    />`;
  }
}

export const checkboxWidget: WidgetDefinition = {
  tag: "tk-field-checkbox",
  rank: best(rankWith(100, widgetIs("checkbox")), rankWith(10, typeIs("boolean"))),
};
