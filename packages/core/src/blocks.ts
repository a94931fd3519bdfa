/**
 * Building blocks: a procedure's schema may `$ref` other documents (`"../blocks/address.json"`,
 * `"../blocks/address.json#/$defs/province"`). `bundleBlocks` fetches them through the host's resolver
 * and returns one self-contained procedure document, which the rest of the load reads as it always did.
 *
 * A block is a document shaped like a procedure without steps:
 * `{ "id", "version", "description"?, "schema", "sources"?, "lookups"?, "i18n"? }` (no `title`: that is
 * what tells a procedure from a block; the block's schema has its own). A
 * reference to it names its `schema` (a fragment is a pointer into that schema, as `#/$defs/x` is in a
 * procedure). The bundled document holds each block's schema once, under `schema.$defs["tk-block-<id>"]`,
 * and every reference to a block becomes a local one (`#/$defs/tk-block-address/$defs/province`). So
 * keywords beside a `$ref` refine the block exactly as they refine a local `$ref` (see model.ts: for
 * tokhai's `x-` keywords and annotations, the keyword beside the `$ref` wins; JSON Schema's assertions
 * both apply, as 2020-12 says).
 *
 * A block's `sources` and `lookups` join the procedure's: the same name declared twice must be the same
 * declaration (else a located problem). A block's `i18n` holds, per locale, `sources` and `lookups`
 * titles (merged as the procedure's own; the procedure's win) and field texts keyed by a pointer into
 * the block's schema written as a fragment (`"#"`, `"#/properties/detail"`, `"#/$defs/province"`): they
 * translate the keyword where it comes from the block, at every field the block is used for, unless the
 * procedure translates it there itself. Only for the locales the procedure's own `i18n` has: the
 * procedure chooses the languages it offers.
 *
 * Bounded: at most `BLOCK_LIMITS.documents` documents and chains of `BLOCK_LIMITS.depth` references; a
 * block that reaches itself again through its references is a cycle, reported with the chain.
 */
import { resolve as resolveUri } from "./uri-resolver.js";
import { cloneJson, deepEqual, deeperThan } from "./equal.js";
import { ANY_ROW, appendPointer, escapeSegment, formatPointer, fragmentSegments, getIn, isPrefixPointer, parentPointer, parsePointer } from "./pointer.js";
import { jsonSyntaxProblem } from "./json-position.js";
import { buildFieldTree, keywordPointer, resolveRef, type FieldNode } from "./model.js";
import type { ProcedureProblem, RefStep } from "./procedure-error.js";
import { BLOCK_LIMITS, chainText, originOf, type BlockUse } from "./block-origin.js";
import type { ProcedureDocument, SchemaNode } from "./types.js";

/**
 * Fetches a document a `$ref` names. `uri` is the reference resolved against the URI of the document
 * holding it (`from`; for the procedure, `LoadOptions.uri`, else the reference as written), without the
 * fragment. Returns the document (parsed, or as JSON text); undefined when there is none. A thrown
 * error is reported as a problem at the `$ref`.
 */
export type ResolveDocument = (uri: string, from: string | undefined) => unknown | Promise<unknown>;




export interface Bundle {
  readonly document: ProcedureDocument;
  readonly blocks: readonly BlockUse[];
}

// No `title`: a procedure has one, a block does not (what tells them apart in a folder); its schema has.
const BLOCK_MEMBERS = new Set(["$schema", "$comment", "id", "version", "description", "schema", "sources", "lookups", "i18n"]);
/** Keywords whose values are data or tokhai's, never schemas: a `$ref` inside them is not one. */
const NOT_SCHEMA = new Set(["const", "enum", "default", "examples"]);
const KEY_PREFIX = "tk-block-";

/** The deepest a block may nest, as a procedure (load-procedure.ts). */
const MAX_DEPTH = 128;

