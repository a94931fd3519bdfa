/**
 * `tokhai types`: the TypeScript types of a procedure's submission. The type of the data comes from
 * the procedure's `schema` through json-schema-to-typescript, on a copy of the schema made for it
 * (see `typingSchema`); the submission envelope, generic over the data, is declared in the output too,
 * so a portal's code that handles submissions is typed without depending on @tokhai/core.
 */
import { parsePointer, stepFields, type ProcedureDocument } from "@tokhai/core";
import { parseCommandArgs, type Command } from "../command.js";
import { EXIT, UsageError, type Io } from "../errors.js";
import { checkOutputFile, writeOutput } from "../output.js";
import { loadOrReport } from "../load.js";

const HELP = `Usage: tokhai types <procedure.json> [-o <file.ts>]
                    [--root <folder>]

Writes the TypeScript types of a procedure's submission, named after the procedure id
(vn.ho-tich.khai-sinh gives VnHoTichKhaiSinh…):
  VnHoTichKhaiSinhData        the submission data, from the procedure's schema
                              (through json-schema-to-typescript)
  VnHoTichKhaiSinhSubmission  SubmissionEnvelope<VnHoTichKhaiSinhData>: what form.submission()
                              returns and validateSubmission checks
  VnHoTichKhaiSinhLookups     for a procedure with lookups: the record each lookup finds, by name
                              (VnHoTichKhaiSinhLookupParty2…), what a portal's resolver returns

The output declares SubmissionEnvelope, Provenance, Attachment, AttachmentMeta and Locale as
@tokhai/core does, so a portal or back end needs no dependency on tokhai to use it. It holds only
types and compiles under \`tsc --strict\`.

How the schema maps to types:
  - titles and descriptions become doc comments (titles never name types); enum labels of
    oneOf [{ "const", "title" }] are listed in the comment of the field
  - $defs become named types, named after their key ("dia-chi" gives DiaChi)
  - an object's properties are closed (unless its schema sets additionalProperties), so reading
    a field the procedure does not have fails to compile; an object that declares no properties
    is any object
  - a field with x-visible (or shown by a step with x-visible) is optional, even if required:
    hidden fields are not submitted
  - a file field (x-widget "file") without declared properties is an AttachmentMeta
  - x- keywords are left out; the comments mention x-prefill, x-lock, x-compute, x-visible and
    x-required

The procedure is loaded first; if it has problems they are printed as file:line:column  pointer
message (as \`tokhai check\` does) and nothing is written.

Options:
  -o, --output <file.ts>  write the types there (parent folders are created) instead of stdout.
                          A .ts, .mts or .cts file: not a .d.ts, which tsc does not copy to its
                          outDir (the .ts file holds only types and compiles to an empty module)
  --root <folder>         the folder the procedure's building blocks ("$ref": "../blocks/a.json") must
                          be in (default: the procedure's folder)
  -h, --help              show this help

Exit codes: 0 types written; 1 the procedure has problems; 2 bad arguments, a missing file, a file
that is not JSON, or an output that cannot be written.

Examples:
  tokhai types examples/procedures/dang-ky-thuong-tru.json
  tokhai types examples/procedures/dang-ky-thuong-tru.json -o src/generated/dang-ky-thuong-tru.ts
`;

export const types: Command = {
  name: "types",
  summary: "TypeScript types of a procedure's submission data and envelope",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("types", args, { output: { type: "string", short: "o" }, root: { type: "string" } }, { min: 1, max: 1, names: "one procedure file" });
    const file = positionals[0]!;
    const output = values.output;
    if (output !== undefined) checkOutput(output);
    const loaded = await loadOrReport(file, "types", io, values.root !== undefined ? { root: values.root } : {});
    if (!loaded) return EXIT.failed;
    const generated = await generateTypes(loaded.procedure.document);
    if (output === undefined) {
      io.stdout(generated.text);
      return EXIT.ok;
    }
    await writeOutput(output, generated.text);
    io.stderr(`tokhai types: wrote ${output} (${generated.dataName}, ${generated.submissionName}), the types of ${generated.id}@${generated.version}\n`);
    return EXIT.ok;
  },
};

function checkOutput(output: string): void {
  checkOutputFile(output);
  if (/\.d\.[cm]?ts$/i.test(output)) {
    const ts = output.replace(/\.d\.([cm]?ts)$/i, ".$1");
    throw new UsageError(`-o ${output}: write a .ts file (${ts}), not a .d.ts: tsc does not copy .d.ts files to its outDir, and the .ts file holds only types`);
  }
  if (!/\.[cm]?ts$/i.test(output)) throw new UsageError(`-o ${output}: the output is TypeScript; name a .ts file`);
}

