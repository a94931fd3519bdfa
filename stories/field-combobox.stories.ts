import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument } from "@tokhai/core";
import { expect, userEvent, waitFor } from "storybook/test";
import {
  all,
  bind,
  bindField,
  expectInvalid,
  expectNotEditable,
  expectOrigin,
  expectValue,
  expectVerified,
  FULL,
  fieldProcedure,
  modelOf,
  renderBound,
  renderStandalone,
  settle,
  shadowOf,
} from "./support.js";

const TAG = "tk-field-combobox";
const doc = fieldProcedure("combobox", {
  schema: {
    type: "string",
    title: "Tỉnh, thành phố",
    description: "Theo danh mục sau sắp xếp năm 2025.",
    "x-options": "$catalog.provinces.{ 'value': code, 'label': name }",
  },
  prefill: "$citizen.permanentAddress.provinceCode",
  en: { "": { title: "Province or city", description: "From the catalogue after the 2025 reorganisation." } },
});

/**
 * Every commune of the administrative units (examples/data/administrative-units.json), each with its
 * province: one long list, searched by typing.
 */
const everyCommune: ProcedureDocument = {
  ...doc,
  id: "vn.storybook.combobox-long",
  schema: {
    type: "object",
    properties: {
      plain: {
        type: "string",
        title: "Xã, phường, đặc khu",
        description: "Gõ tên xã, phường hoặc tỉnh, có dấu hay không dấu đều được.",
        "x-options": "$catalog.provinces.($province := name; communes.{ 'value': code, 'label': name & ', ' & $province })",
      },
    },
    required: ["plain"],
  },
  i18n: { en: { "/plain": { title: "Commune or ward", description: "Type the name of the commune, ward or province, with or without diacritics." } } },
};
const units = async () => (await import("../examples/data/administrative-units.json")).default as unknown as Record<string, unknown>;

const meta = {
  title: "Fields/tk-field-combobox",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const input = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector<HTMLInputElement>("input[role='combobox']")!;
const shownOptions = (canvasElement: HTMLElement) => [...shadowOf(canvasElement).querySelectorAll("[role='option']")].map((o) => o.textContent?.trim());
const noResults = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector<HTMLElement>("[part~='no-results']")!;
const status = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector("[role='status']")!;

/** Nothing chosen yet: an empty input, the list closed. */
export const Empty: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    await expect(input(context.canvasElement).value).toBe("");
    await expect(input(context.canvasElement)).toHaveAttribute("aria-expanded", "false");
    await expect(shownOptions(context.canvasElement)).toEqual([]);
  },
};

/** Typing filters the list, without diacritics: "ho chi" finds Hồ Chí Minh; the list stays open. */
export const Filtered: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.type(input(canvas), "ho chi");
    await waitFor(() => expect(shownOptions(canvas)).toEqual(["Thành phố Hồ Chí Minh"]));
    await expect(input(canvas)).toHaveAttribute("aria-expanded", "true");
    await waitFor(() => expect(status(canvas)).toHaveTextContent("1 kết quả"), { timeout: 5000 });
    await userEvent.keyboard("{ArrowDown}");
    await waitFor(() => expect(shadowOf(canvas).querySelector("[aria-selected='true']")).toHaveTextContent("Thành phố Hồ Chí Minh"));
  },
};

/** What names nothing: "Không tìm thấy kết quả", shown and announced. */
export const NoResults: Story = {
  name: "No results",
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.type(input(canvas), "Paris");
    await waitFor(() => expect(noResults(canvas)).toBeVisible());
    await expect(noResults(canvas)).toHaveTextContent("Không tìm thấy kết quả");
    await expect(shownOptions(canvas)).toEqual([]);
    await waitFor(() => expect(status(canvas)).toHaveTextContent("Không tìm thấy kết quả"), { timeout: 5000 });
  },
};

/** Chosen with the keyboard: Down, Enter. The value is the code, the input shows the name. */
export const Selected: Story = {
  loaders: [bind(doc, "/plain")],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.type(input(canvas), "da nang");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await expectValue(canvas, "48");
    await expect(input(canvas).value).toBe("Thành phố Đà Nẵng");
    await expect(input(canvas)).toHaveAttribute("aria-expanded", "false");
  },
};

