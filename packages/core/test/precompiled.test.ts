// With precompiled validators (as `tokhai compile` makes them), nothing generates code at run time:
// a whole form runs in a Node started with --disallow-code-generation-from-strings.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileValidatorSource, schemaFingerprint } from "@tokhai/core/compile";

const root = fileURLToPath(new URL("../../..", import.meta.url));

const procedure = {
  id: "vn.test.strict",
  version: "1.0.0",
  title: "Thử nghiệm CSP",
  sources: { citizen: { schema: { type: "object", properties: { fullName: { type: "string" } } } } },
  schema: {
    type: "object",
    properties: {
      fullName: { type: "string", "x-prefill": "$citizen.fullName", "x-lock": true },
      quantity: { type: "integer", minimum: 1 },
      fee: { type: "integer", "x-compute": "quantity * 20000" },
      note: { type: "string", "x-visible": "quantity > 1", "x-required": "true" },
    },
    required: ["quantity"],
  },
};

describe("precompiled validators", () => {
  it("run a form, its validation and its submission with code generation disallowed", () => {
    const code = compileValidatorSource(procedure.schema);
    expect(code).not.toMatch(/require\(/); // no formats, no string lengths: nothing to bundle
    const dir = join(root, "test/.tmp/precompiled");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "validators.mjs"), code);
    writeFileSync(join(dir, "procedure.json"), JSON.stringify(procedure));
    writeFileSync(
      join(dir, "run.mjs"),
      `import { readFileSync } from "node:fs";
import { loadProcedure, createForm, validateSubmission } from "@tokhai/core";
import validate from "./validators.mjs";
// Prove the guard is on: this must throw.
let guarded = false;
try { new Function("return 1"); } catch { guarded = true; }
const doc = JSON.parse(readFileSync(new URL("./procedure.json", import.meta.url), "utf8"));
const procedure = await loadProcedure(doc, { validators: { procedure: { id: doc.id, version: doc.version }, data: validate } });
const context = { citizen: { fullName: "Đỗ Thị Mai" } };
const form = createForm(procedure, { context });
form.set("/quantity", 0);
await form.settled();
const errors = await form.validate();
form.set("/quantity", 2);
form.set("/note", "ghi chú");
const result = await form.submission();
const back = await validateSubmission(procedure, result.envelope, { context });
console.log(JSON.stringify({ guarded, errors: errors.map((e) => e.keyword), ok: result.ok, data: result.envelope.data, back }));
`,
    );
    const out = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", join(dir, "run.mjs")], {
      cwd: root,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      guarded: true,
      errors: ["minimum"],
      ok: true,
      data: { fullName: "Đỗ Thị Mai", quantity: 2, fee: 40000, note: "ghi chú" },
      back: { valid: true, errors: [] },
    });
  });

  it("are refused when made for another procedure version", async () => {
    const { loadProcedure, ProcedureError } = await import("@tokhai/core");
    const validate = Object.assign(() => true, { errors: null });
    await expect(
      loadProcedure(procedure, { validators: { procedure: { id: "vn.test.strict", version: "0.9.0" }, data: validate } }),
    ).rejects.toThrow(ProcedureError);
  });
});

describe("schemaFingerprint: what precompiled validators were compiled from", () => {
  const base = {
    type: "object",
    title: "Tờ khai",
    properties: {
      title: { type: "string", maxLength: 10, description: "a property named title is data, not an annotation" },
      kind: { enum: ["a", "b"], "x-widget": "radio", default: "a" },
    },
    required: ["title"],
  };

  it("ignores annotations and x- keywords, and the order of keys", () => {
    const same = {
      required: ["title"],
      properties: { kind: { default: "b", enum: ["a", "b"], "x-visible": "true" }, title: { maxLength: 10, type: "string", $comment: "c" } },
      type: "object",
      description: "d",
      examples: [{}],
    };
    expect(schemaFingerprint(same)).toBe(schemaFingerprint(base));
  });

  it("changes with any check, including a property named like an annotation", () => {
    const fp = schemaFingerprint(base);
    const changed = [
      { ...base, required: [] },
      { ...base, properties: { ...base.properties, title: { type: "string", maxLength: 11 } } },
      { ...base, properties: { kind: base.properties.kind } }, // the property "title" removed
      { ...base, properties: { ...base.properties, kind: { enum: ["a", "c"] } } },
      { ...base, additionalProperties: false },
    ];
    for (const schema of changed) expect(schemaFingerprint(schema)).not.toBe(fp);
    // dependentRequired maps names to names: a name "title" is data, not an annotation.
    expect(schemaFingerprint({ ...base, dependentRequired: { title: ["kind"] } })).not.toBe(schemaFingerprint({ ...base, dependentRequired: { title: [] } }));
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
  });
});
