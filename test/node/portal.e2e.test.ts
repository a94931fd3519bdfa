// The example portal end to end, in Chromium, as `npm start` serves it (examples/server/server.mjs):
// for every procedure of examples/procedures and every persona of examples/data/personas, the page
// loads under its Content-Security-Policy with procedures compiled by `tokhai compile`, the prefilled fields show as
// verified, the remaining fields are completed with the keyboard alone (what to type comes from
// test/e2e/answers/<procedure>.json), the review page is reached, the submission goes to the back end
// and it answers 201; axe-core finds nothing on any step or on the review page. The walk follows the
// steps the form shows for the persona (conditional steps, an exit page in place of the rest), not the
// document's list. A persona a procedure has no service for (e.g. a married citizen registering a
// marriage) is shown the exit page after the step that decides it: its title, its text, its link, no
// Continue or Submit; the keyboard reaches the link and Back; nothing is submitted. A tampered
// envelope posted directly is refused with 422. The lookups in registers go through the back end
// (GET /api/lookups/<name>): the marriage registration's other party found, not found, slow (the answer
// held back with page.route) and failing (503, then "try again" by keyboard), and a business name
// already taken; axe finds nothing in any of these states. A procedure that requires a signature is
// signed in the stand-in signing dialog (cancelled once with Escape, every answer kept, then signed); an
// optional one is signed by choice. The back end's receipt shows the envelope's reference, time and
// digest; its declaration downloads as a PDF, opens as HTML for its citizen only, and prints from a frame;
// the same envelope sent again (a lost answer, "Gửi lại hồ sơ") gets the first receipt, 200.
// TOKHAI_SCREENSHOTS=<dir> writes screenshots of the lookup states there.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, FileChooser, Locator, Page } from "playwright";
import { envelopeDigest } from "@tokhai/core";
import { launchChromium } from "./chromium.js";
import { signedBy } from "./signing.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ES modules of the examples, without types
import { createExampleServer, CONTENT_SECURITY_POLICY } from "../../examples/server/server.mjs";
// @ts-expect-error: plain ES modules of the examples, without types
import { ensureCompiled } from "../../examples/server/compiled.mjs";
import { answersOf, PERSONA_NAMES as personaNames, PROCEDURE_NAMES as procedureNames, readJson, type Answer, type AnswerFile, type Json } from "./examples.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const at = (path: string) => join(root, path);

const documents: Record<string, Json> = Object.fromEntries(procedureNames.map((n) => [n, readJson(`examples/procedures/${n}.json`)]));
/** What the citizen types in a procedure, per persona; an empty plan (which fails its test) when there is no file. */
const planOf = (procedure: string): AnswerFile =>
  existsSync(at(`test/e2e/answers/${procedure}.json`)) ? answersOf(procedure) : { samplePersona: "", personas: {} };
const AXE = readFileSync(at("node_modules/axe-core/axe.min.js"), "utf8");

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(at("dist/tokhai.precompiled.js"))) throw new Error("dist/tokhai.precompiled.js is missing: run `npm run bundle` (npm test does)");
  await ensureCompiled();
  // Its submissions go to a PGlite in memory, closed with the server.
  server = createExampleServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** A page of the portal with what it reported: page errors, CSP violations, form diagnostics. */
async function openPortal(procedure: string, persona: string, lang: "vi" | "en" = "vi", layout: "steps" | "tasks" = "steps"): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  // en-US: a browser whose own date order (month, day, year) is not Vietnam's, which the form's
  // dates must not follow (they ask for day, month and year, in that order, in every locale).
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
    document.addEventListener(
      "tk-diagnostic",
      (e) => {
        const diagnostic = (e as unknown as { diagnostic: { code: string } }).diagnostic;
        // The citizen cancelling a signature is their choice, not a problem of the page.
        if (diagnostic.code !== "signer-cancelled") w.__violations.push(`diagnostic ${JSON.stringify(diagnostic)}`);
      },
      true,
    );
    // Printing is counted, not shown (in every frame: the declaration is printed from one).
    window.print = () => {
      const top = window.top as unknown as { printed?: string[] };
      (top.printed ??= []).push(location.pathname);
    };
  });
  const response = await page.goto(`${base}/?procedure=${procedure}&persona=${persona}&lang=${lang}${layout === "tasks" ? "&layout=tasks" : ""}`);
  expect(response?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  await page.locator("tk-form h1").waitFor();
  await expect.poll(() => page.locator("#form-status").textContent()).toBe("");
  return { page, context, problems };
}

/** Everything the page reported that it should not have. */
async function reported(page: Page, problems: string[]): Promise<string[]> {
  return [...problems, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))];
}

/** axe-core on the whole page (it looks into shadow roots): the violations, as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  // page.evaluate is exempt from the page's CSP; a <script> tag would not be.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Json> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return results.violations.flatMap((v: Json) => v.nodes.map((n: Json) => `${v.id}: ${v.help} — ${JSON.stringify(n.target)}`));
}

/** Whether `control` is the element with focus, looking through shadow roots. */
function isFocused(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === el;
  });
}

