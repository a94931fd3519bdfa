import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-checkbox";
const doc = fieldProcedure("checkbox", {
  schema: { type: "boolean", title: "Nhận thông báo kết quả qua thư điện tử", description: "Ngoài tin nhắn SMS.", "x-widget": "checkbox" },
  prefill: "$citizen.emailNotifications",
  en: { "": { title: "Get the outcome by email", description: "Besides a text message." } },
});

const meta = {
  title: "Fields/tk-field-checkbox",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const box = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector("input")!;

/** Not answered yet: a click checks it (`true`). The field is required, so unchecking is "no answer". */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await userEvent.click(box(context.canvasElement));
    await expectValue(context.canvasElement, true);
    await userEvent.click(box(context.canvasElement));
    await expectValue(context.canvasElement, undefined);
  },
};

/** Verified data: "Có" (yes). */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Có"),
};

/** Prefilled but editable: unchecking marks it edited (`false`: not required). */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await userEvent.click(box(context.canvasElement));
    await expectValue(context.canvasElement, false);
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": false } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: required and not checked. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** `x-readonly` is true: the box is disabled. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Thuộc diện miễn lệ phí", value: true, disabled: true },
  play: expectNotEditable(),
};

/** Standalone: a declaration that must be checked. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: {
    label: "Tôi cam đoan những nội dung khai trên là đúng sự thật.",
    name: "declaration",
    required: true,
  },
  play: async (context) => {
    await settle(context);
    await userEvent.click(box(context.canvasElement));
    await expectValue(context.canvasElement, true);
  },
};

/** English: verified data, "Yes". */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "Yes"),
};

/** English: the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: expectInvalid(/required/i),
};
