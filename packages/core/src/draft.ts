/**
 * Drafts saved under an older version of a procedure. `createForm` refuses a draft of another major
 * version (`draftStatus.reason: "version"`): the procedure changed in a way that may give old answers
 * another meaning, so nothing is restored without the citizen knowing. `salvageDraft` is what a host
 * offers instead, once the citizen agrees: the answers whose place still exists and whose value the
 * current schema still accepts.
 */
import { cloneJson, forEachLeaf } from "./equal.js";
import { appendPointer, getIn, parsePointer, setIn } from "./pointer.js";
import type { Procedure } from "./procedure.js";
import type { Draft } from "./types.js";

export interface SalvagedDraft {
  /** The draft, relabelled with this procedure's version: hand it to `createForm`. */
  readonly draft: Draft;
  /** Answers carried over. (`createForm` may still drop those the procedure has no field for: see `draftStatus.dropped`.) */
  readonly kept: number;
  /** Pointers of the answers left out because the current schema rejects them. */
  readonly dropped: readonly string[];
}

/** At most this many rounds of "validate, remove what fails": each round removes at least one value. */
const MAX_ROUNDS = 20;

/**
 * The answers of a draft saved under another version of `procedure` that this version still accepts
 * (JSON Schema validation; `required` is not a reason to drop anything). Undefined when `draft` is not
 * a draft of this procedure at all.
 */
export function salvageDraft(procedure: Procedure, draft: unknown): SalvagedDraft | undefined {
  const saved = draft as Partial<Draft> | null;
  if (!saved || typeof saved !== "object" || !saved.data || typeof saved.data !== "object" || Array.isArray(saved.data)) return undefined;
  if (saved.procedure && saved.procedure.id !== procedure.id) return undefined;
  let data: unknown = cloneJson(saved.data);
  const dropped: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (procedure.validateData(data)) break;
    const rejected = new Set<string>();
    for (const e of procedure.validateData.errors ?? []) {
      if (e.keyword === "required") continue;
      const extra = e.keyword === "additionalProperties" ? e.params["additionalProperty"] : undefined;
      const pointer = typeof extra === "string" ? appendPointer(e.instancePath, extra) : e.instancePath;
      if (pointer !== "") rejected.add(pointer);
    }
    let removed = 0;
    // Deepest first, so that removing a value never disturbs the path of another.
    for (const pointer of [...rejected].sort((a, b) => b.length - a.length)) {
      const segments = parsePointer(pointer);
      const before = data;
      data = setIn(data, segments, undefined);
      if (data !== before) {
        removed++;
        forEachLeaf(getIn(before, segments), pointer, (p) => dropped.includes(p) || dropped.push(p));
      }
    }
    if (removed === 0) break; // what fails is not a value that can be removed (e.g. the root's shape)
  }
  // A removed row leaves a hole: the rows after it move up, and their provenance claims (by pointer)
  // no longer apply, so those arrays' claims are dropped (their values count as typed).
  const shifted: string[] = [];
  data = compactArrays(data, "", shifted);
  let kept = 0;
  const leaves = new Set<string>();
  forEachLeaf(data, "", (p) => {
    kept++;
    leaves.add(p);
  });
  const provenance = Object.fromEntries(
    Object.entries(saved.provenance ?? {}).filter(([p]) => leaves.has(p) && !shifted.some((a) => p.startsWith(`${a}/`))),
  );
  return {
    draft: {
      ...saved,
      procedure: { id: procedure.id, version: procedure.version },
      data,
      provenance,
      ...(saved.cleared ? { cleared: saved.cleared.filter((p) => leaves.has(p)) } : {}),
    } as Draft,
    kept,
    dropped,
  };
}

/** Arrays without their `undefined` slots (the rows removed); `shifted` gets the pointers of the arrays that had some. */
function compactArrays(value: unknown, pointer: string, shifted: string[]): unknown {
  if (Array.isArray(value)) {
    if (value.includes(undefined)) shifted.push(pointer);
    return value.filter((v) => v !== undefined).map((v, i) => compactArrays(v, appendPointer(pointer, i), shifted));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v, appendPointer(pointer, k), shifted)]));
  }
  return value;
}
