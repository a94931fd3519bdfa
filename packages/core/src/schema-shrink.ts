/**
 * A smaller copy of a data schema for ajv to compile, with the same validation results.
 *
 * ajv turns a whole schema into one generated function: for a large procedure that source string and
 * its bytecode are most of the memory a loaded procedure holds, and generating it most of the load time.
 * The copy made here
 *
 * - drops what ajv does not validate: annotations (`title`, `description`, …) and tokhai's `x-*`
 *   keywords. Only keywords of schema objects are dropped, never anything inside a `const`/`enum` value
 *   or a property name: the walk knows which keywords hold subschemas and copies the others as data;
 * - moves the leaf subschemas (scalar constraints only, no subschema of their own) that occur often
 *   enough for it to pay (see `pays`) to `$defs` of the root, under reserved names (`__tk0`, …), and
 *   references them with `$ref`:
 *   compiled with `inlineRefs: false`, ajv generates each of them once as a function of its own and a
 *   short call at every place it occurs.
 *
 * - moves the properties of an object that share a moved leaf to one `patternProperties` entry (see
 *   `groupProperties`).
 *
 * Errors keep their `instancePath`, `keyword` and `params`; only `schemaPath` differs (it points into
 * the copy), and the errors of grouped properties come after the object's other property errors.
 * The caller's schema is never modified; the copy shares the values of data keywords (`enum`,
 * `const`, `required`, …) with it.
 */
import { deeperThan } from "./equal.js";
import { escapeSegment, formatPointer, unescapeSegment } from "./pointer.js";

type Json = Record<string, unknown>;

/** What `shrinkSchema` made. */
export interface ShrunkSchema {
  /** The copy to compile (the schema itself when it is not an object). */
  readonly schema: unknown;
  /** How many leaf schemas were moved to `$defs`. */
  readonly hoisted: number;
  /** ajv's `inlineRefs` to compile the copy with: false when leaves were moved (see above) or see `ARRAY_NESTING`. */
  readonly inlineRefs: boolean;
}

/**
 * To decide whether to inline a `$ref`'d schema, ajv (8.20, `hasRef`) looks for references in it, and
 * that look walks every array twice: 2^n steps under n nested arrays (`allOf` in `allOf`…, or a
 * `const` of lists in lists), which hangs the load from about 25. With more nested arrays than this,
 * references are compiled as functions of their own (`inlineRefs: false`): the same validation and
 * errors, and ajv does not look.
 */
const ARRAY_NESTING = 8;

/** The prefix of the `$defs` names this module adds. */
export const HOISTED_PREFIX = "__tk";

/** Annotation keywords: no validation code in ajv (`useDefaults` is not used). */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  "title",
  "description",
  "examples",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "default",
]);

/** Keywords whose value is one subschema. */
const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  "additionalProperties",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "items", // 2020-12: one schema (an array of schemas is copied as it is)
]);

/** Keywords whose value is an object of subschemas. */
const SCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS: ReadonlySet<string> = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/**
 * The keywords a leaf may have: scalar constraints that hold no subschema and do not depend on the
 * base URI or on the dynamic scope. Anything else (a reference, an identifier, an applicator, an
 * unknown keyword) keeps the schema where it is.
 */
const LEAF_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "nullable",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "formatMinimum",
  "formatMaximum",
  "formatExclusiveMinimum",
  "formatExclusiveMaximum",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxContains",
  "minContains",
  "maxProperties",
  "minProperties",
  "required",
  "dependentRequired",
  "contentEncoding",
  "contentMediaType",
]);

/**
 * Whether moving a leaf that occurs `count` times pays. Measured on ajv's code (allErrors, not
 * optimised): a keyword checked in place costs about 250 characters, a call about as much as one
 * keyword, the function of a moved leaf about three. So a leaf of one keyword (`{type: "string"}`,
 * `{const: "a"}`) never pays, and runs slower called; one of two keywords pays from four occurrences,
 * one of three from two. An `enum` counts one more keyword per four values.
 */
