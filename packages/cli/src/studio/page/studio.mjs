// The studio page: the procedure's JSON in CodeMirror 6 (completion and hover from the procedure
// meta-schema), the problems of `tokhai check` from the server at their places as you type, a live
// <tk-form> preview for a chosen citizen that keeps what was typed in it, a language switch, and
// saving back to the file. Unsaved text is kept in localStorage until the file on disk has it.
// Every text from a file or the server is set as text (textContent, option labels), never as HTML.
import { basicSetup, EditorView } from "codemirror";
import { json, jsonLanguage } from "@codemirror/lang-json";
import { linter, forceLinting } from "@codemirror/lint";
import { EditorState, Compartment } from "@codemirror/state";
import { hoverTooltip, keymap } from "@codemirror/view";
import { jsonCompletion, jsonPointerForPosition, jsonSchemaHover, stateExtensions } from "codemirror-json-schema";
import { MESSAGES } from "./messages.mjs";

/** How long typing pauses before the text is checked. */
const CHECK_DELAY = 400;
const UNSAVED = "tokhai-studio:unsaved:";
const CHOICES = "tokhai-studio:choices";

const $ = (id) => document.getElementById(id);
const ui = {
  procedure: $("procedure"), persona: $("persona"), locale: $("locale"), save: $("save"), status: $("status"), alert: $("alert"),
  sources: $("sources"), editor: $("editor"), problems: $("problems"), summary: $("problems-summary"), preview: $("preview"), note: $("preview-note"),
  blocks: $("blocks-info"),
  generated: $("generated"),
};

const state = {
  locale: "vi",
  listing: { procedures: [], blocks: [], contexts: [], data: [] },
  /** The last check's answer beyond its problems: kind (procedure or block), the blocks it uses or the procedures using it. */
  checked: undefined,
  path: "",
  /** The text as it is on disk (last read or saved). */
  saved: "",
  /** The last document that loaded without errors, and the context given to the preview. */
  previewed: undefined,
  problems: [],
  /** A message that stays in the status until the text is edited (the unsaved text restored). */
  notice: undefined,
  choices: readChoices(),
  /** For each source, the data file it defaults to while none is chosen (the first that fits its schema), and for which sources. */
  sourceDefaults: {},
  sourceDefaultsOf: undefined,
  files: new Map(),
};

function t(key, params = {}) {
  const text = MESSAGES[state.locale]?.[key] ?? MESSAGES.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

function readChoices() {
  try {
    return JSON.parse(localStorage.getItem(CHOICES) ?? "{}") ?? {};
  } catch {
    return {};
  }
}
function keepChoices() {
  try {
    localStorage.setItem(CHOICES, JSON.stringify(state.choices));
  } catch {}
}

/** The studio's server, answering JSON; unreachable and refused are told apart. */
class Unreachable extends Error {}
async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, { method, body, headers: body === undefined ? {} : { "content-type": "text/plain; charset=utf-8" } });
  } catch {
    throw new Unreachable();
  }
  let value;
  try {
    value = await res.json();
  } catch {
    throw new Error(`${res.status}`);
  }
  if (!res.ok) throw new Error(value?.error?.message ?? String(res.status));
  return value;
}

function say(text) {
  ui.status.textContent = text;
}
function alertUser(text) {
  ui.alert.textContent = text;
  ui.alert.hidden = !text;
}
function failed(error, fallback) {
  alertUser(error instanceof Unreachable ? t("unreachable") : fallback ?? t("serverError", { message: error.message }));
}

// ---------------------------------------------------------------------------------------------
// The editor

const labelled = new Compartment();
let view;

function createEditor(schema) {
  view = new EditorView({
    parent: ui.editor,
    state: EditorState.create({
      doc: "",
      extensions: [
        basicSetup,
        json(),
        jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
        hoverTooltip(jsonSchemaHover()),
        stateExtensions(schema),
        linter(checkSource, { delay: CHECK_DELAY }),
        keymap.of([{ key: "Mod-s", preventDefault: true, run: () => (save(), true) }]),
        labelled.of(editorLabel()),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) keepUnsaved();
          if (update.selectionSet || update.docChanged) scheduleDependencies();
        }),
      ],
    }),
  });
}

