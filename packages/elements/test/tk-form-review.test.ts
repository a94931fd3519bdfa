// The review page of <tk-form> ("check your answers", issue 15, defect 5): change links only where a
// value can be changed, answers grouped under their sections' titles, rows named as their group names
// them, no horizontal overflow on a phone, verified answers aligned with the others.
import { afterEach, describe, expect, it } from "vitest";
import { page } from "vitest/browser";
import { defineElements, TkForm } from "../src/index.js";
import { activeDeep, deepQuery, expectAccessible, mountForm, settle as settleRoot, text } from "./support/dom.js";

defineElements();

const mount = mountForm;
const settle = (form: TkForm) => settleRoot(form, form.form);
const review = (form: TkForm) => form.shadowRoot!.querySelector<HTMLElement>("[part='review']")!;
/** Each answer of the review page: its label, and the accessible text of its change link ("" if none). */
const rows = (form: TkForm) =>
  [...review(form).querySelectorAll(".answer")].map((row) => [text(row.querySelector("dt")), row.querySelector("a")?.textContent?.replace(/\s+/g, " ").trim() ?? ""]);

async function toReview(form: TkForm): Promise<void> {
  await form.goTo(Infinity);
  await settle(form);
}

const citizen = { citizen: { fullName: "Lê Thị Hoa", email: "hoa@example.vn" } };

/** Locked, computed, read-only and editable answers. */
const fixed = {
  id: "vn.test.review.fixed",
  version: "1.0.0",
  title: "Tờ khai",
  sources: {
    citizen: {
      title: "Cơ sở dữ liệu quốc gia về dân cư",
      schema: { type: "object", properties: { fullName: { type: "string" }, email: { type: "string" } } },
    },
  },
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", title: "Họ và tên", "x-prefill": "$citizen.fullName", "x-lock": true },
      email: { type: "string", title: "Thư điện tử", "x-prefill": "$citizen.email" },
      quantity: { type: "integer", title: "Số bản sao", default: 2 },
      fee: { type: "integer", title: "Lệ phí", "x-compute": "quantity * 5000" },
      code: { type: "string", title: "Mã hồ sơ", default: "HS-01", "x-readonly": "true" },
    },
  },
};

describe("<tk-form> review page: change links", () => {
  it("offers no change link for locked, computed or read-only answers, and one for the others", async () => {
    const form = await mount(fixed, { context: citizen });
    await toReview(form);
    expect(rows(form)).toEqual([
      ["Họ và tên", ""],
      ["Thư điện tử", "Thay đổi Thư điện tử"],
      ["Số bản sao", "Thay đổi Số bản sao"],
      ["Lệ phí", ""],
      ["Mã hồ sơ", ""],
    ]);
    const change = [...review(form).querySelectorAll("a")].find((a) => text(a).includes("Số bản sao"))!;
    change.click();
    await settle(form);
    expect(activeDeep()).toBe(deepQuery(form.shadowRoot!, "[pointer='/quantity']")?.shadowRoot?.querySelector("input"));
    await toReview(form);
    await expectAccessible(form, "review with fixed answers");
  });
});

const person = (title: string) => ({
  type: "object",
  title,
  properties: {
    name: { type: "string", title: "Họ, chữ đệm và tên" },
    home: { type: "object", title: "Nơi cư trú", properties: { street: { type: "string", title: "Số nhà, đường" } } },
  },
});

/** Two sections whose fields have the same titles. */
const parents = {
  id: "vn.test.review.parents",
  version: "1.0.0",
  title: "Tờ khai",
  schema: {
    type: "object",
    properties: { child: { type: "string", title: "Họ, chữ đệm và tên" }, father: person("Thông tin người cha"), mother: person("Thông tin người mẹ") },
  },
  steps: [{ id: "parents", title: "Cha mẹ", fields: ["/child", "/father", "/mother"] }],
};

