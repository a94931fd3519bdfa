// <tk-form> side of the browser benchmark: loaded by tk.html, driven by run.mjs through `window.bench`.
// By default dist/tokhai.js, given the procedure document (the run-time path).
// ?bundle=precompiled: dist/tokhai.precompiled.js, given the compiled procedure that run.mjs wrote to
// .cache/compiled-<layout>-<n>.js with compileProcedureModule (what `tokhai compile` emits).
import { generateProcedure, keyFieldIndex, fieldsOf, SECTION_SIZE } from "./procedure.mjs";
import { nextFrame, now, typeInto, until, forceLayout } from "./common.mjs";

const compiled = new URLSearchParams(location.search).get("bundle") === "precompiled";
const bundle = compiled ? "/dist/tokhai.precompiled.js" : "/dist/tokhai.js";
try {
  await import(bundle);
} catch (error) {
  // What a bundle throws need not be an Error (JSONata throws plain objects): say what it was.
  throw new Error(`${bundle} failed to load: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
}

const host = document.getElementById("host");

// Count lit updates: `updated()` runs once after every render of an element.
let renders = [];
for (const tag of ["tk-form", "tk-field-section", "tk-field-text"]) {
  const proto = customElements.get(tag)?.prototype;
  if (!proto) throw new Error(`tk-form page: <${tag}> is not defined by the bundle`);
  const original = proto.updated;
  proto.updated = function (...args) {
    renders.push(this.pointer ?? tag);
    return original.apply(this, args);
  };
}

/** The files fetched from /dist/ so far (resource timing), and whether each started by `at`. */
function distResources(at) {
  return performance
    .getEntriesByType("resource")
    .map((e) => ({ path: new URL(e.name).pathname, startTime: e.startTime }))
    .filter((e) => e.path.startsWith("/dist/"))
    .map((e) => ({ ...e, beforeInteractive: at === undefined ? undefined : e.startTime <= at }));
}

/** The procedure document (`path` "runtime") or the compiled procedure run.mjs wrote ("compiled"). */
async function procedureInput(size, layoutName, path) {
  if (path !== "compiled") return generateProcedure(size, layoutName);
  const file = `./.cache/compiled-${layoutName}-${size}.js`;
  const procedure = (await import(file)).default;
  if (procedure?.tokhai !== "compiled-procedure") throw new Error(`tk-form: ${file} does not export a compiled procedure by default`);
  return procedure;
}

let form;
let n = 0;
let layout = "sections";
let fields = [];

function fieldEl(i) {
  const f = fields[i];
  const parent = f.section === undefined ? form.shadowRoot : form.shadowRoot.querySelector(`tk-field-section[pointer="/s${f.section}"]`)?.shadowRoot;
  return parent?.querySelector(`[pointer="${f.pointer}"]`) ?? undefined;
}
function inputOf(i) {
  return fieldEl(i)?.shadowRoot?.querySelector("input") ?? undefined;
}
/** The field elements rendered: the form's own, and those of its sections (not the sections). */
function fieldElements() {
  const out = [];
  for (const el of form.shadowRoot.querySelectorAll("[pointer]")) {
    if (el.localName === "tk-field-section") out.push(...(el.shadowRoot?.querySelectorAll("[pointer]") ?? []));
    else out.push(el);
  }
  return out;
}
function countDeep(selector) {
  let count = 0;
  for (const field of fieldElements()) if (field.shadowRoot?.querySelector(selector)) count++;
  return count;
}

async function settleAll() {
  await form.form?.settled();
  await form.updateComplete;
  await nextFrame();
  await nextFrame();
}

window.bench = {
  kind: "tk-form",

  /**
   * Mounts a <tk-form> of `size` fields in `layout`. Times to the first frame after every input is in
   * the DOM. The procedure is ready before the clock starts: the document generated (run-time path),
   * or the compiled module imported (compiled path; `importMs` says how long that took, cached on a
   * second mount in the same page).
   */
  async mount(size, layoutName = "sections") {
    n = size;
    layout = layoutName;
    fields = fieldsOf(n, layout);
    const i0 = now();
    const procedure = await procedureInput(n, layout, compiled ? "compiled" : "runtime");
    const importMs = compiled ? now() - i0 : NaN;
    await nextFrame();
    renders = [];
    const t0 = now();
    form = document.createElement("tk-form");
    form.procedure = procedure;
    host.append(form);
    await until(() => form.form || form.shadowRoot?.querySelector("[role=alert]"), 60000, "the form to load");
    if (!form.form) throw new Error(`tk-form: the form did not load: ${form.shadowRoot.querySelector("[role=alert]")?.textContent?.trim()}`);
    await form.updateComplete;
    const domAt = now();
    let frame = await nextFrame();
    // Check, untimed, that every input really was there; if not, wait for them and time that instead.
    let late = false;
    if (countDeep("input") !== n) {
      late = true;
      await until(() => countDeep("input") === n, 60000, "every input");
      frame = await nextFrame();
    }
    await form.ready();
    const interactiveAt = now();
    if (countDeep("input") !== n) throw new Error(`tk-form: ${countDeep("input")} inputs, expected ${n}`);
    const sections = form.shadowRoot.querySelectorAll("tk-field-section").length;
    if (sections !== (layout === "flat" ? 0 : Math.ceil(n / SECTION_SIZE))) throw new Error(`tk-form: ${sections} sections in the ${layout} layout`);
    const mountRenders = renders.length;
    return {
      domMs: domAt - t0,
      rafMs: frame.rafAt - t0,
      ms: frame.paintedAt - t0,
      readyMs: interactiveAt - t0,
      importMs,
      late,
      renders: mountRenders,
      resources: distResources(interactiveAt),
    };
  },

  /** Every file fetched from /dist/ since the page opened. */
  resources() {
    return distResources();
  },

  unmount() {
    form?.remove();
    form = undefined;
  },

  /**
   * The core alone, in a page that has not mounted anything: load + createForm + settled. `path`
   * "runtime": loadProcedure of the document; "compiled": loadCompiled of the compiled procedure
   * (its module imported before the clock). dist/tokhai.js does not export the core, so run.mjs
   * bundles it (same plugins) into .cache/.
   */
  async coreLoad(size, layoutName = "sections", path = "runtime") {
    const tokhai = await import("./.cache/core.js");
    const input = await procedureInput(size, layoutName, path);
    const t0 = now();
    const procedure = path === "compiled" ? tokhai.loadCompiled(input) : await tokhai.loadProcedure(input);
    const t1 = now();
    const model = tokhai.createForm(procedure, {});
    await model.settled();
    return { loadMs: t1 - t0, createMs: now() - t1 };
  },

  /** Imports the separately bundled core (for a heap baseline before `coreOnly`). */
  async importCore() {
    await import("./.cache/core.js");
  },

  /** A loaded procedure and a settled core form, kept alive, no elements: the core's share of the heap. */
  async coreOnly(size, layoutName = "sections", path = "runtime") {
    const tokhai = await import("./.cache/core.js");
    const input = await procedureInput(size, layoutName, path);
    const procedure = path === "compiled" ? tokhai.loadCompiled(input) : await tokhai.loadProcedure(input);
    const model = tokhai.createForm(procedure, {});
    await model.settled();
    window.keepAlive = model;
  },

  /**
   * One character typed into the key field. `ms`: to the frame after the state has it. `workMs`
   * (separate keystroke): to the end of the field's update plus a forced style and layout, no frame.
   */
  async keystroke(i) {
    const index = keyFieldIndex(n);
    const pointer = fields[index].pointer;
    const input = inputOf(index);
    const ch = String.fromCharCode(97 + (i % 26));
    input.scrollIntoView({ block: "center" }); // on screen, as a field being typed in is
    await settleAll();
    renders = [];
    let expected = input.value + ch;
    const t0 = now();
    typeInto(input, expected, ch);
    if (form.form.get(pointer) !== expected) throw new Error(`tk-form: ${pointer} is ${form.form.get(pointer)}, expected ${expected}`);
    const frame = await nextFrame();
    await settleAll();
    const rendered = [...renders];
    // The same, without waiting for a frame: script + style + layout.
    expected = input.value + ch;
    const el = fieldEl(index);
    const w0 = now();
    typeInto(input, expected, ch);
    await el.updateComplete;
    forceLayout();
    const workMs = now() - w0;
    await settleAll();
    if (input.value !== expected) throw new Error("tk-form: the input lost its value");
    return { ms: frame.paintedAt - t0, rafMs: frame.rafAt - t0, workMs, rendered, field: pointer, dependent: fields[index + 1].pointer };
  },

  /** Types "hide" into the key field (its dependent hides), then "x" (it shows again). */
  async condition() {
    const index = keyFieldIndex(n);
    const input = inputOf(index);
    const dep = fieldEl(index + 1);
    input.scrollIntoView({ block: "center" });
    await settleAll();
    let t0 = now();
    typeInto(input, "hide", "e");
    await until(() => dep.hasAttribute("hidden"), 20000, "the dependent to hide");
    let frame = await nextFrame();
    const hideMs = frame.paintedAt - t0;
    if (dep.checkVisibility()) throw new Error("tk-form: dependent still displayed");
    await settleAll();
    t0 = now();
    typeInto(input, "x", "x");
    await until(() => !dep.hasAttribute("hidden") && dep.shadowRoot.querySelector("input"), 20000, "the dependent to show");
    frame = await nextFrame();
    const showMs = frame.paintedAt - t0;
    if (!dep.checkVisibility() || !dep.shadowRoot.querySelector("input").checkVisibility()) throw new Error("tk-form: dependent not displayed");
    typeInto(input, "", null);
    await settleAll();
    return { hideMs, showMs };
  },

  /** form.validate() on the empty form: every field is required, so every field gets an error. */
  async validateAll() {
    const index = keyFieldIndex(n);
    typeInto(inputOf(index), "", null);
    await settleAll();
    const t0 = now();
    const errors = await form.validate();
    let frame = await nextFrame();
    let late = false;
    const shown = () => countDeep("#error") === n && form.shadowRoot.querySelectorAll(".summary li").length === n;
    if (!shown()) {
      late = true;
      await until(shown, 20000, "the errors");
      frame = await nextFrame();
    }
    return { ms: frame.paintedAt - t0, rafMs: frame.rafAt - t0, errors: errors.length, late };
  },
};
window.benchReady = true;