export interface GeneratedTypes {
  readonly id: string;
  readonly version: string;
  /** Name of the data type, e.g. `VnHoTichKhaiSinhData`. */
  readonly dataName: string;
  /** Name of the envelope type, e.g. `VnHoTichKhaiSinhSubmission`. */
  readonly submissionName: string;
  /** The module's text. */
  readonly text: string;
}

/** `vn.ho-tich.khai-sinh` → `VnHoTichKhaiSinh`: the prefix of the type names of a procedure. */
export function typeBaseName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  return name === "" ? "Procedure" : /^\d/.test(name) ? `Procedure${name}` : name;
}

/** Names the output declares beside the data's own types: no `$defs` entry may take them. */
const ENVELOPE_NAMES = ["SubmissionEnvelope", "Provenance", "Attachment", "AttachmentMeta", "Locale"];

/** The TypeScript module of a (loaded, hence valid) procedure document's submission types. */
export async function generateTypes(document: ProcedureDocument): Promise<GeneratedTypes> {
  // Loaded here, not at start-up: json-schema-to-typescript brings prettier, which only this command needs.
  const { compile } = await import("json-schema-to-typescript");
  const base = typeBaseName(document.id);
  const dataName = `${base}Data`;
  const submissionName = `${base}Submission`;
  const reserved = new Set([dataName, submissionName, ...ENVELOPE_NAMES]);
  const about = `"${oneLine(document.title)}" (${document.id} ${document.version})`;

  const lookups = Object.entries(document.lookups ?? {});
  const lookupsName = `${base}Lookups`;
  const lookupName = (name: string) => `${base}Lookup${safeTypeName(name) || "Record"}`;
  for (const [name] of lookups) reserved.add(lookupName(name));
  if (lookups.length > 0) reserved.add(lookupsName);
  const typeOf = (schema: Json, rootName: string) =>
    compile(schema as Parameters<typeof compile>[0], rootName, {
    bannerComment: "",
    additionalProperties: false,
    // A tuple is typed by its items and minItems, never as a union of every length up to maxItems.
    maxItems: -1,
    strictIndexSignatures: true,
    unknownAny: true,
    enableConstEnums: false,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    format: true,
    // Procedures only have local references (core refuses others): nothing is read from disk or network.
    $refOptions: { resolve: { external: false } },
    customName(node, keyNameFromDefinition) {
      if ((node as Record<string, unknown>)[ROOT_MARK] === true) return rootName;
      // A definition is named after its key (accents removed: "địa-chỉ" gives DiaChi), a schema
      // referenced elsewhere after its path; a name the envelope's types take gets a suffix.
      const from = keyNameFromDefinition ?? (typeof node.$id === "string" ? node.$id : undefined);
      if (from === undefined) return undefined;
      const name = safeTypeName(from);
      return reserved.has(name) ? `${name}Def` : name || undefined;
    },
  });
  const body = await typeOf(typingSchema(withStepConditions(document), `Submission data of ${about}.`), dataName);
  // The record each lookup finds: what a portal's resolver returns for it.
  let lookupTypes = "";
  if (lookups.length > 0) {
    const parts: string[] = [];
    for (const [name, lookup] of lookups) {
      parts.push((await typeOf(typingSchema(lookup.schema, `A record the lookup ${comment(JSON.stringify(name))} of ${comment(about)} finds.`), lookupName(name))).trim());
    }
    const members = lookups.map(([name]) => `  readonly ${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name)}: ${lookupName(name)};`).join("\n");
    lookupTypes = `${parts.join("\n\n")}

/** What a portal's resolver (\`lookup\` of createForm and validateSubmission) returns for each lookup, when it finds a record. */
export interface ${lookupsName} {
${members}
}

`;
  }

  const text = `/* eslint-disable */
/**
 * Types of the submission of ${comment(about)}.
 * Generated by \`tokhai types\` from ${comment(document.id)} ${comment(document.version)}: do not edit; run
 * \`tokhai types\` again whenever the procedure changes.
 */

${body.trim()}

${lookupTypes}/** A submission of ${comment(about)}: what \`form.submission()\` returns and \`validateSubmission\` checks. */
export type ${submissionName} = SubmissionEnvelope<${dataName}>;

${ENVELOPE_TYPES}`;
  return { id: document.id, version: document.version, dataName, submissionName, text };
}

