// <tk-form>'s drafts in a real Chromium: autosave a moment after a change and when the page is hidden,
// restore with a notice and a way to discard, a draft of an older major version offered but never
// restored silently, unreadable or failing storage reported without breaking the form, locked values
// always from the context, hidden values never saved, and the draft deleted after a submission.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import axe from "axe-core";
import type { Draft, ProcedureDocument } from "@tokhai/core";
import { defineElements, draftKey, TkForm, type DraftStore, type TkDraftErrorEvent, type TkDraftSavedEvent, type TkSubmitEvent } from "../src/index.js";
import { deepQuery, settle, text } from "./support/dom.js";

defineElements();

const procedure = (version = "1.2.0"): ProcedureDocument =>
  ({
    id: "vn.test.drafts",
    version,
    title: "Tờ khai thử bản nháp",
    sources: { citizen: { title: "Dân cư", schema: { type: "object", properties: { fullName: { type: "string" } } } } },
    schema: {
      type: "object",
      properties: {
        fullName: { type: "string", title: "Họ và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
        phone: { type: "string", title: "Số điện thoại", pattern: "^0[0-9]{9}$" },
        hasCar: { type: "boolean", title: "Có ô tô", "x-widget": "checkbox" },
        plate: { type: "string", title: "Biển số", "x-visible": "hasCar = true" },
        note: { type: "string", title: "Ghi chú", maxLength: 10 },
      },
      required: ["phone"],
    },
    steps: [
      { id: "one", title: "Một", fields: ["/fullName", "/phone", "/hasCar", "/plate"] },
      { id: "two", title: "Hai", fields: ["/note"] },
    ],
    i18n: { en: { title: "Draft test form", steps: { one: { title: "One" }, two: { title: "Two" } } } },
  }) as unknown as ProcedureDocument;

const SUBJECT = "citizen-7f3a";
const KEY = draftKey("vn.test.drafts", 1, SUBJECT);
const context = { citizen: { fullName: "Nguyễn Văn An" } };

let host: HTMLElement | undefined;
beforeEach(() => localStorage.clear());
afterEach(() => {
  host?.remove();
  localStorage.clear();
});

async function mount(options: Partial<TkForm> = {}): Promise<TkForm> {
  host?.remove();
  host = document.createElement("main");
  document.body.append(host);
  const form = document.createElement("tk-form");
  Object.assign(form, { procedure: procedure(), context, draftSubject: SUBJECT, autosaveDelay: 20, ...options });
  host.append(form);
  await form.ready();
  await settle(form, form.form);
  return form;
}

const notice = (form: TkForm) => form.shadowRoot!.querySelector<HTMLElement>("[part~='draft-notice']");
const button = (form: TkForm, label: string) => [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>("[part~='draft-notice'] button")].find((b) => b.textContent?.trim() === label);
const stored = (key = KEY) => JSON.parse(localStorage.getItem(key) ?? "null") as Draft | null;
const nextEvent = <E extends Event>(target: EventTarget, type: string) => new Promise<E>((resolve) => target.addEventListener(type, (e) => resolve(e as E), { once: true }));

/** Types into a text field as the citizen would. */
async function type(form: TkForm, pointer: string, value: string): Promise<void> {
  const input = deepQuery<HTMLInputElement>(form.shadowRoot!, `[pointer="${pointer}"]`)!.shadowRoot!.querySelector("input")!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
  input.dispatchEvent(new Event("change", { bubbles: true, composed: true }));
  await settle(form, form.form);
}

describe("<tk-form> drafts", () => {
  it("saves the answers a moment after a change, under procedure id, major version and subject", async () => {
    const form = await mount();
    const saved = nextEvent<TkDraftSavedEvent>(form, "tk-draft-saved");
    await type(form, "/phone", "0912345678");
    const event = await saved;
    expect(event.key).toBe("tokhai-draft:vn.test.drafts@1:citizen-7f3a");
    expect(stored()).toMatchObject({ procedure: { id: "vn.test.drafts", version: "1.2.0" }, data: { phone: "0912345678" }, step: "one" });
    expect(stored()!.provenance?.["/phone"]).toEqual({ source: "user" });
  });

  it("saves nothing without a subject", async () => {
    const form = await mount({ draftSubject: undefined });
    await type(form, "/phone", "0912345678");
    await new Promise((r) => setTimeout(r, 80));
    expect(localStorage.length).toBe(0);
  });

  it("saves at once when the page is hidden", async () => {
    const form = await mount({ autosaveDelay: 60_000 });
    await type(form, "/phone", "0912345678");
    expect(stored()).toBeNull();
    window.dispatchEvent(new Event("pagehide"));
    await new Promise((r) => setTimeout(r, 0));
    expect(stored()?.data).toMatchObject({ phone: "0912345678" });
  });

  it("restores a draft without its values of the wrong type, and says how many were left out (issue 15, defect 9)", async () => {
    // No savedAt, an object in a text field: never "[object Object]", never "saved at ?".
    localStorage.setItem(KEY, JSON.stringify({ procedure: { id: "vn.test.drafts", version: "1.0.0" }, data: { phone: { number: "0987654321" }, note: "tầng 3" } }));
    const form = await mount();
    expect(form.form!.get("/phone")).toBeUndefined();
    expect(form.form!.get("/note")).toBe("tầng 3");
    expect(text(notice(form))).toMatch(/^Đã khôi phục bản nháp; 1 câu trả lời đã lưu không còn phù hợp với biểu mẫu nên đã bị bỏ\. Bỏ bản nháp, khai lại từ đầu$/);
    expect(text(form.shadowRoot!.querySelector("h2#step-title"))).toBe("Một");
    const phone = deepQuery(form.shadowRoot!, "[pointer='/phone']")!.shadowRoot!.querySelector<HTMLInputElement>("input")!;
    expect(phone.value).toBe("");
    localStorage.setItem(KEY, JSON.stringify({ procedure: { id: "vn.test.drafts", version: "1.0.0" }, data: { note: "tầng 3" } }));
    const undated = await mount({ locale: "en" });
    expect(text(notice(undated))).toMatch(/^Your draft has been restored\. /);
  });

  it("restores a draft with a notice, on its step, and discards it on request", async () => {
    localStorage.setItem(KEY, JSON.stringify({ procedure: { id: "vn.test.drafts", version: "1.0.0" }, data: { phone: "0987654321", note: "tầng 3" }, step: "two", savedAt: "2026-11-20T08:05:00.000Z" }));
    const form = await mount();
    expect(form.form!.get("/phone")).toBe("0987654321");
    expect(text(form.shadowRoot!.querySelector("h2#step-title"))).toBe("Hai");
    expect(text(notice(form))).toMatch(/^Đã khôi phục bản nháp lưu lúc 08:05 20\/11\/2026\. Bỏ bản nháp, khai lại từ đầu$/);
    expect(notice(form)!.getAttribute("role")).toBe("status");
    expect((await axe.run(form)).violations).toEqual([]);

    button(form, "Bỏ bản nháp, khai lại từ đầu")!.click();
    await settle(form, form.form);
    expect(form.form!.get("/phone")).toBeUndefined();
    expect(form.form!.get("/fullName")).toBe("Nguyễn Văn An");
    expect(text(form.shadowRoot!.querySelector("h2#step-title"))).toBe("Một");
    expect(text(notice(form))).toBe("Đã bỏ bản nháp; biểu mẫu bắt đầu lại từ đầu.");
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("keeps the declaration's id: a reloaded page submits under the id of the draft; discarding the draft starts a new declaration", async () => {
    const first = await mount();
    const saved = nextEvent(first, "tk-draft-saved");
    await type(first, "/phone", "0912345678");
    await saved;
    const id = first.form!.id;
    expect(stored()).toMatchObject({ id });
    const again = await mount(); // the page reloaded
    expect(again.form!.id).toBe(id);
    const submitted = nextEvent<TkSubmitEvent>(again, "tk-submit");
    expect(await again.submit()).toBe(true);
    expect((await submitted).envelope.id).toBe(id);

    localStorage.setItem(KEY, JSON.stringify({ id, procedure: { id: "vn.test.drafts", version: "1.0.0" }, data: { phone: "0987654321" } }));
    const restored = await mount();
    expect(restored.form!.id).toBe(id);
    button(restored, "Bỏ bản nháp, khai lại từ đầu")!.click();
    await settle(restored, restored.form);
    expect(restored.form!.id).not.toBe(id);
  });

  it("keeps the draft and the declaration's id while the host delivers (waitUntil): a failed delivery can be submitted again, and a reloaded page submits the same id; a delivery that succeeds deletes it", async () => {
    const form = await mount();
    const saved = nextEvent(form, "tk-draft-saved");
    await type(form, "/phone", "0912345678");
    await saved;
    const id = form.form!.id;
    // The back end's answer is lost: the delivery rejects.
    let fail!: (reason: unknown) => void;
    form.addEventListener("tk-submit", (event) => (event as TkSubmitEvent).waitUntil(new Promise((_, reject) => (fail = reject))), { once: true });
    const first = form.submit();
    await settle(form, form.form);
    const submit = () => form.shadowRoot!.querySelector<HTMLButtonElement>("button.primary");
    await form.goTo(99); // the review page
    expect(submit()!.getAttribute("aria-disabled")).toBe("true"); // while delivering
    fail(new Error("HTTP 503"));
    expect(await first).toBe(false);
    await form.updateComplete;
    expect(stored()).toMatchObject({ id, data: { phone: "0912345678" } });
    expect(submit()!.getAttribute("aria-disabled")).toBeNull(); // can be submitted again
    // The page reloaded: the same declaration, the same id; this time it is delivered, and the draft goes.
    const again = await mount();
    expect(again.form!.id).toBe(id);
    const submitted = nextEvent<TkSubmitEvent>(again, "tk-submit");
    again.addEventListener("tk-submit", (event) => (event as TkSubmitEvent).waitUntil(Promise.resolve({ status: 200 })), { once: true });
    expect(await again.submit()).toBe(true);
    expect((await submitted).envelope.id).toBe(id);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("saves the draft at once when a delivery fails, before the autosave would have", async () => {
    const form = await mount({ autosaveDelay: 60_000 });
    await type(form, "/phone", "0912345678");
    expect(stored()).toBeNull(); // not saved yet
    form.addEventListener("tk-submit", (event) => (event as TkSubmitEvent).waitUntil(Promise.reject(new Error("offline"))), { once: true });
    expect(await form.submit()).toBe(false);
    expect(stored()).toMatchObject({ id: form.form!.id, data: { phone: "0912345678" } });
  });

  it("takes locked values from the context, never from the draft", async () => {
    localStorage.setItem(KEY, JSON.stringify({ procedure: { id: "vn.test.drafts", version: "1.2.0" }, data: { fullName: "Kẻ Giả Mạo", phone: "0987654321" } }));
    const form = await mount();
    expect(form.form!.field("/fullName")).toMatchObject({ value: "Nguyễn Văn An", locked: true });
    expect(form.form!.get("/phone")).toBe("0987654321");
  });

  it("never saves the value of a field that became hidden", async () => {
    const form = await mount();
    form.form!.set("/hasCar", true);
    await settle(form, form.form);
    const first = nextEvent(form, "tk-draft-saved");
    await type(form, "/plate", "51H-123.45");
    await first;
    expect(stored()!.data).toMatchObject({ hasCar: true, plate: "51H-123.45" });
    const saved = nextEvent(form, "tk-draft-saved");
    form.form!.set("/hasCar", false);
    await saved;
    expect(stored()!.data).not.toHaveProperty("plate");
    expect(JSON.stringify(stored())).not.toContain("51H-123.45");
  });

  it("starts clean when the stored draft is unreadable, and says so", async () => {
    for (const broken of ["{not json", JSON.stringify({ data: "not an object" }), JSON.stringify({ procedure: { id: "vn.other", version: "1.0.0" }, data: {} })]) {
      localStorage.setItem(KEY, broken);
      const errors: TkDraftErrorEvent[] = [];
      addEventListener("tk-draft-error", (e) => errors.push(e as TkDraftErrorEvent), { once: true });
      const form = await mount();
      expect(errors.map((e) => [e.operation, e.key])).toEqual([["load", KEY]]);
      expect(text(notice(form))).toBe("Không đọc được bản nháp đã lưu; biểu mẫu bắt đầu lại từ đầu.");
      expect(form.form!.get("/phone")).toBeUndefined();
      expect(localStorage.getItem(KEY)).toBeNull();
    }
  });

  it("goes on when storage fails (quota, private mode), keeping what was typed", async () => {
    const failing: DraftStore = {
      load: () => undefined,
      save: () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      },
      remove: () => undefined,
    };
    const form = await mount({ draftStore: failing, locale: "en" });
    const error = nextEvent<TkDraftErrorEvent>(form, "tk-draft-error");
    await type(form, "/phone", "0912345678");
    expect((await error).operation).toBe("save");
    await settle(form, form.form);
    expect(text(notice(form))).toBe("The draft could not be saved on this device. What you typed is still on the page: do not close it before submitting.");
    expect(form.form!.get("/phone")).toBe("0912345678");

    // Storage that cannot even be reached (reading localStorage throws in some private modes).
    const { localStorageDraftStore } = await import("../src/index.js");
    const unreachable = localStorageDraftStore(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    });
    const loadError = new Promise<TkDraftErrorEvent>((resolve) => addEventListener("tk-draft-error", (e) => resolve(e as TkDraftErrorEvent), { once: true }));
    const second = await mount({ draftStore: unreachable });
    expect((await loadError).operation).toBe("load");
    expect(second.form!.get("/fullName")).toBe("Nguyễn Văn An");
  });

  it("works with an asynchronous store, as a portal's server would be", async () => {
    const server = new Map<string, string>([[KEY, JSON.stringify({ procedure: { id: "vn.test.drafts", version: "1.1.0" }, data: { phone: "0901234567" } })]]);
    const delay = () => new Promise((r) => setTimeout(r, 30));
    const remote: DraftStore = {
      load: async (key) => (await delay(), server.has(key) ? JSON.parse(server.get(key)!) : undefined),
      save: async (key, draft) => (await delay(), void server.set(key, JSON.stringify(draft))),
      remove: async (key) => (await delay(), void server.delete(key)),
    };
    const form = await mount({ draftStore: remote });
    expect(form.form!.get("/phone")).toBe("0901234567");
    const saved = nextEvent(form, "tk-draft-saved");
    await type(form, "/phone", "0901234568");
    await saved;
    expect(JSON.parse(server.get(KEY)!).data).toMatchObject({ phone: "0901234568" });
  });

  it("does not restore a draft of an older major version silently, and offers what still applies", async () => {
    const oldKey = draftKey("vn.test.drafts", 1, SUBJECT);
    localStorage.setItem(oldKey, JSON.stringify({ procedure: { id: "vn.test.drafts", version: "1.2.0" }, data: { phone: "0912345678", note: "quá mười ký tự rồi", gone: "x" }, savedAt: "2026-11-20T08:05:00.000Z" }));
    const form = await mount({ procedure: procedure("2.0.0") });
    expect(form.form!.get("/phone")).toBeUndefined();
    expect(text(notice(form))).toMatch(/^Có bản nháp lưu lúc 08:05 20\/11\/2026 theo mẫu cũ của thủ tục \(phiên bản 1\.2\.0\)\. Mẫu đã thay đổi nên bản nháp chưa được khôi phục\./);
    expect((await axe.run(form)).violations).toEqual([]);

    const saved = nextEvent<TkDraftSavedEvent>(form, "tk-draft-saved");
    button(form, "Dùng lại những câu trả lời còn phù hợp")!.click();
    expect((await saved).key).toBe(draftKey("vn.test.drafts", 2, SUBJECT));
    await settle(form, form.form);
    expect(form.form!.get("/phone")).toBe("0912345678");
    expect(form.form!.get("/note")).toBeUndefined(); // longer than the new maxLength
    expect(text(notice(form))).toBe("Đã dùng lại 1 câu trả lời từ bản nháp cũ; 2 câu trả lời không còn phù hợp với mẫu mới đã bị bỏ.");
    expect(localStorage.getItem(oldKey)).toBeNull();
    expect(stored(draftKey("vn.test.drafts", 2, SUBJECT))!.data).toMatchObject({ phone: "0912345678" });
  });

  it("deletes the draft after a successful submission", async () => {
    const form = await mount();
    const saved = nextEvent(form, "tk-draft-saved");
    await type(form, "/phone", "0912345678");
    await saved;
    expect(stored()).not.toBeNull();
    const submitted = nextEvent(form, "tk-submit");
    expect(await form.submit()).toBe(true);
    await submitted;
    expect(localStorage.getItem(KEY)).toBeNull();
    await new Promise((r) => setTimeout(r, 60));
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
