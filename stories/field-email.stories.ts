import type { Meta } from "@storybook/web-components-vite";
import { fieldProcedure, renderBound, settle } from "./support.js";
import { textWidgetStories } from "./text-widget-stories.js";

const TAG = "tk-field-email";
const doc = fieldProcedure("email", {
  schema: { type: "string", title: "Thư điện tử", description: "Để nhận thông báo kết quả.", format: "email", maxLength: 254, "x-widget": "email" },
  prefill: "$citizen.email",
  en: { "": { title: "Email address", description: "To receive the outcome." } },
});

const meta = {
  title: "Fields/tk-field-email",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;

const stories = textWidgetStories({
  tag: TAG,
  doc,
  label: "Thư điện tử",
  name: "email",
  typed: "an.nguyen@example.vn",
  known: "nguyenvanan@example.vn",
  invalid: "an.nguyen@",
  invalidVi: "ten@example.com",
  invalidEn: "name@example.com",
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
