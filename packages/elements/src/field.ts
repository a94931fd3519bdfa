import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { engineMessage, localize, type FieldLookup, type FieldOption, type FieldState, type Form, type FormError, type Locale } from "@tokhai/core";
import { TkChangeEvent } from "./events.js";
import { chrome } from "./i18n.js";
import { FieldBinding } from "./internal/field-controller.js";
import { formatValue } from "./internal/format.js";
import { requiredMarker, requiredMarkerOf, type RequiredMarker } from "./internal/required-marker.js";
import { fieldStyles, themeStyles } from "./internal/styles.js";
import type { WidgetRegistry } from "./registry.js";

const NOT_SET = Symbol("not set");

/** The text of the required and optional marks, one string per mark and locale for every field. */
const MARKS = new Map<string, string>();
function markText(key: "required" | "optional", locale: Locale): string {
  const id = `${key}\u0000${locale}`;
  let text = MARKS.get(id);
  if (text === undefined) MARKS.set(id, (text = ` ${chrome(key, locale)}`));
  return text;
}

/** A standalone field shows the browser's message after a failed native validation. One function for every field. */
function onInvalid(this: TkField): void {
  if (!this.model) (this as unknown as { standaloneError: string }).standaloneError = this.validationMessage;
}

/** Ids of the parts a control must reference for assistive technology. */
export interface ControlContext {
  readonly id: string;
  /** Space-separated ids for `aria-describedby` (hint, error, origin), or undefined. */
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly required: boolean;
  readonly readonly: boolean;
  readonly disabled: boolean;
  readonly label: string;
}

/**
 * Base class of every tokhai field element.
 *
 * A field works in one of two modes:
 * - **bound**: `model` (a core `Form`) and `pointer` are set (as `<tk-form>` does). The field renders
 *   that field's state and writes through `model.set()`. It subscribes to its own field only, so a
 *   keystroke re-renders that field and the fields depending on it, never the whole form.
 * - **standalone**: no model. `value`, `label`, `hint`, `required`… are plain properties, and the
 *   element is a form-associated custom element that works inside a native `<form>`.
 *
 * Subclasses render the control with `renderControl()`; group widgets (radio, checkboxes, sections)
 * set `static group = true` to be wrapped in a `<fieldset>` with a `<legend>`.
 *
 * @csspart field - the wrapper (a `div`, or a `fieldset` for groups)
 * @csspart label - the label or legend
 * @csspart hint - the hint, from the schema's `description`
 * @csspart error - the error message
 * @csspart control - the input itself
 * @csspart verified - the box showing verified data from a source
 * @csspart origin - the note saying where a prefilled editable value came from
 * @cssproperty --tk-font-family - font of the form
 * @cssproperty --tk-font-size - base font size
 * @cssproperty --tk-color-text - text colour
 * @cssproperty --tk-color-muted - hints and secondary text
 * @cssproperty --tk-color-border - control borders
 * @cssproperty --tk-color-focus - focus ring
 * @cssproperty --tk-color-error - errors
 * @cssproperty --tk-color-verified - verified data accent
 * @cssproperty --tk-color-verified-background - verified data background
 * @cssproperty --tk-field-max-width - widest a control gets
 * @cssproperty --tk-space - base spacing
 * @cssproperty --tk-radius - corner radius of controls
 * @fires input - (native) while the value changes
 * @fires change - (native) when the value is committed
 * @fires tk-change - `TkChangeEvent` with `pointer` and `value`, when bound
 */
