// Signing a declaration on <tk-form>'s review page (issue 18): the `signer` property, the digest it
// signs, the busy state, the messages when signing fails, is cancelled or cannot happen, the optional
// signature, the print action; and envelopeDigest's vectors in Chromium, the same as in Node.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { envelopeDigest, loadProcedure, validateSubmission, type SubmissionEnvelope } from "@tokhai/core";
import { defineElements, TkForm, type Signer, type SignRequest, type TkDiagnosticEvent, type TkSubmitEvent } from "../src/index.js";
import { activeDeep, expectAccessible, mountForm, settle as settleRoot, text } from "./support/dom.js";
import { DIGEST, DIGEST_NFD, ENVELOPE_TEXT, ENVELOPE_TEXT_NFD } from "../../../test/fixtures/digest-vectors.js";

defineElements();

const settle = (form: TkForm) => settleRoot(form, form.form);

const declaration = (signature?: "required" | "optional") => ({
  id: "vn.test.ky-so",
  version: "1.0.0",
  title: "Tờ khai có ký số",
  ...(signature ? { signature } : {}),
  sources: { citizen: { title: "Cơ sở dữ liệu quốc gia về dân cư", schema: { type: "object", properties: { fullName: { type: "string" } } } } },
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", title: "Họ và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
      reason: { type: "string", title: "Lý do", maxLength: 200 },
    },
    required: ["reason"],
  },
  i18n: { en: { title: "A signed declaration", "/fullName": { title: "Full name" }, "/reason": { title: "Reason" } } },
});
const context = { citizen: { fullName: "Nguyễn Văn An" } };

/** A real ECDSA P-256 key, a signer over the UTF-8 bytes of the digest, and its verifier. */
async function keys() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const requests: SignRequest[] = [];
  const signer: Signer = async (request) => {
    requests.push(request);
    const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, new TextEncoder().encode(request.digest));
    return { alg: "ES256", value: btoa(String.fromCharCode(...new Uint8Array(signature))), signer: "Nguyễn Văn An" };
  };
  const verify = ({ digest, signature }: { digest: string; signature: { value: string } }) =>
    crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pair.publicKey, Uint8Array.from(atob(signature.value), (c) => c.charCodeAt(0)), new TextEncoder().encode(digest));
  return { signer, verify, requests };
}

/** Fills in the reason and shows the review page. */
async function toReview(form: TkForm, reason = "Cấp lại bản chính"): Promise<void> {
  form.form!.set("/reason", reason);
  await form.goTo(Infinity);
  await settle(form);
}

const root = (form: TkForm) => form.shadowRoot!;
const submitButton = (form: TkForm) => root(form).querySelector<HTMLButtonElement>("[part~='primary']")!;
const signing = (form: TkForm) => root(form).querySelector<HTMLElement>("[part='signing']");
const message = (form: TkForm) => root(form).querySelector<HTMLElement>(".sign-message");

/** Collects the form's tk-submit and tk-diagnostic events. */
function listen(form: TkForm) {
  const submits: TkSubmitEvent[] = [];
  const diagnostics: TkDiagnosticEvent[] = [];
  form.addEventListener("tk-submit", (e) => submits.push(e));
  form.addEventListener("tk-diagnostic", (e) => diagnostics.push(e));
  return { submits, diagnostics };
}

afterEach(() => {
  delete (window as { print?: unknown }).print; // back to the prototype's
});

describe("envelopeDigest in Chromium", () => {
  it("gives the digests Node gives for the same envelopes (RFC 8785, SHA-256), NFC and NFD apart", async () => {
    expect(await envelopeDigest(JSON.parse(ENVELOPE_TEXT))).toBe(DIGEST);
    expect(await envelopeDigest(JSON.parse(ENVELOPE_TEXT_NFD))).toBe(DIGEST_NFD);
  });
});

