/**
 * Building blocks: `loadProcedure(doc, { resolve, uri })` fetches the documents a schema's `$ref`s name,
 * recursively, and loads one self-contained document; a problem inside a block is located in it, with
 * the chain of references that reached it.
 */
import { describe, expect, it } from "vitest";
import { compileProcedure } from "@tokhai/core/compile";
import { BLOCK_LIMITS, createForm, loadCompiled, loadProcedure, ProcedureError, type ProcedureProblem, type ResolveDocument } from "@tokhai/core";

type Json = Record<string, unknown>;

const citizen = {
  title: "Dân cư",
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string" },
      permanentAddress: { type: "object", properties: { provinceCode: { type: "string" }, detail: { type: "string" } } },
      temporaryAddress: { type: "object", properties: { provinceCode: { type: "string" }, detail: { type: "string" } } },
    },
  },
};

const address = {
  id: "address",
  version: "1.2.0",
  sources: { citizen },
  schema: {
    type: "object",
    title: "Địa chỉ",
    properties: {
      province: { $ref: "#/$defs/province" },
      detail: { type: "string", title: "Số nhà, đường", maxLength: 200 },
    },
    required: ["province"],
    $defs: { province: { type: "string", title: "Tỉnh, thành phố", enum: ["01", "79"] } },
  },
  i18n: { en: { sources: { citizen: { fullName: { title: "Full name" }, permanentAddress: { title: "Permanent residence" } } }, "#": { title: "Address" }, "#/properties/detail": { title: "House number, street" }, "#/$defs/province": { title: "Province or city" } } },
};

const procedure = (schema: Json, extra: Json = {}): Json => ({ id: "vn.test.blocks", version: "1.0.0", title: "Thử", schema, ...extra });

/** An in-memory resolver over `files` (URI → document), recording what it was asked. */
function memory(files: Record<string, unknown>): ResolveDocument & { asked: [string, string | undefined][] } {
  const asked: [string, string | undefined][] = [];
  const resolve = (uri: string, from: string | undefined) => {
    asked.push([uri, from]);
    return files[uri];
  };
  return Object.assign(resolve, { asked });
}

async function problemsOf(promise: Promise<unknown>): Promise<ProcedureProblem[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProcedureError);
  return [...(error as ProcedureError).problems];
}

const URI = "file:///catalogue/procedures/p.json";
const ADDRESS = "file:///catalogue/blocks/address.json";

