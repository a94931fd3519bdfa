// `tokhai studio` in Chromium, on a copy of examples/ in a temporary folder, as a procedure designer
// uses it: the procedure opens with its preview for a persona; an expression broken by typing shows
// its diagnostic at its exact place in the editor (and in the problems list, by line and column) while
// the preview stays on the last good version; fixed, the diagnostic goes; a title changed shows in the
// preview, which keeps what was typed in it; another persona and English show; saving writes the file
// (with a warning when it has errors); the unsaved text survives the server stopping and the page
// reloading; axe finds nothing; everything is reached and used with the keyboard.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, Locator, Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudio, type Studio } from "../../packages/cli/dist/studio/server.js";
import { launchChromium } from "./chromium.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const at = (path: string) => join(root, path);
const AXE = readFileSync(at("node_modules/axe-core/axe.min.js"), "utf8");
const FILE = "procedures/dang-ky-thuong-tru.json";

let dir: string;
let studio: Studio;
let port: number;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(at("dist/tokhai.js"))) throw new Error("dist/tokhai.js is missing: run `npm run bundle` (npm test does)");
  // The page's bundle: built by `npm run bundle`; here too when it never was.
  if (!existsSync(at("packages/cli/dist/studio-page/studio.js"))) {
    await promisify(execFile)(process.execPath, [at("node_modules/rollup/dist/bin/rollup"), "-c", "rollup.studio.config.mjs"], { cwd: root, maxBuffer: 64 << 20 });
  }
  dir = mkdtempSync(join(tmpdir(), "tokhai-studio-e2e-"));
  cpSync(at("examples/procedures"), join(dir, "procedures"), { recursive: true });
  cpSync(at("examples/data"), join(dir, "data"), { recursive: true });
  studio = await createStudio({ dir });
  port = await studio.listen(0);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (studio ? studio.server.close(resolve) : resolve(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const preview = () => page.locator("#preview tk-form");
const onDisk = () => readFileSync(join(dir, FILE), "utf8");

/** axe-core on the whole page (it looks into shadow roots): the violations, as readable lines. */
async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${JSON.stringify(n.target)}`));
}

/** Selects the next occurrence of `text` in the editor with its search panel (Ctrl+F, Enter, Escape), as a designer would. */
async function find(text: string): Promise<void> {
  await page.locator(".cm-content").focus();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Control+f");
  const search = page.locator(".cm-search input[name=search]");
  await search.selectText();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe(text);
}

/** The editor's text: while it differs from the file, the page keeps it in localStorage. */
function unsavedText(): Promise<string | null> {
  return page.evaluate((file) => localStorage.getItem(`tokhai-studio:unsaved:${file}`), FILE);
}

/** Whether the preview shows `text` (inside <tk-form>'s shadow root). */
async function previewShows(text: string): Promise<boolean> {
  return (await preview().getByText(text).count()) > 0;
}

/** The name of the element with focus, looking through shadow roots. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return `${active?.tagName.toLowerCase()}#${active?.id ?? ""}.${active?.className ?? ""}`;
  });
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

