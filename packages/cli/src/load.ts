/**
 * Loading a procedure file for a command: read, parse, `loadProcedure`, and every problem located
 * in the file (`file:line:column  pointer  message`).
 */
import { loadProcedure, ProcedureError, type Procedure, type ProcedureProblem } from "@tokhai/core";
import type { Io } from "./errors.js";
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
}

/**
 * A load problem or a lint warning, at its place in the file: an expression problem at its character
 * in the expression, any other at its pointer. (The file was parsed before `loadProcedure` saw it, so
 * core never reports a JSON syntax problem here.)
 */
export function locateProblem(json: JsonText, problem: Pick<ProcedureProblem, "pointer" | "code" | "message" | "position">, severity: Finding["severity"] = "error"): Finding {
  const at = json.locate(problem.pointer, problem.position);
  return { severity, file: json.file, line: at.line, column: at.column, pointer: problem.pointer, code: problem.code, message: problem.message };
}

/** `file:line:column  pointer  message`, the format editors and CI logs link. */
export function formatFinding(f: Finding): string {
  const tag = f.severity === "warning" ? "warning: " : "";
  return `${f.file}:${f.line}:${f.column}  ${f.pointer || "(document)"}  ${tag}${f.message}`;
}

export type Loaded = { ok: true; json: JsonText; procedure: Procedure } | { ok: false; json: JsonText; findings: Finding[] };

/** Reads and loads a procedure file. A missing file or broken JSON throws a UsageError (exit 2). */
export async function loadProcedureFile(file: string): Promise<Loaded> {
  const json = await readJson(file, "procedure file");
  try {
    return { ok: true, json, procedure: await loadProcedure(json.value) };
  } catch (error) {
    if (!(error instanceof ProcedureError)) throw error;
    return { ok: false, json, findings: sortFindings(error.problems.map((p) => locateProblem(json, p))) };
  }
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * For the commands that need a procedure without problems (types, compile, validate, stats): prints
 * its problems and how to see them all, and returns undefined.
 */
export async function loadOrReport(file: string, command: string, io: Io): Promise<{ json: JsonText; procedure: Procedure } | undefined> {
  const loaded = await loadProcedureFile(file);
  if (loaded.ok) return loaded;
  for (const f of loaded.findings) io.stderr(`${formatFinding(f)}\n`);
  const n = loaded.findings.length;
  io.stderr(`tokhai ${command}: ${file} has ${n} problem${n === 1 ? "" : "s"}; \`tokhai check ${file}\` lists them with warnings.\n`);
  return undefined;
}
