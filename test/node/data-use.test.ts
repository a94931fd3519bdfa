// The data-use notice against what the example procedures really read, and data minimisation against
// the forms it must not change.
//
// - `dataUse` lists, for every example procedure, exactly the register paths its expressions read, as
//   found here independently of core's analysis: from the document's own expression texts, walking
//   JSONata's AST.
// - While a citizen fills in every example procedure (each persona, each answer, validation, the
//   submission, the back end's check of it), everything the engine obtains from the context, recorded
//   by a Proxy around each register, lies on or under a path the notice lists: the notice never leaves
//   out something the form uses.
// - A form given `usedData(procedure, context)` shows and submits exactly what a form given the whole
//   context does, answer by answer, and the back end accepts that envelope against its whole records.
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { signingFor } from "./signing.js";
import { createForm, dataUse, loadProcedure, usedData, validateSubmission, type Form, type FormContext, type Procedure, type ProcedureDocument } from "@tokhai/core";
import { answersOf, FILE_SIZE, lookupsFor, personaContext, PROCEDURE_NAMES, readJson, TEST_BUDGET, type ExampleLookups, type Json } from "./examples.js";

const now = () => new Date("2026-12-07T03:00:00Z");
const key = (path: readonly string[]) => JSON.stringify(path);

/** Every expression text of a procedure document: its schema's `x-` keywords (rules' asserts too), its steps' conditions, its lookups' inputs. */
function expressionsOf(document: Json): string[] {
  const out: string[] = [];
  const KEYWORDS = ["x-prefill", "x-compute", "x-visible", "x-required", "x-readonly", "x-options", "x-row-title"];
  const stack: unknown[] = [document["schema"]];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (KEYWORDS.includes(k) && typeof v === "string") out.push(v);
        else if (k === "x-rules" && Array.isArray(v)) for (const rule of v) out.push(rule.assert);
        else stack.push(v);
      }
    }
  }
  for (const step of document["steps"] ?? []) if (typeof step["x-visible"] === "string") out.push(step["x-visible"]);
  for (const lookup of Object.values<Json>(document["lookups"] ?? {})) out.push(lookup["input"]);
  return out;
}

type Ast = { type?: string; value?: unknown; steps?: Ast[]; [key: string]: unknown };
const NARROWING_ENDS = ["stages", "predicate", "group", "focus", "index", "tuple", "ancestor"];

/**
 * What an expression reads of each register, walking JSONata's AST: a register variable (not bound by
 * the expression itself) followed by names reads those names, up to the first that is filtered, grouped
 * or bound (inclusive) or the first step that is not a name; `%` climbs back up one name each; a
 * register variable anywhere else reads the whole register.
 */
function readsOf(text: string, registers: ReadonlySet<string>): { register: string; path: string[] }[] {
  const ast = jsonata(text).ast() as unknown as Ast;
  const bound = new Set<string>();
  const nodes: Ast[] = [];
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value && typeof value === "object") {
      const node = value as Ast;
      if (typeof node.type === "string") nodes.push(node);
      if (node.type === "bind") bound.add(String((node["lhs"] as Ast).value));
      if (node.type === "lambda") for (const a of node["arguments"] as Ast[]) bound.add(String(a.value));
      for (const k of ["focus", "index"]) if (typeof node[k] === "string") bound.add(node[k] as string);
      for (const [k, v] of Object.entries(node)) if (k !== "value") stack.push(v);
    }
  }
  const reads: { register: string; path: string[] }[] = [];
  const firstSteps = new Set<Ast>();
  const isRegister = (node: Ast) => node.type === "variable" && registers.has(String(node.value)) && !bound.has(String(node.value));
  for (const node of nodes) {
    if (node.type !== "path" || !node.steps?.length || !isRegister(node.steps[0]!)) continue;
    const [first, ...rest] = node.steps;
    firstSteps.add(first!);
    const path: string[] = [];
    if (!NARROWING_ENDS.some((k) => first![k] !== undefined)) {
      for (const step of rest) {
        if (step.type !== "name") break;
        path.push(String(step.value));
        if (NARROWING_ENDS.some((k) => step[k] !== undefined)) break;
      }
    }
    let parents = 0;
    const inner: unknown[] = [...rest];
    while (inner.length > 0) {
      const v = inner.pop();
      if (Array.isArray(v)) inner.push(...v);
      else if (v && typeof v === "object") {
        if ((v as Ast).type === "parent") parents++;
        for (const [k, x] of Object.entries(v)) if (k !== "value") inner.push(x);
      }
    }
    reads.push({ register: String(first!.value), path: path.slice(0, Math.max(0, path.length - parents)) });
  }
  for (const node of nodes) if (isRegister(node) && !firstSteps.has(node)) reads.push({ register: String(node.value), path: [] });
  return reads;
}

