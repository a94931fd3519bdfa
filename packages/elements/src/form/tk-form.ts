import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import {
  appendPointer,
  createForm,
  isCompiledProcedure,
  loadProcedure,
  LOOKUP_DELAY,
  type LookupResolver,
  parsePointer,
  ProcedureError,
  type CompiledProcedure,
  type Draft,
  type Form,
  type FormContext,
  type FormError,
  type Locale,
  type PrecompiledValidators,
  type Procedure,
  type ProcedureDocument,
  isPrefixPointer,
  stepFields,
  type StepDocument,
  type SubmissionEnvelope,
} from "@tokhai/core";
import { localStorageDraftStore, type DraftStore } from "../drafts.js";
import { DraftsController } from "./drafts-controller.js";
import { TkDiagnosticEvent, TkInvalidEvent, TkStepEvent, TkSubmitEvent } from "../events.js";
import { chrome } from "../i18n.js";
import { stepTexts, translate } from "@tokhai/core";
import { deepQuery } from "../internal/format.js";
import { renderFields } from "../internal/render-field.js";
import { revealLater } from "../internal/reveal.js";
import { rerenderFields, requiredMarker, setRequiredMarker, type RequiredMarker } from "../internal/required-marker.js";
import { themeStyles } from "../internal/styles.js";
import { renderReview, reviewStyles, rowTitle } from "./review.js";
import { exitPageStyles, renderExitPage } from "./exit-page.js";
import { dataUseStyles, renderDataUseNotice, type DataUseNotice } from "./data-use-notice.js";
import { nextPage, previousPage, questionSteps, resolvePage, REVIEW, TASKS, type Layout, type Page } from "./navigation.js";
import { renderTaskList, taskListStyles, tasks } from "./task-list.js";
import { formStyles } from "./tk-form.styles.js";
import { renderSigning, renderSigningMessage, signEnvelope, signingStyles, type Signer, type SigningState } from "./signing.js";
import type { WidgetRegistry } from "../registry.js";


/**
 * The procedure at a URL: a module's default export (a compiled procedure, `.js` or `.mjs`), else the
 * JSON document there.
 */
