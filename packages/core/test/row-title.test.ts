// `x-row-title` on an array: a JSONata expression evaluated once per row, with `$row` and `$index` the
// row's, giving the row's title (the member's name) in `field(rowPointer).rowTitle`. No text (empty,
// a failure) leaves it absent, and the elements name the row by its position ("Mục 2").
import { describe, expect, it } from "vitest";
import { createForm, validateSubmission, type Diagnostic } from "@tokhai/core";
import { householdSource, load, problemsOf } from "./helpers.js";

const members = (rowTitle: string, more: Record<string, unknown> = {}) => ({
  type: "object",
  properties: {
    members: {
      type: "array",
      "x-row-title": rowTitle,
      items: { type: "object", properties: { fullName: { type: "string" }, relation: { type: "string" } } },
      ...more,
    },
  },
});

const doc = (schema: unknown, extra: Record<string, unknown> = {}) => ({ id: "vn.test.row-title", version: "1.0.0", title: "Thử nghiệm", schema, ...extra });

describe("x-row-title: loading", () => {
  it("compiles the expression as one of the array's items: $row, $index and $value are the row's", async () => {
    const procedure = await load(members("$string($index + 1) & '. ' & $row.fullName & ' (' & $value.relation & ')'") as never);
    const [title] = procedure.expressions.filter((e) => e.keyword === "x-row-title");
    expect(title).toBeDefined();
    expect(title!.node.pointer).toBe("/members/-");
    expect(title!.keywordPointer).toBe("/schema/properties/members/x-row-title");
    expect(title!.usesIndex).toBe(true);
    expect(title!.reads.map((r) => r.pointer).sort()).toEqual(["/members/-/fullName", "/members/-/relation"]);
  });

  it("is checked as the other expressions are: syntax, paths of the row, sources, with the keyword's pointer and the position", async () => {
    const syntax = await problemsOf(doc(members("$row.fullName &")));
    expect(syntax).toEqual([expect.objectContaining({ pointer: "/schema/properties/members/x-row-title", code: "expression-syntax" })]);
    const text = "$row.fulName";
    const path = await problemsOf(doc(members(text)));
    expect(path).toEqual([expect.objectContaining({ pointer: "/schema/properties/members/x-row-title", code: "unknown-path", position: text.indexOf("fulName") })]);
    expect(path[0]!.message).toContain('"fulName"');
    const source = await problemsOf(doc(members("$nowhere.name")));
    expect(source).toEqual([expect.objectContaining({ code: "unknown-source" })]);
  });

  it("is refused on a field that is not an array, and by the meta-schema when it is not a text", async () => {
    const notArray = await problemsOf(doc({ type: "object", properties: { a: { type: "string", "x-row-title": "'x'" } } }));
    expect(notArray).toEqual([expect.objectContaining({ pointer: "/schema/properties/a/x-row-title", code: "row-title-not-array" })]);
    const notText = await problemsOf(doc(members(42 as unknown as string)));
    expect(notText.some((p) => p.pointer === "/schema/properties/members/x-row-title")).toBe(true);
  });
});

