import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
export const validate: Command = { name: "validate", summary: "(being written)", help: "", run() { return Promise.reject(new UsageError("not available yet")); } };
