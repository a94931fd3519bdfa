import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent } from "storybook/test";
import { all, bind, expectInvalid, expectNotEditable, expectOrigin, expectValue, expectVerified, FULL, fieldProcedure, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-select";
const doc = fieldProcedure("select", {
  schema: {
    type: "string",
    title: "Tỉnh, thành phố",
    description: "Theo danh mục sau sắp xếp năm 2025.",
    "x-widget": "select",
    "x-options": "$catalog.provinces.{ 'value': code, 'label': name }",
  },
  prefill: "$citizen.permanentAddress.provinceCode",
  en: { "": { title: "Province or city", description: "From the catalogue after the 2025 reorganisation." } },
});

const meta = {
  title: "Fields/tk-field-select",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const select = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector("select")!;
/** The `<option>` with that text (lit's markers make user-event's own text match fail). */
const option = (canvasElement: HTMLElement, label: string) => {
  const found = [...select(canvasElement).options].find((o) => o.textContent?.trim() === label);
  if (!found) throw new Error(`no option ${label}`);
  return found;
};

/** Nothing chosen yet: the choices come from `x-options` (the catalogue source). */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(select(context.canvasElement).options.length).toBe(4); // "— Chọn —" and three provinces
    await userEvent.selectOptions(select(context.canvasElement), option(context.canvasElement, "Thành phố Đà Nẵng"));
    await expectValue(context.canvasElement, "48");
  },
};

/** Verified data: the choice's label is shown, not its code. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Thành phố Hồ Chí Minh"),
};

/** Prefilled but editable: choosing another marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    await userEvent.selectOptions(select(context.canvasElement), option(context.canvasElement, "Thành phố Hà Nội"));
    await expectValue(context.canvasElement, "01");
    await expectOrigin(false)(context);
  }),
};

/** The citizen changed the prefilled value. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable": "01" } })],
  play: expectOrigin(false),
};

/** After `model.validate()`: required and empty. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** `x-readonly` is true: the list is disabled. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

const relations = [
  { value: "vo", label: "Vợ" },
  { value: "chong", label: "Chồng" },
  { value: "con", label: "Con" },
  { value: "cha", label: "Cha" },
  { value: "me", label: "Mẹ" },
  { value: "khac", label: "Khác" },
];

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Quan hệ với chủ hộ", options: relations, value: "con", disabled: true },
  play: expectNotEditable(),
};

/** Standalone: the `options` property. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Quan hệ với chủ hộ", name: "relation", options: relations, required: true },
  play: async (context) => {
    await settle(context);
    await userEvent.selectOptions(select(context.canvasElement), option(context.canvasElement, "Mẹ"));
    await expectValue(context.canvasElement, "me");
  },
};

/** English: verified data. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "Thành phố Hồ Chí Minh"),
};

/** English: the label from `i18n`, the message and "— Select —" in English. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: all(expectInvalid(/required/i), async (context) => {
    await expect(select(context.canvasElement).options[0]).toHaveTextContent("Select");
  }),
};
