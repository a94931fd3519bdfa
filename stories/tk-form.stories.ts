import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument, SubmissionEnvelope } from "@tokhai/core";
import { addChromeMessages, addMessages, type TkForm, type TkSubmitEvent } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { chromeFr, messagesFr } from "../test/fixtures/locales/fr.js";
import { deepAll, FORM_STORY, formField, formRoot, FULL, NONE, primaryButton, settle, SOURCES } from "./support.js";

// A third language, as a portal adds one: dictionaries for core's messages and the chrome (the single-file
// bundle exports both functions), and the procedure's `i18n.fr` below. No code of tokhai knows French.
addMessages("fr", messagesFr);
addChromeMessages("fr", chromeFr);

/** A two-step procedure: who you are (verified data and a phone), then the fee and the declaration. */
const doc: ProcedureDocument = {
  id: "vn.storybook.form",
  version: "1.0.0",
  title: "Đăng ký nhận kết quả qua bưu điện",
  sources: SOURCES,
  schema: {
    type: "object",
    properties: {
      applicant: {
        type: "object",
        title: "Người đề nghị",
        "x-widget": "section",
        properties: {
          fullName: { type: "string", title: "Họ, chữ đệm và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
          phone: { type: "string", title: "Số điện thoại liên hệ", format: "vn-phone", "x-prefill": "$citizen.phone" },
        },
        required: ["fullName", "phone"],
      },
      feeExempt: { type: "boolean", title: "Thuộc diện miễn lệ phí", default: false },
      fee: { type: "integer", title: "Lệ phí (đồng)", "x-compute": "feeExempt ? 0 : 20000" },
      declaration: { type: "boolean", const: true, title: "Tôi cam đoan những nội dung khai trên là đúng sự thật." },
    },
    required: ["applicant", "declaration"],
  },
  steps: [
    { id: "applicant", title: "Người đề nghị", fields: ["/applicant"] },
    { id: "fee", title: "Lệ phí và cam đoan", fields: ["/feeExempt", "/fee", "/declaration"] },
  ],
  i18n: {
    en: {
      title: "Receive the outcome by post",
      steps: { applicant: { title: "Applicant" }, fee: { title: "Fee and declaration" } },
      "/applicant": { title: "Applicant" },
      "/applicant/fullName": { title: "Full name" },
      "/applicant/phone": { title: "Phone number" },
      "/feeExempt": { title: "Exempt from the fee" },
      "/fee": { title: "Fee (VND)" },
      "/declaration": { title: "I declare that the above is true." },
    },
  },
};

const load = (context = FULL, procedure: ProcedureDocument = doc) => async () => ({ procedure, context });

const meta = {
  title: "Form/tk-form",
  ...FORM_STORY,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const form = (canvasElement: HTMLElement) => canvasElement.querySelector("tk-form")!;

/** Nothing known about the citizen: "Continue" checks the step and lists what is missing. */
export const Empty: Story = {
  loaders: [load(NONE)],
  play: async (context) => {
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("h1")).toHaveTextContent("Đăng ký nhận kết quả qua bưu điện");
    await expect(formRoot(context.canvasElement).querySelector("[aria-current='step']")).toHaveTextContent("Người đề nghị");
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(formRoot(context.canvasElement).querySelector("[part~='error-summary']")).not.toBeNull());
    const summary = formRoot(context.canvasElement).querySelector("[part~='error-summary']")!;
    await expect(summary).toHaveAttribute("role", "alert");
    await expect(summary).toHaveTextContent("Có lỗi cần sửa");
    await expect(summary.querySelectorAll("a").length).toBe(2);
  },
};

/** Prefilled: the name is verified, the phone prefilled and editable. */
export const PrefilledLocked: Story = {
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await expect(formField(context.canvasElement, "/applicant/fullName").querySelector("[part~='verified']")).toHaveTextContent("Nguyễn Văn An");
    await expect(formField(context.canvasElement, "/applicant/phone").querySelector("[part~='origin']")).not.toBeNull();
  },
};

/** The citizen changes the prefilled phone; the review page shows the new number, verified data keeps its mark. */
export const PrefilledEdited: Story = {
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    const phone = formField(context.canvasElement, "/applicant/phone").querySelector("input")!;
    await userEvent.type(phone, "0987654321", { initialSelectionStart: 0, initialSelectionEnd: phone.value.length });
    await expect(form(context.canvasElement).form!.field("/applicant/phone").provenance).toMatchObject({ edited: true });
    await form(context.canvasElement).goTo(2);
    await settle(context);
    const review = formRoot(context.canvasElement).querySelector("[part~='review']")!;
    await expect(review).toHaveTextContent("0987654321");
    await expect(review.querySelectorAll(".verified").length).toBe(1);
  },
};

