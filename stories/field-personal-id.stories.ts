import type { Meta } from "@storybook/web-components-vite";
import { fieldProcedure, renderBound, settle } from "./support.js";
import { textWidgetStories } from "./text-widget-stories.js";

const TAG = "tk-field-personal-id";
const doc = fieldProcedure("personal-id", {
  schema: { type: "string", title: "Số định danh cá nhân", description: "12 chữ số, in trên thẻ căn cước.", format: "vn-personal-id", "x-widget": "personal-id" },
  prefill: "$citizen.personalId",
  en: { "": { title: "Personal identification number", description: "12 digits, printed on the identity card." } },
});

const meta = {
  title: "Fields/tk-field-personal-id",
  component: TAG,
  render: renderBound(TAG),
  play: settle,
} satisfies Meta;
export default meta;

const stories = textWidgetStories({
  tag: TAG,
  doc,
  label: "Số định danh cá nhân",
  name: "personal-id",
  typed: "079192004567",
  known: "001090012345",
  invalid: "0010900",
  invalidVi: "đúng 12 chữ số",
  invalidEn: "exactly 12 digits",
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
