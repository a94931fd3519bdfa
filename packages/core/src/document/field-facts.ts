/**
 * What the declaration needs to know of each field beside its value, as the citizen's form showed it:
 * its title in the locale, its choices (an `x-options` list computed from the context, such as the
 * communes of a province, or the schema's labels) and, for a row of a repeatable group, its title
 * (`x-row-title`). They come from the engine: a form in the back end's observing mode started from the
 * submitted data (nothing is prefilled, computed or written: the data stays the envelope's), under
 * `VERIFY_BUDGET`. The procedure's lookups are answered by the host's resolver when it gives one, else
 * by what the envelope's provenance claims each register answered (checked by `validateSubmission`):
 * conditions that ask whether a record was found (`$exists($otherParty)`) hold as they did. Data that
 * does not fit the procedure's schema (an envelope that was not validated)
 * never reaches an expression: then titles and the schema's own labels are used, and rows are named by
 * their position.
 */
import { closedWorldErrors } from "../closed-world.js";
import { Form, rowTitleOf } from "../form.js";
import type { LookupResolver } from "../lookups.js";
import { localize } from "../messages.js";
import { getIn, parsePointer } from "../pointer.js";
import type { FieldNode } from "../model.js";
import { staticOptions } from "../options.js";
import type { Procedure } from "../procedure.js";
import { todayOf } from "../today.js";
import { fieldTexts } from "../translations.js";
import type { FieldOption, FormContext, Locale } from "../types.js";
import { VERIFY_BUDGET } from "../validate-submission.js";

export interface FieldFacts {
  /** The field's title in the locale, if it has one. */
  title(pointer: string, node: FieldNode): string | undefined;
  /** The field's choices, if it has any. */
  options(pointer: string, node: FieldNode): readonly FieldOption[];
  /** The title `x-row-title` gives a row of `array`, if any. */
  rowTitle(array: FieldNode, row: unknown, index: number): Promise<string | undefined>;
}

export interface FactsOptions {
  readonly context: FormContext;
  /** The envelope's provenance claims (by data pointer). */
  readonly provenance: Readonly<Record<string, unknown>>;
  readonly lookup: LookupResolver | undefined;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly now: () => Date;
}

/** The facts of a procedure's fields for `data`. */
export async function fieldFacts(procedure: Procedure, data: Record<string, unknown>, options: FactsOptions): Promise<FieldFacts> {
  const { locale } = options;
  const fits = closedWorldErrors(procedure.root, data, locale, 1).errors.length === 0;
  let form: Form | undefined;
  if (fits) {
    try {
      form = new Form(
        procedure,
        { context: options.context, locale, timeZone: options.timeZone, now: options.now, lookup: options.lookup ?? claimedLookups(procedure, data, options.provenance) },
        { data, prefilled: () => {}, computed: () => {}, failed: () => {}, budget: VERIFY_BUDGET },
      );
      await form.settled();
    } catch {
      form = undefined; // the facts of the schema alone: the declaration is still written
    }
  }
  const state = (pointer: string) => {
    try {
      return form?.field(pointer);
    } catch {
      return undefined;
    }
  };
  const texts = (node: FieldNode) => fieldTexts(procedure.document, locale, node.pointer);
  const bindings = sourceBindings(procedure, options);
  return {
    title: (pointer, node) => state(pointer)?.title ?? texts(node)?.title ?? node.schema.title,
    options: (pointer, node) => state(pointer)?.options ?? staticOptions(node, texts(node)?.enum) ?? [],
    rowTitle: async (array, row, index) => {
      const template = array.items && procedure.expressionsOf.get(array.items)?.find((e) => e.keyword === "x-row-title");
      if (!template || !fits) return undefined;
      try {
        const result = await template.compiled.under(VERIFY_BUDGET)(data, { ...bindings, row, value: row, index });
        return localize(rowTitleOf(result), locale, procedure.defaultLocale)?.trim() || undefined;
      } catch {
        return undefined; // named by its position, as the form names it
      }
    },
  };
}

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * A resolver answering each lookup with the record the envelope's claims say the register gave for an
 * input: every value claimed from it at a simple path (`fullName`, `permanentAddress.provinceCode`).
 */
function claimedLookups(procedure: Procedure, data: Record<string, unknown>, provenance: Readonly<Record<string, unknown>>): LookupResolver {
  const records = new Map<string, Record<string, unknown>>();
  for (const [pointer, claim] of Object.entries(provenance)) {
    if (!claim || typeof claim !== "object") continue;
    const { source, path, input } = claim as { source?: unknown; path?: unknown; input?: unknown };
    if (typeof source !== "string" || !procedure.lookupNames.includes(source) || input === undefined || typeof path !== "string" || !SIMPLE_PATH.test(path)) continue;
    let value: unknown;
    try {
      value = getIn(data, parsePointer(pointer));
    } catch {
      continue;
    }
    const key = `${source}\u0000${JSON.stringify(input)}`;
    // Without a prototype: a claimed path such as `__proto__.x` names a member like any other.
    const record = records.get(key) ?? (Object.create(null) as Record<string, unknown>);
    records.set(key, record);
    const names = path.split(".");
    let at = record;
    for (const name of names.slice(0, -1)) at = (Object.hasOwn(at, name) && at[name] && typeof at[name] === "object" ? at[name] : (at[name] = Object.create(null))) as Record<string, unknown>;
    at[names[names.length - 1]!] = value;
  }
  return (name, input) => records.get(`${name}\u0000${JSON.stringify(input)}`);
}

/** What expressions read as `$<source>`, `$<lookup>` (not asked: a row's title reads the form) and `$today()`. */
function sourceBindings(procedure: Procedure, options: FactsOptions): Record<string, unknown> {
  const context = options.context;
  const bindings: Record<string, unknown> = Object.fromEntries(
    procedure.sourceNames.map((name) => [name, Object.prototype.hasOwnProperty.call(context, name) ? context[name] : undefined]),
  );
  for (const name of procedure.lookupNames) bindings[name] = undefined;
  bindings["today"] = () => todayOf(options.now(), options.timeZone);
  return bindings;
}

