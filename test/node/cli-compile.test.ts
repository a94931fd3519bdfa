// `tokhai compile`, run as a process: every example procedure compiles into one self-contained ES
// module whose compiled procedure, under `node --disallow-code-generation-from-strings`, behaves exactly
// as the procedure @tokhai/core loads and compiles at run time. Plus the command's errors and exit codes.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCompiled, loadProcedure, type CompiledProcedure, type PrecompiledValidators } from "@tokhai/core";
import { tokhai as runTokhai } from "./tokhai-process.js";
import { PERSONA_NAMES, personaContext } from "./examples.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const at = (path: string) => join(root, path);
const tmp = at("test/.tmp/cli-compile");
const fixtures = at("test/fixtures/cli/compile");
const run = promisify(execFile);

/** Runs `tokhai compile …` from the repository root; never throws on a non-zero exit. */
const tokhai = (...args: string[]) => runTokhai("compile", ...args);

/** The module's code, without its header comment. */
const body = (code: string) => code.replace(/^\/\*[\s\S]*?\*\/\s*/, "");

/** How a test fills each example procedure, and breaks the submission afterwards. Others: generic checks only. */
const SCENARIOS: Record<string, { persona: string; fill: [string, unknown][]; invalid: Record<string, unknown>; expectInvalid: [string, string][] }> = {
  "dang-ky-thuong-tru.json": {
    persona: "nguyen-van-an",
    fill: [
      ["/newAddress/province", "79"],
      ["/newAddress/commune", { option: 1 }],
      ["/newAddress/detail", "12 Lê Lợi"],
      ["/newAddress/ownership", "owner"],
      ["/declaration", true],
    ],
    invalid: { "/applicant/phone": "12345", "/newAddress/detail": null },
    expectInvalid: [
      ["/applicant/phone", "format"],
      ["/newAddress/detail", "required"],
    ],
  },
};

const examples = readdirSync(at("examples/procedures")).filter((f) => f.endsWith(".json")).sort();
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** The persona of the scenario, else the first persona that has every source the procedure declares, else none. */
function contextFor(file: string, doc: { sources?: Record<string, unknown> }): Record<string, unknown> {
  const scenario = SCENARIOS[file];
  if (scenario) return personaContext(scenario.persona);
  const sources = Object.keys(doc.sources ?? {});
  if (sources.length === 0) return {};
  for (const persona of PERSONA_NAMES) {
    const data = personaContext(persona);
    if (sources.every((s) => s in data)) return data;
  }
  return {};
}

