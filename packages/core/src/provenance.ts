/**
 * Provenance: where each value came from (decision 4), and how a prefilled subtree is derived from the
 * context rather than from what a draft or an envelope claims about it.
 *
 * `alignPrefill` is the one derivation both ends share. It walks what a prefill yielded from the context
 * beside the values now at its place: objects key by key; rows of a list by the source row they
 * came from. A row's claims (`members[2].relation`) only say *which* source row it is; every locked
 * value of that row then comes from, or is checked against, that source row, whatever its own claim
 * says. A row that claims no source row is one the citizen added.
 */
import { forEachLeaf } from "./equal.js";
import type { FieldNode } from "./model.js";
import { appendPointer, getIn } from "./pointer.js";
import type { Provenance } from "./types.js";

/** Provenance as the form keeps it: with the value first filled in, to tell whether it was edited. */
export type InternalProvenance =
  | { source: string; path: string; locked: boolean; edited: boolean; original: unknown; input?: unknown }
  | { source: "computed" }
  | { source: "default"; edited: boolean; original: unknown }
  | { source: "user" };

/** What a prefill yielded from the context, and how provenance names it. */
export interface Prefilled {
  readonly value: unknown;
  readonly source: string;
  /** The source path read (`members`), or the whole expression when it is not a plain path. */
  readonly path: string;
  /** The prefilled field. */
  readonly node: FieldNode;
  /** `x-lock` on the prefilled field itself. */
  readonly lockable: boolean;
  /** For a prefill from a lookup: the input the register was asked about. */
  readonly input?: unknown;
}

/** "The source holds nothing there." */
export const NO_SOURCE: unique symbol = Symbol("no source");

/** How a provenance path goes on into a key or a row: `.name`, `[2]`. */
export function pathStep(segment: string): string {
  return /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
}

/** The provenance path of a value `relative` (a pointer) below a prefilled field: `members` + `/2/fullName` → `members[2].fullName`. */
export function leafPath(path: string, relative: string): string {
  if (relative === "") return path;
  let out = path;
  for (const s of relative.split("/").slice(1)) out += pathStep(s);
  return out;
}

/** Follows a provenance path into what a prefill yielded; NO_SOURCE when the path is not one of its values. */
export function sourceValueAt(prefilled: Prefilled, path: string): unknown {
  if (!path.startsWith(prefilled.path)) return NO_SOURCE;
  const rest = path.slice(prefilled.path.length);
  const segments: string[] = [];
  const re = /\[(\d+)\]|\.([^.[]+)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(rest))) {
    segments.push(m[1] ?? m[2]!);
    end = re.lastIndex;
  }
  if (end !== rest.length) return NO_SOURCE;
  const value = getIn(prefilled.value, segments);
  return value === undefined ? NO_SOURCE : value;
}

/** A claim restored from a draft. A saved claim of "locked" is never trusted: locks come from the context again. */
export function fromSaved(saved: Provenance, value: unknown): InternalProvenance {
  if (saved.source === "computed" || saved.source === "user") return { source: saved.source } as InternalProvenance;
  if (saved.source === "default") return { source: "default", edited: (saved as { edited?: boolean }).edited === true, original: value };
  const s = saved as { source: string; path: string; edited: boolean };
  return { source: s.source, path: String(s.path), locked: false, edited: s.edited === true, original: s.edited ? undefined : value };
}

export function publicProvenance(p: InternalProvenance): Provenance {
  switch (p.source) {
    case "computed":
      return { source: "computed" };
    case "user":
      return { source: "user" };
    case "default":
      return { source: "default", edited: (p as { edited: boolean }).edited };
    default: {
      const q = p as { source: string; path: string; locked: boolean; edited: boolean; input?: unknown };
      return { source: q.source, path: q.path, locked: q.locked, edited: q.edited, ...(q.input !== undefined ? { input: q.input } : {}) };
    }
  }
}

/** One place of a prefilled subtree, derived from the context. */
export interface Derived {
  /** Data pointer. */
  readonly pointer: string;
  readonly source: string;
  /** The provenance path a claim about this value must give. */
  readonly path: string;
  /** What the source holds here. */
  readonly expected: unknown;
  /** Verified data: `x-lock` on the prefilled field or on a field between it and here. */
  readonly locked: boolean;
  /** Where a lock begins: the value here must equal `expected` as a whole (rows, keys and all). */
  readonly lockRoot: boolean;
  /** The value here is a leaf of the data (what provenance claims are about). */
  readonly leaf: boolean;
  /** For a value from a lookup: the input the register was asked about (a claim must name the same). */
  readonly input?: unknown;
}

