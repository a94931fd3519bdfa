/**
 * The permanent residence example (examples/procedures/dang-ky-thuong-tru.json) with each persona of
 * examples/data/personas/, in Vietnamese and English, as a portal passes them: the persona's data and
 * the catalogue of administrative units.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { SubmissionEnvelope } from "@tokhai/core";
import type { TkSubmitEvent } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { currentStep, FORM_STORY, formField, formRoot, type PersonaName, primaryButton, procedureLoader, settle, verifiedMarks } from "./support.js";

const load = (persona: PersonaName) => procedureLoader(() => import("../examples/procedures/dang-ky-thuong-tru.json"), persona);

const meta = {
  title: "Procedures/Đăng ký thường trú",
  id: "procedures-dang-ky-thuong-tru",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** Chooses in a combobox as a citizen does: types the label, waits for it in the list, then Enter. */
const choose = async (canvasElement: HTMLElement, pointer: string, label: string) => {
  const field = formField(canvasElement, pointer);
  await userEvent.type(field.querySelector("input")!, label);
  await waitFor(() => expect([...field.querySelectorAll("[role='option']")].map((o) => o.textContent?.trim())).toEqual([label]));
  await userEvent.keyboard("{Enter}");
  await waitFor(() => expect(field.querySelector("input")!.value).toBe(label));
};

/** Nguyễn Văn An, everything known: name, number, birth date and sex verified; phone and email prefilled. */
export const NguyenVanAn: Story = {
  name: "Nguyễn Văn An",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("h1")).toHaveTextContent("Đăng ký thường trú");
    await expect(currentStep(context.canvasElement)).toHaveTextContent("Người đề nghị");
    await expect(verifiedMarks(context.canvasElement).length).toBe(4);
    await expect(formField(context.canvasElement, "/applicant/phone").querySelector("input")!.value).toBe("0912345678");
  },
};

/** Lê Thị Mai registers where she stays: her temporary address is the new one; her parents' household is listed with relations to her. */
export const LeThiMai: Story = {
  name: "Lê Thị Mai",
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Nơi thường trú mới"));
    await settle(context);
    await expect(formField(canvas, "/newAddress/detail").querySelector("input")!.value).toBe("Phòng 1204, chung cư Hoa Sen, số 18 đường Võ Văn Ngân");
    await expect(formField(canvas, "/newAddress/commune").querySelector("input")!.value).toBe("Phường Thủ Đức");
  },
};

/** The persona with gaps: no phone or email in the database, so continuing asks for the phone. */
export const PhamQuocHuy: Story = {
  name: "Phạm Quốc Huy (thiếu dữ liệu)",
  loaders: [load("pham-quoc-huy")],
  play: async (context) => {
    await settle(context);
    await expect(formField(context.canvasElement, "/applicant/phone").querySelector("input")!.value).toBe("");
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(formRoot(context.canvasElement).querySelector("[part~='error-summary']")).toHaveTextContent("Số điện thoại liên hệ"));
    await expect(formField(context.canvasElement, "/applicant/phone").querySelector("input")).toHaveAttribute("aria-invalid", "true");
  },
};

/** Nguyễn Văn An, in English. */
export const NguyenVanAnEnglish: Story = {
  name: "Nguyễn Văn An (English)",
  args: { locale: "en" },
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("h1")).toHaveTextContent("Permanent residence registration");
    await expect(currentStep(context.canvasElement)).toHaveTextContent("Applicant");
    await expect(verifiedMarks(context.canvasElement)[0]).toHaveTextContent("Verified · From National population database");
  },
};

/** The persona with gaps, in English. */
export const PhamQuocHuyEnglish: Story = {
  name: "Phạm Quốc Huy, gaps (English)",
  args: { locale: "en" },
  loaders: [load("pham-quoc-huy")],
  play: async (context) => {
    await settle(context);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(formRoot(context.canvasElement).querySelector("[part~='error-summary']")).toHaveTextContent("There is a problem"));
  },
};

/** The whole procedure, as Nguyễn Văn An would fill it in, up to the submission. */
export const NguyenVanAnSubmits: Story = {
  name: "Nguyễn Văn An submits",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    const el = canvas.querySelector("tk-form")!;
    const submitted = new Promise<SubmissionEnvelope>((resolve) => el.addEventListener("tk-submit", (e) => resolve((e as TkSubmitEvent).envelope)));
    // 1. Applicant: all prefilled.
    await userEvent.click(primaryButton(canvas));
    // 2. New address.
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Nơi thường trú mới"));
    await settle(context);
    await choose(canvas, "/newAddress/province", "Thành phố Hà Nội");
    await choose(canvas, "/newAddress/commune", "Phường Hoàn Kiếm");
    await userEvent.type(formField(canvas, "/newAddress/detail").querySelector("input")!, "Số 5 phố Tràng Tiền");
    const owner = [...formField(canvas, "/newAddress/ownership").querySelectorAll("label")].find((l) => l.textContent?.includes("quyền sở hữu của tôi"))!;
    await userEvent.click(owner);
    await userEvent.click(primaryButton(canvas));
    // 3. Household members: prefilled rows.
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Thành viên cùng thay đổi"));
    await settle(context);
    await userEvent.click(primaryButton(canvas));
    // 4. Fee and declaration.
    await waitFor(() => expect(currentStep(canvas)).toHaveTextContent("Lệ phí và cam đoan"));
    await settle(context);
    await userEvent.click(formField(canvas, "/declaration").querySelector("input")!);
    await userEvent.click(primaryButton(canvas));
    // Review, then submit.
    await waitFor(() => expect(formRoot(canvas).querySelector("[part~='review']")).not.toBeNull());
    await userEvent.click(primaryButton(canvas));
    const envelope = await submitted;
    await expect(envelope.procedure).toEqual({ id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" });
    await expect(envelope.provenance["/applicant/personalId"]).toMatchObject({ source: "citizen", locked: true, edited: false });
    await expect(envelope.provenance["/newAddress/detail"]).toEqual({ source: "user" });
    await expect((envelope.data as { fee: number }).fee).toBe(20000);
  },
};