describe("$ref to another document", () => {
  it("loads a block relative to the procedure's URI, with the keywords beside the $ref winning", async () => {
    const resolve = memory({ [ADDRESS]: address });
    const p = await loadProcedure(
      procedure({
        type: "object",
        properties: {
          home: { $ref: "../blocks/address.json", title: "Nơi thường trú", "x-prefill": "$citizen.permanentAddress.{ 'province': provinceCode, 'detail': detail }" },
        },
      }),
      { resolve, uri: URI },
    );
    expect(resolve.asked).toEqual([[ADDRESS, URI]]);
    const home = p.fields.find((f) => f.pointer === "/home")!;
    expect(home.schema.title).toBe("Nơi thường trú");
    expect(p.fields.map((f) => f.pointer)).toEqual(["", "/home", "/home/province", "/home/detail"]);
    expect(p.fields.find((f) => f.pointer === "/home/province")!.schema.enum).toEqual(["01", "79"]);
    expect(p.sourceNames).toEqual(["citizen"]);
    expect(p.blocks).toEqual([{ uri: ADDRESS, id: "address", version: "1.2.0", key: "tk-block-address", via: [{ pointer: "/schema/properties/home/$ref" }], sources: ["citizen"], lookups: [] }]);
    // The document is self-contained: no reference leaves it.
    expect(JSON.stringify(p.document)).not.toContain("address.json");
    // The block's validation applies (required, enum, maxLength).
    expect(p.validateData({ home: { detail: "1" } })).toBe(false);
    expect(p.validateData({ home: { province: "01" } })).toBe(true);
    expect(p.validateData({ home: { province: "99" } })).toBe(false);
  });

  it("loads a fragment of a block, and a block that references another relative to its own URI", async () => {
    const person = {
      id: "person",
      version: "1.0.0",
      schema: { type: "object", properties: { name: { type: "string" }, address: { $ref: "address.json" }, province: { $ref: "./address.json#/$defs/province" } } },
    };
    const resolve = memory({ [ADDRESS]: address, "file:///catalogue/blocks/person.json": person });
    const p = await loadProcedure(procedure({ type: "object", properties: { applicant: { $ref: "../blocks/person.json" }, birthProvince: { $ref: "../blocks/address.json#/$defs/province", title: "Nơi sinh" } } }), {
      resolve,
      uri: URI,
    });
    expect(resolve.asked).toEqual([
      ["file:///catalogue/blocks/person.json", URI],
      [ADDRESS, "file:///catalogue/blocks/person.json"],
    ]);
    expect(p.fields.map((f) => f.pointer)).toEqual(["", "/applicant", "/applicant/name", "/applicant/address", "/applicant/address/province", "/applicant/address/detail", "/applicant/province", "/birthProvince"]);
    expect(p.fields.find((f) => f.pointer === "/birthProvince")!.schema).toMatchObject({ title: "Nơi sinh", enum: ["01", "79"] });
    expect(p.blocks!.map((b) => [b.id, b.via.map((s) => s.uri ?? "procedure")])).toEqual([
      ["person", ["procedure"]],
      ["address", ["procedure", "file:///catalogue/blocks/person.json"]],
    ]);
  });

  it("resolves references as written when the procedure has no URI", async () => {
    const resolve = memory({ "blocks/address.json": address });
    const p = await loadProcedure(procedure({ type: "object", properties: { home: { $ref: "blocks/address.json" } } }), { resolve });
    expect(resolve.asked).toEqual([["blocks/address.json", undefined]]);
    expect(p.blocks!.map((b) => b.uri)).toEqual(["blocks/address.json"]);
  });

  it("accepts a block given as JSON text, and fetched asynchronously", async () => {
    const p = await loadProcedure(procedure({ type: "object", properties: { home: { $ref: "a.json" } } }), { resolve: async () => JSON.stringify(address) });
    expect(p.blocks!.map((b) => b.id)).toEqual(["address"]);
  });

  it("without a resolver, a $ref to another document is a problem, as before", async () => {
    const problems = await problemsOf(loadProcedure(procedure({ type: "object", properties: { home: { $ref: "a.json" } } })));
    expect(problems.map((p) => [p.pointer, p.uri])).toContainEqual(["/schema/properties/home/$ref", undefined]);
    expect(problems.find((p) => p.pointer === "/schema/properties/home/$ref")!.message).toContain('needs loadProcedure\'s "resolve" option');
  });
});

describe("what blocks declare", () => {
  it("a block's expressions read the sources it declares", async () => {
    const block = { id: "name", version: "1.0.0", sources: { citizen }, schema: { type: "string", "x-prefill": "$citizen.fullName" } };
    const p = await loadProcedure(procedure({ type: "object", properties: { name: { $ref: "name.json" } } }), { resolve: memory({ "name.json": block }) });
    expect(p.expressions.map((e) => [e.keyword, e.node.pointer, e.keywordPointer])).toEqual([["x-prefill", "/name", "/schema/$defs/tk-block-name/x-prefill"]]);
  });

  it("a source a block declares differently from the procedure is a problem located in the block", async () => {
    const other = { ...address, sources: { citizen: { ...citizen, title: "Khác" } } };
    const problems = await problemsOf(
      loadProcedure(procedure({ type: "object", properties: { home: { $ref: "address.json" } } }, { sources: { citizen } }), { resolve: memory({ "address.json": other }) }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ uri: "address.json", pointer: "/sources/citizen", code: "block-conflict", via: [{ pointer: "/schema/properties/home/$ref" }] }),
    ]);
    expect(problems[0]!.message).toContain("declared differently by the procedure");
  });

  it("the same source declared alike by the procedure and a block is one source", async () => {
    const p = await loadProcedure(procedure({ type: "object", properties: { home: { $ref: "address.json" } } }, { sources: { citizen } }), { resolve: memory({ "address.json": address }) });
    expect(p.sourceNames).toEqual(["citizen"]);
  });

  it("a block's translations go to the fields whose texts come from it; the procedure's own win", async () => {
    const p = await loadProcedure(
      procedure(
        { type: "object", properties: { home: { $ref: "address.json" }, work: { $ref: "address.json", title: "Nơi làm việc" } } },
        { i18n: { en: { "/home/detail": { title: "Street" }, "/work": { title: "Workplace" }, sources: { citizen: { fullName: { title: "Name" } } } } } },
      ),
      { resolve: memory({ "address.json": address }) },
    );
    const en = (p.document.i18n as Record<string, Record<string, unknown>>)["en"]!;
    expect(en["/home"]).toEqual({ title: "Address" });
    expect(en["/home/detail"]).toEqual({ title: "Street" });
    expect(en["/home/province"]).toEqual({ title: "Province or city" });
    // The work address's title is the procedure's (beside the $ref): the block's translation of its own title does not apply.
    expect(en["/work"]).toEqual({ title: "Workplace" });
    expect(en["/work/detail"]).toEqual({ title: "House number, street" });
    // Titles of what is read of a register: the block's join the procedure's, which win.
    expect(en["sources"]).toEqual({ citizen: { fullName: { title: "Name" }, permanentAddress: { title: "Permanent residence" } } });
   });

  it("a block's translations serve only the locales the procedure has", async () => {
    const p = await loadProcedure(procedure({ type: "object", properties: { home: { $ref: "address.json" } } }), { resolve: memory({ "address.json": address }) });
    expect(p.document.i18n).toBeUndefined();
  });
});

