// Regressions found by the review of 2026-11-23 (findings numbered as in the review), each guarded by a
// test named after it.
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, ProcedureError, validateSubmission, type ProcedureProblem, type SchemaNode, type SourceDocument } from "@tokhai/core";
import { doc, householdSource, load } from "./helpers.js";

const citizen: SourceDocument = {
  title: "Dân cư",
  schema: { type: "object", properties: { fullName: { type: "string" }, phone: { type: "string" }, email: { type: "string" } } },
};

/** Rows whose `spouse` shows only when `married`. */
const marriedRows = {
  type: "object",
  properties: {
    members: {
      type: "array",
      items: { type: "object", properties: { married: { type: "boolean" }, spouse: { type: "string", "x-visible": "$row.married = true" } } },
    },
  },
} as const;

describe("review 2026-11-23", () => {
  it("#1 removing or moving a row keeps hidden row values out of the data and visible ones in", async () => {
    const procedure = await load(marriedRows);
    const form = createForm(procedure);
    form.addRow("/members", { married: true, spouse: "A" });
    form.addRow("/members", { married: true, spouse: "B" });
    await form.settled();
    form.set("/members/1/married", false);
    await form.settled();
    form.removeRow("/members", 0);
    await form.settled();
    expect(form.get("/members")).toEqual([{ married: false }]);
    const result = await form.submission();
    expect(result.ok && (await validateSubmission(procedure, result.envelope)).valid).toBe(true);

    const other = createForm(procedure);
    other.addRow("/members", { married: true, spouse: "A" });
    other.addRow("/members", { married: false, spouse: "B" });
    await other.settled();
    other.moveRow("/members", 1, 0);
    await other.settled();
    expect(other.get("/members")).toEqual([{ married: false }, { married: true, spouse: "A" }]);
  });

  it("#2 the back end accepts a conditional locked or computed field that is hidden", async () => {
    const sources = { business: { title: "DN", schema: { type: "object", properties: { name: { type: "string" } } } } };
    const procedure = await load(
      {
        type: "object",
        properties: {
          hasBusiness: { type: "boolean" },
          businessName: { type: "string", "x-prefill": "$business.name", "x-lock": true, "x-visible": "hasBusiness = true" },
          fee: { type: "integer", "x-compute": "100", "x-visible": "hasBusiness = true" },
        },
      },
      { sources },
    );
    const context = { business: { name: "Công ty A" } };
    const form = createForm(procedure, { context });
    form.set("/hasBusiness", false);
    const result = await form.submission();
    expect(result.ok && result.envelope.data).toEqual({ hasBusiness: false });
    if (result.ok) expect(await validateSubmission(procedure, result.envelope, { context })).toEqual({ valid: true, errors: [] });
  });

  it("#3 expressions reading only $index follow row moves and removals", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        rows: { type: "array", items: { type: "object", properties: { name: { type: "string" }, no: { type: "integer", "x-compute": "$index + 1" } } } },
      },
    });
    const form = createForm(procedure);
    for (const name of ["A", "B", "C"]) form.addRow("/rows", { name });
    await form.settled();
    form.removeRow("/rows", 0);
    await form.settled();
    form.moveRow("/rows", 1, 0);
    await form.settled();
    expect(form.get("/rows")).toEqual([{ name: "C", no: 1 }, { name: "B", no: 2 }]);
  });

  it("#4 an expression yielding a function gives no value and a diagnostic, and the form goes on", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        fn: { type: "string", "x-compute": "function($x) { $x }" },
        obj: { type: "object", "x-compute": "{ 'a': function($x) { $x }, 'b': 1 }" },
        name: { type: "string", "x-compute": "'ok'" },
      },
    });
    const form = createForm(procedure);
    await form.settled();
    expect(form.get()).toEqual({ obj: { b: 1 }, name: "ok" });
  });

  it("#5 dependency analysis sees reads in first steps, predicates, wildcards and parent steps", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        married: { type: "boolean" },
        applicant: { type: "object", properties: { name: { type: "string" }, tag: { type: "string" } } },
        spouse: { type: "object", properties: { name: { type: "string" } } },
        phones: { type: "string" },
        phone1: { type: "string" },
        phone2: { type: "string" },
        pick: { type: "string", "x-compute": "(married ? spouse : applicant).name" },
        spread: { type: "string", "x-compute": "$spread(applicant).name" },
        parent: { type: "string", "x-compute": "applicant.name.%.tag" },
        other: { type: "string", "x-compute": "$split(phones, ',')[$ != $$.phone1][0]" },
        best: { type: "string", "x-compute": "[phone1, phone2][$ != ''][0]" }, // no false cycle
      },
    });
    const form = createForm(procedure, {
      draft: { data: { married: false, applicant: { name: "A", tag: "T" }, spouse: { name: "S" }, phones: "1,2", phone1: "1", phone2: "2" } },
    });
    await form.settled();
    form.set("/applicant/name", "B");
    form.set("/applicant/tag", "T2");
    form.set("/phone1", "2");
    await form.settled();
    expect(form.get()).toMatchObject({ pick: "B", spread: "B", parent: "T2", other: "1", best: "2" });
  });

  it("#6 the back end rejects forged claims of verified data outside rows", async () => {
    const procedure = await load(
      {
        type: "object",
        properties: {
          fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
          phone: { type: "string", "x-prefill": "$citizen.phone" },
        },
      },
      { sources: { citizen } },
    );
    const context = { citizen: { phone: "0901111111" } }; // no full name: the field was typed
    const form = createForm(procedure, { context });
    await form.settled();
    form.set("/fullName", "Kẻ Mạo Danh");
    form.set("/phone", "0999999999");
    const result = await form.submission();
    if (!result.ok) throw new Error("invalid");
    expect((await validateSubmission(procedure, result.envelope, { context })).valid).toBe(true);
    const forged = {
      ...result.envelope,
      provenance: {
        "/fullName": { source: "citizen", path: "fullName", locked: true, edited: false },
        "/phone": { source: "citizen", path: "phone", locked: false, edited: false },
      },
    };
    const verdict = await validateSubmission(procedure, forged, { context });
    expect(verdict.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ["/fullName", "x-lock"],
      ["/phone", "provenance"],
    ]);
  });

  it("#7 a locked prefill inside a row passes the back end", async () => {
    const procedure = await load(
      {
        type: "object",
        properties: {
          vehicles: {
            type: "array",
            items: { type: "object", properties: { plate: { type: "string" }, owner: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true } } },
          },
        },
      },
      { sources: { citizen } },
    );
    const context = { citizen: { fullName: "Nguyễn Văn An" } };
    const form = createForm(procedure, { context });
    form.addRow("/vehicles", { plate: "29A-12345" });
    await form.settled();
    expect(form.field("/vehicles/0/owner").locked).toBe(true);
    const result = await form.submission();
    if (!result.ok) throw new Error("invalid");
    expect(await validateSubmission(procedure, result.envelope, { context })).toEqual({ valid: true, errors: [] });
  });

  it("#8a a restored draft keeps row locks, with values from the source", async () => {
    const procedure = await load(
      {
        type: "object",
        properties: {
          members: {
            type: "array",
            "x-prefill": "$household.members",
            items: { type: "object", properties: { fullName: { type: "string", "x-lock": true }, relation: { type: "string" } } },
          },
        },
      },
      { sources: { household: householdSource } },
    );
    const context = { household: { members: [{ fullName: "Nguyễn Văn An" }, { fullName: "Trần Thị Bình" }] } };
    const form = createForm(procedure, { context });
    await form.settled();
    form.set("/members/0/relation", "chong");
    const draft = form.draft();
    const tampered = { ...draft, data: { members: [{ fullName: "Người Khác", relation: "chong" }, { fullName: "Trần Thị Bình" }] } };
    const restored = createForm(procedure, { context, draft: tampered });
    await restored.settled();
    expect(restored.get("/members/0")).toEqual({ fullName: "Nguyễn Văn An", relation: "chong" });
    expect(restored.field("/members/0/fullName")).toMatchObject({ locked: true, provenance: { locked: true, edited: false } });
    expect(() => restored.set("/members/0/fullName", "X")).toThrow(/x-lock/);
  });

  it("#8b values the citizen removed stay removed when a draft is restored", async () => {
    const procedure = await load(
      {
        type: "object",
        properties: {
          phone: { type: "string", "x-prefill": "$citizen.phone" },
          contact: { type: "object", properties: { email: { type: "string", "x-prefill": "$citizen.email" }, note: { type: "string" } } },
          ok: { type: "boolean", default: true },
        },
      },
      { sources: { citizen } },
    );
    const context = { citizen: { phone: "0901", email: "a@b.vn" } };
    const form = createForm(procedure, { context });
    await form.settled();
    form.set("/phone", undefined);
    form.set("/contact/email", "");
    form.set("/ok", undefined);
    form.set("/contact/note", "x");
    const draft = form.draft();
    expect(draft.cleared).toEqual(["/phone", "/contact/email", "/ok"]);
    const restored = createForm(procedure, { context, draft });
    await restored.settled();
    expect(restored.get()).toEqual({ contact: { note: "x" } });
    form.reset();
    await form.settled();
    expect(form.get()).toEqual({ ok: true, phone: "0901", contact: { email: "a@b.vn" } });
  });

  it("#9 a set() made by a listener during the final notification still runs its dependents", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        a: { type: "string" },
        upper: { type: "string", "x-compute": "$uppercase(a)" },
        b: { type: "string" },
        c: { type: "string", "x-compute": "b & '!'" },
      },
    });
    const form = createForm(procedure);
    await form.settled();
    form.subscribe("/upper", (s) => {
      if (s.value && form.get("/b") !== s.value) form.set("/b", s.value);
    });
    form.set("/a", "hà nội");
    await form.settled();
    expect(form.get("/c")).toBe("HÀ NỘI!");
  });

  it("#10 $today() is the date in Asia/Ho_Chi_Minh on both sides, whatever the host's zone", async () => {
    const procedure = await load({ type: "object", properties: { declaredOn: { type: "string", format: "date", "x-compute": "$today()" } } });
    const now = () => new Date("2026-11-21T23:30:00.000Z"); // 06:30 on 22 November in Hà Nội
    const form = createForm(procedure, { now });
    await form.settled();
    expect(form.get("/declaredOn")).toBe("2026-11-22");
    const result = await form.submission();
    if (!result.ok) throw new Error("invalid");
    expect((await validateSubmission(procedure, result.envelope, { now })).valid).toBe(true);
    const utc = createForm(procedure, { now, timeZone: "UTC" });
    await utc.settled();
    expect(utc.get("/declaredOn")).toBe("2026-11-21");
    expect(() => createForm(procedure, { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("#11 set() cannot write into a row that does not exist, and replaced rows get fresh field states", async () => {
    const procedure = await load(marriedRows);
    const form = createForm(procedure);
    expect(() => form.set("/members/0/married", true)).toThrow(/row 0 of "\/members", which has 0 rows/);
    form.set("/members", [{ married: false }]);
    await form.settled();
    expect(form.field("/members/0/spouse").visible).toBe(false);
    form.set("/members", []);
    await form.settled();
    form.set("/members", [{ married: true }]);
    await form.settled();
    expect(form.field("/members/0/spouse").visible).toBe(true);
  });

  it("#12 a required list left empty is a required error", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        services: { type: "array", items: { enum: ["a", "b"] } },
        members: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
      },
      required: ["services", "members"],
    });
    const form = createForm(procedure);
    form.set("/services", ["a"]);
    form.set("/services", []);
    form.addRow("/members");
    form.removeRow("/members", 0);
    expect((await form.validate()).map((e) => [e.pointer, e.keyword])).toEqual([
      ["/services", "required"],
      ["/members", "required"],
    ]);
  });
});

