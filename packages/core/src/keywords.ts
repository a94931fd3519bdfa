/** The expression keywords tokhai adds to schema nodes, and their other keywords. */
export const EXPRESSION_KEYWORDS = ["x-prefill", "x-compute", "x-visible", "x-required", "x-readonly", "x-options"] as const;
/**
 * Keywords of compiled expressions. Besides the schema's: `step`, a step's `x-visible` applied to each
 * field the step shows; `exit`, an exit page's `x-visible`; and `x-row-title`, which sits on an array and
 * names each of its rows: it is compiled and evaluated as an expression of the array's items (per row,
 * with `$row` and `$index`), not of the array itself; `lookup`, the `input` of a lookup (on the root).
 */
export type ExpressionKeyword = (typeof EXPRESSION_KEYWORDS)[number] | "x-rules" | "x-row-title" | "step" | "exit" | "lookup";
export const X_KEYWORDS = [...EXPRESSION_KEYWORDS, "x-rules", "x-row-title", "x-lock", "x-widget", "x-accept", "x-max-size"] as const;

/** JSON Schema 2020-12 keywords (core, applicator, validation, meta-data, format, content, unevaluated). */
export const JSON_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs", "definitions",
  "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
  "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
  "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
  "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
  "minProperties", "required", "dependentRequired", "title", "description", "default", "deprecated", "readOnly",
  "writeOnly", "examples", "format", "contentEncoding", "contentMediaType", "contentSchema", "dependencies",
  "formatMinimum", "formatMaximum", "formatExclusiveMinimum", "formatExclusiveMaximum",
]);
