import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { SchemaNode } from "@tokhai/core";
import { expect, userEvent, waitFor } from "storybook/test";
import { bind, deep, deepAll, inChildFields, FULL, fieldProcedure, modelOf, renderBound, settle, shadowOf } from "./support.js";

const TAG = "tk-field-repeat";
const members: SchemaNode = {
  type: "array",
  title: "Thành viên cùng chuyển đến",
  description: "Những người trong hộ cùng đăng ký thường trú.",
  "x-widget": "repeat",
  maxItems: 5,
  items: {
    type: "object",
    title: "Thành viên",
    properties: {
      fullName: { type: "string", title: "Họ, chữ đệm và tên", maxLength: 100 },
      birthDate: { type: "string", format: "date", title: "Ngày sinh" },
      relation: {
        type: "string",
        title: "Quan hệ với người đề nghị",
        oneOf: [
          { const: "vo", title: "Vợ" },
          { const: "chong", title: "Chồng" },
          { const: "con", title: "Con" },
          { const: "cha", title: "Cha" },
          { const: "me", title: "Mẹ" },
          { const: "khac", title: "Khác" },
        ],
      },
    },
    required: ["fullName", "relation"],
  },
};
/** The rows' fields locked, as the example procedure does: prefilled rows are verified, added rows are not. */
const lockedRows: SchemaNode = {
  ...members,
  "x-lock": false,
  items: {
    ...members.items,
    properties: Object.fromEntries(Object.entries(members.items!.properties!).map(([name, field]) => [name, { ...field, "x-lock": true }])),
  },
};
const doc = fieldProcedure("repeat", {
  // `/plain` must have a row (minItems 1); `/locked` locks the fields of the prefilled rows.
  schema: (name) => (name === "plain" ? { ...members, minItems: 1 } : name === "locked" ? lockedRows : members),
  prefill: "[$household.members]",
  // `x-lock` on the array itself: the rows cannot change at all.
  others: { lockedArray: { ...members, "x-prefill": "[$household.members]", "x-lock": true } },
  en: {
    "": { title: "Members moving too", description: "Household members registering with you." },
    "/-/fullName": { title: "Full name" },
    "/-/birthDate": { title: "Date of birth" },
    "/-/relation": { title: "Relationship to the applicant", enum: { vo: "Wife", chong: "Husband", con: "Child", cha: "Father", me: "Mother", khac: "Other" } },
  },
});

