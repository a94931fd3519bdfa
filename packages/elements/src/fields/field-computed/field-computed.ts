import { css, html, nothing, type TemplateResult } from "lit";
import { localize } from "@tokhai/core";
import { TkField, type ControlContext } from "../../field.js";
import { chrome } from "../../i18n.js";
import { best, rankWith, widgetIs, type WidgetDefinition } from "../../registry.js";

/**
 * A value the form calculates itself (`x-compute`), such as a fee: shown, never edited. The value is
 * an `<output>` with `aria-live="polite"`, so a screen reader hears it change when the answers it
 * depends on change. A value found in one of the state's records (its expression reads one source,
 * e.g. the other party of a marriage looked up in a register by the personal ID typed) says where it
 * was found; any other says it is calculated.
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

  /** A computed value is never answered, used alone or bound: it has no required or optional mark. */
  protected override markKey(): undefined {
    return undefined;
  }

  /** The title of the one source this field's `x-compute` reads, if it reads exactly one. */
  private foundIn(): string | undefined {
    const model = this.model;
    const node = this.field.state?.node;
    if (!model || !node) return undefined;
    const compute = model.procedure.expressionsOf.get(node)?.find((e) => e.keyword === "x-compute");
    const names = new Set(compute?.sourceReads.map((r) => r.source) ?? []);
    if (names.size !== 1) return undefined;
    const [name] = names;
    return localize(model.procedure.document.sources?.[name!]?.title, this.currentLocale, model.procedure.defaultLocale) ?? name;
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const locale = this.currentLocale;
    const text = this.displayValue();
    const source = this.foundIn();
    const describedBy = [c.describedBy, "computed-note"].filter(Boolean).join(" ");
    return html`<output part="control" class="computed" id=${c.id} name=${this.name || nothing} aria-live="polite" aria-describedby=${describedBy}
        >${text || html`<span aria-hidden="true">—</span>`}</output
      >
      <p part="note" class="note" id="computed-note">${source ? chrome("fromSource", locale, { source }) : chrome("computed", locale)}</p>`;
  }
}

export const computedWidget: WidgetDefinition = {
  tag: "tk-field-computed",
  rank: best(rankWith(100, widgetIs("computed")), rankWith(50, (n) => n.schema["x-compute"] !== undefined && n.kind !== "object" && n.kind !== "array")),
};
