// Compiled procedures (`tokhai compile`, core's compiled.ts): expressions evaluated from ASTs written as
// JSON evaluate exactly as JSONata evaluates their text, under the same budgets; `loadCompiled` gives
// the procedure `loadProcedure` gives, and refuses what it cannot trust with a clear error.
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import * as precompiled from "@tokhai/core/precompiled";
import { createForm, loadCompiled, loadProcedure, ProcedureError, type CompiledProcedure, type Procedure } from "@tokhai/core";
import { compileProcedure, COMPILED_FORMAT } from "@tokhai/core/compile";
// Internal, not exported by the package: from the built modules.
import { compiledAst, DEFAULT_BUDGET } from "../dist/expressions.js";
import { expressionFromAst } from "../dist/evaluator.js";
import { bindings, CORPUS, input, outcome } from "./expression-corpus.js";

const BUDGET = { ...DEFAULT_BUDGET, timeMs: 0 };
const COUNTED = { ...BUDGET, steps: 1_000_000 };

/** The AST of `text` as a compiled procedure carries it: through JSON, as the module has it. */
function fromModule(text: string, budget = BUDGET) {
  const { ast, grows } = compiledAst(text);
  const json = JSON.parse(JSON.stringify(ast));
  return expressionFromAst(text, json, { reads: [], issues: [], usesIndex: false, simplePath: undefined }, grows, budget);
}

/** A compiled procedure as the module has it: JSON, with the validator beside it. */
function throughJson(compiled: CompiledProcedure): CompiledProcedure {
  const { validators, ...rest } = compiled;
  const copy = JSON.parse(JSON.stringify({ ...rest, validators: { procedure: validators.procedure } }));
  copy.validators.data = validators.data;
  return copy;
}

describe("an expression compiled to an AST", () => {
  it.each(CORPUS)("%s evaluates as jsonata evaluates its text", async (text) => {
    const expected = await outcome(() => jsonata(text).evaluate(input, bindings) as Promise<unknown>);
    for (const budget of [BUDGET, COUNTED]) {
      const compiled = fromModule(text, budget);
      expect(await outcome(() => compiled.evaluate(input, bindings))).toBe(expected);
      expect(await outcome(() => compiled.evaluate(input, bindings))).toBe(expected); // the same AST, again
      expect(await outcome(() => compiled.under(COUNTED)(input, bindings))).toBe(expected);
    }
  });

  it("is plain JSON: regular expressions and signatures are written as data", () => {
    const regex = compiledAst("$contains(name, /văn/i)").ast;
    expect(JSON.stringify(regex)).toContain('"value":{"source":"văn","flags":"gi"}');
    const lambda = compiledAst("($g := function($s)<s:s> { $uppercase($s) }; $g(name))").ast;
    expect(JSON.stringify(lambda)).toContain('"signature":"<s:s>"');
    for (const text of CORPUS) expect(JSON.parse(JSON.stringify(compiledAst(text).ast)), text).toEqual(compiledAst(text).ast);
  });

  it("keeps JSONata's errors of evaluation", async () => {
    for (const text of ["$undefinedFunction(1)", "1 + 'a'", "$assert(false, 'no')", "[1..1e9]", "($g := function($s)<s:s> { $s }; $g(1))"]) {
      const expected = await outcome(() => jsonata(text, { sequence: 100_000 } as never).evaluate(input, bindings) as Promise<unknown>);
      expect(expected).toContain('"error"');
      expect(await outcome(() => fromModule(text).evaluate(input, bindings))).toBe(expected);
    }
  });

  it("stays within its step and size budgets", async () => {
    expect(await outcome(() => fromModule("$sum(members.age)", { ...BUDGET, steps: 3 }).evaluate(input, bindings))).toBe('{"error":"TK002"}');
    const doubling = "($s := name;" + " $s := $s & $s;".repeat(16) + " $length($s))";
    expect(compiledAst(doubling).grows).toBe(true);
    expect(compiledAst("members.name").grows).toBe(false);
    expect(await outcome(() => fromModule(doubling).evaluate(input, bindings))).toBe(`{"value":${13 * 2 ** 16}}`);
    expect(await outcome(() => fromModule(doubling, { ...BUDGET, size: 1_000_000 }).evaluate(input, bindings))).toBe('{"error":"TK001"}');
    expect(await outcome(() => fromModule(doubling).under({ ...BUDGET, size: 1_000_000 })(input, bindings))).toBe('{"error":"TK001"}');
  });
});

