// Hand-written plain-DOM side of the browser benchmark: the same fields as the <tk-form> page, built
// with DOM calls in a <div> (no framework, no shadow DOM), driven by run.mjs through `window.bench`.
// Two layouts, as procedure.mjs describes them: "sections" (a fieldset with a legend per 20 fields) and
// "flat" (every field directly in the form). What it does, as a careful hand-written page would: labels, hints and errors tied to the inputs
// with aria-describedby, a required mark, conditional fields toggled by an input listener, an error
// summary with links, and validation that writes the messages into the DOM and stays live after the
// first validation.
import { fieldsOf, keyFieldIndex, MAX_LENGTH, REQUIRED_MESSAGE, SECTION_SIZE, sectionTitle } from "./procedure.mjs";
import { forceLayout, nextFrame, now, typeInto, until } from "./common.mjs";

const host = document.getElementById("host");

let root;
let summary;
let n = 0;
let layout = "sections";
let fields = [];
let inputs = [];
let wrappers = [];
let errorEls = [];
let dependents = new Map(); // index → indices it shows or hides
let live = false; // validation shown: errors follow the values from then on

function errorFor(i) {
  const value = inputs[i].value;
  if (value === "") return REQUIRED_MESSAGE;
  if (value.length > MAX_LENGTH) return `Không được dài quá ${MAX_LENGTH} ký tự`;
  return undefined;
}

function showError(i, message) {
  const input = inputs[i];
  const name = fields[i].name;
  let el = errorEls[i];
  if (message) {
    if (!el) {
      el = document.createElement("p");
      el.className = "error";
      el.id = `${name}-error`;
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Lỗi:";
      el.append(hidden, " ", "");
      input.before(el);
      errorEls[i] = el;
    }
    el.lastChild.data = message;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${name}-hint ${name}-error`);
    wrappers[i].classList.add("invalid");
  } else if (el) {
    el.remove();
    errorEls[i] = undefined;
    input.setAttribute("aria-invalid", "false");
    input.setAttribute("aria-describedby", `${name}-hint`);
    wrappers[i].classList.remove("invalid");
  }
}

function setVisible(i, visible) {
  if (wrappers[i].hidden === !visible) return;
  wrappers[i].hidden = !visible;
  if (live) showError(i, visible ? errorFor(i) : undefined);
}

function onInput(event) {
  const i = Number(event.target.dataset.i);
  if (Number.isNaN(i)) return;
  for (const d of dependents.get(i) ?? []) setVisible(d, event.target.value !== "hide");
  if (live) showError(i, errorFor(i));
}

function buildField(f) {
  const wrap = document.createElement("div");
  wrap.className = "field";
  const label = document.createElement("label");
  label.className = "label";
  label.htmlFor = f.name;
  const mark = document.createElement("span");
  mark.className = "required-mark";
  mark.textContent = "(bắt buộc)";
  label.append(f.title, " ", mark);
  const hint = document.createElement("p");
  hint.className = "hint";
  hint.id = `${f.name}-hint`;
  hint.textContent = f.hint;
  const input = document.createElement("input");
  input.className = "control";
  input.id = f.name;
  input.name = f.name;
  input.type = "text";
  input.maxLength = MAX_LENGTH;
  input.required = true;
  input.dataset.i = String(f.index);
  input.setAttribute("aria-invalid", "false");
  input.setAttribute("aria-describedby", hint.id);
  wrap.append(label, hint, input);
  wrappers[f.index] = wrap;
  inputs[f.index] = input;
  return wrap;
}

function build() {
  root = document.createElement("div");
  root.className = "form";
  const h1 = document.createElement("h1");
  h1.textContent = `Thủ tục thử nghiệm ${n} trường`;
  summary = document.createElement("div");
  summary.className = "summary";
  summary.setAttribute("role", "alert");
  summary.tabIndex = -1;
  summary.hidden = true;
  const h2 = document.createElement("h2");
  h2.textContent = "Thông tin";
  root.append(h1, summary, h2);
  let fieldset;
  for (const f of fields) {
    if (f.section === undefined) {
      root.append(buildField(f));
    } else {
      if (!fieldset || f.index % SECTION_SIZE === 0) {
        fieldset = document.createElement("fieldset");
        fieldset.className = "field section";
        const legend = document.createElement("legend");
        legend.textContent = sectionTitle(f.section);
        fieldset.append(legend);
        root.append(fieldset);
      }
      fieldset.append(buildField(f));
    }
    if (f.controlledBy !== undefined) {
      const list = dependents.get(f.controlledBy) ?? [];
      list.push(f.index);
      dependents.set(f.controlledBy, list);
    }
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button primary";
  button.textContent = "Xem lại";
  root.append(button);
  root.addEventListener("input", onInput);
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      validateAll();
    }
  });
  host.append(root);
}

function validateAll() {
  live = true;
  const errors = [];
  for (let i = 0; i < n; i++) {
    const message = wrappers[i].hidden ? undefined : errorFor(i);
    showError(i, message);
    if (message) errors.push({ i, message });
  }
  const h2 = document.createElement("h2");
  h2.textContent = "Có lỗi cần sửa";
  const ul = document.createElement("ul");
  for (const { i, message } of errors) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `#${fields[i].name}`;
    a.textContent = `${fields[i].title}: ${message}`;
    li.append(a);
    ul.append(li);
  }
  summary.replaceChildren(h2, ul);
  summary.hidden = errors.length === 0;
  if (errors.length) summary.focus();
  return errors;
}

