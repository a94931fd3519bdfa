// Dates as GOV.UK asks for them (issue 15, "Impossible dates" and "Dates as GOV.UK does them"): Day,
// Month and Year typed in three inputs, in that order in both languages; what cannot be a date is
// said precisely (31/02 is "must be a real date", never "required"), once, and the form's validation
// reports it; the data holds an ISO date or nothing. And a month of a year (`year-month`) the same way.
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { defineElements, type TkField, type TkForm } from "../src/index.js";
import { activeDeep, deepQuery, deepQueryAll, expectAccessible, mountForm, settle as settleRoot, text } from "./support/dom.js";

defineElements();

const settle = (form: TkForm) => settleRoot(form, form.form);
const field = (form: TkForm, pointer: string) => deepQuery<TkField>(form.shadowRoot!, `[pointer="${pointer}"]`)!;
const inputs = (form: TkForm, pointer: string) => [...field(form, pointer).shadowRoot!.querySelectorAll<HTMLInputElement>(".date-input input")];
const labels = (form: TkForm, pointer: string) => [...field(form, pointer).shadowRoot!.querySelectorAll(".date-input label")].map(text);
const error = (form: TkForm, pointer: string) => text(field(form, pointer).shadowRoot!.querySelector("[part~='error']"));
const invalidParts = (form: TkForm, pointer: string) => inputs(form, pointer).map((i) => i.getAttribute("aria-invalid"));
const primary = (form: TkForm) => form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!;
const summaryLinks = (form: TkForm) => [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement>("[part='error-summary'] a")];
const heading = (form: TkForm) => text(form.shadowRoot!.querySelector("h2#step-title"));

/** A required birth date, an optional moving-in date and an optional month of a year, then a second step. */
const procedure = {
  id: "vn.test.dates",
  version: "1.0.0",
  title: "Tờ khai ngày tháng",
  schema: {
    type: "object",
    properties: {
      birthDate: {
        type: "string",
        format: "date",
        title: "Ngày sinh",
        description: "Ví dụ: 27 3 2007",
        "x-rules": [{ assert: "$not($exists($value)) or $value < '2026-01-01'", message: { vi: "Ngày sinh phải trước năm 2026", en: "Date of birth must be before 2026" } }],
      },
      movedIn: { type: "string", format: "date", title: "Ngày chuyển đến" },
      livingSince: { type: "string", format: "year-month", title: "Thời điểm bắt đầu ở", description: "Ví dụ: 5 2024" },
      note: { type: "string", title: "Ghi chú" },
    },
    required: ["birthDate"],
  },
  steps: [
    { id: "dates", title: "Ngày tháng", fields: ["/birthDate", "/movedIn", "/livingSince"] },
    { id: "note", title: "Ghi chú", fields: ["/note"] },
  ],
  i18n: {
    en: {
      steps: { dates: { title: "Dates" }, note: { title: "Note" } },
      "/birthDate": { title: "Date of birth", description: "For example, 27 3 2007" },
      "/movedIn": { title: "Moving-in date" },
      "/livingSince": { title: "Month you started living here", description: "For example, 5 2024" },
      "/note": { title: "Note" },
    },
  },
};

/** Types the parts into a date's inputs, as a citizen does (each input cleared first), then leaves the date. */
async function typeParts(form: TkForm, pointer: string, parts: readonly string[]): Promise<void> {
  const boxes = inputs(form, pointer);
  for (const [i, part] of parts.entries()) {
    await userEvent.clear(boxes[i]!);
    if (part !== "") await userEvent.type(boxes[i]!, part);
  }
  await settle(form);
}

async function pressContinue(form: TkForm): Promise<void> {
  primary(form).click();
  await settle(form);
}

