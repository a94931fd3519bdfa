import type { Meta } from "@storybook/web-components-vite";
import { fieldProcedure, renderBound, settle } from "./support.js";
import { textWidgetStories } from "./text-widget-stories.js";

const TAG = "tk-field-tel";
const doc = fieldProcedure("tel", {
  schema: { type: "string", title: "Số điện thoại liên hệ", description: "Số di động 10 chữ số.", format: "vn-phone", "x-widget": "tel" },
  prefill: "$citizen.phone",
  en: { "": { title: "Phone number", description: "A 10-digit mobile number." } },
});

const meta = {
  title: "Fields/tk-field-tel",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;

const stories = textWidgetStories({
  tag: TAG,
  doc,
  label: "Số điện thoại liên hệ",
  name: "tel",
  typed: "0987654321",
  known: "0912345678",
  invalid: "091234",
  invalidVi: "10 chữ số",
  invalidEn: "10 digits",
});

export const Empty = stories.Empty;
export const PrefilledLocked = stories.PrefilledLocked;
export const PrefilledEditable = stories.PrefilledEditable;
export const PrefilledEdited = stories.PrefilledEdited;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
export const Standalone = stories.Standalone;
export const English = stories.English;
export const EnglishError = stories.EnglishError;
