import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-checkboxes";
const doc = fieldProcedure("checkboxes", {
  schema: {
    type: "array",
    title: "Đối tượng ưu tiên",
    description: "Chọn tất cả các trường hợp đúng.",
    uniqueItems: true,
    items: {
      type: "string",
      oneOf: [
        { const: "elderly", title: "Người cao tuổi" },
        { const: "disabled", title: "Người khuyết tật" },
        { const: "poor", title: "Hộ nghèo" },
      ],
    },
    "x-widget": "checkboxes",
  },
  // An array constructor: JSONata would make a one-item array a single value.
  prefill: "[$citizen.priorityGroups]",
  en: { "": { title: "Priority groups", description: "Select all that apply.", enum: { elderly: "Elderly", disabled: "Disability", poor: "Poor household" } } },
});

const meta = {
  title: "Fields/tk-field-checkboxes",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const box = (canvasElement: HTMLElement, label: string) => {
  const found = [...shadowOf(canvasElement).querySelectorAll("label")].find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no checkbox labelled ${label}`);
  return found;
};

/** Nothing chosen yet: the value is the checked options' values, in the options' order. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await userEvent.click(box(context.canvasElement, "Hộ nghèo"));
    await userEvent.click(box(context.canvasElement, "Người cao tuổi"));
    await expectValue(context.canvasElement, ["elderly", "poor"]);
  },
};

/** Verified data: the labels of the values. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Người cao tuổi"),
};

/** Prefilled but editable: the field says where the value came from; checking another marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await userEvent.click(box(context.canvasElement, "Người khuyết tật"));
    await expectValue(context.canvasElement, ["elderly", "disabled"]);
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": ["poor"] } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: required and nothing checked. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** `x-readonly` is true: the boxes are disabled. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

const documents = [
  { value: "cccd", label: "Thẻ căn cước" },
  { value: "hop-dong", label: "Hợp đồng thuê nhà" },
  { value: "so-do", label: "Giấy chứng nhận quyền sử dụng đất" },
];

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Giấy tờ kèm theo", options: documents, value: ["cccd"], disabled: true },
  play: expectNotEditable(),
};

/** Standalone: the `options` property. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Giấy tờ kèm theo", hint: "Chọn tất cả các giấy tờ nộp kèm.", name: "documents", options: documents },
  play: async (context) => {
    await settle(context);
    await userEvent.click(box(context.canvasElement, "Hợp đồng thuê nhà"));
    await expectValue(context.canvasElement, ["hop-dong"]);
  },
};

/** English: verified data, labels from `i18n`. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "Elderly"),
};

/** English: the message from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: expectInvalid(/required/i),
};
