/**
 * JSON files as designers write them: parsed strictly (no comments, no trailing commas), with every
 * JSON pointer mapped back to a line and column of the text.
 */
import { readFile } from "node:fs/promises";
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { parsePointer } from "@tokhai/core";
import { UsageError } from "./errors.js";

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units as editors do. */
  readonly column: number;
  /** 0-based offset in the text. */
  readonly offset: number;
}

/** A JSON file read and parsed, with its text kept for positions. */
export class JsonText {
  private tree: Node | undefined;
  private lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
  ) {}

  /** Line and column of an offset. */
  position(offset: number): Position {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }

  /**
   * Where a JSON pointer is in the text: the start of its property name when the pointer names an
   * object member, else the start of its value. A pointer to something that does not exist (a
   * missing property) falls back to its nearest existing ancestor. With `expressionOffset`, the
   * pointer must be a string and the position is that character of the string's decoded value.
   */
  locate(pointer: string, expressionOffset?: number): Position {
    this.tree ??= parseTree(this.text, [], { disallowComments: true, allowTrailingComma: false });
    let node = this.tree;
    if (!node) return this.position(0);
    let segments: string[];
    try {
      segments = parsePointer(pointer);
    } catch {
      return this.position(0);
    }
    let key: Node | undefined; // the member's property node, when the last step named a member
    let found = true;
    for (const segment of segments) {
      const next = child(node, segment);
      if (!next) {
        found = false;
        break;
      }
      key = next.property;
      node = next.value;
    }
    if (found && expressionOffset !== undefined && node.type === "string") {
      return this.position(node.offset + 1 + rawOffset(this.text.slice(node.offset + 1, node.offset + node.length - 1), expressionOffset));
    }
    return this.position(key ? key.offset : node.offset);
  }
}

/** The member or item of an object or array node named by a pointer segment. */
function child(node: Node, segment: string): { value: Node; property: Node | undefined } | undefined {
  if (node.type === "object") {
    // The last member with that name wins, as in JSON.parse.
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) {
      const property = node.children![i]!;
      if (property.children?.[0]?.value === segment && property.children[1]) return { value: property.children[1], property };
    }
    return undefined;
  }
  if (node.type === "array" && /^(0|[1-9]\d*)$/.test(segment)) {
    const item = node.children?.[Number(segment)];
    return item ? { value: item, property: undefined } : undefined;
  }
  return undefined;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The offset in a JSON string literal's raw text (without quotes) of the n-th character of its value. */
function rawOffset(raw: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < raw.length; k++) {
    if (raw[i] === "\\") i += raw[i + 1] === "u" ? 6 : 2;
    else i++;
  }
  return i;
}

/** Reads and parses a JSON file; a missing file or broken JSON is a UsageError saying where. */
export async function readJson(file: string, what = "file"): Promise<JsonText> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${file}: no such ${what}` : code === "EISDIR" ? `${file}: is a directory, not a JSON ${what}` : `${file}: cannot read (${(error as Error).message})`,
    );
  }
  const parsed = parseJson(file, text);
  if ("error" in parsed) {
    const at = parsed.json.position(parsed.error.offset);
    throw new UsageError(`${file}:${at.line}:${at.column}: not valid JSON: ${parsed.error.message}`);
  }
  return parsed.json;
}

/**
 * JSON text as every command reads it (a byte order mark dropped; no comments, no trailing commas):
 * parsed, or the offset of the first place it breaks and why, in the words `tokhai check` prints.
 */
export function parseJson(file: string, text: string): { readonly json: JsonText } | { readonly json: JsonText; readonly error: { readonly offset: number; readonly message: string } } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return { json: new JsonText(file, text, value) };
  const first = errors[0]!;
  return { json: new JsonText(file, text, undefined), error: { offset: first.offset, message: describeParseError(printParseErrorCode(first.error)) } };
}

function describeParseError(code: string): string {
  switch (code) {
    case "InvalidSymbol":
      return "unexpected character";
    case "InvalidNumberFormat":
      return "malformed number";
    case "PropertyNameExpected":
      return "a property name in double quotes is expected";
    case "ValueExpected":
      return "a value is expected";
    case "ColonExpected":
      return "':' is expected";
    case "CommaExpected":
      return "',' is expected";
    case "CloseBraceExpected":
      return "'}' is expected";
    case "CloseBracketExpected":
      return "']' is expected";
    case "EndOfFileExpected":
      return "the text goes on after the JSON value";
    case "InvalidCommentToken":
      return "comments are not allowed in JSON";
    case "UnexpectedEndOfComment":
      return "unterminated comment";
    case "UnexpectedEndOfString":
      return "unterminated string";
    case "UnexpectedEndOfNumber":
      return "unterminated number";
    case "InvalidUnicode":
      return "malformed \\u escape";
    case "InvalidEscapeCharacter":
      return "unknown escape sequence";
    case "InvalidCharacter":
      return "control character in a string";
    default:
      return code;
  }
}
