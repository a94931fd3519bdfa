import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { LookupResolver, ProcedureDocument } from "@tokhai/core";
import { expect, userEvent, waitFor } from "storybook/test";
import { deep, FORM_STORY, formField, formRoot } from "./support.js";

/**
 * A lookup in a register while the citizen answers (issue 17): the other party of a marriage, found by
 * the personal ID typed. Each story shows one state a citizen meets: found (verified), being looked up,
 * not found, and a register that cannot be reached (with "try again").
 */
const doc: ProcedureDocument = {
  id: "vn.storybook.lookup",
  version: "1.0.0",
  title: "Thông tin bên kết hôn",
  lookups: {
    party2: {
      title: { vi: "Cơ sở dữ liệu quốc gia về dân cư", en: "the national population database" },
      input: "$length(party2.personalId) = 12 ? party2.personalId",
      schema: { type: "object", properties: { fullName: { type: "string" }, birthDate: { type: "string", format: "date" } } },
    },
  },
  schema: {
    type: "object",
    properties: {
      party2: {
        type: "object",
        title: "Bên nữ",
        "x-widget": "section",
        properties: {
          personalId: { type: "string", title: "Số định danh cá nhân", format: "vn-personal-id" },
          fullName: { type: "string", title: "Họ, chữ đệm, tên", "x-prefill": "$party2.fullName", "x-lock": true },
          birthDate: { type: "string", format: "date", title: "Ngày, tháng, năm sinh", "x-prefill": "$party2.birthDate" },
        },
        required: ["personalId", "fullName", "birthDate"],
      },
    },
  },
  i18n: {
    en: {
      title: "The other party",
      "/party2": { title: "Bride" },
      "/party2/personalId": { title: "Personal identification number" },
      "/party2/fullName": { title: "Full name" },
      "/party2/birthDate": { title: "Date of birth" },
    },
  },
};

const RECORDS: Record<string, unknown> = { "001195000123": { fullName: "Trần Thị Bình", birthDate: "1995-04-02" } };
const found: LookupResolver = async (_name, input) => RECORDS[String(input)];
const never: LookupResolver = () => new Promise(() => {});
let down = true;
const flaky: LookupResolver = async (_name, input) => {
  if (down) throw new Error("503 Service Unavailable");
  return RECORDS[String(input)];
};

const load = (lookup: LookupResolver) => async () => ({ procedure: doc, context: {}, lookup, lookupDelay: 0 });

const meta = { title: "Form/tk-form lookups", ...FORM_STORY } satisfies Meta;
export default meta;
type Story = StoryObj;

const idInput = (canvas: HTMLElement) => deep<HTMLInputElement>(formField(canvas, "/party2/personalId"), "input")!;
const status = (canvas: HTMLElement, pointer: string) => formField(canvas, pointer).querySelector("[part~='lookup']");

async function typeId(canvas: HTMLElement, id: string): Promise<void> {
  await waitFor(() => expect(idInput(canvas)).toBeTruthy());
  await userEvent.type(idInput(canvas), id);
}

/** Found: the other party's name is verified data, from the register. */
export const Found: Story = {
  loaders: [load(found)],
  play: async ({ canvasElement }) => {
    await typeId(canvasElement, "001195000123");
    await waitFor(() => expect(formField(canvasElement, "/party2/fullName").querySelector("[part~='verified']")).toHaveTextContent("Trần Thị Bình"));
    await expect(formField(canvasElement, "/party2/fullName").querySelector("[part~='verified']")).toHaveTextContent("Từ Cơ sở dữ liệu quốc gia về dân cư");
  },
};

/** The register is being asked: a polite status at the ID and at the fields it will fill; focus stays in the ID. */
export const LookingUp: Story = {
  loaders: [load(never)],
  play: async ({ canvasElement }) => {
    await typeId(canvasElement, "001195000123");
    await waitFor(() => expect(status(canvasElement, "/party2/personalId")).toHaveTextContent("Đang tra cứu Cơ sở dữ liệu quốc gia về dân cư…"), { timeout: 5000 });
    await expect(status(canvasElement, "/party2/personalId")).toHaveAttribute("role", "status");
    await expect(status(canvasElement, "/party2/fullName")).toHaveTextContent("Đang tra cứu");
  },
};

/** Nothing found for the ID typed: said at the ID, in English here; the other fields stay editable. */
export const NotFound: Story = {
  args: { locale: "en" },
  loaders: [load(found)],
  play: async ({ canvasElement }) => {
    await typeId(canvasElement, "001195000999");
    await waitFor(() => expect(status(canvasElement, "/party2/personalId")).toHaveTextContent("Nothing was found in the national population database"), { timeout: 5000 });
    await expect(formField(canvasElement, "/party2/fullName").querySelector("input")).not.toBeNull();
  },
};

/** The register cannot be reached: the message and "Thử lại"; pressed once the register is back, the record comes. */
export const Unreachable: Story = {
  loaders: [
    async () => {
      down = true;
      return load(flaky)();
    },
  ],
  play: async ({ canvasElement }) => {
    await typeId(canvasElement, "001195000123");
    await waitFor(() => expect(status(canvasElement, "/party2/personalId")).toHaveTextContent("Chưa kết nối được với Cơ sở dữ liệu quốc gia về dân cư. Hãy thử lại."), { timeout: 5000 });
    const retry = formField(canvasElement, "/party2/personalId").querySelector<HTMLButtonElement>("[part~='lookup-retry']")!;
    await expect(retry).toHaveTextContent("Thử lại");
    await expect(idInput(canvasElement).value).toBe("001195000123");
    down = false;
    await userEvent.click(retry);
    await waitFor(() => expect(formField(canvasElement, "/party2/fullName").querySelector("[part~='verified']")).toHaveTextContent("Trần Thị Bình"), { timeout: 5000 });
    await expect(formRoot(canvasElement).querySelector("h1")).toHaveTextContent("Thông tin bên kết hôn");
  },
};
