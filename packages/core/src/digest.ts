/**
 * The digest of a submission envelope: what a signature signs, and what a back end's receipt names.
 *
 * `"sha256:" + hex(SHA-256(UTF-8 of the RFC 8785 canonical JSON of the envelope without its
 * `signature` member))`. The canonical form (JSON Canonicalization Scheme) sorts object members by
 * their UTF-16 code units, writes numbers as ECMAScript does (`1.0` is `1`, `1e21` is `1e+21`) and
 * strings as `JSON.stringify` does, whitespace-free; it is made by the `canonicalize` package (2.1.0).
 * Text is hashed as it is: Unicode normalisation is not applied, so "ệ" typed precomposed (NFC) and
 * decomposed (NFD) give different digests, as they are different data. The hash is WebCrypto's
 * (`crypto.subtle.digest`), the same in browsers (secure contexts: HTTPS or localhost) and in Node 20+.
 *
 * A signer signs the UTF-8 bytes of the digest string itself (`"sha256:…"`, 71 ASCII bytes), and a
 * verifier checks the signature over those bytes: see docs/decisions/0019-envelope-identity-digest-signature.md.
 */
import canonicalizeModule from "canonicalize";
import { jsonBreach, type JsonLimits } from "./json-bounds.js";
import { ENVELOPE_LIMITS } from "./envelope-limits.js";

declare const crypto: { readonly subtle?: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } };
declare class TextEncoder {
  encode(input: string): Uint8Array;
}

// Under NodeNext the default import of this CommonJS package is its `module.exports`, the function;
// its types declare an ES default export.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (input: unknown) => string | undefined;

/**
 * The RFC 8785 canonical JSON text of an envelope without its `signature` member: what
 * `envelopeDigest` hashes. Throws a `TypeError` when `envelope` is not a JSON object within `limits`
 * (default `ENVELOPE_LIMITS`: give the limits `validateSubmission` was given, if raised).
 */
export function canonicalEnvelope(envelope: unknown, limits: JsonLimits = ENVELOPE_LIMITS): string {
  if (envelope === null || typeof envelope !== "object" || Array.isArray(envelope)) {
    throw new TypeError("tokhai: envelopeDigest takes a submission envelope: a JSON object");
  }
  const breach = jsonBreach(envelope, limits);
  if (breach) {
    const what = breach.limit === "json" ? `${breach.what}, which is not JSON` : `more than the ${breach.limit} limit of ${breach.max}`;
    throw new TypeError(`tokhai: envelopeDigest: the envelope holds ${what} at ${JSON.stringify(breach.pointer)}`);
  }
  const members: Record<string, unknown> = {};
  for (const key of Object.keys(envelope)) {
    if (key === "signature") continue;
    Object.defineProperty(members, key, { value: (envelope as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
  }
  return canonicalize(members)!;
}

/**
 * The digest of a submission envelope, `"sha256:<64 lower-case hex digits>"`: SHA-256 of the UTF-8 of
 * the RFC 8785 canonical JSON of the envelope without its `signature` member. The same in browsers and
 * Node; a back end recomputes it from the envelope it received, never trusting `signature.digest`.
 * Rejects with a `TypeError` when `envelope` is not a JSON object within `limits` (default
 * `ENVELOPE_LIMITS`), or when
 * WebCrypto is not available (a browser page served over plain HTTP from another host than localhost
 * is not a secure context, and has no `crypto.subtle`).
 */
export async function envelopeDigest(envelope: unknown, limits: JsonLimits = ENVELOPE_LIMITS): Promise<string> {
  const text = canonicalEnvelope(envelope, limits);
  const subtle = typeof crypto === "undefined" ? undefined : crypto.subtle;
  if (!subtle) {
    throw new TypeError("tokhai: envelopeDigest needs WebCrypto (crypto.subtle), which browsers give only to secure contexts: serve the page over HTTPS (or from localhost)");
  }
  const hash = new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let hex = "";
  for (const b of hash) hex += b.toString(16).padStart(2, "0");
  return `sha256:${hex}`;
}
