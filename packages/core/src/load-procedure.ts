/**
 * `loadProcedure`: checks a procedure document, compiles every expression and validator once, and
 * builds the dependency graph. Every problem found is reported at once, each with its location.
 */
import { BUILTIN_FUNCTIONS, compileExpression, DEFAULT_BUDGET, ExpressionSyntaxError, RESERVED_VARIABLES, TOO_DEEP, type ExpressionBudget, type PathRead } from "./expressions.js";
import { KNOWN_FORMATS, TOKHAI_FORMATS } from "./formats.js";
import { EXPRESSION_KEYWORDS, JSON_SCHEMA_KEYWORDS, type ExpressionKeyword } from "./keywords.js";
import { buildFieldTree, keywordPointer, nodeAt, type FieldNode } from "./model.js";
import { deeperThan } from "./equal.js";
import { ANY_ROW, appendPointer, escapeSegment, formatPointer, isPrefixPointer, parentPointer, parsePointer } from "./pointer.js";
import { jsonSyntaxProblem } from "./json-position.js";
import { schemaFingerprint } from "./fingerprint.js";
import { defaultSteps, isSafeHref, stepFields } from "./steps.js";
import { assembleProcedure, type ExpressionTemplate, type Procedure, type ResolvedRead } from "./procedure.js";
import { ProcedureError, type ProcedureProblem } from "./procedure-error.js";
import { bundleBlocks, hasExternalRefs, refChain, type ResolveDocument } from "./blocks.js";
import { originOf } from "./block-origin.js";
import { localeProblems } from "./translations.js";
import type { ProcedureDocument, StepDocument } from "./types.js";
import type { SchemaCompiler, SchemaValidator } from "./validator.js";

export interface LoadOptions {
  /** Limits of every expression evaluation (`ExpressionBudget`). Defaults: 100 ms, depth 400, sequences of 100,000 items, size 10,000,000, no step limit; 0 lifts a limit. For a decision that does not depend on the machine's speed (tests, a back end), `{ timeMs: 0, steps: 200_000 }`. */
  readonly budget?: Partial<ExpressionBudget>;
  /**
   * Precompiled validator of the submission data (the module made by `tokhai compile`). With it,
   * nothing is compiled at run time and no code is generated: suitable for a strict CSP. The document is
   * then assumed checked by `tokhai check` and is not validated against the meta-schema.
   */
  readonly validators?: PrecompiledValidators;
  /**
   * Compile the data validator (run-time ajv) on its first use instead of during the load. The document,
   * its schemas and its patterns are still checked at load, so a procedure that loads compiles. A page
   * paints a large form sooner and compiles while the citizen reads (`<tk-form>` does this). Default: false.
   */
  readonly deferCompile?: boolean;
  /**
   * Fetches the documents the schema's `$ref`s name (building blocks, see blocks.ts): called with the
   * reference resolved against the URI of the document that holds it, and that URI. Without it, a `$ref`
   * to another document is a problem.
   */
  readonly resolve?: ResolveDocument;
  /** The procedure's own URI, against which its references to blocks are resolved (a file URL, a path). */
  readonly uri?: string;
}

export interface PrecompiledValidators {
  /**
   * What the validators were compiled from (`tokhai compile` writes it): the procedure's id and version,
   * and the fingerprint of the schema's checks. A mismatch is a load problem: compile again.
   */
  readonly procedure?: { readonly id: string; readonly version: string; readonly schema?: string };
  readonly data: SchemaValidator;
}

const RESERVED_SOURCES = new Set<string>([...RESERVED_VARIABLES, "user", "computed", "default"]);

/** Parses procedure text; a JSON syntax error becomes a located ProcedureError. */
function parseDocument(input: unknown): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new ProcedureError([{ pointer: "", code: "json", ...jsonSyntaxProblem(input, error) }]);
  }
}

/**
 * Deepest nesting of objects and arrays in a procedure document. The meta-schema check, ajv's check of
 * the schemas and the compiled validators recurse at least once per level, and run out of stack between
 * 320 and 460 levels of schemas (a 1 MB stack: Node's main thread, browsers). A form's schema is a
 * couple of dozen levels deep.
 */
