// The portal's compiled procedures: `tokhai compile` run on each procedure of examples/procedures, as a
// portal's build would, into examples/portal/.generated/compiled/<name>.js. The portal hands them to
// <tk-form> (dist/tokhai.precompiled.js), so the browser parses, checks and compiles nothing
// (Content-Security-Policy: script-src 'self').
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

export const COMPILED_DIR = join(root, "examples", "portal", ".generated", "compiled");
const TOKHAI = join(root, "packages", "cli", "bin", "tokhai.js");
/** What the output depends on besides the procedure: the compiler, in core's and the CLI's builds. */
const TOOLS = ["cli/dist/commands/compile.js", "core/dist/compiler.js", "core/dist/compile-procedure.js", "core/dist/compiled.js", "core/dist/expressions.js"].map((file) => join(root, "packages", file));

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/**
 * Compiles every procedure whose module is missing or older than the procedure or the compiler.
 * Resolves to the names compiled; rejects with the CLI's message when one fails.
 */
export async function ensureCompiled({ procedures = join(root, "examples", "procedures"), out = COMPILED_DIR } = {}) {
  mkdirSync(out, { recursive: true });
  const tools = Math.max(...TOOLS.map(mtime));
  const built = [];
  for (const file of readdirSync(procedures).filter((f) => f.endsWith(".json")).sort()) {
    const name = file.slice(0, -".json".length);
    const target = join(out, `${name}.js`);
    const source = join(procedures, file);
    if (mtime(target) > Math.max(mtime(source), tools)) continue;
    try {
      await run(process.execPath, [TOKHAI, "compile", source, "-o", target], { cwd: root, maxBuffer: 16 << 20 });
    } catch (error) {
      throw new Error(`tokhai compile ${file} failed:\n${error.stderr || error.message}`);
    }
    built.push(name);
  }
  return built;
}
