/**
 * `tokhai compile`: the whole procedure compiled ahead of time, as one self-contained ES module whose
 * default export is a compiled procedure (core's compiled.ts): the document as checked, every
 * expression's AST, reads and evaluation order as JSON, and the data validator as code (ajv standalone,
 * bundled with ajv's run-time helpers). Core loads it without parsing or analysing anything, and
 * dist/tokhai.precompiled.js carries neither JSONata's parser nor the load checks nor ajv. Nothing in
 * it generates code: it runs under `node --disallow-code-generation-from-strings` and under a CSP
 * without 'unsafe-eval'.
 */
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import commonjsModule, { type RollupCommonJSOptions } from "@rollup/plugin-commonjs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { rollup, type Plugin, type RollupLog } from "rollup";
import { parseAst } from "rollup/parseAst";
import { loadProcedure, type Procedure } from "@tokhai/core";
import { compileProcedure, compileValidatorSource } from "@tokhai/core/compile";
import { parseCommandArgs, type Command } from "../command.js";
import { EXIT, type Io } from "../errors.js";
import { checkOutputFile, writeOutput } from "../output.js";
import { loadOrReport } from "../load.js";

// The plugin's types are CommonJS-style: under NodeNext TypeScript sees its default import as the
// module object, though Node loads its ES build, whose default export is the plugin.
const commonjs = ((commonjsModule as unknown as { default?: unknown }).default ?? commonjsModule) as (options?: RollupCommonJSOptions) => Plugin;

const HELP = `Usage: tokhai compile <procedure.json> [-o <file.js>] [--root <folder>]

Compiles a procedure ahead of time into one self-contained ES module (no imports, no require, no eval
or new Function): the procedure as checked, every expression already parsed (JSONata ASTs as JSON),
what each reads and the order they run in, and the data validator as code, compiled exactly as
@tokhai/core compiles it at run time. Loading it parses, checks and compiles nothing: a portal's first
paint does not wait for it, dist/tokhai.precompiled.js (the smallest bundle, with no JSONata parser
and no ajv) can load it, and it runs under a Content-Security-Policy without 'unsafe-eval'.

The module's default export is the compiled procedure:
  import compiled from "./residence.compiled.js";
  tkForm.procedure = compiled;                          // <tk-form>, either bundle
  const procedure = loadCompiled(compiled);             // @tokhai/core or @tokhai/core/precompiled
Its named export \`validators\` ({ procedure: { id, version, schema }, data }) is the data validator
alone, for loadProcedure(document, { validators }) in @tokhai/core.
A module made by another version of tokhai's compiled format is refused at load, and so is one given
beside a document it was not made from (loadCompiled(compiled, { document })): compile again whenever
the procedure changes.

The procedure is loaded first; if it has problems they are printed as file:line:column  pointer
message (as \`tokhai check\` does) and nothing is written.

Options:
  -o, --output <file.js>  write the module there (parent folders are created) and print its size on
                          stderr; without it the module goes to stdout
  --root <folder>         the folder the procedure's building blocks ("$ref": "../blocks/a.json") must
                          be in (default: the procedure's folder); the module contains them
  -h, --help              show this help

Exit codes: 0 compiled; 1 the procedure has problems; 2 bad arguments, a missing file, a file that
is not JSON, or an output that cannot be written.

Example:
  tokhai compile examples/procedures/dang-ky-thuong-tru.json -o public/dang-ky-thuong-tru.compiled.js
`;

export const compile: Command = {
  name: "compile",
  summary: "compile a procedure ahead of time into one ES module (no parsing at load, no eval: strict CSP)",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("compile", args, { output: { type: "string", short: "o" }, root: { type: "string" } }, { min: 1, max: 1, names: "one procedure file" });
    const file = positionals[0]!;
    const output = values.output;
    if (output !== undefined) checkOutputFile(output, [file], "the procedure itself; name a .js file");
    const loaded = await loadOrReport(file, "compile", io, values.root !== undefined ? { root: values.root } : {});
    if (!loaded) return EXIT.failed;
    const { procedure } = loaded;
    const code = await compiledModule(procedure, output === undefined ? undefined : basename(output));
    if (output === undefined) {
      io.stdout(code);
      return EXIT.ok;
    }
    await writeOutput(output, code);
    io.stderr(`tokhai compile: wrote ${output} (${formatSize(Buffer.byteLength(code))}), ${procedure.id}@${procedure.version} compiled\n`);
    return EXIT.ok;
  },
};

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * The in-memory entry module. The other in-memory module, the validator, gets a (non-existent) path
 * inside @tokhai/core: the CommonJS plugin only transforms modules with a file extension, and the
 * helpers it requires are resolved from core.
 */
const ENTRY = "\0tokhai-compile-entry";

/**
 * The module of a procedure document: loads it (a `ProcedureError` if it has problems) and compiles it
 * as `tokhai compile` does. For build tools and benchmarks.
 */
export async function compileProcedureModule(document: unknown, options: { readonly fileName?: string } = {}): Promise<string> {
  return compiledModule(await loadProcedure(document), options.fileName);
}

/**
 * The module text of a loaded procedure: its compiled procedure as JSON, with the standalone validator
 * of its schema bundled with the ajv helpers it requires. Throws (an internal error, not the user's)
 * if the bundle could still load or generate code.
 */
