/**
 * The driving licence exchange example (examples/procedures/cap-doi-giay-phep-lai-xe.json) with each
 * persona of examples/data/personas/, as a portal would pass it: the persona's data and the catalogue
 * of administrative units. Where the driving licence database holds a recent health check, its data
 * replaces the health certificate attachment.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { SubmissionEnvelope } from "@tokhai/core";
import type { TkSubmitEvent } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { continueTo, currentStep, deepAll, errorSummary, fieldInput, fieldOutput, FORM_STORY, formField, formRoot, type PersonaName, primaryButton, procedureLoader, settle, verifiedMarks } from "./support.js";

/** A loader: the procedure, and the persona's data with the catalogue (see procedureLoader). */
const load = (persona: PersonaName) => procedureLoader(() => import("../examples/procedures/cap-doi-giay-phep-lai-xe.json"), persona);

const meta = {
  title: "Procedures/Cấp đổi giấy phép lái xe",
  id: "procedures-cap-doi-giay-phep-lai-xe",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const shown = (canvas: HTMLElement, pointer: string) => deepAll(formRoot(canvas), `[pointer='${pointer}']`).length > 0 && formField(canvas, pointer).childElementCount > 0;
/** Clicks the radio whose label contains `text`. */
const pick = async (canvas: HTMLElement, pointer: string, text: string) => {
  const label = [...formField(canvas, pointer).querySelectorAll("label")].find((l) => l.textContent?.includes(text));
  await expect(label, `${pointer}: "${text}"`).toBeDefined();
  await userEvent.click(label!);
};

/**
 * Nguyễn Văn An renews his B2 licence, due on 08/12/2026: his identity and residence are verified,
 * the licence is chosen for him and described from the database, it becomes a class B licence, and
 * the health check of 10/11/2026 replaces the certificate: nothing to upload.
 */
export const NguyenVanAn: Story = {
  name: "Nguyễn Văn An (B2 sắp hết hạn, đã khám sức khỏe)",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Cấp đổi giấy phép lái xe");
    await expect(currentStep(canvas)).toHaveTextContent("Người đề nghị");
    // Name, number, birth date, sex, nationality and the three parts of the residence.
    await expect(verifiedMarks(canvas).length).toBe(8);
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Nguyễn Văn An");
    await expect(fieldInput(canvas, "/applicant/phone").value).toBe("0912345678");
    await continueTo(context, "Giấy phép đề nghị đổi");
    const choice = formField(canvas, "/licence/choice").querySelector("select")!;
    await expect(choice.selectedOptions[0]).toHaveTextContent("B2 — 790162031845, hết hạn 08/12/2026");
    await expect(fieldOutput(canvas, "/licence/recorded/expiresOn")).toHaveTextContent("08/12/2026");
    await expect(fieldOutput(canvas, "/newLicence/class")).toHaveTextContent("B — ô tô chở người đến 8 chỗ");
    await pick(canvas, "/reason", "hết hạn");
    await continueTo(context, "Sức khỏe người lái xe");
    await expect(fieldOutput(canvas, "/health/method")).toHaveTextContent("Đã có trên hệ thống");
    await expect(fieldOutput(canvas, "/health/certificateNumber")).toHaveTextContent("79-KSKLX-2026-048173");
    await expect(fieldOutput(canvas, "/health/facility")).toHaveTextContent("Phòng khám Đa khoa Tân Định");
    await expect(shown(canvas, "/health/certificateFile")).toBe(false);
    await expect(deepAll(formRoot(canvas), "input[type='file']").length).toBe(0);
  },
};

/** Lê Thị Mai: her B2 expired in September and no health check is on record, so she must upload the certificate. */
export const LeThiMai: Story = {
  name: "Lê Thị Mai (chưa có kết quả khám sức khỏe)",
  loaders: [load("le-thi-mai")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Lê Thị Mai");
    await continueTo(context, "Giấy phép đề nghị đổi");
    await expect(formField(canvas, "/licence/choice").querySelector("select")!.selectedOptions[0]).toHaveTextContent("B2 — 480163025318, hết hạn 20/09/2026");
    await pick(canvas, "/reason", "hết hạn");
    await continueTo(context, "Sức khỏe người lái xe");
    await expect(fieldOutput(canvas, "/health/method")).toHaveTextContent("Chưa có trên hệ thống");
    await expect(fieldInput(canvas, "/health/certificateFile")).toHaveAttribute("type", "file");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(errorSummary(canvas)).toHaveTextContent("Giấy khám sức khỏe người lái xe"));
    await expect(currentStep(canvas)).toHaveTextContent("Sức khỏe người lái xe");
  },
};

