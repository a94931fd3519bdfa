/**
 * Where a pointer of a procedure bundled from building blocks (see blocks.ts) is in the files, and what
 * a procedure records of its blocks. Small and free of the loader, for every entry (a compiled
 * procedure carries its blocks too).
 */
import { isPrefixPointer, unescapeSegment } from "./pointer.js";
import type { RefStep } from "./procedure-error.js";
import type { ProcedureDocument } from "./types.js";

/** Most documents one procedure may reach, and the longest chain of references between documents. */
export const BLOCK_LIMITS = { documents: 200, depth: 16 } as const;

/** A block a procedure uses. */
export interface BlockUse {
  readonly uri: string;
  readonly id: string;
  readonly version: string;
  /** Its name in the bundled schema's `$defs`. */
  readonly key: string;
  /** The references that first reached it, from the procedure's. */
  readonly via: readonly RefStep[];
  /** The sources and lookups it declares. */
  readonly sources: readonly string[];
  readonly lookups: readonly string[];
}

/** What a bundled document's pointer is in the files: which document, where, and how it was reached. */
export interface Origin {
  readonly uri?: string;
  readonly pointer: string;
  readonly via?: readonly RefStep[];
}

/** `procedure /schema/a/$ref → blocks/address.json /schema/$ref`: a chain of references as text. */
export function chainText(via: readonly RefStep[]): string {
  return via.map((s) => `${s.uri ?? "procedure"} ${s.pointer}`).join(" → ");
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Where a pointer of the bundled document is in the files: in a block's schema (`/schema/$defs/<key>/…`
 * is that block's `/schema/…`), in a source or lookup a block declared, or else in the procedure.
 */
export function originOf(pointer: string, blocks: readonly BlockUse[], ownDocument?: ProcedureDocument): Origin {
  for (const block of blocks) {
    const prefix = `/schema/$defs/${block.key}`;
    if (isPrefixPointer(prefix, pointer)) return { uri: block.uri, pointer: `/schema${pointer.slice(prefix.length)}`, via: block.via };
  }
  const register = /^\/(sources|lookups)\/([^/]+)/.exec(pointer);
  if (register && ownDocument) {
    const member = register[1] as "sources" | "lookups";
    const name = unescapeSegment(register[2]!);
    const own = ownDocument[member];
    if (!isObject(own) || !Object.prototype.hasOwnProperty.call(own, name)) {
      const block = blocks.find((b) => b[member].includes(name));
      if (block) return { uri: block.uri, pointer, via: block.via };
    }
  }
  return { pointer };
}
