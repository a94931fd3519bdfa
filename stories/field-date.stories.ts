import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, modelOf, renderBound, renderStandalone, settle, dateParts, datePartLabels, typeDateParts, expectDatePartsInvalid } from "./support.js";

const TAG = "tk-field-date";
const doc = fieldProcedure("date", {
  schema: {
    type: "string",
    format: "date",
    title: "Ngày, tháng, năm sinh",
    description: "Ví dụ: 27 3 2007",
    formatMinimum: "1900-01-01",
    formatMaximum: "2025-12-31",
    "x-widget": "date",
  },
  prefill: "$citizen.birthDate",
  en: { "": { title: "Date of birth", description: "For example, 27 3 2007" } },
});

const meta = {
  title: "Fields/tk-field-date",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** Nothing known yet: Ngày, Tháng, Năm, typed as people write them, become `YYYY-MM-DD`. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(datePartLabels(context.canvasElement)).toEqual(["Ngày", "Tháng", "Năm"]);
    for (const input of dateParts(context.canvasElement)) await expect(input.inputMode).toBe("numeric");
    await typeDateParts(context.canvasElement, ["5", "3", "2000"]);
    await expectValue(context.canvasElement, "2000-03-05");
  },
};

/** Verified data, written for people. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "15/03/1990"),
};

/** Prefilled but editable: the parts show the date; changing one marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await expect(dateParts(context.canvasElement).map((i) => i.value)).toEqual(["15", "03", "1990"]);
    await typeDateParts(context.canvasElement, ["13", "05", "1990"]);
    await expectValue(context.canvasElement, "1990-05-13");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "1990-05-13" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: required and empty; every input is marked. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** A part is missing: the message names it, and only the month is marked; the data holds nothing. */
export const MissingPart: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await typeDateParts(context.canvasElement, ["15", "", "1990"]);
    await expectValue(context.canvasElement, undefined);
    await modelOf(context.canvasElement).validate();
    await expectDatePartsInvalid("Ngày, tháng, năm sinh phải có tháng", [false, true, false])(context);
  },
};

/** 31/02 is not a date: "must be a real date" on the day, never "required". */
export const Impossible: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await typeDateParts(context.canvasElement, ["31", "2", "2024"]);
    await expectValue(context.canvasElement, undefined);
    const errors = await modelOf(context.canvasElement).validate();
    await expect(errors.map((e) => e.message)).toEqual(["Ngày, tháng, năm sinh phải là một ngày có thật"]);
    await expectDatePartsInvalid("Ngày, tháng, năm sinh phải là một ngày có thật", [true, false, false])(context);
  },
};

/** A year of five digits: one error, on the year. */
export const YearDigits: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await typeDateParts(context.canvasElement, ["1", "1", "19900"]);
    await modelOf(context.canvasElement).validate();
    await expectDatePartsInvalid("Năm phải gồm 4 chữ số", [false, false, true])(context);
  },
};

/** After `model.validate()`: later than the schema's `formatMaximum`; the whole date is marked. */
export const TooLate: Story = {
  loaders: [bind(doc, "/plain", { set: { "/plain": "2030-01-01" }, validate: true })],
  play: expectInvalid("31/12/2025"),
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Ngày, tháng, năm sinh", value: "1990-03-15", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: plain properties, `min` and `max`; `autocomplete="bday"` for the citizen's own birth date. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Ngày sinh của bạn", hint: "Ví dụ: 27 3 2007", name: "birthDate", required: true, min: "1900-01-01", autocomplete: "bday" },
  play: async (context) => {
    await settle(context);
    await expect(dateParts(context.canvasElement).map((i) => i.autocomplete)).toEqual(["bday-day", "bday-month", "bday-year"]);
  },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "15 March 1990"),
};

/** English: Day, Month, Year in the same order, and the messages in English. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en" })],
  play: async (context) => {
    await settle(context);
    await expect(datePartLabels(context.canvasElement)).toEqual(["Day", "Month", "Year"]);
    await typeDateParts(context.canvasElement, ["", "", "1990"]);
    await modelOf(context.canvasElement).validate();
    await expectDatePartsInvalid("Date of birth must include a day and month", [true, true, false])(context);
  },
};
