// The run-time compiler compiles a smaller copy of the data schema (packages/core/src/schema-shrink.ts):
// no annotations or x- keywords, repeated leaf schemas moved to `$defs` and referenced. These tests check
// that its validators report the same errors as ajv compiling the schema as written, and that the
// caller's schema is left as it was.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { createForm, loadProcedure, TOKHAI_FORMATS, type SchemaErrorObject, type SchemaValidator } from "@tokhai/core";
// Internal, not exported by the package: the compiler `loadProcedure` uses, from the built module.
import { ajvCompiler } from "../dist/compiler.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, unknown>;

/** ajv compiling the schema as it is written: the reference the shrunk validators must match. */
function plainCompile(schema: unknown): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const [name, re] of Object.entries(TOKHAI_FORMATS)) ajv.addFormat(name, re);
  return ajv.compile(schema as object) as unknown as SchemaValidator;
}

/**
 * What tokhai reads of an error: everything but `schemaPath` (which points into the compiled copy).
 * Sorted: grouped properties (`patternProperties`) report after the others, and tokhai puts errors in
 * document order anyway.
 */
function view(errors: readonly SchemaErrorObject[] | null | undefined) {
  return (errors ?? [])
    .map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The compiled copy ajv keeps on the validator (`validate.schema`). */
function compiledSchema(validate: SchemaValidator): Json {
  return (validate as unknown as { schema: Json }).schema;
}

/** Every keyword of every schema object of the copy, found by walking only where subschemas are. */
function keywordsOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return out;
  for (const [key, value] of Object.entries(schema)) {
    out.add(key);
    if (["properties", "patternProperties", "$defs", "dependentSchemas"].includes(key)) {
      for (const sub of Object.values(value as Json)) keywordsOf(sub, out);
    } else if (["allOf", "anyOf", "oneOf", "prefixItems"].includes(key)) {
      for (const sub of value as unknown[]) keywordsOf(sub, out);
    } else if (
      ["items", "additionalProperties", "contains", "not", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties"].includes(key)
    ) {
      keywordsOf(value, out);
    }
  }
  return out;
}

/**
 * Compiles `schema` (frozen: any write would throw) with tokhai's compiler and with plain ajv, and
 * checks both report the same errors on every sample. Returns tokhai's validator.
 */
function expectSameErrors(schema: unknown, samples: readonly unknown[]): SchemaValidator {
  const before = structuredClone(schema);
  const plain = plainCompile(structuredClone(schema));
  const shrunk = ajvCompiler.compile(deepFreeze(schema));
  expect(schema).toEqual(before);
  for (const data of samples) {
    const expected = plain(data);
    const expectedErrors = view(plain.errors);
    expect(shrunk(data), JSON.stringify(data)).toBe(expected);
    expect(view(shrunk.errors), JSON.stringify(data)).toEqual(expectedErrors);
  }
  return shrunk;
}

const text = (maxLength: number, more: Json = {}): Json => ({ type: "string", title: "Văn bản", description: "Gợi ý", maxLength, ...more });

describe("the compiled copy of the data schema", () => {
  it("reports the same errors for nested objects with repeated fields", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "Hồ sơ",
      description: "Mô tả",
      $comment: "a comment",
      type: "object",
      "x-widget": "section",
      properties: {
        applicant: {
          type: "object",
          title: "Người nộp",
          properties: {
            fullName: text(5, { "x-prefill": "$citizen.fullName", "x-lock": true }),
            alias: text(5, { examples: ["An"], default: "" }),
            phone: { type: "string", format: "vn-phone", "x-widget": "tel" },
            email: { type: "string", format: "email", maxLength: 20 },
            age: { type: "integer", minimum: 0, maximum: 150, deprecated: false, readOnly: false, writeOnly: false },
          },
          required: ["fullName", "alias", "phone"],
        },
        spouse: {
          type: "object",
          title: "Vợ/chồng",
          "x-visible": "married",
          properties: {
            fullName: text(5),
            alias: text(5, { "x-compute": "'x'" }),
            phone: { type: "string", format: "vn-phone" },
            age: { type: "integer", minimum: 0, maximum: 150 },
          },
          required: ["fullName"],
        },
        married: { type: "boolean" },
        note: { type: "string", maxLength: 5 },
      },
      required: ["applicant", "married"],
    };
    const validate = expectSameErrors(schema, [
      {},
      { applicant: {}, married: "yes" },
      { applicant: { fullName: "Lê Thị Hoa", alias: 7, phone: "12", email: "not an email", age: -1 }, married: true },
      { applicant: { fullName: "An", alias: "Bé", phone: "0912345678", email: "a@b.vn", age: 30 }, married: false },
      { applicant: { fullName: "An", alias: "Bé", phone: "0912345678" }, married: true, spouse: { fullName: 1, alias: "toolong", age: 200 }, note: "123456" },
      { applicant: null, married: null, spouse: [] },
      [],
      "text",
      null,
    ]);
    const copy = compiledSchema(validate);
    const keywords = keywordsOf(copy);
    for (const k of ["title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly"]) expect(keywords).not.toContain(k);
    expect([...keywords].filter((k) => k.startsWith("x-"))).toEqual([]);
    // The repeated leaves now live once in $defs.
    expect(Object.keys(copy["$defs"] as Json).every((k) => k.startsWith("__tk"))).toBe(true);
    expect(Object.values(copy["$defs"] as Json)).toContainEqual({ type: "string", maxLength: 5 });
    expect(Object.values(copy["$defs"] as Json)).toContainEqual({ type: "integer", minimum: 0, maximum: 150 });
  });

  it("reports the same errors for arrays of objects with identical item fields", () => {
    const row = {
      type: "object",
      title: "Thành viên",
      properties: {
        fullName: text(10),
        relation: { type: "string", enum: ["con", "vợ", "chồng"], title: "Quan hệ" },
        birthDate: { type: "string", format: "date" },
      },
      required: ["fullName", "relation"],
      additionalProperties: false,
    };
    const schema = {
      type: "object",
      properties: {
        members: { type: "array", items: row, minItems: 1, maxItems: 3, "x-widget": "table" },
        guardians: { type: "array", items: structuredClone(row), uniqueItems: true },
        pair: { type: "array", prefixItems: [text(10), text(10)], items: false },
        tags: { type: "array", items: { type: "string", maxLength: 3 }, contains: { const: "a" }, minContains: 1 },
      },
    };
    expectSameErrors(schema, [
      {},
      { members: [] },
      { members: [{}, { fullName: "Một cái tên rất dài", relation: "bạn", birthDate: "2020-13-45", extra: 1 }] },
      { members: [{ fullName: "A", relation: "con" }, { fullName: "A", relation: "con" }, {}, {}], guardians: [{ fullName: "B", relation: "vợ" }, { fullName: "B", relation: "vợ" }] },
      { pair: ["a", "b", "c"], tags: ["bb", "cccc"] },
      { pair: [1, "very very long"], tags: ["a"] },
      { members: "x", guardians: [null], pair: {}, tags: [1] },
    ]);
  });

  it("keeps properties named like annotations or x- keywords, and required lists naming them", () => {
    const schema = {
      type: "object",
      title: "Tiêu đề",
      properties: {
        title: { type: "string", title: "title", maxLength: 3 },
        description: { type: "string", description: "description", maxLength: 3 },
        default: { type: "string", maxLength: 3, default: "x" },
        examples: { type: "array", items: { type: "string", maxLength: 3 } },
        "x-note": { type: "string", maxLength: 3 },
        $comment: { type: "number" },
      },
      patternProperties: { "^x-": { type: "string", maxLength: 3 } },
      required: ["title", "description", "default", "x-note"],
      dependentRequired: { title: ["description"] },
    };
    const validate = expectSameErrors(schema, [
      {},
      { title: "long title", description: "long", default: 5, examples: ["long"], "x-note": "long", "x-other": "long", $comment: "text" },
      { title: "ok", description: "ok", default: "ok", "x-note": "ok" },
      { title: "ok" },
    ]);
    // Four of them share a leaf and are grouped into a pattern; the names are all still validated.
    const compiled = compiledSchema(validate);
    expect(Object.keys(compiled["properties"] as Json)).toEqual(["examples", "$comment"]);
    expect(Object.keys(compiled["patternProperties"] as Json)).toEqual(["^x-", "^(?:title|description|default|x-note)$"]);
  });

  it("keeps a property named __proto__ (as JSON.parse makes it)", () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string","maxLength":3,"title":"p"},"a":{"type":"string","maxLength":3}},' +
        '"patternProperties":{"^_":{"type":"string","maxLength":3}},"dependentRequired":{"__proto__":["a"]}}',
    ) as unknown;
    const validate = expectSameErrors(schema, [{}, JSON.parse('{"__proto__":"long","a":"long"}'), JSON.parse('{"__proto__":"ok"}')]);
    expect(Object.keys(compiledSchema(validate)["properties"] as Json)).toEqual(["__proto__", "a"]);
  });

  it("leaves const and enum values alone, objects with title and x- keys included", () => {
    const choice = { title: "Lựa chọn", "x-widget": "radio", enum: [{ title: "A", "x-code": 1 }, { title: "B", description: "b", default: 2 }, "none", null] };
    const schema = {
      type: "object",
      properties: {
        first: choice,
        second: structuredClone(choice),
        third: structuredClone(choice),
        fourth: structuredClone(choice),
        fixed: { type: "object", minProperties: 1, const: { title: "T", "x-visible": "true", nested: { examples: [1] } }, title: "Cố định" },
        fixedToo: { type: "object", minProperties: 1, const: { title: "T", "x-visible": "true", nested: { examples: [1] } } },
        kind: {
          oneOf: [
            { type: "string", minLength: 1, const: "a", title: "Loại A" },
            { type: "string", minLength: 1, const: "b", title: "Loại B" },
          ],
        },
        otherKind: {
          oneOf: [
            { type: "string", minLength: 1, const: "a", title: "Kiểu A" },
            { type: "string", minLength: 1, const: "b", title: "Kiểu B" },
          ],
        },
        single: { const: "a", title: "Một" },
        singleToo: { const: "a", description: "Một" },
      },
    };
    const validate = expectSameErrors(schema, [
      {},
      { first: { title: "A", "x-code": 1 }, second: { title: "B", description: "b", default: 2 }, fixed: { title: "T", "x-visible": "true", nested: { examples: [1] } } },
      { first: { title: "A" }, second: "other", fixed: { title: "T" }, fixedToo: null, kind: "c", otherKind: "a" },
      { first: "none", second: { "x-code": 1, title: "A" }, third: [], fourth: null, kind: 1, otherKind: "b", single: "b", singleToo: null },
    ]);
    const copy = compiledSchema(validate);
    const defs = Object.values(copy["$defs"] as Json);
    expect(defs).toContainEqual({ enum: choice.enum });
    expect(defs).toContainEqual({ type: "object", minProperties: 1, const: { title: "T", "x-visible": "true", nested: { examples: [1] } } });
    expect(defs).toContainEqual({ type: "string", minLength: 1, const: "a" });
    // A one-keyword leaf stays in place (a call would cost as much code and run slower).
    expect((copy["properties"] as Json)["single"]).toEqual({ const: "a" });
  });

  it("works with the schema's own $defs and $ref, and with references into x- keywords", () => {
    const schema = {
      type: "object",
      $defs: {
        name: { type: "string", maxLength: 5, title: "Tên" },
        address: {
          type: "object",
          description: "Địa chỉ",
          properties: { province: { type: "string", maxLength: 5 }, commune: { type: "string", maxLength: 5 } },
          required: ["province"],
        },
        __tk0: { type: "string", maxLength: 99 },
      },
      "x-defs": { short: { type: "string", maxLength: 2 } },
      properties: {
        fullName: { $ref: "#/$defs/name" },
        otherName: { type: "string", maxLength: 5 },
        home: { $ref: "#/$defs/address", title: "Nhà" },
        work: { $ref: "#/$defs/address" },
        code: { $ref: "#/x-defs/short" },
        codeToo: { $ref: "#/x-defs/short" },
        reserved: { $ref: "#/$defs/__tk0" },
        nested: { $ref: "#/properties/home" },
        described: { $ref: "#/properties/otherName" },
        children: { type: "array", items: { $ref: "#" } },
      },
      required: ["fullName", "home"],
    };
    const validate = expectSameErrors(schema, [
      {},
      { fullName: "Nguyễn Văn A", otherName: "toolong", home: {}, work: { province: 1, commune: "toolong" }, code: "abc", codeToo: 3, reserved: "x".repeat(100), nested: {} },
      { fullName: "An", home: { province: "HN" }, code: "ab", reserved: "ok", described: "toolong" },
      { fullName: "An", home: { province: "HN" }, children: [{}, { fullName: "An", home: { province: "toolong" }, children: [{ otherName: "toolong" }] }] },
    ]);
    const copy = compiledSchema(validate);
    expect(copy["x-defs"]).toEqual({ short: { type: "string", maxLength: 2 } });
    expect((copy["$defs"] as Json)["__tk0"]).toEqual({ type: "string", maxLength: 99 });
    // The schema's own __tk0 is kept: the repeated leaf took the next free name.
    expect((copy["$defs"] as Json)["__tk1"]).toEqual({ type: "string", maxLength: 5 });
    expect((copy["$defs"] as Json)["name"]).toEqual({ $ref: "#/$defs/__tk1" });
  });

  it("does not move leaves out of a subschema with its own $id", () => {
    const schema = {
      $id: "https://example.gov.vn/schemas/root.json",
      type: "object",
      properties: {
        inner: {
          $id: "inner.json",
          type: "object",
          $defs: { name: { type: "string", minLength: 1, maxLength: 3 } },
          properties: { a: { type: "string", minLength: 1, maxLength: 3 }, b: { type: "string", minLength: 1, maxLength: 3 }, c: { $ref: "#/$defs/name" } },
        },
        a: { type: "string", minLength: 1, maxLength: 3 },
        b: { type: "string", minLength: 1, maxLength: 3 },
      },
    };
    const validate = expectSameErrors(schema, [{}, { inner: { a: "long", b: "", c: "long" }, a: "long", b: 1 }]);
    const properties = compiledSchema(validate)["properties"] as Json;
    expect((properties["inner"] as Json)["properties"]).toEqual(schema.properties.inner.properties);
    expect(properties["a"]).toEqual({ $ref: "#/$defs/__tk0" });
  });

  it("reports the same errors with pattern, format, if/then/else, dependentRequired and dependentSchemas", () => {
    const schema = {
      type: "object",
      properties: {
        kind: { type: "string", enum: ["person", "company"] },
        personalId: { type: "string", pattern: "^[0-9]{12}$", title: "Số định danh" },
        taxCode: { type: "string", pattern: "^[0-9]{10}$" },
        otherTaxCode: { type: "string", pattern: "^[0-9]{10}$" },
        birthDate: { type: "string", format: "date" },
        since: { type: "string", format: "date" },
        email: { type: "string", format: "email" },
        count: { type: "integer", multipleOf: 2, exclusiveMinimum: 0, exclusiveMaximum: 10 },
        other: { type: ["string", "null"], minLength: 2, maxLength: 50 },
        otherToo: { type: ["string", "null"], minLength: 2, maxLength: 50 },
        labels: { type: "object", propertyNames: { maxLength: 3 }, additionalProperties: { type: "string", maxLength: 3 } },
        notEmpty: { not: { const: "" } },
        notEmptyToo: { not: { const: "" } },
        personOnly: { type: "string", minLength: 1, const: "person" },
      },
      required: ["kind"],
      if: { properties: { kind: { type: "string", minLength: 1, const: "person" } } },
      then: { required: ["personalId", "birthDate"], properties: { personalId: { minLength: 12 } } },
      else: { required: ["taxCode"] },
      dependentRequired: { email: ["kind", "since"], since: ["birthDate"] },
      dependentSchemas: { otherTaxCode: { required: ["taxCode"], properties: { taxCode: { pattern: "^0" } } } },
      anyOf: [{ required: ["email"] }, { required: ["other"] }],
    };
    const validate = expectSameErrors(schema, [
      {},
      { kind: "person" },
      { kind: "company", personalId: "123", birthDate: "2024-02-30", email: "x@", count: 3, other: "a", otherToo: null, otherTaxCode: "1234567890", taxCode: "1234567890" },
      { kind: "person", personalId: "001190001234", birthDate: "1990-01-01", since: "x", email: "a@b.vn", count: 4, labels: { long: "long", ok: 1 }, notEmpty: "", notEmptyToo: "x" },
      { kind: "other", count: 12, other: 1, labels: [] },
      { kind: "company", personOnly: "company" },
    ]);
    // The leaf under `if` was moved too.
    expect(((compiledSchema(validate)["if"] as Json)["properties"] as Json)["kind"]).toHaveProperty("$ref");
  });

  it("reports the same errors with unevaluatedProperties and leaves in allOf", () => {
    const schema = {
      type: "object",
      allOf: [{ required: ["a"] }, { required: ["a"] }, { properties: { a: { type: "string", maxLength: 2 }, b: { type: "string", maxLength: 2 } } }],
      properties: { c: { type: "string", maxLength: 2 } },
      unevaluatedProperties: { type: "string", maxLength: 2 },
    };
    expectSameErrors(schema, [{}, { a: "abc", b: "abc", c: "abc", d: "abc", e: 1 }, { a: "ok", d: "ok" }]);
  });

  it("reports the same errors as the generated benchmark schema, with far less code", () => {
    const sections: Json = {};
    for (let s = 0; s < 10; s++) {
      const properties: Json = {};
      for (let i = 0; i < 20; i++) {
        const f = s * 20 + i;
        properties[`f${f}`] = { type: "string", title: `Trường ${f + 1}`, description: `Gợi ý ${f + 1}`, maxLength: 100, ...(i % 10 === 9 ? { "x-visible": `$not(s${s}.f${f - 1} = 'hide')` } : {}) };
      }
      sections[`s${s}`] = { type: "object", title: `Phần ${s + 1}`, "x-widget": "section", properties, required: Object.keys(properties) };
    }
    const schema = { type: "object", properties: sections, required: Object.keys(sections) };
    const filled = Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, Object.fromEntries(Object.keys((v as Json)["properties"] as Json).map((f) => [f, f]))]));
    const someBad = structuredClone(filled) as Record<string, Record<string, unknown>>;
    someBad["s0"]!["f3"] = "x".repeat(101);
    someBad["s4"]!["f90"] = 12;
    delete someBad["s9"]!["f199"];
    someBad["s7"] = [] as unknown as Record<string, unknown>;
    const validate = expectSameErrors(schema, [{}, filled, someBad, { s0: {}, s1: null }]);
    expect(String(validate).length).toBeLessThan(String(plainCompile(schema)).length / 5);
    // Each section's 20 fields are one pattern over its keys, not 20 blocks of code.
    const s0 = (compiledSchema(validate)["properties"] as Json)["s0"] as Json;
    expect(Object.keys(s0["properties"] as Json)).toEqual([]);
    expect(Object.keys(s0["patternProperties"] as Json)).toEqual([`^(?:${Array.from({ length: 20 }, (_, i) => `f${i}`).join("|")})$`]);
  });

  it("groups properties with any name into a pattern that matches exactly those names", () => {
    const names = ["a.b", "(x)", "a|b", "^$", "[c]", "d*", "e+?", "{f}", "g\\h", "i/j", "k-l", "tên", "𝒜"];
    const leaf = { type: "string", maxLength: 1, minLength: 1 };
    const properties: Json = {};
    for (const n of names) properties[n] = { ...leaf };
    const schema = { type: "object", properties, additionalProperties: false };
    const every = (v: string) => JSON.parse(JSON.stringify(Object.fromEntries(names.map((n) => [n, v]))));
    // Names the pattern would wrongly match were it not literal: additionalProperties must still refuse them.
    const lookalikes = { aXb: "x", x: "x", a: "x", b: "x", "": "x", c: "x", ddd: "x", "e+": "x", f: "x", gh: "x", "g\\\\h": "x" };
    const validate = expectSameErrors(schema, [every("x"), every("xx"), every(""), lookalikes]);
    expect(Object.keys(compiledSchema(validate)["properties"] as Json)).toEqual([]);
    // With a property named __proto__, the object is left as ajv reads it.
    const protoProperties: Json = {};
    for (const n of names) protoProperties[n] = { ...leaf };
    Object.defineProperty(protoProperties, "__proto__", { value: { ...leaf }, enumerable: true, configurable: true, writable: true });
    const withProto = expectSameErrors({ type: "object", properties: protoProperties, additionalProperties: false }, [every("x"), every("xx"), JSON.parse('{"__proto__": "long"}')]);
    expect(Object.keys(compiledSchema(withProto)["properties"] as Json)).toHaveLength(names.length + 1);
  });

  it("compiles schemas that are not objects as they are", () => {
    expectSameErrors(true, [{}, 1]);
    expectSameErrors(false, [{}, 1]);
    expectSameErrors({}, [{}, 1]);
  });
});

