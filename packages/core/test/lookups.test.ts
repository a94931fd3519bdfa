// Lookups in registers while the citizen answers (issue 17): the resolver is called for each input
// (debounced, cancelled, cached), what it finds is prefilled and locked like a source's value, the
// back end resolves every lookup again and fails closed, and load checks cover lookups as sources.
import { describe, expect, it } from "vitest";
import { compileProcedure } from "@tokhai/core/compile";
import {
  createForm,
  loadCompiled,
  loadProcedure,
  ProcedureError,
  validateSubmission,
  type LookupResolver,
  type Procedure,
  type ProcedureDocument,
  type SubmissionEnvelope,
} from "@tokhai/core";

type Json = Record<string, any>;

const registry: Record<string, Json> = {
  "001090000001": { fullName: "Trần Thị Bình", birthDate: "1995-04-02", maritalStatus: "single" },
  "001090000002": { fullName: "Lê Văn Cường", birthDate: "1990-01-20", maritalStatus: "married" },
};

function marriage(extra: Json = {}): ProcedureDocument {
  return {
    id: "vn.test.lookup",
    version: "1.0.0",
    title: "Thử nghiệm tra cứu",
    lookups: {
      party2: {
        title: { vi: "Cơ sở dữ liệu dân cư", en: "Population database" },
        input: "party2.personalId",
        schema: {
          type: "object",
          properties: { fullName: { type: "string" }, birthDate: { type: "string", format: "date" }, maritalStatus: { type: "string" } },
        },
      },
    },
    schema: {
      type: "object",
      properties: {
        party2: {
          type: "object",
          properties: {
            personalId: { type: "string", pattern: "^[0-9]{12}$" },
            fullName: { type: "string", "x-prefill": "$party2.fullName", "x-lock": true },
            birthDate: { type: "string", format: "date", "x-prefill": "$party2.birthDate" },
            single: { type: "boolean", "x-compute": "$party2.maritalStatus = 'single'" },
          },
          required: ["personalId"],
        },
        note: { type: "string" },
      },
    },
    ...extra,
  } as ProcedureDocument;
}

/** A resolver over `registry` that records its calls and answers when told to (`release`). */
function controlled(records: Record<string, Json> = registry) {
  const calls: { input: unknown; signal: AbortSignal }[] = [];
  const waiting: (() => void)[] = [];
  let held = false;
  const resolver: LookupResolver = async (_name, input, { signal }) => {
    calls.push({ input, signal: signal as AbortSignal });
    if (held) await new Promise<void>((resolve) => waiting.push(resolve));
    return records[String(input)];
  };
  return {
    resolver,
    calls,
    hold: () => (held = true),
    release: () => {
      held = false;
      for (const w of waiting.splice(0)) w();
    },
  };
}

const quick = { lookupDelay: 0 };