/** The envelope types, as @tokhai/core declares them (src/types.ts). */
const ENVELOPE_TYPES = `// The submission envelope, as @tokhai/core declares it.

/** A BCP-47 language tag: "vi", "en", "en-GB", "km"… */
export type Locale = string;

/** Where a value came from. Every value of a submission has one. */
export type Provenance =
  | {
      /** Name of the data source (\`citizen\`, \`residence\`, …). */
      readonly source: string;
      /** Path read in the source: a JSONata path such as \`fullName\` or \`members[0].fullName\`, or the whole expression. */
      readonly path: string;
      /** The value is verified data shown as such; the citizen could not change it. */
      readonly locked: boolean;
      /** The citizen changed the prefilled value. */
      readonly edited: boolean;
      /** For a value read from a lookup: the input the register was asked about (\`"001090000123"\`). */
      readonly input?: unknown;
    }
  | { readonly source: "computed" }
  | { readonly source: "default"; readonly edited: boolean }
  | { readonly source: "user" };

/** Metadata of an attached file, as it appears in the data and in the envelope. */
export interface AttachmentMeta {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

export interface Attachment extends AttachmentMeta {
  readonly pointer: string;
}

/** The signature of a declaration, over the UTF-8 bytes of \`digest\` (the envelope's digest, \`envelopeDigest\`). */
export interface EnvelopeSignature {
  readonly alg: string;
  readonly value: string;
  /** "sha256:" and 64 lower-case hexadecimal digits. */
  readonly digest: string;
  readonly signedAt: string;
  readonly signer?: string;
  readonly certificate?: string;
}

export interface SubmissionEnvelope<TData = unknown> {
  /** The declaration's identity: a lower-case UUID, the same when a submit is retried. */
  readonly id: string;
  readonly procedure: { readonly id: string; readonly version: string };
  readonly data: TData;
  readonly provenance: { readonly [pointer: string]: Provenance };
  readonly attachments: readonly Attachment[];
  readonly locale: Locale;
  readonly submittedAt: string;
  readonly signature?: EnvelopeSignature;
}
`;

// ---------------------------------------------------------------------------------------------
// The schema as json-schema-to-typescript should see it
// ---------------------------------------------------------------------------------------------

type Json = { [key: string]: unknown };

