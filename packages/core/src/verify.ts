/**
 * The third stage of `validateSubmission`, the back end's own check: everything is recomputed from the
 * submitted data and the context the back end holds, and what the envelope claims is only compared with
 * what is derived. It runs a form in observing mode (`FormObserver`): the same expressions as the
 * citizen's form, but prefills and computed values are recorded instead of written.
 *
 * - A computed value must equal its recomputation; a hidden field must have no value.
 * - Provenance is derived (`alignPrefill`): every locked value must equal the context's, whatever its
 *   claim says; a verified value must be declared as such; a claim of a source must name the value the
 *   source holds there; every value has exactly one claim.
 * - Fail closed: an expression that cannot be evaluated here makes its field's check fail
 *   (`cannot-verify`), never a skipped check.
 */
import { deepEqual, forEachLeaf } from "./equal.js";
import type { CheckedEnvelope } from "./envelope.js";
import { Form } from "./form.js";
import type { ExpressionBudget } from "./budget.js";
import type { LookupResolver } from "./lookups.js";
import { submissionMessage, type SubmissionMessageCode } from "./submission-messages.js";
import type { FieldNode } from "./model.js";
import { getIn, parentPointer, parsePointer } from "./pointer.js";
import { inDocumentOrder, isComputed, templateOf, type Procedure } from "./procedure.js";
import { alignPrefill, type Derived, type Prefilled } from "./provenance.js";
import type { Diagnostic, FormContext, FormError, Locale, Provenance } from "./types.js";

export interface VerifyOptions {
  readonly context: FormContext;
  readonly locale: Locale;
  readonly budget: ExpressionBudget;
  readonly now?: () => Date;
  readonly timeZone?: string;
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  readonly lookup?: LookupResolver;
  readonly lookupTimeout?: number;
}

/** The field node of a data pointer, or of its nearest ancestor that has one (below an open object). */
function nodeOf(procedure: Procedure, segments: readonly string[]): FieldNode | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const t = templateOf(procedure, segments.slice(0, n));
    if (t) return t.node;
  }
  return undefined;
}

/** The errors of an envelope whose shape and data were checked (stages 1 and 2), in document order. */
export async function verifySubmission(procedure: Procedure, envelope: CheckedEnvelope, options: VerifyOptions): Promise<Problem[]> {
  const submitted = envelope.data;
  const claims = envelope.provenance;
  const prefills: (readonly [string, Prefilled])[] = [];
  const computed = new Map<string, unknown>();
  const failures: { pointer: string; keyword: string; keywordPointer: string; code: string }[] = [];
  const form = new Form(
    procedure,
    {
      context: options.context,
      locale: options.locale,
      ...(options.now ? { now: options.now } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.onDiagnostic ? { onDiagnostic: options.onDiagnostic } : {}),
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.lookupTimeout !== undefined ? { lookupTimeout: options.lookupTimeout } : {}),
    },
    {
      data: submitted,
      prefilled: (pointer, prefilled) => prefills.push([pointer, prefilled]),
      computed: (pointer, value) => computed.set(pointer, value),
      failed: ({ pointer, template }, error) => {
        const code = (error as { code?: unknown } | null)?.code;
        failures.push({ pointer, keyword: template.keyword, keywordPointer: template.keywordPointer, code: typeof code === "string" ? code : "error" });
      },
      budget: options.budget,
    },
  );
  await form.settled();

  const errors: Problem[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, keyword: string, code: SubmissionMessageCode, params?: Record<string, unknown>) => {
    const key = `${pointer}\u0000${keyword}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ pointer, keyword, code, ...(params ? { params } : {}) });
  };
  const valueAt = (pointer: string) => getIn(submitted, parsePointer(pointer));

  // Fail closed: what an expression guards cannot be verified without it.
  for (const f of failures) add(f.pointer, "cannot-verify", "cannotVerify", { keyword: f.keyword, keywordPointer: f.keywordPointer, code: f.code });

  for (const [pointer, expected] of computed) {
    if (form.isVisible(pointer) && !deepEqual(valueAt(pointer), expected)) {
      add(pointer, "x-compute", "computeMismatch", expected === undefined ? undefined : { expected });
    }
  }
  for (const h of form.hiddenPointers()) {
    if (form.isVisible(parentPointer(h) ?? "") && valueAt(h) !== undefined) add(h, "x-visible", "hiddenSubmitted");
  }

  // Provenance, derived from the context; locked values checked whole where each lock begins.
  const derived = new Map<string, Derived>();
  const claimOf = (pointer: string) => {
    const claim = claims.get(pointer);
    return claim && "path" in claim ? claim : undefined;
  };
  for (const [pointer, prefilled] of prefills) {
    if (!form.isVisible(pointer)) continue;
    const { values, conflicts } = alignPrefill(prefilled, pointer, valueAt(pointer), claimOf, (p) => form.isVisible(p));
    for (const row of conflicts) add(row, "provenance", "provenanceRow");
    for (const d of values) {
      if (d.lockRoot && !deepEqual(valueAt(d.pointer), d.expected)) add(d.pointer, "x-lock", "lockMismatch", { expected: d.expected });
      if (d.leaf) derived.set(d.pointer, d);
    }
  }

  // Claims, each compared with what is derived; one per value of the data.
  const leaves = new Set<string>();
  forEachLeaf(submitted, "", (p) => {
    if (p !== "") leaves.add(p);
  });
  for (const leaf of leaves) if (!claims.has(leaf)) add(leaf, "provenance", "provenanceMissing");
  for (const [pointer, claim] of claims) {
    if (!leaves.has(pointer)) {
      add(pointer, "provenance", "provenanceUnknown");
      continue;
    }
    checkClaim(pointer, claim, derived.get(pointer), nodeOf(procedure, parsePointer(pointer)), valueAt(pointer), add);
  }

  for (const e of form.validationErrors()) {
    const key = `${e.pointer}\u0000${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(e);
  }
  const ordered = inDocumentOrder(procedure, errors);
  // The portal uploads the bytes the envelope lists: the list must be the files the data holds.
  if (!deepEqual(envelope.attachments, form.attachments())) {
    ordered.unshift({ pointer: "/attachments", keyword: "envelope", code: "badEnvelope", params: { problem: "attachments" } });
  }
  return ordered;
}

