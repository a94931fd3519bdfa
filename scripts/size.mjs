// Bundle sizes: `npm run size` (builds and bundles first). Reports, never fails.
//
// For dist/tokhai.js and dist/tokhai.precompiled.js: minified size, gzip size (zlib level 9), the
// targets, and an estimate of what each package contributes. The estimate attributes every byte of
// the minified bundle to the source file its source map points at (rollup's map, chained through
// terser), groups the files by package, and gzips each group's bytes on their own. Compressing a
// group alone loses the context the rest of the bundle gives it, so the "gzip alone" column adds up
// to a little more than the real gzip size; the "≈ share" column scales it back to the real total.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { AJV_DEPS, decodeSegment, groupOf } from "./sourcemap.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const KB = 1024;
const BUNDLES = [
  { file: "dist/tokhai.js", what: "run-time: must not grow past issue 16's 110 KB", target: 110 },
  { file: "dist/tokhai.precompiled.js", what: "compiled procedures", target: 60 },
];

const ORDER = ["lit", "jsonata", "ajv", "ajv-formats", AJV_DEPS, "@tokhai/core", "@tokhai/elements"];

/** Minified bytes per source index (-1: not mapped: rollup's glue, terser's helpers). */
function attribute(code, map) {
  const lines = code.split("\n");
  const mapLines = map.mappings.split(";");
  const chunks = new Map(); // source index → array of strings
  const add = (src, text) => {
    if (!text) return;
    let list = chunks.get(src);
    if (!list) chunks.set(src, (list = []));
    list.push(text);
  };
  let source = 0;
  let current = -1; // the source of the last segment: a template literal goes on over lines
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] + (l < lines.length - 1 ? "\n" : "");
    const segs = [];
    let col = 0;
    for (const raw of (mapLines[l] ?? "").split(",")) {
      if (!raw) continue;
      const f = decodeSegment(raw);
      col += f[0];
      if (f.length >= 4) {
        source += f[1];
        segs.push([col, source]); // original line, column and name: not needed for sizes
      } else {
        segs.push([col, -1]);
      }
    }
    if (segs.length === 0 || segs[0][0] > 0) add(current, line.slice(0, segs.length ? segs[0][0] : line.length));
    for (let i = 0; i < segs.length; i++) {
      const end = i + 1 < segs.length ? segs[i + 1][0] : line.length;
      add(segs[i][1], line.slice(segs[i][0], end));
      current = segs[i][1];
    }
  }
  return chunks;
}

const kb = (bytes) => (bytes / KB).toFixed(1).padStart(7) + " KB";

console.log("tokhai bundle sizes (minified; gzip = zlib level 9)\n");
let missing = false;
for (const bundle of BUNDLES) {
  const path = `${root}${bundle.file}`;
  if (!existsSync(path)) {
    console.log(`${bundle.file}: missing (run \`npm run bundle\`)\n`);
    missing = true;
    continue;
  }
  const buf = readFileSync(path);
  const code = buf.toString("utf8");
  const gzip = gzipSync(buf, { level: 9 }).length;
  const met = gzip <= bundle.target * KB;
  console.log(`${bundle.file}`);
  console.log(`  minified ${kb(buf.length)}   gzip ${kb(gzip)}   target ≤ ${bundle.target} KB gzip (${bundle.what}): ${met ? "met" : "NOT MET"}` +
    (met ? "" : ` (${((gzip / (bundle.target * KB) - 1) * 100).toFixed(0)} % over)`));

  const mapPath = `${path}.map`;
  if (!existsSync(mapPath)) {
    console.log("  (no source map: no breakdown)\n");
    continue;
  }
  const map = JSON.parse(readFileSync(mapPath, "utf8"));
  const bySource = attribute(code, map);
  const groups = new Map();
  for (const [src, texts] of bySource) {
    const group = src < 0 ? "(unmapped: bundle glue)" : groupOf(map.sources[src] ?? "");
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { texts: [], files: new Set() }));
    g.texts.push(...texts);
    if (src >= 0) g.files.add(map.sources[src]);
  }
  const rows = [...groups].map(([name, g]) => {
    const text = Buffer.from(g.texts.join(""), "utf8");
    return { name, files: g.files.size, min: text.length, gz: gzipSync(text, { level: 9 }).length };
  });
  const rank = (n) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length + (n.startsWith("(") ? 1 : 0));
  rows.sort((a, b) => rank(a.name) - rank(b.name) || b.min - a.min);
  const sumGz = rows.reduce((s, r) => s + r.gz, 0);
  const sumMin = rows.reduce((s, r) => s + r.min, 0);
  console.log(`  breakdown (estimate, from the source map):`);
  console.log(`    ${"package".padEnd(42)} ${"files".padStart(5)} ${"minified".padStart(10)} ${"gzip alone".padStart(10)} ${"≈ share of gzip".padStart(16)}`);
  for (const r of rows) {
    const share = (r.gz / sumGz) * gzip;
    console.log(`    ${r.name.padEnd(42)} ${String(r.files).padStart(5)} ${kb(r.min).padStart(10)} ${kb(r.gz).padStart(10)} ${kb(share).padStart(9)} ${((share / gzip) * 100).toFixed(0).padStart(4)} %`);
  }
  console.log(`    ${"total".padEnd(42)} ${"".padStart(5)} ${kb(sumMin).padStart(10)} ${kb(sumGz).padStart(10)} ${kb(gzip).padStart(9)}  100 %`);
  const files = [...bySource]
    .filter(([src]) => src >= 0)
    .map(([src, texts]) => ({ file: map.sources[src].replace(/^(\.\.\/)+/, ""), min: Buffer.byteLength(texts.join(""), "utf8") }))
    .sort((a, b) => b.min - a.min)
    .slice(0, Number(process.env.SIZE_FILES ?? 8));
  console.log(`  largest source files (minified): ${files.map((f) => `${f.file} ${(f.min / KB).toFixed(1)} KB`).join(", ")}`);
  const without = (names) => rows.filter((r) => !names.includes(r.name)).reduce((s, r) => s + (r.gz / sumGz) * gzip, 0);
  console.log(`  ≈ without ajv, ajv-formats and ajv deps: ${kb(without(["ajv", "ajv-formats", "ajv deps (fast-uri, fast-deep-equal, …)"])).trim()} gzip`);
  console.log("");
}
if (missing) console.log("Some bundles are missing: nothing to compare.");