/** A Proxy around a register's value that records each path obtained from it (lists are mapped over) and each path whose keys are listed. */
function recorder() {
  const obtained = new Set<string>();
  const listed = new Set<string>();
  const proxies = new WeakMap<object, Map<string, object>>();
  const wrap = (value: unknown, path: readonly string[]): unknown => {
    if (value === null || typeof value !== "object") return value;
    const k = key(path);
    let byPath = proxies.get(value);
    if (!byPath) proxies.set(value, (byPath = new Map()));
    let proxy = byPath.get(k);
    if (!proxy) {
      proxy = new Proxy(value, {
        get(target, name, receiver) {
          const got: unknown = Reflect.get(target, name, receiver);
          if (typeof name !== "string" || !Object.hasOwn(target, name)) return got;
          if (Array.isArray(target)) return name === "length" ? got : wrap(got, path);
          const next = [...path, name];
          obtained.add(key(next));
          return wrap(got, next);
        },
        ownKeys(target) {
          // The size budget counts the keys of what an expression is given, without using them (the back
          // end's check always runs under one): not a use of the data.
          if (!new Error().stack?.includes("sizeOf")) listed.add(k);
          return Reflect.ownKeys(target);
        },
      });
      byPath.set(k, proxy);
    }
    return proxy;
  };
  return { obtained, listed, wrap };
}

