// Core benchmark: `npm run bench`. Generated procedures of 100, 1,000 and 5,000 fields.
// Prints the median of several runs for each measure. Not part of `npm test`.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadProcedure, createForm } from "@tokhai/core";
import { compileValidatorSource } from "@tokhai/core/compile";

const require = createRequire(import.meta.url);

/** A precompiled validator as `tokhai compile` will make it (CommonJS here, loaded with require). */
function precompile(schema, size) {
  const dir = new URL("../test/.tmp/bench/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`validators-${size}.cjs`, dir);
  writeFileSync(file, compileValidatorSource(schema, "cjs"));
  return require(file.pathname);
}
import { generateProcedure, generateContext, benchPointers } from "./generate.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGETS_AT_1000 = { load: 150, createForm: 50, setFew: 1, validate: 20 };

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
    "createForm ms": median(createTimes),
    "set() few deps ms": median(setFew),
    "set() many deps ms": median(setMany),
    "validate-all ms": median(validateTimes),
    "heap MB (procedure+form)": globalThis.gc ? perForm : NaN,
  });
}

const fmt = (v) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v));
const headers = Object.keys(rows[0]);
console.log(`tokhai core benchmark — Node ${process.version}, median of ${RUNS} runs (set(): ${RUNS * 3})\n`);
console.log(headers.map((h) => h.padStart(14)).join(" "));
for (const r of rows) console.log(headers.map((h) => fmt(r[h]).padStart(14)).join(" "));
const at1000 = rows.find((r) => r.fields === 1000);
if (at1000) {
  console.log("\nTargets at 1,000 fields:");
  const check = (label, value, target) => console.log(`  ${label.padEnd(22)} ${fmt(value).padStart(8)} ms  (target ≤ ${target} ms) ${value <= target ? "met" : "NOT MET"}`);
  check("load", at1000["load ms"], TARGETS_AT_1000.load);
  check("createForm", at1000["createForm ms"], TARGETS_AT_1000.createForm);
  check("set(), ≤ 3 dependents", at1000["set() few deps ms"], TARGETS_AT_1000.setFew);
  check("validate-all", at1000["validate-all ms"], TARGETS_AT_1000.validate);
}
