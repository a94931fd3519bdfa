/**
 * Lint rules of `tokhai check`: things `loadProcedure` accepts but a designer almost certainly did
 * not mean. Each warning has a stable code and the JSON pointer of what to change.
 */
import { appendPointer, dataUse, escapeSegment, keywordPointer, localeFallbacks, type FieldNode, type LocaleTexts, type Procedure, type SchemaNode } from "@tokhai/core";
import { registerTextWarnings, unusedRegisters } from "./lint-data-use.js";

export interface LintWarning {
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
}

/** Every lint warning of a procedure that loaded, in no particular order. */
export function lint(procedure: Procedure): LintWarning[] {
  const registers = dataUse(procedure);
  return [...fieldsNotInSteps(procedure), ...unknownRequired(procedure), ...unusedRegisters(procedure, registers), ...unknownI18nKeys(procedure), ...enumsWithoutLabels(procedure), ...slowPatterns(procedure), ...missingTranslations(procedure), ...registerTextWarnings(procedure, registers)];
}

/** A field no step shows: the citizen can never fill it in. Only the topmost such field is reported. */
function fieldsNotInSteps(procedure: Procedure): LintWarning[] {
  const steps = procedure.document.steps;
  if (!Array.isArray(steps)) return []; // without steps, one step shows every field
  const shown = new Set<string>();
  for (const step of steps) for (const p of step.fields ?? []) shown.add(p);
  const out: LintWarning[] = [];
  const visit = (node: FieldNode) => {
    for (const child of node.properties?.values() ?? []) {
      if (isShown(child, shown)) continue;
      if (hasShownDescendant(child, shown)) visit(child);
      else out.push({ pointer: child.schemaPointer, code: "field-not-in-step", message: `no step shows the field "${child.pointer}": add it (or a section holding it) to a step's "fields"` });
    }
  };
  visit(procedure.root);
  return out;
}

function isShown(node: FieldNode, shown: ReadonlySet<string>): boolean {
  for (let n: FieldNode | undefined = node; n && n.pointer !== ""; n = n.parent) if (shown.has(n.pointer)) return true;
  return false;
}

function hasShownDescendant(node: FieldNode, shown: ReadonlySet<string>): boolean {
  for (const p of shown) if (p.startsWith(node.pointer + "/")) return true;
  return false;
}

/** `required` naming a property the object does not define (and no `patternProperties` matches). */
function unknownRequired(procedure: Procedure): LintWarning[] {
  const out: LintWarning[] = [];
  walkSchemas(procedure.document.schema, "/schema", (schema, pointer) => {
    if (!Array.isArray(schema.required) || !schema.properties || typeof schema.properties !== "object") return;
    const patterns = Object.keys((schema.patternProperties as object | undefined) ?? {}).flatMap((p) => {
      try {
        return [new RegExp(p, "u")];
      } catch {
        return [];
      }
    });
    schema.required.forEach((name, i) => {
      if (typeof name !== "string" || Object.hasOwn(schema.properties!, name) || patterns.some((re) => re.test(name))) return;
      out.push({ pointer: `${pointer}/required/${i}`, code: "unknown-required", message: `"${name}" is required but "properties" does not define it: no field can fill it in` });
    });
  });
  return out;
}

