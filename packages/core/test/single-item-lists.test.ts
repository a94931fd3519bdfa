// Issue 15, defect 10: JSONata unwraps a sequence of one item, so a filter that leaves one row gave an
// array field an object, and the form then said "must be a list". The engine knows the field is a
// list: a single value for an array field is a list of one, for x-prefill, x-compute and x-options.
import { describe, expect, it } from "vitest";
import { createForm, validateSubmission } from "@tokhai/core";
import { householdSource, load } from "./helpers.js";

const row = { type: "object", properties: { fullName: { type: "string" }, relation: { type: "string" } } } as const;
const schema = {
  type: "object",
  properties: {
    spouses: { type: "array", items: row, "x-prefill": "$household.members[relation = 'vo']" },
    children: { type: "array", items: row, "x-compute": "$household.members[relation = 'con']" },
    names: { type: "array", items: { type: "string" }, "x-compute": "$household.members[relation = 'con'].fullName" },
    pick: { type: "array", items: { type: "string" }, "x-options": "$household.members[relation = 'con'].fullName" },
  },
} as const;
const context = {
  household: {
    members: [
      { fullName: "Phạm Thu Trang", relation: "vo" },
      { fullName: "Phạm Gia Bảo", relation: "con" },
    ],
  },
};

describe("a single value for an array field", () => {
  it("is a list of one, for x-prefill, x-compute and x-options, and the envelope is valid", async () => {
    const procedure = await load(schema as never, { sources: { household: householdSource } });
    const form = createForm(procedure, { context });
    await form.settled();
    expect(form.get("/spouses")).toEqual([{ fullName: "Phạm Thu Trang", relation: "vo" }]);
    expect(form.get("/children")).toEqual([{ fullName: "Phạm Gia Bảo", relation: "con" }]);
    expect(form.get("/names")).toEqual(["Phạm Gia Bảo"]);
    expect(form.field("/pick").options).toEqual([{ value: "Phạm Gia Bảo", label: "Phạm Gia Bảo" }]);
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (result.ok) expect(await validateSubmission(procedure, JSON.parse(JSON.stringify(result.envelope)), { context })).toEqual({ valid: true, errors: [] });
  });

  it("and a filter that leaves nothing leaves the field empty", async () => {
    const procedure = await load(schema as never, { sources: { household: householdSource } });
    const form = createForm(procedure, { context: { household: { members: [] } } });
    await form.settled();
    expect(form.get("/spouses")).toBeUndefined();
    expect(form.get("/children")).toBeUndefined();
  });
});
