// The example portal: a plain page, no framework. It lets a visitor choose a procedure, a signed-in
// citizen (a persona of examples/data) and a language; hands <tk-form> the procedure compiled by
// `tokhai compile` (so nothing is parsed, checked or compiled in the browser, the bundle is the small
// one, and the page runs under `Content-Security-Policy: script-src 'self'`) and the citizen's data;
// answers the form's lookups in registers (the other party of a marriage, a business name) through the
// example back end (`GET /api/lookups/<name>`); and, on submit, shows the envelope with the provenance of
// every value and posts it to the example back end, which re-validates it and answers 201 with a
// receipt (200 with the same receipt when the same declaration is sent again), 409 when its reference is
// already used by another declaration, 422, or 503 when a register could not be reached to verify it. The
// receipt offers the declaration as a document: a PDF to download, an HTML page to print. A procedure that
// asks for a signature is signed by a stand-in for the citizen's electronic identity (signing.js).
//
// The state lives in the address (?procedure=…&persona=…&lang=…&layout=…), so a page can be linked to.
// The bundle defines the elements, and exports tokhai's formatter, which the provenance table uses too.
import { formatDate, formatNumber, formatYearMonth } from "/dist/tokhai.precompiled.js";
import { standInSigner } from "/signing.js";

/** The portal's own words (the form's come from tokhai and the procedure). */
const TEXT = {
  vi: {
    title: "Cổng dịch vụ công (ví dụ) — tokhai",
    skip: "Đến biểu mẫu",
    brand: "Cổng dịch vụ công — ví dụ tokhai",
    notice: "Trang minh hoạ: mọi công dân và dữ liệu ở đây đều là giả lập.",
    controls: "Thủ tục và người khai",
    procedure: "Thủ tục",
    persona: "Công dân đăng nhập (giả lập)",
    language: "Ngôn ngữ",
    layout: "Cách trình bày",
    layoutSteps: "Từng bước",
    layoutTasks: "Danh sách các phần",
    loading: "Đang tải biểu mẫu…",
    loadFailed: "Không tải được biểu mẫu: {message}",
    result: "Kết quả nộp hồ sơ",
    sending: "Đang gửi hồ sơ đến máy chủ…",
    accepted: "Máy chủ đã tiếp nhận hồ sơ (HTTP {status}).",
    repeated: "Hồ sơ này đã được tiếp nhận từ trước (HTTP {status}); đây là biên nhận của lần nộp đó, không có hồ sơ thứ hai.",
    conflict: "Máy chủ từ chối hồ sơ (HTTP {status}): mã hồ sơ này đã dùng cho một tờ khai khác.",
    receipt: "Biên nhận",
    reference: "Mã hồ sơ",
    receivedAt: "Thời điểm tiếp nhận",
    digest: "Mã băm tờ khai",
    signedBy: "Người ký",
    notSigned: "Tờ khai không được ký số.",
    downloadPdf: "Tải tờ khai (PDF)",
    viewHtml: "Xem tờ khai (HTML)",
    print: "In tờ khai",
    resend: "Gửi lại hồ sơ",
    resendHint: "Hồ sơ được gửi lại với cùng mã hồ sơ (tờ khai cần ký số thì được ký lại): nếu máy chủ đã nhận được lần trước, sẽ không có hồ sơ thứ hai.",
    refused: "Máy chủ từ chối hồ sơ (HTTP {status}):",
    unavailable: "Máy chủ chưa kiểm tra được hồ sơ vì chưa kết nối được với cơ sở dữ liệu cần tra cứu (HTTP {status}). Hồ sơ chưa được tiếp nhận; hãy gửi lại sau.",
    unreachable: "Không gửi được hồ sơ: {message}",
    provenance: "Nguồn gốc từng giá trị",
    provenanceCaption: "Mỗi giá trị trong hồ sơ và nơi nó đến từ",
    field: "Trường",
    value: "Giá trị",
    source: "Nguồn",
    verified: "Đã xác thực — {source}",
    prefilled: "Điền sẵn — {source}",
    edited: "Điền sẵn, công dân đã sửa — {source}",
    user: "Công dân nhập",
    computed: "Tự tính",
    default: "Giá trị mặc định",
    defaultEdited: "Công dân đổi giá trị mặc định",
    attachments: "Tệp đính kèm",
    attachmentsNote: "Hồ sơ chỉ mang thông tin của tệp; cổng tải nội dung tệp lên riêng.",
    bytes: "{size} byte",
    fileParts: { name: "tên tệp", type: "loại tệp", size: "dung lượng" },
    envelope: "Hồ sơ gửi đi (JSON)",
    again: "Khai hồ sơ mới",
    footer: "Biểu mẫu do <tk-form> hiển thị; máy chủ ví dụ kiểm tra lại hồ sơ bằng cùng một lõi.",
    yes: "Có",
    no: "Không",
    personas: {
      "nguyen-van-an": "Đủ dữ liệu: đã kết hôn, có con, có giấy phép lái xe và hộ kinh doanh.",
      "le-thi-mai": "Độc thân, thường trú ở Đà Nẵng, tạm trú ở Thành phố Hồ Chí Minh.",
      "pham-quoc-huy": "Thiếu dữ liệu: không có số điện thoại, chưa có vợ, chưa có giấy phép lái xe.",
    },
  },
  en: {
    title: "Public services portal (example) — tokhai",
    skip: "Skip to the form",
    brand: "Public services portal — tokhai example",
    notice: "Demonstration page: every citizen and all data here are invented.",
    controls: "Procedure and citizen",
    procedure: "Procedure",
    persona: "Signed-in citizen (simulated)",
    language: "Language",
    layout: "Layout",
    layoutSteps: "Step by step",
    layoutTasks: "Task list",
    loading: "Loading the form…",
    loadFailed: "The form could not be loaded: {message}",
    result: "Submission result",
    sending: "Sending the submission to the back end…",
    accepted: "The back end accepted the submission (HTTP {status}).",
    repeated: "This submission had already been received (HTTP {status}); this is the receipt of that submission, and no second one was stored.",
    conflict: "The back end refused the submission (HTTP {status}): its reference is already used by another declaration.",
    receipt: "Receipt",
    reference: "Reference",
    receivedAt: "Received",
    digest: "Declaration digest",
    signedBy: "Signed by",
    notSigned: "The declaration is not digitally signed.",
    downloadPdf: "Download the declaration (PDF)",
    viewHtml: "View the declaration (HTML)",
    print: "Print the declaration",
    resend: "Send it again",
    resendHint: "The declaration is sent again under the same reference (signed again if it needs a signature): if the back end did receive it before, no second one is stored.",
    refused: "The back end refused the submission (HTTP {status}):",
    unavailable: "The back end could not verify the submission because a register it looks up could not be reached (HTTP {status}). It was not accepted; send it again later.",
    unreachable: "The submission could not be sent: {message}",
    provenance: "Where each value comes from",
    provenanceCaption: "Every value of the submission and its origin",
    field: "Field",
    value: "Value",
    source: "Source",
    verified: "Verified — {source}",
    prefilled: "Prefilled — {source}",
    edited: "Prefilled, edited by the citizen — {source}",
    user: "Typed by the citizen",
    computed: "Computed",
    default: "Default value",
    defaultEdited: "Default value changed by the citizen",
    attachments: "Attachments",
    attachmentsNote: "The envelope carries each file's metadata; the portal uploads the bytes separately.",
    bytes: "{size} bytes",
    fileParts: { name: "file name", type: "file type", size: "size" },
    envelope: "Submission envelope (JSON)",
    again: "Start a new declaration",
    footer: "The form is rendered by <tk-form>; the example back end re-validates the submission with the same core.",
    yes: "Yes",
    no: "No",
    personas: {
      "nguyen-van-an": "Everything on record: married, with children, a driving licence and a business household.",
      "le-thi-mai": "Single, permanent resident of Đà Nẵng, staying temporarily in Hồ Chí Minh City.",
      "pham-quoc-huy": "Gaps in the record: no phone number, no spouse, no driving licence.",
    },
  },
};

