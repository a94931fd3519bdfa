// A draft saved under an older major version: createForm refuses it; salvageDraft offers the answers
// that the current schema still accepts.
import { describe, expect, it } from "vitest";
import { createForm, salvageDraft, type Draft } from "@tokhai/core";
import { load } from "./helpers.js";

const schema = {
  type: "object",
  properties: {
    name: { type: "string", maxLength: 20 },
    age: { type: "integer", minimum: 0 },
    channel: { type: "string", enum: ["post", "email"] },
    address: { type: "object", additionalProperties: false, properties: { street: { type: "string" } } },
    children: { type: "array", items: { type: "object", properties: { name: { type: "string" }, born: { type: "string", format: "date" } } } },
  },
  required: ["name", "age", "channel"],
} as const;

/** Saved under 1.x: the age was free text then, "sms" was a channel, the address had a district. */
const old: Draft = {
  procedure: { id: "vn.test.form", version: "1.4.0" },
  data: {
    name: "Nguyễn Văn An",
    age: "ba mươi",
    channel: "sms",
    address: { street: "12 Lê Lợi", district: "Quận 1" },
    children: [{ name: "Khôi", born: "2018-05-02" }, { name: "Hân", born: "30/11/2021" }],
  },
  provenance: { "/name": { source: "user" }, "/address/street": { source: "user" } },
  step: "main",
  savedAt: "2026-11-20T08:00:00.000Z",
};

describe("salvageDraft", () => {
  it("keeps what the current schema accepts and says what it left out", async () => {
    const procedure = await loadProcedure2();
    const salvaged = salvageDraft(procedure, old)!;
    expect(salvaged.draft.procedure).toEqual({ id: "vn.test.form", version: "2.0.0" });
    expect(salvaged.draft.data).toEqual({ name: "Nguyễn Văn An", address: { street: "12 Lê Lợi" }, children: [{ name: "Khôi", born: "2018-05-02" }, { name: "Hân" }] });
    expect([...salvaged.dropped].sort()).toEqual(["/address/district", "/age", "/channel", "/children/1/born"]);
    expect(salvaged.kept).toBe(5);
    expect(salvaged.draft.provenance).toEqual({ "/name": { source: "user" }, "/address/street": { source: "user" } });
    expect(salvaged.draft.step).toBe("main");
  });

  it("gives createForm a draft it restores, where the old one was refused", async () => {
    const procedure = await loadProcedure2();
    const refused = createForm(procedure, { draft: old });
    expect(refused.draftStatus).toEqual({ state: "rejected", reason: "version" });
    expect(refused.get("/name")).toBeUndefined();
    const form = createForm(procedure, { draft: salvageDraft(procedure, old)!.draft });
    await form.settled();
    expect(form.draftStatus).toEqual({ state: "restored", dropped: [] });
    expect(form.get("/name")).toBe("Nguyễn Văn An");
    expect(form.get("/children/1/name")).toBe("Hân");
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/age", "/channel"]);
  });

  it("is undefined for what is not a draft of this procedure", async () => {
    const procedure = await loadProcedure2();
    expect(salvageDraft(procedure, { ...old, procedure: { id: "vn.other", version: "1.0.0" } })).toBeUndefined();
    for (const garbage of [null, 42, "x", [], { data: [] }, { data: "x" }]) expect(salvageDraft(procedure, garbage)).toBeUndefined();
  });

  it("renumbers rows around a removed one and drops their provenance claims", async () => {
    const procedure = await loadProcedure2();
    const draft = { ...old, data: { children: ["not a row", { name: "Hân" }] }, provenance: { "/children/1/name": { source: "user" as const } } };
    const salvaged = salvageDraft(procedure, draft)!;
    expect(salvaged.draft.data).toEqual({ children: [{ name: "Hân" }] });
    expect(salvaged.draft.provenance).toEqual({});
    expect(salvaged.dropped).toEqual(["/children/0"]);
  });
});

/** The procedure at version 2.0.0. */
function loadProcedure2() {
  return load(schema as never, { version: "2.0.0" });
}

// Issue 15, defect 9: a stored draft whose values have the wrong types was restored as it was (the
// citizen saw "[object Object]" in a text field). Values of the wrong type are dropped, and said so;
// answers in progress that the schema would still refuse for another reason (a half-typed phone) stay.
describe("a draft of this version with values of the wrong type", () => {
  it("is restored without them, which draftStatus lists", async () => {
    const procedure = await load({
      type: "object",
      properties: {
        name: { type: "string" },
        phone: { type: "string", format: "vn-phone" },
        age: { type: "integer", minimum: 0 },
        children: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
      },
    });
    const draft: Draft = {
      procedure: { id: procedure.id, version: procedure.version },
      data: { name: { first: "An" }, phone: "09", age: "mười", children: ["not a row", { name: "Hân" }] },
      provenance: { "/children/1/name": { source: "user" }, "/phone": { source: "user" } },
      savedAt: "2026-12-01T08:00:00.000Z",
    };
    const form = createForm(procedure, { draft });
    await form.settled();
    expect(form.get()).toEqual({ phone: "09", children: [{ name: "Hân" }] });
    expect(form.draftStatus).toEqual({ state: "restored", dropped: expect.arrayContaining(["/name/first", "/age", "/children/0"]) });
    expect(form.field("/name").value).toBeUndefined();
  });
});
