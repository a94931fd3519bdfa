// DOM helpers shared by the element tests: deep queries through open shadow roots, waiting for lit
// and the core form to settle, the focused element, accessible names and descriptions, and axe.
import { expect, onTestFinished } from "vitest";
import axe from "axe-core";
import type { Form } from "@tokhai/core";
import type { TkForm } from "../../src/index.js";

/** Every element below `root`, through open shadow roots, in document order. */
export function* deepAll(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll("*")) {
    yield el;
    if (el.shadowRoot) yield* deepAll(el.shadowRoot);
  }
}

/** The first element matching `selector` below `root`, through open shadow roots. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  for (const el of deepAll(root)) if (el.matches(selector)) return el as T;
  return undefined;
}

/** Every element matching `selector` below `root`, through open shadow roots. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  return [...deepAll(root)].filter((el): el is T => el.matches(selector));
}

/** The focused element, looking inside shadow roots. */
export function activeDeep(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

/** Visible text of an element, whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el as HTMLElement | null | undefined)?.innerText?.replace(/\s+/g, " ").trim() ?? "";
}

export const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** Waits for the core form's expressions, then for every lit element below `root` to update, a few times over. */
export async function settle(root: ParentNode, model?: Form): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await model?.settled();
    const all = [...(root instanceof Element && "updateComplete" in root ? [root] : []), ...deepAll(root)].filter(
      (e): e is Element & { updateComplete: Promise<unknown> } => "updateComplete" in e,
    );
    await Promise.all(all.map((e) => e.updateComplete));
    await nextFrame();
  }
}

const collapse = (s: string | null | undefined): string => (s ?? "").replace(/\s+/g, " ").trim();

/**
 * The accessible name of an element, as axe computes it (labels, aria-labelledby, legend…). axe does
 * not name an `<output>` from its `<label>`, which HTML-AAM and Chromium do: for an unnamed labelable
 * element, the text of its labels is the name.
 */
export function accessibleName(el: Element): string {
  axe.setup(document);
  let name: string;
  try {
    name = collapse(axe.commons.text.accessibleText(el));
  } finally {
    axe.teardown();
  }
  const labels = (el as Partial<HTMLOutputElement>).labels;
  if (name === "" && el.localName === "output" && labels && labels.length > 0) {
    name = collapse([...labels].map((l) => l.textContent).join(" "));
  }
  return name;
}

/** The ids in an element's `aria-describedby`. */
export function describedByIds(el: Element): string[] {
  return (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
}

/** The elements an element's `aria-describedby` points at, in its own tree scope (missing ids are `null`). */
export function describedBy(el: Element): (HTMLElement | null)[] {
  const root = el.getRootNode() as Document | ShadowRoot;
  return describedByIds(el).map((id) => root.getElementById(id));
}

/** Fails with the rule ids and nodes of every axe violation under `root`. */
export async function expectAccessible(root: Element, state: string): Promise<void> {
  const result = await axe.run(root);
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(violations, `axe violations (${state})`).toEqual([]);
}

/** The element of the field at `pointer` below `root`, through open shadow roots. */
export function fieldAt(root: ParentNode, pointer: string): HTMLElement {
  const el = deepQuery(root, `[pointer="${CSS.escape(pointer)}"]`);
  if (!el) throw new Error(`no field element at ${pointer}`);
  return el;
}

/** Chooses a file in an `<input type="file">` as the browser does after the picker closes. */
export function chooseFile(input: HTMLInputElement, file: File): void {
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** A payload that runs script if it is ever parsed as HTML. */
export const XSS = `<img src=x onerror="window.__pwned=1">`;

export function pwned(): unknown {
  return (window as unknown as { __pwned?: unknown }).__pwned;
}

export function resetPwned(): void {
  delete (window as unknown as { __pwned?: unknown }).__pwned;
}

/**
 * A `<tk-form>` with `procedure` (and `options`), in a `<main>` of its own that is removed when the test
 * ends, once it has loaded and settled. (Call `defineElements()` first.)
 */
export async function mountForm(procedure: unknown, options: Partial<Pick<TkForm, "locale" | "context" | "layout" | "draftSubject" | "draftStore" | "autosaveDelay" | "requiredMarker" | "lookup" | "lookupDelay" | "signer">> = {}): Promise<TkForm> {
  const host = document.createElement("main");
  document.body.append(host);
  onTestFinished(() => host.remove());
  const form = document.createElement("tk-form");
  Object.assign(form, { procedure, context: {}, ...options });
  host.append(form);
  await form.ready();
  await settle(form, form.form);
  return form;
}
