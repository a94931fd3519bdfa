import type { FormContext } from "@tokhai/core";
import { UsageError } from "./errors.js";
import { readJson } from "./json-text.js";

/**
 * `--context file.json`, repeatable: the data a portal passes to the form (`{ "citizen": {…}, … }`).
 * Several files are merged member by member, later files winning: a persona and a catalogue kept
 * apart (`--context persona.json --context catalog-context.json`).
 */
export async function readContext(files: readonly string[] | string | undefined): Promise<FormContext> {
  const list = files === undefined ? [] : typeof files === "string" ? [files] : files;
  const context: Record<string, unknown> = {};
  for (const file of list) {
    const json = await readJson(file, "context file");
    if (!json.value || typeof json.value !== "object" || Array.isArray(json.value)) {
      throw new UsageError(`${file}: a context must be a JSON object with one member per source (e.g. { "citizen": { … } })`);
    }
    Object.assign(context, json.value);
  }
  return context as FormContext;
}

/** `--locale vi|en`. */
export function localeOption(value: string | undefined): "vi" | "en" | undefined {
  if (value === undefined || value === "vi" || value === "en") return value;
  throw new UsageError(`--locale must be "vi" or "en", not "${value}"`);
}
