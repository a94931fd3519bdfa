// `tokhai studio`'s server over HTTP, on a copy of examples/ in a temporary folder: it answers only as
// 127.0.0.1/localhost at its port (DNS rebinding), takes writes only from its own page, serves only the
// .json files inside the folder (no `..`, no absolute path, no symlink leading out), bounds bodies,
// lists procedures and personas, checks posted text as `tokhai check` does (line:column and offset),
// and saves a procedure even with problems, saying which. The command prints its address and takes the
// next free port when the default one is taken.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProcedure } from "@tokhai/core";
import { createStudio, type Studio } from "../../packages/cli/dist/studio/server.js";
import { DEFAULT_STUDIO_PORT } from "../../packages/cli/dist/commands/studio.js";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;
let outside: string;
let studio: Studio;
let port: number;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with full control of its headers (fetch cannot set Host). */
function call(method: string, path: string, { body, headers = {} }: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const json = (a: Answer) => JSON.parse(a.body) as Record<string, any>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tokhai-studio-"));
  outside = mkdtempSync(join(tmpdir(), "tokhai-outside-"));
  cpSync(join(root, "examples/procedures"), join(dir, "procedures"), { recursive: true });
  cpSync(join(root, "examples/data"), join(dir, "data"), { recursive: true });
  writeFileSync(join(outside, "secret.json"), '{"secret": true}');
  symlinkSync(join(outside, "secret.json"), join(dir, "procedures/link-out.json"));
  symlinkSync(outside, join(dir, "linked-folder"));
  studio = await createStudio({ dir });
  port = await studio.listen(0);
});

