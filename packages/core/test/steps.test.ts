// Issue 15: conditional steps and exit pages. A step may have an `x-visible`; a hidden step's fields are
// hidden (not asked, not submitted); a step whose fields are all hidden is skipped; an exit page shows
// when its condition holds and then nothing can be submitted. The form, the back end's check and drafts
// agree on which steps exist.
import { describe, expect, it } from "vitest";
import { createForm, isSafeHref, loadProcedure, ProcedureError, salvageDraft, validateSubmission, type StepDocument } from "@tokhai/core";
import { citizenSource, doc } from "./helpers.js";

const schema = {
  type: "object",
  required: ["status", "hasCar"],
  properties: {
    status: { type: "string", enum: ["single", "married"] },
    hasCar: { type: "boolean" },
    car: { type: "object", required: ["plate"], properties: { plate: { type: "string" } } },
    fuel: { type: "string", "x-visible": "hasCar = true" },
    note: { type: "string" },
  },
} as const;

const steps: StepDocument[] = [
  { id: "about", title: "Về bạn", fields: ["/status", "/hasCar"] },
  { id: "married", kind: "exit", title: "Bạn đã kết hôn", body: "Bạn không thể đăng ký.\n\nHãy liên hệ UBND xã.", link: { href: "https://dichvucong.gov.vn", text: "Cổng dịch vụ công" }, "x-visible": "status = 'married'" },
  { id: "vehicle", title: "Xe", fields: ["/car"], "x-visible": "hasCar = true" },
  { id: "fuelStep", title: "Nhiên liệu", fields: ["/fuel"] },
  { id: "other", title: "Khác", fields: ["/note"] },
];

const load = () => loadProcedure(doc(schema as never, { steps }));
const ids = (list: readonly StepDocument[]) => list.map((s) => s.id);

describe("conditional steps", () => {
  it("exist only while their condition holds; their fields are hidden, unasked and unsubmitted; values come back with the step", async () => {
    const form = createForm(await load());
    await form.settled();
    // Without a car: the vehicle step is hidden, and the fuel step, all of whose fields are hidden, is skipped.
    expect(ids(form.steps())).toEqual(["about", "other"]);
    form.set("/status", "single");
    form.set("/hasCar", true);
    await form.settled();
    expect(ids(form.steps())).toEqual(["about", "vehicle", "fuelStep", "other"]);
    expect(form.field("/car").visible).toBe(true);
    form.set("/car/plate", "29A-12345");
    await form.settled();
    expect((await form.validate()).map((e) => e.pointer)).toEqual([]);
    form.set("/hasCar", false);
    await form.settled();
    expect(ids(form.steps())).toEqual(["about", "other"]);
    expect(form.field("/car").visible).toBe(false);
    expect(form.get("/car")).toBeUndefined();
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.envelope.data).toEqual({ status: "single", hasCar: false });
    form.set("/hasCar", true);
    await form.settled();
    expect(form.get("/car")).toEqual({ plate: "29A-12345" });
  });

  it("asks for the required fields of a shown step only", async () => {
    const form = createForm(await load());
    form.set("/status", "single");
    form.set("/hasCar", true);
    await form.settled();
    expect((await form.validate()).map((e) => `${e.pointer} ${e.keyword}`)).toEqual(["/car/plate required"]);
  });

  it("are refused by the back end when a hidden step's fields are submitted", async () => {
    const procedure = await load();
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: "vn.test.form", version: "1.0.0" },
      data: { status: "single", hasCar: false, car: { plate: "29A-12345" } },
      provenance: { "/status": { source: "user" }, "/hasCar": { source: "user" }, "/car/plate": { source: "user" } },
      attachments: [],
      locale: "vi",
      submittedAt: "2026-12-07T00:00:00.000Z",
    };
    const result = await validateSubmission(procedure, envelope);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => `${e.pointer} ${e.keyword}`)).toEqual(["/car x-visible"]);
  });
});

