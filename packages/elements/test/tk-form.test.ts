// <tk-form> in a real Chromium: a whole procedure walked with the keyboard, the error summary,
// conditions, computed values, rows, the locale switch, and hostile text.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import axe from "axe-core";
import { defineElements, TkForm, type TkSubmitEvent } from "../src/index.js";
import { deepQuery } from "../src/internal/format.js";
import residence from "../../../examples/procedures/dang-ky-thuong-tru.json" with { type: "json" };
import persona from "../../../examples/data/nguyen-van-an.json" with { type: "json" };

defineElements();

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

async function mount(procedure: unknown, options: Partial<Pick<TkForm, "locale" | "context">> = {}): Promise<TkForm> {
  host = document.createElement("main");
  document.body.append(host);
  const form = document.createElement("tk-form");
  Object.assign(form, { procedure, context: {}, ...options });
  host.append(form);
  await form.ready();
  await settle(form);
  return form;
}

/** Waits for the model, lit updates of every nested element, and a frame. */
async function settle(form: TkForm): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await form.form?.settled();
    await form.updateComplete;
    const all = [...deepAll(form.shadowRoot!)].filter((e): e is HTMLElement & { updateComplete: Promise<unknown> } => "updateComplete" in e);
    await Promise.all(all.map((e) => e.updateComplete));
    await new Promise((r) => requestAnimationFrame(r));
  }
}

function* deepAll(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll("*")) {
    yield el;
    if (el.shadowRoot) yield* deepAll(el.shadowRoot);
  }
}

const q = (form: TkForm, selector: string) => deepQuery(form.shadowRoot!, selector);
const field = (form: TkForm, pointer: string) => q(form, `[pointer="${pointer}"]`);
const inner = (form: TkForm, pointer: string, selector = "[part~='control']") => field(form, pointer)?.shadowRoot?.querySelector<HTMLElement>(selector);
const text = (el: Element | null | undefined) => (el as HTMLElement | undefined)?.innerText?.replace(/\s+/g, " ").trim() ?? "";
const heading = (form: TkForm) => text(form.shadowRoot!.querySelector("h2#step-title"));
const activeDeep = () => {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
};

describe("<tk-form> with the permanent residence procedure", () => {
  it("shows what the state knows as verified data with its source", async () => {
    const form = await mount(residence, { context: persona });
    expect(text(form.shadowRoot!.querySelector("h1"))).toBe("Đăng ký thường trú");
    const name = field(form, "/applicant/fullName")!;
    expect(name.shadowRoot!.querySelector("input")).toBeNull();
    expect(text(name.shadowRoot!.querySelector("[part='verified']"))).toMatch(/Nguyễn Văn An.*Đã xác thực.*Từ Cơ sở dữ liệu quốc gia về dân cư/);
    const phone = inner(form, "/applicant/phone") as HTMLInputElement;
    expect(phone.value).toBe("0912345678");
    expect(text(field(form, "/applicant/phone")!.shadowRoot!.querySelector("[part='origin']"))).toMatch(/Lấy từ/);
    expect((await axe.run(form)).violations).toEqual([]);
  });

  it("is completed with the keyboard alone, from the first field to tk-submit", async () => {
    const form = await mount(residence, { context: persona });
    const submitted = new Promise<TkSubmitEvent>((resolve) => form.addEventListener("tk-submit", resolve, { once: true }));
    const steps: string[] = [];
    form.addEventListener("tk-step", (e) => steps.push(e.stepId));

    // Step 1: identity is verified; phone and e-mail are prefilled. Tab to "Continue".
    (inner(form, "/applicant/phone") as HTMLInputElement).focus();
    await userEvent.tab(); // e-mail
    await userEvent.tab(); // Continue
    expect(text(activeDeep())).toBe("Tiếp tục");
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(heading(form)).toBe("Nơi thường trú mới");

    // Step 2: province → commune cascade, address, ownership.
    (inner(form, "/newAddress/province") as HTMLSelectElement).focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}"); // Thành phố Hồ Chí Minh
    await settle(form);
    expect(form.form!.get("/newAddress/province")).toBe("79");
    await userEvent.tab();
    await userEvent.keyboard("{ArrowDown}");
    await settle(form);
    expect(form.form!.get("/newAddress/commune")).toBeTypeOf("string");
    await userEvent.tab();
    await userEvent.keyboard("12 Lê Lợi");
    await userEvent.tab(); // first radio of ownership
    await userEvent.keyboard(" ");
    await settle(form);
    expect(form.form!.get("/newAddress/ownership")).toBe("owner");
    await userEvent.tab(); // owner name (optional)
    await userEvent.tab(); // Back
    await userEvent.tab(); // Continue
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(heading(form)).toBe("Thành viên cùng thay đổi");

    // Step 3: household members are prefilled; continue.
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.focus();
    await userEvent.keyboard("{Enter}");
    await settle(form);

    // Step 4: the declaration checkbox, then review.
    (inner(form, "/declaration", "input") as HTMLInputElement).focus();
    await userEvent.keyboard(" ");
    await settle(form);
    expect(form.form!.get("/declaration")).toBe(true);
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.focus();
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(heading(form)).toBe("Kiểm tra lại thông tin trước khi nộp");
    expect(text(form.shadowRoot!.querySelector("[part='review']"))).toContain("12 Lê Lợi");
    expect((await axe.run(form)).violations).toEqual([]);

    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.focus();
    await userEvent.keyboard("{Enter}");
    const event = await submitted;
    expect(event.envelope.data).toMatchObject({ newAddress: { province: "79", detail: "12 Lê Lợi", ownership: "owner" }, declaration: true });
    expect(event.envelope.provenance["/applicant/fullName"]).toMatchObject({ source: "citizen", locked: true });
    expect(steps).toEqual(["newAddress", "household", "fee", "review"]);
  });
});
