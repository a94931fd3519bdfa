import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-text";
const doc = fieldProcedure("text", {
  schema: { type: "string", title: "Họ, chữ đệm và tên", description: "Viết có dấu, như trên thẻ căn cước.", maxLength: 100, "x-widget": "text" },
  prefill: "$citizen.fullName",
  en: { "": { title: "Full name", description: "With diacritics, as on the identity card." } },
});

const meta = {
  title: "Fields/tk-field-text",
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
    const input = shadowOf(context.canvasElement).querySelector("input")!;
    await userEvent.type(input, "Trần Thị Bình");
    await expectValue(context.canvasElement, "Trần Thị Bình");
  },
};

/** Verified data from the national population database: shown, never editable. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Nguyễn Văn An"),
};

/** Prefilled but editable: the field says where the value came from. Typing marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    const input = shadowOf(context.canvasElement).querySelector("input")!;
    await userEvent.type(input, " Bình");
    await expectValue(context.canvasElement, "Nguyễn Văn An Bình");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value: provenance says edited, the origin note is gone. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "Nguyễn Văn Bình" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: the message is shown and the input is aria-invalid. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("Thông tin bắt buộc"),
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Họ, chữ đệm và tên", value: "Nguyễn Văn An", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: plain properties, for use inside a native `<form>`. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Họ, chữ đệm và tên", hint: "Viết có dấu.", name: "fullName", required: true },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "National population database"),
};

/** English: the error message and the label come from the procedure's `i18n` and the engine's messages. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: expectInvalid(/required/i),
};
