/**
 * The field tree of a schema: one node per schema location that can hold a value, with template
 * pointers (`-` for array items). Built for the procedure's data schema and for each source schema.
 */
import { ANY_ROW, appendPointer, fragmentSegments, getIn, isIndexSegment } from "./pointer.js";
import type { SchemaNode } from "./types.js";

export type FieldKind = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null" | "any";

export interface FieldNode {
  /** Template pointer in the data (`/members/-/fullName`). */
  readonly pointer: string;
  readonly segments: readonly string[];
  /** Pointer of this node's schema in the procedure document, after `$ref` resolution. */
  readonly schemaPointer: string;
  /**
   * For a `$ref` beside other keywords, whose schema is the referenced one merged with them: where the
   * referenced schema is. Its keywords are written there, those beside the `$ref` at `schemaPointer`
   * (see `keywordPointer`). A `$ref` to a schema that is itself a `$ref` with keywords beside it (a
   * block refining another block's field) has those levels in `via`, outermost first.
   */
  readonly ref?: {
    readonly pointer: string;
    readonly beside: ReadonlySet<string>;
    readonly via?: readonly { readonly pointer: string; readonly keys: ReadonlySet<string> }[];
  };
  readonly schema: SchemaNode;
  readonly parent: FieldNode | undefined;
  readonly kind: FieldKind;
  readonly nullable: boolean;
  readonly properties: ReadonlyMap<string, FieldNode> | undefined;
  readonly items: FieldNode | undefined;
  /** Number of arrays above this node. */
  readonly arrayDepth: number;
  /** Position in document order. */
  readonly order: number;
  /** The parent's static `required` lists this node. */
  readonly requiredByParent: boolean;
  /** Keys not listed in `properties` may appear (reads of unknown keys are allowed). */
  readonly open: boolean;
}

/**
 * Most field nodes a schema may expand to. A `$ref` is expanded at each place it is used, so `$defs`
 * that each use the next one twice expand to 2^n fields: past this many, the load reports the `$ref`
 * instead of building (or hanging on) the rest. The largest benchmark has 5,000 fields.
 */
export const MAX_FIELDS = 20_000;

/**
 * Deepest nesting of fields. The document's own depth is limited before its schema is read (see
 * `MAX_DEPTH` in load-procedure.ts); `$ref`s that lead to one another can nest fields deeper still.
 */
export const MAX_FIELD_DEPTH = 128;

export interface TreeProblem {
  readonly pointer: string;
  readonly message: string;
  readonly code?: string;
}

interface Builder {
  order: number;
  nodes: FieldNode[];
  problems: TreeProblem[];
  /** MAX_FIELDS was reached (reported once). */
  full: boolean;
}

/** The pointer of a keyword of a node's schema in the procedure document. */
export function keywordPointer(node: FieldNode, keyword: string): string {
  const ref = node.ref;
  if (!ref || ref.beside.has(keyword)) return appendPointer(node.schemaPointer, keyword);
  const level = ref.via?.find((l) => l.keys.has(keyword));
  return appendPointer(level ? level.pointer : ref.pointer, keyword);
}

/** `value` if it is an array (as `enum` and `oneOf` are in a valid schema), else undefined. */
const listOf = (value: unknown): readonly unknown[] | undefined => (Array.isArray(value) ? value : undefined);

const KINDS: ReadonlySet<string> = new Set<FieldKind>(["object", "array", "string", "number", "integer", "boolean", "null"]);

/**
 * The kind of a schema. The schema may be invalid (the meta-schema reports that, and the tree is still
 * built so that every problem is reported at once): keywords of the wrong type are ignored here.
 */