afterAll(async () => {
  await new Promise((resolve) => studio?.server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("who the studio answers", () => {
  it("answers as 127.0.0.1 and localhost at its port, with its security headers", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const a = await call("GET", "/", { headers: { host } });
      expect(a.status).toBe(200);
      expect(a.body).toContain("<main");
      expect(a.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(a.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("refuses another Host (a rebound name), another port, and none", async () => {
    for (const host of ["evil.example", `evil.example:${port}`, `127.0.0.1:${port + 1}`, "127.0.0.1"]) {
      const a = await call("GET", "/api/files", { headers: { host } });
      expect(a.status, host).toBe(421);
      expect(json(a).error.code).toBe("wrong-host");
    }
  });

  it("refuses a write from another origin, and takes one from its own page", async () => {
    const path = "/api/file?path=procedures/dang-ky-thuong-tru.json";
    const before = readFileSync(join(dir, "procedures/dang-ky-thuong-tru.json"), "utf8");
    const a = await call("PUT", path, { body: "{}", headers: { origin: "http://evil.example" } });
    expect(a.status).toBe(403);
    expect(readFileSync(join(dir, "procedures/dang-ky-thuong-tru.json"), "utf8")).toBe(before);
    const b = await call("POST", "/api/check?path=procedures/x.json", { body: "{}", headers: { origin: `http://127.0.0.1:${port}` } });
    expect(b.status).toBe(200);
  });
});

describe("the files it serves", () => {
  it("lists the procedures, the context files (personas) and the other data, without following links", async () => {
    const list = json(await call("GET", "/api/files"));
    expect(list.procedures.map((p: { path: string }) => p.path)).toEqual([
      "procedures/cap-doi-giay-phep-lai-xe.json",
      "procedures/dang-ky-ho-kinh-doanh.json",
      "procedures/dang-ky-ket-hon.json",
      "procedures/dang-ky-khai-sinh.json",
      "procedures/dang-ky-thuong-tru.json",
    ]);
    expect(list.procedures[4].title).toBe("Đăng ký thường trú");
    expect(list.contexts).toEqual([
      { path: "data/personas/le-thi-mai.json", title: "Lê Thị Mai" },
      { path: "data/personas/nguyen-van-an.json", title: "Nguyễn Văn An" },
      { path: "data/personas/pham-quoc-huy.json", title: "Phạm Quốc Huy" },
    ]);
    expect(list.data.map((d: { path: string }) => d.path)).toContain("data/administrative-units.json");
    expect(JSON.stringify(list)).not.toContain("secret");
    expect(JSON.stringify(list)).not.toContain("link-out");
  });

  it("reads a file of the folder", async () => {
    const a = await call("GET", "/api/file?path=data/personas/le-thi-mai.json");
    expect(a.status).toBe(200);
    expect(JSON.parse(json(a).text).citizen.fullName).toBe("Lê Thị Mai");
  });

  it("refuses every path out of the folder: .., encoded .., absolute, a link out, a linked folder", async () => {
    const refused = [
      "../etc/passwd.json",
      "procedures/../../outside.json",
      encodeURIComponent("../package.json"),
      "%2e%2e%2fpackage.json",
      encodeURIComponent(join(outside, "secret.json")),
      "procedures/link-out.json",
      "linked-folder/secret.json",
    ];
    for (const path of refused) {
      for (const [method, body] of [["GET", undefined], ["PUT", '{"x":1}']] as const) {
        const a = await call(method, `/api/file?path=${path}`, { body });
        expect(a.status, `${method} ${path}`).toBe(403);
        expect(a.body).not.toContain("secret\":");
      }
    }
    expect(readFileSync(join(outside, "secret.json"), "utf8")).toBe('{"secret": true}');
  });

  it("serves only .json files, existing ones, named once", async () => {
    expect((await call("GET", "/api/file?path=procedures/none.json")).status).toBe(404);
    expect((await call("GET", "/api/file?path=procedures")).status).toBe(403);
    expect((await call("PUT", "/api/file?path=procedures/new.json", { body: "{}" })).status).toBe(404);
    expect((await call("GET", "/api/file")).status).toBe(400);
    expect((await call("GET", "/api/file?path=a.json&path=b.json")).status).toBe(400);
    expect((await call("DELETE", "/api/file?path=procedures/dang-ky-thuong-tru.json")).status).toBe(405);
    expect((await call("GET", "/nothing")).status).toBe(404);
  });
});

describe("bounds", () => {
  it("refuses a body over 2 MB by its Content-Length before reading it, and a chunked one as it arrives", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x20);
    const a = await call("POST", "/api/check?path=p.json", { body: big });
    expect(a.status).toBe(413);
    const b = await call("POST", "/api/check?path=p.json", { body: big, headers: { "transfer-encoding": "chunked" } });
    expect(b.status).toBe(413);
    const before = readFileSync(join(dir, "procedures/dang-ky-khai-sinh.json"), "utf8");
    expect((await call("PUT", "/api/file?path=procedures/dang-ky-khai-sinh.json", { body: big })).status).toBe(413);
    expect(readFileSync(join(dir, "procedures/dang-ky-khai-sinh.json"), "utf8")).toBe(before);
  });

  it("refuses text nested past 256 levels with a located problem, without parsing it", async () => {
    const deep = "[".repeat(500_000);
    const a = json(await call("POST", "/api/check?path=p.json", { body: deep }));
    expect(a.problems).toEqual([expect.objectContaining({ code: "json-depth", line: 1, column: 257, offset: 256 })]);
  });

  it("refuses a body that is not UTF-8", async () => {
    const a = await call("POST", "/api/check?path=p.json", { body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(a.status).toBe(400);
    expect(json(a).error.code).toBe("not-utf8");
  });
});

describe("checking and saving", () => {
  const file = "procedures/dang-ky-thuong-tru.json";
  const original = () => readFileSync(join(root, "examples", file), "utf8");

  it("checks posted text as tokhai check does: an unknown path at its line, column and offset in the expression", async () => {
    const text = original().replace('"$citizen.fullName"', '"$citizen.fulName"');
    const a = json(await call("POST", `/api/check?path=${file}`, { body: text }));
    expect(a.problems).toHaveLength(1);
    const p = a.problems[0];
    expect(p).toMatchObject({ severity: "error", code: "unknown-path", file, pointer: expect.stringMatching(/\/x-prefill$/) });
    const offset = text.indexOf('"$citizen.fulName"') + 1 + "$citizen.".length;
    expect(p.offset).toBe(offset);
    const lines = text.slice(0, offset).split("\n");
    expect([p.line, p.column]).toEqual([lines.length, lines.at(-1)!.length + 1]);
    expect(p.message).toContain("fulName");
  });

  it("reports broken JSON where it breaks, and lint warnings as warnings", async () => {
    const broken = json(await call("POST", `/api/check?path=${file}`, { body: '{\n  "id": "x",\n  "title": }' }));
    expect(broken.problems).toEqual([expect.objectContaining({ severity: "error", code: "json-syntax", line: 3, column: 12 })]);
    const doc = JSON.parse(original());
    doc.sources.unusedThing = { title: "Không dùng", schema: { type: "object" } };
    const warned = json(await call("POST", `/api/check?path=${file}`, { body: JSON.stringify(doc, null, 2) }));
    expect(warned.problems.map((p: { code: string; severity: string }) => [p.code, p.severity])).toContainEqual(["unused-source", "warning"]);
    expect(json(await call("POST", `/api/check?path=${file}`, { body: original() })).problems).toEqual([]);
  });

  it("saves a procedure with problems, saying which, and the file on disk holds the text", async () => {
    const text = original().replace('"$citizen.fullName"', '"$citizen.fulName"');
    const a = await call("PUT", `/api/file?path=${file}`, { body: text });
    expect(a.status).toBe(200);
    expect(json(a)).toMatchObject({ saved: true, problems: [expect.objectContaining({ code: "unknown-path" })] });
    expect(readFileSync(join(dir, file), "utf8")).toBe(text);
    const b = await call("PUT", `/api/file?path=${file}`, { body: original() });
    expect(json(b)).toMatchObject({ saved: true, problems: [] });
    expect(readFileSync(join(dir, file), "utf8")).toBe(original());
  });
});

describe("the declare-once report", () => {
  it("gives tokhai stats' figures, per step, for the persona and the data file given as a source", async () => {
    const file = "procedures/dang-ky-thuong-tru.json";
    const text = readFileSync(join(root, "examples", file), "utf8");
    const a = await call("POST", "/api/stats?context=data/personas/le-thi-mai.json&source=catalog:data/administrative-units.json", { body: text });
    expect(a.status).toBe(200);
    const cli = await tokhai("stats", `examples/${file}`, "--context", "examples/data/personas/le-thi-mai.json", "--context", "catalog=examples/data/administrative-units.json", "--format", "json");
    expect(cli.code).toBe(0);
    const expected = JSON.parse(cli.stdout);
    expect(json(a)).toEqual({ steps: expected.steps, total: expected.total });
    expect(json(a).total).toMatchObject({ typed: 3, typedPercent: 13.6 });
  });

  it("defaults the driving licence's $catalog to the catalogue of administrative units", async () => {
    const sources = JSON.parse(readFileSync(join(root, "examples/procedures/cap-doi-giay-phep-lai-xe.json"), "utf8")).sources;
    const a = await call("POST", "/api/source-defaults", { body: JSON.stringify(sources) });
    expect(json(a).defaults.catalog).toBe("data/administrative-units.json");
    expect(json(a).defaults.citizen).toBeUndefined(); // no data file is a citizen's record (the personas are contexts)
  });

  it("answers 422 for a procedure that does not load, and refuses a context or source out of the folder", async () => {
    expect((await call("POST", "/api/stats", { body: '{"id": 1}' })).status).toBe(422);
    expect((await call("POST", "/api/dependencies", { body: '{"id": 1}' })).status).toBe(422);
    expect((await call("POST", "/api/dependencies", { body: "{" })).status).toBe(422);
    expect((await call("POST", "/api/stats?context=../secret.json", { body: "{}" })).status).toBe(403);
    expect((await call("POST", `/api/stats?source=catalog:${encodeURIComponent(join(outside, "secret.json"))}`, { body: "{}" })).status).toBe(403);
    expect((await call("POST", "/api/stats?source=not%20a%20name:data/administrative-units.json", { body: "{}" })).status).toBe(400);
  });
});

describe("tokhai studio, the command", () => {
  let child: ChildProcess | undefined;
  let blocker: Server | undefined;
  afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  });

  it("takes the next free port when the default one is in use, and prints its address", async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => {
      blocker!.once("error", () => resolve()); // someone else has it: the studio must skip it all the same
      blocker!.listen(DEFAULT_STUDIO_PORT, "127.0.0.1", () => resolve());
    });
    child = spawn(process.execPath, [join(root, "packages/cli/bin/tokhai.js"), "studio", dir], { stdio: ["ignore", "pipe", "pipe"] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child!.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(out);
      });
      child!.on("exit", (code) => reject(new Error(`exited ${code}`)));
    });
    const match = /on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
    expect(match, line).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(DEFAULT_STUDIO_PORT);
    const res = await fetch(`http://127.0.0.1:${match![1]}/api/files`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    child = undefined;
  });

  it("says what is wrong with a missing folder or a bad port, exit 2", async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [join(root, "packages/cli/bin/tokhai.js"), "studio", ...args]);
        let stderr = "";
        c.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        c.on("exit", (code) => resolve({ code, stderr }));
      });
    const missing = await run(join(dir, "nope"));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("no such folder") });
    const badPort = await run(dir, "--port", "99999");
    expect(badPort).toMatchObject({ code: 2, stderr: expect.stringContaining("--port must be a port number") });
  });
});

