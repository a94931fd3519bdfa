// The declaration of every example procedure × persona, in a real Chromium: the HTML shows the
// citizen's name and the names of the provinces and communes of the data (never their codes), marks the
// verified values, and axe-core finds nothing, in Vietnamese and in English; the browser bundles do not
// carry it; the hostile-text corpus,
// in every slot of a declaration, stays text (no element or attribute comes out of it, nothing runs,
// the text is shown character for character). One browser for all.
import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDeclaration } from "@tokhai/core/document";
import { launchChromium } from "./chromium.js";
import { personaOf, type Json } from "./examples.js";
import { EXAMPLE_CASES, exampleSubmission, placeNames } from "./render-examples.js";
import { hostileDeclaration } from "../fixtures/render/declaration-procedure.js";
import { XSS_PAYLOADS } from "../../packages/elements/test/support/xss.js";

const AXE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

let browser: Browser;
let page: Page;
/** The document the page is shown next. */
let current = "";
let shown = 0;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  // Each document is served as a page of its own (its own Content-Security-Policy, which setContent would
  // carry from one document to the next), from memory.
  await page.route("https://declaration.test/**", (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: current }));
}, 60_000);
afterAll(() => browser?.close());

/** The page, showing `html`. */
async function open(html: string): Promise<Page> {
  current = html;
  await page.goto(`https://declaration.test/${++shown}`);
  return page;
}

/** axe-core on the page: the violations, as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // page.evaluate is exempt from the document's CSP
  const results = await page.evaluate(async () => (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Json> } }).axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.flatMap((v: Json) => v.nodes.map((n: Json) => `${v.id}: ${v.help} — ${JSON.stringify(n.target)}`));
}

describe.each(EXAMPLE_CASES)("the declaration of examples/procedures/%s.json for %s", (name, persona) => {
  it("shows the citizen's name and the places by name, marks verified values, and axe finds nothing, in Vietnamese and English", async () => {
    const s = await exampleSubmission(name, persona);
    const places = placeNames(s.envelope.data);
    expect(places.length).toBeGreaterThan(0);
    for (const locale of ["vi", "en"]) {
      // In English without the registers: the lookups are answered by what the envelope claims of them.
      const html = await renderDeclaration(s.procedure, s.envelope, { context: s.context, locale, ...(locale === "vi" ? { lookup: s.lookup } : {}) });
      const page = await open(html);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain(personaOf(persona).citizen.fullName);
      for (const place of places) expect(text, place).toContain(place);
      expect(text).toContain(locale === "vi" ? "✔ Đã xác thực · Từ Cơ sở dữ liệu quốc gia về dân cư" : "✔ Verified · From National population database");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      // The style sheet applies under the document's own Content-Security-Policy.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("th")!).borderTopStyle)).toBe("solid");
      expect(await axeViolations(page), locale).toEqual([]);
    }
  });
});

describe("the browser bundles", () => {
  it("do not carry the declaration document (it is in @tokhai/core/document only)", () => {
    for (const bundle of ["dist/tokhai.js", "dist/tokhai.precompiled.js"]) {
      const map = new URL(`../../${bundle}.map`, import.meta.url);
      if (!existsSync(map)) throw new Error(`${bundle}.map is missing: run \`npm run bundle\` (npm test does)`);
      const sources = (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources;
      expect(sources.some((f) => f.includes("packages/core/dist/form.js")), bundle).toBe(true);
      expect(sources.filter((f) => f.includes("/document/")), bundle).toEqual([]);
    }
  });
});

describe("hostile text in a declaration, in Chromium", () => {
  it("stays text in every slot: no element, attribute or script comes out of it, and it is shown character for character", async () => {
    const dialogs: string[] = [];
    // Any call a payload could make is recorded (the document's CSP forbids scripts anyway).
    await page.addInitScript(() => {
      const w = window as unknown as { __calls: string[]; __xss: (n: number) => void; alert: unknown; confirm: unknown; prompt: unknown };
      w.__calls = [];
      w.__xss = (n) => void w.__calls.push(`__xss(${n})`);
      for (const name of ["alert", "confirm", "prompt"] as const) w[name] = (m: unknown) => void w.__calls.push(`${name}(${String(m)})`);
    });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const shape = (page: Page) => page.evaluate(() => [...document.querySelectorAll("*")].map((e) => `${e.localName}[${[...e.attributes].map((a) => a.name).join(",")}]`).join(" "));
    // The declaration with plain text in every slot: the elements and attributes a declaration has.
    const plain = await hostileDeclaration("Nguyễn Văn An");
    const expected = await shape(await open(await renderDeclaration(plain.procedure, plain.envelope, { context: plain.context, receipt: plain.receipt })));
    for (const p of XSS_PAYLOADS) {
      const { procedure, envelope, context, receipt } = await hostileDeclaration(p);
      const html = await renderDeclaration(procedure, envelope, { context, receipt });
      await open(html);
      expect(await shape(page), p).toBe(expected);
      const shown = p.replace(/\u0000/g, "\uFFFD");
      const texts = await page.evaluate(() => ({
        title: document.title,
        h1: document.querySelector("h1")!.textContent,
        step: document.querySelector("#step-1")!.textContent,
        values: [...document.querySelectorAll(".value")].map((e) => e.textContent),
        cells: [...document.querySelectorAll("td")].map((e) => e.textContent),
        statement: document.querySelector(".statement")!.textContent,
        marks: [...document.querySelectorAll(".mark")].map((e) => e.textContent),
        headings: [...document.querySelectorAll("h3, h4")].map((e) => e.textContent),
        signedBy: document.querySelector(".signed-by")!.textContent,
        calls: (window as unknown as { __calls: string[] }).__calls,
      }));
      expect(texts.title, p).toBe(`${shown} — ${shown}`);
      expect(texts.h1, p).toBe(shown);
      expect(texts.step, p).toBe(`1. ${shown}`);
      expect(texts.values, p).toContain(shown); // the citizen's name, the note, the province's name
      expect(texts.values.filter((v) => v === shown).length, p).toBeGreaterThanOrEqual(3);
      expect(texts.cells, p).toContain(shown); // the file's title and name, the receipt, the signature
      expect(texts.statement, p).toBe(`☑${shown}`);
      expect(texts.marks, p).toContain(`✔ Đã xác thực · Từ ${shown}`);
      expect(texts.headings, p).toEqual(expect.arrayContaining([shown, `Thành viên — ${shown}`]));
      expect(texts.signedBy, p).toBe(shown);
      expect(texts.calls, p).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  }, 60_000);
});