interface Block {
  readonly uri: string;
  readonly doc: Record<string, unknown>;
  readonly key: string;
  readonly via: readonly RefStep[];
  done: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Calls `visit` for every `$ref` string of a schema, with its pointer (the `$ref` keyword's). */
function eachRef(schema: unknown, pointer: string, visit: (ref: string, pointer: string, holder: Record<string, unknown>) => void): void {
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => eachRef(item, appendPointer(pointer, i), visit));
    return;
  }
  if (!isObject(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string") visit(value, appendPointer(pointer, key), schema);
    else if (!NOT_SCHEMA.has(key) && !key.startsWith("x-") && value && typeof value === "object") eachRef(value, appendPointer(pointer, key), visit);
  }
}

/** Calls `visit` with the pointer of every `keyword` of a schema and its subschemas. */
function eachKeyword(schema: unknown, pointer: string, keyword: string, visit: (pointer: string) => void): void {
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => eachKeyword(item, appendPointer(pointer, i), keyword, visit));
    return;
  }
  if (!isObject(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === keyword) visit(appendPointer(pointer, key));
    else if (!NOT_SCHEMA.has(key) && !key.startsWith("x-") && value && typeof value === "object") eachKeyword(value, appendPointer(pointer, key), keyword, visit);
  }
}

/** Whether any `$ref` of the schema names another document. */
export function hasExternalRefs(schema: unknown): boolean {
  let found = false;
  eachRef(schema, "", (ref) => (found ||= !ref.startsWith("#")));
  return found;
}

/** The schema at a fragment (`""`, `"/$defs/x"`, percent-encoded) of `root`, or undefined. */
function atFragment(root: unknown, fragment: string): unknown {
  const segments = fragmentSegments(fragment);
  const node = segments && getIn(root, segments);
  return isObject(node) || typeof node === "boolean" ? node : undefined;
}

function splitRef(uri: string): { document: string; fragment: string } {
  const hash = uri.indexOf("#");
  return hash < 0 ? { document: uri, fragment: "" } : { document: uri.slice(0, hash), fragment: uri.slice(hash + 1) };
}

/** Parses a block's text; a syntax error is a problem located in the block. */
function parseBlock(input: unknown, uri: string, via: readonly RefStep[], problems: ProcedureProblem[]): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input);
  } catch (error) {
    problems.push({ uri, via, pointer: "", code: "json", ...jsonSyntaxProblem(input, error) });
    return undefined;
  }
}

/** The problems of a block's shape: an object with `id`, `version` and `schema`, and nothing else. */
function blockProblems(doc: unknown, uri: string, via: readonly RefStep[]): ProcedureProblem[] {
  const at = (pointer: string, message: string): ProcedureProblem => ({ uri, via, pointer, code: "block", message });
  if (!isObject(doc)) return [at("", "a block must be a JSON object with an id, a version and a schema")];
  const deep = deeperThan(doc, MAX_DEPTH + 1);
  if (deep) return [{ ...at(formatPointer(deep.path), `the block is nested more than ${MAX_DEPTH} levels deep here`), code: "too-deep" }];
  const out: ProcedureProblem[] = [];
  if (typeof doc.id !== "string" || doc.id === "") out.push(at(doc.id === undefined ? "" : "/id", 'a block needs an "id": a non-empty string'));
  if (typeof doc.version !== "string" || !/^\d+\.\d+\.\d+$/.test(doc.version)) {
    out.push(at(doc.version === undefined ? "" : "/version", 'a block needs a "version" such as "1.0.0" (major.minor.patch)'));
  }
  if (!isObject(doc.schema)) out.push(at(doc.schema === undefined ? "" : "/schema", 'a block needs a "schema": the JSON Schema its references name'));
  for (const key of ["sources", "lookups", "i18n"]) {
    if (doc[key] !== undefined && !isObject(doc[key])) out.push(at(`/${key}`, `"${key}" must be an object`));
  }
  // Its references are rewritten as the bundle's: a "$id" would move what they are relative to.
  if (isObject(doc.schema)) {
    eachKeyword(doc.schema, "/schema", "$id", (pointer) => out.push(at(pointer, 'a block\'s schema cannot have an "$id": its references are relative to the block\'s file')));
  }
  for (const key of Object.keys(doc)) {
    if (!BLOCK_MEMBERS.has(key)) out.push(at(`/${escapeSegment(key)}`, `a block has no member "${key}" (it may have: ${[...BLOCK_MEMBERS].join(", ")})`));
  }
  return out;
}

