import { css, html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { attachmentError, describeAccept, engineMessage, formatBytes, type AttachmentMeta, type Locale } from "@tokhai/core";
import { TkField, type ControlContext } from "../../field.js";
import { chrome } from "../../i18n.js";
import { rankWith, widgetIs, type WidgetDefinition } from "../../registry.js";

/** Why a chosen file was refused: core's `attachmentError`. */
type Rejection = NonNullable<ReturnType<typeof attachmentError>>;

/** `accept="application/pdf, .jpg"` ⇄ `["application/pdf", ".jpg"]`. */
const acceptConverter = {
  fromAttribute: (value: string | null): string[] =>
    value
      ? value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  toAttribute: (value: readonly string[]): string => value.join(","),
};

/** The value of a file field: `{name, type, size}`, or undefined when it holds something else. */
function metaOf(value: unknown): AttachmentMeta | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v["name"] !== "string") return undefined;
  return { name: v["name"], type: typeof v["type"] === "string" ? v["type"] : "", size: typeof v["size"] === "number" ? v["size"] : 0 };
}

/**
 * A file to attach: a contract, a consent letter, a scan of a paper.
 *
 * The field's value is the file's metadata `{name, type, size}` (core lists it in the envelope's
 * `attachments`); the `File` itself stays in the element's `file` property, for `<tk-form>` to hand
 * to the portal on submit. The accepted types (`x-accept`, or `accept` standalone) and the largest
 * size (`x-max-size`, or `maxSize` standalone) are enforced here: a refused file is not committed,
 * and a message says why until a good file is chosen. Standalone, the element's form value is the
 * `File`, so `FormData` carries it.
 *
 * @summary File upload for a field with `x-widget: "file"`.
 * @csspart control - the `<input type="file">`, visually hidden: it names the chosen file itself, in the
 *   browser's language, where the `file` part names it once
 * @csspart choose - the "choose file" button (a label of the input), in the citizen's language
 * @csspart accept - the line giving the accepted types and the largest size
 * @csspart file - the chosen file: name, size and the remove button
 * @csspart file-name - the chosen file's name
 * @csspart file-size - the chosen file's size
 * @csspart remove - the "remove file" button
 * @tagname tk-field-file
 */
export class TkFieldFile extends TkField {
  /**
   * The browser's file input names the chosen file itself, in the browser's language ("Choose File
   * hop-dong.pdf"), beside the line below that names it again: it is hidden (`.file-input`: it keeps the
   * focus and the keyboard), and a button in the citizen's language opens it (a label of the input).
   */
  static override styles = [
    ...TkField.styles,
    css`
      .file-input {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: 0;
        padding: 0;
        overflow: hidden;
        clip-path: inset(50%);
        opacity: 0;
        border: 0;
      }
      .choose {
        display: inline-block;
        padding: 0.3rem 0.8rem;
        border: 2px solid var(--_border);
        background: var(--_surface);
        color: var(--_text);
        border-radius: var(--_radius);
        cursor: pointer;
      }
      .file-input:focus-visible + .choose,
      .file-input:focus + .choose {
        outline: 3px solid var(--_focus);
        outline-offset: 0;
        box-shadow: inset 0 0 0 2px var(--_text);
      }
      .invalid .choose {
        border-color: var(--_error);
      }
      .file-input:disabled + .choose {
        background: #f3f2f1;
        color: var(--_muted);
        cursor: default;
      }
      .file {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        margin-top: 0.5rem;
        max-width: var(--tk-field-max-width, 32rem);
      }
      .file-name {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .file-size {
        color: var(--_muted);
      }
    `,
  ];

  /** Standalone: accepted MIME types (`image/*` allowed) and `.ext` suffixes; the attribute is comma-separated. */
  @property({ converter: acceptConverter }) accept: string[] = [];
  /** Standalone: the largest file, in bytes. */
  @property({ type: Number, attribute: "max-size" }) maxSize?: number;

  @state() private chosen: File | undefined;
  @state() private rejection: Rejection | undefined;

  /** The chosen `File`, while the field's value is its metadata (undefined after a draft is restored). */
  get file(): File | undefined {
    const meta = metaOf(this.currentValue);
    const f = this.chosen;
    return f && meta && meta.name === f.name && meta.size === f.size && meta.type === f.type ? f : undefined;
  }

  /** Accepted types: the schema's `x-accept` when bound, else `accept`. */
  get acceptList(): readonly string[] {
    const a = this.fieldState?.node.schema["x-accept"];
    return Array.isArray(a) ? a.filter((x): x is string => typeof x === "string") : this.accept;
  }

