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
        test: {
          name: "browser",
          include: ["packages/elements/test/**/*.test.ts", "test/browser/**/*.test.ts"],
          testTimeout: 30_000,
          browser: chromiumBrowser(),
        },
      },
      {
        // Every story in stories/ runs as a test (its play function, then axe via addon-a11y).
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