describe("lookups in the form", () => {
  it("asks the register when the input gets a value, fills and locks what it finds, with the input in the provenance", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    const form = createForm(procedure, { lookup: r.resolver, ...quick });
    await form.settled();
    expect(r.calls).toEqual([]);
    expect(form.lookup("party2")?.status).toBe("idle");

    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(r.calls.map((c) => c.input)).toEqual(["001090000001"]);
    expect(form.lookup("party2")).toMatchObject({ status: "found", input: "001090000001" });
    const name = form.field("/party2/fullName");
    expect(name).toMatchObject({ value: "Trần Thị Bình", locked: true, readonly: true });
    expect(name.provenance).toEqual({ source: "party2", path: "fullName", locked: true, edited: false, input: "001090000001" });
    expect(form.field("/party2/birthDate")).toMatchObject({ value: "1995-04-02", locked: false });
    expect(form.get("/party2/single")).toBe(true);
    expect(() => form.set("/party2/fullName", "Giả mạo")).toThrow(/verified/);
  });

  it("refreshes when the input changes, and removes what it filled when nothing is found, keeping what the citizen typed", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    const form = createForm(procedure, { lookup: r.resolver, ...quick });
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    form.set("/party2/birthDate", "1995-04-03"); // the citizen corrects an unlocked value
    form.set("/party2/personalId", "001090000002");
    await form.settled();
    expect(form.get("/party2/fullName")).toBe("Lê Văn Cường");
    expect(form.get("/party2/birthDate")).toBe("1995-04-03"); // typed: kept
    expect(form.get("/party2/single")).toBe(false);

    form.set("/party2/personalId", "001090009999");
    await form.settled();
    expect(form.lookup("party2")?.status).toBe("not-found");
    expect(form.field("/party2/fullName")).toMatchObject({ value: undefined, locked: false, readonly: false });
    expect(form.get("/party2/birthDate")).toBe("1995-04-03");
    const feeds = form.field("/party2/personalId").lookups;
    expect(feeds).toEqual([{ name: "party2", role: "input", status: "not-found", message: "Không tìm thấy thông tin trong Cơ sở dữ liệu dân cư" }]);
    // Now editable: the citizen may type it.
    form.set("/party2/fullName", "Người ngoài");
    form.set("/party2/personalId", undefined);
    await form.settled();
    expect(form.lookup("party2")?.status).toBe("idle");
    expect(form.get("/party2/fullName")).toBe("Người ngoài");
  });

  it("shows 'looking up' at the input and the fields it fills while the register is asked, and moves nothing meanwhile", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    r.hold();
    const form = createForm(procedure, { lookup: r.resolver, ...quick, locale: "en" });
    form.set("/party2/personalId", "001090000001");
    await Promise.resolve();
    await Promise.resolve();
    expect(form.lookup("party2")?.status).toBe("pending");
    expect(form.field("/party2/personalId").lookups).toEqual([{ name: "party2", role: "input", status: "pending", message: "Looking this up in Population database…" }]);
    expect(form.field("/party2/fullName").lookups).toEqual([{ name: "party2", role: "result", status: "pending", message: "Looking this up in Population database…" }]);
    const settled = form.settled();
    let done = false;
    void settled.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false); // settled() waits for the register
    r.release();
    await settled;
    expect(form.get("/party2/fullName")).toBe("Trần Thị Bình");
    expect(form.field("/party2/fullName").lookups).toEqual([]);
    expect(form.field("/note").lookups).toBeUndefined();
  });

  it("cancels the older call when a newer input comes, and caches answers per input", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    r.hold();
    const form = createForm(procedure, { lookup: r.resolver, ...quick });
    form.set("/party2/personalId", "001090000001");
    await new Promise((resolve) => setTimeout(resolve, 0));
    form.set("/party2/personalId", "001090000002");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(r.calls.map((c) => c.signal.aborted)).toEqual([true, false]);
    r.release();
    await form.settled();
    expect(form.get("/party2/fullName")).toBe("Lê Văn Cường");
    // Back to the first: asked once more (its call was cancelled); then both are cached.
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    form.set("/party2/personalId", "001090000002");
    await form.settled();
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(r.calls.map((c) => c.input)).toEqual(["001090000001", "001090000002", "001090000001"]);
    expect(form.get("/party2/fullName")).toBe("Trần Thị Bình");
  });

  it("debounces: an input typed character by character is looked up once it stays still", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    const form = createForm(procedure, { lookup: r.resolver, lookupDelay: 50 });
    for (let n = 1; n <= 12; n++) form.set("/party2/personalId", "001090000001".slice(0, n));
    await form.settled();
    expect(r.calls.map((c) => c.input)).toEqual(["001090000001"]);
    expect(form.get("/party2/fullName")).toBe("Trần Thị Bình");
  });

  it("a register that fails: the answers stay, the input field says so, validation refuses, and a retry recovers", async () => {
    const procedure = await loadProcedure(marriage());
    let down = true;
    const diagnostics: string[] = [];
    const resolver: LookupResolver = async (_n, input) => {
      if (down) throw new Error("connect ECONNREFUSED");
      return registry[String(input)];
    };
    const form = createForm(procedure, { lookup: resolver, ...quick, onDiagnostic: (d) => diagnostics.push(`${d.code} ${d.keywordPointer}`) });
    form.set("/note", "giữ nguyên");
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(form.lookup("party2")).toMatchObject({ status: "failed", error: "connect ECONNREFUSED" });
    expect(diagnostics).toEqual(["lookup-failed /lookups/party2/input"]);
    expect(form.get("/note")).toBe("giữ nguyên");
    expect(form.get("/party2/personalId")).toBe("001090000001");
    expect(form.field("/party2/personalId").lookups).toEqual([
      { name: "party2", role: "input", status: "failed", message: "Chưa kết nối được với Cơ sở dữ liệu dân cư. Hãy thử lại." },
    ]);
    const errors = await form.validate();
    expect(errors).toContainEqual(expect.objectContaining({ pointer: "/party2/personalId", keyword: "x-lookup", params: { lookup: "party2" } }));
    expect((await form.submission()).ok).toBe(false);

    down = false;
    form.retryLookup("party2");
    await form.settled();
    expect(form.get("/party2/fullName")).toBe("Trần Thị Bình");
    expect(form.field("/party2/personalId").errors).toEqual([]);
    expect((await form.submission()).ok).toBe(true);
  });

  it("a register that never answers is given up after the timeout, and the citizen may try again", async () => {
    const procedure = await loadProcedure(marriage());
    const form = createForm(procedure, { lookup: () => new Promise(() => {}), lookupDelay: 0, lookupTimeout: 20 });
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(form.lookup("party2")).toMatchObject({ status: "failed", error: expect.stringMatching(/did not answer within 20 ms/) });
  });

  it("refuses an answer that is not a record within the limits, and treats null as not found", async () => {
    const procedure = await loadProcedure(marriage());
    let deep: Json = {};
    const root = deep;
    for (let i = 0; i < 300; i++) deep = deep["a"] = {};
    const answers: Record<string, unknown> = { "001090000001": root, "001090000002": null, "001090000003": () => 1 };
    const form = createForm(procedure, { lookup: async (_n, input) => answers[String(input)], ...quick });
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(form.lookup("party2")).toMatchObject({ status: "failed", error: expect.stringMatching(/depth limit/) });
    form.set("/party2/personalId", "001090000002");
    await form.settled();
    expect(form.lookup("party2")?.status).toBe("not-found");
    form.set("/party2/personalId", "001090000003");
    await form.settled();
    expect(form.lookup("party2")).toMatchObject({ status: "failed", error: expect.stringMatching(/not JSON/) });
  });

  it("without a resolver, a lookup fails with a diagnostic that says what is missing", async () => {
    const procedure = await loadProcedure(marriage());
    const messages: string[] = [];
    const form = createForm(procedure, { ...quick, onDiagnostic: (d) => messages.push(d.message) });
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(form.lookup("party2")?.status).toBe("failed");
    expect(messages[0]).toMatch(/no resolver answers the lookup "party2"/);
  });

  it("notFound: false keeps quiet about a not-found; a text replaces the default message", async () => {
    const quiet = await loadProcedure(marriage({ lookups: { party2: { ...marriage().lookups!.party2!, notFound: false } } }));
    const form = createForm(quiet, { lookup: async () => undefined, ...quick });
    form.set("/party2/personalId", "001090000009");
    await form.settled();
    expect(form.field("/party2/personalId").lookups).toEqual([{ name: "party2", role: "input", status: "not-found" }]);
    const told = await loadProcedure(marriage({ lookups: { party2: { ...marriage().lookups!.party2!, notFound: { vi: "Chưa có ai với số này", en: "No one has this number" } } } }));
    const other = createForm(told, { lookup: async () => undefined, ...quick, locale: "en" });
    other.set("/party2/personalId", "001090000009");
    await other.settled();
    expect(other.field("/party2/personalId").lookups?.[0]?.message).toBe("No one has this number");
  });

  it("a restored draft gets its lookup values from the register again, never from the draft", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    const draft = {
      procedure: { id: "vn.test.lookup", version: "1.0.0" },
      data: { party2: { personalId: "001090000001", fullName: "Tên sửa trong bản nháp" } },
      provenance: { "/party2/personalId": { source: "user" }, "/party2/fullName": { source: "party2", path: "fullName", locked: true, edited: false, input: "001090000001" } },
    } as const;
    const form = createForm(procedure, { lookup: r.resolver, ...quick, draft: draft as never });
    await form.settled();
    expect(form.field("/party2/fullName")).toMatchObject({ value: "Trần Thị Bình", locked: true });
  });

  it("reset() looks up again from the cache", async () => {
    const procedure = await loadProcedure(marriage());
    const r = controlled();
    const form = createForm(procedure, { lookup: r.resolver, ...quick, draft: { data: { party2: { personalId: "001090000001" } } } });
    await form.settled();
    expect(form.get("/party2/fullName")).toBe("Trần Thị Bình");
    form.reset();
    await form.settled();
    expect(form.get("/party2/fullName")).toBeUndefined();
    expect(form.lookup("party2")?.status).toBe("idle");
    expect(r.calls).toHaveLength(1);
  });
});

