/**
 * Text into HTML and CSS, as text and nothing else. Every text of the declaration (the procedure's, the
 * citizen's, a register's, a portal's dictionary) goes through one of these: no text can open an
 * element, an attribute, a comment or a rule.
 */

/** Characters HTML cannot carry as text (C0 and C1 controls but tab and new line; lone surrogates): shown as U+FFFD. */
const UNREPRESENTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * A text as HTML text or attribute value (quoted): `& < > " '` as character references, a carriage
 * return as a new line (as HTML reads it), what HTML cannot carry as U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(UNREPRESENTABLE, "\uFFFD")
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A text as the body of a CSS string (between double quotes): every character but letters, digits and
 * spaces as a hex escape, each ended by the one space CSS takes as its end (a space after it stays text).
 */
export function escapeCssString(text: string): string {
  let out = "";
  for (const char of text.replace(UNREPRESENTABLE, "\uFFFD")) {
    out += /^[\p{L}\p{N} ]$/u.test(char) && char !== "\\" ? char : `\\${char.codePointAt(0)!.toString(16)} `;
  }
  return out;
}
