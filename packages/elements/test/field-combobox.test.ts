// tk-field-combobox in a real Chromium, beyond the conformance suite: which fields get it, the ARIA 1.2
// combobox pattern with the keyboard alone (the Authoring Practices' "list autocomplete"), the mouse,
// the "no results" state and the live region's count, what text that names no option leaves behind,
// axe with the list open, Vietnamese and English, and the province → commune cascade of the
// administrative units.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { addMessages, createForm, fieldNode, loadProcedure, type Form, type SchemaNode } from "@tokhai/core";
import { addChromeMessages, COMBOBOX_THRESHOLD, defaultRegistry, defineElements, TkFieldCombobox, type TkField } from "../src/index.js";
import { chromeFr, messagesFr } from "../../../test/fixtures/locales/fr.js";
import { CHROME } from "../src/i18n.js";
import { fold } from "../src/internal/search.js";
import { catalogSource } from "./support/catalog.js";
import { activeDeep, expectAccessible, settle as settleRoot, text } from "./support/dom.js";
import catalog from "../../../examples/data/administrative-units.json" with { type: "json" };

defineElements();

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

const PROVINCE = { type: "string", title: "Tỉnh, thành phố", description: "Nơi đăng ký thường trú.", "x-options": '$catalog.provinces.{ "value": code, "label": name }' };
const COMMUNE = { type: "string", title: "Xã, phường, đặc khu", "x-options": '$catalog.provinces[code = $$.province].communes.{ "value": code, "label": name }' };

interface Mounted {
  readonly el: TkFieldCombobox;
  readonly model: Form;
  readonly before: HTMLButtonElement;
  readonly after: HTMLButtonElement;
  settle(): Promise<void>;
}

/** A combobox bound to `pointer` of a form over the administrative units, between two buttons. */
async function mount(properties: Record<string, SchemaNode> = { province: PROVINCE }, pointer = "/province", options: { locale?: string; required?: string[] } = {}): Promise<Mounted> {
  const procedure = await loadProcedure({
    id: "vn.test.combobox",
    version: "1.0.0",
    title: "Thử nghiệm",
    sources: { catalog: catalogSource },
    schema: { type: "object", properties, ...(options.required ? { required: options.required } : {}) },
    i18n: { en: { "/province": { title: "Province or city" } } },
  });
  const model = createForm(procedure, { context: { catalog }, locale: options.locale ?? "vi" });
  await model.settled();
  const root = document.createElement("div");
  const before = Object.assign(document.createElement("button"), { type: "button", textContent: "Trước" });
  const after = Object.assign(document.createElement("button"), { type: "button", textContent: "Sau" });
  const el = document.createElement("tk-field-combobox");
  el.model = model;
  el.pointer = pointer;
  root.append(before, el, after);
  document.body.append(root);
  mounted.push(root);
  const settle = () => settleRoot(root, model);
  await settle();
  return { el, model, before, after, settle };
}

const shadow = (el: Element) => el.shadowRoot!;
const input = (el: Element) => shadow(el).querySelector<HTMLInputElement>("input[role='combobox']")!;
const listbox = (el: Element) => shadow(el).querySelector<HTMLElement>("[role='listbox']")!;
/** The options shown, by label, in order. */
const shownOptions = (el: Element) => (listbox(el).hidden ? [] : [...listbox(el).querySelectorAll("[role='option']")].map((o) => text(o)));
const activeOption = (el: Element) => {
  const id = input(el).getAttribute("aria-activedescendant");
  return id ? text(shadow(el).getElementById(id)) : undefined;
};
const status = (el: Element) => shadow(el).querySelector<HTMLElement>("[role='status']")!;
const noResults = (el: Element) => shadow(el).querySelector<HTMLElement>("[part~='no-results']")!;
const error = (el: Element) => text(shadow(el).querySelector("[part~='error']"));
const expanded = (el: Element) => input(el).getAttribute("aria-expanded");

const PROVINCES = catalog.provinces.map((p) => p.name);
const HANOI = catalog.provinces.find((p) => p.code === "01")!;

