import type { FormContext } from "@tokhai/core";
import { UsageError } from "./errors.js";
import { readJson } from "./json-text.js";

/** `--context file.json`: the data a portal passes to the form (`{ citizen: {…}, residence: {…} }`). */
export async function readContext(file: string | undefined): Promise<FormContext> {
  if (file === undefined) return {};
  const json = await readJson(file, "context file");
  if (!json.value || typeof json.value !== "object" || Array.isArray(json.value)) {
    throw new UsageError(`${file}: a context must be a JSON object with one member per source (e.g. { "citizen": { … } })`);
  }
  return json.value as FormContext;
}

/** `--locale vi|en`. */
export function localeOption(value: string | undefined): "vi" | "en" | undefined {
  if (value === undefined || value === "vi" || value === "en") return value;
  throw new UsageError(`--locale must be "vi" or "en", not "${value}"`);
}
