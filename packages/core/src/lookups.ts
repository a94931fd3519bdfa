/**
 * Lookups in registers while the citizen answers: the other party of a marriage found by the personal
 * ID typed, a business name checked against the business register. A lookup's `input` expression runs
 * like any other; this module turns each input it yields into a call of the host's resolver, and says
 * when the result changes:
 *
 * - calls are debounced (`delay`), and a newer input cancels the older call (its `AbortSignal`);
 * - results are cached per input (not-found too; failures are not), so going back to an earlier input
 *   asks nothing;
 * - a result is measured (`LOOKUP_LIMITS`) before anything reads it: a register's answer is data someone
 *   else sent;
 * - a call that takes longer than `timeout` is aborted and counts as failed; a failed lookup can be
 *   retried, and never removes what the citizen typed.
 */
import { cloneJson } from "./equal.js";
import { isEmpty, toJson } from "./expression-results.js";
import { jsonBreach, type JsonLimits } from "./json-bounds.js";
import { MAX_FIELD_DEPTH } from "./model.js";

/** What core uses of an `AbortSignal` (core is built without the DOM's or Node's types). */
export interface LookupSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { readonly once?: boolean }): void;
}
/**
 * The platform's `AbortSignal` where the code using tokhai has its type (the DOM's, Node's), so that a
 * resolver can hand it to `fetch`; else what core uses of it.
 */
export type LookupSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : LookupSignalLike;

declare const AbortController: new () => { readonly signal: LookupSignalLike; abort(reason?: unknown): void };
declare function setTimeout(handler: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;

/**
 * The host's lookup in a register: the record of `input` in the register `name`, or `undefined` when it
 * has none. Called with an `AbortSignal` that is aborted when the input changes before the answer, or
 * when the call takes too long. A rejected promise (the register could not be reached) makes the lookup
 * fail: the citizen is told, and may try again.
 */
export type LookupResolver = (name: string, input: unknown, options: { readonly signal: LookupSignal }) => unknown;

/**
 * Where a lookup stands: `idle` (its input has no value), `pending` (asked, no answer yet), `found`,
 * `not-found`, or `failed` (the register could not be reached, or answered with what is not a record).
 */
export type LookupStatus = "idle" | "pending" | "found" | "not-found" | "failed";

export interface LookupState {
  readonly name: string;
  readonly status: LookupStatus;
  /** The input looked up (being looked up, when pending); undefined when idle. */
  readonly input: unknown;
  /** The record found (when `found`). */
  readonly value: unknown;
  /** Why it failed (when `failed`): the resolver's error message, or what was wrong with its answer. */
  readonly error?: string;
}

/**
 * Limits of a register's answer, measured before it is read: a record as deep as the deepest field, and
 * 100,000 values.
 */
export const LOOKUP_LIMITS: JsonLimits = Object.freeze({ depth: MAX_FIELD_DEPTH + 1, values: 100_000, string: 100_000 });
/** Milliseconds an input must stay unchanged before the register is asked (typing a personal ID asks once). */
export const LOOKUP_DELAY = 300;
/** Milliseconds after which a call is aborted and the lookup fails (the citizen may try again). */
export const LOOKUP_TIMEOUT = 20_000;
/** Results kept per lookup (the most recent inputs). */
const CACHE_SIZE = 50;

export interface LookupTiming {
  readonly delay: number;
  readonly timeout: number;
}

interface Entry {
  state: LookupState;
  /** The key of the input of `state`. */
  key: string | undefined;
  controller: InstanceType<typeof AbortController> | undefined;
  timer: unknown;
  /** Settles when the current call (or wait) is over. */
  done: Promise<void> | undefined;
  finish: (() => void) | undefined;
  readonly cache: Map<string, unknown>;
}

/** A found record, or NOT_FOUND. */
const NOT_FOUND: unique symbol = Symbol("not found");

/** The lookups of one form. */
export class LookupRunner {
  private readonly entries = new Map<string, Entry>();

  constructor(
    names: readonly string[],
    private readonly resolver: LookupResolver | undefined,
    private readonly timing: LookupTiming,
    /** A lookup's state changed: its status, its input, or the record `$name` reads. */
    private readonly onChange: (name: string, state: LookupState) => void,
  ) {
    for (const name of names) {
      this.entries.set(name, {
        state: { name, status: "idle", input: undefined, value: undefined },
        key: undefined,
        controller: undefined,
        timer: undefined,
        done: undefined,
        finish: undefined,
        cache: new Map(),
      });
    }
  }

  state(name: string): LookupState | undefined {
    return this.entries.get(name)?.state;
  }

  /** The value `$name` reads now: the record found, else nothing. */
  value(name: string): unknown {
    const state = this.entries.get(name)?.state;
    return state?.status === "found" ? state.value : undefined;
  }

  /** Whether some lookup is being asked, or waits to be. */
  get busy(): boolean {
    for (const e of this.entries.values()) if (e.done) return true;
    return false;
  }

  /** Settles when every lookup asked so far has its answer (or failed). */
  async idle(): Promise<void> {
    for (;;) {
      const waits = [...this.entries.values()].flatMap((e) => (e.done ? [e.done] : []));
      if (waits.length === 0) return;
      await Promise.all(waits);
    }
  }

  /** The lookup's input expression yielded `input`: ask the register, unless it was asked already. */
  request(name: string, input: unknown): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    const value = toJson(input);
    if (isEmpty(value)) {
      this.cancel(entry);
      entry.key = undefined;
      this.set(entry, { name, status: "idle", input: undefined, value: undefined });
      return;
    }
    const key = JSON.stringify(value);
    if (key === entry.key && entry.state.status !== "failed") return; // asked already (or being asked)
    this.ask(entry, key, value);
  }

  /** Asks again for a lookup that failed (the citizen's "try again"). */
  retry(name: string): void {
    const entry = this.entries.get(name);
    if (!entry || entry.state.status !== "failed" || entry.key === undefined) return;
    this.ask(entry, entry.key, entry.state.input, 0);
  }

  /** Stops every call and wait (the form is discarded or reset). */
  dispose(): void {
    for (const entry of this.entries.values()) {
      this.cancel(entry);
      entry.key = undefined;
      entry.state = { name: entry.state.name, status: "idle", input: undefined, value: undefined };
    }
  }

  private ask(entry: Entry, key: string, input: unknown, delay = this.timing.delay): void {
    this.cancel(entry);
    const name = entry.state.name;
    entry.key = key;
    if (entry.cache.has(key)) {
      const cached = entry.cache.get(key);
      // Most recent last: an input asked again stays in the cache longest.
      entry.cache.delete(key);
      entry.cache.set(key, cached);
      this.settle(entry, input, cached === NOT_FOUND ? { status: "not-found" } : { status: "found", value: cached });
      return;
    }
    this.set(entry, { name, status: "pending", input, value: undefined });
    let finish!: () => void;
    entry.done = new Promise<void>((resolve) => (finish = resolve));
    entry.finish = finish;
    const controller = new AbortController();
    entry.controller = controller;
    const call = () => {
      entry.timer = undefined;
      if (controller.signal.aborted) return;
      const timeout = this.timing.timeout > 0 ? setTimeout(() => controller.abort(new LookupTimeout(this.timing.timeout)), this.timing.timeout) : undefined;
      void answer(this.resolver, name, input, controller.signal).then((outcome) => {
        if (timeout !== undefined) clearTimeout(timeout);
        if (entry.controller !== controller) return; // a newer input took over
        entry.controller = undefined;
        if (outcome.status !== "failed") entry.cache.set(key, outcome.status === "found" ? outcome.value : NOT_FOUND);
        if (entry.cache.size > CACHE_SIZE) entry.cache.delete(entry.cache.keys().next().value!);
        this.settle(entry, input, outcome);
      });
    };
    if (delay > 0) entry.timer = setTimeout(call, delay);
    else call();
  }

  private settle(entry: Entry, input: unknown, outcome: Outcome): void {
    const name = entry.state.name;
    const state: LookupState =
      outcome.status === "found"
        ? { name, status: "found", input, value: outcome.value }
        : outcome.status === "failed"
          ? { name, status: "failed", input, value: undefined, error: outcome.error }
          : { name, status: "not-found", input, value: undefined };
    const finish = entry.finish;
    entry.done = undefined;
    entry.finish = undefined;
    this.set(entry, state);
    finish?.();
  }

  private cancel(entry: Entry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    const controller = entry.controller;
    entry.controller = undefined;
    controller?.abort();
    const finish = entry.finish;
    entry.done = undefined;
    entry.finish = undefined;
    finish?.();
  }

  private set(entry: Entry, state: LookupState): void {
    const before = entry.state;
    entry.state = state;
    const valueBefore = before.status === "found" ? before.value : undefined;
    const valueAfter = state.status === "found" ? state.value : undefined;
    if (valueBefore === valueAfter && before.status === state.status && before.input === state.input) return;
    this.onChange(state.name, state);
  }
}

