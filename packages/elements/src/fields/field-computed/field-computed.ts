import { css, html, nothing, type TemplateResult } from "lit";
import { TkField, type ControlContext } from "../../field.js";
import { chrome } from "../../i18n.js";
import { NOT_APPLICABLE, widgetIs, type WidgetDefinition } from "../../registry.js";

/**
 * A value the form calculates itself (`x-compute`), such as a fee: shown, never edited. The value is
 * an `<output>` with `aria-live="polite"`, so a screen reader hears it change when the answers it
 * depends on change.
 *
 * @summary Read-only calculated value (lệ phí, tổng số…).
 * @csspart control - the `<output>` holding the value
 * @csspart note - the "calculated automatically" note
 * @tagname tk-field-computed
 */
export class TkFieldComputed extends TkField {
  static override styles = [
    ...TkField.styles,
    css`
      .computed {
        display: block;
        box-sizing: border-box;
        max-width: var(--tk-field-max-width, 32rem);
        padding: 0.3rem 0;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .note {
        color: var(--_muted);
        font-size: 0.875em;
        margin: 0.25rem 0 0;
      }
    `,
  ];

  protected renderControl(c: ControlContext): TemplateResult {
    const locale = this.currentLocale;
    const text = this.displayValue();
    const describedBy = [c.describedBy, "computed-note"].filter(Boolean).join(" ");
    return html`<output part="control" class="computed" id=${c.id} name=${this.name || nothing} aria-live="polite" aria-describedby=${describedBy}
        >${text || html`<span aria-hidden="true">—</span>`}</output
      >
      <p part="note" class="note" id="computed-note">${chrome("computed", locale)}</p>`;
  }
}

export const computedWidget: WidgetDefinition = {
  tag: "tk-field-computed",
  rank: (n) => (widgetIs("computed")(n) ? 100 : n.schema["x-compute"] !== undefined && n.kind !== "object" && n.kind !== "array" ? 50 : NOT_APPLICABLE),
};
