/**
 * The folder `tokhai studio` serves: every path a client names is resolved inside it, symlinks
 * included (a link that leads out of the folder is refused), and its JSON files are listed by role.
 */
import { lstat, readdir, readFile, realpath, stat, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { isBlockDocument } from "./blocks.js";

/** A request about a path the studio does not serve: `status` is the HTTP answer. */
export class FolderError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "FolderError";
  }
}

/** The most bytes of one file the studio reads or writes. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The most files and the deepest folders the listing walks. */
export const LIST_LIMITS = { files: 2000, depth: 8 } as const;

export interface FileEntry {
  /** Path relative to the folder, with "/" separators. */
  readonly path: string;
  /** The procedure's title or the persona's name, when the file gives one. */
  readonly title?: string;
}

export interface Listing {
  readonly procedures: FileEntry[];
  /** Building blocks: files under blocks/, or shaped like a block (an id, a version, a schema; no title, no steps). Title: "id version". */
  readonly blocks: FileEntry[];
  /** Context files: one member per source ({ "citizen": … }), as a portal passes them (personas). */
  readonly contexts: FileEntry[];
  /** Other JSON data files, which the page may bind to one source (a catalogue). */
  readonly data: FileEntry[];
  /** True when the walk stopped at LIST_LIMITS. */
  readonly truncated: boolean;
}

const BLOCKS = /(^|\/)blocks\//;

const SKIP = new Set(["node_modules", "dist", "keys", "schemas"]);

export class StudioFolder {
  private constructor(readonly root: string) {}

  /** The folder, by its real path; a missing folder or a file is refused. */
  static async open(dir: string): Promise<StudioFolder> {
    let real: string;
    try {
      real = await realpath(resolve(dir));
    } catch {
      throw new FolderError(404, "no-folder", `${dir}: no such folder`);
    }
    if (!(await stat(real)).isDirectory()) throw new FolderError(400, "not-a-folder", `${dir}: is a file, not a folder`);
    return new StudioFolder(real);
  }

  /**
   * The real path of a JSON file named relative to the folder. Refused: an absolute path, a path
   * leaving the folder (`..`), one through a symlink leading out of it, a name that is not `.json`.
   */
  async resolve(path: string, { mustExist = true } = {}): Promise<string> {
    if (typeof path !== "string" || path === "" || path.length > 1000 || path.includes("\0")) throw new FolderError(400, "bad-path", "the path is missing or not a file name");
    if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.startsWith("\\")) throw new FolderError(403, "outside", `${path}: only paths inside the folder are served`);
    if (!path.endsWith(".json")) throw new FolderError(403, "not-json", `${path}: only .json files are served`);
    const full = resolve(this.root, path);
    if (!this.inside(full)) throw new FolderError(403, "outside", `${path}: only paths inside the folder are served`);
    let real: string;
    try {
      real = await realpath(full);
    } catch {
      if (mustExist) throw new FolderError(404, "no-file", `${path}: no such file in the folder`);
      return full;
    }
    if (!this.inside(real)) throw new FolderError(403, "outside", `${path}: a link that leads out of the folder`);
    const info = await stat(real);
    if (!info.isFile()) throw new FolderError(400, "not-a-file", `${path}: is not a file`);
    if (info.size > MAX_FILE_BYTES) throw new FolderError(413, "too-large", `${path}: larger than ${MAX_FILE_BYTES} bytes`);
    return real;
  }

  async read(path: string): Promise<string> {
    return readFile(await this.resolve(path), "utf8");
  }

  /** Writes an existing file in place (the studio edits files, it does not create them). */
  async write(path: string, text: string): Promise<void> {
    const real = await this.resolve(path);
    await writeFile(real, text, "utf8");
  }

  /** The folder's JSON files by role, walked without following symlinks, within LIST_LIMITS. */
  async list(): Promise<Listing> {
    const procedures: FileEntry[] = [];
    const blocks: FileEntry[] = [];
    const contexts: FileEntry[] = [];
    const data: FileEntry[] = [];
    let seen = 0;
    let truncated = false;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > LIST_LIMITS.depth) {
        truncated = true;
        return;
      }
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (seen >= LIST_LIMITS.files) {
          truncated = true;
          return;
        }
        if (entry.name.startsWith(".")) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP.has(entry.name)) await walk(full, depth + 1);
          continue;
        }
        if (!entry.isFile() || !entry.name.endsWith(".json")) continue; // symlinks are not followed
        seen++;
        const path = relative(this.root, full).split(sep).join("/");
        const info = await lstat(full);
        if (info.size > MAX_FILE_BYTES) continue;
        let value: unknown;
        try {
          value = JSON.parse(await readFile(full, "utf8"));
        } catch {
          // A procedure being written may not be JSON yet: listed by its folder's name.
          if (/(^|\/)procedures\//.test(path)) procedures.push({ path });
          else if (BLOCKS.test(path)) blocks.push({ path });
          continue;
        }
        const object = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
        if (object && (isBlockDocument(object) || (BLOCKS.test(path) && object.title === undefined))) blocks.push(blockEntry(path, object));
        else if (object && isProcedure(object, path)) procedures.push(titled(path, object.title));
        else if (object && /(^|\/)(personas|contexts)\/[^/]+$/.test(path)) contexts.push(titled(path, (object.citizen as { fullName?: unknown } | undefined)?.fullName));
        else data.push({ path });
      }
    };
    await walk(this.root, 0);
    return { procedures, blocks, contexts, data, truncated };
  }

  private inside(full: string): boolean {
    const rel = relative(this.root, full);
    return rel === "" ? false : !rel.startsWith("..") && !isAbsolute(rel);
  }
}

function isProcedure(object: Record<string, unknown>, path: string): boolean {
  if (typeof object.$schema === "string" && object.$schema.endsWith("procedure.v1.schema.json")) return true;
  if ("schema" in object && "steps" in object) return true;
  return /(^|\/)procedures\//.test(path) && "schema" in object;
}

function blockEntry(path: string, object: Record<string, unknown>): FileEntry {
  return typeof object.id === "string" ? { path, title: `${object.id} ${typeof object.version === "string" ? object.version : ""}`.trim() } : { path };
}

function titled(path: string, title: unknown): FileEntry {
  if (typeof title === "string") return { path, title };
  if (title && typeof title === "object" && typeof (title as { vi?: unknown }).vi === "string") return { path, title: (title as { vi: string }).vi };
  return { path };
}
