// The example back end over HTTP: an envelope made by the core is accepted (201, stored); a tampered
// one is refused with its errors (422); malformed requests get the right status, never a crash.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { residenceSubmission } from "./residence-submission.js";
// @ts-expect-error: a plain ES module of the examples, without types
import { CONTENT_SECURITY_POLICY, createExampleServer, personaContexts } from "../../examples/server/server.mjs";

const envelopeFor = (persona: string) => residenceSubmission(persona);

describe("example back end: POST /submissions", () => {
  let server: import("node:http").Server;
  let base: string;
  const store = mkdtempSync(join(tmpdir(), "tokhai-submissions-"));
  beforeAll(async () => {
    const personas = personaContexts();
    // "someone-else": another citizen signed in, whose verified name and id differ.
    const context = async (name: string) => {
      if (name !== "someone-else") return personas(name);
      const an = await personas("nguyen-van-an");
      return { ...an, citizen: { ...an.citizen, fullName: "Lê Thị Mai", personalId: "048197001234" } };
    };
    server = createExampleServer({ store, context });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(store, { recursive: true, force: true });
  });

  const post = (body: unknown, persona = "nguyen-van-an", headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${base}/submissions?persona=${persona}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("accepts a valid envelope with 201 and stores it", async () => {
    const envelope = await envelopeFor("nguyen-van-an");
    const res = await post(envelope);
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt).toMatchObject({ procedure: envelope.procedure, persona: "nguyen-van-an", id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(res.headers.get("location")).toBe(`/submissions/${receipt.id}`);
    expect(readdirSync(store)).toContain(`${receipt.id}.json`);
    const stored = JSON.parse(readFileSync(join(store, `${receipt.id}.json`), "utf8"));
    expect(stored.envelope).toEqual(envelope);
  });

  it("refuses a tampered envelope with 422 and the errors, and stores nothing", async () => {
    const before = readdirSync(store).length;
    const envelope = await envelopeFor("nguyen-van-an");
    const data = envelope.data as { applicant: Record<string, unknown> };
    data.applicant["fullName"] = "Người Khác";
    const res = await post(envelope);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([expect.objectContaining({ pointer: "/applicant/fullName", keyword: "x-lock" })]);
    expect(readdirSync(store)).toHaveLength(before);
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
    expect((await post({ procedure: { id: "vn.unknown", version: "1.0.0" }, data: {} })).status).toBe(422);
    expect((await post("x".repeat(1024 * 1024 + 1))).status).toBe(413);
  });
});

describe("example portal: the pages and data the server hands the browser", () => {
  let server: import("node:http").Server;
  let base: string;
  beforeAll(async () => {
    server = createExampleServer({ store: mkdtempSync(join(tmpdir(), "tokhai-portal-")) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    const mai = await (await fetch(`${base}/api/personas/le-thi-mai`)).json();
    expect(mai.citizen.personalId).toBe("048198004521");
    expect(mai.catalog.provinces).toHaveLength(34);
    const document = await (await fetch(`${base}/procedures/dang-ky-thuong-tru.json`)).json();
    expect(document.id).toBe("vn.cu-tru.dang-ky-thuong-tru");
  });

  it("answers 404 for anything else, outside paths included, and 405 for writes", async () => {
    for (const path of ["/api/personas/nobody", "/api/personas/..%2Fpersonas%2Fle-thi-mai", "/procedures/nothing.json", "/procedures/..%2Fdata%2Fadministrative-units.json", "/validators/nothing.js", "/dist/tokhai.js", "/portal/../package.json", "/examples/portal/portal.js"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-security-policy"), path).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await fetch(`${base}/`, { method: "PUT", body: "x" })).status).toBe(405);
  });
});
