import { appendPointer, createForm, formatPointer, parsePointer, type FieldNode, type Form, type Procedure } from "@tokhai/core";
import { formatOption, parseCommandArgs, type Command } from "../command.js";
import { contextNotes, readContext } from "../context.js";
import { EXIT, type Io } from "../errors.js";
import { loadOrReport } from "../load.js";

const HELP = `Usage: tokhai stats <procedure.json> [--context context.json] [--root <folder>] [--format text|json]

The declare-once report: how many fields the citizen must type, against those filled from the
state's data, per step and in total. With --context (the data a portal would pass, e.g. a persona
from examples/data), prefills are evaluated for that citizen; without it, nothing is prefilled.

A field is one value the citizen sees: a text, number, date, choice, checkbox, attachment, or a
checkbox group. Sections are not fields; a repeatable group counts the fields of each of its rows
(of one row, when the context gives it none).
  locked        prefilled from a source and shown as verified (x-lock)
  editable      prefilled from a source, the citizen may change it
  looked up     filled from a register the procedure looks up (lookups) once the citizen gives
                what it looks up (the other party's personal ID): not typed, whatever the register
                answers for this context. A field shown only once a lookup finds its record counts
                as shown
  computed      derived by x-compute
  conditional   shown only under a condition (x-visible on it, on a section holding it, or on
                the step showing it); those hidden for this citizen are not typed
  attachments   files to upload (x-widget: file)
  typed         what is left for the citizen: visible, not prefilled, not computed, not read-only,
                with no default value standing; its percentage is of the fields shown to this
                citizen (hidden ones left out). This is the least the citizen types: the fields
                shown with their data, before they answer anything.
  at most       the most they may type: typed, plus the hidden fields their own answers may reveal
                (a contract to upload once they choose "rented"). Each answer a condition reads is
                tried when it has a finite set (a choice, a checkbox); a field some answer reveals
                counts, even if another answer reveals another one instead. A condition on a free
                answer (a text, a number, a date, a file) cannot be tried: its field counts as
                possibly asked. A condition on data the citizen cannot change (locked, computed, a
                source) reveals nothing. Its percentage is of the fields shown at most.

Options:
  --context file.json   the data the portal passes ({ "citizen": { … }, … }); repeat it to merge;
                        --context <source>=file.json makes the whole file one source
                        several files (a persona, a catalogue), later ones winning
  --format json         one JSON object on stdout: { procedure, context, steps: [{ id, title, …counts }], total };
                        counts: { fields, locked, editable, lookedUp, computed, conditional, hidden, attachments,
                        typed, typedPercent, revealed, mayBeRevealed, typedAtMost, typedAtMostPercent }:
                        revealed = hidden fields some finite answer reveals, mayBeRevealed = hidden
                        fields under a condition on a free answer, typedAtMost = typed + those of
                        both that the citizen would type
  --root <folder>       the folder the procedure's building blocks ("$ref": "../blocks/a.json") must
                        be in (default: the procedure's folder)
  -h, --help            show this help

Exit codes: 0 report printed; 1 the procedure has problems; 2 a file could not be read or is not JSON.

Example:
  tokhai stats examples/procedures/dang-ky-thuong-tru.json --context examples/data/personas/le-thi-mai.json \\
    --context catalog=examples/data/administrative-units.json
`;

export interface Counts {
  fields: number;
  locked: number;
  editable: number;
  /** Filled from a lookup in a register once the citizen gives its input: not typed. */
  lookedUp: number;
  computed: number;
  conditional: number;
  hidden: number;
  attachments: number;
  typed: number;
  /** typed / (fields − hidden): of the fields this citizen is shown, the share they type; percent, one decimal. */
  typedPercent: number;
  /** Hidden fields that some answer of the citizen reveals (answers tried one set after another). */
  revealed: number;
  /** Hidden fields under a condition on an answer that cannot be enumerated (free text, number, date, file). */
  mayBeRevealed: number;
  /** typed + the revealed and possibly revealed fields the citizen would type: the most they type. */
  typedAtMost: number;
  /** typedAtMost / (fields − hidden + revealed + mayBeRevealed); percent, one decimal. */
  typedAtMostPercent: number;
}

const empty = (): Counts => ({
  fields: 0, locked: 0, editable: 0, lookedUp: 0, computed: 0, conditional: 0, hidden: 0, attachments: 0, typed: 0, typedPercent: 0,
  revealed: 0, mayBeRevealed: 0, typedAtMost: 0, typedAtMostPercent: 0,
});

