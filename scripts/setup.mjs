#!/usr/bin/env node
// Prepares a checkout for `npm start` / `npm test`: installs dependencies when they are missing or
// stale, and makes sure the system programs are present:
//   npm test (--test, or the older --browser): Chromium (browser tests, PDF), poppler's pdftotext
//     (reading the PDFs back) and a PostgreSQL server (the example back end's database tests); any of
//     them missing is an error, after trying Debian's package when we are root.
//   npm start: Chromium for the portal's PDF downloads, tried the same way; without it the portal still
//     runs and the PDF download answers 503 with the reason (the HTML declaration works).
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const forTests = process.argv.includes("--test") || process.argv.includes("--browser");
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
/** The PostgreSQL server binaries of Debian's `postgresql` package (any major version). */
const postgresInstalled = () => existsSync("/usr/lib/postgresql") && execSync("ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null || true").toString().trim() !== "";

/** What the tests (and, for Chromium, the portal's PDFs) need from the system, and the Debian package of each. */
const programs = [
  { what: `Chromium at ${CHROMIUM} (set CHROMIUM_PATH to use another)`, present: () => existsSync(CHROMIUM), pkg: "chromium", start: true },
  { what: "pdftotext (poppler)", present: () => existsSync("/usr/bin/pdftotext"), pkg: "poppler-utils", start: false },
  { what: "a PostgreSQL server", present: postgresInstalled, pkg: "postgresql", start: false },
];
const wanted = programs.filter((p) => (forTests || p.start) && !p.present());

if (wanted.length > 0) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const packages = wanted.map((p) => p.pkg).join(" ");
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log(`tokhai: installing Debian's ${packages} (missing: ${wanted.map((p) => p.what).join("; ")})…`);
    try {
      run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, {});
    } catch (error) {
      if (forTests) throw error;
      console.warn(`tokhai: could not install ${packages}; the portal runs, without PDF downloads.`);
    }
  } else if (forTests) {
    console.error(`tokhai: the tests need ${wanted.map((p) => p.what).join(", ")}. Install them (Debian/Ubuntu: sudo apt-get install ${packages}).`);
    process.exit(1);
  } else {
    console.warn(`tokhai: ${wanted.map((p) => p.what).join(", ")} not found: the portal runs, without PDF downloads (Debian/Ubuntu: sudo apt-get install ${packages}).`);
  }
}