/** Phạm Quốc Huy: no phone and no licence on record, so he types both; the licence fields are editable. */
export const PhamQuocHuy: Story = {
  name: "Phạm Quốc Huy (không có giấy phép trong cơ sở dữ liệu)",
  loaders: [load("pham-quoc-huy")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(verifiedMarks(canvas)[1]).toHaveTextContent("040095006137");
    await expect(fieldInput(canvas, "/applicant/phone").value).toBe("");
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(errorSummary(canvas)).toHaveTextContent("Số điện thoại liên hệ"));
    await waitFor(() => expect(fieldInput(canvas, "/applicant/phone")).toHaveAttribute("aria-invalid", "true"));
    // The summary takes focus once the errors are painted: type after that, or the keys go to it.
    await waitFor(() => expect(formRoot(canvas).activeElement).toBe(errorSummary(canvas)));
    await userEvent.type(fieldInput(canvas, "/applicant/phone"), "0983214567");
    await continueTo(context, "Giấy phép đề nghị đổi");
    await expect(shown(canvas, "/licence/choice")).toBe(false);
    await expect(fieldInput(canvas, "/licence/declared/number").readOnly).toBe(false);
    await userEvent.type(fieldInput(canvas, "/licence/declared/number"), "010195004816");
    const classes = formField(canvas, "/licence/declared/class").querySelector("select")!;
    await userEvent.selectOptions(classes, [...classes.options].find((o) => o.textContent?.trim().startsWith("B2 (hạng cũ)"))!);
    await waitFor(() => expect(fieldOutput(canvas, "/newLicence/class")).toHaveTextContent("B — ô tô chở người"));
  },
};

/** Nguyễn Văn An, in English: option labels from the database, computed labels, the health data. */
export const NguyenVanAnEnglish: Story = {
  name: "Nguyễn Văn An (English)",
  args: { locale: "en" },
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(formRoot(canvas).querySelector("h1")).toHaveTextContent("Driving licence exchange");
    await expect(verifiedMarks(canvas)[0]).toHaveTextContent("Verified · From National population database");
    await continueTo(context, "Licence to exchange");
    await expect(formField(canvas, "/licence/choice").querySelector("select")!.selectedOptions[0]).toHaveTextContent("B2 — 790162031845, expires 08/12/2026");
    await expect(fieldOutput(canvas, "/newLicence/restriction")).toHaveTextContent("None");
  },
};

/** The whole procedure as Nguyễn Văn An fills it in: three answers, then the submission. */
export const NguyenVanAnSubmits: Story = {
  name: "Nguyễn Văn An submits",
  loaders: [load("nguyen-van-an")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    const el = canvas.querySelector("tk-form")!;
    const submitted = new Promise<SubmissionEnvelope>((resolve) => el.addEventListener("tk-submit", (e) => resolve((e as TkSubmitEvent).envelope)));
    await continueTo(context, "Giấy phép đề nghị đổi");
    await pick(canvas, "/reason", "hết hạn");
    await continueTo(context, "Sức khỏe người lái xe");
    await continueTo(context, "Nơi nộp và nhận kết quả");
    await expect(formField(canvas, "/office").querySelector("select")!.selectedOptions[0]).toHaveTextContent("Công an thành phố Hồ Chí Minh");
    await pick(canvas, "/delivery/method", "bưu chính");
    await waitFor(() => expect(fieldInput(canvas, "/delivery/address/detail").value).toBe("Số 12 đường Lê Thánh Tôn"));
    await continueTo(context, "Lệ phí và cam đoan");
    await expect(fieldOutput(canvas, "/fee")).toHaveTextContent("115.000");
    await userEvent.click(fieldInput(canvas, "/declaration"));
    await userEvent.click(primaryButton(canvas));
    await waitFor(() => expect(formRoot(canvas).querySelector("[part~='review']")).not.toBeNull());
    await userEvent.click(primaryButton(canvas));
    const envelope = await submitted;
    const data = envelope.data as { fee: number; newLicence: { class: string }; health: Record<string, unknown> };
    await expect(envelope.procedure).toEqual({ id: "vn.giao-thong.cap-doi-gplx", version: "1.0.0" });
    await expect(data.fee).toBe(115000);
    await expect(data.newLicence.class).toBe("B");
    await expect(data.health).toMatchObject({ method: "database", certificateNumber: "79-KSKLX-2026-048173" });
    await expect(envelope.attachments).toEqual([]);
  },
};
