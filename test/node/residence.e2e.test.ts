// End to end on a realistic procedure: load → prefill → edit → validate → submission → validateSubmission.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission, type FormContext } from "@tokhai/core";
import { personaContext } from "./examples.js";

const example = (path: string) => JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
const now = () => new Date("2026-11-22T08:00:00.000Z");

describe("permanent residence registration (đăng ký thường trú)", () => {
  it("walks the whole procedure for a citizen the state knows well", async () => {
    const procedure = await loadProcedure(readFileSync(new URL("../../examples/procedures/dang-ky-thuong-tru.json", import.meta.url), "utf8"));
    const context: FormContext = personaContext("nguyen-van-an");
    const form = createForm(procedure, { context, now });
    await form.settled();

    // Prefilled and verified: identity from the population database, household members.
    expect(form.field("/applicant/fullName")).toMatchObject({ value: "Nguyễn Văn An", locked: true });
    expect(form.field("/applicant/personalId")).toMatchObject({ value: "001090012345", locked: true });
    expect(form.field("/applicant/phone")).toMatchObject({ value: "0912345678", locked: false });
    expect(form.get("/household/members")).toHaveLength(3);
    expect(form.field("/household/members/0/fullName")).toMatchObject({ value: "Trần Thị Bình", locked: true });
    expect(form.field("/household/members/0/relation").locked).toBe(false);
    expect(form.get("/fee")).toBe(20000);

    // What is left to type.
    const first = await form.validate();
    expect(first.map((e) => e.pointer)).toEqual([
      "/newAddress/province",
      "/newAddress/commune",
      "/newAddress/detail",
      "/newAddress/ownership",
      "/declaration",
    ]);

    // Province → commune cascade.
    expect(form.field("/newAddress/commune").options).toEqual([]);
    form.set("/newAddress/province", "79");
    await form.settled();
    expect(form.field("/newAddress/commune").options!.map((o) => o.label)).toContain("Phường Bến Thành");
    form.set("/newAddress/commune", form.field("/newAddress/commune").options![1]!.value);
    form.set("/newAddress/detail", "12 Lê Lợi");

    // A conditional attachment: renting needs the rental contract and the owner's name.
    form.set("/newAddress/ownership", "rent");
    await form.settled();
    expect(form.field("/newAddress/rentalContract")).toMatchObject({ visible: true, required: true });
    expect(form.field("/newAddress/ownerConsent").visible).toBe(false);
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/newAddress/rentalContract", "/newAddress/ownerName", "/declaration"]);
    form.set("/newAddress/rentalContract", { name: "hop-dong-thue.pdf", type: "application/pdf", size: 482133 });
    form.set("/newAddress/ownerName", "Lê Văn Chủ");

    // Edits: a new phone number; the fee follows the exemption.
    form.set("/applicant/phone", "0987654321");
    form.set("/feeExempt", true);
    await form.settled();
    expect(form.get("/fee")).toBe(0);
    form.set("/declaration", true);

    // A household member whose id equals the applicant's breaks a rule.
    const row = form.addRow("/household/members", { fullName: "Nguyễn Văn An", personalId: "001090012345", birthDate: "1990-03-15", relation: "khac" });
    await form.settled();
    expect((await form.validate()).map((e) => [e.pointer, e.keyword])).toEqual([[`/household/members/${row}/personalId`, "x-rules"]]);
    form.removeRow("/household/members", row);

    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const envelope = result.envelope;
    expect(envelope.procedure).toEqual({ id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" });
    expect(envelope.provenance["/applicant/fullName"]).toEqual({ source: "citizen", path: "fullName", locked: true, edited: false });
    expect(envelope.provenance["/applicant/phone"]).toEqual({ source: "citizen", path: "phone", locked: false, edited: true });
    expect(envelope.provenance["/newAddress/detail"]).toEqual({ source: "user" });
    expect(envelope.provenance["/fee"]).toEqual({ source: "computed" });
    expect(envelope.provenance["/household/members/2/fullName"]).toMatchObject({ source: "household", locked: true });
    expect(envelope.attachments).toEqual([{ pointer: "/newAddress/rentalContract", name: "hop-dong-thue.pdf", type: "application/pdf", size: 482133 }]);
    expect(envelope.data).not.toHaveProperty("newAddress.ownerConsent");
    expect(envelope.submittedAt).toBe("2026-11-22T08:00:00.000Z");

    // The back end re-validates with the same core, through JSON.
    const received = JSON.parse(JSON.stringify(envelope));
    expect(await validateSubmission(procedure, received, { context, now })).toEqual({ valid: true, errors: [] });

    // And catches tampering.
    received.data.applicant.fullName = "Nguyễn Văn Bê";
    received.data.fee = 20000;
    received.data.feeExempt = true;
    const tampered = await validateSubmission(procedure, received, { context, now });
    expect(tampered.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ["/applicant/fullName", "x-lock"],
      ["/fee", "x-compute"],
    ]);
  });

  it("works for a citizen with gaps: empty prefill leaves fields to type", async () => {
    const procedure = await loadProcedure(example("procedures/dang-ky-thuong-tru.json"));
    // Phạm Quốc Huy: no phone or e-mail on record, a household of one.
    const form = createForm(procedure, { context: personaContext("pham-quoc-huy"), locale: "en", now });
    await form.settled();
    expect(form.field("/applicant/phone")).toMatchObject({ value: undefined, locked: false, title: "Contact phone number" });
    expect(form.get("/household/members") ?? []).toEqual([]);
    const errors = await form.validate(["/applicant"]);
    expect(errors).toEqual([expect.objectContaining({ pointer: "/applicant/phone", keyword: "required" })]);
    expect(errors[0]!.message).toMatch(/required/i);
  });
});