/**
 * The `$ref`s of the bundled document that placed `node`'s schema, from the root down (each level of a
 * `$ref` to a `$ref` in turn), up to the last one into the schema holding `pointer` (a keyword of a block): each located
 * in the file it is written in. Undefined when none reaches it.
 */
export function refChain(node: FieldNode, document: ProcedureDocument, pointer: string, blocks: readonly BlockUse[]): RefStep[] | undefined {
  const path: FieldNode[] = [];
  for (let n: FieldNode | undefined = node; n?.parent; n = n.parent) path.unshift(n);
  const steps: { at: string; to: string }[] = [];
  for (const n of path) {
    const parent = n.parent!;
    const segment = n.segments[n.segments.length - 1]!;
    let at = segment === ANY_ROW ? keywordPointer(parent, "items") : appendPointer(keywordPointer(parent, "properties"), segment);
    const seen = new Set<string>();
    for (;;) {
      const raw = getIn(document, parsePointer(at));
      if (!isObject(raw) || typeof raw.$ref !== "string" || seen.has(at)) break;
      seen.add(at);
      const target = resolveRef(document.schema, "/schema", raw.$ref);
      if (!target) break;
      steps.push({ at: appendPointer(at, "$ref"), to: target.pointer });
      at = target.pointer;
    }
  }
  // Up to the last reference into the schema that holds the keyword (a block's root, then its $defs).
  let last = -1;
  steps.forEach((step, i) => {
    if (isPrefixPointer(step.to, pointer)) last = i;
  });
  if (last < 0) return undefined;
  return steps.slice(0, last + 1).map((step) => {
    const origin = originOf(step.at, blocks);
    return origin.uri === undefined ? { pointer: origin.pointer } : { uri: origin.uri, pointer: origin.pointer };
  });
}

/**
 * Keeps of each block's schema in the bundle only what the procedure reaches through its references: the
 * `$defs` entries used, and the block's root schema when a reference names it (or something in it). A
 * library of definitions (`person.json#/$defs/fullName`, …) thus brings the definitions the procedure
 * uses, not its other ones, whose expressions no field would run (and which would seem, to a reader of
 * the document, to read data the procedure does not). A block reached only from what is dropped goes too.
 */
function pruneBlocks(defs: Record<string, unknown>, schema: Record<string, unknown>, keys: ReadonlySet<string>): void {
  const kept = new Map<string, { root: boolean; defs: Set<string> }>();
  const queue: unknown[] = [];
  const { $defs: _defs, ...top } = schema;
  queue.push(top);
  for (const [key, value] of Object.entries(defs)) if (!keys.has(key)) queue.push(value);
  const reach = (ref: string) => {
    const match = /^#\/\$defs\/([^/]+)(.*)$/.exec(ref);
    if (!match || !keys.has(match[1]!)) return;
    const key = match[1]!;
    const block = defs[key];
    if (!isObject(block)) return;
    let entry = kept.get(key);
    if (!entry) kept.set(key, (entry = { root: false, defs: new Set() }));
    const rest = fragmentSegments(match[2]!);
    const name = rest?.[0] === "$defs" ? rest[1] : undefined;
    if (name !== undefined && isObject(block.$defs) && Object.prototype.hasOwnProperty.call(block.$defs, name)) {
      if (!entry.defs.has(name)) {
        entry.defs.add(name);
        queue.push(block.$defs[name]);
      }
    } else if (!entry.root) {
      entry.root = true;
      const { $defs: _own, ...root } = block;
      queue.push(root);
    }
  };
  while (queue.length > 0) eachRef(queue.pop(), "", reach);
  for (const key of keys) {
    const block = defs[key];
    const entry = kept.get(key);
    if (!entry || !isObject(block)) {
      delete defs[key];
      continue;
    }
    const pruned: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(block)) {
      if (keyword === "$defs" && isObject(value)) {
        const used = Object.fromEntries(Object.entries(value).filter(([name]) => entry.defs.has(name)));
        if (Object.keys(used).length > 0) pruned.$defs = used;
      } else if (entry.root) pruned[keyword] = value;
    }
    defs[key] = pruned;
  }
}