/** Every data pointer of the form's fields, rows expanded as the data has them. */
function pointersOf(procedure: Procedure, form: Form): string[] {
  const out: string[] = [];
  const expand = (template: readonly string[], at: number, prefix: string): void => {
    if (at === template.length) return void out.push(prefix);
    const segment = template[at]!;
    if (segment !== "-") return expand(template, at + 1, `${prefix}/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    const rows = form.get(prefix);
    if (Array.isArray(rows)) for (let i = 0; i < rows.length; i++) expand(template, at + 1, `${prefix}/${i}`);
  };
  for (const node of procedure.fields) expand(node.segments, 0, "");
  return out;
}

/** What a citizen sees of a form: every field's state, the steps, the exit page, the draft's claims, the diagnostics. */
function seen(procedure: Procedure, form: Form): unknown {
  const fields = pointersOf(procedure, form).map((pointer) => {
    const { node: _node, ...state } = form.field(pointer);
    return state;
  });
  return { data: form.get(""), fields, steps: form.steps().map((s) => s.id), exit: form.exit?.id, draft: form.draft(), diagnostics: form.diagnostics };
}

/**
 * Forms given each context, side by side, through a persona's answers: each must show what the first
 * shows at every point, validate and submit the same; the first's envelope is checked by the back end
 * against `records` with each procedure context given.
 */
async function walk(procedure: Procedure, contexts: readonly (readonly [Procedure, FormContext])[], answers: Readonly<Record<string, unknown>>, records: FormContext, lookups: ExampleLookups, persona: string) {
  // One declaration's id for every form, so that their envelopes can be compared whole.
  const id = "6f1c3a52-8d4e-4b7a-9c2f-0e5d7b8a9c10";
  const forms = contexts.map(([p, context]) => createForm(p, { context, now, locale: "vi", id, ...lookups }));
  const same = async (when: string) => {
    for (const form of forms) await form.settled();
    const first = seen(procedure, forms[0]!);
    for (const form of forms.slice(1)) expect(seen(procedure, form), when).toEqual(first);
  };
  await same("opened");
  const empty = await Promise.all(forms.map((form) => form.validate()));
  for (const errors of empty.slice(1)) expect(errors).toEqual(empty[0]);
  for (const [pointer, answer] of Object.entries(answers)) {
    const value = answer !== null && typeof answer === "object" ? { ...answer, size: FILE_SIZE } : answer;
    for (const form of forms) {
      const row = /^(.*)\/(\d+)\/[^/]+$/.exec(pointer);
      if (row) while (((form.get(row[1]!) as unknown[] | undefined) ?? []).length <= Number(row[2])) form.addRow(row[1]!);
      form.set(pointer, value);
    }
    await same(`after ${pointer}`);
  }
  const submissions = await Promise.all(forms.map((form) => form.submission()));
  for (const s of submissions.slice(1)) expect(s).toEqual(submissions[0]);
  const first = submissions[0]!;
  if (!first.ok) return undefined;
  // Signed by the persona where the procedure requires it (the business household), as the portal does.
  const { sign, verifySignature } = await signingFor(procedure, persona);
  const envelope = await sign(JSON.parse(JSON.stringify(first.envelope)));
  return { envelope: envelope as unknown, verdict: await validateSubmission(procedure, envelope, { context: records, now, lookup: lookups.lookup, verifySignature }) };
}

describe.each(PROCEDURE_NAMES)("the data use of examples/procedures/%s.json", (name) => {
  const document = readJson(`examples/procedures/${name}.json`) as ProcedureDocument & Json;
  const registers = new Set([...Object.keys(document.sources ?? {}), ...Object.keys(document.lookups ?? {})]);

  it("lists exactly the register paths its expressions read, as JSONata's AST of each gives them", async () => {
    const procedure = await loadProcedure(document, { budget: TEST_BUDGET });
    const expected = new Map<string, Set<string>>([...registers].map((r) => [r, new Set<string>()]));
    for (const text of expressionsOf(document)) for (const read of readsOf(text, registers)) expected.get(read.register)!.add(key(read.path));
    const listed = dataUse(procedure);
    expect(listed.map((r) => r.name)).toEqual([...registers]);
    for (const register of listed) {
      expect(new Set(register.reads.map((r) => key(r.path))), register.name).toEqual(expected.get(register.name));
      expect(register.reads.length, `${register.name}: each path once`).toBe(expected.get(register.name)!.size);
    }
    // Every example reads something of each register it declares.
    expect(listed.filter((r) => r.reads.length === 0).map((r) => r.name)).toEqual([]);
  });

  it("every persona's form, minimised or not, shows and submits the same; the engine obtains nothing from the context outside the listed paths", async () => {
    const procedure = await loadProcedure(document, { budget: TEST_BUDGET });
    // The size budget counts the keys of what an expression is given (no use of their values): without it,
    // every key listed in the form is a use of the data.
    const unsized = await loadProcedure(document, { budget: { ...TEST_BUDGET, size: 0 } });
    const listed = new Map(dataUse(procedure).map((r) => [r.name, r.reads.map((d) => d.path)]));
    const plans = Object.entries(answersOf(name).personas);
    expect(plans.length).toBeGreaterThan(0);
    let submitted = 0;
    for (const [persona, plan] of plans) {
      const context = personaContext(persona);
      const minimised = usedData(procedure, context);
      // Nothing the procedure does not read leaves the portal's records.
      expect(Object.keys(minimised).every((member) => registers.has(member)), persona).toBe(true);
      const record = recorder();
      const recorded: FormContext = Object.fromEntries(Object.entries(context).map(([member, value]) => [member, registers.has(member) ? record.wrap(value, [member]) : value]));
      // The registers the procedure looks up in answer as the example back end's do, for this citizen.
      const lookups = lookupsFor(persona);
      const result = await walk(procedure, [[procedure, context], [procedure, minimised], [unsized, recorded]], plan.answers ?? {}, context, lookups, persona);
      const { verifySignature } = await signingFor(procedure, persona);
      if (plan.exit) expect(result, persona).toBeUndefined();
      else {
        expect(result?.verdict, persona).toEqual({ valid: true, errors: [] });
        submitted++;
        // The back end, given only what the procedure reads, decides the same.
        expect(await validateSubmission(procedure, result!.envelope, { context: minimised, now, lookup: lookups.lookup, verifySignature })).toEqual({ valid: true, errors: [] });
        await validateSubmission(unsized, result!.envelope, { context: recorded, now, lookup: lookups.lookup, verifySignature });
      }
      const paths = (set: Set<string>) => [...set].map((k) => JSON.parse(k) as string[]);
      const covered = (member: string, path: readonly string[], below: boolean) =>
        (listed.get(member) ?? []).some((read) => read.every((n, i) => path[i] === n) && read.length <= path.length) ||
        (!below && (listed.get(member) ?? []).some((read) => path.every((n, i) => read[i] === n)));
      // A path obtained on the way to a listed one (`permanentAddress` for `permanentAddress.detail`) is covered; keys listed need the whole of what holds them.
      for (const [member, ...path] of paths(record.obtained)) expect(covered(member!, path, false), `${persona}: ${member}.${path.join(".")} obtained`).toBe(true);
      for (const [member, ...path] of paths(record.listed)) expect(covered(member!, path, true), `${persona}: the keys of ${[member, ...path].join(".")} listed`).toBe(true);
      expect(record.obtained.size, persona).toBeGreaterThan(0);
    }
    expect(submitted).toBeGreaterThan(0);
  }, 180_000);
});
