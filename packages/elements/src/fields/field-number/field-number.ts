import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { property } from "lit/decorators.js";
import { formatNumber, schemaErrorMessage, type Locale } from "@tokhai/core";
import { TkField, type ControlContext } from "../../field.js";
import { best, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * The decimal mark and the thousands separator of a locale, as `Intl` writes a number there: `,` and
 * `.` in Vietnamese, `.` and `,` in English. A separator that is a space is left out (spaces are ignored).
 */
function marks(locale: Locale): { readonly decimal: string; readonly group: string } {
  const text = formatNumber(1_000_000.5, locale);
  const group = text.charAt(1);
  return { decimal: text.charAt(text.length - 2), group: /[\d\s\u00a0\u202f]/.test(group) ? "" : group };
}

/**
 * Reads a number as people type it. Spaces are ignored. In Vietnamese `.` groups thousands and `,`
 * is the decimal mark (`1.500.000`, `12,5`), and a lone `.` is also read as a decimal mark (`12.5`)
 * unless three digits follow it (`1.500` is fifteen hundred). In English `,` groups thousands and `.`
 * is the decimal mark. Another locale's marks are `Intl`'s there; where its decimal mark is not `.`,
 * a lone `.` is read as in Vietnamese. Empty text is `undefined`; anything else that is not a number
 * (or, with `integer`, not a whole number) is returned unchanged, so that validation reports it and
 * what the citizen typed is kept.
 */
export function parseNumber(text: string, locale: Locale, integer = false): number | string | undefined {
  const t = text.replace(SPACES, "");
  if (t === "") return undefined;
  const { group, decimal } = marks(locale);
  const g = `\\${group}`;
  const d = `\\${decimal}`;
  let normal: string | undefined;
  if (group !== "" && new RegExp(`^[+-]?\\d{1,3}(?:${g}\\d{3})+(?:${d}\\d+)?$`).test(t)) {
    normal = t.split(group).join("").replace(decimal, ".");
  } else if (new RegExp(`^[+-]?\\d+(?:[${decimal === "." ? "\\." : `.${d}`}]\\d+)?$`).test(t)) {
    normal = t.replace(decimal, ".");
  }
  if (normal === undefined) return text;
  const n = Number(normal);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return text;
  return n;
}

/** A number as the citizen would type it back: `12,5` in Vietnamese, `12.5` in English, no grouping. */
export function formatNumberInput(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return String(value).replace(".", marks(locale).decimal);
  return String(value);
}

/**
 * A number typed as text, with a numeric keyboard on phones (`inputmode`), as GOV.UK advises rather
 * than `<input type="number">`. What the citizen types becomes a number when it is one; otherwise the
 * text is kept as the value, so the form reports it ("must be a number") and nothing typed is lost.
 *
 * @summary Number input for a `number` or `integer` field: an amount, an area, a count.
 * @csspart control - the `<input inputmode="decimal">` (or `numeric` for whole numbers)
 * @tagname tk-field-number
 */
export class TkFieldNumber extends TkField {
  /** Standalone: only whole numbers. Bound fields follow the schema's `type: "integer"`. */
  @property({ type: Boolean }) integer = false;
  /** Standalone: smallest value. */
  @property({ type: Number }) min?: number;
  /** Standalone: largest value. */
  @property({ type: Number }) max?: number;

  /** The text as last typed, shown as long as it still reads as the current value. */
  private text: string | undefined;

  protected get isInteger(): boolean {
    const kind = this.fieldState?.node.kind;
    return kind ? kind === "integer" : this.integer;
  }

  protected onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    this.commit(parseNumber(this.text, this.currentLocale, this.isInteger), "input");
  }

  protected onChange(): void {
    this.dispatchEvent(new Event("change", { bubbles: true }));
  }

  protected override constraintError(value: unknown): { flags: ValidityStateFlags; message: string } | undefined {
    const locale = this.currentLocale;
    if (typeof value !== "number") {
      return { flags: { badInput: true }, message: schemaErrorMessage({ keyword: "type", params: { type: this.integer ? "integer" : "number" } }, locale) };
    }
    if (this.integer && !Number.isInteger(value)) {
      return { flags: { badInput: true }, message: schemaErrorMessage({ keyword: "type", params: { type: "integer" } }, locale) };
    }
    if (this.min !== undefined && value < this.min) {
      return { flags: { rangeUnderflow: true }, message: schemaErrorMessage({ keyword: "minimum", params: { limit: this.min, comparison: ">=" } }, locale) };
    }
    if (this.max !== undefined && value > this.max) {
      return { flags: { rangeOverflow: true }, message: schemaErrorMessage({ keyword: "maximum", params: { limit: this.max, comparison: "<=" } }, locale) };
    }
    return undefined;
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const value = this.currentValue;
    const locale = this.currentLocale;
    const typed = this.text;
    const shown = typed !== undefined && Object.is(parseNumber(typed, locale, this.isInteger), value) ? typed : formatNumberInput(value, locale);
    return html`<input
      part="control"
      class="control"
      id=${c.id}
      name=${this.name || nothing}
      type="text"
      inputmode=${this.isInteger ? "numeric" : "decimal"}
      autocomplete="off"
      spellcheck="false"
      .value=${live(shown)}
      ?required=${c.required}
      ?readonly=${c.readonly}
      ?disabled=${c.disabled}
      aria-invalid=${c.invalid ? "true" : "false"}
      aria-describedby=${c.describedBy ?? nothing}
      @input=${this.onInput}
      @change=${this.onChange}
    />`;
  }
}

export const numberWidget: WidgetDefinition = {
  tag: "tk-field-number",
  rank: best(rankWith(100, widgetIs("number")), rankWith(5, typeIs("number", "integer"))),
};
