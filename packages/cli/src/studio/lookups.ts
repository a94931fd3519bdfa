/**
 * The preview's lookups, answered from a registers file of the folder chosen in the studio, as
 * `tokhai validate --lookups registers.json` answers them: records by lookup and input
 * ({ "owner": { "001090000123": { … } } }); an input it has no record for is not found.
 */
import { fileRegisters } from "../registers.js";
import type { StudioFolder } from "./folder.js";
import { HttpError } from "./http.js";

/** The largest input posted for one lookup (an input is a personal ID, a few fields at most). */
export const MAX_LOOKUP_INPUT_BYTES = 64 * 1024;

/** The record `registers` (a file of the folder) has for the lookup `name` and `input` (its JSON text), or undefined. */
export async function lookUp(folder: StudioFolder, registers: string, name: string, inputText: string): Promise<unknown> {
  if (name === "" || name.length > 200) throw new HttpError(400, "bad-lookup", "give the lookup's name as ?name=<name>, once");
  let input: unknown;
  try {
    input = JSON.parse(inputText);
  } catch {
    throw new HttpError(400, "not-json", "post the lookup's input as JSON");
  }
  let records: unknown;
  try {
    records = JSON.parse(await folder.read(registers));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new HttpError(400, "not-json", `${registers}: not valid JSON`);
  }
  if (records === null || typeof records !== "object" || Array.isArray(records)) {
    throw new HttpError(400, "bad-registers", `${registers}: must be a JSON object of records by lookup and input ({ "party2": { "001090000123": { … } } })`);
  }
  return fileRegisters(records as Record<string, unknown>)(name, input, { signal: new AbortController().signal });
}
