// Browser benchmark: `npm run bench:browser` (builds and bundles first). Not part of `npm test`.
//
// Serves the repository on 127.0.0.1, opens Chromium and, for 100, 500 and 2,000 string fields,
// measures in the same run <tk-form> (dist/tokhai.js) against a hand-written plain-DOM page of the
// same fields (bench/browser/plain-page.mjs). Every run uses fresh pages in fresh browser contexts
// (separate renderer processes), alternating which side goes first. Prints medians and the targets.
//
// Environment: BENCH_SIZES (default 100,500,2000), BENCH_RUNS (default 7), BENCH_KEYS (keystrokes
// and conditions per run, default 5), CHROMIUM_PATH (default /usr/bin/chromium), BENCH_VSYNC=1 to keep Chromium's
// 60 Hz frame clock (by default frames are not rate-limited, so "next frame" means "as soon as the
// frame is done", not "at the next 16.7 ms tick"), BENCH_PROFILE=0 to skip the CPU profiles.
//
// Also built here, in bench/browser/.cache/: @tokhai/core alone (for the "core alone" rows) and, per
// size, the data validator compiled ahead of time (for the precompiled bundle's rows).
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { chromium } from "playwright";
import { rollup } from "rollup";
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import { compileValidatorSource } from "@tokhai/core/compile";
import { SourceMap, packageOf } from "../../scripts/sourcemap.mjs";
import { generateProcedure } from "./procedure.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? "100,500,2000").split(",").map(Number);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const KEYS = Math.max(1, Number(process.env.BENCH_KEYS ?? 5));
const VSYNC = process.env.BENCH_VSYNC === "1";
const TARGETS = { mount: 1.2, keystroke: 1.1, condition: 1.5, validateMs: 100, heapMB: 8 };

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

let browser;
let base;