export const MAX_DEPTH = 128;

export async function loadProcedureWith(
  input: unknown,
  options: LoadOptions,
  compiler: SchemaCompiler | undefined,
): Promise<Procedure> {
  const doc = parseDocument(input);
  const own = doc as ProcedureDocument;
  if (!options.resolve || !isObject(doc) || !isObject(own.schema) || deeperThan(doc, MAX_DEPTH + 1) || !hasExternalRefs(own.schema)) {
    return loadDocument(doc, options, compiler);
  }
  const title = typeof own.id === "string" ? `procedure "${own.id}"` : "procedure";
  const { bundle, problems } = await bundleBlocks(own, options.resolve, options.uri);
  if (!bundle) throw new ProcedureError(problems, title);
  try {
    return { ...(await loadDocument(bundle.document, options, compiler)), blocks: bundle.blocks };
  } catch (error) {
    if (!(error instanceof ProcedureError)) throw error;
    // A problem of the bundled document, located in the file it comes from.
    throw new ProcedureError(
      error.problems.map((p) => {
        const origin = originOf(p.pointer, bundle.blocks, own);
        if (origin.uri === undefined) return p;
        // A field's keyword: through the $refs that placed that field (a block may be reached several ways).
        const field = PROBLEM_FIELDS.get(p);
        const via = field ? refChain(field, bundle.document, p.pointer, bundle.blocks) : undefined;
        return { ...p, ...origin, ...(via ? { via } : {}) };
      }),
      title,
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

async function loadDocument(doc: unknown, options: LoadOptions, compiler: SchemaCompiler | undefined): Promise<Procedure> {
  const problems: ProcedureProblem[] = [];
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ProcedureError([{ pointer: "", code: "document", message: "a procedure must be a JSON object" }]);
  }
  // The document itself is the first level.
  const deep = deeperThan(doc, MAX_DEPTH + 1);
  if (deep) {
    throw new ProcedureError([
      {
        pointer: formatPointer(deep.path),
        code: "too-deep",
        message: `the document is nested more than ${MAX_DEPTH} levels deep here; no form needs that many, and checking it would exhaust the stack`,
      },
    ]);
  }
  if (compiler && !options.validators) {
    problems.push(...compiler.checkDocument(doc));
  }
  const document = doc as ProcedureDocument;
  if (!document.schema || typeof document.schema !== "object") {
    if (!problems.some((p) => p.pointer === "/schema")) {
      problems.push({
        pointer: "/schema",
        code: "document",
        message: document.schema === undefined ? 'missing the "schema" of the submission data' : '"schema" must be a JSON Schema object describing the submission data',
      });
    }
    throw new ProcedureError(problems);
  }
  const title = typeof document.id === "string" ? `procedure "${document.id}"` : "procedure";
  const budget: ExpressionBudget = { ...DEFAULT_BUDGET, ...options.budget };

  // JSON Schema validity of the data schema and of each source schema.
  const sources = document.sources && typeof document.sources === "object" ? document.sources : {};
  const lookups = document.lookups && typeof document.lookups === "object" && !Array.isArray(document.lookups) ? document.lookups : {};
  // Sources and lookups are read alike (`$name`), so they share one namespace.
  const registers: [string, { schema?: unknown } | undefined, string][] = [
    ...Object.entries(sources).map(([name, s]): [string, { schema?: unknown } | undefined, string] => [name, s, `/sources/${escapeSegment(name)}`]),
    ...Object.entries(lookups).map(([name, l]): [string, { schema?: unknown } | undefined, string] => [name, l, `/lookups/${escapeSegment(name)}`]),
  ];
  if (compiler && !options.validators) {
    problems.push(...compiler.checkSchema(document.schema, "/schema"));
    for (const [, register, at] of registers) {
      if (register && typeof register === "object" && register.schema && typeof register.schema === "object") {
        problems.push(...compiler.checkSchema(register.schema as object, `${at}/schema`));
      }
    }
  }

  // Field trees.
  const tree = buildFieldTree(document.schema, "/schema");
  for (const p of tree.problems) problems.push({ code: "schema", ...p });
  let truncated = tree.truncated;
  const sourceTrees = new Map<string, FieldNode>();
  for (const [name, register, at] of registers) {
    const what = at.startsWith("/lookups/") ? "lookup" : "source";
    if (RESERVED_SOURCES.has(name)) {
      problems.push({ pointer: at, code: "reserved-source", message: `"${name}" is reserved and cannot name a ${what}` });
    } else if (BUILTIN_FUNCTIONS.has(name)) {
      problems.push({ pointer: at, code: "reserved-source", message: `"${name}" is the name of the JSONata function $${name}() and cannot name a ${what}` });
    } else if (what === "lookup" && Object.prototype.hasOwnProperty.call(sources, name)) {
      problems.push({ pointer: at, code: "reserved-source", message: `"${name}" already names a source: a lookup needs a name of its own, since both are read as $${name}` });
      continue;
    }
    if (register && typeof register === "object" && register.schema && typeof register.schema === "object") {
      const t = buildFieldTree(register.schema as ProcedureDocument["schema"], `${at}/schema`);
      for (const p of t.problems) problems.push({ code: "schema", ...p });
      sourceTrees.set(name, t.root);
      truncated ||= t.truncated;
    }
  }
  // A schema that expands to too many fields was only partly read: checking the expressions and steps
  // of that part would take long and report problems that are not there.
  if (truncated) throw new ProcedureError(sortProblems(problems), title);

  // Keywords and formats of each field.
  for (const node of tree.nodes) checkKeywords(node, problems);

  // Expressions.
  const expressions: MutableExpression[] = [];
  for (const node of tree.nodes) {
    for (const keyword of EXPRESSION_KEYWORDS) {
      const text = node.schema[keyword];
      if (text === undefined) continue;
      if (typeof text !== "string") continue; // reported by the meta-schema
      const e = compile(text, keyword, undefined, node, keywordPointer(node, keyword), budget, tree.root, sourceTrees, problems, expressions.length);
      if (e) expressions.push(e);
    }
    const rowTitle = node.schema["x-row-title"];
    if (typeof rowTitle === "string") {
      // The title of each row: an expression of the items, so that `$row`, `$index` and `$value` are the row's.
      if (!node.items) {
        problems.push({ pointer: keywordPointer(node, "x-row-title"), code: "row-title-not-array", message: "x-row-title names the rows of an array, and this field is not an array" });
      } else {
        const e = compile(rowTitle, "x-row-title", undefined, node.items, keywordPointer(node, "x-row-title"), budget, tree.root, sourceTrees, problems, expressions.length);
        if (e) expressions.push(e);
      }
    }
    const rules = node.schema["x-rules"];
    if (Array.isArray(rules)) {
      rules.forEach((rule, i) => {
        if (!rule || typeof rule !== "object" || typeof rule.assert !== "string") return;
        const e = compile(rule.assert, "x-rules", i, node, `${keywordPointer(node, "x-rules")}/${i}/assert`, budget, tree.root, sourceTrees, problems, expressions.length);
        if (e) {
          e.message = rule.message;
          expressions.push(e);
        }
      });
    }
    if (node.schema["x-lock"] === true && node.schema["x-prefill"] === undefined && !hasPrefilledAncestor(node)) {
      problems.push({ pointer: keywordPointer(node, "x-lock"), code: "lock-without-prefill", message: "x-lock needs an x-prefill on this field or on an enclosing one" });
    }
  }

  // Lookups: each one's input, an expression of the form (on its root).
  for (const [name, lookup] of Object.entries(lookups)) {
    const text = lookup && typeof lookup === "object" ? lookup.input : undefined;
    if (typeof text !== "string") continue; // reported by the meta-schema
    const e = compile(text, "lookup", undefined, tree.root, `/lookups/${escapeSegment(name)}/input`, budget, tree.root, sourceTrees, problems, expressions.length);
    if (e) {
      e.lookup = name;
      expressions.push(e);
    }
  }

  // Steps, and their conditions: a step's on each field it shows, an exit page's on the form.
  const steps = normaliseSteps(document, tree.root, problems);
  steps.forEach((step, s) => {
    const text = step && typeof step === "object" ? step["x-visible"] : undefined; // a step that is not an object: reported by the meta-schema
    if (typeof text !== "string") return;
    const at = `/steps/${s}/x-visible`;
    const targets = step.kind === "exit" ? [tree.root] : stepFields(step).flatMap((p) => nodeAt(tree.root, parsePointer(p)) ?? []);
    for (const node of targets) {
      const e = compile(text, step.kind === "exit" ? "exit" : "step", undefined, node, at, budget, tree.root, sourceTrees, problems, expressions.length);
      if (e) {
        e.step = s;
        expressions.push(e);
      }
    }
  });
  problems.push(...localeProblems(document, tree.nodes));

  // Dependency graph: order, cycles, reader index.
  const order = orderExpressions(expressions, problems);

  let validateData: SchemaValidator | undefined = options.validators?.data;
  if (!validateData && problems.length === 0) {
    if (!compiler) {
      throw new TypeError("tokhai: loadProcedure needs precompiled validators (options.validators) in this build.");
    }
    if (options.deferCompile) {
      validateData = compileOnFirstUse(() => compiler.compile(document.schema), title);
    } else {
      try {
        validateData = compiler.compile(document.schema);
      } catch (error) {
        problems.push(compileProblem(error));
      }
    }
  }
  if (options.validators?.procedure && document.id !== undefined) {
    const pv = options.validators.procedure;
    if (pv.id !== document.id || pv.version !== document.version) {
      problems.push({ pointer: "/id", code: "validators", message: `the precompiled validators are for ${pv.id}@${pv.version}, not ${document.id}@${document.version}` });
    } else if (pv.schema !== undefined && pv.schema !== schemaFingerprint(document.schema)) {
      problems.push({
        pointer: "/schema",
        code: "validators",
        message: `the precompiled validators were compiled from another schema of ${pv.id}@${pv.version} (its checks changed since): run \`tokhai compile\` again`,
      });
    }
  }
  if (problems.length > 0 || !validateData) throw new ProcedureError(sortProblems(problems), title);

  return assembleProcedure(document, tree, steps, Object.keys(sources), order, validateData);
}

function compileProblem(error: unknown): ProcedureProblem {
  return { pointer: "/schema", code: "json-schema", message: `cannot compile the schema: ${(error as Error).message}` };
}

/**
 * A validator that compiles on its first call. Should the compilation fail (a schema the load checks
 * could not foresee), that call and every later one throw the ProcedureError the load would have.
 */
function compileOnFirstUse(compile: () => SchemaValidator, title: string): SchemaValidator {
  let inner: SchemaValidator | undefined;
  let failure: ProcedureError | undefined;
  const validate: SchemaValidator = (data: unknown): boolean => {
    if (failure) throw failure;
    if (!inner) {
      try {
        inner = compile();
      } catch (error) {
        throw (failure = new ProcedureError([compileProblem(error)], title));
      }
    }
    const valid = inner(data);
    validate.errors = inner.errors;
    return valid;
  };
  return validate;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Drops exact repeats, and the meta-schema's generic complaint about a location that a specific check
 * explains better (a reserved source name: "not an allowed name here" beside "reserved, because …").
 */
function sortProblems(problems: ProcedureProblem[]): ProcedureProblem[] {
  const seen = new Set<string>();
  const specific = new Set(problems.filter((p) => p.code !== "document").map((p) => p.pointer));
  return problems.filter((p) => {
    if (p.code === "document" && p.pointer !== "" && specific.has(p.pointer)) return false;
    const key = `${p.pointer}\u0000${p.message}\u0000${p.position ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hasPrefilledAncestor(node: FieldNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.schema["x-prefill"] !== undefined) return true;
  return false;
}

function checkKeywords(node: FieldNode, problems: ProcedureProblem[]): void {
  for (const key of Object.keys(node.schema)) {
    if (key.startsWith("x-") || JSON_SCHEMA_KEYWORDS.has(key)) continue;
    problems.push({ pointer: keywordPointer(node, key), code: "unknown-keyword", message: `unknown keyword "${key}" (a typo? tokhai's own keywords start with "x-")` });
  }
  const format = node.schema.format;
  if (typeof format === "string" && !KNOWN_FORMATS.has(format)) {
    problems.push({ pointer: keywordPointer(node, "format"), code: "unknown-format", message: `unknown format "${format}"; known formats: ${[...KNOWN_FORMATS].join(", ")}` });
  }
  // ajv compares only the formats it can order (dates, times); on another it fails the whole schema.
  if (typeof format === "string" && Object.prototype.hasOwnProperty.call(TOKHAI_FORMATS, format)) {
    for (const key of ["formatMinimum", "formatMaximum", "formatExclusiveMinimum", "formatExclusiveMaximum"]) {
      if (node.schema[key] === undefined) continue;
      const hint = format === "year-month" ? `; bound a month with x-rules, e.g. "$value >= '2020-01'"` : "";
      problems.push({ pointer: keywordPointer(node, key), code: "format-compare", message: `${key} does not apply to format "${format}"${hint}` });
    }
  }
  const pattern = node.schema.pattern;
  if (typeof pattern === "string") checkPattern(pattern, keywordPointer(node, "pattern"), problems);
  const patternProperties = node.schema["patternProperties"];
  if (patternProperties && typeof patternProperties === "object") {
    for (const key of Object.keys(patternProperties)) {
      checkPattern(key, appendPointer(keywordPointer(node, "patternProperties"), key), problems);
    }
  }
}

/** A pattern must be a valid regular expression with the `u` flag, as ajv compiles it. */
function checkPattern(pattern: string, pointer: string, problems: ProcedureProblem[]): void {
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    problems.push({ pointer, code: "pattern", message: `not a valid regular expression: ${(error as Error).message}` });
  }
}

type MutableExpression = { -readonly [K in keyof ExpressionTemplate]: ExpressionTemplate[K] };

/**
 * The field each problem of an expression is about: a keyword of a building block serves every field
 * the block is used for, and the `$ref`s that placed that field say how the problem was reached.
 */
const PROBLEM_FIELDS = new WeakMap<ProcedureProblem, FieldNode>();

function compile(...args: Parameters<typeof compileOne>): MutableExpression | undefined {
  const problems = args[8];
  const before = problems.length;
  const e = compileOne(...args);
  for (let i = before; i < problems.length; i++) PROBLEM_FIELDS.set(problems[i]!, args[3]);
  return e;
}

function compileOne(
  text: string,
  keyword: ExpressionKeyword,
  ruleIndex: number | undefined,
  node: FieldNode,
  keywordPointer: string,
  budget: ExpressionBudget,
  root: FieldNode,
  sources: ReadonlyMap<string, FieldNode>,
  problems: ProcedureProblem[],
  id: number,
): MutableExpression | undefined {
  let compiled;
  try {
    compiled = compileExpression(text, budget);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      const deep = error.code === TOO_DEEP;
      problems.push({
        pointer: keywordPointer,
        code: deep ? "expression-depth" : "expression-syntax",
        message: deep ? `${keyword}: ${error.message}` : `syntax error in ${keyword}: ${error.message}`,
        position: error.position,
        expression: text,
      });
      return undefined;
    }
    throw error;
  }
  const where = (position: number) => ({ pointer: keywordPointer, position, expression: text });
  for (const issue of compiled.analysis.issues) problems.push({ ...where(issue.position), code: issue.code, message: issue.message });
  const reads: ResolvedRead[] = [];
  const sourceReads: { source: string; path: string[] }[] = [];
  for (const read of compiled.analysis.reads) {
    switch (read.root.kind) {
      case "source": {
        const tree = sources.get(read.root.name);
        if (!tree) {
          const known = [...sources.keys()].map((s) => "$" + s).join(", ");
          problems.push({ ...where(read.position), code: "unknown-source", message: `unknown source $${read.root.name}${known ? ` (declared ${[...sources.values()].some((t) => t.schemaPointer.startsWith("/lookups/")) ? "sources and lookups" : "sources"}: ${known})` : " (the procedure declares no sources)"}` });
          break;
        }
        const kind = tree.schemaPointer.startsWith("/lookups/") ? "lookup" : "source";
        const resolved = resolve(tree, read, `${kind} $${read.root.name}`, problems, where);
        if (resolved) sourceReads.push({ source: read.root.name, path: [...read.path] });
        break;
      }
      case "data": {
        const resolved = resolve(root, read, "the form", problems, where);
        if (resolved) reads.push({ pointer: resolved.pointer, level: 0, position: read.position });
        break;
      }
      case "row": {
        let base: FieldNode | undefined = node;
        while (base && base.segments[base.segments.length - 1] !== ANY_ROW) base = base.parent;
        if (!base) {
          problems.push({ ...where(read.position), code: "row-outside-array", message: "$row is only available inside the items of an array" });
          break;
        }
        const resolved = resolve(base, read, `the row ${base.pointer}`, problems, where);
        if (resolved) reads.push({ pointer: resolved.pointer, level: base.arrayDepth, position: read.position });
        break;
      }
      case "parent": {
        const base = node.parent;
        if (!base) {
          problems.push({ ...where(read.position), code: "parent-of-root", message: "$parent is the object that holds a field: the form's root has none" });
          break;
        }
        const resolved = resolve(base, read, `the object ${base.pointer || "/"}`, problems, where);
        if (resolved) reads.push({ pointer: resolved.pointer, level: base.arrayDepth, position: read.position });
        break;
      }
      case "value": {
        const resolved = resolve(node, read, `the field ${node.pointer || "/"}`, problems, where);
        if (resolved) reads.push({ pointer: resolved.pointer, level: node.arrayDepth, position: read.position });
        break;
      }
    }
  }
  if (compiled.analysis.usesIndex && node.arrayDepth === 0) {
    problems.push({ pointer: keywordPointer, code: "row-outside-array", message: "$index is only available inside the items of an array", position: text.indexOf("$index"), expression: text });
  }
  return {
    id,
    rank: 0,
    keyword,
    ruleIndex,
    node,
    keywordPointer,
    text,
    compiled,
    reads,
    sourceReads,
    usesIndex: compiled.analysis.usesIndex,
    writes: keyword === "x-prefill" || keyword === "x-compute" || keyword === "x-visible" || keyword === "step",
    message: undefined,
    step: undefined,
    lookup: undefined,
  };
}

/** Follows a read path down a field tree the way JSONata navigates (arrays are mapped over). */
function resolve(
  start: FieldNode,
  read: PathRead,
  what: string,
  problems: ProcedureProblem[],
  where: (position: number) => { pointer: string; position: number; expression: string },
): FieldNode | undefined {
  let node = start;
  for (let i = 0; i < read.path.length; i++) {
    const name = read.path[i]!;
    while (node.items && !node.properties?.has(name)) node = node.items;
    const next = node.properties?.get(name);
    if (next) {
      node = next;
      continue;
    }
    if (node.open || node.kind === "any") return node;
    const shown = read.path.slice(0, i + 1).join(".");
    const known = node.properties ? [...node.properties.keys()] : [];
    const message =
      node.kind === "object" || node.properties
        ? `${what} has no field "${shown}"${known.length ? ` (${node.pointer || "the root"} has: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""})` : ""}`
        : `${what} has no field "${shown}": ${node.pointer || "the root"} is a ${node.kind}`;
    problems.push({ ...where(read.positions[i] ?? read.position), code: "unknown-path", message });
    return undefined;
  }
  return node;
}

function normaliseSteps(document: ProcedureDocument, root: FieldNode, problems: ProcedureProblem[]): StepDocument[] {
  if (!Array.isArray(document.steps) || document.steps.length === 0) return defaultSteps(document, root);
  const ids = new Set<string>();
  document.steps.forEach((step, s) => {
    if (!step || typeof step !== "object" || Array.isArray(step)) return; // reported by the meta-schema
    if (typeof step.id === "string") {
      if (ids.has(step.id)) problems.push({ pointer: `/steps/${s}/id`, code: "duplicate-step", message: `another step already has the id "${step.id}"` });
      ids.add(step.id);
    }
    if (step.kind === "exit") {
      if (step["x-visible"] === undefined) {
        problems.push({ pointer: `/steps/${s}`, code: "exit-without-condition", message: "an exit page needs an x-visible: the condition under which the citizen cannot go on" });
      }
      const href = (step.link as { href?: unknown } | undefined)?.href;
      if (typeof href === "string" && !isSafeHref(href)) {
        problems.push({ pointer: `/steps/${s}/link/href`, code: "unsafe-link", message: `"${href.slice(0, 40)}" is not a link a form may show: use an http(s) or mailto URL, or a relative one` });
      }
      return;
    }
    if (!Array.isArray(step.fields)) return;
    (step.fields as readonly unknown[]).forEach((pointer, f) => {
      if (typeof pointer !== "string") return;
      let segments: string[];
      try {
        segments = parsePointer(pointer);
      } catch {
        problems.push({ pointer: `/steps/${s}/fields/${f}`, code: "unknown-pointer", message: `"${pointer}" is not a JSON pointer (it must start with "/")` });
        return;
      }
      if (!nodeAt(root, segments)) {
        problems.push({ pointer: `/steps/${s}/fields/${f}`, code: "unknown-pointer", message: `no field at "${pointer}" in the schema` });
      }
    });
  });
  return document.steps as StepDocument[];
}

/**
 * Orders expressions so each runs after every writer whose output it reads (Kahn's algorithm, ties
 * broken by document order), and reports cycles among writers, naming the fields in each.
 */
function orderExpressions(expressions: MutableExpression[], problems: ProcedureProblem[]): ExpressionTemplate[] {
  const writers = expressions.filter((e) => e.writes);
  const writersAt = new Map<string, MutableExpression[]>();
  const writersBelow = new Map<string, MutableExpression[]>();
  for (const w of writers) {
    push(writersAt, w.node.pointer, w);
    for (let p: string | undefined = w.node.pointer; p !== undefined; p = parentPointer(p)) push(writersBelow, p, w);
  }
  const edges = new Map<MutableExpression, Set<MutableExpression>>();
  const indegree = new Map<MutableExpression, number>(expressions.map((e) => [e, 0]));
  // A lookup's result is written by its input expression (through the host's resolver): whatever reads
  // `$<lookup>` runs after it, and a lookup whose input reads its own result is a cycle.
  const lookupInputs = new Map<string, MutableExpression>();
  for (const e of expressions) if (e.keyword === "lookup" && e.lookup !== undefined) lookupInputs.set(e.lookup, e);
  for (const e of expressions) {
    const from = new Set<MutableExpression>();
    for (const read of e.reads) {
      for (const w of writersBelow.get(read.pointer) ?? []) from.add(w);
      for (let p = parentPointer(read.pointer); p !== undefined; p = parentPointer(p)) for (const w of writersAt.get(p) ?? []) from.add(w);
    }
    for (const read of e.sourceReads) {
      const input = lookupInputs.get(read.source);
      if (input) from.add(input);
    }
    for (const w of from) {
      let out = edges.get(w);
      if (!out) edges.set(w, (out = new Set()));
      if (!out.has(e)) {
        out.add(e);
        indegree.set(e, indegree.get(e)! + 1);
      }
    }
  }
  // Kahn, taking the ready expression first in document order (expressions are created in document
  // order, so `id` is that order). `ready` is kept sorted by descending id: pop() takes the first.
  const ready = expressions.filter((e) => indegree.get(e) === 0).reverse();
  const order: MutableExpression[] = [];
  while (ready.length > 0) {
    const e = ready.pop()!;
    e.rank = order.length;
    order.push(e);
    for (const next of edges.get(e) ?? []) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) {
        let lo = 0;
        let hi = ready.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ready[mid]!.id > next.id) lo = mid + 1;
          else hi = mid;
        }
        ready.splice(lo, 0, next);
      }
    }
  }
  if (order.length < expressions.length) {
    const placed = new Set(order);
    const stuck = new Set(expressions.filter((e) => !placed.has(e)));
    for (const cycle of findCycles(stuck, edges)) {
      const names = cycle.map((e) => (e.keyword === "lookup" ? `$${e.lookup} (lookup input)` : `${e.node.pointer || "/"} (${e.keyword})`));
      const first = cycle[0]!;
      // Point at the read of the first expression that reaches another writer of the cycle.
      const members = new Set(cycle.filter((e) => e.writes).map((e) => e.node.pointer));
      const read: { readonly pointer?: string; readonly position: number } | undefined =
        first.reads.find((r) => [...members].some((m) => isPrefixPointer(m, r.pointer) || isPrefixPointer(r.pointer, m))) ??
        // or its read of a lookup of the cycle (`$party2`)
        first.compiled.analysis.reads.find((r) => r.root.kind === "source" && cycle.some((e) => e.lookup === (r.root as { name: string }).name));
      problems.push({
        pointer: first.keywordPointer,
        code: "cycle",
        message:
          `circular dependency: ${cycleText(names)}` +
          (read && read.pointer === "" ? " (it reads the whole form, itself included: read the fields it needs instead)" : ""),
        expression: first.text,
        ...(read ? { position: read.position } : {}),
      });
    }
    for (const e of stuck) {
      e.rank = order.length;
      order.push(e);
    }
  }
  return order;
}

