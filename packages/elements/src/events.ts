/** tokhai's events: `Event` subclasses with typed fields, bubbling and composed. */
import type { Diagnostic, Draft, FormError, SubmissionEnvelope } from "@tokhai/core";

const init: EventInit = { bubbles: true, composed: true };

/** A value changed (by the citizen). */
export class TkChangeEvent extends Event {
  static readonly type = "tk-change";
  constructor(
    readonly pointer: string,
    readonly value: unknown,
  ) {
    super(TkChangeEvent.type, init);
  }
}

/** The form moved to another step, or to the review page (`stepId` is `"review"`). */
export class TkStepEvent extends Event {
  static readonly type = "tk-step";
  constructor(
    readonly stepId: string,
    readonly index: number,
  ) {
    super(TkStepEvent.type, init);
  }
}

/** The citizen submitted a valid form. `files` holds the attached File objects by pointer, for the host to upload. */
export class TkSubmitEvent<TData = unknown> extends Event {
  static readonly type = "tk-submit";
  private readonly deliveries: Promise<unknown>[] = [];
  constructor(
    readonly envelope: SubmissionEnvelope<TData>,
    readonly files: ReadonlyMap<string, File>,
  ) {
    super(TkSubmitEvent.type, init);
  }

  /**
   * Tells the form that the host is delivering the submission (call it in the listener, with the
   * promise of the back end's answer). Until `delivery` settles, the form keeps its draft, and with it
   * the declaration's `id`, so that a page reloaded after a lost answer submits the same declaration
   * again; the submit button stays unavailable. When it fulfils, the draft is deleted and the form is
   * submitted. When it rejects, the form can be submitted again, under the same id, every answer kept
   * (the host says what went wrong). Without a call, the draft is deleted when the event fires.
   */
  waitUntil(delivery: PromiseLike<unknown>): void {
    this.deliveries.push(Promise.resolve(delivery));
  }

  /** @internal Whether every delivery given to `waitUntil` fulfilled (true when there was none). */
  async delivered(): Promise<boolean> {
    try {
      // Deliveries given while waiting (from a later listener's microtask) count too.
      for (let i = 0; i < this.deliveries.length; i++) await this.deliveries[i];
      return true;
    } catch {
      return false;
    }
  }
}

/** Validation failed (on a step, or on submit). */
export class TkInvalidEvent extends Event {
  static readonly type = "tk-invalid";
  constructor(readonly errors: readonly FormError[]) {
    super(TkInvalidEvent.type, init);
  }
}

/** An expression failed at run time, or the procedure could not be loaded. */
export class TkDiagnosticEvent extends Event {
  static readonly type = "tk-diagnostic";
  constructor(readonly diagnostic: Diagnostic | { readonly code: string; readonly message: string }) {
    super(TkDiagnosticEvent.type, init);
  }
}

/** The answers in progress were saved by the draft store under `key`. */
export class TkDraftSavedEvent extends Event {
  static readonly type = "tk-draft-saved";
  constructor(
    readonly key: string,
    readonly draft: Draft,
  ) {
    super(TkDraftSavedEvent.type, init);
  }
}

/**
 * The draft store failed (`operation`), or what it held was not a usable draft (`load`, with
 * `error` a description). The form goes on with what is on the page.
 */
export class TkDraftErrorEvent extends Event {
  static readonly type = "tk-draft-error";
  constructor(
    readonly operation: "load" | "save" | "remove",
    readonly key: string,
    readonly error: unknown,
  ) {
    super(TkDraftErrorEvent.type, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    "tk-change": TkChangeEvent;
    "tk-step": TkStepEvent;
    "tk-submit": TkSubmitEvent;
    "tk-invalid": TkInvalidEvent;
    "tk-diagnostic": TkDiagnosticEvent;
    "tk-draft-saved": TkDraftSavedEvent;
    "tk-draft-error": TkDraftErrorEvent;
  }
}
