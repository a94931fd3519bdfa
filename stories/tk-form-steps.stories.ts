import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument } from "@tokhai/core";
import type { TkForm } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { FORM_STORY, formRoot, NONE, primaryButton, settle } from "./support.js";

/**
 * A marriage registration in three steps and an exit page: the children step exists only for a couple
 * with children; a married applicant is told why they cannot register, and what to do instead.
 */
const doc: ProcedureDocument = {
  id: "vn.storybook.steps",
  version: "1.0.0",
  title: "Đăng ký kết hôn",
  schema: {
    type: "object",
    required: ["maritalStatus", "hasChildren", "childName", "place"],
    properties: {
      maritalStatus: {
        type: "string",
        title: "Tình trạng hôn nhân",
        oneOf: [
          { const: "single", title: "Chưa kết hôn" },
          { const: "married", title: "Đang có vợ hoặc chồng" },
        ],
      },
      hasChildren: { type: "boolean", title: "Hai bên đã có con chung chưa?" },
      childName: { type: "string", title: "Họ, chữ đệm và tên của con" },
      place: { type: "string", title: "Nơi đăng ký kết hôn" },
    },
  },
  steps: [
    { id: "status", title: "Tình trạng hôn nhân", fields: ["/maritalStatus", "/hasChildren"] },
    {
      id: "married",
      kind: "exit",
      title: "Bạn chưa thể đăng ký kết hôn",
      body: "Người đang có vợ hoặc chồng không được kết hôn với người khác (Luật Hôn nhân và gia đình năm 2014, Điều 5).\n\nNếu bạn đã ly hôn, hãy đề nghị cập nhật tình trạng hôn nhân trong Cơ sở dữ liệu quốc gia về dân cư trước.",
      link: { href: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html", text: "Tìm thủ tục khác trên Cổng Dịch vụ công quốc gia" },
      "x-visible": "maritalStatus = 'married'",
    },
    { id: "children", title: "Con chung", fields: ["/childName"], "x-visible": "hasChildren = true" },
    { id: "place", title: "Nơi đăng ký", fields: ["/place"] },
  ],
  i18n: {
    en: {
      title: "Marriage registration",
      steps: {
        status: { title: "Marital status" },
        married: {
          title: "You cannot register a marriage yet",
          body: "A married person may not marry anyone else (Law on Marriage and Family 2014, article 5).\n\nIf you have divorced, ask for your marital status to be updated in the national population database first.",
          linkText: "Find another service on the National Public Service Portal",
        },
        children: { title: "Children" },
        place: { title: "Place of registration" },
      },
      "/maritalStatus": { title: "Marital status", enum: { single: "Not married", married: "Married" } },
      "/hasChildren": { title: "Do you have children together?" },
      "/childName": { title: "Child's full name" },
      "/place": { title: "Place of registration" },
    },
  },
};

const load = () => async () => ({ procedure: doc, context: NONE });

const meta = {
  title: "Form/tk-form steps",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const tkForm = (canvasElement: HTMLElement) => canvasElement.querySelector("tk-form") as TkForm;
const heading = (canvasElement: HTMLElement) => formRoot(canvasElement).querySelector("h2#step-title");
const indicator = (canvasElement: HTMLElement) => [...formRoot(canvasElement).querySelectorAll("[part='steps'] li")].map((li) => li.textContent?.replace(/\s+/g, " ").replace(/ \(.*\)/, "").trim());

async function answer(canvasElement: HTMLElement, values: Record<string, unknown>): Promise<void> {
  const form = tkForm(canvasElement);
  for (const [pointer, value] of Object.entries(values)) form.form!.set(pointer, value);
  await form.form!.settled();
  await form.updateComplete;
}

/** The children step is shown once the couple says they have children; the indicator follows. */
export const ConditionalStep: Story = {
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await expect(indicator(context.canvasElement)).toEqual(["1. Tình trạng hôn nhân", "2. Nơi đăng ký", "3. Kiểm tra thông tin"]);
    await answer(context.canvasElement, { "/maritalStatus": "single", "/hasChildren": true });
    await waitFor(() => expect(indicator(context.canvasElement)).toEqual(["1. Tình trạng hôn nhân", "2. Con chung", "3. Nơi đăng ký", "4. Kiểm tra thông tin"]));
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(heading(context.canvasElement)).toHaveTextContent("Con chung"));
  },
};

