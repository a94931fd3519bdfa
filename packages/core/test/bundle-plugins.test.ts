// The browser bundles swap parts of ajv for smaller ones and strip the annotations of the meta-schemas
// (scripts/bundle-plugins.mjs). These tests bundle @tokhai/core with those plugins, as rollup.config.mjs
// does, and check that the bundle loads procedures, reports problems, validates and submits exactly as
// @tokhai/core does in Node; and that stripping annotations leaves validation as it was.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import * as node from "@tokhai/core";
import type { FormContext } from "@tokhai/core";
import jsonata from "jsonata";
// Internal, not exported by the package: from the built modules.
import { compiledAst, DEFAULT_BUDGET } from "../dist/expressions.js";
import { bindings, CORPUS, input, outcome } from "./expression-corpus.js";

const BUDGET = { ...DEFAULT_BUDGET, timeMs: 0 };

const root = fileURLToPath(new URL("../../..", import.meta.url));

interface BundlePlugins {
  stripAnnotations(schema: unknown): unknown;
  META_SCHEMA: RegExp;
  [plugin: string]: unknown;
}
const plugins = (await import(pathToFileURL(join(root, "scripts/bundle-plugins.mjs")).href)) as BundlePlugins;

// Under NodeNext the default import of these CommonJS-typed plugins is the module: call `.default`.
type RollupPlugin = (options?: object) => never;

/**
 * A module of core's build bundled as rollup.config.mjs bundles it (`plugins` first, then node-resolve
 * and CommonJS, then `after`), written to test/.tmp/bundle-plugins/<file> and imported.
 */
async function bundleModule<T>(input: string, file: string, plugins: unknown[], after: unknown[] = []): Promise<{ code: string; module: T }> {
  const { rollup } = await import("rollup");
  const { nodeResolve } = await import("@rollup/plugin-node-resolve");
  const commonjs = (await import("@rollup/plugin-commonjs")).default as unknown as RollupPlugin;
  const build = await rollup({
    input: join(root, input),
    plugins: [...plugins, nodeResolve({ browser: true, exportConditions: ["browser", "production"] }), commonjs(), ...after] as never[],
    onwarn() {},
  });
  const dir = join(root, "test/.tmp/bundle-plugins");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  const { output } = await build.write({ file: path, format: "es" });
  await build.close();
  return { code: output[0].code, module: (await import(pathToFileURL(path).href)) as T };
}

