// Switching `locale` on a live <tk-form> re-renders every element in the new language: the chrome of
// sections, rows and addresses (whose own titles may not change), of every widget, and the review
// page. What is checked is every text node and aria-label of every shadow tree below the form.
import { afterEach, describe, expect, it } from "vitest";
import type { Locale } from "@tokhai/core";
import { defineElements, type TkForm } from "../src/index.js";
import { CHROME } from "../src/i18n.js";
import { catalogSource } from "./support/catalog.js";
import { formTexts, staleChrome } from "./support/chrome-texts.js";
import { deepQuery, settle } from "./support/dom.js";

defineElements();

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

const catalog = {
  provinces: [{ code: "01", name: "Thành phố Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }] }],
};

const fileMeta = { name: { type: "string" }, type: { type: "string" }, size: { type: "integer" } };

/**
 * Every kind of element: a section holding a locked (verified) and an editable prefilled field, a
 * repeatable group, a prefilled address, a file and a computed value. The fields' own texts are
 * translated, the containers' titles are not (as often in real procedures): a container whose title is
 * the same in both languages must re-render all the same.
 */
const procedure = {
  id: "vn.test.locale",
  version: "1.0.0",
  title: "Tờ khai đổi ngôn ngữ",
  sources: {
    citizen: {
      title: { vi: "Cơ sở dữ liệu quốc gia về dân cư", en: "National population database" },
      schema: {
        type: "object",
        properties: {
          fullName: { type: "string" },
          phone: { type: "string" },
          address: { type: "object", properties: { province: { type: "string" }, commune: { type: "string" }, detail: { type: "string" } } },
        },
      },
    },
    // Titled in both languages, as the data-use notice shows it on the first step.
    catalog: { ...catalogSource, title: { vi: catalogSource.title, en: "Administrative units catalogue" } },
  },
  schema: {
    type: "object",
    properties: {
      applicant: {
        type: "object",
        title: "Người đề nghị",
        properties: {
          fullName: { type: "string", title: "Họ và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
          phone: { type: "string", title: "Số điện thoại", "x-prefill": "$citizen.phone" },
        },
        required: ["fullName", "phone"],
      },
      members: {
        type: "array",
        title: "Thành viên",
        maxItems: 5,
        items: { type: "object", properties: { name: { type: "string", title: "Tên" } }, required: ["name"] },
      },
      address: {
        type: "object",
        title: "Nơi ở",
        "x-widget": "address",
        "x-prefill": "$citizen.address",
        properties: {
          province: { type: "string", title: "Tỉnh", "x-options": '$catalog.provinces.{ "value": code, "label": name }' },
          commune: { type: "string", title: "Xã", "x-options": '$catalog.provinces[code = $$.address.province].communes.{ "value": code, "label": name }' },
          detail: { type: "string", title: "Số nhà" },
        },
      },
      contract: { type: "object", title: "Hợp đồng", "x-widget": "file", "x-accept": ["application/pdf"], "x-max-size": 1048576, properties: fileMeta },
      copies: { type: "integer", title: "Số bản", default: 2 },
      fee: { type: "integer", title: "Lệ phí", "x-compute": "copies * 5000" },
    },
    required: ["applicant", "members", "address"],
  },
  steps: [{ id: "main", title: "Thông tin", fields: ["/applicant", "/members", "/address", "/contract", "/copies", "/fee"] }],
  i18n: {
    en: {
      title: "Language switch form",
      steps: { main: { title: "Details" } },
      "/applicant/fullName": { title: "Full name" },
      "/applicant/phone": { title: "Phone" },
      "/members/-/name": { title: "Name" },
      "/address/province": { title: "Province" },
      "/address/commune": { title: "Commune" },
      "/address/detail": { title: "House number" },
      "/contract": { title: "Contract" },
      "/copies": { title: "Copies" },
      "/fee": { title: "Fee" },
    },
  },
};

const context = {
  citizen: { fullName: "Trần Thị Lan", phone: "0912345678", address: { province: "01", commune: "00004", detail: "12 Lê Lợi" } },
  catalog,
};

/** The texts still showing a chrome string of `locale`, each with the piece found. */
function leftOver(form: TkForm, locale: keyof typeof CHROME): string[] {
  return staleChrome(form, [CHROME[locale]], CHROME[locale === "vi" ? "en" : "vi"], 2);
}

async function mount(): Promise<TkForm> {
  host = document.createElement("main");
  document.body.append(host);
  const form = document.createElement("tk-form");
  Object.assign(form, { procedure, context, locale: "vi" });
  host.append(form);
  await form.ready();
  const model = form.form!;
  model.addRow("/members");
  model.addRow("/members");
  model.set("/members/0/name", "Lan");
  model.set("/members/1/name", "Minh");
  model.set("/contract", { name: "hop-dong.pdf", type: "application/pdf", size: 2048 });
  await settle(form, model);
  return form;
}

async function switchTo(form: TkForm, locale: Locale): Promise<void> {
  form.locale = locale;
  await settle(form, form.form);
}

describe("<tk-form> switching its locale", () => {
  it("the fixture shows every kind of chrome in Vietnamese first", async () => {
    const form = await mount();
    const all = formTexts(form).join("\n");
    for (const expected of ["(không bắt buộc)", "Mục 1", "Mục 2", "Xóa", "Thêm", "Lấy từ Cơ sở dữ liệu quốc gia về dân cư, có thể sửa", "Đã xác thực", "Chấp nhận: PDF", "Bỏ tệp", "Tự động tính"]) {
      expect(all).toContain(expected);
    }
    expect(deepQuery(form.shadowRoot!, "tk-field-section")).toBeDefined();
    expect(deepQuery(form.shadowRoot!, "tk-field-repeat")).toBeDefined();
    expect(deepQuery(form.shadowRoot!, "tk-field-address")).toBeDefined();
    expect(leftOver(form, "en")).toEqual([]);
  });

  it("re-renders every widget and container in English, and back in Vietnamese", async () => {
    const form = await mount();
    await switchTo(form, "en");
    expect(leftOver(form, "vi")).toEqual([]);
    const all = formTexts(form).join("\n");
    for (const expected of ["(optional)", "Item 1", "Item 2", "Remove", "Add", "From National population database, you can change it", "Verified", "Accepted: PDF", "Remove file", "Calculated automatically"]) {
      expect(all).toContain(expected);
    }
    await switchTo(form, "vi");
    expect(leftOver(form, "en")).toEqual([]);
    expect(formTexts(form).join("\n")).toContain("Mục 2");
  });

  it("re-renders the review page in the new locale, and back", async () => {
    const form = await mount();
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    await settle(form, form.form);
    expect(form.shadowRoot!.querySelector("[part='review']")).not.toBeNull();
    expect(leftOver(form, "en")).toEqual([]);
    await switchTo(form, "en");
    expect(leftOver(form, "vi")).toEqual([]);
    expect(formTexts(form).join("\n")).toContain("Item 2");
    await switchTo(form, "vi");
    expect(leftOver(form, "en")).toEqual([]);
  });

  it("re-renders the form page in English after going back from the review page", async () => {
    const form = await mount();
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    await settle(form, form.form);
    await switchTo(form, "en");
    form.shadowRoot!.querySelector<HTMLAnchorElement>("[part='review'] a")!.click();
    await settle(form, form.form);
    expect(deepQuery(form.shadowRoot!, "tk-field-repeat")).toBeDefined();
    expect(leftOver(form, "vi")).toEqual([]);
  });

  it("re-renders in the new locale a form switched while out of the page", async () => {
    const form = await mount();
    host!.remove();
    form.locale = "en";
    await form.updateComplete;
    expect(form.form!.locale).toBe("en");
    document.body.append(host!);
    await settle(form, form.form);
    expect(leftOver(form, "vi")).toEqual([]);
    expect(formTexts(form).join("\n")).toContain("Item 2");
  });
});

/** Containers whose own required and read-only state follow other answers. */
const conditional = {
  id: "vn.test.containers",
  version: "1.0.0",
  title: "Nhóm có điều kiện",
  schema: {
    type: "object",
    properties: {
      together: { type: "boolean", title: "Có người cùng đăng ký" },
      closed: { type: "boolean", title: "Đã chốt danh sách" },
      applicant: {
        type: "object",
        title: "Người đề nghị",
        "x-required": "together = true",
        "x-readonly": "closed = true",
        properties: { name: { type: "string", title: "Họ và tên" } },
      },
      members: {
        type: "array",
        title: "Thành viên",
        description: "Những người cùng đăng ký.",
        "x-required": "together = true",
        "x-readonly": "closed = true",
        items: { type: "object", properties: { name: { type: "string", title: "Tên" } } },
      },
    },
  },
  steps: [{ id: "main", title: "Thông tin", fields: ["/together", "/closed", "/applicant", "/members"] }],
};

describe("containers follow their own required and read-only state", () => {
  async function mountConditional(): Promise<TkForm> {
    host = document.createElement("main");
    document.body.append(host);
    const form = document.createElement("tk-form");
    // The marks of required fields, which these tests follow.
    Object.assign(form, { procedure: conditional, context: {}, requiredMarker: "required" });
    host.append(form);
    await form.ready();
    form.form!.addRow("/members");
    await settle(form, form.form);
    return form;
  }
  const legend = (form: TkForm, pointer: string) => deepQuery(form.shadowRoot!, `[pointer="${pointer}"]`)!.shadowRoot!.querySelector("legend")!.textContent!.replace(/\s+/g, " ").trim();
  const buttons = (form: TkForm, pointer: string) =>
    [...deepQuery(form.shadowRoot!, `[pointer="${pointer}"]`)!.shadowRoot!.querySelectorAll("button")].map((b) => b.textContent!.replace(/\s+/g, " ").trim());

  it("a repeatable group and a section show the required mark while required", async () => {
    const form = await mountConditional();
    expect(legend(form, "/members")).toBe("Thành viên");
    expect(legend(form, "/applicant")).toBe("Người đề nghị");
    form.form!.set("/together", true);
    await settle(form, form.form);
    expect(form.form!.field("/members").required).toBe(true);
    expect(legend(form, "/members")).toBe("Thành viên (bắt buộc)");
    expect(legend(form, "/applicant")).toBe("Người đề nghị (bắt buộc)");
    form.form!.set("/together", false);
    await settle(form, form.form);
    expect(legend(form, "/members")).toBe("Thành viên");
    expect(legend(form, "/applicant")).toBe("Người đề nghị");
  });

  it("a read-only repeatable group has no buttons to add or remove rows, and a read-only section no required mark", async () => {
    const form = await mountConditional();
    form.form!.set("/together", true);
    await settle(form, form.form);
    expect(buttons(form, "/members")).toEqual(["Xóa Mục 1", "Thêm"]);
    form.form!.set("/closed", true);
    await settle(form, form.form);
    expect(form.form!.field("/members").readonly).toBe(true);
    expect(buttons(form, "/members")).toEqual([]);
    expect(legend(form, "/applicant")).toBe("Người đề nghị");
    form.form!.set("/closed", false);
    await settle(form, form.form);
    expect(buttons(form, "/members")).toEqual(["Xóa Mục 1", "Thêm"]);
  });
});
