/**
 * Building blocks as files: the resolver `loadProcedure` is given by the commands. A `$ref` names a file
 * relative to the file that holds it; no file outside the root is read (the root is the procedure's
 * folder, the folder `tokhai check <dir>` was given, or `--root`). Every file read is kept with its text,
 * so that a problem in a block is located at its line and column.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse, type ParseError } from "jsonc-parser";
import type { ProcedureProblem, RefStep } from "@tokhai/core";
import { JsonText, type Position } from "./json-text.js";

/** Largest block file read (a procedure's blocks are a few KB each). */
export const MAX_BLOCK_BYTES = 5 * 1024 * 1024;

/** How a file is shown: relative to the working directory, as the user named the procedure. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === "" ? "." : shown.startsWith("..") && shown.split(sep).filter((s) => s === "..").length > 3 ? path : shown;
}

/** A message with the file URLs core names (`file:///…/blocks/a.json`) shown as paths (`display`: how). */
export function displayFileUris(message: string, display: (path: string) => string = displayPath): string {
  return message.replace(/file:\/\/\/[^\s"'()]+/g, (uri) => {
    try {
      return display(fileURLToPath(uri));
    } catch {
      return uri;
    }
  });
}

/** The file URL of a path, the URI core resolves a procedure's references against. */
export const fileUri = (path: string): string => pathToFileURL(path).href;

export class BlockFiles {
  /** The files read, by URI. */
  private readonly files = new Map<string, JsonText>();

  /**
   * `root`: an absolute path, with symbolic links resolved (see `rootOf`). `display`: how a file's path
   * is shown in findings and messages (default: relative to the working directory; the studio shows
   * paths relative to its folder).
   */
  constructor(
    readonly root: string,
    private readonly display: (path: string) => string = displayPath,
  ) {}

  /** Registers the procedure's own text, so that the chains of references can be located in it too. */
  add(uri: string, json: JsonText): void {
    this.files.set(uri, json);
    this.own = uri;
  }

  private own: string | undefined;

  /** The resolver for `loadProcedure`: reads the file a reference names, if it is under the root. */
  readonly resolve = async (uri: string): Promise<unknown> => {
    const known = this.files.get(uri);
    if (known) return known.value ?? known.text;
    if (!uri.startsWith("file:")) throw new Error(`only files are read, and ${uri} is not a file`);
    const path = fileURLToPath(uri);
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error((error as Error).message);
    }
    if (!inside(this.root, real)) throw new Error(`${this.display(path)} is outside the root folder ${this.display(this.root)} (--root widens it)`);
    const info = await stat(real);
    if (!info.isFile()) throw new Error(`${this.display(path)} is not a file`);
    if (info.size > MAX_BLOCK_BYTES) throw new Error(`${this.display(path)} is larger than ${MAX_BLOCK_BYTES / 1024 / 1024} MB`);
    let text = await readFile(real, "utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const errors: ParseError[] = [];
    const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const json = new JsonText(this.display(path), text, errors.length > 0 ? undefined : value);
    this.files.set(uri, json);
    // Broken JSON goes to core as text: it reports where it breaks, located in the block.
    return json.value ?? text;
  };

  /** The file a problem is in (its `uri`), and its position there; undefined for the procedure's own. */
  locate(problem: Pick<ProcedureProblem, "uri" | "pointer" | "position" | "code">): { file: string; at: Position } | undefined {
    if (problem.uri === undefined) return undefined;
    const json = this.files.get(problem.uri);
    if (!json) return { file: problem.uri, at: { line: 1, column: 1, offset: 0 } };
    // A JSON syntax problem's position is an offset in the text, not in an expression.
    const at = problem.code === "json" && problem.position !== undefined ? json.position(problem.position) : json.locate(problem.pointer, problem.position);
    return { file: json.file, at };
  }

  /** Each `$ref` of a chain as `file:line:column`: `procedure.json:12:9 → blocks/person.json:4:7`. */
  chain(via: readonly RefStep[], procedure: JsonText): string[] {
    return via.map((step) => {
      const json = step.uri === undefined ? procedure : this.files.get(step.uri);
      if (!json) return `${step.uri} ${step.pointer}`;
      const at = json.locate(step.pointer);
      return `${json.file}:${at.line}:${at.column}`;
    });
  }

  /** The blocks read (the procedure's own file aside), with what they say they are. */
  read(): { file: string; id: string; version: string }[] {
    const out: { file: string; id: string; version: string }[] = [];
    // A file that is not JSON, or not a block, says so in place of its id and version.
    for (const [uri, json] of this.files) {
      if (uri === this.own) continue;
      const v = json.value as { id?: unknown; version?: unknown } | undefined;
      out.push({ file: json.file, id: typeof v?.id === "string" ? v.id : "(not a block)", version: typeof v?.version === "string" ? v.version : "" });
    }
    return out;
  }

  /** The display path of a block's URI. */
  fileOf(uri: string): string {
    return this.files.get(uri)?.file ?? (uri.startsWith("file:") ? this.display(fileURLToPath(uri)) : uri);
  }
}

/** Whether `path` is `root` or below it (both absolute, links resolved). */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** A root folder as `BlockFiles` needs it: absolute, links resolved. */
export async function rootOf(folder: string): Promise<string> {
  return realpath(folder);
}
