import { css, html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { engineMessage, type FieldOption } from "@tokhai/core";
import { TkChangeEvent } from "../../events.js";
import type { ControlContext } from "../../field.js";
import { chrome } from "../../i18n.js";
import { TkChoiceField } from "../../internal/choice-field.js";
import { fold, search, searchable, type Searchable } from "../../internal/search.js";
import { and, best, choiceCount, hasChoices, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";
import { optionIndex, sameOptionValue } from "../field-select/field-select.js";

/**
 * A field with more fixed choices than this (`enum`, `oneOf`) is a combobox rather than a select. An
 * `x-options` field is one whatever its length: see `comboboxWidget`.
 */
export const COMBOBOX_THRESHOLD = 20;

/** The searchable labels of an option list, worked out once per list (core gives a new list when it changes). */
const prepared = new WeakMap<readonly FieldOption[], Searchable[]>();
function searchables(options: readonly FieldOption[]): Searchable[] {
  let list = prepared.get(options);
  if (!list) prepared.set(options, (list = options.map((o) => searchable(o.label))));
  return list;
}

/** Keeps the text input focused when the pointer goes down on the list or the button. */
const keepFocus = (event: Event): void => event.preventDefault();

/** How long the count of results waits for typing to pause before it is announced, in ms (as GOV.UK's accessible-autocomplete does). */
const ANNOUNCE_AFTER = 500;

/**
 * One choice among many, found by typing: the ARIA 1.2 combobox of the ARIA Authoring Practices'
 * "editable combobox with list autocomplete", as GOV.UK's accessible-autocomplete shows it. A text
 * input (`role="combobox"`) filters a list (`role="listbox"`) shown below it, in the page's flow; the
 * value is the chosen option's value, never its label.
 *
 * Typing matches labels without case or diacritics ("ba dinh" finds "Phường Ba Đình", "d" finds
 * "đ"), anywhere in the label, the labels starting with the query first (see `internal/search.ts`).
 * With the keyboard: typing filters and opens the list; Down and Up open it on the first or last
 * option, then move through it (`aria-activedescendant`: focus stays in the input); Alt+Down opens it
 * without moving; Enter chooses the active option (or the only match, or the option whose label was
 * typed in full); Escape closes the list, and a second Escape clears the field; Tab leaves, choosing
 * the active option if there is one. A click or tap on an option chooses it; a click on the input or
 * the button beside it shows the list. The number of results, or "no results", is announced by a
 * polite live region once typing pauses, and "no results" is also shown.
 *
 * Text that names no option when the citizen leaves the field (or presses Enter with the list
 * closed) leaves the field with no value, never the option chosen before: the text stays in the input
 * to be corrected, and is recorded with the model's `setBadInput` (core's message "Vui lòng chọn một
 * giá trị trong danh sách" / "Select an option from the list", in place of "required"). Text equal to
 * a label, whatever its case and diacritics, chooses that option; an emptied input clears the field.
 *
 * @summary Searchable list for a field with many choices (over twenty fixed ones, or `x-options`).
 * @csspart control - the text input (`role="combobox"`)
 * @csspart toggle - the button that shows or hides the list
 * @csspart listbox - the list of options
 * @csspart option - one option
 * @csspart no-results - the message shown when nothing matches
 * @tagname tk-field-combobox
 */
export class TkFieldCombobox extends TkChoiceField {
  static override styles = [
    ...TkChoiceField.styles,
    css`
      .combobox {
        max-width: var(--tk-field-max-width, 32rem);
      }
      .row {
        display: flex;
      }
      .row .control {
        flex: 1;
        min-width: 0;
      }
      .row .control:focus {
        position: relative; /* its focus ring over the button's edge */
      }
      .toggle {
        flex: none;
        width: 2.75rem;
        border: 2px solid var(--_border);
        border-left: 0;
        background: var(--_surface);
        color: inherit;
        border-radius: 0 var(--_radius) var(--_radius) 0;
      }
      .toggle::before {
        content: "";
        display: inline-block;
        width: 0.5em;
        height: 0.5em;
        border: solid;
        border-width: 0 3px 3px 0;
        transform: translateY(-25%) rotate(45deg);
      }
      .invalid .toggle {
        border-color: var(--_error);
      }
      .toggle:disabled {
        background: #f3f2f1;
        color: var(--_muted);
        cursor: default;
      }
      .listbox,
      .none {
        margin: 0;
        padding: 0;
        border: 2px solid var(--_border);
        border-top: 0;
        background: var(--_surface);
      }
      .listbox {
        list-style: none;
        max-height: 18rem;
        overflow-y: auto;
      }
      .listbox li {
        padding: 0.5rem;
        border-bottom: 1px solid #b1b4b6;
        cursor: pointer;
      }
      .listbox li:hover,
      .listbox [aria-selected="true"] {
        background: var(--_link);
        color: var(--_surface);
      }
      .none {
        padding: 0.5rem;
        color: var(--_muted);
      }
    `,
  ];

  /** The text typed since the field last showed its value; undefined: the input shows the value's label. */
  @state() private typed: string | undefined;
  /** Standalone: text that named no option when the citizen left the field (bound fields keep it in the model). */
  @state() private rejected: string | undefined;
  @state() private open = false;
  /** The active option: a position in `found`, or -1. */
  @state() private active = -1;
  /** What the live region says. */
  @state() private status = "";

  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSearch: { options: readonly FieldOption[]; query: string; found: number[] } | undefined;

  /** The text that named no option, while the field has no value because of it. */
  private get badText(): string | undefined {
    if (this.currentValue !== undefined) return undefined;
    const bad = this.model && this.pointer !== undefined ? this.model.badInput(this.pointer)?.input : this.rejected;
    return typeof bad === "string" ? bad : undefined;
  }

  /** What the input shows: the text being typed, else the rejected text, else the chosen option's label. */
  private get text(): string {
    if (this.typed !== undefined) return this.typed;
    const bad = this.badText;
    if (bad !== undefined) return bad;
    const i = optionIndex(this.options, this.currentValue);
    return i >= 0 ? this.options[i]!.label : this.displayValue();
  }

  /** The positions in `options` of the options listed: those matching the typed text, best first, or all. */
  private get found(): number[] {
    const options = this.options;
    const query = this.typed ?? "";
    const last = this.lastSearch;
    if (last && last.options === options && last.query === query) return last.found;
    const found = search(searchables(options), query);
    this.lastSearch = { options, query, found };
    return found;
  }

  protected override customValidity(): { flags: ValidityStateFlags; message: string } | undefined {
    return !this.model && this.badText !== undefined ? { flags: { badInput: true }, message: engineMessage("options", {}, this.currentLocale) } : undefined;
  }

  override formResetCallback(): void {
    super.formResetCallback();
    if (this.model) return;
    this.typed = this.rejected = undefined;
    this.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.statusTimer);
  }

  /** Whether the citizen cannot change the value: read-only, or disabled (by the author or a fieldset). */
  private get frozen(): boolean {
    const input = this.shadowRoot?.querySelector<HTMLInputElement>("#control");
    return !input || input.readOnly || input.disabled;
  }

  private show(active = -1): void {
    this.open = true;
    this.active = active;
  }

  private close(): void {
    this.open = false;
    this.active = -1;
  }

  /** Chooses the option at `index` of `options`: its value becomes the field's. */
  private choose(index: number): void {
    const option = this.options[index];
    this.typed = this.rejected = undefined;
    this.close();
    if (!option) return;
    if (!sameOptionValue(option.value, this.currentValue)) this.commit(option.value);
  }

  /**
   * What the typed text means once the citizen is done with it: nothing typed, nothing changes; empty,
   * no value; a label (folded), that option (the chosen one first); anything else, no value and a bad
   * input the form reports.
   */
  private settleText(): void {
    const typed = this.typed;
    if (typed === undefined) return;
    const query = fold(typed);
    const labels = searchables(this.options);
    const current = optionIndex(this.options, this.currentValue);
    const named = current >= 0 && labels[current]!.folded === query ? current : labels.findIndex((l) => l.folded === query);
    if (query !== "" && named >= 0) return this.choose(named);
    this.typed = undefined;
    if (query === "") {
      this.rejected = undefined;
      if (this.currentValue !== undefined || this.badText !== undefined) this.commit(undefined);
      return;
    }
    if (this.model && this.pointer !== undefined) {
      this.model.setBadInput(this.pointer, { code: "options", input: typed });
      this.dispatchEvent(new TkChangeEvent(this.pointer, undefined));
      this.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      this.commit(undefined);
      this.rejected = typed;
    }
  }

  private onInput(event: Event): void {
    this.typed = (event.target as HTMLInputElement).value;
    if (fold(this.typed) === "") this.close();
    else this.show();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (this.frozen || event.isComposing) return;
    const count = this.open ? this.found.length : 0;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        const down = event.key === "ArrowDown";
        if (event.altKey) {
          if (down) this.show(this.active);
          else this.close();
        } else if (!this.open) {
          const n = this.found.length;
          this.show(n === 0 ? -1 : down ? 0 : n - 1);
        } else if (count > 0) {
          this.active = down ? (this.active + 1) % count : this.active <= 0 ? count - 1 : this.active - 1;
        }
        return;
      }
      case "Enter": {
        if (!this.open) return this.settleText(); // and <tk-form> continues, as from any one-line field
        event.preventDefault();
        const matches = this.found;
        if (this.active >= 0) return this.choose(matches[this.active]!);
        if (matches.length === 1 && this.typed) return this.choose(matches[0]!);
        const named = searchables(this.options).findIndex((l) => l.folded === fold(this.typed ?? ""));
        if (named >= 0) this.choose(named);
        return;
      }
      case "Escape":
        if (this.open) {
          event.preventDefault();
          this.close();
        } else if (this.text !== "") {
          event.preventDefault();
          this.typed = "";
          this.settleText();
        }
        return;
      case "Home":
      case "End":
      case "ArrowLeft":
      case "ArrowRight":
        // Back to the text: the key moves the caret.
        this.active = -1;
        return;
    }
  }

  private onBlur(): void {
    if (this.open && this.active >= 0) this.choose(this.found[this.active]!);
    else {
      this.close();
      this.settleText();
    }
  }

  /** A click on the input or the button shows the list, or hides it. */
  private onToggle(): void {
    if (this.frozen) return;
    if (this.open) this.close();
    else this.show();
    this.shadowRoot?.querySelector<HTMLInputElement>("#control")?.focus();
  }

  private onOptionClick(event: Event): void {
    const li = (event.target as Element).closest("li");
    if (li) this.choose(Number(li.dataset["index"]));
  }

  protected override updated(): void {
    super.updated();
    // The active option in view, the list scrolled and the page not.
    if (this.active >= 0) this.shadowRoot?.querySelector("[aria-selected='true']")?.scrollIntoView({ block: "nearest" });
    // The count of results, once typing pauses; at once when the list closes.
    const n = this.found.length;
    const locale = this.currentLocale;
    const wanted = !this.open ? "" : n === 0 ? chrome("comboboxNoResults", locale) : chrome(n === 1 ? "comboboxResult" : "comboboxResults", locale, { n });
    clearTimeout(this.statusTimer);
    if (wanted === "") this.status = "";
    else if (wanted !== this.status) this.statusTimer = setTimeout(() => (this.status = wanted), ANNOUNCE_AFTER);
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const locale = this.currentLocale;
    const options = this.options;
    const matches = this.open ? this.found : [];
    const active = this.open && this.active >= 0 ? matches[this.active] : undefined;
    const none = this.open && matches.length === 0;
    return html`<div class="combobox">
      <div class="row">
        <input
          part="control"
          class="control"
          id=${c.id}
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${this.open && !none ? "true" : "false"}
          aria-activedescendant=${active === undefined ? nothing : `option-${active}`}
          .value=${live(this.text)}
          ?required=${c.required}
          ?readonly=${c.readonly}
          ?disabled=${c.disabled}
          aria-invalid=${c.invalid ? "true" : "false"}
          aria-describedby=${c.readonly ? (c.describedBy ?? nothing) : c.describedBy ? `${c.describedBy} assist` : "assist"}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @blur=${this.onBlur}
          @click=${this.onToggle}
        />
        <button
          part="toggle"
          class="toggle"
          type="button"
          tabindex="-1"
          aria-label=${chrome("comboboxShowAll", locale)}
          aria-controls="listbox"
          aria-expanded=${this.open && !none ? "true" : "false"}
          ?disabled=${c.disabled || c.readonly}
          @mousedown=${keepFocus}
          @click=${this.onToggle}
        ></button>
      </div>
      <ul part="listbox" class="listbox" id="listbox" role="listbox" tabindex="-1" aria-labelledby="label" ?hidden=${matches.length === 0} @mousedown=${keepFocus} @click=${this.onOptionClick}>
        ${matches.map(
          (i) => html`<li part="option" id=${`option-${i}`} role="option" data-index=${i} aria-selected=${i === active ? "true" : nothing}>${options[i]!.label}</li>`,
        )}
      </ul>
      <p part="no-results" class="none" ?hidden=${!none}>${chrome("comboboxNoResults", locale)}</p>
      <span class="visually-hidden" id="assist">${chrome("comboboxHint", locale)}</span>
      <span class="visually-hidden" role="status" aria-live="polite">${this.status}</span>
    </div>`;
  }
}

/**
 * The combobox: on request (`x-widget: "combobox"`), for more than `COMBOBOX_THRESHOLD` fixed choices,
 * and for `x-options` (whose `choiceCount` is Infinity): the length of a list read from data is not
 * known when a field's widget is chosen, once, and varies with the answers (a province's communes, from
 * a handful to over a hundred), while a combobox also serves a short list (its button shows every
 * option). A designer who knows an `x-options` list is short says `x-widget: "select"` or `"radio"`.
 */
export const comboboxWidget: WidgetDefinition = {
  tag: "tk-field-combobox",
  rank: best(
    rankWith(100, widgetIs("combobox")),
    rankWith(12, and(hasChoices, typeIs("string", "number", "integer", "any"), (node) => choiceCount(node) > COMBOBOX_THRESHOLD)),
  ),
};
