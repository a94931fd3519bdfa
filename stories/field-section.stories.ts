import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument, SchemaNode } from "@tokhai/core";
import { expect, userEvent } from "storybook/test";
import { bind, deep, deepAll, expectNotEditable, FULL, renderBound, settle, shadowOf, SOURCES } from "./support.js";

const TAG = "tk-field-section";

const applicant = (extra: Partial<SchemaNode> = {}): SchemaNode => ({
  type: "object",
  title: "Thông tin người đề nghị",
  description: "Thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư được điền sẵn.",
  "x-widget": "section",
  properties: {
    fullName: { type: "string", title: "Họ, chữ đệm và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
    personalId: { type: "string", title: "Số định danh cá nhân", format: "vn-personal-id", "x-prefill": "$citizen.personalId", "x-lock": true },
    phone: { type: "string", title: "Số điện thoại liên hệ", format: "vn-phone", "x-prefill": "$citizen.phone" },
    email: { type: "string", title: "Thư điện tử", format: "email" },
  },
  required: ["fullName", "personalId", "phone"],
  "x-rules": [
    {
      assert: "$exists($value.phone) or $exists($value.email)",
      message: { vi: "Cần ít nhất một cách liên hệ: số điện thoại hoặc thư điện tử.", en: "Give at least one way to reach you: a phone number or an email address." },
    },
  ],
  ...extra,
});

const en = (root: string) => ({
  [root]: { title: "Applicant", description: "What the national population database holds is filled in.", rules: ["Give at least one way to reach you: a phone number or an email address."] },
  [`${root}/fullName`]: { title: "Full name" },
  [`${root}/personalId`]: { title: "Personal identification number" },
  [`${root}/phone`]: { title: "Phone number" },
  [`${root}/email`]: { title: "Email address" },
});

const doc: ProcedureDocument = {
  id: "vn.storybook.section",
  version: "1.0.0",
  title: "Ví dụ: section",
  sources: SOURCES,
  schema: {
    type: "object",
    properties: {
      applicant: applicant(),
      readonlyApplicant: applicant({ "x-readonly": "true" }),
      // Verified as a whole: `x-prefill` and `x-lock` on the object.
      lockedContact: {
        type: "object",
        title: "Thông tin liên hệ",
        "x-widget": "section",
        "x-prefill": "$citizen.{ 'phone': phone, 'email': email }",
        "x-lock": true,
        properties: { phone: { type: "string", title: "Số điện thoại" }, email: { type: "string", title: "Thư điện tử" } },
      },
    },
    required: ["applicant"],
  },
  i18n: { en: { ...en("/applicant"), ...en("/readonlyApplicant") } },
};

const meta = {
  title: "Fields/tk-field-section",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const child = (canvasElement: HTMLElement, name: string) => deep(shadowOf(canvasElement), `[pointer$="/${name}"]`)!;

/** Nothing known: every field of the section is empty and editable; each is its own element. */
export const Empty: Story = {
  loaders: [bind(doc, "/applicant")],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("legend")).toHaveTextContent("Thông tin người đề nghị");
    await expect(deepAll(shadowOf(context.canvasElement), "[pointer]").length).toBe(4);
    await userEvent.type(child(context.canvasElement, "email").shadowRoot!.querySelector("input")!, "an@example.vn");
    await expect(context.loaded["field"].model.get("/applicant/email")).toBe("an@example.vn");
  },
};

/** Prefilled: name and number are verified data, the phone is prefilled but editable. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/applicant", { context: FULL })],
  play: async (context) => {
    await settle(context);
    const verified = deepAll(shadowOf(context.canvasElement), "[part~='verified']");
    await expect(verified.length).toBe(2);
    await expect(verified[0]).toHaveTextContent("Đã xác thực");
    await expect(child(context.canvasElement, "phone").shadowRoot!.querySelector("[part~='origin']")).toHaveTextContent("có thể sửa");
  },
};

/** Verified as a whole (`x-lock` on the object): its fields are shown, each verified. */
export const PrefilledLockedObject: Story = {
  loaders: [bind(doc, "/lockedContact", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(deepAll(shadowOf(context.canvasElement), "[pointer]").length).toBe(2);
    await expect(deepAll(shadowOf(context.canvasElement), "[part~='verified']").length).toBe(2);
  },
};

/** The citizen changed the prefilled phone: its origin note is gone. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/applicant", { context: FULL, set: { "/applicant/phone": "0987654321" } })],
  play: async (context) => {
    await settle(context);
    await expect(child(context.canvasElement, "phone").shadowRoot!.querySelector("[part~='origin']")).toBeNull();
    await expect(context.loaded["field"].model.field("/applicant/phone").provenance).toMatchObject({ source: "citizen", edited: true });
  },
};

/** After `model.validate()`: each field shows its own error, and the section its rule's. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/applicant", { validate: true })],
  play: async (context) => {
    await settle(context);
    const root = shadowOf(context.canvasElement);
    await expect(root.querySelector("[part~='error']")).toHaveTextContent("Cần ít nhất một cách liên hệ");
    await expect(child(context.canvasElement, "fullName").shadowRoot!.querySelector("[part~='error']")).toHaveTextContent("bắt buộc");
    await expect(child(context.canvasElement, "fullName").shadowRoot!.querySelector("input")).toHaveAttribute("aria-invalid", "true");
  },
};

/** `x-readonly` on the section: every field in it is read-only. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonlyApplicant", { context: FULL })],
  play: expectNotEditable(),
};

/** English: titles from `i18n`, verified data in English. */
export const English: Story = {
  loaders: [bind(doc, "/applicant", { context: FULL, locale: "en" })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("legend")).toHaveTextContent("Applicant");
    await expect(deep(shadowOf(context.canvasElement), "[part~='verified']")).toHaveTextContent("Verified");
  },
};

/** English: the section's rule message from `i18n`. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/applicant", { locale: "en", validate: true })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='error']")).toHaveTextContent("Give at least one way to reach you");
  },
};