const procedureDocument = {
  id: "vn.test.compiled",
  version: "1.2.0",
  title: "Thử nghiệm",
  sources: { citizen: { schema: { type: "object", properties: { fullName: { type: "string" }, born: { type: "string" } } } } },
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
      quantity: { type: "integer", minimum: 1 },
      fee: { type: "integer", "x-compute": "quantity * 20000" },
      note: { type: "string", "x-visible": "quantity > 1", "x-required": "true", pattern: "^[^<>]*$" },
      members: {
        type: "array",
        "x-row-title": "$row.name ? $row.name : 'Thành viên ' & $string($index + 1)",
        items: { type: "object", properties: { name: { type: "string", "x-rules": [{ assert: "$length($value) > 1", message: { vi: "Tên quá ngắn", en: "Too short" } }] } } },
      },
    },
    required: ["quantity"],
  },
  steps: [
    { id: "a", title: "A", fields: ["/fullName", "/quantity", "/fee"] },
    { id: "b", title: "B", fields: ["/note", "/members"], "x-visible": "quantity != 7" },
  ],
};

/** What a citizen sees of a form, as data: values, states of every field, errors, provenance, steps. */
async function state(procedure: Procedure): Promise<unknown> {
  const form = createForm(procedure, { context: { citizen: { fullName: "Nguyễn Văn An" } }, now: () => new Date("2026-12-07T03:00:00Z") });
  await form.settled();
  form.set("/quantity", 3);
  form.addRow("/members");
  form.set("/members/0/name", "A");
  await form.settled();
  const errors = await form.validate();
  const fields = procedure.fields.map((n) => n.pointer);
  return { data: form.get(""), errors, provenance: form.draft().provenance, steps: form.steps().map((s) => s.id), fields: fields.map((p) => (p.includes("-") ? p : form.field(p))) };
}

describe("loadCompiled", () => {
  it("gives the procedure loadProcedure gives, and the same forms", async () => {
    const loaded = await loadProcedure(procedureDocument, { budget: BUDGET });
    const compiled = loadCompiled(throughJson(compileProcedure(loaded)), { budget: BUDGET });
    type Readers = ReadonlyMap<string, readonly { expression: { id: number }; level: number }[]>;
    const internal = (p: Procedure) => p as unknown as { readersAt: Readers; readersBelow: Readers };
    const shape = (p: Procedure) => ({
      id: p.id,
      version: p.version,
      steps: p.steps,
      sourceNames: p.sourceNames,
      fields: p.fields.map((n) => [n.pointer, n.kind, n.order]),
      expressions: p.expressions.map((e) => [e.rank, e.id, e.keyword, e.node.pointer, e.keywordPointer, e.reads, e.sourceReads, e.writes, e.message, e.step, e.ruleIndex, e.usesIndex]),
      readersAt: [...internal(p).readersAt].map(([k, v]) => [k, v.map((r) => [r.expression.id, r.level])]),
      readersBelow: [...internal(p).readersBelow].map(([k, v]) => [k, v.map((r) => [r.expression.id, r.level])]),
    });
    expect(shape(compiled)).toEqual(shape(loaded));
    expect(await state(compiled)).toEqual(await state(loaded));
  });

  it("is what loadProcedure does with a compiled procedure, in either entry", async () => {
    const compiled = throughJson(compileProcedure(await loadProcedure(procedureDocument)));
    expect((await loadProcedure(compiled)).expressions.length).toBe(loadCompiled(compiled).expressions.length);
    expect((await precompiled.loadProcedure(compiled)).id).toBe("vn.test.compiled");
    await expect(precompiled.loadProcedure(procedureDocument)).rejects.toThrow(/loads compiled procedures only/);
  });

  it("refuses what is not a compiled procedure of this version, or not of the document given", async () => {
    const compiled = throughJson(compileProcedure(await loadProcedure(procedureDocument)));
    const refusal = (value: unknown, options = {}) => {
      try {
        loadCompiled(value, options);
      } catch (error) {
        expect(error).toBeInstanceOf(ProcedureError);
        return (error as ProcedureError).problems.map((p) => `${p.code}: ${p.message}`).join("\n");
      }
      return "loaded";
    };
    expect(refusal(procedureDocument)).toMatch(/^compiled: not a compiled procedure/);
    expect(refusal({ ...compiled, format: COMPILED_FORMAT + 1 })).toMatch(/compiled to format 2 and this version of tokhai reads format 1: run `tokhai compile` again/);
    expect(refusal({ ...compiled, validators: { procedure: compiled.validators.procedure } })).toMatch(/no data validator/);
    expect(refusal(compiled, { document: procedureDocument })).toBe("loaded");
    const edited = { ...procedureDocument, title: "Thử nghiệm (sửa)" };
    expect(refusal(compiled, { document: edited })).toMatch(/vn\.test\.compiled@1\.2\.0 was made from another version of this document: run `tokhai compile` again/);
    const moved = { ...compiled, expressions: [{ ...compiled.expressions[0]!, field: "/nowhere" }, ...compiled.expressions.slice(1)] };
    expect(refusal(moved)).toMatch(/an expression on \/nowhere, which is not a field of its schema/);
  });
});
