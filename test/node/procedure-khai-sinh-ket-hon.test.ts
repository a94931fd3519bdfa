// The birth and marriage registration examples (examples/procedures/dang-ky-khai-sinh.json and
// dang-ky-ket-hon.json) end to end, for each persona of examples/data/personas: load → prefill →
// the answers a citizen types (test/e2e/answers/) → submission → back-end validation. Plus the rules
// of each procedure, with their localised messages, and the exit pages of the marriage registration
// (a married applicant, a married or foreign second party): shown in place of the remaining steps,
// after the step whose data decides them, and nothing can be submitted. The marriage registration
// finds the second party with a lookup in the population register, answered as the example server
// answers it (examples/server/registers.mjs over examples/data/registers): her record only when she
// agreed to share it with the applicant, verified, and checked again by the back end.
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission, type Form, type FormContext, type Locale, type Procedure, type SubmissionEnvelope } from "@tokhai/core";
import {
  answersOf,
  type ExampleLookups,
  fillAnswers as fill,
  PERSONA_NAMES as personaNames,
  personaContext as contextOf,
  personIn,
  readJson as read,
  registerLookups,
  TEST_BUDGET,
  type Json,
} from "./examples.js";

const now = () => new Date("2026-11-22T08:00:00.000Z");

const PROCEDURES = {
  "dang-ky-khai-sinh": { id: "vn.ho-tich.dang-ky-khai-sinh", sources: ["citizen", "household", "catalog"], lookups: [] },
  "dang-ky-ket-hon": { id: "vn.ho-tich.dang-ky-ket-hon", sources: ["citizen", "catalog"], lookups: ["otherParty"] },
} as const;
type Name = keyof typeof PROCEDURES;

const documentOf = (name: Name): Json => read(`examples/procedures/${name}.json`);
const loaded = new Map<Name, Promise<Procedure>>();
const procedureOf = (name: Name): Promise<Procedure> => {
  let p = loaded.get(name);
  if (!p) loaded.set(name, (p = loadProcedure(documentOf(name), { budget: TEST_BUDGET })));
  return p;
};

/** The example registers' lookups for the citizen of `context`. */
const lookupsOf = (context: FormContext): ExampleLookups => registerLookups((context as Json).citizen?.personalId);

/** A form for `context`, its lookups answered by the example registers (or by `lookups`). */
async function open(name: Name, context: FormContext, locale: Locale = "vi", lookups: ExampleLookups = lookupsOf(context)): Promise<Form> {
  const form = createForm(await procedureOf(name), { context, locale, now, ...lookups });
  await form.settled();
  return form;
}

/** Errors as [pointer, message] pairs, for readable failures. */
const pairs = (errors: readonly { pointer: string; message: string }[]) => errors.map((e) => [e.pointer, e.message]);

/** The ids of the steps the citizen goes through now. */
const stepIds = (form: Form) => form.steps().map((s) => s.id);

/** The error of an exit page that applies, as core words it, in each language. */
const exitError = (document: Json, id: string, locale: Locale) => ({
  pointer: "",
  keyword: "x-exit",
  message: locale === "en" ? `This application cannot be submitted: ${document.i18n.en.steps[id].title}` : `Không thể nộp hồ sơ này: ${document.steps.find((s: Json) => s.id === id).title}`,
  params: { step: id },
});

/**
 * What a client that ignores the exit page would send: the form's answers (its draft) as an envelope,
 * through JSON as the back end receives it.
 */
