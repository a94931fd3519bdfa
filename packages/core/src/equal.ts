import { appendPointer } from "./pointer.js";

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Calls `visit` for each leaf (non-container, or empty container) of a JSON value with its pointer. */
export function forEachLeaf(value: unknown, pointer: string, visit: (pointer: string, leaf: unknown) => void): void {
  if (value === undefined) return;
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) {
      visit(pointer, value);
      return;
    }
    for (const [k, v] of entries) {
      forEachLeaf(v, appendPointer(pointer, k), visit);
    }
    return;
  }
  visit(pointer, value);
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The first object or array below `root` (depth first, in key order) with more than `limit` counted
 * values on its path from `root`, itself included: the value and its path (object keys, array
 * indices), or undefined. `counts` says which values count (every object and array by default).
 * Iterative, so safe at any depth. A value reached by two paths is walked twice, unless `once` (for
 * graphs whose nodes are shared).
 */
export function deeperThan(
  root: unknown,
  limit: number,
  options: { readonly counts?: (value: object) => boolean; readonly once?: boolean } = {},
): { value: object; path: string[] } | undefined {
  if (root === null || typeof root !== "object") return undefined;
  interface Entry {
    readonly value: object;
    readonly parent: Entry | undefined;
    readonly key: string;
    readonly depth: number;
  }
  const counts = options.counts ?? (() => true);
  const seen = options.once ? new Set<object>() : undefined;
  const stack: Entry[] = [{ value: root, parent: undefined, key: "", depth: counts(root) ? 1 : 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (seen) {
      if (seen.has(entry.value)) continue;
      seen.add(entry.value);
    }
    if (entry.depth > limit) {
      const path: string[] = [];
      for (let e: Entry | undefined = entry; e?.parent; e = e.parent) path.unshift(e.key);
      return { value: entry.value, path };
    }
    const keys = Object.keys(entry.value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = (entry.value as Record<string, unknown>)[keys[i]!];
      if (child !== null && typeof child === "object") stack.push({ value: child, parent: entry, key: keys[i]!, depth: entry.depth + (counts(child) ? 1 : 0) });
    }
  }
  return undefined;
}
