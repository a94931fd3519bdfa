/**
 * The fingerprint of what a data validator checks: the schema without its annotations (titles,
 * descriptions, defaults, examples, `x-` keywords), as canonical JSON, hashed. Precompiled validators
 * carry the fingerprint of the schema they were compiled from, and `loadProcedure` refuses them for a
 * schema whose checks changed since, even under the same id and version. Editing a title or an
 * expression does not need a new compile.
 */

/** Keywords that never change what a validator accepts. */
const ANNOTATIONS = new Set(["title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly"]);
/** Keywords whose value maps names to schemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is data (values, or lists of property names), kept as it is. */
const DATA = new Set(["enum", "const", "dependentRequired"]);

function canonical(value: unknown, as: "schema" | "map" | "data"): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, as === "data" ? "data" : "schema")).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (as === "schema" && (ANNOTATIONS.has(key) || key.startsWith("x-"))) continue;
    const inner = as === "data" || DATA.has(key) ? "data" : as === "map" ? "schema" : SCHEMA_MAPS.has(key) ? "map" : "schema";
    parts.push(`${JSON.stringify(key)}:${canonical(v, inner)}`);
  }
  return `{${parts.join(",")}}`;
}

/** Two 32-bit multiplicative hashes of the UTF-16 code units (cyrb53's mixing), as 16 hex digits. */
function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** The fingerprint of the checks of a data schema (see the module's comment). */
export function schemaFingerprint(schema: unknown): string {
  return hash64(canonical(schema, "schema"));
}

/**
 * The fingerprint of a whole procedure document (every keyword, annotations included), as canonical
 * JSON hashed: a compiled procedure carries its document's, and `loadCompiled` refuses it beside a
 * document that differs in anything.
 */
export function documentFingerprint(document: unknown): string {
  return hash64(canonical(document, "data"));
}