describe("tokhai studio in Chromium", () => {
  it("opens a procedure with its problems (none) and its preview for the chosen persona", async () => {
    await page.goto(`http://127.0.0.1:${port}/?procedure=${FILE}&persona=data/personas/le-thi-mai.json`);
    await expect.poll(() => textOf(page.locator("#problems-summary"))).toBe("Không có vấn đề nào.");
    await expect.poll(() => previewShows("Lê Thị Mai")).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await page.locator(".cm-content").getAttribute("aria-label")).toBe(`Văn bản JSON của thủ tục ${FILE}`);
    // The catalogue, a source no persona gives, from a data file of the folder; then the report is tokhai stats'.
    await page.getByLabel("Nguồn $catalog lấy từ tệp").selectOption("data/administrative-units.json");
    await expect
      .poll(() => textOf(page.locator("#stats caption")))
      .toBe("Với dữ liệu của Lê Thị Mai (data/personas/le-thi-mai.json): công dân nhập 3 trên 22 trường hiển thị (13.6 %).");
    expect(await page.locator("#stats tbody tr").count()).toBe(5); // four steps and the total
    // The dependencies of the field at the cursor: the fee is computed from the exemption, which it reads.
    await find('"feeExempt ? 0 : 20000"');
    await expect.poll(() => textOf(page.locator("#deps-field"))).toBe("Trường /fee");
    expect(await page.locator("#deps-uses li").allTextContents()).toEqual(["x-compute: /feeExempt"]);
    await find('"x-visible": "newAddress.ownership = \'rent\'"');
    await expect.poll(() => textOf(page.locator("#deps-field"))).toMatch(/^Trường \/newAddress\/\w+$/);
    const field = await textOf(page.locator("#deps-field"));
    expect(await page.locator("#deps-uses li").allTextContents()).toContainEqual("x-visible: /newAddress/ownership");
    await find('"ownership": {');
    await expect.poll(() => textOf(page.locator("#deps-field"))).toBe("Trường /newAddress/ownership");
    expect(await page.locator("#deps-usedby li").allTextContents()).toContainEqual(`${field.slice("Trường ".length)} (x-visible)`);
    expect(await axeViolations()).toEqual([]);
  });

  it("shows a broken expression's diagnostic at its exact place, keeps the preview, and drops it once fixed", async () => {
    // Something typed in the preview, to be kept across edits.
    const phone = preview().getByRole("textbox", { name: /điện thoại/i });
    await phone.fill("0905111222");
    await find("$citizen.fullName");
    await page.keyboard.type("$citizen.fulName");
    const mark = page.locator(".cm-lintRange-error");
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(1);
    expect(await mark.textContent()).toBe("fulName");
    // At the line and column the problems list gives, which is where the text has it.
    const text = (await unsavedText())!;
    const offset = text.indexOf("$citizen.fulName") + "$citizen.".length;
    const before = text.slice(0, offset).split("\n");
    const item = page.locator("#problems li");
    expect(await item.count()).toBe(1);
    expect(await textOf(item)).toContain(`lỗi: Dòng ${before.length}, cột ${before.at(-1)!.length + 1}:`);
    expect(await textOf(item)).toContain("fulName");
    expect(await textOf(page.locator("#preview-note"))).toBe("Bản xem trước là của lần cuối thủ tục không có lỗi.");
    expect(await previewShows("Lê Thị Mai")).toBe(true);
    expect(await page.locator("#status").textContent()).toBe("Có thay đổi chưa lưu (được giữ trong trình duyệt này).");
    expect(await axeViolations()).toEqual([]);
    // The problem's link puts the cursor on it: what is typed there replaces the misspelt name.
    await item.getByRole("button").click();
    await page.keyboard.type("fullName");
    for (let i = 0; i < "fulName".length; i++) await page.keyboard.press("Delete");
    await expect.poll(async () => (await unsavedText()) ?? "").not.toContain("fulName");
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => textOf(page.locator("#problems-summary"))).toBe("Không có vấn đề nào.");
  });

  it("updates the preview as the procedure changes, keeping what was typed in it", async () => {
    await find('"title": "Đăng ký thường trú"');
    await page.keyboard.type('"title": "Đăng ký thường trú (bản thử)"');
    await expect.poll(() => textOf(preview().locator("h1").first()), { timeout: 15_000 }).toBe("Đăng ký thường trú (bản thử)");
    await expect.poll(() => preview().getByRole("textbox", { name: /điện thoại/i }).inputValue()).toBe("0905111222");
  });

  it("previews for another persona, and in English", async () => {
    await page.locator("#persona").selectOption("data/personas/nguyen-van-an.json");
    await expect.poll(() => previewShows("Nguyễn Văn An")).toBe(true);
    expect(new URL(page.url()).searchParams.get("persona")).toBe("data/personas/nguyen-van-an.json");
    await page.locator("#locale").selectOption("en");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await textOf(page.locator("#preview-heading"))).toBe("Preview");
    expect(await textOf(page.locator("#save"))).toBe("Save");
    await expect.poll(() => previewShows("Full name")).toBe(true);
    expect(await axeViolations()).toEqual([]);
  });

  it("saves to the file (Ctrl+S), and saves a procedure with errors with a warning", async () => {
    await page.locator(".cm-content").focus();
    await page.keyboard.press("Control+s");
    await expect.poll(() => onDisk()).toContain('"title": "Đăng ký thường trú (bản thử)"');
    await expect.poll(() => textOf(page.locator("#status"))).toBe(`Saved ${FILE}.`);
    expect(await page.locator("#alert").isHidden()).toBe(true);
    await find("$citizen.fullName");
    await page.keyboard.type("$citizen.fulName");
    await page.locator("#save").click();
    await expect.poll(() => onDisk()).toContain('"$citizen.fulName"');
    await expect.poll(() => textOf(page.locator("#alert"))).toBe(`Saved ${FILE}, but the procedure still has errors (1): the form will not load until they are fixed.`);
    expect(await axeViolations()).toEqual([]);
  });

  it("keeps the unsaved text when the server stops, says so, and restores it after a reload", async () => {
    await find('"version": "1.0.0"');
    await page.keyboard.type('"version": "1.0.1"');
    await new Promise((resolve) => {
      studio.server.closeAllConnections();
      studio.server.close(resolve);
    });
    await page.locator("#save").click();
    await expect.poll(() => textOf(page.locator("#alert"))).toContain("The studio's server cannot be reached. The unsaved text is kept in this browser");
    expect(onDisk()).toContain('"version": "1.0.0"');
    studio = await createStudio({ dir });
    await studio.listen(port);
    await page.reload();
    await expect.poll(() => textOf(page.locator("#status"))).toBe(`Restored the unsaved text of ${FILE} from this browser.`);
    expect(await page.locator(".cm-content").textContent()).toContain('"version": "1.0.1"');
    await page.keyboard.press("Tab"); // to the skip link
    await page.locator("#save").click();
    await expect.poll(() => onDisk()).toContain('"version": "1.0.1"');
  });

  it("is used with the keyboard: skip link to the editor, Tab through the controls, out of the editor and to the problems", async () => {
    await page.reload();
    // The file on disk still has the error saved above: one problem, with its link.
    await expect.poll(() => page.locator("#problems li button").count(), { timeout: 15_000 }).toBe(1);
    await page.keyboard.press("Tab");
    expect(await focused()).toContain("a#.skip");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await focused()).toContain("cm-content");
    // (No source to choose between them: the procedure has an error, so there is no preview.)
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("button#save.");
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("select#locale.");
    // Out of the editor with Tab (CodeMirror leaves Tab to the page), then the problem's link, Enter.
    await page.locator(".cm-content").focus();
    let hops = 0;
    while ((await focused()) !== "button#." && hops++ < 5) await page.keyboard.press("Tab");
    expect(await focused()).toBe("button#.");
    await page.keyboard.press("Enter");
    expect(await focused()).toContain("cm-content");
  });

  it("completes and explains the procedure's keywords from its meta-schema", async () => {
    await page.reload();
    await expect.poll(() => page.locator("#problems li").count(), { timeout: 15_000 }).toBe(1);
    // Hover: the meta-schema's description of the member under the pointer.
    await page.locator(".cm-line", { hasText: '"version"' }).first().locator("span").first().hover();
    await expect.poll(() => textOf(page.locator(".cm-tooltip-hover"))).toContain("Semantic version of the document");
    // Completion: a new member of the document offers the keywords it does not have yet.
    await page.locator(".cm-content").focus();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('"');
    await page.keyboard.press("Control+Space");
    const options = page.locator(".cm-tooltip-autocomplete li");
    await expect.poll(() => options.allTextContents()).toContainEqual(expect.stringContaining("lookups"));
    expect(await axeViolations()).toEqual([]);
  });

  it("lists the texts without a translation on their own, each leading to its place", async () => {
    // From the example as it is: the file put back, the unsaved text of the tests above dropped.
    writeFileSync(join(dir, FILE), readFileSync(at(`examples/${FILE}`), "utf8"));
    await page.evaluate((file) => localStorage.removeItem(`tokhai-studio:unsaved:${file}`), FILE);
    await page.reload();
    await page.locator("#locale").selectOption("vi");
    await expect.poll(() => textOf(page.locator("#translations-summary"))).toBe("Không thiếu bản dịch nào cho các ngôn ngữ của i18n.");
    await find('/fee":');
    await page.keyboard.type('/fees":');
    const items = page.locator("#translations li");
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(1);
    expect(await textOf(page.locator("#translations-summary"))).toBe("Số văn bản chưa dịch: 1.");
    expect(await textOf(items)).toContain('has no "en" translation');
    expect(await textOf(items)).toContain("/fee");
    expect(await axeViolations()).toEqual([]);
  });
});

