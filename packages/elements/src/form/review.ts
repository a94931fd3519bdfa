/**
 * The review page of `<tk-form>` ("check your answers"): every answer of every step, each with a link
 * back to its field.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { appendPointer, fieldNode, type FieldNode, type Form, type Locale } from "@tokhai/core";
import { chrome } from "../i18n.js";
import { formatValue } from "../internal/format.js";
import { rowLabel } from "../internal/row-label.js";

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

/**
 * The answers of a step, or of a section in it, under the section's heading. Answers with the same
 * title in different sections (the father's and the mother's name) are told apart by their sections.
 */
interface Group {
  /** The heading; none for the step's own answers (under the step's heading). */
  readonly title?: string;
  /** The titles of the sections the answers are in, outermost first. */
  readonly sections: readonly string[];
  readonly answers: Answer[];
  /** The group of the enclosing section, if any. */
  readonly parent?: Group;
  /** It has answers, or a section in it has. */
  shown?: boolean;
}

/**
 * The name of a row of a repeatable group, as the group and the error summary name it: the group's
 * title and the row's label, its `x-row-title` or its position ("Thành viên — Nguyễn Văn An",
 * "Thành viên — Mục 1").
 */
export function rowTitle(model: Form, groupTitle: string, rowPointer: string, index: number, locale: Locale): string {
  let row;
  try {
    row = model.field(rowPointer);
  } catch {
    row = undefined; // a row that no longer exists
  }
  return `${groupTitle} — ${rowLabel(row, index, locale)}`;
}

/**
 * The answers of a node, into `group`; a section (an object with a title) and each row of a
 * repeatable group open a group of their own, after `group`. `row` is the title of the row `node` is.
 */
function collect(view: ReviewView, node: FieldNode, pointer: string, group: Group, groups: Group[], row?: string): void {
  const { model, locale } = view;
  const state = model.field(pointer);
  if (!state.visible) return;
  const title = row ?? state.title ?? pointer;
  const answer = (text: string): void => void group.answers.push([pointer, title, text, state.locked, state.readonly]);
  if (node.schema["x-widget"] === "file" || (!node.properties && !node.items)) {
    answer(formatValue(state.value, locale, state.options ?? [], node.schema.format));
    return;
  }
  if (node.properties) {
    let into = group;
    if (row === undefined && state.title) {
      into = { title: state.title, sections: [...group.sections, state.title], answers: [], parent: group };
      groups.push(into);
    }
    for (const [name, child] of node.properties) collect(view, child, appendPointer(pointer, name), into, groups);
    return;
  }
  const rows = Array.isArray(state.value) ? state.value.length : 0;
  if (node.items && !node.items.properties && !node.items.items) {
    answer(formatValue(state.value, locale, state.options ?? [], node.items.schema.format));
    return;
  }
  for (let i = 0; i < rows; i++) {
    const name = rowTitle(model, title, `${pointer}/${i}`, i, locale);
    const into: Group = { title: name, sections: [...group.sections, name], answers: [], parent: group };
    groups.push(into);
    collect(view, node.items!, `${pointer}/${i}`, into, groups, name);
  }
}

/** The heading of a group: one level below its step's (h3) per section, down to h6. */
function heading(group: Group): TemplateResult {
  switch (Math.min(3 + group.sections.length, 6)) {
    case 4:
      return html`<h4 class="section">${group.title}</h4>`;
    case 5:
      return html`<h5 class="section">${group.title}</h5>`;
    default:
      return html`<h6 class="section">${group.title}</h6>`;
  }
}

/** The answers of a group; each change link names its field and, for assistive technology, its section. */
function renderAnswers(view: ReviewView, index: number, group: Group): TemplateResult {
  const locale = view.locale;
  const where = group.sections.join(" — ");
  return html`<dl>
    ${group.answers.map(
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
                >${chrome("change", locale)}<span class="visually-hidden">
                  ${where ? chrome("fieldInSection", locale, { field: label, section: where }) : label}</span
                ></a
              >
            </dd>`}
      </div>`,
    )}
  </dl>`;
}

/** The review page: each step under its heading, each section and row of a step under its own. */
export function renderReview(view: ReviewView): TemplateResult {
  const { model } = view;
  return html`<section part="review" aria-labelledby="step-title">
    <h2 id="step-title" tabindex="-1">${chrome("reviewTitle", view.locale)}</h2>
    ${view.steps.map((step, index) => {
      const own: Group = { sections: [], answers: [] };
      const groups: Group[] = [own];
      for (const p of step.pointers) {
        const node = fieldNode(model.procedure, p);
        if (node) collect(view, node, p, own, groups);
      }
      for (const g of groups) if (g.answers.length > 0) for (let up: Group | undefined = g; up && !up.shown; up = up.parent) up.shown = true;
      const shown = groups.filter((g) => g.shown);
      if (shown.length === 0) return nothing;
      return html`<h3>${step.title}</h3>
        ${shown.map((g) => html`${g.title === undefined ? nothing : heading(g)}${g.answers.length > 0 ? renderAnswers(view, index, g) : nothing}`)}`;
    })}
  </section>`;
}

/**
 * The review page's styles (with the theme's, in `<tk-form>`'s shadow root). (Notes are kept out of the
 * CSS, which ships as written.) The layout follows the width of the form, not of the window
 * (`container-type`): the answers stack when it is narrow, in the `@container` rule, last to override
 * the rules above it. The columns have fixed proportions, not auto, so that an answer without a change
 * link (verified, computed, read-only) lines up with the others. A long value (an e-mail address, a file
 * name) wraps anywhere rather than widen the page.
 */
export const reviewStyles = css`
  dl {
    margin: 0 0 1.5rem;
  }
  .section {
    font-size: 1.1em;
    margin: 1.5rem 0 0.5rem;
  }
  [part="review"] {
    container-type: inline-size;
  }
  .answer {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 5fr) minmax(0, 2fr);
    gap: 0.5rem 1rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid #b1b4b6;
  }
  dt {
    font-weight: 700;
  }
  dt,
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .change {
    grid-column: -2;
    text-align: end;
  }
  .verified {
    color: var(--_verified);
    font-size: 0.875em;
  }
  @container (max-width: 36rem) {
    .answer {
      grid-template-columns: minmax(0, 1fr);
      gap: 0.25rem;
    }
    .change {
      grid-column: auto;
      text-align: start;
    }
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
