import { expect } from "vitest";
import { loadProcedure, ProcedureError, type Procedure, type ProcedureDocument, type ProcedureProblem, type SchemaNode, type SourceDocument } from "@tokhai/core";

/** A minimal procedure around `schema`, with optional sources and extra top-level keys. */
export function doc(
  schema: SchemaNode,
  extra: { sources?: Record<string, SourceDocument>; [key: string]: unknown } = {},
): ProcedureDocument {
  return { id: "vn.test.form", version: "1.0.0", title: "Thử nghiệm", schema, ...extra } as ProcedureDocument;
}

export function load(schema: SchemaNode, extra: Parameters<typeof doc>[1] = {}): Promise<Procedure> {
  return loadProcedure(doc(schema, extra));
}

/** The problems `loadProcedure` refuses `document` with (a ProcedureError); fails if it loads. */
export async function problemsOf(document: unknown): Promise<readonly ProcedureProblem[]> {
  try {
    await loadProcedure(document);
  } catch (error) {
    expect(error).toBeInstanceOf(ProcedureError);
    return (error as ProcedureError).problems;
  }
  throw new Error("expected the procedure to be refused");
}

/** Counts evaluations of each expression (by keyword pointer). Only non-trivial expressions go through JSONata. */
export function countEvaluations(procedure: Procedure): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of procedure.expressions) {
    type Evaluate = (input: unknown, bindings: Record<string, unknown>) => Promise<unknown>;
    const compiled = e.compiled as { evaluate: Evaluate; under: (budget: never) => Evaluate };
    const count = () => counts.set(e.keywordPointer, counts.get(e.keywordPointer)! + 1);
    const original = compiled.evaluate;
    const under = compiled.under;
    counts.set(e.keywordPointer, 0);
    compiled.evaluate = (input, bindings) => {
      count();
      return original(input, bindings);
    };
    // The back end's check evaluates under its own budget.
    compiled.under = (budget) => {
      const evaluate = under(budget);
      return (input, bindings) => {
        count();
        return evaluate(input, bindings);
      };
    };
  }
  return counts;
}

export const citizenSource: SourceDocument = {
  title: "Dân cư",
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string" },
      personalId: { type: "string" },
      phone: { type: "string" },
      birthDate: { type: "string" },
    },
  },
};

export const householdSource: SourceDocument = {
  title: "Hộ gia đình",
  schema: {
    type: "object",
    properties: {
      members: { type: "array", items: { type: "object", properties: { fullName: { type: "string" }, relation: { type: "string" } } } },
    },
  },
};

/**
 * A tampering client's envelope keeps its provenance in step with the data it changed: one claim per
 * value, those already claimed as they were, the values it added claimed as typed. (So that a test of
 * one check is not refused for a missing claim instead.) Returns a new envelope.
 */
export function claimsInStep<E extends { data: unknown; provenance: { readonly [pointer: string]: unknown } }>(envelope: E): E {
  const provenance: Record<string, unknown> = {};
  const stack: [unknown, string][] = [[envelope.data, ""]];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    const entries = value !== null && typeof value === "object" ? Object.entries(value) : [];
    if (entries.length === 0) {
      if (pointer !== "") provenance[pointer] = envelope.provenance[pointer] ?? { source: "user" };
      continue;
    }
    for (const [key, child] of entries.reverse()) stack.push([child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`]);
  }
  return { ...envelope, provenance };
}