function editorLabel() {
  // tabindex: axe counts a contenteditable as keyboard-reachable only with one (scrollable-region-focusable).
  const block = state.listing.blocks?.some((b) => b.path === state.path);
  return EditorView.contentAttributes.of({ "aria-label": t(block ? "editorLabelBlock" : "editorLabel", { file: state.path }), tabindex: "0" });
}

const text = () => view.state.doc.toString();

/** The end of the token a problem starts at: a string literal, a word, or one character. */
function tokenEnd(doc, from) {
  const line = doc.lineAt(Math.min(from, doc.length));
  const rest = doc.sliceString(from, line.to);
  const string = /^"(?:[^"\\]|\\.)*"/.exec(rest);
  if (string) return from + string[0].length;
  const word = /^[\w$.-]+/.exec(rest);
  if (word) return from + word[0].length;
  return Math.min(from + 1, doc.length);
}

async function checkSource(editor) {
  const doc = editor.state.doc;
  const body = doc.toString();
  say(t("checking"));
  let answer;
  try {
    answer = await api("POST", `/api/check?path=${encodeURIComponent(state.path)}`, body);
  } catch (error) {
    failed(error);
    say("");
    return [];
  }
  alertUser("");
  if (editor.state.doc.toString() !== body) return []; // the text changed meanwhile: the next check says
  state.problems = answer.problems;
  state.checked = answer;
  showProblems();
  showBlocks();
  updatePreview(body, answer);
  sayDirty();
  // Inline: the problems in this file; those in other files (blocks) are in the list, with their file.
  return answer.problems.filter((p) => p.offset !== undefined).map((p) => {
    const from = Math.min(p.offset, doc.length);
    return { from, to: tokenEnd(doc, from), severity: p.severity, message: p.message, source: p.code };
  });
}

function showProblems() {
  const errors = state.problems.filter((p) => p.severity === "error").length;
  ui.summary.textContent = state.problems.length === 0 ? t("noProblems") : t("problemsCount", { errors, warnings: state.problems.length - errors });
  ui.problems.replaceChildren(...state.problems.map((p) => problemItem(p, `${t(p.severity)}: `)));
  if (state.problems.some((p) => p.offset === undefined)) ui.summary.textContent += ` ${t("problemsElsewhere", { count: state.problems.filter((p) => p.offset === undefined).length })}`;
  // The warnings of tokhai check for a text without a translation, on their own.
  const missing = state.problems.filter((p) => p.code === "missing-translation");
  $("translations-summary").textContent = missing.length === 0 ? t("translationsNone") : t("translationsCount", { count: missing.length });
  $("translations").replaceChildren(...missing.map((p) => problemItem(p, "")));
}

/**
 * A problem as a list item whose button puts the cursor on it: in this file, or in the other file it is
 * in (a block), which it opens; with the $refs that reached it from each procedure.
 */
function problemItem(p, prefix) {
  const li = document.createElement("li");
  li.className = p.severity;
  const button = document.createElement("button");
  button.type = "button";
  const here = p.offset !== undefined;
  button.textContent = `${prefix}${t(here ? "goTo" : "goToFile", { file: p.file, line: p.line, column: p.column, message: p.message })}`;
  button.addEventListener("click", async () => {
    if (!here) {
      if (!(await open(p.file))) return;
      ui.procedure.value = p.file;
    }
    const at = here ? Math.min(p.offset, view.state.doc.length) : offsetOfLine(p.line, p.column);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  });
  li.append(button);
  for (const chain of p.via ?? []) {
    const via = document.createElement("span");
    via.className = "via";
    via.textContent = t("via", { chain: chain.join(" → ") });
    li.append(" ", via);
  }
  return li;
}

/** The offset of a 1-based line and column of the editor's text. */
function offsetOfLine(line, column) {
  const doc = view.state.doc;
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  return Math.min(l.from + column - 1, l.to);
}