describe("problems in blocks", () => {
  it("a problem inside a block is located in the block, with the chain of references that reached it", async () => {
    const broken = { id: "broken", version: "1.0.0", schema: { type: "object", properties: { a: { type: "string", "x-compute": "$value.nope & 'x'" } } } };
    const outer = { id: "outer", version: "1.0.0", schema: { type: "object", properties: { inner: { $ref: "broken.json" } } } };
    const problems = await problemsOf(
      loadProcedure(procedure({ type: "object", properties: { x: { $ref: "blocks/outer.json" } } }), { resolve: memory({ "blocks/outer.json": outer, "blocks/broken.json": broken }) }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        uri: "blocks/broken.json",
        pointer: "/schema/properties/a/x-compute",
        code: "unknown-path",
        position: 7,
        via: [{ pointer: "/schema/properties/x/$ref" }, { uri: "blocks/outer.json", pointer: "/schema/properties/inner/$ref" }],
      }),
    ]);
  });

  it("keeps a problem in a keyword beside the $ref in the procedure", async () => {
    const problems = await problemsOf(
      loadProcedure(procedure({ type: "object", properties: { home: { $ref: "address.json", "x-visible": "$nope" } } }), { resolve: memory({ "address.json": address }) }),
    );
    expect(problems.map((p) => [p.uri, p.pointer, p.code])).toEqual([[undefined, "/schema/properties/home/x-visible", "unknown-source"]]);
  });

  it("a JSON Schema problem in a block is located in it", async () => {
    const bad = { id: "bad", version: "1.0.0", schema: { type: "object", properties: { n: { type: "number", minimum: "zero" } } } };
    const problems = await problemsOf(loadProcedure(procedure({ type: "object", properties: { n: { $ref: "bad.json" } } }), { resolve: memory({ "bad.json": bad }) }));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect([p.uri, p.pointer]).toEqual(["bad.json", "/schema/properties/n/minimum"]);
  });

  it("reports a missing block, a resolver's failure, a missing fragment and a local reference a block cannot resolve, at the $ref", async () => {
    const local = { id: "local", version: "1.0.0", schema: { $ref: "#/$defs/none" } };
    const problems = await problemsOf(
      loadProcedure(
        procedure({ type: "object", properties: { a: { $ref: "none.json" }, b: { $ref: "fails.json" }, c: { $ref: "address.json#/$defs/none" }, d: { $ref: "local.json" } } }),
        {
          resolve: (uri) => {
            if (uri === "fails.json") throw new Error("permission denied");
            return { "address.json": address, "local.json": local }[uri];
          },
        },
      ),
    );
    expect(problems.map((p) => [p.uri, p.pointer, p.code, p.message])).toEqual([
      [undefined, "/schema/properties/a/$ref", "block-ref", 'cannot resolve "none.json": there is no document none.json'],
      [undefined, "/schema/properties/b/$ref", "block-ref", 'cannot read "fails.json": permission denied'],
      [undefined, "/schema/properties/c/$ref", "block-ref", 'cannot resolve "address.json#/$defs/none": nothing at "#/$defs/none" in the schema of address.json'],
      ["local.json", "/schema/$ref", "block-ref", 'cannot resolve "#/$defs/none": nothing at that location of the block\'s schema'],
    ]);
  });

  it("a block that is not JSON is located in its text; one of the wrong shape says what it lacks", async () => {
    const problems = await problemsOf(
      loadProcedure(procedure({ type: "object", properties: { a: { $ref: "text.json" }, b: { $ref: "shape.json" }, c: { $ref: "id.json" } } }), {
        resolve: (uri) =>
          ({
            "text.json": '{ "id": "x",\n  "version": }',
            "shape.json": { id: "s", schema: true, steps: [] },
            "id.json": { id: "i", version: "1.0.0", schema: { type: "object", properties: { a: { $id: "https://example.org/a", type: "string" } } } },
          })[uri],
      }),
    );
    expect(problems[0]).toMatchObject({ uri: "text.json", pointer: "", code: "json", position: 26 });
    expect(problems[0]!.message).toContain("line 2, column 14");
    expect(problems.slice(1).map((p) => [p.uri, p.pointer, p.code])).toEqual([
      ["shape.json", "", "block"],
      ["shape.json", "/schema", "block"],
      ["shape.json", "/steps", "block"],
      ["id.json", "/schema/properties/a/$id", "block"],
    ]);
  });

  it("reports a cycle of blocks with its chain", async () => {
    const a = { id: "a", version: "1.0.0", schema: { type: "object", properties: { b: { $ref: "b.json" } } } };
    const b = { id: "b", version: "1.0.0", schema: { type: "object", properties: { a: { $ref: "a.json" } } } };
    const problems = await problemsOf(loadProcedure(procedure({ type: "object", properties: { x: { $ref: "a.json" } } }), { resolve: memory({ "a.json": a, "b.json": b }) }));
    expect(problems).toEqual([
      expect.objectContaining({
        uri: "b.json",
        pointer: "/schema/properties/a/$ref",
        code: "block-cycle",
        message: "a cycle of blocks: a.json /schema/properties/b/$ref → b.json /schema/properties/a/$ref → a.json",
      }),
    ]);
  });

  it("a block used twice is fetched once and is no cycle", async () => {
    const resolve = memory({ "address.json": address });
    await loadProcedure(procedure({ type: "object", properties: { a: { $ref: "address.json" }, b: { $ref: "address.json#/$defs/province" } } }), { resolve });
    expect(resolve.asked).toHaveLength(1);
  });

  it("bounds the chain of references and the number of documents", async () => {
    // b0 → b1 → … : a chain longer than the limit.
    const chain = (uri: string) => {
      const n = Number(/\d+/.exec(uri)![0]);
      return { id: `b${n}`, version: "1.0.0", schema: { type: "object", properties: { next: { $ref: `b${n + 1}.json` } } } };
    };
    const deep = await problemsOf(loadProcedure(procedure({ type: "object", properties: { x: { $ref: "b0.json" } } }), { resolve: chain }));
    expect(deep).toEqual([expect.objectContaining({ code: "block-depth", uri: `b${BLOCK_LIMITS.depth - 1}.json` })]);

    // One procedure referencing more documents than allowed.
    const properties = Object.fromEntries(Array.from({ length: BLOCK_LIMITS.documents + 5 }, (_, i) => [`f${i}`, { $ref: `w${i}.json` }]));
    const asked: string[] = [];
    const wide = await problemsOf(
      loadProcedure(procedure({ type: "object", properties }), {
        resolve: (uri) => (asked.push(uri), { id: uri, version: "1.0.0", schema: { type: "string" } }),
      }),
    );
    expect(wide).toEqual([expect.objectContaining({ code: "block-count", pointer: `/schema/properties/f${BLOCK_LIMITS.documents}/$ref` })]);
    expect(asked).toHaveLength(BLOCK_LIMITS.documents);
  });
});

