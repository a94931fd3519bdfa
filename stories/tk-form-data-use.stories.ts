/**
 * The data-use notice of `<tk-form>` on the first step: the permanent residence example with Lê Thị
 * Mai, collapsed, opened, in English, opened by the portal, left out by the portal,
 * and on the task list.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { TkForm } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { FORM_STORY, formRoot, procedureLoader, renderForm, settle } from "./support.js";

const load = procedureLoader(() => import("../examples/procedures/dang-ky-thuong-tru.json"), "le-thi-mai");

const meta = {
  title: "Form/tk-form data-use notice",
  ...FORM_STORY,
  // The notice's own attribute, beside the form's usual arguments.
  render: (args: Record<string, unknown>, context: { loaded: Record<string, unknown> }) => {
    const el = renderForm(args, context) as TkForm;
    if (args["dataUseNotice"] === "open" || args["dataUseNotice"] === "hidden") el.dataUseNotice = args["dataUseNotice"];
    return el;
  },
  args: { ...FORM_STORY.args, dataUseNotice: "collapsed" },
  argTypes: { ...FORM_STORY.argTypes, dataUseNotice: { control: "inline-radio", options: ["collapsed", "open", "hidden"] } },
  loaders: [load],
} satisfies Meta;
export default meta;
type Story = StoryObj;

const notice = (canvasElement: HTMLElement) => formRoot(canvasElement).querySelector<HTMLDetailsElement>("details[part='data-use']");

/** Collapsed on the first step, under its heading: its summary says what it is about. */
export const Collapsed: Story = {
  play: async (context) => {
    await settle(context);
    const details = notice(context.canvasElement)!;
    await expect(details).not.toBeNull();
    await expect(details.open).toBe(false);
    await expect(details.querySelector("summary")).toHaveTextContent("Dữ liệu của bạn được sử dụng trong tờ khai này");
  },
};

/** Opened (its summary clicked; packages/elements/test/data-use-notice.test.ts opens it with the keys): each register and the items the form reads of it. */
export const Opened: Story = {
  play: async (context) => {
    await settle(context);
    const details = notice(context.canvasElement)!;
    await userEvent.click(details.querySelector("summary")!);
    await waitFor(() => expect(details.open).toBe(true));
    const registers = [...details.querySelectorAll(".data-use-register")].map((e) => e.textContent?.trim());
    await expect(registers).toEqual(["Cơ sở dữ liệu quốc gia về dân cư", "Thông tin hộ gia đình", "Danh mục đơn vị hành chính"]);
    await expect(details).toHaveTextContent("Nơi tạm trú — Tỉnh, thành phố");
    await expect(details).toHaveTextContent("Các thành viên khác của hộ (toàn bộ)");
  },
};

/** In English: the procedure's translated titles (i18n.en.sources) and the chrome's. */
export const English: Story = {
  args: { locale: "en", dataUseNotice: "open" },
  play: async (context) => {
    await settle(context);
    const details = notice(context.canvasElement)!;
    await expect(details.open).toBe(true);
    await expect(details.querySelector("summary")).toHaveTextContent("How your data is used in this form");
    await expect(details).toHaveTextContent("Temporary residence — Province or city");
    await expect(details).toHaveTextContent("Other members of the household (all of it)");
  },
};

/** `data-use-notice="hidden"`: a portal that shows its own notice (from `dataUse` or `tokhai data-use`). */
export const Hidden: Story = {
  args: { dataUseNotice: "hidden" },
  play: async (context) => {
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("h2#step-title")).not.toBeNull();
    await expect(notice(context.canvasElement)).toBeNull();
  },
};

/** With `layout="tasks"`, on the task list, the page the citizen starts from. */
export const TaskList: Story = {
  args: { layout: "tasks" },
  play: async (context) => {
    await settle(context);
    await expect(notice(context.canvasElement)?.closest("[part='tasks']")).not.toBeNull();
  },
};
