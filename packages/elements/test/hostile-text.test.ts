// Hostile text in every text slot of a procedure and of the portal's data, in a real Chromium: each
// payload of the corpus goes into the titles, descriptions, step titles, enum labels, rule messages,
// i18n strings, x-options labels from a source, source titles and values, the titles of the data-use
// notice, typed values (a row's
// title from x-row-title too) and file names. Nothing may run (a trap on `window` records any call),
// no element or attribute may come out of the text, and every slot shows the payload as text,
// character for character.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineElements, type TkForm } from "../src/index.js";
import { chooseFile, deepAll, fieldAt, settle } from "./support/dom.js";
import { trapWindow, XSS_PAYLOADS } from "./support/xss.js";

defineElements();

const EN = (p: string) => `EN ${p}`;

/** A two-step procedure with `p` in every text slot (and `EN p` in every English one). */
function hostileProcedure(p: string) {
  const choices = [
    { const: "a", title: p },
    { const: "b", title: `${p} (2)` },
  ];
  return {
    id: "vn.test.hostile",
    version: "1.0.0",
    title: p,
    sources: {
      citizen: {
        title: p,
        schema: {
          type: "object",
          properties: {
            fullName: { type: "string", title: p },
            address: { type: "string" },
            choices: { type: "array", items: { type: "object", properties: { value: { type: "string" }, label: { type: "string" } } } },
          },
        },
      },
    },
    schema: {
      type: "object",
      properties: {
        fullName: { type: "string", title: p, description: p, "x-prefill": "$citizen.fullName", "x-lock": true },
        address: { type: "string", title: p, description: p, "x-prefill": "$citizen.address" },
        kind: { type: "string", title: p, description: p, "x-widget": "radio", oneOf: choices },
        pick: { type: "string", title: p, "x-widget": "select", oneOf: choices },
        tags: { type: "array", title: p, description: p, items: { type: "string", oneOf: choices } },
        fromSource: { type: "string", title: p, "x-widget": "select", "x-options": "$citizen.choices" },
        search: { type: "string", title: p, "x-widget": "combobox", "x-options": "$citizen.choices" },
        agree: { type: "boolean", title: p, description: p },
        note: { type: "string", title: p, description: p, "x-widget": "textarea", "x-rules": [{ assert: "$exists($value)", message: `(${p})` }] },
        count: { type: "integer", title: p, minimum: 1 },
        total: { type: "integer", title: p, "x-compute": "count * 1000" },
        scan: { type: "object", title: p, description: p, "x-widget": "file", "x-accept": ["application/pdf"], "x-max-size": 1024 },
        members: { type: "array", title: p, "x-row-title": "$row.name", items: { type: "object", title: p, properties: { name: { type: "string", title: p } } } },
      },
      required: ["count"],
    },
    steps: [
      { id: "one", title: p, fields: ["/fullName", "/address", "/kind", "/pick", "/tags", "/fromSource", "/search", "/agree", "/note", "/count", "/total", "/scan"] },
      { id: "two", title: `${p} (2)`, fields: ["/members"] },
    ],
    i18n: {
      en: {
        title: EN(p),
        steps: { one: { title: EN(p) } },
        "/note": { title: EN(p), description: EN(p), rules: [EN(p)] },
        "/kind": { title: EN(p), enum: { a: EN(p) } },
      },
    },
  };
}

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

async function mount(procedure: unknown, context: unknown): Promise<TkForm> {
  host = document.createElement("main");
  document.body.append(host);
  const form = document.createElement("tk-form");
  Object.assign(form, { procedure, context });
  host.append(form);
  await form.ready().catch(() => undefined);
  await settle(form.shadowRoot!, form.form);
  return form;
}

const field = (form: TkForm, pointer: string) => fieldAt(form.shadowRoot!, pointer);
const part = (form: TkForm, pointer: string, selector: string) => field(form, pointer).shadowRoot!.querySelector<HTMLElement>(selector);
const partText = (form: TkForm, pointer: string, selector: string) => part(form, pointer, selector)?.textContent ?? "";
const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((e) => e.textContent ?? "");

/** Presses the primary button ("Continue", "Check your answers") and waits for the next step. */
async function proceed(form: TkForm): Promise<void> {
  const stepped = new Promise((resolve) => form.addEventListener("tk-step", resolve, { once: true }));
  form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
  await stepped;
  await settle(form.shadowRoot!, form.form);
}