describe("which fields are comboboxes", () => {
  const oneOf = (n: number) => Array.from({ length: n }, (_, i) => ({ const: `c${i}`, title: `Lựa chọn ${i}` }));
  const tagFor = async (schema: SchemaNode) => {
    const procedure = await loadProcedure({ id: "vn.test.widgets", version: "1.0.0", title: "T", sources: { catalog: catalogSource }, schema: { type: "object", properties: { f: schema } } });
    return defaultRegistry().tagFor(fieldNode(procedure, "/f")!);
  };

  it(`more than ${COMBOBOX_THRESHOLD} fixed choices, any x-options, and x-widget "combobox"; a select up to ${COMBOBOX_THRESHOLD}; radios up to 4`, async () => {
    expect(COMBOBOX_THRESHOLD).toBe(20);
    expect(await tagFor({ type: "string", oneOf: oneOf(21) })).toBe("tk-field-combobox");
    expect(await tagFor({ type: "string", enum: Array.from({ length: 25 }, (_, i) => `e${i}`) })).toBe("tk-field-combobox");
    expect(await tagFor({ type: "integer", enum: Array.from({ length: 30 }, (_, i) => i) })).toBe("tk-field-combobox");
    expect(await tagFor({ type: "string", oneOf: oneOf(20) })).toBe("tk-field-select");
    expect(await tagFor({ type: "string", oneOf: oneOf(5) })).toBe("tk-field-select");
    expect(await tagFor({ type: "string", oneOf: oneOf(4) })).toBe("tk-field-radio");
    expect(await tagFor(PROVINCE)).toBe("tk-field-combobox");
    expect(await tagFor({ ...PROVINCE, "x-widget": "select" })).toBe("tk-field-select");
    expect(await tagFor({ type: "string", oneOf: oneOf(3), "x-widget": "combobox" })).toBe("tk-field-combobox");
    expect(await tagFor({ type: "string", oneOf: oneOf(30), "x-widget": "radio" })).toBe("tk-field-radio");
    // A list of several choices stays checkboxes, however long.
    expect(await tagFor({ type: "array", items: { type: "string", oneOf: oneOf(30) } })).toBe("tk-field-checkboxes");
  });
});

