// Every JSON Schema keyword the engine can report produces a specific, localised message in
// Vietnamese and English, through the real pipeline (ajv → form.validate()).
import { describe, expect, it } from "vitest";
import { createForm, engineMessage, localize, schemaErrorMessage, type SchemaNode } from "@tokhai/core";
import { load } from "./helpers.js";

const cases: [keyword: string, schema: SchemaNode, value: unknown][] = [
  ["type", { type: "integer" }, "mười"],
  ["required", { type: "object", properties: { a: { type: "string" } }, required: ["a"] }, {}],
  ["dependentRequired", { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, dependentRequired: { a: ["b"] } }, { a: "x" }],
  ["minLength", { type: "string", minLength: 3 }, "ab"],
  ["maxLength", { type: "string", maxLength: 3 }, "abcd"],
  ["minimum", { type: "number", minimum: 10 }, 2],
  ["maximum", { type: "number", maximum: 10 }, 20],
  ["exclusiveMinimum", { type: "number", exclusiveMinimum: 10 }, 10],
  ["exclusiveMaximum", { type: "number", exclusiveMaximum: 10 }, 10],
  ["multipleOf", { type: "number", multipleOf: 1000 }, 1500],
  ["pattern", { type: "string", pattern: "^[A-Z]{2}$" }, "abc"],
  ["format", { type: "string", format: "date" }, "2026-13-45"],
  ["formatMinimum", { type: "string", format: "date", formatMinimum: "2026-01-01" }, "2025-12-31"],
  ["formatMaximum", { type: "string", format: "date", formatMaximum: "2026-01-01" }, "2026-01-02"],
  ["enum", { enum: ["a", "b"] }, "c"],
  ["const", { const: true }, false],
  ["minItems", { type: "array", minItems: 2 }, [1]],
  ["maxItems", { type: "array", maxItems: 1 }, [1, 2]],
  ["uniqueItems", { type: "array", uniqueItems: true }, [1, 1]],
  ["contains", { type: "array", contains: { const: "x" } }, ["y"]],
  ["minProperties", { type: "object", minProperties: 2 }, { a: 1 }],
  ["maxProperties", { type: "object", maxProperties: 1 }, { a: 1, b: 2 }],
  ["additionalProperties", { type: "object", properties: { a: { type: "string" } }, additionalProperties: false }, { a: "x", zz: 1 }],
  ["unevaluatedProperties", { type: "object", properties: { a: { type: "string" } }, unevaluatedProperties: false }, { a: "x", zz: 1 }],
  ["items", { type: "array", prefixItems: [{ type: "string" }], items: false as never }, ["a", "b"]],
  ["unevaluatedItems", { type: "array", prefixItems: [{ type: "string" }], unevaluatedItems: false }, ["a", "b"]],
  ["propertyNames", { type: "object", propertyNames: { pattern: "^[a-z]+$" } }, { AB: 1 }],
  ["not", { not: { const: "x" } }, "x"],
  ["anyOf", { anyOf: [{ type: "string" }, { type: "number" }] }, true],
  ["oneOf", { oneOf: [{ type: "number" }, { type: "integer" }] }, 3],
  ["false schema", { type: "object", properties: { a: false as never } }, { a: 1 }],
];

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const GENERIC = new Set(["Giá trị không hợp lệ", "This value is not valid"]);

describe("validation messages", () => {
  it.each(cases)("%s: specific messages in vi and en", async (keyword, schema, value) => {
    const procedure = await load({ type: "object", properties: { v: schema } });
    const form = createForm(procedure);
    form.set("/v", value);
    const vi = await form.validate();
    const error = vi.find((e) => e.keyword === keyword);
    expect(error, `${keyword} in ${JSON.stringify(vi)}`).toBeDefined();
    expect(error!.message).toMatch(VIETNAMESE);
    expect(GENERIC.has(error!.message)).toBe(false);
    form.setLocale("en");
    const en = (await form.validate()).find((e) => e.keyword === keyword)!;
    expect(en.message).not.toMatch(VIETNAMESE);
    expect(en.message).not.toBe(error!.message);
    expect(GENERIC.has(en.message)).toBe(false);
    expect(en.pointer.startsWith("/v")).toBe(true);
  });

  it("numbers and plurals read naturally", () => {
    expect(schemaErrorMessage({ keyword: "maxLength", params: { limit: 1 } }, "en")).toBe("Must be 1 character or less");
    expect(schemaErrorMessage({ keyword: "maxLength", params: { limit: 200 } }, "en")).toBe("Must be 200 characters or less");
    expect(schemaErrorMessage({ keyword: "minimum", params: { limit: 1500000, comparison: ">=" } }, "vi")).toMatch(/1\.500\.000/);
    expect(schemaErrorMessage({ keyword: "minimum", params: { limit: 1500000, comparison: ">=" } }, "en")).toMatch(/1,500,000/);
  });

  it("names Vietnamese identifier formats", () => {
    expect(schemaErrorMessage({ keyword: "format", params: { format: "vn-personal-id" } }, "vi")).toMatch(/12/);
    expect(schemaErrorMessage({ keyword: "format", params: { format: "vn-phone" } }, "en")).toMatch(/10/);
    expect(schemaErrorMessage({ keyword: "format", params: { format: "vn-tax-code" } }, "en")).toMatch(/10/);
  });

  it("engine messages exist in both locales", () => {
    for (const code of ["required", "options", "lockMismatch", "computeMismatch", "hiddenSubmitted", "provenanceMismatch", "ruleFailed", "wrongProcedure", "wrongVersion", "badEnvelope", "expressionFailed"] as const) {
      const vi = engineMessage(code, { expected: "A", actual: "B", detail: "d" }, "vi");
      const en = engineMessage(code, { expected: "A", actual: "B", detail: "d" }, "en");
      expect(vi.length).toBeGreaterThan(5);
      expect(en.length).toBeGreaterThan(5);
      expect(vi).not.toBe(en);
    }
  });

  it("localize picks the locale, then Vietnamese, then any", () => {
    expect(localize({ vi: "Xin chào", en: "Hello" }, "en")).toBe("Hello");
    expect(localize({ vi: "Xin chào", en: "Hello" }, "fr")).toBe("Xin chào");
    expect(localize({ en: "Hello" }, "vi")).toBe("Hello");
    expect(localize("Chung", "en")).toBe("Chung");
    expect(localize(undefined, "en")).toBeUndefined();
  });
});
