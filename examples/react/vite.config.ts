// Plain Vite: it transforms TSX itself (oxc, automatic JSX runtime); no React plugin is needed for a build.
import { defineConfig } from "vite";

export default defineConfig({
  // Relative URLs: the built app works from any path it is served at.
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 1024 },
});