async function idle() {
  await nextFrame();
  await nextFrame();
}

window.bench = {
  kind: "plain",

  /** Builds the page's `size` fields in `layout` ("flat" or "sections"). */
  async mount(size, layoutName = "sections") {
    n = size;
    layout = layoutName;
    fields = fieldsOf(n, layout);
    inputs = [];
    wrappers = [];
    errorEls = [];
    dependents = new Map();
    live = false;
    await nextFrame();
    const t0 = now();
    build();
    const domAt = now();
    const frame = await nextFrame();
    if (root.querySelectorAll("input").length !== n) throw new Error("plain: missing inputs");
    if (root.querySelectorAll("fieldset").length !== (layout === "flat" ? 0 : Math.ceil(n / SECTION_SIZE))) throw new Error(`plain: wrong fieldsets for the ${layout} layout`);
    return { domMs: domAt - t0, rafMs: frame.rafAt - t0, ms: frame.paintedAt - t0, late: false, renders: 0 };
  },

  unmount() {
    root?.remove();
    root = undefined;
  },

  async keystroke(i) {
    const index = keyFieldIndex(n);
    const input = inputs[index];
    const ch = String.fromCharCode(97 + (i % 26));
    input.scrollIntoView({ block: "center" }); // on screen, as a field being typed in is
    await idle();
    let expected = input.value + ch;
    const t0 = now();
    typeInto(input, expected, ch);
    const frame = await nextFrame();
    await idle();
    expected = input.value + ch;
    const w0 = now();
    typeInto(input, expected, ch);
    forceLayout();
    const workMs = now() - w0;
    await idle();
    return { ms: frame.paintedAt - t0, rafMs: frame.rafAt - t0, workMs, rendered: [], field: fields[index].name };
  },

  async condition() {
    const index = keyFieldIndex(n);
    const input = inputs[index];
    const dep = wrappers[index + 1];
    input.scrollIntoView({ block: "center" });
    await idle();
    let t0 = now();
    typeInto(input, "hide", "e");
    await until(() => dep.hidden, 20000, "the dependent to hide");
    let frame = await nextFrame();
    const hideMs = frame.paintedAt - t0;
    if (dep.checkVisibility()) throw new Error("plain: dependent still displayed");
    await idle();
    t0 = now();
    typeInto(input, "x", "x");
    await until(() => !dep.hidden, 20000, "the dependent to show");
    frame = await nextFrame();
    const showMs = frame.paintedAt - t0;
    if (!dep.checkVisibility()) throw new Error("plain: dependent not displayed");
    typeInto(input, "", null);
    await idle();
    return { hideMs, showMs };
  },

  async validateAll() {
    typeInto(inputs[keyFieldIndex(n)], "", null);
    await idle();
    const t0 = now();
    const errors = validateAll();
    const frame = await nextFrame();
    if (root.querySelectorAll(".field .error").length !== n || summary.querySelectorAll("li").length !== n) throw new Error("plain: errors missing");
    return { ms: frame.paintedAt - t0, rafMs: frame.rafAt - t0, errors: errors.length, late: false };
  },
};
window.benchReady = true;
