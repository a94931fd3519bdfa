// Dates typed in parts (issue 15): the `year-month` format, `readDateInput` and its messages, and the
// form's bad inputs, what a widget could not turn into a value (31/02, a missing month), which the
// form reports in place of "required" or a stale value.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createForm, engineMessage, formatYearMonth, KNOWN_FORMATS, ProcedureError, readDateInput, TOKHAI_FORMATS, validateSubmission, type BadInput, type DateInput } from "@tokhai/core";
import { compileValidatorSource } from "@tokhai/core/compile";
import { load } from "./helpers.js";

describe("the year-month format", () => {
  it("is a tokhai format, YYYY-MM with a month from 01 to 12, checked by the schema", async () => {
    expect(KNOWN_FORMATS.has("year-month")).toBe(true);
    expect(Object.keys(TOKHAI_FORMATS)).toContain("year-month");
    const procedure = await load({ type: "object", properties: { since: { type: "string", format: "year-month" } } });
    const form = createForm(procedure);
    const verdict = async (value: string) => {
      form.set("/since", value);
      return (await form.validate()).map((e) => e.keyword);
    };
    for (const good of ["2024-05", "1999-12", "2024-01"]) expect(await verdict(good), good).toEqual([]);
    for (const bad of ["2024-13", "2024-00", "2024-5", "24-05", "2024-05-01", "2024/05", "05/2024"]) expect(await verdict(bad), bad).toEqual(["format"]);
    form.set("/since", "2024-13");
    expect((await form.validate())[0]!.message).toBe("Vui lòng nhập tháng và năm hợp lệ (tháng/năm), ví dụ: 05/2024");
    form.setLocale("en");
    expect((await form.validate())[0]!.message).toBe("Must be a real month and year, like 5 2024");
  });

  it("is checked the same by precompiled validators (no code generated at run time)", () => {
    const source = compileValidatorSource({ type: "object", properties: { since: { type: "string", format: "year-month" } } }, "cjs");
    const module = { exports: {} as { default?: (data: unknown) => boolean } };
    // Evaluated here only to check it; portals bundle it instead.
    new Function("module", "exports", "require", source)(module, module.exports, createRequire(import.meta.url));
    expect(module.exports.default?.({ since: "2024-05" })).toBe(true);
    expect(module.exports.default?.({ since: "2024-13" })).toBe(false);
  });

  it("refuses formatMinimum and formatMaximum, which ajv cannot apply to it, at the keyword", async () => {
    const error = await load({ type: "object", properties: { since: { type: "string", format: "year-month", formatMinimum: "2020-01" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcedureError);
    expect((error as ProcedureError).problems).toEqual([
      expect.objectContaining({ pointer: "/schema/properties/since/formatMinimum", code: "format-compare", message: expect.stringContaining("x-rules") }),
    ]);
  });
});

describe("formatYearMonth", () => {
  it("writes a month of a year as the locale does: 05/2024, May 2024, mai 2024", () => {
    expect(formatYearMonth("2024-05", "vi")).toBe("05/2024");
    expect(formatYearMonth("2024-05", "en")).toBe("May 2024");
    expect(formatYearMonth("2024-05", "fr")).toBe("mai 2024");
    expect(formatYearMonth("2024-13", "vi")).toBe("2024-13");
    expect(formatYearMonth("mai", "en")).toBe("mai");
  });
});

describe("readDateInput", () => {
  const bad = (code: string, parts: string[]) => expect.objectContaining({ state: "bad", code, parts });
  it.each<[Record<string, string>, DateInput | ReturnType<typeof bad>]>([
    [{}, { state: "empty" }],
    [{ day: " ", month: "", year: "" }, { state: "empty" }],
    [{ day: "5", month: "3", year: "2026" }, { state: "value", value: "2026-03-05" }],
    [{ day: " 05 ", month: "03 ", year: "2026" }, { state: "value", value: "2026-03-05" }],
    [{ day: "29", month: "2", year: "2024" }, { state: "value", value: "2024-02-29" }],
    [{ day: "29", month: "2", year: "2023" }, bad("dateNotReal", ["day"])],
    [{ day: "31", month: "02", year: "2024" }, bad("dateNotReal", ["day"])],
    [{ day: "0", month: "1", year: "2024" }, bad("dateNotReal", ["day"])],
    [{ day: "31", month: "4", year: "2024" }, bad("dateNotReal", ["day"])],
    [{ day: "1", month: "13", year: "2024" }, bad("monthRange", ["month"])],
    [{ day: "1", month: "1", year: "20245" }, bad("yearDigits", ["year"])],
    [{ day: "1", month: "1", year: "24" }, bad("yearDigits", ["year"])],
    [{ day: "1", month: "1", year: "0999" }, bad("yearDigits", ["year"])],
    [{ day: "1", month: "", year: "2024" }, bad("dateMissing", ["month"])],
    [{ day: "", month: "", year: "2024" }, bad("dateMissing", ["day", "month"])],
    [{ day: "mười", month: "1", year: "2024" }, bad("dateNotNumbers", ["day"])],
    [{ day: "1", month: "1.5", year: "2024" }, bad("dateNotNumbers", ["month"])],
  ])("date %j", (parts, expected) => {
    expect(readDateInput(parts, "date")).toEqual(expected);
  });

  it("reads a month of a year from its month and year", () => {
    expect(readDateInput({ month: "5", year: "2024" }, "year-month")).toEqual({ state: "value", value: "2024-05" });
    expect(readDateInput({ day: "99", month: "12", year: "2024" }, "year-month")).toEqual({ state: "value", value: "2024-12" });
    expect(readDateInput({ month: "13", year: "2024" }, "year-month")).toMatchObject({ state: "bad", code: "monthRange", parts: ["month"] });
    expect(readDateInput({ month: "", year: "2024" }, "year-month")).toMatchObject({ state: "bad", code: "dateMissing", parts: ["month"] });
    expect(readDateInput({ month: "", year: "" }, "year-month")).toEqual({ state: "empty" });
  });
});

describe("date messages", () => {
  const m = (code: Parameters<typeof engineMessage>[0], params: Record<string, unknown>) => [engineMessage(code, params, "vi"), engineMessage(code, params, "en")];
  it("name the field as GOV.UK's do, in Vietnamese and English", () => {
    expect(m("dateMissing", { field: "Ngày sinh", missing: ["month"] })).toEqual(["Ngày sinh phải có tháng", "Ngày sinh must include a month"]);
    expect(m("dateMissing", { field: "Date of birth", missing: ["day", "month"] })[1]).toBe("Date of birth must include a day and month");
    expect(m("dateMissing", { field: "Ngày sinh", missing: ["month", "year"] })[0]).toBe("Ngày sinh phải có tháng và năm");
    expect(m("dateNotReal", { field: "Ngày sinh" })).toEqual(["Ngày sinh phải là một ngày có thật", "Ngày sinh must be a real date"]);
    expect(m("yearDigits", {})).toEqual(["Năm phải gồm 4 chữ số", "Year must include 4 numbers"]);
    expect(m("monthRange", {})).toEqual(["Tháng phải là số từ 1 đến 12", "Month must be a number from 1 to 12"]);
    expect(m("dateNotNumbers", { field: "Ngày cấp" })).toEqual(["Ngày cấp chỉ được nhập bằng chữ số", "Ngày cấp must only include numbers"]);
  });

  it("say 'the date' for a field whose title is a question or is missing", () => {
    expect(m("dateNotReal", { field: "Bạn chuyển đến từ khi nào?" })).toEqual(["Ngày, tháng, năm phải là một ngày có thật", "The date must be a real date"]);
    expect(m("dateMissing", { missing: ["year"], format: "year-month" })).toEqual(["Tháng, năm phải có năm", "The date must include a year"]);
    // A title's closing punctuation is not part of the sentence.
    expect(m("dateNotReal", { field: "Ngày sinh:" })[0]).toBe("Ngày sinh phải là một ngày có thật");
  });
});

describe("bad inputs", () => {
  const schema = {
    type: "object",
    properties: {
      birthDate: { type: "string", format: "date", title: "Ngày sinh" },
      movedIn: { type: "string", format: "date", title: "Ngày chuyển đến", "x-visible": "moved = true" },
      moved: { type: "boolean" },
      members: { type: "array", items: { type: "object", properties: { birthDate: { type: "string", format: "date", title: "Ngày sinh" } } } },
    },
    required: ["birthDate"],
  } as const;
  const i18n = { en: { "/birthDate": { title: "Date of birth" } } };
  const badInputOf = (parts: Record<string, string>): BadInput => {
    const read = readDateInput(parts);
    if (read.state !== "bad") throw new Error("not bad");
    return { code: read.code, params: read.params, input: parts };
  };

  it("are reported in place of the field's other errors, named and localised, and refuse the submission", async () => {
    const form = createForm(await load(schema, { i18n }));
    form.set("/birthDate", "2024-02-28");
    form.setBadInput("/birthDate", badInputOf({ day: "31", month: "2", year: "2024" }));
    // The stale value is gone.
    expect(form.get("/birthDate")).toBeUndefined();
    expect(form.draft().data).toEqual({});
    const errors = await form.validate();
    expect(errors).toEqual([
      { pointer: "/birthDate", keyword: "badInput", message: "Ngày sinh phải là một ngày có thật", params: { code: "dateNotReal", format: "date", parts: ["day"] } },
    ]);
    expect(form.field("/birthDate").errors).toEqual(errors);
    expect(form.badInput("/birthDate")?.input).toEqual({ day: "31", month: "2", year: "2024" });
    const result = await form.submission();
    expect(result.ok).toBe(false);
    form.setLocale("en");
    expect(form.field("/birthDate").errors.map((e) => e.message)).toEqual(["Date of birth must be a real date"]);
  });

  it("go when the field is set, or withdrawn; the field is then as any other", async () => {
    const form = createForm(await load(schema));
    await form.validate();
    form.setBadInput("/birthDate", badInputOf({ day: "1", month: "", year: "2024" }));
    await form.settled();
    expect(form.field("/birthDate").errors.map((e) => e.message)).toEqual(["Ngày sinh phải có tháng"]);
    form.set("/birthDate", "2024-01-01");
    await form.settled();
    expect(form.badInput("/birthDate")).toBeUndefined();
    expect(form.field("/birthDate").errors).toEqual([]);
    form.setBadInput("/birthDate", badInputOf({ day: "1", month: "", year: "2024" }));
    await form.settled();
    form.setBadInput("/birthDate", undefined);
    await form.settled();
    expect(form.field("/birthDate").errors.map((e) => e.keyword)).toEqual(["required"]);
    // The form's own message, when the widget gives one.
    form.setBadInput("/birthDate", { code: "dateNotReal", message: { vi: "Ngày không đúng", en: "Wrong day" } });
    await form.settled();
    expect(form.field("/birthDate").errors.map((e) => e.message)).toEqual(["Ngày không đúng"]);
  });

  it("of a hidden field are not reported; of a row follow the row; reset forgets them", async () => {
    const form = createForm(await load(schema));
    form.set("/moved", true);
    form.set("/birthDate", "1990-01-01");
    form.setBadInput("/movedIn", badInputOf({ day: "", month: "2", year: "2024" }));
    await form.settled();
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/movedIn"]);
    form.set("/moved", false);
    await form.settled();
    expect(await form.validate()).toEqual([]);
    form.set("/moved", true);
    await form.settled();
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/movedIn"]);
    form.setBadInput("/movedIn", undefined);

    form.addRow("/members");
    form.addRow("/members");
    form.setBadInput("/members/1/birthDate", badInputOf({ day: "1", month: "1", year: "99" }));
    await form.settled();
    expect((await form.validate()).map((e) => [e.pointer, e.message])).toEqual([["/members/1/birthDate", "Năm phải gồm 4 chữ số"]]);
    form.removeRow("/members", 0);
    await form.settled();
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/members/0/birthDate"]);
    // Setting the row replaces what could not be read in it.
    form.set("/members/0", { birthDate: "2001-01-01" });
    await form.settled();
    expect(await form.validate()).toEqual([]);
    form.setBadInput("/members/0/birthDate", badInputOf({ day: "1", month: "1", year: "99" }));
    form.reset();
    expect(form.badInput("/members/0/birthDate")).toBeUndefined();
  });

  it("are the browser's business: the back end checks the submitted data as ever", async () => {
    const procedure = await load(schema);
    const form = createForm(procedure);
    form.set("/birthDate", "1990-05-01");
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await validateSubmission(procedure, result.envelope)).toEqual({ valid: true, errors: [] });
  });

  it("keep the provenance of a prefilled value the citizen retypes part by part", async () => {
    const procedure = await load(
      { type: "object", properties: { d: { type: "string", format: "date", "x-prefill": "$citizen.d" } } },
      { sources: { citizen: { schema: { type: "object", properties: { d: { type: "string" } } } } } },
    );
    const form = createForm(procedure, { context: { citizen: { d: "1990-03-15" } } });
    await form.settled();
    // The month deleted, then typed again: the same date, still the record's.
    form.setBadInput("/d", badInputOf({ day: "15", month: "", year: "1990" }));
    form.setBadInput("/d", badInputOf({ day: "15", month: "1", year: "" }));
    form.set("/d", "1990-03-15");
    expect(form.field("/d").provenance).toEqual({ source: "citizen", path: "d", locked: false, edited: false });
    form.setBadInput("/d", badInputOf({ day: "15", month: "", year: "1990" }));
    form.set("/d", "1990-05-15");
    expect(form.field("/d").provenance).toEqual({ source: "citizen", path: "d", locked: false, edited: true });
    // Emptied, it is a value the citizen removed.
    form.setBadInput("/d", badInputOf({ day: "15", month: "", year: "1990" }));
    form.setBadInput("/d", undefined);
    expect(form.field("/d").provenance).toBeUndefined();
    expect(form.draft().cleared).toEqual(["/d"]);
  });

  it("cannot be set on verified or computed data, as a value cannot", async () => {
    const procedure = await load(
      { type: "object", properties: { d: { type: "string", format: "date", "x-prefill": "$citizen.d", "x-lock": true }, c: { type: "string", "x-compute": "'2024-01-01'" } } },
      { sources: { citizen: { schema: { type: "object", properties: { d: { type: "string" } } } } } },
    );
    const form = createForm(procedure, { context: { citizen: { d: "1990-01-01" } } });
    await form.settled();
    expect(() => form.setBadInput("/d", { code: "dateNotReal" })).toThrow(/x-lock/);
    expect(() => form.setBadInput("/c", { code: "dateNotReal" })).toThrow(/x-compute/);
  });
});
