import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
export const stats: Command = { name: "stats", summary: "(being written)", help: "", run() { return Promise.reject(new UsageError("not available yet")); } };
