import { afterEach, describe, expect, it } from "vitest";
import axe from "axe-core";
import { createForm, fieldNode, loadProcedure, type Form, type Procedure } from "@tokhai/core";
import { TkFieldFile, fileWidget } from "../src/fields/field-file/field-file.js";
import { TkFieldAddress, addressWidget } from "../src/fields/field-address/field-address.js";
import { TkFieldComputed, computedWidget } from "../src/fields/field-computed/field-computed.js";
import { TkFieldText, textWidget } from "../src/fields/field-text/field-text.js";
import { WidgetRegistry } from "../src/registry.js";
import { chrome } from "../src/i18n.js";
import { catalogSource } from "./support/catalog.js";
import { accessibleName, chooseFile, describedBy } from "./support/dom.js";

for (const [tag, cls] of [
  ["tk-field-file", TkFieldFile],
  ["tk-field-address", TkFieldAddress],
  ["tk-field-computed", TkFieldComputed],
  ["tk-field-text", TkFieldText],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, cls);
}

declare global {
  interface Window {
    __pwned?: number;
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

async function mount<T extends HTMLElement & { updateComplete: Promise<boolean> }>(el: T, parent: HTMLElement = document.body): Promise<T> {
  parent.append(el);
  await el.updateComplete;
  return el;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

const pdf = () => new File(["%PDF-1.4"], "hop-dong.pdf", { type: "application/pdf" });

async function axeViolations(el: Element) {
  return (await axe.run(el)).violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}

// ---------------------------------------------------------------------------------------------------
// tk-field-file
// ---------------------------------------------------------------------------------------------------

const fileMeta = { name: { type: "string" }, type: { type: "string" }, size: { type: "integer" } };

async function fileForm(): Promise<{ procedure: Procedure; form: Form }> {
  const procedure = await loadProcedure({
    id: "vn.test.file",
    version: "1.0.0",
    title: "Thử nghiệm tệp",
    schema: {
      type: "object",
      properties: {
        contract: {
          type: "object",
          title: "Hợp đồng thuê nhà",
          description: "Bản quét hợp đồng thuê nhà.",
          "x-widget": "file",
          "x-accept": ["application/pdf", "image/jpeg"],
          "x-max-size": 1024,
          properties: fileMeta,
          required: ["name", "type", "size"],
        },
      },
      required: ["contract"],
    },
  });
  return { procedure, form: createForm(procedure, { locale: "vi" }) };
}

async function boundFile(): Promise<{ el: TkFieldFile; form: Form; input: HTMLInputElement }> {
  const { form } = await fileForm();
  await form.settled();
  const el = document.createElement("tk-field-file") as TkFieldFile;
  el.model = form;
  el.pointer = "/contract";
  await mount(el);
  return { el, form, input: shadow(el).querySelector<HTMLInputElement>("input[type=file]")! };
}

describe("tk-field-file", () => {
  it("ranks 100 for x-widget file", async () => {
    const { procedure } = await fileForm();
    expect(fileWidget.rank(fieldNode(procedure, "/contract")!)).toBe(100);
    expect(fileWidget.tag).toBe("tk-field-file");
  });

  it("renders the input with accept and the hint line, and passes axe", async () => {
    const { el, input } = await boundFile();
    expect(input.accept).toBe("application/pdf,image/jpeg");
    const hint = shadow(el).querySelector("[part=accept]")!;
    expect(hint.textContent).toBe(chrome("fileAccepted", "vi", { accept: "PDF, JPEG", max: "1 KB" }));
    expect(input.getAttribute("aria-describedby")).toContain("file-accept");
    expect(shadow(el).querySelector("label")!.htmlFor).toBe(input.id);
    expect(await axeViolations(el)).toEqual([]);
  });

  it("commits the metadata of a good file; core lists it in the envelope's attachments", async () => {
    const { el, form, input } = await boundFile();
    const changes: Event[] = [];
    el.addEventListener("change", (e) => changes.push(e));
    const file = pdf();
    chooseFile(input, file);
    await el.updateComplete;
    expect(form.get("/contract")).toEqual({ name: "hop-dong.pdf", type: "application/pdf", size: 8 });
    expect(el.file).toBe(file);
    expect(changes).toHaveLength(1);
    expect(shadow(el).querySelector("[part=file-name]")!.textContent).toBe("hop-dong.pdf");
    expect(shadow(el).querySelector("[part=file-size]")!.textContent).toContain("8 B");
    expect(el.displayValue()).toBe("hop-dong.pdf (8 B)");
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.envelope.attachments).toEqual([{ pointer: "/contract", name: "hop-dong.pdf", type: "application/pdf", size: 8 }]);
    expect(result.envelope.data).toEqual({ contract: { name: "hop-dong.pdf", type: "application/pdf", size: 8 } });
    await el.updateComplete;
    expect(await axeViolations(el)).toEqual([]);
  });

  it("refuses a file that is too big or of the wrong type, with a message, committing nothing", async () => {
    const { el, form, input } = await boundFile();
    chooseFile(input, new File([new Uint8Array(2048)], "lon.pdf", { type: "application/pdf" }));
    await el.updateComplete;
    expect(form.get("/contract")).toBeUndefined();
    expect(el.file).toBeUndefined();
    let error = shadow(el).querySelector("[part=error]")!;
    expect(error.id).toBe("error");
    expect(error.textContent).toContain("Tệp “lon.pdf” (2 KB) quá lớn: tối đa 1 KB");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")!.split(" ")).toContain("error");
    expect(input.files!.length).toBe(0);
    expect(await axeViolations(el)).toEqual([]);

    chooseFile(input, new File(["PNG"], "anh.png", { type: "image/png" }));
    await el.updateComplete;
    expect(form.get("/contract")).toBeUndefined();
    error = shadow(el).querySelector("[part=error]")!;
    expect(error.textContent).toContain("Tệp “anh.png” không thuộc loại được chấp nhận: chỉ nhận PDF, JPEG");

    // The message follows the form's locale.
    form.setLocale("en");
    await el.updateComplete;
    expect(shadow(el).querySelector("[part=error]")!.textContent).toContain("“anh.png” is not an accepted type of file: only PDF, JPEG");
    form.setLocale("vi");

    // A good file clears the message.
    chooseFile(input, pdf());
    await el.updateComplete;
    expect(shadow(el).querySelector("[part=error]")).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(form.get("/contract")).toEqual({ name: "hop-dong.pdf", type: "application/pdf", size: 8 });
  });

  it("keeps the good file when a later one is refused", async () => {
    const { el, form, input } = await boundFile();
    const file = pdf();
    chooseFile(input, file);
    await el.updateComplete;
    chooseFile(input, new File(["x"], "virus.exe", { type: "application/x-msdownload" }));
    await el.updateComplete;
    expect(form.get("/contract")).toEqual({ name: "hop-dong.pdf", type: "application/pdf", size: 8 });
    expect(el.file).toBe(file);
    expect(shadow(el).querySelector("[part=error]")).not.toBeNull();
  });

  it("accepts by extension and by wildcard type", async () => {
    const el = document.createElement("tk-field-file") as TkFieldFile;
    el.label = "Ảnh";
    el.accept = ["image/*", ".pdf"];
    await mount(el);
    const input = shadow(el).querySelector<HTMLInputElement>("input")!;
    chooseFile(input, new File(["x"], "scan.PDF", { type: "" }));
    await el.updateComplete;
    expect(el.value).toEqual({ name: "scan.PDF", type: "", size: 1 });
    chooseFile(input, new File(["x"], "anh.webp", { type: "image/webp" }));
    await el.updateComplete;
    expect(el.value).toEqual({ name: "anh.webp", type: "image/webp", size: 1 });
    chooseFile(input, new File(["x"], "a.txt", { type: "text/plain" }));
    await el.updateComplete;
    expect((el.value as { name: string }).name).toBe("anh.webp");
    expect(shadow(el).querySelector("[part=error]")!.textContent).toContain("Tệp “a.txt” không thuộc loại được chấp nhận: chỉ nhận image/*, PDF");
  });

  it("shows the chosen file's name once, and announces it: the browser's own input (which names the file again, in the browser's language) is hidden behind a localised button", async () => {
    const { el, form, input } = await boundFile();
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    const choose = shadow(el).querySelector<HTMLLabelElement>("[part~='choose']")!;
    expect(choose).not.toBeNull();
    expect(choose.control).toBe(input); // a click on it opens the browser's file chooser
    expect(choose.textContent!.trim()).toBe(chrome("chooseFile", "vi"));
    expect(visible(choose)).toBe(true);
    chooseFile(input, new File(["%PDF-1.4"], "hop-dong-thue-nha.pdf", { type: "application/pdf" }));
    await el.updateComplete;
    // The input itself is not seen (it would show the name beside ours); it keeps the focus and the name.
    expect(visible(input)).toBe(false);
    // What is seen: the text outside the visually hidden parts (for screen readers: the remove button's name).
    const walker = document.createTreeWalker(shadow(el).querySelector("[part~='field']")!, NodeFilter.SHOW_TEXT);
    let shown = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement!.closest(".visually-hidden")) shown += n.textContent;
    expect(shown.split("hop-dong-thue-nha.pdf")).toHaveLength(2);
    input.focus();
    expect(shadow(el).activeElement).toBe(input);
    // Named by the field's label alone (title and mark), not by the button's text as well.
    expect(accessibleName(input)).toBe(shadow(el).querySelector("#label")!.textContent!.replace(/\s+/g, " ").trim());
    expect(accessibleName(input)).toMatch(/^Hợp đồng thuê nhà/);
    const described = describedBy(input).map((d) => d?.textContent?.replace(/\s+/g, " ").trim());
    expect(described).toContain(`${chrome("fileSelected", "vi")}: hop-dong-thue-nha.pdf (8 B)`);
    expect(accessibleName(shadow(el).querySelector("[part=remove]")!)).toBe(`${chrome("removeFile", "vi")} hop-dong-thue-nha.pdf`);
    expect(await axeViolations(el)).toEqual([]);
    form.setLocale("en");
    await el.updateComplete;
    expect(choose.textContent!.trim()).toBe(chrome("chooseFile", "en"));
  });

  it("the remove button clears the value and the file, and gives focus back to the input", async () => {
    const { el, form, input } = await boundFile();
    chooseFile(input, pdf());
    await el.updateComplete;
    const remove = shadow(el).querySelector<HTMLButtonElement>("[part=remove]")!;
    expect(remove.textContent).toContain(chrome("removeFile", "vi"));
    remove.click();
    await el.updateComplete;
    expect(form.get("/contract")).toBeUndefined();
    expect(el.file).toBeUndefined();
    expect(shadow(el).querySelector("[part=file]")).toBeNull();
    expect(input.files!.length).toBe(0);
    expect(shadow(el).activeElement).toBe(input);
    const result = await form.submission();
    expect(result.ok).toBe(false);
  });

  it("renders a hostile file name as text", async () => {
    const { el, form, input } = await boundFile();
    const name = `<img src=x onerror="window.__pwned=1">.pdf`;
    chooseFile(input, new File(["%PDF-1.4"], name, { type: "application/pdf" }));
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(window.__pwned).toBeUndefined();
    expect(shadow(el).querySelector("img")).toBeNull();
    expect(shadow(el).querySelector("[part=file-name]")!.textContent).toBe(name);
    expect((form.get("/contract") as { name: string }).name).toBe(name);
  });

  it("works standalone in a native form: FormData carries the File; required is invalid without one", async () => {
    const formEl = document.createElement("form");
    document.body.append(formEl);
    const el = document.createElement("tk-field-file") as TkFieldFile;
    el.setAttribute("name", "contract");
    el.setAttribute("label", "Hợp đồng thuê nhà");
    el.setAttribute("accept", "application/pdf, .jpg");
    el.setAttribute("max-size", "1024");
    el.required = true;
    await mount(el, formEl);
    expect(el.accept).toEqual(["application/pdf", ".jpg"]);
    expect(el.maxSize).toBe(1024);
    expect(el.checkValidity()).toBe(false);
    expect(el.validity.valueMissing).toBe(true);
    expect(formEl.checkValidity()).toBe(false);
    expect(new FormData(formEl).get("contract")).toBeNull();
    expect(await axeViolations(el)).toEqual([]);

    const input = shadow(el).querySelector<HTMLInputElement>("input")!;
    chooseFile(input, new File([new Uint8Array(4096)], "lon.pdf", { type: "application/pdf" }));
    await el.updateComplete;
    expect(el.checkValidity()).toBe(false);
    expect(el.validationMessage).toBe("Tệp “lon.pdf” (4 KB) quá lớn: tối đa 1 KB");

    const file = pdf();
    chooseFile(input, file);
    await el.updateComplete;
    expect(el.checkValidity()).toBe(true);
    const sent = new FormData(formEl).get("contract");
    expect(sent).toBeInstanceOf(File);
    expect((sent as File).name).toBe("hop-dong.pdf");
    expect(el.value).toEqual({ name: "hop-dong.pdf", type: "application/pdf", size: 8 });
    expect(await axeViolations(el)).toEqual([]);

    formEl.reset();
    await el.updateComplete;
    expect(el.file).toBeUndefined();
    expect(el.value).toBeUndefined();
    expect(new FormData(formEl).get("contract")).toBeNull();
    expect(el.checkValidity()).toBe(false);
  });

  it("shows the required message after a failed native validation", async () => {
    const formEl = document.createElement("form");
    document.body.append(formEl);
    const el = document.createElement("tk-field-file") as TkFieldFile;
    el.label = "Giấy tờ";
    el.required = true;
    await mount(el, formEl);
    el.checkValidity();
    await el.updateComplete;
    const error = shadow(el).querySelector("[part=error]");
    expect(error).not.toBeNull();
    expect(shadow(el).querySelector("input")!.getAttribute("aria-invalid")).toBe("true");
  });
});

// ---------------------------------------------------------------------------------------------------
// tk-field-address
// ---------------------------------------------------------------------------------------------------

const catalog = {
  provinces: [
    {
      code: "01",
      name: "Thành phố Hà Nội",
      communes: [
        { code: "00004", name: "Phường Ba Đình" },
        { code: "00070", name: "Phường Hoàn Kiếm" },
      ],
    },
    {
      code: "79",
      name: "Thành phố Hồ Chí Minh",
      communes: [{ code: "26734", name: "Phường Sài Gòn" }],
    },
  ],
};

async function addressForm(): Promise<{ procedure: Procedure; form: Form }> {
  const procedure = await loadProcedure({
    id: "vn.test.address",
    version: "1.0.0",
    title: "Thử nghiệm địa chỉ",
    sources: { catalog: catalogSource },
    schema: {
      type: "object",
      properties: {
        address: {
          type: "object",
          title: "Nơi thường trú",
          description: "Theo đơn vị hành chính sau sắp xếp.",
          "x-widget": "address",
          properties: {
            // Schema order differs from the order shown: detail is shown last.
            detail: { type: "string", title: "Số nhà, đường phố" },
            province: { type: "string", title: "Tỉnh, thành phố", "x-options": '$catalog.provinces.{ "value": code, "label": name }' },
            commune: {
              type: "string",
              title: "Xã, phường, đặc khu",
              "x-options": '$catalog.provinces[code = $$.address.province].communes.{ "value": code, "label": name }',
            },
          },
        },
      },
    },
  });
  const form = createForm(procedure, { locale: "vi", context: { catalog } });
  await form.settled();
  return { procedure, form };
}

const registry = new WidgetRegistry([textWidget, addressWidget, fileWidget, computedWidget]);

describe("tk-field-address", () => {
  it("ranks 100 for x-widget address", async () => {
    const { procedure } = await addressForm();
    expect(addressWidget.rank(fieldNode(procedure, "/address")!)).toBe(100);
    expect(registry.tagFor(fieldNode(procedure, "/address")!)).toBe("tk-field-address");
    expect(TkFieldAddress.group).toBe(true);
  });

  it("lays out province, commune and detail from the registry, bound to the same model; the cascade comes from core", async () => {
    const { form } = await addressForm();
    const el = document.createElement("tk-field-address") as TkFieldAddress;
    el.model = form;
    el.pointer = "/address";
    el.registry = registry;
    await mount(el);
    const legend = shadow(el).querySelector("legend")!;
    expect(legend.textContent).toContain("Nơi thường trú");
    const children = [...shadow(el).querySelectorAll<TkFieldText>("[part=control] tk-field-text")];
    expect(children.map((c) => c.pointer)).toEqual(["/address/province", "/address/commune", "/address/detail"]);
    expect(children.every((c) => c.model === form && c.registry === registry)).toBe(true);
    await Promise.all(children.map((c) => c.updateComplete));
    const [province, commune] = children as [TkFieldText, TkFieldText, TkFieldText];
    expect(province.fieldState!.options!.map((o) => o.value)).toEqual(["01", "79"]);
    expect(commune.fieldState!.options ?? []).toEqual([]);

    // The citizen picks a province through the province's own element.
    const provinceInput = shadow(province).querySelector("input")!;
    provinceInput.value = "01";
    provinceInput.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    await form.settled();
    await commune.updateComplete;
    expect(form.get("/address/province")).toBe("01");
    expect(commune.fieldState!.options).toEqual([
      { value: "00004", label: "Phường Ba Đình" },
      { value: "00070", label: "Phường Hoàn Kiếm" },
    ]);

    form.set("/address/commune", "00070");
    form.set("/address/detail", "12 Lý Thường Kiệt");
    provinceInput.value = "79";
    provinceInput.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    await form.settled();
    await commune.updateComplete;
    expect(commune.fieldState!.options).toEqual([{ value: "26734", label: "Phường Sài Gòn" }]);

    form.set("/address/province", "01");
    await form.settled();
    expect(el.displayValue()).toBe("12 Lý Thường Kiệt, Phường Hoàn Kiếm, Thành phố Hà Nội");
    await el.updateComplete;
    expect(await axeViolations(el)).toEqual([]);
  });

  it("does not re-render itself when a part's value changes", async () => {
    const { form } = await addressForm();
    const el = document.createElement("tk-field-address") as TkFieldAddress;
    el.model = form;
    el.pointer = "/address";
    el.registry = registry;
    await mount(el);
    let renders = 0;
    const original = el.requestUpdate.bind(el);
    el.requestUpdate = ((...args: Parameters<typeof original>) => {
      renders++;
      return original(...args);
    }) as typeof el.requestUpdate;
    form.set("/address/detail", "Số 1");
    await form.settled();
    expect(renders).toBe(0);
  });

  it("locked (verified), shows no instructions for typing it: no hint on the address or on its parts, the province's hint on the commune included", async () => {
    const address = { type: "object", properties: { province: { type: "string" }, commune: { type: "string" }, detail: { type: "string" } } };
    const parts = {
      province: { type: "string", title: "Tỉnh, thành phố", description: "Tỉnh, thành phố sau sắp xếp.", "x-options": '$catalog.provinces.{ "value": code, "label": name }' },
      commune: {
        type: "string",
        title: "Xã, phường, đặc khu",
        description: "Chọn tỉnh, thành phố trước.",
        "x-options": "$catalog.provinces[code = $$.%ADDRESS%.province].communes.{ \"value\": code, \"label\": name }",
      },
      detail: { type: "string", title: "Số nhà, đường phố", description: "Ghi số nhà, tên đường." },
    };
    const withAddress = (name: string) => JSON.parse(JSON.stringify(parts).replace("%ADDRESS%", name));
    const procedure = await loadProcedure({
      id: "vn.test.address-locked",
      version: "1.0.0",
      title: "Địa chỉ đã xác thực",
      sources: { catalog: catalogSource, citizen: { title: "Cơ sở dữ liệu quốc gia về dân cư", schema: { type: "object", properties: { address: address } } } },
      schema: {
        type: "object",
        properties: {
          verified: {
            type: "object",
            title: "Nơi thường trú",
            description: "Theo đơn vị hành chính sau sắp xếp.",
            "x-widget": "address",
            "x-prefill": "$citizen.address",
            "x-lock": true,
            properties: withAddress("verified"),
          },
          typed: { type: "object", title: "Nơi ở hiện tại", description: "Nơi đang ở.", "x-widget": "address", properties: withAddress("typed") },
        },
      },
    });
    const form = createForm(procedure, { locale: "vi", context: { catalog, citizen: { address: { province: "01", commune: "00070", detail: "12 Lý Thường Kiệt" } } } });
    await form.settled();
    const mountAddress = async (pointer: string) => {
      const el = document.createElement("tk-field-address") as TkFieldAddress;
      el.model = form;
      el.pointer = pointer;
      el.registry = registry;
      await mount(el);
      const children = [...shadow(el).querySelectorAll<TkFieldText>("tk-field-text")];
      await Promise.all(children.map((c) => c.updateComplete));
      return { el, children };
    };
    const hints = (el: Element) => [...shadow(el).querySelectorAll("[part~='hint']")].map((h) => h.textContent).filter(Boolean);

    const verified = await mountAddress("/verified");
    expect(form.field("/verified/commune").locked).toBe(true);
    expect(verified.children.map((c) => shadow(c).querySelector(".verified-value")?.textContent)).toEqual(["Thành phố Hà Nội", "Phường Hoàn Kiếm", "12 Lý Thường Kiệt"]);
    expect(hints(verified.el)).toEqual([]);
    for (const child of verified.children) {
      expect(hints(child), child.pointer).toEqual([]);
      // The verified view is described by where it comes from only.
      expect(shadow(child).querySelector("[part~='verified']")!.getAttribute("aria-describedby"), child.pointer).toBe("origin");
    }
    expect(await axeViolations(verified.el)).toEqual([]);

    // The same parts, editable, keep their hints.
    const typed = await mountAddress("/typed");
    expect(hints(typed.el)).toEqual(["Nơi đang ở."]);
    expect(typed.children.map((c) => hints(c))).toEqual([["Tỉnh, thành phố sau sắp xếp."], ["Chọn tỉnh, thành phố trước."], ["Ghi số nhà, tên đường."]]);
  });

  it("says so clearly when the registry is missing", async () => {
    const { form } = await addressForm();
    const el = document.createElement("tk-field-address") as TkFieldAddress;
    el.model = form;
    el.pointer = "/address";
    await mount(el);
    const message = shadow(el).querySelector("[part=unavailable]")!;
    expect(message.textContent).toBe(chrome("addressUnavailable", "vi"));
    expect(shadow(el).querySelector("tk-field-text")).toBeNull();
    expect(await axeViolations(el)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// tk-field-computed
// ---------------------------------------------------------------------------------------------------

async function feeForm(): Promise<{ procedure: Procedure; form: Form }> {
  const procedure = await loadProcedure({
    id: "vn.test.computed",
    version: "1.0.0",
    title: "Thử nghiệm lệ phí",
    schema: {
      type: "object",
      properties: {
        feeExempt: { type: "boolean", title: "Thuộc diện miễn lệ phí", default: false },
        fee: { type: "integer", title: "Lệ phí (đồng)", "x-widget": "computed", "x-compute": "feeExempt ? 0 : 20000" },
        total: { type: "integer", title: "Tổng", "x-compute": "fee + 1" },
        summary: { type: "object", "x-compute": '{ "fee": fee }', properties: { fee: { type: "integer" } } },
      },
    },
  });
  const form = createForm(procedure, { locale: "vi" });
  await form.settled();
  return { procedure, form };
}

describe("tk-field-computed", () => {
  it("ranks 100 for x-widget computed, 50 for other scalar x-compute fields, not objects", async () => {
    const { procedure } = await feeForm();
    expect(computedWidget.rank(fieldNode(procedure, "/fee")!)).toBe(100);
    expect(computedWidget.rank(fieldNode(procedure, "/total")!)).toBe(50);
    expect(computedWidget.rank(fieldNode(procedure, "/summary")!)).toBeLessThan(0);
    expect(computedWidget.rank(fieldNode(procedure, "/feeExempt")!)).toBeLessThan(0);
    expect(registry.tagFor(fieldNode(procedure, "/total")!)).toBe("tk-field-computed");
  });

  it("shows the value in a live output and updates when its inputs change", async () => {
    const { form } = await feeForm();
    const el = document.createElement("tk-field-computed") as TkFieldComputed;
    el.model = form;
    el.pointer = "/fee";
    await mount(el);
    const output = shadow(el).querySelector("output")!;
    expect(output.getAttribute("part")).toBe("control");
    expect(output.getAttribute("aria-live")).toBe("polite");
    expect(output.textContent!.trim()).toBe(new Intl.NumberFormat("vi-VN").format(20000));
    expect(shadow(el).querySelector("label")!.htmlFor).toBe(output.id);
    const note = shadow(el).querySelector("[part=note]")!;
    expect(note.textContent).toBe(chrome("computed", "vi"));
    expect(output.getAttribute("aria-describedby")).toContain(note.id);
    expect(await axeViolations(el)).toEqual([]);

    form.set("/feeExempt", true);
    await form.settled();
    await el.updateComplete;
    expect(shadow(el).querySelector("output")).toBe(output);
    expect(output.textContent!.trim()).toBe("0");

    form.setLocale("en");
    await el.updateComplete;
    expect(shadow(el).querySelector("[part=note]")!.textContent).toBe("Calculated automatically");
    form.set("/feeExempt", false);
    await form.settled();
    await el.updateComplete;
    expect(output.textContent!.trim()).toBe("20,000");
    expect(await axeViolations(el)).toEqual([]);
  });

  it("says where a value found in the state's records comes from, not that it was calculated", async () => {
    const procedure = await loadProcedure({
      id: "vn.test.lookup",
      version: "1.0.0",
      title: "Tra cứu",
      sources: { registry: { title: { vi: "Cơ sở dữ liệu hộ tịch", en: "Civil status register" }, schema: { type: "object", properties: { people: { type: "array", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } } } } } } },
      schema: {
        type: "object",
        properties: {
          partnerId: { type: "string", title: "Số định danh của bên kia" },
          partnerName: { type: "string", title: "Họ tên bên kia", "x-compute": "$registry.people[id = $$.partnerId].name" },
        },
      },
    });
    const form = createForm(procedure, { context: { registry: { people: [{ id: "001", name: "Trần Thị Bình" }] } } });
    form.set("/partnerId", "001");
    await form.settled();
    const el = document.createElement("tk-field-computed") as TkFieldComputed;
    el.model = form;
    el.pointer = "/partnerName";
    await mount(el);
    expect(shadow(el).querySelector("output")!.textContent!.trim()).toBe("Trần Thị Bình");
    expect(shadow(el).querySelector("[part=note]")!.textContent).toBe("Từ Cơ sở dữ liệu hộ tịch");
    form.setLocale("en");
    await el.updateComplete;
    expect(shadow(el).querySelector("[part=note]")!.textContent).toBe("From Civil status register");
    expect(await axeViolations(el)).toEqual([]);
  });

  it("works standalone with a value", async () => {
    const el = document.createElement("tk-field-computed") as TkFieldComputed;
    el.label = "Tổng";
    el.value = 1500;
    await mount(el);
    expect(shadow(el).querySelector("output")!.textContent!.trim()).toBe(new Intl.NumberFormat("vi-VN").format(1500));
    expect(await axeViolations(el)).toEqual([]);
  });
});
