/**
 * The studio's HTTP rules: it answers only requests addressed to itself on the loopback (a page of
 * another site that rebinds its name to 127.0.0.1 is refused by its Host header), refuses writes
 * from other origins, bounds every body, and sends the same security headers on every answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The most bytes of a request body (a procedure's text). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // dist/tokhai.js loads procedure documents: ajv compiles the validator with new Function.
  "script-src 'self' 'unsafe-eval'",
  // CodeMirror positions and styles its editor through style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** The hosts the studio answers as: `127.0.0.1:<port>` and `localhost:<port>`. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * Refuses a request whose Host is not the studio's own (DNS rebinding), and a write whose Origin is
 * another site's (a page elsewhere posting to the studio).
 */
export function checkRequest(req: IncomingMessage, hosts: Set<string>): void {
  const host = req.headers.host;
  if (!host || !hosts.has(host.toLowerCase())) throw new HttpError(421, "wrong-host", `this studio answers only as ${[...hosts].join(" or ")}, not ${host ?? "a request without Host"}`);
  const origin = req.headers.origin;
  if (origin !== undefined && req.method !== "GET" && req.method !== "HEAD") {
    const ok = [...hosts].some((h) => origin === `http://${h}`);
    if (!ok) throw new HttpError(403, "wrong-origin", `writes are accepted only from the studio's own page, not from ${origin}`);
  }
}

/**
 * The request body as UTF-8 text, refused with 413 past `max` bytes as soon as that is known (from
 * Content-Length, or as a chunked body arrives). After a 413 the rest is read and dropped, up to `max`
 * more bytes, so that a client still sending gets the answer; past that, the connection is cut.
 */
export function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpError(413, "too-large", `the body is larger than ${max} bytes`);
    const discard = () => {
      let dropped = 0;
      req.removeAllListeners("data");
      req.removeAllListeners("end");
      req.on("data", (chunk: Buffer) => {
        dropped += chunk.length;
        if (dropped > max) req.socket?.destroy();
      });
      req.resume();
      reject(tooLarge());
    };
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > max) return discard();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return discard();
      chunks.push(chunk);
    });
    req.on("error", (error) => reject(new HttpError(400, "aborted", `the request broke off: ${error.message}`)));
    req.on("end", () => {
      try {
        resolve(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpError(400, "not-utf8", "the body is not UTF-8 text"));
      }
    });
  });
}

export function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...extra,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), "application/json; charset=utf-8");
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
