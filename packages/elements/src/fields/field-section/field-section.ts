import { css, type PropertyValues } from "lit";
import { appendPointer, type FieldNode, type FieldState, type Form } from "@tokhai/core";
import { TkContainerField } from "../../internal/container-field.js";
import { estimateHeight } from "../../internal/estimate.js";
import { createField } from "../../internal/render-field.js";
import { revealLater } from "../../internal/reveal.js";
import { best, rankWith, widgetIs, type WidgetDefinition, type WidgetRegistry } from "../../registry.js";

/**
 * A section: an object field shown as a fieldset whose legend is the object's title, holding one
 * element per property.
 *
 * @summary Group of fields for an object (người yêu cầu, địa chỉ…).
 * @csspart field - the `<fieldset>`
 * @csspart label - the `<legend>`
 * @tagname tk-field-section
 */
export class TkFieldSection extends TkContainerField {
  /** Always there (an object is never missing): its fields say which of them are optional. */
  static override marksOptional = false;
  /**
   * Off-screen sections skip style, layout and paint for the first paint (searchable and focusable
   * meanwhile), then are shown for good in idle time (`revealLater`): skipped content is not in
   * Chromium's accessibility tree. The estimate (`--tk-section-estimate`) keeps the scrollbar honest
   * until then, and the clip margin keeps the focus ring of a control at the section's edge visible
   * (paint containment clips).
   */
  static override styles = [
    ...TkContainerField.styles,
    css`
      :host {
        content-visibility: auto;
        contain-intrinsic-size: auto var(--tk-section-estimate, 30rem);
        overflow-clip-margin: 0.25rem;
      }
      @media print {
        :host {
          content-visibility: visible;
        }
      }
      legend {
        font-size: 1.25em;
        margin-bottom: 0.75rem;
      }
      .children {
        display: block;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const node = this.fieldState?.node;
    if (node && node !== this.estimated) {
      this.estimated = node;
      this.style.setProperty("--tk-section-estimate", `${estimateHeight([node])}rem`);
    }
  }

  private estimated?: FieldNode;

  /** Skipped while off screen for the first paint, then shown for good (see revealLater). */
  protected override firstUpdated(): void {
    revealLater(this);
  }

  private childBinding?: { model: Form; pointer: string; registry: WidgetRegistry; el: HTMLElement };

  /** The container of the property elements, created once per binding (the properties never change). */
  protected override renderChildFields(state: FieldState, model: Form, pointer: string, registry: WidgetRegistry): HTMLElement {
    const node = state.node;
    const c = this.childBinding;
    if (c && c.model === model && c.pointer === pointer && c.registry === registry) return c.el;
    const el = document.createElement("div");
    el.className = "children";
    for (const name of node.properties?.keys() ?? []) el.append(createField(model, appendPointer(pointer, name), registry));
    this.childBinding = { model, pointer, registry, el };
    return el;
  }
}

export const sectionWidget: WidgetDefinition = {
  tag: "tk-field-section",
  rank: best(rankWith(100, widgetIs("section")), rankWith(1, (n) => n.kind === "object" && !!n.properties)),
};
