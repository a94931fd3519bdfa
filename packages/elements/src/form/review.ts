/**
 * The review page of `<tk-form>` ("check your answers"): every answer of every step, each with a link
 * back to its field.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { appendPointer, fieldNode, type FieldNode, type Form, type Locale } from "@tokhai/core";
import { chrome } from "../i18n.js";
import { formatValue } from "../internal/format.js";

/** What the review page shows, and what its change links do. */
export interface ReviewView {
  readonly model: Form;
  readonly locale: Locale;
  /** The steps, in order: their titles and the pointers they show. */
  readonly steps: readonly { readonly title: string; readonly pointers: readonly string[] }[];
  /** A change link: show step `index` and focus the field at `pointer`. */
  change(index: number, pointer: string): void;
}

/**
 * One answer: [pointer to change, label, text, verified, fixed]. A fixed answer (locked, computed or
 * read-only) cannot be changed: it has no change link.
 */
type Answer = [string, string, string, boolean, boolean];

/** The answers of a node, as review rows. */
function answers(view: ReviewView, node: FieldNode, pointer: string, prefix: string, out: Answer[]): void {
  const { model, locale } = view;
  const state = model.field(pointer);
  if (!state.visible) return;
  const title = state.title ?? pointer;
  if (node.schema["x-widget"] === "file" || (!node.properties && !node.items)) {
    out.push([pointer, prefix + title, formatValue(state.value, locale, state.options ?? [], node.schema.format), state.locked, state.readonly]);
    return;
  }
  if (node.properties) {
    for (const [name, child] of node.properties) answers(view, child, appendPointer(pointer, name), prefix, out);
    return;
  }
  const rows = Array.isArray(state.value) ? state.value.length : 0;
  if (node.items && !node.items.properties && !node.items.items) {
    out.push([pointer, prefix + title, formatValue(state.value, locale, state.options ?? [], node.items.schema.format), state.locked, state.readonly]);
    return;
  }
  for (let i = 0; i < rows; i++) answers(view, node.items!, `${pointer}/${i}`, `${prefix}${title} — ${chrome("row", locale, { n: i + 1 })}: `, out);
}

/** The review page. */
export function renderReview(view: ReviewView): TemplateResult {
  const { model, locale } = view;
  return html`<section part="review" aria-labelledby="step-title">
    <h2 id="step-title" tabindex="-1">${chrome("reviewTitle", locale)}</h2>
    ${view.steps.map((step, index) => {
      const rows: Answer[] = [];
      for (const p of step.pointers) {
        const node = fieldNode(model.procedure, p);
        if (node) answers(view, node, p, "", rows);
      }
      if (rows.length === 0) return nothing;
      return html`<h3>${step.title}</h3>
        <dl>
          ${rows.map(
            ([pointer, label, text, verified, fixed]) => html`<div class="answer">
              <dt>${label}</dt>
              <dd>${text || chrome("noAnswer", locale)}${verified ? html` <span class="verified">✔ ${chrome("verified", locale)}</span>` : nothing}</dd>
              ${fixed
                ? nothing
                : html`<dd class="change">
                    <a
                      href="#"
                      @click=${(event: Event) => {
                        event.preventDefault();
                        view.change(index, pointer);
                      }}
                      >${chrome("change", locale)}<span class="visually-hidden"> ${label}</span></a
                    >
                  </dd>`}
            </div>`,
          )}
        </dl>`;
    })}
  </section>`;
}

/** The review page's styles (with the theme's, in `<tk-form>`'s shadow root). */
export const reviewStyles = css`
  dl {
    margin: 0 0 1.5rem;
  }
  .answer {
    display: grid;
    grid-template-columns: minmax(8rem, 1fr) 2fr auto;
    gap: 0.5rem 1rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid #b1b4b6;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
  }
  .verified {
    color: var(--_verified);
    font-size: 0.875em;
  }
  @media print {
    .change {
      display: none;
    }
    .answer {
      break-inside: avoid;
    }
  }
`;