describe("<tk-field-date> as GOV.UK's date input", () => {
  it("asks for Ngày, Tháng, Năm (Day, Month, Year) in that order in both languages, in a fieldset named by the title", async () => {
    const form = await mountForm(procedure);
    const el = field(form, "/birthDate");
    expect(el.localName).toBe("tk-field-date");
    expect(labels(form, "/birthDate")).toEqual(["Ngày", "Tháng", "Năm"]);
    const fieldset = el.shadowRoot!.querySelector("fieldset")!;
    // The usual marker: optional fields are marked (tk-form's default), required ones are not.
    expect(text(fieldset.querySelector("legend"))).toBe("Ngày sinh");
    expect(text(field(form, "/movedIn").shadowRoot!.querySelector("legend"))).toBe("Ngày chuyển đến (không bắt buộc)");
    for (const input of inputs(form, "/birthDate")) {
      expect(input.type).toBe("text");
      expect(input.inputMode).toBe("numeric");
      expect(input.hasAttribute("autocomplete")).toBe(false);
      expect(input.labels?.length).toBe(1);
    }
    // Two narrow inputs and a wider one for the year.
    const [day, month, year] = inputs(form, "/birthDate").map((i) => i.getBoundingClientRect().width);
    expect(day).toBe(month);
    expect(year!).toBeGreaterThan(day!);
    expect(field(form, "/livingSince").localName).toBe("tk-field-month");
    expect(labels(form, "/livingSince")).toEqual(["Tháng", "Năm"]);

    form.locale = "en";
    await settle(form);
    expect(labels(form, "/birthDate")).toEqual(["Day", "Month", "Year"]);
    expect(labels(form, "/livingSince")).toEqual(["Month", "Year"]);
    expect(text(field(form, "/movedIn").shadowRoot!.querySelector("legend"))).toBe("Moving-in date (optional)");
    await expectAccessible(form, "empty, en");
  });

  it("puts an ISO date in the data, whatever the citizen's way of writing the parts", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["5", "3", "1990"]);
    expect(form.form!.get("/birthDate")).toBe("1990-03-05");
    await typeParts(form, "/birthDate", [" 05 ", "03", "1990"]);
    expect(form.form!.get("/birthDate")).toBe("1990-03-05");
    // What was typed stays as typed.
    expect(inputs(form, "/birthDate").map((i) => i.value)).toEqual([" 05 ", "03", "1990"]);
    // A value set on the model shows in the parts.
    form.form!.set("/birthDate", "2001-11-09");
    await settle(form);
    expect(inputs(form, "/birthDate").map((i) => i.value)).toEqual(["09", "11", "2001"]);
  });

  it("31/02 is 'must be a real date', not 'required': on the field, in the summary, and the data holds nothing", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["31", "02", "2024"]);
    expect(form.form!.get("/birthDate")).toBeUndefined();
    await pressContinue(form);
    expect(heading(form)).toBe("Ngày tháng");
    const errors = form.form!.field("/birthDate").errors;
    expect(errors.map((e) => [e.keyword, e.message])).toEqual([["badInput", "Ngày sinh phải là một ngày có thật"]]);
    expect(error(form, "/birthDate")).toBe("Lỗi: Ngày sinh phải là một ngày có thật");
    expect(summaryLinks(form).map(text)).toEqual(["Ngày sinh phải là một ngày có thật"]);
    expect(summaryLinks(form).map(text).join()).not.toMatch(/bắt buộc/);
    // Only the day is wrong.
    expect(invalidParts(form, "/birthDate")).toEqual(["true", "false", "false"]);
    await expectAccessible(form, "impossible date");
  });

  it("a date that was whole and loses a part leaves no stale value behind", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["15", "08", "1985"]);
    expect(form.form!.get("/birthDate")).toBe("1985-08-15");
    await typeParts(form, "/birthDate", ["15", "", "1985"]);
    expect(form.form!.get("/birthDate")).toBeUndefined();
    expect(form.form!.draft().data).toEqual({});
  });

  it("a missing month is 'must include a month', marks the month alone, and the summary link focuses it", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["15", "", "1985"]);
    await pressContinue(form);
    expect(error(form, "/birthDate")).toBe("Lỗi: Ngày sinh phải có tháng");
    expect(invalidParts(form, "/birthDate")).toEqual(["false", "true", "false"]);
    const [link] = summaryLinks(form);
    expect(text(link)).toBe("Ngày sinh phải có tháng"); // the message names the field: said once
    link!.click();
    await settle(form);
    expect(activeDeep()).toBe(inputs(form, "/birthDate")[1]);
    // Two parts missing, in the words GOV.UK uses.
    await typeParts(form, "/birthDate", ["", "", "1985"]);
    await pressContinue(form);
    expect(error(form, "/birthDate")).toBe("Lỗi: Ngày sinh phải có ngày và tháng");
    expect(invalidParts(form, "/birthDate")).toEqual(["true", "true", "false"]);
    form.locale = "en";
    await settle(form);
    expect(error(form, "/birthDate")).toBe("Error: Date of birth must include a day and month");
  });

  it("a five-digit year is one error, 'Năm phải gồm 4 chữ số', on the year", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["1", "1", "20245"]);
    await pressContinue(form);
    expect(form.form!.field("/birthDate").errors.map((e) => e.message)).toEqual(["Năm phải gồm 4 chữ số"]);
    expect(summaryLinks(form).map(text)).toEqual(["Ngày sinh: Năm phải gồm 4 chữ số"]);
    expect(invalidParts(form, "/birthDate")).toEqual(["false", "false", "true"]);
    // Letters are not numbers.
    await typeParts(form, "/birthDate", ["1", "tư", "1990"]);
    expect(error(form, "/birthDate")).toBe("Lỗi: Ngày sinh chỉ được nhập bằng chữ số");
    expect(invalidParts(form, "/birthDate")).toEqual(["false", "true", "false"]);
  });

  it("an optional date that cannot be read still stops the step, and the summary names it", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["1", "1", "1990"]);
    await typeParts(form, "/movedIn", ["30", "2", "2025"]);
    expect(form.form!.get("/movedIn")).toBeUndefined();
    await pressContinue(form);
    expect(heading(form)).toBe("Ngày tháng");
    expect(summaryLinks(form).map(text)).toEqual(["Ngày chuyển đến phải là một ngày có thật"]);
    expect((await form.form!.submission()).ok).toBe(false);
    // Emptied, the optional date is simply not answered.
    await typeParts(form, "/movedIn", ["", "", ""]);
    await pressContinue(form);
    expect(heading(form)).toBe("Ghi chú");
    // Back on the first step, the element is new: it shows the answers as the data holds them.
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='button']:not([part~='primary'])")!.click();
    await settle(form);
    expect(inputs(form, "/birthDate").map((i) => i.value)).toEqual(["01", "01", "1990"]);
  });

  it("says nothing while the citizen types or leaves the date: a click on Continue lands, and then the error shows", async () => {
    const form = await mountForm(procedure);
    const [day, month, year] = inputs(form, "/birthDate");
    await userEvent.type(day!, "12");
    await userEvent.tab(); // to the month: still inside the date
    expect(activeDeep()).toBe(month);
    await userEvent.tab();
    expect(activeDeep()).toBe(year);
    await userEvent.tab(); // out of the date
    await settle(form);
    expect(error(form, "/birthDate")).toBe("");
    expect(invalidParts(form, "/birthDate")).toEqual(["false", "false", "false"]);
    // Nothing moves under the pointer between pressing the button and releasing it.
    await userEvent.click(year!);
    await userEvent.click(primary(form));
    await settle(form);
    expect(summaryLinks(form).map(text)).toEqual(["Ngày sinh phải có tháng và năm"]);
    expect(invalidParts(form, "/birthDate")).toEqual(["false", "true", "true"]);
    // Once validated, the field follows what is typed.
    await typeParts(form, "/birthDate", ["12", "6", "2001"]);
    expect(error(form, "/birthDate")).toBe("");
    expect(form.form!.get("/birthDate")).toBe("2001-06-12");
  });

  it("switching the locale translates the labels and the message in place", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["31", "4", "2020"]);
    await pressContinue(form);
    expect(error(form, "/birthDate")).toBe("Lỗi: Ngày sinh phải là một ngày có thật");
    form.locale = "en";
    await settle(form);
    expect(labels(form, "/birthDate")).toEqual(["Day", "Month", "Year"]);
    expect(error(form, "/birthDate")).toBe("Error: Date of birth must be a real date");
    expect(summaryLinks(form).map(text)).toEqual(["Date of birth must be a real date"]);
    // What was typed is kept across the switch.
    expect(inputs(form, "/birthDate").map((i) => i.value)).toEqual(["31", "4", "2020"]);
    await typeParts(form, "/birthDate", ["1", "1", "99999"]);
    expect(error(form, "/birthDate")).toBe("Error: Year must include 4 numbers");
  });

  it("keeps the schema's and the rules' checks on the whole date, marking every part", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["1", "1", "2030"]);
    expect(form.form!.get("/birthDate")).toBe("2030-01-01");
    await pressContinue(form);
    expect(error(form, "/birthDate")).toBe("Lỗi: Ngày sinh phải trước năm 2026");
    expect(invalidParts(form, "/birthDate")).toEqual(["true", "true", "true"]);
    // Empty and required: the schema's message, as for any field.
    await typeParts(form, "/birthDate", ["", "", ""]);
    expect(form.form!.field("/birthDate").errors.map((e) => e.keyword)).toEqual(["required"]);
    expect(error(form, "/birthDate")).toMatch(/bắt buộc/);
  });

  it("a verified date shows as text, as other verified fields do", async () => {
    const form = await mountForm(
      {
        ...procedure,
        sources: { citizen: { title: "Cơ sở dữ liệu quốc gia về dân cư", schema: { type: "object", properties: { birthDate: { type: "string", format: "date" } } } } },
        schema: {
          ...procedure.schema,
          properties: { ...procedure.schema.properties, birthDate: { ...procedure.schema.properties.birthDate, "x-prefill": "$citizen.birthDate", "x-lock": true } },
        },
      },
      { context: { citizen: { birthDate: "1990-03-15" } } },
    );
    const el = field(form, "/birthDate");
    expect(inputs(form, "/birthDate")).toEqual([]);
    expect(text(el.shadowRoot!.querySelector("[part~='verified']"))).toMatch(/^15\/03\/1990 ✔ Đã xác thực/);
    form.locale = "en";
    await settle(form);
    expect(text(el.shadowRoot!.querySelector("[part~='verified']"))).toMatch(/^15 March 1990 ✔ Verified/);
  });
});

