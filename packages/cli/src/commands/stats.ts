import { appendPointer, createForm, type FieldNode, type Form, type Procedure } from "@tokhai/core";
import { formatOption, parseCommandArgs, type Command } from "../command.js";
import { contextNotes, readContext } from "../context.js";
import { EXIT, type Io } from "../errors.js";
import { loadOrReport } from "../load.js";

const HELP = `Usage: tokhai stats <procedure.json> [--context context.json] [--format text|json]

The declare-once report: how many fields the citizen must type, against those filled from the
state's data, per step and in total. With --context (the data a portal would pass, e.g. a persona
from examples/data), prefills are evaluated for that citizen; without it, nothing is prefilled.

A field is one value the citizen sees: a text, number, date, choice, checkbox, attachment, or a
checkbox group. Sections are not fields; a repeatable group counts the fields of each of its rows
(of one row, when the context gives it none).
  locked        prefilled from a source and shown as verified (x-lock)
  editable      prefilled from a source, the citizen may change it
  computed      derived by x-compute
  conditional   shown only under a condition (x-visible on it or a section holding it); those
                hidden for this citizen are not typed
  attachments   files to upload (x-widget: file)
  typed         what is left for the citizen: visible, not prefilled, not computed, not read-only,
                with no default value standing; its percentage is of the fields shown to this
                citizen (hidden ones left out)

Options:
  --context file.json   the data the portal passes ({ "citizen": { … }, … }); repeat it to merge;
                        --context <source>=file.json makes the whole file one source
                        several files (a persona, a catalogue), later ones winning
  --format json         one JSON object on stdout: { procedure, steps: [{ id, title, …counts }], total }
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
  computed: number;
  conditional: number;
  hidden: number;
  attachments: number;
  typed: number;
  /** typed / (fields − hidden): of the fields this citizen is shown, the share they type; percent, one decimal. */
  typedPercent: number;
}

const empty = (): Counts => ({ fields: 0, locked: 0, editable: 0, computed: 0, conditional: 0, hidden: 0, attachments: 0, typed: 0, typedPercent: 0 });

export const stats: Command = {
  name: "stats",
  summary: "the declare-once report: fields typed by the citizen versus filled from data",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("stats", args, { context: { type: "string", multiple: true }, format: { type: "string" } }, { min: 1, max: 1, names: "a procedure file" });
    const format = formatOption(values.format);
    const context = await readContext(values.context);
    const loaded = await loadOrReport(positionals[0]!, "stats", io);
    if (!loaded) return EXIT.failed;
    for (const note of contextNotes(context, loaded.procedure.document.sources ?? {}, "stats")) io.stderr(note);
    const { procedure } = loaded;
    const form = createForm(procedure, { context });
    await form.settled();
    const report = declareOnce(procedure, form);
    if (format === "json") {
      io.stdout(`${JSON.stringify({ procedure: { id: procedure.id, version: procedure.version, title: procedure.title }, context: values.context ?? [], ...report }, null, 2)}\n`);
    } else {
      io.stdout(renderTable(procedure, report, values.context?.join(", ")));
    }
    return EXIT.ok;
  },
};

/** Counts per step (in step order) and in total. A field no step shows counts in no step but in the total. */
export function declareOnce(procedure: Procedure, form: Form): { steps: ({ id: string; title: string } & Counts)[]; total: Counts } {
  const steps = procedure.steps.map((s) => ({ id: s.id, title: s.title, counts: empty(), roots: s.fields }));
  const total = empty();
  const visit = (node: FieldNode, pointer: string, conditional: boolean, hiddenAbove: boolean) => {
    const cond = conditional || node.schema["x-visible"] !== undefined;
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
    const c = classify(node, pointer, form, cond, hiddenAbove);
    const bucket = steps.filter((s) => s.roots.some((r) => node.pointer === r || node.pointer.startsWith(r + "/")));
    for (const counts of [total, ...bucket.slice(0, 1).map((s) => s.counts)]) add(counts, c);
  };
  visit(procedure.root, "", false, false);
  for (const counts of [total, ...steps.map((s) => s.counts)]) counts.typedPercent = counts.fields - counts.hidden > 0 ? Math.round((counts.typed / (counts.fields - counts.hidden)) * 1000) / 10 : 0;
  return { steps: steps.map((s) => ({ id: s.id, title: s.title, ...s.counts })), total };
}

/** A pointer through a row that does not exist (`/members/-/fullName`): no form state, schema only. */
function isTemplate(pointer: string): boolean {
  return pointer.split("/").includes("-");
}

type Kind = { locked: boolean; editable: boolean; computed: boolean; conditional: boolean; hidden: boolean; attachment: boolean; typed: boolean };

function classify(node: FieldNode, pointer: string, form: Form, conditional: boolean, hiddenAbove: boolean): Kind {
  const attachment = node.schema["x-widget"] === "file";
  if (isTemplate(pointer)) {
    const computed = node.schema["x-compute"] !== undefined;
    return { locked: false, editable: false, computed, conditional, hidden: false, attachment, typed: !computed };
  }
  const s = form.field(pointer);
  const fromSource = s.provenance !== undefined && "path" in s.provenance && s.value !== undefined;
  const hidden = hiddenAbove || !s.visible;
  const locked = fromSource && s.locked;
  const editable = fromSource && !s.locked;
  // A default the citizen may keep (a checkbox left unticked, one copy) is not typed.
  const defaulted = s.provenance?.source === "default" && s.value !== undefined;
  return { locked, editable, computed: s.computed, conditional, hidden: conditional && hidden, attachment, typed: !hidden && !fromSource && !s.computed && !s.readonly && !defaulted };
}

function add(c: Counts, k: Kind): void {
  c.fields++;
  if (k.locked) c.locked++;
  if (k.editable) c.editable++;
  if (k.computed) c.computed++;
  if (k.conditional) c.conditional++;
  if (k.hidden) c.hidden++;
  if (k.attachment) c.attachments++;
  if (k.typed) c.typed++;
}

function renderTable(procedure: Procedure, report: ReturnType<typeof declareOnce>, contextFile: string | undefined): string {
  const head = ["", "fields", "locked", "editable", "computed", "conditional", "attachments", "typed"];
  const row = (label: string, c: Counts) => [label, c.fields, c.locked, c.editable, c.computed, c.hidden ? `${c.conditional} (${c.hidden} hidden)` : c.conditional, c.attachments, `${c.typed} (${c.typedPercent} %)`].map(String);
  const rows = [head, ...report.steps.map((s) => row(`${s.id}  ${s.title}`, s)), row("total", report.total)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  const t = report.total;
  return (
    `${procedure.id} ${procedure.version}: ${procedure.title}\n` +
    `${contextFile ? `context: ${contextFile}` : "no context: nothing is prefilled (pass --context)"}\n\n` +
    rows.map((r) => `${line(r)}\n`).join("") +
    `\nThe citizen is shown ${t.fields - t.hidden} of ${t.fields} fields and types ${t.typed} of them (${t.typedPercent} %): ` +
    `${t.locked + t.editable} come from the state's data (${t.locked} verified and locked) and ${t.computed} ${t.computed === 1 ? "is" : "are"} computed.\n`
  );
}