describe("errors of a loaded procedure", () => {
  const name = (title: string) => ({ type: "string", title, description: `Nhập ${title.toLowerCase()}`, maxLength: 10 });
  const document = {
    id: "vn.test.compiled-schema",
    version: "1.0.0",
    title: "Thử nghiệm",
    schema: {
      type: "object",
      properties: {
        applicant: {
          type: "object",
          title: "Người nộp",
          properties: {
            title: name("Danh xưng"),
            fullName: name("Họ tên"),
            alias: { ...name("Bí danh"), "x-visible": "applicant.fullName != 'hide'" },
            age: { type: "integer", title: "Tuổi", minimum: 18 },
          },
          required: ["title", "fullName", "alias"],
        },
        members: {
          type: "array",
          title: "Thành viên",
          items: { type: "object", properties: { fullName: name("Họ tên"), note: name("Ghi chú") }, required: ["fullName"] },
        },
      },
      required: ["applicant"],
    },
  };

  it("carry the right pointers and messages", async () => {
    const before = structuredClone(document);
    const procedure = await loadProcedure(document);
    expect(document).toEqual(before);
    const form = createForm(procedure, { locale: "en" });
    form.set("/applicant/fullName", "Một họ tên quá dài");
    form.set("/applicant/age", 12);
    form.set("/members", [{ note: "Ghi chú quá dài" }, { fullName: 7 }]);
    const errors = await form.validate();
    expect(errors.map(({ pointer, keyword }) => ({ pointer, keyword }))).toEqual([
      { pointer: "/applicant/title", keyword: "required" },
      { pointer: "/applicant/fullName", keyword: "maxLength" },
      { pointer: "/applicant/alias", keyword: "required" },
      { pointer: "/applicant/age", keyword: "minimum" },
      // Rows share their fields' place in the document: every row's fullName, then every row's note.
      { pointer: "/members/0/fullName", keyword: "required" },
      { pointer: "/members/1/fullName", keyword: "type" },
      { pointer: "/members/0/note", keyword: "maxLength" },
    ]);
    expect(errors[1]).toMatchObject({ message: "Must be 10 characters or less", params: { limit: 10 } });
    expect(errors[3]).toMatchObject({ params: { comparison: ">=", limit: 18 } });

    // The same errors, messages included, as with a validator of the schema as written.
    const reference = await loadProcedure(structuredClone(document), { validators: { data: plainCompile(document.schema) } });
    const referenceForm = createForm(reference, { locale: "en" });
    referenceForm.set("/applicant/fullName", "Một họ tên quá dài");
    referenceForm.set("/applicant/age", 12);
    referenceForm.set("/members", [{ note: "Ghi chú quá dài" }, { fullName: 7 }]);
    expect(await referenceForm.validate()).toEqual(errors);

    // A hidden field's errors are still left out.
    form.set("/applicant/fullName", "hide");
    expect((await form.validate()).map((e) => e.pointer)).not.toContain("/applicant/alias");
  });
});
