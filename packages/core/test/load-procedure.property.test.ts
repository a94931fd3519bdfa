/**
 * Property: whatever is wrong with a procedure document, `loadProcedure` either resolves or rejects with
 * a `ProcedureError` whose problems are all located: a non-empty list, each problem with a syntactically
 * valid JSON pointer that names a location of the document (or, for a missing required key, a key of an
 * existing object), a non-empty code and message, and for expressions the expression text and a
 * position inside it. Never another exception (TypeError, RangeError, stack overflow…), never a hang.
 *
 * Why: procedure documents are written by hand by designers, and `tokhai check`, the editor and
 * `<tk-form>` all report the problems of `loadProcedure` to them. A crash tells the designer nothing,
 * and a hang freezes the page or the CLI.
 *
 * How: the valid procedures of examples/procedures (and of test/fixtures, if any) plus a small seed
 * with `$ref`s and rows are mutated (wrong types, missing keys, bad pointers, garbage expressions, deep
 * nesting, huge enums, odd keys, `$ref` cycles and fan-outs, and 1–3 of these at once); arbitrary JSON
 * is fed too. Mutations are small descriptions (kind, a location index, a payload) applied to a copy,
 * so a counterexample is short and shrinks. Each load runs in a worker thread with a main-thread-sized
 * stack: a synchronous hang (a catastrophic regular expression, an exponential expansion) is caught by
 * a timeout that terminates the worker, which a timer on the test's own thread could never fire.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProcedure, type ProcedureProblem } from "@tokhai/core";

// ---------------------------------------------------------------------------------------------
// Seeds: valid procedures
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function readProcedures(dir: URL): [string, JsonObject][] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    return []; // no such folder
  }
  return names.sort().map((n) => [n, JSON.parse(readFileSync(new URL(n, dir), "utf8")) as JsonObject]);
}

/** A small procedure with what the examples lack: `$defs`/`$ref`, rows with `$row`/`$index`, rules. */
const REF_SEED: JsonObject = {
  id: "vn.test.property",
  version: "1.0.0",
  title: "Thử nghiệm",
  sources: {
    citizen: { schema: { type: "object", properties: { fullName: { type: "string" }, address: { $ref: "#/$defs/address" } }, $defs: { address: { type: "object", properties: { province: { type: "string" } } } } } },
  },
  schema: {
    type: "object",
    $defs: {
      person: { type: "object", properties: { fullName: { type: "string", maxLength: 100 }, birthDate: { type: "string", format: "date" } }, required: ["fullName"] },
    },
    properties: {
      applicant: { $ref: "#/$defs/person", title: "Người yêu cầu", "x-prefill": "$citizen", "x-lock": true },
      province: { type: "string", enum: ["01", "79"], "x-prefill": "$citizen.address.province" },
      members: {
        type: "array",
        items: {
          type: "object",
          properties: {
            fullName: { type: "string" },
            age: { type: "integer", minimum: 0 },
            label: { type: "string", "x-compute": "$string($index + 1) & '. ' & $row.fullName" },
          },
          "x-rules": [{ assert: "$row.age < 150", message: { vi: "Tuổi không hợp lệ", en: "Invalid age" } }],
        },
      },
      count: { type: "integer", "x-compute": "$count(members)" },
      note: { type: "string", "x-visible": "count > 0", "x-required": "count > 2", "x-readonly": "province = '01'" },
      holder: { type: "string", "x-options": "members.{ 'value': fullName, 'label': label }" },
    },
    required: ["applicant"],
  },
  steps: [
    { id: "who", title: "Người yêu cầu", fields: ["/applicant", "/province"] },
    { id: "rows", title: "Thành viên", fields: ["/members", "/members/-/fullName", "/count", "/note", "/holder"] },
  ],
  i18n: { en: { title: "Test", "/applicant": { title: "Applicant" }, "/members/-/fullName": { title: "Full name" } } },
};

const SEEDS: [string, JsonObject][] = [
  ...readProcedures(new URL("../../../examples/procedures/", import.meta.url)),
  ...readProcedures(new URL("./fixtures/", import.meta.url)),
  ["ref-seed", REF_SEED],
];

// ---------------------------------------------------------------------------------------------
// Locations of a document
// ---------------------------------------------------------------------------------------------

type Path = (string | number)[];
interface Location {
  readonly path: Path;
  readonly value: Json;
}

const EXPRESSION_KEYWORDS = new Set(["x-prefill", "x-compute", "x-visible", "x-required", "x-readonly", "x-options"]);
const SCHEMA_SINGLE = new Set(["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"]);
const SCHEMA_MAP = new Set(["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"]);
const SCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const IMPORTANT_KEYS = new Set(["id", "version", "title", "schema", "sources", "steps", "fields", "type", "properties", "items", "required", "$defs", "$ref", "assert", "message", "i18n", "enum", "oneOf", "const"]);

