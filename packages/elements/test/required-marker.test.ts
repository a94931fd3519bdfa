// Which fields carry a mark beside their label. By default, as GOV.UK does, the few optional fields say
// "(không bắt buộc)" / "(optional)"; `<tk-form required-marker="required">` marks the required fields
// instead. The setting reaches every widget and container (a section's fields, the rows of a group,
// the parts of an address), follows each field's current required state (x-required), and leaves the
// fields that cannot be edited (verified, computed, read-only) unmarked.
import { describe, expect, it } from "vitest";
import { defineElements, type TkField, type TkForm } from "../src/index.js";
import { CHROME } from "../src/i18n.js";
import { catalogSource } from "./support/catalog.js";
import { accessibleName, expectAccessible, fieldAt, mountForm, settle } from "./support/dom.js";

defineElements();

const catalog = {
  provinces: [{ code: "01", name: "Thành phố Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }] }],
};

const procedure = {
  id: "vn.test.marks",
  version: "1.0.0",
  title: "Đánh dấu trường bắt buộc",
  sources: {
    catalog: catalogSource,
    citizen: { title: "Cơ sở dữ liệu quốc gia về dân cư", schema: { type: "object", properties: { fullName: { type: "string" } } } },
  },
  schema: {
    type: "object",
    properties: {
      applicant: {
        type: "object",
        title: "Người đề nghị",
        properties: {
          fullName: { type: "string", title: "Họ và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
          phone: { type: "string", title: "Số điện thoại" },
          email: { type: "string", title: "Thư điện tử" },
          rented: { type: "boolean", title: "Nhà thuê" },
          landlord: { type: "string", title: "Tên chủ nhà", "x-required": "$$.applicant.rented = true" },
        },
        required: ["fullName", "phone"],
      },
      members: {
        type: "array",
        title: "Thành viên",
        items: { type: "object", properties: { name: { type: "string", title: "Tên" }, note: { type: "string", title: "Ghi chú" } }, required: ["name"] },
      },
      address: {
        type: "object",
        title: "Nơi ở",
        "x-widget": "address",
        properties: {
          province: { type: "string", title: "Tỉnh", "x-options": '$catalog.provinces.{ "value": code, "label": name }' },
          commune: { type: "string", title: "Xã", "x-options": '$catalog.provinces[code = $$.address.province].communes.{ "value": code, "label": name }' },
          detail: { type: "string", title: "Số nhà" },
        },
        required: ["province", "commune"],
      },
      copies: { type: "integer", title: "Số bản", default: 1 },
      fee: { type: "integer", title: "Lệ phí", "x-compute": "copies * 5000" },
      agree: { type: "boolean", title: "Tôi cam đoan" },
    },
    required: ["members", "copies"],
  },
  steps: [{ id: "main", title: "Thông tin", fields: ["/applicant", "/members", "/address", "/copies", "/fee", "/agree"] }],
};

const POINTERS = [
  "/applicant",
  "/applicant/fullName",
  "/applicant/phone",
  "/applicant/email",
  "/applicant/rented",
  "/applicant/landlord",
  "/members",
  "/members/0/name",
  "/members/0/note",
  "/address",
  "/address/province",
  "/address/commune",
  "/address/detail",
  "/copies",
  "/fee",
  "/agree",
] as const;

/** The mark each field shows (without its leading space), "" for none. */
function marks(form: TkForm): Record<string, string> {
  return Object.fromEntries(
    POINTERS.map((p) => [p, fieldAt(form.shadowRoot!, p).shadowRoot!.querySelector("[part~='label'] .required-mark")?.textContent?.trim() ?? ""]),
  );
}

async function mount(options: { requiredMarker?: "required" | "optional"; locale?: "vi" | "en" } = {}): Promise<TkForm> {
  const form = await mountForm(procedure, { context: { catalog, citizen: { fullName: "Nguyễn Văn An" } }, ...(options.locale ? { locale: options.locale } : {}) });
  if (options.requiredMarker) form.requiredMarker = options.requiredMarker;
  form.form!.addRow("/members");
  await settle(form, form.form);
  return form;
}

const OPTIONAL = {
  "/applicant": "",
  "/applicant/fullName": "", // verified
  "/applicant/phone": "",
  "/applicant/email": "optional",
  "/applicant/rented": "", // a single checkbox: unticked is an answer
  "/applicant/landlord": "optional", // until x-required makes it required
  "/members": "",
  "/members/0/name": "",
  "/members/0/note": "optional",
  "/address": "", // always there: its parts say which are optional
  "/address/province": "",
  "/address/commune": "",
  "/address/detail": "optional",
  "/copies": "",
  "/fee": "", // computed
  "/agree": "",
};

const REQUIRED = {
  ...Object.fromEntries(POINTERS.map((p) => [p, ""])),
  "/applicant/phone": "required",
  "/members": "required",
  "/members/0/name": "required",
  "/address/province": "required",
  "/address/commune": "required",
  "/copies": "required",
};

const localise = (expected: Record<string, string>, locale: "vi" | "en") =>
  Object.fromEntries(Object.entries(expected).map(([p, key]) => [p, key ? CHROME[locale][key as "required" | "optional"] : ""]));

describe("required-marker", () => {
  it("by default marks the optional fields, in every widget, row and address part, in Vietnamese and in English", async () => {
    const form = await mount();
    expect(form.requiredMarker).toBe("optional");
    expect(marks(form)).toEqual(localise(OPTIONAL, "vi"));
    const email = fieldAt(form.shadowRoot!, "/applicant/email").shadowRoot!.querySelector("input")!;
    expect(accessibleName(email)).toBe("Thư điện tử (không bắt buộc)");
    await expectAccessible(form, "optional fields marked");
    form.locale = "en";
    await settle(form, form.form);
    expect(marks(form)).toEqual(localise(OPTIONAL, "en"));
    expect(accessibleName(email)).toBe("Thư điện tử (optional)");
  });

  it('required-marker="required" marks the required fields instead; switching it re-renders every field at once', async () => {
    const form = await mount({ requiredMarker: "required" });
    expect(marks(form)).toEqual(localise(REQUIRED, "vi"));
    await expectAccessible(form, "required fields marked");
    form.setAttribute("required-marker", "optional");
    await settle(form, form.form);
    expect(marks(form)).toEqual(localise(OPTIONAL, "vi"));
    form.requiredMarker = "required";
    await settle(form, form.form);
    expect(marks(form)).toEqual(localise(REQUIRED, "vi"));
    // A row added later is marked too.
    form.form!.addRow("/members");
    await settle(form, form.form);
    expect(fieldAt(form.shadowRoot!, "/members/1/name").shadowRoot!.querySelector(".required-mark")!.textContent!.trim()).toBe(CHROME.vi.required);
  });

  it("the mark follows the field's current required state (x-required), in both settings", async () => {
    for (const marker of ["optional", "required"] as const) {
      const form = await mount({ requiredMarker: marker });
      const landlord = () => marks(form)["/applicant/landlord"];
      expect(landlord(), marker).toBe(marker === "optional" ? CHROME.vi.optional : "");
      form.form!.set("/applicant/rented", true);
      await settle(form, form.form);
      expect(form.form!.field("/applicant/landlord").required).toBe(true);
      expect(landlord(), marker).toBe(marker === "optional" ? "" : CHROME.vi.required);
      form.form!.set("/applicant/rented", false);
      await settle(form, form.form);
      expect(landlord(), marker).toBe(marker === "optional" ? CHROME.vi.optional : "");
      form.parentElement!.remove();
    }
  });

  it("a field used alone marks itself when optional, unless its own required-marker says otherwise", async () => {
    const host = document.createElement("div");
    document.body.append(host);
    try {
      const make = (attrs: Record<string, string>) => {
        const el = document.createElement("tk-field-text") as TkField;
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        host.append(el);
        return el;
      };
      const optional = make({ label: "Ghi chú" });
      const required = make({ label: "Họ và tên", required: "" });
      const marked = make({ label: "Họ và tên", required: "", "required-marker": "required" });
      const unmarked = make({ label: "Ghi chú", "required-marker": "required" });
      await settle(host);
      const mark = (el: TkField) => el.shadowRoot!.querySelector(".required-mark")!.textContent!.trim();
      expect([optional, required, marked, unmarked].map(mark)).toEqual([CHROME.vi.optional, "", CHROME.vi.required, ""]);
    } finally {
      host.remove();
    }
  });
});
