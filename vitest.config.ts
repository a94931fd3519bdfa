import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { playwright } from "@vitest/browser-playwright";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Debian's Chromium, headless and offline. A new object per project: Vitest refuses to share one. */
function chromiumBrowser() {
  return {
    enabled: true,
    headless: true,
    screenshotFailures: false,
    instances: [{ browser: "chromium" as const }],
    provider: playwright({
      launchOptions: {
        executablePath: chromium,
        args: [
          "--no-sandbox",
          "--headless",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      },
    }),
  };
}

/**
 * lit's production build in the browser tests. lit's packages export a `development` build (extra checks,
 * and a "Lit is in dev mode" warning on every page) under the `development` condition, which Vite picks
 * for the client unless NODE_ENV is `production` (its default `development|production` condition): the
 * tests would run a lit that no portal runs, and print that warning once per test file. These are Vite's
 * client conditions with `production` in its place; the pre-bundled dependencies (optimizeDeps) follow
 * them too. `LIT_DEV=1 npx vitest …` keeps the development build (lit's warnings about misuse, which the
 * production build leaves out); `npm run storybook` keeps it as well (.storybook/main.ts does not set
 * conditions). test/node/lit-production.test.ts holds the bundles to the same.
 */
const litProduction = process.env.LIT_DEV ? {} : { resolve: { conditions: ["module", "browser", "production"] } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "core",
          environment: "node",
          include: ["packages/core/test/**/*.test.ts", "test/node/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        ...litProduction,
        test: {
          name: "browser",
          include: ["packages/elements/test/**/*.test.ts", "test/browser/**/*.test.ts"],
          testTimeout: 30_000,
          browser: chromiumBrowser(),
        },
      },
      {
        // Every story in stories/ runs as a test (its play function, then axe via addon-a11y).
        ...litProduction,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL(".storybook", import.meta.url)) })],
        test: {
          name: "storybook",
          testTimeout: 30_000,
          browser: chromiumBrowser(),
        },
      },
    ],
  },
});
