// The example procedures (examples/procedures/) as a procedure designer meets them, through the CLI:
// each passes `tokhai check --strict` (no error, no warning), has complete English texts, and with
// its sample persona (named in test/e2e/answers/<procedure>.json) `tokhai stats` shows that the
// citizen types at most 20 % of the fields shown: the rest comes from the state's data or is computed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tokhai } from "./tokhai-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
type Json = Record<string, any>;

const names = readdirSync(`${root}/examples/procedures`)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** The catalogue as the portal passes it: the whole file is the `catalog` source. */
const UNITS = "catalog=examples/data/administrative-units.json";

describe("the example procedures", () => {
  it("are the five procedures of the examples", () => {
    expect(names).toEqual(["cap-doi-giay-phep-lai-xe", "dang-ky-ho-kinh-doanh", "dang-ky-ket-hon", "dang-ky-khai-sinh", "dang-ky-thuong-tru"]);
  });

  it("pass tokhai check --strict: no error and no warning", async () => {
    const { code, stdout, stderr } = await tokhai("check", "--strict", ...names.map((n) => `examples/procedures/${n}.json`));
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(`✔ ${names.length} procedures checked: no problems`);
  });

  describe.each(names)("%s", (name) => {
    const document: Json = JSON.parse(readFileSync(`${root}/examples/procedures/${name}.json`, "utf8"));
    const answers = `${root}/test/e2e/answers/${name}.json`;
    const sample: string | undefined = existsSync(answers) ? JSON.parse(readFileSync(answers, "utf8")).samplePersona : undefined;

    it("has a Vietnamese title, steps, and an English title for the procedure and each step", () => {
      expect(document.defaultLocale).toBe("vi");
      expect(document.title).toEqual(expect.any(String));
      expect(document.i18n?.en?.title).toEqual(expect.any(String));
      expect(document.steps.length).toBeGreaterThanOrEqual(2);
      for (const step of document.steps) expect(document.i18n.en.steps?.[step.id]?.title, `step ${step.id}`).toEqual(expect.any(String));
    });

    it("gives every titled field an English title", () => {
      const missing: string[] = [];
      const walk = (schema: Json, pointer: string) => {
        if (schema.title !== undefined && pointer !== "" && document.i18n.en[pointer]?.title === undefined) missing.push(pointer);
        for (const [key, child] of Object.entries<Json>(schema.properties ?? {})) walk(child, `${pointer}/${key}`);
        if (schema.items && typeof schema.items === "object") walk(schema.items, `${pointer}/-`);
      };
      walk(document.schema, "");
      expect(missing).toEqual([]);
    });

    it("with its sample persona, the citizen types at most 20 % of the fields shown", async () => {
      expect(sample, `samplePersona in test/e2e/answers/${name}.json`).toEqual(expect.any(String));
      const { code, stdout, stderr } = await tokhai("stats", `examples/procedures/${name}.json`, "--context", `examples/data/personas/${sample}.json`, "--context", UNITS, "--format", "json");
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const { total } = JSON.parse(stdout);
      expect(total.fields - total.hidden).toBeGreaterThan(0);
      expect(total.typedPercent).toBeLessThanOrEqual(20);
      expect(total.typed / (total.fields - total.hidden)).toBeLessThanOrEqual(0.2);
    });
  });
});
