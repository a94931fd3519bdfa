import { extname } from "node:path";
import { DeclarationError, renderDeclaration } from "@tokhai/core/document";
import { parseCommandArgs, type Command } from "../command.js";
import { contextNotes, localeOption, readContext } from "../context.js";
import { EXIT, UsageError, type Io } from "../errors.js";
import { readJson, type JsonText } from "../json-text.js";
import { loadOrReport } from "../load.js";
import { checkOutputFile, writeOutput } from "../output.js";
import { ChromiumNotFoundError, htmlToPdf, PdfError } from "../pdf.js";
import { fileRegisters, readRegisters } from "../registers.js";

const HELP = `Usage: tokhai render <procedure.json> <submission.json> [--receipt receipt.json]
                     [--context context.json] [--lookups registers.json] [--locale <tag>]
                     [--root <folder>] [-o declaration.html|declaration.pdf]

Writes the declaration ("tờ khai") of a submission envelope as a printable document, with core's
renderDeclaration: the procedure's title, id and version; every step, section and row in the
procedure's order, each answer formatted for the locale (choices by their labels, dates, numbers),
verified values with their source, computed values marked; the files attached; the statements
ticked; the date, the declarant and the signature when the envelope is signed; with --receipt, the
reference number and the time it was received. The envelope is expected to have been accepted by
\`tokhai validate\` (or validateSubmission): the declaration shows what it holds.

Options:
  --receipt file.json   the back end's receipt of the submission: { id, receivedAt, digest,
                        procedure: { id, version } }; it must be this envelope's
  --context file.json   the data the portal passed to the form, as for \`tokhai validate\` (repeatable,
                        <source>=file.json for one source): choices computed from it (a province's
                        communes) are written by their names; without it, by their codes
  --lookups file.json   the registers the procedure looks up, as for \`tokhai validate\` (only needed
                        when a choice or a row's title reads a lookup)
  --locale <tag>        the document's language, a BCP-47 tag such as vi or en (default: the
                        envelope's, else the procedure's)
  -o, --output <file>   write the declaration there: HTML for .html, PDF for .pdf (printed by the
                        system's Chromium: CHROMIUM_PATH, else /usr/bin/chromium). Without it, the
                        HTML is written to stdout
  --root <folder>       the folder the procedure's building blocks ("$ref": "../blocks/a.json") must
                        be in (default: the procedure's folder)
  -h, --help            show this help

Exit codes: 0 written; 1 the procedure has problems, or the file is not a submission of it (or the
receipt not its receipt), located in the file; 2 a file could not be read or is not JSON, an output
that cannot be written, no Chromium for a PDF, or Chromium failed.

Examples:
  tokhai render procedure.json submission.json --context context.json -o declaration.html
  tokhai render procedure.json submission.json --receipt receipt.json --locale en -o declaration.pdf
`;

export const render: Command = {
  name: "render",
  summary: "write the declaration of a submission as HTML or PDF (renderDeclaration)",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      "render",
      args,
      {
        receipt: { type: "string" },
        context: { type: "string", multiple: true },
        lookups: { type: "string" },
        locale: { type: "string" },
        root: { type: "string" },
        output: { type: "string", short: "o" },
      },
      { min: 2, max: 2, names: "a procedure file and a submission file" },
    );
    const [procedureFile, submissionFile] = positionals as [string, string];
    const output = values.output;
    const format = output === undefined ? "html" : outputFormat(output, [procedureFile, submissionFile]);
    const locale = localeOption(values.locale);
    const submission = await readJson(submissionFile, "submission file");
    const receipt = values.receipt !== undefined ? await readJson(values.receipt, "receipt file") : undefined;
    const context = await readContext(values.context);
    const registers = values.lookups !== undefined ? await readRegisters(values.lookups) : undefined;
    const loaded = await loadOrReport(procedureFile, "render", io, values.root !== undefined ? { root: values.root } : {});
    if (!loaded) return EXIT.failed;
    for (const note of contextNotes(context, loaded.procedure.document.sources ?? {}, "render")) io.stderr(note);
    let html: string;
    try {
      html = await renderDeclaration(loaded.procedure, submission.value, {
        context,
        ...(registers ? { lookup: fileRegisters(registers) } : {}),
        ...(locale ? { locale } : {}),
        ...(receipt ? { receipt: receipt.value as never } : {}),
      });
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      const file: JsonText = error.input === "receipt" && receipt ? receipt : submission;
      const at = file.locate(error.pointer);
      io.stderr(`${file.file}:${at.line}:${at.column}  ${error.pointer || "(document)"}  ${error.message.replace(/^tokhai: renderDeclaration: /, "")}\n`);
      return EXIT.failed;
    }
    if (output === undefined) {
      io.stdout(html);
      return EXIT.ok;
    }
    if (format === "html") {
      await writeOutput(output, html);
    } else {
      let pdf: Uint8Array;
      try {
        pdf = await htmlToPdf(html);
      } catch (error) {
        if (error instanceof ChromiumNotFoundError || error instanceof PdfError) throw new UsageError(`cannot print ${output}: ${error.message}`);
        throw error;
      }
      await writeOutput(output, pdf);
    }
    io.stderr(`✔ ${output}: the declaration of ${submissionFile} (${loaded.procedure.id} ${loaded.procedure.version})\n`);
    return EXIT.ok;
  },
};

/** The format an output file's extension asks for; never one of the input files. */
function outputFormat(output: string, inputs: readonly string[]): "html" | "pdf" {
  checkOutputFile(output, inputs, "an input file; name a .html or .pdf file");
  const ext = extname(output).toLowerCase();
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".pdf") return "pdf";
  throw new UsageError(`-o ${output}: name a .html or .pdf file (the format follows the extension)`);
}
