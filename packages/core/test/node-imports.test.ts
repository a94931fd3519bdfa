// Every public entry of @tokhai/core imports in plain Node, touches no DOM, and exports what the docs promise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

describe("@tokhai/core entries", () => {
  it("imports in Node without a DOM", async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
    const core = await import("@tokhai/core");
    expect(Object.keys(core).sort()).toEqual(
      [
        "ANY_ROW",
        "BAD_LOCALE",
        "BLOCK_LIMITS",
        "COMPILED_FORMAT",
        "DEFAULT_BUDGET",
        "DEFAULT_LOCALE",
        "Dictionaries",
        "LANGUAGE_TAG",
        "DEFAULT_TIME_ZONE",
        "DRAFT_LIMITS",
        "ENVELOPE_ID",
        "ENVELOPE_LIMITS",
        "KNOWN_FORMATS",
        "LOCALES",
        "LOOKUP_DELAY",
        "LOOKUP_LIMITS",
        "LOOKUP_TIMEOUT",
        "ProcedureError",
        "SIZE_BUDGET_EXCEEDED",
        "STEP_BUDGET_EXCEEDED",
        "TOKHAI_FORMATS",
        "VN_PERSONAL_ID",
        "VN_PHONE",
        "VERIFY_BUDGET",
        "VN_TAX_CODE",
        "YEAR_MONTH",
        "addMessages",
        "addSubmissionMessages",
        "appendPointer",
        "attachmentError",
        "attachmentLimits",
        "attachmentProblem",
        "canonicalEnvelope",
        "canonicalLocale",
        "createForm",
        "dataUse",
        "datePartsOf",
        "datePartsOfValue",
        "describeAccept",
        "engineMessage",
        "envelopeDigest",
        "escapeSegment",
        "fieldNode",
        "fileAccepted",
        "formatBytes",
        "formatDate",
        "formatDateTime",
        "formatList",
        "formatMoney",
        "formatNumber",
        "formatPointer",
        "formatTime",
        "formatYearMonth",
        "isCompiledProcedure",
        "isEnvelopeId",
        "isPrefixPointer",
        "isSafeHref",
        "keywordPointer",
        "loadCompiled",
        "loadProcedure",
        "localeFallbacks",
        "localize",
        "originOf",
        "parsePointer",
        "readDateInput",
        "pickLocale",
        "salvageDraft",
        "schemaErrorMessage",
        "stepFields",
        "stepTexts",
        "submissionMessage",
        "translate",
        "unescapeSegment",
        "usedData",
        "validateSubmission",
      ].sort(),
    );
  });

  it("publishes the procedure meta-schema for editors", () => {
    const require = createRequire(import.meta.url);
    const schema = require("@tokhai/core/procedure.v1.schema.json") as { $id: string; $schema: string };
    expect(schema.$id).toBe("https://tokhai.dev/schemas/procedure.v1.schema.json");
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("publishes the submission envelope's schema", () => {
    const require = createRequire(import.meta.url);
    const schema = require("@tokhai/core/envelope.v1.schema.json") as { $id: string; required: string[] };
    expect(schema.$id).toBe("https://tokhai.dev/schemas/envelope.v1.schema.json");
    expect(schema.required).toEqual(["id", "procedure", "data", "provenance", "attachments", "locale", "submittedAt"]);
  });

  it("has a compile entry for build tools that emits a standalone validator module", async () => {
    const { compileValidatorSource } = await import("@tokhai/core/compile");
    const source = compileValidatorSource({ type: "object", properties: { a: { type: "integer" } } }, "cjs");
    const module = { exports: {} as { default?: (data: unknown) => boolean } };
    // Evaluated here only to check it; portals bundle it instead.
    new Function("module", "exports", "require", source)(module, module.exports, createRequire(import.meta.url));
    expect(module.exports.default?.({ a: 1 })).toBe(true);
    expect(module.exports.default?.({ a: 1.5 })).toBe(false);
  });

  it("keeps internals private", async () => {
    const require = createRequire(import.meta.url);
    expect(() => require.resolve("@tokhai/core/dist/form.js")).toThrow(/not defined by "exports"/);
    // Form is a type: forms are made by createForm. Its @internal members, the back end's observing
    // hook among them, are not in the published declarations.
    const core = await import("@tokhai/core");
    expect("Form" in core).toBe(false);
    const dist = dirname(require.resolve("@tokhai/core"));
    const declarations = ["form.d.ts", "procedure.d.ts"].map((f) => readFileSync(join(dist, f), "utf8")).join("\n");
    for (const internal of ["FormObserver", "validationErrors", "hiddenPointers", "attachments()", "constructor(", "readersAt", "readersBelow"]) {
      expect(declarations, internal).not.toContain(internal);
    }
  });

  it("has a precompiled entry with the same API that never loads the ajv compiler", async () => {
    const core = await import("@tokhai/core");
    const precompiled = await import("@tokhai/core/precompiled");
    expect(Object.keys(precompiled).sort()).toEqual(Object.keys(core).sort());
    await expect(precompiled.loadProcedure({ id: "vn.x", version: "1.0.0", title: "x", schema: {} })).rejects.toThrow(/loads compiled procedures only/);
    // Walk the modules the entry imports: none may be the compiler or ajv.
    const require = createRequire(import.meta.url);
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s*"([^"]+)"/g)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^ajv/);
        if (spec!.startsWith(".")) visit(join(dirname(file), spec!));
      }
    };
    visit(require.resolve("@tokhai/core/precompiled"));
    expect([...seen].some((f) => f.endsWith("compiler.js"))).toBe(false);
    expect([...seen].some((f) => f.endsWith("form.js"))).toBe(true);
  });
});
