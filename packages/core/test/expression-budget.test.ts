// The size and step budgets of an expression (packages/core/src/expressions.ts, ExpressionBudget):
// an expression that builds more than its size budget, or evaluates more steps than its step budget,
// yields no value and a diagnostic with the keyword's pointer, and the rest of the form goes on.
// The budgets here do not depend on the machine's speed or load: no wall clock (`timeMs: 0`), or, for
// the endless loops, one far beyond the steps allowed (100,000 steps take well under a second), so
// that a broken step budget fails the test instead of hanging it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, type Diagnostic, type ProcedureDocument } from "@tokhai/core";
import { doc } from "./helpers.js";
// Internal, not exported by the package: the compiler `loadProcedure` uses, from the built module.
import { compileExpression, DEFAULT_BUDGET } from "../dist/expressions.js";

/** 25 doublings of a one-character string: 33,554,432 characters from 400 characters of expression. */
const DOUBLING = "($s := 'a';" + " $s := $s & $s;".repeat(25) + " $s)";

/** 400 appends of 200 numbers: an array of 80,000 items (within the 100,000 of a sequence), copied at each append. */
const APPENDING = "$count($reduce([1..400], function($acc, $i) { $append($acc, [1..200]) }, []))";

/** A tail-recursive function that never returns: JSONata's recursion depth stays flat, so only time or steps stop it. */
const ENDLESS = "($f := function($x) { $f($x + n) }; $f(0))";

/** A wall clock 20 times what the step budgets below take on a busy machine. */
const GENEROUS_MS = 10_000;

const diagnosticsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.pointer, d.keywordPointer, d.code]);

describe("the size budget", () => {
  it("stops a string that doubles past it: no value, a diagnostic at the keyword, and the form goes on", async () => {
    const procedure = await loadProcedure(
      doc({
        type: "object",
        properties: {
          n: { type: "number", default: 2 },
          big: { type: "string", "x-compute": DOUBLING },
          ok: { type: "number", "x-compute": "n * 2" },
        },
      }),
      { budget: { timeMs: 0 } }, // the default size budget, no wall clock
    );
    const seen: Diagnostic[] = [];
    const form = createForm(procedure, { onDiagnostic: (d) => seen.push(d) });
    await form.settled();
    expect(form.get("/big")).toBeUndefined();
    expect(form.get("/ok")).toBe(4);
    expect(diagnosticsOf(form.diagnostics)).toEqual([["/big", "/schema/properties/big/x-compute", "TK001"]]);
    expect(seen).toEqual(form.diagnostics);
    expect(form.diagnostics[0]!.message).toMatch(/size budget/);
    form.set("/n", 5);
    await form.settled();
    expect(form.get("/ok")).toBe(10);
  });

  it("stops an array built by appending, each append within the sequence limit", async () => {
    const procedure = await loadProcedure(
      doc({ type: "object", properties: { count: { type: "number", "x-compute": APPENDING }, fewer: { type: "number", "x-compute": APPENDING.replace("[1..400]", "[1..20]") } } }),
      { budget: { timeMs: 0 } },
    );
    const form = createForm(procedure);
    await form.settled();
    expect(form.get("/count")).toBeUndefined();
    expect(diagnosticsOf(form.diagnostics)).toEqual([["/count", "/schema/properties/count/x-compute", "TK001"]]);
    // The same expression over fewer items is within the budget.
    expect(form.get("/fewer")).toBe(4000);
  });

  it("can be set by the host, and 0 lifts it", async () => {
    const schema = { type: "object", properties: { s: { type: "boolean", "x-compute": DOUBLING.replace("$s)", "$s = 'a')") } } } as const;
    const unlimited = createForm(await loadProcedure(doc(schema), { budget: { timeMs: 0, size: 0 } }));
    await unlimited.settled();
    expect(unlimited.get("/s")).toBe(false);
    expect(unlimited.diagnostics).toEqual([]);
    const tight = createForm(await loadProcedure(doc(schema), { budget: { timeMs: 0, size: 1000 } }));
    await tight.settled();
    expect(tight.get("/s")).toBeUndefined();
    expect(tight.diagnostics).toMatchObject([{ code: "TK001" }]);
  });
});

