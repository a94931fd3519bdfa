/**
 * `loadCompiled`: the procedure of a compiled procedure (`tokhai compile`), with nothing parsed,
 * checked or analysed: the field tree is built from the checked schema, and every expression is
 * made from its AST when it is first evaluated.
 */
import { DEFAULT_BUDGET, type ExpressionBudget } from "./budget.js";
import { COMPILED_FORMAT, COMPILED_PROCEDURE, isCompiledProcedure, type CompiledExpressionData, type CompiledProcedure } from "./compiled.js";
import { expressionFromAst } from "./evaluator.js";
import { documentFingerprint } from "./fingerprint.js";
import { buildFieldTree, nodeAt } from "./model.js";
import { parsePointer } from "./pointer.js";
import { assembleProcedure, type ExpressionTemplate, type Procedure } from "./procedure.js";
import { ProcedureError, type ProcedureProblem } from "./procedure-error.js";
import { defaultSteps } from "./steps.js";
import type { LocalizedText, RuleDocument } from "./types.js";

export interface LoadCompiledOptions {
  /** Limits of every expression evaluation, as for `loadProcedure` (`LoadOptions.budget`). */
  readonly budget?: Partial<ExpressionBudget>;
  /**
   * The procedure document the compiled procedure is expected to be made from (a back end that keeps
   * both, a portal that serves the document beside the module): if it differs in anything, the load
   * fails: compile again.
   */
  readonly document?: unknown;
}

const WRITERS = new Set(["x-prefill", "x-compute", "x-visible", "step"]);

function refuse(message: string, pointer = ""): never {
  throw new ProcedureError([{ pointer, code: "compiled", message }], "compiled procedure");
}

/** What is wrong with the outer shape of a would-be compiled procedure, if anything. */
function shapeProblem(compiled: CompiledProcedure): string | undefined {
  if (compiled.format !== COMPILED_FORMAT) {
    return `it was compiled to format ${JSON.stringify(compiled.format)} and this version of tokhai reads format ${COMPILED_FORMAT}: run \`tokhai compile\` again with this version`;
  }
  const document = compiled.document as unknown;
  if (!document || typeof document !== "object" || Array.isArray(document) || !(document as { schema?: unknown }).schema) return "it has no procedure document";
  if (typeof compiled.fingerprint !== "string") return "it has no fingerprint";
  if (!compiled.validators || typeof compiled.validators.data !== "function") return "it has no data validator";
  if (!Array.isArray(compiled.expressions)) return "it has no list of expressions";
  return undefined;
}

/**
 * Loads a compiled procedure: the default export of the module `tokhai compile` writes. Synchronous,
 * and proportional to the size of the procedure: nothing is parsed, checked or compiled. Throws a
 * `ProcedureError` (code `compiled`) for what is not a compiled procedure of this version of tokhai,
 * or one made from another document than `options.document`.
 */
export function loadCompiled(compiled: unknown, options: LoadCompiledOptions = {}): Procedure {
  if (!isCompiledProcedure(compiled)) {
    refuse(`not a compiled procedure (the default export of a module made by \`tokhai compile\`, with tokhai: "${COMPILED_PROCEDURE}")`);
  }
  const problem = shapeProblem(compiled);
  if (problem) refuse(`this compiled procedure cannot be loaded: ${problem}`);
  const document = compiled.document;
  if (options.document !== undefined && documentFingerprint(options.document) !== compiled.fingerprint) {
    refuse(`the compiled procedure ${document.id}@${document.version} was made from another version of this document: run \`tokhai compile\` again`);
  }
  const budget: ExpressionBudget = { ...DEFAULT_BUDGET, ...options.budget };
  const tree = buildFieldTree(document.schema, "/schema");
  const steps = Array.isArray(document.steps) && document.steps.length > 0 ? document.steps : defaultSteps(document, tree.root);
  const problems: ProcedureProblem[] = [];
  const order: ExpressionTemplate[] = [];
  compiled.expressions.forEach((e: CompiledExpressionData, rank) => {
    const node = nodeAt(tree.root, parsePointer(e.field));
    if (!node) {
      problems.push({ pointer: e.keywordPointer, code: "compiled", message: `the compiled procedure has an expression on ${e.field || "/"}, which is not a field of its schema` });
      return;
    }
    const analysis = { reads: [], issues: [], usesIndex: e.usesIndex === true, simplePath: e.simplePath };
    let message: LocalizedText | undefined;
    if (e.keyword === "x-rules") message = (node.schema["x-rules"] as readonly RuleDocument[] | undefined)?.[e.ruleIndex ?? -1]?.message;
    order.push({
      id: e.id,
      rank,
      keyword: e.keyword,
      ruleIndex: e.ruleIndex,
      node,
      keywordPointer: e.keywordPointer,
      text: e.text,
      compiled: expressionFromAst(e.text, e.ast, analysis, e.grows === true, budget),
      reads: e.reads,
      sourceReads: e.sourceReads,
      usesIndex: e.usesIndex === true,
      writes: WRITERS.has(e.keyword),
      message,
      step: e.step,
      lookup: e.lookup,
    });
  });
  if (problems.length > 0) throw new ProcedureError(problems, `compiled procedure ${document.id}@${document.version}`);
  const sources = document.sources && typeof document.sources === "object" ? Object.keys(document.sources) : [];
  const procedure = assembleProcedure(document, tree, steps, sources, order, compiled.validators.data);
  return Array.isArray(compiled.blocks) ? { ...procedure, blocks: compiled.blocks } : procedure;
}
