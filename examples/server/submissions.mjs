// The example back end's handler of `POST /submissions`: what a ministry's server does with an
// envelope from the portal. It never trusts the browser: it checks who is signed in and what was
// sent, keeps only the members an envelope defines (envelope.mjs), finds the procedure the envelope
// names, re-validates the whole envelope with `validateSubmission` against the context of the
// signed-in citizen (here: the persona the portal names), with every lookup resolved again in the
// back end's own registers for that citizen (registers.mjs, never through the browser) and the
// signature verified with that citizen's public key (signatures.mjs), and stores only accepted
// envelopes, exactly as validated, in the database (db/store.mjs). A register that fails during the
// check refuses the envelope (fail closed) with 503: the envelope may be right, the server could not
// verify it now.
//
// The envelope's `id` makes the POST idempotent: the same declaration again from the same citizen answers
// 200 with the ORIGINAL receipt and stores nothing more; another envelope under an id already used
// answers 409. "The same declaration" is the same digest, or the same but for when it was made: a form
// that makes its envelope again for a retry (after a lost answer) gives it a new `submittedAt`, and so a
// new digest and a new signature, over the same answers; the first one stays the one received. A repeat
// is recognised before the envelope is validated again, so a retry is answered the same whatever the
// registers say now; two identical POSTs racing are settled by the database (one row, one 201).
import { envelopeDigest, validateSubmission } from "@tokhai/core";
import { signedIn } from "./citizen.mjs";
import { envelopeError, normaliseEnvelope, signatureError } from "./envelope.mjs";
import { readBody, RequestError, send } from "./http.mjs";
import { registerResolver } from "./registers.mjs";
import { personaPublicKeys, signatureClaimsProblem, signatureVerifier } from "./signatures.mjs";

/** Largest request body accepted, in bytes: envelopes carry attachment metadata, never file bytes. */
export const MAX_BODY = 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * @param {object} options
 * @param {(id: string) => Promise<import("@tokhai/core").Procedure | undefined>} options.procedure the loaded procedure of an id
 * @param {(persona: string) => Promise<object | undefined>} options.context the context of a signed-in citizen
 * @param {import("./db/store.d.mts").Store | Promise<import("./db/store.d.mts").Store>} options.store where accepted submissions are kept
 * @param {(persona: string) => Promise<CryptoKey | undefined>} [options.publicKeys] the public signing key of a citizen
 *   (default: the personas' stand-in keys); without one, no signature of theirs is valid
 * @param {() => Date} [options.now] the server's clock: the receipt time, and `$today()` of the expressions
 * @param {ReturnType<import("./registers.mjs").createRegisters>} [options.registers] what the procedures' lookups are
 *   resolved in, for the signed-in citizen; without it, an envelope of a procedure with lookups cannot be verified (503)
 * @param {(line: string) => void} [options.log] where a register's failure is written (default: stderr)
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, url: URL) => Promise<void>}
 *   throws a `RequestError` for a request it refuses before reading the envelope
 */
