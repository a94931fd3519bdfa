/**
 * The drafts of a `<tk-form>`: reads the stored draft when a procedure loads, saves the answers in
 * progress a moment after each change (and when the page is hidden), removes them once submitted, and
 * the notice that tells the citizen what happened to their draft, with its actions.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { formatDateTime, salvageDraft, type Draft, type Form, type Locale, type Procedure } from "@tokhai/core";
import { draftKey, type DraftStore } from "../drafts.js";
import { TkDraftErrorEvent, TkDraftSavedEvent } from "../events.js";
import { chrome, type ChromeKey } from "../i18n.js";

/** What the draft notice says, and which actions it offers. */
type DraftNotice = { readonly text: ChromeKey; readonly params?: Record<string, string | number>; readonly actions?: readonly ("discard" | "reuse")[] };

/** What the controller needs of its form. */
export interface DraftsHost extends ReactiveControllerHost, EventTarget {
  readonly draftSubject?: string | undefined;
  readonly draftStore: DraftStore;
  readonly autosaveDelay: number;
  readonly locale: Locale;
  /** The model whose answers are saved. */
  readonly form: Form | undefined;
  /** The id of the step the citizen is on, remembered in the draft. */
  draftStep(): string | undefined;
  /** The ids of the steps the citizen completed (task list), remembered in the draft. */
  draftCompleted(): readonly string[];
  /** The citizen discarded the draft: the form starts again from its initial values. */
  draftDiscarded(): Promise<void>;
  /** A model of the form's procedure, restored from a draft. */
  newModel(procedure: Procedure, draft: Draft): Form;
  /** The citizen reuses an older version's draft: the form takes this model, restored from it. */
  draftReused(model: Form, draft: Draft): void;
}

/** The moment a draft was saved, for the citizen; undefined when the draft does not say (or says nonsense). */
function savedAt(iso: unknown, locale: Locale): string | undefined {
  const date = typeof iso === "string" ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return formatDateTime(date, locale);
}

export class DraftsController implements ReactiveController {
  private notice?: DraftNotice;
  /** A draft saved under an older major version, offered to the citizen (see the notice). */
  private older?: { readonly key: string; readonly draft: unknown };
  private saveTimer?: ReturnType<typeof setTimeout>;
  /** Something changed since the draft was last saved. */
  private dirty = false;
  /** The model is being reset: what it reports is no change of the citizen's. */
  private muted = false;
  private readonly onPageHide = (event: Event): void => {
    if (event.type === "pagehide" || document.visibilityState === "hidden") void this.save();
  };

