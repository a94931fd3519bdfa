/** What a procedure's steps show. */
import type { FieldNode } from "./model.js";
import { ANY_ROW, parsePointer } from "./pointer.js";
import type { ProcedureDocument, StepDocument } from "./types.js";

/** The steps of a procedure that lists none: one, holding every top-level field. */
export function defaultSteps(document: ProcedureDocument, root: FieldNode): StepDocument[] {
  return [{ id: "main", title: document.title, fields: [...(root.properties?.values() ?? [])].map((n) => n.pointer) }];
}

/**
 * The data pointers of the fields and sections a step shows, in order. Template pointers with rows
 * (`-`) are shown by their group, not by the step; an exit page shows none.
 */
export function stepFields(step: StepDocument): readonly string[] {
  let out = shownBy.get(step);
  if (out === undefined) shownBy.set(step, (out = fieldsOf(step)));
  return out;
}

/** The pointers of each step, once: the form asks on every change which steps exist. */
const shownBy = new WeakMap<StepDocument, readonly string[]>();

function fieldsOf(step: StepDocument): string[] {
  const out: string[] = [];
  // A document not yet checked may hold anything here (`"fields": 0`): the meta-schema reports it.
  for (const p of Array.isArray(step.fields) ? (step.fields as readonly unknown[]) : []) {
    if (typeof p !== "string" || !p.startsWith("/")) continue;
    try {
      if (!parsePointer(p).includes(ANY_ROW)) out.push(p);
    } catch {
      // not a pointer: reported by loadProcedure
    }
  }
  return out;
}

/**
 * Whether a link of the procedure may be followed: a relative URL, or an `http:`, `https:` or `mailto:`
 * one. A `javascript:` or `data:` URL from a procedure never reaches the page.
 */
export function isSafeHref(href: string): boolean {
  // What a browser ignores before the scheme (spaces, control characters, tabs and new lines inside it).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020\u007f]/g, ""));
  return !scheme || ["http", "https", "mailto"].includes(scheme[1]!.toLowerCase());
}