/**
 * Fetches every block the procedure's schema reaches and returns the bundled document, or throws the
 * problems found (each located in its document, with the chain of references that reached it).
 */
export async function bundleBlocks(
  doc: ProcedureDocument,
  resolve: ResolveDocument,
  baseUri: string | undefined,
): Promise<{ bundle: Bundle | undefined; problems: ProcedureProblem[] }> {
  const problems: ProcedureProblem[] = [];
  const blocks = new Map<string, Block>();
  const keys = new Set<string>(isObject(doc.schema.$defs) ? Object.keys(doc.schema.$defs) : []);
  let tooMany = false;

  /** Where a reference in `from` (undefined: the procedure) leads, or a problem at it. */
  const target = (ref: string, from: string | undefined, step: RefStep, via: readonly RefStep[]): { document: string; fragment: string } | undefined => {
    try {
      const base = from ?? baseUri;
      const absolute = base === undefined ? ref : resolveUri(base, ref);
      return splitRef(absolute);
    } catch (error) {
      problems.push({ ...where(step, via), code: "block-ref", message: `"${ref}" is not a valid URI reference: ${(error as Error).message}` });
      return undefined;
    }
  };
  const where = (step: RefStep, via: readonly RefStep[]): Pick<ProcedureProblem, "pointer" | "uri" | "via"> => ({
    pointer: step.pointer,
    ...(step.uri !== undefined ? { uri: step.uri, via } : {}),
  });

  /** Fetches the blocks the schema of `from` references, depth first. */
  const visit = async (schema: unknown, from: string | undefined, via: readonly RefStep[]): Promise<void> => {
    const refs: { ref: string; pointer: string }[] = [];
    eachRef(schema, "/schema", (ref, pointer) => refs.push({ ref, pointer }));
    for (const { ref, pointer } of refs) {
      const step: RefStep = { ...(from !== undefined ? { uri: from } : {}), pointer };
      if (ref.startsWith("#")) {
        // A block's own references are checked here, since the bundle rewrites them.
        if (from !== undefined && atFragment(blocks.get(from)!.doc.schema, ref.slice(1)) === undefined) {
          problems.push({ ...where(step, via), code: "block-ref", message: `cannot resolve "${ref}": nothing at that location of the block's schema` });
        }
        continue;
      }
      const to = target(ref, from, step, via);
      if (!to) continue;
      const chain = [...via, step];
      const known = blocks.get(to.document);
      if (known && !known.done) {
        const start = chain.findIndex((s) => s.uri === to.document);
        problems.push({
          ...where(step, via),
          code: "block-cycle",
          message: `a cycle of blocks: ${chainText(chain.slice(Math.max(start, 0)))} → ${to.document}`,
        });
        continue;
      }
      if (!known) {
        if (chain.length > BLOCK_LIMITS.depth) {
          problems.push({ ...where(step, via), code: "block-depth", message: `more than ${BLOCK_LIMITS.depth} blocks in a chain of references: ${chainText(chain)}` });
          continue;
        }
        if (blocks.size >= BLOCK_LIMITS.documents) {
          if (!tooMany) problems.push({ ...where(step, via), code: "block-count", message: `the procedure reaches more than ${BLOCK_LIMITS.documents} documents` });
          tooMany = true;
          continue;
        }
        let raw: unknown;
        try {
          raw = await resolve(to.document, from ?? baseUri);
        } catch (error) {
          problems.push({ ...where(step, via), code: "block-ref", message: `cannot read "${ref}": ${(error as Error).message}` });
          continue;
        }
        if (raw === undefined) {
          problems.push({ ...where(step, via), code: "block-ref", message: `cannot resolve "${ref}": there is no document ${to.document}` });
          continue;
        }
        const parsed = parseBlock(raw, to.document, chain, problems);
        if (parsed === undefined) continue;
        const shape = blockProblems(parsed, to.document, chain);
        if (shape.length > 0) {
          problems.push(...shape);
          continue;
        }
        const block: Block = { uri: to.document, doc: parsed as Record<string, unknown>, key: keyFor(String((parsed as { id: string }).id), keys), via: chain, done: false };
        blocks.set(to.document, block);
        await visit(block.doc.schema, to.document, chain);
        block.done = true;
      }
      const reached = blocks.get(to.document)!;
      if (atFragment(reached.doc.schema, to.fragment) === undefined) {
        problems.push({ ...where(step, via), code: "block-ref", message: `cannot resolve "${ref}": nothing at "#${to.fragment}" in the schema of ${to.document}` });
      }
    }
  };
  await visit(doc.schema, undefined, []);
  if (problems.length > 0) return { bundle: undefined, problems };

  // Every reference becomes local; each block's schema goes into the procedure's $defs.
  const localRef = (ref: string, from: string | undefined): string => {
    if (ref.startsWith("#")) return from === undefined ? ref : `#/$defs/${blocks.get(from)!.key}${ref.slice(1)}`;
    const to = splitRef(from !== undefined || baseUri !== undefined ? resolveUri((from ?? baseUri)!, ref) : ref);
    return `#/$defs/${blocks.get(to.document)!.key}${to.fragment}`;
  };
  const rewrite = (schema: unknown, from: string | undefined): SchemaNode => {
    const copy = cloneJson(schema) as SchemaNode;
    eachRef(copy, "", (ref, _pointer, holder) => (holder.$ref = localRef(ref, from)));
    return copy;
  };
  const schema = rewrite(doc.schema, undefined) as Record<string, unknown>;
  const defs: Record<string, unknown> = isObject(schema.$defs) ? { ...schema.$defs } : {};
  for (const block of blocks.values()) defs[block.key] = rewrite(block.doc.schema, block.uri);
  schema.$defs = defs;
  pruneBlocks(defs, schema, new Set([...blocks.values()].map((b) => b.key)));

  const uses: BlockUse[] = [...blocks.values()].map((b) => ({ uri: b.uri, id: String(b.doc.id), version: String(b.doc.version), key: b.key, via: b.via, sources: names(b.doc.sources), lookups: names(b.doc.lookups) }));
  const bundled: Record<string, unknown> = { ...doc, schema };
  for (const member of ["sources", "lookups"] as const) {
    const merged = mergeRegisters(doc[member], member, blocks, problems);
    if (merged) bundled[member] = merged;
  }
  if (problems.length > 0) return { bundle: undefined, problems };
  const i18n = mergeTranslations(bundled as unknown as ProcedureDocument, blocks);
  if (i18n) bundled.i18n = i18n;
  return { bundle: { document: bundled as unknown as ProcedureDocument, blocks: uses }, problems };
}

