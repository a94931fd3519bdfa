// The page of `tokhai studio` (run after `tsc -b`; `npm run bundle` runs it): CodeMirror 6 with the JSON
// language, the lint gutter and codemirror-json-schema's completion and hover, bundled into
//   packages/cli/dist/studio-page/studio.js
// It stays out of the elements bundles (dist/tokhai*.js): the page loads dist/tokhai.js beside it.
import { fileURLToPath } from "node:url";
import commonjs from "@rollup/plugin-commonjs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";

const MARKDOWN = fileURLToPath(new URL("packages/cli/src/studio/page/markdown.mjs", import.meta.url));

/** codemirror-json-schema's markdown renderer without shiki (see page/markdown.mjs). */
const withoutShiki = {
  name: "tokhai-studio-markdown",
  async resolveId(source, importer) {
    if (importer && /codemirror-json-schema[\\/]dist[\\/]/.test(importer) && /(^|\/)utils\/markdown(\.js)?$/.test(source)) return MARKDOWN;
    return null;
  },
};

export default {
  input: "packages/cli/src/studio/page/studio.mjs",
  output: { file: "packages/cli/dist/studio-page/studio.js", format: "es", sourcemap: true },
  onwarn(warning, warn) {
    // codemirror-json-schema's own: TypeScript's __rest helper, and a cycle between two of its modules.
    if (warning.code === "THIS_IS_UNDEFINED" && /codemirror-json-schema/.test(warning.id ?? "")) return;
    if (warning.code === "CIRCULAR_DEPENDENCY" && /codemirror-json-schema/.test(warning.message)) return;
    warn(warning);
  },
  plugins: [withoutShiki, nodeResolve({ browser: true, exportConditions: ["browser", "production"] }), commonjs(), terser({ format: { comments: false } })],
};
