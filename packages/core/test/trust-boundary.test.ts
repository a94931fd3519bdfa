// The back end derives, never trusts (issue 14): each numbered defect of the issue, reproduced
// against the code before the fix, as an envelope (or a draft) that an attacker could send.
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, STEP_BUDGET_EXCEEDED, validateSubmission, type Diagnostic, type Procedure, type SubmissionEnvelope } from "@tokhai/core";
import { citizenSource, countEvaluations, doc, householdSource, load } from "./helpers.js";

type Json = Record<string, any>;

const schema = {
  type: "object",
  properties: {
    fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
    phone: { type: "string", "x-prefill": "$citizen.phone" },
    address: {
      type: "object",
      "x-prefill": "$citizen.address",
      properties: { province: { type: "string", "x-lock": true }, detail: { type: "string" } },
    },
    members: {
      type: "array",
      maxItems: 5,
      "x-prefill": "$household.members",
      items: {
        type: "object",
        properties: { fullName: { type: "string", "x-lock": true }, relation: { type: "string" } },
      },
    },
    contract: { type: "object", "x-widget": "file", "x-accept": ["application/pdf"] },
    note: { type: "string", maxLength: 20 },
  },
} as const;

const sources = {
  citizen: {
    title: "Dân cư",
    schema: {
      type: "object",
      properties: {
        ...citizenSource.schema.properties,
        address: { type: "object", properties: { province: { type: "string" }, detail: { type: "string" } } },
      },
    },
  },
  household: householdSource,
} as const;

const context = {
  citizen: { fullName: "Phạm Minh Đức", phone: "0912345678", address: { province: "79", detail: "12 Lê Lợi" } },
  household: {
    members: [
      { fullName: "Phạm Thu Trang", relation: "vo" },
      { fullName: "Phạm Gia Bảo", relation: "con" },
    ],
  },
};

const procedure = (): Promise<Procedure> => load(schema as never, { sources: sources as never });

/** The envelope the form makes, through JSON as a back end receives it. */
async function envelopeOf(p: Procedure, edit?: (form: ReturnType<typeof createForm>) => void): Promise<Json> {
  const form = createForm(p, { context, now: () => new Date("2026-12-01T08:00:00.000Z") });
  await form.settled();
  edit?.(form);
  await form.settled();
  const result = await form.submission();
  if (!result.ok) throw new Error(`form invalid: ${JSON.stringify(result.errors)}`);
  return JSON.parse(JSON.stringify(result.envelope)) as Json;
}

const copy = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;
const keywords = (result: { errors: readonly { pointer: string; keyword: string }[] }) => result.errors.map((e) => `${e.pointer} ${e.keyword}`);

