/**
 * The form's data as values: template pointers filled with row indices, the data as validated
 * (materialised sections), the schema's defaults, and the maps keyed by pointers that follow rows when
 * rows move.
 */
import { cloneJson } from "./equal.js";
import type { FieldNode } from "./model.js";
import { ANY_ROW, appendPointer } from "./pointer.js";

/** A template's segments (`members`, `-`, `fullName`) with the rows filled in (`members`, `2`, `fullName`). */
export function fill(template: readonly string[], indices: readonly number[]): string[] {
  let k = 0;
  return template.map((s) => (s === ANY_ROW ? String(indices[k++]) : s));
}

/**
 * The data as validated: every visible object section exists (as `{}` when the citizen has not filled
 * it), so the `required` fields of a section shown on the form are checked. Arrays are left as they are.
 * Follows the field tree, so its depth is the schema's.
 */
export function materialize(node: FieldNode, value: unknown, pointer: string, visible: ((pointer: string) => boolean) | undefined): unknown {
  if (node.items) {
    if (!Array.isArray(value) || (!node.items.properties && !node.items.items)) return value;
    let out: unknown[] | undefined;
    value.forEach((row, i) => {
      const next = materialize(node.items!, row, appendPointer(pointer, i), visible);
      if (next !== row) (out ??= value.slice())[i] = next;
    });
    return out ?? value;
  }
  if (!node.properties) return value;
  if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) return value;
  let out = (value ?? {}) as Record<string, unknown>;
  let copied = value === undefined;
  for (const [name, child] of node.properties) {
    if ((!child.properties && !child.items) || child.schema["x-widget"] === "file") continue; // a file's metadata is a value, not a section
    const current = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
    const childPointer = appendPointer(pointer, name);
    if (current === undefined && (child.items || child.kind !== "object" || (visible && !visible(childPointer)))) continue;
    const next = materialize(child, current, childPointer, visible);
    if (next !== current) {
      if (!copied) {
        out = { ...out };
        copied = true;
      }
      out[name] = next;
    }
  }
  return out;
}

/** Calls `visit` with the pointer of `value` and of every value inside it, containers first. Iterative. */
export function forEachContainer(value: unknown, pointer: string, visit: (pointer: string) => void): void {
  if (value === null || typeof value !== "object") return;
  const stack: { value: unknown; pointer: string }[] = [{ value, pointer }];
  while (stack.length > 0) {
    const e = stack.pop()!;
    visit(e.pointer);
    const v = e.value;
    if (v === null || typeof v !== "object") continue;
    const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      stack.push({ value: (v as Record<string, unknown>)[keys[i]!], pointer: appendPointer(e.pointer, keys[i]!) });
    }
  }
}

/** The `default` values of a node's subtree (outside arrays), or undefined. Follows the field tree. */
export function defaultsOf(node: FieldNode): unknown {
  if (node.schema.default !== undefined) return cloneJson(node.schema.default);
  if (!node.properties) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const [name, child] of node.properties) {
    const d = defaultsOf(child);
    if (d !== undefined) (out ??= {})[name] = d;
  }
  return out;
}

/** `value` over `defaults`, object by object. Recurses only where `defaults` has objects: the schema's depth. */
export function mergeDefaults(defaults: unknown, value: unknown): unknown {
  if (value === undefined) return defaults;
  if (
    defaults && typeof defaults === "object" && !Array.isArray(defaults) &&
    value && typeof value === "object" && !Array.isArray(value)
  ) {
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [k, v] of Object.entries(value)) {
      const merged = mergeDefaults(Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined, v);
      if (k === "__proto__") Object.defineProperty(out, k, { value: merged, writable: true, enumerable: true, configurable: true });
      else out[k] = merged;
    }
    return out;
  }
  return value;
}

/** Moves the entries of a map keyed by pointers (`rekey` gives the new key, or undefined to drop one). */
export function rekeyMap<V>(map: Map<string, V>, rekey: (key: string) => string | undefined): void {
  const moved: [string, V][] = [];
  for (const [key, value] of map) {
    const to = rekey(key);
    if (to === key) continue;
    map.delete(key);
    if (to !== undefined) moved.push([to, value]);
  }
  for (const [k, v] of moved) map.set(k, v);
}

export function rekeySet(set: Set<string>, rekey: (key: string) => string | undefined): void {
  const moved: string[] = [];
  for (const key of set) {
    const to = rekey(key);
    if (to === key) continue;
    set.delete(key);
    if (to !== undefined) moved.push(to);
  }
  for (const k of moved) set.add(k);
}
