#!/usr/bin/env node
// The `tokhai` command. The code is in dist/ (built by `npm run build` at the repository root).
import("../dist/main.js").then(
  async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2));
  },
  (error) => {
    process.stderr.write(`tokhai: cannot start (${error.message}). Run \`npm run build\` at the repository root first.\n`);
    process.exitCode = 2;
  },
);