/** A notice on a document `tokhai bundle` wrote: it is not the one to edit; the one it names is (a button opens it). */
function showGenerated() {
  const g = state.checked?.generated;
  ui.generated.hidden = !g;
  if (!g) return ui.generated.replaceChildren();
  const text = document.createElement("p");
  text.textContent = g.source ? t("generatedFrom", { file: g.source }) : t("generated");
  const parts = [text];
  const listed = g.source && [...state.listing.procedures, ...(state.listing.blocks ?? [])].some((p) => p.path === g.source);
  if (listed) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = t("openSource", { file: g.source });
    button.addEventListener("click", async () => {
      if (await open(g.source)) ui.procedure.value = g.source;
    });
    parts.push(button);
  }
  ui.generated.replaceChildren(...parts);
}

/** Which blocks the procedure uses, or which procedures use the block. */
function showBlocks() {
  showGenerated();
  const heading = $("editor-heading");
  heading.dataset.i18n = state.checked?.kind === "block" ? "editorHeadingBlock" : "editorHeading";
  heading.textContent = t(heading.dataset.i18n);
  const c = state.checked;
  if (!c) return (ui.blocks.textContent = "");
  if (c.kind === "block") ui.blocks.textContent = c.usedBy?.length ? t("blockUsedBy", { files: c.usedBy.join(", ") }) : t("blockUnused");
  else ui.blocks.textContent = c.uses?.length ? t("procedureUses", { files: c.uses.join(", ") }) : "";
}

// ---------------------------------------------------------------------------------------------
// Unsaved text: in localStorage while it differs from the file

function keepUnsaved() {
  state.notice = undefined;
  const now = text();
  try {
    if (now === state.saved) localStorage.removeItem(UNSAVED + state.path);
    else localStorage.setItem(UNSAVED + state.path, now);
  } catch {}
  sayDirty();
}

function sayDirty() {
  if (text() !== state.saved) say(state.notice ?? t("unsaved"));
  else if (ui.status.textContent === t("unsaved") || ui.status.textContent === t("checking")) say("");
}

async function open(path) {
  let file;
  try {
    file = await api("GET", `/api/file?path=${encodeURIComponent(path)}`);
  } catch (error) {
    failed(error, t("loadFailed", { file: path, message: error.message }));
    return false;
  }
  state.path = path;
  state.checked = undefined;
  showBlocks();
  state.saved = file.text;
  state.previewed = undefined;
  const kept = localStorage.getItem(UNSAVED + path);
  const initial = kept !== null && kept !== file.text ? kept : file.text;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: initial }, effects: labelled.reconfigure(editorLabel()) });
  const url = new URL(location.href);
  url.searchParams.set("procedure", path);
  history.replaceState(null, "", url);
  if (initial !== file.text) {
    state.notice = t("restored", { file: path });
    say(state.notice);
  }
  forceLinting(view);
  return true;
}

async function save() {
  const body = text();
  say(t("saving"));
  let answer;
  try {
    answer = await api("PUT", `/api/file?path=${encodeURIComponent(state.path)}`, body);
  } catch (error) {
    failed(error);
    say(t("unsaved"));
    return;
  }
  alertUser("");
  state.saved = body;
  keepUnsaved();
  state.problems = answer.problems;
  showProblems();
  const errors = answer.problems.filter((p) => p.severity === "error").length;
  if (errors > 0) alertUser(t("savedWithProblems", { file: state.path, count: errors }));
  say(t("saved", { file: state.path }));
}

// ---------------------------------------------------------------------------------------------
// The preview

let form;

async function readData(path) {
  if (!path) return undefined;
  if (!state.files.has(path)) {
    const file = await api("GET", `/api/file?path=${encodeURIComponent(path)}`);
    state.files.set(path, JSON.parse(file.text));
  }
  return state.files.get(path);
}

/** The data file of a source: the one the designer chose (even "none"), else the first of the folder that fits its schema. */
function sourceFile(name) {
  const chosen = state.choices[`source:${name}`];
  return chosen !== undefined ? chosen : state.sourceDefaults[name] ?? "";
}

