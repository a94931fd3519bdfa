/**
 * The marriage registration example (examples/procedures/dang-ky-ket-hon.json) with each persona of
 * examples/data/personas/, as a portal would pass it: the persona's data and the catalogue of
 * administrative units; the other party is looked up in the example population register, which answers
 * with the records of the people who agreed to share theirs with the persona (examples/data/registers).
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { currentStep, deep, fieldInput, FORM_STORY, formField, formRoot, type PersonaName, primaryButton, procedureLoader, settle, verifiedMarks } from "./support.js";

/** A loader: the procedure, the persona's data with the catalogue, and the registers' lookups (see procedureLoader). */
const load = (persona: PersonaName) => procedureLoader(() => import("../examples/procedures/dang-ky-ket-hon.json"), persona);

/** What a field of the form shows as verified, once it shows (null before). */
const verified = (canvas: HTMLElement, pointer: string) => deep(formRoot(canvas), `[pointer='${pointer}']`)?.shadowRoot?.querySelector("[part~='verified']") ?? null;
/** Whether a field of the form is shown. */
const shown = (canvas: HTMLElement, pointer: string) => !!deep(formRoot(canvas), `[pointer='${pointer}']`)?.shadowRoot?.querySelector("[part~='field']");

const meta = {
  title: "Procedures/Đăng ký kết hôn",
  id: "procedures-dang-ky-ket-hon",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * Phạm Quốc Huy: everything about him is verified but his phone number, which he types; then he types
 * Lê Thị Mai's personal id, the population register is looked up, and her details show as verified
 * from the record she agreed to share.
 */
export const PhamQuocHuy: Story = {
  name: "Phạm Quốc Huy kết hôn với Lê Thị Mai",
  loaders: [load("pham-quoc-huy")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Đăng ký kết hôn");
    await expect(currentStep(canvas)).toHaveTextContent("Bên thứ nhất");
    // Name, number, birth date, sex, ethnicity, nationality, residence (3), marital status, marriage number.
    await expect(verifiedMarks(canvas).length).toBe(11);
    await expect(formField(canvas, "/party1/maritalStatus").querySelector("[part~='verified']")).toHaveTextContent("Chưa kết hôn");
    await expect(fieldInput(canvas, "/party1/phone").value).toBe("");
    await userEvent.type(fieldInput(canvas, "/party1/phone"), "0983526714");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Bên thứ hai"));
    await settle(context);
    // Only her personal id is asked until the register has her record.
    await expect(shown(canvas, "/party2/fullName")).toBe(false);
    await userEvent.type(fieldInput(canvas, "/party2/personalId"), "048198004521");
    await waitFor(() => expect(verified(canvas, "/party2/fullName")).toHaveTextContent("Lê Thị Mai"), { timeout: 5000 });
    await expect(verified(canvas, "/party2/fullName")).toHaveTextContent("Từ Cơ sở dữ liệu quốc gia về dân cư");
    await expect(verified(canvas, "/party2/birthDate")).toHaveTextContent("17/04/1998");
    await expect(verified(canvas, "/party2/residence/commune")).toHaveTextContent("Phường Hải Châu");
    await expect(verified(canvas, "/party2/consentedOn")).toHaveTextContent("20/11/2026");
  },
};

/** Lê Thị Mai, in English: her record is verified and her phone prefilled; Phạm Quốc Huy shared his. */
export const LeThiMai: Story = {
  name: "Lê Thị Mai (English)",
  args: { locale: "en" },
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Marriage registration");
    await expect(currentStep(canvas)).toHaveTextContent("First party");
    await expect(verifiedMarks(canvas).length).toBe(11);
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Lê Thị Mai");
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Verified · From National population database");
    await expect(fieldInput(canvas, "/party1/phone").value).toBe("0905271846");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Second party"));
    await settle(context);
    await userEvent.type(fieldInput(canvas, "/party2/personalId"), "040095006137");
    await waitFor(() => expect(verified(canvas, "/party2/fullName")).toHaveTextContent("Phạm Quốc Huy"), { timeout: 5000 });
    await expect(verified(canvas, "/party2/sex")).toHaveTextContent("Male");
  },
};

/** The exit page's heading, once the form shows it. */
const exitHeading = (canvas: HTMLElement) => formRoot(canvas).querySelector("[part~='exit'] h2");

/**
 * Nguyễn Văn An is married (the database says so): he sees his verified data, presses Continue, and
 * the exit page tells him he cannot register a marriage, why, and what to do instead.
 */
export const NguyenVanAn: Story = {
  name: "Nguyễn Văn An (đang có vợ: trang dừng)",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Đăng ký kết hôn");
    // No marriage number is asked of a married person.
    await expect(verifiedMarks(canvas).length).toBe(10);
    await expect(formField(canvas, "/party1/maritalStatus").querySelector("[part~='verified']")).toHaveTextContent("Đã kết hôn");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(exitHeading(canvas)).toHaveTextContent("Bạn chưa thể đăng ký kết hôn trực tuyến"));
    const exit = formRoot(canvas).querySelector("[part~='exit']")!;
    await expect(exit).toHaveTextContent("Luật Hôn nhân và gia đình năm 2014, Điều 5");
    await expect(exit.querySelector("a")).toHaveAttribute("href", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html");
    await expect(exit.querySelector("a")).toHaveTextContent("Tìm thủ tục hành chính trên Cổng Dịch vụ công quốc gia");
    // Nothing to continue to, nothing to submit.
    await expect(formRoot(canvas).querySelector("[part~='primary']")).toBeNull();
  },
};

/** Nguyễn Văn An's exit page, in English. */
export const NguyenVanAnEnglish: Story = {
  name: "Nguyễn Văn An, exit page (English)",
  args: { locale: "en" },
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Marriage registration");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(exitHeading(canvas)).toHaveTextContent("You cannot register a marriage online yet"));
    await expect(formRoot(canvas).querySelector("[part~='exit'] a")).toHaveTextContent("Find a procedure on the National Public Service Portal");
    await expect(formRoot(canvas).querySelector("[part~='primary']")).toBeNull();
  },
};
