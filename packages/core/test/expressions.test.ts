// Compiled expressions keep their AST detached from jsonata's parser (packages/core/src/expressions.ts,
// `detachAst`): the parser's symbol table would otherwise stay alive, about 13 KB per expression.
// These tests check that a detached expression evaluates exactly as jsonata itself does, over the
// whole language, and that nothing of the parser is left in the AST.
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
// Internal, not exported by the package: the compiler `loadProcedure` uses, from the built module.
import { compileExpression, DEFAULT_BUDGET, detachAst } from "../dist/expressions.js";

/** The default budget without its wall clock, so that a busy machine cannot make an expression time out. */
const BUDGET = { ...DEFAULT_BUDGET, timeMs: 0 };
/** The same with a step budget: every node's evaluation goes through the budget's hook. */
const COUNTED = { ...BUDGET, steps: 1_000_000 };

const input = {
  name: "Nguyễn Văn An",
  born: "1990-05-17",
  fee: 150000,
  members: [
    { name: "An", relation: "chủ hộ", age: 36, tags: ["a", "b"] },
    { name: "Bình", relation: "vợ", age: 34, tags: ["b"] },
    { name: "Chi", relation: "con", age: 8, tags: [] },
  ],
  address: { province: "01", commune: "00004", lines: ["Số 1", "Phố Huế"] },
  flags: { urgent: true, online: false },
};
const bindings = { citizen: { id: "001090012345", residence: { province: "01" } }, today: "2026-11-23", index: 1 };

/** One or more expressions per construct of the language. */
const CORPUS = [
  "name",
  "$citizen.residence.province",
  "address.province = $citizen.residence.province",
  "$not(flags.urgent) or flags.online",
  "fee * 1.1 + 5 - 3 / 2 % 2",
  "-fee",
  "'Họ tên: ' & name & ' (' & $string(fee) & ')'",
  "members.name",
  "members[age > 18].name",
  "members[0].name",
  "members[-1].tags[0]",
  "members[relation in ['vợ', 'chồng']].name",
  "$count(members[age < 18])",
  "$sum(members.age) / $count(members)",
  "members^(>age).name",
  "members^(relation, <name)[0]",
  "members{relation: name}",
  "members{relation: $count(name)}",
  "members.{'who': name, 'adult': age >= 18}",
  "[1..5].($ * $)",
  "[1, 2, 3][$ > 1]",
  "members#$i[$i > 0].name",
  "members@$m.tags@$t.{'m': $m.name, 't': $t}",
  "members.tags.%.name",
  "members.tags.%.%.fee",
  "fee > 100000 ? 'cao' : 'thấp'",
  "flags.urgent ? 'khẩn'",
  "($x := fee * 2; $y := $x + 1; $y)",
  "(function($a, $b) { $a + $b })(1, 2)",
  "($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10))",
  "($add := function($a, $b) { $a + $b }; $inc := $add(?, 1); $inc(41))",
  "($twice := λ($f){ λ($x){ $f($f($x)) } }; $twice(λ($v){ $v * 3 })(2))",
  "($g := function($s)<s:s> { $uppercase($s) }; $g(name))",
  "name ~> $substringBefore(' ') ~> $lowercase()",
  "members.name ~> $join(', ')",
  "($chain := $trim ~> $uppercase; $chain('  an  '))",
  "$map(members, function($m, $i) { $m.name & $i })",
  "$filter(members, function($m) { $m.age > 10 }).name",
  "$reduce(members.age, function($a, $b) { $a + $b }, 0)",
  "$sort(members, function($l, $r) { $l.age > $r.age }).name",
  "$ ~> |address|{'province': '79'}, ['lines']|",
  "$ ~> |members|{'adult': age >= 18}|",
  "$match(address.commune, /0+(\\d+)/).groups",
  "$replace(name, /\\s+/, '-')",
  "$contains(name, /văn/i)",
  "address.lines[$contains($, 'Phố')]",
  "$keys(address)",
  "$lookup(flags, 'urgent')",
  "$spread(flags)",
  "$merge([{'a': 1}, {'b': 2}])",
  "$each(flags, function($v, $k) { $k & '=' & $string($v) })",
  "$distinct(members.tags)",
  "$exists(address.street)",
  "$type(members)",
  "$formatNumber(fee, '#,##0')",
  "$formatInteger(2026, 'w')",
  "$toMillis(born) < $toMillis($today)",
  "$fromMillis(0, '[Y0001]-[M01]-[D01]')",
  "$number('12') + ($boolean('x') ? 1 : 0)",
  "$substring(name, 0, 6)",
  "$pad(address.commune, 8, '0')",
  "$split(born, '-')[0]",
  "$zip([1, 2], ['a', 'b'])",
  "$append(members[0].tags, 'c')",
  "$single(members, function($m) { $m.relation = 'con' }).name",
  "$sift(address, function($v) { $type($v) = 'string' })",
  "$average(members.age) > 20 and $max(members.age) < 40 and $min(members.age) >= 8",
  "**.province",
  "*.province",
  "members[tags = 'b'].name",
  "$index + 1",
  "`address`.`province`",
  "{ 'total': $sum(members.age), 'names': [members.name] }",
  "[members.name, 'Dũng']",
  "$string({'x': [1, true, null]})",
  "($assert(fee > 0, 'fee'); fee)",
  "null",
  "'a' != 'b' and 1 <= 2 and 3 >= 3 and 2 > 1",
];

/** Runs `evaluate` and returns the value or the error's code, as JSON text (jsonata's sequences become arrays). */
async function outcome(evaluate: () => Promise<unknown>): Promise<string> {
  try {
    const value = await evaluate();
    return JSON.stringify({ value }, (_key, v: unknown) => (typeof v === "function" ? "<function>" : v));
  } catch (error) {
    return JSON.stringify({ error: (error as { code?: string }).code ?? String(error) });
  }
}

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
