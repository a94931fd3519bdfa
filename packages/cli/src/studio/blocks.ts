/**
 * Building blocks in the studio: a procedure's `$ref`s to other files are read as `tokhai check` reads
 * them (block-files.ts: relative to the referring file, never outside the root), the root being the
 * studio's folder; paths are shown relative to it; and the editor's unsaved text of a file is read in
 * place of the file (the overlay), so that what is typed is what is checked.
 */
import { relative, resolve, sep } from "node:path";
import { loadProcedure, type Procedure } from "@tokhai/core";
import { BlockFiles, displayFileUris, fileUri } from "../block-files.js";
import type { JsonText } from "../json-text.js";
import type { StudioFolder } from "./folder.js";

/** What a block document is, as `tokhai check <dir>` tells it from a procedure: an id, a version and a schema, no title, no steps. */
export function isBlockDocument(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const schema = v.schema;
  return typeof v.id === "string" && typeof v.version === "string" && schema !== null && typeof schema === "object" && !Array.isArray(schema) && v.title === undefined && v.steps === undefined;
}

/** A file's path relative to the folder, with "/" (a path out of it keeps its `..`). */
export function folderPath(folder: StudioFolder, path: string): string {
  return relative(folder.root, path).split(sep).join("/");
}

/** A message with the file URLs core names (`file:///…/blocks/a.json`) shown as paths in the folder. */
export function folderUris(folder: StudioFolder, message: string): string {
  return displayFileUris(message, (path) => folderPath(folder, path));
}

/** The file URI of a path of the folder (the path is checked by StudioFolder.resolve; it need not exist yet). */
export async function uriOf(folder: StudioFolder, path: string | undefined): Promise<string> {
  // Posted without a path: references are read relative to the folder itself.
  if (path === undefined) return fileUri(resolve(folder.root, "(posted).json"));
  return fileUri(await folder.resolve(path, { mustExist: false }));
}

/**
 * One load in the folder: the resolver (rooted at the folder, each overlay's text read in place of its
 * file), and the block files it was asked for, which tell which blocks a procedure uses.
 */
export class FolderLoad {
  readonly blocks: BlockFiles;
  /** The files the load asked for (display paths in the folder). */
  readonly reached = new Set<string>();

  constructor(folder: StudioFolder, overlays: readonly { uri: string; json: JsonText }[] = []) {
    this.blocks = new BlockFiles(folder.root, (path) => folderPath(folder, path));
    for (const o of overlays) this.blocks.add(o.uri, o.json);
  }

  /** `loadProcedure` of the document `json` at `uri` (throws ProcedureError as it does). */
  load(uri: string, json: JsonText): Promise<Procedure> {
    this.blocks.add(uri, json);
    return loadProcedure(json.value, {
      uri,
      resolve: (ref: string) => {
        this.reached.add(this.blocks.fileOf(ref));
        return this.blocks.resolve(ref);
      },
    });
  }
}
