import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { html as staticHtml, literal, type StaticValue } from "lit/static-html.js";
import { property } from "lit/decorators.js";
import { schemaErrorMessage, TOKHAI_FORMATS } from "@tokhai/core";
import { TkField, type ControlContext } from "../../field.js";
import { and, best, formatIs, or, rankWith, typeIs, widgetIs, type WidgetDefinition } from "../../registry.js";

/**
 * A one-line text field.
 *
 * Subclasses may change the input's constant attributes (`inputAttributes`) or render their own
 * control (`renderControl`). The control, whose id must be "control", needs no event bindings: its
 * `input` and `change` events reach `onInput()` and `onChange()` through a listener on the shadow root.
 *
 * @summary Text input for a string field: name, address line, identifiers.
 * @csspart control - the `<input>`
 * @tagname tk-field-text
 */
export class TkFieldText extends TkField {
  /** Standalone: longest value. Bound fields use the schema's `maxLength`. */
  @property({ type: Number }) maxlength?: number;
  /** Standalone: shortest value. */
  @property({ type: Number }) minlength?: number;
  /** Standalone: a tokhai format (`vn-personal-id`, `vn-phone`, `vn-tax-code`). */
  @property() format?: string;

  /**
   * The input's constant attributes (`type`, `inputmode`, `autocomplete`), written into the template
   * rather than bound: a text field then keeps no part for them. Subclasses override it with `literal`.
   */
  protected inputAttributes: StaticValue = literal`type="text"`;

  protected get maxLength(): number | undefined {
    const m = this.fieldState?.node.schema["maxLength"];
    return typeof m === "number" ? m : this.maxlength;
  }

  // The control's `input` and `change` events are handled on the shadow root, once per element, rather
  // than by two event parts on every rendered control.
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.addEventListener("input", onControlInput);
    root.addEventListener("change", onControlChange);
    return root;
  }

  /** The control's value changed (an `input` event from the control). */
  protected onInput(event: Event): void {
    this.commit((event.target as HTMLInputElement).value, "input");
  }

  /** The control committed its value: `change` does not cross the shadow root, so the host fires its own. */
  protected onChange(): void {
    this.dispatchEvent(new Event("change", { bubbles: true }));
  }

  protected override constraintError(value: unknown): { flags: ValidityStateFlags; message: string } | undefined {
    const text = String(value);
    const locale = this.currentLocale;
    if (this.maxlength !== undefined && text.length > this.maxlength) {
      return { flags: { tooLong: true }, message: schemaErrorMessage({ keyword: "maxLength", params: { limit: this.maxlength } }, locale) };
    }
    if (this.minlength !== undefined && text.length < this.minlength) {
      return { flags: { tooShort: true }, message: schemaErrorMessage({ keyword: "minLength", params: { limit: this.minlength } }, locale) };
    }
    const re = this.format ? TOKHAI_FORMATS[this.format] : undefined;
    if (re && !re.test(text)) {
      return { flags: { patternMismatch: true }, message: schemaErrorMessage({ keyword: "format", params: { format: this.format } }, locale) };
    }
    return undefined;
  }

  // The control's id is always "control" (the label's `for`); the inner control has no `name`: it sits in
  // the shadow root, and native forms submit the host's value (ElementInternals).
  protected renderControl(c: ControlContext): TemplateResult {
    const value = this.currentValue;
    return staticHtml`<input
      part="control"
      class="control"
      id="control"
      ${this.inputAttributes}
      .value=${live(value === undefined || value === null ? "" : String(value))}
      maxlength=${this.maxLength ?? nothing}
      ?required=${c.required}
      ?readonly=${c.readonly}
      ?disabled=${c.disabled}
      aria-invalid=${c.invalid ? "true" : "false"}
      aria-describedby=${c.describedBy ?? nothing}
    />`;
  }
}

type ControlHandlers = { onInput(event: Event): void; onChange(): void };

function onControlInput(this: ShadowRoot, event: Event): void {
  if ((event.target as Element | null)?.id === "control") (this.host as unknown as ControlHandlers).onInput(event);
}

function onControlChange(this: ShadowRoot, event: Event): void {
  if ((event.target as Element | null)?.id === "control") (this.host as unknown as ControlHandlers).onChange();
}

/**
 * @summary E-mail address input.
 * @csspart control - the `<input type="email">`
 * @tagname tk-field-email
 */
export class TkFieldEmail extends TkFieldText {
  protected override inputAttributes = literal`type="email" autocomplete="email"`;
}

/**
 * @summary Telephone number input (Vietnamese numbers: 10 digits).
 * @csspart control - the `<input type="tel">`
 * @tagname tk-field-tel
 */
export class TkFieldTel extends TkFieldText {
  protected override inputAttributes = literal`type="tel" inputmode="tel" autocomplete="tel"`;
}

/**
 * @summary Personal identification number input (số định danh cá nhân, 12 digits).
 * @csspart control - the `<input>` (numeric keyboard)
 * @tagname tk-field-personal-id
 */
export class TkFieldPersonalId extends TkFieldText {
  protected override inputAttributes = literal`type="text" inputmode="numeric" autocomplete="off"`;
}

/**
 * A multi-line text field.
 *
 * @summary Text area for longer answers.
 * @csspart control - the `<textarea>`
 * @tagname tk-field-textarea
 */
export class TkFieldTextarea extends TkFieldText {
  /** Standalone: visible lines. */
  @property({ type: Number }) rows = 4;

  protected override renderControl(c: ControlContext): TemplateResult {
    const value = this.currentValue;
    return html`<textarea
      part="control"
      class="control"
      id="control"
      rows=${this.rows}
      .value=${live(value === undefined || value === null ? "" : String(value))}
      maxlength=${this.maxLength ?? nothing}
      ?required=${c.required}
      ?readonly=${c.readonly}
      ?disabled=${c.disabled}
      aria-invalid=${c.invalid ? "true" : "false"}
      aria-describedby=${c.describedBy ?? nothing}
    ></textarea>`;
  }
}

export const textWidget: WidgetDefinition = { tag: "tk-field-text", rank: best(rankWith(100, widgetIs("text")), rankWith(1, typeIs("string", "any"))) };
export const emailWidget: WidgetDefinition = { tag: "tk-field-email", rank: best(rankWith(100, widgetIs("email")), rankWith(10, and(typeIs("string"), formatIs("email")))) };
export const telWidget: WidgetDefinition = { tag: "tk-field-tel", rank: best(rankWith(100, widgetIs("tel")), rankWith(10, and(typeIs("string"), formatIs("vn-phone")))) };
export const personalIdWidget: WidgetDefinition = {
  tag: "tk-field-personal-id",
  rank: best(rankWith(100, widgetIs("personal-id")), rankWith(10, and(typeIs("string"), or(formatIs("vn-personal-id"), formatIs("vn-tax-code"))))),
};
export const textareaWidget: WidgetDefinition = {
  tag: "tk-field-textarea",
  rank: best(rankWith(100, widgetIs("textarea")), rankWith(5, (m) => m.kind === "string" && typeof m.schema["maxLength"] === "number" && (m.schema["maxLength"] as number) > 200)),
};
