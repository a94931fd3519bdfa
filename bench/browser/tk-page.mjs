// <tk-form> side of the browser benchmark: loaded by tk.html, driven by run.mjs through `window.bench`.
// ?bundle=precompiled: dist/tokhai.precompiled.js, with validators compiled ahead of time by run.mjs.
import { generateProcedure, keyFieldIndex, fieldsOf } from "./procedure.mjs";
import { nextFrame, now, typeInto, until, forceLayout } from "./common.mjs";

const precompiled = new URLSearchParams(location.search).get("bundle") === "precompiled";
await import(precompiled ? "/dist/tokhai.precompiled.js" : "/dist/tokhai.js");

const host = document.getElementById("host");

// Count lit updates: `updated()` runs once after every render of an element.
let renders = [];
for (const tag of ["tk-form", "tk-field-section", "tk-field-text"]) {
  const proto = customElements.get(tag).prototype;
  const original = proto.updated;
  proto.updated = function (...args) {
    renders.push(this.pointer ?? tag);
    return original.apply(this, args);
  };
}

let form;
let n = 0;
let fields = [];

function sectionEl(k) {
  return form.shadowRoot.querySelector(`tk-field-section[pointer="/s${k}"]`);
}
function fieldEl(i) {
  const f = fields[i];
  return sectionEl(f.section)?.shadowRoot?.querySelector(`[pointer="${f.pointer}"]`) ?? undefined;
}
function inputOf(i) {
  return fieldEl(i)?.shadowRoot?.querySelector("input") ?? undefined;
}
function countDeep(selector) {
  let count = 0;
  for (const section of form.shadowRoot.querySelectorAll("tk-field-section")) {
    for (const field of section.shadowRoot?.querySelectorAll("[pointer]") ?? []) {
      if (field.shadowRoot?.querySelector(selector)) count++;
    }
  }
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

  /** Mounts a <tk-form> of `size` fields. Times to the first frame after every input is in the DOM. */
  async mount(size) {
    n = size;
    fields = fieldsOf(n);
    const doc = generateProcedure(n);
    let validators;
    if (precompiled) {
      const mod = await import(`./.cache/validators-${n}.js`);
      validators = { data: mod.default ?? mod.validate };
    }
    await nextFrame();
    renders = [];
    const t0 = now();
    form = document.createElement("tk-form");
    if (validators) form.validators = validators;
    form.procedure = doc;
    host.append(form);
    await until(() => form.form || form.shadowRoot?.querySelector("[role=alert]"), 60000, "the form to load");
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
    if (countDeep("input") !== n) throw new Error(`tk-form: ${countDeep("input")} inputs, expected ${n}`);
    const mountRenders = renders.length;
    return { domMs: domAt - t0, rafMs: frame.rafAt - t0, ms: frame.paintedAt - t0, late, renders: mountRenders };
  },

  unmount() {
    form?.remove();
    form = undefined;
  },

  /**
   * The core alone, in a page that has not mounted anything: loadProcedure + createForm + settled.
   * dist/tokhai.js does not export the core, so run.mjs bundles it (same plugins) into .cache/.
   */
  async coreLoad(size) {
    const tokhai = await import("./.cache/core.js");
    const doc = generateProcedure(size);
    const t0 = now();
    const procedure = await tokhai.loadProcedure(doc);
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
  async coreOnly(size) {
    const tokhai = await import("./.cache/core.js");
    const procedure = await tokhai.loadProcedure(generateProcedure(size));
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