async function fetchProcedure(url: string): Promise<unknown> {
  if (/\.m?js(?:[?#]|$)/.test(url)) return ((await import(/* @vite-ignore */ new URL(url, document.baseURI).href)) as { default?: unknown }).default;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.json();
}

/**
 * An entry of the error summary: the field's label, then the message. A message that names its field
 * itself ("Ngày sinh phải có tháng", as GOV.UK writes a date's) is the entry alone. A label that ends
 * a sentence of its own ("…là đúng sự thật.") loses its full stop before the colon; a question or an
 * exclamation keeps its mark and is followed by the message alone.
 */
function summaryEntry(label: string, message: string): string {
  const trimmed = label.replace(/[\s.:;,…]+$/u, "");
  if (trimmed !== "" && message.toLocaleLowerCase().startsWith(trimmed.toLocaleLowerCase())) return message;
  return /[?!]$/u.test(trimmed) ? `${trimmed} ${message}` : `${trimmed}: ${message}`;
}

/**
 * A whole declaration form: loads a procedure, binds it to the citizen's data, and walks the citizen
 * through its steps, a "check your answers" page and the submission.
 *
 * @summary The form of one procedure, for one citizen.
 * @tagname tk-form
 * @fires tk-change - `TkChangeEvent`: a value changed
 * @fires tk-step - `TkStepEvent`: another step (or the review page, `stepId` "review"; the task list, `stepId` "tasks") is shown
 * @fires tk-submit - `TkSubmitEvent`: the citizen submitted; `envelope` is the submission, `files` the attached files; `waitUntil(delivery)` keeps the draft (and the declaration's id) until the host's delivery succeeds
 * @fires tk-invalid - `TkInvalidEvent`: a step or the submission has errors
 * @fires tk-diagnostic - `TkDiagnosticEvent`: an expression failed at run time, the procedure could not be loaded, or the declaration could not be signed (`signer`, `signer-missing`)
 * @fires tk-draft-saved - `TkDraftSavedEvent`: the answers in progress were saved (with `draft-subject`)
 * @fires tk-draft-error - `TkDraftErrorEvent`: the draft store failed, or held something unusable; the form goes on
 * @csspart header - title and step indicator
 * @csspart steps - the step indicator list
 * @csspart error-summary - the error summary box
 * @csspart draft-notice - the message about a restored (or unusable) draft, with its actions
 * @csspart data-use - the data-use notice on the first step (a `<details>`)
 * @csspart step - the current step (also `exit` on an exit page)
 * @csspart tasks - the task list (`layout="tasks"`)
 * @csspart review - the review page
 * @csspart signing - the review page's signing block (a procedure with `signature`)
 * @csspart signing-message - why the declaration was not signed (failed, cancelled, no signer), where the error summary goes
 * @csspart print - the review page's print button
 * @csspart actions - the navigation buttons
 * @csspart button - every navigation button
 * @csspart primary - the main button (continue, submit)
 * @cssproperty --tk-color-primary - background of the main button
 * @cssproperty --tk-color-primary-text - text of the main button
 * @cssproperty --tk-color-link - links (change, error summary)
 */
export class TkForm extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: false };
  static override styles = [themeStyles, reviewStyles, taskListStyles, exitPageStyles, dataUseStyles, formStyles, signingStyles];

  /**
   * The procedure: a compiled procedure (the default export of the module `tokhai compile` writes: the
   * quickest first paint, and what dist/tokhai.precompiled.js loads), a procedure document (run-time
   * bundle), or a URL: of the compiled module (`.js`, `.mjs`), else of the document's JSON.
   */
  @property({ attribute: false }) procedure?: CompiledProcedure | ProcedureDocument | string;
  /** The data the portal holds for this citizen: one entry per source of the procedure. */
  @property({ attribute: false }) context: FormContext = {};
  /** A BCP-47 language tag: `vi` (default), `en`, or a locale the portal added (`addMessages`, `addChromeMessages`); switching it updates the whole form at once. */
  @property({ reflect: true }) locale: Locale = "vi";
  /** Answers saved earlier, to restore. */
  @property({ attribute: false }) draft?: Draft;
  /**
   * With a procedure document (run-time bundle): its data validator compiled ahead of time (the
   * `validators` export of the module `tokhai compile` writes), so that no code is generated at run time.
   * A compiled procedure brings its own.
   */
  @property({ attribute: false }) validators?: PrecompiledValidators;
  /**
   * Autosave: the subject under which this citizen's drafts are kept (e.g. an opaque id of the
   * signed-in citizen). With it, the answers in progress are saved a moment after each change, when
   * the page is hidden, and restored on the next visit; without it nothing is saved.
   */
  @property({ attribute: "draft-subject" }) draftSubject?: string;
  /** Where drafts are kept. Default: the browser's `localStorage`. */
  @property({ attribute: false }) draftStore: DraftStore = localStorageDraftStore();
  /** Quiet time after a change before the draft is saved, in milliseconds. */
  @property({ type: Number, attribute: "autosave-delay" }) autosaveDelay = 1000;
  /**
   * Which fields carry a mark beside their label, in every widget, section, row and address of the form:
   * `optional` (default, as GOV.UK does: the few optional fields say "(không bắt buộc)" / "(optional)")
   * or `required` (the required fields say "(bắt buộc)" / "(required)"). The mark follows each field's
   * current required state (`x-required`); verified, computed and read-only fields have none.
   */
  @property({ attribute: "required-marker" }) requiredMarker: RequiredMarker = "optional";
  /**
   * Answers the procedure's lookups in registers (`lookups`): `(name, input, { signal }) =>` the record
   * found, or `undefined` when there is none; a rejection tells the citizen the register could not be
   * reached, with a "try again". Typically a `fetch` to the portal's back end, passing `signal` on.
   */
  @property({ attribute: false }) lookup?: LookupResolver;
  /** Quiet time after the citizen changes what a lookup looks up before the register is asked, in milliseconds. */
  @property({ type: Number, attribute: "lookup-delay" }) lookupDelay = LOOKUP_DELAY;
  /** The widgets used to render fields. Default: every tokhai widget. */
  @property({ attribute: false }) registry?: WidgetRegistry;
  /**
   * `steps` (default): one step after another, with a step indicator. `tasks`: a task list first
   * (GOV.UK's "complete multiple tasks"), from which the citizen opens each step, in any order, and
   * checks their answers once every task is completed; for procedures with many steps.
   */
  @property() layout: Layout = "steps";
  /**
   * The data-use notice on the first step (on the task list with `layout="tasks"`): which of the
   * citizen's data held by the state the form uses, register by register. `collapsed` (default),
   * `open`, or `hidden` for a portal that shows its own (from `dataUse`, or `tokhai data-use`).
   */
  @property({ attribute: "data-use-notice" }) dataUseNotice: DataUseNotice = "collapsed";

  /**
   * Signs the declaration, for a procedure with `signature` (`required` or `optional`):
   * `async ({ digest, envelope }) => ({ alg, value, signer?, certificate? })`, signing the UTF-8 bytes of
   * `digest` (the envelope's `envelopeDigest`). Called on the review page's submit, after validation;
   * the element adds `digest` and `signedAt` and puts the result in the envelope's `signature` before
   * firing `tk-submit`. A rejection shows "could not sign" (an error named `AbortError`: "you cancelled")
   * and keeps the citizen on the review page with every answer. A required signature without a signer
   * cannot be submitted; an optional one is offered as a choice only when a signer is set.
   */
  @property({ attribute: false }) signer?: Signer;

  /** @internal Set by `defineElements()`: the registry used when `registry` is not given. */
  static defaultRegistry: (() => WidgetRegistry) | undefined;

  @state() private loaded?: Procedure;
  @state() private model?: Form;
  /** The page the citizen is on: a step id, REVIEW or TASKS (see `page` for the one shown). */
  @state() private at: Page = "";
  /** The steps that exist for this citizen now (`Form.steps()`), kept as the answers change. */
  @state() private shown: readonly StepDocument[] = [];
  /** Task list: the steps completed (Continue without errors), and those opened. */
  @state() private completed: ReadonlySet<string> = new Set();
  @state() private visited: ReadonlySet<string> = new Set();
  @state() private summary: readonly FormError[] = [];
  @state() private failure?: string;
  @state() private submitting = false;
  /** Signing the declaration on the review page (a procedure with `signature`). */
  @state() private signing: SigningState = { phase: "idle" };
  /** An optional signature: the citizen chose to sign. */
  @state() private signOptIn = false;
  /** Submitted successfully: the form does not submit again until `reset()` or another procedure. */
  @state() private submitted = false;
  private readonly drafts = new DraftsController(this);
  private unsubscribe?: () => void;

  private readonly files = new Map<string, File>();
  private loadToken = 0;
  /** Continue is under way (validating the step, then showing the next). */
  private advancing = false;
  /** The load under way (or done), for `ready()`. */
  private loading: Promise<void> | undefined;

  /** The core form, once loaded (for hosts that need `get`, `subscribe`, `draft()`…). */
  get form(): Form | undefined {
    return this.model;
  }

  /** Resolves when the procedure is loaded and its expressions have settled. */
  async ready(): Promise<void> {
    await this.updateComplete;
    // A newer load may start while one is awaited: wait until the latest one is done.
    let awaited: Promise<void> | undefined;
    while (this.loading !== awaited) {
      awaited = this.loading;
      await awaited;
    }
    await this.model?.settled();
    await this.updateComplete;
  }

  constructor() {
    super();
    this.addEventListener("tk-change", (event) => {
      const source = event.composedPath()[0] as { file?: unknown } | undefined;
      if (source && "file" in source) {
        if (source.file instanceof File) this.files.set(event.pointer, source.file);
        else this.files.delete(event.pointer);
      }
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.registry ??= TkForm.defaultRegistry?.();
    if (changed.has("procedure") || changed.has("context") || changed.has("draft") || changed.has("validators")) {
      this.loading = this.load();
    } else if (changed.has("locale") && this.model) {
      this.model.setLocale(this.locale);
      this.summary = this.summary.length > 0 ? this.current(this.summary) : this.summary;
    }
    // Another layout, answers kept: the task list has no place among the steps.
    if (changed.has("layout") && this.layout !== "tasks" && this.at === TASKS) this.at = this.firstPage;
    if (changed.has("requiredMarker") && this.model) {
      setRequiredMarker(this.model, requiredMarker(this.requiredMarker));
      rerenderFields(this.renderRoot);
    }
  }

  private async load(): Promise<void> {
    const token = ++this.loadToken;
    void this.drafts.save(); // what was typed in the form being replaced
    this.unsubscribe?.();
    this.drafts.forget();
    this.failure = undefined;
    this.model = undefined;
    this.summary = [];
    this.at = "";
    this.shown = [];
    this.completed = new Set();
    this.visited = new Set();
    this.submitted = false;
    this.signing = { phase: "idle" };
    this.signOptIn = false;
    if (!this.procedure) return;
    try {
      const document = typeof this.procedure === "string" ? await fetchProcedure(this.procedure) : this.procedure;
      // A document without precompiled validators: ajv compiles its schema in idle time after the first paint.
      const procedure = await loadProcedure(document, isCompiledProcedure(document) ? {} : this.validators ? { validators: this.validators } : { deferCompile: true });
      if (token !== this.loadToken) return;
      const stored = this.draft ? undefined : await this.drafts.read(procedure);
      if (token !== this.loadToken) return;
      const draft = this.draft ?? stored?.draft;
      const model = this.newModel(procedure, draft);
      // Not the registers: a lookup of a restored draft is answered while the citizen reads the page.
      await model.settled({ lookups: false });
      if (token !== this.loadToken) return;
      if (stored) this.drafts.noteRestored(model, stored.key, stored.draft);
      this.loaded = procedure;
      this.model = model;
      this.watch(model);
      // The first run of a large generated validator is slow (the JS engine compiles it lazily): do
      // it while the citizen reads the first step, not when they first press Continue.
      const warm = () => {
        if (token !== this.loadToken || this.failure) return;
        try {
          procedure.validateData({});
        } catch (error) {
          this.fail(error);
        }
      };
      if (typeof requestIdleCallback === "function") requestIdleCallback(warm, { timeout: 2000 });
      else setTimeout(warm, 200);
      this.restorePage(model, draft);
    } catch (error) {
      if (token === this.loadToken) this.fail(error);
    }
  }

  /** @internal A model of a procedure for this form's citizen, from a draft if given. */
  newModel(procedure: Procedure, draft: Draft | undefined): Form {
    const model = createForm(procedure, {
      context: this.context,
      locale: this.locale,
      ...(draft ? { draft } : {}),
      onDiagnostic: (diagnostic) => this.dispatchEvent(new TkDiagnosticEvent(diagnostic)),
      // Through the property as it is when asked, so that a portal may set it after the procedure.
      lookup: (name, input, options) => {
        if (!this.lookup) throw new Error(`<tk-form> has no lookup resolver: set its lookup property to answer the lookup "${name}"`);
        return this.lookup(name, input, options);
      },
      lookupDelay: this.lookupDelay,
    });
    setRequiredMarker(model, requiredMarker(this.requiredMarker));
    return model;
  }

  /** The first page: the task list, or the first step. */
  private get firstPage(): Page {
    return this.layout === "tasks" ? TASKS : (this.shown[0]?.id ?? REVIEW);
  }

  /** Shows the page (and the completed tasks) a draft remembers, else the first page. */
  private restorePage(model: Form, draft: Draft | undefined): void {
    this.shown = model.steps();
    const ids = new Set(model.procedure.steps.map((s) => s.id));
    this.completed = new Set((Array.isArray(draft?.completed) ? draft.completed : []).filter((id) => ids.has(id)));
    this.visited = new Set();
    this.at = typeof draft?.step === "string" && ids.has(draft.step) ? draft.step : this.firstPage;
  }

  /** Saves the answers in progress now, if anything changed since the last save (with `draft-subject`). */
  saveDraft(): Promise<void> {
    return this.drafts.save();
  }

  /** Saves a moment after each change of the model; keeps the error summary current. */
  private watch(model: Form): void {
    this.unsubscribe?.();
    this.drafts.clean();
    this.unsubscribe = model.subscribe((change) => {
      this.drafts.changed();
      const shown = model.steps();
      if (shown.length !== this.shown.length || shown.some((s, i) => s !== this.shown[i])) this.shown = shown;
      if (this.summary.some((e) => change.pointers.has(e.pointer))) this.summary = this.current(this.summary);
    });
  }

  /** @internal For the drafts controller: the step the draft remembers (none on the review page and the task list). */
  draftStep(): string | undefined {
    const page = this.page;
    return page === REVIEW || page === TASKS ? undefined : page;
  }

  /** @internal For the drafts controller: the tasks completed, which the draft remembers. */
  draftCompleted(): readonly string[] {
    return [...this.completed];
  }

  /** @internal For the drafts controller: the citizen discarded the draft; the model was reset. */
  async draftDiscarded(): Promise<void> {
    this.files.clear();
    this.summary = [];
    if (this.model) this.restorePage(this.model, undefined);
  }

  /** @internal For the drafts controller: the citizen reused an older version's draft. */
  draftReused(model: Form, draft: Draft): void {
    this.model = model;
    this.watch(model);
    this.restorePage(model, draft);
  }

  /** Shows why the procedure cannot be used (in place of the form) and reports it as a diagnostic. */
  private fail(error: unknown): void {
    const message = error instanceof ProcedureError ? error.message : String((error as Error)?.message ?? error);
    this.failure = message;
    this.dispatchEvent(new TkDiagnosticEvent({ code: error instanceof ProcedureError ? "procedure" : "load", message }));
  }

  /** Runs a validation of the model; a schema whose deferred compilation fails ends as a load failure. */
  private async guarded<T>(run: (model: Form) => Promise<T>): Promise<T | undefined> {
    if (!this.model || this.failure) return undefined;
    try {
      return await run(this.model);
    } catch (error) {
      if (!(error instanceof ProcedureError)) throw error;
      this.fail(error);
      return undefined;
    }
  }

  /** The steps with questions that exist for this citizen now, in order (the exit page is not one). */
  private get steps(): readonly StepDocument[] {
    return questionSteps(this.shown);
  }

  /** The page shown: `at`, unless the steps changed under it (see `resolvePage`). */
  private get page(): Page {
    return resolvePage(this.loaded?.steps ?? [], this.shown, this.at);
  }

  /** The step shown, if the page is one (a step with questions, or an exit page). */
  private get currentStep(): StepDocument | undefined {
    const page = this.page;
    return this.shown.find((s) => s.id === page);
  }

  private get onReview(): boolean {
    return this.page === REVIEW;
  }

  /** The index of the step shown among `steps` (`steps.length` on the review page; -1 elsewhere). */
  private get stepIndex(): number {
    const page = this.page;
    return page === REVIEW ? this.steps.length : this.steps.findIndex((s) => s.id === page);
  }

  private stepTitle(step: StepDocument): string {
    return (this.loaded && translate(this.loaded.document, this.locale, (t) => t.steps?.[step.id]?.title)) ?? step.title;
  }

  /** Pointers (data pointers) a step shows. Template pointers with rows (`-`) are shown by their group. */
  private stepPointers(step: StepDocument): readonly string[] {
    return stepFields(step);
  }

  // ---------------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------------

  /** Validates the whole form and shows the errors (summary and fields). Resolves to the errors. */
  async validate(): Promise<readonly FormError[]> {
    const errors = await this.guarded((model) => model.validate());
    if (!errors) return [];
    this.showErrors(errors);
    return errors;
  }

  /**
   * Validates and, if valid, signs when the procedure asks for it and fires `tk-submit` with the envelope;
   * else `tk-invalid`. Resolves true once submitted: delivered, when the host gave `waitUntil` a delivery.
   */
  async submit(): Promise<boolean> {
    if (!this.model || this.submitting || this.submitted) return false;
    this.submitting = true;
    try {
      const result = await this.guarded((model) => model.submission());
      if (!result) return false;
      if (!result.ok) {
        const exit = this.model.exit;
        if (exit) {
          // An exit page applies (the page shows it already, unless submit() was called by the host).
          this.summary = [];
          await this.show(exit.id);
          return false;
        }
        this.showErrors(result.errors);
        const first = result.errors[0];
        if (first) this.goToStepOf(first.pointer);
        return false;
      }
      this.summary = [];
      const envelope = await this.signed(result.envelope);
      if (!envelope) return false;
      this.submitted = true;
      const files = new Map([...this.files].filter(([pointer]) => envelope.attachments.some((a) => a.pointer === pointer)));
      const event = new TkSubmitEvent(envelope, files);
      this.dispatchEvent(event);
      // Delivered (or the host did not say it delivers, with waitUntil): the draft has done its work.
      // Not delivered: the draft, and the declaration's id with it, stays for the next try.
      if (!(await event.delivered())) {
        this.submitted = false;
        this.signing = { phase: "idle" };
        // Saved now, whatever the autosave's timer: a page reloaded next must find the declaration's id.
        this.drafts.changed();
        await this.drafts.save();
        return false;
      }
      await this.drafts.done(this.model.procedure);
      return true;
    } finally {
      this.submitting = false;
    }
  }

  /** Whether this submit signs: a required signature always, an optional one when a signer is set and the citizen chose to. */
  private get signs(): boolean {
    const mode = this.loaded?.signature;
    return mode === "required" || (mode === "optional" && this.signer !== undefined && this.signOptIn);
  }

  /**
   * The envelope to submit: signed by `signer` when this submit signs (see `signs`), else as it is.
   * Undefined when it could not be signed: the message says why (and has focus), a `tk-diagnostic`
   * tells the host, and the citizen stays on the review page with every answer.
   */
  private async signed(envelope: SubmissionEnvelope): Promise<SubmissionEnvelope | undefined> {
    if (!this.signs) {
      this.signing = { phase: "idle" };
      return envelope;
    }
    const signer = this.signer;
    if (!signer) {
      this.signing = { phase: "no-signer" };
      this.dispatchEvent(new TkDiagnosticEvent({ code: "signer-missing", message: "tokhai: this procedure requires a signature (\"signature\": \"required\"): set <tk-form>'s signer property" }));
      await this.focusSigningMessage();
      return undefined;
    }
    let digest: string | undefined;
    this.signing = { phase: "idle" };
    const result = await signEnvelope(envelope, signer, (d) => {
      digest = d;
      this.signing = { phase: "signing", digest: d };
    });
    if (result.ok) {
      this.signing = { phase: "signed", digest: digest! };
      return result.envelope;
    }
    this.signing = { phase: result.cancelled ? "cancelled" : "failed", ...(digest ? { digest } : {}) };
    const error = result.error as { message?: unknown } | null;
    this.dispatchEvent(new TkDiagnosticEvent({ code: result.cancelled ? "signer-cancelled" : "signer", message: String(error?.message ?? error) }));
    await this.focusSigningMessage();
    return undefined;
  }

  /** Focuses the message of a signing that did not happen, once painted. */
  private async focusSigningMessage(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".sign-message")?.focus();
  }

  /** Back to the first step with the initial values (prefilled data, defaults); the saved draft goes too. */
  reset(): void {
    if (this.model) {
      void this.drafts.done(this.model.procedure);
      void this.drafts.resetQuietly(this.model);
    }
    this.files.clear();
    this.summary = [];
    if (this.model) this.restorePage(this.model, undefined);
    this.submitted = false;
    this.signing = { phase: "idle" };
    this.signOptIn = false;
  }

  /**
   * Shows a step by its index among the steps that exist for this citizen now (or the review page, at
   * `steps.length`), and focuses its heading, or the field at `focus`.
   */
  async goTo(index: number, focus?: string): Promise<void> {
    const steps = this.steps;
    const i = Math.max(0, Math.min(index, steps.length));
    await this.show(steps[i]?.id ?? REVIEW, focus);
  }

  /** Shows a page, tells the host (`tk-step`) and focuses its heading, or the field at `focus`. */
  private async show(page: Page, focus?: string): Promise<void> {
    this.at = page;
    if (!this.submitted) this.signing = { phase: "idle" };
    const shown = this.page;
    if (shown !== REVIEW && shown !== TASKS && !this.visited.has(shown)) this.visited = new Set([...this.visited, shown]);
    this.dispatchEvent(new TkStepEvent(shown === REVIEW ? "review" : shown === TASKS ? "tasks" : shown, shown === TASKS ? -1 : this.stepIndex));
    this.drafts.changed(); // the draft remembers the step
    await this.updateComplete;
    if (focus) await this.focusField(focus);
    else this.renderRoot.querySelector<HTMLElement>("h2")?.focus();
  }

  /**
   * Continue: validates the step, then shows the next one. One at a time: a second activation while
   * the first is under way (a double click, Enter twice) is ignored, so that it cannot move on from
   * a step it has not validated.
   */
  private async next(): Promise<void> {
    const step = this.currentStep;
    if (!step || step.kind === "exit" || this.advancing) return;
    this.advancing = true;
    try {
      const errors = await this.guarded((model) => model.validate(this.stepPointers(step)));
      if (!errors || !this.model) return;
      if (errors.length > 0) {
        this.showErrors(errors);
        return;
      }
      this.summary = [];
      // The answers of this step may show or hide later steps, or lead to an exit page.
      this.shown = this.model.steps();
      if (this.layout === "tasks") {
        this.completed = new Set([...this.completed, step.id]);
        await this.show(TASKS);
      } else {
        await this.show(nextPage(this.loaded?.steps ?? [], this.shown, step.id));
      }
    } finally {
      this.advancing = false;
    }
  }

  /**
   * Enter in a one-line field continues, as in a native form. (No native <form> wraps the fields:
   * inserting thousands of form-associated controls into one is very slow in Chromium.)
   */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.isComposing || event.defaultPrevented) return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (!(target instanceof HTMLInputElement) || ["checkbox", "radio", "file", "button", "submit"].includes(target.type)) return;
    event.preventDefault();
    if (this.onReview) void this.submit();
    else void this.next();
  }

  /** The page "Back" leads to, if any. */
  private get previous(): Page | undefined {
    return previousPage(this.loaded?.steps ?? [], this.shown, this.page, this.layout);
  }

  private async back(): Promise<void> {
    const previous = this.previous;
    if (previous === undefined) return;
    this.summary = [];
    await this.show(previous);
  }

  /** Task list: the citizen opens a task, or (`undefined`) checks their answers. */
  private openTask(step: string | undefined): void {
    void this.show(step ?? REVIEW);
  }

  private showErrors(errors: readonly FormError[]): void {
    this.summary = errors;
    if (errors.length > 0) this.dispatchEvent(new TkInvalidEvent(errors));
    // Focus after the errors are painted: focusing forces a layout of the whole form.
    void this.updateComplete.then(() =>
      requestAnimationFrame(() => this.renderRoot.querySelector<HTMLElement>(".summary")?.focus()),
    );
  }

  /**
   * The entries of the error summary that still hold, as their fields show them now (in the current
   * locale). Once validated, core keeps each field's errors up to date as the citizen types, and the
   * summary follows them: an entry leaves as soon as its field no longer has that error (fixed, hidden,
   * its row removed), and the summary goes when it is empty. GOV.UK keeps the summary until the next
   * submission, but it must never list an error that is gone. New errors are not added here: the
   * next Continue or Submit lists them.
   */
  private current(errors: readonly FormError[]): FormError[] {
    const out: FormError[] = [];
    for (const e of errors) {
      let now: readonly FormError[] = [];
      try {
        now = this.model?.field(e.pointer).errors ?? [];
      } catch {
        // a row that no longer exists
      }
      const same = now.find((x) => x.keyword === e.keyword && x.params?.["rule"] === e.params?.["rule"]);
      if (same) out.push(same);
    }
    return out;
  }

  /** The step showing a field (or one of its ancestors); -1 if none. */
  private stepIndexOf(pointer: string): number {
    return this.steps.findIndex((s) => this.stepPointers(s).some((p) => isPrefixPointer(p, pointer)));
  }

  private goToStepOf(pointer: string): void {
    const index = this.stepIndexOf(pointer);
    if (index >= 0 && index !== this.stepIndex) void this.goTo(index);
  }

  /** Focuses the element of a field (from the error summary, or "change" on the review page). */
  async focusField(pointer: string): Promise<void> {
    const index = this.stepIndexOf(pointer);
    if (index >= 0 && index !== this.stepIndex) {
      this.at = this.steps[index]!.id;
      this.dispatchEvent(new TkStepEvent(this.at, index));
    }
    await this.updateComplete;
    // Fields render in nested shadow roots; wait for them, then find the closest rendered ancestor.
    await new Promise((r) => requestAnimationFrame(r));
    for (let p: string | undefined = pointer; p; p = p.slice(0, p.lastIndexOf("/")) || undefined) {
      // A row of an object has no element of its own: its group shows it as a focusable fieldset.
      const index = p.slice(p.lastIndexOf("/") + 1);
      const row = /^\d+$/.test(index)
        ? deepQuery(this.renderRoot, `[pointer="${CSS.escape(p.slice(0, p.lastIndexOf("/")))}"]`)?.shadowRoot?.querySelector<HTMLElement>(`[data-row="${index}"]`)
        : undefined;
      const el = deepQuery(this.renderRoot, `[pointer="${CSS.escape(p)}"]`) ?? row;
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: "center" });
        return;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  /**
   * The blocks of a long step's fields, and the lines of a long error summary, are skipped off screen
   * for their first paint, then shown for good (so that a screen reader finds every one).
   */
  protected override updated(changed: PropertyValues<this>): void {
    for (const block of this.renderRoot.querySelectorAll<HTMLElement>(".block")) revealLater(block);
    if (changed.has("summary" as keyof TkForm)) for (const line of this.renderRoot.querySelectorAll<HTMLElement>(".summary li")) revealLater(line);
  }

  /**
   * A field's name in the error summary, as the citizen sees it. In a row of a repeatable group it is
   * the group's title and the row's label, as the group shows them, then the field's title
   * ("Thành viên — Mục 1 — Số định danh cá nhân"); an error of the row itself (an `x-rules` on the
   * row object) is named by the group and the row alone.
   */
  private label(pointer: string): string {
    const model = this.model;
    if (!model) return pointer;
    const state = (p: string) => {
      try {
        return model.field(p);
      } catch {
        return undefined;
      }
    };
    const parts: string[] = [];
    let p = "";
    let isRow = false;
    try {
      for (const segment of parsePointer(pointer)) {
        const group = state(p);
        isRow = !!group?.node.items && /^\d+$/.test(segment);
        if (isRow) parts.push(rowTitle(model, group?.title ?? p, appendPointer(p, segment), Number(segment), this.locale));
        p = appendPointer(p, segment);
      }
    } catch {
      return pointer; // not a pointer
    }
    if (!isRow) parts.push(state(pointer)?.title ?? pointer);
    return parts.join(" — ");
  }

  /** A link of the error summary moves focus to its field. One listener for the list, however long. */
  private onSummaryClick(event: Event): void {
    const link = (event.target as Element | null)?.closest?.("a[data-pointer]");
    if (!link) return;
    event.preventDefault();
    void this.focusField(link.getAttribute("data-pointer")!);
  }

  private renderSummary(): TemplateResult | typeof nothing {
    if (this.summary.length === 0) return nothing;
    return html`<div part="error-summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">${chrome("errorSummary", this.locale)}</h2>
      <ul @click=${this.onSummaryClick}>
        ${this.summary.map((e) => html`<li><a href="#" data-pointer=${e.pointer}>${summaryEntry(this.label(e.pointer), e.message)}</a></li>`)}
      </ul>
    </div>`;
  }

  private renderSteps(): TemplateResult | typeof nothing {
    const steps = this.steps;
    // None on an exit page: it is not one of the steps, and the review page it would list cannot be reached.
    if (steps.length < 2 || this.currentStep?.kind === "exit") return nothing;
    const total = steps.length + 1;
    return html`<nav aria-label=${chrome("steps", this.locale)}>
      <ol part="steps" class="steps">
        ${steps.map((s, i) => {
          const current = i === this.stepIndex;
          return html`<li aria-current=${current ? "step" : nothing}>
            ${i + 1}. ${this.stepTitle(s)}<span class="visually-hidden"> ${current ? chrome("current", this.locale) : i < this.stepIndex ? chrome("done", this.locale) : ""}</span>
          </li>`;
        })}
        <li aria-current=${this.onReview ? "step" : nothing}>${total}. ${chrome("review", this.locale)}</li>
      </ol>
    </nav>`;
  }

  private renderReview(): TemplateResult {
    const locale = this.locale;
    const mode = this.loaded?.signature;
    return html`${renderReview({
      model: this.model!,
      locale,
      steps: this.steps.map((step) => ({ title: this.stepTitle(step), pointers: this.stepPointers(step) })),
      change: (index, pointer) => void this.goTo(index, pointer),
    })}
      <p><button part="button print" type="button" class="button print" @click=${() => window.print()}>${chrome("print", locale)}</button></p>
      ${mode
        ? renderSigning({
            locale,
            mode,
            state: this.signing,
            canSign: this.signer !== undefined,
            optIn: this.signOptIn,
            onOptIn: (checked) => {
              this.signOptIn = checked;
              if (this.signing.phase !== "signing") this.signing = { phase: "idle" };
            },
          })
        : nothing}`;
  }

  protected override render(): TemplateResult {
    const locale = this.locale;
    if (this.failure) {
      return html`<div part="error-summary" class="summary" role="alert">
        <h2>${chrome("loadFailed", locale)}</h2>
        <pre>${this.failure}</pre>
      </div>`;
    }
    const model = this.model;
    const procedure = this.loaded;
    if (!model || !procedure) return html`<p role="status">${chrome("loading", locale)}</p>`;
    if (!this.registry) return html`<p role="alert">tokhai: call defineElements() or set a registry on &lt;tk-form&gt;.</p>`;
    const title = translate(procedure.document, locale, (t) => t.title) ?? procedure.title;
    const page = this.page;
    const step = this.currentStep;
    const questions = step !== undefined && step.kind !== "exit";
    const last = questions && this.layout === "steps" && nextPage(procedure.steps, this.shown, step.id) === REVIEW;
    const previous = this.previous;
    return html`
      <header part="header">
        <h1>${title}</h1>
        ${this.layout === "steps" ? this.renderSteps() : nothing}
      </header>
      ${this.drafts.render()}
      ${this.renderSummary()}
      ${this.onReview && this.loaded?.signature ? renderSigningMessage(locale, this.signing, this.loaded.signature) : nothing}
      <div class="body" @keydown=${this.onKeydown}>
        ${page === TASKS
          ? renderTaskList({
              locale,
              tasks: tasks(model, this.shown, this.completed, this.visited),
              title: (s) => this.stepTitle(s),
              open: (id) => this.openTask(id),
              intro: renderDataUseNotice(procedure, locale, this.dataUseNotice),
            })
          : step?.kind === "exit"
            ? renderExitPage(step, stepTexts(procedure.document, locale, step.id))
            : step
              ? html`<section part="step" aria-labelledby="step-title">
                  ${this.layout === "steps" && this.steps.length > 1
                    ? html`<p class="visually-hidden">${chrome("stepOf", locale, { n: this.stepIndex + 1, total: this.steps.length + 1 })}</p>`
                    : nothing}
                  <h2 id="step-title" tabindex="-1">${this.stepTitle(step)}</h2>
                  ${this.layout === "steps" && this.stepIndex === 0 ? renderDataUseNotice(procedure, locale, this.dataUseNotice) : nothing}
                  ${renderFields(model, this.stepPointers(step), this.registry!)}
                </section>`
              : this.renderReview()}
        <div part="actions" class="actions">
          ${previous !== undefined
            ? html`<button part="button" type="button" class="button" @click=${this.back}>
                ${previous === TASKS ? chrome("backToTasks", locale) : chrome("back", locale)}
              </button>`
            : nothing}
          ${questions
            ? html`<button part="button primary" type="button" class="button primary" @click=${this.next}>
                ${last ? chrome("review", locale) : chrome("next", locale)}
              </button>`
            : page === REVIEW
              ? // aria-disabled, not disabled: the button keeps focus, and says it is unavailable (GOV.UK's
                // prevent-double-click). submit() itself refuses while submitting and once submitted.
                html`<button
                  part="button primary"
                  type="button"
                  class="button primary"
                  aria-disabled=${this.submitting || this.submitted ? "true" : nothing}
                  @click=${this.submit}
                >
                  ${this.submitted ? chrome("submitted", locale) : this.signs ? chrome("signAndSubmit", locale) : chrome("submit", locale)}
                </button>`
              : nothing}
        </div>
      </div>
    `;
  }
}

