// The example back end over HTTP: an envelope made by the core is accepted (201, stored in the database,
// here a PGlite in memory: test/node/example-database*.test.ts run it against PGlite and a real PostgreSQL
// too); a tampered one is refused with its errors (422); malformed requests get the right status, never
// a crash. Its
// lookups in registers (GET /api/lookups/<name>) answer the signed-in citizen only what they may see,
// and the check of a submission looks every lookup up again in the same registers (a forged other
// party is refused; a register that fails refuses with 503).
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createForm, dataUse, envelopeDigest, loadProcedure, usedData, type SubmissionEnvelope } from "@tokhai/core";
import { residenceSubmission } from "./residence-submission.js";
import { answersOf, fillAnswers, lookupsFor, personaContext, readJson, registerData, TEST_BUDGET, type Json } from "./examples.js";
import { createRegisters } from "../../examples/server/registers.mjs";
import { openStore, type Store } from "../../examples/server/db/store.mjs";
// @ts-expect-error: a plain ES module of the examples, without types
import { printQueue } from "../../examples/server/declarations.mjs";
// @ts-expect-error: a plain ES module of the examples, without types
import { CONTENT_SECURITY_POLICY, createExampleServer, personaContexts } from "../../examples/server/server.mjs";

const envelopeFor = (persona: string) => residenceSubmission(persona);

/** The headers every answer of the example server carries, whatever the route and the status. */
const SECURITY_HEADERS = { "content-security-policy": CONTENT_SECURITY_POLICY, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
const expectSecured = (headers: Headers, what: string) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers.get(name), `${what}: ${name}`).toBe(value);
};

/** The server's clock: the receipt time it stamps, a different one from the envelope's 08:00. */
const RECEIVED = "2026-11-22T09:30:00.000Z";
const MAX_BODY = 1024 * 1024;

/** One database for the servers of this file (a PGlite in memory takes ~2 s to make): each envelope has an id of its own. */
let store: Store;
beforeAll(async () => {
  store = await openStore();
}, 60_000);
afterAll(() => store?.close());
/** How many submissions are stored. */
const stored = async () => (await store.database.query("SELECT count(*)::int AS n FROM submissions"))[0]!.n as number;

/** A real example server on a free port, on this file's database, with a log kept for the test. */
async function startServer(options: Record<string, unknown> = {}) {
  const log: string[] = [];
  const server: import("node:http").Server = createExampleServer({ store, now: () => new Date(RECEIVED), log: (line: string) => log.push(line), ...options });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    http: server,
    log,
    port,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Writes `request` on a new connection and resolves to everything the server sends until it closes. */
function raw(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
    socket.end(request);
  });
}
/** The status and the headers (lower-cased names) of a raw HTTP answer. */
function parseRaw(text: string) {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = new Headers(lines.map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()] as [string, string]));
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

