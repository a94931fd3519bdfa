/**
 * `tokhai check` on text the studio's editor posts, rather than a file: the same load checks and
 * lint warnings, each located at line:column of the text (and its offset, for the editor). Building
 * blocks are read from the studio's folder; a problem in a block comes back with the block's file.
 * A block's own text is checked through the procedures of the folder that use it (with the editor's
 * text in place of the block's file), as `tokhai check <dir>` would check them.
 */
import { readFile } from "node:fs/promises";
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { ProcedureError, type Procedure, type ProcedureDocument } from "@tokhai/core";
import { readCatalogue } from "../catalogue.js";
import { UsageError } from "../errors.js";
import { JsonText } from "../json-text.js";
import { lint } from "../lint.js";
import { locateProblem, locateWarning, sortFindings, type Finding } from "../load.js";
import { FolderLoad, folderPath, folderUris, isBlockDocument, uriOf } from "./blocks.js";
import type { StudioFolder } from "./folder.js";
import { HttpError } from "./http.js";

/** Deeper than this, the text is refused before it is parsed (loadProcedure refuses past 128 anyway). */
export const MAX_TEXT_DEPTH = 256;

/** A finding of the editor's text: `file` is the path it was posted for, or the block's (in the folder) it is in. */
export interface TextFinding extends Finding {
  /** 0-based offset in the text, for a finding in the posted file (not for one in another file). */
  readonly offset?: number;
}

export interface TextCheck {
  /** A procedure, or a building block (checked through the procedures that use it). */
  readonly kind: "procedure" | "block";
  readonly problems: TextFinding[];
  /** The document the preview loads (blocks bundled in): the procedure's, or for a block the first procedure using it that loads. */
  readonly document?: ProcedureDocument;
  /** For a block: the procedure `document` is of. */
  readonly previewOf?: string;
  /** For a procedure: the blocks it uses; for a block: the procedures of the folder that use it. */
  readonly uses?: readonly string[];
  readonly usedBy?: readonly string[];
}

/** Every problem and warning `tokhai check <file>` would print if the file held `text`. */
export async function checkText(folder: StudioFolder, file: string, text: string): Promise<TextCheck> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const json = new JsonText(file, text, undefined);
  const kind = /(^|\/)blocks\//.test(file) ? "block" : "procedure";
  const tooDeep = depthPast(text, MAX_TEXT_DEPTH);
  if (tooDeep !== undefined) return { kind, problems: [at(json, tooDeep, "json-depth", `nested deeper than ${MAX_TEXT_DEPTH} levels`)] };
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    return { kind, problems: [at(json, first.offset, "json-syntax", `not valid JSON: ${words(printParseErrorCode(first.error))}`)] };
  }
  const parsed = new JsonText(file, text, value);
  const uri = await uriOf(folder, file);
  // A block being written (no id yet) is still a block when it is under blocks/ and has no title.
  const untitled = value !== null && typeof value === "object" && !Array.isArray(value) && (value as { title?: unknown }).title === undefined;
  if (isBlockDocument(value) || (kind === "block" && untitled)) return checkBlock(folder, parsed, uri);
  const load = new FolderLoad(folder);
  const blocks = load.blocks;
  let findings: Finding[];
  let procedure: Procedure | undefined;
  try {
    procedure = await load.load(uri, parsed);
    findings = lint(procedure).map((w) => locateWarning(parsed, procedure!, blocks, w));
  } catch (error) {
    if (!(error instanceof ProcedureError)) throw error;
    findings = error.problems.map((p) => locateProblem(parsed, { ...p, message: folderUris(folder, p.message) }, "error", blocks));
  }
  const uses = [...load.reached];
  return {
    kind: "procedure",
    problems: located(parsed, sortFindings(findings)),
    ...(procedure ? { document: procedure.document } : {}),
    ...(uses.length > 0 ? { uses } : {}),
  };
}

/**
 * A block's text, checked through every procedure of the folder that reaches it: the findings of each
 * in the block (merged, one `via` chain per procedure, as `tokhai check <dir>` does), and the errors it
 * causes in other files; the procedures that use it.
 */
async function checkBlock(folder: StudioFolder, block: JsonText, uri: string): Promise<TextCheck> {
  let catalogue;
  try {
    catalogue = await readCatalogue(folder.root);
  } catch (error) {
    if (error instanceof UsageError) throw new HttpError(422, "catalogue", error.message);
    throw error;
  }
  const findings = new Map<string, Finding>();
  const usedBy: string[] = [];
  let preview: { document: ProcedureDocument; path: string } | undefined;
  for (const file of catalogue.procedures) {
    const path = folderPath(folder, file);
    let own: JsonText;
    try {
      const text = await readFile(file, "utf8");
      own = new JsonText(path, text, JSON.parse(text));
    } catch {
      continue; // changed or gone since the catalogue was read
    }
    const load = new FolderLoad(folder, [{ uri, json: block }]);
    const blocks = load.blocks;
    let found: Finding[];
    let procedure: Procedure | undefined;
    try {
      procedure = await load.load(await uriOf(folder, path), own);
      found = lint(procedure).map((w) => locateWarning(own, procedure!, blocks, w));
    } catch (error) {
      if (!(error instanceof ProcedureError)) throw error;
      found = error.problems.map((p) => locateProblem(own, { ...p, message: folderUris(folder, p.message) }, "error", blocks));
    }
    if (!load.reached.has(block.file)) continue;
    usedBy.push(path);
    if (procedure && !preview) preview = { document: procedure.document, path };
    // The block's findings, and the errors it may cause elsewhere (a field it no longer has): not the procedures' own warnings.
    for (const f of found) {
      if (f.file !== block.file && f.severity !== "error") continue;
      const key = [f.severity, f.file, f.line, f.column, f.code, f.message].join("\u0000");
      const known = findings.get(key);
      findings.set(key, known && f.via ? { ...known, via: [...(known.via ?? []), ...f.via] } : (known ?? f));
    }
  }
  return {
    kind: "block",
    problems: located(block, sortFindings([...findings.values()])),
    usedBy,
    ...(preview ? { document: preview.document, previewOf: preview.path } : {}),
  };
}

/** The findings with the offset of those in the posted file. */
function located(json: JsonText, findings: Finding[]): TextFinding[] {
  return findings.map((f) => (f.file === json.file ? { ...f, offset: offsetOf(json, f.line, f.column) } : f));
}

function at(json: JsonText, offset: number, code: string, message: string): TextFinding {
  const p = json.position(offset);
  return { severity: "error", file: json.file, line: p.line, column: p.column, offset, pointer: "", code, message };
}

/** The offset of a 1-based line and column (JsonText.position's inverse). */
function offsetOf(json: JsonText, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = nextLine(json.text, offset);
    if (next < 0) break;
    offset = next;
  }
  return offset + column - 1;
}

function nextLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

/** The offset of the first bracket past `max` levels of nesting (strings skipped), if any. */
function depthPast(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (++depth > max) return i;
    } else if (c === "}" || c === "]") depth--;
  }
  return undefined;
}

/** jsonc-parser's code ("CommaExpected") as words ("comma expected"). */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
