import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, modelOf, renderBound, renderStandalone, settle, dateParts, datePartLabels, typeDateParts, expectDatePartsInvalid } from "./support.js";

const TAG = "tk-field-month";
const doc = fieldProcedure("month", {
  schema: { type: "string", format: "year-month", title: "Thời điểm bắt đầu ở tại chỗ ở này", description: "Tháng và năm, ví dụ: 5 2024." },
  prefill: "$citizen.livingSince",
  en: { "": { title: "Month you started living here", description: "The month and year, for example 5 2024." } },
});

const meta = {
  title: "Fields/tk-field-month",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** Nothing known yet: Tháng and Năm become `YYYY-MM` (the `year-month` format). */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(datePartLabels(context.canvasElement)).toEqual(["Tháng", "Năm"]);
    await typeDateParts(context.canvasElement, ["5", "2024"]);
    await expectValue(context.canvasElement, "2024-05");
  },
};

/** Verified data, written for people: 08/2019. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "08/2019"),
};

/** Prefilled but editable. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await expect(dateParts(context.canvasElement).map((i) => i.value)).toEqual(["08", "2019"]);
    await typeDateParts(context.canvasElement, ["9", "2019"]);
    await expectValue(context.canvasElement, "2019-09");
    await expectOrigin(false)(context);
  }),
};

/** After `model.validate()`: required and empty. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** Month 13 is refused, on the month; the data holds nothing. */
export const MonthOutOfRange: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await typeDateParts(context.canvasElement, ["13", "2024"]);
    await expectValue(context.canvasElement, undefined);
    await modelOf(context.canvasElement).validate();
    await expectDatePartsInvalid("Tháng phải là số từ 1 đến 12", [true, false])(context);
  },
};

/** The year is missing. */
export const MissingYear: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await typeDateParts(context.canvasElement, ["5", ""]);
    await modelOf(context.canvasElement).validate();
    await expectDatePartsInvalid("Thời điểm bắt đầu ở tại chỗ ở này phải có năm", [false, true])(context);
  },
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone: plain properties. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Làm việc tại đây từ", hint: "Ví dụ: 5 2024", name: "since", value: "2021-03" },
  play: async (context) => {
    await settle(context);
    await expect(dateParts(context.canvasElement).map((i) => i.value)).toEqual(["03", "2021"]);
  },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "August 2019"),
};

/** English: Month and Year, and the message in English. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en" })],
  play: async (context) => {
    await settle(context);
    await expect(datePartLabels(context.canvasElement)).toEqual(["Month", "Year"]);
    await typeDateParts(context.canvasElement, ["12", "24"]);
    await modelOf(context.canvasElement).validate();
    await expectDatePartsInvalid("Year must include 4 numbers", [false, true])(context);
  },
};