/** A fresh page in a fresh context (its own renderer process), with a CDP session. */
async function openPage(file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(new Error(m.text()));
  });
  await page.goto(`${base}/bench/browser/${file}`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return {
    page,
    cdp,
    errors,
    async close() {
      await context.close();
    },
    async call(method, ...args) {
      const result = await page.evaluate(([m, a]) => window.bench[m](...a), [method, args]);
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
}

/** Main-thread time by kind between two Performance.getMetrics snapshots, in ms. */
function breakdown(before, after) {
  const d = (k) => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000;
  return { style: d("RecalcStyleDuration"), layout: d("LayoutDuration"), task: d("TaskDuration") };
}

// ---------------------------------------------------------------------------------------------
// One run of one side
// ---------------------------------------------------------------------------------------------

async function runSide(file, size) {
  const p = await openPage(file);
  try {
    const m0 = await p.metrics();
    const mount = await p.call("mount", size);
    const m1 = await p.metrics();
    const keys = [];
    for (let k = 0; k < KEYS; k++) keys.push(await p.call("keystroke", k));
    const conditions = [];
    for (let k = 0; k < KEYS; k++) conditions.push(await p.call("condition"));
    const m2 = await p.metrics();
    const validate = await p.call("validateAll");
    const m3 = await p.metrics();
    await p.call("unmount");
    const warm = await p.call("mount", size);
    return { mount, mountBreakdown: breakdown(m0, m1), keys, conditions, validate, validateBreakdown: breakdown(m2, m3), warm };
  } finally {
    await p.close();
  }
}

/**
 * A CPU profile of one action on the tk-form page (fresh page), attributed to packages through the
 * bundle's source map: self time per package and the functions with the most self time.
 */
async function profile(file, size, action) {
  const map = new SourceMap(join(root, "dist/tokhai.js.map"));
  const p = await openPage(file);
  try {
    if (action !== "mount") await p.call("mount", size);
    await p.cdp.send("Profiler.enable");
    await p.cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await p.cdp.send("Profiler.start");
    const result = action === "mount" ? await p.call("mount", size) : await p.call(action);
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
      let group;
      let label;
      if (url.endsWith("/dist/tokhai.js")) {
        const orig = map.lookup(lineNumber, columnNumber);
        group = orig ? packageOf(orig.source) : "(bundle, unmapped)";
        const file = orig ? orig.source.replace(/^(\.\.\/)+/, "").replace(/^node_modules\//, "") : "dist/tokhai.js";
        label = `${orig?.name ?? (functionName || "(anonymous)")}  ${file}:${orig ? orig.line + 1 : lineNumber + 1}`;
      } else if (url.includes("/bench/browser/")) {
        group = "benchmark harness";
        label = `${functionName || "(anonymous)"}  ${url.slice(url.indexOf("/bench/"))}`;
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
  } finally {
    await p.close();
  }
}

/** A cold mount of the precompiled bundle, with validators compiled ahead of time. */
async function precompiledMount(size) {
  const p = await openPage("tk.html?bundle=precompiled");
  try {
    return await p.call("mount", size);
  } finally {
    await p.close();
  }
}

async function coreColdLoad(size) {
  const p = await openPage("tk.html");
  try {
    return await p.call("coreLoad", size);
  } finally {
    await p.close();
  }
}

async function heapOf(size) {
  const empty = await openPage("empty.html");
  const emptyHeap = await empty.heap();
  await empty.close();
  const tk = await openPage("tk.html");
  const libraryHeap = await tk.heap();
  await tk.call("mount", size);
  const tkHeap = await tk.heap();
  await tk.close();
  const pre = await openPage("tk.html?bundle=precompiled");
  const preBefore = await pre.heap();
  await pre.call("mount", size);
  const preHeap = await pre.heap();
  await pre.close();
  const core = await openPage("tk.html");
  await core.call("importCore");
  const coreBefore = await core.heap();
  await core.call("coreOnly", size);
  const coreHeap = await core.heap();
  await core.close();
  const plainPage = await openPage("plain.html");
  const plainBefore = await plainPage.heap();
  await plainPage.call("mount", size);
  const plainHeap = await plainPage.heap();
  await plainPage.close();
  return { emptyHeap, libraryHeap, tkHeap, plainBefore, plainHeap, preBefore, preHeap, coreBefore, coreHeap };
}

// ---------------------------------------------------------------------------------------------
// Main
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
  await bundle.write({ file: join(root, "bench/browser/.cache/core.js"), format: "es" });
  await bundle.close();
}

/**
 * The data validator of the n-field procedure, compiled ahead of time as `tokhai compile` does
 * (`compileValidatorSource`), bundled into one ES module for the precompiled
 * bundle's page.
 */
async function buildValidators(size) {
  const dir = join(root, "bench/browser/.cache");
  mkdirSync(dir, { recursive: true });
  const src = join(dir, `validators-${size}.src.js`);
  writeFileSync(src, compileValidatorSource(generateProcedure(size).schema));
  const bundle = await rollup({
    input: src,
    plugins: [nodeResolve({ browser: true }), commonjs({ transformMixedEsModules: true }), terser({ format: { comments: false } })],
    onwarn: () => {},
  });
  await bundle.write({ file: join(dir, `validators-${size}.js`), format: "es" });
  await bundle.close();
}

if (!existsSync(join(root, "dist/tokhai.js"))) throw new Error("dist/tokhai.js is missing: run `npm run bench:browser` (it bundles first)");
await bundleCore();
for (const size of SIZES) await buildValidators(size);
const server = await serve();
base = `http://127.0.0.1:${server.address().port}`;
const args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
// Headless Chromium draws at 60 Hz: a change would be timed to the next 16.7 ms tick, whatever it
// cost. These flags make it draw as soon as a frame is ready, so the frame time is the real cost.
if (!VSYNC) args.push("--disable-frame-rate-limit", "--disable-gpu-vsync", "--run-all-compositor-stages-before-draw");
browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });

const fmt = (v, digits = 1) => (typeof v === "number" && !Number.isNaN(v) ? v.toFixed(digits) : "—");
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const results = [];
try {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at start (other processes share the CPU: compare the two columns of one run, not runs)`);
  console.log(`tokhai browser benchmark — Chromium ${browser.version()}, ${RUNS} runs per size, ${KEYS} keystrokes and conditions per run, ` +
    `frames ${VSYNC ? "at 60 Hz (vsync)" : "not rate-limited"}; medians. "ms" = to the frame after the change (rAF + the task after it).\n`);
  for (const size of SIZES) {
    const tk = [];
    const plain = [];
    const core = [];
    const pre = [];
    for (let r = 0; r < RUNS; r++) {
      if (process.stderr.isTTY) process.stderr.write(`  ${size} fields: run ${r + 1}/${RUNS}\r`);
      if (r % 2 === 0) {
        tk.push(await runSide("tk.html", size));
        plain.push(await runSide("plain.html", size));
      } else {
        plain.push(await runSide("plain.html", size));
        tk.push(await runSide("tk.html", size));
      }
      core.push(await coreColdLoad(size));
      pre.push(await precompiledMount(size));
    }
    const heaps = [];
    for (let r = 0; r < 5; r++) heaps.push(await heapOf(size));
    if (process.stderr.isTTY) process.stderr.write(" ".repeat(40) + "\r");
    const side = (runs) => ({
      mount: median(runs.map((x) => x.mount.ms)),
      mountRaf: median(runs.map((x) => x.mount.rafMs)),
      mountDom: median(runs.map((x) => x.mount.domMs)),
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
    });
    const row = {
      size,
      tk: side(tk),
      plain: side(plain),
      precompiledMount: median(pre.map((x) => x.ms)),
      coreLoad: median(core.map((c) => c.loadMs)),
      coreCreate: median(core.map((c) => c.createMs)),
      heap: Object.fromEntries(
        ["js", "dom"].map((kind) => [
          kind,
          {
            empty: median(heaps.map((h) => h.emptyHeap[kind])),
            library: median(heaps.map((h) => h.libraryHeap[kind])),
            tk: median(heaps.map((h) => h.tkHeap[kind])),
            plainBefore: median(heaps.map((h) => h.plainBefore[kind])),
            plain: median(heaps.map((h) => h.plainHeap[kind])),
            preBefore: median(heaps.map((h) => h.preBefore[kind])),
            pre: median(heaps.map((h) => h.preHeap[kind])),
            coreBefore: median(heaps.map((h) => h.coreBefore[kind])),
            core: median(heaps.map((h) => h.coreHeap[kind])),
          },
        ]),
      ),
    };
    results.push(row);

    const t = row.tk;
    const p = row.plain;
    const h = row.heap;
    console.log(`\n${size} fields (${size / 20} sections; typed into ${t.keyField}, whose dependent is ${t.keyDependent})`);
    const line = (label, a, b, unit = "ms", digits = 1) =>
      console.log(`  ${label.padEnd(44)} ${fmt(a, digits).padStart(9)} ${fmt(b, digits).padStart(9)} ${unit.padEnd(3)} ${fmt(ratio(a, b), 2).padStart(7)}×`);
    console.log(`  ${"".padEnd(44)} ${"tk-form".padStart(9)} ${"plain".padStart(9)}     ${"ratio".padStart(8)}`);
    line("mount → inputs painted (cold page)", t.mount, p.mount);
    line("  … to the rAF callback", t.mountRaf, p.mountRaf);
    line("  … DOM built (no frame yet)", t.mountDom, p.mountDom);
    line("  … main thread: all tasks", t.mountTask, p.mountTask);
    line("  … main thread: style recalc", t.mountStyle, p.mountStyle);
    line("  … main thread: layout", t.mountLayout, p.mountLayout);
    console.log(`  ${"  … core alone, cold page: load / createForm".padEnd(44)} ${fmt(row.coreLoad).padStart(9)} / ${fmt(row.coreCreate)} ms`);
    line("mount, precompiled bundle + validators (cold)", row.precompiledMount, p.mount);
    line("mount again, same page (warm)", t.warm, p.warm);
    line("keystroke → next frame", t.key, p.key);
    line("  … to the rAF callback", t.keyRaf, p.keyRaf);
    line("  … work: update + forced style/layout", t.keyWork, p.keyWork, "ms", 2);
    line("condition → dependent shown", t.show, p.show);
    line("  (condition → dependent hidden)", t.hide, p.hide);
    line(`validate-all → ${t.validateErrors} errors painted`, t.validate, p.validate);
    line("  … to the rAF callback", t.validateRaf, p.validateRaf);
    line("  … main thread: style + layout", t.validateStyle + t.validateLayout, p.validateStyle + p.validateLayout);
    line("JS heap: page with the form − empty page", (h.js.tk - h.js.empty) / MB, (h.js.plain - h.js.empty) / MB, "MB", 2);
    line("  … the form alone (− page before mount)", (h.js.tk - h.js.library) / MB, (h.js.plain - h.js.plainBefore) / MB, "MB", 2);
    console.log(`  ${"  … empty page / tk page before mount".padEnd(44)} ${fmt(h.js.empty / MB, 2).padStart(9)} / ${fmt(h.js.library / MB, 2)} MB`);
    console.log(`  ${"  … core alone: procedure + form, no elements".padEnd(44)} ${fmt((h.js.core - h.js.coreBefore) / MB, 2).padStart(9)} MB`);
    console.log(`  ${"  … precompiled bundle: page − empty / form".padEnd(44)} ${fmt((h.js.pre - h.js.empty) / MB, 2).padStart(9)} / ${fmt((h.js.pre - h.js.preBefore) / MB, 2)} MB`);
    line("DOM heap (Blink): page − empty page", (h.dom.tk - h.dom.empty) / MB, (h.dom.plain - h.dom.empty) / MB, "MB", 2);
    if (t.mountLate || t.validateLate) console.log(`  note: ${t.mountLate} mount(s) and ${t.validateLate} validation(s) were not complete at the first frame; timed to completion instead`);
    // Re-renders per keystroke.
    const counts = t.rendered.map((r) => r.length);
    const others = new Set(t.rendered.flat().filter((x) => x !== t.keyField && x !== t.keyDependent));
    const dependentRendered = t.rendered.filter((r) => r.includes(t.keyDependent)).length;
    console.log(
      `  re-renders per keystroke (lit updated() calls, until settled): ${Math.min(...counts)}–${Math.max(...counts)}; ` +
        `typed field ${t.rendered.filter((r) => r.includes(t.keyField)).length}/${counts.length}, its dependent ${dependentRendered}/${counts.length}, ` +
        (others.size === 0 ? "no other element" : `OTHER elements: ${[...others].slice(0, 10).join(", ")}${others.size > 10 ? ` … (${others.size})` : ""}`),
    );
    console.log(`  mount: ${fmt(t.mountRenders, 0)} lit updates for ${size} fields + ${size / 20} sections + the form`);
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
  try {
    for (const [action, what] of [["mount", "a cold mount"], ["validateAll", "validate-all"]]) {
      const prof = await profile("tk.html", size, action);
      console.log(`\nCPU profile of ${what} of <tk-form> at ${size} fields (one run, ${fmt(prof.result.ms)} ms to the frame; sampled self time ${fmt(prof.total)} ms, by package):`);
      for (const [group, t] of prof.byPackage) if (t >= 0.5) console.log(`  ${group.padEnd(40)} ${fmt(t).padStart(8)} ms ${((t / prof.total) * 100).toFixed(0).padStart(4)} %`);
      console.log("  functions with the most self time:");
      for (const [label, t] of prof.byFunction) console.log(`  ${fmt(t).padStart(8)} ms  ${label}`);
      const plain = await profile("plain.html", size, action);
      console.log(`  the hand-written page, same action: ${fmt(plain.result.ms)} ms to the frame; sampled ${fmt(plain.total)} ms; most self time: ` +
        plain.byFunction.slice(0, 4).map(([label, t]) => `${label.split(" | ")[1].trim()} ${fmt(t)} ms`).join(", "));
    }
  } finally {
    await browser.close();
    server2.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
const at = results.find((r) => r.size === 2000) ?? results[results.length - 1];
if (at) {
  const t = at.tk;
  const p = at.plain;
  const heapMB = (at.heap.js.tk - at.heap.js.empty) / MB;
  console.log(`\nTargets at ${at.size} fields:`);
  const check = (label, value, target, text) => console.log(`  ${label.padEnd(34)} ${text.padEnd(44)} ${value <= target ? "met" : "NOT MET"}`);
  const mr = ratio(t.mount, p.mount);
  check("mount ≤ 1.2× hand-written", mr, TARGETS.mount, `${fmt(mr, 2)}× (${fmt(t.mount)} vs ${fmt(p.mount)} ms)`);
  const kr = ratio(t.key, p.key);
  check("keystroke ≤ 1.1×", kr, TARGETS.keystroke, `${fmt(kr, 2)}× (${fmt(t.key, 2)} vs ${fmt(p.key, 2)} ms)`);
  const kw = ratio(t.keyWork, p.keyWork);
  console.log(`  ${"  (work only, no frame wait)".padEnd(34)} ${`${fmt(kw, 2)}× (${fmt(t.keyWork, 2)} vs ${fmt(p.keyWork, 2)} ms)`.padEnd(44)} ${kw <= TARGETS.keystroke ? "within 1.1×" : "over 1.1×"}`);
  const cr = ratio(t.show, p.show);
  check("condition ≤ 1.5×", cr, TARGETS.condition, `${fmt(cr, 2)}× (${fmt(t.show)} vs ${fmt(p.show)} ms)`);
  check("validate-all → errors ≤ 100 ms", t.validate, TARGETS.validateMs, `${fmt(t.validate)} ms (hand-written: ${fmt(p.validate)} ms)`);
  check("JS heap ≤ 8 MB", heapMB, TARGETS.heapMB, `${fmt(heapMB, 2)} MB (hand-written: ${fmt((at.heap.js.plain - at.heap.js.empty) / MB, 2)} MB)`);
  const domMB = (at.heap.dom.tk - at.heap.dom.empty) / MB;
  console.log(`  ${"  (DOM heap, not in the target)".padEnd(34)} ${`${fmt(domMB, 2)} MB (hand-written: ${fmt((at.heap.dom.plain - at.heap.dom.empty) / MB, 2)} MB)`.padEnd(44)} ${domMB <= TARGETS.heapMB ? "within 8 MB" : "over 8 MB"}`);
  const others = new Set(t.rendered.flat().filter((x) => x !== t.keyField && x !== t.keyDependent));
  console.log(`  ${"keystroke re-renders only its field".padEnd(34)} ${(others.size === 0 ? "only the typed field (and its dependent)" : `also ${others.size} other element(s)`).padEnd(44)} ${others.size === 0 ? "met" : "NOT MET"}`);
}