describe("example back end: POST /submissions", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  beforeAll(async () => {
    const personas = personaContexts();
    // "someone-else": another citizen signed in, whose verified name and id differ.
    const context = async (name: string) => {
      if (name !== "someone-else") return personas(name);
      const an = await personas("nguyen-van-an");
      return { ...an, citizen: { ...an.citizen, fullName: "Lê Thị Mai", personalId: "048197001234" } };
    };
    server = await startServer({ context });
    ({ base } = server);
  });
  afterAll(() => server.close());

  const post = (body: unknown, persona = "nguyen-van-an", headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${base}/submissions?persona=${persona}`, { method: "POST", headers, body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body) });

  it("accepts a valid envelope with 201 and its receipt, under the envelope's id, stamped with the server's time", async () => {
    const envelope = await envelopeFor("nguyen-van-an");
    const res = await post(envelope);
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt).toEqual({ id: envelope.id, receivedAt: RECEIVED, digest: await envelopeDigest(envelope), procedure: envelope.procedure });
    expect(res.headers.get("location")).toBe(`/submissions/${envelope.id}`);
    expect(await store.get(envelope.id)).toEqual({ receipt, persona: "nguyen-van-an", envelope });
  });

  it("stores the envelope as sent, only the members an envelope defines: the client's submittedAt, the server's time in the receipt", async () => {
    const envelope = await envelopeFor("nguyen-van-an");
    const res = await post({ ...envelope, locale: "en", submittedAt: "1999-01-01T00:00:00.000Z", procedure: { ...envelope.procedure } });
    expect(res.status).toBe(201);
    expect((await res.json()).receivedAt).toBe(RECEIVED);
    const kept = await store.get(envelope.id);
    expect(Object.keys(kept!.envelope).sort()).toEqual(["attachments", "data", "id", "locale", "procedure", "provenance", "submittedAt"]);
    expect(kept!.envelope).toEqual({ ...envelope, locale: "en", submittedAt: "1999-01-01T00:00:00.000Z" });
  });

  it("refuses unknown members with 422 and a located error in the envelope's language, and stores nothing", async () => {
    const before = await stored();
    const envelope = await envelopeFor("nguyen-van-an");
    const vi = await post({ ...envelope, "owner/id": "x" });
    expect(vi.status).toBe(422);
    expect((await vi.json()).errors).toEqual([{ pointer: "/owner~1id", keyword: "envelope", message: "Hồ sơ gửi lên có mục “owner/id” không thuộc cấu trúc hồ sơ" }]);
    const en = await post({ ...envelope, locale: "en", note: 1, procedure: { ...envelope.procedure, channel: "web" } });
    expect(en.status).toBe(422);
    expect((await en.json()).errors).toEqual([
      { pointer: "/procedure/channel", keyword: "envelope", message: 'The envelope has a member "channel" that is not part of an envelope' },
      { pointer: "/note", keyword: "envelope", message: 'The envelope has a member "note" that is not part of an envelope' },
    ]);
    const locale = await post({ ...envelope, locale: "en_GB" });
    expect(locale.status).toBe(422);
    expect((await locale.json()).errors).toEqual([{ pointer: "/locale", keyword: "envelope", message: "Mục “locale” của hồ sơ phải là một thẻ ngôn ngữ BCP-47, ví dụ “vi” hoặc “en-GB”" }]);
    // A region of a language the server speaks answers in it.
    const region = await post({ ...envelope, locale: "en-GB", note: 1 });
    expect((await region.json()).errors).toEqual([{ pointer: "/note", keyword: "envelope", message: 'The envelope has a member "note" that is not part of an envelope' }]);
    const { attachments: _, ...withoutAttachments } = envelope;
    const missing = await post({ ...withoutAttachments, locale: "en" });
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors).toEqual([{ pointer: "/attachments", keyword: "envelope", message: 'The envelope lacks "attachments"' }]);
    expect(await stored()).toBe(before);
  });

  it("refuses text the database cannot store (U+0000, half a surrogate pair) with 422 where it is, and stores nothing", async () => {
    const before = await stored();
    const envelope = await envelopeFor("nguyen-van-an");
    const cases: Array<[string, string, string]> = [
      ["a NUL in a value", JSON.stringify(envelope).replace("12 Lê Lợi", "12 Lê\\u0000Lợi"), "/data/newAddress/detail"],
      ["half a surrogate pair", JSON.stringify(envelope).replace("12 Lê Lợi", "12 Lê \\ud83d Lợi"), "/data/newAddress/detail"],
      ["a NUL in a member's name", JSON.stringify({ ...envelope, data: { ...(envelope.data as object), "x\u0000": 1 } }), "/data/x\u0000"],
      ["deep in a body of 150,000 levels", JSON.stringify({ ...envelope, data: { deep: "@" } }).replace('"@"', '{"a":'.repeat(150_000) + '"\\u0000"' + "}".repeat(150_000)), `/data/deep${"/a".repeat(150_000)}`],
    ];
    for (const [what, body, pointer] of cases) {
      const res = await post(body);
      expect(res.status, what).toBe(422);
      expect((await res.json()).errors, what).toEqual([
        { pointer, keyword: "envelope", message: "Hồ sơ gửi lên có ký tự không lưu được ở đây: ký tự NUL (U+0000) hoặc một nửa cặp thay thế UTF-16" },
      ]);
    }
    expect(await stored()).toBe(before);
    // A whole pair (an emoji) is text like any other.
    const emoji = await post(JSON.stringify(envelope).replace("12 Lê Lợi", "12 Lê Lợi 🏠"));
    expect(emoji.status).toBe(201);
  });

  it("refuses a tampered envelope with 422 and the errors, and stores nothing", async () => {
    const before = await stored();
    const envelope = await envelopeFor("nguyen-van-an");
    const data = envelope.data as { applicant: Record<string, unknown> };
    data.applicant["fullName"] = "Người Khác";
    const res = await post(envelope);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([expect.objectContaining({ pointer: "/applicant/fullName", keyword: "x-lock" })]);
    expect(await stored()).toBe(before);
  });

  it("checks locked values against the signed-in citizen, not against what the browser sent", async () => {
    const res = await post(await envelopeFor("nguyen-van-an"), "someone-else");
    expect(res.status).toBe(422);
    const { errors } = await res.json();
    expect(errors.map((e: { pointer: string; keyword: string }) => [e.pointer, e.keyword])).toEqual([
      ["/applicant/fullName", "x-lock"],
      ["/applicant/personalId", "x-lock"],
      // The relations were prefilled as An's relations to his household; for someone else they are not what the record says.
      ["/household/members/0/relation", "provenance"],
      ["/household/members/1/relation", "provenance"],
      ["/household/members/2/relation", "provenance"],
    ]);
    expect((await post(await envelopeFor("nguyen-van-an"), "no-such-persona")).status).toBe(401);
  });

  it("answers malformed requests with their status", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post({}, "nguyen-van-an", { "content-type": "text/plain" })).status).toBe(415);
    expect((await fetch(`${base}/submissions`)).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    expect((await post({ procedure: { id: "vn.unknown", version: "1.0.0" }, data: {}, provenance: {}, attachments: [], locale: "vi" })).status).toBe(422);
    expect((await post("x".repeat(MAX_BODY + 1))).status).toBe(413);
  });

  it("puts the security headers on every answer: 200, 201, 400, 401, 405, 409, 413, 415, 422", async () => {
    const envelope = await envelopeFor("nguyen-van-an");
    const answers: Array<[string, number, Response]> = [
      ["201", 201, await post(envelope)],
      ["200", 200, await post(envelope)],
      ["409", 409, await post({ ...envelope, locale: "en" })],
      ["400", 400, await post("{not json")],
      ["401", 401, await post({}, "no-such-persona")],
      ["405", 405, await fetch(`${base}/submissions`)],
      ["413", 413, await post("x".repeat(MAX_BODY + 1))],
      ["415", 415, await post({}, "nguyen-van-an", { "content-type": "text/plain" })],
      ["422", 422, await post({ procedure: { id: "vn.unknown", version: "1.0.0" } })],
    ];
    for (const [what, status, res] of answers) {
      expect(res.status, what).toBe(status);
      expectSecured(res.headers, what);
      expect(res.headers.get("content-type"), what).toBe("application/json; charset=utf-8");
      await res.body?.cancel();
    }
    // A request Node's HTTP parser refuses never reaches a handler: its 400 carries them too.
    const refused = parseRaw(await raw(server.port, "POST /submissions HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n"));
    expect(refused.status).toBe(400);
    expectSecured(refused.headers, "parser's 400");
  });

  it("answers a body that is JSON but not an envelope with 422 and the member at fault", async () => {
    const IDENTITY = { id: "3b241101-e2bb-4255-8caf-4136c566a962", submittedAt: "2026-11-22T08:00:00.000Z" };
    const whole = { procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" }, data: {}, provenance: {}, attachments: [], locale: "vi", ...IDENTITY };
    const cases: Array<[unknown, string]> = [
      [null, ""],
      [42, ""],
      [[], ""],
      ["a string", ""],
      [{ procedure: "vn.cu-tru.dang-ky-thuong-tru", data: {}, provenance: {}, attachments: [], locale: "vi", ...IDENTITY }, "/procedure"],
      [{ procedure: null, data: {}, provenance: {}, attachments: [], locale: "vi", ...IDENTITY }, "/procedure"],
      [{ procedure: { id: 42, version: "1.0.0" }, data: {}, provenance: {}, attachments: [], locale: "vi", ...IDENTITY }, "/procedure/id"],
      [{ procedure: { id: ["vn.cu-tru.dang-ky-thuong-tru"], version: "1.0.0" }, data: {}, provenance: {}, attachments: [], locale: "vi", ...IDENTITY }, "/procedure/id"],
      [{ procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: 1 }, data: {}, provenance: {}, attachments: [], locale: "vi", ...IDENTITY }, "/procedure/version"],
      [{ procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" }, data: [], provenance: {}, attachments: [], locale: "vi", ...IDENTITY }, "/data"],
      [{ procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" }, data: {}, provenance: [], attachments: [], locale: "vi", ...IDENTITY }, "/provenance"],
      [{ procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" }, data: {}, provenance: {}, attachments: {}, locale: "vi", ...IDENTITY }, "/attachments"],
      // The id: a lower-case UUID.
      [{ ...whole, id: "3B241101-E2BB-4255-8CAF-4136C566A962" }, "/id"],
      [{ ...whole, id: "3b241101e2bb42558caf4136c566a962" }, "/id"],
      [{ ...whole, id: 42 }, "/id"],
      [{ ...whole, id: undefined }, "/id"],
      [{ ...whole, submittedAt: undefined }, "/submittedAt"],
      [{ ...whole, signature: "signed" }, "/signature"],
    ];
    for (const [body, pointer] of cases) {
      const res = await post(JSON.stringify(body));
      const what = JSON.stringify(body);
      expect(res.status, what).toBe(422);
      const { errors } = await res.json();
      expect(errors, what).toEqual([expect.objectContaining({ pointer, keyword: "envelope", message: expect.any(String) })]);
    }
  });

  it("answers 401 when ?persona= is missing, empty, repeated or names no citizen", async () => {
    const body = JSON.stringify(await envelopeFor("nguyen-van-an"));
    for (const query of ["", "?persona=", "?persona=..%2Fpersonas%2Fnguyen-van-an", "?persona=__proto__", "?persona=constructor", "?persona=administrative-units", "?persona=nguyen-van-an&persona=le-thi-mai", "?persona=NGUYEN-VAN-AN", `?persona=${"a".repeat(10_000)}`]) {
      const res = await fetch(`${base}/submissions${query}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(res.status, query).toBe(401);
      expect((await res.json()).error, query).toBe("unknown-citizen");
    }
  });

  it("reads the body as UTF-8 JSON only: the charset, the bytes, the media type", async () => {
    const envelope = await envelopeFor("nguyen-van-an");
    expect((await post(envelope, "nguyen-van-an", { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
    // The same envelope again: its receipt (200).
    expect((await post(envelope, "nguyen-van-an", { "content-type": 'Application/JSON;Charset="UTF-8"' })).status).toBe(200);
    expect((await post(envelope, "nguyen-van-an", { "content-type": "application/json; charset=iso-8859-1" })).status).toBe(415);
    expect((await post(envelope, "nguyen-van-an", { "content-type": "application/json-patch+json" })).status).toBe(415);
    expect((await post(envelope, "nguyen-van-an", { "content-type": "application/jsonp" })).status).toBe(415);
    // "Nguyễn" with a byte that is not UTF-8 in it: refused, not stored with a replacement character.
    const text = Buffer.from(JSON.stringify(envelope), "utf8");
    const broken = Buffer.concat([text.subarray(0, text.indexOf("Nguy") + 4), Buffer.from([0xff]), text.subarray(text.indexOf("Nguy") + 4)]);
    const res = await post(new Uint8Array(broken));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("bad-encoding");
  });

  it("accepts a body of exactly the limit, refuses one byte more with 413, and an empty body with 400", async () => {
    const text = JSON.stringify(await envelopeFor("nguyen-van-an"));
    const exact = text + " ".repeat(MAX_BODY - Buffer.byteLength(text));
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY);
    expect((await post(exact)).status).toBe(201);
    expect((await post(`${exact} `)).status).toBe(413);
    const empty = await post("");
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toBe("bad-json");
  });

  it("refuses a chunked body over the limit with 413 and stays available", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= MAX_BODY + 4 * chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/submissions?persona=nguyen-van-an`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expectSecured(res.headers, "chunked 413");
    expect((await post(await envelopeFor("nguyen-van-an"))).status).toBe(201);
  });

  it("refuses deeply nested JSON with a 4xx: unclosed, as a whole body and as the data", async () => {
    const depth = MAX_BODY / 2 - 100;
    expect((await post("[".repeat(MAX_BODY))).status).toBe(400);
    expect((await post("[".repeat(depth) + "]".repeat(depth))).status).toBe(422);
    const envelope = await envelopeFor("nguyen-van-an");
    const nested = JSON.stringify({ ...envelope, data: { ...(envelope.data as object), applicant: "@" } }).replace('"@"', '{"a":'.repeat(150_000) + "1" + "}".repeat(150_000));
    expect(Buffer.byteLength(nested)).toBeLessThanOrEqual(MAX_BODY);
    const res = await post(nested);
    expect(res.status).toBe(422);
  });

  it("refuses a valid envelope with an extra member nested 100,000 levels (once accepted, then a 500 when stored)", async () => {
    const envelope = await envelopeFor("nguyen-van-an");
    const body = JSON.stringify({ ...envelope, data: { ...(envelope.data as object), extra: "@" } }).replace('"@"', '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000));
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY);
    const res = await post(body);
    expect(res.status).toBe(422);
    expectSecured(res.headers, "nested 422");
    expect((await res.json()).errors).toEqual([expect.objectContaining({ keyword: "envelope", pointer: expect.stringMatching(/^\/data\/extra\/a\/a/) })]);
  });

  it("survives a client that closes the connection in the middle of the body, and logs it", async () => {
    const socket = connect(server.port, "127.0.0.1");
    const taken = new Promise((resolve) => server.http.once("request", resolve));
    socket.write("POST /submissions?persona=nguyen-van-an HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"procedure\":");
    await taken;
    socket.destroy();
    // The handler ends (it logs the abort) instead of waiting for the rest of the body forever.
    await vi.waitFor(() => expect(server.log).toContainEqual(expect.stringMatching(/^POST \/submissions: the client closed the connection after \d+ of 1000 bytes/)), { timeout: 10_000 });
    expect((await post(await envelopeFor("nguyen-van-an"))).status).toBe(201);
  });
});

describe("example back end: the declaration's prints", () => {
  it("runs two at a time, queues eight in order, and refuses more with 503 busy until one ends", async () => {
    const print = printQueue(2, 8);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const job = (n: number) => () => new Promise<number>((resolve) => (started.push(n), finish.push(() => resolve(n))));
    const jobs = Array.from({ length: 10 }, (_, n) => print(job(n)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    await expect(print(job(10))).rejects.toMatchObject({ status: 503, error: "busy", headers: { "retry-after": "5" } });
    finish.shift()!();
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2]));
    // One place is free in the queue again.
    const eleventh = print(job(11));
    while (finish.length > 0 || started.length < 11) {
      await vi.waitFor(() => expect(finish.length).toBeGreaterThan(0));
      finish.shift()!();
    }
    expect(await Promise.all([...jobs, eleventh])).toEqual([...Array.from({ length: 10 }, (_, n) => n), 11]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
  });
});

describe("example back end: a client gone before its body is read", () => {
  it("ends the handler (and logs it) instead of waiting forever for a body that will not come", async () => {
    const personas = personaContexts();
    let gone: Promise<unknown> = Promise.resolve();
    // The citizen's lookup finishes only once the client has hung up: the body is read after the close.
    const server = await startServer({ context: async (name: string) => (await gone, personas(name)) });
    try {
      server.http.once("connection", (socket: import("node:net").Socket) => (gone = new Promise((resolve) => socket.once("close", resolve))));
      const socket = connect(server.port, "127.0.0.1");
      const taken = new Promise((resolve) => server.http.once("request", resolve));
      socket.write("POST /submissions?persona=nguyen-van-an HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
      await taken;
      socket.destroy();
      await vi.waitFor(() => expect(server.log).toContainEqual(expect.stringMatching(/^POST \/submissions: the client closed the connection after \d+ of 1000 bytes/)), { timeout: 10_000 });
    } finally {
      await server.close();
    }
  });
});

describe("example back end: a failure inside the handler", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({
      context: async () => {
        throw new Error("database password=hunter2 at /srv/secret/path");
      },
    });
  });
  afterAll(() => server.close());

  it("answers 500 with the security headers and no internals, and logs the request with the error", async () => {
    const res = await fetch(`${server.base}/submissions?persona=nguyen-van-an`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(await envelopeFor("nguyen-van-an")) });
    expect(res.status).toBe(500);
    expectSecured(res.headers, "500");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "internal", message: "the server failed; see its log" });
    expect(text).not.toMatch(/hunter2|secret|\bat\b/);
    expect(server.log).toHaveLength(1);
    expect(server.log[0]).toMatch(/^POST \/submissions: Error: database password=hunter2/);
  });
});

describe("example portal: the pages and data the server hands the browser", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = await startServer();
    ({ base, port } = server);
  });
  afterAll(() => server.close());

  it("serves the portal under a Content-Security-Policy that forbids inline code and eval", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/portal.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect((await fetch(`${base}/portal.js`)).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("lists the procedures and personas, and hands over a persona's data and a procedure's document", async () => {
    const procedures = await (await fetch(`${base}/api/procedures`)).json();
    expect(procedures).toContainEqual({ name: "dang-ky-thuong-tru", id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0", title: "Đăng ký thường trú", titleEn: "Permanent residence registration" });
    expect(await (await fetch(`${base}/api/personas`)).json()).toEqual([
      { name: "le-thi-mai", fullName: "Lê Thị Mai" },
      { name: "nguyen-van-an", fullName: "Nguyễn Văn An" },
      { name: "pham-quoc-huy", fullName: "Phạm Quốc Huy" },
    ]);
    const mai = await (await fetch(`${base}/api/personas/le-thi-mai?procedure=dang-ky-thuong-tru`)).json();
    expect(mai.citizen.personalId).toBe("048198004521");
    expect(mai.catalog.provinces).toHaveLength(34);
    const document = await (await fetch(`${base}/procedures/dang-ky-thuong-tru.json`)).json();
    expect(document.id).toBe("vn.cu-tru.dang-ky-thuong-tru");
  });

  it("answers 404 for anything else, outside paths included, and 405 for writes", async () => {
    for (const path of ["/api/personas/nobody", "/api/personas/..%2Fpersonas%2Fle-thi-mai", "/procedures/nothing.json", "/procedures/..%2Fdata%2Fadministrative-units.json", "/compiled/nothing.js", "/dist/tokhai.js", "/portal/../package.json", "/examples/portal/portal.js", "/procedures/..%2f..%2fetc%2fpasswd.json", "/procedures/%2e%2e%2f%2e%2e%2fpackage.json", "/compiled/%2e%2e.js", "/compiled/..%2f..%2f..%2fpackage.js", "/dist/..%2fpackage.json", "/api/personas/administrative-units", "/api/personas/__proto__", "/%2e%2e/package.json", "/portal.js%00.html"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expectSecured(res.headers, path);
    }
    // A target a URL parser refuses as an address is still a path (404); one that is no path is refused (400); the server stays up.
    for (const target of ["//[", "//x:99999/", "*", "http://elsewhere.example/"]) {
      const res = parseRaw(await raw(port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      expect(res.status, target).toBe(target.startsWith("/") ? 404 : 400);
      expectSecured(res.headers, target);
    }
    for (const query of ["", "?procedure=", "?procedure=a&procedure=b"]) {
      const res = await fetch(`${base}/api/personas/le-thi-mai${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error).toBe("procedure-required");
      expectSecured(res.headers, query);
    }
    for (const query of ["?procedure=nothing", "?procedure=..%2Fprocedures%2Fdang-ky-thuong-tru", "?procedure=__proto__"]) {
      const res = await fetch(`${base}/api/personas/le-thi-mai${query}`);
      expect(res.status, query).toBe(404);
      expectSecured(res.headers, query);
      await res.body?.cancel();
    }
    const put = await fetch(`${base}/`, { method: "PUT", body: "x" });
    expect(put.status).toBe(405);
    expectSecured(put.headers, "405");
    // The static routes carry them too.
    for (const path of ["/", "/portal.js", "/portal.css", "/api/procedures", "/api/personas", "/api/personas/le-thi-mai?procedure=dang-ky-thuong-tru", "/procedures/dang-ky-thuong-tru.json"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expectSecured(res.headers, path);
      await res.body?.cancel();
    }
  });
});

