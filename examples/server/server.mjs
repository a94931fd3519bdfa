#!/usr/bin/env node
// The example back end, on 127.0.0.1 only: `POST /submissions` re-validates envelopes and stores the
// accepted ones (see submissions.mjs). Procedures come from examples/procedures, citizens' contexts
// from examples/data.
//
//   node examples/server/server.mjs [--port 8080] [--store <dir>]
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProcedure } from "@tokhai/core";
import { send, submissionsHandler } from "./submissions.mjs";

const examples = fileURLToPath(new URL("..", import.meta.url));

/** Procedures of examples/procedures by id, loaded (and checked) once, on first use. */
export function procedureCatalog(dir = join(examples, "procedures")) {
  const files = new Map();
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const text = readFileSync(join(dir, name), "utf8");
    files.set(JSON.parse(text).id, text);
  }
  const loaded = new Map();
  return async (id) => {
    if (!files.has(id)) return undefined;
    if (!loaded.has(id)) loaded.set(id, loadProcedure(files.get(id)));
    return loaded.get(id);
  };
}

/** The context of a persona: examples/data/personas/<name>.json with the catalogue, else examples/data/<name>.json. */
export function personaContexts(dir = join(examples, "data")) {
  const read = (path) => JSON.parse(readFileSync(path, "utf8"));
  return async (name) => {
    const persona = join(dir, "personas", `${name}.json`);
    if (existsSync(persona)) {
      const units = join(dir, "administrative-units.json");
      return { ...read(persona), ...(existsSync(units) ? { catalog: read(units) } : {}) };
    }
    const legacy = join(dir, `${name}.json`);
    return existsSync(legacy) ? read(legacy) : undefined;
  };
}

/** The server; `listen` it. */
export function createExampleServer({ store = join(examples, "server", ".submissions"), procedure = procedureCatalog(), context = personaContexts() } = {}) {
  const submissions = submissionsHandler({ procedure, context, store });
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const done = url.pathname === "/submissions" ? submissions(req, res, url) : Promise.resolve(send(res, 404, { error: "not-found" }));
    done.catch((error) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, { error: "internal", message: "the server failed; see its log" });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const port = Number(option("port") ?? 8080);
  const server = createExampleServer(option("store") ? { store: option("store") } : {});
  server.listen(port, "127.0.0.1", () => console.log(`tokhai example back end: http://127.0.0.1:${server.address().port}/submissions`));
}