describe("building blocks (test/fixtures/studio-blocks)", () => {
  const FIXTURE = join(root, "test/fixtures/studio-blocks");
  let blocksDir: string;
  let blocksStudio: Studio;
  let blocksPort: number;
  const post = async (path: string, body: string) => {
    const res = await fetch(`http://127.0.0.1:${blocksPort}${path}`, { method: "POST", body });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const fixture = (file: string) => readFileSync(join(FIXTURE, file), "utf8");

  beforeAll(async () => {
    blocksDir = mkdtempSync(join(tmpdir(), "tokhai-studio-blocks-"));
    cpSync(FIXTURE, blocksDir, { recursive: true });
    blocksStudio = await createStudio({ dir: blocksDir });
    blocksPort = await blocksStudio.listen(0);
  });
  afterAll(async () => {
    await new Promise((resolve) => blocksStudio?.server.close(resolve));
    rmSync(blocksDir, { recursive: true, force: true });
  });

  it("lists the blocks on their own, with their id and version", async () => {
    const list = (await (await fetch(`http://127.0.0.1:${blocksPort}/api/files`)).json()) as Record<string, any>;
    expect(list.procedures.map((p: { path: string }) => p.path)).toEqual(["procedures/a.json", "procedures/b.json"]);
    expect(list.blocks).toEqual([
      { path: "blocks/address.json", title: "address 1.0.0" },
      { path: "blocks/person.json", title: "person 1.0.0" },
    ]);
    expect(list.contexts).toEqual([{ path: "personas/an.json", title: "Nguyễn Văn An" }]);
  });

  it("checks a procedure with its blocks read from the folder, and answers the bundled document the preview loads", async () => {
    const a = await post("/api/check?path=procedures/a.json", fixture("procedures/a.json"));
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ kind: "procedure", problems: [], uses: ["blocks/person.json", "blocks/address.json"] });
    // Self-contained: it loads without a resolver, as <tk-form> loads it in the browser.
    expect(JSON.stringify(a.body.document)).not.toContain("../blocks");
    const procedure = await loadProcedure(a.body.document);
    expect(procedure.fields.map((f) => f.pointer)).toContain("/applicant/address/province");
  });

  it("gives a problem inside a block, with the procedure open, in the block's file at its line and column, with the $ref that reached it", async () => {
    const broken = fixture("blocks/person.json").replace('"$citizen.fullName"', '"$citizen.fulName"');
    writeFileSync(join(blocksDir, "blocks/person.json"), broken);
    try {
      const a = await post("/api/check?path=procedures/a.json", fixture("procedures/a.json"));
      expect(a.body.problems).toHaveLength(1);
      const p = a.body.problems[0];
      const at = broken.indexOf("$citizen.fulName") + "$citizen.".length;
      const before = broken.slice(0, at).split("\n");
      expect(p).toMatchObject({ severity: "error", code: "unknown-path", file: "blocks/person.json", line: before.length, column: before.at(-1)!.length + 1 });
      expect(p.offset).toBeUndefined(); // not in the posted text: the page lists it with its file, not inline
      const ref = fixture("procedures/a.json").split("\n").findIndex((l) => l.includes("../blocks/person.json"));
      expect(p.via).toEqual([[`procedures/a.json:${ref + 1}:${fixture("procedures/a.json").split("\n")[ref]!.indexOf('"$ref"') + 1}`]]);
      expect(a.body.document).toBeUndefined(); // no preview of a procedure that does not load
    } finally {
      writeFileSync(join(blocksDir, "blocks/person.json"), fixture("blocks/person.json"));
    }
  });

  it("checks a block's unsaved text through the procedures that use it, inline in the block, and names them", async () => {
    const text = fixture("blocks/person.json").replace('"$citizen.fullName"', '"$citizen.fulName"');
    const a = await post("/api/check?path=blocks/person.json", text);
    expect(a.body).toMatchObject({ kind: "block", usedBy: ["procedures/a.json"] });
    expect(a.body.problems).toEqual([expect.objectContaining({ code: "unknown-path", file: "blocks/person.json", offset: text.indexOf("$citizen.fulName") + "$citizen.".length })]);
    expect(readFileSync(join(blocksDir, "blocks/person.json"), "utf8")).toBe(fixture("blocks/person.json")); // the file is untouched
    // A block used by two procedures: a problem each reaches is reported once per place and message, with the chain of each.
    const address = fixture("blocks/address.json").replace('"maxLength": 200', '"maxLength": 200, "x-visible": "$value.provinc = \'01\'"');
    const b = await post("/api/check?path=blocks/address.json", address);
    expect(b.body.usedBy).toEqual(["procedures/a.json", "procedures/b.json"]);
    expect(b.body.problems.map((p: { message: string; offset: number }) => [p.message.replace(/:.*/, ""), p.offset])).toEqual([
      ['the field /applicant/address/detail has no field "provinc"', address.indexOf("$value.provinc") + "$value.".length],
      ['the field /workplace/detail has no field "provinc"', address.indexOf("$value.provinc") + "$value.".length],
    ]);
    // Fine as it is: the preview is of the first procedure using it, with the block as typed.
    const c = await post("/api/check?path=blocks/address.json", fixture("blocks/address.json").replace('"Số nhà, đường"', '"Số nhà, tên đường"'));
    expect(c.body).toMatchObject({ kind: "block", problems: [], previewOf: "procedures/a.json", blockKey: "tk-block-address" });
    expect(JSON.stringify(c.body.document)).toContain("Số nhà, tên đường");
  });

  it("defaults a source with no file chosen to the first data file that fits its schema", async () => {
    const sources = JSON.parse(fixture("procedures/a.json")).sources;
    // data/a-notes.json comes first but has no "provinces", which the catalogue's schema requires.
    expect(await post("/api/source-defaults", JSON.stringify(sources))).toEqual({ status: 200, body: { defaults: { catalog: "data/provinces.json" } } });
    // A source no file fits has no default; nor one whose members no file has (any object is valid without "required").
    const none = { register: { title: "Sổ", schema: { type: "object", required: ["nothing"] } }, loose: { schema: { type: "object", properties: { nothing: { type: "string" } } } } };
    expect(await post("/api/source-defaults", JSON.stringify(none))).toEqual({ status: 200, body: { defaults: {} } });
    expect((await post("/api/source-defaults", "{")).body.error.code).toBe("not-json");
    expect((await post("/api/source-defaults", "[]")).status).toBe(400);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`s${i}`, { schema: { type: "object" } }]));
    expect((await post("/api/source-defaults", JSON.stringify(many))).status).toBe(400);
  });

  it("answers the preview's lookups from the registers file chosen, as tokhai validate --lookups does", async () => {
    const lookup = (query: string, body: string) => post(`/api/lookup?${query}`, body);
    expect(await lookup("registers=data/registers.json&name=owner", '"001090000123"')).toEqual({ status: 200, body: { found: true, record: { fullName: "Trần Thị Bình" } } });
    expect(await lookup("registers=data/registers.json&name=owner", '"001090000999"')).toEqual({ status: 200, body: { found: false } });
    expect(await lookup("registers=data/registers.json&name=nobody", '"001090000123"')).toEqual({ status: 200, body: { found: false } });
    // Refused: a registers file out of the folder, none, a file that is not records by lookup, an input that is not JSON or too large.
    expect((await lookup(`registers=${encodeURIComponent(join(outside, "secret.json"))}&name=owner`, '"1"')).status).toBe(403);
    expect((await lookup("name=owner", '"1"')).body.error.code).toBe("bad-path");
    expect((await lookup("registers=data/registers.json", '"1"')).body.error.code).toBe("bad-lookup");
    writeFileSync(join(blocksDir, "data/list.json"), "[1, 2]");
    expect(await lookup("registers=data/list.json&name=owner", '"1"')).toMatchObject({ status: 400, body: { error: { code: "bad-registers" } } });
    expect(await lookup("registers=data/registers.json&name=owner", "{")).toMatchObject({ status: 400, body: { error: { code: "not-json" } } });
    expect((await lookup("registers=data/registers.json&name=owner", JSON.stringify("x".repeat(70_000)))).status).toBe(413);
  });

  it("says that a document tokhai bundle wrote is generated, and which file of the folder it was made from", async () => {
    const doc = JSON.parse(fixture("procedures/a.json"));
    const bundled = (comment: string) => JSON.stringify({ $comment: comment, ...doc }, null, 2);
    const from = await post("/api/check?path=procedures/a.json", bundled("Generated by `tokhai bundle` from ../catalogue/a.json and its building blocks: edit those, then bundle again."));
    expect(from.body.generated).toEqual({ source: "catalogue/a.json" });
    expect((await post("/api/check?path=procedures/a.json", bundled("Generated by `tokhai bundle`."))).body.generated).toEqual({});
    // A path that leaves the folder is not offered.
    expect((await post("/api/check?path=procedures/a.json", bundled("Generated by `tokhai bundle` from ../../x.json"))).body.generated).toEqual({});
    expect((await post("/api/check?path=procedures/a.json", bundled("Hand-written, not Generated by `tokhai bundle`."))).body.generated).toBeUndefined();
  });

  it("reports the declare-once figures and the dependencies of a procedure using blocks", async () => {
    const stats = await post("/api/stats?path=procedures/a.json&context=personas/an.json&source=catalog:data/provinces.json", fixture("procedures/a.json"));
    expect(stats.status).toBe(200);
    expect(stats.body.total).toMatchObject({ fields: 5, computed: 1 }); // fullName, province, detail (blocks), phone, provinceCount
    const deps = await post("/api/dependencies?path=procedures/a.json", fixture("procedures/a.json"));
    expect(deps.status).toBe(200);
    expect(deps.body.fields.find((f: { pointer: string }) => f.pointer === "/applicant/fullName").uses).toEqual([{ keyword: "x-prefill", fields: [], sources: ["$citizen.fullName"] }]);
  });
});
