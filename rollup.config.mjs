// Bundles for portals (run after `tsc -b`; `npm run bundle`):
//   dist/tokhai.js              one ES module: core + elements + lit + jsonata + ajv; defines the elements
//   dist/tokhai.precompiled.js  for compiled procedures (`tokhai compile`): no ajv, no JSONata parser, no load checks
// Both are minified; `npm run size` prints their gzip sizes.
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import { ajvFormatsOn2020, jsonataWithoutParser, META_SCHEMA, metaSchemas, noDiscriminator, sharedDecorate, uriResolver } from "./scripts/bundle-plugins.mjs";

/** Resolves `@tokhai/core` to its precompiled entry, so the ajv compiler is not bundled. */
const precompiledCore = {
  name: "tokhai-precompiled-core",
  async resolveId(source, importer, options) {
    if (source !== "@tokhai/core") return null;
    return this.resolve("@tokhai/core/precompiled", importer, { ...options, skipSelf: true });
  },
};

// A second compress pass: ~0.4 KB gzip off each bundle (a third makes them larger). `module: true` (and
// with it top-level mangling) is the plugin's default for ES output; property names are never mangled.
const TERSER_OPTIONS = { format: { comments: false }, compress: { passes: 2 } };

const bundle = (file, plugins = []) => ({
  input: "packages/elements/dist/auto-define.js",
  output: { file, format: "es", sourcemap: true },
  plugins: [
    ...plugins,
    // Smaller bundles, same behaviour (scripts/bundle-plugins.mjs).
    sharedDecorate,
    uriResolver,
    ajvFormatsOn2020,
    noDiscriminator,
    metaSchemas,
    // `production`, never `development`: lit's development build adds checks and a "Lit is in dev mode"
    // console warning on every page (test/node/lit-production.test.ts holds the bundles to it).
    nodeResolve({ browser: true, exportConditions: ["browser", "production"] }),
    commonjs(),
    json({ exclude: META_SCHEMA }),
    terser(TERSER_OPTIONS),
  ],
  onwarn(warning, warn) {
    if (warning.code === "CIRCULAR_DEPENDENCY" && /node_modules[\\/]ajv/.test(warning.message)) return; // ajv's own
    if (warning.code === "THIS_IS_UNDEFINED" && /packages[\\/]\w+[\\/]dist/.test(warning.id ?? "")) return; // TypeScript's __decorate helper
    warn(warning);
  },
});

export default [bundle("dist/tokhai.js"), bundle("dist/tokhai.precompiled.js", [precompiledCore, jsonataWithoutParser])];
