import type { TemplateResult } from "lit";
import { html, unsafeStatic } from "lit/static-html.js";
import { fieldNode, type Form } from "@tokhai/core";
import type { WidgetRegistry } from "../registry.js";

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
