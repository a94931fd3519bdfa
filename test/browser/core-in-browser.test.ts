// @tokhai/core runs unchanged in a real Chromium: the engine the elements will render.
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission } from "@tokhai/core";
import procedureDocument from "../../examples/procedures/dang-ky-thuong-tru.json" with { type: "json" };
import persona from "../../examples/data/personas/nguyen-van-an.json" with { type: "json" };
import catalog from "../../examples/data/administrative-units.json" with { type: "json" };

const context = { ...persona, catalog };

describe("@tokhai/core in Chromium", () => {
  it("is running in a browser", () => {
    expect(typeof window).toBe("object");
    expect(navigator.userAgent).toMatch(/Chrome/);
  });

  it("loads a procedure, fills, validates and submits, and the submission re-validates", async () => {
    const procedure = await loadProcedure(procedureDocument);
    const form = createForm(procedure, { context, locale: "en" });
    await form.settled();
    expect(form.field("/applicant/fullName")).toMatchObject({ value: "Nguyễn Văn An", locked: true });
    form.set("/newAddress/province", "01");
    await form.settled();
    const commune = form.field("/newAddress/commune").options![0]!;
    form.set("/newAddress/commune", commune.value);
    form.set("/newAddress/detail", "5 Hàng Bài");
    form.set("/newAddress/ownership", "owner");
    form.set("/declaration", true);
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.envelope.locale).toBe("en");
    expect(await validateSubmission(procedure, result.envelope, { context })).toEqual({ valid: true, errors: [] });
  });
});
