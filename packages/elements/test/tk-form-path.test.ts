// <tk-form> along the citizen's path (issue 15): no second submission, no step skipped by a double
// Continue, an error summary that follows the fields, and row errors labelled as the citizen sees them.
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { defineElements, TkForm, type TkSubmitEvent } from "../src/index.js";
import { activeDeep, deepQuery, expectAccessible, mountForm, settle as settleRoot, text } from "./support/dom.js";

defineElements();

const mount = mountForm;
const settle = (form: TkForm) => settleRoot(form, form.form);
const q = (form: TkForm, selector: string) => deepQuery(form.shadowRoot!, selector);
const field = (form: TkForm, pointer: string) => q(form, `[pointer="${pointer}"]`);
const inner = (form: TkForm, pointer: string, selector = "[part~='control']") => field(form, pointer)?.shadowRoot?.querySelector<HTMLElement>(selector);
const heading = (form: TkForm) => text(form.shadowRoot!.querySelector("h2#step-title"));
const primary = (form: TkForm) => form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!;
const summaryLinks = (form: TkForm) => [...form.shadowRoot!.querySelectorAll("[part='error-summary'] a")].map(text);

/** Three steps: a valid first step, a second with a required field, then a third. */
const three = {
  id: "vn.test.path",
  version: "1.0.0",
  title: "Tờ khai ba bước",
  schema: {
    type: "object",
    properties: {
      name: { type: "string", title: "Họ và tên", default: "Lê Thị Hoa" },
      phone: { type: "string", title: "Số điện thoại" },
      email: { type: "string", title: "Thư điện tử" },
      reason: { type: "string", title: "Lý do" },
      note: { type: "string", title: "Ghi chú" },
    },
    required: ["name", "phone", "email", "reason"],
  },
  steps: [
    { id: "one", title: "Bước một", fields: ["/name"] },
    { id: "two", title: "Bước hai", fields: ["/phone", "/email"] },
    { id: "three", title: "Bước ba", fields: ["/reason", "/note"] },
  ],
};

describe("<tk-form> submits once", () => {
  it("fires one tk-submit for two clicks, and for two concurrent submit() calls, until reset()", async () => {
    const form = await mount({ ...three, steps: undefined }, { locale: "en" });
    form.form!.set("/phone", "0912345678");
    form.form!.set("/email", "hoa@example.vn");
    form.form!.set("/reason", "Chuyển nhà");
    await settle(form);
    primary(form).click(); // Continue: the one step leads to the review page
    await settle(form);
    expect(heading(form)).toBe("Check your answers before submitting");
    const submits: TkSubmitEvent[] = [];
    form.addEventListener("tk-submit", (e) => submits.push(e));

    const button = primary(form);
    button.focus();
    button.click();
    button.click();
    await settle(form);
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(submits).toHaveLength(1);
    // Still focused, and unavailable to assistive technology too.
    expect(activeDeep()).toBe(primary(form));
    expect(primary(form).getAttribute("aria-disabled")).toBe("true");
    expect(text(primary(form))).toBe("Submitted");
    expect(await form.submit()).toBe(false);
    expect(submits).toHaveLength(1);
    await expectAccessible(form, "submitted");

    form.reset();
    form.form!.set("/phone", "0912345678");
    form.form!.set("/email", "hoa@example.vn");
    form.form!.set("/reason", "Chuyển nhà");
    await settle(form);
    const results = await Promise.all([form.submit(), form.submit()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(submits).toHaveLength(2);
  });
});

describe("<tk-form> continues one step at a time", () => {
  it("ends on step 2 after two rapid clicks on Continue, and validates step 2 before leaving it", async () => {
    const form = await mount(three);
    const steps: string[] = [];
    form.addEventListener("tk-step", (e) => steps.push(e.stepId));
    primary(form).click();
    primary(form).click();
    await settle(form);
    expect(heading(form)).toBe("Bước hai");
    expect(steps).toEqual(["two"]);
    expect(form.shadowRoot!.querySelector("[part='error-summary']")).toBeNull();

    primary(form).click();
    await settle(form);
    expect(heading(form)).toBe("Bước hai");
    expect(summaryLinks(form)).toEqual([expect.stringMatching(/^Số điện thoại: /), expect.stringMatching(/^Thư điện tử: /)]);
  });

  it("ends on step 2 after Enter pressed twice in a field of a valid step 1", async () => {
    const form = await mount(three);
    const input = inner(form, "/name") as HTMLInputElement;
    input.focus();
    const enter = () => input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true, cancelable: true }));
    enter();
    enter();
    await settle(form);
    expect(heading(form)).toBe("Bước hai");
    expect(form.shadowRoot!.querySelector("[part='error-summary']")).toBeNull();
  });
});

describe("<tk-form> error summary", () => {
  it("follows the fields: a fixed field leaves the summary, the others stay, and an empty summary goes", async () => {
    const form = await mount(three);
    primary(form).click();
    await settle(form);
    expect(heading(form)).toBe("Bước hai");
    primary(form).click();
    await settle(form);
    expect(summaryLinks(form)).toEqual([expect.stringMatching(/^Số điện thoại: /), expect.stringMatching(/^Thư điện tử: /)]);

    (inner(form, "/phone") as HTMLInputElement).focus();
    await userEvent.keyboard("0912345678");
    await settle(form);
    expect(summaryLinks(form)).toEqual([expect.stringMatching(/^Thư điện tử: /)]);
    expect(activeDeep()).toBe(inner(form, "/phone")); // typing goes on where it was
    await expectAccessible(form, "one error left");

    // Switching the locale keeps what is left, in the new language.
    form.locale = "en";
    await settle(form);
    expect(summaryLinks(form)).toHaveLength(1);

    (inner(form, "/email") as HTMLInputElement).focus();
    await userEvent.keyboard("hoa@example.vn");
    await settle(form);
    expect(form.shadowRoot!.querySelector("[part='error-summary']")).toBeNull();
    expect(heading(form)).toBe("Bước hai");
  });
});

