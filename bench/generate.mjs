/**
 * Synthetic procedures for the core benchmarks.
 *
 * `generateProcedure(n)` returns a procedure document with exactly `n` leaf fields, in
 * sections of 20 (`/s0`, `/s1`, …; one step per section). Generation is deterministic:
 * every section follows the same 20-slot pattern (the last section may be shorter):
 *
 * | slot | role                                                                  |
 * | ---- | --------------------------------------------------------------------- |
 * | f0   | plain string, the section's hub: every computed field and the rule read it |
 * | f1,f7 | prefilled from `$citizen.f<global index>`, locked, required          |
 * | f2,f4,f10,f13 | prefilled from `$citizen`, editable                          |
 * | f8   | computed: `$trim(sK.f0 & ' ' & sK.f6)`                                 |
 * | f16  | computed: `$number(sK.f3) * 2 + $length(sK.f0)`                        |
 * | f5,f14,f18 | conditional: `x-visible` reads the previous field, and `s0.f0` |
 * | f12  | `x-rules` reading its own value and `sK.f0`                            |
 * | others | plain: integer, pattern, formats (date, email, vn-phone, vn-personal-id), maxLength |
 *
 * That is 30 % prefilled (a third of them locked), 10 % computed, 15 % conditional, 5 % with
 * rules. Every expression reads only fields of earlier slots (or `/s0/f0`, which reads
 * nothing), so the dependency graph has no cycle. Every `x-visible` anywhere also reads
 * `s0.f0` (`… or s0.f0 = 'all'`), so `/s0/f0` is read by a quarter of all expressions.
 */

export const SECTION_SIZE = 20;

const PREFILLED = new Set([1, 2, 4, 7, 10, 13]);
const LOCKED = new Set([1, 7]);
const COMPUTED = new Set([8, 16]);
const CONDITIONAL = new Set([5, 14, 18]);
const RULED = new Set([12]);

/** The plain schema of a slot that has no expression of its own. */
function plainSchema(slot) {
  switch (slot) {
    case 0:
      return { type: "string", maxLength: 100 };
    case 3:
      return { type: "integer", minimum: 0, maximum: 1000000, "x-widget": "number" };
    case 6:
      return { type: "string", maxLength: 80, pattern: "^[\\p{L}0-9 .,-]*$" };
    case 9:
      return { type: "string", format: "vn-phone", "x-widget": "tel" };
    case 11:
      return { type: "string", format: "date", "x-widget": "date" };
    case 15:
      return { type: "string", format: "vn-personal-id", "x-widget": "personal-id" };
    case 17:
      return { type: "string", maxLength: 120, minLength: 2 };
    case 19:
      return { type: "string", format: "email", maxLength: 254, "x-widget": "email" };
    default:
      return { type: "string", maxLength: 200, "x-widget": slot % 2 === 0 ? "textarea" : "text" };
  }
}

function fieldSchema(section, slot, global) {
  const s = `s${section}`;
  const title = `Trường ${global + 1} (phần ${section + 1})`;
  if (PREFILLED.has(slot)) {
    const node = { type: "string", title, maxLength: 100, "x-prefill": `$citizen.f${global}` };
    if (LOCKED.has(slot)) node["x-lock"] = true;
    return node;
  }
  if (COMPUTED.has(slot)) {
    return slot === 8
      ? { type: "string", title, "x-widget": "computed", "x-compute": `$trim(${s}.f0 & ' ' & ${s}.f6)` }
      : { type: "number", title, "x-widget": "computed", "x-compute": `$number(${s}.f3) * 2 + $length(${s}.f0)` };
  }
  if (CONDITIONAL.has(slot)) {
    return {
      type: "string",
      title,
      maxLength: 150,
      "x-visible": `$not(${s}.f${slot - 1} = 'hide') or s0.f0 = 'all'`,
    };
  }
  if (RULED.has(slot)) {
    return {
      type: "string",
      title,
      maxLength: 60,
      "x-rules": [
        {
          assert: `$not($exists($value)) or ($length($value) >= 2 and $not($value = ${s}.f0))`,
          message: {
            vi: `Trường ${global + 1} phải có ít nhất 2 ký tự và khác trường đầu của phần ${section + 1}.`,
            en: `Field ${global + 1} must have at least 2 characters and differ from the first field of part ${section + 1}.`,
          },
        },
      ],
    };
  }
  return { ...plainSchema(slot), title };
}

