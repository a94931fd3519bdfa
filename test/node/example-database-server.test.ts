// The example back end over HTTP on each database it runs on: an embedded PGlite and a real PostgreSQL
// server this file starts (test/node/postgres.ts). The receipt; the same envelope again (200, the
// original receipt); another envelope under a used id (409); five identical POSTs at once (one 201, one
// row); a signature verified with the citizen's public key end to end (a byte changed after signing, a
// signature by someone else or a required one missing: 422); a stored submission and its declaration
// for the citizen who sent it only; and a server killed in the middle of requests, started again on the
// same database: every submission it answered is there, whole, and none is there in part.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeDigest, loadProcedure, type SubmissionEnvelope } from "@tokhai/core";
import { openStore, type Receipt, type Store } from "../../examples/server/db/store.mjs";
// @ts-expect-error: a plain ES module of the examples, without types
import { createExampleServer, procedureCatalog } from "../../examples/server/server.mjs";
import { residenceSubmission, RESIDENCE } from "./residence-submission.js";
import { PERSONA_NAMES, readJson, TEST_BUDGET } from "./examples.js";
import { privateKeyOf, signedBy } from "./signing.js";
import { personaPublicKeys, signatureVerifier } from "../../examples/server/signatures.mjs";
import { startPostgres, type PostgresServer } from "./postgres.js";

const RECEIVED = "2026-11-22T09:30:00.000Z";
const root = new URL("../../", import.meta.url);

let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});

/** Where a new, empty database is: a PGlite in memory, or a new database of the PostgreSQL server. */
const backends: Array<[string, (name: string) => Promise<{ url?: string }>]> = [
  ["PGlite", async () => ({})],
  ["PostgreSQL", async (name) => ({ url: await postgres.createDatabase(name) })],
];

