// <tk-form> in a real Chromium: a whole procedure walked with the keyboard, the error summary,
// conditions, computed values, rows, the locale switch, and hostile text.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import axe from "axe-core";
import { defineElements, TkForm, type TkSubmitEvent } from "../src/index.js";
import { deepQuery } from "../src/internal/format.js";
import residence from "../../../examples/procedures/dang-ky-thuong-tru.json" with { type: "json" };
import an from "../../../examples/data/personas/nguyen-van-an.json" with { type: "json" };
import catalog from "../../../examples/data/administrative-units.json" with { type: "json" };

/** Nguyễn Văn An as the portal passes him: his data and the catalogue of administrative units. */
const persona = { ...an, catalog };

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

    // Step 2: province → commune cascade (comboboxes: typed to filter, Down, Enter), address, ownership.
    (inner(form, "/newAddress/province") as HTMLInputElement).focus();
    await userEvent.keyboard("ha noi{ArrowDown}{Enter}"); // Thành phố Hà Nội; Enter chooses, the step stays
    await settle(form);
    expect(form.form!.get("/newAddress/province")).toBe("01");
    expect(heading(form)).toBe("Nơi thường trú mới");
    await userEvent.tab();
    await userEvent.keyboard("{ArrowDown}{Enter}"); // its first commune
    await settle(form);
    expect(form.form!.get("/newAddress/commune")).toBe("00004");
    await userEvent.tab();
    await userEvent.keyboard("12 Lê Lợi");
    // Since when: the month, then the year.
    await userEvent.tab();
    await userEvent.keyboard("5");
    await userEvent.tab();
    await userEvent.keyboard("2024");
    await settle(form);
    expect(form.form!.get("/newAddress/livingSince")).toBe("2024-05");
    await userEvent.tab(); // first radio of ownership
    await userEvent.keyboard(" ");
    await settle(form);
    expect(form.form!.get("/newAddress/ownership")).toBe("owner");
    // (The owner's name is asked only of a citizen who does not own the dwelling.)
    expect(inner(form, "/newAddress/ownerName")).toBeNull();
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
    expect(event.envelope.data).toMatchObject({ newAddress: { province: "01", commune: "00004", detail: "12 Lê Lợi", ownership: "owner" }, declaration: true });
    expect(event.envelope.provenance["/applicant/fullName"]).toMatchObject({ source: "citizen", locked: true });
    expect(steps).toEqual(["newAddress", "household", "fee", "review"]);
  });
});

const XSS = '<img src=x onerror="window.__pwned=1">';

/** A two-step procedure exercising conditions, computed values, rows and hostile text. */
const small = {
  id: "vn.test.elements",
  version: "1.0.0",
  title: "Tờ khai thử nghiệm",
  sources: { citizen: { title: "Cơ sở dữ liệu quốc gia về dân cư", schema: { type: "object", properties: { fullName: { type: "string" } } } } },
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", title: "Họ và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
      quantity: { type: "integer", title: "Số bản sao", minimum: 1 },
      fee: { type: "integer", title: "Lệ phí", "x-compute": "quantity * 5000" },
      rent: { type: "boolean", title: "Nhà thuê" },
      landlord: { type: "string", title: "Tên chủ nhà", "x-visible": "rent = true", "x-required": "true" },
      note: { type: "string", title: XSS, description: XSS },
      children: {
        type: "array",
        title: "Con",
        items: { type: "object", properties: { name: { type: "string", title: "Tên con" } }, required: ["name"] },
      },
    },
    required: ["quantity"],
  },
  steps: [
    { id: "one", title: "Bước một", fields: ["/fullName", "/quantity", "/fee", "/rent", "/landlord", "/note"] },
    { id: "two", title: "Bước hai", fields: ["/children"] },
  ],
  i18n: { en: { title: "Test form", steps: { one: { title: "Step one" } }, "/quantity": { title: "Number of copies" } } },
};
const citizen = { citizen: { fullName: "Lê Thị Hoa" } };

