// The example server's HTTP plumbing, shared by its routes: the security headers every answer
// carries (set when the response is made, so no route can forget them), JSON answers, request
// bodies read within a limit, and the one place where a failed request is answered and logged.
import { createServer, ServerResponse, STATUS_CODES } from "node:http";
import { finished } from "node:stream";

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

/** On every answer of the server, whatever the route and the status. */
export const SECURITY_HEADERS = Object.freeze({
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
});

/** A response that carries the security headers from the start: a route adds to them, it cannot omit them. */
class SecuredResponse extends ServerResponse {
  constructor(req, options) {
    super(req, options);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) this.setHeader(name, value);
  }
}

/** A request the server refuses: `status` and `error` (a code) answer it, `message` says why. */
export class RequestError extends Error {
  constructor(status, error, message, headers = {}) {
    super(message);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

/** The client went away before the request was complete: nobody to answer, only a line in the log. */
export class RequestAborted extends Error {}

/** Answers with `body` as JSON. */
export function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

/**
 * The server: `handle(req, res, url)` answers each request. A `RequestError` it throws is answered with
 * its status; anything else is logged with the request's method and path and answered 500, without
 * the error's text. `log(line)` receives the lines (default: stderr).
 */
export function createSecuredServer(handle, { log = (line) => console.error(line) } = {}) {
  const server = createServer({ ServerResponse: SecuredResponse }, (req, res) => {
    // Only a path (origin-form) is taken; read under this origin, it always parses ("//[" included).
    const target = req.url ?? "";
    const url = target.startsWith("/") ? new URL(`http://127.0.0.1${target}`) : undefined;
    const path = url?.pathname ?? JSON.stringify(target.slice(0, 200));
    const answered = url ? handle(req, res, url) : Promise.reject(new RequestError(400, "bad-request", "the request target must be a path"));
    answered.catch((error) => {
      if (error instanceof RequestAborted) return log(`${req.method} ${path}: ${error.message}`);
      if (error instanceof RequestError) {
        if (res.headersSent) return void res.destroy();
        return send(res, error.status, { error: error.error, message: error.message }, error.headers);
      }
      log(`${req.method} ${path}: ${error?.stack ?? error}`);
      if (res.headersSent) return void res.destroy();
      send(res, 500, { error: "internal", message: "the server failed; see its log" });
    });
  });
  // A request Node's parser refuses (malformed, headers too large, too slow) never reaches `handle`;
  // Node's own answer would lack the security headers.
  server.on("clientError", (error, socket) => {
    // As Node's default: say nothing on a connection that is gone or already answering.
    if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) return void socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const body = `${JSON.stringify({ error: "bad-request", message: STATUS_CODES[status] })}\n`;
    const headers = { ...SECURITY_HEADERS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(body), connection: "close" };
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n${body}`);
  });
  // An envelope is at most a megabyte: a request still arriving after 30 s is dropped (Node: 300 s).
  server.requestTimeout = 30_000;
  return server;
}

/**
 * The body of `req`, at most `limit` bytes. Rejects with a `RequestError` 413 as soon as it is known
 * to be larger (from its content-length, or once a chunked body passes the limit), and with
 * `RequestAborted` when the client closes the connection first. After a 413 the rest of the body is
 * read and dropped, up to `limit` more bytes, so that a client still sending gets the answer; past
 * that, the connection is cut.
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = req.headers["content-length"] === undefined ? undefined : Number(req.headers["content-length"]);
    const tooLarge = () => new RequestError(413, "too-large", `the body is larger than ${limit} bytes`);
    const chunks = [];
    let size = 0;
    let settled = false;
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(value);
    };
    const discard = () => {
      let dropped = 0;
      req.removeListener("data", collect);
      req.on("data", (chunk) => {
        dropped += chunk.length;
        if (dropped > limit) req.socket?.destroy();
      });
      req.resume();
      settle(tooLarge());
    };
    const collect = (chunk) => {
      size += chunk.length;
      if (size > limit) return discard();
      chunks.push(chunk);
    };
    // `finished` also reports a request already closed before this call.
    finished(req, { writable: false }, (error) => {
      if (!error) return settle(null, Buffer.concat(chunks));
      settle(new RequestAborted(`the client closed the connection after ${size} of ${declared ?? "an unknown number of"} bytes`));
    });
    if (declared !== undefined && declared > limit) return discard();
    req.on("data", collect);
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
