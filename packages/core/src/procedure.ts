/** The compiled procedure: what `loadProcedure` returns and `createForm` runs. */
import type { BlockUse } from "./block-origin.js";
import type { CompiledExpression } from "./expressions.js";
import type { ExpressionKeyword } from "./keywords.js";
import { nodeAt, type FieldNode } from "./model.js";
import { ANY_ROW, isIndexSegment, parentPointer, parsePointer } from "./pointer.js";
import type { Locale, LocalizedText, ProcedureDocument, StepDocument } from "./types.js";
import type { SchemaValidator } from "./validator.js";

/** A data path an expression reads, resolved to a template pointer of the form. */
export interface ResolvedRead {
  /** Template pointer (`-` for rows). Reading it reads its subtree. */
  readonly pointer: string;
  /**
   * How many array levels the read shares with the field that owns the expression: 0 for a read from
   * the root (`members.fullName` reads every row), n for `$row`/`$value` reads (only the same row).
   */
  readonly level: number;
  /** Offset of the read in the expression text. */
  readonly position: number;
}

/** One expression of the procedure, as compiled and analysed at load time. */
export interface ExpressionTemplate {
  readonly id: number;
  /** Position in evaluation order: an expression runs after every expression whose output it reads. */
  readonly rank: number;
  readonly keyword: ExpressionKeyword;
  /** For `x-rules`: the index of the rule. */
  readonly ruleIndex: number | undefined;
  /** The field the keyword sits on; for `x-row-title`, the items of the array it sits on (one instance per row). */
  readonly node: FieldNode;
  /** JSON pointer of the keyword (or the rule's `assert`) in the procedure document. */
  readonly keywordPointer: string;
  readonly text: string;
  readonly compiled: CompiledExpression;
  readonly reads: readonly ResolvedRead[];
  /** Source reads, e.g. `{source: "citizen", path: ["fullName"]}`: provenance of prefilled values. */
  readonly sourceReads: readonly { readonly source: string; readonly path: readonly string[] }[];
  readonly usesIndex: boolean;
  /** The expression changes data: `x-prefill`, `x-compute`, or `x-visible` (hidden values leave the data). */
  readonly writes: boolean;
  /** For `x-rules`: the rule's message. */
  readonly message: LocalizedText | undefined;
  /** For `step` and `exit`: the index of the step whose `x-visible` it is. */
  readonly step: number | undefined;
  /** For `lookup`: the name of the lookup whose input it is. */
  readonly lookup?: string | undefined;
}

export interface ReaderRef {
  readonly expression: ExpressionTemplate;
  readonly level: number;
}

/** A compiled procedure. Immutable; one may serve any number of forms. */
export interface Procedure {
  readonly document: ProcedureDocument;
  readonly id: string;
  readonly version: string;
  readonly major: number;
  readonly title: string;
  readonly defaultLocale: Locale;
  /**
   * Whether the citizen signs the declaration (the document's `signature`): `required`, `optional`, or
   * undefined for no signing. `<tk-form>` signs with its `signer`; `validateSubmission` checks it.
   */
  readonly signature: "required" | "optional" | undefined;
  /** The field tree of the data schema. */
  readonly root: FieldNode;
  /** Every field node, in document order. */
  readonly fields: readonly FieldNode[];
  /** The procedure's steps; a procedure without `steps` has one step holding every top-level field. */
  readonly steps: readonly StepDocument[];
  readonly sourceNames: readonly string[];
  /** The lookups the procedure declares (`lookups`), read as `$<name>` like sources. */
  readonly lookupNames: readonly string[];
  /** @internal The input expression of each lookup. */
  readonly lookupInputs: ReadonlyMap<string, ExpressionTemplate>;
  /** @internal The expressions that read each lookup's result. */
  readonly lookupReaders: ReadonlyMap<string, readonly ExpressionTemplate[]>;
  /** Every expression, in evaluation order. */
  readonly expressions: readonly ExpressionTemplate[];
  /** Expressions by the field they sit on. */
  readonly expressionsOf: ReadonlyMap<FieldNode, readonly ExpressionTemplate[]>;
  /** Validator of the submission data. */
  readonly validateData: SchemaValidator;
  /** The building blocks the procedure uses (see blocks.ts): absent when it uses none. Its `document` holds them. */
  readonly blocks?: readonly BlockUse[];
  /** @internal Readers whose read pointer is exactly the key. */
  readonly readersAt: ReadonlyMap<string, readonly ReaderRef[]>;
  /** @internal Readers whose read pointer is the key or below it. */
  readonly readersBelow: ReadonlyMap<string, readonly ReaderRef[]>;
}

