import { css, html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { repeat } from "lit/directives/repeat.js";
import { appendPointer, type FieldState, type Form } from "@tokhai/core";
import { chrome } from "../../i18n.js";
import { TkContainerField } from "../../internal/container-field.js";
import { renderField } from "../../internal/render-field.js";
import { rowLabel } from "../../internal/row-label.js";
import { best, rankWith, widgetIs, type WidgetDefinition, type WidgetRegistry } from "../../registry.js";

/**
 * A repeatable group: the rows of an array field, each with its fields, and buttons to add, remove
 * and reorder rows within `minItems`/`maxItems`. Rows prefilled from a source keep their verified
 * fields locked; a locked array (x-lock on the array) cannot change. Each row's legend is its title
 * from the array's `x-row-title` (the member's name), else its position ("Mục 2"); the remove and
 * move buttons name the row the same way.
 *
 * @summary Repeatable group of rows (thành viên hộ gia đình…).
 * @csspart field - the `<fieldset>`
 * @csspart label - the `<legend>`
 * @csspart row - one row's fieldset
 * @csspart row-label - a row's legend
 * @csspart add - the add button
 * @csspart row-actions - the remove/move buttons of a row
 * @tagname tk-field-repeat
 */
export class TkFieldRepeat extends TkContainerField {
  static override styles = [
    ...TkContainerField.styles,
    css`
      legend {
        font-size: 1.25em;
        margin-bottom: 0.75rem;
      }
      .row {
        border: 1px solid #b1b4b6;
        padding: 0.75rem;
        margin: 0 0 1rem;
      }
      .row legend {
        font-size: 1em;
      }
      .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .empty {
        color: var(--_muted);
      }
    `,
  ];

  /** Rows that come or go, not a value inside a row. */
  protected override contentChanged(previous: FieldState, next: FieldState): boolean {
    const rows = (s: FieldState) => (Array.isArray(s.value) ? s.value.length : 0);
    return rows(previous) !== rows(next) || (previous.value !== next.value && !Array.isArray(next.value));
  }

  private get rowCount(): number {
    const v = this.currentValue;
    return Array.isArray(v) ? v.length : 0;
  }

  /**
   * What the group shows of each row's own state: its errors (an `x-rules` of the row object, shown
   * under the row's legend) and its title (`x-row-title`, the legend). The group listens to each row's
   * state, and re-renders only when one of those changes, never for a value typed in the row.
   */
  private watchedRows = new Map<string, { state: FieldState; off: () => void }>();
  private watchedModel: Form | undefined;

  private rowState(rowPointer: string): FieldState {
    const model = this.model!;
    if (this.watchedModel !== model) this.stopWatchingRows();
    this.watchedModel = model;
    let watched = this.watchedRows.get(rowPointer);
    if (!watched) {
      const off = model.subscribe(rowPointer, (state) => {
        const entry = this.watchedRows.get(rowPointer);
        if (!entry) return;
        const shown = entry.state.errors !== state.errors || entry.state.rowTitle !== state.rowTitle;
        entry.state = state;
        if (shown) this.requestUpdate();
      });
      watched = { state: model.field(rowPointer), off };
      this.watchedRows.set(rowPointer, watched);
    }
    return watched.state;
  }

  /** Stops listening to rows that are gone (or to every row). */
  private stopWatchingRows(keep: ReadonlySet<string> = new Set()): void {
    for (const [pointer, { off }] of this.watchedRows) {
      if (keep.has(pointer)) continue;
      off();
      this.watchedRows.delete(pointer);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingRows();
  }

  private rowKeys: number[] = [];
  private nextKey = 0;

  /** Stable keys per row, so lit moves rows (and their focus) instead of re-creating them. */
  private keys(count: number): number[] {
    while (this.rowKeys.length < count) this.rowKeys.push(this.nextKey++);
    this.rowKeys.length = count;
    return this.rowKeys;
  }

  private async addRow(): Promise<void> {
    if (!this.model || this.pointer === undefined) return;
    const index = this.model.addRow(this.pointer);
    this.rowKeys.push(this.nextKey++);
    await this.model.settled({ lookups: false });
    await this.updateComplete;
    this.focusRow(index);
  }

  private async removeRowAt(index: number): Promise<void> {
    if (!this.model || this.pointer === undefined) return;
    this.model.removeRow(this.pointer, index);
    this.rowKeys.splice(index, 1);
    await this.updateComplete;
    const left = this.rowCount;
    if (left > 0) this.focusRow(Math.min(index, left - 1));
    else this.renderRoot.querySelector<HTMLElement>("[part='add']")?.focus();
  }

  private async moveRowTo(from: number, to: number): Promise<void> {
    if (!this.model || this.pointer === undefined) return;
    this.model.moveRow(this.pointer, from, to);
    const [key] = this.rowKeys.splice(from, 1);
    this.rowKeys.splice(to, 0, key!);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-row="${to}"] [data-action="${to < from ? "up" : "down"}"]`)?.focus();
  }

  private focusRow(index: number): void {
    const row = this.renderRoot.querySelector<HTMLElement>(`[data-row="${index}"]`);
    const first = row?.querySelector<HTMLElement>("[pointer]");
    (first ?? row)?.focus();
  }

  protected override renderChildFields(s: FieldState, model: Form, pointer: string, registry: WidgetRegistry): TemplateResult {
    const locale = this.currentLocale;
    const items = s.node.items!;
    const count = this.rowCount;
    const max = typeof s.node.schema["maxItems"] === "number" ? (s.node.schema["maxItems"] as number) : Infinity;
    const min = typeof s.node.schema["minItems"] === "number" ? (s.node.schema["minItems"] as number) : 0;
    const fixed = s.locked || s.readonly;
    const names = items.properties ? [...items.properties.keys()] : undefined;
    const keys = this.keys(count);
    const rows = keys.map((key, index) => ({ key, index }));
    this.stopWatchingRows(new Set(rows.map(({ index }) => appendPointer(pointer, index))));
    return html`
      ${count === 0 ? html`<p class="empty">${chrome("noRows", locale)}</p>` : nothing}
      ${repeat(
        rows,
        (r) => r.key,
        ({ index }) => {
          const rowPointer = appendPointer(pointer, index);
          const row = this.rowState(rowPointer);
          const label = rowLabel(row, index, locale);
          const errors = row.errors;
          const errorId = errors.length > 0 ? `row-error-${index}` : undefined;
          return html`<fieldset part="row" class="row" data-row=${index} tabindex="-1" aria-describedby=${ifDefined(errorId)}>
            <legend part="row-label">${label}</legend>
            ${errorId
              ? html`<p part="error row-error" class="error" id=${errorId}>
                  <span class="visually-hidden">${chrome("errorPrefix", locale)}</span> ${errors.map((e) => e.message).join(" ")}
                </p>`
              : nothing}
            ${names ? names.map((name) => renderField(model, appendPointer(rowPointer, name), registry)) : renderField(model, rowPointer, registry)}
            ${fixed
              ? nothing
              : html`<div part="row-actions" class="row-actions">
                  <button type="button" class="secondary" data-action="remove" ?disabled=${count <= min} @click=${() => this.removeRowAt(index)}>
                    ${chrome("removeRow", locale)}<span class="visually-hidden"> ${label}</span>
                  </button>
                  ${index > 0
                    ? html`<button type="button" class="secondary" data-action="up" @click=${() => this.moveRowTo(index, index - 1)}>
                        ${chrome("moveUp", locale)}<span class="visually-hidden"> ${label}</span>
                      </button>`
                    : nothing}
                  ${index < count - 1
                    ? html`<button type="button" class="secondary" data-action="down" @click=${() => this.moveRowTo(index, index + 1)}>
                        ${chrome("moveDown", locale)}<span class="visually-hidden"> ${label}</span>
                      </button>`
                    : nothing}
                </div>`}
          </fieldset>`;
        },
      )}
      ${fixed
        ? nothing
        : html`<button part="add" type="button" class="secondary" ?disabled=${count >= max} @click=${this.addRow}>
            ${chrome("addRow", locale)}${max !== Infinity ? html` <span class="hint-inline">(${chrome("rowsLimit", locale, { max })})</span>` : nothing}
          </button>`}
    `;
  }
}

export const repeatWidget: WidgetDefinition = {
  tag: "tk-field-repeat",
  rank: best(rankWith(100, widgetIs("repeat")), rankWith(1, (n) => n.kind === "array" && !!n.items)),
};
