/**
 * `tokhai validate --signature-key`: the public key that verifies an envelope's signature, as an
 * example back end would. ECDSA P-256 with SHA-256 (`alg` "ES256"), over the UTF-8 bytes of the
 * envelope's digest (the `"sha256:…"` string, recomputed by validateSubmission), the signature's value
 * being the 64 bytes r‖s (WebCrypto's and JWS's form) in base64 or base64url. The key is a JWK (a JSON
 * object with `"kty": "EC"`, `"crv": "P-256"`) or a PEM "PUBLIC KEY" (SPKI).
 */
import { readFile } from "node:fs/promises";
import { webcrypto } from "node:crypto";
import type { SignatureVerifier } from "@tokhai/core";
import { UsageError } from "./errors.js";

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
/** r‖s, 64 bytes, in base64 (86 characters and "==") or base64url (86, unpadded). */
const P1363 = /^(?:[A-Za-z0-9+/]{86}==|[A-Za-z0-9_-]{86})$/;

/** Reads the key file and returns the verifier, or throws a UsageError saying what is wrong with it. */
export async function readSignatureKey(file: string): Promise<SignatureVerifier> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`--signature-key ${file}: cannot be read (${(error as Error).message})`);
  }
  let key: webcrypto.CryptoKey;
  try {
    const pem = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(text);
    key = pem
      ? await webcrypto.subtle.importKey("spki", Buffer.from(pem[1]!.replace(/\s+/g, ""), "base64"), ECDSA, false, ["verify"])
      : await webcrypto.subtle.importKey("jwk", JSON.parse(text) as webcrypto.JsonWebKey, ECDSA, false, ["verify"]);
  } catch (error) {
    throw new UsageError(`--signature-key ${file}: not an ECDSA P-256 public key, as a JWK ({ "kty": "EC", "crv": "P-256", "x": …, "y": … }) or a PEM "PUBLIC KEY" (${(error as Error).message})`);
  }
  return async ({ digest, signature }) => {
    // Another algorithm, or a value that is not exactly 64 bytes of base64/base64url (Buffer's decoder
    // would skip stray characters), is not a signature this key makes: not valid.
    if (signature.alg !== "ES256" || !P1363.test(signature.value)) return false;
    const bytes = Buffer.from(signature.value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return webcrypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, bytes, new TextEncoder().encode(digest));
  };
}
