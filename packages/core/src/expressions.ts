/**
 * JSONata expressions: compilation under a budget, and static analysis of what an expression reads.
 * What an expression reads is derived from its AST, so that `set()` re-runs only the expressions
 * that read what changed.
 */
import jsonata from "jsonata";
import { DEFAULT_BUDGET, jsonataOptions, limit, type ExpressionBudget } from "./budget.js";
import { deeperThan } from "./equal.js";
import { underBudgets, type CompiledExpression, type ExpressionAst } from "./evaluator.js";

export { DEFAULT_BUDGET, SIZE_BUDGET_EXCEEDED, STEP_BUDGET_EXCEEDED, type ExpressionBudget } from "./budget.js";
export type { CompiledExpression } from "./evaluator.js";

/** Variables every expression may use besides the procedure's sources. */
export const RESERVED_VARIABLES = ["value", "row", "parent", "index", "today"] as const;

/** JSONata's functions and `$today`: a source cannot take one of these names. */
export const BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
  "lowercase", "uppercase", "length", "trim", "pad", "match", "contains", "replace", "split", "join",
  "formatNumber", "formatBase", "formatInteger", "parseInteger", "number", "floor", "ceil", "round", "abs",
  "sqrt", "power", "random", "boolean", "not", "map", "filter", "single", "reduce", "sift", "keys", "lookup",
  "append", "exists", "spread", "merge", "reverse", "each", "error", "assert", "type", "sort", "shuffle",
  "distinct", "base64encode", "base64decode", "encodeUrlComponent", "encodeUrl", "decodeUrlComponent",
  "decodeUrl", "zip", "now", "millis", "fromMillis", "toMillis", "clone", "today",
]);

/** Functions refused because they defeat dependency analysis or determinism. */
const FORBIDDEN_FUNCTIONS = new Map([
  ["eval", "$eval evaluates text as an expression at run time, so tokhai cannot know what it reads"],
]);

export type ReadRoot =
  | { readonly kind: "data" }
  | { readonly kind: "row" }
  | { readonly kind: "parent" }
  | { readonly kind: "value" }
  | { readonly kind: "source"; readonly name: string };

/** One path an expression reads: the root, then object keys. Reading a path reads its whole subtree. */
export interface PathRead {
  readonly root: ReadRoot;
  readonly path: readonly string[];
  /** Offset in the expression text of the start of each segment (for error positions). */
  readonly positions: readonly number[];
  /** Offset of the root variable or first name. */
  readonly position: number;
}

export interface ExpressionIssue {
  readonly code: string;
  readonly message: string;
  /** 0-based offset in the expression text. */
  readonly position: number;
}

export interface ExpressionAnalysis {
  readonly reads: readonly PathRead[];
  readonly issues: readonly ExpressionIssue[];
  readonly usesIndex: boolean;
  /** The expression is a plain path (`$citizen.a.b`, `a.b`): it can be evaluated without JSONata. */
  readonly simplePath: PathRead | undefined;
}

interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  stages?: AstNode[];
  predicate?: AstNode[];
  focus?: string;
  index?: string;
  group?: unknown;
  [key: string]: unknown;
}

/** Thrown by `compileExpression` on a syntax error. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "ExpressionSyntaxError";
  }
}

/** A parser token: an object made by `Object.create(symbol)`; its symbol has `nud` (and `led`). */
function isToken(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as { nud?: unknown } | null;
  return proto !== null && proto !== Object.prototype && typeof proto.nud === "function";
}

/**
 * Cuts a compiled expression's AST loose from the parser that made it, in place.
 *
 * jsonata's parser builds a symbol table per parse, and the AST's leaves are tokens whose prototypes
 * are that table's symbols, whose methods close over the parser's state. Kept alive by the AST, that
 * is about 13 KB per expression: 2.6 MB for a form with 200 conditions. Evaluation reads only a
 * node's own properties (`type`, `value`, `position`, `steps`, …), so every token is replaced by a
 * plain copy of its own properties; shared nodes stay shared. The root object is the one jsonata's
 * `evaluate` closes over, so it keeps its identity and loses only its prototype.
 */
