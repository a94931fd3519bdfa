import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "./errors.js";

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