export function submissionsHandler({ procedure, context, store, publicKeys = personaPublicKeys(), now = () => new Date(), registers, log = (line) => console.error(line) }) {
  return async (req, res, url) => {
    if (req.method !== "POST") throw new RequestError(405, "method-not-allowed", "POST an envelope to /submissions", { allow: "POST" });
    const { persona, citizen } = await signedIn(url, context);
    if (!isJson(req.headers["content-type"])) throw new RequestError(415, "unsupported-media-type", "send the envelope as application/json, in UTF-8");

    const bytes = await readBody(req, MAX_BODY);
    let text;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new RequestError(400, "bad-encoding", "the body is not UTF-8");
    }
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // A SyntaxError, or a RangeError for nesting beyond what the parser takes.
      throw new RequestError(400, "bad-json", text.trim() === "" ? "the body is empty" : `the body is not JSON: ${error.message}`);
    }

    const receivedAt = now();
    const normalised = normaliseEnvelope(value);
    if (normalised.errors) return send(res, 422, { error: "invalid", errors: normalised.errors });
    const { envelope } = normalised;
    const submissions = await store;
    const location = { location: `/submissions/${envelope.id}` };
    const conflict = () =>
      send(res, 409, {
        error: "conflict",
        message: `another submission was already received under the id ${envelope.id}; nothing was stored`,
        errors: [envelopeError(envelope.locale, ["id"], "idTaken", envelope.id)],
      });

    // Sent again by the same citizen: answered from what was stored, without validating it again. Under
    // another citizen's id, the envelope is validated like any other first (a conflict is told only of a
    // valid declaration), so that a POST does not tell whether someone else used an id.
    const stored = await submissions.get(envelope.id);
    if (stored && stored.persona === persona) return (await sameDeclaration(stored, envelope, persona)) ? send(res, 200, stored.receipt, location) : conflict();

    const loaded = await procedure(envelope.procedure.id);
    if (!loaded) {
      return send(res, 422, { error: "invalid", errors: [envelopeError(envelope.locale, ["procedure", "id"], "unknownProcedure", envelope.procedure.id)] });
    }
    const lookup = registers ? registerResolver(registers, citizen.citizen?.personalId) : undefined;
    const verifySignature = signatureVerifier(await publicKeys(persona));
    const failures = [];
    const onDiagnostic = (d) => d.code === "lookup-failed" && failures.push(`${d.keywordPointer}: ${d.message}`);
    const result = await validateSubmission(loaded, envelope, { context: citizen, locale: envelope.locale, now, onDiagnostic, verifySignature, ...(lookup ? { lookup } : {}) });
    const more = result.omitted ? { omitted: result.omitted } : {};
    if (!result.valid && result.errors.some(unverifiedLookup)) {
      log(`${req.method} ${url.pathname}: a lookup could not be verified, answered 503: ${failures.join("; ") || "see the errors"}`);
      return send(res, 503, { error: "register-unavailable", message: "a register could not be reached to verify the submission; nothing was stored; send it again later", errors: result.errors, ...more }, { "retry-after": "30" });
    }
    if (!result.valid) return send(res, 422, { error: "invalid", errors: result.errors, ...more });
    // The signature is valid; what it says beside its value is not signed: it must be true of this citizen and this request.
    const claims = envelope.signature && signatureClaimsProblem(envelope.signature, { name: citizen.citizen?.fullName, submittedAt: envelope.submittedAt, receivedAt });
    if (claims) return send(res, 422, { error: "invalid", errors: [signatureError(envelope.locale, claims.member, claims.member, ...claims.params)] });

    const digest = await envelopeDigest(envelope);
    const saved = await submissions.save({ id: envelope.id, receivedAt: receivedAt.toISOString(), digest, procedure: envelope.procedure, persona }, envelope);
    if (saved.status === "conflict") {
      // Stored by a request that ran beside this one: the same declaration made twice, or another.
      const first = await submissions.get(envelope.id);
      return first && (await sameDeclaration(first, envelope, persona)) ? send(res, 200, first.receipt, location) : conflict();
    }
    return send(res, saved.status === "created" ? 201 : 200, saved.receipt, location);
  };
}

/**
 * Whether `envelope`, sent by `persona`, is the declaration `stored`: sent by the same citizen, with the
 * same digest once its `submittedAt` is the stored one's (its signature is outside the digest).
 */
async function sameDeclaration(stored, envelope, persona) {
  if (stored.persona !== persona) return false;
  // An envelope beyond the limits of a digest is not the one stored, which had one.
  const digest = await envelopeDigest({ ...envelope, submittedAt: stored.envelope.submittedAt }).catch(() => undefined);
  return digest === stored.receipt.digest;
}

/** An error of a lookup the check could not resolve (the register failed, or there is none): not the envelope's fault. */
const unverifiedLookup = (error) => error.keyword === "cannot-verify" && error.params?.keyword === "lookup";

/** `application/json`, with no parameter but a UTF-8 charset. */
function isJson(contentType = "") {
  const [type, ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return parameters.every((parameter) => /^charset=(?:utf-8|"utf-8")$/.test(parameter.replace(/\s*=\s*/, "=")));
}
