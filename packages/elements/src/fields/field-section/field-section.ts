import { css, type PropertyValues } from "lit";
import { appendPointer, type FieldNode, type FieldState, type Form } from "@tokhai/core";
import { TkContainerField } from "../../internal/container-field.js";
import { createField } from "../../internal/render-field.js";
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
  static override styles = [
    ...TkContainerField.styles,
    css`
      /* Off-screen sections skip style, layout and paint until scrolled to (they stay in the
         accessibility tree, searchable and focusable): a form of thousands of fields paints and shows
         its errors as fast as a short one. The estimate keeps the scrollbar honest until then. */
      :host {
        content-visibility: auto;
        contain-intrinsic-size: auto var(--tk-section-estimate, 30rem);
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
      this.style.setProperty("--tk-section-estimate", `${estimateHeight(node)}rem`);
    }
  }

  private estimated?: FieldNode;

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

/** A rough height for a section not yet laid out: about 6rem per field inside, 4rem per group. */
function estimateHeight(node: FieldNode): number {
  let height = 4;
  for (const child of node.properties?.values() ?? []) height += child.properties ? estimateHeight(child) : 6;
  return height;
}

export const sectionWidget: WidgetDefinition = {
  tag: "tk-field-section",
  rank: best(rankWith(100, widgetIs("section")), rankWith(1, (n) => n.kind === "object" && !!n.properties)),
};
