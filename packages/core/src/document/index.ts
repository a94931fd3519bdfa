/**
 * @tokhai/core/document — the declaration ("tờ khai") of a submission as a printable, self-contained
 * HTML document. DOM-free (Node and browsers). A separate entry: the browser bundles and the main entry
 * do not carry it; a back end (or a portal that prints) imports it.
 */
export { DeclarationError, renderDeclaration } from "./render-declaration.js";
export type { DeclarationOptions, DeclarationReceipt, DeclarationSignature } from "./render-declaration.js";
export { addDocumentMessages } from "./document-messages.js";
export type { DocumentMessageId, DocumentMessages } from "./document-messages.js";