export abstract class TkField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [themeStyles, fieldStyles];
  /** Render inside a fieldset with a legend (radio groups, checkbox groups, sections). */
  static group = false;
  /**
   * Whether the field says "(không bắt buộc)" when it is optional (with `required-marker="optional"`,
   * the default). Not a single checkbox, whose unticked box is an answer (no), nor a section or an
   * address, which are always there: their fields carry the marks.
   */
  static marksOptional = true;

  /** The element renders its child fields (sections, rows, addresses): locked, it shows them rather than one value. */
  protected get renderChildren(): boolean {
    return false;
  }

  /** The core form this field is bound to (set by `<tk-form>`). */
  @property({ attribute: false }) model?: Form;
  /** Data pointer of the field in `model`, e.g. `/applicant/phone`. */
  @property({ reflect: true }) pointer?: string;
  /** Widget registry, used by sections and repeatable groups to render their children. */
  @property({ attribute: false }) registry?: WidgetRegistry;

  /** Standalone: the form control name (reflected: native forms read the attribute). */
  @property({ reflect: true }) name = "";
  /** Standalone: the label. */
  @property() label = "";
  /** Standalone: the hint. */
  @property() hint = "";
  @property({ type: Boolean, reflect: true }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;
  @property({ type: Boolean, reflect: true }) readonly = false;
  /**
   * Which fields carry a mark beside their label: `optional` (GOV.UK's way: the optional fields say
   * "(không bắt buộc)") or `required` (the required fields say "(bắt buộc)"). Unset, a field bound by
   * `<tk-form>` follows the form's `required-marker`, and any other field marks optional fields.
   */
  @property({ attribute: "required-marker" }) requiredMarker?: RequiredMarker;
  /** Locale of the chrome text (standalone; bound fields follow their model). */
  @property() locale: Locale = "vi";
  /** Standalone: the value. */
  @property({ attribute: false }) value: unknown;

  /** Standalone: the message shown after a failed native validation. */
  @state() protected standaloneError = "";

  protected readonly internals: ElementInternals;
  protected readonly field = new FieldBinding(this);

  /**
   * Whether a change of the bound field's state needs a render. Containers (sections, groups) override
   * it to ignore changes of the values below them, so a keystroke never re-renders them.
   */
  stateChanged(_previous: FieldState, _next: FieldState): boolean {
    return true;
  }
  private initialValue: unknown;
  private captured = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.addEventListener("invalid", onInvalid);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.field.sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.field.disconnect();
  }

  // ---------------------------------------------------------------------------------------------
  // What the field shows
  // ---------------------------------------------------------------------------------------------

  /** The bound field's state, if any. */
  get fieldState(): FieldState | undefined {
    return this.field.state;
  }

  get currentLocale(): Locale {
    return this.model?.locale ?? this.locale;
  }

  get currentValue(): unknown {
    const s = this.field.state;
    return s ? s.value : this.value;
  }

  protected get currentLabel(): string {
    return this.field.state?.title ?? this.label ?? "";
  }

  /**
   * The hint: the schema's `description` (or `hint`, standalone). A locked field has none: its value is
   * verified data shown as text, not a question to answer, and a hint tells how to answer one ("12
   * digits", "choose the province first"). GOV.UK shows what it already knows as a summary list, with
   * no hint text; the badge says where the value comes from.
   */
  protected get currentHint(): string {
    if (this.isLocked) return "";
    return this.field.state?.description ?? this.hint ?? "";
  }

  protected get isRequired(): boolean {
    return this.field.state?.required ?? this.required;
  }

  protected get isReadonly(): boolean {
    return this.readonly || (this.field.state?.readonly ?? false);
  }

  protected get isLocked(): boolean {
    return this.field.state?.locked ?? false;
  }

  /** The field's choices, if it has any (the choice widgets also take them as a property). */
  protected get options(): readonly FieldOption[] {
    return this.field.state?.options ?? [];
  }

  protected get errorMessages(): string[] {
    const s = this.field.state;
    if (s) return s.errors.map((e) => e.message);
    return this.standaloneError ? [this.standaloneError] : [];
  }

  /** The value as text, for verified data and the review page. */
  displayValue(value: unknown = this.currentValue): string {
    return formatValue(value, this.currentLocale, this.options, this.field.state?.node.schema.format);
  }

  /**
   * The title of the source a prefilled value came from, in the current locale. A value inside a
   * prefilled object or row (even an empty one) takes its enclosing field's source.
   */
  protected sourceTitle(): string | undefined {
    const model = this.model;
    if (!model || this.pointer === undefined) return undefined;
    for (let p: string | undefined = this.pointer; p !== undefined; p = p === "" ? undefined : p.slice(0, p.lastIndexOf("/"))) {
      const prov = p === this.pointer ? this.field.state?.provenance : model.field(p).provenance;
      if (prov && "path" in prov) {
        const source = model.procedure.document.sources?.[prov.source] ?? model.procedure.document.lookups?.[prov.source];
        return localize(source?.title, this.currentLocale, model.procedure.defaultLocale) ?? prov.source;
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  /**
   * Writes a new value: through the model when bound, else into `value`. Fires native `change` for
   * committed values (inner `input` events already cross the shadow root) and `tk-change` when bound.
   */
  protected commit(value: unknown, kind: "input" | "change" = "change"): void {
    if (this.model && this.pointer !== undefined) {
      this.model.set(this.pointer, value);
      this.dispatchEvent(new TkChangeEvent(this.pointer, value));
    } else {
      this.value = value;
      this.standaloneError = "";
    }
    if (kind === "change") this.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // ---------------------------------------------------------------------------------------------
  // Form association
  // ---------------------------------------------------------------------------------------------

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  formResetCallback(): void {
    if (!this.model) {
      this.value = this.initialValue;
      this.standaloneError = "";
    }
  }

  /** Disabled by an ancestor (`<fieldset disabled>`), kept apart from the author's `disabled`. */
  @state() private disabledByForm = false;

  formDisabledCallback(disabled: boolean): void {
    // Chromium also calls this for the element's own `disabled` attribute, in the middle of a lit
    // update (attribute reflection), where a state change would be lost: apply it after the update.
    void this.updateComplete.then(() => {
      this.disabledByForm = disabled && !this.hasAttribute("disabled");
    });
  }

  /** The value as submitted with a native form. */
  protected formValue(value: unknown): File | FormData | string | null {
    if (value === undefined || value === null) return null;
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  /**
   * Standalone constraint checks beyond `required`, as `{ flags, message }`; undefined when valid.
   * Messages come from core, so they match the bound mode's.
   */
  protected constraintError(_value: unknown): { flags: ValidityStateFlags; message: string } | undefined {
    return undefined;
  }

  /**
   * The widget's own error, consulted first in both modes, whatever the value (e.g. a file refused
   * for its type, which was never committed).
   */
  protected customValidity(): { flags: ValidityStateFlags; message: string } | undefined {
    return undefined;
  }

  protected isEmpty(value: unknown): boolean {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  }

  private lastFormValue: unknown = NOT_SET;
  private lastValidity = "";

  /** Mirrors the value and validity into ElementInternals; skips the calls when nothing changed. */
  private syncValidity(): void {
    const value = this.currentValue;
    if (value !== this.lastFormValue) {
      this.lastFormValue = value;
      this.internals.setFormValue(this.formValue(value));
    }
    const { flags, message } = this.validityNow(value);
    const key = message === "" && Object.keys(flags).length === 0 ? "" : JSON.stringify(flags) + "\u0000" + message;
    if (key === this.lastValidity && this.internals.validationMessage === message) return;
    this.lastValidity = key;
    // The control by id first: a map lookup, where the part selector walks the whole shadow tree.
    const root = this.renderRoot as ShadowRoot | undefined;
    const anchor = message ? ((root?.getElementById?.("control") ?? root?.querySelector<HTMLElement>("[part~='control']")) || undefined) : undefined;
    this.internals.setValidity(flags, message, anchor);
  }

  private validityNow(value: unknown): { flags: ValidityStateFlags; message: string } {
    const custom = this.customValidity();
    if (custom) return custom;
    if (this.model) {
      const messages = this.errorMessages;
      return messages.length > 0 ? { flags: { customError: true }, message: messages[0]! } : { flags: {}, message: "" };
    }
    if (this.required && this.isEmpty(value)) {
      return { flags: { valueMissing: true }, message: engineMessage("required", {}, this.currentLocale) };
    }
    return (this.isEmpty(value) ? undefined : this.constraintError(value)) ?? { flags: {}, message: "" };
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("model") || changed.has("pointer")) this.field.sync();
    if (!this.captured) {
      // The value a native form reset restores: the one the element was first rendered with.
      this.initialValue = this.value;
      this.captured = true;
    }
  }

  protected override updated(): void {
    const s = this.field.state;
    this.toggleAttribute("hidden", !!s && !s.visible);
    this.syncValidity();
  }

  /**
   * The mark beside the label, if any: `required` on a required field when the form marks required
   * fields, `optional` on an optional one when it marks optional fields (the default). It follows the
   * field's current state (`x-required`); a field that cannot be edited has none.
   */
  protected markKey(): "required" | "optional" | undefined {
    if (this.isReadonly) return undefined;
    const marker = this.requiredMarker !== undefined ? requiredMarker(this.requiredMarker) : (requiredMarkerOf(this.model) ?? "optional");
    if (this.isRequired) return marker === "required" ? "required" : undefined;
    return marker === "optional" && (this.constructor as typeof TkField).marksOptional ? "optional" : undefined;
  }

  /** The control: an input, a select, a group of radios… */
  protected abstract renderControl(context: ControlContext): TemplateResult | typeof nothing;

  /** What a locked field shows instead of its control. */
  protected renderVerified(): TemplateResult {
    const locale = this.currentLocale;
    const source = this.sourceTitle();
    return html`<div part="verified" class="verified" id="control" role="group" aria-labelledby="label" aria-describedby="origin">
      <span class="verified-value">${this.displayValue()}</span>
      <span class="badge" id="origin">✔ ${chrome("verified", locale)}${source ? html` · ${chrome("fromSource", locale, { source })}` : nothing}</span>
    </div>`;
  }

  // One template per field for the common case (an editable field in a div). The required mark and the
  // hint are text parts in elements that CSS hides while empty (`:empty`), not nested templates: each
  // template instance and part is memory kept per field, and a form has thousands.
  protected override render(): TemplateResult | typeof nothing {
    const s = this.field.state;
    if (s && !s.visible) return nothing;
    const locale = this.currentLocale;
    const label = this.currentLabel;
    const hint = this.currentHint || nothing;
    const errors = this.errorMessages;
    const invalid = errors.length > 0;
    // A locked object or array shows its fields, each locked and verified in its own right.
    const container = !!s && (!!s.node.properties || !!s.node.items) && s.node.schema["x-widget"] !== "file" && this.renderChildren;
    const cls = invalid ? "field invalid" : "field";
    const error = invalid
      ? html`<p part="error" class="error" id="error"><span class="visually-hidden">${chrome("errorPrefix", locale)}</span> ${errors[0]}</p>`
      : nothing;
    const lookup = s?.lookups ? this.renderLookups(s.lookups, s.errors) : nothing;
    if (this.isLocked && !container) {
      return html`<div part="field" class=${cls}>
        <span part="label" class="label" id="label">${label}</span><p part="hint" class="hint" id="hint">${hint}</p>${error}${this.renderVerified()}${lookup}
      </div>`;
    }
    const prov = s?.provenance;
    const showOrigin = !this.isReadonly && !!prov && "path" in prov && !prov.edited;
    const lookupMessage = s?.lookups?.some((l) => l.message !== undefined) ?? false;
    const describedBy = [hint !== nothing ? "hint" : "", invalid ? "error" : "", showOrigin ? "origin" : "", lookupMessage ? "lookup" : ""].filter(Boolean).join(" ") || undefined;
    // The space before the mark is inside the span, so that the label's accessible name keeps it.
    const mark = this.markKey();
    const requiredMark = mark ? markText(mark, locale) : nothing;
    const control = this.renderControl({
      id: "control",
      describedBy,
      invalid,
      required: this.isRequired,
      readonly: this.isReadonly,
      disabled: this.disabled || this.disabledByForm,
      label,
    });
    const origin = showOrigin
      ? html`<p part="origin" class="origin" id="origin">${chrome("fromSourceEditable", locale, { source: this.sourceTitle() ?? "" })}</p>`
      : nothing;

    if ((this.constructor as typeof TkField).group) {
      return html`<fieldset part="field" class=${cls} aria-describedby=${describedBy ?? nothing}>
        <legend part="label" id="label">${label}<span class="required-mark">${requiredMark}</span></legend><p part="hint" class="hint" id="hint">${hint}</p>${error}${control}${origin}${lookup}
      </fieldset>`;
    }
    return html`<div part="field" class=${cls}>
      <label part="label" class="label" id="label" for="control">${label}<span class="required-mark">${requiredMark}</span></label><p part="hint" class="hint" id="hint">${hint}</p>${error}${control}${origin}${lookup}
    </div>`;
  }

  /**
   * A field that feeds a lookup or is filled from one: a polite live region that says what the register
   * is doing ("Đang tra cứu…", "Không tìm thấy…"), present while the field is, so that screen readers
   * announce each change without focus moving; and, when the register could not be reached, a "try
   * again" button. When validation already shows the failure as the field's error, only the button is
   * added.
   */
  private renderLookups(lookups: readonly FieldLookup[], errors: readonly FormError[]): TemplateResult {
    const locale = this.currentLocale;
    const failed = lookups.find((l) => l.status === "failed");
    const shownAsError = errors.some((e) => e.keyword === "x-lookup");
    const said = lookups.find((l) => l.message !== undefined && !(l.status === "failed" && shownAsError));
    const cls = said ? `lookup lookup-${said.status}` : "lookup";
    return html`<p part="lookup" class=${cls} id="lookup" role="status">${said?.message ?? ""}</p>${
      failed
        ? html`<button part="lookup-retry" class="lookup-retry" type="button" @click=${() => this.model?.retryLookup(failed.name)}>${chrome("lookupRetry", locale)}</button>`
        : nothing
    }`;
  }
}
