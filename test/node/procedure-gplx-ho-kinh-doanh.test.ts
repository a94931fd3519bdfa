// End to end on two example procedures, for each persona of examples/data/personas: driving licence
// exchange (cap-doi-giay-phep-lai-xe.json) and business household registration
// (dang-ky-ho-kinh-doanh.json). Load → prefill → type what test/e2e/answers/ lists → submission →
// validateSubmission through JSON, plus the rules, the computed fee and tampering; a citizen who already
// owns a business household is shown an exit page and cannot submit. The proposed business name is
// looked up in the business register as the example server answers it (examples/server/registers.mjs):
// a name already taken in the same commune is refused, in the form and by the back end.
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, validateSubmission, type Form, type Locale, type Procedure } from "@tokhai/core";
import {
  answersOf,
  fillAnswers as answer,
  lookupsFor,
  PERSONA_NAMES as PERSONAS,
  personaContext as contextOf,
  personaOf as persona,
  readJson as read,
  TEST_BUDGET,
  type ExampleLookups,
  type Json,
} from "./examples.js";
import { claimsInStep } from "../../packages/core/test/helpers.js";
import { signingFor } from "./signing.js";

type Text = { vi: string; en: string };

const now = () => new Date("2026-11-22T08:00:00.000Z");

/** A form for a persona, its lookups answered by the example registers (or by `lookups`). */
async function start(procedure: Procedure, name: string, locale: "vi" | "en" = "vi", lookups: ExampleLookups = lookupsFor(name)): Promise<Form> {
  const form = createForm(procedure, { context: contextOf(name), now, locale, ...lookups });
  await form.settled();
  expect(form.diagnostics, `run-time diagnostics for ${name}`).toEqual([]);
  return form;
}

/** Submits, checks the back end accepts the envelope after a JSON round trip, returns the received copy. */
async function submitAndVerify(procedure: Procedure, form: Form, name: string): Promise<Json> {
  const result = await form.submission();
  if (!result.ok) expect(result.errors.map((e) => `${e.pointer}: ${e.message}`)).toEqual([]);
  expect(result.ok).toBe(true);
  if (!result.ok) throw new Error("not submitted");
  // Signed by the citizen where the procedure requires it (the business household), as the portal does.
  const { sign, verifySignature } = await signingFor(procedure, name);
  const received = JSON.parse(JSON.stringify(await sign(result.envelope)));
  expect(await validateSubmission(procedure, received, { context: contextOf(name), now, lookup: lookupsFor(name).lookup, verifySignature })).toEqual({ valid: true, errors: [] });
  return received;
}

async function tampered(procedure: Procedure, received: Json, name: string, change: (data: Json) => void): Promise<[string, string][]> {
  const copy = structuredClone(received);
  change(copy.data);
  // Signed again by the citizen who changed it: what is refused is the change, not the signature.
  const { sign, verifySignature } = await signingFor(procedure, name);
  const result = await validateSubmission(procedure, await sign(claimsInStep(copy as { data: unknown; provenance: Json }) as never), { context: contextOf(name), now, lookup: lookupsFor(name).lookup, verifySignature });
  expect(result.valid).toBe(false);
  return result.errors.map((e) => [e.pointer, e.keyword]);
}

