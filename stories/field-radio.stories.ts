import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-radio";
const doc = fieldProcedure("radio", {
  schema: { type: "string", title: "Giới tính", oneOf: [{ const: "M", title: "Nam" }, { const: "F", title: "Nữ" }], "x-widget": "radio" },
  prefill: "$citizen.sex",
  en: { "": { title: "Sex", enum: { M: "Male", F: "Female" } } },
});

const meta = {
  title: "Fields/tk-field-radio",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const radio = (canvasElement: HTMLElement, label: string) => {
  const labels = [...shadowOf(canvasElement).querySelectorAll("label")];
  const found = labels.find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no radio labelled ${label}`);
  return found;
};

/** Nothing chosen yet: a click on a label chooses. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("fieldset legend")).toHaveTextContent("Giới tính");
    await userEvent.click(radio(context.canvasElement, "Nữ"));
    await expectValue(context.canvasElement, "F");
  },
};

/** Verified data: the choice's label. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Nam"),
};

/** Prefilled but editable: choosing the other marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await userEvent.click(radio(context.canvasElement, "Nữ"));
    await expectValue(context.canvasElement, "F");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "F" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: every radio is aria-invalid. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** `x-readonly` is true: the radios are disabled. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

const ownership = [
  { value: "owner", label: "Chỗ ở thuộc quyền sở hữu của tôi" },
  { value: "rent", label: "Thuê, mượn, ở nhờ" },
  { value: "relative", label: "Về ở với người thân" },
];

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Chỗ ở hợp pháp", options: ownership, value: "rent", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: the `options` property. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Chỗ ở hợp pháp", hint: "Căn cứ đăng ký thường trú.", name: "ownership", options: ownership, required: true },
  play: async (context) => {
    await settle(context);
    await userEvent.click(radio(context.canvasElement, "Thuê, mượn, ở nhờ"));
    await expectValue(context.canvasElement, "rent");
  },
};

/** English: verified data, the label translated by `i18n`. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "Male"),
};

/** English: the message from the engine, the choices from `i18n`. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: all(expectInvalid(/required/i), async (context) => {
    radio(context.canvasElement, "Female");
  }),
};