/** The problems of a document that must be rejected. */
async function rejected(document: unknown): Promise<{ problems: readonly ProcedureProblem[] }> {
  const error = await loadProcedure(document).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProcedureError);
  return { problems: (error as ProcedureError).problems };
}

const codes = (problems: readonly ProcedureProblem[]) => problems.map((p) => [p.pointer, p.code]);

/** `$defs` d0 … d(n-1), each with `width` properties referencing the next, and a string at the end. */
function fanOut(depth: number, width: number): Record<string, unknown> {
  const defs: Record<string, unknown> = { [`d${depth}`]: { type: "string" } };
  for (let i = 0; i < depth; i++) {
    defs[`d${i}`] = { type: "object", properties: Object.fromEntries(Array.from({ length: width }, (_, k) => [`p${k}`, { $ref: `#/$defs/d${i + 1}` }])) };
  }
  return { type: "object", $defs: defs, properties: { root: { $ref: "#/$defs/d0" } } };
}

// Found by load-procedure.property.test.ts: loadProcedure threw something else than a ProcedureError,
// hung, or named a location that is not in the document. Sizes are such that the old code took minutes
// or more (exponential work) where the fixed one takes milliseconds: the test's own timeout catches a
// return of the old behaviour, and no test asserts a duration (the suite runs on busy machines).
describe("loadProcedure on broken documents", () => {
  it("keywords of the wrong type where the kind of a field is guessed are reported, not a TypeError", async () => {
    for (const [a, at] of [
      [{ oneOf: 5 }, "/schema/properties/a/oneOf"],
      [{ oneOf: [null] }, "/schema/properties/a/oneOf/0"],
      [{ enum: "abc" }, "/schema/properties/a/enum"],
    ] as const) {
      const { problems } = await rejected(doc({ type: "object", properties: { a: a as unknown as SchemaNode } }));
      expect(problems.map((p) => p.pointer)).toContain(at);
    }
  });

  it("a $ref with malformed percent-encoding, or to an inherited property, cannot be resolved", async () => {
    for (const $ref of ["#/%", "#/%E0%A4%A", "#/__proto__", "#/properties/a/constructor"]) {
      const { problems } = await rejected(doc({ type: "object", properties: { a: { $ref } } }));
      expect(codes(problems)).toContainEqual(["/schema/properties/a/$ref", "schema"]);
    }
  });

  it("the keywords of a $ref'd schema are located where they are written, not beside the $ref", async () => {
    const schema = {
      type: "object",
      $defs: { person: { type: "object", properties: { name: { type: "string", format: "nope", "x-compute": "$nope" } } } },
      properties: { a: { $ref: "#/$defs/person", title: "A" } },
    };
    const { problems } = await rejected(doc(schema));
    expect(codes(problems)).toEqual([
      ["/schema/$defs/person/properties/name/format", "unknown-format"],
      ["/schema/$defs/person/properties/name/x-compute", "unknown-source"],
    ]);
  });

  it("steps that are not objects do not make duplicate ids of `undefined`", async () => {
    const { problems } = await rejected(doc({ type: "object", properties: { a: { type: "string" } } }, { steps: [[], []] }));
    expect(problems.every((p) => p.code !== "duplicate-step")).toBe(true);
    expect(problems.map((p) => p.pointer)).toEqual(["/steps/0", "/steps/1"]);
  });

  it("a document nested too deep is one located problem, not a stack overflow", async () => {
    let a: SchemaNode = { type: "string" };
    for (let i = 0; i < 2000; i++) a = { type: "object", properties: { x: a } };
    const { problems } = await rejected(doc({ type: "object", properties: { a } }));
    // "/schema/properties/a" is 3 levels deep, each field 2 more: the object at depth 129.
    expect(codes(problems)).toEqual([["/schema/properties/a" + "/properties/x".repeat(63), "too-deep"]]);
  });

  it("an expression nested deeper than its depth budget is a located problem, not a stack overflow", async () => {
    const at = (text: string) => rejected(doc({ type: "object", properties: { a: { type: "string", "x-compute": text } } }));
    const { problems } = await at("a.(".repeat(1000) + "b" + ")".repeat(1000));
    expect(problems).toMatchObject([{ pointer: "/schema/properties/a/x-compute", code: "expression-depth" }]);
    const parens = await at("(".repeat(5000) + "1" + ")".repeat(5000));
    expect(parens.problems).toMatchObject([{ pointer: "/schema/properties/a/x-compute", code: "expression-depth", position: 400 }]);
    const chain = await at("1+".repeat(20_000) + "1");
    expect(chain.problems).toMatchObject([{ pointer: "/schema/properties/a/x-compute", code: "expression-depth" }]);
    // Within the budget (400 evaluation frames), the same shapes load.
    await loadProcedure(doc({ type: "object", properties: { a: { type: "number", "x-compute": "(".repeat(399) + "1" + ")".repeat(399) } } }));
  });

  it("$refs that expand to too many fields, or nest fields too deep, are reported at once", async () => {
    const wide = await rejected(doc(fanOut(20, 2)));
    expect(wide.problems).toMatchObject([{ code: "too-many-fields" }]);
    expect(wide.problems[0]!.pointer).toMatch(/^\/schema\/\$defs\/d\d+\/properties\/p\d\/\$ref$/);
    const deep = await rejected(doc(fanOut(3000, 1)));
    expect(codes(deep.problems)).toEqual([["/schema/$defs/d127/properties/p0/$ref", "too-deep"]]);
    // A fan-out within the limits loads.
    await loadProcedure(doc(fanOut(8, 2)));
  });

  it("a step field that is almost a JSON pointer does not backtrack exponentially in the meta-schema", async () => {
    const { problems } = await rejected(
      doc({ type: "object", properties: { a: { type: "string" } } }, { steps: [{ id: "s", title: "S", fields: ["/a".repeat(30) + "~"] }] }),
    );
    // The meta-schema's "does not match the pattern" gives way to the specific problem.
    expect(codes(problems)).toEqual([["/steps/0/fields/0", "unknown-pointer"]]);
  });

  it("a long $ref outside the field tree costs linear time", async () => {
    const schema = { type: "object", properties: { a: { type: "string", oneOf: [{ $ref: "#" + "/properties/a".repeat(300) }] } } };
    const { problems } = await rejected(doc(schema));
    expect(codes(problems)).toEqual([["/schema", "json-schema"]]);
  });

  it("a $ref longer than 4,096 characters is refused where it is written, before the validator resolves it", async () => {
    // ajv normalises a reference character by character: 100,000 segments took it about a second.
    const schema = { type: "object", properties: { a: { type: "string", oneOf: [{ $ref: "#" + "/properties/a".repeat(100_000) }] } } };
    const { problems } = await rejected(doc(schema));
    expect(codes(problems)).toEqual([["/schema/properties/a/oneOf/0/$ref", "document"]]);
    expect(problems[0]!.message).toMatch(/4096 characters/);
  });

  it("a $ref'd schema under many nested arrays compiles in linear time", async () => {
    let person: SchemaNode = { type: "object", properties: { name: { type: "string" } } };
    for (let i = 0; i < 24; i++) person = { allOf: [person] };
    const procedure = await loadProcedure(doc({ type: "object", $defs: { person }, properties: { a: { $ref: "#/$defs/person", title: "A" } } }));
    expect(procedure.validateData({ a: { name: 1 } })).toBe(false);
    expect(procedure.validateData({ a: { name: "x" } })).toBe(true);
  });
});