/** After `validate()`: the error summary links to every field in error. */
export const Invalid: Story = {
  name: "Error",
  loaders: [load(NONE)],
  play: async (context) => {
    await settle(context);
    const errors = await form(context.canvasElement).validate();
    await expect(errors.map((e) => e.pointer)).toEqual(["/applicant/fullName", "/applicant/phone", "/declaration"]);
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("[part~='error-summary']")).toHaveTextContent("Họ, chữ đệm và tên");
    await expect(formField(context.canvasElement, "/applicant/phone").querySelector("input")).toHaveAttribute("aria-invalid", "true");
  },
};

/** The "check your answers" page. */
export const Review: Story = {
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await form(context.canvasElement).goTo(2);
    await settle(context);
    const review = formRoot(context.canvasElement).querySelector("[part~='review']")!;
    await expect(review.querySelector("h2")).toHaveTextContent("Kiểm tra lại thông tin trước khi nộp");
    await expect(review).toHaveTextContent("20.000");
    await expect(review).toHaveTextContent("Chưa trả lời");
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Nộp hồ sơ");
  },
};

/** Walks through both steps and submits: `tk-submit` carries the envelope with every value's provenance. */
export const Submit: Story = {
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    const el = form(context.canvasElement);
    const submitted = new Promise<SubmissionEnvelope>((resolve) => el.addEventListener("tk-submit", (e) => resolve((e as TkSubmitEvent).envelope)));
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(formRoot(context.canvasElement).querySelector("[aria-current='step']")).toHaveTextContent("Lệ phí và cam đoan"));
    await settle(context);
    await userEvent.click(formField(context.canvasElement, "/declaration").querySelector("input")!);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(formRoot(context.canvasElement).querySelector("[part~='review']")).not.toBeNull());
    await userEvent.click(primaryButton(context.canvasElement));
    const envelope = await submitted;
    await expect(envelope.data).toEqual({ applicant: { fullName: "Nguyễn Văn An", phone: "0912345678" }, feeExempt: false, fee: 20000, declaration: true });
    await expect(envelope.provenance["/applicant/fullName"]).toMatchObject({ source: "citizen", locked: true });
    // Submitted once: the button says so and is unavailable until reset().
    await waitFor(() => expect(primaryButton(context.canvasElement)).toHaveTextContent("Đã gửi hồ sơ"));
    await expect(primaryButton(context.canvasElement)).toHaveAttribute("aria-disabled", "true");
  },
};

/** The error summary follows the fields: a fixed field leaves it at once, the others stay. */
export const ErrorFixed: Story = {
  loaders: [load(NONE)],
  play: async (context) => {
    await settle(context);
    await userEvent.click(primaryButton(context.canvasElement));
    const summary = () => formRoot(context.canvasElement).querySelector("[part~='error-summary']");
    // Polled for up to 5 s, as support.ts's step changes are: a busy machine (the whole suite at once) took over the default 1 s.
    await waitFor(() => expect(summary()?.querySelectorAll("a").length).toBe(2), { timeout: 5000 });
    // The summary takes the focus once painted (a frame later): typing before that would lose the keys to it.
    await waitFor(() => expect(formRoot(context.canvasElement).activeElement).toBe(summary()), { timeout: 5000 });
    await userEvent.type(formField(context.canvasElement, "/applicant/phone").querySelector("input")!, "0912345678");
    await waitFor(() => expect(summary()?.querySelectorAll("a").length).toBe(1), { timeout: 5000 });
    await expect(summary()).not.toHaveTextContent("Số điện thoại liên hệ");
  },
};

/** A procedure that does not load: the form says so. */
export const LoadFailed: Story = {
  loaders: [load(FULL, { ...doc, schema: { type: "object", properties: { x: { type: "string", "x-prefill": "$nowhere.x" } } } })],
  play: async (context) => {
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("[part~='error-summary']")).toHaveTextContent("Không tải được biểu mẫu");
  },
};

/** English: procedure text from `i18n`, chrome and messages in English. */
export const English: Story = {
  args: { locale: "en" },
  loaders: [load()],
  play: async (context) => {
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("h1")).toHaveTextContent("Receive the outcome by post");
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Continue");
    await expect(deepAll(formRoot(context.canvasElement), "[part~='verified']")[0]).toHaveTextContent("Verified");
  },
};

/** The marks beside the labels: by default the optional fields say so; with `required-marker="required"` the required ones. */
export const RequiredMarker: Story = {
  args: { requiredMarker: "required" },
  loaders: [load(NONE)],
  play: async (context) => {
    await settle(context);
    const mark = () => formField(context.canvasElement, "/applicant/phone").querySelector(".required-mark");
    await expect(mark()).toHaveTextContent("(bắt buộc)");
    const el = form(context.canvasElement) as TkForm;
    el.requiredMarker = "optional";
    await settle(context);
    await expect(mark()?.textContent).toBe("");
  },
};