export const stats: Command = {
  name: "stats",
  summary: "the declare-once report: fields typed by the citizen versus filled from data",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("stats", args, { context: { type: "string", multiple: true }, format: { type: "string" }, root: { type: "string" } }, { min: 1, max: 1, names: "a procedure file" });
    const format = formatOption(values.format);
    const context = await readContext(values.context);
    const loaded = await loadOrReport(positionals[0]!, "stats", io, values.root !== undefined ? { root: values.root } : {});
    if (!loaded) return EXIT.failed;
    for (const note of contextNotes(context, loaded.procedure.document.sources ?? {}, "stats")) io.stderr(note);
    const { procedure } = loaded;
    const form = createForm(procedure, { context });
    await form.settled();
    const revealed = await revealedByAnswers(procedure, form, () => createForm(procedure, { context }));
    const report = declareOnce(procedure, form, revealed);
    if (format === "json") {
      io.stdout(`${JSON.stringify({ procedure: { id: procedure.id, version: procedure.version, title: procedure.title }, context: values.context ?? [], ...report }, null, 2)}\n`);
    } else {
      io.stdout(renderTable(procedure, report, values.context?.join(", ")));
    }
    return EXIT.ok;
  },
};

/** One field as the report walks them: its pointer (`-` for a row that does not exist) and what hides it. */
interface Leaf {
  node: FieldNode;
  pointer: string;
  conditional: boolean;
  hiddenAbove: boolean;
}

/** Every field of the form, in document order: attachments are one field, rows are walked (one template row when none). */
function leaves(procedure: Procedure, form: Form): Leaf[] {
  const out: Leaf[] = [];
  const visit = (node: FieldNode, pointer: string, conditional: boolean, hiddenAbove: boolean) => {
    const cond = conditional || (procedure.expressionsOf.get(node) ?? []).some((e) => VISIBILITY.has(e.keyword));
    // An attachment is one field, though its value is an object (name, type, size).
    if (node.properties && node.kind === "object" && node.schema["x-widget"] !== "file") {
      const hidden = hiddenAbove || (pointer !== "" && !isTemplate(pointer) && !form.field(pointer).visible);
      for (const [name, child] of node.properties) visit(child, appendPointer(pointer, name), cond, hidden);
      return;
    }
    if (node.items?.properties) {
      const rows = isTemplate(pointer) ? [] : form.get(pointer);
      const hidden = hiddenAbove || (!isTemplate(pointer) && !form.field(pointer).visible);
      if (Array.isArray(rows) && rows.length > 0) rows.forEach((_, i) => visit(node.items!, appendPointer(pointer, String(i)), cond, hidden));
      else visit(node.items, appendPointer(pointer, "-"), cond, hidden);
      return;
    }
    out.push({ node, pointer, conditional: cond, hiddenAbove });
  };
  visit(procedure.root, "", false, false);
  return out;
}

/**
 * Counts per step (in step order) and in total. A field no step shows counts in no step but in the total.
 * `revealed`: the hidden fields the citizen's answers may reveal (see `revealedByAnswers`); none without it.
 */
export function declareOnce(
  procedure: Procedure,
  form: Form,
  revealed: ReadonlyMap<string, Revealed> = new Map(),
): { steps: ({ id: string; title: string } & Counts)[]; total: Counts } {
  // Exit pages ask nothing: they are not counted as steps.
  const steps = procedure.steps.filter((s) => s.kind !== "exit").map((s) => ({ id: s.id, title: s.title, counts: empty(), roots: s.fields ?? [] }));
  const total = empty();
  for (const { node, pointer, conditional, hiddenAbove } of leaves(procedure, form)) {
    const c = classify(procedure, node, pointer, form, conditional, hiddenAbove);
    const bucket = steps.filter((s) => s.roots.some((r) => node.pointer === r || node.pointer.startsWith(r + "/")));
    for (const counts of [total, ...bucket.slice(0, 1).map((s) => s.counts)]) add(counts, c, c.hidden ? revealed.get(pointer) : undefined);
  }
  const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  for (const counts of [total, ...steps.map((s) => s.counts)]) {
    counts.typedPercent = percent(counts.typed, counts.fields - counts.hidden);
    counts.typedAtMostPercent = percent(counts.typedAtMost, counts.fields - counts.hidden + counts.revealed + counts.mayBeRevealed);
  }
  return { steps: steps.map((s) => ({ id: s.id, title: s.title, ...s.counts })), total };
}

