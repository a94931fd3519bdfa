// The example back end's handler of `POST /submissions`: what a ministry's server does with an
// envelope from the portal. It never trusts the browser: it finds the procedure the envelope names,
// re-validates the whole envelope with `validateSubmission` against the context of the signed-in
// citizen (here: the persona the portal names), and stores only accepted envelopes.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateSubmission } from "@tokhai/core";

/** Largest request body accepted, in bytes: envelopes carry attachment metadata, never file bytes. */
export const MAX_BODY = 1024 * 1024;

/**
 * @param {object} options
 * @param {(id: string) => Promise<import("@tokhai/core").Procedure | undefined>} options.procedure the loaded procedure of an id
 * @param {(persona: string) => Promise<object | undefined>} options.context the context of a signed-in citizen
 * @param {string} options.store directory where accepted envelopes are written, one JSON file each
 * @param {() => Date} [options.now]
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, url: URL) => Promise<void>}
 */
export function submissionsHandler({ procedure, context, store, now = () => new Date() }) {
  return async (req, res, url) => {
    if (req.method !== "POST") return send(res, 405, { error: "method-not-allowed", message: "POST an envelope to /submissions" }, { allow: "POST" });
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return send(res, 415, { error: "unsupported-media-type", message: "send the envelope as application/json" });
    }
    let text;
    try {
      text = await readBody(req, MAX_BODY);
    } catch (error) {
      return send(res, 413, { error: "too-large", message: error.message }, { connection: "close" });
    }
    let envelope;
    try {
      envelope = JSON.parse(text);
    } catch (error) {
      return send(res, 400, { error: "bad-json", message: `the body is not JSON: ${error.message}` });
    }
    // In a real portal the citizen comes from the session; the example names its persona.
    const persona = url.searchParams.get("persona") ?? "";
    const citizen = /^[a-z0-9-]+$/.test(persona) ? await context(persona) : undefined;
    if (!citizen) return send(res, 401, { error: "unknown-citizen", message: `no signed-in citizen "${persona}" (?persona=…)` });
    const id = envelope?.procedure?.id;
    const loaded = typeof id === "string" ? await procedure(id) : undefined;
    if (!loaded) {
      return send(res, 422, { error: "invalid", errors: [{ pointer: "/procedure/id", keyword: "envelope", message: `unknown procedure ${JSON.stringify(id ?? null)}` }] });
    }
    const locale = envelope?.locale === "en" ? "en" : "vi";
    const result = await validateSubmission(loaded, envelope, { context: citizen, locale, now });
    if (!result.valid) return send(res, 422, { error: "invalid", errors: result.errors });
    const receipt = { id: randomUUID(), receivedAt: now().toISOString(), procedure: envelope.procedure, persona };
    await mkdir(store, { recursive: true });
    await writeFile(join(store, `${receipt.id}.json`), `${JSON.stringify({ ...receipt, envelope }, null, 2)}\n`);
    return send(res, 201, receipt, { location: `/submissions/${receipt.id}` });
  };
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        // Answer now; the rest of the body is read and dropped, so the client gets the answer.
        req.removeAllListeners("data");
        req.resume();
        reject(new Error(`the body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}
