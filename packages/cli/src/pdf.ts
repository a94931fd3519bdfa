/**
 * HTML to PDF through the system's Chromium, headless (`--print-to-pdf`): the declaration's A4 print
 * styles are Chromium's to lay out, with the fonts of the system (none is embedded by tokhai; the
 * document asks for Noto Serif, DejaVu Serif or Times New Roman, which carry Vietnamese letters). The
 * page is written to a fresh temporary folder with a profile of its own (so that runs never share
 * state), printed within a time bound, and the folder removed. Exported as
 * `@tokhai/cli/pdf` for back ends (the example back end serves `declaration.pdf` with it).
 */
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Where Chromium is looked for without `CHROMIUM_PATH`: Debian's package (as the tests use it). */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** The longest a print may take before it is given up (Chromium killed), in milliseconds. */
export const PDF_TIMEOUT = 60_000;

export interface PdfOptions {
  /** The Chromium executable. Default: `CHROMIUM_PATH`, else `/usr/bin/chromium`. */
  readonly chromium?: string;
  /** Milliseconds before the print is given up. Default `PDF_TIMEOUT`. */
  readonly timeout?: number;
}

/** No Chromium where it was looked for: the message names the path and `CHROMIUM_PATH`. */
export class ChromiumNotFoundError extends Error {
  constructor(readonly path: string) {
    super(
      `no Chromium at ${path}: install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable`,
    );
    this.name = "ChromiumNotFoundError";
  }
}

/** Chromium ran but gave no PDF (it failed, or ran past the time bound): the message says which. */
export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfError";
  }
}

/** The Chromium to run: `CHROMIUM_PATH` when set, else `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env["CHROMIUM_PATH"] || DEFAULT_CHROMIUM;
}

/** The most of Chromium's error output kept for a message. */
const MAX_STDERR = 4_000;

/**
 * The PDF of an HTML document (a complete one, such as `renderDeclaration` writes), printed by Chromium
 * headless on A4 as the document's `@page` rules say. Rejects with `ChromiumNotFoundError` when there is
 * no executable Chromium, and with `PdfError` when it fails or runs past `timeout`.
 */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const chromium = options.chromium ?? chromiumPath();
  try {
    await access(chromium, constants.X_OK);
  } catch {
    throw new ChromiumNotFoundError(chromium);
  }
  const dir = await mkdtemp(join(tmpdir(), "tokhai-pdf-"));
  try {
    const page = join(dir, "declaration.html");
    const pdf = join(dir, "declaration.pdf");
    await writeFile(page, html, "utf8");
    await run(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        `--user-data-dir=${join(dir, "profile")}`,
        `--print-to-pdf=${pdf}`,
        pathToFileURL(page).href,
      ],
      options.timeout ?? PDF_TIMEOUT,
    );
    let bytes: Buffer;
    try {
      bytes = await readFile(pdf);
    } catch {
      throw new PdfError(`Chromium (${chromium}) ended without writing the PDF`);
    }
    if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new PdfError(`Chromium (${chromium}) wrote a file that is not a PDF`);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs Chromium to its end, within `timeout` (then its process group is killed). */
function run(command: string, args: readonly string[], timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a print given up takes Chromium's helper processes with it.
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.slice(0, MAX_STDERR - stderr.length);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child.pid);
    }, timeout);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new PdfError(`cannot run Chromium (${command}): ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new PdfError(`Chromium (${command}) did not print the PDF within ${timeout >= 1000 ? `${Math.round(timeout / 1000)} s` : `${timeout} ms`}`));
      else if (code !== 0) reject(new PdfError(`Chromium (${command}) failed (${signal ?? `exit code ${code}`}): ${lastLines(stderr)}`));
      else resolve();
    });
  });
}

function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The last lines of Chromium's error output, without its noise about D-Bus. */
function lastLines(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/dbus|DBus/.test(l));
  return lines.slice(-5).join("\n") || "no error output";
}