/**
 * How a hidden field may be revealed: `answer`, some answer of the citizen's (tried in a form) shows it;
 * `free`, its condition reads an answer that cannot be enumerated, so it is possibly asked. `typed`:
 * whether the citizen would type it once shown (not prefilled, computed, read-only or defaulted).
 */
export interface Revealed {
  how: "answer" | "free";
  typed: boolean;
}

/** The conditions that show or hide a field: its own `x-visible`, and its step's (`step`). */
const VISIBILITY: ReadonlySet<string> = new Set(["x-visible", "step"]);
const COMPUTE: ReadonlySet<string> = new Set(["x-compute"]);

/** Most sets of answers tried for one field's condition; past it, the field counts as possibly asked. */
const MAX_COMBINATIONS = 256;

type Answers = { pointer: string; order: number; values: unknown[] };
type Controllers = { answers: Map<string, Answers>; free: boolean };

/**
 * The fields hidden with the citizen's data (`form`, settled) that their own answers may reveal. For each,
 * the answers its conditions (`x-visible` on it and on the sections holding it) read are found from the
 * procedure's analysed reads: a field the citizen can answer, with a finite set of answers (its options,
 * true/false), is tried; a computed field stands for the answers it is computed from; a hidden one brings
 * the answers that reveal it. Each set of answers is set in a fresh form (`fresh`), and the fields it
 * shows are revealed.
 */
export async function revealedByAnswers(procedure: Procedure, form: Form, fresh: () => Form): Promise<Map<string, Revealed>> {
  const result = new Map<string, Revealed>();
  const hidden = leaves(procedure, form).filter((l) => !isTemplate(l.pointer) && classify(procedure, l.node, l.pointer, form, l.conditional, l.hiddenAbove).hidden);
  const groups = new Map<string, { controllers: Controllers; pointers: string[] }>();
  for (const leaf of hidden) {
    const controllers = controllersOf(procedure, form, leaf.node, leaf.pointer);
    if (controllers.free) {
      result.set(leaf.pointer, { how: "free", typed: typedOnceShown(leaf.node) });
      continue;
    }
    if (controllers.answers.size === 0) continue; // only data the citizen cannot change decides
    const list = [...controllers.answers.values()].sort((a, b) => a.order - b.order);
    if (list.reduce((n, a) => n * a.values.length, 1) > MAX_COMBINATIONS) {
      result.set(leaf.pointer, { how: "free", typed: typedOnceShown(leaf.node) });
      continue;
    }
    const key = JSON.stringify(list.map((a) => [a.pointer, a.values]));
    const group = groups.get(key) ?? { controllers, pointers: [] };
    group.pointers.push(leaf.pointer);
    groups.set(key, group);
  }
  for (const { controllers, pointers } of groups.values()) {
    const list = [...controllers.answers.values()].sort((a, b) => a.order - b.order);
    for (const combination of combinations(list.map((a) => a.values))) {
      const pending = pointers.filter((p) => !result.has(p));
      if (pending.length === 0) break;
      const trial = fresh();
      await trial.settled();
      // Twice: an answer under a condition that an earlier answer meets is set once that one shows it.
      for (let round = 0; round < 2; round++) {
        list.forEach((a, i) => {
          try {
            trial.set(a.pointer, combination[i]);
          } catch {
            // An answer the form refuses (a row that is not there) is not one the citizen can give.
          }
        });
        await trial.settled();
      }
      for (const p of pending) {
        const leaf = hidden.find((l) => l.pointer === p)!;
        const c = classify(procedure, leaf.node, p, trial, leaf.conditional, false);
        if (!c.hidden && visibleAbove(trial, p)) result.set(p, { how: "answer", typed: c.typed });
      }
    }
  }
  return result;
}

/** Whether every section holding a field is shown in a form. */
function visibleAbove(form: Form, pointer: string): boolean {
  const segments = parsePointer(pointer);
  for (let i = 1; i < segments.length; i++) {
    if (!form.field(formatPointer(segments.slice(0, i))).visible) return false;
  }
  return true;
}

