/**
 * Loading a procedure file for a command: read, parse, `loadProcedure`, and every problem located
 * in the file (`file:line:column  pointer  message`).
 */
import { dirname, resolve } from "node:path";
import { loadProcedure, originOf, ProcedureError, type Procedure, type ProcedureDocument, type ProcedureProblem } from "@tokhai/core";
import { BlockFiles, displayFileUris, fileUri, rootOf } from "./block-files.js";
import { UsageError, type Io } from "./errors.js";
import { readJson, type JsonText } from "./json-text.js";

/** A problem or warning about a file, located in its text. */
export interface Finding {
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer in the file ("" for the whole document). */
  readonly pointer: string;
  /** Stable code: core's problem codes (`expression-syntax`, `unknown-path`, …) or the lint rules' (`unused-source`, …). */
  readonly code: string;
  readonly message: string;
  /**
   * For a problem in a block: the `$ref`s that reached it, as `file:line:column`, from the procedure's;
   * one chain per procedure it affects (`tokhai check <dir>` merges the procedures' findings).
   */
  readonly via?: readonly (readonly string[])[];
}

/**
 * A load problem or a lint warning, at its place in the file: an expression problem at its character
 * in the expression, any other at its pointer. (The file was parsed before `loadProcedure` saw it, so
 * core never reports a JSON syntax problem here.)
 */
export function locateProblem(
  json: JsonText,
  problem: Pick<ProcedureProblem, "pointer" | "code" | "message" | "position" | "uri" | "via">,
  severity: Finding["severity"] = "error",
  blocks?: BlockFiles,
): Finding {
  const inBlock = blocks?.locate(problem);
  if (inBlock) {
    const via = problem.via && problem.via.length > 0 ? { via: [blocks!.chain(problem.via, json)] } : {};
    return { severity, file: inBlock.file, line: inBlock.at.line, column: inBlock.at.column, pointer: problem.pointer, code: problem.code, message: displayFileUris(problem.message), ...via };
  }
  const at = json.locate(problem.pointer, problem.position);
  return { severity, file: json.file, line: at.line, column: at.column, pointer: problem.pointer, code: problem.code, message: blocks ? displayFileUris(problem.message) : problem.message };
}

/** A lint warning of a loaded procedure (its pointer is the bundled document's), located in its file. */
export function locateWarning(json: JsonText, procedure: Procedure, blocks: BlockFiles, warning: Pick<ProcedureProblem, "pointer" | "code" | "message" | "position">): Finding {
  const origin = originOf(warning.pointer, procedure.blocks ?? [], json.value as ProcedureDocument);
  return locateProblem(json, { ...warning, ...origin }, "warning", blocks);
}

/**
 * `file:line:column  pointer  message`, the format editors and CI logs link; for a problem in a block,
 * a line per procedure it affects with the `$ref`s that reached it (`  from p.json:9:7 → blocks/a.json:4:9`).
 */
export function formatFinding(f: Finding): string {
  const tag = f.severity === "warning" ? "warning: " : "";
  const via = (f.via ?? []).map((chain) => `\n  from ${chain.join(" → ")}`).join("");
  return `${f.file}:${f.line}:${f.column}  ${f.pointer || "(document)"}  ${tag}${f.message}${via}`;
}

export type Loaded = { ok: true; json: JsonText; procedure: Procedure; blocks: BlockFiles } | { ok: false; json: JsonText; findings: Finding[]; blocks: BlockFiles };

export interface LoadFileOptions {
  /**
   * The folder no building block may be read outside of (`--root`). Default: the procedure's folder.
   * A `$ref` names a file relative to the file that holds it.
   */
  readonly root?: string;
}

/** Reads and loads a procedure file and its blocks. A missing file or broken JSON throws a UsageError (exit 2). */
export async function loadProcedureFile(file: string, options: LoadFileOptions = {}): Promise<Loaded> {
  const json = await readJson(file, "procedure file");
  const folder = options.root ?? dirname(file);
  let root: string;
  try {
    root = await rootOf(folder);
  } catch {
    throw new UsageError(`${folder}: no such root folder`);
  }
  const blocks = new BlockFiles(root);
  const uri = fileUri(resolve(file));
  blocks.add(uri, json);
  try {
    return { ok: true, json, procedure: await loadProcedure(json.value, { resolve: blocks.resolve, uri }), blocks };
  } catch (error) {
    if (!(error instanceof ProcedureError)) throw error;
    return { ok: false, json, findings: sortFindings(error.problems.map((p) => locateProblem(json, p, "error", blocks))), blocks };
  }
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * For the commands that need a procedure without problems (types, compile, validate, stats): prints
 * its problems and how to see them all, and returns undefined.
 */
export async function loadOrReport(file: string, command: string, io: Io, options: LoadFileOptions = {}): Promise<{ json: JsonText; procedure: Procedure } | undefined> {
  const loaded = await loadProcedureFile(file, options);
  if (loaded.ok) return loaded;
  for (const f of loaded.findings) io.stderr(`${formatFinding(f)}\n`);
  const n = loaded.findings.length;
  io.stderr(`tokhai ${command}: ${file} has ${n} problem${n === 1 ? "" : "s"}; \`tokhai check ${file}\` lists them with warnings.\n`);
  return undefined;
}