describe("<tk-form> signs a declaration whose procedure requires it", () => {
  it("calls the signer with the envelope's digest and submits the envelope with its signature, which the back end verifies", async () => {
    const { signer, verify, requests } = await keys();
    const form = await mountForm(declaration("required"), { context, signer });
    const { submits } = listen(form);
    await toReview(form);
    expect(text(signing(form)!.querySelector("h3"))).toBe("Ký số tờ khai");
    expect(text(signing(form))).toContain("Bạn sẽ ký số tờ khai này khi nộp hồ sơ.");
    expect(text(submitButton(form))).toBe("Ký số và nộp hồ sơ");
    await expectAccessible(form, "review, to be signed");

    expect(await form.submit()).toBe(true);
    await settle(form);
    expect(submits).toHaveLength(1);
    const envelope = submits[0]!.envelope;
    const { signature, ...unsigned } = envelope;
    expect(signature).toMatchObject({ alg: "ES256", signer: "Nguyễn Văn An" });
    expect(signature!.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(signature!.digest).toBe(await envelopeDigest(envelope));
    expect(signature!.digest).toBe(await envelopeDigest(unsigned));
    expect(envelope.id).toBe(form.form!.id);
    // The signer was asked once, with that digest and the envelope as it is submitted, unsigned.
    expect(requests.map((r) => r.digest)).toEqual([signature!.digest]);
    expect(requests[0]!.envelope).toEqual(unsigned);
    expect(await verify({ digest: signature!.digest, signature: signature! })).toBe(true);
    // The back end's check, with the same core, in the browser.
    const procedure = await loadProcedure(declaration("required"));
    const received = JSON.parse(JSON.stringify(envelope)) as SubmissionEnvelope;
    expect(await validateSubmission(procedure, received, { context, verifySignature: verify })).toEqual({ valid: true, errors: [] });
    const changed = JSON.parse(JSON.stringify(envelope).replace("Cấp lại bản chính", "Cấp lại bản chínH"));
    expect((await validateSubmission(procedure, changed, { context, verifySignature: verify })).errors.map((e) => e.keyword)).toEqual(["signature"]);
    // The page shows the digest signed.
    expect(text(signing(form)!.querySelector(".digest code"))).toBe(signature!.digest);
    expect(text(signing(form)!.querySelector("[role='status']"))).toBe("Đã ký số tờ khai.");
    await expectAccessible(form, "signed");
  });

  it("shows the digest and a busy state while the signer works, and asks it once however often submit is pressed", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { signer, requests } = await keys();
    const slow: Signer = async (request) => {
      await gate;
      return signer(request);
    };
    const form = await mountForm(declaration("required"), { context, signer: slow });
    const { submits } = listen(form);
    await toReview(form);
    const status = signing(form)!.querySelector("[role='status']")!;
    expect(text(status)).toBe(""); // the live region is there before it speaks
    const first = form.submit();
    await expect.poll(() => text(status)).toBe("Đang ký số tờ khai…");
    expect(signing(form)!.getAttribute("aria-busy")).toBe("true");
    expect(text(signing(form)!.querySelector(".digest code"))).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(submitButton(form).getAttribute("aria-disabled")).toBe("true");
    await expectAccessible(form, "signing");
    expect(await form.submit()).toBe(false); // pressed again while signing
    submitButton(form).click();
    release();
    expect(await first).toBe(true);
    await settle(form);
    expect(requests).toHaveLength(1);
    expect(submits).toHaveLength(1);
    expect(signing(form)!.getAttribute("aria-busy")).toBe("false");
  });

  it("says it could not sign when the signer rejects, with focus on the message and every answer kept; a retry succeeds", async () => {
    const { signer } = await keys();
    let fail = true;
    const flaky: Signer = (request) => (fail ? Promise.reject(new Error("the signing service did not answer")) : signer(request));
    const form = await mountForm(declaration("required"), { context, signer: flaky });
    const { submits, diagnostics } = listen(form);
    await toReview(form, "Mất bản chính");

    expect(await form.submit()).toBe(false);
    await settle(form);
    expect(submits).toHaveLength(0);
    const alert = message(form)!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(text(alert)).toContain("Chưa ký được tờ khai nên hồ sơ chưa được nộp. Những gì bạn đã khai vẫn còn nguyên; hãy thử lại.");
    expect(activeDeep()).toBe(alert);
    expect(diagnostics.map((d) => d.diagnostic)).toEqual([{ code: "signer", message: "the signing service did not answer" }]);
    // Still on the review page, with the answers; the button submits again.
    expect(root(form).querySelector("[part='review']")).not.toBeNull();
    expect(text(root(form).querySelector("[part='review']"))).toContain("Mất bản chính");
    expect(form.form!.get("/reason")).toBe("Mất bản chính");
    expect(submitButton(form).getAttribute("aria-disabled")).toBeNull();
    await expectAccessible(form, "signing failed");

    fail = false;
    expect(await form.submit()).toBe(true);
    await settle(form);
    expect(message(form)).toBeNull();
    expect(submits).toHaveLength(1);
    expect(submits[0]!.envelope.signature!.digest).toBe(await envelopeDigest(submits[0]!.envelope));
    expect(submits[0]!.envelope.data).toEqual({ fullName: "Nguyễn Văn An", reason: "Mất bản chính" });
  });

  it("tells a cancelled signature (AbortError) apart, more gently", async () => {
    const cancelled: Signer = () => Promise.reject(new DOMException("The user cancelled", "AbortError"));
    const form = await mountForm(declaration("required"), { context, signer: cancelled });
    const { submits, diagnostics } = listen(form);
    await toReview(form);
    expect(await form.submit()).toBe(false);
    await settle(form);
    const notice = message(form)!;
    expect(notice.getAttribute("role")).toBe("region");
    expect(notice.classList.contains("summary")).toBe(false);
    expect(text(notice.querySelector("h2"))).toBe("Bạn đã hủy ký số");
    expect(text(notice)).toContain("Hồ sơ chưa được nộp. Những gì bạn đã khai vẫn còn nguyên");
    expect(activeDeep()).toBe(notice);
    expect(submits).toHaveLength(0);
    expect(diagnostics.map((d) => d.diagnostic.code)).toEqual(["signer-cancelled"]);
    await expectAccessible(form, "signing cancelled");
  });

  it("refuses to submit a declaration that must be signed when the page has no signer, and says so", async () => {
    const form = await mountForm(declaration("required"), { context });
    const { submits, diagnostics } = listen(form);
    await toReview(form);
    expect(await form.submit()).toBe(false);
    await settle(form);
    expect(submits).toHaveLength(0);
    expect(text(message(form))).toContain("Tờ khai này phải được ký số, nhưng trang này chưa có chức năng ký số nên chưa thể nộp hồ sơ.");
    expect(activeDeep()).toBe(message(form));
    expect(diagnostics.map((d) => d.diagnostic.code)).toEqual(["signer-missing"]);
    await expectAccessible(form, "no signer");
  });

  it("refuses a signer's result that is not { alg, value }", async () => {
    const form = await mountForm(declaration("required"), { context, signer: async () => ({ alg: "", value: "x" }) });
    const { submits, diagnostics } = listen(form);
    await toReview(form);
    expect(await form.submit()).toBe(false);
    expect(submits).toHaveLength(0);
    expect(diagnostics[0]!.diagnostic.message).toMatch(/alg must be a text of 1 to 100 characters/);
  });

  it("is signed and submitted with the keyboard alone, in English", async () => {
    const { signer } = await keys();
    const form = await mountForm(declaration("required"), { context, signer, locale: "en" });
    const { submits } = listen(form);
    await toReview(form);
    expect(text(signing(form)!.querySelector("h3"))).toBe("Sign your declaration");
    expect(text(submitButton(form))).toBe("Sign and submit");
    root(form).querySelector<HTMLButtonElement>(".print")!.focus();
    await userEvent.tab(); // Back
    await userEvent.tab(); // Sign and submit
    expect(activeDeep()).toBe(submitButton(form));
    await userEvent.keyboard("{Enter}");
    await expect.poll(() => submits.length).toBe(1);
    await settle(form);
    expect(submits[0]!.envelope.signature).toBeDefined();
    expect(text(signing(form)!.querySelector("[role='status']"))).toBe("Your declaration is signed.");
  });
});

