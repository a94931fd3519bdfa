// The example portal's stand-in for a citizen's signing device: `GET /api/personas/<name>/signing-key`
// answers the PRIVATE key (JWK) of an invented persona, so that the portal can sign the declaration in the
// browser (examples/portal/signing.js). A real portal never does this: a real citizen's key stays in the
// national e-ID or a signing service, which signs the digest it is given. These keys are published
// examples (examples/data/personas/keys/README.md) and prove nothing. The back end's verification
// (signatures.mjs) reads only the public keys.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { KEYS_DIR } from "./signatures.mjs";
import { RequestError, send } from "./http.mjs";

/**
 * @param {{ context: (persona: string) => Promise<object | undefined>, dir?: string }} options
 *   `context`: the personas (only a persona the server knows has a key)
 */
export function signingKeyHandler({ context, dir = KEYS_DIR }) {
  return async (req, res, persona) => {
    const path = join(dir, `${persona}.private.jwk.json`);
    if (!(await context(persona)) || !existsSync(path)) throw new RequestError(404, "not-found", `no stand-in signing key for ${persona}`);
    const { kind, jwk } = JSON.parse(await readFile(path, "utf8"));
    if (kind !== "private") throw new Error(`${path}: not a private key`);
    send(res, 200, jwk);
  };
}
