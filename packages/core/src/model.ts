/**
 * The field tree of a schema: one node per schema location that can hold a value, with template
 * pointers (`-` for array items). Built for the procedure's data schema and for each source schema.
 */
import { ANY_ROW, appendPointer, isIndexSegment, unescapeSegment } from "./pointer.js";
import type { SchemaNode } from "./types.js";

export type FieldKind = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null" | "any";

export interface FieldNode {
  /** Template pointer in the data (`/members/-/fullName`). */
  readonly pointer: string;
  readonly segments: readonly string[];
  /** Pointer of this node's schema in the procedure document, after `$ref` resolution. */
  readonly schemaPointer: string;
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

interface Builder {
  order: number;
  nodes: FieldNode[];
  problems: { pointer: string; message: string }[];
}

function kindOf(schema: SchemaNode): { kind: FieldKind; nullable: boolean } {
  const t = schema.type;
  const types = Array.isArray(t) ? (t as string[]) : typeof t === "string" ? [t] : [];
  const nullable = types.includes("null");
  const main = types.find((x) => x !== "null");
  if (main) return { kind: main as FieldKind, nullable };
  if (types.length === 1) return { kind: "null", nullable: true };
  if (schema.properties) return { kind: "object", nullable };
  if (schema.items) return { kind: "array", nullable };
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : schema.oneOf?.map((o) => o.const));
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

/** Resolves a local `$ref` (`#/$defs/x`) against `root`. */
function resolveRef(
  root: SchemaNode,
  rootPointer: string,
  ref: string,
): { schema: SchemaNode; pointer: string } | undefined {
  if (!ref.startsWith("#")) return undefined;
  const path = ref.slice(1);
  if (path !== "" && !path.startsWith("/")) return undefined;
  let node: unknown = root;
  for (const raw of path === "" ? [] : path.slice(1).split("/")) {
    const seg = unescapeSegment(decodeURIComponent(raw));
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  if (!node || typeof node !== "object") return undefined;
  return { schema: node as SchemaNode, pointer: rootPointer + path };
}

/**
 * Builds the field tree. `schemaPointer` is where `schema` sits in the procedure document
 * (`/schema`, `/sources/citizen/schema`).
 */
export function buildFieldTree(
  schema: SchemaNode,
  schemaPointer: string,
): { root: FieldNode; nodes: FieldNode[]; problems: { pointer: string; message: string }[] } {
  const b: Builder = { order: 0, nodes: [], problems: [] };
  const root = build(b, schema, schemaPointer, schema, schemaPointer, undefined, "", [], false, 0, []);
  return { root, nodes: b.nodes, problems: b.problems };
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
  let schema: SchemaNode = raw && typeof raw === "object" ? raw : {};
  let sp = schemaPointer;
  if (typeof schema.$ref === "string") {
    const resolved = resolveRef(rootSchema, rootPointer, schema.$ref);
    if (!resolved) {
      b.problems.push({
        pointer: schemaPointer + "/$ref",
        message: schema.$ref.startsWith("#")
          ? `cannot resolve "${schema.$ref}": nothing at that location of the schema`
          : `cannot resolve "${schema.$ref}": only local references such as "#/$defs/name" are supported`,
      });
    } else if (refStack.includes(resolved.pointer)) {
      // Recursive structure: stop here, the node accepts any value below.
      schema = { ...schema, ...resolved.schema, properties: undefined, items: undefined } as SchemaNode;
    } else {
      refStack = [...refStack, resolved.pointer];
      // Keywords beside $ref (title, x-…) win over the referenced schema's.
      const { $ref: _ignored, ...beside } = schema;
      schema = { ...resolved.schema, ...beside } as SchemaNode;
      sp = Object.keys(beside).length > 0 ? schemaPointer : resolved.pointer;
    }
  }
  const { kind, nullable } = kindOf(schema);
  const node: {
    -readonly [K in keyof FieldNode]: FieldNode[K];
  } = {
    pointer,
    segments,
    schemaPointer: sp,
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
  if (kind === "object" || kind === "any") {
    const props = schema.properties;
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    if (props && typeof props === "object") {
      const map = new Map<string, FieldNode>();
      for (const [name, child] of Object.entries(props)) {
        map.set(
          name,
          build(b, rootSchema, rootPointer, child, appendPointer(appendPointer(sp, "properties"), name), node, appendPointer(pointer, name), [...segments, name], required.has(name), arrayDepth, refStack),
        );
      }
      node.properties = map;
    }
    const additional = schema["additionalProperties"];
    node.open = !props || (additional !== false && additional !== undefined) || schema["patternProperties"] !== undefined;
  }
  if (kind === "array" || (kind === "any" && schema.items)) {
    const items = schema.items && typeof schema.items === "object" ? schema.items : {};
    node.items = build(b, rootSchema, rootPointer, items, sp + "/items", node, appendPointer(pointer, ANY_ROW), [...segments, ANY_ROW], false, arrayDepth + 1, refStack);
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