describe("example portal: a persona's data, only what the chosen procedure reads (data minimisation)", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  beforeAll(async () => {
    server = await startServer();
    ({ base } = server);
  });
  afterAll(() => server.close());

  const personaData = async (persona: string, procedure: string) => {
    const res = await fetch(`${base}/api/personas/${persona}?procedure=${procedure}`);
    expect(res.status, `${persona} for ${procedure}`).toBe(200);
    expectSecured(res.headers, persona);
    return res.json() as Promise<Record<string, any>>;
  };

  it("hands over no path the procedure does not read", async () => {
    const mai = await personaData("le-thi-mai", "dang-ky-thuong-tru");
    const whole = await personaContexts()("le-thi-mai");
    // Permanent residence reads the citizen's identity, contact and temporary address, the household and the catalogue.
    expect(Object.keys(mai).sort()).toEqual(["catalog", "citizen", "household"]);
    expect(mai.citizen).toEqual({
      personalId: whole.citizen.personalId,
      fullName: whole.citizen.fullName,
      birthDate: whole.citizen.birthDate,
      sex: whole.citizen.sex,
      phone: whole.citizen.phone,
      email: whole.citizen.email,
      temporaryAddress: { provinceCode: whole.citizen.temporaryAddress.provinceCode, communeCode: whole.citizen.temporaryAddress.communeCode, detail: whole.citizen.temporaryAddress.detail },
    });
    for (const unread of ["religion", "ethnicity", "nationality", "permanentAddress", "maritalStatus", "father", "mother", "hometown"]) {
      expect(whole.citizen[unread], unread).toBeDefined();
      expect(mai.citizen[unread], unread).toBeUndefined();
    }
    // Read whole by the household prefill's filter: as it is.
    expect(mai.household).toEqual({ members: whole.household.members, headPersonalId: whole.household.headPersonalId });
    expect(mai.household.householdId).toBeUndefined();
    // Another procedure, another cut: the driving licence reads the licence database, not the household.
    const licence = await personaData("le-thi-mai", "cap-doi-giay-phep-lai-xe");
    expect(Object.keys(licence).sort()).toEqual(["catalog", "citizen", "drivingLicence"]);
    expect(licence.citizen.permanentAddress).toBeDefined();
    expect(licence.citizen.temporaryAddress).toEqual(whole.citizen.temporaryAddress); // read whole by `$exists(...)`
  });

  it("for every procedure and persona, answers what usedData keeps of the record, every path of it one the procedure's data use lists", async () => {
    const procedures = (await (await fetch(`${base}/api/procedures`)).json()) as { name: string }[];
    const personas = (await (await fetch(`${base}/api/personas`)).json()) as { name: string }[];
    expect(procedures.length * personas.length).toBeGreaterThan(1);
    for (const { name } of procedures) {
      const procedure = await loadProcedure(readJson(`examples/procedures/${name}.json`));
      const listed = new Map(dataUse(procedure).map((r) => [r.name, r.reads.map((d) => d.path)]));
      for (const { name: persona } of personas) {
        const data = await personaData(persona, name);
        expect(data).toEqual(JSON.parse(JSON.stringify(usedData(procedure, await personaContexts()(persona)))));
        // Each leaf handed over lies on or under a listed path.
        const stack: [unknown, string[]][] = Object.entries(data).map(([k, v]) => [v, [k]]);
        while (stack.length > 0) {
          const [value, [member, ...path]] = stack.pop()!;
          const reads = listed.get(member!) ?? [];
          if (reads.some((read) => read.length <= path.length && read.every((n, i) => path[i] === n))) continue;
          expect(value !== null && typeof value === "object", `${persona} for ${name}: ${[member, ...path].join(".")} is handed over`).toBe(true);
          for (const [k, v] of Object.entries(value as object)) stack.push([v, Array.isArray(value) ? [member!, ...path] : [member!, ...path, k]]);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Lookups in registers
// ---------------------------------------------------------------------------------------------------

const MAI = "048198004521";
const HUY = "040095006137";
const AN = "001090012345";

/** Phạm Quốc Huy's marriage registration with Lê Thị Mai, made by the core as the portal's form makes it. */
async function marriageSubmission(): Promise<SubmissionEnvelope> {
  const procedure = await loadProcedure(readJson("examples/procedures/dang-ky-ket-hon.json"), { budget: TEST_BUDGET });
  const form = createForm(procedure, { context: personaContext("pham-quoc-huy"), now: () => new Date("2026-11-22T08:00:00.000Z"), ...lookupsFor("pham-quoc-huy") });
  await form.settled();
  await fillAnswers(form, answersOf("dang-ky-ket-hon").personas["pham-quoc-huy"]!.answers!);
  const result = await form.submission();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return JSON.parse(JSON.stringify(result.envelope)) as SubmissionEnvelope;
}

/** Registers whose every lookup fails, as a register that cannot be reached. */
function failingRegisters() {
  const registers = createRegisters(registerData() as never);
  return {
    ...registers,
    lookup: async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.7:443 (register password=hunter2)");
    },
  };
}

describe("example back end: GET /api/lookups/<name>", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  beforeAll(async () => {
    server = await startServer();
    ({ base } = server);
  });
  afterAll(() => server.close());

  /** The lookup `name` of `input` (sent as JSON, unless a string of query is given) for `persona`. */
  const lookup = (name: string, input: unknown, persona = "pham-quoc-huy") =>
    fetch(`${base}/api/lookups/${name}?persona=${persona}&input=${encodeURIComponent(typeof input === "string" && input.startsWith("raw:") ? input.slice(4) : JSON.stringify(input))}`);
  const recordOf = async (res: Response) => {
    expect(res.status).toBe(200);
    return (await res.json()).record;
  };

  it("finds the other party's population record for a citizen she agreed to share it with", async () => {
    const res = await lookup("otherParty", MAI);
    expect(res.status).toBe(200);
    expectSecured(res.headers, "lookup 200");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const person = (registerData().population.persons as Json[]).find((p) => p.personalId === MAI);
    expect(await res.json()).toEqual({ record: { ...person, consentedAt: "2026-11-20T09:15:00+07:00" } });
    expect(await recordOf(await lookup("otherParty", HUY, "le-thi-mai"))).toMatchObject({ fullName: "Phạm Quốc Huy", consentedAt: "2026-11-20T09:20:00+07:00" });
  });

  it("answers null for an id no one has, and the same for a person who did not consent to share with this citizen", async () => {
    expect(await recordOf(await lookup("otherParty", "001197013482"))).toBeNull();
    // Nguyễn Văn An is on record, and shared nothing with Phạm Quốc Huy.
    expect(await recordOf(await lookup("otherParty", AN))).toBeNull();
    // Lê Thị Mai shared hers with Phạm Quốc Huy, not with Nguyễn Văn An, nor with herself.
    expect(await recordOf(await lookup("otherParty", MAI, "nguyen-van-an"))).toBeNull();
    expect(await recordOf(await lookup("otherParty", MAI, "le-thi-mai"))).toBeNull();
  });

  it("finds a business name taken in the commune, as people write it, and null for a free one", async () => {
    const taken = await recordOf(await lookup("businessName", { properName: "trà sữa  HÒA bình", communeCode: "26824" }, "le-thi-mai"));
    expect(taken).toEqual({ name: "Hộ kinh doanh Trà sữa Hoà Bình", registrationNumber: "41D8012345", provinceCode: "79", communeCode: "26824", registeredOn: "2023-06-05" });
    expect(await recordOf(await lookup("businessName", { properName: "Tiệm bánh Hoa Mai", communeCode: "26824" }, "le-thi-mai"))).toBeNull();
    expect(await recordOf(await lookup("businessName", { properName: "Tiệm bánh Hoa Mai", communeCode: "20242" }, "le-thi-mai"))).toMatchObject({ name: "Hộ kinh doanh Tiệm bánh Hoa Mai" });
  });

  it("answers 400 for an unknown lookup and an input missing, repeated, too long, not JSON or not what the lookup takes", async () => {
    const cases: [string, string][] = [
      ["unknown lookup", `/api/lookups/registry?persona=pham-quoc-huy&input=${encodeURIComponent(JSON.stringify(MAI))}`],
      ["__proto__", `/api/lookups/__proto__?persona=pham-quoc-huy&input=${encodeURIComponent(JSON.stringify(MAI))}`],
      ["constructor", `/api/lookups/constructor?persona=pham-quoc-huy&input=${encodeURIComponent(JSON.stringify(MAI))}`],
      ["encoded name", `/api/lookups/other%50arty?persona=pham-quoc-huy&input=${encodeURIComponent(JSON.stringify(MAI))}`],
      ["no input", "/api/lookups/otherParty?persona=pham-quoc-huy"],
      ["empty input", "/api/lookups/otherParty?persona=pham-quoc-huy&input="],
      ["two inputs", `/api/lookups/otherParty?persona=pham-quoc-huy&input=%22${MAI}%22&input=%22${AN}%22`],
      ["too long", `/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(JSON.stringify({ properName: "x".repeat(980), communeCode: "26824" }))}`],
      ["not JSON", `/api/lookups/otherParty?persona=pham-quoc-huy&input=${MAI}`],
      ["a number", "/api/lookups/otherParty?persona=pham-quoc-huy&input=481980045210"],
      ["11 digits", `/api/lookups/otherParty?persona=pham-quoc-huy&input=%2204819800452%22`],
      ["an object", `/api/lookups/otherParty?persona=pham-quoc-huy&input=${encodeURIComponent(JSON.stringify({ personalId: MAI }))}`],
      ["a name only", `/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(JSON.stringify({ properName: "Phở" }))}`],
      ["an extra member", `/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(JSON.stringify({ properName: "Phở", communeCode: "26824", x: 1 }))}`],
      ["a name of 151", `/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(JSON.stringify({ properName: "x".repeat(151), communeCode: "26824" }))}`],
      ["a blank name", `/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(JSON.stringify({ properName: "  ", communeCode: "26824" }))}`],
      ["a bad commune", `/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(JSON.stringify({ properName: "Phở", communeCode: "268" }))}`],
    ];
    for (const [what, path] of cases) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, what).toBe(400);
      expectSecured(res.headers, what);
      expect((await res.json()).error, what).toMatch(/^(unknown-lookup|bad-input)$/);
    }
    // The longest input taken is 1,000 characters.
    const longest = JSON.stringify({ properName: "x".repeat(100), communeCode: "26824" }).padEnd(1000, " ");
    expect((await fetch(`${base}/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(longest)}`)).status).toBe(200);
    expect((await fetch(`${base}/api/lookups/businessName?persona=le-thi-mai&input=${encodeURIComponent(`${longest} `)}`)).status).toBe(400);
  });

  it("answers 401 without a signed-in citizen, 405 to a write, and HEAD without a body", async () => {
    for (const query of ["", "?persona=", "?persona=nobody", "?persona=le-thi-mai&persona=pham-quoc-huy", "?persona=__proto__"]) {
      const res = await fetch(`${base}/api/lookups/otherParty${query}${query ? "&" : "?"}input=%22${MAI}%22`);
      expect(res.status, query).toBe(401);
      expectSecured(res.headers, query);
      await res.body?.cancel();
    }
    const post = await fetch(`${base}/api/lookups/otherParty?persona=pham-quoc-huy&input=%22${MAI}%22`, { method: "POST" });
    expect(post.status).toBe(405);
    const head = await fetch(`${base}/api/lookups/otherParty?persona=pham-quoc-huy&input=%22${MAI}%22`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("example back end: a register that fails", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ registers: failingRegisters() });
  });
  afterAll(() => server.close());

  it("answers a lookup 503 with Retry-After and no internals, and logs the failure", async () => {
    const res = await fetch(`${server.base}/api/lookups/otherParty?persona=pham-quoc-huy&input=%22${MAI}%22`);
    expect(res.status).toBe(503);
    expectSecured(res.headers, "lookup 503");
    expect(res.headers.get("retry-after")).toBe("5");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "register-unavailable", message: "the register could not be reached; try again" });
    expect(text).not.toMatch(/hunter2|ECONNREFUSED/);
    expect(server.log).toContainEqual(expect.stringMatching(/^GET \/api\/lookups\/otherParty: the register failed: Error: connect ECONNREFUSED/));
  });

  it("refuses a submission it cannot verify with 503 and the errors, stores nothing, and still takes one without lookups", async () => {
    const before = await stored();
    const res = await fetch(`${server.base}/submissions?persona=pham-quoc-huy`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(await marriageSubmission()) });
    expect(res.status).toBe(503);
    expectSecured(res.headers, "submission 503");
    expect(res.headers.get("retry-after")).toBe("30");
    const body = await res.json();
    expect(body.error).toBe("register-unavailable");
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: "/party2/personalId", keyword: "cannot-verify" }));
    expect(await stored()).toBe(before);
    expect(server.log).toContainEqual(expect.stringMatching(/^POST \/submissions: a lookup could not be verified, answered 503: \/lookups\/otherParty\/input: connect ECONNREFUSED/));
    // A procedure without lookups does not need the registers.
    const residence = await fetch(`${server.base}/submissions?persona=nguyen-van-an`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(await envelopeFor("nguyen-van-an")) });
    expect(residence.status).toBe(201);
  });
});