describe("stripAnnotations", () => {
  it("drops title, description and $comment of schema objects only", () => {
    const schema = {
      title: "T",
      description: "D",
      $comment: "C",
      type: "object",
      properties: {
        title: { type: "string", description: "a property named title" },
        description: { title: "x", enum: [{ title: "kept: a value" }] },
      },
      $defs: { a: { const: { description: "kept: a value" }, default: { title: "kept" }, examples: ["kept"] } },
      items: [{ title: "draft-07 tuple" }],
      anyOf: [{ description: "gone", minimum: 1 }],
      if: { title: "gone" },
      then: { $comment: "gone" },
      "x-rules": [{ assert: "true", message: { title: "kept: not a schema" } }],
    };
    expect(plugins.stripAnnotations(schema)).toEqual({
      type: "object",
      properties: { title: { type: "string" }, description: { enum: [{ title: "kept: a value" }] } },
      $defs: { a: { const: { description: "kept: a value" }, default: { title: "kept" }, examples: ["kept"] } },
      items: [{}],
      anyOf: [{ minimum: 1 }],
      if: {},
      then: {},
      "x-rules": [{ assert: "true", message: { title: "kept: not a schema" } }],
    });
  });

  it("leaves the procedure meta-schema's verdicts as they were", () => {
    const metaSchema = JSON.parse(readFileSync(join(root, "packages/core/src/procedure.v1.schema.json"), "utf8")) as object;
    const example = JSON.parse(readFileSync(join(root, "examples/procedures/dang-ky-thuong-tru.json"), "utf8")) as Record<string, unknown>;
    const documents: unknown[] = [
      example,
      {},
      { ...example, id: 5, steps: "x", extra: true },
      { ...example, schema: { type: "object", properties: { a: { type: "string", "x-visible": 3, "x-lock": "yes", "x-nope": 1 } } } },
      { ...example, i18n: { en: { "/a": { title: 5, description: ["x"] } } }, title: { vi: 1 }, description: null },
      { ...example, sources: { citizen: { schema: { type: "object" }, description: 5 } } },
    ];
    const verdicts = (schema: object) => {
      const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
      return documents.map((d) => (validate(d) ? [] : validate.errors));
    };
    const stripped = plugins.stripAnnotations(metaSchema) as object;
    expect(JSON.stringify(stripped)).not.toMatch(/"description":"/);
    expect(verdicts(stripped)).toEqual(verdicts(metaSchema));
  });
});

describe("@tokhai/core bundled with the bundle plugins", () => {
  let bundled: typeof node;
  let code: string;

  beforeAll(async () => {
    const json = (await import("@rollup/plugin-json")).default as unknown as RollupPlugin;
    ({ code, module: bundled } = await bundleModule<typeof node>("packages/core/dist/index.js", "core.mjs", [
      plugins["uriResolver"],
      plugins["ajvFormatsOn2020"],
      plugins["noDiscriminator"],
      plugins["metaSchemas"],
    ], [json({ exclude: plugins.META_SCHEMA })]));
  }, 60_000);

  it("holds none of what the plugins replace", () => {
    expect(code).not.toMatch(/normalizeIPv6|stringArrayToHexStripped/); // fast-uri
    expect(code).not.toMatch(/json-schema-draft-07|draft-07\/schema/); // ajv's draft-07 class and meta-schema
    expect(code).not.toMatch(/discriminator: requires propertyName/); // ajv's discriminator vocabulary
    expect(code).not.toMatch(/Meta-data vocabulary meta-schema|"description":"Title of the form/); // annotations
    expect(code).toMatch(/URI authority must not contain a literal backslash/); // core's uri-resolver
  });

  const example = JSON.parse(readFileSync(join(root, "examples/procedures/dang-ky-thuong-tru.json"), "utf8")) as Record<string, unknown>;
  const citizen = {
    ...JSON.parse(readFileSync(join(root, "examples/data/personas/nguyen-van-an.json"), "utf8")),
    catalog: JSON.parse(readFileSync(join(root, "examples/data/administrative-units.json"), "utf8")),
  } as FormContext;

  /** Everything a portal sees of one procedure: the load problems, or a form's errors and submission. */
  async function scenario(core: typeof node, document: unknown, values: Record<string, unknown> = {}, context: FormContext = {}): Promise<unknown> {
    let procedure;
    try {
      procedure = await core.loadProcedure(document);
    } catch (error) {
      return { problems: (error as { problems?: unknown }).problems ?? String(error) };
    }
    const now = () => new Date("2026-02-01T03:00:00Z");
    // One declaration id in both runs: their envelopes are compared whole.
    const form = core.createForm(procedure, { context, now, locale: "en", id: "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10" });
    await form.settled();
    const before = await form.validate();
    for (const [pointer, value] of Object.entries(values)) {
      try {
        form.set(pointer, value);
      } catch (error) {
        return { before, set: String(error) };
      }
    }
    await form.settled();
    const result = await form.submission();
    const back = result.ok ? await core.validateSubmission(procedure, result.envelope, { context, now }) : undefined;
    return { before, result, back, diagnostics: form.diagnostics };
  }

  const doc = (schema: object, extra: object = {}) => ({ id: "vn.test.bundle", version: "1.0.0", title: "Gói", schema, ...extra });

  const SCENARIOS: [string, unknown, Record<string, unknown>?, FormContext?][] = [
    ["the example procedure", example, {}, citizen],
    ["the example with its context", example, { "/email": "not an email" }, citizen],
    ["an invalid procedure document", { ...example, id: 5, bogus: true, schema: { type: "object", properties: { a: { type: "strin", "x-nope": 1 } } } }],
    ["a schema that is not JSON Schema", doc({ type: "object", properties: { a: { minimum: "x", $ref: 5 } } })],
    ["not JSON", "{ nope"],
    [
      "$id and local $refs",
      doc({
        $id: "https://tokhai.dev/procedures/x.json",
        type: "object",
        $defs: { name: { type: "string", minLength: 2 }, "địa chỉ": { type: "string", format: "email" } },
        properties: {
          a: { $ref: "#/$defs/name" },
          b: { $ref: "#/$defs/%C4%91%E1%BB%8Ba%20ch%E1%BB%89" },
          c: { type: "array", items: { $ref: "#/$defs/name" } },
        },
        required: ["a"],
      }),
      { "/a": "x", "/b": "y", "/c": ["ok", "z"] },
    ],
    ["$id and local $refs, valid", doc({ $id: "urn:example:x", type: "object", $defs: { n: { type: "integer" } }, properties: { a: { $ref: "#/$defs/n" } } }), { "/a": 3 }],
    ["a $ref that resolves nowhere", doc({ type: "object", properties: { a: { $ref: "other.json#/x" } } })],
    ["a malformed $ref", doc({ type: "object", properties: { a: { $ref: "#/$defs/a%" } }, $defs: { "a%": { type: "string" } } })],
    [
      "formats and format limits",
      doc({
        type: "object",
        properties: {
          d: { type: "string", format: "date", formatMinimum: "2026-01-01" },
          u: { type: "string", format: "uri" },
          p: { type: "string", format: "vn-phone" },
          t: { type: "string", format: "time" },
        },
      }),
      { "/d": "2025-12-31", "/u": "no scheme", "/p": "0912345678", "/t": "25:00:00Z" },
    ],
  ];

  for (const [name, document, values, context] of SCENARIOS) {
    it(`behaves as in Node: ${name}`, async () => {
      expect(await scenario(bundled, document, values, context)).toEqual(await scenario(node, document, values, context));
    });
  }
});

describe("JSONata without its parser (dist/tokhai.precompiled.js)", () => {
  type Evaluator = typeof import("../dist/evaluator.js");
  let bundled: Evaluator;
  let code: string;

  beforeAll(async () => {
    // The evaluator of compiled expressions, alone: what the compiled-procedure bundle evaluates with.
    ({ code, module: bundled } = await bundleModule<Evaluator>("packages/core/dist/evaluator.js", "evaluator.mjs", [plugins["jsonataWithoutParser"]]));
  }, 60_000);

  it("carries no parser: no tokenizer, no operator table", () => {
    expect(code).not.toMatch(/function tokenizer|symbol_table|'\(regex\)'/);
    expect(code).toMatch(/parser\.takesAst = true/);
  });

  it.each(CORPUS)("evaluates the compiled AST of %s as JSONata evaluates its text", async (text) => {
    const expected = await outcome(() => jsonata(text).evaluate(input, bindings) as Promise<unknown>);
    const { ast, grows } = compiledAst(text);
    const analysis = { reads: [], issues: [], usesIndex: false, simplePath: undefined };
    for (const budget of [BUDGET, { ...BUDGET, steps: 1_000_000 }]) {
      const compiled = bundled.expressionFromAst(text, JSON.parse(JSON.stringify(ast)), analysis, grows, budget);
      expect(await outcome(() => compiled.evaluate(input, bindings))).toBe(expected);
      expect(await outcome(() => compiled.evaluate(input, bindings))).toBe(expected);
    }
  });

  it("refuses text with the error of a syntax error", async () => {
    const { ast, grows } = compiledAst("$eval('1 + 1')");
    const compiled = bundled.expressionFromAst("$eval('1 + 1')", ast, { reads: [], issues: [], usesIndex: false, simplePath: undefined }, grows, BUDGET);
    expect(await outcome(() => compiled.evaluate(input, bindings))).toBe('{"error":"D3120"}');
  });
});
