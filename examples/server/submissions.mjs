// The example back end's handler of `POST /submissions`: what a ministry's server does with an
// envelope from the portal. It never trusts the browser: it checks who is signed in and what was
// sent, keeps only the members an envelope defines (envelope.mjs), finds the procedure the envelope
// names, re-validates the whole envelope with `validateSubmission` against the context of the
// signed-in citizen (here: the persona the portal names), with every lookup resolved again in the
// back end's own registers for that citizen (registers.mjs, never through the browser), and stores
// only accepted envelopes, exactly as validated. A register that fails during the check refuses the
// envelope (fail closed) with 503: the envelope may be right, the server could not verify it now.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateSubmission } from "@tokhai/core";
import { envelopeError, normaliseEnvelope } from "./envelope.mjs";
import { readBody, RequestError, send } from "./http.mjs";
import { registerResolver } from "./registers.mjs";

/** Largest request body accepted, in bytes: envelopes carry attachment metadata, never file bytes. */
export const MAX_BODY = 1024 * 1024;

const PERSONA = /^[a-z0-9][a-z0-9-]{0,63}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * @param {object} options
 * @param {(id: string) => Promise<import("@tokhai/core").Procedure | undefined>} options.procedure the loaded procedure of an id
 * @param {(persona: string) => Promise<object | undefined>} options.context the context of a signed-in citizen
 * @param {string} options.store directory where accepted envelopes are written, one JSON file each
 * @param {() => Date} [options.now] the server's clock: the receipt time, and `$today()` of the expressions
 * @param {ReturnType<import("./registers.mjs").createRegisters>} [options.registers] what the procedures' lookups are
 *   resolved in, for the signed-in citizen; without it, an envelope of a procedure with lookups cannot be verified (503)
 * @param {(line: string) => void} [options.log] where a register's failure is written (default: stderr)
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, url: URL) => Promise<void>}
 *   throws a `RequestError` for a request it refuses before reading the envelope
 */
export function submissionsHandler({ procedure, context, store, now = () => new Date(), registers, log = (line) => console.error(line) }) {
  return async (req, res, url) => {
    if (req.method !== "POST") throw new RequestError(405, "method-not-allowed", "POST an envelope to /submissions", { allow: "POST" });
    // In a real portal the citizen comes from the session; the example names its persona.
    const personas = url.searchParams.getAll("persona");
    const persona = personas.length === 1 && PERSONA.test(personas[0]) ? personas[0] : undefined;
    const citizen = persona === undefined ? undefined : await context(persona);
    if (!citizen) throw new RequestError(401, "unknown-citizen", "no signed-in citizen: name one persona (?persona=<name>)");
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
    const normalised = normaliseEnvelope(value, receivedAt);
    if (normalised.errors) return send(res, 422, { error: "invalid", errors: normalised.errors });
    const { envelope } = normalised;
    const loaded = await procedure(envelope.procedure.id);
    if (!loaded) {
      return send(res, 422, { error: "invalid", errors: [envelopeError(envelope.locale, ["procedure", "id"], "unknownProcedure", envelope.procedure.id)] });
    }
    const lookup = registers ? registerResolver(registers, citizen.citizen?.personalId) : undefined;
    const failures = [];
    const onDiagnostic = (d) => d.code === "lookup-failed" && failures.push(`${d.keywordPointer}: ${d.message}`);
    const result = await validateSubmission(loaded, envelope, { context: citizen, locale: envelope.locale, now, onDiagnostic, ...(lookup ? { lookup } : {}) });
    const more = result.omitted ? { omitted: result.omitted } : {};
    if (!result.valid && result.errors.some(unverifiedLookup)) {
      log(`${req.method} ${url.pathname}: a lookup could not be verified, answered 503: ${failures.join("; ") || "see the errors"}`);
      return send(res, 503, { error: "register-unavailable", message: "a register could not be reached to verify the submission; nothing was stored; send it again later", errors: result.errors, ...more }, { "retry-after": "30" });
    }
    if (!result.valid) return send(res, 422, { error: "invalid", errors: result.errors, ...more });
    const receipt = { id: randomUUID(), receivedAt: receivedAt.toISOString(), procedure: envelope.procedure, persona };
    await mkdir(store, { recursive: true });
    await writeFile(join(store, `${receipt.id}.json`), `${JSON.stringify({ ...receipt, envelope }, null, 2)}\n`);
    return send(res, 201, receipt, { location: `/submissions/${receipt.id}` });
  };
}

/** An error of a lookup the check could not resolve (the register failed, or there is none): not the envelope's fault. */
const unverifiedLookup = (error) => error.keyword === "cannot-verify" && error.params?.keyword === "lookup";

/** `application/json`, with no parameter but a UTF-8 charset. */
function isJson(contentType = "") {
  const [type, ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return parameters.every((parameter) => /^charset=(?:utf-8|"utf-8")$/.test(parameter.replace(/\s*=\s*/, "=")));
}