/** A household whose members are rows, with a rule on a field of a row and a rule on the row itself. */
const household = {
  id: "vn.test.rows",
  version: "1.0.0",
  title: "Hộ gia đình",
  schema: {
    type: "object",
    properties: {
      household: {
        type: "object",
        title: "Hộ gia đình",
        properties: {
          members: {
            type: "array",
            title: "Thành viên",
            items: {
              type: "object",
              properties: {
                fullName: { type: "string", title: "Họ và tên" },
                relation: { type: "string", title: "Quan hệ với chủ hộ" },
                personalId: {
                  type: "string",
                  title: "Số định danh cá nhân",
                  "x-rules": [{ assert: "$not($exists($value)) or $length($value) = 12", message: { vi: "Số định danh cá nhân gồm 12 chữ số.", en: "A personal identification number has 12 digits." } }],
                },
              },
              "x-rules": [{ assert: "$value.relation != 'Chủ hộ'", message: { vi: "Chủ hộ không khai là thành viên.", en: "The head of the household is not a member." } }],
            },
          },
        },
      },
    },
  },
  steps: [{ id: "members", title: "Thành viên", fields: ["/household"] }],
  i18n: { en: { title: "Household", "/household/members": { title: "Members" }, "/household/members/-/personalId": { title: "Personal identification number" } } },
};

describe("<tk-form> row errors", () => {
  it("names a row's errors by the group, the row and the field, shows them there, and its links focus them", async () => {
    const form = await mount(household);
    form.form!.set("/household/members", [{ fullName: "An", relation: "Con", personalId: "001234567890" }, { fullName: "Bình", relation: "Chủ hộ", personalId: "123" }]);
    await settle(form);
    primary(form).click();
    await settle(form);
    expect(summaryLinks(form)).toEqual([
      "Thành viên — Mục 2: Chủ hộ không khai là thành viên.",
      "Thành viên — Mục 2 — Số định danh cá nhân: Số định danh cá nhân gồm 12 chữ số.",
    ]);
    // The field's error is shown at the field, in its row; the row's own error under the row's legend,
    // and the row's fieldset is described by it.
    expect(text(field(form, "/household/members/1/personalId")!.shadowRoot!.querySelector("[part='error']"))).toContain("Số định danh cá nhân gồm 12 chữ số.");
    const group = field(form, "/household/members")!.shadowRoot!;
    const rowError = group.querySelector("[data-row='1'] [part~='row-error']");
    expect(text(rowError)).toContain("Chủ hộ không khai là thành viên.");
    expect(group.querySelector("[data-row='1']")!.getAttribute("aria-describedby")).toBe(rowError!.id);
    expect(group.querySelector("[data-row='0'] [part~='row-error']")).toBeNull();

    const links = [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement>("[part='error-summary'] a")];
    links[1]!.click();
    await settle(form);
    expect(activeDeep()).toBe(inner(form, "/household/members/1/personalId"));
    links[0]!.click();
    await settle(form);
    const row = field(form, "/household/members")!.shadowRoot!.querySelector("[data-row='1']");
    expect(activeDeep()).toBe(row);

    form.locale = "en";
    await settle(form);
    expect(summaryLinks(form)).toEqual([
      "Members — Item 2: The head of the household is not a member.",
      "Members — Item 2 — Personal identification number: A personal identification number has 12 digits.",
    ]);
    expect(text(group.querySelector("[data-row='1'] [part~='row-error']"))).toContain("The head of the household is not a member.");
    // Fixed, the row's error goes.
    form.form!.set("/household/members/1/relation", "Con");
    await settle(form);
    expect(group.querySelector("[data-row='1'] [part~='row-error']")).toBeNull();
    await expectAccessible(form, "row errors");
  });
});

describe("<tk-form> error summary entries", () => {
  it("read as sentences when a title ends in punctuation (issue 15, defect 6)", async () => {
    const form = await mount({
      id: "vn.test.punctuation",
      version: "1.0.0",
      title: "Cam đoan",
      schema: {
        type: "object",
        properties: {
          declaration: { type: "boolean", title: "Tôi cam đoan những nội dung khai trên là đúng sự thật.", const: true },
          hasCar: { type: "string", title: "Bạn có ô tô không?", enum: ["có", "không"] },
          note: { type: "string", title: "Ghi chú:" },
        },
        required: ["declaration", "hasCar", "note"],
      },
    });
    primary(form).click();
    await settle(form);
    expect(summaryLinks(form)).toEqual([
      "Tôi cam đoan những nội dung khai trên là đúng sự thật: Thông tin bắt buộc, vui lòng không để trống",
      "Bạn có ô tô không? Thông tin bắt buộc, vui lòng không để trống",
      "Ghi chú: Thông tin bắt buộc, vui lòng không để trống",
    ]);
  });
});