describe("compiled procedures", () => {
  it("contain their blocks: loading one resolves nothing", async () => {
    const p = await loadProcedure(procedure({ type: "object", properties: { home: { $ref: "address.json" } } }), { resolve: memory({ "address.json": address }) });
    const compiled = compileProcedure(p);
    expect(compiled.blocks).toEqual(p.blocks);
    // Through JSON, as a module would carry it (the validator is the loaded one: it is code).
    const plain = JSON.parse(JSON.stringify({ ...compiled, validators: { procedure: compiled.validators.procedure } }));
    const again = loadCompiled({ ...plain, validators: { ...plain.validators, data: p.validateData } });
    expect(again.blocks).toEqual(p.blocks);
    expect(again.fields.map((f) => f.pointer)).toEqual(p.fields.map((f) => f.pointer));
    const form = createForm(again);
    form.set("/home/province", "79");
    expect(form.get("/home")).toEqual({ province: "79" });
  });
});

describe("a library of blocks refining one another", () => {
  // person.json defines fields; citizen.json refines them (`$ref` to person's, with `x-prefill` and
  // `x-lock` beside); the procedure uses citizen's, and refines one again.
  const person = {
    id: "person",
    version: "1.0.0",
    schema: {
      $defs: {
        fullName: { type: "string", title: "Họ, chữ đệm và tên", maxLength: 100 },
        sex: { type: "string", title: "Giới tính", oneOf: [{ const: "M", title: "Nam" }, { const: "F", title: "Nữ" }] },
        unused: { type: "string", title: "Không dùng", "x-compute": "$citizen.nowhere" },
      },
    },
    i18n: { en: { "#/$defs/fullName": { title: "Full name" }, "#/$defs/sex": { title: "Sex", enum: { M: "Male", F: "Female" } } } },
  };
  const citizenBlock = {
    id: "citizen",
    version: "1.0.0",
    schema: {
      $defs: {
        fullName: { $ref: "person.json#/$defs/fullName", "x-prefill": "$citizen.fullName", "x-lock": true },
        sex: { $ref: "person.json#/$defs/sex", "x-prefill": "$citizen.sex", "x-lock": true },
        email: { type: "string", title: "Thư điện tử", "x-prefill": "$citizen.email" },
      },
    },
  };
  const files = { "https://x.test/blocks/person.json": person, "https://x.test/blocks/citizen.json": citizenBlock };
  const citizenSource = { title: "Dân cư", schema: { type: "object", properties: { fullName: { type: "string" }, sex: { type: "string" } } } };
  const doc = procedure(
    {
      type: "object",
      properties: {
        applicant: {
          type: "object",
          properties: {
            fullName: { $ref: "../blocks/citizen.json#/$defs/fullName" },
            sex: { $ref: "../blocks/citizen.json#/$defs/sex", title: "Giới tính khai sinh" },
          },
        },
      },
    },
    { sources: { citizen: citizenSource }, i18n: { en: { "/applicant/sex": { title: "Sex at birth" } } } },
  );
  const load = () => loadProcedure(doc, { resolve: memory(files), uri: "https://x.test/procedures/p.json" });

  it("follows a $ref to a $ref: each level's keywords apply, the nearer level's winning", async () => {
    const loaded = await load();
    const form = createForm(loaded, { context: { citizen: { fullName: "Nguyễn Văn An", sex: "M" } } });
    await form.settled();
    const fullName = form.field("/applicant/fullName");
    expect(fullName).toMatchObject({ title: "Họ, chữ đệm và tên", value: "Nguyễn Văn An", locked: true });
    const sex = form.field("/applicant/sex");
    expect(sex).toMatchObject({ title: "Giới tính khai sinh", value: "M", locked: true, options: [{ value: "M", label: "Nam" }, { value: "F", label: "Nữ" }] });
    // Where each keyword is written: x-prefill in citizen's definition, the title in person's.
    const prefill = loaded.expressions.find((e) => e.node.pointer === "/applicant/fullName" && e.keyword === "x-prefill")!;
    expect(prefill.keywordPointer).toBe("/schema/$defs/tk-block-citizen/$defs/fullName/x-prefill");
    // The data validator applies every level's assertions: person's maxLength.
    const errors = await createForm(loaded, { context: { citizen: { fullName: "A".repeat(101), sex: "M" } } }).validate();
    expect(errors.map((e) => e.pointer)).toContain("/applicant/fullName");
  });

  it("translates the labels of a oneOf from the block that defines it", async () => {
    const form = createForm(await load(), { context: { citizen: { fullName: "An", sex: "F" } }, locale: "en" });
    await form.settled();
    expect(form.field("/applicant/fullName").title).toBe("Full name");
    expect(form.field("/applicant/sex")).toMatchObject({ title: "Sex at birth", options: [{ value: "M", label: "Male" }, { value: "F", label: "Female" }] });
  });

  it("bundles only the definitions the procedure reaches", async () => {
    const { document } = await load();
    const defs = document.schema.$defs as Record<string, { $defs?: Record<string, unknown> }>;
    expect(Object.keys(defs).sort()).toEqual(["tk-block-citizen", "tk-block-person"]);
    expect(Object.keys(defs["tk-block-citizen"]!.$defs!).sort()).toEqual(["fullName", "sex"]);
    expect(Object.keys(defs["tk-block-person"]!.$defs!).sort()).toEqual(["fullName", "sex"]);
    expect(JSON.stringify(document)).not.toContain("$citizen.nowhere");
    // The bundle loads as it is, with nothing to resolve, to the same form.
    const again = createForm(await loadProcedure(document), { context: { citizen: { fullName: "An", sex: "F" } } });
    await again.settled();
    expect(again.field("/applicant/fullName")).toMatchObject({ value: "An", locked: true, title: "Họ, chữ đệm và tên" });
  });

  it("keeps a block's root schema when a reference names something in it", async () => {
    const address = {
      id: "address",
      version: "1.0.0",
      schema: {
        type: "object",
        properties: { province: { $ref: "#/$defs/province" }, detail: { type: "string", title: "Số nhà" } },
        $defs: { province: { type: "string", title: "Tỉnh" }, commune: { type: "string", title: "Xã" } },
      },
    };
    const { document } = await loadProcedure(procedure({ type: "object", properties: { detail: { $ref: "blocks/address.json#/properties/detail" } } }), {
      resolve: memory({ "https://x.test/blocks/address.json": address }),
      uri: "https://x.test/p.json",
    });
    const block = (document.schema.$defs as Record<string, Json>)["tk-block-address"]!;
    expect(Object.keys(block.properties as Json)).toEqual(["province", "detail"]);
    expect(Object.keys(block.$defs as Json)).toEqual(["province"]);
  });
});

