/**
 * The form engine: values, provenance, conditions, computed values, options, rules, validation and
 * the submission, for one citizen filling one procedure.
 *
 * Data model: `full` holds every value the citizen gave, including those of fields currently hidden
 * (so toggling a condition back restores them); `effective` is `full` without hidden subtrees. Expressions,
 * `get()`, `field()`, validation, drafts and the submission all see `effective` only.
 *
 * Expressions are JSONata (asynchronous). `set()` updates the value synchronously, marks the
 * expression instances that read what changed, and a single drain loop re-runs them in rank order
 * (an expression runs after every writer it reads), each once. `settled()` resolves when it is done.
 */
import { attachmentError, attachmentLimits } from "./attachments.js";
import { cloneJson, deepEqual, forEachLeaf } from "./equal.js";
import { fieldValue, isEmpty, truthy } from "./expression-results.js";
import type { ExpressionBudget } from "./budget.js";
import { NOT_SIMPLE, readSimplePath } from "./evaluator.js";
import { defaultsOf, fill, forEachContainer, materialize, mergeDefaults, rekeyMap, rekeySet } from "./form-data.js";
import { DRAFT_LIMITS, withoutRefused } from "./draft.js";
import { isEnvelopeId, newEnvelopeId } from "./envelope-id.js";
import { jsonBreach } from "./json-bounds.js";
import { engineMessage, localize, schemaErrorMessage, type EngineMessageCode } from "./messages.js";
import { BAD_LOCALE, canonicalLocale } from "./locale.js";
import { fieldTexts, translate } from "./translations.js";
import type { FieldNode } from "./model.js";
import { staticOptions, toOptions, type Option } from "./options.js";
import { ANY_ROW, appendPointer, formatPointer, getIn, isPrefixPointer, parentPointer, parsePointer, setIn } from "./pointer.js";
import { stepFields } from "./steps.js";
import { inDocumentOrder, isComputed, templateOf, type ExpressionTemplate, type Procedure } from "./procedure.js";
import { alignPrefill, fromSaved, leafPath, publicProvenance, type InternalProvenance, type Prefilled } from "./provenance.js";
import { RankQueue } from "./queue.js";
import { LOOKUP_DELAY, LOOKUP_TIMEOUT, LookupRunner, type LookupResolver, type LookupState, type LookupStatus } from "./lookups.js";
import { DEFAULT_TIME_ZONE, todayOf } from "./today.js";
import type {
  Attachment,
  AttachmentMeta,
  Diagnostic,
  Draft,
  FieldOption,
  FormContext,
  FormError,
  Locale,
  LocalizedText,
  Provenance,
  StepDocument,
  SubmissionEnvelope,
} from "./types.js";

export { DEFAULT_TIME_ZONE } from "./today.js";
export { DRAFT_LIMITS } from "./draft.js";