export function detachAst(expr: jsonata.Expression): void {
  const copies = new Map<object, object>();
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const done = copies.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      copies.set(value, value);
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
      return value;
    }
    const token = isToken(value);
    if (!token && Object.getPrototypeOf(value) !== Object.prototype) return value; // RegExp, …
    const copy: Record<string, unknown> = token ? { ...value } : (value as Record<string, unknown>);
    copies.set(value, copy);
    for (const key of Object.keys(copy)) copy[key] = visit(copy[key]);
    return copy;
  };
  const root = expr.ast() as unknown as Record<string, unknown>;
  copies.set(root, root);
  for (const key of Object.keys(root)) root[key] = visit(root[key]);
  if (isToken(root)) Object.setPrototypeOf(root, Object.prototype);
}

/**
 * `jsonata(text)` under a budget, with its AST detached from the parser (see `detachAst`). With `maxDepth`,
 * an AST nested deeper is refused (an `ExpressionSyntaxError`) before anything walks it recursively.
 */
function parse(text: string, budget: ExpressionBudget, maxDepth?: number): jsonata.Expression {
  const expr = jsonata(text, jsonataOptions(budget) as never);
  limit(expr, budget, () => mayGrow(expr.ast()));
  if (maxDepth !== undefined) {
    // Only nodes (objects with a `type`) count: the arrays and objects that hold them do not.
    const deep = deeperThan(expr.ast(), maxDepth, { counts: (v) => typeof (v as AstNode).type === "string", once: true });
    if (deep) throw tooDeep(budget, Math.min(startOf(deep.value as AstNode, text), text.length));
  }
  detachAst(expr);
  return expr;
}

/**
 * The AST of an expression (already checked by `compileExpression`) as a compiled procedure carries it
 * (`ExpressionAst`): a copy of JSONata's parse as JSON (regular expressions as `{ source, flags }`,
 * function signatures as their text), and `grows`, whether the size budget must watch it (`mayGrow`). Walked with an
 * explicit stack; a node shared in the parse is shared in the copy.
 */
export function compiledAst(text: string): { ast: ExpressionAst; grows: boolean } {
  const parsed = jsonata(text).ast() as unknown;
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (value instanceof RegExp) return { source: value.source, flags: value.flags };
    if (value === null || typeof value !== "object") return value;
    let done = copies.get(value);
    if (done === undefined) {
      done = Array.isArray(value) ? new Array<unknown>(value.length) : {};
      copies.set(value, done);
      pending.push([value, done as Record<string, unknown>]);
    }
    return done;
  };
  const pending: [object, Record<string, unknown>][] = [];
  const root = copy(parsed) as ExpressionAst;
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    if (Array.isArray(from)) {
      from.forEach((item, i) => (to[i] = copy(item)));
      continue;
    }
    for (const key of Object.keys(from)) {
      const value = (from as Record<string, unknown>)[key];
      if (value === undefined || typeof value === "function") continue;
      if (key === "signature" && (from as AstNode).type === "lambda" && value && typeof value === "object") {
        to[key] = String((value as { definition?: unknown }).definition);
      } else {
        to[key] = copy(value);
      }
    }
  }
  return { ast: root, grows: mayGrow(parsed) };
}

/**
 * Built-in functions whose result is a number, a boolean, a short constant or a part of an argument:
 * never larger than what they are given. Not `$string` (each nesting escapes its argument again),
 * `$join`, `$replace`, `$pad` or the `$format…`/`$fromMillis` pictures (a width or a separator
 * multiplies), nor those that take a function.
 */
