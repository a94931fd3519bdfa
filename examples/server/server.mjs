#!/usr/bin/env node
// The example portal and its back end, on 127.0.0.1 only (what `npm start` runs).
//
//   GET  /                          the portal (examples/portal/), under a strict Content-Security-Policy
//   GET  /procedures/<name>.json    a procedure of examples/procedures
//   GET  /validators/<name>.js      its precompiled validators, made by `tokhai compile` (see validators.mjs)
//   GET  /dist/tokhai.precompiled.js  the elements, without the ajv compiler (`npm run bundle`)
//   GET  /api/procedures            the procedures: name, id, version, titles
//   GET  /api/personas              the invented citizens a visitor may sign in as
//   GET  /api/personas/<name>       the data the state holds for one of them (what a portal passes as context)
//   POST /submissions?persona=<name>  re-validates an envelope and stores the accepted ones (submissions.mjs)
//
//   node examples/server/server.mjs [--port 8080] [--store <dir>]
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProcedure } from "@tokhai/core";
import { send, submissionsHandler } from "./submissions.mjs";
import { ensureValidators, VALIDATORS_DIR } from "./validators.mjs";

const examples = fileURLToPath(new URL("..", import.meta.url));
const root = join(examples, "..");

/** The portal's policy: scripts, styles and data from this origin only; no inline code, no eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".map": "application/json; charset=utf-8" };

/** The procedures of examples/procedures: by file name (without .json) and by id, loaded (and checked) once, on first use. */
export function procedureCatalog(dir = join(examples, "procedures")) {
  const byName = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const document = JSON.parse(text);
    byName.set(file.slice(0, -".json".length), { id: document.id, version: document.version, title: document.title, titleEn: document.i18n?.en?.title, text });
  }
  const loaded = new Map();
  /** The loaded procedure of an id, or undefined. */
  const byId = async (id) => {
    const entry = [...byName.values()].find((e) => e.id === id);
    if (!entry) return undefined;
    if (!loaded.has(id)) loaded.set(id, loadProcedure(entry.text));
    return loaded.get(id);
  };
  byId.list = () => [...byName].map(([name, { id, version, title, titleEn }]) => ({ name, id, version, title, titleEn }));
  byId.text = (name) => byName.get(name)?.text;
  return byId;
}

/** The context of a persona: examples/data/personas/<name>.json with the catalogue, else examples/data/<name>.json. */
export function personaContexts(dir = join(examples, "data")) {
  const read = (path) => JSON.parse(readFileSync(path, "utf8"));
  const context = async (name) => {
    if (!NAME.test(name)) return undefined;
    const persona = join(dir, "personas", `${name}.json`);
    if (existsSync(persona)) {
      const units = join(dir, "administrative-units.json");
      return { ...read(persona), ...(existsSync(units) ? { catalog: read(units) } : {}) };
    }
    const legacy = join(dir, `${name}.json`);
    return existsSync(legacy) ? read(legacy) : undefined;
  };
  /** The personas a visitor may choose: examples/data/personas/*.json. */
  context.list = () =>
    existsSync(join(dir, "personas"))
      ? readdirSync(join(dir, "personas"))
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => ({ name: f.slice(0, -".json".length), fullName: read(join(dir, "personas", f)).citizen?.fullName }))
      : [];
  return context;
}

/** A file of the portal, the bundles or the validators, by URL path; undefined when there is none. */
function staticFile(path, validatorsDir) {
  if (path === "/") return join(examples, "portal", "index.html");
  if (path === "/portal.js" || path === "/portal.css") return join(examples, "portal", path.slice(1));
  const bundle = /^\/dist\/(tokhai\.precompiled\.js(?:\.map)?)$/.exec(path);
  if (bundle) return join(root, "dist", bundle[1]);
  const validators = /^\/validators\/([a-z0-9-]+)\.js$/.exec(path);
  if (validators) return join(validatorsDir, `${validators[1]}.js`);
  return undefined;
}

/** The server; `listen` it. */
export function createExampleServer({
  store = join(examples, "server", ".submissions"),
  procedure = procedureCatalog(),
  context = personaContexts(),
  validatorsDir = VALIDATORS_DIR,
} = {}) {
  const submissions = submissionsHandler({ procedure, context, store });
  const headers = { "content-security-policy": CONTENT_SECURITY_POLICY, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (path === "/submissions") return submissions(req, res, url);
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, { error: "method-not-allowed", message: `${req.method} ${path}` }, { allow: "GET, HEAD", ...headers });
    if (path === "/api/procedures") return send(res, 200, procedure.list?.() ?? [], headers);
    if (path === "/api/personas") return send(res, 200, context.list?.() ?? [], headers);
    const persona = /^\/api\/personas\/([^/]+)$/.exec(path);
    if (persona) {
      const data = NAME.test(persona[1]) ? await context(persona[1]) : undefined;
      return data ? send(res, 200, data, headers) : send(res, 404, { error: "not-found", message: `no persona ${JSON.stringify(persona[1])}` }, headers);
    }
    const document = /^\/procedures\/([a-z0-9-]+)\.json$/.exec(path);
    if (document) {
      const text = procedure.text?.(document[1]);
      if (text === undefined) return send(res, 404, { error: "not-found", message: `no procedure ${document[1]}` }, headers);
      res.writeHead(200, { ...headers, "content-type": TYPES[".json"], "cache-control": "no-store" });
      return void res.end(req.method === "HEAD" ? undefined : text);
    }
    const file = staticFile(path, validatorsDir);
    if (!file || !existsSync(file)) {
      const hint = path.startsWith("/validators/") || path.startsWith("/dist/") ? " (run `npm start`, which builds it)" : "";
      return send(res, 404, { error: "not-found", message: `${path}${hint}` }, headers);
    }
    const body = await readFile(file);
    res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, { error: "internal", message: "the server failed; see its log" });
    });
  });
}

/** Listens on 127.0.0.1:`port`, or on the next free port when it is taken (up to 20 tries). */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const attempt = (p) => {
      const failed = (error) => {
        if (error.code === "EADDRINUSE" && port !== 0 && ++tries < 20) attempt(p + 1);
        else reject(error);
      };
      server.once("error", failed);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", failed);
        resolve(server.address().port);
      });
    };
    attempt(port);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  if (!existsSync(join(root, "dist", "tokhai.precompiled.js"))) {
    console.error("tokhai example portal: dist/tokhai.precompiled.js is missing; run `npm start` (or `npm run bundle`) first.");
    process.exit(1);
  }
  const built = await ensureValidators();
  if (built.length) console.log(`tokhai: precompiled the validators of ${built.join(", ")} (tokhai compile)`);
  const server = createExampleServer(option("store") ? { store: option("store") } : {});
  const port = await listen(server, Number(option("port") ?? process.env.PORT ?? 8080));
  console.log(`\ntokhai example portal: http://127.0.0.1:${port}/\n  (back end: POST http://127.0.0.1:${port}/submissions; Ctrl+C stops)\n`);
}
