import { css, html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { property, state } from "lit/decorators.js";
import { datePartsOf, datePartsOfValue, engineMessage, readDateInput, type DateInput, type DateInputFormat, type DatePart, type DateParts } from "@tokhai/core";
import { TkChangeEvent } from "../events.js";
import { TkField, type ControlContext } from "../field.js";
import { chrome, type ChromeKey } from "../i18n.js";
import { formatValue } from "./format.js";

type Problem = Extract<DateInput, { state: "bad" }>;

const LABELS: Record<DatePart, ChromeKey> = { day: "dateDay", month: "dateMonth", year: "dateYear" };

/** Whether a bad input's `input` holds date parts (what this element recorded). */
function isParts(value: unknown): value is DateParts {
  return !!value && typeof value === "object" && Object.values(value).every((v) => typeof v === "string");
}

/**
 * The base of the elements that ask for a date in parts, as GOV.UK's date input does: a fieldset
 * whose legend is the field's title, then one text input per part (Day, Month, Year), in that order
 * in every locale, with a numeric keyboard on phones. The value is ISO (`YYYY-MM-DD`, or `YYYY-MM`
 * for a month of a year); the parts are read by core's `readDateInput`.
 *
 * Parts that are not a date (a missing month, 31/02, a year of five digits) leave the field with no
 * value, and the element records why with the model's `setBadInput`: validation then reports that
 * ("Ngày sinh phải là một ngày có thật"), not "required" nor a stale date, and the error summary
 * links to it. As every field, it shows the error once the form is validated (standalone: after a
 * failed native validation), not while the citizen types or when focus leaves it: an error appearing
 * on blur moves the page under the pointer, and a click on Continue would land elsewhere. Only the
 * inputs in error are `aria-invalid`, and `focus()` goes to the first of them.
 */
export abstract class TkDatePartsField extends TkField {
  static override group = true;
  static override styles = [
    ...TkField.styles,
    css`
      .date-input {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
      }
      .date-item {
        display: flex;
        flex-direction: column;
      }
      .date-label {
        display: block;
        margin-bottom: 0.25rem;
      }
      .date-input .control {
        width: calc(2ch + 1.75rem);
      }
      .date-input .control.date-year {
        width: calc(4ch + 1.75rem);
      }
      .invalid .date-input .control {
        border-color: var(--_border);
      }
      .invalid .date-input .control[aria-invalid="true"] {
        border-color: var(--_error);
        box-shadow: inset 0 0 0 1px var(--_error);
      }
    `,
  ];

  /**
   * `bday` when the date is the citizen's own birth date: the inputs then offer the browser's
   * autofill (`bday-day`, `bday-month`, `bday-year`). Nothing otherwise (a child's birth date must not
   * be filled with the parent's).
   */
  @property() autocomplete = "";

  /** What the element asks for: a date, or a month of a year. */
  protected abstract readonly dateFormat: DateInputFormat;

  /** The parts as the citizen typed them, shown as long as they still read as the field's state. */
  @state() private typed: DateParts | undefined;

  /** The parts the inputs show: as typed, else as recorded with the model (a new element), else the value's. */
  protected get shownParts(): DateParts {
    const value = this.currentValue;
    const typed = this.typed;
    const recorded = this.model && this.pointer !== undefined ? this.model.badInput(this.pointer) : undefined;
    if (typed) {
      const read = readDateInput(typed, this.dateFormat);
      if (read.state === "value" ? read.value === value : value === undefined && (read.state === "empty" || !this.model || recorded !== undefined)) return typed;
    }
    if (value === undefined && recorded && isParts(recorded.input)) return recorded.input;
    return datePartsOfValue(value, this.dateFormat);
  }

  /** Why the parts shown are not a date, while the field holds no value because of it. */
  protected get problem(): Problem | undefined {
    if (this.currentValue !== undefined) return undefined;
    const read = readDateInput(this.shownParts, this.dateFormat);
    return read.state === "bad" ? read : undefined;
  }

  /** The problem's message, core's, naming the field as the model's does. */
  protected problemMessage(problem: Problem): string {
    return engineMessage(problem.code, { ...problem.params, field: this.currentLabel }, this.currentLocale);
  }

  /**
   * Bound, the model reports the problem once the form is validated (and nothing else for the field).
   * Standalone, the problem shows after a failed validation, in the current locale.
   */
  protected override get errorMessages(): string[] {
    const problem = this.fieldState || !this.standaloneError ? undefined : this.problem;
    return problem ? [this.problemMessage(problem)] : super.errorMessages;
  }

  protected override customValidity(): { flags: ValidityStateFlags; message: string } | undefined {
    const problem = this.problem;
    return problem ? { flags: { badInput: true }, message: this.problemMessage(problem) } : undefined;
  }

  override displayValue(value: unknown = this.currentValue): string {
    return formatValue(value, this.currentLocale, [], this.dateFormat);
  }

  /** The inputs in error: those of the problem, or all of them for an error of the whole date. */
  private partsInError(invalid: boolean): ReadonlySet<DatePart> {
    if (!invalid) return new Set();
    return new Set(this.problem?.parts ?? datePartsOf(this.dateFormat));
  }

  private get inputs(): HTMLInputElement[] {
    return [...(this.renderRoot?.querySelectorAll<HTMLInputElement>(".date-input input") ?? [])];
  }

  /** Focuses the first input in error (from the error summary, a "change" link), else the first input. */
  override focus(options?: FocusOptions): void {
    const inputs = this.inputs;
    const target = inputs.find((i) => i.getAttribute("aria-invalid") === "true") ?? inputs[0];
    if (target) target.focus(options);
    else super.focus(options);
  }

  private onPartInput(part: DatePart, event: Event): void {
    const typed = { ...this.shownParts, [part]: (event.target as HTMLInputElement).value };
    this.typed = typed;
    const read = readDateInput(typed, this.dateFormat);
    if (read.state === "bad" && this.model && this.pointer !== undefined) {
      this.model.setBadInput(this.pointer, { code: read.code, params: read.params, input: typed });
      this.dispatchEvent(new TkChangeEvent(this.pointer, undefined));
      return;
    }
    this.commit(read.state === "value" ? read.value : undefined, "input");
  }

  private onPartChange(): void {
    this.dispatchEvent(new Event("change", { bubbles: true }));
  }

  override formResetCallback(): void {
    super.formResetCallback();
    if (this.model) return;
    this.typed = undefined;
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const locale = this.currentLocale;
    const parts = this.shownParts;
    const inError = this.partsInError(c.invalid);
    const bday = this.autocomplete === "bday";
    return html`<div class="date-input">
      ${datePartsOf(this.dateFormat).map((part, i) => {
        const id = i === 0 ? c.id : `${c.id}-${part}`;
        return html`<div class="date-item">
          <label part="date-label" class="date-label" for=${id}>${chrome(LABELS[part], locale)}</label>
          <input
            part="control ${part}"
            class="control date-${part}"
            id=${id}
            type="text"
            inputmode="numeric"
            spellcheck="false"
            autocomplete=${bday ? `bday-${part}` : nothing}
            .value=${live(parts[part] ?? "")}
            ?readonly=${c.readonly}
            ?disabled=${c.disabled}
            aria-invalid=${inError.has(part) ? "true" : "false"}
            @input=${(event: Event) => this.onPartInput(part, event)}
            @change=${this.onPartChange}
          />
        </div>`;
      })}
    </div>`;
  }
}