const NON_GROWING = new Set([
  "not", "exists", "boolean", "number", "length", "count", "sum", "max", "min", "average", "abs", "floor", "ceil", "round",
  "sqrt", "power", "contains", "type", "trim", "substring", "substringBefore", "substringAfter", "keys", "lookup", "distinct",
  "millis", "toMillis", "today",
]);

/** Node types of an expression that cannot grow (see `mayGrow`); `binary` without `..`, `function` of NON_GROWING. */
const BOUNDED_TYPES = new Set([
  "string", "number", "value", "regex", "name", "variable", "wildcard", "descendant", "parent", "condition", "unary", "binary",
  "block", "path", "function", "filter",
]);
/** The steps of a path after its first, which only walk down or up the data they are given. */
const WALKING_STEPS = new Set(["name", "wildcard", "descendant", "parent"]);
/** Node properties that bind a name to each item (`@$x`, `#$i`) or group by a key (`a{k: v}`). */
const GROWING_KEYS = new Set(["focus", "index", "tuple", "group"]);

/**
 * Whether an expression may produce more than a multiple of its text and its data. It may not when it
 * has no binding, no function of its own, no range and no call but to NON_GROWING, and each step of
 * its paths after the first is a name, `*`, `**` or `%`: then each value it builds is a part of its
 * data or its text, joined by `&` or put in an array or object it writes out, and nothing it builds is
 * fed back into it. Conservative: anything it does not know may grow.
 */
export function mayGrow(ast: unknown): boolean {
  const grows = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(grows);
    if (value === null || typeof value !== "object") return false;
    const node = value as AstNode;
    if (typeof node.type === "string") {
      if (!BOUNDED_TYPES.has(node.type)) return true;
      if (node.type === "binary" && node.value === "..") return true;
      if (node.type === "function") {
        const proc = node["procedure"] as AstNode | undefined;
        if (proc?.type !== "variable" || !NON_GROWING.has(String(proc.value))) return true;
      }
      if (node.type === "path" && node.steps?.some((step, i) => i > 0 && !WALKING_STEPS.has(step.type))) return true;
    }
    for (const key of Object.keys(node)) {
      if (GROWING_KEYS.has(key)) return true;
      if (key !== "value" && grows(node[key])) return true;
    }
    return false;
  };
  return grows(ast);
}