/** The field node of a data pointer (`/members/2/fullName`) or template pointer (`/members/-/fullName`). */
export function fieldNode(procedure: Procedure, pointer: string): FieldNode | undefined {
  return nodeAt(procedure.root, parsePointer(pointer));
}

/** The field is computed (`x-compute` on it or on an enclosing field). */
export function isComputed(node: FieldNode): boolean {
  for (let n: FieldNode | undefined = node; n; n = n.parent) if (n.schema["x-compute"] !== undefined) return true;
  return false;
}

/** Errors sorted by their field's place in the document (then by pointer); stable for errors of one field. */
export function inDocumentOrder<E extends { readonly pointer: string }>(procedure: Procedure, errors: readonly E[]): E[] {
  const order = (p: string) => {
    try {
      return templateOf(procedure, parsePointer(p))?.node.order ?? 0;
    } catch {
      return 0; // not a pointer: an envelope problem, first
    }
  };
  return errors
    .map((e, i) => ({ e, i, o: order(e.pointer) }))
    .sort((a, b) => a.o - b.o || (a.e.pointer < b.e.pointer ? -1 : a.e.pointer > b.e.pointer ? 1 : a.i - b.i))
    .map((x) => x.e);
}

/** Replaces the row indices of a data pointer by `-`. Returns undefined if the pointer is not in the schema. */
export function templateOf(procedure: Procedure, segments: readonly string[]): { node: FieldNode; indices: number[] } | undefined {
  let node: FieldNode | undefined = procedure.root;
  const indices: number[] = [];
  for (const s of segments) {
    if (node.items && !node.properties?.has(s)) {
      if (!isIndexSegment(s) && s !== ANY_ROW) return undefined;
      indices.push(s === ANY_ROW ? -1 : Number(s));
      node = node.items;
    } else {
      node = node.properties?.get(s);
      if (!node) return undefined;
    }
  }
  return { node, indices };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The procedure of a document whose parts are worked out (by `loadProcedure` from the document, or
 * read from a compiled procedure): indexes the expressions by what they read and where they sit.
 */
export function assembleProcedure(
  document: ProcedureDocument,
  tree: { readonly root: FieldNode; readonly nodes: readonly FieldNode[] },
  steps: readonly StepDocument[],
  sourceNames: readonly string[],
  order: readonly ExpressionTemplate[],
  validateData: SchemaValidator,
): Procedure {
  const lookupNames = document.lookups && typeof document.lookups === "object" ? Object.keys(document.lookups) : [];
  const lookupInputs = new Map<string, ExpressionTemplate>();
  const lookupReaders = new Map<string, ExpressionTemplate[]>();
  const readersAt = new Map<string, ReaderRef[]>();
  const readersBelow = new Map<string, ReaderRef[]>();
  const expressionsOf = new Map<FieldNode, ExpressionTemplate[]>();
  for (const e of order) {
    for (const read of e.reads) {
      const ref: ReaderRef = { expression: e, level: read.level };
      push(readersAt, read.pointer, ref);
      for (let p: string | undefined = read.pointer; p !== undefined; p = parentPointer(p)) push(readersBelow, p, ref);
    }
    push(expressionsOf, e.node, e);
    if (e.keyword === "lookup" && e.lookup !== undefined) lookupInputs.set(e.lookup, e);
    for (const name of new Set(e.sourceReads.map((r) => r.source))) if (lookupNames.includes(name)) push(lookupReaders, name, e);
  }
  const version = String(document.version);
  return {
    document,
    id: document.id,
    version,
    major: Number(version.split(".")[0]),
    title: document.title,
    defaultLocale: (document.defaultLocale ?? "vi") as Locale,
    signature: document.signature === "required" ? "required" : document.signature === "optional" ? "optional" : undefined,
    root: tree.root,
    fields: tree.nodes,
    steps,
    sourceNames,
    lookupNames,
    lookupInputs,
    lookupReaders,
    expressions: order,
    expressionsOf,
    validateData,
    readersAt,
    readersBelow,
  };
}
