/**
 * What the declaration shows, as plain data: every step of the procedure in its order, under it each
 * section and each row of a repeatable group as on the form (the review page's grouping: "Cha", "Mẹ",
 * "Thành viên — Nguyễn Văn An"), each answer with its label, its text and where it came from; the files
 * attached; and what the data holds that no step shows. Only values the envelope holds are shown:
 * `validateSubmission` refuses a value for a field hidden by its conditions, so for a valid envelope
 * these are exactly the fields shown for its data, and for any other envelope nothing submitted is left
 * out.
 */
import { forEachLeaf } from "../equal.js";
import { localize } from "../messages.js";
import type { FieldNode } from "../model.js";
import { appendPointer, formatPointer, getIn, parsePointer } from "../pointer.js";
import { fieldNode, templateOf, type Procedure } from "../procedure.js";
import { stepFields } from "../steps.js";
import { stepTexts } from "../translations.js";
import type { Locale, Provenance } from "../types.js";
import { formatBytes } from "../attachments.js";
import { documentText } from "./document-messages.js";
import type { FieldFacts } from "./field-facts.js";
import { formatAnswer } from "./format-answer.js";

/** Where an answer came from, when not from the citizen alone. `source`: the register's title. */
export type Mark = { readonly kind: "verified" | "prefilled" | "edited"; readonly source: string } | { readonly kind: "computed" };

export interface AnswerView {
  readonly label: string;
  readonly text: string;
  readonly mark?: Mark;
  /** A statement the citizen ticked (a `const: true` checkbox: the declaration, a consent): its label is the statement. */
  readonly statement?: boolean;
}

/** The answers of a step, or of a section or row in it, under its heading. */
export interface GroupView {
  /** The heading; none for the step's own answers. */
  readonly heading?: string;
  /** How many sections deep it is (0: the step's own answers). */
  readonly depth: number;
  readonly answers: readonly AnswerView[];
}

export interface StepView {
  readonly title: string;
  readonly groups: readonly GroupView[];
}

export interface AttachmentView {
  /** The title of the field the file answers. */
  readonly document: string;
  readonly name: string;
  readonly type: string;
  readonly size: string;
}

export interface DeclarationModel {
  readonly steps: readonly StepView[];
  readonly attachments: readonly AttachmentView[];
  /** Values of the data no step shows (a value under an open object, a field no step lists). */
  readonly other: readonly AnswerView[];
}

/** The parts of an envelope the model reads, as `renderDeclaration` found them. */
export interface EnvelopeParts {
  readonly data: Record<string, unknown>;
  readonly provenance: Readonly<Record<string, unknown>>;
  readonly attachments: readonly unknown[];
}

interface Group {
  readonly heading?: string;
  readonly depth: number;
  readonly answers: AnswerView[];
  readonly parent?: Group;
  shown?: boolean;
}

