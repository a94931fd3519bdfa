/**
 * The second stage of `validateSubmission`: the submitted data against the procedure's field tree,
 * closed-world, before any expression runs on it. An object may hold only the properties its schema
 * declares (the form itself never makes others) unless the schema opts in (`additionalProperties`,
 * `patternProperties`, or no `properties` at all); a file's metadata holds only `name`, `type` and
 * `size`. The limits that bound the work of the later stages, `maxItems` and `maxLength`, and the kind
 * of each container are checked here too, so that no expression runs on a list far beyond its
 * `maxItems` or on a text far beyond its `maxLength`. One iterative walk.
 */
import { schemaErrorMessage } from "./messages.js";
import { submissionMessage } from "./submission-messages.js";
import type { FieldNode } from "./model.js";
import { codePoints } from "./json-bounds.js";
import { appendPointer } from "./pointer.js";
import type { FormError, Locale } from "./types.js";

/** The properties of a file's metadata, when its field does not declare them. */
const FILE_KEYS: ReadonlySet<string> = new Set(["name", "type", "size"]);

function typeError(pointer: string, node: FieldNode, locale: Locale): FormError {
  const type = node.nullable && node.kind !== "null" ? [node.kind, "null"] : node.kind;
  const params = { type: Array.isArray(type) ? type.join(",") : type };
  return { pointer, keyword: "type", message: schemaErrorMessage({ keyword: "type", params }, locale), params };
}

/**
 * Every property of `data` the schema does not declare, every list longer than its `maxItems`, every
 * text longer than its `maxLength`, and every object or list where the schema has another kind of
 * value: in document order of the data, at most `max` of them (`more` counts the rest).
 */
export function closedWorldErrors(root: FieldNode, data: unknown, locale: Locale, max = Infinity): { errors: FormError[]; more: number } {
  const errors: FormError[] = [];
  let more = 0;
  const add = (e: FormError) => {
    if (errors.length < max) errors.push(e);
    else more++;
  };
  const stack: { node: FieldNode; value: unknown; pointer: string }[] = [{ node: root, value: data, pointer: "" }];
  while (stack.length > 0) {
    const { node, value, pointer } = stack.pop()!;
    if (typeof value === "string") {
      const maxLength = node.schema["maxLength"];
      if (typeof maxLength === "number" && value.length > maxLength && codePoints(value) > maxLength) {
        const params = { limit: maxLength };
        add({ pointer, keyword: "maxLength", message: schemaErrorMessage({ keyword: "maxLength", params }, locale), params });
      }
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      if (!node.items) {
        if (node.kind !== "any") add(typeError(pointer, node, locale));
        continue;
      }
      const maxItems = node.schema["maxItems"];
      if (typeof maxItems === "number" && value.length > maxItems) {
        const params = { limit: maxItems };
        add({ pointer, keyword: "maxItems", message: schemaErrorMessage({ keyword: "maxItems", params }, locale), params });
        continue; // the rows past the limit are not read at all
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ node: node.items, value: value[i], pointer: appendPointer(pointer, i) });
      continue;
    }
    if (node.kind !== "object" && node.kind !== "any") {
      add(typeError(pointer, node, locale));
      continue;
    }
    const file = node.schema["x-widget"] === "file" && !node.properties;
    if (!node.properties && !file) continue; // an open object: its schema (ajv) says what it may hold
    const keys = Object.keys(value);
    const children: { node: FieldNode; value: unknown; pointer: string }[] = [];
    for (const key of keys) {
      const child = node.properties?.get(key);
      const childPointer = appendPointer(pointer, key);
      if (child) children.push({ node: child, value: (value as Record<string, unknown>)[key], pointer: childPointer });
      else if (file ? !FILE_KEYS.has(key) : !node.open) add({ pointer: childPointer, keyword: "additionalProperties", message: submissionMessage("unknownProperty", {}, locale) });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { errors, more };
}