/** Every location of a document, in document order; deep or long containers are cut (enough to pick from). */
function locations(doc: Json): Location[] {
  const out: Location[] = [];
  const stack: Location[] = [{ path: [], value: doc }];
  while (stack.length > 0) {
    const loc = stack.pop()!;
    out.push(loc);
    const v = loc.value;
    if (v === null || typeof v !== "object" || loc.path.length >= 48) continue;
    const entries: [string | number, Json][] = Array.isArray(v) ? v.slice(0, 500).map((x, i) => [i, x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ path: [...loc.path, entries[i]![0]], value: entries[i]![1] });
  }
  return out;
}

/** Where the schema that contains `path` starts: `["schema"]` or `["sources", name, "schema"]`. */
function schemaRootLength(path: Path): number | undefined {
  if (path[0] === "schema") return 1;
  if (path[0] === "sources" && path[2] === "schema") return 3;
  return undefined;
}

/** Whether `path` is a schema node (the root of a schema or a subschema of an applicator). */
function isSchemaNode(path: Path): boolean {
  const start = schemaRootLength(path);
  if (start === undefined) return false;
  let state: "schema" | "map" | "list" = "schema";
  for (const seg of path.slice(start)) {
    if (state === "map") state = "schema";
    else if (state === "list") {
      if (typeof seg !== "number") return false;
      state = "schema";
    } else if (SCHEMA_MAP.has(String(seg))) state = "map";
    else if (SCHEMA_LIST.has(String(seg))) state = "list";
    else if (!SCHEMA_SINGLE.has(String(seg))) return false;
  }
  return state === "schema";
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const last = (path: Path) => path[path.length - 1];
const schemaNodes = (doc: Json) => locations(doc).filter((l) => isObject(l.value) && isSchemaNode(l.path));
const isExpression = (l: Location) =>
  typeof l.value === "string" && (EXPRESSION_KEYWORDS.has(String(last(l.path))) || (last(l.path) === "assert" && l.path[l.path.length - 3] === "x-rules"));
/** Strings that are pointers: `$ref`s and step fields. */
const isPointerValue = (l: Location) =>
  typeof l.value === "string" && (last(l.path) === "$ref" || (l.path[0] === "steps" && l.path[2] === "fields" && l.path.length === 4));
/** Keys that are pointers: the field entries of `i18n`. */
const isPointerKey = (l: Location) => l.path[0] === "i18n" && l.path.length === 3 && String(l.path[2]).startsWith("/");

/** The element `at` of `list` (any natural number picks one), or undefined for an empty list. */
const pick = <T>(list: readonly T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);

// ---------------------------------------------------------------------------------------------
// Editing a document in place (own `__proto__` keys included, as JSON.parse makes them)
// ---------------------------------------------------------------------------------------------

function define(target: JsonObject | Json[], key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function containerOf(doc: Json, path: Path): JsonObject | Json[] {
  let node = doc;
  for (const seg of path.slice(0, -1)) node = (node as Record<string | number, Json>)[seg]!;
  return node as JsonObject | Json[];
}

/** Sets the value at `path`; returns the new document (a new root when `path` is empty). */
function setAt(doc: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  define(containerOf(doc, path), last(path)!, value);
  return doc;
}

function deleteAt(doc: Json, path: Path): Json {
  if (path.length === 0) return doc;
  const container = containerOf(doc, path);
  if (Array.isArray(container)) container.splice(Number(last(path)), 1);
  else delete container[String(last(path))];
  return doc;
}

/** Renames a key of an object, keeping the key order. */
function renameKey(object: JsonObject, from: string, to: string): void {
  const entries = Object.entries(object);
  for (const [k] of entries) delete object[k];
  for (const [k, v] of entries) if (k !== to || k === from) define(object, k === from ? to : k, v);
}

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;
const pointerOf = (path: Path) => path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

// ---------------------------------------------------------------------------------------------
// Texts: literal, or described (so that a counterexample of 200,000 characters prints in one line)
// ---------------------------------------------------------------------------------------------

type Text = string | { readonly nest: readonly [string, string, string]; readonly n: number } | { readonly repeat: readonly [string, string, string]; readonly n: number };

/** `nest: [open, core, close]`: open×n core close×n. `repeat: [before, unit, after]`: before unit×n after. */
function text(t: Text): string {
  if (typeof t === "string") return t;
  if ("nest" in t) return t.nest[0].repeat(t.n) + t.nest[1] + t.nest[2].repeat(t.n);
  return t.repeat[0] + t.repeat[1].repeat(t.n) + t.repeat[2];
}

const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }));