function pays(leaf: Json, count: number): boolean {
  let weight = 0;
  for (const key of Object.keys(leaf)) {
    const value = leaf[key];
    weight += key === "enum" && Array.isArray(value) ? 1 + Math.floor(value.length / 4) : 1;
  }
  return count * (weight - 1) > 3;
}


/** `target[key] = value`, also for a key `__proto__` (an own property, as JSON.parse makes it). */
function put(target: Json | unknown[], key: string | number, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else (target as Json)[key as string] = value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * JSON text of a data value, or undefined when the value is not plain JSON (a non-finite number,
 * `undefined`, a function, a class instance…): such a leaf is not merged with another one.
 */
function jsonText(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? JSON.stringify(value) : undefined;
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return undefined;
          const t = jsonText(value[i]);
          if (t === undefined) return undefined;
          out += (i > 0 ? "," : "") + t;
        }
        return out + "]";
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return undefined;
      // Key order is kept: ajv reports `const`/`enum` values as they are written.
      let out = "{";
      let first = true;
      for (const key of Object.keys(value)) {
        const t = jsonText((value as Json)[key]);
        if (t === undefined) return undefined;
        out += (first ? "" : ",") + JSON.stringify(key) + ":" + t;
        first = false;
      }
      return out + "}";
    }
    default:
      return undefined;
  }
}

/**
 * The identity of a leaf schema (keywords sorted: ajv's keyword order does not depend on it), or
 * undefined when it is no leaf. `{}` generates no code at all: it is no leaf either.
 */
function leafKey(schema: Json): string | undefined {
  const keys = Object.keys(schema);
  if (keys.length === 0) return undefined;
  for (const key of keys) if (!LEAF_KEYWORDS.has(key)) return undefined;
  keys.sort();
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const t = jsonText(schema[keys[i]!]);
    if (t === undefined) return undefined;
    out += (i > 0 ? "," : "") + JSON.stringify(keys[i]) + ":" + t;
  }
  return out + "}";
}

/**
 * The JSON Pointers that `$ref`/`$dynamicRef` fragments point at, with all their ancestors: a keyword
 * on such a path is kept even if it is an annotation or an `x-*` keyword (`"$ref": "#/x-defs/a"`),
 * and a leaf with something referenced below it stays in place. Collected from every string `$ref`
 * anywhere in the schema, data included: more than needed, never less.
 */
interface RefTargets {
  /** Pointers referenced, and every ancestor of them. */
  readonly atOrBelow: Set<string>;
  /** Strict ancestors of referenced pointers. */
  readonly below: Set<string>;
}

function collectRefTargets(schema: unknown): RefTargets | undefined {
  const atOrBelow = new Set<string>();
  const below = new Set<string>();
  // The walk looks places up by their paths, no longer than the schema is deep plus a keyword: the
  // segments of a reference past that are never looked up. Without this cut, a long reference
  // ("#/properties/a/properties/a/…") costs the square of its length in prefixes.
  let depth = 0;
  const refs: string[] = [];
  const add = (ref: string) => {
    const hash = ref.indexOf("#");
    if (hash === -1) return;
    let fragment = ref.slice(hash + 1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // keep it as written
    }
    if (!fragment.startsWith("/")) return;
    const all = fragment.slice(1).split("/");
    const segments = all.slice(0, depth + 1).map(unescapeSegment);
    for (let i = 0; i <= segments.length; i++) {
      const p = formatPointer(segments.slice(0, i));
      atOrBelow.add(p);
      if (i < all.length) below.add(p);
    }
  };
  const stack: [unknown, number][] = [[schema, 0]];
  while (stack.length > 0) {
    const [value, level] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    depth = Math.max(depth, level);
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, level + 1]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const v = (value as Json)[key];
      if ((key === "$ref" || key === "$dynamicRef" || key === "$recursiveRef") && typeof v === "string") refs.push(v);
      else if (typeof v === "object" && v !== null) stack.push([v, level + 1]);
    }
  }
  for (const ref of refs) add(ref);
  return atOrBelow.size > 0 ? { atOrBelow, below } : undefined;
}