/** A server on `store` at a free port, its clock set by `clock.now`. */
async function serve(store: Store, options: Record<string, unknown> = {}) {
  const clock = { now: RECEIVED };
  const server: Server = createExampleServer({ store, now: () => new Date(clock.now), log: () => {}, ...options });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    clock,
    post: (body: unknown, persona = "nguyen-van-an") =>
      fetch(`${base}/submissions?persona=${persona}`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The residence procedure as one that requires a signature (the same document, `"signature": "required"`). */
async function requiringSignature() {
  const procedure = await loadProcedure({ ...readJson(RESIDENCE), signature: "required" }, { budget: TEST_BUDGET });
  return async (id: string) => (id === procedure.document.id ? procedure : undefined);
}

const rowsOf = async (store: Store, id: string) => (await store.database.query("SELECT count(*)::int AS n FROM submissions WHERE id = $1", [id]))[0]!.n as number;

describe.each(backends)("the example back end on %s", (kind, fresh) => {
  let store: Store;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    store = await openStore(await fresh(`http_${kind.toLowerCase()}`));
    server = await serve(store);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it("answers 201 with the receipt { id, receivedAt, digest, procedure } and the location of what it stored", async () => {
    const envelope = await residenceSubmission("nguyen-van-an");
    const res = await server.post(envelope);
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt).toEqual({ id: envelope.id, receivedAt: RECEIVED, digest: await envelopeDigest(envelope), procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" } });
    expect(receipt.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(res.headers.get("location")).toBe(`/submissions/${envelope.id}`);
    const stored = await fetch(`${server.base}${res.headers.get("location")}?persona=nguyen-van-an`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ receipt, envelope });
  });

  it("answers the same envelope again with 200 and the original receipt, its time unchanged, and stores it once", async () => {
    const envelope = await residenceSubmission("le-thi-mai");
    const first = await (await server.post(envelope, "le-thi-mai")).json();
    server.clock.now = "2026-11-22T10:45:00.000Z";
    try {
      const again = await server.post(envelope, "le-thi-mai");
      expect(again.status).toBe(200);
      expect(again.headers.get("location")).toBe(`/submissions/${envelope.id}`);
      expect(await again.json()).toEqual(first);
      expect(first.receivedAt).toBe(RECEIVED);
      // Its members in another order, and blanks between them: the same envelope (the digest is of its canonical JSON).
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(envelope).reverse()), null, 2);
      const same = await server.post(reordered, "le-thi-mai");
      expect(same.status).toBe(200);
      expect(await same.json()).toEqual(first);
      // Made again for a retry: a new submittedAt (so another digest), signed anew; the same answers: the first receipt.
      const remade = await signedBy({ ...envelope, submittedAt: "2026-11-22T10:44:00.000Z" }, "le-thi-mai");
      expect(remade.signature!.digest).not.toBe(first.digest);
      const retried = await server.post(remade, "le-thi-mai");
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual(first);
      expect((await store.get(envelope.id))!.envelope).toEqual(envelope);
    } finally {
      server.clock.now = RECEIVED;
    }
    expect(await rowsOf(store, envelope.id)).toBe(1);
  });

  it("answers another envelope under a used id with 409, and so the same one from another citizen; keeps the first", async () => {
    const envelope = await residenceSubmission("nguyen-van-an");
    const receipt = await (await server.post(envelope)).json();
    const changed = structuredClone(envelope) as SubmissionEnvelope & { data: { newAddress: { detail: string } } };
    changed.data.newAddress.detail = "14 Lê Lợi";
    const res = await server.post(changed);
    expect(res.status).toBe(409);
    // Changed and made again (another submittedAt too): still another declaration.
    expect((await server.post({ ...changed, submittedAt: "2026-11-22T10:44:00.000Z" })).status).toBe(409);
    expect(await res.json()).toEqual({
      error: "conflict",
      message: `another submission was already received under the id ${envelope.id}; nothing was stored`,
      errors: [{ pointer: "/id", keyword: "envelope", message: `Mã hồ sơ “${envelope.id}” đã được dùng cho một hồ sơ khác; hồ sơ này không được lưu. Hồ sơ mới cần một mã mới` }],
    });
    const english = await server.post({ ...changed, locale: "en" });
    expect(english.status).toBe(409);
    expect((await english.json()).errors[0].message).toBe(`The envelope id "${envelope.id}" is already used by another submission; this one was not stored. A new declaration needs a new id`);
    // Another citizen sending it is not shown its receipt, nor told that the id is used: the envelope is
    // checked as theirs first (and is not: 422), as is anything sent under an id someone else used.
    const other = await server.post(envelope, "le-thi-mai");
    expect(other.status).toBe(422);
    expect(JSON.stringify(await other.json())).not.toContain(receipt.digest);
    const junk = { ...envelope, data: {}, provenance: {} };
    const unused = { ...junk, id: crypto.randomUUID() };
    expect([(await server.post(junk, "le-thi-mai")).status, (await server.post(unused, "le-thi-mai")).status]).toEqual([422, 422]);
    const kept = await fetch(`${server.base}/submissions/${envelope.id}?persona=nguyen-van-an`);
    expect(await kept.json()).toEqual({ receipt, envelope });
  });

  it("stores one submission for five identical POSTs at once: one 201, four 200 with the same receipt", async () => {
    const envelope = await residenceSubmission("pham-quoc-huy");
    const answers = await Promise.all(Array.from({ length: 5 }, () => server.post(envelope, "pham-quoc-huy")));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const receipts = await Promise.all(answers.map((res) => res.json()));
    for (const receipt of receipts) expect(receipt).toEqual(receipts[0]);
    expect(receipts[0]).toMatchObject({ id: envelope.id, receivedAt: RECEIVED });
    expect(await rowsOf(store, envelope.id)).toBe(1);
  });

  it("verifies a signature with the signed-in citizen's public key: accepted; changed after signing, signed by another or unsigned where required: 422", async () => {
    const required = await serve(store, { procedure: await requiringSignature() });
    try {
      const signed = await signedBy(await residenceSubmission("nguyen-van-an"), "nguyen-van-an");
      const accepted = await required.post(signed);
      expect(accepted.status).toBe(201);
      const receipt: Receipt = await accepted.json();
      expect(receipt.digest).toBe(signed.signature!.digest);
      // Stored with its signature, which a later reader can verify again.
      expect((await store.get(signed.id))!.envelope.signature).toEqual(signed.signature);

      // One byte of the data changed after signing, the signature kept (a new id: not a repeat).
      const tampered = await signedBy(await residenceSubmission("nguyen-van-an"), "nguyen-van-an");
      const text = JSON.stringify(tampered).replace("12 Lê Lợi", "12 Lê Lới");
      expect(text).not.toBe(JSON.stringify(tampered));
      const changed = await required.post(text);
      expect(changed.status).toBe(422);
      expect((await changed.json()).errors).toEqual([expect.objectContaining({ pointer: "/signature", keyword: "signature" })]);
      // The same with the signature's digest brought up to date: the signature does not match it.
      const redigested = JSON.parse(text) as SubmissionEnvelope;
      const { signature, ...unsigned } = redigested;
      const forged = await required.post({ ...redigested, signature: { ...signature!, digest: await envelopeDigest(unsigned) } });
      expect(forged.status).toBe(422);
      expect((await forged.json()).errors).toEqual([expect.objectContaining({ pointer: "/signature", keyword: "signature" })]);

      // Signed by Lê Thị Mai's key, sent by Nguyễn Văn An.
      const byAnother = await required.post(await signedBy(await residenceSubmission("nguyen-van-an"), "le-thi-mai"));
      expect(byAnother.status).toBe(422);
      expect((await byAnother.json()).errors).toEqual([expect.objectContaining({ pointer: "/signature", keyword: "signature" })]);

      // Valid, but naming another signer than the citizen signed in, or signed at a time that cannot be:
      // neither is covered by the signature, and the declaration would print them.
      const fresh = await signedBy(await residenceSubmission("nguyen-van-an"), "nguyen-van-an");
      const impostor = await required.post({ ...fresh, signature: { ...fresh.signature!, signer: "Trần Thị Giả Mạo" } });
      expect(impostor.status).toBe(422);
      expect((await impostor.json()).errors).toEqual([
        { pointer: "/signature/signer", keyword: "signature", message: "Người ký ghi trong chữ ký phải là công dân đã đăng nhập (Nguyễn Văn An) hoặc để trống" },
      ]);
      for (const signedAt of ["2019-01-01T03:00:00.000Z", "2026-11-22T10:00:00.000Z"]) {
        const backdated = await required.post({ ...fresh, signature: { ...fresh.signature!, signedAt } });
        expect(backdated.status, signedAt).toBe(422);
        expect((await backdated.json()).errors).toEqual([expect.objectContaining({ pointer: "/signature/signedAt", keyword: "signature" })]);
      }
      const { signer: _, ...anonymous } = fresh.signature!;
      expect((await required.post({ ...fresh, signature: anonymous })).status).toBe(201);
      // Not signed, where the procedure requires it.
      const unsignedEnvelope = await residenceSubmission("nguyen-van-an");
      const missing = await required.post(unsignedEnvelope);
      expect(missing.status).toBe(422);
      expect((await missing.json()).errors).toEqual([expect.objectContaining({ pointer: "/signature", keyword: "signature" })]);
      for (const id of [tampered.id, unsignedEnvelope.id]) expect(await store.get(id)).toBeUndefined();

      // Where the signature is optional (the example residence procedure), unsigned is accepted, and a bad one is not.
      expect((await server.post(await residenceSubmission("nguyen-van-an"))).status).toBe(201);
      expect((await server.post(text)).status).toBe(422);
    } finally {
      await required.close();
    }
  });

  it("shows a stored submission to the citizen who sent it only: 404 for anyone else, an unknown id or no UUID, 401 for no one", async () => {
    const envelope = await residenceSubmission("le-thi-mai");
    expect((await server.post(envelope, "le-thi-mai")).status).toBe(201);
    const path = `${server.base}/submissions/${envelope.id}`;
    expect((await fetch(`${path}?persona=le-thi-mai`)).status).toBe(200);
    const answers = {
      other: await fetch(`${path}?persona=nguyen-van-an`),
      unknown: await fetch(`${server.base}/submissions/3b241101-e2bb-4255-8caf-4136c566a962?persona=le-thi-mai`),
      notUuid: await fetch(`${server.base}/submissions/${envelope.id.toUpperCase()}?persona=le-thi-mai`),
      quote: await fetch(`${server.base}/submissions/'%20OR%201=1?persona=le-thi-mai`),
    };
    const bodies: Record<string, unknown> = {};
    for (const [what, res] of Object.entries(answers)) {
      expect(res.status, what).toBe(404);
      bodies[what] = await res.json();
    }
    // The other citizen's 404 reads as one for an id never used.
    expect(bodies["other"]).toEqual({ error: "not-found", message: `no submission "${envelope.id}" of this citizen` });
    expect(bodies["unknown"]).toEqual({ error: "not-found", message: 'no submission "3b241101-e2bb-4255-8caf-4136c566a962" of this citizen' });
    expect((await fetch(path)).status).toBe(401);
    expect((await fetch(`${path}?persona=nobody`)).status).toBe(401);
    expect((await fetch(path, { method: "DELETE" })).status).toBe(405);
  });

  it("gives the citizen who sent it the declaration with its receipt, as HTML (its own policy) and as PDF; nobody else", async () => {
    const envelope = await residenceSubmission("nguyen-van-an");
    const receipt: Receipt = await (await server.post(envelope)).json();
    const path = `${server.base}/submissions/${envelope.id}/declaration`;

    const html = await fetch(`${path}.html?persona=nguyen-van-an`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-disposition")).toBe(`inline; filename="to-khai-dang-ky-thuong-tru-${envelope.id}.html"`);
    const text = await html.text();
    expect(text).toMatch(/^<!doctype html>/);
    for (const shown of ["Đăng ký thường trú", "Nguyễn Văn An", receipt.id, receipt.digest]) expect(text).toContain(shown);
    // The page's policy: its own style sheet by hash, no script, nothing loaded; framed by the portal only.
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)![1]!;
    const hash = createHash("sha256").update(style, "utf8").digest("base64");
    expect(html.headers.get("content-security-policy")).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`);
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    // In English when asked.
    const english = await (await fetch(`${path}.html?persona=nguyen-van-an&lang=en`)).text();
    expect(english).toContain("Permanent residence registration");

    const pdf = await fetch(`${path}.pdf?persona=nguyen-van-an`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="to-khai-dang-ky-thuong-tru-${envelope.id}.pdf"`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const extracted = execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes }).toString("utf8");
    expect(extracted).toContain("Nguyễn Văn An");
    expect(extracted.replace(/\s+/g, "")).toContain(receipt.id);

    for (const format of ["html", "pdf"]) {
      const other = await fetch(`${path}.${format}?persona=le-thi-mai`);
      expect(other.status, format).toBe(404);
      expect(await other.json()).toEqual({ error: "not-found", message: `no submission "${envelope.id}" of this citizen` });
      expect((await fetch(`${path}.${format}`)).status, format).toBe(401);
    }
    for (const lang of ["fr", "vi&lang=en", "<script>"]) {
      const res = await fetch(`${path}.html?persona=nguyen-van-an&lang=${lang}`);
      expect(res.status, lang).toBe(400);
      expect((await res.json()).error).toBe("bad-lang");
    }
  });
});

