// <tk-form> with conditional steps, exit pages and a task list (issue 15). Real Chromium: the steps a
// citizen sees follow their answers, an ineligible citizen is told why on an exit page (and cannot
// submit), and a long procedure can be done task by task, by keyboard, in vi and en.
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import type { Draft } from "@tokhai/core";
import { defineElements, TkForm, type DraftStore, type TkSubmitEvent } from "../src/index.js";
import { activeDeep, expectAccessible, mountForm, pwned, resetPwned, settle as settleRoot, text, XSS } from "./support/dom.js";

defineElements();

const settle = (form: TkForm) => settleRoot(form, form.form);
const heading = (form: TkForm) => text(form.shadowRoot!.querySelector("h2#step-title"));
const primary = (form: TkForm) => form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']");
const backButton = (form: TkForm) => [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>("[part~='actions'] button")].find((b) => !b.matches("[part~='primary']"));
const indicator = (form: TkForm) => [...form.shadowRoot!.querySelectorAll("[part='steps'] li")].map((li) => text(li).replace(/ \(.*\)$/, ""));

const procedure = {
  id: "vn.test.ket-hon",
  version: "1.0.0",
  title: "Đăng ký kết hôn",
  schema: {
    type: "object",
    required: ["maritalStatus", "hasChildren", "childName", "place"],
    properties: {
      maritalStatus: { type: "string", title: "Tình trạng hôn nhân", oneOf: [{ const: "single", title: "Chưa kết hôn" }, { const: "married", title: "Đang có vợ hoặc chồng" }] },
      hasChildren: { type: "boolean", title: "Có con chung chưa?" },
      childName: { type: "string", title: "Họ và tên con" },
      place: { type: "string", title: "Nơi đăng ký" },
    },
  },
  steps: [
    { id: "status", title: "Tình trạng hôn nhân", fields: ["/maritalStatus", "/hasChildren"] },
    {
      id: "married",
      kind: "exit",
      title: "Bạn chưa thể đăng ký kết hôn",
      body: "Theo dữ liệu của bạn, bạn đang có vợ hoặc chồng.\n\nNếu đã ly hôn, hãy cập nhật tình trạng hôn nhân trước.",
      link: { href: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html", text: "Tìm thủ tục khác" },
      "x-visible": "maritalStatus = 'married'",
    },
    { id: "children", title: "Con chung", fields: ["/childName"], "x-visible": "hasChildren = true" },
    { id: "place", title: "Nơi đăng ký", fields: ["/place"] },
  ],
  i18n: {
    en: {
      title: "Marriage registration",
      steps: {
        status: { title: "Marital status" },
        married: { title: "You cannot register a marriage yet", body: "Our records say you are married.\n\nIf you have divorced, update your marital status first.", linkText: "Find another service" },
        children: { title: "Children" },
        place: { title: "Place of registration" },
      },
      "/maritalStatus": { title: "Marital status", enum: { single: "Not married", married: "Married" } },
      "/hasChildren": { title: "Do you have children together?" },
      "/childName": { title: "Child's full name" },
      "/place": { title: "Place of registration" },
    },
  },
};

async function answer(form: TkForm, values: Record<string, unknown>): Promise<void> {
  for (const [pointer, value] of Object.entries(values)) form.form!.set(pointer, value);
  await settle(form);
}

async function proceed(form: TkForm): Promise<void> {
  primary(form)!.click();
  await settle(form);
}

describe("conditional steps", () => {
  it("are shown only while their condition holds: the indicator, the pages and the review page follow the answers", async () => {
    const form = await mountForm(procedure);
    expect(indicator(form)).toEqual(["1. Tình trạng hôn nhân", "2. Nơi đăng ký", "3. Kiểm tra thông tin"]);
    await answer(form, { "/maritalStatus": "single", "/hasChildren": true });
    expect(indicator(form)).toEqual(["1. Tình trạng hôn nhân", "2. Con chung", "3. Nơi đăng ký", "4. Kiểm tra thông tin"]);
    await proceed(form);
    expect(heading(form)).toBe("Con chung");
    await answer(form, { "/childName": "Trần Minh An" });
    await proceed(form);
    await answer(form, { "/place": "UBND phường Ba Đình" });
    await proceed(form);
    expect(heading(form)).toBe("Kiểm tra lại thông tin trước khi nộp");
    expect([...form.shadowRoot!.querySelectorAll("[part='review'] h3")].map(text)).toEqual(["Tình trạng hôn nhân", "Con chung", "Nơi đăng ký"]);

    // No children after all: the step, its answer and its place in the review go.
    await form.goTo(0);
    await answer(form, { "/hasChildren": false });
    expect(indicator(form)).toEqual(["1. Tình trạng hôn nhân", "2. Nơi đăng ký", "3. Kiểm tra thông tin"]);
    await proceed(form);
    expect(heading(form)).toBe("Nơi đăng ký");
    await proceed(form);
    expect([...form.shadowRoot!.querySelectorAll("[part='review'] h3")].map(text)).toEqual(["Tình trạng hôn nhân", "Nơi đăng ký"]);
    const submitted: TkSubmitEvent[] = [];
    form.addEventListener("tk-submit", (e) => submitted.push(e));
    await proceed(form);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.envelope.data).toEqual({ maritalStatus: "single", hasChildren: false, place: "UBND phường Ba Đình" });
  });

  it("skip a step whose fields are all hidden", async () => {
    const form = await mountForm({
      ...procedure,
      schema: { ...procedure.schema, properties: { ...procedure.schema.properties, childName: { type: "string", title: "Họ và tên con", "x-visible": "hasChildren = true" } } },
      steps: procedure.steps.map((s) => (s.id === "children" ? { id: "children", title: "Con chung", fields: ["/childName"] } : s)),
    });
    expect(indicator(form)).toEqual(["1. Tình trạng hôn nhân", "2. Nơi đăng ký", "3. Kiểm tra thông tin"]);
    await answer(form, { "/maritalStatus": "single", "/hasChildren": false });
    await proceed(form);
    expect(heading(form)).toBe("Nơi đăng ký");
  });
});

