// Browser benchmark: `npm run bench:browser` (builds and bundles first). Not part of `npm test`.
//
// Serves the repository on 127.0.0.1, opens Chromium and, for 100, 500 and 2,000 string fields in two
// layouts (flat: every field directly in the step; sections: a section per 20 fields), measures in the
// same run three pages of the same fields (bench/browser/procedure.mjs):
//   hand-written  a plain-DOM page written by hand (plain-page.mjs)
//   run-time      <tk-form> from dist/tokhai.js, given the procedure document
//   compiled      <tk-form> from dist/tokhai.precompiled.js, given the compiled procedure that
//                 compileProcedureModule (`tokhai compile`) made, imported from .cache/ before the clock
// Every run uses fresh pages in fresh browser contexts (separate renderer processes), both layouts and
// every page in an order that changes from run to run, after one untimed warm-up page of each. Prints
// medians, the ratios to the hand-written page, the gzip size of what each tokhai page loaded from
// /dist/ before its form was interactive, and the targets of issue 16 (compiled path vs hand-written
// page, same run).
//
// Environment: BENCH_SIZES (default 100,500,2000), BENCH_LAYOUTS (default flat,sections), BENCH_RUNS
// (default 7, at least 5), BENCH_KEYS (keystrokes and conditions per run, default 5), CHROMIUM_PATH
// (default /usr/bin/chromium), BENCH_VSYNC=1 to keep Chromium's 60 Hz frame clock (by default frames
// are not rate-limited, so "next frame" means "as soon as the frame is done", not "at the next 16.7 ms
// tick"), BENCH_PROFILE=0 to skip the CPU profiles, BENCH_COMPILED=0 to leave the compiled page out.
//
// Also built here, in bench/browser/.cache/: @tokhai/core alone (for the "core alone" rows) and, per
// size and layout, the compiled procedure module compiled-<layout>-<n>.js.
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import os from "node:os";
import { chromium } from "playwright";
import { rollup } from "rollup";
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import { SourceMap, packageOf } from "../../scripts/sourcemap.mjs";
import { generateProcedure, LAYOUTS as ALL_LAYOUTS } from "./procedure.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "bench/browser/.cache");
const SIZES = (process.env.BENCH_SIZES ?? "100,500,2000").split(",").map(Number);
const LAYOUTS = (process.env.BENCH_LAYOUTS ?? ALL_LAYOUTS.join(",")).split(",").map((l) => l.trim());
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const KEYS = Math.max(1, Number(process.env.BENCH_KEYS ?? 5));
const VSYNC = process.env.BENCH_VSYNC === "1";
const COMPILED = process.env.BENCH_COMPILED !== "0";

for (const size of SIZES) if (!Number.isInteger(size) || size < 20) throw new Error(`BENCH_SIZES: ${size} is not a whole number of at least 20 fields`);
for (const layout of LAYOUTS) if (!ALL_LAYOUTS.includes(layout)) throw new Error(`BENCH_LAYOUTS: unknown layout "${layout}" (expected ${ALL_LAYOUTS.join(", ")})`);

/**
 * The targets of issue 16: the compiled path against the hand-written page of the same run, per layout.
 * `mount` is per size (no target at other sizes); the heap target is at 2,000 fields.
 */
const TARGETS = {
  mount: new Map([
    [100, 2.5],
    [2000, 1.5],
  ]),
  condition: 1.5,
  keystroke: 1.1,
  heapMB: 6,
  heapAt: 2000,
  compiledGzipKB: 60,
  runtimeGzipKB: 110,
};

const SIDES = {
  plain: { file: "plain.html", label: "hand-written" },
  runtime: { file: "tk.html", label: "run-time" },
  compiled: { file: "tk.html?bundle=precompiled", label: "compiled" },
};
const TK_SIDES = COMPILED ? ["runtime", "compiled"] : ["runtime"];
const ALL_SIDES = ["plain", ...TK_SIDES];
/** Every order of the sides: run r goes through them in ORDERS[r % ORDERS.length]. */
const ORDERS = permutations(ALL_SIDES);

