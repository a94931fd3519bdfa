import { parseCommandArgs, type Command } from "../command.js";
import { EXIT, UsageError, type Io } from "../errors.js";
import { FolderError } from "../studio/folder.js";
import { createStudio } from "../studio/server.js";

/** The port tried first when --port is not given; the next free one is taken when it is busy. */
export const DEFAULT_STUDIO_PORT = 4173;
/** How many ports after the default are tried. */
const PORTS_TRIED = 50;

const HELP = `Usage: tokhai studio [dir] [--port N]

A local editor for the procedures of a folder (default: the current one), in the browser: the
procedure's JSON with completion and hover from the procedure meta-schema, every problem and
warning of \`tokhai check\` at its place as you type, a live <tk-form> preview for a citizen chosen
among the context files of the folder (personas/*.json), a language switch, and saving back to
the file (with a warning when the procedure has problems). Unsaved text is kept in the browser.

The server listens on 127.0.0.1 only, answers only requests addressed to 127.0.0.1 or localhost
at its port, and serves only the .json files under dir (no path out of it, no link leading out).

Options:
  --port N     the port (default: ${DEFAULT_STUDIO_PORT}, or the next free one); 0 for any free port
  -h, --help   show this help

Stop it with Ctrl+C.

Example:
  tokhai studio examples/
`;

export const studio: Command = {
  name: "studio",
  summary: "a live editor with preview for the procedures of a folder, in the browser",
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs("studio", args, { port: { type: "string" } }, { min: 0, max: 1, names: "at most one folder" });
    const port = portOption(values.port);
    const dir = positionals[0] ?? ".";
    let studioServer;
    try {
      studioServer = await createStudio({ dir });
    } catch (error) {
      if (error instanceof FolderError) throw new UsageError(error.message);
      throw error;
    }
    const listening = await listenFrom(studioServer.listen, port);
    io.stdout(`tokhai studio: ${studioServer.folder.root} on http://127.0.0.1:${listening}/ (Ctrl+C stops it)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        studioServer.server.closeAllConnections();
        studioServer.server.close(() => resolve());
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    return EXIT.ok;
  },
};

function portOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, not "${value}"`);
  return Number(value);
}

/** Listens on the port given, or on the first free one from the default. */
async function listenFrom(listen: (port: number) => Promise<number>, port: number | undefined): Promise<number> {
  if (port !== undefined) {
    try {
      return await listen(port);
    } catch (error) {
      throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${(error as NodeJS.ErrnoException).code === "EADDRINUSE" ? "the port is in use" : (error as Error).message}`);
    }
  }
  for (let p = DEFAULT_STUDIO_PORT; p < DEFAULT_STUDIO_PORT + PORTS_TRIED; p++) {
    try {
      return await listen(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw new UsageError(`cannot listen on 127.0.0.1:${p}: ${(error as Error).message}`);
    }
  }
  throw new UsageError(`no free port from ${DEFAULT_STUDIO_PORT} to ${DEFAULT_STUDIO_PORT + PORTS_TRIED - 1}: give one with --port`);
}
