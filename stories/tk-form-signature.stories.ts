/**
 * Signing the declaration on `<tk-form>`'s review page (a procedure with `"signature"`, the form's
 * `signer`): before signing, while the signer works, signed, failed, cancelled, no signer for a required
 * signature, an optional signature; and the print action. The signer here is a WebCrypto ECDSA P-256
 * key made in the browser: a stand-in for a real signing service (a national e-ID app).
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument } from "@tokhai/core";
import type { Signer, TkForm } from "@tokhai/elements";
import { expect, userEvent, waitFor } from "storybook/test";
import { FORM_STORY, FULL, formRoot, primaryButton, renderForm, settle, SOURCES } from "./support.js";

/** A one-step declaration that must be signed (or may be: `optional`). */
const declaration = (signature: "required" | "optional"): ProcedureDocument => ({
  id: "vn.storybook.ky-so",
  version: "1.0.0",
  title: "Tờ khai đề nghị cấp bản sao",
  signature,
  sources: SOURCES,
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", title: "Họ, chữ đệm và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
      copies: { type: "integer", title: "Số bản sao", minimum: 1, maximum: 10, default: 2 },
      reason: { type: "string", title: "Lý do đề nghị", maxLength: 200, default: "Bổ sung hồ sơ xin việc" },
    },
    required: ["fullName", "copies", "reason"],
  },
  i18n: { en: { title: "Application for certified copies", "/fullName": { title: "Full name" }, "/copies": { title: "Number of copies" }, "/reason": { title: "Reason" } } },
});

/** A signer with a key made in the browser: signs the UTF-8 bytes of the digest with ECDSA P-256. */
const keySigner = (): Signer => {
  const pair = crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  return async ({ digest }) => {
    const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, (await pair).privateKey, new TextEncoder().encode(digest));
    return { alg: "ES256", value: btoa(String.fromCharCode(...new Uint8Array(signature))), signer: "Nguyễn Văn An (khóa thử nghiệm)" };
  };
};

const load = (signature: "required" | "optional", signer?: () => Signer) => async () => ({ procedure: declaration(signature), context: FULL, ...(signer ? { signer: signer() } : {}) });

const meta = {
  title: "Form/tk-form signature",
  ...FORM_STORY,
  // The form's usual arguments, and the signer the loader made.
  render: (args: Record<string, unknown>, context: { loaded: Record<string, unknown> }) => {
    const el = renderForm(args, context) as TkForm;
    if (typeof context.loaded["signer"] === "function") el.signer = context.loaded["signer"] as Signer;
    return el;
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const form = (canvasElement: HTMLElement) => canvasElement.querySelector("tk-form")!;
const signing = (canvasElement: HTMLElement) => formRoot(canvasElement).querySelector<HTMLElement>("[part='signing']");
const message = (canvasElement: HTMLElement) => formRoot(canvasElement).querySelector<HTMLElement>(".sign-message");

/** Shows the review page. */
async function toReview(context: { canvasElement: HTMLElement }): Promise<void> {
  await settle(context);
  await form(context.canvasElement).goTo(Infinity);
  await settle(context);
}

/** The review page of a declaration to sign: what signing means, and "Ký số và nộp hồ sơ". */
export const ToSign: Story = {
  loaders: [load("required", keySigner)],
  play: async (context) => {
    await toReview(context);
    await expect(signing(context.canvasElement)).toHaveTextContent("Bạn sẽ ký số tờ khai này khi nộp hồ sơ.");
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Ký số và nộp hồ sơ");
    await expect(formRoot(context.canvasElement).querySelector("button.print")).toHaveTextContent("In thông tin đã khai");
  },
};

/** While the signer works (here it never answers): the digest to compare, a busy state, the button unavailable. */
export const Signing: Story = {
  loaders: [load("required", () => () => new Promise(() => {}))],
  play: async (context) => {
    await toReview(context);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(signing(context.canvasElement)!.querySelector("[role='status']")).toHaveTextContent("Đang ký số tờ khai…"), { timeout: 5000 });
    await expect(signing(context.canvasElement)).toHaveAttribute("aria-busy", "true");
    await expect(signing(context.canvasElement)!.querySelector(".digest code")!.textContent).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(primaryButton(context.canvasElement)).toHaveAttribute("aria-disabled", "true");
  },
};

/** Signed and submitted: the digest signed stays on the page. */
export const Signed: Story = {
  loaders: [load("required", keySigner)],
  play: async (context) => {
    await toReview(context);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(signing(context.canvasElement)!.querySelector("[role='status']")).toHaveTextContent("Đã ký số tờ khai."), { timeout: 5000 });
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Đã gửi hồ sơ");
  },
};

/** The signer failed: the message has focus, the citizen stays on the review page with every answer. */
export const SigningFailed: Story = {
  loaders: [load("required", () => () => Promise.reject(new Error("the signing service did not answer")))],
  play: async (context) => {
    await toReview(context);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(message(context.canvasElement)).toHaveTextContent("Chưa ký được tờ khai nên hồ sơ chưa được nộp."), { timeout: 5000 });
    await expect(message(context.canvasElement)).toHaveAttribute("role", "alert");
    await expect(formRoot(context.canvasElement).querySelector("[part='review']")).toHaveTextContent("Bổ sung hồ sơ xin việc");
  },
};

/** The citizen cancelled in the signing app (`AbortError`): a gentler notice. */
export const SigningCancelled: Story = {
  loaders: [load("required", () => () => Promise.reject(new DOMException("cancelled", "AbortError")))],
  play: async (context) => {
    await toReview(context);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(message(context.canvasElement)).toHaveTextContent("Bạn đã hủy ký số"), { timeout: 5000 });
    await expect(message(context.canvasElement)).toHaveAttribute("role", "region");
  },
};

/** A signature is required and the portal gave no signer: nothing can be submitted, and the page says why. */
export const NoSigner: Story = {
  loaders: [load("required")],
  play: async (context) => {
    await toReview(context);
    await userEvent.click(primaryButton(context.canvasElement));
    await waitFor(() => expect(message(context.canvasElement)).toHaveTextContent("Tờ khai này phải được ký số"), { timeout: 5000 });
  },
};

/** An optional signature: the citizen chooses to sign (unchecked at first). */
export const Optional: Story = {
  loaders: [load("optional", keySigner)],
  play: async (context) => {
    await toReview(context);
    const box = signing(context.canvasElement)!.querySelector<HTMLInputElement>("input[type='checkbox']")!;
    await expect(box.checked).toBe(false);
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Nộp hồ sơ");
    await userEvent.click(box);
    await waitFor(() => expect(primaryButton(context.canvasElement)).toHaveTextContent("Ký số và nộp hồ sơ"));
  },
};

/** In English. */
export const English: Story = {
  args: { locale: "en" },
  loaders: [load("required", keySigner)],
  play: async (context) => {
    await toReview(context);
    await expect(signing(context.canvasElement)!.querySelector("h3")).toHaveTextContent("Sign your declaration");
    await expect(primaryButton(context.canvasElement)).toHaveTextContent("Sign and submit");
    await expect(formRoot(context.canvasElement).querySelector("button.print")).toHaveTextContent("Print your answers");
  },
};