function envelopeIgnoringExit(form: Form, locale: Locale): SubmissionEnvelope {
  const { procedure, data, provenance } = form.draft();
  return JSON.parse(JSON.stringify({ id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10", procedure, data, provenance, attachments: [], locale, submittedAt: now().toISOString() }));
}

describe.each(Object.keys(PROCEDURES) as Name[])("%s", (name) => {
  const { id, sources, lookups } = PROCEDURES[name];

  // Its source schemas (inline and example) are checked with every procedure's, in example-procedures.test.ts.
  it("loads, with the sources and lookups it declares", async () => {
    const procedure = await procedureOf(name);
    expect(procedure.id).toBe(id);
    expect(procedure.version).toBe("1.0.0");
    expect(Object.keys(documentOf(name).sources)).toEqual(sources);
    expect(procedure.lookupNames).toEqual(lookups);
  });

  it("has answers for every persona, and its sample persona answers", () => {
    const file = answersOf(name);
    expect(Object.keys(file.personas).sort()).toEqual(personaNames);
    expect(file.personas[file.samplePersona]?.answers).toBeDefined();
  });

  it("has an English text for every field, step, exit page and rule", () => {
    const document = documentOf(name);
    const en = document.i18n.en;
    expect(en.title).toEqual(expect.any(String));
    for (const step of document.steps) {
      expect(en.steps[step.id]?.title, step.id).toEqual(expect.any(String));
      if (step.description) expect(en.steps[step.id].description, `${step.id} description`).toEqual(expect.any(String));
      if (step.kind === "exit") {
        expect(en.steps[step.id].body, `${step.id} body`).toEqual(expect.any(String));
        if (step.link) expect(en.steps[step.id].linkText, `${step.id} link`).toEqual(expect.any(String));
      }
    }
    const missing: string[] = [];
    (function walk(node: Json, pointer: string) {
      if (pointer !== "") {
        const texts = en[pointer];
        if (node.title && !texts?.title) missing.push(`${pointer} title`);
        if (node.description && !texts?.description) missing.push(`${pointer} description`);
        for (const option of node.oneOf ?? []) if (!texts?.enum?.[option.const]) missing.push(`${pointer} enum ${option.const}`);
      }
      (node["x-rules"] ?? []).forEach((rule: Json, i: number) => {
        if (typeof rule.message?.vi !== "string" || typeof rule.message?.en !== "string") missing.push(`${pointer} rule ${i}`);
      });
      for (const [key, child] of Object.entries((node.properties ?? {}) as Json)) {
        if (node["x-widget"] !== "file") walk(child, `${pointer}/${key}`);
      }
    })(document.schema, "");
    expect(missing).toEqual([]);
  });
});

describe.each(Object.keys(PROCEDURES) as Name[])("%s with each persona", (name) => {
  const file = answersOf(name);

  it.each(personaNames.filter((p) => file.personas[p]?.answers && !file.personas[p]?.exit))(
    "%s types the answers and submits; the back end accepts it and refuses tampering",
    async (p) => {
      const procedure = await procedureOf(name);
      const context = contextOf(p);
      const { lookup } = lookupsOf(context);
      const citizen = (context as Json).citizen;
      const form = await open(name, context);

      // Identity: prefilled from the population database and verified.
      const identity = name === "dang-ky-khai-sinh" ? "/applicant" : "/party1";
      expect(form.field(`${identity}/fullName`)).toMatchObject({ value: citizen.fullName, locked: true });
      expect(form.field(`${identity}/personalId`)).toMatchObject({ value: citizen.personalId, locked: true });
      expect(form.field(`${identity}/residence/commune`)).toMatchObject({ value: citizen.permanentAddress.communeCode, locked: true });

      const answers = file.personas[p]!.answers!;
      // Nothing the citizen types is prefilled.
      for (const pointer of Object.keys(answers)) {
        const state = form.field(pointer);
        expect(state.provenance && "path" in state.provenance ? pointer : undefined, `${pointer} is prefilled`).toBeUndefined();
        expect(state.readonly, `${pointer} is read-only`).toBe(false);
      }
      await fill(form, answers);
      // No exit page applies: every step with questions is gone through.
      expect(form.exit).toBeUndefined();
      expect(stepIds(form)).toEqual(documentOf(name).steps.filter((s: Json) => s.kind !== "exit").map((s: Json) => s.id));

      const result = await form.submission();
      expect(result.ok ? [] : pairs(result.errors)).toEqual([]);
      if (!result.ok) return;
      const envelope = result.envelope;
      expect(envelope.procedure).toEqual({ id: PROCEDURES[name].id, version: "1.0.0" });
      expect(envelope.provenance[`${identity}/fullName`]).toEqual({ source: "citizen", path: "fullName", locked: true, edited: false });
      for (const pointer of Object.keys(answers)) {
        if (pointer.startsWith("/documents/")) continue;
        expect(envelope.provenance[pointer], pointer).toEqual({ source: "user" });
      }
      // The other party, found by the personal id typed: verified, with the input it was found for.
      if (name === "dang-ky-ket-hon") {
        expect(envelope.provenance["/party2/fullName"]).toEqual({ source: "otherParty", path: "fullName", locked: true, edited: false, input: answers["/party2/personalId"] });
      }
      const files = Object.entries(answers).filter(([, v]) => v && typeof v === "object");
      expect(envelope.attachments).toEqual(files.map(([pointer, v]) => ({ pointer, ...(v as object), size: 1234 })));

      // The back end re-validates it, through JSON, and catches a changed verified value.
      const received = JSON.parse(JSON.stringify(envelope));
      expect(await validateSubmission(procedure, received, { context, now, lookup })).toEqual({ valid: true, errors: [] });
      const tampered = structuredClone(received);
      tampered.data[identity.slice(1)].fullName = "Nguyễn Văn Bê";
      const refused = await validateSubmission(procedure, tampered, { context, now, lookup });
      expect(refused.valid).toBe(false);
      expect(refused.errors.map((e) => [e.pointer, e.keyword])).toEqual([[`${identity}/fullName`, "x-lock"]]);
    },
  );

  it.each(personaNames.filter((p) => file.personas[p]?.exit))("%s is shown the exit page after the step that decides it, and cannot submit", async (p) => {
    const document = documentOf(name);
    const { step: id } = file.personas[p]!.exit!;
    const at = document.steps.findIndex((s: Json) => s.id === id);
    expect(document.steps[at]?.kind, `${id} is an exit page`).toBe("exit");
    for (const locale of ["vi", "en"] as const) {
      const form = await open(name, contextOf(p), locale);
      await fill(form, file.personas[p]!.answers ?? {});
      // The steps before it, then the exit page in place of the rest.
      const before = stepIds(form).slice(0, -1);
      expect(stepIds(form).at(-1)).toBe(id);
      expect(form.exit?.id).toBe(id);
      expect(before.every((s) => document.steps.findIndex((d: Json) => d.id === s) < at)).toBe(true);
      // Nothing to correct on those steps: Continue leads to the exit page, not to a field error.
      for (const s of before) expect(pairs(await form.validate(document.steps.find((d: Json) => d.id === s).fields)), s).toEqual([]);
      const result = await form.submission();
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toEqual(exitError(document, id, locale));
    }
  });
});

/** The first error at `pointer`, after a validation of the whole form. */
async function errorAt(form: Form, pointer: string): Promise<string | undefined> {
  const errors = await form.validate();
  return errors.find((e) => e.pointer === pointer && e.keyword === "x-rules")?.message;
}

describe("đăng ký khai sinh: prefill and rules", () => {
  const name = "dang-ky-khai-sinh";
  const an = answersOf(name).personas["nguyen-van-an"]!.answers!;

  it("fills the father from the citizen and the mother from the spouse and the household, all verified", async () => {
    const form = await open(name, contextOf("nguyen-van-an"));
    expect(form.get("/applicant/relation")).toBe("cha");
    expect(form.field("/fatherKnown")).toMatchObject({ value: true, locked: true });
    expect(form.field("/father/fullName")).toMatchObject({ value: "Nguyễn Văn An", locked: true });
    expect(form.field("/mother/fullName")).toMatchObject({ value: "Trần Thị Bình", locked: true });
    expect(form.field("/mother/personalId")).toMatchObject({ value: "079192004567", locked: true });
    expect(form.field("/mother/birthDate")).toMatchObject({ value: "1992-08-21", locked: true });
    expect(form.field("/mother/ethnicity")).toMatchObject({ value: "Kinh", locked: true });
    expect(form.field("/mother/residence/detail")).toMatchObject({ value: "Số 12 đường Lê Thánh Tôn", locked: true });
    expect(form.field("/mother/residence/commune").options!.map((o) => o.label)).toContain("Phường Bến Thành");
    expect(form.get("/parentsMarried")).toBe(true);
    expect(form.field("/documents/paternityEvidence").visible).toBe(false);
    expect(form.field("/child/ethnicity")).toMatchObject({ value: "Kinh", locked: false });
    expect(form.field("/child/hometown")).toMatchObject({ value: "Xã Sóc Sơn, Thành phố Hà Nội", locked: false });
    expect(form.get("/child/nationality")).toBe("Việt Nam");
    expect(form.field("/registration/commune")).toMatchObject({ value: "26743", locked: false });
    await fill(form, an);
    expect(form.get("/onTime")).toBe(true);
    expect(form.get("/fee")).toBe(0);
    form.set("/certificateCopies", 2);
    await form.settled();
    expect(form.get("/fee")).toBe(16000);
  });

  it("makes the mother the citizen for a woman; the father stays hidden until she says he is known", async () => {
    const form = await open(name, contextOf("le-thi-mai"));
    expect(form.get("/applicant/relation")).toBe("me");
    expect(form.field("/mother/fullName")).toMatchObject({ value: "Lê Thị Mai", locked: true });
    expect(form.field("/fatherKnown")).toMatchObject({ value: undefined, locked: false });
    expect(form.field("/father").visible).toBe(false);
    const { "/fatherKnown": _known, ...rest } = answersOf(name).personas["le-thi-mai"]!.answers!;
    const withoutFather = Object.fromEntries(Object.entries(rest).filter(([p]) => !p.startsWith("/father/") && p !== "/documents/paternityEvidence"));
    await fill(form, withoutFather);
    const result = await form.submission();
    expect(result.ok ? [] : pairs(result.errors)).toEqual([]);
    if (result.ok) expect(result.envelope.data).not.toHaveProperty("father");
  });

  it("refuses a birth date in the future, in Vietnamese and English", async () => {
    for (const [locale, message] of [
      ["vi", "Ngày sinh của trẻ không được sau ngày hôm nay."],
      ["en", "The child's date of birth cannot be later than today."],
    ] as const) {
      const form = await open(name, contextOf("nguyen-van-an"), locale);
      await fill(form, { ...an, "/child/birthDate": "2026-11-23" });
      expect(await errorAt(form, "/child/birthDate")).toBe(message);
      form.set("/child/birthDate", "2026-11-22");
      await form.settled();
      expect(await errorAt(form, "/child/birthDate")).toBeUndefined();
    }
  });

  it("refuses a child born before a parent", async () => {
    const form = await open(name, contextOf("pham-quoc-huy"));
    await fill(form, { ...answersOf(name).personas["pham-quoc-huy"]!.answers!, "/mother/birthDate": "2026-11-20" });
    expect(await errorAt(form, "/child/birthDate")).toBe("Ngày sinh của trẻ phải sau ngày sinh của cha và của mẹ.");
  });

  it("refuses the same person as father and mother, an ethnicity of neither parent, a foreign parent and a registration office elsewhere", async () => {
    const form = await open(name, contextOf("pham-quoc-huy"), "en");
    await fill(form, {
      ...answersOf(name).personas["pham-quoc-huy"]!.answers!,
      "/mother/personalId": "040095006137",
      "/mother/nationality": "Lào",
      "/child/ethnicity": "Tày",
      "/registration/province": "79",
      "/registration/commune": "26740",
    });
    expect(await errorAt(form, "/mother/personalId")).toBe("The mother's personal identification number must differ from the father's.");
    expect(await errorAt(form, "/mother/nationality")).toMatch(/^This form is for a child whose parents are Vietnamese citizens/);
    expect(await errorAt(form, "/child/ethnicity")).toBe("The child's ethnicity must be the father's or the mother's.");
    expect(await errorAt(form, "/registration/commune")).toBe("Choose the commune where the father or the mother resides.");
  });

  it("charges the late-registration fee after 60 days", async () => {
    const form = await open(name, contextOf("nguyen-van-an"));
    await fill(form, { ...an, "/child/birthDate": "2026-08-01" });
    expect(form.get("/onTime")).toBe(false);
    expect(form.get("/fee")).toBe(8000);
  });
});


describe("đăng ký kết hôn: the other party found in the population register, and the rules", () => {
  const name = "dang-ky-ket-hon";
  const huy = answersOf(name).personas["pham-quoc-huy"]!.answers!;
  const HUY = "040095006137";
  const MAI = "048198004521";
  const AN = "001090012345";
  const consent = (personalId: string, sharesWith: string) => ({ personalId, sharesWith, procedure: "vn.ho-tich.dang-ky-ket-hon", consentedAt: "2026-11-21T10:00:00+07:00" });
  /** Pham Quoc Huy's form, the registers changed by `change` first. */
  const huyWith = (change: Parameters<typeof registerLookups>[1], locale: Locale = "vi") => open(name, contextOf("pham-quoc-huy"), locale, registerLookups(HUY, change));

  it("finds the second party once her whole personal id is typed, and shows her record as verified", async () => {
    const calls: unknown[] = [];
    const { lookup } = registerLookups(HUY);
    const form = await open(name, contextOf("pham-quoc-huy"), "vi", { lookup: (n, input, o) => (calls.push(input), lookup(n, input, o)), lookupDelay: 0 });
    expect(form.exit).toBeUndefined();
    expect(form.field("/party1/maritalStatus")).toMatchObject({ value: "single", locked: true });
    expect(form.field("/party1/marriageOrder")).toMatchObject({ value: 1, locked: true });
    expect(form.field("/party1/phone")).toMatchObject({ value: undefined, locked: false });
    // Before her id: only the field to type it is shown.
    expect(form.field("/party2/fullName").visible).toBe(false);
    expect(form.field("/party2/residence").visible).toBe(false);
    // A half-typed id, or the applicant's own, is looked up nowhere.
    for (const partial of ["0481", "04819800452", "0481980045210", "04819800452x", HUY]) {
      form.set("/party2/personalId", partial);
      await form.settled();
      expect(form.lookup("otherParty")?.status, partial).toBe("idle");
    }
    expect(calls).toEqual([]);
    form.set("/party2/personalId", MAI);
    await form.settled();
    expect(calls).toEqual([MAI]);
    expect(form.lookup("otherParty")).toMatchObject({ status: "found", input: MAI });
    expect(form.field("/party2/personalId").lookups).toEqual([{ name: "otherParty", role: "input", status: "found" }]);
    expect(form.field("/party2/fullName")).toMatchObject({ value: "Lê Thị Mai", locked: true, readonly: true, visible: true });
    expect(form.field("/party2/fullName").provenance).toEqual({ source: "otherParty", path: "fullName", locked: true, edited: false, input: MAI });
    expect(form.get("/party2")).toEqual({
      personalId: MAI,
      consentedOn: "2026-11-20",
      fullName: "Lê Thị Mai",
      birthDate: "1998-04-17",
      sex: "F",
      ethnicity: "Kinh",
      nationality: "Việt Nam",
      residence: { province: "48", commune: "20242", detail: "Số 27 đường Trần Phú" },
      maritalStatus: "single",
      marriageOrder: 1,
    });
    for (const pointer of ["/party2/consentedOn", "/party2/birthDate", "/party2/sex", "/party2/ethnicity", "/party2/nationality", "/party2/residence/commune", "/party2/maritalStatus"]) {
      expect(form.field(pointer), pointer).toMatchObject({ locked: true, readonly: true });
    }
    expect(form.field("/party2/residence/commune").options!.find((o) => o.value === "20242")?.label).toBe("Phường Hải Châu");
    expect(form.field("/party2/marriageOrderStated").visible).toBe(false);
    // Her temporary residence is a place of registration too.
    form.set("/registration/province", "79");
    await form.settled();
    form.set("/registration/commune", "26824");
    await form.settled();
    expect(await errorAt(form, "/registration/commune")).toBeUndefined();
    form.set("/registration/commune", "26740");
    await form.settled();
    expect(await errorAt(form, "/registration/commune")).toBe("Chọn xã, phường, đặc khu nơi thường trú hoặc tạm trú của một trong hai bên.");
    // Another id: what was found goes, nothing of hers is left.
    form.set("/party2/personalId", "001197013482");
    await form.settled();
    expect(form.get("/party2")).toEqual({ personalId: "001197013482" });
    expect(form.field("/party2/fullName")).toMatchObject({ visible: false, locked: false });
  });

  it("refuses the citizen's own personal id as the second party's", async () => {
    for (const [locale, message] of [
      ["vi", "Hai bên kết hôn phải là hai người khác nhau: số định danh của bên thứ hai trùng với số định danh của người nộp tờ khai."],
      ["en", "The two parties must be two different people: the second party's personal identification number is the applicant's."],
    ] as const) {
      const form = await open(name, contextOf("pham-quoc-huy"), locale);
      await fill(form, { ...huy, "/party2/personalId": HUY });
      const errors = await form.validate(["/party2"]);
      expect(pairs(errors)).toEqual([["/party2/personalId", message]]);
    }
  });

  it("finds no one for an id no one shared, nor for a person who did not consent to share with this citizen: said at the id, and refused", async () => {
    // 001197013482: no such person; Nguyễn Văn An: on record, but he shared nothing with Phạm Quốc Huy.
    for (const id of ["001197013482", AN]) {
      const form = await open(name, contextOf("pham-quoc-huy"), "en");
      await fill(form, { ...huy, "/party2/personalId": id });
      expect(form.lookup("otherParty")?.status, id).toBe("not-found");
      expect(form.field("/party2/personalId").lookups, id).toEqual([
        { name: "otherParty", role: "input", status: "not-found", message: "No record was found for this personal identification number among the people who have agreed to share their data with you." },
      ]);
      expect(form.field("/party2/fullName").visible, id).toBe(false);
      expect(await errorAt(form, "/party2/personalId"), id).toBe(
        "The other party has not agreed to share their data with you, or the number is wrong: check the number, or ask them to agree to share it in the VNeID app, then try again.",
      );
      expect((await form.submission()).ok, id).toBe(false);
    }
    // Huy's own record is shared with Lê Thị Mai only: Nguyễn Văn An does not find him.
    const an = await open(name, contextOf("nguyen-van-an", (p) => (p.citizen.maritalStatus = "single")));
    an.set("/party2/personalId", HUY);
    await an.settled();
    expect(an.lookup("otherParty")?.status).toBe("not-found");
    const mai = await open(name, contextOf("le-thi-mai"));
    mai.set("/party2/personalId", HUY);
    await mai.settled();
    expect(mai.get("/party2/fullName")).toBe("Phạm Quốc Huy");
  });

  it("refuses an underage party: a woman under 18, a man under 20", async () => {
    const form = await huyWith((r) => (personIn(r, MAI).birthDate = "2008-11-23"));
    await fill(form, huy);
    const message = "Chưa đủ tuổi kết hôn: nam phải từ đủ 20 tuổi, nữ phải từ đủ 18 tuổi trở lên (Luật Hôn nhân và gia đình năm 2014, Điều 8).";
    expect(await errorAt(form, "/party2/birthDate")).toBe(message);
    // Eighteen on the day: old enough.
    const eighteen = await huyWith((r) => (personIn(r, MAI).birthDate = "2008-11-22"));
    await fill(eighteen, huy);
    expect(await errorAt(eighteen, "/party2/birthDate")).toBeUndefined();
    // A man of 19 is not.
    const boy = await open(name, contextOf("pham-quoc-huy", (p) => (p.citizen.birthDate = "2007-03-01")), "en");
    await fill(boy, huy);
    expect(await errorAt(boy, "/party1/birthDate")).toBe(
      "Under the age of marriage: a man must be at least 20 years old and a woman at least 18 (Law on Marriage and Family 2014, article 8).",
    );
    expect((await boy.submission()).ok).toBe(false);
  });

  it("shows a married applicant the exit page after the first step, and the back end refuses their application", async () => {
    const document = documentOf(name);
    // Nguyễn Văn An is married; give him Lê Thị Mai's consent, so that everything else could be filled in.
    const context = contextOf("nguyen-van-an");
    const lookups = registerLookups(AN, (r) => r.consents.consents.push(consent(MAI, AN)));
    for (const locale of ["vi", "en"] as const) {
      const form = await open(name, context, locale, lookups);
      expect(form.field("/party1/maritalStatus")).toMatchObject({ value: "married", locked: true });
      // No marriage number is asked of him: the first step has nothing to correct.
      expect(form.field("/party1/marriageOrder").visible).toBe(false);
      expect(await form.validate(["/party1"])).toEqual([]);
      expect(stepIds(form)).toEqual(["party1", "party1-married"]);
      expect(form.exit?.id).toBe("party1-married");
      await fill(form, huy);
      expect(form.get("/party2/fullName")).toBe("Lê Thị Mai");
      expect(stepIds(form)).toEqual(["party1", "party1-married"]);
      // The exit page is the only reason.
      const result = await form.submission();
      expect(result.ok ? [] : result.errors).toEqual([exitError(document, "party1-married", locale)]);
      expect(await validateSubmission(await procedureOf(name), envelopeIgnoringExit(form, locale), { context, now, locale, lookup: lookups.lookup })).toEqual({
        valid: false,
        errors: [exitError(document, "party1-married", locale)],
      });
    }
  });

  it("shows the exit page after the second party's step when the other party is married or not a Vietnamese national; another person's number takes it away", async () => {
    const document = documentOf(name);
    const procedure = await procedureOf(name);
    const context = contextOf("pham-quoc-huy");
    for (const [change, id] of [
      [(other: Json) => (other.maritalStatus = "married"), "party2-married"],
      [(other: Json) => (other.nationality = "Hàn Quốc"), "party2-foreign"],
    ] as const) {
      // Lê Thị Mai's record, changed, under another number, shared with him; her own record stays as it is.
      const lookups = registerLookups(HUY, (r) => {
        const other = { ...structuredClone(personIn(r, MAI)), personalId: "048198009999" };
        change(other);
        r.population.persons.push(other);
        r.consents.consents.push(consent("048198009999", HUY));
      });
      for (const locale of ["vi", "en"] as const) {
        const form = await open(name, context, locale, lookups);
        expect(stepIds(form)).toEqual(["party1", "party2", "registration", "fee"]);
        await fill(form, { ...huy, "/party2/personalId": "048198009999" });
        expect(stepIds(form), id).toEqual(["party1", "party2", id]);
        expect(form.exit?.id).toBe(id);
        expect(await form.validate(["/party2"])).toEqual([]);
        const result = await form.submission();
        expect(result.ok ? [] : result.errors).toEqual([exitError(document, id, locale)]);
        expect(await validateSubmission(procedure, envelopeIgnoringExit(form, locale), { context, now, locale, lookup: lookups.lookup })).toEqual({ valid: false, errors: [exitError(document, id, locale)] });
        // Back, and the number of the person meant: the exit page goes, and the application can be submitted.
        form.set("/party2/personalId", MAI);
        await form.settled();
        expect(form.exit).toBeUndefined();
        expect(stepIds(form)).toEqual(["party1", "party2", "registration", "fee"]);
        expect((await form.submission()).ok).toBe(true);
      }
    }
  });

  it("refuses a second party of the same sex on the field", async () => {
    const sameSex = await huyWith((r) => (personIn(r, MAI).sex = "M"));
    await fill(sameSex, huy);
    expect(await errorAt(sameSex, "/party2/sex")).toBe("Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính (Luật Hôn nhân và gia đình năm 2014, Điều 8).");
    expect(sameSex.exit).toBeUndefined();
  });

  it("asks a divorced second party which marriage this is", async () => {
    const divorced = (r: Parameters<NonNullable<Parameters<typeof registerLookups>[1]>>[0]) => (personIn(r, MAI).maritalStatus = "divorced");
    const form = await huyWith(divorced);
    await fill(form, huy);
    expect(form.field("/party2/maritalStatus")).toMatchObject({ value: "divorced", locked: true });
    expect(form.field("/party2/marriageOrder").visible).toBe(false);
    expect(form.field("/party2/marriageOrderStated")).toMatchObject({ visible: true, required: true });
    expect((await form.validate()).map((e) => [e.pointer, e.keyword])).toEqual([["/party2/marriageOrderStated", "required"]]);
    form.set("/party2/marriageOrderStated", 2);
    const result = await form.submission();
    expect(result.ok).toBe(true);
    const context = contextOf("pham-quoc-huy");
    const { lookup } = registerLookups(HUY, divorced);
    if (result.ok) {
      const received = JSON.parse(JSON.stringify(result.envelope));
      expect(await validateSubmission(await procedureOf(name), received, { context, now, lookup })).toEqual({ valid: true, errors: [] });
      // The register's data cannot be changed on the way.
      received.data.party2.fullName = "Lê Thị Hoa";
      const refused = await validateSubmission(await procedureOf(name), received, { context, now, lookup });
      expect(refused.errors.map((e) => [e.pointer, e.keyword])).toEqual([["/party2/fullName", "x-lock"]]);
    }
  });

  it("the back end looks the other party up again in its own register, for the citizen signed in, and fails closed", async () => {
    const procedure = await procedureOf(name);
    const context = contextOf("pham-quoc-huy");
    const form = await open(name, context);
    await fill(form, huy);
    const result = await form.submission();
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const received = JSON.parse(JSON.stringify(result.envelope));
    const check = (lookup: ExampleLookups["lookup"] | undefined, envelope: unknown = received) => validateSubmission(procedure, envelope, { context, now, ...(lookup ? { lookup } : {}) });
    expect(await check(registerLookups(HUY).lookup)).toEqual({ valid: true, errors: [] });
    // Someone she did not share her record with, sending the same envelope: nothing of hers may be claimed.
    const stranger = await check(registerLookups(AN).lookup);
    expect(stranger.valid).toBe(false);
    expect(stranger.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/fullName", keyword: "x-lock" }));
    // Her record changed in the register since the form found it.
    const renamed = await check(registerLookups(HUY, (r) => (personIn(r, MAI).fullName = "Lê Thị Mai Anh")).lookup);
    expect(renamed.errors.map((e) => [e.pointer, e.keyword])).toEqual([["/party2/fullName", "x-lock"]]);
    // Another person forged in as the other party: Nguyễn Văn An's id with Lê Thị Mai's record.
    const forged = structuredClone(received);
    forged.data.party2.personalId = AN;
    for (const claim of Object.values<Json>(forged.provenance)) if (claim.source === "otherParty") claim.input = AN;
    const swapped = await check(registerLookups(HUY).lookup, forged);
    expect(swapped.valid).toBe(false);
    expect(swapped.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/personalId", keyword: "x-rules" }));
    // No register, or one that fails: the envelope cannot be verified, at the id.
    for (const lookup of [undefined, async () => Promise.reject(new Error("ECONNREFUSED"))]) {
      const failed = await check(lookup);
      expect(failed.valid).toBe(false);
      expect(failed.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/personalId", keyword: "cannot-verify", params: expect.objectContaining({ keyword: "lookup" }) }));
    }
  });

  it("charges only the certified extracts", async () => {
    const form = await open(name, contextOf("le-thi-mai"));
    await fill(form, answersOf(name).personas["le-thi-mai"]!.answers!);
    expect(form.get("/fee")).toBe(0);
    form.set("/certificateCopies", 1);
    await form.settled();
    expect(form.get("/fee")).toBe(8000);
  });
});
