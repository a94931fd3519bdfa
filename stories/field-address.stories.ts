import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import { bind, deep, deepAll, expectNotEditable, FULL, inChildFields, fieldProcedure, modelOf, renderBound, renderStandalone, settle, shadowOf } from "./support.js";

const TAG = "tk-field-address";
const doc = fieldProcedure("address", {
  // The commune's choices read the province of the same address, so the schema depends on its name.
  schema: (name) => ({
    type: "object",
    title: "Địa chỉ thường trú",
    description: "Theo đơn vị hành chính sau sắp xếp năm 2025.",
    "x-widget": "address",
    properties: {
      detail: { type: "string", title: "Số nhà, đường phố, tổ, thôn", maxLength: 200 },
      commune: {
        type: "string",
        title: "Xã, phường, đặc khu",
        description: "Chọn tỉnh, thành phố trước.",
        "x-options": `$catalog.provinces[code = $$.${name}.province].communes.{ 'value': code, 'label': name }`,
      },
      province: { type: "string", title: "Tỉnh, thành phố", "x-options": "$catalog.provinces.{ 'value': code, 'label': name }" },
    },
    required: ["province", "commune", "detail"],
  }),
  prefill: "$citizen.permanentAddress.{ 'province': provinceCode, 'commune': communeCode, 'detail': detail }",
  en: {
    "": { title: "Permanent address", description: "Administrative units after the 2025 reorganisation." },
    "/province": { title: "Province or city" },
    "/commune": { title: "Commune or ward", description: "Choose the province first." },
    "/detail": { title: "House number, street, hamlet" },
  },
});

const meta = {
  title: "Fields/tk-field-address",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const part = (canvasElement: HTMLElement, name: string) => deep(shadowOf(canvasElement), `[pointer$="/${name}"]`)!.shadowRoot!;
/** The options a part's combobox lists now, by label. */
const listed = (root: ShadowRoot) => [...root.querySelectorAll("[role='option']")].map((o) => o.textContent?.trim());
/** Chooses in a part's combobox (x-options) as a citizen does with a pointer: the button shows the whole list, then a click on the option. */
const chooseOption = async (root: ShadowRoot, label: string) => {
  const input = root.querySelector("input")!;
  await userEvent.click(root.querySelector<HTMLElement>("[part~='toggle']")!);
  await waitFor(() => expect(listed(root)).toContain(label));
  await userEvent.click([...root.querySelectorAll<HTMLElement>("[role='option']")].find((o) => o.textContent?.trim() === label)!);
  await waitFor(() => expect(input.value).toBe(label));
};

/** Checks: the locked address shows its three values as verified data, and no control. */
function expectAddressVerified(locale: "vi" | "en") {
  return async (context: { canvasElement: HTMLElement }) => {
    await settle(context);
    const verified = deepAll(shadowOf(context.canvasElement), "[part~='verified']");
    await expect(verified.length).toBeGreaterThan(0);
    const text = verified.map((v) => v.textContent ?? "").join(" ");
    for (const value of ["Số 12 đường Lê Thánh Tôn", "Phường Bến Thành", "Thành phố Hồ Chí Minh", locale === "vi" ? "Đã xác thực" : "Verified"]) {
      await expect(text).toContain(value);
    }
    await expect(deepAll(shadowOf(context.canvasElement), "input, select").length).toBe(0);
  };
}

/** Empty: province, then commune (its choices follow the province), then the detail line, in that order. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    const order = deepAll(shadowOf(context.canvasElement), "[pointer]").map((e) => e.getAttribute("pointer"));
    await expect(order).toEqual(["/plain/province", "/plain/commune", "/plain/detail"]);
    await expect(part(context.canvasElement, "commune").querySelector("input")).toHaveAttribute("role", "combobox");
    await chooseOption(part(context.canvasElement, "province"), "Thành phố Hà Nội");
    await chooseOption(part(context.canvasElement, "commune"), "Phường Hoàn Kiếm");
    await expect(listed(part(context.canvasElement, "commune"))).toEqual([]);
    await userEvent.type(part(context.canvasElement, "detail").querySelector("input")!, "Số 5 phố Tràng Tiền");
    await expect(modelOf(context.canvasElement).get("/plain")).toEqual({ province: "01", commune: "00070", detail: "Số 5 phố Tràng Tiền" });
  },
};

/** Verified address (`x-lock` on the object): every part verified, with the names of the units; nothing to edit. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectAddressVerified("vi"),
};

/** Prefilled but editable: each part says where it came from. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(inChildFields(shadowOf(context.canvasElement), "[part~='origin']").length).toBe(3);
    await chooseOption(part(context.canvasElement, "commune"), "Phường Sài Gòn");
    await expect(modelOf(context.canvasElement).field("/editable/commune").provenance).toMatchObject({ source: "citizen", edited: true });
  },
};

/** The citizen moved to another commune: that part's origin note is gone. */
export const PrefilledEdited: Story = {
  loaders: [bind(doc, "/editable", { context: FULL, set: { "/editable/commune": "26740" } })],
  play: async (context) => {
    await settle(context);
    await expect(part(context.canvasElement, "commune").querySelector("[part~='origin']")).toBeNull();
    await expect(part(context.canvasElement, "province").querySelector("[part~='origin']")).not.toBeNull();
  },
};

/** After `model.validate()`: each missing part says so. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: async (context) => {
    await settle(context);
    for (const name of ["province", "commune", "detail"]) {
      await expect(part(context.canvasElement, name).querySelector("[part~='error']")).toHaveTextContent("bắt buộc");
      await expect(part(context.canvasElement, name).querySelector("select, input")).toHaveAttribute("aria-invalid", "true");
    }
  },
};

/** `x-readonly` on the address: every part is read-only. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: expectNotEditable(),
};

/** Without model, pointer and registry the element cannot show an address, and says so. */
export const Unbound: Story = {
  render: renderStandalone(TAG),
  args: { label: "Địa chỉ" },
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='unavailable']")).toHaveTextContent("cần model, pointer và registry");
  },
};

/** English: verified address. */
export const English: Story = {
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectAddressVerified("en"),
};

/** English: labels from `i18n`, messages from the engine. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/plain", { locale: "en", validate: true })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("legend")).toHaveTextContent("Permanent address");
    await expect(part(context.canvasElement, "commune").querySelector("[part~='error']")).toHaveTextContent(/required/i);
  },
};
