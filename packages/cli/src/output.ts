import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "./errors.js";

/**
 * Checks a command's `-o <file>` before any work (a usage error, exit 2): a file name, not a folder, and
 * none of the command's inputs; `clash` ends the message for the latter ("the procedure itself; name a
 * .js file").
 */
export function checkOutputFile(output: string, inputs: readonly string[] = [], clash = "an input file"): void {
  if (output === "" || output.endsWith("/")) throw new UsageError(`-o needs a file name, not "${output}"`);
  if (inputs.some((file) => resolve(file) === resolve(output))) throw new UsageError(`-o ${output} would overwrite ${clash}`);
}

/** Writes a command's output file, creating its folders; a failure is the user's (exit 2), said in one line. */
export async function writeOutput(output: string, text: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(resolve(output)), { recursive: true });
    await writeFile(output, text, typeof text === "string" ? "utf8" : undefined);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${output}: ${e.code === "EISDIR" ? "it is a directory" : e.message}`);
  }
}
