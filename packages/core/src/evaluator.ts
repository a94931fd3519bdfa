/**
 * What evaluates an expression at run time: a `CompiledExpression`, whether its text was parsed at
 * load (expressions.ts) or its AST came ready from a compiled procedure (`tokhai compile`). This module
 * never parses text: the compiled-procedure bundle carries no JSONata parser.
 */
import jsonata from "jsonata";
import { jsonataOptions, limit, type ExpressionBudget } from "./budget.js";
import type { ExpressionAnalysis } from "./expressions.js";

export interface CompiledExpression {
  readonly text: string;
  readonly evaluate: (input: unknown, bindings: Record<string, unknown>) => Promise<unknown>;
  readonly analysis: ExpressionAnalysis;
  /**
   * The same expression evaluated under another budget, compiled once per budget on first use: the back
   * end's check evaluates under its own deterministic budget, whatever the procedure was loaded with.
   */
  readonly under: (budget: ExpressionBudget) => (input: unknown, bindings: Record<string, unknown>) => Promise<unknown>;
}

/** One expression per budget, made on first use (only back ends evaluate under another budget). */
export function underBudgets(make: (budget: ExpressionBudget) => jsonata.Expression): CompiledExpression["under"] {
  let byBudget: Map<string, jsonata.Expression> | undefined;
  return (budget) => {
    const key = `${budget.timeMs},${budget.depth},${budget.sequence},${budget.size},${budget.steps ?? 0}`;
    byBudget ??= new Map();
    let expr = byBudget.get(key);
    if (!expr) byBudget.set(key, (expr = make(budget)));
    const compiled = expr;
    return (input, bindings) => compiled.evaluate(input, bindings) as Promise<unknown>;
  };
}

/**
 * A parsed expression as a compiled procedure carries it: JSONata's AST as JSON. Two kinds of value of
 * the parse are written as data: a regular expression literal's `RegExp` as `{ source, flags }`, a
 * function signature as its text (`"<s-:s>"`). `revive` turns them back, in place.
 */
export type ExpressionAst = { readonly type: string; readonly [key: string]: unknown };

/** Each node of an AST: objects and arrays, walked with an explicit stack; `RegExp`s are leaves. */
function forEachNode(ast: unknown, visit: (node: Record<string, unknown>) => void): void {
  const seen = new Set<object>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== "object" || value instanceof RegExp || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const node = value as Record<string, unknown>;
    visit(node);
    for (const key of Object.keys(node)) stack.push(node[key]);
  }
}

/**
 * JSONata's parser, or in the compiled-procedure bundle what takes its place (scripts/bundle-plugins.mjs):
 * a function that takes an AST instead of text (`takesAst`), and JSONata's signature parser beside it.
 */
const parser = (jsonata as unknown as { parser?: { takesAst?: unknown; signature?: (text: string) => unknown } }).parser;
const takesAst = parser?.takesAst === true;

/** JSONata's parsed signature of a signature's text. */
const signatureOf: (text: string) => unknown =
  takesAst && parser?.signature
    ? parser.signature
    : (text) => (jsonata(`function()${text}{0}`).ast() as unknown as { signature?: unknown }).signature; // full JSONata: parse a lambda that has it

/** Turns an `ExpressionAst`'s regular expressions and signatures back into JSONata's objects, in place (again: nothing to do). */
function revive(ast: ExpressionAst): void {
  forEachNode(ast, (node) => {
    if (node["type"] === "lambda" && typeof node["signature"] === "string") node["signature"] = signatureOf(node["signature"]);
    const value = node["value"];
    if (node["type"] === "regex" && value && typeof value === "object" && !(value instanceof RegExp)) {
      const { source, flags } = value as { source: string; flags: string };
      node["value"] = new RegExp(source, flags);
    }
  });
}

/**
 * A JSONata expression that evaluates `ast`, under `budget`. The compiled-procedure bundle's JSONata
 * takes the AST as it is; with the full JSONata (Node, the run-time bundle), the AST takes the place
 * of a trivial expression's, in the very object JSONata's `evaluate` closes over.
 */
export function expressionOfAst(ast: ExpressionAst, budget: ExpressionBudget, grows: boolean): jsonata.Expression {
  revive(ast);
  let expr: jsonata.Expression;
  if (takesAst) {
    expr = jsonata(ast as unknown as string, jsonataOptions(budget) as never);
  } else {
    expr = jsonata("0", jsonataOptions(budget) as never);
    const root = expr.ast() as unknown as Record<string, unknown>;
    for (const key of Object.keys(root)) delete root[key];
    Object.setPrototypeOf(root, Object.prototype); // the trivial parse's token: let the parser go
    Object.assign(root, ast);
  }
  limit(expr, budget, () => grows);
  return expr;
}

/**
 * The compiled expression of an AST from a compiled procedure. JSONata's expression object is made on
 * the first evaluation (a plain path is mostly read directly, see `readSimplePath`).
 */
export function expressionFromAst(text: string, ast: ExpressionAst, analysis: ExpressionAnalysis, grows: boolean, budget: ExpressionBudget): CompiledExpression {
  let expr: jsonata.Expression | undefined;
  return {
    text,
    analysis,
    evaluate: (input, bindings) => (expr ??= expressionOfAst(ast, budget, grows)).evaluate(input, bindings) as Promise<unknown>,
    under: underBudgets((b) => expressionOfAst(ast, b, grows)),
  };
}

/**
 * Evaluates a plain path the way JSONata would when no array is met on the way.
 * Returns `NOT_SIMPLE` when an array is met, so the caller falls back to JSONata.
 */
export const NOT_SIMPLE: unique symbol = Symbol("not simple");
export function readSimplePath(base: unknown, path: readonly string[]): unknown {
  let node = base;
  if (Array.isArray(node)) return NOT_SIMPLE;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(node)) return NOT_SIMPLE;
  }
  return node;
}