describe("<tk-form> with an optional signature", () => {
  it("offers nothing without a signer, and submits unsigned", async () => {
    const form = await mountForm(declaration("optional"), { context });
    const { submits } = listen(form);
    await toReview(form);
    expect(signing(form)).toBeNull();
    expect(text(submitButton(form))).toBe("Nộp hồ sơ");
    expect(await form.submit()).toBe(true);
    expect(submits[0]!.envelope).not.toHaveProperty("signature");
  });

  it("with a signer, signs only when the citizen chooses to (a checkbox, unchecked at first)", async () => {
    const { signer, requests } = await keys();
    const form = await mountForm(declaration("optional"), { context, signer });
    const { submits } = listen(form);
    await toReview(form);
    const box = signing(form)!.querySelector<HTMLInputElement>("input[type='checkbox']")!;
    expect(box.checked).toBe(false);
    expect(text(signing(form))).toContain("Không bắt buộc: bạn có thể nộp hồ sơ mà không ký số.");
    expect(text(submitButton(form))).toBe("Nộp hồ sơ");
    await expectAccessible(form, "optional signature");
    box.focus();
    await userEvent.keyboard(" ");
    await form.updateComplete;
    expect(box.checked).toBe(true);
    expect(text(submitButton(form))).toBe("Ký số và nộp hồ sơ");
    expect(await form.submit()).toBe(true);
    expect(requests).toHaveLength(1);
    expect(submits[0]!.envelope.signature!.digest).toBe(requests[0]!.digest);
  });

  it("after a failed optional signature, says the citizen may submit without signing", async () => {
    const form = await mountForm(declaration("optional"), { context, signer: () => Promise.reject(new Error("no card")) });
    const { submits } = listen(form);
    await toReview(form);
    signing(form)!.querySelector<HTMLInputElement>("input[type='checkbox']")!.click();
    await form.updateComplete;
    expect(await form.submit()).toBe(false);
    await settle(form);
    expect(text(message(form))).toContain("Bạn cũng có thể bỏ chọn “Ký số tờ khai này” để nộp hồ sơ mà không ký số.");
    signing(form)!.querySelector<HTMLInputElement>("input[type='checkbox']")!.click();
    await form.updateComplete;
    expect(message(form)).toBeNull();
    expect(await form.submit()).toBe(true);
    expect(submits[0]!.envelope).not.toHaveProperty("signature");
  });
});

