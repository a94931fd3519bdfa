import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-personal-id";
const doc = fieldProcedure("personal-id", {
  schema: { type: "string", title: "Số định danh cá nhân", description: "12 chữ số, in trên thẻ căn cước.", format: "vn-personal-id", "x-widget": "personal-id" },
  prefill: "$citizen.personalId",
  en: { "": { title: "Personal identification number", description: "12 digits, printed on the identity card." } },
});

const meta = {
  title: "Fields/tk-field-personal-id",
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
    await userEvent.type(shadowOf(context.canvasElement).querySelector("[part~='control']")!, "079192004567");
    await expectValue(context.canvasElement, "079192004567");
  },
};

/** Verified data from the national population database: shown, never editable. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "001090012345"),
};

/** Prefilled but editable: the field says where the value came from. Typing marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    const control = shadowOf(context.canvasElement).querySelector<HTMLInputElement>("[part~='control']")!;
    // Select the prefilled text and type over it.
    await userEvent.type(control, "079192004567", { initialSelectionStart: 0, initialSelectionEnd: control.value.length });
    await expectValue(context.canvasElement, "079192004567");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value: provenance says edited, the origin note is gone. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "079192004567" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: the message is shown and the control is aria-invalid. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { set: { "/plain": "0010900" }, validate: true })],
  play: expectInvalid("đúng 12 chữ số"),
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Số định danh cá nhân", value: "001090012345", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: plain properties, for use inside a native `<form>`. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Số định danh cá nhân", name: "personal-id", required: true },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "National population database"),
};

/** English: the label comes from the procedure's `i18n`, the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", set: { "/plain": "0010900" }, validate: true })],
  play: expectInvalid("exactly 12 digits"),
};
