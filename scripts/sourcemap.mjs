// A minimal source map v3 reader: enough to say which original file (and name) a position of the
// minified bundle comes from, and which package that file belongs to. Used by `npm run size` to
// attribute bundle bytes, and by the browser benchmark to attribute CPU profile samples.
import { readFileSync } from "node:fs";

const B64 = new Map([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]));

/** One segment of `mappings`: its Base64 VLQ fields. */
export function decodeSegment(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = B64.get(c);
    if (digit === undefined) throw new Error(`bad VLQ digit ${c}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value % 2 ? -Math.floor(value / 2) : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export class SourceMap {
  constructor(path) {
    const map = JSON.parse(readFileSync(path, "utf8"));
    this.sources = map.sources;
    this.names = map.names ?? [];
    /** Per generated line: sorted [column, source, line, col, name] segments. */
    this.lines = [];
    let source = 0;
    let line = 0;
    let col = 0;
    let name = 0;
    for (const raw of map.mappings.split(";")) {
      const segs = [];
      let gen = 0;
      for (const s of raw.split(",")) {
        if (!s) continue;
        const f = decodeSegment(s);
        gen += f[0];
        if (f.length >= 4) {
          source += f[1];
          line += f[2];
          col += f[3];
          if (f.length >= 5) name += f[4];
          segs.push([gen, source, line, col, f.length >= 5 ? name : -1]);
        } else segs.push([gen, -1, -1, -1, -1]);
      }
      this.lines.push(segs);
    }
  }

  /** The original position of a generated one (0-based line and column), or undefined. */
  lookup(line, column) {
    const segs = this.lines[line];
    if (!segs || segs.length === 0) return undefined;
    let lo = 0;
    let hi = segs.length - 1;
    if (segs[0][0] > column) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid][0] <= column) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo];
    if (s[1] < 0) return undefined;
    return { source: this.sources[s[1]], line: s[2], column: s[3], name: s[4] >= 0 ? this.names[s[4]] : undefined };
  }
}

/** The package a source path (as written in the map) belongs to, ajv's helpers apart. */
export function groupOf(source) {
  const s = source.replace(/\\/g, "/");
  if (/(^|\/)packages\/core\//.test(s)) return "@tokhai/core";
  if (/(^|\/)packages\/elements\//.test(s)) return "@tokhai/elements";
  const nm = s.lastIndexOf("node_modules/");
  if (nm < 0) return "(other)";
  const parts = s.slice(nm + "node_modules/".length).split("/");
  const pkg = parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  if (pkg === "lit" || pkg === "lit-html" || pkg === "lit-element" || pkg.startsWith("@lit/")) return "lit";
  if (["fast-uri", "fast-deep-equal", "json-schema-traverse", "require-from-string", "uri-js"].includes(pkg)) return AJV_DEPS;
  return pkg;
}

export const AJV_DEPS = "ajv deps (fast-uri, fast-deep-equal, …)";

/** The package a source path belongs to, with ajv-formats and ajv's dependencies counted as ajv. */
export function packageOf(source) {
  const group = groupOf(source);
  return group === "ajv-formats" || group === AJV_DEPS ? "ajv" : group;
}
