#!/usr/bin/env node
// tokhai in a terminal (`npm run demo`); `npm start` serves the example portal.
//
// Loads the permanent-residence procedure with a persona's citizen data, shows what the state
// already knows (prefilled, verified) and what is left to type, fills it in as a citizen would,
// then prints the submission envelope and the back end's answer.
//
//   node examples/demo.mjs [--persona nguyen-van-an|le-thi-mai|pham-quoc-huy] [--locale vi|en]
import { existsSync, readFileSync } from "node:fs";
import { canonicalLocale, createForm, formatDate, formatNumber, loadProcedure, ProcedureError, translate, validateSubmission } from "@tokhai/core";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const persona = option("persona", "nguyen-van-an");
const locale = option("locale", "vi");
const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const en = canonicalLocale(locale)?.split("-")[0] === "en"; // en, en-GB, en-US…
const t = (vi, english) => (en ? english : vi);

let procedure;
try {
  procedure = await loadProcedure(readFileSync(new URL("./procedures/dang-ky-thuong-tru.json", import.meta.url), "utf8"));
} catch (error) {
  if (error instanceof ProcedureError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
if (!/^[a-z0-9-]+$/.test(persona) || !existsSync(new URL(`./data/personas/${persona}.json`, import.meta.url))) {
  console.error(`no persona "${persona}": choose one of examples/data/personas (nguyen-van-an, le-thi-mai, pham-quoc-huy)`);
  process.exit(2);
}
// What a portal passes: the persona's data and the catalogue of administrative units.
const context = { ...read(`./data/personas/${persona}.json`), catalog: read("./data/administrative-units.json") };
const form = createForm(procedure, { context, locale, onDiagnostic: (d) => console.warn("diagnostic:", d.pointer, d.message) });
await form.settled();

const title = translate(procedure.document, locale, (texts) => texts.title) ?? procedure.title;
console.log(`\n${title}  (${procedure.id}@${procedure.version})`);
console.log(`${t("Công dân", "Citizen")}: ${context.citizen?.fullName ?? "?"}  —  ${t("bộ dữ liệu", "persona")} ${persona}\n`);

const show = (state) => {
  const { value, options } = state;
  if (value === undefined) return "—";
  const label = options?.find((o) => o.value === value)?.label;
  if (label) return label;
  if (typeof value === "boolean") return value ? t("có", "yes") : t("không", "no");
  if (typeof value === "number") return formatNumber(value, locale);
  if (state.node.schema.format === "date") return formatDate(value, locale);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
};
const leaves = procedure.fields.filter((n) => !n.properties && !n.items && n.arrayDepth === 0 && n.parent?.schema["x-widget"] !== "file");
let typed = 0;
for (const node of leaves) {
  const state = form.field(node.pointer);
  if (!state.visible) continue;
  const mark = state.locked
    ? t("✔ đã xác thực", "✔ verified")
    : state.computed
      ? t("= tự tính", "= computed")
      : state.provenance && state.provenance.source !== "user" && state.provenance.source !== "default"
        ? t("↺ từ dữ liệu, có thể sửa", "↺ from data, editable")
        : state.provenance?.source === "default"
          ? t("○ giá trị mặc định", "○ default value")
          : (typed++, t("✎ cần nhập", "✎ to type"));
  const label = state.title ?? node.pointer;
  console.log(`  ${mark.padEnd(26)} ${(label.length > 44 ? label.slice(0, 43) + "…" : label).padEnd(44)} ${show(state)}`);
}
const members = form.get("/household/members") ?? [];
if (members.length > 0) {
  console.log(`  ${t("✔ đã xác thực", "✔ verified").padEnd(26)} ${t("Thành viên hộ gia đình", "Household members").padEnd(44)} ${members.map((m) => m.fullName).join(", ")}`);
}
console.log(`\n${t("Còn phải nhập", "Left to type")}: ${typed} / ${leaves.length} ${t("trường", "fields")}\n`);

// The citizen fills in what is left.
form.set("/newAddress/province", "79");
await form.settled();
form.set("/newAddress/commune", form.field("/newAddress/commune").options[1].value);
form.set("/newAddress/detail", "12 Lê Lợi");
form.set("/newAddress/ownership", "owner");
if (!form.get("/applicant/phone")) form.set("/applicant/phone", "0987654321");
form.set("/declaration", true);

const result = await form.submission();
if (!result.ok) {
  console.log(t("Chưa hợp lệ:", "Not valid yet:"));
  for (const e of result.errors) console.log(`  ${e.pointer}: ${e.message}`);
  process.exit(1);
}
console.log(t("Hồ sơ gửi đi (submission envelope):", "Submission envelope:"));
console.log(JSON.stringify(result.envelope, null, 2));

const answer = await validateSubmission(procedure, JSON.parse(JSON.stringify(result.envelope)), { context, locale });
console.log(`\n${t("Máy chủ kiểm tra lại", "Back end re-validation")}: ${answer.valid ? t("hợp lệ ✔", "valid ✔") : JSON.stringify(answer.errors)}\n`);