interface Occurrence {
  readonly container: Json | unknown[];
  readonly key: string | number;
}

interface Walk {
  readonly root: unknown;
  readonly refs: RefTargets | undefined;
  /** Leaf schemas by identity: the first copy and every place it occurs. */
  readonly leaves: Map<string, { schema: Json; at: Occurrence[] }>;
  /** The `properties` maps of the copy whose entries may move to `patternProperties` (see `groupProperties`). */
  readonly propertyMaps: { readonly owner: Json; readonly map: Json }[];
}

/**
 * Where a schema sits: its pointer from the root and from the nearest enclosing `$id` (a fragment is
 * relative to its resource). Only tracked when the schema has references.
 */
interface Place {
  readonly path: string;
  readonly resourcePath: string;
  /** False inside a subschema with its own `$id` (a `#/$defs/…` there would not reach the root) or under `propertyNames`. */
  readonly hoist: boolean;
}

const HOIST: Place = { path: "", resourcePath: "", hoist: true };
const KEEP: Place = { path: "", resourcePath: "", hoist: false };

function childPlace(w: Walk, place: Place, keyword: string, name: string | number | undefined, hoist: boolean): Place {
  if (!w.refs) return hoist ? HOIST : KEEP;
  let suffix = "/" + escapeSegment(keyword);
  if (name !== undefined) suffix += "/" + escapeSegment(String(name));
  return { path: place.path + suffix, resourcePath: place.resourcePath + suffix, hoist };
}

function referenced(w: Walk, place: Place, keyword: string): boolean {
  if (!w.refs) return false;
  const suffix = "/" + escapeSegment(keyword);
  return w.refs.atOrBelow.has(place.path + suffix) || w.refs.atOrBelow.has(place.resourcePath + suffix);
}

/** Copies `container[key]` (a subschema) into `target[key]`, recording it when it is a leaf. */
function copySubschema(w: Walk, target: Json | unknown[], key: string | number, sub: unknown, place: Place): void {
  const copy = walkSchema(w, sub, place);
  put(target, key, copy);
  if (!place.hoist || !isObject(copy)) return;
  if (w.refs && (w.refs.below.has(place.path) || w.refs.below.has(place.resourcePath))) return;
  const id = leafKey(copy);
  if (id === undefined) return;
  const entry = w.leaves.get(id);
  if (entry) entry.at.push({ container: target, key });
  else w.leaves.set(id, { schema: copy, at: [{ container: target, key }] });
}

function walkSchema(w: Walk, schema: unknown, place: Place): unknown {
  if (!isObject(schema)) return schema; // a boolean schema (or something ajv will reject as it is)
  let p = place;
  if (schema !== w.root && schema["$id"] !== undefined) {
    // A new resource: its fragments are relative to it, and `#/$defs/__tkN` would not resolve to the root.
    p = { path: place.path, resourcePath: "", hoist: false };
  }
  const out: Json = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if ((ANNOTATIONS.has(key) || key.startsWith("x-")) && !referenced(w, p, key)) continue;
    if (SCHEMA_KEYWORDS.has(key) && !Array.isArray(value)) {
      copySubschema(w, out, key, value, childPlace(w, p, key, undefined, p.hoist && key !== "propertyNames"));
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      const map: Json = {};
      for (const name of Object.keys(value)) copySubschema(w, map, name, value[name], childPlace(w, p, key, name, p.hoist));
      put(out, key, map);
      if (key === "properties" && p.hoist && !referenced(w, p, key)) w.propertyMaps.push({ owner: out, map });
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
      const list: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) copySubschema(w, list, i, value[i], childPlace(w, p, key, i, p.hoist));
      out[key] = list;
    } else if (key === "dependencies" && isObject(value)) {
      // Draft 7: each value is a subschema or a list of property names (data).
      const map: Json = {};
      for (const name of Object.keys(value)) {
        const dep = value[name];
        if (Array.isArray(dep)) put(map, name, dep);
        else copySubschema(w, map, name, dep, childPlace(w, p, key, name, p.hoist));
      }
      put(out, key, map);
    } else {
      put(out, key, value); // data (const, enum, required, …) or a keyword ajv ignores: shared, not walked
    }
  }
  return out;
}