/** Every field, enum value, rule, step and exit page has its English text. */
function expectEnglish(document: Json, procedure: Procedure): void {
  const en = document.i18n.en;
  expect(en.title).toEqual(expect.any(String));
  expect(en.description).toEqual(expect.any(String));
  for (const step of document.steps) {
    expect(en.steps[step.id]?.title, `step ${step.id}`).toEqual(expect.any(String));
    if (step.description !== undefined) expect(en.steps[step.id].description, `description of step ${step.id}`).toEqual(expect.any(String));
    if (step.kind === "exit") {
      expect(en.steps[step.id].body, `body of exit page ${step.id}`).toEqual(expect.any(String));
      if (step.link) expect(en.steps[step.id].linkText, `link of exit page ${step.id}`).toEqual(expect.any(String));
    }
  }
  for (const field of procedure.fields) {
    // The whole form, and the name, type and size of an attachment's metadata, are not shown as fields.
    if (field.pointer === "" || field.parent?.schema["x-widget"] === "file") continue;
    const texts = en[field.pointer];
    expect(texts?.title, `title of ${field.pointer}`).toEqual(expect.any(String));
    if (field.schema.description !== undefined) expect(texts.description, `description of ${field.pointer}`).toEqual(expect.any(String));
    const oneOf = field.schema.oneOf as { const: string }[] | undefined;
    if (oneOf) expect(Object.keys(texts.enum ?? {}).sort(), `enum labels of ${field.pointer}`).toEqual(oneOf.map((o) => o.const).sort());
    const rules = field.schema["x-rules"] as { message: Text }[] | undefined;
    if (rules) {
      for (const rule of rules) expect(Object.keys(rule.message).sort()).toEqual(["en", "vi"]);
      expect(texts.rules, `rules of ${field.pointer}`).toEqual(rules.map((r) => r.message.en));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Cấp đổi giấy phép lái xe
// ---------------------------------------------------------------------------------------------------

describe("driving licence exchange (cấp đổi giấy phép lái xe)", () => {
  const document = read("examples/procedures/cap-doi-giay-phep-lai-xe.json");
  const answers = answersOf("cap-doi-giay-phep-lai-xe");
  const load = () => loadProcedure(document, { budget: TEST_BUDGET });

  it("has its id, version and English texts, and answers for every persona", async () => {
    const procedure = await load();
    expect([procedure.id, procedure.version]).toEqual(["vn.giao-thong.cap-doi-gplx", "1.0.0"]);
    expectEnglish(document, procedure);
    expect(answers.samplePersona).toBe("nguyen-van-an");
    expect(Object.keys(answers.personas).sort()).toEqual([...PERSONAS]);
  });


  it("nguyen-van-an: identity verified, the B2 licence chosen and described, the health check replaces the certificate", async () => {
    const procedure = await load();
    const form = await start(procedure, "nguyen-van-an");
    expect(form.field("/applicant/fullName")).toMatchObject({ value: "Nguyễn Văn An", locked: true });
    expect(form.field("/applicant/personalId")).toMatchObject({ value: "001090012345", locked: true });
    expect(form.field("/applicant/residence/commune")).toMatchObject({ value: "26743", locked: true });
    expect(form.field("/applicant/phone")).toMatchObject({ value: "0912345678", locked: false });
    // The licences on record, labelled for a person; the one expiring first is chosen for him.
    expect(form.field("/licence/choice").options).toEqual([
      { value: "010089004512", label: "A1 — 010089004512, không thời hạn" },
      { value: "790162031845", label: "B2 — 790162031845, hết hạn 08/12/2026" },
      { value: "other", label: "Giấy phép khác, chưa có trong cơ sở dữ liệu (tự khai)" },
    ]);
    expect(form.field("/licence/choice")).toMatchObject({ value: "790162031845", locked: false, provenance: { source: "drivingLicence", edited: false } });
    expect(form.get("/licence/recorded")).toEqual({
      number: "790162031845",
      class: "B2",
      issuedOn: "2016-12-08",
      expiresOn: "2026-12-08",
      issuedBy: "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    });
    expect(form.field("/licence/recorded/class")).toMatchObject({ computed: true, readonly: true });
    expect(form.field("/licence/declared").visible).toBe(false);
    // B2 becomes B (Luật Trật tự, an toàn giao thông đường bộ 2024).
    expect(form.get("/newLicence")).toEqual({ class: "B", restriction: "none" });
    // The health check of 10/11/2026 covers class B: its data replaces the attachment.
    expect(form.get("/health")).toEqual({
      method: "database",
      certificateNumber: "79-KSKLX-2026-048173",
      examinedOn: "2026-11-10",
      facility: "Phòng khám Đa khoa Tân Định",
    });
    expect(form.field("/health/certificateNumber")).toMatchObject({ visible: true, computed: true, readonly: true });
    expect(form.field("/health/certificateFile")).toMatchObject({ visible: false, required: false });
    expect(form.get("/office")).toBe("79");
    expect(form.get("/fee")).toBe(115000);

    // Only what is left to type.
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/reason", "/delivery/method", "/declaration"]);
    await answer(form, answers.personas["nguyen-van-an"]!.answers!);
    // By post: the delivery address is filled in from his residence, and editable.
    expect(form.field("/delivery/address/detail")).toMatchObject({ visible: true, value: "Số 12 đường Lê Thánh Tôn", locked: false });
    const received = await submitAndVerify(procedure, form, "nguyen-van-an");
    expect(received.attachments).toEqual([]);
    expect(received.provenance["/applicant/fullName"]).toEqual({ source: "citizen", path: "fullName", locked: true, edited: false });
    expect(received.provenance["/health/certificateNumber"]).toEqual({ source: "computed" });
    expect(received.data.health).not.toHaveProperty("certificateFile");

    // Tampering: the fee, a verified value, the health data.
    expect(
      await tampered(procedure, received, "nguyen-van-an", (d) => {
        d.fee = 0;
        d.applicant.fullName = "Nguyễn Văn Bê";
        d.health.certificateNumber = "79-KSKLX-2026-000001";
      }),
    ).toEqual([
      ["/applicant/fullName", "x-lock"],
      ["/health/certificateNumber", "x-compute"],
      ["/fee", "x-compute"],
    ]);
    // A file slipped in where the data replaces it is refused too.
    expect(
      await tampered(procedure, received, "nguyen-van-an", (d) => {
        d.health.certificateFile = { name: "x.pdf", type: "application/pdf", size: 1 };
      }),
    ).toEqual([["/health/certificateFile", "x-visible"]]);
  });

  it("le-thi-mai: her expired B2 is chosen; without a health check on record the certificate file is required", async () => {
    const procedure = await load();
    const form = await start(procedure, "le-thi-mai");
    expect(form.field("/applicant/fullName")).toMatchObject({ value: "Lê Thị Mai", locked: true });
    expect(form.get("/licence/choice")).toBe("480163025318");
    expect(form.field("/licence/choice").options![1]).toEqual({ value: "480163025318", label: "B2 — 480163025318, hết hạn 20/09/2026" });
    expect(form.get("/newLicence/class")).toBe("B");
    expect(form.get("/health/method")).toBe("file");
    expect(form.field("/health/certificateNumber").visible).toBe(false);
    expect(form.field("/health/certificateFile")).toMatchObject({ visible: true, required: true });
    // She lives in Hồ Chí Minh City for now: the office and the delivery address follow.
    expect(form.get("/office")).toBe("79");
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/reason", "/health/certificateFile", "/delivery/method", "/declaration"]);
    await answer(form, answers.personas["le-thi-mai"]!.answers!);
    const received = await submitAndVerify(procedure, form, "le-thi-mai");
    expect(received.attachments).toEqual([{ pointer: "/health/certificateFile", name: "giay-kham-suc-khoe.pdf", type: "application/pdf", size: 1234 }]);
    // The file is gone from the data while the envelope still lists it: refused on both counts.
    expect(await tampered(procedure, received, "le-thi-mai", (d) => delete d.health.certificateFile)).toEqual([
      ["/attachments", "envelope"],
      ["/health/certificateFile", "required"],
    ]);
  });

  it("pham-quoc-huy: no licence on record, so he declares it (editable) and uploads its photo and his health certificate", async () => {
    const procedure = await load();
    const form = await start(procedure, "pham-quoc-huy");
    expect(form.field("/applicant/fullName")).toMatchObject({ value: "Phạm Quốc Huy", locked: true });
    expect(form.field("/applicant/phone")).toMatchObject({ value: undefined, locked: false });
    expect(form.field("/licence/choice").visible).toBe(false);
    expect(form.field("/licence/recorded").visible).toBe(false);
    expect(form.field("/licence/declared/number")).toMatchObject({ visible: true, readonly: false, locked: false });
    expect(form.get("/office")).toBe("01");
    // A photo of the licence is asked for, unless the licence was lost.
    expect(form.field("/licence/declared/copy").required).toBe(true);
    form.set("/reason", "lost");
    await form.settled();
    expect(form.field("/licence/declared/copy").required).toBe(false);
    await answer(form, answers.personas["pham-quoc-huy"]!.answers!);
    expect(form.get("/newLicence/class")).toBe("B");
    expect(form.field("/health/certificateFile")).toMatchObject({ visible: true, required: true });
    const received = await submitAndVerify(procedure, form, "pham-quoc-huy");
    expect(received.attachments.map((a: Json) => a.pointer)).toEqual(["/licence/declared/copy", "/health/certificateFile"]);
    expect(received.provenance["/licence/declared/number"]).toEqual({ source: "user" });
    expect(await tampered(procedure, received, "pham-quoc-huy", (d) => (d.newLicence.class = "C1"))).toEqual([["/newLicence/class", "x-compute"]]);
  });

  it("computes the new class, the restriction and the health requirement from the licence, and checks the reason", async () => {
    const procedure = await load();
    const form = await start(procedure, "nguyen-van-an");
    // His A1 of 2008 becomes an A with the former A1's restriction, has no expiry, needs no health check.
    form.set("/licence/choice", "010089004512");
    form.set("/reason", "expired");
    await form.settled();
    expect(form.get("/newLicence")).toEqual({ class: "A", restriction: "a1" });
    // No health check for a licence without an expiry date: the health step is not shown, nor submitted.
    expect(form.steps().map((s) => s.id)).toEqual(["applicant", "licence", "delivery", "fee"]);
    expect(form.get("/health")).toBeUndefined();
    expect(form.field("/health/certificateFile").visible).toBe(false);
    // The B2 needs one: the step is back.
    form.set("/licence/choice", "790162031845");
    await form.settled();
    expect(form.steps().map((s) => s.id)).toEqual(["applicant", "licence", "health", "delivery", "fee"]);
    form.set("/licence/choice", "010089004512");
    await form.settled();
    const errors = await form.validate(["/reason"]);
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: "/reason",
        keyword: "x-rules",
        message: "Giấy phép đã chọn không có thời hạn, nên không đổi vì lý do hết hạn: chọn lý do khác hoặc giấy phép khác.",
      }),
    ]);
    form.set("/reason", "newClass");
    await form.settled();
    expect(await form.validate(["/reason"])).toEqual([]);

    // Another licence, not on record: declared by hand; a former A4 cannot become a driving licence.
    form.set("/licence/choice", "other");
    await form.settled();
    expect(form.field("/licence/recorded").visible).toBe(false);
    expect(form.field("/licence/declared").visible).toBe(true);
    form.set("/licence/declared/class", "A4");
    form.set("/licence/declared/issuedOn", "2010-05-04");
    await form.settled();
    expect(form.get("/newLicence/class")).toBeUndefined();
    expect(form.field("/licence/declared/expiresOn").required).toBe(true);
    expect((await form.validate(["/newLicence"])).map((e) => [e.pointer, e.keyword])).toEqual([["/newLicence/class", "x-rules"]]);
    // A former E becomes a D and needs a health check for class D: his check covers only B.
    form.set("/licence/declared/class", "E");
    await form.settled();
    expect(form.get("/newLicence")).toEqual({ class: "D", restriction: "none" });
    expect(form.get("/health/method")).toBe("file");
    // A licence of the 2024 law keeps its class: a B1 issued in 2025 is a three-wheeler licence without expiry.
    form.set("/licence/declared/class", "B1");
    form.set("/licence/declared/issuedOn", "2025-06-02");
    await form.settled();
    expect(form.get("/newLicence")).toEqual({ class: "B1", restriction: "none" });
    expect(form.field("/licence/declared/expiresOn").required).toBe(false);
    form.set("/licence/declared/expiresOn", "2024-01-01");
    await form.settled();
    expect((await form.validate(["/licence/declared/expiresOn"])).map((e) => e.message)).toEqual(["Ngày hết hạn phải sau ngày cấp."]);
  });

  it("the fee reads the submission channel: 115,000 VND online, 135,000 VND in person", async () => {
    const procedure = await load();
    const form = await start(procedure, "le-thi-mai");
    expect(form.field("/channel")).toMatchObject({ value: "online", readonly: true });
    expect(form.get("/fee")).toBe(115000);
    form.set("/channel", "direct"); // as a counter application would
    await form.settled();
    expect(form.get("/fee")).toBe(135000);
  });

  it("speaks English: option labels, rule messages", async () => {
    const procedure = await load();
    const form = await start(procedure, "nguyen-van-an", "en");
    expect(form.field("/licence/choice").options![1]!.label).toBe("B2 — 790162031845, expires 08/12/2026");
    expect(form.field("/health/method").options!.find((o) => o.value === "database")!.label).toBe("Already in the system: no health certificate to upload");
    form.set("/licence/choice", "010089004512");
    form.set("/reason", "expired");
    await form.settled();
    expect((await form.validate(["/reason"]))[0]!.message).toBe(
      "The licence you chose has no expiry date, so it cannot be exchanged because it expired: choose another reason or another licence.",
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Đăng ký hộ kinh doanh
// ---------------------------------------------------------------------------------------------------

describe("business household registration (đăng ký hộ kinh doanh)", () => {
  const document = read("examples/procedures/dang-ky-ho-kinh-doanh.json");
  const answers = answersOf("dang-ky-ho-kinh-doanh");
  const load = () => loadProcedure(document, { budget: TEST_BUDGET });
  const EXIT = "owner-has-household";
  const QUESTIONS = ["owner", "business", "lines", "fee"];
  const exitStep = document.steps.find((s: Json) => s.id === EXIT);
  /** The error of the exit page, as core words it. */
  const exitError = (locale: Locale) => ({
    pointer: "",
    keyword: "x-exit",
    message: locale === "en" ? `This application cannot be submitted: ${document.i18n.en.steps[EXIT].title}` : `Không thể nộp hồ sơ này: ${exitStep.title}`,
    params: { step: EXIT },
  });

  it("has its id, version and English texts, and answers for every persona", async () => {
    const procedure = await load();
    expect([procedure.id, procedure.version]).toEqual(["vn.kinh-doanh.dang-ky-ho-kinh-doanh", "1.0.0"]);
    expectEnglish(document, procedure);
    expect(answers.samplePersona).toBe("le-thi-mai");
    expect(Object.keys(answers.personas).sort()).toEqual([...PERSONAS]);
    expect(answers.personas["nguyen-van-an"]!.exit).toEqual({ step: EXIT });
    // The exit page comes right after the owner step, where the household on record is shown.
    expect(document.steps.map((s: Json) => s.id)).toEqual(["owner", EXIT, "business", "lines", "fee"]);
    expect(exitStep).toMatchObject({ kind: "exit", "x-visible": "$count($business.households) > 0", link: { href: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html" } });
  });


  it.each(PERSONAS)("%s: the owner is verified from the population database, the personal id is the tax code", async (name) => {
    const procedure = await load();
    const form = await start(procedure, name);
    const { citizen, business } = persona(name);
    for (const [field, value] of Object.entries({
      fullName: citizen.fullName,
      personalId: citizen.personalId,
      birthDate: citizen.birthDate,
      sex: citizen.sex,
      ethnicity: citizen.ethnicity,
      nationality: citizen.nationality,
      taxCode: citizen.personalId,
    })) {
      expect(form.field(`/owner/${field}`), field).toMatchObject({ value, locked: true });
    }
    expect(form.get("/owner/permanentAddress")).toEqual({
      province: citizen.permanentAddress.provinceCode,
      commune: citizen.permanentAddress.communeCode,
      detail: citizen.permanentAddress.detail,
    });
    expect(form.field("/owner/permanentAddress/detail").locked).toBe(true);
    // The 10-digit code of before 1 July 2025, for reference, when there is one.
    expect(form.field("/owner/legacyTaxCode")).toMatchObject({ visible: business.taxCode !== undefined, value: business.taxCode });
    // The business address starts from where the owner lives now (temporary residence first), editable.
    const here = citizen.temporaryAddress ?? citizen.permanentAddress;
    expect(form.get("/business/address")).toEqual({ province: here.provinceCode, commune: here.communeCode, detail: here.detail });
    expect(form.field("/business/address/detail").locked).toBe(false);
    expect(form.get("/fee")).toBe(0);
  });

  it("le-thi-mai registers her bakery: name and registration office computed, no fee online", async () => {
    const procedure = await load();
    const form = await start(procedure, "le-thi-mai");
    expect(form.field("/owner/existingHousehold").visible).toBe(false);
    expect(form.exit).toBeUndefined();
    expect(form.steps().map((s) => s.id)).toEqual(QUESTIONS);
    expect(form.get("/business/authority")).toBe("Phòng Kinh tế, Hạ tầng và Đô thị — Ủy ban nhân dân Phường Thủ Đức");
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/business/properName", "/businessLines", "/capital", "/workers", "/declaration"]);
    await answer(form, answers.personas["le-thi-mai"]!.answers!);
    expect(form.field("/business/name")).toMatchObject({ value: "Hộ kinh doanh Tiệm bánh Hoa Mai", computed: true });
    const received = await submitAndVerify(procedure, form, "le-thi-mai");
    expect(received.data.businessLines).toEqual([{ code: "1071", name: "Sản xuất các loại bánh từ bột" }]);
    expect(received.data.fee).toBe(0);
    expect(received.provenance["/owner/taxCode"]).toEqual({ source: "citizen", path: "personalId", locked: true, edited: false });
    expect(received.provenance["/owner/legacyTaxCode"]).toEqual({ source: "business", path: "taxCode", locked: true, edited: false });
    expect(
      await tampered(procedure, received, "le-thi-mai", (d) => {
        d.owner.taxCode = "048198004522";
        d.fee = 100000;
        d.business.name = "Hộ kinh doanh Khác";
      }),
    ).toEqual([
      ["/owner/taxCode", "x-lock"],
      ["/business/name", "x-compute"],
      ["/fee", "x-compute"],
    ]);
  });

  it("pham-quoc-huy types his phone and two lines of business, and submits", async () => {
    const procedure = await load();
    const form = await start(procedure, "pham-quoc-huy");
    expect(form.exit).toBeUndefined();
    expect(form.steps().map((s) => s.id)).toEqual(QUESTIONS);
    expect(form.field("/owner/phone")).toMatchObject({ value: undefined, locked: false });
    expect(form.field("/owner/legacyTaxCode").visible).toBe(false);
    await answer(form, answers.personas["pham-quoc-huy"]!.answers!);
    const received = await submitAndVerify(procedure, form, "pham-quoc-huy");
    expect(received.data.businessLines.map((l: Json) => l.code)).toEqual(["4761", "1811"]);
    expect(received.data.business.authority).toBe("Phòng Kinh tế, Hạ tầng và Đô thị — Ủy ban nhân dân Phường Cầu Giấy");
  });

  it.each(["vi", "en"] as const)(
    "nguyen-van-an already owns a business household: after the owner step, the exit page; nothing can be submitted, and the back end refuses it (%s)",
    async (locale) => {
      const procedure = await load();
      const form = await start(procedure, "nguyen-van-an", locale);
      // The owner step shows the household on record, and has nothing to correct: Continue leads to the exit page.
      expect(form.field("/owner/existingHousehold")).toMatchObject({
        visible: true,
        computed: true,
        value: "Hộ kinh doanh Cà phê Sớm Mai — giấy chứng nhận số 41A8034567, đăng ký ngày 12/04/2021",
      });
      expect(await form.validate(["/owner"])).toEqual([]);
      expect(form.steps().map((s) => s.id)).toEqual(["owner", EXIT]);
      expect(form.exit?.id).toBe(EXIT);
      // Even with everything else filled in, the exit page is the only reason.
      await answer(form, answers.personas["le-thi-mai"]!.answers!);
      expect(form.steps().map((s) => s.id)).toEqual(["owner", EXIT]);
      const result = await form.submission();
      expect(result.ok ? [] : result.errors).toEqual([exitError(locale)]);
      // A client that ignores the exit page and sends the answers anyway: refused.
      const { procedure: id, data, provenance } = form.draft();
      const { sign, verifySignature } = await signingFor(procedure, "nguyen-van-an");
      const envelope = await sign(JSON.parse(JSON.stringify({ id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10", procedure: id, data, provenance, attachments: [], locale, submittedAt: now().toISOString() })));
      expect(await validateSubmission(procedure, envelope, { context: contextOf("nguyen-van-an"), now, locale, lookup: lookupsFor("nguyen-van-an").lookup, verifySignature })).toEqual({
        valid: false,
        errors: [exitError(locale)],
      });
    },
  );

  describe("the proposed name, looked up in the business register", () => {
    const TAKEN = {
      vi: "Tên này đã được hộ kinh doanh khác đăng ký tại xã, phường, đặc khu nơi đặt trụ sở. Hãy chọn một tên riêng khác.",
      en: "This name is already registered by another business household in the commune where the business is based. Choose another proper name.",
    };
    /** The rule errors at the proper name after the citizen types `name`. */
    async function nameErrors(form: Form, name: string): Promise<string[]> {
      form.set("/business/properName", name);
      await form.settled();
      return (await form.validate(["/business/properName"])).map((e) => e.message);
    }

    it.each(["vi", "en"] as const)("refuses a name already registered in the same commune, with no message while the name is free (%s)", async (locale) => {
      const procedure = await load();
      const form = await start(procedure, "le-thi-mai", locale);
      // Her business is in Phường Thủ Đức, where "Hộ kinh doanh Trà sữa Hoà Bình" is registered.
      expect(form.get("/business/address/commune")).toBe("26824");
      expect(await nameErrors(form, "Trà sữa Hoà Bình")).toEqual([TAKEN[locale]]);
      expect(form.lookup("businessName")).toMatchObject({ status: "found", input: { properName: "Trà sữa Hoà Bình", communeCode: "26824" }, value: { name: "Hộ kinh doanh Trà sữa Hoà Bình" } });
      expect(form.field("/business/properName").lookups).toEqual([{ name: "businessName", role: "input", status: "found" }]);
      // A name no household has: the register finds nothing, which is the good answer, and says nothing.
      expect(await nameErrors(form, "Tiệm bánh Hoa Mai")).toEqual([]);
      expect(form.field("/business/properName").lookups).toEqual([{ name: "businessName", role: "input", status: "not-found" }]);
    });

    it("compares names as people write them: case, spaces, either placement of a tone mark, composed or not; a name typed without marks as the same words", async () => {
      const procedure = await load();
      const form = await start(procedure, "le-thi-mai");
      for (const name of ["Trà sữa Hòa Bình", "  trà  SỮA hoà   bình ", "Trà sữa Hoà Bình".normalize("NFD"), "Tra sua Hoa Binh", "COM TAM THU DUC", "Cơm Tấm Thủ Đức"]) {
        expect(await nameErrors(form, name), JSON.stringify(name)).toEqual([TAKEN.vi]);
      }
      // Words that differ by a mark are other words: "Hoa" is not "Hòa", "Com" with a mark is not "Cơm".
      for (const name of ["Trà sữa Hoa Bình", "Trà sữa Hòa Bính", "Cơm tấm Thu Duc", "Trà sữa Hòa Bình 2"]) {
        expect(await nameErrors(form, name), JSON.stringify(name)).toEqual([]);
      }
    });

    it("looks the name up in the commune of the business: taken in Đà Nẵng, free in Thủ Đức; moving the business asks again", async () => {
      const procedure = await load();
      const form = await start(procedure, "le-thi-mai");
      await answer(form, answers.personas["le-thi-mai"]!.answers!);
      expect(await nameErrors(form, "Tiệm bánh Hoa Mai")).toEqual([]);
      form.set("/business/address/province", "48");
      await form.settled();
      form.set("/business/address/commune", "20242");
      await form.settled();
      expect(form.lookup("businessName")?.input).toEqual({ properName: "Tiệm bánh Hoa Mai", communeCode: "20242" });
      expect((await form.validate(["/business/properName"])).map((e) => e.message)).toEqual([TAKEN.vi]);
      expect((await form.submission()).ok).toBe(false);
    });

    it("asks nothing for an empty name or one longer than a name may be", async () => {
      const procedure = await load();
      const calls: unknown[] = [];
      const { lookup } = lookupsFor("le-thi-mai");
      const form = await start(procedure, "le-thi-mai", "vi", { lookup: (n, input, o) => (calls.push(input), lookup(n, input, o)), lookupDelay: 0 });
      for (const name of ["   ", "x".repeat(151)]) {
        form.set("/business/properName", name);
        await form.settled();
        expect(form.lookup("businessName")?.status).toBe("idle");
      }
      expect(calls).toEqual([]);
      form.set("/business/properName", "x".repeat(150));
      await form.settled();
      expect(calls).toEqual([{ properName: "x".repeat(150), communeCode: "26824" }]);
    });

    it("the back end looks the name up again: a taken name sent anyway is refused, and a register that fails refuses the envelope", async () => {
      const procedure = await load();
      const form = await start(procedure, "le-thi-mai");
      await answer(form, answers.personas["le-thi-mai"]!.answers!);
      const received = await submitAndVerify(procedure, form, "le-thi-mai");
      expect(received.provenance["/business/properName"]).toEqual({ source: "user" });
      expect(
        await tampered(procedure, received, "le-thi-mai", (d) => {
          d.business.properName = "Cơm tấm Thủ Đức";
          d.business.name = "Hộ kinh doanh Cơm tấm Thủ Đức";
        }),
      ).toEqual([["/business/properName", "x-rules"]]);
      const { verifySignature } = await signingFor(procedure, "le-thi-mai");
      const down = await validateSubmission(procedure, received, { context: contextOf("le-thi-mai"), now, lookup: async () => Promise.reject(new Error("503")), verifySignature });
      expect(down.valid).toBe(false);
      // At the field the citizen typed, the first the lookup's input reads.
      expect(down.errors.filter((e) => e.keyword === "cannot-verify").map((e) => e.pointer)).toEqual(["/business/properName"]);
    });
  });

  it("checks the capital, the lines of business and the name, and the fee reads the submission channel", async () => {
    const procedure = await load();
    const form = await start(procedure, "le-thi-mai");
    form.set("/business/properName", "Hộ kinh doanh Tiệm bánh Hoa Mai");
    form.set("/capital", 0);
    form.addRow("/businessLines", { code: "1071", name: "Sản xuất các loại bánh từ bột" });
    form.addRow("/businessLines", { code: "1071", name: "Sản xuất bánh mì" });
    await form.settled();
    const messages = (await form.validate(["/business", "/businessLines", "/capital"])).map((e) => [e.pointer, e.message]);
    expect(messages).toEqual([
      ["/business/properName", "Chỉ ghi tên riêng: cụm từ «Hộ kinh doanh» được thêm tự động."],
      ["/businessLines", "Mỗi ngành, nghề chỉ kê khai một lần: các mã ngành phải khác nhau."],
      ["/capital", "Vốn kinh doanh phải lớn hơn 0 đồng."],
    ]);
    form.removeRow("/businessLines", 1);
    form.removeRow("/businessLines", 0);
    await form.settled();
    expect((await form.validate(["/businessLines"])).map((e) => e.message)).toEqual(["Kê khai ít nhất một ngành, nghề kinh doanh."]);
    // Filed at the counter, the fee is due.
    form.set("/channel", "direct");
    await form.settled();
    expect(form.get("/fee")).toBe(100000);
  });
});