function kindOf(schema: SchemaNode): { kind: FieldKind; nullable: boolean } {
  const t = schema.type;
  const types = (Array.isArray(t) ? (t as unknown[]) : [t]).filter((x): x is string => typeof x === "string" && KINDS.has(x));
  const nullable = types.includes("null");
  const main = types.find((x) => x !== "null");
  if (main) return { kind: main as FieldKind, nullable };
  if (types.length === 1) return { kind: "null", nullable: true };
  if (schema.properties) return { kind: "object", nullable };
  if (schema.items) return { kind: "array", nullable };
  const oneOf = listOf(schema.oneOf);
  const values =
    listOf(schema.enum) ??
    (schema.const !== undefined ? [schema.const] : oneOf?.map((o) => (o && typeof o === "object" ? (o as SchemaNode).const : undefined)));
  if (values && values.length > 0 && values.every((v) => v !== undefined)) {
    const first = typeof values[0];
    if (values.every((v) => typeof v === first)) {
      if (first === "string") return { kind: "string", nullable };
      if (first === "number") return { kind: "number", nullable };
      if (first === "boolean") return { kind: "boolean", nullable };
    }
  }
  return { kind: "any", nullable };
}

/**
 * Resolves a local `$ref` (`#/$defs/x`) against `root`; undefined when it names nothing there. The
 * fragment is URI-encoded (`%25`, `%20`) and a JSON pointer (`~0`, `~1`); only own keys and array
 * indices are followed (`#/__proto__` names nothing). The pointer returned is the document's, as RFC 6901
 * writes it.
 */
export function resolveRef(root: SchemaNode, rootPointer: string, ref: string): { schema: SchemaNode; pointer: string } | undefined {
  const segments = ref.startsWith("#") ? fragmentSegments(ref.slice(1)) : undefined;
  if (!segments) return undefined;
  // getIn follows own keys and array indices only.
  const node = getIn(root, segments);
  if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
  return { schema: node as SchemaNode, pointer: segments.reduce<string>(appendPointer, rootPointer) };
}

/**
 * Builds the field tree. `schemaPointer` is where `schema` sits in the procedure document
 * (`/schema`, `/sources/citizen/schema`).
 */
export function buildFieldTree(
  schema: SchemaNode,
  schemaPointer: string,
): { root: FieldNode; nodes: FieldNode[]; problems: TreeProblem[]; /** MAX_FIELDS was reached: the tree is partial. */ truncated: boolean } {
  const b: Builder = { order: 0, nodes: [], problems: [], full: false };
  const root = build(b, schema, schemaPointer, schema, schemaPointer, undefined, "", [], false, 0, []);
  return { root, nodes: b.nodes, problems: b.problems, truncated: b.full };
}

