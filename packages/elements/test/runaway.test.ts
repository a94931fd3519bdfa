// Runaway expressions in a real Chromium: exponential work, endless recursion, a huge range and a
// string that doubles, all re-run on every keystroke in one field. The budget stops each of them (no
// value, a diagnostic to the host), and the citizen keeps typing: every key reaches the fields, in
// order, and the rest of the form stays live.
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { defineElements, type TkDiagnosticEvent, type TkForm, type TkSubmitEvent } from "../src/index.js";
import { SIZE_BUDGET_EXCEEDED } from "@tokhai/core";
import { fieldAt, settle, text } from "./support/dom.js";

defineElements();

const runaway = {
  id: "vn.test.runaway",
  version: "1.0.0",
  title: "Biểu thức chạy mãi",
  schema: {
    type: "object",
    properties: {
      name: { type: "string", title: "Họ và tên" },
      note: { type: "string", title: "Ghi chú" },
      // 2^40 calls: only the time budget ends it.
      slow: { type: "integer", title: "Chậm", "x-compute": "($f := function($n) { $n > 0 ? $f($n - 1) + $f($n - 1) : 1 }; $f(40) + $length(name))" },
      // Never returns: the depth budget ends it.
      endless: { type: "integer", title: "Đệ quy", "x-compute": "($f := function($n) { $f($n + 1) }; $f($length(name)))" },
      // A hundred million items: the sequence budget refuses to build them.
      huge: { type: "integer", title: "Dãy lớn", "x-compute": "$sum([1..100000000]) + $length(name)" },
      // A string doubled 40 times (a terabyte): the size budget stops it at some ten million characters.
      doubled: { type: "string", title: "Chuỗi lớn", "x-compute": "($s := name; $d := function($t, $n) { $n = 0 ? $t : $d($t & $t, $n - 1) }; $d($s, 40))" },
      length: { type: "integer", title: "Độ dài", "x-compute": "$length(name)" },
      greeting: { type: "string", title: "Lời chào", "x-visible": "$length(note) > 3", "x-compute": "'Xin chào ' & name" },
    },
  },
};

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

const field = (form: TkForm, pointer: string) => fieldAt(form.shadowRoot!, pointer);
const control = (form: TkForm, pointer: string) => field(form, pointer).shadowRoot!.querySelector<HTMLInputElement>("[part~='control']")!;

describe("runaway expressions", () => {
  it("are stopped by the budget while the citizen types into the form", async () => {
    host = document.createElement("main");
    document.body.append(host);
    const form = document.createElement("tk-form");
    const diagnostics: TkDiagnosticEvent["diagnostic"][] = [];
    form.addEventListener("tk-diagnostic", (e) => diagnostics.push((e as TkDiagnosticEvent).diagnostic));
    Object.assign(form, { procedure: runaway, context: {} });
    host.append(form);
    await form.ready();
    await settle(form.shadowRoot!, form.form);
    const model = form.form!;

    // Each key in "name" re-runs the three runaway expressions; the keys typed meanwhile still land.
    control(form, "/name").focus();
    await userEvent.keyboard("Nguyen Van An");
    await userEvent.tab();
    await userEvent.keyboard("Cần cấp gấp");
    await settle(form.shadowRoot!, model);

    expect(control(form, "/name").value).toBe("Nguyen Van An");
    expect(control(form, "/note").value).toBe("Cần cấp gấp");
    expect(model.get("/name")).toBe("Nguyen Van An");
    expect(model.get("/note")).toBe("Cần cấp gấp");
    // The expressions that read the same field kept working, and so did a condition.
    expect(model.get("/length")).toBe(13);
    expect(text(field(form, "/length").shadowRoot!.querySelector("output"))).toBe("13");
    expect(model.get("/greeting")).toBe("Xin chào Nguyen Van An");
    expect(field(form, "/greeting").hasAttribute("hidden")).toBe(false);
    // The runaways have no value, and each was reported to the host with where it is.
    for (const pointer of ["/slow", "/endless", "/huge", "/doubled"]) expect(model.get(pointer), pointer).toBeUndefined();
    const reported = new Map(diagnostics.map((d) => ["pointer" in d ? d.pointer : "", d]));
    expect(reported.get("/slow")).toMatchObject({ code: "D1012", keywordPointer: "/schema/properties/slow/x-compute" });
    expect(reported.get("/endless")).toMatchObject({ keywordPointer: "/schema/properties/endless/x-compute" });
    expect(reported.get("/huge")).toMatchObject({ keywordPointer: "/schema/properties/huge/x-compute" });
    expect(reported.get("/doubled")).toMatchObject({ code: SIZE_BUDGET_EXCEEDED, keywordPointer: "/schema/properties/doubled/x-compute" });
    expect([...reported.keys()].sort()).toEqual(["/doubled", "/endless", "/huge", "/slow"]);

    // The form still validates, moves to the review page and submits, without the runaway values.
    const submitted = new Promise<TkSubmitEvent>((resolve) => form.addEventListener("tk-submit", resolve, { once: true }));
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    await settle(form.shadowRoot!, model);
    form.shadowRoot!.querySelector<HTMLButtonElement>("[part~='primary']")!.click();
    expect((await submitted).envelope.data).toEqual({ name: "Nguyen Van An", note: "Cần cấp gấp", length: 13, greeting: "Xin chào Nguyen Van An" });
  });
});