const $ = (id) => document.getElementById(id);
const form = $("form");
const controls = { procedure: $("procedure"), persona: $("persona"), locale: $("locale"), layout: $("layout") };
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

/** What is chosen now, and what has been fetched. */
const state = { procedure: "", persona: "", locale: "vi", layout: "steps", procedures: [], personas: [], document: undefined, context: undefined };
let loadToken = 0;

const getJson = async (url) => {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
};

/**
 * The form's lookups in registers, answered by the example back end for the signed-in citizen: the
 * record, or undefined when the register has none (or none this citizen may see). A lookup that is
 * cancelled (the citizen typed on) aborts its request; an answer that is not 2xx, or no answer, rejects,
 * and the form says the register could not be reached, with "try again".
 */
function lookupResolver(persona) {
  return async (name, input, { signal }) => {
    const query = new URLSearchParams({ persona, input: JSON.stringify(input) });
    const response = await fetch(`/api/lookups/${encodeURIComponent(name)}?${query}`, { signal, headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const { record } = await response.json();
    return record ?? undefined;
  };
}

function localized(text, locale) {
  if (text === undefined || text === null) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text.vi ?? Object.values(text)[0] ?? "";
}

/** The chrome in the chosen language: every element with `data-text`, the options, the title. */
function renderChrome() {
  const t = TEXT[state.locale];
  document.documentElement.lang = state.locale;
  document.title = t.title;
  for (const el of document.querySelectorAll("[data-text]")) el.textContent = t[el.dataset.text];
  for (const option of controls.procedure.options) {
    const entry = state.procedures.find((p) => p.name === option.value);
    if (entry) option.textContent = state.locale === "en" ? entry.titleEn ?? entry.title : entry.title;
  }
  for (const option of controls.persona.options) {
    const entry = state.personas.find((p) => p.name === option.value);
    if (entry) option.textContent = entry.fullName;
  }
  $("persona-note").textContent = t.personas[state.persona] ?? "";
  controls.persona.setAttribute("aria-describedby", "persona-note");
  controls.locale.value = state.locale;
  controls.layout.value = state.layout;
}

function writeAddress() {
  const url = new URL(location.href);
  url.searchParams.set("procedure", state.procedure);
  url.searchParams.set("persona", state.persona);
  url.searchParams.set("lang", state.locale);
  if (state.layout === "tasks") url.searchParams.set("layout", "tasks");
  else url.searchParams.delete("layout");
  history.replaceState(null, "", url);
}

/** (Re)loads the form for the chosen procedure (its compiled module) and persona. */
async function loadForm() {
  const token = ++loadToken;
  const t = TEXT[state.locale];
  $("result").hidden = true;
  $("form-status").textContent = t.loading;
  try {
    const [compiled, context] = await Promise.all([
      import(`/compiled/${state.procedure}.js`).then((module) => module.default),
      // Only what this procedure reads of the citizen's data (data minimisation: examples/server/data-use.mjs).
      getJson(`/api/personas/${state.persona}?procedure=${encodeURIComponent(state.procedure)}`),
    ]);
    if (token !== loadToken) return;
    state.document = compiled.document;
    state.context = context;
    form.locale = state.locale;
    form.layout = state.layout;
    // Drafts: what this citizen types is kept in this browser until submitted (a real portal would
    // use an opaque id of the signed-in citizen, or its own server through draftStore).
    form.draftSubject = state.persona;
    form.lookup = lookupResolver(state.persona);
    // A procedure that asks for a signature is signed on the review page, here by a stand-in for the
    // citizen's electronic identity (signing.js); the back end verifies it with the persona's public key.
    const persona = state.persona;
    form.signer = standInSigner({ persona, name: state.personas.find((p) => p.name === persona)?.fullName ?? persona, locale: () => state.locale });
    form.context = context;
    form.procedure = compiled;
    await form.ready();
    if (token !== loadToken) return;
    $("form-status").textContent = "";
  } catch (error) {
    if (token !== loadToken) return;
    $("form-status").textContent = fill(TEXT[state.locale].loadFailed, { message: error.message ?? String(error) });
  }
}

function sourceTitle(source) {
  const declared = state.document?.sources?.[source] ?? state.document?.lookups?.[source];
  return localized(declared?.title, state.locale) || source;
}

function describeProvenance(p) {
  const t = TEXT[state.locale];
  switch (p.source) {
    case "user":
      return t.user;
    case "computed":
      return t.computed;
    case "default":
      return p.edited ? t.defaultEdited : t.default;
    default:
      return fill(p.edited ? t.edited : p.locked ? t.verified : t.prefilled, { source: sourceTitle(p.source) });
  }
}

/** A value as people read it: yes/no, dates and months as the locale writes them, numbers grouped, sizes in bytes. */
function display(value, field, part) {
  const t = TEXT[state.locale];
  if (typeof value === "boolean") return value ? t.yes : t.no;
  if (value === undefined) return "—";
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  if (part === "size" && typeof value === "number") return fill(t.bytes, { size: formatNumber(value, state.locale) });
  if (typeof value === "number") return formatNumber(value, state.locale);
  if (field?.node?.schema?.format === "date") return formatDate(value, state.locale);
  // A month of a year (format year-month): "09/2023", "September 2023".
  if (field?.node?.schema?.format === "year-month") return formatYearMonth(value, state.locale);
  return String(value);
}

/**
 * The field a pointer names, and how to name it: its title; for a part of a file's metadata (name, type,
 * size), the file field's title and the part.
 */
function fieldOf(pointer) {
  const field = form.form?.field(pointer);
  if (field?.title) return { field, label: field.title };
  const cut = pointer.lastIndexOf("/");
  const parent = cut > 0 ? form.form?.field(pointer.slice(0, cut)) : undefined;
  const part = pointer.slice(cut + 1);
  if (parent?.node?.schema?.["x-widget"] === "file" && part in TEXT[state.locale].fileParts) {
    return { field, part, label: `${parent.title ?? pointer} — ${TEXT[state.locale].fileParts[part]}` };
  }
  return { field, label: pointer };
}

const valueAt = (data, pointer) =>
  pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), data);

