// Locales beyond vi and en: a locale is any BCP-47 tag; a third language works by adding core's
// dictionary and the procedure's `i18n`, with no code change; a region tag resolves to its language; one
// Intl formatter writes numbers, money and dates for every locale; malformed tags are located errors
// for procedures and envelopes, never crashes.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  addMessages,
  addSubmissionMessages,
  BAD_LOCALE,
  canonicalLocale,
  createForm,
  engineMessage,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
  LANGUAGE_TAG,
  loadProcedure,
  localeFallbacks,
  ProcedureError,
  schemaErrorMessage,
  submissionMessage,
  translate,
  validateSubmission,
  type Messages,
  type ProcedureDocument,
  type SubmissionMessages,
} from "@tokhai/core";
import { messagesFr } from "../../../test/fixtures/locales/fr.js";
import { doc } from "./helpers.js";

const require = createRequire(import.meta.url);

describe("the fallback rule", () => {
  it("is the tag, its shorter forms down to its language, the default locale, then Vietnamese", () => {
    expect(localeFallbacks("en-GB")).toEqual(["en-GB", "en", "vi"]);
    expect(localeFallbacks("vi-VN")).toEqual(["vi-VN", "vi"]);
    expect(localeFallbacks("zh-Hant-TW")).toEqual(["zh-Hant-TW", "zh-Hant", "zh", "vi"]);
    expect(localeFallbacks("fr", "en")).toEqual(["fr", "en", "vi"]);
    expect(localeFallbacks("fr-CA", "en-GB")).toEqual(["fr-CA", "fr", "en-GB", "en", "vi"]);
    // Extensions are not kept in the shorter forms; tags are canonical.
    expect(localeFallbacks("en-gb-u-ca-gregory")).toEqual(["en-GB-u-ca-gregory", "en-GB", "en", "vi"]);
    // A tag that is not one is skipped.
    expect(localeFallbacks("en_GB")).toEqual(["vi"]);
    expect(localeFallbacks("en_GB", "en")).toEqual(["en", "vi"]);
  });

  it("takes BCP-47 tags, canonical, and nothing else", () => {
    expect(canonicalLocale("en-gb")).toBe("en-GB");
    expect(canonicalLocale("km")).toBe("km");
    expect(canonicalLocale("iw")).toBe("he");
    for (const bad of ["en_GB", "", "english1", "x-private", "de-1996-1996", "a", 12, null, undefined, {}, "e".repeat(101)]) {
      expect(canonicalLocale(bad), String(bad)).toBeUndefined();
    }
  });

  it("LANGUAGE_TAG, what the JSON schemas state, holds every canonical tag and is the schemas' pattern", () => {
    const tags = ["vi", "en", "en-GB", "km", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-DE-1996", "en-GB-oxendict", "ja-JP-u-ca-japanese", "en-US-x-twain", "und-Latn-t-und-cyrl", "abcde"];
    for (const tag of tags) {
      const canonical = canonicalLocale(tag);
      expect(canonical, tag).toBeDefined();
      expect(LANGUAGE_TAG.test(canonical!), canonical).toBe(true);
    }
    for (const bad of ["en_GB", "", " vi", "vi ", "e-n", "en--GB", "1en", "x-private"]) expect(LANGUAGE_TAG.test(bad), bad).toBe(false);
    const envelope = require("@tokhai/core/envelope.v1.schema.json");
    const procedure = require("@tokhai/core/procedure.v1.schema.json");
    expect(envelope.properties.locale.pattern).toBe(LANGUAGE_TAG.source);
    expect(procedure.properties.defaultLocale.pattern).toBe(LANGUAGE_TAG.source);
    expect(procedure.properties.i18n.propertyNames.pattern).toBe(LANGUAGE_TAG.source);
    expect(procedure.$defs.localizedText.propertyNames.pattern).toBe(LANGUAGE_TAG.source);
  });
});

describe("the Intl formatter", () => {
  it("writes dates as dd/mm/yyyy in Vietnamese, 7 December 2026 in English, and as Intl does elsewhere", () => {
    expect(formatDate("2026-12-07", "vi")).toBe("07/12/2026");
    expect(formatDate("2026-12-07", "vi-VN")).toBe("07/12/2026");
    expect(formatDate("2026-12-07", "en")).toBe("7 December 2026");
    expect(formatDate("2026-12-07", "en-GB")).toBe("7 December 2026");
    expect(formatDate("2026-12-07", "en-US")).toBe("December 7, 2026");
    expect(formatDate("2026-12-07", "fr")).toBe("7 décembre 2026");
    expect(formatDate("2026-02-30", "vi")).toBe("2026-02-30"); // not a real date: as written
    expect(formatDate(new Date(Date.UTC(2026, 11, 7, 20)), "vi", "Asia/Ho_Chi_Minh")).toBe("08/12/2026");
  });

  it("writes numbers, money, times and moments for the locale", () => {
    expect(formatNumber(1500000.5, "vi")).toBe("1.500.000,5");
    expect(formatNumber(1500000.5, "en")).toBe("1,500,000.5");
    expect(formatNumber(1500000.5, "fr")).toBe("1\u202f500\u202f000,5"); // narrow no-break spaces
    expect(formatMoney(20000, "vi")).toBe("20.000\u00a0₫");
    expect(formatMoney(20000, "en")).toBe("₫20,000");
    expect(formatMoney(12.5, "en", "EUR")).toBe("€12.50");
    expect(formatTime("14:30:00Z", "vi")).toBe("14:30");
    expect(formatTime("08:05:09", "en")).toBe("08:05:09");
    const moment = new Date(Date.UTC(2026, 11, 7, 7, 30));
    expect(formatDateTime(moment, "vi", "Asia/Ho_Chi_Minh")).toBe("14:30 07/12/2026");
    expect(formatDateTime(moment, "en", "Asia/Ho_Chi_Minh")).toBe("07/12/2026, 14:30");
    // A malformed tag formats as Vietnamese rather than throwing as Intl would.
    expect(formatNumber(1000, "en_GB")).toBe("1.000");
  });

  it("writes the dates, numbers and lists inside messages (today's texts in vi and en)", () => {
    const limit = (value: unknown, locale: string) => schemaErrorMessage({ keyword: "formatMinimum", params: { limit: value, comparison: ">=" } }, locale);
    expect(limit("2026-12-07", "vi")).toBe("Không được trước ngày 07/12/2026");
    expect(limit("2026-12-07", "en")).toBe("Must be on or after 7 December 2026");
    expect(limit("2026-12-07T14:30:00Z", "vi")).toBe("Không được trước 14:30 ngày 07/12/2026");
    expect(limit("2026-12-07T14:30:00Z", "en")).toBe("Must be on or after 7 December 2026 at 14:30");
    expect(schemaErrorMessage({ keyword: "enum", params: { allowedValues: ["a", "b", "c"] } }, "vi")).toBe("Vui lòng chọn một trong các giá trị: “a”, “b” hoặc “c”");
    expect(schemaErrorMessage({ keyword: "enum", params: { allowedValues: ["a", "b", "c"] } }, "en")).toBe("Must be “a”, “b” or “c”");
    expect(engineMessage("fileTooBig", { name: "a.pdf", size: 1536, max: 1024 }, "en")).toBe("“a.pdf” (1.5 KB) is too big: 1 KB at most");
  });
});

describe("a third locale", () => {
  const procedure: ProcedureDocument = doc(
    {
      type: "object",
      properties: {
        fullName: { type: "string", title: "Họ và tên", maxLength: 3 },
        ownership: { type: "string", title: "Chỗ ở", oneOf: [{ const: "owner", title: "Chủ sở hữu" }, { const: "rent", title: "Thuê" }] },
        birthDate: { type: "string", format: "date", title: "Ngày sinh", formatMaximum: "2026-12-07" },
        age: { type: "integer", title: "Tuổi", "x-rules": [{ assert: "$value >= 18", message: "Phải đủ 18 tuổi" }] },
      },
      required: ["fullName", "ownership"],
    },
    {
      i18n: {
        en: { title: "Test form", "/fullName": { title: "Full name" }, "/age": { title: "Age", rules: ["You must be 18 or over"] } },
        "en-GB": { title: "Test form (UK)" },
        fr: {
          title: "Formulaire d’essai",
          "/fullName": { title: "Nom complet" },
          "/ownership": { title: "Logement", enum: { owner: "Propriétaire", rent: "Location" } },
          "/birthDate": { title: "Date de naissance" },
          "/age": { title: "Âge", rules: ["Vous devez avoir 18 ans ou plus"] },
        },
      },
    },
  );

  it("shows the form and its validation messages in that language once its dictionary is added", async () => {
    addMessages("fr", messagesFr);
    const loaded = await loadProcedure(procedure);
    const form = createForm(loaded, { locale: "fr" });
    await form.settled();
    expect(form.locale).toBe("fr");
    expect(translate(loaded.document, form.locale, (t) => t.title)).toBe("Formulaire d’essai");
    expect(form.field("/fullName").title).toBe("Nom complet");
    expect(form.field("/ownership").options?.map((o) => o.label)).toEqual(["Propriétaire", "Location"]);
    form.set("/fullName", "Nguyễn");
    form.set("/birthDate", "2027-01-01");
    form.set("/age", 12);
    const errors = Object.fromEntries((await form.validate()).map((e) => [e.pointer, e.message]));
    expect(errors).toEqual({
      "/fullName": "Doit compter au plus 3 caractères",
      "/ownership": "Cette information est obligatoire",
      "/birthDate": "Ne peut pas être postérieure au 7 décembre 2026",
      "/age": "Vous devez avoir 18 ans ou plus",
    });
    // French plurals: 0 and 1 are singular.
    expect(schemaErrorMessage({ keyword: "maxLength", params: { limit: 1 } }, "fr")).toBe("Doit compter au plus 1 caractère");
    expect(schemaErrorMessage({ keyword: "minimum", params: { limit: 1500000 } }, "fr")).toBe("Doit être supérieur ou égal à 1\u202f500\u202f000");
  });

  it("resolves a region tag to its language: fr-CA to fr, en-GB to en-GB then en, vi-VN to vi", async () => {
    addMessages("fr", messagesFr);
    const form = createForm(await loadProcedure(procedure), { locale: "fr-CA" });
    await form.settled();
    expect(form.field("/fullName").title).toBe("Nom complet");
    form.set("/fullName", "Nguyễn");
    expect((await form.validate(["/fullName"]))[0]!.message).toBe("Doit compter au plus 3 caractères");
    form.setLocale("en-gb");
    expect(form.locale).toBe("en-GB");
    expect(translate(form.procedure.document, form.locale, (t) => t.title)).toBe("Test form (UK)");
    expect(form.field("/fullName").title).toBe("Full name"); // from "en": "en-GB" gives only the title
    expect((await form.validate(["/fullName"]))[0]!.message).toBe("Must be 3 characters or less");
    form.setLocale("vi-VN");
    expect(form.field("/fullName").title).toBe("Họ và tên");
    expect((await form.validate(["/fullName"]))[0]!.message).toBe("Không được quá 3 ký tự");
  });

  it("falls back text by text: to the language's dictionary, then Vietnamese; procedure texts to the document's own", async () => {
    // A JavaScript caller's dictionary with one message: TypeScript requires every key.
    // @ts-expect-error: the dictionary lacks most message ids.
    addMessages("km", { required: "ព័ត៌មាននេះត្រូវតែបំពេញ" });
    const form = createForm(await loadProcedure(procedure), { locale: "km" });
    await form.settled();
    expect(form.field("/fullName").title).toBe("Họ và tên");
    form.set("/fullName", "Nguyễn");
    const errors = Object.fromEntries((await form.validate()).map((e) => [e.pointer, e.message]));
    expect(errors["/ownership"]).toBe("ព័ត៌មាននេះត្រូវតែបំពេញ");
    expect(errors["/fullName"]).toBe("Không được quá 3 ký tự");
    // A procedure written in English falls back to its own texts, and a locale without messages to Vietnamese ones.
    const english = await loadProcedure({ ...doc({ type: "object", properties: { a: { type: "string", title: "Name" } } }, { defaultLocale: "en", i18n: { vi: { "/a": { title: "Tên" } } } }), title: "English form" });
    const de = createForm(english, { locale: "de" });
    expect(de.field("/a").title).toBe("Name");
    expect(createForm(english, { locale: "vi" }).field("/a").title).toBe("Tên");
    expect(createForm(english).locale).toBe("en");
  });

  it("refuses a dictionary for a tag that is not one", () => {
    expect(() => addMessages("en_GB", messagesFr)).toThrow(RangeError);
    expect(() => addMessages("fr", null as unknown as Messages)).toThrow(TypeError);
  });

  it("reports a form locale that is not a tag, and shows the form in the procedure's", async () => {
    const diagnostics: string[] = [];
    const form = createForm(await loadProcedure(procedure), { locale: "en_GB", onDiagnostic: (d) => diagnostics.push(`${d.code} ${d.message}`) });
    expect(form.locale).toBe("vi");
    form.setLocale("fr_FR");
    expect(form.locale).toBe("vi");
    expect(diagnostics).toEqual([
      `${BAD_LOCALE} "en_GB" is not a BCP-47 language tag (such as "vi", "en-GB" or "km"): the form is shown in "vi"`,
      `${BAD_LOCALE} "fr_FR" is not a BCP-47 language tag (such as "vi", "en-GB" or "km"): the form is shown in "vi"`,
    ]);
  });

  it("refuses a procedure whose locale tags are malformed or not canonical, each located", async () => {
    const bad = doc(
      { type: "object", properties: { a: { type: "string", "x-rules": [{ assert: "true", message: { vi: "x", "EN-gb": "x" } }] } } },
      { defaultLocale: "vi_VN", i18n: { en_GB: { title: "x" }, "fr-ca": { title: "x" }, fr: { title: "x" } } },
    );
    const error = await loadProcedure(bad).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProcedureError);
    const located = (error as ProcedureError).problems.filter((p) => p.code === "locale").map((p) => [p.pointer, p.message]);
    expect(located).toEqual([
      ["/defaultLocale", '"vi_VN" is not a BCP-47 language tag (such as "vi", "en", "en-GB" or "km")'],
      ["/i18n/en_GB", '"en_GB" is not a BCP-47 language tag (such as "vi", "en", "en-GB" or "km")'],
      ["/i18n/fr-ca", 'write the language tag "fr-ca" as "fr-CA": texts are looked up by the canonical tag'],
      ["/schema/properties/a/x-rules/0/message/EN-gb", 'write the language tag "EN-gb" as "en-GB": texts are looked up by the canonical tag'],
    ]);
  });

  it("takes an envelope in a third locale, answers in it, and refuses a locale that is not a tag with a located error", async () => {
    addMessages("fr", messagesFr);
    // Two of the back end's messages (a JavaScript caller's dictionary: the others fall back to Vietnamese).
    addSubmissionMessages("fr", { unknownProperty: "Cette information ne fait pas partie de ce formulaire", envelopeMissing: "{name} manque" } as SubmissionMessages);
    const loaded = await loadProcedure(doc({ type: "object", properties: { a: { type: "string" } } }));
    const envelope = { id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10", procedure: { id: loaded.id, version: loaded.version }, data: { a: "x", b: 1 }, provenance: { "/a": { source: "user" }, "/b": { source: "user" } }, attachments: [], locale: "fr", submittedAt: "2026-12-07T08:00:00.000Z" };
    const french = await validateSubmission(loaded, envelope);
    expect(french.errors).toEqual([expect.objectContaining({ pointer: "/b", message: "Cette information ne fait pas partie de ce formulaire" })]);
    const bad = await validateSubmission(loaded, { ...envelope, data: { a: "x" }, provenance: { "/a": { source: "user" } }, locale: "en_GB" });
    expect(bad.valid).toBe(false);
    expect(bad.errors).toEqual([
      { pointer: "/locale", keyword: "envelope", message: 'Dữ liệu gửi lên không đúng cấu trúc hồ sơ: ngôn ngữ phải là một thẻ ngôn ngữ BCP-47, ví dụ "vi" hoặc "en-GB"', params: { problem: "locale" } },
    ]);
    expect(submissionMessage("badEnvelope", { problem: "missing", name: "data" }, "fr-BE")).toBe("Le dossier envoyé n’a pas le format attendu : « data » manque");
  });
});
