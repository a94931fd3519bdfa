import { validateSubmission, type FormError } from "@tokhai/core";
import { formatOption, parseCommandArgs, type Command } from "../command.js";
import { contextNotes, localeOption, readContext } from "../context.js";
import { EXIT, type Io } from "../errors.js";
import { readJson } from "../json-text.js";
import { loadOrReport } from "../load.js";
import { fileRegisters, readRegisters } from "../registers.js";
import { readSignatureKey } from "../signature-key.js";

const HELP = `Usage: tokhai validate <procedure.json> <submission.json> [--context context.json]
                       [--lookups registers.json] [--signature-key key] [--locale <tag>]
                       [--root <folder>] [--format text|json]

Validates a submission envelope as a back end must, with validateSubmission: the envelope's shape and
limits, the procedure id and major version, the data closed-world against the schema, the conditions,
rules and computed values recomputed from the submitted data, locked values and provenance claims
against the sources in the context, no value for a hidden field, and the signature (a procedure with
"signature": "required" refuses an unsigned envelope; a signature present is verified over the
envelope's digest, recomputed).

Each error is printed as
  submission.json:line:column  pointer  message
where the pointer is in the submission's data (or in the envelope, for envelope errors).

Options:
  --context file.json   the data the portal passed to the form ({ "citizen": { … }, … }); without
                        it, locked values cannot be checked against their sources and fail.
                        Repeat it to merge several files (a persona, a catalogue), later ones winning;
                        --context <source>=file.json makes the whole file one source
  --lookups file.json   the registers the procedure looks up (lookups), as records by lookup and
                        input: { "party2": { "001090000123": { "fullName": … } } }; an input it
                        has no record for is not found. Every lookup is resolved again for the
                        submitted input; without the file, a procedure with lookups fails closed
  --signature-key key   the public key that verifies the envelope's signature: ECDSA P-256 ("ES256",
                        the value base64 or base64url of r‖s) over the UTF-8 bytes of the digest
                        "sha256:…"; a JWK file or a PEM "PUBLIC KEY". Without it, a signed envelope
                        cannot be verified and fails
  --locale <tag>        language of the messages, a BCP-47 tag such as vi or en (default: the
                        envelope's, else the procedure's)
  --format json         one JSON object on stdout: { valid, errors: [{ pointer, keyword, message, line, column }],
                        omitted? } (at most 100 errors are listed; omitted counts the rest)
  --root <folder>       the folder the procedure's building blocks ("$ref": "../blocks/a.json") must
                        be in (default: the procedure's folder)
  -h, --help            show this help

Exit codes: 0 valid; 1 invalid (or the procedure has problems); 2 a file could not be read or is not JSON.

Example:
  tokhai validate procedure.json submission.json --context citizen-context.json
`;

export const validate: Command = {
  name: "validate",
  summary: "re-validate a submission envelope as a back end does (validateSubmission)",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      "validate",
      args,
      { context: { type: "string", multiple: true }, lookups: { type: "string" }, "signature-key": { type: "string" }, locale: { type: "string" }, format: { type: "string" }, root: { type: "string" } },
      { min: 2, max: 2, names: "a procedure file and a submission file" },
    );
    const format = formatOption(values.format);
    const locale = localeOption(values.locale);
    const [procedureFile, submissionFile] = positionals as [string, string];
    const submission = await readJson(submissionFile, "submission file");
    const context = await readContext(values.context);
    const registers = values.lookups !== undefined ? await readRegisters(values.lookups) : undefined;
    const verifySignature = values["signature-key"] !== undefined ? await readSignatureKey(values["signature-key"]) : undefined;
    const loaded = await loadOrReport(procedureFile, "validate", io, values.root !== undefined ? { root: values.root } : {});
    if (!loaded) return EXIT.failed;
    for (const note of contextNotes(context, loaded.procedure.document.sources ?? {}, "validate")) io.stderr(note);
    const lookup = registers ? fileRegisters(registers) : undefined;
    const result = await validateSubmission(loaded.procedure, submission.value, {
      context,
      ...(lookup ? { lookup } : {}),
      ...(locale ? { locale } : {}),
      ...(verifySignature ? { verifySignature } : {}),
    });
    const located = result.errors.map((e) => {
      const at = submission.locate(isEnvelopeError(e) ? e.pointer : `/data${e.pointer}`);
      return { ...e, line: at.line, column: at.column };
    });
    if (format === "json") {
      io.stdout(`${JSON.stringify({ valid: result.valid, errors: located, ...(result.omitted ? { omitted: result.omitted } : {}) }, null, 2)}\n`);
    } else if (result.valid) {
      io.stderr(`✔ ${submissionFile} is a valid submission of ${loaded.procedure.id} ${loaded.procedure.version}\n`);
    } else {
      for (const e of located) io.stdout(`${submissionFile}:${e.line}:${e.column}  ${e.pointer || "(data)"}  ${e.message}\n`);
      const n = located.length + (result.omitted ?? 0);
      const shown = result.omitted ? ` (the first ${located.length} shown)` : "";
      io.stderr(`${submissionFile}: ${n.toLocaleString("en")} error${n === 1 ? "" : "s"}${shown}\n`);
    }
    return result.valid ? EXIT.ok : EXIT.failed;
  },
};

/** Errors about the envelope itself (wrong procedure, version, no data; its signature) point into the envelope. */
function isEnvelopeError(e: FormError): boolean {
  return e.keyword === "envelope" || e.keyword === "signature";
}

