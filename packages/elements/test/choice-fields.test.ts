// Choice and typed fields: select, radio, checkbox, checkboxes, number, date. Each is driven bound to
// a real core form and standalone inside a native <form>, by keyboard and mouse, and checked with axe.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import axe from "axe-core";
import { createForm, fieldNode, loadProcedure, type Form, type Procedure, type SchemaNode } from "@tokhai/core";
import type { TkField } from "../src/field.js";
import { catalogSource } from "./support/catalog.js";
import { WidgetRegistry } from "../src/registry.js";
import { textWidget } from "../src/fields/field-text/field-text.js";
import { selectWidget, TkFieldSelect } from "../src/fields/field-select/field-select.js";
import { radioWidget, TkFieldRadio } from "../src/fields/field-radio/field-radio.js";
import { checkboxWidget, TkFieldCheckbox } from "../src/fields/field-checkbox/field-checkbox.js";
import { checkboxesWidget, TkFieldCheckboxes } from "../src/fields/field-checkboxes/field-checkboxes.js";
import { numberWidget, parseNumber, TkFieldNumber } from "../src/fields/field-number/field-number.js";
import { dateWidget, TkFieldDate } from "../src/fields/field-date/field-date.js";
import { monthWidget } from "../src/fields/field-month/field-month.js";

function define(tag: string, cls: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, cls);
}
define("tk-field-select", TkFieldSelect);
define("tk-field-radio", TkFieldRadio);
define("tk-field-checkbox", TkFieldCheckbox);
define("tk-field-checkboxes", TkFieldCheckboxes);
define("tk-field-number", TkFieldNumber);
define("tk-field-date", TkFieldDate);

const XSS = `<img src=x onerror="window.__pwned=1">`;
const pwned = (): unknown => (window as unknown as { __pwned?: unknown }).__pwned;

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const c of containers.splice(0)) c.remove();
  delete (window as unknown as { __pwned?: unknown }).__pwned;
});

function container(): HTMLElement {
  const div = document.createElement("div");
  document.body.append(div);
  containers.push(div);
  return div;
}

/** A procedure whose schema is an object of `properties`; `required` goes into the schema, the rest beside it. */
function load(properties: Record<string, SchemaNode>, extra: Record<string, unknown> = {}): Promise<Procedure> {
  const { required, ...rest } = extra;
  const schema = { type: "object", properties, ...(required ? { required } : {}) };
  return loadProcedure({ id: "vn.test.choices", version: "1.0.0", title: "Thử nghiệm", schema, ...rest });
}

/** A field element bound to `pointer` of a fresh form, rendered in the page. */
async function bound<T extends TkField>(
  tag: string,
  properties: Record<string, SchemaNode>,
  pointer: string,
  extra: Record<string, unknown> = {},
  formOptions: Parameters<typeof createForm>[1] = {},
): Promise<{ el: T; form: Form }> {
  const form = createForm(await load(properties, extra), formOptions);
  await form.settled();
  const el = document.createElement(tag) as T;
  el.model = form;
  el.pointer = pointer;
  container().append(el);
  await el.updateComplete;
  return { el, form };
}

/** A standalone field element inside a native form. */
async function standalone<T extends TkField>(tag: string, setup: (el: T) => void): Promise<{ el: T; form: HTMLFormElement }> {
  const form = document.createElement("form");
  const el = document.createElement(tag) as T;
  setup(el);
  form.append(el);
  container().append(form);
  await el.updateComplete;
  return { el, form };
}

function shadow(el: HTMLElement): ShadowRoot {
  return el.shadowRoot!;
}

async function settle(form: Form, el: TkField): Promise<void> {
  await form.settled();
  await el.updateComplete;
}

