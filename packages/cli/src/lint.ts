/**
 * Lint rules of `tokhai check`: things `loadProcedure` accepts but a designer almost certainly did
 * not mean. Each warning has a stable code and the JSON pointer of what to change.
 */
import { appendPointer, escapeSegment, keywordPointer, type FieldNode, type Procedure, type SchemaNode } from "@tokhai/core";

export interface LintWarning {
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
}

/** Every lint warning of a procedure that loaded, in no particular order. */
export function lint(procedure: Procedure): LintWarning[] {
  return [...fieldsNotInSteps(procedure), ...unknownRequired(procedure), ...unusedSources(procedure), ...unknownI18nKeys(procedure), ...enumsWithoutLabels(procedure), ...slowPatterns(procedure)];
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

/** A source declared in `sources` that no expression reads. */
function unusedSources(procedure: Procedure): LintWarning[] {
  const used = new Set<string>();
  for (const e of procedure.expressions) for (const r of e.sourceReads) used.add(r.source);
  // A whole-source read (`$citizen` alone) has an empty path but still names the source.
  for (const name of procedure.sourceNames) {
    const whole = new RegExp(`\\$${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w$])`);
    if (procedure.expressions.some((e) => whole.test(e.text))) used.add(name);
  }
  return procedure.sourceNames
    .filter((name) => !used.has(name))
    .map((name) => ({ pointer: `/sources/${escapeSegment(name)}`, code: "unused-source", message: `the source "${name}" is declared but no expression reads it` }));
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
