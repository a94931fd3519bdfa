import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-email";
const doc = fieldProcedure("email", {
  schema: { type: "string", title: "Thư điện tử", description: "Để nhận thông báo kết quả.", format: "email", maxLength: 254, "x-widget": "email" },
  prefill: "$citizen.email",
  en: { "": { title: "Email address", description: "To receive the outcome." } },
});

const meta = {
  title: "Fields/tk-field-email",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** Nothing known yet: the citizen types the value, and the model follows. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await userEvent.type(shadowOf(context.canvasElement).querySelector("[part~='control']")!, "an.nguyen@example.vn");
    await expectValue(context.canvasElement, "an.nguyen@example.vn");
  },
};

/** Verified data from the national population database: shown, never editable. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "nguyenvanan@example.vn"),
};

/** Prefilled but editable: the field says where the value came from. Typing marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    const control = shadowOf(context.canvasElement).querySelector<HTMLInputElement>("[part~='control']")!;
    // Select the prefilled text and type over it.
    await userEvent.type(control, "an.nguyen@example.vn", { initialSelectionStart: 0, initialSelectionEnd: control.value.length });
    await expectValue(context.canvasElement, "an.nguyen@example.vn");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value: provenance says edited, the origin note is gone. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "an.nguyen@example.vn" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: the message is shown and the control is aria-invalid. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { set: { "/plain": "an.nguyen@" }, validate: true })],
  play: expectInvalid("ten@example.com"),
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Thư điện tử", value: "nguyenvanan@example.vn", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: plain properties, for use inside a native `<form>`. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Thư điện tử", name: "email", required: true },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "National population database"),
};

/** English: the label comes from the procedure's `i18n`, the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", set: { "/plain": "an.nguyen@" }, validate: true })],
  play: expectInvalid("name@example.com"),
};
