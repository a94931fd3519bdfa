/**
 * Lint rules of `tokhai check` about what a procedure reads of its registers (its sources and
 * lookups), as `dataUse` lists it: a register read for nothing, and the texts of the data-use notice
 * (the titles of the register schema's nodes along each path read, translated in
 * `i18n.<locale>.sources` / `.lookups`).
 */
import { appendPointer, dataUse, escapeSegment, localeFallbacks, type Procedure, type RegisterUse } from "@tokhai/core";
import type { LintWarning } from "./lint.js";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A source or lookup declared and never read by an expression: the portal would pass (or look up) data for nothing. */
export function unusedRegisters(procedure: Procedure, registers: readonly RegisterUse[] = dataUse(procedure)): LintWarning[] {
  return registers
    .filter((r) => r.reads.length === 0)
    .map((r) =>
      r.kind === "source"
        ? { pointer: `/sources/${escapeSegment(r.name)}`, code: "unused-source", message: `the source "${r.name}" is declared but no expression reads it` }
        : { pointer: `/lookups/${escapeSegment(r.name)}`, code: "unused-lookup", message: `the lookup "${r.name}" is declared but no expression reads it: the register would be asked for nothing` },
    );
}

/** JSONata's way of writing a path after `$<name>.`, as `dataUse` gives `text` and `i18n` keys it. */
const pathText = (path: readonly string[]): string => path.map((n) => (/^[A-Za-z_$][\w$]*$/.test(n) ? n : "`" + n + "`")).join(".");

/**
 * The schema nodes along a path of a register's schema, with their pointers in the document: names are
 * looked up in `properties`, through `items` (lists are mapped over) and local `$ref`s.
 */
function nodesAlong(root: unknown, rootPointer: string, path: readonly string[]): { schema: Record<string, unknown>; pointer: string }[] {
  const out: { schema: Record<string, unknown>; pointer: string }[] = [];
  const deref = (schema: unknown, pointer: string): { schema: unknown; pointer: string } => {
    for (let hops = 0; hops < 32 && isObject(schema) && typeof schema["$ref"] === "string" && schema["$ref"].startsWith("#/"); hops++) {
      let target: unknown = root;
      let at = rootPointer;
      for (const raw of schema["$ref"].slice(2).split("/")) {
        const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
        target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined;
        at = appendPointer(at, key);
      }
      if (!isObject(target)) break;
      schema = target;
      pointer = at;
    }
    return { schema, pointer };
  };
  let here = deref(root, rootPointer);
  for (const name of path) {
    for (let s = here.schema; isObject(s) && !(isObject(s["properties"]) && Object.hasOwn(s["properties"], name)) && isObject(s["items"]); s = here.schema) {
      here = deref(s["items"], appendPointer(here.pointer, "items"));
    }
    const properties = isObject(here.schema) ? here.schema["properties"] : undefined;
    if (!isObject(properties) || !Object.hasOwn(properties, name)) break;
    here = deref(properties[name], appendPointer(appendPointer(here.pointer, "properties"), name));
    if (!isObject(here.schema)) break;
    out.push({ schema: here.schema, pointer: here.pointer });
  }
  return out;
}

/**
 * The texts of the data-use notice: a title of a register schema's node along a path read with no
 * translation for a locale the procedure declares in `i18n` (as `missing-translation` does for the
 * other texts), and a translation in `i18n.<locale>.sources` / `.lookups` that names no register or no
 * path the notice shows (`unknown-i18n-key`).
 */
export function registerTextWarnings(procedure: Procedure, registers: readonly RegisterUse[] = dataUse(procedure)): LintWarning[] {
  const document = procedure.document;
  const i18n = document.i18n;
  if (!isObject(i18n)) return [];
  const out: LintWarning[] = [];
  // Every path the notice names: each path read and what holds it.
  const shown = new Map<string, { register: RegisterUse; items: Map<string, { title?: string; pointer: string }> }>();
  for (const register of registers) {
    const group = register.kind === "source" ? "sources" : "lookups";
    const declared = (document as unknown as Record<string, unknown>)[group];
    const schema = isObject(declared) && isObject(declared[register.name]) ? (declared[register.name] as Record<string, unknown>)["schema"] : undefined;
    const items = new Map<string, { title?: string; pointer: string }>();
    for (const read of register.reads) {
      nodesAlong(schema, `/${group}/${escapeSegment(register.name)}/schema`, read.path).forEach((node, i) => {
        const title = typeof node.schema["title"] === "string" && node.schema["title"] !== "" ? node.schema["title"] : undefined;
        items.set(pathText(read.path.slice(0, i + 1)), { ...(title === undefined ? {} : { title }), pointer: node.pointer });
      });
    }
    shown.set(`${group}\u0000${register.name}`, { register, items });
  }

  const ownLanguage = procedure.defaultLocale.split("-")[0];
  for (const locale of Object.keys(i18n)) {
    const texts = i18n[locale];
    if (!isObject(texts)) continue;
    for (const group of ["sources", "lookups"] as const) {
      const byName = texts[group];
      if (!isObject(byName)) continue;
      const base = appendPointer(appendPointer("/i18n", locale), group);
      for (const [name, paths] of Object.entries(byName)) {
        const known = shown.get(`${group}\u0000${name}`);
        if (!known) {
          out.push({ pointer: appendPointer(base, name), code: "unknown-i18n-key", message: `no ${group === "sources" ? "source" : "lookup"} "${name}": this translation is never shown` });
          continue;
        }
        if (!isObject(paths)) continue;
        for (const path of Object.keys(paths)) {
          if (known.items.has(path)) continue;
          out.push({ pointer: appendPointer(appendPointer(base, name), path), code: "unknown-i18n-key", message: `the procedure reads nothing at $${name}.${path}: this translation is never shown` });
        }
      }
    }

    // As the other texts: a region falls back to its language, and the document's own language needs none.
    const language = locale.split("-")[0];
    if (language === ownLanguage) continue;
    if (localeFallbacks(locale).some((tag) => tag !== locale && tag.split("-")[0] === language && Object.hasOwn(i18n, tag))) continue;
    const tags = localeFallbacks(locale).filter((tag) => tag.split("-")[0] === language && Object.hasOwn(i18n, tag));
    for (const [key, { register, items }] of shown) {
      const group = key.slice(0, key.indexOf("\u0000"));
      for (const [path, item] of items) {
        if (item.title === undefined) continue;
        const translated = tags.some((tag) => {
          const t = i18n[tag];
          const byName = isObject(t) ? t[group] : undefined;
          const mine = isObject(byName) && Object.hasOwn(byName, register.name) ? byName[register.name] : undefined;
          const entry = isObject(mine) && Object.hasOwn(mine, path) ? mine[path] : undefined;
          return isObject(entry) && typeof entry["title"] === "string";
        });
        if (translated) continue;
        const at = `i18n${/^[A-Za-z_$][\w$]*$/.test(locale) ? `.${locale}` : `[${JSON.stringify(locale)}]`}.${group}.${register.name}[${JSON.stringify(path)}].title`;
        out.push({ pointer: appendPointer(item.pointer, "title"), code: "missing-translation", message: `the title of $${register.name}.${path} (shown in the data-use notice) has no "${locale}" translation: add it as ${at}` });
      }
    }
  }
  return out;
}
