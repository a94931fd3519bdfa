import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "./errors.js";

/** Writes a command's output file, creating its folders; a failure is the user's (exit 2), said in one line. */
export async function writeOutput(output: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(resolve(output)), { recursive: true });
    await writeFile(output, text, "utf8");
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${output}: ${e.code === "EISDIR" ? "it is a directory" : e.message}`);
  }
}
