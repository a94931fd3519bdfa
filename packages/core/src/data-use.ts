/**
 * The data-use notice: what a procedure reads of each register it declares (its `sources` and its
 * `lookups`), with the fields and steps that use each item, in the citizen's language; and data
 * minimisation: a context cut down to exactly those paths.
 *
 * Everything comes from the load-time analysis of the expressions (`ExpressionTemplate.sourceReads`),
 * which a compiled procedure carries too: nothing is parsed here. A read is a path of names from the
 * register (`$citizen.permanentAddress.provinceCode` reads `permanentAddress.provinceCode`); arrays are
 * mapped over, as JSONata navigates them (`$household.members.personalId` reads the `personalId` of
 * every member). Where the analysis cannot follow names any further (a filter, `*`, a function of the
 * whole value, `$citizen` alone), the read is of everything under the path it reached, and says so
 * (`whole`): the notice never lists less than the procedure may read.
 */
import { localize } from "./messages.js";
import { buildFieldTree, type FieldNode } from "./model.js";
import type { ExpressionTemplate, Procedure } from "./procedure.js";
import { fieldTexts, registerTitle } from "./translations.js";
import type { FormContext, Locale, LocalizedText, SchemaNode } from "./types.js";

/** One path a procedure reads of a register. */
export interface DataRead {
  /** The names from the register down: `["permanentAddress", "provinceCode"]`; `[]` is the whole register. */
  readonly path: readonly string[];
  /** The path as an expression writes it after `$<register>.`: `permanentAddress.provinceCode`; "" for the whole register. */
  readonly text: string;
  /**
   * What the item is, in the locale asked for: the `title` of the register schema's node at the path
   * (translated by the procedure's `i18n.<locale>.sources.<name>` or `.lookups.<name>`), else the titles
   * of the fields that show it (a prefill of exactly this path), else of every field that reads it; the
   * register's title for the whole register; the path itself when nothing has a title.
   */
  readonly label: string;
  /**
   * The read takes everything under the path: the whole register, an object, a list of objects, or a
   * value the register's schema does not describe. A portal must hand all of it over.
   */
  readonly whole: boolean;
  /** Template pointers of the fields whose expressions read it (`/members/-/fullName`), in document order. */
  readonly fields: readonly string[];
  /** Ids of the steps whose condition (`x-visible`) reads it, in order; an exit page is a step. */
  readonly steps: readonly string[];
  /** Names of the lookups whose `input` reads it: it is sent to that register. */
  readonly lookups: readonly string[];
}

/** What a procedure reads of one register. */
export interface RegisterUse {
  /** The name expressions read it by (`$citizen`). */
  readonly name: string;
  /** Declared in `sources` (data the portal passes) or `lookups` (a register looked up while the citizen answers). */
  readonly kind: "source" | "lookup";
  /** Its title in the locale asked for; its name when it has none. */
  readonly title: string;
  readonly description: string | undefined;
  /** Some expression reads the whole register (`$citizen` alone, `$keys($citizen)`): everything it holds. */
  readonly whole: boolean;
  /**
   * Every distinct path read, in the document order of the first expression that reads it. Empty: the
   * procedure declares the register but reads nothing of it (a portal need not pass it).
   */
  readonly reads: readonly DataRead[];
  /**
   * The paths to ask the register for: the reads that no other read holds (`temporaryAddress` read
   * whole holds `temporaryAddress.detail`), in the same order. `[[]]`: the whole register.
   */
  readonly request: readonly (readonly string[])[];
}

export interface DataUseOptions {
  /** The locale of titles and labels (a BCP-47 tag); default the procedure's `defaultLocale`. */
  readonly locale?: Locale;
}

interface RegisterDoc {
  readonly name: string;
  readonly kind: "source" | "lookup";
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  readonly schema: SchemaNode;
}

interface Use {
  readonly path: readonly string[];
  readonly key: string;
  /** The expressions that read it, in document order. */
  readonly readers: ExpressionTemplate[];
}