  /** Largest size in bytes: the schema's `x-max-size` when bound, else `maxSize`. */
  get maxBytes(): number | undefined {
    const m = this.fieldState?.node.schema["x-max-size"];
    return typeof m === "number" ? m : this.maxSize;
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>("input[type='file']") ?? null;
  }

  /** Why the last chosen file was refused, naming it: core's message, the one the back end gives too. */
  private rejectionMessage(locale: Locale): string | undefined {
    const r = this.rejection;
    return r ? engineMessage(r.problem, r.params, locale) : undefined;
  }

  protected override get errorMessages(): string[] {
    const refused = this.rejectionMessage(this.currentLocale);
    const others = super.errorMessages;
    return refused ? [refused, ...others] : others;
  }

  /** A file as `name (size)`. */
  override displayValue(value: unknown = this.currentValue): string {
    const meta = metaOf(value);
    return meta ? `${meta.name} (${formatBytes(meta.size, this.currentLocale)})` : super.displayValue(value);
  }

  private onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return; // nothing chosen: keep what was there
    const meta: AttachmentMeta = { name: file.name, type: file.type, size: file.size };
    const max = this.maxBytes;
    const refused = attachmentError(meta, { accept: this.acceptList, ...(max !== undefined ? { maxSize: max } : {}) });
    if (refused) {
      this.rejection = refused;
      input.value = "";
      return;
    }
    this.rejection = undefined;
    this.chosen = file;
    this.commit(meta);
  }

  private onRemove(): void {
    this.chosen = undefined;
    this.rejection = undefined;
    const input = this.input;
    if (input) input.value = "";
    this.commit(undefined);
    input?.focus();
  }

  /** Standalone: a reset empties the field, as it does a native file input (no `File` can be preset). */
  override formResetCallback(): void {
    super.formResetCallback();
    if (this.model) return;
    this.value = undefined;
    this.chosen = undefined;
    this.rejection = undefined;
    const input = this.input;
    if (input) input.value = "";
  }

  protected override updated(): void {
    super.updated();
    const input = this.input;
    // The value went away (removed, reset, restored draft): the input no longer shows a stale file.
    if (input && input.files && input.files.length > 0 && !this.file) input.value = "";
    // FormData carries the File itself.
    this.internals.setFormValue(this.file ?? null);
    const refused = this.rejectionMessage(this.currentLocale);
    if (refused && !this.model) this.internals.setValidity({ customError: true }, refused, input ?? undefined);
  }

  private acceptHint(locale: Locale): string {
    const accept = this.acceptList;
    const max = this.maxBytes;
    const types = accept.length > 0 ? describeAccept(accept) : undefined;
    const size = max !== undefined ? formatBytes(max, locale) : undefined;
    if (types && size) return chrome("fileAccepted", locale, { accept: types, max: size });
    if (types) return chrome("fileTypes", locale, { accept: types });
    if (size) return chrome("fileMaxSize", locale, { max: size });
    return "";
  }

  protected renderControl(c: ControlContext): TemplateResult {
    const locale = this.currentLocale;
    const meta = metaOf(this.currentValue);
    const hint = this.acceptHint(locale);
    const accept = this.acceptList;
    const describedBy = [c.describedBy, hint ? "file-accept" : "", meta ? "file-chosen" : ""].filter(Boolean).join(" ");
    const editable = !c.readonly && !c.disabled;
    return html`
      ${hint ? html`<p part="accept" class="hint" id="file-accept">${hint}</p>` : nothing}
      <input
        part="control"
        class="file-input"
        id=${c.id}
        type="file"
        accept=${accept.length > 0 ? accept.join(",") : nothing}
        ?required=${c.required}
        ?disabled=${!editable}
        aria-labelledby="label"
        aria-invalid=${c.invalid ? "true" : "false"}
        aria-describedby=${describedBy || nothing}
        @change=${this.onChange}
      /><label part="choose" class="choose" for=${c.id} aria-hidden="true">${chrome("chooseFile", locale)}</label>
      ${meta
        ? html`<div part="file" class="file">
            <span id="file-chosen"
              ><span class="visually-hidden">${chrome("fileSelected", locale)}: </span><span part="file-name" class="file-name">${meta.name}</span>
              <span part="file-size" class="file-size">(${formatBytes(meta.size, locale)})</span></span
            >
            ${editable
              ? html`<button type="button" part="remove" class="secondary" @click=${this.onRemove}>
                  ${chrome("removeFile", locale)}<span class="visually-hidden"> ${meta.name}</span>
                </button>`
              : nothing}
          </div>`
        : nothing}
    `;
  }
}

export const fileWidget: WidgetDefinition = { tag: "tk-field-file", rank: rankWith(100, widgetIs("file")) };