describe("example back end: POST /submissions of a procedure with lookups", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  const post = (body: unknown, persona: string) =>
    fetch(`${server.base}/submissions?persona=${persona}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("accepts the other party the register finds for the signed-in citizen, and refuses a forged one with 422", async () => {
    const envelope = await marriageSubmission();
    expect(envelope.provenance["/party2/fullName"]).toEqual({ source: "otherParty", path: "fullName", locked: true, edited: false, input: MAI });
    expect((await post(envelope, "pham-quoc-huy")).status).toBe(201);
    // Her name changed on the way.
    // Each changed copy is another declaration, under an id of its own (under the same id: 409).
    const renamed: Json = { ...structuredClone(envelope), id: crypto.randomUUID() };
    renamed.data.party2.fullName = "Lê Thị Hoa";
    const refused = await post(renamed, "pham-quoc-huy");
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ pointer: "/party2/fullName", keyword: "x-lock" })]);
    // Another person put in her place: Nguyễn Văn An's id, who shared nothing with Phạm Quốc Huy.
    const swapped: Json = { ...structuredClone(envelope), id: crypto.randomUUID() };
    swapped.data.party2.personalId = AN;
    for (const claim of Object.values<Json>(swapped.provenance)) if (claim.source === "otherParty") claim.input = AN;
    const other = await post(swapped, "pham-quoc-huy");
    expect(other.status).toBe(422);
    expect((await other.json()).errors).toContainEqual(expect.objectContaining({ pointer: "/party2/personalId", keyword: "x-rules" }));
  });

  it("looks the other party up for the citizen signed in: the same envelope sent by someone she did not consent to is refused", async () => {
    const res = await post(await marriageSubmission(), "le-thi-mai");
    expect(res.status).toBe(422);
    const { errors } = await res.json();
    expect(errors).toContainEqual(expect.objectContaining({ pointer: "/party1/fullName", keyword: "x-lock" }));
    expect(errors).toContainEqual(expect.objectContaining({ pointer: "/party2/fullName", keyword: "x-lock" }));
  });
});