export async function compiledModule(
  procedure: Procedure,
  /** The module's file name, for the usage example of its header. */
  fileName = `${procedure.id}.compiled.js`,
): Promise<string> {
  const { validators, ...compiled } = compileProcedure(procedure);
  const source = compileValidatorSource(procedure.document.schema, "esm");
  // ajv's helpers (`ajv/dist/runtime/ucs2length`, `ajv-formats/dist/formats`…) are dependencies of
  // @tokhai/core, not of the designer's project: resolve them from core, wherever tokhai is run.
  const corePackage = createRequire(import.meta.url).resolve("@tokhai/core/package.json");
  const validatorId = join(dirname(corePackage), "__tokhai_compile__", "validator.js");
  const fromCore = createRequire(corePackage);
  // JSON in a string: the engine parses JSON.parse's argument faster than an object literal as large.
  const json = JSON.stringify({ ...compiled, validators: { procedure: validators.procedure } });
  const entry = [
    `import validate from ${JSON.stringify(validatorId)};`,
    `const compiled = JSON.parse(${JSON.stringify(json)});`,
    `compiled.validators.data = validate;`,
    `/** The data validator alone, for loadProcedure(document, { validators }) in @tokhai/core. */`,
    `export const validators = compiled.validators;`,
    `export default compiled;`,
  ].join("\n");
  const virtual: Plugin = {
    name: "tokhai-compile",
    resolveId(id, importer) {
      if (id === ENTRY || id === validatorId) return id;
      if (importer === validatorId && !id.startsWith(".") && !id.startsWith("\0")) {
        try {
          return fromCore.resolve(id);
        } catch {
          return null;
        }
      }
      return null;
    },
    load(id) {
      if (id === ENTRY) return entry;
      if (id === validatorId) return source;
      return null;
    },
  };
  // ajv's run-time helpers carry, for its code generator, their own `require(…)` as a string
  // (`ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default'`). The bundle never reads it:
  // drop it, so that no "require(" is left for a reviewer (or a scanner) to wonder about.
  const codeHints: Plugin = {
    name: "tokhai-compile-code-hints",
    transform(code, id) {
      if (!/[\\/]ajv[\\/]dist[\\/]runtime[\\/]/.test(id)) return null;
      return { code: code.replace(/^[\t ]*[\w$]+\.code = 'require\([^'\n]*';[\t ]*$/gm, ""), map: null };
    },
  };
  const unresolved: string[] = [];
  const bundle = await rollup({
    input: ENTRY,
    // The validator is an ES module that `require`s ajv's helpers (ajv #1976): the CommonJS plugin
    // turns those into imports, which rollup then inlines.
    plugins: [virtual, codeHints, nodeResolve({ browser: true, preferBuiltins: false }), commonjs({ transformMixedEsModules: true })],
    onwarn(warning: RollupLog) {
      if (warning.code === "UNRESOLVED_IMPORT") unresolved.push(warning.exporter ?? warning.message);
      // MODULE_LEVEL_DIRECTIVE ("use strict" of the standalone code) and ajv's circular imports are harmless.
    },
  });
  let code: string;
  try {
    const { output } = await bundle.generate({ format: "es", banner: banner(procedure, fileName), generatedCode: "es2015" });
    code = output[0].code;
  } finally {
    await bundle.close();
  }
  if (unresolved.length > 0) throw new Error(`tokhai compile could not bundle ajv's run-time helpers: ${unresolved.join(", ")} not found from @tokhai/core`);
  const escapes = codeGeneration(code);
  if (escapes.length > 0) throw new Error(`tokhai compile produced a module that is not self-contained: ${escapes.join("; ")}`);
  return code.endsWith("\n") ? code : `${code}\n`;
}

function banner(procedure: { readonly id: string; readonly version: string }, fileName: string): string {
  const safe = (text: string) => text.replace(/\*\//g, "*\\/").replace(/[\r\n]/g, " ");
  return `/*
 * The compiled procedure ${safe(procedure.id)} ${safe(procedure.version)}.
 * Generated by \`tokhai compile\`: do not edit. Compile again whenever the procedure changes.
 *
 * Use (nothing is parsed, checked or compiled, and no code is generated at run time):
 *   import compiled from "./${safe(fileName)}";
 *   tkForm.procedure = compiled;                 // <tk-form>, dist/tokhai.precompiled.js or dist/tokhai.js
 *   const procedure = loadCompiled(compiled);    // @tokhai/core or @tokhai/core/precompiled
 */`;
}

type AstNode = { readonly type: string; readonly [key: string]: unknown };

/**
 * What in the module would load code or generate it at run time: imports (static or dynamic),
 * `import.meta`, `require(…)`, `eval(…)`, `Function(…)` / `new Function(…)`. Found in the syntax tree,
 * so a schema string that spells "require(" is no false alarm.
 */
export function codeGeneration(code: string): string[] {
  const found: string[] = [];
  const calleeName = (node: AstNode): string | undefined => {
    const callee = node["callee"] as AstNode;
    return callee.type === "Identifier" ? (callee["name"] as string) : undefined;
  };
  const visit = (node: AstNode) => {
    switch (node.type) {
      case "ImportDeclaration":
        found.push(`import from ${JSON.stringify((node["source"] as AstNode)["value"])}`);
        break;
      case "ImportExpression":
        found.push("import()");
        break;
      case "MetaProperty":
        found.push("import.meta");
        break;
      case "ExportNamedDeclaration":
      case "ExportAllDeclaration":
        if (node["source"]) found.push(`export from ${JSON.stringify((node["source"] as AstNode)["value"])}`);
        break;
      case "CallExpression":
      case "NewExpression": {
        const name = calleeName(node);
        if (name === "require" || name === "eval" || name === "Function") found.push(`${node.type === "NewExpression" ? "new " : ""}${name}(…)`);
        break;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === "object" && typeof item.type === "string") visit(item as AstNode);
      } else if (value && typeof value === "object" && typeof (value as AstNode).type === "string") {
        visit(value as AstNode);
      }
    }
  };
  visit(parseAst(code) as unknown as AstNode);
  return found;
}
