import { formatOption, parseCommandArgs, type Command } from "../command.js";
import { EXIT, UsageError, type Io } from "../errors.js";
import { lint } from "../lint.js";
import { formatFinding, loadProcedureFile, locateProblem, sortFindings, type Finding } from "../load.js";

const HELP = `Usage: tokhai check <procedure.json>… [--format text|json] [--strict]

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

Options:
  --format json   one JSON object on stdout: { ok, files: [{ file, errors, warnings }], findings }
  --strict        warnings fail the check too (exit 1)
  -h, --help      show this help

Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors found; 2 a file could not be
read or is not JSON (the message says where the JSON breaks).

Example:
  tokhai check examples/procedures/*.json
`;

export const check: Command = {
  name: "check",
  summary: "find every problem of procedures, with file:line:column, plus lint warnings",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("check", args, { format: { type: "string" }, strict: { type: "boolean" } }, { min: 1, max: Infinity, names: "one or more procedure files" });
    const format = formatOption(values.format);
    const findings: Finding[] = [];
    const files: { file: string; errors: number; warnings: number; unusable?: string }[] = [];
    let unusable = false;
    for (const file of positionals) {
      let found: Finding[];
      try {
        found = await checkFile(file);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        unusable = true;
        files.push({ file, errors: 0, warnings: 0, unusable: error.message });
        if (format === "text") io.stderr(`tokhai check: ${error.message}\n`);
        continue;
      }
      findings.push(...found);
      files.push({ file, errors: found.filter((f) => f.severity === "error").length, warnings: found.filter((f) => f.severity === "warning").length });
    }
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.length - errors;
    const failed = errors > 0 || (values.strict === true && warnings > 0);
    if (format === "json") {
      io.stdout(`${JSON.stringify({ ok: !failed && !unusable, files, findings }, null, 2)}\n`);
    } else {
      for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
      const checked = files.filter((f) => !f.unusable).length;
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
      if (findings.length === 0 && checked > 0) io.stderr(`✔ ${plural(checked, "procedure")} checked: no problems\n`);
      else if (findings.length > 0) io.stderr(`${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(checked, "procedure")}\n`);
    }
    return unusable ? EXIT.usage : failed ? EXIT.failed : EXIT.ok;
  },
};

/** Errors of one file, or its warnings when it has no errors (lint needs a loaded procedure). */
async function checkFile(file: string): Promise<Finding[]> {
  const loaded = await loadProcedureFile(file);
  if (!loaded.ok) return loaded.findings;
  const { json, procedure } = loaded;
  return sortFindings(lint(procedure).map((w) => locateProblem(json, w, "warning")));
}