describe("1. forged verified rows", () => {
  it("refuses a locked field of a prefilled row changed and its claim downgraded to typed", async () => {
    const p = await procedure();
    const envelope = copy(await envelopeOf(p));
    envelope["data"].members[0].fullName = "Người giả mạo";
    envelope["provenance"]["/members/0/fullName"] = { source: "user" };
    const result = await validateSubmission(p, envelope, { context, locale: "en" });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: "/members/0/fullName", keyword: "x-lock", params: { expected: "Phạm Thu Trang" } }));
  });

  it("refuses a row that claims two rows of the source, and one source row submitted twice", async () => {
    const p = await procedure();
    const envelope = await envelopeOf(p);
    const mixed = copy(envelope);
    mixed["provenance"]["/members/0/relation"] = { source: "household", path: "members[1].relation", locked: false, edited: true };
    expect(keywords(await validateSubmission(p, mixed, { context }))).toContain("/members/0 provenance");
    const twice = copy(envelope);
    twice["data"].members[1] = copy(twice["data"].members[0]);
    twice["provenance"]["/members/1/fullName"] = twice["provenance"]["/members/0/fullName"];
    twice["provenance"]["/members/1/relation"] = twice["provenance"]["/members/0/relation"];
    expect(keywords(await validateSubmission(p, twice, { context }))).toContain("/members/1 provenance");
  });

  it("accepts rows moved, removed, and added by the citizen, each matched to its source row", async () => {
    const p = await procedure();
    const envelope = await envelopeOf(p, (form) => {
      form.moveRow("/members", 1, 0);
      const i = form.addRow("/members");
      form.set(`/members/${i}/fullName`, "Phạm Gia Huy");
      form.set(`/members/${i}/relation`, "con");
      form.removeRow("/members", 1);
    });
    expect(envelope["data"].members.map((m: Json) => m.fullName)).toEqual(["Phạm Gia Bảo", "Phạm Gia Huy"]);
    expect(await validateSubmission(p, envelope, { context })).toEqual({ valid: true, errors: [] });
  });

  it("refuses a locked field inside a prefilled object changed and claimed as typed", async () => {
    const p = await procedure();
    const envelope = copy(await envelopeOf(p));
    envelope["data"].address.province = "01";
    envelope["provenance"]["/address/province"] = { source: "user" };
    expect(keywords(await validateSubmission(p, envelope, { context }))).toContain("/address/province x-lock");
  });

  it("refuses a verified value removed from a prefilled row", async () => {
    const p = await procedure();
    const envelope = copy(await envelopeOf(p));
    delete envelope["data"].members[1].fullName;
    delete envelope["provenance"]["/members/1/fullName"];
    expect(keywords(await validateSubmission(p, envelope, { context }))).toContain("/members/1/fullName x-lock");
  });

  it("refuses a verified value whose claim says it was typed", async () => {
    const p = await procedure();
    const envelope = copy(await envelopeOf(p));
    envelope["provenance"]["/fullName"] = { source: "user" };
    expect(keywords(await validateSubmission(p, envelope, { context }))).toContain("/fullName provenance");
  });

  it("accepts a locked value prefilled from no source (a constant), claimed as the form claims it", async () => {
    const p = await load({ type: "object", properties: { country: { type: "string", "x-prefill": "'VN'", "x-lock": true } } });
    const envelope = copy(await envelopeOf(p));
    expect(envelope["provenance"]["/country"]).toEqual({ source: "default", edited: false });
    expect(await validateSubmission(p, envelope)).toEqual({ valid: true, errors: [] });
    envelope["data"].country = "US";
    expect(keywords(await validateSubmission(p, envelope))).toEqual(["/country x-lock"]);
  });

  it("a draft with a forged row restores the source's value, locked", async () => {
    const p = await procedure();
    const form = createForm(p, { context });
    await form.settled();
    const draft = copy(form.draft() as unknown as Json);
    draft["data"].members[0].fullName = "Người giả mạo";
    draft["provenance"]["/members/0/fullName"] = { source: "user" };
    draft["data"].address.province = "01";
    draft["provenance"]["/address/province"] = { source: "user" };
    const restored = createForm(p, { context, draft: draft as never });
    await restored.settled();
    expect(restored.field("/members/0/fullName")).toMatchObject({ value: "Phạm Thu Trang", locked: true });
    expect(restored.field("/address/province")).toMatchObject({ value: "79", locked: true });
    expect(restored.field("/members/0/relation").value).toBe("vo");
  });
});