/**
 * A copy of `schema` without annotations and `x-*` keywords, with repeated leaf schemas moved to
 * `$defs` of the root. `schema` is not modified.
 */
export function shrinkSchema(schema: unknown): ShrunkSchema {
  if (!isObject(schema)) return { schema, hoisted: 0, inlineRefs: true };
  const w: Walk = { root: schema, refs: collectRefTargets(schema), leaves: new Map(), propertyMaps: [] };
  const defs = schema["$defs"];
  const canHoist = defs === undefined || isObject(defs);
  const copy = walkSchema(w, schema, { path: "", resourcePath: "", hoist: canHoist }) as Json;
  let hoisted = 0;
  const refs = new Set<object>();
  let taken: Json | undefined;
  let n = 0;
  for (const { schema: leaf, at } of w.leaves.values()) {
    if (at.length < 2 || !pays(leaf, at.length)) continue;
    taken ??= isObject(copy["$defs"]) ? (copy["$defs"] as Json) : (copy["$defs"] = {});
    let name: string;
    do name = HOISTED_PREFIX + n++;
    while (Object.prototype.hasOwnProperty.call(taken, name));
    taken[name] = leaf;
    // One reference object for every occurrence: ajv does not modify schemas, and the copy stays small.
    const ref = { $ref: "#/$defs/" + name };
    refs.add(ref);
    for (const { container, key } of at) put(container, key, ref);
    hoisted++;
  }
  if (hoisted > 0) for (const { owner, map } of w.propertyMaps) groupProperties(owner, map, refs);
  return { schema: copy, hoisted, inlineRefs: hoisted === 0 && !deeperThan(copy, ARRAY_NESTING, { counts: Array.isArray }) };
}

/** A name with half a surrogate pair cannot be written in a `u` pattern: its property stays where it is. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fewest properties of one object sharing a moved leaf that are worth a pattern. */
const GROUP_MIN = 4;

/** `text` as a regular expression (`u` flag, as ajv compiles patterns) matching it literally. */
function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/**
 * Moves the properties of one object that reference the same moved leaf to one `patternProperties`
 * entry, `^(?:name1|name2|…)$`: ajv generates a loop over the object's keys instead of a block of code
 * per property (a section of 20 text fields: about 6 KB of source becomes 0.5 KB). The same properties
 * are validated by the same schema, and counted as evaluated for `additionalProperties` and
 * `unevaluatedProperties`; the errors are the same, but those of the moved properties follow the
 * object's other property errors, in the data's key order (tokhai sorts errors in document order).
 * A map that a `$ref` of the schema points into is never changed (see `walkSchema`), nor one with a
 * property `__proto__` (ajv's `properties` and `additionalProperties` code treat that name in ways a
 * pattern would not reproduce).
 */
function groupProperties(owner: Json, map: Json, refs: ReadonlySet<object>): void {
  if (Object.prototype.hasOwnProperty.call(map, "__proto__")) return;
  const groups = new Map<object, string[]>();
  for (const name of Object.keys(map)) {
    const value = map[name];
    if (typeof value !== "object" || value === null || !refs.has(value) || LONE_SURROGATE.test(name)) continue;
    const names = groups.get(value);
    if (names) names.push(name);
    else groups.set(value, [name]);
  }
  for (const [ref, names] of groups) {
    if (names.length < GROUP_MIN) continue;
    const patterns = isObject(owner["patternProperties"]) ? (owner["patternProperties"] as Json) : {};
    const pattern = `^(?:${names.map(literalPattern).join("|")})$`;
    if (Object.prototype.hasOwnProperty.call(patterns, pattern)) continue;
    put(patterns, pattern, ref);
    owner["patternProperties"] = patterns;
    for (const name of names) delete map[name];
  }
}
