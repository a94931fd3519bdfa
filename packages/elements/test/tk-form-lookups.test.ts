// <tk-form> and lookups in registers (issue 17), in Chromium: what a citizen sees while a register is
// asked, when it finds the record, finds nothing, or cannot be reached; the answers typed are never
// lost, focus never moves, and axe finds nothing in any of these states.
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import type { LookupResolver } from "@tokhai/core";
import { defineElements, type TkForm } from "../src/index.js";
import { activeDeep, deepQuery, describedBy, expectAccessible, mountForm, settle as settleRoot, text } from "./support/dom.js";

defineElements();

const settle = (form: TkForm) => settleRoot(form, form.form);
const field = (form: TkForm, pointer: string) => deepQuery(form.shadowRoot!, `[pointer="${pointer}"]`)!;
const part = (form: TkForm, pointer: string, name: string) => field(form, pointer).shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const control = (form: TkForm, pointer: string) => part(form, pointer, "control") as HTMLInputElement;

const procedure = {
  id: "vn.test.lookup",
  version: "1.0.0",
  title: "Tờ khai tra cứu",
  lookups: {
    party2: {
      title: { vi: "Cơ sở dữ liệu dân cư", en: "the population database" },
      input: "party2.personalId",
      schema: { type: "object", properties: { fullName: { type: "string" }, birthDate: { type: "string", format: "date" } } },
    },
  },
  schema: {
    type: "object",
    properties: {
      party2: {
        type: "object",
        title: "Bên kia",
        properties: {
          personalId: { type: "string", title: "Số định danh cá nhân" },
          fullName: { type: "string", title: "Họ, chữ đệm, tên", "x-prefill": "$party2.fullName", "x-lock": true },
          birthDate: { type: "string", format: "date", title: "Ngày sinh", "x-prefill": "$party2.birthDate" },
        },
        required: ["personalId", "fullName"],
      },
      note: { type: "string", title: "Ghi chú" },
    },
  },
};

const records: Record<string, unknown> = { "001090000001": { fullName: "Trần Thị Bình", birthDate: "1995-04-02" } };

/** A register that answers when `release()` is called, or fails while `down`. */
function register() {
  let waiting: (() => void)[] = [];
  const state = { held: false, down: false, calls: 0 };
  const lookup: LookupResolver = async (_name, input) => {
    state.calls++;
    if (state.held) await new Promise<void>((resolve) => waiting.push(resolve));
    if (state.down) throw new Error("503 Service Unavailable");
    return records[String(input)];
  };
  return {
    lookup,
    state,
    release() {
      state.held = false;
      const w = waiting;
      waiting = [];
      for (const r of w) r();
    },
  };
}

async function typeInto(form: TkForm, pointer: string, value: string): Promise<void> {
  const input = control(form, pointer);
  input.focus();
  await userEvent.fill(input, value);
}

describe("<tk-form> lookups", () => {
  it("says 'looking up' politely at the input and the fields it fills, then shows the record as verified; focus stays", async () => {
    const r = register();
    r.state.held = true;
    const form = await mountForm(procedure, { lookup: r.lookup, lookupDelay: 0 });
    await typeInto(form, "/party2/personalId", "001090000001");
    const input = control(form, "/party2/personalId");
    // Wait until the register is asked: the form does not wait for it (settled() would).
    await expect.poll(() => text(part(form, "/party2/personalId", "lookup"))).toBe("Đang tra cứu Cơ sở dữ liệu dân cư…");
    const status = part(form, "/party2/personalId", "lookup")!;
    expect(status.getAttribute("role")).toBe("status");
    expect(describedBy(input)).toContain(status);
    expect(text(part(form, "/party2/fullName", "lookup"))).toBe("Đang tra cứu Cơ sở dữ liệu dân cư…");
    expect(activeDeep()).toBe(input);
    await expectAccessible(form, "pending");

    r.release();
    await settle(form);
    expect(text(part(form, "/party2/personalId", "lookup"))).toBe("");
    expect(text(part(form, "/party2/fullName", "verified"))).toContain("Trần Thị Bình");
    expect(text(part(form, "/party2/fullName", "verified"))).toContain("Từ Cơ sở dữ liệu dân cư");
    expect(control(form, "/party2/birthDate")).toBeTruthy();
    expect(activeDeep()).toBe(input);
    await expectAccessible(form, "found");
  });

  it("says 'not found' at the input, in English too, and the fields stay editable", async () => {
    const r = register();
    const form = await mountForm(procedure, { lookup: r.lookup, lookupDelay: 0, locale: "en" });
    await typeInto(form, "/party2/personalId", "001090009999");
    await settle(form);
    expect(text(part(form, "/party2/personalId", "lookup"))).toBe("Nothing was found in the population database");
    expect(control(form, "/party2/fullName").readOnly).toBe(false);
    await expectAccessible(form, "not found");
  });

  it("a register that cannot be reached: the message and 'try again' at the input, nothing typed is lost, and retry recovers", async () => {
    const r = register();
    r.state.down = true;
    const form = await mountForm(procedure, { lookup: r.lookup, lookupDelay: 0 });
    await typeInto(form, "/note", "Giữ nguyên câu trả lời");
    await typeInto(form, "/party2/personalId", "001090000001");
    await settle(form);
    const status = part(form, "/party2/personalId", "lookup")!;
    expect(text(status)).toBe("Chưa kết nối được với Cơ sở dữ liệu dân cư. Hãy thử lại.");
    const retry = part(form, "/party2/personalId", "lookup-retry") as HTMLButtonElement;
    expect(text(retry)).toBe("Thử lại");
    await expectAccessible(form, "failed");
    expect(control(form, "/note").value).toBe("Giữ nguyên câu trả lời");
    expect(control(form, "/party2/personalId").value).toBe("001090000001");

    // Continue validates: the failure is the field's error, the button stays beside it.
    const errors = await form.validate();
    expect(errors.map((e) => `${e.pointer} ${e.keyword}`)).toContain("/party2/personalId x-lookup");
    await settle(form);
    expect(text(part(form, "/party2/personalId", "error"))).toContain("Chưa kết nối được với Cơ sở dữ liệu dân cư");
    expect(text(part(form, "/party2/personalId", "lookup"))).toBe("");

    // By keyboard: Tab to "try again", Enter.
    r.state.down = false;
    retry.focus();
    await userEvent.keyboard("{Enter}");
    await settle(form);
    expect(r.state.calls).toBe(2);
    expect(part(form, "/party2/personalId", "lookup-retry")).toBeNull();
    expect(part(form, "/party2/personalId", "error")).toBeNull();
    expect(text(part(form, "/party2/fullName", "verified"))).toContain("Trần Thị Bình");
    expect(control(form, "/note").value).toBe("Giữ nguyên câu trả lời");
  });

  it("without a lookup property, the register counts as unreachable and a tk-diagnostic says why", async () => {
    const form = await mountForm(procedure, { lookupDelay: 0 });
    const messages: string[] = [];
    form.addEventListener("tk-diagnostic", (e) => messages.push(e.diagnostic.message));
    await typeInto(form, "/party2/personalId", "001090000001");
    await settle(form);
    expect(text(part(form, "/party2/personalId", "lookup"))).toMatch(/Chưa kết nối được/);
    expect(messages.some((m) => m.includes("set its lookup property"))).toBe(true);
  });
});
