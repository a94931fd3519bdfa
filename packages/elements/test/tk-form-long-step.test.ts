// A long flat step (many fields directly in one step, no sections) in a real Chromium: its fields are
// shown in blocks that skip style, layout and paint while off screen for the first paint
// (`content-visibility: auto`), then are shown for good in idle time, because Chromium leaves skipped
// content out of the accessibility tree. Every field is there for the citizen: in the accessibility
// tree, reached by Tab and by the error summary's links, its label in the page for find-in-page. And at
// mount every element renders once.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { cdp, page, userEvent } from "vitest/browser";
import { defineElements, TkField, TkForm } from "../src/index.js";
import { activeDeep, deepQueryAll, fieldAt, mountForm, settle } from "./support/dom.js";

defineElements();

/** `n` fields directly in one step (or, `sections`, ten to a section), all required but the first; every tenth is a date, every tenth shown on a condition. */
function flatProcedure(n: number, sections = false) {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    properties[`f${i}`] = {
      type: "string",
      title: `Câu hỏi số ${i + 1}`,
      description: `Gợi ý cho câu hỏi số ${i + 1}`,
      ...(i % 10 === 2 ? { format: "date" } : {}),
      ...(i % 10 === 9 ? { "x-visible": sections ? `$not(s${Math.floor(i / 10)}.f${i - 1} = 'hide')` : `$not(f${i - 1} = 'hide')` } : {}),
    };
  }
  const names = Object.keys(properties);
  if (!sections) {
    return {
      id: "test.long-step",
      version: "1.0.0",
      title: "Một bước dài",
      schema: { type: "object", properties, required: names.slice(1) },
      steps: [{ id: "main", title: "Thông tin", fields: names.map((k) => `/${k}`) }],
    };
  }
  const grouped: Record<string, unknown> = {};
  for (let s = 0; s * 10 < n; s++) {
    const keys = names.slice(s * 10, s * 10 + 10);
    grouped[`s${s}`] = { type: "object", title: `Phần ${s + 1}`, "x-widget": "section", properties: Object.fromEntries(keys.map((k) => [k, properties[k]])), required: keys };
  }
  return {
    id: "test.sectioned-step",
    version: "1.0.0",
    title: "Một bước có nhiều phần",
    schema: { type: "object", properties: grouped, required: Object.keys(grouped) },
    steps: [{ id: "main", title: "Thông tin", fields: Object.keys(grouped).map((k) => `/${k}`) }],
  };
}

const N = 60;
/** The (first) input of a field. */
const control = (form: TkForm, pointer: string) => fieldAt(form.shadowRoot!, pointer).shadowRoot!.querySelector<HTMLElement>("input")!;
/** Laid out and painted: false inside a block that content-visibility skips. */
const rendered = (el: Element) => el.checkVisibility({ contentVisibilityAuto: true });
const inViewport = (el: Element) => {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.height > 0;
};

/** Waits until every block and section of the form has been shown for good (in idle time after the first paint). */
async function allShown(form: TkForm): Promise<void> {
  const pending = () =>
    [...form.shadowRoot!.querySelectorAll<HTMLElement>(".block"), ...deepQueryAll(form.shadowRoot!, "tk-field-section")].filter((el) => el.style.contentVisibility !== "visible");
  while (pending().length > 0) await new Promise((r) => requestAnimationFrame(r));
}

beforeEach(async () => {
  await page.viewport(800, 600);
  scrollTo(0, 0);
});
afterEach(() => scrollTo(0, 0));

/**
 * The accessibility tree Chromium exposes for this test's frame: its nodes' roles and names, ignored
 * nodes left out.
 */
async function accessibilityTree(): Promise<{ role: string; name: string }[]> {
  const session = cdp();
  type Frame = { frame: { id: string; url: string }; childFrames?: Frame[] };
  const { frameTree } = (await session.send("Page.getFrameTree")) as { frameTree: Frame };
  const find = (f: Frame): Frame | undefined => (f.frame.url === location.href ? f : f.childFrames?.map(find).find(Boolean));
  const frame = find(frameTree);
  if (!frame) throw new Error("this test's frame is not in the frame tree");
  type AXValue = { value?: unknown };
  const { nodes } = (await session.send("Accessibility.getFullAXTree", { frameId: frame.frame.id })) as {
    nodes: { ignored: boolean; role?: AXValue; name?: AXValue }[];
  };
  return nodes.filter((n) => !n.ignored).map((n) => ({ role: String(n.role?.value ?? ""), name: String(n.name?.value ?? "") }));
}

