// `tokhai compile` under a strict Content-Security-Policy, in Chromium: a page whose policy forbids
// eval and inline code (script-src 'self', style-src 'self') runs dist/tokhai.precompiled.js (no
// JSONata parser, no ajv) with the procedure compiled by `tokhai compile`, given to <tk-form> as the
// URL of its module. The form renders, shows errors, is filled with the keyboard and submits, with no
// CSP violation and no page error.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright";
import { launchChromium } from "./chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const at = (path: string) => join(root, path);
const tmp = at("test/.tmp/cli-compile-csp");
const procedureFile = at("test/fixtures/cli/compile/csp-form.json");
const run = promisify(execFile);

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

// The page's only script. It listens for violations first, then loads everything else.
const APP = `
const violations = (window.__violations = []);
const errors = (window.__diagnostics = []);
document.addEventListener(
  "securitypolicyviolation",
  (e) => violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample }),
  true,
);
window.__submitted = null;
try {
  await import("/dist/tokhai.precompiled.js");
  const form = document.createElement("tk-form");
  form.locale = "en";
  form.procedure = "/procedure.js";
  form.addEventListener("tk-submit", (e) => (window.__submitted = e.envelope));
  form.addEventListener("tk-diagnostic", (e) => errors.push(e.diagnostic ?? String(e)));
  document.querySelector("main").append(form);
  await form.ready();
  window.__ready = true;
} catch (error) {
  window.__failure = String(error?.stack ?? error);
}
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>tokhai compile under a strict CSP</title>
    <link rel="stylesheet" href="/page.css" />
    <script type="module" src="/app.js"></script>
  </head>
  <body>
    <main></main>
  </body>
</html>
`;

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".css": "text/css", ".map": "application/json" };

/** URL path → file. Everything else is 404. */
const ROUTES: Record<string, string> = {
  "/": join(tmp, "index.html"),
  "/app.js": join(tmp, "app.js"),
  "/page.css": join(tmp, "page.css"),
  "/eval-probe.js": join(tmp, "eval-probe.js"),
  "/procedure.js": join(tmp, "csp-form.compiled.js"),
  "/dist/tokhai.precompiled.js": at("dist/tokhai.precompiled.js"),
  "/dist/tokhai.precompiled.js.map": at("dist/tokhai.precompiled.js.map"),
};

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // The bin runs packages/cli/dist, the page dist/tokhai.precompiled.js: build them if they never were.
  if (!existsSync(at("packages/cli/dist/main.js")) || !existsSync(at("packages/elements/dist/auto-define.js"))) {
    await run(process.execPath, [at("node_modules/typescript/bin/tsc"), "-b"], { cwd: root });
  }
  if (!existsSync(at("dist/tokhai.precompiled.js"))) {
    await run(process.execPath, [at("node_modules/rollup/dist/bin/rollup"), "-c"], { cwd: root, maxBuffer: 64 << 20 });
  }
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await run(process.execPath, [at("packages/cli/bin/tokhai.js"), "compile", procedureFile, "-o", ROUTES["/procedure.js"]!], { cwd: root });
  writeFileSync(ROUTES["/"]!, PAGE);
  writeFileSync(ROUTES["/app.js"]!, APP);
  writeFileSync(ROUTES["/eval-probe.js"]!, 'try { new Function("return 1"); window.__evalProbe = "allowed"; } catch (error) { window.__evalProbe = error.name; }\n');
  writeFileSync(ROUTES["/page.css"]!, "body { font-family: system-ui, sans-serif; margin: 2rem; }\n");

  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = ROUTES[path];
    if (!file || !existsSync(file)) {
      response.writeHead(404, { "Content-Type": "text/plain", "Content-Security-Policy": CSP }).end("not found");
      return;
    }
    const type = TYPES[path === "/" ? ".html" : path.slice(path.lastIndexOf("."))] ?? "application/octet-stream";
    response
      .writeHead(200, { "Content-Type": type, "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** Texts of every rendered field error, inside the fields' shadow roots. */
const fieldErrors = (page: Page) => page.locator("tk-form [part='error']").allInnerTexts();

describe("a compiled procedure under Content-Security-Policy: script-src 'self'", () => {
  it("renders, validates and submits with no CSP violation", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    const cspConsole: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspConsole.push(message.text());
    });
    try {
      const response = await page.goto(base + "/");
      expect(response?.headers()["content-security-policy"]).toBe(CSP);
      await page.waitForFunction(() => (window as unknown as { __ready?: boolean; __failure?: string }).__ready || (window as unknown as { __failure?: string }).__failure, null, { timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as { __failure?: string }).__failure ?? null)).toBeNull();

      // Rendered: the title, the step and both fields.
      await expect.poll(() => page.locator("tk-form h1").innerText()).toBe("Đăng ký nhận thông báo");
      const name = page.locator("tk-form [pointer='/fullName'] input");
      const channel = page.locator("tk-form [pointer='/channel'] select");
      await name.waitFor();
      await channel.waitFor();

      // Continue with nothing filled: the error summary lists both fields, each field shows its error.
      await page.locator("tk-form button.primary").click();
      const summary = page.locator("tk-form [part='error-summary']");
      await summary.waitFor();
      expect(await summary.locator("li").allInnerTexts()).toEqual(["Full name: This information is required", "Channel: This information is required"]);
      await expect.poll(() => fieldErrors(page)).toEqual([expect.stringMatching(/This information is required$/), expect.stringMatching(/This information is required$/)]);
      expect(await name.getAttribute("aria-invalid")).toBe("true");

      // Fill with the keyboard: type the name, Tab to the drop-down, pick "Post" by its first letter.
      await name.focus();
      await page.keyboard.type("Nguyễn Văn An");
      await page.keyboard.press("Tab");
      expect(await channel.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await page.keyboard.press("p");
      await expect.poll(() => channel.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("Post");

      // Continue: the step is valid, the review page shows the answers; submit from there.
      await page.locator("tk-form button.primary").click();
      const review = page.locator("tk-form [part='review']");
      await review.waitFor();
      expect((await review.innerText()).replace(/\s+/g, " ")).toMatch(/Full name Nguyễn Văn An .*Channel Post/);
      expect(await page.locator("tk-form [part='error-summary']").count()).toBe(0);
      await page.locator("tk-form button.primary").click();
      await page.waitForFunction(() => (window as unknown as { __submitted: unknown }).__submitted !== null, null, { timeout: 10_000 });
      const envelope = await page.evaluate(() => (window as unknown as { __submitted: { procedure: unknown; data: unknown } }).__submitted);
      expect(envelope.procedure).toEqual({ id: "test.cli.compile-csp", version: "1.2.0" });
      expect(envelope.data).toEqual({ fullName: "Nguyễn Văn An", channel: "post" });

      // Nothing violated the policy, nothing failed.
      expect(await page.evaluate(() => (window as unknown as { __violations: unknown[] }).__violations)).toEqual([]);
      expect(cspConsole).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __diagnostics: unknown[] }).__diagnostics)).toEqual([]);

      // Control: the policy is enforced, and a violation would have been seen. (page.evaluate itself is
      // exempt from the page's CSP: the attempt must come from a script of the page.)
      await page.addScriptTag({ url: "/eval-probe.js" });
      expect(await page.evaluate(() => (window as unknown as { __evalProbe?: string }).__evalProbe)).toBe("EvalError");
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __violations: { directive: string; blocked: string }[] }).__violations))
        .toEqual([expect.objectContaining({ directive: "script-src", blocked: "eval" })]);
    } finally {
      await page.close();
    }
  });
});