/** Presses Tab until `control` (or, for a radio group, one of `controls`) has focus: keyboard only. */
async function tabTo(page: Page, controls: Locator): Promise<Locator> {
  const count = await controls.count();
  expect(count, "the control to reach exists").toBeGreaterThan(0);
  for (let presses = 0; presses < 400; presses++) {
    for (let i = 0; i < count; i++) if (await isFocused(controls.nth(i))) return controls.nth(i);
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${controls}`);
}

/** A step as the page's core form lists it. */
type ShownStep = { readonly id: string; readonly kind: string };

/** The steps the form shows for this citizen now (`Form.steps()`): conditional steps that hold, up to an exit page. */
function shownSteps(page: Page): Promise<ShownStep[]> {
  return page.evaluate(() => {
    const tk = document.querySelector("tk-form") as unknown as { form: { steps(): { id: string; kind?: string }[] } };
    return tk.form.steps().map((s) => ({ id: s.id, kind: s.kind ?? "questions" }));
  });
}

/** The heading of the page the form shows (a step, an exit page, the review page). */
const heading = (page: Page) => page.locator("tk-form h2#step-title").innerText();

/** The pointers of the step's roots that `pointer` is under. */
const inStep = (step: Json, pointer: string) => step.fields.some((root: string) => pointer === root || pointer.startsWith(`${root}/`));

/** The field element of a pointer, inside the form. */
const field = (page: Page, pointer: string) => page.locator(`tk-form [pointer="${pointer}"]`).first();

/** Adds rows to the repeat that holds `pointer` (…/rows/<n>/…) until row n exists, with the keyboard. */
async function ensureRow(page: Page, pointer: string): Promise<void> {
  const match = /^(.*)\/(\d+)(\/.*)?$/.exec(pointer);
  if (!match) return;
  const [, list, index] = match;
  // A row shows as its own element (a row of scalars) or as its fields' (a row of objects).
  const rowShown = async () => (await page.locator(`tk-form [pointer="${list}/${index}"], tk-form [pointer^="${list}/${index}/"]`).count()) > 0;
  for (let guard = 0; guard < 10 && !(await rowShown()); guard++) {
    await tabTo(page, field(page, list!).locator("[part='add']"));
    await page.keyboard.press("Enter");
    await page.waitForTimeout(50);
  }
}

/** What the page's core form says of a field: its value, title and options. */
function fieldState(page: Page, pointer: string): Promise<{ value: unknown; title?: string; options: { value: unknown; label: string }[] }> {
  return page.evaluate((p) => {
    const state = (document.querySelector("tk-form") as unknown as { form: { field(p: string): { value: unknown; title?: string; options?: { value: unknown; label: string }[] } } }).form.field(p);
    return { value: state.value, title: state.title, options: state.options ?? [] };
  }, pointer);
}

/** Text as people type it on a keyboard without Vietnamese input: no diacritics, đ as d. */
const withoutDiacritics = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d");

/** Types one answer into its field with the keyboard, by the kind of control the field shows. */
async function answer(page: Page, pointer: string, value: Answer): Promise<void> {
  await ensureRow(page, pointer);
  const element = field(page, pointer);
  await element.waitFor();
  const radios = element.locator("input[type='radio']");
  const select = element.locator("select");
  const combobox = element.locator("input[role='combobox']");
  const file = element.locator("input[type='file']");
  const checkbox = element.locator("input[type='checkbox']");
  const dateParts = element.locator(".date-input input");
  const text = element.locator("input, textarea");

  if (typeof value === "object") {
    const control = await tabTo(page, file);
    // Space on the focused input opens the file chooser. Chromium sometimes drops the request when a
    // chooser was just closed on the page: press it again, as a citizen would.
    let chooser: FileChooser | undefined;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 3_000 }).catch(() => undefined), page.keyboard.press("Space")]);
    }
    expect(chooser, `${pointer}: the file chooser opens from the keyboard`).toBeDefined();
    await chooser!.setFiles({ name: value.name, mimeType: value.type, buffer: Buffer.from(`%PDF-1.7 tokhai e2e ${value.name}\n`) });
    expect(await isFocused(control)).toBe(true);
    await expect.poll(async () => ((await fieldState(page, pointer)).value as { name?: string } | undefined)?.name).toBe(value.name);
  } else if (await radios.count()) {
    const { options } = await fieldState(page, pointer);
    const target = options.findIndex((o) => o.value === value);
    expect(target, `${pointer}: option ${JSON.stringify(value)}`).toBeGreaterThanOrEqual(0);
    await tabTo(page, radios);
    const checked = () => radios.evaluateAll((els) => els.findIndex((el) => (el as HTMLInputElement).checked));
    if ((await checked()) !== target) {
      const focused = async () => {
        for (let i = 0; i < (await radios.count()); i++) if (await isFocused(radios.nth(i))) return i;
        return -1;
      };
      if ((await focused()) === target) await page.keyboard.press("Space");
      for (let guard = 0; guard < options.length && (await checked()) !== target; guard++) await page.keyboard.press("ArrowDown");
    }
    await expect.poll(checked).toBe(target);
  } else if (await combobox.count()) {
    // A searchable list: type part of the label without its diacritics, as people do, Down to the
    // option, Enter. A cascade's options arrive once what it reads is chosen.
    await expect.poll(async () => (await fieldState(page, pointer)).options.length, { message: `${pointer} has options` }).toBeGreaterThan(0);
    const { options, value: current } = await fieldState(page, pointer);
    const target = options.find((o) => o.value === value);
    expect(target, `${pointer}: option ${JSON.stringify(value)}`).toBeDefined();
    const control = await tabTo(page, combobox);
    if (current !== value) {
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.type(withoutDiacritics(target!.label).split(" ").slice(-2).join(" "));
      const active = element.locator("[role='option'][aria-selected='true']");
      for (let guard = 0; guard <= options.length; guard++) {
        await page.keyboard.press("ArrowDown");
        if ((await active.count()) && (await active.innerText()).trim() === target!.label) break;
      }
      expect((await active.innerText()).trim(), `${pointer}: the option reached with Down`).toBe(target!.label);
      await page.keyboard.press("Enter");
    }
    await expect.poll(async () => (await fieldState(page, pointer)).value).toBe(value);
    await expect.poll(() => control.inputValue()).toBe(target!.label);
  } else if (await select.count()) {
    // A cascade's options arrive once what it reads is chosen.
    await expect.poll(async () => (await fieldState(page, pointer)).options.length, { message: `${pointer} has options` }).toBeGreaterThan(0);
    const { options } = await fieldState(page, pointer);
    const target = options.findIndex((o) => o.value === value) + 1; // after the "choose" placeholder
    expect(target, `${pointer}: option ${JSON.stringify(value)}`).toBeGreaterThan(0);
    await tabTo(page, select);
    const current = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
    const key = target > current ? "ArrowDown" : "ArrowUp";
    for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
    await expect.poll(() => select.evaluate((el) => (el as HTMLSelectElement).selectedIndex)).toBe(target);
  } else if (await checkbox.count()) {
    await tabTo(page, checkbox);
    if ((await checkbox.isChecked()) !== value) await page.keyboard.press("Space");
    await expect.poll(() => checkbox.isChecked()).toBe(value);
  } else if (await dateParts.count()) {
    // Day, Month and Year (or Month and Year for a month of a year), one text input each, typed as
    // people write them (no leading zeros), one after another with Tab.
    const [year, month, day] = String(value).split("-");
    const parts = [day, month, year].filter((p): p is string => p !== undefined).map((p) => (p.length === 2 ? String(Number(p)) : p));
    expect(await dateParts.count(), `${pointer}: one input per part`).toBe(parts.length);
    await tabTo(page, dateParts.first());
    for (const [i, part] of parts.entries()) {
      if (i > 0) await page.keyboard.press("Tab");
      expect(await isFocused(dateParts.nth(i))).toBe(true);
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.type(part);
    }
    await expect.poll(async () => (await fieldState(page, pointer)).value).toBe(value);
  } else {
    const control = await tabTo(page, text.first());
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type(String(value));
    await expect.poll(() => control.inputValue()).toBe(String(value));
  }
  await page.evaluate(() => (document.querySelector("tk-form") as unknown as { ready(): Promise<void> }).ready());
}

/** Presses the form's primary button (Continue, or Submit on the review page) with the keyboard. */
async function pressPrimary(page: Page): Promise<void> {
  await tabTo(page, page.locator("tk-form button.primary"));
  await page.keyboard.press("Enter");
}

/**
 * The stand-in signing service's dialog (examples/portal/signing.js), opened by Submit on the review page
 * of a procedure that requires a signature: it shows the digest, with the focus on "Ký số". With
 * `cancelFirst`, the citizen first cancels with Escape: <tk-form> says so with the focus on the message,
 * nothing is sent, the review page keeps every answer; Submit opens the dialog again. Then Enter signs.
 * Returns axe's violations on the dialog.
 */
async function signInDialog(page: Page, cancelFirst: boolean): Promise<string[]> {
  const dialog = page.locator("dialog.signing");
  await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await dialog.locator("code.digest").innerText()).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(await isFocused(dialog.locator("button", { hasText: "Ký số" }))).toBe(true);
  const a11y = (await axeViolations(page)).map((v) => `signing dialog: ${v}`);
  if (cancelFirst) {
    const answersBefore = await page.evaluate(() => JSON.stringify((document.querySelector("tk-form") as unknown as { form: { get(p: string): unknown } }).form.get("")));
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    const message = page.locator("tk-form [part~='signing-message']");
    await expect.poll(() => message.innerText(), { timeout: 10_000 }).toContain("Bạn đã hủy ký số");
    await expect.poll(() => page.evaluate(() => document.querySelector("tk-form")!.shadowRoot!.activeElement?.closest("[part~='signing-message']") !== null)).toBe(true);
    expect(await page.locator("tk-form [part='review']").count()).toBe(1);
    expect(await page.locator("#result").isHidden()).toBe(true);
    expect(await page.evaluate(() => JSON.stringify((document.querySelector("tk-form") as unknown as { form: { get(p: string): unknown } }).form.get("")))).toBe(answersBefore);
    a11y.push(...(await axeViolations(page)).map((v) => `signing cancelled: ${v}`));
    await pressPrimary(page);
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
  }
  await page.keyboard.press("Enter");
  return a11y;
}

/**
 * The receipt's declaration, for the citizen who sent it: the PDF to download (a real PDF), the HTML page
 * (the citizen's name and the reference in it), and "In tờ khai", which prints that page from a frame
 * without leaving the portal. Sending the same envelope again answers 200 with the same receipt.
 */
async function expectDeclaration(page: Page, envelope: Json, persona: string): Promise<void> {
  const pdf = await page.request.get(new URL((await page.locator("#download-pdf").getAttribute("href"))!, page.url()).href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(envelope.id);
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const name = (await page.evaluate(() => (document.querySelector("tk-form") as unknown as { context: { citizen?: { fullName?: string } } }).context.citizen?.fullName)) as string;
  const html = await page.request.get(new URL((await page.locator("#view-html").getAttribute("href"))!, page.url()).href);
  expect(html.status()).toBe(200);
  const text = await html.text();
  expect(text).toContain(name);
  expect(text).toContain(envelope.id);
  // Another citizen does not get it.
  const other = personaNames.find((p) => p !== persona)!;
  const theirs = await page.request.get(`${base}/submissions/${envelope.id}/declaration.html?persona=${other}`);
  expect(theirs.status()).toBe(404);
  // Print: the declaration loads in a frame that prints it (window.print is counted, not shown, here).
  await tabTo(page, page.locator("#print-declaration"));
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: string[] }).printed ?? [])).toEqual([expect.stringContaining("/declaration.html")]);
  const frame = page.frameLocator("#print-frame");
  expect(await frame.locator("body").innerText()).toContain(name);
  // The same envelope again (a retried request): 200, the first receipt, no second submission.
  const again = await page.evaluate(
    async ([body, who]) => {
      const response = await fetch(`/submissions?persona=${who}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      return { status: response.status, receipt: await response.json() };
    },
    [JSON.stringify(envelope), persona] as const,
  );
  expect(again.status).toBe(200);
  expect(again.receipt.id).toBe(envelope.id);
  expect(again.receipt.digest).toBe(await page.locator("#receipt .digest").innerText());
}