describe("<tk-form> with a long flat step", () => {
  it("shows the fields in blocks skipped off screen for the first paint, then shows every block", async () => {
    const form = await mountForm(flatProcedure(N));
    const blocks = [...form.shadowRoot!.querySelectorAll<HTMLElement>(".block")];
    expect(blocks.length).toBe(3);
    expect(blocks.map((b) => b.children.length)).toEqual([20, 20, 20]);
    // Skipped, not hidden: each block is content-visibility: auto (until shown), its fields are displayed
    // and their labels are in the page, for find-in-page.
    const probe = blocks[2]!.cloneNode() as HTMLElement;
    probe.removeAttribute("style");
    blocks[2]!.after(probe);
    expect(getComputedStyle(probe).contentVisibility).toBe("auto");
    probe.remove();
    const last = fieldAt(form.shadowRoot!, `/f${N - 2}`);
    expect(last.checkVisibility()).toBe(true);
    expect(last.shadowRoot!.querySelector("label")!.textContent).toContain(`Câu hỏi số ${N - 1}`);
    // After the first paint, in idle time, every block is shown for good: laid out though off screen.
    await allShown(form);
    expect(inViewport(control(form, `/f${N - 2}`))).toBe(false);
    expect(rendered(control(form, `/f${N - 2}`))).toBe(true);
  });

  for (const sections of [false, true]) {
    it(`has every field in the accessibility tree, named by its label, off screen too (${sections ? "in sections" : "flat"})`, async () => {
      const form = await mountForm(flatProcedure(N, sections));
      await allShown(form);
      const tree = await accessibilityTree();
      const textboxes = tree.filter((n) => n.role === "textbox").map((n) => n.name);
      expect(textboxes).toContain(`Câu hỏi số ${N - 1}`);
      // Every question is named in the tree: text fields by their label, dates by their group's legend.
      const missing = [];
      for (let i = 0; i < N; i++) if (!tree.some((n) => n.name.startsWith(`Câu hỏi số ${i + 1}`))) missing.push(i + 1);
      expect(missing).toEqual([]);
    });
  }

  it("has every line of a long error summary in the accessibility tree, off screen too", async () => {
    const form = await mountForm(flatProcedure(N));
    await form.validate();
    await settle(form, form.form);
    const lines = [...form.shadowRoot!.querySelectorAll<HTMLElement>(".summary li")];
    expect(lines.length).toBe(N - 1);
    // Shown for good in idle time after the summary paints, as the blocks are.
    while (lines.some((li) => li.style.contentVisibility !== "visible")) await new Promise((r) => requestAnimationFrame(r));
    const links = (await accessibilityTree()).filter((n) => n.role === "link").map((n) => n.name);
    const missing = [];
    for (let i = 1; i < N; i++) if (!links.some((name) => name.startsWith(`Câu hỏi số ${i + 1}`))) missing.push(i + 1);
    expect(missing).toEqual([]);
  });

  it("moves focus with Tab from the last field of a block to the first of the next", async () => {
    const form = await mountForm(flatProcedure(N));
    control(form, "/f18").focus();
    await userEvent.tab();
    expect(activeDeep()).toBe(control(form, "/f19"));
    await userEvent.tab();
    expect(activeDeep()).toBe(control(form, "/f20"));
    await settle(form, form.form);
    expect(inViewport(control(form, "/f20"))).toBe(true);
  });

  it("takes the citizen from the error summary to a field off screen, focused and in view", async () => {
    const form = await mountForm(flatProcedure(N));
    await form.validate();
    await settle(form, form.form);
    const links = [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement>(".summary a")];
    const target = `/f${N - 8}`; // a date: focus goes to its first input
    const link = links.find((a) => a.dataset["pointer"] === target)!;
    expect(link.textContent).toContain(`Câu hỏi số ${N - 7}`);
    expect(inViewport(control(form, target))).toBe(false);
    link.click();
    await settle(form, form.form);
    const input = control(form, target);
    expect(activeDeep()).toBe(input);
    expect(rendered(input)).toBe(true);
    expect(inViewport(input)).toBe(true);
  });

  it("shows a short step without blocks", async () => {
    const form = await mountForm(flatProcedure(12));
    expect(form.shadowRoot!.querySelector(".block")).toBeNull();
    expect(deepQueryAll(form.shadowRoot!, "tk-field-text, tk-field-date").length).toBe(12);
  });
});

describe("mounting <tk-form>", () => {
  /** Counts the renders (lit `updated()` calls) of every field element from now on. */
  function countRenders(): Map<Element, number> {
    const counts = new Map<Element, number>();
    const proto = TkField.prototype as unknown as { updated(this: Element, ...args: unknown[]): void };
    const original = proto.updated;
    proto.updated = function (this: Element, ...args: unknown[]) {
      counts.set(this, (counts.get(this) ?? 0) + 1);
      original.apply(this, args);
    };
    onTestFinished(() => {
      proto.updated = original;
    });
    return counts;
  }

  for (const sections of [false, true]) {
    it(`renders each field once (${sections ? "in sections" : "flat"})`, async () => {
      const counts = countRenders();
      const form = await mountForm(flatProcedure(N, sections));
      const fields = deepQueryAll(form.shadowRoot!, "[pointer]");
      expect(fields.length).toBe(sections ? N + N / 10 : N);
      expect(fields.filter((f) => counts.get(f) !== 1).map((f) => `${f.getAttribute("pointer")}: ${counts.get(f) ?? 0}`)).toEqual([]);
      // Its own state changes (a condition) re-render the field and its dependent alone.
      counts.clear();
      const input = control(form, sections ? "/s0/f8" : "/f8") as HTMLInputElement;
      input.value = "hide";
      input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
      await settle(form, form.form);
      expect([...counts.keys()].map((f) => f.getAttribute("pointer")).sort()).toEqual(sections ? ["/s0/f8", "/s0/f9"] : ["/f8", "/f9"]);
    });
  }
});
