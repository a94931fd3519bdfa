import { describe, expect, it } from "vitest";
import { createForm, validateSubmission, type Procedure, type SubmissionEnvelope } from "@tokhai/core";
import { citizenSource, claimsInStep, householdSource, load } from "./helpers.js";

const household = householdSource;

const schema = {
  type: "object",
  properties: {
    fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
    phone: { type: "string", "x-prefill": "$citizen.phone", format: "vn-phone" },
    quantity: { type: "integer", minimum: 1 },
    fee: { type: "integer", "x-compute": "quantity * 20000" },
    rent: { type: "boolean" },
    contract: { type: "string", "x-visible": "rent = true", "x-required": "true" },
    members: {
      type: "array",
      "x-prefill": "$household.members",
      items: {
        type: "object",
        properties: { fullName: { type: "string", "x-lock": true }, relation: { type: "string" } },
      },
    },
    start: { type: "string", format: "date" },
    end: {
      type: "string",
      format: "date",
      "x-rules": [{ assert: "$not($exists(start)) or $value > start", message: { vi: "Ngày kết thúc phải sau ngày bắt đầu", en: "End must be after start" } }],
    },
  },
  required: ["quantity"],
} as const;

const context = {
  citizen: { fullName: "Phạm Minh Đức", phone: "0912345678" },
  household: { members: [{ fullName: "Phạm Thu Trang", relation: "vo" }] },
};

async function submitted(procedure: Procedure, edit?: (form: ReturnType<typeof createForm>) => void): Promise<SubmissionEnvelope> {
  const form = createForm(procedure, { context });
  await form.settled();
  form.set("/quantity", 2);
  edit?.(form);
  const result = await form.submission();
  if (!result.ok) throw new Error(`form invalid: ${JSON.stringify(result.errors)}`);
  return result.envelope;
}

/** A deep copy of an envelope with changes to its data (its provenance kept in step). */
function tamper(envelope: SubmissionEnvelope, change: (data: Record<string, unknown>) => void): SubmissionEnvelope {
  const copy = JSON.parse(JSON.stringify(envelope)) as SubmissionEnvelope & { data: Record<string, unknown> };
  change(copy.data);
  return claimsInStep(copy);
}

describe("validateSubmission", () => {
  it("accepts the envelope the form produced", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = await submitted(procedure);
    expect(await validateSubmission(procedure, envelope, { context })).toEqual({ valid: true, errors: [] });
  });

  it("accepts an edited editable prefilled value", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = await submitted(procedure, (f) => f.set("/phone", "0987654321"));
    expect((await validateSubmission(procedure, envelope, { context })).valid).toBe(true);
  });

  it("rejects a locked value that differs from the source", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = tamper(await submitted(procedure), (d) => (d["fullName"] = "Người khác"));
    const result = await validateSubmission(procedure, envelope, { context, locale: "en" });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ pointer: "/fullName", keyword: "x-lock", params: { expected: "Phạm Minh Đức" } })]);
    expect(result.errors[0]!.message).toMatch(/Phạm Minh Đức/);
  });

  it("rejects a row value that claims to be verified but differs from the source", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = tamper(await submitted(procedure), (d) => ((d["members"] as { fullName: string }[])[0]!.fullName = "Giả mạo"));
    const result = await validateSubmission(procedure, envelope, { context });
    expect(result.errors).toEqual([expect.objectContaining({ pointer: "/members/0/fullName", keyword: "x-lock" })]);
  });

  it("accepts a row the citizen added themselves", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = await submitted(procedure, (f) => {
      const i = f.addRow("/members");
      f.set(`/members/${i}/fullName`, "Phạm Gia Bảo");
      f.set(`/members/${i}/relation`, "con");
    });
    expect(envelope.provenance["/members/1/fullName"]).toEqual({ source: "user" });
    expect((await validateSubmission(procedure, envelope, { context })).valid).toBe(true);
  });

  it("rejects a computed value that differs from its recomputation", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = tamper(await submitted(procedure), (d) => (d["fee"] = 0));
    const result = await validateSubmission(procedure, envelope, { context });
    expect(result.errors).toEqual([expect.objectContaining({ pointer: "/fee", keyword: "x-compute", params: { expected: 40000 } })]);
  });

  it("rejects a value submitted for a hidden field", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = tamper(await submitted(procedure), (d) => (d["contract"] = "secret"));
    const result = await validateSubmission(procedure, envelope, { context });
    expect(result.errors).toEqual([expect.objectContaining({ pointer: "/contract", keyword: "x-visible" })]);
  });

  it("recomputes conditions from the submitted data: a field shown by it must satisfy its rules", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = tamper(await submitted(procedure), (d) => (d["rent"] = true));
    const result = await validateSubmission(procedure, envelope, { context });
    expect(result.errors).toEqual([expect.objectContaining({ pointer: "/contract", keyword: "required" })]);
  });

  it("applies the schema and x-rules", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = tamper(await submitted(procedure), (d) => {
      delete d["quantity"];
      delete d["fee"];
      d["phone"] = "123";
      d["start"] = "2026-05-02";
      d["end"] = "2026-05-01";
    });
    const result = await validateSubmission(procedure, envelope, { context, locale: "vi" });
    expect(result.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ["/phone", "provenance"], // still claims to be the citizen's unedited phone
      ["/phone", "format"],
      ["/quantity", "required"],
      ["/end", "x-rules"],
    ]);
    expect(result.errors.find((e) => e.keyword === "x-rules")!.message).toBe("Ngày kết thúc phải sau ngày bắt đầu");
  });

  it("rejects an envelope of another procedure or another major version, accepts another minor", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const envelope = await submitted(procedure);
    const other = await validateSubmission(procedure, { ...envelope, procedure: { id: "vn.other", version: "1.0.0" } }, { context, locale: "en" });
    expect(other).toEqual({ valid: false, errors: [expect.objectContaining({ pointer: "/procedure/id", keyword: "envelope" })] });
    expect(other.errors[0]!.message).toMatch(/vn\.other/);
    const major = await validateSubmission(procedure, { ...envelope, procedure: { id: "vn.test.form", version: "2.0.0" } }, { context, locale: "en" });
    expect(major.errors).toEqual([expect.objectContaining({ pointer: "/procedure/version" })]);
    expect(major.errors[0]!.message).toMatch(/2\.0\.0/);
    const minor = await validateSubmission(procedure, { ...envelope, procedure: { id: "vn.test.form", version: "1.4.2" } }, { context });
    expect(minor.valid).toBe(true);
  });

  it("answers a malformed envelope with an error, never an exception", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    for (const bad of [null, 42, "text", [], {}, { procedure: "x" }, { procedure: { id: "vn.test.form", version: "1.0.0" } }, { procedure: { id: "vn.test.form", version: "1.0.0" }, data: [] }]) {
      const result = await validateSubmission(procedure, bad, { context });
      expect(result.valid).toBe(false);
      expect(result.errors[0]!.keyword).toBe("envelope");
    }
  });

  it("checks locked values only where the source had a value", async () => {
    const procedure = await load(schema, { sources: { citizen: citizenSource, household } });
    const noName = { ...context, citizen: { phone: "0912345678" } };
    const form = createForm(procedure, { context: noName });
    await form.settled();
    form.set("/fullName", "Tự khai");
    form.set("/quantity", 1);
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (result.ok) expect((await validateSubmission(procedure, result.envelope, { context: noName })).valid).toBe(true);
  });
});
