/**
 * Locales: any well-formed BCP-47 language tag (`vi`, `en-GB`, `km`, `zh-Hant-TW`), and the one rule
 * by which every text is looked up in a locale (core's messages, the elements' chrome, a procedure's
 * `i18n`): the tag itself, then the tag with its last subtags dropped down to its language
 * (`vi-VN` → `vi`), then the procedure's `defaultLocale`, then Vietnamese.
 */

/** A BCP-47 language tag: `vi`, `en`, `en-GB`, `km`… Vietnamese (`vi`) is the default. */
export type Locale = string;

/** The locale of every text that says nothing else: Vietnamese. */
export const DEFAULT_LOCALE = "vi";

/**
 * The shape of a BCP-47 language tag: a language, then an optional script, region and variants, then
 * extensions and private use. What the published JSON schemas (`procedure.v1`, `envelope.v1`) can state;
 * `canonicalLocale` checks the rest (a variant given twice). Every canonical tag has this shape.
 */
export const LANGUAGE_TAG = /^([A-Za-z]{2,3}|[A-Za-z]{5,8})(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WYZa-wyz](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?$/;

/** The diagnostic code of a locale that is not a BCP-47 language tag, given to a form. */
export const BAD_LOCALE = "TK003";

/** The longest tag taken: far beyond any real one (`zh-Hant-TW-u-ca-chinese-nu-hanidec` is 34). */
export const MAX_TAG_LENGTH = 100;

const canonical = new Map<string, string | null>();
const fallbacks = new Map<string, readonly string[]>();

/** Keeps a memo small: tags come from a handful of places, but a hostile page could send many. */
function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= 256) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * The canonical form of a BCP-47 language tag (`en-gb` → `en-GB`, `iw` → `he`), or undefined when
 * `tag` is not a well-formed one (`en_GB`, `""`, `english`). Checked with `Intl.getCanonicalLocales`.
 */
export function canonicalLocale(tag: unknown): Locale | undefined {
  if (typeof tag !== "string" || tag.length === 0 || tag.length > MAX_TAG_LENGTH) return undefined;
  let known = canonical.get(tag);
  if (known === undefined) {
    try {
      known = Intl.getCanonicalLocales(tag)[0] ?? null;
    } catch {
      known = null;
    }
    remember(canonical, tag, known);
  }
  return known ?? undefined;
}

/** The tag and its shorter forms, down to its language: `zh-Hant-TW` → `zh-Hant-TW`, `zh-Hant`, `zh`. */
function truncations(tag: string, into: string[]): void {
  const subtags = tag.split("-");
  // Extensions and private use (from the first one-letter subtag on) are not kept in shorter forms.
  const singleton = subtags.findIndex((s, i) => i > 0 && s.length === 1);
  if (!into.includes(tag)) into.push(tag);
  for (let n = singleton > 0 ? singleton : subtags.length; n >= 1; n--) {
    const shorter = subtags.slice(0, n).join("-");
    if (!into.includes(shorter)) into.push(shorter);
  }
}

/**
 * The locales to look a text up in, best first: `locale` (canonical), its shorter forms down to its
 * language, then `defaultLocale` and its language, then Vietnamese. A tag that is not well-formed is
 * skipped. `localeFallbacks("en-GB")` is `["en-GB", "en", "vi"]`.
 */
export function localeFallbacks(locale: string, defaultLocale: string = DEFAULT_LOCALE): readonly string[] {
  const key = `${locale}\u0000${defaultLocale}`;
  const known = fallbacks.get(key);
  if (known) return known;
  const chain: string[] = [];
  const tag = canonicalLocale(locale);
  if (tag) truncations(tag, chain);
  const fallback = canonicalLocale(defaultLocale);
  if (fallback) truncations(fallback, chain);
  if (!chain.includes(DEFAULT_LOCALE)) chain.push(DEFAULT_LOCALE);
  return remember(fallbacks, key, Object.freeze(chain));
}

/** The language of a tag: `en-GB` → `en`; undefined for a tag that is not well-formed. */
export function localeLanguage(locale: string): string | undefined {
  return canonicalLocale(locale)?.split("-")[0];
}

/**
 * The entry of `byLocale` for `locale` by the fallback rule (see `localeFallbacks`), and the locale it
 * was found under; undefined when none of those locales has one.
 */
export function pickLocale<T>(
  byLocale: { readonly [locale: string]: T | undefined } | ReadonlyMap<string, T>,
  locale: string,
  defaultLocale?: string,
): { readonly value: T; readonly locale: string } | undefined {
  for (const tag of localeFallbacks(locale, defaultLocale)) {
    const value = byLocale instanceof Map ? byLocale.get(tag) : Object.hasOwn(byLocale, tag) ? (byLocale as { readonly [l: string]: T | undefined })[tag] : undefined;
    if (value !== undefined) return { value, locale: tag };
  }
  return undefined;
}