describe("the declaration's PDF on a server without Chromium", () => {
  it("answers 503 with the reason and where the HTML is; the HTML still works", async () => {
    const store = await openStore();
    const server = await serve(store, { chromium: "/nonexistent/chromium" });
    try {
      const envelope = await residenceSubmission("le-thi-mai");
      expect((await server.post(envelope, "le-thi-mai")).status).toBe(201);
      const res = await fetch(`${server.base}/submissions/${envelope.id}/declaration.pdf?persona=le-thi-mai`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: "pdf-unavailable",
        message: "this server cannot make PDFs: no Chromium at /nonexistent/chromium: install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable. The declaration is at declaration.html, to read or print",
      });
      expect((await fetch(`${server.base}/submissions/${envelope.id}/declaration.html?persona=le-thi-mai`)).status).toBe(200);
      expect((await fetch(`${server.base}/submissions/${envelope.id}/declaration.pdf?persona=le-thi-mai`, { method: "HEAD" })).status).toBe(503);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it("answers HEAD without printing", async () => {
    const store = await openStore();
    const logged: string[] = [];
    // A "Chromium" that fails: a GET tries to print and says so; a HEAD does not print.
    const server = await serve(store, { chromium: "/bin/false", log: (line: string) => logged.push(line) });
    try {
      const envelope = await residenceSubmission("le-thi-mai");
      expect((await server.post(envelope, "le-thi-mai")).status).toBe(201);
      const url = `${server.base}/submissions/${envelope.id}/declaration.pdf?persona=le-thi-mai`;
      const head = await fetch(url, { method: "HEAD" });
      expect([head.status, head.headers.get("content-type")]).toEqual([200, "application/pdf"]);
      expect(logged).toEqual([]);
      expect((await fetch(url)).status).toBe(503);
      expect(logged).toEqual([expect.stringContaining("the PDF could not be printed")]);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// A server killed in the middle of requests
// ---------------------------------------------------------------------------------------------------

/** A server in a process of its own on the database `where` (DATABASE_URL, or a PGlite directory), as `npm start` opens it. */
function startChild(where: { url?: string; dir?: string }): Promise<{ child: ChildProcess; base: string }> {
  const script = `
    import { createExampleServer, listen, openExampleStore } from ${JSON.stringify(new URL("examples/server/server.mjs", root).href)};
    const store = await openExampleStore(process.env.TEST_DATA_DIR ? { dir: process.env.TEST_DATA_DIR } : {});
    const server = createExampleServer({ store, log: () => {} });
    console.log("listening " + (await listen(server, 0)));`;
  const env = { ...process.env, DATABASE_URL: where.url ?? "", TEST_DATA_DIR: where.dir ?? "" };
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.stderr!.on("data", (chunk) => (err += chunk));
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening: ${err}`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe.each(backends)("a server on %s killed in the middle of requests, started again", (kind, fresh) => {
  let dir: string | undefined;
  let where: { url?: string; dir?: string };
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    const made = await fresh(`killed_${kind.toLowerCase()}`);
    if (made.url) where = made;
    else where = { dir: (dir = mkdtempSync(join(tmpdir(), "tokhai-pglite-"))) };
  });
  afterAll(async () => {
    await Promise.all(children.map(killed));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("has every submission it answered, whole, and none in part; the rest can be sent again", async () => {
    const personas = ["nguyen-van-an", "le-thi-mai", "pham-quoc-huy"];
    const envelopes = await Promise.all(Array.from({ length: 12 }, (_, i) => residenceSubmission(personas[i % 3]!).then((envelope) => ({ envelope, persona: personas[i % 3]! }))));
    const post = (base: string, { envelope, persona }: (typeof envelopes)[number]) =>
      fetch(`${base}/submissions?persona=${persona}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(envelope) });

    const first = await startChild(where);
    children.push(first.child);
    const answered = new Map<string, Receipt>();
    // Four answered before the stop…
    for (const item of envelopes.slice(0, 4)) {
      const res = await post(first.base, item);
      expect(res.status).toBe(201);
      answered.set(item.envelope.id, await res.json());
    }
    // …then eight at once, the server killed (SIGKILL: no clean-up) as soon as the first of them is answered.
    const pending = envelopes.slice(4).map(async (item) => {
      try {
        const res = await post(first.base, item);
        if (res.status === 201) answered.set(item.envelope.id, await res.json());
        else await res.body?.cancel();
      } catch {
        // Cut off by the kill: no answer.
      }
    });
    await Promise.race(pending);
    await killed(first.child);
    await Promise.all(pending);
    expect(answered.size).toBeGreaterThanOrEqual(5);

    const second = await startChild(where);
    children.push(second.child);
    for (const { envelope, persona } of envelopes) {
      const res = await fetch(`${second.base}/submissions/${envelope.id}?persona=${persona}`);
      const receipt = answered.get(envelope.id);
      if (receipt) expect(res.status, `${envelope.id} was answered 201`).toBe(200);
      else expect([200, 404], `${envelope.id}: stored whole or not at all`).toContain(res.status);
      if (res.status !== 200) {
        await res.body?.cancel();
        continue;
      }
      // Whole: the envelope as sent, the digest of that envelope, the receipt as answered.
      const stored = await res.json();
      expect(stored.envelope).toEqual(envelope);
      expect(stored.receipt.digest).toBe(await envelopeDigest(stored.envelope));
      if (receipt) expect(stored.receipt).toEqual(receipt);
    }
    // Sending them all again: those stored answer their receipt, the others are stored now.
    for (const item of envelopes) {
      const res = await post(second.base, item);
      expect([200, 201]).toContain(res.status);
      const receipt = await res.json();
      if (answered.has(item.envelope.id)) {
        expect(res.status).toBe(200);
        expect(receipt).toEqual(answered.get(item.envelope.id));
      }
    }
    await killed(second.child);
    const store = await openStore(where);
    try {
      expect(await store.database.query("SELECT count(*)::int AS n FROM submissions")).toEqual([{ n: 12 }]);
      expect(store.migrated).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("the personas' stand-in signing keys", () => {
  it("are labelled as stand-ins, a public and a private key of one pair per persona; the back end verifies with the public one only", async () => {
    const publicKeys = personaPublicKeys();
    const digest = `sha256:${"ab".repeat(32)}`;
    for (const persona of PERSONA_NAMES) {
      for (const kind of ["public", "private"]) {
        const file = JSON.parse(readFileSync(new URL(`examples/data/personas/keys/${persona}.${kind}.jwk.json`, root), "utf8"));
        expect(file).toMatchObject({ persona, kind, alg: "ES256", jwk: { kty: "EC", crv: "P-256" } });
        expect(file.warning).toMatch(/STAND-IN.*NEVER use this key/);
        expect("d" in file.jwk, `${persona} ${kind}`).toBe(kind === "private");
      }
      const bytes = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, await privateKeyOf(persona), new TextEncoder().encode(digest));
      const signature = { alg: "ES256", value: Buffer.from(bytes).toString("base64url"), digest, signedAt: RECEIVED };
      const verify = signatureVerifier(await publicKeys(persona));
      expect(await verify({ digest, signature }), persona).toBe(true);
      // What the verifier refuses: another digest, another algorithm, a value not 64 bytes of base64url (DER, padded, cut).
      expect(await verify({ digest: `sha256:${"cd".repeat(32)}`, signature: { ...signature, digest: `sha256:${"cd".repeat(32)}` } })).toBe(false);
      expect(await verify({ digest, signature: { ...signature, digest: `sha256:${"cd".repeat(32)}` } })).toBe(false);
      expect(await verify({ digest, signature: { ...signature, alg: "RS256" } })).toBe(false);
      expect(await verify({ digest, signature: { ...signature, value: Buffer.from(bytes).toString("base64") } })).toBe(false);
      expect(await verify({ digest, signature: { ...signature, value: `${signature.value}==` } })).toBe(false);
      expect(await verify({ digest, signature: { ...signature, value: signature.value.slice(0, 43) } })).toBe(false);
      expect(await signatureVerifier(undefined)({ digest, signature })).toBe(false);
    }
    expect(await publicKeys("nobody")).toBeUndefined();
    expect(await publicKeys("../keys/le-thi-mai.private")).toBeUndefined();
    // A private key where a public one should be is an error, never used.
    const dir = mkdtempSync(join(tmpdir(), "tokhai-keys-"));
    try {
      copyFileSync(new URL("examples/data/personas/keys/le-thi-mai.private.jwk.json", root), join(dir, "le-thi-mai.public.jwk.json"));
      await expect(personaPublicKeys(dir)("le-thi-mai")).rejects.toThrow("not the public ES256 (EC P-256) key of a persona");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the portal a persona's private key (the stand-in signing device), 404 for anyone else", async () => {
    const store = await openStore();
    const server = await serve(store);
    try {
      const res = await fetch(`${server.base}/api/personas/le-thi-mai/signing-key`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const jwk = await res.json();
      expect(jwk).toEqual(JSON.parse(readFileSync(new URL("examples/data/personas/keys/le-thi-mai.private.jwk.json", root), "utf8")).jwk);
      await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
      for (const path of ["/api/personas/nobody/signing-key", "/api/personas/administrative-units/signing-key", "/api/personas/..%2Fkeys%2Fle-thi-mai/signing-key", "/api/personas/LE-THI-MAI/signing-key"]) {
        const refused = await fetch(`${server.base}${path}`);
        expect(refused.status, path).toBe(404);
        await refused.body?.cancel();
      }
    } finally {
      await server.close();
      await store.close();
    }
  });
});

// The procedure catalogue the server uses: at least one example procedure requires a signature, one makes it optional.
describe("the example procedures' signature", () => {
  it("is required by one and optional for another", async () => {
    const listed = procedureCatalog().list() as { name: string }[];
    const modes = Object.fromEntries(listed.map(({ name }) => [name, readJson(`examples/procedures/${name}.json`).signature]));
    expect(Object.values(modes)).toContain("required");
    expect(Object.values(modes)).toContain("optional");
  });
});