/** The fields a cycle message names, before "… and N more": a cycle of thousands stays one line. */
const CYCLE_NAMES = 10;

/** "a → b → c → a", or for a long cycle its first CYCLE_NAMES members, "… and N more", and back to the first. */
function cycleText(names: readonly string[]): string {
  if (names.length <= CYCLE_NAMES) return [...names, names[0]].join(" → ");
  const more = names.length - CYCLE_NAMES;
  return [...names.slice(0, CYCLE_NAMES), `… and ${more.toLocaleString("en")} more`, names[0]].join(" → ");
}

/**
 * Strongly connected components (Tarjan) of the stuck subgraph that are real cycles. Iterative (a
 * frame per expression on the path, with its edge iterator), so a cycle through thousands of
 * expressions cannot exhaust the call stack; the components and their order are those of the
 * recursive algorithm.
 */
function findCycles(nodes: Set<MutableExpression>, edges: Map<MutableExpression, Set<MutableExpression>>): MutableExpression[][] {
  let index = 0;
  const indices = new Map<MutableExpression, number>();
  const low = new Map<MutableExpression, number>();
  const stack: MutableExpression[] = [];
  const onStack = new Set<MutableExpression>();
  const cycles: MutableExpression[][] = [];
  const none = new Set<MutableExpression>();
  const frames: { readonly v: MutableExpression; readonly next: Iterator<MutableExpression> }[] = [];
  const enter = (v: MutableExpression) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    frames.push({ v, next: (edges.get(v) ?? none).values() });
  };
  for (const root of nodes) {
    if (indices.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const { v, next } = frames[frames.length - 1]!;
      const step = next.next();
      if (!step.done) {
        const w = step.value;
        if (!nodes.has(w)) continue;
        if (!indices.has(w)) enter(w); // its low link reaches v when its frame is left
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
        continue;
      }
      frames.pop();
      if (low.get(v) === indices.get(v)) {
        const component: MutableExpression[] = [];
        let w: MutableExpression;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        const selfLoop = component.length === 1 && edges.get(v)?.has(v);
        if (component.length > 1 || selfLoop) {
          component.sort((a, b) => a.node.order - b.node.order || a.id - b.id);
          cycles.push(component);
        }
      }
      const parent = frames[frames.length - 1]?.v;
      if (parent) low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
    }
  }
  return cycles;
}