/** Asks the server which data files fit the sources' schemas, when the sources changed. */
async function updateSourceDefaults(procedure) {
  const sources = JSON.stringify(procedure?.sources ?? {});
  if (sources === state.sourceDefaultsOf) return;
  try {
    state.sourceDefaults = (await api("POST", "/api/source-defaults", sources)).defaults;
    state.sourceDefaultsOf = sources;
  } catch (error) {
    failed(error);
  }
}

/** The persona's members, and each source it lacks from the data file chosen for it. */
async function contextFor(procedure) {
  const persona = (await readData(ui.persona.value)) ?? {};
  const context = { ...persona };
  for (const name of Object.keys(procedure?.sources ?? {})) {
    const chosen = sourceFile(name);
    if (!(name in persona) && chosen) context[name] = await readData(chosen);
  }
  return context;
}

/**
 * The preview's lookups, answered by the server from the registers file chosen (records by lookup and
 * input, as `tokhai validate --lookups`); none chosen: not found.
 */
async function lookUp(name, input, { signal }) {
  const registers = state.choices.registers;
  if (!registers) return undefined;
  const query = new URLSearchParams({ registers, name });
  const res = await fetch(`/api/lookup?${query}`, { method: "POST", body: JSON.stringify(input ?? null), signal, headers: { "content-type": "application/json" } });
  const answer = await res.json();
  if (!res.ok) throw new Error(answer?.error?.message ?? String(res.status));
  return answer.found ? answer.record : undefined;
}

/** A select of the folder's data files, with "none" first. */
function fileSelect(id, label, value, onChange) {
  const row = document.createElement("p");
  const l = document.createElement("label");
  l.htmlFor = id;
  l.textContent = label;
  const select = document.createElement("select");
  select.id = id;
  select.append(new Option(t("sourceNone"), ""), ...state.listing.data.map((d) => new Option(d.path, d.path)));
  select.value = value;
  select.addEventListener("change", () => onChange(select.value));
  row.append(l, " ", select);
  return row;
}

/** A select for each source of the procedure that the persona does not give (a catalogue), and one for the registers its lookups read. */
function showSourceChoices(procedure, persona) {
  const missing = Object.keys(procedure?.sources ?? {}).filter((name) => !(name in (persona ?? {})));
  const registers = procedure?.lookups
    ? [
        fileSelect("registers", t("registersLabel"), state.choices.registers ?? "", (value) => {
          state.choices.registers = value;
          keepChoices();
          refreshPreview();
        }),
      ]
    : [];
  ui.sources.replaceChildren(
    ...registers,
    ...missing.map((name) => {
      const row = document.createElement("p");
      const id = `source-${name}`;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = t("sourceLabel", { name });
      const select = document.createElement("select");
      select.id = id;
      select.append(new Option(t("sourceNone"), ""), ...state.listing.data.map((d) => new Option(d.path, d.path)));
      select.value = sourceFile(name);
      select.addEventListener("change", () => {
        state.choices[`source:${name}`] = select.value;
        keepChoices();
        refreshPreview();
      });
      row.append(label, " ", select);
      return row;
    }),
  );
}

/**
 * The preview loads the document the check answered: the procedure with its blocks bundled in (the
 * browser never reads a block), or for a block the first procedure using it, with the block as typed.
 */
async function updatePreview(body, answer) {
  const errors = state.problems.some((p) => p.severity === "error");
  if (errors || !answer.document) {
    ui.note.textContent = errors ? (state.previewed ? t("previewStale") : t("previewNone")) : answer.kind === "block" ? t("previewNoProcedure") : "";
    return;
  }
  state.previewed = answer.document;
  // The report and the dependencies: of the text with its path (blocks read by the server), or of the bundled document for a block.
  state.previewText = answer.kind === "block" ? JSON.stringify(answer.document) : body;
  state.previewPath = answer.kind === "block" ? answer.previewOf : state.path;
  await refreshPreview();
}