/** What hostile text could have turned into: an element, an event handler or a script URL. */
interface Rendered {
  readonly tags: Set<string>;
  readonly handlers: string[];
  readonly scriptUrls: string[];
}

function inspect(root: ParentNode, into: Rendered): void {
  for (const el of deepAll(root)) {
    into.tags.add(el.localName);
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) into.handlers.push(`<${el.localName} ${attr.name}>`);
      if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) into.scriptUrls.push(`<${el.localName} ${attr.name}="${attr.value}">`);
    }
  }
}

/**
 * Walks the form with `p` everywhere: step one in Vietnamese, its errors, the file field, step two,
 * the review page, then English. Asserts that each slot shows `p` as text; returns what was rendered.
 */
async function walk(p: string): Promise<Rendered> {
  const rendered: Rendered = { tags: new Set(), handlers: [], scriptUrls: [] };
  const context = { citizen: { fullName: p, address: p, choices: [{ value: "x", label: p }, { value: "y", label: `${p} (2)` }] } };
  const form = await mount(hostileProcedure(p), context);
  const model = form.form!;
  const root = form.shadowRoot!;
  const look = () => inspect(root, rendered);

  // Procedure, step and field text.
  expect(root.querySelector("h1")!.textContent).toBe(p);
  expect(root.querySelector("h2#step-title")!.textContent).toBe(p);
  expect(texts(root, "[part='steps'] li")[0]).toContain(p);
  for (const pointer of ["/fullName", "/address", "/kind", "/pick", "/tags", "/fromSource", "/search", "/agree", "/note", "/count", "/total", "/scan"]) {
    expect(partText(form, pointer, "[part~='label']"), pointer).toContain(p);
  }
  for (const pointer of ["/address", "/kind", "/tags", "/agree", "/note", "/scan"]) {
    expect(partText(form, pointer, "[part='hint']"), pointer).toBe(p);
  }
  // A locked field's value is verified data shown as text, not a question: no hint, its description neither.
  expect(partText(form, "/fullName", "[part='hint']")).toBe("");
  // Source data and the source's title.
  expect(partText(form, "/fullName", ".verified-value")).toBe(p);
  expect(partText(form, "/fullName", ".badge")).toContain(p);
  expect((part(form, "/address", "input") as HTMLInputElement).value).toBe(p);
  expect(partText(form, "/address", "[part='origin']")).toContain(p);
  // The data-use notice: the source's title, and what is read of it, by the source schema's title or the field's.
  expect(root.querySelector("[part='data-use'] .data-use-register")!.textContent).toBe(p);
  expect(texts(root, "[part='data-use'] li li")).toEqual([p, `${p} (toàn bộ)`]); // two items of the same name are one
  // Enum labels (radio, select, checkboxes) and x-options labels read from the source.
  expect(texts(field(form, "/kind").shadowRoot!, ".choices label")).toEqual([p, `${p} (2)`]);
  expect(texts(field(form, "/pick").shadowRoot!, "option").slice(1)).toEqual([p, `${p} (2)`]);
  expect(texts(field(form, "/tags").shadowRoot!, ".choices label")).toEqual([p, `${p} (2)`]);
  expect(texts(field(form, "/fromSource").shadowRoot!, "option").slice(1)).toEqual([p, `${p} (2)`]);
  // The combobox's list, opened (a click on its input), then searched by the payload itself.
  const search = part(form, "/search", "input") as HTMLInputElement;
  search.click();
  await settle(root, model);
  expect(texts(field(form, "/search").shadowRoot!, "[role='option']")).toEqual([p, `${p} (2)`]);
  look();
  search.value = p;
  search.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  await settle(root, model);
  expect(texts(field(form, "/search").shadowRoot!, "[role='option']")[0]).toBe(p);
  (field(form, "/search").shadowRoot!.querySelector("[role='option']") as HTMLElement).click();
  await settle(root, model);
  expect(model.get("/search")).toBe("x");
  expect(search.value).toBe(p);
  look();

  // Rule messages, in the error summary and on the field.
  root.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
  await settle(root, model);
  const summary = texts(root, "[part='error-summary'] a");
  // The field's title, then the rule's message (which does not name the field itself).
  expect(summary).toContain(`${p}: (${p})`);
  expect(partText(form, "/note", "[part='error']")).toContain(p);
  look();

  // File names: a refused file's name in the message, a chosen one's in the field.
  const input = part(form, "/scan", "input[type='file']") as HTMLInputElement;
  chooseFile(input, new File(["MZ"], `${p}.exe`, { type: "application/x-msdownload" }));
  await settle(root, model);
  expect(partText(form, "/scan", "[part='error']")).toContain(`“${p}.exe”`);
  look();
  chooseFile(input, new File(["%PDF-1.4"], `${p}.pdf`, { type: "application/pdf" }));
  await settle(root, model);
  expect(partText(form, "/scan", "[part='file-name']")).toBe(`${p}.pdf`);
  look();

  // Typed values, then step two with a row, then the review page.
  model.set("/note", p);
  model.set("/count", 2);
  model.set("/kind", "a");
  model.set("/fromSource", "x");
  await settle(root, model);
  await proceed(form);
  expect(root.querySelector("h2#step-title")!.textContent).toBe(`${p} (2)`);
  model.addRow("/members");
  model.set("/members/0/name", p);
  await settle(root, model);
  expect(partText(form, "/members/0/name", "[part~='label']")).toContain(p);
  expect(partText(form, "/members", "[part~='row-label']")).toBe(p); // the row's title, from the typed name
  expect((part(form, "/members/0/name", "input") as HTMLInputElement).value).toBe(p);
  look();
  await proceed(form);
  const review = root.querySelector("[part='review']")!;
  const answers = texts(review, "dt").map((label, i) => [label, texts(review, "dd:not(.change)")[i]]);
  expect(answers).toContainEqual([p, expect.stringContaining(p)]); // full name (verified), address, note, choices
  expect(answers).toContainEqual([p, `${p}.pdf`]);
  expect(texts(review, "h4")).toContain(`${p} — ${p}`); // the row, under the group's title and the row's title
  expect(answers).toContainEqual([p, p]);
  expect(texts(review, "h3")).toEqual([p, `${p} (2)`]);
  look();

  // English: the i18n strings.
  form.locale = "en";
  await settle(root, model);
  expect(root.querySelector("h1")!.textContent).toBe(EN(p));
  expect(texts(review, "h3")[0]).toBe(EN(p));
  await form.goTo(0);
  await settle(root, model);
  expect(partText(form, "/note", "[part~='label']")).toContain(EN(p));
  expect(partText(form, "/note", "[part='hint']")).toBe(EN(p));
  expect(texts(field(form, "/kind").shadowRoot!, ".choices label")).toEqual([EN(p), `${p} (2)`]);
  model.set("/note", undefined);
  await model.validate();
  await settle(root, model);
  expect(partText(form, "/note", "[part='error']")).toContain(EN(p));
  look();
  return rendered;
}