interface Context {
  readonly procedure: Procedure;
  readonly envelope: EnvelopeParts;
  readonly facts: FieldFacts;
  readonly locale: Locale;
  readonly timeZone: string;
  /** Pointers of the values shown so far (leaves, and whole values shown as one answer). */
  readonly shown: Set<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The model of the declaration of `envelope`. */
export async function declarationModel(procedure: Procedure, envelope: EnvelopeParts, facts: FieldFacts, locale: Locale, timeZone: string): Promise<DeclarationModel> {
  const cx: Context = { procedure, envelope, facts, locale, timeZone, shown: new Set() };
  const steps: StepView[] = [];
  for (const step of procedure.steps) {
    if (step.kind === "exit") continue;
    const own: Group = { depth: 0, answers: [] };
    const groups: Group[] = [own];
    for (const pointer of stepFields(step)) {
      const node = fieldNode(procedure, pointer);
      if (node) await collect(cx, node, pointer, own, groups);
    }
    for (const g of groups) if (g.answers.length > 0) for (let up: Group | undefined = g; up && !up.shown; up = up.parent) up.shown = true;
    const shown = groups.filter((g) => g.shown);
    if (shown.length === 0) continue;
    const title = stepTexts(procedure.document, locale, step.id).title ?? step.title;
    steps.push({ title, groups: shown.map((g) => ({ ...(g.heading !== undefined ? { heading: g.heading } : {}), depth: g.depth, answers: g.answers })) });
  }
  return { steps, attachments: attachmentsOf(cx), other: otherData(cx) };
}

/**
 * The answers of a node into `group`; a section (an object with a title) and each row of a repeatable
 * group open a group of their own after it. `row` is the title of the row `node` is.
 */
async function collect(cx: Context, node: FieldNode, pointer: string, group: Group, groups: Group[], row?: string): Promise<void> {
  const value = getIn(cx.envelope.data, parsePointer(pointer));
  if (value === undefined) return;
  const title = row ?? cx.facts.title(pointer, node) ?? lastSegment(pointer);
  const leaf = node.schema["x-widget"] === "file" || (!node.properties && !node.items);
  const scalarList = node.items !== undefined && !node.items.properties && !node.items.items;
  if (leaf || scalarList || (node.properties && !isObject(value)) || (node.items && !node.properties && !Array.isArray(value))) {
    const answer = answerOf(cx, node, pointer, title, value);
    if (answer.text !== "") group.answers.push(answer); // an empty list: nothing was answered
    return;
  }
  if (node.properties) {
    let into = group;
    if (row === undefined && cx.facts.title(pointer, node)) {
      into = { heading: title, depth: group.depth + 1, answers: [], parent: group };
      groups.push(into);
    }
    for (const [name, child] of node.properties) await collect(cx, child, appendPointer(pointer, name), into, groups);
    return;
  }
  const rows = value as unknown[];
  for (let i = 0; i < rows.length; i++) {
    const rowPointer = appendPointer(pointer, i);
    const label = (await cx.facts.rowTitle(node, rows[i], i)) ?? documentText("row", cx.locale, { n: i + 1 });
    const name = `${title} — ${label}`;
    const into: Group = { heading: name, depth: group.depth + 1, answers: [], parent: group };
    groups.push(into);
    await collect(cx, node.items!, rowPointer, into, groups, name);
  }
}

/** One answer: its text, and where it came from. */
function answerOf(cx: Context, node: FieldNode, pointer: string, label: string, value: unknown): AnswerView {
  forEachLeaf(value, pointer, (p) => cx.shown.add(p));
  cx.shown.add(pointer);
  const format = (node.items && !node.properties ? node.items.schema.format : node.schema.format) as string | undefined;
  const text = formatAnswer(value, cx.locale, cx.facts.options(pointer, node), typeof format === "string" ? format : undefined, cx.timeZone);
  const statement = node.schema.type === "boolean" && node.schema.const === true && value === true;
  const mark = markOf(cx, pointer, value);
  return { label, text, ...(mark ? { mark } : {}), ...(statement ? { statement } : {}) };
}

/**
 * Where a value came from, by the provenance of its leaves in the envelope: computed, verified (locked
 * data of a register), prefilled from a register and kept, or prefilled and changed by the citizen.
 */
function markOf(cx: Context, pointer: string, value: unknown): Mark | undefined {
  const claims: Provenance[] = [];
  forEachLeaf(value, pointer, (p) => {
    const claim = Object.prototype.hasOwnProperty.call(cx.envelope.provenance, p) ? cx.envelope.provenance[p] : undefined;
    if (isObject(claim) && typeof claim["source"] === "string") claims.push(claim as Provenance);
  });
  if (claims.length === 0) return undefined;
  if (claims.every((c) => c.source === "computed")) return { kind: "computed" };
  const fromSource = claims.filter((c): c is Extract<Provenance, { path: string }> => "path" in c && typeof c.path === "string");
  if (fromSource.length !== claims.length) return undefined;
  const source = sourceTitle(cx, fromSource[0]!.source);
  if (fromSource.some((c) => c.edited === true)) return { kind: "edited", source };
  if (fromSource.every((c) => c.locked === true)) return { kind: "verified", source };
  return { kind: "prefilled", source };
}

/** The title of a source or lookup in the locale, or its name. */
function sourceTitle(cx: Context, name: string): string {
  const { sources, lookups } = cx.procedure.document;
  const register =
    (isObject(sources) && Object.hasOwn(sources, name) ? sources[name] : undefined) ?? (isObject(lookups) && Object.hasOwn(lookups, name) ? lookups[name] : undefined);
  const title = isObject(register) ? (register as { title?: unknown }).title : undefined;
  return (typeof title === "string" || isObject(title) ? localize(title as never, cx.locale, cx.procedure.defaultLocale) : undefined) ?? name;
}

/** The files the envelope lists, each by the title of the field it answers. */
function attachmentsOf(cx: Context): AttachmentView[] {
  const out: AttachmentView[] = [];
  for (const a of cx.envelope.attachments) {
    if (!isObject(a)) continue;
    const pointer = typeof a["pointer"] === "string" ? a["pointer"] : "";
    out.push({
      document: titleAt(cx, pointer),
      name: typeof a["name"] === "string" ? a["name"] : "",
      type: typeof a["type"] === "string" ? a["type"] : "",
      size: typeof a["size"] === "number" ? formatBytes(a["size"], cx.locale) : "",
    });
  }
  return out;
}

/** The title of the field at a data pointer ("Giấy tờ — Mục 2" inside rows is its field's own title), or the pointer. */
function titleAt(cx: Context, pointer: string): string {
  let segments: string[];
  try {
    segments = parsePointer(pointer);
  } catch {
    return pointer;
  }
  const t = templateOf(cx.procedure, segments);
  return (t && cx.facts.title(pointer, t.node)) ?? pointer;
}

/** Every value of the data not shown under a step, labelled by its field's title (or its pointer). */
function otherData(cx: Context): AnswerView[] {
  const out: AnswerView[] = [];
  forEachLeaf(cx.envelope.data, "", (pointer, value) => {
    if (pointer === "" || isShown(cx, pointer)) return;
    cx.shown.add(pointer);
    const segments = parsePointer(pointer);
    const t = templateOf(cx.procedure, segments);
    const label = (t && cx.facts.title(pointer, t.node)) ?? formatPointer(segments);
    const format = t?.node.schema.format;
    out.push({ label, text: formatAnswer(value, cx.locale, t ? cx.facts.options(pointer, t.node) : [], typeof format === "string" ? format : undefined, cx.timeZone) });
  });
  return out;
}

/** The value at `pointer`, or one holding it, was shown as an answer. */
function isShown(cx: Context, pointer: string): boolean {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    if (cx.shown.has(p)) return true;
    if (p === "") return false;
  }
}

function lastSegment(pointer: string): string {
  const segments = parsePointer(pointer);
  return segments[segments.length - 1] ?? pointer;
}