const garbageExpression: fc.Arbitrary<Text> = fc.oneof(
  anyString,
  fc.constantFrom(
    "$", "$$", "(", ")", "((1)", "[1, 2", "{", "}", "\"", "'", "`", "@", "#", "?", ":", "&", "%", "**", "*", "1 +", "true and", "a[", "a{",
    "$eval('1')", "$eval", "$map([1], $eval)", "[1..100000000]", "[1..100000000].$string()", "$.%", "$.%.%.%", "%.%.a", "$row", "$row.nope",
    "$index", "$index.x", "$value", "$value.x.y", "$today()", "$nope.x", "$citizen.nope", "nope.deeper.still", "$unknownFn()", "$sum(",
    "function($f){$f($f)}", "($f := function(){$f()}; $f())", "$x#$i", "a#$index", "$string(1,2,3,4,5)", "1~>$x", "a.`b c`.d", "a[0][0][0]",
    "$__proto__", "__proto__.constructor", "constructor.prototype", "$constructor", "$toString()", "$hasOwnProperty.x", "/regex", "$ index",
    "$$.applicant.fullName", "$citizen.fullName", "$citizen", "$count(members)", "**.fullName", "*.*.*", "(a; b; c)", "a ? b : c", "{}", "[]",
  ),
  fc.record({
    nest: fc.constantFrom(["(", "1", ")"], ["[", "1", "]"], ['{"a":', "1", "}"], ["$not(", "true", ")"], ["-", "1", ""], ["a.(", "b", ")"], ["$string(", "1", ")"], ["a[", "0", "]"]),
    n: fc.constantFrom(2, 50, 199, 200, 201, 399, 400, 401, 1000, 5000),
  }),
  fc.record({
    repeat: fc.constantFrom(["", "1+", "1"], ["", "a.", "b"], ["", "a and ", "b"], ["'", "x", "'"], ["", "a", ""], ["$citizen", ".a", ""], ["", "%.", "a"], ["", "$x := ", "1"]),
    n: fc.constantFrom(1, 100, 400, 10_000, 200_000),
  }),
);

const garbagePointer: fc.Arbitrary<Text> = fc.oneof(
  anyString,
  anyString.map((s) => "/" + s),
  anyString.map((s) => "#/" + s),
  fc.constantFrom(
    "", "#", "#/", "#/nope", "#/$defs/missing", "~2", "/a/~", "/~", "~", "#~", "#/~2", "#/%", "#/%ZZ", "#/%E0%A4%A", "#%", "#/properties/a%2Fb",
    "http://example.com/schema.json#/a", "other.json", "urn:x:y", "#foo", "#/properties/__proto__", "#/__proto__", "#/__proto__/toString",
    "#/constructor", "#/properties/constructor/prototype", "#/required/0", "#/type", "//", "/", "/-", "/-/-", "/0", "/members/0", "\u0000", "#/\u0000",
  ),
  fc.record({
    repeat: fc.constantFrom(["", "/a", "~"], ["", "/a", "~2"], ["/", "a/", ""], ["#", "/properties", ""], ["#", "/properties/a", ""], ["", "/-", "/~"]),
    n: fc.constantFrom(1, 10, 24, 40, 5000, 100_000),
  }),
);

const ODD_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", "~", "/", "a/b", "~1", "-", "0", " ", "ü", "𝒳", "\u0000", "\ud800", "$ref", "x-unknown", "type"];
const oddKey = fc.oneof(fc.constantFrom(...ODD_KEYS), anyString);

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Values of every JSON kind; a wrong-type mutation takes the first one (from `value` on) of another kind. */
const WRONG_VALUES: Json[] = [0, 42, -1.5, 1e308, "", "garbage", null, [], [1, "a", null], {}, { a: 1 }, true, false];
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const SCHEMA_KEYWORDS = [
  "type", "enum", "const", "oneOf", "anyOf", "allOf", "not", "items", "prefixItems", "properties", "patternProperties", "additionalProperties",
  "required", "$ref", "$defs", "format", "pattern", "minimum", "maxLength", "if", "then", "default", "title", "x-rules", "x-lock", "x-widget",
  "x-accept", "x-max-size", "x-prefill", "x-options",
];
/** The first of WRONG_VALUES, from `index` on, of another kind than `current`. */
function wrongValue(index: number, current: unknown): Json {
  let value = WRONG_VALUES[index]!;
  for (let i = 1; kind(value) === kind(current); i++) value = WRONG_VALUES[(index + i) % WRONG_VALUES.length]!;
  return value;
}