describe("<tk-field-combobox> with the keyboard alone (ARIA 1.2 combobox, list autocomplete)", () => {
  it("wires the combobox, its list and its description", async () => {
    const h = await mount();
    const box = input(h.el);
    expect(box.getAttribute("role")).toBe("combobox");
    expect(box.getAttribute("aria-autocomplete")).toBe("list");
    expect(box.getAttribute("aria-controls")).toBe(listbox(h.el).id);
    expect(expanded(h.el)).toBe("false");
    expect(box.hasAttribute("aria-activedescendant")).toBe(false);
    expect(box.autocomplete).toBe("off");
    expect(listbox(h.el).getAttribute("aria-labelledby")).toBe("label");
    // The field's hint, then how to use the list.
    expect(box.getAttribute("aria-describedby")).toBe("hint assist");
    expect(text(shadow(h.el).getElementById("assist"))).toBe(CHROME.vi.comboboxHint);
    expect(status(h.el).getAttribute("aria-live")).toBe("polite");
    // One tab stop: the button beside the input is for the pointer.
    expect(shadow(h.el).querySelector<HTMLButtonElement>("[part~='toggle']")!.tabIndex).toBe(-1);
  });

  it("typing filters ignoring case and diacritics; Down and Up move the active option, wrapping; Enter chooses its value", async () => {
    const h = await mount();
    h.before.focus();
    await userEvent.tab();
    expect(activeDeep()).toBe(input(h.el));

    await userEvent.keyboard("thanh pho h");
    await h.settle();
    expect(expanded(h.el)).toBe("true");
    // Those starting with what was typed, in the list's order: Hà Nội, Hồ Chí Minh, Hải Phòng, Huế…
    const shown = shownOptions(h.el);
    expect(shown).toEqual(PROVINCES.filter((p) => fold(p).startsWith("thanh pho h")));
    expect(shown.length).toBeGreaterThan(1);
    expect(activeOption(h.el)).toBeUndefined(); // nothing chosen for the citizen

    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    expect(activeOption(h.el)).toBe(shown[0]);
    expect(shadow(h.el).querySelector("[aria-selected='true']")!.textContent).toBe(shown[0]);
    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    expect(activeOption(h.el)).toBe(shown[1]);
    await userEvent.keyboard("{ArrowUp}{ArrowUp}");
    await h.settle();
    expect(activeOption(h.el)).toBe(shown.at(-1)); // wraps
    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    expect(activeOption(h.el)).toBe(shown[0]);
    // Focus never left the input.
    expect(activeDeep()).toBe(input(h.el));
    expect(h.model.get("/province")).toBeUndefined();

    await userEvent.keyboard("{Enter}");
    await h.settle();
    expect(h.model.get("/province")).toBe(catalog.provinces.find((p) => p.name === shown[0])!.code);
    expect(input(h.el).value).toBe(shown[0]);
    expect(expanded(h.el)).toBe("false");
    expect(shownOptions(h.el)).toEqual([]);
  });

  it("“ba dinh” finds Phường Ba Đình among Hà Nội's communes, and its code is the value", async () => {
    const h = await mount({ province: PROVINCE, commune: COMMUNE }, "/commune");
    h.model.set("/province", "01");
    await h.settle();
    input(h.el).focus();
    await userEvent.keyboard("ba dinh");
    await h.settle();
    expect(shownOptions(h.el)).toEqual(["Phường Ba Đình"]);
    await userEvent.keyboard("{Enter}"); // the only match
    await h.settle();
    expect(h.model.get("/commune")).toBe("00004");
  });

  it("Down with the list closed opens it on the first option, Up on the last, Alt+Down without choosing one", async () => {
    const h = await mount();
    input(h.el).focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await h.settle();
    expect(expanded(h.el)).toBe("true");
    expect(shownOptions(h.el)).toEqual(PROVINCES);
    expect(activeOption(h.el)).toBeUndefined();
    await userEvent.keyboard("{Escape}");
    await h.settle();
    expect(expanded(h.el)).toBe("false");
    await userEvent.keyboard("{ArrowUp}");
    await h.settle();
    expect(activeOption(h.el)).toBe(PROVINCES.at(-1));
    // The active option is scrolled into view within the list.
    const list = listbox(h.el).getBoundingClientRect();
    const last = shadow(h.el).querySelector("[aria-selected='true']")!.getBoundingClientRect();
    expect(last.bottom).toBeLessThanOrEqual(list.bottom + 1);
    await userEvent.keyboard("{Escape}{ArrowDown}");
    await h.settle();
    expect(activeOption(h.el)).toBe(PROVINCES[0]);
  });

  it("Escape closes the list and keeps the value; a second Escape clears the field", async () => {
    const h = await mount();
    h.model.set("/province", "79");
    await h.settle();
    input(h.el).focus();
    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    expect(expanded(h.el)).toBe("true");
    await userEvent.keyboard("{Escape}");
    await h.settle();
    expect(expanded(h.el)).toBe("false");
    expect(h.model.get("/province")).toBe("79");
    expect(input(h.el).value).toBe("Thành phố Hồ Chí Minh");
    await userEvent.keyboard("{Escape}");
    await h.settle();
    expect(input(h.el).value).toBe("");
    expect(h.model.get("/province")).toBeUndefined();
    expect(activeDeep()).toBe(input(h.el));
  });

  it("Tab leaves keeping the selection; with an option active, Tab chooses it", async () => {
    const h = await mount();
    h.model.set("/province", "48");
    await h.settle();
    h.before.focus();
    await userEvent.tab();
    await userEvent.tab();
    expect(activeDeep()).toBe(h.after);
    expect(h.model.get("/province")).toBe("48");
    expect(input(h.el).value).toBe("Thành phố Đà Nẵng");

    await userEvent.tab({ shift: true });
    expect(activeDeep()).toBe(input(h.el));
    await userEvent.keyboard("{Control>}a{/Control}hcm{ArrowDown}");
    await h.settle();
    expect(activeOption(h.el)).toBe("Thành phố Hồ Chí Minh");
    await userEvent.tab();
    await h.settle();
    expect(activeDeep()).toBe(h.after);
    expect(h.model.get("/province")).toBe("79");
    expect(input(h.el).value).toBe("Thành phố Hồ Chí Minh");
  });

  it("Enter with the list open never reaches the form (it chooses); with the list closed it does", async () => {
    const h = await mount();
    const reached: boolean[] = [];
    h.el.parentElement!.addEventListener("keydown", (e) => e.key === "Enter" && reached.push(e.defaultPrevented));
    input(h.el).focus();
    await userEvent.keyboard("da nang{ArrowDown}{Enter}");
    await h.settle();
    expect(h.model.get("/province")).toBe("48");
    await userEvent.keyboard("{Enter}");
    expect(reached).toEqual([true, false]);
  });
});

describe("<tk-field-combobox> with a pointer", () => {
  it("a click on the input or the button shows every option; a click on an option chooses it; focus stays in the input", async () => {
    const h = await mount();
    await userEvent.click(input(h.el));
    await h.settle();
    expect(shownOptions(h.el)).toEqual(PROVINCES);
    const toggle = shadow(h.el).querySelector<HTMLButtonElement>("[part~='toggle']")!;
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    await userEvent.click(toggle);
    await h.settle();
    expect(shownOptions(h.el)).toEqual([]);
    expect(activeDeep()).toBe(input(h.el));
    await userEvent.click(toggle);
    await h.settle();
    const option = [...listbox(h.el).querySelectorAll<HTMLElement>("[role='option']")].find((o) => text(o) === "Thành phố Cần Thơ")!;
    await userEvent.click(option);
    await h.settle();
    expect(h.model.get("/province")).toBe("92");
    expect(input(h.el).value).toBe("Thành phố Cần Thơ");
    expect(activeDeep()).toBe(input(h.el));
    expect(shownOptions(h.el)).toEqual([]);
  });
});

