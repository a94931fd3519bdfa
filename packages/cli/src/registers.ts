/**
 * `--lookups registers.json` of `tokhai validate` and `tokhai render`: the registers a procedure looks
 * up, as records by lookup and input, read from a file.
 */
import type { LookupResolver } from "@tokhai/core";
import { UsageError } from "./errors.js";
import { readJson } from "./json-text.js";

/** Reads a `--lookups` file: a JSON object of records by lookup and input ({ "party2": { "001090000123": { … } } }). */
export async function readRegisters(file: string): Promise<Record<string, unknown>> {
  const registers = (await readJson(file, "lookups file")).value;
  if (registers === null || typeof registers !== "object" || Array.isArray(registers)) {
    throw new UsageError(`--lookups ${file}: must be a JSON object of records by lookup and input ({ "party2": { "001090000123": { … } } })`);
  }
  return registers as Record<string, unknown>;
}

/** A resolver over records by lookup and input, read from a file: an input it has no record for is not found. */
export function fileRegisters(registers: Record<string, unknown>): LookupResolver {
  return (name, input) => {
    const records = Object.prototype.hasOwnProperty.call(registers, name) ? registers[name] : undefined;
    if (!records || typeof records !== "object") return undefined;
    const key = typeof input === "string" ? input : JSON.stringify(input);
    return Object.prototype.hasOwnProperty.call(records, key) ? (records as Record<string, unknown>)[key] : undefined;
  };
}