/** Runs the probe script in a child process (precompiled: with code generation disallowed). */
async function probe(mode: "precompiled" | "runtime", procedure: string, validators: string, scenario: object): Promise<Record<string, unknown>> {
  const flags = mode === "precompiled" ? ["--disallow-code-generation-from-strings"] : [];
  const { stdout } = await run(process.execPath, [...flags, join(fixtures, "probe.mjs"), mode, procedure, validators, JSON.stringify(scenario)], { cwd: root, maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

/** The schema of the first string field met in document order (to change it in a copy). */
function firstStringField(schema: Record<string, any>): Record<string, unknown> {
  if (schema["type"] === "string") return schema;
  for (const child of Object.values((schema["properties"] ?? {}) as Record<string, Record<string, any>>)) {
    const found = firstStringField(child);
    if (found) return found;
  }
  return undefined as never;
}

beforeAll(async () => {
  // The bin runs packages/cli/dist: `npm test` builds first; build here if it never was.
  if (!existsSync(at("packages/cli/dist/main.js"))) await run(process.execPath, [at("node_modules/typescript/bin/tsc"), "-b"], { cwd: root });
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
}, 120_000);

describe.each(examples)("tokhai compile examples/procedures/%s", (file) => {
  const procedureFile = at(`examples/procedures/${file}`);
  const output = join(tmp, basename(file, ".json"), `${basename(file, ".json")}.compiled.js`);

  it("writes one self-contained module and behaves as run-time ajv without code generation", async () => {
    const result = await tokhai(procedureFile, "-o", output);
    expect(result.stderr).toMatch(new RegExp(`^tokhai compile: wrote .*${basename(output).replace(/\./g, "\\.")} \\(\\d+(\\.\\d)? K?B\\), [a-z0-9.-]+@\\d+\\.\\d+\\.\\d+ compiled\n$`));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");

    const code = readFileSync(output, "utf8");
    const doc = readJson(procedureFile);
    expect(code).toMatch(new RegExp(`^/\\*\\n \\* The compiled procedure ${doc.id.replace(/\./g, "\\.")} ${doc.version}\\.\\n \\* Generated by \`tokhai compile\`: do not edit`));
    expect(code).toContain(`import compiled from "./${basename(output)}"`);
    const js = body(code);
    expect(js).not.toMatch(/\brequire\s*\(/);
    expect(js).not.toMatch(/(^|[;}\s])import\s*[\s{*("'.]/m);
    expect(js).not.toMatch(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(/);
    expect(js).toMatch(/\nexport \{ compiled as default, validators \};/);

    const scenario = SCENARIOS[file];
    const input = { context: contextFor(file, doc), ...(scenario ? { fill: scenario.fill, invalid: scenario.invalid } : {}) };
    const [precompiled, runtime] = await Promise.all([probe("precompiled", procedureFile, output, input), probe("runtime", procedureFile, "-", input)]);
    // The child really ran without code generation; the run-time one needed it.
    expect(precompiled.codeGeneration).toBe(false);
    expect(runtime.codeGeneration).toBe(true);
    expect(precompiled.procedure).toBe(`${doc.id}@${doc.version}`);
    // Empty (or only prefilled) data has errors, the same ones.
    expect((precompiled.empty as unknown[]).length).toBeGreaterThan(0);
    expect(precompiled.empty).toEqual(runtime.empty);
    // The raw validator: the same verdicts and the same ajv errors on hostile data.
    expect((precompiled.raw as { valid: boolean }[]).some((r) => !r.valid)).toBe(true);
    expect(precompiled.raw).toEqual(runtime.raw);
    if (scenario) {
      const submission = precompiled.submission as { ok: boolean; valid: { valid: boolean }; invalid: { valid: boolean; errors: { pointer: string; keyword: string }[] } };
      expect(submission.ok).toBe(true);
      expect(submission.valid).toEqual({ valid: true, errors: [] });
      expect(submission.invalid.valid).toBe(false);
      expect(submission.invalid.errors.map((e) => [e.pointer, e.keyword])).toEqual(expect.arrayContaining(scenario.expectInvalid));
      expect(precompiled.submission).toEqual(runtime.submission);
    }
  });

  it("prints the same module on stdout without -o, and core refuses it for another version", async () => {
    const result = await tokhai(procedureFile);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(body(result.stdout)).toBe(body(readFileSync(output, "utf8")));

    const doc = readJson(procedureFile);
    const module = (await import(pathToFileURL(output).href)) as { default: CompiledProcedure; validators: PrecompiledValidators };
    expect(module.default.document).toEqual(doc);
    expect(loadCompiled(module.default, { document: doc }).id).toBe(doc.id);
    const validators = module.validators;
    expect(validators.procedure).toEqual({ id: doc.id, version: doc.version, schema: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(typeof validators.data).toBe("function");
    const [major, minor, patch] = String(doc.version).split(".").map(Number);
    const other = { ...doc, version: `${major}.${minor}.${patch! + 1}` };
    await expect(loadProcedure(other, { validators })).rejects.toThrow(/precompiled validators are for/);
    expect(() => loadCompiled(module.default, { document: other })).toThrow(/was made from another version of this document: run `tokhai compile` again/);
  });

  it("core refuses the module for a schema whose checks changed under the same version, not for new titles", async () => {
    const doc = readJson(procedureFile);
    const { validators } = (await import(pathToFileURL(output).href)) as { validators: PrecompiledValidators };
    // Retitled, redescribed, an expression changed: the same checks, the module still serves.
    const retitled = structuredClone(doc);
    retitled.schema.title = "Another title";
    retitled.schema.description = "Another description";
    firstStringField(retitled.schema).title = "Họ và tên";
    await expect(loadProcedure(retitled, { validators })).resolves.toBeDefined();
    // A new limit: the module would accept what the schema refuses.
    const stricter = structuredClone(doc);
    firstStringField(stricter.schema).maxLength = 3;
    await expect(loadProcedure(stricter, { validators })).rejects.toThrow(/compiled from another schema of .* run `tokhai compile` again/);
  });
});

describe("tokhai compile: errors and exit codes", () => {
  it("--help explains the command (exit 0)", async () => {
    const result = await tokhai("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tokhai compile <procedure\.json> \[-o <file\.js>\]/);
    expect(result.stdout).toMatch(/import compiled from/);
    expect(result.stdout).toMatch(/Exit codes: 0 compiled; 1 the procedure has problems; 2/);
  });

  it("a missing file is exit 2, in one line without a stack trace", async () => {
    const result = await tokhai("test/fixtures/cli/compile/nowhere.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("tokhai compile: test/fixtures/cli/compile/nowhere.json: no such procedure file\n");
    expect(result.stdout).toBe("");
  });

  it("a file that is not JSON is exit 2, with the line and column", async () => {
    mkdirSync(tmp, { recursive: true });
    const file = join(tmp, "not-json.json");
    writeFileSync(file, '{\n  "id": "x",\n  "version": 1.0.0\n}\n');
    const result = await tokhai(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokhai compile: .*not-json\.json:3:\d+: not valid JSON: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a procedure with problems is exit 1: each problem located, nothing written", async () => {
    const output = join(tmp, "broken", "broken.compiled.js");
    const result = await tokhai("test/fixtures/cli/compile/broken.json", "-o", output);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")).toEqual([
      'test/fixtures/cli/compile/broken.json:9:51  /schema/properties/adult/x-compute  the form has no field "agee" (the root has: age, adult, note)',
      expect.stringMatching(/^test\/fixtures\/cli\/compile\/broken\.json:10:54 {2}\/schema\/properties\/note\/x-visible {2}syntax error in x-visible: /),
      "tokhai compile: test/fixtures/cli/compile/broken.json has 2 problems; `tokhai check test/fixtures/cli/compile/broken.json` lists them with warnings.",
      "",
    ]);
    expect(result.stdout).toBe("");
    expect(existsSync(output)).toBe(false);
  });

  it.each([
    [[], /^tokhai compile: expected one procedure file\. See `tokhai compile --help`\.\n$/],
    [["a.json", "b.json"], /^tokhai compile: unexpected argument "b\.json"/],
    [["examples/procedures/dang-ky-thuong-tru.json", "--minify"], /^tokhai compile: unknown option '--minify'/],
    [["examples/procedures/dang-ky-thuong-tru.json", "-o"], /^tokhai compile: option '-o, --output <value>' argument missing/],
    [["examples/procedures/dang-ky-thuong-tru.json", "-o", "examples/procedures/dang-ky-thuong-tru.json"], /would overwrite the procedure itself/],
  ])("bad arguments %j are exit 2", async (args, message) => {
    const result = await tokhai(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("an output that cannot be written is exit 2", async () => {
    mkdirSync(join(tmp, "a-directory.js"), { recursive: true });
    const result = await tokhai("test/fixtures/cli/compile/csp-form.json", "-o", join(tmp, "a-directory.js"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokhai compile: cannot write .*a-directory\.js: it is a directory\n$/);
  });
});
