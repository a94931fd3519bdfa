/**
 * The limits of one evaluation of an expression. Past any of them the evaluation throws an error object
 * as JSONata's own (`{ code, value, message }`, `value` the limit) and the form gives the keyword no
 * value and a diagnostic. A limit of 0 is no limit.
 *
 * `timeMs` depends on the machine's speed and load; `steps` does not: a test, or a back end that must
 * decide the same way whatever its load, sets `{ timeMs: 0, steps: n }` (or a generous `timeMs` and
 * `steps`). `size` is on by default: it bounds the memory an expression can allocate within its time.
 */
export interface ExpressionBudget {
  /** Longest an evaluation may run, in milliseconds, wall-clock (JSONata's code D1012). 0: no time limit. */
  readonly timeMs: number;
  /** Deepest nesting of evaluation (recursion), in AST evaluation frames (D1011). */
  readonly depth: number;
  /** Largest sequence an evaluation may build (e.g. `[1..n]`; D2014, D2015). */
  readonly sequence: number;
  /**
   * Most an evaluation may produce, summed over the result of every step (every AST node evaluated):
   * the characters of a string, the items of an array or sequence, the keys of an object
   * (`SIZE_BUDGET_EXCEEDED`). A value read again is counted again, so a loop that rebuilds or rereads a
   * large value runs out of it as surely as one that doubles a string. An expression that cannot grow
   * (paths, literals, operators other than `..`, calls of functions that return no more than they are
   * given; no binding, function of its own or range) is not counted unless `steps` is set: each value
   * it builds is at most a part of its data or its text (see `mayGrow`), and the count would cost about
   * a sixth of its evaluation.
   */
  readonly size: number;
  /**
   * Most AST nodes an evaluation may evaluate (`STEP_BUDGET_EXCEEDED`): a limit of work that does not
   * depend on the machine's speed. Default: none (only `timeMs`).
   */
  readonly steps?: number;
}

/**
 * `size` 10,000,000: over every persona and answer of the example procedures, one evaluation
 * produces at most 5,806 (and takes at most 955 steps), both for the options built from the
 * catalogue of administrative units (a sample; the whole country's 3,300 communes would make it some
 * tens of thousands). 10,000,000 leaves a margin of over a hundred to such a form, and stops a string
 * doubled some twenty times, or 20 MB of text built up. It is checked after each step, so one step (a
 * built-in function) may overshoot it, by at most that step's own result, before the evaluation stops.
 */
export const DEFAULT_BUDGET: ExpressionBudget = { timeMs: 100, depth: 400, sequence: 100_000, size: 10_000_000 };

/** Error code of an evaluation that produced more than its budget's `size`. */
export const SIZE_BUDGET_EXCEEDED = "TK001";
/** Error code of an evaluation that evaluated more AST nodes than its budget's `steps`. */
export const STEP_BUDGET_EXCEEDED = "TK002";

/**
 * JSONata calls the function bound to this symbol after evaluating each AST node, with
 * `(node, input, environment, result)`; `environment.base` is the frame of the one evaluation.
 */
const EVALUATE_EXIT = Symbol.for("jsonata.__evaluate_exit");

/** What an evaluation has used of its budget, kept on its base frame. */
const USED = Symbol("tokhai.budget.used");
interface Usage {
  size: number;
  steps: number;
}

/** The characters of a string, the items of an array, the keys of an object; 0 for anything else. */
function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value === null || typeof value !== "object") return 0;
  if (Array.isArray(value)) return value.length;
  let keys = 0;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) keys++;
  return keys;
}

function overBudget(code: string, limit: number, message: string): { code: string; value: number; message: string } {
  return { code, value: limit, message };
}

/** The exit hook that enforces `size` and `steps`; undefined when neither limits anything. */
function budgetHook(budget: ExpressionBudget): ((node: unknown, input: unknown, environment: { base: Record<symbol, Usage | undefined> }, result: unknown) => void) | undefined {
  const size = budget.size > 0 ? budget.size : Infinity;
  const steps = budget.steps !== undefined && budget.steps > 0 ? budget.steps : Infinity;
  if (size === Infinity && steps === Infinity) return undefined;
  return (_node, _input, environment, result) => {
    const base = environment.base;
    const used = (base[USED] ??= { size: 0, steps: 0 });
    if (++used.steps > steps) {
      throw overBudget(STEP_BUDGET_EXCEEDED, steps, `Evaluation exceeded its budget of ${steps} steps. Check for infinite loop`);
    }
    if (size !== Infinity && (used.size += sizeOf(result)) > size) {
      throw overBudget(
        SIZE_BUDGET_EXCEEDED,
        size,
        `Evaluation exceeded its size budget: it produced more than ${size} characters, items and keys. Check for a value that grows without bound`,
      );
    }
  };
}

/** JSONata's own options for a budget: time, depth and sequence length. */
export function jsonataOptions(budget: ExpressionBudget): Record<string, number> {
  return { timeout: budget.timeMs, stack: budget.depth, sequence: budget.sequence };
}

/**
 * Installs the size and step limits on an expression. JSONata awaits the hook after every node, which
 * costs about a sixth of a small expression's evaluation: without a step budget, an expression that
 * cannot grow (`grows()` false, see `mayGrow` in expressions.ts) goes without it.
 */
export function limit(expr: { assign(name: string, value: unknown): void }, budget: ExpressionBudget, grows: () => boolean): void {
  const hook = budgetHook(budget);
  if (hook && (budget.steps !== undefined && budget.steps > 0 ? true : grows())) {
    expr.assign(EVALUATE_EXIT as unknown as string, hook);
  }
}
