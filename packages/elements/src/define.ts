/**
 * Registers tokhai's elements. Safe to call any number of times, and next to a portal's own
 * definitions: a tag that already exists is left alone.
 */
import { TkForm } from "./form/tk-form.js";
import { defaultRegistry, FIELD_ELEMENTS } from "./widgets.js";

export function defineElements(): void {
  // A <tk-form> without an explicit registry uses every tokhai widget.
  TkForm.defaultRegistry ??= defaultRegistry;
  if (!customElements.get("tk-form")) customElements.define("tk-form", TkForm);
  for (const [tag, element] of Object.entries(FIELD_ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "tk-form": TkForm;
    "tk-field-text": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-text"]>;
    "tk-field-email": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-email"]>;
    "tk-field-tel": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-tel"]>;
    "tk-field-personal-id": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-personal-id"]>;
    "tk-field-textarea": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-textarea"]>;
    "tk-field-number": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-number"]>;
    "tk-field-date": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-date"]>;
    "tk-field-month": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-month"]>;
    "tk-field-select": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-select"]>;
    "tk-field-combobox": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-combobox"]>;
    "tk-field-radio": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-radio"]>;
    "tk-field-checkbox": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-checkbox"]>;
    "tk-field-checkboxes": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-checkboxes"]>;
    "tk-field-file": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-file"]>;
    "tk-field-section": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-section"]>;
    "tk-field-repeat": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-repeat"]>;
    "tk-field-computed": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-computed"]>;
    "tk-field-address": InstanceType<(typeof FIELD_ELEMENTS)["tk-field-address"]>;
  }
}
