// What each browser bundle carries (issue 16). dist/tokhai.precompiled.js loads compiled procedures: it
// must hold neither JSONata's parser, nor the load checks and analysis, nor ajv; dist/tokhai.js loads
// documents and needs all three. Read from the bundles' source maps (which files went in) and code.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const at = (path: string) => join(root, path);
const run = promisify(execFile);
const BUNDLES = ["dist/tokhai.js", "dist/tokhai.precompiled.js"];

beforeAll(async () => {
  // `npm test` bundles first; `npm run test:node` does not: bundle if they never were.
  if (BUNDLES.every((b) => existsSync(at(b)) && existsSync(at(`${b}.map`)))) return;
  if (!existsSync(at("packages/elements/dist/auto-define.js"))) await run(process.execPath, [at("node_modules/typescript/bin/tsc"), "-b"], { cwd: root });
  await run(process.execPath, [at("node_modules/rollup/dist/bin/rollup"), "-c"], { cwd: root, maxBuffer: 64 << 20 });
}, 180_000);

/** The source files a bundle was made from, relative to the repository. */
const sources = (bundle: string): string[] => (JSON.parse(readFileSync(at(`${bundle}.map`), "utf8")) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, ""));
const code = (bundle: string): string => readFileSync(at(bundle), "utf8");

/** Core's modules that check and analyse a procedure document, and compile its schema. */
const LOAD = ["packages/core/dist/load-procedure.js", "packages/core/dist/expressions.js", "packages/core/dist/compiler.js", "packages/core/dist/schema-shrink.js"];
/** In jsonata.js, only its parser has these strings (the symbols of the Pratt parser), and minifying keeps them. */
const PARSER = ["(end)", "(regex)", "(literal)"];
/** Whether the code has any of the texts (a boolean: a failure does not print the whole bundle). */
const hasAny = (code: string, texts: readonly string[]): boolean => texts.some((t) => code.includes(t));

describe("dist/tokhai.precompiled.js, the bundle for compiled procedures", () => {
  it("has no load checks, no expression analysis and no ajv", () => {
    const files = sources("dist/tokhai.precompiled.js");
    expect(files).toContain("packages/core/dist/load-compiled.js");
    for (const file of LOAD) expect(files).not.toContain(file);
    expect(files.filter((f) => /node_modules\/(ajv|ajv-formats|fast-uri)\//.test(f))).toEqual([]);
  });

  it("has JSONata's evaluator without its parser", () => {
    expect(sources("dist/tokhai.precompiled.js")).toContain("node_modules/jsonata/jsonata.js");
    expect(hasAny(code("dist/tokhai.precompiled.js"), PARSER)).toBe(false);
    expect(code("dist/tokhai.precompiled.js").includes(".takesAst=!0")).toBe(true);
  });
});

describe("dist/tokhai.js, the run-time bundle", () => {
  it("has the load checks, JSONata's parser and ajv, and loads compiled procedures too", () => {
    const files = sources("dist/tokhai.js");
    for (const file of [...LOAD, "packages/core/dist/load-compiled.js"]) expect(files).toContain(file);
    expect(files.some((f) => f.startsWith("node_modules/ajv/"))).toBe(true);
    expect(hasAny(code("dist/tokhai.js"), PARSER)).toBe(true);
  });
});
