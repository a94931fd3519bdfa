import type { Command } from "../command.js";
import { UsageError } from "../errors.js";

// Being written (issue 4).
export const types: Command = {
  name: "types",
  summary: "(being written)",
  help: "",
  run() {
    return Promise.reject(new UsageError("not available yet"));
  },
};
