/** Every tokhai widget: its element class and its registry entry. */
import { addressWidget, TkFieldAddress } from "./fields/field-address/field-address.js";
import { checkboxWidget, TkFieldCheckbox } from "./fields/field-checkbox/field-checkbox.js";
import { checkboxesWidget, TkFieldCheckboxes } from "./fields/field-checkboxes/field-checkboxes.js";
import { comboboxWidget, TkFieldCombobox } from "./fields/field-combobox/field-combobox.js";
import { computedWidget, TkFieldComputed } from "./fields/field-computed/field-computed.js";
import { dateWidget, TkFieldDate } from "./fields/field-date/field-date.js";
import { fileWidget, TkFieldFile } from "./fields/field-file/field-file.js";
import { monthWidget, TkFieldMonth } from "./fields/field-month/field-month.js";
import { numberWidget, TkFieldNumber } from "./fields/field-number/field-number.js";
import { radioWidget, TkFieldRadio } from "./fields/field-radio/field-radio.js";
import { repeatWidget, TkFieldRepeat } from "./fields/field-repeat/field-repeat.js";
import { sectionWidget, TkFieldSection } from "./fields/field-section/field-section.js";
import { selectWidget, TkFieldSelect } from "./fields/field-select/field-select.js";
import {
  emailWidget,
  personalIdWidget,
  telWidget,
  textareaWidget,
  textWidget,
  TkFieldEmail,
  TkFieldPersonalId,
  TkFieldTel,
  TkFieldText,
  TkFieldTextarea,
} from "./fields/field-text/field-text.js";
import { WidgetRegistry, type WidgetDefinition } from "./registry.js";

/** Tag → class of every field element. */
export const FIELD_ELEMENTS = {
  "tk-field-text": TkFieldText,
  "tk-field-email": TkFieldEmail,
  "tk-field-tel": TkFieldTel,
  "tk-field-personal-id": TkFieldPersonalId,
  "tk-field-textarea": TkFieldTextarea,
  "tk-field-number": TkFieldNumber,
  "tk-field-date": TkFieldDate,
  "tk-field-month": TkFieldMonth,
  "tk-field-select": TkFieldSelect,
  "tk-field-combobox": TkFieldCombobox,
  "tk-field-radio": TkFieldRadio,
  "tk-field-checkbox": TkFieldCheckbox,
  "tk-field-checkboxes": TkFieldCheckboxes,
  "tk-field-file": TkFieldFile,
  "tk-field-section": TkFieldSection,
  "tk-field-repeat": TkFieldRepeat,
  "tk-field-computed": TkFieldComputed,
  "tk-field-address": TkFieldAddress,
} as const;

export const DEFAULT_WIDGETS: readonly WidgetDefinition[] = [
  textWidget,
  emailWidget,
  telWidget,
  personalIdWidget,
  textareaWidget,
  numberWidget,
  dateWidget,
  monthWidget,
  selectWidget,
  comboboxWidget,
  radioWidget,
  checkboxWidget,
  checkboxesWidget,
  fileWidget,
  sectionWidget,
  repeatWidget,
  computedWidget,
  addressWidget,
];

/** A registry with every tokhai widget; portals extend it with `.with(...)`. */
export function defaultRegistry(): WidgetRegistry {
  return new WidgetRegistry(DEFAULT_WIDGETS);
}
