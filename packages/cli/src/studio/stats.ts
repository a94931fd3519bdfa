/**
 * The declare-once report of `tokhai stats` for the editor's text and a context chosen in the studio:
 * per step, how many fields the citizen types against those filled from data.
 */
import { createForm, ProcedureError, type FormContext, type Procedure } from "@tokhai/core";
import { declareOnce, revealedByAnswers } from "../commands/stats.js";
import { HttpError } from "./http.js";
import { JsonText } from "../json-text.js";
import { FolderLoad, uriOf } from "./blocks.js";
import type { StudioFolder } from "./folder.js";

/** Source names as expressions take them (`$catalog`). */
const SOURCE_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * The context of `?context=<persona file>` and `?source=<name>:<data file>` (repeatable, a whole file as
 * one source, as `tokhai stats --context <name>=<file>`), read from the folder.
 */
export async function contextOf(folder: StudioFolder, url: URL): Promise<FormContext> {
  const context: Record<string, unknown> = {};
  const persona = url.searchParams.get("context");
  if (persona) {
    const value = parse(await folder.read(persona), persona);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, "bad-context", `${persona}: a context must be a JSON object with one member per source`);
    Object.assign(context, value);
  }
  const sources = url.searchParams.getAll("source");
  if (sources.length > 20) throw new HttpError(400, "bad-source", "at most 20 sources");
  for (const entry of sources) {
    const at = entry.indexOf(":");
    const name = entry.slice(0, at);
    const path = entry.slice(at + 1);
    if (at < 0 || !SOURCE_NAME.test(name)) throw new HttpError(400, "bad-source", `source=${entry}: give it as <name>:<file>`);
    if (!Object.hasOwn(context, name)) context[name] = parse(await folder.read(path), path);
  }
  return context as FormContext;
}

/**
 * The report, or undefined when the text is not a procedure that loads (the check says why). `path`: the
 * file the text is for, its building blocks read relative to it (without it, relative to the folder).
 */
export async function statsOfText(folder: StudioFolder, path: string | undefined, text: string, context: FormContext): Promise<ReturnType<typeof declareOnce> | undefined> {
  const procedure = await loadText(folder, path, text);
  if (!procedure) return undefined;
  const form = createForm(procedure, { context });
  await form.settled();
  const revealed = await revealedByAnswers(procedure, form, () => createForm(procedure, { context }));
  return declareOnce(procedure, form, revealed);
}

/** The procedure of the posted text, its blocks read from the folder; undefined when it is not JSON or does not load. */
export async function loadText(folder: StudioFolder, path: string | undefined, text: string): Promise<Procedure | undefined> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const uri = await uriOf(folder, path);
  try {
    return await new FolderLoad(folder).load(uri, new JsonText(path ?? "(posted)", text, document));
  } catch (error) {
    if (error instanceof ProcedureError) return undefined;
    throw error;
  }
}

function parse(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "not-json", `${path}: not valid JSON`);
  }
}