function build(
  b: Builder,
  rootSchema: SchemaNode,
  rootPointer: string,
  raw: SchemaNode,
  schemaPointer: string,
  parent: FieldNode | undefined,
  pointer: string,
  segments: string[],
  requiredByParent: boolean,
  arrayDepth: number,
  refStack: string[],
): FieldNode {
  let schema: SchemaNode = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  let sp = schemaPointer;
  let ref: FieldNode["ref"];
  /** Whether the children of this node are built: not past the limits of size and depth. */
  let expand = true;
  if (typeof schema.$ref === "string") {
    // Keywords beside $ref (title, x-…) win over the referenced schema's; a referenced schema that is
    // itself a $ref is followed in turn, each level's keywords winning over the next one's.
    const { $ref: first, ...beside } = schema;
    const levels: { pointer: string; keys: ReadonlySet<string> }[] = [{ pointer: schemaPointer, keys: new Set(Object.keys(beside)) }];
    let merged: SchemaNode = beside as SchemaNode;
    let refText: string = first as string;
    let refAt = schemaPointer + "/$ref";
    const chain: string[] = [];
    let resolvedAny = false;
    for (;;) {
      const resolved = resolveRef(rootSchema, rootPointer, refText);
      if (!resolved) {
        b.problems.push({
          pointer: refAt,
          message: refText.startsWith("#")
            ? `cannot resolve "${refText}": nothing at that location of the schema`
            : `cannot resolve "${refText}": a reference to another document (a building block) needs loadProcedure's "resolve" option, or a procedure compiled with its blocks (\`tokhai compile\`); in the schema itself, use a local reference such as "#/$defs/name"`,
        });
        break;
      }
      resolvedAny = true;
      const { $ref: next, ...own } = resolved.schema;
      if (refStack.includes(resolved.pointer) || chain.includes(resolved.pointer)) {
        // A recursive structure stops here: the node accepts any value below.
        merged = { ...own, ...merged, properties: undefined, items: undefined } as SchemaNode;
        levels.push({ pointer: resolved.pointer, keys: new Set(Object.keys(own)) });
        break;
      }
      chain.push(resolved.pointer);
      merged = { ...own, ...merged } as SchemaNode;
      levels.push({ pointer: resolved.pointer, keys: new Set(Object.keys(own)) });
      if (typeof next !== "string") break;
      refText = next;
      refAt = resolved.pointer + "/$ref";
    }
    if (resolvedAny) {
      schema = merged;
      refStack = [...refStack, ...chain];
      // Where each keyword is written: the outermost level that has it (levels without keywords are passed through).
      const written = levels.filter((l, i) => i === levels.length - 1 || l.keys.size > 0);
      const outer = written[0]!;
      const target = written[written.length - 1]!;
      sp = outer.pointer;
      if (written.length > 1) {
        const via = written.slice(1, -1);
        ref = { pointer: target.pointer, beside: outer.keys, ...(via.length > 0 ? { via } : {}) };
      }
    }
  }
  if (segments.length > MAX_FIELD_DEPTH) {
    expand = false;
    b.problems.push({
      pointer: typeof raw?.$ref === "string" ? schemaPointer + "/$ref" : schemaPointer,
      code: "too-deep",
      message: `the field ${pointer} is nested more than ${MAX_FIELD_DEPTH} levels deep (through "$ref"s that lead to one another)`,
    });
  } else if (b.nodes.length >= MAX_FIELDS) {
    expand = false;
    if (!b.full) {
      b.full = true;
      b.problems.push({
        pointer: typeof raw?.$ref === "string" ? schemaPointer + "/$ref" : schemaPointer,
        code: "too-many-fields",
        message: `the schema expands to more than ${MAX_FIELDS.toLocaleString("en")} fields (a "$ref" is expanded at every place it is used: are "$defs" using one another many times?); the fields from ${pointer || "/"} on were not read`,
      });
    }
  }
  const { kind, nullable } = kindOf(schema);
  const node: {
    -readonly [K in keyof FieldNode]: FieldNode[K];
  } = {
    pointer,
    segments,
    schemaPointer: sp,
    ...(ref ? { ref } : {}),
    schema,
    parent,
    kind,
    nullable,
    properties: undefined,
    items: undefined,
    arrayDepth,
    order: b.order++,
    requiredByParent,
    open: false,
  };
  b.nodes.push(node);
  if (expand && (kind === "object" || kind === "any")) {
    const props = schema.properties;
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    if (props && typeof props === "object") {
      const map = new Map<string, FieldNode>();
      for (const [name, child] of Object.entries(props)) {
        map.set(
          name,
          build(b, rootSchema, rootPointer, child, appendPointer(keywordPointer(node, "properties"), name), node, appendPointer(pointer, name), [...segments, name], required.has(name), arrayDepth, refStack),
        );
      }
      node.properties = map;
    }
    const additional = schema["additionalProperties"];
    node.open = !props || (additional !== false && additional !== undefined) || schema["patternProperties"] !== undefined;
  }
  // Past a limit nothing below the node is known: reads below it are not reported either.
  if (!expand) node.open = true;
  if (expand && (kind === "array" || (kind === "any" && schema.items))) {
    const items = schema.items && typeof schema.items === "object" ? schema.items : {};
    node.items = build(b, rootSchema, rootPointer, items, keywordPointer(node, "items"), node, appendPointer(pointer, ANY_ROW), [...segments, ANY_ROW], false, arrayDepth + 1, refStack);
  }
  return node;
}


/** Resolves a template pointer (`/members/-/fullName`) to its node. */
export function nodeAt(root: FieldNode, segments: readonly string[]): FieldNode | undefined {
  let node: FieldNode | undefined = root;
  for (const s of segments) {
    if (!node) return undefined;
    if (node.items && (s === ANY_ROW || isIndexSegment(s)) && !node.properties?.has(s)) node = node.items;
    else node = node.properties?.get(s);
  }
  return node;
}
