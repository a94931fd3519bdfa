// `$parent` in expressions: the object that holds the field. It is what lets a building block read its
// neighbours wherever it is used (an address block's commune list filtered by the province beside it),
// in a section, in another section, or in the rows of an array; what it reads is a dependency like any other.
import { describe, expect, it } from "vitest";
import { createForm, loadCompiled, loadProcedure, type ProcedureDocument } from "@tokhai/core";
import { compileProcedure } from "@tokhai/core/compile";
import { problemsOf } from "./helpers.js";

const catalog = {
  provinces: [
    { code: "01", name: "Hà Nội", communes: [{ code: "00004", name: "Phường Ba Đình" }] },
    { code: "79", name: "TP. Hồ Chí Minh", communes: [{ code: "26734", name: "Phường Sài Gòn" }, { code: "26737", name: "Phường Tân Định" }] },
  ],
};

/** The address every section below uses: a province, and the communes of the province beside it. */
const address = {
  type: "object",
  properties: {
    province: { type: "string", "x-options": "$catalog.provinces.{ 'value': code, 'label': name }" },
    commune: { type: "string", "x-options": "$catalog.provinces[code = $parent.province].communes.{ 'value': code, 'label': name }" },
    summary: { type: "string", "x-compute": "$exists($parent.commune) ? $parent.province & '/' & $parent.commune" },
  },
};

const procedureDocument = {
  id: "vn.test.parent",
  version: "1.0.0",
  title: "Thử nghiệm $parent",
  sources: {
    catalog: {
      title: "Danh mục",
      schema: {
        type: "object",
        properties: {
          provinces: {
            type: "array",
            items: { type: "object", properties: { code: { type: "string" }, name: { type: "string" }, communes: { type: "array", items: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } } } } },
          },
        },
      },
    },
  },
  schema: {
    type: "object",
    properties: {
      home: address,
      work: address,
      branches: { type: "array", items: address },
    },
  },
} as unknown as ProcedureDocument;

const communes = (form: ReturnType<typeof createForm>, pointer: string) => (form.field(pointer).options ?? []).map((o) => o.value);

describe("$parent", () => {
  it("reads the object holding the field: each use of the same schema reads its own neighbours", async () => {
    const procedure = await loadProcedure(procedureDocument);
    const reads = (pointer: string, keyword: string) => procedure.expressions.find((e) => e.node.pointer === pointer && e.keyword === keyword)!.reads.map((r) => r.pointer);
    expect(reads("/home/commune", "x-options")).toEqual(["/home/province"]);
    expect(reads("/work/commune", "x-options")).toEqual(["/work/province"]);
    expect(reads("/branches/-/commune", "x-options")).toEqual(["/branches/-/province"]);

    const form = createForm(procedure, { context: { catalog } });
    await form.settled();
    expect(communes(form, "/home/commune")).toEqual([]);
    form.set("/home/province", "79");
    await form.settled();
    expect(communes(form, "/home/commune")).toEqual(["26734", "26737"]);
    expect(communes(form, "/work/commune")).toEqual([]);
    form.set("/work/province", "01");
    form.set("/work/commune", "00004");
    await form.settled();
    expect(communes(form, "/work/commune")).toEqual(["00004"]);
    expect(communes(form, "/home/commune")).toEqual(["26734", "26737"]);
    expect(form.get("/work/summary")).toBe("01/00004");
    expect(form.get("/home/summary")).toBeUndefined();
  });

  it("in the rows of an array, reads the row's neighbours only", async () => {
    const form = createForm(await loadProcedure(procedureDocument), { context: { catalog } });
    form.addRow("/branches");
    form.addRow("/branches");
    form.set("/branches/1/province", "01");
    await form.settled();
    expect(communes(form, "/branches/0/commune")).toEqual([]);
    expect(communes(form, "/branches/1/commune")).toEqual(["00004"]);
    form.set("/branches/0/province", "79");
    form.set("/branches/0/commune", "26737");
    await form.settled();
    expect(form.get("/branches/0/summary")).toBe("79/26737");
    expect(form.get("/branches/1/summary")).toBeUndefined();
  });

  it("behaves the same in a compiled procedure", async () => {
    const loaded = await loadProcedure(procedureDocument);
    const { validators, ...rest } = compileProcedure(loaded);
    // What a module carries, as JSON (the data validator is the module's own code).
    const compiled = loadCompiled({ ...JSON.parse(JSON.stringify(rest)), validators: { ...validators } });
    const form = createForm(compiled, { context: { catalog } });
    form.set("/work/province", "79");
    form.set("/work/commune", "26734");
    await form.settled();
    expect(communes(form, "/work/commune")).toEqual(["26734", "26737"]);
    expect(form.get("/work/summary")).toBe("79/26734");
  });

  it("is checked like a path of the form: a field the object does not have is located in the expression", async () => {
    const text = "$catalog.provinces[code = $parent.provence].communes";
    const document = { ...procedureDocument, schema: { type: "object", properties: { home: { ...address, properties: { ...address.properties, commune: { type: "string", "x-options": text } } } } } };
    const [problem] = await problemsOf(document);
    expect(problem).toMatchObject({ pointer: "/schema/properties/home/properties/commune/x-options", code: "unknown-path", position: text.indexOf("provence") });
    expect(problem!.message).toContain("provence");
  });

  it("is no source's name", async () => {
    const problems = await problemsOf({ ...procedureDocument, sources: { ...procedureDocument.sources, parent: { title: "Cha mẹ", schema: { type: "object" } } } });
    expect(problems.some((p) => p.pointer.startsWith("/sources"))).toBe(true);
  });
});
