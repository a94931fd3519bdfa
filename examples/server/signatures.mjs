// How the example back end verifies a declaration's signature: with the PUBLIC key of the citizen signed
// in (examples/data/personas/keys/<persona>.public.jwk.json, a stand-in for the certificate a real
// signing service would vouch for), never with anything the envelope carries about its signer. Only
// public keys are read here. The signature is ES256: ECDSA P-256 with SHA-256 over the UTF-8 bytes of the
// declaration's digest text ("sha256:<64 hex>", recomputed by the back end), in IEEE P1363 form (r‖s,
// 64 bytes, what WebCrypto makes), base64url. Anything else is not a valid signature (fails closed).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the personas' stand-in keys are. */
export const KEYS_DIR = fileURLToPath(new URL("../data/personas/keys/", import.meta.url));

const PERSONA = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** 64 bytes in base64url without padding. */
const P1363_BASE64URL = /^[A-Za-z0-9_-]{86}$/;
const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256" };

/**
 * The public keys of the personas, read from `dir` on first use: `(persona) => Promise<CryptoKey | undefined>`,
 * undefined for a persona without one. A file that is not a public ES256 key (a private one among them)
 * is an error, not a key.
 */
export function personaPublicKeys(dir = KEYS_DIR) {
  const keys = new Map();
  return (persona) => {
    if (!PERSONA.test(persona)) return Promise.resolve(undefined);
    if (!keys.has(persona)) keys.set(persona, importPublicKey(join(dir, `${persona}.public.jwk.json`)));
    return keys.get(persona);
  };
}

async function importPublicKey(path) {
  if (!existsSync(path)) return undefined;
  const { kind, alg, jwk } = JSON.parse(readFileSync(path, "utf8"));
  if (kind !== "public" || alg !== "ES256" || typeof jwk !== "object" || jwk === null || "d" in jwk || jwk.kty !== "EC" || jwk.crv !== "P-256") {
    throw new Error(`${path}: not the public ES256 (EC P-256) key of a persona`);
  }
  return crypto.subtle.importKey("jwk", jwk, ECDSA_P256, false, ["verify"]);
}

/** How far the signer's clock may be ahead of the server's: a citizen's device is not the server. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * What a verified signature says beside its value, which the signature does not cover (only the digest is
 * signed): `signer` must be the signed-in citizen's name from the back end's own records (or absent), and
 * `signedAt` must come after the envelope's `submittedAt` (which the digest covers) and not after the
 * server received it (give or take `CLOCK_SKEW_MS`). Else the declaration would print a name or a date
 * that anyone holding the envelope could have written. The member at fault and why, or undefined.
 * @param {{ signer?: string, signedAt: string }} signature
 * @param {{ name: string | undefined, submittedAt: string, receivedAt: Date }} expected
 * @returns {{ member: "signer" | "signedAt", params: unknown[] } | undefined}
 */
export function signatureClaimsProblem(signature, { name, submittedAt, receivedAt }) {
  if (signature.signer !== undefined && signature.signer !== name) return { member: "signer", params: [name ?? "—"] };
  const signedAt = Date.parse(signature.signedAt);
  const submitted = Date.parse(submittedAt);
  if (!(signedAt >= submitted - CLOCK_SKEW_MS && signedAt <= receivedAt.getTime() + CLOCK_SKEW_MS)) return { member: "signedAt", params: [] };
  return undefined;
}

/**
 * A `verifySignature` for `validateSubmission`: whether `signature` is a valid ES256 signature of `digest`
 * (the digest the back end recomputed) by `publicKey`. False without a key, for another algorithm, a
 * value that is not 64 bytes of base64url, or a signature that names another digest.
 * @param {CryptoKey | undefined} publicKey
 * @returns {(input: { digest: string, signature: { alg: string, value: string, digest: string } }) => Promise<boolean>}
 */
export function signatureVerifier(publicKey) {
  return async ({ digest, signature }) => {
    if (!publicKey || signature.alg !== "ES256" || signature.digest !== digest || !P1363_BASE64URL.test(signature.value)) return false;
    const bytes = Buffer.from(signature.value, "base64url");
    return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, bytes, new TextEncoder().encode(digest));
  };
}
