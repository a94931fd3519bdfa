import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-textarea";
const doc = fieldProcedure("textarea", {
  schema: { type: "string", title: "Nơi làm việc", description: "Tên cơ quan, tổ chức và địa chỉ.", maxLength: 500, "x-widget": "textarea" },
  prefill: "$citizen.workplace",
  en: { "": { title: "Workplace", description: "Name and address of the employer." } },
});

const meta = {
  title: "Fields/tk-field-textarea",
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
    await userEvent.type(shadowOf(context.canvasElement).querySelector("[part~='control']")!, "Trường Tiểu học Bến Thành, số 3 đường Lê Lợi");
    await expectValue(context.canvasElement, "Trường Tiểu học Bến Thành, số 3 đường Lê Lợi");
  },
};

/** Verified data from the national population database: shown, never editable. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Công ty TNHH Minh Phát"),
};

/** Prefilled but editable: the field says where the value came from. Typing marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    const control = shadowOf(context.canvasElement).querySelector<HTMLInputElement>("[part~='control']")!;
    // Select the prefilled text and type over it.
    await userEvent.type(control, "Trường Tiểu học Bến Thành, số 3 đường Lê Lợi", { initialSelectionStart: 0, initialSelectionEnd: control.value.length });
    await expectValue(context.canvasElement, "Trường Tiểu học Bến Thành, số 3 đường Lê Lợi");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value: provenance says edited, the origin note is gone. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "Trường Tiểu học Bến Thành, số 3 đường Lê Lợi" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: the message is shown and the control is aria-invalid. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { set: { "/plain": "x".repeat(501) }, validate: true })],
  play: expectInvalid("500"),
};

/** `x-readonly` is true. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Nơi làm việc", value: "Công ty TNHH Minh Phát", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: plain properties, for use inside a native `<form>`. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Nơi làm việc", name: "textarea", required: true },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "National population database"),
};

/** English: the label comes from the procedure's `i18n`, the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", set: { "/plain": "x".repeat(501) }, validate: true })],
  play: expectInvalid("500"),
};