function permutations(xs) {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

// ---------------------------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------------------------

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root.endsWith(sep) ? root : root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": MIME[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const MB = 1024 * 1024;
const KB = 1024;
const fmt = (v, digits = 1) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const count = (n) => n.toLocaleString("en");

const gzipSizes = new Map();
/** Gzip size (zlib level 9) of a file of the repository, by its path on the server (/dist/…). */
function gzipOf(path) {
  if (!gzipSizes.has(path)) {
    const bytes = readFileSync(join(root, path));
    gzipSizes.set(path, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return gzipSizes.get(path);
}

let browser;
let base;

/** A fresh page in a fresh context (its own renderer process), with a CDP session. */
async function openPage(file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    // Every file fetched from /dist/, as Node sees the requests (a check on the page's resource timing).
    const requested = new Set();
    page.on("pageerror", (e) => errors.push(e));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(new Error(m.text()));
    });
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith("/dist/") && !path.endsWith(".map")) requested.add(path);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(new Error(`${r.status()} for ${new URL(r.url()).pathname}`));
    });
    page.on("requestfailed", (r) => errors.push(new Error(`request failed: ${new URL(r.url()).pathname} (${r.failure()?.errorText})`)));
    await page.goto(`${base}/bench/browser/${file}`);
    try {
      await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 });
    } catch (error) {
      throw errors[0] ? new Error(`${file} did not start: ${errors[0].message}`, { cause: errors[0] }) : error;
    }
    if (errors.length) throw errors[0];
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    return {
      page,
      cdp,
      errors,
      requested,
      async close() {
        await context.close();
      },
      async call(method, ...args) {
        let result;
        try {
          result = await page.evaluate(([m, a]) => window.bench[m](...a), [method, args]);
        } catch (error) {
          throw errors[0] ? new Error(`${error.message} (first page error: ${errors[0].message})`, { cause: error }) : error;
        }
        if (errors.length) throw errors[0];
        return result;
      },
      async metrics() {
        const { metrics } = await cdp.send("Performance.getMetrics");
        return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
      },
      async heap() {
        for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
        const usage = await cdp.send("Runtime.getHeapUsage");
        // usedSize: V8's JS objects; embedderHeapUsedSize: Blink's (DOM nodes, shadow roots, styles).
        return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? NaN };
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Runs `fn` on a fresh page of a side (or an `{ file, label }`), closes it whatever happens, and names
 * the page and the case in errors.
 */
async function withPage(side, what, fn) {
  const { file, label } = typeof side === "string" ? SIDES[side] : side;
  let p;
  try {
    p = await openPage(file);
    return await fn(p);
  } catch (error) {
    throw new Error(`${label} page (${file}), ${what}: ${error.message}`, { cause: error });
  } finally {
    await p?.close();
  }
}

/** Main-thread time by kind between two Performance.getMetrics snapshots, in ms. */
function breakdown(before, after) {
  const d = (k) => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000;
  return { style: d("RecalcStyleDuration"), layout: d("LayoutDuration"), task: d("TaskDuration") };
}

// ---------------------------------------------------------------------------------------------
// One run of one side
// ---------------------------------------------------------------------------------------------

/**
 * The files of /dist/ a page loaded before its form was interactive (mount done, `form.ready()`
 * resolved), by the page's resource timing, and those it loaded after. A file Node saw requested that
 * the page's resource timing does not list is counted as loaded before (and noted).
 */
function loadedFiles(mount, all, requested) {
  const before = new Set(mount.resources.filter((r) => r.beforeInteractive).map((r) => r.path));
  const seen = new Set(all.map((r) => r.path));
  const untimed = [...requested].filter((path) => !seen.has(path));
  for (const path of untimed) before.add(path);
  const after = [...seen].filter((path) => !before.has(path));
  return { before: [...before].sort(), after: after.sort(), untimed };
}

async function runSide(side, size, layout) {
  return withPage(side, `${count(size)} fields, ${layout}`, async (p) => {
    const m0 = await p.metrics();
    const mount = await p.call("mount", size, layout);
    const m1 = await p.metrics();
    const keys = [];
    for (let k = 0; k < KEYS; k++) keys.push(await p.call("keystroke", k));
    const conditions = [];
    for (let k = 0; k < KEYS; k++) conditions.push(await p.call("condition"));
    const m2 = await p.metrics();
    const validate = await p.call("validateAll");
    const m3 = await p.metrics();
    await p.call("unmount");
    const warm = await p.call("mount", size, layout);
    const files = side === "plain" ? undefined : loadedFiles(mount, await p.call("resources"), p.requested);
    return { mount, mountBreakdown: breakdown(m0, m1), keys, conditions, validate, validateBreakdown: breakdown(m2, m3), warm, files };
  });
}

const sourceMaps = new Map();
/** The source map of a file of /dist/ (its .map beside it), or undefined. */
function distMap(path) {
  if (!sourceMaps.has(path)) {
    const file = join(root, `${path}.map`);
    sourceMaps.set(path, existsSync(file) ? new SourceMap(file) : undefined);
  }
  return sourceMaps.get(path);
}

/**
 * A CPU profile of one action on a fresh page, attributed to packages through the source maps of the
 * bundles (and chunks) in /dist/: self time per package and the functions with the most self time.
 */
async function profile(side, size, layout, action) {
  return withPage(side, `CPU profile of ${action}, ${count(size)} fields, ${layout}`, async (p) => {
    if (action !== "mount") await p.call("mount", size, layout);
    await p.cdp.send("Profiler.enable");
    await p.cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await p.cdp.send("Profiler.start");
    const result = action === "mount" ? await p.call("mount", size, layout) : await p.call(action);
    const { profile } = await p.cdp.send("Profiler.stop");
    const self = new Map(profile.nodes.map((n) => [n.id, 0]));
    const { samples, timeDeltas } = profile;
    for (let i = 0; i < samples.length; i++) self.set(samples[i], self.get(samples[i]) + (timeDeltas[i + 1] ?? 0) / 1000);
    const byPackage = new Map();
    const byFunction = new Map();
    const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
    for (const node of profile.nodes) {
      const ms = self.get(node.id);
      if (!ms) continue;
      const { url, functionName, lineNumber, columnNumber } = node.callFrame;
      const path = url ? new URL(url).pathname : "";
      let group;
      let label;
      if (path.startsWith("/dist/")) {
        const orig = distMap(path)?.lookup(lineNumber, columnNumber);
        group = orig ? packageOf(orig.source) : `(${path.slice(1)}, unmapped)`;
        const file = orig ? orig.source.replace(/^(\.\.\/)+/, "").replace(/^node_modules\//, "") : path.slice(1);
        label = `${orig?.name ?? (functionName || "(anonymous)")}  ${file}:${orig ? orig.line + 1 : lineNumber + 1}`;
      } else if (path.startsWith("/bench/browser/.cache/compiled-")) {
        group = "compiled procedure module";
        label = `${functionName || "(anonymous)"}  ${path.slice(path.indexOf("/bench/"))}:${lineNumber + 1}`;
      } else if (path.startsWith("/bench/browser/")) {
        group = "benchmark harness";
        label = `${functionName || "(anonymous)"}  ${path.slice(path.indexOf("/bench/"))}`;
      } else if (!url && /^\(.*\)$/.test(functionName)) {
        group = functionName === "(program)" ? "(program: native, style, layout, DOM)" : functionName;
        label = functionName;
      } else {
        group = "(builtins and generated code)";
        label = `${functionName || "(anonymous)"} ${url || "(no url)"}`;
      }
      add(byPackage, group, ms);
      add(byFunction, `${group} | ${label}`, ms);
    }
    const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
    return { result, total, byPackage: [...byPackage].sort((a, b) => b[1] - a[1]), byFunction: [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15) };
  });
}

/** The core alone (no elements) on a cold page: `path` "runtime" loads the document, "compiled" the compiled procedure. */
async function coreColdLoad(size, layout, path) {
  return withPage("runtime", `core alone (${path}), ${count(size)} fields, ${layout}`, (p) => p.call("coreLoad", size, layout, path));
}

/** The JS and DOM heap of an empty page, and of each side before and after its mount. */
async function heapOf(size, layout) {
  const what = `heap, ${count(size)} fields, ${layout}`;
  const out = {};
  out.empty = await withPage({ file: "empty.html", label: "empty" }, what, (p) => p.heap());
  for (const side of ALL_SIDES) {
    out[side] = await withPage(side, what, async (p) => {
      const before = await p.heap();
      await p.call("mount", size, layout);
      return { before, after: await p.heap() };
    });
  }
  for (const path of TK_SIDES) {
    out[`core-${path}`] = await withPage("runtime", `${what}, core alone (${path})`, async (p) => {
      await p.call("importCore");
      const before = await p.heap();
      await p.call("coreOnly", size, layout, path);
      return { before, after: await p.heap() };
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What is built before the run
// ---------------------------------------------------------------------------------------------

/**
 * dist/tokhai.js exports the elements, not the core: bundle @tokhai/core alone (the plugins of
 * rollup.config.mjs) for the "core alone" measure.
 */
async function bundleCore() {
  const bundle = await rollup({
    input: join(root, "packages/core/dist/index.js"),
    plugins: [nodeResolve({ browser: true, exportConditions: ["browser", "production"] }), commonjs(), json(), terser({ format: { comments: false } })],
    onwarn: () => {},
  });
  await bundle.write({ file: join(CACHE, "core.js"), format: "es" });
  await bundle.close();
}

/** `compileProcedureModule` of the CLI's build (packages/cli/dist), as `tokhai compile` uses it. */
async function compiler() {
  const file = join(root, "packages/cli/dist/commands/compile.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run bench:browser does)`);
  const { compileProcedureModule } = await import(pathToFileURL(file).href);
  if (typeof compileProcedureModule !== "function") {
    throw new Error("packages/cli/dist/commands/compile.js exports no compileProcedureModule: the compiled path is not built (BENCH_COMPILED=0 leaves the compiled page out)");
  }
  return compileProcedureModule;
}

/** The compiled procedure of the n-field procedure in `layout`, as `tokhai compile` writes it. */
async function buildCompiled(compileProcedureModule, size, layout) {
  const name = `compiled-${layout}-${size}.js`;
  const code = await compileProcedureModule(generateProcedure(size, layout), { fileName: name });
  if (typeof code !== "string" || !code) throw new Error(`compileProcedureModule returned no module text for ${name}`);
  writeFileSync(join(CACHE, name), code);
  return `/bench/browser/.cache/${name}`;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const BUNDLES = { runtime: "/dist/tokhai.js", compiled: "/dist/tokhai.precompiled.js" };
for (const side of TK_SIDES) {
  if (!existsSync(join(root, BUNDLES[side]))) throw new Error(`${BUNDLES[side].slice(1)} is missing: run \`npm run bench:browser\` (it bundles first)`);
}
mkdirSync(CACHE, { recursive: true });
await bundleCore();
const compiledModules = new Map();
if (COMPILED) {
  const compile = await compiler();
  for (const size of SIZES) for (const layout of LAYOUTS) compiledModules.set(`${layout}-${size}`, await buildCompiled(compile, size, layout));
}
const server = await serve();
base = `http://127.0.0.1:${server.address().port}`;
const args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
// Headless Chromium draws at 60 Hz: a change would be timed to the next 16.7 ms tick, whatever it
// cost. These flags make it draw as soon as a frame is ready, so the frame time is the real cost.
if (!VSYNC) args.push("--disable-frame-rate-limit", "--disable-gpu-vsync", "--run-all-compositor-stages-before-draw");
browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });

/** The target lines printed under each table, printed again together at the end. */
const targetLines = [];
const results = [];

/** Medians of one side's runs. */
function summarise(runs) {
  const tk = runs[0].files !== undefined;
  const fileSets = tk ? new Set(runs.map((x) => x.files.before.join(" "))) : new Set();
  const gz = (paths) => paths.reduce((sum, path) => sum + gzipOf(path).gzip, 0) / KB;
  return {
    mount: median(runs.map((x) => x.mount.ms)),
    mountRaf: median(runs.map((x) => x.mount.rafMs)),
    mountDom: median(runs.map((x) => x.mount.domMs)),
    mountReady: median(runs.map((x) => x.mount.readyMs)),
    mountImport: median(runs.map((x) => x.mount.importMs)),
    mountLate: runs.filter((x) => x.mount.late).length,
    mountRenders: median(runs.map((x) => x.mount.renders)),
    mountStyle: median(runs.map((x) => x.mountBreakdown.style)),
    mountLayout: median(runs.map((x) => x.mountBreakdown.layout)),
    mountTask: median(runs.map((x) => x.mountBreakdown.task)),
    warm: median(runs.map((x) => x.warm.ms)),
    key: median(runs.flatMap((x) => x.keys.map((k) => k.ms))),
    keyRaf: median(runs.flatMap((x) => x.keys.map((k) => k.rafMs))),
    keyWork: median(runs.flatMap((x) => x.keys.map((k) => k.workMs))),
    rendered: runs.flatMap((x) => x.keys.map((k) => k.rendered)),
    keyField: runs[0].keys[0].field,
    keyDependent: runs[0].keys[0].dependent,
    hide: median(runs.flatMap((x) => x.conditions.map((c) => c.hideMs))),
    show: median(runs.flatMap((x) => x.conditions.map((c) => c.showMs))),
    validate: median(runs.map((x) => x.validate.ms)),
    validateRaf: median(runs.map((x) => x.validate.rafMs)),
    validateErrors: median(runs.map((x) => x.validate.errors)),
    validateLate: runs.filter((x) => x.validate.late).length,
    validateStyle: median(runs.map((x) => x.validateBreakdown.style)),
    validateLayout: median(runs.map((x) => x.validateBreakdown.layout)),
    // What the page loaded from /dist/ before the form was interactive: the largest of the runs (the
    // same files in every run, unless `filesVary`).
    loadedFiles: tk ? runs.map((x) => x.files.before).sort((a, b) => gz(b) - gz(a))[0] : [],
    loadedGzipKB: tk ? Math.max(...runs.map((x) => gz(x.files.before))) : NaN,
    filesVary: fileSets.size > 1,
    laterFiles: tk ? [...new Set(runs.flatMap((x) => x.files.after))].sort() : [],
    untimedFiles: tk ? [...new Set(runs.flatMap((x) => x.files.untimed))].sort() : [],
  };
}

function printTable(row) {
  const { size, layout, sides, heap: h } = row;
  const p = sides.plain;
  const any = sides[TK_SIDES[0]];
  const shape = layout === "flat" ? "no sections" : `${count(size / 20)} sections`;
  console.log(`\n${count(size)} fields, ${layout} layout (${shape}; typed into ${any.keyField}, whose dependent is ${any.keyDependent})`);
  const width = 50;
  const head = [`${"hand-written".padStart(12)}`, ...TK_SIDES.map((s) => `${SIDES[s].label.padStart(10)} ${"×hw".padStart(7)}`)];
  console.log(`  ${"".padEnd(width)} ${head.join("  ")}`);
  /** One row: the hand-written figure, then each tokhai side's figure and its ratio to it. */
  const line = (label, pick, unit = "ms", digits = 1, withRatio = true) => {
    const pv = pick(p, "plain");
    const cells = TK_SIDES.map((s) => {
      const v = pick(sides[s], s);
      return `${fmt(v, digits).padStart(10)} ${withRatio ? `${fmt(ratio(v, pv), 2)}×`.padStart(7) : "".padStart(7)}`;
    });
    console.log(`  ${label.padEnd(width)} ${fmt(pv, digits).padStart(12)}  ${cells.join("  ")}  ${unit}`);
  };
  /** A row of text cells for the tokhai sides only. */
  const textLine = (label, cell, unit) => console.log(`  ${label.padEnd(width)} ${"".padStart(12)}  ${TK_SIDES.map((s) => cell(s).padStart(18)).join("  ")}  ${unit}`);
  line("mount → inputs painted (cold page)", (x) => x.mount);
  line("  … to the rAF callback", (x) => x.mountRaf);
  line("  … DOM built (no frame yet)", (x) => x.mountDom);
  line("  … to form.ready() (after the frame)", (x, s) => (s === "plain" ? NaN : x.mountReady), "ms", 1, false);
  line("  … main thread: all tasks", (x) => x.mountTask);
  line("  … main thread: style recalc", (x) => x.mountStyle);
  line("  … main thread: layout", (x) => x.mountLayout);
  if (COMPILED) line("  (importing the compiled module, before t0)", (x, s) => (s === "compiled" ? x.mountImport : NaN), "ms", 1, false);
  textLine("  (core alone, cold page: load / createForm)", (s) => `${fmt(row.core[s].load)} / ${fmt(row.core[s].create)}`, "ms");
  line("mount again, same page (warm)", (x) => x.warm);
  line("keystroke → next frame", (x) => x.key);
  line("  … to the rAF callback", (x) => x.keyRaf);
  line("  … work: update + forced style/layout", (x) => x.keyWork, "ms", 2);
  line("condition → dependent shown", (x) => x.show);
  line("  (condition → dependent hidden)", (x) => x.hide);
  line(`validate-all → ${count(p.validateErrors)} errors painted (informative)`, (x) => x.validate);
  line("  … to the rAF callback", (x) => x.validateRaf);
  line("  … main thread: style + layout", (x) => x.validateStyle + x.validateLayout);
  line("JS heap: page with the form − empty page", (x, s) => (h[s].after.js - h.empty.js) / MB, "MB", 2);
  line("  … the form alone (− page before mount)", (x, s) => (h[s].after.js - h[s].before.js) / MB, "MB", 2);
  line("  … page before mount − empty page", (x, s) => (h[s].before.js - h.empty.js) / MB, "MB", 2, false);
  textLine("  (core alone: procedure + form, no elements)", (s) => fmt((h[`core-${s}`].after.js - h[`core-${s}`].before.js) / MB, 2), "MB");
  line("DOM heap (Blink): page − empty page", (x, s) => (h[s].after.dom - h.empty.dom) / MB, "MB", 2);
  line("gzip of /dist/ loaded before interactive", (x, s) => (s === "plain" ? NaN : x.loadedGzipKB), "KB", 1, false);
  for (const s of TK_SIDES) {
    const x = sides[s];
    const files = x.loadedFiles.map((f) => `${f.slice(1)} ${fmt(gzipOf(f).gzip / KB)} KB`).join(" + ");
    console.log(`    ${SIDES[s].label}: ${files || "(nothing?)"}${x.filesVary ? " (the files differed between runs: the largest set)" : ""}` +
      (x.laterFiles.length ? `; loaded after: ${x.laterFiles.map((f) => f.slice(1)).join(", ")}` : "") +
      (x.untimedFiles.length ? `; not in the page's resource timing, counted as before: ${x.untimedFiles.join(", ")}` : ""));
  }
  if (COMPILED) {
    const mod = gzipOf(compiledModules.get(`${layout}-${size}`));
    console.log(`    compiled procedure module (not counted): ${fmt(mod.raw / KB)} KB, ${fmt(mod.gzip / KB)} KB gzip`);
  }
  for (const s of TK_SIDES) {
    const x = sides[s];
    if (x.mountLate || x.validateLate) console.log(`  note (${SIDES[s].label}): ${x.mountLate} mount(s) and ${x.validateLate} validation(s) were not complete at the first frame; timed to completion instead`);
    const counts = x.rendered.map((r) => r.length);
    const others = new Set(x.rendered.flat().filter((y) => y !== x.keyField && y !== x.keyDependent));
    const dependentRendered = x.rendered.filter((r) => r.includes(x.keyDependent)).length;
    console.log(
      `  ${SIDES[s].label}: ${fmt(x.mountRenders, 0)} lit updates at mount; re-renders per keystroke (until settled): ${Math.min(...counts)}–${Math.max(...counts)}, ` +
        `typed field ${x.rendered.filter((r) => r.includes(x.keyField)).length}/${counts.length}, its dependent ${dependentRendered}/${counts.length}, ` +
        (others.size === 0 ? "no other element" : `OTHER elements: ${[...others].slice(0, 10).join(", ")}${others.size > 10 ? ` … (${others.size})` : ""}`),
    );
  }
}

/** The target lines of one size and layout: the compiled path (or, without it, the run-time one) against the hand-written page. */
function printTargets(row) {
  const { size, layout, sides, heap: h } = row;
  const s = COMPILED ? "compiled" : "runtime";
  const t = sides[s];
  const p = sides.plain;
  const rt = sides.runtime;
  const where = `${count(size)} ${layout}`;
  const lines = [];
  const check = (label, value, target, text) => lines.push(`  ${where.padEnd(15)} ${label.padEnd(40)} ${text.padEnd(62)} ${Number.isFinite(value) ? (value <= target ? "met" : "NOT MET") : "not measured"}`);
  const versus = (a, b, pick, digits = 1) => `${fmt(ratio(pick(a), pick(b)), 2)}× (${fmt(pick(a), digits)} vs ${fmt(pick(b), digits)} ms; run-time ${fmt(ratio(pick(rt), pick(b)), 2)}×)`;
  const mountTarget = TARGETS.mount.get(size);
  if (mountTarget !== undefined) check(`mount ≤ ${mountTarget}× hand-written`, ratio(t.mount, p.mount), mountTarget, versus(t, p, (x) => x.mount));
  check(`condition → shown ≤ ${TARGETS.condition}×`, ratio(t.show, p.show), TARGETS.condition, versus(t, p, (x) => x.show));
  check(`keystroke → frame ≤ ${TARGETS.keystroke}×`, ratio(t.key, p.key), TARGETS.keystroke, versus(t, p, (x) => x.key, 2));
  const others = new Set(t.rendered.flat().filter((y) => y !== t.keyField && y !== t.keyDependent));
  check("keystroke re-renders only its field", others.size, 0, others.size === 0 ? "only the typed field (and its dependent)" : `also ${others.size} other element(s)`);
  if (size === TARGETS.heapAt) {
    const heap = (x) => (h[x].after.js - h.empty.js) / MB;
    check(`JS heap after mount ≤ ${TARGETS.heapMB} MB`, heap(s), TARGETS.heapMB, `${fmt(heap(s), 2)} MB, page − empty page (hand-written ${fmt(heap("plain"), 2)}, run-time ${fmt(heap("runtime"), 2)})`);
  }
  if (COMPILED) {
    check(`compiled page's /dist/ ≤ ${TARGETS.compiledGzipKB} KB gzip`, t.loadedGzipKB, TARGETS.compiledGzipKB, `${fmt(t.loadedGzipKB)} KB before interactive (${t.loadedFiles.length} file(s))`);
  }
  const runtimeBundle = gzipOf(BUNDLES.runtime).gzip / KB;
  check(`dist/tokhai.js ≤ ${TARGETS.runtimeGzipKB} KB gzip`, runtimeBundle, TARGETS.runtimeGzipKB, `${fmt(runtimeBundle)} KB (run-time page loaded ${fmt(rt.loadedGzipKB)} KB)`);
  console.log(`\n  targets (issue 16), ${SIDES[s].label} vs hand-written, this run:`);
  for (const l of lines) console.log(l);
  targetLines.push(...lines);
}

try {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at start (other processes share the CPU: compare the columns of one run, not runs)`);
  console.log(`tokhai browser benchmark — Chromium ${browser.version()}, ${RUNS} runs per size and layout, ${KEYS} keystrokes and conditions per run, ` +
    `frames ${VSYNC ? "at 60 Hz (vsync)" : "not rate-limited"}; medians. "ms" = to the frame after the change (rAF + the task after it).`);
  console.log(`pages: hand-written (plain DOM); run-time = <tk-form> of ${BUNDLES.runtime.slice(1)} given the document` +
    (COMPILED ? `; compiled = <tk-form> of ${BUNDLES.compiled.slice(1)} given the compiled procedure (compileProcedureModule)` : "; compiled page left out (BENCH_COMPILED=0)") + ". ×hw: ratio to the hand-written page.");
  console.log(`bundle files, gzip level 9: ${TK_SIDES.map((s) => `${BUNDLES[s].slice(1)} ${fmt(gzipOf(BUNDLES[s]).gzip / KB)} KB (${fmt(gzipOf(BUNDLES[s]).raw / KB)} KB minified)`).join(", ")}`);
  // One untimed page of each side first: the browser's first contexts are slower than the rest.
  for (const side of ALL_SIDES) await withPage(side, "warm-up", (p) => p.call("mount", SIZES[0], LAYOUTS[0]));
  for (const size of SIZES) {
    // Within a run, both layouts and every side, in an order that changes from run to run: the
    // layouts and the sides see the same machine (which other builds share).
    const runs = Object.fromEntries(LAYOUTS.map((l) => [l, Object.fromEntries(ALL_SIDES.map((s) => [s, []]))]));
    const core = Object.fromEntries(LAYOUTS.map((l) => [l, Object.fromEntries(TK_SIDES.map((s) => [s, []]))]));
    for (let r = 0; r < RUNS; r++) {
      if (process.stderr.isTTY) process.stderr.write(`  ${size} fields: run ${r + 1}/${RUNS}\r`);
      const layouts = r % 2 ? [...LAYOUTS].reverse() : LAYOUTS;
      for (const layout of layouts) {
        for (const side of ORDERS[r % ORDERS.length]) runs[layout][side].push(await runSide(side, size, layout));
        for (const path of TK_SIDES) core[layout][path].push(await coreColdLoad(size, layout, path));
      }
    }
    const heaps = Object.fromEntries(LAYOUTS.map((l) => [l, []]));
    for (let r = 0; r < 5; r++) for (const layout of LAYOUTS) heaps[layout].push(await heapOf(size, layout));
    if (process.stderr.isTTY) process.stderr.write(" ".repeat(50) + "\r");
    for (const layout of LAYOUTS) {
      const heapMedian = (pick) => median(heaps[layout].map(pick));
      const heap = { empty: { js: heapMedian((x) => x.empty.js), dom: heapMedian((x) => x.empty.dom) } };
      for (const side of [...ALL_SIDES, ...TK_SIDES.map((s) => `core-${s}`)]) {
        heap[side] = {};
        for (const when of ["before", "after"]) heap[side][when] = { js: heapMedian((x) => x[side][when].js), dom: heapMedian((x) => x[side][when].dom) };
      }
      const row = {
        size,
        layout,
        sides: Object.fromEntries(ALL_SIDES.map((s) => [s, summarise(runs[layout][s])])),
        core: Object.fromEntries(TK_SIDES.map((s) => [s, { load: median(core[layout][s].map((c) => c.loadMs)), create: median(core[layout][s].map((c) => c.createMs)) }])),
        heap,
      };
      results.push(row);
      printTable(row);
      printTargets(row);
    }
  }
} finally {
  await browser.close();
  server.close();
}

// ---------------------------------------------------------------------------------------------
// Where the time goes: CPU profiles at the largest size
// ---------------------------------------------------------------------------------------------

if (process.env.BENCH_PROFILE !== "0" && results.length) {
  const size = results[results.length - 1].size;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });
  const server2 = await serve();
  base = `http://127.0.0.1:${server2.address().port}`;
  const main = COMPILED ? "compiled" : "runtime";
  const cases = [];
  for (const layout of LAYOUTS) {
    cases.push([main, layout, "mount", "a cold mount"]);
    if (COMPILED) cases.push(["runtime", layout, "mount", "a cold mount"]);
  }
  cases.push([main, LAYOUTS[LAYOUTS.length - 1], "validateAll", "validate-all"]);
  try {
    for (const [side, layout, action, what] of cases) {
      const prof = await profile(side, size, layout, action);
      console.log(`\nCPU profile of ${what} of <tk-form> (${SIDES[side].label}) at ${count(size)} fields, ${layout} (one run, ${fmt(prof.result.ms)} ms to the frame; sampled self time ${fmt(prof.total)} ms, by package):`);
      for (const [group, t] of prof.byPackage) if (t >= 0.5) console.log(`  ${group.padEnd(40)} ${fmt(t).padStart(8)} ms ${((t / prof.total) * 100).toFixed(0).padStart(4)} %`);
      console.log("  functions with the most self time:");
      for (const [label, t] of prof.byFunction) console.log(`  ${fmt(t).padStart(8)} ms  ${label}`);
      const plain = await profile("plain", size, layout, action);
      console.log(`  the hand-written page, same action: ${fmt(plain.result.ms)} ms to the frame; sampled ${fmt(plain.total)} ms; most self time: ` +
        plain.byFunction.slice(0, 4).map(([label, t]) => `${label.split(" | ")[1].trim()} ${fmt(t)} ms`).join(", "));
    }
  } finally {
    await browser.close();
    server2.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Targets, all together
// ---------------------------------------------------------------------------------------------

console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
if (targetLines.length) {
  console.log(`\nTargets of issue 16 (${COMPILED ? "compiled" : "run-time (no compiled page in this run)"} vs the hand-written page of the same run):`);
  for (const l of targetLines) console.log(l);
}