/** Prefilled but editable: choosing another marks it edited. */
export const PrefilledEditable: Story = {
  loaders: [bind(doc, "/editable", { context: FULL })],
  play: all(expectOrigin(true), async (context) => {
    const canvas = context.canvasElement;
    await expect(input(canvas).value).toBe("Thành phố Hồ Chí Minh");
    await userEvent.click(input(canvas)); // the whole list
    await waitFor(() => expect(shownOptions(canvas)).toEqual(["Thành phố Hà Nội", "Thành phố Hồ Chí Minh", "Thành phố Đà Nẵng"]));
    await userEvent.click(shadowOf(canvas).querySelector("[role='option']")!);
    await expectValue(canvas, "01");
    await expectOrigin(false)(context);
  }),
};

/** Verified data: the choice's label is shown, not its code. */
export const PrefilledLocked: Story = {
  loaders: [bind(doc, "/locked", { context: FULL })],
  play: expectVerified("vi", "Thành phố Hồ Chí Minh"),
};

/** After `model.validate()`: required and empty. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/plain", { validate: true })],
  play: expectInvalid("bắt buộc"),
};

/** Text that names no option, left behind: the field has no value, and the form asks for an option of the list. */
export const NotInList: Story = {
  name: "Error: not in the list",
  loaders: [bind(doc, "/plain", { context: FULL })],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.type(input(canvas), "Sài Gòn");
    await userEvent.tab();
    await expectValue(canvas, undefined);
    await expect(input(canvas).value).toBe("Sài Gòn");
    await modelOf(canvas).validate();
    await expectInvalid("Vui lòng chọn một giá trị trong danh sách")(context);
  },
};

/** `x-readonly` is true: the input is read-only and the button disabled. */
export const ReadOnly: Story = {
  loaders: [bind(doc, "/readonly", { context: FULL })],
  play: all(expectNotEditable(), async (context) => {
    await expect(input(context.canvasElement).value).toBe("Thành phố Hồ Chí Minh");
  }),
};

/** The long list: all 109 communes of the sample administrative units, searched by commune or province. */
export const LongList: Story = {
  name: "Long list (administrative units)",
  loaders: [async () => ({ field: await bindField(everyCommune, "/plain", { context: { catalog: await units() } }) })],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.click(input(canvas));
    await waitFor(() => expect(shownOptions(canvas).length).toBe(109));
    await userEvent.keyboard("ba dinh");
    await waitFor(() => expect(shownOptions(canvas)).toEqual(["Phường Ba Đình, Thành phố Hà Nội"]));
    await userEvent.keyboard("{Enter}");
    await expectValue(canvas, "00004");
    // By the province's initials: "hcm".
    await userEvent.tripleClick(input(canvas));
    await userEvent.keyboard("hcm");
    await waitFor(() => expect(shownOptions(canvas)).toEqual(["Phường Sài Gòn", "Phường Bến Thành", "Phường Tân Định", "Phường Thủ Đức", "Xã Cần Giờ"].map((c) => `${c}, Thành phố Hồ Chí Minh`)));
  },
};

/** English: the labels from `i18n`, "No results" and the count in English. */
export const English: Story = {
  loaders: [bind(doc, "/plain", { locale: "en" })],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await expect(shadowOf(canvas).querySelector("[part~='label']")).toHaveTextContent("Province or city");
    await userEvent.type(input(canvas), "thanh pho");
    await waitFor(() => expect(status(canvas)).toHaveTextContent("3 results"), { timeout: 5000 });
  },
};

/** English: no results. */
export const EnglishNoResults: Story = {
  name: "English: no results",
  loaders: [bind(doc, "/plain", { locale: "en" })],
  play: async (context) => {
    await settle(context);
    const canvas = context.canvasElement;
    await userEvent.type(input(canvas), "London");
    await waitFor(() => expect(noResults(canvas)).toHaveTextContent("No results"));
  },
};

/** English: verified data. */
export const EnglishLocked: Story = {
  name: "English: verified",
  loaders: [bind(doc, "/locked", { context: FULL, locale: "en" })],
  play: expectVerified("en", "Thành phố Hồ Chí Minh"),
};

const relations = Array.from({ length: 24 }, (_, i) => ({ value: `r${i}`, label: `Quan hệ ${i + 1}` }));

/** Standalone: the `options` property, inside a native form. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Quan hệ với chủ hộ", name: "relation", options: relations, required: true },
  play: async (context) => {
    await settle(context);
    await userEvent.type(input(context.canvasElement), "quan he 12");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await expectValue(context.canvasElement, "r11");
  },
};

/** Standalone and disabled. */
export const Disabled: Story = {
  render: renderStandalone(TAG),
  args: { label: "Quan hệ với chủ hộ", options: relations, value: "r2", disabled: true },
  play: expectNotEditable(),
};