/** Marks the root schema for `customName` (json-schema-to-typescript ignores unknown keywords). */
const ROOT_MARK = "tokhaiRoot";

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is one schema. */
const SCHEMA_ONE = new Set([
  "items",
  "additionalItems",
  "unevaluatedItems",
  "contains",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/**
 * Keywords left out: `title` (json-schema-to-typescript would name types after Vietnamese text; it
 * goes into the description), identifiers and anchors (core resolves local pointers only, and
 * `$id` would name types too), and json-schema-to-typescript's own `tsType`/`tsEnumNames`, which
 * are not JSON Schema and could put any text in the output.
 */
const DROPPED = new Set(["title", "description", "$id", "id", "$anchor", "$dynamicAnchor", "$schema", "$comment", "tsType", "tsEnumNames"]);
/** Keywords that only annotate: beside a `$ref` they do not change the referenced type. */
const ANNOTATIONS = new Set(["title", "description", "$comment", "default", "examples", "deprecated", "readOnly", "writeOnly"]);

/**
 * The data schema with each conditional step's `x-visible` on the fields it shows (with their own, if
 * any): a field of a step that may be hidden is optional, and its doc comment says when it is present.
 */
function withStepConditions(document: ProcedureDocument): unknown {
  const schema = structuredClone(document.schema) as unknown;
  for (const step of document.steps ?? []) {
    const condition = step["x-visible"];
    if (step.kind === "exit" || typeof condition !== "string") continue;
    for (const pointer of stepFields(step)) {
      let node: unknown = schema;
      for (const name of parsePointer(pointer)) node = isObject(node) && isObject(node.properties) ? node.properties[name] : undefined;
      if (!isObject(node)) continue; // through a $ref: the field's own keywords are all that is known
      const own = node["x-visible"];
      node["x-visible"] = typeof own === "string" ? `(${condition}) and (${own})` : condition;
    }
  }
  return schema;
}

/**
 * A copy of the data schema for json-schema-to-typescript: without `x-` keywords and titles (both
 * kept in the doc comments), with `$ref`s beside other keywords resolved as core does, enum labels
 * (`oneOf` of `const`s) as enums, `prefixItems` as tuples, conditionally shown fields optional and
 * file fields typed as attachments.
 */
export function typingSchema(schema: unknown, rootDoc: string): Json {
  const root = isObject(schema) ? schema : {};
  const out = convert(root, { root, inlining: [] });
  const node: Json = isObject(out) ? out : {};
  node.description = [rootDoc, typeof node.description === "string" ? node.description : undefined].filter(Boolean).join("\n\n");
  node[ROOT_MARK] = true;
  return node;
}

interface Context {
  readonly root: Json;
  /** `$ref`s being inlined, outermost first: a reference back to one of them stays a reference. */
  readonly inlining: readonly string[];
}

function convert(schema: unknown, ctx: Context): unknown {
  if (!isObject(schema)) return schema;
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const beside = Object.keys(schema).filter((k) => k !== "$ref" && !k.startsWith("x-"));
    if (beside.length > 0) {
      const doc = docOf(schema);
      if (beside.every((k) => ANNOTATIONS.has(k))) {
        // The referenced type, named, with this field's own doc comment.
        return { allOf: [{ $ref: ref }], ...(doc ? { description: doc } : {}), ...(schema.deprecated === true ? { deprecated: true } : {}) };
      }
      // Keywords beside $ref win over the referenced schema's, as in core: one type of their merge.
      const target = resolveLocalRef(ctx.root, ref);
      if (target && !ctx.inlining.includes(ref)) {
        const { $ref: _ref, ...siblings } = schema;
        return convert({ ...target, ...siblings }, { root: ctx.root, inlining: [...ctx.inlining, ref] });
      }
    }
  }

  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-") || DROPPED.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, convert(s, ctx)]));
    else if (SCHEMA_ONE.has(key) && (isObject(value) || typeof value === "boolean")) out[key] = convert(value, ctx);
    else if ((SCHEMA_LISTS.has(key) || key === "items") && Array.isArray(value)) out[key] = value.map((s) => convert(s, ctx));
    else out[key] = value;
  }
  const notes: string[] = [];

  // 2020-12 tuples, in the draft-07 form json-schema-to-typescript knows.
  if (Array.isArray(out.prefixItems)) {
    const rest = out.items;
    out.items = out.prefixItems;
    delete out.prefixItems;
    if (rest !== undefined) out.additionalItems = rest;
  }
  // The bounds of a list only annotate it: as a tuple, an inline item type would be repeated once per
  // required item. A tuple's (prefixItems) keep them: they say which lengths it has.
  if (!Array.isArray(out.items)) {
    const count = (n: number) => `${n} item${n === 1 ? "" : "s"}`;
    const min = typeof out.minItems === "number" && out.minItems > 0 ? out.minItems : undefined;
    const max = typeof out.maxItems === "number" ? out.maxItems : undefined;
    if (min !== undefined && max !== undefined) notes.push(min === max ? `Exactly ${count(min)}.` : `${min} to ${count(max)}.`);
    else if (min !== undefined) notes.push(`At least ${count(min)}.`);
    else if (max !== undefined) notes.push(`At most ${count(max)}.`);
    delete out.minItems;
    delete out.maxItems;
  } else if (typeof out.minItems === "number" && typeof out.maxItems === "number" && out.minItems > out.maxItems) {
    delete out.minItems; // json-schema-to-typescript refuses min > max: an unsatisfiable length
    delete out.maxItems;
  }

  // Enum labels: `oneOf: [{ "const": "M", "title": "Nam" }, …]` is the enum "M" | "F", its labels documented.
  if (out.enum === undefined && out.const === undefined) {
    for (const key of ["oneOf", "anyOf"]) {
      const labelled = enumOfConsts(schema[key]);
      if (!labelled) continue;
      out.enum = labelled.values;
      delete out[key];
      if (labelled.labels.length > 0) notes.push(labelled.labels.join("\n"));
      break;
    }
  }

  // A field that may be hidden is not submitted when it is: optional, whatever `required` says.
  if (Array.isArray(out.required) && isObject(schema.properties)) {
    const properties = schema.properties;
    out.required = out.required.filter((name) => typeof name !== "string" || !mayBeHidden(properties[name], ctx.root));
  }

  // An object with no declared member is any object (additionalProperties: false would make it `{}`).
  if (
    hasType(out, "object") &&
    schema["x-widget"] !== "file" &&
    ["properties", "patternProperties", "additionalProperties", "unevaluatedProperties", "$ref", "allOf", "anyOf", "oneOf"].every((k) => out[k] === undefined)
  ) {
    out.additionalProperties = true;
  }

  if (schema["x-widget"] === "file") typeFile(out);

  // Notes on list items that have no title of their own (enum labels of a checkbox group) are the list's.
  if (isObject(out.items) && isObject(schema.items) && docOf(schema.items) === undefined && typeof out.items.description === "string") {
    notes.push(out.items.description);
    delete out.items.description;
  }

  notes.push(...expressionNotes(schema));
  const doc = [docOf(schema), ...notes].filter(Boolean).join("\n\n");
  if (doc) out.description = doc;
  return out;
}