describe("2. unknown data", () => {
  const cases: [string, (e: Json) => void, string][] = [
    ["at the root", (e) => (e["data"].isAdmin = true), "/isAdmin"],
    ["inside an object", (e) => (e["data"].address.extra = "x"), "/address/extra"],
    ["inside a row", (e) => (e["data"].members[0].extra = "x"), "/members/0/extra"],
    ["inside an attachment", (e) => (e["data"].contract = { name: "a.pdf", type: "application/pdf", size: 10, url: "http://evil" }), "/contract/url"],
    ["named constructor", (e) => (e["data"].constructor = "x"), "/constructor"],
    ["named prototype", (e) => (e["data"].address.prototype = { polluted: true }), "/address/prototype"],
    ["named __proto__", (e) => Object.defineProperty(e["data"], "__proto__", { value: { polluted: true }, enumerable: true }), "/__proto__"],
  ];
  for (const [what, change, pointer] of cases) {
    it(`refuses a property the schema does not declare, ${what}`, async () => {
      const p = await procedure();
      const envelope = JSON.parse(JSON.stringify(await envelopeOf(p))) as Json;
      change(envelope);
      const result = await validateSubmission(p, JSON.parse(JSON.stringify(envelope)), { context, locale: "en" });
      expect(result.valid).toBe(false);
      expect(result.errors).toContainEqual(expect.objectContaining({ pointer, keyword: "additionalProperties" }));
      expect(result.errors.find((e) => e.pointer === pointer)!.message).toMatch(/not part of this form/);
    });
  }

  it("accepts unknown properties where the procedure opts in with additionalProperties", async () => {
    const p = await load({ type: "object", properties: { extra: { type: "object", additionalProperties: { type: "string" } } } });
    const result = await validateSubmission(
      p,
      { id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10", procedure: { id: p.id, version: p.version }, data: { extra: { a: "1" } }, provenance: { "/extra/a": { source: "user" } }, attachments: [], locale: "vi", submittedAt: "2026-12-01T08:00:00.000Z" },
      {},
    );
    expect(result).toEqual({ valid: true, errors: [] });
  });
});

describe("3. the attachments list", () => {
  it("refuses an envelope without attachments while the data holds a file", async () => {
    const p = await procedure();
    const envelope = copy(await envelopeOf(p, (form) => form.set("/contract", { name: "hop-dong.pdf", type: "application/pdf", size: 1000 })));
    expect(envelope["attachments"]).toHaveLength(1);
    delete envelope["attachments"];
    const result = await validateSubmission(p, envelope, { context });
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ pointer: "/attachments", keyword: "envelope" });
  });
});

describe("4. provenance of the wrong shape", () => {
  const bad: [string, unknown][] = [
    ["a number", 5],
    ["an array", []],
    ["a key that is not a pointer", { fullName: { source: "user" } }],
    ["a __proto__ key", JSON.parse('{"__proto__": {"source": "citizen", "path": "fullName", "locked": true, "edited": false}}')],
    ["a claim that is not an object", { "/fullName": "citizen" }],
    ["a claim without a source", { "/fullName": { path: "fullName" } }],
  ];
  for (const [what, provenance] of bad) {
    it(`answers provenance that is ${what} with a located error, never an exception`, async () => {
      const p = await procedure();
      const envelope = { ...(await envelopeOf(p)), provenance };
      const result = await validateSubmission(p, envelope, { context, locale: "en" });
      expect(result.valid).toBe(false);
      expect(result.errors[0]!.keyword).toBe("envelope");
      expect(result.errors[0]!.pointer).toMatch(/^\/provenance/);
    });
  }

  it("refuses a claim for a value the data does not have, and a value without a claim", async () => {
    const p = await procedure();
    const envelope = copy(await envelopeOf(p));
    envelope["provenance"]["/nothing"] = { source: "user" };
    delete envelope["provenance"]["/phone"];
    const result = await validateSubmission(p, envelope, { context });
    expect(keywords(result)).toEqual(expect.arrayContaining(["/nothing provenance", "/phone provenance"]));
  });
});

