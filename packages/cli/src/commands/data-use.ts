import { dataUse, translate, type Procedure, type RegisterUse } from "@tokhai/core";
import { formatOption, parseCommandArgs, type Command } from "../command.js";
import { localeOption } from "../context.js";
import { EXIT, type Io } from "../errors.js";
import { loadOrReport } from "../load.js";

const HELP = `Usage: tokhai data-use <procedure.json> [--format text|json] [--locale <tag>] [--root <folder>]

What the procedure reads of each register it declares (its sources, then its lookups), as its
expressions read it: each path, what it is (in the citizen's language), and the fields and steps
that use it. The data-use notice of <tk-form> shows the same to the citizen, and a portal can ask
each register for exactly these paths (core's usedData(procedure, context) cuts a record down to
them).

A path is written as an expression reads it: $citizen.permanentAddress.provinceCode. Lists are
mapped over: $household.members.personalId is the personalId of every member. "(all of it)" marks
a read of everything under a path: the whole register ($citizen alone, $keys($citizen)), an object
or a list read through a filter or a function ($household.members[relation = 'con']), or a value the
register's schema does not describe. A register read for nothing is listed too: the portal need not
pass it (tokhai check warns of it: unused-source).

An item is named by the title of the register schema's node at the path, after those of what holds
it ("Nơi thường trú — Tỉnh, thành phố"), translated by the procedure's
i18n.<locale>.sources.<name>["<path>"].title (lookups: i18n.<locale>.lookups); without one, by
the titles of the fields that show it.

Options:
  --locale <tag>   language of the titles, a BCP-47 tag such as vi or en (default: the procedure's
                   defaultLocale)
  --format json    one JSON object on stdout: { procedure: { id, version, title }, locale,
                   registers: [{ name, kind, title, description, whole, request, reads: [{ path,
                   text, label, whole, fields, steps, lookups }] }] }; path is the list of names, text the
                   path as written after $<name>. (empty for the whole register), request the
                   paths to ask the register for (no read inside another)
  --root <folder>  the folder the procedure's building blocks ("$ref": "../blocks/a.json") must
                   be in (default: the procedure's folder)
  -h, --help       show this help

Exit codes: 0 report printed; 1 the procedure has problems (each located); 2 the file could not be
read or is not JSON, or a bad option.

Example:
  tokhai data-use examples/procedures/dang-ky-thuong-tru.json --locale en
`;

export const dataUseCommand: Command = {
  name: "data-use",
  summary: "what the procedure reads of each source and lookup, path by path, with the fields using it",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("data-use", args, { locale: { type: "string" }, format: { type: "string" }, root: { type: "string" } }, { min: 1, max: 1, names: "a procedure file" });
    const format = formatOption(values.format);
    const loaded = await loadOrReport(positionals[0]!, "data-use", io, values.root !== undefined ? { root: values.root } : {});
    if (!loaded) return EXIT.failed;
    const { procedure } = loaded;
    const locale = localeOption(values.locale) ?? procedure.defaultLocale;
    const registers = dataUse(procedure, { locale });
    const title = translate(procedure.document, locale, (t) => t.title) ?? procedure.title;
    if (format === "json") {
      io.stdout(`${JSON.stringify({ procedure: { id: procedure.id, version: procedure.version, title }, locale, registers }, null, 2)}\n`);
    } else {
      io.stdout(renderText(procedure, title, locale, registers));
    }
    return EXIT.ok;
  },
};

/** The report for a designer: each register, then each path read, what it is, and what reads it. */
function renderText(procedure: Procedure, title: string, locale: string, registers: readonly RegisterUse[]): string {
  const lines: string[] = [`${procedure.id} ${procedure.version}: ${title}`, `locale: ${locale}`, ""];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  for (const register of registers) {
    lines.push(`${register.title}  ($${register.name}, ${register.kind})`);
    if (register.reads.length === 0) lines.push(`  nothing: no expression reads it, ${register.kind === "source" ? "and the portal need not pass it" : "and the register need not be asked"}`);
    const width = Math.min(48, Math.max(0, ...register.reads.map((r) => pathOf(register, r.text).length)));
    for (const read of register.reads) {
      const path = pathOf(register, read.text);
      lines.push(`  ${path.padEnd(width)}  ${read.label}${read.whole ? "  (all of it)" : ""}`);
      const by = [...read.fields.map((f) => f || "/"), ...read.steps.map((s) => `step "${s}"`), ...read.lookups.map((l) => `the input of lookup $${l}`)];
      if (by.length > 0) lines.push(`  ${" ".repeat(width)}    read by ${by.join(", ")}`);
    }
    lines.push("");
  }
  const read = registers.filter((r) => r.reads.length > 0);
  const paths = read.reduce((n, r) => n + r.reads.length, 0);
  const unread = registers.length - read.length;
  lines.push(`${plural(paths, "path")} read of ${plural(read.length, "register")}${unread > 0 ? `; ${plural(unread, "register")} declared and read for nothing` : ""}.`);
  return `${lines.join("\n")}\n`;
}

const pathOf = (register: RegisterUse, text: string) => `$${register.name}${text ? `.${text}` : ""}`;
