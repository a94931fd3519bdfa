/**
 * What each field depends on and what depends on it, from the analysis `loadProcedure` does of every
 * expression (what it reads of the form and of the sources): for the studio's dependencies panel.
 */
import type { Procedure } from "@tokhai/core";
import type { StudioFolder } from "./folder.js";
import { loadText } from "./stats.js";

export interface FieldDependencies {
  /** Template pointer in the data (`/members/-/fullName`). */
  readonly pointer: string;
  /** Where the field's schema is in the document: the editor finds the field at the cursor by it. */
  readonly schemaPointer: string;
  /** The field's expressions and what each reads: fields (template pointers) and sources (`$citizen.fullName`). */
  readonly uses: readonly { keyword: string; fields: string[]; sources: string[] }[];
  /** The expressions of other fields (and steps, lookups) that read this field or something in it. */
  readonly usedBy: readonly { pointer: string; keyword: string }[];
}

/** The dependencies of every field, or undefined when the text is not a procedure that loads (its blocks read as statsOfText reads them). */
export async function dependenciesOfText(folder: StudioFolder, path: string | undefined, text: string): Promise<FieldDependencies[] | undefined> {
  const procedure = await loadText(folder, path, text);
  return procedure ? dependencies(procedure) : undefined;
}

export function dependencies(procedure: Procedure): FieldDependencies[] {
  const usedBy = new Map<string, { pointer: string; keyword: string }[]>();
  const fields = procedure.fields.filter((f) => f.pointer !== "");
  for (const e of procedure.expressions) {
    const reader = { pointer: e.node.pointer, keyword: e.step !== undefined ? `step ${procedure.steps[e.step]?.id ?? e.step}` : e.lookup ? `lookup ${e.lookup}` : e.keyword };
    const seen = new Set<string>();
    for (const read of e.reads) {
      // Reading a pointer reads its subtree.
      for (const f of fields) {
        if (seen.has(f.pointer) || f.pointer === e.node.pointer) continue;
        if (f.pointer === read.pointer || f.pointer.startsWith(`${read.pointer}/`) || read.pointer === "") {
          seen.add(f.pointer);
          const list = usedBy.get(f.pointer) ?? [];
          list.push(reader);
          usedBy.set(f.pointer, list);
        }
      }
    }
  }
  return fields.map((f) => ({
    pointer: f.pointer,
    schemaPointer: f.schemaPointer,
    uses: (procedure.expressionsOf.get(f) ?? []).map((e) => ({
      keyword: e.keyword,
      fields: [...new Set(e.reads.map((r) => r.pointer))],
      sources: [...new Set(e.sourceReads.map((s) => `$${[s.source, ...s.path].join(".")}`))],
    })),
    usedBy: usedBy.get(f.pointer) ?? [],
  }));
}
