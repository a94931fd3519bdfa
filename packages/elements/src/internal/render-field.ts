import type { TemplateResult } from "lit";
import { html, unsafeStatic } from "lit/static-html.js";
import { fieldNode, type Form } from "@tokhai/core";
import type { WidgetRegistry } from "../registry.js";
import { estimateHeight } from "./estimate.js";

/** The tags met so far, checked once each, and their static form for templates. */
const tags = new Map<string, ReturnType<typeof unsafeStatic>>();

/**
 * The element for the field at `pointer`, bound to `model`. The tag comes from the registry (code the
 * portal controls), never from the procedure's text.
 */
export function renderField(model: Form, pointer: string, registry: WidgetRegistry): TemplateResult {
  const tag = tags.get(tagName(model, pointer, registry))!;
  return html`<${tag} .model=${model} .registry=${registry} pointer=${pointer}></${tag}>`;
}

/** A step with more fields than this shows them in blocks of this many. */
const BLOCK = 20;
/** The blocks of a step's fields and their estimated heights, worked out once per step. */
const blocks = new WeakMap<readonly string[], { pointers: readonly string[]; style: string }[]>();

/**
 * The fields of a step. A step of more than BLOCK fields (a long flat form) shows them in blocks that
 * skip style, layout and paint while off screen (`content-visibility: auto`, as sections do), so that
 * its first screen paints without laying out the rest; `<tk-form>` then shows each block for good in
 * idle time (`revealLater`), for the accessibility tree. Every field element is created at once: found
 * by find-in-page, reached by Tab and by the error summary's links even before its block is shown.
 * The estimated height is set through the CSSOM (`.style`), which a strict style-src allows.
 */
export function renderFields(model: Form, pointers: readonly string[], registry: WidgetRegistry): TemplateResult[] {
  const each = (list: readonly string[]) => list.map((p) => renderField(model, p, registry));
  if (pointers.length <= BLOCK) return each(pointers);
  let list = blocks.get(pointers);
  if (!list) {
    list = [];
    for (let i = 0; i < pointers.length; i += BLOCK) {
      const part = pointers.slice(i, i + BLOCK);
      const nodes = part.map((p) => fieldNode(model.procedure, p)).filter((n) => n !== undefined);
      list.push({ pointers: part, style: `--tk-block-estimate:${estimateHeight(nodes)}rem` });
    }
    blocks.set(pointers, list);
  }
  return list.map((b) => html`<div class="block" .style=${b.style}>${each(b.pointers)}</div>`);
}

/**
 * The same element, created directly: for children that never change (a section's properties), no
 * template instance and parts are kept per child.
 */
export function createField(model: Form, pointer: string, registry: WidgetRegistry): HTMLElement {
  const el = document.createElement(tagName(model, pointer, registry)) as HTMLElement & { model?: Form; registry?: WidgetRegistry; pointer?: string };
  el.model = model;
  el.registry = registry;
  // A field element takes the property (it reflects the attribute itself) and so shares the core's
  // string rather than a copy read back from the DOM; any other element gets the attribute.
  if ("pointer" in el) el.pointer = pointer;
  else el.setAttribute("pointer", pointer);
  return el;
}

function tagName(model: Form, pointer: string, registry: WidgetRegistry): string {
  const node = fieldNode(model.procedure, pointer);
  if (!node) throw new Error(`tokhai: no field at "${pointer}" in procedure ${model.procedure.id}.`);
  const name = registry.tagFor(node);
  if (!tags.has(name)) {
    if (!/^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(name)) throw new Error(`tokhai: "${name}" is not a custom element name.`);
    tags.set(name, unsafeStatic(name));
  }
  return name;
}
