// Signs an envelope as the example portal does (examples/portal/signing.js), with a persona's stand-in
// private key (examples/data/personas/keys/): ES256 over the UTF-8 bytes of its digest, r‖s in base64url.
import { readFileSync } from "node:fs";
import { envelopeDigest, type Procedure, type SubmissionEnvelope } from "@tokhai/core";
import { personaPublicKeys, signatureVerifier } from "../../examples/server/signatures.mjs";

const keyFile = (persona: string, kind: "public" | "private") =>
  JSON.parse(readFileSync(new URL(`../../examples/data/personas/keys/${persona}.${kind}.jwk.json`, import.meta.url), "utf8")) as { kind: string; alg: string; jwk: JsonWebKey };

/** The persona's stand-in private key, for signing. */
export const privateKeyOf = (persona: string) => crypto.subtle.importKey("jwk", keyFile(persona, "private").jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);

/** The persona's full name, as the portal's signer names who signed (examples/data/personas/<persona>.json). */
const nameOf = (persona: string): string =>
  (JSON.parse(readFileSync(new URL(`../../examples/data/personas/${persona}.json`, import.meta.url), "utf8")) as { citizen: { fullName: string } }).citizen.fullName;

/**
 * The envelope with a signature by `persona`, as `<tk-form>` puts it before `tk-submit`: signed at
 * `signedAt` (default: five seconds after the envelope's `submittedAt`), naming the persona's full name.
 */
export async function signedBy<T extends SubmissionEnvelope>(envelope: T, persona: string, signedAt?: string): Promise<T> {
  const { signature: _, ...unsigned } = envelope;
  const digest = await envelopeDigest(unsigned);
  const bytes = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, await privateKeyOf(persona), new TextEncoder().encode(digest));
  const at = signedAt ?? new Date(Date.parse(envelope.submittedAt) + 5_000).toISOString();
  return { ...unsigned, signature: { alg: "ES256", value: Buffer.from(bytes).toString("base64url"), digest, signedAt: at, signer: nameOf(persona) } } as T;
}

/**
 * What a portal and its back end add to a submission of `persona` for a procedure: `sign` signs the envelope
 * when the procedure requires a signature (and leaves it as it is otherwise), `verifySignature` checks one
 * with the persona's public key, as the example back end does (examples/server/signatures.mjs).
 */
export async function signingFor(procedure: Procedure, persona: string) {
  const verifySignature = signatureVerifier(await personaPublicKeys()(persona));
  return {
    sign: <T extends SubmissionEnvelope>(envelope: T): Promise<T> => (procedure.signature === "required" ? signedBy(envelope, persona) : Promise.resolve(envelope)),
    verifySignature,
  };
}
