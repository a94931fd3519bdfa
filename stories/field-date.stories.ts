import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, fireEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-date";
const doc = fieldProcedure("date", {
  schema: { type: "string", format: "date", title: "Ngày, tháng, năm sinh", formatMinimum: "1900-01-01", formatMaximum: "2025-12-31", "x-widget": "date" },
  prefill: "$citizen.birthDate",
  en: { "": { title: "Date of birth" } },
});

const meta = {
  title: "Fields/tk-field-date",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const input = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector("input")!;

/** Nothing known yet: a date picked becomes `YYYY-MM-DD`. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    const control = input(context.canvasElement);
    await expect(control.min).toBe("1900-01-01");
    await expect(control.max).toBe("2025-12-31");
    await fireEvent.input(control, { target: { value: "2000-01-31" } });
    await expectValue(context.canvasElement, "2000-01-31");
  },
};

/** Verified data, written for people. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "1990"),
};

/** Prefilled but editable: changing it marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await expect(input(context.canvasElement).value).toBe("1990-03-15");
    await fireEvent.input(input(context.canvasElement), { target: { value: "1990-05-13" } });
    await expectValue(context.canvasElement, "1990-05-13");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "1990-05-13" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: required and empty. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** After `model.validate()`: later than the schema's `formatMaximum`. */
export const TooLate: Story = {
  loaders: [bind(doc, "/plain", { set: { "/plain": "2030-01-01" }, validate: true })],
  play: expectInvalid(),
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

/** Standalone: plain properties, `min` and `max`. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Ngày chuyển đến", name: "moveIn", required: true, min: "2025-01-01" },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "1990"),
};

/** English: the label from `i18n`, the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: expectInvalid(/required/i),
};
