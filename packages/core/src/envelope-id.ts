/**
 * The identity of a declaration: the envelope's `id`, a random UUID (RFC 9562, version 4) in lower-case
 * text form, made once per form. A retried submit sends the same id, so that a back end can tell a
 * repeated POST of one declaration from a new one. Made with `crypto.getRandomValues`, which every
 * browser has in insecure contexts too (unlike `crypto.randomUUID`), as Node 20 has.
 */

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

/** A lower-case UUID in RFC 9562 text form (any version): what an envelope's `id` must be. */
export const ENVELOPE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `value` is an envelope id: a lower-case UUID. */
export function isEnvelopeId(value: unknown): value is string {
  return typeof value === "string" && ENVELOPE_ID.test(value);
}

/** A new random envelope id: a version 4 UUID, lower case (`"3b241101-e2bb-4255-8caf-4136c566a962"`). */
export function newEnvelopeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
