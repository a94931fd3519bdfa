// The compiled path against the run-time path: for every example procedure, compiled by `tokhai compile`
// (the module a portal imports) and loaded with loadCompiled, and for generated procedures, a citizen
// walking the form sees, field by field and answer by answer, exactly what the procedure loaded from
// its document shows; the submissions are the same and the back end's verdicts on them too.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { signingFor } from "./signing.js";
import { createForm, loadCompiled, loadProcedure, validateSubmission, type CompiledProcedure, type Form, type FormContext, type Procedure } from "@tokhai/core";
import { compiledModule } from "../../packages/cli/dist/commands/compile.js";
import { answersOf, type ExampleLookups, FILE_SIZE, lookupsFor, personaContext, PROCEDURE_NAMES, readJson, TEST_BUDGET } from "./examples.js";
// @ts-expect-error: a JavaScript module of the benchmarks, without types
import { benchPointers, generateContext, generateProcedure } from "../../bench/generate.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tmp = join(root, "test/.tmp/compiled-differential");
const now = () => new Date("2026-12-07T03:00:00Z");

/** The module `tokhai compile` writes for a document, imported as a portal imports it. */
async function compiledOf(name: string, document: unknown): Promise<CompiledProcedure> {
  mkdirSync(tmp, { recursive: true });
  const file = join(tmp, `${name}.compiled.js`);
  writeFileSync(file, await compiledModule(await loadProcedure(document), `${name}.compiled.js`));
  return ((await import(pathToFileURL(file).href)) as { default: CompiledProcedure }).default;
}

/** Every data pointer of the form's fields, rows expanded as the data has them. */
function pointersOf(procedure: Procedure, form: Form): string[] {
  const out: string[] = [];
  const expand = (template: readonly string[], at: number, prefix: string): void => {
    if (at === template.length) {
      out.push(prefix);
      return;
    }
    const segment = template[at]!;
    if (segment !== "-") return expand(template, at + 1, `${prefix}/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    const rows = form.get(prefix);
    if (Array.isArray(rows)) for (let i = 0; i < rows.length; i++) expand(template, at + 1, `${prefix}/${i}`);
  };
  for (const node of procedure.fields) expand(node.segments, 0, "");
  return out;
}

/** What a citizen sees of the form: every field's state, the steps, the exit page, the errors. */
function seen(procedure: Procedure, form: Form): unknown {
  const fields = pointersOf(procedure, form).map((pointer) => {
    const { node: _node, ...state } = form.field(pointer);
    return state;
  });
  return { data: form.get(""), fields, steps: form.steps().map((s) => s.id), exit: form.exit?.id, draft: form.draft().provenance, diagnostics: form.diagnostics };
}

/** Both forms, side by side: what one is given, the other is given too (the same registers answer their lookups). */
async function walk(runtime: Procedure, compiled: Procedure, context: FormContext, answers: Readonly<Record<string, unknown>>, lookups?: ExampleLookups, persona?: string): Promise<void> {
  // One declaration's id for both, so that their envelopes can be compared whole.
  const id = "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10";
  const forms = [createForm(runtime, { context, now, locale: "vi", id, ...lookups }), createForm(compiled, { context, now, locale: "vi", id, ...lookups })] as const;
  const same = async (when: string) => {
    for (const form of forms) await form.settled();
    expect(seen(compiled, forms[1]), when).toEqual(seen(runtime, forms[0]));
  };
  await same("opened");
  // Every error of the empty form shown (required fields, rules, formats), as "Continue" would.
  const empty = await Promise.all(forms.map((form) => form.validate()));
  expect(empty[1]).toEqual(empty[0]);
  await same("validated empty");
  for (const [pointer, answer] of Object.entries(answers)) {
    const value = answer !== null && typeof answer === "object" ? { ...answer, size: FILE_SIZE } : answer;
    for (const form of forms) {
      const row = /^(.*)\/(\d+)\/[^/]+$/.exec(pointer);
      if (row) while (((form.get(row[1]!) as unknown[] | undefined) ?? []).length <= Number(row[2])) form.addRow(row[1]!);
      form.set(pointer, value);
    }
    await same(`after ${pointer}`);
  }
  const validated = await Promise.all(forms.map((form) => form.validate()));
  expect(validated[1]).toEqual(validated[0]);
  const [a, b] = await Promise.all(forms.map((form) => form.submission()));
  expect(b!.ok).toBe(a!.ok);
  if (a!.ok && b!.ok) {
    expect(b!.envelope).toEqual(a!.envelope);
    // The back end's verdict on the envelope, with either procedure (signed by the persona where the procedure requires it).
    const signing = persona ? await signingFor(runtime, persona) : undefined;
    const parsed = JSON.parse(JSON.stringify(a!.envelope));
    const received = signing ? await signing.sign(parsed) : parsed;
    const verifySignature = signing?.verifySignature;
    const verdicts = await Promise.all([runtime, compiled].map((p) => validateSubmission(p, received, { context, now, ...(lookups ? { lookup: lookups.lookup } : {}), ...(verifySignature ? { verifySignature } : {}) })));
    expect(verdicts[1]).toEqual(verdicts[0]);
    expect(verdicts[0]!.valid).toBe(true);
  } else {
    expect(b).toEqual(a);
  }
}

describe.each(PROCEDURE_NAMES)("examples/procedures/%s.json, compiled and loaded from its document", (name) => {
  it("shows every persona the same form, answer by answer, and submits the same", async () => {
    const document = readJson(`examples/procedures/${name}.json`);
    const runtime = await loadProcedure(document, { budget: TEST_BUDGET });
    const compiled = loadCompiled(await compiledOf(name, document), { budget: TEST_BUDGET, document });
    const plans = answersOf(name).personas;
    expect(Object.keys(plans).length).toBeGreaterThan(0);
    for (const [persona, plan] of Object.entries(plans)) await walk(runtime, compiled, personaContext(persona), plan.answers ?? {}, lookupsFor(persona), persona);
  }, 120_000);
});

describe.each([20, 200])("a generated procedure of %i fields, compiled and loaded from its document", (size) => {
  it("shows the same form, the same computed values and conditions, and submits the same", async () => {
    const document = generateProcedure(size);
    const runtime = await loadProcedure(document, { budget: TEST_BUDGET });
    const compiled = loadCompiled(await compiledOf(`generated-${size}`, document), { budget: TEST_BUDGET });
    const { fewDependents, manyDependents } = benchPointers(document) as { fewDependents: string; manyDependents: string };
    const answers = { [fewDependents]: "một giá trị", [manyDependents]: "all", "/s0/f3": 12 };
    await walk(runtime, compiled, generateContext(document) as FormContext, answers);
    await walk(runtime, compiled, {}, answers); // nothing prefilled: required fields and rules in error
  }, 120_000);
});
