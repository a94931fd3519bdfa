/**
 * RFC 6901 JSON Pointers: the only path format tokhai uses.
 *
 * Segments are taken literally: a key "15" in an object is a property name, never an index.
 * In *template* pointers (procedure `steps`, `i18n`, field templates) the segment `-` stands
 * for "any item" of an array, as in `/members/-/fullName`.
 */

/** The segment that stands for any row of an array in a template pointer. */
export const ANY_ROW = "-";

export function escapeSegment(segment: string): string {
  return segment.indexOf("~") === -1 && segment.indexOf("/") === -1
    ? segment
    : segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(segment: string): string {
  return segment.indexOf("~") === -1 ? segment : segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Splits a pointer into its unescaped segments. `""` is the root. Throws on a pointer that does not start with "/". */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (pointer.charCodeAt(0) !== 47 /* / */) {
    throw new TypeError(`tokhai: "${pointer}" is not a JSON Pointer: it must be "" or start with "/".`);
  }
  return pointer.slice(1).split("/").map(unescapeSegment);
}

/**
 * The segments of a `$ref`'s fragment (`#` removed): URI-encoded (`%25`, `%20`), then a JSON pointer
 * (`~0`, `~1`). Undefined when it is neither `""` nor a pointer, or its encoding is malformed.
 */
export function fragmentSegments(fragment: string): string[] | undefined {
  let path: string;
  try {
    path = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  return path === "" || path.startsWith("/") ? parsePointer(path) : undefined;
}

export function formatPointer(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) out += "/" + escapeSegment(String(s));
  return out;
}

export function appendPointer(pointer: string, segment: string | number): string {
  return pointer + "/" + escapeSegment(String(segment));
}

/** The parent pointer, or undefined for the root. */
export function parentPointer(pointer: string): string | undefined {
  if (pointer === "") return undefined;
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** True when `ancestor` is `pointer` or one of its ancestors. */
export function isPrefixPointer(ancestor: string, pointer: string): boolean {
  return (
    ancestor === pointer ||
    ancestor === "" ||
    (pointer.length > ancestor.length && pointer.startsWith(ancestor) && pointer.charCodeAt(ancestor.length) === 47)
  );
}

const INDEX = /^(0|[1-9]\d*)$/;
export function isIndexSegment(segment: string): boolean {
  return INDEX.test(segment);
}

type Json = unknown;

/** Reads the value at a pointer, or undefined. Array segments must be indices. */
export function getIn(root: Json, segments: readonly string[]): Json {
  let node: Json = root;
  for (const s of segments) {
    if (node === null || typeof node !== "object") return undefined;
    if (Array.isArray(node)) {
      if (!isIndexSegment(s)) return undefined;
      node = node[Number(s)];
    } else {
      node = Object.prototype.hasOwnProperty.call(node, s) ? (node as Record<string, Json>)[s] : undefined;
    }
  }
  return node;
}

/**
 * Copy-on-write update. `undefined` removes the key (or, in an array, sets the slot to undefined).
 * `isArrayAt(depth)` says whether a missing container at that depth must be created as an array.
 */
export function setIn(
  root: Json,
  segments: readonly string[],
  value: Json,
  isArrayAt: (depth: number) => boolean = () => false,
  depth = 0,
): Json {
  if (depth === segments.length) return value;
  const key = segments[depth]!;
  let container: Json = root;
  if (container === null || typeof container !== "object") {
    if (value === undefined) return root;
    container = isArrayAt(depth) ? [] : {};
  }
  if (Array.isArray(container)) {
    const index = Number(key);
    if (value === undefined && container[index] === undefined) return container; // nothing to remove
    const copy = container.slice();
    const next = setIn(copy[index], segments, value, isArrayAt, depth + 1);
    if (next === undefined && depth === segments.length - 1) {
      if (index < copy.length) copy[index] = undefined;
    } else {
      while (copy.length < index) copy.push(undefined);
      copy[index] = next;
    }
    return copy;
  }
  const obj = container as Record<string, Json>;
  const current = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  if (value === undefined && current === undefined) return container; // nothing to remove
  const next = setIn(current, segments, value, isArrayAt, depth + 1);
  if (next === current && (next !== undefined || !(key in obj))) return container;
  const copy: Record<string, Json> = { ...obj };
  if (next === undefined) delete copy[key];
  else if (key === "__proto__") Object.defineProperty(copy, key, { value: next, writable: true, enumerable: true, configurable: true }); // an own key, never the prototype
  else copy[key] = next;
  return copy;
}