/** A married applicant: the exit page says why and what to do instead; there is nothing to submit. */
export const ExitPage: Story = {
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await answer(context.canvasElement, { "/maritalStatus": "married", "/hasChildren": false });
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(heading(context.canvasElement)).toHaveTextContent("Bạn chưa thể đăng ký kết hôn"));
    await expect(formRoot(context.canvasElement).querySelector("[part~='exit'] a")).toHaveAttribute("href", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html");
    await expect(formRoot(context.canvasElement).querySelector("[part~='primary']")).toBeNull();
  },
};

/** The exit page in English. */
export const ExitPageEnglish: Story = {
  args: { locale: "en" },
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await answer(context.canvasElement, { "/maritalStatus": "married", "/hasChildren": false });
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(heading(context.canvasElement)).toHaveTextContent("You cannot register a marriage yet"));
    await expect(formRoot(context.canvasElement).querySelector("[part~='exit'] a")).toHaveTextContent("Find another service");
  },
};

const statuses = (canvasElement: HTMLElement) =>
  [...formRoot(canvasElement).querySelectorAll("[part='tasks'] li")].map((li) => `${li.querySelector(".task-name")?.textContent?.trim()}: ${li.querySelector(".task-status")?.textContent?.trim()}`);

/** The task list: each step with its status; the children step waits for the marital status. */
export const TaskList: Story = {
  args: { layout: "tasks" },
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await expect(heading(context.canvasElement)).toHaveTextContent("Các phần của hồ sơ");
    await expect(statuses(context.canvasElement)).toEqual([
      "Tình trạng hôn nhân: Chưa bắt đầu",
      "Con chung: Chưa thể bắt đầu",
      "Nơi đăng ký: Chưa bắt đầu",
      "Kiểm tra và nộp hồ sơ: Chưa thể bắt đầu",
    ]);
  },
};

/** The task list part-way: one task completed, one in progress. */
export const TaskListInProgress: Story = {
  args: { layout: "tasks" },
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    const link = (name: string) => [...formRoot(context.canvasElement).querySelectorAll<HTMLAnchorElement>("[part='tasks'] a")].find((a) => a.textContent?.trim() === name)!;
    await userEvent.click(link("Tình trạng hôn nhân"));
    await answer(context.canvasElement, { "/maritalStatus": "single", "/hasChildren": true });
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(heading(context.canvasElement)).toHaveTextContent("Các phần của hồ sơ"));
    await userEvent.click(link("Nơi đăng ký"));
    await waitFor(() => expect(heading(context.canvasElement)).toHaveTextContent("Nơi đăng ký"));
    await userEvent.click(formRoot(context.canvasElement).querySelector<HTMLButtonElement>("[part~='actions'] button:not([part~='primary'])")!);
    await waitFor(() =>
      expect(statuses(context.canvasElement)).toEqual([
        "Tình trạng hôn nhân: Đã xong",
        "Con chung: Chưa bắt đầu",
        "Nơi đăng ký: Đang làm",
        "Kiểm tra và nộp hồ sơ: Chưa thể bắt đầu",
      ]),
    );
  },
};

/** The task list in English. */
export const TaskListEnglish: Story = {
  args: { layout: "tasks", locale: "en" },
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await expect(heading(context.canvasElement)).toHaveTextContent("Sections of your application");
    await expect(statuses(context.canvasElement)[0]).toBe("Marital status: Not yet started");
  },
};