/** The error summary's lines, if it shows. */
async function summary(page: Page): Promise<string[]> {
  const box = page.locator("tk-form [part='error-summary']");
  return (await box.count()) ? box.locator("li").allInnerTexts() : [];
}

/** On the current step: every field that the state's data filled and locked shows as verified. */
async function expectVerified(page: Page): Promise<number> {
  const locked: string[] = await page.evaluate(() => {
    const tk = document.querySelector("tk-form") as unknown as { form: { field(p: string): { locked: boolean; value: unknown; visible: boolean } } };
    const pointers = new Set<string>();
    const walk = (node: Element | ShadowRoot) => {
      for (const el of node.querySelectorAll("[pointer]")) pointers.add(el.getAttribute("pointer")!);
      for (const el of node.querySelectorAll("*")) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document.querySelector("tk-form")!.shadowRoot!);
    return [...pointers].filter((p) => {
      const s = tk.form.field(p);
      return s.locked && s.visible && s.value !== undefined && (typeof s.value !== "object" || s.value === null);
    });
  });
  for (const pointer of locked) {
    expect(await field(page, pointer).locator("[part~='verified']").count(), `${pointer} shows as verified`).toBeGreaterThan(0);
  }
  return locked.length;
}

describe.each(procedureNames)("the example portal: %s", (procedure) => {
  const document = documents[procedure]!;
  const plan = planOf(procedure);

  it(`has a plan for every persona (test/e2e/answers/${procedure}.json)`, () => {
    expect(Object.keys(plan.personas).sort()).toEqual(personaNames);
    expect(personaNames).toContain(plan.samplePersona);
  });

  it.each(personaNames.filter((p) => plan.personas[p]))(
    "%s: loads, shows verified data, is completed with the keyboard and accepted by the back end (201), or shown its exit page, with no axe violation",
    async (persona) => {
      const { page, context, problems } = await openPortal(procedure, persona);
      const { answers = {}, exit } = plan.personas[persona]!;
      const posted: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).pathname === "/submissions") posted.push(request.method());
      });
      const a11y: string[] = [];
      let verified = 0;
      try {
        expect(await page.locator("tk-form h1").innerText()).toBe(document.title);
        const stepOf = (id: string): Json => document.steps.find((s: Json) => s.id === id);
        // The form's steps for this citizen, from the first: each answered, then Continue to the next it shows.
        let current: ShownStep | undefined = (await shownSteps(page))[0];
        let exitShown: Json | undefined;
        const visited: string[] = [];
        while (current) {
          const step = stepOf(current.id);
          expect(step.kind ?? "questions", `${step.id} is a step with questions`).toBe("questions");
          visited.push(step.id);
          await expect.poll(() => heading(page)).toBe(step.title);
          // The step indicator names it, when there is one (two steps with questions or more).
          const questions = (await shownSteps(page)).filter((s) => s.kind !== "exit");
          if (questions.length > 1) expect(await page.locator("tk-form [aria-current='step']").innerText()).toContain(step.title);
          else expect(await page.locator("tk-form [part='steps']").count()).toBe(0);
          verified += await expectVerified(page);
          a11y.push(...(await axeViolations(page)).map((v) => `step ${step.id}: ${v}`));
          for (const [pointer, value] of Object.entries(answers)) if (inStep(step, pointer)) await answer(page, pointer, value);
          // Its answers are in: what comes after it is settled (answer() waits for the form to be ready).
          const shown = await shownSteps(page);
          const next = shown[shown.findIndex((s) => s.id === step.id) + 1];
          await pressPrimary(page);
          const expected = next === undefined ? "the review page" : next.kind === "exit" ? `exit page ${next.id}` : `step ${next.id}`;
          await expect
            .poll(
              async () => {
                const errors = await summary(page);
                if (errors.length) return `errors: ${errors.join(" | ")}`;
                if (next === undefined) return (await page.locator("tk-form [part='review']").count()) ? "the review page" : "not yet";
                return (await heading(page)) === stepOf(next.id).title ? expected : "not yet";
              },
              { timeout: 10_000 },
            )
            .toBe(expected);
          if (next?.kind === "exit") exitShown = stepOf(next.id);
          current = next?.kind === "exit" ? undefined : next;
        }
        // Every step with questions the form lists was gone through, and only those.
        expect(visited).toEqual((await shownSteps(page)).filter((s) => s.kind !== "exit").map((s) => s.id));
        expect(exitShown?.id, "the exit page shown").toBe(exit?.step);

        if (exitShown) {
          // The exit page: its title as the heading (focused), its text as paragraphs, its link; no Continue, no Submit.
          const section = page.locator("tk-form [part~='exit']");
          expect(await section.locator("h2").innerText()).toBe(exitShown.title);
          await expect.poll(() => isFocused(section.locator("h2"))).toBe(true);
          const paragraphs = (exitShown.body as string).split(/\n\s*\n/);
          expect(await section.locator("p").allInnerTexts()).toEqual([...paragraphs, exitShown.link.text]);
          const link = section.locator("a");
          expect(await link.getAttribute("href")).toBe(exitShown.link.href);
          expect(await page.locator("tk-form button.primary").count()).toBe(0);
          expect(await page.locator("tk-form [part='steps']").count()).toBe(0);
          a11y.push(...(await axeViolations(page)).map((v) => `exit page: ${v}`));
          // The keyboard reaches the link, then Back, which returns to the step that decided it.
          await page.keyboard.press("Tab");
          expect(await isFocused(link)).toBe(true);
          await page.keyboard.press("Tab");
          const back = page.locator("tk-form [part~='actions'] button").first();
          expect(await back.innerText()).toBe("Quay lại");
          expect(await isFocused(back)).toBe(true);
          await page.keyboard.press("Enter");
          await expect.poll(() => heading(page)).toBe(stepOf(visited.at(-1)!).title);
          // Nothing can be submitted, not even by the host page.
          expect(await page.evaluate(() => (document.querySelector("tk-form") as unknown as { submit(): Promise<boolean> }).submit())).toBe(false);
          await expect.poll(() => heading(page)).toBe(exitShown.title);
          expect(await page.locator("#result").isHidden()).toBe(true);
          expect(posted).toEqual([]);
        }
        if (!exit) {
          // The review page: every answer is there; submit (signing first where the procedure requires
          // it); the back end answers 201 with a receipt.
          a11y.push(...(await axeViolations(page)).map((v) => `review: ${v}`));
          await pressPrimary(page);
          if (document.signature === "required") a11y.push(...(await signInDialog(page, persona === plan.samplePersona)));
          await expect.poll(() => page.locator("#answer").getAttribute("data-status"), { timeout: 15_000 }).toBe("201");
          expect(await page.locator("#answer").innerText()).toBe("Máy chủ đã tiếp nhận hồ sơ (HTTP 201).");
          const envelope = JSON.parse((await page.locator("#envelope").textContent())!);
          expect(envelope.procedure).toEqual({ id: document.id, version: document.version });
          // The receipt: the envelope's reference, when it was received, the digest of what was received.
          const digest = await envelopeDigest(envelope);
          expect(await page.locator("#receipt .reference").innerText()).toBe(envelope.id);
          expect(await page.locator("#receipt .digest").innerText()).toBe(digest);
          expect(await page.locator("#receipt dd").nth(1).innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
          if (document.signature === "required") {
            expect(envelope.signature).toMatchObject({ alg: "ES256", digest, signer: expect.any(String) });
            expect(await page.locator("#receipt").innerText()).toContain(envelope.signature.signer);
          } else expect(envelope.signature).toBeUndefined();
          if (persona === plan.samplePersona) await expectDeclaration(page, envelope, persona);
          // The provenance table lists every value, the verified ones as such.
          const shown = await page.locator("#provenance tbody th").evaluateAll((ths) => ths.map((th) => th.getAttribute("title")));
          expect([...shown].sort()).toEqual(Object.keys(envelope.provenance).sort());
          // In the order of the data, as the procedure lists its fields.
          const dataOrder: string[] = [];
          const walk = (value: unknown, pointer: string) => {
            dataOrder.push(pointer);
            if (value !== null && typeof value === "object") for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${key}`);
          };
          walk(envelope.data, "");
          expect(shown).toEqual(dataOrder.filter((p) => p in envelope.provenance));
          expect(await page.locator("#provenance td[data-locked]").count()).toBe(Object.values(envelope.provenance).filter((p: any) => p.locked).length);
          // Each row is named as the citizen reads it (a file's name, type and size under the file's
          // title), dates and months as Vietnamese write them and numbers grouped: no pointer, no ISO date.
          const named = await page.locator("#provenance tbody th").allInnerTexts();
          expect(named.filter((label) => label.startsWith("/"))).toEqual([]);
          const values = await page.locator("#provenance tbody td:nth-child(2)").allInnerTexts();
          expect(values.filter((v) => /^\d{4}-\d{2}(-\d{2})?$/.test(v))).toEqual([]);
          const dataAt = (pointer: string) => pointer.split("/").slice(1).reduce((node: any, key) => node?.[key], envelope.data);
          const ungrouped = shown.map((pointer, i) => [pointer, dataAt(pointer!), values[i]] as const).filter(([, v, text]) => typeof v === "number" && v >= 1000 && !/[.,\s]/.test(text!));
          expect(ungrouped).toEqual([]);
          for (const [pointer, value] of Object.entries(answers)) {
            if (typeof value === "object") expect(envelope.attachments).toContainEqual(expect.objectContaining({ pointer, name: value.name, type: value.type }));
            else expect(["user", "default"], `${pointer} was typed`).toContain(envelope.provenance[pointer]?.source);
            // A month of a year reads as Vietnamese write it: 09/2023.
            const month = typeof value === "string" ? /^(\d{4})-(\d{2})$/.exec(value) : null;
            if (month) expect(values[shown.indexOf(pointer)], pointer).toBe(`${month[2]}/${month[1]}`);
          }
          a11y.push(...(await axeViolations(page)).map((v) => `result: ${v}`));
        }
        expect(a11y).toEqual([]);
        expect(await reported(page, problems)).toEqual([]);
        if (persona !== "pham-quoc-huy") expect(verified, "fields shown as verified").toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it("refuses a tampered envelope posted directly with 422", async () => {
    // An envelope the portal's core makes for the sample persona, with a verified value changed.
    const { page, context } = await openPortal(procedure, plan.samplePersona);
    try {
      const tampered = await page.evaluate(async (answers) => {
        const tk = window.document.querySelector("tk-form") as any;
        for (const [pointer, value] of Object.entries(answers)) {
          const m = /^(.*)\/(\d+)\//.exec(pointer);
          while (m && (tk.form.get(m[1]) ?? []).length <= Number(m[2])) tk.form.addRow(m[1]);
          tk.form.set(pointer, typeof value === "object" && value !== null ? { ...(value as object), size: 2048 } : value);
        }
        await tk.form.settled();
        const result = await tk.form.submission();
        if (!result.ok) return { error: JSON.stringify(result.errors) };
        const envelope = result.envelope;
        const lockedPointer = Object.entries(envelope.provenance).find(([, p]: [string, any]) => p.locked)?.[0];
        return { envelope, lockedPointer };
      }, plan.personas[plan.samplePersona]!.answers ?? {});
      expect(tampered.error).toBeUndefined();
      const post = (body: unknown) =>
        fetch(`${base}/submissions?persona=${plan.samplePersona}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      // Signed by the persona where the procedure requires it, as the portal's signer does.
      const signed = (e: any) => (documents[procedure]!["signature"] === "required" ? signedBy(e, plan.samplePersona) : e);
      // Untouched, it is accepted: the refusal below is the tampering's doing.
      expect((await post(await signed(tampered.envelope))).status).toBe(201);
      // Another declaration (a used id would be a conflict, 409), signed again after the change.
      const envelope = { ...structuredClone(tampered.envelope), id: crypto.randomUUID() };
      const pointer: string = tampered.lockedPointer!;
      expect(pointer, "the sample persona has a verified value").toBeDefined();
      const segments = pointer.split("/").slice(1);
      const last = segments.pop()!;
      const parent = segments.reduce((node: any, key) => node[key], envelope.data);
      parent[last] = typeof parent[last] === "string" ? `${parent[last]}X` : "tampered";
      const response = await post(await signed(envelope));
      expect(response.status).toBe(422);
      const body = await response.json();
      expect(body.errors).toContainEqual(expect.objectContaining({ pointer, keyword: "x-lock" }));
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe("the example portal's drafts", () => {
  it("keeps what was typed across a reload, says so, and shows it to no other citizen", async () => {
    const { page, context, problems } = await openPortal("dang-ky-thuong-tru", "pham-quoc-huy");
    try {
      await answer(page, "/applicant/phone", "0987654321");
      await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("tokhai-draft:vn.cu-tru.dang-ky-thuong-tru@1:pham-quoc-huy")));
      await page.reload();
      await page.locator("tk-form h1").waitFor();
      await expect.poll(() => page.locator("tk-form [part~='draft-notice']").innerText()).toMatch(/^Đã khôi phục bản nháp lưu lúc/);
      expect(await field(page, "/applicant/phone").locator("input").inputValue()).toBe("0987654321");
      expect(await axeViolations(page)).toEqual([]);
      // Another citizen on the same browser does not see it.
      await page.goto(`${base}/?procedure=dang-ky-thuong-tru&persona=le-thi-mai&lang=vi`);
      await page.locator("tk-form h1").waitFor();
      await expect.poll(() => page.locator("#form-status").textContent()).toBe("");
      expect(await page.locator("tk-form [part~='draft-notice']").count()).toBe(0);
      expect(await reported(page, problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe("the example portal's language", () => {
  it("switches the page and the form to English in place, keeping what was typed", async () => {
    const { page, context, problems } = await openPortal("dang-ky-thuong-tru", "pham-quoc-huy");
    try {
      await answer(page, "/applicant/phone", "0987654321");
      const language = await tabTo(page, page.locator("#locale"));
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => language.inputValue()).toBe("en");
      await expect.poll(() => page.locator("tk-form h1").innerText()).toBe("Permanent residence registration");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      expect(await page.locator("label[for='procedure']").innerText()).toBe("Procedure");
      expect(await page.locator("#persona-note").innerText()).toMatch(/^Gaps in the record/);
      expect(await page.locator("#procedure option:checked").innerText()).toBe("Permanent residence registration");
      expect(await field(page, "/applicant/phone").locator("input").inputValue()).toBe("0987654321");
      expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
      expect(await axeViolations(page)).toEqual([]);
      expect(await reported(page, problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("opens in English from the address, and says so when a procedure cannot be loaded", async () => {
    const { page, context } = await openPortal("dang-ky-thuong-tru", "le-thi-mai", "en");
    try {
      expect(await page.locator(".brand").innerText()).toBe("Public services portal — tokhai example");
      expect(await page.title()).toBe("Public services portal (example) — tokhai");
      // A compiled procedure that is gone: the page says what failed instead of hanging.
      await page.route("**/compiled/dang-ky-thuong-tru.js", (route) => route.fulfill({ status: 404, body: "" }));
      await page.goto(`${base}/?procedure=dang-ky-thuong-tru&persona=le-thi-mai&lang=en&reload=1`);
      await expect.poll(() => page.locator("#form-status").innerText()).toMatch(/^The form could not be loaded: /);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe("the example portal's task list", () => {
  /** The task list's rows: "name: status". */
  const tasks = (page: Page) =>
    page.locator("tk-form [part='tasks'] li.task").evaluateAll((items) =>
      items.map((li) => `${li.querySelector(".task-name")!.textContent!.trim()}: ${li.querySelector(".task-status")!.textContent!.trim()}`),
    );

  it("is completed task by task with the keyboard, in any order, then checked, signed by choice and submitted; an answer lost on the way back is sent again and answered with the first receipt (200), with no axe violation", async () => {
    const procedure = "dang-ky-thuong-tru";
    const document = documents[procedure]!;
    const { answers = {} } = planOf(procedure).personas["le-thi-mai"]!;
    const { page, context, problems } = await openPortal(procedure, "le-thi-mai", "vi", "tasks");
    const a11y: string[] = [];
    try {
      await expect.poll(() => heading(page)).toBe("Các phần của hồ sơ");
      const steps: Json[] = document.steps.filter((s: Json) => s.kind !== "exit");
      expect(await tasks(page)).toEqual([...steps.map((s) => `${s.title}: Chưa bắt đầu`), "Kiểm tra và nộp hồ sơ: Chưa thể bắt đầu"]);
      a11y.push(...(await axeViolations(page)).map((v) => `task list: ${v}`));
      // The last task first, then the others: any order.
      for (const step of [...steps.slice(1).reverse(), steps[0]!]) {
        await tabTo(page, page.locator("tk-form [part='tasks'] a", { hasText: step.title }));
        await page.keyboard.press("Enter");
        await expect.poll(() => heading(page)).toBe(step.title);
        for (const [pointer, value] of Object.entries(answers)) if (inStep(step, pointer)) await answer(page, pointer, value);
        a11y.push(...(await axeViolations(page)).map((v) => `task ${step.id}: ${v}`));
        await pressPrimary(page);
        await expect.poll(async () => ((await summary(page)).length ? `errors: ${(await summary(page)).join(" | ")}` : await heading(page))).toBe("Các phần của hồ sơ");
        expect(await tasks(page)).toContain(`${step.title}: Đã xong`);
      }
      expect(await page.locator("tk-form .tasks-progress").innerText()).toBe(`Bạn đã hoàn thành ${steps.length}/${steps.length} phần.`);
      a11y.push(...(await axeViolations(page)).map((v) => `task list, completed: ${v}`));
      await tabTo(page, page.locator("tk-form [part='tasks'] a", { hasText: "Kiểm tra và nộp hồ sơ" }));
      await page.keyboard.press("Enter");
      await expect.poll(() => heading(page)).toBe("Kiểm tra lại thông tin trước khi nộp");
      // The residence registration's signature is optional: the citizen chooses to sign, with the keyboard.
      expect(document.signature).toBe("optional");
      const optIn = page.locator("tk-form #sign-opt-in");
      expect(await optIn.isChecked()).toBe(false);
      await tabTo(page, optIn);
      await page.keyboard.press("Space");
      expect(await optIn.isChecked()).toBe(true);
      expect(await page.locator("tk-form button.primary").innerText()).toBe("Ký số và nộp hồ sơ");
      // The back end stores it, but its answer is lost on the way back: the portal says it could not send it.
      let lost = 0;
      await page.route("**/submissions?*", async (route) => {
        await route.fetch();
        lost += 1;
        await route.abort("connectionreset");
      });
      await pressPrimary(page);
      a11y.push(...(await signInDialog(page, false)));
      await expect.poll(() => page.locator("#answer").getAttribute("data-status"), { timeout: 15_000 }).toBe("unreachable");
      expect(lost).toBe(1);
      await page.unroute("**/submissions?*");
      a11y.push(...(await axeViolations(page)).map((v) => `answer lost: ${v}`));
      // The form kept its draft, and the declaration's id with it: a reloaded page would send the same declaration.
      const lostEnvelope = JSON.parse((await page.locator("#envelope").textContent())!);
      await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tokhai-draft:")).map((k) => JSON.parse(localStorage.getItem(k)!).id))).toEqual([lostEnvelope.id]);
      // "Gửi lại hồ sơ" submits the form again: the same id, signed again; the back end had stored the
      // first and answers with its receipt (200): no second submission. Then the draft is gone.
      await tabTo(page, page.locator("#resend"));
      await page.keyboard.press("Enter");
      a11y.push(...(await signInDialog(page, false)));
      await expect.poll(() => page.locator("#answer").getAttribute("data-status"), { timeout: 15_000 }).toBe("200");
      expect(await page.locator("#answer").innerText()).toContain("Hồ sơ này đã được tiếp nhận từ trước (HTTP 200)");
      const envelope = JSON.parse((await page.locator("#envelope").textContent())!);
      expect(envelope.id).toBe(lostEnvelope.id);
      expect(envelope.data).toEqual(lostEnvelope.data);
      expect(await page.locator("#receipt .reference").innerText()).toBe(envelope.id);
      expect(envelope.signature).toMatchObject({ alg: "ES256", digest: await envelopeDigest(envelope), signer: "Lê Thị Mai" });
      expect(await page.locator("#receipt").innerText()).toContain("Lê Thị Mai");
      const stored = await (await page.request.get(`${base}/submissions/${envelope.id}?persona=le-thi-mai`)).json();
      expect(stored.envelope).toEqual(lostEnvelope); // the first, as it was received
      expect(await page.locator("#receipt .digest").innerText()).toBe(stored.receipt.digest);
      await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tokhai-draft:")).length)).toBe(0);
      a11y.push(...(await axeViolations(page)).map((v) => `receipt: ${v}`));
      // The layout is in the address, so the page can be linked to as it is.
      expect(new URL(page.url()).searchParams.get("layout")).toBe("tasks");
      expect(a11y).toEqual([]);
      // The browser logs the answer this test cut off; nothing else.
      expect(await reported(page, problems)).toEqual(["console: Failed to load resource: net::ERR_CONNECTION_RESET"]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("the example portal's conditional steps", () => {
  it("shows the health step only for a licence that needs a health check: the indicator and Continue follow the choice", async () => {
    const { page, context, problems } = await openPortal("cap-doi-giay-phep-lai-xe", "nguyen-van-an");
    const indicator = () => page.locator("tk-form [part='steps'] li").allInnerTexts();
    try {
      await pressPrimary(page); // the applicant step: verified data
      await expect.poll(() => heading(page)).toBe("Giấy phép đề nghị đổi");
      // His A1 has no expiry date: no health step.
      await answer(page, "/licence/choice", "010089004512");
      await expect.poll(async () => (await indicator()).some((t) => t.includes("Sức khỏe người lái xe"))).toBe(false);
      // His B2 does: the step is back, and Continue leads to it.
      await answer(page, "/licence/choice", "790162031845");
      await expect.poll(async () => (await indicator()).some((t) => t.includes("Sức khỏe người lái xe"))).toBe(true);
      await answer(page, "/reason", "expired");
      await pressPrimary(page);
      await expect.poll(() => heading(page)).toBe("Sức khỏe người lái xe");
      expect(await axeViolations(page)).toEqual([]);
      // Back to the A1: Continue skips the health step.
      await page.locator("tk-form [part~='actions'] button:not(.primary)").click();
      await expect.poll(() => heading(page)).toBe("Giấy phép đề nghị đổi");
      await answer(page, "/licence/choice", "010089004512");
      await answer(page, "/reason", "damaged"); // a licence without an expiry date has not expired
      await pressPrimary(page);
      await expect.poll(async () => ((await summary(page)).length ? `errors: ${(await summary(page)).join(" | ")}` : await heading(page))).toBe("Nơi nộp và nhận kết quả");
      expect(await reported(page, problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("the example portal's lookups in registers", () => {
  const MAI = "048198004521";
  const AN = "001090012345";
  const TEXTS = {
    vi: {
      second: "Bên thứ hai",
      pending: "Đang tra cứu Cơ sở dữ liệu quốc gia về dân cư…",
      failed: "Chưa kết nối được với Cơ sở dữ liệu quốc gia về dân cư. Hãy thử lại.",
      retry: "Thử lại",
      verified: "✔ Đã xác thực · Từ Cơ sở dữ liệu quốc gia về dân cư",
    },
    en: {
      second: "Second party",
      pending: "Looking this up in National population database…",
      failed: "National population database could not be reached. Try again.",
      retry: "Try again",
      verified: "✔ Verified · From National population database",
    },
  } as const;
  const LOOKUPS = "**/api/lookups/**";

  /** Writes a screenshot of the page when TOKHAI_SCREENSHOTS names a directory. */
  async function shoot(page: Page, name: string): Promise<void> {
    const dir = process.env["TOKHAI_SCREENSHOTS"];
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  /** What the field says of a lookup (its polite status), and its "try again" button. */
  const status = (page: Page, pointer: string) => field(page, pointer).locator("[part~='lookup']");
  const retry = (page: Page, pointer: string) => field(page, pointer).locator("[part~='lookup-retry']");
  const verifiedText = (page: Page, pointer: string) => field(page, pointer).locator("[part~='verified']");

  /** Phạm Quốc Huy's marriage registration, on the second party's step, his phone typed on the first. */
  async function secondParty(lang: "vi" | "en") {
    const opened = await openPortal("dang-ky-ket-hon", "pham-quoc-huy", lang);
    await answer(opened.page, "/party1/phone", "0983526714");
    await pressPrimary(opened.page);
    await expect.poll(() => heading(opened.page)).toBe(TEXTS[lang].second);
    return opened;
  }

  /** The value the page's form holds at a pointer. */
  const valueAt = async (page: Page, pointer: string) => (await fieldState(page, pointer)).value;

  it.each(["vi", "en"] as const)("a slow register: 'looking up' at the ID field while the answer is held back, focus stays; then the other party shows as verified (%s)", async (lang) => {
    const { page, context, problems } = await secondParty(lang);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    await page.route(LOOKUPS, async (route) => {
      asked.push(new URL(route.request().url()).searchParams.get("input")!);
      await held;
      await route.continue().catch(() => {});
    });
    try {
      // Typed with the keyboard; not answer(), which waits for the form to be ready, the register too.
      await tabTo(page, field(page, "/party2/personalId").locator("input"));
      await page.keyboard.type(MAI);
      await expect.poll(() => status(page, "/party2/personalId").innerText()).toBe(TEXTS[lang].pending);
      expect(await status(page, "/party2/personalId").getAttribute("role")).toBe("status");
      expect(await isFocused(field(page, "/party2/personalId").locator("input"))).toBe(true);
      // Her details are not shown until the register answers.
      expect(await verifiedText(page, "/party2/fullName").count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `pending-${lang}`);
      // The status shows from the first wait (the lookup is debounced); then one request comes, for the
      // whole number: none for what was typed on the way.
      await expect.poll(() => asked).toEqual([JSON.stringify(MAI)]);
      expect(await status(page, "/party2/personalId").innerText()).toBe(TEXTS[lang].pending);

      release();
      await expect.poll(() => verifiedText(page, "/party2/fullName").innerText()).toBe(`Lê Thị Mai\n${TEXTS[lang].verified}`);
      expect(await status(page, "/party2/personalId").innerText()).toBe("");
      for (const pointer of ["/party2/birthDate", "/party2/sex", "/party2/nationality", "/party2/residence/commune", "/party2/maritalStatus", "/party2/consentedOn"]) {
        expect(await verifiedText(page, pointer).count(), pointer).toBe(1);
      }
      expect(await verifiedText(page, "/party2/residence/commune").innerText()).toMatch(/^Phường Hải Châu/);
      expect(await verifiedText(page, "/party2/birthDate").innerText()).toMatch(lang === "vi" ? /^17\/04\/1998/ : /^17 April 1998/);
      expect(await isFocused(field(page, "/party2/personalId").locator("input"))).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `found-${lang}`);
      await page.unroute(LOOKUPS);
      // On to the next step: the register's answer stands.
      await pressPrimary(page);
      await expect.poll(async () => ((await summary(page)).length ? `errors: ${(await summary(page)).join(" | ")}` : await heading(page))).toBe(lang === "vi" ? "Nơi đăng ký" : "Registration office");
      expect(await reported(page, problems)).toEqual([]);
    } finally {
      release();
      await context.close();
    }
  }, 60_000);

  it.each(["vi", "en"] as const)("a register that fails: the message and 'try again' at the ID field; retried with the keyboard once it is back, it finds her; nothing typed is lost (%s)", async (lang) => {
    const { page, context, problems } = await secondParty(lang);
    try {
      await page.route(LOOKUPS, (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "register-unavailable" }) }));
      await answer(page, "/party2/personalId", MAI);
      await expect.poll(() => status(page, "/party2/personalId").innerText()).toBe(TEXTS[lang].failed);
      expect(await retry(page, "/party2/personalId").innerText()).toBe(TEXTS[lang].retry);
      expect(await verifiedText(page, "/party2/fullName").count()).toBe(0);
      // What was typed stays: the number, and the phone on the first step.
      expect(await field(page, "/party2/personalId").locator("input").inputValue()).toBe(MAI);
      expect(await valueAt(page, "/party1/phone")).toBe("0983526714");
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `failed-${lang}`);

      await page.unroute(LOOKUPS);
      await tabTo(page, retry(page, "/party2/personalId"));
      await page.keyboard.press("Enter");
      await expect.poll(() => verifiedText(page, "/party2/fullName").innerText()).toBe(`Lê Thị Mai\n${TEXTS[lang].verified}`);
      expect(await retry(page, "/party2/personalId").count()).toBe(0);
      expect(await status(page, "/party2/personalId").innerText()).toBe("");
      expect(await valueAt(page, "/party1/phone")).toBe("0983526714");
      expect(await valueAt(page, "/party2/personalId")).toBe(MAI);
      expect(await axeViolations(page)).toEqual([]);
      // The page reported the 503 it was given and the lookup that failed with it, and nothing else.
      expect((await reported(page, problems)).filter((p) => !/status of 503|"code":"lookup-failed","message":"otherParty: HTTP 503"/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("a person who did not consent to share with the citizen is not found: said at the ID field, and Continue says what to do", async () => {
    const { page, context, problems } = await secondParty("vi");
    try {
      await answer(page, "/party2/personalId", AN);
      await expect.poll(() => status(page, "/party2/personalId").innerText()).toBe("Không tìm thấy hồ sơ của người có số định danh này trong số những người đã đồng ý chia sẻ thông tin với bạn.");
      expect(await verifiedText(page, "/party2/fullName").count()).toBe(0);
      await shoot(page, "not-found-vi");
      await pressPrimary(page);
      await expect.poll(() => summary(page)).toEqual([
        "Số định danh cá nhân: Bên kia chưa đồng ý chia sẻ thông tin với bạn, hoặc số định danh cá nhân chưa đúng: kiểm tra lại số, hoặc đề nghị bên kia đồng ý chia sẻ thông tin trên ứng dụng VNeID rồi thử lại.",
      ]);
      expect(await heading(page)).toBe("Bên thứ hai");
      expect(await axeViolations(page)).toEqual([]);
      expect(await reported(page, problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("a business name already registered in the commune is refused on Continue; another name goes on", async () => {
    const { page, context, problems } = await openPortal("dang-ky-ho-kinh-doanh", "le-thi-mai");
    try {
      await pressPrimary(page);
      await expect.poll(() => heading(page)).toBe("Hộ kinh doanh");
      // "Hộ kinh doanh Trà sữa Hoà Bình" is registered in Phường Thủ Đức, the tone mark placed the old way.
      await answer(page, "/business/properName", "Trà sữa Hòa Bình");
      await pressPrimary(page);
      const taken = "Tên này đã được hộ kinh doanh khác đăng ký tại xã, phường, đặc khu nơi đặt trụ sở. Hãy chọn một tên riêng khác.";
      await expect.poll(() => summary(page)).toEqual([`Tên riêng của hộ kinh doanh: ${taken}`]);
      expect(await field(page, "/business/properName").locator("[part~='error']").innerText()).toContain(taken);
      // Not found is the good answer: nothing is said about the lookup itself.
      expect(await status(page, "/business/properName").innerText()).toBe("");
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, "name-taken-vi");
      await answer(page, "/business/properName", "Tiệm bánh Hoa Mai");
      await pressPrimary(page);
      await expect.poll(async () => ((await summary(page)).length ? `errors: ${(await summary(page)).join(" | ")}` : await heading(page))).toBe("Ngành, nghề và vốn");
      expect(await reported(page, problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