type Outcome = { readonly status: "found"; readonly value: unknown } | { readonly status: "not-found" } | { readonly status: "failed"; readonly error: string };

/** The lookup took longer than the form waits. */
export class LookupTimeout extends Error {
  constructor(ms: number) {
    super(`the register did not answer within ${ms} ms`);
    this.name = "LookupTimeout";
  }
}

/**
 * Calls the resolver and reads its answer: undefined (or null) is "not found"; a record must be JSON
 * within `LOOKUP_LIMITS`; a rejection, a throw or an abort is a failure. Never throws.
 */
export async function answer(resolver: LookupResolver | undefined, name: string, input: unknown, signal: LookupSignalLike): Promise<Outcome> {
  if (!resolver) return { status: "failed", error: `no resolver answers the lookup "${name}" (createForm's \`lookup\` option)` };
  let result: unknown;
  try {
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => {});
    result = await Promise.race([Promise.resolve().then(() => resolver(name, cloneJson(input), { signal: signal as LookupSignal })), aborted]);
  } catch (error) {
    return { status: "failed", error: String((error as Error)?.message ?? error) };
  }
  if (result === undefined || result === null) return { status: "not-found" };
  const breach = jsonBreach(result, LOOKUP_LIMITS);
  if (breach) {
    const what = breach.limit === "json" ? `it holds ${breach.what}, which is not JSON` : `it is past the ${breach.limit} limit of ${breach.max}`;
    return { status: "failed", error: `the register's answer for "${name}" is not a record tokhai reads: ${what} (at ${breach.pointer || "its root"})` };
  }
  return { status: "found", value: cloneJson(result) };
}