interface Analysis {
  readonly registers: readonly RegisterDoc[];
  readonly uses: ReadonlyMap<string, readonly Use[]>;
  /** Field tree of each register's schema, built on first use. */
  readonly trees: Map<string, FieldNode>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** JSONata writes a name that is not a plain identifier in backticks. */
const pathText = (path: readonly string[]): string => path.map((n) => (/^[A-Za-z_$][\w$]*$/.test(n) ? n : "`" + n + "`")).join(".");

/** A path as a key that no two paths share. */
const keyOf = (path: readonly string[]): string => JSON.stringify(path);

const analyses = new WeakMap<Procedure, Analysis>();

/** The registers of a procedure and the expressions that read each path of them; once per procedure. */
function analyse(procedure: Procedure): Analysis {
  let known = analyses.get(procedure);
  if (known) return known;
  const document = procedure.document;
  const registers: RegisterDoc[] = [];
  for (const [kind, map] of [["source", document.sources], ["lookup", document.lookups]] as const) {
    if (!isObject(map)) continue;
    for (const name of Object.keys(map)) {
      const doc = map[name];
      if (!isObject(doc)) continue;
      registers.push({ name, kind, title: doc["title"] as LocalizedText | undefined, description: doc["description"] as LocalizedText | undefined, schema: (isObject(doc["schema"]) ? doc["schema"] : {}) as SchemaNode });
    }
  }
  const declared = new Set(registers.map((r) => r.name));
  const uses = new Map<string, Use[]>();
  const byKey = new Map<string, Use>();
  // Document order (`id`), so that a register's items come in the order the form asks for them.
  const expressions = [...procedure.expressions].sort((a, b) => a.id - b.id);
  for (const e of expressions) {
    for (const read of e.sourceReads) {
      if (!declared.has(read.source)) continue;
      const key = read.source + "\u0000" + keyOf(read.path);
      let use = byKey.get(key);
      if (!use) {
        use = { path: [...read.path], key, readers: [] };
        byKey.set(key, use);
        const list = uses.get(read.source);
        if (list) list.push(use);
        else uses.set(read.source, [use]);
      }
      if (use.readers[use.readers.length - 1] !== e) use.readers.push(e);
    }
  }
  known = { registers, uses, trees: new Map() };
  analyses.set(procedure, known);
  return known;
}

/**
 * The nodes of a register's schema along a path, as the load resolved it (arrays mapped over): one per
 * name, ending early past what the schema declares.
 */
function nodesOf(analysis: Analysis, register: RegisterDoc, path: readonly string[]): FieldNode[] {
  let root = analysis.trees.get(register.name);
  if (!root) {
    root = buildFieldTree(register.schema, `/${register.kind === "source" ? "sources" : "lookups"}/${register.name}/schema`).root;
    analysis.trees.set(register.name, root);
  }
  const out: FieldNode[] = [];
  let node: FieldNode = root;
  for (const name of path) {
    while (node.items && !node.properties?.has(name)) node = node.items;
    const next = node.properties?.get(name);
    if (!next) break;
    out.push((node = next));
  }
  return out;
}

/** Most field titles an item without a title of its own is named by. */
const MAX_FIELD_TITLES = 3;

const SCALARS: ReadonlySet<string> = new Set(["string", "number", "integer", "boolean", "null"]);

/** The value at a node is one value, or a list of them: not a structure whose parts a reader may pick. */
function isScalar(node: FieldNode | undefined): boolean {
  if (!node) return false;
  if (SCALARS.has(node.kind)) return true;
  return node.kind === "array" && node.items !== undefined && SCALARS.has(node.items.kind);
}

/** `a` holds `b`: `a` is `b` or one of its prefixes. */
const holds = (a: readonly string[], b: readonly string[]): boolean => a.length <= b.length && a.every((n, i) => b[i] === n);

/**
 * What a procedure reads of each register it declares: its sources, then its lookups, in document
 * order, each with the paths read and the fields and steps that read each (see `RegisterUse`). A
 * register nothing reads is listed with no reads. Works the same for a compiled procedure.
 */
export function dataUse(procedure: Procedure, options: DataUseOptions = {}): RegisterUse[] {
  const analysis = analyse(procedure);
  const document = procedure.document;
  const locale = options.locale ?? procedure.defaultLocale;
  const fieldTitle = (node: FieldNode): string | undefined => {
    // A row template (`/members/-`) has no title of its own as a rule: its list's names it.
    for (let n: FieldNode | undefined = node; n && n.pointer !== ""; n = n.segments[n.segments.length - 1] === "-" ? n.parent : undefined) {
      const title = fieldTexts(document, locale, n.pointer)?.title ?? n.schema.title;
      if (typeof title === "string" && title !== "") return title;
    }
    return undefined;
  };
  return analysis.registers.map((register) => {
    const title = localize(register.title, locale, procedure.defaultLocale) || register.name;
    const nodeTitle = (node: FieldNode, path: readonly string[]): string | undefined => {
      const title = registerTitle(document, locale, register.kind, register.name, pathText(path)) ?? node.schema.title;
      return typeof title === "string" && title !== "" ? title : undefined;
    };
    const reads: DataRead[] = (analysis.uses.get(register.name) ?? []).map((use) => {
      const nodes = nodesOf(analysis, register, use.path);
      const leaf = nodes.length === use.path.length ? nodes[nodes.length - 1] : undefined;
      const text = pathText(use.path);
      const fields: string[] = [];
      const steps: string[] = [];
      const lookups: string[] = [];
      const shown: string[] = [];
      const reading: string[] = [];
      const add = (list: string[], value: string | undefined) => value !== undefined && !list.includes(value) && list.push(value);
      for (const e of use.readers) {
        if (e.step !== undefined) {
          add(steps, procedure.steps[e.step]?.id);
          continue;
        }
        if (e.keyword === "lookup") {
          add(lookups, e.lookup);
          continue;
        }
        add(fields, e.node.pointer);
        const title = fieldTitle(e.node);
        add(reading, title);
        // A prefill of exactly this path: the field shows the item itself.
        const plain = e.compiled.analysis.simplePath;
        if (e.keyword === "x-prefill" && plain?.root.kind === "source" && plain.root.name === register.name && keyOf(plain.path) === keyOf(use.path)) add(shown, title);
      }
      let label: string | undefined;
      if (use.path.length === 0) label = title;
      else if (leaf && nodeTitle(leaf, use.path) !== undefined) {
        // The item's own title, after those of what holds it: "Nơi thường trú — Tỉnh, thành phố".
        label = nodes.flatMap((n, i) => nodeTitle(n, use.path.slice(0, i + 1)) ?? []).join(" — ");
      } else {
        const titles = shown.length > 0 ? shown : reading;
        label = titles.length > MAX_FIELD_TITLES ? [...titles.slice(0, MAX_FIELD_TITLES), "…"].join("; ") : titles.join("; ");
      }
      return { path: use.path, text, label: label || text, whole: use.path.length === 0 || !isScalar(leaf), fields, steps, lookups };
    });
    const request = reads.filter((r) => !reads.some((o) => o !== r && o.path.length < r.path.length && holds(o.path, r.path))).map((r) => r.path);
    return {
      name: register.name,
      kind: register.kind,
      title,
      description: localize(register.description, locale, procedure.defaultLocale),
      whole: reads.some((r) => r.path.length === 0),
      reads,
      request,
    };
  });
}

/** The paths read of each register, as a tree: a node that is `whole` keeps everything under it. */
interface PathTree {
  whole: boolean;
  readonly children: Map<string, PathTree>;
}

const trees = new WeakMap<Procedure, ReadonlyMap<string, PathTree>>();

function pathTrees(procedure: Procedure): ReadonlyMap<string, PathTree> {
  let known = trees.get(procedure);
  if (known) return known;
  const analysis = analyse(procedure);
  const out = new Map<string, PathTree>();
  for (const [name, uses] of analysis.uses) {
    const root: PathTree = { whole: false, children: new Map() };
    for (const use of uses) {
      let node = root;
      for (const n of use.path) {
        let next = node.children.get(n);
        if (!next) node.children.set(n, (next = { whole: false, children: new Map() }));
        node = next;
      }
      node.whole = true;
    }
    out.set(name, root);
  }
  trees.set(procedure, (known = out));
  return known;
}

/** Most values `usedData` visits: a context is someone else's data, and may share or loop its parts. */
const USED_DATA_MAX_VALUES = 2_000_000;

/** Sets a member, `__proto__` included, as data. */
function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Data minimisation: of `context`, only what `procedure` reads. Each member named after a register of
 * the procedure (a source, or a lookup's record given under its name) keeps the paths `dataUse` lists:
 * a path read whole keeps everything under it, as it is; lists are mapped over as JSONata navigates
 * them, keeping of each item the paths read below the list (an item with nothing read, and a value that
 * is not an object where names are read below it, can give nothing to a read and is left out). Members
 * of no register, and registers nothing reads, are left out. A form created from the result behaves as
 * one created from `context`.
 *
 * Iterative, and bounded: past `maxValues` values visited (default 2,000,000; a context
 * that shares or loops its parts could otherwise make the walk endless) it throws a `RangeError`. Only
 * own enumerable data members are read. Parts kept whole are the context's own, not copies.
 */
export function usedData(procedure: Procedure, context: FormContext, options: { readonly maxValues?: number } = {}): FormContext {
  const max = options.maxValues ?? USED_DATA_MAX_VALUES;
  const out: Record<string, unknown> = {};
  if (!isObject(context)) return out;
  let visited = 0;
  /** A value to cut below `tree`, and where to put what is kept. */
  interface Task {
    readonly value: unknown;
    readonly tree: PathTree;
    readonly into: Record<string, unknown> | unknown[];
    readonly key: string | number;
  }
  const member = (value: object, key: string): unknown => {
    const d = Object.getOwnPropertyDescriptor(value, key);
    return d && d.enumerable && "value" in d ? d.value : undefined;
  };
  // What is kept of an object or a list is put in its place after the walk, leaving out the empty ones:
  // children come after their parents here, so going backwards each is complete when it is placed.
  const built: { readonly container: Record<string, unknown> | unknown[]; readonly into: Record<string, unknown> | unknown[]; readonly key: string | number }[] = [];
  const stack: Task[] = [];
  for (const [name, tree] of [...pathTrees(procedure)].reverse()) {
    if (!Object.hasOwn(context, name)) continue;
    const value = member(context, name);
    if (value !== undefined) stack.push({ value, tree, into: out, key: name });
  }
  while (stack.length > 0) {
    const { value, tree, into, key } = stack.pop()!;
    if (++visited > max) throw new RangeError(`tokhai: usedData visited more than ${max} values of the context: does it share or loop its parts?`);
    if (tree.whole) {
      put(into, key, value);
      continue;
    }
    if (value === null || typeof value !== "object") continue; // names read below a value that has none: nothing to give
    if (Array.isArray(value)) {
      // Items keep their places until the walk ends (holes for what gives nothing), then close up.
      const items = new Array<unknown>(value.length);
      built.push({ container: items, into, key });
      for (let i = value.length - 1; i >= 0; i--) {
        const item = member(value, String(i));
        if (item !== null && typeof item === "object") stack.push({ value: item, tree, into: items, key: i });
      }
      continue;
    }
    const kept: Record<string, unknown> = {};
    built.push({ container: kept, into, key });
    const names = [...tree.children.keys()];
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      const child = Object.hasOwn(value, name) ? member(value, name) : undefined;
      if (child !== undefined) stack.push({ value: child, tree: tree.children.get(name)!, into: kept, key: name });
    }
  }
  for (let i = built.length - 1; i >= 0; i--) {
    const { container, into, key } = built[i]!;
    const value = Array.isArray(container) ? container.filter(() => true) : container; // `filter` skips the holes
    if (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0) put(into, key, value);
  }
  return out;
}

