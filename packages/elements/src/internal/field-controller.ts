import type { FieldState, Form, Locale } from "@tokhai/core";

/** What a `FieldBinding` needs of the element it serves. */
export interface FieldBindingHost {
  readonly model?: Form | undefined;
  readonly pointer?: string | undefined;
  /** Whether a change of the state needs a render (containers ignore changes of values below them). */
  stateChanged(previous: FieldState, next: FieldState): boolean;
  requestUpdate(): void;
}

/**
 * Subscribes a field element to one field of a core form: the element re-renders when, and only when,
 * that field's state changes (its value, visibility, errors, options, …) or the form's locale does.
 * The locale is part of what every element shows (its chrome: "(bắt buộc)", "Mục 1", "Xóa"…), even
 * when its own state reads the same in both languages: core's `setLocale` notifies every field, and a
 * field notified in a new locale re-renders, whatever its `stateChanged` says.
 *
 * Not a Lit ReactiveController: the element calls `sync()` and `disconnect()` itself, which spares
 * every field the controller set and the closures a controller would keep (a form has thousands).
 */
export class FieldBinding {
  state: FieldState | undefined;
  private unsubscribe: (() => void) | undefined;
  private model: Form | undefined;
  private pointer: string | undefined;
  /** The model's locale when `state` was taken. */
  private locale: Locale | undefined;

  constructor(private readonly host: FieldBindingHost) {}

  disconnect(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.model = undefined;
    this.pointer = undefined;
  }

  /** (Re-)subscribes if the host's model or pointer changed: on connection and before each update. */
  sync(): void {
    const { model, pointer } = this.host;
    if (this.unsubscribe && this.model === model && this.pointer === pointer) return;
    const previous = this.state;
    const previousLocale = this.locale;
    this.disconnect();
    this.state = undefined;
    if (!model || pointer === undefined) return;
    try {
      this.state = model.field(pointer);
    } catch {
      return; // a row that no longer exists: the host will be removed
    }
    this.model = model;
    this.pointer = pointer;
    this.locale = model.locale;
    // Reconnected (a form taken out of the page and put back): what changed meanwhile was not heard.
    if (previous && (previous !== this.state || previousLocale !== this.locale)) this.host.requestUpdate();
    this.unsubscribe = model.subscribe(pointer, (state) => {
      const previous = this.state;
      const relocalised = this.locale !== model.locale;
      this.state = state;
      this.locale = model.locale;
      if (!previous || relocalised || this.host.stateChanged(previous, state)) this.host.requestUpdate();
    });
  }
}
