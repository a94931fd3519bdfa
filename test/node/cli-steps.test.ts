// Issue 15: `tokhai stats` and `tokhai types` agree with the form on which steps exist. A conditional
// step's fields are conditional (counted as revealed by the answer that shows the step) and optional in
// the generated types; an exit page is no step of the report.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = join(root, "test/.tmp/cli-steps");
const file = join(dir, "xe.json");
const TIMEOUT = 60_000;

const procedure = {
  id: "vn.test.xe",
  version: "1.0.0",
  title: "Khai xe",
  schema: {
    type: "object",
    required: ["status", "hasCar", "car"],
    properties: {
      status: { type: "string", oneOf: [{ const: "single", title: "Độc thân" }, { const: "married", title: "Đã kết hôn" }] },
      hasCar: { type: "boolean" },
      car: { type: "object", required: ["plate"], properties: { plate: { type: "string" } } },
      note: { type: "string" },
    },
  },
  steps: [
    { id: "about", title: "Về bạn", fields: ["/status", "/hasCar"] },
    { id: "married", kind: "exit", title: "Bạn đã kết hôn", body: "Không thể đăng ký.", "x-visible": "status = 'married'" },
    { id: "vehicle", title: "Xe", fields: ["/car"], "x-visible": "hasCar = true" },
    { id: "other", title: "Khác", fields: ["/note"] },
  ],
};

beforeAll(async () => {
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(procedure, null, 2));
});

describe("a procedure with a conditional step and an exit page", () => {
  it("passes tokhai check", async () => {
    const run = await tokhai("check", "--strict", file);
    expect(run.stderr).toMatch(/no problems/);
    expect(run.code).toBe(0);
  }, TIMEOUT);

  it("is reported by tokhai stats step by step, the conditional step's field revealed by an answer", async () => {
    const run = await tokhai("stats", "--format", "json", file);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { steps: { id: string; fields: number; conditional: number; hidden: number; revealed: number; typed: number; typedAtMost: number }[] };
    expect(report.steps.map((s) => s.id)).toEqual(["about", "vehicle", "other"]);
    const vehicle = report.steps.find((s) => s.id === "vehicle")!;
    expect(vehicle).toMatchObject({ fields: 1, conditional: 1, hidden: 1, revealed: 1, typed: 0, typedAtMost: 1 });
  }, TIMEOUT);

  it("has the conditional step's fields optional in tokhai types", async () => {
    const out = join(dir, "xe.ts");
    const run = await tokhai("types", file, "-o", out);
    expect(run.code).toBe(0);
    const text = await readFile(out, "utf8");
    expect(text).toMatch(/car\?: \{/);
    expect(text).toMatch(/Present only when `hasCar = true`/);
    expect(text).toMatch(/status: "single" \| "married"/);
  }, TIMEOUT);
});
