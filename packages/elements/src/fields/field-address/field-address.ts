import { css, html, type TemplateResult } from "lit";
import { appendPointer, type FieldNode, type FieldState, type Form } from "@tokhai/core";
import { chrome } from "../../i18n.js";
import { TkContainerField } from "../../internal/container-field.js";
import { renderField } from "../../internal/render-field.js";
import { rankWith, widgetIs, type WidgetDefinition, type WidgetRegistry } from "../../registry.js";

/** The parts of an address, and the property names each is found under (compared without case). */
const ROLES = {
  province: ["province", "provincecode"],
  commune: ["commune", "communecode", "ward"],
  detail: ["detail", "street", "line"],
} as const;
type Role = keyof typeof ROLES;

/** The object's properties in the order shown: province, commune, detail, then any other, in schema order. */
function addressParts(node: FieldNode): { name: string; role: Role | undefined }[] {
  const names = [...(node.properties?.keys() ?? [])];
  const roleOf = (name: string): Role | undefined =>
    (Object.keys(ROLES) as Role[]).find((role) => (ROLES[role] as readonly string[]).includes(name.toLowerCase()));
  const out: { name: string; role: Role | undefined }[] = [];
  for (const role of Object.keys(ROLES) as Role[]) {
    const name = names.find((n) => roleOf(n) === role);
    if (name !== undefined) out.push({ name, role });
  }
  for (const name of names) if (!out.some((p) => p.name === name)) out.push({ name, role: undefined });
  return out;
}

/**
 * A Vietnamese address: province (tỉnh, thành phố), commune (xã, phường, đặc khu) and a detail line
 * (số nhà, đường phố, thôn…), for an object field with `x-widget: "address"`.
 *
 * The parts are found by property name, without case: `province` or `provinceCode`; `commune`,
 * `communeCode` or `ward`; `detail`, `street` or `line`. They are shown in that order, followed by
 * any other property in schema order. Each part is the element the `registry` chooses for it, bound
 * to the same `model` at the child's pointer. The cascade comes from core: the commune's
 * `x-options` reads the province, so its choices follow the province chosen.
 *
 * Only bound use makes sense: without `model`, `pointer` and `registry` the element says so.
 *
 * @summary Address: province, commune and detail line, as a group.
 * @csspart field - the `<fieldset>`
 * @csspart label - the `<legend>`
 * @csspart control - the box holding the parts
 * @csspart province - the wrapper of the province's element
 * @csspart commune - the wrapper of the commune's element
 * @csspart detail - the wrapper of the detail line's element
 * @csspart other - the wrapper of any other part
 * @csspart unavailable - the message shown when the element lacks a model or registry
 * @tagname tk-field-address
 */
export class TkFieldAddress extends TkContainerField {
  /** Always there (an object is never missing): its fields say which of them are optional. */
  static override marksOptional = false;
  static override styles = [
    ...TkContainerField.styles,
    css`
      .address {
        display: block;
      }
    `,
  ];

  /** Its value while locked (shown as one line); the parts re-render themselves. */
  protected override contentChanged(previous: FieldState, next: FieldState): boolean {
    return next.locked && previous.value !== next.value;
  }

  protected override unavailableMessage(): string {
    return chrome("addressUnavailable", this.currentLocale);
  }

  /** The address on one line, detail first, with the choices' labels: `12 Lý Thường Kiệt, Phường Hoàn Kiếm, Hà Nội`. */
  override displayValue(value: unknown = this.currentValue): string {
    const model = this.model;
    const pointer = this.pointer;
    const node = this.fieldState?.node;
    if (!model || pointer === undefined || !node || !value || typeof value !== "object" || Array.isArray(value)) return super.displayValue(value);
    const record = value as Record<string, unknown>;
    const parts = addressParts(node);
    const ordered = [...parts.filter((p) => p.role === "detail"), ...parts.filter((p) => p.role === "commune"), ...parts.filter((p) => p.role === "province")];
    return ordered
      .map(({ name }) => {
        const v = record[name];
        if (v === undefined || v === null || v === "") return "";
        const option = model.field(appendPointer(pointer, name)).options?.find((o) => o.value === v);
        return option ? option.label : String(v);
      })
      .filter(Boolean)
      .join(", ");
  }

  protected override renderChildFields(s: FieldState, model: Form, pointer: string, registry: WidgetRegistry): TemplateResult {
    return html`<div part="control" class="address" id="control">
      ${addressParts(s.node).map(
        ({ name, role }) => html`<div part=${role ?? "other"} class=${role ?? "other"}>${renderField(model, appendPointer(pointer, name), registry)}</div>`,
      )}
    </div>`;
  }
}

export const addressWidget: WidgetDefinition = { tag: "tk-field-address", rank: rankWith(100, widgetIs("address")) };
