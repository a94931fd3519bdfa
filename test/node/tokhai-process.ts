// `tokhai` run as a process from the repository root, as a procedure designer runs it (the bin loads
// packages/cli/dist: `npm test` builds it first).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface TokhaiRun {
  /** The exit code (-1 when the process could not run). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tokhai <args>` in the repository root; never rejects. */
export function tokhai(...args: string[]): Promise<TokhaiRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["packages/cli/bin/tokhai.js", ...args], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : -1) : 0, stdout, stderr });
    });
  });
}
