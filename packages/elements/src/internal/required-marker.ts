import type { Form } from "@tokhai/core";

/**
 * Which fields carry a mark beside their label:
 * - `optional` (the default, as GOV.UK does): the few optional fields say "(không bắt buộc)" /
 *   "(optional)", and a field without a mark must be answered;
 * - `required`: the required fields say "(bắt buộc)" / "(required)" instead.
 * The mark follows the field's current state (`x-required`), and a field that cannot be edited
 * (verified, computed, read-only) has none.
 */
export type RequiredMarker = "required" | "optional";

/**
 * The marker of each form, set by its `<tk-form>`. Every element bound to a form reads it there when it
 * renders: the rows of a repeatable group, the parts of an address and the fields of a section alike,
 * however deep, with nothing to pass down the tree and nothing kept per element.
 */
const markers = new WeakMap<Form, RequiredMarker>();

/** `required` or `optional`: anything but `required` is the default, `optional`. */
export function requiredMarker(value: unknown): RequiredMarker {
  return value === "required" ? "required" : "optional";
}

/** Sets the marker of the fields bound to `model`. */
export function setRequiredMarker(model: Form, marker: RequiredMarker): void {
  markers.set(model, marker);
}

/** The marker `<tk-form>` set for `model`, if any. */
export function requiredMarkerOf(model: Form | undefined): RequiredMarker | undefined {
  return model ? markers.get(model) : undefined;
}

/**
 * Re-renders every field element below `root` (through shadow roots), after their form's marker changed:
 * a rare change (a portal's setting), so a walk of the rendered fields, rather than a listener per field.
 */
export function rerenderFields(root: ParentNode): void {
  for (const el of root.querySelectorAll("*")) {
    if ("requiredMarker" in el && typeof (el as { requestUpdate?: unknown }).requestUpdate === "function") {
      (el as unknown as { requestUpdate(): void }).requestUpdate();
    }
    if (el.shadowRoot) rerenderFields(el.shadowRoot);
  }
}