describe("<tk-field-combobox>: no results, and the count announced", () => {
  it("shows “Không tìm thấy kết quả” and says it politely; says the count of results once typing pauses", async () => {
    const h = await mount();
    input(h.el).focus();
    await userEvent.keyboard("thanh pho");
    await h.settle();
    const count = shownOptions(h.el).length;
    expect(count).toBeGreaterThan(1);
    await expect.poll(() => text(status(h.el)), { timeout: 5000 }).toBe(`${count} kết quả`);

    await userEvent.keyboard(" xyz");
    await h.settle();
    expect(shownOptions(h.el)).toEqual([]);
    expect(listbox(h.el).hidden).toBe(true);
    expect(noResults(h.el).hidden).toBe(false);
    expect(text(noResults(h.el))).toBe("Không tìm thấy kết quả");
    expect(expanded(h.el)).toBe("false");
    await expect.poll(() => text(status(h.el)), { timeout: 5000 }).toBe("Không tìm thấy kết quả");
    await expectAccessible(h.el.parentElement!, "no results");

    await userEvent.keyboard("{Escape}");
    await h.settle();
    expect(noResults(h.el).hidden).toBe(true);
    expect(text(status(h.el))).toBe("");
  });

  it("in English: “No results”, “1 result”, “n results”, and the hint", async () => {
    const h = await mount(undefined, undefined, { locale: "en" });
    input(h.el).focus();
    await userEvent.keyboard("hcm");
    await h.settle();
    expect(shownOptions(h.el)).toEqual(["Thành phố Hồ Chí Minh"]);
    await expect.poll(() => text(status(h.el)), { timeout: 5000 }).toBe("1 result");
    await userEvent.keyboard("{Backspace}{Backspace}{Backspace}thanh pho");
    await h.settle();
    await expect.poll(() => text(status(h.el)), { timeout: 5000 }).toBe(`${shownOptions(h.el).length} results`);
    await userEvent.keyboard("zz");
    await h.settle();
    expect(text(noResults(h.el))).toBe("No results");
    expect(text(shadow(h.el).getElementById("assist"))).toBe(CHROME.en.comboboxHint);
    expect(shadow(h.el).querySelector("[part~='toggle']")!.getAttribute("aria-label")).toBe("Show all options");
    expect(text(shadow(h.el).querySelector("[part~='label']"))).toContain("Province or city");
  });
});

describe("<tk-field-combobox> in a third locale", () => {
  it("speaks the portal's dictionaries (French): hint, button, count, no results, and the message of text that names no option", async () => {
    addMessages("fr", messagesFr);
    addChromeMessages("fr", chromeFr);
    const h = await mount(undefined, undefined, { locale: "fr" });
    expect(text(shadow(h.el).getElementById("assist"))).toBe(chromeFr.comboboxHint);
    expect(shadow(h.el).querySelector("[part~='toggle']")!.getAttribute("aria-label")).toBe("Afficher tous les choix");
    input(h.el).focus();
    await userEvent.keyboard("thanh pho");
    await h.settle();
    await expect.poll(() => text(status(h.el)), { timeout: 5000 }).toBe(`${shownOptions(h.el).length} résultats`);
    await userEvent.keyboard(" xyz");
    await h.settle();
    expect(text(noResults(h.el))).toBe("Aucun résultat");
    await userEvent.tab();
    await h.model.validate();
    await h.settle();
    expect(error(h.el)).toContain(messagesFr.options);
  });
});