describe("x-row-title: the rows' titles", () => {
  it("gives each row its title, follows its data and its position, and leaves the rows without text to their position", async () => {
    const form = createForm(await load(members("$row.fullName ? $row.fullName : ''") as never));
    form.addRow("/members", { fullName: "Lê Thị Hoa" });
    form.addRow("/members");
    await form.settled();
    expect(form.field("/members/0").rowTitle).toBe("Lê Thị Hoa");
    expect(form.field("/members/1")).not.toHaveProperty("rowTitle");
    expect(form.field("/members/0/fullName")).not.toHaveProperty("rowTitle");
    expect(form.field("/members")).not.toHaveProperty("rowTitle");

    const heard: (string | undefined)[] = [];
    form.subscribe("/members/1", (state) => heard.push(state.rowTitle));
    form.set("/members/1/fullName", "Nguyễn Văn Bình");
    await form.settled();
    expect(form.field("/members/1").rowTitle).toBe("Nguyễn Văn Bình");
    expect(heard).toContain("Nguyễn Văn Bình");

    form.moveRow("/members", 1, 0);
    await form.settled();
    expect([form.field("/members/0").rowTitle, form.field("/members/1").rowTitle]).toEqual(["Nguyễn Văn Bình", "Lê Thị Hoa"]);
    form.set("/members/0/fullName", "   ");
    await form.settled();
    expect(form.field("/members/0").rowTitle).toBeUndefined();
    form.removeRow("/members", 0);
    await form.settled();
    expect(form.field("/members/0").rowTitle).toBe("Lê Thị Hoa");
  });

  it("follows $index when the rows move", async () => {
    const form = createForm(await load(members("'Người thứ ' & $string($index + 1)") as never));
    form.addRow("/members", { fullName: "A" });
    form.addRow("/members", { fullName: "B" });
    await form.settled();
    form.removeRow("/members", 0);
    await form.settled();
    expect(form.field("/members/0").rowTitle).toBe("Người thứ 1");
  });

  it("takes a text per locale, and a number; anything else gives no title", async () => {
    const form = createForm(
      await load(members("$index = 0 ? { 'vi': 'Chủ hộ ' & $row.fullName, 'en': 'Head ' & $row.fullName } : $index = 1 ? 1990 : $index = 2 ? [$row.fullName, 'x'] : true") as never),
      { locale: "vi" },
    );
    for (let i = 0; i < 4; i++) form.addRow("/members", { fullName: `P${i}` });
    await form.settled();
    expect([0, 1, 2, 3].map((i) => form.field(`/members/${i}`).rowTitle)).toEqual(["Chủ hộ P0", "1990", undefined, undefined]);
    form.setLocale("en");
    expect(form.field("/members/0").rowTitle).toBe("Head P0");
  });

  it("falls back to the row's position when the expression fails, with a diagnostic; the form goes on", async () => {
    const diagnostics: Diagnostic[] = [];
    const form = createForm(await load(members("$error('no name')") as never), { onDiagnostic: (d) => diagnostics.push(d) });
    form.addRow("/members", { fullName: "Lê Thị Hoa" });
    await form.settled();
    expect(form.field("/members/0").rowTitle).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ keywordPointer: "/schema/properties/members/x-row-title", pointer: "/members/0" })]);
    form.set("/members/0/relation", "Con");
    await form.settled();
    expect(form.get("/members/0/relation")).toBe("Con");
  });

  it("names prefilled rows from the source, and is never checked by the back end", async () => {
    const schema = {
      type: "object",
      properties: {
        members: {
          type: "array",
          "x-prefill": "$household.members",
          "x-lock": true,
          "x-row-title": "$row.fullName & ($row.relation ? ' (' & $row.relation & ')' : '') & $error('back end?')",
          items: { type: "object", properties: { fullName: { type: "string" }, relation: { type: "string" } } },
        },
      },
    };
    const procedure = await load(schema as never, { sources: { household: householdSource } });
    const context = { household: { members: [{ fullName: "Lê Văn Nam", relation: "Chồng" }] } };
    const form = createForm(procedure, { context });
    await form.settled();
    expect(form.field("/members/0").rowTitle).toBeUndefined(); // the expression throws
    const result = await form.submission();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const diagnostics: Diagnostic[] = [];
    const verdict = await validateSubmission(procedure, result.envelope, { context, onDiagnostic: (d) => diagnostics.push(d) });
    expect(verdict).toMatchObject({ valid: true, errors: [] });
    expect(diagnostics).toEqual([]);

    const named = await load({ ...schema, properties: { members: { ...schema.properties.members, "x-row-title": "$row.fullName & ' (' & $row.relation & ')'" } } } as never, {
      sources: { household: householdSource },
    });
    const other = createForm(named, { context });
    await other.settled();
    expect(other.field("/members/0").rowTitle).toBe("Lê Văn Nam (Chồng)");
  });
});