describe("a $ref to a $ref in one document", () => {
  it("reports a reference it cannot follow at the level that holds it", async () => {
    const problems = await problemsOf(
      loadProcedure(procedure({ type: "object", properties: { a: { $ref: "#/$defs/b", title: "A" } }, $defs: { b: { $ref: "#/$defs/missing", maxLength: 3 } } })),
    );
    expect(problems).toContainEqual(expect.objectContaining({ pointer: "/schema/$defs/b/$ref", message: expect.stringContaining("#/$defs/missing") }));
  });
});

describe("a problem in a block reached several ways by one procedure", () => {
  it("is reported for each field with the $refs that placed that field", async () => {
    const address = {
      id: "address",
      version: "1.0.0",
      schema: {
        type: "object",
        properties: { province: { type: "string" }, commune: { $ref: "#/$defs/commune" } },
        $defs: { commune: { type: "string", "x-visible": "$exists($parent.provinc)" } },
      },
    };
    const person = { id: "person", version: "1.0.0", schema: { $defs: { home: { $ref: "address.json", title: "Nơi ở" } } } };
    const files = { "https://x.test/blocks/address.json": address, "https://x.test/blocks/person.json": person };
    const doc = procedure({
      type: "object",
      properties: {
        applicant: { type: "object", properties: { home: { $ref: "../blocks/person.json#/$defs/home" } } },
        office: { $ref: "../blocks/address.json" },
        birthCommune: { type: "object", properties: { province: { type: "string" }, commune: { $ref: "../blocks/address.json#/$defs/commune" } } },
      },
    });
    const problems = await problemsOf(loadProcedure(doc, { resolve: memory(files), uri: "https://x.test/procedures/p.json" }));
    const chains = Object.fromEntries(problems.map((p) => [/the object (\S+) /.exec(p.message)?.[1], p.via]));
    expect(problems.every((p) => p.uri === "https://x.test/blocks/address.json" && p.pointer === "/schema/$defs/commune/x-visible")).toBe(true);
    expect(chains).toEqual({
      "/applicant/home": [
        { pointer: "/schema/properties/applicant/properties/home/$ref" },
        { uri: "https://x.test/blocks/person.json", pointer: "/schema/$defs/home/$ref" },
        { uri: "https://x.test/blocks/address.json", pointer: "/schema/properties/commune/$ref" },
      ],
      "/office": [{ pointer: "/schema/properties/office/$ref" }, { uri: "https://x.test/blocks/address.json", pointer: "/schema/properties/commune/$ref" }],
      "/birthCommune": [{ pointer: "/schema/properties/birthCommune/properties/commune/$ref" }],
    });
  });
});
