/**
 * What the form makes of an expression's result: JSONata yields sequences, functions and lambdas
 * beside plain JSON, and has its own notion of truth.
 */
import type { FieldNode } from "./model.js";

/** No value: undefined, null, "", an empty list or an empty object. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (typeof value !== "object") return false;
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** JSONata's notion of truth ($boolean). Iterative: a result may be a deeply nested list. */
export function truthy(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    if (v === undefined || v === null || v === false || v === 0 || v === "" || typeof v === "function") continue;
    if (typeof v === "object" && Object.keys(v).length === 0) continue;
    return true;
  }
  return false;
}

/** A JSONata function or error object: not data. */
function isSpecial(value: object): boolean {
  const o = value as Record<string, unknown>;
  return o["_jsonata_lambda"] === true || o["_jsonata_function"] === true || o["_jsonata_error"] !== undefined;
}

/** A scalar as JSON keeps it, or undefined when JSON has no such value. */
function scalar(value: unknown): unknown {
  if (typeof value === "function" || (typeof value === "number" && !Number.isFinite(value))) return undefined;
  return value;
}

function put(out: unknown[] | Record<string, unknown>, key: string | number, value: unknown): void {
  if (Array.isArray(out)) out.push(value);
  else if (key === "__proto__") Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

/**
 * The plain JSON of a JSONata result: sequences become arrays; functions (JS functions and JSONata
 * lambdas, which are objects with a circular environment), non-finite numbers and cycles are dropped.
 * Iterative, so safe at any depth.
 */
export function toJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return scalar(value);
  if (isSpecial(value)) return undefined;
  interface Frame {
    readonly source: object;
    readonly out: unknown[] | Record<string, unknown>;
    readonly keys: readonly string[] | undefined;
    i: number;
  }
  const frame = (source: object, out: unknown[] | Record<string, unknown>): Frame => ({
    source,
    out,
    keys: Array.isArray(source) ? undefined : Object.keys(source),
    i: 0,
  });
  const root: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
  const onPath = new Set<object>([value]);
  const stack: Frame[] = [frame(value, root)];
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    const length = f.keys ? f.keys.length : (f.source as unknown[]).length;
    if (f.i >= length) {
      onPath.delete(f.source);
      stack.pop();
      continue;
    }
    const key: string | number = f.keys ? f.keys[f.i]! : f.i;
    f.i++;
    const child = (f.source as Record<string | number, unknown>)[key];
    if (child === undefined) continue;
    if (child === null || typeof child !== "object") {
      const json = scalar(child);
      if (json !== undefined) put(f.out, key, json);
      continue;
    }
    if (isSpecial(child) || onPath.has(child)) continue;
    const out: unknown[] | Record<string, unknown> = Array.isArray(child) ? [] : {};
    put(f.out, key, out);
    onPath.add(child);
    stack.push(frame(child, out));
  }
  return root;
}

/**
 * A result as the value of a field (`x-prefill`, `x-compute`): plain JSON, no value for `null`, and a
 * list for an array field, since JSONata unwraps a sequence of one item (a filter that leaves one row
 * yields the row itself).
 */
export function fieldValue(node: FieldNode, result: unknown): unknown {
  const value = result === null ? undefined : toJson(result);
  return value !== undefined && node.kind === "array" && !Array.isArray(value) ? [value] : value;
}
