// Storybook for tokhai's elements: stories/*.stories.ts, rendered with the built packages
// (@tokhai/elements and @tokhai/core resolve to packages/*/dist: run `npm run build` first).
import type { StorybookConfig } from "@storybook/web-components-vite";

/** The part of Storybook's server channel used here. */
interface ServerChannel {
  on(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  removeAllListeners(event?: string): void;
}

const config: StorybookConfig & { experimental_serverChannel?: (channel: ServerChannel) => Promise<ServerChannel> } = {
  stories: ["../stories/**/*.stories.ts"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest"],
  framework: { name: "@storybook/web-components-vite", options: {} },
  // Nothing leaves the machine: no telemetry, no "what's new" fetch, no update check.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  // The dev server fetches https://storybook.js.org/whats-new/v1 each time the manager opens, whatever
  // `disableWhatsNewNotifications` says. Answer that request here instead ("no news"): no request
  // leaves the machine. (The update check is off with `--no-version-updates` in `npm run storybook`.)
  experimental_serverChannel: async (channel: ServerChannel) => {
    channel.removeAllListeners("requestWhatsNewData");
    channel.on("requestWhatsNewData", () => channel.emit("resultWhatsNewData", { data: { status: "ERROR" } }));
    return channel;
  },
  // No `resolve.conditions` here: `npm run storybook` serves lit's development build (its warnings about
  // misuse help while writing stories); `npm run build-storybook` and the storybook test project
  // (vitest.config.ts) use the production build.
  async viteFinal(config) {
    const { mergeConfig } = await import("vite");
    // Pre-bundle what the built packages import, up front: Vite would otherwise discover it while
    // the tests run and reload. lit/directive-helpers.js (imported by the renderer) must be in the same
    // bundle as lit, or two copies of lit-html load ("Multiple versions of Lit loaded").
    return mergeConfig(config, {
      optimizeDeps: {
        include: [
          "lit",
          "lit/decorators.js",
          "lit/directives/live.js",
          "lit/directives/repeat.js",
          "lit/static-html.js",
          "lit/directive-helpers.js",
          "ajv/dist/2020.js",
          "ajv-formats",
          "jsonata",
        ],
      },
    });
  },
};

export default config;
