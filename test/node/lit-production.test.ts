// The browser bundles carry lit's production build (issue 15). lit's packages export a development build
// under the `development` condition: extra checks, and a console warning ("Lit is in dev mode. Not
// recommended for production!") on every page that loads it. rollup.config.mjs resolves with the
// `browser` and `production` conditions only; this test holds the built bundles to it. (vitest.config.ts
// does the same for the browser and storybook test projects.)
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
const DEV_MODE_WARNING = "Lit is in dev mode";
// Only lit's development build has these: its warnings' links, and the set of warnings already issued.
const DEV_ONLY = [DEV_MODE_WARNING, "lit.dev/msg/", "litIssuedWarnings"];
// A module of lit's development build, as the source map names it.
const LIT_DEVELOPMENT = /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\/(node\/)?development\//;
const LIT_SOURCE = /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//;

beforeAll(async () => {
  // `npm test` bundles first; `npm run test:node` does not: bundle if they never were.
  if (BUNDLES.every((b) => existsSync(at(b)) && existsSync(at(`${b}.map`)))) return;
  if (!existsSync(at("packages/elements/dist/auto-define.js"))) {
    await run(process.execPath, [at("node_modules/typescript/bin/tsc"), "-b"], { cwd: root });
  }
  await run(process.execPath, [at("node_modules/rollup/dist/bin/rollup"), "-c"], { cwd: root, maxBuffer: 64 << 20 });
}, 180_000);

describe("lit's production build in the bundles", () => {
  it("lit's development build still has the warning this test looks for", () => {
    // Otherwise the checks below would pass whatever the bundles hold.
    for (const file of ["node_modules/lit-html/development/lit-html.js", "node_modules/@lit/reactive-element/development/reactive-element.js"]) {
      const code = readFileSync(at(file), "utf8");
      for (const text of DEV_ONLY) expect(code, `${file}: ${text}`).toContain(text);
    }
  });

  for (const bundle of BUNDLES) {
    it(`${bundle} has no dev-mode warning and no module of lit's development build`, () => {
      const code = readFileSync(at(bundle), "utf8");
      for (const text of DEV_ONLY) expect(code.includes(text), `${bundle} contains "${text}"`).toBe(false);
      const { sources } = JSON.parse(readFileSync(at(`${bundle}.map`), "utf8")) as { sources: string[] };
      const lit = sources.filter((s) => LIT_SOURCE.test(s));
      expect(lit.length, "the bundle's source map names lit's modules").toBeGreaterThan(0);
      expect(lit.filter((s) => LIT_DEVELOPMENT.test(s))).toEqual([]);
    });
  }
});
