import { existsSync } from "node:fs";
import { canonicalLocale, type FormContext } from "@tokhai/core";
import { UsageError } from "./errors.js";
import { readJson } from "./json-text.js";

/** `<source>=<file>`: the file is the value of one source (a JS identifier, as `$<source>` needs). */
const NAMED = /^([A-Za-z_$][\w$]*)=(.+)$/;

/** Where readContext keeps the parts a context was merged from. */
const PARTS = Symbol("tokhai.context.parts");

/** One `--context` argument, read: the file and the members it gives the context. */
export interface ContextPart {
  readonly file: string;
  readonly members: Readonly<Record<string, unknown>>;
}

/**
 * `--context file.json`, repeatable: the data a portal passes to the form (`{ "citizen": {…}, … }`).
 * Several files are merged member by member, later files winning: a persona and a catalogue kept
 * apart (`--context persona.json --context catalog-context.json`). `--context catalog=units.json`
 * makes a whole file the value of one source.
 */
export async function readContext(files: readonly string[] | string | undefined): Promise<FormContext & { readonly [PARTS]?: readonly ContextPart[] }> {
  const list = files === undefined ? [] : typeof files === "string" ? [files] : files;
  const parts: ContextPart[] = [];
  for (const entry of list) {
    // A file whose name has a "=" is still that file.
    const named = existsSync(entry) ? null : NAMED.exec(entry);
    const file = named ? named[2]! : entry;
    const json = await readJson(file, "context file");
    if (named) {
      parts.push({ file, members: { [named[1]!]: json.value } });
      continue;
    }
    if (!json.value || typeof json.value !== "object" || Array.isArray(json.value)) {
      throw new UsageError(`${file}: a context must be a JSON object with one member per source (e.g. { "citizen": { … } }); to pass the file as one source, write --context <source>=${file}`);
    }
    parts.push({ file, members: json.value as Record<string, unknown> });
  }
  const context = Object.assign({}, ...parts.map((p) => p.members)) as FormContext;
  Object.defineProperty(context, PARTS, { value: parts, enumerable: false });
  return context;
}

/**
 * A note (for stderr) for each context file none of whose members is a source of the procedure:
 * most often a file meant as one source (a catalogue) but merged member by member.
 */
export function contextNotes(context: FormContext, sources: Readonly<Record<string, unknown>>, command: string): string[] {
  const parts = (context as { [PARTS]?: readonly ContextPart[] })[PARTS] ?? [];
  return parts
    .filter((part) => Object.keys(part.members).length > 0 && !Object.keys(part.members).some((m) => Object.hasOwn(sources, m)))
    .map(
      (part) =>
        `tokhai ${command}: note: ${part.file} gives no source of this procedure (its members: ${Object.keys(part.members).slice(0, 5).join(", ")}; sources: ${Object.keys(sources).join(", ") || "none"}); to pass the file as one source, write --context <source>=${part.file}\n`,
    );
}

/** `--locale <tag>`: a BCP-47 language tag (`vi`, `en`, `en-GB`, or one a back end added messages for), canonical. */
export function localeOption(value: string | undefined): string | undefined {
  if (value === undefined) return value;
  const tag = canonicalLocale(value);
  if (tag === undefined) throw new UsageError(`--locale must be a BCP-47 language tag such as "vi" or "en", not "${value}"`);
  return tag;
}
