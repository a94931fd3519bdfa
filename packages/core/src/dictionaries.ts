/**
 * Dictionaries of texts by locale: core's messages, the back end's, the elements' chrome. A portal adds
 * one for a locale (`addMessages`, `addSubmissionMessages`, the elements' `addChromeMessages`); a text is
 * looked up key by key by the fallback rule of `localeFallbacks` (the tag, its language, Vietnamese), so
 * a dictionary that lacks a key (a JavaScript caller's; TypeScript requires every key) falls back.
 */
import { formatNumber, pluralOf } from "./intl.js";
import { canonicalLocale, localeFallbacks, localeLanguage, type Locale } from "./locale.js";

/** Forms of a message by plural category (as `Intl.PluralRules` names them), chosen by its count `{n}`. */
export type PluralMessage = { readonly other: string } & { readonly [category in "zero" | "one" | "two" | "few" | "many"]?: string };

/** A text with `{name}` parameters, or its plural forms. */
export type Message = string | PluralMessage;

/** Numbers inside messages keep every digit (a limit of 0.0001 is not 0). */
const ALL_DIGITS: Intl.NumberFormatOptions = { maximumFractionDigits: 20 };

/**
 * A message with its parameters filled in: a number formatted for `locale`, anything else as text; a
 * plural message takes the form of its `{n}`. A parameter not given is left as `{name}`.
 */
export function fillMessage(message: Message | undefined, locale: Locale, params: { readonly [name: string]: unknown } = {}): string {
  let text: unknown = message;
  if (typeof message === "object" && message !== null) {
    const n = params["n"];
    text = (typeof n === "number" ? message[pluralOf(n, locale)] : undefined) ?? message.other;
  }
  if (typeof text !== "string") return "";
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    return typeof value === "number" ? formatNumber(value, locale, ALL_DIGITS) : String(value);
  });
}

/** The dictionaries of one set of texts (`D`: its keys and their messages), by canonical locale. */
export class Dictionaries<D extends { readonly [key: string]: Message }> {
  private readonly byLocale = new Map<string, Partial<D>>();

  /** `fallback` (Vietnamese) has every key; `others` are the other locales shipped. */
  constructor(
    private readonly fallback: D,
    others: { readonly [locale: string]: D } = {},
  ) {
    this.byLocale.set("vi", fallback);
    for (const [locale, dictionary] of Object.entries(others)) this.byLocale.set(locale, dictionary);
  }

  /**
   * Adds the dictionary of a locale (a BCP-47 tag; `RangeError` if it is not one). Adding to a locale
   * that has one already replaces the keys given and keeps the others.
   */
  add(locale: Locale, dictionary: Partial<D>): void {
    const tag = canonicalLocale(locale);
    if (tag === undefined) throw new RangeError(`tokhai: "${String(locale)}" is not a BCP-47 language tag (such as "vi", "en-GB" or "km")`);
    if (!dictionary || typeof dictionary !== "object") throw new TypeError(`tokhai: the dictionary of "${tag}" must be an object of texts`);
    this.byLocale.set(tag, { ...this.byLocale.get(tag), ...dictionary });
  }

  /**
   * The locale the texts for `locale` are written and formatted in: `locale` itself when a dictionary
   * of its language (or of itself) exists, so that `en-US` formats as American English; otherwise the
   * locale of the dictionary it falls back to.
   */
  localeFor(locale: Locale): Locale {
    for (const tag of localeFallbacks(locale)) {
      if (this.byLocale.has(tag)) return localeLanguage(tag) === localeLanguage(locale) ? (canonicalLocale(locale) ?? tag) : tag;
    }
    return "vi";
  }

  /** The message of `key` in `locale`, by the fallback rule, key by key. */
  message<K extends keyof D & string>(key: K, locale: Locale): Message {
    for (const tag of localeFallbacks(locale)) {
      const text = this.byLocale.get(tag)?.[key];
      if (typeof text === "string" || (typeof text === "object" && text !== null && typeof text.other === "string")) return text;
    }
    return this.fallback[key]!;
  }

  /** The text of `key` in `locale` with its parameters filled in (numbers formatted for `locale`). */
  text<K extends keyof D & string>(key: K, locale: Locale, params?: { readonly [name: string]: unknown }): string {
    return fillMessage(this.message(key, locale), locale, params);
  }
}
