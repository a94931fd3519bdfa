// Deep input must never reach recursion (issue 14): data from drafts, submissions and hosts, and
// procedures within their limits, can be nested or chained far deeper than a call stack. The walks of
// JSON values, salvageDraft and the cycle check of loadProcedure are iterative or bounded, and a
// hostile value gives an answer or a located problem, never a RangeError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createForm, DRAFT_LIMITS, loadProcedure, ProcedureError, salvageDraft } from "@tokhai/core";
// Internal, not exported by the package: the walks the form uses, from the built module.
import { cloneJson, deepEqual, forEachLeaf } from "../dist/equal.js";
import { load } from "./helpers.js";

const DEEP = 100_000;

/** `leaf` under `depth` objects `{ key: … }` (built without recursion, as a parser would). */
function nested(depth: number, leaf: unknown, key = "a"): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) {
    const holder = {};
    Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
    value = holder;
  }
  return value;
}

/** `leaf` under `depth` arrays `[…]`. */
function nestedArrays(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The value at the bottom of a chain of single-key objects or single-item arrays, and the depth. */
function bottom(value: unknown): { leaf: unknown; depth: number } {
  let depth = 0;
  while (value !== null && typeof value === "object") {
    value = Array.isArray(value) ? value[0] : Object.values(value)[0];
    depth++;
  }
  return { leaf: value, depth };
}

describe("the walks of JSON values at 100,000 levels", () => {
  it("deepEqual tells equal deep values from ones that differ at the bottom", () => {
    expect(deepEqual(nested(DEEP, 1), nested(DEEP, 1))).toBe(true);
    expect(deepEqual(nested(DEEP, 1), nested(DEEP, 2))).toBe(false);
    expect(deepEqual(nestedArrays(DEEP, "x"), nestedArrays(DEEP, "x"))).toBe(true);
    expect(deepEqual(nestedArrays(DEEP, "x"), nestedArrays(DEEP, ["x"]))).toBe(false);
    expect(deepEqual(nested(DEEP, 1), nestedArrays(DEEP, 1))).toBe(false);
  });

  it("forEachLeaf reaches the leaf of a deep chain with its full pointer, and visits a deep and wide value in document order", () => {
    const seen: [string, unknown][] = [];
    forEachLeaf(nested(DEEP, "end"), "/root", (p, leaf) => seen.push([p, leaf]));
    expect(seen).toEqual([[`/root${"/a".repeat(DEEP)}`, "end"]]);

    // Each level holds the next one under "a", then its own leaf "z" and an empty row list "rows".
    let value: unknown = "bottom";
    for (let i = 0; i < DEEP; i++) value = { a: value, z: i, rows: [] };
    const pointers: string[] = [];
    const leaves: unknown[] = [];
    forEachLeaf(value, "", (p, leaf) => {
      pointers.push(p);
      leaves.push(leaf);
    });
    expect(pointers).toHaveLength(1 + 2 * DEEP);
    expect(pointers[0]).toBe("/a".repeat(DEEP));
    expect(leaves.slice(0, 4)).toEqual(["bottom", 0, [], 1]);
    expect(pointers.slice(-2)).toEqual(["/z", "/rows"]);
    expect(leaves.slice(-2)).toEqual([DEEP - 1, []]);
  });

  it("cloneJson copies a deep value whose keys are all \"__proto__\" as own keys, never as prototypes", () => {
    const original = nested(DEEP, { polluted: true }, "__proto__");
    const copy = cloneJson(original);
    expect(copy === original).toBe(false); // (not.toBe would compare them deeply, recursively)
    expect(deepEqual(copy, original)).toBe(true);
    let node = copy as Record<string, unknown>;
    for (let i = 0; i < DEEP; i++) {
      expect(Object.getPrototypeOf(node)).toBe(Object.prototype);
      node = Object.getOwnPropertyDescriptor(node, "__proto__")!.value as Record<string, unknown>;
    }
    expect(node).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(bottom(cloneJson(nestedArrays(DEEP, 7)))).toEqual({ leaf: 7, depth: DEEP });
  });

  it("a value that contains itself is refused by cloneJson and forEachLeaf with a TypeError, and deepEqual still answers", () => {
    const loop: Record<string, unknown> = { name: "An" };
    loop["self"] = { again: loop };
    expect(() => cloneJson(loop)).toThrow(TypeError);
    expect(() => forEachLeaf(loop, "", () => {})).toThrow(TypeError);
    const other: Record<string, unknown> = { name: "An" };
    other["self"] = { again: other };
    expect(deepEqual(loop, other)).toBe(true);
    expect(deepEqual(loop, { name: "An", self: { again: { name: "Bình" } } })).toBe(false);
  });
});

describe("the walks of JSON values agree with JSON", () => {
  /** JSON with sorted keys: equal exactly when the values are equal as JSON. */
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_, v: unknown) =>
      v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
    );
  /** The same value with each object's keys in another order. */
  const reordered = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (_, v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
  /** How deep a generated value is wrapped: sometimes deeper than any call stack. */
  const depth = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(0, 3) }, { weight: 1, arbitrary: fc.constant(DEEP) });
  /** A JSON value, sometimes under a chain of arrays. */
  const json = fc.tuple(fc.jsonValue(), depth).map(([value, d]) => nestedArrays(d, value));

  it("cloneJson(x) is a copy equal to x, and JSON.stringify writes it the same", () => {
    fc.assert(
      fc.property(json, (x) => {
        const copy = cloneJson(x);
        expect(deepEqual(copy, x)).toBe(true);
        if (bottom(x).depth < 1000) expect(JSON.stringify(copy)).toBe(JSON.stringify(x));
      }),
      { numRuns: 200 },
    );
  });

  it("deepEqual(a, b) holds exactly when a and b are the same JSON (whatever their key order)", () => {
    const pairs = fc.oneof(
      fc.tuple(fc.jsonValue(), fc.jsonValue()),
      fc.jsonValue().map((a) => [a, reordered(a)] as const),
      fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([a, b]) => [{ same: a, other: a }, { same: reordered(a), other: b }] as const),
    );
    fc.assert(
      fc.property(pairs, depth, ([a, b], d) => {
        expect(deepEqual(nestedArrays(d, a), nestedArrays(d, b))).toBe(canonical(a) === canonical(b));
      }),
      { numRuns: 300 },
    );
  });
});

