/**
 * The procedure the browser benchmark renders, and the same fields as plain data for the
 * hand-written page. Loaded by Node (run.mjs) and by both pages.
 *
 * `n` string fields `f0…f(n-1)`, all in one step so that every field is on screen, in one of two
 * layouts:
 * - "sections": one section (`/sK`, an object with `"x-widget": "section"`, a fieldset) per 20 fields;
 * - "flat": every field directly in the step (`/fI`), no section.
 * Every field has a title, a hint (`description`), `maxLength: 100` and is required. Every 10th field
 * (`f9`, `f19`, …) is shown only while the field before it is not "hide".
 */
export const SECTION_SIZE = 20;
export const MAX_LENGTH = 100;
export const LAYOUTS = ["flat", "sections"];

function checkLayout(layout) {
  if (!LAYOUTS.includes(layout)) throw new Error(`unknown layout "${layout}" (expected ${LAYOUTS.join(" or ")})`);
}

/**
 * The fields, in document order: `{ index, name, section, pointer, path, title, hint, controlledBy }`.
 * `section` is the index of the field's section, `undefined` in the flat layout; `path` is how an
 * expression reads the field (`sK.fI` or `fI`).
 */
export function fieldsOf(n, layout = "sections") {
  checkLayout(layout);
  const out = [];
  for (let i = 0; i < n; i++) {
    const section = layout === "sections" ? Math.floor(i / SECTION_SIZE) : undefined;
    out.push({
      index: i,
      name: `f${i}`,
      section,
      pointer: section === undefined ? `/f${i}` : `/s${section}/f${i}`,
      path: section === undefined ? `f${i}` : `s${section}.f${i}`,
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

/** The procedure document of `n` fields in `layout`. */
export function generateProcedure(n, layout = "sections") {
  const fields = fieldsOf(n, layout);
  const properties = {};
  const required = [];
  for (const f of fields) {
    const node = { type: "string", title: f.title, description: f.hint, maxLength: MAX_LENGTH };
    if (f.controlledBy !== undefined) node["x-visible"] = `$not(${fields[f.controlledBy].path} = 'hide')`;
    if (f.section === undefined) {
      properties[f.name] = node;
      required.push(f.name);
      continue;
    }
    const key = `s${f.section}`;
    if (!properties[key]) {
      properties[key] = { type: "object", title: sectionTitle(f.section), "x-widget": "section", properties: {}, required: [] };
      required.push(key);
    }
    properties[key].properties[f.name] = node;
    properties[key].required.push(f.name);
  }
  return {
    id: layout === "sections" ? `bench.browser.f${n}` : `bench.browser.flat.f${n}`,
    version: "1.0.0",
    title: `Thủ tục thử nghiệm ${n} trường`,
    schema: { type: "object", properties, required },
    steps: [{ id: "main", title: "Thông tin", fields: Object.keys(properties).map((k) => `/${k}`) }],
  };
}

/** The field the benchmark types into: one in the middle of the form that controls the next one. */
export function keyFieldIndex(n) {
  return Math.floor(n / 20) * 10 + 8;
}

/** The message a required field shows (the core's vi message, so that both pages show the same text). */
export const REQUIRED_MESSAGE = "Thông tin bắt buộc, vui lòng không để trống";