/** The envelope as the citizen and the portal see it: each value, its field and where it came from. */
function renderEnvelope(envelope) {
  const t = TEXT[state.locale];
  // In the order of the data (the procedure's order), not in the order the values were set.
  const order = new Map();
  const walk = (value, pointer) => {
    order.set(pointer, order.size);
    if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  walk(envelope.data, "");
  const entries = Object.entries(envelope.provenance).sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  const rows = entries.map(([pointer, provenance]) => {
    const tr = document.createElement("tr");
    const { field, part, label } = fieldOf(pointer);
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = label;
    th.title = pointer;
    const value = document.createElement("td");
    const v = valueAt(envelope.data, pointer);
    value.textContent = field?.options?.find((o) => o.value === v)?.label ?? display(v, field, part);
    const source = document.createElement("td");
    source.textContent = describeProvenance(provenance);
    source.dataset.source = provenance.source;
    if (provenance.locked) source.dataset.locked = "";
    tr.append(th, value, source);
    return tr;
  });
  $("provenance").tBodies[0].replaceChildren(...rows);

  const attachments = $("attachments");
  attachments.replaceChildren();
  if (envelope.attachments?.length) {
    const heading = document.createElement("h3");
    heading.textContent = t.attachments;
    const note = document.createElement("p");
    note.className = "hint";
    note.textContent = t.attachmentsNote;
    const list = document.createElement("ul");
    for (const a of envelope.attachments) {
      const li = document.createElement("li");
      li.textContent = `${form.form?.field(a.pointer)?.title ?? a.pointer}: ${a.name} (${a.type}, ${fill(t.bytes, { size: formatNumber(a.size, state.locale) })})`;
      list.append(li);
    }
    attachments.append(heading, note, list);
  }
  $("envelope").textContent = JSON.stringify(envelope, null, 2);
}

/** A time as the receipt shows it, in Vietnam's time, in both languages: "07/12/2026 14:05:09". */
function dateTime(iso) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

/**
 * The back end's receipt `{ id, receivedAt, digest, procedure }`: the reference, when it was received, the
 * digest of what was received, who signed; and the declaration as a document, to download or print.
 */
function renderReceipt(receipt, envelope) {
  const t = TEXT[state.locale];
  const box = $("receipt");
  const heading = Object.assign(document.createElement("h3"), { textContent: t.receipt });
  const list = document.createElement("dl");
  const row = (term, value, className) => {
    const dd = Object.assign(document.createElement("dd"), { textContent: value });
    if (className) dd.className = className;
    list.append(Object.assign(document.createElement("dt"), { textContent: term }), dd);
  };
  row(t.reference, receipt.id, "reference");
  row(t.receivedAt, dateTime(receipt.receivedAt));
  row(t.digest, receipt.digest, "digest");
  if (envelope.signature) row(t.signedBy, envelope.signature.signer ?? envelope.signature.alg);
  const parts = [heading, list];
  if (!envelope.signature) parts.push(Object.assign(document.createElement("p"), { className: "hint", textContent: t.notSigned }));
  const base = `/submissions/${encodeURIComponent(receipt.id)}/declaration`;
  const query = `?persona=${encodeURIComponent(state.persona)}&lang=${state.locale}`;
  const actions = document.createElement("p");
  actions.className = "actions";
  const pdf = Object.assign(document.createElement("a"), { href: `${base}.pdf${query}`, textContent: t.downloadPdf, className: "button", id: "download-pdf" });
  pdf.setAttribute("download", "");
  const html = Object.assign(document.createElement("a"), { href: `${base}.html${query}`, textContent: t.viewHtml, id: "view-html" });
  const print = Object.assign(document.createElement("button"), { type: "button", textContent: t.print, className: "secondary", id: "print-declaration" });
  print.addEventListener("click", () => printDeclaration(`${base}.html${query}`));
  actions.append(pdf, " ", print, " ", html);
  parts.push(actions);
  box.replaceChildren(...parts);
  box.hidden = false;
}

/** Prints the declaration (the back end's HTML, A4 print CSS) from a hidden frame, without leaving the portal. */
function printDeclaration(url) {
  document.getElementById("print-frame")?.remove();
  const frame = Object.assign(document.createElement("iframe"), { id: "print-frame", src: url, title: TEXT[state.locale].print, tabIndex: -1 });
  frame.className = "print-frame";
  frame.setAttribute("aria-hidden", "true");
  frame.addEventListener("load", () => frame.contentWindow?.print(), { once: true });
  document.body.append(frame);
}

/** Posts the envelope to the example back end and shows its answer. */
/** Posts the envelope to the example back end and shows its answer: resolves true when it was received (201, 200). */
async function send(envelope) {
  const t = TEXT[state.locale];
  const answer = $("answer");
  $("receipt").hidden = true;
  $("receipt").replaceChildren();
  answer.className = "";
  answer.textContent = t.sending;
  let response;
  try {
    response = await fetch(`/submissions?persona=${encodeURIComponent(state.persona)}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(envelope),
    });
  } catch (error) {
    answer.className = "refused";
    answer.dataset.status = "unreachable";
    answer.replaceChildren(Object.assign(document.createElement("p"), { textContent: fill(t.unreachable, { message: error.message ?? String(error) }) }), ...resendControls());
    return false;
  }
  const body = await response.json().catch(() => ({}));
  answer.dataset.status = String(response.status);
  // 201: received now; 200: the same envelope again (a second press, a retried request): the first receipt.
  if (response.status === 201 || response.status === 200) {
    answer.className = "accepted";
    answer.textContent = fill(response.status === 201 ? t.accepted : t.repeated, { status: response.status });
    renderReceipt(body, envelope);
    return true;
  }
  answer.className = "refused";
  const intro = document.createElement("p");
  const why = response.status === 503 ? t.unavailable : response.status === 409 ? t.conflict : t.refused;
  intro.textContent = fill(why, { status: response.status });
  const list = document.createElement("ul");
  for (const error of body.errors ?? [{ pointer: "", message: body.message ?? body.error ?? "" }]) {
    const li = document.createElement("li");
    li.textContent = error.pointer ? `${error.pointer}: ${error.message}` : error.message;
    list.append(li);
  }
  // Nothing was stored when the back end could not check it (503, or another 5xx): the declaration may be sent again.
  answer.replaceChildren(intro, list, ...(response.status >= 500 ? resendControls() : []));
  return false;
}

/**
 * "Send it again": the form submits again, under the same declaration id (its draft was kept), so the
 * back end answers with the first receipt if it had stored it.
 */
function resendControls() {
  const t = TEXT[state.locale];
  const hint = Object.assign(document.createElement("p"), { className: "hint", id: "resend-hint", textContent: t.resendHint });
  const button = Object.assign(document.createElement("button"), { type: "button", id: "resend", textContent: t.resend });
  button.setAttribute("aria-describedby", "resend-hint");
  button.addEventListener("click", () => form.submit());
  return [hint, button];
}

form.addEventListener("tk-submit", (event) => {
  renderEnvelope(event.envelope);
  const result = $("result");
  result.hidden = false;
  $("result-title").focus();
  // The form keeps its draft, and the declaration's id with it, until the back end has received it: a
  // page reloaded after a lost answer sends the same declaration again, and gets the first receipt.
  event.waitUntil(
    send(event.envelope).then((received) => {
      if (!received) throw new Error("not received");
    }),
  );
});

$("again").addEventListener("click", () => {
  $("result").hidden = true;
  form.reset();
  $("form-area").focus();
});

controls.procedure.addEventListener("change", () => {
  state.procedure = controls.procedure.value;
  writeAddress();
  loadForm();
});
controls.persona.addEventListener("change", () => {
  state.persona = controls.persona.value;
  renderChrome();
  writeAddress();
  loadForm();
});
controls.locale.addEventListener("change", () => {
  state.locale = controls.locale.value === "en" ? "en" : "vi";
  form.locale = state.locale; // the form switches language in place, keeping what was typed
  renderChrome();
  writeAddress();
});

controls.layout.addEventListener("change", () => {
  state.layout = controls.layout.value === "tasks" ? "tasks" : "steps";
  form.layout = state.layout; // the answers stay: the same form, shown as a task list or step by step
  writeAddress();
});

async function start() {
  const params = new URLSearchParams(location.search);
  state.locale = params.get("lang") === "en" ? "en" : "vi";
  state.layout = params.get("layout") === "tasks" ? "tasks" : "steps";
  renderChrome();
  try {
    [state.procedures, state.personas] = await Promise.all([getJson("/api/procedures"), getJson("/api/personas")]);
  } catch (error) {
    $("form-status").textContent = fill(TEXT[state.locale].loadFailed, { message: error.message ?? String(error) });
    return;
  }
  const option = (value) => Object.assign(document.createElement("option"), { value });
  controls.procedure.replaceChildren(...state.procedures.map((p) => option(p.name)));
  controls.persona.replaceChildren(...state.personas.map((p) => option(p.name)));
  const pick = (wanted, list) => (list.some((e) => e.name === wanted) ? wanted : list[0]?.name ?? "");
  state.procedure = pick(params.get("procedure"), state.procedures);
  state.persona = pick(params.get("persona"), state.personas);
  controls.procedure.value = state.procedure;
  controls.persona.value = state.persona;
  controls.procedure.disabled = false;
  controls.persona.disabled = false;
  renderChrome();
  writeAddress();
  await loadForm();
}

start();
