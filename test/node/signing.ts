// Signs an envelope as the example portal does (examples/portal/signing.js), with a persona's stand-in
// private key (examples/data/personas/keys/): ES256 over the UTF-8 bytes of its digest, r‖s in base64url.
import { readFileSync } from "node:fs";
import { envelopeDigest, type SubmissionEnvelope } from "@tokhai/core";

const keyFile = (persona: string, kind: "public" | "private") =>
  JSON.parse(readFileSync(new URL(`../../examples/data/personas/keys/${persona}.${kind}.jwk.json`, import.meta.url), "utf8")) as { kind: string; alg: string; jwk: JsonWebKey };

/** The persona's stand-in private key, for signing. */
export const privateKeyOf = (persona: string) => crypto.subtle.importKey("jwk", keyFile(persona, "private").jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);

/** The envelope with a signature by `persona` (signed at `signedAt`), as `<tk-form>` puts it before `tk-submit`. */
export async function signedBy<T extends SubmissionEnvelope>(envelope: T, persona: string, signedAt = "2026-11-22T08:00:05.000Z"): Promise<T> {
  const { signature: _, ...unsigned } = envelope;
  const digest = await envelopeDigest(unsigned);
  const bytes = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, await privateKeyOf(persona), new TextEncoder().encode(digest));
  return { ...unsigned, signature: { alg: "ES256", value: Buffer.from(bytes).toString("base64url"), digest, signedAt, signer: persona } } as T;
}
