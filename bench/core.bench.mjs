// Core benchmark: `npm run bench`. Generated procedures of 100, 1,000 and 5,000 fields.
// Prints the median of several runs for each measure. Not part of `npm test`.
// Load is measured three ways: loadProcedure of the document (run-time), loadProcedure with the data
// validator compiled ahead of time ("precompiled"), and loadCompiled of the compiled procedure that
// `tokhai compile` writes (compileProcedureModule; "compiled").
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadProcedure, loadCompiled, createForm } from "@tokhai/core";
import { compileValidatorSource } from "@tokhai/core/compile";
import { compileProcedureModule } from "../packages/cli/dist/commands/compile.js";

const require = createRequire(import.meta.url);
const TMP = new URL("../test/.tmp/bench/", import.meta.url);

/** A precompiled validator (the data validator alone; CommonJS here, loaded with require). */
function precompile(schema, size) {
  mkdirSync(TMP, { recursive: true });
  const file = new URL(`validators-${size}.cjs`, TMP);
  writeFileSync(file, compileValidatorSource(schema, "cjs"));
  return require(file.pathname);
}

/** The compiled procedure's module, as `tokhai compile` writes it: its file URL. */
async function compiledModule(doc, size) {
  mkdirSync(TMP, { recursive: true });
  const file = new URL(`compiled-${size}.mjs`, TMP);
  writeFileSync(file, await compileProcedureModule(doc, { fileName: `compiled-${size}.mjs` }));
  return file.href;
}

let imports = 0;
/** A fresh instance of the compiled module (its own objects: nothing an earlier load cached on them). */
async function freshCompiled(href) {
  return (await import(`${href}?instance=${++imports}`)).default;
}
import { generateProcedure, generateContext, benchPointers } from "./generate.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGETS_AT_1000 = { load: 150, loadCompiled: 5, createForm: 50, setFew: 1, validate: 20 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const gc = () => globalThis.gc?.();

const rows = [];
for (const size of SIZES) {
  const doc = generateProcedure(size);
  const context = generateContext(doc);
  const { fewDependents, manyDependents } = benchPointers(doc);
  const loadTimes = [];
  let procedure;
  for (let i = 0; i < RUNS; i++) {
    const copy = JSON.parse(JSON.stringify(doc));
    loadTimes.push(await time(async () => (procedure = await loadProcedure(copy))));
  }
  const validate = precompile(doc.schema, size);
  const precompiledTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const copy = JSON.parse(JSON.stringify(doc));
    precompiledTimes.push(await time(() => loadProcedure(copy, { validators: { data: validate } })));
  }
  // A compiled procedure: the module imported (not timed: as a document is parsed from JSON before
  // loadProcedure), then loadCompiled. Expressions are made from their ASTs when first evaluated, so
  // the first createForm of a freshly loaded compiled procedure is timed too.
  const href = await compiledModule(doc, size);
  const compiledTimes = [];
  const compiledCreateTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const compiled = await freshCompiled(href);
    let loaded;
    compiledTimes.push(await time(() => (loaded = loadCompiled(compiled))));
    compiledCreateTimes.push(await time(() => createForm(loaded, { context }).settled()));
  }
  const createTimes = [];
  let form;
  for (let i = 0; i < RUNS; i++) {
    createTimes.push(
      await time(async () => {
        form = createForm(procedure, { context });
        await form.settled();
      }),
    );
  }
  const setFew = [];
  const setMany = [];
  for (let i = 0; i < RUNS * 3; i++) {
    setFew.push(await time(async () => {
      form.set(fewDependents, `value ${i}`);
      await form.settled();
    }));
    setMany.push(await time(async () => {
      form.set(manyDependents, i % 2 ? "all" : `x${i}`);
      await form.settled();
    }));
  }
  const validateTimes = [];
  for (let i = 0; i < RUNS; i++) validateTimes.push(await time(() => form.validate()));
  // Memory: heap held by one loaded procedure + one form.
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = [];
  for (let i = 0; i < 3; i++) {
    const p = await loadProcedure(JSON.parse(JSON.stringify(doc)));
    const f = createForm(p, { context });
    await f.settled();
    held.push(f);
  }
  gc();
  const perForm = (process.memoryUsage().heapUsed - before) / held.length / 1024 / 1024;
  rows.push({
    fields: size,
    expressions: procedure.expressions.length,
    "load ms": median(loadTimes),
    "load precompiled ms": median(precompiledTimes),
    "load compiled ms": median(compiledTimes),
    "createForm ms": median(createTimes),
    "createForm compiled, first ms": median(compiledCreateTimes),
    "set() few deps ms": median(setFew),
    "set() many deps ms": median(setMany),
    "validate-all ms": median(validateTimes),
    "heap MB (procedure+form)": globalThis.gc ? perForm : NaN,
  });
}

const fmt = (v) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v));
const headers = Object.keys(rows[0]);
console.log(`tokhai core benchmark — Node ${process.version}, median of ${RUNS} runs (set(): ${RUNS * 3})\n`);
const widths = headers.map((h) => Math.max(14, h.length));
console.log(headers.map((h, i) => h.padStart(widths[i])).join(" "));
for (const r of rows) console.log(headers.map((h, i) => fmt(r[h]).padStart(widths[i])).join(" "));
const at1000 = rows.find((r) => r.fields === 1000);
if (at1000) {
  console.log("\nTargets at 1,000 fields:");
  const check = (label, value, target) => console.log(`  ${label.padEnd(22)} ${fmt(value).padStart(8)} ms  (target ≤ ${target} ms) ${value <= target ? "met" : "NOT MET"}`);
  check("load", at1000["load ms"], TARGETS_AT_1000.load);
  check("load, compiled", at1000["load compiled ms"], TARGETS_AT_1000.loadCompiled);
  check("createForm", at1000["createForm ms"], TARGETS_AT_1000.createForm);
  check("set(), ≤ 3 dependents", at1000["set() few deps ms"], TARGETS_AT_1000.setFew);
  check("validate-all", at1000["validate-all ms"], TARGETS_AT_1000.validate);
}
