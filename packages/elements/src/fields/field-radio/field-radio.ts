import { html, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { ControlContext } from "../../field.js";
import { TkChoiceField } from "../../internal/choice-field.js";
import { best, choiceCount, hasChoices, rankWith, widgetIs, type WidgetDefinition } from "../../registry.js";
import { optionIndex } from "../field-select/field-select.js";

let instances = 0;

/**
 * A group of radio buttons in a fieldset whose legend is the field's label. The radios share a name
 * unique to the element, so arrow keys move between them natively and several groups never clash.
 *
 * @summary Radio buttons for a field with a few choices (four or fewer).
 * @csspart control - each `<input type="radio">`
 * @csspart choice - the wrapper of one radio and its label
 * @csspart choice-label - the `<label>` of one radio
 * @tagname tk-field-radio
 */
export class TkFieldRadio extends TkChoiceField {
  static override group = true;

  private readonly radioName = `tk-radio-${++instances}`;


  protected onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (!input.checked) return;
    this.commit(this.options[Number(input.value)]?.value);
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const options = this.options;
    const selected = optionIndex(options, this.currentValue);
    return html`<div class="choices">
      ${options.map((o, i) => {
        const id = i === 0 ? c.id : `${c.id}-${i}`;
        return html`<div part="choice" class="choice">
          <input
            part="control"
            type="radio"
            id=${id}
            name=${this.radioName}
            value=${i}
            .checked=${live(selected === i)}
            ?required=${c.required}
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

export const radioWidget: WidgetDefinition = {
  tag: "tk-field-radio",
  rank: best(rankWith(100, widgetIs("radio")), rankWith(11, (m) => hasChoices(m) && choiceCount(m) <= 4 && m.kind !== "array" && m.kind !== "boolean")),
};
