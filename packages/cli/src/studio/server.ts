/**
 * The server of `tokhai studio`: the page, the runtime bundle, the procedure meta-schema, and a small
 * API over the files of one folder (list, read, save, check). It listens on the loopback only.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { checkText } from "./check-text.js";
import { FolderError, StudioFolder } from "./folder.js";
import { allowedHosts, checkRequest, HttpError, readBody, send, sendError, sendJson } from "./http.js";
import { STUDIO_CSS } from "./page-css.js";
import { STUDIO_HTML } from "./page-html.js";
import { contextOf, statsOfText } from "./stats.js";
import { dependenciesOfText } from "./dependencies.js";
import { SourceFiles } from "./source-files.js";
import { lookUp, MAX_LOOKUP_INPUT_BYTES } from "./lookups.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where the files the page loads are built (`npm run bundle`). */
export const ASSETS = {
  /** The studio page's script, bundled by rollup.studio.config.mjs. */
  page: here("../studio-page/studio.js"),
  /** The run-time bundle of the elements: loads procedure documents, as the preview needs. */
  elements: here("../../../../dist/tokhai.js"),
  schema: createRequire(import.meta.url).resolve("@tokhai/core/procedure.v1.schema.json"),
} as const;

export interface StudioOptions {
  /** The folder served. */
  readonly dir: string;
  /** Overrides of where the page's files are (tests). */
  readonly assets?: Partial<typeof ASSETS>;
}

export interface Studio {
  readonly server: Server;
  readonly folder: StudioFolder;
  /** Starts listening on 127.0.0.1 at `port` (0: any free one) and resolves to the port. */
  listen(port: number): Promise<number>;
}

export async function createStudio(options: StudioOptions): Promise<Studio> {
  const folder = await StudioFolder.open(options.dir);
  const assets = { ...ASSETS, ...options.assets };
  const sourceFiles = new SourceFiles(folder);
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, error));
  });
  // A request Node's parser refuses gets a plain 400, never a hanging socket.
  server.on("clientError", (_error, socket) => socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkRequest(req, hosts);
    const url = new URL(req.url ?? "/", "http://studio.invalid");
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /":
        return send(res, 200, STUDIO_HTML, "text/html; charset=utf-8");
      case "GET /studio.css":
        return send(res, 200, STUDIO_CSS, "text/css; charset=utf-8");
      case "GET /studio.js":
        return send(res, 200, await asset(assets.page, "the studio page (npm run bundle builds it)"), "text/javascript; charset=utf-8");
      case "GET /tokhai.js":
        return send(res, 200, await asset(assets.elements, "dist/tokhai.js (npm run bundle builds it)"), "text/javascript; charset=utf-8");
      case "GET /api/schema":
        return send(res, 200, await asset(assets.schema, "the procedure meta-schema"), "application/json; charset=utf-8");
      case "GET /api/files":
        return sendJson(res, 200, await folder.list());
      case "GET /api/file": {
        const path = pathParam(url);
        return sendJson(res, 200, { path, text: await folder.read(path) });
      }
      case "PUT /api/file": {
        const path = pathParam(url);
        await folder.resolve(path); // before the body is read: a refused path costs nothing
        const text = await readBody(req);
        await folder.write(path, text);
        const { problems } = await checkText(folder, path, text);
        return sendJson(res, 200, { saved: true, path, problems });
      }
      case "POST /api/check": {
        const path = pathParam(url);
        const text = await readBody(req);
        return sendJson(res, 200, { path, ...(await checkText(folder, path, text)) });
      }
      case "POST /api/stats": {
        const context = await contextOf(folder, url);
        const path = optionalPath(url);
        const text = await readBody(req);
        const report = await statsOfText(folder, path, text, context);
        if (!report) throw new HttpError(422, "not-loaded", "the procedure has errors: the report needs one that loads");
        return sendJson(res, 200, report);
      }
      case "POST /api/dependencies": {
        const path = optionalPath(url);
        const fields = await dependenciesOfText(folder, path, await readBody(req));
        if (!fields) throw new HttpError(422, "not-loaded", "the procedure has errors: its dependencies need one that loads");
        return sendJson(res, 200, { fields });
      }
      case "POST /api/lookup": {
        const registers = url.searchParams.getAll("registers");
        const name = url.searchParams.getAll("name");
        if (registers.length !== 1 || registers[0] === "") throw new HttpError(400, "bad-path", "give the registers file as ?registers=<path in the folder>, once");
        if (name.length !== 1) throw new HttpError(400, "bad-lookup", "give the lookup's name as ?name=<name>, once");
        await folder.resolve(registers[0]!); // before the body is read: a refused path costs nothing
        const record = await lookUp(folder, registers[0]!, name[0]!, await readBody(req, MAX_LOOKUP_INPUT_BYTES));
        return sendJson(res, 200, record === undefined ? { found: false } : { found: true, record });
      }
      case "POST /api/source-defaults": {
        const body = await readBody(req);
        let sources: unknown;
        try {
          sources = JSON.parse(body);
        } catch {
          throw new HttpError(400, "not-json", "post the procedure's \"sources\" object as JSON");
        }
        return sendJson(res, 200, { defaults: await sourceFiles.defaults(sources) });
      }
    }
    const known = ["/", "/studio.css", "/studio.js", "/tokhai.js", "/api/schema", "/api/files", "/api/file", "/api/check", "/api/stats", "/api/dependencies", "/api/source-defaults", "/api/lookup"];
    if (known.includes(url.pathname)) throw new HttpError(405, "method", `${req.method} is not allowed on ${url.pathname}`);
    throw new HttpError(404, "not-found", `${url.pathname}: no such page`);
  }

  return {
    server,
    folder,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          const actual = (server.address() as { port: number }).port;
          hosts = allowedHosts(actual);
          resolve(actual);
        });
      }),
  };
}

/** `?path=` given once. */
function pathParam(url: URL): string {
  const all = url.searchParams.getAll("path");
  if (all.length !== 1 || all[0] === "") throw new HttpError(400, "bad-path", "give the file as ?path=<path in the folder>, once");
  return all[0]!;
}

/** `?path=` at most once: the file a posted procedure is for (its blocks are read relative to it). */
function optionalPath(url: URL): string | undefined {
  return url.searchParams.has("path") ? pathParam(url) : undefined;
}

async function asset(file: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch {
    throw new HttpError(500, "missing-asset", `${what} is missing: ${file}`);
  }
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError || error instanceof FolderError) return sendError(res, error.status, error.code, error.message);
  process.stderr.write(`tokhai studio: ${(error as Error)?.stack ?? String(error)}\n`);
  sendError(res, 500, "internal", "the studio failed on this request; its terminal has the details");
}