type Mutation =
  | { readonly kind: "wrong-type"; readonly at: number; readonly value: number }
  | { readonly kind: "wrong-keyword"; readonly at: number; readonly keyword: string; readonly value: number; readonly untyped: boolean }
  | { readonly kind: "delete"; readonly at: number; readonly important: boolean }
  | { readonly kind: "bad-pointer"; readonly at: number; readonly pointer: Text; readonly add: boolean }
  | { readonly kind: "garbage-expression"; readonly at: number; readonly expression: Text; readonly add: string | undefined }
  | { readonly kind: "deep-nesting"; readonly at: number; readonly depth: number; readonly shape: "properties" | "allOf" | "items" | "not" }
  | { readonly kind: "huge-enum"; readonly at: number; readonly size: number; readonly values: "distinct" | "duplicates" | "mixed" }
  | { readonly kind: "odd-key"; readonly at: number; readonly key: string; readonly how: "rename" | "add-property"; readonly which: number }
  | { readonly kind: "ref-cycle"; readonly at: number; readonly target: "root" | "self" | "parent" | "mutual"; readonly beside: boolean }
  | { readonly kind: "ref-fan-out"; readonly at: number; readonly depth: number; readonly fanOut: number };

const at = fc.nat();
const MUTATIONS = {
  "wrong-type": fc.record({ kind: fc.constant("wrong-type" as const), at, value: fc.nat({ max: WRONG_VALUES.length - 1 }) }),
  // A schema keyword (added if absent) of the wrong type; `untyped`: without `type`, `properties` and
  // `items`, so that the kind of the field is guessed from the other keywords.
  "wrong-keyword": fc.record({
    kind: fc.constant("wrong-keyword" as const),
    at,
    keyword: fc.constantFrom(...SCHEMA_KEYWORDS),
    value: fc.nat({ max: WRONG_VALUES.length - 1 }),
    untyped: fc.boolean(),
  }),
  delete: fc.record({ kind: fc.constant("delete" as const), at, important: fc.boolean() }),
  "bad-pointer": fc.record({ kind: fc.constant("bad-pointer" as const), at, pointer: garbagePointer, add: fc.boolean() }),
  "garbage-expression": fc.record({
    kind: fc.constant("garbage-expression" as const),
    at,
    expression: garbageExpression,
    add: fc.option(fc.constantFrom(...EXPRESSION_KEYWORDS, "x-rules"), { nil: undefined }),
  }),
  "deep-nesting": fc.record({
    kind: fc.constant("deep-nesting" as const),
    at,
    depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(127, 128, 129, 200, 500, 2000)),
    shape: fc.constantFrom("properties" as const, "allOf" as const, "items" as const, "not" as const),
  }),
  "huge-enum": fc.record({ kind: fc.constant("huge-enum" as const), at, size: fc.constantFrom(0, 1, 10, 50_000), values: fc.constantFrom("distinct" as const, "duplicates" as const, "mixed" as const) }),
  "odd-key": fc.record({ kind: fc.constant("odd-key" as const), at, key: oddKey, how: fc.constantFrom("rename" as const, "add-property" as const), which: fc.nat() }),
  "ref-cycle": fc.record({ kind: fc.constant("ref-cycle" as const), at, target: fc.constantFrom("root" as const, "self" as const, "parent" as const, "mutual" as const), beside: fc.boolean() }),
  "ref-fan-out": fc.record({ kind: fc.constant("ref-fan-out" as const), at, depth: fc.constantFrom(1, 4, 10, 24, 40, 300), fanOut: fc.integer({ min: 1, max: 3 }) }),
} satisfies Record<Mutation["kind"], fc.Arbitrary<Mutation>>;

function nest(depth: number, shape: "properties" | "allOf" | "items" | "not", inner: Json): Json {
  let v = inner;
  for (let i = 0; i < depth; i++) {
    if (shape === "properties") v = { type: "object", properties: { x: v } };
    else if (shape === "allOf") v = { allOf: [v] };
    else if (shape === "items") v = { type: "array", items: v };
    else v = { not: { not: v } };
  }
  return v;
}

function hugeEnum(size: number, values: "distinct" | "duplicates" | "mixed"): Json[] {
  return Array.from({ length: size }, (_, i): Json => (values === "distinct" ? `v${i}` : values === "duplicates" ? "same" : [i, `s${i}`, null, { i }, [i], true][i % 6]!));
}

/** The `$ref` of a schema node, relative to the root of its schema. */
const refTo = (path: Path) => "#" + pointerOf(path.slice(schemaRootLength(path)));

/** The root of the schema that holds the schema node at `path`. */
const schemaRootOf = (doc: Json, path: Path) => containerOf(doc, [...path.slice(0, schemaRootLength(path)), "x"]) as JsonObject;

