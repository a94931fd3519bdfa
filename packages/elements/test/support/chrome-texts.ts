// What a form shows in words, to find chrome strings left in another language after a switch.
import type { TkForm } from "../../src/index.js";
import type { ChromeKey } from "../../src/i18n.js";
import { deepAll } from "./dom.js";

type Dictionary = Readonly<Record<ChromeKey, string>>;

/** Every text of the form's shadow trees: text nodes (styles aside) and aria-labels. */
export function formTexts(form: TkForm): string[] {
  const out: string[] = [];
  const collect = (root: ShadowRoot) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.localName !== "style" && n.textContent!.trim()) out.push(n.textContent!.replace(/\s+/g, " ").trim());
    }
  };
  collect(form.shadowRoot!);
  for (const el of deepAll(form.shadowRoot!)) {
    if (el.shadowRoot) collect(el.shadowRoot);
    const label = el.getAttribute("aria-label");
    if (label) out.push(label);
  }
  return out;
}

/**
 * The texts still showing a chrome string of the `stale` dictionaries that `current` words otherwise,
 * each with the piece found: the fixed pieces (around `{params}`) of at least `minLength` characters.
 */
export function staleChrome(form: TkForm, stale: readonly Dictionary[], current: Dictionary, minLength: number): string[] {
  const pieces = new Set<string>();
  for (const dictionary of stale) {
    for (const key of Object.keys(dictionary) as ChromeKey[]) {
      if (dictionary[key] === current[key]) continue;
      for (const piece of dictionary[key].split(/\{\w+\}/)) {
        const trimmed = piece.trim().replace(/^[,;:]\s*/, "");
        if (trimmed.length >= minLength) pieces.add(trimmed);
      }
    }
  }
  return formTexts(form).flatMap((t) => [...pieces].filter((p) => t.includes(p)).map((p) => `${p} ← "${t}"`));
}
