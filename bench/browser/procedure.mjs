/**
 * The procedure the browser benchmark renders, and the same fields as plain data for the
 * hand-written page. Loaded by Node (run.mjs) and by both pages.
 *
 * `n` string fields `f0…f(n-1)`, one section (`/sK`, an object with a fieldset) per 20 fields, all
 * in one step so that every field is on screen. Every field has a title, a hint (`description`),
 * `maxLength: 100` and is required. Every 10th field (`f9`, `f19`, …) is shown only while the
 * field before it is not "hide".
 */
export const SECTION_SIZE = 20;
export const MAX_LENGTH = 100;

/** The fields, in document order: `{ index, name, section, pointer, title, hint, controlledBy }`. */
export function fieldsOf(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const section = Math.floor(i / SECTION_SIZE);
    out.push({
      index: i,
      name: `f${i}`,
      section,
      pointer: `/s${section}/f${i}`,
      title: `Trường ${i + 1}`,
      hint: `Gợi ý cho trường ${i + 1}, tối đa ${MAX_LENGTH} ký tự`,
      controlledBy: i % 10 === 9 ? i - 1 : undefined,
    });
  }
  return out;
}

export function sectionTitle(k) {
  return `Phần ${k + 1}`;
}

/** The procedure document. */
export function generateProcedure(n) {
  const properties = {};
  for (const f of fieldsOf(n)) {
    const key = `s${f.section}`;
    properties[key] ??= { type: "object", title: sectionTitle(f.section), "x-widget": "section", properties: {}, required: [] };
    const node = { type: "string", title: f.title, description: f.hint, maxLength: MAX_LENGTH };
    if (f.controlledBy !== undefined) node["x-visible"] = `$not(s${f.section}.f${f.controlledBy} = 'hide')`;
    properties[key].properties[f.name] = node;
    properties[key].required.push(f.name);
  }
  return {
    id: `bench.browser.f${n}`,
    version: "1.0.0",
    title: `Thủ tục thử nghiệm ${n} trường`,
    schema: { type: "object", properties, required: Object.keys(properties) },
    steps: [{ id: "main", title: "Thông tin", fields: Object.keys(properties).map((k) => `/${k}`) }],
  };
}

/** The field the benchmark types into: one in the middle of the form that controls the next one. */
export function keyFieldIndex(n) {
  return Math.floor(n / 20) * 10 + 8;
}

/** The message a required field shows (the core's vi message, so that both pages show the same text). */
export const REQUIRED_MESSAGE = "Thông tin bắt buộc, vui lòng không để trống";