describe("<tk-form> review page: sections", () => {
  it("groups the answers under their sections' headings, and each change link names its section", async () => {
    const form = await mount(parents);
    form.form!.set("/father/name", "Nguyễn Văn An");
    form.form!.set("/mother/name", "Trần Thị Bình");
    await toReview(form);
    const headings = [...review(form).querySelectorAll("h3, h4, h5, h6")].map((h) => `${h.localName} ${text(h)}`);
    expect(headings).toEqual(["h3 Cha mẹ", "h4 Thông tin người cha", "h5 Nơi cư trú", "h4 Thông tin người mẹ", "h5 Nơi cư trú"]);
    // Each section's answers follow its heading.
    const under = [...review(form).querySelectorAll("dl")].map((dl) => [text(dl.previousElementSibling), [...dl.querySelectorAll("dt")].map(text)]);
    expect(under).toEqual([
      ["Cha mẹ", ["Họ, chữ đệm và tên"]],
      ["Thông tin người cha", ["Họ, chữ đệm và tên"]],
      ["Nơi cư trú", ["Số nhà, đường"]],
      ["Thông tin người mẹ", ["Họ, chữ đệm và tên"]],
      ["Nơi cư trú", ["Số nhà, đường"]],
    ]);
    expect(rows(form).map(([, link]) => link)).toEqual([
      "Thay đổi Họ, chữ đệm và tên",
      "Thay đổi Họ, chữ đệm và tên (Thông tin người cha)",
      "Thay đổi Số nhà, đường (Thông tin người cha — Nơi cư trú)",
      "Thay đổi Họ, chữ đệm và tên (Thông tin người mẹ)",
      "Thay đổi Số nhà, đường (Thông tin người mẹ — Nơi cư trú)",
    ]);
    const mother = [...review(form).querySelectorAll("a")].find((a) => text(a).includes("người mẹ)"))!;
    mother.click();
    await settle(form);
    expect(activeDeep()).toBe(deepQuery(form.shadowRoot!, "[pointer='/mother/name']")?.shadowRoot?.querySelector("input"));
    await toReview(form);
    await expectAccessible(form, "review with sections");
  });
});

/** A repeatable group, on its own and in a section. */
const household = {
  id: "vn.test.review.rows",
  version: "1.0.0",
  title: "Tờ khai",
  schema: {
    type: "object",
    properties: {
      members: {
        type: "array",
        title: "Thành viên",
        items: { type: "object", properties: { name: { type: "string", title: "Họ và tên" } }, required: ["name"] },
      },
      house: {
        type: "object",
        title: "Hộ gia đình",
        properties: { rooms: { type: "array", title: "Phòng", items: { type: "object", properties: { area: { type: "number", title: "Diện tích" } } } } },
      },
    },
  },
  steps: [{ id: "one", title: "Nhân khẩu", fields: ["/members", "/house"] }],
  i18n: {
    en: {
      steps: { one: { title: "People" } },
      "/members": { title: "Members" },
      "/members/-/name": { title: "Full name" },
      "/house": { title: "Household" },
      "/house/rooms": { title: "Rooms" },
      "/house/rooms/-/area": { title: "Area" },
    },
  },
};

describe("<tk-form> review page: rows", () => {
  it("shows each row under the group's title and the row's label, as the group and the error summary name it, in vi and en", async () => {
    const form = await mount(household);
    const model = form.form!;
    model.addRow("/members");
    model.addRow("/members");
    model.set("/members/0/name", "Lê Thị Hoa");
    model.addRow("/house/rooms");
    model.set("/house/rooms/0/area", 20);
    await settle(form);
    // The group labels its rows so.
    const group = deepQuery(form.shadowRoot!, "[pointer='/members']")!.shadowRoot!;
    expect([...group.querySelectorAll("legend")].map(text)).toEqual(["Thành viên (không bắt buộc)", "Mục 1", "Mục 2"]);
    expect(await form.validate()).toHaveLength(1);
    await settle(form);
    expect([...form.shadowRoot!.querySelectorAll("[part='error-summary'] a")].map(text)).toEqual([
      expect.stringMatching(/^Thành viên — Mục 2 — Họ và tên: /),
    ]);
    await toReview(form);
    const headings = () => [...review(form).querySelectorAll("h3, h4, h5, h6")].map((h) => `${h.localName} ${text(h)}`);
    expect(headings()).toEqual(["h3 Nhân khẩu", "h4 Thành viên — Mục 1", "h4 Thành viên — Mục 2", "h4 Hộ gia đình", "h5 Phòng — Mục 1"]);
    expect(rows(form)).toEqual([
      ["Họ và tên", "Thay đổi Họ và tên (Thành viên — Mục 1)"],
      ["Họ và tên", "Thay đổi Họ và tên (Thành viên — Mục 2)"],
      ["Diện tích", "Thay đổi Diện tích (Hộ gia đình — Phòng — Mục 1)"],
    ]);
    form.locale = "en";
    await settle(form);
    expect(headings()).toEqual(["h3 People", "h4 Members — Item 1", "h4 Members — Item 2", "h4 Household", "h5 Rooms — Item 1"]);
    expect(rows(form)).toEqual([
      ["Full name", "Change Full name (Members — Item 1)"],
      ["Full name", "Change Full name (Members — Item 2)"],
      ["Area", "Change Area (Household — Rooms — Item 1)"],
    ]);
    const second = [...review(form).querySelectorAll("a")].find((a) => text(a).includes("Item 2"))!;
    second.click();
    await settle(form);
    expect(activeDeep()).toBe(deepQuery(form.shadowRoot!, "[pointer='/members/1/name']")?.shadowRoot?.querySelector("input"));
    await toReview(form);
    await expectAccessible(form, "review with rows");
  });
});