  constructor(private readonly host: DraftsHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener("pagehide", this.onPageHide);
    document.addEventListener("visibilitychange", this.onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener("pagehide", this.onPageHide);
    document.removeEventListener("visibilitychange", this.onPageHide);
    void this.save(); // a form taken off the page keeps what was typed
  }

  private setNotice(notice: DraftNotice | undefined): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  /** A new procedure is loading: what was said of the previous one's draft no longer applies. */
  forget(): void {
    this.older = undefined;
    this.setNotice(undefined);
  }

  private keyOf(procedure: Procedure, major = procedure.major): string | undefined {
    return this.host.draftSubject ? draftKey(procedure.id, major, this.host.draftSubject) : undefined;
  }

  /**
   * The stored draft of this procedure's major version, if any. Otherwise, a draft of an older major
   * version is not restored: the notice offers it. A store that fails is reported.
   */
  async read(procedure: Procedure): Promise<{ key: string; draft: Draft } | undefined> {
    const key = this.keyOf(procedure);
    if (!key) return undefined;
    let stored: unknown;
    try {
      stored = await this.host.draftStore.load(key);
    } catch (error) {
      this.failed("load", key, error, "draftUnreadable");
      void this.remove(key);
      return undefined;
    }
    if (stored !== undefined && stored !== null) return { key, draft: stored as Draft };
    for (let major = procedure.major - 1; major >= 0 && major >= procedure.major - 5; major--) {
      const oldKey = this.keyOf(procedure, major)!;
      let old: unknown;
      try {
        old = await this.host.draftStore.load(oldKey);
      } catch {
        continue; // an unreadable old draft is nothing to offer
      }
      if (old === undefined || old === null) continue;
      const saved = old as Partial<Draft>;
      this.older = { key: oldKey, draft: old };
      this.setNotice({
        text: "draftOtherVersion",
        params: { version: typeof saved.procedure?.version === "string" ? saved.procedure.version : `${major}.x`, time: savedAt(saved.savedAt, this.host.locale) ?? "?" },
        actions: ["reuse", "discard"],
      });
      break;
    }
    return undefined;
  }

  /** After a stored draft was handed to the model: says it was restored, or that it was unusable (and drops it). */
  noteRestored(model: Form, key: string, draft: Draft): void {
    const status = model.draftStatus;
    if (status.state === "restored") {
      // Values that no longer fit the form (of the wrong type, or with no field any more) were left out: say so.
      const dropped = status.dropped.length;
      const time = savedAt(draft.savedAt, this.host.locale);
      this.setNotice(
        dropped > 0
          ? { text: "draftRestoredPartly", params: { dropped }, actions: ["discard"] }
          : time === undefined
            ? { text: "draftRestoredUndated", actions: ["discard"] }
            : { text: "draftRestored", params: { time }, actions: ["discard"] },
      );
      return;
    }
    const reason = status.state === "rejected" ? status.reason : "malformed";
    this.failed("load", key, new Error(`the stored draft is not usable (${reason})`), "draftUnreadable");
    void this.remove(key);
  }

  private failed(operation: "load" | "save" | "remove", key: string, error: unknown, notice?: ChromeKey): void {
    this.host.dispatchEvent(new TkDraftErrorEvent(operation, key, error));
    if (notice) this.setNotice({ text: notice });
  }

  /** The answers (or the step) changed: saves a moment later. */
  changed(): void {
    if (!this.host.draftSubject || !this.host.form || this.muted) return;
    this.dirty = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), this.host.autosaveDelay);
  }

  /** A new model whose answers are all saved (just loaded, or restored). */
  clean(): void {
    clearTimeout(this.saveTimer);
    this.dirty = false;
  }

  /** Saves the answers in progress now, if anything changed since the last save. */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    const model = this.host.form;
    if (!this.dirty || !model) return;
    const key = this.keyOf(model.procedure);
    if (!key) return;
    this.dirty = false;
    const draft = model.draft(this.host.draftStep(), this.host.draftCompleted());
    try {
      await this.host.draftStore.save(key, draft);
    } catch (error) {
      this.dirty = true; // try again at the next change
      this.failed("save", key, error, "draftSaveFailed");
      return;
    }
    if (this.notice?.text === "draftSaveFailed") this.setNotice(undefined);
    this.host.dispatchEvent(new TkDraftSavedEvent(key, draft));
  }

  private async remove(key: string | undefined): Promise<void> {
    if (!key) return;
    try {
      await this.host.draftStore.remove(key);
    } catch (error) {
      this.failed("remove", key, error);
    }
  }

  /** The form was submitted, or reset: its draft has done its work. */
  async done(procedure: Procedure): Promise<void> {
    this.clean();
    this.setNotice(undefined);
    await this.remove(this.keyOf(procedure));
  }

  /** Resets the model to its initial state; nothing is saved until the citizen changes something. */
  async resetQuietly(model: Form): Promise<void> {
    this.muted = true;
    try {
      model.reset();
      await model.settled({ lookups: false });
    } finally {
      this.muted = false;
      this.clean();
    }
  }

  /** The citizen discards the draft (restored or offered): the stored drafts go, the form starts again. */
  private readonly discard = async (): Promise<void> => {
    const model = this.host.form;
    if (!model) return;
    await Promise.all([this.remove(this.keyOf(model.procedure)), this.remove(this.older?.key)]);
    this.older = undefined;
    await this.resetQuietly(model);
    await this.host.draftDiscarded();
    this.setNotice({ text: "draftDiscarded" });
  };

  /** The citizen takes the older version's draft: the answers the procedure still accepts are restored. */
  private readonly reuse = async (): Promise<void> => {
    const model = this.host.form;
    const older = this.older;
    if (!model || !older) return;
    const salvaged = salvageDraft(model.procedure, older.draft);
    if (!salvaged) return this.discard();
    const next = this.host.newModel(model.procedure, salvaged.draft);
    await next.settled({ lookups: false });
    if (this.host.form !== model) return; // reloaded meanwhile
    const unknown = next.draftStatus.state === "restored" ? next.draftStatus.dropped.length : 0;
    this.older = undefined;
    this.host.draftReused(next, salvaged.draft);
    this.setNotice({ text: "draftReused", params: { kept: Math.max(0, salvaged.kept - unknown), dropped: salvaged.dropped.length + unknown } });
    await this.remove(older.key);
    this.dirty = true;
    await this.save();
  };

  render(): TemplateResult | typeof nothing {
    const notice = this.notice;
    if (!notice) return nothing;
    const locale = this.host.locale;
    return html`<div part="draft-notice" class="notice" role="status" aria-label=${chrome("draftNotice", locale)}>
      <p>${chrome(notice.text, locale, notice.params)}</p>
      ${notice.actions?.length
        ? html`<p>
            ${notice.actions.includes("reuse")
              ? html`<button part="button" type="button" class="button" @click=${this.reuse}>${chrome("draftReuse", locale)}</button>`
              : nothing}
            ${notice.actions.includes("discard")
              ? html`<button part="button" type="button" class="button" @click=${this.discard}>${chrome("draftDiscard", locale)}</button>`
              : nothing}
          </p>`
        : nothing}
    </div>`;
  }
}
