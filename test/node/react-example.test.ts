// examples/react: <tk-form> embedded in a React 19 component. The example's own build (`tokhai types`,
// `tsc --noEmit` with its @ts-expect-error checks, `vite build`) runs here; the built app is served on
// 127.0.0.1 and driven in Chromium: the React-rendered form shows the verified name, switches to
// English when React changes its `locale` prop (keeping what was typed), is completed and submitted,
// and the React component renders the envelope its typed `ontk-submit` handler received.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright";
import { launchChromium } from "./chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const at = (path: string) => join(root, path);
const out = at("test/.tmp/react-example");
const run = promisify(execFile);
/** The persona the example shows: its household members are prefilled and submitted as they are. */
const persona = JSON.parse(readFileSync(at("examples/data/personas/nguyen-van-an.json"), "utf8")) as {
  household: { members: { fullName: string }[] };
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
};

function withoutNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...rest } = env;
  return rest;
}

let server: Server;
let browser: Browser;
let base: string;
let buildLog = "";

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  // The example's build script, as a developer runs it; the extra arguments reach `vite build`.
  const build = await run("npm", ["run", "build", "--workspace", "@tokhai/example-react", "--", "--outDir", out, "--emptyOutDir"], {
    cwd: root,
    // Not vitest's NODE_ENV=test: Vite would then pick the development builds of React and lit.
    env: { ...withoutNodeEnv(process.env), NO_COLOR: "1", CI: "true" },
    maxBuffer: 64 << 20,
  });
  buildLog = build.stdout + build.stderr;

  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(out, path === "/" ? "index.html" : path));
    if (!file.startsWith(out + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    response
      .writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe("examples/react: <tk-form> in a React 19 component", () => {
  it("builds with the generated submission type, type-checked", () => {
    expect(buildLog).toMatch(/tokhai types: wrote src\/generated\/residence\.ts \(VnCuTruDangKyThuongTruData, VnCuTruDangKyThuongTruSubmission\)/);
    const generated = readFileSync(at("examples/react/src/generated/residence.ts"), "utf8");
    expect(generated).toContain("export type VnCuTruDangKyThuongTruSubmission = SubmissionEnvelope<VnCuTruDangKyThuongTruData>;");
    expect(buildLog).toMatch(/built in/);
    expect(existsSync(join(out, "index.html"))).toBe(true);
  });

  it("renders the prefilled form, switches locale through React, submits, and shows the typed envelope", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    try {
      await page.goto(base + "/");
      const form = page.locator("tk-form");
      const title = form.locator("h1");
      const stepTitle = form.locator("h2#step-title");
      const primary = form.locator("button.primary");

      // React rendered <tk-form> and set its objects as properties (no "[object Object]" attributes).
      await expect.poll(() => title.innerText(), { timeout: 15_000 }).toBe("Đăng ký thường trú");
      expect(await page.locator("h1").first().innerText()).toBe("Cổng dịch vụ công mẫu (React 19)");
      expect(await form.evaluate((el) => el.getAttributeNames().sort())).toEqual(["locale"]);
      expect(await form.getAttribute("locale")).toBe("vi");

      // What the state knows is shown as verified.
      const verifiedName = form.locator("[pointer='/applicant/fullName'] [part='verified']");
      expect((await verifiedName.innerText()).replace(/\s+/g, " ")).toMatch(/Nguyễn Văn An.*Đã xác thực/);
      expect(await form.locator("[pointer='/applicant/phone'] input").inputValue()).toBe("0912345678");

      // Step 1 is complete already: continue.
      await primary.click();
      await expect.poll(() => stepTitle.innerText()).toBe("Nơi thường trú mới");

      // Step 2: province → commune cascade, each searched by typing in its combobox, then chosen.
      const province = form.locator("[pointer='/newAddress/province'] input[role='combobox']");
      await province.focus();
      await page.keyboard.type("ho chi minh");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await expect.poll(() => province.inputValue()).toBe("Thành phố Hồ Chí Minh");
      const commune = form.locator("[pointer='/newAddress/commune'] input[role='combobox']");
      await commune.focus();
      await page.keyboard.type("ben thanh");
      await expect.poll(() => form.locator("[pointer='/newAddress/commune'] [role='option']").allInnerTexts()).toEqual(["Phường Bến Thành"]);
      await page.keyboard.press("Enter");
      await expect.poll(() => commune.inputValue()).toBe("Phường Bến Thành");
      await form.locator("[pointer='/newAddress/detail'] input").focus();
      await page.keyboard.type("12 Lê Lợi");

      // React changes the locale prop: the same form, in English, with what was typed.
      await page.getByLabel("English").check();
      await expect.poll(() => title.innerText()).toBe("Permanent residence registration");
      expect(await stepTitle.innerText()).toBe("New permanent address");
      expect(await form.getAttribute("locale")).toBe("en");
      expect(await page.locator("h1").first().innerText()).toBe("Sample public-service portal (React 19)");
      expect(await form.locator("[pointer='/newAddress/detail'] input").inputValue()).toBe("12 Lê Lợi");

      // The choices are labelled in English now: pick one by its label.
      await form.getByLabel("I own this dwelling").check();
      await primary.click();
      await expect.poll(() => stepTitle.innerText()).toBe("Members moving too");
      await primary.click();
      await expect.poll(() => stepTitle.innerText()).toBe("Fee and declaration");
      await form.locator("[pointer='/declaration'] input[type='checkbox']").check();
      await primary.click();
      await expect.poll(() => stepTitle.innerText()).toBe("Check your answers before submitting");
      expect(await form.locator("[part='review']").innerText()).toContain("12 Lê Lợi");
      expect(await primary.innerText()).toBe("Submit");
      await primary.click();

      // The React component rendered the envelope from its typed tk-submit handler.
      const submitted = page.getByTestId("submitted");
      await submitted.waitFor({ timeout: 10_000 });
      const field = (name: string) => submitted.locator(`dd[data-field='${name}']`).innerText();
      expect(await submitted.locator("h2").innerText()).toBe("Submitted application");
      expect(await field("procedure")).toBe("vn.cu-tru.dang-ky-thuong-tru@1.0.0");
      expect(await field("applicant")).toBe("Nguyễn Văn An");
      expect(await field("newAddress")).toBe("12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh");
      expect(await field("ownership")).toBe("Owned by the applicant");
      expect(await field("members")).toBe(persona.household.members.map((m) => m.fullName).join(", "));
      const envelope = JSON.parse(await page.getByTestId("envelope").textContent() ?? "null");
      expect(envelope).toMatchObject({
        procedure: { id: "vn.cu-tru.dang-ky-thuong-tru", version: "1.0.0" },
        data: {
          applicant: { fullName: "Nguyễn Văn An", personalId: "001090012345" },
          newAddress: { province: "79", commune: "26743", detail: "12 Lê Lợi", ownership: "owner" },
          declaration: true,
        },
        provenance: { "/applicant/fullName": { source: "citizen", path: "fullName", locked: true, edited: false }, "/newAddress/detail": { source: "user" } },
        locale: "en",
      });
      expect(await field("submittedAt")).toBe(envelope.submittedAt);

      // No diagnostics from the form, no page errors.
      expect(await page.locator(".diagnostics").count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