describe("hostile text renders as text", () => {
  let trap: ReturnType<typeof trapWindow>;
  let baseline: Rendered;
  beforeAll(async () => {
    trap = trapWindow();
    baseline = await walk("Chữ bình thường");
  });
  beforeEach(() => void trap.calls.splice(0));
  afterAll(() => trap.restore());

  it("has a corpus of at least 30 payloads", () => {
    expect(new Set(XSS_PAYLOADS).size).toBeGreaterThanOrEqual(30);
  });

  it.each(XSS_PAYLOADS.map((p, i) => [i + 1, p] as const))("payload %i: %s", async (_, payload) => {
    const rendered = await walk(payload);
    // Any image, style or frame the payload made would have fired its handlers by the next tasks.
    await new Promise((r) => setTimeout(r, 20));
    expect(trap.calls).toEqual([]);
    expect([...rendered.tags].filter((t) => !baseline.tags.has(t))).toEqual([]);
    expect(rendered.handlers).toEqual([]);
    expect(rendered.scriptUrls).toEqual([]);
  });

  it("shows a procedure that fails to load, with hostile names in its problems, as text", async () => {
    for (const payload of XSS_PAYLOADS) {
      const broken = { id: "vn.test.hostile", version: "1.0.0", title: payload, schema: { type: "object", properties: { [payload]: { type: "string", [payload]: 1 } } } };
      const form = await mount(broken, {});
      const failure = form.shadowRoot!.querySelector("[part='error-summary'] pre")!;
      expect(failure.textContent).toContain(`unknown keyword "${payload}"`);
      const rendered: Rendered = { tags: new Set(), handlers: [], scriptUrls: [] };
      inspect(form.shadowRoot!, rendered);
      expect([...rendered.tags]).toEqual(["div", "h2", "pre"]);
      host?.remove();
    }
    expect(trap.calls).toEqual([]);
  });
});