/** English: the error summary. */
export const EnglishError: Story = {
  args: { locale: "en" },
  loaders: [load(NONE)],
  play: async (context) => {
    await settle(context);
    await (form(context.canvasElement) as TkForm).validate();
    await settle(context);
    await expect(formRoot(context.canvasElement).querySelector("[part~='error-summary']")).toHaveTextContent("There is a problem");
  },
};

/** The procedure above, translated into French too (its source's title as well). */
const french: ProcedureDocument = {
  ...doc,
  sources: { ...SOURCES, citizen: { ...SOURCES["citizen"]!, title: { vi: "Cơ sở dữ liệu quốc gia về dân cư", en: "National population database", fr: "Base nationale de la population" } } },
  i18n: {
    ...doc.i18n,
    fr: {
      title: "Recevoir le résultat par la poste",
      steps: { applicant: { title: "Demandeur" }, fee: { title: "Frais et déclaration" } },
      "/applicant": { title: "Demandeur" },
      "/applicant/fullName": { title: "Nom complet" },
      "/applicant/phone": { title: "Numéro de téléphone" },
      "/feeExempt": { title: "Exonéré des frais" },
      "/fee": { title: "Frais (VND)" },
      "/declaration": { title: "Je déclare que ce qui précède est exact." },
    },
  },
};

/**
 * A third language, French: the portal added dictionaries for core's messages and the chrome, and the
 * procedure has `i18n.fr`; nothing else. Numbers are written the French way (`20 000`).
 */
export const ThirdLanguage: Story = {
  args: { locale: "fr" },
  argTypes: { locale: { control: "inline-radio", options: ["vi", "en", "fr"] } },
  loaders: [load(FULL, french)],
  play: async (context) => {
    await settle(context);
    const root = formRoot(context.canvasElement);
    await expect(root.querySelector("h1")).toHaveTextContent("Recevoir le résultat par la poste");
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Continuer");
    await expect(deepAll(root, "[part~='verified']")[0]).toHaveTextContent("Vérifié");
    await expect(deepAll(root, "[part~='verified']")[0]).toHaveTextContent("Issu de Base nationale de la population");
    await (form(context.canvasElement) as TkForm).form!.set("/applicant/phone", "12");
    await (form(context.canvasElement) as TkForm).validate();
    await settle(context);
    await expect(root.querySelector("[part~='error-summary']")).toHaveTextContent("Il y a un problème");
    await expect(root.querySelector("[part~='error-summary']")).toHaveTextContent("Saisissez un numéro de téléphone vietnamien de 10 chiffres");
  },
};

/** Two sections with same-titled fields, and a repeatable group: the review page groups the answers under their headings. */
const family: ProcedureDocument = {
  id: "vn.storybook.review",
  version: "1.0.0",
  title: "Tờ khai đăng ký khai sinh",
  schema: {
    type: "object",
    properties: {
      father: {
        type: "object",
        title: "Thông tin người cha",
        properties: { name: { type: "string", title: "Họ, chữ đệm và tên", default: "Nguyễn Văn An" } },
      },
      mother: {
        type: "object",
        title: "Thông tin người mẹ",
        properties: {
          name: { type: "string", title: "Họ, chữ đệm và tên", default: "Trần Thị Bình" },
          email: { type: "string", title: "Thư điện tử", default: "tran.thi.binh.nguyen.phuong.thao.2024@thu-dien-tu.example.vn" },
        },
      },
      witnesses: {
        type: "array",
        title: "Người làm chứng",
        default: [{ name: "Lê Văn Cường" }, { name: "Phạm Thị Dung" }],
        items: { type: "object", properties: { name: { type: "string", title: "Họ, chữ đệm và tên" } } },
      },
      fee: { type: "integer", title: "Lệ phí (đồng)", "x-compute": "8000" },
    },
  },
  steps: [{ id: "parents", title: "Cha mẹ và người làm chứng", fields: ["/father", "/mother", "/witnesses", "/fee"] }],
};

/** The review page with sections and rows: a heading for each, change links that name them, none on the computed fee. */
export const ReviewSections: Story = {
  loaders: [load(NONE, family)],
  play: async (context) => {
    await settle(context);
    await form(context.canvasElement).goTo(1);
    await settle(context);
    const review = formRoot(context.canvasElement).querySelector("[part~='review']")!;
    const headings = [...review.querySelectorAll("h4")].map((h) => h.textContent?.trim());
    await expect(headings).toEqual(["Thông tin người cha", "Thông tin người mẹ", "Người làm chứng — Mục 1", "Người làm chứng — Mục 2"]);
    const links = [...review.querySelectorAll("a")].map((a) => a.textContent?.replace(/\s+/g, " ").trim());
    await expect(links).toContain("Thay đổi Họ, chữ đệm và tên (Thông tin người mẹ)");
    await expect(links).toContain("Thay đổi Họ, chữ đệm và tên (Người làm chứng — Mục 2)");
    await expect(links.some((l) => l?.includes("Lệ phí"))).toBe(false);
  },
};
