#!/usr/bin/env node
// The example procedures as designers write them, examples/catalogue/*.json on the shared building
// blocks of examples/blocks/, bundled by `tokhai bundle` into the self-contained documents of
// examples/procedures/*.json that the portal, its back end, the stories and the tests load.
//
//   node scripts/bundle-examples.mjs            write the bundles that changed (npm start runs this)
//   node scripts/bundle-examples.mjs --check    write nothing; exit 1 naming each bundle that is not
//                                               what its source gives (a test runs this)
//   --examples <dir>                            another examples folder (default: examples/)
//
// Needs the CLI built (npm run build).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repo = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, examples: { type: "string", default: join(repo, "examples") } } });
const examples = values.examples;

let load, bundledText, formatFinding;
try {
  ({ loadProcedureFile: load, formatFinding } = await import("../packages/cli/dist/load.js"));
  ({ bundledText } = await import("../packages/cli/dist/commands/bundle.js"));
} catch {
  console.error("bundle-examples: the CLI is not built; run `npm run build` first");
  process.exit(2);
}

const sources = join(examples, "catalogue");
const targets = join(examples, "procedures");
const stale = [];
let failed = false;
for (const file of readdirSync(sources).filter((f) => f.endsWith(".json")).sort()) {
  const source = join(sources, file);
  const target = join(targets, file);
  const loaded = await load(source, { root: examples });
  if (!loaded.ok) {
    for (const f of loaded.findings) console.error(formatFinding(f));
    failed = true;
    continue;
  }
  const text = bundledText(loaded.procedure.document, source, target);
  if (existsSync(target) && readFileSync(target, "utf8") === text) continue;
  stale.push(relative(process.cwd(), target));
  if (!values.check) writeFileSync(target, text);
}
if (failed) process.exit(1);
if (values.check && stale.length > 0) {
  console.error(`bundle-examples: ${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} not what ${stale.length === 1 ? "its source gives" : "their sources give"} in ${relative(process.cwd(), sources) || "."}: run \`node scripts/bundle-examples.mjs\``);
  process.exit(1);
}
if (!values.check && stale.length > 0) console.error(`bundle-examples: wrote ${stale.join(", ")}`);