/** Applies one mutation to `doc` (in place when it can); returns the document and what it did. */
function mutate(doc: Json, m: Mutation): { doc: Json; did: string } {
  switch (m.kind) {
    case "wrong-type": {
      const loc = pick(locations(doc), m.at)!;
      const value = wrongValue(m.value, loc.value);
      return { doc: setAt(doc, loc.path, value), did: `${pointerOf(loc.path)} = ${JSON.stringify(value)}` };
    }
    case "wrong-keyword": {
      const node = pick(schemaNodes(doc), m.at);
      if (!node) return { doc, did: "no schema node" };
      const schema = node.value as JsonObject;
      if (m.untyped) for (const k of ["type", "properties", "items"]) if (k !== m.keyword) delete schema[k];
      const value = wrongValue(m.value, schema[m.keyword]);
      define(schema, m.keyword, value);
      return { doc, did: `${pointerOf([...node.path, m.keyword])} = ${JSON.stringify(value)}${m.untyped ? " (untyped)" : ""}` };
    }
    case "delete": {
      const all = locations(doc).filter((l) => l.path.length > 0);
      const important = all.filter((l) => IMPORTANT_KEYS.has(String(last(l.path))));
      const loc = pick(m.important && important.length > 0 ? important : all, m.at);
      if (!loc) return { doc, did: "nothing to delete" };
      return { doc: deleteAt(doc, loc.path), did: `delete ${pointerOf(loc.path)}` };
    }
    case "bad-pointer": {
      const pointer = text(m.pointer);
      const all = locations(doc);
      const existing = all.filter((l) => isPointerValue(l) || isPointerKey(l));
      if (!m.add && existing.length > 0) {
        const loc = pick(existing, m.at)!;
        if (isPointerKey(loc)) {
          renameKey(containerOf(doc, loc.path) as JsonObject, String(last(loc.path)), pointer);
          return { doc, did: `rename key ${pointerOf(loc.path)} to ${JSON.stringify(pointer).slice(0, 80)}` };
        }
        return { doc: setAt(doc, loc.path, pointer), did: `${pointerOf(loc.path)} = ${JSON.stringify(pointer).slice(0, 80)}` };
      }
      const node = pick(all.filter((l) => isObject(l.value) && isSchemaNode(l.path)), m.at);
      if (!node) return { doc, did: "no schema node" };
      define(node.value as JsonObject, "$ref", pointer);
      return { doc, did: `${pointerOf(node.path)}/$ref = ${JSON.stringify(pointer).slice(0, 80)}` };
    }
    case "garbage-expression": {
      const expression = text(m.expression);
      const shown = JSON.stringify(expression).slice(0, 80);
      const all = locations(doc);
      const existing = all.filter(isExpression);
      if (m.add === undefined && existing.length > 0) {
        const loc = pick(existing, m.at)!;
        return { doc: setAt(doc, loc.path, expression), did: `${pointerOf(loc.path)} = ${shown}` };
      }
      const node = pick(all.filter((l) => l.path[0] === "schema" && isObject(l.value) && isSchemaNode(l.path)), m.at);
      if (!node) return { doc, did: "no schema node" };
      const keyword = m.add ?? "x-compute";
      define(node.value as JsonObject, keyword, keyword === "x-rules" ? [{ assert: expression, message: "m" }] : expression);
      return { doc, did: `${pointerOf(node.path)}/${keyword} = ${shown}` };
    }
    case "deep-nesting": {
      const node = pick(schemaNodes(doc), m.at);
      if (!node) return { doc, did: "no schema node" };
      return { doc: setAt(doc, node.path, nest(m.depth, m.shape, node.value)), did: `${pointerOf(node.path)} nested ${m.depth} deep in ${m.shape}` };
    }
    case "huge-enum": {
      const node = pick(schemaNodes(doc), m.at);
      if (!node) return { doc, did: "no schema node" };
      define(node.value as JsonObject, "enum", hugeEnum(m.size, m.values));
      return { doc, did: `${pointerOf(node.path)}/enum = ${m.size} ${m.values} values` };
    }
    case "odd-key": {
      const all = locations(doc);
      if (m.how === "rename") {
        const loc = pick(all.filter((l) => isObject(l.value) && Object.keys(l.value).length > 0), m.at);
        if (!loc) return { doc, did: "no object" };
        const from = pick(Object.keys(loc.value as JsonObject), m.which)!;
        renameKey(loc.value as JsonObject, from, m.key);
        return { doc, did: `rename ${pointerOf([...loc.path, from])} to ${JSON.stringify(m.key)}` };
      }
      const node = pick(all.filter((l) => isObject(l.value) && isSchemaNode(l.path)), m.at);
      if (!node) return { doc, did: "no schema node" };
      const schema = node.value as JsonObject;
      if (!isObject(schema["properties"])) define(schema, "properties", {});
      define(schema["properties"] as JsonObject, m.key, { type: "string", "x-prefill": "'a'" });
      if (m.which % 2 === 0) define(schema, "required", [...(Array.isArray(schema["required"]) ? schema["required"] : []), m.key]);
      return { doc, did: `add property ${JSON.stringify(m.key)} to ${pointerOf(node.path)}` };
    }
    case "ref-cycle": {
      const nodes = schemaNodes(doc);
      const node = pick(nodes, m.at);
      if (!node) return { doc, did: "no schema node" };
      const schema = node.value as JsonObject;
      const put = (target: JsonObject, path: Path, ref: string): Json => (m.beside ? (define(target, "$ref", ref), doc) : setAt(doc, path, { $ref: ref }));
      if (m.target === "mutual") {
        const rootSchema = schemaRootOf(doc, node.path);
        define(rootSchema, "$defs", { ...(isObject(rootSchema["$defs"]) ? rootSchema["$defs"] : {}), ping: { $ref: "#/$defs/pong" }, pong: { type: "object", properties: { back: { $ref: "#/$defs/ping" } } } });
        return { doc: put(schema, node.path, "#/$defs/ping"), did: `${pointerOf(node.path)} → #/$defs/ping ↔ pong` };
      }
      const target = m.target === "root" ? "#" : m.target === "self" ? refTo(node.path) : refTo(node.path.slice(0, Math.max(schemaRootLength(node.path)!, node.path.length - 2)));
      return { doc: put(schema, node.path, target), did: `${pointerOf(node.path)}/$ref = ${target}${m.beside ? " (beside its keywords)" : ""}` };
    }
    case "ref-fan-out": {
      const node = pick(schemaNodes(doc), m.at);
      if (!node) return { doc, did: "no schema node" };
      const rootSchema = schemaRootOf(doc, node.path);
      const defs: JsonObject = isObject(rootSchema["$defs"]) ? { ...rootSchema["$defs"] } : {};
      for (let i = 0; i < m.depth; i++) {
        const properties: JsonObject = {};
        for (let k = 0; k < m.fanOut; k++) properties[`p${k}`] = { $ref: `#/$defs/fan${i + 1}` };
        defs[`fan${i}`] = { type: "object", properties };
      }
      defs[`fan${m.depth}`] = { type: "string", "x-prefill": "'leaf'" };
      define(rootSchema, "$defs", defs);
      // The node may have been inside a definition just replaced (an earlier fan-out's): it is gone.
      let parent: unknown = doc;
      for (const seg of node.path.slice(0, -1)) parent = parent !== null && typeof parent === "object" ? (parent as Record<string | number, unknown>)[seg] : undefined;
      if (parent === null || typeof parent !== "object") return { doc, did: "the schema node was replaced" };
      return { doc: setAt(doc, node.path, { $ref: "#/$defs/fan0" }), did: `${pointerOf(node.path)} → ${m.depth} levels of ${m.fanOut} $refs each` };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Loading in a worker, with a timeout
// ---------------------------------------------------------------------------------------------

const TIMEOUT_MS = 5_000;

/** `JSON.stringify` without recursion: documents nested thousands of levels deep must reach the worker. */
function stringify(value: unknown): string {
  const out: string[] = [];
  const tasks: ({ raw: string } | { value: unknown })[] = [{ value }];
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if ("raw" in task) {
      out.push(task.raw);
      continue;
    }
    const v = task.value;
    if (v === null || typeof v !== "object") {
      out.push(JSON.stringify(v) ?? "null");
      continue;
    }
    const entries = Array.isArray(v) ? v.map((x): [string | undefined, unknown] => [undefined, x]) : Object.entries(v);
    tasks.push({ raw: Array.isArray(v) ? "]" : "}" });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, x] = entries[i]!;
      tasks.push({ value: x });
      tasks.push({ raw: (i > 0 ? "," : "") + (key === undefined ? "" : JSON.stringify(key) + ":") });
    }
    tasks.push({ raw: Array.isArray(v) ? "[" : "{" });
  }
  return out.join("");
}