describe("exit pages", () => {
  it("say why the citizen cannot go on, and what to do instead; nothing can be submitted; Back lets them change the answer", async () => {
    const form = await mountForm(procedure);
    const submitted: TkSubmitEvent[] = [];
    form.addEventListener("tk-submit", (e) => submitted.push(e));
    await answer(form, { "/maritalStatus": "married", "/hasChildren": false });
    await proceed(form);
    expect(heading(form)).toBe("Bạn chưa thể đăng ký kết hôn");
    const exit = form.shadowRoot!.querySelector("[part~='exit']")!;
    expect([...exit.querySelectorAll("p")].map(text)).toEqual([
      "Theo dữ liệu của bạn, bạn đang có vợ hoặc chồng.",
      "Nếu đã ly hôn, hãy cập nhật tình trạng hôn nhân trước.",
      "Tìm thủ tục khác",
    ]);
    expect(exit.querySelector("a")!.getAttribute("href")).toBe("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html");
    expect(primary(form)).toBeNull(); // no Continue, no Submit
    expect(indicator(form)).toEqual([]); // one step with questions left: no indicator
    expect(activeDeep()?.id).toBe("step-title");
    await expectAccessible(form, "exit page");

    // The host cannot submit either: the form shows the exit page.
    expect(await form.submit()).toBe(false);
    expect(submitted).toHaveLength(0);

    // In English, with the keyboard: the link, then Back.
    form.locale = "en";
    await settle(form);
    expect(heading(form)).toBe("You cannot register a marriage yet");
    await userEvent.keyboard("{Tab}");
    expect(text(activeDeep())).toBe("Find another service");
    await userEvent.keyboard("{Tab}");
    expect(text(activeDeep())).toBe("Back");
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(heading(form)).toBe("Marital status");
    await answer(form, { "/maritalStatus": "single" });
    await proceed(form);
    expect(heading(form)).toBe("Place of registration");
  });

  it("render the procedure's title, body and link text as text", async () => {
    resetPwned();
    const form = await mountForm({
      ...procedure,
      steps: procedure.steps.map((s) => (s.kind === "exit" ? { ...s, title: `T ${XSS}`, body: `B ${XSS}\n\n<b>x</b>`, link: { href: "/khac", text: `L ${XSS}` } } : s)),
    });
    await answer(form, { "/maritalStatus": "married", "/hasChildren": false });
    await proceed(form);
    const exit = form.shadowRoot!.querySelector("[part~='exit']")!;
    expect(exit.querySelector("img, b")).toBeNull();
    expect(heading(form)).toBe(`T ${XSS}`);
    expect([...exit.querySelectorAll("p")].map((p) => p.textContent)).toEqual([`B ${XSS}`, "<b>x</b>", `L ${XSS}`]);
    expect(pwned()).toBeUndefined();
  });

  it("show no step indicator, whatever steps came before: the review page it would list cannot be reached", async () => {
    // The exit page after two steps with questions.
    const form = await mountForm({ ...procedure, steps: [procedure.steps[0]!, procedure.steps[3]!, procedure.steps[1]!] });
    await answer(form, { "/maritalStatus": "married", "/hasChildren": false });
    expect(indicator(form)).toEqual(["1. Tình trạng hôn nhân", "2. Nơi đăng ký", "3. Kiểm tra thông tin"]);
    await proceed(form);
    await answer(form, { "/place": "UBND phường Ba Đình" });
    await proceed(form);
    expect(heading(form)).toBe("Bạn chưa thể đăng ký kết hôn");
    expect(form.shadowRoot!.querySelector("[part='steps']")).toBeNull();
    await expectAccessible(form, "exit page after two steps");
    // Back: the indicator is there again.
    backButton(form)!.click();
    await settle(form);
    expect(heading(form)).toBe("Nơi đăng ký");
    expect(indicator(form)).toEqual(["1. Tình trạng hôn nhân", "2. Nơi đăng ký", "3. Kiểm tra thông tin"]);
  });

  it("apply from the start when verified data decides", async () => {
    const form = await mountForm({
      ...procedure,
      sources: { citizen: { schema: { type: "object", properties: { maritalStatus: { type: "string" } } } } },
      schema: { ...procedure.schema, properties: { ...procedure.schema.properties, maritalStatus: { ...procedure.schema.properties.maritalStatus, "x-prefill": "$citizen.maritalStatus", "x-lock": true } } },
    }, { context: { citizen: { maritalStatus: "married" } } });
    expect(indicator(form)).toEqual([]);
    await answer(form, { "/hasChildren": false });
    await proceed(form);
    expect(heading(form)).toBe("Bạn chưa thể đăng ký kết hôn");
  });
});

