import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { FieldState, Form } from "@tokhai/core";

/**
 * Subscribes a host element to one field of a core form: the host re-renders when, and only when,
 * that field's state changes (its value, visibility, errors, options, …).
 */
export class FieldController implements ReactiveController {
  state: FieldState | undefined;
  private unsubscribe: (() => void) | undefined;
  private boundTo: { model: Form; pointer: string } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => { model: Form | undefined; pointer: string | undefined },
    private readonly relevant: (previous: FieldState, next: FieldState) => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.boundTo = undefined;
  }

  /** Re-subscribes if the host's model or pointer changed. Call from the host's `willUpdate`. */
  sync(): void {
    const { model, pointer } = this.target();
    if (this.boundTo?.model === model && this.boundTo?.pointer === pointer) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.boundTo = undefined;
    this.state = undefined;
    if (!model || pointer === undefined) return;
    try {
      this.state = model.field(pointer);
    } catch {
      return; // a row that no longer exists: the host will be removed
    }
    this.boundTo = { model, pointer };
    this.unsubscribe = model.subscribe(pointer, (state) => {
      const previous = this.state;
      this.state = state;
      if (!previous || this.relevant(previous, state)) this.host.requestUpdate();
    });
  }
}
