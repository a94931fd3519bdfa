/**
 * A folder of procedures and building blocks, as `tokhai check <dir>` reads it: every `.json` file below
 * it (not in `node_modules` or hidden folders) that is an object with an `id`, a `version` and a
 * `schema` is a procedure when it has a `title`, a block when it has none (see core's blocks.ts).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "./errors.js";
import { MAX_BLOCK_BYTES } from "./block-files.js";

/** The most files and the deepest folders a catalogue is searched through. */
export const CATALOGUE_LIMITS = { files: 10_000, depth: 12 } as const;

export interface Catalogue {
  /** Procedure files, sorted. */
  readonly procedures: readonly string[];
  /** Block files with what they say they are, sorted. */
  readonly blocks: readonly { readonly file: string; readonly id: string; readonly version: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The procedures and blocks below `folder`. A file that is not JSON or is neither is skipped. */
export async function readCatalogue(folder: string): Promise<Catalogue> {
  const procedures: string[] = [];
  const blocks: { file: string; id: string; version: string }[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < CATALOGUE_LIMITS.depth) await walk(path, depth + 1);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
      if (++seen > CATALOGUE_LIMITS.files) throw new UsageError(`${folder}: more than ${CATALOGUE_LIMITS.files.toLocaleString("en")} JSON files; check a smaller folder`);
      if ((await stat(path)).size > MAX_BLOCK_BYTES) continue;
      let value: unknown;
      try {
        value = JSON.parse(await readFile(path, "utf8"));
      } catch {
        continue; // not JSON: neither a procedure nor a block (`tokhai check <file>` says where it breaks)
      }
      if (!isObject(value) || typeof value.id !== "string" || typeof value.version !== "string" || !isObject(value.schema)) continue;
      if (typeof value.title === "string") procedures.push(path);
      else if (value.steps === undefined) blocks.push({ file: path, id: value.id, version: value.version });
    }
  };
  try {
    if (!(await stat(folder)).isDirectory()) throw new UsageError(`${folder}: not a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${folder}: no such folder`);
  }
  await walk(folder, 0);
  return { procedures, blocks };
}
