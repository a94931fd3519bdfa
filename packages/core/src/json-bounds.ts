/**
 * The size of a value someone else sent (an envelope, a draft), measured before anything else reads it:
 * one iterative walk that stops at the first limit crossed, so that neither its depth nor its size can
 * exhaust the stack or hold the thread. It also refuses what JSON cannot hold (functions, `undefined`
 * members, non-finite numbers, objects that are not plain), since only JSON is ever expected.
 */
import { appendPointer } from "./pointer.js";

export interface JsonLimits {
  /** Deepest nesting of objects and arrays (the root counts as 1). */
  readonly depth: number;
  /** Most values in all (objects, arrays and scalars, the root included). */
  readonly values: number;
  /** Longest string, and longest object key, in UTF-16 code units. */
  readonly string: number;
}

export type JsonBreach =
  | { readonly limit: "depth" | "values" | "string"; readonly pointer: string; readonly max: number }
  | { readonly limit: "json"; readonly pointer: string; readonly what: string };

/** An object literal or `JSON.parse` result, of any realm (a vm context, an iframe): not a Date, a Map, a class instance. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return (proto === null || Object.getPrototypeOf(proto) === null) && Object.prototype.toString.call(value) === "[object Object]";
}

/** What is not JSON about a scalar, or undefined when it is JSON. */
function notJson(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : String(value);
    case "object":
      return undefined; // containers are checked by the caller
    default:
      return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
  }
}

/**
 * The first limit `value` crosses, with the pointer of the value that crossed it, or undefined when it
 * is JSON within `limits`. Depth first, in key order. A value reached twice (shared or cyclic
 * references, which JSON text cannot make) is counted twice, so cycles end at the `values` limit.
 */
export function jsonBreach(value: unknown, limits: JsonLimits): JsonBreach | undefined {
  interface Entry {
    readonly value: unknown;
    readonly depth: number;
    readonly parent: Entry | undefined;
    readonly key: string;
  }
  const pointerOf = (entry: Entry): string => {
    const keys: string[] = [];
    for (let e: Entry | undefined = entry; e?.parent; e = e.parent) keys.push(e.key);
    let pointer = "";
    for (let i = keys.length - 1; i >= 0; i--) pointer = appendPointer(pointer, keys[i]!);
    return pointer;
  };
  const stack: Entry[] = [{ value, depth: 1, parent: undefined, key: "" }];
  let count = 0;
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (++count > limits.values) return { limit: "values", pointer: pointerOf(entry), max: limits.values };
    const v = entry.value;
    if (typeof v === "string") {
      if (v.length > limits.string) return { limit: "string", pointer: pointerOf(entry), max: limits.string };
      continue;
    }
    const what = notJson(v);
    if (what !== undefined) return { limit: "json", pointer: pointerOf(entry), what };
    if (v === null || typeof v !== "object") continue;
    if (!Array.isArray(v) && !isPlainObject(v)) return { limit: "json", pointer: pointerOf(entry), what: "an object that is not plain JSON" };
    if (entry.depth > limits.depth) return { limit: "depth", pointer: pointerOf(entry), max: limits.depth };
    if (Array.isArray(v)) {
      if (v.length > limits.values) return { limit: "values", pointer: pointerOf(entry), max: limits.values };
      for (let i = v.length - 1; i >= 0; i--) {
        // A hole of a sparse array reads as undefined, which JSON has no way to write.
        stack.push({ value: i in v ? v[i] : undefined, depth: entry.depth + 1, parent: entry, key: String(i) });
      }
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > limits.values) return { limit: "values", pointer: pointerOf(entry), max: limits.values };
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.length > limits.string) return { limit: "string", pointer: appendPointer(pointerOf(entry), key), max: limits.string };
      const descriptor = Object.getOwnPropertyDescriptor(v, key)!;
      // A getter would run someone else's code on every read: not JSON.
      if (!("value" in descriptor)) return { limit: "json", pointer: appendPointer(pointerOf(entry), key), what: "an accessor property" };
      stack.push({ value: descriptor.value, depth: entry.depth + 1, parent: entry, key });
    }
  }
  return undefined;
}

/** The length of a string in code points, as JSON Schema's `maxLength` counts it. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
