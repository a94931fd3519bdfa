import { appendPointer } from "./pointer.js";

/*
 * The walks below are iterative (an explicit stack), so a value nested 100,000 levels deep is no
 * deeper for them than a flat one: data comes from drafts, submissions and hosts, and the call stack
 * is not a resource an attacker should be able to exhaust. None of them is slower than the recursive
 * versions they replace on the shallow values of a form.
 *
 * Values are trees of JSON. A cycle (possible only from a host's own JavaScript) never hangs them:
 * past `TRACK_FROM` levels each walk keeps the containers on its current path (or, for `deepEqual`,
 * the pairs it compared), so a cycle is met again a few levels later. Shallow values pay nothing.
 */
const TRACK_FROM = 64;

function cyclic(): TypeError {
  return new TypeError("tokhai: the value is cyclic (it contains itself), so it is not JSON.");
}

/**
 * Structural equality of JSON values (NaN equals NaN). On a value that contains itself, the equality
 * of the infinite trees the two values unfold to.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  // Pairs of containers still to compare, with their depth: [a, b, depth, a, b, depth, …]. The order in
  // which pairs are compared does not change the answer.
  const stack: unknown[] = [a, b, 0];
  let compared: Map<object, Set<object>> | undefined;
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const y = stack.pop() as object;
    const x = stack.pop() as object;
    if (depth >= TRACK_FROM) {
      // A pair met again is being compared, or was found equal: comparing it again adds nothing.
      compared ??= new Map();
      let with_ = compared.get(x);
      if (!with_) compared.set(x, (with_ = new Set()));
      else if (with_.has(y)) continue;
      with_.add(y);
    }
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        const u: unknown = x[i];
        const v: unknown = y[i];
        if (u === v) continue;
        if (typeof u !== "object" || typeof v !== "object" || u === null || v === null) {
          if (typeof u === "number" && typeof v === "number" && Number.isNaN(u) && Number.isNaN(v)) continue;
          return false;
        }
        stack.push(u, v, depth + 1);
      }
      continue;
    }
    if (Array.isArray(y)) return false;
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    for (let i = 0; i < kx.length; i++) {
      const k = kx[i]!;
      if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
      const u: unknown = (x as Record<string, unknown>)[k];
      const v: unknown = (y as Record<string, unknown>)[k];
      if (u === v) continue;
      if (typeof u !== "object" || typeof v !== "object" || u === null || v === null) {
        if (typeof u === "number" && typeof v === "number" && Number.isNaN(u) && Number.isNaN(v)) continue;
        return false;
      }
      stack.push(u, v, depth + 1);
    }
  }
  return true;
}

/**
 * Calls `visit` for each leaf (non-container, or empty container) of a JSON value with its pointer, in
 * document order (array order, object key order). `undefined` values (and array holes) are skipped.
 * Throws a TypeError on a value that contains itself.
 */
export function forEachLeaf(value: unknown, pointer: string, visit: (pointer: string, leaf: unknown) => void): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object") {
    visit(pointer, value);
    return;
  }
  const rootKeys = Array.isArray(value) ? undefined : Object.keys(value);
  if ((rootKeys ? rootKeys.length : (value as unknown[]).length) === 0) {
    visit(pointer, value);
    return;
  }
  // The path from `value` to the container being walked: a frame per container, in parallel arrays
  // (its keys, or undefined for an array; the position of the next child; its pointer).
  const containers: object[] = [value];
  const keyLists: (string[] | undefined)[] = [rootKeys];
  const positions: number[] = [0];
  const pointers: string[] = [pointer];
  let path: Set<object> | undefined;
  while (containers.length > 0) {
    const top = containers.length - 1;
    const container = containers[top]!;
    const keys = keyLists[top];
    const i = positions[top]!;
    if (i === (keys ? keys.length : (container as unknown[]).length)) {
      containers.pop();
      keyLists.pop();
      positions.pop();
      pointers.pop();
      if (top >= TRACK_FROM) path!.delete(container);
      continue;
    }
    positions[top] = i + 1;
    let child: unknown;
    let at: string;
    if (keys) {
      const k = keys[i]!;
      child = (container as Record<string, unknown>)[k];
      if (child === undefined) continue;
      at = appendPointer(pointers[top]!, k);
    } else {
      child = (container as unknown[])[i];
      if (child === undefined) continue;
      at = pointers[top]! + "/" + i;
    }
    if (child === null || typeof child !== "object") {
      visit(at, child);
      continue;
    }
    const childKeys = Array.isArray(child) ? undefined : Object.keys(child);
    if ((childKeys ? childKeys.length : (child as unknown[]).length) === 0) {
      visit(at, child);
      continue;
    }
    if (top + 1 >= TRACK_FROM) {
      path ??= new Set();
      if (path.has(child)) throw cyclic();
      path.add(child);
    }
    containers.push(child);
    keyLists.push(childKeys);
    positions.push(0);
    pointers.push(at);
  }
}