/** Drafts in memory. */
function memoryStore(): DraftStore & { saved: Map<string, Draft> } {
  const saved = new Map<string, Draft>();
  return { saved, load: (key) => saved.get(key), save: (key, draft) => void saved.set(key, draft), remove: (key) => void saved.delete(key) };
}

const statuses = (form: TkForm) =>
  [...form.shadowRoot!.querySelectorAll("[part='tasks'] li")].map((li) => `${text(li.querySelector(".task-name"))}: ${text(li.querySelector(".task-status"))}`);
const taskLink = (form: TkForm, name: string) => [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement>("[part='tasks'] a")].find((a) => text(a) === name);

describe("the task list (layout=tasks)", () => {
  it("lists the steps with their status, opens them in any order, and leads to checking and submitting once all are completed", async () => {
    const form = await mountForm(procedure, { layout: "tasks" });
    expect(heading(form)).toBe("Các phần của hồ sơ");
    expect(form.shadowRoot!.querySelector("[part='steps']")).toBeNull();
    expect(statuses(form)).toEqual([
      "Tình trạng hôn nhân: Chưa bắt đầu",
      "Con chung: Chưa thể bắt đầu", // decided by the first task's answers
      "Nơi đăng ký: Chưa bắt đầu",
      "Kiểm tra và nộp hồ sơ: Chưa thể bắt đầu",
    ]);
    expect(taskLink(form, "Con chung")).toBeUndefined();
    await expectAccessible(form, "task list");
    // Each link is described by its status.
    const link = taskLink(form, "Nơi đăng ký")!;
    expect(form.shadowRoot!.getElementById(link.getAttribute("aria-describedby")!)?.textContent?.trim()).toBe("Chưa bắt đầu");

    // Keyboard: the first link is the first task.
    link.focus();
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(heading(form)).toBe("Nơi đăng ký");
    expect(text(backButton(form))).toBe("Quay lại các phần của hồ sơ");
    backButton(form)!.click();
    await settle(form);
    expect(statuses(form)[2]).toBe("Nơi đăng ký: Đang làm");

    taskLink(form, "Tình trạng hôn nhân")!.click();
    await settle(form);
    await answer(form, { "/maritalStatus": "single", "/hasChildren": true });
    await proceed(form);
    expect(heading(form)).toBe("Các phần của hồ sơ");
    expect(statuses(form)).toEqual([
      "Tình trạng hôn nhân: Đã xong",
      "Con chung: Chưa bắt đầu",
      "Nơi đăng ký: Đang làm",
      "Kiểm tra và nộp hồ sơ: Chưa thể bắt đầu",
    ]);
    expect(text(form.shadowRoot!.querySelector(".tasks-progress"))).toBe("Bạn đã hoàn thành 1/3 phần.");

    // Continue validates the task first.
    taskLink(form, "Con chung")!.click();
    await settle(form);
    await proceed(form);
    expect(heading(form)).toBe("Con chung");
    expect(text(form.shadowRoot!.querySelector("[part='error-summary']"))).toContain("Họ và tên con");
    await answer(form, { "/childName": "Trần Minh An" });
    await proceed(form);
    taskLink(form, "Nơi đăng ký")!.click();
    await settle(form);
    await answer(form, { "/place": "UBND phường Ba Đình" });
    await proceed(form);

    form.locale = "en";
    await settle(form);
    expect(statuses(form)).toEqual([
      "Marital status: Completed",
      "Children: Completed",
      "Place of registration: Completed",
      "Check your answers and submit: Not yet started",
    ]);
    await expectAccessible(form, "task list, all completed, en");
    taskLink(form, "Check your answers and submit")!.click();
    await settle(form);
    expect(heading(form)).toBe("Check your answers before submitting");
    const submitted: TkSubmitEvent[] = [];
    form.addEventListener("tk-submit", (e) => submitted.push(e));
    await proceed(form);
    expect(submitted).toHaveLength(1);
  });

  it("shows the exit page instead of the task list when it applies", async () => {
    const form = await mountForm(procedure, { layout: "tasks" });
    taskLink(form, "Tình trạng hôn nhân")!.click();
    await settle(form);
    await answer(form, { "/maritalStatus": "married", "/hasChildren": false });
    await proceed(form);
    expect(heading(form)).toBe("Bạn chưa thể đăng ký kết hôn");
    backButton(form)!.click();
    await settle(form);
    expect(heading(form)).toBe("Tình trạng hôn nhân");
  });

  it("remembers the completed tasks in the draft", async () => {
    const store = memoryStore();
    const first = await mountForm(procedure, { layout: "tasks", draftSubject: "c1", draftStore: store, autosaveDelay: 0 });
    taskLink(first, "Tình trạng hôn nhân")!.click();
    await settle(first);
    await answer(first, { "/maritalStatus": "single", "/hasChildren": false });
    await proceed(first);
    await first.saveDraft();
    const [draft] = [...store.saved.values()];
    expect(draft?.completed).toEqual(["status"]);
    first.remove();

    const second = await mountForm(procedure, { layout: "tasks", draftSubject: "c1", draftStore: store });
    expect(statuses(second).slice(0, 2)).toEqual(["Tình trạng hôn nhân: Đã xong", "Nơi đăng ký: Chưa bắt đầu"]);
  });
});
