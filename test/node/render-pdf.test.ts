// The declaration as PDF, printed by the system's Chromium: `tokhai render … -o declaration.pdf` for
// each example procedure (with the back end's receipt), `htmlToPdf` (@tokhai/cli/pdf, what the example
// back end serves) for the other personas; poppler's pdftotext reads each back and finds the citizen's
// name and the names of the provinces and communes exactly, diacritics and all. Then `tokhai render`'s
// outputs and exit codes: HTML to stdout or a file, located errors (exit 1), files that cannot be read
// and no Chromium (exit 2), and htmlToPdf's errors.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDeclaration } from "@tokhai/core/document";
import { ChromiumNotFoundError, htmlToPdf, PdfError } from "@tokhai/cli/pdf";
import { personaOf } from "./examples.js";
import { EXAMPLE_CASES, exampleSubmission, placeNames, type ExampleSubmission } from "./render-examples.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "tokhai-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ID = "5b1f0c3e-7d2a-4c8e-9f10-3a6b2c4d5e6f";
const RECEIVED = "2026-11-22T08:00:02.000Z";

/** `tokhai <args>` as a process from the repository root, with `env` added to the environment; never rejects. */
function tokhai(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["packages/cli/bin/tokhai.js", ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The text of a PDF, as pdftotext reads it, with runs of white space as one space. */
async function pdfText(file: string): Promise<string> {
  const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
  return stdout.replace(/\s+/g, " ");
}

/** The files `tokhai render` reads for a submission: the envelope (with an id), the receipt, the context as a portal passes it. */
function files(s: ExampleSubmission): { envelope: string; receipt: string; context: string[] } {
  const base = join(dir, `${s.name}-${s.persona}`);
  // The id the back end's receipt names (whatever id the core gave the envelope).
  const { id: _id, ...rest } = s.envelope as typeof s.envelope & { id?: string };
  const envelope = { id: ID, ...rest };
  writeFileSync(`${base}.json`, JSON.stringify(envelope, null, 2));
  // A signed envelope's receipt names the digest signed (a declaration refuses a receipt of another).
  writeFileSync(`${base}.receipt.json`, JSON.stringify({ id: envelope.id, receivedAt: RECEIVED, digest: s.envelope.signature?.digest ?? `sha256:${"c".repeat(64)}`, procedure: envelope.procedure }));
  return {
    envelope: `${base}.json`,
    receipt: `${base}.receipt.json`,
    context: ["--context", `examples/data/personas/${s.persona}.json`, "--context", "catalog=examples/data/administrative-units.json"],
  };
}

const submissions = new Map<string, ExampleSubmission>();
beforeAll(async () => {
  for (const [name, persona] of EXAMPLE_CASES) submissions.set(`${name} ${persona}`, await exampleSubmission(name, persona));
}, 60_000);

/** Each procedure's first persona goes through the command; the others through htmlToPdf. */
const throughCli = new Set(EXAMPLE_CASES.filter(([name], i) => EXAMPLE_CASES.findIndex(([n]) => n === name) === i).map(([n, p]) => `${n} ${p}`));

describe.each(EXAMPLE_CASES)("the PDF declaration of examples/procedures/%s.json for %s", (name, persona) => {
  it("has the citizen's name and the places by name, with their diacritics", async () => {
    const s = submissions.get(`${name} ${persona}`)!;
    const pdf = join(dir, `${name}-${persona}.pdf`);
    let expectReceipt = false;
    if (throughCli.has(`${name} ${persona}`)) {
      const f = files(s);
      const result = await tokhai(["render", `examples/procedures/${name}.json`, f.envelope, "--receipt", f.receipt, ...f.context, "-o", pdf]);
      expect(result.stderr).toContain(`✔ ${pdf}: the declaration of ${f.envelope}`);
      expect(result.code).toBe(0);
      expectReceipt = true;
    } else {
      writeFileSync(pdf, await htmlToPdf(await renderDeclaration(s.procedure, s.envelope, { context: s.context, lookup: s.lookup })));
    }
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(pdf);
    expect(text).toContain(personaOf(persona).citizen.fullName);
    for (const place of placeNames(s.envelope.data)) expect(text, place).toContain(place);
    expect(text).toContain("Đã xác thực · Từ Cơ sở dữ liệu quốc gia về dân cư");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toMatch(/Trang 1\/\d/);
    if (expectReceipt) {
      expect(text).toContain(`Số hồ sơ ${ID}`);
      expect(text).toContain("Thời điểm tiếp nhận 15:00 22/11/2026");
    }
  }, 60_000);
});

describe("tokhai render", () => {
  const procedure = "examples/procedures/dang-ky-thuong-tru.json";
  let f: ReturnType<typeof files>;
  beforeAll(() => {
    f = files(submissions.get(EXAMPLE_CASES.find(([n]) => n === "dang-ky-thuong-tru")!.join(" "))!);
  });

  it("writes the HTML to stdout without -o, and to a .html file with it", async () => {
    const out = await tokhai(["render", procedure, f.envelope, ...f.context, "--locale", "en"]);
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(out.stdout).toContain("<h1>Permanent residence registration</h1>");
    const html = join(dir, "out", "declaration.html");
    const written = await tokhai(["render", procedure, f.envelope, ...f.context, "-o", html]);
    expect(written.code).toBe(0);
    expect(readFileSync(html, "utf8")).toContain("Phường");
  });

  it("asks the lookups file for the procedure's lookups, and without one answers them from the envelope's claims", async () => {
    const s = submissions.get("dang-ky-ket-hon le-thi-mai")!;
    const g = files(s);
    const input = "040095006137";
    const record = await s.lookup("otherParty", input, { signal: new AbortController().signal });
    const registers = join(dir, "registers.json");
    writeFileSync(registers, JSON.stringify({ otherParty: { [input]: record } }));
    const empty = join(dir, "no-registers.json");
    writeFileSync(empty, "{}");
    const procedure = "examples/procedures/dang-ky-ket-hon.json";
    // The other party's commune is named once the other party is found (its section is shown then).
    const commune = "Phường Cầu Giấy";
    const withFile = await tokhai(["render", procedure, g.envelope, ...g.context, "--lookups", registers]);
    expect(withFile.code).toBe(0);
    expect(withFile.stdout).toContain(commune);
    const claimed = await tokhai(["render", procedure, g.envelope, ...g.context]);
    expect(claimed.stdout).toContain(commune);
    const notFound = await tokhai(["render", procedure, g.envelope, ...g.context, "--lookups", empty]);
    expect(notFound.code).toBe(0);
    expect(notFound.stdout).not.toContain(commune);
    expect(notFound.stdout).toContain('<span class="value">00166</span>'); // shown as submitted, never dropped
  });

  it("lists render in tokhai --help", async () => {
    expect((await tokhai(["--help"])).stdout).toMatch(/\n {2}render +write the declaration of a submission as HTML or PDF/);
  });

  it("says where a submission is not one of the procedure, or a receipt not its receipt (exit 1)", async () => {
    const other = await tokhai(["render", "examples/procedures/dang-ky-khai-sinh.json", f.envelope, "-o", join(dir, "x.html")]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(new RegExp(`^${f.envelope.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4:5  /procedure/id  the envelope is for procedure "vn.cu-tru.dang-ky-thuong-tru", not "vn.ho-tich.dang-ky-khai-sinh"\\n$`));
    expect(existsSync(join(dir, "x.html"))).toBe(false);
    const receipt = join(dir, "other-receipt.json");
    writeFileSync(receipt, JSON.stringify({ id: "00000000-0000-4000-8000-000000000000", receivedAt: RECEIVED, digest: "sha256:00", procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" } }, null, 2));
    const wrong = await tokhai(["render", procedure, f.envelope, "--receipt", receipt]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(new RegExp(`^${receipt.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:3  /id  the receipt "00000000-0000-4000-8000-000000000000" is for another submission than "${ID}"\\n$`));
  });

  it("says where a file is not JSON, and refuses an output it cannot write (exit 2)", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "procedure": {\n');
    const notJson = await tokhai(["render", procedure, broken]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(new RegExp(`^tokhai render: ${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:1: not valid JSON`));
    const missing = await tokhai(["render", procedure, join(dir, "missing.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing.json");
    const txt = await tokhai(["render", procedure, f.envelope, "-o", join(dir, "declaration.txt")]);
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain("name a .html or .pdf file");
    const over = await tokhai(["render", procedure, f.envelope, "-o", f.envelope]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("would overwrite an input file");
  });

  it("says that there is no Chromium and how to name one (exit 2), and writes no PDF", async () => {
    const pdf = join(dir, "no-chromium.pdf");
    const result = await tokhai(["render", procedure, f.envelope, ...f.context, "-o", pdf], { CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `tokhai render: cannot print ${pdf}: no Chromium at /nonexistent/chromium: install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable\n`,
    );
    expect(existsSync(pdf)).toBe(false);
  });
});

describe("htmlToPdf", () => {
  it("rejects with ChromiumNotFoundError, naming the path, when there is no Chromium", async () => {
    const error = await htmlToPdf("<!doctype html><title>x</title>", { chromium: "/nonexistent/chromium" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChromiumNotFoundError);
    expect((error as Error).message).toContain("CHROMIUM_PATH");
  });

  it("rejects with PdfError when Chromium fails, writes no PDF, or takes longer than its bound", async () => {
    await expect(htmlToPdf("<!doctype html><title>x</title>", { chromium: "/bin/false" })).rejects.toThrow(PdfError);
    await expect(htmlToPdf("<!doctype html><title>x</title>", { chromium: "/bin/false" })).rejects.toThrow(/failed \(exit code 1\)/);
    await expect(htmlToPdf("<!doctype html><title>x</title>", { chromium: "/bin/true" })).rejects.toThrow(/ended without writing the PDF/);
    // A Chromium that never ends: given up at the bound.
    const sleeper = join(dir, "sleeper.sh");
    writeFileSync(sleeper, "#!/bin/sh\nexec sleep 600\n", { mode: 0o755 });
    await expect(htmlToPdf("<!doctype html><title>x</title>", { chromium: sleeper, timeout: 200 })).rejects.toThrow(/did not print the PDF within 200 ms/);
  });
});