/** `i18n` keys that match no field pointer, no step id, no known text key. */
function unknownI18nKeys(procedure: Procedure): LintWarning[] {
  const i18n = procedure.document.i18n;
  if (!i18n || typeof i18n !== "object") return [];
  const pointers = new Set(procedure.fields.map((f) => f.pointer));
  const stepIds = new Set((procedure.document.steps ?? []).map((s) => s.id));
  const out: LintWarning[] = [];
  for (const [locale, texts] of Object.entries(i18n)) {
    if (!texts || typeof texts !== "object") continue;
    const base = `/i18n/${escapeSegment(locale)}`;
    for (const key of Object.keys(texts)) {
      if (key.startsWith("/") && !pointers.has(key)) {
        out.push({ pointer: appendPointer(base, key), code: "unknown-i18n-key", message: `no field at "${key}": this translation is never shown` });
      }
    }
    const steps = (texts as { steps?: unknown }).steps;
    if (steps && typeof steps === "object") {
      for (const id of Object.keys(steps)) {
        if (!stepIds.has(id)) out.push({ pointer: appendPointer(appendPointer(base, "steps"), id), code: "unknown-i18n-key", message: `no step "${id}": this translation is never shown` });
      }
    }
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `i18n.en`, `i18n["en-GB"]`: where a translation goes, as a designer reads it. */
function member(object: string, key: string | number): string {
  return typeof key === "number" ? `${object}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${JSON.stringify(key)}]`;
}

/**
 * A text shown to citizens (the title and description of the form, of its steps and fields, an exit
 * page's body and link text, the labels of choices, the messages of rules, the titles of sources) that has no translation for a
 * locale the procedure translates to in `i18n`: the citizen would read it in the document's own
 * language. A locale of that same language (`vi-VN` for a Vietnamese document) needs none; a region
 * (`en-GB`) whose language (`en`) is translated too is held to the language's. The pointer is that of
 * the untranslated text.
 */
function missingTranslations(procedure: Procedure): LintWarning[] {
  const document = procedure.document;
  const i18n = document.i18n;
  if (!isObject(i18n)) return [];
  const ownLanguage = procedure.defaultLocale.split("-")[0];
  const out: LintWarning[] = [];
  for (const locale of Object.keys(i18n)) {
    const language = locale.split("-")[0];
    if (language === ownLanguage) continue;
    // A region (`en-GB`) falls back to its language's translation: what both lack is reported once, for the language.
    if (localeFallbacks(locale).some((tag) => tag !== locale && tag.split("-")[0] === language && Object.hasOwn(i18n, tag))) continue;
    // The translations that serve this locale: its own and those of its shorter forms (`en` for `en-GB`).
    const tags = localeFallbacks(locale).filter((tag) => tag.split("-")[0] === language);
    const translations = tags.map((tag) => i18n[tag]).filter((t): t is LocaleTexts => isObject(t));
    const translated = (pick: (texts: LocaleTexts & Record<string, unknown>) => unknown) => translations.some((t) => pick(t as LocaleTexts & Record<string, unknown>) !== undefined);
    const field = (texts: Record<string, unknown>, pointer: string) => (isObject(texts[pointer]) ? (texts[pointer] as Record<string, unknown>) : undefined);
    const here = member("i18n", locale);
    const missing = (pointer: string, what: string, add: string) =>
      out.push({ pointer, code: "missing-translation", message: `${what} has no "${locale}" translation: add it as ${add}` });

    if (typeof document.title === "string" && !translated((t) => t.title)) missing("/title", "the title of the form", member(here, "title"));
    if (typeof document.description === "string" && !translated((t) => t.description)) missing("/description", "the description of the form", member(here, "description"));
    (Array.isArray(document.steps) ? document.steps : []).forEach((step: unknown, i) => {
      if (!isObject(step) || typeof step["id"] !== "string") return;
      const id = step["id"];
      const at = member(member(here, "steps"), id);
      const stepText = (key: string) => translated((t) => (isObject(t.steps) && isObject(t.steps[id]) ? (t.steps[id] as Record<string, unknown>)[key] : undefined));
      for (const key of ["title", "description", "body"] as const) {
        if (typeof step[key] === "string" && !stepText(key)) missing(`/steps/${i}/${key}`, `the ${key} of step "${id}"`, member(at, key));
      }
      const link = step["link"];
      if (isObject(link) && typeof link["text"] === "string" && !stepText("linkText")) missing(`/steps/${i}/link/text`, `the link text of step "${id}"`, member(at, "linkText"));
    });
    for (const node of procedure.fields) {
      if (node.pointer === "") continue; // the form's title is the document's
      const at = member(here, node.pointer);
      for (const key of ["title", "description"] as const) {
        if (typeof node.schema[key] === "string" && !translated((t) => field(t, node.pointer)?.[key])) {
          missing(keywordPointer(node, key), `the ${key} of "${node.pointer}"`, member(at, key));
        }
      }
      // Labels of choices: an item's choices are the list's (`/languages/-` → `/languages`).
      const owner = node.pointer.endsWith("/-") && node.parent?.kind === "array" ? node.parent : node;
      const choices = node.schema.oneOf ?? node.schema.anyOf;
      const choicesKey = node.schema.oneOf ? "oneOf" : "anyOf";
      if (Array.isArray(choices) && choices.every((o) => isObject(o) && "const" in o)) {
        choices.forEach((choice, i) => {
          if (typeof choice.title !== "string") return;
          const value = String(choice.const);
          if (translated((t) => { const labels = field(t, owner.pointer)?.["enum"]; return isObject(labels) ? labels[value] : undefined; })) return;
          missing(appendPointer(appendPointer(keywordPointer(node, choicesKey), i), "title"), `the label of ${JSON.stringify(choice.const)} in "${owner.pointer}"`, member(member(member(here, owner.pointer), "enum"), value));
        });
      }
      const rules = node.schema["x-rules"];
      if (Array.isArray(rules)) {
        rules.forEach((rule, i) => {
          if (!isObject(rule)) return;
          const message = rule["message"];
          const given = isObject(message) ? tags.some((tag) => typeof message[tag] === "string") : translated((t) => { const r = field(t, node.pointer)?.["rules"]; return Array.isArray(r) ? r[i] ?? undefined : undefined; });
          if (!given) missing(`${keywordPointer(node, "x-rules")}/${i}/message`, `the message of rule ${i} of "${node.pointer}"`, `${member(member(member(here, node.pointer), "rules"), i)}, or write the message per locale ({ "vi": …, "${locale}": … })`);
        });
      }
    }
    for (const [name, source] of Object.entries(isObject(document.sources) ? document.sources : {})) {
      if (!isObject(source)) continue;
      for (const key of ["title", "description"] as const) {
        const text = source[key];
        if (text === undefined || (isObject(text) && tags.some((tag) => typeof text[tag] === "string"))) continue;
        out.push({
          pointer: `/sources/${escapeSegment(name)}/${key}`,
          code: "missing-translation",
          message: `the ${key} of source "${name}" has no "${locale}" text: write it per locale ({ "vi": …, "${locale}": … })`,
        });
      }
    }
  }
  return out;
}

/**
 * A closed list of values shown to citizens without labels: `enum` shows the raw codes. Labels come
 * from `oneOf: [{ const, title }]` (or `i18n` enum labels for every value).
 */
function enumsWithoutLabels(procedure: Procedure): LintWarning[] {
  const out: LintWarning[] = [];
  for (const field of procedure.fields) {
    const values = field.schema.enum;
    if (!Array.isArray(values) || values.every((v) => typeof v === "boolean")) continue;
    const owner = field.pointer.endsWith("/-") && field.parent ? field.parent.pointer : field.pointer;
    out.push({ pointer: keywordPointer(field, "enum"), code: "enum-without-labels", message: `the values of "${owner}" have no labels: write them as "oneOf": [{ "const": …, "title": … }] so citizens read words, not codes` });
  }
  for (const field of procedure.fields) {
    const oneOf = field.schema.oneOf;
    if (!Array.isArray(oneOf) || !oneOf.some((o) => o && typeof o === "object" && "const" in o)) continue;
    oneOf.forEach((option, i) => {
      if (option && typeof option === "object" && "const" in option && typeof option.title !== "string") {
        out.push({ pointer: appendPointer(keywordPointer(field, "oneOf"), i), code: "enum-without-labels", message: `the value ${JSON.stringify(option.const)} of "${field.pointer}" has no "title": citizens would read the code` });
      }
    });
  }
  return out;
}

/**
 * A `pattern` with a repeated group that itself repeats, such as `(a+)+$` or `(\\d*)*`: on a long
 * answer that almost matches, the regular expression engine backtracks for minutes, and a regular
 * expression cannot be interrupted by the budget that stops expressions. The page would freeze.
 */
function slowPatterns(procedure: Procedure): LintWarning[] {
  const out: LintWarning[] = [];
  walkSchemas(procedure.document.schema, "/schema", (schema, pointer) => {
    const check = (source: string, at: string) => {
      const group = nestedQuantifier(source);
      if (group) out.push({ pointer: at, code: "slow-pattern", message: `the group "${group}" repeats something that repeats itself: if an answer can match it in more than one way, checking a long answer that almost matches takes minutes and freezes the page. Write it without the nested repetition ("(a+)+" as "a+") or make each repetition end with something the next cannot start with` });
    };
    if (typeof schema.pattern === "string") check(schema.pattern, appendPointer(pointer, "pattern"));
    const props = (schema as Record<string, unknown>)["patternProperties"];
    if (props && typeof props === "object") for (const key of Object.keys(props)) check(key, appendPointer(appendPointer(pointer, "patternProperties"), key));
  });
  return out;
}

/**
 * The first group of a regular expression that is repeated without bound (`*`, `+`, `{n,}`) and holds
 * something repeated without bound itself, or undefined. A heuristic for catastrophic backtracking:
 * it does not prove a pattern slow, but every classic case has this shape.
 */
export function nestedQuantifier(source: string): string | undefined {
  const opens: { start: number; unbounded: boolean }[] = [];
  const unboundedAt = (i: number): number => {
    const c = source[i];
    if (c === "*" || c === "+") return 1;
    if (c === "{") {
      const m = /^\{\d+,\}/.exec(source.slice(i));
      if (m) return m[0].length;
    }
    return 0;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      // A character class: skip to its end (escapes included).
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
      if (unboundedAt(i + 1) && opens.length > 0) opens[opens.length - 1]!.unbounded = true;
      continue;
    }
    if (c === "(") {
      opens.push({ start: i, unbounded: false });
      continue;
    }
    if (c === ")") {
      const group = opens.pop();
      if (!group) continue;
      const quantifier = unboundedAt(i + 1);
      const repeated = quantifier > 0;
      if (repeated && group.unbounded) return source.slice(group.start, i + 1 + quantifier);
      // A repeated group makes its enclosing group hold an unbounded repetition; so does one holding one.
      if ((repeated || group.unbounded) && opens.length > 0) opens[opens.length - 1]!.unbounded = true;
      continue;
    }
    if (unboundedAt(i) && opens.length > 0 && i > 0) opens[opens.length - 1]!.unbounded = true;
  }
  return undefined;
}

/** Calls `visit` for every schema object below `schema` (properties, items, $defs, combinators). */
function walkSchemas(schema: unknown, pointer: string, visit: (schema: SchemaNode, pointer: string) => void): void {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
  const s = schema as SchemaNode & Record<string, unknown>;
  visit(s, pointer);
  for (const key of ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]) {
    const map = s[key];
    if (map && typeof map === "object") for (const [name, sub] of Object.entries(map)) walkSchemas(sub, `${pointer}/${key}/${escapeSegment(name)}`, visit);
  }
  for (const key of ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"]) {
    if (s[key] && typeof s[key] === "object") walkSchemas(s[key], `${pointer}/${key}`, visit);
  }
  for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
    const list = s[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchemas(sub, `${pointer}/${key}/${i}`, visit));
  }
}