describe("exit pages", () => {
  it("end the steps when their condition holds, and nothing can be submitted", async () => {
    const form = createForm(await load());
    form.set("/status", "married");
    form.set("/hasCar", true);
    await form.settled();
    expect(ids(form.steps())).toEqual(["about", "married"]);
    expect(form.exit?.id).toBe("married");
    const result = await form.submission();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ pointer: "", keyword: "x-exit", message: "Không thể nộp hồ sơ này: Bạn đã kết hôn", params: { step: "married" } });
    form.set("/status", "single");
    await form.settled();
    expect(form.exit).toBeUndefined();
    expect(ids(form.steps())).toEqual(["about", "vehicle", "fuelStep", "other"]);
  });

  it("are translated in the error, and the back end refuses an envelope an exit page applies to", async () => {
    const procedure = await loadProcedure(doc(schema as never, { steps, i18n: { en: { steps: { married: { title: "You are married" } } } } }));
    const envelope = {
      id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10",
      procedure: { id: "vn.test.form", version: "1.0.0" },
      data: { status: "married", hasCar: false },
      provenance: { "/status": { source: "user" }, "/hasCar": { source: "user" } },
      attachments: [],
      locale: "en",
      submittedAt: "2026-12-07T00:00:00.000Z",
    };
    const result = await validateSubmission(procedure, envelope, { locale: "en" });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ pointer: "", keyword: "x-exit", message: "This application cannot be submitted: You are married", params: { step: "married" } }]);
  });

  it("may follow from verified data: an exit that holds from the start", async () => {
    const procedure = await loadProcedure(
      doc(
        { type: "object", properties: { fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true } } },
        {
          sources: { citizen: citizenSource },
          steps: [
            { id: "you", title: "Bạn", fields: ["/fullName"] },
            { id: "no", kind: "exit", title: "Không được", body: "…", "x-visible": "$citizen.personalId = '000000000000'" },
          ],
        },
      ),
    );
    const form = createForm(procedure, { context: { citizen: { fullName: "A", personalId: "000000000000" } } });
    await form.settled();
    expect(ids(form.steps())).toEqual(["you", "no"]);
  });
});

describe("loading steps", () => {
  const problems = async (list: unknown[]) => {
    try {
      await loadProcedure(doc(schema as never, { steps: list }));
    } catch (error) {
      if (error instanceof ProcedureError) return error.problems.map((p) => `${p.pointer} ${p.code}`);
      throw error;
    }
    return [];
  };

  it("reports an exit page without a condition, an unsafe link, and a bad condition, where they are", async () => {
    expect(await problems([{ id: "a", title: "A", fields: ["/status"] }, { id: "x", kind: "exit", title: "X", body: "…" }])).toContain("/steps/1 exit-without-condition");
    expect(
      await problems([{ id: "a", title: "A", fields: ["/status"] }, { id: "x", kind: "exit", title: "X", body: "…", "x-visible": "true", link: { href: " javascript:alert(1)", text: "go" } }]),
    ).toContain("/steps/1/link/href unsafe-link");
    const bad = await problems([{ id: "a", title: "A", fields: ["/status"], "x-visible": "nosuch = 1" }]);
    expect(bad).toContain("/steps/0/x-visible unknown-path");
    expect(await problems([{ id: "x", kind: "exit", title: "X", body: "…", "x-visible": "true", fields: ["/status"] }])).toContain("/steps/0/fields document");
  });

  it("tells safe links from unsafe ones", () => {
    for (const href of ["https://dichvucong.gov.vn/p/home", "/thu-tuc", "thu-tuc.html", "#top", "mailto:hotro@gov.vn", "?q=1"]) expect(isSafeHref(href)).toBe(true);
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)", "data:text/html,x", "vbscript:x"]) expect(isSafeHref(href)).toBe(false);
  });
});

describe("drafts of a task list", () => {
  it("remember the completed steps; a salvaged draft keeps only this procedure's step ids", async () => {
    const procedure = await load();
    const form = createForm(procedure);
    form.set("/status", "single");
    await form.settled();
    const draft = form.draft("vehicle", ["about"]);
    expect(draft.completed).toEqual(["about"]);
    expect(salvageDraft(procedure, { ...draft, completed: ["about", "gone", 3] })?.draft.completed).toEqual(["about"]);
  });
});