/** A plain path: `$source.a.b` or `a.b`, names only. JSONata keywords are excluded (they parse as operators). */
const PLAIN_PATH = /^(\$?)([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
const JSONATA_WORDS = new Set(["and", "or", "in", "true", "false", "null", "function"]);

/**
 * Plain paths are most prefills. They need no parse to be analysed, and at run time they are read
 * directly; JSONata compiles one only if an evaluation meets an array (see `readSimplePath`).
 */
function compilePlainPath(text: string, budget: ExpressionBudget): CompiledExpression | undefined {
  const m = PLAIN_PATH.exec(text);
  if (!m) return undefined;
  const names = [m[2]!, ...(m[3] ? m[3].slice(1).split(".") : [])];
  if (names.some((n) => JSONATA_WORDS.has(n))) return undefined;
  const variable = m[1] === "$";
  const positions: number[] = [];
  let offset = variable ? 1 : 0;
  for (const n of names) {
    positions.push(offset);
    offset += n.length + 1;
  }
  let reads: PathRead[];
  let usesIndex = false;
  if (variable) {
    const name = names[0]!;
    if (name === "index") usesIndex = true;
    if (name === "index" || name === "today" || BUILTIN_FUNCTIONS.has(name)) {
      reads = [];
    } else {
      const root: ReadRoot = name === "row" ? { kind: "row" } : name === "parent" ? { kind: "parent" } : name === "value" ? { kind: "value" } : { kind: "source", name };
      reads = [{ root, path: names.slice(1), positions: positions.slice(1), position: 0 }];
    }
  } else {
    reads = [{ root: { kind: "data" }, path: names, positions, position: 0 }];
  }
  let expr: jsonata.Expression | undefined;
  return {
    text,
    analysis: { reads, issues: [], usesIndex, simplePath: reads.length === 1 ? reads[0] : undefined },
    evaluate: (input, bindings) => {
      expr ??= parse(text, budget);
      return expr.evaluate(input, bindings) as Promise<unknown>;
    },
    under: underBudgets((b) => parse(text, b)),
  };
}

/** `ExpressionSyntaxError.code` of an expression nested deeper than `maxNesting` allows. */
export const TOO_DEEP = "too-deep";

/** Deepest nesting of an expression that can be analysed on a small stack (measured: 1,000 on 1 MB). */
const MAX_NESTING = 500;

/**
 * Deepest nesting (of AST nodes) an expression may have: its depth budget, since JSONata evaluates each
 * level of an expression in a frame of its own and a deeper one would run past the budget when evaluated
 * in full; and at most MAX_NESTING.
 */
export function maxNesting(budget: ExpressionBudget): number {
  return budget.depth > 0 ? Math.min(budget.depth, MAX_NESTING) : MAX_NESTING;
}

/**
 * The offset of the first bracket — `(`, `[` or `{` — that opens a level deeper than `limit`, outside
 * strings, quoted names and comments; undefined when there is none. JSONata's parser recurses once or
 * more per bracket: this is checked before it runs.
 */
function bracketDeeperThan(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === "`") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\" && c !== "`") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "(" || c === "[" || c === "{") {
      if (++depth > limit) return i;
    } else if (c === ")" || c === "]" || c === "}") {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** A stack overflow: a RangeError, or an InternalError in Firefox. */
const isStackOverflow = (error: unknown): boolean => error instanceof RangeError || (error as Error | undefined)?.name === "InternalError";

function tooDeep(budget: ExpressionBudget, position: number): ExpressionSyntaxError {
  const limit = maxNesting(budget);
  const why = limit === budget.depth ? "more than its evaluation depth budget allows" : "more than can be analysed";
  return new ExpressionSyntaxError(`the expression is nested more than ${limit} levels deep, ${why}`, TOO_DEEP, position);
}

export function compileExpression(text: string, budget: ExpressionBudget = DEFAULT_BUDGET): CompiledExpression {
  const plain = compilePlainPath(text, budget);
  if (plain) return plain;
  const limit = maxNesting(budget);
  const bracket = bracketDeeperThan(text, limit);
  if (bracket !== undefined) throw tooDeep(budget, bracket);
  let expr: jsonata.Expression;
  try {
    expr = parse(text, budget, limit);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) throw error;
    // Nesting without brackets (`1+1+…+1`, `- - … 1`) can still exhaust the parser's stack (a
    // RangeError; an InternalError in Firefox).
    if (isStackOverflow(error)) throw tooDeep(budget, 0);
    const e = error as { code?: string; message?: string; position?: number; token?: string };
    // jsonata positions point just past the offending token.
    const end = typeof e.position === "number" ? e.position : 0;
    // At the end of the text jsonata reports the pseudo-token "(end)".
    const atEnd = e.token === "(end)";
    const start = atEnd ? text.length : Math.max(0, end - (typeof e.token === "string" ? e.token.length : 1));
    throw new ExpressionSyntaxError(e.message ?? String(error), e.code ?? "S0000", Math.min(start, text.length));
  }
  let analysis: ExpressionAnalysis;
  try {
    analysis = analyse(expr.ast() as unknown as AstNode, text);
  } catch (error) {
    // Within MAX_NESTING the analysis fits in the stack, unless the host calls the load with little left.
    if (isStackOverflow(error)) throw tooDeep(budget, 0);
    throw error;
  }
  return {
    text,
    analysis,
    evaluate: (input, bindings) => expr.evaluate(input, bindings) as Promise<unknown>,
    under: underBudgets((b) => parse(text, b)),
  };
}

/** Offset of the first character of a node (jsonata positions point just past the token). */
function startOf(node: AstNode, text: string): number {
  const end = typeof node.position === "number" ? node.position : 0;
  if (node.type === "variable") return Math.max(0, end - String(node.value).length - 1);
  if (node.type === "name") {
    // A name in backticks (`full name`) ends after the closing backtick.
    const quoted = text[end - 1] === "`";
    return Math.max(0, end - String(node.value).length - (quoted ? 2 : 0));
  }
  return Math.max(0, end - 1);
}