/** The same group, its rows named by their member (x-row-title), in a text per locale. */
const named = {
  ...household,
  id: "vn.test.review.row-title",
  schema: {
    ...household.schema,
    properties: {
      ...household.schema.properties,
      members: {
        ...household.schema.properties.members,
        items: { type: "object", properties: { name: { type: "string", title: "Họ và tên" }, personalId: { type: "string", title: "Số định danh" } }, required: ["personalId"] },
        "x-row-title": "$row.name ? { 'vi': $row.name & ' (người thứ ' & $string($index + 1) & ')', 'en': $row.name & ' (person ' & $string($index + 1) & ')' } : ''",
      },
    },
  },
  i18n: { en: { ...household.i18n.en, "/members/-/personalId": { title: "Personal ID" } } },
};

describe("<tk-form> rows named by x-row-title", () => {
  it("names each row by its title in the group's legends and buttons, the error summary and the review page; by its position while it has none", async () => {
    const form = await mount(named);
    const model = form.form!;
    model.addRow("/members");
    model.addRow("/members");
    model.set("/members/0/name", "Lê Thị Hoa");
    await settle(form);
    const group = deepQuery(form.shadowRoot!, "[pointer='/members']")!.shadowRoot!;
    const legends = () => [...group.querySelectorAll("[part~='row-label']")].map(text);
    const removes = () => [...group.querySelectorAll("[data-action='remove']")].map((b) => b.textContent!.replace(/\s+/g, " ").trim());
    expect(legends()).toEqual(["Lê Thị Hoa (người thứ 1)", "Mục 2"]);
    expect(removes()).toEqual(["Xóa Lê Thị Hoa (người thứ 1)", "Xóa Mục 2"]);

    // Typed in the row, the title follows.
    model.set("/members/1/name", "Trần Văn Bình");
    await settle(form);
    expect(legends()).toEqual(["Lê Thị Hoa (người thứ 1)", "Trần Văn Bình (người thứ 2)"]);
    expect(await form.validate()).toHaveLength(2);
    await settle(form);
    expect([...form.shadowRoot!.querySelectorAll("[part='error-summary'] a")].map(text)).toEqual([
      expect.stringMatching(/^Thành viên — Lê Thị Hoa \(người thứ 1\) — Số định danh: /),
      expect.stringMatching(/^Thành viên — Trần Văn Bình \(người thứ 2\) — Số định danh: /),
    ]);

    // Moved, each row keeps its member's name and takes its new position.
    model.moveRow("/members", 1, 0);
    await settle(form);
    expect(legends()).toEqual(["Trần Văn Bình (người thứ 1)", "Lê Thị Hoa (người thứ 2)"]);
    model.set("/members/0/personalId", "001190001234");
    model.set("/members/1/personalId", "001190005678");
    model.set("/members/1/name", undefined); // no name: named by its position again
    await settle(form);
    expect(legends()).toEqual(["Trần Văn Bình (người thứ 1)", "Mục 2"]);

    await toReview(form);
    const headings = () => [...review(form).querySelectorAll("h4")].map(text);
    expect(headings()).toEqual(["Thành viên — Trần Văn Bình (người thứ 1)", "Thành viên — Mục 2"]);
    expect(rows(form).slice(0, 2)).toEqual([
      ["Họ và tên", "Thay đổi Họ và tên (Thành viên — Trần Văn Bình (người thứ 1))"],
      ["Số định danh", "Thay đổi Số định danh (Thành viên — Trần Văn Bình (người thứ 1))"],
    ]);
    form.locale = "en";
    await settle(form);
    expect(headings()).toEqual(["Members — Trần Văn Bình (person 1)", "Members — Item 2"]);
    await expectAccessible(form, "review with named rows");
    await form.goTo(0);
    await settle(form);
    const again = deepQuery(form.shadowRoot!, "[pointer='/members']")!.shadowRoot!;
    expect([...again.querySelectorAll("[part~='row-label']")].map(text)).toEqual(["Trần Văn Bình (person 1)", "Item 2"]);
  });
});

