import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, type Io } from "./errors.js";

/** One subcommand of `tokhai`. */
export interface Command {
  readonly name: string;
  /** One line for `tokhai --help`. */
  readonly summary: string;
  /** The whole `tokhai <name> --help` text. */
  readonly help: string;
  run(args: readonly string[], io: Io): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a subcommand's arguments strictly. Unknown options, missing option values and a wrong
 * number of positionals are UsageErrors that name the subcommand.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
  positionals: { readonly min: number; readonly max: number; readonly names: string },
): { values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : O[K] extends { multiple: true } ? string[] : string }; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${usageMessage(error as Error)}. See \`tokhai ${command} --help\`.`);
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError(`expected ${positionals.names}. See \`tokhai ${command} --help\`.`);
  if (n > positionals.max) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.max]}" (expected ${positionals.names}). See \`tokhai ${command} --help\`.`);
  }
  return parsed as never;
}

function usageMessage(error: Error): string {
  // node:util's messages are long and end with advice for programmers; keep the first sentence.
  const first = error.message.split(/\.\s/)[0]!.replace(/\.$/, "");
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** `--format text|json`. */
export function formatOption(value: string | undefined): "text" | "json" {
  if (value === undefined || value === "text") return "text";
  if (value === "json") return "json";
  throw new UsageError(`--format must be "text" or "json", not "${value}"`);
}