/**
 * An error of the check whose message is written only if it is among those returned (an envelope may
 * hold tens of thousands of problems): a form error, or the code of an engine message.
 */
export type Problem = FormError | { readonly pointer: string; readonly keyword: string; readonly code: SubmissionMessageCode; readonly params?: Record<string, unknown> };

/** The error of a problem, in `locale`. */
export function errorOf(problem: Problem, locale: Locale): FormError {
  if (!("code" in problem)) return problem;
  const { pointer, keyword, code, params } = problem;
  return { pointer, keyword, message: submissionMessage(code, params ?? {}, locale), ...(params ? { params } : {}) };
}

/** One claim against what is derived at its place. */
function checkClaim(
  pointer: string,
  claim: Provenance,
  derived: Derived | undefined,
  node: FieldNode | undefined,
  value: unknown,
  add: (pointer: string, keyword: string, code: SubmissionMessageCode, params?: Record<string, unknown>) => void,
): void {
  const computedField = node !== undefined && isComputed(node);
  if (computedField !== (claim.source === "computed")) return add(pointer, "provenance", "provenanceMismatch");
  if (computedField) return;
  if (derived?.locked) {
    // A prefill that reads no source (a constant, or the form's own data) is claimed as a default.
    const exact =
      derived.source === "default"
        ? claim.source === "default" && !claim.edited
        : "path" in claim && claim.source === derived.source && claim.path === derived.path && claim.locked && !claim.edited && sameInput(claim, derived);
    if (!exact) add(pointer, "provenance", "provenanceLocked");
    return;
  }
  if (claim.source === "user" || claim.source === "default") return; // the citizen's own answer, not a claim to check
  const c = claim as { source: string; path: string; locked: boolean; edited: boolean };
  if (c.locked) return add(pointer, "x-lock", "lockMismatch"); // a lock the procedure does not put here
  if (!derived || derived.source !== c.source || derived.path !== c.path || !sameInput(claim, derived)) return add(pointer, "provenance", "provenanceMismatch");
  if (!c.edited && !deepEqual(value, derived.expected)) add(pointer, "provenance", "provenanceMismatch");
}

/** A claim of a lookup's value names the input the register was asked about here; a source's names none. */
function sameInput(claim: Provenance, derived: Derived): boolean {
  const input = (claim as { input?: unknown }).input;
  return derived.input === undefined ? input === undefined : input !== undefined && deepEqual(input, derived.input);
}
