// Compiled expressions keep their AST detached from jsonata's parser (packages/core/src/expressions.ts,
// `detachAst`): the parser's symbol table would otherwise stay alive, about 13 KB per expression.
// These tests check that a detached expression evaluates exactly as jsonata itself does, over the
// whole language, and that nothing of the parser is left in the AST.
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
// Internal, not exported by the package: the compiler `loadProcedure` uses, from the built module.
import { compileExpression, DEFAULT_BUDGET, detachAst } from "../dist/expressions.js";
import { bindings, CORPUS, input, outcome } from "./expression-corpus.js";

/** The default budget without its wall clock, so that a busy machine cannot make an expression time out. */
const BUDGET = { ...DEFAULT_BUDGET, timeMs: 0 };
/** The same with a step budget: every node's evaluation goes through the budget's hook. */
const COUNTED = { ...BUDGET, steps: 1_000_000 };

/** Every object reachable from the AST whose prototype is not a plain object's, an array's or a RegExp's. */
function foreignObjects(root: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== RegExp.prototype && proto !== null) found.push(path);
    for (const [key, child] of Object.entries(value)) visit(child, `${path}/${key}`);
  };
  visit(root, "");
  return found;
}

describe("compiled expressions (detached from jsonata's parser)", () => {
  it.each(CORPUS)("%s evaluates as jsonata evaluates it", async (text) => {
    const reference = jsonata(text);
    const expected = await outcome(() => reference.evaluate(input, bindings) as Promise<unknown>);
    expect(expected).not.toContain('"error"'); // the corpus is meant to evaluate
    // With and without the budget's hook on every node; twice: the second evaluation runs on the same detached AST.
    for (const budget of [BUDGET, COUNTED]) {
      const compiled = compileExpression(text, budget);
      expect(await outcome(() => compiled.evaluate(input, bindings))).toBe(expected);
      expect(await outcome(() => compiled.evaluate(input, bindings))).toBe(expected);
    }
  });

  it("keeps errors of evaluation as jsonata reports them", async () => {
    for (const text of ["$undefinedFunction(1)", "1 + 'a'", "$assert(false, 'no')", "[1..1e9]"]) {
      const expected = await outcome(() => jsonata(text, { sequence: 100_000 } as never).evaluate(input, bindings) as Promise<unknown>);
      expect(expected).toContain('"error"');
      for (const budget of [BUDGET, COUNTED]) expect(await outcome(() => compileExpression(text, budget).evaluate(input, bindings))).toBe(expected);
    }
  });

  it("keeps a detached expression under its step and size budgets, a plain path's too", async () => {
    // A plain path compiles its JSONata expression only when an evaluation meets an array.
    expect(await outcome(() => compileExpression("members.name", { ...BUDGET, steps: 100 }).evaluate(input, bindings))).toBe('{"value":["An","Bình","Chi"]}');
    expect(await outcome(() => compileExpression("members.name", { ...BUDGET, steps: 2 }).evaluate(input, bindings))).toBe('{"error":"TK002"}');
    expect(await outcome(() => compileExpression("$sum(members.age)", { ...BUDGET, steps: 3 }).evaluate(input, bindings))).toBe('{"error":"TK002"}');
    // 16 doublings of a 13-character name: 851,968 characters, within the default size budget.
    const doubling = "($s := name;" + " $s := $s & $s;".repeat(16) + " $length($s))";
    expect(await outcome(() => compileExpression(doubling, BUDGET).evaluate(input, bindings))).toBe(`{"value":${13 * 2 ** 16}}`);
    expect(await outcome(() => compileExpression(doubling, { ...BUDGET, size: 1_000_000 }).evaluate(input, bindings))).toBe('{"error":"TK001"}');
  });

  it("leaves no parser token in the AST", () => {
    for (const text of CORPUS) {
      const expr = jsonata(text);
      expect(foreignObjects(expr.ast()).length, text).toBeGreaterThan(0); // jsonata's own AST holds tokens …
      detachAst(expr);
      expect(foreignObjects(expr.ast()), text).toEqual([]); // … the detached one none
    }
  });
});
