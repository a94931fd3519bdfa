/**
 * The birth registration example (examples/procedures/dang-ky-khai-sinh.json) with each persona of
 * examples/data/personas/, as a portal would pass it: the persona's data and the catalogue of
 * administrative units.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { currentStep, fieldInput, FORM_STORY, formField, formRoot, type PersonaName, primaryButton, procedureLoader, settle, verifiedMarks } from "./support.js";

/** A loader: the procedure, and the persona's data with the catalogue (see procedureLoader). */
const load = (persona: PersonaName) => procedureLoader(() => import("../examples/procedures/dang-ky-khai-sinh.json"), persona);

const meta = {
  title: "Procedures/Đăng ký khai sinh",
  id: "procedures-dang-ky-khai-sinh",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * Nguyễn Văn An registers his third child: his identity and residence are verified, his phone and
 * e-mail prefilled; on the next step the child's ethnicity and place of origin come from him.
 */
export const NguyenVanAn: Story = {
  name: "Nguyễn Văn An (cha)",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Đăng ký khai sinh");
    await expect(currentStep(canvas)).toHaveTextContent("Người yêu cầu");
    // Name, number and the three parts of the residence.
    await expect(verifiedMarks(canvas).length).toBe(5);
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Nguyễn Văn An");
    await expect(formField(canvas, "/applicant/relation").querySelector("output")).toHaveTextContent("Cha");
    await expect(fieldInput(canvas, "/applicant/phone").value).toBe("0912345678");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Người được khai sinh"));
    await settle(context);
    await expect(fieldInput(canvas, "/child/ethnicity").value).toBe("Kinh");
    await expect(fieldInput(canvas, "/child/hometown").value).toBe("Xã Sóc Sơn, Thành phố Hà Nội");
    await expect(fieldInput(canvas, "/child/fullName").value).toBe("");
  },
};

/** Lê Thị Mai registers her child as the mother; in English. */
export const LeThiMai: Story = {
  name: "Lê Thị Mai (mother, English)",
  args: { locale: "en" },
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Birth registration");
    await expect(currentStep(canvas)).toHaveTextContent("Applicant");
    await expect(verifiedMarks(canvas).length).toBe(5);
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Verified · From National population database");
    await expect(formField(canvas, "/applicant/relation").querySelector("output")).toHaveTextContent("Mother");
    await expect(fieldInput(canvas, "/applicant/phone").value).toBe("0905271846");
  },
};

/** Phạm Quốc Huy: the database has no phone number for him, so continuing asks for it. */
export const PhamQuocHuy: Story = {
  name: "Phạm Quốc Huy (thiếu số điện thoại)",
  loaders: [load("pham-quoc-huy")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Đăng ký khai sinh");
    await expect(verifiedMarks(canvas).length).toBe(5);
    await expect(verifiedMarks(canvas)[1]).toHaveTextContent("040095006137");
    await expect(fieldInput(canvas, "/applicant/phone").value).toBe("");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(formRoot(canvas).querySelector("[part~='error-summary']")).toHaveTextContent("Số điện thoại liên hệ"));
    await expect(fieldInput(canvas, "/applicant/phone")).toHaveAttribute("aria-invalid", "true");
    // The summary takes the focus (after it is painted); then the citizen types the number.
    await waitFor(() => expect(formRoot(canvas).activeElement).toHaveAttribute("part", "error-summary"));
    await userEvent.type(fieldInput(canvas, "/applicant/phone"), "0983526714");
    await waitFor(() => expect(fieldInput(canvas, "/applicant/phone")).toHaveAttribute("aria-invalid", "false"));
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Người được khai sinh"));
  },
};
