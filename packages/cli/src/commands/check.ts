import { realpath, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { displayPath } from "../block-files.js";
import { formatOption, parseCommandArgs, type Command } from "../command.js";
import { readCatalogue } from "../catalogue.js";
import { EXIT, UsageError, type Io } from "../errors.js";
import { lint } from "../lint.js";
import { formatFinding, loadProcedureFile, locateWarning, sortFindings, type Finding } from "../load.js";

const HELP = `Usage: tokhai check <procedure.json>… [--root <folder>] [--format text|json] [--strict]
       tokhai check <folder>… [--root <folder>] [--format text|json] [--strict]

Checks procedure documents the way loadProcedure does at run time (the meta-schema, JSON Schema
2020-12 validity, every JSONata expression, the sources' paths, steps, cycles) and adds warnings
for what loads but is almost certainly a mistake:
  field-not-in-step     a field no step shows
  unknown-required      a "required" name that "properties" does not define
  unused-source         a source declared and never read by an expression
  unused-lookup         a lookup declared and its result never read by an expression
  unknown-i18n-key      an i18n key that matches no field pointer, step, or path read of a source
                        or lookup (i18n.<locale>.sources.<name>["<path>"])
  enum-without-labels   an enum shown as raw codes (no oneOf const/title labels)
  slow-pattern          a pattern repeating a group that repeats, like (a+)+: it can freeze the page
  missing-translation   a text (title, description, step, exit page, field, choice label, rule
                        message, source title, the title of a path read of a source as the
                        data-use notice shows it) with no translation for a locale the procedure
                        declares in "i18n"
(An x-lock without an x-prefill is an error: loadProcedure refuses it.)

Each finding is printed as
  file:line:column  pointer  message
with the line and column of the JSON text (for expressions, of the character in the expression).

Building blocks: a "$ref" may name another file ("../blocks/address.json",
"../blocks/address.json#/$defs/province"), relative to the file that holds it. A problem inside a
block is located in the block's file, followed by a line per procedure it affects with the "$ref"s
that reached it:
  blocks/address.json:9:20  /schema/properties/detail/x-compute  …
    from procedures/a.json:14:9 → blocks/person.json:6:16
No file outside the root folder is read: the folder given, or the procedure's folder, or --root.

A folder is checked as a catalogue: every procedure below it (a .json file with an id, a version, a
title and a schema; one without a title is a block), then each block with the procedures that use it.

Options:
  --root <folder> the folder blocks must be in (default: the folder given, or each procedure's folder)
  --format json   one JSON object on stdout: { ok, files: [{ file, errors, warnings }], findings,
                  blocks: [{ file, id, version, procedures }] (when there are blocks) }
  --strict        warnings fail the check too (exit 1)
  -h, --help      show this help

Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors found; 2 a file could not be
read or is not JSON (the message says where the JSON breaks).

Examples:
  tokhai check examples/procedures/*.json
  tokhai check examples/
`;

export const check: Command = {
  name: "check",
  summary: "find every problem of procedures (or of a folder of procedures and blocks), with file:line:column, plus lint warnings",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      "check",
      args,
      { format: { type: "string" }, strict: { type: "boolean" }, root: { type: "string" } },
      { min: 1, max: Infinity, names: "one or more procedure files" },
    );
    const format = formatOption(values.format);
    const findings = new Map<string, Finding>();
    const files: { file: string; errors: number; warnings: number; unusable?: string }[] = [];
    const blocks = new Map<string, { file: string; id: string; version: string; procedures: Set<string> }>();
    let unusable = false;
    const targets: { file: string; root: string | undefined }[] = [];
    for (const given of positionals) {
      let folder = false;
      try {
        folder = (await stat(given)).isDirectory();
      } catch {
        // not there: reported as a procedure file that cannot be read
      }
      if (!folder) {
        targets.push({ file: given, root: values.root });
        continue;
      }
      try {
        const catalogue = await readCatalogue(given);
        for (const file of catalogue.procedures) targets.push({ file, root: values.root ?? given });
        // Shown, and matched with the blocks the procedures reach, as those are: relative to the working folder.
        for (const b of catalogue.blocks) {
          const file = displayPath(await realpath(b.file).catch(() => resolve(b.file)));
          if (!blocks.has(file)) blocks.set(file, { ...b, file, procedures: new Set() });
        }
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        unusable = true;
        files.push({ file: given, errors: 0, warnings: 0, unusable: error.message });
        if (format === "text") io.stderr(`tokhai check: ${error.message}\n`);
      }
    }
    for (const { file, root } of targets) {
      let checked: Checked;
      try {
        checked = await checkFile(file, root);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        unusable = true;
        files.push({ file, errors: 0, warnings: 0, unusable: error.message });
        if (format === "text") io.stderr(`tokhai check: ${error.message}\n`);
        continue;
      }
      // A problem in a block is one finding, whichever procedures reach it.
      for (const f of checked.findings) {
        const key = [f.severity, f.file, f.line, f.column, f.code, f.message].join("\u0000");
        const known = findings.get(key);
        findings.set(key, known && f.via ? { ...known, via: [...(known.via ?? []), ...f.via] } : (known ?? f));
      }
      for (const b of checked.blocks) {
        const entry = blocks.get(b.file) ?? { ...b, procedures: new Set<string>() };
        entry.procedures.add(file);
        blocks.set(b.file, entry);
      }
      const errors = checked.findings.filter((f) => f.severity === "error").length;
      files.push({ file, errors, warnings: checked.findings.length - errors });
    }
    const all = sortFindings([...findings.values()]);
    const errors = all.filter((f) => f.severity === "error").length;
    const warnings = all.length - errors;
    const failed = errors > 0 || (values.strict === true && warnings > 0);
    const blockList = [...blocks.values()].sort((a, b) => a.file.localeCompare(b.file)).map((b) => ({ file: b.file, id: b.id, version: b.version, procedures: [...b.procedures].sort() }));
    if (format === "json") {
      io.stdout(`${JSON.stringify({ ok: !failed && !unusable, files, findings: all, ...(blockList.length > 0 ? { blocks: blockList } : {}) }, null, 2)}\n`);
    } else {
      for (const f of all) io.stdout(`${formatFinding(f)}\n`);
      if (blockList.length > 0) {
        io.stdout(`Blocks and the procedures that use them:\n`);
        for (const b of blockList) io.stdout(`  ${b.file}  ${`${b.id} ${b.version}`.trim()}: ${b.procedures.length > 0 ? b.procedures.join(", ") : "used by no procedure"}\n`);
      }
      const checked = files.filter((f) => !f.unusable).length;
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
      if (all.length === 0 && checked > 0) io.stderr(`✔ ${plural(checked, "procedure")} checked: no problems\n`);
      else if (all.length > 0) io.stderr(`${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(checked, "procedure")}\n`);
    }
    return unusable ? EXIT.usage : failed ? EXIT.failed : EXIT.ok;
  },
};

interface Checked {
  readonly findings: Finding[];
  /** The blocks the procedure reached. */
  readonly blocks: readonly { readonly file: string; readonly id: string; readonly version: string }[];
}

/** Errors of one file, or its warnings when it has no errors (lint needs a loaded procedure), and its blocks. */
async function checkFile(file: string, root: string | undefined): Promise<Checked> {
  const loaded = await loadProcedureFile(file, root !== undefined ? { root } : {});
  const blocks = loaded.blocks.read();
  if (!loaded.ok) return { findings: loaded.findings, blocks };
  const { json, procedure } = loaded;
  return { findings: sortFindings(lint(procedure).map((w) => locateWarning(json, procedure, loaded.blocks, w))), blocks };
}