describe("salvageDraft of a hostile draft", () => {
  const schema = {
    type: "object",
    properties: {
      name: { type: "string", maxLength: 20 },
      age: { type: "integer", minimum: 0 },
      notes: { type: "object" },
      children: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
    },
  } as const;
  const draftOf = (data: unknown, more: Record<string, unknown> = {}): unknown => ({
    procedure: { id: "vn.test.form", version: "1.0.0" },
    data,
    step: "main",
    savedAt: "2026-11-20T08:00:00.000Z",
    ...more,
  });

  it("refuses a draft nested 5,000 levels deep, whether the schema knows the key or leaves it free", async () => {
    const procedure = await load(schema as never, { version: "2.0.0" });
    expect(salvageDraft(procedure, draftOf(nested(5_000, "x")))).toBeUndefined();
    expect(salvageDraft(procedure, draftOf({ notes: nested(5_000, "x") }))).toBeUndefined();
    expect(salvageDraft(procedure, draftOf({ children: nestedArrays(5_000, 1) }))).toBeUndefined();
  });

  it("salvages data up to 128 levels deep and refuses one level more", async () => {
    const procedure = await load(schema as never, { version: "2.0.0" });
    const deepest = salvageDraft(procedure, draftOf({ notes: nested(127, "x") }))!;
    expect(bottom(deepest.draft.data)).toEqual({ leaf: "x", depth: 128 });
    expect(salvageDraft(procedure, draftOf({ notes: nested(128, "x") }))).toBeUndefined();
  });

  it("salvages a draft of DRAFT_LIMITS.values values and refuses one more", async () => {
    const procedure = await load(schema as never, { version: "2.0.0" });
    // The draft, its procedure (and id, version), data, step and savedAt; notes, many: 9 values, then the items.
    const items = DRAFT_LIMITS.values - 9;
    const salvaged = salvageDraft(procedure, draftOf({ notes: { many: Array.from({ length: items }, () => 1) } }))!;
    expect(salvaged.kept).toBe(items);
    expect(salvageDraft(procedure, draftOf({ notes: { many: Array.from({ length: items + 1 }, () => 1) } }))).toBeUndefined();
  });

  it("never throws on a draft of the wrong shape: it salvages the data and leaves out what is not a draft's", async () => {
    const procedure = await load(schema as never, { version: "2.0.0" });
    const data = { name: "Nguyễn Văn An", age: 30 };
    const hostile: unknown[] = [
      draftOf(data, { procedure: "vn.test.form" }),
      draftOf(data, { procedure: 42 }),
      draftOf(data, { procedure: [] }),
      draftOf(data, { procedure: { id: { toString: "vn.test.form" } } }),
      draftOf(data, { provenance: "abc" }),
      draftOf(data, { provenance: [{ source: "user" }] }),
      draftOf(data, { provenance: { "/name": null, "/age": 5 } }),
      draftOf(data, { provenance: { "/name": { source: 1 }, "/age": [] } }),
      draftOf(data, { provenance: JSON.parse('{"__proto__": {"polluted": true}, "/name": {"source": "user"}}') }),
      draftOf(data, { cleared: "/name" }),
      draftOf(data, { cleared: { 0: "/name" } }),
      draftOf(data, { cleared: [5, null, { p: "/name" }, "/name"] }),
      draftOf(data, { step: 5, savedAt: { at: 1 } }),
      draftOf(JSON.parse('{"__proto__": {"polluted": true}, "name": "An", "children": [{"__proto__": {"polluted": true}}]}')),
      JSON.parse('{"__proto__": {"polluted": true}, "data": {"name": "An"}}'),
    ];
    for (const draft of hostile) {
      const salvaged = salvageDraft(procedure, draft);
      if (salvaged === undefined) continue; // not a draft of this procedure
      const result = salvaged.draft as unknown as Record<string, unknown>;
      expect(result["procedure"]).toEqual({ id: "vn.test.form", version: "2.0.0" });
      for (const claim of Object.values(salvaged.draft.provenance ?? {})) expect(typeof claim.source).toBe("string");
      for (const p of salvaged.draft.cleared ?? []) expect(typeof p).toBe("string");
      for (const key of ["step", "savedAt"]) if (key in result) expect(typeof result[key]).toBe("string");
      expect(Object.getPrototypeOf(salvaged.draft.data)).toBe(Object.prototype);
      expect(() => createForm(procedure, { draft: salvaged.draft })).not.toThrow();
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    // The ones whose label is not this procedure's are not salvaged; the others keep the answers.
    expect(hostile.map((d) => salvageDraft(procedure, d) !== undefined)).toEqual([false, false, false, false, true, true, true, true, true, true, true, true, true, true, true]);
    expect(salvageDraft(procedure, draftOf(data, { cleared: [5, null, "/name"] }))!.draft.cleared).toEqual(["/name"]);
    expect(salvageDraft(procedure, draftOf(data, { provenance: { "/name": { source: "user" }, "/age": null } }))!.draft.provenance).toEqual({ "/name": { source: "user" } });
  });

  it("drops an own \"__proto__\" key the schema refuses, as any other key", async () => {
    const procedure = await load({ type: "object", additionalProperties: false, properties: { name: { type: "string" } } } as never, { version: "2.0.0" });
    const salvaged = salvageDraft(procedure, draftOf(JSON.parse('{"__proto__": {"polluted": true}, "name": "An"}')))!;
    expect(salvaged.draft.data).toEqual({ name: "An" });
    expect(Object.getOwnPropertyNames(salvaged.draft.data)).toEqual(["name"]);
    expect(salvaged.dropped).toEqual(["/__proto__/polluted"]);
  });
});

describe("a cycle through thousands of computed fields", () => {
  it("is a located cycle problem whose message names the first 10 fields and counts the others", async () => {
    const n = 5_000;
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) properties[`f${i}`] = { type: "integer", "x-compute": `f${(i + 1) % n} + 1` };
    const error = await loadProcedure({ id: "vn.test.form", version: "1.0.0", title: "Thử nghiệm", schema: { type: "object", properties } } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProcedureError);
    const problems = (error as ProcedureError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ pointer: "/schema/properties/f0/x-compute", code: "cycle", expression: "f1 + 1", position: 0 });
    const names = Array.from({ length: 10 }, (_, i) => `/f${i} (x-compute)`);
    expect(problems[0]!.message).toBe(`circular dependency: ${names.join(" → ")} → … and 4,990 more → /f0 (x-compute)`);
  });
});
