// The declaration of a stored submission as a document, for the citizen who sent it only:
//   GET /submissions/<id>/declaration.html?persona=<name>[&lang=vi|en]  the HTML (renderDeclaration of
//       @tokhai/core/document), with the receipt: to read, or to print from the portal
//   GET /submissions/<id>/declaration.pdf?persona=<name>[&lang=vi|en]   the same, printed to A4 PDF by
//       the system's Chromium (htmlToPdf of @tokhai/cli/pdf); 503 when there is none, or it fails
// The document's language is `lang`, else the envelope's. The choices it shows are labelled from the
// citizen's context and the registers, as they were when it was validated. A PDF is made by one Chromium
// at a time (MAX_PRINTS), with a short queue (MAX_WAITING); past that the answer is 503, try again: a
// print costs a browser's start, which no client may make the server do without bound.
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { renderDeclaration } from "@tokhai/core/document";
import { ChromiumNotFoundError, chromiumPath, htmlToPdf } from "@tokhai/cli/pdf";
import { RequestError, send } from "./http.mjs";
import { registerResolver } from "./registers.mjs";
import { ownSubmission } from "./stored.mjs";

/** Prints at once, and prints waiting for one of them; more are refused (503) until one ends. */
export const MAX_PRINTS = 2;
export const MAX_WAITING = 8;
const LANGUAGES = new Set(["vi", "en"]);

/**
 * The Content-Security-Policy of a declaration: its own style sheet (by hash) and nothing else, no
 * script, nothing loaded; shown in a frame of the portal only (which prints it from there).
 */
function documentPolicy(html) {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  const styleSource = style === undefined ? "'none'" : `'sha256-${createHash("sha256").update(style, "utf8").digest("base64")}'`;
  return `default-src 'none'; style-src ${styleSource}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;
}

/**
 * Runs `work` at most `slots` at a time, `waiting` more queued in order; past that it throws a
 * `RequestError` 503 `busy` (with Retry-After) without running it.
 */
export function printQueue(slots, waiting) {
  let running = 0;
  const queue = [];
  return async (work) => {
    if (running >= slots) {
      if (queue.length >= waiting) throw new RequestError(503, "busy", "the server is printing other declarations; try again in a moment", { "retry-after": "5" });
      await new Promise((resolve) => queue.push(resolve));
    } else running++;
    try {
      return await work();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * @param {object} options
 * @param {import("./db/store.d.mts").Store | Promise<import("./db/store.d.mts").Store>} options.store
 * @param {(persona: string) => Promise<object | undefined>} options.context the context of a signed-in citizen
 * @param {((id: string) => Promise<import("@tokhai/core").Procedure | undefined>) & { list?: () => { name: string, id: string }[] }} options.procedure
 * @param {ReturnType<import("./registers.mjs").createRegisters>} [options.registers] what the procedures' lookups answer from
 * @param {string} [options.chromium] the Chromium that prints PDFs (default: CHROMIUM_PATH, else /usr/bin/chromium)
 * @param {(line: string) => void} options.log where a failed print is written
 */
export function declarationHandler({ store, context, procedure, registers, chromium = chromiumPath(), log }) {
  const print = printQueue(MAX_PRINTS, MAX_WAITING);
  return async (req, res, url, id, format) => {
    const { receipt, envelope, citizen } = await ownSubmission({ store, context }, url, id);
    const langs = url.searchParams.getAll("lang");
    if (langs.length > 1 || (langs.length === 1 && !LANGUAGES.has(langs[0]))) throw new RequestError(400, "bad-lang", "the declaration is in vi or en (?lang=vi or ?lang=en), or in the submission's language");
    const loaded = await procedure(envelope.procedure.id);
    // Printed with the labels of the version it was made for: another major version may name things otherwise.
    if (!loaded || String(loaded.major) !== envelope.procedure.version.split(".")[0]) {
      throw new RequestError(404, "not-found", `the procedure ${JSON.stringify(envelope.procedure.id)} ${envelope.procedure.version} of this submission is no longer served`);
    }
    const lookup = registers ? registerResolver(registers, citizen.citizen?.personalId) : undefined;
    const html = await renderDeclaration(loaded, envelope, { receipt, context: citizen, ...(langs.length ? { locale: langs[0] } : {}), ...(lookup ? { lookup } : {}) });
    const name = `to-khai-${procedure.list?.().find((p) => p.id === loaded.id)?.name ?? "ho-so"}-${receipt.id}`;
    if (format === "html") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `inline; filename="${name}.html"`,
        "content-security-policy": documentPolicy(html),
        "cache-control": "no-store",
      });
      return void res.end(req.method === "HEAD" ? undefined : html);
    }
    // HEAD: what a GET would answer, without printing.
    if (req.method === "HEAD") {
      if (!existsSync(chromium)) throw new RequestError(503, "pdf-unavailable", `this server cannot make PDFs: no Chromium at ${chromium}. The declaration is at declaration.html, to read or print`);
      res.writeHead(200, { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}.pdf"`, "cache-control": "no-store" });
      return void res.end();
    }
    let pdf;
    try {
      pdf = await print(() => htmlToPdf(html, { chromium }));
    } catch (error) {
      if (error instanceof RequestError) throw error;
      if (error instanceof ChromiumNotFoundError) {
        throw new RequestError(503, "pdf-unavailable", `this server cannot make PDFs: ${error.message}. The declaration is at declaration.html, to read or print`);
      }
      log(`${req.method} ${url.pathname}: the PDF could not be printed: ${error?.message ?? error}`);
      throw new RequestError(503, "pdf-failed", "the PDF could not be made now; try again, or print declaration.html", { "retry-after": "30" });
    }
    res.writeHead(200, { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}.pdf"`, "content-length": pdf.byteLength, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : pdf);
  };
}