type Outcome =
  | { readonly outcome: "resolved" }
  | { readonly outcome: "rejected"; readonly procedureError: boolean; readonly name: string; readonly message: string; readonly stack: string; readonly problems: unknown }
  | { readonly outcome: "timeout" };

const CORE_URL = pathToFileURL(createRequire(import.meta.url).resolve("@tokhai/core")).href;
const WORKER_SOURCE = `
import { parentPort } from "node:worker_threads";
const { loadProcedure, ProcedureError } = await import(${JSON.stringify(CORE_URL)});
parentPort.on("message", async ({ id, json }) => {
  let reply;
  try {
    await loadProcedure(json === undefined ? undefined : JSON.parse(json));
    reply = { id, outcome: "resolved" };
  } catch (error) {
    const e = error ?? {};
    reply = {
      id, outcome: "rejected", procedureError: error instanceof ProcedureError,
      name: String(e.name), message: String(e.message).slice(0, 2000), stack: String(e.stack).slice(0, 4000),
      problems: error instanceof ProcedureError ? JSON.parse(JSON.stringify(error.problems)) : undefined,
    };
  }
  parentPort.postMessage(reply);
});
`;

/**
 * One worker, reused from load to load, replaced after a timeout. Its stack is the size of Node's main
 * thread (and about a browser's): a worker's default of 4 MB would hide stack overflows.
 */