describe("<tk-form> behaviour", () => {
  it("shows an error summary whose links move focus to each invalid field", async () => {
    const form = await mount(small, { context: citizen });
    const invalid = new Promise((resolve) => form.addEventListener("tk-invalid", resolve, { once: true }));
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    await invalid;
    await settle(form);
    const summary = form.shadowRoot!.querySelector<HTMLElement>("[part='error-summary']")!;
    expect(form.shadowRoot!.activeElement).toBe(summary);
    expect(summary.getAttribute("role")).toBe("alert");
    const links = [...summary.querySelectorAll("a")];
    expect(links.map(text)).toEqual([expect.stringMatching(/^Số bản sao: /)]);
    links[0]!.click();
    await settle(form);
    expect(activeDeep()).toBe(inner(form, "/quantity"));
    expect(inner(form, "/quantity")!.getAttribute("aria-invalid")).toBe("true");
    expect(inner(form, "/quantity")!.getAttribute("aria-describedby")).toContain("error");
    expect((await axe.run(form)).violations).toEqual([]);
  });

  it("shows and hides a conditional field, and keeps a computed value up to date", async () => {
    const form = await mount(small, { context: citizen });
    expect(field(form, "/landlord")!.hasAttribute("hidden")).toBe(true);
    (inner(form, "/rent", "input") as HTMLInputElement).click();
    await settle(form);
    expect(field(form, "/landlord")!.hasAttribute("hidden")).toBe(false);
    expect(inner(form, "/landlord")).toBeTruthy();
    (inner(form, "/rent", "input") as HTMLInputElement).click();
    await settle(form);
    expect(field(form, "/landlord")!.hasAttribute("hidden")).toBe(true);

    (inner(form, "/quantity") as HTMLInputElement).focus();
    await userEvent.keyboard("3");
    await settle(form);
    expect(text(inner(form, "/fee"))).toBe("15.000");
  });

  it("adds and removes rows of a repeatable group", async () => {
    const form = await mount(small, { context: citizen });
    await form.goTo(1);
    await settle(form);
    const repeat = field(form, "/children")!;
    repeat.shadowRoot!.querySelector<HTMLButtonElement>("[part='add']")!.click();
    await settle(form);
    expect(form.form!.get("/children")).toEqual([{}]);
    expect(activeDeep()).toBe(inner(form, "/children/0/name"));
    await userEvent.keyboard("An");
    repeat.shadowRoot!.querySelector<HTMLButtonElement>("[part='add']")!.click();
    await settle(form);
    await userEvent.keyboard("Bình");
    await settle(form);
    expect(form.form!.get("/children")).toEqual([{ name: "An" }, { name: "Bình" }]);
    repeat.shadowRoot!.querySelector<HTMLButtonElement>("[data-row='0'] [data-action='remove']")!.click();
    await settle(form);
    expect(form.form!.get("/children")).toEqual([{ name: "Bình" }]);
    expect((inner(form, "/children/0/name") as HTMLInputElement).value).toBe("Bình");
    expect((await axe.run(form)).violations).toEqual([]);
  });

  it("switches the locale live: chrome, procedure text and messages", async () => {
    const form = await mount(small, { context: citizen });
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    await settle(form);
    expect(text(form.shadowRoot!.querySelector("[part='error-summary'] h2"))).toBe("Có lỗi cần sửa");
    form.locale = "en";
    await settle(form);
    expect(text(form.shadowRoot!.querySelector("h1"))).toBe("Test form");
    expect(heading(form)).toBe("Step one");
    expect(text(form.shadowRoot!.querySelector("[part='error-summary'] h2"))).toBe("There is a problem");
    // The optional fields are marked (the default required-marker), the required ones are not.
    expect(text(field(form, "/quantity")!.shadowRoot!.querySelector("label"))).toBe("Number of copies");
    expect(text(field(form, "/note")!.shadowRoot!.querySelector("label"))).toBe(`${XSS} (optional)`);
    expect(text(field(form, "/quantity")!.shadowRoot!.querySelector("[part='error']"))).toMatch(/^Error: /);
    expect(text(field(form, "/fullName")!.shadowRoot!.querySelector("[part='verified']"))).toMatch(/Verified/);
    expect(text(form.shadowRoot!.querySelector("[part~='primary']"))).toBe("Continue");
  });

  it("renders hostile text from the procedure and the data as text", async () => {
    (window as { __pwned?: unknown }).__pwned = undefined;
    const form = await mount(small, { context: { citizen: { fullName: XSS } } });
    const note = field(form, "/note")!;
    expect(text(note.shadowRoot!.querySelector("label"))).toContain(XSS);
    expect(text(note.shadowRoot!.querySelector("[part='hint']"))).toBe(XSS);
    expect(text(field(form, "/fullName")!.shadowRoot!.querySelector(".verified-value"))).toBe(XSS);
    for (const el of deepAll(form.shadowRoot!)) expect(el.tagName).not.toBe("IMG");
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it("reports a schema that fails its deferred compilation as a load failure, once", async () => {
    // The pattern sits in allOf, not on a field: only ajv's compilation, deferred to idle time, sees it.
    const broken = { id: "vn.test.broken", version: "1.0.0", title: "Hỏng", schema: { type: "object", properties: { a: { type: "string", title: "A" } }, allOf: [{ properties: { a: { pattern: "(" } } }] } };
    const diagnostics: string[] = [];
    host = document.createElement("main");
    document.body.append(host);
    const form = document.createElement("tk-form");
    form.addEventListener("tk-diagnostic", (e) => diagnostics.push(e.diagnostic.code));
    form.procedure = broken;
    host.append(form);
    await form.ready();
    await settle(form);
    // Whether idle time came first (the warm-up compiles) or the submit does, the failure shows once.
    expect(await form.submit()).toBe(false);
    expect(await form.submit()).toBe(false);
    await settle(form);
    const alert = form.shadowRoot!.querySelector("[role=alert]");
    expect(text(alert)).toContain("Không tải được biểu mẫu");
    expect(text(alert)).toContain("/schema");
    expect(diagnostics).toEqual(["procedure"]);
  });

  it("goes from a single step straight to the review page, then submits", async () => {
    const single = { ...small, steps: undefined };
    const form = await mount(single, { context: citizen });
    expect(form.shadowRoot!.querySelector("[part='steps']")).toBeNull();
    form.form!.set("/quantity", 1);
    await settle(form);
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    await settle(form);
    expect(heading(form)).toBe("Kiểm tra lại thông tin trước khi nộp");
    const review = text(form.shadowRoot!.querySelector("[part='review']"));
    expect(review).toContain("Lê Thị Hoa");
    expect(review).toContain("Đã xác thực");
    const change = [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement>("[part='review'] a")].find((a) => text(a).includes("Số bản sao"))!;
    change.click();
    await settle(form);
    expect(activeDeep()).toBe(inner(form, "/quantity"));
  });
});
