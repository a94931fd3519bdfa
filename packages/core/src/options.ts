/** A field's choices: from its `x-options` expression, or from its schema's `enum`/`oneOf` labels. */
import { toJson } from "./expression-results.js";
import type { FieldNode } from "./model.js";
import type { FieldOption, LocalizedText } from "./types.js";

/** An option as the form keeps it: its label may still be given per locale. */
export interface Option {
  value: unknown;
  label: LocalizedText;
}

/** The options an `x-options` result gives: `{ value, label }` objects, or plain values. */
export function toOptions(result: unknown): Option[] | undefined {
  if (result === undefined || result === null) return [];
  const list = Array.isArray(result) ? result : [result];
  const out: Option[] = [];
  for (const item of list) {
    if (item && typeof item === "object" && "value" in item) {
      const o = item as { value: unknown; label?: unknown };
      const label = typeof o.label === "string" || (o.label && typeof o.label === "object") ? (o.label as LocalizedText) : String(o.value);
      out.push({ value: toJson(o.value), label });
    } else if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
      out.push({ value: item, label: String(item) });
    }
  }
  return out;
}

/** The choices of a schema's `oneOf`/`anyOf` of `const`s, or of its `enum`, labelled by `labels` (i18n) when given. */
export function staticOptions(node: FieldNode, labels: Record<string, string> | undefined): FieldOption[] | undefined {
  const schema = node.kind === "array" && node.items ? node.items.schema : node.schema;
  const oneOf = (schema.oneOf ?? schema.anyOf) as readonly { const?: unknown; title?: string }[] | undefined;
  if (oneOf && oneOf.length > 0 && oneOf.every((o) => o && typeof o === "object" && "const" in o)) {
    return oneOf.map((o) => ({ value: o.const, label: labels?.[String(o.const)] ?? o.title ?? String(o.const) }));
  }
  if (Array.isArray(schema.enum)) {
    return schema.enum.map((v) => ({ value: v, label: labels?.[String(v)] ?? String(v) }));
  }
  return undefined;
}
