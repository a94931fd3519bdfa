// The conformance suite, run against every field element of FIELD_ELEMENTS: value in and out, native
// form association, validity, labels and hints, keyboard, locked, read-only, hidden, axe and hostile
// text. The checks live in ./support/conformance.ts; this file says, per element, how a citizen sets
// a value and which checks apply.
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import type { SchemaNode } from "@tokhai/core";
import { defineElements, FIELD_ELEMENTS } from "../src/index.js";
import type { TkField } from "../src/field.js";
import { catalogSource } from "./support/catalog.js";
import { CHROME } from "../src/i18n.js";
import { CHECKS, conformance, type Check, type ConformanceSpec, type FieldTag, type Harness } from "./support/conformance.js";
import { activeDeep, chooseFile, deepQuery, deepQueryAll } from "./support/dom.js";

defineElements();

const ALL: readonly Check[] = CHECKS;
const without = (...skip: Check[]): Check[] => CHECKS.filter((c) => !skip.includes(c));

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const one = <T extends HTMLElement>(el: Element, selector: string): T => {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${el.localName}>`);
  return found;
};
const fieldset = (el: TkField) => one<HTMLFieldSetElement>(el, "fieldset[part~='field']");
const trimmed = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const vnd = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

/** The element bound to `pointer` inside a container's shadow tree. */
const child = (el: Element, pointer: string): TkField => {
  const found = deepQuery<TkField>(shadow(el), `[pointer="${pointer}"]`);
  if (!found) throw new Error(`no element for ${pointer} in <${el.localName}>`);
  return found;
};
const childControl = <T extends HTMLElement>(el: Element, pointer: string): T => one<T>(child(el, pointer), "[part~='control']");

// -------------------------------------------------------------------------------------------------
// Text inputs: text, email, tel, personal-id, textarea
// -------------------------------------------------------------------------------------------------

function textSpec(
  tag: FieldTag,
  o: { schema: ConformanceSpec["schema"]; titleEn: string; sample: string; other: string; invalid: string; typed: string },
): ConformanceSpec {
  const control = (el: TkField) => one<HTMLInputElement>(el, tag === "tk-field-textarea" ? "textarea" : "input");
  const fill = async (h: Harness) => {
    await userEvent.fill(control(h.el), o.sample);
    await userEvent.tab(); // leaving the field commits it: native change
  };
  return {
    tag,
    schema: o.schema,
    titleEn: o.titleEn,
    checks: ALL,
    labelled: control,
    controls: (el) => [control(el)],
    shown: (el) => control(el).value,
    emptyShown: "",
    sample: o.sample,
    sampleShown: o.sample,
    fill,
    other: { value: o.other, shown: o.other },
    validity: { invalid: { value: o.invalid } },
    keyboard: { operate: () => userEvent.keyboard(o.typed), expected: o.typed },
    locked: { source: { type: "string" }, shown: o.sample },
    readonly: "x-readonly",
    standalone: { initial: o.other, initialShown: o.other, entries: (v) => (v === undefined ? [] : [v]) },
  };
}

const specs: ConformanceSpec[] = [
  textSpec("tk-field-text", {
    schema: { type: "string", title: "Họ, chữ đệm và tên", description: "Viết có dấu, như trên giấy khai sinh.", minLength: 2, maxLength: 100 },
    titleEn: "Full name",
    sample: "Nguyễn Văn An",
    other: "Trần Thị Bình",
    invalid: "A",
    typed: "Lê Văn Cường",
  }),
  textSpec("tk-field-email", {
    schema: { type: "string", format: "email", title: "Thư điện tử", description: "Để nhận thông báo về hồ sơ." },
    titleEn: "E-mail",
    sample: "an.nguyen@example.vn",
    other: "binh.tran@example.vn",
    invalid: "khong-phai-thu",
    typed: "cuong@example.vn",
  }),
  textSpec("tk-field-tel", {
    schema: { type: "string", format: "vn-phone", title: "Số điện thoại", description: "Mười chữ số, ví dụ 0912345678." },
    titleEn: "Phone number",
    sample: "0912345678",
    other: "0987654321",
    invalid: "12345",
    typed: "0901234567",
  }),
  textSpec("tk-field-personal-id", {
    schema: { type: "string", format: "vn-personal-id", title: "Số định danh cá nhân", description: "Mười hai chữ số trên thẻ căn cước." },
    titleEn: "Personal identification number",
    sample: "001090012345",
    other: "079185000123",
    invalid: "0010900",
    typed: "031200004567",
  }),
  textSpec("tk-field-textarea", {
    schema: { type: "string", title: "Lý do thay đổi", description: "Nêu ngắn gọn lý do chuyển nơi thường trú.", minLength: 5, maxLength: 1000, "x-widget": "textarea" },
    titleEn: "Reason for the change",
    sample: "Chuyển đến ở cùng gia đình.",
    other: "Mua nhà mới tại phường Sài Gòn.",
    invalid: "Ừ",
    typed: "Theo công việc mới",
  }),
];

// -------------------------------------------------------------------------------------------------
// tk-field-number
// -------------------------------------------------------------------------------------------------

{
  const control = (el: TkField) => one<HTMLInputElement>(el, "input");
  specs.push({
    tag: "tk-field-number",
    schema: { type: "integer", title: "Diện tích sàn (m²)", description: "Theo giấy chứng nhận quyền sử dụng đất.", minimum: 1 },
    titleEn: "Floor area (m²)",
    checks: ALL,
    labelled: control,
    controls: (el) => [control(el)],
    shown: (el) => control(el).value,
    emptyShown: "",
    sample: 1500,
    sampleShown: "1500",
    fill: async (h) => {
      await userEvent.fill(control(h.el), "1500");
      await userEvent.tab();
    },
    other: { value: 20000, shown: "20000" },
    validity: { invalid: { value: 0 } },
    // Vietnamese grouping: "1.500" is fifteen hundred.
    keyboard: { operate: () => userEvent.keyboard("1.500"), expected: 1500 },
    locked: { source: { type: "integer" }, shown: vnd(1500) },
    readonly: "x-readonly",
    standalone: { initial: 20000, initialShown: "20000", entries: (v) => (v === undefined ? [] : [String(v)]) },
  });
}

// -------------------------------------------------------------------------------------------------
// tk-field-date, tk-field-month
// -------------------------------------------------------------------------------------------------

/**
 * A date typed in parts (tk-field-date: Day, Month, Year; tk-field-month: Month, Year), as GOV.UK asks
 * for one: a fieldset named by the title, one text input per part. What it shows is the parts, in order.
 */
function datePartsSpec(
  tag: "tk-field-date" | "tk-field-month",
  o: { schema: ConformanceSpec["schema"]; titleEn: string; sample: string; parts: string[]; other: string; otherShown: string; invalid: string; typed: string[]; expected: string; lockedShown: string },
): ConformanceSpec {
  const inputs = (el: TkField) => [...shadow(el).querySelectorAll<HTMLInputElement>(".date-input input")];
  const shown = (el: TkField) => inputs(el).map((i) => i.value).join(" ").trim();
  const fill = async (h: Harness) => {
    for (const [i, part] of o.parts.entries()) await userEvent.fill(inputs(h.el)[i]!, part);
    await userEvent.tab(); // leaving the date commits it: native change
  };
  return {
    tag,
    schema: o.schema,
    titleEn: o.titleEn,
    checks: ALL,
    labelled: fieldset,
    controls: inputs,
    shown,
    emptyShown: "",
    sample: o.sample,
    sampleShown: o.parts.join(" "),
    fill,
    other: { value: o.other, shown: o.otherShown },
    validity: { invalid: { value: o.invalid } },
    keyboard: {
      operate: async (h) => {
        // One part after another with Tab, each with a numeric keyboard on phones.
        for (const [i, part] of o.typed.entries()) {
          expect(activeDeep()).toBe(inputs(h.el)[i]);
          expect(inputs(h.el)[i]!.inputMode).toBe("numeric");
          await userEvent.keyboard(part);
          if (i < o.typed.length - 1) await userEvent.tab();
        }
      },
      expected: o.expected,
    },
    locked: { source: { type: "string", format: tag === "tk-field-date" ? "date" : "year-month" }, shown: o.lockedShown },
    readonly: "x-readonly",
    standalone: { initial: o.other, initialShown: o.otherShown, entries: (v) => (v === undefined ? [] : [v]) },
  };
}

specs.push(
  datePartsSpec("tk-field-date", {
    schema: { type: "string", format: "date", title: "Ngày chuyển đến", description: "Ngày bắt đầu ở tại chỗ ở mới.", formatMaximum: "2030-12-31" },
    titleEn: "Moving-in date",
    sample: "2026-02-01",
    parts: ["01", "02", "2026"],
    other: "2025-11-20",
    otherShown: "20 11 2025",
    invalid: "2031-01-01",
    typed: ["15", "3", "2026"],
    expected: "2026-03-15",
    lockedShown: "01/02/2026",
  }),
  datePartsSpec("tk-field-month", {
    schema: { type: "string", format: "year-month", title: "Thời điểm bắt đầu ở", description: "Tháng và năm, ví dụ: 5 2024." },
    titleEn: "Month you started living here",
    sample: "2024-05",
    parts: ["05", "2024"],
    other: "2023-11",
    otherShown: "11 2023",
    invalid: "2024-13",
    typed: ["7", "2022"],
    expected: "2022-07",
    lockedShown: "05/2024",
  }),
);

// -------------------------------------------------------------------------------------------------
// Choices: select, radio, checkbox, checkboxes
// -------------------------------------------------------------------------------------------------

const PROVINCES = [
  { value: "01", label: "Thành phố Hà Nội" },
  { value: "79", label: "Thành phố Hồ Chí Minh" },
  { value: "48", label: "Thành phố Đà Nẵng" },
  { value: "31", label: "Thành phố Hải Phòng" },
  { value: "92", label: "Thành phố Cần Thơ" },
];
const oneOf = (options: { value: string; label: string }[]) => options.map((o) => ({ const: o.value, title: o.label }));
const entry = (v: unknown) => (v === undefined ? [] : [v]);

{
  const control = (el: TkField) => one<HTMLSelectElement>(el, "select");
  specs.push({
    tag: "tk-field-select",
    schema: { type: "string", title: "Tỉnh, thành phố", description: "Nơi đăng ký thường trú mới.", oneOf: oneOf(PROVINCES) },
    titleEn: "Province or city",
    checks: ALL,
    labelled: control,
    controls: (el) => [control(el)],
    shown: (el) => trimmed(control(el).selectedOptions[0]),
    emptyShown: CHROME.vi.select,
    sample: "79",
    sampleShown: "Thành phố Hồ Chí Minh",
    fill: async (h) => {
      await userEvent.selectOptions(control(h.el), "Thành phố Hồ Chí Minh");
    },
    other: { value: "48", shown: "Thành phố Đà Nẵng" },
    validity: { invalid: { value: "99" } },
    keyboard: { operate: () => userEvent.keyboard("{ArrowDown}"), expected: "01" },
    locked: { source: { type: "string" }, shown: "Thành phố Hồ Chí Minh" },
    readonly: "x-readonly",
    standalone: {
      setup: (el) => ((el as unknown as { options: unknown }).options = PROVINCES),
      initial: "48",
      initialShown: "Thành phố Đà Nẵng",
      entries: entry,
    },
  });
}

{
  // Typed to filter, then an option clicked (the mouse), or Down and Enter (the keyboard).
  const control = (el: TkField) => one<HTMLInputElement>(el, "input[role='combobox']");
  const option = (el: TkField, label: string) => {
    const found = [...shadow(el).querySelectorAll<HTMLElement>("[role='option']")].find((o) => trimmed(o) === label);
    if (!found) throw new Error(`no option ${label} shown`);
    return found;
  };
  specs.push({
    tag: "tk-field-combobox",
    schema: { type: "string", title: "Tỉnh, thành phố", description: "Nơi đăng ký thường trú mới.", oneOf: oneOf(PROVINCES), "x-widget": "combobox" },
    titleEn: "Province or city",
    checks: ALL,
    labelled: control,
    controls: (el) => [control(el)],
    shown: (el) => control(el).value,
    emptyShown: "",
    sample: "79",
    sampleShown: "Thành phố Hồ Chí Minh",
    fill: async (h) => {
      await userEvent.fill(control(h.el), "ho chi");
      await h.settle();
      await userEvent.click(option(h.el, "Thành phố Hồ Chí Minh"));
    },
    other: { value: "48", shown: "Thành phố Đà Nẵng" },
    validity: { invalid: { value: "99" } },
    keyboard: {
      operate: async (h) => {
        await userEvent.keyboard("ho chi");
        await h.settle();
        expect(control(h.el).getAttribute("aria-expanded")).toBe("true");
        await userEvent.keyboard("{ArrowDown}");
        await h.settle();
        expect(control(h.el).getAttribute("aria-activedescendant")).toBe(option(h.el, "Thành phố Hồ Chí Minh").id);
        expect(activeDeep()).toBe(control(h.el));
        await userEvent.keyboard("{Enter}");
        await h.settle();
        expect(control(h.el).getAttribute("aria-expanded")).toBe("false");
        // One tab stop: the button beside the input is for the pointer.
        await userEvent.tab();
        expect(activeDeep()).toBe(h.after);
      },
      expected: "79",
    },
    locked: { source: { type: "string" }, shown: "Thành phố Hồ Chí Minh" },
    readonly: "x-readonly",
    standalone: {
      setup: (el) => ((el as unknown as { options: unknown }).options = PROVINCES),
      initial: "48",
      initialShown: "Thành phố Đà Nẵng",
      entries: entry,
    },
  });
}

const OWNERSHIP = [
  { value: "owner", label: "Chủ sở hữu" },
  { value: "rent", label: "Thuê, mượn" },
  { value: "relative", label: "Ở nhờ người thân" },
];

{
  const radios = (el: TkField) => [...shadow(el).querySelectorAll<HTMLInputElement>("input[type=radio]")];
  const labelOf = (el: TkField, input: HTMLInputElement) => one<HTMLLabelElement>(el, `label[for="${input.id}"]`);
  specs.push({
    tag: "tk-field-radio",
    schema: { type: "string", title: "Hình thức sở hữu chỗ ở", description: "Quan hệ của bạn với chỗ ở mới.", oneOf: oneOf(OWNERSHIP) },
    titleEn: "Ownership of the home",
    checks: ALL,
    labelled: fieldset,
    controls: radios,
    shown: (el) => {
      const checked = radios(el).find((r) => r.checked);
      return checked ? trimmed(labelOf(el, checked)) : "";
    },
    emptyShown: "",
    sample: "rent",
    sampleShown: "Thuê, mượn",
    fill: async (h) => {
      await userEvent.click(labelOf(h.el, radios(h.el)[1]!));
    },
    other: { value: "relative", shown: "Ở nhờ người thân" },
    validity: { invalid: { value: "hotel" } },
    keyboard: {
      operate: async (h) => {
        await userEvent.keyboard(" ");
        await h.settle();
        expect(h.model!.get("/f")).toBe("owner");
        await userEvent.keyboard("{ArrowDown}");
        await h.settle();
        expect(activeDeep()).toBe(radios(h.el)[1]);
        // The group is one tab stop.
        await userEvent.tab();
        expect(activeDeep()).toBe(h.after);
      },
      expected: "rent",
    },
    locked: { source: { type: "string" }, shown: "Thuê, mượn" },
    readonly: "x-readonly",
    standalone: {
      setup: (el) => ((el as unknown as { options: unknown }).options = OWNERSHIP),
      initial: "relative",
      initialShown: "Ở nhờ người thân",
      entries: entry,
    },
  });
}

{
  const box = (el: TkField) => one<HTMLInputElement>(el, "input[type=checkbox]");
  specs.push({
    tag: "tk-field-checkbox",
    optionalMark: false,
    schema: { type: "boolean", title: "Tôi cam đoan những nội dung khai trên là đúng sự thật", description: "Khai sai là vi phạm pháp luật." },
    titleEn: "I declare that the above is true",
    checks: ALL,
    labelled: box,
    controls: (el) => [box(el)],
    shown: (el) => String(box(el).checked),
    emptyShown: "false",
    sample: true,
    sampleShown: "true",
    fill: async (h) => {
      if (!box(h.el).checked) await userEvent.click(box(h.el));
    },
    other: { value: false, shown: "false" },
    keyboard: { operate: () => userEvent.keyboard(" "), expected: true },
    locked: { source: { type: "boolean" }, shown: CHROME.vi.yes },
    readonly: "x-readonly",
    standalone: { initial: undefined, initialShown: "false", entries: (v) => (v === true ? ["true"] : []) },
  });
}

const DOCS = [
  { value: "cccd", label: "Thẻ căn cước" },
  { value: "hk", label: "Sổ hộ khẩu" },
  { value: "hd", label: "Hợp đồng thuê nhà" },
];

{
  const boxes = (el: TkField) => [...shadow(el).querySelectorAll<HTMLInputElement>("input[type=checkbox]")];
  const labelOf = (el: TkField, input: HTMLInputElement) => one<HTMLLabelElement>(el, `label[for="${input.id}"]`);
  const sample = ["cccd", "hd"];
  specs.push({
    tag: "tk-field-checkboxes",
    schema: { type: "array", title: "Giấy tờ kèm theo", description: "Chọn mọi giấy tờ bạn nộp kèm.", items: { type: "string", oneOf: oneOf(DOCS) }, maxItems: 2 },
    titleEn: "Attached documents",
    checks: ALL,
    labelled: fieldset,
    controls: boxes,
    shown: (el) =>
      boxes(el)
        .filter((b) => b.checked)
        .map((b) => trimmed(labelOf(el, b)))
        .join(", "),
    emptyShown: "",
    sample,
    sampleShown: "Thẻ căn cước, Hợp đồng thuê nhà",
    fill: async (h) => {
      for (const [i, b] of boxes(h.el).entries()) if (b.checked !== sample.includes(DOCS[i]!.value)) await userEvent.click(boxes(h.el)[i]!);
    },
    other: { value: ["hk"], shown: "Sổ hộ khẩu" },
    validity: { invalid: { value: ["cccd", "hk", "hd"] } },
    keyboard: {
      operate: async () => {
        await userEvent.keyboard(" ");
        await userEvent.tab();
        await userEvent.keyboard(" ");
      },
      expected: ["cccd", "hk"],
    },
    // The source's name is left unchecked: see the report (no provenance on an object or array field).
    locked: { source: { type: "array", items: { type: "string" } }, shown: "Thẻ căn cước, Hợp đồng thuê nhà" },
    readonly: "x-readonly",
    standalone: {
      setup: (el) => ((el as unknown as { options: unknown }).options = DOCS),
      initial: ["hk"],
      initialShown: "Sổ hộ khẩu",
      entries: (v) => (Array.isArray(v) ? v : []),
    },
  });
}

// -------------------------------------------------------------------------------------------------
// tk-field-file
// -------------------------------------------------------------------------------------------------

{
  const control = (el: TkField) => one<HTMLInputElement>(el, "input[type=file]");
  const meta = { type: "object", properties: { name: { type: "string" }, type: { type: "string" }, size: { type: "integer" } }, required: ["name", "type", "size"] } satisfies SchemaNode;
  const pdf = () => new File(["%PDF-1.4"], "hop-dong.pdf", { type: "application/pdf" });
  specs.push({
    tag: "tk-field-file",
    schema: {
      ...meta,
      "x-widget": "file",
      "x-accept": ["application/pdf"],
      "x-max-size": 1048576,
      title: "Hợp đồng thuê nhà",
      description: "Bản quét có chữ ký của hai bên.",
    },
    titleEn: "Rental contract",
    checks: ALL,
    labelled: control,
    controls: (el) => [control(el)],
    shown: (el) => trimmed(shadow(el).querySelector("[part~='file-name']")),
    emptyShown: "",
    sample: { name: "hop-dong.pdf", type: "application/pdf", size: 8 },
    sampleShown: "hop-dong.pdf",
    fill: async (h) => chooseFile(control(h.el), pdf()),
    other: { value: { name: "giay-cam-ket.pdf", type: "application/pdf", size: 2048 }, shown: "giay-cam-ket.pdf" },
    keyboard: {
      // The picker itself cannot be driven headless; the file chosen, the remove button is the next stop.
      operate: async (h) => {
        chooseFile(control(h.el), pdf());
        await h.settle();
        expect(h.model!.get("/f")).toEqual({ name: "hop-dong.pdf", type: "application/pdf", size: 8 });
        await userEvent.tab();
        expect(activeDeep()).toBe(one(h.el, "[part~='remove']"));
        await userEvent.keyboard("{Enter}");
        await h.settle();
        expect(activeDeep()).toBe(control(h.el));
      },
      expected: undefined,
    },
    // The source's name is left unchecked: see the report (no provenance on an object or array field).
    locked: { source: meta, shown: "hop-dong.pdf (8 B)" },
    readonly: "x-readonly",
    standalone: { initial: undefined, initialShown: "", entries: (v) => (v ? [`File:${(v as { name: string }).name}`] : []) },
  });
}

// -------------------------------------------------------------------------------------------------
// tk-field-computed
// -------------------------------------------------------------------------------------------------

{
  const output = (el: TkField) => one<HTMLOutputElement>(el, "output");
  specs.push({
    tag: "tk-field-computed",
    siblings: { quantity: { type: "integer", title: "Số bản sao", default: 1 } },
    schema: { type: "integer", title: "Lệ phí (đồng)", description: "Hai mươi nghìn đồng mỗi bản sao.", "x-compute": "quantity * 20000", maximum: 50000 },
    titleEn: "Fee (VND)",
    checks: without("keyboard", "locked"),
    labelled: output,
    controls: () => [],
    shown: (el) => trimmed(output(el)),
    emptyShown: "—",
    sample: 20000,
    sampleShown: vnd(20000),
    other: { value: 40000, shown: vnd(40000), via: ["/quantity", 2] },
    validity: {
      requiredEmpty: false,
      ariaInvalid: false,
      invalid: { set: (model) => model.set("/quantity", 3) },
      fix: async (h) => h.model!.set("/quantity", 1),
    },
    requiredMark: false,
    optionalMark: false,
    readonly: "computed",
    standalone: {
      initial: 1500,
      initialShown: vnd(1500),
      entries: (v) => (v === undefined ? [] : [String(v)]),
      change: async (h) => {
        h.el.value = 2500;
      },
      changedValue: 2500,
      required: false,
    },
  });
}

// -------------------------------------------------------------------------------------------------
// Containers: section, repeat, address
// -------------------------------------------------------------------------------------------------

{
  const input = (el: TkField, name: string) => childControl<HTMLInputElement>(el, `/f/${name}`);
  const sample = { fullName: "Nguyễn Văn An", phone: "0912345678" };
  specs.push({
    tag: "tk-field-section",
    optionalMark: false,
    schema: {
      type: "object",
      "x-widget": "section",
      title: "Người yêu cầu",
      description: "Thông tin của người đứng tên hồ sơ.",
      "x-rules": [{ assert: "$exists($value.fullName)", message: "Cần ghi họ, chữ đệm và tên của người yêu cầu" }],
      properties: { fullName: { type: "string", title: "Họ, chữ đệm và tên" }, phone: { type: "string", title: "Số điện thoại", format: "vn-phone" } },
    },
    titleEn: "Applicant",
    checks: without("standalone", "readonly"),
    labelled: fieldset,
    controls: (el) => deepQueryAll(shadow(el), "input"),
    shown: (el) => `${input(el, "fullName").value} | ${input(el, "phone").value}`,
    emptyShown: " | ",
    sample,
    sampleShown: "Nguyễn Văn An | 0912345678",
    fill: async (h) => {
      await userEvent.fill(input(h.el, "fullName"), sample.fullName);
      await userEvent.fill(input(h.el, "phone"), sample.phone);
      await userEvent.tab();
    },
    other: { value: { fullName: "Trần Thị Bình", phone: "0987654321" }, shown: "Trần Thị Bình | 0987654321" },
    events: "children",
    // A section is always present (docs/decisions/0003), so "required" never fails on it; its own rule does.
    validity: { requiredEmpty: false, invalid: { set: () => {} }, ariaInvalid: false },
    keyboard: {
      first: (el) => input(el, "fullName"),
      operate: async () => {
        await userEvent.keyboard("An");
        await userEvent.tab();
        await userEvent.keyboard("0912345678");
      },
      expected: { fullName: "An", phone: "0912345678" },
    },
    locked: { source: { type: "object", properties: { fullName: { type: "string" }, phone: { type: "string" } } }, container: true },
  });
}

{
  const rows = (el: TkField) => [...shadow(el).querySelectorAll<HTMLFieldSetElement>("[part~='row']")];
  const input = (el: TkField, row: number, name: string) => childControl<HTMLInputElement>(el, `/f/${row}/${name}`);
  const add = (el: TkField) => one<HTMLButtonElement>(el, "[part~='add']");
  specs.push({
    tag: "tk-field-repeat",
    schema: {
      type: "array",
      "x-widget": "repeat",
      title: "Thành viên hộ gia đình",
      description: "Những người cùng chuyển đến.",
      items: { type: "object", properties: { fullName: { type: "string", title: "Họ và tên" }, relation: { type: "string", title: "Quan hệ với chủ hộ" } } },
    },
    titleEn: "Household members",
    checks: without("standalone", "readonly"),
    labelled: fieldset,
    controls: (el) => deepQueryAll(shadow(el), "input, button"),
    shown: (el) => rows(el)
      .map((_, i) => `${input(el, i, "fullName").value}/${input(el, i, "relation").value}`)
      .join("; "),
    emptyShown: "",
    sample: [{ fullName: "Nguyễn Văn An" }],
    sampleShown: "Nguyễn Văn An/",
    fill: async (h) => {
      await userEvent.click(add(h.el));
      await h.settle();
      await userEvent.fill(input(h.el, 0, "fullName"), "Nguyễn Văn An");
      await userEvent.tab();
    },
    other: {
      value: [
        { fullName: "Trần Thị Bình", relation: "Vợ" },
        { fullName: "Nguyễn Văn Cường", relation: "Con" },
      ],
      shown: "Trần Thị Bình/Vợ; Nguyễn Văn Cường/Con",
    },
    events: "children",
    validity: { ariaInvalid: false },
    keyboard: {
      first: add,
      operate: async (h) => {
        await userEvent.keyboard("{Enter}");
        await h.settle();
        expect(rows(h.el)).toHaveLength(1);
        expect(activeDeep()).toBe(input(h.el, 0, "fullName"));
        await userEvent.keyboard("An");
        await userEvent.tab();
        expect(activeDeep()).toBe(input(h.el, 0, "relation"));
        await userEvent.tab();
        expect(activeDeep()?.dataset["action"]).toBe("remove");
        await userEvent.keyboard("{Enter}");
        await h.settle();
        expect(rows(h.el)).toHaveLength(0);
        expect(activeDeep()).toBe(add(h.el));
        await userEvent.keyboard(" ");
        await h.settle();
        await userEvent.keyboard("Bình");
      },
      expected: [{ fullName: "Bình" }],
    },
    locked: {
      source: { type: "array", items: { type: "object", properties: { fullName: { type: "string" }, relation: { type: "string" } } } },
      container: true,
    },
  });
}

{
  const catalog = {
    provinces: [
      { code: "01", name: "Thành phố Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }, { code: "00070", name: "Phường Hoàn Kiếm" }] },
      { code: "79", name: "Thành phố Hồ Chí Minh", communes: [{ code: "26734", name: "Phường Sài Gòn" }] },
    ],
  };
  // The province and the commune are comboboxes (x-options): typed to filter, then chosen.
  const combobox = (el: TkField, name: string) => childControl<HTMLInputElement>(el, `/f/${name}`);
  const detail = (el: TkField) => childControl<HTMLInputElement>(el, "/f/detail");
  const sample = { province: "01", commune: "00070", detail: "12 Lý Thường Kiệt" };
  specs.push({
    tag: "tk-field-address",
    optionalMark: false,
    sources: { catalog: catalogSource },
    context: { catalog },
    schema: {
      type: "object",
      "x-widget": "address",
      title: "Nơi thường trú mới",
      description: "Theo đơn vị hành chính sau sắp xếp.",
      "x-rules": [{ assert: "$exists($value.commune)", message: "Cần chọn xã, phường, đặc khu" }],
      properties: {
        detail: { type: "string", title: "Số nhà, đường phố" },
        province: { type: "string", title: "Tỉnh, thành phố", "x-options": '$catalog.provinces.{ "value": code, "label": name }' },
        commune: { type: "string", title: "Xã, phường, đặc khu", "x-options": '$catalog.provinces[code = $$.f.province].communes.{ "value": code, "label": name }' },
      },
    },
    titleEn: "New permanent address",
    checks: without("standalone", "readonly"),
    labelled: fieldset,
    controls: (el) => deepQueryAll(shadow(el), "input, select"),
    shown: (el) => `${combobox(el, "province").value} | ${combobox(el, "commune").value} | ${detail(el).value}`,
    emptyShown: " |  | ",
    sample,
    sampleShown: "Thành phố Hà Nội | Phường Hoàn Kiếm | 12 Lý Thường Kiệt",
    fill: async (h) => {
      await userEvent.fill(combobox(h.el, "province"), "ha noi");
      await userEvent.keyboard("{ArrowDown}{Enter}");
      await h.settle();
      await userEvent.fill(combobox(h.el, "commune"), "hoan kiem");
      await userEvent.keyboard("{ArrowDown}{Enter}");
      await userEvent.fill(detail(h.el), sample.detail);
      await userEvent.tab();
    },
    other: { value: { province: "79", commune: "26734", detail: "5 Lê Lợi" }, shown: "Thành phố Hồ Chí Minh | Phường Sài Gòn | 5 Lê Lợi" },
    events: "children",
    validity: { requiredEmpty: false, invalid: { set: () => {} }, ariaInvalid: false },
    keyboard: {
      first: (el) => combobox(el, "province"),
      operate: async (h) => {
        await userEvent.keyboard("{ArrowDown}{Enter}");
        await h.settle();
        await userEvent.tab();
        expect(activeDeep()).toBe(combobox(h.el, "commune"));
        await userEvent.keyboard("ba dinh{Enter}");
        await userEvent.tab();
        await userEvent.keyboard("12 Lý Thường Kiệt");
      },
      expected: { province: "01", commune: "00004", detail: "12 Lý Thường Kiệt" },
    },
    locked: {
      source: { type: "object", properties: { province: { type: "string" }, commune: { type: "string" }, detail: { type: "string" } } },
      container: true,
    },
  });
}

// -------------------------------------------------------------------------------------------------

describe("conformance coverage", () => {
  it("has one spec for every element of FIELD_ELEMENTS, each defined under its tag", () => {
    expect(specs.map((s) => s.tag).sort()).toEqual(Object.keys(FIELD_ELEMENTS).sort());
    for (const s of specs) {
      expect(customElements.get(s.tag)).toBe(FIELD_ELEMENTS[s.tag]);
      for (const c of s.checks) expect(ALL).toContain(c);
    }
  });
});

for (const spec of specs) conformance(spec);
