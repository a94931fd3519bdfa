#!/usr/bin/env node
// The example portal and its back end, on 127.0.0.1 only (what `npm start` runs).
//
//   GET  /                          the portal (examples/portal/: index.html, portal.js, portal.css, signing.js), under a strict Content-Security-Policy
//   GET  /procedures/<name>.json    a procedure of examples/procedures
//   GET  /compiled/<name>.js        the procedure compiled by `tokhai compile` (see compiled.mjs): what the portal loads
//   GET  /dist/tokhai.precompiled.js  the elements, without the ajv compiler (`npm run bundle`)
//   GET  /api/procedures            the procedures: name, id, version, titles
//   GET  /api/personas              the invented citizens a visitor may sign in as
//   GET  /api/personas/<name>?procedure=<name>  what that procedure reads of the data the state holds for
//                                   one of them (data-use.mjs): what the portal passes as context
//   GET  /api/lookups/<name>?persona=<name>&input=<JSON>  a lookup in a register, for that citizen (lookups.mjs)
//   GET  /api/personas/<name>/signing-key  the persona's stand-in PRIVATE signing key, for the portal to sign
//                                   with in the browser (signing-keys.mjs; invented keys, never for anything real)
//   POST /submissions?persona=<name>  re-validates an envelope, verifies its signature, stores the accepted
//                                   ones in the database and answers the receipt (submissions.mjs, db/)
//   GET  /submissions/<id>?persona=<name>  a stored submission, for the citizen who submitted it (stored.mjs)
//   GET  /submissions/<id>/declaration.html|.pdf?persona=<name>[&lang=vi|en]  the declaration as a
//                                   document, with its receipt (declarations.mjs)
//
// Every answer carries the security headers, and a failure is answered and logged in one place
// (http.mjs); the envelope's outer shape is envelope.mjs's.
//
//   node examples/server/server.mjs [--port 8080] [--data <dir>]
//
// The database: PostgreSQL at DATABASE_URL when it is set (postgresql://user@host:port/db), else an
// embedded PGlite in --data (default examples/server/.data/), made on first start.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProcedure } from "@tokhai/core";
import { createSecuredServer, CONTENT_SECURITY_POLICY, listen, RequestError, send } from "./http.mjs";
import { submissionsHandler } from "./submissions.mjs";
import { storedSubmissionHandler } from "./stored.mjs";
import { declarationHandler } from "./declarations.mjs";
import { signingKeyHandler } from "./signing-keys.mjs";
import { personaPublicKeys } from "./signatures.mjs";
import { openStore } from "./db/store.mjs";
import { COMPILED_DIR, ensureCompiled } from "./compiled.mjs";
import { personaDataHandler } from "./data-use.mjs";
import { lookupsHandler, readRegisters } from "./lookups.mjs";

export { CONTENT_SECURITY_POLICY, listen };

const examples = fileURLToPath(new URL("..", import.meta.url));
const root = join(examples, "..");

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