const meta = {
  title: "Fields/tk-field-repeat",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const rows = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelectorAll("[part~='row']");
const button = (canvasElement: HTMLElement, selector: string) => shadowOf(canvasElement).querySelector<HTMLButtonElement>(selector)!;

/** No rows yet: "Add" creates one and focuses its first field. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector(".empty")).toHaveTextContent("Chưa có mục nào");
    await userEvent.click(button(context.canvasElement, "[part~='add']"));
    await waitFor(() => expect(rows(context.canvasElement).length).toBe(1));
    await settle(context);
    const name = deep<HTMLInputElement>(shadowOf(context.canvasElement), "[pointer='/plain/0/fullName']")!.shadowRoot!.querySelector("input")!;
    await userEvent.type(name, "Nguyễn Thị Cúc");
    await expect(modelOf(context.canvasElement).get("/plain/0/fullName")).toBe("Nguyễn Thị Cúc");
  },
};

/** Rows from the household record with their fields locked: verified; rows can still be added and removed. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(rows(context.canvasElement).length).toBe(2);
    await expect(inChildFields(shadowOf(context.canvasElement), "[part~='verified']").length).toBe(6);
    await expect(deepAll(shadowOf(context.canvasElement), "input, select").length).toBe(0);
    await userEvent.click(button(context.canvasElement, "[part~='add']"));
    await waitFor(() => expect(rows(context.canvasElement).length).toBe(3));
    await settle(context);
    // The added row is the citizen's own: editable.
    await expect(deep(shadowOf(context.canvasElement), "[pointer='/locked/2/fullName']")!.shadowRoot!.querySelector("input")).not.toBeNull();
  },
};

/** `x-lock` on the array: its rows are shown, every field verified, with no buttons. */
export const PrefilledLockedArray: Story = {
  loaders: [bind(doc, "/lockedArray", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(rows(context.canvasElement).length).toBe(2);
    await expect(inChildFields(shadowOf(context.canvasElement), "[part~='verified']").length).toBe(6);
    await expect(shadowOf(context.canvasElement).querySelector("button")).toBeNull();
  },
};

/** Rows prefilled but editable: each field says where it came from; rows can be removed and moved. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(inChildFields(shadowOf(context.canvasElement), "[part~='origin']").length).toBe(6);
    await userEvent.click(button(context.canvasElement, "[data-row='0'] [data-action='down']"));
    await expect(modelOf(context.canvasElement).get("/editable/0/fullName")).toBe("Nguyễn Minh Khôi");
    await userEvent.click(button(context.canvasElement, "[data-row='1'] [data-action='remove']"));
    await waitFor(() => expect(rows(context.canvasElement).length).toBe(1));
    await expect(modelOf(context.canvasElement).get("/editable")).toHaveLength(1);
  },
};

/** The citizen corrected a prefilled name: that field's origin note is gone, the others keep theirs. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable/0/fullName": "Trần Thị Bích" } })],
  play: async (context) => {
    await settle(context);
    await expect(inChildFields(shadowOf(context.canvasElement), "[part~='origin']").length).toBe(5);
    await expect(modelOf(context.canvasElement).field("/editable/0/fullName").provenance).toMatchObject({ source: "household", edited: true });
  },
};

/** After `model.validate()`: fewer rows than `minItems`. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='error']")).not.toBeNull();
    await expect(context.canvasElement.querySelector<HTMLElement & { checkValidity(): boolean }>(TAG)!.checkValidity()).toBe(false);
  },
};

/** After `model.validate()`: a row's required fields. */
export const RowErrors: Story = {
  loaders: [bind(doc, "/plain", { set: { "/plain": [{ birthDate: "2018-05-02" }] }, validate: true })],
  play: async (context) => {
    await settle(context);
    const name = deep(shadowOf(context.canvasElement), "[pointer='/plain/0/fullName']")!.shadowRoot!;
    await expect(name.querySelector("[part~='error']")).toHaveTextContent("bắt buộc");
    await expect(name.querySelector("input")).toHaveAttribute("aria-invalid", "true");
  },
};

/** `x-readonly` is true: no add, remove or move buttons. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(rows(context.canvasElement).length).toBe(2);
    await expect(shadowOf(context.canvasElement).querySelector("button")).toBeNull();
  },
};

/** At `maxItems` the add button is disabled. */
export const Full: Story = {
  loaders: [
    bind(doc, "/editable", {
      context: { ...FULL, household: { members: Array.from({ length: 5 }, (_, i) => ({ fullName: `Thành viên ${i + 1}`, relation: "con" })) } },
    }),
  ],
  play: async (context) => {
    await settle(context);
    await expect(button(context.canvasElement, "[part~='add']")).toBeDisabled();
  },
};

/** English: titles and choices from `i18n`. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("legend")).toHaveTextContent("Members moving too");
    await expect(shadowOf(context.canvasElement).querySelector("[part~='row-label']")).toHaveTextContent("Item 1");
    await expect(deep(shadowOf(context.canvasElement), "[pointer='/locked/0/relation']")!.shadowRoot!.querySelector("[part~='verified']")).toHaveTextContent("Wife");
  },
};

/** English: an empty list and its error. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector(".empty")).toHaveTextContent("No items yet");
    await expect(shadowOf(context.canvasElement).querySelector("[part~='error']")).not.toBeNull();
  },
};
