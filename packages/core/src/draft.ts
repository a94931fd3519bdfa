/**
 * Drafts saved under an older version of a procedure. `createForm` refuses a draft of another major
 * version (`draftStatus.reason: "version"`): the procedure changed in a way that may give old answers
 * another meaning, so nothing is restored without the citizen knowing. `salvageDraft` is what a host
 * offers instead, once the citizen agrees: the answers whose place still exists and whose value the
 * current schema still accepts.
 */
import { cloneJson, forEachLeaf } from "./equal.js";
import { isEnvelopeId } from "./envelope-id.js";
import { jsonBreach, type JsonLimits } from "./json-bounds.js";
import { MAX_FIELD_DEPTH } from "./model.js";
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
 * Limits of a draft, the whole of it (data, provenance and the rest), checked before `createForm` or
 * `salvageDraft` reads it: a draft is stored by the host and may not be the form's own. A value of the
 * data may be as deep as the deepest field (MAX_FIELD_DEPTH, 128 levels below `data`), so objects and
 * arrays nest at most 129 levels from the draft itself; the values and strings are far past any real
 * draft's.
 */
export const DRAFT_LIMITS: JsonLimits = Object.freeze({ depth: MAX_FIELD_DEPTH + 1, values: 200_000, string: 100_000 });

/**
 * The answers of a draft saved under another version of `procedure` that this version still accepts
 * (JSON Schema validation; `required` is not a reason to drop anything). Undefined when `draft` is not
 * a draft of this procedure at all (not an object, no object `data`, another procedure's id), or when
 * it is past `DRAFT_LIMITS` (data nested more than 128 levels deep, more than 200,000 values). Never throws, whatever JSON `draft` is: a
 * provenance claim that is not an object with a string `source`, `cleared` entries that are not
 * strings, a `step` or `savedAt` that is not a string, an `id` that is not a lower-case UUID, and `completed` entries that are not the id of a
 * step are left out of the salvaged draft.
 */
export function salvageDraft(procedure: Procedure, draft: unknown): SalvagedDraft | undefined {
  return withoutRefused(procedure, draft, (keyword) => keyword !== "required");
}

/**
 * `draft` without the values the schema refuses for a reason `refuses` names (by JSON Schema keyword),
 * relabelled with this procedure's version; undefined when it is not a draft of this procedure at all
 * or is past DRAFT_LIMITS. `salvageDraft` drops every refused value but missing ones; `createForm`
 * drops the values of the wrong type only (a draft holds answers in progress: a half-typed phone
 * number is kept).
 * @internal
 */
export function withoutRefused(procedure: Procedure, draft: unknown, refuses: (keyword: string) => boolean): SalvagedDraft | undefined {
  const saved = draft as Partial<Draft> | null;
  if (!saved || typeof saved !== "object" || Array.isArray(saved)) return undefined;
  if (!saved.data || typeof saved.data !== "object" || Array.isArray(saved.data)) return undefined;
  const label: unknown = saved.procedure;
  if (label && (typeof label !== "object" || (label as { id?: unknown }).id !== procedure.id)) return undefined;
  if (jsonBreach(saved, DRAFT_LIMITS)) return undefined;
  let data: unknown = cloneJson(saved.data);
  const dropped = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (procedure.validateData(data)) break;
    const rejected = new Set<string>();
    for (const e of procedure.validateData.errors ?? []) {
      if (!refuses(e.keyword)) continue;
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
        forEachLeaf(getIn(before, segments), pointer, (p) => dropped.add(p));
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
  const claims: unknown = saved.provenance;
  const provenance = Object.fromEntries(
    claims !== null && typeof claims === "object" && !Array.isArray(claims)
      ? Object.entries(claims).filter(
          ([p, claim]) =>
            leaves.has(p) &&
            claim !== null &&
            typeof claim === "object" &&
            typeof (claim as { source?: unknown }).source === "string" &&
            !shifted.some((a) => p.startsWith(`${a}/`)),
        )
      : [],
  );
  const cleared: unknown = saved.cleared;
  const salvaged: Record<string, unknown> = {
    ...saved,
    procedure: { id: procedure.id, version: procedure.version },
    data,
    provenance,
  };
  // Values the citizen removed are not in the data: their pointers stay (createForm keeps those the procedure has a field for).
  if (Array.isArray(cleared)) salvaged["cleared"] = cleared.filter((p) => typeof p === "string");
  else delete salvaged["cleared"];
  for (const key of ["step", "savedAt"]) if (typeof salvaged[key] !== "string") delete salvaged[key];
  // The declaration's id is kept (the salvaged draft continues that declaration), if it is one.
  if (!isEnvelopeId(salvaged["id"])) delete salvaged["id"];
  const completed: unknown = saved.completed;
  if (Array.isArray(completed)) salvaged["completed"] = completed.filter((id) => typeof id === "string" && procedure.steps.some((s) => s.id === id));
  else delete salvaged["completed"];
  return { draft: salvaged as unknown as Draft, kept, dropped: [...dropped] };
}

/**
 * Arrays without their `undefined` slots (the rows removed); `shifted` gets the pointers of the arrays
 * that had some, in document order. Iterative; objects are copied with their keys as own data
 * properties ("__proto__" included).
 */
function compactArrays(value: unknown, pointer: string, shifted: string[]): unknown {
  if (value === null || typeof value !== "object") return value;
  const copyOf = (v: object): object => (Array.isArray(v) ? [] : {});
  const root = copyOf(value);
  // Containers still to copy, in document order from the top: [source, its copy, its pointer].
  const stack: [object, object, string][] = [[value, root, pointer]];
  while (stack.length > 0) {
    const [source, target, at] = stack.pop()!;
    const children: [object, object, string][] = [];
    if (Array.isArray(source)) {
      if (source.includes(undefined)) shifted.push(at);
      for (const v of source) {
        if (v === undefined) continue;
        const i = (target as unknown[]).length;
        if (v !== null && typeof v === "object") {
          const copy = copyOf(v);
          (target as unknown[]).push(copy);
          children.push([v, copy, appendPointer(at, i)]);
        } else (target as unknown[]).push(v);
      }
    } else {
      for (const [k, v] of Object.entries(source)) {
        let out: unknown = v;
        if (v !== null && typeof v === "object") {
          out = copyOf(v);
          children.push([v, out as object, appendPointer(at, k)]);
        }
        Object.defineProperty(target, k, { value: out, writable: true, enumerable: true, configurable: true });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return root;
}
