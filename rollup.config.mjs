// Bundles for portals (run after `tsc -b`; `npm run bundle`):
//   dist/tokhai.js              one ES module: core + elements + lit + jsonata + ajv; defines the elements
//   dist/tokhai.precompiled.js  the same without the ajv compiler: validators come from `tokhai compile`
// Both are minified; `npm run size` prints their gzip sizes.
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";

/** Resolves `@tokhai/core` to its precompiled entry, so the ajv compiler is not bundled. */
const precompiledCore = {
  name: "tokhai-precompiled-core",
  async resolveId(source, importer, options) {
    if (source !== "@tokhai/core") return null;
    return this.resolve("@tokhai/core/precompiled", importer, { ...options, skipSelf: true });
  },
};

const bundle = (file, plugins = []) => ({
  input: "packages/elements/dist/auto-define.js",
  output: { file, format: "es", sourcemap: true },
  plugins: [...plugins, nodeResolve({ browser: true, exportConditions: ["browser", "production"] }), commonjs(), json(), terser({ format: { comments: false } })],
  onwarn(warning, warn) {
    if (warning.code === "CIRCULAR_DEPENDENCY" && /node_modules[\\/]ajv/.test(warning.message)) return; // ajv's own
    if (warning.code === "THIS_IS_UNDEFINED" && /packages[\\/]\w+[\\/]dist/.test(warning.id ?? "")) return; // TypeScript's __decorate helper
    warn(warning);
  },
});

export default [bundle("dist/tokhai.js"), bundle("dist/tokhai.precompiled.js", [precompiledCore])];
