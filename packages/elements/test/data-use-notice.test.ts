// The data-use notice of <tk-form> in a real Chromium: on the first step (the task list with
// layout="tasks"), collapsed, a native <details> the keyboard opens and closes; it lists each register
// the procedure reads and the items read, as core's dataUse names them, in the citizen's language;
// axe finds nothing, closed or open; a portal may open it or leave it out.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import axe from "axe-core";
import { dataUse, loadProcedure } from "@tokhai/core";
import { defineElements, type TkForm } from "../src/index.js";
import { activeDeep, settle, text } from "./support/dom.js";
import residence from "../../../examples/procedures/dang-ky-thuong-tru.json" with { type: "json" };
import birth from "../../../examples/procedures/dang-ky-khai-sinh.json" with { type: "json" };
import an from "../../../examples/data/personas/nguyen-van-an.json" with { type: "json" };
import catalog from "../../../examples/data/administrative-units.json" with { type: "json" };

defineElements();

const persona = { ...an, catalog };

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

async function mount(procedure: unknown, options: Partial<Pick<TkForm, "locale" | "layout" | "dataUseNotice">> = {}, attributes: Record<string, string> = {}): Promise<TkForm> {
  host = document.createElement("main");
  document.body.append(host);
  const form = document.createElement("tk-form");
  for (const [name, value] of Object.entries(attributes)) form.setAttribute(name, value);
  Object.assign(form, { procedure, context: persona, ...options });
  host.append(form);
  await form.ready();
  await settle(form.shadowRoot!, form.form);
  return form;
}

const notice = (form: TkForm) => form.shadowRoot!.querySelector<HTMLDetailsElement>("details[part='data-use']");

/** The text of an element, rendered or not (a closed <details> renders none of its content). */
const content = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

/** What the notice lists: each register's title and its items. */
function listed(form: TkForm): { title: string; items: string[] }[] {
  return [...notice(form)!.querySelectorAll(".data-use-registers > li")].map((li) => ({
    title: content(li.querySelector(".data-use-register")),
    items: [...li.querySelectorAll("li")].map(content),
  }));
}

/** What it should list, from core's dataUse: the reads to ask each register for, by their labels. */
async function expected(document: unknown, locale: string, whole: string, everything: string) {
  const registers = dataUse(await loadProcedure(document), { locale });
  return registers
    .filter((r) => r.reads.length > 0)
    .map((r) => ({
      title: r.title,
      items: [
        ...new Set(
          r.reads
            .filter((read) => r.request.some((p) => JSON.stringify(p) === JSON.stringify(read.path)))
            .map((read) => (read.path.length === 0 ? everything : read.whole ? `${read.label} ${whole}` : read.label)),
        ),
      ],
    }));
}

describe("<tk-form>'s data-use notice", () => {
  it("is on the first step, collapsed, and lists each register read and its items, as dataUse names them", async () => {
    const form = await mount(residence);
    const details = notice(form)!;
    expect(details).not.toBeNull();
    expect(details.open).toBe(false);
    expect(text(details.querySelector("summary"))).toBe("Dữ liệu của bạn được sử dụng trong tờ khai này");
    // Below the step's heading, above its fields.
    const heading = form.shadowRoot!.querySelector("h2#step-title")!;
    expect(heading.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(listed(form)).toEqual(await expected(residence, "vi", "(toàn bộ)", "Toàn bộ thông tin"));
    expect(listed(form).map((r) => r.title)).toEqual(["Cơ sở dữ liệu quốc gia về dân cư", "Thông tin hộ gia đình", "Danh mục đơn vị hành chính"]);
    expect(listed(form)[0]!.items).toContain("Nơi tạm trú — Tỉnh, thành phố");
    expect(listed(form)[1]!.items).toContain("Các thành viên khác của hộ (toàn bộ)");
    expect((await axe.run(form)).violations).toEqual([]);
    details.open = true;
    await settle(form.shadowRoot!, form.form);
    expect((await axe.run(form)).violations).toEqual([]);
  });

  it("opens and closes with the keyboard: Tab reaches its summary, Enter and Space toggle it", async () => {
    const form = await mount(residence);
    const details = notice(form)!;
    const summary = details.querySelector("summary")!;
    form.shadowRoot!.querySelector<HTMLElement>("h2#step-title")!.focus();
    await userEvent.tab();
    expect(activeDeep()).toBe(summary);
    await userEvent.keyboard("{Enter}");
    expect(details.open).toBe(true);
    await userEvent.keyboard(" ");
    expect(details.open).toBe(false);
    await userEvent.keyboard(" ");
    expect(details.open).toBe(true);
    // Its text is read in order after its summary, and the page goes on to the fields.
    expect(details.innerText).toContain("Cơ sở dữ liệu quốc gia về dân cư");
  });

  it("speaks the citizen's language, and follows a switch", async () => {
    const form = await mount(birth, { locale: "en" });
    expect(text(notice(form)!.querySelector("summary"))).toBe("How your data is used in this form");
    expect(listed(form)).toEqual(await expected(birth, "en", "(all of it)", "All of the information"));
    expect(listed(form)[0]!.items).toContain("Spouse (all of it)");
    form.locale = "vi";
    await settle(form.shadowRoot!, form.form);
    expect(text(notice(form)!.querySelector("summary"))).toBe("Dữ liệu của bạn được sử dụng trong tờ khai này");
    expect(listed(form)).toEqual(await expected(birth, "vi", "(toàn bộ)", "Toàn bộ thông tin"));
  });

  it("is on the first step only, and on the task list with layout=\"tasks\"", async () => {
    const form = await mount(residence);
    await form.goTo(1);
    await settle(form.shadowRoot!, form.form);
    expect(notice(form)).toBeNull();
    await form.goTo(0);
    await settle(form.shadowRoot!, form.form);
    expect(notice(form)).not.toBeNull();
    host!.remove();
    const tasks = await mount(residence, { layout: "tasks" });
    const details = notice(tasks)!;
    expect(details.closest("[part='tasks']")).not.toBeNull();
    expect((await axe.run(tasks)).violations).toEqual([]);
  });

  it("is open with data-use-notice=\"open\", and left out with \"hidden\" (a portal that shows its own)", async () => {
    const open = await mount(residence, {}, { "data-use-notice": "open" });
    expect(notice(open)!.open).toBe(true);
    host!.remove();
    const hidden = await mount(residence, {}, { "data-use-notice": "hidden" });
    expect(notice(hidden)).toBeNull();
    hidden.dataUseNotice = "collapsed";
    await settle(hidden.shadowRoot!, hidden.form);
    expect(notice(hidden)!.open).toBe(false);
  });

  it("is not shown for a procedure that reads no register", async () => {
    const form = await mount({ id: "vn.test.no-sources", version: "1.0.0", title: "Thử", sources: { unused: { title: "Không dùng", schema: { type: "object" } } }, schema: { type: "object", properties: { note: { type: "string", title: "Ghi chú" } } } });
    expect(form.shadowRoot!.querySelector("h2#step-title")).not.toBeNull();
    expect(notice(form)).toBeNull();
  });
});
