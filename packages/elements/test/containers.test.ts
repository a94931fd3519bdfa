// The three containers (section, repeatable group, address) share one base (internal/container-field.ts):
// each re-renders when what it shows around its fields changes (its hint in a new locale, its
// required mark under x-required, its error, its visibility), and none re-renders for a value typed
// inside it.
import { describe, expect, it } from "vitest";
import { defineElements, type TkForm } from "../src/index.js";
import { TkContainerField } from "../src/internal/container-field.js";
import { catalogSource } from "./support/catalog.js";
import { fieldAt, mountForm, settle } from "./support/dom.js";

defineElements();

const catalog = {
  provinces: [{ code: "01", name: "Thành phố Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }] }],
};

/** Each container with a translated description, required while `together`, shown while not `hide`. */
const container = (schema: Record<string, unknown>) => ({
  ...schema,
  "x-required": "together = true",
  "x-visible": "$not(hide = true)",
  "x-rules": [{ assert: "$not(together = false)", message: { vi: "Không được để trống khi không cùng đăng ký.", en: "Not allowed when not together." } }],
});

const procedure = {
  id: "vn.test.containers-base",
  version: "1.0.0",
  title: "Các nhóm trường",
  sources: { catalog: catalogSource },
  schema: {
    type: "object",
    properties: {
      together: { type: "boolean", title: "Có người cùng đăng ký" },
      hide: { type: "boolean", title: "Ẩn các nhóm" },
      applicant: container({
        type: "object",
        title: "Người đề nghị",
        description: "Thông tin của người đứng tên.",
        properties: { name: { type: "string", title: "Họ và tên" } },
      }),
      members: container({
        type: "array",
        title: "Thành viên",
        description: "Những người cùng đăng ký.",
        items: { type: "object", properties: { name: { type: "string", title: "Tên" } } },
      }),
      address: container({
        type: "object",
        title: "Nơi ở",
        description: "Theo đơn vị hành chính mới.",
        "x-widget": "address",
        properties: {
          province: { type: "string", title: "Tỉnh", "x-options": '$catalog.provinces.{ "value": code, "label": name }' },
          commune: { type: "string", title: "Xã", "x-options": '$catalog.provinces[code = $$.address.province].communes.{ "value": code, "label": name }' },
          detail: { type: "string", title: "Số nhà" },
        },
      }),
    },
  },
  steps: [{ id: "main", title: "Thông tin", fields: ["/together", "/hide", "/applicant", "/members", "/address"] }],
  i18n: {
    en: {
      "/applicant": { description: "The person named on the application." },
      "/members": { description: "Those who register with you." },
      "/address": { description: "As the new administrative units name it." },
    },
  },
};

const CONTAINERS = [
  ["/applicant", "tk-field-section", "Thông tin của người đứng tên.", "The person named on the application."],
  ["/members", "tk-field-repeat", "Những người cùng đăng ký.", "Those who register with you."],
  ["/address", "tk-field-address", "Theo đơn vị hành chính mới.", "As the new administrative units name it."],
] as const;

// textContent, not innerText: a section off screen skips its rendering (content-visibility: auto).
const content = (el: Element | null | undefined) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const hint = (form: TkForm, pointer: string) => content(fieldAt(form.shadowRoot!, pointer).shadowRoot!.querySelector("[part~='hint']"));
const mark = (form: TkForm, pointer: string) => fieldAt(form.shadowRoot!, pointer).shadowRoot!.querySelector("legend .required-mark")?.textContent ?? "";
const error = (form: TkForm, pointer: string) => content(fieldAt(form.shadowRoot!, pointer).shadowRoot!.querySelector("[part~='error']"));

/** With the marks of required fields: a section and an address never say they are optional. */
async function mount(): Promise<TkForm> {
  const form = await mountForm(procedure, { context: { catalog }, requiredMarker: "required" });
  form.form!.addRow("/members");
  await settle(form, form.form);
  return form;
}

/** Counts the renders of each container from now on. */
function countRenders(form: TkForm): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [pointer] of CONTAINERS) {
    const el = fieldAt(form.shadowRoot!, pointer) as unknown as { render(): unknown };
    const render = el.render;
    counts.set(pointer, 0);
    el.render = function (this: unknown) {
      counts.set(pointer, counts.get(pointer)! + 1);
      return render.call(this);
    };
  }
  return counts;
}

describe("one container base for sections, repeatable groups and addresses", () => {
  it("all three are container elements", async () => {
    const form = await mount();
    for (const [pointer, tag] of CONTAINERS) {
      const el = fieldAt(form.shadowRoot!, pointer);
      expect(el.localName).toBe(tag);
      expect(el).toBeInstanceOf(TkContainerField);
    }
  });

  it("each re-renders when its description changes (a locale switch) and when it becomes required (x-required)", async () => {
    const form = await mount();
    for (const [pointer, , vi] of CONTAINERS) expect(hint(form, pointer), pointer).toBe(vi);
    form.locale = "en";
    await settle(form, form.form);
    for (const [pointer, , , en] of CONTAINERS) expect(hint(form, pointer), pointer).toBe(en);

    const before = Object.fromEntries(CONTAINERS.map(([pointer]) => [pointer, mark(form, pointer)]));
    form.form!.set("/together", true);
    await settle(form, form.form);
    for (const [pointer] of CONTAINERS) {
      expect(form.form!.field(pointer).required, pointer).toBe(true);
      // The mark follows the required state, whichever fields the form marks.
      expect(mark(form, pointer), pointer).not.toBe(before[pointer]);
    }
    form.form!.set("/together", undefined);
    await settle(form, form.form);
    for (const [pointer] of CONTAINERS) expect(mark(form, pointer), pointer).toBe(before[pointer]);
  });

  it("each re-renders for its own errors and visibility, and none for a value typed inside it", async () => {
    const form = await mount();
    const model = form.form!;
    const counts = countRenders(form);
    model.set("/applicant/name", "An");
    model.set("/members/0/name", "Bình");
    model.set("/address/detail", "12 Lý Thường Kiệt");
    await settle(form, model);
    expect(Object.fromEntries(counts)).toEqual({ "/applicant": 0, "/members": 0, "/address": 0 });

    model.set("/together", false);
    await model.validate();
    await settle(form, model);
    for (const [pointer] of CONTAINERS) expect(error(form, pointer), pointer).toContain("Không được để trống khi không cùng đăng ký.");

    model.set("/hide", true);
    await settle(form, model);
    for (const [pointer] of CONTAINERS) expect(fieldAt(form.shadowRoot!, pointer).hidden, pointer).toBe(true);
    model.set("/hide", false);
    await settle(form, model);
    for (const [pointer] of CONTAINERS) expect(fieldAt(form.shadowRoot!, pointer).hidden, pointer).toBe(false);
  });
});