function* combinations(values: unknown[][]): Generator<unknown[]> {
  if (values.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = values;
  for (const v of first!) for (const tail of combinations(rest)) yield [v, ...tail];
}

/** A field hidden now that would be typed once shown, judged from its schema: no prefill, compute, read-only or default. */
function typedOnceShown(node: FieldNode): boolean {
  return ["x-prefill", "x-compute", "x-readonly", "default"].every((k) => node.schema[k] === undefined);
}

/**
 * The answers the conditions hiding a field read (`x-visible` on the field and on each section holding
 * it), at the field's own rows. `free` when one of them cannot be enumerated.
 */
function controllersOf(procedure: Procedure, form: Form, node: FieldNode, pointer: string): Controllers {
  const out: Controllers = { answers: new Map(), free: false };
  const seen = new Set<string>();
  const indices = rowIndices(node, pointer);
  const readsOf = (n: FieldNode, keywords: ReadonlySet<string>, rows: string[], depth: number) => {
    for (const e of procedure.expressionsOf.get(n) ?? []) {
      if (!keywords.has(e.keyword)) continue;
      for (const read of e.reads) follow(concrete(read.pointer, rows.slice(0, read.level)), depth);
    }
  };
  const conditionsOf = (n: FieldNode, rows: string[], depth: number) => {
    for (let at: FieldNode | undefined = n; at; at = at.parent) readsOf(at, VISIBILITY, rows, depth);
  };
  const follow = (p: string | undefined, depth: number) => {
    if (p === undefined || depth > 8) {
      out.free = true; // a read across every row, or conditions nested past reason
      return;
    }
    if (seen.has(p)) return;
    seen.add(p);
    const t = nodeOf(procedure, p);
    if (!t) {
      out.free = true;
      return;
    }
    const state = form.field(p);
    if (state.locked) return; // verified data: the citizen cannot change it
    if (state.computed) {
      readsOf(t, COMPUTE, rowIndices(t, p), depth + 1);
      return;
    }
    if (state.readonly) return;
    if (!state.visible) conditionsOf(t, rowIndices(t, p), depth + 1);
    const values = finiteAnswers(t, state.options?.map((o) => o.value));
    if (values === undefined) out.free = true;
    else out.answers.set(p, { pointer: p, order: t.order, values });
  };
  conditionsOf(node, indices, 0);
  return out;
}

/** The answers a field can be given, when finite: its options (one at a time for a checkbox group), true/false. */
function finiteAnswers(node: FieldNode, options: unknown[] | undefined): unknown[] | undefined {
  if (node.schema["x-widget"] === "file") return undefined;
  if (options && options.length > 0) return node.kind === "array" ? options.map((v) => [v]) : options;
  if (node.kind === "boolean") return [true, false];
  return undefined;
}

/** The row indices of a data pointer, outermost first, where its template has `-`. */
function rowIndices(node: FieldNode, pointer: string): string[] {
  const segments = parsePointer(pointer);
  return node.segments.flatMap((s, i) => (s === "-" ? [segments[i]!] : []));
}

/** A template pointer with its first rows filled in; undefined when a row is left open (a read of every row). */
function concrete(template: string, rows: string[]): string | undefined {
  let i = 0;
  const segments = parsePointer(template).map((s) => (s === "-" && i < rows.length ? rows[i++]! : s));
  if (segments.includes("-")) return undefined;
  return formatPointer(segments);
}

/** The field node a data pointer falls on (a row index goes through the array's items). */
function nodeOf(procedure: Procedure, pointer: string): FieldNode | undefined {
  let node: FieldNode | undefined = procedure.root;
  for (const s of parsePointer(pointer)) node = node?.properties?.get(s) ?? (/^\d+$/.test(s) ? node?.items : undefined);
  return node;
}

/** A pointer through a row that does not exist (`/members/-/fullName`): no form state, schema only. */
function isTemplate(pointer: string): boolean {
  return pointer.split("/").includes("-");
}

type Kind = { locked: boolean; editable: boolean; lookedUp: boolean; computed: boolean; conditional: boolean; hidden: boolean; attachment: boolean; typed: boolean };

const PREFILL: ReadonlySet<string> = new Set(["x-prefill"]);

/**
 * An expression of one of `keywords` on the field, or on a field holding it, reads a lookup
 * (`$<lookup>`). With `x-prefill`: the field is filled from a register once the citizen gives what it
 * looks up. With the conditions: it is shown once a lookup finds its record (the other party's
 * details, shown once she is found); the report counts it as shown, as it is whenever the citizen's
 * input is in the register.
 */
function readsLookup(procedure: Procedure, node: FieldNode, keywords: ReadonlySet<string>): boolean {
  if (procedure.lookupNames.length === 0) return false;
  for (let n: FieldNode | undefined = node; n; n = n.parent) {
    for (const e of procedure.expressionsOf.get(n) ?? []) {
      if (keywords.has(e.keyword) && e.sourceReads.some((r) => procedure.lookupNames.includes(r.source))) return true;
    }
  }
  return false;
}

function classify(procedure: Procedure, node: FieldNode, pointer: string, form: Form, conditional: boolean, hiddenAbove: boolean): Kind {
  const attachment = node.schema["x-widget"] === "file";
  const lookedUp = readsLookup(procedure, node, PREFILL);
  if (isTemplate(pointer)) {
    const computed = node.schema["x-compute"] !== undefined;
    return { locked: false, editable: false, lookedUp, computed, conditional, hidden: false, attachment, typed: !computed && !lookedUp };
  }
  const s = form.field(pointer);
  const byLookup = readsLookup(procedure, node, VISIBILITY);
  if (byLookup) hiddenAbove = false;
  if (lookedUp) {
    const hidden = hiddenAbove || (!s.visible && !byLookup);
    return { locked: false, editable: false, lookedUp, computed: s.computed, conditional, hidden: conditional && hidden, attachment, typed: false };
  }
  const fromSource = s.provenance !== undefined && "path" in s.provenance && s.value !== undefined;
  const hidden = hiddenAbove || (!s.visible && !byLookup);
  const locked = fromSource && s.locked;
  const editable = fromSource && !s.locked;
  // A default the citizen may keep (a checkbox left unticked, one copy) is not typed.
  const defaulted = s.provenance?.source === "default" && s.value !== undefined;
  return { locked, editable, lookedUp: false, computed: s.computed, conditional, hidden: conditional && hidden, attachment, typed: !hidden && !fromSource && !s.computed && !s.readonly && !defaulted };
}

function add(c: Counts, k: Kind, revealed: Revealed | undefined): void {
  c.fields++;
  if (k.locked) c.locked++;
  if (k.editable) c.editable++;
  if (k.lookedUp) c.lookedUp++;
  if (k.computed) c.computed++;
  if (k.conditional) c.conditional++;
  if (k.hidden) c.hidden++;
  if (k.attachment) c.attachments++;
  if (k.typed) c.typed++;
  if (revealed?.how === "answer") c.revealed++;
  if (revealed?.how === "free") c.mayBeRevealed++;
  if (k.typed || revealed?.typed) c.typedAtMost++;
}

/** The sentence on the most the citizen may type, once their answers reveal hidden fields. */
function atMost(t: Counts): string {
  if (t.hidden === 0) return "";
  const shown = t.fields - t.hidden + t.revealed + t.mayBeRevealed;
  const free = t.mayBeRevealed
    ? ` and ${t.mayBeRevealed} more may be (${t.mayBeRevealed === 1 ? "its condition reads" : "their conditions read"} a free answer, which cannot be tried)`
    : "";
  return (
    `Of the ${t.hidden} hidden, ${t.revealed} ${t.revealed === 1 ? "is" : "are"} revealed by some answer of the citizen's${free}: ` +
    `at most, they are shown ${shown} fields and type ${t.typedAtMost} (${t.typedAtMostPercent} %).\n`
  );
}

function renderTable(procedure: Procedure, report: ReturnType<typeof declareOnce>, contextFile: string | undefined): string {
  // The "looked up" column only for a procedure with lookups: the others' tables stay as they were.
  const lookups = procedure.lookupNames.length > 0;
  const head = ["", "fields", "locked", "editable", ...(lookups ? ["looked up"] : []), "computed", "conditional", "attachments", "typed", "at most"];
  const row = (label: string, c: Counts) =>
    [
      label,
      c.fields,
      c.locked,
      c.editable,
      ...(lookups ? [c.lookedUp] : []),
      c.computed,
      c.hidden ? `${c.conditional} (${c.hidden} hidden)` : c.conditional,
      c.attachments,
      `${c.typed} (${c.typedPercent} %)`,
      `${c.typedAtMost} (${c.typedAtMostPercent} %)`,
    ].map(String);
  const rows = [head, ...report.steps.map((s) => row(`${s.id}  ${s.title}`, s)), row("total", report.total)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  const t = report.total;
  return (
    `${procedure.id} ${procedure.version}: ${procedure.title}\n` +
    `${contextFile ? `context: ${contextFile}` : "no context: nothing is prefilled (pass --context)"}\n\n` +
    rows.map((r) => `${line(r)}\n`).join("") +
    `\nThe citizen is shown ${t.fields - t.hidden} of ${t.fields} fields and types ${t.typed} of them (${t.typedPercent} %): ` +
    `${t.locked + t.editable} come from the state's data (${t.locked} verified and locked)` +
    (lookups ? `, ${t.lookedUp} from registers looked up as they answer,` : "") +
    ` and ${t.computed} ${t.computed === 1 ? "is" : "are"} computed.\n` +
    atMost(t)
  );
}