/** What `JSON.stringify` leaves out: `undefined`, functions and symbols. */
const OMITTED = Symbol("omitted");

/** A member as `JSON.stringify` writes it: `toJSON` applied, non-finite numbers as null, or OMITTED. */
function jsonMember(value: unknown, key: string | number): unknown {
  if (typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(String(key));
  }
  switch (typeof value) {
    case "string":
    case "boolean":
    case "object":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      throw new TypeError("tokhai: a BigInt is not JSON.");
    default:
      return OMITTED;
  }
}

function assign(target: Record<string, unknown>, key: string, value: unknown): void {
  // As JSON.parse does: "__proto__" is an own key like any other, never the object's prototype.
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/**
 * A deep copy of a JSON value, equal to `JSON.parse(JSON.stringify(value))` (and undefined for
 * undefined): members that are `undefined`, functions or symbols are left out of objects and become
 * null in arrays (a hole too), non-finite numbers become null, `toJSON` is applied (a Date becomes its
 * ISO string), an own `"__proto__"` key stays an own key. Other objects are copied as plain objects of
 * their own enumerable keys (a boxed primitive is not unboxed). Throws a TypeError on a BigInt or on a
 * value that contains itself, as JSON.stringify does.
 */
export function cloneJson<T>(value: T): T {
  if (value === undefined) return value;
  const root = jsonMember(value, "");
  if (root === OMITTED) return undefined as T;
  if (root === null || typeof root !== "object") return root as T;
  const copy: object = Array.isArray(root) ? [] : {};
  // The path from `root` to the container being copied, a frame per container (see forEachLeaf).
  const sources: object[] = [root];
  const targets: object[] = [copy];
  const keyLists: (string[] | undefined)[] = [Array.isArray(root) ? undefined : Object.keys(root)];
  const positions: number[] = [0];
  let path: Set<object> | undefined;
  while (sources.length > 0) {
    const top = sources.length - 1;
    const source = sources[top]!;
    const keys = keyLists[top];
    const i = positions[top]!;
    if (i === (keys ? keys.length : (source as unknown[]).length)) {
      sources.pop();
      targets.pop();
      keyLists.pop();
      positions.pop();
      if (top >= TRACK_FROM) path!.delete(source);
      continue;
    }
    positions[top] = i + 1;
    const key = keys ? keys[i]! : i;
    let member = jsonMember((source as Record<string | number, unknown>)[key], key);
    if (member === OMITTED) {
      if (keys) continue;
      member = null;
    }
    let child: object | undefined;
    if (member !== null && typeof member === "object") {
      if (top + 1 >= TRACK_FROM) {
        path ??= new Set();
        if (path.has(member)) throw cyclic();
        path.add(member);
      }
      child = Array.isArray(member) ? [] : {};
    }
    if (keys) assign(targets[top] as Record<string, unknown>, key as string, child ?? member);
    else (targets[top] as unknown[]).push(child ?? member);
    if (child) {
      sources.push(member as object);
      targets.push(child);
      keyLists.push(Array.isArray(member) ? undefined : Object.keys(member as object));
      positions.push(0);
    }
  }
  return copy as T;
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