async function expectAccessible(root: HTMLElement): Promise<void> {
  const result = await axe.run(root);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const sexOneOf: SchemaNode = { type: "string", title: "Giới tính", oneOf: [{ const: "M", title: "Nam" }, { const: "F", title: "Nữ" }] };

const provinces = [
  { code: "01", name: "Thành phố Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }] },
  { code: "79", name: "Thành phố Hồ Chí Minh", communes: [{ code: "26734", name: "Phường Sài Gòn" }, { code: "26737", name: "Phường Bến Thành" }] },
];
const addressSchema: Record<string, SchemaNode> = {
  province: { type: "string", title: "Tỉnh, thành phố", "x-options": "$catalog.provinces.{ 'value': code, 'label': name }" },
  commune: {
    type: "string",
    title: "Xã, phường",
    "x-options": "($p := province; $catalog.provinces[code = $p].communes.{ 'value': code, 'label': name })",
  },
};

// -------------------------------------------------------------------------------------------------

describe("widget ranks", () => {
  it("choose the element from type, format, choices and x-widget", async () => {
    const procedure = await load({
      name: { type: "string" },
      sex: sexOneOf,
      level: { type: "integer", enum: [1, 2, 3, 4, 5] },
      province: addressSchema["province"]!,
      ownership: { type: "string", enum: ["owner", "rent", "relative"] },
      color: { type: "string", enum: ["a", "b", "c"], "x-widget": "select" },
      big: { type: "string", oneOf: ["a", "b", "c", "d", "e"].map((c) => ({ const: c, title: c })), "x-widget": "radio" },
      agree: { type: "boolean" },
      docs: { type: "array", items: { type: "string", enum: ["a", "b"] } },
      docsOneOf: { type: "array", items: { type: "string", oneOf: [{ const: "a", title: "A" }] } },
      tags: { type: "array", items: { type: "string" } },
      amount: { type: "number" },
      count: { type: "integer" },
      code: { type: "string", "x-widget": "number" },
      birthDate: { type: "string", format: "date" },
      moveIn: { type: "string", "x-widget": "date" },
      since: { type: "string", format: "year-month" },
      period: { type: "string", "x-widget": "month" },
      accepted: { type: "string", "x-widget": "checkbox" },
      list: { type: "string", "x-widget": "checkboxes" },
    }, { sources: { catalog: catalogSource } });
    const registry = new WidgetRegistry([textWidget, selectWidget, radioWidget, checkboxWidget, checkboxesWidget, numberWidget, dateWidget, monthWidget]);
    const tag = (p: string) => registry.tagFor(fieldNode(procedure, p)!);
    expect(tag("/name")).toBe("tk-field-text");
    expect(tag("/sex")).toBe("tk-field-radio");
    expect(tag("/level")).toBe("tk-field-select");
    expect(tag("/province")).toBe("tk-field-select");
    expect(tag("/ownership")).toBe("tk-field-radio");
    expect(tag("/color")).toBe("tk-field-select");
    expect(tag("/big")).toBe("tk-field-radio");
    expect(tag("/agree")).toBe("tk-field-checkbox");
    expect(tag("/docs")).toBe("tk-field-checkboxes");
    expect(tag("/docsOneOf")).toBe("tk-field-checkboxes");
    expect(() => tag("/tags")).toThrow(/no widget/);
    expect(tag("/amount")).toBe("tk-field-number");
    expect(tag("/count")).toBe("tk-field-number");
    expect(tag("/code")).toBe("tk-field-number");
    expect(tag("/birthDate")).toBe("tk-field-date");
    expect(tag("/moveIn")).toBe("tk-field-date");
    expect(tag("/since")).toBe("tk-field-month");
    expect(tag("/period")).toBe("tk-field-month");
    expect(tag("/accepted")).toBe("tk-field-checkbox");
    expect(tag("/list")).toBe("tk-field-checkboxes");
  });
});

// -------------------------------------------------------------------------------------------------

describe("<tk-field-select>", () => {
  const select = (el: HTMLElement) => shadow(el).querySelector("select")!;
  const labels = (el: HTMLElement) => [...select(el).options].map((o) => o.textContent);

  it("bound: shows the options, writes the chosen value, and follows form.set", async () => {
    const { el, form } = await bound<TkFieldSelect>("tk-field-select", { sex: sexOneOf }, "/sex");
    expect(shadow(el).querySelector("label")!.textContent).toContain("Giới tính");
    expect(labels(el)).toEqual(["— Chọn —", "Nam", "Nữ"]);
    expect(select(el).value).toBe("");
    const changes: unknown[] = [];
    el.addEventListener("tk-change", (e) => changes.push(e.value));
    await userEvent.selectOptions(select(el), "Nữ");
    expect(form.get("/sex")).toBe("F");
    expect(changes).toEqual(["F"]);
    form.set("/sex", "M");
    await el.updateComplete;
    expect(select(el).selectedOptions[0]!.textContent).toBe("Nam");
    form.set("/sex", undefined);
    await el.updateComplete;
    expect(select(el).value).toBe("");
  });

  it("bound: non-string values map through the option index", async () => {
    const { el, form } = await bound<TkFieldSelect>("tk-field-select", { level: { type: "integer", oneOf: [1, 2, 3].map((n) => ({ const: n, title: `Mức ${n}` })) } }, "/level");
    form.set("/level", 2);
    await el.updateComplete;
    expect(select(el).selectedOptions[0]!.textContent).toBe("Mức 2");
    await userEvent.selectOptions(select(el), "Mức 3");
    expect(form.get("/level")).toBe(3);
    await userEvent.selectOptions(select(el), "— Chọn —");
    expect(form.get("/level")).toBeUndefined();
  });

  it("bound: options from x-options follow the province (cascade)", async () => {
    const form = createForm(await load(addressSchema, { sources: { catalog: catalogSource } }), { context: { catalog: { provinces } } });
    await form.settled();
    const div = container();
    const province = document.createElement("tk-field-select") as TkFieldSelect;
    const commune = document.createElement("tk-field-select") as TkFieldSelect;
    for (const [el, p] of [[province, "/province"], [commune, "/commune"]] as const) {
      el.model = form;
      el.pointer = p;
      div.append(el);
    }
    await commune.updateComplete;
    expect(labels(province)).toEqual(["— Chọn —", "Thành phố Hà Nội", "Thành phố Hồ Chí Minh"]);
    expect(labels(commune)).toEqual(["— Chọn —"]);
    await userEvent.selectOptions(select(province), "Thành phố Hồ Chí Minh");
    await settle(form, commune);
    expect(labels(commune)).toEqual(["— Chọn —", "Phường Sài Gòn", "Phường Bến Thành"]);
    await userEvent.selectOptions(select(commune), "Phường Bến Thành");
    expect(form.get("/commune")).toBe("26737");
    await userEvent.selectOptions(select(province), "Thành phố Hà Nội");
    await settle(form, commune);
    expect(labels(commune)).toEqual(["— Chọn —", "Phường Ba Đình"]);
    expect(select(commune).value).toBe(""); // the kept value is not among the choices: nothing shown as chosen
    await expectAccessible(div);
  });

  it("bound: option labels and chrome follow the locale (procedure i18n enum)", async () => {
    const { el, form } = await bound<TkFieldSelect>("tk-field-select", { sex: sexOneOf }, "/sex", {
      i18n: { en: { "/sex": { title: "Sex", enum: { M: "Male", F: "Female" } } } },
    });
    form.set("/sex", "F");
    form.setLocale("en");
    await el.updateComplete;
    expect(labels(el)).toEqual(["— Select —", "Male", "Female"]);
    expect(shadow(el).querySelector("label")!.textContent).toContain("Sex");
    expect(select(el).selectedOptions[0]!.textContent).toBe("Female");
  });

  it("bound: errors are wired to the select", async () => {
    const { el, form } = await bound<TkFieldSelect>("tk-field-select", { sex: sexOneOf }, "/sex", { required: ["sex"] });
    await form.validate();
    await el.updateComplete;
    expect(select(el).getAttribute("aria-invalid")).toBe("true");
    expect(select(el).getAttribute("aria-describedby")).toBe("error");
    expect(shadow(el).querySelector("#error")!.textContent).toContain("bắt buộc");
    await expectAccessible(el.parentElement!);
  });

  it("standalone: in a native form, with reset, validity and the keyboard", async () => {
    const { el, form } = await standalone<TkFieldSelect>("tk-field-select", (el) => {
      el.name = "level";
      el.label = "Mức độ";
      el.options = [{ value: 1, label: "Một" }, { value: 2, label: "Hai" }, { value: 3, label: "Ba" }];
      el.value = 2;
      el.required = true;
    });
    expect(new FormData(form).get("level")).toBe("2");
    expect(el.checkValidity()).toBe(true);
    el.focus();
    expect(shadow(el).activeElement).toBe(select(el));
    await userEvent.keyboard("{ArrowDown}");
    await el.updateComplete;
    expect(el.value).toBe(3);
    expect(new FormData(form).get("level")).toBe("3");
    form.reset();
    await el.updateComplete;
    expect(el.value).toBe(2);
    expect(select(el).selectedOptions[0]!.textContent).toBe("Hai");
    await userEvent.selectOptions(select(el), "— Chọn —");
    await el.updateComplete;
    expect(el.value).toBeUndefined();
    expect(el.checkValidity()).toBe(false);
    expect(el.validity.valueMissing).toBe(true);
    expect(new FormData(form).has("level")).toBe(false);
    await expectAccessible(form);
  });

  it("renders option labels as text (no HTML injection)", async () => {
    const { el } = await bound<TkFieldSelect>("tk-field-select", { x: { type: "string", oneOf: [{ const: "a", title: XSS }] } }, "/x");
    const standaloneEl = (await standalone<TkFieldSelect>("tk-field-select", (s) => (s.options = [{ value: "a", label: XSS }]))).el;
    await new Promise((r) => setTimeout(r, 50));
    for (const e of [el, standaloneEl]) {
      expect(shadow(e).querySelector("img")).toBeNull();
      expect(labels(e)[1]).toBe(XSS);
    }
    expect(pwned()).toBeUndefined();
  });
});

// -------------------------------------------------------------------------------------------------

describe("<tk-field-radio>", () => {
  const radios = (el: HTMLElement) => [...shadow(el).querySelectorAll<HTMLInputElement>("input[type=radio]")];
  const labelOf = (el: HTMLElement, input: HTMLInputElement) => shadow(el).querySelector(`label[for="${input.id}"]`)!.textContent;

  it("bound: a fieldset with a legend, a labelled radio per option, value both ways", async () => {
    const { el, form } = await bound<TkFieldRadio>("tk-field-radio", { sex: sexOneOf }, "/sex");
    expect(shadow(el).querySelector("fieldset legend")!.textContent).toContain("Giới tính");
    expect(radios(el).map((r) => labelOf(el, r))).toEqual(["Nam", "Nữ"]);
    await userEvent.click(shadow(el).querySelector(`label[for="${radios(el)[1]!.id}"]`)!);
    expect(form.get("/sex")).toBe("F");
    form.set("/sex", "M");
    await el.updateComplete;
    expect(radios(el).map((r) => r.checked)).toEqual([true, false]);
    form.set("/sex", undefined);
    await el.updateComplete;
    expect(radios(el).map((r) => r.checked)).toEqual([false, false]);
  });

  it("bound: options from x-options follow the province, and labels follow the locale", async () => {
    const form = createForm(await load(addressSchema, { sources: { catalog: catalogSource } }), { context: { catalog: { provinces } } });
    await form.settled();
    const el = document.createElement("tk-field-radio") as TkFieldRadio;
    el.model = form;
    el.pointer = "/commune";
    container().append(el);
    await el.updateComplete;
    expect(radios(el)).toEqual([]);
    form.set("/province", "79");
    await settle(form, el);
    expect(radios(el).map((r) => labelOf(el, r))).toEqual(["Phường Sài Gòn", "Phường Bến Thành"]);
    form.set("/province", "01");
    await settle(form, el);
    expect(radios(el).map((r) => labelOf(el, r))).toEqual(["Phường Ba Đình"]);

    const { el: sex, form: form2 } = await bound<TkFieldRadio>("tk-field-radio", { sex: sexOneOf }, "/sex", {
      i18n: { en: { "/sex": { title: "Sex", enum: { M: "Male", F: "Female" } } } },
    });
    form2.setLocale("en");
    await sex.updateComplete;
    expect(radios(sex).map((r) => labelOf(sex, r))).toEqual(["Male", "Female"]);
    expect(shadow(sex).querySelector("legend")!.textContent).toContain("Sex");
  });

  it("bound: hint and error are described on the fieldset", async () => {
    const { el, form } = await bound<TkFieldRadio>("tk-field-radio", { sex: { ...sexOneOf, description: "Theo giấy khai sinh" } }, "/sex", { required: ["sex"] });
    await form.validate();
    await el.updateComplete;
    expect(shadow(el).querySelector("fieldset")!.getAttribute("aria-describedby")).toBe("hint error");
    expect(radios(el).every((r) => r.getAttribute("aria-invalid") === "true" && r.required)).toBe(true);
    await expectAccessible(el.parentElement!);
  });

  it("standalone: in a native form, arrow keys, reset, validity; two groups do not clash", async () => {
    const options = [{ value: "owner", label: "Chủ sở hữu" }, { value: "rent", label: "Thuê, mượn" }, { value: "relative", label: "Ở nhờ" }];
    const { el, form } = await standalone<TkFieldRadio>("tk-field-radio", (el) => {
      el.name = "ownership";
      el.label = "Chỗ ở";
      el.options = options;
      el.required = true;
    });
    const other = document.createElement("tk-field-radio") as TkFieldRadio;
    other.name = "other";
    other.label = "Khác";
    other.options = options;
    other.value = "rent";
    form.append(other);
    await other.updateComplete;
    expect(radios(el)[0]!.name).not.toBe(radios(other)[0]!.name);

    expect(el.checkValidity()).toBe(false);
    expect(new FormData(form).has("ownership")).toBe(false);
    await userEvent.click(radios(el)[0]!);
    await el.updateComplete;
    expect(el.value).toBe("owner");
    expect(el.checkValidity()).toBe(true);
    await userEvent.keyboard("{ArrowDown}");
    await el.updateComplete;
    expect(el.value).toBe("rent");
    expect(radios(el)[1]!.checked).toBe(true);
    expect(shadow(el).activeElement).toBe(radios(el)[1]);
    await userEvent.keyboard("{ArrowDown}");
    await el.updateComplete;
    expect(new FormData(form).get("ownership")).toBe("relative");
    expect(other.value).toBe("rent");
    expect(new FormData(form).get("other")).toBe("rent");
    // Tab leaves the group for the next one, landing on its checked radio.
    await userEvent.tab();
    expect(document.activeElement).toBe(other);
    expect(shadow(other).activeElement).toBe(radios(other)[1]);
    form.reset();
    await el.updateComplete;
    await other.updateComplete;
    expect(other.value).toBe("rent");
    await expectAccessible(form);
  });

  it("renders option labels as text (no HTML injection)", async () => {
    const { el } = await bound<TkFieldRadio>("tk-field-radio", { x: { type: "string", oneOf: [{ const: "a", title: XSS }] } }, "/x");
    await new Promise((r) => setTimeout(r, 50));
    expect(shadow(el).querySelector("img")).toBeNull();
    expect(shadow(el).querySelector(".choices label")!.textContent).toBe(XSS);
    expect(pwned()).toBeUndefined();
  });
});

// -------------------------------------------------------------------------------------------------

describe("<tk-field-checkbox>", () => {
  const box = (el: HTMLElement) => shadow(el).querySelector<HTMLInputElement>("input[type=checkbox]")!;
  const declaration: SchemaNode = { type: "boolean", const: true, title: "Tôi cam đoan những nội dung khai trên là đúng sự thật.", "x-widget": "checkbox" };

  it("bound: a required const:true declaration must be checked", async () => {
    const { el, form } = await bound<TkFieldCheckbox>("tk-field-checkbox", { declaration }, "/declaration", { required: ["declaration"] });
    const label = shadow(el).querySelector("label")!;
    expect(label.getAttribute("for")).toBe(box(el).id);
    // The box comes first on screen, then its label.
    expect(box(el).getBoundingClientRect().left).toBeLessThan(label.getBoundingClientRect().left);
    expect((await form.validate()).map((e) => e.pointer)).toEqual(["/declaration"]);
    await el.updateComplete;
    expect(box(el).getAttribute("aria-invalid")).toBe("true");
    await userEvent.click(label);
    expect(form.get("/declaration")).toBe(true);
    expect(form.field("/declaration").errors).toEqual([]);
    await userEvent.click(box(el));
    expect(form.get("/declaration")).toBeUndefined();
    expect(form.field("/declaration").errors.map((e) => e.keyword)).toEqual(["required"]);
    form.set("/declaration", true);
    await el.updateComplete;
    expect(box(el).checked).toBe(true);
    await expectAccessible(el.parentElement!);
  });

  it("bound: an optional box is true or false", async () => {
    const { el, form } = await bound<TkFieldCheckbox>("tk-field-checkbox", { feeExempt: { type: "boolean", title: "Miễn lệ phí" } }, "/feeExempt", {
      i18n: { en: { "/feeExempt": { title: "Fee exempt" } } },
    });
    await userEvent.click(box(el));
    expect(form.get("/feeExempt")).toBe(true);
    await userEvent.click(box(el));
    expect(form.get("/feeExempt")).toBe(false);
    form.set("/feeExempt", true);
    await el.updateComplete;
    expect(box(el).checked).toBe(true);
    form.setLocale("en");
    await el.updateComplete;
    expect(shadow(el).querySelector("label")!.textContent).toContain("Fee exempt");
  });

  it("standalone: in a native form, space toggles, reset, validity", async () => {
    const { el, form } = await standalone<TkFieldCheckbox>("tk-field-checkbox", (el) => {
      el.name = "agree";
      el.label = "Tôi đồng ý";
      el.required = true;
    });
    expect(el.checkValidity()).toBe(false);
    expect(new FormData(form).has("agree")).toBe(false);
    await userEvent.tab();
    expect(shadow(el).activeElement).toBe(box(el));
    await userEvent.keyboard(" ");
    await el.updateComplete;
    expect(el.value).toBe(true);
    expect(el.checkValidity()).toBe(true);
    expect(new FormData(form).get("agree")).toBe("true");
    await userEvent.keyboard(" ");
    await el.updateComplete;
    expect(el.checkValidity()).toBe(false);
    el.value = false; // false is a value, yet a required box must be checked
    await el.updateComplete;
    expect(el.checkValidity()).toBe(false);

    const optional = (await standalone<TkFieldCheckbox>("tk-field-checkbox", (c) => {
      c.name = "news";
      c.label = "Nhận tin";
      c.value = true;
    }));
    await userEvent.click(box(optional.el));
    await optional.el.updateComplete;
    expect(optional.el.value).toBe(false);
    expect(new FormData(optional.form).has("news")).toBe(false);
    optional.form.reset();
    await optional.el.updateComplete;
    expect(optional.el.value).toBe(true);
    expect(box(optional.el).checked).toBe(true);
    await expectAccessible(form);
    await expectAccessible(optional.form);
  });

  it("renders the label as text (no HTML injection)", async () => {
    const { el } = await bound<TkFieldCheckbox>("tk-field-checkbox", { x: { type: "boolean", title: XSS } }, "/x");
    await new Promise((r) => setTimeout(r, 50));
    expect(shadow(el).querySelector("img")).toBeNull();
    expect(shadow(el).querySelector("label")!.textContent).toContain(XSS);
    expect(pwned()).toBeUndefined();
  });
});

// -------------------------------------------------------------------------------------------------

describe("<tk-field-checkboxes>", () => {
  const boxes = (el: HTMLElement) => [...shadow(el).querySelectorAll<HTMLInputElement>("input[type=checkbox]")];
  const labelOf = (el: HTMLElement, input: HTMLInputElement) => shadow(el).querySelector(`label[for="${input.id}"]`)!.textContent;
  const docs: SchemaNode = {
    type: "array",
    title: "Giấy tờ kèm theo",
    items: { type: "string", oneOf: [{ const: "cccd", title: "Căn cước" }, { const: "hk", title: "Sổ hộ khẩu" }, { const: "hd", title: "Hợp đồng thuê nhà" }] },
  };

  it("bound: values in option order, [] when none, both ways", async () => {
    const { el, form } = await bound<TkFieldCheckboxes>("tk-field-checkboxes", { docs }, "/docs", { required: ["docs"] });
    expect(shadow(el).querySelector("fieldset legend")!.textContent).toContain("Giấy tờ kèm theo");
    expect(boxes(el).map((b) => labelOf(el, b))).toEqual(["Căn cước", "Sổ hộ khẩu", "Hợp đồng thuê nhà"]);
    await userEvent.click(boxes(el)[2]!);
    await userEvent.click(boxes(el)[0]!);
    expect(form.get("/docs")).toEqual(["cccd", "hd"]);
    await userEvent.click(boxes(el)[0]!);
    await userEvent.click(boxes(el)[2]!);
    expect(form.get("/docs")).toEqual([]);
    expect((await form.validate()).map((e) => e.keyword)).toEqual(["required"]);
    form.set("/docs", ["hk"]);
    await el.updateComplete;
    expect(boxes(el).map((b) => b.checked)).toEqual([false, true, false]);
    await expectAccessible(el.parentElement!);
  });

  it("bound: labels follow the locale (i18n enum on the array), options follow x-options", async () => {
    const { el, form } = await bound<TkFieldCheckboxes>("tk-field-checkboxes", { docs }, "/docs", {
      i18n: { en: { "/docs": { title: "Attached documents", enum: { cccd: "Identity card", hk: "Household book", hd: "Rental contract" } } } },
    });
    form.setLocale("en");
    await el.updateComplete;
    expect(boxes(el).map((b) => labelOf(el, b))).toEqual(["Identity card", "Household book", "Rental contract"]);
    expect(shadow(el).querySelector("legend")!.textContent).toContain("Attached documents");

    const dynamic = await bound<TkFieldCheckboxes>(
      "tk-field-checkboxes",
      {
        province: addressSchema["province"]!,
        communes: { type: "array", items: { type: "string" }, "x-options": "($p := province; $catalog.provinces[code = $p].communes.{ 'value': code, 'label': name })" },
      },
      "/communes",
      { sources: { catalog: catalogSource } },
      { context: { catalog: { provinces } } },
    );
    expect(boxes(dynamic.el)).toEqual([]);
    dynamic.form.set("/province", "79");
    await settle(dynamic.form, dynamic.el);
    expect(boxes(dynamic.el).map((b) => labelOf(dynamic.el, b))).toEqual(["Phường Sài Gòn", "Phường Bến Thành"]);
    await userEvent.click(boxes(dynamic.el)[1]!);
    expect(dynamic.form.get("/communes")).toEqual(["26737"]);
  });

  it("standalone: each checked value in FormData, keyboard, reset, validity", async () => {
    const { el, form } = await standalone<TkFieldCheckboxes>("tk-field-checkboxes", (el) => {
      el.name = "days";
      el.label = "Ngày làm việc";
      el.options = [{ value: 2, label: "Thứ hai" }, { value: 3, label: "Thứ ba" }, { value: 4, label: "Thứ tư" }];
      el.value = [4];
      el.required = true;
    });
    expect(new FormData(form).getAll("days")).toEqual(["4"]);
    await userEvent.tab();
    expect(shadow(el).activeElement).toBe(boxes(el)[0]);
    await userEvent.keyboard(" ");
    await userEvent.tab();
    await userEvent.keyboard(" ");
    await el.updateComplete;
    expect(el.value).toEqual([2, 3, 4]);
    expect(new FormData(form).getAll("days")).toEqual(["2", "3", "4"]);
    form.reset();
    await el.updateComplete;
    expect(el.value).toEqual([4]);
    expect(boxes(el).map((b) => b.checked)).toEqual([false, false, true]);
    await userEvent.click(boxes(el)[2]!);
    await el.updateComplete;
    expect(el.value).toEqual([]);
    expect(el.checkValidity()).toBe(false);
    expect(el.validity.valueMissing).toBe(true);
    await expectAccessible(form);
  });

  it("renders option labels as text (no HTML injection)", async () => {
    const { el } = await bound<TkFieldCheckboxes>("tk-field-checkboxes", { x: { type: "array", items: { type: "string", oneOf: [{ const: "a", title: XSS }] } } }, "/x");
    await new Promise((r) => setTimeout(r, 50));
    expect(shadow(el).querySelector("img")).toBeNull();
    expect(shadow(el).querySelector(".choices label")!.textContent).toBe(XSS);
    expect(pwned()).toBeUndefined();
  });
});

// -------------------------------------------------------------------------------------------------

describe("<tk-field-number>", () => {
  const input = (el: HTMLElement) => shadow(el).querySelector("input")!;

  it("reads numbers as people type them", () => {
    expect(parseNumber("", "vi")).toBeUndefined();
    expect(parseNumber("  ", "vi")).toBeUndefined();
    expect(parseNumber("42", "vi")).toBe(42);
    expect(parseNumber("-3", "en")).toBe(-3);
    expect(parseNumber("12,5", "vi")).toBe(12.5);
    expect(parseNumber("12.5", "vi")).toBe(12.5);
    expect(parseNumber("1.500", "vi")).toBe(1500);
    expect(parseNumber("1.500.000", "vi")).toBe(1_500_000);
    expect(parseNumber("1.500.000,25", "vi")).toBe(1_500_000.25);
    expect(parseNumber("1 500 000", "vi")).toBe(1_500_000);
    expect(parseNumber("1,500,000.25", "en")).toBe(1_500_000.25);
    expect(parseNumber("12.5", "en")).toBe(12.5);
    expect(parseNumber("12,5", "en")).toBe("12,5");
    expect(parseNumber("12a", "vi")).toBe("12a");
    expect(parseNumber("12.5", "vi", true)).toBe("12.5");
    expect(parseNumber("20.000", "vi", true)).toBe(20000);
  });

  it("bound: typed text becomes a number; other text is kept and reported", async () => {
    const { el, form } = await bound<TkFieldNumber>("tk-field-number", { area: { type: "number", title: "Diện tích (m²)", minimum: 1 } }, "/area", {
      i18n: { en: { "/area": { title: "Area (m²)" } } },
    });
    expect(input(el).type).toBe("text");
    expect(input(el).inputMode).toBe("decimal");
    await userEvent.type(input(el), "45,5");
    expect(form.get("/area")).toBe(45.5);
    expect(input(el).value).toBe("45,5");
    await userEvent.clear(input(el));
    expect(form.get("/area")).toBeUndefined();
    await userEvent.type(input(el), "4x");
    expect(form.get("/area")).toBe("4x");
    expect((await form.validate()).map((e) => e.keyword)).toEqual(["type"]);
    await el.updateComplete;
    expect(input(el).value).toBe("4x");
    expect(input(el).getAttribute("aria-invalid")).toBe("true");
    form.set("/area", 70.25);
    await el.updateComplete;
    expect(input(el).value).toBe("70,25");
    form.setLocale("en");
    await el.updateComplete;
    expect(input(el).value).toBe("70.25");
    expect(shadow(el).querySelector("label")!.textContent).toContain("Area");
    await expectAccessible(el.parentElement!);
  });

  it("bound: integer fields take whole numbers only", async () => {
    const { el, form } = await bound<TkFieldNumber>("tk-field-number", { rooms: { type: "integer", title: "Số phòng" } }, "/rooms");
    expect(input(el).inputMode).toBe("numeric");
    await userEvent.type(input(el), "2.5");
    expect(form.get("/rooms")).toBe("2.5");
    await userEvent.clear(input(el));
    await userEvent.type(input(el), "3");
    expect(form.get("/rooms")).toBe(3);
  });

  it("standalone: in a native form, reset, validity", async () => {
    const { el, form } = await standalone<TkFieldNumber>("tk-field-number", (el) => {
      el.name = "income";
      el.label = "Thu nhập";
      el.integer = true;
      el.min = 0;
      el.value = 1000;
      el.required = true;
    });
    expect(new FormData(form).get("income")).toBe("1000");
    await userEvent.tab();
    expect(shadow(el).activeElement).toBe(input(el));
    await userEvent.keyboard("{Control>}a{/Control}1.500.000");
    await el.updateComplete;
    expect(el.value).toBe(1_500_000);
    expect(input(el).value).toBe("1.500.000");
    expect(new FormData(form).get("income")).toBe("1500000");
    await userEvent.fill(input(el), "-5");
    await el.updateComplete;
    expect(el.validity.rangeUnderflow).toBe(true);
    await userEvent.fill(input(el), "abc");
    await el.updateComplete;
    expect(el.value).toBe("abc");
    expect(el.validity.badInput).toBe(true);
    expect(el.validationMessage).toBe("Phải là số nguyên");
    form.reset();
    await el.updateComplete;
    expect(el.value).toBe(1000);
    expect(input(el).value).toBe("1000");
    await userEvent.clear(input(el));
    await el.updateComplete;
    expect(el.value).toBeUndefined();
    expect(el.validity.valueMissing).toBe(true);
    await expectAccessible(form);
  });
});

// -------------------------------------------------------------------------------------------------

describe("<tk-field-date>", () => {
  const inputs = (el: HTMLElement) => [...shadow(el).querySelectorAll<HTMLInputElement>(".date-input input")];
  const shown = (el: HTMLElement) => inputs(el).map((i) => i.value);

  it("bound: YYYY-MM-DD both ways, empty is undefined", async () => {
    const { el, form } = await bound<TkFieldDate>("tk-field-date", { moveIn: { type: "string", format: "date", title: "Ngày chuyển đến", formatMaximum: "2030-12-31" } }, "/moveIn");
    expect(inputs(el).map((i) => i.type)).toEqual(["text", "text", "text"]);
    const [day, month, year] = inputs(el);
    await userEvent.fill(day!, "1");
    await userEvent.fill(month!, "11");
    await userEvent.fill(year!, "2026");
    expect(form.get("/moveIn")).toBe("2026-11-01");
    form.set("/moveIn", "2025-01-15");
    await el.updateComplete;
    expect(shown(el)).toEqual(["15", "01", "2025"]);
    for (const input of inputs(el)) await userEvent.clear(input);
    expect(form.get("/moveIn")).toBeUndefined();
    expect(form.badInput("/moveIn")).toBeUndefined();
    await expectAccessible(el.parentElement!);
  });

  it("standalone: in a native form, typed with the keyboard, reset, validity", async () => {
    const { el, form } = await standalone<TkFieldDate>("tk-field-date", (el) => {
      el.name = "birthDate";
      el.label = "Ngày sinh";
      el.value = "2000-05-20";
      el.min = "1900-01-01";
      el.autocomplete = "bday";
      el.required = true;
    });
    expect(new FormData(form).get("birthDate")).toBe("2000-05-20");
    // The citizen's own birth date: the browser may fill it in.
    expect(inputs(el).map((i) => i.autocomplete)).toEqual(["bday-day", "bday-month", "bday-year"]);
    await userEvent.tab();
    expect(shadow(el).activeElement).toBe(inputs(el)[0]);
    await userEvent.keyboard("{Control>}a{/Control}1{Tab}{Control>}a{/Control}2{Tab}{Control>}a{/Control}2026");
    await el.updateComplete;
    expect(el.value).toBe("2026-02-01");
    expect(new FormData(form).get("birthDate")).toBe("2026-02-01");
    el.value = "1800-01-01";
    await el.updateComplete;
    expect(el.validity.rangeUnderflow).toBe(true);
    form.reset();
    await el.updateComplete;
    expect(el.value).toBe("2000-05-20");
    expect(shown(el)).toEqual(["20", "05", "2000"]);
    // An impossible date: no value, and the element is badInput with the message naming it.
    await userEvent.fill(inputs(el)[0]!, "31");
    await userEvent.fill(inputs(el)[1]!, "2");
    await el.updateComplete;
    expect(el.value).toBeUndefined();
    expect(new FormData(form).get("birthDate")).toBeNull();
    expect(el.validity.badInput).toBe(true);
    expect(el.validationMessage).toBe("Ngày sinh phải là một ngày có thật");
    for (const input of inputs(el)) await userEvent.clear(input);
    await el.updateComplete;
    expect(el.value).toBeUndefined();
    expect(el.validity.valueMissing).toBe(true);
    expect(el.checkValidity()).toBe(false);
    await expectAccessible(form);
  });
});