/** The context of a persona: examples/data/personas/<name>.json with the catalogue; undefined for any other name. */
export function personaContexts(dir = join(examples, "data")) {
  const read = (path) => JSON.parse(readFileSync(path, "utf8"));
  const context = async (name) => {
    if (!NAME.test(name)) return undefined;
    const persona = join(dir, "personas", `${name}.json`);
    if (!existsSync(persona)) return undefined;
    const units = join(dir, "administrative-units.json");
    return { ...read(persona), ...(existsSync(units) ? { catalog: read(units) } : {}) };
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

/** A file of the portal, the bundles or the compiled procedures, by URL path; undefined when there is none. */
function staticFile(path, compiledDir) {
  if (path === "/") return join(examples, "portal", "index.html");
  if (path === "/portal.js" || path === "/portal.css" || path === "/signing.js") return join(examples, "portal", path.slice(1));
  const bundle = /^\/dist\/(tokhai\.precompiled\.js(?:\.map)?)$/.exec(path);
  if (bundle) return join(root, "dist", bundle[1]);
  const compiled = /^\/compiled\/([a-z0-9-]+)\.js$/.exec(path);
  if (compiled) return join(compiledDir, `${compiled[1]}.js`);
  return undefined;
}

/** Where `npm start` keeps its database when DATABASE_URL is not set: an embedded PGlite. */
export const DATA_DIR = join(examples, "server", ".data");

/**
 * The store `npm start` uses: the PostgreSQL server at `url` (DATABASE_URL) when there is one, else a
 * PGlite in `dir`. A PGlite directory is for one server process at a time; servers that share a
 * database share a PostgreSQL server.
 */
export function openExampleStore({ url = process.env.DATABASE_URL || undefined, dir = DATA_DIR } = {}) {
  return openStore(url ? { url } : { dir });
}

/**
 * The server; `listen` it. `store`: where submissions are kept (db/store.mjs: an opened store, or the
 * promise of one; default: a new PGlite in memory, closed with the server); `now`: its clock;
 * `log(line)`: where failures go (default: stderr); `registers`: what lookups are answered from
 * (default: examples/data/registers); `publicKeys`: the citizens' public signing keys (default: the
 * personas' stand-in keys); `chromium`: the Chromium that prints declarations to PDF (default:
 * CHROMIUM_PATH, else /usr/bin/chromium).
 */
export function createExampleServer({
  store,
  procedure = procedureCatalog(),
  context = personaContexts(),
  registers = readRegisters(),
  compiledDir = COMPILED_DIR,
  publicKeys = personaPublicKeys(),
  chromium,
  now = () => new Date(),
  log,
} = {}) {
  const logLine = log ?? ((line) => console.error(line));
  if (typeof store === "string") throw new TypeError("createExampleServer: `store` is an opened store (openStore of db/store.mjs), not a directory: submissions are kept in a database");
  // Opened here, the store is closed with the server; a store that fails to open fails each request that needs it.
  const own = store === undefined ? openStore() : undefined;
  own?.catch(() => {});
  const submissionStore = own ?? store;
  const submissions = submissionsHandler({ procedure, context, store: submissionStore, publicKeys, now, registers, log: logLine });
  const storedSubmission = storedSubmissionHandler({ store: submissionStore, context });
  const declaration = declarationHandler({ store: submissionStore, context, procedure, registers, log: logLine, ...(chromium ? { chromium } : {}) });
  const lookups = lookupsHandler({ registers, context, log: logLine });
  const personaData = personaDataHandler({ procedure, context });
  const signingKey = signingKeyHandler({ context });
  const notFound = (message) => new RequestError(404, "not-found", message);

  async function handle(req, res, url) {
    const path = url.pathname;
    if (path === "/submissions") return submissions(req, res, url);
    if (req.method !== "GET" && req.method !== "HEAD") throw new RequestError(405, "method-not-allowed", `${req.method} ${path}`, { allow: "GET, HEAD" });
    const submission = /^\/submissions\/([^/]+)$/.exec(path);
    if (submission) return storedSubmission(req, res, url, submission[1]);
    const declared = /^\/submissions\/([^/]+)\/declaration\.(html|pdf)$/.exec(path);
    if (declared) return declaration(req, res, url, declared[1], declared[2]);
    if (path === "/api/procedures") return send(res, 200, procedure.list?.() ?? []);
    if (path === "/api/personas") return send(res, 200, context.list?.() ?? []);
    const lookup = /^\/api\/lookups\/([^/]+)$/.exec(path);
    if (lookup) return lookups(req, res, url, lookup[1]);
    const key = /^\/api\/personas\/([a-z0-9][a-z0-9-]{0,63})\/signing-key$/.exec(path);
    if (key) return signingKey(req, res, key[1]);
    const persona = /^\/api\/personas\/([^/]+)$/.exec(path);
    if (persona) return send(res, 200, await personaData(persona[1], url));
    const document = /^\/procedures\/([a-z0-9-]+)\.json$/.exec(path);
    if (document) {
      const text = procedure.text?.(document[1]);
      if (text === undefined) throw notFound(`no procedure ${document[1]}`);
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      return void res.end(req.method === "HEAD" ? undefined : text);
    }
    const file = staticFile(path, compiledDir);
    if (!file || !existsSync(file)) {
      const hint = path.startsWith("/compiled/") || path.startsWith("/dist/") ? " (run `npm start`, which builds it)" : "";
      throw notFound(`${path}${hint}`);
    }
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  const server = createSecuredServer(handle, log ? { log } : {});
  if (own) server.on("close", () => void own.then((opened) => opened.close()).catch(() => {}));
  return server;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  if (!existsSync(join(root, "dist", "tokhai.precompiled.js"))) {
    console.error("tokhai example portal: dist/tokhai.precompiled.js is missing; run `npm start` (or `npm run bundle`) first.");
    process.exit(1);
  }
  const built = await ensureCompiled();
  if (built.length) console.log(`tokhai: compiled ${built.join(", ")} (tokhai compile)`);
  let store;
  try {
    store = await openExampleStore(option("data") ? { dir: option("data") } : {});
  } catch (error) {
    console.error(`tokhai example portal: the database could not be opened: ${error.message}`);
    process.exit(1);
  }
  if (store.migrated.length) console.log(`tokhai: database migrated (${store.migrated.join(", ")})`);
  const server = createExampleServer({ store });
  const port = await listen(server, Number(option("port") ?? process.env.PORT ?? 8080));
  console.log(`\ntokhai example portal: http://127.0.0.1:${port}/\n  (back end: POST http://127.0.0.1:${port}/submissions; submissions in ${store.where}; Ctrl+C stops)\n`);
  // Stopped: no new request; the database is closed once those under way are answered.
  const stop = () => {
    server.close(() => void store.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
