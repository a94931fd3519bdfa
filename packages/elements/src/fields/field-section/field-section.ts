import { css, html, nothing, type TemplateResult } from "lit";
import { appendPointer, type FieldState } from "@tokhai/core";
import { TkField } from "../../field.js";
import { renderField } from "../../internal/render-field.js";
import { NOT_APPLICABLE, widgetIs, type WidgetDefinition } from "../../registry.js";

/**
 * A section: an object field shown as a fieldset whose legend is the object's title, holding one
 * element per property.
 *
 * @summary Group of fields for an object (người yêu cầu, địa chỉ…).
 * @csspart field - the `<fieldset>`
 * @csspart label - the `<legend>`
 * @tagname tk-field-section
 */
export class TkFieldSection extends TkField {
  protected override get renderChildren(): boolean {
    return true;
  }

  static override group = true;
  static override styles = [
    ...TkField.styles,
    css`
      legend {
        font-size: 1.25em;
        margin-bottom: 0.75rem;
      }
      .children {
        display: block;
      }
    `,
  ];

  /** A section re-renders for its own title, hint, visibility and errors, not for the values inside it. */
  protected override stateChanged(previous: FieldState, next: FieldState): boolean {
    return (
      previous.visible !== next.visible ||
      previous.title !== next.title ||
      previous.description !== next.description ||
      previous.errors !== next.errors ||
      previous.required !== next.required
    );
  }

  protected override renderControl(): TemplateResult | typeof nothing {
    const s = this.fieldState;
    if (!s || !this.model || this.pointer === undefined) return nothing;
    if (!this.registry) return html`<p class="error">tokhai: a section needs a widget registry.</p>`;
    const names = [...(s.node.properties?.keys() ?? [])];
    return html`<div class="children">${names.map((name) => renderField(this.model!, appendPointer(this.pointer!, name), this.registry!))}</div>`;
  }
}

export const sectionWidget: WidgetDefinition = {
  tag: "tk-field-section",
  rank: (n) => (widgetIs("section")(n) ? 100 : n.kind === "object" && n.properties ? 1 : NOT_APPLICABLE),
};