describe("<tk-field-combobox>: text that names no option", () => {
  it("leaves the field empty (not the option chosen before), keeps the text, and the form reports “select from the list”, not “required”", async () => {
    const h = await mount(undefined, undefined, { required: ["province"] });
    h.model.set("/province", "79");
    await h.settle();
    input(h.el).focus();
    await userEvent.keyboard("{Control>}a{/Control}Paris");
    await userEvent.tab();
    await h.settle();
    expect(h.model.get("/province")).toBeUndefined();
    expect(input(h.el).value).toBe("Paris");
    expect(h.model.badInput("/province")).toMatchObject({ code: "options", input: "Paris" });
    const errors = await h.model.validate();
    expect(errors).toEqual([expect.objectContaining({ pointer: "/province", keyword: "badInput", message: "Vui lòng chọn một giá trị trong danh sách" })]);
    await h.settle();
    expect(error(h.el)).toContain("Vui lòng chọn một giá trị trong danh sách");
    expect(input(h.el).getAttribute("aria-invalid")).toBe("true");
    h.model.setLocale("en");
    await h.settle();
    expect(error(h.el)).toContain("Select an option from the list");

    // Corrected: an option chosen clears the problem.
    input(h.el).focus();
    await userEvent.keyboard("{Control>}a{/Control}ha noi{ArrowDown}{Enter}");
    await h.settle();
    expect(h.model.get("/province")).toBe("01");
    expect(h.model.badInput("/province")).toBeUndefined();
    expect(await h.model.validate()).toEqual([]);
  });

  it("a label typed in full, whatever its case and diacritics, chooses that option; an emptied input clears the field", async () => {
    const h = await mount();
    input(h.el).focus();
    await userEvent.keyboard("THANH PHO DA NANG");
    await userEvent.tab();
    await h.settle();
    expect(h.model.get("/province")).toBe("48");
    expect(input(h.el).value).toBe("Thành phố Đà Nẵng");
    input(h.el).focus();
    await userEvent.keyboard("{Control>}a{/Control}{Backspace}");
    await userEvent.tab();
    await h.settle();
    expect(h.model.get("/province")).toBeUndefined();
    expect(h.model.badInput("/province")).toBeUndefined();
  });

  it("a new element shows the rejected text again (after going back a step)", async () => {
    const h = await mount();
    input(h.el).focus();
    await userEvent.keyboard("Sài Gòn xyz");
    await userEvent.tab();
    await h.settle();
    const again = document.createElement("tk-field-combobox");
    again.model = h.model;
    again.pointer = "/province";
    h.el.parentElement!.append(again);
    await h.settle();
    expect(input(again).value).toBe("Sài Gòn xyz");
  });

  it("standalone: the field has no value and is badInput, with core's message", async () => {
    const form = document.createElement("form");
    const el = document.createElement("tk-field-combobox");
    el.name = "province";
    el.label = "Tỉnh, thành phố";
    (el as TkField & { options: unknown }).options = catalog.provinces.map((p) => ({ value: p.code, label: p.name }));
    el.value = "01";
    form.append(el);
    document.body.append(form);
    mounted.push(form);
    await settleRoot(form);
    input(el).focus();
    await userEvent.keyboard("{Control>}a{/Control}Paris");
    await userEvent.tab();
    await settleRoot(form);
    expect(el.value).toBeUndefined();
    expect(input(el).value).toBe("Paris");
    expect(el.validity.badInput).toBe(true);
    expect(el.validationMessage).toBe("Vui lòng chọn một giá trị trong danh sách");
    expect(new FormData(form).getAll("province")).toEqual([]);
    form.reset();
    await settleRoot(form);
    expect(el.value).toBe("01");
    expect(input(el).value).toBe(HANOI.name);
    expect(el.validity.valid).toBe(true);
  });
});

describe("<tk-field-combobox>: axe", () => {
  it("finds nothing with the list open, with an option active, and with the field in error", async () => {
    const h = await mount(undefined, undefined, { required: ["province"] });
    const root = h.el.parentElement!;
    input(h.el).focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await h.settle();
    expect(shownOptions(h.el).length).toBe(PROVINCES.length);
    await expectAccessible(root, "open");
    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    await expectAccessible(root, "option active");
    await userEvent.keyboard("{Escape}");
    await h.model.validate();
    await h.settle();
    expect(error(h.el)).not.toBe("");
    await expectAccessible(root, "error");
  });
});

describe("<tk-field-combobox>: the province → commune cascade", () => {
  it("the commune's list follows the province chosen, and follows the locale's labels", async () => {
    const h = await mount({ province: PROVINCE, commune: COMMUNE }, "/commune");
    input(h.el).focus();
    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    expect(shownOptions(h.el)).toEqual([]);
    expect(text(noResults(h.el))).toBe("Không tìm thấy kết quả");
    await userEvent.keyboard("{Escape}");
    h.model.set("/province", "01");
    await h.settle();
    await userEvent.keyboard("{ArrowDown}");
    await h.settle();
    expect(shownOptions(h.el)).toEqual(HANOI.communes.map((c) => c.name));
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await h.settle();
    expect(h.model.get("/commune")).toBe(HANOI.communes[1]!.code);
  });
});
