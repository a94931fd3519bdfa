import { fileURLToPath } from "node:url";
import { defaultClientConditions, type Plugin } from "vite";
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
 * tests would run a lit that no portal runs, and print that warning once per test file. This plugin puts
 * `production` in place of `development|production` and `development` in the resolve conditions; the
 * pre-bundled dependencies (optimizeDeps) follow them too. It runs last (`enforce: "post"`) because
 * storybook's vitest plugin appends Vite's default conditions, `development|production` among them, to
 * whatever the project sets. `LIT_DEV=1 npx vitest …` keeps the development build (lit's warnings about
 * misuse, which the production build leaves out); `npm run storybook` keeps it as well (.storybook/main.ts
 * sets no conditions). test/node/lit-production.test.ts holds the bundles to the same.
 */
function litProduction(): Plugin[] {
  if (process.env.LIT_DEV) return [];
  const production = (conditions: readonly string[]) => [
    ...new Set(conditions.map((c) => (c === "development|production" || c === "development" ? "production" : c))),
  ];
  return [
    {
      name: "tokhai-lit-production",
      enforce: "post",
      config(config) {
        config.resolve ??= {};
        config.resolve.conditions = production(config.resolve.conditions ?? defaultClientConditions);
        for (const environment of Object.values(config.environments ?? {})) {
          if (environment.resolve?.conditions) environment.resolve.conditions = production(environment.resolve.conditions);
        }
      },
    },
  ];
}

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
        plugins: litProduction(),
        test: {
          name: "browser",
          include: ["packages/elements/test/**/*.test.ts", "test/browser/**/*.test.ts"],
          testTimeout: 30_000,
          browser: chromiumBrowser(),
        },
      },
      {
        // Every story in stories/ runs as a test (its play function, then axe via addon-a11y).
        plugins: [storybookTest({ configDir: fileURLToPath(new URL(".storybook", import.meta.url)) }), ...litProduction()],
        test: {
          name: "storybook",
          testTimeout: 30_000,
          browser: chromiumBrowser(),
        },
      },
    ],
  },
});
