#!/usr/bin/env node
// Prepares a checkout for `npm start` / `npm test`: installs dependencies when they are missing or
// stale, and (with --browser) makes sure a Chromium for the browser tests is present.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wantBrowser = process.argv.includes("--browser");
const run = (cmd, env = {}) => execSync(cmd, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });

function dependenciesStale() {
  const installed = join(root, "node_modules", ".package-lock.json");
  if (!existsSync(installed)) return true;
  const lock = join(root, "package-lock.json");
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000;
}

if (dependenciesStale()) {
  console.log("tokhai: installing dependencies (npm ci)…");
  // Browsers are never downloaded by npm: the tests use the system's Chromium.
  run(existsSync(join(root, "package-lock.json")) ? "npm ci --no-audit --no-fund" : "npm install --no-audit --no-fund", {
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  });
}

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (wantBrowser && !existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("tokhai: Chromium is missing; installing Debian's chromium package…");
    run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {});
  } else {
    console.error(
      `tokhai: the browser tests need Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
    process.exit(1);
  }
}