class Loader {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, (outcome: Outcome) => void>();

  private start(): Worker {
    const worker = new Worker(new URL("data:text/javascript," + encodeURIComponent(WORKER_SOURCE)), { resourceLimits: { stackSizeMb: 1 } });
    worker.on("message", (reply: { id: number } & Outcome) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    worker.on("error", (error) => {
      for (const settle of this.pending.values()) settle({ outcome: "rejected", procedureError: false, name: "WorkerError", message: String(error), stack: String(error.stack), problems: undefined });
      this.pending.clear();
      this.worker = undefined;
    });
    return worker;
  }

  load(input: unknown): Promise<Outcome> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        resolve({ outcome: "timeout" });
      }, TIMEOUT_MS);
      this.pending.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      worker.postMessage({ id, json: input === undefined ? undefined : stringify(input) });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

/** RFC 6901 syntax: "" or "/"-separated segments where "~" is only in "~0" and "~1". */
const POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;
/** Codes of problems in an expression: they carry the expression and a position in it. */
const EXPRESSION_CODES = new Set(["expression-syntax", "expression-depth", "unknown-source", "unknown-path", "unknown-function", "forbidden-function", "row-outside-array"]);

const MISSING = Symbol("missing");
function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(seg) || Number(seg) >= node.length) return MISSING;
      node = node[Number(seg)];
    } else if (node !== null && typeof node === "object" && Object.prototype.hasOwnProperty.call(node, seg)) {
      node = (node as Record<string, unknown>)[seg];
    } else {
      return MISSING;
    }
  }
  return node;
}

/** Why `problem` is not well located in `doc`, or undefined when it is. */
function misplaced(problem: ProcedureProblem, doc: unknown): string | undefined {
  const { pointer, code, message, position, expression } = problem;
  if (typeof pointer !== "string" || !POINTER.test(pointer)) return "the pointer is not a JSON pointer";
  if (typeof code !== "string" || code === "") return "no code";
  if (typeof message !== "string" || message.trim() === "") return "no message";
  const here = valueAt(doc, pointer);
  if (here === MISSING) {
    // Only the meta-schema's "missing required property" names an absent key, under an existing object.
    const parent = pointer === "" ? MISSING : valueAt(doc, pointer.slice(0, pointer.lastIndexOf("/")));
    if (code !== "document") return "the pointer names no location of the document";
    if (parent === MISSING || parent === null || typeof parent !== "object") return "the pointer names neither a location of the document nor a key of one of its objects";
  }
  if (position !== undefined && !(Number.isInteger(position) && position >= 0)) return "the position is not a natural number";
  if (EXPRESSION_CODES.has(code) && (expression === undefined || position === undefined)) return "an expression problem without its expression and position";
  if (expression !== undefined) {
    if (expression !== here) return "the expression is not the text at the pointer";
    if (position !== undefined && position > expression.length) return "the position is past the end of the expression";
  }
  return undefined;
}

/**
 * Loaders shared by the properties, which run concurrently: one per core (two at most), each load
 * waiting for a free one, so that its timeout counts only its own time.
 */
class Pool {
  private readonly idle: Loader[];
  private readonly all: Loader[];
  private readonly waiting: ((loader: Loader) => void)[] = [];

  constructor(size: number) {
    this.all = Array.from({ length: size }, () => new Loader());
    this.idle = [...this.all];
  }

  async load(input: unknown): Promise<Outcome> {
    const loader = this.idle.pop() ?? (await new Promise<Loader>((resolve) => this.waiting.push(resolve)));
    try {
      return await loader.load(input);
    } finally {
      const next = this.waiting.shift();
      if (next) next(loader);
      else this.idle.push(loader);
    }
  }

  close(): Promise<unknown> {
    return Promise.all(this.all.map((l) => l.close()));
  }
}

const loader = new Pool(Math.max(1, Math.min(2, availableParallelism())));