/** A file field holds the file's metadata (one, or a list): typed `AttachmentMeta` when its schema declares no members. */
function typeFile(node: Json): void {
  const bare = (n: Json) => ["properties", "patternProperties", "additionalProperties", "$ref", "allOf", "anyOf", "oneOf", "enum", "const"].every((k) => n[k] === undefined);
  if (hasType(node, "array") || node.items !== undefined) {
    if (node.items === undefined) node.items = { tsType: "AttachmentMeta" };
    else if (isObject(node.items) && bare(node.items) && (node.items.type === undefined || hasType(node.items, "object"))) node.items.tsType = "AttachmentMeta";
    return;
  }
  if (bare(node) && (node.type === undefined || hasType(node, "object"))) node.tsType = hasType(node, "null") ? "AttachmentMeta | null" : "AttachmentMeta";
}

/** The values and labels of `[{ "const": …, "title": … }, …]`, when every branch is just that. */
function enumOfConsts(branches: unknown): { values: unknown[]; labels: string[] } | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const values: unknown[] = [];
  const labels: string[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || !("const" in branch)) return undefined;
    if (!Object.keys(branch).every((k) => k === "const" || k.startsWith("x-") || ANNOTATIONS.has(k))) return undefined;
    values.push(branch.const);
    const label = docOf(branch);
    if (label) labels.push(`- ${JSON.stringify(branch.const)}: ${oneLine(label)}`);
  }
  return { values, labels };
}

/** Title, then description: what json-schema-to-typescript prints as the doc comment. */
function docOf(schema: Json): string | undefined {
  const title = typeof schema.title === "string" ? schema.title.trim() : "";
  const description = typeof schema.description === "string" ? schema.description.trim() : "";
  return [title, description !== title ? description : ""].filter(Boolean).join("\n\n") || undefined;
}

/** What the field's tokhai keywords tell a reader of the data. */
function expressionNotes(schema: Json): string[] {
  const lines: string[] = [];
  const code = (expression: unknown) => {
    let text = oneLine(String(expression));
    if (text.length > 100) text = `${text.slice(0, 99)}…`;
    return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
  };
  if (typeof schema["x-prefill"] === "string") lines.push(`Prefilled from ${code(schema["x-prefill"])}${schema["x-lock"] === true ? ", locked" : ""}.`);
  if (typeof schema["x-compute"] === "string") lines.push(`Computed: ${code(schema["x-compute"])}.`);
  if (typeof schema["x-visible"] === "string") lines.push(`Present only when ${code(schema["x-visible"])}.`);
  if (typeof schema["x-required"] === "string") lines.push(`Required when ${code(schema["x-required"])}.`);
  return lines.length > 0 ? [lines.join("\n")] : [];
}

/** Whether the property's field has an `x-visible` (on it, or on the schema it references). */
function mayBeHidden(property: unknown, root: Json): boolean {
  if (!isObject(property)) return false;
  if (property["x-visible"] !== undefined) return true;
  if (typeof property.$ref !== "string") return false;
  const target = resolveLocalRef(root, property.$ref);
  return target !== undefined && target["x-visible"] !== undefined;
}

/** A local `$ref` (`#/$defs/x`) resolved against the data schema, as core resolves it. */
function resolveLocalRef(root: Json, ref: string): Json | undefined {
  if (!ref.startsWith("#")) return undefined;
  const path = ref.slice(1);
  if (path !== "" && !path.startsWith("/")) return undefined;
  let node: unknown = root;
  for (const raw of path === "" ? [] : path.slice(1).split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      segment = raw;
    }
    segment = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = Object.prototype.hasOwnProperty.call(node, segment) ? (node as Json)[segment] : undefined;
  }
  return isObject(node) ? node : undefined;
}

function hasType(schema: Json, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The type name json-schema-to-typescript makes of a definition's key (its `toSafeString`). */
function safeTypeName(text: string): string {
  const basic = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
  const name = basic
    .replace(/(^\s*[^a-zA-Z_$])|([^a-zA-Z_$\d])/g, " ")
    .replace(/^_[a-z]/g, (m) => m.toUpperCase())
    .replace(/_[a-z]/g, (m) => m.slice(1).toUpperCase())
    .replace(/([\d$]+[a-zA-Z])/g, (m) => m.toUpperCase())
    .replace(/\s+([a-zA-Z])/g, (m) => m.trim().toUpperCase())
    .replace(/\s/g, "")
    .replace(/^\d+/, "");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Text safe inside a block comment. */
function comment(text: string): string {
  return oneLine(text).replace(/\*\//g, "*\\/");
}