describe("lookups in a compiled procedure", () => {
  it("behave as in the procedure loaded from its document", async () => {
    const loaded = await loadProcedure(marriage());
    // Through JSON, as the module tokhai compile writes is read (the validator is code: kept).
    const compiled = compileProcedure(loaded);
    const procedure = loadCompiled({ ...JSON.parse(JSON.stringify({ ...compiled, validators: undefined })), validators: compiled.validators });
    expect(procedure.lookupNames).toEqual(["party2"]);
    expect(procedure.expressions.map((e) => e.keyword)).toEqual(loaded.expressions.map((e) => e.keyword));
    const r = controlled();
    const form = createForm(procedure, { lookup: r.resolver, ...quick });
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(form.field("/party2/fullName")).toMatchObject({ value: "Trần Thị Bình", locked: true });
    const result = await form.submission();
    expect(result.ok && (await validateSubmission(loaded, result.envelope, { lookup: r.resolver })).valid).toBe(true);
  });
});

describe("lookups on the back end (validateSubmission)", () => {
  async function envelopeFor(procedure: Procedure, id: string): Promise<SubmissionEnvelope> {
    const form = createForm(procedure, { lookup: controlled().resolver, ...quick });
    form.set("/party2/personalId", id);
    await form.settled();
    const result = await form.submission();
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.envelope;
  }
  const lookup = controlled().resolver;

  it("accepts what the register bears out, resolving each lookup again with the submitted input", async () => {
    const procedure = await loadProcedure(marriage());
    const envelope = await envelopeFor(procedure, "001090000001");
    const calls: unknown[] = [];
    const result = await validateSubmission(procedure, envelope, { lookup: (n, i, o) => (calls.push(i), lookup(n, i, o)) });
    expect(result).toEqual({ valid: true, errors: [] });
    expect(calls).toEqual(["001090000001"]);
  });

  it("refuses a forged verified value, a value claimed for another input, and a claim with no input", async () => {
    const procedure = await loadProcedure(marriage());
    const envelope = await envelopeFor(procedure, "001090000001");
    const forged = structuredClone(envelope) as Json;
    forged.data.party2.fullName = "Giả mạo";
    const a = await validateSubmission(procedure, forged, { lookup });
    expect(a.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/fullName", keyword: "x-lock" }));

    const otherInput = structuredClone(envelope) as Json;
    otherInput.provenance["/party2/fullName"].input = "001090000002";
    const b = await validateSubmission(procedure, otherInput, { lookup });
    expect(b.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/fullName", keyword: "provenance" }));

    const noInput = structuredClone(envelope) as Json;
    delete noInput.provenance["/party2/fullName"].input;
    const c = await validateSubmission(procedure, noInput, { lookup });
    expect(c.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/fullName", keyword: "provenance" }));

    // The register's record is the other person's now: the id was changed after the lookup.
    const swapped = structuredClone(envelope) as Json;
    swapped.data.party2.personalId = "001090000002";
    const d = await validateSubmission(procedure, swapped, { lookup });
    expect(d.valid).toBe(false);
    expect(d.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/fullName", keyword: "x-lock" }));
  });

  it("fails closed: no resolver, a resolver that throws, or one that never answers refuses the envelope at the input", async () => {
    const procedure = await loadProcedure(marriage());
    const envelope = await envelopeFor(procedure, "001090000001");
    for (const options of [{}, { lookup: async () => Promise.reject(new Error("down")) }, { lookup: () => new Promise(() => {}), lookupTimeout: 10 }]) {
      const result = await validateSubmission(procedure, envelope, options);
      expect(result.valid).toBe(false);
      expect(result.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/personalId", keyword: "cannot-verify", params: expect.objectContaining({ keyword: "lookup" }) }));
    }
  });

  it("an envelope whose lookup finds nothing now may not claim its values", async () => {
    const procedure = await loadProcedure(marriage());
    const envelope = await envelopeFor(procedure, "001090000001");
    const result = await validateSubmission(procedure, envelope, { lookup: async () => undefined });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => `${e.pointer} ${e.keyword}`)).toEqual(expect.arrayContaining(["/party2/fullName x-lock", "/party2/birthDate provenance", "/party2/single x-compute"]));
  });
});

describe("lookups at load", () => {
  async function problems(document: ProcedureDocument): Promise<{ pointer: string; code: string; message: string; position?: number }[]> {
    try {
      await loadProcedure(document);
    } catch (error) {
      if (error instanceof ProcedureError) return error.problems.map((p) => ({ pointer: p.pointer, code: p.code, message: p.message, ...(p.position !== undefined ? { position: p.position } : {}) }));
      throw error;
    }
    return [];
  }

  it("a path the lookup's schema does not have is located in the expression", async () => {
    const d = marriage() as Json;
    d.schema.properties.party2.properties.fullName["x-prefill"] = "$party2.fullNam";
    expect(await problems(d as ProcedureDocument)).toEqual([
      expect.objectContaining({ pointer: "/schema/properties/party2/properties/fullName/x-prefill", code: "unknown-path", position: 8, message: expect.stringMatching(/^lookup \$party2 has no field "fullNam"/) }),
    ]);
  });

  it("an input that reads a field the form does not have is located", async () => {
    const d = marriage() as Json;
    d.lookups.party2.input = "party2.personalID";
    expect(await problems(d as ProcedureDocument)).toEqual([expect.objectContaining({ pointer: "/lookups/party2/input", code: "unknown-path", position: 7 })]);
  });

  it("a lookup whose input depends on its own result is a cycle, located at the input", async () => {
    const d = marriage() as Json;
    d.lookups.party2.input = "party2.fullName";
    const found = await problems(d as ProcedureDocument);
    expect(found).toEqual([expect.objectContaining({ pointer: "/lookups/party2/input", code: "cycle", position: 0 })]);
    expect(found[0]!.message).toMatch(/\$party2 \(lookup input\) → \/party2\/fullName \(x-prefill\) → \$party2 \(lookup input\)/);
  });

  it("a lookup may not take a source's name, a reserved name, or a JSONata function's", async () => {
    const d = marriage({ sources: { party2: { schema: { type: "object" } } } });
    expect(await problems(d)).toContainEqual(expect.objectContaining({ pointer: "/lookups/party2", code: "reserved-source" }));
    const e = marriage() as Json;
    e.lookups = { value: e.lookups.party2, lookup: e.lookups.party2 };
    const codes = (await problems(e as ProcedureDocument)).filter((p) => p.code === "reserved-source").map((p) => p.pointer);
    expect(codes).toEqual(expect.arrayContaining(["/lookups/value", "/lookups/lookup"]));
  });

  it("a lookup without an input or schema is refused by the meta-schema", async () => {
    const d = marriage() as Json;
    delete d.lookups.party2.input;
    expect((await problems(d as ProcedureDocument)).map((p) => p.pointer)).toContain("/lookups/party2/input");
  });
});

// A rule that requires the lookup to find a record says nothing while the register is asked or has
// failed: not found is not known yet, and the failure is its own error.
const ruleDocument = {
  id: "vn.test.lookup-rule",
  version: "1.0.0",
  title: "Thử",
  lookups: { party2: { title: "Cơ sở dữ liệu dân cư", input: "party2.personalId", schema: { type: "object", properties: { fullName: { type: "string" } } } } },
  schema: {
    type: "object",
    properties: {
      party2: {
        type: "object",
        properties: {
          personalId: { type: "string", "x-rules": [{ assert: "$not($exists($value)) or $exists($party2)", message: "not found" }] },
          fullName: { type: "string", "x-prefill": "$party2.fullName", "x-lock": true },
        },
      },
    },
  },
} as unknown as ProcedureDocument;

describe("a rule that reads a lookup (found by the portal e2e)", () => {
  it("does not report the lookup's absence while the register has failed", async () => {
    const form = createForm(await loadProcedure(ruleDocument), { lookup: async () => Promise.reject(new Error("down")), lookupDelay: 0 });
    form.set("/party2/personalId", "001090000001");
    await form.settled();
    expect(form.lookup("party2")?.status).toBe("failed");
    const errors = (await form.validate()).map((e) => `${e.pointer} ${e.keyword}`);
    expect(errors).toContain("/party2/personalId x-lookup");
    expect(errors).not.toContain("/party2/personalId x-rules"); // fails: the rule says "not found"
  });

  it("does not report the lookup's absence while the register is being asked (errors shown live after a Continue)", async () => {
    let answer!: (v: unknown) => void;
    const form = createForm(await loadProcedure(ruleDocument), { lookup: () => new Promise((resolve) => (answer = resolve)), lookupDelay: 0 });
    await form.validate(); // "Continue": errors are live from now on
    form.set("/party2/personalId", "001090000001");
    await new Promise((r) => setTimeout(r, 10));
    expect(form.lookup("party2")?.status).toBe("pending");
    expect(form.field("/party2/personalId").errors.map((e) => e.keyword)).not.toContain("x-rules"); // fails
    answer({ fullName: "A" });
    await form.settled();
  });
});
