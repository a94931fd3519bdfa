/** @tokhai/elements — `<tk-form>` and its field elements. Importing this module defines nothing: call `defineElements()`. */
export { defineElements } from "./define.js";
export { TkForm } from "./form/tk-form.js";
export type { Signer, SignRequest, SignResult } from "./form/signing.js";
export { TkField, type ControlContext } from "./field.js";
export type { RequiredMarker } from "./internal/required-marker.js";
export { TkChangeEvent, TkDiagnosticEvent, TkDraftErrorEvent, TkDraftSavedEvent, TkInvalidEvent, TkStepEvent, TkSubmitEvent } from "./events.js";
export { draftKey, localStorageDraftStore, type DraftStore } from "./drafts.js";
export {
  WidgetRegistry,
  NOT_APPLICABLE,
  rankWith,
  and,
  or,
  widgetIs,
  typeIs,
  formatIs,
  hasKeyword,
  hasChoices,
  choiceCount,
  type WidgetDefinition,
  type Tester,
} from "./registry.js";
export { DEFAULT_WIDGETS, FIELD_ELEMENTS, defaultRegistry } from "./widgets.js";
export { CHROME, chrome, addChromeMessages, type ChromeKey, type ChromeMessages } from "./i18n.js";
// For a portal that loads the single-file bundle (core is inside it): core's dictionaries and formatter,
// and the envelope's digest (what a signature signs, what a receipt names).
export { addMessages, envelopeDigest, formatDate, formatDateTime, formatMoney, formatNumber, formatTime, formatYearMonth, type Messages } from "@tokhai/core";
export { TkFieldText, TkFieldEmail, TkFieldTel, TkFieldPersonalId, TkFieldTextarea } from "./fields/field-text/field-text.js";
export { TkFieldNumber } from "./fields/field-number/field-number.js";
export { TkFieldDate } from "./fields/field-date/field-date.js";
export { TkFieldMonth } from "./fields/field-month/field-month.js";
export { TkFieldSelect } from "./fields/field-select/field-select.js";
export { TkFieldCombobox, COMBOBOX_THRESHOLD } from "./fields/field-combobox/field-combobox.js";
export { TkFieldRadio } from "./fields/field-radio/field-radio.js";
export { TkFieldCheckbox } from "./fields/field-checkbox/field-checkbox.js";
export { TkFieldCheckboxes } from "./fields/field-checkboxes/field-checkboxes.js";
export { TkFieldFile } from "./fields/field-file/field-file.js";
export { TkFieldSection } from "./fields/field-section/field-section.js";
export { TkFieldRepeat } from "./fields/field-repeat/field-repeat.js";
export { TkFieldComputed } from "./fields/field-computed/field-computed.js";
export { TkFieldAddress } from "./fields/field-address/field-address.js";