async function refreshPreview() {
  const procedure = state.previewed;
  if (!procedure) return;
  await updateSourceDefaults(procedure);
  let context;
  try {
    context = await contextFor(procedure);
  } catch (error) {
    failed(error);
    return;
  }
  showSourceChoices(procedure, await readData(ui.persona.value).catch(() => undefined));
  const of = state.checked?.kind === "block" ? t("previewOf", { file: state.previewPath }) : "";
  ui.note.textContent = [of, procedure.lookups && !state.choices.registers ? t("previewLookups") : ""].filter(Boolean).join(" ");
  if (!form) {
    form = document.createElement("tk-form");
    form.lookup = lookUp;
    ui.preview.append(form);
  }
  // What was typed in the preview comes back where its fields still exist (core drops the rest).
  const draft = form.form?.draft();
  form.locale = state.locale;
  form.context = context;
  form.draft = draft;
  form.procedure = procedure;
  await Promise.all([updateStats(), updateDependencies()]);
}

// ---------------------------------------------------------------------------------------------
// Dependencies of the field at the cursor

async function updateDependencies() {
  try {
    state.deps = (await api("POST", `/api/dependencies?path=${encodeURIComponent(state.previewPath)}`, state.previewText)).fields;
  } catch (error) {
    failed(error);
    return;
  }
  showDependencies();
}

let depsTimer;
function scheduleDependencies() {
  clearTimeout(depsTimer);
  depsTimer = setTimeout(showDependencies, 150);
}

/** The field whose schema holds the cursor: the longest schema pointer that is a prefix of the cursor's. */
function fieldAtCursor() {
  if (!state.deps || !view) return undefined;
  let pointer;
  try {
    pointer = jsonPointerForPosition(view.state, view.state.selection.main.head, 1, "json4");
  } catch {
    return undefined;
  }
  // In a block, its fields' schemas are under the previewed procedure's $defs: the block's "/schema" is there.
  const key = state.checked?.kind === "block" ? state.checked.blockKey : undefined;
  const inBlock = key ? `/schema/$defs/${key}` : undefined;
  const here = (f) => (inBlock === undefined ? f.schemaPointer : f.schemaPointer === inBlock || f.schemaPointer.startsWith(`${inBlock}/`) ? `/schema${f.schemaPointer.slice(inBlock.length)}` : undefined);
  let best;
  let bestAt;
  for (const f of state.deps) {
    const at = here(f);
    if (at !== undefined && (pointer === at || pointer.startsWith(`${at}/`)) && (!best || at.length > bestAt.length)) [best, bestAt] = [f, at];
  }
  return best;
}

function showDependencies() {
  const field = fieldAtCursor();
  const item = (text) => Object.assign(document.createElement("li"), { textContent: text });
  const none = () => [item(t("depsNothing"))];
  $("deps-field").textContent = field ? t("depsField", { pointer: field.pointer }) : t("depsNone");
  const uses = field ? field.uses.map((u) => item(`${u.keyword}: ${[...u.fields, ...u.sources].join(", ") || "—"}`)) : [];
  const usedBy = field ? field.usedBy.map((u) => item(`${u.pointer || "/"} (${u.keyword})`)) : [];
  $("deps-uses").replaceChildren(...(field && uses.length === 0 ? none() : uses));
  $("deps-usedby").replaceChildren(...(field && usedBy.length === 0 ? none() : usedBy));
}

/** The query naming the context: the persona file, and a data file for each source it lacks. */
function contextQuery(procedure) {
  const query = new URLSearchParams();
  query.set("path", state.previewPath);
  if (ui.persona.value) query.set("context", ui.persona.value);
  const persona = state.files.get(ui.persona.value) ?? {};
  for (const name of Object.keys(procedure?.sources ?? {})) {
    const chosen = sourceFile(name);
    if (!(name in persona) && chosen) query.append("source", `${name}:${chosen}`);
  }
  return query;
}

let statsToken = 0;
async function updateStats() {
  const token = ++statsToken;
  let report;
  try {
    report = await api("POST", `/api/stats?${contextQuery(state.previewed)}`, state.previewText);
  } catch (error) {
    if (token === statsToken) failed(error);
    return;
  }
  if (token !== statsToken) return;
  state.stats = report;
  showStats();
}

