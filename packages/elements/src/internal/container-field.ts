import { html, type TemplateResult } from "lit";
import type { FieldState, Form } from "@tokhai/core";
import { TkField } from "../field.js";
import { chrome } from "../i18n.js";
import type { WidgetRegistry } from "../registry.js";

/**
 * Whether a container must re-render: when what it shows around its children changes (title, hint,
 * visibility, errors, required mark, read-only or locked state), never for a value inside it. The
 * locale is the binding's concern (`FieldBinding` re-renders every field notified in a new locale).
 */
export function containerStateChanged(previous: FieldState, next: FieldState): boolean {
  return (
    previous.visible !== next.visible ||
    previous.title !== next.title ||
    previous.description !== next.description ||
    previous.errors !== next.errors ||
    previous.required !== next.required ||
    previous.readonly !== next.readonly ||
    previous.locked !== next.locked
  );
}

/**
 * The base of the elements that render the fields inside their own: the section, the repeatable group
 * and the address. One place decides, for all three, what they show around their children (a fieldset
 * whose legend is the title with its required or optional mark, the hint, the error; TkField renders
 * them) and when they re-render: for their own state (`containerStateChanged`) and for a new locale,
 * never for a value typed inside them, which re-renders only the child field it belongs to.
 *
 * A subclass renders its children with `renderChildFields()`, given the bound state, model, pointer and
 * registry; without them (an element used alone), the container says it cannot show its fields.
 */
export abstract class TkContainerField extends TkField {
  static override group = true;

  /** Locked, a container still shows its fields, each verified in its own right. */
  protected override get renderChildren(): boolean {
    return true;
  }

  /** A container re-renders for its own state and what `contentChanged` adds, not for the values inside it. */
  override stateChanged(previous: FieldState, next: FieldState): boolean {
    return containerStateChanged(previous, next) || this.contentChanged(previous, next);
  }

  /** What else of its state a container shows (a group's number of rows…). None by default. */
  protected contentChanged(_previous: FieldState, _next: FieldState): boolean {
    return false;
  }

  /** The message shown when the element lacks its model, pointer or registry. */
  protected unavailableMessage(): string {
    return chrome("containerUnavailable", this.currentLocale);
  }

  /** The child fields of the bound container. */
  protected abstract renderChildFields(state: FieldState, model: Form, pointer: string, registry: WidgetRegistry): TemplateResult | HTMLElement;

  protected override renderControl(): TemplateResult {
    const s = this.fieldState;
    const model = this.model;
    const pointer = this.pointer;
    const registry = this.registry;
    if (!s || !model || pointer === undefined || !registry) {
      return html`<p part="unavailable" class="error">${this.unavailableMessage()}</p>`;
    }
    return html`${this.renderChildFields(s, model, pointer, registry)}`;
  }
}