describe("5. work is bounded before it is done", () => {
  it("checks maxItems before running any expression on the rows", async () => {
    const p = await procedure();
    const counts = countEvaluations(p);
    const envelope = copy(await envelopeOf(p));
    for (const key of counts.keys()) counts.set(key, 0);
    envelope["data"].members = Array.from({ length: 5000 }, (_, i) => ({ fullName: `Người ${i}`, relation: "con" }));
    envelope["provenance"] = Object.fromEntries(
      Object.entries(envelope["provenance"]).filter(([k]) => !k.startsWith("/members/")).concat(
        envelope["data"].members.flatMap((_: unknown, i: number) => [[`/members/${i}/fullName`, { source: "user" }], [`/members/${i}/relation`, { source: "user" }]]),
      ),
    );
    const result = await validateSubmission(p, envelope, { context });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ pointer: "/members", keyword: "maxItems" }));
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("bounds the error list: the first 100, and how many more there were", async () => {
    const p = await load({ type: "object", properties: { list: { type: "array", items: { type: "integer" } } } });
    const list = Array.from({ length: 150_000 }, () => "x"); // past the ~100k at which spreading them overflowed the stack
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: p.id, version: p.version },
      data: { list },
      provenance: Object.fromEntries(list.map((_, i) => [`/list/${i}`, { source: "user" }])),
      attachments: [],
      locale: "vi",
      submittedAt: "2026-12-01T08:00:00.000Z",
    };
    // (Past the default limit of 200,000 values in an envelope: a host may raise it.)
    const result = await validateSubmission(p, envelope, { limits: { values: 1_000_000 } });
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(100);
    expect(result.omitted).toBe(149_900);
  });

  it("refuses an envelope past its limits (depth, string length, number of values) before reading it", async () => {
    const p = await procedure();
    const envelope = await envelopeOf(p);
    let deep: unknown = "x";
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const tooDeep = await validateSubmission(p, { ...envelope, data: { ...envelope["data"], note: deep } }, { context, locale: "en" });
    expect(tooDeep.errors).toEqual([expect.objectContaining({ keyword: "envelope", message: expect.stringMatching(/nested more than/) })]);
    const long = await validateSubmission(p, { ...envelope, data: { ...envelope["data"], note: "x".repeat(200_000) } }, { context, locale: "en" });
    expect(long.errors).toEqual([expect.objectContaining({ pointer: "/data/note", keyword: "envelope" })]);
    const many = await validateSubmission(p, { ...envelope, data: { ...envelope["data"], note: Array.from({ length: 300_000 }, () => 0) } }, { context, locale: "en" });
    expect(many.errors).toEqual([expect.objectContaining({ keyword: "envelope", message: expect.stringMatching(/more than/) })]);
  });

  it("refuses a version that only starts like one", async () => {
    const p = await procedure();
    const envelope = { ...(await envelopeOf(p)), procedure: { id: p.id, version: "1.0.0 or anything" } };
    expect(keywords(await validateSubmission(p, envelope, { context }))).toEqual(["/procedure/version envelope"]);
  });
});

describe("6. fail closed", () => {
  const guarded = {
    type: "object",
    properties: {
      n: { type: "integer" },
      visible: { type: "string", "x-visible": "n > 1 ? $error('boom') : true" },
      computed: { type: "integer", "x-compute": "n > 1 ? $error('boom') : n" },
      ruled: { type: "string", "x-rules": [{ assert: "n > 1 ? $error('boom') : true", message: "never" }] },
    },
  } as const;

  it("an expression that cannot be evaluated on the back end makes the envelope invalid, located, with a diagnostic", async () => {
    const p = await load(guarded as never);
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: p.id, version: p.version },
      data: { n: 2, ruled: "a" },
      provenance: { "/n": { source: "user" }, "/ruled": { source: "user" } },
      attachments: [],
      locale: "en",
      submittedAt: "2026-12-01T08:00:00.000Z",
    };
    const diagnostics: Diagnostic[] = [];
    const result = await validateSubmission(p, envelope, { onDiagnostic: (d) => diagnostics.push(d) });
    expect(result.valid).toBe(false);
    expect(keywords(result)).toEqual(expect.arrayContaining(["/visible cannot-verify", "/computed cannot-verify", "/ruled cannot-verify"]));
    expect(result.errors.find((e) => e.pointer === "/ruled")).toMatchObject({
      message: expect.stringMatching(/could not be checked/),
      params: { keyword: "x-rules", keywordPointer: "/schema/properties/ruled/x-rules/0/assert" },
    });
    expect(diagnostics.map((d) => d.keywordPointer)).toEqual(expect.arrayContaining(["/schema/properties/ruled/x-rules/0/assert"]));
  });

  it("the check runs under its own step budget: the same verdict whatever the back end's load", async () => {
    // Loaded with a wall clock that nothing could meet: the check does not use it.
    const p = await loadProcedure(
      doc({ type: "object", properties: { n: { type: "integer" }, ruled: { type: "string", "x-rules": [{ assert: "$sum([1..n].($ * 2)) > 0", message: "never" }] } } }),
      { budget: { timeMs: 0.001 } },
    );
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: p.id, version: p.version },
      data: { n: 2000, ruled: "a" },
      provenance: { "/n": { source: "user" }, "/ruled": { source: "user" } },
      attachments: [],
      locale: "vi",
      submittedAt: "2026-12-01T08:00:00.000Z",
    };
    expect(await validateSubmission(p, envelope)).toEqual({ valid: true, errors: [] });
    const tight = await validateSubmission(p, envelope, { budget: { steps: 1000 } });
    expect(tight.errors).toEqual([expect.objectContaining({ pointer: "/ruled", keyword: "cannot-verify", params: expect.objectContaining({ code: STEP_BUDGET_EXCEEDED }) })]);
  });

  it("a lock whose prefill cannot be evaluated refuses the envelope", async () => {
    const p = await load(
      { type: "object", properties: { fullName: { type: "string", "x-prefill": "$citizen.fullName ~> $error()", "x-lock": true } } },
      { sources: { citizen: citizenSource } },
    );
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: p.id, version: p.version },
      data: { fullName: "Ai cũng được" },
      provenance: { "/fullName": { source: "user" } },
      attachments: [],
      locale: "vi",
      submittedAt: "2026-12-01T08:00:00.000Z",
    };
    const result = await validateSubmission(p, envelope, { context: { citizen: { fullName: "Phạm Minh Đức" } } });
    expect(keywords(result)).toEqual(["/fullName cannot-verify"]);
  });
});

