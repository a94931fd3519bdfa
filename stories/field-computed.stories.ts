import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { ProcedureDocument } from "@tokhai/core";
import { expect, waitFor } from "storybook/test";
import { bind, FULL, modelOf, renderBound, renderStandalone, settle, shadowOf, SOURCES } from "./support.js";

const TAG = "tk-field-computed";
const doc: ProcedureDocument = {
  id: "vn.storybook.computed",
  version: "1.0.0",
  title: "Ví dụ: computed",
  sources: SOURCES,
  schema: {
    type: "object",
    properties: {
      feeExempt: { type: "boolean", title: "Thuộc diện miễn lệ phí", "x-prefill": "$citizen.feeExempt" },
      // No value until the exemption is known.
      fee: { type: "integer", title: "Lệ phí (đồng)", description: "20.000 đồng, trừ khi được miễn.", "x-compute": "$exists(feeExempt) ? (feeExempt ? 0 : 20000)" },
    },
    required: ["fee"],
  },
  i18n: { en: { "/feeExempt": { title: "Exempt from the fee" }, "/fee": { title: "Fee (VND)", description: "20,000 dong unless exempt." } } },
};

const meta = {
  title: "Fields/tk-field-computed",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;
type Story = StoryObj;

const output = (canvasElement: HTMLElement) => shadowOf(canvasElement).querySelector("output")!;

/** Nothing to compute from yet: a dash, and the "calculated automatically" note. */
export const Empty: Story = {
  loaders: [bind(doc, "/fee")],
  play: async (context) => {
    await settle(context);
    await expect(output(context.canvasElement)).toHaveTextContent("—");
    await expect(shadowOf(context.canvasElement).querySelector("[part~='note']")).toHaveTextContent("Tự động tính");
  },
};

/** Computed from prefilled data; it follows what it reads, and a screen reader hears it (`aria-live`). */
export const Computed: Story = {
  loaders: [bind(doc, "/fee", { context: FULL })],
  play: async (context) => {
    await settle(context);
    await expect(output(context.canvasElement)).toHaveTextContent("20.000");
    await expect(output(context.canvasElement)).toHaveAttribute("aria-live", "polite");
    modelOf(context.canvasElement).set("/feeExempt", true);
    await waitFor(() => expect(output(context.canvasElement)).toHaveTextContent(/^0$/));
  },
};

/** The input it reads was edited by the citizen (exempt): recomputed to 0. */
export const Recomputed: Story = {
  loaders: [bind(doc, "/fee", { context: FULL, set: { "/feeExempt": true } })],
  play: async (context) => {
    await settle(context);
    await expect(output(context.canvasElement)).toHaveTextContent(/^0$/);
  },
};

/** After `model.validate()`: required, and nothing to compute from. */
export const Invalid: Story = {
  name: "Error",
  loaders: [bind(doc, "/fee", { validate: true })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='error']")).toHaveTextContent("bắt buộc");
  },
};

/** Standalone: a value to show, never edited. */
export const Standalone: Story = {
  render: renderStandalone(TAG),
  args: { label: "Tổng số thành viên", value: 4 },
  play: async (context) => {
    await settle(context);
    await expect(output(context.canvasElement)).toHaveTextContent("4");
    await expect(shadowOf(context.canvasElement).querySelector("input")).toBeNull();
  },
};

/** English: numbers written the English way. */
export const English: Story = {
  loaders: [bind(doc, "/fee", { context: FULL, locale: "en" })],
  play: async (context) => {
    await settle(context);
    await expect(output(context.canvasElement)).toHaveTextContent("20,000");
    await expect(shadowOf(context.canvasElement).querySelector("[part~='note']")).toHaveTextContent("Calculated automatically");
  },
};

/** English: the error. */
export const EnglishError: Story = {
  loaders: [bind(doc, "/fee", { locale: "en", validate: true })],
  play: async (context) => {
    await settle(context);
    await expect(shadowOf(context.canvasElement).querySelector("[part~='error']")).toHaveTextContent(/required/i);
  },
};
