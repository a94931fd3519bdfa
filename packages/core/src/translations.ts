/**
 * A procedure's texts in a locale. The document's own texts (`title`, `description`, steps, fields,
 * enum labels, rule messages) are in its `defaultLocale`; its `i18n` translates them by locale. A text
 * is looked up by the rule of every text (`localeFallbacks`): the translation for the tag, for its
 * shorter forms down to its language, for the `defaultLocale`; then the document's own text.
 */
import { canonicalLocale, DEFAULT_LOCALE, localeFallbacks, type Locale } from "./locale.js";
import { keywordPointer, type FieldNode } from "./model.js";
import { escapeSegment } from "./pointer.js";
import type { FieldTexts, LocaleTexts, ProcedureDocument, StepTexts } from "./types.js";

const memo = new WeakMap<object, Map<string, readonly LocaleTexts[]>>();

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The locale the document's own texts are in: its `defaultLocale`, else Vietnamese. */
export function documentLocale(document: ProcedureDocument): Locale {
  return canonicalLocale(document.defaultLocale) ?? DEFAULT_LOCALE;
}

/**
 * The translations of `document` that serve `locale`, best first: its `i18n` entries for the locales
 * `localeFallbacks(locale, defaultLocale)` lists, up to the `defaultLocale`'s. The document's own texts
 * come after them.
 */
export function translationsFor(document: ProcedureDocument, locale: Locale): readonly LocaleTexts[] {
  const i18n = document.i18n;
  if (!isObject(i18n)) return [];
  let byLocale = memo.get(document);
  if (!byLocale) memo.set(document, (byLocale = new Map()));
  const known = byLocale.get(locale);
  if (known) return known;
  const own = documentLocale(document);
  const chain = localeFallbacks(locale, own);
  const found: LocaleTexts[] = [];
  for (const tag of chain.slice(0, chain.indexOf(own) + 1)) {
    const texts = Object.hasOwn(i18n, tag) ? i18n[tag] : undefined;
    if (isObject(texts)) found.push(texts as LocaleTexts);
  }
  if (byLocale.size >= 64) byLocale.clear();
  byLocale.set(locale, found);
  return found;
}

/**
 * A text of the procedure in `locale`: what `pick` finds in the first translation that has it, or
 * undefined when none has (the document's own text then applies).
 * `translate(document, "en-GB", (t) => t.title) ?? document.title`.
 */
export function translate<T>(document: ProcedureDocument, locale: Locale, pick: (texts: LocaleTexts) => T | undefined): T | undefined {
  for (const texts of translationsFor(document, locale)) {
    const text = pick(texts);
    if (text !== undefined && text !== null) return text;
  }
  return undefined;
}

/**
 * The translated texts of a field (by its template pointer, `/members/-/fullName`) in `locale`, each
 * from the first translation that has it: an `en-GB` translation may give only the texts that differ
 * from the `en` one. Undefined when no translation has the field.
 */
export function fieldTexts(document: ProcedureDocument, locale: Locale, pointer: string): FieldTexts | undefined {
  // Field pointers start with "/": never a key of Object.prototype.
  const found = translationsFor(document, locale).map((texts) => (texts as Record<string, unknown>)[pointer]).filter(isObject) as FieldTexts[];
  if (found.length < 2) return found[0];
  // The first that has a text wins; labels and rule messages are taken one by one.
  return found.reduceRight<FieldTexts>((merged, f) => ({ ...merged, ...f, enum: { ...merged.enum, ...f.enum }, rules: Object.assign([], merged.rules, f.rules) }), {});
}

/** The translated texts of a step in `locale`, each from the first translation that has it (see `fieldTexts`). */
export function stepTexts(document: ProcedureDocument, locale: Locale, id: string): StepTexts {
  const pick = (key: keyof StepTexts) =>
    translate<string>(document, locale, (t) => {
      const step: unknown = isObject(t.steps) ? t.steps[id] : undefined;
      return isObject(step) && typeof step[key] === "string" ? step[key] : undefined;
    });
  const texts: { -readonly [K in keyof StepTexts]: StepTexts[K] } = {};
  for (const key of ["title", "description", "body", "linkText"] as const) {
    const text = pick(key);
    if (text !== undefined) texts[key] = text;
  }
  return texts;
}

/**
 * The translated title of what a procedure reads of a register in `locale`: `i18n.<locale>.sources.<name>`
 * (or `.lookups.<name>`) at `path`, the path as an expression writes it after `$<name>.`
 * (`"permanentAddress.provinceCode"`). Undefined when no translation has it (the title in the register's
 * schema then applies).
 */
export function registerTitle(document: ProcedureDocument, locale: Locale, kind: "source" | "lookup", name: string, path: string): string | undefined {
  const group = kind === "source" ? "sources" : "lookups";
  return translate<string>(document, locale, (t) => {
    const texts: unknown = t[group];
    const register = isObject(texts) && Object.hasOwn(texts, name) ? texts[name] : undefined;
    const item = isObject(register) && Object.hasOwn(register, path) ? register[path] : undefined;
    return isObject(item) && typeof item["title"] === "string" ? item["title"] : undefined;
  });
}

/** A located problem of a procedure's locale tags (the shape of a `ProcedureProblem`). */
interface LocaleProblem {
  readonly pointer: string;
  readonly code: "locale";
  readonly message: string;
}

/** What is wrong with a tag written in a procedure, or undefined when it is a canonical BCP-47 tag. */
function tagProblem(tag: unknown): string | undefined {
  const canonical = canonicalLocale(tag);
  if (canonical === undefined) return `${JSON.stringify(tag)} is not a BCP-47 language tag (such as "vi", "en", "en-GB" or "km")`;
  if (canonical !== tag) return `write the language tag ${JSON.stringify(tag)} as "${canonical}": texts are looked up by the canonical tag`;
  return undefined;
}

/**
 * The locale tags of a procedure that are not canonical BCP-47 tags, located: its `defaultLocale`,
 * the keys of its `i18n`, of its sources' titles and descriptions and of its rules' messages (given
 * per locale), in the fields `nodes`.
 */
export function localeProblems(document: ProcedureDocument, nodes: Iterable<FieldNode>): LocaleProblem[] {
  const problems: LocaleProblem[] = [];
  const check = (tag: unknown, pointer: string) => {
    const message = tagProblem(tag);
    if (message !== undefined) problems.push({ pointer, code: "locale", message });
  };
  const keys = (value: unknown, pointer: string) => {
    if (isObject(value)) for (const tag of Object.keys(value)) check(tag, `${pointer}/${escapeSegment(tag)}`);
  };
  if (document.defaultLocale !== undefined) check(document.defaultLocale, "/defaultLocale");
  keys(document.i18n, "/i18n");
  if (isObject(document.sources)) {
    for (const [name, source] of Object.entries(document.sources)) {
      if (!isObject(source)) continue;
      keys(source["title"], `/sources/${escapeSegment(name)}/title`);
      keys(source["description"], `/sources/${escapeSegment(name)}/description`);
    }
  }
  for (const node of nodes) {
    const rules = node.schema["x-rules"];
    if (Array.isArray(rules)) rules.forEach((rule: unknown, i) => isObject(rule) && keys(rule["message"], `${keywordPointer(node, "x-rules")}/${i}/message`));
  }
  return problems;
}