/** Loads `input` and asserts the property; `doc` is what the pointers refer to. */
async function assertLocatedOrLoads(input: unknown, doc: unknown, did: readonly string[]): Promise<void> {
  const result = await loader.load(input);
  const context = did.length > 0 ? `\nmutations: ${did.join("; ")}` : "";
  if (result.outcome === "resolved") return;
  if (result.outcome === "timeout") throw new Error(`loadProcedure did not settle within ${TIMEOUT_MS} ms${context}`);
  if (!result.procedureError) throw new Error(`loadProcedure threw ${result.name}: ${result.message}${context}\n${result.stack}`);
  const problems = result.problems as ProcedureProblem[];
  if (!Array.isArray(problems) || problems.length === 0) throw new Error(`ProcedureError without problems${context}`);
  for (const p of problems) {
    const why = misplaced(p, doc);
    if (why) throw new Error(`${why}: ${JSON.stringify(p).slice(0, 600)}${context}`);
  }
}

const seed = fc.constantFrom(...SEEDS.map(([name]) => name));
const seedDoc = (name: string) => SEEDS.find(([n]) => n === name)![1];

async function checkMutations(name: string, mutations: readonly Mutation[]): Promise<void> {
  let doc = clone(seedDoc(name));
  const did: string[] = [];
  for (const m of mutations) {
    const r = mutate(doc, m);
    doc = r.doc;
    did.push(r.did);
  }
  await assertLocatedOrLoads(doc, doc, [`seed ${name}`, ...did]);
}

/**
 * Runs per property: about 1,600 loads, 15 s for the file on two cores, most of it compiling the
 * mutated documents that are still valid. A fan-out's space is small (six depths, three widths) and a
 * run that reaches the limit of fields builds 20,000 of them; a huge enum costs more too: fewer runs.
 */
const RUNS: Record<Mutation["kind"], number> & { combined: number; json: number } = {
  "wrong-type": 120,
  "wrong-keyword": 120,
  delete: 120,
  "bad-pointer": 120,
  "garbage-expression": 120,
  "deep-nesting": 120,
  "huge-enum": 80,
  "odd-key": 120,
  "ref-cycle": 120,
  "ref-fan-out": 40,
  combined: 250,
  json: 300,
};

describe.concurrent("loadProcedure on broken documents: resolves, or rejects with located problems", () => {
  beforeAll(async () => {
    expect(SEEDS.length).toBeGreaterThanOrEqual(6);
    // The property is about mutations of valid procedures: every seed loads as it is.
    for (const [, doc] of SEEDS) await loadProcedure(clone(doc));
  });
  afterAll(() => loader.close());

  for (const [kind, mutation] of Object.entries(MUTATIONS) as [Mutation["kind"], fc.Arbitrary<Mutation>][]) {
    it(`one mutation: ${kind}`, { timeout: 120_000 }, async () => {
      await fc.assert(fc.asyncProperty(seed, mutation, (name, m) => checkMutations(name, [m])), { numRuns: RUNS[kind] });
    });
  }

  it("1–3 mutations of any kind", { timeout: 120_000 }, async () => {
    const any = fc.oneof(...Object.values(MUTATIONS));
    await fc.assert(fc.asyncProperty(seed, fc.array(any, { minLength: 1, maxLength: 3 }), checkMutations), { numRuns: RUNS.combined });
  });

  it("arbitrary JSON values, procedure-like objects, JSON text and non-objects", { timeout: 120_000 }, async () => {
    const procedureLike = fc.record(
      {
        id: fc.oneof(fc.constant("vn.test.x"), fc.jsonValue()),
        version: fc.oneof(fc.constant("1.0.0"), fc.jsonValue()),
        title: fc.oneof(fc.constant("T"), fc.jsonValue()),
        sources: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
        schema: fc.oneof(fc.object(), fc.jsonValue(), fc.constant({ type: "object", properties: { a: { type: "string" } } })),
        steps: fc.oneof(fc.array(fc.record({ id: fc.string(), title: fc.string(), fields: fc.array(anyString) })), fc.jsonValue()),
        i18n: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.jsonValue(),
      procedureLike,
      fc.json(), // JSON text: loadProcedure parses strings
      anyString, // mostly not JSON text
      fc.constantFrom<unknown>(null, 42, "string", "{", "[1, 2]", "null", [], [1, 2], true, undefined, { schema: true }, { schema: {} }),
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        let doc: unknown = value;
        if (typeof value === "string") {
          try {
            doc = JSON.parse(value);
          } catch {
            doc = undefined;
          }
        }
        await assertLocatedOrLoads(value, doc, []);
      }),
      { numRuns: RUNS.json },
    );
  });
});