describe("a host's onDiagnostic that throws", () => {
  it("breaks neither the citizen's form nor the back end's check", async () => {
    const p = await load({ type: "object", properties: { n: { type: "integer", default: 1 }, bad: { type: "integer", "x-compute": "$error('boom')" }, ok: { type: "integer", "x-compute": "n + 1" } } });
    const throwing = () => {
      throw new Error("the host's logger is down");
    };
    const form = createForm(p, { onDiagnostic: throwing });
    await form.settled();
    expect(form.get("/ok")).toBe(2);
    const envelope = { id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10", procedure: { id: p.id, version: p.version }, data: { n: 1, ok: 2 }, provenance: { "/n": { source: "default", edited: false }, "/ok": { source: "computed" } }, attachments: [], locale: "vi", submittedAt: "2026-12-01T08:00:00.000Z" };
    const result = await validateSubmission(p, envelope, { onDiagnostic: throwing });
    expect(keywords(result)).toEqual(["/bad cannot-verify"]);
  });
});

describe("7. sources are own properties of the context", () => {
  it("a source the context lacks has no value, whatever its name", async () => {
    const p = await loadProcedure(
      doc(
        { type: "object", properties: { has: { type: "boolean", "x-compute": "$exists($constructor)" } } },
        { sources: { constructor: { title: "x", schema: { type: "object" } } } },
      ),
    );
    const form = createForm(p, { context: {} });
    await form.settled();
    expect(form.get("/has")).toBe(false);
  });
});

describe("8. deep drafts", () => {
  it("a draft nested thousands of levels deep is refused as malformed, and the form works", async () => {
    const p = await procedure();
    let deep: unknown = "x";
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const form = createForm(p, { context, draft: { procedure: { id: p.id, version: p.version }, data: { note: deep } } as never });
    await form.settled();
    expect(form.draftStatus).toEqual({ state: "rejected", reason: "malformed" });
    expect(form.field("/fullName").locked).toBe(true);
  });
});

describe("prototype keys in drafts", () => {
  it("a draft's own __proto__ key stays an own key of the data, never a prototype", async () => {
    const p = await load({ type: "object", properties: { notes: { type: "object", default: { a: "1" } } } });
    const draft = JSON.parse('{"procedure": {"id": "vn.test.form", "version": "1.0.0"}, "data": {"notes": {"__proto__": {"polluted": true}}}}');
    const form = createForm(p, { draft });
    await form.settled();
    const notes = form.get("/notes") as Record<string, unknown>;
    expect(Object.getPrototypeOf(notes)).toBe(Object.prototype);
    expect(notes["polluted"]).toBeUndefined();
    expect(Object.keys(notes).sort()).toEqual(["__proto__", "a"]);
    form.set("/notes", JSON.parse('{"__proto__": {"polluted": true}}'));
    expect((form.get("/notes") as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("the property that holds it all", () => {
  it("an accepted envelope's locked values are the context's", async () => {
    const p = await procedure();
    const envelope = (await envelopeOf(p)) as unknown as SubmissionEnvelope<Json>;
    expect(await validateSubmission(p, envelope, { context })).toEqual({ valid: true, errors: [] });
  });
});
