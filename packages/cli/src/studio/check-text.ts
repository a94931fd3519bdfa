/**
 * `tokhai check` on text the studio's editor posts, rather than a file: the same load checks and
 * lint warnings, each located at line:column of the text (and its offset, for the editor).
 */
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { loadProcedure, ProcedureError } from "@tokhai/core";
import { JsonText } from "../json-text.js";
import { lint } from "../lint.js";
import { locateProblem, sortFindings, type Finding } from "../load.js";

/** Deeper than this, the text is refused before it is parsed (loadProcedure refuses past 128 anyway). */
export const MAX_TEXT_DEPTH = 256;

/** A finding of the editor's text: `file` is the path it was posted for. */
export interface TextFinding extends Finding {
  /** 0-based offset in the text. */
  readonly offset: number;
}

/** Every problem and warning `tokhai check <file>` would print if the file held `text`. */
export async function checkText(file: string, text: string): Promise<TextFinding[]> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const json = new JsonText(file, text, undefined);
  const tooDeep = depthPast(text, MAX_TEXT_DEPTH);
  if (tooDeep !== undefined) return [at(json, tooDeep, "json-depth", `nested deeper than ${MAX_TEXT_DEPTH} levels`)];
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    return [at(json, first.offset, "json-syntax", `not valid JSON: ${words(printParseErrorCode(first.error))}`)];
  }
  const parsed = new JsonText(file, text, value);
  let findings: Finding[];
  try {
    const procedure = await loadProcedure(value);
    findings = lint(procedure).map((w) => locateProblem(parsed, w, "warning"));
  } catch (error) {
    if (!(error instanceof ProcedureError)) throw error;
    findings = error.problems.map((p) => locateProblem(parsed, p));
  }
  return sortFindings(findings).map((f) => ({ ...f, offset: offsetOf(parsed, f.line, f.column) }));
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