/** A procedure document with exactly `fieldCount` leaf fields. */
export function generateProcedure(fieldCount) {
  if (!Number.isInteger(fieldCount) || fieldCount < 1) {
    throw new RangeError(`generateProcedure: fieldCount must be a positive integer, got ${fieldCount}`);
  }
  const sections = Math.ceil(fieldCount / SECTION_SIZE);
  const properties = {};
  const citizenProperties = {};
  const steps = [];
  const en = { title: `Benchmark procedure with ${fieldCount} fields`, steps: {} };
  for (let k = 0; k < sections; k++) {
    const size = Math.min(SECTION_SIZE, fieldCount - k * SECTION_SIZE);
    const fields = {};
    const required = [];
    for (let slot = 0; slot < size; slot++) {
      const global = k * SECTION_SIZE + slot;
      const node = fieldSchema(k, slot, global);
      fields[`f${slot}`] = node;
      if (node["x-prefill"]) citizenProperties[`f${global}`] = { type: "string" };
      if (node["x-lock"]) required.push(`f${slot}`);
      en[`/s${k}/f${slot}`] = { title: `Field ${global + 1} (part ${k + 1})` };
    }
    const section = { type: "object", title: `Phần ${k + 1}`, "x-widget": "section", properties: fields };
    if (required.length) section.required = required;
    properties[`s${k}`] = section;
    steps.push({ id: `s${k}`, title: `Phần ${k + 1}`, fields: [`/s${k}`] });
    en[`/s${k}`] = { title: `Part ${k + 1}` };
    en.steps[`s${k}`] = { title: `Part ${k + 1}` };
  }
  return {
    id: `bench.generated.f${fieldCount}`,
    version: "1.0.0",
    title: `Thủ tục thử nghiệm ${fieldCount} trường`,
    defaultLocale: "vi",
    sources: {
      citizen: {
        title: { vi: "Dữ liệu dân cư", en: "Population data" },
        schema: { type: "object", properties: citizenProperties },
      },
    },
    schema: { type: "object", properties },
    steps,
    i18n: { en },
  };
}

/** Every expression of a generated procedure, as `{ pointer, keyword, expression }`. */
export function expressionsOf(procedure) {
  const out = [];
  for (const [sName, section] of Object.entries(procedure.schema.properties)) {
    for (const [fName, node] of Object.entries(section.properties)) {
      const pointer = `/${sName}/${fName}`;
      for (const keyword of ["x-prefill", "x-compute", "x-visible", "x-required", "x-readonly", "x-options"]) {
        if (typeof node[keyword] === "string") out.push({ pointer, keyword, expression: node[keyword] });
      }
      for (const rule of node["x-rules"] ?? []) out.push({ pointer, keyword: "x-rules", expression: rule.assert });
    }
  }
  return out;
}

/** How many expressions read each field (`/sK/fN` → count), from the `sK.fN` paths they contain. */
export function readerCounts(procedure) {
  const counts = new Map();
  for (const { expression } of expressionsOf(procedure)) {
    const read = new Set();
    for (const m of expression.matchAll(/(?<![$\w.])s(\d+)\.f(\d+)\b/g)) read.add(`/s${m[1]}/f${m[2]}`);
    for (const p of read) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

/**
 * Pointers the benchmark edits: `fewDependents`, a field read by 1 to 3 expressions (of `/s1`
 * when that section has one, else of `/s0`), and `manyDependents`, `/s0/f0`.
 */
export function benchPointers(procedure) {
  const counts = readerCounts(procedure);
  const sections = ["s1", "s0"].filter((s) => procedure.schema.properties[s]);
  const few = (p) => p !== "/s0/f0" && (counts.get(p) ?? 0) >= 1 && (counts.get(p) ?? 0) <= 3;
  let fewDependents;
  for (const s of sections) {
    const fields = Object.keys(procedure.schema.properties[s].properties).map((f) => `/${s}/${f}`);
    // Prefer f17, read only by the visibility condition of f18, then any field with few readers.
    fewDependents = [`/${s}/f17`, ...fields].find((p) => fields.includes(p) && few(p));
    if (fewDependents) break;
  }
  // A procedure with fewer than 5 fields has no reader at all apart from /s0/f0.
  fewDependents ??= procedure.schema.properties.s0.properties.f1 ? "/s0/f1" : "/s0/f0";
  return { fewDependents, manyDependents: "/s0/f0" };
}

/** A context `{ citizen }` with a value for every prefilled field. */
export function generateContext(procedure) {
  const citizen = {};
  for (const name of Object.keys(procedure.sources.citizen.schema.properties)) {
    citizen[name] = `Giá trị ${name.slice(1)}`;
  }
  return { citizen };
}