export interface CreateFormOptions {
  /** The data the portal holds, one entry per source the procedure declares (`citizen`, `household`, …). */
  readonly context?: FormContext;
  /** Locale of messages and procedure text. Default: the procedure's `defaultLocale`, else `vi`. */
  readonly locale?: Locale;
  /** Answers saved earlier. Locked prefilled values still come from `context`. */
  readonly draft?: Draft;
  /** Called for each run-time expression problem (the expression yields no value; the form goes on). */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Clock used by `$today()` and `submittedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * IANA time zone in which `$today()` gives the date. Default `Asia/Ho_Chi_Minh`, whatever the
   * device's zone, so that the citizen's form and the back end compute the same date.
   */
  readonly timeZone?: string;
  /**
   * Answers the procedure's lookups (`lookups`): the record of `input` in the register `name`, or
   * `undefined` when it has none. Called when a lookup's input gets a value or changes, debounced; a
   * newer input aborts the older call's `signal`; results are cached per input. A rejection makes the
   * lookup fail (the citizen is told, and may try again); what they typed is never lost.
   */
  readonly lookup?: LookupResolver;
  /** Milliseconds a lookup's input must stay unchanged before the register is asked. Default `LOOKUP_DELAY` (300). */
  readonly lookupDelay?: number;
  /** Milliseconds after which a lookup is given up (it fails; the citizen may try again). Default `LOOKUP_TIMEOUT` (20,000). */
  readonly lookupTimeout?: number;
  /**
   * The declaration's id (`Form.id`, the envelope's `id`), for a host that keeps it itself: a
   * lower-case UUID (`crypto.randomUUID()`); anything else throws a `TypeError`. It wins over the id of
   * `draft`. Default: the draft's id, else a new random one.
   */
  readonly id?: string;
}

/**
^ * A lookup as a field shows it: at the field that feeds it (`input`: looking up, not found, could not be
 * reached) and at the fields filled from it (`result`: looking up).
 */
export interface FieldLookup {
  /** The lookup's name in the procedure. */
  readonly name: string;
  /** `input`: the first field the lookup's input reads (where it says "not found" or "try again"); `result`: its value comes from the lookup. */
  readonly role: "input" | "result";
  readonly status: Exclude<LookupStatus, "idle">;
  /**
   * What to tell the citizen, in the form's locale ("Đang tra cứu…", "Không tìm thấy…", "Chưa kết nối
   * được…"); absent when there is nothing to say (a record found; a not-found the procedure keeps quiet
   * about with `notFound: false`).
   */
  readonly message?: string;
}

/** Everything a widget needs to render one field. A new object whenever something in it changes. */
export interface FieldState {
  /** Data pointer of the field, e.g. `/household/members/0/fullName`. */
  readonly pointer: string;
  readonly node: FieldNode;
  /** Title in the form's locale (procedure `i18n`, else the schema's `title`). */
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly value: unknown;
  readonly visible: boolean;
  readonly required: boolean;
  /** Not editable: `x-readonly`, computed, or locked. */
  readonly readonly: boolean;
  /** Verified data from a source (`x-lock`): shown as such, never editable. */
  readonly locked: boolean;
  readonly computed: boolean;
  /** Choices: from `x-options`, or the schema's `enum`/`oneOf` labels. */
  readonly options: readonly FieldOption[] | undefined;
  /** Errors shown for this field: filled by `validate()`, then kept up to date as the citizen types. */
  readonly errors: readonly FormError[];
  readonly provenance: Provenance | undefined;
  /**
   * For a row of an array with `x-row-title`: the row's title in the form's locale (e.g. the member's
   * name). Absent when the array has none, or when its expression gives no text for this row (empty,
   * or failed): the row is then named by its position ("Mục 2").
   */
  readonly rowTitle?: string;
  /**
   * For a field that feeds a lookup or is filled from one: what it shows of them now (see `FieldLookup`),
   * empty while there is nothing to show. Absent for the other fields.
   */
  readonly lookups?: readonly FieldLookup[];
}

/**
 * What a citizen typed that a widget could not turn into a value: a date with no month, 31/02, a
 * year of five digits. The field then has no value (as if left empty), and until it is set again the
 * form reports this, and only this, for it: `validate()` and `submission()` list it (keyword
 * `badInput`), in place of "required" or any other error of the empty field.
 */
export interface BadInput {
  /** What is wrong, as an engine message code: core writes the message, in the form's locale, naming the field by its title. */
  readonly code: EngineMessageCode;
  /** The message's parameters (see `engineMessage`); `field` is added, the field's title. */
  readonly params?: { readonly [name: string]: unknown };
  /** A message of the widget's own instead of core's: text, or text per locale. */
  readonly message?: LocalizedText;
  /**
   * What was typed, as the widget wants it back to show it again (an element rendered anew, after the
   * citizen went back a step). Kept in memory only: never in the data, a draft or the submission.
   */
  readonly input?: unknown;
}

/** What became of the `draft` passed to `createForm`. */
export type DraftStatus =
  | { readonly state: "none" }
  /** Restored. `dropped`: pointers of saved values the procedure no longer has a field for. */
  | { readonly state: "restored"; readonly dropped: readonly string[] }
  /** Not restored: saved for another procedure, another major version, or not a draft at all. */
  | { readonly state: "rejected"; readonly reason: "procedure" | "version" | "malformed" };

export interface FormChange {
  /** Pointers whose field state changed. */
  readonly pointers: ReadonlySet<string>;
}

export type SubmissionResult<TData = unknown> =
  | { readonly ok: true; readonly envelope: SubmissionEnvelope<TData> }
  | { readonly ok: false; readonly errors: readonly FormError[] };

/**
 * @internal What the back end's check (verify.ts) does instead of filling in a form: it starts from the
 * submitted data, and observes what prefills and computed values would be instead of writing them.
 */
export interface FormObserver {
  /** The submitted data: the form starts from it (no defaults, prefills or draft are written). */
  readonly data: unknown;
  /** What a prefill yielded from the context (a non-empty value), at a field's pointer. */
  prefilled(pointer: string, prefilled: Prefilled): void;
  /** The value a computed field got from its expression. */
  computed(pointer: string, value: unknown): void;
  /** An expression that could not be evaluated (it threw, ran out of budget, or gave an unusable result). */
  failed(instance: { readonly pointer: string; readonly template: ExpressionTemplate }, error: unknown): void;
  /** The budget of every evaluation, instead of the one the procedure was loaded with. */
  readonly budget: ExpressionBudget;
}

interface Instance {
  readonly template: ExpressionTemplate;
  indices: number[];
  pointer: string;
  segments: string[];
  dirty: boolean;
  disposed: boolean;
  /** `x-prefill`: applied already (it runs once per field instance). */
  done: boolean;
}

interface Outputs {
  required?: boolean;
  readonly?: boolean;
  options?: Option[] | undefined;
  rowTitle?: LocalizedText | undefined;
  rules?: Map<number, LocalizedText | undefined>;
}

const EMPTY_ERRORS: readonly FormError[] = Object.freeze([]);
const MAX_DIAGNOSTICS = 200;

export class Form<TData = unknown> {
  readonly procedure: Procedure;
  private _locale: Locale;
  private readonly context: FormContext;
  private readonly onDiagnostic: ((d: Diagnostic) => void) | undefined;
  private readonly now: () => Date;
  private readonly observer: FormObserver | undefined;
  private _id: string;

  private full: unknown = {};
  private effective: unknown = {};
  /** Fields hidden by their own condition (`x-visible`). */
  private readonly hidden = new Set<string>();
  /** Fields hidden because the step that shows them is hidden (the step's `x-visible`). */
  private readonly gated = new Set<string>();
  /** Exit pages whose condition holds, by step index. */
  private readonly exits = new Set<number>();
  private readonly outputs = new Map<string, Outputs>();
  private readonly provenance = new Map<string, InternalProvenance>();
  private readonly locked = new Set<string>();
  private readonly shown = new Map<string, readonly FormError[]>();
  /**
   * What the citizen typed that could not become a value, by pointer (see `setBadInput`), with the
   * provenance of the value it replaced: a prefilled date retyped part by part is an edit of the
   * prefilled value, not a new answer of the citizen's alone.
   */
  private readonly badInputs = new Map<string, { readonly input: BadInput; readonly provenance: InternalProvenance | undefined }>();
  private live: string[] = [];
  private readonly instances = new Map<ExpressionTemplate, Map<string, Instance>>();
  private readonly queue = new RankQueue<Instance>();
  private draining: Promise<void> | undefined;
  private readonly cache = new Map<string, FieldState>();
  private readonly listeners = new Set<(change: FormChange) => void>();
  private readonly fieldListeners = new Map<string, Set<(state: FieldState) => void>>();
  private pending = new Set<string>();
  private readonly _diagnostics: Diagnostic[] = [];
  private readonly sourceBindings: Record<string, unknown>;
  private draftData: unknown;
  private _draftStatus: DraftStatus = { state: "none" };
  /** Pointers whose prefilled or default value the citizen removed (kept out of a restored draft too). */
  private readonly cleared = new Set<string>();
  /** Containers (objects, arrays) filled by a prefill, with the source and path they came from. */
  private readonly prefilledRoots = new Map<string, { source: string; path: string }>();
  private draftCleared: ReadonlySet<string> = new Set();
  /** The procedure's lookups (none when it declares none). */
  private readonly lookups: LookupRunner | undefined;

  /** @internal Use `createForm`. */
  constructor(procedure: Procedure, options: CreateFormOptions = {}, observer?: FormObserver) {
    this.procedure = procedure;
    this.context = options.context ?? {};
    this.onDiagnostic = options.onDiagnostic;
    this._locale = this.localeOf(options.locale);
    this.now = options.now ?? (() => new Date());
    this.observer = observer;
    if (options.id !== undefined && !isEnvelopeId(options.id)) {
      throw new TypeError(`tokhai: createForm's id must be a lower-case UUID such as "3b241101-e2bb-4255-8caf-4136c566a962" (crypto.randomUUID() makes one); got ${JSON.stringify(options.id)}`);
    }
    this._id = options.id ?? newEnvelopeId();
    // Own properties only: a source the context lacks has no value, even one named `constructor`.
    const context = this.context;
    this.sourceBindings = Object.fromEntries(
      procedure.sourceNames.map((name) => [name, Object.prototype.hasOwnProperty.call(context, name) ? context[name] : undefined]),
    );
    const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    // An unknown zone throws a RangeError here, not inside an expression. (The default is known good:
    // its formatter is built only when `$today()` first runs.)
    if (options.timeZone !== undefined) todayOf(new Date(0), timeZone);
    this.sourceBindings["today"] = () => todayOf(this.now(), timeZone);
    if (procedure.lookupNames.length > 0) {
      for (const name of procedure.lookupNames) this.sourceBindings[name] = undefined;
      // The back end's check asks at once and waits for the answer (see run()).
      const timing = { delay: observer ? 0 : (options.lookupDelay ?? LOOKUP_DELAY), timeout: options.lookupTimeout ?? LOOKUP_TIMEOUT };
      this.lookups = new LookupRunner(procedure.lookupNames, options.lookup, timing, (name, state) => this.lookupChanged(name, state));
    }
    this.init(observer ? undefined : options.draft);
    // A restored draft continues its declaration, under its id (unless the host gave one).
    if (options.id === undefined && this._draftStatus.state === "restored" && isEnvelopeId(options.draft?.id)) this._id = options.draft.id;
  }

  // ---------------------------------------------------------------------------------------------
  // Public API
  // ---------------------------------------------------------------------------------------------

  get locale(): Locale {
    return this._locale;
  }

  /**
   * The declaration's identity, a lower-case UUID: the `id` of its envelope, kept in its drafts (a
   * restored draft keeps it), so that a submit retried sends the same id. Made once per form (or given:
   * `createForm`'s `id`); `reset()` starts a new declaration, with a new id.
   */
  get id(): string {
    return this._id;
  }

  /** Switches the locale of messages and procedure text; every field is notified. */
  setLocale(locale: Locale): void {
    const tag = this.localeOf(locale);
    if (tag === this._locale) return;
    this._locale = tag;
    this.cache.clear();
    if (this.live.length > 0) this.revalidate();
    for (const p of this.allPointers()) this.pending.add(p);
    this.flush();
  }

  /** A locale given by the host, canonical (`en-gb` → `en-GB`); one that is not a BCP-47 tag is reported (`TK003`) and the procedure's is used. */
  private localeOf(locale: Locale | undefined): Locale {
    if (locale === undefined) return this.procedure.defaultLocale;
    const tag = canonicalLocale(locale);
    if (tag !== undefined) return tag;
    const fallback = this.procedure.defaultLocale;
    const message = `${JSON.stringify(locale)} is not a BCP-47 language tag (such as "vi", "en-GB" or "km"): the form is shown in "${fallback}"`;
    const diagnostic: Diagnostic = { keywordPointer: "", pointer: "", code: BAD_LOCALE, message, expression: "" };
    this._diagnostics.push(diagnostic);
    notify(this.onDiagnostic, diagnostic);
    return fallback;
  }

  /** Value at a pointer as it would be submitted (hidden fields have none). `""` is the whole data. */
  get(pointer = ""): unknown {
    return getIn(this.effective, parsePointer(pointer));
  }

  /** The whole data as it would be submitted. */
  get value(): TData {
    return this.effective as TData;
  }

  /** Whether the `draft` option was restored, and what of it was dropped. */
  get draftStatus(): DraftStatus {
    return this._draftStatus;
  }

  /** Run-time expression problems met so far (most recent last). */
  get diagnostics(): readonly Diagnostic[] {
    return this._diagnostics;
  }

  /**
   * Sets a value. `undefined` (and `""` for a string field) removes it. Throws on a pointer outside the
   * schema, a locked value or a computed one: those are programming errors.
   */
  set(pointer: string, value: unknown): void {
    const segments = parsePointer(pointer);
    const t = templateOf(this.procedure, segments);
    if (!t || t.indices.includes(-1)) {
      throw new TypeError(`tokhai: no field at "${pointer}" in procedure ${this.procedure.id}; use a data pointer such as "/members/0/fullName".`);
    }
    if (this.isLocked(pointer) || this.lockedBelow(pointer)) {
      throw new TypeError(`tokhai: "${pointer}" holds verified data from a source (x-lock) and cannot be changed.`);
    }
    if (isComputed(t.node)) {
      throw new TypeError(`tokhai: "${pointer}" is computed (x-compute) and cannot be set.`);
    }
    if (t.indices.length > 0) this.checkRows(segments);
    if (value === "" && t.node.kind === "string") value = undefined;
    const before = getIn(this.full, segments);
    // A value set replaces whatever could not be read at or below the pointer. A value where a bad input
    // was takes the provenance of the value the citizen began to retype.
    const replaced = this.badInputs.get(pointer)?.provenance;
    if (replaced && value !== undefined && !this.provenance.has(pointer)) this.provenance.set(pointer, replaced);
    const hadBadInput = this.badInputs.size > 0 && this.dropBadInputs(pointer);
    if (deepEqual(before, value)) {
      if (hadBadInput) {
        this.flush();
        this.schedule();
      }
      return;
    }
    this.write(pointer, segments, value);
    this.userProvenance(pointer, before, value);
    if (t.node.kind === "object" || t.node.kind === "array" || t.node.kind === "any") this.syncInstances(t.node);
    this.changed(pointer, segments, before, value);
    this.flush();
    this.schedule();
  }

  /**
   * Records what the citizen typed in a field that could not become a value (see `BadInput`): the
   * field's value is removed, as `set(pointer, undefined)` does, and `validate()` reports `badInput`
   * for the field instead of any other error of it, until the field is set again (`set()`, or
   * `setBadInput(pointer, undefined)`, which withdraws it and leaves the field empty). A widget calls
   * it as the citizen types: 31/02 is then "must be a real date", not a stale value nor "required".
   * Throws where `set()` does (no such field, locked, computed).
   */
  setBadInput(pointer: string, badInput: BadInput | undefined): void {
    if (badInput === undefined) {
      if (!this.badInputs.has(pointer)) return;
      this.set(pointer, undefined); // withdraws it (set() does), and schedules the revalidation
      return;
    }
    const provenance = this.badInputs.has(pointer) ? this.badInputs.get(pointer)!.provenance : this.provenance.get(pointer);
    this.set(pointer, undefined);
    this.badInputs.set(pointer, { input: badInput, provenance });
    this.touch(pointer);
    this.flush();
    this.schedule(); // revalidates what validate() shows
  }

  /** What `setBadInput` recorded for a field and is still reported, if anything. */
  badInput(pointer: string): BadInput | undefined {
    return this.badInputs.get(pointer)?.input;
  }

  /** Forgets the bad inputs at or below `pointer`, notifying their fields; whether there were any. */
  private dropBadInputs(pointer: string): boolean {
    let any = false;
    for (const p of [...this.badInputs.keys()]) {
      if (!isPrefixPointer(pointer, p)) continue;
      this.badInputs.delete(p);
      this.touch(p);
      any = true;
    }
    return any;
  }

  /** Throws unless every row a data pointer goes through exists: rows are made by addRow() or by setting the array. */
  private checkRows(segments: readonly string[]): void {
    let node = this.procedure.root;
    let value: unknown = this.full;
    for (let d = 0; d < segments.length; d++) {
      const s = segments[d]!;
      if (node.items && !node.properties?.has(s)) {
        const rows = Array.isArray(value) ? value.length : 0;
        if (Number(s) >= rows) {
          throw new RangeError(
            `tokhai: "${formatPointer(segments)}" is in row ${s} of "${formatPointer(segments.slice(0, d))}", which has ${rows} row${rows === 1 ? "" : "s"}; add rows with addRow().`,
          );
        }
        node = node.items;
      } else {
        node = node.properties!.get(s)!;
      }
      value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[s] : undefined;
    }
  }

  /** Appends a row to an array field (with the item's defaults, overlaid by `value`). Returns its index. */
  addRow(pointer: string, value?: unknown): number {
    const { segments, node } = this.arrayAt(pointer, "add a row to");
    const rows = (getIn(this.full, segments) as unknown[] | undefined) ?? [];
    const maxItems = node.schema["maxItems"];
    if (typeof maxItems === "number" && rows.length >= maxItems) {
      throw new RangeError(`tokhai: "${pointer}" already has its maximum of ${maxItems} rows.`);
    }
    const index = rows.length;
    const items = node.items!;
    const row = mergeDefaults(defaultsOf(items), value) ?? (items.kind === "object" ? {} : items.kind === "array" ? [] : null);
    const rowPointer = appendPointer(pointer, index);
    this.write(rowPointer, [...segments, String(index)], row);
    forEachLeaf(row, rowPointer, (p, leaf) => {
      const fromDefault = value === undefined || getIn(value, parsePointer(p.slice(rowPointer.length))) === undefined;
      this.provenance.set(p, fromDefault ? { source: "default", edited: false, original: leaf } : { source: "user" });
    });
    this.syncInstances(node);
    this.changed(rowPointer, [...segments, String(index)], undefined, row);
    this.pending.add(pointer);
    this.flush();
    this.schedule();
    return index;
  }

  /** Removes the row at `index` of an array field. */
  removeRow(pointer: string, index: number): void {
    const { segments, node } = this.arrayAt(pointer, "remove a row from");
    const rows = (getIn(this.full, segments) as unknown[] | undefined) ?? [];
    if (!Number.isInteger(index) || index < 0 || index >= rows.length) {
      throw new RangeError(`tokhai: "${pointer}" has no row ${index} (it has ${rows.length}).`);
    }
    const next = rows.filter((_, i) => i !== index);
    this.reorder(pointer, segments, node, rows, next, (i) => (i === index ? undefined : i > index ? i - 1 : i));
  }

  /** Moves the row at `from` to position `to` of an array field. */
  moveRow(pointer: string, from: number, to: number): void {
    const { segments, node } = this.arrayAt(pointer, "move a row of");
    const rows = (getIn(this.full, segments) as unknown[] | undefined) ?? [];
    for (const i of [from, to]) {
      if (!Number.isInteger(i) || i < 0 || i >= rows.length) {
        throw new RangeError(`tokhai: "${pointer}" has no row ${i} (it has ${rows.length}).`);
      }
    }
    if (from === to) return;
    const next = rows.slice();
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    this.reorder(pointer, segments, node, rows, next, (i) => {
      if (i === from) return to;
      if (from < to && i > from && i <= to) return i - 1;
      if (from > to && i >= to && i < from) return i + 1;
      return i;
    });
  }

  /** The state of one field. Throws for a pointer outside the schema. */
  field(pointer: string): FieldState {
    const cached = this.cache.get(pointer);
    if (cached) return cached;
    const segments = parsePointer(pointer);
    const t = templateOf(this.procedure, segments);
    if (!t || t.indices.includes(-1)) {
      throw new TypeError(`tokhai: no field at "${pointer}" in procedure ${this.procedure.id}.`);
    }
    const state = this.buildState(pointer, segments, t.node);
    this.cache.set(pointer, state);
    return state;
  }

  /**
   * Listens to changes. With a pointer, the listener gets that field's new state whenever it changes;
   * without, it gets the set of changed pointers after each batch. Returns the unsubscribe function.
   */
  subscribe(listener: (change: FormChange) => void): () => void;
  subscribe(pointer: string, listener: (state: FieldState) => void): () => void;
  subscribe(a: string | ((change: FormChange) => void), b?: (state: FieldState) => void): () => void {
    if (typeof a === "function") {
      this.listeners.add(a);
      return () => this.listeners.delete(a);
    }
    const listener = b!;
    let set = this.fieldListeners.get(a);
    if (!set) this.fieldListeners.set(a, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.fieldListeners.delete(a);
    };
  }

  /**
   * Resolves when every expression affected by the changes so far has run, and every lookup asked has
   * its answer (and what reads it has run again). With `{ lookups: false }` it does not wait for the
   * registers: a page paints, or a row gets its focus, while a lookup is still being answered.
   */
  settled(options?: { readonly lookups?: boolean }): Promise<void> {
    if (!this.lookups || options?.lookups === false) return this.draining ?? Promise.resolve();
    return this.settleLookups();
  }

  /** Settles when every lookup asked has its answer, and every expression it affects has run. */
  private async settleLookups(): Promise<void> {
    for (;;) {
      await this.draining;
      if (this.lookups!.busy) await this.lookups!.idle();
      else if (!this.draining) return;
    }
  }

  /** Where a lookup stands (`idle`, `pending`, `found`, `not-found`, `failed`), with its input and record. */
  lookup(name: string): LookupState | undefined {
    return this.lookups?.state(name);
  }

  /** Asks the register again for a lookup that failed (the citizen's "try again"). */
  retryLookup(name: string): void {
    this.lookups?.retry(name);
  }

  /**
   * Validates the visible fields (all, or those under `pointers`), shows the errors on the fields and
   * keeps them up to date from then on. Resolves to the errors, in document order.
   */
  async validate(pointers?: readonly string[]): Promise<readonly FormError[]> {
    await this.settled();
    const scope = pointers ?? [""];
    for (const p of scope) if (!this.live.some((l) => isPrefixPointer(l, p))) this.live.push(p);
    const errors = this.revalidate();
    this.flush();
    return errors.filter((e) => scope.some((s) => isPrefixPointer(s, e.pointer)));
  }

  /**
   * The steps this citizen goes through now, in order: each step whose condition holds (or that has
   * none) and that shows a visible field, up to the first exit page whose condition holds, which ends
   * the list (the steps after it cannot be reached). Changes as the citizen answers: listen with
   * `subscribe`.
   */
  steps(): readonly StepDocument[] {
    const out: StepDocument[] = [];
    const steps = this.procedure.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.kind === "exit") {
        if (!this.exits.has(i)) continue;
        out.push(step);
        break;
      }
      const fields = stepFields(step);
      if (fields.length === 0 || fields.some((p) => this.isVisible(p))) out.push(step);
    }
    return out;
  }

  /** The exit page that applies to this citizen now, if any: then nothing can be submitted. */
  get exit(): StepDocument | undefined {
    const steps = this.procedure.steps;
    for (let i = 0; i < steps.length; i++) if (this.exits.has(i)) return steps[i];
    return undefined;
  }

  /** The error of an exit page that applies: the procedure refuses the submission. */
  private exitError(): FormError | undefined {
    const exit = this.exit;
    if (!exit) return undefined;
    const title = translate(this.procedure.document, this._locale, (t) => t.steps?.[exit.id]?.title) ?? exit.title;
    return { pointer: "", keyword: "x-exit", message: engineMessage("exit", { title }, this._locale), params: { step: exit.id } };
  }

  /** The submission envelope if the form is valid, else the errors (also shown on the fields). */
  async submission(): Promise<SubmissionResult<TData>> {
    const errors = await this.validate();
    const exit = this.exitError();
    if (exit) return { ok: false, errors: [exit, ...errors] };
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      envelope: {
        id: this._id,
        procedure: { id: this.procedure.id, version: this.procedure.version },
        data: cloneJson(this.effective) as TData,
        provenance: this.provenanceOfData(),
        attachments: this.attachments(),
        locale: this._locale,
        submittedAt: this.now().toISOString(),
      },
    };
  }

  /** The answers in progress, to save and hand back as `draft` later. Hidden values are left out. */
  draft(step?: string, completed?: readonly string[]): Draft {
    return {
      id: this._id,
      procedure: { id: this.procedure.id, version: this.procedure.version },
      data: cloneJson(this.effective),
      provenance: this.provenanceOfData(),
      ...(this.cleared.size > 0 ? { cleared: [...this.cleared].filter((p) => this.isVisible(p)) } : {}),
      ...(step !== undefined ? { step } : {}),
      ...(completed !== undefined && completed.length > 0 ? { completed: [...completed] } : {}),
      savedAt: this.now().toISOString(),
    };
  }

  /**
   * Back to the initial state: defaults and prefilled values, no draft, no errors shown. A reset form is
   * a new declaration: it gets a new `id`.
   */
  reset(): void {
    this._id = newEnvelopeId();
    const before = [...this.allPointers()];
    this.init(undefined);
    for (const p of before) this.pending.add(p);
    this.flush();
  }

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------

  private init(draft: Draft | undefined): void {
    for (const map of this.instances.values()) for (const i of map.values()) i.disposed = true;
    if (this.lookups) {
      this.lookups.dispose(); // the inputs are looked up again (from the cache) as the expressions run
      for (const name of this.procedure.lookupNames) this.sourceBindings[name] = undefined;
    }
    this.instances.clear();
    this.hidden.clear();
    this.gated.clear();
    this.exits.clear();
    this.outputs.clear();
    this.provenance.clear();
    this.locked.clear();
    this.shown.clear();
    this.badInputs.clear();
    this.live = [];
    this.cache.clear();
    this.draftData = undefined;
    this.draftCleared = new Set();
    this.cleared.clear();
    this.prefilledRoots.clear();
    this._draftStatus = { state: "none" };
    if (this.observer) {
      this.full = this.observer.data;
    } else {
      let data: unknown = defaultsOf(this.procedure.root) ?? {};
      forEachLeaf(data, "", (p, leaf) => this.provenance.set(p, { source: "default", edited: false, original: leaf }));
      const checked = draft ? this.checkDraft(draft) : undefined;
      if (checked) {
        const saved = checked.data;
        this.draftData = saved;
        data = mergeDefaults(data, saved);
        const cleared = new Set<string>();
        for (const p of Array.isArray(checked.cleared) ? checked.cleared : []) {
          if (typeof p !== "string" || !p.startsWith("/") || !templateOf(this.procedure, parsePointer(p))) continue;
          cleared.add(p);
          data = setIn(data, parsePointer(p), undefined);
          this.provenance.delete(p);
        }
        this.draftCleared = cleared;
        for (const p of cleared) this.cleared.add(p);
        const claims: Record<string, unknown> = checked.provenance && typeof checked.provenance === "object" ? checked.provenance : {};
        forEachLeaf(saved, "", (p) => {
          const claim = Object.prototype.hasOwnProperty.call(claims, p) ? claims[p] : undefined;
          this.provenance.set(p, isClaim(claim) ? fromSaved(claim, getIn(saved, parsePointer(p))) : { source: "user" });
        });
      }
      this.full = data;
    }
    this.effective = this.full;
    this.syncInstances(this.procedure.root);
    this.schedule();
  }

  /** The draft's data without values the procedure has no field for; sets `draftStatus`. */
  private checkDraft(draft: Draft): Draft | undefined {
    const reject = (reason: "procedure" | "version" | "malformed") => {
      this._draftStatus = { state: "rejected", reason };
      return undefined;
    };
    if (!draft || typeof draft !== "object" || !draft.data || typeof draft.data !== "object" || Array.isArray(draft.data)) {
      return reject("malformed");
    }
    // Measured before anything reads it: no walk below may meet a draft deeper or larger than this.
    if (jsonBreach(draft, DRAFT_LIMITS)) return reject("malformed");
    if (draft.procedure) {
      if (typeof draft.procedure !== "object" || draft.procedure.id !== this.procedure.id) return reject("procedure");
      if (Number(String(draft.procedure.version).split(".")[0]) !== this.procedure.major) return reject("version");
    }
    // Values of the wrong type (an object where the schema has a text) are dropped, and said so.
    const typed = withoutRefused(this.procedure, draft, (keyword) => keyword === "type");
    if (!typed) return reject("malformed");
    const dropped = new Set<string>(typed.dropped);
    let data: unknown = typed.draft.data;
    forEachLeaf(typed.draft.data, "", (p) => {
      const segments = parsePointer(p);
      let parent = this.procedure.root;
      for (let depth = 1; depth <= segments.length; depth++) {
        const t = templateOf(this.procedure, segments.slice(0, depth));
        if (t) {
          parent = t.node;
          continue;
        }
        if (parent.open || parent.kind === "any") return;
        const unknown = segments.slice(0, depth);
        const pointer = formatPointer(unknown);
        dropped.add(pointer);
        data = setIn(data, unknown, undefined);
        return;
      }
    });
    this._draftStatus = { state: "restored", dropped: [...dropped] };
    return { ...typed.draft, data };
  }

  private arrayAt(pointer: string, what: string): { segments: string[]; node: FieldNode } {
    const segments = parsePointer(pointer);
    const t = templateOf(this.procedure, segments);
    if (!t || t.indices.includes(-1) || !t.node.items) {
      throw new TypeError(`tokhai: cannot ${what} "${pointer}": it is not an array field of procedure ${this.procedure.id}.`);
    }
    if (this.isLocked(pointer)) {
      throw new TypeError(`tokhai: cannot ${what} "${pointer}": its rows are verified data from a source (x-lock).`);
    }
    return { segments, node: t.node };
  }

  private isLocked(pointer: string): boolean {
    for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) if (this.locked.has(p)) return true;
    return false;
  }

  private lockedBelow(pointer: string): boolean {
    if (this.locked.size === 0) return false;
    for (const p of this.locked) if (isPrefixPointer(pointer, p)) return true;
    return false;
  }

  /** `value` without the subtrees that are hidden below `pointer`. */
  private pruned(pointer: string, value: unknown): unknown {
    if ((this.hidden.size === 0 && this.gated.size === 0) || value === undefined) return value;
    let out: unknown = value;
    for (const h of [...this.hidden, ...this.gated]) {
      if (h !== pointer && isPrefixPointer(pointer, h)) out = setIn(out, parsePointer(h.slice(pointer.length)), undefined);
    }
    return out;
  }

  private write(pointer: string, segments: readonly string[], value: unknown): void {
    const isArrayAt = (depth: number) => {
      const t = templateOf(this.procedure, segments.slice(0, depth));
      return !!t?.node.items && !t.node.properties;
    };
    this.full = setIn(this.full, segments, value, isArrayAt);
    if (this.isVisible(pointer)) this.effective = setIn(this.effective, segments, this.pruned(pointer, value), isArrayAt);
  }

  /** Records that the citizen set `pointer` (from `before` to `value`). */
  /**
   * Removes the provenance of `pointer` and, when the value there was a container, of everything
   * below it (only then is the whole map scanned). Returns what was removed.
   */
  private dropProvenance(pointer: string, before: unknown): Map<string, InternalProvenance> {
    const removed = new Map<string, InternalProvenance>();
    const own = this.provenance.get(pointer);
    if (own) {
      removed.set(pointer, own);
      this.provenance.delete(pointer);
    }
    if (before !== null && typeof before === "object") {
      for (const [key, value] of this.provenance) {
        if (isPrefixPointer(pointer, key)) {
          removed.set(key, value);
          this.provenance.delete(key);
        }
      }
    }
    return removed;
  }

  private userProvenance(pointer: string, before: unknown, value: unknown): void {
    const previous = this.dropProvenance(pointer, before);
    if (value === undefined) {
      // Removing a value the form filled in is an answer too: a restored draft must not refill it.
      const own = previous.get(pointer);
      if (own && own.source !== "user" && own.source !== "computed") this.cleared.add(pointer);
    } else {
      for (const c of [...this.cleared]) if (isPrefixPointer(pointer, c)) this.cleared.delete(c);
    }
    forEachLeaf(value, pointer, (p, leaf) => {
      const prev = previous.get(p);
      if (prev && (prev.source === "default" || (prev.source !== "user" && prev.source !== "computed"))) {
        const original = (prev as { original: unknown }).original;
        this.provenance.set(p, { ...prev, edited: !deepEqual(original, leaf) } as InternalProvenance);
      } else {
        this.provenance.set(p, { source: "user" });
      }
    });
  }

  private reorder(
    pointer: string,
    segments: string[],
    node: FieldNode,
    before: unknown[],
    next: unknown[],
    mapping: (i: number) => number | undefined,
  ): void {
    // Re-key everything that lives under a row, before the data is pruned by the (re-keyed) hidden set.
    const prefix = pointer + "/";
    const rekey = (key: string): string | undefined => {
      if (!key.startsWith(prefix)) return key;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf("/");
      const index = Number(slash === -1 ? rest : rest.slice(0, slash));
      const to = mapping(index);
      return to === undefined ? undefined : prefix + to + (slash === -1 ? "" : rest.slice(slash));
    };
    rekeyMap(this.outputs, rekey);
    rekeyMap(this.provenance, rekey);
    rekeyMap(this.shown, rekey);
    rekeyMap(this.badInputs, rekey);
    rekeySet(this.hidden, rekey);
    rekeySet(this.locked, rekey);
    rekeySet(this.cleared, rekey);
    rekeyMap(this.prefilledRoots, rekey);
    const level = node.arrayDepth; // index of this array's rows in an instance's indices
    const parentIndices = templateOf(this.procedure, segments)!.indices;
    for (const [template, map] of this.instances) {
      if (!isPrefixPointer(node.items!.pointer, template.node.pointer)) continue;
      const moved: Instance[] = [];
      for (const [key, inst] of map) {
        if (!parentIndices.every((v, k) => inst.indices[k] === v)) continue;
        map.delete(key);
        const to = mapping(inst.indices[level]!);
        if (to === undefined) {
          inst.disposed = true;
          continue;
        }
        const from = inst.indices[level];
        inst.indices = inst.indices.slice();
        inst.indices[level] = to;
        inst.segments = fill(template.node.segments, inst.indices);
        inst.pointer = formatPointer(inst.segments);
        moved.push(inst);
        // An expression that reads `$index` changes with its row's position, whatever data it reads.
        if (template.usesIndex && from !== to) this.mark(inst);
      }
      for (const inst of moved) map.set(inst.indices.join(","), inst);
    }
    this.full = setIn(this.full, segments, next);
    if (this.isVisible(pointer)) this.effective = setIn(this.effective, segments, this.pruned(pointer, next));
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix) || key === pointer) this.cache.delete(key);
    this.changed(pointer, segments, before, next);
    this.flush();
    this.schedule();
  }

  /** Creates the expression instances of every field under `node` that the data now has, drops the others. */
  private syncInstances(node: FieldNode): void {
    for (const template of this.procedure.expressions) {
      if (!isPrefixPointer(node.pointer, template.node.pointer) && !isPrefixPointer(template.node.pointer, node.pointer)) continue;
      // A row's title is for the citizen's eyes: the back end's check neither needs nor verifies it.
      if (this.observer && template.keyword === "x-row-title") continue;
      let map = this.instances.get(template);
      if (!map) this.instances.set(template, (map = new Map()));
      const wanted = new Set<string>();
      for (const indices of this.rowsOf(template.node)) {
        const key = indices.join(",");
        wanted.add(key);
        if (map.has(key)) continue;
        const segments = fill(template.node.segments, indices);
        const inst: Instance = {
          template,
          indices,
          segments,
          pointer: formatPointer(segments),
          dirty: false,
          disposed: false,
          done: false,
        };
        map.set(key, inst);
        this.mark(inst);
      }
      for (const [key, inst] of map) {
        if (wanted.has(key)) continue;
        inst.disposed = true;
        map.delete(key);
        this.outputs.delete(inst.pointer);
        this.hidden.delete(inst.pointer);
        this.touchBelow(inst.pointer);
      }
    }
  }

  /** Every combination of row indices at which `node` exists in the data. */
  private rowsOf(node: FieldNode): number[][] {
    if (node.arrayDepth === 0) return [[]];
    let combos: { indices: number[]; value: unknown }[] = [{ indices: [], value: this.full }];
    for (const s of node.segments) {
      const next: { indices: number[]; value: unknown }[] = [];
      for (const c of combos) {
        if (s === ANY_ROW) {
          if (Array.isArray(c.value)) c.value.forEach((v, i) => next.push({ indices: [...c.indices, i], value: v }));
        } else {
          next.push({ indices: c.indices, value: c.value && typeof c.value === "object" ? (c.value as Record<string, unknown>)[s] : undefined });
        }
      }
      combos = next;
    }
    return combos.map((c) => c.indices);
  }

  private mark(inst: Instance): void {
    if (inst.dirty || inst.disposed) return;
    if (inst.template.keyword === "x-prefill" && inst.done) return; // a prefill from a lookup is never done (see apply)
    inst.dirty = true;
    this.queue.push(inst);
  }

  /**
   * A value changed at `pointer` (effective data): marks the expressions that read it and records the
   * fields to notify.
   */
  private changed(pointer: string, segments: readonly string[], before: unknown, after: unknown): void {
    const t = templateOf(this.procedure, segments);
    if (!t) return;
    const indices = t.indices;
    const { readersAt, readersBelow } = this.procedure;
    const refs = [...(readersBelow.get(t.node.pointer) ?? [])];
    for (let p = parentPointer(t.node.pointer); p !== undefined; p = parentPointer(p)) {
      const at = readersAt.get(p);
      if (at) refs.push(...at);
    }
    for (const ref of refs) {
      const map = this.instances.get(ref.expression);
      if (!map) continue;
      const shared = Math.min(ref.level, indices.length);
      if (shared === 0) {
        for (const inst of map.values()) this.mark(inst);
      } else if (shared === ref.expression.node.arrayDepth && shared === indices.length) {
        const inst = map.get(indices.join(","));
        if (inst) this.mark(inst);
      } else {
        for (const inst of map.values()) {
          let match = true;
          for (let k = 0; k < shared; k++) if (inst.indices[k] !== indices[k]) match = false;
          if (match) this.mark(inst);
        }
      }
    }
    // Notify the field, its ancestors and whatever changed below it.
    for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) this.touch(p);
    if ((before !== null && typeof before === "object") || (after !== null && typeof after === "object")) {
      const touch = (p: string) => this.touch(p);
      forEachContainer(before, pointer, touch);
      forEachContainer(after, pointer, touch);
    }
  }

  private touch(pointer: string): void {
    this.pending.add(pointer);
    this.cache.delete(pointer);
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const pointers = this.pending;
    this.pending = new Set();
    if (this.fieldListeners.size > 0) {
      for (const p of pointers) {
        const set = this.fieldListeners.get(p);
        if (!set) continue;
        let state: FieldState;
        try {
          state = this.field(p);
        } catch {
          continue; // a row that no longer exists
        }
        for (const l of [...set]) l(state);
      }
    }
    if (this.listeners.size > 0) {
      const change: FormChange = { pointers };
      for (const l of [...this.listeners]) l(change);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions
  // ---------------------------------------------------------------------------------------------

  private schedule(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    await Promise.resolve();
    // Listeners called by the final flush may set() again: loop until nothing is left to run.
    do {
      for (;;) {
        const inst = this.queue.pop();
        if (!inst) break;
        if (inst.disposed || !inst.dirty) continue;
        inst.dirty = false;
        await this.run(inst);
      }
      if (this.live.length > 0) this.revalidate();
      this.flush();
    } while (this.queue.size > 0);
  }

  private async run(inst: Instance): Promise<void> {
    const t = inst.template;
    if (t.keyword === "x-prefill" && inst.done) return;
    const bindings: Record<string, unknown> = { ...this.sourceBindings };
    bindings["value"] = getIn(this.effective, inst.segments);
    if (inst.segments.length > 0) bindings["parent"] = getIn(this.effective, inst.segments.slice(0, -1));
    let rowSegments: string[] | undefined;
    if (t.node.arrayDepth > 0) {
      const last = t.node.segments.lastIndexOf(ANY_ROW);
      rowSegments = inst.segments.slice(0, last + 1);
      bindings["row"] = getIn(this.effective, rowSegments);
      bindings["index"] = inst.indices[inst.indices.length - 1];
    }
    let result: unknown;
    const simple = t.compiled.analysis.simplePath;
    let quick: unknown = NOT_SIMPLE;
    if (simple) {
      const root = simple.root;
      const base =
        root.kind === "source" ? bindings[root.name] : root.kind === "data" ? this.effective : root.kind === "row" ? bindings["row"] : root.kind === "parent" ? bindings["parent"] : bindings["value"];
      quick = readSimplePath(base, simple.path);
    }
    if (quick !== NOT_SIMPLE) {
      result = quick;
    } else {
      const evaluate = this.observer ? t.compiled.under(this.observer.budget) : t.compiled.evaluate;
      try {
        result = await evaluate(this.effective, bindings);
      } catch (error) {
        result = undefined;
        if (!isTimeout(error)) this.diagnose(inst, error);
        else {
          // JSONata's time budget is wall-clock from the start of an asynchronous evaluation, so a pause
          // of the thread between its steps (rendering, GC, a loaded machine) counts against it. Once
          // more before giving up: a runaway expression runs out of time again.
          try {
            result = await evaluate(this.effective, bindings);
          } catch (again) {
            result = undefined;
            this.diagnose(inst, again);
          }
        }
      }
    }
    if (inst.disposed) return;
    try {
      this.apply(inst, result);
    } catch (error) {
      // A result the engine cannot use (e.g. a function): no value, a diagnostic, the form goes on.
      this.diagnose(inst, error);
    }
    // The back end's check waits for the register's answer here, so that what reads it runs after.
    if (t.keyword === "lookup" && this.observer) await this.lookups?.idle();
  }

  private diagnose(inst: { readonly template: ExpressionTemplate; readonly pointer: string }, error: unknown): void {
    const e = error as { code?: string; message?: string };
    const code = typeof e?.code === "string" ? e.code : error instanceof RangeError ? "D1011" : "error";
    const message = e?.message ?? String(error);
    const diagnostic: Diagnostic = {
      keywordPointer: inst.template.keywordPointer,
      pointer: inst.pointer,
      code,
      message,
      expression: inst.template.text,
    };
    this._diagnostics.push(diagnostic);
    if (this._diagnostics.length > MAX_DIAGNOSTICS) this._diagnostics.shift();
    this.observer?.failed(inst, error);
    notify(this.onDiagnostic, diagnostic);
  }

  private apply(inst: Instance, result: unknown): void {
    const { template: t, pointer, segments } = inst;
    switch (t.keyword) {
      case "x-prefill": {
        const lookup = this.lookupRead(t);
        if (lookup !== undefined) return this.applyLookupPrefill(inst, result, lookup);
        inst.done = true;
        this.applyPrefill(inst, result);
        return;
      }
      case "lookup":
        this.lookups?.request(t.lookup!, result);
        return;
      case "x-compute": {
        const value = fieldValue(t.node, result);
        const before = getIn(this.full, segments);
        this.observer?.computed(pointer, value); // the back end compares it once everything has settled
        if (deepEqual(before, value)) return;
        this.dropProvenance(pointer, before);
        this.write(pointer, segments, value);
        forEachLeaf(value, pointer, (p) => this.provenance.set(p, { source: "computed" }));
        const wasVisible = this.isVisible(pointer);
        this.changed(pointer, segments, wasVisible ? before : undefined, wasVisible ? value : undefined);
        return;
      }
      case "x-visible":
        this.hide(this.hidden, pointer, segments, !truthy(result));
        return;
      case "step":
        this.hide(this.gated, pointer, segments, !truthy(result));
        return;
      case "exit": {
        const holds = truthy(result);
        if (holds === this.exits.has(t.step!)) return;
        if (holds) this.exits.add(t.step!);
        else this.exits.delete(t.step!);
        this.touch("");
        return;
      }
      case "x-required":
        this.setOutput(pointer, "required", truthy(result));
        return;
      case "x-readonly":
        this.setOutput(pointer, "readonly", truthy(result));
        return;
      case "x-options":
        this.setOutput(pointer, "options", toOptions(result));
        return;
      case "x-row-title":
        this.setOutput(pointer, "rowTitle", rowTitleOf(result));
        return;
      case "x-rules": {
        const out = this.outputs.get(pointer) ?? {};
        const rules = new Map(out.rules ?? []);
        const failedRule = result === false;
        if (failedRule === rules.has(t.ruleIndex!)) return;
        if (failedRule) rules.set(t.ruleIndex!, t.message);
        else rules.delete(t.ruleIndex!);
        this.outputs.set(pointer, { ...out, rules });
        this.touch(pointer);
        return;
      }
    }
  }

  /**
   * Hides a field for one reason (its own condition, or its step's) or shows it again for that reason.
   * Its value leaves the data (and comes back) when it becomes hidden for any reason (or for none).
   */
  private hide(reason: Set<string>, pointer: string, segments: readonly string[], hidden: boolean): void {
    const was = this.hidden.has(pointer) || this.gated.has(pointer);
    if (hidden) reason.add(pointer);
    else reason.delete(pointer);
    const visible = !(this.hidden.has(pointer) || this.gated.has(pointer));
    if (visible === !was) return;
    if (pointer === "" || this.isVisible(parentPointer(pointer)!)) {
      const before = getIn(this.effective, segments);
      const after = visible ? this.pruned(pointer, getIn(this.full, segments)) : undefined;
      this.effective = setIn(this.effective, segments, after);
      this.changed(pointer, segments, before, after);
    }
    this.touchBelow(pointer);
  }

  private setOutput<K extends "required" | "readonly" | "options" | "rowTitle">(pointer: string, key: K, value: Outputs[K]): void {
    const out = this.outputs.get(pointer) ?? {};
    if (deepEqual(out[key], value)) return;
    this.outputs.set(pointer, { ...out, [key]: value });
    // Read-only is inherited by the fields inside; the rest concern this field only.
    if (key === "readonly") this.touchBelow(pointer);
    else this.touch(pointer);
  }

  private touchBelow(pointer: string): void {
    for (const key of [...this.cache.keys()]) if (isPrefixPointer(pointer, key)) this.cache.delete(key);
    for (const key of this.fieldListeners.keys()) if (isPrefixPointer(pointer, key)) this.pending.add(key);
    this.pending.add(pointer);
  }

  private applyPrefill(inst: Instance, result: unknown): void {
    const { template: t, pointer, segments } = inst;
    const value = fieldValue(t.node, result);
    if (isEmpty(value)) return; // the source has no value: the field stays editable and empty
    const lockable = t.node.schema["x-lock"] === true;
    const source = t.sourceReads[0];
    const prefilled: Prefilled = {
      value,
      source: source?.source ?? "default",
      path: source && t.sourceReads.length === 1 && t.compiled.analysis.simplePath ? source.path.join(".") : t.text,
      node: t.node,
      lockable,
    };
    if (this.observer) {
      this.observer.prefilled(pointer, prefilled); // the back end compares it once everything has settled
      return;
    }
    const current = getIn(this.full, segments);
    const drafted = this.draftData !== undefined && (getIn(this.draftData, segments) !== undefined || this.draftCleared.has(pointer));
    let fromDefault = current === undefined;
    if (!fromDefault) {
      fromDefault = true;
      forEachLeaf(current, pointer, (p) => {
        if (this.provenance.get(p)?.source !== "default") fromDefault = false;
      });
    }
    if (!lockable && drafted) {
      // The citizen's saved answers win, but values inside them that came from this source and are
      // locked come from the source again, never from the draft.
      this.relock(pointer, prefilled);
      return;
    }
    if (!lockable && !fromDefault) return;
    this.dropProvenance(pointer, current);
    this.write(pointer, segments, value);
    forEachLeaf(value, pointer, (p, leaf) => {
      const locked = lockable || this.lockableBetween(p, t.node);
      this.provenance.set(p, { source: prefilled.source, path: leafPath(prefilled.path, p.slice(pointer.length)), locked, edited: false, original: leaf });
      if (locked) this.locked.add(p);
    });
    if (lockable) this.locked.add(pointer);
    if (value !== null && typeof value === "object") this.prefilledRoots.set(pointer, { source: prefilled.source, path: prefilled.path });
    if (t.node.items) this.syncInstances(t.node);
    this.changed(pointer, segments, current, value);
  }

  /** A field at `pointer` has `x-lock` on itself or on a node between it and `owner` (the prefilled field). */
  private lockableBetween(pointer: string, owner: FieldNode): boolean {
    for (let n = templateOf(this.procedure, parsePointer(pointer))?.node; n; n = n.parent) {
      if (n.schema["x-lock"] === true) return true;
      if (n === owner) return false;
    }
    return false;
  }

  /**
   * Restores what a prefill yields into the values of a restored draft: each value the source accounts
   * for (rows matched by their claims, see `alignPrefill`) gets its provenance from the source, and every
   * locked one its value and its lock, whatever the draft said of it. Claims of this source that the
   * source does not bear out become the citizen's own values.
   */
  private relock(pointer: string, prefilled: Prefilled): void {
    const current = getIn(this.full, parsePointer(pointer));
    const claimOf = (p: string) => {
      const claim = this.provenance.get(p);
      return claim && "path" in claim ? claim : undefined;
    };
    const { values } = alignPrefill(prefilled, pointer, current, claimOf);
    const borne = new Set<string>();
    for (const d of values) {
      if (d.lockRoot) {
        const segments = parsePointer(d.pointer);
        const before = getIn(this.full, segments);
        this.dropProvenance(d.pointer, before);
        forEachLeaf(d.expected, d.pointer, (p, leaf) => {
          this.provenance.set(p, { source: prefilled.source, path: leafPath(d.path, p.slice(d.pointer.length)), locked: true, edited: false, original: leaf });
          this.locked.add(p);
          borne.add(p);
        });
        this.locked.add(d.pointer);
        if (!deepEqual(before, d.expected)) {
          this.write(d.pointer, segments, d.expected);
          this.changed(d.pointer, segments, before, d.expected);
        } else {
          this.touch(d.pointer);
        }
      } else if (d.leaf && !d.locked) {
        const value = getIn(this.full, parsePointer(d.pointer));
        this.provenance.set(d.pointer, { source: prefilled.source, path: d.path, locked: false, edited: !deepEqual(d.expected, value), original: d.expected });
        borne.add(d.pointer);
      }
    }
    forEachLeaf(getIn(this.full, parsePointer(pointer)), pointer, (p) => {
      const claim = this.provenance.get(p);
      if (claim && claim.source === prefilled.source && !borne.has(p)) this.provenance.set(p, { source: "user" });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups
  // ---------------------------------------------------------------------------------------------

  /** The lookup an expression reads (`$<lookup>`), if any: a prefill from it follows its answers. */
  private lookupRead(t: ExpressionTemplate): string | undefined {
    if (!this.lookups) return undefined;
    for (const r of t.sourceReads) if (this.procedure.lookupInputs.has(r.source)) return r.source;
    return undefined;
  }

  /**
   * A lookup's state changed (asked, answered, failed, or its input emptied): what `$<name>` reads is
   * updated, every expression that reads it runs again, and the fields that show it are notified.
   */
  private lookupChanged(name: string, state: LookupState): void {
    this.sourceBindings[name] = state.status === "found" ? state.value : undefined;
    const input = this.procedure.lookupInputs.get(name)!;
    for (const template of this.procedure.lookupReaders.get(name) ?? []) {
      for (const inst of this.instances.get(template)?.values() ?? []) {
        inst.done = false;
        this.mark(inst);
        if (template.keyword === "x-prefill" || template.keyword === "x-compute") this.touch(inst.pointer);
      }
    }
    for (const p of lookupInputPointers(input)) this.touch(p);
    if (state.status === "failed") {
      const error = Object.assign(new Error(state.error ?? "the lookup failed"), { code: "lookup-failed" });
      this.diagnose({ template: input, pointer: lookupInputPointers(input)[0] ?? "" }, error);
    }
    // An answer may come while a drain is ending, after its last flush: drain again once it is over,
    // or the fields would not hear of it.
    if (this.draining) void this.draining.then(() => this.schedule());
    else this.schedule();
  }

  /**
   * A prefill from a lookup, run whenever the lookup's answer changes: a record found fills the field
   * (locked where `x-lock` says so), replacing what an earlier answer filled; no record (the input
   * emptied, nothing found) removes what the lookup filled. What the citizen typed or changed stays,
   * and nothing changes while the register is being asked or could not be reached.
   */
  private applyLookupPrefill(inst: Instance, result: unknown, name: string): void {
    const { template: t, pointer, segments } = inst;
    const state = this.lookups!.state(name)!;
    if (state.status === "pending" || state.status === "failed") return;
    const value = fieldValue(t.node, result);
    const lockable = t.node.schema["x-lock"] === true;
    const path = t.sourceReads.length === 1 && t.compiled.analysis.simplePath ? t.sourceReads[0]!.path.join(".") : t.text;
    const input = state.input;
    if (this.observer) {
      if (!isEmpty(value)) this.observer.prefilled(pointer, { value, source: name, path, node: t.node, lockable, input });
      return;
    }
    const current = getIn(this.full, segments);
    // The lookup may replace what it filled itself (unedited), a default, or nothing.
    let ours = true;
    forEachLeaf(current, pointer, (p) => {
      const prov = this.provenance.get(p);
      if (prov?.source === "default") return;
      if (!prov || prov.source !== name || !("edited" in prov) || prov.edited) ours = false;
    });
    const unlock = () => {
      for (const p of [...this.locked]) if (isPrefixPointer(pointer, p)) this.locked.delete(p);
    };
    if (isEmpty(value)) {
      if (current === undefined || !ours) return;
      unlock();
      this.dropProvenance(pointer, current);
      this.prefilledRoots.delete(pointer);
      this.write(pointer, segments, undefined);
      if (t.node.items) this.syncInstances(t.node);
      this.changed(pointer, segments, current, undefined);
      return;
    }
    if (!ours && !lockable) return; // the citizen's answer stays
    unlock();
    this.dropProvenance(pointer, current);
    this.write(pointer, segments, value);
    forEachLeaf(value, pointer, (p, leaf) => {
      const locked = lockable || this.lockableBetween(p, t.node);
      this.provenance.set(p, { source: name, path: leafPath(path, p.slice(pointer.length)), locked, edited: false, original: leaf, input });
      if (locked) this.locked.add(p);
    });
    if (lockable) this.locked.add(pointer);
    if (value !== null && typeof value === "object") this.prefilledRoots.set(pointer, { source: name, path });
    else this.prefilledRoots.delete(pointer);
    if (t.node.items) this.syncInstances(t.node);
    if (deepEqual(current, value)) this.touchBelow(pointer); // same value, new provenance or lock
    else this.changed(pointer, segments, current, value);
  }

  /** The lookups a field feeds or is filled from, as it shows them now. */
  private fieldLookups(node: FieldNode): FieldLookup[] | undefined {
    const roles = this.lookups ? lookupRoles(this.procedure).get(node.pointer) : undefined;
    if (!roles) return undefined;
    const out: FieldLookup[] = [];
    for (const { name, role } of roles) {
      const state = this.lookups!.state(name)!;
      const doc = this.procedure.document.lookups?.[name];
      const register = this.lookupTitle(name);
      const message = (code: EngineMessageCode) => engineMessage(code, { register }, this._locale);
      if (state.status === "pending") out.push({ name, role, status: "pending", message: message("lookupPending") });
      else if (role === "result") continue;
      else if (state.status === "failed") out.push({ name, role, status: "failed", message: message("lookupFailed") });
      else if (state.status === "not-found") {
        const notFound = doc?.notFound;
        if (notFound === false) out.push({ name, role, status: "not-found" });
        else out.push({ name, role, status: "not-found", message: (notFound !== undefined ? localize(notFound, this._locale, this.procedure.defaultLocale) : undefined) ?? message("lookupNotFound") });
      } else if (state.status === "found") out.push({ name, role, status: "found" });
    }
    return out; // empty: the field takes part in a lookup, with nothing to show now
  }

  /** A lookup's title (its register's name) in the form's locale. */
  private lookupTitle(name: string): string | undefined {
    return localize(this.procedure.document.lookups?.[name]?.title, this._locale, this.procedure.defaultLocale);
  }

  /** The rule `index` of `node` reads a lookup that is being asked or failed. */
  private ruleAwaitsLookup(node: FieldNode, index: number): boolean {
    const rule = this.procedure.expressionsOf.get(node)?.find((e) => e.keyword === "x-rules" && e.ruleIndex === index);
    if (!rule) return false;
    return rule.sourceReads.some((r) => {
      const status = this.lookups!.state(r.source)?.status;
      return status === "pending" || status === "failed";
    });
  }

  /** The errors of lookups that failed, at the fields that feed them: the register must be reached to go on. */
  private lookupErrors(add: (e: FormError) => void): void {
    if (!this.lookups || this.observer) return;
    for (const name of this.procedure.lookupNames) {
      if (this.lookups.state(name)?.status !== "failed") continue;
      const message = engineMessage("lookupFailed", { register: this.lookupTitle(name) }, this._locale);
      // At the first field the input reads, as the back end's cannot-verify and the field's status are.
      const pointer = lookupInputPointers(this.procedure.lookupInputs.get(name)!).find((p) => this.isVisible(p)) ?? "";
      add({ pointer, keyword: "x-lookup", message, params: { lookup: name } });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation and export
  // ---------------------------------------------------------------------------------------------

  /** Every error of the visible data, in document order. */
  private computeErrors(): FormError[] {
    const errors: FormError[] = [];
    const locale = this._locale;
    const seen = new Set<string>();
    const add = (e: FormError) => {
      const key = `${e.pointer}\u0000${e.keyword}`;
      if (seen.has(key)) return;
      seen.add(key);
      errors.push(e);
    };
    const data = materialize(this.procedure.root, this.effective ?? {}, "", this.hidden.size + this.gated.size > 0 ? (p) => this.isVisible(p) : undefined);
    const validate = this.procedure.validateData;
    if (!validate(data)) {
      for (const e of validate.errors ?? []) {
        let pointer = e.instancePath;
        const missing = e.params["missingProperty"];
        if ((e.keyword === "required" || e.keyword === "dependentRequired") && typeof missing === "string") {
          pointer = appendPointer(pointer, missing);
        }
        if (!this.isVisible(pointer)) continue;
        if (e.keyword === "if") continue; // the failing `then`/`else` keyword is reported itself
        add({ pointer, keyword: e.keyword, message: schemaErrorMessage(e, locale), params: e.params });
      }
    }
    // A required list left empty (a checkbox group with nothing ticked, a group with no rows) is missing.
    for (const node of this.procedure.fields) {
      if (!node.items || !node.requiredByParent) continue;
      for (const indices of this.rowsOf(node)) {
        const segments = fill(node.segments, indices);
        const value = getIn(data, segments);
        const pointer = formatPointer(segments);
        if (Array.isArray(value) && value.length === 0 && this.isVisible(pointer)) {
          add({ pointer, keyword: "required", message: engineMessage("required", {}, locale) });
        }
      }
    }
    this.lookupErrors(add);
    // Attachments: each file's metadata is held to its field's x-accept and x-max-size.
    for (const { node, pointer, meta } of this.files(data)) {
      const error = attachmentError(meta, attachmentLimits(node.schema));
      if (!error || !this.isVisible(pointer)) continue;
      add({ pointer, keyword: error.problem === "fileType" ? "x-accept" : "x-max-size", message: engineMessage(error.problem, error.params, locale), params: error.params });
    }
    for (const [template, map] of this.instances) {
      if (template.keyword !== "x-required") continue;
      for (const inst of map.values()) {
        if (this.outputs.get(inst.pointer)?.required && this.isVisible(inst.pointer) && isEmpty(getIn(data, inst.segments))) {
          add({ pointer: inst.pointer, keyword: "required", message: engineMessage("required", {}, locale) });
        }
      }
    }
    for (const [pointer, out] of this.outputs) {
      if (!this.isVisible(pointer)) continue;
      if (out.options) {
        const value = getIn(data, parsePointer(pointer));
        if (value !== undefined) {
          const values = Array.isArray(value) ? value : [value];
          if (!values.every((v) => out.options!.some((o) => deepEqual(o.value, v)))) {
            add({ pointer, keyword: "x-options", message: engineMessage("options", {}, locale) });
          }
        }
      }
      if (out.rules) {
        for (const [index, message] of out.rules) {
          const node = templateOf(this.procedure, parsePointer(pointer))?.node;
          // A rule on a lookup's record says nothing while the register is asked or could not be
          // reached: "not found" is not known yet (the failure is its own error, x-lookup).
          if (node && this.lookups && !this.observer && this.ruleAwaitsLookup(node, index)) continue;
          const translated = node ? this.texts(node)?.rules?.[index] : undefined;
          errors.push({
            pointer,
            keyword: "x-rules",
            message: translated ?? localize(message, locale, this.procedure.defaultLocale) ?? engineMessage("ruleFailed", {}, locale),
            params: { rule: index },
          });
        }
      }
    }
    return inDocumentOrder(this.procedure, this.badInputs.size > 0 ? this.withBadInputs(errors) : errors);
  }

  /**
   * The errors with each visible field's bad input in place of that field's own errors: its value is
   * absent because what was typed could not be read, which is what the citizen must be told.
   */
  private withBadInputs(errors: FormError[]): FormError[] {
    const out = errors.filter((e) => !this.badInputs.has(e.pointer));
    const locale = this._locale;
    for (const [pointer, { input: bad }] of this.badInputs) {
      if (!this.isVisible(pointer)) continue;
      const node = templateOf(this.procedure, parsePointer(pointer))?.node;
      const field = node ? (this.texts(node)?.title ?? node.schema.title) : undefined;
      const params = { ...bad.params, field };
      const message = (bad.message !== undefined ? localize(bad.message, locale) : undefined) ?? engineMessage(bad.code, params, locale);
      out.push({ pointer, keyword: "badInput", message, params: { code: bad.code, ...bad.params } });
    }
    return out;
  }

  /** @internal Every error of the visible data, in document order, an exit page's first (the back end's check adds its own). */
  validationErrors(): FormError[] {
    const exit = this.exitError();
    return exit ? [exit, ...this.computeErrors()] : this.computeErrors();
  }

  /** @internal Whether a field is shown (none of its ancestors is hidden either). */
  isVisible(pointer: string): boolean {
    if (this.hidden.size === 0 && this.gated.size === 0) return true;
    for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) if (this.hidden.has(p) || this.gated.has(p)) return false;
    return true;
  }

  /** @internal The pointers of the fields hidden by their own condition or their step's. */
  hiddenPointers(): ReadonlySet<string> {
    return this.gated.size === 0 ? this.hidden : new Set([...this.hidden, ...this.gated]);
  }

  /** Recomputes errors and updates those shown under the live scopes. */
  private revalidate(): FormError[] {
    const errors = this.computeErrors();
    const byPointer = new Map<string, FormError[]>();
    for (const e of errors) {
      if (!this.live.some((l) => isPrefixPointer(l, e.pointer))) continue;
      const list = byPointer.get(e.pointer);
      if (list) list.push(e);
      else byPointer.set(e.pointer, [e]);
    }
    for (const [p, prev] of this.shown) {
      const now = byPointer.get(p);
      if (!now) {
        this.shown.delete(p);
        if (prev.length > 0) this.touch(p);
      }
    }
    for (const [p, now] of byPointer) {
      const prev = this.shown.get(p);
      if (!prev || !deepEqual(prev, now)) {
        this.shown.set(p, now);
        this.touch(p);
      }
    }
    return errors;
  }

  private provenanceOfData(): Record<string, Provenance> {
    const out: Record<string, Provenance> = {};
    forEachLeaf(this.effective, "", (p) => {
      if (p === "") return;
      const prov = this.provenance.get(p);
      out[p] = prov ? publicProvenance(prov) : { source: "user" };
    });
    return out;
  }

  /** @internal The files the data holds, as the envelope lists them (`validateSubmission` compares the two). */
  attachments(): Attachment[] {
    return [...this.files(this.effective)].map(({ pointer, meta }) => ({ pointer, ...meta }));
  }

  /** Every file's metadata in `data`, with the file field it belongs to and its pointer (a field may hold a list of files). */
  private *files(data: unknown): Generator<{ node: FieldNode; pointer: string; meta: AttachmentMeta }> {
    for (const node of this.procedure.fields) {
      if (node.schema["x-widget"] !== "file") continue;
      for (const indices of this.rowsOf(node)) {
        const segments = fill(node.segments, indices);
        const value = getIn(data, segments);
        const pointer = formatPointer(segments);
        for (const [i, meta] of (Array.isArray(value) ? value : [value]).entries()) {
          if (!meta || typeof meta !== "object") continue;
          const m = meta as Record<string, unknown>;
          yield {
            node,
            pointer: Array.isArray(value) ? appendPointer(pointer, i) : pointer,
            meta: { name: String(m["name"] ?? ""), type: String(m["type"] ?? ""), size: Number(m["size"] ?? 0) },
          };
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Field states
  // ---------------------------------------------------------------------------------------------

  private texts(node: FieldNode) {
    return fieldTexts(this.procedure.document, this._locale, node.pointer);
  }

  private buildState(pointer: string, segments: string[], node: FieldNode): FieldState {
    const texts = this.texts(node);
    const out = this.outputs.get(pointer);
    const prov = this.provenance.get(pointer);
    const locked = this.isLocked(pointer);
    const computed = isComputed(node);
    const staticRequired = node.requiredByParent;
    let options: FieldOption[] | undefined;
    if (out?.options) {
      options = out.options.map((o) => ({ value: o.value, label: localize(o.label, this._locale, this.procedure.defaultLocale) ?? String(o.value) }));
    } else {
      options = staticOptions(node, texts?.enum);
    }
    const rowTitle = out?.rowTitle !== undefined ? localize(out.rowTitle, this._locale)?.trim() || undefined : undefined;
    const lookups = this.lookups ? this.fieldLookups(node) : undefined;
    return Object.freeze({
      ...(lookups ? { lookups } : {}),
      ...(rowTitle !== undefined ? { rowTitle } : {}),
      pointer,
      node,
      title: texts?.title ?? node.schema.title,
      description: texts?.description ?? node.schema.description,
      value: getIn(this.effective, segments) ?? (this.isVisible(pointer) ? undefined : getIn(this.full, segments)),
      visible: this.isVisible(pointer),
      required: staticRequired || out?.required === true,
      readonly: locked || computed || this.isReadonly(pointer),
      locked,
      computed,
      options,
      errors: this.shown.get(pointer) ?? EMPTY_ERRORS,
      provenance: prov
        ? publicProvenance(prov)
        : (this.containerProvenance(pointer) ?? (getIn(this.effective, segments) !== undefined ? { source: "user" } : undefined)),
    });
  }

  /** `x-readonly` of the field or of an enclosing one. */
  private isReadonly(pointer: string): boolean {
    for (let p: string | undefined = pointer; p !== undefined; p = parentPointer(p)) if (this.outputs.get(p)?.readonly) return true;
    return false;
  }

  /**
   * The provenance of an object or array a prefill filled: its source and path, locked if every value
   * in it is, edited if any is. (The envelope records values, so it lists the leaves instead.)
   */
  private containerProvenance(pointer: string): Provenance | undefined {
    const root = this.prefilledRoots.get(pointer);
    if (!root) return undefined;
    let locked = true;
    let edited = false;
    let any = false;
    forEachLeaf(getIn(this.effective, parsePointer(pointer)), pointer, (p) => {
      const leaf = this.provenance.get(p);
      any = true;
      if (!leaf || !("locked" in leaf) || !leaf.locked) locked = false;
      if (!leaf || leaf.source === "user" || ("edited" in leaf && leaf.edited)) edited = true;
    });
    if (!any) return undefined;
    return { source: root.source, path: root.path, locked: locked || this.isLocked(pointer), edited };
  }

  private *allPointers(): Iterable<string> {
    for (const node of this.procedure.fields) {
      for (const indices of this.rowsOf(node)) {
        const segments = fill(node.segments, indices);
        yield formatPointer(segments);
      }
    }
  }
}

/**
 * Calls a host's listener. One that throws is reported (to `reportError` where there is one, as a
 * browser's uncaught error would be; else to the console) and never breaks the form, nor a back end's
 * check: the data that made the expression fail is someone else's to choose.
 */
export function notify<T>(listener: ((value: T) => void) | undefined, value: T): void {
  if (!listener) return;
  try {
    listener(value);
  } catch (error) {
    const host = globalThis as { reportError?: (error: unknown) => void; console?: { error(...data: unknown[]): void } };
    if (typeof host.reportError === "function") host.reportError(error);
    else host.console?.error("tokhai: a listener threw:", error);
  }
}

/** A saved provenance claim of a shape the form can read (drafts are stored by the host, and may be anything). */
function isClaim(value: unknown): value is Provenance {
  if (!value || typeof value !== "object") return false;
  const { source, path } = value as { source?: unknown; path?: unknown };
  if (typeof source !== "string") return false;
  return source === "computed" || source === "user" || source === "default" || typeof path === "string";
}

/** The data pointers of the fields a lookup's input reads (fields in rows: their list). */
function lookupInputPointers(input: ExpressionTemplate): string[] {
  const out = new Set<string>();
  for (const read of input.reads) {
    const segments = parsePointer(read.pointer);
    const row = segments.indexOf(ANY_ROW);
    out.add(row === -1 ? read.pointer : formatPointer(segments.slice(0, row)));
  }
  return [...out];
}

const ROLES = new WeakMap<Procedure, Map<string, { name: string; role: "input" | "result" }[]>>();

/** By template pointer, the lookups each field feeds (the first field its input reads) or is filled from (a prefill or computed value reads it). */
function lookupRoles(procedure: Procedure): Map<string, { name: string; role: "input" | "result" }[]> {
  let roles = ROLES.get(procedure);
  if (roles) return roles;
  roles = new Map();
  const add = (pointer: string, name: string, role: "input" | "result") => {
    const list = roles!.get(pointer) ?? [];
    if (!list.some((r) => r.name === name && r.role === role)) list.push({ name, role });
    roles!.set(pointer, list);
  };
  for (const [name, input] of procedure.lookupInputs) {
    // The lookup speaks at the first field its input reads (an input of several fields: the one named
    // first, e.g. the business name before its commune), where the back end reports it too.
    const first = lookupInputPointers(input)[0];
    if (first !== undefined) add(first, name, "input");
    for (const reader of procedure.lookupReaders.get(name) ?? []) {
      if (reader.keyword === "x-prefill" || reader.keyword === "x-compute") add(reader.node.pointer, name, "result");
    }
  }
  ROLES.set(procedure, roles);
  return roles;
}

/** Creates the state of one citizen's form. Expressions start running at once; await `settled()` for them. */
export function createForm<TData = unknown>(procedure: Procedure, options: CreateFormOptions = {}): Form<TData> {
  return new Form<TData>(procedure, options);
}

/**
 * The title an `x-row-title` result gives a row: a text or a number, or a text per locale
 * (`{ "vi": …, "en": … }`). Anything else (nothing, an empty text, a list, a boolean) gives none, and
 * the row is named by its position. @internal (the declaration document names rows the same way)
 */
export function rowTitleOf(result: unknown): LocalizedText | undefined {
  if (typeof result === "string") return result.trim() === "" ? undefined : result;
  if (typeof result === "number" && Number.isFinite(result)) return String(result);
  if (result && typeof result === "object" && !Array.isArray(result)) {
    const entries = Object.entries(result as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string");
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return undefined;
}

/** JSONata's "ran past its time budget" (D1012). */
function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "D1012";
}