function collectBound(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectBound(n, into);
    return;
  }
  if (!node || typeof node !== "object") return;
  const n = node as AstNode;
  if (n.type === "bind" && (n["lhs"] as AstNode | undefined)?.type === "variable") {
    into.add(String((n["lhs"] as AstNode).value));
  }
  if (n.type === "lambda" && Array.isArray(n["arguments"])) {
    for (const a of n["arguments"] as AstNode[]) into.add(String(a.value));
  }
  if (typeof n.focus === "string") into.add(n.focus);
  if (typeof n.index === "string") into.add(n.index);
  for (const key in n) {
    if (key === "type" || key === "value" || key === "position") continue;
    collectBound(n[key], into);
  }
}

function analyse(ast: AstNode, text: string): ExpressionAnalysis {
  const start = (node: AstNode) => startOf(node, text);
  const reads: PathRead[] = [];
  const issues: ExpressionIssue[] = [];
  const bound = new Set<string>();
  collectBound(ast, bound);
  let usesIndex = false;

  const rootOf = (variable: string, atRoot: boolean): ReadRoot | "local" | "unknown" | undefined => {
    if (variable === "") return atRoot ? { kind: "data" } : undefined; // `$` is the context item inside a step
    if (variable === "$") return { kind: "data" };
    if (bound.has(variable)) return "local";
    if (variable === "row") return { kind: "row" };
    if (variable === "parent") return { kind: "parent" };
    if (variable === "value") return { kind: "value" };
    if (variable === "index") {
      usesIndex = true;
      return "local";
    }
    if (variable === "today" || BUILTIN_FUNCTIONS.has(variable)) return "local";
    return { kind: "source", name: variable };
  };

  /** Keys whose expressions are evaluated against each item of what the node yields, not its context. */
  const RELATIVE = new Set(["predicate", "stages", "group"]);

  const walkChildren = (node: AstNode, atRoot: boolean, skip?: Set<string>): void => {
    for (const key in node) {
      if (key === "type" || key === "value" || key === "position" || RELATIVE.has(key) || skip?.has(key)) continue;
      walkAny(node[key], atRoot);
    }
    walkRelative(node);
  };

  /** Predicates, stages and grouping see the node's results, not the form: names there are relative. */
  const walkRelative = (node: AstNode): void => {
    walkAny(node.predicate, false);
    walkAny(node.stages, false);
    const group = node.group as { lhs?: unknown } | undefined;
    if (group && typeof group === "object") walkAny(group.lhs, false);
  };

  const walkAny = (value: unknown, atRoot: boolean): void => {
    if (Array.isArray(value)) {
      for (const v of value) walkAny(v, atRoot);
    } else if (value && typeof value === "object" && typeof (value as AstNode).type === "string") {
      walk(value as AstNode, atRoot);
    }
  };

  const countParents = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + countParents(v), 0);
    if (!value || typeof value !== "object") return 0;
    let n = (value as AstNode).type === "parent" ? 1 : 0;
    for (const key in value as AstNode) if (key !== "type" && key !== "value" && key !== "position") n += countParents((value as AstNode)[key]);
    return n;
  };

  const walkPath = (node: AstNode, atRoot: boolean): void => {
    const steps = node.steps ?? [];
    const first = steps[0];
    let root: ReadRoot | undefined;
    let index = 0;
    if (first?.type === "variable") {
      const r = rootOf(String(first.value), atRoot);
      if (r && r !== "local" && r !== "unknown") root = r;
      index = 1;
      walkChildren(first, false);
    } else if (first?.type === "name") {
      if (atRoot) root = { kind: "data" };
    } else if (first) {
      // A path that starts with a block, a function call, an array or a wildcard: what it reads is
      // read in the enclosing context; `*` and `**` from the root read the whole form.
      index = 1;
      if ((first.type === "wildcard" || first.type === "descendant") && atRoot) {
        root = { kind: "data" };
        index = steps.length; // the whole form: no narrower path
      } else {
        walk(first, atRoot);
      }
    }
    const path: string[] = [];
    const positions: number[] = [];
    let simple = index === 0 || first?.type === "variable";
    for (; root && index < steps.length; index++) {
      const step = steps[index]!;
      if (step.type !== "name") {
        simple = false;
        break;
      }
      path.push(String(step.value));
      positions.push(start(step));
      if (step.stages || step.predicate || step.group || step.focus || step.index || step["tuple"] || step["ancestor"]) {
        simple = false;
        index++;
        break;
      }
    }
    if (index < steps.length || (first && first.type !== "name" && first.type !== "variable")) simple = false;
    // The parent operator `%` climbs back up: each one widens the read by a level.
    const parents = countParents(steps);
    if (parents > 0) {
      simple = false;
      path.splice(Math.max(0, path.length - parents));
      positions.splice(path.length);
    }
    if (root) reads.push({ root, path, positions, position: first ? start(first) : 0 });
    // Everything after the plain prefix is relative to what the prefix read (already covered),
    // but may still mention variables ($citizen, $$, $row) that are reads of their own.
    for (let i = 1; i < steps.length; i++) walkChildren(steps[i]!, false);
    if (first?.type === "name") walkChildren(first, false);
    walkRelative(node);
    if (simple && root && reads.length === 1 && node === astRoot) simpleCandidate = reads[0];
  };

  const walk = (node: AstNode, atRoot: boolean): void => {
    switch (node.type) {
      case "path":
        walkPath(node, atRoot);
        return;
      case "variable": {
        const name = String(node.value);
        const r = rootOf(name, atRoot);
        if (r && r !== "local" && r !== "unknown") {
          reads.push({ root: r, path: [], positions: [], position: start(node) });
          if (node === astRoot && !node.predicate && !node.stages) simpleCandidate = reads[reads.length - 1];
        }
        walkChildren(node, false);
        return;
      }
      case "name":
        if (atRoot) reads.push({ root: { kind: "data" }, path: [String(node.value)], positions: [start(node)], position: start(node) });
        walkChildren(node, false);
        return;
      case "wildcard":
      case "descendant":
        if (atRoot) reads.push({ root: { kind: "data" }, path: [], positions: [], position: start(node) });
        walkRelative(node);
        return;
      case "function":
      case "partial": {
        const proc = node["procedure"] as AstNode | undefined;
        if (proc?.type === "variable") {
          const name = String(proc.value);
          const forbidden = FORBIDDEN_FUNCTIONS.get(name);
          if (forbidden) {
            issues.push({ code: "forbidden-function", message: `$${name} is not allowed: ${forbidden}.`, position: start(proc) });
          } else if (!BUILTIN_FUNCTIONS.has(name) && !bound.has(name)) {
            issues.push({ code: "unknown-function", message: `unknown function $${name}()`, position: start(proc) });
          }
        } else if (proc) {
          walk(proc, atRoot);
        }
        walkAny(node["arguments"], atRoot);
        walkRelative(node);
        return;
      }
      case "bind":
        walkAny(node["rhs"], atRoot);
        return;
      default:
        walkChildren(node, atRoot);
    }
  };

  let simpleCandidate: PathRead | undefined;
  const astRoot = ast;
  walk(ast, true);
  const simplePath = simpleCandidate && reads.length === 1 && issues.length === 0 ? simpleCandidate : undefined;
  return { reads, issues, usesIndex, simplePath };
}