describe("<tk-form> review page on a phone", () => {
  afterEach(async () => {
    await page.viewport(1280, 800);
  });

  it("fits 375 px: long values wrap, the answers stack, every change link is on screen", async () => {
    await page.viewport(375, 800);
    const email = `${"nguyen.thi.hoa.phuong".repeat(2)}12@example-mail.vn`;
    expect(email).toHaveLength(60);
    const form = await mount(fixed, { context: { citizen: { fullName: "Lê Thị Hoa", email } } });
    await toReview(form);
    const width = document.documentElement.clientWidth;
    expect(width).toBeLessThanOrEqual(375);
    expect(document.scrollingElement!.scrollWidth).toBeLessThanOrEqual(width);
    const links = [...review(form).querySelectorAll("a")];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const box = link.getBoundingClientRect();
      expect(box.left, text(link)).toBeGreaterThanOrEqual(0);
      expect(box.right, text(link)).toBeLessThanOrEqual(width);
    }
    // Stacked: each answer under its label.
    const row = [...review(form).querySelectorAll(".answer")].find((r) => text(r).includes(email))!;
    const [label, value] = [row.querySelector("dt")!, row.querySelector("dd")!].map((e) => e.getBoundingClientRect());
    expect(value!.top).toBeGreaterThanOrEqual(label!.bottom);
    expect(value!.right).toBeLessThanOrEqual(width);
    // Wide: side by side again.
    await page.viewport(1024, 800);
    await settle(form);
    const [wideLabel, wideValue] = [row.querySelector("dt")!, row.querySelector("dd")!].map((e) => e.getBoundingClientRect());
    expect(wideValue!.top).toBe(wideLabel!.top);
    expect(wideValue!.left).toBeGreaterThan(wideLabel!.right);
  });
});

/** The left edge of each line of text of an element, relative to the element's own left edge. */
function lineStarts(el: Element): number[] {
  const box = el.getBoundingClientRect();
  const rects: DOMRect[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
  }
  // Rects that overlap vertically are on one line (a smaller font sits lower on the same line).
  const lines: { bottom: number; left: number }[] = [];
  for (const r of rects.sort((a, b) => a.top - b.top)) {
    const line = lines.find((l) => r.top < l.bottom - 1);
    if (line) line.left = Math.min(line.left, r.left);
    else lines.push({ bottom: r.bottom, left: r.left });
  }
  return lines.map((l) => l.left - box.left);
}

describe("<tk-form> review page: verified answers", () => {
  afterEach(async () => {
    await page.viewport(1280, 800);
  });

  for (const width of [1024, 375]) {
    it(`aligns a verified answer and its mark with the other answers (${width} px)`, async () => {
      await page.viewport(width, 800);
      const form = await mount(fixed, { context: citizen });
      await toReview(form);
      const answers = [...review(form).querySelectorAll(".answer")];
      const verified = answers.find((r) => r.querySelector(".badge, .verified"))!;
      const plain = answers.find((r) => r !== verified)!;
      expect(text(verified)).toContain("Đã xác thực");
      for (const part of ["dt", "dd"]) {
        expect(verified.querySelector(part)!.getBoundingClientRect().left, part).toBe(plain.querySelector(part)!.getBoundingClientRect().left);
      }
      // Every line of the verified answer (the value, the mark if it wraps) starts where the others do.
      for (const start of [...lineStarts(verified.querySelector("dd")!), ...lineStarts(plain.querySelector("dd")!)]) expect(start).toBeCloseTo(0, 0);
    });
  }
});
