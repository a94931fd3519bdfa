/**
 * `tokhai`: the command line of procedure designers and back ends. `main(argv)` runs one command and
 * resolves to its exit code: 0 success, 1 the procedure or submission has problems, 2 the command
 * could not do its job (usage, missing file, not JSON). User mistakes never print a stack trace.
 */
import { createRequire } from "node:module";
import { check } from "./commands/check.js";
import { compile } from "./commands/compile.js";
import { bundle } from "./commands/bundle.js";
import { dataUseCommand } from "./commands/data-use.js";
import { render } from "./commands/render.js";
import { stats } from "./commands/stats.js";
import { studio } from "./commands/studio.js";
import { types } from "./commands/types.js";
import { validate } from "./commands/validate.js";
import type { Command } from "./command.js";
import { EXIT, UsageError, type Io } from "./errors.js";

export const COMMANDS: readonly Command[] = [check, types, compile, bundle, validate, render, stats, dataUseCommand, studio];

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function version(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `tokhai ${version()}: check, type and compile procedures of electronic declaration forms

Usage: tokhai <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Options:
  -h, --help     show this help, or a command's (tokhai <command> --help)
  -v, --version  print the version

Exit codes: 0 success; 1 the procedure or the submission has problems (each listed, located);
2 the command could not run (bad arguments, missing file, not JSON).
`;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic ? COMMANDS.find((c) => c.name === topic) : undefined;
    if (topic && !command) return unknown(topic, io);
    io.stdout(command ? command.help : helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return unknown(name, io);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tokhai ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug of tokhai, not a mistake of the user: say so, with what is needed to report it.
    io.stderr(`tokhai ${name}: internal error, please report it: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}

function unknown(name: string, io: Io): number {
  const near = COMMANDS.find((c) => c.name.startsWith(name.slice(0, 2)));
  io.stderr(`tokhai: unknown command "${name}".${near ? ` Did you mean "${near.name}"?` : ""} Run \`tokhai --help\` for the commands.\n`);
  return EXIT.usage;
}