describe("tokhai studio in Chromium with building blocks (test/fixtures/studio-blocks)", () => {
  const FIXTURE = at("test/fixtures/studio-blocks");
  const PERSON = "blocks/person.json";
  let blocksDir: string;
  let blocksStudio: Studio;
  let blocksPort: number;

  beforeAll(async () => {
    blocksDir = mkdtempSync(join(tmpdir(), "tokhai-studio-blocks-e2e-"));
    cpSync(FIXTURE, blocksDir, { recursive: true });
    blocksStudio = await createStudio({ dir: blocksDir });
    blocksPort = await blocksStudio.listen(0);
  });
  afterAll(async () => {
    await new Promise((resolve) => (blocksStudio ? blocksStudio.server.close(resolve) : resolve(undefined)));
    if (blocksDir) rmSync(blocksDir, { recursive: true, force: true });
  });

  it("previews a procedure with its blocks, and names the blocks it uses", async () => {
    await page.goto(`http://127.0.0.1:${blocksPort}/?procedure=procedures/a.json&persona=personas/an.json`);
    await expect.poll(() => textOf(page.locator("#blocks-info")), { timeout: 15_000 }).toBe("Thủ tục này dùng các khối: blocks/person.json, blocks/address.json.");
    expect(await textOf(page.locator("#problems-summary"))).toBe("Không có vấn đề nào.");
    // The block's field, prefilled from the persona by the block's own x-prefill; the block's address.
    await expect.poll(() => preview().getByRole("textbox", { name: "Họ và tên" }).inputValue()).toBe("Nguyễn Văn An");
    expect(await previewShows("Nơi thường trú")).toBe(true);
    expect(await page.locator("#procedure optgroup").getAttribute("label")).toBe("Khối dùng chung (blocks)");
    // $catalog, chosen by no one: the data file that fits its schema (data/a-notes.json, first, does not).
    const catalog = page.getByLabel("Nguồn $catalog lấy từ tệp");
    await expect.poll(() => catalog.inputValue()).toBe("data/provinces.json");
    await expect.poll(() => textOf(preview().locator('[pointer="/provinceCount"] output'))).toBe("2");
    // The designer's choice, "none" included, wins, and is kept.
    await catalog.selectOption("");
    await expect.poll(() => textOf(preview().locator('[pointer="/provinceCount"] output'))).toBe("0");
    await page.reload();
    await expect.poll(() => textOf(page.locator("#blocks-info")), { timeout: 15_000 }).not.toBe("");
    await expect.poll(() => page.getByLabel("Nguồn $catalog lấy từ tệp").inputValue()).toBe("");
    await page.getByLabel("Nguồn $catalog lấy từ tệp").selectOption("data/provinces.json");
  });

  it("checks a block as it is typed, through the procedure that uses it: the diagnostic inline in the block", async () => {
    await page.locator("#procedure").selectOption(PERSON);
    await expect.poll(() => textOf(page.locator("#blocks-info")), { timeout: 15_000 }).toBe(
      "Khối này được dùng bởi: procedures/a.json. Nó được kiểm tra qua các thủ tục đó, với văn bản đang soạn.",
    );
    expect(await page.locator(".cm-content").getAttribute("aria-label")).toBe(`Văn bản JSON của khối dùng chung ${PERSON}`);
    await expect.poll(() => textOf(page.locator("#preview-note"))).toBe("Xem trước thủ tục procedures/a.json, với khối đang soạn.");
    // The dependencies of the block's field at the cursor, as the procedure previewed uses it.
    await find("$citizen.fullName");
    await expect.poll(() => textOf(page.locator("#deps-field"))).toBe("Trường /applicant/fullName");
    expect(await page.locator("#deps-uses li").allTextContents()).toEqual(["x-prefill: $citizen.fullName"]);
    await page.keyboard.type("$citizen.fulName");
    const mark = page.locator(".cm-lintRange-error");
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(1);
    expect(await mark.textContent()).toBe("fulName");
    expect(await textOf(page.locator("#problems li"))).toMatch(/^lỗi: Dòng \d+, cột \d+: .*fulName.* từ procedures\/a\.json:\d+:\d+$/);
    expect(readFileSync(join(blocksDir, PERSON), "utf8")).not.toContain("fulName"); // checked unsaved
    await page.keyboard.press("Control+s");
    await expect.poll(() => readFileSync(join(blocksDir, PERSON), "utf8")).toContain("fulName");
    expect(await axeViolations()).toEqual([]);
  });

  it("lists a problem in a block, with the procedure open, with the block's file, line and column, and the $ref; its link opens the block there", async () => {
    await page.locator("#procedure").selectOption("procedures/a.json");
    await expect.poll(() => textOf(page.locator("#blocks-info")), { timeout: 15_000 }).toBe("Thủ tục này dùng các khối: blocks/person.json, blocks/address.json.");
    const item = page.locator("#problems li");
    expect(await item.count()).toBe(1);
    const text = readFileSync(join(blocksDir, PERSON), "utf8");
    const offset = text.indexOf("$citizen.fulName") + "$citizen.".length;
    const before = text.slice(0, offset).split("\n");
    const where = `${PERSON}, dòng ${before.length}, cột ${before.at(-1)!.length + 1}`;
    expect(await textOf(item)).toMatch(new RegExp(`^lỗi: ${where.replace(/[.]/g, "\\.")}: .*fulName.* từ procedures/a\\.json:\\d+:\\d+$`));
    expect(await textOf(page.locator("#problems-summary"))).toBe("1 lỗi, 0 cảnh báo. Trong đó 1 ở tệp khác (khối dùng chung), liệt kê kèm tên tệp.");
    expect(await page.locator(".cm-lintRange-error").count()).toBe(0); // not inline: it is not in this file
    expect(await axeViolations()).toEqual([]);
    await item.getByRole("button").click();
    await expect.poll(() => page.locator("#procedure").inputValue()).toBe(PERSON);
    await expect.poll(() => page.locator(".cm-lintRange-error").count(), { timeout: 15_000 }).toBe(1);
    // The cursor is on the problem: what is typed there replaces the misspelt name.
    await page.keyboard.type("fullName");
    for (let i = 0; i < "fulName".length; i++) await page.keyboard.press("Delete");
    await expect.poll(() => page.evaluate((file) => localStorage.getItem(`tokhai-studio:unsaved:${file}`) ?? "", PERSON)).toContain("$citizen.fullName");
    await expect.poll(() => page.locator(".cm-lintRange-error").count(), { timeout: 15_000 }).toBe(0);
  });

  it("answers the preview's lookups from the registers file chosen", async () => {
    await page.locator("#procedure").selectOption("procedures/b.json");
    await expect.poll(() => textOf(page.locator("#preview-note")), { timeout: 15_000 }).toBe("Chưa chọn sổ đăng ký: các tra cứu (lookups) luôn trả lời “không tìm thấy”.");
    await page.getByLabel("Sổ đăng ký (lookups) lấy từ tệp").selectOption("data/registers.json");
    await expect.poll(() => textOf(page.locator("#preview-note"))).toBe("");
    await preview().getByRole("textbox", { name: "Số định danh của chủ sở hữu" }).fill("001090000123");
    // The record the file has for that input fills the field the procedure shows once it is found.
    await expect.poll(() => preview().getByRole("textbox", { name: /^Chủ sở hữu/ }).inputValue(), { timeout: 15_000 }).toBe("Trần Thị Bình");
    expect(await axeViolations()).toEqual([]);
  });

  it("says that a document tokhai bundle wrote is generated, and opens the file to edit", async () => {
    const doc = JSON.parse(readFileSync(join(FIXTURE, "procedures/a.json"), "utf8"));
    const comment = "Generated by `tokhai bundle` from a.json and its building blocks: edit those, then bundle again.";
    writeFileSync(join(blocksDir, "procedures/a-bundled.json"), JSON.stringify({ $comment: comment, ...doc, id: "vn.test.studio-a-bundled" }, null, 2));
    await page.goto(`http://127.0.0.1:${blocksPort}/?procedure=procedures/a-bundled.json&persona=personas/an.json`);
    const notice = page.locator("#generated");
    await expect.poll(() => textOf(notice.locator("p")), { timeout: 15_000 }).toBe(
      "Tệp này do tokhai bundle tạo ra từ procedures/a.json: đừng sửa nó, hãy sửa procedures/a.json (và các khối của nó) rồi chạy lại tokhai bundle.",
    );
    expect(await axeViolations()).toEqual([]);
    await page.locator("#locale").selectOption("en");
    expect(await textOf(notice.locator("p"))).toBe("This file is generated by tokhai bundle from procedures/a.json: do not edit it; edit procedures/a.json (and its blocks), then bundle again.");
    await notice.getByRole("button", { name: "Open procedures/a.json" }).click();
    await expect.poll(() => page.locator("#procedure").inputValue()).toBe("procedures/a.json");
    await expect.poll(() => notice.isHidden(), { timeout: 15_000 }).toBe(true);
    await page.locator("#locale").selectOption("vi");
  });
});