export interface Alignment {
  /** Each lock root (whether or not anything is there) and each leaf the source accounts for. */
  readonly values: readonly Derived[];
  /** Pointers of rows whose claims name several source rows, or a source row an earlier row claimed. */
  readonly conflicts: readonly string[];
}

type Claim = { readonly source: string; readonly path: string } | undefined;

const isLeaf = (value: unknown): boolean =>
  value === null || typeof value !== "object" || (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The source row a claim path names, below a list whose own path is `listPath`: `members[2].x` → 2;
 * undefined when the path is not below that list.
 */
function claimedRow(path: string, listPath: string): number | undefined {
  if (path.length <= listPath.length + 2 || !path.startsWith(listPath) || path[listPath.length] !== "[") return undefined;
  const close = path.indexOf("]", listPath.length + 1);
  if (close < 0) return undefined;
  const digits = path.slice(listPath.length + 1, close);
  if (!/^(0|[1-9]\d*)$/.test(digits)) return undefined;
  const next = path[close + 1];
  if (next !== undefined && next !== "." && next !== "[") return undefined;
  return Number(digits);
}

/**
 * Aligns what a prefill yielded (`prefilled`, at `pointer`) with `current`, the values now at that
 * place (a restored draft, or a submitted envelope), whose claims `claimOf` reads. Hidden places
 * (`visible` false) are skipped. Iterative; the work is proportional to the size of both values.
 */
export function alignPrefill(
  prefilled: Prefilled,
  pointer: string,
  current: unknown,
  claimOf: (pointer: string) => Claim,
  visible: (pointer: string) => boolean = () => true,
): Alignment {
  interface Entry {
    readonly expected: unknown;
    readonly value: unknown;
    readonly pointer: string;
    readonly node: FieldNode | undefined;
    readonly path: string;
    readonly lockedAbove: boolean;
  }
  const values: Derived[] = [];
  const conflicts: string[] = [];
  const stack: Entry[] = [{ expected: prefilled.value, value: current, pointer, node: prefilled.node, path: prefilled.path, lockedAbove: false }];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (!visible(e.pointer)) continue;
    const locked = e.lockedAbove || e.node?.schema["x-lock"] === true;
    const lockRoot = locked && !e.lockedAbove;
    const leaf = e.value !== undefined && isLeaf(e.value);
    if (lockRoot || leaf) {
      values.push({
        pointer: e.pointer,
        source: prefilled.source,
        path: e.path,
        expected: e.expected,
        locked,
        lockRoot,
        leaf,
        ...(prefilled.input !== undefined ? { input: prefilled.input } : {}),
      });
    }
    if (e.value === undefined || leaf) continue;
    const children: Entry[] = [];
    if (Array.isArray(e.expected) && Array.isArray(e.value) && e.node?.items) {
      const items = e.node.items;
      if (locked) {
        // Locked rows cannot be added, removed or moved: row i is source row i (the lock root's
        // equality check refuses any other list).
        const n = Math.min(e.expected.length, e.value.length);
        for (let i = 0; i < n; i++) {
          children.push({ expected: e.expected[i], value: e.value[i], pointer: appendPointer(e.pointer, i), node: items, path: `${e.path}[${i}]`, lockedAbove: true });
        }
      } else {
        const used = new Set<number>();
        e.value.forEach((row, i) => {
          const rowPointer = appendPointer(e.pointer, i);
          const rows = new Set<number>();
          forEachLeaf(row, rowPointer, (p) => {
            const claim = claimOf(p);
            if (claim?.source !== prefilled.source) return;
            const k = claimedRow(claim.path, e.path);
            if (k !== undefined) rows.add(k);
          });
          if (rows.size === 0) return; // a row the citizen added
          const [k] = rows;
          if (rows.size > 1 || k! >= (e.expected as unknown[]).length || used.has(k!)) {
            conflicts.push(rowPointer);
            return;
          }
          used.add(k!);
          children.push({ expected: (e.expected as unknown[])[k!], value: row, pointer: rowPointer, node: items, path: `${e.path}[${k}]`, lockedAbove: false });
        });
      }
    } else if (isPlainObject(e.expected) && isPlainObject(e.value)) {
      for (const key of Object.keys(e.expected)) {
        children.push({
          expected: e.expected[key],
          value: Object.prototype.hasOwnProperty.call(e.value, key) ? e.value[key] : undefined,
          pointer: appendPointer(e.pointer, key),
          node: e.node?.properties?.get(key),
          path: e.path + pathStep(key),
          lockedAbove: locked,
        });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { values, conflicts };
}