describe("<tk-form> without signing", () => {
  it("shows no signing block and submits as before, with the envelope's id", async () => {
    const form = await mountForm(declaration(), { context, signer: () => Promise.reject(new Error("not to be called")) });
    const { submits } = listen(form);
    await toReview(form);
    expect(signing(form)).toBeNull();
    expect(await form.submit()).toBe(true);
    expect(submits[0]!.envelope).not.toHaveProperty("signature");
    expect(submits[0]!.envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("<tk-form>'s print action", () => {
  it("is a button on the review page that prints the page, hidden on paper with the navigation", async () => {
    const form = await mountForm(declaration(), { context });
    await toReview(form);
    const printed: unknown[] = [];
    // The browser's print dialog cannot be driven headless: record the call instead.
    (window as { print: () => void }).print = () => void printed.push(true);
    const button = root(form).querySelector<HTMLButtonElement>("button.print")!;
    expect(text(button)).toBe("In thông tin đã khai");
    button.focus();
    await userEvent.keyboard("{Enter}");
    expect(printed).toHaveLength(1);
    form.locale = "en";
    await settle(form);
    expect(text(button)).toBe("Print your answers");
    // On paper: no buttons, no step indicator, no change links.
    const printRules = root(form)
      .adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.media.mediaText === "print")
      .flatMap((rule) => [...rule.cssRules] as CSSStyleRule[])
      .filter((rule) => rule.style.display === "none")
      .flatMap((rule) => rule.selectorText.split(",").map((s) => s.trim()));
    expect(printRules).toEqual(expect.arrayContaining([".actions", ".steps", ".change", ".print"]));
    await expectAccessible(form, "review with print");
  });
});
