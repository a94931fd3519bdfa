#!/usr/bin/env node
// How long validateSubmission holds the thread for envelopes an attacker can send in one request of at
// most 1 MB (the example back end's body limit), beside a valid one: the residence example, persona
// le-thi-mai. Prints the median of 3 runs of each, the JSON size, and what the back end answered.
//
//   node bench/hostile-envelopes.mjs            (after `npm run build`)
import { readFileSync } from "node:fs";
import { createForm, loadProcedure, validateSubmission } from "@tokhai/core";

const root = new URL("../", import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), "utf8"));
const procedure = await loadProcedure(read("examples/procedures/dang-ky-thuong-tru.json"));
const context = { ...read("examples/data/personas/le-thi-mai.json"), catalog: read("examples/data/administrative-units.json") };

const form = createForm(procedure, { context, now: () => new Date("2026-12-01T08:00:00.000Z") });
await form.settled();
form.set("/newAddress/province", "79");
await form.settled();
form.set("/newAddress/commune", form.field("/newAddress/commune").options[1].value);
form.set("/newAddress/detail", "12 Lê Lợi");
form.set("/newAddress/ownership", "owner");
form.set("/declaration", true);
await form.settled();
const submitted = await form.submission();
if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
const valid = JSON.parse(JSON.stringify(submitted.envelope));
const copy = () => structuredClone(valid);
const claimAll = (envelope) => {
  const provenance = {};
  const stack = [[envelope.data, ""]];
  while (stack.length) {
    const [value, pointer] = stack.pop();
    const entries = value && typeof value === "object" ? Object.entries(value) : [];
    if (entries.length === 0) provenance[pointer] = envelope.provenance[pointer] ?? { source: "user" };
    for (const [k, v] of entries) stack.push([v, `${pointer}/${k}`]);
  }
  envelope.provenance = provenance;
  return envelope;
};

const cases = {
  "valid envelope": () => valid,
  "10,000 household rows (maxItems 20)": () => {
    const e = copy();
    const row = e.data.household.members[0];
    e.data.household.members = Array.from({ length: 10_000 }, () => ({ ...row }));
    return e;
  },
  "an unknown member holding 150,000 numbers": () => {
    const e = copy();
    e.data.extra = Array.from({ length: 150_000 }, (_, i) => i % 10);
    return e;
  },
  "a member nested 100,000 levels": () => {
    const e = copy();
    e.data.extra = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    return e;
  },
  "35,000 claims for values that do not exist": () => {
    const e = copy();
    for (let i = 0; i < 35_000; i++) e.provenance[`/x${i}`] = { source: "user" };
    return e;
  },
  "20 rows with 8,000-character names (maxLength 100)": () => {
    const e = copy();
    e.data.household.members = Array.from({ length: 20 }, (_, i) => ({ ...e.data.household.members[0], relation: "con", fullName: `${i}`.padEnd(8_000, "a") }));
    return claimAll(e);
  },
};

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("case                                              JSON size   median ms   answer");
for (const [name, make] of Object.entries(cases)) {
  const envelope = make();
  let size;
  try {
    size = `${(JSON.stringify(envelope).length / 1024).toFixed(0)} KB`;
  } catch {
    size = "(too deep to print)";
  }
  const times = [];
  let answer;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    try {
      const result = await validateSubmission(procedure, envelope, { context });
      answer = result.valid ? "valid" : `${result.errors.length}${result.omitted ? ` (+${result.omitted})` : ""} errors, first ${result.errors[0].pointer || "/"} ${result.errors[0].keyword}`;
    } catch (error) {
      answer = `THREW ${error.name}: ${String(error.message).slice(0, 60)}`;
    }
    times.push(performance.now() - start);
  }
  console.log(`${name.padEnd(50)}${size.padStart(10)}${median(times).toFixed(1).padStart(12)}   ${answer}`);
}
