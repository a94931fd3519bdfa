import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-number";
const doc = fieldProcedure("number", {
  schema: { type: "integer", title: "Số người trong hộ", description: "Kể cả người đề nghị.", minimum: 1, maximum: 50, "x-widget": "number" },
  prefill: "$citizen.householdSize",
  en: { "": { title: "People in the household", description: "Including the applicant." } },
});

const meta = {
  title: "Fields/tk-field-number",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const input = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector("input")!;

/** Nothing known yet: what the citizen types becomes a number. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await userEvent.type(input(context.canvasElement), "12");
    await expectValue(context.canvasElement, 12);
  },
};

/** Verified data: shown, never editable. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "4"),
};

/** Prefilled but editable: typing over it marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    const control = input(context.canvasElement);
    await userEvent.type(control, "5", { initialSelectionStart: 0, initialSelectionEnd: control.value.length });
    await expectValue(context.canvasElement, 5);
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": 5 } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: below the schema's `minimum`. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { set: { "/plain": 0 }, validate: true })],
  play: expectInvalid(),
};

/** Text that is not a number is kept as typed, and validation says so. */
export const NotANumber: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await userEvent.type(input(context.canvasElement), "mười hai");
    await expectValue(context.canvasElement, "mười hai");
    await context.loaded["field"].model.validate();
    await expectInvalid()(context);
    await expect(input(context.canvasElement).value).toBe("mười hai");
  },
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Số người trong hộ", value: 4, disabled: true },
  play: expectNotEditable(),
};

/** Standalone, Vietnamese number writing: `1.500.000` is one and a half million, `12,5` twelve and a half. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Diện tích sàn (m²)", hint: "Ví dụ: 62,5", name: "area", min: 1 },
  play: async (context) => {
    await settle(context);
    await userEvent.type(input(context.canvasElement), "1.500.000");
    await expectValue(context.canvasElement, 1500000);
    const control = input(context.canvasElement);
    await userEvent.type(control, "62,5", { initialSelectionStart: 0, initialSelectionEnd: control.value.length });
    await expectValue(context.canvasElement, 62.5);
  },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "National population database"),
};

/** English: the label from `i18n`, the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", set: { "/plain": 0 }, validate: true })],
  play: expectInvalid(),
};