describe("<tk-field-month>: a month of a year", () => {
  it("puts YYYY-MM in the data, refuses month 13, and says which part is missing", async () => {
    const form = await mountForm(procedure);
    await typeParts(form, "/birthDate", ["1", "1", "1990"]);
    await typeParts(form, "/livingSince", ["5", "2024"]);
    expect(form.form!.get("/livingSince")).toBe("2024-05");
    await typeParts(form, "/livingSince", ["13", "2024"]);
    expect(form.form!.get("/livingSince")).toBeUndefined();
    await pressContinue(form);
    expect(summaryLinks(form).map(text)).toEqual(["Thời điểm bắt đầu ở: Tháng phải là số từ 1 đến 12"]);
    expect(invalidParts(form, "/livingSince")).toEqual(["true", "false"]);
    await typeParts(form, "/livingSince", ["12", ""]);
    expect(error(form, "/livingSince")).toBe("Lỗi: Thời điểm bắt đầu ở phải có năm");
    await typeParts(form, "/livingSince", ["12", "24"]);
    expect(error(form, "/livingSince")).toBe("Lỗi: Năm phải gồm 4 chữ số");
    form.locale = "en";
    await settle(form);
    expect(error(form, "/livingSince")).toBe("Error: Year must include 4 numbers");
    await typeParts(form, "/livingSince", ["", "2024"]);
    expect(error(form, "/livingSince")).toBe("Error: Month you started living here must include a month");
    await expectAccessible(form, "month, en, error");
    await typeParts(form, "/livingSince", ["12", "2023"]);
    expect(form.form!.get("/livingSince")).toBe("2023-12");
    await pressContinue(form);
    expect(heading(form)).toBe("Note");
    primary(form).click(); // to the review page
    await settle(form);
    const review = text(form.shadowRoot!.querySelector("[part~='review']"));
    expect(review).toContain("December 2023");
    expect(review).toContain("1 January 1990");
    form.locale = "vi";
    await settle(form);
    expect(text(form.shadowRoot!.querySelector("[part~='review']"))).toContain("12/2023");
  });

  it("standalone: a native form gets YYYY-MM, and a bad month is badInput", async () => {
    const host = document.createElement("form");
    const el = document.createElement("tk-field-month");
    el.name = "since";
    el.label = "Từ tháng";
    host.append(el);
    document.body.append(host);
    try {
      await el.updateComplete;
      const [month, year] = [...el.shadowRoot!.querySelectorAll("input")];
      await userEvent.type(month!, "7");
      await userEvent.type(year!, "2022");
      await el.updateComplete;
      expect(el.value).toBe("2022-07");
      expect(new FormData(host).get("since")).toBe("2022-07");
      await userEvent.clear(month!);
      await userEvent.type(month!, "0");
      await el.updateComplete;
      expect(el.value).toBeUndefined();
      expect(el.validity.badInput).toBe(true);
      expect(el.validationMessage).toBe("Tháng phải là số từ 1 đến 12");
      expect(deepQueryAll(el.shadowRoot!, "[aria-invalid='true']")).toEqual([]);
      expect(el.reportValidity()).toBe(false);
      await el.updateComplete;
      expect(deepQueryAll(el.shadowRoot!, "[aria-invalid='true']")).toEqual([month]);
      el.locale = "en";
      await el.updateComplete;
      expect(text(el.shadowRoot!.querySelector("[part~='error']"))).toBe("Error: Month must be a number from 1 to 12");
    } finally {
      host.remove();
    }
  });
});