const names = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : []);

/** `tk-block-<id>`, made unique among the schema's `$defs`. */
function keyFor(id: string, taken: Set<string>): string {
  const base = KEY_PREFIX + id.replace(/[^A-Za-z0-9_-]/g, "_");
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

/** The procedure's sources (or lookups) with its blocks'; the same name twice must be the same declaration. */
function mergeRegisters(own: unknown, member: "sources" | "lookups", blocks: ReadonlyMap<string, Block>, problems: ProcedureProblem[]): Record<string, unknown> | undefined {
  const merged: Record<string, unknown> = isObject(own) ? { ...own } : {};
  const from = new Map<string, Block>();
  let any = isObject(own);
  for (const block of blocks.values()) {
    const theirs = block.doc[member];
    if (!isObject(theirs)) continue;
    any = true;
    for (const [name, declaration] of Object.entries(theirs)) {
      if (!Object.prototype.hasOwnProperty.call(merged, name)) {
        merged[name] = declaration;
        from.set(name, block);
      } else if (!deepEqual(merged[name], declaration)) {
        const other = from.get(name);
        const kind = member === "sources" ? "source" : "lookup";
        problems.push({
          uri: block.uri,
          via: block.via,
          pointer: `/${member}/${escapeSegment(name)}`,
          code: "block-conflict",
          message: `the ${kind} "${name}" is declared differently ${other ? `by the block ${other.uri}` : "by the procedure"} (at /${member}/${escapeSegment(name)}): a name read as $${name} must mean one register`,
        });
      }
    }
  }
  return any ? merged : undefined;
}

type Texts = Record<string, unknown>;

/** Field texts by schema keyword: `title`, `description`, `enum` (the labels of `enum` or `oneOf`), `x-rules` (its messages). */
const TEXT_KEYWORDS: readonly [string, string][] = [
  ["title", "title"],
  ["description", "description"],
  ["enum", "enum"],
  ["rules", "x-rules"],
];

/**
 * The procedure's `i18n` with its blocks' translations, for the locales it has: register titles, and
 * field texts put at the fields whose keyword comes from the block. The procedure's own translations win.
 */
function mergeTranslations(bundled: ProcedureDocument, blocks: ReadonlyMap<string, Block>): Record<string, Texts> | undefined {
  const withTexts = [...blocks.values()].filter((b) => isObject(b.doc.i18n));
  const own = bundled.i18n as unknown;
  if (withTexts.length === 0 || !isObject(own)) return undefined;
  const out: Record<string, Texts> = {};
  for (const [locale, texts] of Object.entries(own)) out[locale] = isObject(texts) ? cloneJson(texts) : (texts as Texts);
  const byKey = new Map(withTexts.map((b) => [b.key, b]));
  const tree = buildFieldTree(bundled.schema, "/schema");
  for (const block of withTexts) {
    for (const [locale, texts] of Object.entries(block.doc.i18n as Record<string, unknown>)) {
      // The procedure chooses the locales it offers: a block's translations serve those only.
      const target = out[locale];
      if (!isObject(texts) || !isObject(target)) continue;
      for (const member of ["sources", "lookups"]) {
        const theirs = texts[member];
        if (!isObject(theirs)) continue;
        const mine = (target[member] = isObject(target[member]) ? { ...(target[member] as Texts) } : {}) as Texts;
        for (const [name, paths] of Object.entries(theirs)) {
          if (!isObject(paths)) continue;
          mine[name] = { ...paths, ...(isObject(mine[name]) ? (mine[name] as Texts) : {}) };
        }
      }
    }
  }
  for (const node of tree.nodes) {
    for (const [text, named] of TEXT_KEYWORDS) {
      // The labels of a choice are its `enum`'s, or its `oneOf`'s (`{ "const": "M", "title": "Nam" }`).
      const keyword = named === "enum" && node.schema.enum === undefined ? "oneOf" : named;
      if (node.schema[keyword] === undefined) continue;
      const at = keywordPointer(node, keyword);
      const schemaPointer = parentPointer(at)!;
      for (const block of byKey.values()) {
        const prefix = `/schema/$defs/${block.key}`;
        if (!isPrefixPointer(prefix, schemaPointer)) continue;
        const fragment = `#${schemaPointer.slice(prefix.length)}`;
        for (const [locale, texts] of Object.entries(block.doc.i18n as Record<string, unknown>)) {
          const theirs = isObject(texts) && isObject(texts[fragment]) ? (texts[fragment] as Texts)[text] : undefined;
          if (theirs === undefined) continue;
          const target = out[locale];
          if (!isObject(target)) continue;
          const key = node.pointer === "" ? "/" : node.pointer;
          const field = (target[key] = isObject(target[key]) ? { ...(target[key] as Texts) } : {}) as Texts;
          if (field[text] === undefined) field[text] = theirs;
        }
      }
    }
  }
  return out;
}