describe("the size budget counts", () => {
  const data = { name: "Nguyễn Văn An", items: [{ k: "a", v: 1 }, { k: "b", v: 2 }], tags: ["x", "y"] };
  const outcome = async (text: string, size: number) => {
    try {
      return await compileExpression(text, { ...DEFAULT_BUDGET, timeMs: 0, size }).evaluate(data, {});
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  // Each of these can feed what it builds back into itself, or multiply it: a budget of 5 stops them all.
  it.each([
    "($s := name; $s)",
    "(function($x) { $x })(name)",
    "[1..10]",
    "name.($ & $)",
    "items.[k, k]",
    "items{k: v}",
    "items#$i.k",
    "items^(v).k",
    "$string(items)",
    "$join(tags, name)",
    "$replace(name, 'n', name)",
    "$pad(name, 100)",
    "$uppercase(name)",
    "$formatNumber(1, '#,##0.00000000')",
    "name ~> $uppercase()",
    "$map(tags, $string)",
  ])("%s", async (text) => {
    expect(await outcome(text, 5)).toBe("TK001");
  });

  it("nothing of an expression that cannot grow: it builds no more than a part of its data or its text", async () => {
    // Paths, conditions, `&` and functions that return no more than they are given: the budget's hook
    // is not installed on them (it would cost about a sixth of their evaluation).
    for (const text of ["name", "items[v > 1].k", "$trim(name & ' ' & tags[0])", "$exists(name) ? $substring(name, 0, 6) : 'x'", "$count(items) + $length(name)"]) {
      expect(await outcome(text, 5), text).toEqual(await outcome(text, 0));
    }
  });
});

describe("the step budget", () => {
  const document = doc({
    type: "object",
    properties: {
      n: { type: "number", default: 1 },
      endless: { type: "number", "x-compute": ENDLESS },
      // 1,000 calls of the same function: a few thousand steps.
      finite: { type: "number", "x-compute": "($f := function($x) { $x >= 1000 ? $x : $f($x + n) }; $f(0))" },
    },
  });

  it("stops an endless recursion with its own code, the same way on every run, and the form goes on", async () => {
    const procedure = await loadProcedure(document, { budget: { timeMs: GENEROUS_MS, steps: 100_000 } });
    for (let run = 0; run < 2; run++) {
      const form = createForm(procedure);
      await form.settled();
      expect(form.get("/endless")).toBeUndefined();
      expect(form.get("/finite")).toBe(1000);
      expect(diagnosticsOf(form.diagnostics)).toEqual([["/endless", "/schema/properties/endless/x-compute", "TK002"]]);
      expect(form.diagnostics[0]!.message).toMatch(/100000 steps/);
      form.set("/n", 2);
      await form.settled();
      expect(form.get("/finite")).toBe(1000);
      expect(diagnosticsOf(form.diagnostics).map(([pointer, , code]) => [pointer, code])).toEqual([
        ["/endless", "TK002"],
        ["/endless", "TK002"],
      ]);
    }
  });

  it("counts every step: a budget below an expression's steps stops it", async () => {
    const procedure = await loadProcedure(document, { budget: { timeMs: GENEROUS_MS, steps: 1000 } });
    const form = createForm(procedure);
    await form.settled();
    expect(form.get("/finite")).toBeUndefined();
    expect(diagnosticsOf(form.diagnostics)).toEqual([
      ["/endless", "/schema/properties/endless/x-compute", "TK002"],
      ["/finite", "/schema/properties/finite/x-compute", "TK002"],
    ]);
  });
});

describe("the example procedures under the budgets", () => {
  // dang-ky-ho-kinh-doanh names the office from the catalogue of administrative units: a lookup in
  // 13 KB of data, bindings and a condition.
  const document = JSON.parse(readFileSync(new URL("../../../examples/procedures/dang-ky-ho-kinh-doanh.json", import.meta.url), "utf8")) as ProcedureDocument;
  const catalog = JSON.parse(readFileSync(new URL("../../../examples/data/administrative-units.json", import.meta.url), "utf8")) as unknown;
  const office = async (budget: Record<string, number>) => {
    const form = createForm(await loadProcedure(document, { budget }), { context: { catalog } });
    form.set("/business/address/province", "01");
    form.set("/business/address/commune", "00004");
    await form.settled();
    return form;
  };

  it("leave an ordinary expression over the example data alone under the default size budget and a step budget", async () => {
    const form = await office({ timeMs: 0, steps: 100_000 });
    expect(form.diagnostics).toEqual([]);
    expect(form.get("/business/authority")).toBe("Phòng Kinh tế, Hạ tầng và Đô thị — Ủy ban nhân dân Phường Ba Đình");
    const view = (f: typeof form) => ({ value: f.value, communes: f.field("/business/address/commune").options });
    expect(view(form).communes).toHaveLength(5);
    expect(view(form)).toEqual(view(await office({ timeMs: 0, size: 0 })));
    // The budget does apply to it: ten steps are not enough.
    const starved = await office({ timeMs: 0, steps: 10 });
    expect(starved.diagnostics.map((d) => d.code)).toContain("TK002");
  });
});