function showStats() {
  const report = state.stats;
  const table = $("stats");
  if (!report) return;
  const row = (title, c) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = title;
    const cells = [c.fields - c.hidden, c.locked + c.editable + c.lookedUp, c.computed, `${c.typed} (${c.typedPercent} %)`];
    tr.append(th, ...cells.map((v) => Object.assign(document.createElement("td"), { textContent: String(v) })));
    return tr;
  };
  const persona = ui.persona.selectedOptions[0]?.value ? ui.persona.selectedOptions[0].textContent : t("statsNoPersona");
  const { total } = report;
  $("stats-caption").textContent = t("statsCaption", { persona, typed: total.typed, shown: total.fields - total.hidden, percent: total.typedPercent });
  $("stats-body").replaceChildren(...report.steps.map((s) => row(typeof s.title === "string" ? s.title : s.id, s)), row(t("statsTotal"), total));
  table.hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Language

function applyLocale() {
  document.documentElement.lang = state.locale;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  ui.persona.options[0] && (ui.persona.options[0].textContent = t("noPersona"));
  if (view) view.dispatch({ effects: labelled.reconfigure(editorLabel()) });
  showProblems();
  if (form) form.locale = state.locale;
  if (state.previewed) showSourceChoices(state.previewed, state.files.get(ui.persona.value));
  showBlocks();
  const group = ui.procedure.querySelector("optgroup");
  if (group) group.label = t("blocksGroup");
  showStats();
  showDependencies();
}

// ---------------------------------------------------------------------------------------------

async function start() {
  const url = new URL(location.href);
  state.locale = url.searchParams.get("lang") === "en" ? "en" : localStorage.getItem("tokhai-studio:locale") === "en" ? "en" : "vi";
  ui.locale.value = state.locale;
  applyLocale();
  // Listening at once: a language chosen while the listing loads is not lost.
  ui.locale.addEventListener("change", () => {
    state.locale = ui.locale.value;
    try {
      localStorage.setItem("tokhai-studio:locale", state.locale);
    } catch {}
    applyLocale();
  });
  let schema;
  try {
    [state.listing, schema] = await Promise.all([api("GET", "/api/files"), api("GET", "/api/schema")]);
  } catch (error) {
    failed(error);
    return;
  }
  createEditor(schema);
  const entry = (p) => new Option(p.title ? `${p.title} (${p.path})` : p.path, p.path);
  ui.procedure.append(...state.listing.procedures.map(entry));
  if (state.listing.blocks?.length) {
    const group = document.createElement("optgroup");
    group.label = t("blocksGroup");
    group.append(...state.listing.blocks.map(entry));
    ui.procedure.append(group);
  }
  ui.persona.append(new Option(t("noPersona"), ""), ...state.listing.contexts.map((c) => new Option(c.title ? `${c.title} (${c.path})` : c.path, c.path)));
  const persona = url.searchParams.get("persona") ?? state.choices.persona;
  if (persona && state.listing.contexts.some((c) => c.path === persona)) ui.persona.value = persona;
  else if (state.listing.contexts[0]) ui.persona.value = state.listing.contexts[0].path;
  ui.procedure.addEventListener("change", () => open(ui.procedure.value));
  ui.persona.addEventListener("change", () => {
    state.choices.persona = ui.persona.value;
    keepChoices();
    const next = new URL(location.href);
    next.searchParams.set("persona", ui.persona.value);
    history.replaceState(null, "", next);
    refreshPreview();
  });
  ui.save.addEventListener("click", save);
  if (state.listing.procedures.length === 0) {
    alertUser(t("noProcedures"));
    return;
  }
  const wanted = url.searchParams.get("procedure");
  const first = [...state.listing.procedures, ...(state.listing.blocks ?? [])].some((p) => p.path === wanted) ? wanted : state.listing.procedures[0].path;
  ui.procedure.value = first;
  await open(first);
}

start();
